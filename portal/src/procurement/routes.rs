//! The procurement pages (`/upphandlingar`) and `/api/v1/procurements`.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    InvitationView, OrganisationRole, Phase, ProcurementFilter, ProcurementInput, ProcurementList,
    ProcurementView, Standing,
};
use crate::audit::By;
use crate::auth::{Action, Actor, Identity, Resource, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::frame;
use crate::web::page;
use crate::web::{Choice, choices};

pub fn configure(cfg: &mut web::ServiceConfig) {
    super::api::configure(cfg);
    super::summary::routes::configure(cfg);
    cfg.route("/upphandlingar", web::get().to(list_page))
        .route("/upphandlingar/ny", web::get().to(new_form))
        .route("/upphandlingar/ny", web::post().to(create_form))
        .route(
            "/upphandlingar/inbjudan/{token}",
            web::get().to(invitation_page),
        )
        .route(
            "/upphandlingar/inbjudan/{token}",
            web::post().to(accept_form),
        )
        .route("/upphandlingar/{slug}", web::get().to(procurement_page))
        .route("/upphandlingar/{slug}/andra", web::get().to(edit_form))
        .route("/upphandlingar/{slug}/andra", web::post().to(update_form))
        .route(
            "/upphandlingar/{slug}/medlemmar",
            web::get().to(members_page),
        )
        .route(
            "/upphandlingar/{slug}/organisationer",
            web::post().to(add_organisation_form),
        )
        .route(
            "/upphandlingar/{slug}/organisationer/{code}/ta-bort",
            web::post().to(remove_organisation_form),
        )
        .route(
            "/upphandlingar/{slug}/inbjudningar",
            web::post().to(invite_form),
        )
        .route(
            "/upphandlingar/{slug}/inbjudningar/{id}/dra-tillbaka",
            web::post().to(withdraw_invitation_form),
        )
        .route(
            "/upphandlingar/{slug}/medlemmar/{user}/ta-bort",
            web::post().to(remove_member_form),
        )
        .route(
            "/upphandlingar/{slug}/tidslinje",
            web::get().to(timeline_page),
        )
        .route(
            "/upphandlingar/{slug}/tidslinje",
            web::post().to(milestones_form),
        )
        .service(api_resource!("/api/v1/procurements", get => list, post => create))
        .service(api_resource!(
            "/api/v1/procurements/{id}",
            get => get,
            put => update
        ));
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CsrfForm {
    csrf: String,
}

// ---- The list ------------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "procurement/index.html")]
pub struct ListPage {
    pub list: ProcurementList,
    pub pager: crate::web::Pager,
    pub phases: Vec<Choice>,
    pub signed_in: bool,
    pub may_start: bool,
}

/// May `actor` start a procurement for some organisation (for the list's link)?
fn may_start(actor: &Actor, state: &AppState) -> bool {
    let catalog = state.catalog.get();
    actor.member().is_some()
        && catalog.organisations.iter().any(|o| {
            can(
                actor,
                Action::Create,
                &Resource::Procurement {
                    workspace: None,
                    lead: o.id,
                    standing: None,
                },
            )
        })
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<ProcurementFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let filters = [("phase", filter.phase.as_ref())];
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link("/upphandlingar", &filters, n)
    });
    Ok(ListPage {
        pager,
        phases: choices(
            Phase::ALL,
            Phase::as_str,
            Phase::label,
            filter.phase.as_deref().unwrap_or(""),
        ),
        signed_in: actor != Actor::Anonymous,
        may_start: may_start(&actor, &state),
        list,
    })
}

// ---- Starting and changing one ----------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProcurementForm {
    csrf: String,
    title: String,
    description: String,
    category: String,
    technology: String,
    lead_organisation: String,
    officer: String,
    phase: String,
}

impl ProcurementForm {
    fn input(&self) -> ProcurementInput {
        let some = |v: &str| Some(v.to_owned()).filter(|v| !v.trim().is_empty());
        ProcurementInput {
            title: self.title.clone(),
            description: self.description.clone(),
            category: some(&self.category),
            technology: some(&self.technology),
            lead_organisation: some(&self.lead_organisation),
            officer: self.officer.clone(),
            phase: some(&self.phase),
        }
    }
}

