//! Importing Markdown, text, PDF, DOCX and ODT files, and the content folder's reference data.
//!
//! A Markdown or text document may start with YAML front matter between `---` lines. Without
//! it (or without a title in it) the title comes from the first `# ` heading, else from the
//! file name. A PDF, DOCX or ODT file's text is read out of it (`blobs::text`), its title from
//! its own information, then its first heading, then the file name, and the file itself is
//! kept as the report's attachment. Importing the same file again updates the document it
//! made before.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::blobs::text::{self, Original};
use crate::categories::{self, CategoryRecord};
use crate::cli::said;
use crate::error::AppError;
use crate::organisations::{self, OrganisationRecord};
use crate::reports::{self, ReportInput, Saved};
use crate::state::AppState;
use crate::web::markdown;

pub mod coaches;
pub mod fieldreports;
pub mod procurements;
pub mod testbeds;

/// Why one file could not be imported, for the person at the command line in the language
/// being spoken (Swedish outside a command).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", said("cli-import-read-error", "error", .0))]
    Read(#[source] std::io::Error),
    #[error("{}", crate::cli::say("cli-import-not-utf8", &[]))]
    NotUtf8,
    #[error("{0}")]
    Unreadable(String),
    #[error("{}", crate::cli::say("cli-import-unterminated-front-matter", &[]))]
    UnterminatedFrontMatter,
    #[error("{}", said("cli-import-bad-front-matter", "error", .0))]
    FrontMatter(#[source] serde_norway::Error),
    #[error("{}", said("cli-import-bad-yaml", "error", .0))]
    Yaml(#[source] serde_norway::Error),
    #[error("{0}")]
    Rejected(String),
    #[error("{}", said("cli-import-database-error", "error", .0))]
    Database(#[from] sea_orm::DbErr),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Database(db) => ImportError::Database(db),
            other => ImportError::Rejected(other.detail()),
        }
    }
}

/// The keys a document's front matter may have.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub kind: Option<String>,
    pub organisation: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub outcome: Option<String>,
    pub phase: Option<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub visibility: Option<String>,
    pub workspace: Option<String>,
}

/// Splits a document into its front matter (if any) and body.
pub fn split_front_matter(text: &str) -> Result<(Option<&str>, &str), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---")
        .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        return Ok((None, text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if offset > 0 && line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Ok((Some(&rest[..offset]), body));
        }
        offset += line.len();
    }
    Err(ImportError::UnterminatedFrontMatter)
}

/// Reads one file into the input the reports service takes.
pub fn parse_document(path: &Path, text: &str) -> Result<ReportInput, ImportError> {
    let (front, body) = split_front_matter(text)?;
    let fm: FrontMatter = match front {
        Some(yaml) if !yaml.trim().is_empty() => {
            serde_norway::from_str(yaml).map_err(ImportError::FrontMatter)?
        }
        _ => FrontMatter::default(),
    };
    let title = fm
        .title
        .filter(|t| !t.trim().is_empty())
        .or_else(|| markdown::first_heading(body))
        .unwrap_or_else(|| {
            text::title_of_file_name(&path.file_name().unwrap_or_default().to_string_lossy())
        });
    Ok(ReportInput {
        title,
        summary: fm.summary.unwrap_or_default(),
        body: body.trim_start_matches(['\n', '\r']).to_owned(),
        kind: fm.kind,
        organisation: fm.organisation,
        categories: fm.categories,
        tags: fm.tags,
        outcome: fm.outcome,
        phase: fm.phase,
        target_groups: fm.target_groups,
        visibility: fm.visibility,
        workspace: fm.workspace,
        published_on: fm.date,
        ..Default::default()
    })
}

/// What an import run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub imported: usize,
    pub updated: usize,
    /// Files imported before that have not changed since: their reports were left be.
    pub unchanged: usize,
    pub failed: Vec<(PathBuf, String)>,
    /// Files imported whose text could not be read whole, and what was said about it.
    pub notes: Vec<(PathBuf, &'static str)>,
    pub organisations: usize,
    pub categories: usize,
    /// Concepts of the thesaurus in the folder's `vocabulary.yaml`.
    pub concepts: usize,
}

