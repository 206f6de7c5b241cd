//! `noden backup DIR` and `noden restore DIR`: a consistent copy of the database and the blob
//! store, taken while the portal runs, with a manifest of every file and its SHA-256.
//!
//! The database is copied in one snapshot: SQLite's `VACUUM INTO` reads one transaction's view
//! of the database into a new file, and `pg_dump` does the same for PostgreSQL. Blobs are
//! written before the row that names them is committed and never change under a key, so the
//! store is listed and copied twice, before and after the snapshot: every blob the snapshot
//! names is in the copy (unless it was deleted in the moment between the snapshot and the
//! second listing, which only a blob removed right then can be). The search index is not
//! copied: `restore` rebuilds it from the database. The node's federation key is in the
//! database unless it is given as `NODEN_FEDERATION_KEY`; the manifest says which.
//!
//! A backup directory without `manifest.json` is incomplete: the manifest is written last, and
//! `restore` checks every file against it before it touches anything.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::blobs::{BlobError, Blobs};
use crate::cli::{said, say};
use crate::config::Settings;

/// The file that describes a backup.
pub const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "noden.sqlite3";
const POSTGRES_FILE: &str = "database.pgdump";
const BLOBS_DIR: &str = "blobs";

/// What a backup holds, written last as `manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest's own format.
    pub format: u32,
    /// The version of Noden that wrote the backup.
    pub noden_version: String,
    pub created_at: DateTime<Utc>,
    pub database: DatabasePart,
    pub blobs: BlobsPart,
    /// Where the node's federation signing key is: `database` (in this backup) or
    /// `environment` (`NODEN_FEDERATION_KEY`, kept outside Noden; not in this backup).
    pub node_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabasePart {
    /// `sqlite` or `postgresql`.
    pub backend: String,
    /// The newest migration applied when the snapshot was taken.
    pub migration: String,
    pub file: FileEntry,
    /// PostgreSQL: the server's version, and the `pg_dump` command that wrote the file (the
    /// password left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dumped_with: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlobsPart {
    /// The files of the blob store, by key (their path under `blobs/`).
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The path inside the backup directory.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Why a backup or restore stopped; the message is for the person at the command line.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Refused(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", crate::cli::said("cli-backup-database-error", "error", .0))]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Blob(#[from] BlobError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Progress of a backup or restore, as lines for the command line.
pub trait Progress {
    fn step(&mut self, what: &str);
}

impl<F: FnMut(&str)> Progress for F {
    fn step(&mut self, what: &str) {
        self(what)
    }
}

/// Writes a backup of the database `db` and the blob store into `dir`, which must be missing
/// or empty; `now` is when it was taken.
pub async fn backup(
    settings: &Settings,
    db: &DatabaseConnection,
    blobs: &Blobs,
    dir: &Path,
    now: DateTime<Utc>,
    mut progress: impl Progress,
) -> Result<Manifest, BackupError> {
    prepare_empty(dir)?;
    let blob_dir = dir.join(BLOBS_DIR);
    let mut copied = BTreeMap::new();
    progress.step(&say("cli-backup-step-files", &[]));
    copy_blobs(blobs, &blob_dir, &mut copied).await?;

    progress.step(&say("cli-backup-step-database", &[]));
    let migration = newest_migration(db).await?;
    if migration.is_empty() {
        return Err(BackupError::Refused(say("cli-backup-no-tables", &[])));
    }
    let database = match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let target = dir.join(SQLITE_FILE);
            let quoted = target.display().to_string().replace('\'', "''");
            db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
                .await?;
            DatabasePart {
                backend: "sqlite".to_owned(),
                migration,
                file: entry_of(dir, SQLITE_FILE)?,
                server_version: None,
                dumped_with: None,
            }
        }
        DatabaseBackend::Postgres => {
            let server_version = postgres_version(db).await?;
            let url = settings.effective_database_url();
            let target = dir.join(POSTGRES_FILE);
            let dumped_with = pg_dump(&url, &server_version, &target).await?;
            DatabasePart {
                backend: "postgresql".to_owned(),
                migration,
                file: entry_of(dir, POSTGRES_FILE)?,
                server_version: Some(server_version),
                dumped_with: Some(dumped_with),
            }
        }
        other => {
            return Err(BackupError::Refused(said(
                "cli-backup-unsupported",
                "backend",
                format!("{other:?}"),
            )));
        }
    };

    // Blobs added while the snapshot was taken, which it may name.
    progress.step(&say("cli-backup-step-late-files", &[]));
    copy_blobs(blobs, &blob_dir, &mut copied).await?;

    let manifest = Manifest {
        format: 1,
        noden_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: now,
        database,
        blobs: BlobsPart {
            files: copied.into_values().collect(),
        },
        node_key: if settings.federation_key.is_some() {
            "environment".to_owned()
        } else {
            "database".to_owned()
        },
    };
    write_manifest(dir, &manifest)?;
    Ok(manifest)
}

