//! Handing an item over: whoever keeps a report, trial or catalogue entry current names
//! another person to answer for it, by e-mail address (`GET`/`POST …/{slug}/lamna-over` under
//! `/rapporter`, `/tester` and `/teknik`). The new owner must be someone who could keep it
//! current themselves. The API does every step of keeping an item current, handing over
//! included (`POST /api/v1/{reports,trials,technologies}/{id}/freshness`).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::routes::{Step, keep, keepable, write};
use super::{Freshness, Item, ItemKind};
use crate::audit::By;
use crate::auth::{Actor, Member, Role, SignedIn, Via, csrf, users};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::page;

/// The field the new owner's address is typed into, on the page and in the API.
const EMAIL: &str = "email";

/// Hands the item behind `slug` over to the user with the address `email`, in the name of
/// `by`, who must be able to keep it current; so must the new owner, else an issue under
/// `email`.
#[tracing::instrument(skip(state, by))]
pub async fn hand_over(
    state: &AppState,
    by: &By,
    kind: ItemKind,
    slug: &str,
    email: &str,
) -> Result<Item, AppError> {
    let item = keepable(state, &by.actor, kind, slug).await?;
    let owner = successor(state, kind, slug, email).await?;
    write(state, by, item, Step::HandOver, Some(owner)).await
}

