//! A procurement document's files ("Bilagor"): on its page, under
//! `/upphandlingar/{slug}/dokument/{id}/bilagor`, and in the API under
//! `/api/v1/procurement-documents/{id}/attachments`. The procurement's leads and members add and
//! remove them; its members download them; everyone else gets "not found", whatever the
//! document's "public" flag says. PDF, DOCX, XLSX and ODT only, told by their content, up to
//! [`super::FILE_MAX_BYTES`].

use uuid::Uuid;

use crate::auth::{Action, Actor};
use crate::blobs::attachments::{Accepts, Holder, Owner};
use crate::blobs::routes::{Files, files_routes};
use crate::error::AppError;
use crate::state::AppState;

/// Procurement documents' files in the attachments table.
pub const OWNER_KIND: &str = "procurement_document";

/// The files a procurement document takes.
pub const ACCEPTS: Accepts = Accepts::documents(super::FILE_MAX_BYTES);

/// The document `id` as the owner of files.
pub fn owner(id: Uuid) -> Owner {
    Owner::new(OWNER_KIND, id)
}

/// The holder of an opened document's files.
pub fn holder_of(opened: &super::OpenedDocument) -> Holder {
    Holder {
        owner: owner(opened.document.id),
        resource: opened.procurement.resource(),
        action: Action::Contribute,
        accepts: ACCEPTS,
        page: opened.url(),
        api: format!("/api/v1/procurement-documents/{}", opened.document.id),
        title: opened.document.title.clone(),
    }
}

/// Procurement documents as holders of files.
pub struct DocumentFiles;

impl Files for DocumentFiles {
    /// The pages name a document as `{slug}/dokument/{id}`, the API by its id.
    async fn holder(state: &AppState, actor: &Actor, key: &str) -> Result<Holder, AppError> {
        let opened = match key.split_once("/dokument/") {
            Some((slug, id)) => super::readable(state, actor, slug, id).await?,
            None => super::readable_by_id(state, actor, key).await?,
        };
        Ok(holder_of(&opened))
    }
}

files_routes! {
    files: DocumentFiles,
    pages: "/upphandlingar/{document:[^/]+/dokument/[^/]+}/bilagor",
    api: "/api/v1/procurement-documents/{id}/attachments", "/api/v1/procurement-documents/{id}/attachments/{attachment_id}",
    id: "The procurement document's UUID",
    upload: ProcurementDocumentUpload,
    gone: [],
    docs: [
        "The files attached to a procurement document (members of the procurement only; everyone else gets 404).",
        "Attaches a file (PDF, DOCX, XLSX or ODT, at most 25 MiB) to a procurement document (the procurement's leads and members). Requires a bearer token: a personal access token with the `write` scope.",
        "Downloads a file attached to a procurement document (members of the procurement only; everyone else gets 404).",
        "Removes a file from a procurement document (the procurement's leads and members). Requires a bearer token: a personal access token with the `write` scope.",
    ],
}
