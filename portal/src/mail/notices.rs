//! Notices: short e-mails telling people that something they take part in changed (a trial's
//! journal or phase, a report's review). They go through the outbox like every mail, in the
//! transaction of the change, so the courier's retries deliver them.

use askama::Template;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::{Mail, enqueue};
use crate::error::AppError;

/// What a notice says: a subject, a few lines, and the page to open.
pub struct Notice<'a> {
    pub subject: String,
    pub lines: Vec<String>,
    /// The full address of the page the notice is about.
    pub link: String,
    /// The full address where the reader turns notices off.
    pub settings: &'a str,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct NoticeText<'a> {
    notice: &'a Notice<'a>,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    notice: &'a Notice<'a>,
}

/// Queues `notice` to each of `recipients`; call inside the change's transaction and wake the
/// courier after commit.
pub async fn send<C: ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    recipients: &[String],
    notice: &Notice<'_>,
) -> Result<usize, AppError> {
    if recipients.is_empty() {
        return Ok(0);
    }
    let render = |e: askama::Error| AppError::internal_from("mail template", e);
    let text = NoticeText { notice }.render().map_err(render)?;
    let html = NoticeHtml { notice }.render().map_err(render)?;
    for to in recipients {
        enqueue(
            txn,
            now,
            Mail {
                to: to.clone(),
                subject: notice.subject.clone(),
                text: text.clone(),
                html: html.clone(),
            },
        )
        .await?;
    }
    Ok(recipients.len())
}
