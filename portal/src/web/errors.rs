//! Renders error responses of browser routes as pages in the reader's language; API routes
//! keep problem+json.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpMessage, HttpResponse};
use askama::Template;
use tracing_actix_web::RequestId;

use crate::error::AppError;

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub status: u16,
    pub title: String,
    pub detail: String,
    pub request_id: String,
    /// For "sign in first": the sign-in page, bringing the reader back to this page.
    pub sign_in: Option<String>,
}

/// Whether a request is for the JSON API (or another machine endpoint).
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/federation/")
        || path.starts_with("/.well-known/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
}

/// Middleware that turns every 4xx/5xx answer of a browser route into an HTML page.
pub fn html_error_pages<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(|res: ServiceResponse<B>| {
        let already_a_page = res
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if is_api_path(res.request().path()) || already_a_page {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        let status = res.status();
        let (title, detail) = match res
            .response()
            .error()
            .and_then(|e| e.as_error::<AppError>())
        {
            Some(app) => (app.title(), app.detail()),
            None => generic(status),
        };
        let request_id = res
            .request()
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        let sign_in = (status == StatusCode::UNAUTHORIZED).then(|| {
            if res.request().method() == actix_web::http::Method::GET {
                super::frame::current().sign_in_link()
            } else {
                "/logga-in".to_owned()
            }
        });
        let page = ErrorPage {
            status: status.as_u16(),
            title,
            detail,
            request_id,
            sign_in,
        };
        let body = page.render().unwrap_or_else(|_| page.detail.clone());
        // The headers the status needs: how long to wait, and (for 405) the methods allowed.
        let kept: Vec<_> = ["retry-after", "allow"]
            .into_iter()
            .filter_map(|name| res.headers().get(name).map(|v| (name, v.clone())))
            .collect();
        let (req, _) = res.into_parts();
        let mut response = HttpResponse::build(status);
        for header in kept {
            response.insert_header(header);
        }
        let response = response.content_type("text/html; charset=utf-8").body(body);
        Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, response).map_into_right_body(),
        ))
    })
}

fn generic(status: StatusCode) -> (String, String) {
    let error = match status {
        StatusCode::NOT_FOUND => AppError::NotFound("sidan du söker"),
        s if s.is_server_error() => AppError::internal("server error"),
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge("error-too-large-page".to_owned()),
        StatusCode::TOO_MANY_REQUESTS => AppError::TooManyRequests {
            retry_after_secs: 60,
        },
        StatusCode::METHOD_NOT_ALLOWED => AppError::BadRequest("error-method-page".to_owned()),
        _ => AppError::BadRequest("error-bad-request-page".to_owned()),
    };
    (error.title(), error.detail())
}

/// The answer for an address no route matches: an HTML page or problem+json.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound("sidan du söker"))
}
