//! An organisation's name in Statistics Sweden's register ("Malmö kommun") beside the name it
//! uses itself ("Malmö stad"), which pages show. Both are accepted wherever an organisation is
//! named; the slug stays made from the register name, so addresses do not change.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    RegisterName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(string_len_null(Organisations::RegisterName, 200))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::RegisterName)
                    .to_owned(),
            )
            .await
    }
}
