//! `AppError`: every failure a request can meet, and the one place that decides its status.
//!
//! API routes answer `application/problem+json`; browser routes get the same error rendered
//! as a page by `web::errors`; both in the request's language (`web::i18n`). Internal causes are logged, never shown.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::web::i18n;

/// One invalid field, named as the client sent it, with an explanation: a catalogue key (or,
/// where a service has not moved to keys yet, a Swedish text), put in the reader's language
/// where it is shown ([`i18n::message`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct FieldIssue {
    pub field: String,
    pub message: String,
}

/// The message of the first issue about `field`, in the page's language, for showing it next
/// to that field.
pub fn message_of(issues: &[FieldIssue], field: &str) -> Option<String> {
    issues
        .iter()
        .find(|e| e.field == field)
        .map(|e| crate::web::i18n::message(&e.message))
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("missing or invalid bearer token")]
    Unauthorized,
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Invalid(Vec<FieldIssue>),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A withdrawn item, asked for through the API by someone who may bring it back.
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("payload too large")]
    TooLarge(String),
    /// The address exists, but not for this method; the value lists the methods it has.
    #[error("method not allowed")]
    MethodNotAllowed(String),
    #[error("not ready: {0}")]
    Unavailable(String),
    /// The disk under the database, the index or the files is full: nothing can be saved
    /// until space returns, though reading goes on.
    #[error("storage full: {0}")]
    StorageFull(String),
    #[error("database error")]
    Database(#[source] sea_orm::DbErr),
    #[error("search error")]
    Search(#[from] noden_search::SearchError),
    /// Something that should not happen; `source`, when there is one, is logged with it.
    #[error("internal error: {context}")]
    Internal {
        context: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// The body of an `application/problem+json` answer (RFC 9457).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldIssue>,
}

/// A write that ran into a row someone else stored first (the same unique name or address at
/// the same moment) is a conflict the user can resolve by trying again, not a server error.
/// A database that cannot be reached or has no room answers 503: the trouble passes, and the
/// user is told so in Swedish instead of being shown an unexpected error.
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::warn!(detail, "unique constraint met");
            return AppError::Conflict("error-unique".to_owned());
        }
        match passing_trouble(&err) {
            Some(Trouble::Full) => AppError::StorageFull(err.to_string()),
            Some(Trouble::Unreachable) => AppError::Unavailable(format!("database: {err}")),
            None => AppError::Database(err),
        }
    }
}

enum Trouble {
    Full,
    Unreachable,
}

/// Whether `err` is trouble that passes by itself or with an operator's help (the server is
/// down, restarting or refusing connections; the disk is full) rather than a fault in Noden.
fn passing_trouble(err: &sea_orm::DbErr) -> Option<Trouble> {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let runtime = match err {
        DbErr::ConnectionAcquire(_) => return Some(Trouble::Unreachable),
        DbErr::Conn(r) | DbErr::Exec(r) | DbErr::Query(r) => r,
        _ => return None,
    };
    let RuntimeErr::SqlxError(error) = runtime else {
        return None;
    };
    match error.as_ref() {
        Sqlx::Io(e) if e.raw_os_error() == Some(28) => Some(Trouble::Full),
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => Some(Trouble::Unreachable),
        Sqlx::Database(db) => {
            let code = db.code()?;
            match code.as_ref() {
                // PostgreSQL: disk_full, and out of memory or connections.
                "53100" => Some(Trouble::Full),
                c if c.starts_with("53") => Some(Trouble::Unreachable),
                // Connection exceptions; shutting down, crashed, starting up.
                c if c.starts_with("08") || c.starts_with("57P") => Some(Trouble::Unreachable),
                // SQLite's result codes, primary code in the low byte: FULL, and IOERR, BUSY,
                // LOCKED (another process held the lock past the busy timeout).
                c => match c.parse::<i32>().map(|n| n & 0xff) {
                    Ok(13) => Some(Trouble::Full),
                    Ok(5 | 6 | 10) => Some(Trouble::Unreachable),
                    _ => None,
                },
            }
        }
        _ => None,
    }
}

impl AppError {
    /// Whether the error only says that the reader may not see the thing asked for (it is not
    /// there, or not for them, or not without signing in): to a list or a lookup on the
    /// reader's behalf, the same as nothing.
    pub fn hides_from_reader(&self) -> bool {
        matches!(
            self,
            AppError::NotFound(_)
                | AppError::Forbidden(_)
                | AppError::Unauthorized
                | AppError::SignInRequired
        )
    }

    /// An internal error with no underlying error to keep.
    pub fn internal(context: impl Into<String>) -> Self {
        AppError::Internal {
            context: context.into(),
            source: None,
        }
    }

    /// An internal error caused by `source`, which is logged with it (never shown).
    pub fn internal_from(
        context: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        AppError::Internal {
            context: context.into(),
            source: Some(Box::new(source)),
        }
    }

    pub fn invalid(field: &str, message: &str) -> Self {
        AppError::Invalid(vec![FieldIssue::new(field, message)])
    }

