//! Reports and other documents: saving, reading and turning them into search documents.

pub mod entity;
pub mod forms;
pub mod model;
pub mod review;
pub mod routes;
pub mod search;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::principals_for;
use crate::auth::{Action, Actor, Resource, can};
use crate::catalog::CatalogData;
use crate::changes::{self, Op};
use crate::error::{AppError, FieldIssue};
use crate::privacy;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown::{self, SafeHtml};
use entity::report_category;
use model::{Kind, Outcome, Phase, Section, Status, TargetGroup};

/// Reports in the change log.
pub const REPORT: changes::Kind = changes::Kind::new("report");

/// What a client sends to create or replace a report. Never bound straight to the entity.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    #[validate(length(
        min = 1,
        max = 200,
        message = "Titeln måste ha mellan 1 och 200 tecken."
    ))]
    /// Not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    #[validate(length(max = 1000, message = "Sammanfattningen får ha högst 1 000 tecken."))]
    #[schema(max_length = 1000)]
    pub summary: String,
    /// The body in Markdown, at most `markdown_max_bytes` (64 KiB by default) as UTF-8.
    #[serde(default)]
    pub body: String,
    /// testrapport, forstudie, erfarenhet, guide or dokument (default dokument).
    #[serde(default)]
    #[schema(schema_with = Kind::optional_field_schema)]
    pub kind: Option<String>,
    /// SCB code or name of the organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Category slugs or names.
    #[serde(default)]
    #[validate(length(max = 10, message = "Högst 10 kategorier."))]
    #[schema(max_items = 10)]
    pub categories: Vec<String>,
    /// At most 30, each at most 50 characters; blank ones are skipped.
    #[serde(default)]
    #[validate(length(max = 30, message = "Högst 30 taggar."))]
    #[schema(schema_with = tags_schema)]
    pub tags: Vec<String>,
    /// inford, ej-inford, forkastad, fortsatt-test or pagar.
    #[serde(default)]
    #[schema(schema_with = Outcome::optional_field_schema)]
    pub outcome: Option<String>,
    /// behov, forstudie, test, inforande, drift or uppfoljning.
    #[serde(default)]
    #[schema(schema_with = Phase::optional_field_schema)]
    pub phase: Option<String>,
    /// aldre, funktionsnedsattning, barn-och-unga, anhoriga, personal.
    #[serde(default)]
    #[validate(length(max = 5, message = "Högst 5 målgrupper."))]
    #[schema(schema_with = target_groups_schema)]
    pub target_groups: Vec<String>,
    /// public, network, organisation or workspace (default public).
    #[serde(default)]
    #[schema(schema_with = Visibility::optional_field_schema)]
    pub visibility: Option<String>,
    /// The workspace (its slug) of an item with the visibility `workspace`.
    #[serde(default)]
    pub workspace: Option<String>,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    /// A final report written in the template: section key (behov, sakerhet, effekter,
    /// brukarperspektiv, ekonomi, organisation, etik, informationssakerhet, slutsats) →
    /// Markdown. When given, the body is made from the sections.
    #[serde(default)]
    #[schema(schema_with = sections_schema)]
    pub sections: BTreeMap<String, String>,
    /// The trial (its slug) this report concludes.
    #[serde(default)]
    pub trial: Option<String>,
}

fn tags_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(50)),
        )
        .max_items(Some(30))
        .build()
}

fn target_groups_schema() -> utoipa::openapi::schema::Array {
    crate::openapi::choices(TargetGroup::VALUES, Some(5))
}

/// The template's sections by key, each Markdown; no other keys.
fn sections_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
    Section::ALL
        .iter()
        .fold(ObjectBuilder::new(), |object, section| {
            object.property(
                section.as_str(),
                ObjectBuilder::new().schema_type(Type::String),
            )
        })
        .additional_properties(Some(AdditionalProperties::FreeForm(false)))
        .build()
}

/// A checked input: every name resolved against the catalog.
struct Resolved {
    title: String,
    summary: String,
    body_md: String,
    body_html: SafeHtml,
    kind: Kind,
    organisation_id: Option<Uuid>,
    category_ids: Vec<Uuid>,
    tags: Vec<String>,
    outcome: Option<Outcome>,
    phase: Option<Phase>,
    target_groups: Vec<TargetGroup>,
    visibility: Visibility,
    workspace_id: Option<Uuid>,
    published_on: Option<NaiveDate>,
    /// The template's sections as stored (JSON), if the report was written in it.
    sections: Option<String>,
    trial: Option<String>,
}

