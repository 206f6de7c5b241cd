//! Procurement documents (issue 14 point 5): the Markdown documents a procurement group
//! writes together (kravspecifikation, marknadsanalys, …), at `/upphandlingar/{slug}/dokument`.
//!
//! Members who contribute (leads and members) write and change them; observers read. Every save
//! keeps a revision ([`crate::revisions`]), so the history page shows who changed what and the
//! difference between any two versions. Files (PDF, DOCX, XLSX, ODT, told by their content, at
//! most [`FILE_MAX_BYTES`]) are attached through the blob store ([`files`]); every download
//! asks the policy again, and only members get anything: everyone else gets "not found".
//!
//! A document may be marked public ("offentligt"), by a lead only. The flag is stored and shown
//! and nothing more: it opens nothing to those outside the procurement. It says which documents
//! a later open-data export (OCDS) may list.
//!
//! Each document is a search document of the kind "upphandling", found by members only.

pub mod files;
pub mod routes;
pub mod search;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use super::Opened;
use crate::audit::By;
use crate::auth::{Action, Actor, Readable, can};
use crate::blobs::attachments::{self, AttachmentView};
use crate::changes::{Kind, Op};
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;
use crate::web::vocabulary::vocabulary;

/// Procurement documents in the change log, the revisions and search.
pub const DOCUMENT: Kind = Kind::new("procurement_document");

/// The largest file a procurement document takes: 25 MiB, above the portal's general
/// `attachment_max_bytes` (10 MiB by default), as procurement documents and their appendices are
/// often large PDFs.
pub const FILE_MAX_BYTES: usize = 25 * 1024 * 1024;

/// Documents in a list page.
pub const PER_PAGE: usize = 20;

vocabulary!(
    /// What a procurement document is.
    DocumentType ("document-type") {
        Kravspecifikation => "kravspecifikation";
        Marknadsanalys => "marknadsanalys";
        Forfragningsunderlag => "forfragningsunderlag";
        Utvarderingsrapport => "utvarderingsrapport";
        Avtal => "avtal";
        Ovrigt => "ovrigt";
    }
);

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A document of a procurement (see migration `m20261204_160000_create_procurement_documents`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "procurement_documents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub procurement_id: Uuid,
        pub title: String,
        /// One of [`super::DocumentType`].
        pub document_type: String,
        pub body_md: String,
        pub body_html: String,
        /// Marked public by a lead: listed in the open-data export later; opens nothing now.
        pub public: bool,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_by: Option<Uuid>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The page of `document` in `procurement`.
pub fn url(procurement: &super::entity::Model, document: &entity::Model) -> String {
    format!("{}/dokument/{}", super::url(procurement), document.id)
}

/// The most documents the open-data export lists.
pub const PUBLIC_MAX: u64 = 100;

/// The documents a procurement's leads marked public, oldest first (at most
/// [`PUBLIC_MAX`]): for the open-data export, which lists them by title and type.
pub async fn public_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<entity::Model>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::ProcurementId.eq(procurement_id))
        .filter(entity::Column::Public.eq(true))
        .order_by_asc(entity::Column::CreatedAt)
        .limit(PUBLIC_MAX)
        .all(db)
        .await
}

impl DocumentType {
    /// The type in the OCDS documentType codelist.
    pub fn ocds(self) -> &'static str {
        match self {
            DocumentType::Kravspecifikation => "technicalSpecifications",
            DocumentType::Marknadsanalys => "marketStudies",
            DocumentType::Forfragningsunderlag => "biddingDocuments",
            DocumentType::Utvarderingsrapport => "evaluationReports",
            DocumentType::Avtal => "contractSigned",
            DocumentType::Ovrigt => "illustration",
        }
    }
}

/// The ids of a procurement's documents (to index them again when the procurement changes,
/// e.g. its phase).
pub async fn document_ids_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .filter(entity::Column::ProcurementId.eq(procurement_id))
        .into_tuple()
        .all(db)
        .await
}

// ---- Reading -------------------------------------------------------------------------------

/// A document its reader may open, with its procurement as opened by the reader.
#[derive(Debug, Clone)]
pub struct OpenedDocument {
    pub procurement: Readable<Opened>,
    pub document: entity::Model,
}

impl OpenedDocument {
    pub fn url(&self) -> String {
        url(&self.procurement.procurement, &self.document)
    }

    /// Whether `actor` may change the document (leads and members).
    pub fn may_write(&self, actor: &Actor) -> bool {
        *actor != Actor::Anonymous && can(actor, Action::Contribute, &self.procurement.resource())
    }

    /// Whether `actor` may mark it public or not (leads).
    pub fn may_publish(&self, actor: &Actor) -> bool {
        *actor != Actor::Anonymous && can(actor, Action::Edit, &self.procurement.resource())
    }
}

