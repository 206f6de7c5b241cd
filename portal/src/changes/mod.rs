//! The `change_log` outbox. Every write that search (and later mail and federation) must learn
//! of appends a row here in the same transaction as the write itself, through the unit of
//! work.
//!
//! On PostgreSQL a sequence hands out positions at insert, not at commit, so a follower reading
//! `position > cursor` could skip a row that commits late. Writers therefore take a
//! transaction-scoped advisory lock before appending: positions are handed out and committed in
//! one order. SQLite serialises writers on its own.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect, Set};

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "change_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub position: i64,
        pub entity: String,
        pub entity_id: Uuid,
        pub op: String,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub use entity::Model as Change;

/// What kind of item changed: a name each feature gives its own items ("report", "need"),
/// so the log knows no feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind(&'static str);

impl Kind {
    pub const fn new(name: &'static str) -> Kind {
        Kind(name)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Upsert,
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Upsert => "upsert",
            Op::Delete => "delete",
        }
    }
}

/// Key of the advisory lock that serialises `change_log` writers on PostgreSQL.
const CHANGE_LOG_LOCK: i64 = 0x6e6f_6465_6e00;

/// Appends `changes` inside the caller's transaction, in order; only the unit of work calls
/// it, as the last statement before its commit, so the lock is held briefly.
pub(crate) async fn record_all<C: ConnectionTrait>(
    txn: &C,
    changes: &[(Kind, Uuid, Op)],
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    if changes.is_empty() {
        return Ok(());
    }
    crate::db::serialise(txn, CHANGE_LOG_LOCK).await?;
    for chunk in changes.chunks(500) {
        entity::Entity::insert_many(chunk.iter().map(|&(kind, entity_id, op)| {
            entity::ActiveModel {
                entity: Set(kind.as_str().to_owned()),
                entity_id: Set(entity_id),
                op: Set(op.as_str().to_owned()),
                recorded_at: Set(at),
                ..Default::default()
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Up to `limit` changes after `cursor`, oldest first.
pub async fn after<C: ConnectionTrait>(
    db: &C,
    cursor: i64,
    limit: u64,
) -> Result<Vec<Change>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::Position.gt(cursor))
        .order_by_asc(entity::Column::Position)
        .limit(limit)
        .all(db)
        .await
}

/// The newest position, or 0 for an empty log.
pub async fn head<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(entity::Entity::find()
        .order_by_desc(entity::Column::Position)
        .one(db)
        .await?
        .map(|c| c.position)
        .unwrap_or(0))
}