impl Summary {
    /// The closing line of an import run, in the language being spoken.
    pub fn line(&self) -> String {
        crate::cli::say(
            "cli-import-summary",
            &[
                ("imported", self.imported.into()),
                ("updated", self.updated.into()),
                ("unchanged", self.unchanged.into()),
                ("failed", self.failed.len().into()),
            ],
        )
    }
}

/// Documents saved in one unit of work (one commit) by [`import_paths`].
pub const BATCH: usize = 250;

const ORGANISATIONS_FILE: &str = "organisations.yaml";
const CATEGORIES_FILE: &str = "categories.yaml";

/// Imports files and folders. A folder's `organisations.yaml` and `categories.yaml` (at its top)
/// are synced first; then every `.md`, `.txt`, `.pdf`, `.docx` and `.odt` below it except
/// README files; then its demo
/// needs and trials (`testbeds.yaml`), joint procurements (`procurements.yaml`) and technology
/// coaches (`coaches.yaml`). A broken file is
/// reported and the rest still import. Documents are saved [`BATCH`] to a unit of work;
/// `on_progress` is told after each batch how many of how many files are done.
pub async fn import_paths(
    state: &AppState,
    paths: &[PathBuf],
    mut on_progress: impl FnMut(usize, usize),
) -> Summary {
    let mut summary = Summary::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            sync_reference_data(state, path, &mut summary).await;
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_document(e.path()) => {
                        files.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => summary.failed.push((
                        e.path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| path.clone()),
                        e.to_string(),
                    )),
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            summary.failed.push((
                path.clone(),
                crate::cli::say("cli-import-missing-path", &[]),
            ));
        }
    }
    let total = files.len();
    let mut done = 0;
    // While one batch is written, the next is read, checked and rendered.
    let mut ready: Option<(Vec<PathBuf>, Vec<Brought>, reports::ImportBatch)> = None;
    for batch in files.chunks(BATCH).map(Some).chain([None]) {
        let next = async {
            let batch = batch?;
            let mut names = Vec::with_capacity(batch.len());
            let mut documents = Vec::with_capacity(batch.len());
            let mut brought = Vec::with_capacity(batch.len());
            let mut failed = Vec::new();
            for file in batch {
                match read_document(state, file).await {
                    Ok((key, input, extra)) => {
                        names.push(file.clone());
                        brought.push(Brought {
                            key: key.clone(),
                            ..extra
                        });
                        documents.push((key, input));
                    }
                    // Said after the batch being written is done: texts made while a write
                    // is open are Swedish.
                    Err(e) => failed.push((file.clone(), e)),
                }
            }
            let prepared = reports::prepare_imported(state, documents).await;
            Some((batch.len(), failed, names, brought, prepared))
        };
        let write = async {
            let (names, brought, prepared) = ready.take()?;
            Some((
                names,
                brought,
                reports::write_imported(state, prepared).await,
            ))
        };
        let (next, written) = tokio::join!(next, write);
        if let Some((names, brought, saved)) = written {
            for ((file, extra), result) in names.into_iter().zip(brought).zip(saved) {
                let result = match (result, extra.original) {
                    (Ok(saved), Some(original)) => {
                        reports::attachments::keep_imported(state, &extra.key, original)
                            .await
                            .map(|()| saved)
                    }
                    (result, _) => result,
                };
                match result {
                    Ok(saved) => {
                        match saved {
                            Saved::Created => summary.imported += 1,
                            Saved::Updated => summary.updated += 1,
                            Saved::Unchanged => summary.unchanged += 1,
                        }
                        if let Some(note) = extra.note {
                            summary.notes.push((file, note));
                        }
                    }
                    Err(e) => summary
                        .failed
                        .push((file, ImportError::from(e).to_string())),
                }
            }
            on_progress(done, total);
        }
        if let Some((count, failed, names, brought, prepared)) = next {
            summary.failed.extend(
                failed
                    .into_iter()
                    .map(|(file, e): (PathBuf, ImportError)| (file, e.to_string())),
            );
            done += count;
            ready = Some((names, brought, prepared));
        }
    }
    if summary.imported + summary.updated >= BATCH
        && let Err(error) = crate::db::after_bulk_write(&state.db).await
    {
        tracing::warn!(%error, "the database's statistics were left as they were");
    }
    for dir in paths.iter().filter(|p| p.is_dir()) {
        testbeds::sync(state, dir, &mut summary).await;
        procurements::sync(state, dir, &mut summary).await;
        coaches::sync(state, dir, &mut summary).await;
        fieldreports::sync(state, dir, &mut summary).await;
    }
    summary
}

