//! Server-side sessions: the browser holds a random id in an HttpOnly cookie, the database
//! holds its hash, so any session can be ended from the server (sign-out, a disabled
//! account, an administrator ending a user's sessions).

use actix_web::cookie::{Cookie, SameSite, time};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::entity::{session, user};
use super::{Member, Role, Via, secret};
use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE: &str = "noden_session";

/// How often at most a session's last-seen time is written.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The signed-in user of a browser request.
#[derive(Debug, Clone)]
pub struct Current {
    pub member: Member,
    pub name: String,
    pub email: Option<String>,
    /// The language the user chose on their account page; none: their browser's.
    pub language: Option<crate::web::i18n::Lang>,
    /// The token every state-changing form of this session must carry.
    pub csrf: String,
    id_hash: String,
}

impl Current {
    /// A label for the audit trail and the page header.
    pub fn label(&self) -> String {
        self.email.clone().unwrap_or_else(|| self.name.clone())
    }
}

/// Starts a session for `user` and returns the id to put in the cookie. The id is always new,
/// so an id planted before sign-in is worth nothing after it.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user: &user::Model,
    client: Option<String>,
) -> Result<String, AppError> {
    let raw = secret::random_token()?;
    let now = state.clock.now();
    session::ActiveModel {
        id_hash: Set(secret::hash(&raw)),
        user_id: Set(user.id),
        organisation_id: Set(user.organisation_id),
        csrf_token: Set(secret::random_token()?),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(state.settings.session_max_hours as i64)),
        client: Set(client),
    }
    .insert(db)
    .await?;
    Ok(raw)
}

/// The live session behind a cookie value, if any. Expired sessions, sessions of disabled
/// users and sessions whose user has moved to another organisation are ended here.
pub async fn lookup(state: &AppState, raw: &str) -> Result<Option<Current>, AppError> {
    let hash = secret::hash(raw);
    let Some(found) = session::Entity::find_by_id(hash.clone())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let now = state.clock.now();
    let idle = Duration::minutes(state.settings.session_idle_minutes as i64);
    let user = user::Entity::find_by_id(found.user_id)
        .one(&state.db)
        .await?;
    let role = user.as_ref().and_then(|u| Role::parse(&u.role));
    let alive = now < found.expires_at && now < found.last_seen_at + idle;
    let (Some(user), Some(role), true) = (user, role, alive) else {
        end_by_hash(&state.db, &hash).await?;
        return Ok(None);
    };
    if user.disabled || user.organisation_id != found.organisation_id {
        end_by_hash(&state.db, &hash).await?;
        return Ok(None);
    }
    if now - found.last_seen_at >= TOUCH_EVERY {
        let write = crate::db::begin_write(&state.db).await?;
        touch(write.txn(), &hash, now).await?;
        write.commit().await?;
    }
    let workspaces = super::users::workspaces_of(
        &state.db,
        &state.catalog.get(),
        user.id,
        user.organisation_id,
    )
    .await?;
    Ok(Some(Current {
        member: Member::new(
            user.id,
            user.organisation_id,
            role,
            Via::Session,
            &workspaces,
        ),
        language: user
            .language
            .as_deref()
            .and_then(crate::web::i18n::Lang::parse),
        name: user.name,
        email: user.email,
        csrf: found.csrf_token,
        id_hash: hash,
    }))
}

async fn touch(db: &impl ConnectionTrait, hash: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, now.into())
        .filter(session::Column::IdHash.eq(hash))
        .exec(db)
        .await?;
    Ok(())
}

async fn end_by_hash(db: &impl ConnectionTrait, hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(hash.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends this session (sign-out).
pub async fn end(db: &impl ConnectionTrait, current: &Current) -> Result<(), DbErr> {
    end_by_hash(db, &current.id_hash).await
}

/// Ends the session behind a raw cookie value, if there is one (at sign-in, the old one).
pub async fn end_raw(db: &impl ConnectionTrait, raw: &str) -> Result<(), DbErr> {
    end_by_hash(db, &secret::hash(raw)).await
}

/// Ends every session of a user; returns how many there were.
pub async fn end_all_for(db: &impl ConnectionTrait, user_id: Uuid) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// The cookie that carries a new session id.
pub fn cookie(state: &AppState, raw: String) -> Cookie<'static> {
    Cookie::build(COOKIE, raw)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.served_over_tls())
        .max_age(time::Duration::hours(
            state.settings.session_max_hours as i64,
        ))
        .finish()
}

/// The cookie that removes the session id from the browser.
pub fn removal(state: &AppState) -> Cookie<'static> {
    let mut cookie = cookie(state, String::new());
    cookie.make_removal();
    cookie
}
