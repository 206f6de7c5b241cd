//! `/oversikt`: the steering group's overview, its CSV exports and `/api/v1/overview`.

use actix_web::{HttpResponse, http::header, web};
use askama::Template;
use askama_web::WebTemplate;

use super::{Chart, DueFollowUp, Overview, OverviewFilter, View};
use crate::auth::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/oversikt", web::get().to(overview_page))
        .route("/oversikt/{view}.csv", web::get().to(view_csv))
        .service(api_resource!("/api/v1/overview", get => api));
}

/// Colours of the series, distinguishable for common colour blindness and against white.
pub const COLOURS: [&str; 3] = ["#0b5cad", "#e08a00", "#6b6f76"];

pub struct Section {
    pub view: View,
    pub chart: Chart,
    pub csv: String,
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
    pub follow_ups_due: Vec<(DueFollowUp, String)>,
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
    Ok(OverviewPage {
        sections: views
            .into_iter()
            .map(|view| Section {
                chart: super::chart(&view),
                csv: if query.is_empty() {
                    format!("/oversikt/{}.csv", view.key)
                } else {
                    format!("/oversikt/{}.csv?{query}", view.key)
                },
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
            .map(|f| {
                let day = crate::web::date_sv(f.due_on);
                (f, day)
            })
            .collect(),
        counties,
        filter,
    })
}

async fn view_csv(
    state: web::Data<AppState>,
    actor: Actor,
    key: web::Path<String>,
    filter: web::Query<OverviewFilter>,
) -> Result<HttpResponse, AppError> {
    let overview = super::build_views(&state, &actor, &filter, Some(key.as_str())).await?;
    let view = overview
        .views
        .iter()
        .find(|v| v.key == key.as_str())
        .ok_or(AppError::NotFound("vyn"))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"noden-{}.csv\"", view.key),
        ))
        .body(super::csv(view)?))
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
