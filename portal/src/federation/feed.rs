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

/// The trusted, unpaused peer whose key signed `req`, with a nonce not seen before. A refused
/// request is logged and recorded in the audit trail (`/admin/federation` shows the latest;
/// past 60 an hour from one client, only logged).
pub async fn authenticate(req: &HttpRequest, state: &AppState) -> Result<Peer, AppError> {
    match signed_by(req, state).await? {
        Ok(peer) => Ok(peer),
        Err((key_id, why)) => {
            let client = crate::audit::client_of(req);
            tracing::warn!(
                client = client.as_deref().unwrap_or(""),
                key_id,
                reason = why,
                "federation request refused"
            );
            if state.limits.records_refusal_from(client.as_deref()) {
                let by = crate::audit::By::visitor("federation", client);
                let target = if key_id.is_empty() {
                    "okänd nyckel".to_owned()
                } else {
                    key_id
                };
                crate::unit::Unit::audit_alone(
                    state,
                    &by,
                    REQUEST_REFUSED,
                    &target,
                    &format!("{} {}: {why}", req.method(), req.path()),
                )
                .await?;
            }
            Err(AppError::Forbidden(crate::web::i18n::t_with(
                "federation-error-untrusted-request",
                "why",
                &why,
            )))
        }
    }
}

/// The audit action of a refused request from (what claims to be) a peer.
pub const REQUEST_REFUSED: &str = "federation.request_refused";

/// The peer that signed `req`, or the key id it claims (empty when none) and why it is
/// refused.
async fn signed_by(
    req: &HttpRequest,
    state: &AppState,
) -> Result<Result<Peer, (String, String)>, AppError> {
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
    // The key id the request claims, once the signature is read that far.
    let claimed_by = std::cell::RefCell::new(String::new());
    let checked = signature::verify(
        req.method().as_str(),
        &target,
        &headers,
        now.timestamp(),
        |key_id| {
            *claimed_by.borrow_mut() = key_id.chars().take(64).collect();
            keys.get(key_id).map(|(_, key)| *key)
        },
    );
    let claimed = claimed_by.into_inner();
    let verified = match checked {
        Ok(verified) => verified,
        Err(e) => return Ok(Err((claimed, e.to_string()))),
    };
    let Some(nonce) = verified.nonce.as_deref() else {
        return Ok(Err((claimed, "the signature has no nonce".to_owned())));
    };
    if !super::nonces::first_use(&state.db, &verified.key_id, nonce, now).await? {
        return Ok(Err((
            claimed,
            "the signature was used before (replay)".to_owned(),
        )));
    }
    Ok(keys
        .into_values()
        .map(|(peer, _)| peer)
        .find(|peer| peer.key_id == verified.key_id)
        .ok_or((claimed, "the signing peer is gone".to_owned())))
}

/// The items shared with `share` among `keys` (change-log kind and id), by id; an item not
/// there is gone or not shared.
async fn shared_items(
    state: &AppState,
    share: Share,
    keys: impl IntoIterator<Item = (Kind, Uuid)>,
) -> Result<HashMap<Uuid, Item>, AppError> {
    let mut ids: HashMap<Kind, Vec<Uuid>> = HashMap::new();
    let mut seen = HashSet::new();
    for (kind, id) in keys {
        if seen.insert(id) {
            ids.entry(kind).or_default().push(id);
        }
    }
    let catalog = state.catalog.get();
    let mut items = HashMap::new();
    for (kind, ids) in ids {
        for (id, document) in state.indexer.current_documents(kind, &ids).await? {
            if let Some(item) = item_of(&document, share, &catalog, &state.settings) {
                items.insert(id, item);
            }
        }
    }
    Ok(items)
}

