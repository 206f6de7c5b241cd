//! Members propose catalogue entries; node staff approve them (the entry joins the catalogue)
//! or decline them with a reason. A proposal is stored as an entry with status `forslag`,
//! which the catalogue, search and the forms' choices leave out; the proposer is told of the
//! decision by e-mail.

use super::*;

use crate::mail::notices::Notice;
use crate::notifications::Words;
use crate::web::i18n;

/// Proposals shown at once to node staff.
pub const PROPOSALS_PER_PAGE: u64 = 50;

/// A member proposes an entry for the catalogue; it waits for node staff.
#[tracing::instrument(skip_all)]
pub async fn propose(
    state: &AppState,
    by: &By,
    input: TechnologyInput,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Contribute, &Resource::Catalogue) {
        return Err(match by.actor {
            Actor::Anonymous => AppError::Unauthorized,
            _ => AppError::Forbidden("technologies-error-cannot-propose".to_owned()),
        });
    }
    let resolved = resolve(state, input).await?;
    let mut unit = Unit::begin(state, by).await?;
    let proposer = by.actor.member().map(|m| m.user_id);
    let entry = insert(&mut unit, state, resolved, EntryStatus::Forslag, proposer).await?;
    unit.audit(
        "technology.propose",
        format!("technology:{}", entry.id),
        entry.name.clone(),
    );
    unit.commit().await?;
    Ok(entry)
}

/// The proposals waiting for node staff, oldest first (a page of them), and how many wait.
pub async fn waiting(
    state: &AppState,
    actor: &Actor,
) -> Result<(Vec<entity::Model>, u64), AppError> {
    if !can(actor, Action::Curate, &Resource::Catalogue) {
        return Ok((Vec::new(), 0));
    }
    let query = entity::Entity::find()
        .filter(entity::Column::Status.eq(EntryStatus::Forslag.as_str()))
        .filter(entity::Column::WithdrawnAt.is_null())
        .order_by_asc(entity::Column::CreatedAt)
        .order_by_asc(entity::Column::Id);
    Ok(crate::db::page_of(&state.db, query, 1, PROPOSALS_PER_PAGE).await?)
}

/// The proposal behind `slug_or_id`, for node staff deciding on it.
async fn proposal(state: &AppState, by: &By, slug_or_id: &str) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Curate, &Resource::Catalogue) {
        return Err(match by.actor {
            Actor::Anonymous => AppError::Unauthorized,
            _ => AppError::Forbidden("technologies-error-staff-only-decide".to_owned()),
        });
    }
    let entry = find_for(state, &by.actor, slug_or_id).await?;
    if entry.status != EntryStatus::Forslag.as_str() {
        return Err(AppError::Conflict(
            "technologies-error-proposal-decided".to_owned(),
        ));
    }
    Ok(entry)
}

/// Tells the proposer of `entry` what became of it.
async fn tell_proposer(
    unit: &mut Unit,
    state: &AppState,
    entry: &entity::Model,
    words: impl Fn() -> Words,
    link: &str,
) -> Result<(), AppError> {
    let Some(proposer) = entry.proposed_by else {
        return Ok(());
    };
    let recipients = crate::auth::users::to_notify_users(unit.db(), &[proposer]).await?;
    let settings = state.settings.public_link("/konto");
    unit.notify(&recipients, || {
        let Words { title, lines } = words();
        Notice {
            subject: title,
            lines,
            link: state.settings.public_link(link),
            settings: &settings,
        }
    })?;
    Ok(())
}

/// Node staff approve a proposal: it becomes an entry of the catalogue, found in search.
#[tracing::instrument(skip_all)]
pub async fn approve(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    let entry = proposal(state, by, slug_or_id).await?;
    let mut unit = Unit::begin(state, by).await?;
    let id = entry.id;
    let mut active: entity::ActiveModel = entry.into();
    active.status = Set(EntryStatus::Katalog.as_str().to_owned());
    active.updated_at = Set(unit.now());
    let saved = active.update(unit.db()).await?;
    unit.changed(TECHNOLOGY, id, Op::Upsert);
    unit.audit(
        "technology.approve",
        format!("technology:{id}"),
        saved.name.clone(),
    );
    tell_proposer(
        &mut unit,
        state,
        &saved,
        || Words {
            title: i18n::t_with("technologies-notice-approved-subject", "name", &saved.name),
            lines: vec![i18n::t_with(
                "technologies-notice-approved",
                "name",
                &saved.name,
            )],
        },
        &url(&saved),
    )
    .await?;
    unit.commit().await?;
    Ok(saved)
}

/// Node staff decline a proposal, saying why; the proposer is told.
#[tracing::instrument(skip_all)]
pub async fn decline(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    reason: &str,
) -> Result<entity::Model, AppError> {
    let entry = proposal(state, by, slug_or_id).await?;
    let reason = reason.trim();
    let mut issues = Vec::new();
    crate::error::require_text(
        reason,
        "reason",
        "technologies-error-decline-reason-missing",
        &mut issues,
    );
    if reason.chars().count() > 2000 {
        issues.push(FieldIssue::new(
            "reason",
            "technologies-error-max-2000-chars",
        ));
    }
    crate::privacy::check_fields(&[("reason", reason)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = entry.id;
    let mut active: entity::ActiveModel = entry.into();
    active.status = Set(EntryStatus::Avbojd.as_str().to_owned());
    active.decline_reason = Set(reason.to_owned());
    active.updated_at = Set(unit.now());
    let saved = active.update(unit.db()).await?;
    unit.audit("technology.decline", format!("technology:{id}"), reason);
    tell_proposer(
        &mut unit,
        state,
        &saved,
        || Words {
            title: i18n::t_with("technologies-notice-declined-subject", "name", &saved.name),
            lines: vec![
                i18n::t_with("technologies-notice-declined", "name", &saved.name),
                i18n::t_with("technologies-notice-declined-reason", "reason", reason),
            ],
        },
        "/teknik",
    )
    .await?;
    unit.commit().await?;
    Ok(saved)
}