/// The user with the address `email`, if they could keep the item behind `slug` current.
async fn successor(
    state: &AppState,
    kind: ItemKind,
    slug: &str,
    email: &str,
) -> Result<Uuid, AppError> {
    let email = users::normalise_email(email)?;
    let user = users::by_email(&state.db, &email)
        .await?
        .filter(|user| !user.disabled)
        .ok_or_else(|| AppError::invalid(EMAIL, "freshness-error-successor-unknown"))?;
    let Some(role) = Role::parse(&user.role) else {
        return Err(AppError::invalid(
            EMAIL,
            "freshness-error-successor-unknown",
        ));
    };
    let workspaces = users::workspaces_of(
        &state.db,
        &state.catalog.get(),
        user.id,
        user.organisation_id,
    )
    .await?;
    let actor = Actor::User(Member::new(
        user.id,
        user.organisation_id,
        role,
        Via::Session,
        &workspaces,
    ));
    match keepable(state, &actor, kind, slug).await {
        Ok(_) => Ok(user.id),
        Err(AppError::Forbidden(_) | AppError::NotFound(_)) => Err(AppError::invalid(
            EMAIL,
            "freshness-error-successor-may-not-keep",
        )),
        Err(other) => Err(other),
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    for (prefix, kind) in [
        ("/rapporter", ItemKind::Report),
        ("/tester", ItemKind::Trial),
        ("/teknik", ItemKind::Technology),
    ] {
        let path = format!("{prefix}/{{slug}}/{}", Step::HandOver.segment());
        cfg.route(
            &path,
            web::get().to(
                move |state: web::Data<AppState>, user: SignedIn, slug: web::Path<String>| async move {
                    form(&state, &user, kind, &slug).await
                },
            ),
        )
        .route(
            &path,
            web::post().to(
                move |req: HttpRequest,
                      state: web::Data<AppState>,
                      user: SignedIn,
                      by: By,
                      slug: web::Path<String>,
                      input: web::Form<HandOverForm>| async move {
                    submit(&req, &state, &user, &by, kind, &slug, input.into_inner()).await
                },
            ),
        );
    }
    cfg.service(crate::web::api_resource!("/api/v1/reports/{id}/freshness", post => api_report))
        .service(crate::web::api_resource!("/api/v1/trials/{id}/freshness", post => api_trial))
        .service(crate::web::api_resource!(
            "/api/v1/technologies/{id}/freshness",
            post => api_technology
        ));
}

#[derive(Template)]
#[template(path = "freshness/hand_over.html")]
pub struct HandOverPage {
    pub title: String,
    /// The item's page.
    pub path: String,
    pub action: String,
    pub csrf: String,
    /// The address typed, kept when refused.
    pub email: String,
    pub errors: Vec<FieldIssue>,
}

impl HandOverPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn hand_over_page(
    item: &Item,
    user: &SignedIn,
    email: String,
    errors: Vec<FieldIssue>,
) -> HandOverPage {
    HandOverPage {
        title: item.title.clone(),
        action: format!("{}/{}", item.path, Step::HandOver.segment()),
        path: item.path.clone(),
        csrf: user.0.csrf.clone(),
        email,
        errors,
    }
}

async fn form(
    state: &AppState,
    user: &SignedIn,
    kind: ItemKind,
    slug: &str,
) -> Result<HttpResponse, AppError> {
    let item = keepable(state, &user.actor(), kind, slug).await?;
    page(
        HttpResponse::Ok(),
        &hand_over_page(&item, user, String::new(), Vec::new()),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HandOverForm {
    csrf: String,
    email: String,
}

async fn submit(
    req: &HttpRequest,
    state: &AppState,
    user: &SignedIn,
    by: &By,
    kind: ItemKind,
    slug: &str,
    input: HandOverForm,
) -> Result<HttpResponse, AppError> {
    csrf::verify(req, Some(&user.0.csrf), &input.csrf)?;
    match hand_over(state, by, kind, slug, &input.email).await {
        Ok(item) => Ok(crate::web::frame::see_other(
            &format!("{}#aktualitet", item.path),
            &Step::HandOver.done(),
        )),
        Err(AppError::Invalid(errors)) => {
            let item = keepable(state, &user.actor(), kind, slug).await?;
            page(
                HttpResponse::UnprocessableEntity(),
                &hand_over_page(&item, user, input.email, errors),
            )
        }
        Err(other) => Err(other),
    }
}

/// What `POST …/freshness` asks.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FreshnessStep {
    pub step: Step,
    /// The new owner's e-mail address, for `hand_over` only.
    #[serde(default)]
    pub email: Option<String>,
}

/// Does `input` to the item of `kind` behind `id` and answers with its freshness afterwards.
async fn api_step(
    state: &AppState,
    by: &By,
    kind: ItemKind,
    id: &str,
    input: FreshnessStep,
) -> Result<web::Json<Freshness>, AppError> {
    // Without a token the API asks for one before it says who may keep what.
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let item = match (input.step, input.email.as_deref()) {
        (Step::HandOver, Some(email)) => hand_over(state, by, kind, id, email).await?,
        (Step::HandOver, None) => {
            return Err(AppError::invalid(
                EMAIL,
                "freshness-error-successor-missing",
            ));
        }
        (_, Some(_)) => {
            return Err(AppError::invalid(
                EMAIL,
                "freshness-error-email-only-hand-over",
            ));
        }
        (step, None) => keep(state, by, kind, id, step).await?,
    };
    let now = super::item(&state.db, kind, item.id)
        .await?
        .ok_or(AppError::NotFound("sidan du söker"))?;
    Ok(web::Json(now.freshness(state.clock.now(), &state.settings)))
}

/// Confirms, archives, unarchives, takes over or hands over a published report, and answers
/// with its freshness. Requires a bearer token with the `write` scope of someone who may edit
/// the report.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/freshness",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID or slug")),
    request_body = FreshnessStep,
    security(("bearer" = [])),
    responses(
        (status = 200, body = Freshness),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn api_report(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<FreshnessStep>,
) -> Result<web::Json<Freshness>, AppError> {
    api_step(&state, &by, ItemKind::Report, &id, input.into_inner()).await
}

/// Confirms, archives, unarchives, takes over or hands over a trial, and answers with its
/// freshness. Requires a bearer token with the `write` scope of someone who may edit the trial.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/freshness",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = FreshnessStep,
    security(("bearer" = [])),
    responses(
        (status = 200, body = Freshness),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn api_trial(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<FreshnessStep>,
) -> Result<web::Json<Freshness>, AppError> {
    api_step(&state, &by, ItemKind::Trial, &id, input.into_inner()).await
}

/// Confirms, archives, unarchives, takes over or hands over a catalogue entry, and answers
/// with its freshness. Requires a bearer token with the `write` scope of node staff.
#[utoipa::path(
    post,
    path = "/api/v1/technologies/{id}/freshness",
    tag = "technologies",
    params(("id" = String, Path, description = "The catalogue entry's UUID or slug")),
    request_body = FreshnessStep,
    security(("bearer" = [])),
    responses(
        (status = 200, body = Freshness),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn api_technology(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<FreshnessStep>,
) -> Result<web::Json<Freshness>, AppError> {
    api_step(&state, &by, ItemKind::Technology, &id, input.into_inner()).await
}
