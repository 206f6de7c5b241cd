//! `testbeds.yaml` at the top of a content folder: demo needs (with the organisations sharing
//! them) and trials (with their journal), created through the same service functions users
//! hit. Needs and trials are matched by title, so loading the folder again adds nothing twice.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::error::AppError;
use crate::needs::{self, EndorsementInput, NeedInput};
use crate::state::AppState;
use crate::trials::{self, EntryInput, TrialInput};

pub const FILE: &str = "testbeds.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestbedsFile {
    #[serde(default)]
    needs: Vec<NeedRecord>,
    #[serde(default)]
    trials: Vec<TrialRecord>,
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
    #[serde(default)]
    description: String,
    #[serde(default)]
    journal: Vec<EntryRecord>,
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
    let by = By::command("noden import");
    let catalog = state.catalog.get();
    let organisation = |code: &str| {
        catalog
            .find_organisation(code)
            .map(|o| o.id)
            .ok_or_else(|| AppError::invalid("organisation", &format!("okänd organisation {code}")))
    };
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
                need.id,
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
            },
        )
        .await?;
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
