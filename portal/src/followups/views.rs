//! Follow-ups as pages and the API show them.

use super::*;

/// An indicator as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub id: Uuid,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub direction_label: String,
    pub baseline: f64,
    #[serde(skip)]
    pub baseline_text: String,
}

/// An indicator's value at a follow-up, beside its baseline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueView {
    pub indicator_id: Uuid,
    pub indicator: String,
    pub unit: String,
    pub baseline: f64,
    pub value: f64,
    /// Whether the value moved the better way.
    pub improved: bool,
    #[serde(skip)]
    pub baseline_text: String,
    #[serde(skip)]
    pub value_text: String,
}

/// A follow-up as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowUpView {
    pub months: i32,
    pub due_on: NaiveDate,
    #[serde(skip)]
    pub due_on_text: String,
    /// `kommande`, `aktuell`, `forsenad` or `registrerad`.
    pub state: String,
    pub state_label: String,
    pub recorded_at: Option<DateTime<Utc>>,
    pub recorded_by: Option<String>,
    pub still_in_use: Option<bool>,
    pub effects_markdown: String,
    pub values: Vec<ValueView>,
}

/// A trial's indicators and follow-ups.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialFollowUps {
    pub indicators: Vec<IndicatorView>,
    pub follow_ups: Vec<FollowUpView>,
    /// The withdrawn indicators, for node staff who may restore them (pages only).
    #[serde(skip)]
    pub withdrawn: Vec<IndicatorView>,
    /// Whether the reader may restore withdrawn indicators (pages only).
    #[serde(skip)]
    pub may_restore: bool,
}

/// Where a follow-up stands on `today`.
pub fn state_of(f: &follow_up::Model, today: NaiveDate) -> (&'static str, String) {
    let overdue_on = f
        .due_on
        .checked_add_days(Days::new(OVERDUE_AFTER_DAYS))
        .unwrap_or(NaiveDate::MAX);
    match f.recorded_at {
        Some(_) => ("registrerad", crate::web::i18n::t("follow-up-recorded")),
        None if today >= overdue_on => ("forsenad", crate::web::i18n::t("follow-up-overdue")),
        None if today >= f.due_on => ("aktuell", crate::web::i18n::t("follow-up-due")),
        None => ("kommande", crate::web::i18n::t("follow-up-coming")),
    }
}

pub fn indicator_view(i: &indicator::Model) -> IndicatorView {
    IndicatorView {
        id: i.id,
        name: i.name.clone(),
        unit: i.unit.clone(),
        direction_label: Direction::parse(&i.direction)
            .map_or_else(|| i.direction.clone(), |d| d.label().to_owned()),
        direction: i.direction.clone(),
        baseline: i.baseline,
        baseline_text: quantity_sv(i.baseline, &i.unit),
    }
}

/// The indicators and follow-ups of the trial behind `slug_or_id`, if `actor` may read it.
pub async fn of_trial(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<TrialFollowUps, AppError> {
    let (trial, _) = trials::with_resource(state, actor, slug_or_id).await?;
    for_trial(state, &trial).await
}

/// The indicators and follow-ups of a trial; the reader's check is proven by its type.
pub async fn for_trial(
    state: &AppState,
    trial: &Readable<trials::entity::Model>,
) -> Result<TrialFollowUps, AppError> {
    let today = crate::web::stockholm_date(state.clock.now());
    let chosen = indicators(&state.db, trial.id).await?;
    let follow_ups = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .order_by_asc(follow_up::Column::Months)
        .all(&state.db)
        .await?;
    let ids: Vec<Uuid> = follow_ups.iter().map(|f| f.id).collect();
    let mut values: HashMap<Uuid, Vec<value::Model>> = HashMap::new();
    for v in value::Entity::find()
        .filter(value::Column::FollowUpId.is_in(ids))
        .all(&state.db)
        .await?
    {
        values.entry(v.follow_up_id).or_default().push(v);
    }
    let by_id: HashMap<Uuid, &indicator::Model> = chosen.iter().map(|i| (i.id, i)).collect();
    Ok(TrialFollowUps {
        withdrawn: Vec::new(),
        may_restore: false,
        indicators: chosen.iter().map(indicator_view).collect(),
        follow_ups: follow_ups
            .into_iter()
            .map(|f| {
                let (code, label) = state_of(&f, today);
                let values = values
                    .remove(&f.id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|v| {
                        let i = by_id.get(&v.indicator_id)?;
                        let higher_better = i.direction == Direction::Hogre.as_str();
                        Some(ValueView {
                            indicator_id: i.id,
                            indicator: i.name.clone(),
                            unit: i.unit.clone(),
                            baseline: i.baseline,
                            value: v.value,
                            baseline_text: quantity_sv(i.baseline, &i.unit),
                            value_text: quantity_sv(v.value, &i.unit),
                            improved: if higher_better {
                                v.value > i.baseline
                            } else {
                                v.value < i.baseline
                            },
                        })
                    })
                    .collect();
                FollowUpView {
                    months: f.months,
                    due_on: f.due_on,
                    due_on_text: crate::web::date_text(f.due_on),
                    state: code.to_owned(),
                    state_label: label.to_owned(),
                    recorded_at: f.recorded_at,
                    recorded_by: f.recorded_by,
                    still_in_use: f.still_in_use,
                    effects_markdown: f.effects_md,
                    values,
                }
            })
            .collect(),
    })
}

/// As [`for_trial`], with the withdrawn indicators when `actor` may restore them
/// (`resource` is the trial's).
pub async fn for_trial_as(
    state: &AppState,
    actor: &Actor,
    trial: &Readable<trials::entity::Model>,
    resource: &crate::auth::Resource,
) -> Result<TrialFollowUps, AppError> {
    let mut found = for_trial(state, trial).await?;
    if can(actor, Action::Restore, resource) {
        found.may_restore = true;
        found.withdrawn = withdrawn_indicators(&state.db, trial.id)
            .await?
            .iter()
            .map(indicator_view)
            .collect();
    }
    Ok(found)
}

/// Every follow-up not yet recorded, with its trial, for the overview.
pub async fn open_follow_ups<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<follow_up::Model>, AppError> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::RecordedAt.is_null())
        .order_by_asc(follow_up::Column::DueOn)
        .all(db)
        .await?)
}

