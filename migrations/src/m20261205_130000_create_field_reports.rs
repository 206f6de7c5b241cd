//! Field reports (issue 15, point 2): short notes a technology coach posts from the floor,
//! linked to a trial, a technology, a need or a category, with up to six photos (re-encoded
//! without metadata, with a thumbnail, their bytes in the blob store), and what a report was
//! promoted into (a trial's journal entry, a need), kept in a link table so trials and needs
//! stay untouched.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FieldReports {
    Table,
    Id,
    AuthorId,
    OrganisationId,
    TextMd,
    TextHtml,
    Visibility,
    TrialId,
    TechnologyId,
    NeedId,
    CategoryId,
    ClientKey,
    CreatedAt,
    WithdrawnAt,
    WithdrawnBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum FieldReportPhotos {
    Table,
    FieldReportId,
    Position,
    Alt,
    MediaType,
    BlobKey,
    ThumbKey,
    Width,
    Height,
    Size,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FieldReportPromotions {
    Table,
    FieldReportId,
    ItemKind,
    ItemId,
    Title,
    Path,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FieldReports::Table)
                    .col(uuid(FieldReports::Id).primary_key())
                    .col(uuid(FieldReports::AuthorId))
                    .col(uuid(FieldReports::OrganisationId))
                    .col(text(FieldReports::TextMd))
                    .col(text(FieldReports::TextHtml))
                    .col(string_len(FieldReports::Visibility, 20))
                    .col(uuid_null(FieldReports::TrialId))
                    .col(uuid_null(FieldReports::TechnologyId))
                    .col(uuid_null(FieldReports::NeedId))
                    .col(uuid_null(FieldReports::CategoryId))
                    .col(uuid(FieldReports::ClientKey))
                    .col(timestamp_with_time_zone(FieldReports::CreatedAt))
                    .col(timestamp_with_time_zone_null(FieldReports::WithdrawnAt))
                    .col(uuid_null(FieldReports::WithdrawnBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FieldReports::Table, FieldReports::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FieldReports::Table, FieldReports::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A re-sent form (the same key from the same author) makes the report once.
        manager
            .create_index(
                Index::create()
                    .name("idx_field_reports_author_key")
                    .table(FieldReports::Table)
                    .col(FieldReports::AuthorId)
                    .col(FieldReports::ClientKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_field_reports_created")
                    .table(FieldReports::Table)
                    .col(FieldReports::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FieldReportPhotos::Table)
                    .col(uuid(FieldReportPhotos::FieldReportId))
                    .col(integer(FieldReportPhotos::Position))
                    .col(string_len(FieldReportPhotos::Alt, 300))
                    .col(string_len(FieldReportPhotos::MediaType, 60))
                    .col(string_len(FieldReportPhotos::BlobKey, 200).unique_key())
                    .col(string_len(FieldReportPhotos::ThumbKey, 200).unique_key())
                    .col(integer(FieldReportPhotos::Width))
                    .col(integer(FieldReportPhotos::Height))
                    .col(big_integer(FieldReportPhotos::Size))
                    .col(timestamp_with_time_zone(FieldReportPhotos::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(FieldReportPhotos::FieldReportId)
                            .col(FieldReportPhotos::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FieldReportPhotos::Table, FieldReportPhotos::FieldReportId)
                            .to(FieldReports::Table, FieldReports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FieldReportPromotions::Table)
                    .col(uuid(FieldReportPromotions::FieldReportId))
                    .col(string_len(FieldReportPromotions::ItemKind, 40))
                    .col(uuid(FieldReportPromotions::ItemId))
                    .col(string_len(FieldReportPromotions::Title, 300))
                    .col(string_len(FieldReportPromotions::Path, 300))
                    .col(uuid_null(FieldReportPromotions::CreatedBy))
                    .col(timestamp_with_time_zone(FieldReportPromotions::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(FieldReportPromotions::FieldReportId)
                            .col(FieldReportPromotions::ItemKind)
                            .col(FieldReportPromotions::ItemId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                FieldReportPromotions::Table,
                                FieldReportPromotions::FieldReportId,
                            )
                            .to(FieldReports::Table, FieldReports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                FieldReportPromotions::Table,
                                FieldReportPromotions::CreatedBy,
                            )
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The new item's page asks which field report it came from.
        manager
            .create_index(
                Index::create()
                    .name("idx_field_report_promotions_item")
                    .table(FieldReportPromotions::Table)
                    .col(FieldReportPromotions::ItemKind)
                    .col(FieldReportPromotions::ItemId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FieldReportPromotions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FieldReportPhotos::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FieldReports::Table).to_owned())
            .await
    }
}
