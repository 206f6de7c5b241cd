//! `/kontakt`: how to reach the people running this node. Error pages point here. And
//! `/.well-known/security.txt` (RFC 9116): where to report a vulnerability. And
//! `/tillganglighet`: the accessibility statement the Swedish accessibility law (2018:1937)
//! asks of a public-sector service, linked from every page's footer.

use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, SecondsFormat, Utc};

use crate::state::AppState;

/// Where security.txt is served (RFC 9116, section 3).
pub const SECURITY_TXT: &str = "/.well-known/security.txt";

/// How far ahead security.txt says it expires; the RFC asks for less than a year. The file is
/// written on each request, so it never goes stale.
const SECURITY_TXT_VALID_DAYS: i64 = 180;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kontakt", web::get().to(contact_page))
        .route("/tillganglighet", web::get().to(accessibility_page))
        .service(crate::web::api_resource!(SECURITY_TXT, get => security_txt));
}

/// Where to report a security problem, in the format of RFC 9116.
#[utoipa::path(
    get,
    path = "/.well-known/security.txt",
    tag = "operations",
    responses((status = 200, description = "Var säkerhetsproblem rapporteras (RFC 9116).", content_type = "text/plain", body = String)),
)]
pub async fn security_txt(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=86400",
        ))
        .body(security_txt_text(
            &state.settings.contact_email,
            &state.settings.public_url,
            state.clock.now(),
        ))
}

fn security_txt_text(contact: &str, public_url: &str, now: DateTime<Utc>) -> String {
    let expires = now + chrono::Duration::days(SECURITY_TXT_VALID_DAYS);
    let base = public_url.trim_end_matches('/');
    format!(
        "Contact: mailto:{contact}\n\
         Expires: {expires}\n\
         Preferred-Languages: sv, en\n\
         Canonical: {base}{SECURITY_TXT}\n\
         Policy: {base}/kontakt\n",
        contact = contact.trim(),
        expires = expires.to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_txt_has_the_fields_rfc_9116_requires_and_expires_within_a_year() {
        let now = DateTime::parse_from_rfc3339("2026-12-05T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let text = security_txt_text("noden@region.se", "https://noden.region.se/", now);
        let fields: Vec<(&str, &str)> = text
            .lines()
            .map(|line| line.split_once(": ").expect("field: value"))
            .collect();
        assert_eq!(fields[0], ("Contact", "mailto:noden@region.se"));
        let expires = DateTime::parse_from_rfc3339(fields[1].1).unwrap();
        assert_eq!(fields[1].0, "Expires");
        assert!(expires > now && expires < now + chrono::Duration::days(365));
        assert!(fields.contains(&(
            "Canonical",
            "https://noden.region.se/.well-known/security.txt"
        )));
        // Exactly one Contact and one Expires (the RFC's "MUST appear once" for Expires).
        assert_eq!(fields.iter().filter(|(k, _)| *k == "Expires").count(), 1);
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "contact.html")]
pub struct ContactPage {
    pub email: String,
    pub text: String,
}

async fn contact_page(state: web::Data<AppState>) -> ContactPage {
    ContactPage {
        email: state.settings.contact_email.trim().to_owned(),
        text: state.settings.contact_text.trim().to_owned(),
    }
}

/// The day the accessibility statement was last reviewed against the portal (the law asks the
/// statement to say when it was written; change this when it is reviewed again).
/// When the statement was last written.
const STATEMENT_WRITTEN: (i32, u32, u32) = (2026, 12, 6);

#[derive(Template, WebTemplate)]
#[template(path = "accessibility.html")]
pub struct AccessibilityPage {
    pub node: String,
    pub email: String,
}

impl AccessibilityPage {
    /// The statement's text `key` in the page's language, with the node's name, its address
    /// and the day it was written put in.
    pub fn text(&self, key: &str) -> String {
        let lang = crate::web::i18n::lang();
        let (year, month, day) = STATEMENT_WRITTEN;
        let written = chrono::NaiveDate::from_ymd_opt(year, month, day)
            .map(|d| crate::web::i18n::date(lang, d))
            .unwrap_or_default();
        crate::web::i18n::html_with(
            lang,
            key,
            &[
                ("node", &self.node),
                ("email", &self.email),
                ("written", &written),
            ],
        )
    }
}

async fn accessibility_page(state: web::Data<AppState>) -> AccessibilityPage {
    AccessibilityPage {
        node: state.settings.node_name.trim().to_owned(),
        email: state.settings.contact_email.trim().to_owned(),
    }
}
