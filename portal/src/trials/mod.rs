//! Trials in a test bed (tester i testbädd): a lead organisation, the organisations taking
//! part, the technology under test, a phase, and a journal of dated steps, obstacles,
//! opportunities and decisions that everyone allowed can follow while the trial runs.
//! Participants are told by e-mail when the journal grows or the phase changes.

pub mod access;
pub mod attachments;
pub mod comments;
pub mod entity;
pub mod input;
pub mod journal_entry;
pub mod queries;
pub mod report_start;
pub mod routes;
pub mod search;
pub mod service;
pub mod topics;
pub mod views;
pub mod vocabulary;

pub use access::*;
pub use input::*;
pub use journal_entry::*;
pub use queries::*;
pub use report_start::*;
pub use service::*;
pub use views::*;
pub use vocabulary::{EntryType, JOURNAL_KIND, TRIAL_KIND, TrialPhase};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Readable, Resource, can};
use crate::catalog::CatalogData;
use crate::catalog::CategoryRef;
use crate::catalog::OrganisationRef;
use crate::catalog::TargetGroup;
use crate::changes::{Kind, Op};
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::needs;
use crate::needs::NeedStatus;
use crate::notifications::{Event, EventKind, Topic, TopicKind};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

use entity::{answers, journal, participant};

/// Trials in the change log.
pub const TRIAL: Kind = Kind::new("trial");
/// Journal entries in the change log (each is its own search document).
pub const JOURNAL_ENTRY: Kind = Kind::new("journal_entry");

pub fn url(trial: &entity::Model) -> String {
    format!("/tester/{}", trial.slug)
}
