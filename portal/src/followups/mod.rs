//! Follow-up of trials: the indicators chosen at the start (with their baseline), and the
//! follow-ups that fall due 12 and 24 months after a trial ends. A reminder job e-mails the
//! trial's organisations when a follow-up is due and again when it is overdue; each reminder
//! is claimed by a conditional update in the same transaction that queues its mail, so it goes
//! out exactly once however many times, or on however many instances, the job runs.

pub mod routes;
pub mod vocabulary;

pub use vocabulary::Direction;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::{Action, Actor, Readable, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::state::AppState;
use crate::trials;
use crate::trials::TrialPhase;
use crate::unit::Unit;

/// The name reminders are sent under.
const REMINDER: &str = "uppföljningspåminnelser";

pub mod entity {
    pub mod indicator {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = "trial_indicators")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub trial_id: Uuid,
            pub name: String,
            pub unit: String,
            /// hogre or lagre: which way is better.
            pub direction: String,
            pub baseline: f64,
            pub created_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod follow_up {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "follow_ups")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub trial_id: Uuid,
            /// 12 or 24.
            pub months: i32,
            pub due_on: Date,
            pub recorded_at: Option<DateTimeUtc>,
            pub recorded_by: Option<String>,
            pub still_in_use: Option<bool>,
            pub effects_md: String,
            pub reminded_at: Option<DateTimeUtc>,
            pub overdue_reminded_at: Option<DateTimeUtc>,
            pub created_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod value {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
        #[sea_orm(table_name = "follow_up_values")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub follow_up_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub indicator_id: Uuid,
            pub value: f64,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{follow_up, indicator, value};

/// Months after a trial's end at which it is followed up.
pub const AT_MONTHS: [u32; 2] = [12, 24];
/// Days after the due date when a follow-up not yet recorded is overdue.
pub const OVERDUE_AFTER_DAYS: u64 = 30;

/// What the lead sends to choose an indicator.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    /// E.g. "nattliga besök per brukare och vecka".
    #[validate(length(
        min = 1,
        max = 200,
        message = "Ange indikatorns namn (högst 200 tecken)."
    ))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// E.g. "besök", "minuter", "procent".
    #[serde(default)]
    #[validate(length(max = 50, message = "Högst 50 tecken."))]
    #[schema(max_length = 50)]
    pub unit: String,
    /// hogre (higher is better) or lagre (lower is better).
    #[schema(schema_with = Direction::field_schema)]
    pub direction: String,
    /// The value before the trial.
    pub baseline: f64,
}

/// What a participant records at a follow-up.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    /// Indicator id → today's value.
    #[serde(default)]
    pub values: BTreeMap<Uuid, f64>,
    /// The effects seen, in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "Högst 20 000 tecken."))]
    #[schema(max_length = 20000)]
    pub effects: String,
    /// Whether the technology is still in use.
    pub still_in_use: bool,
}

