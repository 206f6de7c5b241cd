//! The pages of following and notices: the follow buttons' form endpoints, the user's follows
//! (`/konto/bevakningar`), the in-app notices (`/notiser`) and the choice of how often each
//! kind of notice comes by e-mail (`/konto/notiser`).

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, PER_PAGE};
use super::{Cadence, EventKind, Topic, TopicKind};
use crate::audit::By;
use crate::auth::csrf;
use crate::auth::{Actor, Confirmed, SignedIn};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Pager, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/bevakningar", web::post().to(follow_form))
        .route("/bevakningar/sluta", web::post().to(unfollow_form))
        .route("/konto/bevakningar", web::get().to(follows_page))
        .route("/konto/notiser", web::get().to(settings_page))
        .route("/konto/notiser", web::post().to(settings_form))
        .route("/notiser", web::get().to(notices_page))
        .route("/notiser/lasta", web::post().to(read_all_form))
        .route("/notiser/{id}", web::get().to(open_notice));
}

/// The follow button a page shows a signed-in reader ("Bevaka" / "Sluta bevaka"), rendered by
/// `partials/follow.html` from a page's `follow` field.
#[derive(Debug, Clone)]
pub struct FollowButton {
    pub kind: &'static str,
    pub id: String,
    /// What is followed, for screen readers ("Bevaka Digital nattillsyn").
    pub label: String,
    pub following: bool,
    /// The page to come back to.
    pub back: String,
    pub csrf: String,
}

/// The follow button of `topic` (called `label`, on the page `back`) for `actor`: none for
/// visitors and tokens.
pub async fn button(
    state: &AppState,
    actor: &Actor,
    topic: Topic,
    label: &str,
    back: &str,
) -> Result<Option<FollowButton>, AppError> {
    let Some(user_id) = actor.user_id() else {
        return Ok(None);
    };
    let Some(csrf) = frame::current().viewer.as_ref().map(|v| v.csrf.clone()) else {
        return Ok(None);
    };
    let following = super::follows(&state.db, user_id, topic).await?;
    Ok(Some(FollowButton {
        kind: topic.kind.as_str(),
        id: topic.id.to_string(),
        label: label.to_owned(),
        following,
        back: crate::web::local_return(back),
        csrf,
    }))
}

fn no_store(mut response: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

#[derive(Deserialize)]
struct FollowForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    topic_kind: String,
    #[serde(default)]
    topic_id: String,
    #[serde(default)]
    tillbaka: Option<String>,
}

impl FollowForm {
    /// Where to go afterwards: the page given (on this site only), else the follows list.
    fn back(&self) -> String {
        self.tillbaka
            .as_deref()
            .filter(|b| !b.trim().is_empty())
            .map_or_else(|| "/konto/bevakningar".to_owned(), crate::web::local_return)
    }
}

async fn follow_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    topics: web::Data<super::TopicSources>,
    user: SignedIn,
    by: By,
    form: web::Form<FollowForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let topic = service::topic_of(&form.topic_kind, &form.topic_id)?;
    let (_, described) = service::follow_topic(&state, &topics, &by, topic).await?;
    Ok(frame::see_other(
        &form.back(),
        &crate::web::i18n::t_with("notifications-following-now", "topic", &described.label),
    ))
}

async fn unfollow_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<FollowForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let topic = service::topic_of(&form.topic_kind, &form.topic_id)?;
    service::unfollow_topic(&state, &by, topic).await?;
    Ok(frame::see_other(
        &form.back(),
        &crate::web::i18n::t("notifications-unfollowed"),
    ))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<usize>,
}

pub struct FollowRow {
    pub label: String,
    pub path: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub id: String,
    pub automatic: bool,
    pub since: String,
}

#[derive(Template)]
#[template(path = "notifications/follows.html")]
pub struct FollowsPage {
    pub csrf: String,
    pub rows: Vec<FollowRow>,
    pub total: u64,
    pub pager: Pager,
}

async fn follows_page(
    state: web::Data<AppState>,
    user: SignedIn,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let current = crate::web::page_number(query.page)?;
    let (rows, total) =
        service::follows_of(&state.db, user.0.member.user_id, current as u64, PER_PAGE).await?;
    let pager = Pager::new(current, PER_PAGE as usize, total as usize, |n| {
        format!("/konto/bevakningar?page={n}")
    });
    let rows = rows
        .into_iter()
        .map(|f| {
            let kind = TopicKind::parse(&f.topic_kind);
            FollowRow {
                kind: kind.map_or("", TopicKind::as_str),
                kind_label: TopicKind::label_of(&f.topic_kind),
                id: f.topic_id.to_string(),
                automatic: f.automatic,
                since: crate::web::datetime_text(f.created_at),
                path: crate::web::local_return(&f.path),
                label: f.label,
            }
        })
        .collect();
    page(
        no_store(HttpResponse::Ok()),
        &FollowsPage {
            csrf: user.0.csrf.clone(),
            rows,
            total,
            pager,
        },
    )
}

