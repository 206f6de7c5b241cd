//! A report's comments: the report as the comments feature opens it.

use super::*;
use crate::comments::{CommentTarget, ItemRef};
use crate::notifications::TopicKind;

/// The report as its comments see it: who reads it (with the parties of the trial a final
/// report concludes), its page and title.
pub fn item_ref(report: &entity::Model, resource: &Resource) -> ItemRef {
    let principals = match resource {
        Resource::Item { principals, .. } => principals.clone(),
        _ => Vec::new(),
    };
    ItemRef {
        kind: TopicKind::Report,
        id: report.id,
        principals,
        path: url(report),
        title: report.title.clone(),
    }
}

/// Opens reports for the comment routes.
pub struct Target;

impl CommentTarget for Target {
    fn kind(&self) -> TopicKind {
        TopicKind::Report
    }

    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<ItemRef>, AppError>> {
        Box::pin(async move {
            let Some(report) = get(&state.db, id).await? else {
                return Ok(None);
            };
            let resource = resource_in(&state.db, &report, &state.catalog.get()).await?;
            if !can(actor, Action::Read, &resource) {
                return Ok(None);
            }
            Ok(Some(item_ref(&report, &resource)))
        })
    }
}
