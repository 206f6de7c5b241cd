//! The pages of procurement documents (`/upphandlingar/{slug}/dokument`) and
//! `/api/v1/procurements/{id}/documents`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{DocumentFilter, DocumentInput, DocumentList, DocumentType, DocumentView};
use crate::audit::By;
use crate::auth::{Actor, Identity, SignedIn, csrf};
use crate::blobs::attachments;
use crate::blobs::pages::Section;
use crate::error::{AppError, FieldIssue};
use crate::procurement::ProcurementView;
use crate::revisions::CompareQuery;
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::frame;
use crate::web::i18n;
use crate::web::page;
use crate::web::{Choice, choices};

/// Documents are long: their forms may be larger than other forms.
const FORM_LIMIT: usize = 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let form = || web::FormConfig::default().limit(FORM_LIMIT);
    cfg.route("/upphandlingar/{slug}/dokument", web::get().to(list_page))
        .service(
            web::resource("/upphandlingar/{slug}/dokument/ny")
                .app_data(form())
                .route(web::get().to(new_form))
                .route(web::post().to(create_form)),
        )
        .route(
            "/upphandlingar/{slug}/dokument/{id}",
            web::get().to(document_page),
        )
        .service(
            web::resource("/upphandlingar/{slug}/dokument/{id}/andra")
                .app_data(form())
                .route(web::get().to(edit_form))
                .route(web::post().to(update_form)),
        )
        .route(
            "/upphandlingar/{slug}/dokument/{id}/historik",
            web::get().to(history_page),
        )
        .service(api_resource!(
            "/api/v1/procurements/{id}/documents",
            get => list,
            post => create
        ))
        .service(api_resource!(
            "/api/v1/procurements/{id}/documents/{document_id}",
            get => get,
            put => update
        ));
    super::files::configure(cfg);
}

// ---- The list ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/documents/index.html")]
pub struct ListPage {
    pub p: ProcurementView,
    pub list: DocumentList,
    pub pager: crate::web::Pager,
    pub may_write: bool,
}

async fn list_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    filter: web::Query<DocumentFilter>,
) -> Result<HttpResponse, AppError> {
    let actor = &identity.actor;
    let opened = crate::procurement::readable(&state, actor, &slug).await?;
    let list = super::list(&state, &opened, &filter).await?;
    let p = crate::procurement::view(&state, &opened).await?;
    let base = format!("{}/dokument", p.url);
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link(&base, &[], n)
    });
    let may_write = identity.session.is_some()
        && crate::auth::can(actor, crate::auth::Action::Contribute, &opened.resource());
    page(
        HttpResponse::Ok(),
        &ListPage {
            p,
            list,
            pager,
            may_write,
        },
    )
}

// ---- Writing one ---------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DocumentForm {
    csrf: String,
    title: String,
    document_type: String,
    body: String,
    public: String,
}

impl DocumentForm {
    /// The input, with "public" only from those who are shown the box (leads).
    fn input(&self, may_publish: bool) -> DocumentInput {
        DocumentInput {
            title: self.title.clone(),
            document_type: Some(self.document_type.clone()).filter(|t| !t.trim().is_empty()),
            body: self.body.clone(),
            public: may_publish.then_some(self.public == "true"),
        }
    }
}

#[derive(Template)]
#[template(path = "procurement/documents/form.html")]
pub struct FormPage {
    pub p: ProcurementView,
    pub heading: String,
    pub action: String,
    pub button: String,
    pub back: String,
    pub csrf: String,
    pub title: String,
    pub body: String,
    pub types: Vec<Choice>,
    pub may_publish: bool,
    pub public: bool,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

/// The form for a new document (`editing: None`) or a change, as `user` may fill it in.
async fn form_page(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    editing: Option<&str>,
    typed: Option<&DocumentForm>,
    errors: Vec<FieldIssue>,
) -> Result<FormPage, AppError> {
    let actor = user.actor();
    let opened = crate::procurement::readable(state, &actor, slug).await?;
    let resource = opened.resource();
    if !crate::auth::can(&actor, crate::auth::Action::Contribute, &resource) {
        return Err(AppError::Forbidden(
            "procurement-error-documents-members-only".to_owned(),
        ));
    }
    let may_publish = crate::auth::can(&actor, crate::auth::Action::Edit, &resource);
    let p = crate::procurement::view(state, &opened).await?;
    let current = match editing {
        Some(id) => Some(super::readable(state, &actor, slug, id).await?.document),
        None => None,
    };
    let form = match (typed, &current) {
        (Some(typed), _) => DocumentForm {
            csrf: String::new(),
            title: typed.title.clone(),
            document_type: typed.document_type.clone(),
            body: typed.body.clone(),
            public: typed.public.clone(),
        },
        (None, Some(d)) => DocumentForm {
            csrf: String::new(),
            title: d.title.clone(),
            document_type: d.document_type.clone(),
            body: d.body_md.clone(),
            public: if d.public { "true" } else { "" }.to_owned(),
        },
        (None, None) => DocumentForm::default(),
    };
    let (heading, action, back, button) = match &current {
        Some(d) => {
            let url = super::url(&opened.procurement, d);
            (
                i18n::t_with("procurement-docs-edit-heading", "title", &d.title),
                format!("{url}/andra"),
                url,
                i18n::t("procurement-docs-save-changes"),
            )
        }
        None => (
            i18n::t("procurement-docs-new-heading"),
            format!("{}/dokument/ny", p.url),
            format!("{}/dokument", p.url),
            i18n::t("procurement-docs-save"),
        ),
    };
    Ok(FormPage {
        heading,
        action,
        button,
        back,
        csrf: user.0.csrf.clone(),
        title: form.title,
        body: form.body,
        types: choices(
            DocumentType::ALL,
            DocumentType::as_str,
            DocumentType::label,
            if form.document_type.is_empty() {
                DocumentType::Kravspecifikation.as_str()
            } else {
                &form.document_type
            },
        ),
        may_publish,
        public: form.public == "true",
        errors,
        p,
    })
}

async fn new_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = form_page(&state, &user, &slug, None, None, Vec::new()).await?;
    page(HttpResponse::Ok(), &view)
}

