//! Who may read or edit a report.

use super::*;

/// The principals that may open a report; the search index stores the same. A report not yet
/// published opens to its own organisation and to node staff only.
pub fn principals(report: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    if !is_published(report) {
        let mut principals = vec![crate::auth::policy::STAFF.to_owned()];
        principals.extend(
            report
                .organisation_id
                .map(crate::auth::policy::org_principal),
        );
        return principals;
    }
    principals_for(
        Visibility::parse(&report.visibility),
        report.organisation_id,
        report.workspace_id,
        catalog,
    )
}

/// How the reports table records who may open a report, for the policy's SQL condition: the
/// same rule as [`principals`] (drafts open to their organisation and node staff).
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers {
        workspace: Some(entity::Column::WorkspaceId),
        shared_when: Some((entity::Column::Status, Status::Publicerad.as_str())),
        ..crate::auth::policy::Readers::owned(
            entity::Column::Visibility,
            entity::Column::OrganisationId,
        )
    }
}

pub fn is_published(report: &entity::Model) -> bool {
    report.status == Status::Publicerad.as_str()
}

/// A report as the policy sees it.
pub fn resource(report: &entity::Model, catalog: &CatalogData) -> Resource {
    Resource::Item {
        principals: principals(report, catalog),
        organisation_id: report.organisation_id,
        partners: Vec::new(),
    }
}

/// The report behind `slug`, if `actor` may read it; "not found" otherwise.
pub async fn readable_by_slug(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<entity::Model, AppError> {
    let report = by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound("rapporten"))?;
    let resource = resource(&report, &state.catalog.get());
    Ok(crate::auth::Readable::check_or(actor, &resource, report, "rapporten")?.into_inner())
}

/// The report behind `slug`, if `actor` may edit it: unknown or unreadable reports are "not
/// found", readable ones the actor may not change are "forbidden".
pub async fn editable(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<entity::Model, AppError> {
    let report = readable_by_slug(state, actor, slug).await?;
    if !can(
        actor,
        Action::Edit,
        &resource(&report, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
        ));
    }
    Ok(report)
}
