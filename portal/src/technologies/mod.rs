//! The technology catalogue: technologies and products with their category, supplier,
//! proximity and the standards they speak, and which organisations use each one (testing,
//! implemented, discontinued), since when, with which product and whom to call.

pub mod editing;
pub mod proposals;
pub mod routes;
pub mod search;
pub mod topics;
pub mod vocabulary;

pub use editing::*;
pub use proposals::*;
pub use vocabulary::{EntryStatus, Proximity, TECHNOLOGY_KIND, UseStatus};

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
use crate::auth::{Action, Actor, Resource, can};
use crate::catalog::CatalogData;
use crate::catalog::CategoryRef;
use crate::catalog::OrganisationRef;
use crate::changes::{Kind, Op};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "technologies")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        pub name: String,
        pub description_md: String,
        pub description_html: String,
        pub category_id: Option<Uuid>,
        pub supplier: String,
        pub proximity: String,
        /// JSON array of the standards and systems it works with.
        pub standards: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// When the entry was withdrawn (hidden, restorable by node staff).
        pub withdrawn_at: Option<DateTimeUtc>,
        /// The user who withdrew it.
        pub withdrawn_by: Option<Uuid>,
        /// katalog (in the catalogue), forslag (a member's proposal awaiting node staff) or
        /// avbojd (a declined proposal).
        pub status: String,
        /// The member who proposed it, if it began as a proposal.
        pub proposed_by: Option<Uuid>,
        /// Why node staff declined the proposal.
        pub decline_reason: String,
        /// The user who answers for the item being current; without one, see `freshness::owners`.
        pub owner_id: Option<Uuid>,
        /// When someone last confirmed the item still holds; an edit confirms too (`freshness`).
        pub confirmed_at: Option<DateTimeUtc>,
        /// When it was archived: still readable and findable, labelled, never reminded of.
        pub archived_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    pub mod usage {
        use sea_orm::entity::prelude::*;

        /// One organisation's use of a catalogue entry.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "technology_uses")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub technology_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub organisation_id: Uuid,
            /// test, infort or avvecklat.
            pub status: String,
            pub since: Option<Date>,
            pub product: String,
            /// Whom to call: a staff member's name and address or telephone (signed-in readers only).
            pub contact: String,
            pub updated_at: DateTimeUtc,
            /// When the organisation (or node staff) withdrew the use.
            pub withdrawn_at: Option<DateTimeUtc>,
            pub withdrawn_by: Option<Uuid>,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::usage;

/// Catalogue entries in the change log.
pub const TECHNOLOGY: Kind = Kind::new("technology");

/// What node staff send to add an entry to the catalogue.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TechnologyInput {
    #[validate(length(min = 1, max = 200, message = "technologies-error-name-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "technologies-error-description-length"))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    #[validate(length(max = 200, message = "technologies-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub supplier: String,
    /// brukarnara or processnara.
    #[schema(schema_with = Proximity::field_schema)]
    pub proximity: String,
    /// Standards and systems it works with (e.g. "SCAIP" for social alarms).
    #[serde(default)]
    #[validate(length(max = 20, message = "technologies-error-max-20-standards"))]
    #[schema(max_items = 20)]
    pub standards: Vec<String>,
}

crate::web::merge_patch::patch_schema!(TechnologyPatch for TechnologyInput);

impl TechnologyInput {
    /// What `PUT` would be sent to leave `entry` as it is: the base a `PATCH` is merged into.
    pub fn of(entry: &entity::Model, catalog: &CatalogData) -> TechnologyInput {
        TechnologyInput {
            name: entry.name.clone(),
            description: entry.description_md.clone(),
            category: entry
                .category_id
                .and_then(|c| catalog.category_by_id(c))
                .map(|c| c.slug.clone()),
            supplier: entry.supplier.clone(),
            proximity: entry.proximity.clone(),
            standards: standards(entry),
        }
    }
}

/// What an organisation records of its own use of an entry.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UseInput {
    /// test, infort or avvecklat.
    #[schema(schema_with = UseStatus::field_schema)]
    pub status: String,
    #[serde(default)]
    pub since: Option<NaiveDate>,
    #[serde(default)]
    #[validate(length(max = 200, message = "technologies-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub product: String,
    /// Whom others may call about it.
    #[serde(default)]
    #[validate(length(max = 200, message = "technologies-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub contact: String,
    /// SCB code of the organisation (default: the writer's own; node staff may name any).
    #[serde(default)]
    pub organisation: Option<String>,
}

