//! The needs pages (`/behov`) and `/api/v1/needs`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{EndorsementInput, NeedFilter, NeedInput, NeedList, NeedView};
use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::blobs::routes::Files as _;
use crate::catalog::TargetGroup;
use crate::error::{AppError, FieldIssue};
use crate::needs::NeedStatus;
use crate::revisions::{CompareQuery, History};
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::confirm::ConfirmPage;
use crate::web::frame;
use crate::web::page;
use crate::web::{Choice, choices};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/behov", web::get().to(list_page))
        .route("/behov/ny", web::get().to(new_form))
        .route("/behov/ny", web::post().to(create_form))
        .route("/behov/{slug}", web::get().to(need_page))
        .route("/behov/{slug}/instam", web::post().to(endorse_form))
        .route("/behov/{slug}/status", web::post().to(status_form))
        .route("/behov/{slug}/andra", web::get().to(edit_form))
        .route("/behov/{slug}/andra", web::post().to(update_form))
        .route(
            "/behov/{slug}/dra-tillbaka",
            web::get().to(withdraw_confirm),
        )
        .route("/behov/{slug}/dra-tillbaka", web::post().to(withdraw_form))
        .route("/behov/{slug}/aterstall", web::post().to(restore_form))
        .route("/behov/{slug}/historik", web::get().to(history_page))
        .route(
            "/behov/{slug}/instam/dra-tillbaka",
            web::post().to(unendorse_form),
        )
        .service(api_resource!("/api/v1/needs", get => list, post => create))
        .service(api_resource!(
            "/api/v1/needs/{id}",
            get => get,
            put => update,
            patch => patch,
            delete => withdraw
        ))
        .service(api_resource!("/api/v1/needs/{id}/restore", post => restore))
        .service(api_resource!("/api/v1/needs/{id}/revisions", get => revisions))
        .service(api_resource!("/api/v1/needs/{id}/endorsements", post => endorse))
        .service(api_resource!(
            "/api/v1/needs/{id}/endorsements/{organisation}",
            delete => unendorse
        ));
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
            TargetGroup::ALL,
            TargetGroup::as_str,
            TargetGroup::label,
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
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub csrf: Option<String>,
    pub may_endorse: bool,
    pub may_edit: bool,
    pub may_withdraw: bool,
    pub may_restore: bool,
    pub already_endorsed: bool,
    pub statuses: Vec<Choice>,
    /// The need's files ("Bilagor").
    pub attachments: crate::blobs::pages::Section,
    /// The need's comments ("Kommentarer").
    pub comments: crate::comments::Section,
    /// The "same need" line as typed, shown again with its error.
    pub note: String,
    pub note_error: Option<String>,
    /// The field report the need was made from ("Från fältrapport: …").
    pub from_field_report: Option<crate::fieldreports::LinkView>,
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
    let actor = identity.actor.clone();
    let need = super::readable(state, &actor, slug).await?;
    let resource = super::resource(&need, &state.catalog.get());
    let holder = super::attachments::NeedFiles::holder(state, &actor, &need.id.to_string()).await?;
    let attachments = crate::blobs::pages::Section::of(state, &identity, &holder).await?;
    let comments = crate::comments::section(
        state,
        &identity,
        super::comments::item_ref(&need, &state.catalog.get()),
    )
    .await?;
    let own_code = actor.member().and_then(|m| {
        let catalog = state.catalog.get();
        catalog
            .organisation_by_id(m.organisation_id)
            .map(|o| o.code.clone())
    });
    let from_field_report = crate::fieldreports::promote::promoted_from(
        state,
        &actor,
        crate::fieldreports::promote::NEED,
        need.id,
    )
    .await?;
    let view = super::full_view(state, &actor, need.into_inner()).await?;
    let already_endorsed = view.endorsements.iter().any(|e| {
        e.organisation
            .as_ref()
            .is_some_and(|o| Some(&o.code) == own_code.as_ref())
    });
    let follow = crate::notifications::routes::button(
        state,
        &actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::Need, view.id),
        &view.title,
        &view.url,
    )
    .await?;
    Ok(NeedPage {
        follow,
        attachments,
        comments,
        may_endorse: can(&actor, Action::Endorse, &resource),
        may_edit: can(&actor, Action::Edit, &resource),
        may_withdraw: can(&actor, Action::Withdraw, &resource),
        may_restore: can(&actor, Action::Restore, &resource),
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
        from_field_report,
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
    pub heading: String,
    pub action: String,
    pub button: String,
    pub csrf: String,
    pub title: String,
    pub description: String,
    pub target_groups: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub visibilities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &NeedForm,
    errors: Vec<FieldIssue>,
    editing: Option<&str>,
) -> FormPage {
    FormPage {
        heading: if editing.is_some() {
            crate::web::i18n::t("needs-form-edit-heading")
        } else {
            crate::web::i18n::t("needs-form-new-heading")
        },
        action: editing.map_or_else(|| "/behov/ny".to_owned(), |url| format!("{url}/andra")),
        button: if editing.is_some() {
            crate::web::i18n::t("needs-form-save")
        } else {
            crate::web::i18n::t("needs-form-register")
        },
        csrf: user.0.csrf.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        target_groups: choices(
            TargetGroup::ALL,
            TargetGroup::as_str,
            TargetGroup::label,
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
        &form_page(&state, &user, &NeedForm::default(), Vec::new(), None),
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
            &crate::web::i18n::t("needs-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, None),
        ),
        Err(other) => Err(other),
    }
}

/// The need behind `slug` if `user` may change it (`action`); refused otherwise.
async fn amendable(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    action: Action,
) -> Result<super::entity::Model, AppError> {
    let actor = user.actor();
    let need = super::readable(state, &actor, slug).await?.into_inner();
    if !can(
        &actor,
        action,
        &super::resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden("needs-error-edit-forbidden".to_owned()));
    }
    super::not_withdrawn(&need)?;
    Ok(need)
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let need = amendable(&state, &user, &slug, Action::Edit).await?;
    let catalog = state.catalog.get();
    let form = NeedForm {
        csrf: String::new(),
        title: need.title.clone(),
        description: need.description_md.clone(),
        target_group: need.target_group.clone(),
        category: need
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        visibility: need.visibility.clone(),
    };
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &form, Vec::new(), Some(&super::url(&need))),
    )
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<NeedForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let need = amendable(&state, &user, &slug, Action::Edit).await?;
    let input = NeedInput {
        title: form.title.clone(),
        description: form.description.clone(),
        target_group: form.target_group.clone(),
        category: Some(form.category.clone()),
        organisation: None,
        visibility: Some(form.visibility.clone()).filter(|v| !v.is_empty()),
    };
    match super::update(&state, &by, &need.id.to_string(), input).await {
        Ok(need) => Ok(frame::see_other(
            &super::url(&need),
            &crate::web::i18n::t("needs-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, Some(&super::url(&need))),
        ),
        Err(other) => Err(other),
    }
}

async fn withdraw_confirm(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let need = amendable(&state, &user, &slug, Action::Withdraw).await?;
    page(
        HttpResponse::Ok(),
        &ConfirmPage::withdrawal(
            crate::web::i18n::t_with("needs-withdraw-heading", "title", &need.title),
            crate::web::i18n::t("needs-withdraw-text"),
            crate::web::i18n::t("needs-withdraw-button"),
            super::url(&need),
            &user.0.csrf,
        ),
    )
}

async fn withdraw_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &slug).await?;
    Ok(frame::see_other(
        "/behov",
        &crate::web::i18n::t("needs-withdrawn-done"),
    ))
}

