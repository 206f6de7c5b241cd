//! The OCDS 1.1 export of a joint procurement (issue 14, point 10): a release package with one
//! release for the procurement as it stands: planning and tender from annonsering on, the
//! award and the contract once recorded. Those outside the procurement get it once it is
//! advertised (the policy's public facts); before that, only its members.
//!
//! Mapping: `ocid` is `<ocds_prefix>-<procurement id>`, stable for the procurement's life;
//! the release `id` adds the time of the latest change, so each change makes a new release.
//! Each contract party is a party with the role `buyer`; the lead organisation is also the
//! `procuringEntity`. The catalogue knows organisations by their SCB municipality or region
//! code, not by organisation number, and the SCB code has no list in org-id.guide, so a
//! party's `identifier` carries the SCB code as `id` without a `scheme` (with organisation
//! numbers in the catalogue it would be `SE-ON`). `tender.value` is the framework agreement's
//! maximum (the sum of the parties' maximums) in SEK. Phases before annonsering are
//! `planning.milestones`, the rest `tender.milestones`, typed from the milestoneType
//! codelist. Documents: the public ones only ([`public_documents`]).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use serde::Serialize;

use super::entity::{award, party};
use crate::auth::Readable;
use crate::error::AppError;
use crate::procurement::entity as procurement_entity;
use crate::procurement::{MilestoneView, Phase, public};
use crate::state::AppState;

/// An OCDS release package.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReleasePackage {
    /// Where this package is served.
    pub uri: String,
    pub version: String,
    pub published_date: String,
    pub publisher: Publisher,
    pub releases: Vec<Release>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Publisher {
    pub name: String,
    pub uri: String,
}

