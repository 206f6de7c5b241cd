//! Shared page pieces: Markdown, dates in Swedish, pagination, static files and error pages.

pub mod confirm;
pub mod csv_out;
pub mod errors;
pub mod frame;
pub mod i18n;
pub mod markdown;
pub mod memo;
pub mod merge_patch;
pub mod vocabulary;
pub mod whole;

use actix_web::{HttpResponse, http::header, web};
use chrono::{DateTime, NaiveDate, Utc};

/// A day as the page's language writes it: "14 maj 2024", "14 May 2024" (Swedish outside a
/// request).
pub fn date_text(date: NaiveDate) -> String {
    i18n::date(i18n::lang(), date)
}

/// The calendar day in Sweden at the instant `at`.
pub fn stockholm_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive()
}

/// A number as the page's language writes it, at most two decimals: "3,5", "14", "0,25" in
/// Swedish, "3.5" in English.
pub fn number_text(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match i18n::lang() {
        i18n::Lang::Sv => text.replace('.', ","),
        i18n::Lang::En => text.to_owned(),
    }
}

/// The message asking for a whole number from `min` to `max`, in the reader's language.
pub fn integer_range(min: usize, max: usize) -> String {
    i18n::text_with(
        i18n::lang(),
        "web-error-integer-range",
        &[
            ("min", min.to_string().into()),
            ("max", max.to_string().into()),
        ],
    )
}

/// A date typed in a form (ÅÅÅÅ-MM-DD): none when blank; an issue under `field` when it is
/// not a date.
pub fn date_field(
    value: &str,
    field: &str,
    issues: &mut Vec<crate::error::FieldIssue>,
) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let parsed = value.parse().ok();
    if parsed.is_none() {
        issues.push(crate::error::FieldIssue::new(
            field,
            "web-error-date-format",
        ));
    }
    parsed
}

/// "14 maj 2024 kl. 09:30", "14 May 2024, 09:30": in Swedish time, in the page's language.
pub fn datetime_text(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Stockholm);
    i18n::text_with(
        i18n::lang(),
        "datetime",
        &[
            ("date", date_text(local.date_naive()).into()),
            ("time", local.format("%H:%M").to_string().into()),
        ],
    )
}

/// One option of a select, radio or checkbox group.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The options of a vocabulary, `current` selected.
pub fn choices<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    current: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|&item| Choice {
            value: value(item).to_owned(),
            label: label(item).to_owned(),
            selected: value(item) == current,
        })
        .collect()
}

/// The categories as options, those `selected` says selected.
pub fn category_choices(
    catalog: &crate::catalog::CatalogData,
    selected: impl Fn(&str) -> bool,
) -> Vec<Choice> {
    catalog
        .categories
        .iter()
        .map(|c| Choice {
            value: c.slug.clone(),
            label: c.name.clone(),
            selected: selected(&c.slug),
        })
        .collect()
}

/// One link in a pager.
#[derive(Debug, Clone)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Previous/next and numbered links around the current page.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

impl Pager {
    /// `url_for(n)` gives the address of page `n`.
    pub fn new(
        current: usize,
        per_page: usize,
        total: usize,
        url_for: impl Fn(usize) -> String,
    ) -> Self {
        let last = total.div_ceil(per_page.max(1)).max(1);
        if last == 1 {
            return Pager::default();
        }
        let from = current.saturating_sub(3).max(1);
        let to = (current + 3).min(last);
        Pager {
            previous: (current > 1).then(|| url_for(current - 1)),
            next: (current < last).then(|| url_for(current + 1)),
            pages: (from..=to)
                .map(|n| PageLink {
                    number: n,
                    url: url_for(n),
                    current: n == current,
                })
                .collect(),
        }
    }
}

/// The static files, compiled into the binary.
const STATIC_FILES: [(&str, &str, &str); 6] = [
    (
        "/static/noden.css",
        "text/css; charset=utf-8",
        include_str!("../../static/noden.css"),
    ),
    (
        "/static/suggest.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/suggest.js"),
    ),
    (
        "/static/fieldreport.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/fieldreport.js"),
    ),
    (
        "/static/preview.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/preview.js"),
    ),
    (
        "/static/favicon.svg",
        "image/svg+xml",
        include_str!("../../static/favicon.svg"),
    ),
    // Browsers that ignore the page's icon link ask for this address.
    (
        "/favicon.ico",
        "image/svg+xml",
        include_str!("../../static/favicon.svg"),
    ),
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    for (path, content_type, body) in STATIC_FILES {
        cfg.route(
            path,
            web::get().to(move || async move {
                HttpResponse::Ok()
                    .insert_header((header::CONTENT_TYPE, content_type))
                    .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
                    .body(body)
            }),
        );
    }
}

/// Reads a URL-encoded form whose fields may repeat (checkbox groups) from the raw body.
pub fn form_from_bytes<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<T, crate::error::AppError> {
    serde_html_form::from_bytes(body).map_err(|e| {
        crate::error::AppError::BadRequest(i18n::t_with(
            "web-error-form-unreadable-because",
            "reason",
            &e.to_string(),
        ))
    })
}

/// A slug from the title with a short random tail, so two needs never share an address.
pub fn slug_with_tail(title: &str, id: uuid::Uuid) -> String {
    let mut base = slug::slugify(title);
    base.truncate(70);
    let base = base.trim_end_matches('-');
    let simple = id.simple().to_string();
    let tail = simple.get(simple.len() - 6..).unwrap_or("behov");
    if base.is_empty() {
        tail.to_owned()
    } else {
        format!("{base}-{tail}")
    }
}

