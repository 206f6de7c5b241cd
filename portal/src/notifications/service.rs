//! What a user does with their follows and notices, each write on a unit of work: follow and
//! stop following a topic, read notices, choose how often each kind reaches them by e-mail.
//! And what features call when someone should follow a topic without choosing it (a trial's
//! participants).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::entity::{follow, notification};
use super::{Cadence, Described, EventKind, Topic, TopicKind, TopicSources};
use crate::audit::By;
use crate::auth::Actor;
use crate::auth::entity::user;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// How many follows and notices a page lists.
pub const PER_PAGE: u64 = 25;

/// The user behind `by`, who may write; only signed-in users follow and read notices, and a
/// token needs the `write` scope to change them.
fn signed_in(by: &By) -> Result<Uuid, AppError> {
    let member = person(&by.actor)?;
    if !member.may_write() {
        return Err(AppError::Forbidden(
            "notifications-error-read-only-key".to_owned(),
        ));
    }
    Ok(member.user_id)
}

/// The person behind `actor`: visitors must sign in, and the node's own token follows nothing.
pub fn person(actor: &Actor) -> Result<&crate::auth::Member, AppError> {
    match actor {
        Actor::User(member) => Ok(member),
        Actor::Anonymous => Err(AppError::Unauthorized),
        Actor::System => Err(AppError::Forbidden(
            "notifications-error-system-key".to_owned(),
        )),
    }
}

/// Reads a topic kind and id as a form or the API gives them; "not found" when either is not
/// one we know.
pub fn topic_of(kind: &str, id: &str) -> Result<Topic, AppError> {
    let kind = TopicKind::parse(kind.trim()).ok_or(AppError::NotFound("det du vill bevaka"))?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound("det du vill bevaka"))?;
    Ok(Topic::new(kind, id))
}

/// `topic` as `actor` sees it; "not found" when it is unknown or they may not open it.
pub async fn describe(
    state: &AppState,
    topics: &TopicSources,
    actor: &Actor,
    topic: Topic,
) -> Result<Described, AppError> {
    topics
        .describe(state, actor, topic.kind, topic.id)
        .await?
        .ok_or(AppError::NotFound("det du vill bevaka"))
}

/// The signed-in user follows `topic`, which they must be able to open.
#[tracing::instrument(skip_all, fields(kind = topic.kind.as_str()))]
pub async fn follow_topic(
    state: &AppState,
    topics: &TopicSources,
    by: &By,
    topic: Topic,
) -> Result<(follow::Model, Described), AppError> {
    let user_id = signed_in(by)?;
    let described = describe(state, topics, &by.actor, topic).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    super::follow(
        unit.db(),
        now,
        user_id,
        topic,
        &described.label,
        &described.path,
        false,
    )
    .await?;
    let row = find_follow(unit.db(), user_id, topic)
        .await?
        .ok_or(AppError::NotFound("bevakningen"))?;
    unit.audit(
        "follow.add",
        format!("{}:{}", topic.kind.as_str(), topic.id),
        described.label.clone(),
    );
    unit.commit().await?;
    Ok((row, described))
}

/// The signed-in user stops following `topic`; whether they did follow it.
#[tracing::instrument(skip_all, fields(kind = topic.kind.as_str()))]
pub async fn unfollow_topic(state: &AppState, by: &By, topic: Topic) -> Result<bool, AppError> {
    let user_id = signed_in(by)?;
    let mut unit = Unit::begin(state, by).await?;
    let label = find_follow(unit.db(), user_id, topic)
        .await?
        .map(|f| f.label)
        .unwrap_or_default();
    let gone = super::unfollow(unit.db(), user_id, topic).await?;
    if gone {
        unit.audit(
            "follow.remove",
            format!("{}:{}", topic.kind.as_str(), topic.id),
            label,
        );
    }
    unit.commit().await?;
    Ok(gone)
}

async fn find_follow<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    topic: Topic,
) -> Result<Option<follow::Model>, DbErr> {
    follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .filter(follow::Column::TopicKind.eq(topic.kind.as_str()))
        .filter(follow::Column::TopicId.eq(topic.id))
        .one(db)
        .await
}

