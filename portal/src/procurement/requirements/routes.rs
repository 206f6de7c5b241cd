//! The requirement pages (`/upphandlingar/{slug}/krav`, its CSV and printable page) and
//! `/api/v1/procurements/{id}/requirements`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{RequirementInput, RequirementKind, RequirementList, RequirementView};
use crate::audit::By;
use crate::auth::{Action, Actor, Identity, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::procurement::ProcurementView;
use crate::state::AppState;
use crate::web::i18n;
use crate::web::{Choice, api_resource, choices, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/upphandlingar/{slug}/krav", web::get().to(list_page))
        .route("/upphandlingar/{slug}/krav", web::post().to(create_form))
        .route(
            "/upphandlingar/{slug}/krav.csv",
            web::get().to(csv_download),
        )
        .route("/upphandlingar/{slug}/krav/nytt", web::get().to(new_form))
        .route(
            "/upphandlingar/{slug}/krav/utskrift",
            web::get().to(print_page),
        )
        .route(
            "/upphandlingar/{slug}/krav/{id}/andra",
            web::get().to(edit_form),
        )
        .route(
            "/upphandlingar/{slug}/krav/{id}/andra",
            web::post().to(update_form),
        )
        .route(
            "/upphandlingar/{slug}/krav/{id}/ta-bort",
            web::get().to(remove_confirm),
        )
        .route(
            "/upphandlingar/{slug}/krav/{id}/ta-bort",
            web::post().to(remove_form),
        )
        .service(api_resource!(
            "/api/v1/procurements/{id}/requirements",
            get => list,
            post => create
        ))
        .service(api_resource!(
            "/api/v1/procurements/{id}/requirements/{requirement_id}",
            get => get,
            put => update,
            delete => remove
        ));
}

// ---- The list ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/requirements.html")]
pub struct ListPage {
    pub p: ProcurementView,
    pub list: RequirementList,
    /// The reader may add, change and remove requirements (a lead or member, in the browser).
    pub may_contribute: bool,
}

impl ListPage {
    /// The sum of the bör-krav's weights against 100 %, in words.
    pub fn weights_text(&self) -> String {
        weights_text(&self.list.weights)
    }
}

/// The sum of the bör-krav's weights against 100 %, in the page's language.
fn weights_text(weights: &super::Weights) -> String {
    if weights.count == 0 {
        return i18n::t("procurement-req-weights-none");
    }
    if weights.balanced {
        return i18n::t("procurement-req-weights-balanced");
    }
    // Off by `points` percentage points, short of 100 or over it.
    let (key, points) = if weights.missing > 0 {
        ("procurement-req-weights-missing", weights.missing)
    } else {
        ("procurement-req-weights-excess", weights.excess)
    };
    i18n::text_with(
        i18n::lang(),
        key,
        &[
            ("total", weights.total.to_string().into()),
            ("points", points.into()),
        ],
    )
}

async fn list_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = identity.actor.clone();
    let opened = crate::procurement::readable(&state, &actor, &slug).await?;
    let may_contribute =
        identity.session.is_some() && can(&actor, Action::Contribute, &opened.resource());
    let list = super::list(&state, &actor, &opened).await?;
    let p = crate::procurement::view(&state, &opened).await?;
    page(
        HttpResponse::Ok(),
        &ListPage {
            p,
            list,
            may_contribute,
        },
    )
}

// ---- The printable page and the CSV --------------------------------------------------------

#[derive(Template)]
#[template(path = "procurement/requirements_print.html")]
pub struct PrintPage {
    pub p: ProcurementView,
    pub list: RequirementList,
    /// The day it was printed, in words.
    pub today: String,
}

impl PrintPage {
    /// The sum of the bör-krav's weights against 100 %, in words.
    pub fn weights_text(&self) -> String {
        weights_text(&self.list.weights)
    }
}

