//! The talk pages of a procurement (`/upphandlingar/{slug}/fragor`, `…/beslut`,
//! `…/referensgrupp`) and their API under `/api/v1/procurements/{id}/…`. The decision log
//! has no route that changes or removes an entry.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    DecisionInput, DecisionList, DecisionView, MeetingInput, MeetingList, MeetingView, PageQuery,
    QuestionInput, QuestionList, QuestionView, ReferenceEntryInput, ReferenceEntryView,
    ReferenceGroup, ReplyInput, ReplyView, Representation,
};
use crate::audit::By;
use crate::auth::{Action, Identity, Readable, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::procurement::Opened;
use crate::state::AppState;
use crate::web::i18n;
use crate::web::{Choice, Pager, api_resource, choices, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/upphandlingar/{slug}/fragor",
        web::get().to(questions_page),
    )
    .route("/upphandlingar/{slug}/fragor", web::post().to(ask_form))
    .route(
        "/upphandlingar/{slug}/fragor/{question}",
        web::get().to(question_page),
    )
    .route(
        "/upphandlingar/{slug}/fragor/{question}/svar",
        web::post().to(reply_form),
    )
    .route(
        "/upphandlingar/{slug}/beslut",
        web::get().to(decisions_page),
    )
    .route(
        "/upphandlingar/{slug}/beslut",
        web::post().to(decision_form),
    )
    .route(
        "/upphandlingar/{slug}/referensgrupp",
        web::get().to(reference_group_page),
    )
    .route(
        "/upphandlingar/{slug}/referensgrupp",
        web::post().to(reference_entry_form),
    )
    .route(
        "/upphandlingar/{slug}/referensgrupp/moten",
        web::post().to(meeting_form),
    )
    .service(api_resource!(
        "/api/v1/procurements/{id}/questions",
        get => list_questions,
        post => ask
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/questions/{question_id}",
        get => get_question
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/questions/{question_id}/replies",
        post => reply
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/decisions",
        get => list_decisions,
        post => record_decision
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/decisions/{decision_id}",
        get => get_decision
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/reference-group",
        get => reference_group,
        post => add_reference_entry
    ))
    .service(api_resource!(
        "/api/v1/procurements/{id}/reference-meetings",
        get => list_meetings,
        post => record_meeting
    ));
}

/// What every talk page shows of its procurement: its name and address (for the
/// sub-navigation).
pub struct Head {
    pub url: String,
    pub title: String,
}

/// The procurement as `identity` opens it, whether they may write here, and their form token.
struct Opening {
    opened: Readable<Opened>,
    p: Head,
    csrf: Option<String>,
    may_contribute: bool,
}

async fn opening(state: &AppState, identity: &Identity, slug: &str) -> Result<Opening, AppError> {
    let actor = identity.actor.clone();
    let opened = crate::procurement::readable(state, &actor, slug).await?;
    let csrf = identity.session.as_ref().map(|s| s.csrf.clone());
    let may_contribute = csrf.is_some() && can(&actor, Action::Contribute, &opened.resource());
    let p = Head {
        url: crate::procurement::url(&opened.procurement),
        title: opened.procurement.title.clone(),
    };
    Ok(Opening {
        opened,
        p,
        csrf,
        may_contribute,
    })
}

fn pager(path: &str, page: usize, per_page: usize, total: usize) -> Pager {
    Pager::new(page, per_page, total, |n| {
        crate::web::list_page_link(path, &[], n)
    })
}

/// Answers a form: on success the redirect, on invalid input the page again (422) with the
/// errors; anything else as it is.
async fn answer<T, P, F>(
    result: Result<T, AppError>,
    done: impl FnOnce(T) -> HttpResponse,
    again: F,
) -> Result<HttpResponse, AppError>
where
    P: Template,
    F: AsyncFnOnce(Vec<FieldIssue>) -> Result<P, AppError>,
{
    match result {
        Ok(value) => Ok(done(value)),
        Err(AppError::Invalid(errors)) => {
            page(HttpResponse::UnprocessableEntity(), &again(errors).await?)
        }
        Err(other) => Err(other),
    }
}

