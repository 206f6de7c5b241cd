//! The audit trail for node administrators: `/admin/logg` and its CSV export.

use actix_web::{HttpResponse, http::header, web};
use askama::Template;

use super::{Filter, PER_PAGE};
use crate::auth::NodeAdmin;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Pager, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/logg", web::get().to(audit_page))
        .route("/admin/logg.csv", web::get().to(audit_csv));
}

pub struct Row {
    pub at: String,
    pub actor: String,
    /// The action in Swedish words (the code when it has none).
    pub action: String,
    pub target: String,
    pub detail: String,
    pub client: String,
}

#[derive(Template)]
#[template(path = "audit/index.html")]
pub struct AuditPage {
    pub rows: Vec<Row>,
    pub total: u64,
    pub actor: String,
    pub action: String,
    pub from: String,
    pub to: String,
    pub csv_url: String,
    pub pager: Pager,
    /// The Swedish words of every action, offered while typing the filter.
    pub action_words: Vec<String>,
}

fn query_string(filter: &Filter, page: Option<u64>) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("actor", filter.actor.clone()),
        ("action", filter.action.clone()),
        (
            "from",
            filter.from.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("to", filter.to.map(|d| d.to_string()).unwrap_or_default()),
    ];
    if let Some(page) = page {
        pairs.push(("page", page.to_string()));
    }
    pairs.retain(|(_, v)| !v.is_empty());
    serde_html_form::to_string(&pairs).unwrap_or_default()
}

async fn audit_page(
    state: web::Data<AppState>,
    _: NodeAdmin,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    let (rows, total) = super::page(&state.db, &filter).await?;
    let current = filter.page.unwrap_or(1).max(1) as usize;
    let pager = Pager::new(current, PER_PAGE as usize, total as usize, |n| {
        format!("/admin/logg?{}", query_string(&filter, Some(n as u64)))
    });
    let view = AuditPage {
        rows: rows
            .into_iter()
            .map(|r| Row {
                at: crate::web::datetime_text(r.at),
                actor: r.actor,
                action: super::action_label(&r.action),
                target: r.target,
                detail: r.detail,
                client: r.client.unwrap_or_default(),
            })
            .collect(),
        total,
        actor: filter.actor.clone(),
        action: filter.action.clone(),
        from: filter.from.map(|d| d.to_string()).unwrap_or_default(),
        to: filter.to.map(|d| d.to_string()).unwrap_or_default(),
        csv_url: format!("/admin/logg.csv?{}", query_string(&filter, None)),
        pager,
        action_words: super::ACTIONS
            .iter()
            .map(|code| super::action_label(code))
            .collect(),
    };
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    page(response, &view)
}

async fn audit_csv(
    state: web::Data<AppState>,
    _: NodeAdmin,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    // The first batch is read before the answer starts, so a failing query is still an error
    // page; the rest streams.
    let filter = filter.into_inner();
    let (first, next) = super::csv_batch(&state.db, &filter, None).await?;
    let rest = match next {
        Some(before) => futures_util::future::Either::Left(super::csv_stream_from(
            state.db.clone(),
            filter,
            before,
        )),
        None => futures_util::future::Either::Right(futures_util::stream::empty()),
    };
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, AppError>(web::Bytes::from(first)) }),
        rest,
    );
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"noden-granskningslogg.csv\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(body))
}
