//! The blob store: files that belong to items (attachments today; procurement documents and
//! field-report photos later), kept outside the database.
//!
//! [`Blobs`] stores bytes under opaque keys through `object_store`: files under
//! `data_dir/blobs` by default, or an S3-compatible bucket (`blob_store = "s3"`, in a build
//! with the `s3` feature) so several instances share them. A blob never has a public
//! address: every download goes through a feature's route, which asks the policy first.
//!
//! [`attachments`] is the generic table of files attached to items: a feature names its items
//! by a kind string and an id, checks access with its own `Readable` rules and hands the
//! policy's resource in; this kernel knows no feature.

pub mod attachments;
pub mod detect;
pub mod images;
pub mod pages;
pub mod routes;
#[doc(hidden)]
pub mod samples;
pub mod text;
pub mod upload;

use std::sync::Arc;

use bytes::Bytes;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};

use crate::config::Settings;

/// Where blobs are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// Files under `data_dir/blobs` (or `blob_dir`).
    #[default]
    Local,
    /// An S3-compatible bucket (`s3_bucket`, `s3_endpoint`, `s3_region`); the keys come from
    /// `NODEN_S3_ACCESS_KEY_ID` and `NODEN_S3_SECRET_ACCESS_KEY` (or the usual `AWS_*`
    /// variables). Needs a build with the `s3` feature.
    S3,
}

/// Why the blob store could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("cannot open the blob store: {0}")]
    Open(String),
    #[error("blob store: {0}")]
    Store(#[from] object_store::Error),
    #[error("no blob under {0}")]
    Missing(String),
}

impl BlobError {
    /// This error as the answer to a request that stored a file: a full disk is a 503 that
    /// says nothing can be saved just now; anything else is an internal error.
    pub fn answer(self, context: &'static str) -> crate::error::AppError {
        if self.is_storage_full() {
            crate::error::AppError::StorageFull(format!("{context}: {self}"))
        } else {
            crate::error::AppError::internal_from(context, self)
        }
    }

    /// Whether the store ran out of space (ENOSPC anywhere in the chain of causes).
    pub fn is_storage_full(&self) -> bool {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(self);
        while let Some(error) = cause {
            if let Some(io) = error.downcast_ref::<std::io::Error>()
                && (io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28))
            {
                return true;
            }
            cause = error.source();
        }
        false
    }
}

/// The store for the portal's files, shared by every request.
#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for Blobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blobs({})", self.store)
    }
}

impl Blobs {
    /// Opens the store `settings` name, creating the local folder if needed.
    pub fn open(settings: &Settings) -> Result<Blobs, BlobError> {
        match settings.blob_store {
            StoreKind::Local => {
                let dir = settings.blob_dir();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| BlobError::Open(format!("{}: {e}", dir.display())))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(&dir)
                    .map_err(|e| BlobError::Open(format!("{}: {e}", dir.display())))?;
                Ok(Blobs {
                    store: Arc::new(store),
                })
            }
            StoreKind::S3 => open_s3(settings),
        }
    }

    /// A store in memory, for tests of the kernel itself.
    pub fn in_memory() -> Blobs {
        Blobs {
            store: Arc::new(object_store::memory::InMemory::new()),
        }
    }

    /// Stores `bytes` under `key` (written whole or not at all).
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), BlobError> {
        self.store
            .put(&StorePath::from(key), PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    /// The bytes under `key`.
    pub async fn get(&self, key: &str) -> Result<Bytes, BlobError> {
        match self.store.get(&StorePath::from(key)).await {
            Ok(found) => Ok(found.bytes().await?),
            Err(object_store::Error::NotFound { .. }) => Err(BlobError::Missing(key.to_owned())),
            Err(e) => Err(e.into()),
        }
    }

    /// The key of every blob in the store (for backups), in no particular order.
    pub async fn keys(&self) -> Result<Vec<String>, BlobError> {
        use futures_util::TryStreamExt;
        let listed: Vec<object_store::ObjectMeta> = self.store.list(None).try_collect().await?;
        Ok(listed
            .into_iter()
            .map(|meta| meta.location.to_string())
            .collect())
    }

    /// Removes the blob under `key`; one that is already gone is no error.
    pub async fn delete(&self, key: &str) -> Result<(), BlobError> {
        match self.store.delete(&StorePath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(feature = "s3")]
fn open_s3(settings: &Settings) -> Result<Blobs, BlobError> {
    use secrecy::ExposeSecret;
    if settings.s3_bucket.trim().is_empty() {
        return Err(BlobError::Open(
            "blob_store = \"s3\" needs s3_bucket".to_owned(),
        ));
    }
    let mut builder = object_store::aws::AmazonS3Builder::from_env()
        .with_bucket_name(&settings.s3_bucket)
        .with_region(&settings.s3_region)
        .with_allow_http(settings.s3_allow_http);
    if let Some(endpoint) = settings.s3_endpoint.as_deref().filter(|e| !e.is_empty()) {
        builder = builder.with_endpoint(endpoint);
    }
    if let Some(id) = &settings.s3_access_key_id {
        builder = builder.with_access_key_id(id.expose_secret());
    }
    if let Some(secret) = &settings.s3_secret_access_key {
        builder = builder.with_secret_access_key(secret.expose_secret());
    }
    let store = builder
        .build()
        .map_err(|e| BlobError::Open(format!("s3: {e}")))?;
    Ok(Blobs {
        store: Arc::new(store),
    })
}

#[cfg(not(feature = "s3"))]
fn open_s3(_: &Settings) -> Result<Blobs, BlobError> {
    Err(BlobError::Open(
        "blob_store = \"s3\" needs a build with the `s3` feature (cargo build --features s3)"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_blob_comes_back_as_stored_and_is_gone_after_delete() {
        let blobs = Blobs::in_memory();
        blobs
            .put("attachments/one", Bytes::from_static(b"%PDF-1.4"))
            .await
            .unwrap();
        assert_eq!(
            blobs.get("attachments/one").await.unwrap().as_ref(),
            b"%PDF-1.4"
        );
        blobs.delete("attachments/one").await.unwrap();
        assert!(matches!(
            blobs.get("attachments/one").await,
            Err(BlobError::Missing(_))
        ));
        blobs.delete("attachments/one").await.unwrap();
    }

    #[tokio::test]
    async fn the_local_store_keeps_files_under_the_blob_folder() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let blobs = Blobs::open(&settings).unwrap();
        blobs
            .put("attachments/two", Bytes::from_static(b"a;b\n"))
            .await
            .unwrap();
        assert!(dir.path().join("blobs/attachments/two").is_file());
    }
}