#[derive(Template)]
#[template(path = "procurement/form.html")]
pub struct FormPage {
    pub heading: String,
    pub action: String,
    pub button: String,
    pub back: String,
    pub csrf: String,
    pub title: String,
    pub description: String,
    pub technology: String,
    pub officer: String,
    pub categories: Vec<Choice>,
    /// The organisations the writer may start it for; empty when changing one.
    pub leads: Vec<Choice>,
    pub phases: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &ProcurementForm,
    errors: Vec<FieldIssue>,
    editing: Option<&super::entity::Model>,
) -> FormPage {
    let actor = user.actor();
    let catalog = state.catalog.get();
    let own = user.0.member.organisation_id;
    let leads = if editing.is_some() {
        Vec::new()
    } else {
        catalog
            .organisations
            .iter()
            .filter(|o| {
                can(
                    &actor,
                    Action::Create,
                    &Resource::Procurement {
                        workspace: None,
                        lead: o.id,
                        standing: None,
                    },
                )
            })
            .map(|o| Choice {
                value: o.code.clone(),
                label: o.name.clone(),
                selected: if form.lead_organisation.is_empty() {
                    o.id == own
                } else {
                    o.code == form.lead_organisation
                },
            })
            .collect()
    };
    FormPage {
        heading: match editing {
            Some(p) => crate::web::i18n::t_with("procurement-form-edit-heading", "title", &p.title),
            None => crate::web::i18n::t("procurement-form-new-heading"),
        },
        action: editing.map_or_else(
            || "/upphandlingar/ny".to_owned(),
            |p| format!("{}/andra", super::url(p)),
        ),
        button: crate::web::i18n::t(if editing.is_some() {
            "procurement-form-save"
        } else {
            "procurement-form-start"
        }),
        back: editing.map_or_else(|| "/upphandlingar".to_owned(), super::url),
        csrf: user.0.csrf.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        technology: form.technology.clone(),
        officer: form.officer.clone(),
        categories: crate::web::category_choices(&catalog, |slug| slug == form.category),
        leads,
        phases: choices(
            Phase::ALL,
            Phase::as_str,
            Phase::label,
            if form.phase.is_empty() {
                Phase::Behovsanalys.as_str()
            } else {
                &form.phase
            },
        ),
        errors,
    }
}

