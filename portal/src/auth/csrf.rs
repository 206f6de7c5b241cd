//! Protection against cross-site request forgery for every state-changing form.
//!
//! A signed-in browser's forms carry its session's token. Before sign-in (asking for a link,
//! confirming one) the token lives in a `noden_csrf` cookie and the form must repeat it
//! (double submit). SameSite cookies and the Origin check add a second fence.

use std::future::{Ready, ready};

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponseBuilder, web};

use super::secret;
use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE: &str = "noden_csrf";

/// A form whose only field is the CSRF token (sign-out, revoking, removing).
#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenOnly {
    #[serde(default)]
    pub csrf: String,
}

/// The token a page's forms must carry, and the cookie to set when it is new.
#[derive(Debug, Clone)]
pub struct FormToken {
    pub token: String,
    cookie: Option<Cookie<'static>>,
}

impl FormToken {
    /// The token for a page shown to a visitor who is not signed in.
    pub fn for_visitor(req: &HttpRequest) -> Result<FormToken, AppError> {
        if let Some(existing) = req.cookie(COOKIE).filter(|c| c.value().len() >= 32) {
            return Ok(FormToken {
                token: existing.value().to_owned(),
                cookie: None,
            });
        }
        let token = secret::random_token()?;
        let secure = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.settings.served_over_tls());
        let cookie = Cookie::build(COOKIE, token.clone())
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .finish();
        Ok(FormToken {
            token,
            cookie: Some(cookie),
        })
    }

    /// Adds the cookie to the response, when the token is new.
    pub fn apply(&self, response: &mut HttpResponseBuilder) {
        if let Some(cookie) = &self.cookie {
            response.cookie(cookie.clone());
        }
    }
}

/// Checks the token a form posted. `expected` is the session's token when signed in, else
/// the visitor's cookie.
pub fn verify(req: &HttpRequest, expected: Option<&str>, presented: &str) -> Result<(), AppError> {
    // The second fence: a browser names the page a form came from. Only the portal's own
    // origin, from `public_url`, passes; "null" (sandboxed frames, data: pages) and anything
    // a proxy header would make look local do not.
    if let Some(origin) = req.headers().get("origin") {
        let expected = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.public_origin());
        let same = match (origin.to_str(), expected) {
            (Ok(origin), Some(expected)) => origin.eq_ignore_ascii_case(&expected),
            _ => false,
        };
        if !same {
            return Err(AppError::Forbidden(FORGED.to_owned()));
        }
    }
    let cookie = req.cookie(COOKIE).map(|c| c.value().to_owned());
    let expected = expected.map(str::to_owned).or(cookie);
    match expected {
        Some(expected) if !presented.is_empty() && secret::same(&expected, presented) => Ok(()),
        _ => Err(AppError::Forbidden(FORGED.to_owned())),
    }
}

/// The refusal of a form that cannot be checked: a catalogue key.
const FORGED: &str = "auth-error-form-forged";

/// The visitor's form token as an extractor, for pages that show forms before sign-in.
impl FromRequest for FormToken {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(FormToken::for_visitor(req))
    }
}
