//! The daily reconciliation: once a day this node compares what it holds of each pulled peer
//! with the peer's inventory (every item the peer shares with it, by id and hash) and repairs
//! what a cursor could have missed: an item held here that the peer no longer shares is
//! removed, and one missing here or held in another version is fetched again by id.
//!
//! The inventory is walked page by page in id order; each page's repairs are written in one
//! unit of work. A pull that ran meanwhile wins: an item received after the page was asked
//! for is left as the pull wrote it. Every fetched item passes the same checks as a pulled
//! one.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use uuid::Uuid;

use super::feed::{ITEMS_MAX, Inventory, Items};
use super::identity::{INVENTORY, ITEMS, PROTOCOL};
use super::peers::{self, Peer};
use super::pull::{self, PullError};
use super::remote;
use crate::audit::By;
use crate::error::AppError;
use crate::jobs::{Job, JobError, Jobs};
use crate::state::AppState;
use crate::unit::Unit;

/// The job kind of the daily reconciliation (one row for the node; it goes through every
/// pulled peer).
pub const RECONCILE_JOB: &str = "federation.reconcile";
/// Ids asked for per inventory page.
const PAGE_LIMIT: u64 = 500;
/// Inventory pages one reconciliation reads at most (500,000 items).
const MAX_PAGES: usize = 1000;

/// Registers the daily reconciliation with the queue.
pub fn register_jobs(jobs: &Jobs) {
    jobs.register_periodic(
        RECONCILE_JOB,
        Duration::days(1),
        10,
        |state: AppState, _job: Job| async move {
            reconcile_all(&state)
                .await
                .map_err(|e| JobError::new(e.to_string()))
        },
    );
}

/// Reconciles every peer this node pulls from; a peer that does not answer is noted on its
/// row and the rest go on.
pub async fn reconcile_all(state: &AppState) -> Result<(), AppError> {
    let ids: Vec<Uuid> = peers::entity::Entity::find()
        .select_only()
        .column(peers::entity::Column::Id)
        .filter(peers::entity::Column::Pull.eq(true))
        .filter(peers::entity::Column::Paused.eq(false))
        .into_tuple()
        .all(&state.db)
        .await?;
    for id in ids {
        reconcile(state, id).await?;
    }
    Ok(())
}

/// What one reconciliation repaired.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Repairs {
    /// Items fetched again because they were missing here or held in another version.
    pub fetched: usize,
    /// Items removed here because the peer no longer shares them.
    pub removed: usize,
    /// Fetched items refused by the checks.
    pub refused: usize,
}

impl Repairs {
    fn summary(self) -> String {
        if self == Repairs::default() {
            return "allt stämde".to_owned();
        }
        let mut parts = vec![
            format!("{} hämtade igen", self.fetched),
            format!(
                "{} {}",
                self.removed,
                if self.removed == 1 {
                    "borttagen"
                } else {
                    "borttagna"
                }
            ),
        ];
        if self.refused > 0 {
            parts.push(format!("{} avvisade", self.refused));
        }
        parts.join(", ")
    }
}

/// Compares what this node holds of `peer_id` with the peer's inventory and repairs the
/// differences. A peer that fails to answer is noted on its row ("Avstämningen misslyckades")
/// and `Ok(None)` returned; its pulls are not affected.
pub async fn reconcile(state: &AppState, peer_id: Uuid) -> Result<Option<Repairs>, AppError> {
    let mut repairs = Repairs::default();
    let mut after: Option<Uuid> = None;
    for _ in 0..MAX_PAGES {
        let Some(peer) = peers::find(&state.db, peer_id).await? else {
            return Ok(None);
        };
        if peer.paused || !peer.pull {
            return Ok(None);
        }
        let asked_at = state.clock.now();
        let page = match inventory_page(state, &peer, after).await {
            Ok(page) => page,
            Err(error) => {
                record(state, &peer, &format!("Avstämningen misslyckades: {error}")).await?;
                return Ok(None);
            }
        };
        match repair_page(state, &peer, after, &page, asked_at).await {
            Ok(done) => {
                repairs.fetched += done.fetched;
                repairs.removed += done.removed;
                repairs.refused += done.refused;
            }
            Err(RepairError::Peer(error)) => {
                record(state, &peer, &format!("Avstämningen misslyckades: {error}")).await?;
                return Ok(None);
            }
            Err(RepairError::Here(error)) => return Err(error),
        }
        match (page.more, page.next) {
            (true, Some(next)) => after = Some(next),
            _ => break,
        }
    }
    if let Some(peer) = peers::find(&state.db, peer_id).await? {
        tracing::info!(peer = %peer.url, ?repairs, "reconciled with a peer");
        record(state, &peer, &repairs.summary()).await?;
    }
    Ok(Some(repairs))
}

enum RepairError {
    /// The peer failed to answer as it should.
    Peer(PullError),
    /// Something failed here.
    Here(AppError),
}

impl From<AppError> for RepairError {
    fn from(error: AppError) -> Self {
        RepairError::Here(error)
    }
}

impl From<sea_orm::DbErr> for RepairError {
    fn from(error: sea_orm::DbErr) -> Self {
        RepairError::Here(error.into())
    }
}

