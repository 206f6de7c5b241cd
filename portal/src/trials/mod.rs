//! Trials in a test bed (tester i testbädd): a lead organisation, the organisations taking
//! part, the technology under test, a phase, and a journal of dated steps, obstacles,
//! opportunities and decisions that everyone allowed can follow while the trial runs.
//! Participants are told by e-mail when the journal grows or the phase changes.

pub mod routes;
pub mod search;
pub mod vocabulary;

pub use vocabulary::{EntryType, JOURNAL_KIND, TRIAL_KIND, TrialPhase};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::{Action, Actor, Readable, Resource, can};
use crate::catalog::CareGroup;
use crate::catalog::CatalogData;
use crate::catalog::CategoryRef;
use crate::catalog::OrganisationRef;
use crate::changes::{Kind, Op};
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::needs;
use crate::needs::NeedStatus;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "trials")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        pub title: String,
        pub description_md: String,
        pub description_html: String,
        pub lead_organisation_id: Uuid,
        pub technology: String,
        pub product: String,
        pub supplier: String,
        pub target_group: String,
        pub category_id: Option<Uuid>,
        pub starts_on: Option<Date>,
        pub ends_on: Option<Date>,
        pub phase: String,
        /// public, network, or organisation: the lead and the participants.
        pub visibility: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// The catalogue entry of the technology under test, if any.
        pub technology_id: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    pub mod participant {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "trial_participants")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub trial_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub organisation_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod answers {
        use sea_orm::entity::prelude::*;

        /// A need the trial answers.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "trial_needs")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub trial_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub need_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod journal {
        use sea_orm::entity::prelude::*;

        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "journal_entries")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            pub trial_id: Uuid,
            /// steg, hinder, mojlighet or beslut.
            pub entry_type: String,
            pub happened_on: Date,
            pub body_md: String,
            pub body_html: String,
            /// The organisation of the writer.
            pub organisation_id: Uuid,
            pub author_id: Option<Uuid>,
            pub created_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{answers, journal, participant};

/// Trials in the change log.
pub const TRIAL: Kind = Kind::new("trial");
/// Journal entries in the change log (each is its own search document).
pub const JOURNAL_ENTRY: Kind = Kind::new("journal_entry");

/// What a client sends to start a trial.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrialInput {
    #[validate(length(
        min = 1,
        max = 200,
        message = "Rubriken måste ha mellan 1 och 200 tecken."
    ))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// Purpose and set-up in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "Beskrivningen får ha högst 20 000 tecken."))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// SCB code of the lead organisation (default: the writer's own).
    #[serde(default)]
    pub lead: Option<String>,
    /// SCB codes of the other organisations taking part; none makes a single-municipality trial.
    #[serde(default)]
    #[validate(length(max = 50, message = "Högst 50 deltagande organisationer."))]
    #[schema(max_items = 50)]
    pub participants: Vec<String>,
    #[validate(length(min = 1, max = 200, message = "Ange tekniken som testas."))]
    #[schema(min_length = 1, max_length = 200)]
    pub technology: String,
    #[serde(default)]
    #[validate(length(max = 200, message = "Högst 200 tecken."))]
    #[schema(max_length = 200)]
    pub product: String,
    #[serde(default)]
    #[validate(length(max = 200, message = "Högst 200 tecken."))]
    #[schema(max_length = 200)]
    pub supplier: String,
    /// ordinart-boende, sarskilt-boende, lss, socialpsykiatri, ifo or hemsjukvard.
    #[schema(schema_with = CareGroup::field_schema)]
    pub target_group: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// planerad, pagar, avslutad or avbruten (default planerad).
    #[serde(default)]
    #[schema(schema_with = TrialPhase::optional_field_schema)]
    pub phase: Option<String>,
    /// public, network or organisation (the lead and participants; default public).
    #[serde(default)]
    #[schema(schema_with = crate::openapi::shared_visibility)]
    pub visibility: Option<String>,
    /// The needs (slugs or ids) the trial answers.
    #[serde(default)]
    pub needs: Vec<String>,
    /// The technology catalogue entry (slug or id) under test.
    #[serde(default)]
    pub technology_entry: Option<String>,
}