/// Page `page` of `user_id`'s follows, newest first, and how many there are.
pub async fn follows_of<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    page: u64,
    per_page: u64,
) -> Result<(Vec<follow::Model>, u64), DbErr> {
    let query = follow::Entity::find()
        .filter(follow::Column::UserId.eq(user_id))
        .order_by_desc(follow::Column::CreatedAt)
        .order_by_desc(follow::Column::Id);
    crate::db::page_of(db, query, page, per_page).await
}

/// Page `page` of `user_id`'s notices, newest first, and how many there are.
pub async fn notices_of<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    page: u64,
    per_page: u64,
) -> Result<(Vec<notification::Model>, u64), DbErr> {
    let query = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id);
    crate::db::page_of(db, query, page, per_page).await
}

/// How many of `user_id`'s notices are unread: one COUNT, for every signed-in page's header.
pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// Opens one of the signed-in user's notices: marks it read and returns the page it leads to.
/// Another user's notice is "not found".
#[tracing::instrument(skip_all)]
pub async fn open(state: &AppState, by: &By, id: Uuid) -> Result<String, AppError> {
    let user_id = signed_in(by)?;
    let unit = Unit::begin(state, by).await?;
    let notice = notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user_id))
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("notisen"))?;
    if notice.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(unit.now()))
            .filter(notification::Column::Id.eq(id))
            .exec(unit.db())
            .await?;
    }
    unit.commit().await?;
    Ok(notice.path)
}

/// Marks the signed-in user's notices read: those among `ids`, or all when `ids` is `None`.
/// Returns how many were unread.
#[tracing::instrument(skip_all)]
pub async fn mark_read(state: &AppState, by: &By, ids: Option<&[Uuid]>) -> Result<u64, AppError> {
    let user_id = signed_in(by)?;
    let unit = Unit::begin(state, by).await?;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(unit.now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = ids {
        update = update.filter(notification::Column::Id.is_in(ids.iter().copied()));
    }
    let done = update.exec(unit.db()).await?;
    unit.commit().await?;
    Ok(done.rows_affected)
}

/// Each kind of event with the cadence `user_id` has for it (chosen or the default).
pub async fn settings_of<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
) -> Result<Vec<(EventKind, Cadence)>, DbErr> {
    let mut out = Vec::with_capacity(EventKind::ALL.len());
    for &kind in EventKind::ALL {
        out.push((kind, super::cadence_of(db, user_id, kind).await?));
    }
    Ok(out)
}

/// Saves the signed-in user's cadences for the kinds named in `choices` (others stay).
#[tracing::instrument(skip_all)]
pub async fn save_settings(
    state: &AppState,
    by: &By,
    choices: &[(EventKind, Cadence)],
) -> Result<(), AppError> {
    let user_id = signed_in(by)?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    for &(kind, cadence) in choices {
        super::set_cadence(unit.db(), now, user_id, kind, cadence).await?;
    }
    let detail = choices
        .iter()
        .map(|(k, c)| format!("{}={}", k.as_str(), c.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    unit.audit("notifications.settings", format!("user:{user_id}"), detail);
    unit.commit().await?;
    Ok(())
}

/// Makes the active users of `organisations` follow `topic` automatically (a trial's
/// participants), in the unit's transaction; those who already follow it keep their follow.
pub async fn follow_for_organisations(
    unit: &Unit,
    organisations: &[Uuid],
    topic: Topic,
    label: &str,
    path: &str,
) -> Result<(), DbErr> {
    if organisations.is_empty() {
        return Ok(());
    }
    let users: Vec<Uuid> = user::Entity::find()
        .filter(user::Column::OrganisationId.is_in(organisations.iter().copied()))
        .filter(user::Column::Disabled.eq(false))
        .all(unit.db())
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    follow_for_users(unit, &users, topic, label, path).await
}

/// Makes `users` follow `topic` automatically (a need's raiser), in the unit's transaction.
pub async fn follow_for_users(
    unit: &Unit,
    users: &[Uuid],
    topic: Topic,
    label: &str,
    path: &str,
) -> Result<(), DbErr> {
    for &user_id in users {
        super::follow(unit.db(), unit.now(), user_id, topic, label, path, true).await?;
    }
    Ok(())
}
