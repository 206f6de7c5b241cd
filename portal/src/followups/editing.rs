//! Fixing an indicator or taking it back: the trial's lead (or node staff) edits its name,
//! unit, direction and baseline, or withdraws it, so it leaves the trial page and the
//! follow-up form (the values recorded for it are kept, hidden with it).

use super::*;

/// The labels (catalogue keys) of the indicator form's fields, for its error messages.
pub const INDICATOR_LABELS: &[(&str, &str)] = &[
    ("name", "followups-error-label-name"),
    ("unit", "followups-error-label-unit"),
    ("direction", "followups-error-label-direction"),
    ("baseline", "followups-error-label-baseline"),
];

/// Checks an indicator's input: lengths, a known direction, a finite baseline and no
/// personal identity numbers. Answers the direction, or every issue at once.
pub fn checked(input: &IndicatorInput) -> Result<Direction, AppError> {
    let mut issues = crate::error::issues_of(input);
    crate::error::require_text(
        &input.name,
        "name",
        "followups-error-indicator-name",
        &mut issues,
    );
    let direction = Direction::from_field(Some(&input.direction), "direction", &mut issues);
    if direction.is_none() && issues.iter().all(|i| i.field != "direction") {
        issues.push(FieldIssue::new(
            "direction",
            "followups-error-direction-missing",
        ));
    }
    if !input.baseline.is_finite() {
        issues.push(FieldIssue::new(
            "baseline",
            "followups-error-baseline-not-number",
        ));
    }
    crate::privacy::check_fields(&[("name", &input.name), ("unit", &input.unit)], &mut issues);
    match direction.filter(|_| issues.is_empty()) {
        Some(direction) => Ok(direction),
        None => Err(AppError::Invalid(issues)),
    }
}

/// The trial behind `trial` with the indicator `indicator_id` of it (not withdrawn), if
/// `by` may `action` it.
async fn indicator_of(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
    action: Action,
    refusal: &str,
) -> Result<(Uuid, indicator::Model), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, resource) = trials::with_resource(state, &by.actor, trial).await?;
    if !can(&by.actor, action, &resource) {
        return Err(AppError::Forbidden(refusal.to_owned()));
    }
    trials::not_withdrawn(&trial)?;
    let found = indicator::Entity::find_by_id(indicator_id)
        .filter(indicator::Column::TrialId.eq(trial.id))
        .filter(indicator::Column::WithdrawnAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("indikatorn"))?;
    Ok((trial.id, found))
}

/// The indicator `indicator_id` of the trial behind `trial`, for its edit form (those who may
/// edit the trial).
pub async fn indicator_to_edit(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
) -> Result<indicator::Model, AppError> {
    indicator_of(
        state,
        by,
        trial,
        indicator_id,
        Action::Edit,
        "followups-error-indicator-edit-forbidden",
    )
    .await
    .map(|(_, i)| i)
}

/// What [`update_indicator`] would be sent to leave the indicator as it is, for a `PATCH` to
/// merge into; refused as [`update_indicator`] refuses.
#[tracing::instrument(skip_all)]
pub async fn current_indicator_input(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
) -> Result<IndicatorInput, AppError> {
    let found = indicator_to_edit(state, by, trial, indicator_id).await?;
    Ok(IndicatorInput::of(&found))
}

/// Changes an indicator's name, unit, direction and baseline (the trial's lead or node staff).
#[tracing::instrument(skip_all)]
pub async fn update_indicator(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
    input: IndicatorInput,
) -> Result<indicator::Model, AppError> {
    let (trial_id, found) = indicator_of(
        state,
        by,
        trial,
        indicator_id,
        Action::Edit,
        "followups-error-indicator-edit-forbidden",
    )
    .await?;
    let direction = checked(&input)?;
    let mut unit = Unit::begin(state, by).await?;
    let mut active: indicator::ActiveModel = found.into();
    active.name = Set(input.name.trim().to_owned());
    active.unit = Set(input.unit.trim().to_owned());
    active.direction = Set(direction.as_str().to_owned());
    active.baseline = Set(input.baseline);
    let saved = active.update(unit.db()).await?;
    // The trial's page and search document show its indicators.
    unit.changed(trials::TRIAL, trial_id, Op::Upsert);
    unit.audit(
        "indicator.update",
        format!("trial:{trial_id}"),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Withdraws an indicator (those who may withdraw the trial): it leaves the trial page and
/// the follow-up form.
#[tracing::instrument(skip_all)]
pub async fn withdraw_indicator(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
) -> Result<(), AppError> {
    let (trial_id, found) = indicator_of(
        state,
        by,
        trial,
        indicator_id,
        Action::Withdraw,
        "followups-error-indicator-withdraw-forbidden",
    )
    .await?;
    let mut unit = Unit::begin(state, by).await?;
    let name = found.name.clone();
    let mut active: indicator::ActiveModel = found.into();
    active.withdrawn_at = Set(Some(unit.now()));
    active.withdrawn_by = Set(by.actor.member().map(|m| m.user_id));
    active.update(unit.db()).await?;
    unit.changed(trials::TRIAL, trial_id, Op::Upsert);
    unit.audit("indicator.withdraw", format!("trial:{trial_id}"), name);
    unit.commit().await?;
    Ok(())
}

/// A trial's withdrawn indicators, for node staff who may restore them.
pub async fn withdrawn_indicators<C: ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Vec<indicator::Model>, AppError> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::TrialId.eq(trial_id))
        .filter(indicator::Column::WithdrawnAt.is_not_null())
        .order_by_asc(indicator::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Brings a withdrawn indicator back (node staff).
#[tracing::instrument(skip_all)]
pub async fn restore_indicator(
    state: &AppState,
    by: &By,
    trial: &str,
    indicator_id: Uuid,
) -> Result<indicator::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, resource) = trials::with_resource(state, &by.actor, trial).await?;
    if !can(&by.actor, Action::Restore, &resource) {
        return Err(AppError::Forbidden(
            "followups-error-indicator-restore-forbidden".to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let found = indicator::Entity::find_by_id(indicator_id)
        .filter(indicator::Column::TrialId.eq(trial.id))
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("indikatorn"))?;
    // Restoring one that was never removed leaves it as it is, as a trial's restore does.
    if found.withdrawn_at.is_none() {
        return Ok(found);
    }
    let mut active: indicator::ActiveModel = found.into();
    active.withdrawn_at = Set(None);
    active.withdrawn_by = Set(None);
    let saved = active.update(unit.db()).await?;
    unit.changed(trials::TRIAL, trial.id, Op::Upsert);
    unit.audit(
        "indicator.restore",
        format!("trial:{}", trial.id),
        saved.name.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}
