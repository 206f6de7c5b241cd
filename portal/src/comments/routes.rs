//! The comment routes: the generic form posts (`POST /kommentarer`, the edit form
//! `/kommentarer/{id}/redigera`, the removal confirmation `/kommentarer/{id}/ta-bort`) and the
//! API under `/api/v1/comments`. The item's own feature shows the comments on its page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{CommentEdit, CommentInput, CommentList, CommentQuery, CommentView, ItemRef, Targets};
use crate::audit::By;
use crate::auth::{Identity, SignedIn, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::{api_resource, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kommentarer", web::post().to(post_form))
        .route("/kommentarer/{id}/redigera", web::get().to(edit_page))
        .route("/kommentarer/{id}/redigera", web::post().to(edit_form))
        .route("/kommentarer/{id}/ta-bort", web::get().to(remove_page))
        .route("/kommentarer/{id}/ta-bort", web::post().to(remove_form))
        .service(api_resource!(
            "/api/v1/comments",
            get => list,
            post => create
        ))
        .service(api_resource!(
            "/api/v1/comments/{id}",
            get => get_one,
            patch => patch,
            delete => delete
        ));
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PostForm {
    csrf: String,
    item_kind: String,
    item_id: String,
    parent_id: String,
    text: String,
}

/// The comment form on a page of its own: shown again with its errors when a post from an
/// item's page fails, and for editing.
#[derive(Template)]
#[template(path = "comments/form.html")]
pub struct FormPage {
    pub heading: String,
    pub action: String,
    pub back: String,
    pub back_title: String,
    pub csrf: String,
    /// The hidden fields the form sends again.
    pub hidden: Vec<(&'static str, String)>,
    pub text: String,
    pub button: String,
    pub errors: Vec<FieldIssue>,
    pub edit_minutes: i64,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn uuid_field(value: &str, field: &str, issues: &mut Vec<FieldIssue>) -> Option<Uuid> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let parsed = Uuid::parse_str(value).ok();
    if parsed.is_none() {
        issues.push(FieldIssue::new(field, "comments-error-invalid-reference"));
    }
    parsed
}

async fn post_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    user: SignedIn,
    by: By,
    form: web::Form<PostForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let item_id = uuid_field(&form.item_id, "item_id", &mut issues);
    let parent_id = uuid_field(&form.parent_id, "parent_id", &mut issues);
    let Some(item_id) = item_id.filter(|_| issues.is_empty()) else {
        return Err(AppError::BadRequest(
            "comments-error-form-missing-item".to_owned(),
        ));
    };
    let input = CommentInput {
        item_kind: form.item_kind.clone(),
        item_id,
        parent_id,
        text: form.text.clone(),
    };
    match super::post(&state, &targets, &by, input).await {
        Ok((c, item)) => Ok(frame::see_other(
            &format!("{}#{}", item.path, super::anchor(c.id)),
            &crate::web::i18n::t("comments-form-published"),
        )),
        Err(AppError::Invalid(errors)) => {
            // The form again, on a page of its own, with the errors next to the field.
            let kind = crate::notifications::TopicKind::parse(&form.item_kind)
                .ok_or(AppError::Invalid(errors.clone()))?;
            let item = targets.open(&state, &by.actor, kind, item_id).await?;
            let mut hidden = vec![
                ("item_kind", form.item_kind.clone()),
                ("item_id", item_id.to_string()),
            ];
            if let Some(p) = parent_id {
                hidden.push(("parent_id", p.to_string()));
            }
            let view = FormPage {
                heading: if parent_id.is_some() {
                    crate::web::i18n::t("comments-form-reply-heading")
                } else {
                    crate::web::i18n::t("comments-form-write-heading")
                },
                action: "/kommentarer".to_owned(),
                back: item.path.clone(),
                back_title: item.title.clone(),
                csrf: user.0.csrf.clone(),
                hidden,
                text: form.text.clone(),
                button: crate::web::i18n::t("comments-publish"),
                errors,
                edit_minutes: super::EDIT_WINDOW_MINUTES,
            };
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

fn edit_view(
    id: Uuid,
    item: &ItemRef,
    csrf: &str,
    text: String,
    errors: Vec<FieldIssue>,
) -> FormPage {
    FormPage {
        heading: crate::web::i18n::t("comments-form-edit-heading"),
        action: format!("/kommentarer/{id}/redigera"),
        back: format!("{}#{}", item.path, super::anchor(id)),
        back_title: item.title.clone(),
        csrf: csrf.to_owned(),
        hidden: Vec::new(),
        text,
        button: crate::web::i18n::t("comments-form-save"),
        errors,
        edit_minutes: super::EDIT_WINDOW_MINUTES,
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    user: SignedIn,
    by: By,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (c, item) = super::editable(&state, &targets, &by, *id).await?;
    page(
        HttpResponse::Ok(),
        &edit_view(c.id, &item, &user.0.csrf, c.text_md, Vec::new()),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditForm {
    csrf: String,
    text: String,
}

async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    user: SignedIn,
    by: By,
    id: web::Path<Uuid>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let input = CommentEdit {
        text: form.text.clone(),
    };
    match super::edit(&state, &targets, &by, *id, input).await {
        Ok((c, item)) => Ok(frame::see_other(
            &format!("{}#{}", item.path, super::anchor(c.id)),
            &crate::web::i18n::t("comments-form-edited"),
        )),
        Err(AppError::Invalid(errors)) => {
            let (_, item) = super::open(&state, &targets, &by.actor, *id).await?;
            page(
                HttpResponse::UnprocessableEntity(),
                &edit_view(*id, &item, &user.0.csrf, form.text.clone(), errors),
            )
        }
        Err(other) => Err(other),
    }
}

async fn remove_page(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    user: SignedIn,
    identity: Identity,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let (c, item) = super::open(&state, &targets, &identity.actor, *id).await?;
    if !crate::auth::policy::removes_comments(&identity.actor) {
        return Err(AppError::Forbidden(
            "comments-error-staff-only-remove".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &crate::web::confirm::ConfirmPage {
            heading: crate::web::i18n::t("comments-form-remove"),
            explanation: crate::web::i18n::text_with(
                crate::web::i18n::lang(),
                "comments-form-remove-text",
                &[
                    ("title", item.title.clone().into()),
                    ("removed", crate::web::i18n::t("comments-removed").into()),
                ],
            ),
            action: format!("/kommentarer/{}/ta-bort", c.id),
            csrf: user.0.csrf.clone(),
            button: crate::web::i18n::t("comments-form-remove"),
            back: format!("{}#{}", item.path, super::anchor(c.id)),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CsrfForm {
    csrf: String,
}

async fn remove_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    user: SignedIn,
    by: By,
    id: web::Path<Uuid>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (c, item) = super::remove(&state, &targets, &by, *id).await?;
    Ok(frame::see_other(
        &format!("{}#{}", item.path, super::anchor(c.id)),
        &crate::web::i18n::t("comments-form-removed"),
    ))
}

// ---- The API -------------------------------------------------------------------------------

/// An item's comments: a page of its top-level comments, the oldest first, each with its
/// replies. Only readers of the item see them (everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/comments",
    tag = "comments",
    params(CommentQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = CommentList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    actor: crate::auth::Actor,
    query: web::Query<CommentQuery>,
) -> Result<web::Json<CommentList>, AppError> {
    let mut issues = Vec::new();
    let kind = super::item_kind(&query.item_kind, "item_kind", &mut issues)
        .ok_or(AppError::Invalid(issues))?;
    let item = targets.open(&state, &actor, kind, query.item_id).await?;
    Ok(web::Json(super::list(&state, &item, query.page).await?))
}

/// Comments on an item (any signed-in reader of it), or replies to a top-level comment with
/// `parent_id` (a reply cannot be replied to: 422). The item's followers are told, and the
/// writer follows the item. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/comments",
    tag = "comments",
    request_body = CommentInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = CommentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    by: By,
    input: web::Json<CommentInput>,
) -> Result<HttpResponse, AppError> {
    let (c, item) = super::post(&state, &targets, &by, input.into_inner()).await?;
    let id = c.id;
    let view = super::one(&state, &item, c).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/comments/{id}")))
        .json(view))
}

/// One comment (readers of its item). A removed comment has no text.
#[utoipa::path(
    get,
    path = "/api/v1/comments/{id}",
    tag = "comments",
    params(("id" = Uuid, Path, description = "The comment's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = CommentView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_one(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    actor: crate::auth::Actor,
    id: web::Path<Uuid>,
) -> Result<web::Json<CommentView>, AppError> {
    let (c, item) = super::open(&state, &targets, &actor, *id).await?;
    Ok(web::Json(super::one(&state, &item, c).await?))
}

/// Changes a comment's text: its author only, within 15 minutes of writing it (409 after).
/// A JSON Merge Patch of `{"text": ...}`. Requires a bearer token with the `write` scope.
#[utoipa::path(
    patch,
    path = "/api/v1/comments/{id}",
    tag = "comments",
    params(("id" = Uuid, Path, description = "The comment's UUID")),
    request_body(content(
        (CommentEdit = "application/merge-patch+json"),
        (CommentEdit = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = CommentView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn patch(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    by: By,
    id: web::Path<Uuid>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<CommentView>, AppError> {
    let (current, _) = super::editable(&state, &targets, &by, *id).await?;
    let input = crate::web::merge_patch::patched(
        &CommentEdit {
            text: current.text_md,
        },
        patch.into_inner(),
    )?;
    let (c, item) = super::edit(&state, &targets, &by, *id, input).await?;
    Ok(web::Json(super::one(&state, &item, c).await?))
}

/// Removes a comment (node staff): its text disappears and is kept in the audit trail; its
/// replies stay. Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/comments/{id}",
    tag = "comments",
    params(("id" = Uuid, Path, description = "The comment's UUID")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed (or already removed)"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    targets: web::Data<Targets>,
    by: By,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    super::remove(&state, &targets, &by, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
