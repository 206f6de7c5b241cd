//! A report's files ("Bilagor"): on its page, at `/rapporter/{slug}/bilagor`, and under
//! `/api/v1/reports/{id}/attachments`. Those who may edit the report add and remove them (once
//! it is published, node staff: a member's change waits for review); those who may read it
//! download them; everyone else gets "not found".

use crate::auth::{Action, Actor};
use crate::blobs::attachments::{Accepts, Holder, Owner};
use crate::blobs::routes::{Files, files_routes};
use crate::error::AppError;
use crate::state::AppState;

/// Reports' files in the attachments table.
pub const OWNER_KIND: &str = "report";

/// Reports as holders of files.
pub struct ReportFiles;

impl Files for ReportFiles {
    async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
        let report = crate::addresses::find::<super::entity::Entity, _>(
            &state.db,
            super::REPORT,
            slug_or_id,
            (super::entity::Column::Id, super::entity::Column::Slug),
            sea_orm::Condition::all(),
        )
        .await?;
        let report = report.ok_or(AppError::NotFound("rapporten"))?;
        // A final report's partners read it too.
        let resource = super::resource_in(&state.db, &report, &state.catalog.get()).await?;
        if !crate::auth::can(actor, Action::Read, &resource) {
            return Err(crate::auth::policy::refusal(actor, &resource, "rapporten"));
        }
        // A member's change to a published report waits for review, so its files are then
        // changed by those who publish directly (node staff).
        let published = super::Status::parse(&report.status) == Some(super::Status::Publicerad);
        Ok(Holder {
            accepts: Accepts::ANY,
            owner: Owner::new(OWNER_KIND, report.id),
            resource,
            action: if published {
                Action::Review
            } else {
                Action::Edit
            },
            page: super::url(&report),
            api: format!("/api/v1/reports/{}", report.id),
            title: report.title,
        })
    }
}

files_routes! {
    files: ReportFiles,
    pages: "/rapporter/{slug}/bilagor",
    api: "/api/v1/reports/{id}/attachments", "/api/v1/reports/{id}/attachments/{attachment_id}",
    id: "The report's UUID",
    upload: AttachmentUpload,
    gone: [],
    docs: [
        "The files attached to a report.",
        "Attaches a file to a report (those who may edit it; once it is published, node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
        "Downloads a file attached to a report.",
        "Removes a file from a report (those who may edit it; once it is published, node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
    ],
}

/// Keeps the file a report was made from (a PDF, DOCX or ODT brought in by `noden import` or
/// the new-report page) among the report's files; the same bytes are kept once, a changed
/// file replaces the one before it.
pub async fn keep_original(
    state: &AppState,
    by: &crate::audit::By,
    report: uuid::Uuid,
    original: crate::blobs::text::Original,
) -> Result<(), AppError> {
    crate::blobs::attachments::keep(
        state,
        by,
        Owner::new(OWNER_KIND, report),
        &original.file_name,
        original.kind,
        original.bytes,
    )
    .await
    .map(|_| ())
}

/// [`keep_original`] for the report imported from `source_path`, in the import's name.
pub async fn keep_imported(
    state: &AppState,
    source_path: &str,
    original: crate::blobs::text::Original,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let report = super::entity::Entity::find()
        .filter(super::entity::Column::SourcePath.eq(source_path))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("rapporten"))?;
    keep_original(state, &crate::audit::By::import(), report.id, original).await
}
