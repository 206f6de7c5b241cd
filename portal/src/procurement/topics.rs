//! Joint procurements (for their members only) as topics users follow.

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind, TopicSource, described};
use crate::state::AppState;

/// Tells the notifications feature what a followed procurement is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Procurement]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            // Only its members read a procurement, so only they follow it.
            described(
                super::readable(state, actor, &id.to_string())
                    .await
                    .map(|opened| Described {
                        path: super::url(&opened.procurement),
                        label: opened.into_inner().procurement.title,
                    }),
            )
        })
    }
}
