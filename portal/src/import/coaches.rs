//! `coaches.yaml` at the top of a content folder: demo technology coaches, appointed through
//! the same service node staff use. Each coach's address lies in their organisation's domain,
//! which is registered for it, so the demo can be walked by signing in with a link. Loading
//! the folder again updates the profiles and adds nobody twice.

use std::path::Path;

use serde::Deserialize;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::coaches::AppointInput;
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::unit::Unit;

pub const FILE: &str = "coaches.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoachesFile {
    #[serde(default)]
    coaches: Vec<CoachRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoachRecord {
    /// The name shown (invented: no real person).
    name: String,
    email: String,
    /// SCB code of the coach's organisation, which the address's domain is registered for.
    organisation: String,
    #[serde(default)]
    workplace: String,
    #[serde(default)]
    hours_per_year: i32,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    introduction: String,
    /// Category slugs.
    #[serde(default)]
    categories: Vec<String>,
    /// Names of catalogue entries.
    #[serde(default)]
    technologies: Vec<String>,
}

/// Loads `coaches.yaml` from `dir` when present; problems are reported in `summary`.
pub async fn sync(state: &AppState, dir: &Path, summary: &mut Summary) {
    let path = dir.join(FILE);
    if let Err(e) = load(state, &path).await {
        summary.failed.push((path, e.to_string()));
    }
}

async fn load(state: &AppState, path: &Path) -> Result<(), ImportError> {
    let Some(file) = read_yaml::<CoachesFile>(path)? else {
        return Ok(());
    };
    let by = By::import();
    for record in file.coaches {
        let mut issues = Vec::new();
        let organisation_id = state
            .catalog
            .get()
            .organisation_named(&record.organisation, "organisation", &mut issues)
            .map(|o| o.id)
            .ok_or(AppError::Invalid(issues))?;
        let email = crate::auth::users::normalise_email(&record.email)?;
        let mut unit = Unit::begin(state, &by).await?;
        crate::auth::domains::add(
            &mut unit,
            organisation_id,
            crate::auth::users::domain_of(&email),
        )
        .await?;
        unit.commit().await?;
        let mut technologies = Vec::new();
        for name in &record.technologies {
            let entry = crate::technologies::by_name(state, name)
                .await?
                .ok_or_else(|| {
                    AppError::Invalid(vec![FieldIssue::new(
                        "technologies",
                        crate::cli::said("cli-import-unknown-technology", "name", name),
                    )])
                })?;
            technologies.push(entry.slug);
        }
        let (saved, _) = crate::coaches::appoint(
            state,
            &by,
            AppointInput {
                user_email: Some(email),
                user_id: None,
                workplace: record.workplace,
                hours_per_year: record.hours_per_year,
                contact: record.contact,
                introduction: record.introduction,
                categories: record.categories,
                technologies,
            },
        )
        .await?;
        let named = crate::auth::users::get(&state.db, saved.user_id)
            .await?
            .is_some_and(|u| u.name == record.name);
        if !named {
            crate::auth::users::set_name(state, &by, saved.user_id, &record.name).await?;
        }
    }
    Ok(())
}
