//! The public facts of a joint procurement (issue 14, point 10). Once a procurement has
//! reached annonsering it stands in a public notice, so its facts are public: title,
//! description, lead organisation, category and technology, phase, milestones, contract parties
//! with their estimated and maximum values, and the award. Everyone reads them on its page,
//! in the list, through the API and its OCDS export, and finds it in search; nothing inside
//! the workspace (members, invitations, requirements, documents, questions, call-offs) comes
//! with them. The policy's `Resource::ProcurementFacts` decides.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use uuid::Uuid;

use super::contract::entity::party;
use super::contract::{AwardView, PartyRole, kronor};
use super::entity::{self, milestone};
use super::{MilestoneView, Phase, TechnologyRef, url};
use crate::auth::{Actor, Readable, Resource};
use crate::catalog::{CatalogData, CategoryRef, OrganisationRef};
use crate::error::AppError;
use crate::state::AppState;

/// The phase from which a procurement's facts are public.
pub const PUBLISHED_FROM: Phase = Phase::Annonsering;

/// Whether a procurement in `phase` has been advertised, so its facts are public.
pub fn is_published(phase: &str) -> bool {
    Phase::parse(phase).is_some_and(|p| p.position() >= PUBLISHED_FROM.position())
}

/// The phases in which a procurement's facts are public, for a list's filter.
pub fn published_phases() -> Vec<&'static str> {
    Phase::ALL
        .iter()
        .filter(|p| p.position() >= PUBLISHED_FROM.position())
        .map(|p| p.as_str())
        .collect()
}

/// A procurement's public facts as the policy sees them.
pub fn facts_resource(procurement: &entity::Model) -> Resource {
    Resource::ProcurementFacts {
        workspace: procurement.workspace_id,
        published: is_published(&procurement.phase),
    }
}

/// A contract party as everyone may see it once the procurement is published: who, in what
/// role, and the values the procurement documents state (not what was called off).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicParty {
    pub organisation: OrganisationRef,
    /// `ordinary` or `later`.
    pub role: String,
    pub role_label: String,
    pub from_on: Option<NaiveDate>,
    pub estimated_sek: i64,
    pub maximum_sek: i64,
}

impl PublicParty {
    pub fn estimated_kr(&self) -> String {
        kronor(self.estimated_sek)
    }
    pub fn maximum_kr(&self) -> String {
        kronor(self.maximum_sek)
    }
    pub fn from_sv(&self) -> String {
        self.from_on.map(crate::web::date_text).unwrap_or_default()
    }
}

/// The public facts of a procurement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicFacts {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_html: String,
    pub category: Option<CategoryRef>,
    pub technology: Option<TechnologyRef>,
    pub lead_organisation: Option<OrganisationRef>,
    pub phase: String,
    pub phase_label: String,
    pub milestones: Vec<MilestoneView>,
    pub parties: Vec<PublicParty>,
    /// The sum of the parties' estimated values.
    pub estimated_total_sek: i64,
    /// The framework agreement's maximum: the sum of the parties' maximums.
    pub maximum_total_sek: i64,
    pub award: Option<AwardView>,
}

impl PublicFacts {
    pub fn estimated_total_kr(&self) -> String {
        kronor(self.estimated_total_sek)
    }
    pub fn maximum_total_kr(&self) -> String {
        kronor(self.maximum_total_sek)
    }
}

fn public_party(catalog: &CatalogData, row: &party::Model) -> Option<PublicParty> {
    let org = catalog.organisation_by_id(row.organisation_id)?;
    Some(PublicParty {
        organisation: OrganisationRef::from(org),
        role: row.role.clone(),
        role_label: PartyRole::label_of(&row.role),
        from_on: row.from_on,
        estimated_sek: row.estimated_sek,
        maximum_sek: row.maximum_sek,
    })
}

/// The contract parties and milestones of the procurements `ids`, in two queries (for a
/// list's page).
pub async fn parties_and_milestones<C: ConnectionTrait>(
    db: &C,
    catalog: &CatalogData,
    procurements: &[entity::Model],
    today: NaiveDate,
) -> Result<HashMap<Uuid, (Vec<PublicParty>, Vec<MilestoneView>)>, AppError> {
    let ids: Vec<Uuid> = procurements.iter().map(|p| p.id).collect();
    let mut parties: HashMap<Uuid, Vec<party::Model>> = HashMap::new();
    for row in party::Entity::find()
        .filter(party::Column::ProcurementId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        parties.entry(row.procurement_id).or_default().push(row);
    }
    let mut milestones: HashMap<Uuid, Vec<milestone::Model>> = HashMap::new();
    for row in milestone::Entity::find()
        .filter(milestone::Column::ProcurementId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        milestones.entry(row.procurement_id).or_default().push(row);
    }
    Ok(procurements
        .iter()
        .map(|p| {
            let mut rows = parties.remove(&p.id).unwrap_or_default();
            rows.sort_by_key(|r| (r.added_at, r.id));
            let shown = rows
                .iter()
                .filter_map(|r| public_party(catalog, r))
                .collect();
            let steps =
                super::milestone_views(p, &milestones.remove(&p.id).unwrap_or_default(), today);
            (p.id, (shown, steps))
        })
        .collect())
}

/// The procurement behind `slug_or_id` if `actor` may read its public facts (its members
/// always, everyone once it is published); "not found" otherwise.
pub async fn readable_facts(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let procurement = crate::addresses::find::<entity::Entity, _>(
        &state.db,
        super::PROCUREMENT,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await?
    .ok_or(AppError::NotFound("upphandlingen"))?;
    let resource = facts_resource(&procurement);
    Readable::check_or(actor, &resource, procurement, "upphandlingen")
}

/// The public facts of a procurement whose facts the reader may read.
pub async fn facts(
    state: &AppState,
    procurement: &Readable<entity::Model>,
) -> Result<PublicFacts, AppError> {
    let p: &entity::Model = procurement;
    let catalog = state.catalog.get();
    let today = crate::web::stockholm_date(state.clock.now());
    let mut found =
        parties_and_milestones(&state.db, &catalog, std::slice::from_ref(p), today).await?;
    let (parties, milestones) = found.remove(&p.id).unwrap_or_default();
    let award = super::contract::award_of(&state.db, p.id)
        .await?
        .map(super::contract::award_view);
    let technology = match p.technology_id {
        Some(id) => crate::technologies::find(state, &id.to_string())
            .await
            .ok()
            .map(|e| TechnologyRef {
                url: crate::technologies::url(&e),
                slug: e.slug,
                name: e.name,
            }),
        None => None,
    };
    Ok(PublicFacts {
        id: p.id,
        slug: p.slug.clone(),
        url: url(p),
        title: p.title.clone(),
        description_html: p.description_html.clone(),
        category: p
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        technology,
        lead_organisation: catalog
            .organisation_by_id(p.lead_organisation_id)
            .map(OrganisationRef::from),
        phase: p.phase.clone(),
        phase_label: Phase::label_of(&p.phase),
        milestones,
        estimated_total_sek: parties.iter().map(|p: &PublicParty| p.estimated_sek).sum(),
        maximum_total_sek: parties.iter().map(|p: &PublicParty| p.maximum_sek).sum(),
        parties,
        award,
    })
}