/// The day a follow-up `months` after `ended` falls due.
pub fn due_on(ended: NaiveDate, months: u32) -> NaiveDate {
    ended
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Makes sure an ended trial has its follow-ups, and that a trial taken up again (or broken
/// off) has none left to record; call in the transaction that changes its phase.
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
    let existing: Vec<i32> = follow_up::Entity::find()
        .filter(follow_up::Column::TrialId.eq(trial.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|f| f.months)
        .collect();
    for months in AT_MONTHS {
        let months_i32 = i32::try_from(months).unwrap_or(i32::MAX);
        if existing.contains(&months_i32) {
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
            "Bara den ledande organisationen och nodens personal väljer indikatorer.".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let direction = Direction::from_field(Some(&input.direction), "direction", &mut issues);
    if direction.is_none() && issues.iter().all(|i| i.field != "direction") {
        issues.push(FieldIssue::new(
            "direction",
            format!("Välj bland: {}.", Direction::choices()),
        ));
    }
    if !input.baseline.is_finite() {
        issues.push(FieldIssue::new(
            "baseline",
            "Ange utgångsvärdet som ett tal.",
        ));
    }
    crate::privacy::check_fields(&[("name", &input.name), ("unit", &input.unit)], &mut issues);
    let Some(direction) = direction.filter(|_| issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
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
            "Bara de organisationer som deltog i testet följer upp det.".to_owned(),
        ));
    }
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
        issues.push(FieldIssue::new("values", "Ange värdena som tal."));
    }
    let chosen: Vec<Uuid> = indicators(&state.db, trial.id)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    if input.values.keys().any(|k| !chosen.contains(k)) {
        issues.push(FieldIssue::new(
            "values",
            "Ett värde hör inte till testets indikatorer.",
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
        return Err(AppError::Conflict(format!(
            "Uppföljningen efter {months} månader kan göras från {}.",
            crate::web::date_sv(due.due_on)
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

pub async fn indicators<C: ConnectionTrait>(
    db: &C,
    trial_id: Uuid,
) -> Result<Vec<indicator::Model>, AppError> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::TrialId.eq(trial_id))
        .order_by_asc(indicator::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Which reminder a pass sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reminder {
    Due,
    Overdue,
}

/// The job kind of the reminder run.
pub const REMINDER_JOB: &str = "followups.remind";
/// How often the reminder job runs; one instance runs each time.
const REMINDER_INTERVAL: chrono::Duration = chrono::Duration::minutes(10);

/// Registers the reminder run as a periodic job with the queue.
pub fn register_jobs(jobs: &crate::jobs::Jobs) {
    jobs.register_periodic(
        REMINDER_JOB,
        REMINDER_INTERVAL,
        5,
        |state: AppState, _| async move {
            match remind_due(&state).await? {
                0 => {}
                sent => tracing::info!(sent, "follow-up reminders queued"),
            }
            Ok(())
        },
    );
}

/// The reminder job: e-mails each trial's organisations once when a follow-up falls due and
/// once more when it is overdue. Returns how many reminders this run sent. Each reminder is
/// claimed on its follow-up, so even two runs at once send nothing twice.
#[tracing::instrument(skip_all)]
pub async fn remind_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let today = crate::web::stockholm_date(now);
    let overdue_from = today
        .checked_sub_days(Days::new(OVERDUE_AFTER_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let mut sent = 0;
    // A follow-up already overdue when first noticed gets the overdue reminder only.
    for (reminder, column, due_after, due_by) in [
        (
            Reminder::Due,
            follow_up::Column::RemindedAt,
            Some(overdue_from),
            today,
        ),
        (
            Reminder::Overdue,
            follow_up::Column::OverdueRemindedAt,
            None,
            overdue_from,
        ),
    ] {
        let mut query = follow_up::Entity::find()
            .filter(follow_up::Column::RecordedAt.is_null())
            .filter(column.is_null())
            .filter(follow_up::Column::DueOn.lte(due_by));
        if let Some(after) = due_after {
            query = query.filter(follow_up::Column::DueOn.gt(after));
        }
        let candidates = query.all(&state.db).await?;
        for candidate in candidates {
            if remind(state, &candidate, reminder, column, now).await? {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

/// Claims one reminder and queues its mail in one transaction; false when another run (or
/// instance) claimed it first or it was recorded meanwhile.
async fn remind(
    state: &AppState,
    due: &follow_up::Model,
    reminder: Reminder,
    column: follow_up::Column,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut unit = Unit::begin(state, &By::command(REMINDER)).await?;
    let txn = unit.db();
    let claimed = follow_up::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .filter(follow_up::Column::Id.eq(due.id))
        .filter(column.is_null())
        .filter(follow_up::Column::RecordedAt.is_null())
        .exec(txn)
        .await?
        .rows_affected;
    if claimed != 1 {
        return Ok(false);
    }
    let Some(trial) = trials::entity::Entity::find_by_id(due.trial_id)
        .one(txn)
        .await?
    else {
        return Ok(false);
    };
    let parties = trials::parties(txn, &trial).await?;
    let recipients = crate::auth::users::to_notify_in(txn, &parties.all(), None).await?;
    let settings = state.settings.public_link("/konto");
    let when = crate::web::date_sv(due.due_on);
    let (subject, line) = match reminder {
        Reminder::Due => (
            format!("Dags att följa upp: {}", trial.title),
            format!(
                "Det har gått {} månader sedan testet \"{}\" avslutades. Registrera uppföljningen: indikatorernas värden i dag, effekterna ni ser och om tekniken fortfarande används.",
                due.months, trial.title
            ),
        ),
        Reminder::Overdue => (
            format!("Uppföljningen är försenad: {}", trial.title),
            format!(
                "Uppföljningen efter {} månader av testet \"{}\" skulle ha gjorts {when} och är inte registrerad.",
                due.months, trial.title
            ),
        ),
    };
    unit.notify(
        &recipients,
        &Notice {
            subject,
            lines: vec![line],
            link: state
                .settings
                .public_link(&format!("{}#uppfoljning", trials::url(&trial))),
            settings: &settings,
        },
    )?;
    unit.commit().await?;
    Ok(true)
}

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
}

/// Where a follow-up stands on `today`.
pub fn state_of(f: &follow_up::Model, today: NaiveDate) -> (&'static str, &'static str) {
    let overdue_on = f
        .due_on
        .checked_add_days(Days::new(OVERDUE_AFTER_DAYS))
        .unwrap_or(NaiveDate::MAX);
    match f.recorded_at {
        Some(_) => ("registrerad", "Registrerad"),
        None if today >= overdue_on => ("forsenad", "Försenad"),
        None if today >= f.due_on => ("aktuell", "Dags att följa upp"),
        None => ("kommande", "Kommande"),
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
        baseline_text: crate::web::number_sv(i.baseline),
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
                            baseline_text: crate::web::number_sv(i.baseline),
                            value_text: crate::web::number_sv(v.value),
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
                    due_on_text: crate::web::date_sv(f.due_on),
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
