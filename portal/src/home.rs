//! The home page: search box, categories and the latest reports.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::auth::Actor;
use crate::categories::proximity_label;
use crate::error::AppError;
use crate::search::HitView;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home));
}

pub struct CategoryTile {
    pub name: String,
    pub url: String,
    pub description: String,
    pub proximity: String,
    pub count: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    pub total: usize,
    pub categories: Vec<CategoryTile>,
    /// The newest reports (not needs, trials or journal entries).
    pub latest: Vec<HitView>,
    /// The search listing every report, newest first.
    pub all_reports_url: String,
}

async fn home(state: web::Data<AppState>, actor: Actor) -> Result<HomePage, AppError> {
    let (total, _, facets) = crate::search::browse(&state, actor.clone(), 1, |query| {
        query.facets = vec![noden_search::Facet::Category];
    })
    .await?;
    let report_kinds = crate::reports::model::Kind::VALUES;
    let (_, latest, _) = crate::search::browse(&state, actor, 8, |query| {
        query.kind = report_kinds.iter().map(|k| (*k).to_owned()).collect();
    })
    .await?;
    let mut all_reports: Vec<(&str, &str)> = vec![("sort", "nyast")];
    all_reports.extend(report_kinds.iter().map(|k| ("kind", *k)));
    let all_reports_url = format!(
        "/sok?{}",
        serde_html_form::to_string(&all_reports).unwrap_or_default()
    );
    let catalog = state.catalog.get();
    let categories = catalog
        .categories
        .iter()
        .map(|c| CategoryTile {
            name: c.name.clone(),
            url: format!("/kategorier/{}", c.slug),
            description: c.description.clone(),
            proximity: proximity_label(&c.proximity),
            count: facets
                .category
                .iter()
                .find(|f| f.value == c.slug)
                .map_or(0, |f| f.count),
        })
        .collect();
    Ok(HomePage {
        total,
        categories,
        latest,
        all_reports_url,
    })
}
