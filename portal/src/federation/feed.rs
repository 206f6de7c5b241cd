//! The change feed peers pull: `GET /federation/v1/changes?after=CURSOR&limit=N`.
//!
//! Format `noden-federation/1` (documented in docs/federation.md): a [`Page`] of [`Entry`]s
//! in change-log order. Each entry names a position in this node's change log, the item's id
//! and either its current content ([`Item`], `op: "upsert"`) or a tombstone (`op: "delete"`)
//! when the item is gone, withdrawn or no longer shared with the asking peer. An entry
//! describes the item as it is now, not as it was at that position (as the indexer reads the
//! log), so a peer that misses nothing of the log ends up with exactly what is shared now.
//!
//! Only trusted, unpaused peers are answered, and only to requests signed with their key
//! (RFC 9421, [`super::signature`]); a signature is used once (its nonce is remembered until
//! it is too old to be accepted anyway). Shared are reports, trials (their summaries, not
//! their journals), technologies with their uses, needs and field reports: public ones with
//! every peer, those for signed-in users too with a peer trusted with `network`. Items that
//! came from other nodes are never passed on.

use std::collections::{HashMap, HashSet};

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::identity::{self, PROTOCOL};
use super::peers::{self, Peer, Share};
use super::signature;
use crate::changes::{self, Kind};
use crate::error::AppError;
use crate::state::AppState;

/// The change-log kinds whose items are shared with peers.
pub fn shared_kinds() -> [Kind; 5] {
    [
        crate::reports::REPORT,
        crate::trials::TRIAL,
        crate::technologies::TECHNOLOGY,
        crate::needs::NEED,
        crate::fieldreports::FIELD_REPORT,
    ]
}

/// Entries on one page when the peer does not say.
pub const DEFAULT_LIMIT: u64 = 100;
/// The most entries on one page.
pub const MAX_LIMIT: u64 = 500;
/// A page stops growing past this many bytes of JSON, well under what a peer reads (1 MiB).
const PAGE_BYTES: usize = 768 * 1024;

/// One page of the feed.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Page {
    /// `noden-federation/1`.
    pub protocol: String,
    /// The address of the node the page comes from; every entry's origin.
    pub origin: String,
    /// The newest position of the node's change log.
    pub head: i64,
    /// The cursor to ask with next (`after`): the last position this page covers.
    pub next: i64,
    /// Whether more changes follow `next`.
    pub more: bool,
    pub entries: Vec<Entry>,
}

/// One changed item.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Entry {
    /// The position in the origin's change log.
    pub position: i64,
    /// `upsert` (the item as it is now is in `item`) or `delete` (a tombstone).
    pub op: String,
    /// The item's id at its origin.
    pub id: Uuid,
    /// The address of the node where the item lives.
    pub origin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Item>,
}

/// What a peer gets of an item: enough to find it, show it with its origin and link to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Item {
    /// What it is: a report's kind (`testrapport`, `guide`, …), `behov`, `test`, `teknik` or
    /// `faltrapport`.
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// The item's text, Markdown. The receiving node renders and sanitises it itself.
    #[serde(default)]
    pub body: String,
    /// The item's page at its origin (absolute).
    pub url: String,
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// The two-digit county code of the item's organisation.
    #[serde(default)]
    pub county: Option<String>,
    /// Category slugs (the shared vocabulary of welfare-technology categories).
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    /// `public`, or `network` (only to a peer trusted with it: for its signed-in users).
    pub visibility: String,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An item's organisation: its SCB code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Organisation {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The last position already taken in (0 to start from the beginning).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// How many changes at most (1–500, default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
}

/// The changes after `after`, for a trusted peer whose request is signed with its key.
#[utoipa::path(
    get,
    path = "/federation/v1/changes",
    tag = "federation",
    params(ChangesQuery),
    responses(
        (status = 200, description = "En sida av ändringsflödet", body = Page),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 403, response = crate::openapi::Forbidden),
    ),
)]
pub async fn changes(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ChangesQuery>,
) -> Result<HttpResponse, AppError> {
    let peer = authenticate(&req, &state).await?;
    let after = query.after.unwrap_or(0).max(0);
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let page = page_for(&state, &peer, after, limit).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(page))
}

