//! The trial pages (`/tester`) and `/api/v1/trials`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{EntryInput, EntryView, TrialFilter, TrialInput, TrialList, TrialView};
use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::catalog::CareGroup;
use crate::error::{AppError, FieldIssue};
use crate::followups::Direction;
use crate::state::AppState;
use crate::trials::EntryType;
use crate::trials::TrialPhase;
use crate::web::api_resource;
use crate::web::page;
use crate::web::{Choice, choices, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tester", web::get().to(list_page))
        .route("/tester/ny", web::get().to(new_form))
        .route("/tester/ny", web::post().to(create_form))
        .route("/tester/{slug}", web::get().to(trial_page))
        .route("/tester/{slug}/journal", web::post().to(entry_form))
        .route("/tester/{slug}/fas", web::post().to(phase_form))
        .service(api_resource!("/api/v1/trials", get => list, post => create))
        .service(api_resource!("/api/v1/trials/{id}", get => get))
        .service(api_resource!("/api/v1/trials/{id}/journal", get => journal, post => add_entry))
        .service(api_resource!("/api/v1/trials/{id}/phase", put => set_phase));
}

#[derive(Template, WebTemplate)]
#[template(path = "trials/index.html")]
pub struct ListPage {
    pub list: TrialList,
    pub phases: Vec<Choice>,
    pub signed_in: bool,
    pub pager: crate::web::Pager,
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<TrialFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let filters = [
        ("phase", filter.phase.as_ref()),
        ("target_group", filter.target_group.as_ref()),
        ("organisation", filter.organisation.as_ref()),
    ];
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link("/tester", &filters, n)
    });
    Ok(ListPage {
        pager,
        phases: choices(
            TrialPhase::ALL,
            TrialPhase::as_str,
            TrialPhase::label,
            filter.phase.as_deref().unwrap_or(""),
        ),
        signed_in: actor != Actor::Anonymous,
        list,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "trials/show.html")]
pub struct TrialPage {
    pub trial: TrialView,
    pub csrf: Option<String>,
    pub may_write: bool,
    pub may_lead: bool,
    pub entry_types: Vec<Choice>,
    pub phases: Vec<Choice>,
    pub journal: Vec<(EntryView, String)>,
    /// The start and end dates as Swedish dates.
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub follow_ups: crate::followups::TrialFollowUps,
    pub directions: Vec<Choice>,
    /// The catalogue entry under test, as (name, address).
    pub technology_entry: Option<(String, String)>,
    /// The journal form as typed, shown again with its errors.
    pub entry: EntryForm,
    pub entry_errors: Vec<FieldIssue>,
    /// The indicator form as typed, shown again with its errors.
    pub indicator: crate::followups::IndicatorFields,
    pub indicator_errors: Vec<FieldIssue>,
}

impl TrialPage {
    pub fn entry_error(&self, field: &str) -> Option<&str> {
        crate::error::message_for(&self.entry_errors, field)
    }

    pub fn indicator_error(&self, field: &str) -> Option<&str> {
        crate::error::message_for(&self.indicator_errors, field)
    }
}

/// The trial page with the indicator form as typed and its errors (the follow-up feature's
/// form failing).
pub(crate) async fn page_with_indicator_form(
    state: &AppState,
    identity: Identity,
    slug: &str,
    indicator: crate::followups::IndicatorFields,
    errors: Vec<FieldIssue>,
) -> Result<TrialPage, AppError> {
    let mut page = trial_view(state, identity, slug, EntryForm::default(), Vec::new()).await?;
    page.directions = choices(
        Direction::ALL,
        Direction::as_str,
        Direction::label,
        &indicator.direction,
    );
    page.indicator = indicator;
    page.indicator_errors = errors;
    Ok(page)
}

async fn trial_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<TrialPage, AppError> {
    trial_view(&state, identity, &slug, EntryForm::default(), Vec::new()).await
}

