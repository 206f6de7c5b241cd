//! The follow-up forms on a trial's page and their API under `/api/v1/trials/{id}`.

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpRequest, HttpResponse, web};
use uuid::Uuid;

use super::{FollowUpInput, FollowUpView, IndicatorInput, IndicatorView, TrialFollowUps};
use crate::audit::By;
use crate::auth::{Actor, SignedIn, csrf};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::see_other;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tester/{slug}/indikatorer", web::post().to(indicator_form))
        .route(
            "/tester/{slug}/uppfoljning/{months}",
            web::post().to(follow_up_form),
        )
        .service(api_resource!("/api/v1/trials/{id}/follow-ups", get => get))
        .service(api_resource!("/api/v1/trials/{id}/indicators", post => add_indicator))
        .service(api_resource!("/api/v1/trials/{id}/follow-ups/{months}", put => record));
}

/// Reads a number typed the Swedish way ("3,5") or the English way ("3.5").
fn number(field: &str, text: &str) -> Result<f64, AppError> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| AppError::invalid(field, "Ange ett tal, t.ex. 12 eller 3,5."))
}

async fn indicator_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: HashMap<String, String> = crate::web::form_from_bytes(&body)?;
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    csrf::verify(&req, Some(&user.0.csrf), &field("csrf"))?;
    let input = IndicatorInput {
        name: field("name"),
        unit: field("unit"),
        direction: field("direction"),
        baseline: number("baseline", &field("baseline"))?,
    };
    super::add_indicator(&state, &by, &slug, input).await?;
    Ok(see_other(&format!("/tester/{slug}#uppfoljning")))
}

async fn follow_up_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, i32)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (slug, months) = path.into_inner();
    let form: HashMap<String, String> = crate::web::form_from_bytes(&body)?;
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    csrf::verify(&req, Some(&user.0.csrf), &field("csrf"))?;
    let mut values = BTreeMap::new();
    for (key, text) in &form {
        let Some(id) = key.strip_prefix("varde_") else {
            continue;
        };
        let id = Uuid::parse_str(id).map_err(|_| AppError::invalid(key, "Okänd indikator."))?;
        if !text.trim().is_empty() {
            values.insert(id, number(key, text)?);
        }
    }
    let input = FollowUpInput {
        values,
        effects: field("effects"),
        still_in_use: field("still_in_use") == "ja",
    };
    super::record(&state, &by, &slug, months, input).await?;
    Ok(see_other(&format!("/tester/{slug}#uppfoljning")))
}

/// A trial's indicators and its follow-ups at 12 and 24 months.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/follow-ups",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TrialFollowUps),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<TrialFollowUps>, AppError> {
    Ok(web::Json(super::of_trial(&state, &actor, &id).await?))
}

/// Chooses an indicator with its baseline (the trial's lead). Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/indicators",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = IndicatorInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = IndicatorView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn add_indicator(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<IndicatorInput>,
) -> Result<HttpResponse, AppError> {
    let saved = super::add_indicator(&state, &by, &id, input.into_inner()).await?;
    Ok(HttpResponse::Created().json(super::indicator_view(&saved)))
}

/// Records the follow-up 12 or 24 months after the trial ended (its organisations).
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/follow-ups/{months}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("months" = i32, Path, description = "12 or 24", minimum = 12, maximum = 24),
    ),
    request_body = FollowUpInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = FollowUpView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn record(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, i32)>,
    input: web::Json<FollowUpInput>,
) -> Result<web::Json<FollowUpView>, AppError> {
    let (id, months) = path.into_inner();
    super::record(&state, &by, &id, months, input.into_inner()).await?;
    super::of_trial(&state, &by.actor, &id)
        .await?
        .follow_ups
        .into_iter()
        .find(|f| f.months == months)
        .map(web::Json)
        .ok_or(AppError::NotFound("uppföljningen"))
}
