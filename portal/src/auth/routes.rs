//! Sign-in and sign-out pages, and the account page with personal access tokens.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;

use super::csrf::{self, FormToken};
use super::{Identity, SignedIn, access_tokens, domains, email_link, oidc, session};
use crate::audit::{By, client_of};
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
        .route("/logga-ut", web::post().to(sign_out))
        .route("/konto", web::get().to(account_page))
        .route("/konto/epost", web::post().to(set_notices))
        .route("/konto/nycklar", web::post().to(create_token))
        .route(
            "/konto/nycklar/{id}/aterkalla",
            web::post().to(revoke_token),
        );
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
}

async fn ask_for_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, None, &form.csrf)?;
    let outcome = email_link::request(&state, client_of(&req), &form.email).await;
    let mut page_data = SignInPage {
        csrf: form.csrf.clone(),
        signed_in_as: None,
        providers: providers(&state).await?,
        email: form.email.trim().to_owned(),
        email_error: None,
        sent_to: None,
        return_to: "/".to_owned(),
    };
    match outcome {
        Ok(()) => {
            page_data.sent_to = Some(page_data.email.clone());
            page(HttpResponse::Ok(), &page_data)
        }
        Err(AppError::Invalid(issues)) => {
            page_data.email_error = issues.first().map(|i| i.message.clone());
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
    let (_, raw) = email_link::redeem(&state, client_of(&req), &token, previous.as_deref()).await?;
    Ok(HttpResponse::SeeOther()
        .cookie(session::cookie(&state, raw))
        .insert_header((header::LOCATION, "/konto"))
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
        .insert_header((header::LOCATION, "/"))
        .finish())
}

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub scopes: String,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
pub struct AccountPage {
    pub csrf: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub admin: bool,
    pub tokens: Vec<TokenRow>,
    pub new_token: Option<String>,
    pub token_error: Option<String>,
    /// Whether the user is e-mailed about trials and reports.
    pub notices: bool,
}

async fn account(
    state: &AppState,
    user: &SignedIn,
    new_token: Option<String>,
    token_error: Option<String>,
) -> Result<AccountPage, AppError> {
    let current = &user.0;
    let catalog = state.catalog.get();
    let notices = super::users::get(&state.db, current.member.user_id)
        .await?
        .is_some_and(|u| u.notify_by_email);
    let tokens = access_tokens::list(state, current.member.user_id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            scopes: t.scopes,
            created: crate::web::datetime_sv(t.created_at),
            last_used: t
                .last_used_at
                .map(crate::web::datetime_sv)
                .unwrap_or_else(|| "aldrig".to_owned()),
        })
        .collect();
    Ok(AccountPage {
        csrf: current.csrf.clone(),
        name: current.name.clone(),
        email: current.email.clone().unwrap_or_default(),
        organisation: catalog
            .organisation_by_id(current.member.organisation_id)
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        role: current.member.role.label().to_owned(),
        admin: super::can(
            &super::Actor::User(current.member.clone()),
            super::policy::Action::Administer,
            &super::policy::Resource::Node,
        ),
        tokens,
        new_token,
        token_error,
        notices,
    })
}

#[derive(Deserialize)]
struct NoticesForm {
    #[serde(default)]
    csrf: String,
    /// `pa` or `av`.
    #[serde(default)]
    notices: String,
}

async fn set_notices(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    form: web::Form<NoticesForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    super::users::set_notices(&state, user.0.member.user_id, form.notices == "pa").await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/konto"))
        .finish())
}

async fn account_page(
    state: web::Data<AppState>,
    user: SignedIn,
) -> Result<HttpResponse, AppError> {
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    page(response, &account(&state, &user, None, None).await?)
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    read: Option<String>,
    #[serde(default)]
    write: Option<String>,
}

async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut scopes = super::Scopes::parse("");
    if form.read.is_some() {
        scopes = scopes | super::Scopes::READ;
    }
    if form.write.is_some() {
        scopes = scopes | super::Scopes::READ | super::Scopes::WRITE;
    }
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    match access_tokens::create(&state, &by, user.0.member.user_id, &form.name, scopes).await {
        Ok(raw) => page(response, &account(&state, &user, Some(raw), None).await?),
        Err(AppError::Invalid(issues)) => {
            let message = issues.first().map(|i| i.message.clone());
            page(
                HttpResponse::UnprocessableEntity(),
                &account(&state, &user, None, message).await?,
            )
        }
        Err(other) => Err(other),
    }
}

async fn revoke_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    id: web::Path<String>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound("nyckeln"))?;
    access_tokens::revoke(&state, &by, user.0.member.user_id, id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/konto"))
        .finish())
}
