//! The requirements of a joint procurement (issue 14, point 4), under
//! `/upphandlingar/{slug}/krav` and `/api/v1/procurements/{id}/requirements`.
//!
//! A requirement is a **ska-krav** (mandatory: met or not) or a **bör-krav** (an evaluation
//! criterion with a weight in percent, 1–100), with a number that orders the list, a short
//! title and a Markdown text. It answers one or more needs from `/behov` and rests on
//! evidence: reports, trials and their follow-ups.
//!
//! **Who does what.** Every member reads the requirements (the procurement's Read);
//! leads and members (`Action::Contribute`) add, change and remove them; observers only read.
//! Everyone else gets the procurement's 404, on pages, the CSV, the printable page, the API
//! and search.
//!
//! **Links are checked against the reader, twice.** A writer links only needs and evidence
//! they may read themselves (asked through the needs, reports and trials features' own read
//! functions). Members differ in what they may read outside the procurement, so every page
//! asks again for its reader: a linked item the reader may not open is counted ("1 länk som
//! du inte kan öppna"), never named. Changing a requirement keeps the links its writer could
//! not see.
//!
//! **The needs of the procurement** ("Behov och krav"): the needs its requirements link, and
//! the needs of the procurement's subject category that a member organisation raised or
//! shares (not withdrawn, readable by the reader). Each is listed with the requirements that
//! cover it; a need no requirement covers is flagged.
//!
//! **Weights** of the bör-krav should add up to 100 %. Saving is never refused for that: the
//! list says by how much they miss.

pub mod entity;
pub mod queries;
pub mod routes;
pub mod search;
pub mod service;

pub use queries::*;
pub use service::*;

use crate::changes::Kind;
use crate::web::vocabulary::vocabulary;

/// Requirements in the change log.
pub const REQUIREMENT: Kind = Kind::new("procurement_requirement");

/// The most requirements one procurement holds (its lists are read whole).
pub const MAX_REQUIREMENTS: u64 = 300;

vocabulary!(
    /// The kinds of requirement.
    RequirementKind ("requirement-kind") {
        Ska => "ska";
        Bor => "bor";
    }
);

vocabulary!(
    /// What a requirement rests on.
    EvidenceKind ("evidence-kind") {
        Report => "report";
        Trial => "trial";
        FollowUp => "follow_up";
    }
);
