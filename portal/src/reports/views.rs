//! Reports as pages and the API show them.

use super::*;

pub fn url(report: &entity::Model) -> String {
    format!("/rapporter/{}", report.slug)
}

pub fn target_groups(report: &entity::Model) -> Vec<String> {
    report
        .target_groups
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

pub fn tags(report: &entity::Model) -> Vec<String> {
    serde_json::from_value(report.tags.clone()).unwrap_or_default()
}

/// The date a report is shown with: its own date, else when it was created.
pub fn date(report: &entity::Model) -> NaiveDate {
    report
        .published_on
        .unwrap_or_else(|| report.created_at.date_naive())
}

/// A report with its names resolved, as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub kind_label: String,
    pub organisation: Option<crate::catalog::OrganisationRef>,
    pub categories: Vec<crate::catalog::CategoryRef>,
    pub tags: Vec<String>,
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
    pub phase: Option<String>,
    pub phase_label: Option<String>,
    pub target_groups: Vec<String>,
    pub target_group_labels: Vec<String>,
    pub visibility: String,
    /// The workspace (slug) of an item visible to a workspace only.
    pub workspace: Option<String>,
    pub published_on: NaiveDate,
    pub body_markdown: String,
    pub body_html: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// utkast, granskas, returnerad or publicerad.
    pub status: String,
    pub status_label: String,
    /// The reviewer's comments on a returned report.
    pub review_comment: Option<String>,
    /// The sections of a final report written in the template.
    pub sections: BTreeMap<String, String>,
    /// The id of the trial this report concludes.
    pub trial_id: Option<Uuid>,
    /// When it was last confirmed to hold, whether it may be out of date, whether archived.
    pub freshness: crate::freshness::Freshness,
}

pub async fn view(
    state: &crate::state::AppState,
    report: entity::Model,
) -> Result<ReportView, DbErr> {
    let category_ids = categories_of(&state.db, &[report.id])
        .await?
        .remove(&report.id)
        .unwrap_or_default();
    let freshness = crate::freshness::Freshness::of(
        report.updated_at,
        report.confirmed_at,
        report.archived_at,
        state.clock.now(),
        &state.settings,
    )
    .answered_by(report.owner_id.or(report.author_id), report.organisation_id);
    Ok(view_with(
        &state.catalog.get(),
        report,
        &category_ids,
        freshness,
    ))
}

pub fn view_with(
    catalog: &CatalogData,
    report: entity::Model,
    category_ids: &[Uuid],
    freshness: crate::freshness::Freshness,
) -> ReportView {
    let mut categories: Vec<_> = category_ids
        .iter()
        .filter_map(|&id| catalog.category_by_id(id))
        .collect();
    categories.sort_by_key(|c| c.position);
    ReportView {
        id: report.id,
        url: url(&report),
        tags: tags(&report),
        published_on: date(&report),
        organisation: report
            .organisation_id
            .and_then(|id| catalog.organisation_by_id(id))
            .map(crate::catalog::OrganisationRef::from),
        categories: categories
            .into_iter()
            .map(crate::catalog::CategoryRef::from)
            .collect(),
        kind_label: Kind::label_of(&report.kind),
        outcome_label: report.outcome.as_deref().map(Outcome::label_of),
        phase_label: report.phase.as_deref().map(Phase::label_of),
        target_groups: target_groups(&report),
        target_group_labels: target_groups(&report)
            .iter()
            .map(|t| TargetGroup::label_of(t))
            .collect(),
        status_label: Status::parse(&report.status)
            .map_or_else(|| report.status.clone(), |s| s.label().to_owned()),
        sections: sections(&report),
        review_comment: report.review_comment.clone(),
        trial_id: report.trial_id,
        status: report.status.clone(),
        phase: report.phase,
        workspace: report
            .workspace_id
            .and_then(|w| catalog.workspace_by_id(w))
            .map(|w| w.slug.clone()),
        slug: report.slug,
        title: report.title,
        summary: report.summary,
        kind: report.kind,
        outcome: report.outcome,
        visibility: report.visibility,
        body_markdown: report.body_md,
        body_html: report.body_html,
        created_at: report.created_at,
        updated_at: report.updated_at,
        freshness,
    }
}
