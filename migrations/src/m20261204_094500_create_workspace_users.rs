//! Workspace members in person: a user belongs to a workspace through their organisation (as
//! before) or by being added to it themselves, e.g. a procurement officer of a municipality
//! whose other staff should not open the procurement's documents.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum WorkspaceUsers {
    Table,
    WorkspaceId,
    UserId,
    AddedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Workspaces {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkspaceUsers::Table)
                    .col(uuid(WorkspaceUsers::WorkspaceId))
                    .col(uuid(WorkspaceUsers::UserId))
                    .col(timestamp_with_time_zone(WorkspaceUsers::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(WorkspaceUsers::WorkspaceId)
                            .col(WorkspaceUsers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkspaceUsers::Table, WorkspaceUsers::WorkspaceId)
                            .to(Workspaces::Table, Workspaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkspaceUsers::Table, WorkspaceUsers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Every request of a signed-in user asks for their workspaces.
        manager
            .create_index(
                Index::create()
                    .name("idx_workspace_users_user")
                    .table(WorkspaceUsers::Table)
                    .col(WorkspaceUsers::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkspaceUsers::Table).to_owned())
            .await
    }
}
