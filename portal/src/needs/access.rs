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

/// Who reads a need. Node staff collect needs across the county, and bring back withdrawn ones,
/// so they read an organisation's own needs too (as they follow its trials).
pub fn principals(need: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    let visibility = Visibility::parse(&need.visibility);
    let mut principals =
        crate::auth::principals_for(visibility, Some(need.organisation_id), None, catalog);
    if visibility == Some(Visibility::Organisation) {
        principals.push(crate::auth::policy::STAFF.to_owned());
    }
    principals
}

/// The need behind `slug` or id, if `actor` may read it.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let need = crate::addresses::find::<entity::Entity, _>(
        &state.db,
        super::NEED,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await?
    .ok_or(AppError::NotFound("behovet"))?;
    let resource = resource(&need, &state.catalog.get());
    let withdrawn = need.withdrawn_at.is_some();
    Readable::check_withdrawn_or(actor, &resource, need, withdrawn, "behovet")
}

/// Refuses a change to a withdrawn need: it must be brought back first.
pub fn not_withdrawn(need: &entity::Model) -> Result<(), AppError> {
    if need.withdrawn_at.is_some() {
        return Err(AppError::Conflict("needs-error-withdrawn".to_owned()));
    }
    Ok(())
}
