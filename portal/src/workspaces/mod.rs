//! Workspaces: private rooms of a group of organisations (e.g. a joint procurement). An item
//! with the visibility `workspace` opens to the staff of the workspace's member organisations
//! only; its search document carries one `org:` principal per member, so the index filters it
//! by the same rule as the policy.

pub mod routes;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::audit::By;
use crate::auth::entity::{user, workspace_user};
use crate::auth::{Action, Resource, can};
use crate::changes::Op;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// Workspaces are reference data: their tables belong to the catalog.
pub use crate::catalog::workspace as entity;

/// A procurement's workspace opens to the members the procurement invites, never to
/// organisations or people chosen here.
fn procurement_owned() -> AppError {
    AppError::Conflict("workspaces-error-procurement-owned".to_owned())
}

/// Creates a workspace for the given organisations, or sets the members of an existing one
/// (matched by name). Node administrators only. Items already in the workspace are re-indexed
/// so search follows the new membership at once.
pub async fn save(
    state: &AppState,
    by: &By,
    name: &str,
    organisations: &[String],
) -> Result<entity::Model, AppError> {
    if !can(
        &by.actor,
        Action::Administer,
        &Resource::Workspace {
            id: None,
            organisations: Vec::new(),
        },
    ) {
        return Err(AppError::Forbidden(
            "workspaces-error-admins-only".to_owned(),
        ));
    }
    let name = name.trim();
    let mut issues = Vec::new();
    if name.is_empty() || name.chars().count() > 120 {
        issues.push(crate::error::FieldIssue::new(
            "name",
            "workspaces-error-name-length",
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
            "workspaces-error-organisation-missing",
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
            if crate::procurement::owns_workspace(txn, existing.id).await? {
                return Err(procurement_owned());
            }
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

/// Adds a user to a workspace in person (node administrators): someone whose organisation is
/// not a member, or who should open the workspace when their colleagues should not. From
/// their next request they open its items and find them in search (the items are indexed
/// again, so those indexed before workspaces had a principal of their own get it).
pub async fn add_person(
    state: &AppState,
    by: &By,
    workspace: &str,
    user_id: Uuid,
) -> Result<(), AppError> {
    let catalog = state.catalog.get();
    let found = catalog
        .workspace_by_slug(workspace)
        .ok_or(AppError::NotFound("arbetsrummet"))?;
    if !can(
        &by.actor,
        Action::Administer,
        &Resource::Workspace {
            id: Some(found.id),
            organisations: found.members.clone(),
        },
    ) {
        return Err(AppError::Forbidden(
            "workspaces-error-admins-only".to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    if crate::procurement::owns_workspace(txn, found.id).await? {
        return Err(procurement_owned());
    }
    let user = crate::auth::users::get(txn, user_id)
        .await?
        .ok_or(AppError::NotFound("användaren"))?;
    let existing = workspace_user::Entity::find_by_id((found.id, user.id))
        .one(txn)
        .await?;
    if existing.is_none() {
        workspace_user::ActiveModel {
            workspace_id: Set(found.id),
            user_id: Set(user.id),
            added_at: Set(now),
        }
        .insert(txn)
        .await?;
        // Items indexed before workspaces had a principal of their own get it now.
        for report in crate::reports::in_workspace(txn, found.id).await? {
            unit.changed(crate::reports::REPORT, report, Op::Upsert);
        }
        unit.audit(
            "workspace.add_person",
            format!("workspace:{}", found.id),
            format!(
                "{}: {}",
                found.name,
                user.email.as_deref().unwrap_or(&user.name)
            ),
        );
    }
    unit.commit().await?;
    Ok(())
}

/// Adds the user with this address to a workspace in person (the administration page).
pub async fn add_person_by_email(
    state: &AppState,
    by: &By,
    workspace: &str,
    email: &str,
) -> Result<(), AppError> {
    let email = crate::auth::users::normalise_email(email)?;
    let Some(user) = crate::auth::users::by_email(&state.db, &email).await? else {
        return Err(AppError::invalid("email", "workspaces-error-unknown-user"));
    };
    add_person(state, by, workspace, user.id).await
}

/// The users added to each workspace in person, by workspace: their addresses (or names).
pub async fn people(
    state: &AppState,
) -> Result<std::collections::HashMap<Uuid, Vec<String>>, AppError> {
    let rows = workspace_user::Entity::find()
        .order_by_asc(workspace_user::Column::AddedAt)
        .all(&state.db)
        .await?;
    let users: std::collections::HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email.unwrap_or(u.name)))
        .collect();
    let mut people: std::collections::HashMap<Uuid, Vec<String>> = Default::default();
    for row in rows {
        if let Some(label) = users.get(&row.user_id) {
            people
                .entry(row.workspace_id)
                .or_default()
                .push(label.clone());
        }
    }
    Ok(people)
}