pub struct NoticeRow {
    pub id: String,
    pub title: String,
    pub concerns: String,
    pub kind_label: String,
    pub body: String,
    pub unread: bool,
    pub when: String,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
pub struct NoticesPage {
    pub csrf: String,
    pub rows: Vec<NoticeRow>,
    pub total: u64,
    pub unread: u64,
    pub pager: Pager,
}

async fn notices_page(
    state: web::Data<AppState>,
    user: SignedIn,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let current = crate::web::page_number(query.page)?;
    let user_id = user.0.member.user_id;
    let (rows, total) = service::notices_of(&state.db, user_id, current as u64, PER_PAGE).await?;
    let unread = service::unread_count(&state.db, user_id).await?;
    let pager = Pager::new(current, PER_PAGE as usize, total as usize, |n| {
        format!("/notiser?page={n}")
    });
    let rows = rows
        .into_iter()
        .map(|n| NoticeRow {
            id: n.id.to_string(),
            kind_label: EventKind::label_of(&n.kind),
            unread: n.read_at.is_none(),
            when: crate::web::datetime_text(n.created_at),
            concerns: n.concerns,
            body: n.body,
            title: n.title,
        })
        .collect();
    page(
        no_store(HttpResponse::Ok()),
        &NoticesPage {
            csrf: user.0.csrf.clone(),
            rows,
            total,
            unread,
            pager,
        },
    )
}

async fn open_notice(
    state: web::Data<AppState>,
    _user: SignedIn,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound("notisen"))?;
    let path = service::open(&state, &by, id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, crate::web::local_return(&path)))
        .finish())
}

async fn read_all_form(
    state: web::Data<AppState>,
    Confirmed(_user): Confirmed,
    by: By,
) -> Result<HttpResponse, AppError> {
    service::mark_read(&state, &by, None).await?;
    Ok(frame::see_other(
        "/notiser",
        &crate::web::i18n::t("notifications-all-read"),
    ))
}

pub struct CadenceChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct KindSetting {
    pub kind: &'static str,
    pub label: &'static str,
    pub choices: Vec<CadenceChoice>,
}

#[derive(Template)]
#[template(path = "notifications/settings.html")]
pub struct SettingsPage {
    pub csrf: String,
    pub kinds: Vec<KindSetting>,
    pub errors: Vec<crate::error::FieldIssue>,
    /// Whether the user takes e-mail at all (the switch on `/konto`).
    pub email_on: bool,
}

fn settings_view(
    csrf: String,
    chosen: &[(EventKind, Cadence)],
    errors: Vec<crate::error::FieldIssue>,
    email_on: bool,
) -> SettingsPage {
    SettingsPage {
        csrf,
        kinds: chosen
            .iter()
            .map(|&(kind, cadence)| KindSetting {
                kind: kind.as_str(),
                label: kind.label(),
                choices: Cadence::ALL
                    .iter()
                    .map(|&c| CadenceChoice {
                        value: c.as_str(),
                        label: c.label(),
                        checked: c == cadence,
                    })
                    .collect(),
            })
            .collect(),
        errors,
        email_on,
    }
}

async fn email_on(state: &AppState, user_id: Uuid) -> Result<bool, AppError> {
    Ok(crate::auth::users::get(&state.db, user_id)
        .await?
        .is_some_and(|u| u.notify_by_email))
}

async fn settings_page(
    state: web::Data<AppState>,
    user: SignedIn,
) -> Result<HttpResponse, AppError> {
    let user_id = user.0.member.user_id;
    let chosen = service::settings_of(&state.db, user_id).await?;
    page(
        no_store(HttpResponse::Ok()),
        &settings_view(
            user.0.csrf.clone(),
            &chosen,
            Vec::new(),
            email_on(&state, user_id).await?,
        ),
    )
}

/// Reads the settings form: one radio group per kind, named by the kind's value.
fn read_settings(
    pairs: &[(String, String)],
) -> Result<Vec<(EventKind, Cadence)>, Vec<crate::error::FieldIssue>> {
    let mut chosen = Vec::new();
    let mut issues = Vec::new();
    for &kind in EventKind::ALL {
        let Some((_, value)) = pairs.iter().find(|(k, _)| k == kind.as_str()) else {
            continue;
        };
        match Cadence::parse(value) {
            Some(cadence) => chosen.push((kind, cadence)),
            None => issues.push(crate::error::FieldIssue::new(
                kind.as_str(),
                crate::web::i18n::t_with(
                    "notifications-error-frequency-missing",
                    "what",
                    &kind.label().to_lowercase(),
                ),
            )),
        }
    }
    if issues.is_empty() {
        Ok(chosen)
    } else {
        Err(issues)
    }
}

async fn settings_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&body)
        .map_err(|_| AppError::BadRequest("notifications-error-form-unreadable".to_owned()))?;
    let token = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    csrf::verify(&req, Some(&user.0.csrf), token)?;
    let user_id = user.0.member.user_id;
    match read_settings(&pairs) {
        Ok(chosen) => {
            service::save_settings(&state, &by, &chosen).await?;
            Ok(frame::see_other(
                "/konto/notiser",
                &crate::web::i18n::t("notifications-settings-saved"),
            ))
        }
        Err(errors) => {
            let chosen = service::settings_of(&state.db, user_id).await?;
            page(
                no_store(HttpResponse::UnprocessableEntity()),
                &settings_view(
                    user.0.csrf.clone(),
                    &chosen,
                    errors,
                    email_on(&state, user_id).await?,
                ),
            )
        }
    }
}