async fn print_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = identity.actor.clone();
    let opened = crate::procurement::readable(&state, &actor, &slug).await?;
    let list = super::list(&state, &actor, &opened).await?;
    let p = crate::procurement::view(&state, &opened).await?;
    let today = crate::web::date_text(crate::web::stockholm_date(state.clock.now()));
    page(HttpResponse::Ok(), &PrintPage { p, list, today })
}

#[derive(Debug, Default, Deserialize)]
struct CsvQuery {
    #[serde(default)]
    sep: Option<String>,
}

async fn csv_download(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    query: web::Query<CsvQuery>,
) -> Result<HttpResponse, AppError> {
    let actor = identity.actor.clone();
    let opened = crate::procurement::readable(&state, &actor, &slug).await?;
    let list = super::list(&state, &actor, &opened).await?;
    let flavour = crate::web::csv_out::Flavour::from_param(query.sep.as_deref());
    let body = super::csv(&list, flavour)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"krav-{}.csv\"",
                opened.procurement.slug
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

// ---- Adding and changing one ---------------------------------------------------------------

/// The requirement form, as posted (the needs ticked repeat).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RequirementForm {
    csrf: String,
    title: String,
    text: String,
    kind: String,
    weight: String,
    number: String,
    /// The needs ticked (slugs).
    needs: Vec<String>,
    /// Further needs by address, one a line.
    more_needs: String,
    /// Evidence by address, one a line.
    evidence: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A whole number typed into `field`, blank for none.
fn whole_number(
    text: &str,
    field: &str,
    message: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<i32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            issues.push(FieldIssue::new(field, message));
            None
        }
    }
}

impl RequirementForm {
    fn input(&self) -> (RequirementInput, Vec<FieldIssue>) {
        let mut issues = Vec::new();
        let weight = whole_number(
            &self.weight,
            "weight",
            "procurement-error-weight-range",
            &mut issues,
        );
        let number = whole_number(
            &self.number,
            "number",
            "procurement-error-number-range",
            &mut issues,
        );
        let mut needs: Vec<String> = self
            .needs
            .iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        needs.extend(lines(&self.more_needs));
        let input = RequirementInput {
            title: self.title.clone(),
            text: self.text.clone(),
            kind: self.kind.clone(),
            weight,
            number,
            needs,
            evidence: lines(&self.evidence),
        };
        (input, issues)
    }
}

/// A need offered in the form, with the organisations that have it.
#[derive(Debug, Clone)]
pub struct NeedChoice {
    pub slug: String,
    pub title: String,
    pub organisations: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "procurement/requirement_form.html")]
