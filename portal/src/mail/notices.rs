//! Notices: short e-mails telling people that something they take part in changed (a trial's
//! journal or phase, a report's review). They go through the outbox like every mail, in the
//! transaction of the change, so the courier's retries deliver them.

use crate::error::AppError;
use askama::Template;

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

/// The plain-text and HTML bodies of `notice`; the unit of work queues them to each
/// recipient with the change.
pub fn render(notice: &Notice<'_>) -> Result<(String, String), AppError> {
    let render = |e: askama::Error| AppError::internal_from("mail template", e);
    let text = NoticeText { notice }.render().map_err(render)?;
    let html = NoticeHtml { notice }.render().map_err(render)?;
    Ok((text, html))
}
