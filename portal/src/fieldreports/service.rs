//! Posting a field report: its fields checked, its photos cleaned and stored, the report
//! saved once per client key, and its followers told.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::entity::{self, photo};
use super::photos::{self, Ready};
use super::submission::Submission;
use super::{FIELD_REPORT, MAX_ALT, MAX_TEXT};
use crate::audit::By;
use crate::auth::{Action, Actor, Resource, Visibility, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::notifications::{Event, EventKind, Topic, TopicKind};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

/// What a report links to, resolved for the writer.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub trial: Option<(Uuid, String, String)>,
    pub technology: Option<(Uuid, String, String)>,
    pub need: Option<(Uuid, String, String)>,
    pub category: Option<(Uuid, String, String)>,
}

/// Whether `actor` may post field reports (coaches, coordinators and node staff).
pub fn may_post(actor: &Actor) -> bool {
    *actor != Actor::Anonymous && can(actor, Action::Create, &Resource::FieldReports)
}

/// Resolves the links the writer named, each one they may read; issues name the field.
async fn links(
    state: &AppState,
    actor: &Actor,
    sent: &Submission,
    issues: &mut Vec<FieldIssue>,
) -> Result<Links, AppError> {
    let mut links = Links::default();
    let named = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    if let Some(t) = named(&sent.trial) {
        match crate::trials::readable_by_slug(state, actor, &t).await {
            Ok(trial) => {
                links.trial = Some((trial.id, trial.title.clone(), crate::trials::url(&trial)));
            }
            Err(AppError::NotFound(_) | AppError::SignInRequired) => {
                issues.push(FieldIssue::new("trial", "fieldreports-error-trial-unknown"))
            }
            Err(other) => return Err(other),
        }
    }
    if let Some(t) = named(&sent.technology) {
        match crate::technologies::find(state, &t).await {
            Ok(entry) => {
                links.technology = Some((
                    entry.id,
                    entry.name.clone(),
                    crate::technologies::url(&entry),
                ));
            }
            Err(AppError::NotFound(_)) => issues.push(FieldIssue::new(
                "technology",
                "fieldreports-error-technology-unknown",
            )),
            Err(other) => return Err(other),
        }
    }
    if let Some(n) = named(&sent.need) {
        match crate::needs::readable(state, actor, &n).await {
            Ok(need) => {
                links.need = Some((need.id, need.title.clone(), crate::needs::url(&need)));
            }
            Err(AppError::NotFound(_) | AppError::SignInRequired) => {
                issues.push(FieldIssue::new("need", "fieldreports-error-need-unknown"))
            }
            Err(other) => return Err(other),
        }
    }
    if let Some(c) = named(&sent.category) {
        let catalog = state.catalog.get();
        if let Some(id) = crate::catalog::category_field(Some(&c), &catalog, issues)
            && let Some(category) = catalog.category_by_id(id)
        {
            links.category = Some((
                id,
                category.name.clone(),
                format!("/kategorier/{}", category.slug),
            ));
        }
    }
    Ok(links)
}

