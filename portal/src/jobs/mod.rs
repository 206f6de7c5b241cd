//! One durable job queue for background work: mail delivery, follow-up reminders and later
//! federation pulls and digests.
//!
//! A job is a row in `jobs`: a kind (a string), a JSON payload, a state (`queued`, `running`,
//! `done`, `failed`), its attempts and when it may run next. Features register a handler per
//! kind with [`Jobs::register`] (or [`Jobs::register_periodic`]); this module knows nothing
//! else about them. A feature enqueues inside its own transaction with [`enqueue`], so the
//! job exists exactly when the change does, and wakes the runner after commit.
//!
//! Every instance may run a [`Runner`]. A runner claims due jobs for a while
//! (`claimed_until`, `claimed_by`): on PostgreSQL with `FOR UPDATE SKIP LOCKED`, on SQLite
//! inside a `BEGIN IMMEDIATE` transaction, so exactly one instance runs each job. A failed
//! attempt is retried after [`backoff`]; after `max_attempts` the job ends as failed and stays
//! so until node staff retry it at `/admin/jobb`. A claim that runs out (its instance died) lets
//! another instance take the job, and that counts as an attempt, so a job that kills its
//! runner cannot loop forever either. On shutdown a runner lets running jobs finish within a
//! bound and hands the rest back (their claim released, the attempt not counted).

pub mod routes;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend,
    DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use crate::clock::Clock;
use crate::state::AppState;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "jobs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        #[sea_orm(column_type = "Text")]
        pub payload: String,
        pub state: String,
        pub singleton: Option<String>,
        pub attempts: i32,
        pub max_attempts: i32,
        pub run_at: DateTimeUtc,
        pub claimed_until: Option<DateTimeUtc>,
        pub claimed_by: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub last_error: Option<String>,
        pub created_at: DateTimeUtc,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Running,
    Done,
    Failed,
}

impl JobState {
    pub const ALL: [JobState; 4] = [
        JobState::Queued,
        JobState::Running,
        JobState::Failed,
        JobState::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The name shown to staff, in the page's language.
    pub fn label(self) -> String {
        use crate::web::i18n;
        match self {
            JobState::Queued => i18n::t("jobs-state-queued"),
            JobState::Running => i18n::t("jobs-state-running"),
            JobState::Done => i18n::t("jobs-state-done"),
            JobState::Failed => i18n::t("jobs-state-failed"),
        }
    }
}

/// Attempts a job gets unless its kind says otherwise.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a runner holds a claimed job before another instance may take it over. A handler
/// still running then is stopped.
pub const CLAIM: Duration = Duration::minutes(5);

/// 30 s after the first failure, doubling up to an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 8) - 1;
    Duration::seconds((30i64 << exponent).min(3600))
}

/// A claimed job as its handler sees it.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    /// JSON text, as enqueued.
    pub payload: String,
    /// This attempt's number, from 1.
    pub attempt: i32,
    pub max_attempts: i32,
    /// The runner holding the claim.
    claimed_by: String,
}

impl Job {
    /// Whether a failure now ends the job as failed.
    pub fn is_last_attempt(&self) -> bool {
        self.attempt >= self.max_attempts
    }

    /// The payload read as `T`.
    pub fn payload<T: serde::de::DeserializeOwned>(&self) -> Result<T, JobError> {
        serde_json::from_str(&self.payload).map_err(|e| JobError::new(format!("payload: {e}")))
    }
}

/// Why an attempt failed; its text is kept as the job's last error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JobError(pub String);

impl JobError {
    pub fn new(message: impl Into<String>) -> Self {
        JobError(message.into())
    }
}

impl From<DbErr> for JobError {
    fn from(e: DbErr) -> Self {
        JobError(format!("database: {e}"))
    }
}

impl From<crate::error::AppError> for JobError {
    fn from(e: crate::error::AppError) -> Self {
        JobError(format!("{e:?}"))
    }
}

pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<(), JobError>> + Send>>;
type HandlerFn = dyn Fn(AppState, Job) -> HandlerFuture + Send + Sync;

struct Handler {
    run: Arc<HandlerFn>,
    /// For the periodic job's row; other rows carry their own.
    max_attempts: i32,
    /// A periodic job is queued again this long after each success.
    every: Option<Duration>,
}

/// Wakes the runners of this process (e.g. after a commit that enqueued a job).
#[derive(Clone, Default)]
pub struct Waker(Arc<Notify>);

