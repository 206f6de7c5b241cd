//! A trial's comments: the trial as the comments feature opens it.

use super::*;
use crate::comments::{CommentTarget, ItemRef};
use crate::notifications::TopicKind;

/// The trial as its comments see it: who reads it, its page and title.
pub fn item_ref(trial: &entity::Model, parties: &Parties) -> ItemRef {
    ItemRef {
        kind: TopicKind::Trial,
        id: trial.id,
        principals: principals(trial, parties),
        path: url(trial),
        title: trial.title.clone(),
    }
}

/// Opens trials for the comment routes.
pub struct Target;

impl CommentTarget for Target {
    fn kind(&self) -> TopicKind {
        TopicKind::Trial
    }

    fn open<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<ItemRef>, AppError>> {
        Box::pin(async move {
            match readable_with_parties(state, actor, &id.to_string()).await {
                Ok((trial, parties)) => Ok(Some(item_ref(&trial, &parties))),
                Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
                Err(other) => Err(other),
            }
        })
    }
}
