//! A need's files ("Bilagor"): on its page, at `/behov/{slug}/bilagor`, and under
//! `/api/v1/needs/{id}/attachments`. Those who may edit the need add and remove them; those
//! who may read it download them; everyone else gets "not found".

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::audit::By;
use crate::auth::{Action, Actor, Identity, csrf};
use crate::blobs::attachments::{self, AttachmentView, Holder, Owner};
use crate::blobs::pages;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

/// Needs' files in the attachments table.
pub const OWNER_KIND: &str = "need";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/behov/{slug}/bilagor", web::get().to(files_page))
        .route("/behov/{slug}/bilagor", web::post().to(upload_form))
        .route(
            "/behov/{slug}/bilagor/{id}/ta-bort",
            web::post().to(remove_form),
        )
        .route(
            "/behov/{slug}/bilagor/{id}/{name}",
            web::get().to(download_page),
        )
        .service(api_resource!("/api/v1/needs/{id}/attachments", get => list, post => upload))
        .service(api_resource!(
            "/api/v1/needs/{id}/attachments/{attachment_id}",
            get => download,
            delete => remove
        ));
}

/// The need behind `slug` or id as the holder of its files, if `actor` may read it.
pub async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
    let need = super::readable(state, actor, slug_or_id)
        .await?
        .into_inner();
    Ok(Holder {
        owner: Owner::new(OWNER_KIND, need.id),
        resource: super::resource(&need, &state.catalog.get()),
        action: Action::Edit,
        page: super::url(&need),
        api: format!("/api/v1/needs/{}", need.id),
        title: need.title,
    })
}

/// The "Bilagor" section of the need's page.
pub async fn section(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
) -> Result<pages::Section, AppError> {
    pages::Section::of(state, identity, holder).await
}

async fn files_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let holder = holder(&state, &identity.actor, &slug).await?;
    pages::files_page(&state, &identity, &holder).await
}

async fn upload_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    slug: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let holder = holder(&state, &identity.actor, &slug).await?;
    let upload = pages::read_form(&req, &state, &identity, payload, &[]).await?;
    let added = attachments::add(&state, &by, &holder, holder.owner, upload).await;
    pages::upload_answer(&state, &identity, &holder, added).await
}

async fn remove_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    path: web::Path<(String, String)>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let holder = holder(&state, &identity.actor, &slug).await?;
    let attachment = pages::find_among(&state, &id, &[holder.owner]).await?;
    pages::remove_form(&req, &state, &by, &identity, &holder, attachment, &form).await
}

async fn download_page(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, _name) = path.into_inner();
    let holder = holder(&state, &actor, &slug).await?;
    let attachment = pages::find_among(&state, &id, &[holder.owner]).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// The need's files as the API serves them: a withdrawn need's files are gone (410) for node
/// staff, as the need itself is; others do not find the need at all.
async fn api_holder(state: &AppState, actor: &Actor, id: &str) -> Result<Holder, AppError> {
    let need = super::readable(state, actor, id).await?;
    if need.withdrawn_at.is_some() {
        return Err(AppError::Gone("Behovet"));
    }
    holder(state, actor, id).await
}

/// The files attached to a need.
#[utoipa::path(
    get,
    path = "/api/v1/needs/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The need's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = [AttachmentView]),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AttachmentView>>, AppError> {
    let holder = api_holder(&state, &actor, &id).await?;
    let items = attachments::list(&state.db, &holder.owner).await?;
    Ok(web::Json(pages::api_list(&holder, items)))
}

/// Attaches a file to a need (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/needs/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The need's UUID")),
    request_body(content = crate::openapi::AttachmentUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = AttachmentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn upload(
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    id: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    pages::api_writer(&identity, true)?;
    let holder = api_holder(&state, &identity.actor, &id).await?;
    let upload = pages::api_read(&state, &identity, payload, &[]).await?;
    let added = attachments::add(&state, &by, &holder, holder.owner, upload).await?;
    Ok(pages::api_created(&holder, added))
}

/// Downloads a file attached to a need.
#[utoipa::path(
    get,
    path = "/api/v1/needs/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The need's UUID"),
        ("attachment_id" = String, Path, description = "The attachment's UUID"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, response = crate::openapi::AttachmentFile),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
    )
)]
pub async fn download(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, attachment_id) = path.into_inner();
    let holder = api_holder(&state, &actor, &id).await?;
    let attachment = pages::find_among(&state, &attachment_id, &[holder.owner]).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// Removes a file from a need (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    delete,
    path = "/api/v1/needs/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The need's UUID"),
        ("attachment_id" = String, Path, description = "The attachment's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn remove(
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    pages::api_writer(&identity, false)?;
    let (id, attachment_id) = path.into_inner();
    let holder = api_holder(&state, &by.actor, &id).await?;
    let attachment = pages::find_among(&state, &attachment_id, &[holder.owner]).await?;
    attachments::remove(&state, &by, &holder, attachment).await?;
    Ok(HttpResponse::NoContent().finish())
}
