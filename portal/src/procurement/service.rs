//! Writing a procurement: starting and changing it, its member organisations and users,
//! invitations, and its milestones. Every write runs on one unit of work.

use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use super::entity::{self, invitation, member, milestone, organisation};
use super::{INVITATION_DAYS, OrganisationRole, PROCUREMENT, Phase, Standing};
use crate::audit::By;
use crate::auth::entity::workspace_user;
use crate::auth::{Action, Actor, Resource, can};
use crate::changes::Op;
use crate::error::{AppError, FieldIssue};
use crate::mail::notices::Notice;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::i18n::{self, Lang};
use crate::web::markdown;

/// What a client sends to start a procurement or change one.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcurementInput {
    #[validate(length(min = 1, max = 200, message = "procurement-error-title-length"))]
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// What is procured and why, in Markdown.
    #[serde(default)]
    #[validate(length(max = 20000, message = "procurement-error-description-length"))]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Category slug or name.
    #[serde(default)]
    pub category: Option<String>,
    /// The technology's entry in the catalogue (slug or id).
    #[serde(default)]
    pub technology: Option<String>,
    /// SCB code of the lead organisation (upphandlande myndighet); default the writer's own.
    /// It cannot be changed afterwards.
    #[serde(default)]
    pub lead_organisation: Option<String>,
    /// The procurement officer (upphandlare).
    #[serde(default)]
    #[validate(length(max = 200, message = "procurement-error-max-200-chars"))]
    #[schema(max_length = 200)]
    pub officer: String,
    /// The phase the procurement is in (default behovsanalys).
    #[serde(default)]
    #[schema(schema_with = Phase::optional_field_schema)]
    pub phase: Option<String>,
}

/// A procurement's fields as checked for saving.
struct Checked {
    title: String,
    description_html: String,
    category_id: Option<Uuid>,
    technology_id: Option<Uuid>,
    lead: Uuid,
    officer: String,
    phase: Phase,
}

