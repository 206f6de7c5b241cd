//! Joint procurements (issue 14): a procurement owns one workspace; its member organisations
//! with their roles, its member users with theirs (the access itself is the user's row in
//! `workspace_users`, which every request reads), invitations by e-mail, and one milestone per
//! phase with planned and actual dates. Later parts (requirements, documents, questions,
//! decisions, contract parties, call-offs) hang off `procurements.id` in tables of their own.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Procurements {
    Table,
    Id,
    Slug,
    Title,
    DescriptionMd,
    DescriptionHtml,
    CategoryId,
    TechnologyId,
    LeadOrganisationId,
    Officer,
    Phase,
    WorkspaceId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementOrganisations {
    Table,
    ProcurementId,
    OrganisationId,
    Role,
    AddedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementMembers {
    Table,
    ProcurementId,
    UserId,
    OrganisationId,
    Role,
    AddedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementInvitations {
    Table,
    Id,
    ProcurementId,
    Email,
    OrganisationId,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
    WithdrawnAt,
    WithdrawnBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcurementMilestones {
    Table,
    Id,
    ProcurementId,
    Phase,
    Position,
    PlannedOn,
    ActualOn,
    OverdueMailedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Workspaces {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
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
                    .table(Procurements::Table)
                    .col(uuid(Procurements::Id).primary_key())
                    .col(string(Procurements::Slug).unique_key())
                    .col(string(Procurements::Title))
                    .col(text(Procurements::DescriptionMd))
                    .col(text(Procurements::DescriptionHtml))
                    .col(uuid_null(Procurements::CategoryId))
                    .col(uuid_null(Procurements::TechnologyId))
                    .col(uuid(Procurements::LeadOrganisationId))
                    .col(string(Procurements::Officer))
                    .col(string_len(Procurements::Phase, 40))
                    .col(uuid(Procurements::WorkspaceId).unique_key())
                    .col(uuid_null(Procurements::CreatedBy))
                    .col(timestamp_with_time_zone(Procurements::CreatedAt))
                    .col(timestamp_with_time_zone(Procurements::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Procurements::Table, Procurements::WorkspaceId)
                            .to(Workspaces::Table, Workspaces::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Procurements::Table, Procurements::LeadOrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementOrganisations::Table)
                    .col(uuid(ProcurementOrganisations::ProcurementId))
                    .col(uuid(ProcurementOrganisations::OrganisationId))
                    .col(string_len(ProcurementOrganisations::Role, 20))
                    .col(timestamp_with_time_zone(ProcurementOrganisations::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(ProcurementOrganisations::ProcurementId)
                            .col(ProcurementOrganisations::OrganisationId),
                    )
                    .foreign_key(&mut to_procurement(
                        ProcurementOrganisations::Table,
                        ProcurementOrganisations::ProcurementId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProcurementOrganisations::Table,
                                ProcurementOrganisations::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementMembers::Table)
                    .col(uuid(ProcurementMembers::ProcurementId))
                    .col(uuid(ProcurementMembers::UserId))
                    .col(uuid(ProcurementMembers::OrganisationId))
                    .col(string_len(ProcurementMembers::Role, 20))
                    .col(timestamp_with_time_zone(ProcurementMembers::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(ProcurementMembers::ProcurementId)
                            .col(ProcurementMembers::UserId),
                    )
                    .foreign_key(&mut to_procurement(
                        ProcurementMembers::Table,
                        ProcurementMembers::ProcurementId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProcurementMembers::Table, ProcurementMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementInvitations::Table)
                    .col(uuid(ProcurementInvitations::Id).primary_key())
                    .col(uuid(ProcurementInvitations::ProcurementId))
                    .col(string(ProcurementInvitations::Email))
                    .col(uuid(ProcurementInvitations::OrganisationId))
                    .col(string_len(ProcurementInvitations::Role, 20))
                    .col(string(ProcurementInvitations::TokenHash).unique_key())
                    .col(uuid_null(ProcurementInvitations::InvitedBy))
                    .col(timestamp_with_time_zone(ProcurementInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(ProcurementInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(
                        ProcurementInvitations::AcceptedAt,
                    ))
                    .col(uuid_null(ProcurementInvitations::AcceptedBy))
                    .col(timestamp_with_time_zone_null(
                        ProcurementInvitations::WithdrawnAt,
                    ))
                    .col(uuid_null(ProcurementInvitations::WithdrawnBy))
                    .foreign_key(&mut to_procurement(
                        ProcurementInvitations::Table,
                        ProcurementInvitations::ProcurementId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcurementMilestones::Table)
                    .col(uuid(ProcurementMilestones::Id).primary_key())
                    .col(uuid(ProcurementMilestones::ProcurementId))
                    .col(string_len(ProcurementMilestones::Phase, 40))
                    .col(integer(ProcurementMilestones::Position))
                    .col(date_null(ProcurementMilestones::PlannedOn))
                    .col(date_null(ProcurementMilestones::ActualOn))
                    .col(timestamp_with_time_zone_null(
                        ProcurementMilestones::OverdueMailedAt,
                    ))
                    .foreign_key(&mut to_procurement(
                        ProcurementMilestones::Table,
                        ProcurementMilestones::ProcurementId,
                    ))
                    .to_owned(),
            )
            .await?;
        // Each phase once per procurement; the timeline reads them in order.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_milestones_phase")
                    .table(ProcurementMilestones::Table)
                    .col(ProcurementMilestones::ProcurementId)
                    .col(ProcurementMilestones::Phase)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The overdue job looks for planned dates without an actual one and not yet mailed.
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_milestones_planned")
                    .table(ProcurementMilestones::Table)
                    .col(ProcurementMilestones::PlannedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_members_user")
                    .table(ProcurementMembers::Table)
                    .col(ProcurementMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_procurement_invitations_procurement")
                    .table(ProcurementInvitations::Table)
                    .col(ProcurementInvitations::ProcurementId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProcurementMilestones::Table.into_iden(),
            ProcurementInvitations::Table.into_iden(),
            ProcurementMembers::Table.into_iden(),
            ProcurementOrganisations::Table.into_iden(),
            Procurements::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
