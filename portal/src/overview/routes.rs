//! `/oversikt`: the steering group's overview, its CSV exports and `/api/v1/overview`.

use actix_web::{HttpResponse, http::header, web};
use askama::Template;
use askama_web::WebTemplate;

use super::{BENEFITS_KEY, Chart, DueFollowUp, Overview, OverviewFilter, View};
use crate::auth::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/oversikt", web::get().to(overview_page))
        .route("/oversikt/alla.zip", web::get().to(all_zip))
        .route("/oversikt/{view}.csv", web::get().to(view_csv))
        .service(api_resource!("/api/v1/overview", get => api));
}

/// Colours of the series, distinguishable for common colour blindness and against white.
pub const COLOURS: [&str; 3] = ["#0b5cad", "#e08a00", "#6b6f76"];

/// How a CSV download is asked for: `sep=komma` for plain comma-separated files.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CsvFormat {
    #[serde(default)]
    pub sep: Option<String>,
}

pub struct Section {
    pub view: View,
    pub chart: Chart,
    /// The view for Swedish Excel, and as plain comma-separated values.
    pub csv: String,
    pub csv_comma: String,
    /// The series with their colours, for the legend.
    pub legend: Vec<(String, &'static str)>,
}

impl Section {
    pub fn colour(&self, series: &usize) -> &'static str {
        COLOURS.get(*series).copied().unwrap_or("#0b5cad")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "overview/index.html")]
pub struct OverviewPage {
    pub filter: OverviewFilter,
    pub counties: Vec<crate::web::Choice>,
    pub sections: Vec<Section>,
    /// Each follow-up due, as a line of HTML: the trial's link, when and its state.
    pub follow_ups_due: Vec<String>,
    /// Organisations to filter by, by name, grouped by county.
    pub organisations: Vec<(String, Vec<crate::web::Choice>)>,
    pub benefits: Vec<[String; 7]>,
    pub benefit_columns: [String; 7],
    pub benefits_csv: String,
    pub benefits_csv_comma: String,
    pub zip: String,
    pub zip_comma: String,
    /// The technology-coach network.
    pub coaches: super::CoachNetwork,
}

/// `path` with the filter's query string and, for the comma flavour, `sep=komma`.
fn download(path: &str, query: &str, comma: bool) -> String {
    let mut pairs: Vec<&str> = Vec::new();
    if !query.is_empty() {
        pairs.push(query);
    }
    if comma {
        pairs.push("sep=komma");
    }
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", pairs.join("&"))
    }
}

