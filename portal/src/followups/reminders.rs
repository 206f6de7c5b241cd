//! The reminder job: organisations are told once when a follow-up falls due and once when it is overdue.

use super::*;

/// The name reminders are sent under.
pub(crate) const REMINDER: &str = "uppföljningspåminnelser";

/// Which reminder a pass sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reminder {
    Due,
    Overdue,
}

/// The job kind of the reminder run.
pub const REMINDER_JOB: &str = "followups.remind";

/// How often the reminder job runs; one instance runs each time.
pub(crate) const REMINDER_INTERVAL: chrono::Duration = chrono::Duration::minutes(10);

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
            .filter(follow_up::Column::DueOn.lte(due_by))
            // A withdrawn trial is followed up by no one.
            .filter(
                follow_up::Column::TrialId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(trials::entity::Column::Id)
                        .from(trials::entity::Entity)
                        .and_where(trials::entity::Column::WithdrawnAt.is_null())
                        .to_owned(),
                ),
            );
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
pub(crate) async fn remind(
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
    let months = due.months.to_string();
    unit.notify(&recipients, || {
        let when = crate::web::date_text(due.due_on);
        let args = [
            ("months", months.as_str()),
            ("title", trial.title.as_str()),
            ("when", when.as_str()),
        ];
        use crate::web::i18n;
        let (subject, line) = match reminder {
            Reminder::Due => (
                i18n::t_args("followups-notice-due-subject", &args),
                i18n::t_args("followups-notice-due", &args),
            ),
            Reminder::Overdue => (
                i18n::t_args("followups-notice-overdue-subject", &args),
                i18n::t_args("followups-notice-overdue", &args),
            ),
        };
        Notice {
            subject,
            lines: vec![line],
            link: state
                .settings
                .public_link(&format!("{}#uppfoljning", trials::url(&trial))),
            settings: &settings,
        }
    })?;
    unit.commit().await?;
    Ok(true)
}
