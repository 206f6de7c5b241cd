//! Pulling peers' feeds: one periodic job per peer on the job queue (`federation.pull`, named
//! `federation.pull:<peer id>`), every `federation_pull_seconds`.
//!
//! A pull asks for the changes after the peer's cursor with a signed request, checks every
//! entry as if a user had typed it, and writes the items, the new cursor and the peer's state
//! in one unit of work: a crash loses nothing and repeats nothing (items are upserted by peer
//! and remote id). A peer that fails is retried after a backoff that doubles from the pull
//! interval up to an hour (at the default five minutes, hourly from the fifth failure in a row);
//! after [`OPEN_AFTER`] failures in a row the peer is shown as unreachable. An entry that fails
//! a check is refused: not stored (an older copy is removed), logged, counted and shown on
//! `/admin/federation`.
//!
//! The node's own periodic row (`federation.pull` with no peer) makes sure every trusted
//! peer has its job, so a peer added by any means is pulled.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Deserialize;
use uuid::Uuid;

use super::feed::{Entry, Item, Page};
use super::identity::{self, FEED, PROTOCOL};
use super::peers::{self, Peer};
use super::remote::{self, REMOTE_ITEM};
use super::signature;
use crate::audit::By;
use crate::changes::Op;
use crate::config::Settings;
use crate::error::AppError;
use crate::jobs::{Job, JobError, Jobs};
use crate::state::AppState;
use crate::unit::Unit;

/// The job kind of pulls.
pub const PULL_JOB: &str = "federation.pull";
/// Failures in a row after which a peer is shown as unreachable.
pub const OPEN_AFTER: i32 = 5;
/// Entries asked for per request.
const PAGE_LIMIT: u64 = 200;
/// Requests one pull makes at most; the next pull goes on where it stopped.
const PAGES_PER_PULL: usize = 25;
const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 2000;
const MAX_TAGS: usize = 30;

/// The name of the job that pulls `peer`.
pub fn job_of(peer: Uuid) -> String {
    format!("{PULL_JOB}:{peer}")
}

/// Registers the pull job with the queue.
pub fn register_jobs(jobs: &Jobs, settings: &Settings) {
    let every = interval(settings);
    jobs.register_periodic(
        PULL_JOB,
        every,
        10,
        |state: AppState, job: Job| async move {
            run(&state, &job)
                .await
                .map_err(|e| JobError::new(e.to_string()))
        },
    );
}

fn interval(settings: &Settings) -> Duration {
    Duration::seconds(settings.federation_pull_seconds.clamp(1, 86_400) as i64)
}

/// How long a peer that failed `failures` times in a row is left alone: the pull interval,
/// doubled with each failure, at most an hour. The doubling goes on past [`OPEN_AFTER`], so
/// with a short interval a peer away for a while is asked again after about as long as it
/// was away, never after an hour because it was away for a quarter of a minute.
pub fn backoff(settings: &Settings, failures: i32) -> Duration {
    let doubled = interval(settings) * 2i32.saturating_pow(failures.clamp(1, 20) as u32 - 1);
    doubled.min(Duration::hours(1))
}

#[derive(Deserialize)]
struct Payload {
    peer: Option<Uuid>,
}

async fn run(state: &AppState, job: &Job) -> Result<(), AppError> {
    let payload: Payload = serde_json::from_str(&job.payload).unwrap_or(Payload { peer: None });
    match payload.peer {
        Some(peer) => pull(state, peer).await,
        None => ensure_jobs(state).await,
    }
}

/// Gives every trusted peer its pull job.
async fn ensure_jobs(state: &AppState) -> Result<(), AppError> {
    let now = state.clock.now();
    let ids: Vec<Uuid> = peers::entity::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    for id in ids {
        crate::jobs::enqueue_singleton(
            &state.db,
            now,
            now,
            PULL_JOB,
            &job_of(id),
            &serde_json::json!({ "peer": id }),
        )
        .await?;
    }
    Ok(())
}

/// Why a pull failed, for the peer's status line (English, like the log).
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error("{0}")]
    Request(String),
    #[error("the peer answered {0}")]
    Status(u16),
    #[error("the answer is not a feed page: {0}")]
    Format(String),
}

/// Pulls `peer` now if it is due: page after page until it has no more (or the pull's share
/// of pages is used).
pub async fn pull(state: &AppState, peer_id: Uuid) -> Result<(), AppError> {
    pull_pages(state, peer_id, false).await
}

