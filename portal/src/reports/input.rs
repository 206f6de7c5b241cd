//! What a writer sends for a report, and how it is read: sections, template, texts checked.

use super::*;

/// What a client sends to create or replace a report. Never bound straight to the entity.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    #[validate(length(min = 1, max = 200, message = "reports-error-title-length"))]
    /// Not blank.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    #[validate(length(max = 1000, message = "reports-error-summary-length"))]
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
    #[validate(length(max = 10, message = "reports-error-categories-too-many"))]
    #[schema(max_items = 10)]
    pub categories: Vec<String>,
    /// At most 30, each at most 50 characters; blank ones are skipped.
    #[serde(default)]
    #[validate(length(max = 30, message = "reports-error-tags-too-many"))]
    #[schema(schema_with = tags_schema)]
    pub tags: Vec<String>,
    /// inford, ej-inford, forkastad or fortsatt-test (`pagar`, an older value, is read as
    /// fortsatt-test).
    #[serde(default)]
    #[schema(schema_with = Outcome::optional_field_schema)]
    pub outcome: Option<String>,
    /// behov, forstudie, test, inforande, drift or uppfoljning.
    #[serde(default)]
    #[schema(schema_with = Phase::optional_field_schema)]
    pub phase: Option<String>,
    /// ordinart-boende, sarskilt-boende, lss, socialpsykiatri, ifo, hemsjukvard, anhoriga,
    /// personal: the list needs and trials use.
    #[serde(default)]
    #[validate(length(max = 8, message = "reports-error-target-groups-too-many"))]
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

crate::web::merge_patch::patch_schema!(ReportPatch for ReportInput);

impl ReportInput {
    /// What `PUT` would be sent to leave the report `view` shows as it is: the base a `PATCH`
    /// is merged into. The trial it concludes is left out, which keeps it.
    pub fn of(view: &ReportView) -> ReportInput {
        ReportInput {
            title: view.title.clone(),
            summary: view.summary.clone(),
            body: view.body_markdown.clone(),
            kind: Some(view.kind.clone()),
            organisation: view.organisation.as_ref().map(|o| o.code.clone()),
            categories: view.categories.iter().map(|c| c.slug.clone()).collect(),
            tags: view.tags.clone(),
            outcome: view.outcome.clone(),
            phase: view.phase.clone(),
            target_groups: view.target_groups.clone(),
            visibility: Some(view.visibility.clone()),
            workspace: view.workspace.clone(),
            published_on: Some(view.published_on),
            sections: view.sections.clone(),
            trial: None,
        }
    }
}

pub(crate) fn tags_schema() -> utoipa::openapi::schema::Array {
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

pub(crate) fn target_groups_schema() -> utoipa::openapi::schema::Array {
    crate::openapi::choices(TargetGroup::VALUES, Some(TargetGroup::ALL.len()))
}

/// The template's sections by key, each Markdown; no other keys.
pub(crate) fn sections_schema() -> utoipa::openapi::schema::Object {
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
#[derive(Clone)]
pub(crate) struct Resolved {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) body_md: String,
    pub(crate) body_html: SafeHtml,
    pub(crate) kind: Kind,
    pub(crate) organisation_id: Option<Uuid>,
    pub(crate) category_ids: Vec<Uuid>,
    pub(crate) tags: Vec<String>,
    pub(crate) outcome: Option<Outcome>,
    pub(crate) phase: Option<Phase>,
    pub(crate) target_groups: Vec<TargetGroup>,
    pub(crate) visibility: Visibility,
    pub(crate) workspace_id: Option<Uuid>,
    pub(crate) published_on: Option<NaiveDate>,
    /// The template's sections as stored (JSON), if the report was written in it.
    pub(crate) sections: Option<String>,
    pub(crate) trial: Option<String>,
}

/// The texts of a report input by the field they came in, for the privacy check.
pub(crate) struct Texts(pub(crate) Vec<(String, String)>);

impl Texts {
    pub(crate) fn of(input: &ReportInput) -> Texts {
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
    pub(crate) fn refusals(&self) -> Vec<FieldIssue> {
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

pub(crate) fn resolve(
    mut input: ReportInput,
    catalog: &CatalogData,
    max_bytes: usize,
) -> Result<Resolved, AppError> {
    use crate::web::i18n::{lang, text_with};
    let mut issues: Vec<FieldIssue> = crate::error::issues_of(&input);
    let sections = template_sections(&input.sections, &mut issues);
    if !sections.is_empty() {
        input.body = body_from_sections(&sections);
    }
    let title = input.title.trim().to_owned();
    crate::error::require_text(&title, "title", "reports-error-title-missing", &mut issues);
    if input.body.len() > max_bytes {
        issues.push(FieldIssue::new(
            "body",
            text_with(
                lang(),
                "reports-error-body-too-large",
                &[
                    ("size", input.body.len().div_ceil(1024).to_string().into()),
                    ("max", (max_bytes / 1024).to_string().into()),
                ],
            ),
        ));
    }
    let kind =
        Kind::from_field(input.kind.as_deref(), "kind", &mut issues).unwrap_or(Kind::Dokument);
    let outcome = match input.outcome.as_deref().map(str::trim) {
        Some(super::model::LEGACY_ONGOING) => Some(Outcome::FortsattTest),
        given => Outcome::from_field(given, "outcome", &mut issues),
    };
    let phase = Phase::from_field(input.phase.as_deref(), "phase", &mut issues);
    let mut target_groups = Vec::new();
    for value in &input.target_groups {
        let groups = match TargetGroup::legacy(value) {
            Some(groups) => groups.to_vec(),
            None => TargetGroup::from_field(Some(value), "target_groups", &mut issues)
                .into_iter()
                .collect(),
        };
        for group in groups {
            if !target_groups.contains(&group) {
                target_groups.push(group);
            }
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
                    crate::web::i18n::t_with(
                        "reports-error-workspace-unknown",
                        "value",
                        &privacy::quoted(slug),
                    ),
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
            "reports-error-workspace-missing",
        ));
    }
    let workspace_id = workspace_id.filter(|_| visibility == Visibility::Workspace);
    if visibility == Visibility::Organisation && organisation_id.is_none() {
        issues.push(FieldIssue::new(
            "visibility",
            "reports-error-organisation-required",
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
                crate::web::i18n::t_with(
                    "reports-error-category-unknown",
                    "value",
                    &privacy::quoted(c),
                ),
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
            issues.push(FieldIssue::new("tags", "reports-error-tag-length"));
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
pub(crate) fn template_sections(
    given: &BTreeMap<String, String>,
    issues: &mut Vec<FieldIssue>,
) -> Vec<(Section, String)> {
    use crate::web::i18n::{lang, text_with};
    for key in given.keys() {
        if Section::parse(key).is_none() {
            issues.push(FieldIssue::new(
                "sections",
                text_with(
                    lang(),
                    "reports-error-section-unknown",
                    &[
                        ("value", privacy::quoted(key).into()),
                        ("choices", Section::choices().to_string().into()),
                    ],
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
pub(crate) fn body_from_sections(sections: &[(Section, String)]) -> String {
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
