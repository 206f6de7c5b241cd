//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use noden_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Opens the database at `url`. SQLite runs in WAL mode with `synchronous=FULL` and a busy
/// timeout, so a write the portal acknowledged survives a crash and concurrent writers wait
/// instead of failing (30 s; within this process writers take turns, see [`begin_write`]).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's nature: writers take turns (`begin_write`) before
        // they take a connection, so the pool is for readers, and a few single statements
        // that write outside a unit of work.
        options.max_connections(8);
    } else {
        options.max_connections(POSTGRES_CONNECTIONS);
    }
    Database::connect(options).await
}

/// The PostgreSQL pool's size.
const POSTGRES_CONNECTIONS: u32 = 16;

/// How many writers (a job, say) may run at once on `db` and still be sure of a connection to
/// read with beside their transaction: on PostgreSQL each holds one of the pool's connections
/// for its transaction, so at most half the pool; on SQLite writers wait for their turn
/// without a connection, so any number.
pub fn writers_at_once(db: &DatabaseConnection) -> usize {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => (POSTGRES_CONNECTIONS / 2) as usize,
        _ => usize::MAX,
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Brings the planner's statistics up to date after many rows were written at once (an
/// import): PostgreSQL plans the next statements on them, and until autovacuum comes by it
/// takes a table that grew by thousands of rows for its old size (a lookup of 250 reports'
/// newest revisions scanned them all, 16 ms instead of 3). SQLite analyses what needs it.
pub async fn after_bulk_write(db: &DatabaseConnection) -> Result<(), DbErr> {
    let statement = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "ANALYZE",
        _ => "PRAGMA optimize",
    };
    db.execute_unprepared(statement).await.map(|_| ())
}

/// True when the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// A transaction that writes, with this process's turn to write when the database is SQLite.
pub struct Write {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Write {
    /// The transaction, for the writer's statements.
    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Commits, then gives the turn to the next writer.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

/// How long a writer waits for its turn: as long as SQLite's busy timeout.
const TURN_WAIT: Duration = Duration::from_secs(30);

/// The turn to write to the SQLite database `db` is, shared by every pool of this process
/// on that file.
fn turn_of(db: &DatabaseConnection) -> Arc<tokio::sync::Mutex<()>> {
    static TURNS: LazyLock<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> =
        LazyLock::new(Mutex::default);
    let file = db
        .get_sqlite_connection_pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    let mut turns = TURNS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    turns.entry(file).or_default().clone()
}

/// Begins a transaction that will write. On SQLite the writers of this process first take
/// turns, waiting without holding a connection of the pool; then the write lock is taken at
/// `BEGIN` (`BEGIN IMMEDIATE`), so a writer of another process (`noden import` beside the
/// portal) queues behind the busy timeout instead of failing when a read transaction tries to
/// upgrade. Without the turns, writers waiting for the lock could hold every connection of the
/// pool while the writer holding it waits for one to read with: all of them stuck until the
/// busy timeout ran out, and every other writer of the file with them.
pub async fn begin_write(db: &DatabaseConnection) -> Result<Write, DbErr> {
    let turn = if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        let turn = tokio::time::timeout(TURN_WAIT, turn_of(db).lock_owned())
            .await
            .map_err(|_| {
                DbErr::Custom("database is locked: no turn to write within 30 s".to_owned())
            })?;
        Some(turn)
    } else {
        None
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(Write { txn, _turn: turn })
}

/// Holds a transaction-scoped lock named by `key` until the transaction ends, on PostgreSQL,
/// where concurrent writers would otherwise both see a value as free (a slug, a position)
/// and one of them fail at commit. SQLite needs none: its writers already queue at `BEGIN`.
pub async fn serialise<C: ConnectionTrait>(txn: &C, key: i64) -> Result<(), DbErr> {
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Page `page` (from 1) of `query`, which is already filtered and ordered, with how many rows
/// match in all: counted and sliced in the database.
pub async fn page_of<C, E>(
    db: &C,
    query: sea_orm::Select<E>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<E::Model>, u64), DbErr>
where
    C: ConnectionTrait,
    E: sea_orm::EntityTrait,
    E::Model: Sync,
{
    use sea_orm::{PaginatorTrait, QuerySelect};
    let total = query.clone().count(db).await?;
    let rows = query
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((rows, total))
}
