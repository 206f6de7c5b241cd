//! Workspaces: private rooms shared by a group of organisations (a joint procurement, say).
//! Items with the visibility `workspace` belong to one and are open to its member
//! organisations' staff only.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Workspaces {
    Table,
    Id,
    Slug,
    Name,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkspaceMembers {
    Table,
    WorkspaceId,
    OrganisationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
    WorkspaceId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Workspaces::Table)
                    .col(pk_uuid(Workspaces::Id))
                    .col(string_uniq(Workspaces::Slug))
                    .col(string(Workspaces::Name))
                    .col(timestamp_with_time_zone(Workspaces::CreatedAt))
                    .col(timestamp_with_time_zone(Workspaces::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkspaceMembers::Table)
                    .col(uuid(WorkspaceMembers::WorkspaceId))
                    .col(uuid(WorkspaceMembers::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(WorkspaceMembers::WorkspaceId)
                            .col(WorkspaceMembers::OrganisationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkspaceMembers::Table, WorkspaceMembers::WorkspaceId)
                            .to(Workspaces::Table, Workspaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkspaceMembers::Table, WorkspaceMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A plain column: SQLite cannot add a foreign key to an existing table. The service
        // checks the workspace exists, and a report of a deleted workspace opens to no one.
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .add_column(uuid_null(Reports::WorkspaceId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .drop_column(Reports::WorkspaceId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(WorkspaceMembers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Workspaces::Table).to_owned())
            .await
    }
}
