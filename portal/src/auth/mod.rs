//! Who is asking, and the one policy that answers what they may do.
//!
//! A request is made by one [`Actor`]: an anonymous visitor, a signed-in user (through a
//! session cookie or a personal access token), or the node itself through the administrator
//! token from `NODEN_ADMIN_TOKEN`. [`policy::can`] decides every read and write.

pub mod access_tokens;
pub mod admin;
pub mod csrf;
pub mod domains;
pub mod email_link;
pub mod entity;
pub mod limits;
pub mod oidc;
pub mod policy;
pub mod routes;
pub mod secret;
pub mod session;
pub mod users;
pub mod visibility;

pub use visibility::{Visibility, principals_for};

use std::future::Future;
use std::ops::BitOr;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use secrecy::ExposeSecret;
use uuid::Uuid;

pub use policy::{Action, Readable, Resource, can};

use crate::error::AppError;
use crate::state::AppState;

type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A user's role in the node. Ordered: each role may do what the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Member,
    Coach,
    Coordinator,
    NodeAdmin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Member,
        Role::Coach,
        Role::Coordinator,
        Role::NodeAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coach => "coach",
            Role::Coordinator => "coordinator",
            Role::NodeAdmin => "node_admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value.trim())
    }

    /// The name shown to users, in the page's language.
    pub fn label(self) -> String {
        crate::web::i18n::t(match self {
            Role::Member => "role-member",
            Role::Coach => "role-coach",
            Role::Coordinator => "role-coordinator",
            Role::NodeAdmin => "role-node-admin",
        })
    }
}

/// What a personal access token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scopes(u8);

impl Scopes {
    pub const READ: Scopes = Scopes(1);
    pub const WRITE: Scopes = Scopes(2);

    pub fn contains(self, other: Scopes) -> bool {
        self.0 & other.0 == other.0
    }

    /// Parses space-separated scope names; unknown names are ignored.
    pub fn parse(value: &str) -> Scopes {
        value.split_whitespace().fold(Scopes(0), |acc, s| match s {
            "read" => acc | Scopes::READ,
            "write" => acc | Scopes::WRITE,
            _ => acc,
        })
    }

    pub fn names(self) -> String {
        let mut names = Vec::new();
        if self.contains(Scopes::READ) {
            names.push("read");
        }
        if self.contains(Scopes::WRITE) {
            names.push("write");
        }
        names.join(" ")
    }
}

impl BitOr for Scopes {
    type Output = Scopes;
    fn bitor(self, rhs: Scopes) -> Scopes {
        Scopes(self.0 | rhs.0)
    }
}

/// How a user proved who they are on this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Session,
    Token(Scopes),
}

/// A signed-in user, as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub role: Role,
    pub via: Via,
    /// What the user reads with, computed once when the request's actor is built.
    principals: Arc<[String]>,
}

impl Member {
    /// A signed-in user with their workspaces (through their organisation or in person); their
    /// principals are computed here, once, and carried for every question of the request.
    pub fn new(
        user_id: Uuid,
        organisation_id: Uuid,
        role: Role,
        via: Via,
        workspaces: &[Uuid],
    ) -> Member {
        Member {
            user_id,
            organisation_id,
            role,
            via,
            principals: policy::member_principals(role, organisation_id, workspaces),
        }
    }

    /// The principals the user reads with (search filters by the same).
    pub fn principals(&self) -> &[String] {
        &self.principals
    }

    pub fn may_write(&self) -> bool {
        match self.via {
            Via::Session => true,
            Via::Token(scopes) => scopes.contains(Scopes::WRITE),
        }
    }

    pub fn via_session(&self) -> bool {
        self.via == Via::Session
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    User(Member),
    /// The node itself, through the administrator token.
    System,
}

impl Actor {
    /// The principals a search filter uses for this actor.
    pub fn principals(&self) -> Vec<String> {
        policy::principals(self)
    }

    pub fn member(&self) -> Option<&Member> {
        match self {
            Actor::User(m) => Some(m),
            _ => None,
        }
    }

