//! Needs: what an organisation lacks, raised once and shared by every organisation that has it
//! too ("Vi har samma behov"). The county's list puts the most widely shared needs first, and
//! a need links to the trials that answer it.

pub mod routes;
pub mod search;
pub mod vocabulary;

pub use vocabulary::{NEED_KIND, NeedStatus};

use std::collections::HashMap;

use chrono::{DateTime, Utc};
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
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "needs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub slug: String,
        pub title: String,
        pub description_md: String,
        pub description_html: String,
        pub target_group: String,
        pub category_id: Option<Uuid>,
        /// The organisation that raised the need.
        pub organisation_id: Uuid,
        pub status: String,
        pub visibility: String,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    pub mod endorsement {
        use sea_orm::entity::prelude::*;

        /// Another organisation saying it has the same need, with a line on its situation.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "need_endorsements")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub need_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub organisation_id: Uuid,
            pub note: String,
            pub user_id: Option<Uuid>,
            pub created_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::endorsement;

/// Needs in the change log.
pub const NEED: Kind = Kind::new("need");

/// What a client sends to raise a need.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedInput {
    #[validate(length(
        min = 1,
        max = 200,
        message = "Rubriken måste ha mellan 1 och 200 tecken."
    ))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// The need in Markdown: who lacks what, and why.
    #[serde(default)]
    #[validate(length(max = 20000, message = "Beskrivningen får ha högst 20 000 tecken."))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// ordinart-boende, sarskilt-boende, lss, socialpsykiatri, ifo or hemsjukvard.
    #[schema(schema_with = CareGroup::field_schema)]
    pub target_group: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    /// SCB code of the organisation raising it (default: the writer's own).
    #[serde(default)]
    pub organisation: Option<String>,
    /// public, network or organisation (default network).
    #[serde(default)]
    #[schema(schema_with = crate::openapi::shared_visibility)]
    pub visibility: Option<String>,
}

/// What a client sends to say its organisation shares a need.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementInput {
    /// A line on one's own situation.
    #[serde(default)]
    #[validate(length(max = 1000, message = "Högst 1 000 tecken."))]
    #[schema(max_length = 1000)]
    pub note: String,
}

