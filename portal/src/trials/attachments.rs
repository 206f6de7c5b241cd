//! A trial's files ("Bilagor") and those of its journal entries: on its page, at
//! `/tester/{slug}/bilagor`, and under `/api/v1/trials/{id}/attachments`. The organisations
//! taking part (and node staff) add and remove them, as they write in the journal; those who
//! may read the trial download them; everyone else gets "not found".

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::entity::journal;
use crate::auth::{Action, Actor, Identity};
use crate::blobs::attachments::{self, Accepts, Attachment, Holder, Owner};
use crate::blobs::pages;
use crate::blobs::routes::{Files, files_routes};
use crate::blobs::upload::Upload;
use crate::error::AppError;
use crate::state::AppState;

/// Trials' own files in the attachments table.
pub const OWNER_KIND: &str = "trial";
/// Journal entries' files in the attachments table.
pub const ENTRY_KIND: &str = "journal_entry";
/// The form and API field that names the journal entry a file belongs to.
pub const ENTRY_FIELD: &str = "journal_entry";

/// Trials and their journal entries as holders of files.
pub struct TrialFiles;

impl Files for TrialFiles {
    const FIELDS: &'static [&'static str] = &[ENTRY_FIELD];

    async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
        let (trial, resource) = super::with_resource(state, actor, slug_or_id).await?;
        let trial = trial.into_inner();
        Ok(Holder {
            accepts: Accepts::ANY,
            owner: Owner::new(OWNER_KIND, trial.id),
            resource,
            action: Action::Contribute,
            page: super::url(&trial),
            api: format!("/api/v1/trials/{}", trial.id),
            title: trial.title,
        })
    }

    /// A withdrawn trial's files are gone (410) for node staff, as the trial itself is; others
    /// do not find the trial at all.
    async fn api_holder(state: &AppState, actor: &Actor, id: &str) -> Result<Holder, AppError> {
        let (trial, _) = super::with_resource(state, actor, id).await?;
        if trial.withdrawn_at.is_some() {
            return Err(AppError::Gone("Testet"));
        }
        Self::holder(state, actor, id).await
    }

    /// The journal entry the upload names (one of this trial's), or the trial itself.
    async fn owner_of(
        state: &AppState,
        holder: &Holder,
        upload: &Upload,
    ) -> Result<Owner, AppError> {
        let Some(raw) = upload.sent(ENTRY_FIELD).map(str::trim) else {
            return Ok(holder.owner);
        };
        let entry = Uuid::parse_str(raw).ok().map(|id| {
            journal::Entity::find_by_id(id)
                .filter(journal::Column::TrialId.eq(holder.owner.id))
                .filter(journal::Column::WithdrawnAt.is_null())
        });
        let found = match entry {
            Some(query) => query.one(&state.db).await?,
            None => None,
        };
        found.map(|e| Owner::new(ENTRY_KIND, e.id)).ok_or_else(|| {
            AppError::invalid(ENTRY_FIELD, "Anteckningen finns inte i testets journal.")
        })
    }

    /// The attachment `raw_id` if it belongs to the trial or one of its journal entries.
    async fn find(state: &AppState, holder: &Holder, raw_id: &str) -> Result<Attachment, AppError> {
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
                .filter(journal::Column::WithdrawnAt.is_null())
                .count(&state.db)
                .await?
                > 0;
        if of_entry {
            Ok(attachment)
        } else {
            Err(AppError::NotFound("filen"))
        }
    }

    /// The organisations taking part add files; a journal entry's files are changed by those
    /// who may change the entry (the organisation that wrote it, the lead, node staff), and a
    /// file of the trial itself is removed by whoever added it or may edit the trial. Nothing
    /// changes in a withdrawn trial.
    async fn check_change(
        state: &AppState,
        actor: &Actor,
        holder: &Holder,
        (kind, id): (&str, Uuid),
        existing: Option<&Attachment>,
    ) -> Result<(), AppError> {
        let trial = super::entity::Entity::find_by_id(holder.owner.id)
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound("testet"))?;
        super::not_withdrawn(&trial)?;
        let allowed = if kind == ENTRY_KIND {
            let entry = journal::Entity::find_by_id(id)
                .one(&state.db)
                .await?
                .ok_or(AppError::NotFound("anteckningen"))?;
            crate::auth::policy::amends_contribution(
                actor,
                Action::Edit,
                &holder.resource,
                entry.organisation_id,
            )
        } else {
            existing.is_none_or(|file| {
                file.uploaded_by.is_some() && file.uploaded_by == actor.user_id()
                    || crate::auth::can(actor, Action::Edit, &holder.resource)
            })
        };
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Bilagorna till en journalanteckning ändrar den organisation som skrev den, \
                 testets ledare och nodens personal; testets egna bilagor tar den bort som lade \
                 till dem, testets ledare och nodens personal."
                    .to_owned(),
            ))
        }
    }

    /// The trial's own files and those of its journal entries (`owner_kind` tells which).
    async fn api_files(state: &AppState, holder: &Holder) -> Result<Vec<Attachment>, AppError> {
        let mut items = attachments::list(&state.db, &holder.owner).await?;
        let entries = entry_ids(state, holder).await?;
        items.extend(attachments::list_many(&state.db, ENTRY_KIND, &entries).await?);
        Ok(items)
    }
}

