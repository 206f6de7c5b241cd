//! The peer nodes this node trusts: added by a node administrator (at `/admin/federation` or
//! with `noden peers add`) after comparing the key fingerprint the peer publishes, each with
//! what this node shares with it and whether its feed is pulled.
//!
//! Adding is two steps with the document fetched both times: the administrator sees the
//! peer's name and fingerprint, confirms, and the peer is stored only if the key fetched at
//! confirmation is still the one they saw. A peer's own word is checked before anything is
//! shown: its document must speak this protocol, name the address it was fetched from and
//! carry a key whose id matches it.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::identity::{self, NodeDocument, PROTOCOL, WELL_KNOWN};
use super::signature;
use crate::audit::By;
use crate::error::AppError;
use crate::outbound::{Outbound, OutboundError};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::i18n;

/// Per pulled peer: how many feed positions this node is behind, pulls failed in a row, and
/// seconds since the last pull that worked.
pub fn register_metrics(metrics: &crate::metrics::Metrics) {
    let sampler = PeerMetrics::default();
    metrics.register(
        "federation_lag_positions",
        "Positions of a peer's change feed this node has not taken in yet, by peer",
        sampler.lag.clone(),
    );
    metrics.register(
        "federation_failures",
        "Pulls from a peer that failed in a row, by peer",
        sampler.failures.clone(),
    );
    metrics.register(
        "federation_since_success_seconds",
        "Seconds since a pull from a peer last worked (since it was added when none has), by peer",
        sampler.since_success.clone(),
    );
    metrics.on_scrape(std::sync::Arc::new(sampler));
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
struct PeerLabel {
    peer: String,
}

type PeerFamily<M> = prometheus_client::metrics::family::Family<PeerLabel, M>;

#[derive(Default)]
struct PeerMetrics {
    lag: PeerFamily<prometheus_client::metrics::gauge::Gauge>,
    failures: PeerFamily<prometheus_client::metrics::gauge::Gauge>,
    since_success: PeerFamily<crate::metrics::FloatGauge>,
}

impl crate::metrics::Sampler for PeerMetrics {
    fn sample<'a>(
        &'a self,
        db: &'a sea_orm::DatabaseConnection,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::indexer::BoxFuture<'a, Result<(), sea_orm::DbErr>> {
        Box::pin(async move {
            let peers = entity::Entity::find()
                .filter(entity::Column::Pull.eq(true))
                .all(db)
                .await?;
            self.lag.clear();
            self.failures.clear();
            self.since_success.clear();
            for peer in peers {
                let label = PeerLabel {
                    peer: peer.url.clone(),
                };
                self.lag
                    .get_or_create(&label)
                    .set((peer.head - peer.cursor).max(0));
                self.failures
                    .get_or_create(&label)
                    .set(i64::from(peer.failures));
                let since = now - peer.last_success_at.unwrap_or(peer.added_at);
                self.since_success
                    .get_or_create(&label)
                    .set(since.num_milliseconds().max(0) as f64 / 1000.0);
            }
            Ok(())
        })
    }
}

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A peer node this node trusts.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "federation_peers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// The peer's address as [`super::identity::base_url`] writes it.
        #[sea_orm(unique)]
        pub url: String,
        pub name: String,
        pub county: String,
        #[sea_orm(unique)]
        pub key_id: String,
        /// Raw Ed25519 public key, base64.
        pub public_key: String,
        /// What this node shares with the peer: `public` or `network`.
        pub share: String,
        /// Whether this node pulls the peer's feed.
        pub pull: bool,
        /// Paused: neither pulled nor served until resumed.
        pub paused: bool,
        /// The position in the peer's change feed this node has taken in.
        pub cursor: i64,
        /// The peer's newest position when it was last asked.
        pub head: i64,
        /// Pulls failed in a row.
        pub failures: i32,
        pub last_success_at: Option<DateTimeUtc>,
        pub last_error_at: Option<DateTimeUtc>,
        pub last_error: String,
        pub next_attempt_at: Option<DateTimeUtc>,
        /// Items the peer sent that were refused (not stored), and the last reason.
        pub refused: i32,
        pub last_refusal: String,
        pub last_refusal_at: Option<DateTimeUtc>,
        pub added_at: DateTimeUtc,
        pub added_by: String,
        pub updated_at: DateTimeUtc,
        /// When the daily reconciliation last compared this node's copies with the peer's
        /// list, and what it repaired ("2 hämtade, 1 borttagen").
        pub reconciled_at: Option<DateTimeUtc>,
        pub last_reconcile: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub use entity::Model as Peer;

/// Peers on one page of `/admin/federation`.
pub const PER_PAGE: u64 = 50;

/// What this node shares with a peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Share {
    /// Public items only.
    Public,
    /// Public items and those for signed-in users of this node: for a peer trusted like a
    /// signed-in member.
    Network,
}

