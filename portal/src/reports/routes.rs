//! The report page and `/api/v1/reports`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;
use uuid::Uuid;

use super::{ReportInput, ReportView};
use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::{self, Action, Actor, Identity, Resource, Staff, csrf};
use crate::blobs::routes::Files as _;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::api_resource;
use crate::web::markdown::SafeHtml;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/{slug}", web::get().to(report_page))
        .route("/rapporter/{slug}/skicka", web::post().to(submit_form))
        .route("/rapporter/{slug}/granska", web::post().to(review_form))
        .route("/rapporter/{slug}/historik", web::get().to(history_page))
        .configure(super::drafts::configure)
        .route("/granskning", web::get().to(review_queue))
        .service(api_resource!("/api/v1/reports/{id}/submit", post => submit))
        .service(api_resource!("/api/v1/reports/{id}/review", post => review))
        .service(api_resource!("/api/v1/reports/{id}/revisions", get => revisions))
        .service(api_resource!("/api/v1/reports/{id}/revisions/{from}/{to}", get => compare))
        .service(api_resource!("/api/v1/reports", post => create))
        .service(api_resource!(
            "/api/v1/reports/{id}",
            get => get,
            put => update,
            patch => patch,
            delete => delete
        ));
}

fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound("rapporten"))
}

async fn readable(
    state: &AppState,
    actor: Actor,
    report: Option<super::entity::Model>,
) -> Result<ReportView, AppError> {
    let Some(r) = report else {
        return Err(AppError::NotFound("rapporten"));
    };
    let resource = super::resource_in(&state.db, &r, &state.catalog.get()).await?;
    if auth::can(&actor, Action::Read, &resource) {
        Ok(super::view(state, r).await?)
    } else {
        Err(AppError::NotFound("rapporten"))
    }
}

/// One report.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<ReportView>, AppError> {
    let id = parse_id(&id)?;
    let report = super::get(&state.db, id).await?;
    Ok(web::Json(readable(&state, actor, report).await?))
}

/// Creates a report. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    request_body = ReportInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ReportView),
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
    input: web::Json<ReportInput>,
) -> Result<HttpResponse, AppError> {
    let report = super::create(&state, &by, input.into_inner()).await?;
    let view = super::view(&state, report).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/reports/{}", view.id)))
        .json(view))
}

