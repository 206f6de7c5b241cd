//! Keeps the search index in step with the database by following `change_log`.
//!
//! Each pass reads the changes after the index's own cursor (the position stored in its last
//! commit), turns each changed report into its current search document (or a delete), and
//! applies the batch as one commit carrying the new position. Replaying a change is harmless,
//! so a crash between the database commit and the index commit loses nothing.

pub mod generations;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use noden_search::{Change, SearchIndex};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use tokio::sync::{Mutex, Notify};
use uuid::Uuid;

use crate::catalog::Catalog;
use crate::changes;
use crate::reports;

const BATCH: u64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    #[error("database error while indexing")]
    Database(#[from] DbErr),
    #[error("search index error")]
    Search(#[from] noden_search::SearchError),
    #[error("indexing task failed: {0}")]
    Task(String),
}

/// The index searches use now. A rebuilt index replaces it while the portal keeps serving:
/// searches already running finish on the old one.
#[derive(Clone)]
pub struct IndexSlot(Arc<RwLock<Arc<SearchIndex>>>);

impl IndexSlot {
    pub fn new(index: Arc<SearchIndex>) -> Self {
        IndexSlot(Arc::new(RwLock::new(index)))
    }

    pub fn current(&self) -> Arc<SearchIndex> {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Puts `index` in the slot and hands back the previous one, so the caller can let it go
    /// (its writer shuts down) outside the lock.
    fn replace(&self, index: Arc<SearchIndex>) -> Arc<SearchIndex> {
        match self.0.write() {
            Ok(mut guard) => std::mem::replace(&mut *guard, index),
            Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), index),
        }
    }
}

/// A handle to the indexer. Cheap to clone.
#[derive(Clone)]
pub struct Indexer {
    inner: Arc<Inner>,
}

struct Inner {
    db: DatabaseConnection,
    index: IndexSlot,
    /// Where rebuilt indexes are offered; `None` for an index in memory.
    data_dir: Option<PathBuf>,
    catalog: Catalog,
    wake: Notify,
    /// Held during a pass so two passes never interleave.
    pass: Mutex<()>,
}

impl Indexer {
    pub fn new(
        db: DatabaseConnection,
        index: IndexSlot,
        data_dir: Option<PathBuf>,
        catalog: Catalog,
    ) -> Self {
        Indexer {
            inner: Arc::new(Inner {
                db,
                index,
                data_dir,
                catalog,
                wake: Notify::new(),
                pass: Mutex::new(()),
            }),
        }
    }