impl Waker {
    pub fn wake(&self) {
        self.0.notify_waiters();
        self.0.notify_one();
    }
}

/// The queue as the rest of the portal sees it: the registry of handlers, the waker and the
/// runners started in this process. Cheap to clone.
#[derive(Clone)]
pub struct Jobs {
    handlers: Arc<RwLock<HashMap<String, Arc<Handler>>>>,
    waker: Waker,
    poll: StdDuration,
    concurrency: usize,
    runners: Arc<Mutex<Vec<Runner>>>,
}

impl Jobs {
    /// An empty registry; runners look for due jobs on every wake-up and every `poll`, and run
    /// up to `concurrency` jobs at once.
    pub fn new(poll: StdDuration, concurrency: usize) -> Jobs {
        Jobs {
            handlers: Arc::default(),
            waker: Waker::default(),
            poll,
            concurrency: concurrency.max(1),
            runners: Arc::default(),
        }
    }

    /// Runs `handler` for jobs of `kind`. How many attempts a job gets is set when it is
    /// enqueued.
    pub fn register<F, Fut>(&self, kind: &str, handler: F)
    where
        F: Fn(AppState, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), JobError>> + Send + 'static,
    {
        self.insert(kind, MAX_ATTEMPTS, None, handler);
    }

    /// Runs `handler` as a periodic job of `kind`: one row for the whole node, queued again
    /// `every` after each success, failed for good after `max_attempts` failures in a row.
    /// [`schedule_periodic`] creates the row.
    pub fn register_periodic<F, Fut>(
        &self,
        kind: &str,
        every: Duration,
        max_attempts: i32,
        handler: F,
    ) where
        F: Fn(AppState, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), JobError>> + Send + 'static,
    {
        self.insert(kind, max_attempts, Some(every), handler);
    }

    fn insert<F, Fut>(&self, kind: &str, max_attempts: i32, every: Option<Duration>, handler: F)
    where
        F: Fn(AppState, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), JobError>> + Send + 'static,
    {
        let run: Arc<HandlerFn> = Arc::new(move |state, job| Box::pin(handler(state, job)));
        let handler = Arc::new(Handler {
            run,
            max_attempts: max_attempts.max(1),
            every,
        });
        if let Ok(mut handlers) = self.handlers.write() {
            handlers.insert(kind.to_owned(), handler);
        }
    }

    fn handler(&self, kind: &str) -> Option<Arc<Handler>> {
        self.handlers.read().ok()?.get(kind).cloned()
    }

    fn kinds(&self) -> Vec<String> {
        self.handlers
            .read()
            .map(|h| h.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Asks the runners to look for due jobs now.
    pub fn wake(&self) {
        self.waker.wake();
    }

    /// A handle that wakes the runners, for kernels that enqueue (the courier).
    pub fn waker(&self) -> Waker {
        self.waker.clone()
    }

    /// Starts a runner in this process and keeps it for [`Jobs::shutdown`].
    pub fn start(&self, state: AppState) -> Runner {
        let runner = Runner::spawn(state);
        if let Ok(mut runners) = self.runners.lock() {
            runners.push(runner.clone());
        }
        runner
    }

    /// Stops every runner started here: running jobs get `grace` to finish, the rest are
    /// handed back.
    pub async fn shutdown(&self, grace: StdDuration) {
        let runners: Vec<Runner> = self
            .runners
            .lock()
            .map(|mut r| r.drain(..).collect())
            .unwrap_or_default();
        for runner in runners {
            runner.shutdown(grace).await;
        }
    }
}

/// Queues a job of `kind`, due now, with [`MAX_ATTEMPTS`] attempts; call inside the
/// transaction of the change that needs it and wake the runner after commit. `payload` is
/// stored as JSON text.
pub async fn enqueue<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    kind: &str,
    payload: &serde_json::Value,
) -> Result<i64, DbErr> {
    enqueue_at(txn, now, now, kind, payload, MAX_ATTEMPTS).await
}

/// Queues a job of `kind` due at `run_at` that fails for good after `max_attempts`.
pub async fn enqueue_at<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    run_at: DateTime<Utc>,
    kind: &str,
    payload: &serde_json::Value,
    max_attempts: i32,
) -> Result<i64, DbErr> {
    let saved = new_row(now, run_at, kind, payload, max_attempts, None)
        .insert(txn)
        .await?;
    Ok(saved.id)
}

