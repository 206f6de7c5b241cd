//! The follow-up forms on a trial's page and their API under `/api/v1/trials/{id}`.

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use uuid::Uuid;

use super::{
    Direction, FollowUpInput, FollowUpView, INDICATOR_LABELS, IndicatorInput, IndicatorView,
    TrialFollowUps,
};
use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::{Actor, Identity, SignedIn, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::frame;
use crate::web::see_other;
use crate::web::{Choice, api_resource, choices, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tester/{slug}/indikatorer", web::post().to(indicator_form))
        .route(
            "/tester/{slug}/indikatorer/{indicator}/andra",
            web::get().to(edit_indicator_form),
        )
        .route(
            "/tester/{slug}/indikatorer/{indicator}/andra",
            web::post().to(update_indicator_form),
        )
        .route(
            "/tester/{slug}/indikatorer/{indicator}/dra-tillbaka",
            web::post().to(withdraw_indicator_form),
        )
        .route(
            "/tester/{slug}/indikatorer/{indicator}/aterstall",
            web::post().to(restore_indicator_form),
        )
        .service(api_resource!(
            "/api/v1/trials/{id}/indicators/{indicator_id}/restore",
            post => restore_indicator
        ))
        .service(api_resource!(
            "/api/v1/trials/{id}/indicators/{indicator_id}",
            put => update_indicator,
            patch => patch_indicator,
            delete => withdraw_indicator
        ))
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
        .ok_or_else(|| AppError::invalid(field, "followups-error-not-a-number"))
}

/// The indicator form as typed: shown again, every value kept, when it has errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct IndicatorFields {
    pub name: String,
    pub unit: String,
    /// The direction's code (the form lists the directions by their labels).
    pub direction: String,
    /// The baseline as typed ("3,5").
    pub baseline: String,
}

impl IndicatorFields {
    /// What the form sends, for the service; a baseline that is not a number is read as NaN,
    /// which the service reports under `baseline` with the other issues.
    fn input(&self) -> IndicatorInput {
        IndicatorInput {
            name: self.name.clone(),
            unit: self.unit.clone(),
            direction: self.direction.clone(),
            baseline: number("baseline", &self.baseline).unwrap_or(f64::NAN),
        }
    }

    fn of(i: &super::entity::indicator::Model) -> IndicatorFields {
        IndicatorFields {
            name: i.name.clone(),
            unit: i.unit.clone(),
            direction: i.direction.clone(),
            baseline: crate::web::number_text(i.baseline),
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct IndicatorForm {
    csrf: String,
    #[serde(flatten)]
    fields: IndicatorFields,
}

async fn indicator_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    identity: Identity,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: IndicatorForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::add_indicator(&state, &by, &slug, form.fields.input()).await {
        Ok(_) => Ok(frame::see_other(
            &format!("/tester/{slug}#uppfoljning"),
            &crate::web::i18n::t("followups-indicator-saved"),
        )),
        Err(AppError::Invalid(issues)) => page(
            HttpResponse::UnprocessableEntity(),
            &crate::trials::routes::page_with_indicator_form(
                &state,
                identity,
                &slug,
                form.fields,
                crate::error::labelled(issues, INDICATOR_LABELS),
            )
            .await?,
        ),
        Err(other) => Err(other),
    }
}

/// The page that edits one indicator.
#[derive(Template)]
#[template(path = "followups/indicator_form.html")]
pub struct IndicatorPage {
    pub csrf: String,
    pub trial_title: String,
    pub trial_url: String,
    pub current_name: String,
    pub action: String,
    pub withdraw_action: String,
    pub indicator: IndicatorFields,
    pub indicator_errors: Vec<FieldIssue>,
    pub directions: Vec<Choice>,
}

impl IndicatorPage {
    pub fn indicator_error(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.indicator_errors, field)
    }
}

async fn indicator_page(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    indicator: &super::entity::indicator::Model,
    fields: IndicatorFields,
    errors: Vec<FieldIssue>,
) -> Result<IndicatorPage, AppError> {
    let trial = crate::trials::readable_by_slug(state, &user.actor(), slug).await?;
    let base = format!(
        "{}/indikatorer/{}",
        crate::trials::url(&trial),
        indicator.id
    );
    Ok(IndicatorPage {
        csrf: user.0.csrf.clone(),
        trial_title: trial.title.clone(),
        trial_url: crate::trials::url(&trial),
        current_name: indicator.name.clone(),
        action: format!("{base}/andra"),
        withdraw_action: format!("{base}/dra-tillbaka"),
        directions: choices(
            Direction::ALL,
            Direction::as_str,
            Direction::label,
            &fields.direction,
        ),
        indicator: fields,
        indicator_errors: errors,
    })
}

async fn edit_indicator_form(
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let found = super::indicator_to_edit(&state, &by, &slug, id).await?;
    let fields = IndicatorFields::of(&found);
    page(
        HttpResponse::Ok(),
        &indicator_page(&state, &user, &slug, &found, fields, Vec::new()).await?,
    )
}

async fn update_indicator_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let form: IndicatorForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::update_indicator(&state, &by, &slug, id, form.fields.input()).await {
        Ok(_) => Ok(frame::see_other(
            &format!("/tester/{slug}#uppfoljning"),
            &crate::web::i18n::t("followups-indicator-saved"),
        )),
        Err(AppError::Invalid(issues)) => {
            let found = super::indicator_to_edit(&state, &by, &slug, id).await?;
            page(
                HttpResponse::UnprocessableEntity(),
                &indicator_page(
                    &state,
                    &user,
                    &slug,
                    &found,
                    form.fields,
                    crate::error::labelled(issues, INDICATOR_LABELS),
                )
                .await?,
            )
        }
        Err(other) => Err(other),
    }
}

