//! The technology-coach network: coach profiles (one per user), who appoints them, and the
//! directory `/teknikcoacher` filtered by county, organisation, category and technology.
//!
//! Node staff appoint any user; coordinators the users of their own organisation (the policy's
//! [`Resource::Coaches`]). Appointing makes a plain member a coach and creates (or reopens) the
//! profile; ending it keeps the profile, inactive. A coach edits their own profile. How to
//! reach a coach is shown only to readers the policy lets read [`Resource::Contacts`].

pub mod routes;
pub mod topics;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::audit::By;
use crate::auth::entity::user;
use crate::auth::{Action, Actor, Resource, Role, can};
use crate::catalog::{CategoryRef, OrganisationRef};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::markdown;

pub mod entity {
    pub mod profile {
        use sea_orm::entity::prelude::*;

        /// A user's profile as technology coach.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "coach_profiles")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub id: Uuid,
            #[sea_orm(unique)]
            pub user_id: Uuid,
            /// The user's organisation when appointed.
            pub organisation_id: Uuid,
            /// The unit (enhet) the coach works in.
            pub workplace: String,
            /// Hours a year set aside for the coach's task.
            pub hours_per_year: i32,
            /// How to reach the coach (telephone, e-mail): signed-in readers only.
            pub contact: String,
            pub introduction_md: String,
            pub introduction_html: String,
            /// False once the appointment has ended; the profile is kept.
            pub active: bool,
            pub appointed_at: DateTimeUtc,
            /// The user who appointed the coach (none when the node did, e.g. demo content).
            pub appointed_by: Option<Uuid>,
            pub ended_at: Option<DateTimeUtc>,
            pub updated_at: DateTimeUtc,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {
            #[sea_orm(
                belongs_to = "crate::auth::entity::user::Entity",
                from = "Column::UserId",
                to = "crate::auth::entity::user::Column::Id"
            )]
            User,
        }

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod category {
        use sea_orm::entity::prelude::*;

        /// A category a coach knows.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "coach_categories")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub profile_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub category_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }

    pub mod technology {
        use sea_orm::entity::prelude::*;

        /// A catalogue technology a coach knows.
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
        #[sea_orm(table_name = "coach_technologies")]
        pub struct Model {
            #[sea_orm(primary_key, auto_increment = false)]
            pub profile_id: Uuid,
            #[sea_orm(primary_key, auto_increment = false)]
            pub technology_id: Uuid,
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        impl ActiveModelBehavior for ActiveModel {}
    }
}

use entity::{category as category_link, profile, technology as technology_link};

/// The most hours a year a coach's task may be given.
pub const MAX_HOURS: i32 = 2000;

/// What a coach (or whoever appoints them) writes in a profile.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// The unit (enhet) the coach works in.
    #[serde(default)]
    #[validate(length(max = 200, message = "coaches-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub workplace: String,
    /// Hours a year set aside for the task, 0–2000.
    #[serde(default, deserialize_with = "crate::web::whole::i32")]
    #[validate(range(min = 0, max = 2000, message = "coaches-error-hours-range"))]
    #[schema(minimum = 0, maximum = 2000)]
    pub hours_per_year: i32,
    /// How to reach the coach (telephone, e-mail); shown to signed-in readers only.
    #[serde(default)]
    #[validate(length(max = 200, message = "coaches-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub contact: String,
    /// A short introduction, Markdown.
    #[serde(default)]
    #[validate(length(max = 4000, message = "coaches-error-introduction-length"))]
    #[schema(max_length = 4000)]
    pub introduction: String,
    /// Categories the coach knows, by slug or name.
    #[serde(default)]
    #[validate(length(max = 30, message = "coaches-error-max-30-categories"))]
    #[schema(max_items = 30)]
    pub categories: Vec<String>,
    /// Catalogue technologies the coach knows, by slug or UUID.
    #[serde(default)]
    #[validate(length(max = 50, message = "coaches-error-max-50-technologies"))]
    #[schema(max_items = 50)]
    pub technologies: Vec<String>,
}