impl Share {
    pub const ALL: [Share; 2] = [Share::Public, Share::Network];

    pub fn as_str(self) -> &'static str {
        match self {
            Share::Public => "public",
            Share::Network => "network",
        }
    }

    pub fn parse(value: &str) -> Option<Share> {
        Share::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// In the page's (or the shell's) language, for the administration page and the CLI.
    pub fn label(self) -> String {
        use crate::web::i18n;
        match self {
            Share::Public => i18n::t("federation-share-public"),
            Share::Network => i18n::t("federation-share-network"),
        }
    }
}

/// Why a peer's document could not be taken: a catalogue key, or a text already in the
/// administrator's language.
fn refused(message: impl Into<String>) -> AppError {
    AppError::invalid("url", &message.into())
}

/// The peer address an administrator typed, as peers compare addresses; `https://` is
/// assumed when no scheme is written.
pub fn normalise_url(typed: &str) -> Result<String, AppError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(refused("federation-error-url-missing"));
    }
    let with_scheme = if typed.contains("://") {
        typed.to_owned()
    } else {
        format!("https://{typed}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(url)
            if matches!(url.scheme(), "https" | "http")
                && url.host_str().is_some()
                && url.query().is_none()
                && url.fragment().is_none()
                && url.username().is_empty()
                && url.password().is_none() =>
        {
            Ok(identity::base_url(url.as_str()))
        }
        _ => Err(refused("federation-error-url-unreadable")),
    }
}

/// The client peers are reached with: the one guarded outbound client, with plain http to
/// this machine allowed only by `federation_allow_http_loopback`.
pub fn client(state: &AppState) -> &Outbound {
    &state.federation_outbound
}

/// Fetches the document of the node at `url` (normalised) and checks what it says of itself.
pub async fn fetch_document(client: &Outbound, url: &str) -> Result<NodeDocument, AppError> {
    let request = http::Request::builder()
        .method("GET")
        .uri(format!("{url}{WELL_KNOWN}"))
        .header("accept", "application/json")
        .body(Vec::new())
        .map_err(|_| refused("federation-error-url-unusable"))?;
    let response = client.send_anywhere(request).await.map_err(|e| match e {
        OutboundError::Refused(why) => {
            refused(i18n::t_with("federation-error-unreachable", "why", &why))
        }
        OutboundError::BackingOff { wait_secs, .. } => refused(i18n::t_with(
            "federation-error-backing-off",
            "seconds",
            &wait_secs.to_string(),
        )),
        OutboundError::Failed(why) => {
            refused(i18n::t_with("federation-error-no-answer", "why", &why))
        }
    })?;
    if response.status() != http::StatusCode::OK {
        return Err(refused(i18n::text_with(
            i18n::lang(),
            "federation-error-bad-status",
            &[
                ("status", response.status().as_u16().to_string().into()),
                ("path", WELL_KNOWN.into()),
            ],
        )));
    }
    let document: NodeDocument = serde_json::from_slice(response.body()).map_err(|_| {
        refused(i18n::t_with(
            "federation-error-not-a-document",
            "path",
            WELL_KNOWN,
        ))
    })?;
    check_document(&document, url)?;
    Ok(document)
}