/// The document `document_id` of the procurement `slug_or_id`, if `actor` may read the
/// procurement; "not found" otherwise, as for a document that does not exist.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
    document_id: &str,
) -> Result<OpenedDocument, AppError> {
    let procurement = super::readable(state, actor, slug_or_id).await?;
    let id = Uuid::parse_str(document_id.trim()).map_err(|_| AppError::NotFound("dokumentet"))?;
    let document = entity::Entity::find_by_id(id)
        .filter(entity::Column::ProcurementId.eq(procurement.procurement.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("dokumentet"))?;
    Ok(OpenedDocument {
        procurement,
        document,
    })
}

/// The document `document_id` (whichever procurement it is in), if `actor` may read it.
pub async fn readable_by_id(
    state: &AppState,
    actor: &Actor,
    document_id: &str,
) -> Result<OpenedDocument, AppError> {
    let id = Uuid::parse_str(document_id.trim()).map_err(|_| AppError::NotFound("dokumentet"))?;
    let document = entity::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("dokumentet"))?;
    let procurement = super::readable(state, actor, &document.procurement_id.to_string())
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("dokumentet"),
            other => other,
        })?;
    Ok(OpenedDocument {
        procurement,
        document,
    })
}

/// Which page of a procurement's documents.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentFilter {
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A document in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentSummary {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    /// kravspecifikation, marknadsanalys, förfrågningsunderlag, utvärderingsrapport, avtal or
    /// övrigt (as `forfragningsunderlag`, `utvarderingsrapport`, `ovrigt`).
    pub document_type: String,
    pub document_type_label: String,
    pub public: bool,
    pub updated_at: DateTime<Utc>,
}

/// A page of a procurement's documents, the latest changed first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub documents: Vec<DocumentSummary>,
}

fn summary(procurement: &super::entity::Model, d: &entity::Model) -> DocumentSummary {
    DocumentSummary {
        id: d.id,
        url: url(procurement, d),
        title: d.title.clone(),
        document_type: d.document_type.clone(),
        document_type_label: DocumentType::label_of(&d.document_type),
        public: d.public,
        updated_at: d.updated_at,
    }
}

impl DocumentSummary {
    pub fn updated_sv(&self) -> String {
        crate::web::datetime_text(self.updated_at)
    }
}

/// One page of the documents of a procurement the reader has opened, counted and paged in the
/// database.
pub async fn list(
    state: &AppState,
    opened: &Readable<Opened>,
    filter: &DocumentFilter,
) -> Result<DocumentList, AppError> {
    let page = crate::web::page_number(filter.page)?;
    let query = entity::Entity::find()
        .filter(entity::Column::ProcurementId.eq(opened.procurement.id))
        .order_by_desc(entity::Column::UpdatedAt)
        .order_by_desc(entity::Column::Id);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    Ok(DocumentList {
        total: usize::try_from(total).unwrap_or(usize::MAX),
        page,
        per_page: PER_PAGE,
        documents: rows
            .iter()
            .map(|d| summary(&opened.procurement, d))
            .collect(),
    })
}

/// A document as members see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    pub procurement_id: Uuid,
    pub url: String,
    pub title: String,
    pub document_type: String,
    pub document_type_label: String,
    pub body_markdown: String,
    pub body_html: String,
    /// Marked public by a lead (for the open-data export); it opens nothing to non-members.
    pub public: bool,
    /// Who saved it last (display name).
    pub updated_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Its files, with their download addresses (members only).
    pub attachments: Vec<AttachmentView>,
}

impl DocumentView {
    pub fn updated_sv(&self) -> String {
        crate::web::datetime_text(self.updated_at)
    }
}

/// The view of an opened document; its files link to `href(file)`.
pub async fn view(
    state: &AppState,
    opened: &OpenedDocument,
    href: impl Fn(&attachments::Attachment) -> String,
) -> Result<DocumentView, AppError> {
    let d = &opened.document;
    let updated_by = match d.updated_by {
        Some(user) => crate::auth::users::get(&state.db, user)
            .await?
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let files = attachments::list(&state.db, &files::owner(d.id)).await?;
    Ok(DocumentView {
        id: d.id,
        procurement_id: d.procurement_id,
        url: opened.url(),
        title: d.title.clone(),
        document_type: d.document_type.clone(),
        document_type_label: DocumentType::label_of(&d.document_type),
        body_markdown: d.body_md.clone(),
        body_html: d.body_html.clone(),
        public: d.public,
        updated_by,
        created_at: d.created_at,
        updated_at: d.updated_at,
        attachments: files
            .into_iter()
            .map(|a| {
                let link = href(&a);
                attachments::view(a, link)
            })
            .collect(),
    })
}

// ---- Writing -------------------------------------------------------------------------------

/// What a client sends to write a document or change one.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInput {
    #[validate(length(min = 1, max = 200, message = "procurement-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// What the document is (default övrigt).
    #[serde(default)]
    #[schema(schema_with = DocumentType::optional_field_schema)]
    pub document_type: Option<String>,
    /// The document's text, in Markdown.
    #[serde(default)]
    #[validate(length(max = 100000, message = "procurement-error-document-text-length"))]
    #[schema(max_length = 100000)]
    pub body: String,
    /// Public or not (only the procurement's leads may mark a document public); left out: as it
    /// is (not public for a new document).
    #[serde(default)]
    pub public: Option<bool>,
}

