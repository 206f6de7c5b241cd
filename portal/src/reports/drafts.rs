//! Taking back a draft from its page: a report not yet sent for review (or sent back) is
//! deleted for good by its writers' organisation, as `DELETE /api/v1/reports/{id}` does.
//! A draft was never shared, so unlike shared knowledge there is nothing to restore.

use actix_web::{HttpResponse, web};

use crate::audit::By;
use crate::auth::Confirmed;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::frame;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/{slug}/ta-bort", web::post().to(delete_form));
}

async fn delete_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let report = super::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound("rapporten"))?;
    super::delete(&state, &by, report.id).await?;
    Ok(frame::see_other("/konto", "Utkastet är borttaget"))
}
