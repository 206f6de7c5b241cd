//! Reading comments: an item's comments (top-level ones paged in the database, each with its
//! replies), for its page and for the API.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity as comment;
use super::{ItemRef, PER_PAGE};
use crate::auth::{Actor, Identity, policy};
use crate::error::AppError;
use crate::state::AppState;

/// What a removed comment says instead of its text.
pub const REMOVED: &str = "Kommentaren är borttagen av noden";

/// One comment as readers see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: Uuid,
    /// trial, need, report, field_report or remote_item.
    pub item_kind: String,
    pub item_id: Uuid,
    /// The top-level comment this replies to.
    pub parent_id: Option<Uuid>,
    /// The writer's name (none when their account is gone).
    pub author: Option<String>,
    /// The writer's organisation.
    pub organisation: Option<String>,
    /// The Markdown as written; none once removed.
    pub text: Option<String>,
    /// The sanitised HTML; none once removed.
    pub text_html: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Removed by node staff: the text is gone.
    pub removed: bool,
    /// The replies, the oldest first (top-level comments only; a reply has none).
    #[schema(no_recursion)]
    pub replies: Vec<CommentView>,
    /// The comment on its item's page.
    pub url: String,
}

/// A page of an item's top-level comments, each with its replies.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentList {
    pub items: Vec<CommentView>,
    /// Top-level comments in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// `GET /api/v1/comments`: which item, which page.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentQuery {
    // A plain string, not `schema_with = kind_schema`: utoipa drops `required` from a
    // parameter given by `schema_with`.
    /// What is commented: trial, need, report, field_report or remote_item (another value is a 422).
    pub item_kind: String,
    /// The item's UUID.
    pub item_id: Uuid,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

async fn authors(
    state: &AppState,
    rows: &[comment::Model],
) -> Result<HashMap<Uuid, (String, Option<String>)>, AppError> {
    use crate::auth::entity::user;
    let ids: Vec<Uuid> = rows.iter().filter_map(|c| c.author_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let catalog = state.catalog.get();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| {
            let organisation = catalog
                .organisation_by_id(u.organisation_id)
                .map(|o| o.name.clone());
            (u.id, (u.name, organisation))
        })
        .collect())
}

fn view(
    c: comment::Model,
    item: &ItemRef,
    names: &HashMap<Uuid, (String, Option<String>)>,
) -> CommentView {
    let removed = c.removed_at.is_some();
    let (author, organisation) = c
        .author_id
        .and_then(|a| names.get(&a).cloned())
        .map_or((None, None), |(n, o)| (Some(n), o));
    CommentView {
        url: format!("{}#{}", item.path, super::anchor(c.id)),
        id: c.id,
        item_kind: c.item_kind,
        item_id: c.item_id,
        parent_id: c.parent_id,
        author,
        organisation,
        text: (!removed).then_some(c.text_md),
        text_html: (!removed).then_some(c.text_html),
        created_at: c.created_at,
        edited_at: c.edited_at,
        removed,
        replies: Vec::new(),
    }
}

/// Page `page` of `item`'s top-level comments (the oldest first), each with its replies.
/// The caller has checked that the reader may read `item`.
pub async fn list(
    state: &AppState,
    item: &ItemRef,
    page: Option<usize>,
) -> Result<CommentList, AppError> {
    let page = crate::web::page_number(page)? as u64;
    let query = comment::Entity::find()
        .filter(comment::Column::ItemKind.eq(item.kind.as_str()))
        .filter(comment::Column::ItemId.eq(item.id))
        .filter(comment::Column::ParentId.is_null())
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id);
    let (top, total) = crate::db::page_of(&state.db, query, page, PER_PAGE).await?;
    let replies = if top.is_empty() {
        Vec::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::ParentId.is_in(top.iter().map(|c| c.id)))
            .order_by_asc(comment::Column::CreatedAt)
            .order_by_asc(comment::Column::Id)
            .all(&state.db)
            .await?
    };
    let mut everyone = top.clone();
    everyone.extend(replies.iter().cloned());
    let names = authors(state, &everyone).await?;
    let mut items: Vec<CommentView> = top.into_iter().map(|c| view(c, item, &names)).collect();
    for reply in replies {
        if let Some(parent) = items.iter_mut().find(|p| Some(p.id) == reply.parent_id) {
            parent.replies.push(view(reply, item, &names));
        }
    }
    Ok(CommentList {
        items,
        total,
        page,
        per_page: PER_PAGE,
    })
}