/// What a peer says of itself must hold together before it is shown to anyone.
fn check_document(document: &NodeDocument, url: &str) -> Result<(), AppError> {
    if document.protocol != PROTOCOL {
        return Err(refused(i18n::text_with(
            i18n::lang(),
            "federation-error-protocol",
            &[
                ("theirs", short(&document.protocol).into()),
                ("ours", PROTOCOL.into()),
            ],
        )));
    }
    if identity::base_url(&document.url) != url {
        return Err(refused(i18n::text_with(
            i18n::lang(),
            "federation-error-url-mismatch",
            &[("stated", short(&document.url).into()), ("url", url.into())],
        )));
    }
    let key = signature::public_key_from_base64(&document.public_key)
        .map_err(|_| refused("federation-error-key-unreadable"))?;
    if signature::key_id_of(&key) != document.key_id
        || signature::fingerprint_of(&key) != document.fingerprint
        || document.algorithm != "ed25519"
    {
        return Err(refused("federation-error-key-mismatch"));
    }
    let name = document.name.trim();
    if name.is_empty()
        || name.chars().count() > 200
        || name.chars().any(char::is_control)
        || crate::privacy::contains_personal_identity_number(name)
    {
        return Err(refused("federation-error-name-unusable"));
    }
    if !(document.county.is_empty()
        || document.county.len() == 2 && document.county.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(refused("federation-error-county-unreadable"));
    }
    Ok(())
}

/// At most 80 characters of what a peer sent, for a message.
fn short(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(80).collect()
}

/// The document of the node at the typed address, for the administrator to confirm; refused
/// when it is this node or already a peer.
pub async fn preview(state: &AppState, typed_url: &str) -> Result<NodeDocument, AppError> {
    let url = normalise_url(typed_url)?;
    let document = fetch_document(client(state), &url).await?;
    let own = identity::keypair(&state.db, &state.settings, state.clock.now()).await?;
    if document.key_id == own.key_id() {
        return Err(refused("federation-error-self"));
    }
    if let Some(known) = find_by_url(&state.db, &url).await? {
        return Err(refused(i18n::t_with(
            "federation-error-already-trusted",
            "name",
            &known.name,
        )));
    }
    Ok(document)
}

/// Trusts the node at `typed_url`, sharing `share` with it, provided its key is still the
/// one whose fingerprint the administrator confirmed (`fingerprint`).
pub async fn add(
    state: &AppState,
    by: &By,
    typed_url: &str,
    share: Share,
    fingerprint: &str,
) -> Result<Peer, AppError> {
    let document = preview(state, typed_url).await?;
    if document.fingerprint != fingerprint.trim() {
        return Err(refused("federation-error-key-changed"));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    if entity::Entity::find()
        .filter(entity::Column::KeyId.eq(&document.key_id))
        .one(unit.db())
        .await?
        .is_some()
    {
        return Err(refused("federation-error-key-taken"));
    }
    let peer = entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        url: Set(identity::base_url(&document.url)),
        name: Set(document.name.trim().to_owned()),
        county: Set(document.county.clone()),
        key_id: Set(document.key_id.clone()),
        public_key: Set(document.public_key.clone()),
        share: Set(share.as_str().to_owned()),
        pull: Set(true),
        paused: Set(false),
        cursor: Set(0),
        head: Set(0),
        failures: Set(0),
        last_success_at: Set(None),
        last_error_at: Set(None),
        last_error: Set(String::new()),
        next_attempt_at: Set(Some(now)),
        refused: Set(0),
        last_refusal: Set(String::new()),
        last_refusal_at: Set(None),
        added_at: Set(now),
        added_by: Set(by.name.clone()),
        updated_at: Set(now),
        reconciled_at: Set(None),
        last_reconcile: Set(String::new()),
    }
    .insert(unit.db())
    .await?;
    super::pull::pull_soon(unit.db(), now, peer.id).await?;
    unit.audit(
        "federation.peer_add",
        peer.url.clone(),
        format!(
            "{} ({}), delar: {}, nyckel {}",
            peer.name, peer.county, peer.share, document.fingerprint
        ),
    );
    unit.commit().await?;
    state.jobs.wake();
    Ok(peer)
}

/// What an administrator may change of a peer.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub share: Share,
    pub pull: bool,
    pub paused: bool,
}

