//! On PostgreSQL, long text is compressed with LZ4 rather than the default pglz (issue 17).
//!
//! A report's Markdown and HTML of a few kilobytes each, and its revisions' Markdown, are
//! compressed on every write. With pglz that was about half the server's time of an import
//! where every file changed (`log_min_duration_statement = 0`, server time summed by
//! statement: the reports' upsert 2.8 s, the revisions' insert 1.1 s of 7.0 s); with LZ4
//! 1.5 s and 0.4 s of 5.1 s. Only values written after this migration are compressed so;
//! the older ones stay readable as they are. A server built without LZ4 keeps pglz, and on
//! SQLite there is nothing to do. Columns added later take the server's default unless their
//! migration sets the same.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Sets `method` on every `text` and `jsonb` column of the schema's tables, when the server
/// knows it.
fn set_compression(method: &str) -> String {
    format!(
        "DO $$ DECLARE c record; BEGIN \
           IF NOT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' \
                          AND '{method}' = ANY(enumvals)) THEN RETURN; END IF; \
           FOR c IN SELECT table_name, column_name FROM information_schema.columns \
                    JOIN information_schema.tables USING (table_catalog, table_schema, table_name) \
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                      AND data_type IN ('text', 'jsonb') LOOP \
             EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION {method}', \
                            c.table_name, c.column_name); \
           END LOOP; \
         END $$"
    )
}

/// On PostgreSQL, sets `method` as [`set_compression`] says; elsewhere nothing.
async fn compress_with(manager: &SchemaManager<'_>, method: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        manager
            .get_connection()
            .execute_unprepared(&set_compression(method))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        compress_with(manager, "lz4").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        compress_with(manager, "pglz").await
    }
}
