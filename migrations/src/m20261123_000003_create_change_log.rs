//! The `change_log` outbox: one row per write that search, mail or federation must learn of.
//!
//! Rows are appended in the same transaction as the entity they describe. Writers take a
//! transaction-scoped lock before appending (see the portal's `changes` module), so positions
//! become visible in order and a follower may read `position > cursor` safely.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    Position,
    Entity,
    EntityId,
    Op,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeLog::Table)
                    .col(big_pk_auto(ChangeLog::Position))
                    .col(string_len(ChangeLog::Entity, 32))
                    .col(uuid(ChangeLog::EntityId))
                    .col(string_len(ChangeLog::Op, 16))
                    .col(timestamp_with_time_zone(ChangeLog::RecordedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ChangeLog::Table).to_owned())
            .await
    }
}