/// The texts of a report input by the field they came in, for the privacy check.
struct Texts(Vec<(String, String)>);

impl Texts {
    fn of(input: &ReportInput) -> Texts {
        let mut texts = vec![
            ("title".to_owned(), input.title.clone()),
            ("summary".to_owned(), input.summary.clone()),
            ("body".to_owned(), input.body.clone()),
        ];
        texts.extend(
            input
                .sections
                .iter()
                .map(|(key, text)| (format!("sections.{key}"), text.clone())),
        );
        texts.extend(input.tags.iter().map(|t| ("tags".to_owned(), t.clone())));
        Texts(texts)
    }

    /// Refusals of what looks like personal identity numbers, and of Markdown nested too
    /// deeply to render, one per field.
    fn refusals(&self) -> Vec<FieldIssue> {
        let mut issues: Vec<FieldIssue> = Vec::new();
        for (field, text) in &self.0 {
            if issues.iter().all(|i| &i.field != field) {
                privacy::check_fields(&[(field, text)], &mut issues);
            }
            let markdown_field = field == "body" || field.starts_with("sections.");
            if markdown_field && issues.iter().all(|i| &i.field != field) {
                markdown::check_fields(&[(field, text)], &mut issues);
            }
        }
        issues
    }
}

fn resolve(
    mut input: ReportInput,
    catalog: &CatalogData,
    max_bytes: usize,
) -> Result<Resolved, AppError> {
    let mut issues: Vec<FieldIssue> = crate::error::issues_of(&input);
    let sections = template_sections(&input.sections, &mut issues);
    if !sections.is_empty() {
        input.body = body_from_sections(&sections);
    }
    let title = input.title.trim().to_owned();
    if title.is_empty() && issues.iter().all(|i| i.field != "title") {
        issues.push(FieldIssue::new("title", "Titeln får inte vara tom."));
    }
    if input.body.len() > max_bytes {
        issues.push(FieldIssue::new(
            "body",
            format!(
                "Texten är {} KiB; högst {} KiB är tillåtet. Dela upp den i flera dokument.",
                input.body.len().div_ceil(1024),
                max_bytes / 1024
            ),
        ));
    }
    let kind =
        Kind::from_field(input.kind.as_deref(), "kind", &mut issues).unwrap_or(Kind::Dokument);
    let outcome = Outcome::from_field(input.outcome.as_deref(), "outcome", &mut issues);
    let phase = Phase::from_field(input.phase.as_deref(), "phase", &mut issues);
    let mut target_groups = Vec::new();
    for value in &input.target_groups {
        if let Some(group) = TargetGroup::from_field(Some(value), "target_groups", &mut issues)
            && !target_groups.contains(&group)
        {
            target_groups.push(group);
        }
    }
    let visibility = Visibility::from_field(input.visibility.as_deref(), "visibility", &mut issues)
        .unwrap_or(Visibility::Public);
    let organisation_id = match input
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        None => None,
        Some(o) => catalog
            .organisation_named(o, "organisation", &mut issues)
            .map(|org| org.id),
    };
    let workspace_id = match input
        .workspace
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        None => None,
        Some(slug) => match catalog.workspace_by_slug(slug) {
            Some(w) => Some(w.id),
            None => {
                issues.push(FieldIssue::new(
                    "workspace",
                    format!("Okänt arbetsrum {}.", privacy::quoted(slug)),
                ));
                None
            }
        },
    };
    if visibility == Visibility::Workspace
        && workspace_id.is_none()
        && issues.iter().all(|i| i.field != "workspace")
    {
        issues.push(FieldIssue::new(
            "workspace",
            "Välj arbetsrummet som ska få läsa dokumentet.",
        ));
    }
    let workspace_id = workspace_id.filter(|_| visibility == Visibility::Workspace);
    if visibility == Visibility::Organisation && organisation_id.is_none() {
        issues.push(FieldIssue::new(
            "visibility",
            "Synligheten \"organisation\" kräver att en organisation anges.",
        ));
    }
    let mut category_ids = Vec::new();
    for c in input
        .categories
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match catalog.find_category(c) {
            Some(cat) if !category_ids.contains(&cat.id) => category_ids.push(cat.id),
            Some(_) => {}
            None => issues.push(FieldIssue::new(
                "categories",
                format!("Okänd kategori {}.", privacy::quoted(c)),
            )),
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for t in input
        .tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
    {
        if t.chars().count() > 50 {
            issues.push(FieldIssue::new("tags", "En tagg får ha högst 50 tecken."));
        } else if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let summary = input.summary.trim().to_owned();
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let summary = if summary.is_empty() {
        markdown::first_paragraph(&input.body, 300)
    } else {
        summary
    };
    Ok(Resolved {
        // Rendered by `save`, off the request workers.
        body_html: SafeHtml::default(),
        title,
        summary,
        body_md: input.body,
        kind,
        organisation_id,
        category_ids,
        tags,
        outcome,
        phase,
        target_groups,
        visibility,
        workspace_id,
        published_on: input.published_on,
        sections: (!sections.is_empty()).then(|| {
            serde_json::Value::from(
                sections
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), serde_json::Value::from(v.as_str())))
                    .collect::<serde_json::Map<_, _>>(),
            )
            .to_string()
        }),
        trial: input
            .trial
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
    })
}

