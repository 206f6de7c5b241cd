//! Notices by e-mail: the mail sent at once, and the daily and weekly digests.
//!
//! A notice whose reader wants its kind [`Cadence::Immediate`] is mailed with the change
//! ([`immediate_mail`], called by `record`). Notices of the daily or weekly cadence wait
//! (`mailed_at` empty) for the digest job, a periodic job on the queue ([`DIGEST_JOB`], every
//! ten minutes, one instance at a time):
//!
//! - the daily digest goes out after 07:00 Europe/Stockholm and holds the notices made before
//!   that day's 07:00;
//! - the weekly digest goes out on Fridays after 07:00 and holds the notices made before that
//!   Friday's 07:00.
//!
//! A run looks at the latest such moment (a node that was down on Friday sends the week's
//! digest on Saturday). For each user with waiting notices of that cadence it works in one
//! unit of work: it inserts the `digests` row for the user and period (`daily:2026-12-04`,
//! `weekly:2026-W49`), whose primary key makes a second digest for the same period impossible
//! even when two instances race; asks the search source of each item who may read it now and
//! leaves out what the user may no longer read (deleted, made private, moved to an
//! organisation they are not in); groups the rest by what they concern; queues one multipart
//! mail with the digest's one-click unsubscribe address; and marks every notice it looked at
//! mailed. Nothing waiting: no mail. A user who is disabled, has turned e-mail notices off or
//! has no address: the notices are marked mailed and nothing is sent.
//!
//! Mail is in the reader's language (their setting, else Swedish), as their notices are kept
//! (see [`super::Words`]).

use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TryInsertResult,
};
use uuid::Uuid;

use super::entity::{digest, notification};
use super::unsubscribe::{Signer, Subject};
use super::{Cadence, Event, Words};
use crate::audit::By;
use crate::auth::entity::user;
use crate::error::AppError;
use crate::mail::Mail;
use crate::state::AppState;
use crate::unit::Unit;

/// The job kind of the digest run.
pub const DIGEST_JOB: &str = "notifications.digest";

/// How often the job looks for digests to send.
const INTERVAL: Duration = Duration::minutes(10);

/// The local hour (Europe/Stockholm) after which a day's digests go out.
const SEND_HOUR: u32 = 7;

/// The name digests are sent under in the audit trail and the log.
const SENDER: &str = "notissammanfattningar";

/// Registers the digest run as a periodic job with the queue.
pub fn register_jobs(jobs: &crate::jobs::Jobs) {
    jobs.register_periodic(DIGEST_JOB, INTERVAL, 5, |state: AppState, _| async move {
        match send_due(&state).await? {
            0 => {}
            sent => tracing::info!(sent, "notice digests mailed"),
        }
        Ok(())
    });
}

/// One digest period: which cadence, its key in `digests`, and the moment before which its
/// notices were made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub cadence: Cadence,
    /// `daily:2026-12-04` or `weekly:2026-W49`.
    pub key: String,
    pub cutoff: DateTime<Utc>,
}

impl Period {
    /// "4 december 2026" or "vecka 49", in the language of the frame.
    fn label(&self) -> String {
        let day = crate::web::stockholm_date(self.cutoff);
        match self.cadence {
            Cadence::Weekly => crate::web::i18n::t_with(
                "mail-digest-week",
                "week",
                &day.iso_week().week().to_string(),
            ),
            _ => crate::web::date_text(day),
        }
    }
}

