//! Review before publishing, and the history of published reports.
//!
//! A report written by a member starts as a draft (`utkast`) open to its own organisation and
//! to node staff. Sent for review (`granskas`), node staff publish it (`publicerad`) or send it
//! back with comments (`returnerad`). Every saved state of a published report is kept as a
//! numbered revision that anyone who may read the report can compare with another.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity::{self, revision};
use super::model::Status;
use crate::audit::By;
use crate::auth::{Action, Actor, Resource, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::privacy;
use crate::state::AppState;
use crate::unit::Unit;

/// Appends a revision with the report's current title and body, unless the newest revision
/// already reads the same (re-importing an unchanged file, say).
pub async fn keep_revision<C: ConnectionTrait>(
    txn: &C,
    report: &entity::Model,
    edited_by: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    keep_revisions(
        txn,
        &[Keep {
            report,
            edited_by,
            at,
            before: None,
            created: false,
        }],
    )
    .await
}

/// A saved state of a published report to keep as a revision.
pub struct Keep<'a> {
    pub report: &'a entity::Model,
    /// The display name of who saved it.
    pub edited_by: &'a str,
    pub at: DateTime<Utc>,
    /// The report as it was before this save, when it was published already: kept as
    /// revision 1 if the report has none (it was published before the history was kept, or
    /// imported without one), so the save can be compared with what was there.
    pub before: Option<&'a entity::Model>,
    /// Whether this save created the report, so it has no revisions to read yet.
    pub created: bool,
}

/// Who saved a report's first state when it was kept only at its next save: stored, so in
/// Swedish.
fn before_history() -> String {
    crate::web::i18n::text(crate::web::i18n::Lang::Sv, "reports-before-history")
}

