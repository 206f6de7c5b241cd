//! "Stämmer fortfarande": the signed link in an owner's reminder that confirms one item
//! without signing in.
//!
//! The address is `/aktuell/{token}`. The token seals (with the node key `still-correct`, see
//! [`LinkKey`]) the item's kind and id, the user it was sent to and the moment the item was
//! last confirmed when the mail was written. Confirming moves that moment, so the link works
//! once: afterwards, and after any edit, it answers that it no longer applies (410) and
//! changes nothing. The same goes for the links the item's other owners got in the same month.
//!
//! `GET` names the item and asks; `POST` confirms. Link checkers and mail scanners follow GET
//! links, so GET changes nothing. A token this node did not sign gets the 404 page.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::{Item, ItemKind};
use crate::audit::By;
use crate::auth::entity::user;
use crate::auth::secret::LinkKey;
use crate::changes::Op;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;

/// The name of the key that signs these links in `node_secrets`.
const SECRET: &str = "still-correct";
/// What the MAC covers before the message, so the key signs nothing else alike.
const CONTEXT: &[u8] = b"noden-still-correct-v1\0";
/// Kind, item id, user id, last confirmed (microseconds since 1970, big-endian).
const MESSAGE_LEN: usize = 1 + 16 + 16 + 8;

/// The audit action of a confirmation.
pub const AUDIT_ACTION: &str = "freshness.confirm";

/// What a token names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub kind: ItemKind,
    pub item_id: Uuid,
    pub user_id: Uuid,
    /// When the item was last confirmed as the mail was written, in microseconds.
    pub seen: i64,
}

/// Signs and checks "stämmer fortfarande" tokens. Load it once per mail run.
pub struct Signer {
    key: LinkKey,
}

impl Signer {
    pub async fn load<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<Signer, AppError> {
        Ok(Signer {
            key: LinkKey::load(db, SECRET, now).await?,
        })
    }

    async fn existing<C: ConnectionTrait>(db: &C) -> Result<Option<Signer>, AppError> {
        Ok(LinkKey::existing(db, SECRET)
            .await?
            .map(|key| Signer { key }))
    }

    /// The token that confirms `item` for `user_id`, while nobody has confirmed or edited it.
    pub fn token(&self, item: &Item, user_id: Uuid) -> String {
        let mut message = Vec::with_capacity(MESSAGE_LEN);
        message.push(item.kind.code());
        message.extend_from_slice(item.id.as_bytes());
        message.extend_from_slice(user_id.as_bytes());
        message.extend_from_slice(&item.last_confirmed().timestamp_micros().to_be_bytes());
        self.key.seal(CONTEXT, &message)
    }

    /// The full address of [`Signer::token`].
    pub fn link(&self, settings: &crate::config::Settings, item: &Item, user_id: Uuid) -> String {
        settings.public_link(&format!("/aktuell/{}", self.token(item, user_id)))
    }

    /// What `token` names, when this node signed it.
    pub fn verify(&self, token: &str) -> Option<Claim> {
        let message = self.key.open(CONTEXT, token)?;
        if message.len() != MESSAGE_LEN {
            return None;
        }
        let kind = ItemKind::from_code(*message.first()?)?;
        let item_id = Uuid::from_slice(message.get(1..17)?).ok()?;
        let user_id = Uuid::from_slice(message.get(17..33)?).ok()?;
        let seen = i64::from_be_bytes(message.get(33..41)?.try_into().ok()?);
        Some(Claim {
            kind,
            item_id,
            user_id,
            seen,
        })
    }
}

/// Where a link stands.
enum Standing {
    /// The item is as the mail saw it: the link may confirm it.
    Open(Item),
    /// Confirmed, edited or archived since: the link no longer applies.
    Spent(Item),
}

/// The item a token names and whether the link still applies; 404 for a token this node did
/// not sign or an item no longer shared.
async fn resolve<C: ConnectionTrait>(db: &C, token: &str) -> Result<(Claim, Standing), AppError> {
    let invalid = || AppError::NotFound("länken");
    let signer = Signer::existing(db).await?.ok_or_else(invalid)?;
    let claim = signer.verify(token).ok_or_else(invalid)?;
    let item = super::item(db, claim.kind, claim.item_id)
        .await?
        .ok_or_else(invalid)?;
    let open = item.archived_at.is_none() && item.last_confirmed().timestamp_micros() == claim.seen;
    Ok((
        claim,
        if open {
            Standing::Open(item)
        } else {
            Standing::Spent(item)
        },
    ))
}

