//! The report page and `/api/v1/reports`.

use actix_web::{HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use uuid::Uuid;

use super::{ReportInput, ReportView};
use crate::audit::By;
use crate::auth::{self, Action, Actor};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::markdown::SafeHtml;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/{slug}", web::get().to(report_page))
        .route("/api/v1/reports", web::post().to(create))
        .route("/api/v1/reports/{id}", web::get().to(get))
        .route("/api/v1/reports/{id}", web::put().to(update))
        .route("/api/v1/reports/{id}", web::delete().to(delete));
}

fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("rapporten"))
}

async fn readable(
    state: &AppState,
    actor: Actor,
    report: Option<super::entity::Model>,
) -> Result<ReportView, AppError> {
    match report {
        Some(r)
            if auth::can(
                &actor,
                Action::Read,
                &super::resource(&r, &state.catalog.get()),
            ) =>
        {
            Ok(super::view(&state.db, &state.catalog.get(), r).await?)
        }
        _ => Err(AppError::NotFound("rapporten")),
    }
}

/// One report.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    responses(
        (status = 200, body = ReportView),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<ReportView>, AppError> {
    let id = parse_id(&id)?;
    let report = super::get(&state.db, id).await?;
    Ok(web::Json(readable(&state, actor, report).await?))
}

/// Creates a report. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    request_body = ReportInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ReportView),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let report = super::create(&state, &by, input.into_inner()).await?;
    let view = super::view(&state.db, &state.catalog.get(), report).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/reports/{}", view.id)))
        .json(view))
}

/// Replaces a report's content. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    put,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    request_body = ReportInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<ReportInput>,
) -> Result<web::Json<ReportView>, AppError> {
    let report = super::update(&state, &by, parse_id(&id)?, input.into_inner()).await?;
    Ok(web::Json(
        super::view(&state.db, &state.catalog.get(), report).await?,
    ))
}

/// Deletes a report. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    delete,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::delete(&state, &by, parse_id(&id)?).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/show.html")]
pub struct ReportPage {
    pub report: ReportView,
    /// Whether the viewer may edit the report (shows the edit link).
    pub editable: bool,
    pub similar: Vec<crate::search::HitView>,
    pub body: SafeHtml,
    pub date: String,
    pub updated: String,
}

async fn report_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
) -> Result<ReportPage, AppError> {
    let report = super::by_slug(&state.db, &slug).await?;
    let editable = report.as_ref().is_some_and(|r| {
        auth::can(
            &actor,
            Action::Edit,
            &super::resource(r, &state.catalog.get()),
        )
    });
    let report = readable(&state, actor, report).await?;
    let similar = crate::search::more_like_this(&state, actor, report.id.to_string(), 5).await?;
    Ok(ReportPage {
        editable,
        similar,
        body: SafeHtml::trusted(report.body_html.clone()),
        date: crate::web::date_sv(report.published_on),
        updated: crate::web::datetime_sv(report.updated_at),
        report,
    })
}
