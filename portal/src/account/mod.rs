//! The signed-in person's own corner: who they are in every page's header (with the links
//! their role opens), and `/konto` with what is theirs: reports they are writing or that wait
//! for review, their organisation's trials, needs and follow-ups due, their display name,
//! their e-mail choice and their access tokens.

pub mod routes;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, web};

use crate::auth::{Action, Actor, Identity, Resource, can};
use crate::state::AppState;
use crate::web::frame::{self, Frame, Viewer};
use crate::web::i18n::Lang;

/// Fills the page frame of every page request: the signed-in person for the header and the
/// confirmation the last form left, which is cleared once a page has shown it.
pub async fn frame(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    if path.starts_with("/api/") {
        // The API has no page around it, but its messages (problem+json) follow what the
        // client asks for in Accept-Language, else Swedish.
        let frame = Frame {
            lang: Lang::asked_for(req.headers()),
            ..Frame::default()
        };
        return frame::within(frame, next.call(req)).await;
    }
    // A CSV download comes in the language of the page it is downloaded from, so it goes
    // through the frame like a page.
    if path.starts_with("/static/") {
        return next.call(req).await;
    }
    let flash = req
        .cookie(frame::FLASH_COOKIE)
        .and_then(|c| frame::flash_from_cookie(c.value()));
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path().to_owned(), |p| p.as_str().to_owned());
    let viewer = viewer(&req).await;
    // The switch's choice, else the account's, else what the browser asks for, else Swedish.
    let lang = req
        .cookie(frame::LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| viewer.as_ref().and_then(|v| v.language))
        .unwrap_or_else(|| Lang::asked_for(req.headers()));
    let shows_flash = flash.is_some();
    let mut response = frame::within(
        Frame {
            viewer,
            flash,
            path,
            lang,
            writing: Default::default(),
        },
        next.call(req),
    )
    .await?;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if shows_flash && is_page && !response.status().is_redirection() {
        // Shown once: the page carried it, so the next one does not.
        let _ = response.response_mut().add_cookie(&frame::flash_removal());
    }
    Ok(response)
}

/// The person signed in through the browser, as the header shows them; none for visitors,
/// tokens and anything that fails (the page itself reports what failed).
async fn viewer(req: &ServiceRequest) -> Option<Viewer> {
    let state = req.app_data::<web::Data<AppState>>()?.clone();
    let identity = Identity::from_request(req.request(), &mut Payload::None)
        .await
        .ok()?;
    let current = identity.session?;
    let actor = Actor::User(current.member.clone());
    let review_waiting = if can(&actor, Action::Review, &Resource::ReviewQueue) {
        crate::reports::waiting_count(&state.db).await.ok()
    } else {
        None
    };
    let unread = crate::notifications::service::unread_count(&state.db, current.member.user_id)
        .await
        .unwrap_or(0);
    Some(Viewer {
        unread,
        name: current.name.clone(),
        organisation: state
            .catalog
            .get()
            .organisation_by_id(current.member.organisation_id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        csrf: current.csrf.clone(),
        language: current.language,
        review_waiting,
        admin: can(&actor, Action::Administer, &Resource::Node),
        posts_field_reports: can(&actor, Action::Create, &Resource::FieldReports),
    })
}
