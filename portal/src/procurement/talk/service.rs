//! Writing a procurement's talk: questions, replies, decisions and the reference group. Every
//! write runs on one unit of work; nothing here changes or removes a decision.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::entity::{decision, question, reference_entry, reference_meeting, reply};
use super::{DECISION, MAX_REFERENCE_ENTRIES, QUESTION, Representation};
use crate::audit::By;
use crate::auth::{Action, Actor, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::notifications::Words;
use crate::procurement::entity::{self as procurement, member};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::{i18n, markdown};

/// What a member writes to start a topic.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionInput {
    #[validate(length(min = 1, max = 200, message = "procurement-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The question, in Markdown.
    #[validate(length(min = 1, max = 20000, message = "procurement-error-question-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
}

/// What a member writes to reply.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyInput {
    /// The reply, in Markdown.
    #[validate(length(min = 1, max = 20000, message = "procurement-error-answer-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
}

/// A decision to record. Once recorded it stands: a correction is a new decision naming the
/// number of the one it corrects.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// The day it was decided (default today).
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    /// What was decided, in Markdown.
    #[validate(length(min = 1, max = 20000, message = "procurement-error-decision-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub decision: String,
    /// Why, in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "procurement-error-reasoning-length"))]
    #[schema(max_length = 20000)]
    pub rationale: String,
    /// Who decided, e.g. "Styrgruppen".
    #[validate(length(min = 1, max = 200, message = "procurement-error-decided-by-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub decided_by: String,
    /// The number of the decision this one corrects, if it is a correction.
    #[serde(default, deserialize_with = "crate::web::whole::option_i32")]
    #[schema(minimum = 1, maximum = 2147483647)]
    pub corrects: Option<i32>,
}

/// A part of the reference group.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEntryInput {
    /// brukare, anhoriga, medarbetare, fackliga or ovrigt.
    #[schema(schema_with = Representation::field_schema)]
    pub representation: String,
    /// Who, without names of care recipients: "Två undersköterskor från nattpatrullen, Arboga".
    #[validate(length(min = 1, max = 500, message = "procurement-error-members-length"))]
    #[schema(min_length = 1, max_length = 500)]
    pub description: String,
}

/// A meeting of the reference group.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    /// The day of the meeting (default today).
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    /// The notes, in Markdown.
    #[validate(length(min = 1, max = 20000, message = "procurement-error-notes-length"))]
    #[schema(min_length = 1, max_length = 20000)]
    pub notes: String,
}

const CONTRIBUTORS_ONLY: &str = "procurement-error-talk-members-only";

/// The procurement behind `slug_or_id` if `by` may take part in it; 404 to those who may not
/// read it, 403 to observers.
pub async fn for_contributor(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<procurement::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let opened = crate::procurement::readable(state, &by.actor, slug_or_id)
        .await?
        .into_inner();
    if !can(&by.actor, Action::Contribute, &opened.resource()) {
        return Err(AppError::Forbidden(CONTRIBUTORS_ONLY.to_owned()));
    }
    Ok(opened.procurement)
}

/// Renders a Markdown field once its checks passed.
async fn html(field: &str, text: &str) -> Result<String, AppError> {
    Ok(markdown::render_field(field, text.to_owned())
        .await?
        .into_string())
}

/// Fails with `issues` when there are any.
fn refuse_any(issues: Vec<FieldIssue>) -> Result<(), AppError> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(issues))
    }
}

/// Tells the procurement's members as they are now (but the writer) by e-mail.
async fn notify_members(
    state: &AppState,
    unit: &mut Unit,
    procurement_id: Uuid,
    path: &str,
    words: impl Fn() -> Words,
) -> Result<usize, AppError> {
    if !unit.sends_mail() {
        return Ok(0);
    }
    let mut query = member::Entity::find().filter(member::Column::ProcurementId.eq(procurement_id));
    if let Some(me) = unit.by().actor.user_id() {
        query = query.filter(member::Column::UserId.ne(me));
    }
    let users: Vec<Uuid> = query
        .all(unit.db())
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let recipients = crate::auth::users::to_notify_users(unit.db(), &users).await?;
    let settings = state.settings.public_link("/konto");
    unit.notify(&recipients, || {
        let Words { title, lines } = words();
        Notice {
            subject: title,
            lines,
            link: state.settings.public_link(path),
            settings: &settings,
        }
    })
}

