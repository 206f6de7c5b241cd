//! `testbeds.yaml` at the top of a content folder: demo catalogue entries (with who uses
//! them), needs (with the organisations sharing them) and trials (with their journal and
//! indicators), created through the same service functions users hit. Entries are matched by
//! name and needs and trials by title, so loading the folder again adds nothing twice.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::error::AppError;
use crate::followups::{self, IndicatorInput};
use crate::needs::{self, EndorsementInput, NeedInput};
use crate::state::AppState;
use crate::technologies::{self, TechnologyInput, UseInput};
use crate::trials::{self, EntryInput, TrialInput};

pub const FILE: &str = "testbeds.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestbedsFile {
    #[serde(default)]
    technologies: Vec<TechnologyRecord>,
    #[serde(default)]
    needs: Vec<NeedRecord>,
    #[serde(default)]
    trials: Vec<TrialRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TechnologyRecord {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    supplier: String,
    proximity: String,
    #[serde(default)]
    standards: Vec<String>,
    #[serde(default)]
    uses: Vec<UseRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UseRecord {
    organisation: String,
    status: String,
    #[serde(default)]
    since: Option<NaiveDate>,
    #[serde(default)]
    product: String,
    #[serde(default)]
    contact: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedRecord {
    title: String,
    organisation: String,
    target_group: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    shared_by: Vec<Sharing>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sharing {
    organisation: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrialRecord {
    title: String,
    lead: String,
    #[serde(default)]
    participants: Vec<String>,
    technology: String,
    #[serde(default)]
    product: String,
    #[serde(default)]
    supplier: String,
    target_group: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    starts_on: Option<NaiveDate>,
    #[serde(default)]
    ends_on: Option<NaiveDate>,
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    visibility: Option<String>,
    /// Titles of the needs it answers.
    #[serde(default)]
    needs: Vec<String>,
    /// Name of the catalogue entry under test.
    #[serde(default)]
    technology_entry: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    journal: Vec<EntryRecord>,
    #[serde(default)]
    indicators: Vec<IndicatorInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRecord {
    #[serde(rename = "type")]
    entry_type: String,
    on: NaiveDate,
    text: String,
}

/// Loads `testbeds.yaml` from `dir` when present; problems are reported in `summary`.
pub async fn sync(state: &AppState, dir: &Path, summary: &mut Summary) {
    let path = dir.join(FILE);
    if let Err(e) = load(state, &path).await {
        summary.failed.push((path, e.to_string()));
    }
}

async fn load(state: &AppState, path: &Path) -> Result<(), ImportError> {
    let Some(file) = read_yaml::<TestbedsFile>(path)? else {
        return Ok(());
    };
    let by = By::import();
    let catalog = state.catalog.get();
    let organisation = |code: &str| {
        let mut issues = Vec::new();
        catalog
            .organisation_named(code, "organisation", &mut issues)
            .map(|o| o.id)
            .ok_or(AppError::Invalid(issues))
    };
    for record in file.technologies {
        if technologies::by_name(state, &record.name).await?.is_some() {
            continue;
        }
        let entry = technologies::create(
            state,
            &by,
            TechnologyInput {
                name: record.name,
                description: record.description,
                category: record.category,
                supplier: record.supplier,
                proximity: record.proximity,
                standards: record.standards,
            },
        )
        .await?;
        for usage in record.uses {
            technologies::record_use(
                state,
                &by,
                &entry.id.to_string(),
                UseInput {
                    status: usage.status,
                    since: usage.since,
                    product: usage.product,
                    contact: usage.contact,
                    organisation: Some(usage.organisation),
                },
            )
            .await?;
        }
    }
    for record in file.needs {
        if needs::by_title(state, &record.title).await?.is_some() {
            continue;
        }
        let need = needs::create(
            state,
            &by,
            NeedInput {
                title: record.title,
                description: record.description,
                target_group: record.target_group,
                category: record.category,
                organisation: Some(record.organisation),
                visibility: Some("public".to_owned()),
            },
        )
        .await?;
        for sharing in record.shared_by {
            needs::endorse_for(
                state,
                &by,
                &need.id.to_string(),
                organisation(&sharing.organisation)?,
                EndorsementInput { note: sharing.note },
            )
            .await?;
        }
    }
    for record in file.trials {
        if trials::by_title(state, &record.title).await?.is_some() {
            continue;
        }
        let mut answered = Vec::new();
        for title in &record.needs {
            if let Some(need) = needs::by_title(state, title).await? {
                answered.push(need.id.to_string());
            }
        }
        let trial = trials::create(
            state,
            &by,
            TrialInput {
                title: record.title,
                description: record.description,
                lead: Some(record.lead),
                participants: record.participants,
                technology: record.technology,
                product: record.product,
                supplier: record.supplier,
                target_group: record.target_group,
                category: record.category,
                starts_on: record.starts_on,
                ends_on: record.ends_on,
                phase: record.phase,
                visibility: record.visibility,
                needs: answered,
                technology_entry: match record.technology_entry {
                    Some(name) => technologies::by_name(state, &name)
                        .await?
                        .map(|e| e.id.to_string()),
                    None => None,
                },
            },
        )
        .await?;
        for indicator in record.indicators {
            followups::add_indicator(state, &by, &trial.id.to_string(), indicator).await?;
        }
        for entry in record.journal {
            trials::add_entry(
                state,
                &by,
                &trial.id.to_string(),
                EntryInput {
                    entry_type: entry.entry_type,
                    happened_on: Some(entry.on),
                    text: entry.text,
                },
            )
            .await?;
        }
    }
    Ok(())
}
