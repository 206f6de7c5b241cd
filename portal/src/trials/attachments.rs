//! A trial's files ("Bilagor") and those of its journal entries: on its page, at
//! `/tester/{slug}/bilagor`, and under `/api/v1/trials/{id}/attachments`. The organisations
//! taking part (and node staff) add and remove them, as they write in the journal; those who
//! may read the trial download them; everyone else gets "not found".

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entity::journal;
use crate::audit::By;
use crate::auth::{Action, Actor, Identity, csrf};
use crate::blobs::attachments::{self, AttachmentView, Holder, Owner};
use crate::blobs::pages;
use crate::blobs::upload::Upload;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

/// Trials' own files in the attachments table.
pub const OWNER_KIND: &str = "trial";
/// Journal entries' files in the attachments table.
pub const ENTRY_KIND: &str = "journal_entry";
/// The form and API field that names the journal entry a file belongs to.
pub const ENTRY_FIELD: &str = "journal_entry";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tester/{slug}/bilagor", web::get().to(files_page))
        .route("/tester/{slug}/bilagor", web::post().to(upload_form))
        .route(
            "/tester/{slug}/bilagor/{id}/ta-bort",
            web::post().to(remove_form),
        )
        .route(
            "/tester/{slug}/bilagor/{id}/{name}",
            web::get().to(download_page),
        )
        .service(api_resource!("/api/v1/trials/{id}/attachments", get => list, post => upload))
        .service(api_resource!(
            "/api/v1/trials/{id}/attachments/{attachment_id}",
            get => download,
            delete => remove
        ));
}

/// The trial behind `slug` or id as the holder of its files, if `actor` may read it.
pub async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
    let (trial, resource) = super::with_resource(state, actor, slug_or_id).await?;
    let trial = trial.into_inner();
    Ok(Holder {
        owner: Owner::new(OWNER_KIND, trial.id),
        resource,
        action: Action::Contribute,
        page: super::url(&trial),
        api: format!("/api/v1/trials/{}", trial.id),
        title: trial.title,
    })
}

/// The ids of the trial's journal entries.
async fn entry_ids(state: &AppState, holder: &Holder) -> Result<Vec<Uuid>, AppError> {
    Ok(journal::Entity::find()
        .select_only()
        .column(journal::Column::Id)
        .filter(journal::Column::TrialId.eq(holder.owner.id))
        .into_tuple()
        .all(&state.db)
        .await?)
}

/// Where an uploaded file goes: the journal entry the upload names (one of this trial's), or
/// the trial itself.
async fn owner_of(state: &AppState, holder: &Holder, upload: &Upload) -> Result<Owner, AppError> {
    let Some(raw) = upload.sent(ENTRY_FIELD).map(str::trim) else {
        return Ok(holder.owner);
    };
    let entry = Uuid::parse_str(raw).ok().map(|id| {
        journal::Entity::find_by_id(id).filter(journal::Column::TrialId.eq(holder.owner.id))
    });
    let found = match entry {
        Some(query) => query.one(&state.db).await?,
        None => None,
    };
    found
        .map(|e| Owner::new(ENTRY_KIND, e.id))
        .ok_or_else(|| AppError::invalid(ENTRY_FIELD, "Anteckningen finns inte i testets journal."))
}

/// The attachment `raw_id` if it belongs to the trial or one of its journal entries.
async fn find(
    state: &AppState,
    holder: &Holder,
    raw_id: &str,
) -> Result<crate::blobs::attachments::Attachment, AppError> {
    let id = Uuid::parse_str(raw_id).map_err(|_| AppError::NotFound("filen"))?;
    let attachment = attachments::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("filen"))?;
    if holder.owner.holds(&attachment) {
        return Ok(attachment);
    }
    let of_entry = attachment.owner_kind == ENTRY_KIND
        && journal::Entity::find_by_id(attachment.owner_id)
            .filter(journal::Column::TrialId.eq(holder.owner.id))
            .count(&state.db)
            .await?
            > 0;
    if of_entry {
        Ok(attachment)
    } else {
        Err(AppError::NotFound("filen"))
    }
}

/// The "Bilagor" sections of the journal entries `ids` on the trial page, by entry.
pub async fn entry_sections(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, pages::Section>, AppError> {
    let mut files: HashMap<Uuid, Vec<_>> = HashMap::new();
    for a in attachments::list_many(&state.db, ENTRY_KIND, ids).await? {
        files.entry(a.owner_id).or_default().push(a);
    }
    Ok(ids
        .iter()
        .map(|&id| {
            let items = files.remove(&id).unwrap_or_default();
            let section =
                pages::Section::new(state, identity, holder, items).for_part(ENTRY_FIELD, id);
            (id, section)
        })
        .collect())
}

/// The "Bilagor" section of the trial page (the trial's own files).
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
    let upload = pages::read_form(&req, &state, &identity, payload, &[ENTRY_FIELD]).await?;
    let added = match owner_of(&state, &holder, &upload).await {
        Ok(owner) => attachments::add(&state, &by, &holder, owner, upload).await,
        Err(e) => Err(e),
    };
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
    let attachment = find(&state, &holder, &id).await?;
    pages::remove_form(&req, &state, &by, &identity, &holder, attachment, &form).await
}

async fn download_page(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, _name) = path.into_inner();
    let holder = holder(&state, &actor, &slug).await?;
    let attachment = find(&state, &holder, &id).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// The trial's files as the API serves them: a withdrawn trial's files are gone (410) for node
/// staff, as the trial itself is; others do not find the trial at all.
async fn api_holder(state: &AppState, actor: &Actor, id: &str) -> Result<Holder, AppError> {
    let (trial, _) = super::with_resource(state, actor, id).await?;
    if trial.withdrawn_at.is_some() {
        return Err(AppError::Gone("Testet"));
    }
    holder(state, actor, id).await
}

/// The files attached to a trial and to its journal entries (`owner_kind` tells which).
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The trial's UUID or its address name (slug)")),
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
    let mut items = attachments::list(&state.db, &holder.owner).await?;
    let entries = entry_ids(&state, &holder).await?;
    items.extend(attachments::list_many(&state.db, ENTRY_KIND, &entries).await?);
    Ok(web::Json(pages::api_list(&holder, items)))
}

/// Attaches a file to a trial, or to one of its journal entries (`journal_entry`), as the organisations taking part in it may (and node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/trials/{id}/attachments",
    tag = "attachments",
    params(("id" = String, Path, description = "The trial's UUID or its address name (slug)")),
    request_body(content = crate::openapi::TrialAttachmentUpload, content_type = "multipart/form-data"),
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
    let upload = pages::api_read(&state, &identity, payload, &[ENTRY_FIELD]).await?;
    let owner = owner_of(&state, &holder, &upload).await?;
    let added = attachments::add(&state, &by, &holder, owner, upload).await?;
    Ok(pages::api_created(&holder, added))
}

/// Downloads a file attached to a trial or to one of its journal entries.
#[utoipa::path(
    get,
    path = "/api/v1/trials/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The trial's UUID or its address name (slug)"),
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
    let attachment = find(&state, &holder, &attachment_id).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// Removes a file from a trial or one of its journal entries (the organisations taking part, and node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    delete,
    path = "/api/v1/trials/{id}/attachments/{attachment_id}",
    tag = "attachments",
    params(
        ("id" = String, Path, description = "The trial's UUID or its address name (slug)"),
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
    let attachment = find(&state, &holder, &attachment_id).await?;
    attachments::remove(&state, &by, &holder, attachment).await?;
    Ok(HttpResponse::NoContent().finish())
}
