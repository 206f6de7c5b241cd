//! Files attached to items: one table for every feature. A feature names its items by a kind
//! string ("report", "trial", "journal_entry", "need") and an id, finds the item the way its
//! own page does (unreadable items are "not found"), and hands this module the item's policy
//! resource in a [`Holder`]; every read and write here asks the policy again with it.

use actix_web::HttpResponse;
use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, Charset, ContentDisposition, DispositionParam, DispositionType,
    ExtendedValue,
};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::detect::{self, MediaType};
use super::upload::{self, FILE_FIELD, Upload};
use crate::audit::By;
use crate::auth::{Action, Actor, Resource, can};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::unit::Unit;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A file attached to an item; its bytes are in the blob store under `blob_key`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "attachments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// The kind of item, as its feature names it ("report", "journal_entry").
        pub owner_kind: String,
        pub owner_id: Uuid,
        #[sea_orm(unique)]
        pub blob_key: String,
        pub file_name: String,
        /// The checked media type (never what the client said).
        pub media_type: String,
        pub size: i64,
        /// SHA-256 of the stored bytes, hex.
        pub sha256: String,
        pub uploaded_by: Option<Uuid>,
        pub uploaded_at: DateTimeUtc,
        /// Set when the file was removed; its bytes are deleted then.
        pub withdrawn_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub use entity::Model as Attachment;

/// The most files one item carries.
pub const MAX_PER_OWNER: u64 = 50;

/// The item a file belongs to: a kind its feature names and the item's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub kind: &'static str,
    pub id: Uuid,
}

impl Owner {
    pub fn new(kind: &'static str, id: Uuid) -> Owner {
        Owner { kind, id }
    }

    /// Whether `attachment` belongs to this item.
    pub fn holds(&self, attachment: &Attachment) -> bool {
        attachment.owner_kind == self.kind && attachment.owner_id == self.id
    }
}

/// Which files an item takes: the types, and the largest size when it has a cap of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepts {
    pub types: &'static [MediaType],
    /// The largest file in bytes; `None`: the setting `attachment_max_bytes`.
    pub max_bytes: Option<usize>,
}

impl Accepts {
    /// Every type the portal takes, up to `attachment_max_bytes`.
    pub const ANY: Accepts = Accepts {
        types: MediaType::ALL,
        max_bytes: None,
    };

    /// Office documents only (PDF, DOCX, XLSX, ODT), up to `max_bytes`.
    pub const fn documents(max_bytes: usize) -> Accepts {
        Accepts {
            types: MediaType::DOCUMENTS,
            max_bytes: Some(max_bytes),
        }
    }

    /// The largest file the item takes under `settings`.
    pub fn max_bytes(&self, settings: &crate::config::Settings) -> usize {
        self.max_bytes.unwrap_or(settings.attachment_max_bytes)
    }
}

/// An item that takes files, as its feature found it for the actor: the item itself, the
/// policy's resource for it, the action that lets one add and remove its files, and where its
/// pages are.
#[derive(Debug, Clone)]
pub struct Holder {
    pub owner: Owner,
    pub resource: Resource,
    /// `Edit` (reports, needs) or `Contribute` (trials and their journals).
    pub action: Action,
    /// The files it takes.
    pub accepts: Accepts,
    /// The item's title, for the upload page.
    pub title: String,
    /// The item's page (`/rapporter/{slug}`); its files are under `{page}/bilagor`.
    pub page: String,
    /// The item's API address (`/api/v1/reports/{id}`); its files are under `{api}/attachments`.
    pub api: String,
}

impl Holder {
    /// Where the page routes for the item's files start.
    pub fn files(&self) -> String {
        format!("{}/bilagor", self.page)
    }

    /// Whether `actor` may add and remove the item's files.
    pub fn may_change(&self, actor: &Actor) -> bool {
        *actor != Actor::Anonymous && can(actor, self.action, &self.resource)
    }

    fn readable_by(&self, actor: &Actor) -> Result<(), AppError> {
        if can(actor, Action::Read, &self.resource) {
            Ok(())
        } else {
            Err(AppError::NotFound("filen"))
        }
    }

