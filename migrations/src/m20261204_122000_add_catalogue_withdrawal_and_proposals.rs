//! Catalogue entries, technology uses and trial indicators can be withdrawn (hidden, kept for
//! node staff to restore): `withdrawn_at` and `withdrawn_by` on each. Catalogue entries also
//! get a status, so a member's proposal waits for node staff ("forslag") before it joins the
//! catalogue ("katalog") or is declined ("avbojd", with the reason), and who proposed it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Technologies {
    Table,
    WithdrawnAt,
    WithdrawnBy,
    Status,
    ProposedBy,
    DeclineReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum TechnologyUses {
    Table,
    WithdrawnAt,
    WithdrawnBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrialIndicators {
    Table,
    WithdrawnAt,
    WithdrawnBy,
}

/// Every added column with its table; SQLite adds one column per statement.
fn columns() -> Vec<(DynIden, ColumnDef)> {
    vec![
        (
            Technologies::Table.into_iden(),
            timestamp_with_time_zone_null(Technologies::WithdrawnAt),
        ),
        (
            Technologies::Table.into_iden(),
            uuid_null(Technologies::WithdrawnBy),
        ),
        (
            Technologies::Table.into_iden(),
            string_len(Technologies::Status, 16)
                .default("katalog")
                .to_owned(),
        ),
        (
            Technologies::Table.into_iden(),
            uuid_null(Technologies::ProposedBy),
        ),
        (
            Technologies::Table.into_iden(),
            text(Technologies::DeclineReason).default("").to_owned(),
        ),
        (
            TechnologyUses::Table.into_iden(),
            timestamp_with_time_zone_null(TechnologyUses::WithdrawnAt),
        ),
        (
            TechnologyUses::Table.into_iden(),
            uuid_null(TechnologyUses::WithdrawnBy),
        ),
        (
            TrialIndicators::Table.into_iden(),
            timestamp_with_time_zone_null(TrialIndicators::WithdrawnAt),
        ),
        (
            TrialIndicators::Table.into_iden(),
            uuid_null(TrialIndicators::WithdrawnBy),
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut column) in columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("technologies_status_withdrawn_name")
                    .table(Technologies::Table)
                    .col(Technologies::Status)
                    .col(Technologies::WithdrawnAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("technologies_status_withdrawn_name")
                    .table(Technologies::Table)
                    .to_owned(),
            )
            .await?;
        let added = [
            (
                Technologies::Table.into_iden(),
                Technologies::WithdrawnAt.into_iden(),
            ),
            (
                Technologies::Table.into_iden(),
                Technologies::WithdrawnBy.into_iden(),
            ),
            (
                Technologies::Table.into_iden(),
                Technologies::Status.into_iden(),
            ),
            (
                Technologies::Table.into_iden(),
                Technologies::ProposedBy.into_iden(),
            ),
            (
                Technologies::Table.into_iden(),
                Technologies::DeclineReason.into_iden(),
            ),
            (
                TechnologyUses::Table.into_iden(),
                TechnologyUses::WithdrawnAt.into_iden(),
            ),
            (
                TechnologyUses::Table.into_iden(),
                TechnologyUses::WithdrawnBy.into_iden(),
            ),
            (
                TrialIndicators::Table.into_iden(),
                TrialIndicators::WithdrawnAt.into_iden(),
            ),
            (
                TrialIndicators::Table.into_iden(),
                TrialIndicators::WithdrawnBy.into_iden(),
            ),
        ];
        for (table, column) in added {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
