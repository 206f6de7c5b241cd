//! Who is asking, and the one policy that answers what they may do.
//!
//! Sign-in arrives with the identity issue; until then an API client proves it is the node's
//! administrator with the bearer token from `NODEN_ADMIN_TOKEN`, and everyone else is anonymous.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use secrecy::ExposeSecret;

use crate::error::AppError;
use crate::reports;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Write,
}

impl Actor {
    /// The principals a search filter uses for this actor.
    pub fn principals(self) -> Vec<String> {
        match self {
            Actor::Anonymous => vec!["public".to_owned()],
            Actor::Admin => vec!["public".to_owned(), "network".to_owned()],
        }
    }
}

/// May `actor` do `action` on `report`?
pub fn can(actor: Actor, action: Action, report: &reports::entity::Model) -> bool {
    match (actor, action) {
        (Actor::Admin, _) => true,
        (Actor::Anonymous, Action::Write) => false,
        (Actor::Anonymous, Action::Read) => {
            let mine = actor.principals();
            reports::principals(report).iter().any(|p| mine.contains(p))
        }
    }
}

fn actor_of(req: &HttpRequest) -> Result<Actor, AppError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Actor::Anonymous);
    };
    let presented = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(AppError::Unauthorized)?;
    let configured = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| {
            s.settings
                .admin_token
                .as_ref()
                .map(|t| t.expose_secret().to_owned())
        })
        .filter(|t| !t.is_empty())
        .ok_or(AppError::Unauthorized)?;
    if constant_time_eq::constant_time_eq(presented.as_bytes(), configured.as_bytes()) {
        Ok(Actor::Admin)
    } else {
        Err(AppError::Unauthorized)
    }
}

impl FromRequest for Actor {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(actor_of(req))
    }
}

/// An actor allowed to write through the API; extraction fails with 401 otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Writer;

impl FromRequest for Writer {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match actor_of(req) {
            Ok(Actor::Admin) => Ok(Writer),
            Ok(Actor::Anonymous) | Err(_) => Err(AppError::Unauthorized),
        })
    }
}
