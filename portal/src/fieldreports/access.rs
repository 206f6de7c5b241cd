//! Who may read a field report: as every item, by its visibility.

use sea_orm::EntityTrait;
use uuid::Uuid;

use super::entity;
use crate::auth::{Actor, Readable, Resource, Visibility};
use crate::catalog::CatalogData;
use crate::error::AppError;
use crate::state::AppState;

/// A field report as the policy sees it.
pub fn resource(report: &entity::Model, catalog: &CatalogData) -> Resource {
    Resource::Item {
        principals: principals(report, catalog),
        organisation_id: Some(report.organisation_id),
        partners: Vec::new(),
    }
}

/// Who reads a field report: the principals of its visibility.
pub fn principals(report: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    crate::auth::principals_for(
        Visibility::parse(&report.visibility),
        Some(report.organisation_id),
        None,
        catalog,
    )
}

/// The field report `id`, if `actor` may read it; "not found" otherwise (also for an id that
/// is no UUID).
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let Ok(id) = Uuid::parse_str(id.trim()) else {
        return Err(AppError::NotFound("fältrapporten"));
    };
    let report = entity::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("fältrapporten"))?;
    let resource = resource(&report, &state.catalog.get());
    let withdrawn = report.withdrawn_at.is_some();
    Readable::check_withdrawn_or(actor, &resource, report, withdrawn, "fältrapporten")
}

/// The condition "the report is not withdrawn".
pub fn live() -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::ColumnTrait;
    entity::Column::WithdrawnAt.is_null()
}

/// How the table records who may open a report, for the policy's SQL condition.
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers::owned(entity::Column::Visibility, entity::Column::OrganisationId)
}