async fn inventory_page(
    state: &AppState,
    peer: &Peer,
    after: Option<Uuid>,
) -> Result<Inventory, PullError> {
    let after = after.map(|a| format!("&after={a}")).unwrap_or_default();
    let page: Inventory = pull::signed_get(
        state,
        peer,
        &format!("{INVENTORY}?limit={PAGE_LIMIT}{after}"),
    )
    .await?;
    if page.protocol != PROTOCOL {
        return Err(PullError::Format("another protocol".to_owned()));
    }
    pull::from_peer(peer, &page.origin)?;
    Ok(page)
}

/// Repairs the ids of one inventory page: those after `after` up to the page's `next` (to the
/// end on the last page).
async fn repair_page(
    state: &AppState,
    peer: &Peer,
    after: Option<Uuid>,
    page: &Inventory,
    asked_at: DateTime<Utc>,
) -> Result<Repairs, RepairError> {
    let upto = if page.more { page.next } else { None };
    let mut held = remote::entity::Entity::find()
        .select_only()
        .column(remote::entity::Column::RemoteId)
        .column(remote::entity::Column::Hash)
        .filter(remote::entity::Column::PeerId.eq(peer.id));
    if let Some(after) = after {
        held = held.filter(remote::entity::Column::RemoteId.gt(after));
    }
    if let Some(upto) = upto {
        held = held.filter(remote::entity::Column::RemoteId.lte(upto));
    }
    let held: HashMap<Uuid, String> = held
        .into_tuple::<(Uuid, String)>()
        .all(&state.db)
        .await?
        .into_iter()
        .collect();
    let theirs: HashMap<Uuid, &str> = page.items.iter().map(|h| (h.id, h.hash.as_str())).collect();
    let stale: Vec<Uuid> = page
        .items
        .iter()
        .filter(|h| held.get(&h.id).map(String::as_str) != Some(h.hash.as_str()))
        .map(|h| h.id)
        .collect();
    let gone: Vec<Uuid> = held
        .keys()
        .filter(|id| !theirs.contains_key(id))
        .copied()
        .collect();
    if stale.is_empty() && gone.is_empty() {
        return Ok(Repairs::default());
    }
    let wanted: HashSet<Uuid> = stale.iter().copied().collect();
    let mut entries = Vec::new();
    for ids in stale.chunks(ITEMS_MAX) {
        let list = ids
            .iter()
            .map(Uuid::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let answer: Items = pull::signed_get(state, peer, &format!("{ITEMS}?ids={list}"))
            .await
            .map_err(RepairError::Peer)?;
        if answer.protocol != PROTOCOL {
            return Err(RepairError::Peer(PullError::Format(
                "another protocol".to_owned(),
            )));
        }
        pull::from_peer(peer, &answer.origin).map_err(RepairError::Peer)?;
        // Only what was asked for is taken.
        entries.extend(
            answer
                .entries
                .into_iter()
                .filter(|e| wanted.contains(&e.id)),
        );
    }
    let by = By::command(&format!("federation: {}", peer.url));
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    let Some(current) = peers::entity::Entity::find_by_id(peer.id)
        .lock_exclusive()
        .one(unit.db())
        .await?
    else {
        return Ok(Repairs::default());
    };
    let mut repairs = Repairs::default();
    let mut refused = Vec::new();
    for entry in &entries {
        let id = entry.id;
        match pull::checked(entry, peer, &state.settings) {
            Ok(Some(item)) => {
                if pull::upsert(&mut unit, peer, id, &item, now, Some(asked_at)).await? {
                    repairs.fetched += 1;
                }
            }
            Ok(None) => {
                if pull::remove(&mut unit, peer.id, id, Some(asked_at)).await? {
                    repairs.removed += 1;
                }
            }
            Err(why) => {
                pull::refuse(&mut unit, peer, id, &why, Some(asked_at)).await?;
                refused.push(format!("{id}: {why}"));
            }
        }
    }
    for id in gone {
        if pull::remove(&mut unit, peer.id, id, Some(asked_at)).await? {
            repairs.removed += 1;
        }
    }
    repairs.refused = refused.len();
    if !refused.is_empty() {
        let mut active: peers::entity::ActiveModel = current.clone().into();
        pull::note_refusals(&mut active, &current, &refused, now);
        active.update(unit.db()).await?;
    }
    unit.commit().await?;
    Ok(repairs)
}

/// Notes the outcome of a reconciliation on the peer's row.
async fn record(state: &AppState, peer: &Peer, outcome: &str) -> Result<(), AppError> {
    let by = By::command(&format!("federation: {}", peer.url));
    let unit = Unit::begin(state, &by).await?;
    let Some(current) = peers::entity::Entity::find_by_id(peer.id)
        .one(unit.db())
        .await?
    else {
        return Ok(());
    };
    let mut active: peers::entity::ActiveModel = current.into();
    active.reconciled_at = Set(Some(unit.now()));
    active.last_reconcile = Set(outcome.to_owned());
    active.update(unit.db()).await?;
    unit.commit().await
}
