//! The overdue job: a procurement's leads are told once when a milestone's planned date has
//! passed and the phase is not reached (once per planned date; a new date may be mailed about
//! again).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::entity::{self, milestone};
use super::{Phase, url};
use crate::audit::By;
use crate::error::AppError;
use crate::mail::notices::Notice;
use crate::state::AppState;
use crate::unit::Unit;

/// The job kind of the overdue run.
pub const OVERDUE_JOB: &str = "procurement.overdue";

/// The name the overdue notices are sent under.
const SENDER: &str = "upphandlingens milstolpar";

/// How often the job runs; one instance runs each time.
const INTERVAL: chrono::Duration = chrono::Duration::minutes(10);

/// Registers the overdue run as a periodic job with the queue.
pub fn register_jobs(jobs: &crate::jobs::Jobs) {
    jobs.register_periodic(OVERDUE_JOB, INTERVAL, 5, |state: AppState, _| async move {
        match remind_overdue(&state).await? {
            0 => {}
            sent => tracing::info!(sent, "overdue procurement milestones mailed"),
        }
        Ok(())
    });
}

/// Mails the leads of each procurement about each overdue milestone not mailed about yet.
/// Returns how many milestones this run told of. Each is claimed on its row, so two runs at
/// once tell nothing twice.
#[tracing::instrument(skip_all)]
pub async fn remind_overdue(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let today = crate::web::stockholm_date(now);
    let candidates = milestone::Entity::find()
        .filter(milestone::Column::ActualOn.is_null())
        .filter(milestone::Column::OverdueMailedAt.is_null())
        .filter(milestone::Column::PlannedOn.lt(today))
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for candidate in candidates {
        let mut unit = Unit::begin(state, &By::command(SENDER)).await?;
        let txn = unit.db();
        let Some(procurement) = entity::Entity::find_by_id(candidate.procurement_id)
            .one(txn)
            .await?
        else {
            continue;
        };
        if !super::is_overdue(&procurement.phase, &candidate, today) {
            continue;
        }
        let claimed = milestone::Entity::update_many()
            .col_expr(milestone::Column::OverdueMailedAt, Expr::value(now))
            .filter(milestone::Column::Id.eq(candidate.id))
            .filter(milestone::Column::OverdueMailedAt.is_null())
            .filter(milestone::Column::ActualOn.is_null())
            .exec(txn)
            .await?
            .rows_affected;
        if claimed != 1 {
            continue;
        }
        let leads = super::leads_to_notify(txn, procurement.id).await?;
        let planned = candidate.planned_on;
        let settings = state.settings.public_link("/konto");
        unit.notify(&leads, || {
            let phase = Phase::label_of(&candidate.phase);
            let phase_lower = phase.to_lowercase();
            let now_lower = Phase::label_of(&procurement.phase).to_lowercase();
            let planned = planned.map(crate::web::date_text).unwrap_or_default();
            let args = [
                ("phase", phase.as_str()),
                ("phase_lower", phase_lower.as_str()),
                ("now_lower", now_lower.as_str()),
                ("planned", planned.as_str()),
                ("title", procurement.title.as_str()),
            ];
            Notice {
                subject: crate::web::i18n::t_args("procurement-notice-overdue-subject", &args),
                lines: vec![crate::web::i18n::t_args(
                    "procurement-notice-overdue",
                    &args,
                )],
                link: state
                    .settings
                    .public_link(&format!("{}/tidslinje", url(&procurement))),
                settings: &settings,
            }
        })?;
        unit.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
