//! Follow-up of trials: the indicators chosen at the start (with their baseline), and the
//! follow-ups that fall due 12 and 24 months after a trial ends. A reminder job e-mails the
//! trial's organisations when a follow-up is due and again when it is overdue; each reminder
//! is claimed by a conditional update in the same transaction that queues its mail, so it goes
//! out exactly once however many times, or on however many instances, the job runs.

pub mod editing;
pub mod entity;
pub mod input;
pub mod reminders;
pub mod routes;
pub mod service;
pub mod views;
pub mod vocabulary;

pub use editing::*;
pub use input::*;
pub use reminders::*;
pub use routes::IndicatorFields;
pub use service::*;
pub use views::*;

pub use vocabulary::Direction;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::{Action, Actor, Readable, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::state::AppState;
use crate::trials;
use crate::trials::TrialPhase;
use crate::unit::Unit;

use entity::{follow_up, indicator, value};

/// Months after a trial's end at which it is followed up.
pub const AT_MONTHS: [u32; 2] = [12, 24];
/// Days after the due date when a follow-up not yet recorded is overdue.
pub const OVERDUE_AFTER_DAYS: u64 = 30;
