//! Catalogue entries as topics users follow.

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind, TopicSource, described};
use crate::state::AppState;

/// Tells the notifications feature what a followed technology is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Technology]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            let _ = actor;
            described(
                super::find(state, &id.to_string())
                    .await
                    .map(|t| Described {
                        path: super::url(&t),
                        label: t.name,
                    }),
            )
        })
    }
}
