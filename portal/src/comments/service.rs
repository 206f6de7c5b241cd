//! Writing comments: post, edit (the author, within the window) and remove (node staff).
//! Every write runs on one unit of work and is audited.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use super::entity as comment;
use super::{EDIT_WINDOW_MINUTES, ItemRef, MAX_CHARS, Targets};
use crate::audit::By;
use crate::auth::Actor;
use crate::auth::policy;
use crate::changes::Kind;
use crate::error::{AppError, FieldIssue};
use crate::notifications::{self, Event, EventKind, Topic};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

/// A new comment or reply.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentInput {
    /// What is commented: trial, need, report, field_report or remote_item.
    #[schema(schema_with = super::kind_schema)]
    pub item_kind: String,
    /// The commented item's UUID.
    pub item_id: Uuid,
    /// The top-level comment this one replies to (a reply cannot be replied to).
    #[serde(default)]
    pub parent_id: Option<Uuid>,
    /// The comment, in Markdown.
    #[validate(length(min = 1, max = 4000, message = "comments-error-text-length"))]
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
}

/// A comment's new text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentEdit {
    /// The comment, in Markdown.
    #[validate(length(min = 1, max = 4000, message = "comments-error-text-length"))]
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
}

/// The text's issues: required, at most [`MAX_CHARS`], no personnummer, Markdown that nests
/// sanely.
fn check_text(text: &str, issues: &mut Vec<FieldIssue>) {
    if issues.iter().all(|i| i.field != "text") {
        crate::error::require_text(text, "text", "comments-error-text-missing", issues);
        if text.chars().count() as u64 > MAX_CHARS {
            issues.push(FieldIssue::new("text", "comments-error-text-too-long"));
        }
    }
    crate::privacy::check_fields(&[("text", text)], issues);
    markdown::check_fields(&[("text", text)], issues);
}

fn refuse_any(issues: Vec<FieldIssue>) -> Result<(), AppError> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(issues))
    }
}

/// The change-log kind of a commented item: its feature's (`trial`, `need`, `report`,
/// `field_report`), so a digest asks the item's visibility again.
pub fn change_kind(item: &ItemRef) -> Kind {
    Kind::new(item.kind.as_str())
}

/// The writer's name as readers know it.
async fn writer_name(unit: &Unit) -> Result<String, AppError> {
    let by = unit.by();
    Ok(match by.actor.user_id() {
        Some(id) => crate::auth::users::get(unit.db(), id)
            .await?
            .map_or_else(|| by.name.clone(), |u| u.name),
        None => by.name.clone(),
    })
}

/// A short plain excerpt of `text` for a notice.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 200 {
        format!("{}…", flat.chars().take(200).collect::<String>())
    } else {
        flat
    }
}

/// Writes a comment (or a reply) on the item `input` names, for a signed-in reader of it. The
/// item's followers who may read it are told, and so is the author of the comment replied to;
/// the writer follows the item from now on.
#[tracing::instrument(skip_all)]
pub async fn post(
    state: &AppState,
    targets: &Targets,
    by: &By,
    input: CommentInput,
) -> Result<(comment::Model, ItemRef), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let mut issues = crate::error::issues_of(&input);
    let kind = super::item_kind(&input.item_kind, "item_kind", &mut issues);
    let Some(kind) = kind else {
        return Err(AppError::Invalid(issues));
    };
    let item = targets.open(state, &by.actor, kind, input.item_id).await?;
    if !policy::comments_on(&by.actor, &item.principals) {
        return Err(AppError::Forbidden("comments-error-read-only".to_owned()));
    }
    check_text(&input.text, &mut issues);
    let parent = match input.parent_id {
        None => None,
        Some(parent_id) => {
            let parent = comment::Entity::find_by_id(parent_id)
                .one(&state.db)
                .await?
                .filter(|p| p.item_kind == item.kind.as_str() && p.item_id == item.id);
            match parent {
                None => {
                    issues.push(FieldIssue::new(
                        "parent_id",
                        "comments-error-parent-missing",
                    ));
                    None
                }
                Some(p) if p.parent_id.is_some() => {
                    issues.push(FieldIssue::new(
                        "parent_id",
                        "comments-error-reply-to-reply",
                    ));
                    None
                }
                Some(p) => Some(p),
            }
        }
    };
    refuse_any(issues)?;
    let text_html = markdown::render_field("text", input.text.clone())
        .await?
        .into_string();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = Uuid::now_v7();
    let written = comment::ActiveModel {
        id: Set(id),
        item_kind: Set(item.kind.as_str().to_owned()),
        item_id: Set(item.id),
        parent_id: Set(parent.as_ref().map(|p| p.id)),
        author_id: Set(by.actor.user_id()),
        text_md: Set(input.text.clone()),
        text_html: Set(text_html),
        created_at: Set(now),
        edited_at: Set(None),
        removed_at: Set(None),
        removed_by: Set(None),
    }
    .insert(unit.db())
    .await?;
    let topic = Topic::new(item.kind, item.id);
    if let Some(me) = by.actor.user_id() {
        notifications::follow(unit.db(), now, me, topic, &item.title, &item.path, true).await?;
    }
    let writer = writer_name(&unit).await?;
    unit.audit(
        "comment.add",
        format!("{}:{}", item.kind.as_str(), item.id),
        item.title.clone(),
    );
    let reply = input.parent_id.is_some();
    let text = excerpt(&input.text);
    unit.event(Event {
        kind: EventKind::Comment,
        item_kind: change_kind(&item),
        item_id: item.id,
        principals: item.principals.clone(),
        topics: vec![(topic, item.title.clone())],
        users: parent.and_then(|p| p.author_id).into_iter().collect(),
        words: notifications::Words::each(|| {
            use crate::web::i18n;
            let kind = item.kind.label().to_lowercase();
            let args = [
                ("writer", writer.as_str()),
                ("title", item.title.as_str()),
                ("kind", kind.as_str()),
            ];
            notifications::Words {
                title: if reply {
                    i18n::t_args("comments-notice-reply-title", &args)
                } else {
                    i18n::t_args("comments-notice-new-title", &args)
                },
                lines: vec![i18n::t_args("comments-notice-new", &args), text.clone()],
            }
        }),
        path: format!("{}#{}", item.path, super::anchor(id)),
    });
    unit.commit().await?;
    Ok((written, item))
}

