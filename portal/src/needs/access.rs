//! Who may read a need.

use super::*;

/// A need as the policy sees it.
pub fn resource(need: &entity::Model, catalog: &CatalogData) -> Resource {
    Resource::Item {
        principals: principals(need, catalog),
        organisation_id: Some(need.organisation_id),
        partners: Vec::new(),
    }
}

pub fn principals(need: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    crate::auth::principals_for(
        Visibility::parse(&need.visibility),
        Some(need.organisation_id),
        None,
        catalog,
    )
}

/// The need behind `slug` or id, if `actor` may read it.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let query = crate::db::by_slug_or_id::<entity::Entity>(
        slug_or_id,
        entity::Column::Id,
        entity::Column::Slug,
    );
    let need = query
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("behovet"))?;
    let resource = resource(&need, &state.catalog.get());
    Readable::check_or(actor, &resource, need, "behovet")
}
