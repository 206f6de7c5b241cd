//! Follows, notices and notification settings in the API: `/api/v1/follows`,
//! `/api/v1/notifications` and `/api/v1/notification-settings`, for the signed-in user (the
//! token's owner).

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity::{follow, notification};
use super::service::{self, PER_PAGE};
use super::{Cadence, EventKind, TopicKind};
use crate::audit::By;
use crate::auth::Actor;
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!("/api/v1/follows", get => list_follows, post => add_follow))
        .service(api_resource!(
            "/api/v1/follows/{topic_kind}/{topic_id}",
            delete => remove_follow
        ))
        .service(api_resource!("/api/v1/notifications", get => list_notifications))
        .service(api_resource!("/api/v1/notifications/read", post => mark_read))
        .service(api_resource!(
            "/api/v1/notification-settings",
            get => get_settings,
            put => put_settings
        ));
}

/// The reader behind a read request: tokens and sessions of signed-in users only.
fn reader(actor: &Actor) -> Result<Uuid, AppError> {
    Ok(service::person(actor)?.user_id)
}

/// One thing the user follows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowView {
    /// What kind of thing: trial, need, procurement, technology, category, organisation, coach,
    /// field_report, report or remote_item.
    #[schema(schema_with = TopicKind::field_schema)]
    pub topic_kind: String,
    pub topic_id: Uuid,
    /// Its title when it was followed.
    pub label: String,
    /// Its page on this node.
    pub url: String,
    /// Made for the user (their organisation takes part in the trial), not chosen by them.
    pub automatic: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<follow::Model> for FollowView {
    fn from(f: follow::Model) -> FollowView {
        FollowView {
            topic_kind: f.topic_kind,
            topic_id: f.topic_id,
            url: crate::web::local_return(&f.path),
            label: f.label,
            automatic: f.automatic,
            created_at: f.created_at,
        }
    }
}

/// A page of the user's follows, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowList {
    pub total: u64,
    pub page: usize,
    pub per_page: u64,
    pub follows: Vec<FollowView>,
}