/// Raises a need for the writer's organisation.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: NeedInput,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let catalog = state.catalog.get();
    // First what decides whether the writer may raise the need, then the writer's right, and
    // only then the text.
    let mut issues = Vec::new();
    let visibility = Visibility::from_field(input.visibility.as_deref(), "visibility", &mut issues)
        .unwrap_or(Visibility::Network);
    if visibility == Visibility::Workspace {
        issues.push(FieldIssue::new(
            "visibility",
            "Ett behov delas med länet: välj public, network eller organisation.",
        ));
    }
    let organisation_id = crate::catalog::organisation_field(
        &by.actor,
        input.organisation.as_deref(),
        &catalog,
        "organisation",
        &mut issues,
    );
    let (Some(organisation_id), true) = (organisation_id, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let becomes = Resource::Item {
        principals: crate::auth::principals_for(
            Some(visibility),
            Some(organisation_id),
            None,
            &catalog,
        ),
        organisation_id: Some(organisation_id),
        partners: Vec::new(),
    };
    if !can(&by.actor, Action::Create, &becomes) {
        return Err(AppError::Forbidden(
            "Du kan bara registrera behov för din egen organisation.".to_owned(),
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
    let category_id =
        crate::catalog::category_field(input.category.as_deref(), &catalog, &mut issues);
    crate::privacy::check_fields(
        &[("title", &title), ("description", &input.description)],
        &mut issues,
    );
    let (Some(target_group), true) = (target_group, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    let id = Uuid::now_v7();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let need = entity::ActiveModel {
        id: Set(id),
        slug: Set(crate::web::slug_with_tail(&title, id)),
        description_html: Set(description_html),
        description_md: Set(input.description),
        title: Set(title),
        target_group: Set(target_group.as_str().to_owned()),
        category_id: Set(category_id),
        organisation_id: Set(organisation_id),
        status: Set(NeedStatus::Ny.as_str().to_owned()),
        visibility: Set(visibility.as_str().to_owned()),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(unit.db())
    .await?;
    unit.changed(NEED, id, Op::Upsert);
    unit.audit("need.create", format!("need:{id}"), need.title.clone());
    unit.commit().await?;
    Ok(need)
}

/// A need as the policy sees it.
pub fn resource(need: &entity::Model, catalog: &CatalogData) -> Resource {
    Resource::Item {
        principals: principals(need, catalog),
        organisation_id: Some(need.organisation_id),
        partners: Vec::new(),
    }
}

pub fn principals(need: &entity::Model, catalog: &CatalogData) -> Vec<String> {
    crate::auth::principals_for(
        Visibility::parse(&need.visibility),
        Some(need.organisation_id),
        None,
        catalog,
    )
}

/// The need behind `slug` or id, if `actor` may read it.
pub async fn readable(
    state: &AppState,
    actor: &Actor,
    slug_or_id: &str,
) -> Result<Readable<entity::Model>, AppError> {
    let query = crate::db::by_slug_or_id::<entity::Entity>(
        slug_or_id,
        entity::Column::Id,
        entity::Column::Slug,
    );
    query
        .one(&state.db)
        .await?
        .and_then(|n| {
            let resource = resource(&n, &state.catalog.get());
            Readable::check(actor, &resource, n)
        })
        .ok_or(AppError::NotFound("behovet"))
}

/// Says the actor's organisation shares the need; saying it again updates the note.
#[tracing::instrument(skip_all, fields(need))]
pub async fn endorse(
    state: &AppState,
    by: &By,
    need: &str,
    input: EndorsementInput,
) -> Result<entity::Model, AppError> {
    let Some(member) = by.actor.member() else {
        return Err(AppError::Unauthorized);
    };
    endorse_for(state, by, need, member.organisation_id, input).await
}

/// Records that `organisation_id` shares the need, on behalf of `by` (a member of it, or the
/// node itself, e.g. when loading demo content).
pub async fn endorse_for(
    state: &AppState,
    by: &By,
    need: &str,
    organisation_id: Uuid,
    input: EndorsementInput,
) -> Result<entity::Model, AppError> {
    let need = readable(state, &by.actor, need).await?.into_inner();
    if !crate::auth::policy::endorses_as(
        &by.actor,
        &resource(&need, &state.catalog.get()),
        organisation_id,
    ) {
        return Err(AppError::Forbidden(
            if need.organisation_id == organisation_id {
                "Behovet är er organisations eget.".to_owned()
            } else {
                "Du kan inte instämma i behovet.".to_owned()
            },
        ));
    }
    let mut issues = crate::error::issues_of(&input);
    let note = input.note.trim().to_owned();
    crate::privacy::check_fields(&[("note", &note)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let user_id = by.actor.user_id();
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let existing = endorsement::Entity::find_by_id((need.id, organisation_id))
        .one(unit.db())
        .await?;
    match existing {
        Some(e) => {
            let mut active: endorsement::ActiveModel = e.into();
            active.note = Set(note);
            active.user_id = Set(user_id);
            active.update(unit.db()).await?;
        }
        None => {
            endorsement::ActiveModel {
                need_id: Set(need.id),
                organisation_id: Set(organisation_id),
                note: Set(note),
                user_id: Set(user_id),
                created_at: Set(now),
            }
            .insert(unit.db())
            .await?;
        }
    }
    unit.changed(NEED, need.id, Op::Upsert);
    unit.audit(
        "need.endorse",
        format!("need:{}", need.id),
        need.title.clone(),
    );
    unit.commit().await?;
    Ok(need)
}

/// Moves a need to another status (its own organisation or node staff).
#[tracing::instrument(skip_all, fields(need))]
pub async fn set_status(
    state: &AppState,
    by: &By,
    need: &str,
    status: &str,
) -> Result<entity::Model, AppError> {
    let mut issues = Vec::new();
    let status = NeedStatus::from_field(Some(status), "status", &mut issues);
    let Some(status) = status else {
        if issues.is_empty() {
            issues.push(FieldIssue::new("status", "Välj en status."));
        }
        return Err(AppError::Invalid(issues));
    };
    let need = readable(state, &by.actor, need).await?.into_inner();
    if !can(
        &by.actor,
        Action::Edit,
        &resource(&need, &state.catalog.get()),
    ) {
        return Err(AppError::Forbidden(
            "Bara organisationen som registrerade behovet och nodens personal ändrar dess status."
                .to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let need = mark(&mut unit, need, status).await?;
    unit.audit("need.status", format!("need:{}", need.id), status.as_str());
    unit.commit().await?;
    Ok(need)
}

/// Writes a need's status as part of `unit`.
pub async fn mark(
    unit: &mut Unit,
    need: entity::Model,
    status: NeedStatus,
) -> Result<entity::Model, AppError> {
    let id = need.id;
    let mut active: entity::ActiveModel = need.into();
    active.status = Set(status.as_str().to_owned());
    active.updated_at = Set(unit.now());
    let need = active.update(unit.db()).await?;
    unit.changed(NEED, id, Op::Upsert);
    Ok(need)
}

/// The organisations that have endorsed each need, oldest first.
pub async fn endorsements_of<C: ConnectionTrait>(
    db: &C,
    need_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<endorsement::Model>>, AppError> {
    let mut map: HashMap<Uuid, Vec<endorsement::Model>> = HashMap::new();
    for chunk in need_ids.chunks(500) {
        for row in endorsement::Entity::find()
            .filter(endorsement::Column::NeedId.is_in(chunk.iter().copied()))
            .order_by_asc(endorsement::Column::CreatedAt)
            .all(db)
            .await?
        {
            map.entry(row.need_id).or_default().push(row);
        }
    }
    Ok(map)
}

/// One organisation's endorsement as pages show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EndorsementView {
    pub organisation: Option<OrganisationRef>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// A need with its names resolved, as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedView {
    pub id: Uuid,
    pub slug: String,
    pub url: String,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub target_group: String,
    pub target_group_label: String,
    pub category: Option<CategoryRef>,
    /// The organisation that raised it.
    pub organisation: Option<OrganisationRef>,
    pub status: String,
    pub status_label: String,
    pub visibility: String,
    /// How many organisations have the need: the one that raised it and those that share it.
    pub organisations_sharing: usize,
    pub endorsements: Vec<EndorsementView>,
    /// Trials answering the need, as (title, url) pairs the reader may open.
    pub trials: Vec<crate::trials::TrialRef>,
    pub created_at: DateTime<Utc>,
}

pub fn url(need: &entity::Model) -> String {
    format!("/behov/{}", need.slug)
}

pub fn view(
    catalog: &CatalogData,
    need: entity::Model,
    endorsements: &[endorsement::Model],
    trials: Vec<crate::trials::TrialRef>,
) -> NeedView {
    NeedView {
        id: need.id,
        url: url(&need),
        target_group_label: crate::catalog::CareGroup::label_of(&need.target_group),
        category: need
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(CategoryRef::from),
        organisation: catalog
            .organisation_by_id(need.organisation_id)
            .map(OrganisationRef::from),
        status_label: NeedStatus::label_of(&need.status),
        organisations_sharing: 1 + endorsements.len(),
        endorsements: endorsements
            .iter()
            .map(|e| EndorsementView {
                organisation: catalog
                    .organisation_by_id(e.organisation_id)
                    .map(OrganisationRef::from),
                note: e.note.clone(),
                created_at: e.created_at,
            })
            .collect(),
        trials,
        slug: need.slug,
        title: need.title,
        description_markdown: need.description_md,
        description_html: need.description_html,
        target_group: need.target_group,
        status: need.status,
        visibility: need.visibility,
        created_at: need.created_at,
    }
}

/// The filters of the county's list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeedFilter {
    /// ny, bedoms, i-test, atgardad or avslutad.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub target_group: Option<String>,
    /// Category slug.
    #[serde(default)]
    pub category: Option<String>,
    /// SCB code of an organisation that has the need (raised or shares it).
    #[serde(default)]
    pub organisation: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// A page of the county's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NeedList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub needs: Vec<NeedView>,
}

pub const PER_PAGE: usize = 20;

/// How the needs table records who may open a need, for the policy's SQL condition.
pub fn readers() -> crate::auth::policy::Readers<entity::Column> {
    crate::auth::policy::Readers::owned(entity::Column::Visibility, entity::Column::OrganisationId)
}

/// The condition "organisation `org` shares the need" (it endorsed it).
fn endorsed_by(org: Uuid) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, Query};
    sea_orm::sea_query::Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(endorsement::Column::NeedId)
            .from(endorsement::Entity)
            .and_where(endorsement::Column::OrganisationId.eq(org))
            .to_owned(),
    )
}

/// The condition "one of `orgs` shares the need" (endorsed it).
pub fn endorsed_by_any(orgs: &[Uuid]) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, Query};
    sea_orm::sea_query::Expr::col((entity::Entity, entity::Column::Id)).in_subquery(
        Query::select()
            .column(endorsement::Column::NeedId)
            .from(endorsement::Entity)
            .and_where(endorsement::Column::OrganisationId.is_in(orgs.iter().copied()))
            .to_owned(),
    )
}

/// How many organisations share each need besides the one that raised it, as an expression
/// over the needs table.
pub fn endorsement_count() -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    Expr::SubQuery(
        None,
        Box::new(
            Query::select()
                .expr(Expr::col(endorsement::Column::NeedId).count())
                .from(endorsement::Entity)
                .and_where(
                    Expr::col((endorsement::Entity, endorsement::Column::NeedId))
                        .equals((entity::Entity, entity::Column::Id)),
                )
                .to_owned()
                .into(),
        ),
    )
}

/// The needs `actor` may read that match `filter`, the most widely shared first (then the
/// newest), one page at a time: filtered, counted and paged in the database.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &NeedFilter,
) -> Result<NeedList, AppError> {
    use sea_orm::{Order, PaginatorTrait};
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut query = entity::Entity::find().filter(crate::auth::policy::visible_condition(
        actor,
        &readers(),
        &catalog,
    ));
    if let Some(status) = filter.status.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::Status.eq(status));
    }
    if let Some(group) = filter.target_group.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(entity::Column::TargetGroup.eq(group));
    }
    if let Some(category) = filter.category.as_deref().filter(|s| !s.is_empty()) {
        let id = catalog.category_by_slug(category).map(|c| c.id);
        query = query.filter(entity::Column::CategoryId.eq(id.unwrap_or(Uuid::nil())));
    }
    if let Some(code) = filter.organisation.as_deref().filter(|s| !s.is_empty()) {
        // An unknown organisation has no needs.
        let org = catalog
            .organisation_by_code(code)
            .map_or(Uuid::nil(), |o| o.id);
        query = query.filter(
            sea_orm::Condition::any()
                .add(entity::Column::OrganisationId.eq(org))
                .add(endorsed_by(org)),
        );
    }
    let total = query.clone().count(&state.db).await? as usize;
    let needs = query
        .order_by(endorsement_count(), Order::Desc)
        .order_by_desc(entity::Column::CreatedAt)
        .order_by_desc(entity::Column::Id)
        .offset(((page - 1) * PER_PAGE) as u64)
        .limit(PER_PAGE as u64)
        .all(&state.db)
        .await?;
    let ids: Vec<Uuid> = needs.iter().map(|n| n.id).collect();
    let mut endorsements = endorsements_of(&state.db, &ids).await?;
    let needs = needs
        .into_iter()
        .map(|n| {
            let e = endorsements.remove(&n.id).unwrap_or_default();
            view(&catalog, n, &e, Vec::new())
        })
        .collect();
    Ok(NeedList {
        total,
        page,
        per_page: PER_PAGE,
        needs,
    })
}

/// One need with its endorsements and the trials answering it that `actor` may open.
pub async fn show(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<NeedView, AppError> {
    let need = readable(state, actor, slug_or_id).await?;
    full_view(state, actor, need.into_inner()).await
}

/// A need `actor` may read, with its endorsements and the trials answering it `actor` may open.
pub async fn full_view(
    state: &AppState,
    actor: &Actor,
    need: entity::Model,
) -> Result<NeedView, AppError> {
    let endorsements = endorsements_of(&state.db, &[need.id])
        .await?
        .remove(&need.id)
        .unwrap_or_default();
    let trials = crate::trials::answering(state, actor, need.id).await?;
    Ok(view(&state.catalog.get(), need, &endorsements, trials))
}

/// The need with exactly this title, if any (demo content is matched by title).
pub async fn by_title(state: &AppState, title: &str) -> Result<Option<entity::Model>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Title.eq(title))
        .one(&state.db)
        .await?)
}