/// The template's sections in their order, blank ones left out; unknown keys are issues.
fn template_sections(
    given: &BTreeMap<String, String>,
    issues: &mut Vec<FieldIssue>,
) -> Vec<(Section, String)> {
    for key in given.keys() {
        if Section::parse(key).is_none() {
            issues.push(FieldIssue::new(
                "sections",
                format!(
                    "Okänt avsnitt {}. Välj bland: {}.",
                    privacy::quoted(key),
                    Section::choices()
                ),
            ));
        }
    }
    Section::ALL
        .iter()
        .filter_map(|&section| {
            let text = given.get(section.as_str())?.trim();
            (!text.is_empty()).then(|| (section, text.to_owned()))
        })
        .collect()
}

/// The body a final report's sections make (unknown sections left out).
pub fn body_of_sections(given: &BTreeMap<String, String>) -> String {
    body_from_sections(&template_sections(given, &mut Vec::new()))
}

/// A final report's body: each written section under its heading.
fn body_from_sections(sections: &[(Section, String)]) -> String {
    sections
        .iter()
        .map(|(section, text)| format!("## {}\n\n{}\n", section.label(), text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sections of a report written in the template (key → Markdown); empty otherwise.
pub fn sections(report: &entity::Model) -> BTreeMap<String, String> {
    report
        .sections
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// Whether a save made a new report or changed an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
}

/// What the writer asks for besides saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Save: a new report is a draft (published at once when node staff or the node write it);
    /// an existing one keeps its status.
    Save,
    /// Save and send for review.
    Submit,
}

/// Which report a save writes to.
enum Target<'a> {
    New,
    Id(Uuid),
    /// The report imported from this file, or a new one.
    Source(&'a str),
}

async fn save(
    state: &AppState,
    by: &By,
    input: ReportInput,
    target: Target<'_>,
    intent: Intent,
) -> Result<(entity::Model, Saved), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let catalog = state.catalog.get();
    // Whether the report exists and the writer may change it is decided before its text is
    // read; the transaction below decides it again on the row it writes.
    if let Target::Id(id) = target {
        let Some(old) = entity::Entity::find_by_id(id).one(&state.db).await? else {
            return Err(AppError::NotFound("rapporten"));
        };
        let now = resource(&old, &catalog);
        if !can(&by.actor, Action::Read, &now) {
            return Err(AppError::NotFound("rapporten"));
        }
        if !can(&by.actor, Action::Edit, &now) {
            return Err(AppError::Forbidden(
                "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
            ));
        }
    }
    let texts = Texts::of(&input);
    let mut resolved = match resolve(input, &catalog, state.settings.markdown_max_bytes) {
        Ok(resolved) => resolved,
        // Every mistake at once, the text's too: who writes, and to which report, is decided.
        Err(AppError::Invalid(mut issues)) => {
            issues.extend(texts.refusals());
            return Err(AppError::Invalid(issues));
        }
        Err(e) => return Err(e),
    };
    let becomes = Resource::Item {
        principals: principals_for(
            Some(resolved.visibility),
            resolved.organisation_id,
            resolved.workspace_id,
            &catalog,
        ),
        organisation_id: resolved.organisation_id,
        partners: Vec::new(),
    };
    if !can(&by.actor, Action::Create, &becomes) {
        return Err(AppError::Forbidden(match target {
            Target::New => "Du kan bara skriva rapporter för din egen organisation.".to_owned(),
            _ => "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
        }));
    }
    let trial_id = match &resolved.trial {
        None => None,
        Some(slug) => {
            let (trial, resource) = crate::trials::with_resource(state, &by.actor, slug)
                .await
                .map_err(|_| {
                    AppError::Invalid(vec![FieldIssue::new(
                        "trial",
                        format!("Okänt test {}.", privacy::quoted(slug)),
                    )])
                })?;
            if !can(&by.actor, Action::Contribute, &resource) {
                return Err(AppError::Forbidden(
                    "Bara de organisationer som deltog i testet skriver dess slutrapport."
                        .to_owned(),
                ));
            }
            Some(trial.id)
        }
    };
    let issues = texts.refusals();
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    resolved.body_html = markdown::render_field(
        "body",
        markdown::without_title_heading(&resolved.body_md, &resolved.title).to_owned(),
    )
    .await?;
    let mut unit = Unit::begin(state, by).await?;
    let (existing, source_path) = match target {
        Target::New => (None, None),
        Target::Id(id) => {
            let report = entity::Entity::find_by_id(id).one(unit.db()).await?;
            (Some(report.ok_or(AppError::NotFound("rapporten"))?), None)
        }
        Target::Source(path) => {
            let report = entity::Entity::find()
                .filter(entity::Column::SourcePath.eq(path))
                .one(unit.db())
                .await?;
            (report, Some(path))
        }
    };
    let saved = match &existing {
        Some(old) => {
            let now = resource(old, &catalog);
            if !can(&by.actor, Action::Read, &now) {
                return Err(AppError::NotFound("rapporten"));
            }
            if !can(&by.actor, Action::Edit, &now) || !can(&by.actor, Action::Create, &becomes) {
                return Err(AppError::Forbidden(
                    "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
                ));
            }
            Saved::Updated
        }
        None => {
            if !can(&by.actor, Action::Create, &becomes) {
                return Err(AppError::Forbidden(
                    "Du kan bara skriva rapporter för din egen organisation.".to_owned(),
                ));
            }
            Saved::Created
        }
    };
    let reviewer = can(&by.actor, Action::Review, &Resource::ReviewQueue);
    let status = match (
        existing.as_ref().and_then(|r| Status::parse(&r.status)),
        intent,
    ) {
        (None, _) if reviewer => Status::Publicerad,
        (None, Intent::Save) => Status::Utkast,
        (None | Some(Status::Utkast | Status::Returnerad), Intent::Submit) => Status::Granskas,
        (Some(status), _) => status,
    };
    // A report published before the history was kept gets its first state as revision 1.
    if let Some(old) = existing.as_ref().filter(|r| is_published(r)) {
        review::keep_first_revision(unit.db(), old).await?;
    }
    let report = write(
        &mut unit,
        existing,
        source_path,
        resolved,
        Written {
            status,
            trial_id,
            author_id: by.actor.user_id(),
        },
    )
    .await?;
    if status == Status::Publicerad {
        review::keep_revision(unit.db(), &report, &by.name, report.updated_at).await?;
    }
    let action = match saved {
        Saved::Created => "report.create",
        Saved::Updated => "report.update",
    };
    unit.audit(
        action,
        format!("report:{}", report.id),
        report.title.clone(),
    );
    unit.commit().await?;
    Ok((report, saved))
}

/// Creates a report.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: ReportInput,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::New, Intent::Save).await?.0)
}

