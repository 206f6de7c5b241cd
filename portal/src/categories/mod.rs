//! Welfare-technology categories: reference data synced from content/categories.yaml.

/// Categories are reference data: their table belongs to the catalog.
pub use crate::catalog::category as entity;
pub mod routes;
pub mod topics;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::audit::By;
use crate::changes::Op;
use crate::error::AppError;
use crate::organisations::SyncCounts;
use crate::state::AppState;
use crate::unit::Unit;

/// One category as the content folder describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRecord {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub proximity: String,
    pub position: i32,
}

/// The label of a proximity value, in the page's language.
pub fn proximity_label(value: &str) -> String {
    crate::technologies::Proximity::parse(value)
        .map_or_else(|| value.to_owned(), |p| p.label().to_owned())
}

/// Creates or updates categories by slug, in one transaction. Idempotent.
#[tracing::instrument(skip_all, fields(count = records.len()))]
pub async fn sync(state: &AppState, records: &[CategoryRecord]) -> Result<SyncCounts, AppError> {
    let mut unit = Unit::begin(state, &By::import()).await?;
    let now = unit.now();
    let mut counts = SyncCounts::default();
    for r in records {
        let existing = entity::Entity::find()
            .filter(entity::Column::Slug.eq(&r.slug))
            .one(unit.db())
            .await?;
        let id = match existing {
            Some(c)
                if c.name == r.name
                    && c.description == r.description
                    && c.proximity == r.proximity
                    && c.position == r.position =>
            {
                continue;
            }
            Some(c) => {
                let id = c.id;
                let mut active: entity::ActiveModel = c.into();
                active.name = Set(r.name.clone());
                active.description = Set(r.description.clone());
                active.proximity = Set(r.proximity.clone());
                active.position = Set(r.position);
                active.updated_at = Set(now);
                active.update(unit.db()).await?;
                counts.updated += 1;
                id
            }
            None => {
                let id = Uuid::now_v7();
                entity::ActiveModel {
                    id: Set(id),
                    slug: Set(r.slug.clone()),
                    name: Set(r.name.clone()),
                    description: Set(r.description.clone()),
                    proximity: Set(r.proximity.clone()),
                    position: Set(r.position),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(unit.db())
                .await?;
                counts.created += 1;
                id
            }
        };
        unit.changed(crate::catalog::CATEGORY, id, Op::Upsert);
    }
    unit.commit().await?;
    Ok(counts)
}
