//! Organisations as topics users follow.

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind, TopicSource};
use crate::state::AppState;

/// Tells the notifications feature what a followed organisation is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Organisation]
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
            Ok(state
                .catalog
                .get()
                .organisation_by_id(id)
                .map(|o| Described {
                    label: o.name.clone(),
                    path: format!("/organisationer/{}", o.slug),
                }))
        })
    }
}