/// Replaces a report's content. Requires a bearer token: a personal access token with the `write` scope, or the administrator token. A member's edit of a published report waits for review (`POST /api/v1/reports/{id}/review`): until node staff approve it, the report, and this answer, show the published version.
#[utoipa::path(
    put,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    request_body = ReportInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
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
pub async fn update(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<ReportInput>,
) -> Result<web::Json<ReportView>, AppError> {
    let report = super::update(&state, &by, parse_id(&id)?, input.into_inner()).await?;
    Ok(web::Json(super::view(&state, report).await?))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT` takes, applied to the report as it stands (for a member whose edit of the published report waits for review, to that edit) and then saved as that `PUT` would be: a member's edit of a published report waits for review in the same way. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    patch,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    request_body(content(
        (super::ReportPatch = "application/merge-patch+json"),
        (super::ReportPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
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
pub async fn patch(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    patch: web::Json<serde_json::Value>,
) -> Result<web::Json<ReportView>, AppError> {
    let id = parse_id(&id)?;
    let current = super::current_input(&state, &by, id).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let report = super::update(&state, &by, id, input).await?;
    Ok(web::Json(super::view(&state, report).await?))
}

/// Deletes a report: a draft (or one sent back) by its writers' organisation, a report sent for review or published by its organisation's coordinators and node staff. Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    delete,
    path = "/api/v1/reports/{id}",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::delete(&state, &by, parse_id(&id)?).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/show.html")]
pub struct ReportPage {
    pub report: ReportView,
    /// Whether the viewer may edit the report (shows the edit link).
    pub editable: bool,
    pub similar: Vec<crate::search::HitView>,
    pub body: SafeHtml,
    pub date: String,
    pub updated: String,
    /// The viewer's form token, when signed in through the browser.
    pub csrf: Option<String>,
    /// Whether the viewer may send the report for review.
    pub may_submit: bool,
    /// Whether the viewer reviews it now (node staff, report waiting).
    pub may_review: bool,
    pub published: bool,
    /// The trial the report concludes, if the viewer may open it.
    pub trial: Option<crate::trials::TrialRef>,
    /// The report's files ("Bilagor").
    pub attachments: crate::blobs::pages::Section,
    /// The report's comments ("Kommentarer").
    pub comments: crate::comments::Section,
    /// A member's edit of the published report, shown to its writers and to node staff.
    pub pending: Option<PendingEdit>,
    /// The reviewer's form as typed, shown again with its error.
    pub review_comment: String,
    pub review_error: Option<String>,
    /// How current the published report is, with the forms to keep it so.
    pub freshness_panel: Option<crate::freshness::Panel>,
}

/// An edit of a published report that waits for review (or was sent back).
pub struct PendingEdit {
    /// Whether it still waits (else it was sent back with comments).
    pub waiting: bool,
    pub by: String,
    pub at: String,
    pub comment: Option<String>,
    /// What the edit changes, line by line (title first).
    pub lines: Vec<super::review::DiffLine>,
}

async fn report_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<ReportPage, AppError> {
    report_view(&state, identity, &slug, String::new(), None).await
}

/// The report page, with the reviewer's form as typed and its error (none when shown afresh).
async fn report_view(
    state: &AppState,
    identity: Identity,
    slug: &str,
    review_comment: String,
    review_error: Option<String>,
) -> Result<ReportPage, AppError> {
    let actor = identity.actor.clone();
    let report = super::by_slug(&state.db, slug).await?;
    let mut editable = false;
    let mut pending = None;
    let mut comment_item = None;
    if let Some(r) = &report {
        let resource = super::resource_in(&state.db, r, &state.catalog.get()).await?;
        comment_item = Some(super::comments::item_ref(r, &resource));
        editable = super::may_edit(&actor, r, &resource);
        let reviewer = auth::can(&actor, Action::Review, &Resource::ReviewQueue);
        if let Some(input) = r.pending_input.as_deref()
            && (editable || reviewer)
            && auth::can(&actor, Action::Read, &resource)
        {
            pending = Some(pending_edit(r, input));
        }
    }
    let report = readable(state, actor.clone(), report).await?;
    let published = report.status == super::model::Status::Publicerad.as_str();
    let similar = if published {
        crate::search::more_like_this(state, actor.clone(), report.id.to_string(), 5).await?
    } else {
        Vec::new()
    };
    let trial = match report.trial_id {
        Some(id) => crate::trials::readable_by_slug(state, &actor, &id.to_string())
            .await
            .ok()
            .map(|t| crate::trials::TrialRef::from(&*t)),
        None => None,
    };
    let waiting = report.status == super::model::Status::Granskas.as_str()
        || pending.as_ref().is_some_and(|p| p.waiting);
    let holder =
        super::attachments::ReportFiles::holder(state, &actor, &report.id.to_string()).await?;
    let attachments = crate::blobs::pages::Section::of(state, &identity, &holder).await?;
    // Read only once the report was found readable above.
    let comments = match comment_item {
        Some(item) => crate::comments::section(state, &identity, item).await?,
        None => return Err(AppError::NotFound("rapporten")),
    };
    let csrf = identity.session.map(|s| s.csrf);
    let freshness_panel = if published {
        Some(
            crate::freshness::panel(
                state,
                &actor,
                report.freshness,
                &report.url,
                editable,
                csrf.as_ref(),
            )
            .await?,
        )
    } else {
        None
    };
    Ok(ReportPage {
        freshness_panel,
        attachments,
        comments,
        pending,
        review_comment,
        review_error,
        may_submit: editable
            && matches!(
                super::model::Status::parse(&report.status),
                Some(super::model::Status::Utkast | super::model::Status::Returnerad)
            ),
        may_review: waiting && auth::can(&actor, Action::Review, &Resource::ReviewQueue),
        csrf,
        published,
        trial,
        editable,
        similar,
        body: SafeHtml::trusted(report.body_html.clone()),
        date: crate::web::date_text(report.published_on),
        updated: crate::web::datetime_text(report.updated_at),
        report,
    })
}

/// What a waiting edit changes, for its writers and the reviewer.
fn pending_edit(report: &super::entity::Model, input: &str) -> PendingEdit {
    let edit: ReportInput = serde_json::from_str(input).unwrap_or_default();
    let body = if edit.sections.is_empty() {
        edit.body.clone()
    } else {
        super::body_of_sections(&edit.sections)
    };
    PendingEdit {
        waiting: super::review::edit_waits(report),
        by: report.pending_by.clone().unwrap_or_default(),
        at: report
            .pending_at
            .map(crate::web::datetime_text)
            .unwrap_or_default(),
        comment: report.review_comment.clone(),
        lines: super::review::diff_lines(
            &format!("# {}\n\n{}", report.title, report.body_md),
            &format!("# {}\n\n{}", edit.title.trim(), body),
        ),
    }
}

async fn submit_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let report = super::readable_by_slug(&state, &by.actor, &slug).await?;
    let report = super::review::submit(&state, &by, report.id).await?;
    Ok(crate::web::frame::see_other(
        &super::url(&report),
        &crate::web::i18n::t("reports-sent-for-review"),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReviewForm {
    csrf: String,
    decision: String,
    comment: String,
}

async fn review_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: Staff,
    by: By,
    slug: web::Path<String>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let report = super::readable_by_slug(&state, &by.actor, &slug).await?;
    let decided = match form.decision.as_str() {
        "publicera" => Ok(super::review::Decision::Publish),
        "returnera" => Ok(super::review::Decision::Return),
        _ => Err(AppError::invalid(
            "comment",
            "reports-error-review-decision-missing",
        )),
    };
    let reviewed = match decided {
        Ok(decision) => super::review::review(
            &state,
            &by,
            report.id,
            super::review::ReviewInput {
                decision,
                comment: form.comment.clone(),
            },
        )
        .await
        .map(|r| (r, decision)),
        Err(e) => Err(e),
    };
    match reviewed {
        Ok((report, decision)) => Ok(crate::web::frame::see_other(
            &super::url(&report),
            &match decision {
                super::review::Decision::Publish => crate::web::i18n::t("reports-published"),
                super::review::Decision::Return => crate::web::i18n::t("reports-returned"),
            },
        )),
        Err(AppError::Invalid(issues)) => {
            let message = crate::error::message_of(&issues, "comment").or_else(|| {
                issues
                    .first()
                    .map(|i| crate::web::i18n::message(&i.message))
            });
            let view = report_view(&state, identity, &slug, form.comment.clone(), message).await?;
            crate::web::page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/review_queue.html")]
pub struct ReviewQueuePage {
    /// Address, title, organisation, when sent, and whether it is an edit of a published report.
    pub reports: Vec<(String, String, String, String, bool)>,
    pub pager: crate::web::Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QueueQuery {
    page: Option<usize>,
}

async fn review_queue(
    state: web::Data<AppState>,
    staff: Staff,
    query: web::Query<QueueQuery>,
) -> Result<ReviewQueuePage, AppError> {
    let catalog = state.catalog.get();
    let page = crate::web::page_number(query.page)?;
    let (waiting, total) = super::review::waiting(&state, &staff.actor(), page).await?;
    let reports = waiting
        .into_iter()
        .map(|r| {
            (
                super::url(&r),
                r.title.clone(),
                r.organisation_id
                    .and_then(|o| catalog.organisation_by_id(o))
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                crate::web::datetime_text(r.pending_at.unwrap_or(r.updated_at)),
                super::review::edit_waits(&r),
            )
        })
        .collect();
    let pager =
        crate::web::Pager::new(page, super::review::WAITING_PER_PAGE, total as usize, |n| {
            format!("/granskning?page={n}")
        });
    Ok(ReviewQueuePage { reports, pager })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CompareQuery {
    fran: Option<i32>,
    till: Option<i32>,
}

pub struct RevisionRow {
    pub number: i32,
    pub title: String,
    pub edited_by: String,
    pub edited_at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/history.html")]
pub struct HistoryPage {
    pub title: String,
    pub url: String,
    pub revisions: Vec<RevisionRow>,
    pub from: i32,
    pub to: i32,
    pub comparison: Option<super::review::Comparison>,
    pub published: bool,
}

async fn history_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<HistoryPage, AppError> {
    let report = super::readable_by_slug(&state, &actor, &slug).await?;
    let (report, revisions) = super::review::history(&state, &actor, report.id).await?;
    let newest = revisions.first().map_or(0, |r| r.number);
    let to = query.till.unwrap_or(newest);
    let from = query.fran.unwrap_or((to - 1).max(1));
    let comparison = if revisions.len() > 1 {
        Some(super::review::compare(&state, &actor, report.id, from, to).await?)
    } else {
        None
    };
    Ok(HistoryPage {
        published: super::is_published(&report),
        url: super::url(&report),
        title: report.title,
        revisions: revisions
            .iter()
            .map(|r| RevisionRow {
                number: r.number,
                title: r.title.clone(),
                edited_by: r.edited_by.clone(),
                edited_at: crate::web::datetime_text(r.edited_at),
            })
            .collect(),
        from,
        to,
        comparison,
    })
}

/// Sends a draft or returned report for review.
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/submit",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 409, response = crate::openapi::Conflict),
                (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<web::Json<ReportView>, AppError> {
    let report = super::review::submit(&state, &by, parse_id(&id)?).await?;
    Ok(web::Json(super::view(&state, report).await?))
}

/// Publishes a submitted report, or a member's edit waiting on a published one, or returns it with comments (node staff).
#[utoipa::path(
    post,
    path = "/api/v1/reports/{id}/review",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    request_body = super::review::ReviewInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportView),
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
pub async fn review(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<super::review::ReviewInput>,
) -> Result<web::Json<ReportView>, AppError> {
    let report = super::review::review(&state, &by, parse_id(&id)?, input.into_inner()).await?;
    Ok(web::Json(super::view(&state, report).await?))
}

/// The revisions of a report, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/revisions",
    tag = "reports",
    params(("id" = String, Path, description = "The report's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = [super::review::RevisionView]),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn revisions(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<Vec<super::review::RevisionView>>, AppError> {
    let (_, revisions) = super::review::history(&state, &actor, parse_id(&id)?).await?;
    Ok(web::Json(
        revisions.iter().map(super::review::revision_view).collect(),
    ))
}

/// What changed between two revisions, line by line.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/revisions/{from}/{to}",
    tag = "reports",
    params(
        ("id" = String, Path, description = "The report's UUID"),
        ("from" = i32, Path, description = "The older revision's number"),
        ("to" = i32, Path, description = "The newer revision's number"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = super::review::Comparison),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn compare(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, i32, i32)>,
) -> Result<web::Json<super::review::Comparison>, AppError> {
    let (id, from, to) = path.into_inner();
    Ok(web::Json(
        super::review::compare(&state, &actor, parse_id(&id)?, from, to).await?,
    ))
}