/// The trusted, unpaused peer whose key signed `req`, with a nonce not seen before.
pub async fn authenticate(req: &HttpRequest, state: &AppState) -> Result<Peer, AppError> {
    let now = state.clock.now();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let target = format!("{}{path}", state.settings.public_origin());
    let trusted = peers::entity::Entity::find()
        .filter(peers::entity::Column::Paused.eq(false))
        .all(&state.db)
        .await?;
    let keys: HashMap<String, (Peer, ed25519_dalek::VerifyingKey)> = trusted
        .into_iter()
        .filter_map(|peer| {
            let key = signature::public_key_from_base64(&peer.public_key).ok()?;
            Some((peer.key_id.clone(), (peer, key)))
        })
        .collect();
    let mut headers = http::HeaderMap::new();
    for (name, value) in req.headers() {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_str().as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    let verified = signature::verify(
        req.method().as_str(),
        &target,
        &headers,
        now.timestamp(),
        |key_id| keys.get(key_id).map(|(_, key)| *key),
    )
    .map_err(|e| refuse_request(req, &e.to_string()))?;
    let Some(nonce) = verified.nonce.as_deref() else {
        return Err(refuse_request(req, "the signature has no nonce"));
    };
    if !super::nonces::first_use(&state.db, &verified.key_id, nonce, now).await? {
        return Err(refuse_request(
            req,
            "the signature was used before (replay)",
        ));
    }
    keys.into_values()
        .map(|(peer, _)| peer)
        .find(|peer| peer.key_id == verified.key_id)
        .ok_or_else(|| refuse_request(req, "the signing peer is gone"))
}

/// A refused feed request: logged with its reason, answered 403 with it.
fn refuse_request(req: &HttpRequest, why: &str) -> AppError {
    let client = req
        .connection_info()
        .realip_remote_addr()
        .unwrap_or("")
        .to_owned();
    tracing::warn!(client, reason = why, "federation request refused");
    AppError::Forbidden(format!(
        "Bara betrodda noder får hämta ändringsflödet, med undertecknade förfrågningar: {why}."
    ))
}

/// The entries after `after` for `peer`.
pub async fn page_for(
    state: &AppState,
    peer: &Peer,
    after: i64,
    limit: u64,
) -> Result<Page, AppError> {
    let origin = identity::base_url(&state.settings.public_url);
    let head = changes::head(&state.db).await?;
    let log = changes::after(&state.db, after, limit).await?;
    let shared = shared_kinds();
    let share = Share::parse(&peer.share).unwrap_or(Share::Public);
    // Only the last change of each item on the page matters: it says how the item is now.
    let mut last_of: HashMap<(String, Uuid), i64> = HashMap::new();
    let mut ids: HashMap<Kind, Vec<Uuid>> = HashMap::new();
    for change in &log {
        if let Some(kind) = shared.iter().find(|k| k.as_str() == change.entity) {
            last_of.insert((change.entity.clone(), change.entity_id), change.position);
            ids.entry(*kind).or_default().push(change.entity_id);
        }
    }
    let catalog = state.catalog.get();
    let mut documents = HashMap::new();
    for (kind, ids) in ids {
        let mut seen = HashSet::new();
        let ids: Vec<Uuid> = ids.into_iter().filter(|id| seen.insert(*id)).collect();
        for (id, document) in state.indexer.current_documents(kind, &ids).await? {
            documents.insert((kind.as_str().to_owned(), id), document);
        }
    }
    let mut entries = Vec::new();
    let mut bytes = 0;
    let mut next = after;
    let mut cut = false;
    for change in &log {
        let key = (change.entity.clone(), change.entity_id);
        if last_of.get(&key) == Some(&change.position) {
            let item = documents
                .get(&key)
                .and_then(|d| item_of(d, share, &catalog, &state.settings));
            let entry = Entry {
                position: change.position,
                op: if item.is_some() { "upsert" } else { "delete" }.to_owned(),
                id: change.entity_id,
                origin: origin.clone(),
                item,
            };
            bytes += serde_json::to_vec(&entry).map(|v| v.len()).unwrap_or(0);
            if bytes > PAGE_BYTES && !entries.is_empty() {
                cut = true;
                break;
            }
            entries.push(entry);
        }
        next = change.position;
    }
    Ok(Page {
        protocol: PROTOCOL.to_owned(),
        origin,
        head,
        next,
        more: cut || log.len() as u64 == limit,
        entries,
    })
}

/// What a peer trusted with `share` gets of the item whose search document is `document`:
/// `None` when it is not shared with that peer.
fn item_of(
    document: &noden_search::Document,
    share: Share,
    catalog: &crate::catalog::CatalogData,
    settings: &crate::config::Settings,
) -> Option<Item> {
    let visibility =
        crate::auth::policy::shared_with_peer(&document.principals, share == Share::Network)?;
    let time = |secs: i64| Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
    let published_at = time(document.published_at);
    Some(Item {
        kind: document.kind.clone(),
        title: document.title.clone(),
        summary: document.summary.clone(),
        body: document.body.clone(),
        url: settings.public_link(&document.url),
        organisation: document.organisation.as_ref().map(|code| Organisation {
            code: code.clone(),
            name: catalog
                .organisation_by_code(code)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
        }),
        county: document.county.clone(),
        categories: document.categories.clone(),
        tags: document.tags.clone(),
        outcome: document.outcome.clone(),
        phase: document.phase.clone(),
        status: document.status.clone(),
        target_groups: document.target_groups.clone(),
        visibility: visibility.as_str().to_owned(),
        published_at,
        updated_at: if document.updated_at > 0 {
            time(document.updated_at)
        } else {
            published_at
        },
    })
}
