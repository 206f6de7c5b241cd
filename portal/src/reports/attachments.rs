//! A report's files ("Bilagor"): on its page, at `/rapporter/{slug}/bilagor`, and under
//! `/api/v1/reports/{id}/attachments`. Those who may edit the report add and remove them;
//! those who may read it download them; everyone else gets "not found".

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::audit::By;
use crate::auth::{Action, Actor, Identity, csrf};
use crate::blobs::attachments::{self, AttachmentView, Holder, Owner};
use crate::blobs::pages;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

/// Reports' files in the attachments table.
pub const OWNER_KIND: &str = "report";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/{slug}/bilagor", web::get().to(files_page))
        .route("/rapporter/{slug}/bilagor", web::post().to(upload_form))
        .route(
            "/rapporter/{slug}/bilagor/{id}/ta-bort",
            web::post().to(remove_form),
        )
        .route(
            "/rapporter/{slug}/bilagor/{id}/{name}",
            web::get().to(download_page),
        )
        .service(api_resource!("/api/v1/reports/{id}/attachments", get => list, post => upload))
        .service(api_resource!(
            "/api/v1/reports/{id}/attachments/{attachment_id}",
            get => download,
            delete => remove
        ));
}

/// The report behind `slug` or id as the holder of its files, if `actor` may read it.
pub async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
    let report = crate::db::by_slug_or_id::<super::entity::Entity>(
        slug_or_id,
        super::entity::Column::Id,
        super::entity::Column::Slug,
    )
    .one(&state.db)
    .await?;
    let report = report.ok_or(AppError::NotFound("rapporten"))?;
    // A final report's partners read it too.
    let resource = super::resource_in(&state.db, &report, &state.catalog.get()).await?;
    if !crate::auth::can(actor, Action::Read, &resource) {
        return Err(crate::auth::policy::refusal(actor, &resource, "rapporten"));
    }
    Ok(Holder {
        owner: Owner::new(OWNER_KIND, report.id),
        resource,
        action: Action::Edit,
        page: super::url(&report),
        api: format!("/api/v1/reports/{}", report.id),
        title: report.title,
    })
}

/// The "Bilagor" section of the report page.
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

/// The files attached to a report.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The report's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = [AttachmentView]),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<Vec<AttachmentView>>, AppError> {
    let holder = holder(&state, &actor, &id).await?;
    let items = attachments::list(&state.db, &holder.owner).await?;
    Ok(web::Json(pages::api_list(&holder, items)))
}

/// Attaches a file to a report (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The report's UUID")),
    request_body(content = crate::openapi::AttachmentUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = AttachmentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
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
    let holder = holder(&state, &identity.actor, &id).await?;
    let upload = pages::api_read(&state, &identity, payload, &[]).await?;
    let added = attachments::add(&state, &by, &holder, holder.owner, upload).await?;
    Ok(pages::api_created(&holder, added))
}

/// Downloads a file attached to a report.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The report's UUID"),
        ("attachment_id" = String, Path, description = "The attachment's UUID"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, response = crate::openapi::AttachmentFile),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn download(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, attachment_id) = path.into_inner();
    let holder = holder(&state, &actor, &id).await?;
    let attachment = pages::find_among(&state, &attachment_id, &[holder.owner]).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// Removes a file from a report (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    delete,
    path = "/api/v1/reports/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The report's UUID"),
        ("attachment_id" = String, Path, description = "The attachment's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
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
    let holder = holder(&state, &by.actor, &id).await?;
    let attachment = pages::find_among(&state, &attachment_id, &[holder.owner]).await?;
    attachments::remove(&state, &by, &holder, attachment).await?;
    Ok(HttpResponse::NoContent().finish())
}
