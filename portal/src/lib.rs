//! Noden's web application: one folder per feature, a few shared kernels.
//!
//! `build_app` is the one app factory, used by `noden serve` and by the tests.

pub mod account;
pub mod addresses;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod blobs;
pub mod catalog;
pub mod categories;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod coaches;
pub mod comments;
pub mod config;
pub mod contact;
pub mod db;
pub mod dcat;
pub mod error;
pub mod federation;
pub mod feeds;
pub mod fieldreports;
pub mod followups;
pub mod freshness;
#[doc(hidden)]
pub mod fuzzing;
pub mod health;
pub mod home;
pub mod import;
pub mod indexer;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod needs;
pub mod notifications;
pub mod openapi;
pub mod organisations;
pub mod outbound;
pub mod overview;
pub mod privacy;
pub mod procurement;
pub mod reports;
pub mod revisions;
pub mod search;
pub mod state;
pub mod technologies;
pub mod telemetry;
pub mod thesaurus;
pub mod trials;
pub mod unit;
pub mod web;
pub mod workspaces;

#[cfg(test)]
mod kernel_check;

use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PayloadError, QueryPayloadError, UrlencodedError};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{App, HttpMessage, HttpServer, web as aw};
use noden_search::SearchIndex;
use tracing_actix_web::{RequestId, TracingLogger};

use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::config::Settings;
use crate::error::AppError;
use crate::indexer::Indexer;
use crate::state::AppState;
use crate::web::i18n;

/// Why the portal could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot reach the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot open the search index in {path}: {source}")]
    Index {
        path: String,
        #[source]
        source: noden_search::SearchError,
    },
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot set up mail: {0}")]
    Mail(#[from] mail::MailError),
    #[error("indexing failed: {0}")]
    Indexer(#[from] indexer::IndexerError),
    #[error("{0}")]
    Blobs(#[from] blobs::BlobError),
    #[error("cannot set up the node's federation identity: {0}")]
    Federation(String),
}

/// Where the search index lives for a given state.
pub enum IndexLocation {
    /// The index directory under the data directory (the portal, `noden reindex`).
    DataDir,
    /// A throw-away index in memory: for commands that only write the database, while a
    /// running portal keeps its own index by following `change_log`.
    Memory,
}

/// Creates the data directory if needed, connects to the database and migrates it.
pub async fn connect_and_migrate(
    settings: &Settings,
) -> Result<sea_orm::DatabaseConnection, StartError> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartError::DataDir {
        path: settings.data_dir.display().to_string(),
        source,
    })?;
    let db = db::connect(&settings.effective_database_url()).await?;
    db::migrate(&db).await?;
    Ok(db)
}

/// What each feature gives the indexer: its items as search documents.
fn search_sources() -> Vec<Arc<dyn indexer::Source>> {
    vec![
        Arc::new(reports::search::Source),
        Arc::new(needs::search::Source),
        Arc::new(trials::search::Source),
        Arc::new(technologies::search::Source),
        Arc::new(procurement::search::Source),
        Arc::new(procurement::requirements::search::Source),
        Arc::new(procurement::documents::search::Source),
        Arc::new(procurement::contract::search::Source),
        Arc::new(procurement::talk::search::Source),
        Arc::new(fieldreports::search::Source),
        Arc::new(federation::remote::Source),
    ]
}

/// The items that carry comments, for work outside a request (importing demo comments).
pub fn comment_targets_of_node() -> comments::Targets {
    comments::Targets::new(comment_targets())
}

/// What each feature tells the comments feature about the items that carry comments.
fn comment_targets() -> Vec<Arc<dyn comments::CommentTarget>> {
    vec![
        Arc::new(trials::comments::Target),
        Arc::new(needs::comments::Target),
        Arc::new(reports::comments::Target),
        Arc::new(fieldreports::comments::Target),
        Arc::new(federation::remote::CommentsOn),
    ]
}

/// What the topics users follow are, for `noden import` (the app has them as app data).
pub fn topic_sources_of_node() -> notifications::TopicSources {
    notifications::TopicSources::new(topic_sources())
}

/// What each feature tells the notifications feature about the topics users follow.
fn topic_sources() -> Vec<Arc<dyn notifications::TopicSource>> {
    vec![
        Arc::new(trials::topics::Topics),
        Arc::new(needs::topics::Topics),
        Arc::new(technologies::topics::Topics),
        Arc::new(categories::topics::Topics),
        Arc::new(organisations::topics::Topics),
        Arc::new(procurement::topics::Topics),
        Arc::new(reports::topics::Topics),
        Arc::new(coaches::topics::Source),
        Arc::new(fieldreports::topics::Topics),
        Arc::new(federation::remote::Topics),
    ]
}

