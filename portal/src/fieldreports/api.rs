//! `/api/v1/field-reports`: post a field report with photos as `multipart/form-data`, list and
//! read reports, fetch their photos and thumbnails.

use actix_web::{HttpResponse, web};

use super::{FieldReportFilter, FieldReportList, FieldReportView};
use crate::audit::By;
use crate::auth::{Actor, Identity};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!("/api/v1/field-reports", get => list, post => create))
        .service(api_resource!("/api/v1/field-reports/{id}", get => get))
        .service(api_resource!("/api/v1/field-reports/{id}/photos/{n}", get => photo))
        .service(api_resource!(
            "/api/v1/field-reports/{id}/photos/{n}/thumbnail",
            get => thumbnail
        ));
}

/// A field report as `multipart/form-data`. Photos come as repeated `photo` parts (at most 6,
/// each at most `photo_max_bytes`, 15 MiB by default); the n-th photo (from 1) needs its alt
/// text in `alt_<n>`. A photo's type is told by its content: JPEG, PNG or WebP (WebP is kept
/// as JPEG, or PNG when transparent); HEIC is refused with advice. Every photo is encoded anew
/// without EXIF, GPS or maker data and turned upright. A wrong type or a missing alt text is
/// refused with 422 naming the field (`photo_2`, `alt_2`); an oversized photo with 413.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct FieldReportUpload {
    /// Markdown, at most 4 000 characters.
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
    /// public, network or organisation (default network).
    #[schema(schema_with = crate::openapi::shared_visibility)]
    pub visibility: Option<String>,
    /// Trial slug or UUID. At least one of trial, technology, need and category is required.
    pub trial: Option<String>,
    /// Technology slug or UUID (a catalogue entry).
    pub technology: Option<String>,
    /// Need slug or UUID.
    pub need: Option<String>,
    /// Category slug or name.
    pub category: Option<String>,
    /// A UUID the client makes once per report: sending the same key again answers with the
    /// report it made (200) instead of making another.
    #[schema(format = Uuid)]
    pub key: Option<String>,
    /// The photos, in order.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub photo: Vec<Vec<u8>>,
    /// Alt text of the first photo (1 to 300 characters); `alt_2` … `alt_6` likewise.
    #[schema(max_length = 300)]
    pub alt_1: Option<String>,
    #[schema(max_length = 300)]
    pub alt_2: Option<String>,
    #[schema(max_length = 300)]
    pub alt_3: Option<String>,
    #[schema(max_length = 300)]
    pub alt_4: Option<String>,
    #[schema(max_length = 300)]
    pub alt_5: Option<String>,
    #[schema(max_length = 300)]
    pub alt_6: Option<String>,
}

/// Field reports, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/field-reports",
    tag = "field-reports",
    params(FieldReportFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = FieldReportList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<FieldReportFilter>,
) -> Result<web::Json<FieldReportList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Posts a field report (coaches, coordinators and node staff). Requires a bearer token with
/// the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/field-reports",
    tag = "field-reports",
    request_body(content = FieldReportUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = FieldReportView, description = "Made"),
        (status = 200, body = FieldReportView, description = "Made before with the same key"),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    crate::blobs::pages::api_writer(&identity, true)?;
    let sent = super::submission::read(payload, state.settings.photo_max_bytes).await?;
    let (report, made) = super::create(&state, &by, sent).await?;
    let view = super::show(&state, &by.actor, &report.id.to_string()).await?;
    let mut response = if made {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response
        .insert_header(("Location", format!("/api/v1/field-reports/{}", view.id)))
        .json(view))
}

/// One field report, with its photos' and thumbnails' addresses.
#[utoipa::path(
    get,
    path = "/api/v1/field-reports/{id}",
    tag = "field-reports",
    params(("id" = String, Path, description = "The field report's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = FieldReportView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<FieldReportView>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?))
}

/// Photo `n` (from 1) of a field report: JPEG or PNG without metadata, never cached.
#[utoipa::path(
    get,
    path = "/api/v1/field-reports/{id}/photos/{n}",
    tag = "field-reports",
    params(
        ("id" = String, Path, description = "The field report's UUID"),
        ("n" = i32, Path, description = "The photo's place, from 1", minimum = 1, maximum = 6),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The photo (image/jpeg or image/png)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn photo(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (id, n) = path.into_inner();
    super::photos::download(&state, &actor, &id, n, false).await
}

/// The thumbnail of photo `n`: a JPEG at most 400 pixels on its long side.
#[utoipa::path(
    get,
    path = "/api/v1/field-reports/{id}/photos/{n}/thumbnail",
    tag = "field-reports",
    params(
        ("id" = String, Path, description = "The field report's UUID"),
        ("n" = i32, Path, description = "The photo's place, from 1", minimum = 1, maximum = 6),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The thumbnail (image/jpeg)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn thumbnail(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (id, n) = path.into_inner();
    super::photos::download(&state, &actor, &id, n, true).await
}