/// Appends a revision for each of `keeps` whose title or body differs from its report's
/// newest revision, reading the newest revisions of all of them in one query and writing the
/// new ones in one statement.
pub async fn keep_revisions<C: ConnectionTrait>(
    txn: &C,
    keeps: &[Keep<'_>],
) -> Result<(), AppError> {
    let ids: Vec<Uuid> = keeps
        .iter()
        .filter(|k| !k.created)
        .map(|k| k.report.id)
        .collect();
    let newest = newest_revisions(txn, &ids).await?;
    // A body is read back only where the newest revision could read the same: same title,
    // same length. An edit nearly always changes the length, so most are never sent back.
    let alike: Vec<Uuid> = keeps
        .iter()
        .filter_map(|k| {
            let last = newest.get(&k.report.id)?;
            (last.title == k.report.title && last.body_bytes == k.report.body_md.len() as i64)
                .then_some(last.id)
        })
        .collect();
    let bodies = bodies_of(txn, &alike).await?;
    let mut rows = Vec::new();
    let revision_of = |report: &entity::Model, number: i32, by: &str, at| revision::ActiveModel {
        id: Set(Uuid::now_v7()),
        report_id: Set(report.id),
        number: Set(number),
        title: Set(report.title.clone()),
        body_md: Set(report.body_md.clone()),
        edited_by: Set(by.to_owned()),
        edited_at: Set(at),
    };
    for keep in keeps {
        let report = keep.report;
        let mut last = newest.get(&report.id).map(|r| {
            let same = bodies.get(&r.id) == Some(&report.body_md);
            (r.number, same)
        });
        if let (None, Some(before)) = (last, keep.before) {
            rows.push(revision_of(before, 1, &before_history(), before.updated_at));
            let same = before.title == report.title && before.body_md == report.body_md;
            last = Some((1, same));
        }
        if last.is_some_and(|(_, same)| same) {
            continue;
        }
        let number = last.map_or(1, |(number, _)| number + 1);
        rows.push(revision_of(report, number, keep.edited_by, keep.at));
    }
    // A few hundred rows a statement stays well within every backend's parameter limit.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        revision::Entity::insert_many(rows.by_ref().take(500))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// A report's newest revision without its body: the body's length in bytes instead.
#[derive(Debug, sea_orm::FromQueryResult)]
struct Newest {
    id: Uuid,
    report_id: Uuid,
    number: i32,
    title: String,
    body_bytes: i64,
}

/// The newest revision of each of the reports `ids` that has one, by report.
async fn newest_revisions<C: ConnectionTrait>(
    txn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Newest>, DbErr> {
    use sea_orm::QuerySelect;
    let mut newest = HashMap::new();
    for chunk in ids.chunks(500) {
        let numbers = sea_orm::sea_query::Query::select()
            .column(revision::Column::ReportId)
            .expr(Expr::col(revision::Column::Number).max())
            .from(revision::Entity)
            .and_where(Expr::col(revision::Column::ReportId).is_in(chunk.iter().copied()))
            .group_by_col(revision::Column::ReportId)
            .to_owned();
        let which = Expr::tuple([
            Expr::col(revision::Column::ReportId),
            Expr::col(revision::Column::Number),
        ])
        .in_subquery(numbers);
        // PostgreSQL knows a stored text's size without decompressing it.
        let found = revision::Entity::find()
            .select_only()
            .column(revision::Column::Id)
            .column(revision::Column::ReportId)
            .column(revision::Column::Number)
            .column(revision::Column::Title)
            .expr_as(
                Expr::cust("octet_length(body_md)").cast_as("bigint"),
                "body_bytes",
            )
            .filter(which)
            .into_model::<Newest>()
            .all(txn)
            .await?;
        for revision in found {
            newest.insert(revision.report_id, revision);
        }
    }
    Ok(newest)
}

/// The bodies of the revisions `ids`, by revision.
async fn bodies_of<C: ConnectionTrait>(
    txn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, DbErr> {
    use sea_orm::QuerySelect;
    let mut bodies = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let found: Vec<(Uuid, String)> = revision::Entity::find()
            .select_only()
            .column(revision::Column::Id)
            .column(revision::Column::BodyMd)
            .filter(revision::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(txn)
            .await?;
        bodies.extend(found);
    }
    Ok(bodies)
}

/// A reviewer's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Publish the report: it becomes visible as its visibility says, and searchable.
    Publish,
    /// Send it back to its writers with comments.
    Return,
}

/// What a reviewer sends.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    pub decision: Decision,
    /// Required when returning: what the writers should change.
    #[serde(default)]
    pub comment: String,
}

/// Written by hand to state the rule the server keeps: returning needs a comment that is not
/// blank; publishing takes an optional one.
impl utoipa::PartialSchema for ReviewInput {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let variant = |decision: &str, comment_required: bool| {
            let comment = ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some("What the writers should change."));
            let comment = if comment_required {
                comment.pattern(Some(r"\S"))
            } else {
                comment
            };
            let object = ObjectBuilder::new()
                .property(
                    "decision",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some([decision])),
                )
                .required("decision")
                .property("comment", comment)
                .additional_properties(Some(
                    utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
                ));
            if comment_required {
                object.required("comment")
            } else {
                object
            }
        };
        OneOfBuilder::new()
            .item(variant("publish", false))
            .item(variant("return", true))
            .description(Some(
                "What a reviewer sends: `publish`, or `return` with a comment for the writers.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for ReviewInput {}

/// The report `id` if `actor` may read it; "not found" otherwise.
async fn readable<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> Result<entity::Model, AppError> {
    let Some(report) = entity::Entity::find_by_id(id).one(db).await? else {
        return Err(AppError::NotFound("rapporten"));
    };
    let resource = super::resource_in(db, &report, &state.catalog.get()).await?;
    if can(actor, Action::Read, &resource) {
        Ok(report)
    } else {
        Err(AppError::NotFound("rapporten"))
    }
}

/// Sends a draft or returned report for review.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn submit(state: &AppState, by: &By, id: Uuid) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let mut unit = Unit::begin(state, by).await?;
    let report = readable(state, unit.db(), &by.actor, id).await?;
    let resource = super::resource_in(unit.db(), &report, &state.catalog.get()).await?;
    if !super::may_edit(&by.actor, &report, &resource) {
        return Err(AppError::Forbidden(
            "reports-error-submit-only-own".to_owned(),
        ));
    }
    match Status::parse(&report.status) {
        Some(Status::Utkast | Status::Returnerad) => {}
        Some(Status::Granskas) => {
            return Err(AppError::Conflict(
                "reports-error-already-pending".to_owned(),
            ));
        }
        _ => {
            return Err(AppError::Conflict(
                "reports-error-already-published".to_owned(),
            ));
        }
    }
    let mut active: entity::ActiveModel = report.into();
    active.status = Set(Status::Granskas.as_str().to_owned());
    // The reviewer's earlier comments were answered by this version.
    active.review_comment = Set(None);
    active.updated_at = Set(unit.now());
    let report = active.update(unit.db()).await?;
    // Node staff now find it among what awaits them, in search too.
    unit.changed(super::REPORT, id, Op::Upsert);
    unit.audit(
        "report.submit",
        format!("report:{id}"),
        report.title.clone(),
    );
    notify_reviewers(state, &mut unit, &report, false).await?;
    unit.commit().await?;
    Ok(report)
}

/// Publishes a submitted report or sends it back with comments; tells its writer by e-mail.
/// A report whose published version has an edit waiting is reviewed as that edit: publishing
/// it replaces the published version, returning it leaves the published version as it was.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn review(
    state: &AppState,
    by: &By,
    id: Uuid,
    input: ReviewInput,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Review, &Resource::ReviewQueue) {
        return Err(match by.actor {
            Actor::Anonymous => AppError::Unauthorized,
            _ => AppError::Forbidden("reports-error-review-staff-only".to_owned()),
        });
    }
    let current = readable(state, &state.db, &by.actor, id).await?;
    let comment = input.comment.trim().to_owned();
    if input.decision == Decision::Return && comment.is_empty() {
        return Err(AppError::Invalid(vec![FieldIssue::new(
            "comment",
            "reports-error-review-comment-missing",
        )]));
    }
    if let Some(found) = privacy::find_personal_identity_number(&comment) {
        return Err(AppError::Invalid(vec![FieldIssue::new(
            "comment",
            privacy::refusal(&found),
        )]));
    }
    if edit_waits(&current) {
        return review_edit(state, by, current, input.decision, comment).await;
    }
    let mut unit = Unit::begin(state, by).await?;
    let report = readable(state, unit.db(), &by.actor, id).await?;
    if Status::parse(&report.status) != Some(Status::Granskas) {
        return Err(AppError::Conflict(
            "reports-error-review-not-pending".to_owned(),
        ));
    }
    let now = unit.now();
    let (status, action) = match input.decision {
        Decision::Publish => (Status::Publicerad, "report.publish"),
        Decision::Return => (Status::Returnerad, "report.return"),
    };
    let author = report.author_id;
    let mut active: entity::ActiveModel = report.into();
    active.status = Set(status.as_str().to_owned());
    // Comments stay with a returned report for its writers; a published one carries none (the
    // writer got them by e-mail).
    active.review_comment = Set((status == Status::Returnerad).then(|| comment.clone()));
    active.updated_at = Set(now);
    let report = active.update(unit.db()).await?;
    if status == Status::Publicerad {
        keep_revision(unit.db(), &report, &by.name, now).await?;
    }
    unit.changed(super::REPORT, id, Op::Upsert);
    unit.audit(action, format!("report:{id}"), report.title.clone());
    tell_writer(state, &mut unit, author, &report, status, &comment, false).await?;
    unit.commit().await?;
    Ok(report)
}