/// Creates a report, or saves and sends it for review with [`Intent::Submit`].
#[tracing::instrument(skip_all)]
pub async fn create_with(
    state: &AppState,
    by: &By,
    input: ReportInput,
    intent: Intent,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::New, intent).await?.0)
}

/// Replaces the content of the report `id`, then does what `intent` asks.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn update_with(
    state: &AppState,
    by: &By,
    id: Uuid,
    input: ReportInput,
    intent: Intent,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::Id(id), intent).await?.0)
}

/// Replaces the content of the report `id`.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn update(
    state: &AppState,
    by: &By,
    id: Uuid,
    input: ReportInput,
) -> Result<entity::Model, AppError> {
    Ok(save(state, by, input, Target::Id(id), Intent::Save)
        .await?
        .0)
}

/// Creates or updates the report imported from `source_path`: importing a file again updates it.
#[tracing::instrument(skip_all, fields(source_path))]
pub async fn save_imported(
    state: &AppState,
    source_path: &str,
    input: ReportInput,
) -> Result<(entity::Model, Saved), AppError> {
    save(
        state,
        &By::import(),
        input,
        Target::Source(source_path),
        Intent::Save,
    )
    .await
}

/// Deletes the report `id`.
#[tracing::instrument(skip_all, fields(%id))]
pub async fn delete(state: &AppState, by: &By, id: Uuid) -> Result<(), AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let mut unit = Unit::begin(state, by).await?;
    let Some(report) = entity::Entity::find_by_id(id).one(unit.db()).await? else {
        return Err(AppError::NotFound("rapporten"));
    };
    let current = resource(&report, &state.catalog.get());
    if !can(&by.actor, Action::Read, &current) {
        return Err(AppError::NotFound("rapporten"));
    }
    if !can(&by.actor, Action::Delete, &current) {
        return Err(AppError::Forbidden(
            "Bara organisationens samordnare och nodens administratörer får ta bort rapporter."
                .to_owned(),
        ));
    }
    entity::Entity::delete_by_id(id).exec(unit.db()).await?;
    unit.audit("report.delete", format!("report:{id}"), report.title);
    unit.changed(REPORT, id, Op::Delete);
    unit.commit().await?;
    Ok(())
}

