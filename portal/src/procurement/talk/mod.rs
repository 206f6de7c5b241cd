//! The talk of a joint procurement (issue 14, points 6 and 8): questions and answers
//! (`/upphandlingar/{slug}/fragor`), the decision log (`…/beslut`) and the reference group
//! (`…/referensgrupp`).
//!
//! Everything here is inside the workspace: its members read it (pages, API, search), leads
//! and members write (`Action::Contribute`), observers read. A new question or reply is
//! mailed to the other members as they are at the moment of writing, so a removed member
//! hears nothing more.
//!
//! **The decision log is append only.** The service has no function that changes or removes
//! an entry and there is no route for it; a correction is a new entry that names the one it
//! corrects (by its number), and the corrected entry is shown as corrected, with a link to the
//! correction. Numbers run from 1 per procurement without gaps; a unique index keeps them so.
//!
//! **The reference group** is recorded as who is represented (a [`Representation`] and a
//! description such as "Två undersköterskor från nattpatrullen") — never names of care
//! recipients, and the personnummer guard reads every text field — and its meetings with notes.

pub mod entity;
pub mod queries;
pub mod routes;
pub mod search;
pub mod service;

pub use queries::*;
pub use service::*;

use crate::changes::Kind;
use crate::web::vocabulary::vocabulary;

/// Questions (with their replies) in the change log.
pub const QUESTION: Kind = Kind::new("procurement_question");

/// Decision-log entries in the change log.
pub const DECISION: Kind = Kind::new("procurement_decision");

/// The most entries a reference group's composition holds.
pub const MAX_REFERENCE_ENTRIES: u64 = 100;

vocabulary!(
    /// Whom a part of the reference group represents.
    Representation ("representation") {
        Brukare => "brukare";
        Anhoriga => "anhoriga";
        Medarbetare => "medarbetare";
        Fackliga => "fackliga";
        Ovrigt => "ovrigt";
    }
);