/// One OCDS release: the procurement as it stands.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub ocid: String,
    pub id: String,
    pub date: String,
    /// From the closed releaseTag codelist: `tender`, with `award` and `contract` once
    /// recorded.
    pub tag: Vec<String>,
    pub initiation_type: String,
    pub language: String,
    pub parties: Vec<OcdsParty>,
    pub buyer: OrganizationReference,
    pub planning: Planning,
    pub tender: Tender,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OcdsParty {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// From the partyRole codelist.
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// The SCB code of the municipality or region.
    pub id: String,
    pub legal_name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganizationReference {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Planning {
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tender {
    pub id: String,
    pub title: String,
    pub description: String,
    /// From the tenderStatus codelist.
    pub status: String,
    pub procuring_entity: OrganizationReference,
    pub value: Value,
    pub milestones: Vec<Milestone>,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Value {
    pub amount: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub id: String,
    pub title: String,
    /// From the milestoneType codelist.
    #[serde(rename = "type")]
    pub milestone_type: String,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_met: Option<String>,
    /// From the milestoneStatus codelist.
    pub status: String,
}

/// A public document of the procurement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    /// From the documentType codelist.
    pub document_type: String,
    pub title: String,
    /// Where it can be read; none for a document kept inside the workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    pub language: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Award {
    pub id: String,
    /// From the awardStatus codelist.
    pub status: String,
    pub date: String,
    pub value: Value,
    pub suppliers: Vec<OrganizationReference>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    #[serde(rename = "awardID")]
    pub award_id: String,
    /// From the contractStatus codelist.
    pub status: String,
    pub date_signed: String,
    pub value: Value,
}

/// The public documents of a procurement, for the export: those its leads marked public, by
/// title, type and date. The documents themselves stay inside the workspace (there is no
/// public link to a file), so none carries an address.
pub async fn public_documents<C: ConnectionTrait>(
    db: &C,
    procurement: &procurement_entity::Model,
) -> Result<Vec<Document>, DbErr> {
    use crate::procurement::documents::{self, DocumentType};
    Ok(documents::public_of(db, procurement.id)
        .await?
        .into_iter()
        .map(|d| Document {
            id: d.id.to_string(),
            document_type: DocumentType::parse(&d.document_type)
                .unwrap_or(DocumentType::Ovrigt)
                .ocds()
                .to_owned(),
            title: d.title,
            url: None,
            date_published: Some(instant(d.updated_at)),
            language: "sv".to_owned(),
        })
        .collect())
}

/// Midnight in Sweden on `date`, as an OCDS date-time.
fn swedish_day(date: NaiveDate) -> String {
    use chrono::TimeZone;
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Stockholm
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(
            || format!("{date}T00:00:00Z"),
            |at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        )
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The milestoneType of a phase.
fn milestone_type(phase: &str) -> &'static str {
    match Phase::parse(phase) {
        Some(Phase::Behovsanalys | Phase::Forfragningsunderlag) | None => "preProcurement",
        Some(Phase::Marknadsdialog | Phase::Annonsering) => "engagement",
        Some(Phase::Utvardering) => "assessment",
        Some(Phase::Tilldelning | Phase::Avtal) => "approval",
        Some(Phase::Uppfoljning) => "reporting",
    }
}

fn milestone(m: &MilestoneView) -> Milestone {
    Milestone {
        id: m.phase.clone(),
        title: m.phase_label.clone(),
        milestone_type: milestone_type(&m.phase).to_owned(),
        code: m.phase.clone(),
        due_date: m.planned_on.map(swedish_day),
        date_met: if m.reached {
            m.actual_on.map(swedish_day)
        } else {
            None
        },
        // Reaching a phase is the milestone: the phase the procurement is in is met.
        status: if m.reached { "met" } else { "scheduled" }.to_owned(),
    }
}

/// The tenderStatus of a procurement in `phase`.
fn tender_status(phase: &str) -> &'static str {
    match Phase::parse(phase) {
        Some(Phase::Annonsering | Phase::Utvardering) => "active",
        Some(Phase::Tilldelning | Phase::Avtal | Phase::Uppfoljning) => "complete",
        _ => "planning",
    }
}

fn party_id(code: &str) -> String {
    format!("SE-SCB-{code}")
}

/// The release package of a procurement whose public facts the reader may read.
pub async fn release_package(
    state: &AppState,
    procurement: &Readable<procurement_entity::Model>,
) -> Result<ReleasePackage, AppError> {
    let facts = public::facts(state, procurement).await?;
    let p: &procurement_entity::Model = procurement;
    let rows: Vec<party::Model> = super::parties_of(&state.db, p.id).await?;
    let awarded: Option<award::Model> = super::award_of(&state.db, p.id).await?;
    let catalog = state.catalog.get();
    let ocid = format!("{}-{}", state.settings.ocds_prefix.trim(), p.id);
    let latest = rows
        .iter()
        .map(|r| r.updated_at)
        .chain(awarded.iter().map(|a| a.updated_at))
        .fold(p.updated_at, std::cmp::max);
    let lead = catalog.organisation_by_id(p.lead_organisation_id);
    let buyer = OrganizationReference {
        id: lead.map_or_else(String::new, |o| party_id(&o.code)),
        name: lead.map_or_else(String::new, |o| o.name.clone()),
    };
    let mut parties: Vec<OcdsParty> = Vec::new();
    if let Some(o) = lead {
        parties.push(OcdsParty {
            id: party_id(&o.code),
            name: o.name.clone(),
            identifier: Some(Identifier {
                id: o.code.clone(),
                legal_name: o.register_name.clone().unwrap_or_else(|| o.name.clone()),
            }),
            roles: vec!["procuringEntity".to_owned(), "buyer".to_owned()],
        });
    }
    for row in &rows {
        if row.organisation_id == p.lead_organisation_id {
            continue;
        }
        if let Some(o) = catalog.organisation_by_id(row.organisation_id) {
            parties.push(OcdsParty {
                id: party_id(&o.code),
                name: o.name.clone(),
                identifier: Some(Identifier {
                    id: o.code.clone(),
                    legal_name: o.register_name.clone().unwrap_or_else(|| o.name.clone()),
                }),
                roles: vec!["buyer".to_owned()],
            });
        }
    }
    let maximum = Value {
        amount: facts.maximum_total_sek,
        currency: "SEK".to_owned(),
    };
    let mut tag = vec!["tender".to_owned()];
    let mut awards = Vec::new();
    let mut contracts = Vec::new();
    if let Some(a) = &awarded {
        let supplier = OrganizationReference {
            id: format!("{}-supplier", p.id),
            name: a.supplier.clone(),
        };
        parties.push(OcdsParty {
            id: supplier.id.clone(),
            name: supplier.name.clone(),
            identifier: None,
            roles: vec!["supplier".to_owned()],
        });
        let award_id = format!("{}-award", p.id);
        tag.push("award".to_owned());
        awards.push(Award {
            id: award_id.clone(),
            status: "active".to_owned(),
            date: swedish_day(a.awarded_on),
            value: maximum.clone(),
            suppliers: vec![supplier],
        });
        if let Some(signed) = a.signed_on {
            tag.push("contract".to_owned());
            contracts.push(Contract {
                id: format!("{}-contract", p.id),
                award_id,
                status: "active".to_owned(),
                date_signed: swedish_day(signed),
                value: maximum.clone(),
            });
        }
    }
    let (planning, tendering): (Vec<&MilestoneView>, Vec<&MilestoneView>) =
        facts.milestones.iter().partition(|m| {
            Phase::parse(&m.phase)
                .is_some_and(|ph| ph.position() < public::PUBLISHED_FROM.position())
        });
    let documents = public_documents(&state.db, p).await?;
    let release = Release {
        id: format!("{ocid}-{}", latest.format("%Y%m%dT%H%M%SZ")),
        ocid,
        date: instant(latest),
        tag,
        initiation_type: "tender".to_owned(),
        language: "sv".to_owned(),
        parties,
        buyer: buyer.clone(),
        planning: Planning {
            milestones: planning.into_iter().map(milestone).collect(),
        },
        tender: Tender {
            id: p.id.to_string(),
            title: p.title.clone(),
            description: crate::web::markdown::plain_text(&p.description_md),
            status: tender_status(&p.phase).to_owned(),
            procuring_entity: buyer,
            value: maximum,
            milestones: tendering.into_iter().map(milestone).collect(),
            documents,
        },
        awards,
        contracts,
    };
    Ok(ReleasePackage {
        uri: state
            .settings
            .public_link(&format!("/api/v1/procurements/{}/ocds", p.id)),
        version: "1.1".to_owned(),
        published_date: instant(state.clock.now()),
        publisher: Publisher {
            name: "Noden".to_owned(),
            uri: state.settings.public_link("/"),
        },
        releases: vec![release],
    })
}
