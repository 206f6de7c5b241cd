//! Node administration: how each organisation signs in (e-mail domains, identity provider),
//! users and their roles. Every change lands in the audit trail.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{NodeAdmin, Role, csrf, domains, users};
use crate::audit::By;
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(index))
        .route(
            "/admin/organisationer/{slug}",
            web::get().to(organisation_page),
        )
        .route(
            "/admin/organisationer/{slug}/domaner",
            web::post().to(add_domain),
        )
        .route(
            "/admin/organisationer/{slug}/domaner/ta-bort",
            web::post().to(remove_domain),
        )
        .route(
            "/admin/organisationer/{slug}/inloggning",
            web::post().to(set_provider),
        )
        .route(
            "/admin/organisationer/{slug}/inloggning/ta-bort",
            web::post().to(remove_provider),
        )
        .route("/admin/anvandare", web::get().to(users_page))
        .route("/admin/anvandare/{id}", web::post().to(update_user))
        .route(
            "/admin/anvandare/{id}/avsluta-sessioner",
            web::post().to(end_sessions),
        );
}

pub struct OrganisationChoice {
    pub slug: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
pub struct IndexPage {
    pub organisations: Vec<OrganisationChoice>,
}

async fn index(state: web::Data<AppState>, _: NodeAdmin) -> Result<HttpResponse, AppError> {
    let catalog = state.catalog.get();
    let mut organisations: Vec<OrganisationChoice> = catalog
        .organisations
        .iter()
        .map(|o| OrganisationChoice {
            slug: o.slug.clone(),
            name: o.name.clone(),
        })
        .collect();
    organisations.sort_by(|a, b| a.name.cmp(&b.name));
    page(HttpResponse::Ok(), &IndexPage { organisations })
}

#[derive(Deserialize)]
struct Pick {
    #[serde(default)]
    organisation: String,
}

#[derive(Template)]
#[template(path = "admin/organisation.html")]
pub struct OrganisationPage {
    pub csrf: String,
    pub slug: String,
    pub name: String,
    pub domains: Vec<String>,
    pub issuer: String,
    pub client_id: String,
    pub has_provider: bool,
    pub redirect_uri: String,
    pub errors: Vec<FieldIssue>,
    pub domain_input: String,
}

/// One field of the identity-provider form.
pub struct ProviderField {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub kind: &'static str,
    pub keeps_secret: bool,
}

impl OrganisationPage {
    pub fn provider_fields(&self) -> Vec<ProviderField> {
        vec![
            ProviderField {
                name: "issuer",
                label: crate::web::i18n::t("admin-provider-issuer"),
                value: self.issuer.clone(),
                kind: "url",
                keeps_secret: false,
            },
            ProviderField {
                name: "client_id",
                label: crate::web::i18n::t("admin-provider-client-id"),
                value: self.client_id.clone(),
                kind: "text",
                keeps_secret: false,
            },
            ProviderField {
                name: "client_secret",
                label: crate::web::i18n::t("admin-provider-client-secret"),
                value: String::new(),
                kind: "password",
                keeps_secret: self.has_provider,
            },
        ]
    }

    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn organisation_id(state: &AppState, slug: &str) -> Result<(Uuid, String), AppError> {
    state
        .catalog
        .get()
        .organisation_by_slug(slug)
        .map(|o| (o.id, o.name.clone()))
        .ok_or(AppError::NotFound("organisationen"))
}

async fn organisation_view(
    state: &AppState,
    admin: &NodeAdmin,
    slug: &str,
    errors: Vec<FieldIssue>,
    domain_input: String,
) -> Result<OrganisationPage, AppError> {
    let (id, name) = organisation_id(state, slug)?;
    let provider = domains::provider_of(&state.db, id).await?;
    Ok(OrganisationPage {
        csrf: admin.0.csrf.clone(),
        slug: slug.to_owned(),
        name,
        domains: domains::domains_of(&state.db, id).await?,
        issuer: provider
            .as_ref()
            .map(|p| p.issuer.clone())
            .unwrap_or_default(),
        client_id: provider
            .as_ref()
            .map(|p| p.client_id.clone())
            .unwrap_or_default(),
        has_provider: provider.is_some(),
        redirect_uri: state
            .settings
            .public_link(&super::oidc::redirect_path(slug)),
        errors,
        domain_input,
    })
}

async fn organisation_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    slug: web::Path<String>,
    pick: web::Query<Pick>,
) -> Result<HttpResponse, AppError> {
    // The index page's picker sends ?organisation=slug to /admin/organisationer/valj.
    if slug.as_str() == "valj" {
        return Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/admin/organisationer/{}", pick.organisation),
            ))
            .finish());
    }
    page(
        HttpResponse::Ok(),
        &organisation_view(&state, &admin, &slug, Vec::new(), String::new()).await?,
    )
}

