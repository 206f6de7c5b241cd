//! The feeds' addresses: `/kategorier/{slug}/flode.atom`, `/organisationer/{slug}/flode.atom`,
//! `/teknik/{slug}/flode.atom` and `/sok/flode.atom?…` (the search page's parameters).
//!
//! No handler here looks at who asks: a feed is the same for a visitor and for a signed-in
//! member, and holds public items only.

use actix_web::{HttpRequest, HttpResponse, web};

use super::{About, CONTENT_TYPE};
use crate::auth::Actor;
use crate::error::AppError;
use crate::search::SearchParams;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kategorier/{slug}/flode.atom", web::get().to(category))
        .route(
            "/organisationer/{slug}/flode.atom",
            web::get().to(organisation),
        )
        .route("/teknik/{slug}/flode.atom", web::get().to(technology))
        .route("/sok/flode.atom", web::get().to(search));
}

fn atom(body: String) -> HttpResponse {
    HttpResponse::Ok().content_type(CONTENT_TYPE).body(body)
}

async fn category(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.catalog.get();
    let category = catalog
        .category_by_slug(&slug)
        .ok_or(AppError::NotFound("kategorin"))?;
    let about = About {
        title: crate::web::i18n::t_with("feeds-title-category", "name", &category.name),
        path: super::category_path(&category.slug),
        page: format!("/kategorier/{}", category.slug),
    };
    let query = noden_search::Query {
        category: vec![category.slug.clone()],
        ..Default::default()
    };
    Ok(atom(super::render(&state, about, query).await?))
}

async fn organisation(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.catalog.get();
    let org = catalog
        .organisation_by_slug(&slug)
        .ok_or(AppError::NotFound("organisationen"))?;
    let about = About {
        title: crate::web::i18n::t_with("feeds-title-organisation", "name", &org.name),
        path: super::organisation_path(&org.slug),
        page: format!("/organisationer/{}", org.slug),
    };
    let query = noden_search::Query {
        organisation: vec![org.code.clone()],
        ..Default::default()
    };
    Ok(atom(super::render(&state, about, query).await?))
}

async fn technology(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // Entries in the catalogue only: a proposal or a withdrawn entry has no feed (404).
    let entry = crate::technologies::find(&state, &slug).await?;
    let page = crate::technologies::url(&entry);
    let about = About {
        title: crate::web::i18n::t_with("feeds-title-technology", "name", &entry.name),
        path: super::technology_path(&page),
        page,
    };
    let query = noden_search::Query {
        technology: vec![entry.id.to_string()],
        ..Default::default()
    };
    Ok(atom(super::render(&state, about, query).await?))
}

async fn search(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let params = SearchParams::from_query(req.query_string())?;
    // Checked as the search page checks them; the actor here only shapes the principals,
    // which `render` replaces with a visitor's anyway.
    let query = params.to_query(Actor::Anonymous, &state.catalog.get())?;
    let text = params.q.as_deref().map(str::trim).unwrap_or_default();
    let title = if text.is_empty() {
        crate::web::i18n::t("feeds-title-search")
    } else {
        crate::web::i18n::t_with("feeds-title-search-for", "text", text)
    };
    let page_query = req.query_string();
    let page = if page_query.is_empty() {
        "/sok".to_owned()
    } else {
        format!("/sok?{page_query}")
    };
    let about = About {
        title,
        path: super::search_path(page_query),
        page,
    };
    Ok(atom(super::render(&state, about, query).await?))
}
