//! Field reports (`/faltrapporter`): short notes a technology coach posts from a phone on the
//! floor, linked to a trial, a technology, a need or a category, with up to six photos. Photos
//! are checked by content, re-encoded without any metadata, turned upright and kept with a
//! thumbnail in the blob store; every download asks the report's policy again. A coordinator
//! (or the trial's lead) promotes a report into a trial's journal or a new need.

pub mod access;
pub mod api;
pub mod comments;
pub mod entity;
pub mod photos;
pub mod promote;
pub mod queries;
pub mod routes;
pub mod search;
pub mod service;
pub mod submission;
pub mod topics;
pub mod views;

pub use access::*;
pub use queries::*;
pub use service::*;
pub use submission::*;
pub use views::*;

use crate::changes::Kind;

/// Field reports in the change log.
pub const FIELD_REPORT: Kind = Kind::new("field_report");

/// The search kind of field reports.
pub const FIELD_REPORT_KIND: &str = "faltrapport";

/// The longest text, in characters.
pub const MAX_TEXT: usize = 4000;

/// The most photos one report carries.
pub const MAX_PHOTOS: usize = 6;

/// The long side of a thumbnail, in pixels.
pub const THUMB_SIDE: u32 = 400;

/// The longest alt text, in characters.
pub const MAX_ALT: usize = 300;

/// A field report's page.
pub fn url_of(id: uuid::Uuid) -> String {
    format!("/faltrapporter/{id}")
}

/// A report's title in lists and notices: its first line, cut at 80 characters.
pub fn title_of(text_md: &str) -> String {
    let plain = crate::web::markdown::first_paragraph(text_md, 400);
    let first = plain.lines().next().unwrap_or("").trim();
    let mut title: String = first.chars().take(80).collect();
    if first.chars().count() > 80 {
        title.push('…');
    }
    if title.is_empty() {
        "Fältrapport".to_owned()
    } else {
        title
    }
}