/// Whether a member's edit of the published report waits for review.
pub fn edit_waits(report: &entity::Model) -> bool {
    report.pending_input.is_some()
        && report.pending_status.as_deref() == Some(Status::Granskas.as_str())
}

/// Reviews the edit waiting on a published report.
async fn review_edit(
    state: &AppState,
    by: &By,
    report: entity::Model,
    decision: Decision,
    comment: String,
) -> Result<entity::Model, AppError> {
    let id = report.id;
    // The edit was checked when it was sent; it is read again against today's catalogue.
    let resolved = match decision {
        Decision::Return => None,
        Decision::Publish => {
            let input: super::ReportInput =
                serde_json::from_str(report.pending_input.as_deref().unwrap_or("{}"))
                    .map_err(|e| AppError::internal_from("pending report edit", e))?;
            let mut resolved = super::input::resolve(
                input,
                &state.catalog.get(),
                state.settings.markdown_max_bytes,
            )?;
            resolved.body_html = crate::web::markdown::render_field(
                "body",
                crate::web::markdown::without_title_heading(&resolved.body_md, &resolved.title)
                    .to_owned(),
            )
            .await?;
            Some(resolved)
        }
    };
    let mut unit = Unit::begin(state, by).await?;
    let report = readable(state, unit.db(), &by.actor, id).await?;
    if !edit_waits(&report) {
        return Err(AppError::Conflict(
            "reports-error-no-change-pending".to_owned(),
        ));
    }
    let author = report.pending_author_id;
    let now = unit.now();
    let (report, status) = match resolved {
        Some(resolved) => {
            let edited_by = report.pending_by.clone().unwrap_or_else(|| by.name.clone());
            let before = report.clone();
            let report = super::service::write(
                &mut unit,
                Some(report),
                None,
                resolved,
                super::service::Written {
                    status: Status::Publicerad,
                    trial_id: None,
                    author_id: None,
                    clear_pending: true,
                },
            )
            .await?;
            keep_revisions(
                unit.db(),
                &[Keep {
                    report: &report,
                    edited_by: &edited_by,
                    at: now,
                    before: Some(&before),
                    created: false,
                }],
            )
            .await?;
            unit.audit(
                "report.publish_edit",
                format!("report:{id}"),
                report.title.clone(),
            );
            (report, Status::Publicerad)
        }
        None => {
            let mut active: entity::ActiveModel = report.into();
            active.pending_status = Set(Some(Status::Returnerad.as_str().to_owned()));
            active.review_comment = Set(Some(comment.clone()));
            let report = active.update(unit.db()).await?;
            unit.audit(
                "report.return_edit",
                format!("report:{id}"),
                report.title.clone(),
            );
            (report, Status::Returnerad)
        }
    };
    tell_writer(state, &mut unit, author, &report, status, &comment, true).await?;
    unit.commit().await?;
    Ok(report)
}

