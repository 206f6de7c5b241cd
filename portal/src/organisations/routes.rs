//! Organisation pages and `GET /api/v1/organisations`.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use serde::Serialize;

use crate::auth::Actor;
use crate::catalog::OrganisationRef;
use crate::error::AppError;
use crate::search::routes::HitView;
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/organisationer", web::get().to(list_page))
        .route("/organisationer/{slug}", web::get().to(organisation_page))
        .service(api_resource!("/api/v1/organisations", get => list));
}

/// An organisation in the API's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationItem {
    pub id: uuid::Uuid,
    pub code: String,
    pub name: String,
    /// kommun or region.
    pub kind: String,
    pub county_code: String,
    pub county_name: String,
    pub url: String,
}

/// Every municipality and region, by county.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "reference", responses((status = 200, body = Vec<OrganisationItem>)))]
pub async fn list(state: web::Data<AppState>) -> web::Json<Vec<OrganisationItem>> {
    let catalog = state.catalog.get();
    web::Json(
        catalog
            .organisations
            .iter()
            .map(|o| OrganisationItem {
                id: o.id,
                code: o.code.clone(),
                name: o.name.clone(),
                kind: o.kind.clone(),
                county_code: o.county_code.clone(),
                county_name: o.county_name.clone(),
                url: format!("/organisationer/{}", o.slug),
            })
            .collect(),
    )
}

pub struct CountyGroup {
    pub name: String,
    pub organisations: Vec<OrganisationRef>,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/index.html")]
pub struct OrganisationsPage {
    pub counties: Vec<CountyGroup>,
}

async fn list_page(state: web::Data<AppState>) -> OrganisationsPage {
    let catalog = state.catalog.get();
    let mut counties: Vec<CountyGroup> = Vec::new();
    for o in &catalog.organisations {
        match counties.last_mut() {
            Some(group) if group.name == o.county_name => group.organisations.push(o.into()),
            _ => counties.push(CountyGroup {
                name: o.county_name.clone(),
                organisations: vec![o.into()],
            }),
        }
    }
    OrganisationsPage { counties }
}

#[derive(Template, WebTemplate)]
#[template(path = "organisations/show.html")]
pub struct OrganisationPage {
    pub name: String,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub kind: String,
    pub county_name: String,
    pub code: String,
    pub total: usize,
    pub reports: Vec<HitView>,
    pub search_url: String,
    /// The organisation's Atom feed.
    pub feed_url: String,
}

async fn organisation_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
) -> Result<OrganisationPage, AppError> {
    let catalog = state.catalog.get();
    let org = catalog
        .organisation_by_slug(&slug)
        .ok_or(AppError::NotFound("organisationen"))?;
    let follow = crate::notifications::routes::button(
        &state,
        &actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::Organisation, org.id),
        &org.name,
        &format!("/organisationer/{}", org.slug),
    )
    .await?;
    let (total, reports, _) = crate::search::browse(&state, actor, 20, |q| {
        q.organisation = vec![org.code.clone()]
    })
    .await?;
    Ok(OrganisationPage {
        follow,
        name: org.name.clone(),
        kind: crate::web::i18n::t(if org.kind == "region" {
            "organisations-region"
        } else {
            "organisations-municipality"
        }),
        county_name: org.county_name.clone(),
        code: org.code.clone(),
        total,
        reports,
        search_url: format!("/sok?organisation={}", org.code),
        feed_url: crate::feeds::organisation_path(&org.slug),
    })
}