fn new_row(
    now: DateTime<Utc>,
    run_at: DateTime<Utc>,
    kind: &str,
    payload: &serde_json::Value,
    max_attempts: i32,
    singleton: Option<String>,
) -> entity::ActiveModel {
    entity::ActiveModel {
        kind: Set(kind.to_owned()),
        payload: Set(payload.to_string()),
        state: Set(JobState::Queued.as_str().to_owned()),
        singleton: Set(singleton),
        attempts: Set(0),
        max_attempts: Set(max_attempts.max(1)),
        run_at: Set(run_at),
        claimed_until: Set(None),
        claimed_by: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    }
}

/// Queues the one job of `kind` named `singleton` (a periodic job of one thing: a peer's
/// pulls), due at `run_at`, unless it exists already. Call inside the transaction of the
/// change that needs it.
pub async fn enqueue_singleton<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    run_at: DateTime<Utc>,
    kind: &str,
    singleton: &str,
    payload: &serde_json::Value,
) -> Result<(), DbErr> {
    let row = new_row(
        now,
        run_at,
        kind,
        payload,
        MAX_ATTEMPTS,
        Some(singleton.to_owned()),
    );
    entity::Entity::insert(row)
        .on_conflict_do_nothing_on([entity::Column::Singleton])
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Makes the job named `singleton` due now (queued again if it had failed), so what it does
/// happens without waiting for its next turn. False when there is no such job.
pub async fn run_singleton_now<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    singleton: &str,
) -> Result<bool, DbErr> {
    let updated = entity::Entity::update_many()
        .col_expr(entity::Column::RunAt, now.into())
        .col_expr(entity::Column::State, JobState::Queued.as_str().into())
        .col_expr(entity::Column::Attempts, 0.into())
        .col_expr(
            entity::Column::FinishedAt,
            Option::<DateTime<Utc>>::None.into(),
        )
        .filter(entity::Column::Singleton.eq(singleton))
        .filter(entity::Column::State.ne(JobState::Running.as_str()))
        .exec(txn)
        .await?;
    Ok(updated.rows_affected > 0)
}

