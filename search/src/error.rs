use std::path::PathBuf;

/// Errors returned by [`crate::SearchIndex`].
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// An error reported by tantivy (I/O, corruption, locking, …).
    #[error("search index error")]
    Tantivy(#[source] tantivy::TantivyError),

    /// The index directory could not be opened.
    #[error("cannot open index directory {path}")]
    OpenDirectory {
        path: PathBuf,
        #[source]
        source: tantivy::directory::error::OpenDirectoryError,
    },

    /// A file next to the index (directory, schema-version marker) could not
    /// be read, written or removed.
    #[error("I/O error on {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The commit payload is not a position written by this crate.
    #[error("invalid commit payload {payload:?}")]
    InvalidPayload {
        payload: String,
        #[source]
        source: std::num::ParseIntError,
    },
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> Self {
        SearchError::Tantivy(error)
    }
}

impl SearchError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> SearchError {
        let path = path.into();
        move |source| SearchError::Io { path, source }
    }
}