/// Re-renders the organisation page with field errors, or redirects back to it.
async fn after(
    state: &AppState,
    admin: &NodeAdmin,
    slug: &str,
    outcome: Result<(), AppError>,
    domain_input: String,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/admin/organisationer/{slug}")))
            .finish()),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &organisation_view(state, admin, slug, errors, domain_input).await?,
        ),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct DomainForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    domain: String,
}

async fn add_domain(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    slug: web::Path<String>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let (id, _) = organisation_id(&state, &slug)?;
    let outcome = domains::add_domain(&state, &by, id, &form.domain).await;
    after(&state, &admin, &slug, outcome, form.domain.clone()).await
}

async fn remove_domain(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    slug: web::Path<String>,
    form: web::Form<DomainForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let (id, _) = organisation_id(&state, &slug)?;
    let outcome = domains::remove_domain(&state, &by, id, &form.domain).await;
    after(&state, &admin, &slug, outcome, String::new()).await
}

#[derive(Deserialize)]
struct ProviderForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    provider: domains::ProviderInput,
}

async fn set_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    slug: web::Path<String>,
    form: web::Form<ProviderForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let (id, _) = organisation_id(&state, &slug)?;
    let form = form.into_inner();
    let outcome = domains::set_provider(&state, &by, id, form.provider).await;
    after(&state, &admin, &slug, outcome, String::new()).await
}

async fn remove_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    slug: web::Path<String>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let (id, _) = organisation_id(&state, &slug)?;
    let outcome = domains::remove_provider(&state, &by, id).await;
    after(&state, &admin, &slug, outcome, String::new()).await
}

pub struct UserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: Role,
    pub disabled: bool,
    pub last_sign_in: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub csrf: String,
    pub query: String,
    pub users: Vec<UserRow>,
    pub roles: Vec<(&'static str, String)>,
}

#[derive(Deserialize)]
struct UserQuery {
    #[serde(default)]
    q: String,
}

async fn users_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, AppError> {
    let users = users::list(&state, &query.q)
        .await?
        .into_iter()
        .map(|l| UserRow {
            id: l.user.id.to_string(),
            name: l.user.name.clone(),
            email: l.user.email.clone().unwrap_or_default(),
            organisation: l.organisation,
            role: l.role,
            disabled: l.user.disabled,
            last_sign_in: l
                .user
                .last_sign_in_at
                .map(crate::web::datetime_text)
                .unwrap_or_else(|| crate::web::i18n::t("admin-never")),
        })
        .collect();
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    page(
        response,
        &UsersPage {
            csrf: admin.0.csrf.clone(),
            query: query.q.clone(),
            users,
            roles: Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
        },
    )
}

#[derive(Deserialize)]
struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    disabled: Option<String>,
}

fn user_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("användaren"))
}

async fn update_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<String>,
    form: web::Form<UserForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let role = Role::parse(&form.role)
        .ok_or_else(|| AppError::invalid("role", "auth-error-role-unknown"))?;
    users::update_access(&state, &by, user_id(&id)?, role, form.disabled.is_some()).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/anvandare"))
        .finish())
}

async fn end_sessions(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<String>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    users::end_sessions(&state, &by, user_id(&id)?).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/anvandare"))
        .finish())
}
