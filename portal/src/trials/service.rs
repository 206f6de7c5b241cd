//! Starting a trial and moving it to another phase; the parties are told.

use super::*;
use crate::notifications::Words;
use crate::web::i18n::{self, InEach};

/// A trial's fields as checked for saving.
struct Checked {
    visibility: Visibility,
    parties: Parties,
    title: String,
    target_group: TargetGroup,
    phase: TrialPhase,
    category_id: Option<Uuid>,
    answered: Vec<needs::entity::Model>,
    /// The technology tested: the catalogue entry's name, or free text where it has none.
    technology: String,
    technology_id: Option<Uuid>,
    description_html: String,
}

/// Checks what a writer sends to start a trial or to change one (`current`: the trial as it
/// is, whose lead, visibility and phase stay unless others are given). First who runs the
/// trial, for whom, and whether the writer may; only then the text.
async fn check(
    state: &AppState,
    by: &By,
    input: &TrialInput,
    current: Option<&entity::Model>,
) -> Result<Checked, AppError> {
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let visibility = match (input.visibility.as_deref(), current) {
        (None, Some(trial)) => Visibility::parse(&trial.visibility),
        (given, _) => Visibility::from_field(given, "visibility", &mut issues),
    }
    .unwrap_or(Visibility::Public);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new("visibility", "trials-error-visibility"));
    }
    let named_lead = input
        .lead
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let lead = match (named_lead, current) {
        (None, Some(trial)) => Some(trial.lead_organisation_id),
        _ => {
            crate::catalog::organisation_field(&by.actor, named_lead, &catalog, "lead", &mut issues)
        }
    };
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
            "trials-error-start-forbidden".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(&title, "title", "trials-error-title-missing", &mut issues);
    let target_group =
        TargetGroup::from_field(Some(&input.target_group), "target_group", &mut issues);
    if target_group.is_none() && issues.iter().all(|i| i.field != "target_group") {
        issues.push(FieldIssue::new(
            "target_group",
            "trials-error-target-group-missing",
        ));
    }
    let phase = match (input.phase.as_deref(), current) {
        (None, Some(trial)) => TrialPhase::parse(&trial.phase),
        (given, _) => TrialPhase::from_field(given, "phase", &mut issues),
    }
    .unwrap_or(TrialPhase::Planerad);
    if let (Some(starts), Some(ends)) = (input.starts_on, input.ends_on)
        && ends < starts
    {
        issues.push(FieldIssue::new("ends_on", "trials-error-ends-before-start"));
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
            Ok(need) if need.withdrawn_at.is_none() => answered.push(need.into_inner()),
            _ => issues.push(FieldIssue::new(
                "needs",
                crate::web::i18n::t_with(
                    "trials-error-unknown-need",
                    "name",
                    &crate::privacy::quoted(named),
                ),
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
                    crate::web::i18n::t_with(
                        "trials-error-unknown-technology",
                        "name",
                        &crate::privacy::quoted(named),
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
            "trials-error-technology-missing",
        ));
    }
    let technology_id = technology_id.map(|(id, _)| id);
    let (Some(target_group), true) = (target_group, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    Ok(Checked {
        visibility,
        parties,
        title,
        target_group,
        phase,
        technology,
        category_id,
        answered,
        technology_id,
        description_html,
    })
}

/// The trial as its history keeps it: its facts, one per line, then its description.
pub fn revision_body(
    trial: &entity::Model,
    parties: &Parties,
    answered: &[String],
    catalog: &CatalogData,
) -> String {
    let name = |id: Uuid| {
        catalog
            .organisation_by_id(id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    };
    let participants = parties
        .participants
        .iter()
        .map(|&p| name(p))
        .collect::<Vec<_>>()
        .join(", ");
    let category = trial
        .category_id
        .and_then(|c| catalog.category_by_id(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let day = |d: Option<NaiveDate>| d.map(crate::web::date_text).unwrap_or_default();
    let visibility = match Visibility::parse(&trial.visibility) {
        Some(Visibility::Organisation) => "De deltagande organisationerna",
        Some(other) => other.label(),
        None => "",
    };
    crate::revisions::render(
        &[
            ("Leds av", &name(trial.lead_organisation_id)),
            ("Deltar", &participants),
            ("Teknik", &trial.technology),
            ("Produkt", &trial.product),
            ("Leverantör", &trial.supplier),
            ("Målgrupp", &TargetGroup::label_of(&trial.target_group)),
            ("Kategori", &category),
            ("Start", &day(trial.starts_on)),
            ("Slut", &day(trial.ends_on)),
            ("Vem får följa testet", visibility),
            ("Svarar på behov", &answered.join(", ")),
        ],
        &trial.description_md,
    )
}

/// Keeps the trial's current state in its history, in `unit`.
async fn keep_revision(
    state: &AppState,
    unit: &Unit,
    trial: &entity::Model,
    parties: &Parties,
) -> Result<(), AppError> {
    let linked = linked_needs(unit.db(), trial.id).await?;
    // The history is shown to every reader of the trial: it names only the needs anyone may
    // read, and counts the others.
    let catalog = state.catalog.get();
    let (open, closed): (Vec<_>, Vec<_>) = linked.into_iter().partition(|n| {
        n.withdrawn_at.is_none()
            && can(
                &Actor::Anonymous,
                Action::Read,
                &needs::resource(n, &catalog),
            )
    });
    let mut answered: Vec<String> = open.into_iter().map(|n| n.title).collect();
    answered.sort();
    if !closed.is_empty() {
        answered.push(format!("{} behov som inte är öppna för alla", closed.len()));
    }
    let body = revision_body(trial, parties, &answered, &catalog);
    crate::revisions::keep(
        unit.db(),
        TRIAL,
        trial.id,
        &trial.title,
        &body,
        &unit.by().name,
        unit.now(),
    )
    .await?;
    Ok(())
}

/// The needs the trial answers that `actor` cannot choose in its form: withdrawn ones, and
/// those `actor` may not read.
async fn unseen_answers(
    state: &AppState,
    actor: &Actor,
    trial_id: Uuid,
) -> Result<Vec<needs::entity::Model>, AppError> {
    let catalog = state.catalog.get();
    Ok(linked_needs(&state.db, trial_id)
        .await?
        .into_iter()
        .filter(|n| {
            n.withdrawn_at.is_some() || !can(actor, Action::Read, &needs::resource(n, &catalog))
        })
        .collect())
}

/// Writes the trial's participants and the needs it answers as `checked` says, in `unit`;
/// needs newly answered that are new or being assessed move on to "i test".
async fn write_links(
    unit: &mut Unit,
    id: Uuid,
    parties: &Parties,
    answered: Vec<needs::entity::Model>,
) -> Result<(), AppError> {
    participant::Entity::delete_many()
        .filter(participant::Column::TrialId.eq(id))
        .exec(unit.db())
        .await?;
    for &organisation_id in &parties.participants {
        participant::ActiveModel {
            trial_id: Set(id),
            organisation_id: Set(organisation_id),
        }
        .insert(unit.db())
        .await?;
    }
    let before: Vec<Uuid> = answers::Entity::find()
        .filter(answers::Column::TrialId.eq(id))
        .all(unit.db())
        .await?
        .into_iter()
        .map(|a| a.need_id)
        .collect();
    answers::Entity::delete_many()
        .filter(answers::Column::TrialId.eq(id))
        .exec(unit.db())
        .await?;
    for need in answered {
        answers::ActiveModel {
            trial_id: Set(id),
            need_id: Set(need.id),
        }
        .insert(unit.db())
        .await?;
        if !before.contains(&need.id)
            && matches!(
                NeedStatus::parse(&need.status),
                Some(NeedStatus::Ny | NeedStatus::Bedoms)
            )
        {
            needs::mark(unit, need, NeedStatus::ITest).await?;
        }
    }
    Ok(())
}

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
    let checked = check(state, by, &input, None).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = Uuid::now_v7();
    let phase = checked.phase;
    let trial = entity::Model {
        id,
        slug: crate::web::slug_with_tail(&checked.title, id),
        description_html: checked.description_html,
        description_md: input.description,
        title: checked.title,
        lead_organisation_id: checked.parties.lead,
        technology: checked.technology,
        product: input.product.trim().to_owned(),
        supplier: input.supplier.trim().to_owned(),
        target_group: checked.target_group.as_str().to_owned(),
        category_id: checked.category_id,
        starts_on: input.starts_on,
        // A trial that has ended without a given end date ended today.
        ends_on: input.ends_on.or_else(|| {
            matches!(phase, TrialPhase::Avslutad | TrialPhase::Avbruten)
                .then(|| crate::web::stockholm_date(now))
        }),
        phase: phase.as_str().to_owned(),
        visibility: checked.visibility.as_str().to_owned(),
        created_at: now,
        updated_at: now,
        technology_id: checked.technology_id,
        withdrawn_at: None,
        withdrawn_by: None,
        // Whoever starts the trial answers for it being current.
        owner_id: by.actor.user_id(),
        confirmed_at: None,
        archived_at: None,
    };
    let active: entity::ActiveModel = trial.into();
    let trial = active.insert(unit.db()).await?;
    write_links(&mut unit, id, &checked.parties, checked.answered).await?;
    follow_participants(&unit, &trial, &checked.parties.all()).await?;
    crate::followups::schedule(&unit, &trial).await?;
    keep_revision(state, &unit, &trial, &checked.parties).await?;
    unit.changed(TRIAL, id, Op::Upsert);
    unit.audit("trial.create", format!("trial:{id}"), trial.title.clone());
    // A technology the catalogue lacks is proposed to node staff as a new entry.
    if trial.technology_id.is_none() && matches!(by.actor, Actor::User(_)) {
        propose_technology(state, &mut unit, &trial).await?;
    }
    unit.commit().await?;
    Ok(trial)
}

/// Replaces a trial's facts, participants and period with `input` (its lead or node staff):
/// a later end date extends it, and its follow-ups move with the end. The lead, visibility and
/// phase stay unless others are given. The earlier state stays in its history.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: TrialInput,
) -> Result<entity::Model, AppError> {
    let (trial, before) = editable(state, by, slug_or_id).await?;
    let mut checked = check(state, by, &input, Some(&trial)).await?;
    // What the editor could not see or choose (another organisation's private need, a withdrawn
    // need or catalogue entry) the form never showed, so leaving it out changes nothing.
    for need in unseen_answers(state, &by.actor, trial.id).await? {
        if !checked.answered.iter().any(|a| a.id == need.id) {
            checked.answered.push(need);
        }
    }
    if checked.technology_id.is_none()
        && input
            .technology_entry
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        && let Some(entry) = trial.technology_id
        && matches!(
            crate::technologies::find(state, &entry.to_string()).await,
            Err(AppError::NotFound(_))
        )
    {
        checked.technology_id = Some(entry);
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let id = trial.id;
    let phase = checked.phase;
    let slug = crate::addresses::retitled(
        &unit,
        TRIAL,
        id,
        (&trial.title, &trial.slug),
        &checked.title,
    )
    .await?;
    let mut active: entity::ActiveModel = trial.into();
    active.slug = Set(slug);
    active.title = Set(checked.title);
    active.description_md = Set(input.description);
    active.description_html = Set(checked.description_html);
    active.lead_organisation_id = Set(checked.parties.lead);
    active.technology = Set(checked.technology);
    active.product = Set(input.product.trim().to_owned());
    active.supplier = Set(input.supplier.trim().to_owned());
    active.target_group = Set(checked.target_group.as_str().to_owned());
    active.category_id = Set(checked.category_id);
    active.starts_on = Set(input.starts_on);
    active.ends_on = Set(input.ends_on.or_else(|| {
        matches!(phase, TrialPhase::Avslutad | TrialPhase::Avbruten)
            .then(|| crate::web::stockholm_date(now))
    }));
    active.phase = Set(phase.as_str().to_owned());
    active.visibility = Set(checked.visibility.as_str().to_owned());
    active.technology_id = Set(checked.technology_id);
    active.updated_at = Set(now);
    let trial = active.update(unit.db()).await?;
    write_links(&mut unit, id, &checked.parties, checked.answered).await?;
    // Organisations that join follow the trial; those already in it keep their choice.
    let joined: Vec<Uuid> = checked
        .parties
        .all()
        .into_iter()
        .filter(|o| !before.all().contains(o))
        .collect();
    follow_participants(&unit, &trial, &joined).await?;
    crate::followups::schedule(&unit, &trial).await?;
    keep_revision(state, &unit, &trial, &checked.parties).await?;
    // The journal's documents carry the trial's title, phase and readers.
    reindex_trial(&mut unit, id).await?;
    unit.audit("trial.edit", format!("trial:{id}"), trial.title.clone());
    unit.commit().await?;
    Ok(trial)
}

/// The trial behind `slug_or_id` with its parties, if `by` may change it (its lead or node
/// staff) and it is not withdrawn; refused as [`update`] refuses.
async fn editable(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<(entity::Model, Parties), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, parties) = readable_with_parties(state, &by.actor, slug_or_id).await?;
    let trial = trial.into_inner();
    if !can(&by.actor, Action::Edit, &resource(&trial, &parties)) {
        return Err(AppError::Forbidden(
            "trials-error-edit-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&trial)?;
    Ok((trial, parties))
}

/// What [`update`] would be sent to leave the trial as it is, for a `PATCH` to merge into, as
/// its edit form is filled: its participants by code, the needs it answers that the writer may
/// open (by address), its catalogue entry (by address) while the entry is in the catalogue.
/// Its lead is left out, which keeps it. Refused as [`update`] refuses.
#[tracing::instrument(skip_all)]
pub async fn current_input(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<TrialInput, AppError> {
    let (trial, parties) = editable(state, by, slug_or_id).await?;
    let catalog = state.catalog.get();
    let technology_entry = match trial.technology_id {
        Some(id) => crate::technologies::find(state, &id.to_string())
            .await
            .ok()
            .map(|e| e.slug),
        None => None,
    };
    let needs = answered_needs(state, &by.actor, trial.id)
        .await?
        .into_iter()
        .map(|n| n.slug)
        .collect();
    Ok(TrialInput {
        title: trial.title,
        description: trial.description_md,
        lead: None,
        participants: parties
            .participants
            .iter()
            .filter_map(|&o| catalog.organisation_by_id(o))
            .map(|o| o.code.clone())
            .collect(),
        technology: trial.technology,
        product: trial.product,
        supplier: trial.supplier,
        target_group: trial.target_group,
        category: trial
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(|c| c.slug.clone()),
        starts_on: trial.starts_on,
        ends_on: trial.ends_on,
        phase: Some(trial.phase),
        visibility: Some(trial.visibility),
        needs,
        technology_entry,
    })
}

/// Takes a trial back (its lead or node staff): it and its journal leave lists, search and
/// the overview, and its page opens to node staff only, who can bring it back.
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    set_withdrawn(state, by, slug_or_id, true).await
}

/// Brings a withdrawn trial back with its journal (node staff).
#[tracing::instrument(skip_all)]
pub async fn restore(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    set_withdrawn(state, by, slug_or_id, false).await
}

async fn set_withdrawn(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    withdraw: bool,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let (trial, parties) = readable_with_parties(state, &by.actor, slug_or_id).await?;
    let trial = trial.into_inner();
    let (action, refusal) = if withdraw {
        (Action::Withdraw, "trials-error-withdraw-forbidden")
    } else {
        (Action::Restore, "trials-error-restore-forbidden")
    };
    if !can(&by.actor, action, &resource(&trial, &parties)) {
        return Err(AppError::Forbidden(refusal.to_owned()));
    }
    if trial.withdrawn_at.is_some() == withdraw {
        return Ok(trial);
    }
    let mut unit = Unit::begin(state, by).await?;
    let id = trial.id;
    let mut active: entity::ActiveModel = trial.into();
    active.withdrawn_at = Set(withdraw.then(|| unit.now()));
    active.withdrawn_by = Set(if withdraw { by.actor.user_id() } else { None });
    let trial = active.update(unit.db()).await?;
    // The journal goes with the trial, and comes back with it.
    let op = if withdraw { Op::Delete } else { Op::Upsert };
    unit.changed(TRIAL, id, op);
    for entry in journal::Entity::find()
        .filter(journal::Column::TrialId.eq(id))
        .select_only()
        .column(journal::Column::Id)
        .into_tuple::<Uuid>()
        .all(unit.db())
        .await?
    {
        unit.changed(JOURNAL_ENTRY, entry, op);
    }
    unit.audit(
        if withdraw {
            "trial.withdraw"
        } else {
            "trial.restore"
        },
        format!("trial:{id}"),
        trial.title.clone(),
    );
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
            issues.push(FieldIssue::new("phase", "trials-error-phase-missing"));
        }
        return Err(AppError::Invalid(issues));
    };
    if !can(&by.actor, Action::Edit, &resource(&trial, &parties)) {
        return Err(AppError::Forbidden(
            "trials-error-phase-forbidden".to_owned(),
        ));
    }
    not_withdrawn(&trial)?;
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
    tell_followers(
        state,
        &mut unit,
        &trial,
        &parties,
        Words::each(|| {
            let label = phase.label();
            let lower = label.to_lowercase();
            let args = [
                ("phase", label),
                ("phase_lower", lower.as_str()),
                ("title", trial.title.as_str()),
            ];
            Words {
                title: i18n::t_args("trials-notice-phase-title", &args),
                lines: vec![i18n::t_args("trials-notice-phase", &args)],
            }
        }),
    )
    .await?;
    unit.commit().await?;
    Ok(trial)
}

/// Makes the active users of `organisations` (a trial's parties, or those that just joined)
/// follow the trial automatically; they may stop.
async fn follow_participants(
    unit: &Unit,
    trial: &entity::Model,
    organisations: &[Uuid],
) -> Result<(), AppError> {
    crate::notifications::service::follow_for_organisations(
        unit,
        organisations,
        Topic::new(TopicKind::Trial, trial.id),
        &trial.title,
        &url(trial),
    )
    .await?;
    Ok(())
}

/// Tells the trial's followers (its participants follow it automatically) and those of its
/// catalogue entry, each as they chose, if they may read the trial; not the one who acted.
pub(crate) async fn tell_followers(
    state: &AppState,
    unit: &mut Unit,
    trial: &entity::Model,
    parties: &Parties,
    words: InEach<Words>,
) -> Result<(), AppError> {
    let mut topics = vec![(Topic::new(TopicKind::Trial, trial.id), trial.title.clone())];
    if let Some(entry) = trial.technology_id
        && let Ok(found) = crate::technologies::find(state, &entry.to_string()).await
    {
        topics.push((Topic::new(TopicKind::Technology, entry), found.name));
    }
    unit.event(Event {
        kind: EventKind::Trial,
        item_kind: TRIAL,
        item_id: trial.id,
        principals: principals(trial, parties),
        topics,
        users: Vec::new(),
        words,
        path: url(trial),
    });
    Ok(())
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
    let args = [
        ("technology", trial.technology.as_str()),
        ("title", trial.title.as_str()),
    ];
    unit.notify(&recipients, || Notice {
        subject: i18n::t_args("trials-notice-technology-subject", &args),
        lines: vec![
            i18n::t_args("trials-notice-technology", &args),
            i18n::t("trials-notice-technology-add"),
        ],
        link: state.settings.public_link(&url(trial)),
        settings: &settings,
    })?;
    Ok(())
}
