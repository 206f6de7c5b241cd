//! Opening, writing and committing the index.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use tantivy::directory::MmapDirectory;
use tantivy::query::QueryParser;
use tantivy::schema::Schema;
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::cache::{Corrections, ResultCache, TypoTerms};
use crate::collector::FacetCache;
use crate::schema::{self, Fields};
use crate::{Change, SCHEMA_VERSION, SearchError, analysis};

/// Name of the file, next to the index files, holding [`SCHEMA_VERSION`].
pub(crate) const SCHEMA_VERSION_FILE: &str = "noden-schema-version";

/// Memory budget of the index writer, shared by its threads.
const WRITER_MEMORY_BUDGET: usize = 100_000_000;

/// Indexing threads: two, so a rebuild uses both cores of a small server; searches run on
/// the blocking pool beside them.
const WRITER_THREADS: usize = 2;

/// Bytes of stored documents compressed together in the document store. Every hit shown
/// decompresses its whole block, so a block holds about one document of a typical length
/// (tantivy's default, 16 KiB, held three or four, all decompressed to show one); shorter
/// documents still share a block. Read when an index is created: an index keeps the size it
/// was created with (in its `meta.json`) until it is rebuilt.
const DOCSTORE_BLOCK_BYTES: usize = 4_096;

/// Files tantivy writes into an index directory besides segment files.
const TANTIVY_FILES: &[&str] = &[
    "meta.json",
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

/// The search index: one writer (behind a mutex) and a reader that is
/// reloaded after every commit. Cheap to share behind an `Arc`.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub(crate) fields: Fields,
    pub(crate) parser: QueryParser,
    pub(crate) facet_cache: FacetCache,
    pub(crate) result_cache: ResultCache,
    pub(crate) corrections: Corrections,
    pub(crate) typo_terms: TypoTerms,
    /// How many passes over matching documents searches made (see `SearchIndex::collect`).
    #[cfg(test)]
    pub(crate) passes: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("num_docs", &self.num_docs())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the directory) when
    /// missing. An index written with another [`SCHEMA_VERSION`] (or with an
    /// unexpected schema) is wiped and recreated empty.
    pub fn open_in_dir(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(SearchError::io(dir))?;
        let (schema, _) = schema::build();

        if let Some(index) = open_existing(dir, &schema)? {
            return Self::from_index(index);
        }

        let directory = open_directory(dir)?;
        let index = Index::create(directory, schema, settings())?;
        write_marker(dir)?;
        Self::from_index(index)
    }

    /// Whether another process (or another `SearchIndex` here) holds the
    /// writer of the index in `dir`. Never changes the directory: a
    /// missing or foreign index is simply "not in use".
    pub fn in_use(dir: &Path) -> bool {
        let Ok(directory) = MmapDirectory::open(dir) else {
            return false;
        };
        let Ok(index) = Index::open(directory) else {
            return false;
        };
        matches!(
            index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000),
            Err(tantivy::TantivyError::LockFailure(..))
        )
    }

    /// Creates an empty index in memory (for tests and tools).
    pub fn create_in_ram() -> Result<Self, SearchError> {
        let (schema, _) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()?;
        Self::from_index(index)
    }

    fn from_index(index: Index) -> Result<Self, SearchError> {
        analysis::register(index.tokenizers());
        let (_, fields) = schema::build();
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY_BUDGET)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let parser = crate::query::parser(&index, &fields);
        let search_index = SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            parser,
            facet_cache: FacetCache::default(),
            result_cache: ResultCache::default(),
            corrections: Corrections::default(),
            typo_terms: TypoTerms::default(),
            #[cfg(test)]
            passes: Default::default(),
        };
        search_index.refresh_facet_cache();
        Ok(search_index)
    }

    /// Applies a batch as one commit whose payload records `position` (the
    /// caller's change-log cursor). Upserts replace any document with the
    /// same id, so replaying a batch is harmless. The reader is reloaded
    /// before returning, so searches see the change immediately.
    pub fn apply(&self, changes: Vec<Change>, position: i64) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        let staged = changes.into_iter().try_for_each(|change| {
            match change {
                Change::Upsert(doc) => {
                    writer.delete_term(Term::from_field_text(self.fields.id, &doc.id));
                    writer.add_document(self.fields.to_tantivy(&doc))?;
                }
                Change::Delete { id } => {
                    writer.delete_term(Term::from_field_text(self.fields.id, &id));
                }
            }
            Ok::<(), tantivy::TantivyError>(())
        });
        let committed = staged.and_then(|()| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&position.to_string());
            prepared.commit()
        });
        self.finish_commit(&mut writer, committed)
    }

    /// The position stored by the last successful [`apply`](Self::apply);
    /// `None` for a new, cleared or wiped index.
    pub fn position(&self) -> Result<Option<i64>, SearchError> {
        let metas = self.index.load_metas()?;
        metas
            .payload
            .map(|payload| {
                payload
                    .trim()
                    .parse::<i64>()
                    .map_err(|source| SearchError::InvalidPayload { payload, source })
            })
            .transpose()
    }

    /// Begins a bulk load (a rebuild): tantivy merges no segments in the background until
    /// [`merge_segments`](Self::merge_segments) merges them all at once.
    pub fn begin_bulk_load(&self) {
        self.lock_writer()
            .set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }

    /// Merges the committed segments into one, waits for it, and lets tantivy merge in the
    /// background again as it does by default. After a bulk load, a search then sets up its
    /// scorers and facet data once rather than once per segment. The stored position is
    /// kept. A segment that tantivy is already merging in the background is left to that
    /// merge.
    pub fn merge_segments(&self) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        writer.set_merge_policy(Box::new(tantivy::indexer::LogMergePolicy::default()));
        let merging: Vec<_> = self.index.searchable_segment_ids()?;
        if merging.len() > 1
            && let Err(error) = writer.merge(&merging).wait()
        {
            tracing::info!(%error, "merging the search index's segments was left to tantivy");
        }
        drop(writer);
        self.reader.reload()?;
        self.refresh_facet_cache();
        Ok(())
    }

    /// Number of segments in the last reloaded view.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Deletes every document and commits without a position (used before a
    /// full rebuild).
    pub fn clear(&self) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        let committed = writer
            .delete_all_documents()
            .and_then(|_| writer.prepare_commit()?.commit());
        self.finish_commit(&mut writer, committed)
    }

    /// Forgets what earlier searches collected, the corrections proposed and the typo
    /// expansions of words searched (see the `cache` module), so the next searches visit
    /// their matching documents again: for benchmarks that measure a search nobody has made
    /// before. A commit makes earlier results unused anyway.
    pub fn forget_cached_results(&self) {
        self.result_cache.clear();
        self.corrections.clear();
        self.typo_terms.clear();
    }

    /// Number of (visible or not) documents in the last reloaded view.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Prepares the facet data of new segments so searches do not pay for
    /// it. On failure searches load it themselves (and report the error).
    fn refresh_facet_cache(&self) {
        if let Err(error) = self.facet_cache.refresh(&self.reader.searcher()) {
            tracing::warn!(%error, "loading facet data of the search index failed");
        }
    }

    /// Locks the writer. A panic in another thread while it held the lock
    /// leaves uncommitted operations of unknown state: they are rolled back.
    fn lock_writer(&self) -> MutexGuard<'_, IndexWriter> {
        match self.writer.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                self.writer.clear_poison();
                let mut guard = poisoned.into_inner();
                if let Err(error) = guard.rollback() {
                    tracing::error!(%error, "rolling back the search index writer failed");
                }
                guard
            }
        }
    }

    /// Reloads the reader after a successful commit, or rolls back the
    /// staged operations after a failure so they do not leak into the next
    /// commit.
    fn finish_commit(
        &self,
        writer: &mut IndexWriter,
        committed: tantivy::Result<tantivy::Opstamp>,
    ) -> Result<(), SearchError> {
        match committed {
            Ok(_) => {
                self.reader.reload()?;
                self.refresh_facet_cache();
                Ok(())
            }
            Err(error) => {
                if let Err(rollback_error) = writer.rollback() {
                    tracing::error!(error = %rollback_error, "rolling back the search index writer failed");
                }
                Err(error.into())
            }
        }
    }
}