// ---- Questions ------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QuestionForm {
    csrf: String,
    title: String,
    text: String,
}

#[derive(Template)]
#[template(path = "procurement/questions.html")]
pub struct QuestionsPage {
    pub p: Head,
    pub list: QuestionList,
    pub pager: Pager,
    pub csrf: Option<String>,
    pub may_contribute: bool,
    pub title: String,
    pub text: String,
    pub errors: Vec<FieldIssue>,
}

impl QuestionsPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

async fn questions_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    page_number: Option<usize>,
    typed: &QuestionForm,
    errors: Vec<FieldIssue>,
) -> Result<QuestionsPage, AppError> {
    let o = opening(state, identity, slug).await?;
    let list = super::questions(state, &o.opened, page_number).await?;
    let pager = pager(
        &super::questions_url(&o.opened.procurement),
        list.page,
        list.per_page,
        list.total,
    );
    Ok(QuestionsPage {
        p: o.p,
        list,
        pager,
        csrf: o.csrf,
        may_contribute: o.may_contribute,
        title: typed.title.clone(),
        text: typed.text.clone(),
        errors,
    })
}

async fn questions_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let view = questions_view(
        &state,
        &identity,
        &slug,
        query.page,
        &QuestionForm::default(),
        Vec::new(),
    )
    .await?;
    page(HttpResponse::Ok(), &view)
}

async fn ask_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let input = QuestionInput {
        title: form.title.clone(),
        text: form.text.clone(),
    };
    let result = super::ask(&state, &by, &slug, input).await;
    let slug = slug.into_inner();
    answer(
        result,
        |q| {
            frame::see_other(
                &format!("/upphandlingar/{slug}/fragor/{}", q.id),
                &i18n::t("procurement-talk-asked"),
            )
        },
        async |errors| questions_view(&state, &identity, &slug, None, &form, errors).await,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReplyForm {
    csrf: String,
    text: String,
}

#[derive(Template)]
#[template(path = "procurement/question.html")]
pub struct QuestionPage {
    pub p: Head,
    pub q: QuestionView,
    pub pager: Pager,
    pub csrf: Option<String>,
    pub may_contribute: bool,
    pub text: String,
    pub errors: Vec<FieldIssue>,
}

impl QuestionPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

async fn question_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    question_id: Uuid,
    page_number: Option<usize>,
    typed: &ReplyForm,
    errors: Vec<FieldIssue>,
) -> Result<QuestionPage, AppError> {
    let o = opening(state, identity, slug).await?;
    let q = super::question(state, &o.opened, question_id, page_number).await?;
    let pager = pager(&q.url, q.page, q.per_page, q.reply_count);
    Ok(QuestionPage {
        p: o.p,
        q,
        pager,
        csrf: o.csrf,
        may_contribute: o.may_contribute,
        text: typed.text.clone(),
        errors,
    })
}

async fn question_page(
    state: web::Data<AppState>,
    identity: Identity,
    path: web::Path<(String, Uuid)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, question_id) = path.into_inner();
    let view = question_view(
        &state,
        &identity,
        &slug,
        question_id,
        query.page,
        &ReplyForm::default(),
        Vec::new(),
    )
    .await?;
    page(HttpResponse::Ok(), &view)
}

async fn reply_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    path: web::Path<(String, Uuid)>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let (slug, question_id) = path.into_inner();
    let input = ReplyInput {
        text: form.text.clone(),
    };
    let result = super::reply(&state, &by, &slug, question_id, input).await;
    answer(
        result,
        |(q, r)| {
            frame::see_other(
                &format!("/upphandlingar/{slug}/fragor/{}#svar-{}", q.id, r.id),
                &i18n::t("procurement-talk-replied"),
            )
        },
        async |errors| {
            question_view(&state, &identity, &slug, question_id, None, &form, errors).await
        },
    )
    .await
}