    fn changeable_by(&self, actor: &Actor) -> Result<(), AppError> {
        self.readable_by(actor)?;
        if *actor == Actor::Anonymous {
            return Err(AppError::Unauthorized);
        }
        if self.may_change(actor) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "blobs-error-attachments-not-allowed".to_owned(),
            ))
        }
    }
}

/// An attached file as lists show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttachmentView {
    pub id: Uuid,
    pub file_name: String,
    /// The media type the content was checked to be.
    pub media_type: String,
    /// A short name of the type in the request's language ("PDF", "JPEG-bild", "JPEG image").
    pub type_label: String,
    pub size: i64,
    /// The size as the request's language writes it ("1,2 MB", "1.2 MB").
    pub size_label: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// `report`, `trial`, `journal_entry` or `need`.
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub uploaded_at: DateTime<Utc>,
    /// Where to download it (it answers only those who may read the item).
    pub href: String,
}

/// `attachment` as lists show it, downloaded from `href`.
pub fn view(attachment: Attachment, href: String) -> AttachmentView {
    AttachmentView {
        id: attachment.id,
        type_label: MediaType::from_mime(&attachment.media_type)
            .map_or_else(|| attachment.media_type.clone(), MediaType::label),
        size_label: upload::size(u64::try_from(attachment.size).unwrap_or(0)),
        file_name: attachment.file_name,
        media_type: attachment.media_type,
        size: attachment.size,
        sha256: attachment.sha256,
        owner_kind: attachment.owner_kind,
        owner_id: attachment.owner_id,
        uploaded_at: attachment.uploaded_at,
        href,
    }
}

/// The page address that downloads `attachment` of `holder` (with its name, so a browser
/// saves it under that name).
pub fn page_href(holder: &Holder, attachment: &Attachment) -> String {
    format!(
        "{}/{}/{}",
        holder.files(),
        attachment.id,
        percent_encoding::utf8_percent_encode(&attachment.file_name, PATH_SEGMENT)
    )
}

/// The API address that downloads `attachment` of `holder`.
pub fn api_href(holder: &Holder, attachment: &Attachment) -> String {
    format!("{}/attachments/{}", holder.api, attachment.id)
}

const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

fn current() -> sea_orm::sea_query::SimpleExpr {
    entity::Column::WithdrawnAt.is_null()
}

/// The files of `owner`, oldest first (at most [`MAX_PER_OWNER`]).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    owner: &Owner,
) -> Result<Vec<Attachment>, sea_orm::DbErr> {
    entity::Entity::find()
        .filter(entity::Column::OwnerKind.eq(owner.kind))
        .filter(entity::Column::OwnerId.eq(owner.id))
        .filter(current())
        .order_by_asc(entity::Column::UploadedAt)
        .order_by_asc(entity::Column::Id)
        .limit(MAX_PER_OWNER)
        .all(db)
        .await
}

/// The files of the items of `kind` among `ids` (e.g. a trial's journal entries), oldest
/// first, at most [`MAX_PER_OWNER`] per item.
pub async fn list_many<C: ConnectionTrait>(
    db: &C,
    kind: &'static str,
    ids: &[Uuid],
) -> Result<Vec<Attachment>, sea_orm::DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    entity::Entity::find()
        .filter(entity::Column::OwnerKind.eq(kind))
        .filter(entity::Column::OwnerId.is_in(ids.iter().copied()))
        .filter(current())
        .order_by_asc(entity::Column::UploadedAt)
        .order_by_asc(entity::Column::Id)
        .limit(MAX_PER_OWNER * ids.len() as u64)
        .all(db)
        .await
}

/// The file `id`, unless it was removed.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<Attachment>, sea_orm::DbErr> {
    entity::Entity::find_by_id(id)
        .filter(current())
        .one(db)
        .await
}

/// A refusal of the file field.
pub fn refuse(message: String) -> AppError {
    AppError::Invalid(vec![FieldIssue::new(FILE_FIELD, message)])
}