/// The shared kind a change-log entity name stands for.
fn shared_kind(entity: &str) -> Option<Kind> {
    shared_kinds().into_iter().find(|k| k.as_str() == entity)
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
    let share = Share::parse(&peer.share).unwrap_or(Share::Public);
    // Only the last change of each item on the page matters: it says how the item is now.
    let mut last_of: HashMap<Uuid, i64> = HashMap::new();
    let mut keys = Vec::new();
    for change in &log {
        if let Some(kind) = shared_kind(&change.entity) {
            last_of.insert(change.entity_id, change.position);
            keys.push((kind, change.entity_id));
        }
    }
    let items = shared_items(state, share, keys).await?;
    let mut entries = Vec::new();
    let mut bytes = 0;
    let mut next = after;
    let mut cut = false;
    for change in &log {
        if shared_kind(&change.entity).is_some()
            && last_of.get(&change.entity_id) == Some(&change.position)
        {
            let entry = Entry::of(
                change.position,
                change.entity_id,
                &origin,
                items.get(&change.entity_id).cloned(),
            );
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

impl Entry {
    /// The entry for item `id` at `position`: its content, or a tombstone when `item` is none.
    fn of(position: i64, id: Uuid, origin: &str, item: Option<Item>) -> Entry {
        Entry {
            position,
            op: if item.is_some() { "upsert" } else { "delete" }.to_owned(),
            id,
            origin: origin.to_owned(),
            item,
        }
    }
}

impl Item {
    /// The SHA-256 of the item as JSON (hex): what the reconciliation compares. Origin and
    /// receiver hash the same bytes, since both write the item with this one type.
    pub fn hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Ids on one page of the inventory when the peer does not say.
pub const INVENTORY_DEFAULT: u64 = 500;
/// The most ids on one page of the inventory.
pub const INVENTORY_MAX: u64 = 1000;
/// The most items one request for items names.
pub const ITEMS_MAX: usize = 100;

/// One page of the inventory: every item shared with the asking peer now, by id, with the
/// hash of what the feed would send of it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Inventory {
    /// `noden-federation/1`.
    pub protocol: String,
    pub origin: String,
    /// Shared items with ids after `after` up to `next`, in id order.
    pub items: Vec<Held>,
    /// The id to ask with next (`after`): the last id this page covers; none on an empty page.
    #[serde(default)]
    pub next: Option<Uuid>,
    /// Whether more ids follow `next`.
    pub more: bool,
}

/// An item the origin shares, and the hash of its current content ([`Item::hash`]).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Held {
    pub id: Uuid,
    pub hash: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InventoryQuery {
    /// The last id of the previous page (none to start from the beginning).
    pub after: Option<Uuid>,
    /// How many ids at most (1–1000, default 500).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u64>,
}

/// Every item shared with the asking peer, by id and hash, for the daily reconciliation.
#[utoipa::path(
    get,
    path = "/federation/v1/inventory",
    tag = "federation",
    params(InventoryQuery),
    responses(
        (status = 200, description = "En sida av förteckningen: id och kontrollsumma för det som delas", body = Inventory),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 403, response = crate::openapi::Forbidden),
    ),
)]
pub async fn inventory(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<InventoryQuery>,
) -> Result<HttpResponse, AppError> {
    use sea_orm::{QueryOrder, QuerySelect};
    let peer = authenticate(&req, &state).await?;
    let share = Share::parse(&peer.share).unwrap_or(Share::Public);
    let limit = query
        .limit
        .unwrap_or(INVENTORY_DEFAULT)
        .clamp(1, INVENTORY_MAX);
    // Every item the change log knows of, in id order, paged in the database; what is gone
    // or not shared now is left out of the page but still moves `next`.
    let mut ids = changes::entity::Entity::find()
        .select_only()
        .column(changes::entity::Column::Entity)
        .column(changes::entity::Column::EntityId)
        .distinct()
        .filter(changes::entity::Column::Entity.is_in(shared_kinds().iter().map(|k| k.as_str())))
        .order_by_asc(changes::entity::Column::EntityId)
        .limit(limit);
    if let Some(after) = query.after {
        ids = ids.filter(changes::entity::Column::EntityId.gt(after));
    }
    let ids: Vec<(String, Uuid)> = ids.into_tuple().all(&state.db).await?;
    let next = ids.last().map(|(_, id)| *id);
    let more = ids.len() as u64 == limit;
    let keys: Vec<(Kind, Uuid)> = ids
        .iter()
        .filter_map(|(entity, id)| Some((shared_kind(entity)?, *id)))
        .collect();
    let items = shared_items(&state, share, keys.iter().copied()).await?;
    let mut held: Vec<Held> = items
        .into_iter()
        .map(|(id, item)| Held {
            id,
            hash: item.hash(),
        })
        .collect();
    held.sort_by_key(|h| h.id);
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(Inventory {
            protocol: PROTOCOL.to_owned(),
            origin: identity::base_url(&state.settings.public_url),
            items: held,
            next,
            more,
        }))
}