/// The comment `id` with its item as `actor` sees it; "not found" when either is not there
/// for them.
pub async fn open(
    state: &AppState,
    targets: &Targets,
    actor: &Actor,
    id: Uuid,
) -> Result<(comment::Model, ItemRef), AppError> {
    let found = comment::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("kommentaren"))?;
    let kind = crate::notifications::TopicKind::parse(&found.item_kind)
        .ok_or(AppError::NotFound("kommentaren"))?;
    let item = targets
        .open(state, actor, kind, found.item_id)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("kommentaren"),
            other => other,
        })?;
    Ok((found, item))
}

/// Whether the edit window of `c` is still open at `now`.
pub fn editable_at(c: &comment::Model, now: chrono::DateTime<chrono::Utc>) -> bool {
    c.removed_at.is_none() && now - c.created_at <= Duration::minutes(EDIT_WINDOW_MINUTES)
}

/// Whether `actor` wrote `c`.
pub fn written_by(c: &comment::Model, actor: &Actor) -> bool {
    actor.user_id().is_some_and(|me| c.author_id == Some(me))
}

/// The comment `id` if `by` may change it now: its author, within the window (409 after).
pub async fn editable(
    state: &AppState,
    targets: &Targets,
    by: &By,
    id: Uuid,
) -> Result<(comment::Model, ItemRef), AppError> {
    let (c, item) = open(state, targets, &by.actor, id).await?;
    if !written_by(&c, &by.actor) || !policy::comments_on(&by.actor, &item.principals) {
        return Err(AppError::Forbidden("comments-error-author-only".to_owned()));
    }
    if c.removed_at.is_some() {
        return Err(AppError::Conflict("comments-error-removed".to_owned()));
    }
    if !editable_at(&c, state.clock.now()) {
        return Err(AppError::Conflict(crate::web::i18n::t_count(
            "comments-error-edit-window",
            "minutes",
            EDIT_WINDOW_MINUTES,
        )));
    }
    Ok((c, item))
}

/// Changes the text of comment `id` (its author, within [`EDIT_WINDOW_MINUTES`] minutes).
#[tracing::instrument(skip_all)]
pub async fn edit(
    state: &AppState,
    targets: &Targets,
    by: &By,
    id: Uuid,
    input: CommentEdit,
) -> Result<(comment::Model, ItemRef), AppError> {
    let (c, item) = editable(state, targets, by, id).await?;
    let mut issues = crate::error::issues_of(&input);
    check_text(&input.text, &mut issues);
    refuse_any(issues)?;
    let text_html = markdown::render_field("text", input.text.clone())
        .await?
        .into_string();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let mut row = c.into_active_model();
    row.text_md = Set(input.text);
    row.text_html = Set(text_html);
    row.edited_at = Set(Some(now));
    let changed = row.update(unit.db()).await?;
    unit.audit(
        "comment.edit",
        format!("{}:{}", item.kind.as_str(), item.id),
        format!("{}: kommentar {id}", item.title),
    );
    unit.commit().await?;
    Ok((changed, item))
}

/// Removes comment `id` (node staff): its text leaves the pages and the row, and is kept in the
/// audit trail. Removing a removed comment changes nothing.
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: &AppState,
    targets: &Targets,
    by: &By,
    id: Uuid,
) -> Result<(comment::Model, ItemRef), AppError> {
    let (c, item) = open(state, targets, &by.actor, id).await?;
    if !policy::removes_comments(&by.actor) {
        return Err(AppError::Forbidden(
            "comments-error-staff-only-remove".to_owned(),
        ));
    }
    if c.removed_at.is_some() {
        return Ok((c, item));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let removed_text = c.text_md.clone();
    let mut row = c.into_active_model();
    row.text_md = Set(String::new());
    row.text_html = Set(String::new());
    row.removed_at = Set(Some(now));
    row.removed_by = Set(by.actor.user_id());
    let removed = row.update(unit.db()).await?;
    unit.audit(
        "comment.remove",
        format!("{}:{}", item.kind.as_str(), item.id),
        format!(
            "{}: kommentar {id} borttagen. Texten var: {removed_text}",
            item.title
        ),
    );
    unit.commit().await?;
    Ok((removed, item))
}
