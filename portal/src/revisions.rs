//! Revisions of shared knowledge: every saved state of a need, a trial or a catalogue entry,
//! numbered per item, as a stable plain-text rendering of its fields (one "Label: value" per
//! line, then its Markdown), so a reader can see what changed between two states and who
//! changed it. One table for every kind of item, told apart by the item's change-log kind.
//!
//! A feature keeps a revision in the unit of work that saves the item ([`keep`]; nothing is
//! kept when the rendering is unchanged), answers its history from [`history`] and [`compare`],
//! and shows it with [`HistoryPage`] (the same page for every kind).

use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::changes::Kind;
use crate::error::AppError;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// One saved state of an item.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "revisions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// The change-log kind of the item ("need", "trial", ...).
        pub kind: String,
        pub entity_id: Uuid,
        /// 1, 2, 3, ... per item.
        pub number: i32,
        pub title: String,
        /// The fields as "Label: value" lines, a blank line, then the Markdown.
        pub body: String,
        /// The display name of who saved it.
        pub by: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The stable plain-text rendering of an item: one "Label: value" line per field (empty
/// values left out), a blank line, then the Markdown as written.
pub fn render(fields: &[(&str, &str)], markdown: &str) -> String {
    let mut body = String::new();
    for (label, value) in fields {
        let value = value.trim();
        if !value.is_empty() {
            body.push_str(label);
            body.push_str(": ");
            // One field, one line, whatever was typed.
            body.push_str(&value.replace(['\r', '\n'], " "));
            body.push('\n');
        }
    }
    let markdown = markdown.trim_end();
    if !markdown.is_empty() {
        body.push('\n');
        body.push_str(markdown);
        body.push('\n');
    }
    body
}

/// Appends a revision of the item `entity_id` of `kind` with `title` and `body` (see
/// [`render`]), saved by `by` at `at`, unless its newest revision reads the same. Returns
/// whether one was kept. Call it in the unit of work that saves the item.
pub async fn keep<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    entity_id: Uuid,
    title: &str,
    body: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let newest = entity::Entity::find()
        .filter(entity::Column::Kind.eq(kind.as_str()))
        .filter(entity::Column::EntityId.eq(entity_id))
        .order_by_desc(entity::Column::Number)
        .one(db)
        .await?;
    if newest
        .as_ref()
        .is_some_and(|r| r.title == title && r.body == body)
    {
        return Ok(false);
    }
    entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(kind.as_str().to_owned()),
        entity_id: Set(entity_id),
        number: Set(newest.map_or(1, |r| r.number + 1)),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        by: Set(by.to_owned()),
        at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// The revisions of the item `id` of `kind`, newest first. The caller has checked that the
/// reader may open the item.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    id: Uuid,
) -> Result<Vec<entity::Model>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::Kind.eq(kind.as_str()))
        .filter(entity::Column::EntityId.eq(id))
        .order_by_desc(entity::Column::Number)
        .all(db)
        .await
}

/// One revision as a history lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ItemRevision)]
pub struct RevisionView {
    pub number: i32,
    pub title: String,
    /// Who saved it (display name).
    pub by: String,
    pub at: DateTime<Utc>,
}

impl From<&entity::Model> for RevisionView {
    fn from(r: &entity::Model) -> Self {
        RevisionView {
            number: r.number,
            title: r.title.clone(),
            by: r.by.clone(),
            at: r.at,
        }
    }
}

/// One line of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = ItemRevisionLine)]
pub struct DiffLine {
    /// `same`, `removed` or `added`.
    pub change: &'static str,
    pub text: String,
}

/// What changed between two revisions of an item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ItemRevisionComparison)]
pub struct Comparison {
    pub from: RevisionView,
    pub to: RevisionView,
    pub lines: Vec<DiffLine>,
}

/// Compares revisions `from` and `to` among `revisions` (one item's history) line by line,
/// the title first.
pub fn compare(revisions: &[entity::Model], from: i32, to: i32) -> Result<Comparison, AppError> {
    let find = |n: i32| {
        revisions
            .iter()
            .find(|r| r.number == n)
            .ok_or(AppError::NotFound("versionen"))
    };
    let (old, new) = (find(from)?, find(to)?);
    Ok(Comparison {
        from: old.into(),
        to: new.into(),
        lines: diff_lines(
            &format!("# {}\n\n{}", old.title, old.body),
            &format!("# {}\n\n{}", new.title, new.body),
        ),
    })
}

