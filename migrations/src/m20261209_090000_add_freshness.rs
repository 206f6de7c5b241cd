//! Living knowledge: reports, trials and catalogue entries get an owner (`owner_id`, a user;
//! without one the organisation's coordinators answer for the item), the last time someone
//! confirmed that the item still holds (`confirmed_at`; an edit confirms too, so the item is
//! as fresh as the later of the two) and when it was archived (`archived_at`). Owners are
//! reminded at most once a month: `stale_reminders` claims one row per user and month.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trials {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Technologies {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Freshness {
    OwnerId,
    ConfirmedAt,
    ArchivedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum StaleReminders {
    Table,
    UserId,
    Month,
    SentAt,
}

fn tables() -> [DynIden; 3] {
    [
        Reports::Table.into_iden(),
        Trials::Table.into_iden(),
        Technologies::Table.into_iden(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for table in tables() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table.clone())
                        .add_column(ColumnDef::new(Freshness::OwnerId).uuid().null())
                        .to_owned(),
                )
                .await?;
            for column in [Freshness::ConfirmedAt, Freshness::ArchivedAt] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .add_column(ColumnDef::new(column).timestamp_with_time_zone().null())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table(StaleReminders::Table)
                    .col(uuid(StaleReminders::UserId))
                    .col(string_len(StaleReminders::Month, 7))
                    .col(timestamp_with_time_zone(StaleReminders::SentAt))
                    .primary_key(
                        Index::create()
                            .col(StaleReminders::UserId)
                            .col(StaleReminders::Month),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaleReminders::Table).to_owned())
            .await?;
        for table in tables() {
            for column in [
                Freshness::ArchivedAt,
                Freshness::ConfirmedAt,
                Freshness::OwnerId,
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .drop_column(column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
