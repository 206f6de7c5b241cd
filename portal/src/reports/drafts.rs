//! Taking back a draft from its page: a report not yet sent for review (or sent back) is
//! deleted for good by its writers' organisation, as `DELETE /api/v1/reports/{id}` does.
//! A draft was never shared, so unlike shared knowledge there is nothing to restore.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::audit::By;
use crate::auth::{SignedIn, csrf};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::frame;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/{slug}/ta-bort", web::post().to(delete_form));
}

async fn delete_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let report = super::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound("rapporten"))?;
    super::delete(&state, &by, report.id).await?;
    Ok(frame::see_other("/konto", "Utkastet är borttaget"))
}