// ---- Decisions ------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecisionForm {
    csrf: String,
    decided_on: String,
    decision: String,
    rationale: String,
    decided_by: String,
    corrects: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecisionsQuery {
    page: Option<usize>,
    /// The number of the decision the form is to correct.
    rattar: Option<i32>,
}

#[derive(Template)]
#[template(path = "procurement/decisions.html")]
pub struct DecisionsPage {
    pub p: Head,
    pub list: DecisionList,
    pub pager: Pager,
    pub csrf: Option<String>,
    pub may_contribute: bool,
    pub decided_on: String,
    pub decision: String,
    pub rationale: String,
    pub decided_by: String,
    pub corrects: String,
    pub errors: Vec<FieldIssue>,
}

impl DecisionsPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

async fn decisions_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    page_number: Option<usize>,
    typed: &DecisionForm,
    errors: Vec<FieldIssue>,
) -> Result<DecisionsPage, AppError> {
    let o = opening(state, identity, slug).await?;
    let list = super::decisions(state, &o.opened, page_number).await?;
    let pager = pager(
        &super::decisions_url(&o.opened.procurement),
        list.page,
        list.per_page,
        list.total,
    );
    Ok(DecisionsPage {
        p: o.p,
        list,
        pager,
        csrf: o.csrf,
        may_contribute: o.may_contribute,
        decided_on: typed.decided_on.clone(),
        decision: typed.decision.clone(),
        rationale: typed.rationale.clone(),
        decided_by: typed.decided_by.clone(),
        corrects: typed.corrects.clone(),
        errors,
    })
}

async fn decisions_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    query: web::Query<DecisionsQuery>,
) -> Result<HttpResponse, AppError> {
    let typed = DecisionForm {
        corrects: query.rattar.map(|n| n.to_string()).unwrap_or_default(),
        ..DecisionForm::default()
    };
    let view = decisions_view(&state, &identity, &slug, query.page, &typed, Vec::new()).await?;
    page(HttpResponse::Ok(), &view)
}

async fn decision_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let decided_on = crate::web::date_field(&form.decided_on, "decided_on", &mut issues);
    let corrects = match form.corrects.trim() {
        "" => None,
        n => match n.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                issues.push(FieldIssue::new(
                    "corrects",
                    "procurement-error-corrects-number",
                ));
                None
            }
        },
    };
    let result = if issues.is_empty() {
        let input = DecisionInput {
            decided_on,
            decision: form.decision.clone(),
            rationale: form.rationale.clone(),
            decided_by: form.decided_by.clone(),
            corrects,
        };
        super::record_decision(&state, &by, &slug, input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    let slug = slug.into_inner();
    answer(
        result,
        |d| {
            frame::see_other(
                &format!("/upphandlingar/{slug}/beslut#beslut-{}", d.number),
                &i18n::t_with(
                    "procurement-talk-decision-recorded",
                    "number",
                    &d.number.to_string(),
                ),
            )
        },
        async |errors| decisions_view(&state, &identity, &slug, None, &form, errors).await,
    )
    .await
}

// ---- The reference group --------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReferenceForm {
    csrf: String,
    representation: String,
    description: String,
    held_on: String,
    notes: String,
}

#[derive(Template)]
#[template(path = "procurement/reference_group.html")]
pub struct ReferenceGroupPage {
    pub p: Head,
    pub group: ReferenceGroup,
    pub meetings: MeetingList,
    pub pager: Pager,
    pub csrf: Option<String>,
    pub may_contribute: bool,
    pub representations: Vec<Choice>,
    pub description: String,
    pub held_on: String,
    pub notes: String,
    pub errors: Vec<FieldIssue>,
}

impl ReferenceGroupPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

