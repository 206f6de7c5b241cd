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

/// A report as the policy sees it, without partners (see [`resource_in`] for a final report).
pub fn resource(report: &entity::Model, catalog: &CatalogData) -> Resource {
    resource_with(report, catalog, &[])
}

/// A report as the policy sees it, with the organisations that work on it besides its own
/// (every party of the trial a final report concludes): they read it before it is published.
pub fn resource_with(report: &entity::Model, catalog: &CatalogData, partners: &[Uuid]) -> Resource {
    let partners: Vec<Uuid> = partners
        .iter()
        .copied()
        .filter(|&p| Some(p) != report.organisation_id)
        .collect();
    let mut principals = principals(report, catalog);
    if !is_published(report) {
        principals.extend(
            partners
                .iter()
                .map(|&p| crate::auth::policy::org_principal(p)),
        );
    }
    Resource::Item {
        principals,
        organisation_id: report.organisation_id,
        partners,
    }
}

/// The organisations that work on a report besides its own: the parties of the trial a final
/// report concludes; none for other reports.
pub async fn partners<C: ConnectionTrait>(
    db: &C,
    report: &entity::Model,
) -> Result<Vec<Uuid>, DbErr> {
    match report.trial_id {
        Some(trial_id) => crate::trials::party_ids(db, trial_id).await,
        None => Ok(Vec::new()),
    }
}

/// A report as the policy sees it, with its partners read from the database.
pub async fn resource_in<C: ConnectionTrait>(
    db: &C,
    report: &entity::Model,
    catalog: &CatalogData,
) -> Result<Resource, DbErr> {
    Ok(resource_with(report, catalog, &partners(db, report).await?))
}

/// Whether `actor` may change the report: its own organisation and node staff, and for a
/// final report every organisation taking part in the trial.
pub fn may_edit(actor: &Actor, report: &entity::Model, resource: &Resource) -> bool {
    can(actor, Action::Edit, resource)
        || (report.trial_id.is_some() && can(actor, Action::Contribute, resource))
}

/// Whether a member's edit of the published report waits for review.
pub fn has_pending_edit(report: &entity::Model) -> bool {
    report.pending_input.is_some()
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
    let resource = resource_in(&state.db, &report, &state.catalog.get()).await?;
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
    let resource = resource_in(&state.db, &report, &state.catalog.get()).await?;
    if !may_edit(actor, &report, &resource) {
        return Err(AppError::Forbidden(
            "reports-error-only-own-organisation-edit".to_owned(),
        ));
    }
    Ok(report)
}

/// The report `id`, if `actor` may edit it, refused as [`editable`] refuses.
pub async fn editable_by_id(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<entity::Model, AppError> {
    let report = super::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("rapporten"))?;
    let resource = resource_in(&state.db, &report, &state.catalog.get()).await?;
    let report = crate::auth::Readable::check_or(actor, &resource, report, "rapporten")?;
    let report = report.into_inner();
    if !may_edit(actor, &report, &resource) {
        return Err(AppError::Forbidden(
            "reports-error-only-own-organisation-edit".to_owned(),
        ));
    }
    Ok(report)
}