async fn restore_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let need = super::restore(&state, &by, &slug).await?;
    Ok(frame::see_other(
        &super::url(&need),
        &crate::web::i18n::t("needs-restored"),
    ))
}

async fn unendorse_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let need = super::withdraw_endorsement(&state, &by, &slug, None).await?;
    Ok(frame::see_other(
        &format!("{}#samma-behov", super::url(&need)),
        &crate::web::i18n::t("needs-unendorsed"),
    ))
}

async fn history_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<crate::revisions::HistoryPage, AppError> {
    let need = super::readable(&state, &actor, &slug).await?.into_inner();
    crate::revisions::page(
        &state.db,
        super::NEED,
        need.id,
        need.title.clone(),
        super::url(&need),
        query.into_inner(),
        crate::web::i18n::t("needs-history-empty"),
    )
    .await
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
            &crate::web::i18n::t("needs-endorsed"),
        )),
        Err(AppError::Invalid(issues)) => {
            let message = crate::error::message_of(&issues, "note").or_else(|| {
                issues
                    .first()
                    .map(|i| crate::web::i18n::message(&i.message))
            });
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
        &crate::web::i18n::t("needs-status-changed"),
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
        (status = 410, response = crate::openapi::Gone),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<NeedView>, AppError> {
    let need = super::show(&state, &actor, &id).await?;
    // Only node staff get this far with a withdrawn need; the API says it is gone.
    if need.withdrawn_at.is_some() {
        return Err(AppError::Gone("Behovet"));
    }
    Ok(web::Json(need))
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
        (status = 409, response = crate::openapi::Conflict),
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

/// Replaces a need's fields (its organisation or node staff); same body as creating it. Its
/// status, address and endorsements stay; the earlier state stays in its history. Requires a
/// bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/needs/{id}",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    request_body = NeedInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = NeedView),
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
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<NeedInput>,
) -> Result<web::Json<NeedView>, AppError> {
    let need = super::update(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(super::full_view(&state, &by.actor, need).await?))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT`
/// takes, applied to the need as it stands and then saved as that `PUT` would be (same rights,
/// checks and history). Requires a bearer token with the `write` scope.
#[utoipa::path(
    patch,
    path = "/api/v1/needs/{id}",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    request_body(content(
        (super::NeedPatch = "application/merge-patch+json"),
        (super::NeedPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = NeedView),
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
pub async fn patch(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<NeedView>, AppError> {
    let current = super::current_input(&state, &by, &id).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let need = super::update(&state, &by, &id, input).await?;
    Ok(web::Json(super::full_view(&state, &by.actor, need).await?))
}

/// Withdraws a need (its organisation or node staff): it leaves lists, search and the
/// overview, and answers 404 to everyone but node staff, who can restore it. Requires a bearer
/// token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/needs/{id}",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn (or already withdrawn)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Restores a withdrawn need (node staff). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/needs/{id}/restore",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = NeedView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<web::Json<NeedView>, AppError> {
    let need = super::restore(&state, &by, &id).await?;
    Ok(web::Json(super::full_view(&state, &by.actor, need).await?))
}

/// The need's revisions, newest first, and what changed between two of them (by default the
/// newest and the one before).
#[utoipa::path(
    get,
    path = "/api/v1/needs/{id}/revisions",
    tag = "needs",
    params(("id" = String, Path, description = "The need's UUID or slug"), CompareQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = History),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn revisions(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<web::Json<History>, AppError> {
    let need = super::readable(&state, &actor, &id).await?.into_inner();
    Ok(web::Json(
        crate::revisions::api_history(&state.db, super::NEED, need.id, query.into_inner()).await?,
    ))
}

/// Takes back an organisation's "we have the same need" (the organisation's own users).
/// Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/needs/{id}/endorsements/{organisation}",
    tag = "needs",
    params(
        ("id" = String, Path, description = "The need's UUID or slug"),
        ("organisation" = String, Path, description = "SCB code of the endorsing organisation"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Taken back"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn unendorse(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, organisation) = path.into_inner();
    super::withdraw_endorsement(&state, &by, &id, Some(&organisation)).await?;
    Ok(HttpResponse::NoContent().finish())
}
