//! Reading a procurement's talk, for its members only (the callers hold a
//! `Readable<Opened>`): every list filtered, counted and paged in the database.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entity::{decision, question, reference_entry, reference_meeting, reply};
use super::{MAX_REFERENCE_ENTRIES, Representation};
use crate::auth::Readable;
use crate::auth::entity::user;
use crate::error::AppError;
use crate::procurement::{Opened, entity as procurement};
use crate::state::AppState;

/// Topics, replies, decisions and meetings per page.
pub const PER_PAGE: usize = 20;

/// Which page of a list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

pub fn questions_url(p: &procurement::Model) -> String {
    format!("{}/fragor", crate::procurement::url(p))
}

pub fn question_url(p: &procurement::Model, id: Uuid) -> String {
    format!("{}/fragor/{id}", crate::procurement::url(p))
}

pub fn decisions_url(p: &procurement::Model) -> String {
    format!("{}/beslut", crate::procurement::url(p))
}

pub fn reference_group_url(p: &procurement::Model) -> String {
    format!("{}/referensgrupp", crate::procurement::url(p))
}

/// Where decision `number` is shown when the log holds `total` (newest first, numbers without
/// gaps): its page and its anchor.
pub fn decision_url(p: &procurement::Model, number: i32, total: u64) -> String {
    let from_top = u64::try_from(number)
        .map(|n| total.saturating_sub(n))
        .unwrap_or_default();
    let page = from_top / PER_PAGE as u64 + 1;
    if page == 1 {
        format!("{}#beslut-{number}", decisions_url(p))
    } else {
        format!("{}?page={page}#beslut-{number}", decisions_url(p))
    }
}

/// The ids of a procurement's questions, to re-index them (e.g. when its phase changes).
pub async fn question_ids_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    question::Entity::find()
        .select_only()
        .column(question::Column::Id)
        .filter(question::Column::ProcurementId.eq(procurement_id))
        .into_tuple::<Uuid>()
        .all(db)
        .await
}

/// The ids of a procurement's decisions, to re-index them (e.g. when its phase changes).
pub async fn decision_ids_of<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    decision::Entity::find()
        .select_only()
        .column(decision::Column::Id)
        .filter(decision::Column::ProcurementId.eq(procurement_id))
        .into_tuple::<Uuid>()
        .all(db)
        .await
}

/// The names of the users `ids`.
async fn names<C: ConnectionTrait>(
    db: &C,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbErr> {
    let ids: Vec<Uuid> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

fn name_of(names: &HashMap<Uuid, String>, id: Option<Uuid>) -> Option<String> {
    id.and_then(|id| names.get(&id).cloned())
}

fn count(total: u64) -> usize {
    usize::try_from(total).unwrap_or(usize::MAX)
}

// ---- Questions ------------------------------------------------------------------------------

/// A topic in the list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionSummary {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    /// The name of who asked.
    pub author: Option<String>,
    pub reply_count: i32,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
}

impl QuestionSummary {
    pub fn last_activity_sv(&self) -> String {
        crate::web::datetime_text(self.last_activity_at)
    }
}

/// A page of a procurement's topics, the latest active first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub questions: Vec<QuestionSummary>,
}

/// A reply.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReplyView {
    pub id: Uuid,
    pub text_markdown: String,
    pub text_html: String,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl ReplyView {
    pub fn created_sv(&self) -> String {
        crate::web::datetime_text(self.created_at)
    }
}

/// A topic with one page of its replies, the oldest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    pub text_markdown: String,
    pub text_html: String,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    /// How many replies there are in all.
    pub reply_count: usize,
    pub page: usize,
    pub per_page: usize,
    pub replies: Vec<ReplyView>,
}

impl QuestionView {
    pub fn created_sv(&self) -> String {
        crate::web::datetime_text(self.created_at)
    }
}

/// One page of the procurement's topics, the latest active first.
pub async fn questions(
    state: &AppState,
    opened: &Readable<Opened>,
    page: Option<usize>,
) -> Result<QuestionList, AppError> {
    let page = crate::web::page_number(page)?;
    let p = &opened.procurement;
    let query = question::Entity::find()
        .filter(question::Column::ProcurementId.eq(p.id))
        .order_by_desc(question::Column::LastActivityAt)
        .order_by_desc(question::Column::Id);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let names = names(&state.db, rows.iter().filter_map(|q| q.author_id)).await?;
    Ok(QuestionList {
        total: count(total),
        page,
        per_page: PER_PAGE,
        questions: rows
            .into_iter()
            .map(|q| QuestionSummary {
                url: question_url(p, q.id),
                author: name_of(&names, q.author_id),
                id: q.id,
                title: q.title,
                reply_count: q.reply_count,
                created_at: q.created_at,
                last_activity_at: q.last_activity_at,
            })
            .collect(),
    })
}

