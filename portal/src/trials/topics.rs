//! Trials as topics users follow.

use super::*;
use crate::notifications::{Described, TopicKind, TopicSource, described};

/// Tells the notifications feature what a followed trial is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Trial]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            described(
                readable_by_slug(state, actor, &id.to_string())
                    .await
                    .map(|t| Described {
                        label: t.title.clone(),
                        path: url(&t),
                    }),
            )
        })
    }
}
