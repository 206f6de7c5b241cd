//! Lists of trials: all a reader may open, filtered and paged in the database, and those answering a need or using a technology.

use super::*;

/// Every need the trial `trial_id` answers, withdrawn or not and whoever may read it (one
/// query); callers choose what their reader sees.
pub(crate) async fn linked_needs<C: sea_orm::ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Vec<needs::entity::Model>, sea_orm::DbErr> {
    use sea_orm::sea_query::Query;
    needs::entity::Entity::find()
        .filter(
            needs::entity::Column::Id.in_subquery(
                Query::select()
                    .column(answers::Column::NeedId)
                    .from(answers::Entity)
                    .and_where(answers::Column::TrialId.eq(trial_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
}

/// The trials answering `need_id` that `actor` may open.
pub async fn answering(
    state: &AppState,
    actor: &Actor,
    need_id: Uuid,
) -> Result<Vec<TrialRef>, AppError> {
    let ids: Vec<Uuid> = answers::Entity::find()
        .filter(answers::Column::NeedId.eq(need_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| a.trial_id)
        .collect();
    let trials = entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids))
        .filter(live())
        .order_by_asc(entity::Column::CreatedAt)
        .all(&state.db)
        .await?;
    Ok(readable_among(state, actor, trials)
        .await?
        .iter()
        .map(TrialRef::from)
        .collect())
}

/// The trials of a catalogue entry that `actor` may open, and their reports `actor` may open.
pub async fn of_technology(
    state: &AppState,
    actor: &Actor,
    technology_id: Uuid,
) -> Result<(Vec<TrialRef>, Vec<ReportRef>), AppError> {
    let catalog = state.catalog.get();
    let of_entry = entity::Entity::find()
        .filter(entity::Column::TechnologyId.eq(technology_id))
        .filter(live())
        .order_by_asc(entity::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let readable = readable_among(state, actor, of_entry).await?;
    let ids: Vec<Uuid> = readable.iter().map(|t| t.id).collect();
    let trials: Vec<TrialRef> = readable.iter().map(TrialRef::from).collect();
    let reports = crate::reports::entity::Entity::find()
        .filter(crate::reports::entity::Column::TrialId.is_in(ids))
        .order_by_asc(crate::reports::entity::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|r| can(actor, Action::Read, &crate::reports::resource(r, &catalog)))
        .map(report_ref)
        .collect();
    Ok((trials, reports))
}

pub(crate) fn report_ref(r: crate::reports::entity::Model) -> ReportRef {
    ReportRef {
        url: crate::reports::url(&r),
        status_label: crate::reports::model::Status::parse(&r.status)
            .map_or_else(|| r.status.clone(), |s| s.label().to_owned()),
        status: r.status,
        title: r.title,
    }
}

/// The filters of the list of trials.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrialFilter {
    /// planerad, pagar, avslutad or avbruten.
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub target_group: Option<String>,
    /// SCB code of an organisation leading or taking part.
    #[serde(default)]
    pub organisation: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// The condition "the trial is not withdrawn": every list, count and search leaves withdrawn
/// trials (and their journals) out.
pub fn live() -> sea_orm::sea_query::SimpleExpr {
    entity::Column::WithdrawnAt.is_null()
}

/// How the trials table records who may open a trial, for the policy's SQL condition: the
/// lead, the participants and node staff open a trial of visibility `organisation`.
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers {
        partners: Some(taken_part_by),
        staff_read_organisation: true,
        ..crate::auth::policy::Readers::owned(
            entity::Column::Visibility,
            entity::Column::LeadOrganisationId,
        )
    }
}

/// The condition "organisation `org` takes part in the trial" (besides leading it).
pub fn taken_part_by(org: Uuid) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(participant::Column::TrialId)
            .from(participant::Entity)
            .and_where(participant::Column::OrganisationId.eq(org))
            .to_owned(),
    )
}

pub const PER_PAGE: usize = 20;

/// The trials `actor` may open that match `filter`, newest first, a page at a time: filtered,
/// counted and paged in the database.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &TrialFilter,
) -> Result<TrialList, AppError> {
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut query =
        entity::Entity::find()
            .filter(live())
            .filter(crate::auth::policy::visible_condition(
                actor,
                &readers(),
                &catalog,
            ));
    if let Some(phase) = filter.phase.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::Phase.eq(phase));
    }
    if let Some(group) = filter.target_group.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::TargetGroup.eq(group));
    }
    if let Some(code) = filter.organisation.as_deref().filter(|s| !s.is_empty()) {
        // An unknown organisation takes part in nothing.
        let org = catalog
            .organisation_by_code(code)
            .map_or(Uuid::nil(), |o| o.id);
        query = query.filter(
            sea_orm::Condition::any()
                .add(entity::Column::LeadOrganisationId.eq(org))
                .add(taken_part_by(org)),
        );
    }
    let query = query
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id);
    let (trials, total) =
        crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let total = total as usize;
    let mut parties = parties_of(&state.db, &trials).await?;
    let trials = trials
        .into_iter()
        .map(|t| {
            let p = parties.remove(&t.id).unwrap_or(Parties {
                lead: t.lead_organisation_id,
                participants: Vec::new(),
            });
            TrialSummary {
                id: t.id,
                url: url(&t),
                phase_label: TrialPhase::label_of(&t.phase),
                lead: catalog
                    .organisation_by_id(t.lead_organisation_id)
                    .map(OrganisationRef::from),
                participants: p
                    .participants
                    .iter()
                    .filter_map(|&o| catalog.organisation_by_id(o))
                    .map(OrganisationRef::from)
                    .collect(),
                target_group_label: crate::catalog::TargetGroup::label_of(&t.target_group),
                title: t.title,
                phase: t.phase,
                technology: t.technology,
                starts_on: t.starts_on,
                ends_on: t.ends_on,
            }
        })
        .collect();
    Ok(TrialList {
        total,
        page,
        per_page: PER_PAGE,
        trials,
    })
}

/// The trial with exactly this title, if any (demo content is matched by title).
pub async fn by_title(state: &AppState, title: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Title.eq(title))
        .one(&state.db)
        .await?)
}