fn open_directory(dir: &Path) -> Result<MmapDirectory, SearchError> {
    MmapDirectory::open(dir).map_err(|source| SearchError::OpenDirectory {
        path: dir.to_owned(),
        source,
    })
}

/// The settings of a new index.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Opens the index already in `dir` if it was written with this crate's
/// schema version and schema. When it was not, wipes it and returns `None`.
fn open_existing(dir: &Path, schema: &Schema) -> Result<Option<Index>, SearchError> {
    let directory = open_directory(dir)?;
    let exists = Index::exists(&directory)
        .map_err(|error| SearchError::Tantivy(tantivy::TantivyError::from(error)))?;
    if !exists {
        return Ok(None);
    }
    let marker = read_marker(dir)?;
    if marker == Some(SCHEMA_VERSION) {
        let index = Index::open(directory)?;
        if index.schema() == *schema {
            return Ok(Some(index));
        }
        drop(index);
        tracing::warn!(
            dir = %dir.display(),
            "search index schema differs from this build's; wiping it (a full rebuild is needed)"
        );
    } else {
        drop(directory);
        tracing::warn!(
            dir = %dir.display(),
            found = ?marker,
            expected = SCHEMA_VERSION,
            "search index has another schema version; wiping it (a full rebuild is needed)"
        );
    }
    wipe(dir)?;
    Ok(None)
}

fn read_marker(dir: &Path) -> Result<Option<u32>, SearchError> {
    let path = dir.join(SCHEMA_VERSION_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text.trim().parse().ok()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(SearchError::io(path)(error)),
    }
}

fn write_marker(dir: &Path) -> Result<(), SearchError> {
    let path = dir.join(SCHEMA_VERSION_FILE);
    let tmp = dir.join(format!("{SCHEMA_VERSION_FILE}.tmp"));
    std::fs::write(&tmp, format!("{SCHEMA_VERSION}\n")).map_err(SearchError::io(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(SearchError::io(path))
}

/// Whether `name` is a file tantivy writes into an index directory: its
/// bookkeeping files and segment files (`<32 hex digits>.<ext>`).
fn is_index_file(name: &str) -> bool {
    if TANTIVY_FILES.contains(&name) || name == SCHEMA_VERSION_FILE {
        return true;
    }
    let bytes = name.as_bytes();
    bytes.len() > 33 && bytes[..32].iter().all(u8::is_ascii_hexdigit) && bytes[32] == b'.'
}

/// Removes the index files from `dir`, leaving any unrelated file alone.
fn wipe(dir: &Path) -> Result<(), SearchError> {
    let entries = std::fs::read_dir(dir).map_err(SearchError::io(dir))?;
    for entry in entries {
        let entry = entry.map_err(SearchError::io(dir))?;
        let path = entry.path();
        let is_file = entry.file_type().map_err(SearchError::io(&path))?.is_file();
        if is_file && entry.file_name().to_str().is_some_and(is_index_file) {
            std::fs::remove_file(&path).map_err(SearchError::io(&path))?;
        }
    }
    Ok(())
}
