//! `GET /healthz` (the process answers) and `GET /readyz` (database and index are usable, and
//! the index has caught up with the database).

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Ready when the database answers, the index can be read and the index has caught up with
/// the change log since the process started; the answer says how many documents the index
/// holds and how many change-log positions it is behind (`index_lag`). Until it has caught
/// up, 503 with the same fields, so a load balancer sends no searches to an index that would
/// find less than the database holds.
async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !crate::db::ping(&state.db).await {
        return Err(AppError::Unavailable("database".to_owned()));
    }
    let caught_up = state.indexer.has_caught_up();
    let lag = state
        .indexer
        .lag()
        .await
        .map_err(|e| AppError::Unavailable(format!("index: {e}")))?;
    let index = state.index.current();
    let documents = tokio::task::spawn_blocking(move || index.num_docs())
        .await
        .map_err(|_| AppError::Unavailable("index".to_owned()))?;
    if caught_up {
        return Ok(HttpResponse::Ok().json(json!({
            "status": "ready",
            "documents": documents,
            "index_lag": lag,
        })));
    }
    Ok(HttpResponse::ServiceUnavailable()
        .insert_header(("Retry-After", "5"))
        .json(json!({
            "status": "indexing",
            "documents": documents,
            "index_lag": lag,
            "detail": crate::web::i18n::t("health-error-indexing"),
        })))
}
