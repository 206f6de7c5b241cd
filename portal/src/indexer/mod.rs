//! Keeps the search index in step with the database by following `change_log`.
//!
//! Each pass reads the changes after the index's own cursor (the position stored in its last
//! commit), asks the [`Source`] registered for each changed kind for the item's current search
//! document (none means a delete), and applies the batch as one commit carrying the new
//! position. Replaying a change is harmless, so a crash between the database commit and the
//! index commit loses nothing. Features register their sources when the state is opened; the
//! indexer knows none of them.

pub mod generations;

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use noden_search::{Change, SearchIndex};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tokio::sync::{Mutex, Notify, OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

use crate::catalog::{Catalog, CatalogData};
use crate::changes::{self, Kind};

/// A future a [`Source`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// Search documents by item id.
pub type Documents = HashMap<Uuid, noden_search::Document>;

/// What a feature gives the indexer: the search documents of its items. Registered once, when
/// the state is opened.
pub trait Source: Send + Sync {
    /// The change-log kinds whose items this source turns into documents.
    fn kinds(&self) -> &'static [Kind];

    /// The current documents of the items `ids` of `kind`. An item left out (deleted, or not
    /// to be found, like a draft) leaves the index.
    fn documents<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        catalog: &'a CatalogData,
        kind: Kind,
        ids: &'a [Uuid],
    ) -> BoxFuture<'a, Result<Documents, DbErr>>;

    /// Up to `limit` ids of `kind` after `after`, in id order: a rebuild walks them all.
    fn ids_after<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        kind: Kind,
        after: Option<Uuid>,
        limit: u64,
    ) -> BoxFuture<'a, Result<Vec<Uuid>, DbErr>>;

    /// How many items of `kind` there are, for a rebuild's progress.
    fn count<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        kind: Kind,
    ) -> BoxFuture<'a, Result<u64, DbErr>>;
}

/// A page of the ids of the table behind `E`, in order of its `id` column: what most
/// sources answer to [`Source::ids_after`].
pub async fn ids_after<E: EntityTrait>(
    db: &DatabaseConnection,
    id: E::Column,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Uuid>, DbErr> {
    let mut query = E::find()
        .select_only()
        .column(id)
        .order_by_asc(id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(id.gt(after));
    }
    query.into_tuple::<Uuid>().all(db).await
}

/// How many rows the table behind `E` holds: what most sources answer to [`Source::count`].
pub async fn count<E: EntityTrait>(db: &DatabaseConnection) -> Result<u64, DbErr>
where
    E::Model: Sync,
{
    E::find().count(db).await
}

/// Declares a feature's [`Source`]: the kinds it indexes, each with its table and id column,
/// and the async function that makes documents:
/// `async fn documents(db, catalog, kind, ids) -> Result<Documents, DbErr>`.
macro_rules! search_source {
    ($name:ident { $($kind:expr => $entity:ty, $id:expr;)+ } documents: $documents:path) => {
        /// This feature's items, for the indexer.
        pub struct $name;

        impl $crate::indexer::Source for $name {
            fn kinds(&self) -> &'static [$crate::changes::Kind] {
                &[$($kind),+]
            }

            fn documents<'a>(
                &'a self,
                db: &'a sea_orm::DatabaseConnection,
                catalog: &'a $crate::catalog::CatalogData,
                kind: $crate::changes::Kind,
                ids: &'a [uuid::Uuid],
            ) -> $crate::indexer::BoxFuture<'a, Result<$crate::indexer::Documents, sea_orm::DbErr>> {
                Box::pin($documents(db, catalog, kind, ids))
            }

            fn ids_after<'a>(
                &'a self,
                db: &'a sea_orm::DatabaseConnection,
                kind: $crate::changes::Kind,
                after: Option<uuid::Uuid>,
                limit: u64,
            ) -> $crate::indexer::BoxFuture<'a, Result<Vec<uuid::Uuid>, sea_orm::DbErr>> {
                $(
                    if kind == $kind {
                        return Box::pin($crate::indexer::ids_after::<$entity>(db, $id, after, limit));
                    }
                )+
                Box::pin(async { Ok(Vec::new()) })
            }

            fn count<'a>(
                &'a self,
                db: &'a sea_orm::DatabaseConnection,
                kind: $crate::changes::Kind,
            ) -> $crate::indexer::BoxFuture<'a, Result<u64, sea_orm::DbErr>> {
                $(
                    if kind == $kind {
                        return Box::pin($crate::indexer::count::<$entity>(db));
                    }
                )+
                Box::pin(async { Ok(0) })
            }
        }
    };
}
pub(crate) use search_source;

