//! `/kontakt`: how to reach the people running this node. Error pages point here.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kontakt", web::get().to(contact_page));
}

#[derive(Template, WebTemplate)]
#[template(path = "contact.html")]
pub struct ContactPage {
    pub email: String,
    pub text: String,
}

async fn contact_page(state: web::Data<AppState>) -> ContactPage {
    ContactPage {
        email: state.settings.contact_email.trim().to_owned(),
        text: state.settings.contact_text.trim().to_owned(),
    }
}
