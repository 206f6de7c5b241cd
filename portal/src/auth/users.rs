//! Users: found or made at sign-in, given roles by node administrators, disabled when they
//! leave. A user belongs to exactly one organisation.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::entity::{email_domain, user, workspace_user};
use super::{Role, session};
use crate::audit::By;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::i18n::Lang;

/// The workspaces a user belongs to: those of their organisation and those they were added
/// to in person. Asked once per request, when the actor is built.
pub async fn workspaces_of<C: ConnectionTrait>(
    db: &C,
    catalog: &crate::catalog::CatalogData,
    user_id: Uuid,
    organisation_id: Uuid,
) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    let mut workspaces: Vec<Uuid> = catalog
        .workspaces_of(organisation_id)
        .map(|w| w.id)
        .collect();
    for row in workspace_user::Entity::find()
        .filter(workspace_user::Column::UserId.eq(user_id))
        .all(db)
        .await?
    {
        if !workspaces.contains(&row.workspace_id) {
            workspaces.push(row.workspace_id);
        }
    }
    Ok(workspaces)
}

/// Lower-cases and trims an address; refuses what is not one.
pub fn normalise_email(raw: &str) -> Result<String, AppError> {
    use validator::ValidateEmail;
    let email = raw.trim().to_lowercase();
    if email.is_empty() || !email.validate_email() {
        return Err(AppError::invalid(
            "email",
            &crate::web::i18n::t("sign-in-not-an-address"),
        ));
    }
    let mut issues = Vec::new();
    crate::privacy::check_fields(&[("email", &email)], &mut issues);
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    Ok(email)
}

pub fn domain_of(email: &str) -> &str {
    email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
}

/// The organisation whose registered e-mail domains include this address's domain.
pub async fn organisation_for_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<Uuid>, AppError> {
    Ok(
        email_domain::Entity::find_by_id(domain_of(email).to_owned())
            .one(db)
            .await?
            .map(|d| d.organisation_id),
    )
}

pub async fn by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

fn name_from_email(email: &str) -> String {
    email
        .split('@')
        .next()
        .unwrap_or(email)
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new user with the role `member`.
async fn insert<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    email: Option<String>,
    name: String,
    organisation_id: Uuid,
    oidc: Option<(String, String)>,
) -> Result<user::Model, AppError> {
    let (issuer, subject) = oidc.unzip();
    Ok(user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        name: Set(name),
        organisation_id: Set(organisation_id),
        role: Set(Role::Member.as_str().to_owned()),
        oidc_issuer: Set(issuer),
        oidc_subject: Set(subject),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        last_sign_in_at: Set(None),
        notify_by_email: Set(true),
        language: Set(None),
    }
    .insert(db)
    .await?)
}

/// The user signing in with a confirmed address, made on first sign-in. `organisation_id` owns
/// the address's domain; an account of another organisation that holds the address (made
/// before domains were checked) is never entered this way.
pub async fn for_confirmed_email<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    email: &str,
    organisation_id: Uuid,
) -> Result<user::Model, AppError> {
    match by_email(db, email).await? {
        Some(found) if found.organisation_id == organisation_id => Ok(found),
        Some(_) => Err(AppError::Forbidden(
            "auth-error-account-other-organisation".to_owned(),
        )),
        None => {
            insert(
                db,
                now,
                Some(email.to_owned()),
                name_from_email(email),
                organisation_id,
                None,
            )
            .await
        }
    }
}

/// The user behind an identity provider's (issuer, subject), made on first sign-in as a
/// member of the organisation they came through.
pub async fn for_provider_identity<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    issuer: &str,
    subject: &str,
    email: Option<String>,
    name: Option<String>,
    organisation_id: Uuid,
) -> Result<user::Model, AppError> {
    let found = user::Entity::find()
        .filter(user::Column::OidcIssuer.eq(issuer))
        .filter(user::Column::OidcSubject.eq(subject))
        .one(db)
        .await?;
    if let Some(found) = found {
        return Ok(found);
    }
    // An address is kept only when its domain is registered for the provider's organisation:
    // one organisation's provider cannot vouch for another's addresses. The address may also
    // belong to someone already (e.g. an earlier e-mail sign-in); then the new identity is not
    // stored with it, so an identity provider cannot take over that account.
    let email = match email.map(|e| e.trim().to_lowercase()) {
        Some(e)
            if organisation_for_email(db, &e).await? == Some(organisation_id)
                && by_email(db, &e).await?.is_none() =>
        {
            Some(e)
        }
        _ => None,
    };
    // A provider may name people, or identify them, by their personal identity number: such
    // a name or subject is never shown or stored as a display name.
    let usable =
        |n: &String| !n.trim().is_empty() && !crate::privacy::contains_personal_identity_number(n);
    let name = name
        .filter(usable)
        .or_else(|| email.as_deref().map(name_from_email))
        .or_else(|| Some(subject.to_owned()).filter(usable))
        .unwrap_or_else(|| "Användare".to_owned());
    insert(
        db,
        now,
        email,
        name,
        organisation_id,
        Some((issuer.to_owned(), subject.to_owned())),
    )
    .await
}