async fn withdraw_indicator_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    super::withdraw_indicator(&state, &by, &slug, id).await?;
    Ok(frame::see_other(
        &format!("/tester/{slug}#uppfoljning"),
        &crate::web::i18n::t("followups-indicator-withdrawn"),
    ))
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
        let id = Uuid::parse_str(id)
            .map_err(|_| AppError::invalid(key, "followups-error-unknown-indicator"))?;
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

async fn restore_indicator_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    super::restore_indicator(&state, &by, &slug, id).await?;
    Ok(frame::see_other(
        &format!("/tester/{slug}#uppfoljning"),
        &crate::web::i18n::t("followups-indicator-restored"),
    ))
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
        (status = 409, response = crate::openapi::Conflict),
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

/// Changes an indicator's name, unit, direction and baseline (the trial's lead). Requires a
/// bearer token.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/indicators/{indicator_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("indicator_id" = Uuid, Path, description = "The indicator's UUID"),
    ),
    request_body = IndicatorInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = IndicatorView),
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
pub async fn update_indicator(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
    input: web::Json<IndicatorInput>,
) -> Result<web::Json<IndicatorView>, AppError> {
    let (id, indicator) = path.into_inner();
    let saved = super::update_indicator(&state, &by, &id, indicator, input.into_inner()).await?;
    Ok(web::Json(super::indicator_view(&saved)))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT`
/// takes, applied to the indicator as it stands and then saved as that `PUT` would be (the
/// trial's lead). Requires a bearer token.
#[utoipa::path(
    patch,
    path = "/api/v1/trials/{id}/indicators/{indicator_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("indicator_id" = Uuid, Path, description = "The indicator's UUID"),
    ),
    request_body(content(
        (super::IndicatorPatch = "application/merge-patch+json"),
        (super::IndicatorPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = IndicatorView),
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
pub async fn patch_indicator(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<IndicatorView>, AppError> {
    let (id, indicator) = path.into_inner();
    let current = super::current_indicator_input(&state, &by, &id, indicator).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let saved = super::update_indicator(&state, &by, &id, indicator, input).await?;
    Ok(web::Json(super::indicator_view(&saved)))
}

/// Withdraws an indicator: it leaves the trial's page and follow-up form (the trial's lead).
/// Requires a bearer token.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}/indicators/{indicator_id}",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("indicator_id" = Uuid, Path, description = "The indicator's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw_indicator(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, indicator) = path.into_inner();
    super::withdraw_indicator(&state, &by, &id, indicator).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Brings a withdrawn indicator back (node staff). Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/indicators/{indicator_id}/restore",
    tag = "trials",
    params(
        ("id" = String, Path, description = "The trial's UUID or slug"),
        ("indicator_id" = Uuid, Path, description = "The indicator's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = IndicatorView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore_indicator(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<web::Json<IndicatorView>, AppError> {
    let (id, indicator) = path.into_inner();
    let saved = super::restore_indicator(&state, &by, &id, indicator).await?;
    Ok(web::Json(super::indicator_view(&saved)))
}
