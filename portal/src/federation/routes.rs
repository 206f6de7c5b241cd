//! `/.well-known/noden` (this node's document) and `/admin/federation`, where a node
//! administrator trusts peer nodes, sets what each gets, pauses and removes them.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::identity::{self, NodeDocument};
use super::peers::{self, Peer, Share};
use crate::audit::By;
use crate::auth::{NodeAdmin, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::{Pager, i18n, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(crate::web::api_resource!(identity::WELL_KNOWN, get => node_document))
        .service(crate::web::api_resource!(identity::FEED, get => super::feed::changes))
        .service(crate::web::api_resource!(identity::INVENTORY, get => super::feed::inventory))
        .service(crate::web::api_resource!(identity::ITEMS, get => super::feed::items))
        .route("/admin/federation", web::get().to(admin_page))
        .route("/admin/federation/ny", web::get().to(preview_page))
        .route("/admin/federation/bekrafta", web::post().to(add_form))
        .route("/admin/federation/stam-av", web::post().to(reconcile_form))
        .route("/admin/federation/{id}", web::post().to(change_form))
        .route("/admin/federation/{id}/hamta", web::post().to(pull_form))
        .route("/admin/federation/{id}/ta-bort", web::get().to(remove_page))
        .route(
            "/admin/federation/{id}/ta-bort",
            web::post().to(remove_form),
        );
    super::remote::configure(cfg);
}

/// This node's document: its name, county, address, signing key and feed.
#[utoipa::path(
    get,
    path = "/.well-known/noden",
    tag = "federation",
    responses((status = 200, description = "Nodens dokument: namn, län, adress, publik nyckel och flöde", body = NodeDocument)),
)]
pub async fn node_document(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let key = identity::keypair(&state.db, &state.settings, state.clock.now()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(NodeDocument::of(&state.settings, &key)))
}

pub struct PeerRow {
    pub id: Uuid,
    pub name: String,
    pub url: String,
    pub county: String,
    pub fingerprint: String,
    pub share: Share,
    pub pull: bool,
    pub paused: bool,
    pub status: String,
    pub last_success: String,
    pub last_error: String,
    pub lag: i64,
    pub held: i64,
    pub next_attempt: String,
    /// "3 avvisade, senast …" when the peer sent items that were refused.
    pub refusals: String,
    /// When the daily reconciliation last ran and what it repaired.
    pub reconciled: String,
}

impl PeerRow {
    fn of(peer: Peer, held: i64, every: u64) -> PeerRow {
        let status = if peer.paused {
            i18n::t("federation-status-paused")
        } else if !peer.pull {
            i18n::t("federation-status-not-pulled")
        } else if peer.failures >= super::pull::OPEN_AFTER {
            i18n::t("federation-status-unreachable")
        } else if peer.failures > 0 {
            i18n::t("federation-status-failed")
        } else if peer.last_success_at.is_some() {
            i18n::t("federation-status-pulled")
        } else {
            i18n::t("federation-status-not-yet")
        };
        let last_refusal_at = peer
            .last_refusal_at
            .map(crate::web::datetime_text)
            .unwrap_or_default();
        PeerRow {
            id: peer.id,
            fingerprint: peers::fingerprint(&peer),
            share: Share::parse(&peer.share).unwrap_or(Share::Public),
            pull: peer.pull,
            paused: peer.paused,
            status,
            last_success: peer
                .last_success_at
                .map(crate::web::datetime_text)
                .unwrap_or_else(|| i18n::t("federation-never")),
            last_error: if peer.last_error.is_empty() {
                String::new()
            } else {
                format!(
                    "{} ({})",
                    peer.last_error,
                    peer.last_error_at
                        .map(crate::web::datetime_text)
                        .unwrap_or_default()
                )
            },
            lag: (peer.head - peer.cursor).max(0),
            held,
            refusals: if peer.refused > 0 {
                format!(
                    "{}, {}: {}",
                    i18n::t_count("federation-refused-items", "count", peer.refused),
                    i18n::t_with("federation-latest", "when", &last_refusal_at),
                    peer.last_refusal
                )
            } else {
                String::new()
            },
            reconciled: match peer.reconciled_at {
                Some(at) => format!("{}: {}", crate::web::datetime_text(at), peer.last_reconcile),
                None => i18n::t("federation-not-yet"),
            },
            next_attempt: match peer.next_attempt_at {
                _ if !peer.pull || peer.paused => "–".to_owned(),
                Some(at) => crate::web::datetime_text(at),
                None => i18n::t_count("federation-within-seconds", "count", every),
            },
            name: peer.name,
            url: peer.url,
            county: peer.county,
        }
    }
}