/// What a participant writes in the journal.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    /// steg, hinder, mojlighet or beslut.
    #[schema(schema_with = EntryType::field_schema)]
    pub entry_type: String,
    /// The day it happened (default today).
    #[serde(default)]
    pub happened_on: Option<NaiveDate>,
    /// Markdown.
    #[validate(length(
        min = 1,
        max = 20000,
        message = "Skriv anteckningen (högst 20 000 tecken)."
    ))]
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
}

/// The organisations of a trial: the lead first, then the participants.
#[derive(Debug, Clone)]
pub struct Parties {
    pub lead: Uuid,
    pub participants: Vec<Uuid>,
}

impl Parties {
    pub fn all(&self) -> Vec<Uuid> {
        let mut all = vec![self.lead];
        all.extend(
            self.participants
                .iter()
                .copied()
                .filter(|&p| p != self.lead),
        );
        all
    }
}

pub fn principals(trial: &entity::Model, parties: &Parties) -> Vec<String> {
    principals_for(Visibility::parse(&trial.visibility), parties)
}

fn principals_for(visibility: Option<Visibility>, parties: &Parties) -> Vec<String> {
    match visibility {
        Some(Visibility::Public) => vec!["public".to_owned()],
        Some(Visibility::Network) => vec!["network".to_owned()],
        // The node's staff run trials with the municipalities, so they follow them too.
        Some(Visibility::Organisation) => parties
            .all()
            .into_iter()
            .map(crate::auth::policy::org_principal)
            .chain(std::iter::once(crate::auth::policy::STAFF.to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn resource(trial: &entity::Model, parties: &Parties) -> Resource {
    Resource::Item {
        principals: principals(trial, parties),
        organisation_id: Some(trial.lead_organisation_id),
        partners: parties.participants.clone(),
    }
}

pub async fn parties<C: ConnectionTrait>(
    db: &C,
    trial: &entity::Model,
) -> Result<Parties, sea_orm::DbErr> {
    let mut all = parties_of(db, std::slice::from_ref(trial)).await?;
    Ok(all.remove(&trial.id).unwrap_or(Parties {
        lead: trial.lead_organisation_id,
        participants: Vec::new(),
    }))
}

/// The parties of each of `trials`, in one query per 500 trials.
pub async fn parties_of<C: ConnectionTrait>(
    db: &C,
    trials: &[entity::Model],
) -> Result<HashMap<Uuid, Parties>, sea_orm::DbErr> {
    let mut all: HashMap<Uuid, Parties> = trials
        .iter()
        .map(|t| {
            let parties = Parties {
                lead: t.lead_organisation_id,
                participants: Vec::new(),
            };
            (t.id, parties)
        })
        .collect();
    for chunk in trials.chunks(500) {
        for p in participant::Entity::find()
            .filter(participant::Column::TrialId.is_in(chunk.iter().map(|t| t.id)))
            .all(db)
            .await?
        {
            if let Some(parties) = all.get_mut(&p.trial_id) {
                parties.participants.push(p.organisation_id);
            }
        }
    }
    Ok(all)
}

pub fn url(trial: &entity::Model) -> String {
    format!("/tester/{}", trial.slug)
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
    let target_group =
        CareGroup::from_field(Some(&input.target_group), "target_group", &mut issues);
    if target_group.is_none() && issues.iter().all(|i| i.field != "target_group") {
        issues.push(FieldIssue::new(
            "target_group",
            format!("Välj målgrupp bland: {}.", CareGroup::choices()),
        ));
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
            Ok(entry) => Some(entry.id),
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
        technology: input.technology.trim().to_owned(),
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
    unit.commit().await?;
    Ok(trial)
}

/// The trial behind `slug` or id, if `actor` may read it.
pub async fn readable_by_slug(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let (trial, _) = readable_with_parties(state, actor, slug_or_id).await?;
    Ok(trial)
}

/// The trial behind `slug` or id with its parties, if `actor` may read it.
pub async fn readable_with_parties(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<(Readable<entity::Model>, Parties), AppError> {
    let query = crate::db::by_slug_or_id::<entity::Entity>(
        slug_or_id,
        entity::Column::Id,
        entity::Column::Slug,
    );
    let Some(trial) = query.one(&state.db).await? else {
        return Err(AppError::NotFound("testet"));
    };
    let parties = parties(&state.db, &trial).await?;
    let resource = resource(&trial, &parties);
    let trial = Readable::check(actor, &resource, trial).ok_or(AppError::NotFound("testet"))?;
    Ok((trial, parties))
}

/// The trial behind `slug` or id with its policy resource, if `actor` may read it.
pub async fn with_resource(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<(Readable<entity::Model>, Resource), AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    let resource = resource(&trial, &parties);
    Ok((trial, resource))
}

/// Tells the trial's participants (all its organisations' users, but the one who acted).
async fn notify_parties(
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
            format!("Välj typ bland: {}.", EntryType::choices()),
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

/// Records a change of the trial and of each of its journal entries (they carry its phase
/// and principals in search).
async fn reindex_trial(unit: &mut Unit, trial_id: Uuid) -> Result<(), AppError> {
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

/// A trial named by title and address.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialRef {
    pub title: String,
    pub url: String,
    pub phase: String,
    pub phase_label: String,
}

impl From<&entity::Model> for TrialRef {
    fn from(t: &entity::Model) -> Self {
        TrialRef {
            title: t.title.clone(),
            url: url(t),
            phase: t.phase.clone(),
            phase_label: TrialPhase::label_of(&t.phase),
        }
    }
}

/// The trials answering `need_id` that `actor` may open.
pub async fn answering(
    state: &AppState,
    actor: &Actor,
    need_id: Uuid,
) -> Result<Vec<TrialRef>, AppError> {
    let ids: Vec<Uuid> = answers::Entity::find()
        .filter(answers::Column::NeedId.eq(need_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| a.trial_id)
        .collect();
    let trials = entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids))
        .order_by_asc(entity::Column::CreatedAt)
        .all(&state.db)
        .await?;
    Ok(readable_among(state, actor, trials)
        .await?
        .iter()
        .map(TrialRef::from)
        .collect())
}

/// The trials among `trials` that `actor` may open, in the same order.
async fn readable_among(
    state: &AppState,
    actor: &Actor,
    trials: Vec<entity::Model>,
) -> Result<Vec<entity::Model>, AppError> {
    let parties = parties_of(&state.db, &trials).await?;
    Ok(trials
        .into_iter()
        .filter(|t| {
            parties
                .get(&t.id)
                .is_some_and(|p| can(actor, Action::Read, &resource(t, p)))
        })
        .collect())
}

/// The trials of a catalogue entry that `actor` may open, and their reports `actor` may open.
pub async fn of_technology(
    state: &AppState,
    actor: &Actor,
    technology_id: Uuid,
) -> Result<(Vec<TrialRef>, Vec<ReportRef>), AppError> {
    let catalog = state.catalog.get();
    let of_entry = entity::Entity::find()
        .filter(entity::Column::TechnologyId.eq(technology_id))
        .order_by_asc(entity::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let readable = readable_among(state, actor, of_entry).await?;
    let ids: Vec<Uuid> = readable.iter().map(|t| t.id).collect();
    let trials: Vec<TrialRef> = readable.iter().map(TrialRef::from).collect();
    let reports = crate::reports::entity::Entity::find()
        .filter(crate::reports::entity::Column::TrialId.is_in(ids))
        .order_by_asc(crate::reports::entity::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|r| can(actor, Action::Read, &crate::reports::resource(r, &catalog)))
        .map(report_ref)
        .collect();
    Ok((trials, reports))
}

fn report_ref(r: crate::reports::entity::Model) -> ReportRef {
    ReportRef {
        url: crate::reports::url(&r),
        status_label: crate::reports::model::Status::parse(&r.status)
            .map_or_else(|| r.status.clone(), |s| s.label().to_owned()),
        status: r.status,
        title: r.title,
    }
}

/// A journal entry as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryView {
    pub id: Uuid,
    pub entry_type: String,
    pub entry_type_label: String,
    pub happened_on: NaiveDate,
    pub text_markdown: String,
    pub text_html: String,
    pub organisation: Option<OrganisationRef>,
    pub created_at: DateTime<Utc>,
}

/// A trial with its names resolved, its journal (newest first) and its final reports.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub lead: Option<OrganisationRef>,
    pub participants: Vec<OrganisationRef>,
    /// More than one organisation takes part.
    pub joint: bool,
    pub technology: String,
    pub product: String,
    pub supplier: String,
    pub target_group: String,
    pub target_group_label: String,
    pub category: Option<CategoryRef>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub phase: String,
    pub phase_label: String,
    pub visibility: String,
    pub needs: Vec<NeedRef>,
    pub journal: Vec<EntryView>,
    /// Reports concluding the trial that the reader may open.
    pub reports: Vec<ReportRef>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedRef {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportRef {
    pub title: String,
    pub url: String,
    pub status: String,
    pub status_label: String,
}

/// One trial as `actor` may see it.
pub async fn show(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<TrialView, AppError> {
    let (trial, parties) = readable_with_parties(state, actor, slug_or_id).await?;
    view(state, actor, trial, &parties).await
}

/// A trial `actor` may read, with its journal and what it links to that `actor` may open.
pub async fn view(
    state: &AppState,
    actor: &Actor,
    trial: Readable<entity::Model>,
    parties: &Parties,
) -> Result<TrialView, AppError> {
    let trial = trial.into_inner();
    let catalog = state.catalog.get();
    let journal = journal::Entity::find()
        .filter(journal::Column::TrialId.eq(trial.id))
        .order_by_desc(journal::Column::HappenedOn)
        .order_by_desc(journal::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| entry_view(&catalog, e))
        .collect();
    let need_ids: Vec<Uuid> = answers::Entity::find()
        .filter(answers::Column::TrialId.eq(trial.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| a.need_id)
        .collect();
    let needs = needs::entity::Entity::find()
        .filter(needs::entity::Column::Id.is_in(need_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|n| can(actor, Action::Read, &needs::resource(n, &catalog)))
        .map(|n| NeedRef {
            url: needs::url(&n),
            title: n.title,
        })
        .collect();
    let reports = crate::reports::entity::Entity::find()
        .filter(crate::reports::entity::Column::TrialId.eq(trial.id))
        .order_by_asc(crate::reports::entity::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|r| can(actor, Action::Read, &crate::reports::resource(r, &catalog)))
        .map(report_ref)
        .collect();
    Ok(TrialView {
        id: trial.id,
        url: url(&trial),
        lead: catalog
            .organisation_by_id(trial.lead_organisation_id)
            .map(OrganisationRef::from),
        participants: parties
            .participants
            .iter()
            .filter_map(|&o| catalog.organisation_by_id(o))
            .map(OrganisationRef::from)
            .collect(),
        joint: !parties.participants.is_empty(),
        target_group_label: crate::catalog::CareGroup::label_of(&trial.target_group),
        category: trial
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        phase_label: TrialPhase::label_of(&trial.phase),
        needs,
        journal,
        reports,
        slug: trial.slug,
        title: trial.title,
        description_markdown: trial.description_md,
        description_html: trial.description_html,
        technology: trial.technology,
        product: trial.product,
        supplier: trial.supplier,
        target_group: trial.target_group,
        starts_on: trial.starts_on,
        ends_on: trial.ends_on,
        phase: trial.phase,
        visibility: trial.visibility,
        created_at: trial.created_at,
    })
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

/// The filters of the list of trials.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrialFilter {
    /// planerad, pagar, avslutad or avbruten.
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub target_group: Option<String>,
    /// SCB code of an organisation leading or taking part.
    #[serde(default)]
    pub organisation: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// One trial in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialSummary {
    pub id: Uuid,
    pub title: String,
    pub url: String,
    pub phase: String,
    pub phase_label: String,
    pub lead: Option<OrganisationRef>,
    pub participants: Vec<OrganisationRef>,
    pub technology: String,
    pub target_group_label: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrialList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub trials: Vec<TrialSummary>,
}

/// How the trials table records who may open a trial, for the policy's SQL condition: the
/// lead, the participants and node staff open a trial of visibility `organisation`.
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers {
        partners: Some(taken_part_by),
        staff_read_organisation: true,
        ..crate::auth::policy::Readers::owned(
            entity::Column::Visibility,
            entity::Column::LeadOrganisationId,
        )
    }
}

/// The condition "organisation `org` takes part in the trial" (besides leading it).
pub fn taken_part_by(org: Uuid) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(participant::Column::TrialId)
            .from(participant::Entity)
            .and_where(participant::Column::OrganisationId.eq(org))
            .to_owned(),
    )
}

pub const PER_PAGE: usize = 20;

/// The trials `actor` may open that match `filter`, newest first, a page at a time: filtered,
/// counted and paged in the database.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &TrialFilter,
) -> Result<TrialList, AppError> {
    use sea_orm::PaginatorTrait;
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut query = entity::Entity::find().filter(crate::auth::policy::visible_condition(
        actor,
        &readers(),
        &catalog,
    ));
    if let Some(phase) = filter.phase.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::Phase.eq(phase));
    }
    if let Some(group) = filter.target_group.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::TargetGroup.eq(group));
    }
    if let Some(code) = filter.organisation.as_deref().filter(|s| !s.is_empty()) {
        // An unknown organisation takes part in nothing.
        let org = catalog
            .organisation_by_code(code)
            .map_or(Uuid::nil(), |o| o.id);
        query = query.filter(
            sea_orm::Condition::any()
                .add(entity::Column::LeadOrganisationId.eq(org))
                .add(taken_part_by(org)),
        );
    }
    let total = query.clone().count(&state.db).await? as usize;
    let trials = query
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id)
        .offset(((page - 1) * PER_PAGE) as u64)
        .limit(PER_PAGE as u64)
        .all(&state.db)
        .await?;
    let mut parties = parties_of(&state.db, &trials).await?;
    let trials = trials
        .into_iter()
        .map(|t| {
            let p = parties.remove(&t.id).unwrap_or(Parties {
                lead: t.lead_organisation_id,
                participants: Vec::new(),
            });
            TrialSummary {
                id: t.id,
                url: url(&t),
                phase_label: TrialPhase::label_of(&t.phase),
                lead: catalog
                    .organisation_by_id(t.lead_organisation_id)
                    .map(OrganisationRef::from),
                participants: p
                    .participants
                    .iter()
                    .filter_map(|&o| catalog.organisation_by_id(o))
                    .map(OrganisationRef::from)
                    .collect(),
                target_group_label: crate::catalog::CareGroup::label_of(&t.target_group),
                title: t.title,
                phase: t.phase,
                technology: t.technology,
                starts_on: t.starts_on,
                ends_on: t.ends_on,
            }
        })
        .collect();
    Ok(TrialList {
        total,
        page,
        per_page: PER_PAGE,
        trials,
    })
}

/// The trial with exactly this title, if any (demo content is matched by title).
pub async fn by_title(state: &AppState, title: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Title.eq(title))
        .one(&state.db)
        .await?)
}