/// Appointing a coach: the user (by address or id) and their profile.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointInput {
    /// The user's e-mail address (a user of the appointer's organisation for a coordinator).
    #[serde(default)]
    #[validate(length(max = 254, message = "coaches-error-max-254-chars"))]
    #[schema(max_length = 254)]
    pub user_email: Option<String>,
    /// The user's id, instead of the address.
    #[serde(default)]
    pub user_id: Option<Uuid>,
    #[serde(default)]
    #[validate(length(max = 200, message = "coaches-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub workplace: String,
    #[serde(default, deserialize_with = "crate::web::whole::i32")]
    #[validate(range(min = 0, max = 2000, message = "coaches-error-hours-range"))]
    #[schema(minimum = 0, maximum = 2000)]
    pub hours_per_year: i32,
    #[serde(default)]
    #[validate(length(max = 200, message = "coaches-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub contact: String,
    #[serde(default)]
    #[validate(length(max = 4000, message = "coaches-error-introduction-length"))]
    #[schema(max_length = 4000)]
    pub introduction: String,
    #[serde(default)]
    #[validate(length(max = 30, message = "coaches-error-max-30-categories"))]
    #[schema(max_items = 30)]
    pub categories: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 50, message = "coaches-error-max-50-technologies"))]
    #[schema(max_items = 50)]
    pub technologies: Vec<String>,
}

impl AppointInput {
    pub fn profile(&self) -> ProfileInput {
        ProfileInput {
            workplace: self.workplace.clone(),
            hours_per_year: self.hours_per_year,
            contact: self.contact.clone(),
            introduction: self.introduction.clone(),
            categories: self.categories.clone(),
            technologies: self.technologies.clone(),
        }
    }
}

/// A profile's input, checked and ready to save.
struct Resolved {
    workplace: String,
    hours_per_year: i32,
    contact: String,
    introduction_md: String,
    introduction_html: String,
    categories: Vec<Uuid>,
    technologies: Vec<Uuid>,
}

/// Checks a profile: lengths and hours, the categories and technologies named, no personal
/// identity numbers; renders the introduction. `issues` holds what was found before.
async fn resolve(
    state: &AppState,
    input: &ProfileInput,
    mut issues: Vec<FieldIssue>,
) -> Result<Resolved, AppError> {
    let catalog = state.catalog.get();
    issues.extend(crate::error::issues_of(input));
    let mut categories = Vec::new();
    for named in input
        .categories
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match catalog.find_category(named) {
            Some(c) if !categories.contains(&c.id) => categories.push(c.id),
            Some(_) => {}
            None => issues.push(FieldIssue::new(
                "categories",
                crate::web::i18n::t_with(
                    "coaches-error-unknown-category",
                    "name",
                    &crate::privacy::quoted(named),
                ),
            )),
        }
    }
    let mut technologies = Vec::new();
    for named in input
        .technologies
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        match crate::technologies::find(state, named).await {
            Ok(t) if !technologies.contains(&t.id) => technologies.push(t.id),
            Ok(_) => {}
            Err(AppError::NotFound(_)) => issues.push(FieldIssue::new(
                "technologies",
                crate::web::i18n::t_with(
                    "coaches-error-unknown-technology",
                    "name",
                    &crate::privacy::quoted(named),
                ),
            )),
            Err(other) => return Err(other),
        }
    }
    crate::privacy::check_fields(
        &[
            ("workplace", &input.workplace),
            ("contact", &input.contact),
            ("introduction", &input.introduction),
        ],
        &mut issues,
    );
    crate::privacy::check_list("categories", &input.categories, &mut issues);
    crate::privacy::check_list("technologies", &input.technologies, &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let introduction_html = markdown::render_field("introduction", input.introduction.clone())
        .await?
        .into_string();
    Ok(Resolved {
        workplace: input.workplace.trim().to_owned(),
        hours_per_year: input.hours_per_year,
        contact: input.contact.trim().to_owned(),
        introduction_md: input.introduction.clone(),
        introduction_html,
        categories,
        technologies,
    })
}