/// What a save decides besides the writer's input.
struct Written {
    status: Status,
    trial_id: Option<Uuid>,
    author_id: Option<Uuid>,
}

async fn write(
    unit: &mut Unit,
    existing: Option<entity::Model>,
    source_path: Option<&str>,
    r: Resolved,
    w: Written,
) -> Result<entity::Model, AppError> {
    let now = unit.now();
    let txn = unit.db();
    let tags = serde_json::Value::from(r.tags);
    let target_groups = r
        .target_groups
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let report = match existing {
        Some(old) => {
            let id = old.id;
            let slug = if old.title == r.title {
                old.slug.clone()
            } else {
                unique_slug(txn, &r.title, Some(id)).await?
            };
            let mut active: entity::ActiveModel = old.into();
            active.slug = Set(slug);
            active.title = Set(r.title);
            active.summary = Set(r.summary);
            active.body_md = Set(r.body_md);
            active.body_html = Set(r.body_html.into_string());
            active.kind = Set(r.kind.as_str().to_owned());
            active.organisation_id = Set(r.organisation_id);
            active.tags = Set(tags);
            active.outcome = Set(r.outcome.map(|o| o.as_str().to_owned()));
            active.phase = Set(r.phase.map(|p| p.as_str().to_owned()));
            active.target_groups = Set(target_groups);
            active.visibility = Set(r.visibility.as_str().to_owned());
            active.workspace_id = Set(r.workspace_id);
            active.published_on = Set(r.published_on);
            active.updated_at = Set(now);
            active.status = Set(w.status.as_str().to_owned());
            if w.status == Status::Granskas {
                // Sent for review again: the reviewer's earlier comments were answered.
                active.review_comment = Set(None);
            }
            active.sections = Set(r.sections);
            if w.trial_id.is_some() {
                active.trial_id = Set(w.trial_id);
            }
            report_category::Entity::delete_many()
                .filter(report_category::Column::ReportId.eq(id))
                .exec(txn)
                .await?;
            active.update(txn).await?
        }
        None => {
            let id = Uuid::now_v7();
            entity::ActiveModel {
                id: Set(id),
                slug: Set(unique_slug(txn, &r.title, None).await?),
                title: Set(r.title),
                summary: Set(r.summary),
                body_md: Set(r.body_md),
                body_html: Set(r.body_html.into_string()),
                kind: Set(r.kind.as_str().to_owned()),
                organisation_id: Set(r.organisation_id),
                tags: Set(tags),
                outcome: Set(r.outcome.map(|o| o.as_str().to_owned())),
                phase: Set(r.phase.map(|p| p.as_str().to_owned())),
                target_groups: Set(target_groups),
                visibility: Set(r.visibility.as_str().to_owned()),
                workspace_id: Set(r.workspace_id),
                source_path: Set(source_path.map(str::to_owned)),
                published_on: Set(r.published_on),
                created_at: Set(now),
                updated_at: Set(now),
                status: Set(w.status.as_str().to_owned()),
                trial_id: Set(w.trial_id),
                sections: Set(r.sections),
                review_comment: Set(None),
                author_id: Set(w.author_id),
            }
            .insert(txn)
            .await?
        }
    };
    if !r.category_ids.is_empty() {
        report_category::Entity::insert_many(r.category_ids.iter().map(|&category_id| {
            report_category::ActiveModel {
                report_id: Set(report.id),
                category_id: Set(category_id),
            }
        }))
        .exec(txn)
        .await?;
    }
    unit.changed(REPORT, report.id, Op::Upsert);
    Ok(report)
}