/// Posts a field report for `by` (a coach, coordinator or node staff), in their organisation.
/// The same `key` from the same author answers with the report it made the first time
/// (`false`: nothing new was made). Every problem with a field is gathered and named; a photo
/// beyond the size cap is refused with 413.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    sent: Submission,
) -> Result<(entity::Model, bool), AppError> {
    let Some(member) = by.actor.member().cloned() else {
        return Err(AppError::Unauthorized);
    };
    if !may_post(&by.actor) {
        return Err(AppError::Forbidden(
            "fieldreports-error-writers-only".to_owned(),
        ));
    }
    let mut issues = Vec::new();
    let key = match sent.key.trim() {
        "" => Uuid::now_v7(),
        k => match Uuid::parse_str(k) {
            Ok(k) => k,
            Err(_) => {
                issues.push(FieldIssue::new("key", "fieldreports-error-key-uuid"));
                Uuid::nil()
            }
        },
    };
    if let Some(existing) = entity::Entity::find()
        .filter(entity::Column::AuthorId.eq(member.user_id))
        .filter(entity::Column::ClientKey.eq(key))
        .one(&state.db)
        .await?
    {
        return Ok((existing, false));
    }
    let max = state.settings.photo_max_bytes;
    if let Some(big) = sent.photos.iter().find(|p| p.size > max as u64) {
        return Err(AppError::TooLarge(super::submission::too_large_message(
            big.position,
            max,
        )));
    }
    let visibility = Visibility::from_field(
        Some(sent.visibility.as_str()).filter(|v| !v.trim().is_empty()),
        "visibility",
        &mut issues,
    )
    .unwrap_or(Visibility::Network);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new(
            "visibility",
            "fieldreports-error-visibility",
        ));
    }
    let text = sent.text.trim().to_owned();
    crate::error::require_text(
        &text,
        "text",
        "fieldreports-error-text-missing",
        &mut issues,
    );
    if text.chars().count() > MAX_TEXT {
        issues.push(FieldIssue::new("text", "fieldreports-error-text-too-long"));
    }
    let links = links(state, &by.actor, &sent, &mut issues).await?;
    if links.trial.is_none()
        && links.technology.is_none()
        && links.need.is_none()
        && links.category.is_none()
        && !issues
            .iter()
            .any(|i| ["trial", "technology", "need", "category"].contains(&i.field.as_str()))
    {
        issues.push(FieldIssue::new("links", "fieldreports-error-links-missing"));
    }
    let mut texts: Vec<(String, String)> = vec![("text".to_owned(), text.clone())];
    let mut photos: Vec<(usize, String, Vec<u8>)> = Vec::new();
    for p in &sent.photos {
        if p.size == 0 && p.file_name.is_empty() {
            continue; // an empty file input
        }
        let alt_field = format!("alt_{}", p.position);
        let alt = sent.alt(p.position).trim().to_owned();
        if alt.is_empty() {
            issues.push(FieldIssue::new(
                &alt_field,
                crate::web::i18n::t_count("fieldreports-error-alt-missing", "position", p.position),
            ));
        } else if alt.chars().count() > MAX_ALT {
            issues.push(FieldIssue::new(
                &alt_field,
                crate::web::i18n::t_count("fieldreports-error-alt-too-long", "max", MAX_ALT),
            ));
        }
        if p.size == 0 {
            issues.push(FieldIssue::new(p.field(), "fieldreports-error-file-empty"));
            continue;
        }
        texts.push((alt_field, alt.clone()));
        photos.push((p.position, alt, p.bytes.clone()));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    crate::privacy::check_fields(&refs, &mut issues);
    // Photos are cleaned last: slow, and pointless when the rest is refused anyway.
    let mut ready = Vec::new();
    for (position, alt, bytes) in photos {
        match photos::clean(&format!("photo_{position}"), bytes).await {
            Ok(clean) => ready.push(Ready {
                position,
                alt,
                clean,
            }),
            Err(issue) => issues.push(issue),
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let text_html = markdown::render_field("text", text.clone())
        .await?
        .into_string();
    let id = Uuid::now_v7();
    let stored = photos::store(state, id, &ready).await?;
    let saved = save(
        state, by, &member, id, key, visibility, text, text_html, &links, &ready,
    )
    .await;
    match saved {
        Ok(report) => Ok((report, true)),
        Err(e) => {
            photos::delete(state, &stored).await;
            // Two sends of the same form at once: the other one made it.
            if let Some(existing) = entity::Entity::find()
                .filter(entity::Column::AuthorId.eq(member.user_id))
                .filter(entity::Column::ClientKey.eq(key))
                .one(&state.db)
                .await?
            {
                return Ok((existing, false));
            }
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    by: &By,
    member: &crate::auth::Member,
    id: Uuid,
    key: Uuid,
    visibility: Visibility,
    text: String,
    text_html: String,
    links: &Links,
    ready: &[Ready],
) -> Result<entity::Model, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let report = entity::ActiveModel {
        id: Set(id),
        author_id: Set(member.user_id),
        organisation_id: Set(member.organisation_id),
        text_md: Set(text),
        text_html: Set(text_html),
        visibility: Set(visibility.as_str().to_owned()),
        trial_id: Set(links.trial.as_ref().map(|t| t.0)),
        technology_id: Set(links.technology.as_ref().map(|t| t.0)),
        need_id: Set(links.need.as_ref().map(|t| t.0)),
        category_id: Set(links.category.as_ref().map(|t| t.0)),
        client_key: Set(key),
        created_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    }
    .insert(unit.db())
    .await?;
    for p in ready {
        let (blob_key, thumb_key) = photos::keys(id, p.position);
        photo::ActiveModel {
            field_report_id: Set(id),
            position: Set(i32::try_from(p.position).unwrap_or(0)),
            alt: Set(p.alt.clone()),
            media_type: Set(p.clean.mime.to_owned()),
            blob_key: Set(blob_key),
            thumb_key: Set(thumb_key),
            width: Set(i32::try_from(p.clean.width).unwrap_or(0)),
            height: Set(i32::try_from(p.clean.height).unwrap_or(0)),
            size: Set(i64::try_from(p.clean.bytes.len()).unwrap_or(i64::MAX)),
            created_at: Set(now),
        }
        .insert(unit.db())
        .await?;
    }
    unit.changed(FIELD_REPORT, id, Op::Upsert);
    let title = super::title_of(&report.text_md);
    unit.audit(
        "field_report.create",
        format!("field_report:{id}"),
        title.clone(),
    );
    let catalog = state.catalog.get();
    let organisation = catalog
        .organisation_by_id(member.organisation_id)
        .map_or_else(String::new, |o| o.name.clone());
    let mut topics = Vec::new();
    for (kind, link) in [
        (TopicKind::Trial, &links.trial),
        (TopicKind::Need, &links.need),
        (TopicKind::Technology, &links.technology),
        (TopicKind::Category, &links.category),
    ] {
        if let Some((id, label, _)) = link {
            topics.push((Topic::new(kind, *id), label.clone()));
        }
    }
    topics.push((
        Topic::new(TopicKind::Organisation, member.organisation_id),
        organisation.clone(),
    ));
    // Those who follow the author as a coach hear of it too.
    if let Some(coach) = crate::coaches::active_profile_of(unit.db(), member.user_id).await? {
        topics.push((Topic::new(TopicKind::Coach, coach), by.name.clone()));
    }
    let excerpt = markdown::first_paragraph(&report.text_md, 400);
    unit.event(Event {
        kind: EventKind::FieldReport,
        item_kind: FIELD_REPORT,
        item_id: id,
        principals: super::principals(&report, &catalog),
        topics,
        users: Vec::new(),
        words: crate::notifications::Words::each(|| {
            use crate::web::i18n;
            let args = [
                ("organisation", organisation.as_str()),
                ("title", title.as_str()),
                ("by", by.name.as_str()),
            ];
            crate::notifications::Words {
                title: i18n::t_args("fieldreports-notice-new-title", &args),
                lines: vec![
                    i18n::t_args("fieldreports-notice-new", &args),
                    excerpt.clone(),
                ],
            }
        }),
        path: super::url_of(id),
    });
    unit.commit().await?;
    Ok(report)
}