    /// For the audit trail: the user's id, if a person acts.
    pub fn user_id(&self) -> Option<Uuid> {
        self.member().map(|m| m.user_id)
    }
}

/// Everything known about the requester, resolved once per request.
#[derive(Debug, Clone)]
pub struct Identity {
    pub actor: Actor,
    /// The signed-in user's session, when signed in through the browser.
    pub session: Option<session::Current>,
}

async fn resolve(req: &HttpRequest) -> Result<Identity, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("no application state"))?;
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let presented = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or(AppError::Unauthorized)?;
        let configured = state
            .settings
            .admin_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned())
            .filter(|t| !t.is_empty());
        if configured.is_some_and(|c| secret::same(presented, &c)) {
            return Ok(Identity {
                actor: Actor::System,
                session: None,
            });
        }
        let member = access_tokens::authenticate(state, presented)
            .await?
            .ok_or(AppError::Unauthorized)?;
        return Ok(Identity {
            actor: Actor::User(member),
            session: None,
        });
    }
    let Some(cookie) = req.cookie(session::COOKIE) else {
        return Ok(Identity {
            actor: Actor::Anonymous,
            session: None,
        });
    };
    match session::lookup(state, cookie.value()).await? {
        Some(current) => Ok(Identity {
            actor: Actor::User(current.member.clone()),
            session: Some(current),
        }),
        None => Ok(Identity {
            actor: Actor::Anonymous,
            session: None,
        }),
    }
}

impl FromRequest for Identity {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if let Some(known) = req.extensions().get::<Identity>() {
                return Ok(known.clone());
            }
            let identity = resolve(&req).await?;
            req.extensions_mut().insert(identity.clone());
            Ok(identity)
        })
    }
}

impl FromRequest for Actor {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let identity = Identity::from_request(req, payload);
        Box::pin(async move { Ok(identity.await?.actor) })
    }
}

/// A user signed in through the browser; extraction fails with "sign in first" otherwise.
#[derive(Debug, Clone)]
pub struct SignedIn(pub session::Current);

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let identity = Identity::from_request(req, payload);
        Box::pin(async move {
            identity
                .await?
                .session
                .map(SignedIn)
                .ok_or(AppError::SignInRequired)
        })
    }
}

/// A signed-in user's POST of a form whose only field is the CSRF token (withdrawing,
/// restoring, removing, signing out), with the token already checked against their session.
#[derive(Debug, Clone)]
pub struct Confirmed(pub SignedIn);

impl FromRequest for Confirmed {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let signed_in = SignedIn::from_request(&req, payload);
        let form = web::Form::<csrf::TokenOnly>::from_request(&req, payload);
        Box::pin(async move {
            let user = signed_in.await?;
            let form = form.await?;
            csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
            Ok(Confirmed(user))
        })
    }
}

impl SignedIn {
    /// The signed-in user as the policy sees them.
    pub fn actor(&self) -> Actor {
        Actor::User(self.0.member.clone())
    }
}

/// Signs in first, then asks the policy one node-level question; refuses with `refusal` (a
/// catalogue key).
fn guarded<T: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    action: Action,
    resource: Resource,
    refusal: &'static str,
    wrap: fn(session::Current) -> T,
) -> LocalBoxFuture<'static, Result<T, AppError>> {
    let signed_in = SignedIn::from_request(req, payload);
    Box::pin(async move {
        let SignedIn(current) = signed_in.await?;
        if can(&Actor::User(current.member.clone()), action, &resource) {
            Ok(wrap(current))
        } else {
            Err(AppError::Forbidden(refusal.to_owned()))
        }
    })
}

/// A node administrator signed in through the browser (organisations, identity providers,
/// users, workspaces, the audit trail); others get 401 or 403. A handler taking it cannot
/// forget the check.
#[derive(Debug, Clone)]
pub struct NodeAdmin(pub session::Current);

impl NodeAdmin {
    pub fn actor(&self) -> Actor {
        Actor::User(self.0.member.clone())
    }
}

impl FromRequest for NodeAdmin {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        guarded(
            req,
            payload,
            Action::Administer,
            Resource::Node,
            "auth-error-admins-only",
            NodeAdmin,
        )
    }
}

/// Node staff signed in through the browser: those who review submitted reports (the review
/// queue and its decisions); others get 401 or 403.
#[derive(Debug, Clone)]
pub struct Staff(pub session::Current);

impl Staff {
    pub fn actor(&self) -> Actor {
        Actor::User(self.0.member.clone())
    }
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        guarded(
            req,
            payload,
            Action::Review,
            Resource::ReviewQueue,
            "auth-error-staff-only",
            Staff,
        )
    }
}