/// Replaces a profile's categories and technologies.
async fn save_links<C: ConnectionTrait>(
    db: &C,
    profile_id: Uuid,
    r: &Resolved,
) -> Result<(), sea_orm::DbErr> {
    category_link::Entity::delete_many()
        .filter(category_link::Column::ProfileId.eq(profile_id))
        .exec(db)
        .await?;
    technology_link::Entity::delete_many()
        .filter(technology_link::Column::ProfileId.eq(profile_id))
        .exec(db)
        .await?;
    if !r.categories.is_empty() {
        category_link::Entity::insert_many(r.categories.iter().map(|&c| {
            category_link::ActiveModel {
                profile_id: Set(profile_id),
                category_id: Set(c),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !r.technologies.is_empty() {
        technology_link::Entity::insert_many(r.technologies.iter().map(|&t| {
            technology_link::ActiveModel {
                profile_id: Set(profile_id),
                technology_id: Set(t),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn refused(actor: &Actor, message: &str) -> AppError {
    match actor {
        Actor::Anonymous => AppError::Unauthorized,
        _ => AppError::Forbidden(message.to_owned()),
    }
}

/// Appoints a user technology coach (node staff: anyone; coordinators: users of their own
/// organisation), or reopens or updates their profile. A user named by an address in an
/// organisation's registered domain who has never signed in is made. Returns the profile and
/// whether it is new.
#[tracing::instrument(skip_all)]
pub async fn appoint(
    state: &AppState,
    by: &By,
    input: AppointInput,
) -> Result<(profile::Model, bool), AppError> {
    if matches!(by.actor, Actor::Anonymous) {
        return Err(AppError::Unauthorized);
    }
    // First whom: the user, and whether the appointer may appoint in their organisation.
    let email = match input
        .user_email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(raw) => match crate::auth::users::normalise_email(raw) {
            Ok(e) => Some(e),
            Err(AppError::Invalid(issues)) => {
                return Err(AppError::Invalid(
                    issues
                        .into_iter()
                        .map(|i| FieldIssue::new("user_email", i.message))
                        .collect(),
                ));
            }
            Err(other) => return Err(other),
        },
        None => None,
    };
    let existing = match (input.user_id, &email) {
        (Some(id), _) => Some(
            crate::auth::users::get(&state.db, id)
                .await?
                .ok_or_else(|| AppError::invalid("user_id", "coaches-error-no-such-user"))?,
        ),
        (None, Some(e)) => crate::auth::users::by_email(&state.db, e).await?,
        (None, None) => {
            return Err(AppError::invalid(
                "user_email",
                "coaches-error-email-missing",
            ));
        }
    };
    let organisation_id = match (&existing, &email) {
        (Some(u), _) => u.organisation_id,
        (None, Some(e)) => crate::auth::users::organisation_for_email(&state.db, e)
            .await?
            .ok_or_else(|| AppError::invalid("user_email", "coaches-error-unknown-domain"))?,
        (None, None) => return Err(AppError::NotFound("användaren")),
    };
    if !can(
        &by.actor,
        Action::Administer,
        &Resource::Coaches {
            organisation_id,
            coach: None,
        },
    ) {
        return Err(refused(&by.actor, "coaches-error-own-organisation-only"));
    }
    let resolved = resolve(state, &input.profile(), Vec::new()).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let user = match (existing, email) {
        (Some(u), _) => u,
        (None, Some(e)) => {
            crate::auth::users::for_confirmed_email(unit.db(), now, &e, organisation_id).await?
        }
        (None, None) => return Err(AppError::NotFound("användaren")),
    };
    if user.disabled {
        return Err(AppError::invalid(
            "user_email",
            "coaches-error-account-disabled",
        ));
    }
    let role = Role::parse(&user.role).unwrap_or(Role::Member);
    let user = crate::auth::users::set_role_in(
        &mut unit,
        user,
        crate::auth::policy::role_when_appointed(role),
    )
    .await?;
    let found = profile::Entity::find()
        .filter(profile::Column::UserId.eq(user.id))
        .one(unit.db())
        .await?;
    let created = found.is_none();
    let saved = match found {
        Some(p) => {
            let was_active = p.active;
            let mut active = p.into_active_model();
            active.organisation_id = Set(user.organisation_id);
            active.workplace = Set(resolved.workplace.clone());
            active.hours_per_year = Set(resolved.hours_per_year);
            active.contact = Set(resolved.contact.clone());
            active.introduction_md = Set(resolved.introduction_md.clone());
            active.introduction_html = Set(resolved.introduction_html.clone());
            if !was_active {
                active.active = Set(true);
                active.appointed_at = Set(now);
                active.appointed_by = Set(by.actor.user_id());
                active.ended_at = Set(None);
            }
            active.updated_at = Set(now);
            active.update(unit.db()).await?
        }
        None => {
            profile::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(user.id),
                organisation_id: Set(user.organisation_id),
                workplace: Set(resolved.workplace.clone()),
                hours_per_year: Set(resolved.hours_per_year),
                contact: Set(resolved.contact.clone()),
                introduction_md: Set(resolved.introduction_md.clone()),
                introduction_html: Set(resolved.introduction_html.clone()),
                active: Set(true),
                appointed_at: Set(now),
                appointed_by: Set(by.actor.user_id()),
                ended_at: Set(None),
                updated_at: Set(now),
            }
            .insert(unit.db())
            .await?
        }
    };
    save_links(unit.db(), saved.id, &resolved).await?;
    unit.audit(
        "coach.appoint",
        format!("coach:{}", saved.id),
        user.email.clone().unwrap_or_else(|| user.name.clone()),
    );
    unit.commit().await?;
    Ok((saved, created))
}

/// The profile with this id (any state).
async fn find(state: &AppState, id: &str) -> Result<profile::Model, AppError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound("teknikcoachen"))?;
    profile::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("teknikcoachen"))
}

fn resource_of(p: &profile::Model) -> Resource {
    Resource::Coaches {
        organisation_id: p.organisation_id,
        coach: Some(p.user_id),
    }
}

/// Whether `actor` may edit `p`: the coach themself, and those who appoint in its organisation.
pub fn may_edit(actor: &Actor, p: &profile::Model) -> bool {
    can(actor, Action::Edit, &resource_of(p))
}

/// Whether `actor` may end `p`'s appointment (or open it once ended).
pub fn may_administer(actor: &Actor, p: &profile::Model) -> bool {
    can(actor, Action::Administer, &resource_of(p))
}

/// Whether `actor` may appoint coaches in organisation `organisation_id`.
pub fn appoints_in(actor: &Actor, organisation_id: Uuid) -> bool {
    can(
        actor,
        Action::Administer,
        &Resource::Coaches {
            organisation_id,
            coach: None,
        },
    )
}

/// An active profile, or an ended one for those who administer it; 404 otherwise.
pub async fn find_for(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<profile::Model, AppError> {
    let p = find(state, id).await?;
    if p.active || may_administer(actor, &p) {
        Ok(p)
    } else {
        Err(AppError::NotFound("teknikcoachen"))
    }
}

/// Changes a profile (the coach, or those who appoint in its organisation).
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    id: &str,
    input: ProfileInput,
) -> Result<profile::Model, AppError> {
    // Visitors are asked to sign in before anything is looked up.
    if matches!(by.actor, Actor::Anonymous) {
        return Err(AppError::Unauthorized);
    }
    let p = find_for(state, &by.actor, id).await?;
    if !may_edit(&by.actor, &p) {
        return Err(refused(&by.actor, "coaches-error-edit-refused"));
    }
    let resolved = resolve(state, &input, Vec::new()).await?;
    let mut unit = Unit::begin(state, by).await?;
    let profile_id = p.id;
    let mut active = p.into_active_model();
    active.workplace = Set(resolved.workplace.clone());
    active.hours_per_year = Set(resolved.hours_per_year);
    active.contact = Set(resolved.contact.clone());
    active.introduction_md = Set(resolved.introduction_md.clone());
    active.introduction_html = Set(resolved.introduction_html.clone());
    active.updated_at = Set(unit.now());
    let saved = active.update(unit.db()).await?;
    save_links(unit.db(), profile_id, &resolved).await?;
    unit.audit(
        "coach.edit",
        format!("coach:{profile_id}"),
        saved.workplace.clone(),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Ends an appointment (those who appoint in the profile's organisation): the profile is kept,
/// inactive, and a coach goes back to being a plain member. Ending an ended one does nothing.
#[tracing::instrument(skip_all)]
pub async fn end(state: &AppState, by: &By, id: &str) -> Result<profile::Model, AppError> {
    if matches!(by.actor, Actor::Anonymous) {
        return Err(AppError::Unauthorized);
    }
    let p = find(state, id).await?;
    if !may_administer(&by.actor, &p) {
        if !p.active {
            return Err(AppError::NotFound("teknikcoachen"));
        }
        return Err(refused(&by.actor, "coaches-error-end-refused"));
    }
    if !p.active {
        return Ok(p);
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    if let Some(u) = crate::auth::users::get(unit.db(), p.user_id).await? {
        let role = Role::parse(&u.role).unwrap_or(Role::Member);
        crate::auth::users::set_role_in(
            &mut unit,
            u,
            crate::auth::policy::role_when_appointment_ends(role),
        )
        .await?;
    }
    let profile_id = p.id;
    let mut active = p.into_active_model();
    active.active = Set(false);
    active.ended_at = Set(Some(now));
    active.updated_at = Set(now);
    let saved = active.update(unit.db()).await?;
    unit.audit("coach.end", format!("coach:{profile_id}"), "");
    unit.commit().await?;
    Ok(saved)
}

/// A catalogue technology as a coach's profile names it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KnownTechnology {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// A coach as the directory, the profile page and the API show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoachView {
    pub id: Uuid,
    pub url: String,
    pub name: String,
    pub organisation: Option<OrganisationRef>,
    /// The organisation's county.
    pub county: String,
    pub workplace: String,
    pub hours_per_year: i32,
    pub categories: Vec<CategoryRef>,
    pub technologies: Vec<KnownTechnology>,
    /// How to reach the coach: only for signed-in readers (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    pub introduction_markdown: String,
    pub introduction_html: String,
    pub active: bool,
    pub appointed_at: DateTime<Utc>,
}

pub fn url_of(id: Uuid) -> String {
    format!("/teknikcoacher/{id}")
}

/// The views of `profiles`, in the order given, as `actor` sees them.
async fn views_of(
    state: &AppState,
    actor: &Actor,
    profiles: Vec<profile::Model>,
) -> Result<Vec<CoachView>, AppError> {
    let catalog = state.catalog.get();
    let ids: Vec<Uuid> = profiles.iter().map(|p| p.id).collect();
    let user_ids: Vec<Uuid> = profiles.iter().map(|p| p.user_id).collect();
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut categories: HashMap<Uuid, Vec<CategoryRef>> = HashMap::new();
    for link in category_link::Entity::find()
        .filter(category_link::Column::ProfileId.is_in(ids.clone()))
        .all(&state.db)
        .await?
    {
        if let Some(c) = catalog.category_by_id(link.category_id) {
            categories
                .entry(link.profile_id)
                .or_default()
                .push(CategoryRef::from(c));
        }
    }
    let links = technology_link::Entity::find()
        .filter(technology_link::Column::ProfileId.is_in(ids))
        .all(&state.db)
        .await?;
    let technology_ids: Vec<Uuid> = links.iter().map(|l| l.technology_id).collect();
    let entries: HashMap<Uuid, crate::technologies::entity::Model> =
        crate::technologies::entity::Entity::find()
            .filter(crate::technologies::entity::Column::Id.is_in(technology_ids))
            .filter(crate::technologies::in_catalogue())
            .all(&state.db)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
    let mut technologies: HashMap<Uuid, Vec<KnownTechnology>> = HashMap::new();
    for link in links {
        if let Some(t) = entries.get(&link.technology_id) {
            technologies
                .entry(link.profile_id)
                .or_default()
                .push(KnownTechnology {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                    url: crate::technologies::url(t),
                });
        }
    }
    let contacts = can(actor, Action::Read, &Resource::Contacts);
    Ok(profiles
        .into_iter()
        .map(|p| {
            let organisation = catalog.organisation_by_id(p.organisation_id);
            let mut cats = categories.remove(&p.id).unwrap_or_default();
            cats.sort_by(|a, b| a.name.cmp(&b.name));
            let mut techs = technologies.remove(&p.id).unwrap_or_default();
            techs.sort_by(|a, b| a.name.cmp(&b.name));
            CoachView {
                id: p.id,
                url: url_of(p.id),
                name: names.get(&p.user_id).cloned().unwrap_or_default(),
                county: organisation
                    .map(|o| o.county_name.clone())
                    .unwrap_or_default(),
                organisation: organisation.map(OrganisationRef::from),
                workplace: p.workplace,
                hours_per_year: p.hours_per_year,
                categories: cats,
                technologies: techs,
                contact: contacts.then_some(p.contact),
                introduction_markdown: p.introduction_md,
                introduction_html: p.introduction_html,
                active: p.active,
                appointed_at: p.appointed_at,
            }
        })
        .collect())
}

/// One coach as `actor` sees them.
pub async fn show(state: &AppState, actor: &Actor, id: &str) -> Result<CoachView, AppError> {
    let p = find_for(state, actor, id).await?;
    views_of(state, actor, vec![p])
        .await?
        .pop()
        .ok_or(AppError::NotFound("teknikcoachen"))
}

/// The directory's filters and page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoachFilter {
    /// County code ("04").
    #[serde(default)]
    pub county: Option<String>,
    /// Organisation: SCB code or name.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    /// Catalogue technology slug or UUID.
    #[serde(default)]
    pub technology: Option<String>,
    /// 1-based.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000)]
    pub page: Option<usize>,
}

/// Coaches on one page of the directory.
pub const PER_PAGE: usize = 20;

/// A page of the directory, by name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoachList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub coaches: Vec<CoachView>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// One page of the active coaches matching `filter`, by name: filtered, counted and paged in
/// the database.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &CoachFilter,
) -> Result<CoachList, AppError> {
    let catalog = state.catalog.get();
    let page = crate::web::page_number(filter.page)?;
    let mut issues = Vec::new();
    let mut query = profile::Entity::find()
        .join(JoinType::InnerJoin, profile::Relation::User.def())
        .filter(profile::Column::Active.eq(true))
        .filter(user::Column::Disabled.eq(false));
    if let Some(county) = given(&filter.county) {
        let ids: Vec<Uuid> = catalog
            .organisations
            .iter()
            .filter(|o| o.county_code == county)
            .map(|o| o.id)
            .collect();
        if ids.is_empty() {
            issues.push(FieldIssue::new(
                "county",
                crate::web::i18n::t_with(
                    "coaches-error-unknown-county",
                    "name",
                    &crate::privacy::quoted(county),
                ),
            ));
        }
        query = query.filter(profile::Column::OrganisationId.is_in(ids));
    }
    if let Some(named) = given(&filter.organisation)
        && let Some(o) = catalog.organisation_named(named, "organisation", &mut issues)
    {
        query = query.filter(profile::Column::OrganisationId.eq(o.id));
    }
    if let Some(named) = given(&filter.category) {
        match catalog.find_category(named) {
            Some(c) => {
                query = query.filter(
                    profile::Column::Id.in_subquery(
                        Query::select()
                            .column(category_link::Column::ProfileId)
                            .from(category_link::Entity)
                            .and_where(category_link::Column::CategoryId.eq(c.id))
                            .to_owned(),
                    ),
                );
            }
            None => issues.push(FieldIssue::new(
                "category",
                crate::web::i18n::t_with(
                    "coaches-error-unknown-category",
                    "name",
                    &crate::privacy::quoted(named),
                ),
            )),
        }
    }
    if let Some(named) = given(&filter.technology) {
        match crate::technologies::find(state, named).await {
            Ok(t) => {
                query = query.filter(
                    profile::Column::Id.in_subquery(
                        Query::select()
                            .column(technology_link::Column::ProfileId)
                            .from(technology_link::Entity)
                            .and_where(technology_link::Column::TechnologyId.eq(t.id))
                            .to_owned(),
                    ),
                );
            }
            Err(AppError::NotFound(_)) => issues.push(FieldIssue::new(
                "technology",
                crate::web::i18n::t_with(
                    "coaches-error-unknown-technology",
                    "name",
                    &crate::privacy::quoted(named),
                ),
            )),
            Err(other) => return Err(other),
        }
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let query = query
        .order_by_asc(user::Column::Name)
        .order_by_asc(profile::Column::Id);
    let (profiles, total) =
        crate::db::page_of(&state.db, query, page as u64, PER_PAGE as u64).await?;
    Ok(CoachList {
        total: total as usize,
        page,
        per_page: PER_PAGE,
        coaches: views_of(state, actor, profiles).await?,
    })
}

/// The active coaches of one organisation and the hours a year they have set aside.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NetworkRow {
    pub organisation: Option<OrganisationRef>,
    pub coaches: u64,
    pub hours_per_year: i64,
}

/// The active coaches per organisation, counted and summed in the database, by organisation
/// name.
pub async fn network<C: ConnectionTrait>(
    db: &C,
    catalog: &crate::catalog::CatalogData,
) -> Result<Vec<NetworkRow>, AppError> {
    let rows: Vec<(Uuid, i64, Option<i64>)> = profile::Entity::find()
        .select_only()
        .column(profile::Column::OrganisationId)
        .column_as(
            Expr::from(Func::cast_as(
                Func::count(Expr::col((profile::Entity, profile::Column::Id))),
                Alias::new("bigint"),
            )),
            "coaches",
        )
        .column_as(
            Expr::from(Func::cast_as(
                Func::sum(Expr::col((profile::Entity, profile::Column::HoursPerYear))),
                Alias::new("bigint"),
            )),
            "hours",
        )
        .join(JoinType::InnerJoin, profile::Relation::User.def())
        .filter(profile::Column::Active.eq(true))
        .filter(user::Column::Disabled.eq(false))
        .group_by(profile::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: Vec<NetworkRow> = rows
        .into_iter()
        .map(|(organisation_id, coaches, hours)| NetworkRow {
            organisation: catalog
                .organisation_by_id(organisation_id)
                .map(OrganisationRef::from),
            coaches: coaches.max(0) as u64,
            hours_per_year: hours.unwrap_or(0),
        })
        .collect();
    out.sort_by(|a, b| {
        let name = |r: &NetworkRow| r.organisation.as_ref().map(|o| o.name.clone());
        name(a).cmp(&name(b))
    });
    Ok(out)
}

/// The active coach profile of user `user_id`, if they are an appointed coach: their field
/// reports reach those who follow them.
pub async fn active_profile_of<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(profile::Entity::find()
        .filter(profile::Column::UserId.eq(user_id))
        .filter(profile::Column::Active.eq(true))
        .one(db)
        .await?
        .map(|p| p.id))
}

/// The name and page of the active coach `id` (for followers).
pub async fn label_of(state: &AppState, id: Uuid) -> Result<Option<(String, String)>, AppError> {
    let Some(p) = profile::Entity::find_by_id(id)
        .filter(profile::Column::Active.eq(true))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let name = crate::auth::users::get(&state.db, p.user_id)
        .await?
        .filter(|u| !u.disabled)
        .map(|u| u.name);
    Ok(name.map(|n| (n, url_of(p.id))))
}

/// The users of `organisation_id` who may be appointed, by name, as (address, name): for the
/// appointing form's list.
pub async fn candidates(
    state: &AppState,
    organisation_id: Uuid,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::Email.is_not_null())
        .order_by_asc(user::Column::Name)
        .limit(500)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|u| u.email.map(|e| (e, u.name)))
        .collect())
}
