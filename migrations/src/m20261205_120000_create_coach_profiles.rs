//! The technology-coach network (issue 15, point 1): one coach profile per user, with the
//! categories and catalogue technologies the coach knows in link tables so the directory
//! filters in the database. Ending an appointment keeps the profile, inactive.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CoachProfiles {
    Table,
    Id,
    UserId,
    OrganisationId,
    Workplace,
    HoursPerYear,
    Contact,
    IntroductionMd,
    IntroductionHtml,
    Active,
    AppointedAt,
    AppointedBy,
    EndedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoachCategories {
    Table,
    ProfileId,
    CategoryId,
}

#[derive(DeriveIden, Clone, Copy)]
enum CoachTechnologies {
    Table,
    ProfileId,
    TechnologyId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
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

#[derive(DeriveIden)]
enum Technologies {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CoachProfiles::Table)
                    .col(uuid(CoachProfiles::Id).primary_key())
                    .col(uuid_uniq(CoachProfiles::UserId))
                    .col(uuid(CoachProfiles::OrganisationId))
                    .col(string(CoachProfiles::Workplace).default(""))
                    .col(integer(CoachProfiles::HoursPerYear).default(0))
                    .col(string(CoachProfiles::Contact).default(""))
                    .col(text(CoachProfiles::IntroductionMd).default(""))
                    .col(text(CoachProfiles::IntroductionHtml).default(""))
                    .col(boolean(CoachProfiles::Active).default(true))
                    .col(timestamp_with_time_zone(CoachProfiles::AppointedAt))
                    .col(uuid_null(CoachProfiles::AppointedBy))
                    .col(timestamp_with_time_zone_null(CoachProfiles::EndedAt))
                    .col(timestamp_with_time_zone(CoachProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachProfiles::Table, CoachProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachProfiles::Table, CoachProfiles::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("coach_profiles_active_organisation")
                    .table(CoachProfiles::Table)
                    .col(CoachProfiles::Active)
                    .col(CoachProfiles::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoachCategories::Table)
                    .col(uuid(CoachCategories::ProfileId))
                    .col(uuid(CoachCategories::CategoryId))
                    .primary_key(
                        Index::create()
                            .col(CoachCategories::ProfileId)
                            .col(CoachCategories::CategoryId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachCategories::Table, CoachCategories::ProfileId)
                            .to(CoachProfiles::Table, CoachProfiles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachCategories::Table, CoachCategories::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("coach_categories_category")
                    .table(CoachCategories::Table)
                    .col(CoachCategories::CategoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CoachTechnologies::Table)
                    .col(uuid(CoachTechnologies::ProfileId))
                    .col(uuid(CoachTechnologies::TechnologyId))
                    .primary_key(
                        Index::create()
                            .col(CoachTechnologies::ProfileId)
                            .col(CoachTechnologies::TechnologyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachTechnologies::Table, CoachTechnologies::ProfileId)
                            .to(CoachProfiles::Table, CoachProfiles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoachTechnologies::Table, CoachTechnologies::TechnologyId)
                            .to(Technologies::Table, Technologies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("coach_technologies_technology")
                    .table(CoachTechnologies::Table)
                    .col(CoachTechnologies::TechnologyId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CoachTechnologies::Table.into_iden(),
            CoachCategories::Table.into_iden(),
            CoachProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
