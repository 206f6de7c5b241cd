//! Revisions of shared knowledge (needs, trials, catalogue entries): every saved state of an
//! item as a numbered plain-text rendering, so readers can see what changed and who changed it.
//! One table for every kind, told apart by `kind` (the change-log name of the item's kind).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Revisions {
    Table,
    Id,
    Kind,
    EntityId,
    Number,
    Title,
    Body,
    By,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Revisions::Table)
                    .col(uuid(Revisions::Id).primary_key())
                    .col(string_len(Revisions::Kind, 40))
                    .col(uuid(Revisions::EntityId))
                    .col(integer(Revisions::Number))
                    .col(string(Revisions::Title))
                    .col(text(Revisions::Body))
                    .col(string(Revisions::By))
                    .col(timestamp_with_time_zone(Revisions::At))
                    .to_owned(),
            )
            .await?;
        // An item's history is read by kind and id, newest number first; numbers are unique.
        manager
            .create_index(
                Index::create()
                    .name("idx_revisions_item_number")
                    .table(Revisions::Table)
                    .col(Revisions::Kind)
                    .col(Revisions::EntityId)
                    .col(Revisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Revisions::Table).to_owned())
            .await
    }
}
