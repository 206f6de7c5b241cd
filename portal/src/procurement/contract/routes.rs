//! The contract parties page (`/upphandlingar/{slug}/avtalsparter`) and
//! `/api/v1/procurements/{id}/parties`, `/award` and `/calloffs`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{
    AwardInput, AwardView, CallOffFilter, CallOffInput, CallOffList, CallOffView, ContractRegister,
    PartyChange, PartyInput, PartyRole,
};
use crate::audit::By;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::procurement::ProcurementView;
use crate::state::AppState;
use crate::web::{Choice, api_resource, choices, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/upphandlingar/{slug}/avtalsparter",
        web::get().to(register_page),
    )
    .route(
        "/upphandlingar/{slug}/avtalsparter",
        web::post().to(party_form),
    )
    .route(
        "/upphandlingar/{slug}/avtalsparter/tilldelning",
        web::post().to(award_form),
    )
    .route(
        "/upphandlingar/{slug}/avtalsparter/avrop",
        web::post().to(calloff_form),
    )
    .service(api_resource!(
        "/api/v1/procurements/{id}/parties",
        get => parties,
        post => add_party
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/parties/{organisation}",
        put => change_party
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/award",
        get => get_award,
        put => put_award
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/calloffs",
        get => list_calloffs,
        post => add_calloff
    ))
    .service(api_resource!("/api/v1/procurements/{id}/ocds", get => ocds));
}

// ---- The page ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/parties.html")]
pub struct RegisterPage {
    pub p: ProcurementView,
    pub register: ContractRegister,
    pub calloffs: CallOffList,
    pub pager: crate::web::Pager,
    pub csrf: Option<String>,
    /// The reader may change the register and the award (a lead).
    pub may_edit: bool,
    /// The parties the reader may record call-offs for.
    pub calloff_parties: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub roles: Vec<Choice>,
    /// What was typed, by field name, shown again with its errors.
    pub typed: HashMap<String, String>,
    pub errors: Vec<FieldIssue>,
}

impl RegisterPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }

    /// What was typed into `field`, or `stored`.
    pub fn value(&self, field: &str, stored: String) -> String {
        self.typed.get(field).cloned().unwrap_or(stored)
    }

    pub fn award_value(&self, field: &str) -> String {
        let stored = self.register.award.as_ref().map(|a| match field {
            "supplier" => a.supplier.clone(),
            "awarded_on" => a.awarded_on.to_string(),
            "signed_on" => a.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        });
        self.value(field, stored.unwrap_or_default())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PageQuery {
    page: Option<usize>,
}

async fn register_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    page_number: Option<usize>,
    typed: HashMap<String, String>,
    errors: Vec<FieldIssue>,
) -> Result<RegisterPage, AppError> {
    let actor = identity.actor.clone();
    let opened = crate::procurement::readable(state, &actor, slug).await?;
    let csrf = identity.session.as_ref().map(|s| s.csrf.clone());
    let resource = opened.resource();
    let may_edit = csrf.is_some() && can(&actor, Action::Edit, &resource);
    let register = super::register(state, &opened).await?;
    let calloffs = super::calloffs(state, &opened, &CallOffFilter { page: page_number }).await?;
    let p = crate::procurement::view(state, &opened).await?;
    let base = format!("{}/avtalsparter", p.url);
    let pager = crate::web::Pager::new(calloffs.page, calloffs.per_page, calloffs.total, |n| {
        format!("{base}?page={n}#avrop")
    });
    let typed_party = typed.get("party").cloned().unwrap_or_default();
    let catalog = state.catalog.get();
    let calloff_parties = if csrf.is_some() && register.award.is_some() {
        register
            .parties
            .iter()
            .filter(|party| {
                catalog
                    .organisation_by_code(&party.organisation.code)
                    .is_some_and(|o| crate::auth::policy::calls_off_for(&actor, &resource, o.id))
            })
            .map(|party| Choice {
                value: party.organisation.code.clone(),
                label: party.organisation.name.clone(),
                selected: party.organisation.code == typed_party,
            })
            .collect()
    } else {
        Vec::new()
    };
    let typed_org = typed.get("organisation").cloned().unwrap_or_default();
    let organisations = catalog
        .organisations
        .iter()
        .map(|o| Choice {
            value: o.code.clone(),
            label: o.name.clone(),
            selected: o.code == typed_org,
        })
        .collect();
    let roles = choices(
        PartyRole::ALL,
        PartyRole::as_str,
        PartyRole::label,
        typed
            .get("role")
            .map_or(PartyRole::Ordinary.as_str(), String::as_str),
    );
    Ok(RegisterPage {
        p,
        register,
        calloffs,
        pager,
        csrf,
        may_edit,
        calloff_parties,
        organisations,
        roles,
        typed,
        errors,
    })
}