    /// Asks the background task to run a pass soon.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Runs the background task until the process ends: a pass when woken, and at least every
    /// `poll` to pick up changes written by other processes (the CLI, other instances).
    pub fn spawn(&self, poll: Duration) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(error) = me.catch_up().await {
                    tracing::error!(?error, "indexing pass failed; retrying");
                }
                let _ = tokio::time::timeout(poll, me.inner.wake.notified()).await;
            }
        })
    }

    /// Applies every change not yet in the index and returns the index's position. First
    /// switches to a rebuilt index when `noden reindex` offers one.
    pub async fn catch_up(&self) -> Result<i64, IndexerError> {
        let _pass = self.inner.pass.lock().await;
        self.take_offered_index().await?;
        self.apply_pending().await
    }

    /// Opens an offered index, makes it the one searches use and the live one on disk, and
    /// removes the old one. Its own cursor says where it stands, so the pass that follows
    /// brings it up to date.
    async fn take_offered_index(&self) -> Result<(), IndexerError> {
        let Some(data_dir) = self.inner.data_dir.clone() else {
            return Ok(());
        };
        let Some(dir) = generations::offered(&data_dir) else {
            return Ok(());
        };
        let live = generations::live_dir(&data_dir);
        if dir == live {
            return Ok(());
        }
        let opened = dir.clone();
        let index = blocking(move || SearchIndex::open_in_dir(&opened)).await??;
        let old = self.inner.index.replace(Arc::new(index));
        let previous = generations::promote(&data_dir, &dir)
            .map_err(|e| IndexerError::Task(format!("cannot switch to {}: {e}", dir.display())))?;
        tracing::info!(from = %previous.display(), to = %dir.display(), "switched to the rebuilt search index");
        // Searches still running keep the old index open; its files go when they are done.
        blocking(move || {
            drop(old);
            generations::remove_old(&previous);
        })
        .await?;
        Ok(())
    }

    async fn apply_pending(&self) -> Result<i64, IndexerError> {
        let mut cursor = self.position().await?;
        loop {
            let batch = changes::after(&self.inner.db, cursor, BATCH).await?;
            let Some(last) = batch.last().map(|c| c.position) else {
                return Ok(cursor);
            };
            if batch.iter().any(|c| {
                changes::Entity::parse(&c.entity).is_some_and(changes::Entity::is_reference_data)
            }) {
                self.inner.catalog.reload(&self.inner.db).await?;
            }
            let mut ids: HashMap<changes::Entity, HashSet<Uuid>> = HashMap::new();
            for change in &batch {
                if let Some(entity) = changes::Entity::parse(&change.entity) {
                    ids.entry(entity).or_default().insert(change.entity_id);
                }
            }
            let mut wanted = Wanted::default();
            for (entity, set) in ids {
                let list = set.into_iter().collect();
                match entity {
                    changes::Entity::Report => wanted.reports = list,
                    changes::Entity::Need => wanted.needs = list,
                    changes::Entity::Trial => wanted.trials = list,
                    changes::Entity::JournalEntry => wanted.entries = list,
                    changes::Entity::Technology => wanted.technologies = list,
                    _ => {}
                }
            }
            let docs = self.documents(&wanted).await?;
            let changes = wanted
                .all()
                .map(|id| match docs.get(&id) {
                    Some(doc) => Change::Upsert(doc.clone()),
                    None => Change::Delete { id: id.to_string() },
                })
                .collect::<Vec<_>>();
            let count = changes.len();
            self.apply(changes, last).await?;
            tracing::debug!(count, position = last, "indexed changes");
            cursor = last;
        }
    }

    async fn position(&self) -> Result<i64, IndexerError> {
        let index = self.inner.index.current();
        Ok(blocking(move || index.position()).await??.unwrap_or(0))
    }

    async fn apply(&self, changes: Vec<Change>, position: i64) -> Result<(), IndexerError> {
        let index = self.inner.index.current();
        blocking(move || index.apply(changes, position)).await??;
        Ok(())
    }

    /// The current search documents of the given items; missing ones were deleted (and
    /// reports not published are not shared, so they count as missing too).
    async fn documents(
        &self,
        wanted: &Wanted,
    ) -> Result<HashMap<Uuid, noden_search::Document>, IndexerError> {
        let catalog = self.inner.catalog.get();
        let db = &self.inner.db;
        let mut docs = HashMap::new();
        for chunk in wanted.reports.chunks(BATCH as usize) {
            let reports = reports::entity::Entity::find()
                .filter(reports::entity::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?;
            let categories = reports::categories_of(db, chunk).await?;
            for r in reports.iter().filter(|r| reports::is_published(r)) {
                let cats = categories.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
                docs.insert(r.id, reports::search_document(r, cats, &catalog));
            }
        }
        docs.extend(crate::needs::search_documents(db, &catalog, &wanted.needs).await?);
        docs.extend(
            crate::technologies::search_documents(db, &catalog, &wanted.technologies).await?,
        );
        docs.extend(
            crate::trials::search_documents(db, &catalog, &wanted.trials, &wanted.entries).await?,
        );
        Ok(docs)
    }

    /// Rebuilds the index from the database: clears it, then indexes every report, calling
    /// `progress(done, total)` along the way. Changes made meanwhile are replayed afterwards.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64, u64)) -> Result<u64, IndexerError> {
        let _pass = self.inner.pass.lock().await;
        self.inner.catalog.reload(&self.inner.db).await?;
        let head = changes::head(&self.inner.db).await?;
        let total = reports::count(&self.inner.db).await?;
        let index = self.inner.index.current();
        blocking(move || index.clear()).await??;
        let catalog = self.inner.catalog.get();
        let mut done = 0;
        let mut after = None;
        progress(0, total);
        loop {
            let page = reports::page_after(&self.inner.db, after, BATCH).await?;
            let Some(last) = page.last().map(|r| r.id) else {
                break;
            };
            let ids: Vec<Uuid> = page.iter().map(|r| r.id).collect();
            let categories = reports::categories_of(&self.inner.db, &ids).await?;
            let changes = page
                .iter()
                .filter(|r| reports::is_published(r))
                .map(|r| {
                    let cats = categories.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
                    Change::Upsert(reports::search_document(r, cats, &catalog))
                })
                .collect();
            // Position 0 until the end, so a crash mid-rebuild replays the whole log.
            self.apply(changes, 0).await?;
            done += page.len() as u64;
            progress(done, total);
            after = Some(last);
        }
        // Needs, trials, journal entries and catalogue entries, a batch at a time.
        let (trials, entries) = crate::trials::all_ids(&self.inner.db).await?;
        let needs = crate::needs::all_ids(&self.inner.db).await?;
        let technologies = crate::technologies::all_ids(&self.inner.db).await?;
        let mut parts = Vec::new();
        for chunk in needs.chunks(BATCH as usize) {
            parts.push(Wanted {
                needs: chunk.to_vec(),
                ..Wanted::default()
            });
        }
        for chunk in trials.chunks(BATCH as usize) {
            parts.push(Wanted {
                trials: chunk.to_vec(),
                ..Wanted::default()
            });
        }
        for chunk in entries.chunks(BATCH as usize) {
            parts.push(Wanted {
                entries: chunk.to_vec(),
                ..Wanted::default()
            });
        }
        for chunk in technologies.chunks(BATCH as usize) {
            parts.push(Wanted {
                technologies: chunk.to_vec(),
                ..Wanted::default()
            });
        }
        for part in parts {
            let docs = self.documents(&part).await?;
            self.apply(docs.into_values().map(Change::Upsert).collect(), 0)
                .await?;
        }
        self.apply(Vec::new(), head).await?;
        self.apply_pending().await?;
        Ok(done)
    }
}

/// The items a pass turns into search documents, by kind.
#[derive(Debug, Default)]
struct Wanted {
    reports: Vec<Uuid>,
    needs: Vec<Uuid>,
    trials: Vec<Uuid>,
    entries: Vec<Uuid>,
    technologies: Vec<Uuid>,
}

impl Wanted {
    fn all(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.reports
            .iter()
            .chain(&self.needs)
            .chain(&self.trials)
            .chain(&self.entries)
            .chain(&self.technologies)
            .copied()
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, IndexerError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| IndexerError::Task(e.to_string()))
}