/// One topic of the procurement with one page of its replies.
pub async fn question(
    state: &AppState,
    opened: &Readable<Opened>,
    question_id: Uuid,
    page: Option<usize>,
) -> Result<QuestionView, AppError> {
    let page = crate::web::page_number(page)?;
    let p = &opened.procurement;
    let q = question::Entity::find_by_id(question_id)
        .filter(question::Column::ProcurementId.eq(p.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("frågan"))?;
    let query = reply::Entity::find()
        .filter(reply::Column::QuestionId.eq(q.id))
        .order_by_asc(reply::Column::CreatedAt)
        .order_by_asc(reply::Column::Id);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let names = names(
        &state.db,
        rows.iter().filter_map(|r| r.author_id).chain(q.author_id),
    )
    .await?;
    Ok(QuestionView {
        url: question_url(p, q.id),
        author: name_of(&names, q.author_id),
        id: q.id,
        title: q.title,
        text_markdown: q.text_md,
        text_html: q.text_html,
        created_at: q.created_at,
        last_activity_at: q.last_activity_at,
        reply_count: count(total),
        page,
        per_page: PER_PAGE,
        replies: rows
            .into_iter()
            .map(|r| ReplyView {
                author: name_of(&names, r.author_id),
                id: r.id,
                text_markdown: r.text_md,
                text_html: r.text_html,
                created_at: r.created_at,
            })
            .collect(),
    })
}

// ---- Decisions ------------------------------------------------------------------------------

/// Another decision by its number and where it is shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DecisionRef {
    pub number: i32,
    pub url: String,
}

/// An entry in the decision log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DecisionView {
    pub id: Uuid,
    /// Its place in the log, from 1.
    pub number: i32,
    pub url: String,
    pub decided_on: NaiveDate,
    pub decision_markdown: String,
    pub decision_html: String,
    pub rationale_markdown: String,
    pub rationale_html: String,
    pub decided_by: String,
    /// The name of who recorded it.
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// The decision this one corrects.
    pub corrects: Option<DecisionRef>,
    /// The decisions that correct this one: when any, this one no longer stands as written.
    pub corrected_by: Vec<DecisionRef>,
}

impl DecisionView {
    pub fn decided_on_sv(&self) -> String {
        crate::web::date_text(self.decided_on)
    }

    pub fn recorded_sv(&self) -> String {
        crate::web::datetime_text(self.recorded_at)
    }

    pub fn is_corrected(&self) -> bool {
        !self.corrected_by.is_empty()
    }
}

/// A page of the decision log, the newest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DecisionList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub decisions: Vec<DecisionView>,
}

/// The decisions `rows` of `p` as shown, with what they correct and what corrects them (two
/// queries for the whole page).
pub(crate) async fn decision_views<C: ConnectionTrait>(
    db: &C,
    p: &procurement::Model,
    rows: Vec<decision::Model>,
    total: u64,
) -> Result<Vec<DecisionView>, DbErr> {
    let ids: Vec<Uuid> = rows.iter().map(|d| d.id).collect();
    let corrected: Vec<Uuid> = rows.iter().filter_map(|d| d.corrects_id).collect();
    let related = if ids.is_empty() {
        Vec::new()
    } else {
        decision::Entity::find()
            .filter(
                sea_orm::Condition::any()
                    .add(decision::Column::CorrectsId.is_in(ids.iter().copied()))
                    .add(decision::Column::Id.is_in(corrected)),
            )
            .order_by_asc(decision::Column::Number)
            .all(db)
            .await?
    };
    let names = names(db, rows.iter().filter_map(|d| d.recorded_by)).await?;
    let reference = |number: i32| DecisionRef {
        number,
        url: decision_url(p, number, total),
    };
    Ok(rows
        .into_iter()
        .map(|d| {
            let corrects = d.corrects_id.and_then(|c| {
                related
                    .iter()
                    .find(|r| r.id == c)
                    .map(|r| reference(r.number))
            });
            let corrected_by = related
                .iter()
                .filter(|r| r.corrects_id == Some(d.id))
                .map(|r| reference(r.number))
                .collect();
            DecisionView {
                url: decision_url(p, d.number, total),
                recorded_by: name_of(&names, d.recorded_by),
                id: d.id,
                number: d.number,
                decided_on: d.decided_on,
                decision_markdown: d.decision_md,
                decision_html: d.decision_html,
                rationale_markdown: d.rationale_md,
                rationale_html: d.rationale_html,
                decided_by: d.decided_by,
                recorded_at: d.recorded_at,
                corrects,
                corrected_by,
            }
        })
        .collect())
}