async fn new_form(state: web::Data<AppState>, user: SignedIn) -> Result<HttpResponse, AppError> {
    if !may_start(&user.actor(), &state) {
        return Err(AppError::Forbidden(
            "procurement-error-start-roles".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &ProcurementForm::default(), Vec::new(), None),
    )
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<ProcurementForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::create(&state, &by, form.input()).await {
        Ok(p) => Ok(frame::see_other(
            &super::url(&p),
            &crate::web::i18n::t("procurement-flash-started"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, None),
        ),
        Err(other) => Err(other),
    }
}

/// The procurement behind `slug` if `user` may do `action` to it.
async fn amendable(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    action: Action,
) -> Result<super::entity::Model, AppError> {
    let actor = user.actor();
    let opened = super::readable(state, &actor, slug).await?.into_inner();
    if !can(&actor, action, &opened.resource()) {
        return Err(AppError::Forbidden(
            "procurement-error-leads-only".to_owned(),
        ));
    }
    Ok(opened.procurement)
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let p = amendable(&state, &user, &slug, Action::Edit).await?;
    let catalog = state.catalog.get();
    let technology = match p.technology_id {
        Some(id) => crate::technologies::find(&state, &id.to_string())
            .await
            .map(|e| e.slug)
            .unwrap_or_default(),
        None => String::new(),
    };
    let form = ProcurementForm {
        csrf: String::new(),
        title: p.title.clone(),
        description: p.description_md.clone(),
        category: p
            .category_id
            .and_then(|c| catalog.category_by_id(c))
            .map(|c| c.slug.clone())
            .unwrap_or_default(),
        technology,
        lead_organisation: String::new(),
        officer: p.officer.clone(),
        phase: p.phase.clone(),
    };
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &form, Vec::new(), Some(&p)),
    )
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<ProcurementForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let p = amendable(&state, &user, &slug, Action::Edit).await?;
    match super::update(&state, &by, &p.id.to_string(), form.input()).await {
        Ok(p) => Ok(frame::see_other(
            &super::url(&p),
            &crate::web::i18n::t("procurement-flash-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &form, errors, Some(&p)),
        ),
        Err(other) => Err(other),
    }
}

// ---- The workspace page --------------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/show.html")]
pub struct ShowPage {
    pub p: ProcurementView,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub may_edit: bool,
}

/// The public facts of an advertised procurement, for those outside it.
#[derive(Template)]
#[template(path = "procurement/public.html")]
pub struct PublicPage {
    pub f: super::public::PublicFacts,
}

/// The workspace page to its members; to everyone else the public facts of an advertised
/// procurement, or "not found".
async fn procurement_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match super::readable(&state, &actor, &slug).await {
        Ok(opened) => {
            let may_edit = can(&actor, Action::Edit, &opened.resource());
            let p = super::view(&state, &opened).await?;
            let follow = crate::notifications::routes::button(
                &state,
                &actor,
                crate::notifications::Topic::new(
                    crate::notifications::TopicKind::Procurement,
                    p.id,
                ),
                &p.title,
                &p.url,
            )
            .await?;
            page(
                HttpResponse::Ok(),
                &ShowPage {
                    p,
                    may_edit,
                    follow,
                },
            )
        }
        Err(AppError::NotFound(_)) => {
            let published = super::public::readable_facts(&state, &actor, &slug).await?;
            let f = super::public::facts(&state, &published).await?;
            page(HttpResponse::Ok(), &PublicPage { f })
        }
        Err(other) => Err(other),
    }
}

// ---- Members and invitations ---------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/members.html")]
pub struct MembersPage {
    pub p: ProcurementView,
    pub csrf: Option<String>,
    pub may_administer: bool,
    pub me: Option<Uuid>,
    pub invitations: Vec<InvitationView>,
    pub organisations: Vec<Choice>,
    pub organisation_roles: Vec<Choice>,
    pub standings: Vec<Choice>,
    pub email: String,
    pub errors: Vec<FieldIssue>,
}

impl MembersPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }

    /// Whether `user` is the reader (who does not remove themselves here).
    pub fn is_me(&self, user: &Uuid) -> bool {
        self.me.as_ref() == Some(user)
    }
}

