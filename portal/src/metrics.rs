//! `GET /metrics`: the portal's figures in the Prometheus text format, for the region's
//! monitoring. Requests and searches are counted as they happen; what lives in the database
//! (jobs, the mail outbox, how far the index and the pulls from peer nodes are behind) is read
//! when the metrics are asked for, so a scrape shows the whole deployment as this instance
//! sees it. Features add figures of their own with [`Metrics::register`] and
//! [`Metrics::on_scrape`]; the list of names is in docs/operations.md.
//!
//! Only addresses in `metrics_allow` (this machine by default) may read it, or a caller with
//! the bearer token `NODEN_METRICS_TOKEN`.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Metric, Registry};
use sea_orm::{DatabaseConnection, DbBackend, DbErr};
use secrecy::ExposeSecret;

use crate::error::AppError;
use crate::indexer::BoxFuture;
use crate::state::AppState;
use crate::web::api_resource;

/// A gauge holding a fraction, like an age in seconds.
pub type FloatGauge = Gauge<f64, AtomicU64>;

/// What a feature reads from the database when the metrics are asked for, setting the gauges
/// it registered.
pub trait Sampler: Send + Sync {
    fn sample<'a>(
        &'a self,
        db: &'a DatabaseConnection,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), DbErr>>;
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    kind: String,
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: String,
}

/// Seconds, from half a millisecond to about 16 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

/// The portal's metrics. Cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Mutex<Registry>,
    samplers: Mutex<Vec<Arc<dyn Sampler>>>,
    requests: Family<RequestLabels, Counter>,
    request_seconds: Family<RouteLabels, Histogram, fn() -> Histogram>,
    search_seconds: Histogram,
    index_documents: Gauge,
    index_lag: Gauge,
    jobs: Family<JobLabels, Gauge>,
    outbox_waiting: Gauge,
    outbox_oldest_seconds: FloatGauge,
    db_connections: Family<PoolLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let inner = Inner {
            registry: Mutex::new(Registry::with_prefix("noden")),
            samplers: Mutex::new(Vec::new()),
            requests: Family::default(),
            request_seconds: Family::new_with_constructor(latency_histogram),
            search_seconds: latency_histogram(),
            index_documents: Gauge::default(),
            index_lag: Gauge::default(),
            jobs: Family::default(),
            outbox_waiting: Gauge::default(),
            outbox_oldest_seconds: FloatGauge::default(),
            db_connections: Family::default(),
        };
        let metrics = Metrics {
            inner: Arc::new(inner),
        };
        let i = &metrics.inner;
        metrics.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            i.requests.clone(),
        );
        metrics.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route pattern",
            i.request_seconds.clone(),
        );
        metrics.register(
            "search_duration_seconds",
            "Time the search index took to answer a search",
            i.search_seconds.clone(),
        );
        metrics.register(
            "index_documents",
            "Documents in this instance's search index",
            i.index_documents.clone(),
        );
        metrics.register(
            "index_lag_positions",
            "Change-log positions the search index is behind the database",
            i.index_lag.clone(),
        );
        metrics.register(
            "jobs",
            "Jobs queued, running or failed, by kind and state",
            i.jobs.clone(),
        );
        metrics.register(
            "mail_outbox_waiting",
            "Messages in the outbox not delivered yet (failed ones not counted)",
            i.outbox_waiting.clone(),
        );
        metrics.register(
            "mail_outbox_oldest_age_seconds",
            "Age of the oldest message waiting in the outbox (0 when none waits)",
            i.outbox_oldest_seconds.clone(),
        );
        metrics.register(
            "db_connections",
            "Connections in the database pool, by state (in_use, idle)",
            i.db_connections.clone(),
        );
        metrics
    }

    /// Adds a metric under `noden_<name>`.
    pub fn register(&self, name: &str, help: &str, metric: impl Metric) {
        self.inner
            .registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .register(name, help, metric);
    }

    /// Runs `sampler` whenever the metrics are asked for.
    pub fn on_scrape(&self, sampler: Arc<dyn Sampler>) {
        self.inner
            .samplers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sampler);
    }

    /// Counts one answered request.
    fn record(&self, method: &str, route: &str, status: u16, took: Duration) {
        self.inner
            .requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.inner
            .request_seconds
            .get_or_create(&RouteLabels {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(took.as_secs_f64());
    }

    /// Counts one search the index answered.
    pub fn searched(&self, took: Duration) {
        self.inner.search_seconds.observe(took.as_secs_f64());
    }

    /// Reads what lives in the database and the index, then writes every metric out.
    async fn scrape(&self, state: &AppState) -> Result<String, AppError> {
        let i = &self.inner;
        let index = state.index.current();
        let documents = tokio::task::spawn_blocking(move || index.num_docs())
            .await
            .map_err(|e| AppError::internal_from("counting the index", e))?;
        i.index_documents
            .set(i64::try_from(documents).unwrap_or(i64::MAX));
        let lag = state
            .indexer
            .lag()
            .await
            .map_err(|e| AppError::internal_from("index lag", e))?;
        i.index_lag.set(lag);
        i.jobs.clear();
        let done = crate::jobs::JobState::Done.as_str();
        for (kind, job_state, count) in crate::jobs::counts_by_kind(&state.db).await? {
            if job_state == done {
                continue;
            }
            i.jobs
                .get_or_create(&JobLabels {
                    kind,
                    state: job_state,
                })
                .set(i64::try_from(count).unwrap_or(i64::MAX));
        }
        let now = state.clock.now();
        let (waiting, oldest) = crate::mail::outbox_waiting(&state.db).await?;
        i.outbox_waiting
            .set(i64::try_from(waiting).unwrap_or(i64::MAX));
        i.outbox_oldest_seconds.set(oldest.map_or(0.0, |created| {
            (now - created).num_milliseconds().max(0) as f64 / 1000.0
        }));
        let (size, idle) = pool_use(&state.db);
        for (pool_state, n) in [("in_use", size.saturating_sub(idle)), ("idle", idle)] {
            i.db_connections
                .get_or_create(&PoolLabels {
                    state: pool_state.to_owned(),
                })
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        }
        let samplers = i
            .samplers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        for sampler in samplers {
            sampler.sample(&state.db, now).await?;
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(
            &mut text,
            &i.registry.lock().unwrap_or_else(PoisonError::into_inner),
        )
        .map_err(|e| AppError::internal_from("writing the metrics", e))?;
        Ok(text)
    }
}

/// Connections of the database pool: all of them, and those idle.
fn pool_use(db: &DatabaseConnection) -> (usize, usize) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size() as usize, pool.num_idle())
        }
        _ => (0, 0),
    }
}