async fn reference_group_view(
    state: &AppState,
    identity: &Identity,
    slug: &str,
    page_number: Option<usize>,
    typed: &ReferenceForm,
    errors: Vec<FieldIssue>,
) -> Result<ReferenceGroupPage, AppError> {
    let o = opening(state, identity, slug).await?;
    let group = super::reference_group(state, &o.opened).await?;
    let meetings = super::meetings(state, &o.opened, page_number).await?;
    let pager = pager(
        &super::reference_group_url(&o.opened.procurement),
        meetings.page,
        meetings.per_page,
        meetings.total,
    );
    Ok(ReferenceGroupPage {
        p: o.p,
        group,
        meetings,
        pager,
        csrf: o.csrf,
        may_contribute: o.may_contribute,
        representations: choices(
            Representation::ALL,
            Representation::as_str,
            Representation::label,
            &typed.representation,
        ),
        description: typed.description.clone(),
        held_on: typed.held_on.clone(),
        notes: typed.notes.clone(),
        errors,
    })
}

async fn reference_group_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let view = reference_group_view(
        &state,
        &identity,
        &slug,
        query.page,
        &ReferenceForm::default(),
        Vec::new(),
    )
    .await?;
    page(HttpResponse::Ok(), &view)
}

async fn reference_entry_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<ReferenceForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let input = ReferenceEntryInput {
        representation: form.representation.clone(),
        description: form.description.clone(),
    };
    let result = super::add_reference_entry(&state, &by, &slug, input).await;
    let slug = slug.into_inner();
    answer(
        result,
        |_| {
            frame::see_other(
                &format!("/upphandlingar/{slug}/referensgrupp#sammansattning"),
                &i18n::t("procurement-talk-reference-updated"),
            )
        },
        async |errors| reference_group_view(&state, &identity, &slug, None, &form, errors).await,
    )
    .await
}

async fn meeting_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<ReferenceForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let held_on = crate::web::date_field(&form.held_on, "held_on", &mut issues);
    let result = if issues.is_empty() {
        let input = MeetingInput {
            held_on,
            notes: form.notes.clone(),
        };
        super::record_meeting(&state, &by, &slug, input).await
    } else {
        Err(AppError::Invalid(issues))
    };
    let slug = slug.into_inner();
    answer(
        result,
        |_| {
            frame::see_other(
                &format!("/upphandlingar/{slug}/referensgrupp#moten"),
                &i18n::t("procurement-talk-meeting-saved"),
            )
        },
        async |errors| reference_group_view(&state, &identity, &slug, None, &form, errors).await,
    )
    .await
}

// ---- The API -------------------------------------------------------------------------------

/// The procurement's questions, the latest active first (members only; everyone else gets 404).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/questions",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = QuestionList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_questions(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<QuestionList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::questions(&state, &opened, query.page).await?,
    ))
}

/// Asks a question in the procurement (its leads and members); the other members are
/// e-mailed. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/questions",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = QuestionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = QuestionView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn ask(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<QuestionInput>,
) -> Result<HttpResponse, AppError> {
    let q = super::ask(&state, &by, &id, input.into_inner()).await?;
    let opened = crate::procurement::readable(&state, &by.actor, &id).await?;
    let view = super::question(&state, &opened, q.id, None).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!(
                "/api/v1/procurements/{}/questions/{}",
                opened.procurement.id, q.id
            ),
        ))
        .json(view))
}

/// One question with a page of its replies, the oldest first (members only).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/questions/{question_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("question_id" = String, Path, description = "The question's UUID"),
        PageQuery,
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = QuestionView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn get_question(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    path: web::Path<(String, Uuid)>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<QuestionView>, AppError> {
    let (id, question_id) = path.into_inner();
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::question(&state, &opened, question_id, query.page).await?,
    ))
}