/// Key of the lock that lets one writer at a time choose a report's slug (PostgreSQL).
const SLUG_LOCK: i64 = 0x6e6f_6465_6e01;

/// A slug made from the title, with `-2`, `-3`, … appended when another report has it. Two
/// reports with one title written at the same moment get different slugs: the choice is made
/// under a lock held until the writer's transaction ends.
async fn unique_slug<C: ConnectionTrait>(
    db: &C,
    title: &str,
    except: Option<Uuid>,
) -> Result<String, DbErr> {
    crate::db::serialise(db, SLUG_LOCK).await?;
    let mut base = slug::slugify(title);
    if base.is_empty() {
        base = "dokument".to_owned();
    }
    base.truncate(80);
    let base = base.trim_end_matches('-').to_owned();
    let taken: HashSet<String> = entity::Entity::find()
        .filter(entity::Column::Slug.starts_with(&base))
        .filter(entity::Column::Id.ne(except.unwrap_or(Uuid::nil())))
        .select_only()
        .column(entity::Column::Slug)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok((1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
        .unwrap_or(base))
}

pub async fn get(db: &DatabaseConnection, id: Uuid) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find_by_id(id).one(db).await
}

pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::Slug.eq(slug))
        .one(db)
        .await
}

pub async fn count(db: &DatabaseConnection) -> Result<u64, DbErr> {
    entity::Entity::find().count(db).await
}

/// A page of reports in id order, for rebuilding the index.
pub async fn page_after<C: ConnectionTrait>(
    db: &C,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<entity::Model>, DbErr> {
    let mut query = entity::Entity::find()
        .order_by_asc(entity::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(entity::Column::Id.gt(after));
    }
    query.all(db).await
}

/// The category ids of each report.
pub async fn categories_of<C: ConnectionTrait>(
    db: &C,
    report_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, DbErr> {
    let mut map: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for chunk in report_ids.chunks(500) {
        for row in report_category::Entity::find()
            .filter(report_category::Column::ReportId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            map.entry(row.report_id).or_default().push(row.category_id);
        }
    }
    Ok(map)
}

/// The principals that may open a report; the search index stores the same. A report not yet
/// published opens to its own organisation and to node staff only.
pub fn principals(report: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    if !is_published(report) {
        let mut principals = vec![crate::auth::policy::STAFF.to_owned()];
        principals.extend(
            report
                .organisation_id
                .map(crate::auth::policy::org_principal),
        );
        return principals;
    }
    principals_for(
        Visibility::parse(&report.visibility),
        report.organisation_id,
        report.workspace_id,
        catalog,
    )
}

/// How the reports table records who may open a report, for the policy's SQL condition: the
/// same rule as [`principals`] (drafts open to their organisation and node staff).
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers {
        workspace: Some(entity::Column::WorkspaceId),
        shared_when: Some((entity::Column::Status, Status::Publicerad.as_str())),
        ..crate::auth::policy::Readers::owned(
            entity::Column::Visibility,
            entity::Column::OrganisationId,
        )
    }
}

pub fn is_published(report: &entity::Model) -> bool {
    report.status == Status::Publicerad.as_str()
}

/// A report as the policy sees it.
pub fn resource(report: &entity::Model, catalog: &CatalogData) -> Resource {
    Resource::Item {
        principals: principals(report, catalog),
        organisation_id: report.organisation_id,
        partners: Vec::new(),
    }
}

/// The reports of a workspace.
pub async fn in_workspace<C: ConnectionTrait>(
    db: &C,
    workspace_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::WorkspaceId.eq(workspace_id))
        .select_only()
        .column(entity::Column::Id)
        .into_tuple::<Uuid>()
        .all(db)
        .await
}

pub fn url(report: &entity::Model) -> String {
    format!("/rapporter/{}", report.slug)
}

