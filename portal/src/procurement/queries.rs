//! Reading procurements: who may open one, the list a reader may see (filtered, counted and
//! paged in the database), and the views pages and the API show.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity::{self, invitation, member, milestone, organisation};
use super::{OrganisationRole, Phase, Standing};
use crate::auth::entity::user;
use crate::auth::policy::readable_workspaces;
use crate::auth::{Actor, Readable, Resource};
use crate::catalog::{CategoryRef, OrganisationRef};
use crate::error::AppError;
use crate::state::AppState;

/// A procurement with the reader's own role in it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub procurement: entity::Model,
    pub standing: Option<Standing>,
}

impl Opened {
    /// The procurement as the policy sees it, for this reader.
    pub fn resource(&self) -> Resource {
        resource(&self.procurement, self.standing)
    }
}

/// A procurement as the policy sees it for a reader with `standing`.
pub fn resource(procurement: &entity::Model, standing: Option<Standing>) -> Resource {
    Resource::Procurement {
        workspace: Some(procurement.workspace_id),
        lead: procurement.lead_organisation_id,
        standing,
    }
}

/// The role of `actor` in the procurement, if they are a member in person.
pub async fn standing_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
    actor: &Actor,
) -> Result<Option<Standing>, AppError> {
    let Some(me) = actor.member() else {
        return Ok(None);
    };
    Ok(member::Entity::find_by_id((procurement_id, me.user_id))
        .one(db)
        .await?
        .and_then(|m| Standing::parse(&m.role)))
}

pub fn url(procurement: &entity::Model) -> String {
    format!("/upphandlingar/{}", procurement.slug)
}

/// The procurement behind `slug_or_id`, if `actor` may read it; "not found" otherwise, so a
/// procurement does not reveal itself to those outside it.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<Opened>, AppError> {
    let procurement = crate::addresses::find::<entity::Entity, _>(
        &state.db,
        super::PROCUREMENT,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await?
    .ok_or(AppError::NotFound("upphandlingen"))?;
    let standing = standing_of(&state.db, procurement.id, actor).await?;
    let opened = Opened {
        procurement,
        standing,
    };
    let resource = opened.resource();
    Readable::check_or(actor, &resource, opened, "upphandlingen")
}

/// The procurement titled `title`, whoever may read it: for loading content, which matches
/// procurements by title so loading again adds nothing twice.
pub async fn by_title(state: &AppState, title: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Title.eq(title))
        .one(&state.db)
        .await?)
}

/// `actor` with the workspaces they belong to now: a request that made its user a member
/// (starting a procurement) reads on with the new membership.
pub async fn as_now(state: &AppState, actor: &Actor) -> Result<Actor, AppError> {
    let Some(me) = actor.member() else {
        return Ok(actor.clone());
    };
    let workspaces = crate::auth::users::workspaces_of(
        &state.db,
        &state.catalog.get(),
        me.user_id,
        me.organisation_id,
    )
    .await?;
    Ok(Actor::User(crate::auth::Member::new(
        me.user_id,
        me.organisation_id,
        me.role,
        me.via,
        &workspaces,
    )))
}

/// Whether a workspace belongs to a procurement (its members are chosen there, not on the
/// workspace administration page).
pub async fn owns_workspace<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
) -> Result<bool, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::WorkspaceId.eq(workspace_id))
        .one(db)
        .await?
        .is_some())
}

/// The member organisations of a procurement, the lead first.
pub async fn organisations_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<organisation::Model>, AppError> {
    let mut rows = organisation::Entity::find()
        .filter(organisation::Column::ProcurementId.eq(procurement_id))
        .order_by_asc(organisation::Column::AddedAt)
        .all(db)
        .await?;
    rows.sort_by_key(|r| OrganisationRole::parse(&r.role).map_or(9, |r| r as u8));
    Ok(rows)
}