async fn register_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let view = register_view(
        &state,
        &identity,
        &slug,
        query.page,
        HashMap::new(),
        Vec::new(),
    )
    .await?;
    page(HttpResponse::Ok(), &view)
}

/// A whole number of kronor typed in a form: an issue under `field` when it is not one.
fn kronor_field(value: &str, field: &str, issues: &mut Vec<FieldIssue>) -> i64 {
    let cleaned: String = value
        .trim()
        .trim_end_matches("kr")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() {
        issues.push(FieldIssue::new(field, "procurement-error-amount-whole"));
        return 0;
    }
    match cleaned.parse::<i64>() {
        Ok(v) => v,
        Err(_) => {
            issues.push(FieldIssue::new(field, "procurement-error-amount-digits"));
            0
        }
    }
}

/// Shows the page again with what was typed and the errors, or passes on another error.
async fn again(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    mut form: HashMap<String, String>,
    result: Result<String, AppError>,
    notice: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(to) => Ok(frame::see_other(&to, notice)),
        Err(AppError::Invalid(errors)) => {
            form.remove("csrf");
            let view = register_view(state, identity, slug, None, form, errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

async fn party_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(&req, Some(&user.0.csrf), field(&form, "csrf"))?;
    let mut issues = Vec::new();
    let estimated_sek = kronor_field(field(&form, "estimated_sek"), "estimated_sek", &mut issues);
    let maximum_sek = kronor_field(field(&form, "maximum_sek"), "maximum_sek", &mut issues);
    let from_on = crate::web::date_field(field(&form, "from_on"), "from_on", &mut issues);
    let change = PartyChange {
        role: field(&form, "role").to_owned(),
        from_on,
        estimated_sek,
        maximum_sek,
        quantity: field(&form, "quantity").to_owned(),
    };
    let result = if issues.is_empty() {
        super::save_party(
            &state,
            &by,
            &slug,
            field(&form, "organisation"),
            &change,
            false,
        )
        .await
        .map(|_| format!("/upphandlingar/{slug}/avtalsparter#parter"))
    } else {
        Err(AppError::Invalid(issues))
    };
    again(
        &state,
        &identity,
        &slug,
        form,
        result,
        "Avtalsparten är sparad",
    )
    .await
}

async fn award_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(&req, Some(&user.0.csrf), field(&form, "csrf"))?;
    let mut issues = Vec::new();
    let awarded_on = crate::web::date_field(field(&form, "awarded_on"), "awarded_on", &mut issues);
    if awarded_on.is_none() && issues.is_empty() {
        issues.push(FieldIssue::new(
            "awarded_on",
            "procurement-error-award-date-missing",
        ));
    }
    let signed_on = crate::web::date_field(field(&form, "signed_on"), "signed_on", &mut issues);
    let result = match (awarded_on, issues.is_empty()) {
        (Some(awarded_on), true) => super::record_award(
            &state,
            &by,
            &slug,
            &AwardInput {
                supplier: field(&form, "supplier").to_owned(),
                awarded_on,
                signed_on,
            },
        )
        .await
        .map(|_| format!("/upphandlingar/{slug}/avtalsparter#tilldelning")),
        _ => Err(AppError::Invalid(issues)),
    };
    again(
        &state,
        &identity,
        &slug,
        form,
        result,
        "Tilldelningen är sparad",
    )
    .await
}

async fn calloff_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(&req, Some(&user.0.csrf), field(&form, "csrf"))?;
    let mut issues = Vec::new();
    let called_on = crate::web::date_field(field(&form, "called_on"), "called_on", &mut issues);
    if called_on.is_none() && issues.is_empty() {
        issues.push(FieldIssue::new(
            "called_on",
            "procurement-error-call-off-date-missing",
        ));
    }
    let value_sek = kronor_field(field(&form, "value_sek"), "value_sek", &mut issues);
    let result = match (called_on, issues.is_empty()) {
        (Some(called_on), true) => super::record_calloff(
            &state,
            &by,
            &slug,
            &CallOffInput {
                organisation: field(&form, "party").to_owned(),
                called_on,
                value_sek,
                note: field(&form, "note").to_owned(),
            },
        )
        .await
        .map(|_| format!("/upphandlingar/{slug}/avtalsparter#avrop")),
        _ => Err(AppError::Invalid(issues)),
    };
    // The form names the calling-off party `party` (the register's form has `organisation`).
    let result = result.map_err(|e| match e {
        AppError::Invalid(issues) => AppError::Invalid(
            issues
                .into_iter()
                .map(|mut i| {
                    if i.field == "organisation" {
                        i.field = "party".to_owned();
                    }
                    i
                })
                .collect(),
        ),
        other => other,
    });
    again(
        &state,
        &identity,
        &slug,
        form,
        result,
        "Avropet är registrerat",
    )
    .await
}

