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
            "Bara de organisationer som deltar i testet skriver i dess journal.".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let entry_type = EntryType::from_field(Some(&input.entry_type), "entry_type", &mut issues);
    if entry_type.is_none() && issues.iter().all(|i| i.field != "entry_type") {
        issues.push(FieldIssue::new(
            "entry_type",
            "Välj typ av anteckning: steg, hinder, möjlighet eller beslut.",
        ));
    }
    crate::error::require_text(&input.text, "text", "Skriv anteckningen.", &mut issues);
    if input
        .happened_on
        .is_some_and(|day| day > crate::web::stockholm_date(state.clock.now()))
    {
        issues.push(FieldIssue::new(
            "happened_on",
            "Datumet kan inte ligga i framtiden: skriv det som har hänt.",
        ));
    }
    crate::privacy::check_fields(&[("text", &input.text)], &mut issues);
    let Some(entry_type) = entry_type.filter(|_| issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let body_html = markdown::render_field("text", input.text.clone())
        .await?
        .into_string();
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
    notify_parties(
        state,
        &mut unit,
        &trial,
        &parties,
        format!("{}: ny anteckning i {}", entry_type.label(), trial.title),
        vec![
            format!(
                "{writer} har skrivit en ny anteckning ({}) i journalen för testet \"{}\":",
                entry_type.label().to_lowercase(),
                trial.title
            ),
            markdown::first_paragraph(&entry.body_md, 400),
        ],
    )
    .await?;
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
    }
}