    /// A short title for the status, in the language of the page or request.
    pub fn title(&self) -> String {
        let key = match self.status_code() {
            StatusCode::NOT_FOUND => "error-title-not-found",
            StatusCode::UNAUTHORIZED => "error-title-unauthorized",
            StatusCode::FORBIDDEN => "error-title-forbidden",
            StatusCode::TOO_MANY_REQUESTS => "error-title-too-many",
            StatusCode::BAD_REQUEST => "error-title-bad-request",
            StatusCode::UNPROCESSABLE_ENTITY => "error-title-invalid",
            StatusCode::CONFLICT => "error-title-conflict",
            StatusCode::GONE => "error-title-gone",
            StatusCode::PAYLOAD_TOO_LARGE => "error-title-too-large",
            StatusCode::METHOD_NOT_ALLOWED => "error-title-method",
            StatusCode::SERVICE_UNAVAILABLE if matches!(self, AppError::StorageFull(_)) => {
                "error-title-storage-full"
            }
            StatusCode::SERVICE_UNAVAILABLE => "error-title-unavailable",
            _ => "error-title-internal",
        };
        i18n::t(key)
    }

    /// An explanation the user can act on, in the language of the page or request (a service's
    /// own message comes as it wrote it when it is not a catalogue key). Internal causes never
    /// appear here.
    pub fn detail(&self) -> String {
        match self {
            AppError::NotFound(what) => i18n::t_with("error-not-found", "what", &i18n::thing(what)),
            AppError::Unauthorized => i18n::t("error-unauthorized"),
            AppError::SignInRequired => i18n::t("error-sign-in-required"),
            AppError::TooManyRequests { retry_after_secs } => {
                i18n::t_count("error-too-many", "minutes", retry_after_secs.div_ceil(60))
            }
            AppError::Gone(what) => {
                let what = i18n::thing(what);
                let mut letters = what.chars();
                let what = letters
                    .next()
                    .map(|first| first.to_uppercase().chain(letters).collect::<String>())
                    .unwrap_or_default();
                i18n::t_with("error-gone", "what", &what)
            }
            AppError::BadRequest(msg)
            | AppError::Conflict(msg)
            | AppError::TooLarge(msg)
            | AppError::Forbidden(msg) => i18n::message(msg),
            AppError::MethodNotAllowed(allow) => i18n::t_with("error-method", "allow", allow),
            // An issue with the whole body (e.g. a PATCH that is not an object) names no field.
            AppError::Invalid(issues) => issues
                .iter()
                .map(|i| match i.field.as_str() {
                    "" => i18n::message(&i.message),
                    field => format!("{field}: {}", i18n::message(&i.message)),
                })
                .collect::<Vec<_>>()
                .join(" "),
            AppError::StorageFull(_) => i18n::t("error-storage-full"),
            AppError::Unavailable(_) => i18n::t("error-unavailable"),
            AppError::Database(_) | AppError::Search(_) | AppError::Internal { .. } => {
                i18n::t("error-internal")
            }
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            kind: "about:blank".to_owned(),
            title: self.title(),
            status: status.as_u16(),
            detail: self.detail(),
            errors: match self {
                AppError::Invalid(issues) => issues
                    .iter()
                    .map(|i| FieldIssue::new(i.field.clone(), i18n::message(&i.message)))
                    .collect(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized | AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unavailable(_) | AppError::StorageFull(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Search(_) | AppError::Internal { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = HttpResponse::build(status);
        response.insert_header(ContentType(mime_problem()));
        if let AppError::Unauthorized = self {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        if let AppError::MethodNotAllowed(allow) = self {
            response.insert_header(("Allow", allow.as_str()));
        }
        if let AppError::TooManyRequests { retry_after_secs } = self {
            response.insert_header(("Retry-After", retry_after_secs.to_string()));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.insert_header(("Retry-After", "30"));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

fn mime_problem() -> actix_web::mime::Mime {
    "application/problem+json"
        .parse()
        .unwrap_or(actix_web::mime::APPLICATION_JSON)
}

/// Adds `message` under `field` when `value` holds nothing but white space (and the field has
/// no issue yet): a length check alone lets "   " through.
pub fn require_text(value: &str, field: &str, message: &str, issues: &mut Vec<FieldIssue>) {
    if value.trim().is_empty() && issues.iter().all(|i| i.field != field) {
        issues.push(FieldIssue::new(field, message));
    }
}

/// `issues` as a form shows them, in the page's language: each message begins with its field's
/// label (from `labels`, field name → label or the label's catalogue key), so the summary at
/// the top says which field is meant.
pub fn labelled(issues: Vec<FieldIssue>, labels: &[(&str, &str)]) -> Vec<FieldIssue> {
    issues
        .into_iter()
        .map(|issue| {
            let message = i18n::message(&issue.message);
            let label = labels
                .iter()
                .find(|(f, _)| *f == issue.field)
                .map(|(_, label)| i18n::message(label));
            match label {
                Some(label) if !message.starts_with(&label) => FieldIssue {
                    message: format!("{label}: {message}"),
                    ..issue
                },
                _ => FieldIssue { message, ..issue },
            }
        })
        .collect()
}

/// The field issues `validator` finds in `input` (none when it is valid), so a service can add
/// its own checks before answering with all of them at once.
pub fn issues_of(input: &impl validator::Validate) -> Vec<FieldIssue> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(e) => match AppError::from(e) {
            AppError::Invalid(issues) => issues,
            _ => Vec::new(),
        },
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut issues: Vec<FieldIssue> = errors
            .field_errors()
            .into_iter()
            .flat_map(|(field, errs)| {
                errs.iter().map(move |e| {
                    FieldIssue::new(
                        field.to_string(),
                        e.message
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| "error-invalid-value".to_owned()),
                    )
                })
            })
            .collect();
        issues.sort_by(|a, b| a.field.cmp(&b.field));
        AppError::Invalid(issues)
    }
}
