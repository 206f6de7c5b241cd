//! `GET /dcat/catalog.rdf`: the open-data catalogue. Nobody signs in for it and it is the same
//! for everyone, so it may be cached for a few minutes.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!(super::PATH, get => catalogue));
}

/// The node's open data as a DCAT-AP-SE catalogue in RDF/XML, for Sweden's data portal
/// (dataportal.se) to harvest: the overview's CSV exports and the public reports, each a
/// dataset with its distributions. It describes public data only.
#[utoipa::path(
    get,
    path = "/dcat/catalog.rdf",
    tag = "open data",
    security(()),
    responses(
        (
            status = 200,
            description = "The catalogue (DCAT-AP-SE, RDF/XML).",
            body = String,
            content_type = "application/rdf+xml",
            headers(("Cache-Control" = String, description = "`public, max-age=300`"))
        ),
    )
)]
pub async fn catalogue(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let body = super::render(&state).await?;
    Ok(HttpResponse::Ok()
        .content_type(super::CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, super::CACHE_CONTROL))
        .body(body))
}
