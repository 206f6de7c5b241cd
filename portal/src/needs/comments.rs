//! A need's comments: the need as the comments feature opens it.

use super::*;
use crate::comments::{CommentTarget, ItemRef};
use crate::notifications::TopicKind;

/// The need as its comments see it: who reads it, its page and title.
pub fn item_ref(need: &entity::Model, catalog: &CatalogData) -> ItemRef {
    ItemRef {
        kind: TopicKind::Need,
        id: need.id,
        principals: principals(need, catalog),
        path: url(need),
        title: need.title.clone(),
    }
}

/// Opens needs for the comment routes.
pub struct Target;

impl CommentTarget for Target {
    fn kind(&self) -> TopicKind {
        TopicKind::Need
    }

    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<ItemRef>, AppError>> {
        Box::pin(async move {
            match readable(state, actor, &id.to_string()).await {
                Ok(need) => Ok(Some(item_ref(&need, &state.catalog.get()))),
                Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
                Err(other) => Err(other),
            }
        })
    }
}