/// Changes what is shared with a peer and whether it is pulled or paused.
pub async fn change(state: &AppState, by: &By, id: Uuid, change: Change) -> Result<Peer, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let peer = entity::Entity::find_by_id(id)
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("noden"))?;
    let mut active: entity::ActiveModel = peer.into();
    active.share = Set(change.share.as_str().to_owned());
    active.pull = Set(change.pull);
    active.paused = Set(change.paused);
    active.updated_at = Set(unit.now());
    if change.pull && !change.paused {
        // Resumed or turned on: try at once.
        active.next_attempt_at = Set(Some(unit.now()));
    }
    let peer = active.update(unit.db()).await?;
    if peer.pull && !peer.paused {
        super::pull::pull_soon(unit.db(), unit.now(), peer.id).await?;
    }
    unit.audit(
        "federation.peer_change",
        peer.url.clone(),
        format!(
            "delar: {}, hämtas: {}, pausad: {}",
            peer.share,
            if peer.pull { "ja" } else { "nej" },
            if peer.paused { "ja" } else { "nej" }
        ),
    );
    unit.commit().await?;
    state.jobs.wake();
    Ok(peer)
}

/// Has the peer pulled at once, even while it backs off after failures (an administrator's
/// "Hämta nu"): its job is made due now.
pub async fn pull_now(state: &AppState, by: &By, id: Uuid) -> Result<Peer, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let peer = entity::Entity::find_by_id(id)
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("noden"))?;
    if peer.paused || !peer.pull {
        return Err(AppError::Conflict("federation-error-not-pulled".to_owned()));
    }
    let mut active: entity::ActiveModel = peer.into();
    active.next_attempt_at = Set(None);
    active.updated_at = Set(unit.now());
    let peer = active.update(unit.db()).await?;
    super::pull::pull_soon(unit.db(), unit.now(), peer.id).await?;
    unit.audit("federation.pull_now", peer.url.clone(), String::new());
    unit.commit().await?;
    state.jobs.wake();
    Ok(peer)
}

/// Has the daily reconciliation with every pulled peer run at once.
pub async fn reconcile_now(state: &AppState, by: &By) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    crate::jobs::run_singleton_now(unit.db(), unit.now(), super::reconcile::RECONCILE_JOB).await?;
    unit.audit("federation.reconcile_now", "federation", String::new());
    unit.commit().await?;
    state.jobs.wake();
    Ok(())
}

/// Stops trusting a peer: it is no longer served or pulled, and what it sent is removed.
pub async fn remove(state: &AppState, by: &By, id: Uuid) -> Result<Peer, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let peer = entity::Entity::find_by_id(id)
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("noden"))?;
    let items = super::pull::forget(&mut unit, id).await?;
    entity::Entity::delete_by_id(id).exec(unit.db()).await?;
    unit.audit(
        "federation.peer_remove",
        peer.url.clone(),
        format!(
            "{} ({}), {items} hämtade poster borttagna",
            peer.name, peer.county
        ),
    );
    unit.commit().await?;
    Ok(peer)
}

/// One page of the peers, by name, and how many there are.
pub async fn page<C: ConnectionTrait>(db: &C, page: u64) -> Result<(Vec<Peer>, u64), AppError> {
    let paginator = entity::Entity::find()
        .order_by_asc(entity::Column::Name)
        .order_by_asc(entity::Column::Id)
        .paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    Ok((rows, total))
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<Peer>, AppError> {
    Ok(entity::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_url<C: ConnectionTrait>(db: &C, url: &str) -> Result<Option<Peer>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Url.eq(url))
        .one(db)
        .await?)
}

/// A peer's key fingerprint, as its document shows it.
pub fn fingerprint(peer: &Peer) -> String {
    signature::public_key_from_base64(&peer.public_key)
        .map(|key| signature::fingerprint_of(&key))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_addresses_become_base_urls() {
        assert_eq!(
            normalise_url(" noden.example.se/ ").ok().as_deref(),
            Some("https://noden.example.se")
        );
        assert_eq!(
            normalise_url("http://127.0.0.1:8081/").ok().as_deref(),
            Some("http://127.0.0.1:8081")
        );
        for bad in [
            "",
            "ftp://noden.example.se",
            "https://user:pw@noden.example.se",
            "https://noden.example.se/?x=1",
            "https://",
        ] {
            assert!(normalise_url(bad).is_err(), "{bad:?} must be refused");
        }
    }
}
