//! One-click unsubscribe (RFC 8058): every notice and digest e-mail carries a signed address
//! that turns off exactly one kind of mail for exactly one user, without signing in.
//!
//! The address is `/avregistrera/{token}`. The token is the user's id, what it turns off (a
//! [`Subject`]) and an HMAC-SHA256 over both, keyed with the node's own secret, all in one
//! URL-safe base64 string. The secret (32 random bytes) is made on first use and kept in
//! `node_secrets` under the name `unsubscribe` ([`crate::auth::secret::node_key`]), so every
//! instance on the database signs and checks with the same key.
//! Tokens do not expire: a mail read a year later still unsubscribes, and turning a kind on
//! again in `/konto/notiser` is always possible. Changing the secret (deleting the row)
//! voids every link ever sent.
//!
//! What a token turns off:
//! - an [`EventKind`]: that kind's cadence becomes [`Cadence::Never`];
//! - the daily or the weekly digest (`digest-daily`, `digest-weekly`): every kind the user
//!   gets in that digest becomes [`Cadence::Never`], since a digest is no more than the kinds
//!   set to its cadence.
//!
//! Notices of what was turned off that wait for a digest are marked mailed too, so nothing of
//! it arrives after the click. They stay in the in-app list (`/notiser`).
//!
//! `POST /avregistrera/{token}` is what a mail client sends (`List-Unsubscribe=One-Click`): no
//! session, no CSRF token, no confirmation; the body is not read. `GET` shows a page naming
//! what would be turned off, with a form that makes the same POST, because link checkers and
//! mail scanners follow GET links and must not unsubscribe anyone. A bad token gets the 404
//! page.

use actix_web::{HttpRequest, HttpResponse, Responder, web};
use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{Cadence, EventKind, entity::notification};
use crate::audit::By;
use crate::auth::entity::user;
use crate::auth::secret::LinkKey;
use crate::auth::{Actor, Member, Role, Scopes, Via};
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// The name of the key that signs unsubscribe links in `node_secrets`.
const SECRET: &str = "unsubscribe";
/// What the MAC covers before the user and the subject, so the key signs nothing else alike.
const CONTEXT: &[u8] = b"noden-unsubscribe-v1\0";
const ID_LEN: usize = 16;

/// The audit action of an unsubscribe.
pub const AUDIT_ACTION: &str = "notifications.unsubscribe";

/// What one unsubscribe link turns off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// One kind of notice, at whatever cadence.
    Kind(EventKind),
    /// The daily digest ([`Cadence::Daily`]) or the weekly one ([`Cadence::Weekly`]).
    Digest(Cadence),
}

impl Subject {
    /// The name signed into the token: the kind's stored value, or `digest-daily` /
    /// `digest-weekly`.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Kind(kind) => kind.as_str(),
            Subject::Digest(Cadence::Daily) => "digest-daily",
            Subject::Digest(_) => "digest-weekly",
        }
    }

    pub fn parse(value: &str) -> Option<Subject> {
        match value {
            "digest-daily" => Some(Subject::Digest(Cadence::Daily)),
            "digest-weekly" => Some(Subject::Digest(Cadence::Weekly)),
            other => EventKind::parse(other).map(Subject::Kind),
        }
    }

    /// What the user turns off, in the language of the page being rendered (Swedish in mail
    /// and the audit trail).
    pub fn label(self) -> String {
        match self {
            Subject::Kind(kind) => kind.label().to_owned(),
            Subject::Digest(Cadence::Daily) => crate::web::i18n::t("notifications-digest-daily"),
            Subject::Digest(_) => crate::web::i18n::t("notifications-digest-weekly"),
        }
    }
}

/// Signs and checks unsubscribe tokens with the node's key. Load it once per write.
pub struct Signer {
    key: LinkKey,
}

impl Signer {
    /// The node's key, made now when there is none yet.
    pub async fn load<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Signer, AppError> {
        Ok(Signer {
            key: LinkKey::load(db, SECRET, now).await?,
        })
    }

    /// The node's key, if one was made.
    async fn existing<C: ConnectionTrait>(db: &C) -> Result<Option<Signer>, AppError> {
        Ok(LinkKey::existing(db, SECRET)
            .await?
            .map(|key| Signer { key }))
    }

    /// The token that turns `subject` off for `user_id`: the user's id, then the subject's
    /// name, sealed.
    pub fn token(&self, user_id: Uuid, subject: Subject) -> String {
        let mut message = Vec::with_capacity(ID_LEN + 16);
        message.extend_from_slice(user_id.as_bytes());
        message.extend_from_slice(subject.as_str().as_bytes());
        self.key.seal(CONTEXT, &message)
    }

    /// The full one-click address for `user_id` and `subject`.
    pub fn link(
        &self,
        settings: &crate::config::Settings,
        user_id: Uuid,
        subject: Subject,
    ) -> String {
        settings.public_link(&format!("/avregistrera/{}", self.token(user_id, subject)))
    }

    /// The user and subject `token` names, when this node signed it; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<(Uuid, Subject)> {
        let message = self.key.open(CONTEXT, token)?;
        if message.len() <= ID_LEN {
            return None;
        }
        let (id, name) = message.split_at(ID_LEN);
        let user_id = Uuid::from_slice(id).ok()?;
        let subject = Subject::parse(std::str::from_utf8(name).ok()?)?;
        Some((user_id, subject))
    }
}

