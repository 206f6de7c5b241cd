//! Indexes for the lists that are filtered, counted and paged in the database (issue 12): the
//! review queue (reports by status, oldest first), the overview's count of outcomes, the newest trials and needs first, and the
//! organisation filters (organisations sharing a need or taking part in a trial).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
    Status,
    UpdatedAt,
    Outcome,
    Visibility,
    OrganisationId,
    WorkspaceId,
    PublishedOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Trials {
    Table,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Needs {
    Table,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NeedEndorsements {
    Table,
    OrganisationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrialParticipants {
    Table,
    OrganisationId,
}

/// (name, table, columns) of every index this migration adds.
fn indexes() -> Vec<(&'static str, DynIden, Vec<DynIden>)> {
    vec![
        (
            "idx_reports_status_updated",
            Reports::Table.into_iden(),
            vec![Reports::Status.into_iden(), Reports::UpdatedAt.into_iden()],
        ),
        // Holds every column the overview's count of outcomes reads, so it counts from the
        // index without reading the reports' text.
        (
            "idx_reports_overview",
            Reports::Table.into_iden(),
            vec![
                Reports::Status.into_iden(),
                Reports::Outcome.into_iden(),
                Reports::Visibility.into_iden(),
                Reports::OrganisationId.into_iden(),
                Reports::WorkspaceId.into_iden(),
                Reports::PublishedOn.into_iden(),
                Reports::CreatedAt.into_iden(),
            ],
        ),
        (
            "idx_trials_created",
            Trials::Table.into_iden(),
            vec![Trials::CreatedAt.into_iden()],
        ),
        (
            "idx_needs_created",
            Needs::Table.into_iden(),
            vec![Needs::CreatedAt.into_iden()],
        ),
        (
            "idx_need_endorsements_organisation",
            NeedEndorsements::Table.into_iden(),
            vec![NeedEndorsements::OrganisationId.into_iden()],
        ),
        (
            "idx_trial_participants_organisation",
            TrialParticipants::Table.into_iden(),
            vec![TrialParticipants::OrganisationId.into_iden()],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in indexes() {
            let mut index = Index::create();
            index.name(name).table(table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in indexes() {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
