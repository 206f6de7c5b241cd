//! The needs pages (`/behov`) and `/api/v1/needs`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{EndorsementInput, NeedFilter, NeedInput, NeedList, NeedView};
use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::catalog::CareGroup;
use crate::error::{AppError, FieldIssue};
use crate::needs::NeedStatus;
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::page;
use crate::web::{Choice, choices};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/behov", web::get().to(list_page))
        .route("/behov/ny", web::get().to(new_form))
        .route("/behov/ny", web::post().to(create_form))
        .route("/behov/{slug}", web::get().to(need_page))
        .route("/behov/{slug}/instam", web::post().to(endorse_form))
        .route("/behov/{slug}/status", web::post().to(status_form))
        .service(api_resource!("/api/v1/needs", get => list, post => create))
        .service(api_resource!("/api/v1/needs/{id}", get => get))
        .service(api_resource!("/api/v1/needs/{id}/endorsements", post => endorse));
}

#[derive(Template, WebTemplate)]
#[template(path = "needs/index.html")]
pub struct ListPage {
    pub list: NeedList,
    pub statuses: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub signed_in: bool,
    pub pager: crate::web::Pager,
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<NeedFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let filters = [
        ("status", filter.status.as_ref()),
        ("target_group", filter.target_group.as_ref()),
        ("category", filter.category.as_ref()),
        ("organisation", filter.organisation.as_ref()),
    ];
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link("/behov", &filters, n)
    });
    Ok(ListPage {
        pager,
        statuses: choices(
            NeedStatus::ALL,
            NeedStatus::as_str,
            NeedStatus::label,
            filter.status.as_deref().unwrap_or(""),
        ),
        target_groups: choices(
            CareGroup::ALL,
            CareGroup::as_str,
            CareGroup::label,
            filter.target_group.as_deref().unwrap_or(""),
        ),
        signed_in: actor != Actor::Anonymous,
        list,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "needs/show.html")]
pub struct NeedPage {
    pub need: NeedView,
    pub csrf: Option<String>,
    pub may_endorse: bool,
    pub may_edit: bool,
    pub already_endorsed: bool,
    pub statuses: Vec<Choice>,
    /// The "same need" line as typed, shown again with its error.
    pub note: String,
    pub note_error: Option<String>,
}

async fn need_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<NeedPage, AppError> {
    need_view(&state, identity, &slug, String::new(), None).await
}

/// The need page, with the "same need" line as typed and its error (none when shown afresh).
async fn need_view(
    state: &AppState,
    identity: Identity,
    slug: &str,
    note: String,
    note_error: Option<String>,
) -> Result<NeedPage, AppError> {
    let actor = identity.actor;
    let need = super::readable(state, &actor, slug).await?;
    let resource = super::resource(&need, &state.catalog.get());
    let own_code = actor.member().and_then(|m| {
        let catalog = state.catalog.get();
        catalog
            .organisation_by_id(m.organisation_id)
            .map(|o| o.code.clone())
    });
    let view = super::full_view(state, &actor, need.into_inner()).await?;
    let already_endorsed = view.endorsements.iter().any(|e| {
        e.organisation
            .as_ref()
            .is_some_and(|o| Some(&o.code) == own_code.as_ref())
    });
    Ok(NeedPage {
        may_endorse: can(&actor, Action::Endorse, &resource),
        may_edit: can(&actor, Action::Edit, &resource),
        csrf: identity.session.map(|s| s.csrf),
        statuses: choices(
            NeedStatus::ALL,
            NeedStatus::as_str,
            NeedStatus::label,
            &view.status,
        ),
        already_endorsed,
        need: view,
        note,
        note_error,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NeedForm {
    csrf: String,
    title: String,
    description: String,
    target_group: String,
    category: String,
    visibility: String,
}

#[derive(Template)]
#[template(path = "needs/form.html")]
pub struct FormPage {
    pub csrf: String,
    pub title: String,
    pub description: String,
    pub target_groups: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub visibilities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        crate::error::message_for(&self.errors, field)
    }
}

fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &NeedForm,
    errors: Vec<FieldIssue>,
) -> FormPage {
    FormPage {
        csrf: user.0.csrf.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        target_groups: choices(
            CareGroup::ALL,
            CareGroup::as_str,
            CareGroup::label,
            &form.target_group,
        ),
        categories: crate::web::category_choices(&state.catalog.get(), |slug| {
            slug == form.category
        }),
        visibilities: choices(
            &[
                Visibility::Public,
                Visibility::Network,
                Visibility::Organisation,
            ],
            Visibility::as_str,
            Visibility::label,
            if form.visibility.is_empty() {
                "network"
            } else {
                &form.visibility
            },
        ),
        errors,
    }
}

async fn new_form(state: web::Data<AppState>, user: SignedIn) -> Result<HttpResponse, AppError> {
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &NeedForm::default(), Vec::new()),
    )
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<NeedForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let input = NeedInput {
        title: form.title.clone(),
        description: form.description.clone(),
        target_group: form.target_group.clone(),
        category: Some(form.category.clone()),
        organisation: None,
        visibility: Some(form.visibility.clone()).filter(|v| !v.is_empty()),
    };
    match super::create(&state, &by, input).await {
        Ok(need) => Ok(crate::web::frame::see_other(
            &format!("{}#behov", super::url(&need)),
            "Behovet är sparat",
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors),
        ),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EndorseForm {
    csrf: String,
    note: String,
}

async fn endorse_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<EndorseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let endorsed = super::endorse(
        &state,
        &by,
        &slug,
        EndorsementInput {
            note: form.note.clone(),
        },
    )
    .await;
    match endorsed {
        Ok(need) => Ok(crate::web::frame::see_other(
            &format!("{}#samma-behov", super::url(&need)),
            "Ni har instämt i behovet",
        )),
        Err(AppError::Invalid(issues)) => {
            let message = crate::error::message_for(&issues, "note")
                .or_else(|| issues.first().map(|i| i.message.as_str()))
                .map(str::to_owned);
            let view = need_view(&state, identity, &slug, form.note.clone(), message).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StatusForm {
    csrf: String,
    status: String,
}

async fn status_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let need = super::set_status(&state, &by, &slug, &form.status).await?;
    Ok(crate::web::frame::see_other(
        &format!("{}#behov", super::url(&need)),
        "Behovets status är ändrad",
    ))
}

/// The county's needs, the most widely shared first.
#[utoipa::path(
    get,
    path = "/api/v1/needs",
    tag = "needs",
    params(NeedFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = NeedList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<NeedFilter>,
) -> Result<web::Json<NeedList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Raises a need for one's organisation. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/needs",
    tag = "needs",
    request_body = NeedInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = NeedView),
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
    input: web::Json<NeedInput>,
) -> Result<HttpResponse, AppError> {
    let need = super::create(&state, &by, input.into_inner()).await?;
    let view = super::full_view(&state, &by.actor, need).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/needs/{}", view.id)))
        .json(view))
}

/// One need with the organisations sharing it and the trials answering it.
#[utoipa::path(
    get,
    path = "/api/v1/needs/{id}",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = NeedView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<NeedView>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?))
}

/// Says one's organisation has the same need. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/needs/{id}/endorsements",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    request_body = EndorsementInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = NeedView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn endorse(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<EndorsementInput>,
) -> Result<web::Json<NeedView>, AppError> {
    let need = super::endorse(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(super::full_view(&state, &by.actor, need).await?))
}
