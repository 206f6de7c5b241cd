//! A field report's photos: made fit to keep (checked by content, re-encoded without any
//! metadata, upright, with a thumbnail) through `blobs::images`, kept in the blob store, and
//! downloaded only by those who may read the report, asked on every request.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use bytes::Bytes;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::entity::photo;
use crate::auth::Actor;
use crate::blobs::images::{CleanPhoto, clean_photo};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;

/// A photo checked and cleaned, ready to store.
#[derive(Debug, Clone)]
pub struct Ready {
    pub position: usize,
    pub alt: String,
    pub clean: CleanPhoto,
}

/// Cleans `bytes` on the blocking pool; a refusal names `field`.
pub async fn clean(field: &str, bytes: Vec<u8>) -> Result<CleanPhoto, FieldIssue> {
    let done = crate::web::frame::block(move || clean_photo(&bytes, super::THUMB_SIDE)).await;
    match done {
        Ok(Ok(photo)) => Ok(photo),
        Ok(Err(message)) => Err(FieldIssue::new(field, message)),
        Err(e) => {
            tracing::error!(error = %e, "image worker");
            Err(FieldIssue::new(field, "fieldreports-error-image-failed"))
        }
    }
}

/// The blob keys of photo `position` of report `id`: the photo and its thumbnail.
pub fn keys(id: Uuid, position: usize) -> (String, String) {
    (
        format!("fieldreports/{id}/{position}"),
        format!("fieldreports/{id}/{position}-thumb"),
    )
}

/// Stores the photos' bytes; on failure what was stored is deleted again.
pub async fn store(state: &AppState, id: Uuid, photos: &[Ready]) -> Result<Vec<String>, AppError> {
    let mut stored = Vec::new();
    for p in photos {
        let (key, thumb) = keys(id, p.position);
        for (k, bytes) in [(key, &p.clean.bytes), (thumb, &p.clean.thumbnail)] {
            if let Err(e) = state.blobs.put(&k, Bytes::from(bytes.clone())).await {
                delete(state, &stored).await;
                return Err(e.answer("storing a field-report photo"));
            }
            stored.push(k);
        }
    }
    Ok(stored)
}

/// Deletes blobs (a report that could not be saved).
pub async fn delete(state: &AppState, keys: &[String]) {
    for key in keys {
        if let Err(e) = state.blobs.delete(key).await {
            tracing::warn!(key, error = %e, "a field-report photo's blob is left behind");
        }
    }
}

/// The photos of the given reports, by report, in order.
pub async fn of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<photo::Model>>, AppError> {
    let mut map: std::collections::HashMap<Uuid, Vec<photo::Model>> = Default::default();
    for chunk in ids.chunks(500) {
        for row in photo::Entity::find()
            .filter(photo::Column::FieldReportId.is_in(chunk.iter().copied()))
            .order_by_asc(photo::Column::Position)
            .all(db)
            .await?
        {
            map.entry(row.field_report_id).or_default().push(row);
        }
    }
    Ok(map)
}

/// Photo `position` of report `id` (or its thumbnail) for `actor`, if they may read the
/// report; "not found" otherwise. Shown inline with its checked type, never sniffed, never
/// cached by shared caches.
pub async fn download(
    state: &AppState,
    actor: &Actor,
    id: &str,
    position: i32,
    thumbnail: bool,
) -> Result<HttpResponse, AppError> {
    let report = super::readable(state, actor, id).await?;
    let Some(row) = photo::Entity::find_by_id((report.id, position))
        .one(&state.db)
        .await?
    else {
        return Err(AppError::NotFound("fotot"));
    };
    let (key, mime) = if thumbnail {
        (&row.thumb_key, "image/jpeg")
    } else {
        (&row.blob_key, row.media_type.as_str())
    };
    let bytes = match state.blobs.get(key).await {
        Ok(bytes) => bytes,
        Err(crate::blobs::BlobError::Missing(key)) => {
            tracing::error!(key, "a field-report photo's blob is missing");
            return Err(AppError::NotFound("fotot"));
        }
        Err(e) => return Err(AppError::internal_from("reading a field-report photo", e)),
    };
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, mime))
        .insert_header(("Content-Disposition", "inline"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}