/// Which page of a list.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page, from 1 (at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// The signed-in user's follows, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/follows",
    tag = "notifications",
    params(PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = FollowList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_follows(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageParams>,
) -> Result<web::Json<FollowList>, AppError> {
    let user_id = reader(&actor)?;
    let page = crate::web::page_number(query.page)?;
    let (rows, total) = service::follows_of(&state.db, user_id, page as u64, PER_PAGE).await?;
    Ok(web::Json(FollowList {
        total,
        page,
        per_page: PER_PAGE,
        follows: rows.into_iter().map(FollowView::from).collect(),
    }))
}

/// What to follow.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"topic_kind": "technology", "topic_id": "0190b7a2-5c1e-7d4e-9a4b-3f2c1d0e9b8a"}))]
pub struct FollowInput {
    /// trial, need, procurement (members only), technology, category, organisation or report.
    #[schema(schema_with = TopicKind::field_schema)]
    pub topic_kind: String,
    /// Its UUID.
    #[schema(value_type = String, format = Uuid)]
    pub topic_id: String,
}

/// Follows a topic the caller may read (following it again changes nothing). Requires a
/// bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/follows",
    tag = "notifications",
    request_body = FollowInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = FollowView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn add_follow(
    state: web::Data<AppState>,
    topics: web::Data<super::TopicSources>,
    by: By,
    input: web::Json<FollowInput>,
) -> Result<HttpResponse, AppError> {
    let mut issues = Vec::new();
    let kind = TopicKind::from_field(Some(&input.topic_kind), "topic_kind", &mut issues);
    if kind.is_none() && issues.is_empty() {
        issues.push(FieldIssue::new(
            "topic_kind",
            crate::web::i18n::t_with(
                "notifications-error-topic-kind",
                "choices",
                &TopicKind::choices(),
            ),
        ));
    }
    let id = Uuid::parse_str(input.topic_id.trim()).ok();
    if id.is_none() {
        issues.push(FieldIssue::new(
            "topic_id",
            "notifications-error-topic-id-invalid",
        ));
    }
    let (Some(kind), Some(id)) = (kind, id) else {
        return Err(AppError::Invalid(issues));
    };
    let topic = super::Topic::new(kind, id);
    let (row, _) = service::follow_topic(&state, &topics, &by, topic).await?;
    Ok(HttpResponse::Created().json(FollowView::from(row)))
}

/// Stops following a topic. Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/follows/{topic_kind}/{topic_id}",
    tag = "notifications",
    params(
        ("topic_kind" = String, Path, description = "trial, need, procurement, technology, category, organisation, coach, field_report, report or remote_item"),
        ("topic_id" = String, Path, description = "The topic's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "No longer followed"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn remove_follow(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (kind, id) = path.into_inner();
    let topic = service::topic_of(&kind, &id)?;
    if !service::unfollow_topic(&state, &by, topic).await? {
        return Err(AppError::NotFound("bevakningen"));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// One notice in the user's in-app list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    /// The kind of event: field_report, comment, trial, need, procurement or promoted.
    #[schema(schema_with = EventKind::field_schema)]
    pub kind: String,
    pub title: String,
    /// What it concerns, as the user follows it (a trial, a technology).
    pub concerns: String,
    pub body: String,
    /// The page it is about, on this node.
    pub url: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub read_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<notification::Model> for NotificationView {
    fn from(n: notification::Model) -> NotificationView {
        NotificationView {
            id: n.id,
            kind: n.kind,
            title: n.title,
            concerns: n.concerns,
            body: n.body,
            url: crate::web::local_return(&n.path),
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// A page of the user's notices, newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotificationList {
    pub total: u64,
    pub unread: u64,
    pub page: usize,
    pub per_page: u64,
    pub notifications: Vec<NotificationView>,
}

/// The signed-in user's notices, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/notifications",
    tag = "notifications",
    params(PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = NotificationList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_notifications(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<PageParams>,
) -> Result<web::Json<NotificationList>, AppError> {
    let user_id = reader(&actor)?;
    let page = crate::web::page_number(query.page)?;
    let (rows, total) = service::notices_of(&state.db, user_id, page as u64, PER_PAGE).await?;
    let unread = service::unread_count(&state.db, user_id).await?;
    Ok(web::Json(NotificationList {
        total,
        unread,
        page,
        per_page: PER_PAGE,
        notifications: rows.into_iter().map(NotificationView::from).collect(),
    }))
}

/// Which notices to mark read.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"ids": ["0190b7a2-5c1e-7d4e-9a4b-3f2c1d0e9b8a"]}))]
pub struct ReadInput {
    /// The notices to mark read; all of them when left out.
    #[serde(default)]
    pub ids: Option<Vec<Uuid>>,
}

/// How many notices were unread and are read now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReadResult {
    pub marked: u64,
    pub unread: u64,
}

/// Marks the user's notices read: those named, or all. Requires a bearer token with the
/// `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/notifications/read",
    tag = "notifications",
    request_body = ReadInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReadResult),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn mark_read(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<ReadInput>,
) -> Result<web::Json<ReadResult>, AppError> {
    let marked = service::mark_read(&state, &by, input.ids.as_deref()).await?;
    let unread = match by.actor.user_id() {
        Some(user_id) => service::unread_count(&state.db, user_id).await?,
        None => 0,
    };
    Ok(web::Json(ReadResult { marked, unread }))
}

/// For each kind of event, how its notices reach the user by e-mail: immediate, daily,
/// weekly or never. In a `PUT`, a kind left out (or `null`) keeps its cadence.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"trial": "immediate", "need": "weekly"}))]
pub struct Settings {
    /// New field reports in what the user follows.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub field_report: Option<String>,
    /// Comments on what the user follows.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub comment: Option<String>,
    /// Journal entries and phase changes in followed trials.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub trial: Option<String>,
    /// Followed needs.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub need: Option<String>,
    /// Procurements the user is a member of.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub procurement: Option<String>,
    /// The user's own field report taken further.
    #[serde(default)]
    #[schema(schema_with = Cadence::optional_field_schema)]
    pub promoted: Option<String>,
}

impl Settings {
    fn slot(&mut self, kind: EventKind) -> &mut Option<String> {
        match kind {
            EventKind::FieldReport => &mut self.field_report,
            EventKind::Comment => &mut self.comment,
            EventKind::Trial => &mut self.trial,
            EventKind::Need => &mut self.need,
            EventKind::Procurement => &mut self.procurement,
            EventKind::Promoted => &mut self.promoted,
        }
    }
}

async fn settings_json(state: &AppState, user_id: Uuid) -> Result<Settings, AppError> {
    let mut out = Settings::default();
    for (kind, cadence) in service::settings_of(&state.db, user_id).await? {
        *out.slot(kind) = Some(cadence.as_str().to_owned());
    }
    Ok(out)
}

/// The signed-in user's cadence per kind of event (chosen, or the default).
#[utoipa::path(
    get,
    path = "/api/v1/notification-settings",
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Settings),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
    )
)]
pub async fn get_settings(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<web::Json<Settings>, AppError> {
    let user_id = reader(&actor)?;
    Ok(web::Json(settings_json(&state, user_id).await?))
}

/// Sets the cadence of the kinds named (the others stay). Requires a bearer token with the
/// `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/notification-settings",
    tag = "notifications",
    request_body = Settings,
    security(("bearer" = [])),
    responses(
        (status = 200, body = Settings),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn put_settings(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<Settings>,
) -> Result<web::Json<Settings>, AppError> {
    let mut input = input.into_inner();
    let mut issues = Vec::new();
    let mut chosen = Vec::new();
    for &kind in EventKind::ALL {
        let given = input.slot(kind).take();
        if let Some(cadence) = Cadence::from_field(given.as_deref(), kind.as_str(), &mut issues) {
            chosen.push((kind, cadence));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    service::save_settings(&state, &by, &chosen).await?;
    let user_id = reader(&by.actor)?;
    Ok(web::Json(settings_json(&state, user_id).await?))
}