/// Reads the manifest of the backup in `dir` and checks every file it names: present, of its
/// size and its SHA-256.
pub fn verify(dir: &Path) -> Result<Manifest, BackupError> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            BackupError::Refused(said("cli-backup-manifest-missing", "path", path.display()))
        } else {
            io(&path)(e)
        }
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        BackupError::Refused(say(
            "cli-backup-manifest-unreadable",
            &[
                ("path", path.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        ))
    })?;
    if manifest.format != 1 {
        return Err(BackupError::Refused(said(
            "cli-backup-format",
            "format",
            manifest.format,
        )));
    }
    for expected in std::iter::once(&manifest.database.file).chain(&manifest.blobs.files) {
        let found = entry_of(dir, &expected.path)?;
        if &found != expected {
            return Err(BackupError::Refused(said(
                "cli-backup-damaged",
                "path",
                dir.join(&expected.path).display(),
            )));
        }
    }
    Ok(manifest)
}

/// Brings the backup in `dir` into the fresh database and blob store `settings` name. The
/// caller migrates the database and rebuilds the index afterwards.
pub async fn restore(
    settings: &Settings,
    dir: &Path,
    mut progress: impl Progress,
) -> Result<Manifest, BackupError> {
    progress.step(&say("cli-restore-step-check", &[]));
    let manifest = verify(dir)?;
    let url = settings.effective_database_url();
    let index = crate::indexer::generations::live_dir(&settings.data_dir);
    if index.exists() {
        return Err(BackupError::Refused(say(
            "cli-restore-index-exists",
            &[
                ("dir", settings.data_dir.display().to_string().into()),
                ("index", index.display().to_string().into()),
            ],
        )));
    }
    progress.step(&say("cli-restore-step-database", &[]));
    match (
        manifest.database.backend.as_str(),
        url.starts_with("sqlite:"),
    ) {
        ("sqlite", true) => {
            let target = sqlite_path(&url)?;
            if target.exists() {
                return Err(BackupError::Refused(said(
                    "cli-restore-file-exists",
                    "path",
                    target.display(),
                )));
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let partial = target.with_extension("restoring");
            std::fs::copy(dir.join(&manifest.database.file.path), &partial)
                .map_err(io(&partial))?;
            std::fs::File::open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(io(&partial))?;
            std::fs::rename(&partial, &target).map_err(io(&target))?;
        }
        ("postgresql", false) => {
            let db = crate::db::connect(&url).await?;
            let tables = db
                .query_one_raw(Statement::from_string(
                    DatabaseBackend::Postgres,
                    "SELECT count(*) AS n FROM information_schema.tables \
                     WHERE table_schema = current_schema()",
                ))
                .await?
                .map(|row| row.try_get::<i64>("", "n"))
                .transpose()?
                .unwrap_or(0);
            db.close().await?;
            if tables > 0 {
                return Err(BackupError::Refused(say("cli-restore-tables-exist", &[])));
            }
            pg_restore(&url, &dir.join(&manifest.database.file.path)).await?;
        }
        (backend, _) => {
            let configured = if url.starts_with("sqlite:") {
                "SQLite"
            } else {
                "PostgreSQL"
            };
            return Err(BackupError::Refused(say(
                "cli-restore-wrong-backend",
                &[
                    ("backend", backend.into()),
                    ("configured", configured.into()),
                ],
            )));
        }
    }
    progress.step(&say("cli-restore-step-files", &[]));
    let blobs = Blobs::open(settings)?;
    for file in &manifest.blobs.files {
        let path = dir.join(&file.path);
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let key = file
            .path
            .strip_prefix(&format!("{BLOBS_DIR}/"))
            .unwrap_or(&file.path);
        blobs.put(key, bytes.into()).await?;
    }
    Ok(manifest)
}

/// Creates `dir`, or accepts it when it exists and is empty.
fn prepare_empty(dir: &Path) -> Result<(), BackupError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::Refused(said(
                    "cli-backup-dir-not-empty",
                    "dir",
                    dir.display(),
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io(dir))
        }
        Err(e) => Err(io(dir)(e)),
    }
}