/// The members page, with what was typed into its forms and their errors.
async fn members_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    typed: &MemberForm,
    errors: Vec<FieldIssue>,
) -> Result<MembersPage, AppError> {
    let actor = identity.actor.clone();
    let opened = super::readable(state, &actor, slug).await?;
    let csrf = identity.session.as_ref().map(|s| s.csrf.clone());
    let may_administer = csrf.is_some() && can(&actor, Action::Administer, &opened.resource());
    let invitations = if may_administer {
        super::open_invitations(state, &opened).await?
    } else {
        Vec::new()
    };
    let p = super::view(state, &opened).await?;
    let catalog = state.catalog.get();
    let organisations = catalog
        .organisations
        .iter()
        .filter(|o| o.id != opened.procurement.lead_organisation_id)
        .map(|o| Choice {
            value: o.code.clone(),
            label: o.name.clone(),
            selected: o.code == typed.organisation,
        })
        .collect();
    Ok(MembersPage {
        organisation_roles: choices(
            &[OrganisationRole::Participant, OrganisationRole::Observer],
            OrganisationRole::as_str,
            OrganisationRole::label,
            if typed.role.is_empty() {
                OrganisationRole::Participant.as_str()
            } else {
                &typed.role
            },
        ),
        standings: choices(
            Standing::ALL,
            Standing::as_str,
            Standing::label,
            if typed.standing.is_empty() {
                Standing::Member.as_str()
            } else {
                &typed.standing
            },
        ),
        p,
        csrf,
        may_administer,
        me: actor.user_id(),
        invitations,
        organisations,
        email: typed.email.clone(),
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MemberForm {
    csrf: String,
    organisation: String,
    role: String,
    email: String,
    standing: String,
}

async fn members_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = members_view(&state, &identity, &slug, &MemberForm::default(), Vec::new()).await?;
    page(HttpResponse::Ok(), &view)
}

async fn add_organisation_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<MemberForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::add_organisation(&state, &by, &slug, &form.organisation, &form.role).await {
        Ok(p) => Ok(frame::see_other(
            &format!("{}/medlemmar#organisationer", super::url(&p)),
            &crate::web::i18n::t("procurement-flash-organisation-added"),
        )),
        Err(AppError::Invalid(errors)) => {
            let view = members_view(&state, &identity, &slug, &form, errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

async fn remove_organisation_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, code) = path.into_inner();
    let p = super::remove_organisation(&state, &by, &slug, &code).await?;
    Ok(frame::see_other(
        &format!("{}/medlemmar#organisationer", super::url(&p)),
        &crate::web::i18n::t("procurement-flash-organisation-removed"),
    ))
}

async fn invite_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<MemberForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::invite(&state, &by, &slug, &form.email, &form.standing).await {
        Ok(p) => Ok(frame::see_other(
            &format!("{}/medlemmar#inbjudningar", super::url(&p)),
            &crate::web::i18n::t("procurement-flash-invited"),
        )),
        Err(AppError::Invalid(errors)) => {
            let errors = errors
                .into_iter()
                .map(|mut e| {
                    if e.field == "role" {
                        e.field = "standing".to_owned();
                    }
                    e
                })
                .collect();
            let view = members_view(&state, &identity, &slug, &form, errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

async fn withdraw_invitation_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, id) = path.into_inner();
    let p = super::withdraw_invitation(&state, &by, &slug, id).await?;
    Ok(frame::see_other(
        &format!("{}/medlemmar#inbjudningar", super::url(&p)),
        &crate::web::i18n::t("procurement-flash-invitation-withdrawn"),
    ))
}

async fn remove_member_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, member) = path.into_inner();
    let p = super::remove_member(&state, &by, &slug, member).await?;
    Ok(frame::see_other(
        &format!("{}/medlemmar#personer", super::url(&p)),
        &crate::web::i18n::t("procurement-flash-member-removed"),
    ))
}

#[derive(Template, WebTemplate)]
#[template(path = "procurement/invitation.html")]
pub struct InvitationPage {
    pub title: String,
    pub email: String,
    pub role_label: String,
    pub expires: String,
    pub action: String,
    /// The form's token when someone is signed in.
    pub csrf: Option<String>,
    /// The signed-in user's address when it is not the one invited.
    pub other_address: Option<String>,
}

async fn invitation_page(
    state: web::Data<AppState>,
    identity: Identity,
    token: web::Path<String>,
) -> Result<InvitationPage, AppError> {
    let (invitation, procurement) = super::invitation_for(&state, &token).await?;
    let signed_in_as = identity.session.as_ref().and_then(|s| s.email.clone());
    Ok(InvitationPage {
        title: procurement.title,
        role_label: Standing::label_of(&invitation.role),
        expires: crate::web::datetime_text(invitation.expires_at),
        action: format!("/upphandlingar/inbjudan/{}", token.trim()),
        csrf: identity.session.as_ref().map(|s| s.csrf.clone()),
        other_address: signed_in_as.filter(|e| *e != invitation.email),
        email: invitation.email,
    })
}

async fn accept_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    token: web::Path<String>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let p = super::accept(&state, &by, &token).await?;
    Ok(frame::see_other(
        &super::url(&p),
        &crate::web::i18n::t("procurement-flash-welcome"),
    ))
}

// ---- The timeline --------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/timeline.html")]
pub struct TimelinePage {
    pub p: ProcurementView,
    pub csrf: Option<String>,
    pub may_edit: bool,
    /// What was typed, by field name, shown again with its errors.
    pub typed: HashMap<String, String>,
    pub errors: Vec<FieldIssue>,
}

impl TimelinePage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }

    /// The value of a date field: as typed, or as stored.
    pub fn value(&self, field: &str, stored: String) -> String {
        self.typed.get(field).cloned().unwrap_or(stored)
    }
}

