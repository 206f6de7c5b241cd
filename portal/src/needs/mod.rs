//! Needs: what an organisation lacks, raised once and shared by every organisation that has it
//! too ("Vi har samma behov"). The county's list puts the most widely shared needs first, and
//! a need links to the trials that answer it.

pub mod access;
pub mod attachments;
pub mod comments;
pub mod entity;
pub mod input;
pub mod queries;
pub mod routes;
pub mod search;
pub mod service;
pub mod topics;
pub mod views;
pub mod vocabulary;

pub use access::*;
pub use input::*;
pub use queries::*;
pub use service::*;
pub use views::*;

pub use vocabulary::{NEED_KIND, NeedStatus};

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
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
use crate::notifications::{Event, EventKind, Topic, TopicKind};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

use entity::endorsement;

/// Needs in the change log.
pub const NEED: Kind = Kind::new("need");
