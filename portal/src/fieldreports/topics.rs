//! Field reports as topics users follow (so a comment's followers can follow a report).

use uuid::Uuid;

use crate::auth::Actor;
use crate::error::AppError;
use crate::notifications::{Described, TopicKind, TopicSource};
use crate::state::AppState;

/// Field reports for the notifications feature.
pub struct Topics;

impl TopicSource for Topics {
    fn kinds(&self) -> &'static [TopicKind] {
        &[TopicKind::FieldReport]
    }

    fn describe<'a>(
        &'a self,
        state: &'a AppState,
        actor: &'a Actor,
        _kind: TopicKind,
        id: Uuid,
    ) -> crate::indexer::BoxFuture<'a, Result<Option<Described>, AppError>> {
        Box::pin(async move {
            match super::readable(state, actor, &id.to_string()).await {
                Ok(report) => Ok(Some(Described {
                    label: super::title_of(&report.text_md),
                    path: super::url_of(report.id),
                })),
                Err(AppError::NotFound(_) | AppError::SignInRequired) => Ok(None),
                Err(e) => Err(e),
            }
        })
    }
}
