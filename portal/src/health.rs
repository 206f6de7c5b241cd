//! `GET /healthz` (the process answers) and `GET /readyz` (database and index are usable).

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

async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !crate::db::ping(&state.db).await {
        return Err(AppError::Unavailable("database".to_owned()));
    }
    let index = state.index.current();
    let documents = tokio::task::spawn_blocking(move || index.num_docs())
        .await
        .map_err(|_| AppError::Unavailable("index".to_owned()))?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ready", "documents": documents })))
}
