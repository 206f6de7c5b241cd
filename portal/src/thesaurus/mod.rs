//! The thesaurus searches expand with (issue 20): concepts of welfare technology and the care
//! around it, each with the words people use for it. Its concepts come from
//! content/vocabulary.yaml, synced by every import of the content folder, and from node staff,
//! who add concepts and labels at `/admin/vokabular`. An import rewrites what the file says and
//! never what node staff added. Concepts are reference data: the catalog holds them and the
//! thesaurus made of them, and every instance reloads both when one changes.

pub mod routes;

use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Deserialize;
use uuid::Uuid;

pub use crate::catalog::concept as entity;

use crate::audit::By;
use crate::auth::policy::{Action, Resource, can};
use crate::catalog::{CONCEPT, CatalogData};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::organisations::SyncCounts;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::i18n;

/// The file in the content folder.
pub const FILE: &str = "vocabulary.yaml";
/// Characters in one label at most.
pub const MAX_LABEL_CHARS: usize = 120;
/// Labels node staff may add to one concept at most.
pub const MAX_ADDED_LABELS: usize = 40;
const MAX_NOTE_CHARS: usize = 500;
/// Concepts on one page of `/admin/vokabular`.
pub const PER_PAGE: u64 = 25;

/// content/vocabulary.yaml (see content/README.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub concepts: Vec<FileConcept>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConcept {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub alt: Vec<String>,
    pub en: Option<String>,
    #[serde(default)]
    pub en_alt: Vec<String>,
    pub broader: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    pub category: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// The concepts of the file, checked: slugs, references, the categories named (against
