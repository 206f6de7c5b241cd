//! Reports and other documents: saving, reading and turning them into search documents.

pub mod access;
pub mod attachments;
pub mod comments;
pub mod drafts;
pub mod entity;
pub mod forms;
pub mod input;
pub mod model;
pub mod queries;
pub mod review;
pub mod routes;
pub mod search;
pub mod service;
pub mod topics;
pub mod views;

pub use access::*;
pub use input::*;
pub use queries::*;
pub use service::*;
pub use views::*;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::principals_for;
use crate::auth::{Action, Actor, Resource, can};
use crate::catalog::CatalogData;
use crate::catalog::TargetGroup;
use crate::changes::{self, Op};
use crate::error::{AppError, FieldIssue};
use crate::privacy;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown::{self, SafeHtml};
use entity::report_category;
use model::{Kind, Outcome, Phase, Section, Status};

/// Reports in the change log.
pub const REPORT: changes::Kind = changes::Kind::new("report");