/// Copies every blob not yet in `copied` to `into/<key>`.
async fn copy_blobs(
    blobs: &Blobs,
    into: &Path,
    copied: &mut BTreeMap<String, FileEntry>,
) -> Result<(), BackupError> {
    for key in blobs.keys().await? {
        if copied.contains_key(&key) {
            continue;
        }
        let bytes = match blobs.get(&key).await {
            Ok(bytes) => bytes,
            // Deleted since it was listed: its row is gone from the database too.
            Err(BlobError::Missing(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let path = into.join(&key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        write_synced(&path, &bytes)?;
        copied.insert(
            key.clone(),
            FileEntry {
                path: format!("{BLOBS_DIR}/{key}"),
                bytes: bytes.len() as u64,
                sha256: hex(&Sha256::digest(&bytes)),
            },
        );
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    let mut file = std::fs::File::create(path).map_err(io(path))?;
    file.write_all(bytes).map_err(io(path))?;
    file.sync_all().map_err(io(path))
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), BackupError> {
    let text = serde_json::to_vec_pretty(manifest)
        .map_err(|e| BackupError::Refused(said("cli-backup-manifest-error", "error", e)))?;
    let partial = dir.join(format!("{MANIFEST}.partial"));
    write_synced(&partial, &text)?;
    let path = dir.join(MANIFEST);
    std::fs::rename(&partial, &path).map_err(io(&path))?;
    // The rename itself is durable once the directory is synced.
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))
}

/// The size and SHA-256 of `relative` under `dir`, read in pieces.
fn entry_of(dir: &Path, relative: &str) -> Result<FileEntry, BackupError> {
    let path = dir.join(relative);
    let mut file = std::fs::File::open(&path).map_err(io(&path))?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).map_err(io(&path))?;
    Ok(FileEntry {
        path: relative.to_owned(),
        bytes,
        sha256: hex(&hasher.finalize()),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The newest migration applied, or nothing when the database has no migration table.
async fn newest_migration(db: &DatabaseConnection) -> Result<String, BackupError> {
    let row = match db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations ORDER BY version DESC LIMIT 1",
        ))
        .await
    {
        Ok(row) => row,
        // No such table (SQLite: "no such table: …", PostgreSQL: "relation … does not
        // exist"): not a Noden database, or an empty one.
        Err(e) if e.to_string().contains("seaql_migrations") => None,
        Err(e) => return Err(e.into()),
    };
    Ok(row
        .map(|r| r.try_get::<String>("", "version"))
        .transpose()?
        .unwrap_or_default())
}

async fn postgres_version(db: &DatabaseConnection) -> Result<String, BackupError> {
    let row = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SHOW server_version",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<String>("", "server_version"))
        .transpose()?
        .unwrap_or_default())
}

/// The major version in a version text such as "15.19 (Debian 15.19-0+deb12u1)" or
/// "pg_dump (PostgreSQL) 16.4".
fn major_version(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit() && c != '.')
        .find(|part| part.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .and_then(|version| version.split('.').next())
        .and_then(|major| major.parse().ok())
}

/// A libpq connection address without its password, and the password (for `PGPASSWORD`, so it
/// is not shown in the process list).
fn without_password(url: &str) -> (String, Option<String>) {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            let password = parsed.password().map(|p| {
                percent_encoding::percent_decode_str(p)
                    .decode_utf8_lossy()
                    .into_owned()
            });
            let _ = parsed.set_password(None);
            (parsed.to_string(), password)
        }
        Err(_) => (url.to_owned(), None),
    }
}

