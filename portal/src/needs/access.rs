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
    let withdrawn = need.withdrawn_at.is_some();
    Readable::check_withdrawn_or(actor, &resource, need, withdrawn, "behovet")
}

/// Refuses a change to a withdrawn need: it must be brought back first.
pub fn not_withdrawn(need: &entity::Model) -> Result<(), AppError> {
    if need.withdrawn_at.is_some() {
        return Err(AppError::Conflict(
            "Behovet är tillbakadraget. Återställ det först.".to_owned(),
        ));
    }
    Ok(())
}