// ---- The API -------------------------------------------------------------------------------

/// The contract parties register: the organisations that may call off the framework
/// agreement with their estimated and maximum values, the agreement's totals and the award
/// (members only; everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/parties",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = ContractRegister),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn parties(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<ContractRegister>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::register(&state, &opened).await?))
}

/// The register as the writer sees it after a change.
async fn register_after(state: &AppState, by: &By, id: &str) -> Result<ContractRegister, AppError> {
    let opened = crate::procurement::readable(state, &by.actor, id).await?;
    super::register(state, &opened).await
}

/// Adds a contract party (the procurement's leads). From annonsering on the register is
/// frozen and a new party is refused (422 on `organisation`): only the organisations named
/// in the procurement documents may call off. Requires a bearer token with the `write`
/// scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/parties",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = PartyInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ContractRegister),
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
pub async fn add_party(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<PartyInput>,
) -> Result<HttpResponse, AppError> {
    super::save_party(&state, &by, &id, &input.organisation, &input.change(), true).await?;
    let register = register_after(&state, &by, &id).await?;
    Ok(HttpResponse::Created().json(register))
}

/// Sets a contract party's role and values (the procurement's leads), adding it if it is
/// not one yet. From annonsering on, a new party, a higher maximum and another role or
/// from-date are refused (422); lowering the maximum or the estimate and correcting the
/// quantity stay allowed. Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}/parties/{organisation}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("organisation" = String, Path, description = "The party's SCB code"),
    ),
    request_body = PartyChange,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ContractRegister),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn change_party(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
    input: web::Json<PartyChange>,
) -> Result<web::Json<ContractRegister>, AppError> {
    let (id, organisation) = path.into_inner();
    super::save_party(&state, &by, &id, &organisation, &input, false).await?;
    Ok(web::Json(register_after(&state, &by, &id).await?))
}

/// The award of the framework agreement (members only; 404 when none is recorded).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/award",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = AwardView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_award(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<AwardView>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    super::register(&state, &opened)
        .await?
        .award
        .map(web::Json)
        .ok_or(AppError::NotFound("tilldelningen"))
}

/// Records or corrects the award (the procurement's leads), once the procurement has
/// reached tilldelning (409 before). Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}/award",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = AwardInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = AwardView),
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
pub async fn put_award(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<AwardInput>,
) -> Result<web::Json<AwardView>, AppError> {
    let saved = super::record_award(&state, &by, &id, &input).await?;
    Ok(web::Json(AwardView {
        supplier: saved.supplier,
        awarded_on: saved.awarded_on,
        signed_on: saved.signed_on,
        updated_at: saved.updated_at,
    }))
}

/// The call-offs from the framework agreement, the latest first (members only).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/calloffs",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        CallOffFilter,
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = CallOffList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_calloffs(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
    filter: web::Query<CallOffFilter>,
) -> Result<web::Json<CallOffList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::calloffs(&state, &opened, &filter).await?))
}

/// Records a call-off (a lead for any party, a member for their own organisation's) once
/// the award is recorded (409 before). A call-off that would pass the party's maximum or the
/// agreement's is refused (422 on `value_sek`): the agreement is spent at its maximum.
/// Reaching 80 % of a maximum mails the leads and node staff once. Requires a bearer token
/// with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/calloffs",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = CallOffInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = CallOffView),
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
pub async fn add_calloff(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<CallOffInput>,
) -> Result<HttpResponse, AppError> {
    let saved = super::record_calloff(&state, &by, &id, &input).await?;
    let view = super::calloff_view(&state.catalog.get(), saved);
    Ok(HttpResponse::Created().json(view))
}

/// The procurement as open data: an OCDS 1.1 release package (planning and tender; the award
/// and the contract once recorded). Anyone gets it once the procurement is advertised (phase
/// annonsering or later); before that, only its members (everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/ocds",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = super::ocds::ReleasePackage),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn ocds(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<super::ocds::ReleasePackage>, AppError> {
    let procurement = crate::procurement::public::readable_facts(&state, &actor, &id).await?;
    Ok(web::Json(
        super::ocds::release_package(&state, &procurement).await?,
    ))
}
