//! The nonces of signatures lately accepted, per signing key: a signed request is accepted
//! once. A nonce is remembered until its signature would be refused as too old anyway.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::signature::{MAX_AGE_SECS, MAX_SKEW_SECS};
use crate::error::AppError;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "federation_nonces")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub nonce: String,
        pub seen_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Records `nonce` of `key_id` as used at `now`; false when it was used before. Forgets
/// nonces too old to matter on the way.
pub async fn first_use<C: ConnectionTrait>(
    db: &C,
    key_id: &str,
    nonce: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if nonce.is_empty() || nonce.len() > 100 {
        return Ok(false);
    }
    let forget_before = now - Duration::seconds(MAX_AGE_SECS + MAX_SKEW_SECS + 60);
    entity::Entity::delete_many()
        .filter(entity::Column::SeenAt.lt(forget_before))
        .exec(db)
        .await?;
    let inserted = entity::Entity::insert(entity::ActiveModel {
        key_id: Set(key_id.to_owned()),
        nonce: Set(nonce.to_owned()),
        seen_at: Set(now),
    })
    .on_conflict_do_nothing_on([entity::Column::KeyId, entity::Column::Nonce])
    .exec_without_returning(db)
    .await?;
    Ok(matches!(inserted, sea_orm::TryInsertResult::Inserted(1)))
}