/// Connects to the database, migrates it and opens the search index.
pub async fn open_state(
    settings: Settings,
    clock: Clock,
    location: IndexLocation,
) -> Result<AppState, StartError> {
    let db = connect_and_migrate(&settings).await?;
    let data_dir = match location {
        IndexLocation::DataDir => Some(settings.data_dir.clone()),
        IndexLocation::Memory => None,
    };
    let index = match location {
        IndexLocation::DataDir => {
            let dir = indexer::generations::live_dir(&settings.data_dir);
            SearchIndex::open_in_dir(&dir).map_err(|source| StartError::Index {
                path: dir.display().to_string(),
                source,
            })?
        }
        IndexLocation::Memory => {
            SearchIndex::create_in_ram().map_err(|source| StartError::Index {
                path: "(memory)".into(),
                source,
            })?
        }
    };
    let index = indexer::IndexSlot::new(Arc::new(index));
    let catalog = Catalog::default();
    catalog.reload(&db).await?;
    let indexer = Indexer::new(
        db.clone(),
        index.clone(),
        data_dir,
        catalog.clone(),
        search_sources(),
    );
    let jobs = jobs::Jobs::new(
        Duration::from_millis(settings.jobs_poll_ms.max(50)),
        settings.jobs_concurrency.min(db::writers_at_once(&db)),
    );
    mail::register(&jobs);
    followups::register_jobs(&jobs);
    freshness::register_jobs(&jobs);
    procurement::register_jobs(&jobs);
    notifications::digest::register_jobs(&jobs);
    federation::pull::register_jobs(&jobs, &settings);
    federation::reconcile::register_jobs(&jobs);
    let metrics = metrics::Metrics::new();
    federation::peers::register_metrics(&metrics);
    let courier = mail::Courier::new(&settings, jobs.waker())?;
    let limits = Arc::new(auth::limits::Limits::new(&settings));
    let blobs = blobs::Blobs::open(&settings)?;
    Ok(AppState {
        blobs,
        courier,
        jobs,
        limits,
        providers: auth::oidc::Providers::default(),
        outbound: outbound::Outbound::new(settings.outbound_allow_loopback),
        federation_outbound: outbound::Outbound::new(settings.federation_allow_http_loopback)
            .pacing_itself(),
        memo: web::memo::Memo::default(),
        metrics,
        settings: Arc::new(settings),
        db,
        index,
        indexer,
        catalog,
        clock,
    })
}

/// How `noden reindex` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reindexed {
    /// No portal held the index: the rebuilt one is live now.
    Swapped,
    /// A running portal switched to the rebuilt index.
    TakenOver,
    /// A running portal has not switched yet; it will on its next pass or start.
    Offered,
}

/// `noden reindex`: builds a new index from the database beside the live one (with
/// `progress(done, total)`), then makes it live. When a portal is running it keeps serving
/// from the old index until it switches, which it does on its next indexing pass; this waits
/// for that up to `wait`.
pub async fn reindex(
    settings: Settings,
    mut progress: impl FnMut(u64, u64),
    wait: Duration,
) -> Result<(u64, Reindexed), StartError> {
    let db = connect_and_migrate(&settings).await?;
    let data_dir = settings.data_dir.clone();
    let dir = indexer::generations::new_dir(&data_dir);
    let index = SearchIndex::open_in_dir(&dir).map_err(|source| StartError::Index {
        path: dir.display().to_string(),
        source,
    })?;
    let catalog = Catalog::default();
    catalog.reload(&db).await?;
    let builder = Indexer::new(
        db,
        indexer::IndexSlot::new(Arc::new(index)),
        None,
        catalog,
        search_sources(),
    );
    let total = builder.rebuild(&mut progress).await?;
    // Release the new index's writer before anyone else opens it.
    drop(builder);
    let switch_failed = |source: std::io::Error| StartError::DataDir {
        path: data_dir.display().to_string(),
        source,
    };
    let live = indexer::generations::live_dir(&data_dir);
    if !SearchIndex::in_use(&live) {
        let previous = indexer::generations::promote(&data_dir, &dir).map_err(switch_failed)?;
        if previous != dir && previous.exists() {
            indexer::generations::remove_old(&previous);
        }
        return Ok((total, Reindexed::Swapped));
    }
    indexer::generations::offer(&data_dir, &dir).map_err(switch_failed)?;
    let deadline = std::time::Instant::now() + wait;
    while std::time::Instant::now() < deadline {
        if indexer::generations::live_dir(&data_dir) == dir {
            return Ok((total, Reindexed::TakenOver));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok((total, Reindexed::Offered))
}

/// Loads the content folder into an empty database (first start).
pub async fn load_content_if_empty(
    state: &AppState,
) -> Result<Option<import::Summary>, StartError> {
    use sea_orm::{EntityTrait, PaginatorTrait};
    if !state.settings.load_content_on_first_start || !state.settings.content_dir.is_dir() {
        return Ok(None);
    }
    let organisations = organisations::entity::Entity::find()
        .count(&state.db)
        .await?;
    if organisations > 0 || reports::count(&state.db).await? > 0 {
        return Ok(None);
    }
    let dir = state.settings.content_dir.clone();
    tracing::info!(dir = %dir.display(), "empty database: loading content");
    let summary = import::import_paths(state, &[dir], |_, _| {}).await;
    for (path, reason) in &summary.failed {
        tracing::warn!(path = %path.display(), reason, "content file not loaded");
    }
    tracing::info!("{}", summary.line());
    Ok(Some(summary))
}

fn json_error(err: JsonPayloadError) -> AppError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            AppError::TooLarge("api-error-json-too-large".to_owned())
        }
        JsonPayloadError::ContentType => {
            AppError::BadRequest("api-error-json-content-type".to_owned())
        }
        JsonPayloadError::Deserialize(e) => AppError::BadRequest(i18n::t_with(
            "api-error-json-invalid",
            "reason",
            &e.to_string(),
        )),
        other => AppError::BadRequest(i18n::t_with(
            "api-error-unreadable",
            "reason",
            &other.to_string(),
        )),
    }
}