/// Confirms what `token` names in the name of the user it was sent to; the item when this
/// click confirmed it, `Err(item)` when the link no longer applies.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    state: &AppState,
    token: &str,
    client: Option<String>,
) -> Result<Result<Item, Item>, AppError> {
    let (claim, standing) = resolve(&state.db, token).await?;
    let item = match standing {
        Standing::Open(item) => item,
        Standing::Spent(item) => return Ok(Err(item)),
    };
    let who = user::Entity::find_by_id(claim.user_id)
        .one(&state.db)
        .await?
        .map(|u| u.email.unwrap_or(u.name))
        .unwrap_or_else(|| claim.user_id.to_string());
    let by = By::visitor(&format!("{who} (länk: stämmer fortfarande)"), client);
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    if !super::mark_confirmed(unit.db(), &item, now).await? {
        return Ok(Err(item));
    }
    unit.changed(item.kind.change_kind(), item.id, Op::Upsert);
    unit.audit(
        AUDIT_ACTION,
        format!("{}:{}", item.kind.change_kind().as_str(), item.id),
        format!("{}: {}", item.kind.label(), item.title),
    );
    unit.commit().await?;
    Ok(Ok(Item {
        confirmed_at: Some(now),
        ..item
    }))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/aktuell/{token}", web::get().to(ask_page))
        .route("/aktuell/{token}", web::post().to(confirm_form));
}

#[derive(Template)]
#[template(path = "freshness/confirm.html")]
struct AskPage {
    action: String,
    kind: String,
    title: String,
    path: String,
    edit_path: String,
    confirmed: String,
}

#[derive(Template)]
#[template(path = "freshness/confirmed.html")]
struct DonePage {
    kind: String,
    title: String,
    path: String,
    confirmed: String,
}

#[derive(Template)]
#[template(path = "freshness/spent.html")]
struct SpentPage {
    kind: String,
    title: String,
    path: String,
    confirmed: String,
    archived: Option<String>,
}

fn confirmed_text(item: &Item) -> String {
    crate::web::date_text(crate::web::stockholm_date(item.last_confirmed()))
}

/// A page as a response with `status`, never cached (it stands for one person's link).
fn page(status: StatusCode, page: impl Template) -> Result<HttpResponse, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::internal_from("page template", e))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

fn spent(item: &Item) -> Result<HttpResponse, AppError> {
    page(
        StatusCode::GONE,
        SpentPage {
            kind: item.kind.label(),
            title: item.title.clone(),
            path: item.path.clone(),
            confirmed: confirmed_text(item),
            archived: item
                .archived_at
                .map(|at| crate::web::date_text(crate::web::stockholm_date(at))),
        },
    )
}

/// `GET /aktuell/{token}`: names the item and asks first.
async fn ask_page(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (_, standing) = resolve(&state.db, &token).await?;
    let item = match standing {
        Standing::Open(item) => item,
        Standing::Spent(item) => return spent(&item),
    };
    page(
        StatusCode::OK,
        AskPage {
            action: format!("/aktuell/{token}"),
            kind: item.kind.label(),
            confirmed: confirmed_text(&item),
            title: item.title,
            path: item.path,
            edit_path: item.edit_path,
        },
    )
}

/// `POST /aktuell/{token}`: confirms. No session and no CSRF token: the signed token is the
/// permission, and it can do nothing but confirm one item once.
async fn confirm_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match confirm(&state, &token, crate::audit::client_of(&req)).await? {
        Ok(item) => page(
            StatusCode::OK,
            DonePage {
                kind: item.kind.label(),
                confirmed: confirmed_text(&item),
                title: item.title,
                path: item.path,
            },
        ),
        Err(item) => spent(&item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind) -> Item {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 123_456_000).unwrap();
        Item {
            kind,
            id: Uuid::now_v7(),
            title: "Nattkamera".to_owned(),
            path: "/rapporter/nattkamera".to_owned(),
            edit_path: "/rapporter/nattkamera/redigera".to_owned(),
            owner_id: None,
            organisation_id: None,
            updated_at: at,
            confirmed_at: None,
            archived_at: None,
        }
    }

    #[test]
    fn a_token_names_its_item_user_and_moment_and_nothing_else_passes() {
        let signer = Signer {
            key: LinkKey::from_bytes(vec![7; 32]),
        };
        let other = Signer {
            key: LinkKey::from_bytes(vec![8; 32]),
        };
        let user = Uuid::now_v7();
        for kind in ItemKind::ALL {
            let item = item(kind);
            let token = signer.token(&item, user);
            assert_eq!(
                signer.verify(&token),
                Some(Claim {
                    kind,
                    item_id: item.id,
                    user_id: user,
                    seen: item.updated_at.timestamp_micros(),
                })
            );
            assert_eq!(other.verify(&token), None);
        }
        // The unsubscribe key's context does not open it, nor it an unsubscribe token.
        let key = LinkKey::from_bytes(vec![7; 32]);
        let token = signer.token(&item(ItemKind::Report), user);
        assert_eq!(key.open(b"noden-unsubscribe-v1\0", &token), None);
        let mut bytes = token.into_bytes();
        bytes[5] = if bytes[5] == b'A' { b'B' } else { b'A' };
        assert_eq!(signer.verify(&String::from_utf8(bytes).unwrap()), None);
        assert_eq!(signer.verify("inte-en-token"), None);
        assert_eq!(signer.verify(""), None);
    }
}