/// Middleware counting every answer by its route pattern (`/api/v1/reports/{id}`, never the
/// address itself) and method, so the number of series stays bounded whatever clients send.
pub fn middleware<S, B>(
    metrics: Metrics,
) -> impl Fn(
    ServiceRequest,
    &S,
) -> futures_util::future::LocalBoxFuture<
    'static,
    Result<ServiceResponse<B>, actix_web::Error>,
> + Clone
+ 'static
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: 'static,
{
    move |req, srv| {
        let started = Instant::now();
        // Methods outside the standard ones are one series, so clients cannot make new ones.
        let method = match *req.method() {
            Method::GET
            | Method::HEAD
            | Method::POST
            | Method::PUT
            | Method::PATCH
            | Method::DELETE
            | Method::OPTIONS => req.method().as_str().to_owned(),
            _ => "other".to_owned(),
        };
        let metrics = metrics.clone();
        let response = srv.call(req);
        Box::pin(async move {
            let response = response.await?;
            let route = response
                .request()
                .match_pattern()
                .unwrap_or_else(|| "unmatched".to_owned());
            metrics.record(
                &method,
                &route,
                response.status().as_u16(),
                started.elapsed(),
            );
            Ok(response)
        })
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!("/metrics", get => metrics));
}

/// The portal's metrics in the Prometheus text format.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    responses(
        (status = 200, description = "Mätvärden i Prometheus textformat.", content_type = "text/plain", body = String),
        (status = 403, response = crate::openapi::Forbidden),
    ),
    security((), ("bearer" = [])),
)]
pub async fn metrics(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    if !may_read(&state, &req) {
        return Err(AppError::Forbidden(
            "Mätvärdena läses från en tillåten adress (metrics_allow) eller med nyckeln i \
             NODEN_METRICS_TOKEN som Authorization: Bearer."
                .to_owned(),
        ));
    }
    let text = state.metrics.scrape(&state).await?;
    Ok(HttpResponse::Ok()
        .content_type(prometheus_client::encoding::prometheus_text::CONTENT_TYPE)
        .body(text))
}

/// Whether the caller's address is allowed, or it shows the metrics token.
fn may_read(state: &AppState, req: &HttpRequest) -> bool {
    let settings = &state.settings;
    // Behind a proxy on this machine the peer is loopback for everyone: the client counts.
    if let Some(client) = crate::audit::client_ip(req)
        && settings
            .metrics_allow
            .iter()
            .any(|net| net.contains(&client))
    {
        return true;
    }
    let Some(token) = &settings.metrics_token else {
        return false;
    };
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|value| value.as_bytes().strip_prefix(b"Bearer "))
        .is_some_and(|given| {
            constant_time_eq::constant_time_eq(given.trim_ascii(), token.expose_secret().as_bytes())
        })
}