/// One page of the decision log, the newest first.
pub async fn decisions(
    state: &AppState,
    opened: &Readable<Opened>,
    page: Option<usize>,
) -> Result<DecisionList, AppError> {
    let page = crate::web::page_number(page)?;
    let p = &opened.procurement;
    let query = decision::Entity::find()
        .filter(decision::Column::ProcurementId.eq(p.id))
        .order_by_desc(decision::Column::Number);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    Ok(DecisionList {
        total: count(total),
        page,
        per_page: PER_PAGE,
        decisions: decision_views(&state.db, p, rows, total).await?,
    })
}

/// One decision as shown, by its id.
pub async fn decision(
    state: &AppState,
    opened: &Readable<Opened>,
    id: Uuid,
) -> Result<DecisionView, AppError> {
    let p = &opened.procurement;
    let row = decision::Entity::find_by_id(id)
        .filter(decision::Column::ProcurementId.eq(p.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("beslutet"))?;
    let total = decision_count(&state.db, p.id).await?;
    decision_views(&state.db, p, vec![row], total)
        .await?
        .pop()
        .ok_or(AppError::NotFound("beslutet"))
}

/// How many decisions a procurement's log holds.
pub(crate) async fn decision_count<C: ConnectionTrait>(
    db: &C,
    procurement_id: Uuid,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    decision::Entity::find()
        .filter(decision::Column::ProcurementId.eq(procurement_id))
        .count(db)
        .await
}

// ---- The reference group --------------------------------------------------------------------

/// A part of the reference group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReferenceEntryView {
    pub id: Uuid,
    /// brukare, anhoriga, medarbetare, fackliga or ovrigt.
    pub representation: String,
    pub representation_label: String,
    pub description: String,
    pub added_at: DateTime<Utc>,
}

impl From<reference_entry::Model> for ReferenceEntryView {
    fn from(e: reference_entry::Model) -> Self {
        ReferenceEntryView {
            id: e.id,
            representation_label: Representation::label_of(&e.representation),
            representation: e.representation,
            description: e.description,
            added_at: e.added_at,
        }
    }
}

/// The reference group's composition (at most [`MAX_REFERENCE_ENTRIES`] parts), in the
/// order of the representations.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReferenceGroup {
    pub entries: Vec<ReferenceEntryView>,
}

pub async fn reference_group(
    state: &AppState,
    opened: &Readable<Opened>,
) -> Result<ReferenceGroup, AppError> {
    let mut entries: Vec<ReferenceEntryView> = reference_entry::Entity::find()
        .filter(reference_entry::Column::ProcurementId.eq(opened.procurement.id))
        .order_by_asc(reference_entry::Column::AddedAt)
        .order_by_asc(reference_entry::Column::Id)
        .limit(MAX_REFERENCE_ENTRIES)
        .all(&state.db)
        .await?
        .into_iter()
        .map(ReferenceEntryView::from)
        .collect();
    entries.sort_by_key(|e| Representation::parse(&e.representation).map_or(9, |r| r as u8));
    Ok(ReferenceGroup { entries })
}

/// A meeting of the reference group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingView {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub notes_markdown: String,
    pub notes_html: String,
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl MeetingView {
    pub fn held_on_sv(&self) -> String {
        crate::web::date_text(self.held_on)
    }
}

/// A page of the reference group's meetings, the latest first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub meetings: Vec<MeetingView>,
}

pub(crate) async fn meeting_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<reference_meeting::Model>,
) -> Result<Vec<MeetingView>, DbErr> {
    let names = names(db, rows.iter().filter_map(|m| m.recorded_by)).await?;
    Ok(rows
        .into_iter()
        .map(|m| MeetingView {
            recorded_by: name_of(&names, m.recorded_by),
            id: m.id,
            held_on: m.held_on,
            notes_markdown: m.notes_md,
            notes_html: m.notes_html,
            recorded_at: m.recorded_at,
        })
        .collect())
}

pub async fn meetings(
    state: &AppState,
    opened: &Readable<Opened>,
    page: Option<usize>,
) -> Result<MeetingList, AppError> {
    let page = crate::web::page_number(page)?;
    let query = reference_meeting::Entity::find()
        .filter(reference_meeting::Column::ProcurementId.eq(opened.procurement.id))
        .order_by_desc(reference_meeting::Column::HeldOn)
        .order_by_desc(reference_meeting::Column::Id);
    let (rows, total) = crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    Ok(MeetingList {
        total: count(total),
        page,
        per_page: PER_PAGE,
        meetings: meeting_views(&state.db, rows).await?,
    })
}

/// A reply as shown, with its author's name.
pub async fn reply_view<C: ConnectionTrait>(db: &C, r: reply::Model) -> Result<ReplyView, DbErr> {
    let names = names(db, r.author_id.into_iter()).await?;
    Ok(ReplyView {
        author: name_of(&names, r.author_id),
        id: r.id,
        text_markdown: r.text_md,
        text_html: r.text_html,
        created_at: r.created_at,
    })
}
