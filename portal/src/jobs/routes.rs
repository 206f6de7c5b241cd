//! `/admin/jobb`: the job queue for node staff — what is queued, running and failed (with the
//! last error), and a button that puts a failed job back in the queue.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;

use super::JobState;
use crate::audit::By;
use crate::auth::{NodeAdmin, csrf};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Pager, page};

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/jobb", web::get().to(jobs_page))
        .route("/admin/jobb/{id}/forsok-igen", web::post().to(retry));
}

#[derive(Deserialize)]
struct Filter {
    #[serde(default)]
    tillstand: String,
    page: Option<u64>,
}

pub struct Row {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub failed: bool,
    pub attempts: String,
    pub run_at: String,
    pub created_at: String,
    pub finished_at: String,
    pub last_error: String,
}

pub struct StateChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "jobs/index.html")]
pub struct JobsPage {
    pub csrf: String,
    pub choices: Vec<StateChoice>,
    pub rows: Vec<Row>,
    pub total: u64,
    pub pager: Pager,
    pub back: String,
}

async fn jobs_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let chosen = JobState::parse(&filter.tillstand);
    let current = filter.page.unwrap_or(1).max(1);
    let (rows, total) = super::page(&state.db, chosen, current, PER_PAGE).await?;
    let counts = super::counts(&state.db).await?;
    let count = |s: JobState| counts.get(s.as_str()).copied().unwrap_or(0);
    let not_done: u64 = [JobState::Queued, JobState::Running, JobState::Failed]
        .into_iter()
        .map(count)
        .sum();
    let mut choices = vec![StateChoice {
        value: "",
        label: crate::web::i18n::t_count("jobs-all-not-done", "count", not_done),
        selected: chosen.is_none(),
    }];
    choices.extend(JobState::ALL.into_iter().map(|s| StateChoice {
        value: s.as_str(),
        label: format!("{} ({})", s.label(), count(s)),
        selected: chosen == Some(s),
    }));
    let tillstand = chosen.map(JobState::as_str).unwrap_or_default();
    let address = move |n: usize| {
        let mut pairs = vec![("page", n.to_string())];
        if !tillstand.is_empty() {
            pairs.insert(0, ("tillstand", tillstand.to_owned()));
        }
        format!(
            "/admin/jobb?{}",
            serde_html_form::to_string(&pairs).unwrap_or_default()
        )
    };
    let pager = Pager::new(current as usize, PER_PAGE as usize, total as usize, address);
    let view = JobsPage {
        csrf: admin.0.csrf.clone(),
        choices,
        rows: rows
            .into_iter()
            .map(|r| {
                let job_state = JobState::parse(&r.state);
                let max_attempts = r.max_attempts.to_string();
                Row {
                    id: r.id,
                    kind: r.kind,
                    state: job_state
                        .map_or_else(|| crate::web::i18n::t("jobs-state-unknown"), |s| s.label()),
                    failed: job_state == Some(JobState::Failed),
                    attempts: format!(
                        "{} {}",
                        r.attempts,
                        crate::web::i18n::t_with("jobs-attempts-of", "max", &max_attempts)
                    ),
                    run_at: crate::web::datetime_text(r.run_at),
                    created_at: crate::web::datetime_text(r.created_at),
                    finished_at: r
                        .finished_at
                        .map(crate::web::datetime_text)
                        .unwrap_or_default(),
                    last_error: r.last_error.unwrap_or_default(),
                }
            })
            .collect(),
        total,
        pager,
        back: address(current as usize),
    };
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    page(response, &view)
}

#[derive(Deserialize)]
struct RetryForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

async fn retry(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<i64>,
    form: web::Form<RetryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    super::retry_failed(&state, &by, id.into_inner()).await?;
    // Only back to the jobs page itself.
    let back = if form.back.starts_with("/admin/jobb?") || form.back == "/admin/jobb" {
        form.back.as_str()
    } else {
        "/admin/jobb"
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        .finish())
}
