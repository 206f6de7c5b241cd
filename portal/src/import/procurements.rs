//! `procurements.yaml` at the top of a content folder: demo joint procurements, written
//! through the same service functions their leads use, in the order a procurement group
//! works: organisations and members, requirements traced to needs, documents, the contract parties
//! (before the procurement is advertised, when the register freezes), decisions, then the
//! phase reached, the award and call-offs, and the dates of its milestones. Procurements are
//! matched by title, so loading the folder again adds nothing twice.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{ImportError, Summary, read_yaml};
use crate::audit::By;
use crate::error::{AppError, FieldIssue};
use crate::procurement::contract::{AwardInput, CallOffInput, PartyInput};
use crate::procurement::documents::DocumentInput;
use crate::procurement::requirements::RequirementInput;
use crate::procurement::talk::DecisionInput;
use crate::procurement::{self, MilestoneDates, Phase, ProcurementInput};
use crate::state::AppState;

pub const FILE: &str = "procurements.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcurementsFile {
    #[serde(default)]
    procurements: Vec<ProcurementRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcurementRecord {
    title: String,
    /// SCB code of the lead organisation (upphandlande myndighet).
    lead: String,
    #[serde(default)]
    category: Option<String>,
    /// Name of the catalogue entry procured.
    #[serde(default)]
    technology: Option<String>,
    #[serde(default)]
    officer: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    organisations: Vec<OrganisationRecord>,
    #[serde(default)]
    members: Vec<MemberRecord>,
    /// The phase reached.
    #[serde(default)]
    phase: Option<String>,
    #[serde(default)]
    milestones: Vec<MilestoneRecord>,
    #[serde(default)]
    requirements: Vec<RequirementRecord>,
    #[serde(default)]
    parties: Vec<PartyInput>,
    #[serde(default)]
    award: Option<AwardInput>,
    #[serde(default)]
    calloffs: Vec<CallOffInput>,
    #[serde(default)]
    decisions: Vec<DecisionInput>,
    #[serde(default)]
    documents: Vec<DocumentInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RequirementRecord {
    title: String,
    kind: String,
    #[serde(default)]
    weight: Option<i32>,
    #[serde(default)]
    text: String,
    /// Titles of the needs it answers.
    #[serde(default)]
    needs: Vec<String>,
    /// Addresses of reports, trials and follow-ups it rests on.
    #[serde(default)]
    evidence: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationRecord {
    organisation: String,
    role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberRecord {
    email: String,
    organisation: String,
    role: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneRecord {
    phase: String,
    #[serde(default)]
    planned: Option<NaiveDate>,
    #[serde(default)]
    actual: Option<NaiveDate>,
}

/// Loads `procurements.yaml` from `dir` when present; problems are reported in `summary`.
pub async fn sync(state: &AppState, dir: &Path, summary: &mut Summary) {
    let path = dir.join(FILE);
    if let Err(e) = load(state, &path).await {
        summary.failed.push((path, e.to_string()));
    }
}

async fn load(state: &AppState, path: &Path) -> Result<(), ImportError> {
    let Some(file) = read_yaml::<ProcurementsFile>(path)? else {
        return Ok(());
    };
    let by = By::import();
    for record in file.procurements {
        if procurement::by_title(state, &record.title).await?.is_some() {
            continue;
        }
        let technology = match &record.technology {
            Some(name) => Some(
                crate::technologies::by_name(state, name)
                    .await?
                    .ok_or_else(|| {
                        AppError::Invalid(vec![FieldIssue::new(
                            "technology",
                            crate::cli::said("cli-import-unknown-technology", "name", name),
                        )])
                    })?
                    .id
                    .to_string(),
            ),
            None => None,
        };
        let mut input = ProcurementInput {
            title: record.title,
            description: record.description,
            category: record.category,
            technology,
            lead_organisation: Some(record.lead),
            officer: record.officer,
            phase: None,
        };
        let started = procurement::create(state, &by, input.clone()).await?;
        let slug = started.slug.as_str();
        for o in &record.organisations {
            procurement::add_organisation(state, &by, slug, &o.organisation, &o.role).await?;
        }
        for m in &record.members {
            procurement::enrol(state, &by, slug, &m.email, &m.organisation, &m.role).await?;
        }
        for r in record.requirements {
            let mut needs = Vec::new();
            for title in &r.needs {
                let need = crate::needs::by_title(state, title).await?.ok_or_else(|| {
                    AppError::Invalid(vec![FieldIssue::new(
                        "needs",
                        crate::cli::said("cli-import-unknown-need", "title", title),
                    )])
                })?;
                needs.push(need.slug);
            }
            procurement::requirements::create(
                state,
                &by,
                slug,
                RequirementInput {
                    title: r.title,
                    text: r.text,
                    kind: r.kind,
                    weight: r.weight,
                    number: None,
                    needs,
                    evidence: r.evidence,
                },
            )
            .await?;
        }
        for party in &record.parties {
            procurement::contract::save_party(
                state,
                &by,
                slug,
                &party.organisation,
                &party.change(),
                true,
            )
            .await?;
        }
        for document in record.documents {
            procurement::documents::create(state, &by, slug, document).await?;
        }
        for decision in record.decisions {
            procurement::talk::record_decision(state, &by, slug, decision).await?;
        }
        if record.phase.is_some() {
            input.phase = record.phase;
            procurement::update(state, &by, slug, input).await?;
        }
        let mut dates = Vec::new();
        for m in &record.milestones {
            let mut issues = Vec::new();
            let phase = Phase::from_field(Some(&m.phase), "phase", &mut issues)
                .ok_or(AppError::Invalid(issues))?;
            dates.push(MilestoneDates {
                phase,
                planned_on: Some(m.planned),
                actual_on: Some(m.actual),
            });
        }
        procurement::set_milestones(state, &by, slug, &dates).await?;
        if let Some(award) = &record.award {
            procurement::contract::record_award(state, &by, slug, award).await?;
        }
        for calloff in &record.calloffs {
            procurement::contract::record_calloff(state, &by, slug, calloff).await?;
        }
    }
    Ok(())
}
