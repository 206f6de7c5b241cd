//! Procurement documents (issue 14 point 5): Markdown documents of a procurement
//! (kravspecifikation, marknadsanalys, …), each with a type and a "public" flag. Their
//! revisions are kept in `revisions` and their files in `attachments`, as for other items.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementDocuments {
    Table,
    Id,
    ProcurementId,
    Title,
    DocumentType,
    BodyMd,
    BodyHtml,
    Public,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcurementDocuments::Table)
                    .col(uuid(ProcurementDocuments::Id).primary_key())
                    .col(uuid(ProcurementDocuments::ProcurementId))
                    .col(string(ProcurementDocuments::Title))
                    .col(string_len(ProcurementDocuments::DocumentType, 40))
                    .col(text(ProcurementDocuments::BodyMd))
                    .col(text(ProcurementDocuments::BodyHtml))
                    .col(boolean(ProcurementDocuments::Public).default(false))
                    .col(uuid_null(ProcurementDocuments::CreatedBy))
                    .col(timestamp_with_time_zone(ProcurementDocuments::CreatedAt))
                    .col(uuid_null(ProcurementDocuments::UpdatedBy))
                    .col(timestamp_with_time_zone(ProcurementDocuments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementDocuments::Table,
                                ProcurementDocuments::ProcurementId,
                            )
                            .to(Procurements::Table, Procurements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A procurement's documents are listed latest changed first, a page at a time.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_documents_list")
                    .table(ProcurementDocuments::Table)
                    .col(ProcurementDocuments::ProcurementId)
                    .col(ProcurementDocuments::UpdatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProcurementDocuments::Table).to_owned())
            .await
    }
}
