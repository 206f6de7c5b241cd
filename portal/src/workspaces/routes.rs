//! `/admin/arbetsrum`: node administrators create workspaces and choose their organisations.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;

use crate::audit::By;
use crate::auth::{NodeAdmin, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/arbetsrum", web::get().to(list))
        .route("/admin/arbetsrum", web::post().to(save))
        .route("/admin/arbetsrum/personer", web::post().to(add_person));
}

pub struct Row {
    pub name: String,
    pub slug: String,
    pub members: String,
    /// The users added in person.
    pub people: String,
}

pub struct Choice {
    pub code: String,
    pub name: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "workspaces/index.html")]
pub struct WorkspacesPage {
    pub csrf: String,
    pub rows: Vec<Row>,
    pub organisations: Vec<Choice>,
    pub name: String,
    pub email: String,
    pub errors: Vec<FieldIssue>,
}

impl WorkspacesPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

async fn view(
    state: &AppState,
    admin: &NodeAdmin,
    form: &Form,
    email: &str,
    errors: Vec<FieldIssue>,
) -> Result<WorkspacesPage, AppError> {
    let people = super::people(state).await?;
    let catalog = state.catalog.get();
    let name_of = |id| {
        catalog
            .organisation_by_id(id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    Ok(WorkspacesPage {
        csrf: admin.0.csrf.clone(),
        rows: catalog
            .workspaces
            .iter()
            .map(|w| Row {
                name: w.name.clone(),
                slug: w.slug.clone(),
                members: w
                    .members
                    .iter()
                    .map(|&id| name_of(id))
                    .collect::<Vec<_>>()
                    .join(", "),
                people: people.get(&w.id).map(|p| p.join(", ")).unwrap_or_default(),
            })
            .collect(),
        organisations: catalog
            .organisations
            .iter()
            .map(|o| Choice {
                checked: form.organisations.contains(&o.code),
                code: o.code.clone(),
                name: o.name.clone(),
            })
            .collect(),
        name: form.name.clone(),
        email: email.to_owned(),
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Form {
    csrf: String,
    name: String,
    organisations: Vec<String>,
}

async fn list(state: web::Data<AppState>, admin: NodeAdmin) -> Result<HttpResponse, AppError> {
    page(
        HttpResponse::Ok(),
        &view(&state, &admin, &Form::default(), "", Vec::new()).await?,
    )
}

async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: Form = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    match super::save(&state, &by, &form.name, &form.organisations).await {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/admin/arbetsrum"))
            .finish()),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &view(&state, &admin, &form, "", errors).await?,
        ),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PersonForm {
    csrf: String,
    workspace: String,
    email: String,
}

async fn add_person(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: PersonForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    match super::add_person_by_email(&state, &by, &form.workspace, &form.email).await {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/admin/arbetsrum"))
            .finish()),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &view(&state, &admin, &Form::default(), &form.email, errors).await?,
        ),
        Err(other) => Err(other),
    }
}
