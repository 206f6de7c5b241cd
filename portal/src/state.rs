//! What every request handler and background task shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::limits::Limits;
use crate::auth::oidc::Providers;
use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::config::Settings;
use crate::indexer::{IndexSlot, Indexer};
use crate::jobs::Jobs;
use crate::mail::Courier;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: DatabaseConnection,
    pub index: IndexSlot,
    pub indexer: Indexer,
    pub catalog: Catalog,
    pub clock: Clock,
    pub courier: Courier,
    /// The job queue: its handlers and this instance's runners.
    pub jobs: Jobs,
    pub limits: Arc<Limits>,
    pub providers: Providers,
    /// The one client for requests to other servers.
    pub outbound: crate::outbound::Outbound,
    /// The same guarded client for peer nodes, with its own failure memory: plain http to
    /// this machine only when `federation_allow_http_loopback` is on.
    pub federation_outbound: crate::outbound::Outbound,
    /// Answers kept until the change log moves (the overview's counts).
    pub memo: crate::web::memo::Memo,
    /// Where attached files are kept.
    pub blobs: crate::blobs::Blobs,
    /// What `GET /metrics` reports.
    pub metrics: crate::metrics::Metrics,
}