const BATCH: u64 = 500;

/// The node facet's value for items written here (federated items carry their peer's).
pub const LOCAL_NODE: &str = "lokal";

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
pub struct IndexSlot(Arc<RwLock<Arc<SearchIndex>>>, Arc<Semaphore>);

impl IndexSlot {
    pub fn new(index: Arc<SearchIndex>) -> Self {
        // A search keeps a core busy from start to end: more at once than there are cores
        // only makes each take longer (and holds a thread, with its memory, for each).
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        IndexSlot(
            Arc::new(RwLock::new(index)),
            Arc::new(Semaphore::new(cores)),
        )
    }

    /// Leave to search: at most one search per core runs at a time, the others wait here.
    pub async fn turn(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.1).acquire_owned().await.ok()
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
    sources: Vec<Arc<dyn Source>>,
    wake: Notify,
    /// Held during a pass so two passes never interleave.
    pass: Mutex<()>,
    /// Whether a pass has brought the index up to the change log since the process started.
    caught_up: AtomicBool,
}

impl Indexer {
    pub fn new(
        db: DatabaseConnection,
        index: IndexSlot,
        data_dir: Option<PathBuf>,
        catalog: Catalog,
        sources: Vec<Arc<dyn Source>>,
    ) -> Self {
        Indexer {
            inner: Arc::new(Inner {
                db,
                index,
                data_dir,
                catalog,
                sources,
                wake: Notify::new(),
                pass: Mutex::new(()),
                caught_up: AtomicBool::new(false),
            }),
        }
    }