/// The form that adds a peer, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct AddFields {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub share: String,
    /// The fingerprint the administrator saw (the confirmation step only).
    #[serde(default)]
    pub fingerprint: String,
}

#[derive(Template)]
#[template(path = "federation/index.html")]
pub struct AdminPage {
    pub csrf: String,
    pub own: NodeDocument,
    pub rows: Vec<PeerRow>,
    pub total: u64,
    pub pager: Pager,
    pub url: String,
    pub share: Share,
    pub shares: [Share; 2],
    pub errors: Vec<FieldIssue>,
    /// The latest requests to the feed that were refused, and how many there are in all.
    pub refused_requests: Vec<RefusedRequest>,
    pub refused_total: u64,
}

/// A refused request to this node's feed, from the audit trail.
pub struct RefusedRequest {
    pub at: String,
    pub key: String,
    pub client: String,
    pub reason: String,
}

/// How many refused requests the page shows; the audit trail has them all.
const REFUSED_SHOWN: usize = 5;

impl AdminPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

#[derive(Template)]
#[template(path = "federation/confirm.html")]
pub struct ConfirmPage {
    pub csrf: String,
    pub peer: NodeDocument,
    pub url: String,
    pub share: Share,
}

#[derive(Deserialize)]
struct Listing {
    page: Option<u64>,
}

async fn admin_view(
    state: &AppState,
    admin: &NodeAdmin,
    current: u64,
    fields: &AddFields,
    errors: Vec<FieldIssue>,
) -> Result<AdminPage, AppError> {
    let key = identity::keypair(&state.db, &state.settings, state.clock.now()).await?;
    let (rows, total) = peers::page(&state.db, current).await?;
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let held = super::remote::held_by(&state.db, &ids).await?;
    let filter = crate::audit::Filter {
        action: super::feed::REQUEST_REFUSED.to_owned(),
        ..Default::default()
    };
    let (refused, refused_total) = crate::audit::page(&state.db, &filter).await?;
    let refused_requests = refused
        .into_iter()
        .take(REFUSED_SHOWN)
        .map(|entry| RefusedRequest {
            at: crate::web::datetime_text(entry.at),
            key: entry.target,
            client: entry.client.unwrap_or_default(),
            reason: entry.detail,
        })
        .collect();
    let pager = Pager::new(
        current as usize,
        peers::PER_PAGE as usize,
        total as usize,
        |n| format!("/admin/federation?page={n}"),
    );
    Ok(AdminPage {
        csrf: admin.0.csrf.clone(),
        own: NodeDocument::of(&state.settings, &key),
        rows: rows
            .into_iter()
            .map(|p| {
                let n = held.get(&p.id).copied().unwrap_or(0);
                PeerRow::of(p, n, state.settings.federation_pull_seconds)
            })
            .collect(),
        total,
        pager,
        url: fields.url.clone(),
        share: Share::parse(&fields.share).unwrap_or(Share::Public),
        shares: Share::ALL,
        errors,
        refused_requests,
        refused_total,
    })
}

fn no_store(status: actix_web::http::StatusCode) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

async fn admin_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    listing: web::Query<Listing>,
) -> Result<HttpResponse, AppError> {
    let current = listing.page.unwrap_or(1).max(1);
    let view = admin_view(&state, &admin, current, &AddFields::default(), Vec::new()).await?;
    page(no_store(actix_web::http::StatusCode::OK), &view)
}

