//! `fieldreports.yaml` at the top of a content folder: demo users who wrote field reports
//! (coaches and a coordinator, under the reserved `.invalid` domain) and their reports with
//! photos from files beside it, posted through the same service function the form uses.
//! Reports carry a key, so loading the folder again adds nothing twice.

use std::path::Path;

use serde::Deserialize;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::auth::{Actor, Member, Role, Via};
use crate::error::AppError;
use crate::fieldreports::{PhotoUpload, Submission};
use crate::state::AppState;

pub const FILE: &str = "fieldreports.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldReportsFile {
    #[serde(default)]
    users: Vec<UserRecord>,
    #[serde(default)]
    field_reports: Vec<ReportRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserRecord {
    email: String,
    name: String,
    organisation: String,
    role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportRecord {
    key: String,
    author: String,
    text: String,
    #[serde(default)]
    visibility: Option<String>,
    /// A trial's title.
    #[serde(default)]
    trial: Option<String>,
    /// A catalogue entry's name.
    #[serde(default)]
    technology: Option<String>,
    /// A need's title.
    #[serde(default)]
    need: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    photos: Vec<PhotoRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoRecord {
    /// Relative to the content folder.
    file: String,
    alt: String,
}

pub async fn sync(state: &AppState, dir: &Path, summary: &mut Summary) {
    let path = dir.join(FILE);
    if let Err(e) = load(state, dir, &path).await {
        summary.failed.push((path, e.to_string()));
    }
}

fn invalid(field: &str, message: String) -> ImportError {
    ImportError::Rejected(format!("{field}: {message}"))
}

async fn load(state: &AppState, dir: &Path, path: &Path) -> Result<(), ImportError> {
    let Some(file) = read_yaml::<FieldReportsFile>(path)? else {
        return Ok(());
    };
    let by = By::import();
    let catalog = state.catalog.get();
    for user in &file.users {
        let mut issues = Vec::new();
        let Some(organisation) =
            catalog.organisation_named(&user.organisation, "organisation", &mut issues)
        else {
            return Err(AppError::Invalid(issues).into());
        };
        let role = Role::parse(&user.role)
            .ok_or_else(|| invalid("role", format!("okänd roll {}", user.role)))?;
        let made = crate::auth::users::for_confirmed_email(
            &state.db,
            state.clock.now(),
            &user.email,
            organisation.id,
        )
        .await?;
        if made.role != role.as_str() {
            crate::auth::users::update_access(state, &by, made.id, role, false).await?;
        }
        if made.name != user.name {
            crate::auth::users::set_name(state, &by, made.id, &user.name).await?;
        }
    }
    for record in file.field_reports {
        let author = crate::auth::users::by_email(&state.db, &record.author)
            .await?
            .ok_or_else(|| invalid("author", format!("ingen demoanvändare {}", record.author)))?;
        let role = Role::parse(&author.role).unwrap_or(Role::Member);
        let actor = Actor::User(Member::new(
            author.id,
            author.organisation_id,
            role,
            Via::Session,
            &[],
        ));
        let as_author = By::import_as(actor, &author.name);
        let trial = match &record.trial {
            Some(title) => Some(
                crate::trials::by_title(state, title)
                    .await?
                    .ok_or_else(|| invalid("trial", format!("inget test {title}")))?
                    .id
                    .to_string(),
            ),
            None => None,
        };
        let technology = match &record.technology {
            Some(name) => Some(
                crate::technologies::by_name(state, name)
                    .await?
                    .ok_or_else(|| invalid("technology", format!("ingen teknik {name}")))?
                    .slug,
            ),
            None => None,
        };
        let need = match &record.need {
            Some(title) => Some(
                crate::needs::by_title(state, title)
                    .await?
                    .ok_or_else(|| invalid("need", format!("inget behov {title}")))?
                    .slug,
            ),
            None => None,
        };
        let mut sent = Submission {
            text: record.text,
            visibility: record.visibility.unwrap_or_default(),
            trial: trial.unwrap_or_default(),
            technology: technology.unwrap_or_default(),
            need: need.unwrap_or_default(),
            category: record.category.unwrap_or_default(),
            key: record.key,
            ..Submission::default()
        };
        for (i, photo) in record.photos.iter().enumerate() {
            let bytes = std::fs::read(dir.join(&photo.file)).map_err(ImportError::Read)?;
            sent.photos.push(PhotoUpload {
                position: i + 1,
                file_name: photo.file.clone(),
                size: bytes.len() as u64,
                bytes,
            });
            sent.alts.push(photo.alt.clone());
        }
        crate::fieldreports::create(state, &as_author, sent).await?;
    }
    Ok(())
}
