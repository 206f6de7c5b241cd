//! Scheduling follow-ups when a trial ends, choosing indicators and recording what a follow-up found.

use super::*;

/// The day a follow-up `months` after `ended` falls due.
pub fn due_on(ended: NaiveDate, months: u32) -> NaiveDate {
    ended
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Makes sure an ended trial has its follow-ups, due from its end date (moved when the end
/// date moves), and that a trial taken up again (or broken off) has none left to record; call
/// in the transaction that changes its phase or its period.
pub async fn schedule(unit: &Unit, trial: &trials::entity::Model) -> Result<(), AppError> {
    let now = unit.now();
    let txn = unit.db();
    let Some(ended) = trial
        .ends_on
        .filter(|_| trial.phase == TrialPhase::Avslutad.as_str())
    else {
        follow_up::Entity::delete_many()
            .filter(follow_up::Column::TrialId.eq(trial.id))
            .filter(follow_up::Column::RecordedAt.is_null())
            .exec(txn)
            .await?;
        return Ok(());
    };
    let existing = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .all(txn)
        .await?;
    for months in AT_MONTHS {
        let months_i32 = i32::try_from(months).unwrap_or(i32::MAX);
        if let Some(found) = existing.iter().find(|f| f.months == months_i32) {
            // A trial extended (or ended earlier) moves the follow-ups not yet recorded with
            // its end; their reminders go out again for the new day.
            let due = due_on(ended, months);
            if found.recorded_at.is_none() && found.due_on != due {
                let mut active: follow_up::ActiveModel = found.clone().into();
                active.due_on = Set(due);
                active.reminded_at = Set(None);
                active.overdue_reminded_at = Set(None);
                active.update(txn).await?;
            }
            continue;
        }
        follow_up::ActiveModel {
            id: Set(Uuid::now_v7()),
            trial_id: Set(trial.id),
            months: Set(months_i32),
            due_on: Set(due_on(ended, months)),
            recorded_at: Set(None),
            recorded_by: Set(None),
            still_in_use: Set(None),
            effects_md: Set(String::new()),
            reminded_at: Set(None),
            overdue_reminded_at: Set(None),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Chooses an indicator for a trial (its lead or node staff).
#[tracing::instrument(skip_all)]
pub async fn add_indicator(
    state: &AppState,
    by: &By,
    trial: &str,
    input: IndicatorInput,
) -> Result<indicator::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, resource) = trials::with_resource(state, &by.actor, trial).await?;
    if !can(&by.actor, Action::Edit, &resource) {
        return Err(AppError::Forbidden(
            "followups-error-indicators-forbidden".to_owned(),
        ));
    }
    trials::not_withdrawn(&trial)?;
    let direction = super::editing::checked(&input)?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let saved = indicator::ActiveModel {
        id: Set(Uuid::now_v7()),
        trial_id: Set(trial.id),
        name: Set(input.name.trim().to_owned()),
        unit: Set(input.unit.trim().to_owned()),
        direction: Set(direction.as_str().to_owned()),
        baseline: Set(input.baseline),
        created_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    }
    .insert(unit.db())
    .await?;
    // The trial's page and search document show its indicators.
    unit.changed(trials::TRIAL, trial.id, Op::Upsert);
    unit.audit(
        "trial.indicator",
        format!("trial:{}", trial.id),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Records the follow-up `months` after the trial's end (its organisations or node staff).
#[tracing::instrument(skip_all)]
pub async fn record(
    state: &AppState,
    by: &By,
    trial: &str,
    months: i32,
    input: FollowUpInput,
) -> Result<follow_up::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, resource) = trials::with_resource(state, &by.actor, trial).await?;
    if !can(&by.actor, Action::Contribute, &resource) {
        return Err(AppError::Forbidden(
            "followups-error-follow-up-forbidden".to_owned(),
        ));
    }
    trials::not_withdrawn(&trial)?;
    let scheduled = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .filter(follow_up::Column::Months.eq(months))
        .one(&state.db)
        .await?;
    if scheduled.is_none() {
        return Err(AppError::NotFound("uppföljningen"));
    }
    let mut issues = crate::error::issues_of(&input);
    crate::privacy::check_fields(&[("effects", &input.effects)], &mut issues);
    if input.values.values().any(|v| !v.is_finite()) {
        issues.push(FieldIssue::new(
            "values",
            "followups-error-values-not-numbers",
        ));
    }
    let chosen: Vec<Uuid> = indicators(&state.db, trial.id)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    if input.values.keys().any(|k| !chosen.contains(k)) {
        issues.push(FieldIssue::new(
            "values",
            "followups-error-value-not-indicator",
        ));
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    let Some(due) = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .filter(follow_up::Column::Months.eq(months))
        .one(txn)
        .await?
    else {
        return Err(AppError::NotFound("uppföljningen"));
    };
    if due.due_on > crate::web::stockholm_date(now) {
        return Err(AppError::Conflict(crate::web::i18n::text_with(
            crate::web::i18n::lang(),
            "followups-error-not-yet-due",
            &[
                ("months", months.into()),
                ("date", crate::web::date_text(due.due_on).into()),
            ],
        )));
    }
    let id = due.id;
    let mut active: follow_up::ActiveModel = due.into();
    active.recorded_at = Set(Some(now));
    active.recorded_by = Set(Some(by.name.clone()));
    active.still_in_use = Set(Some(input.still_in_use));
    active.effects_md = Set(input.effects.trim().to_owned());
    let saved = active.update(txn).await?;
    value::Entity::delete_many()
        .filter(value::Column::FollowUpId.eq(id))
        .exec(txn)
        .await?;
    for (indicator_id, v) in &input.values {
        value::ActiveModel {
            follow_up_id: Set(id),
            indicator_id: Set(*indicator_id),
            value: Set(*v),
        }
        .insert(txn)
        .await?;
    }
    // The trial's page and search document show what the follow-ups found.
    unit.changed(trials::TRIAL, trial.id, Op::Upsert);
    unit.audit(
        "trial.follow_up",
        format!("trial:{}", trial.id),
        months.to_string(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// A trial's indicators that are not withdrawn, in the order chosen.
pub async fn indicators<C: ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Vec<indicator::Model>, AppError> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::TrialId.eq(trial_id))
        .filter(indicator::Column::WithdrawnAt.is_null())
        .order_by_asc(indicator::Column::CreatedAt)
        .all(db)
        .await?)
}