/// The page again with the typed address kept and the reason next to it.
async fn refused_again(
    state: &AppState,
    admin: &NodeAdmin,
    fields: &AddFields,
    issues: Vec<FieldIssue>,
) -> Result<HttpResponse, AppError> {
    let view = admin_view(state, admin, 1, fields, issues).await?;
    page(
        no_store(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY),
        &view,
    )
}

fn share_of(fields: &AddFields) -> Result<Share, AppError> {
    Share::parse(&fields.share)
        .ok_or_else(|| AppError::invalid("share", "federation-error-share-choice"))
}

/// The first step of adding a peer: what the node at the typed address says of itself, to
/// confirm. A GET: it only reads the peer's public document.
async fn preview_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    query: web::Query<AddFields>,
) -> Result<HttpResponse, AppError> {
    let fields = query.into_inner();
    let checked = match share_of(&fields) {
        Ok(share) => peers::preview(&state, &fields.url)
            .await
            .map(|document| (share, document)),
        Err(e) => Err(e),
    };
    match checked {
        Ok((share, peer)) => {
            let view = ConfirmPage {
                csrf: admin.0.csrf.clone(),
                url: peer.url.clone(),
                peer,
                share,
            };
            page(no_store(actix_web::http::StatusCode::OK), &view)
        }
        Err(AppError::Invalid(issues)) => refused_again(&state, &admin, &fields, issues).await,
        Err(e) => Err(e),
    }
}

async fn add_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    form: web::Form<AddFields>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let fields = form.into_inner();
    let added = match share_of(&fields) {
        Ok(share) => peers::add(&state, &by, &fields.url, share, &fields.fingerprint).await,
        Err(e) => Err(e),
    };
    match added {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/admin/federation"))
            .finish()),
        Err(AppError::Invalid(issues)) => refused_again(&state, &admin, &fields, issues).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct ChangeFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    share: String,
    /// A checkbox: present when ticked.
    pull: Option<String>,
    paused: Option<String>,
}

async fn change_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<Uuid>,
    form: web::Form<ChangeFields>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let share = Share::parse(&form.share)
        .ok_or_else(|| AppError::BadRequest("federation-error-share-value".to_owned()))?;
    let change = peers::Change {
        share,
        pull: form.pull.is_some(),
        paused: form.paused.is_some(),
    };
    peers::change(&state, &by, id.into_inner(), change).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/federation"))
        .finish())
}

async fn remove_page(
    state: web::Data<AppState>,
    admin: NodeAdmin,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let peer = peers::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("noden"))?;
    let node = format!("{} ({})", peer.name, peer.url);
    let view = crate::web::confirm::ConfirmPage {
        heading: i18n::t_with("federation-remove-named", "name", &peer.name),
        explanation: i18n::t_with("federation-remove-explanation", "node", &node),
        action: format!("/admin/federation/{id}/ta-bort"),
        csrf: admin.0.csrf.clone(),
        button: i18n::t_with("federation-remove-named", "name", &peer.name),
        back: "/admin/federation".to_owned(),
    };
    page(no_store(actix_web::http::StatusCode::OK), &view)
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn remove_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<Uuid>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    peers::remove(&state, &by, id.into_inner()).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/admin/federation"))
        .finish())
}

async fn pull_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    id: web::Path<Uuid>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    let peer = peers::pull_now(&state, &by, id.into_inner()).await?;
    Ok(crate::web::frame::see_other(
        "/admin/federation",
        &i18n::t_with("federation-pulling-now", "name", &peer.name),
    ))
}

async fn reconcile_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: NodeAdmin,
    by: By,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&admin.0.csrf), &form.csrf)?;
    peers::reconcile_now(&state, &by).await?;
    Ok(crate::web::frame::see_other(
        "/admin/federation",
        &i18n::t("federation-reconcile-started"),
    ))
}