/// Checks what a writer sends (`current`: the procurement as it is, when changing it).
async fn check(
    state: &AppState,
    by: &By,
    input: &ProcurementInput,
    current: Option<&entity::Model>,
) -> Result<Checked, AppError> {
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let named = input
        .lead_organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let lead = match current {
        Some(p) => {
            if let Some(named) = named {
                let found = catalog.organisation_named(named, "lead_organisation", &mut issues);
                if found.is_some_and(|o| o.id != p.lead_organisation_id) {
                    issues.push(FieldIssue::new(
                        "lead_organisation",
                        "procurement-error-lead-unchangeable",
                    ));
                }
            }
            Some(p.lead_organisation_id)
        }
        None => crate::catalog::organisation_field(
            &by.actor,
            named,
            &catalog,
            "lead_organisation",
            &mut issues,
        ),
    };
    let (Some(lead), true) = (lead, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    if current.is_none()
        && !can(
            &by.actor,
            Action::Create,
            &Resource::Procurement {
                workspace: None,
                lead,
                standing: None,
            },
        )
    {
        return Err(AppError::Forbidden(
            "procurement-error-start-own-organisation".to_owned(),
        ));
    }
    let mut issues = crate::error::issues_of(input);
    let title = input.title.trim().to_owned();
    crate::error::require_text(
        &title,
        "title",
        "procurement-error-title-missing",
        &mut issues,
    );
    let officer = input.officer.trim().to_owned();
    let category_id =
        crate::catalog::category_field(input.category.as_deref(), &catalog, &mut issues);
    let technology_id = match input
        .technology
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => None,
        Some(named) => match crate::technologies::find(state, named).await {
            Ok(entry) => Some(entry.id),
            Err(_) => {
                issues.push(FieldIssue::new(
                    "technology",
                    crate::web::i18n::t_with(
                        "procurement-error-unknown-technology",
                        "name",
                        &crate::privacy::quoted(named),
                    ),
                ));
                None
            }
        },
    };
    let phase = match input.phase.as_deref() {
        Some(p) if !p.trim().is_empty() => Phase::from_field(Some(p), "phase", &mut issues),
        _ => Some(
            current
                .and_then(|p| Phase::parse(&p.phase))
                .unwrap_or(Phase::Behovsanalys),
        ),
    };
    crate::privacy::check_fields(
        &[
            ("title", &title),
            ("description", &input.description),
            ("officer", &officer),
        ],
        &mut issues,
    );
    let (Some(phase), true) = (phase, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let description_html = markdown::render_field("description", input.description.clone())
        .await?
        .into_string();
    Ok(Checked {
        title,
        description_html,
        category_id,
        technology_id,
        lead,
        officer,
        phase,
    })
}

/// Starts a procurement (coordinators for their own organisation, node staff for any): its
/// workspace, the lead organisation, the writer as its first lead, and a milestone per phase.
#[tracing::instrument(skip_all)]
pub async fn create(
    state: &AppState,
    by: &By,
    input: ProcurementInput,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let checked = check(state, by, &input, None).await?;
    let id = Uuid::now_v7();
    let workspace_id = Uuid::now_v7();
    let slug = crate::web::slug_with_tail(&checked.title, id);
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let today = crate::web::stockholm_date(now);
    let txn = unit.db();
    crate::catalog::workspace::ActiveModel {
        id: Set(workspace_id),
        slug: Set(format!("upphandling-{slug}")),
        name: Set(format!("Upphandling: {}", checked.title)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    let procurement = entity::ActiveModel {
        id: Set(id),
        slug: Set(slug),
        title: Set(checked.title),
        description_md: Set(input.description),
        description_html: Set(checked.description_html),
        category_id: Set(checked.category_id),
        technology_id: Set(checked.technology_id),
        lead_organisation_id: Set(checked.lead),
        officer: Set(checked.officer),
        phase: Set(checked.phase.as_str().to_owned()),
        workspace_id: Set(workspace_id),
        created_by: Set(by.actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    organisation::ActiveModel {
        procurement_id: Set(id),
        organisation_id: Set(checked.lead),
        role: Set(OrganisationRole::Lead.as_str().to_owned()),
        added_at: Set(now),
    }
    .insert(txn)
    .await?;
    if let Some(me) = by.actor.member() {
        join(
            txn,
            &procurement,
            me.user_id,
            me.organisation_id,
            Standing::Lead,
            now,
        )
        .await?;
    }
    milestone::Entity::insert_many(Phase::ALL.iter().map(|&phase| milestone::ActiveModel {
        id: Set(Uuid::now_v7()),
        procurement_id: Set(id),
        phase: Set(phase.as_str().to_owned()),
        position: Set(phase.position()),
        planned_on: Set(None),
        // The phase it starts in is reached today; the earlier ones count as reached.
        actual_on: Set((phase == checked.phase).then_some(today)),
        overdue_mailed_at: Set(None),
    }))
    .exec(txn)
    .await?;
    unit.changed(PROCUREMENT, id, Op::Upsert);
    unit.changed(crate::catalog::WORKSPACE, workspace_id, Op::Upsert);
    unit.audit(
        "procurement.create",
        format!("procurement:{id}"),
        procurement.title.clone(),
    );
    unit.commit().await?;
    state.catalog.reload(&state.db).await?;
    Ok(procurement)
}

/// Makes `user_id` a member in person with `standing`: their role here and their access.
async fn join<C: sea_orm::ConnectionTrait>(
    txn: &C,
    procurement: &entity::Model,
    user_id: Uuid,
    organisation_id: Uuid,
    standing: Standing,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    match member::Entity::find_by_id((procurement.id, user_id))
        .one(txn)
        .await?
    {
        Some(existing) => {
            let mut active: member::ActiveModel = existing.into();
            active.role = Set(standing.as_str().to_owned());
            active.update(txn).await?;
        }
        None => {
            member::ActiveModel {
                procurement_id: Set(procurement.id),
                user_id: Set(user_id),
                organisation_id: Set(organisation_id),
                role: Set(standing.as_str().to_owned()),
                added_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
    }
    if workspace_user::Entity::find_by_id((procurement.workspace_id, user_id))
        .one(txn)
        .await?
        .is_none()
    {
        workspace_user::ActiveModel {
            workspace_id: Set(procurement.workspace_id),
            user_id: Set(user_id),
            added_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Ends the membership of `users`: their role here and their access, at once.
async fn leave<C: sea_orm::ConnectionTrait>(
    txn: &C,
    procurement: &entity::Model,
    users: &[Uuid],
) -> Result<(), AppError> {
    if users.is_empty() {
        return Ok(());
    }
    member::Entity::delete_many()
        .filter(member::Column::ProcurementId.eq(procurement.id))
        .filter(member::Column::UserId.is_in(users.iter().copied()))
        .exec(txn)
        .await?;
    workspace_user::Entity::delete_many()
        .filter(workspace_user::Column::WorkspaceId.eq(procurement.workspace_id))
        .filter(workspace_user::Column::UserId.is_in(users.iter().copied()))
        .exec(txn)
        .await?;
    Ok(())
}

/// The procurement behind `slug_or_id` if `by` may do `action` to it; refused otherwise
/// (404 to those who may not read it).
async fn for_action(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    action: Action,
    refusal: &str,
) -> Result<entity::Model, AppError> {
    if by.actor == Actor::Anonymous {
        return Err(AppError::Unauthorized);
    }
    let opened = super::readable(state, &by.actor, slug_or_id)
        .await?
        .into_inner();
    if !can(&by.actor, action, &opened.resource()) {
        return Err(AppError::Forbidden(refusal.to_owned()));
    }
    Ok(opened.procurement)
}

const LEADS_ONLY: &str = "procurement-error-leads-only";

/// Changes a procurement's facts (its leads). Moving it to a phase records that the phase
/// was reached today, unless a date is already given.
#[tracing::instrument(skip_all)]
pub async fn update(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    input: ProcurementInput,
) -> Result<entity::Model, AppError> {
    let current = for_action(state, by, slug_or_id, Action::Edit, LEADS_ONLY).await?;
    let checked = check(state, by, &input, Some(&current)).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let moved = current.phase != checked.phase.as_str();
    let slug = crate::addresses::retitled(
        &unit,
        PROCUREMENT,
        current.id,
        (&current.title, &current.slug),
        &checked.title,
    )
    .await?;
    let mut active: entity::ActiveModel = current.clone().into();
    active.slug = Set(slug);
    active.title = Set(checked.title);
    active.description_md = Set(input.description);
    active.description_html = Set(checked.description_html);
    active.category_id = Set(checked.category_id);
    active.technology_id = Set(checked.technology_id);
    active.officer = Set(checked.officer);
    active.phase = Set(checked.phase.as_str().to_owned());
    active.updated_at = Set(now);
    let procurement = active.update(unit.db()).await?;
    if moved {
        milestone::Entity::update_many()
            .col_expr(
                milestone::Column::ActualOn,
                Expr::value(crate::web::stockholm_date(now)),
            )
            .filter(milestone::Column::ProcurementId.eq(procurement.id))
            .filter(milestone::Column::Phase.eq(checked.phase.as_str()))
            .filter(milestone::Column::ActualOn.is_null())
            .exec(unit.db())
            .await?;
        unit.audit(
            "procurement.phase",
            format!("procurement:{}", procurement.id),
            format!("{}: {}", procurement.title, checked.phase.label()),
        );
        // What is inside carries the phase as a facet.
        for (kind, id) in super::search::inner_documents(unit.db(), procurement.id).await? {
            unit.changed(kind, id, Op::Upsert);
        }
    }
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.edit",
        format!("procurement:{}", procurement.id),
        procurement.title.clone(),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Adds a member organisation (participant or observer), or changes its role (its leads).
#[tracing::instrument(skip_all)]
pub async fn add_organisation(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    named: &str,
    role: &str,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let catalog = state.catalog.get();
    let mut issues = Vec::new();
    let found = if named.trim().is_empty() {
        issues.push(FieldIssue::new(
            "organisation",
            "procurement-error-organisation-missing",
        ));
        None
    } else {
        catalog.organisation_named(named, "organisation", &mut issues)
    };
    let role = match OrganisationRole::from_field(Some(role), "role", &mut issues) {
        Some(OrganisationRole::Lead) => {
            issues.push(FieldIssue::new("role", "procurement-error-one-lead"));
            None
        }
        Some(role) => Some(role),
        None if issues.iter().all(|i| i.field != "role") => {
            issues.push(FieldIssue::new("role", "procurement-error-role-missing"));
            None
        }
        None => None,
    };
    if found.is_some_and(|o| o.id == procurement.lead_organisation_id) {
        issues.push(FieldIssue::new(
            "organisation",
            "procurement-error-already-lead",
        ));
    }
    let (Some(found), Some(role), true) = (found, role, issues.is_empty()) else {
        return Err(AppError::Invalid(issues));
    };
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    match organisation::Entity::find_by_id((procurement.id, found.id))
        .one(txn)
        .await?
    {
        Some(existing) => {
            let mut active: organisation::ActiveModel = existing.into();
            active.role = Set(role.as_str().to_owned());
            active.update(txn).await?;
        }
        None => {
            organisation::ActiveModel {
                procurement_id: Set(procurement.id),
                organisation_id: Set(found.id),
                role: Set(role.as_str().to_owned()),
                added_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
    }
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.organisation_add",
        format!("procurement:{}", procurement.id),
        format!("{}: {} ({})", procurement.title, found.name, role.label()),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Removes a member organisation (not the lead): its users leave with it and its open
/// invitations are withdrawn, at once.
#[tracing::instrument(skip_all)]
pub async fn remove_organisation(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    code: &str,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let catalog = state.catalog.get();
    let found = catalog
        .organisation_by_code(code)
        .ok_or(AppError::NotFound("organisationen"))?;
    if found.id == procurement.lead_organisation_id {
        return Err(AppError::Conflict(
            "procurement-error-lead-not-removable".to_owned(),
        ));
    }
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    let removed = organisation::Entity::delete_many()
        .filter(organisation::Column::ProcurementId.eq(procurement.id))
        .filter(organisation::Column::OrganisationId.eq(found.id))
        .exec(txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(AppError::NotFound("organisationen"));
    }
    let users: Vec<Uuid> = member::Entity::find()
        .filter(member::Column::ProcurementId.eq(procurement.id))
        .filter(member::Column::OrganisationId.eq(found.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    leave(txn, &procurement, &users).await?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::WithdrawnAt, Expr::value(now))
        .col_expr(
            invitation::Column::WithdrawnBy,
            Expr::value(by.actor.user_id()),
        )
        .filter(invitation::Column::ProcurementId.eq(procurement.id))
        .filter(invitation::Column::OrganisationId.eq(found.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .exec(txn)
        .await?;
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.organisation_remove",
        format!("procurement:{}", procurement.id),
        format!("{}: {}", procurement.title, found.name),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Invites `email` (an address in a registered domain of a member organisation) with `role`;
/// the link is e-mailed with the change. An earlier open invitation to the same address is
/// withdrawn. Returns the procurement.
#[tracing::instrument(skip_all)]
pub async fn invite(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    email: &str,
    role: &str,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let mut issues = Vec::new();
    let email = match crate::auth::users::normalise_email(email) {
        Ok(email) => Some(email),
        Err(AppError::Invalid(found)) => {
            issues.extend(found);
            None
        }
        Err(other) => return Err(other),
    };
    let standing = Standing::from_field(Some(role), "role", &mut issues);
    if standing.is_none() && issues.iter().all(|i| i.field != "role") {
        issues.push(FieldIssue::new("role", "procurement-error-role-missing"));
    }
    let mut organisation_id = None;
    if let Some(email) = &email {
        let domain_org = crate::auth::users::organisation_for_email(&state.db, email).await?;
        let members = super::organisations_of(&state.db, procurement.id).await?;
        match domain_org.filter(|o| members.iter().any(|m| m.organisation_id == *o)) {
            Some(o) => organisation_id = Some(o),
            None => issues.push(FieldIssue::new(
                "email",
                crate::web::i18n::t_with(
                    "procurement-error-email-domain",
                    "domain",
                    &crate::privacy::quoted(crate::auth::users::domain_of(email)),
                ),
            )),
        }
        if let Some(user) = crate::auth::users::by_email(&state.db, email).await?
            && member::Entity::find_by_id((procurement.id, user.id))
                .one(&state.db)
                .await?
                .is_some()
        {
            issues.push(FieldIssue::new("email", "procurement-error-already-member"));
        }
    }
    let (Some(email), Some(standing), Some(organisation_id), true) =
        (email, standing, organisation_id, issues.is_empty())
    else {
        return Err(AppError::Invalid(issues));
    };
    let token = crate::auth::secret::random_token()?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let txn = unit.db();
    invitation::Entity::update_many()
        .col_expr(invitation::Column::WithdrawnAt, Expr::value(now))
        .col_expr(
            invitation::Column::WithdrawnBy,
            Expr::value(by.actor.user_id()),
        )
        .filter(invitation::Column::ProcurementId.eq(procurement.id))
        .filter(invitation::Column::Email.eq(&email))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .exec(txn)
        .await?;
    let id = Uuid::now_v7();
    invitation::ActiveModel {
        id: Set(id),
        procurement_id: Set(procurement.id),
        email: Set(email.clone()),
        organisation_id: Set(organisation_id),
        role: Set(standing.as_str().to_owned()),
        token_hash: Set(crate::auth::secret::hash(&token)),
        invited_by: Set(by.actor.user_id()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        accepted_at: Set(None),
        accepted_by: Set(None),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
    }
    .insert(txn)
    .await?;
    let settings = state.settings.public_link("/konto");
    // In the invitee's language when they have an account that says it; else Swedish.
    let lang = crate::auth::users::by_email(txn, &email)
        .await?
        .map_or_else(Lang::default, |u| Lang::of_setting(u.language.as_deref()));
    let invitee = crate::auth::users::Recipient {
        email: email.clone(),
        lang,
    };
    unit.notify(&[invitee], || {
        let standing = standing.label().to_lowercase();
        let expires = crate::web::datetime_text(expires_at);
        let args = [
            ("inviter", by.name.as_str()),
            ("title", procurement.title.as_str()),
            ("standing", standing.as_str()),
            ("email", email.as_str()),
            ("expires", expires.as_str()),
        ];
        Notice {
            subject: i18n::t_args("procurement-notice-invitation-subject", &args),
            lines: vec![
                i18n::t_args("procurement-notice-invitation", &args),
                i18n::t_args("procurement-notice-invitation-how", &args),
            ],
            link: state
                .settings
                .public_link(&format!("/upphandlingar/inbjudan/{token}")),
            settings: &settings,
        }
    })?;
    unit.audit(
        "procurement.invite",
        format!("procurement:{}", procurement.id),
        format!("{}: {email} ({})", procurement.title, standing.label()),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Withdraws an open invitation (its leads): its link no longer works.
#[tracing::instrument(skip_all)]
pub async fn withdraw_invitation(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    invitation_id: Uuid,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let found = invitation::Entity::find_by_id(invitation_id)
        .filter(invitation::Column::ProcurementId.eq(procurement.id))
        .one(unit.db())
        .await?
        .ok_or(AppError::NotFound("inbjudan"))?;
    if found.accepted_at.is_some() {
        return Err(AppError::Conflict(
            "procurement-error-invitation-used-remove".to_owned(),
        ));
    }
    if found.withdrawn_at.is_none() {
        let mut active: invitation::ActiveModel = found.clone().into();
        active.withdrawn_at = Set(Some(now));
        active.withdrawn_by = Set(by.actor.user_id());
        active.update(unit.db()).await?;
        unit.audit(
            "procurement.invitation_withdraw",
            format!("procurement:{}", procurement.id),
            format!("{}: {}", procurement.title, found.email),
        );
    }
    unit.commit().await?;
    Ok(procurement)
}

/// The invitation behind an e-mailed token, as the invited see it before accepting: what
/// it is to, or why it can no longer be used.
pub async fn invitation_for(
    state: &AppState,
    token: &str,
) -> Result<(invitation::Model, entity::Model), AppError> {
    let found = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(crate::auth::secret::hash(token.trim())))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("inbjudan"))?;
    usable(&found, state.clock.now())?;
    let procurement = entity::Entity::find_by_id(found.procurement_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("inbjudan"))?;
    Ok((found, procurement))
}

/// Refuses an invitation that was withdrawn, used or has expired, saying which in Swedish.
fn usable(found: &invitation::Model, now: chrono::DateTime<chrono::Utc>) -> Result<(), AppError> {
    if found.withdrawn_at.is_some() {
        return Err(AppError::Conflict(
            "procurement-error-invitation-withdrawn".to_owned(),
        ));
    }
    if found.accepted_at.is_some() {
        return Err(AppError::Conflict(
            "procurement-error-invitation-used".to_owned(),
        ));
    }
    if now >= found.expires_at {
        return Err(AppError::Conflict(crate::web::i18n::t_with(
            "procurement-error-invitation-expired",
            "when",
            &crate::web::datetime_text(found.expires_at),
        )));
    }
    Ok(())
}

/// Accepts an invitation: the signed-in user whose address it was sent to becomes a member
/// with its role. Single-use; refused after expiry or withdrawal.
#[tracing::instrument(skip_all)]
pub async fn accept(state: &AppState, by: &By, token: &str) -> Result<entity::Model, AppError> {
    let Some(me) = by.actor.member() else {
        return Err(AppError::SignInRequired);
    };
    let user = crate::auth::users::get(&state.db, me.user_id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    let found = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(crate::auth::secret::hash(token.trim())))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("inbjudan"))?;
    usable(&found, now)?;
    if user.email.as_deref() != Some(found.email.as_str()) {
        return Err(AppError::Forbidden(crate::web::i18n::t_with(
            "procurement-error-invitation-other-email",
            "email",
            &found.email,
        )));
    }
    let procurement = entity::Entity::find_by_id(found.procurement_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound("inbjudan"))?;
    let still_member = organisation::Entity::find_by_id((procurement.id, found.organisation_id))
        .one(txn)
        .await?
        .is_some();
    if !still_member {
        return Err(AppError::Conflict(
            "procurement-error-invitation-organisation-gone".to_owned(),
        ));
    }
    // Claimed on the row, so two clicks at once make one member.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(user.id))
        .filter(invitation::Column::Id.eq(found.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .exec(txn)
        .await?
        .rows_affected;
    if claimed != 1 {
        return Err(AppError::Conflict(
            "procurement-error-invitation-used".to_owned(),
        ));
    }
    let standing = Standing::parse(&found.role).unwrap_or(Standing::Observer);
    join(
        txn,
        &procurement,
        user.id,
        found.organisation_id,
        standing,
        now,
    )
    .await?;
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.accept",
        format!("procurement:{}", procurement.id),
        format!(
            "{}: {} ({})",
            procurement.title,
            found.email,
            standing.label()
        ),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Makes the user with `email` a member in person with `role`, without an invitation: for
/// loading content (`noden import`, the demo), never routed. The address's domain must
/// belong to a member organisation (it is registered for `organisation` when no one owns
/// it); the user is made on first use, as a sign-in would.
#[tracing::instrument(skip_all)]
pub async fn enrol(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    email: &str,
    organisation: &str,
    role: &str,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let mut issues = Vec::new();
    let standing = Standing::from_field(Some(role), "role", &mut issues);
    let organisation_id = state
        .catalog
        .get()
        .organisation_named(organisation, "organisation", &mut issues)
        .map(|o| o.id);
    let (Some(standing), Some(organisation_id)) = (standing, organisation_id) else {
        return Err(AppError::Invalid(issues));
    };
    let email = crate::auth::users::normalise_email(email)?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let taking_part = organisation::Entity::find_by_id((procurement.id, organisation_id))
        .one(unit.db())
        .await?
        .is_some();
    if !taking_part {
        return Err(AppError::invalid(
            "organisation",
            "procurement-error-organisation-not-member",
        ));
    }
    crate::auth::domains::add(
        &mut unit,
        organisation_id,
        crate::auth::users::domain_of(&email),
    )
    .await?;
    let user =
        crate::auth::users::for_confirmed_email(unit.db(), now, &email, organisation_id).await?;
    join(
        unit.db(),
        &procurement,
        user.id,
        organisation_id,
        standing,
        now,
    )
    .await?;
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.accept",
        format!("procurement:{}", procurement.id),
        format!("{}: {email} ({})", procurement.title, standing.label()),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// Removes a member user (its leads): from their next request they open nothing inside.
/// The last lead stays.
#[tracing::instrument(skip_all)]
pub async fn remove_member(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    user_id: Uuid,
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Administer, LEADS_ONLY).await?;
    let mut unit = Unit::begin(state, by).await?;
    let txn = unit.db();
    let members = member::Entity::find()
        .filter(member::Column::ProcurementId.eq(procurement.id))
        .all(txn)
        .await?;
    let Some(leaving) = members.iter().find(|m| m.user_id == user_id) else {
        return Err(AppError::NotFound("medlemmen"));
    };
    let lead = Standing::Lead.as_str();
    if leaving.role == lead && members.iter().filter(|m| m.role == lead).count() == 1 {
        return Err(AppError::Conflict("procurement-error-last-lead".to_owned()));
    }
    leave(txn, &procurement, &[user_id]).await?;
    let who = crate::auth::users::get(txn, user_id)
        .await?
        .map(|u| u.email.unwrap_or(u.name))
        .unwrap_or_default();
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.remove_member",
        format!("procurement:{}", procurement.id),
        format!("{}: {who}", procurement.title),
    );
    unit.commit().await?;
    Ok(procurement)
}

/// The planned and actual date of one phase, as sent: `None` leaves a date as it is,
/// `Some(None)` clears it.
#[derive(Debug, Clone)]
pub struct MilestoneDates {
    pub phase: Phase,
    pub planned_on: Option<Option<NaiveDate>>,
    pub actual_on: Option<Option<NaiveDate>>,
}

/// Sets the planned and actual dates of the phases (its leads). A new planned date may be
/// overdue again, so it is mailed about again.
#[tracing::instrument(skip_all)]
pub async fn set_milestones(
    state: &AppState,
    by: &By,
    slug_or_id: &str,
    dates: &[MilestoneDates],
) -> Result<entity::Model, AppError> {
    let procurement = for_action(state, by, slug_or_id, Action::Edit, LEADS_ONLY).await?;
    let mut unit = Unit::begin(state, by).await?;
    let now = unit.now();
    let txn = unit.db();
    let current = milestone::Entity::find()
        .filter(milestone::Column::ProcurementId.eq(procurement.id))
        .all(txn)
        .await?;
    for given in dates {
        let Some(row) = current.iter().find(|m| m.phase == given.phase.as_str()) else {
            continue;
        };
        let planned_on = given.planned_on.unwrap_or(row.planned_on);
        let actual_on = given.actual_on.unwrap_or(row.actual_on);
        if row.planned_on == planned_on && row.actual_on == actual_on {
            continue;
        }
        let mut active: milestone::ActiveModel = row.clone().into();
        if row.planned_on != planned_on {
            active.overdue_mailed_at = Set(None);
        }
        active.planned_on = Set(planned_on);
        active.actual_on = Set(actual_on);
        active.update(txn).await?;
    }
    let mut active: entity::ActiveModel = procurement.clone().into();
    active.updated_at = Set(now);
    let procurement = active.update(txn).await?;
    unit.changed(PROCUREMENT, procurement.id, Op::Upsert);
    unit.audit(
        "procurement.milestones",
        format!("procurement:{}", procurement.id),
        procurement.title.clone(),
    );
    unit.commit().await?;
    Ok(procurement)
}