/// The trial page, with the journal form as typed and its errors (empty when none).
async fn trial_view(
    state: &AppState,
    identity: Identity,
    slug: &str,
    entry: EntryForm,
    entry_errors: Vec<FieldIssue>,
) -> Result<TrialPage, AppError> {
    let actor = identity.actor;
    let (trial, parties) = super::readable_with_parties(state, &actor, slug).await?;
    let resource = super::resource(&trial, &parties);
    let follow_ups = crate::followups::for_trial_as(state, &actor, &trial, &resource).await?;
    let technology_entry = match trial.technology_id {
        Some(id) => crate::technologies::find(state, &id.to_string())
            .await
            .ok()
            .map(|e| (e.name.clone(), crate::technologies::url(&e))),
        None => None,
    };
    let view = super::view(state, &actor, trial, &parties).await?;
    Ok(TrialPage {
        may_write: can(&actor, Action::Contribute, &resource),
        may_lead: can(&actor, Action::Edit, &resource),
        csrf: identity.session.map(|s| s.csrf),
        entry_types: choices(
            EntryType::ALL,
            EntryType::as_str,
            EntryType::label,
            if entry.entry_type.is_empty() {
                "steg"
            } else {
                &entry.entry_type
            },
        ),
        entry,
        entry_errors,
        indicator: crate::followups::IndicatorFields::default(),
        indicator_errors: Vec::new(),
        phases: choices(
            TrialPhase::ALL,
            TrialPhase::as_str,
            TrialPhase::label,
            &view.phase,
        ),
        journal: view
            .journal
            .iter()
            .map(|e| (e.clone(), crate::web::date_sv(e.happened_on)))
            .collect(),
        follow_ups,
        directions: choices(Direction::ALL, Direction::as_str, Direction::label, "hogre"),
        technology_entry,
        starts: view.starts_on.map(crate::web::date_sv),
        ends: view.ends_on.map(crate::web::date_sv),
        trial: view,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TrialForm {
    csrf: String,
    title: String,
    description: String,
    lead: String,
    /// Comma-separated SCB codes or names.
    participants: String,
    technology: String,
    product: String,
    supplier: String,
    target_group: String,
    category: String,
    starts_on: String,
    ends_on: String,
    visibility: String,
    /// Comma-separated need slugs.
    needs: String,
    /// The catalogue entry (slug) under test.
    technology_entry: String,
}

#[derive(Template)]
#[template(path = "trials/form.html")]
pub struct FormPage {
    pub csrf: String,
    /// The description as typed (the one-line fields are in `text_fields`).
    pub description: String,
    pub leads: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub visibilities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
    pub text_fields: Vec<TextField>,
    pub date_fields: Vec<TextField>,
    /// The catalogue's entries.
    pub technology_entries: Vec<Choice>,
}

/// A one-line field of the form.
pub struct TextField {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub required: bool,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        crate::error::message_for(&self.errors, field)
    }
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &TrialForm,
    errors: Vec<FieldIssue>,
) -> Result<FormPage, AppError> {
    let technology_entries = crate::technologies::choices(state)
        .await?
        .into_iter()
        .map(|(slug, name)| Choice {
            selected: slug == form.technology_entry,
            value: slug,
            label: name,
        })
        .collect();
    let catalog = state.catalog.get();
    let actor = user.actor();
    let member = &user.0.member;
    let own = catalog
        .organisation_by_id(member.organisation_id)
        .map(|o| o.code.clone())
        .unwrap_or_default();
    let lead = if form.lead.is_empty() {
        own
    } else {
        form.lead.clone()
    };
    let field = |name, label, value: &String, required| TextField {
        name,
        label,
        value: value.clone(),
        required,
    };
    Ok(FormPage {
        technology_entries,
        text_fields: vec![
            field("title", "Rubrik", &form.title, true),
            field("technology", "Teknik som testas", &form.technology, true),
            field("product", "Produkt", &form.product, false),
            field("supplier", "Leverantör", &form.supplier, false),
            field(
                "participants",
                "Deltagande organisationer (kommunkoder eller namn, skilj med komma)",
                &form.participants,
                false,
            ),
            field(
                "needs",
                "Behov som testet svarar på (adressnamn, skilj med komma)",
                &form.needs,
                false,
            ),
        ],
        date_fields: vec![
            field("starts_on", "Start", &form.starts_on, false),
            field("ends_on", "Slut", &form.ends_on, false),
        ],
        csrf: user.0.csrf.clone(),
        leads: catalog
            .organisations
            .iter()
            .filter(|o| crate::auth::policy::writes_for(&actor, o.id))
            .map(|o| Choice {
                value: o.code.clone(),
                label: o.name.clone(),
                selected: o.code == lead,
            })
            .collect(),
        target_groups: choices(
            CareGroup::ALL,
            CareGroup::as_str,
            CareGroup::label,
            &form.target_group,
        ),
        categories: crate::web::category_choices(&catalog, |slug| slug == form.category),
        visibilities: choices(
            &[
                Visibility::Public,
                Visibility::Network,
                Visibility::Organisation,
            ],
            Visibility::as_str,
            |v| match v {
                Visibility::Organisation => "De deltagande organisationerna",
                other => other.label(),
            },
            if form.visibility.is_empty() {
                "public"
            } else {
                &form.visibility
            },
        ),
        description: form.description.clone(),
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewQuery {
    /// A need (slug) to answer.
    behov: String,
}

async fn new_form(
    state: web::Data<AppState>,
    user: SignedIn,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let form = TrialForm {
        needs: query.behov.clone(),
        ..TrialForm::default()
    };
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &form, Vec::new()).await?,
    )
}

fn list_of(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<TrialForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let starts_on = crate::web::date_field(&form.starts_on, "starts_on", &mut issues);
    let ends_on = crate::web::date_field(&form.ends_on, "ends_on", &mut issues);
    let input = TrialInput {
        title: form.title.clone(),
        description: form.description.clone(),
        lead: Some(form.lead.clone()).filter(|l| !l.is_empty()),
        participants: list_of(&form.participants),
        technology: form.technology.clone(),
        product: form.product.clone(),
        supplier: form.supplier.clone(),
        target_group: form.target_group.clone(),
        category: Some(form.category.clone()),
        starts_on,
        ends_on,
        phase: None,
        visibility: Some(form.visibility.clone()).filter(|v| !v.is_empty()),
        needs: list_of(&form.needs),
        technology_entry: Some(form.technology_entry.clone()).filter(|t| !t.is_empty()),
    };
    let created = if issues.is_empty() {
        super::create(&state, &by, input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match created {
        Ok(trial) => Ok(see_other(&super::url(&trial))),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors).await?,
        ),
        Err(other) => Err(other),
    }
}

/// The journal form, as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub csrf: String,
    pub entry_type: String,
    pub happened_on: String,
    pub text: String,
}

async fn entry_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let happened_on = crate::web::date_field(&form.happened_on, "happened_on", &mut issues);
    let added = if issues.is_empty() {
        super::add_entry(
            &state,
            &by,
            &slug,
            EntryInput {
                entry_type: form.entry_type.clone(),
                happened_on,
                text: form.text.clone(),
            },
        )
        .await
    } else {
        Err(AppError::Invalid(issues))
    };
    match added {
        Ok(entry) => Ok(see_other(&format!(
            "/tester/{slug}#anteckning-{}",
            entry.id
        ))),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &trial_view(&state, identity, &slug, form.into_inner(), errors).await?,
        ),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PhaseForm {
    csrf: String,
    phase: String,
}

async fn phase_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<PhaseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let trial = super::set_phase(&state, &by, &slug, &form.phase).await?;
    Ok(see_other(&super::url(&trial)))
}

/// Trials the caller may follow, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/trials",
    tag = "trials",
    params(TrialFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TrialList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<TrialFilter>,
) -> Result<web::Json<TrialList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Starts a trial (its lead's staff or node staff). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials",
    tag = "trials",
    request_body = TrialInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<TrialInput>,
) -> Result<HttpResponse, AppError> {
    let trial = super::create(&state, &by, input.into_inner()).await?;
    let view = super::show(&state, &by.actor, &trial.id.to_string()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/trials/{}", view.id)))
        .json(view))
}

/// One trial with its participants, journal and reports.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<TrialView>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?))
}

/// The trial's journal, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/journal",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = [EntryView]),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn journal(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<Vec<EntryView>>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?.journal))
}

/// Writes a journal entry (participants). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/journal",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = EntryInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = EntryView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn add_entry(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<EntryInput>,
) -> Result<HttpResponse, AppError> {
    let entry = super::add_entry(&state, &by, &id, input.into_inner()).await?;
    Ok(HttpResponse::Created().json(super::entry_view(&state.catalog.get(), entry)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseInput {
    /// planerad, pagar, avslutad or avbruten.
    #[schema(schema_with = crate::trials::TrialPhase::field_schema)]
    pub phase: String,
}

/// Moves a trial to another phase (its lead or node staff); participants are e-mailed.
#[utoipa::path(
    put,
    path = "/api/v1/trials/{id}/phase",
    tag = "trials",
    params(("id" = String, Path, description = "The trial's UUID or slug")),
    request_body = PhaseInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TrialView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn set_phase(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<PhaseInput>,
) -> Result<web::Json<TrialView>, AppError> {
    let trial = super::set_phase(&state, &by, &id, &input.phase).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &trial.id.to_string()).await?,
    ))
}
