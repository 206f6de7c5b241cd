//! Trials as pages and the API show them.

use super::*;

/// A trial named by title and address.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialRef {
    pub title: String,
    pub url: String,
    pub phase: String,
    pub phase_label: String,
}

impl From<&entity::Model> for TrialRef {
    fn from(t: &entity::Model) -> Self {
        TrialRef {
            title: t.title.clone(),
            url: url(t),
            phase: t.phase.clone(),
            phase_label: TrialPhase::label_of(&t.phase),
        }
    }
}

/// A journal entry as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: Uuid,
    pub entry_type: String,
    pub entry_type_label: String,
    pub happened_on: NaiveDate,
    pub text_markdown: String,
    pub text_html: String,
    pub organisation: Option<OrganisationRef>,
    pub created_at: DateTime<Utc>,
    /// When the entry was withdrawn; only node staff see withdrawn entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// A trial with its names resolved, its journal (newest first) and its final reports.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub lead: Option<OrganisationRef>,
    pub participants: Vec<OrganisationRef>,
    /// More than one organisation takes part.
    pub joint: bool,
    pub technology: String,
    pub product: String,
    pub supplier: String,
    pub target_group: String,
    pub target_group_label: String,
    pub category: Option<CategoryRef>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub phase: String,
    pub phase_label: String,
    pub visibility: String,
    pub needs: Vec<NeedRef>,
    pub journal: Vec<EntryView>,
    /// Reports concluding the trial that the reader may open.
    pub reports: Vec<ReportRef>,
    pub created_at: DateTime<Utc>,
    /// When the trial was withdrawn; only node staff open a withdrawn trial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// When it was last confirmed to hold, whether it may be out of date, whether archived.
    pub freshness: crate::freshness::Freshness,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedRef {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportRef {
    pub title: String,
    pub url: String,
    pub status: String,
    pub status_label: String,
}

/// The needs (not withdrawn) the trial `trial_id` answers that `actor` may open.
pub(crate) async fn answered_needs(
    state: &AppState,
    actor: &Actor,
    trial_id: Uuid,
) -> Result<Vec<needs::entity::Model>, AppError> {
    let catalog = state.catalog.get();
    Ok(super::linked_needs(&state.db, trial_id)
        .await?
        .into_iter()
        .filter(|n| {
            n.withdrawn_at.is_none() && can(actor, Action::Read, &needs::resource(n, &catalog))
        })
        .collect())
}

/// One trial as `actor` may see it.
pub async fn show(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<TrialView, AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    view(state, actor, trial, &parties).await
}

/// A trial `actor` may read, with its journal and what it links to that `actor` may open.
pub async fn view(
    state: &AppState,
    actor: &Actor,
    trial: Readable<entity::Model>,
    parties: &Parties,
) -> Result<TrialView, AppError> {
    let trial = trial.into_inner();
    let catalog = state.catalog.get();
    // Withdrawn entries are shown to those who may bring them back (node staff) only.
    let with_withdrawn = can(actor, Action::Restore, &resource(&trial, parties));
    let mut journal = journal::Entity::find().filter(journal::Column::TrialId.eq(trial.id));
    if !with_withdrawn {
        journal = journal.filter(journal::Column::WithdrawnAt.is_null());
    }
    let journal = journal
        .order_by_desc(journal::Column::HappenedOn)
        .order_by_desc(journal::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| entry_view(&catalog, e))
        .collect();
    let needs = answered_needs(state, actor, trial.id)
        .await?
        .into_iter()
        .map(|n| NeedRef {
            url: needs::url(&n),
            title: n.title,
        })
        .collect();
    let reports = crate::reports::entity::Entity::find()
        .filter(crate::reports::entity::Column::TrialId.eq(trial.id))
        .order_by_asc(crate::reports::entity::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|r| {
            can(
                actor,
                Action::Read,
                &crate::reports::resource_with(r, &catalog, &parties.all()),
            )
        })
        .map(report_ref)
        .collect();
    let freshness = crate::freshness::Freshness::of(
        trial.updated_at,
        trial.confirmed_at,
        trial.archived_at,
        state.clock.now(),
        &state.settings,
    )
    .answered_by(trial.owner_id, Some(trial.lead_organisation_id));
    Ok(TrialView {
        freshness,
        id: trial.id,
        url: url(&trial),
        lead: catalog
            .organisation_by_id(trial.lead_organisation_id)
            .map(OrganisationRef::from),
        participants: parties
            .participants
            .iter()
            .filter_map(|&o| catalog.organisation_by_id(o))
            .map(OrganisationRef::from)
            .collect(),
        joint: !parties.participants.is_empty(),
        target_group_label: crate::catalog::TargetGroup::label_of(&trial.target_group),
        category: trial
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        phase_label: TrialPhase::label_of(&trial.phase),
        needs,
        journal,
        reports,
        slug: trial.slug,
        title: trial.title,
        description_markdown: trial.description_md,
        description_html: trial.description_html,
        technology: trial.technology,
        product: trial.product,
        supplier: trial.supplier,
        target_group: trial.target_group,
        starts_on: trial.starts_on,
        ends_on: trial.ends_on,
        phase: trial.phase,
        visibility: trial.visibility,
        created_at: trial.created_at,
        withdrawn_at: trial.withdrawn_at,
    })
}

/// One trial in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialSummary {
    pub id: Uuid,
    pub title: String,
    pub url: String,
    pub phase: String,
    pub phase_label: String,
    pub lead: Option<OrganisationRef>,
    pub participants: Vec<OrganisationRef>,
    pub technology: String,
    pub target_group_label: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub trials: Vec<TrialSummary>,
}