/// An entry's input, checked and ready to save.
pub(crate) struct Resolved {
    pub(crate) name: String,
    pub(crate) description_md: String,
    pub(crate) description_html: String,
    pub(crate) category_id: Option<Uuid>,
    pub(crate) supplier: String,
    pub(crate) proximity: Proximity,
    pub(crate) standards: Vec<String>,
}

/// Checks what a writer sent for an entry: lengths, the proximity and category named, and no
/// personal identity numbers; renders its Markdown.
pub(crate) async fn resolve(
    state: &AppState,
    input: TechnologyInput,
) -> Result<Resolved, AppError> {
    let catalog = state.catalog.get();
    let mut issues = crate::error::issues_of(&input);
    let name = input.name.trim().to_owned();
    crate::error::require_text(
        &name,
        "name",
        "technologies-error-name-missing",
        &mut issues,
    );
    let proximity = Proximity::from_field(Some(&input.proximity), "proximity", &mut issues);
    if proximity.is_none() && issues.iter().all(|i| i.field != "proximity") {
        issues.push(FieldIssue::new(
            "proximity",
            "technologies-error-proximity-missing",
        ));
    }
    let category_id =
        crate::catalog::category_field(input.category.as_deref(), &catalog, &mut issues);
    let standards: Vec<String> = input
        .standards
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    crate::privacy::check_fields(
        &[
            ("name", &name),
            ("description", &input.description),
            ("supplier", &input.supplier),
        ],
        &mut issues,
    );
    crate::privacy::check_list("standards", &standards, &mut issues);
    let Some(proximity) = proximity.filter(|_| issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    Ok(Resolved {
        name,
        description_md: input.description,
        description_html,
        category_id,
        supplier: input.supplier.trim().to_owned(),
        proximity,
        standards,
    })
}

/// Inserts a checked entry with `status` in the unit's transaction, keeping its first revision.
pub(crate) async fn insert(
    unit: &mut Unit,
    state: &AppState,
    r: Resolved,
    status: EntryStatus,
    proposed_by: Option<Uuid>,
) -> Result<entity::Model, AppError> {
    let id = Uuid::now_v7();
    let now = unit.now();
    let entry = entity::ActiveModel {
        id: Set(id),
        slug: Set(crate::web::slug_with_tail(&r.name, id)),
        description_html: Set(r.description_html),
        description_md: Set(r.description_md),
        name: Set(r.name),
        category_id: Set(r.category_id),
        supplier: Set(r.supplier),
        proximity: Set(r.proximity.as_str().to_owned()),
        standards: Set(serde_json::Value::from(r.standards).to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
        status: Set(status.as_str().to_owned()),
        proposed_by: Set(proposed_by),
        decline_reason: Set(String::new()),
        // Whoever adds or proposes the entry answers for it being current.
        owner_id: Set(unit.by().actor.user_id()),
        confirmed_at: Set(None),
        archived_at: Set(None),
    }
    .insert(unit.db())
    .await?;
    editing::keep_revision(unit, state, &entry).await?;
    Ok(entry)
}

/// Adds an entry to the catalogue (node staff).
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: TechnologyInput,
) -> Result<entity::Model, AppError> {
    if !can(&by.actor, Action::Curate, &Resource::Catalogue) {
        return Err(match by.actor {
            Actor::Anonymous => AppError::Unauthorized,
            _ => AppError::Forbidden("technologies-error-staff-only-add".to_owned()),
        });
    }
    let resolved = resolve(state, input).await?;
    let mut unit = Unit::begin(state, by).await?;
    let entry = insert(&mut unit, state, resolved, EntryStatus::Katalog, None).await?;
    let id = entry.id;
    unit.changed(TECHNOLOGY, id, Op::Upsert);
    unit.audit(
        "technology.create",
        format!("technology:{id}"),
        entry.name.clone(),
    );
    unit.commit().await?;
    Ok(entry)
}

/// Entries in the catalogue: neither withdrawn nor a proposal.
pub fn in_catalogue() -> sea_orm::sea_query::Condition {
    sea_orm::sea_query::Condition::all()
        .add(entity::Column::Status.eq(EntryStatus::Katalog.as_str()))
        .add(entity::Column::WithdrawnAt.is_null())
}

/// Whether `actor` sees entries out of the catalogue (withdrawn ones, proposals): node staff.
pub fn sees_all_entries(actor: &Actor) -> bool {
    can(actor, Action::Restore, &Resource::Catalogue)
}

/// The entry behind `slug` or id, if it is in the catalogue (catalogue entries are public).
pub async fn find(state: &AppState, slug_or_id: &str) -> Result<entity::Model, AppError> {
    crate::addresses::find::<entity::Entity, _>(
        &state.db,
        TECHNOLOGY,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all().add(in_catalogue()),
    )
    .await?
    .ok_or(AppError::NotFound("tekniken"))
}

/// The entry behind `slug` or id as `actor` may open it: entries in the catalogue for
/// everyone; withdrawn entries and proposals for node staff only (404 to the others).
pub async fn find_for(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<entity::Model, AppError> {
    if !sees_all_entries(actor) {
        return find(state, slug_or_id).await;
    }
    crate::addresses::find::<entity::Entity, _>(
        &state.db,
        TECHNOLOGY,
        slug_or_id,
        (entity::Column::Id, entity::Column::Slug),
        sea_orm::Condition::all(),
    )
    .await?
    .ok_or(AppError::NotFound("tekniken"))
}

/// Records (or changes) an organisation's use of an entry: its own staff, or node staff.
#[tracing::instrument(skip_all)]
pub async fn record_use(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: UseInput,
) -> Result<usage::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let entry = find(state, slug_or_id).await?;
    let catalog = state.catalog.get();
    // First whose use it is and whether the writer may record it, and only then the text.
    let mut issues = Vec::new();
    let organisation_id = crate::catalog::organisation_field(
        &by.actor,
        input.organisation.as_deref(),
        &catalog,
        "organisation",
        &mut issues,
    );
    let Some(organisation_id) = organisation_id else {
        return Err(AppError::Invalid(issues));
    };
    if !can(
        &by.actor,
        Action::Edit,
        &Resource::TechnologyUse { organisation_id },
    ) {
        return Err(AppError::Forbidden(
            "technologies-error-own-use-only".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let status = UseStatus::from_field(Some(&input.status), "status", &mut issues);
    if status.is_none() && issues.iter().all(|i| i.field != "status") {
        issues.push(FieldIssue::new(
            "status",
            crate::web::i18n::t_with(
                "technologies-error-choose-status",
                "choices",
                &UseStatus::choices(),
            ),
        ));
    }
    crate::privacy::check_fields(
        &[("product", &input.product), ("contact", &input.contact)],
        &mut issues,
    );
    let Some(status) = status.filter(|_| issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let row = usage::ActiveModel {
        technology_id: Set(entry.id),
        organisation_id: Set(organisation_id),
        status: Set(status.as_str().to_owned()),
        since: Set(input.since),
        product: Set(input.product.trim().to_owned()),
        contact: Set(input.contact.trim().to_owned()),
        updated_at: Set(now),
        // Recording a use again takes back its withdrawal.
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    };
    let existing = usage::Entity::find_by_id((entry.id, organisation_id))
        .one(unit.db())
        .await?;
    let saved = match existing {
        Some(_) => row.update(unit.db()).await?,
        None => row.insert(unit.db()).await?,
    };
    unit.changed(TECHNOLOGY, entry.id, Op::Upsert);
    unit.audit(
        "technology.use",
        format!("technology:{}", entry.id),
        status.as_str(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// One organisation's use as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UseView {
    pub organisation: Option<OrganisationRef>,
    pub status: String,
    pub status_label: String,
    pub since: Option<NaiveDate>,
    pub product: String,
    pub contact: String,
    pub updated_at: DateTime<Utc>,
}

/// A catalogue entry with the organisations using it and the trials and reports behind it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TechnologyView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub name: String,
    pub description_markdown: String,
    pub description_html: String,
    pub category: Option<CategoryRef>,
    pub supplier: String,
    pub proximity: String,
    pub proximity_label: String,
    pub standards: Vec<String>,
    /// `katalog` (in the catalogue), `forslag` (a proposal awaiting node staff) or `avbojd`.
    pub status: String,
    pub status_label: String,
    /// When the entry was withdrawn (only node staff open a withdrawn entry).
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// Every organisation that has recorded a use, in name order.
    pub uses: Vec<UseView>,
    /// Trials of this technology that the reader may open.
    pub trials: Vec<crate::trials::TrialRef>,
    /// Reports concluding those trials that the reader may open.
    pub reports: Vec<crate::trials::ReportRef>,
    /// When it was last confirmed to hold, whether it may be out of date, whether archived.
    pub freshness: crate::freshness::Freshness,
}

pub fn url(entry: &entity::Model) -> String {
    format!("/teknik/{}", entry.slug)
}

pub fn standards(entry: &entity::Model) -> Vec<String> {
    serde_json::from_str(&entry.standards).unwrap_or_default()
}

/// The uses of each entry that are not withdrawn.
pub async fn uses_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<usage::Model>>, sea_orm::DbErr> {
    let mut map: HashMap<Uuid, Vec<usage::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for row in usage::Entity::find()
            .filter(usage::Column::TechnologyId.is_in(chunk.iter().copied()))
            .filter(usage::Column::WithdrawnAt.is_null())
            .all(db)
            .await?
        {
            map.entry(row.technology_id).or_default().push(row);
        }
    }
    Ok(map)
}

/// A use as `actor` sees it: contacts are staff members' details, shown to whom the policy
/// lets read contacts (signed-in users).
fn use_view(catalog: &CatalogData, actor: &Actor, u: usage::Model) -> UseView {
    UseView {
        organisation: catalog
            .organisation_by_id(u.organisation_id)
            .map(OrganisationRef::from),
        status_label: UseStatus::parse(&u.status)
            .map_or_else(|| u.status.clone(), |s| s.label().to_owned()),
        status: u.status,
        since: u.since,
        product: u.product,
        contact: if can(actor, Action::Read, &Resource::Contacts) {
            u.contact
        } else {
            String::new()
        },
        updated_at: u.updated_at,
    }
}

fn view_of(
    state: &AppState,
    catalog: &CatalogData,
    actor: &Actor,
    entry: entity::Model,
    uses: Vec<usage::Model>,
    trials: Vec<crate::trials::TrialRef>,
    reports: Vec<crate::trials::ReportRef>,
) -> TechnologyView {
    let mut uses: Vec<UseView> = uses
        .into_iter()
        .map(|u| use_view(catalog, actor, u))
        .collect();
    uses.sort_by(|a, b| {
        let name = |u: &UseView| u.organisation.as_ref().map(|o| o.name.clone());
        name(a).cmp(&name(b))
    });
    TechnologyView {
        freshness: crate::freshness::Freshness::of(
            entry.updated_at,
            entry.confirmed_at,
            entry.archived_at,
            state.clock.now(),
            &state.settings,
        )
        .answered_by(entry.owner_id.or(entry.proposed_by), None),
        id: entry.id,
        url: url(&entry),
        standards: standards(&entry),
        category: entry
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        proximity_label: Proximity::parse(&entry.proximity)
            .map_or_else(|| entry.proximity.clone(), |p| p.label().to_owned()),
        uses,
        trials,
        reports,
        status_label: EntryStatus::label_of(&entry.status),
        status: entry.status,
        withdrawn_at: entry.withdrawn_at,
        slug: entry.slug,
        name: entry.name,
        description_markdown: entry.description_md,
        description_html: entry.description_html,
        supplier: entry.supplier,
        proximity: entry.proximity,
    }
}

/// One entry with its uses and the trials and reports behind it that `actor` may open.
pub async fn show(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<TechnologyView, AppError> {
    let entry = find_for(state, actor, slug_or_id).await?;
    let uses = uses_of(&state.db, &[entry.id])
        .await?
        .remove(&entry.id)
        .unwrap_or_default();
    let (trials, reports) = crate::trials::of_technology(state, actor, entry.id).await?;
    Ok(view_of(
        state,
        &state.catalog.get(),
        actor,
        entry,
        uses,
        trials,
        reports,
    ))
}

/// One page of the catalogue, in name order, with each entry's uses.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &TechnologyFilter,
) -> Result<TechnologyList, AppError> {
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let query = entity::Entity::find()
        .filter(in_catalogue())
        .order_by_asc(entity::Column::Name)
        .order_by_asc(entity::Column::Id);
    let (entries, total) =
        crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    let total = total as usize;
    let ids: Vec<Uuid> = entries.iter().map(|e| e.id).collect();
    let mut uses = uses_of(&state.db, &ids).await?;
    let technologies = entries
        .into_iter()
        .map(|e| {
            let u = uses.remove(&e.id).unwrap_or_default();
            view_of(state, &catalog, actor, e, u, Vec::new(), Vec::new())
        })
        .collect();
    Ok(TechnologyList {
        total,
        page,
        per_page: PER_PAGE,
        technologies,
    })
}

/// Every entry's name and address, by name: what a form offers to choose from.
pub async fn choices(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::Slug)
        .column(entity::Column::Name)
        .filter(in_catalogue())
        .order_by_asc(entity::Column::Name)
        .into_tuple::<(String, String)>()
        .all(&state.db)
        .await?)
}

/// Entries on one page of the catalogue.
pub const PER_PAGE: usize = 50;

/// Which page of the catalogue.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TechnologyFilter {
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A page of the catalogue, by name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TechnologyList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub technologies: Vec<TechnologyView>,
}

/// The entry with exactly this name, if any (demo content is matched by name).
pub async fn by_name(state: &AppState, name: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Name.eq(name))
        .one(&state.db)
        .await?)
}
