//! Following a coach: the notifications feature asks here for a coach's name and page.

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind};
use crate::state::AppState;

/// Describes coaches ([`TopicKind::Coach`]) by their name and profile page. The directory is
/// public, so anyone who may follow may follow an active coach; an ended appointment or a
/// disabled account is not there to follow.
pub struct Source;

impl crate::notifications::TopicSource for Source {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Coach]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        _actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            Ok(super::label_of(state, id)
                .await?
                .map(|(label, path)| Described { label, path }))
        })
    }
}
