//! The requirements of a joint procurement (issue 14, point 4): each a ska-krav (mandatory) or
//! a bör-krav (an evaluation criterion with a weight in percent), in an order; the needs each
//! answers, and the evidence behind it (reports, trials, follow-ups), by id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementRequirements {
    Table,
    Id,
    ProcurementId,
    Position,
    Title,
    Kind,
    Weight,
    TextMd,
    TextHtml,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementRequirementNeeds {
    Table,
    RequirementId,
    NeedId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementRequirementEvidence {
    Table,
    RequirementId,
    Kind,
    ItemId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Needs {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcurementRequirements::Table)
                    .col(uuid(ProcurementRequirements::Id).primary_key())
                    .col(uuid(ProcurementRequirements::ProcurementId))
                    .col(integer(ProcurementRequirements::Position))
                    .col(string(ProcurementRequirements::Title))
                    .col(string_len(ProcurementRequirements::Kind, 10))
                    .col(integer_null(ProcurementRequirements::Weight))
                    .col(text(ProcurementRequirements::TextMd))
                    .col(text(ProcurementRequirements::TextHtml))
                    .col(uuid_null(ProcurementRequirements::CreatedBy))
                    .col(timestamp_with_time_zone(ProcurementRequirements::CreatedAt))
                    .col(timestamp_with_time_zone(ProcurementRequirements::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementRequirements::Table,
                                ProcurementRequirements::ProcurementId,
                            )
                            .to(Procurements::Table, Procurements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementRequirementNeeds::Table)
                    .col(uuid(ProcurementRequirementNeeds::RequirementId))
                    .col(uuid(ProcurementRequirementNeeds::NeedId))
                    .primary_key(
                        Index::create()
                            .col(ProcurementRequirementNeeds::RequirementId)
                            .col(ProcurementRequirementNeeds::NeedId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementRequirementNeeds::Table,
                                ProcurementRequirementNeeds::RequirementId,
                            )
                            .to(ProcurementRequirements::Table, ProcurementRequirements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementRequirementNeeds::Table,
                                ProcurementRequirementNeeds::NeedId,
                            )
                            .to(Needs::Table, Needs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementRequirementEvidence::Table)
                    .col(uuid(ProcurementRequirementEvidence::RequirementId))
                    .col(string_len(ProcurementRequirementEvidence::Kind, 20))
                    .col(uuid(ProcurementRequirementEvidence::ItemId))
                    .primary_key(
                        Index::create()
                            .col(ProcurementRequirementEvidence::RequirementId)
                            .col(ProcurementRequirementEvidence::Kind)
                            .col(ProcurementRequirementEvidence::ItemId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementRequirementEvidence::Table,
                                ProcurementRequirementEvidence::RequirementId,
                            )
                            .to(ProcurementRequirements::Table, ProcurementRequirements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A procurement's requirements are read in their order.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_requirements_procurement")
                    .table(ProcurementRequirements::Table)
                    .col(ProcurementRequirements::ProcurementId)
                    .col(ProcurementRequirements::Position)
                    .to_owned(),
            )
            .await?;
        // Which requirements cover a need.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_requirement_needs_need")
                    .table(ProcurementRequirementNeeds::Table)
                    .col(ProcurementRequirementNeeds::NeedId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProcurementRequirementEvidence::Table.into_iden(),
            ProcurementRequirementNeeds::Table.into_iden(),
            ProcurementRequirements::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
