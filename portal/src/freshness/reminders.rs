//! The monthly reminder: each owner of stale items gets one mail a month listing all of them,
//! with a "stämmer fortfarande" link per item (see [`super::confirm`]).

use std::collections::BTreeMap;

use askama::Template;
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, Set, TryInsertResult};
use uuid::Uuid;

use super::Item;
use super::confirm::Signer;
use crate::audit::By;
use crate::auth::entity::user;
use crate::error::AppError;
use crate::mail::Mail;
use crate::state::AppState;
use crate::unit::Unit;

/// The name reminders are sent under.
const SENDER: &str = "aktualitetspåminnelser";

/// The job kind of the reminder run.
pub const REMINDER_JOB: &str = "freshness.remind";

/// How often the run looks for owners not yet reminded this month.
const INTERVAL: chrono::Duration = chrono::Duration::hours(6);

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// One user reminded in one month (`2026-12`): the claim that keeps it to one mail.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stale_reminders")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub month: String,
        pub sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Registers the reminder run as a periodic job with the queue.
pub fn register_jobs(jobs: &crate::jobs::Jobs) {
    jobs.register_periodic(REMINDER_JOB, INTERVAL, 5, |state: AppState, _| async move {
        match remind_owners(&state).await? {
            0 => {}
            sent => tracing::info!(sent, "stale-item reminders queued"),
        }
        Ok(())
    });
}

/// Sends each owner of stale items who has had no reminder this month (Stockholm time) one
/// mail listing them all; returns how many mails this run queued. The month's claim is taken
/// in the mail's own transaction, so two runs at once, here or on another instance, send
/// nothing twice.
#[tracing::instrument(skip_all)]
pub async fn remind_owners(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let before = super::stale_before(now, state.settings.stale_after_months);
    let month = crate::web::stockholm_date(now).format("%Y-%m").to_string();
    let mut by_owner: BTreeMap<Uuid, (user::Model, Vec<Item>)> = BTreeMap::new();
    for item in super::stale_items(&state.db, before).await? {
        for owner in
            crate::auth::users::answering_for(&state.db, item.owner_id, item.organisation_id)
                .await?
        {
            by_owner
                .entry(owner.id)
                .or_insert_with(|| (owner, Vec::new()))
                .1
                .push(item.clone());
        }
    }
    let mut sent = 0;
    for (owner, mut items) in by_owner.into_values() {
        items.sort_by(|a, b| (a.kind, &a.title, a.id).cmp(&(b.kind, &b.title, b.id)));
        if remind(state, &owner, &items, &month, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Claims `owner`'s reminder for `month` and queues it; false when it was sent already.
async fn remind(
    state: &AppState,
    owner: &user::Model,
    items: &[Item],
    month: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(to) = owner.email.clone() else {
        return Ok(false);
    };
    let mut unit = Unit::begin(state, &By::command(SENDER)).await?;
    let claimed = entity::Entity::insert(entity::ActiveModel {
        user_id: Set(owner.id),
        month: Set(month.to_owned()),
        sent_at: Set(now),
    })
    .on_conflict_do_nothing_on([entity::Column::UserId, entity::Column::Month])
    .exec_without_returning(unit.db())
    .await?;
    if !matches!(claimed, TryInsertResult::Inserted(n) if n > 0) {
        return Ok(false);
    }
    let signer = Signer::load(unit.db(), now).await?;
    // In the owner's language (their setting; Swedish without one).
    let lang = crate::web::i18n::Lang::of_setting(owner.language.as_deref());
    let mail = crate::web::frame::speaking(lang, || reminder(state, &signer, owner, items, to))?;
    unit.mail(mail);
    unit.commit().await?;
    Ok(true)
}

/// The reminder to `owner` (at `to`) of `items`, in the language of the frame.
fn reminder(
    state: &AppState,
    signer: &Signer,
    owner: &user::Model,
    items: &[Item],
    to: String,
) -> Result<Mail, AppError> {
    let settings = &state.settings;
    let lines: Vec<Line> = items
        .iter()
        .map(|item| Line {
            kind: item.kind.label(),
            title: item.title.clone(),
            confirmed: crate::web::date_text(crate::web::stockholm_date(item.last_confirmed())),
            confirm: signer.link(settings, item, owner.id),
            edit: settings.public_link(&item.edit_path),
            page: settings.public_link(&item.path),
        })
        .collect();
    let subject = crate::web::i18n::t_count("freshness-reminder-subject", "count", lines.len());
    let heading = crate::web::i18n::t_count(
        "freshness-reminder-heading",
        "months",
        settings.stale_after_months,
    );
    let render = |e: askama::Error| AppError::internal_from("mail template", e);
    let text = ReminderText {
        heading: &heading,
        items: &lines,
    }
    .render()
    .map_err(render)?;
    let html = ReminderHtml {
        subject: &subject,
        heading: &heading,
        items: &lines,
    }
    .render()
    .map_err(render)?;
    Ok(Mail {
        to,
        subject,
        text,
        html,
        unsubscribe: None,
    })
}

/// One item of a reminder.
struct Line {
    kind: String,
    title: String,
    confirmed: String,
    confirm: String,
    edit: String,
    page: String,
}

#[derive(Template)]
#[template(path = "freshness/reminder.txt")]
struct ReminderText<'a> {
    heading: &'a str,
    items: &'a [Line],
}

#[derive(Template)]
#[template(path = "freshness/reminder.html")]
struct ReminderHtml<'a> {
    subject: &'a str,
    heading: &'a str,
    items: &'a [Line],
}
