//! `/admin/vokabular`: node staff read the thesaurus, add concepts and add labels to them.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;

use super::{Changes, entity};
use crate::audit::By;
use crate::auth::{Staff, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::{Pager, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/vokabular", web::get().to(list))
        .route("/admin/vokabular/nytt", web::get().to(new_form))
        .route("/admin/vokabular/nytt", web::post().to(create))
        .route("/admin/vokabular/{slug}", web::get().to(edit_form))
        .route("/admin/vokabular/{slug}", web::post().to(save));
}

/// A concept in the list.
pub struct Row {
    pub slug: String,
    pub label: String,
    pub others: String,
    pub broader: Option<String>,
    pub from_content: bool,
}

#[derive(Template)]
#[template(path = "thesaurus/index.html")]
pub struct ListPage {
    pub q: String,
    pub total: usize,
    pub rows: Vec<Row>,
    pub pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    q: String,
    page: Option<String>,
}

async fn list(
    state: web::Data<AppState>,
    _staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let number = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<u64>().ok())
        .filter(|n| (1..=10_000).contains(n))
        .unwrap_or(1);
    let (models, total) = super::page(&state, &query.q, number).await?;
    let catalog = state.catalog.get();
    let label_of = |slug: &str| {
        catalog
            .concepts
            .iter()
            .find(|c| c.slug == slug)
            .map(|c| c.label.clone())
    };
    let rows = models
        .iter()
        .map(|c| Row {
            slug: c.slug.clone(),
            label: c.label.clone(),
            others: c.labels()[1..].join(", "),
            broader: c.broader.as_deref().and_then(label_of),
            from_content: c.from_content,
        })
        .collect();
    let q = query.q.trim().to_owned();
    let pager = Pager::new(
        usize::try_from(number).unwrap_or(1),
        usize::try_from(super::PER_PAGE).unwrap_or(25),
        usize::try_from(total).unwrap_or(usize::MAX),
        |n| {
            let mut pairs = Vec::new();
            if !q.is_empty() {
                pairs.push(("q", q.clone()));
            }
            if n > 1 {
                pairs.push(("page", n.to_string()));
            }
            match serde_html_form::to_string(&pairs) {
                Ok(qs) if !qs.is_empty() => format!("/admin/vokabular?{qs}"),
                _ => "/admin/vokabular".to_owned(),
            }
        },
    );
    page(
        HttpResponse::Ok(),
        &ListPage {
            q,
            total: usize::try_from(total).unwrap_or(usize::MAX),
            rows,
            pager,
        },
    )
}

/// A choice of broader concept.
pub struct Choice {
    pub slug: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "thesaurus/edit.html")]
pub struct EditPage {
    pub csrf: String,
    /// `None` for a new concept.
    pub slug: Option<String>,
    /// The content folder's concept: only labels can be added.
    pub from_content: bool,
    pub label: String,
    /// The content folder's labels (shown, not edited).
    pub content_labels: String,
    pub labels: String,
    pub note: String,
    pub broader: Vec<Choice>,
    /// The concepts below this one.
    pub narrower: Vec<String>,
    pub saved: bool,
    pub errors: Vec<FieldIssue>,
}

impl EditPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }

    pub fn action(&self) -> String {
        match &self.slug {
            Some(slug) => format!("/admin/vokabular/{slug}"),
            None => "/admin/vokabular/nytt".to_owned(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Form {
    csrf: String,
    #[serde(flatten)]
    changes: Changes,
}

fn edit_page(
    state: &AppState,
    staff: &Staff,
    concept: Option<&entity::Model>,
    changes: &Changes,
    saved: bool,
    errors: Vec<FieldIssue>,
) -> EditPage {
    let catalog = state.catalog.get();
    let slug = concept.map(|c| c.slug.clone());
    let from_content = concept.is_some_and(|c| c.from_content);
    let content_labels = concept
        .filter(|c| c.from_content)
        .map(|c| c.content_labels().join(", "))
        .unwrap_or_default();
    EditPage {
        csrf: staff.0.csrf.clone(),
        from_content,
        label: changes.label.clone(),
        content_labels,
        labels: changes.labels.clone(),
        note: changes.note.clone(),
        broader: catalog
            .concepts
            .iter()
            .filter(|c| Some(&c.slug) != slug.as_ref())
            .map(|c| Choice {
                slug: c.slug.clone(),
                label: c.label.clone(),
                selected: c.slug == changes.broader,
            })
            .collect(),
        narrower: catalog
            .concepts
            .iter()
            .filter(|c| slug.is_some() && c.broader == slug)
            .map(|c| c.label.clone())
            .collect(),
        slug,
        saved,
        errors,
    }
}

fn changes_of(concept: &entity::Model) -> Changes {
    Changes {
        label: concept.label.clone(),
        labels: entity::lines(&concept.added_labels)
            .collect::<Vec<_>>()
            .join("\n"),
        broader: concept.broader.clone().unwrap_or_default(),
        note: concept.note.clone(),
    }
}

async fn new_form(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, AppError> {
    page(
        HttpResponse::Ok(),
        &edit_page(&state, &staff, None, &Changes::default(), false, Vec::new()),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditQuery {
    sparat: Option<String>,
}

async fn edit_form(
    state: web::Data<AppState>,
    staff: Staff,
    slug: web::Path<String>,
    query: web::Query<EditQuery>,
) -> Result<HttpResponse, AppError> {
    let catalog = state.catalog.get();
    let concept = catalog
        .concepts
        .iter()
        .find(|c| c.slug == *slug)
        .ok_or(AppError::NotFound("begreppet"))?;
    page(
        HttpResponse::Ok(),
        &edit_page(
            &state,
            &staff,
            Some(concept),
            &changes_of(concept),
            query.sparat.is_some(),
            Vec::new(),
        ),
    )
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    write(req, state, staff, by, body, None).await
}

async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    write(req, state, staff, by, body, Some(slug.into_inner())).await
}

async fn write(
    req: HttpRequest,
    state: web::Data<AppState>,
    staff: Staff,
    by: By,
    body: web::Bytes,
    slug: Option<String>,
) -> Result<HttpResponse, AppError> {
    let form: Form = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&staff.0.csrf), &form.csrf)?;
    match super::save(&state, &by, slug.as_deref(), &form.changes).await {
        Ok(saved) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/admin/vokabular/{saved}?sparat=1"),
            ))
            .finish()),
        Err(AppError::Invalid(errors)) => {
            let catalog = state.catalog.get();
            let concept = slug
                .as_deref()
                .and_then(|s| catalog.concepts.iter().find(|c| c.slug == s));
            page(
                HttpResponse::UnprocessableEntity(),
                &edit_page(&state, &staff, concept, &form.changes, false, errors),
            )
        }
        Err(other) => Err(other),
    }
}