fn is_document(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    matches!(
        ext.as_deref(),
        Some("md" | "markdown" | "txt" | "pdf" | "docx" | "odt")
    ) && !stem.eq_ignore_ascii_case("readme")
}

/// What an imported file brings besides its report: the file itself when its text was read
/// out of it, and the note when that text could not be read whole.
#[derive(Default)]
struct Brought {
    key: String,
    original: Option<Original>,
    note: Option<&'static str>,
}

/// Reads and parses one file: the key it is imported under (its canonical path), the report
/// it holds and what it brings besides.
async fn read_document(
    state: &AppState,
    path: &Path,
) -> Result<(String, ReportInput, Brought), ImportError> {
    let bytes = tokio::fs::read(path).await.map_err(ImportError::Read)?;
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let key = key.to_string_lossy().into_owned();
    let file_name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let by_name = crate::blobs::detect::MediaType::by_extension(&file_name);
    if !by_name.is_some_and(|kind| text::READABLE.contains(&kind)) {
        let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
        let input = parse_document(path, &text)?;
        return Ok((key, input, Brought::default()));
    }
    let max_bytes = state.settings.markdown_max_bytes;
    let read = tokio::task::spawn_blocking(move || {
        let kind = crate::blobs::detect::check_among(&file_name, &bytes, text::READABLE)?;
        let extracted = text::extract(kind, &bytes)?;
        let document = text::document(&file_name, extracted, max_bytes);
        Ok::<_, String>((
            document,
            Original {
                file_name,
                kind,
                bytes,
            },
        ))
    })
    .await
    .map_err(|e| ImportError::Unreadable(e.to_string()))?
    .map_err(ImportError::Unreadable)?;
    let (document, original) = read;
    let input = ReportInput {
        title: document.title,
        body: document.body,
        ..Default::default()
    };
    Ok((
        key,
        input,
        Brought {
            key: String::new(),
            original: Some(original),
            note: document.note,
        },
    ))
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationsFile {
    counties: Vec<County>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct County {
    code: String,
    name: String,
    organisations: Vec<OrganisationEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationEntry {
    code: String,
    name: String,
    /// The name the organisation uses itself, when it is not the register name.
    #[serde(default)]
    own_name: Option<String>,
    kind: OrganisationKind,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum OrganisationKind {
    Kommun,
    Region,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    categories: Vec<CategoryEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    slug: String,
    name: String,
    description: String,
    proximity: Proximity,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Proximity {
    Brukarnara,
    Processnara,
}

pub(crate) fn read_yaml<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, ImportError> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_norway::from_str(&text)
            .map(Some)
            .map_err(ImportError::Yaml),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ImportError::Read(e)),
    }
}

/// Syncs `organisations.yaml`, `categories.yaml` and `vocabulary.yaml` (the thesaurus, whose
/// concepts may name categories) at the top of `dir`, when present. A file that fails is
/// recorded in `summary`; the others are still synced.
pub async fn sync_reference_data(state: &AppState, dir: &Path, summary: &mut Summary) {
    let org_path = dir.join(ORGANISATIONS_FILE);
    match sync_organisations(state, &org_path).await {
        Ok(count) => summary.organisations = count,
        Err(e) => summary.failed.push((org_path, e.to_string())),
    }
    let cat_path = dir.join(CATEGORIES_FILE);
    match sync_categories(state, &cat_path).await {
        Ok(count) => summary.categories = count,
        Err(e) => summary.failed.push((cat_path, e.to_string())),
    }
    // Documents imported next resolve names against the fresh reference data.
    if let Err(e) = state.catalog.reload(&state.db).await {
        summary
            .failed
            .push((dir.to_path_buf(), ImportError::from(e).to_string()));
    }
    let vocabulary_path = dir.join(crate::thesaurus::FILE);
    match sync_vocabulary(state, &vocabulary_path).await {
        Ok(0) => {}
        Ok(count) => {
            summary.concepts = count;
            if let Err(e) = state.catalog.reload(&state.db).await {
                summary
                    .failed
                    .push((dir.to_path_buf(), ImportError::from(e).to_string()));
            }
        }
        Err(e) => summary.failed.push((vocabulary_path, e.to_string())),
    }
}

async fn sync_vocabulary(state: &AppState, path: &Path) -> Result<usize, ImportError> {
    let Some(file) = read_yaml::<crate::thesaurus::File>(path)? else {
        return Ok(0);
    };
    let records =
        crate::thesaurus::records_of(file, &state.catalog.get()).map_err(ImportError::Rejected)?;
    crate::thesaurus::sync(state, &records).await?;
    Ok(records.len())
}

async fn sync_organisations(state: &AppState, path: &Path) -> Result<usize, ImportError> {
    let Some(file) = read_yaml::<OrganisationsFile>(path)? else {
        return Ok(0);
    };
    let records: Vec<OrganisationRecord> = file
        .counties
        .iter()
        .flat_map(|county| {
            county.organisations.iter().map(|o| OrganisationRecord {
                code: o.code.clone(),
                name: o.name.clone(),
                own_name: o.own_name.clone(),
                kind: match o.kind {
                    OrganisationKind::Kommun => "kommun",
                    OrganisationKind::Region => "region",
                }
                .to_owned(),
                county_code: county.code.clone(),
                county_name: county.name.clone(),
            })
        })
        .collect();
    organisations::sync(state, &records).await?;
    Ok(records.len())
}

async fn sync_categories(state: &AppState, path: &Path) -> Result<usize, ImportError> {
    let Some(file) = read_yaml::<CategoriesFile>(path)? else {
        return Ok(0);
    };
    let records: Vec<CategoryRecord> = file
        .categories
        .iter()
        .zip(1..)
        .map(|(c, position)| CategoryRecord {
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            proximity: match c.proximity {
                Proximity::Brukarnara => "brukarnara",
                Proximity::Processnara => "processnara",
            }
            .to_owned(),
            position,
        })
        .collect();
    categories::sync(state, &records).await?;
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_optional_and_title_falls_back() {
        let input = parse_document(
            Path::new("x/nattkamera_test.md"),
            "# Kamera på natten\n\nText.",
        )
        .unwrap();
        assert_eq!(input.title, "Kamera på natten");
        let input = parse_document(Path::new("x/nattkamera_test.txt"), "Bara text.").unwrap();
        assert_eq!(input.title, "Nattkamera test");
        let input = parse_document(
            Path::new("a.md"),
            "---\ntitle: Från front matter\noutcome: inford\ncategories: [gps-larm]\ndate: 2024-05-01\n---\n# Rubrik\n",
        )
        .unwrap();
        assert_eq!(input.title, "Från front matter");
        assert_eq!(input.outcome.as_deref(), Some("inford"));
        assert_eq!(input.categories, vec!["gps-larm"]);
        assert_eq!(input.published_on, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert!(input.body.starts_with("# Rubrik"));
    }

    #[test]
    fn broken_front_matter_says_what_is_wrong() {
        let err =
            parse_document(Path::new("a.md"), "---\ntitle: [oavslutad\n---\ntext").unwrap_err();
        assert!(err.to_string().starts_with("ogiltig front matter"), "{err}");
        let err = parse_document(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
        assert!(matches!(err, ImportError::UnterminatedFrontMatter), "{err}");
        let err = parse_document(Path::new("a.md"), "---\ntitel: x\n---\n").unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
    }
}
