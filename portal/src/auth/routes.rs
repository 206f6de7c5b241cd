//! Sign-in and sign-out pages.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;

use super::csrf::{self, FormToken};
use super::{Identity, domains, email_link, oidc, session};
use crate::audit::client_of;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/logga-in", web::get().to(sign_in_page))
        .route("/logga-in/epost", web::post().to(ask_for_link))
        .route("/logga-in/lank/{token}", web::get().to(link_page))
        .route("/logga-in/lank/{token}", web::post().to(use_link))
        .route("/logga-in/oidc/{slug}", web::get().to(provider_link))
        .route("/logga-in/oidc/{slug}", web::post().to(start_provider))
        .route(
            "/logga-in/oidc/{slug}/klar",
            web::get().to(provider_callback),
        )
        .route("/logga-ut", web::post().to(sign_out));
}

/// An organisation whose staff sign in through its own provider.
pub struct ProviderChoice {
    pub name: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "auth/sign_in.html")]
pub struct SignInPage {
    pub csrf: String,
    pub signed_in_as: Option<String>,
    pub providers: Vec<ProviderChoice>,
    pub email: String,
    pub email_error: Option<String>,
    pub sent_to: Option<String>,
    /// Where a provider sign-in returns to (a local path).
    pub return_to: String,
}

async fn providers(state: &AppState) -> Result<Vec<ProviderChoice>, AppError> {
    let catalog = state.catalog.get();
    let mut choices: Vec<ProviderChoice> = domains::organisations_with_provider(&state.db)
        .await?
        .into_iter()
        .filter_map(|id| catalog.organisation_by_id(id))
        .map(|o| ProviderChoice {
            name: o.name.clone(),
            url: format!("/logga-in/oidc/{}", o.slug),
        })
        .collect();
    choices.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(choices)
}

async fn sign_in_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    query: web::Query<ReturnTo>,
) -> Result<HttpResponse, AppError> {
    let token = FormToken::for_visitor(&req)?;
    let form = SignInPage {
        csrf: identity
            .session
            .as_ref()
            .map_or_else(|| token.token.clone(), |s| s.csrf.clone()),
        signed_in_as: identity.session.as_ref().map(|s| s.label()),
        providers: providers(&state).await?,
        email: String::new(),
        email_error: None,
        sent_to: None,
        return_to: crate::web::local_return(&query.tillbaka),
    };
    let mut response = HttpResponse::Ok();
    token.apply(&mut response);
    page(response, &form)
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    /// The local page to come back to after signing in.
    #[serde(default)]
    tillbaka: String,
}

async fn ask_for_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, None, &form.csrf)?;
    let return_to = crate::web::local_return(&form.tillbaka);
    let outcome = email_link::request(&state, client_of(&req), &form.email, &return_to).await;
    let mut page_data = SignInPage {
        csrf: form.csrf.clone(),
        signed_in_as: None,
        providers: providers(&state).await?,
        email: form.email.trim().to_owned(),
        email_error: None,
        sent_to: None,
        return_to,
    };
    match outcome {
        Ok(()) => {
            page_data.sent_to = Some(page_data.email.clone());
            page(HttpResponse::Ok(), &page_data)
        }
        Err(AppError::Invalid(issues)) => {
            page_data.email_error = issues
                .first()
                .map(|i| crate::web::i18n::message(&i.message));
            page(HttpResponse::UnprocessableEntity(), &page_data)
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "auth/confirm_link.html")]
pub struct ConfirmLinkPage {
    pub csrf: String,
    pub action: String,
}

/// Shows a button instead of signing in at once: mail scanners that open links must not use
/// them up.
async fn link_page(req: HttpRequest, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let form_token = FormToken::for_visitor(&req)?;
    let confirm = ConfirmLinkPage {
        csrf: form_token.token.clone(),
        action: format!("/logga-in/lank/{}", token.as_str()),
    };
    let mut response = HttpResponse::Ok();
    form_token.apply(&mut response);
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    page(response, &confirm)
}

async fn use_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, None, &form.csrf)?;
    let previous = req.cookie(session::COOKIE).map(|c| c.value().to_owned());
    let done = email_link::redeem(&state, client_of(&req), &token, previous.as_deref()).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(session::cookie(&state, done.session))
        .cookie(crate::web::frame::flash_cookie(&crate::web::i18n::t(
            "auth-signed-in",
        )))
        .insert_header((header::LOCATION, done.return_to))
        .finish())
}

#[derive(Deserialize)]
struct ReturnTo {
    #[serde(default)]
    tillbaka: String,
}

/// An old link or an embedded address: starting a sign-in has side effects (an attempt, a
/// cookie), so a GET only leads to the sign-in page, where the visitor presses the button.
async fn provider_link(query: web::Query<ReturnTo>) -> HttpResponse {
    let back = crate::web::local_return(&query.tillbaka);
    let location = if back == "/" {
        "/logga-in".to_owned()
    } else {
        format!(
            "/logga-in?{}",
            serde_html_form::to_string([("tillbaka", back)]).unwrap_or_default()
        )
    };
    crate::web::see_other(&location)
}

#[derive(Deserialize)]
struct StartForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tillbaka: String,
}

/// The button on the sign-in page: records the attempt and sends the browser to the provider.
async fn start_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<StartForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, None, &form.csrf)?;
    let (url, browser_state) = oidc::begin(&state, &slug, &form.tillbaka).await?;
    let cookie = Cookie::build(oidc::COOKIE, browser_state)
        .path("/logga-in/oidc")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.served_over_tls())
        .max_age(actix_web::cookie::time::Duration::minutes(10))
        .finish();
    Ok(HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, url))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

async fn provider_callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<oidc::Callback>,
) -> Result<HttpResponse, AppError> {
    let browser_state = req.cookie(oidc::COOKIE).map(|c| c.value().to_owned());
    let previous = req.cookie(session::COOKIE).map(|c| c.value().to_owned());
    let done = oidc::finish(
        &state,
        &slug,
        query.into_inner(),
        browser_state,
        client_of(&req),
        previous.as_deref(),
    )
    .await?;
    let mut spent = Cookie::build(oidc::COOKIE, "")
        .path("/logga-in/oidc")
        .finish();
    spent.make_removal();
    Ok(HttpResponse::SeeOther()
        .cookie(session::cookie(&state, done.session))
        .cookie(spent)
        .cookie(crate::web::frame::flash_cookie(&crate::web::i18n::t(
            "auth-signed-in",
        )))
        .insert_header((header::LOCATION, done.return_to))
        .finish())
}

async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    if let Some(current) = &identity.session {
        csrf::verify(&req, Some(&current.csrf), &form.csrf)?;
        session::end(&state.db, current).await?;
    }
    Ok(HttpResponse::SeeOther()
        .cookie(session::removal(&state))
        .cookie(crate::web::frame::flash_cookie(&crate::web::i18n::t(
            "auth-signed-out",
        )))
        .insert_header((header::LOCATION, "/"))
        .finish())
}
