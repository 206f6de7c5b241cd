//! The daily reconciliation with each peer node: when it last compared this node's copies with
//! the peer's list of ids and hashes, and what it repaired.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FederationPeers {
    Table,
    ReconciledAt,
    LastReconcile,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(FederationPeers::Table)
                    .add_column(timestamp_with_time_zone_null(FederationPeers::ReconciledAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(FederationPeers::Table)
                    .add_column(text(FederationPeers::LastReconcile).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            FederationPeers::ReconciledAt,
            FederationPeers::LastReconcile,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(FederationPeers::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