/// Tells the writer of a report (or of an edit of it) what the review decided.
async fn tell_writer(
    state: &AppState,
    unit: &mut Unit,
    author: Option<Uuid>,
    report: &entity::Model,
    status: Status,
    comment: &str,
    edit: bool,
) -> Result<(), AppError> {
    let recipients = match author {
        Some(author) if unit.sends_mail() => {
            crate::auth::users::to_notify_users(unit.db(), &[author]).await?
        }
        _ => Vec::new(),
    };
    let settings = state.settings.public_link("/konto");
    let title = report.title.as_str();
    // In each recipient's language.
    let notice = || {
        let mut lines = vec![match (status, edit) {
            (Status::Publicerad, false) => {
                crate::web::i18n::t_with("reports-notice-published", "title", title)
            }
            (Status::Publicerad, true) => {
                crate::web::i18n::t_with("reports-notice-edit-published", "title", title)
            }
            (_, false) => crate::web::i18n::t_with("reports-notice-returned", "title", title),
            (_, true) => crate::web::i18n::t_with("reports-notice-edit-returned", "title", title),
        }];
        if !comment.is_empty() {
            lines.push(crate::web::i18n::t_with(
                "report-reviewer-comment",
                "comment",
                comment,
            ));
        }
        Notice {
            subject: match (status, edit) {
                (Status::Publicerad, false) => {
                    crate::web::i18n::t_with("reports-notice-published-subject", "title", title)
                }
                (Status::Publicerad, true) => crate::web::i18n::t_with(
                    "reports-notice-edit-published-subject",
                    "title",
                    title,
                ),
                (_, false) => {
                    crate::web::i18n::t_with("reports-notice-returned-subject", "title", title)
                }
                (_, true) => {
                    crate::web::i18n::t_with("reports-notice-edit-returned-subject", "title", title)
                }
            },
            lines,
            link: state.settings.public_link(&super::url(report)),
            settings: &settings,
        }
    };
    unit.notify(&recipients, notice)?;
    Ok(())
}

/// Keeps a member's edit of a published report for review; the published version stays.
pub(crate) async fn hold_edit(
    unit: &mut Unit,
    report: entity::Model,
    input: &super::ReportInput,
) -> Result<entity::Model, AppError> {
    let json = serde_json::to_string(input)
        .map_err(|e| AppError::internal_from("pending report edit", e))?;
    let now = unit.now();
    let by = unit.by().clone();
    let mut active: entity::ActiveModel = report.into();
    active.pending_input = Set(Some(json));
    active.pending_by = Set(Some(by.name.clone()));
    active.pending_author_id = Set(by.actor.user_id());
    active.pending_at = Set(Some(now));
    active.pending_status = Set(Some(Status::Granskas.as_str().to_owned()));
    // The reviewer's comments on an earlier edit were answered by this one.
    active.review_comment = Set(None);
    Ok(active.update(unit.db()).await?)
}