/// Removes the job named `singleton` unless it is running (a running one finds its subject
/// gone and ends).
pub async fn remove_singleton<C: ConnectionTrait>(txn: &C, singleton: &str) -> Result<(), DbErr> {
    entity::Entity::delete_many()
        .filter(entity::Column::Singleton.eq(singleton))
        .filter(entity::Column::State.ne(JobState::Running.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Makes sure the one row of each registered periodic job exists (due now when new). Safe to
/// call from every instance at once: the row is unique per kind.
pub async fn schedule_periodic(state: &AppState) -> Result<(), DbErr> {
    let now = state.clock.now();
    let periodic: Vec<(String, i32)> = state
        .jobs
        .handlers
        .read()
        .map(|h| {
            h.iter()
                .filter(|(_, h)| h.every.is_some())
                .map(|(k, h)| (k.clone(), h.max_attempts))
                .collect()
        })
        .unwrap_or_default();
    for (kind, max_attempts) in periodic {
        let row = new_row(
            now,
            now,
            &kind,
            &serde_json::Value::Null,
            max_attempts,
            Some(kind.clone()),
        );
        let write = crate::db::begin_write(&state.db).await?;
        entity::Entity::insert(row)
            .on_conflict_do_nothing_on([entity::Column::Singleton])
            .exec_without_returning(write.txn())
            .await?;
        write.commit().await?;
    }
    Ok(())
}

/// Due: queued and its time has come, or running under a claim that ran out.
fn due(now: DateTime<Utc>, kinds: &[String]) -> Condition {
    Condition::all()
        .add(entity::Column::Kind.is_in(kinds.iter().cloned()))
        .add(
            Condition::any()
                .add(
                    Condition::all()
                        .add(entity::Column::State.eq(JobState::Queued.as_str()))
                        .add(entity::Column::RunAt.lte(now)),
                )
                .add(
                    Condition::all()
                        .add(entity::Column::State.eq(JobState::Running.as_str()))
                        .add(entity::Column::ClaimedUntil.lt(now)),
                ),
        )
}

/// Claims up to `limit` due jobs of `kinds` for the runner `by`. Exactly one caller gets each
/// job: PostgreSQL skips rows another claimer holds locked, SQLite's claimers queue at
/// `BEGIN IMMEDIATE`.
pub async fn claim(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    by: &str,
    kinds: &[String],
    limit: u64,
) -> Result<Vec<Job>, DbErr> {
    if kinds.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let write = crate::db::begin_write(db).await?;
    let txn = write.txn();
    let mut query = entity::Entity::find()
        .filter(due(now, kinds))
        .order_by_asc(entity::Column::RunAt)
        .order_by_asc(entity::Column::Id)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let candidates = query.all(txn).await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for row in candidates {
        // Conditional: a row that is no longer due (another claimer was quicker) stays as is.
        let taken = entity::Entity::update_many()
            .col_expr(entity::Column::State, JobState::Running.as_str().into())
            .col_expr(
                entity::Column::Attempts,
                sea_orm::sea_query::ExprTrait::add(Expr::col(entity::Column::Attempts), 1),
            )
            .col_expr(entity::Column::ClaimedUntil, Some(now + CLAIM).into())
            .col_expr(entity::Column::ClaimedBy, Some(by.to_owned()).into())
            .filter(entity::Column::Id.eq(row.id))
            .filter(due(now, kinds))
            .exec(txn)
            .await?
            .rows_affected;
        if taken == 1 {
            claimed.push(Job {
                id: row.id,
                kind: row.kind,
                payload: row.payload,
                attempt: row.attempts + 1,
                max_attempts: row.max_attempts,
                claimed_by: by.to_owned(),
            });
        }
    }
    write.commit().await?;
    Ok(claimed)
}

/// The claim of `job` is still this runner's.
fn still_ours(job: &Job) -> Condition {
    Condition::all()
        .add(entity::Column::Id.eq(job.id))
        .add(entity::Column::State.eq(JobState::Running.as_str()))
        .add(entity::Column::ClaimedBy.eq(job.claimed_by.clone()))
}

/// Records how an attempt ended: done (or queued for its next period), queued for a retry
/// after [`backoff`], or failed after its last attempt. Nothing changes when the claim was
/// lost meanwhile (another instance took the job over).
pub async fn finish(
    db: &DatabaseConnection,
    clock: &Clock,
    job: &Job,
    outcome: Result<(), JobError>,
    every: Option<Duration>,
) -> Result<(), DbErr> {
    let now = clock.now();
    let update = entity::Entity::update_many()
        .col_expr(
            entity::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(entity::Column::ClaimedBy, Option::<String>::None.into())
        .filter(still_ours(job));
    let update = match (outcome, every) {
        (Ok(()), None) => update
            .col_expr(entity::Column::State, JobState::Done.as_str().into())
            .col_expr(entity::Column::FinishedAt, Some(now).into())
            .col_expr(entity::Column::LastError, Option::<String>::None.into()),
        (Ok(()), Some(every)) => update
            .col_expr(entity::Column::State, JobState::Queued.as_str().into())
            .col_expr(entity::Column::Attempts, 0.into())
            .col_expr(entity::Column::RunAt, (now + every).into())
            .col_expr(entity::Column::LastError, Option::<String>::None.into()),
        (Err(error), _) if job.is_last_attempt() => {
            tracing::error!(job = job.id, kind = %job.kind, attempts = job.attempt, error = %error, "job failed for good");
            update
                .col_expr(entity::Column::State, JobState::Failed.as_str().into())
                .col_expr(entity::Column::FinishedAt, Some(now).into())
                .col_expr(entity::Column::LastError, Some(error.0).into())
        }
        (Err(error), _) => {
            tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempt, error = %error, "job failed; will retry");
            update
                .col_expr(entity::Column::State, JobState::Queued.as_str().into())
                .col_expr(entity::Column::RunAt, (now + backoff(job.attempt)).into())
                .col_expr(entity::Column::LastError, Some(error.0).into())
        }
    };
    let write = crate::db::begin_write(db).await?;
    update.exec(write.txn()).await?;
    write.commit().await
}

/// Gives a claimed job back unfinished: queued again at once, the attempt not counted.
pub async fn release(db: &DatabaseConnection, job: &Job) -> Result<(), DbErr> {
    let write = crate::db::begin_write(db).await?;
    entity::Entity::update_many()
        .col_expr(entity::Column::State, JobState::Queued.as_str().into())
        .col_expr(
            entity::Column::Attempts,
            sea_orm::sea_query::ExprTrait::sub(Expr::col(entity::Column::Attempts), 1),
        )
        .col_expr(
            entity::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(entity::Column::ClaimedBy, Option::<String>::None.into())
        .filter(still_ours(job))
        .exec(write.txn())
        .await?;
    write.commit().await
}

/// Runs one claimed job with its handler and records the outcome.
async fn run_one(state: &AppState, job: Job) -> Result<(), DbErr> {
    let handler = state.jobs.handler(&job.kind);
    let outcome = match &handler {
        None => Err(JobError::new(format!("no handler for {:?}", job.kind))),
        Some(_) if job.attempt > job.max_attempts => Err(JobError::new(
            "the instance running the job stopped before it finished",
        )),
        Some(h) => {
            let limit = CLAIM.to_std().unwrap_or(StdDuration::from_secs(300));
            match tokio::time::timeout(limit, (h.run)(state.clone(), job.clone())).await {
                Ok(outcome) => outcome,
                Err(_) => Err(JobError::new("the job ran longer than its claim")),
            }
        }
    };
    let every = handler.and_then(|h| h.every);
    finish(&state.db, &state.clock, &job, outcome, every).await
}

/// Claims and runs every job due now, one after another, as runner `by`; returns how many ran.
/// The runner calls it on each wake-up; tests call [`run_due`] to run due jobs at once.
async fn pass(state: &AppState, by: &str) -> Result<usize, DbErr> {
    let mut ran = 0;
    loop {
        let claimed = claim(&state.db, state.clock.now(), by, &state.jobs.kinds(), 20).await?;
        if claimed.is_empty() {
            return Ok(ran);
        }
        for job in claimed {
            run_one(state, job).await?;
            ran += 1;
        }
    }
}

/// Runs every job that is due now in this task; returns how many ran.
pub async fn run_due(state: &AppState) -> Result<usize, DbErr> {
    pass(state, &runner_name()).await
}

fn runner_name() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    format!("{}-{}", std::process::id(), &id[id.len() - 12..])
}

/// One background runner. Cheap to clone; [`Runner::shutdown`] stops it.
#[derive(Clone)]
pub struct Runner {
    name: String,
    stop: watch::Sender<Option<StdDuration>>,
    done: Arc<tokio::sync::Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

impl Runner {
    /// Starts a runner: it claims due jobs on every wake-up and every poll, running up to the
    /// configured number at once.
    pub fn spawn(state: AppState) -> Runner {
        let name = runner_name();
        let (stop, stopped) = watch::channel(None);
        let task = tokio::spawn(run_loop(state, name.clone(), stopped));
        Runner {
            name,
            stop,
            done: Arc::new(tokio::sync::Mutex::new(Some(task))),
        }
    }

    /// The name this runner claims jobs under (`claimed_by`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Stops claiming, gives running jobs `grace` to finish and hands back the others; returns
    /// when the runner has stopped.
    pub async fn shutdown(&self, grace: StdDuration) {
        let _ = self.stop.send(Some(grace));
        if let Some(task) = self.done.lock().await.take() {
            let _ = task.await;
        }
    }
}

async fn run_loop(
    state: AppState,
    name: String,
    mut stopped: watch::Receiver<Option<StdDuration>>,
) {
    let mut running: JoinSet<()> = JoinSet::new();
    let mut held: HashMap<tokio::task::Id, Job> = HashMap::new();
    let wake = state.jobs.waker.0.clone();
    if let Err(error) = schedule_periodic(&state).await {
        tracing::warn!(%error, "scheduling periodic jobs failed; the next start tries again");
    }
    loop {
        if stopped.borrow().is_some() {
            break;
        }
        let free = state.jobs.concurrency.saturating_sub(running.len()) as u64;
        let claimed = match claim(
            &state.db,
            state.clock.now(),
            &name,
            &state.jobs.kinds(),
            free,
        )
        .await
        {
            Ok(claimed) => claimed,
            Err(error) => {
                tracing::warn!(%error, "claiming jobs failed; trying again");
                Vec::new()
            }
        };
        let claimed_any = !claimed.is_empty();
        for job in claimed {
            let job_state = state.clone();
            let kept = job.clone();
            let handle = running.spawn(async move {
                let id = job.id;
                if let Err(error) = run_one(&job_state, job).await {
                    tracing::warn!(job = id, %error, "recording a job's outcome failed");
                }
            });
            held.insert(handle.id(), kept);
        }
        if claimed_any && running.len() < state.jobs.concurrency {
            // More may be due right away.
            continue;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(state.jobs.poll) => {}
            _ = stopped.changed() => {}
            Some(ended) = running.join_next_with_id(), if !running.is_empty() => {
                let id = match ended {
                    Ok((id, ())) => id,
                    Err(error) => error.id(),
                };
                held.remove(&id);
            }
        }
    }
    let grace = stopped.borrow().unwrap_or_default();
    let deadline = tokio::time::Instant::now() + grace;
    while !running.is_empty() {
        match tokio::time::timeout_at(deadline, running.join_next_with_id()).await {
            Ok(Some(Ok((id, ())))) => {
                held.remove(&id);
            }
            Ok(Some(Err(error))) => {
                held.remove(&error.id());
            }
            Ok(None) => break,
            Err(_) => {
                running.abort_all();
                while running.join_next().await.is_some() {}
                break;
            }
        }
    }
    for job in held.into_values() {
        match release(&state.db, &job).await {
            Ok(()) => tracing::info!(job = job.id, kind = %job.kind, "job handed back at shutdown"),
            Err(error) => {
                tracing::warn!(job = job.id, %error, "handing a job back failed; its claim runs out")
            }
        }
    }
}

/// One page of jobs for the admin page, newest first within the filter, and how many match.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    state: Option<JobState>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<entity::Model>, u64), DbErr> {
    let filtered = || {
        let query = entity::Entity::find();
        match state {
            Some(s) => query.filter(entity::Column::State.eq(s.as_str())),
            // Everything still of interest: not done.
            None => query.filter(entity::Column::State.ne(JobState::Done.as_str())),
        }
    };
    crate::db::page_of(
        db,
        filtered().order_by_desc(entity::Column::Id),
        page,
        per_page,
    )
    .await
}

/// How many jobs are in each state.
pub async fn counts<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, u64>, DbErr> {
    let mut counts = HashMap::new();
    for (_, state, n) in counts_by_kind(db).await? {
        *counts.entry(state).or_insert(0) += n;
    }
    Ok(counts)
}

/// How many jobs of each kind are in each state: `(kind, state, count)`.
pub async fn counts_by_kind<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(String, String, u64)>, DbErr> {
    let rows: Vec<(String, String, i64)> = entity::Entity::find()
        .select_only()
        .column(entity::Column::Kind)
        .column(entity::Column::State)
        .column_as(entity::Column::Id.count(), "n")
        .group_by(entity::Column::Kind)
        .group_by(entity::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, state, n)| (kind, state, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Puts a failed job back in the queue, due now, with all its attempts again; false when the
/// job is not (or no longer) failed.
pub async fn retry<C: ConnectionTrait>(db: &C, now: DateTime<Utc>, id: i64) -> Result<bool, DbErr> {
    let result = entity::Entity::update_many()
        .col_expr(entity::Column::State, JobState::Queued.as_str().into())
        .col_expr(entity::Column::Attempts, 0.into())
        .col_expr(entity::Column::RunAt, now.into())
        .col_expr(
            entity::Column::FinishedAt,
            Option::<DateTime<Utc>>::None.into(),
        )
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::State.eq(JobState::Failed.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Node staff put failed job `id` back in the queue: recorded in the audit trail, and the
/// runners woken. A job that is not failed (any more) is a 409.
pub async fn retry_failed(
    state: &AppState,
    by: &crate::audit::By,
    id: i64,
) -> Result<(), crate::error::AppError> {
    let mut unit = crate::unit::Unit::begin(state, by).await?;
    let Some(job) = get(unit.db(), id).await? else {
        return Err(crate::error::AppError::NotFound("jobbet"));
    };
    if !retry(unit.db(), unit.now(), id).await? {
        return Err(crate::error::AppError::Conflict(
            "jobs-error-not-failed".to_owned(),
        ));
    }
    unit.audit("job.retry", format!("job:{id}"), job.kind);
    unit.commit().await?;
    state.jobs.wake();
    Ok(())
}

/// One job by id.
pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find_by_id(id).one(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_pause_longer_each_time_up_to_an_hour() {
        let pauses: Vec<i64> = (1..=9).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(pauses, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn states_read_back_as_written() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        assert_eq!(JobState::parse("other"), None);
    }
}