/// The user and subject of a token this node signed, for a user that still exists.
async fn resolve<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<(user::Model, Subject), AppError> {
    let invalid = || AppError::NotFound("avregistreringslänken");
    let signer = Signer::existing(db).await?.ok_or_else(invalid)?;
    let (user_id, subject) = signer.verify(token).ok_or_else(invalid)?;
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    Ok((user, subject))
}

/// Turns off what `token` names, in the name of the user it belongs to, and returns it.
/// Clicking twice does no harm.
#[tracing::instrument(skip_all)]
pub async fn turn_off(
    state: &AppState,
    token: &str,
    client: Option<String>,
) -> Result<Subject, AppError> {
    let (user, subject) = resolve(&state.db, token).await?;
    let mut by = By::visitor(
        &format!(
            "{} (avregistreringslänk)",
            user.email.as_deref().unwrap_or(&user.name)
        ),
        client,
    );
    if let Some(role) = Role::parse(&user.role) {
        by.actor = Actor::User(Member::new(
            user.id,
            user.organisation_id,
            role,
            Via::Token(Scopes::WRITE),
            &[],
        ));
    }
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    let kinds: Vec<EventKind> = match subject {
        Subject::Kind(kind) => vec![kind],
        Subject::Digest(cadence) => {
            let mut kinds = Vec::new();
            for &kind in EventKind::ALL {
                if super::cadence_of(unit.db(), user.id, kind).await? == cadence {
                    kinds.push(kind);
                }
            }
            kinds
        }
    };
    for &kind in &kinds {
        super::set_cadence(unit.db(), now, user.id, kind, Cadence::Never).await?;
    }
    settle_pending(unit.db(), now, user.id, subject).await?;
    unit.audit(
        AUDIT_ACTION,
        format!("user:{}", user.id),
        format!(
            "{}: {}",
            subject.label(),
            kinds
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    unit.commit().await?;
    Ok(subject)
}

/// Marks the notices of `subject` still waiting for a digest as mailed, so none arrives
/// after the user turned them off.
async fn settle_pending<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    user_id: Uuid,
    subject: Subject,
) -> Result<(), DbErr> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::MailedAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::MailedAt.is_null());
    update = match subject {
        Subject::Kind(kind) => update.filter(notification::Column::Kind.eq(kind.as_str())),
        Subject::Digest(cadence) => {
            update.filter(notification::Column::Cadence.eq(cadence.as_str()))
        }
    };
    update.exec(db).await?;
    Ok(())
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/avregistrera/{token}", web::get().to(confirm_page))
        .route("/avregistrera/{token}", web::post().to(one_click));
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications/unsubscribe.html")]
struct ConfirmPage {
    action: String,
    what: String,
    already_off: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications/unsubscribed.html")]
struct DonePage {
    what: String,
}

/// `GET /avregistrera/{token}`: names what the link turns off and asks first.
async fn confirm_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<impl Responder, AppError> {
    let token = token.into_inner();
    let (user, subject) = resolve(&state.db, &token).await?;
    let already_off = match subject {
        Subject::Kind(kind) => super::cadence_of(&state.db, user.id, kind).await? == Cadence::Never,
        Subject::Digest(cadence) => {
            let mut none = true;
            for &kind in EventKind::ALL {
                if super::cadence_of(&state.db, user.id, kind).await? == cadence {
                    none = false;
                }
            }
            none
        }
    };
    Ok(ConfirmPage {
        action: format!("/avregistrera/{token}"),
        what: subject.label(),
        already_off,
    }
    .customize()
    .insert_header(("Cache-Control", "no-store")))
}

/// `POST /avregistrera/{token}`: the one-click unsubscribe. No session and no CSRF token: the
/// signed token is the permission, and it can do nothing but turn one kind of mail off.
async fn one_click(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let subject = turn_off(&state, &token, crate::audit::client_of(&req)).await?;
    let page = DonePage {
        what: subject.label(),
    }
    .render()
    .map_err(|e| AppError::internal_from("page template", e))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    const MAC_LEN: usize = 32;

    #[test]
    fn a_token_names_its_user_and_subject_and_nothing_else_passes() {
        let signer = Signer {
            key: LinkKey::from_bytes(vec![7; 32]),
        };
        let other = Signer {
            key: LinkKey::from_bytes(vec![8; 32]),
        };
        let user = Uuid::now_v7();
        for subject in [
            Subject::Kind(EventKind::FieldReport),
            Subject::Kind(EventKind::Comment),
            Subject::Digest(Cadence::Daily),
            Subject::Digest(Cadence::Weekly),
        ] {
            let token = signer.token(user, subject);
            assert!(
                token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            );
            assert_eq!(signer.verify(&token), Some((user, subject)));
            assert_eq!(other.verify(&token), None);
        }
        let token = signer.token(user, Subject::Kind(EventKind::Comment));
        // Another kind under the same MAC does not pass.
        let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        let forged: Vec<u8> = bytes[..ID_LEN]
            .iter()
            .chain(b"need".iter())
            .chain(bytes[bytes.len() - MAC_LEN..].iter())
            .copied()
            .collect();
        assert_eq!(signer.verify(&URL_SAFE_NO_PAD.encode(forged)), None);
        // One bit changed anywhere fails.
        bytes[3] ^= 1;
        assert_eq!(signer.verify(&URL_SAFE_NO_PAD.encode(&bytes)), None);
        assert_eq!(signer.verify("inte-en-token"), None);
        assert_eq!(signer.verify(""), None);
    }
}