/// A follow-up an organisation answers for, with its trial.
#[derive(Debug, Clone)]
pub struct DueFollowUp {
    pub trial_title: String,
    pub trial_url: String,
    pub months: i32,
    pub due_on_text: String,
    pub state_label: String,
}

/// The follow-ups not yet recorded of the trials `organisation` leads that fall due by
/// `until`, the soonest first, a page at a time, and how many there are.
pub async fn due_for<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    today: NaiveDate,
    until: NaiveDate,
    page: u64,
    per_page: u64,
) -> Result<(Vec<DueFollowUp>, u64), AppError> {
    use sea_orm::sea_query::{ExprTrait, Query};
    let led = Query::select()
        .column(trials::entity::Column::Id)
        .from(trials::entity::Entity)
        .and_where(trials::entity::Column::LeadOrganisationId.eq(organisation))
        .and_where(trials::entity::Column::WithdrawnAt.is_null())
        .to_owned();
    let query = follow_up::Entity::find()
        .filter(follow_up::Column::RecordedAt.is_null())
        .filter(follow_up::Column::DueOn.lte(until))
        .filter(Expr::col((follow_up::Entity, follow_up::Column::TrialId)).in_subquery(led))
        .order_by_asc(follow_up::Column::DueOn)
        .order_by_asc(follow_up::Column::Id);
    let (due, total) = crate::db::page_of(db, query, page, per_page).await?;
    let ids: Vec<Uuid> = due.iter().map(|f| f.trial_id).collect();
    let trials: HashMap<Uuid, trials::entity::Model> = trials::entity::Entity::find()
        .filter(trials::entity::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let due = due
        .into_iter()
        .filter_map(|f| {
            let trial = trials.get(&f.trial_id)?;
            Some(DueFollowUp {
                trial_title: trial.title.clone(),
                trial_url: format!("{}#uppfoljning", trials::url(trial)),
                months: f.months,
                due_on_text: crate::web::date_text(f.due_on),
                state_label: state_of(&f, today).1,
            })
        })
        .collect();
    Ok((due, total))
}

/// A number with its unit, the unit in the singular for exactly one: "1 dos", "2 doser",
/// "1,5 timmar". Units without a known singular are kept as written.
pub fn quantity_sv(value: f64, unit: &str) -> String {
    let number = crate::web::number_text(value);
    let unit = unit.trim();
    if unit.is_empty() {
        return number;
    }
    let unit = if number == "1" || number == "-1" {
        singular_sv(unit)
    } else {
        unit
    };
    format!("{number} {unit}")
}

/// The singular of a common Swedish unit in the plural ("doser" → "dos"); others as written.
fn singular_sv(unit: &str) -> &str {
    const SINGULARS: [(&str, &str); 17] = [
        ("doser", "dos"),
        ("minuter", "minut"),
        ("timmar", "timme"),
        ("dagar", "dag"),
        ("veckor", "vecka"),
        ("månader", "månad"),
        ("gånger", "gång"),
        ("personer", "person"),
        ("kronor", "krona"),
        ("nätter", "natt"),
        ("avvikelser", "avvikelse"),
        ("tillfällen", "tillfälle"),
        ("fallolyckor", "fallolycka"),
        ("resor", "resa"),
        ("timmar per vecka", "timme per vecka"),
        ("minuter per dag", "minut per dag"),
        ("insatser", "insats"),
    ];
    let lower = unit.to_lowercase();
    SINGULARS
        .iter()
        .find(|(plural, _)| *plural == lower)
        .map_or(unit, |(_, singular)| singular)
}

/// The follow-up at `months` of the trial behind `trial` (slug or id), with the trial, if
/// `actor` may read the trial (a follow-up is read with its trial); "not found" otherwise.
pub async fn readable_follow_up(
    state: &AppState,
    actor: &Actor,
    trial: &str,
    months: i32,
) -> Result<(follow_up::Model, Readable<trials::entity::Model>), AppError> {
    let (trial, _) = trials::with_resource(state, actor, trial).await?;
    let found = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .filter(follow_up::Column::Months.eq(months))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("uppföljningen"))?;
    Ok((found, trial))
}

/// The follow-up `id` with its trial, if `actor` may read the trial; "not found" otherwise.
pub async fn readable_follow_up_by_id(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(follow_up::Model, Readable<trials::entity::Model>), AppError> {
    let found = follow_up::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("uppföljningen"))?;
    let (trial, _) = trials::with_resource(state, actor, &found.trial_id.to_string()).await?;
    Ok((found, trial))
}

#[cfg(test)]
mod tests {
    use super::quantity_sv;

    #[test]
    fn one_takes_the_singular() {
        assert_eq!(quantity_sv(1.0, "doser"), "1 dos");
        assert_eq!(quantity_sv(2.0, "doser"), "2 doser");
        assert_eq!(quantity_sv(1.5, "timmar"), "1,5 timmar");
        assert_eq!(quantity_sv(1.0, "besök"), "1 besök");
        assert_eq!(quantity_sv(1.0, "Minuter"), "1 minut");
        assert_eq!(quantity_sv(3.0, ""), "3");
    }
}
