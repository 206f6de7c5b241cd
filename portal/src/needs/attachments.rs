//! A need's files ("Bilagor"): on its page, at `/behov/{slug}/bilagor`, and under
//! `/api/v1/needs/{id}/attachments`. Those who may edit the need add and remove them; those
//! who may read it download them; everyone else gets "not found".

use crate::auth::{Action, Actor};
use crate::blobs::attachments::{Accepts, Holder, Owner};
use crate::blobs::routes::{Files, files_routes};
use crate::error::AppError;
use crate::state::AppState;

/// Needs' files in the attachments table.
pub const OWNER_KIND: &str = "need";

/// Needs as holders of files.
pub struct NeedFiles;

impl Files for NeedFiles {
    async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError> {
        let need = super::readable(state, actor, slug_or_id)
            .await?
            .into_inner();
        Ok(Holder {
            accepts: Accepts::ANY,
            owner: Owner::new(OWNER_KIND, need.id),
            resource: super::resource(&need, &state.catalog.get()),
            action: Action::Edit,
            page: super::url(&need),
            api: format!("/api/v1/needs/{}", need.id),
            title: need.title,
        })
    }

    /// A withdrawn need's files are gone (410) for node staff, as the need itself is; others
    /// do not find the need at all.
    async fn api_holder(state: &AppState, actor: &Actor, id: &str) -> Result<Holder, AppError> {
        let need = super::readable(state, actor, id).await?;
        if need.withdrawn_at.is_some() {
            return Err(AppError::Gone("Behovet"));
        }
        Self::holder(state, actor, id).await
    }
}

files_routes! {
    files: NeedFiles,
    pages: "/behov/{slug}/bilagor",
    api: "/api/v1/needs/{id}/attachments", "/api/v1/needs/{id}/attachments/{attachment_id}",
    id: "The need's UUID",
    upload: AttachmentUpload,
    gone: [(status = 410, response = crate::openapi::Gone),],
    docs: [
        "The files attached to a need.",
        "Attaches a file to a need (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
        "Downloads a file attached to a need.",
        "Removes a file from a need (those who may edit it). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.",
    ],
}
