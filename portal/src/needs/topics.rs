//! Needs as topics users follow.

use super::*;
use crate::notifications::{Described, TopicKind, TopicSource, described};

/// Tells the notifications feature what a followed need is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Need]
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
                readable(state, actor, &id.to_string())
                    .await
                    .map(|n| Described {
                        label: n.title.clone(),
                        path: url(&n),
                    }),
            )
        })
    }
}