    /// The current search documents of the items `ids` of `kind`, from the source that
    /// registered the kind (none for a kind no source indexes): what the index would hold.
    pub async fn current_documents(&self, kind: Kind, ids: &[Uuid]) -> Result<Documents, DbErr> {
        let catalog = self.inner.catalog.get();
        match self
            .inner
            .sources
            .iter()
            .find(|s| s.kinds().contains(&kind))
        {
            Some(source) => source.documents(&self.inner.db, &catalog, kind, ids).await,
            None => Ok(Documents::new()),
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
        let position = self.apply_pending().await?;
        self.inner.caught_up.store(true, Ordering::Release);
        Ok(position)
    }

    /// Whether the index has caught up with the change log since the process started: until
    /// then it may lack what the database holds (the demo content right after a first start,
    /// what an import wrote while the portal was stopped), so the portal is not ready.
    pub fn has_caught_up(&self) -> bool {
        self.inner.caught_up.load(Ordering::Acquire)
    }

    /// How far the index is behind: the change log's newest position minus the index's.
    pub async fn lag(&self) -> Result<i64, IndexerError> {
        let head = changes::head(&self.inner.db).await?;
        Ok((head - self.position().await?).max(0))
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
            if batch
                .iter()
                .any(|c| crate::catalog::is_reference_data(&c.entity))
            {
                self.inner.catalog.reload(&self.inner.db).await?;
            }
            let mut wanted: BTreeMap<&str, Vec<Uuid>> = BTreeMap::new();
            for change in &batch {
                let ids = wanted.entry(change.entity.as_str()).or_default();
                if !ids.contains(&change.entity_id) {
                    ids.push(change.entity_id);
                }
            }
            let mut changes = Vec::new();
            for (kind, ids) in wanted {
                let Some((source, kind)) = self.source_of(kind) else {
                    continue;
                };
                let mut docs = self.documents(source, kind, &ids).await?;
                changes.extend(ids.into_iter().map(|id| match docs.remove(&id) {
                    Some(doc) => Change::Upsert(doc),
                    None => Change::Delete { id: id.to_string() },
                }));
            }
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

    /// The source registered for the change-log kind named `kind`, if any (reference data
    /// has none: it changes the catalog, not the index).
    fn source_of(&self, kind: &str) -> Option<(&dyn Source, Kind)> {
        self.inner.sources.iter().find_map(|source| {
            source
                .kinds()
                .iter()
                .find(|k| k.as_str() == kind)
                .map(|k| (source.as_ref(), *k))
        })
    }

    /// Who may read item `id` of the change-log kind named `kind` now: the principals of its
    /// current search document, asked of the source registered for the kind. `None` when the
    /// item is gone, is not to be found (a draft), or no source indexes its kind: a caller
    /// checking a reader (the digest) leaves such an item out.
    pub async fn principals_of(&self, kind: &str, id: Uuid) -> Result<Option<Vec<String>>, DbErr> {
        let Some((source, kind)) = self.source_of(kind) else {
            return Ok(None);
        };
        let catalog = self.inner.catalog.get();
        let mut docs = source
            .documents(&self.inner.db, &catalog, kind, &[id])
            .await?;
        Ok(docs.remove(&id).map(|doc| doc.principals))
    }

    async fn documents(
        &self,
        source: &dyn Source,
        kind: Kind,
        ids: &[Uuid],
    ) -> Result<Documents, IndexerError> {
        let catalog = self.inner.catalog.get();
        let mut docs = Documents::new();
        for chunk in ids.chunks(BATCH as usize) {
            docs.extend(
                source
                    .documents(&self.inner.db, &catalog, kind, chunk)
                    .await?,
            );
        }
        Ok(docs)
    }

    /// Rebuilds the index from the database: clears it, then indexes every item of every
    /// source, calling `progress(done, total)` along the way. Changes made meanwhile are
    /// replayed afterwards.
    pub async fn rebuild(&self, mut progress: impl FnMut(u64, u64)) -> Result<u64, IndexerError> {
        let _pass = self.inner.pass.lock().await;
        let db = &self.inner.db;
        self.inner.catalog.reload(db).await?;
        let head = changes::head(db).await?;
        let mut total = 0;
        for source in &self.inner.sources {
            for &kind in source.kinds() {
                total += source.count(db, kind).await?;
            }
        }
        let index = self.inner.index.current();
        // Emptied first: should that fail, background merging has not been paused.
        blocking(move || {
            index.clear()?;
            index.begin_bulk_load();
            Ok::<_, noden_search::SearchError>(())
        })
        .await??;
        let loaded = self.load_every_source(total, &mut progress).await;
        // One segment instead of the many a bulk load leaves: less work per search. Also
        // after a failure, so tantivy merges in the background again.
        let index = self.inner.index.current();
        blocking(move || index.merge_segments()).await??;
        let done = loaded?;
        self.apply(Vec::new(), head).await?;
        self.apply_pending().await?;
        Ok(done)
    }

    /// Indexes every item of every source (the rebuild's bulk load), calling
    /// `progress(done, total)` along the way; returns how many were indexed.
    async fn load_every_source(
        &self,
        total: u64,
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<u64, IndexerError> {
        let db = &self.inner.db;
        let mut done = 0;
        progress(0, total);
        for source in &self.inner.sources {
            for &kind in source.kinds() {
                let mut after = None;
                loop {
                    let ids = source.ids_after(db, kind, after, BATCH).await?;
                    let Some(&last) = ids.last() else {
                        break;
                    };
                    let docs = self.documents(source.as_ref(), kind, &ids).await?;
                    // Position 0 until the end, so a crash mid-rebuild replays the whole log.
                    self.apply(docs.into_values().map(Change::Upsert).collect(), 0)
                        .await?;
                    done += ids.len() as u64;
                    progress(done.min(total), total);
                    after = Some(last);
                }
            }
        }
        Ok(done)
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, IndexerError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| IndexerError::Task(e.to_string()))
}
