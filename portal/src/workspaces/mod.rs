//! Workspaces: private rooms of a group of organisations (e.g. a joint procurement). An item
//! with the visibility `workspace` opens to the staff of the workspace's member organisations
//! only; its search document carries one `org:` principal per member, so the index filters it
//! by the same rule as the policy.

pub mod routes;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::audit::By;
use crate::auth::{Action, Resource, can};
use crate::changes::Op;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// Workspaces are reference data: their tables belong to the catalog.
pub use crate::catalog::workspace as entity;

/// Creates a workspace for the given organisations, or sets the members of an existing one
/// (matched by name). Node administrators only. Items already in the workspace are re-indexed
/// so search follows the new membership at once.
pub async fn save(
    state: &AppState,
    by: &By,
    name: &str,
    organisations: &[String],
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Administer, &Resource::Node) {
        return Err(AppError::Forbidden(
            "Bara nodens administratörer hanterar arbetsrum.".to_owned(),
        ));
    }
    let name = name.trim();
    let mut issues = Vec::new();
    if name.is_empty() || name.chars().count() > 120 {
        issues.push(crate::error::FieldIssue::new(
            "name",
            "Ge arbetsrummet ett namn på högst 120 tecken.",
        ));
    }
    crate::privacy::check_fields(&[("name", name)], &mut issues);
    let catalog = state.catalog.get();
    let mut members = Vec::new();
    for code in organisations
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match catalog.organisation_named(code, "organisations", &mut issues) {
            Some(o) if !members.contains(&o.id) => members.push(o.id),
            _ => {}
        }
    }
    if members.is_empty() {
        issues.push(crate::error::FieldIssue::new(
            "organisations",
            "Välj minst en organisation som ska vara med i arbetsrummet.",
        ));
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let slug = slug::slugify(name);
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    let workspace = match entity::Entity::find()
        .filter(entity::Column::Slug.eq(&slug))
        .one(txn)
        .await?
    {
        Some(existing) => {
            let mut active: entity::ActiveModel = existing.into();
            active.updated_at = Set(now);
            active.update(txn).await?
        }
        None => {
            entity::ActiveModel {
                id: Set(Uuid::now_v7()),
                slug: Set(slug),
                name: Set(name.to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?
        }
    };
    entity::member::Entity::delete_many()
        .filter(entity::member::Column::WorkspaceId.eq(workspace.id))
        .exec(txn)
        .await?;
    entity::member::Entity::insert_many(members.iter().map(|&organisation_id| {
        entity::member::ActiveModel {
            workspace_id: Set(workspace.id),
            organisation_id: Set(organisation_id),
        }
    }))
    .exec(txn)
    .await?;
    let reports = crate::reports::in_workspace(txn, workspace.id).await?;
    unit.changed(crate::catalog::WORKSPACE, workspace.id, Op::Upsert);
    for report in reports {
        unit.changed(crate::reports::REPORT, report, Op::Upsert);
    }
    let names: Vec<String> = members
        .iter()
        .filter_map(|id| catalog.organisation_by_id(*id).map(|o| o.name.clone()))
        .collect();
    unit.audit(
        "workspace.save",
        format!("workspace:{}", workspace.id),
        format!("{}: {}", workspace.name, names.join(", ")),
    );
    unit.commit().await?;
    state.catalog.reload(&state.db).await?;
    Ok(workspace)
}