/// Replies to a question (the procurement's leads and members); the other members are
/// e-mailed. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/questions/{question_id}/replies",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("question_id" = String, Path, description = "The question's UUID"),
    ),
    request_body = ReplyInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ReplyView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn reply(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, Uuid)>,
    input: web::Json<ReplyInput>,
) -> Result<HttpResponse, AppError> {
    let (id, question_id) = path.into_inner();
    let (_, r) = super::reply(&state, &by, &id, question_id, input.into_inner()).await?;
    let view = super::reply_view(&state.db, r).await?;
    Ok(HttpResponse::Created().json(view))
}

/// The decision log, the newest first; a corrected decision names the decisions that correct
/// it (members only).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/decisions",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = DecisionList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_decisions(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<DecisionList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::decisions(&state, &opened, query.page).await?,
    ))
}

/// Records a decision (the procurement's leads and members). The log is append only: a
/// decision is never changed or removed; to correct one, record a new one with `corrects`
/// set to its number. Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/decisions",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = DecisionInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = DecisionView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn record_decision(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<DecisionInput>,
) -> Result<HttpResponse, AppError> {
    let d = super::record_decision(&state, &by, &id, input.into_inner()).await?;
    let opened = crate::procurement::readable(&state, &by.actor, &id).await?;
    let view = super::decision(&state, &opened, d.id).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!(
                "/api/v1/procurements/{}/decisions/{}",
                opened.procurement.id, d.id
            ),
        ))
        .json(view))
}

/// One decision (members only). There is no way to change or remove it.
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/decisions/{decision_id}",
    tag = "procurements",
    params(
        ("id" = String, Path, description = "The procurement's UUID or slug"),
        ("decision_id" = String, Path, description = "The decision's UUID"),
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = DecisionView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get_decision(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    path: web::Path<(String, Uuid)>,
) -> Result<web::Json<DecisionView>, AppError> {
    let (id, decision_id) = path.into_inner();
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::decision(&state, &opened, decision_id).await?,
    ))
}

/// The reference group's composition (members only).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/reference-group",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = ReferenceGroup),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn reference_group(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    id: web::Path<String>,
) -> Result<web::Json<ReferenceGroup>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(super::reference_group(&state, &opened).await?))
}

/// Adds a part to the reference group (the procurement's leads and members): whom it
/// represents and who they are, without names of care recipients. Requires a bearer token
/// with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/reference-group",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = ReferenceEntryInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ReferenceEntryView),
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
pub async fn add_reference_entry(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<ReferenceEntryInput>,
) -> Result<HttpResponse, AppError> {
    let e = super::add_reference_entry(&state, &by, &id, input.into_inner()).await?;
    Ok(HttpResponse::Created().json(ReferenceEntryView::from(e)))
}

/// The reference group's meetings, the latest first (members only).
#[utoipa::path(
    get,
    path = "/api/v1/procurements/{id}/reference-meetings",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug"), PageQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = MeetingList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list_meetings(
    state: web::Data<AppState>,
    actor: crate::auth::Actor,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<MeetingList>, AppError> {
    let opened = crate::procurement::readable(&state, &actor, &id).await?;
    Ok(web::Json(
        super::meetings(&state, &opened, query.page).await?,
    ))
}

/// Records a meeting of the reference group with its notes (the procurement's leads and
/// members). Requires a bearer token with the `write` scope.
#[utoipa::path(
    post,
    path = "/api/v1/procurements/{id}/reference-meetings",
    tag = "procurements",
    params(("id" = String, Path, description = "The procurement's UUID or slug")),
    request_body = MeetingInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = MeetingView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn record_meeting(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<MeetingInput>,
) -> Result<HttpResponse, AppError> {
    let m = super::record_meeting(&state, &by, &id, input.into_inner()).await?;
    let view = super::meeting_views(&state.db, vec![m])
        .await?
        .pop()
        .ok_or(AppError::NotFound("mötet"))?;
    Ok(HttpResponse::Created().json(view))
}