/// A form post that cannot be read: 413 only when it really is over the limit.
fn form_error(err: UrlencodedError) -> AppError {
    match err {
        UrlencodedError::Overflow { .. } | UrlencodedError::Payload(PayloadError::Overflow) => {
            AppError::TooLarge("web-error-form-too-large".to_owned())
        }
        _ => AppError::BadRequest("web-error-form-unreadable".to_owned()),
    }
}

/// Query parameters that cannot be read into their types (e.g. letters where a number goes).
fn query_error(err: QueryPayloadError) -> AppError {
    match err {
        QueryPayloadError::Deserialize(e) => {
            AppError::BadRequest(i18n::t_with("web-error-query", "reason", &e.to_string()))
        }
        other => AppError::BadRequest(i18n::t_with(
            "web-error-query",
            "reason",
            &other.to_string(),
        )),
    }
}

/// The one app factory.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let metrics = state.metrics.clone();
    App::new()
        .app_data(aw::Data::new(state))
        .app_data(aw::Data::new(comments::Targets::new(comment_targets())))
        .app_data(aw::Data::new(topic_sources_of_node()))
        .app_data(
            aw::JsonConfig::default()
                .limit(256 * 1024)
                .error_handler(|e, _| json_error(e).into()),
        )
        // Forms are read as bytes (repeated fields); Markdown bodies are limited separately.
        .app_data(aw::PayloadConfig::new(512 * 1024))
        .app_data(
            aw::FormConfig::default()
                .limit(64 * 1024)
                .error_handler(|e, _| form_error(e).into()),
        )
        .app_data(aw::QueryConfig::default().error_handler(|e, _| query_error(e).into()))
        .app_data(
            aw::PathConfig::default()
                .error_handler(|_, _| AppError::NotFound("sidan du söker").into()),
        )
        .configure(web::configure)
        .configure(home::configure)
        .configure(contact::configure)
        .configure(search::routes::configure)
        .configure(feeds::routes::configure)
        .configure(dcat::routes::configure)
        .configure(reports::forms::configure)
        .configure(reports::routes::configure)
        .configure(reports::attachments::configure)
        .configure(needs::routes::configure)
        .configure(needs::attachments::configure)
        .configure(fieldreports::routes::configure)
        .configure(trials::routes::configure)
        .configure(trials::attachments::configure)
        .configure(technologies::routes::configure)
        .configure(followups::routes::configure)
        .configure(procurement::routes::configure)
        .configure(procurement::requirements::routes::configure)
        .configure(procurement::documents::routes::configure)
        .configure(procurement::contract::routes::configure)
        .configure(procurement::talk::routes::configure)
        .configure(overview::routes::configure)
        .configure(coaches::routes::configure)
        .configure(comments::routes::configure)
        .configure(auth::routes::configure)
        .configure(account::routes::configure)
        .configure(notifications::unsubscribe::configure)
        .configure(freshness::confirm::configure)
        .configure(freshness::routes::configure)
        .configure(freshness::hand_over::configure)
        .configure(notifications::routes::configure)
        .configure(notifications::api::configure)
        .configure(auth::admin::configure)
        .configure(audit::routes::configure)
        .configure(federation::routes::configure)
        .configure(jobs::routes::configure)
        .configure(workspaces::routes::configure)
        .configure(thesaurus::routes::configure)
        .configure(categories::routes::configure)
        .configure(organisations::routes::configure)
        .configure(openapi::configure)
        .configure(health::configure)
        .configure(metrics::configure)
        .default_service(aw::to(web::errors::not_found))
        .wrap(web::errors::html_error_pages())
        .wrap(actix_web::middleware::from_fn(addresses::redirect_moved))
        // The page frame (who is signed in, a form's confirmation) around pages and their errors.
        .wrap(actix_web::middleware::from_fn(account::frame))
        .wrap_fn(|req, srv| {
            // Abuse limit on every write, pages and API alike.
            let limited = if matches!(req.method().as_str(), "GET" | "HEAD" | "OPTIONS") {
                Ok(())
            } else {
                req.app_data::<aw::Data<AppState>>()
                    .map_or(Ok(()), |state| {
                        state
                            .limits
                            .write_from(audit::client_of(req.request()).as_deref())
                    })
            };
            let response = limited.map(|()| srv.call(req));
            async move {
                match response {
                    Ok(response) => response.await,
                    Err(e) => Err(e.into()),
                }
            }
        })
        .wrap(web::security_headers(&settings))
        .wrap_fn(|req, srv| {
            // What a signed-in user or a token sees may be non-public: no shared or browser
            // cache keeps it.
            let signed_in = req.cookie(auth::session::COOKIE).is_some()
                || req
                    .headers()
                    .contains_key(actix_web::http::header::AUTHORIZATION);
            let response = srv.call(req);
            async move {
                let mut response = response.await?;
                let headers = response.headers_mut();
                if signed_in && !headers.contains_key(actix_web::http::header::CACHE_CONTROL) {
                    headers.insert(
                        actix_web::http::header::CACHE_CONTROL,
                        HeaderValue::from_static("no-store"),
                    );
                }
                Ok(response)
            }
        })
        .wrap_fn(|req, srv| {
            let id = req.extensions().get::<RequestId>().map(|id| id.to_string());
            let response = srv.call(req);
            async move {
                let mut response = response.await?;
                if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                    response
                        .headers_mut()
                        .insert(HeaderName::from_static("x-request-id"), value);
                }
                Ok(response)
            }
        })
        .wrap(TracingLogger::default())
        .wrap_fn(metrics::middleware(metrics))
}

