//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers' annotations.

use actix_web::{HttpResponse, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Noden API", description = "Sök och läs det som testats inom välfärdsteknik i länet, länets behov och testerna i testbädd."),
    paths(
        crate::search::routes::api_search,
        crate::search::routes::api_suggest,
        crate::reports::routes::get,
        crate::reports::routes::create,
        crate::reports::routes::update,
        crate::reports::routes::delete,
        crate::reports::routes::submit,
        crate::reports::routes::review,
        crate::reports::routes::revisions,
        crate::reports::routes::compare,
        crate::reports::forms::preview,
        crate::needs::routes::list,
        crate::needs::routes::create,
        crate::needs::routes::get,
        crate::needs::routes::endorse,
        crate::trials::routes::list,
        crate::trials::routes::create,
        crate::trials::routes::get,
        crate::trials::routes::journal,
        crate::trials::routes::add_entry,
        crate::trials::routes::set_phase,
        crate::followups::routes::get,
        crate::followups::routes::add_indicator,
        crate::followups::routes::record,
        crate::technologies::routes::list,
        crate::technologies::routes::create,
        crate::technologies::routes::get,
        crate::technologies::routes::record_use,
        crate::overview::routes::api,
        crate::organisations::routes::list,
        crate::categories::routes::list,
    ),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/openapi.json", web::get().to(openapi_json));
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
