//! The API of a procurement's members and milestones (`/api/v1/procurements/{id}/…`): what
//! the members and timeline pages do, for scripts. The same service functions, so the same
//! rules: only its leads change them, and a procurement answers 404 to those outside it.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::{MilestoneDates, Phase, ProcurementView};
use crate::audit::By;
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!(
        "/api/v1/procurements/{id}/organisations",
        post => add_organisation
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/organisations/{code}",
        delete => remove_organisation
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/invitations",
        post => invite
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/invitations/{invitation}",
        delete => withdraw_invitation
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/members/{user}",
        delete => remove_member
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/milestones",
        put => set_milestones
    ));
}

/// The procurement as its reader now sees it, after a change.
async fn shown(state: &AppState, by: &By, id: &str) -> Result<ProcurementView, AppError> {
    let actor = super::as_now(state, &by.actor).await?;
    let opened = super::readable(state, &actor, id).await?;
    super::view(state, &opened).await
}

/// An organisation taking part, with its role.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    /// SCB code or name of the organisation.
    #[schema(min_length = 1, max_length = 200)]
    pub organisation: String,
    #[schema(schema_with = super::OrganisationRole::field_schema)]
    pub role: String,
}

/// Adds an organisation that takes part (participant or observer), or changes its role
/// (its leads). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/organisations",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = OrganisationInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ProcurementView),
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
pub async fn add_organisation(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<OrganisationInput>,
) -> Result<web::Json<ProcurementView>, AppError> {
    let p = super::add_organisation(&state, &by, &id, &input.organisation, &input.role).await?;
    Ok(web::Json(shown(&state, &by, &p.id.to_string()).await?))
}

/// Removes an organisation that takes part, with its members (its leads); the lead
/// organisation stays. Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/procurements/{id}/organisations/{code}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("code" = String, Path, description = "The organisation's SCB code"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ProcurementView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn remove_organisation(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<web::Json<ProcurementView>, AppError> {
    let (id, code) = path.into_inner();
    let p = super::remove_organisation(&state, &by, &id, &code).await?;
    Ok(web::Json(shown(&state, &by, &p.id.to_string()).await?))
}

/// Whom to invite, and as what.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationInput {
    /// An address in a registered e-mail domain of an organisation taking part.
    #[schema(min_length = 3, max_length = 254)]
    pub email: String,
    #[schema(schema_with = super::Standing::field_schema)]
    pub role: String,
}

/// Invites a person by e-mail (its leads). The link goes by e-mail only; it is used once and
/// expires after 7 days. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/invitations",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = InvitationInput,
    security(("bearer" = [])),
    responses(
        (status = 202, description = "The invitation is on its way by e-mail", body = ProcurementView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn invite(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<InvitationInput>,
) -> Result<HttpResponse, AppError> {
    let p = super::invite(&state, &by, &id, &input.email, &input.role).await?;
    Ok(HttpResponse::Accepted().json(shown(&state, &by, &p.id.to_string()).await?))
}

/// Withdraws an open invitation (its leads): its link no longer works.
#[utoipa::path(
    delete,
    path = "/api/v1/procurements/{id}/invitations/{invitation}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("invitation" = Uuid, Path, description = "The invitation's id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw_invitation(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, invitation) = path.into_inner();
    super::withdraw_invitation(&state, &by, &id, invitation).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes a member (its leads): from their next request they open nothing inside. The last
/// lead stays.
#[utoipa::path(
    delete,
    path = "/api/v1/procurements/{id}/members/{user}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("user" = Uuid, Path, description = "The member's user id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn remove_member(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, user) = path.into_inner();
    super::remove_member(&state, &by, &id, user).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The dates of one phase. Both are set as sent: a date left out is cleared.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneInput {
    #[schema(schema_with = Phase::field_schema)]
    pub phase: String,
    /// When the phase is planned to be reached.
    #[serde(default)]
    pub planned_on: Option<NaiveDate>,
    /// When it was reached.
    #[serde(default)]
    pub actual_on: Option<NaiveDate>,
}

/// Sets the planned and actual dates of the phases sent (its leads); phases not sent keep
/// theirs. Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}/milestones",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = Vec<MilestoneInput>,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ProcurementView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn set_milestones(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<Vec<MilestoneInput>>,
) -> Result<web::Json<ProcurementView>, AppError> {
    let mut issues = Vec::new();
    let mut dates = Vec::new();
    for (i, m) in input.iter().enumerate() {
        let field = format!("{i}.phase");
        match Phase::parse(&m.phase) {
            Some(phase) if dates.iter().any(|d: &MilestoneDates| d.phase == phase) => {
                issues.push(FieldIssue::new(field, "procurement-error-phase-repeated"))
            }
            Some(phase) => dates.push(MilestoneDates {
                phase,
                planned_on: Some(m.planned_on),
                actual_on: Some(m.actual_on),
            }),
            None => issues.push(FieldIssue::new(field, "procurement-error-phase-unknown")),
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let p = super::set_milestones(&state, &by, &id, &dates).await?;
    Ok(web::Json(shown(&state, &by, &p.id.to_string()).await?))
}