/// A line diff of two texts.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| DiffLine {
            change: match change.tag() {
                similar::ChangeTag::Equal => "same",
                similar::ChangeTag::Delete => "removed",
                similar::ChangeTag::Insert => "added",
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

/// An item's history as the API gives it: the revisions newest first and, when there are two
/// or more, what changed between the chosen pair (by default the newest and the one before).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ItemHistory)]
pub struct History {
    pub revisions: Vec<RevisionView>,
    pub comparison: Option<Comparison>,
}

/// Which two revisions a history page compares (`?fran=1&till=3`).
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CompareQuery {
    /// The older revision's number (default: the one before `till`).
    #[param(minimum = 1)]
    pub fran: Option<i32>,
    /// The newer revision's number (default: the newest).
    #[param(minimum = 1)]
    pub till: Option<i32>,
}

/// The history of the item `id` of `kind` with the comparison `query` asks for (none when
/// there are fewer than two revisions). The caller has checked that the reader may open it.
pub async fn history_of<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    id: Uuid,
    query: CompareQuery,
) -> Result<(Vec<entity::Model>, Option<Comparison>, i32, i32), AppError> {
    for (field, number) in [("fran", query.fran), ("till", query.till)] {
        if number.is_some_and(|n| n < 1) {
            return Err(AppError::invalid(
                field,
                "revisions-error-numbered-from-one",
            ));
        }
    }
    let revisions = history(db, kind, id).await?;
    let newest = revisions.first().map_or(0, |r| r.number);
    let to = query.till.unwrap_or(newest);
    let from = query.fran.unwrap_or((to - 1).max(1));
    let comparison = if revisions.len() > 1 {
        Some(compare(&revisions, from, to)?)
    } else {
        None
    };
    Ok((revisions, comparison, from, to))
}

/// The API's answer for an item's history.
pub async fn api_history<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    id: Uuid,
    query: CompareQuery,
) -> Result<History, AppError> {
    let (revisions, comparison, _, _) = history_of(db, kind, id, query).await?;
    Ok(History {
        revisions: revisions.iter().map(RevisionView::from).collect(),
        comparison,
    })
}

/// A revision as the history page lists it.
pub struct RevisionRow {
    pub number: i32,
    pub title: String,
    pub by: String,
    pub at: String,
}

/// The heading over what changed between revisions `from` and `to`, in the page's language
/// (also on a report's history page).
pub fn difference_heading(from: impl std::fmt::Display, to: impl std::fmt::Display) -> String {
    crate::web::i18n::text_with(
        crate::web::i18n::lang(),
        "revisions-difference",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
        ],
    )
}

/// The history page of any item kind: its revisions and what changed between two of them.
#[derive(Template, WebTemplate)]
#[template(path = "revisions/history.html")]
pub struct HistoryPage {
    /// The item's current title and address.
    pub title: String,
    pub url: String,
    pub revisions: Vec<RevisionRow>,
    pub from: i32,
    pub to: i32,
    pub comparison: Option<Comparison>,
    /// What the page says when nothing has been kept yet.
    pub empty: String,
}

/// The history page of the item `id` of `kind` (titled `title`, at `url`). The caller has
/// checked that the reader may open it.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    kind: Kind,
    id: Uuid,
    title: String,
    url: String,
    query: CompareQuery,
    empty: String,
) -> Result<HistoryPage, AppError> {
    let (revisions, comparison, from, to) = history_of(db, kind, id, query).await?;
    Ok(HistoryPage {
        title,
        url,
        revisions: revisions
            .iter()
            .map(|r| RevisionRow {
                number: r.number,
                title: r.title.clone(),
                by: r.by.clone(),
                at: crate::web::datetime_text(r.at),
            })
            .collect(),
        from,
        to,
        comparison,
        empty,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rendering_has_one_line_per_field_then_the_markdown() {
        let body = render(
            &[("Målgrupp", "LSS"), ("Kategori", ""), ("Status", "Ny\nrad")],
            "Text\n\nMer text\n",
        );
        assert_eq!(body, "Målgrupp: LSS\nStatus: Ny rad\n\nText\n\nMer text\n");
    }

    #[test]
    fn a_diff_shows_removed_and_added_lines_between_unchanged_ones() {
        let lines = diff_lines("a\nb\nc\n", "a\nB\nc\n");
        let shown: Vec<(&str, &str)> = lines.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("same", "a"),
                ("removed", "b"),
                ("added", "B"),
                ("same", "c")
            ]
        );
    }
}
