//! Personal access tokens for the API: shown once, stored hashed, scoped and revocable.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::entity::{access_token, user};
use super::{Member, Role, Scopes, Via, secret};
use crate::audit::By;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// Every token starts with this, so a leaked one is recognisable (and greppable).
pub const PREFIX: &str = "noden_pat_";

/// A token as listed to its owner (never the secret itself).
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: Uuid,
    pub name: String,
    pub scopes: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Creates a token for the signed-in user and returns its secret, to be shown once.
pub async fn create(
    state: &AppState,
    by: &By,
    user_id: Uuid,
    name: &str,
    scopes: Scopes,
) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "auth-error-token-name"));
    }
    if scopes.names().is_empty() {
        return Err(AppError::invalid(
            "scopes",
            "auth-error-token-scopes-missing",
        ));
    }
    let mut issues = Vec::new();
    crate::privacy::check_fields(&[("name", name)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let raw = format!("{PREFIX}{}", secret::random_token()?);
    let now = state.clock.now();
    let mut unit = Unit::begin(state, by).await?;
    let token = access_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        token_hash: Set(secret::hash(&raw)),
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        scopes: Set(scopes.names()),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(unit.db())
    .await?;
    unit.audit(
        "token.create",
        format!("token:{}", token.id),
        format!("{name} ({})", scopes.names()),
    );
    unit.commit().await?;
    Ok(raw)
}

/// The member a presented token stands for, if it is live and its user is enabled.
pub async fn authenticate(state: &AppState, raw: &str) -> Result<Option<Member>, AppError> {
    if !raw.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(token) = access_token::Entity::find()
        .filter(access_token::Column::TokenHash.eq(secret::hash(raw)))
        .filter(access_token::Column::RevokedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = user::Entity::find_by_id(token.user_id)
        .one(&state.db)
        .await?
        .filter(|u| !u.disabled)
    else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&user.role) else {
        return Ok(None);
    };
    let now = state.clock.now();
    if token
        .last_used_at
        .is_none_or(|at| now - at >= Duration::minutes(1))
    {
        let write = crate::db::begin_write(&state.db).await?;
        access_token::Entity::update_many()
            .col_expr(access_token::Column::LastUsedAt, now.into())
            .filter(access_token::Column::Id.eq(token.id))
            .exec(write.txn())
            .await?;
        write.commit().await?;
    }
    let workspaces = super::users::workspaces_of(
        &state.db,
        &state.catalog.get(),
        user.id,
        user.organisation_id,
    )
    .await?;
    Ok(Some(Member::new(
        user.id,
        user.organisation_id,
        role,
        Via::Token(Scopes::parse(&token.scopes)),
        &workspaces,
    )))
}

/// The live tokens of a user, newest first.
pub async fn list(state: &AppState, user_id: Uuid) -> Result<Vec<Listed>, AppError> {
    Ok(access_token::Entity::find()
        .filter(access_token::Column::UserId.eq(user_id))
        .filter(access_token::Column::RevokedAt.is_null())
        .order_by_desc(access_token::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| Listed {
            id: t.id,
            name: t.name,
            scopes: t.scopes,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        })
        .collect())
}

/// Revokes one of the user's own tokens.
pub async fn revoke(state: &AppState, by: &By, user_id: Uuid, id: Uuid) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut unit = Unit::begin(state, by).await?;
    let result = access_token::Entity::update_many()
        .col_expr(access_token::Column::RevokedAt, now.into())
        .filter(access_token::Column::Id.eq(id))
        .filter(access_token::Column::UserId.eq(user_id))
        .filter(access_token::Column::RevokedAt.is_null())
        .exec(unit.db())
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound("nyckeln"));
    }
    unit.audit("token.revoke", format!("token:{id}"), "");
    unit.commit().await?;
    Ok(())
}