/// The ids of the trial's journal entries (not withdrawn: a withdrawn entry's files go with it).
async fn entry_ids(state: &AppState, holder: &Holder) -> Result<Vec<Uuid>, AppError> {
    Ok(journal::Entity::find()
        .select_only()
        .column(journal::Column::Id)
        .filter(journal::Column::TrialId.eq(holder.owner.id))
        .filter(journal::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(&state.db)
        .await?)
}

/// The "Bilagor" sections of the journal entries `ids` on the trial page, by entry.
pub async fn entry_sections(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, pages::Section>, AppError> {
    // Who wrote each live entry: its files are changed as the entry is.
    let written_by: HashMap<Uuid, Uuid> = journal::Entity::find()
        .filter(journal::Column::Id.is_in(ids.iter().copied()))
        .filter(journal::Column::WithdrawnAt.is_null())
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.organisation_id))
        .collect();
    let live: Vec<Uuid> = written_by.keys().copied().collect();
    let mut files: HashMap<Uuid, Vec<_>> = HashMap::new();
    for a in attachments::list_many(&state.db, ENTRY_KIND, &live).await? {
        files.entry(a.owner_id).or_default().push(a);
    }
    Ok(ids
        .iter()
        .map(|&id| {
            let items = files.remove(&id).unwrap_or_default();
            let mut section =
                pages::Section::new(state, identity, holder, items).for_part(ENTRY_FIELD, id);
            section.may_change &= written_by.get(&id).is_some_and(|&organisation| {
                crate::auth::policy::amends_contribution(
                    &identity.actor,
                    Action::Edit,
                    &holder.resource,
                    organisation,
                )
            });
            (id, section)
        })
        .collect())
}

files_routes! {
    files: TrialFiles,
    pages: "/tester/{slug}/bilagor",
    api: "/api/v1/trials/{id}/attachments", "/api/v1/trials/{id}/attachments/{attachment_id}",
    id: "The trial's UUID or its address name (slug)",
    upload: TrialAttachmentUpload,
    gone: [(status = 410, response = crate::openapi::Gone),],
    docs: [
        "The files attached to a trial and to its journal entries (`owner_kind` tells which).",
        "Attaches a file to a trial, or to one of its journal entries (`journal_entry`), as the organisations taking part in it may (and node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
        "Downloads a file attached to a trial or to one of its journal entries.",
        "Removes a file from a trial or one of its journal entries (the organisations taking part, and node staff). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
    ],
}
