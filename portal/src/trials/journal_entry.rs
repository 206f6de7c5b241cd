//! The journal: where an entry is saved, and how it is shown.

use super::*;

/// Writes an entry in the trial's journal (its lead, participants or node staff).
#[tracing::instrument(skip_all)]
pub async fn add_entry(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: EntryInput,
) -> Result<journal::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, parties) = readable_with_parties(state, &by.actor, slug_or_id).await?;
    if !can(&by.actor, Action::Contribute, &resource(&trial, &parties)) {
        return Err(AppError::Forbidden(
            "trials-error-journal-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&trial)?;
    let (entry_type, body_html) = check_entry(state, &input).await?;
    let organisation_id = by
        .actor
        .member()
        .map_or(trial.lead_organisation_id, |m| m.organisation_id);
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let entry = journal::ActiveModel {
        id: Set(Uuid::now_v7()),
        trial_id: Set(trial.id),
        entry_type: Set(entry_type.as_str().to_owned()),
        happened_on: Set(input
            .happened_on
            .unwrap_or_else(|| crate::web::stockholm_date(now))),
        body_html: Set(body_html),
        body_md: Set(input.text),
        organisation_id: Set(organisation_id),
        author_id: Set(by.actor.user_id()),
        created_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    }
    .insert(unit.db())
    .await?;
    unit.changed(JOURNAL_ENTRY, entry.id, Op::Upsert);
    unit.audit(
        "trial.journal",
        format!("trial:{}", trial.id),
        entry_type.as_str(),
    );
    let writer = state
        .catalog
        .get()
        .organisation_by_id(organisation_id)
        .map_or_else(String::new, |o| o.name.clone());
    let excerpt = markdown::first_paragraph(&entry.body_md, 400);
    tell_followers(
        state,
        &mut unit,
        &trial,
        &parties,
        crate::notifications::Words::each(|| {
            let label = entry_type.label();
            let lower = label.to_lowercase();
            let args = [
                ("type", label),
                ("type_lower", lower.as_str()),
                ("organisation", writer.as_str()),
                ("title", trial.title.as_str()),
            ];
            crate::notifications::Words {
                title: crate::web::i18n::t_args("trials-notice-journal-title", &args),
                lines: vec![
                    crate::web::i18n::t_args("trials-notice-journal", &args),
                    excerpt.clone(),
                ],
            }
        }),
    )
    .await?;
    unit.commit().await?;
    Ok(entry)
}

/// Checks an entry as written: its type, its text and its day (not in the future); returns the
/// type and the text as HTML.
async fn check_entry(
    state: &AppState,
    input: &EntryInput,
) -> Result<(EntryType, String), AppError> {
    let mut issues = crate::error::issues_of(input);
    let entry_type = EntryType::from_field(Some(&input.entry_type), "entry_type", &mut issues);
    if entry_type.is_none() && issues.iter().all(|i| i.field != "entry_type") {
        issues.push(FieldIssue::new(
            "entry_type",
            "trials-error-entry-type-missing",
        ));
    }
    crate::error::require_text(
        &input.text,
        "text",
        "trials-error-entry-text-missing",
        &mut issues,
    );
    if input
        .happened_on
        .is_some_and(|day| day > crate::web::stockholm_date(state.clock.now()))
    {
        issues.push(FieldIssue::new(
            "happened_on",
            "trials-error-entry-date-future",
        ));
    }
    crate::privacy::check_fields(&[("text", &input.text)], &mut issues);
    let Some(entry_type) = entry_type.filter(|_| issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let body_html = markdown::render_field("text", input.text.clone())
        .await?
        .into_string();
    Ok((entry_type, body_html))
}

/// The trial `slug_or_id` with its parties and its journal entry `entry_id`, if `actor` may
/// read them (a withdrawn entry only for those who may bring it back).
pub async fn readable_entry(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
    entry_id: &str,
) -> Result<(entity::Model, Parties, journal::Model), AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    let trial = trial.into_inner();
    let entry = match Uuid::parse_str(entry_id) {
        Ok(id) => {
            journal::Entity::find_by_id(id)
                .filter(journal::Column::TrialId.eq(trial.id))
                .one(&state.db)
                .await?
        }
        Err(_) => None,
    }
    .filter(|e| {
        e.withdrawn_at.is_none() || can(actor, Action::Restore, &resource(&trial, &parties))
    })
    .ok_or(AppError::NotFound("anteckningen"))?;
    Ok((trial, parties, entry))
}

/// Whether `actor` may change (`Action::Edit`) or take back (`Action::Withdraw`) `entry`: the
/// trial's lead and node staff, and the organisation that wrote it.
pub fn may_amend(
    actor: &Actor,
    action: Action,
    trial: &entity::Model,
    parties: &Parties,
    entry: &journal::Model,
) -> bool {
    crate::auth::policy::amends_contribution(
        actor,
        action,
        &resource(trial, parties),
        entry.organisation_id,
    )
}

/// Changes a journal entry (the organisation that wrote it, the trial's lead or node staff).
#[tracing::instrument(skip_all)]
pub async fn update_entry(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    entry_id: &str,
    input: EntryInput,
) -> Result<journal::Model, AppError> {
    let (trial, entry) = editable_entry(state, by, slug_or_id, entry_id).await?;
    let (entry_type, body_html) = check_entry(state, &input).await?;
    let mut unit = Unit::begin(state, by).await?;
    let id = entry.id;
    let happened_on = input.happened_on.unwrap_or(entry.happened_on);
    let mut active: journal::ActiveModel = entry.into();
    active.entry_type = Set(entry_type.as_str().to_owned());
    active.happened_on = Set(happened_on);
    active.body_md = Set(input.text);
    active.body_html = Set(body_html);
    let entry = active.update(unit.db()).await?;
    unit.changed(JOURNAL_ENTRY, id, Op::Upsert);
    unit.audit(
        "journal_entry.edit",
        format!("trial:{}", trial.id),
        format!("journal_entry:{id}"),
    );
    unit.commit().await?;
    Ok(entry)
}

/// The trial and its journal entry, if `by` may change the entry (the organisation that wrote
/// it, the trial's lead or node staff) and neither is withdrawn; refused as [`update_entry`]
/// refuses.
async fn editable_entry(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    entry_id: &str,
) -> Result<(entity::Model, journal::Model), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, parties, entry) = readable_entry(state, &by.actor, slug_or_id, entry_id).await?;
    if !may_amend(&by.actor, Action::Edit, &trial, &parties, &entry) {
        return Err(AppError::Forbidden(
            "trials-error-entry-edit-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&trial)?;
    if entry.withdrawn_at.is_some() {
        return Err(AppError::Conflict(
            "trials-error-entry-withdrawn".to_owned(),
        ));
    }
    Ok((trial, entry))
}

/// What [`update_entry`] would be sent to leave the entry as it is, for a `PATCH` to merge
/// into; refused as [`update_entry`] refuses.
#[tracing::instrument(skip_all)]
pub async fn current_entry_input(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    entry_id: &str,
) -> Result<EntryInput, AppError> {
    let (_, entry) = editable_entry(state, by, slug_or_id, entry_id).await?;
    Ok(EntryInput::of(&entry))
}

/// Takes a journal entry back (those who may change it) or brings it back (node staff).
#[tracing::instrument(skip_all)]
pub async fn set_entry_withdrawn(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    entry_id: &str,
    withdraw: bool,
) -> Result<journal::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, parties, entry) = readable_entry(state, &by.actor, slug_or_id, entry_id).await?;
    let allowed = if withdraw {
        may_amend(&by.actor, Action::Withdraw, &trial, &parties, &entry)
    } else {
        can(&by.actor, Action::Restore, &resource(&trial, &parties))
    };
    if !allowed {
        return Err(AppError::Forbidden(if withdraw {
            "trials-error-entry-withdraw-forbidden".to_owned()
        } else {
            "trials-error-entry-restore-forbidden".to_owned()
        }));
    }
    if entry.withdrawn_at.is_some() == withdraw {
        return Ok(entry);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = entry.id;
    let mut active: journal::ActiveModel = entry.into();
    active.withdrawn_at = Set(withdraw.then(|| unit.now()));
    active.withdrawn_by = Set(if withdraw { by.actor.user_id() } else { None });
    let entry = active.update(unit.db()).await?;
    unit.changed(
        JOURNAL_ENTRY,
        id,
        if withdraw { Op::Delete } else { Op::Upsert },
    );
    unit.audit(
        if withdraw {
            "journal_entry.withdraw"
        } else {
            "journal_entry.restore"
        },
        format!("trial:{}", trial.id),
        format!("journal_entry:{id}"),
    );
    unit.commit().await?;
    Ok(entry)
}

pub fn entry_view(catalog: &CatalogData, e: journal::Model) -> EntryView {
    EntryView {
        id: e.id,
        entry_type_label: EntryType::parse(&e.entry_type)
            .map_or_else(|| e.entry_type.clone(), |t| t.label().to_owned()),
        organisation: catalog
            .organisation_by_id(e.organisation_id)
            .map(OrganisationRef::from),
        entry_type: e.entry_type,
        happened_on: e.happened_on,
        text_markdown: e.body_md,
        text_html: e.body_html,
        created_at: e.created_at,
        withdrawn_at: e.withdrawn_at,
    }
}