/// Runs a PostgreSQL client program and returns its standard output, or why it failed.
async fn run_client(
    program: &'static str,
    args: Vec<String>,
    password: Option<String>,
) -> Result<String, BackupError> {
    // The blocking thread has no page frame: the texts are made in the command's language.
    let lang = crate::web::i18n::lang();
    tokio::task::spawn_blocking(move || {
        let mut command = std::process::Command::new(program);
        command.args(&args);
        if let Some(password) = password {
            command.env("PGPASSWORD", password);
        }
        let output = command.output().map_err(|e| {
            BackupError::Refused(crate::web::i18n::text_with(
                lang,
                "cli-backup-client-missing",
                &[("program", program.into()), ("error", e.to_string().into())],
            ))
        })?;
        if !output.status.success() {
            return Err(BackupError::Refused(crate::web::i18n::text_with(
                lang,
                "cli-backup-client-failed",
                &[
                    ("program", program.into()),
                    (
                        "error",
                        String::from_utf8_lossy(&output.stderr)
                            .trim()
                            .to_owned()
                            .into(),
                    ),
                ],
            )));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    })
    .await
    .map_err(|e| BackupError::Refused(format!("{program}: {e}")))?
}

/// Dumps the database at `url` into `target` with `pg_dump`, after checking that it is at
/// least as new as the server (an older `pg_dump` refuses a newer server, or worse, misses what
/// it does not know). Returns the command line, the password left out.
async fn pg_dump(url: &str, server_version: &str, target: &Path) -> Result<String, BackupError> {
    let (address, password) = without_password(url);
    let args = vec![
        "--format=custom".to_owned(),
        "--no-owner".to_owned(),
        "--no-privileges".to_owned(),
        "--file".to_owned(),
        target.display().to_string(),
        "--dbname".to_owned(),
        address.clone(),
    ];
    let shown = format!("pg_dump {}", args.join(" "));
    let tool = run_client("pg_dump", vec!["--version".to_owned()], None).await?;
    match (major_version(&tool), major_version(server_version)) {
        (Some(tool_major), Some(server_major)) if tool_major >= server_major => {}
        _ => {
            return Err(BackupError::Refused(say(
                "cli-backup-pg-dump-too-old",
                &[
                    ("server", server_version.into()),
                    ("tool", tool.trim().into()),
                    (
                        "major",
                        major_version(server_version)
                            .unwrap_or_default()
                            .to_string()
                            .into(),
                    ),
                    ("command", shown.as_str().into()),
                ],
            )));
        }
    }
    run_client("pg_dump", args, password).await?;
    Ok(shown)
}

async fn pg_restore(url: &str, file: &Path) -> Result<(), BackupError> {
    let (address, password) = without_password(url);
    let args = vec![
        "--no-owner".to_owned(),
        "--no-privileges".to_owned(),
        "--exit-on-error".to_owned(),
        "--single-transaction".to_owned(),
        "--dbname".to_owned(),
        address,
        file.display().to_string(),
    ];
    run_client("pg_restore", args, password).await?;
    Ok(())
}

/// The file of a `sqlite:` address.
fn sqlite_path(url: &str) -> Result<PathBuf, BackupError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path.contains(":memory:") {
        return Err(BackupError::Refused(said(
            "cli-restore-not-a-file",
            "url",
            url,
        )));
    }
    Ok(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn major_versions_are_read_from_server_and_tool_texts() {
        assert_eq!(major_version("15.19 (Debian 15.19-0+deb12u1)"), Some(15));
        assert_eq!(major_version("pg_dump (PostgreSQL) 16.4"), Some(16));
        assert_eq!(major_version("9.6.24"), Some(9));
        assert_eq!(major_version("no digits"), None);
    }

    #[test]
    fn the_password_leaves_the_address_for_the_environment() {
        let (address, password) = without_password("postgres://noden:hem%40lig@db:5432/noden");
        assert_eq!(address, "postgres://noden@db:5432/noden");
        assert_eq!(password.as_deref(), Some("hem@lig"));
        let (address, password) = without_password("postgres://postgres@127.0.0.1:5432/test");
        assert_eq!(address, "postgres://postgres@127.0.0.1:5432/test");
        assert_eq!(password, None);
    }

    #[test]
    fn sqlite_addresses_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite:///var/lib/noden/noden.sqlite3?mode=rwc").unwrap(),
            PathBuf::from("/var/lib/noden/noden.sqlite3")
        );
        assert_eq!(
            sqlite_path("sqlite://data/noden.sqlite3").unwrap(),
            PathBuf::from("data/noden.sqlite3")
        );
        assert!(sqlite_path("sqlite::memory:").is_err());
    }

    #[test]
    fn a_changed_or_missing_file_fails_the_check_and_a_missing_manifest_says_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SQLITE_FILE), b"database").unwrap();
        std::fs::create_dir_all(dir.path().join("blobs/attachments")).unwrap();
        std::fs::write(dir.path().join("blobs/attachments/a"), b"file").unwrap();
        let err = verify(dir.path()).unwrap_err().to_string();
        assert!(err.contains("ingen hel säkerhetskopia"), "{err}");
        let manifest = Manifest {
            format: 1,
            noden_version: "test".to_owned(),
            created_at: DateTime::UNIX_EPOCH,
            database: DatabasePart {
                backend: "sqlite".to_owned(),
                migration: String::new(),
                file: entry_of(dir.path(), SQLITE_FILE).unwrap(),
                server_version: None,
                dumped_with: None,
            },
            blobs: BlobsPart {
                files: vec![entry_of(dir.path(), "blobs/attachments/a").unwrap()],
            },
            node_key: "database".to_owned(),
        };
        write_manifest(dir.path(), &manifest).unwrap();
        assert!(verify(dir.path()).is_ok());
        std::fs::write(dir.path().join("blobs/attachments/a"), b"fil!").unwrap();
        let err = verify(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("blobs/attachments/a") && err.contains("skadad"),
            "{err}"
        );
        std::fs::remove_file(dir.path().join("blobs/attachments/a")).unwrap();
        assert!(verify(dir.path()).is_err());
    }
}
