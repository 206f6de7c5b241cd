//! Comments on trials, needs, reports and field reports (issue 15, point 3): one table, one
//! level of replies (a reply's parent is a top-level comment; the service keeps it so), the
//! Markdown as written and its sanitised HTML, and who removed a comment and when (the text
//! itself goes to the audit trail and is blanked here).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
    ItemKind,
    ItemId,
    ParentId,
    AuthorId,
    TextMd,
    TextHtml,
    CreatedAt,
    EditedAt,
    RemovedAt,
    RemovedBy,
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
                    .table(Comments::Table)
                    .col(uuid(Comments::Id).primary_key())
                    .col(string(Comments::ItemKind))
                    .col(uuid(Comments::ItemId))
                    .col(uuid_null(Comments::ParentId))
                    .col(uuid_null(Comments::AuthorId))
                    .col(text(Comments::TextMd))
                    .col(text(Comments::TextHtml))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comments::EditedAt))
                    .col(timestamp_with_time_zone_null(Comments::RemovedAt))
                    .col(uuid_null(Comments::RemovedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ParentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::RemovedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_item_created")
                    .table(Comments::Table)
                    .col(Comments::ItemKind)
                    .col(Comments::ItemId)
                    .col(Comments::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_parent")
                    .table(Comments::Table)
                    .col(Comments::ParentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Comments::Table).to_owned())
            .await
    }
}