fn query_string(filter: &OverviewFilter) -> String {
    serde_html_form::to_string(filter)
        .map(|q| {
            q.split('&')
                .filter(|pair| !pair.ends_with('='))
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default()
}

async fn overview_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<OverviewFilter>,
) -> Result<OverviewPage, AppError> {
    let filter = filter.into_inner();
    let Overview {
        views,
        follow_ups_due,
        benefits,
    } = super::build(&state, &actor, &filter).await?;
    let catalog = state.catalog.get();
    let query = query_string(&filter);
    let chosen = filter.county.clone().unwrap_or_default();
    let mut counties: Vec<crate::web::Choice> = catalog
        .organisations
        .iter()
        .map(|o| o.county_code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|code| crate::web::Choice {
            label: catalog.county_name(&code).unwrap_or(&code).to_owned(),
            selected: code == chosen,
            value: code,
        })
        .collect();
    counties.sort_by(|a, b| a.label.cmp(&b.label));
    let chosen_org = filter
        .organisation
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let mut by_county: std::collections::BTreeMap<String, Vec<crate::web::Choice>> =
        std::collections::BTreeMap::new();
    for o in &catalog.organisations {
        let county = catalog
            .county_name(&o.county_code)
            .unwrap_or(&o.county_code)
            .to_owned();
        by_county
            .entry(county)
            .or_default()
            .push(crate::web::Choice {
                label: o.name.clone(),
                selected: !chosen_org.is_empty()
                    && (o.code == chosen_org || o.name.eq_ignore_ascii_case(chosen_org)),
                value: o.code.clone(),
            });
    }
    let organisations = by_county
        .into_iter()
        .map(|(county, mut choices)| {
            choices.sort_by(|a, b| a.label.cmp(&b.label));
            (county, choices)
        })
        .collect();
    // The table's decimals as the page's language writes them ("12,5", "12.5").
    let flavour = match crate::web::i18n::lang() {
        crate::web::i18n::Lang::Sv => crate::web::csv_out::Flavour::Excel,
        crate::web::i18n::Lang::En => crate::web::csv_out::Flavour::Comma,
    };
    let coaches = super::coach_network(&state.db, &catalog, state.clock.now()).await?;
    Ok(OverviewPage {
        coaches,
        organisations,
        benefits: benefits
            .iter()
            .map(|b| super::benefit_cells(b, flavour))
            .collect(),
        benefit_columns: super::benefit_columns(),
        benefits_csv: download(&format!("/oversikt/{BENEFITS_KEY}.csv"), &query, false),
        benefits_csv_comma: download(&format!("/oversikt/{BENEFITS_KEY}.csv"), &query, true),
        zip: download("/oversikt/alla.zip", &query, false),
        zip_comma: download("/oversikt/alla.zip", &query, true),
        sections: views
            .into_iter()
            .map(|view| Section {
                chart: super::chart(&view),
                csv: download(&format!("/oversikt/{}.csv", view.key), &query, false),
                csv_comma: download(&format!("/oversikt/{}.csv", view.key), &query, true),
                legend: view
                    .series
                    .iter()
                    .zip(COLOURS)
                    .map(|(s, c)| (s.clone(), c))
                    .collect(),
                view,
            })
            .collect(),
        follow_ups_due: follow_ups_due
            .into_iter()
            .map(|f| follow_up_line(&f))
            .collect(),
        counties,
        filter,
    })
}

/// A follow-up due as HTML: "<a>Trial</a>: efter 12 månader, från 14 maj 2024 (Försenad)".
fn follow_up_line(f: &DueFollowUp) -> String {
    use crate::web::i18n;
    let months = f.months.to_string();
    let day = crate::web::date_text(f.due_on);
    let args = [
        ("url", f.url.as_str()),
        ("trial", f.trial.as_str()),
        ("months", months.as_str()),
        ("day", day.as_str()),
        ("state", f.state_label.as_str()),
    ];
    i18n::html_with(i18n::lang(), "overview-follow-up-html", &args)
}

fn attachment(content_type: &str, name: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// One view as CSV: for Swedish Excel (BOM, semicolons, decimal comma), or comma-separated
/// with `sep=komma`.
async fn view_csv(
    state: web::Data<AppState>,
    actor: Actor,
    key: web::Path<String>,
    filter: web::Query<OverviewFilter>,
    format: web::Query<CsvFormat>,
) -> Result<HttpResponse, AppError> {
    let flavour = crate::web::csv_out::Flavour::from_param(format.sep.as_deref());
    let overview = super::build_views(&state, &actor, &filter, Some(key.as_str())).await?;
    let body = if key.as_str() == BENEFITS_KEY {
        super::benefits_csv(&overview.benefits, flavour)?
    } else {
        let view = overview
            .views
            .iter()
            .find(|v| v.key == key.as_str())
            .ok_or(AppError::NotFound("vyn"))?;
        super::csv(view, flavour)?
    };
    Ok(attachment(
        "text/csv; charset=utf-8",
        &format!("noden-{key}.csv"),
        body,
    ))
}

/// Every view as CSV, one file each, in one zip archive.
async fn all_zip(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<OverviewFilter>,
    format: web::Query<CsvFormat>,
) -> Result<HttpResponse, AppError> {
    let flavour = crate::web::csv_out::Flavour::from_param(format.sep.as_deref());
    let overview = super::build(&state, &actor, &filter).await?;
    let at = state
        .clock
        .now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local();
    let body = super::zip_of(&overview, flavour, at)?;
    Ok(attachment("application/zip", "noden-oversikt.zip", body))
}

/// Every view of the overview with its numbers, filtered by county, organisation and period.
#[utoipa::path(
    get,
    path = "/api/v1/overview",
    tag = "overview",
    params(OverviewFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = Overview),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn api(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<OverviewFilter>,
) -> Result<web::Json<Overview>, AppError> {
    Ok(web::Json(super::build(&state, &actor, &filter).await?))
}
