//! Reports as topics users follow.

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind, TopicSource, described};
use crate::state::AppState;

/// Tells the notifications feature what a followed report is called and where it is.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::Report]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            use sea_orm::EntityTrait;
            let Some(report) = super::entity::Entity::find_by_id(id).one(&state.db).await? else {
                return Ok(None);
            };
            described(
                super::readable_by_slug(state, actor, &report.slug)
                    .await
                    .map(|r| Described {
                        path: super::url(&r),
                        label: r.title,
                    }),
            )
        })
    }
}