/// Pulls `peer` now even while it backs off after failures (an administrator's "now").
pub async fn pull_now(state: &AppState, peer_id: Uuid) -> Result<(), AppError> {
    pull_pages(state, peer_id, true).await
}

async fn pull_pages(state: &AppState, peer_id: Uuid, now_anyway: bool) -> Result<(), AppError> {
    for _ in 0..PAGES_PER_PULL {
        let Some(peer) = peers::find(&state.db, peer_id).await? else {
            return Ok(());
        };
        let now = state.clock.now();
        let backing_off = peer.next_attempt_at.is_some_and(|at| at > now);
        if peer.paused || !peer.pull || (backing_off && !now_anyway) {
            return Ok(());
        }
        match fetch(state, &peer).await {
            Ok(page) => {
                if !take(state, &peer, page).await? {
                    return Ok(());
                }
            }
            Err(error) => {
                failed(state, &peer, &error).await?;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Asks `peer` for the page after its cursor, signed with this node's key.
async fn fetch(state: &AppState, peer: &Peer) -> Result<Page, PullError> {
    let body = signed_get_body(
        state,
        peer,
        &format!("{FEED}?after={}&limit={PAGE_LIMIT}", peer.cursor),
    )
    .await?;
    page_of(&body, peer)
}

/// Reads the feed page `peer` answered with: JSON of this protocol, naming the peer as its
/// origin, with a cursor that follows the peer's. Its entries are checked one by one
/// ([`checked`]) when they are taken in.
pub fn page_of(body: &[u8], peer: &Peer) -> Result<Page, PullError> {
    let page: Page = serde_json::from_slice(body).map_err(|e| PullError::Format(e.to_string()))?;
    if page.protocol != PROTOCOL {
        return Err(PullError::Format(format!(
            "protocol {}",
            page.protocol.chars().take(40).collect::<String>()
        )));
    }
    from_peer(peer, &page.origin)?;
    if page.next < peer.cursor || page.head < page.next {
        return Err(PullError::Format(format!(
            "cursor {} and head {} do not follow {}",
            page.next, page.head, peer.cursor
        )));
    }
    Ok(page)
}

/// Refuses an answer that names another node than `peer` as its origin.
pub(super) fn from_peer(peer: &Peer, origin: &str) -> Result<(), PullError> {
    if identity::base_url(origin) == peer.url {
        Ok(())
    } else {
        Err(PullError::Format(
            "the answer names another node as its origin".to_owned(),
        ))
    }
}

/// A signed `GET` of `path_and_query` at `peer`, through the guarded outbound client, read as
/// JSON of type `T`.
pub(super) async fn signed_get<T: serde::de::DeserializeOwned>(
    state: &AppState,
    peer: &Peer,
    path_and_query: &str,
) -> Result<T, PullError> {
    let body = signed_get_body(state, peer, path_and_query).await?;
    serde_json::from_slice(&body).map_err(|e| PullError::Format(e.to_string()))
}

/// The body of a signed `GET` of `path_and_query` at `peer` that was answered `200 OK`.
async fn signed_get_body(
    state: &AppState,
    peer: &Peer,
    path_and_query: &str,
) -> Result<Vec<u8>, PullError> {
    let key = identity::keypair(&state.db, &state.settings, state.clock.now())
        .await
        .map_err(|e| PullError::Request(e.to_string()))?;
    let mut request = http::Request::builder()
        .method("GET")
        .uri(format!("{}{path_and_query}", peer.url))
        .header("accept", "application/json")
        .body(Vec::new())
        .map_err(|e| PullError::Request(e.to_string()))?;
    signature::sign(&mut request, &key, state.clock.now().timestamp())
        .map_err(|e| PullError::Request(e.to_string()))?;
    let response = state
        .federation_outbound
        .send_anywhere(request)
        .await
        .map_err(|e| PullError::Request(e.to_string()))?;
    if response.status() != http::StatusCode::OK {
        return Err(PullError::Status(response.status().as_u16()));
    }
    Ok(response.into_body())
}

/// Notes a failed pull on the peer and when to try again.
async fn failed(state: &AppState, peer: &Peer, error: &PullError) -> Result<(), AppError> {
    let now = state.clock.now();
    let failures = peer.failures.saturating_add(1);
    tracing::warn!(peer = %peer.url, failures, error = %error, "pulling a peer failed");
    let by = By::command(&format!("federation: {}", peer.url));
    let unit = Unit::begin(state, &by).await?;
    let mut active: peers::entity::ActiveModel = peer.clone().into();
    active.failures = Set(failures);
    active.last_error = Set(error.to_string());
    active.last_error_at = Set(Some(now));
    active.next_attempt_at = Set(Some(now + backoff(&state.settings, failures)));
    active.update(unit.db()).await?;
    unit.commit().await
}

/// Writes one page: its items, the cursor and the peer's state, in one unit of work. Returns
/// whether more follow.
async fn take(state: &AppState, peer: &Peer, page: Page) -> Result<bool, AppError> {
    let by = By::command(&format!("federation: {}", peer.url));
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    // The peer's row is locked first, so two pulls of one peer (two instances, or a pull
    // asked for while the job runs) take a page one after the other; the second finds the
    // cursor moved and leaves its page. The peer may also be gone or paused meanwhile.
    let Some(current) = peers::entity::Entity::find_by_id(peer.id)
        .lock_exclusive()
        .one(unit.db())
        .await?
    else {
        return Ok(false);
    };
    if current.cursor != peer.cursor {
        return Ok(true);
    }
    if current.paused || !current.pull {
        return Ok(false);
    }
    let mut refused: Vec<String> = Vec::new();
    for entry in page.entries {
        let id = entry.id;
        match checked(&entry, peer, &state.settings) {
            Ok(Some(item)) => {
                upsert(&mut unit, peer, id, &item, now, None).await?;
            }
            Ok(None) => {
                remove(&mut unit, peer.id, id, None).await?;
            }
            Err(why) => {
                refuse(&mut unit, peer, id, &why, None).await?;
                refused.push(format!("{id}: {why}"));
            }
        }
    }
    let mut active: peers::entity::ActiveModel = current.clone().into();
    active.cursor = Set(page.next);
    active.head = Set(page.head);
    active.failures = Set(0);
    active.last_error = Set(String::new());
    active.last_success_at = Set(Some(now));
    // The next turn of the peer's job: no backoff.
    active.next_attempt_at = Set(None);
    note_refusals(&mut active, &current, &refused, now);
    active.update(unit.db()).await?;
    unit.commit().await?;
    Ok(page.more)
}

/// Removes `peer`'s item `remote_id`, if it is here (and, with `seen_by`, was received by
/// then: a pull since knows better).
pub(super) async fn remove(
    unit: &mut Unit,
    peer: Uuid,
    remote_id: Uuid,
    seen_by: Option<DateTime<Utc>>,
) -> Result<bool, AppError> {
    let existing = remote::entity::Entity::find()
        .filter(remote::entity::Column::PeerId.eq(peer))
        .filter(remote::entity::Column::RemoteId.eq(remote_id))
        .one(unit.db())
        .await?
        .filter(|e| seen_by.is_none_or(|at| e.received_at <= at));
    let removed = existing.is_some();
    if let Some(existing) = existing {
        remote::entity::Entity::delete_by_id(existing.id)
            .exec(unit.db())
            .await?;
        unit.changed(REMOTE_ITEM, existing.id, Op::Delete);
    }
    Ok(removed)
}

/// Refuses `peer`'s item `remote_id` for `why`: logged, and an older copy removed.
pub(super) async fn refuse(
    unit: &mut Unit,
    peer: &Peer,
    remote_id: Uuid,
    why: &str,
    seen_by: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    tracing::warn!(peer = %peer.url, item = %remote_id, reason = %why, "refused an item from a peer");
    remove(unit, peer.id, remote_id, seen_by).await?;
    Ok(())
}

/// Counts `refused` items (lines "id: reason") on the peer's row, with the last reason.
pub(super) fn note_refusals(
    active: &mut peers::entity::ActiveModel,
    current: &Peer,
    refused: &[String],
    now: DateTime<Utc>,
) {
    if let Some(last) = refused.last() {
        active.refused = Set(current
            .refused
            .saturating_add(i32::try_from(refused.len()).unwrap_or(i32::MAX)));
        active.last_refusal = Set(last.clone());
        active.last_refusal_at = Set(Some(now));
    }
}

/// Stores `peer`'s item `remote_id` as `item`, unless it is here as it is (or, with `seen_by`,
/// was received after then: a pull since knows better). Returns whether it wrote.
pub(super) async fn upsert(
    unit: &mut Unit,
    peer: &Peer,
    remote_id: Uuid,
    item: &Item,
    now: DateTime<Utc>,
    seen_by: Option<DateTime<Utc>>,
) -> Result<bool, AppError> {
    let hash = item.hash();
    let existing = remote::entity::Entity::find()
        .filter(remote::entity::Column::PeerId.eq(peer.id))
        .filter(remote::entity::Column::RemoteId.eq(remote_id))
        .one(unit.db())
        .await?;
    if existing
        .as_ref()
        .is_some_and(|e| e.hash == hash || seen_by.is_some_and(|at| e.received_at > at))
    {
        return Ok(false);
    }
    let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned());
    let mut row = remote::entity::ActiveModel {
        id: Set(existing.as_ref().map_or_else(Uuid::now_v7, |e| e.id)),
        peer_id: Set(peer.id),
        remote_id: Set(remote_id),
        kind: Set(item.kind.clone()),
        title: Set(item.title.trim().to_owned()),
        summary: Set(item.summary.trim().to_owned()),
        body_md: Set(item.body.clone()),
        body_html: Set(crate::web::markdown::render(&item.body).into_string()),
        url: Set(item.url.clone()),
        organisation_code: Set(item.organisation.as_ref().map(|o| o.code.clone())),
        organisation_name: Set(item
            .organisation
            .as_ref()
            .map(|o| o.name.trim().to_owned())
            .unwrap_or_default()),
        county: Set(item.county.clone()),
        categories: Set(json(&item.categories)),
        tags: Set(json(&item.tags)),
        outcome: Set(item.outcome.clone()),
        phase: Set(item.phase.clone()),
        status: Set(item.status.clone()),
        target_groups: Set(json(&item.target_groups)),
        visibility: Set(item.visibility.clone()),
        published_at: Set(item.published_at),
        updated_at: Set(item.updated_at),
        hash: Set(hash),
        received_at: Set(now),
    };
    let id = match existing {
        Some(_) => row.clone().update(unit.db()).await?.id,
        None => {
            row.received_at = Set(now);
            row.insert(unit.db()).await?.id
        }
    };
    unit.changed(REMOTE_ITEM, id, Op::Upsert);
    Ok(true)
}

/// An entry as this node takes it: the item to store, `None` for a tombstone, or why it is
/// refused. Everything a peer sends is checked as if a user had typed it.
pub fn checked(entry: &Entry, peer: &Peer, settings: &Settings) -> Result<Option<Item>, String> {
    if identity::base_url(&entry.origin) != peer.url {
        return Err("it claims another node as its origin".to_owned());
    }
    match (entry.op.as_str(), &entry.item) {
        ("delete", _) => Ok(None),
        ("upsert", Some(item)) => {
            let mut item = item.clone();
            check_item(&mut item, peer, settings)?;
            Ok(Some(item))
        }
        ("upsert", None) => Err("an upsert without its item".to_owned()),
        (op, _) => Err(format!(
            "unknown operation {}",
            op.chars().take(20).collect::<String>()
        )),
    }
}

fn check_item(item: &mut Item, peer: &Peer, settings: &Settings) -> Result<(), String> {
    use crate::auth::visibility::Visibility;
    use crate::reports::model::{Kind, Outcome, Phase};
    let known_kind = Kind::parse(&item.kind).is_some()
        || [
            crate::needs::NEED_KIND,
            crate::trials::TRIAL_KIND,
            crate::technologies::TECHNOLOGY_KIND,
            crate::fieldreports::FIELD_REPORT_KIND,
        ]
        .contains(&item.kind.as_str());
    if !known_kind {
        return Err("an unknown kind of item".to_owned());
    }
    if !matches!(
        Visibility::parse(&item.visibility),
        Some(Visibility::Public | Visibility::Network)
    ) {
        return Err("a visibility other than public or network".to_owned());
    }
    let line = |text: &str, max: usize| {
        !text.trim().is_empty()
            && text.chars().count() <= max
            && !text.chars().any(char::is_control)
    };
    if !line(&item.title, MAX_TITLE) {
        return Err("an empty, too long or broken title".to_owned());
    }
    if item.summary.chars().count() > MAX_SUMMARY {
        return Err("a summary longer than 2000 characters".to_owned());
    }
    if item.body.len() > settings.markdown_max_bytes {
        return Err(format!(
            "a text larger than {} bytes",
            settings.markdown_max_bytes
        ));
    }
    let url = url::Url::parse(&item.url).map_err(|_| "an unreadable address".to_owned())?;
    let origin = url::Url::parse(&peer.url).map_err(|_| "the peer's own address".to_owned())?;
    if url.origin() != origin.origin() || url.username() != "" || url.password().is_some() {
        return Err("an address outside its origin".to_owned());
    }
    if let Some(organisation) = &item.organisation
        && (organisation.code.len() > 10
            || !organisation.code.chars().all(|c| c.is_ascii_digit())
            || !(organisation.name.is_empty() || line(&organisation.name, 200)))
    {
        return Err("an unreadable organisation".to_owned());
    }
    if let Some(county) = &item.county
        && !(county.len() == 2 && county.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("an unreadable county".to_owned());
    }
    if let Some(outcome) = &item.outcome
        && Outcome::parse(outcome).is_none()
    {
        return Err("an outcome outside the vocabulary".to_owned());
    }
    if let Some(phase) = &item.phase
        && Phase::parse(phase).is_none()
        && crate::trials::TrialPhase::parse(phase).is_none()
    {
        return Err("a phase outside the vocabulary".to_owned());
    }
    if let Some(status) = &item.status
        && crate::needs::NeedStatus::parse(status).is_none()
    {
        return Err("a status outside the vocabulary".to_owned());
    }
    if item
        .target_groups
        .iter()
        .any(|g| crate::catalog::TargetGroup::parse(g).is_none())
    {
        return Err("a target group outside the vocabulary".to_owned());
    }
    if item.tags.len() > MAX_TAGS || item.tags.iter().any(|t| !line(t, 100)) {
        return Err("too many or unreadable tags".to_owned());
    }
    if item.categories.len() > MAX_TAGS || item.categories.iter().any(|c| !line(c, 100)) {
        return Err("too many or unreadable categories".to_owned());
    }
    let texts = [
        ("title", item.title.as_str()),
        ("summary", item.summary.as_str()),
        ("text", item.body.as_str()),
    ];
    for (field, text) in texts
        .into_iter()
        .chain(item.tags.iter().map(|t| ("tag", t.as_str())))
        .chain(
            item.organisation
                .iter()
                .map(|o| ("organisation", o.name.as_str())),
        )
    {
        if crate::privacy::contains_personal_identity_number(text) {
            return Err(format!(
                "something like a personal identity number in its {field}"
            ));
        }
    }
    Ok(())
}

/// Makes `peer`'s pull job due now, after an administrator resumed it or turned pulling on.
pub async fn pull_soon<C: sea_orm::ConnectionTrait>(
    txn: &C,
    now: DateTime<Utc>,
    peer: Uuid,
) -> Result<(), AppError> {
    crate::jobs::enqueue_singleton(
        txn,
        now,
        now,
        PULL_JOB,
        &job_of(peer),
        &serde_json::json!({ "peer": peer }),
    )
    .await?;
    crate::jobs::run_singleton_now(txn, now, &job_of(peer)).await?;
    Ok(())
}

/// Forgets `peer`: its job and every item that came from it (they leave search too).
pub async fn forget(unit: &mut Unit, peer: Uuid) -> Result<usize, AppError> {
    crate::jobs::remove_singleton(unit.db(), &job_of(peer)).await?;
    let ids: Vec<Uuid> = remote::entity::Entity::find()
        .select_only()
        .column(remote::entity::Column::Id)
        .filter(remote::entity::Column::PeerId.eq(peer))
        .into_tuple()
        .all(unit.db())
        .await?;
    remote::entity::Entity::delete_many()
        .filter(remote::entity::Column::PeerId.eq(peer))
        .exec(unit.db())
        .await?;
    for id in &ids {
        unit.changed(REMOTE_ITEM, *id, Op::Delete);
    }
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pauses(every: u64) -> Vec<i64> {
        let settings = Settings {
            federation_pull_seconds: every,
            ..Settings::default()
        };
        (1..=9)
            .map(|n| backoff(&settings, n).num_seconds())
            .collect()
    }

    #[test]
    fn a_failing_peer_is_asked_again_after_twice_as_long_each_time_at_most_hourly() {
        // The default five minutes: hourly from the fifth failure in a row.
        assert_eq!(
            pauses(300),
            [300, 600, 1200, 2400, 3600, 3600, 3600, 3600, 3600]
        );
        // A short interval goes on doubling past the fifth failure instead of jumping to an
        // hour after fifteen seconds away.
        assert_eq!(pauses(1), [1, 2, 4, 8, 16, 32, 64, 128, 256]);
        assert_eq!(pauses(86_400), [3600; 9]);
    }
}
