//! Comments on trials, needs, reports, field reports and items from other nodes (issue 15,
//! point 3; issue 16: comments on a remote item stay on this node).
//!
//! A comment belongs to an item another feature owns; the item's readability decides who
//! reads and writes its comments. This feature imports no feature: a feature embeds the
//! comments of an item on its page by calling [`section`] with an [`ItemRef`] (the item's
//! principals, page and title, which it has already checked), and tells this feature how to
//! open its items for the generic routes (`POST /kommentarer`, the API) by implementing
//! [`CommentTarget`], registered once in `lib.rs`.
//!
//! - **Who writes:** any signed-in reader of the item (`policy::comments_on`).
//! - **Replies:** one level; a reply's parent is a top-level comment of the same item.
//! - **Editing:** the author, within [`EDIT_WINDOW_MINUTES`] minutes of writing it; after
//!   that a comment stands as written (the API answers 409).
//! - **Removing:** node staff (`policy::removes_comments`). The text disappears from pages
//!   ("Kommentaren är borttagen av noden") and from the database row; the removed text is
//!   kept in the audit trail (the detail of `comment.remove`). Replies stay.
//! - **Notices:** a new comment is an [`EventKind::Comment`](crate::notifications::EventKind)
//!   event on the item's topic, for its followers who may read it, and for the author of the
//!   comment replied to. Whoever comments follows the item from then on.
//!
//! Every write runs on one unit of work and is audited (`comment.add`, `comment.edit`,
//! `comment.remove`).

pub mod entity;
pub mod queries;
pub mod routes;
pub mod service;

pub use queries::*;
pub use service::*;

use std::sync::Arc;

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::indexer::BoxFuture;
use crate::notifications::TopicKind;
use crate::state::AppState;

/// How long an author may change their comment after writing it.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// The longest comment, in characters.
pub const MAX_CHARS: u64 = 4000;

/// Top-level comments per page (each with all its replies).
pub const PER_PAGE: u64 = 50;

/// The kinds of item that carry comments.
pub const KINDS: &[TopicKind] = &[
    TopicKind::Trial,
    TopicKind::Need,
    TopicKind::Report,
    TopicKind::FieldReport,
    TopicKind::RemoteItem,
];

/// An item that carries comments, as its own feature checked it for the reader.
#[derive(Debug, Clone)]
pub struct ItemRef {
    /// `Trial`, `Need`, `Report`, `FieldReport` or `RemoteItem`.
    pub kind: TopicKind,
    pub id: Uuid,
    /// Who may read the item now: who may read and write its comments.
    pub principals: Vec<String>,
    /// The item's page, a path on this node.
    pub path: String,
    pub title: String,
}

/// What a feature tells this one about its items: the item as `actor` may open it.
pub trait CommentTarget: Send + Sync {
    /// The kind of item this target opens.
    fn kind(&self) -> TopicKind;

    /// Item `id` as `actor` sees it; `None` when it does not exist or `actor` may not read
    /// it.
    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> BoxFuture<'a, Result<Option<ItemRef>, AppError>>;
}

/// The registered targets (app data, made in `lib.rs`).
#[derive(Clone, Default)]
pub struct Targets(Arc<Vec<Arc<dyn CommentTarget>>>);

impl Targets {
    pub fn new(targets: Vec<Arc<dyn CommentTarget>>) -> Targets {
        Targets(Arc::new(targets))
    }

    /// Item `id` of `kind` as `actor` sees it; "not found" when there is none or `actor` may
    /// not read it.
    pub async fn open(
        &self,
        state: &AppState,
        actor: &Actor,
        kind: TopicKind,
        id: Uuid,
    ) -> Result<ItemRef, AppError> {
        let target = self
            .0
            .iter()
            .find(|t| t.kind() == kind)
            .ok_or(AppError::NotFound("det som kommenteras"))?;
        target
            .open(state, actor, id)
            .await?
            .ok_or(AppError::NotFound("det som kommenteras"))
    }
}

/// Reads an item kind from a form or the API: one of [`KINDS`].
pub fn item_kind(
    value: &str,
    field: &str,
    issues: &mut Vec<crate::error::FieldIssue>,
) -> Option<TopicKind> {
    match TopicKind::parse(value).filter(|k| KINDS.contains(k)) {
        Some(kind) => Some(kind),
        None => {
            issues.push(crate::error::FieldIssue::new(
                field,
                format!(
                    "Okänt slag av kommenterat innehåll. Välj bland: {}.",
                    KINDS
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            None
        }
    }
}

/// The API schema of an item kind field.
pub fn kind_schema() -> utoipa::openapi::schema::Object {
    crate::openapi::choice(
        &["trial", "need", "report", "field_report", "remote_item"],
        false,
        false,
    )
}

/// The anchor of a comment on its item's page.
pub fn anchor(id: Uuid) -> String {
    format!("kommentar-{id}")
}
