//! One durable job queue for background work (mail delivery, follow-up reminders, later
//! federation pulls and digests). Each job is claimed by one instance at a time, retried with
//! growing pauses, and ends as failed after its last attempt. Mail still queued in
//! `mail_outbox` when this runs becomes one delivery job per message.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    State,
    Singleton,
    Attempts,
    MaxAttempts,
    RunAt,
    ClaimedUntil,
    ClaimedBy,
    LastError,
    CreatedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(big_pk_auto(Jobs::Id))
                    .col(string_len(Jobs::Kind, 64))
                    .col(text(Jobs::Payload))
                    .col(string_len(Jobs::State, 16))
                    // Set for a job of which at most one may exist (a periodic job's kind).
                    .col(string_len_null(Jobs::Singleton, 64).unique_key())
                    .col(integer(Jobs::Attempts).default(0))
                    .col(integer(Jobs::MaxAttempts))
                    .col(timestamp_with_time_zone(Jobs::RunAt))
                    .col(timestamp_with_time_zone_null(Jobs::ClaimedUntil))
                    .col(string_len_null(Jobs::ClaimedBy, 80))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone_null(Jobs::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("jobs_due")
                    .table(Jobs::Table)
                    .col(Jobs::State)
                    .col(Jobs::RunAt)
                    .to_owned(),
            )
            .await?;
        // Messages waiting in the outbox become delivery jobs, due at once.
        let outbox_id = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Postgres => "id::text",
            _ => "CASE WHEN typeof(id) = 'blob' THEN lower(hex(id)) ELSE id END",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO jobs (kind, payload, state, attempts, max_attempts, run_at, created_at) \
                 SELECT 'mail', '{{\"outbox\":\"' || {outbox_id} || '\"}}', 'queued', attempts, \
                 CASE WHEN attempts >= 8 THEN attempts + 1 ELSE 8 END, next_attempt_at, created_at \
                 FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Jobs::Table).to_owned())
            .await
    }
}