/// The writer's name as members know it (a token's own name is no name to mail).
async fn writer_name(unit: &Unit) -> Result<String, AppError> {
    let by = unit.by();
    Ok(match by.actor.user_id() {
        Some(id) => crate::auth::users::get(unit.db(), id)
            .await?
            .map_or_else(|| by.name.clone(), |u| u.name),
        None => by.name.clone(),
    })
}

/// Starts a topic (leads and members); the other members are e-mailed.
#[tracing::instrument(skip_all)]
pub async fn ask(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: QuestionInput,
) -> Result<question::Model, AppError> {
    let p = for_contributor(state, by, slug_or_id).await?;
    let mut issues = crate::error::issues_of(&input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(
        &title,
        "title",
        "procurement-error-title-missing",
        &mut issues,
    );
    crate::error::require_text(
        &input.text,
        "text",
        "procurement-error-question-missing",
        &mut issues,
    );
    crate::privacy::check_fields(&[("title", &title), ("text", &input.text)], &mut issues);
    markdown::check_fields(&[("text", &input.text)], &mut issues);
    refuse_any(issues)?;
    let text_html = html("text", &input.text).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = Uuid::now_v7();
    let asked = question::ActiveModel {
        id: Set(id),
        procurement_id: Set(p.id),
        title: Set(title.clone()),
        text_md: Set(input.text),
        text_html: Set(text_html),
        author_id: Set(by.actor.user_id()),
        created_at: Set(now),
        last_activity_at: Set(now),
        reply_count: Set(0),
    }
    .insert(unit.db())
    .await?;
    unit.changed(QUESTION, id, Op::Upsert);
    let writer = writer_name(&unit).await?;
    unit.audit(
        "procurement.question",
        format!("procurement:{}", p.id),
        format!("{}: {title}", p.title),
    );
    notify_members(state, &mut unit, p.id, &super::question_url(&p, id), || {
        let args = [
            ("writer", writer.as_str()),
            ("procurement", p.title.as_str()),
            ("question", title.as_str()),
        ];
        Words {
            title: i18n::t_args("procurement-notice-question-subject", &args),
            lines: vec![i18n::t_args("procurement-notice-question", &args)],
        }
    })
    .await?;
    unit.commit().await?;
    Ok(asked)
}

/// Replies to a topic (leads and members); the other members are e-mailed.
#[tracing::instrument(skip_all)]
pub async fn reply(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    question_id: Uuid,
    input: ReplyInput,
) -> Result<(question::Model, reply::Model), AppError> {
    let p = for_contributor(state, by, slug_or_id).await?;
    let asked = question::Entity::find_by_id(question_id)
        .filter(question::Column::ProcurementId.eq(p.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("frågan"))?;
    let mut issues = crate::error::issues_of(&input);
    crate::error::require_text(
        &input.text,
        "text",
        "procurement-error-answer-missing",
        &mut issues,
    );
    crate::privacy::check_fields(&[("text", &input.text)], &mut issues);
    markdown::check_fields(&[("text", &input.text)], &mut issues);
    refuse_any(issues)?;
    let text_html = html("text", &input.text).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = Uuid::now_v7();
    let replied = reply::ActiveModel {
        id: Set(id),
        question_id: Set(asked.id),
        procurement_id: Set(p.id),
        text_md: Set(input.text),
        text_html: Set(text_html),
        author_id: Set(by.actor.user_id()),
        created_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    question::Entity::update_many()
        .col_expr(question::Column::LastActivityAt, Expr::value(now))
        .col_expr(
            question::Column::ReplyCount,
            Expr::col(question::Column::ReplyCount).add(1),
        )
        .filter(question::Column::Id.eq(asked.id))
        .exec(unit.db())
        .await?;
    unit.changed(QUESTION, asked.id, Op::Upsert);
    let writer = writer_name(&unit).await?;
    unit.audit(
        "procurement.reply",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, asked.title),
    );
    notify_members(
        state,
        &mut unit,
        p.id,
        &super::question_url(&p, asked.id),
        || {
            let args = [
                ("writer", writer.as_str()),
                ("procurement", p.title.as_str()),
                ("question", asked.title.as_str()),
            ];
            Words {
                title: i18n::t_args("procurement-notice-reply-subject", &args),
                lines: vec![i18n::t_args("procurement-notice-reply", &args)],
            }
        },
    )
    .await?;
    unit.commit().await?;
    Ok((asked, replied))
}

/// Records a decision (leads and members), numbered next in the procurement's log. A
/// correction names the number of the decision it corrects; that one stays as it was.
#[tracing::instrument(skip_all)]
pub async fn record_decision(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: DecisionInput,
) -> Result<decision::Model, AppError> {
    let p = for_contributor(state, by, slug_or_id).await?;
    let mut issues = crate::error::issues_of(&input);
    let decided_by = input.decided_by.trim().to_owned();
    crate::error::require_text(
        &input.decision,
        "decision",
        "procurement-error-decision-missing",
        &mut issues,
    );
    crate::error::require_text(
        &decided_by,
        "decided_by",
        "procurement-error-decided-by-missing",
        &mut issues,
    );
    crate::privacy::check_fields(
        &[
            ("decision", &input.decision),
            ("rationale", &input.rationale),
            ("decided_by", &decided_by),
        ],
        &mut issues,
    );
    markdown::check_fields(
        &[
            ("decision", &input.decision),
            ("rationale", &input.rationale),
        ],
        &mut issues,
    );
    if input.corrects.is_some_and(|n| n < 1) {
        issues.push(FieldIssue::new(
            "corrects",
            "procurement-error-corrects-from-one",
        ));
    }
    refuse_any(issues)?;
    let decision_html = html("decision", &input.decision).await?;
    let rationale_html = html("rationale", &input.rationale).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    // Taking the procurement's row first makes concurrent recorders wait for each other, so
    // each reads the last number the other wrote.
    procurement::Entity::update_many()
        .col_expr(procurement::Column::UpdatedAt, Expr::value(now))
        .filter(procurement::Column::Id.eq(p.id))
        .exec(unit.db())
        .await?;
    let corrects = match input.corrects {
        None => None,
        Some(number) => Some(
            decision::Entity::find()
                .filter(decision::Column::ProcurementId.eq(p.id))
                .filter(decision::Column::Number.eq(number))
                .one(unit.db())
                .await?
                .ok_or_else(|| {
                    AppError::invalid(
                        "corrects",
                        &crate::web::i18n::t_with(
                            "procurement-error-no-such-decision",
                            "number",
                            &number.to_string(),
                        ),
                    )
                })?,
        ),
    };
    let last: Option<i32> = decision::Entity::find()
        .select_only()
        .column_as(decision::Column::Number.max(), "last")
        .filter(decision::Column::ProcurementId.eq(p.id))
        .into_tuple::<Option<i32>>()
        .one(unit.db())
        .await?
        .flatten();
    let number = last.unwrap_or(0) + 1;
    let id = Uuid::now_v7();
    let recorded = decision::ActiveModel {
        id: Set(id),
        procurement_id: Set(p.id),
        number: Set(number),
        decided_on: Set(input
            .decided_on
            .unwrap_or_else(|| crate::web::stockholm_date(now))),
        decision_md: Set(input.decision),
        decision_html: Set(decision_html),
        rationale_md: Set(input.rationale),
        rationale_html: Set(rationale_html),
        decided_by: Set(decided_by),
        corrects_id: Set(corrects.as_ref().map(|c| c.id)),
        recorded_by: Set(by.actor.user_id()),
        recorded_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    unit.changed(DECISION, id, Op::Upsert);
    if let Some(corrected) = &corrects {
        // The corrected entry's search document says it is corrected.
        unit.changed(DECISION, corrected.id, Op::Upsert);
    }
    unit.audit(
        "procurement.decision",
        format!("procurement:{}", p.id),
        match &corrects {
            Some(c) => format!("{}: beslut {number}, rättar beslut {}", p.title, c.number),
            None => format!("{}: beslut {number}", p.title),
        },
    );
    unit.commit().await?;
    Ok(recorded)
}

/// Adds a part to the reference group (leads and members).
#[tracing::instrument(skip_all)]
pub async fn add_reference_entry(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: ReferenceEntryInput,
) -> Result<reference_entry::Model, AppError> {
    let p = for_contributor(state, by, slug_or_id).await?;
    let mut issues = crate::error::issues_of(&input);
    let description = input.description.trim().to_owned();
    let representation =
        Representation::from_field(Some(&input.representation), "representation", &mut issues);
    if representation.is_none() && issues.iter().all(|i| i.field != "representation") {
        issues.push(FieldIssue::new(
            "representation",
            "procurement-error-representation-missing",
        ));
    }
    crate::error::require_text(
        &description,
        "description",
        "procurement-error-members-missing",
        &mut issues,
    );
    crate::privacy::check_fields(&[("description", &description)], &mut issues);
    let (Some(representation), true) = (representation, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let count = reference_entry::Entity::find()
        .filter(reference_entry::Column::ProcurementId.eq(p.id))
        .count(unit.db())
        .await?;
    if count >= MAX_REFERENCE_ENTRIES {
        return Err(AppError::Conflict(crate::web::i18n::t_with(
            "procurement-error-reference-group-full",
            "max",
            &MAX_REFERENCE_ENTRIES.to_string(),
        )));
    }
    let added = reference_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        procurement_id: Set(p.id),
        representation: Set(representation.as_str().to_owned()),
        description: Set(description),
        added_by: Set(by.actor.user_id()),
        added_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    unit.audit(
        "procurement.reference_entry",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, representation.label()),
    );
    unit.commit().await?;
    Ok(added)
}

/// Records a meeting of the reference group (leads and members).
#[tracing::instrument(skip_all)]
pub async fn record_meeting(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: MeetingInput,
) -> Result<reference_meeting::Model, AppError> {
    let p = for_contributor(state, by, slug_or_id).await?;
    let mut issues = crate::error::issues_of(&input);
    crate::error::require_text(
        &input.notes,
        "notes",
        "procurement-error-notes-missing",
        &mut issues,
    );
    crate::privacy::check_fields(&[("notes", &input.notes)], &mut issues);
    markdown::check_fields(&[("notes", &input.notes)], &mut issues);
    refuse_any(issues)?;
    let notes_html = html("notes", &input.notes).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let held_on = input
        .held_on
        .unwrap_or_else(|| crate::web::stockholm_date(now));
    let recorded = reference_meeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        procurement_id: Set(p.id),
        held_on: Set(held_on),
        notes_md: Set(input.notes),
        notes_html: Set(notes_html),
        recorded_by: Set(by.actor.user_id()),
        recorded_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    unit.audit(
        "procurement.reference_meeting",
        format!("procurement:{}", p.id),
        format!("{}: {}", p.title, crate::web::date_text(held_on)),
    );
    unit.commit().await?;
    Ok(recorded)
}

#[cfg(test)]
mod tests {
    use super::DecisionInput;

    #[test]
    fn a_correction_names_its_decision_by_a_whole_number_written_either_way() {
        let read = |corrects: &str| {
            serde_json::from_str::<DecisionInput>(&format!(
                r#"{{"decision": "Tolv lås.", "decided_by": "Styrgruppen", "corrects": {corrects}}}"#
            ))
            .map(|input| input.corrects)
        };
        assert_eq!(read("3").ok(), Some(Some(3)));
        assert_eq!(read("3.0").ok(), Some(Some(3)));
        assert_eq!(read("null").ok(), Some(None));
        assert!(read("3.5").is_err());
        assert!(read("1e12").is_err());
    }
}