async fn timeline_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    typed: HashMap<String, String>,
    errors: Vec<FieldIssue>,
) -> Result<TimelinePage, AppError> {
    let actor = identity.actor.clone();
    let opened = super::readable(state, &actor, slug).await?;
    let csrf = identity.session.as_ref().map(|s| s.csrf.clone());
    let may_edit = csrf.is_some() && can(&actor, Action::Edit, &opened.resource());
    let p = super::view(state, &opened).await?;
    Ok(TimelinePage {
        p,
        csrf,
        may_edit,
        typed,
        errors,
    })
}

async fn timeline_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view = timeline_view(&state, &identity, &slug, HashMap::new(), Vec::new()).await?;
    page(HttpResponse::Ok(), &view)
}

async fn milestones_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    csrf::verify(
        &req,
        Some(&user.0.csrf),
        form.get("csrf").map_or("", String::as_str),
    )?;
    let mut issues = Vec::new();
    let mut dates = Vec::new();
    for &phase in Phase::ALL {
        let planned_field = format!("planned_{}", phase.as_str());
        let actual_field = format!("actual_{}", phase.as_str());
        // A field the form did not send leaves its date as it is.
        let read = |field: &str, issues: &mut Vec<FieldIssue>| {
            form.get(field)
                .map(|value| crate::web::date_field(value, field, issues))
        };
        let planned_on = read(&planned_field, &mut issues);
        let actual_on = read(&actual_field, &mut issues);
        dates.push(super::MilestoneDates {
            phase,
            planned_on,
            actual_on,
        });
    }
    let result = if issues.is_empty() {
        super::set_milestones(&state, &by, &slug, &dates).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match result {
        Ok(p) => Ok(frame::see_other(
            &format!("{}/tidslinje", super::url(&p)),
            &crate::web::i18n::t("procurement-flash-timeline-saved"),
        )),
        Err(AppError::Invalid(errors)) => {
            let mut typed = form;
            typed.remove("csrf");
            let view = timeline_view(&state, &identity, &slug, typed, errors).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

// ---- The API -------------------------------------------------------------------------------

/// The procurements the caller is a member of, and those advertised (from the phase
/// annonsering on) with their public facts, which anyone may list; the latest changed first.
#[utoipa::path(
    get,
    path = "/api/v1/procurements",
    tag = "procurements",
    params(ProcurementFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = ProcurementList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<ProcurementFilter>,
) -> Result<web::Json<ProcurementList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Starts a joint procurement (coordinators for their own organisation, node staff for any);
/// the caller becomes its first lead. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements",
    tag = "procurements",
    request_body = ProcurementInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ProcurementView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    input: web::Json<ProcurementInput>,
) -> Result<HttpResponse, AppError> {
    let p = super::create(&state, &by, input.into_inner()).await?;
    let actor = super::as_now(&state, &by.actor).await?;
    let opened = super::readable(&state, &actor, &p.id.to_string()).await?;
    let view = super::view(&state, &opened).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/procurements/{}", view.id)))
        .json(view))
}

/// One procurement with its member organisations, members and milestones (members only;
/// everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = ProcurementView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<ProcurementView>, AppError> {
    let opened = super::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::view(&state, &opened).await?))
}

/// Changes a procurement's facts (its leads); same body as starting one. The lead
/// organisation stays. Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = ProcurementInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ProcurementView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<ProcurementInput>,
) -> Result<web::Json<ProcurementView>, AppError> {
    let p = super::update(&state, &by, &id, input.into_inner()).await?;
    let opened = super::readable(&state, &by.actor, &p.id.to_string()).await?;
    Ok(web::Json(super::view(&state, &opened).await?))
}