/// The procurement's leads who take e-mail notices.
pub async fn leads_to_notify<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<crate::auth::users::Recipient>, AppError> {
    let leads: Vec<Uuid> = member::Entity::find()
        .filter(member::Column::ProcurementId.eq(procurement_id))
        .filter(member::Column::Role.eq(Standing::Lead.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    crate::auth::users::to_notify_users(db, &leads).await
}

/// What a list of procurements is filtered by.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcurementFilter {
    /// One phase only.
    #[serde(default)]
    #[param(schema_with = Phase::optional_field_schema)]
    pub phase: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A procurement in a list: its public facts (those of a procurement one is not a member
/// of are listed once it is published).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProcurementSummary {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub lead_organisation: Option<OrganisationRef>,
    pub phase: String,
    pub phase_label: String,
    pub milestones: Vec<MilestoneView>,
    /// The organisations that may call off the framework agreement.
    pub parties: Vec<super::public::PublicParty>,
    pub updated_at: DateTime<Utc>,
}

/// A page of the procurements a reader may see.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProcurementList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub procurements: Vec<ProcurementSummary>,
}

pub const PER_PAGE: usize = 20;

fn summary(
    catalog: &crate::catalog::CatalogData,
    p: &entity::Model,
    (parties, milestones): (Vec<super::public::PublicParty>, Vec<MilestoneView>),
) -> ProcurementSummary {
    ProcurementSummary {
        id: p.id,
        slug: p.slug.clone(),
        url: url(p),
        title: p.title.clone(),
        lead_organisation: catalog
            .organisation_by_id(p.lead_organisation_id)
            .map(OrganisationRef::from),
        phase: p.phase.clone(),
        phase_label: Phase::label_of(&p.phase),
        milestones,
        parties,
        updated_at: p.updated_at,
    }
}

/// The procurements `actor` is a member of and those published (advertised), whose public
/// facts everyone reads (the node itself: all), the latest changed first, one page at a time.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &ProcurementFilter,
) -> Result<ProcurementList, AppError> {
    let page = crate::web::page_number(filter.page)?;
    let mut issues = Vec::new();
    let phase = Phase::from_field(filter.phase.as_deref(), "phase", &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut query = entity::Entity::find();
    if let Some(workspaces) = readable_workspaces(actor) {
        let mut readable =
            sea_orm::Condition::any().add(entity::Column::WorkspaceId.is_in(workspaces));
        if crate::auth::policy::reads_published_procurements(actor) {
            readable = readable.add(entity::Column::Phase.is_in(super::public::published_phases()));
        }
        query = query.filter(readable);
    }
    if let Some(phase) = phase {
        query = query.filter(entity::Column::Phase.eq(phase.as_str()));
    }
    let query = query
        .order_by_desc(entity::Column::UpdatedAt)
        .order_by_desc(entity::Column::Id);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let catalog = state.catalog.get();
    let today = crate::web::stockholm_date(state.clock.now());
    let mut facts =
        super::public::parties_and_milestones(&state.db, &catalog, &rows, today).await?;
    Ok(ProcurementList {
        total: usize::try_from(total).unwrap_or(usize::MAX),
        page,
        per_page: PER_PAGE,
        procurements: rows
            .iter()
            .map(|p| summary(&catalog, p, facts.remove(&p.id).unwrap_or_default()))
            .collect(),
    })
}

/// A member organisation as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberOrganisationView {
    pub organisation: OrganisationRef,
    /// lead, participant or observer.
    pub role: String,
    pub role_label: String,
}

/// A member user as shown (to members only).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub user_id: Uuid,
    pub name: String,
    pub organisation: Option<OrganisationRef>,
    /// lead, member or observer.
    pub role: String,
    pub role_label: String,
}

/// One phase's milestone.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MilestoneView {
    pub phase: String,
    pub phase_label: String,
    pub planned_on: Option<NaiveDate>,
    pub actual_on: Option<NaiveDate>,
    /// The procurement has reached the phase (it is in it or past it, or a date says so).
    pub reached: bool,
    /// Planned for a day that has passed, and not reached.
    pub overdue: bool,
    /// The procurement is in this phase now.
    pub current: bool,
}

impl MilestoneView {
    pub fn planned_sv(&self) -> String {
        self.planned_on
            .map(crate::web::date_text)
            .unwrap_or_default()
    }

    pub fn actual_sv(&self) -> String {
        self.actual_on
            .map(crate::web::date_text)
            .unwrap_or_default()
    }

    pub fn planned_value(&self) -> String {
        self.planned_on.map(|d| d.to_string()).unwrap_or_default()
    }

    pub fn actual_value(&self) -> String {
        self.actual_on.map(|d| d.to_string()).unwrap_or_default()
    }

    /// Where the phase stands, in words.
    pub fn state_label(&self) -> &'static str {
        if self.current {
            "Pågår"
        } else if self.overdue {
            "Försenad"
        } else if self.reached {
            "Klar"
        } else {
            "Planerad"
        }
    }
}

/// A procurement with its names resolved, its members and its milestones, as members see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProcurementView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub category: Option<CategoryRef>,
    /// The catalogue entry of the technology: its name and address.
    pub technology: Option<TechnologyRef>,
    pub lead_organisation: Option<OrganisationRef>,
    pub officer: String,
    pub phase: String,
    pub phase_label: String,
    pub organisations: Vec<MemberOrganisationView>,
    pub members: Vec<MemberView>,
    pub milestones: Vec<MilestoneView>,
    /// The reader's own role: lead, member or observer.
    pub your_role: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ProcurementView {
    /// The milestones that are overdue.
    pub fn overdue(&self) -> Vec<&MilestoneView> {
        self.milestones.iter().filter(|m| m.overdue).collect()
    }
}

