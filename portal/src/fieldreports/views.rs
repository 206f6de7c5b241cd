//! Field reports as pages and the API show them.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use super::entity::{self, photo, promotion};
use crate::auth::Actor;
use crate::catalog::{CategoryRef, OrganisationRef};
use crate::error::AppError;
use crate::state::AppState;

/// A linked item as (title, page).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// One photo of a report, with where its bytes are fetched.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PhotoView {
    /// 1-based.
    pub position: i32,
    pub alt: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    pub width: i32,
    pub height: i32,
    /// The photo on the page.
    pub url: String,
    pub thumbnail_url: String,
    /// The photo through the API.
    pub api_url: String,
    pub api_thumbnail_url: String,
}

/// A field report with its names resolved.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldReportView {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    pub text_markdown: String,
    pub text_html: String,
    pub visibility: String,
    /// The author's name.
    pub author: String,
    pub organisation: Option<OrganisationRef>,
    pub trial: Option<LinkView>,
    pub technology: Option<LinkView>,
    pub need: Option<LinkView>,
    pub category: Option<CategoryRef>,
    pub photos: Vec<PhotoView>,
    /// What the report was promoted into (journal entries, needs).
    pub became: Vec<LinkView>,
    pub created_at: DateTime<Utc>,
}

impl FieldReportView {
    /// The creation time as Stockholm reads it ("2026-12-04 14:05").
    pub fn created_label(&self) -> String {
        self.created_at
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// The views of `reports` (already checked readable by `actor`); links to items `actor` may
/// not open are left out.
pub async fn views(
    state: &AppState,
    actor: &Actor,
    reports: Vec<entity::Model>,
) -> Result<Vec<FieldReportView>, AppError> {
    let ids: Vec<Uuid> = reports.iter().map(|r| r.id).collect();
    let mut photos = super::photos::of(&state.db, &ids).await?;
    let authors: Vec<Uuid> = reports.iter().map(|r| r.author_id).collect();
    let names = names_of(state, &authors).await?;
    let catalog = state.catalog.get();
    let mut out = Vec::with_capacity(reports.len());
    for r in reports {
        let trial = match r.trial_id {
            Some(t) => crate::trials::readable_by_slug(state, actor, &t.to_string())
                .await
                .ok()
                .map(|t| LinkView {
                    title: t.title.clone(),
                    url: crate::trials::url(&t),
                }),
            None => None,
        };
        let need = match r.need_id {
            Some(n) => crate::needs::readable(state, actor, &n.to_string())
                .await
                .ok()
                .map(|n| LinkView {
                    title: n.title.clone(),
                    url: crate::needs::url(&n),
                }),
            None => None,
        };
        let technology = match r.technology_id {
            Some(t) => crate::technologies::find(state, &t.to_string())
                .await
                .ok()
                .map(|t| LinkView {
                    title: t.name.clone(),
                    url: crate::technologies::url(&t),
                }),
            None => None,
        };
        let became = promotion::Entity::find()
            .filter(promotion::Column::FieldReportId.eq(r.id))
            .order_by_asc(promotion::Column::CreatedAt)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| LinkView {
                title: p.title,
                url: p.path,
            })
            .collect();
        let photos = photos
            .remove(&r.id)
            .unwrap_or_default()
            .into_iter()
            .map(|p: photo::Model| photo_view(r.id, p))
            .collect();
        out.push(FieldReportView {
            id: r.id,
            url: super::url_of(r.id),
            title: super::title_of(&r.text_md),
            author: names.get(&r.author_id).cloned().unwrap_or_default(),
            organisation: catalog
                .organisation_by_id(r.organisation_id)
                .map(OrganisationRef::from),
            category: r
                .category_id
                .and_then(|c| catalog.category_by_id(c))
                .map(CategoryRef::from),
            trial,
            technology,
            need,
            photos,
            became,
            text_markdown: r.text_md,
            text_html: r.text_html,
            visibility: r.visibility,
            created_at: r.created_at,
        });
    }
    Ok(out)
}

fn photo_view(id: Uuid, p: photo::Model) -> PhotoView {
    let page = format!("{}/foton/{}", super::url_of(id), p.position);
    let api = format!("/api/v1/field-reports/{id}/photos/{}", p.position);
    PhotoView {
        position: p.position,
        alt: p.alt,
        media_type: p.media_type,
        width: p.width,
        height: p.height,
        thumbnail_url: format!("{page}/tumnagel"),
        url: page,
        api_thumbnail_url: format!("{api}/thumbnail"),
        api_url: api,
    }
}

/// One report `actor` may read.
pub async fn show(state: &AppState, actor: &Actor, id: &str) -> Result<FieldReportView, AppError> {
    let report = super::readable(state, actor, id).await?.into_inner();
    let mut v = views(state, actor, vec![report]).await?;
    v.pop().ok_or(AppError::NotFound("fältrapporten"))
}

/// The names of users `ids`.
async fn names_of(
    state: &AppState,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, AppError> {
    use crate::auth::entity::user;
    let mut names = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        for u in user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.iter().copied()))
            .all(&state.db)
            .await?
        {
            names.insert(u.id, u.name);
        }
    }
    Ok(names)
}