pub struct FormPage {
    pub p: ProcurementView,
    pub heading: String,
    pub action: String,
    pub button: String,
    pub csrf: String,
    pub title: String,
    pub text: String,
    pub kinds: Vec<Choice>,
    pub weight: String,
    pub number: String,
    pub needs: Vec<NeedChoice>,
    pub more_needs: String,
    pub evidence: String,
    /// Links of the requirement the writer may not open; they stay.
    pub hidden_links: usize,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

/// The form for the procurement behind `slug`: to add one, or to change `editing`.
async fn form_page(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    form: &RequirementForm,
    errors: Vec<FieldIssue>,
    editing: Option<&RequirementView>,
) -> Result<FormPage, AppError> {
    let actor = user.actor();
    let opened = crate::procurement::readable(state, &actor, slug).await?;
    let p = crate::procurement::view(state, &opened).await?;
    // The needs offered: those of the procurement's category, and those it answers now.
    let mut offered = super::category_needs(state, &actor, &opened.procurement).await?;
    if let Some(r) = editing {
        for n in &r.needs {
            if !offered.iter().any(|o| o.id == n.id) {
                offered.push(n.clone());
            }
        }
    }
    let ticked: Vec<&str> = form.needs.iter().map(|n| n.trim()).collect();
    let needs = offered
        .into_iter()
        .map(|n| NeedChoice {
            selected: ticked.contains(&n.slug.as_str()),
            organisations: n.organisation_names(),
            slug: n.slug,
            title: n.title,
        })
        .collect();
    let (heading, action, button) = match editing {
        Some(r) => (
            i18n::text_with(
                i18n::lang(),
                "procurement-req-edit-heading",
                &[
                    ("number", r.number.to_string().into()),
                    ("title", r.title.as_str().into()),
                ],
            ),
            format!("{}/krav/{}/andra", p.url, r.id),
            i18n::t("procurement-req-save"),
        ),
        None => (
            i18n::t_with("procurement-req-new-heading", "title", &p.title),
            format!("{}/krav", p.url),
            i18n::t("procurement-req-add-button"),
        ),
    };
    Ok(FormPage {
        heading,
        action,
        button,
        csrf: user.0.csrf.clone(),
        title: form.title.clone(),
        text: form.text.clone(),
        kinds: choices(
            RequirementKind::ALL,
            RequirementKind::as_str,
            RequirementKind::label,
            if form.kind.is_empty() {
                RequirementKind::Ska.as_str()
            } else {
                &form.kind
            },
        ),
        weight: form.weight.clone(),
        number: form.number.clone(),
        needs,
        more_needs: form.more_needs.clone(),
        evidence: form.evidence.clone(),
        hidden_links: editing.map_or(0, |r| r.hidden_links),
        errors,
        p,
    })
}

async fn new_form(
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::contributable(&state, &by, &slug).await?;
    let view = form_page(
        &state,
        &user,
        &slug,
        &RequirementForm::default(),
        Vec::new(),
        None,
    )
    .await?;
    page(HttpResponse::Ok(), &view)
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: RequirementForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (input, issues) = form.input();
    let result = if issues.is_empty() {
        super::create(&state, &by, &slug, input).await
    } else {
        super::contributable(&state, &by, &slug).await?;
        Err(AppError::Invalid(issues))
    };
    match result {
        Ok((p, r)) => Ok(frame::see_other(
            &format!("{}/krav#krav-{}", crate::procurement::url(&p), r.id),
            &i18n::t("procurement-req-added"),
        )),
        Err(AppError::Invalid(errors)) => {
            let view = form_page(&state, &user, &slug, &form, errors, None).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

/// The requirement `id` of the procurement behind `slug`, as `user` sees it, if they may
/// change it.
async fn to_change(
    state: &AppState,
    by: &By,
    slug: &str,
    id: Uuid,
) -> Result<RequirementView, AppError> {
    let p = super::contributable(state, by, slug).await?;
    let opened = crate::procurement::readable(state, &by.actor, &p.id.to_string()).await?;
    super::one(state, &by.actor, &opened, id).await
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let r = to_change(&state, &by, &slug, id).await?;
    let form = RequirementForm {
        csrf: String::new(),
        title: r.title.clone(),
        text: r.text_markdown.clone(),
        kind: r.kind.clone(),
        weight: r.weight.map(|w| w.to_string()).unwrap_or_default(),
        number: r.number.to_string(),
        needs: r.needs.iter().map(|n| n.slug.clone()).collect(),
        more_needs: String::new(),
        evidence: r
            .evidence
            .iter()
            .map(|e| e.address.clone())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let view = form_page(&state, &user, &slug, &form, Vec::new(), Some(&r)).await?;
    page(HttpResponse::Ok(), &view)
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: RequirementForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, id) = path.into_inner();
    let current = to_change(&state, &by, &slug, id).await?;
    let (input, issues) = form.input();
    let result = if issues.is_empty() {
        super::update(&state, &by, &slug, id, input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match result {
        Ok((p, r)) => Ok(frame::see_other(
            &format!("{}/krav#krav-{}", crate::procurement::url(&p), r.id),
            &i18n::t("procurement-req-saved"),
        )),
        Err(AppError::Invalid(errors)) => {
            let view = form_page(&state, &user, &slug, &form, errors, Some(&current)).await?;
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

async fn remove_confirm(
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let r = to_change(&state, &by, &slug, id).await?;
    let opened = crate::procurement::readable(&state, &by.actor, &slug).await?;
    let back = format!("{}/krav", crate::procurement::url(&opened.procurement));
    page(
        HttpResponse::Ok(),
        &crate::web::confirm::ConfirmPage {
            heading: i18n::text_with(
                i18n::lang(),
                "procurement-req-remove-heading",
                &[
                    ("number", r.number.to_string().into()),
                    ("title", r.title.as_str().into()),
                ],
            ),
            explanation: i18n::t("procurement-req-remove-text"),
            action: format!("{back}/{id}/ta-bort"),
            csrf: user.0.csrf.clone(),
            button: i18n::t("procurement-req-remove-button"),
            back,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CsrfForm {
    csrf: String,
}

async fn remove_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, id) = path.into_inner();
    let p = super::remove(&state, &by, &slug, id).await?;
    Ok(frame::see_other(
        &format!("{}/krav", crate::procurement::url(&p)),
        &i18n::t("procurement-req-removed"),
    ))
}

// ---- The API -------------------------------------------------------------------------------

/// A procurement's requirements in their order, with the sum of the bör-krav's weights and
/// the procurement's needs with the requirements covering each (members only; everyone else
/// gets 404). Linked needs and evidence the caller may not read are counted, not shown.
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/requirements",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = RequirementList),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<RequirementList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::list(&state, &actor, &opened).await?))
}

/// Adds a requirement (the procurement's leads and members; observers get 403). Needs and
/// evidence must be ones the caller may read. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/requirements",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = RequirementInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RequirementView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<RequirementInput>,
) -> Result<HttpResponse, AppError> {
    let (p, r) = super::create(&state, &by, &id, input.into_inner()).await?;
    let opened = crate::procurement::readable(&state, &by.actor, &p.id.to_string()).await?;
    let view = super::one(&state, &by.actor, &opened, r.id).await?;
    // No Location: the new item's address is in the body (`id`); schemathesis's link
    // inference misreads a nested Location as an address of other operations.
    Ok(HttpResponse::Created().json(view))
}

/// One requirement (members only; everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/requirements/{requirement_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("requirement_id" = Uuid, Path, description = "The requirement's UUID"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = RequirementView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, Uuid)>,
) -> Result<web::Json<RequirementView>, AppError> {
    let (id, requirement) = path.into_inner();
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::one(&state, &actor, &opened, requirement).await?,
    ))
}

/// Changes a requirement (leads and members); same body as adding one. Links to needs and
/// evidence the caller may not read stay. Requires a bearer token with the `write` scope.
#[utoipa::path(
    put,
    path = "/api/v1/procurements/{id}/requirements/{requirement_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("requirement_id" = Uuid, Path, description = "The requirement's UUID"),
    ),
    request_body = RequirementInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RequirementView),
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
    path: web::Path<(String, Uuid)>,
    input: web::Json<RequirementInput>,
) -> Result<web::Json<RequirementView>, AppError> {
    let (id, requirement) = path.into_inner();
    let (p, r) = super::update(&state, &by, &id, requirement, input.into_inner()).await?;
    let opened = crate::procurement::readable(&state, &by.actor, &p.id.to_string()).await?;
    Ok(web::Json(
        super::one(&state, &by.actor, &opened, r.id).await?,
    ))
}

/// Removes a requirement (leads and members). Requires a bearer token with the `write` scope.
#[utoipa::path(
    delete,
    path = "/api/v1/procurements/{id}/requirements/{requirement_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("requirement_id" = Uuid, Path, description = "The requirement's UUID"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn remove(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (id, requirement) = path.into_inner();
    super::remove(&state, &by, &id, requirement).await?;
    Ok(HttpResponse::NoContent().finish())
}