/// Notes a completed sign-in.
pub async fn signed_in<C: ConnectionTrait>(
    db: &C,
    user: &user::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::LastSignInAt, Some(now).into())
        .filter(user::Column::Id.eq(user.id))
        .exec(db)
        .await?;
    Ok(())
}

/// `noden users add-admin`: makes (or promotes) a node administrator. The organisation is
/// the one owning the address's domain, or `organisation_id`, whose domains then gain it.
pub async fn add_admin(
    state: &AppState,
    email: &str,
    organisation_id: Option<Uuid>,
) -> Result<user::Model, AppError> {
    let email = normalise_email(email)?;
    let by = By::command("noden users add-admin");
    let mut unit = Unit::begin(state, &by).await?;
    let now = unit.now();
    let organisation_id = match (
        organisation_for_email(unit.db(), &email).await?,
        organisation_id,
    ) {
        (Some(owner), Some(given)) if owner != given => {
            return Err(AppError::invalid(
                "organisation",
                "auth-error-domain-other-organisation",
            ));
        }
        (Some(owner), _) => owner,
        (None, Some(given)) => {
            crate::auth::domains::add(&mut unit, given, domain_of(&email)).await?;
            given
        }
        (None, None) => {
            return Err(AppError::invalid(
                "organisation",
                "auth-error-domain-no-organisation",
            ));
        }
    };
    let user = for_confirmed_email(unit.db(), now, &email, organisation_id).await?;
    let mut active = user.into_active_model();
    active.role = Set(Role::NodeAdmin.as_str().to_owned());
    active.disabled = Set(false);
    active.updated_at = Set(now);
    let user = active.update(unit.db()).await?;
    unit.audit(
        "user.role",
        format!("user:{}", user.id),
        format!("{email} → node_admin"),
    );
    unit.commit().await?;
    Ok(user)
}

/// A user as listed on the administration page.
#[derive(Debug, Clone)]
pub struct Listed {
    pub user: user::Model,
    pub role: Role,
    pub organisation: String,
}

