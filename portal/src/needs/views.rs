//! Needs as pages and the API show them.

use super::*;

/// One organisation's endorsement as pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EndorsementView {
    pub organisation: Option<OrganisationRef>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// A need with its names resolved, as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub target_group: String,
    pub target_group_label: String,
    pub category: Option<CategoryRef>,
    /// The organisation that raised it.
    pub organisation: Option<OrganisationRef>,
    pub status: String,
    pub status_label: String,
    pub visibility: String,
    /// How many organisations have the need: the one that raised it and those that share it.
    pub organisations_sharing: usize,
    pub endorsements: Vec<EndorsementView>,
    /// Trials answering the need, as (title, url) pairs the reader may open.
    pub trials: Vec<crate::trials::TrialRef>,
    pub created_at: DateTime<Utc>,
    /// When the need was withdrawn; only node staff open a withdrawn need.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

pub fn url(need: &entity::Model) -> String {
    format!("/behov/{}", need.slug)
}

pub fn view(
    catalog: &CatalogData,
    need: entity::Model,
    endorsements: &[endorsement::Model],
    trials: Vec<crate::trials::TrialRef>,
) -> NeedView {
    NeedView {
        id: need.id,
        url: url(&need),
        target_group_label: crate::catalog::TargetGroup::label_of(&need.target_group),
        category: need
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        organisation: catalog
            .organisation_by_id(need.organisation_id)
            .map(OrganisationRef::from),
        status_label: NeedStatus::label_of(&need.status),
        organisations_sharing: 1 + endorsements.len(),
        endorsements: endorsements
            .iter()
            .map(|e| EndorsementView {
                organisation: catalog
                    .organisation_by_id(e.organisation_id)
                    .map(OrganisationRef::from),
                note: e.note.clone(),
                created_at: e.created_at,
            })
            .collect(),
        trials,
        slug: need.slug,
        title: need.title,
        description_markdown: need.description_md,
        description_html: need.description_html,
        target_group: need.target_group,
        status: need.status,
        visibility: need.visibility,
        created_at: need.created_at,
        withdrawn_at: need.withdrawn_at,
    }
}

/// One need with its endorsements and the trials answering it that `actor` may open.
pub async fn show(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<NeedView, AppError> {
    let need = readable(state, actor, slug_or_id).await?;
    full_view(state, actor, need.into_inner()).await
}

/// A need `actor` may read, with its endorsements and the trials answering it `actor` may open.
pub async fn full_view(
    state: &AppState,
    actor: &Actor,
    need: entity::Model,
) -> Result<NeedView, AppError> {
    let endorsements = endorsements_of(&state.db, &[need.id])
        .await?
        .remove(&need.id)
        .unwrap_or_default();
    let trials = crate::trials::answering(state, actor, need.id).await?;
    Ok(view(&state.catalog.get(), need, &endorsements, trials))
}