struct Checked {
    title: String,
    document_type: DocumentType,
    body_html: String,
}

async fn check(
    input: &DocumentInput,
    current: Option<&entity::Model>,
) -> Result<Checked, AppError> {
    let mut issues = crate::error::issues_of(input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(
        &title,
        "title",
        "procurement-error-title-missing",
        &mut issues,
    );
    let document_type = match input.document_type.as_deref() {
        Some(t) if !t.trim().is_empty() => {
            DocumentType::from_field(Some(t.trim()), "document_type", &mut issues)
        }
        _ => Some(
            current
                .and_then(|d| DocumentType::parse(&d.document_type))
                .unwrap_or(DocumentType::Ovrigt),
        ),
    };
    crate::privacy::check_fields(&[("title", &title), ("body", &input.body)], &mut issues);
    let (Some(document_type), true) = (document_type, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let body_html = markdown::render_field("body", input.body.clone())
        .await?
        .into_string();
    Ok(Checked {
        title,
        document_type,
        body_html,
    })
}

/// The procurement behind `slug_or_id` if `by` may write its documents.
async fn writable(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<Readable<Opened>, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let opened = super::readable(state, &by.actor, slug_or_id).await?;
    if !can(&by.actor, Action::Contribute, &opened.resource()) {
        return Err(AppError::Forbidden(
            "procurement-error-documents-members-only".to_owned(),
        ));
    }
    Ok(opened)
}

const LEADS_PUBLISH: &str = "procurement-error-documents-leads-publish";

/// The plain-text rendering a revision keeps.
fn revision_body(d: &entity::Model) -> String {
    crate::revisions::render(
        &[
            ("Typ", &DocumentType::label_of(&d.document_type)),
            ("Offentligt", if d.public { "Ja" } else { "Nej" }),
        ],
        &d.body_md,
    )
}

/// Writes a new document in a procurement (its leads and members).
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: DocumentInput,
) -> Result<(super::entity::Model, entity::Model), AppError> {
    let opened = writable(state, by, slug_or_id).await?;
    let public = input.public.unwrap_or(false);
    if public && !can(&by.actor, Action::Edit, &opened.resource()) {
        return Err(AppError::Forbidden(LEADS_PUBLISH.to_owned()));
    }
    let checked = check(&input, None).await?;
    let procurement = opened.into_inner().procurement;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let document = entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        procurement_id: Set(procurement.id),
        title: Set(checked.title),
        document_type: Set(checked.document_type.as_str().to_owned()),
        body_md: Set(input.body),
        body_html: Set(checked.body_html),
        public: Set(public),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_by: Set(by.actor.user_id()),
        updated_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    crate::revisions::keep(
        unit.db(),
        DOCUMENT,
        document.id,
        &document.title,
        &revision_body(&document),
        &unit.by().name,
        now,
    )
    .await?;
    unit.changed(DOCUMENT, document.id, Op::Upsert);
    unit.audit(
        "procurement.document_create",
        format!("procurement:{}", procurement.id),
        format!("{}: {}", procurement.title, document.title),
    );
    unit.commit().await?;
    Ok((procurement, document))
}

/// Changes a document (its procurement's leads and members; only leads change whether it is
/// public). Each change that alters it keeps a revision.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    document_id: &str,
    input: DocumentInput,
) -> Result<(super::entity::Model, entity::Model), AppError> {
    let opened = writable(state, by, slug_or_id).await?;
    let id = Uuid::parse_str(document_id.trim()).map_err(|_| AppError::NotFound("dokumentet"))?;
    let current = entity::Entity::find_by_id(id)
        .filter(entity::Column::ProcurementId.eq(opened.procurement.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("dokumentet"))?;
    let public = input.public.unwrap_or(current.public);
    if public != current.public && !can(&by.actor, Action::Edit, &opened.resource()) {
        return Err(AppError::Forbidden(LEADS_PUBLISH.to_owned()));
    }
    let checked = check(&input, Some(&current)).await?;
    let procurement = opened.into_inner().procurement;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let mut active: entity::ActiveModel = current.into();
    active.title = Set(checked.title);
    active.document_type = Set(checked.document_type.as_str().to_owned());
    active.body_md = Set(input.body);
    active.body_html = Set(checked.body_html);
    active.public = Set(public);
    active.updated_by = Set(by.actor.user_id());
    active.updated_at = Set(now);
    let document = active.update(unit.db()).await?;
    crate::revisions::keep(
        unit.db(),
        DOCUMENT,
        document.id,
        &document.title,
        &revision_body(&document),
        &unit.by().name,
        now,
    )
    .await?;
    unit.changed(DOCUMENT, document.id, Op::Upsert);
    unit.audit(
        "procurement.document_edit",
        format!("procurement:{}", procurement.id),
        format!("{}: {}", procurement.title, document.title),
    );
    unit.commit().await?;
    Ok((procurement, document))
}
