//! Review means review (issue 13): a member's edit of a published report waits beside the
//! published version until node staff approve it, and a trial has at most one final report.
//!
//! The pending edit is kept as the writer sent it (the report input as JSON) with who sent it,
//! when, and where it stands (`granskas` or `returnerad`); the published columns stay as they
//! are, so the page, search, the API and peers keep showing the published version.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Reports {
    Table,
    TrialId,
    PendingInput,
    PendingBy,
    PendingAuthorId,
    PendingAt,
    PendingStatus,
}

const ONE_PER_TRIAL: &str = "idx_reports_one_per_trial";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for column in [
            text_null(Reports::PendingInput),
            string_len_null(Reports::PendingBy, 200),
            uuid_null(Reports::PendingAuthorId),
            timestamp_with_time_zone_null(Reports::PendingAt),
            string_len_null(Reports::PendingStatus, 16),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reports::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // Where a trial already has several reports, the oldest stays its final report and
        // the others become ordinary reports.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE reports SET trial_id = NULL WHERE trial_id IS NOT NULL AND EXISTS (\
                 SELECT 1 FROM reports AS older WHERE older.trial_id = reports.trial_id \
                 AND (older.created_at < reports.created_at \
                 OR (older.created_at = reports.created_at AND older.id < reports.id)))",
            )
            .await?;
        // An outcome is never called like a phase: a test still going on has "fortsatt test".
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE reports SET outcome = 'fortsatt-test' WHERE outcome = 'pagar'",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ONE_PER_TRIAL)
                    .table(Reports::Table)
                    .col(Reports::TrialId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(ONE_PER_TRIAL)
                    .table(Reports::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Reports::PendingStatus,
            Reports::PendingAt,
            Reports::PendingAuthorId,
            Reports::PendingBy,
            Reports::PendingInput,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reports::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