/// Whether `user` may mark documents of the procurement `slug` public (so the form's box
/// counts); "not found" for those outside it.
async fn may_publish(state: &AppState, user: &SignedIn, slug: &str) -> Result<bool, AppError> {
    let actor = user.actor();
    let opened = crate::procurement::readable(state, &actor, slug).await?;
    Ok(crate::auth::can(
        &actor,
        crate::auth::Action::Edit,
        &opened.resource(),
    ))
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<DocumentForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let publish = may_publish(&state, &user, &slug).await?;
    match super::create(&state, &by, &slug, form.input(publish)).await {
        Ok((p, d)) => Ok(frame::see_other(
            &super::url(&p, &d),
            &i18n::t("procurement-docs-saved"),
        )),
        Err(AppError::Invalid(errors)) => {
            let view = form_page(&state, &user, &slug, None, Some(&*form), errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let view = form_page(&state, &user, &slug, Some(&id), None, Vec::new()).await?;
    page(HttpResponse::Ok(), &view)
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, String)>,
    form: web::Form<DocumentForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, id) = path.into_inner();
    let publish = may_publish(&state, &user, &slug).await?;
    match super::update(&state, &by, &slug, &id, form.input(publish)).await {
        Ok((p, d)) => Ok(frame::see_other(
            &super::url(&p, &d),
            &i18n::t("procurement-docs-saved"),
        )),
        Err(AppError::Invalid(errors)) => {
            let view = form_page(&state, &user, &slug, Some(&id), Some(&*form), errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

// ---- One document and its history ----------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/documents/show.html")]
pub struct ShowPage {
    pub p: ProcurementView,
    pub d: DocumentView,
    pub may_write: bool,
    pub attachments: Section,
}

async fn document_page(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let opened = super::readable(&state, &identity.actor, &slug, &id).await?;
    let holder = super::files::holder_of(&opened);
    let d = super::view(&state, &opened, |a| attachments::page_href(&holder, a)).await?;
    let section = Section::of(&state, &identity, &holder).await?;
    let p = crate::procurement::view(&state, &opened.procurement).await?;
    let may_write = identity.session.is_some() && opened.may_write(&identity.actor);
    page(
        HttpResponse::Ok(),
        &ShowPage {
            p,
            d,
            may_write,
            attachments: section,
        },
    )
}

async fn history_page(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String)>,
    query: web::Query<CompareQuery>,
) -> Result<crate::revisions::HistoryPage, AppError> {
    let (slug, id) = path.into_inner();
    let opened = super::readable(&state, &actor, &slug, &id).await?;
    crate::revisions::page(
        &state.db,
        super::DOCUMENT,
        opened.document.id,
        opened.document.title.clone(),
        opened.url(),
        query.into_inner(),
        crate::web::i18n::t("procurement-docs-history-empty"),
    )
    .await
}

// ---- The API -------------------------------------------------------------------------------

/// The API view of an opened document: its files link to the API.
async fn api_view(
    state: &AppState,
    opened: &super::OpenedDocument,
) -> Result<DocumentView, AppError> {
    let holder = super::files::holder_of(opened);
    super::view(state, opened, |a| attachments::api_href(&holder, a)).await
}

/// The documents of a procurement, the latest changed first (members only; everyone else gets
/// 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/documents",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        DocumentFilter,
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = DocumentList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
    filter: web::Query<DocumentFilter>,
) -> Result<web::Json<DocumentList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::list(&state, &opened, &filter).await?))
}

/// Writes a document in a procurement (its leads and members; only leads may mark it public).
/// Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/documents",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = DocumentInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = DocumentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<DocumentInput>,
) -> Result<HttpResponse, AppError> {
    let (p, d) = super::create(&state, &by, &id, input.into_inner()).await?;
    let opened = super::readable(&state, &by.actor, &p.id.to_string(), &d.id.to_string()).await?;
    let view = api_view(&state, &opened).await?;
    // No Location: the new item's address is in the body (`id`); schemathesis's link
    // inference misreads a nested Location as an address of other operations.
    Ok(HttpResponse::Created().json(view))
}

/// One document of a procurement with its files (members only; everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/documents/{document_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("document_id" = String, Path, description = "The document's UUID"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = DocumentView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String)>,
) -> Result<web::Json<DocumentView>, AppError> {
    let (id, document_id) = path.into_inner();
    let opened = super::readable(&state, &actor, &id, &document_id).await?;
    Ok(web::Json(api_view(&state, &opened).await?))
}

/// Changes a document (the procurement's leads and members; only leads change whether it is
/// public, and leaving `public` out keeps it as it is). Every change is kept in its history.
/// Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}/documents/{document_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("document_id" = String, Path, description = "The document's UUID"),
    ),
    request_body = DocumentInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = DocumentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
    input: web::Json<DocumentInput>,
) -> Result<web::Json<DocumentView>, AppError> {
    let (id, document_id) = path.into_inner();
    let (p, d) = super::update(&state, &by, &id, &document_id, input.into_inner()).await?;
    let opened = super::readable(&state, &by.actor, &p.id.to_string(), &d.id.to_string()).await?;
    Ok(web::Json(api_view(&state, &opened).await?))
}