pub fn target_groups(report: &entity::Model) -> Vec<String> {
    report
        .target_groups
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

pub fn tags(report: &entity::Model) -> Vec<String> {
    serde_json::from_value(report.tags.clone()).unwrap_or_default()
}

/// The date a report is shown with: its own date, else when it was created.
pub fn date(report: &entity::Model) -> NaiveDate {
    report
        .published_on
        .unwrap_or_else(|| report.created_at.date_naive())
}

/// A report with its names resolved, as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub kind_label: String,
    pub organisation: Option<crate::catalog::OrganisationRef>,
    pub categories: Vec<crate::catalog::CategoryRef>,
    pub tags: Vec<String>,
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
    pub phase: Option<String>,
    pub phase_label: Option<String>,
    pub target_groups: Vec<String>,
    pub target_group_labels: Vec<String>,
    pub visibility: String,
    /// The workspace (slug) of an item visible to a workspace only.
    pub workspace: Option<String>,
    pub published_on: NaiveDate,
    pub body_markdown: String,
    pub body_html: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// utkast, granskas, returnerad or publicerad.
    pub status: String,
    pub status_label: String,
    /// The reviewer's comments on a returned report.
    pub review_comment: Option<String>,
    /// The sections of a final report written in the template.
    pub sections: BTreeMap<String, String>,
    /// The id of the trial this report concludes.
    pub trial_id: Option<Uuid>,
}

pub async fn view(
    db: &DatabaseConnection,
    catalog: &CatalogData,
    report: entity::Model,
) -> Result<ReportView, DbErr> {
    let category_ids = categories_of(db, &[report.id])
        .await?
        .remove(&report.id)
        .unwrap_or_default();
    Ok(view_with(catalog, report, &category_ids))
}

pub fn view_with(
    catalog: &CatalogData,
    report: entity::Model,
    category_ids: &[Uuid],
) -> ReportView {
    let mut categories: Vec<_> = category_ids
        .iter()
        .filter_map(|&id| catalog.category_by_id(id))
        .collect();
    categories.sort_by_key(|c| c.position);
    ReportView {
        id: report.id,
        url: url(&report),
        tags: tags(&report),
        published_on: date(&report),
        organisation: report
            .organisation_id
            .and_then(|id| catalog.organisation_by_id(id))
            .map(crate::catalog::OrganisationRef::from),
        categories: categories
            .into_iter()
            .map(crate::catalog::CategoryRef::from)
            .collect(),
        kind_label: Kind::label_of(&report.kind),
        outcome_label: report.outcome.as_deref().map(Outcome::label_of),
        phase_label: report.phase.as_deref().map(Phase::label_of),
        target_groups: target_groups(&report),
        target_group_labels: target_groups(&report)
            .iter()
            .map(|t| TargetGroup::label_of(t))
            .collect(),
        status_label: Status::parse(&report.status)
            .map_or_else(|| report.status.clone(), |s| s.label().to_owned()),
        sections: sections(&report),
        review_comment: report.review_comment.clone(),
        trial_id: report.trial_id,
        status: report.status.clone(),
        phase: report.phase,
        workspace: report
            .workspace_id
            .and_then(|w| catalog.workspace_by_id(w))
            .map(|w| w.slug.clone()),
        slug: report.slug,
        title: report.title,
        summary: report.summary,
        kind: report.kind,
        outcome: report.outcome,
        visibility: report.visibility,
        body_markdown: report.body_md,
        body_html: report.body_html,
        created_at: report.created_at,
        updated_at: report.updated_at,
    }
}

/// The report behind `slug`, if `actor` may read it; "not found" otherwise.
pub async fn readable_by_slug(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<entity::Model, AppError> {
    by_slug(&state.db, slug)
        .await?
        .filter(|r| can(actor, Action::Read, &resource(r, &state.catalog.get())))
        .ok_or(AppError::NotFound("rapporten"))
}

/// The report behind `slug`, if `actor` may edit it: unknown or unreadable reports are "not
/// found", readable ones the actor may not change are "forbidden".
pub async fn editable(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<entity::Model, AppError> {
    let report = readable_by_slug(state, actor, slug).await?;
    if !can(
        actor,
        Action::Edit,
        &resource(&report, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "Du får bara ändra rapporter som tillhör din egen organisation.".to_owned(),
        ));
    }
    Ok(report)
}
