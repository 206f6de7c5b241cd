//! Attachments: files attached to reports, trials, journal entries and needs (and, later,
//! procurement documents and field reports). One generic table: the owner is named by its
//! kind and id, so a new feature attaches files without a migration. The bytes live in the
//! blob store (files under the data directory, or S3-compatible storage); a row names its
//! blob by key.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Attachments {
    Table,
    Id,
    OwnerKind,
    OwnerId,
    BlobKey,
    FileName,
    MediaType,
    Size,
    Sha256,
    UploadedBy,
    UploadedAt,
    WithdrawnAt,
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
                    .table(Attachments::Table)
                    .col(uuid(Attachments::Id).primary_key())
                    .col(string_len(Attachments::OwnerKind, 40))
                    .col(uuid(Attachments::OwnerId))
                    .col(string_len(Attachments::BlobKey, 200).unique_key())
                    .col(string_len(Attachments::FileName, 255))
                    .col(string_len(Attachments::MediaType, 120))
                    .col(big_integer(Attachments::Size))
                    .col(string_len(Attachments::Sha256, 64))
                    .col(uuid_null(Attachments::UploadedBy))
                    .col(timestamp_with_time_zone(Attachments::UploadedAt))
                    .col(timestamp_with_time_zone_null(Attachments::WithdrawnAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachments::Table, Attachments::UploadedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Every page with attachments lists its owner's files.
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_owner")
                    .table(Attachments::Table)
                    .col(Attachments::OwnerKind)
                    .col(Attachments::OwnerId)
                    .col(Attachments::UploadedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}
