//! Starting a trial and moving it to another phase; the parties are told.

use super::*;

/// Starts a trial. Its lead's staff or node staff may.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: TrialInput,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let catalog = state.catalog.get();
    // First who runs the trial, for whom, and whether the writer may start it; only then the
    // text.
    let mut issues = Vec::new();
    let visibility = Visibility::from_field(input.visibility.as_deref(), "visibility", &mut issues)
        .unwrap_or(Visibility::Public);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new(
            "visibility",
            "Välj public, network eller organisation (de deltagande organisationerna).",
        ));
    }
    let lead = crate::catalog::organisation_field(
        &by.actor,
        input.lead.as_deref(),
        &catalog,
        "lead",
        &mut issues,
    );
    let mut participants = Vec::new();
    for code in input
        .participants
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match catalog.organisation_named(code, "participants", &mut issues) {
            Some(o) if Some(o.id) != lead && !participants.contains(&o.id) => {
                participants.push(o.id)
            }
            _ => {}
        }
    }
    let (Some(lead), true) = (lead, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let parties = Parties { lead, participants };
    let becomes = Resource::Item {
        principals: principals_for(Some(visibility), &parties),
        organisation_id: Some(lead),
        partners: parties.participants.clone(),
    };
    if !can(&by.actor, Action::Create, &becomes) {
        return Err(AppError::Forbidden(
            "Bara den ledande organisationen och nodens personal kan starta ett test.".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(&title, "title", "Skriv en rubrik.", &mut issues);
    let target_group =
        CareGroup::from_field(Some(&input.target_group), "target_group", &mut issues);
    if target_group.is_none() && issues.iter().all(|i| i.field != "target_group") {
        issues.push(FieldIssue::new("target_group", "Välj en målgrupp."));
    }
    let phase = TrialPhase::from_field(input.phase.as_deref(), "phase", &mut issues)
        .unwrap_or(TrialPhase::Planerad);
    if let (Some(starts), Some(ends)) = (input.starts_on, input.ends_on)
        && ends < starts
    {
        issues.push(FieldIssue::new(
            "ends_on",
            "Testet kan inte sluta innan det börjar.",
        ));
    }
    let category_id =
        crate::catalog::category_field(input.category.as_deref(), &catalog, &mut issues);
    crate::privacy::check_fields(
        &[
            ("title", &title),
            ("description", &input.description),
            ("technology", &input.technology),
            ("product", &input.product),
            ("supplier", &input.supplier),
        ],
        &mut issues,
    );
    let mut answered = Vec::new();
    for named in input
        .needs
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        match needs::readable(state, &by.actor, named).await {
            Ok(need)
                if answered
                    .iter()
                    .any(|a: &needs::entity::Model| a.id == need.id) => {}
            Ok(need) => answered.push(need.into_inner()),
            Err(_) => issues.push(FieldIssue::new(
                "needs",
                format!("Okänt behov {}.", crate::privacy::quoted(named)),
            )),
        }
    }
    let technology_id = match input
        .technology_entry
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => None,
        Some(named) => match crate::technologies::find(state, named).await {
            Ok(entry) => Some((entry.id, entry.name.clone())),
            Err(_) => {
                issues.push(FieldIssue::new(
                    "technology_entry",
                    format!(
                        "Okänd teknik i katalogen {}.",
                        crate::privacy::quoted(named)
                    ),
                ));
                None
            }
        },
    };
    // The catalogue entry names the technology; free text only where the catalogue has none.
    let technology = match (input.technology.trim(), &technology_id) {
        ("", Some((_, name))) => name.clone(),
        (text, _) => text.to_owned(),
    };
    if technology.is_empty() && issues.iter().all(|i| i.field != "technology_entry") {
        issues.push(FieldIssue::new(
            "technology",
            "Välj tekniken i katalogen, eller skriv vilken teknik som testas om katalogen saknar den.",
        ));
    }
    let technology_id = technology_id.map(|(id, _)| id);
    let (Some(target_group), true) = (target_group, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = Uuid::now_v7();
    let trial = entity::Model {
        id,
        slug: crate::web::slug_with_tail(&title, id),
        description_html,
        description_md: input.description,
        title,
        lead_organisation_id: lead,
        technology,
        product: input.product.trim().to_owned(),
        supplier: input.supplier.trim().to_owned(),
        target_group: target_group.as_str().to_owned(),
        category_id,
        starts_on: input.starts_on,
        // A trial that has ended without a given end date ended today.
        ends_on: input.ends_on.or_else(|| {
            matches!(phase, TrialPhase::Avslutad | TrialPhase::Avbruten)
                .then(|| crate::web::stockholm_date(now))
        }),
        phase: phase.as_str().to_owned(),
        visibility: visibility.as_str().to_owned(),
        created_at: now,
        updated_at: now,
        technology_id,
    };
    let active: entity::ActiveModel = trial.into();
    let trial = active.insert(unit.db()).await?;
    for &organisation_id in &parties.participants {
        participant::ActiveModel {
            trial_id: Set(id),
            organisation_id: Set(organisation_id),
        }
        .insert(unit.db())
        .await?;
    }
    for need in answered {
        answers::ActiveModel {
            trial_id: Set(id),
            need_id: Set(need.id),
        }
        .insert(unit.db())
        .await?;
        if matches!(
            NeedStatus::parse(&need.status),
            Some(NeedStatus::Ny | NeedStatus::Bedoms)
        ) {
            needs::mark(&mut unit, need, NeedStatus::ITest).await?;
        }
    }
    crate::followups::schedule(&unit, &trial).await?;
    unit.changed(TRIAL, id, Op::Upsert);
    unit.audit("trial.create", format!("trial:{id}"), trial.title.clone());
    // A technology the catalogue lacks is proposed to node staff as a new entry.
    if trial.technology_id.is_none() && matches!(by.actor, Actor::User(_)) {
        propose_technology(state, &mut unit, &trial).await?;
    }
    unit.commit().await?;
    Ok(trial)
}

/// Moves a trial to another phase (its lead or node staff); participants are told.
#[tracing::instrument(skip_all)]
pub async fn set_phase(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    phase: &str,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let mut issues = Vec::new();
    let phase = TrialPhase::from_field(Some(phase), "phase", &mut issues);
    let (trial, parties) = readable_with_parties(state, &by.actor, slug_or_id).await?;
    let trial = trial.into_inner();
    let Some(phase) = phase else {
        if issues.is_empty() {
            issues.push(FieldIssue::new("phase", "Välj en fas."));
        }
        return Err(AppError::Invalid(issues));
    };
    if !can(&by.actor, Action::Edit, &resource(&trial, &parties)) {
        return Err(AppError::Forbidden(
            "Bara den ledande organisationen och nodens personal ändrar testets fas.".to_owned(),
        ));
    }
    if trial.phase == phase.as_str() {
        return Ok(trial);
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let mut active: entity::ActiveModel = trial.into();
    active.phase = Set(phase.as_str().to_owned());
    active.updated_at = Set(now);
    // An ended trial without an end date ends today (follow-ups count from it).
    // Ending a trial ends it today, unless it was given an end date already passed; a planned
    // end date still ahead is replaced, so follow-ups count from the real end.
    let today = crate::web::stockholm_date(now);
    if (phase == TrialPhase::Avslutad || phase == TrialPhase::Avbruten)
        && let sea_orm::ActiveValue::Unchanged(planned) = active.ends_on
        && planned.is_none_or(|d| d > today)
    {
        active.ends_on = Set(Some(today));
    }
    let trial = active.update(unit.db()).await?;
    crate::followups::schedule(&unit, &trial).await?;
    reindex_trial(&mut unit, trial.id).await?;
    unit.audit("trial.phase", format!("trial:{}", trial.id), phase.as_str());
    notify_parties(
        state,
        &mut unit,
        &trial,
        &parties,
        format!("{}: {}", phase.label(), trial.title),
        vec![format!(
            "Testet \"{}\" har bytt fas till {}.",
            trial.title,
            phase.label().to_lowercase()
        )],
    )
    .await?;
    unit.commit().await?;
    Ok(trial)
}

/// Tells the trial's participants (all its organisations' users, but the one who acted).
pub(crate) async fn notify_parties(
    state: &AppState,
    unit: &mut Unit,
    trial: &entity::Model,
    parties: &Parties,
    subject: String,
    lines: Vec<String>,
) -> Result<usize, AppError> {
    if !unit.sends_mail() {
        return Ok(0);
    }
    let recipients =
        crate::auth::users::to_notify_in(unit.db(), &parties.all(), unit.by().actor.user_id())
            .await?;
    let settings = state.settings.public_link("/konto");
    unit.notify(
        &recipients,
        &Notice {
            subject,
            lines,
            link: state.settings.public_link(&url(trial)),
            settings: &settings,
        },
    )
}

/// Records a change of the trial and of each of its journal entries (they carry its phase
/// and principals in search).
pub(crate) async fn reindex_trial(unit: &mut Unit, trial_id: Uuid) -> Result<(), AppError> {
    unit.changed(TRIAL, trial_id, Op::Upsert);
    for entry in journal::Entity::find()
        .filter(journal::Column::TrialId.eq(trial_id))
        .select_only()
        .column(journal::Column::Id)
        .into_tuple::<Uuid>()
        .all(unit.db())
        .await?
    {
        unit.changed(JOURNAL_ENTRY, entry, Op::Upsert);
    }
    Ok(())
}

/// Tells node staff that a trial tests a technology the catalogue does not have.
async fn propose_technology(
    state: &AppState,
    unit: &mut Unit,
    trial: &entity::Model,
) -> Result<(), AppError> {
    if !unit.sends_mail() {
        return Ok(());
    }
    let recipients =
        crate::auth::users::to_notify_staff(unit.db(), unit.by().actor.user_id()).await?;
    let settings = state.settings.public_link("/konto");
    unit.notify(
        &recipients,
        &Notice {
            subject: format!("Förslag till teknikkatalogen: {}", trial.technology),
            lines: vec![
                format!(
                    "Testet \"{}\" prövar \"{}\", som inte finns i teknikkatalogen.",
                    trial.title, trial.technology
                ),
                "Lägg till tekniken i katalogen om den hör hemma där.".to_owned(),
            ],
            link: state.settings.public_link(&url(trial)),
            settings: &settings,
        },
    )?;
    Ok(())
}
