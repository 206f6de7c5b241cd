//! Reports and other documents (test reports, pre-studies, guides) and their categories.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    BodyMd,
    BodyHtml,
    Kind,
    OrganisationId,
    Tags,
    Outcome,
    Visibility,
    SourcePath,
    PublishedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReportCategories {
    Table,
    ReportId,
    CategoryId,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(pk_uuid(Reports::Id))
                    .col(string_uniq(Reports::Slug))
                    .col(string(Reports::Title))
                    .col(text(Reports::Summary))
                    .col(text(Reports::BodyMd))
                    .col(text(Reports::BodyHtml))
                    .col(string_len(Reports::Kind, 32))
                    .col(uuid_null(Reports::OrganisationId))
                    .col(json_binary(Reports::Tags))
                    .col(string_len_null(Reports::Outcome, 32))
                    .col(string_len(Reports::Visibility, 32))
                    .col(text_null(Reports::SourcePath).unique_key())
                    .col(date_null(Reports::PublishedOn))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone(Reports::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reports_organisation")
                            .from(Reports::Table, Reports::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_organisation")
                    .table(Reports::Table)
                    .col(Reports::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportCategories::Table)
                    .col(uuid(ReportCategories::ReportId))
                    .col(uuid(ReportCategories::CategoryId))
                    .primary_key(
                        Index::create()
                            .col(ReportCategories::ReportId)
                            .col(ReportCategories::CategoryId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_categories_report")
                            .from(ReportCategories::Table, ReportCategories::ReportId)
                            .to(Reports::Table, Reports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_categories_category")
                            .from(ReportCategories::Table, ReportCategories::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_report_categories_category")
                    .table(ReportCategories::Table)
                    .col(ReportCategories::CategoryId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReportCategories::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Reports::Table).to_owned())
            .await
    }
}
