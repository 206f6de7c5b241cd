//! Municipalities and regions: reference data synced from content/organisations.yaml.

/// Organisations are reference data: their table belongs to the catalog.
pub use crate::catalog::organisation as entity;
pub mod routes;
pub mod topics;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::audit::By;
use crate::changes::Op;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// One organisation as the content folder describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRecord {
    pub code: String,
    /// The name in Statistics Sweden's register.
    pub name: String,
    /// The name the organisation uses itself, when it differs ("Göteborgs Stad").
    pub own_name: Option<String>,
    pub kind: String,
    pub county_code: String,
    pub county_name: String,
}

impl OrganisationRecord {
    /// The name pages show: the one the organisation uses itself.
    pub fn shown_name(&self) -> &str {
        self.own_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncCounts {
    pub created: usize,
    pub updated: usize,
}

/// Creates or updates organisations by their SCB code, in one transaction. Idempotent.
#[tracing::instrument(skip_all, fields(count = records.len()))]
pub async fn sync(
    state: &AppState,
    records: &[OrganisationRecord],
) -> Result<SyncCounts, AppError> {
    let mut unit = Unit::begin(state, &By::import()).await?;
    let now = unit.now();
    let slugs = slugs(records);
    let mut counts = SyncCounts::default();
    for (r, slug) in records.iter().zip(slugs) {
        let existing = entity::Entity::find()
            .filter(entity::Column::Code.eq(&r.code))
            .one(unit.db())
            .await?;
        let id = match existing {
            Some(o)
                if o.name == r.shown_name()
                    && o.register_name.as_deref() == Some(r.name.as_str())
                    && o.slug == slug
                    && o.kind == r.kind
                    && o.county_code == r.county_code
                    && o.county_name == r.county_name =>
            {
                continue;
            }
            Some(o) => {
                let id = o.id;
                let mut active: entity::ActiveModel = o.into();
                active.name = Set(r.shown_name().to_owned());
                active.register_name = Set(Some(r.name.clone()));
                active.slug = Set(slug);
                active.kind = Set(r.kind.clone());
                active.county_code = Set(r.county_code.clone());
                active.county_name = Set(r.county_name.clone());
                active.updated_at = Set(now);
                active.update(unit.db()).await?;
                counts.updated += 1;
                id
            }
            None => {
                let id = Uuid::now_v7();
                entity::ActiveModel {
                    id: Set(id),
                    code: Set(r.code.clone()),
                    name: Set(r.shown_name().to_owned()),
                    register_name: Set(Some(r.name.clone())),
                    slug: Set(slug),
                    kind: Set(r.kind.clone()),
                    county_code: Set(r.county_code.clone()),
                    county_name: Set(r.county_name.clone()),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(unit.db())
                .await?;
                counts.created += 1;
                id
            }
        };
        unit.changed(crate::catalog::ORGANISATION, id, Op::Upsert);
    }
    unit.commit().await?;
    Ok(counts)
}

/// URL slugs from the names; names that fold to the same slug (Håbo and Habo) get their code
/// appended, so every organisation keeps a stable, readable address.
fn slugs(records: &[OrganisationRecord]) -> Vec<String> {
    let base: Vec<String> = records.iter().map(|r| slug::slugify(&r.name)).collect();
    base.iter()
        .zip(records)
        .map(|(slug, r)| {
            if base.iter().filter(|b| *b == slug).count() > 1 {
                format!("{slug}-{}", r.code)
            } else {
                slug.clone()
            }
        })
        .collect()
}