/// 07:00 in Stockholm on `date`, in UTC (07:00 always exists: clocks change at night).
fn send_time(date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_hms_opt(SEND_HOUR, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Stockholm
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

/// The latest daily and weekly send times at or before `now`: the periods a run at `now`
/// sends.
pub fn periods_at(now: DateTime<Utc>) -> [Period; 2] {
    let today = crate::web::stockholm_date(now);
    let day = if send_time(today) <= now {
        today
    } else {
        today - Duration::days(1)
    };
    let since_friday = (today.weekday().num_days_from_monday() + 7 - 4) % 7;
    let mut friday = today - Duration::days(i64::from(since_friday));
    if send_time(friday) > now {
        friday -= Duration::days(7);
    }
    let week = friday.iso_week();
    [
        Period {
            cadence: Cadence::Daily,
            key: format!("daily:{}", day.format("%Y-%m-%d")),
            cutoff: send_time(day),
        },
        Period {
            cadence: Cadence::Weekly,
            key: format!("weekly:{}-W{:02}", week.year(), week.week()),
            cutoff: send_time(friday),
        },
    ]
}

/// Sends every digest due now; returns how many mails were queued.
#[tracing::instrument(skip_all)]
pub async fn send_due(state: &AppState) -> Result<usize, AppError> {
    let mut sent = 0;
    for period in periods_at(state.clock.now()) {
        sent += send_period(state, &period).await?;
    }
    Ok(sent)
}

/// Sends the digests of `period` to every user with notices waiting for it.
pub async fn send_period(state: &AppState, period: &Period) -> Result<usize, AppError> {
    let users: Vec<Uuid> = waiting(period)
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for user_id in users {
        if send_one(state, period, user_id).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The notices waiting for `period`.
fn waiting(period: &Period) -> sea_orm::Select<notification::Entity> {
    notification::Entity::find()
        .filter(notification::Column::Cadence.eq(period.cadence.as_str()))
        .filter(notification::Column::MailedAt.is_null())
        .filter(notification::Column::CreatedAt.lt(period.cutoff))
}

/// One user's digest of `period`, in one unit of work; whether a mail was queued.
async fn send_one(state: &AppState, period: &Period, user_id: Uuid) -> Result<bool, AppError> {
    let mut unit = Unit::begin(state, &By::command(SENDER)).await?;
    let now = unit.now();
    let pending = waiting(period)
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_asc(notification::Column::CreatedAt)
        .order_by_asc(notification::Column::Id)
        .all(unit.db())
        .await?;
    if pending.is_empty() {
        return Ok(false);
    }
    // The claim: whoever inserts the period's row sends it; a racing instance waits for this
    // transaction and then finds the row there.
    let claimed = digest::Entity::insert(digest::ActiveModel {
        user_id: Set(user_id),
        period: Set(period.key.clone()),
        sent_at: Set(now),
        items: Set(0),
    })
    .on_conflict_do_nothing_on([digest::Column::UserId, digest::Column::Period])
    .exec_without_returning(unit.db())
    .await?;
    if !matches!(claimed, TryInsertResult::Inserted(n) if n > 0) {
        return Ok(false);
    }
    let ids: Vec<Uuid> = pending.iter().map(|n| n.id).collect();
    let reader = user::Entity::find_by_id(user_id)
        .one(unit.db())
        .await?
        .filter(|u| !u.disabled && u.notify_by_email);
    let mut included = Vec::new();
    let mut mail = None;
    if let Some(reader) = reader
        && let Some(to) = reader.email.clone()
    {
        let principals = principals_of_user(unit.db(), state, &reader).await?;
        let mut readable: HashMap<(String, Uuid), bool> = HashMap::new();
        for notice in &pending {
            let key = (notice.item_kind.clone(), notice.item_id);
            let may = match readable.get(&key) {
                Some(&may) => may,
                None => {
                    let may = state
                        .indexer
                        .principals_of(&notice.item_kind, notice.item_id)
                        .await?
                        .is_some_and(|item| item.iter().any(|p| principals.contains(p)));
                    readable.insert(key, may);
                    may
                }
            };
            if may {
                included.push(notice);
            }
        }
        if !included.is_empty() {
            let signer = Signer::load(unit.db(), now).await?;
            // In the reader's language, as their notices were kept.
            let lang = crate::web::i18n::Lang::of_setting(reader.language.as_deref());
            mail = Some(crate::web::frame::speaking(lang, || {
                digest_mail(state, &signer, period, reader.id, to, &included)
            })?);
        }
    }
    let count = i32::try_from(included.len()).unwrap_or(i32::MAX);
    if let Some(mail) = mail {
        unit.mail(mail);
    }
    notification::Entity::update_many()
        .col_expr(notification::Column::MailedAt, Expr::value(now))
        .filter(notification::Column::Id.is_in(ids))
        .filter(notification::Column::MailedAt.is_null())
        .exec(unit.db())
        .await?;
    digest::Entity::update_many()
        .col_expr(digest::Column::Items, Expr::value(count))
        .filter(digest::Column::UserId.eq(user_id))
        .filter(digest::Column::Period.eq(period.key.as_str()))
        .exec(unit.db())
        .await?;
    unit.commit().await?;
    Ok(count > 0)
}

/// What `user` reads with now (as the policy computes it for a signed-in request).
async fn principals_of_user<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user: &user::Model,
) -> Result<Vec<String>, AppError> {
    let Some(role) = crate::auth::Role::parse(&user.role) else {
        return Ok(Vec::new());
    };
    let catalog = state.catalog.get();
    let workspaces =
        crate::auth::users::workspaces_of(db, &catalog, user.id, user.organisation_id).await?;
    Ok(crate::auth::policy::member_principals(role, user.organisation_id, &workspaces).to_vec())
}

/// One item of a digest.
struct Item {
    title: String,
    lines: Vec<String>,
    link: String,
    when: String,
}

/// The items about one thing the reader follows.
struct Group {
    concerns: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
struct DigestText<'a> {
    heading: &'a str,
    groups: &'a [Group],
    settings: &'a str,
    unsubscribe: &'a str,
    what: &'a str,
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
struct DigestHtml<'a> {
    heading: &'a str,
    groups: &'a [Group],
    settings: &'a str,
    unsubscribe: &'a str,
    what: &'a str,
}

fn digest_mail(
    state: &AppState,
    signer: &Signer,
    period: &Period,
    user_id: Uuid,
    to: String,
    notices: &[&notification::Model],
) -> Result<Mail, AppError> {
    let settings = &state.settings;
    let mut groups: Vec<Group> = Vec::new();
    for notice in notices {
        let item = Item {
            title: notice.title.clone(),
            lines: notice.body.lines().map(str::to_owned).collect(),
            link: settings.public_link(&notice.path),
            when: crate::web::date_text(crate::web::stockholm_date(notice.created_at)),
        };
        match groups.iter_mut().find(|g| g.concerns == notice.concerns) {
            Some(group) => group.items.push(item),
            None => groups.push(Group {
                concerns: notice.concerns.clone(),
                items: vec![item],
            }),
        }
    }
    let subject = match period.cadence {
        Cadence::Daily => {
            crate::web::i18n::t_with("mail-digest-daily-subject", "period", &period.label())
        }
        _ => crate::web::i18n::t_with("mail-digest-weekly-subject", "period", &period.label()),
    };
    let what = Subject::Digest(period.cadence);
    let what_label = what.label();
    let unsubscribe = signer.link(settings, user_id, what);
    let settings_link = settings.public_link("/konto/notiser");
    let render = |e: askama::Error| AppError::internal_from("mail template", e);
    let text = DigestText {
        heading: &subject,
        groups: &groups,
        settings: &settings_link,
        unsubscribe: &unsubscribe,
        what: &what_label,
    }
    .render()
    .map_err(render)?;
    let html = DigestHtml {
        heading: &subject,
        groups: &groups,
        settings: &settings_link,
        unsubscribe: &unsubscribe,
        what: &what_label,
    }
    .render()
    .map_err(render)?;
    Ok(Mail {
        to,
        subject,
        text,
        html,
        unsubscribe: Some(unsubscribe),
    })
}

#[derive(Template)]
#[template(path = "mail/event.txt")]
struct EventText<'a> {
    words: &'a Words,
    concerns: &'a str,
    link: &'a str,
    settings: &'a str,
    unsubscribe: &'a str,
    what: &'a str,
}

#[derive(Template)]
#[template(path = "mail/event.html")]
struct EventHtml<'a> {
    words: &'a Words,
    concerns: &'a str,
    link: &'a str,
    settings: &'a str,
    unsubscribe: &'a str,
    what: &'a str,
}

/// The mail telling `user_id` of `event` at once: its lines, the page, what the reader follows
/// that it concerns, the settings page and the one-click address for the event's kind (also
/// in the `List-Unsubscribe` header).
pub(crate) fn immediate_mail(
    settings: &crate::config::Settings,
    signer: &Signer,
    user_id: Uuid,
    to: String,
    event: &Event,
    words: &Words,
    concerns: &str,
) -> Result<Mail, AppError> {
    let what = Subject::Kind(event.kind);
    let what_label = what.label();
    let unsubscribe = signer.link(settings, user_id, what);
    let link = settings.public_link(&event.path);
    let settings_link = settings.public_link("/konto/notiser");
    let render = |e: askama::Error| AppError::internal_from("mail template", e);
    let text = EventText {
        words,
        concerns,
        link: &link,
        settings: &settings_link,
        unsubscribe: &unsubscribe,
        what: &what_label,
    }
    .render()
    .map_err(render)?;
    let html = EventHtml {
        words,
        concerns,
        link: &link,
        settings: &settings_link,
        unsubscribe: &unsubscribe,
        what: &what_label,
    }
    .render()
    .map_err(render)?;
    Ok(Mail {
        to,
        subject: words.title.clone(),
        text,
        html,
        unsubscribe: Some(unsubscribe),
    })
}

/// Tells the followers of `event` now, on a write of its own: begins a unit of work as `by`,
/// hands it the event and commits. For callers with nothing else to write: the command line,
/// and tests that need notices without a feature that raises them.
pub async fn announce(state: &AppState, by: &By, event: Event) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    unit.event(event);
    unit.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn periods_turn_at_seven_in_stockholm() {
        // Friday 4 December 2026, 06:59 in Stockholm (UTC+1): yesterday's day, last week's
        // Friday.
        let [daily, weekly] = periods_at(at("2026-12-04T05:59:00Z"));
        assert_eq!(daily.key, "daily:2026-12-03");
        assert_eq!(daily.cutoff, at("2026-12-03T06:00:00Z"));
        assert_eq!(weekly.key, "weekly:2026-W48");
        assert_eq!(weekly.cutoff, at("2026-11-27T06:00:00Z"));
        // 07:00 sharp: today, and this Friday.
        let [daily, weekly] = periods_at(at("2026-12-04T06:00:00Z"));
        assert_eq!(daily.key, "daily:2026-12-04");
        assert_eq!(weekly.key, "weekly:2026-W49");
        assert_eq!(weekly.cutoff, at("2026-12-04T06:00:00Z"));
        // Thursday after: still that Friday's week.
        let [_, weekly] = periods_at(at("2026-12-10T12:00:00Z"));
        assert_eq!(weekly.key, "weekly:2026-W49");
        // Summer time (UTC+2).
        let [daily, _] = periods_at(at("2026-06-10T05:30:00Z"));
        assert_eq!(daily.key, "daily:2026-06-10");
        assert_eq!(daily.cutoff, at("2026-06-10T05:00:00Z"));
    }
}
