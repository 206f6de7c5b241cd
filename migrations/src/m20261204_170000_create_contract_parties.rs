//! The contract parties register of a joint procurement (issue 14, point 7): the
//! organisations that may call off the coming framework agreement with their estimated and
//! maximum value, the award (supplier and dates), and the call-offs (avrop) recorded after it.
//! Each party keeps its running total of call-offs, so a call-off that would pass its
//! maximum is refused by one conditional update, whatever runs at the same time.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementParties {
    Table,
    Id,
    ProcurementId,
    OrganisationId,
    Role,
    FromOn,
    EstimatedSek,
    MaximumSek,
    Quantity,
    CalledOffSek,
    WarnedAt,
    AddedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementAwards {
    Table,
    ProcurementId,
    Supplier,
    AwardedOn,
    SignedOn,
    WarnedAt,
    RecordedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementCalloffs {
    Table,
    Id,
    ProcurementId,
    PartyId,
    OrganisationId,
    CalledOn,
    ValueSek,
    Note,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

fn to_procurement<T: IntoIden + Copy>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Procurements::Table, Procurements::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcurementParties::Table)
                    .col(uuid(ProcurementParties::Id).primary_key())
                    .col(uuid(ProcurementParties::ProcurementId))
                    .col(uuid(ProcurementParties::OrganisationId))
                    .col(string_len(ProcurementParties::Role, 20))
                    .col(date_null(ProcurementParties::FromOn))
                    .col(big_integer(ProcurementParties::EstimatedSek))
                    .col(big_integer(ProcurementParties::MaximumSek))
                    .col(string(ProcurementParties::Quantity))
                    .col(big_integer(ProcurementParties::CalledOffSek).default(0))
                    .col(timestamp_with_time_zone_null(ProcurementParties::WarnedAt))
                    .col(timestamp_with_time_zone(ProcurementParties::AddedAt))
                    .col(timestamp_with_time_zone(ProcurementParties::UpdatedAt))
                    .foreign_key(&mut to_procurement(
                        ProcurementParties::Table,
                        ProcurementParties::ProcurementId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementParties::Table,
                                ProcurementParties::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // An organisation is a party once per procurement.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_parties_organisation")
                    .table(ProcurementParties::Table)
                    .col(ProcurementParties::ProcurementId)
                    .col(ProcurementParties::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementAwards::Table)
                    .col(uuid(ProcurementAwards::ProcurementId).primary_key())
                    .col(string(ProcurementAwards::Supplier))
                    .col(date(ProcurementAwards::AwardedOn))
                    .col(date_null(ProcurementAwards::SignedOn))
                    .col(timestamp_with_time_zone_null(ProcurementAwards::WarnedAt))
                    .col(uuid_null(ProcurementAwards::RecordedBy))
                    .col(timestamp_with_time_zone(ProcurementAwards::UpdatedAt))
                    .foreign_key(&mut to_procurement(
                        ProcurementAwards::Table,
                        ProcurementAwards::ProcurementId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementCalloffs::Table)
                    .col(uuid(ProcurementCalloffs::Id).primary_key())
                    .col(uuid(ProcurementCalloffs::ProcurementId))
                    .col(uuid(ProcurementCalloffs::PartyId))
                    .col(uuid(ProcurementCalloffs::OrganisationId))
                    .col(date(ProcurementCalloffs::CalledOn))
                    .col(big_integer(ProcurementCalloffs::ValueSek))
                    .col(string(ProcurementCalloffs::Note))
                    .col(uuid_null(ProcurementCalloffs::RecordedBy))
                    .col(timestamp_with_time_zone(ProcurementCalloffs::CreatedAt))
                    .foreign_key(&mut to_procurement(
                        ProcurementCalloffs::Table,
                        ProcurementCalloffs::ProcurementId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProcurementCalloffs::Table, ProcurementCalloffs::PartyId)
                            .to(ProcurementParties::Table, ProcurementParties::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The call-off list is read per procurement, the newest first.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_calloffs_procurement")
                    .table(ProcurementCalloffs::Table)
                    .col(ProcurementCalloffs::ProcurementId)
                    .col(ProcurementCalloffs::CalledOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProcurementCalloffs::Table.into_iden(),
            ProcurementAwards::Table.into_iden(),
            ProcurementParties::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