/// One comment as its reader sees it (the caller opened it with its item).
pub async fn one(
    state: &AppState,
    item: &ItemRef,
    c: comment::Model,
) -> Result<CommentView, AppError> {
    let names = authors(state, std::slice::from_ref(&c)).await?;
    Ok(view(c, item, &names))
}

/// A comment on an item's page, with what the reader may do with it.
pub struct CommentRow {
    pub c: CommentView,
    pub anchor: String,
    /// When it was written, in Swedish.
    pub written: String,
    pub edited: bool,
    pub may_edit: bool,
    pub may_remove: bool,
    pub replies: Vec<CommentRow>,
}

/// The "Kommentarer" part of an item's page (`comments/section.html`): the comments, a reply
/// form under each top-level comment and the form for a new one, for those who may write.
pub struct Section {
    pub kind: String,
    pub item_id: Uuid,
    pub path: String,
    pub rows: Vec<CommentRow>,
    pub total: u64,
    /// Top-level comments beyond the first page.
    pub more: u64,
    pub may_comment: bool,
    pub signed_in: bool,
    pub csrf: String,
    pub edit_minutes: i64,
    /// "Logga in", back to the item afterwards.
    pub sign_in: String,
}

fn row(
    c: CommentView,
    raw: &HashMap<Uuid, comment::Model>,
    actor: &Actor,
    now: DateTime<Utc>,
    staff: bool,
) -> CommentRow {
    let (may_edit, edited) = raw.get(&c.id).map_or((false, false), |m| {
        (
            super::written_by(m, actor) && super::editable_at(m, now),
            m.edited_at.is_some(),
        )
    });
    let replies = c
        .replies
        .iter()
        .cloned()
        .map(|r| row(r, raw, actor, now, staff))
        .collect();
    CommentRow {
        anchor: super::anchor(c.id),
        written: crate::web::datetime_text(c.created_at),
        edited,
        may_edit,
        may_remove: staff && !c.removed,
        replies,
        c: CommentView {
            replies: Vec::new(),
            ..c
        },
    }
}

/// The comments section of `item` for `identity`, who the item's feature found may read it.
pub async fn section(
    state: &AppState,
    identity: &Identity,
    item: ItemRef,
) -> Result<Section, AppError> {
    let actor = &identity.actor;
    let list = list(state, &item, None).await?;
    let ids: Vec<Uuid> = list
        .items
        .iter()
        .flat_map(|c| std::iter::once(c.id).chain(c.replies.iter().map(|r| r.id)))
        .collect();
    let raw: HashMap<Uuid, comment::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::Id.is_in(ids))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    let signed_in = identity.session.is_some();
    let staff = signed_in && policy::removes_comments(actor);
    let now = state.clock.now();
    let rows = list
        .items
        .into_iter()
        .map(|c| row(c, &raw, actor, now, staff))
        .collect();
    Ok(Section {
        kind: item.kind.as_str().to_owned(),
        item_id: item.id,
        path: item.path.clone(),
        rows,
        total: list.total,
        more: list.total.saturating_sub(list.per_page),
        may_comment: signed_in && policy::comments_on(actor, &item.principals),
        signed_in,
        csrf: identity
            .session
            .as_ref()
            .map(|s| s.csrf.clone())
            .unwrap_or_default(),
        edit_minutes: super::EDIT_WINDOW_MINUTES,
        sign_in: format!(
            "/logga-in?{}",
            serde_html_form::to_string([("tillbaka", &item.path)]).unwrap_or_default()
        ),
    })
}
