//! Category pages and `GET /api/v1/categories`.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use serde::Serialize;

use super::proximity_label;
use crate::auth::Actor;
use crate::error::AppError;
use crate::search::routes::HitView;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kategorier/{slug}", web::get().to(category_page))
        .service(api_resource!("/api/v1/categories", get => list));
}

/// A category in the API's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryItem {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// brukarnara (user-near) or processnara (process-near).
    pub proximity: String,
    pub url: String,
}

/// The welfare-technology taxonomy.
#[utoipa::path(get, path = "/api/v1/categories", tag = "reference", responses((status = 200, body = Vec<CategoryItem>)))]
pub async fn list(state: web::Data<AppState>) -> web::Json<Vec<CategoryItem>> {
    web::Json(
        state
            .catalog
            .get()
            .categories
            .iter()
            .map(|c| CategoryItem {
                slug: c.slug.clone(),
                name: c.name.clone(),
                description: c.description.clone(),
                proximity: c.proximity.clone(),
                url: format!("/kategorier/{}", c.slug),
            })
            .collect(),
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "categories/show.html")]
pub struct CategoryPage {
    pub name: String,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub description: String,
    pub proximity: String,
    pub total: usize,
    pub reports: Vec<HitView>,
    pub search_url: String,
    /// The category's Atom feed.
    pub feed_url: String,
    /// The words people use for it, from the thesaurus concept that stands for the category
    /// (and its narrower concepts), each with a search for it.
    pub words: Vec<(String, String)>,
}

async fn category_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
) -> Result<CategoryPage, AppError> {
    let catalog = state.catalog.get();
    let category = catalog
        .category_by_slug(&slug)
        .ok_or(AppError::NotFound("kategorin"))?;
    let follow = crate::notifications::routes::button(
        &state,
        &actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::Category, category.id),
        &category.name,
        &format!("/kategorier/{}", category.slug),
    )
    .await?;
    let (total, reports, _) = crate::search::browse(&state, actor, 20, |q| {
        q.category = vec![category.slug.clone()]
    })
    .await?;
    let concept = catalog
        .concepts
        .iter()
        .find(|c| c.category.as_deref() == Some(category.slug.as_str()));
    let words = concept
        .map(|c| {
            let narrower = catalog
                .concepts
                .iter()
                .filter(|n| n.broader.as_deref() == Some(c.slug.as_str()))
                .map(|n| n.label.clone());
            c.labels()
                .into_iter()
                .chain(narrower)
                .filter(|w| !w.eq_ignore_ascii_case(&category.name))
                .map(|w| {
                    let url = crate::search::routes::text_search_url(&w);
                    (w, url)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CategoryPage {
        words,
        follow,
        name: category.name.clone(),
        description: category.description.clone(),
        proximity: proximity_label(&category.proximity),
        total,
        reports,
        search_url: format!("/sok?category={}", category.slug),
        feed_url: crate::feeds::category_path(&category.slug),
    })
}
