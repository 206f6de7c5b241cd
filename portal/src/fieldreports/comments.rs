//! A field report's comments: the report as the comments feature opens it.

use uuid::Uuid;

use super::entity;
use crate::auth::Actor;
use crate::comments::{CommentTarget, ItemRef};
use crate::error::AppError;
use crate::notifications::TopicKind;
use crate::state::AppState;

/// The report as its comments see it: who reads it, its page and title.
pub fn item_ref(state: &AppState, report: &entity::Model) -> ItemRef {
    ItemRef {
        kind: TopicKind::FieldReport,
        id: report.id,
        principals: super::principals(report, &state.catalog.get()),
        path: super::url_of(report.id),
        title: super::title_of(&report.text_md),
    }
}

/// Opens field reports for the comment routes.
pub struct Target;

impl CommentTarget for Target {
    fn kind(&self) -> TopicKind {
        TopicKind::FieldReport
    }

    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<ItemRef>, AppError>> {
        Box::pin(async move {
            match super::readable(state, actor, &id.to_string()).await {
                Ok(report) => Ok(Some(item_ref(state, &report))),
                Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
                Err(other) => Err(other),
            }
        })
    }
}