pub async fn list(state: &AppState, query: &str) -> Result<Vec<Listed>, AppError> {
    let mut select = user::Entity::find().order_by_asc(user::Column::Name);
    let query = query.trim();
    if !query.is_empty() {
        select = select.filter(
            sea_orm::Condition::any()
                .add(user::Column::Name.contains(query))
                .add(user::Column::Email.contains(query.to_lowercase())),
        );
    }
    let catalog = state.catalog.get();
    Ok(select
        .all(&state.db)
        .await?
        .into_iter()
        .map(|user| Listed {
            role: Role::parse(&user.role).unwrap_or(Role::Member),
            organisation: catalog
                .organisation_by_id(user.organisation_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            user,
        })
        .collect())
}

/// Gives the user with this address a role (`noden users set-role`), keeping whether they
/// may sign in.
pub async fn set_role(
    state: &AppState,
    by: &By,
    email: &str,
    role: Role,
) -> Result<user::Model, AppError> {
    let email = normalise_email(email)?;
    let user = by_email(&state.db, &email)
        .await?
        .ok_or(AppError::NotFound("användaren"))?;
    update_access(state, by, user.id, role, user.disabled).await
}

/// Gives `user` the role `role` inside a unit of work another service runs (appointing a
/// technology coach), auditing the change; nothing happens when they have it already.
pub async fn set_role_in(
    unit: &mut Unit,
    user: user::Model,
    role: Role,
) -> Result<user::Model, AppError> {
    if Role::parse(&user.role) == Some(role) {
        return Ok(user);
    }
    let now = unit.now();
    let mut active = user.into_active_model();
    active.role = Set(role.as_str().to_owned());
    active.updated_at = Set(now);
    let user = active.update(unit.db()).await?;
    let label = user.email.clone().unwrap_or_else(|| user.name.clone());
    unit.audit(
        "user.role",
        format!("user:{}", user.id),
        format!("{label} → {}", role.as_str()),
    );
    Ok(user)
}

/// Changes a user's role and whether they may sign in; disabling ends their sessions.
pub async fn update_access(
    state: &AppState,
    by: &By,
    user_id: Uuid,
    role: Role,
    disabled: bool,
) -> Result<user::Model, AppError> {
    let now = state.clock.now();
    let mut unit = Unit::begin(state, by).await?;
    let user = get(unit.db(), user_id)
        .await?
        .ok_or(AppError::NotFound("användaren"))?;
    let before = (Role::parse(&user.role), user.disabled);
    let mut active = user.into_active_model();
    active.role = Set(role.as_str().to_owned());
    active.disabled = Set(disabled);
    active.updated_at = Set(now);
    let user = active.update(unit.db()).await?;
    let target = format!("user:{}", user.id);
    let label = user.email.clone().unwrap_or_else(|| user.name.clone());
    if before.0 != Some(role) {
        unit.audit(
            "user.role",
            target.clone(),
            format!("{label} → {}", role.as_str()),
        );
    }
    if before.1 != disabled {
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        unit.audit(action, target, label);
    }
    if disabled {
        session::end_all_for(unit.db(), user.id).await?;
    }
    unit.commit().await?;
    Ok(user)
}

/// Ends every session of a user (an administrator's action).
pub async fn end_sessions(state: &AppState, by: &By, user_id: Uuid) -> Result<u64, AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let ended = session::end_all_for(unit.db(), user_id).await?;
    unit.audit(
        "user.sessions_end",
        format!("user:{user_id}"),
        if ended == 1 {
            "1 session".to_owned()
        } else {
            format!("{ended} sessioner")
        },
    );
    unit.commit().await?;
    Ok(ended)
}

/// The active users of `organisations` who take e-mail notices, leaving out
/// `except` (the one who acted).
pub async fn to_notify_in<C: ConnectionTrait>(
    db: &C,
    organisations: &[Uuid],
    except: Option<Uuid>,
) -> Result<Vec<Recipient>, AppError> {
    let mut query =
        notified().filter(user::Column::OrganisationId.is_in(organisations.iter().copied()));
    if let Some(except) = except {
        query = query.filter(user::Column::Id.ne(except));
    }
    addresses(db, query).await
}

/// Those of `users` who are active and take e-mail notices.
pub async fn to_notify_users<C: ConnectionTrait>(
    db: &C,
    users: &[Uuid],
) -> Result<Vec<Recipient>, AppError> {
    addresses(
        db,
        notified().filter(user::Column::Id.is_in(users.iter().copied())),
    )
    .await
}

/// Node staff (as the policy names their roles) who take e-mail notices,
/// leaving out `except` (the one who acted).
pub async fn to_notify_staff<C: ConnectionTrait>(
    db: &C,
    except: Option<Uuid>,
) -> Result<Vec<Recipient>, AppError> {
    let roles = super::policy::staff_roles();
    let mut query = notified().filter(user::Column::Role.is_in(roles.iter().map(|r| r.as_str())));
    if let Some(except) = except {
        query = query.filter(user::Column::Id.ne(except));
    }
    addresses(db, query).await
}

