//! The technology catalogue's pages (`/teknik`) and `/api/v1/technologies`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{TechnologyInput, TechnologyView, UseInput, UseView};
use crate::audit::By;
use crate::auth::{Action, Actor, Identity, Resource, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::technologies::Proximity;
use crate::technologies::UseStatus;
use crate::web::api_resource;
use crate::web::{Choice, choices, page, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/teknik", web::get().to(list_page))
        .route("/teknik/ny", web::get().to(new_form))
        .route("/teknik/ny", web::post().to(create_form))
        .route("/teknik/{slug}", web::get().to(entry_page))
        .route("/teknik/{slug}/anvandning", web::post().to(use_form))
        .service(api_resource!("/api/v1/technologies", get => list, post => create))
        .service(api_resource!("/api/v1/technologies/{id}", get => get))
        .service(api_resource!("/api/v1/technologies/{id}/uses", put => record_use));
}

#[derive(Template, WebTemplate)]
#[template(path = "technologies/index.html")]
pub struct ListPage {
    pub entries: Vec<TechnologyView>,
    pub total: usize,
    pub pager: crate::web::Pager,
    pub staff: bool,
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<super::TechnologyFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        format!("/teknik?page={n}")
    });
    Ok(ListPage {
        entries: list.technologies,
        total: list.total,
        pager,
        staff: can(&actor, Action::Curate, &Resource::Catalogue),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "technologies/show.html")]
pub struct EntryPage {
    pub entry: TechnologyView,
    pub csrf: Option<String>,
    pub statuses: Vec<Choice>,
    /// The reader's organisation's use, to fill the form with.
    pub own: Option<UseView>,
    pub uses: Vec<(UseView, String)>,
}

async fn entry_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<EntryPage, AppError> {
    let entry = super::show(&state, &identity.actor, &slug).await?;
    let own_code = identity.actor.member().and_then(|m| {
        state
            .catalog
            .get()
            .organisation_by_id(m.organisation_id)
            .map(|o| o.code.clone())
    });
    let own = entry
        .uses
        .iter()
        .find(|u| {
            u.organisation
                .as_ref()
                .is_some_and(|o| Some(&o.code) == own_code.as_ref())
        })
        .cloned();
    Ok(EntryPage {
        statuses: choices(
            UseStatus::ALL,
            UseStatus::as_str,
            UseStatus::label,
            own.as_ref().map_or("test", |u| u.status.as_str()),
        ),
        csrf: identity.session.map(|s| s.csrf),
        uses: entry
            .uses
            .iter()
            .map(|u| {
                (
                    u.clone(),
                    u.since.map(crate::web::date_sv).unwrap_or_default(),
                )
            })
            .collect(),
        own,
        entry,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UseForm {
    csrf: String,
    status: String,
    since: String,
    product: String,
    contact: String,
}

async fn use_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<UseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let since = crate::web::date_field(&form.since, "since", &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    super::record_use(
        &state,
        &by,
        &slug,
        UseInput {
            status: form.status.clone(),
            since,
            product: form.product.clone(),
            contact: form.contact.clone(),
            organisation: None,
        },
    )
    .await?;
    Ok(see_other(&format!("/teknik/{slug}#anvandning")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EntryForm {
    csrf: String,
    name: String,
    description: String,
    category: String,
    supplier: String,
    proximity: String,
    /// Comma-separated.
    standards: String,
}

#[derive(Template)]
#[template(path = "technologies/form.html")]
pub struct FormPage {
    pub csrf: String,
    pub name: String,
    pub description: String,
    pub supplier: String,
    pub standards: String,
    pub categories: Vec<Choice>,
    pub proximities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        crate::error::message_for(&self.errors, field)
    }
}

fn form_page(state: &AppState, csrf: &str, form: &EntryForm, errors: Vec<FieldIssue>) -> FormPage {
    FormPage {
        csrf: csrf.to_owned(),
        name: form.name.clone(),
        description: form.description.clone(),
        supplier: form.supplier.clone(),
        standards: form.standards.clone(),
        categories: crate::web::category_choices(&state.catalog.get(), |slug| {
            slug == form.category
        }),
        proximities: choices(
            Proximity::ALL,
            Proximity::as_str,
            Proximity::label,
            &form.proximity,
        ),
        errors,
    }
}

async fn new_form(state: web::Data<AppState>, user: SignedIn) -> Result<HttpResponse, AppError> {
    if !can(&user.actor(), Action::Curate, &Resource::Catalogue) {
        return Err(AppError::Forbidden(
            "Bara nodens personal lägger till teknik i katalogen.".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user.0.csrf, &EntryForm::default(), Vec::new()),
    )
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let input = TechnologyInput {
        name: form.name.clone(),
        description: form.description.clone(),
        category: Some(form.category.clone()),
        supplier: form.supplier.clone(),
        proximity: form.proximity.clone(),
        standards: form
            .standards
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    match super::create(&state, &by, input).await {
        Ok(entry) => Ok(see_other(&super::url(&entry))),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user.0.csrf, &form, errors),
        ),
        Err(other) => Err(other),
    }
}

/// The technology catalogue, with each entry's uses.
#[utoipa::path(
    get,
    path = "/api/v1/technologies",
    tag = "technologies",
    params(super::TechnologyFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = super::TechnologyList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<super::TechnologyFilter>,
) -> Result<web::Json<super::TechnologyList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Adds an entry to the catalogue (node staff). Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/technologies",
    tag = "technologies",
    request_body = TechnologyInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = TechnologyView),
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
    input: web::Json<TechnologyInput>,
) -> Result<HttpResponse, AppError> {
    let entry = super::create(&state, &by, input.into_inner()).await?;
    let view = super::show(&state, &by.actor, &entry.id.to_string()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/technologies/{}", view.id)))
        .json(view))
}

/// One entry: who uses it, and the trials and reports behind it.
#[utoipa::path(
    get,
    path = "/api/v1/technologies/{id}",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<TechnologyView>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?))
}

/// Records one's organisation's use of an entry. Requires a bearer token with `write`.
#[utoipa::path(
    put,
    path = "/api/v1/technologies/{id}/uses",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    request_body = UseInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn record_use(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<UseInput>,
) -> Result<web::Json<TechnologyView>, AppError> {
    super::record_use(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(super::show(&state, &by.actor, &id).await?))
}