/// `catalog`), no personal identity number, and labels that make a thesaurus. The message
/// names what is wrong, in the language being spoken.
pub fn records_of(file: File, catalog: &CatalogData) -> Result<Vec<entity::Model>, String> {
    let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let concepts: Vec<entity::Model> = file
        .concepts
        .into_iter()
        .zip(1..)
        .map(|(c, position)| entity::Model {
            id: Uuid::nil(),
            slug: c.id,
            label: c.label,
            alt_labels: c.alt.join("\n"),
            en_label: c.en,
            en_alt_labels: c.en_alt.join("\n"),
            added_labels: String::new(),
            broader: c.broader,
            related: c.related.join(" "),
            category: c.category,
            note: c.note,
            from_content: true,
            position,
            created_at: now,
            updated_at: now,
        })
        .collect();
    for c in &concepts {
        let said = |key: &str, value: &str| {
            crate::cli::say(
                key,
                &[("id", c.slug.as_str().into()), ("value", value.into())],
            )
        };
        if !is_slug(&c.slug) {
            return Err(said("cli-vocabulary-bad-id", ""));
        }
        for related in c.related.split_whitespace() {
            if !concepts.iter().any(|other| other.slug == related) {
                return Err(said("cli-vocabulary-unknown-concept", related));
            }
        }
        if let Some(broader) = &c.broader
            && !concepts.iter().any(|other| other.slug == *broader)
        {
            return Err(said("cli-vocabulary-unknown-concept", broader));
        }
        if let Some(category) = &c.category
            && catalog.category_by_slug(category).is_none()
        {
            return Err(said("cli-vocabulary-unknown-category", category));
        }
        let texts = c.labels().into_iter().chain([c.note.clone()]);
        for text in texts {
            if let Some(found) = crate::privacy::find_personal_identity_number(&text) {
                return Err(format!("{}: {}", c.slug, crate::privacy::refusal(&found)));
            }
        }
    }
    noden_search::Thesaurus::new(concepts.iter().map(|c| c.spec(true)).collect()).map_err(|e| {
        crate::cli::say("cli-vocabulary-invalid", &[("error", e.to_string().into())])
    })?;
    Ok(concepts)
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 80
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Creates or updates the content's concepts by slug, in one unit of work; what node staff
/// added stays. Concepts no longer in the file stay too (node staff may have built on them).
#[tracing::instrument(skip_all, fields(count = records.len()))]
pub async fn sync(state: &AppState, records: &[entity::Model]) -> Result<SyncCounts, AppError> {
    let mut unit = Unit::begin(state, &By::import()).await?;
    let now = unit.now();
    let existing = entity::Entity::find().all(unit.db()).await?;
    let mut counts = SyncCounts::default();
    for r in records {
        let id = match existing.iter().find(|e| e.slug == r.slug) {
            Some(e) => {
                // The file's concept with what is the row's own: its id, node staff's labels
                // and its dates.
                let wanted = entity::Model {
                    id: e.id,
                    added_labels: e.added_labels.clone(),
                    created_at: e.created_at,
                    updated_at: e.updated_at,
                    ..r.clone()
                };
                if *e == wanted {
                    continue;
                }
                let active: entity::ActiveModel = entity::Model {
                    updated_at: now,
                    ..wanted
                }
                .into();
                active.reset_all().update(unit.db()).await?;
                counts.updated += 1;
                e.id
            }
            None => {
                let id = Uuid::now_v7();
                entity::ActiveModel {
                    id: Set(id),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..r.clone().into()
                }
                .insert(unit.db())
                .await?;
                counts.created += 1;
                id
            }
        };
        unit.changed(CONCEPT, id, Op::Upsert);
    }
    unit.commit().await?;
    Ok(counts)
}

/// One page of concepts whose labels contain `filter` (any case), in their order, and how many
/// there are: filtered, counted and paged in the database.
pub async fn page(
    state: &AppState,
    filter: &str,
    page: u64,
) -> Result<(Vec<entity::Model>, u64), AppError> {
    let mut query = entity::Entity::find();
    let filter = filter.trim().to_lowercase();
    if !filter.is_empty() {
        let pattern = format!(
            "%{}%",
            filter
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut any = Condition::any();
        for column in [
            entity::Column::Label,
            entity::Column::AltLabels,
            entity::Column::EnLabel,
            entity::Column::EnAltLabels,
            entity::Column::AddedLabels,
            entity::Column::Slug,
        ] {
            any = any.add(
                Expr::expr(Func::lower(Expr::col(column)))
                    .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\')),
            );
        }
        query = query.filter(any);
    }
    let paginator = query
        .order_by_asc(entity::Column::Position)
        .order_by_asc(entity::Column::Slug)
        .paginate(&state.db, PER_PAGE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    Ok((rows, total))
}

/// What node staff write about a concept. For a concept of the content folder only the added
/// labels count; the rest is the file's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Changes {
    /// The preferred label (a new or node staff's concept).
    pub label: String,
    /// Labels added, one per line.
    pub labels: String,
    /// The broader concept's slug, or empty (a new or node staff's concept).
    pub broader: String,
    /// What it covers (a new or node staff's concept).
    pub note: String,
}

/// Creates a concept (`slug` none) or changes one, for node staff; takes effect at once here
/// and, through the change log, on every instance. Returns the concept's slug.
pub async fn save(
    state: &AppState,
    by: &By,
    slug: Option<&str>,
    changes: &Changes,
) -> Result<String, AppError> {
    if !can(&by.actor, Action::Curate, &Resource::ReferenceData) {
        return Err(AppError::Forbidden("thesaurus-error-staff-only".to_owned()));
    }
    let catalog = state.catalog.get();
    let existing = match slug {
        Some(slug) => Some(
            catalog
                .concepts
                .iter()
                .find(|c| c.slug == slug)
                .cloned()
                .ok_or(AppError::NotFound("begreppet"))?,
        ),
        None => None,
    };
    let mut issues = Vec::new();
    let added: Vec<String> = entity::lines(&changes.labels).map(str::to_owned).collect();
    if added.len() > MAX_ADDED_LABELS {
        issues.push(FieldIssue::new(
            "labels",
            i18n::t_with(
                "thesaurus-error-too-many",
                "max",
                &MAX_ADDED_LABELS.to_string(),
            ),
        ));
    }
    if let Some(long) = added.iter().find(|l| l.chars().count() > MAX_LABEL_CHARS) {
        issues.push(FieldIssue::new(
            "labels",
            i18n::t_args(
                "thesaurus-error-label-long",
                &[
                    ("label", &crate::privacy::quoted(long)),
                    ("max", &MAX_LABEL_CHARS.to_string()),
                ],
            ),
        ));
    }
    crate::privacy::check_list("labels", &added, &mut issues);
    let mut concept = match existing.clone() {
        Some(c) if c.from_content => c,
        other => {
            let label = changes.label.trim();
            let broader = changes.broader.trim();
            if label.is_empty() {
                issues.push(FieldIssue::new("label", "thesaurus-error-label-required"));
            } else if label.chars().count() > MAX_LABEL_CHARS {
                issues.push(FieldIssue::new(
                    "label",
                    i18n::t_with(
                        "thesaurus-error-label-max",
                        "max",
                        &MAX_LABEL_CHARS.to_string(),
                    ),
                ));
            }
            if changes.note.chars().count() > MAX_NOTE_CHARS {
                issues.push(FieldIssue::new(
                    "note",
                    i18n::t_with(
                        "thesaurus-error-note-max",
                        "max",
                        &MAX_NOTE_CHARS.to_string(),
                    ),
                ));
            }
            crate::privacy::check_fields(&[("label", label), ("note", &changes.note)], &mut issues);
            if !broader.is_empty() && !catalog.concepts.iter().any(|c| c.slug == broader) {
                issues.push(FieldIssue::new(
                    "broader",
                    i18n::t_with(
                        "thesaurus-error-broader-unknown",
                        "value",
                        &crate::privacy::quoted(broader),
                    ),
                ));
            }
            let now = state.clock.now();
            let base = other.unwrap_or_else(|| entity::Model {
                id: Uuid::now_v7(),
                slug: unique_slug(&catalog, label),
                label: String::new(),
                alt_labels: String::new(),
                en_label: None,
                en_alt_labels: String::new(),
                added_labels: String::new(),
                broader: None,
                related: String::new(),
                category: None,
                note: String::new(),
                from_content: false,
                position: i32::try_from(catalog.concepts.len()).unwrap_or(i32::MAX) + 1,
                created_at: now,
                updated_at: now,
            });
            entity::Model {
                label: label.to_owned(),
                broader: (!broader.is_empty()).then(|| broader.to_owned()),
                note: changes.note.trim().to_owned(),
                ..base
            }
        }
    };
    concept.added_labels = added.join("\n");
    if issues.is_empty() {
        // The concepts as they would be must still make a thesaurus: no label another
        // concept has, no broader concept that leads back.
        let specs = catalog
            .concepts
            .iter()
            .filter(|c| c.slug != concept.slug)
            .chain([&concept])
            .map(|c| c.spec(true))
            .collect();
        if let Err(error) = noden_search::Thesaurus::new(specs) {
            issues.push(thesaurus_issue(&error, &catalog));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let (action, model) = match existing {
        Some(before) => {
            let mut active: entity::ActiveModel = before.into();
            active.label = Set(concept.label.clone());
            active.added_labels = Set(concept.added_labels.clone());
            active.broader = Set(concept.broader.clone());
            active.note = Set(concept.note.clone());
            active.updated_at = Set(now);
            ("concept.save", active.update(unit.db()).await?)
        }
        None => {
            let active: entity::ActiveModel = concept.into();
            ("concept.create", active.insert(unit.db()).await?)
        }
    };
    unit.changed(CONCEPT, model.id, Op::Upsert);
    unit.audit(
        action,
        format!("concept:{}", model.slug),
        format!("{}: {}", model.label, model.labels()[1..].join(", ")),
    );
    unit.commit().await?;
    state.catalog.reload(&state.db).await?;
    Ok(model.slug)
}

/// Why the concepts would not make a thesaurus, next to the field it concerns.
fn thesaurus_issue(error: &noden_search::ThesaurusError, catalog: &CatalogData) -> FieldIssue {
    use noden_search::ThesaurusError as E;
    match error {
        E::SharedLabel {
            label,
            other,
            other_label,
            ..
        } => {
            let concept = catalog
                .concepts
                .iter()
                .find(|c| c.slug == *other)
                .map_or(other.as_str(), |c| c.label.as_str());
            FieldIssue::new(
                "labels",
                i18n::t_args(
                    "thesaurus-error-label-taken",
                    &[
                        ("label", &crate::privacy::quoted(label)),
                        ("other", &crate::privacy::quoted(other_label)),
                        ("concept", &crate::privacy::quoted(concept)),
                    ],
                ),
            )
        }
        E::Cycle(_) => FieldIssue::new("broader", "thesaurus-error-broader-cycle"),
        E::EmptyLabel { label, .. } => FieldIssue::new(
            "labels",
            i18n::t_with(
                "thesaurus-error-label-empty",
                "label",
                &crate::privacy::quoted(label),
            ),
        ),
        E::DuplicateId(_) | E::NoLabel { .. } | E::UnknownBroader { .. } => {
            FieldIssue::new("label", "thesaurus-error-label-required")
        }
    }
}

/// A slug for a new concept from its label, not taken by another.
fn unique_slug(catalog: &CatalogData, label: &str) -> String {
    let base = slug::slugify(label);
    let base = if base.is_empty() {
        "begrepp".to_owned()
    } else {
        base.chars().take(60).collect()
    };
    let taken = |s: &str| catalog.concepts.iter().any(|c| c.slug == s);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or(base)
}
