//! Taking something back without erasing it: needs, trials, journal entries and endorsements
//! ("Vi har samma behov") get `withdrawn_at` and `withdrawn_by`. A withdrawn row is hidden from
//! lists, search and the overview; node staff can still open it and bring it back.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Needs {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trials {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum JournalEntries {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum NeedEndorsements {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Withdrawn {
    WithdrawnAt,
    WithdrawnBy,
}

fn tables() -> [DynIden; 4] {
    [
        Needs::Table.into_iden(),
        Trials::Table.into_iden(),
        JournalEntries::Table.into_iden(),
        NeedEndorsements::Table.into_iden(),
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
                        .add_column(
                            ColumnDef::new(Withdrawn::WithdrawnAt)
                                .timestamp_with_time_zone()
                                .null(),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(ColumnDef::new(Withdrawn::WithdrawnBy).uuid().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            for column in [Withdrawn::WithdrawnBy, Withdrawn::WithdrawnAt] {
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