/// A catalogue entry by name and address.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TechnologyRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// The milestones of a procurement in the order of the phases, each flagged as `today` sees
/// it.
pub fn milestone_views(
    procurement: &entity::Model,
    rows: &[milestone::Model],
    today: NaiveDate,
) -> Vec<MilestoneView> {
    let current = Phase::parse(&procurement.phase).map_or(0, Phase::position);
    let mut rows: Vec<&milestone::Model> = rows.iter().collect();
    rows.sort_by_key(|m| m.position);
    rows.into_iter()
        .map(|m| {
            let position = Phase::parse(&m.phase).map_or(m.position, Phase::position);
            let reached = position <= current || m.actual_on.is_some();
            MilestoneView {
                phase: m.phase.clone(),
                phase_label: Phase::label_of(&m.phase),
                planned_on: m.planned_on,
                actual_on: m.actual_on,
                reached,
                overdue: !reached && m.planned_on.is_some_and(|d| d < today),
                current: position == current,
            }
        })
        .collect()
}

/// Whether a milestone is overdue on `today`, for a procurement in `phase`.
pub fn is_overdue(phase: &str, m: &milestone::Model, today: NaiveDate) -> bool {
    let current = Phase::parse(phase).map_or(0, Phase::position);
    let position = Phase::parse(&m.phase).map_or(m.position, Phase::position);
    position > current && m.actual_on.is_none() && m.planned_on.is_some_and(|d| d < today)
}

/// The full view of a procurement the reader has opened.
pub async fn view(
    state: &AppState,
    opened: &Readable<Opened>,
) -> Result<ProcurementView, AppError> {
    let p = &opened.procurement;
    let catalog = state.catalog.get();
    let organisations = organisations_of(&state.db, p.id)
        .await?
        .into_iter()
        .filter_map(|o| {
            catalog
                .organisation_by_id(o.organisation_id)
                .map(|org| MemberOrganisationView {
                    organisation: OrganisationRef::from(org),
                    role_label: OrganisationRole::label_of(&o.role),
                    role: o.role,
                })
        })
        .collect();
    let rows = member::Entity::find()
        .filter(member::Column::ProcurementId.eq(p.id))
        .order_by_asc(member::Column::AddedAt)
        .all(&state.db)
        .await?;
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut members: Vec<MemberView> = rows
        .into_iter()
        .map(|m| MemberView {
            user_id: m.user_id,
            name: names.get(&m.user_id).cloned().unwrap_or_default(),
            organisation: catalog
                .organisation_by_id(m.organisation_id)
                .map(OrganisationRef::from),
            role_label: Standing::label_of(&m.role),
            role: m.role,
        })
        .collect();
    members.sort_by_key(|m| Standing::parse(&m.role).map_or(9, |s| s as u8));
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ProcurementId.eq(p.id))
        .all(&state.db)
        .await?;
    let today = crate::web::stockholm_date(state.clock.now());
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
    Ok(ProcurementView {
        id: p.id,
        slug: p.slug.clone(),
        url: url(p),
        title: p.title.clone(),
        description_markdown: p.description_md.clone(),
        description_html: p.description_html.clone(),
        category: p
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        technology,
        lead_organisation: catalog
            .organisation_by_id(p.lead_organisation_id)
            .map(OrganisationRef::from),
        officer: p.officer.clone(),
        phase: p.phase.clone(),
        phase_label: Phase::label_of(&p.phase),
        organisations,
        members,
        milestones: milestone_views(p, &milestones, today),
        your_role: opened.standing.map(|s| s.as_str().to_owned()),
        created_at: p.created_at,
        updated_at: p.updated_at,
    })
}

/// An open invitation as its leads see it.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub role_label: String,
    pub expires: String,
}

/// The open invitations of a procurement (not used, not withdrawn, not expired), newest
/// first.
pub async fn open_invitations(
    state: &AppState,
    opened: &Readable<Opened>,
) -> Result<Vec<InvitationView>, AppError> {
    let now = state.clock.now();
    Ok(invitation::Entity::find()
        .filter(invitation::Column::ProcurementId.eq(opened.procurement.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|i| InvitationView {
            id: i.id,
            role_label: Standing::label_of(&i.role),
            expires: crate::web::datetime_text(i.expires_at),
            email: i.email,
        })
        .collect())
}
