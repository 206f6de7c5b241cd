//! The technology catalogue with each organisation's use of an entry, and the follow-up of
//! trials: the indicators chosen at the start and the follow-ups due 12 and 24 months after a
//! trial ends, with the values recorded and the reminders sent.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Technologies {
    Table,
    Id,
    Slug,
    Name,
    DescriptionMd,
    DescriptionHtml,
    CategoryId,
    Supplier,
    Proximity,
    Standards,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TechnologyUses {
    Table,
    TechnologyId,
    OrganisationId,
    Status,
    Since,
    Product,
    Contact,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrialIndicators {
    Table,
    Id,
    TrialId,
    Name,
    Unit,
    Direction,
    Baseline,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FollowUps {
    Table,
    Id,
    TrialId,
    Months,
    DueOn,
    RecordedAt,
    RecordedBy,
    StillInUse,
    EffectsMd,
    RemindedAt,
    OverdueRemindedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum FollowUpValues {
    Table,
    FollowUpId,
    IndicatorId,
    Value,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trials {
    Table,
    Id,
    TechnologyId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Categories {
    Table,
    Id,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Technologies::Table)
                    .col(pk_uuid(Technologies::Id))
                    .col(string_uniq(Technologies::Slug))
                    .col(string(Technologies::Name))
                    .col(text(Technologies::DescriptionMd))
                    .col(text(Technologies::DescriptionHtml))
                    .col(uuid_null(Technologies::CategoryId))
                    .col(string(Technologies::Supplier))
                    .col(string_len(Technologies::Proximity, 16))
                    .col(text(Technologies::Standards))
                    .col(timestamp_with_time_zone(Technologies::CreatedAt))
                    .col(timestamp_with_time_zone(Technologies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Technologies::Table, Technologies::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TechnologyUses::Table)
                    .col(uuid(TechnologyUses::TechnologyId))
                    .col(uuid(TechnologyUses::OrganisationId))
                    .col(string_len(TechnologyUses::Status, 16))
                    .col(date_null(TechnologyUses::Since))
                    .col(string(TechnologyUses::Product))
                    .col(string(TechnologyUses::Contact))
                    .col(timestamp_with_time_zone(TechnologyUses::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(TechnologyUses::TechnologyId)
                            .col(TechnologyUses::OrganisationId),
                    )
                    .foreign_key(&mut cascade(
                        (TechnologyUses::Table, TechnologyUses::TechnologyId),
                        (Technologies::Table, Technologies::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (TechnologyUses::Table, TechnologyUses::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrialIndicators::Table)
                    .col(pk_uuid(TrialIndicators::Id))
                    .col(uuid(TrialIndicators::TrialId))
                    .col(string(TrialIndicators::Name))
                    .col(string(TrialIndicators::Unit))
                    .col(string_len(TrialIndicators::Direction, 8))
                    .col(double(TrialIndicators::Baseline))
                    .col(timestamp_with_time_zone(TrialIndicators::CreatedAt))
                    .foreign_key(&mut cascade(
                        (TrialIndicators::Table, TrialIndicators::TrialId),
                        (Trials::Table, Trials::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowUps::Table)
                    .col(pk_uuid(FollowUps::Id))
                    .col(uuid(FollowUps::TrialId))
                    .col(integer(FollowUps::Months))
                    .col(date(FollowUps::DueOn))
                    .col(timestamp_with_time_zone_null(FollowUps::RecordedAt))
                    .col(string_null(FollowUps::RecordedBy))
                    .col(boolean_null(FollowUps::StillInUse))
                    .col(text(FollowUps::EffectsMd))
                    .col(timestamp_with_time_zone_null(FollowUps::RemindedAt))
                    .col(timestamp_with_time_zone_null(FollowUps::OverdueRemindedAt))
                    .col(timestamp_with_time_zone(FollowUps::CreatedAt))
                    .foreign_key(&mut cascade(
                        (FollowUps::Table, FollowUps::TrialId),
                        (Trials::Table, Trials::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follow_ups_trial_months")
                    .table(FollowUps::Table)
                    .col(FollowUps::TrialId)
                    .col(FollowUps::Months)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowUpValues::Table)
                    .col(uuid(FollowUpValues::FollowUpId))
                    .col(uuid(FollowUpValues::IndicatorId))
                    .col(double(FollowUpValues::Value))
                    .primary_key(
                        Index::create()
                            .col(FollowUpValues::FollowUpId)
                            .col(FollowUpValues::IndicatorId),
                    )
                    .foreign_key(&mut cascade(
                        (FollowUpValues::Table, FollowUpValues::FollowUpId),
                        (FollowUps::Table, FollowUps::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (FollowUpValues::Table, FollowUpValues::IndicatorId),
                        (TrialIndicators::Table, TrialIndicators::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A plain column: SQLite cannot add a foreign key to an existing table.
        manager
            .alter_table(
                Table::alter()
                    .table(Trials::Table)
                    .add_column(uuid_null(Trials::TechnologyId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Trials::Table)
                    .drop_column(Trials::TechnologyId)
                    .to_owned(),
            )
            .await?;
        for table in [
            FollowUpValues::Table.into_iden(),
            FollowUps::Table.into_iden(),
            TrialIndicators::Table.into_iden(),
            TechnologyUses::Table.into_iden(),
            Technologies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