/// A running server: its address, and a handle to stop it.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub handle: actix_web::dev::ServerHandle,
    pub server: actix_web::dev::Server,
}

/// Binds the HTTP server and starts the indexer. The server runs when `server` is awaited.
pub fn start(state: AppState) -> Result<Running, StartError> {
    let bind = state.settings.bind.clone();
    state
        .indexer
        .spawn(Duration::from_millis(state.settings.index_poll_ms.max(50)));
    if state.settings.run_jobs {
        state.jobs.start(state.clone());
    }
    state.indexer.wake();
    let server = HttpServer::new(move || build_app(state.clone()))
        .disable_signals()
        .shutdown_timeout(20)
        .bind(&bind)
        .map_err(|source| StartError::Bind {
            bind: bind.clone(),
            source,
        })?;
    let addr = server
        .addrs()
        .first()
        .copied()
        .ok_or_else(|| StartError::Bind {
            bind: bind.clone(),
            source: std::io::Error::other("no address"),
        })?;
    let server = server.run();
    Ok(Running {
        addr,
        handle: server.handle(),
        server,
    })
}

/// `noden serve`: start everything and run until SIGTERM or Ctrl-C, then stop gracefully.
pub async fn serve(settings: Settings) -> Result<(), StartError> {
    let state = open_state(settings, Clock::System, IndexLocation::DataDir).await?;
    load_content_if_empty(&state).await?;
    federation::ensure_identity(&state)
        .await
        .map_err(|e| StartError::Federation(e.to_string()))?;
    let jobs = state.jobs.clone();
    let running = start(state)?;
    tracing::info!("Noden is listening on http://{}", running.addr);
    let handle = running.handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        handle.stop(true).await;
    });
    let served = running.server.await.map_err(|source| StartError::Bind {
        bind: running.addr.to_string(),
        source,
    });
    tracing::info!("shutting down: letting running jobs finish");
    jobs.shutdown(Duration::from_secs(20)).await;
    served
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
