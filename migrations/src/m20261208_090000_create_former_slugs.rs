//! Old addresses keep working: the slugs an item had before its title changed, so that its
//! pages and feeds at the old address can answer with a permanent redirect to the new one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FormerSlugs {
    Table,
    Kind,
    Slug,
    EntityId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per (kind, former slug): the last item that had it.
        manager
            .create_table(
                Table::create()
                    .table(FormerSlugs::Table)
                    .col(string_len(FormerSlugs::Kind, 40))
                    .col(string(FormerSlugs::Slug))
                    .col(uuid(FormerSlugs::EntityId))
                    .col(timestamp_with_time_zone(FormerSlugs::At))
                    .primary_key(
                        Index::create()
                            .col(FormerSlugs::Kind)
                            .col(FormerSlugs::Slug),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormerSlugs::Table).to_owned())
            .await
    }
}