/// Who answers for an item being current (see `freshness`): its owner in person, when that
/// user is active and takes e-mail; else those of its organisation the policy names
/// ([`super::policy::organisation_answering_roles`]); else, for an item of no organisation
/// or an organisation without them, node staff.
pub async fn answering_for<C: ConnectionTrait>(
    db: &C,
    owner: Option<Uuid>,
    organisation_id: Option<Uuid>,
) -> Result<Vec<user::Model>, AppError> {
    if let Some(owner) = owner {
        let found = notified()
            .filter(user::Column::Id.eq(owner))
            .all(db)
            .await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    if let Some(organisation_id) = organisation_id {
        let roles = super::policy::organisation_answering_roles();
        let found = notified()
            .filter(user::Column::OrganisationId.eq(organisation_id))
            .filter(user::Column::Role.is_in(roles.iter().map(|r| r.as_str())))
            .order_by_asc(user::Column::Email)
            .all(db)
            .await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let staff = super::policy::staff_roles();
    Ok(notified()
        .filter(user::Column::Role.is_in(staff.iter().map(|r| r.as_str())))
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?)
}

fn notified() -> sea_orm::Select<user::Entity> {
    user::Entity::find()
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::NotifyByEmail.eq(true))
        .filter(user::Column::Email.is_not_null())
}

/// Someone told of a change by e-mail: where the mail goes and the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub email: String,
    pub lang: Lang,
}

async fn addresses<C: ConnectionTrait>(
    db: &C,
    query: sea_orm::Select<user::Entity>,
) -> Result<Vec<Recipient>, AppError> {
    Ok(query
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| {
            let lang = Lang::of_setting(u.language.as_deref());
            u.email.map(|email| Recipient { email, lang })
        })
        .collect())
}

/// Turns the user's e-mail notices on or off.
pub async fn set_notices(state: &AppState, user_id: Uuid, on: bool) -> Result<(), AppError> {
    let by = By::visitor(&format!("user:{user_id}"), None);
    let unit = Unit::begin(state, &by).await?;
    let Some(found) = user::Entity::find_by_id(user_id).one(unit.db()).await? else {
        return Err(AppError::NotFound("användaren"));
    };
    let mut active: user::ActiveModel = found.into();
    active.notify_by_email = Set(on);
    active.updated_at = Set(state.clock.now());
    active.update(unit.db()).await?;
    unit.commit().await?;
    Ok(())
}

/// Sets the language the user reads Noden in (none: their browser's), audited.
pub async fn set_language(
    state: &AppState,
    by: &By,
    user_id: Uuid,
    lang: Option<crate::web::i18n::Lang>,
) -> Result<(), AppError> {
    let mut unit = Unit::begin(state, by).await?;
    let Some(found) = user::Entity::find_by_id(user_id).one(unit.db()).await? else {
        return Err(AppError::NotFound("användaren"));
    };
    let code = lang.map(|l| l.code().to_owned());
    let mut active: user::ActiveModel = found.into();
    active.language = Set(code.clone());
    active.updated_at = Set(unit.now());
    active.update(unit.db()).await?;
    unit.audit(
        "user.language",
        format!("user:{user_id}"),
        code.unwrap_or_else(|| "browser".to_owned()),
    );
    unit.commit().await
}

/// The longest display name kept.
pub const NAME_MAX_CHARS: usize = 80;

/// Sets the name the user is shown by (in the header, the journal, revisions). Blank names,
/// names over [`NAME_MAX_CHARS`] and anything that looks like a personal identity number are
/// refused at the field `name`.
pub async fn set_name(
    state: &AppState,
    by: &By,
    user_id: Uuid,
    name: &str,
) -> Result<user::Model, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut issues = Vec::new();
    crate::error::require_text(&name, "name", "auth-error-name-missing", &mut issues);
    if name.chars().count() > NAME_MAX_CHARS {
        issues.push(crate::error::FieldIssue::new(
            "name",
            crate::web::i18n::t_with(
                "auth-error-name-too-long",
                "max",
                &NAME_MAX_CHARS.to_string(),
            ),
        ));
    }
    if crate::privacy::contains_personal_identity_number(&name) {
        issues.push(crate::error::FieldIssue::new(
            "name",
            "auth-error-name-personal-identity-number",
        ));
    }
    if !issues.is_empty() {
        return Err(AppError::Invalid(issues));
    }
    let mut unit = Unit::begin(state, by).await?;
    let Some(found) = user::Entity::find_by_id(user_id).one(unit.db()).await? else {
        return Err(AppError::NotFound("användaren"));
    };
    let before = found.name.clone();
    let mut active: user::ActiveModel = found.into();
    active.name = Set(name.clone());
    active.updated_at = Set(unit.now());
    let saved = active.update(unit.db()).await?;
    unit.audit(
        "user.rename",
        user_id.to_string(),
        format!("{before} → {name}"),
    );
    unit.commit().await?;
    Ok(saved)
}