/// Tells node staff that a report, or an edit of a published one, waits for their review.
pub(crate) async fn notify_reviewers(
    state: &AppState,
    unit: &mut Unit,
    report: &entity::Model,
    edit: bool,
) -> Result<(), AppError> {
    if !unit.sends_mail() {
        return Ok(());
    }
    let recipients =
        crate::auth::users::to_notify_staff(unit.db(), unit.by().actor.user_id()).await?;
    let settings = state.settings.public_link("/konto");
    let title = report.title.as_str();
    unit.notify(&recipients, || {
        let line = if edit {
            crate::web::i18n::t_with("reports-notice-edit-waiting", "title", title)
        } else {
            crate::web::i18n::t_with("reports-notice-submitted", "title", title)
        };
        Notice {
            subject: crate::web::i18n::t_with("reports-notice-to-review-subject", "title", title),
            lines: vec![line, crate::web::i18n::t("reports-notice-to-review")],
            link: state.settings.public_link(&super::url(report)),
            settings: &settings,
        }
    })?;
    Ok(())
}

/// How many reports the review queue shows at a time.
pub const WAITING_PER_PAGE: usize = 50;

/// One page of the reports waiting for review, oldest first, and how many wait in all.
pub async fn waiting(
    state: &AppState,
    actor: &Actor,
    page: usize,
) -> Result<(Vec<entity::Model>, u64), AppError> {
    if !can(actor, Action::Review, &Resource::ReviewQueue) {
        return Err(AppError::Forbidden(
            "reports-error-review-staff-only".to_owned(),
        ));
    }
    let query = entity::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(entity::Column::Status.eq(Status::Granskas.as_str()))
                .add(entity::Column::PendingStatus.eq(Status::Granskas.as_str())),
        )
        .order_by_asc(entity::Column::UpdatedAt)
        .order_by_asc(entity::Column::Id);
    Ok(crate::db::page_of(
        &state.db,
        query,
        page.max(1) as u64,
        WAITING_PER_PAGE as u64,
    )
    .await?)
}

/// One revision as history lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionView {
    pub number: i32,
    pub title: String,
    pub edited_by: String,
    pub edited_at: DateTime<Utc>,
}

/// The report `id` and its revisions, newest first, if `actor` may read it.
pub async fn history(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(entity::Model, Vec<revision::Model>), AppError> {
    let report = readable(state, &state.db, actor, id).await?;
    let revisions = revision::Entity::find()
        .filter(revision::Column::ReportId.eq(id))
        .order_by_desc(revision::Column::Number)
        .all(&state.db)
        .await?;
    Ok((report, revisions))
}

/// One line of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DiffLine {
    /// `same`, `removed` or `added`.
    pub change: &'static str,
    pub text: String,
}

/// What changed between two revisions of a report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    pub from: RevisionView,
    pub to: RevisionView,
    pub lines: Vec<DiffLine>,
}

/// Compares revisions `from` and `to` of the report `id` line by line (title first).
pub async fn compare(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    from: i32,
    to: i32,
) -> Result<Comparison, AppError> {
    let (_, revisions) = history(state, actor, id).await?;
    let find = |n: i32| {
        revisions
            .iter()
            .find(|r| r.number == n)
            .ok_or(AppError::NotFound("versionen"))
    };
    let (old, new) = (find(from)?, find(to)?);
    Ok(Comparison {
        from: revision_view(old),
        to: revision_view(new),
        lines: diff_lines(
            &format!("# {}\n\n{}", old.title, old.body_md),
            &format!("# {}\n\n{}", new.title, new.body_md),
        ),
    })
}

pub fn revision_view(r: &revision::Model) -> RevisionView {
    RevisionView {
        number: r.number,
        title: r.title.clone(),
        edited_by: r.edited_by.clone(),
        edited_at: r.edited_at,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