/// Items by id, as the feed would send them now.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Items {
    /// `noden-federation/1`.
    pub protocol: String,
    pub origin: String,
    /// One entry per id asked for, in the order asked: the item, or a tombstone when it is
    /// gone or not shared with the asking peer. `position` is the head of the change log.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemsQuery {
    /// Up to 100 item ids, separated by commas.
    pub ids: String,
}

/// Named items as they are now, for the daily reconciliation to repair what it found
/// missing or different.
#[utoipa::path(
    get,
    path = "/federation/v1/items",
    tag = "federation",
    params(ItemsQuery),
    responses(
        (status = 200, description = "De efterfrågade posterna som de ser ut nu", body = Items),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 403, response = crate::openapi::Forbidden),
    ),
)]
pub async fn items(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ItemsQuery>,
) -> Result<HttpResponse, AppError> {
    use sea_orm::QuerySelect;
    let peer = authenticate(&req, &state).await?;
    let mut seen = HashSet::new();
    let wanted: Vec<Uuid> = query
        .ids
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| Uuid::parse_str(s.trim()))
        .collect::<Result<Vec<Uuid>, _>>()
        .map_err(|_| AppError::BadRequest("federation-error-ids-list".to_owned()))?
        .into_iter()
        .filter(|id| seen.insert(*id))
        .collect();
    if wanted.len() > ITEMS_MAX {
        return Err(AppError::BadRequest(crate::web::i18n::t_with(
            "federation-error-too-many-ids",
            "max",
            &ITEMS_MAX.to_string(),
        )));
    }
    let share = Share::parse(&peer.share).unwrap_or(Share::Public);
    let head = changes::head(&state.db).await?;
    let kinds: Vec<(String, Uuid)> = changes::entity::Entity::find()
        .select_only()
        .column(changes::entity::Column::Entity)
        .column(changes::entity::Column::EntityId)
        .distinct()
        .filter(changes::entity::Column::EntityId.is_in(wanted.iter().copied()))
        .filter(changes::entity::Column::Entity.is_in(shared_kinds().iter().map(|k| k.as_str())))
        .into_tuple()
        .all(&state.db)
        .await?;
    let keys = kinds
        .iter()
        .filter_map(|(entity, id)| Some((shared_kind(entity)?, *id)));
    let mut items = shared_items(&state, share, keys).await?;
    let origin = identity::base_url(&state.settings.public_url);
    let entries = wanted
        .into_iter()
        .map(|id| Entry::of(head, id, &origin, items.remove(&id)))
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(Items {
            protocol: PROTOCOL.to_owned(),
            origin,
            entries,
        }))
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
        body: paragraphs(&document.body),
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

/// The item's text as Markdown: each line of the searchable text (a paragraph, heading or list
/// item at the origin) a paragraph of its own, every mark escaped so the text reads as
/// written and nothing in it is taken as markup.
fn paragraphs(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(crate::web::markdown::escape_text)
        .collect();
    lines.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn lines_become_paragraphs_and_markup_stays_text() {
        let markdown =
            paragraphs("Nattillsyn med *kamera*\n\n<script>x</script> [a](b)\n# inte rubrik");
        let html = crate::web::markdown::render(&markdown).into_string();
        assert_eq!(html.matches("<p>").count(), 3, "{html}");
        assert!(html.contains("*kamera*"), "{html}");
        assert!(
            !html.contains("<script>") && !html.contains("<a ") && !html.contains("<h1"),
            "{html}"
        );
        assert_eq!(
            crate::web::markdown::plain_text(&markdown),
            "Nattillsyn med *kamera*\n<script>x</script> [a](b)\n# inte rubrik"
        );
    }
}