/// The address of page `page` of the list at `path`, keeping its filters (blank ones left out).
pub fn list_page_link(path: &str, filters: &[(&str, Option<&String>)], page: usize) -> String {
    let pairs: Vec<(&str, String)> = filters
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (*k, v.clone())))
        .chain(std::iter::once(("page", page.to_string())))
        .collect();
    format!(
        "{path}?{}",
        serde_html_form::to_string(pairs).unwrap_or_default()
    )
}

/// `path` when it is a plain path on this site, else `/`: where a browser may be sent back
/// to after signing in. Browsers drop tabs and line breaks from addresses, read `\\` as `/`
/// and `//host` as another site, so anything but printable ASCII, any backslash, and any
/// percent-encoded slash, backslash or control character are refused outright; what is left
/// must resolve to this origin.
pub fn local_return(path: &str) -> String {
    if is_local_path(path) {
        path.to_owned()
    } else {
        "/".to_owned()
    }
}

fn is_local_path(path: &str) -> bool {
    if !path.starts_with('/') || path.starts_with("//") || path.len() > 2048 {
        return false;
    }
    if !path.bytes().all(|b| b.is_ascii_graphic()) || path.contains('\\') {
        return false;
    }
    let lower = path.to_ascii_lowercase();
    let encoded_trouble = lower.match_indices('%').any(|(at, _)| {
        let code = lower.get(at + 1..at + 3).unwrap_or("");
        code.len() < 2 || code.starts_with(['0', '1']) || matches!(code, "2f" | "5c" | "25" | "7f")
    });
    if encoded_trouble {
        return false;
    }
    let Ok(base) = url::Url::parse("http://noden.invalid/") else {
        return false;
    };
    base.join(path)
        .is_ok_and(|url| url.origin() == base.origin())
}

/// "See other": where a browser goes after a form has done its work.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location.to_owned()))
        .finish()
}

/// Renders a page template into a response with the given status and headers.
pub fn page(
    mut response: actix_web::HttpResponseBuilder,
    template: &impl askama::Template,
) -> Result<HttpResponse, crate::error::AppError> {
    let body = template
        .render()
        .map_err(|e| crate::error::AppError::internal_from("template", e))?;
    Ok(response.content_type("text/html; charset=utf-8").body(body))
}

/// Headers on every answer: a strict Content-Security-Policy (no inline script or style, no
/// framing), no MIME sniffing, and no full addresses (which may hold sign-in links) in the
/// Referer sent to other sites; when the portal is served over https, Strict-Transport-Security.
pub fn security_headers(
    settings: &crate::config::Settings,
) -> actix_web::middleware::DefaultHeaders {
    let headers = actix_web::middleware::DefaultHeaders::new();
    let headers = if settings.served_over_tls() {
        headers.add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        headers
    };
    headers
        .add((
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// An API address with one handler per method (`get` answers HEAD too). Any other method gets
/// `405 Method Not Allowed` with an `Allow` header naming the methods the address has.
///
/// `cfg.service(api_resource!("/api/v1/needs", get => list, post => create));`
macro_rules! api_resource {
    ($path:expr, $($method:ident => $handler:expr),+ $(,)?) => {
        actix_web::web::resource($path)
            $(.route($crate::web::api_resource!(@route $method).to($handler)))+
            .default_service(actix_web::web::to(|| async {
                Err::<actix_web::HttpResponse, _>($crate::error::AppError::MethodNotAllowed(
                    [$($crate::web::api_resource!(@allow $method)),+].join(", "),
                ))
            }))
    };
    (@route get) => {
        actix_web::web::route().guard(
            actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()),
        )
    };
    (@route $method:ident) => { actix_web::web::$method() };
    (@allow get) => { "GET, HEAD" };
    (@allow post) => { "POST" };
    (@allow put) => { "PUT" };
    (@allow patch) => { "PATCH" };
    (@allow delete) => { "DELETE" };
}
pub(crate) use api_resource;

/// The highest page number a list answers (as search does).
pub const MAX_PAGE: usize = 1000;

/// A list's `page` parameter: 1 when absent, an issue when outside 1–[`MAX_PAGE`].
pub fn page_number(page: Option<usize>) -> Result<usize, crate::error::AppError> {
    match page {
        None => Ok(1),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(crate::error::AppError::invalid(
            "page",
            &integer_range(1, MAX_PAGE),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::local_return;

    #[test]
    fn only_plain_paths_on_this_site_are_returned_to() {
        for kept in [
            "/",
            "/konto",
            "/sok?q=nattillsyn&sida=2",
            "/rapporter/a-b#del",
            "/%C3%A5r",
        ] {
            assert_eq!(local_return(kept), kept);
        }
        for refused in [
            "/\t/evil.example/phish",
            "/\n/x",
            "/\r\n/x",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%2F/evil.example",
            "/%5cevil.example",
            "/%09/evil.example",
            "/%0A/x",
            "/%252F%252Fevil.example",
            "/ /evil.example",
            "https://evil.example/",
            "evil.example",
            "javascript:alert(1)",
            "/å",
            "/%",
            "/%2",
            "",
        ] {
            assert_eq!(local_return(refused), "/", "{refused:?}");
        }
    }
}