/// The name `upload`'s file is kept under, once it is there, within `max` bytes, not empty,
/// and named without anything that looks like a personal identity number.
pub fn uploaded_file_name(upload: &Upload, max: usize) -> Result<String, AppError> {
    if !upload.has_file {
        return Err(refuse("blobs-error-no-file".to_owned()));
    }
    if upload.too_large(max) {
        return Err(refuse(upload::too_large_message(max)));
    }
    if upload.size == 0 {
        return Err(refuse("blobs-error-file-empty".to_owned()));
    }
    let file_name = detect::sanitise_file_name(&upload.file_name);
    if file_name.is_empty() {
        return Err(refuse("blobs-error-file-name-unusable".to_owned()));
    }
    let mut issues = Vec::new();
    crate::privacy::check_fields(&[(FILE_FIELD, &file_name)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    Ok(file_name)
}

/// Checks `upload` and attaches it to `owner` (the holder's item or a part of it, such as a
/// journal entry of a trial), in the name of `by`. The blob is written before the row; when the
/// row cannot be committed the blob is deleted again.
#[tracing::instrument(skip_all, fields(owner = owner.kind))]
pub async fn add(
    state: &AppState,
    by: &By,
    holder: &Holder,
    owner: Owner,
    upload: Upload,
) -> Result<Attachment, AppError> {
    holder.changeable_by(&by.actor)?;
    let max = holder.accepts.max_bytes(&state.settings);
    let file_name = uploaded_file_name(&upload, max)?;
    let kind =
        detect::check_among(&file_name, &upload.bytes, holder.accepts.types).map_err(refuse)?;
    let present = entity::Entity::find()
        .filter(entity::Column::OwnerKind.eq(owner.kind))
        .filter(entity::Column::OwnerId.eq(owner.id))
        .filter(current())
        .count(&state.db)
        .await?;
    if present >= MAX_PER_OWNER {
        return Err(refuse(crate::web::i18n::t_with(
            "blobs-error-too-many-attachments",
            "max",
            &MAX_PER_OWNER.to_string(),
        )));
    }
    let bytes = if kind.is_image() {
        let original = upload.bytes;
        crate::web::frame::block(move || super::images::strip_metadata(kind, &original))
            .await
            .map_err(|e| AppError::internal_from("image worker", e))?
            .map_err(refuse)?
    } else {
        upload.bytes
    };
    store(state, by, owner, file_name, kind, bytes, Vec::new()).await
}

/// Keeps `bytes` (a file of `kind` named `file_name` that the node brought in with the item,
/// such as the PDF a report was imported from) among `owner`'s files: nothing happens when the
/// same bytes are there already; an earlier file of the same name is replaced. Whether `by`
/// may change the item is the caller's to have decided. Tells whether a file was added.
#[tracing::instrument(skip_all, fields(owner = owner.kind))]
pub async fn keep(
    state: &AppState,
    by: &By,
    owner: Owner,
    file_name: &str,
    kind: MediaType,
    bytes: Vec<u8>,
) -> Result<bool, AppError> {
    let file_name = detect::sanitise_file_name(file_name);
    let mut issues = Vec::new();
    crate::privacy::check_fields(&[(FILE_FIELD, &file_name)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let present = entity::Entity::find()
        .filter(entity::Column::OwnerKind.eq(owner.kind))
        .filter(entity::Column::OwnerId.eq(owner.id))
        .filter(current())
        .all(&state.db)
        .await?;
    if present.iter().any(|a| a.sha256 == sha256) {
        return Ok(false);
    }
    let replaced = present
        .into_iter()
        .filter(|a| a.file_name == file_name)
        .collect();
    store(state, by, owner, file_name, kind, bytes, replaced).await?;
    Ok(true)
}

/// Writes `bytes` to the blob store, then the row (and withdraws `replaced`) in one unit of
/// work; when that cannot be committed the new blob is deleted again, and once it is, the
/// replaced files' bytes are.
async fn store(
    state: &AppState,
    by: &By,
    owner: Owner,
    file_name: String,
    kind: MediaType,
    bytes: Vec<u8>,
    replaced: Vec<Attachment>,
) -> Result<Attachment, AppError> {
    let id = Uuid::now_v7();
    let key = format!("attachments/{id}");
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    state
        .blobs
        .put(&key, Bytes::from(bytes))
        .await
        .map_err(|e| e.answer("storing an attachment"))?;
    let old_keys: Vec<String> = replaced.iter().map(|a| a.blob_key.clone()).collect();
    let saved = async {
        let mut unit = Unit::begin(state, by).await?;
        let now = unit.now();
        for old in replaced {
            withdraw(&mut unit, old).await?;
        }
        let row = entity::ActiveModel {
            id: Set(id),
            owner_kind: Set(owner.kind.to_owned()),
            owner_id: Set(owner.id),
            blob_key: Set(key.clone()),
            file_name: Set(file_name),
            media_type: Set(kind.mime().to_owned()),
            size: Set(size),
            sha256: Set(sha256),
            uploaded_by: Set(by.actor.user_id()),
            uploaded_at: Set(now),
            withdrawn_at: Set(None),
        }
        .insert(unit.db())
        .await?;
        unit.audit(
            "attachment.add",
            format!("{}:{}", owner.kind, owner.id),
            format!("{} {} ({})", row.id, row.file_name, row.media_type),
        );
        unit.commit().await?;
        Ok::<_, AppError>(row)
    }
    .await;
    match &saved {
        Ok(_) => delete_bytes(state, &old_keys).await,
        Err(_) => {
            if let Err(e) = state.blobs.delete(&key).await {
                tracing::warn!(key, error = %e, "orphaned blob after a failed attachment");
            }
        }
    }
    saved
}

/// Removes `attachment` (which the caller found among the holder's files): the row is marked
/// removed, kept for the audit trail, and the bytes are deleted.
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: &AppState,
    by: &By,
    holder: &Holder,
    attachment: Attachment,
) -> Result<(), AppError> {
    holder.changeable_by(&by.actor)?;
    let mut unit = Unit::begin(state, by).await?;
    let key = withdraw(&mut unit, attachment).await?;
    unit.commit().await?;
    delete_bytes(state, &[key]).await;
    Ok(())
}

/// Marks `attachment` removed in `unit` (the row is kept for the audit trail) and audits it;
/// returns the key of its bytes, for [`delete_bytes`] once the unit is committed.
async fn withdraw(unit: &mut Unit, attachment: Attachment) -> Result<String, AppError> {
    let key = attachment.blob_key.clone();
    let target = format!("{}:{}", attachment.owner_kind, attachment.owner_id);
    let detail = format!("{} {}", attachment.id, attachment.file_name);
    let mut row: entity::ActiveModel = attachment.into();
    row.withdrawn_at = Set(Some(unit.now()));
    row.update(unit.db()).await?;
    unit.audit("attachment.remove", target, detail);
    Ok(key)
}

/// Removes every file of `owner` in `unit` (the item itself is being deleted): the rows are
/// marked removed, kept for the audit trail. Returns what [`delete_bytes`] must delete once the
/// unit is committed.
pub async fn remove_all(unit: &mut Unit, owner: Owner) -> Result<Vec<String>, AppError> {
    let mut keys = Vec::new();
    for attachment in list(unit.db(), &owner).await? {
        keys.push(withdraw(unit, attachment).await?);
    }
    Ok(keys)
}

/// Deletes the bytes of removed files (after the unit that removed them is committed).
pub async fn delete_bytes(state: &AppState, keys: &[String]) {
    for key in keys {
        if let Err(e) = state.blobs.delete(key).await {
            tracing::warn!(key, error = %e, "the removed attachment's blob is left behind");
        }
    }
}

/// The download of `attachment` (which the caller found among the holder's files), for those
/// who may read the item; "not found" for everyone else. Always a download
/// (`Content-Disposition: attachment`) of the checked type, never sniffed, never cached.
pub async fn download(
    state: &AppState,
    actor: &Actor,
    holder: &Holder,
    attachment: &Attachment,
) -> Result<HttpResponse, AppError> {
    holder.readable_by(actor)?;
    let bytes = match state.blobs.get(&attachment.blob_key).await {
        Ok(bytes) => bytes,
        Err(super::BlobError::Missing(key)) => {
            tracing::error!(key, "an attachment's blob is missing");
            return Err(AppError::NotFound("filen"));
        }
        Err(e) => return Err(AppError::internal_from("reading an attachment", e)),
    };
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(detect::ascii_file_name(&attachment.file_name)),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: attachment.file_name.as_bytes().to_vec(),
            }),
        ],
    };
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, attachment.media_type.as_str()))
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}
