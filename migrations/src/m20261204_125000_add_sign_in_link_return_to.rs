//! Where an e-mailed sign-in link brings its user back to: the page that asked them to sign
//! in (a local path), so the link does not always land on the account page.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    ReturnTo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SignInLinks::Table)
                    .add_column(string_len_null(SignInLinks::ReturnTo, 2048))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SignInLinks::Table)
                    .drop_column(SignInLinks::ReturnTo)
                    .to_owned(),
            )
            .await
    }
}
