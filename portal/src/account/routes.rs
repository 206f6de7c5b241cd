//! `/konto`: the signed-in person's things, name, e-mail choice and access tokens.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use askama::Template;
use chrono::Days;
use serde::Deserialize;

use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::csrf;
use crate::auth::{Actor, Scopes, SignedIn, access_tokens, users};
use crate::error::AppError;
use crate::needs::NeedFilter;
use crate::state::AppState;
use crate::trials::TrialFilter;
use crate::web::frame;
use crate::web::page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/sprak/{kod}", web::get().to(switch_language))
        .route("/konto", web::get().to(account_page))
        .route("/konto/namn", web::post().to(set_name))
        .route("/konto/epost", web::post().to(set_notices))
        .route("/konto/sprak", web::post().to(set_language))
        .route("/konto/nycklar", web::post().to(create_token))
        .route(
            "/konto/nycklar/{id}/aterkalla",
            web::post().to(revoke_token),
        );
}

/// How many of each kind of thing `/konto` lists before linking to the whole list.
const LISTED: u64 = 10;

/// How far ahead `/konto` looks for follow-ups to make.
const FOLLOW_UPS_AHEAD_DAYS: u64 = 60;

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub scopes: String,
    pub created: String,
    pub last_used: String,
}

pub struct ReportRow {
    pub title: String,
    pub url: String,
    pub status_label: String,
    pub changed: String,
    pub comment: Option<String>,
}

pub struct ItemRow {
    pub title: String,
    pub url: String,
    /// A short line about the item: its phase, or whether we raised or share a need.
    pub note: String,
}

/// Some rows of a list, how many there are in all, and where the whole list is.
pub struct Listed<T> {
    pub rows: Vec<T>,
    pub total: u64,
    pub all_url: String,
}

impl<T> Listed<T> {
    pub fn more(&self) -> bool {
        self.total > self.rows.len() as u64
    }
}

#[derive(Template)]
#[template(path = "account/index.html")]
pub struct AccountPage {
    pub csrf: String,
    pub name: String,
    pub name_value: String,
    pub name_error: Option<String>,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub reports: Listed<ReportRow>,
    pub trials: Listed<ItemRow>,
    pub needs: Listed<ItemRow>,
    pub follow_ups: Listed<crate::followups::DueFollowUp>,
    pub tokens: Vec<TokenRow>,
    pub new_token: Option<String>,
    pub token_error: Option<String>,
    /// Whether the user is e-mailed about trials and reports.
    pub notices: bool,
    /// The language the account is set to: `sv`, `en`, or empty for the browser's.
    pub language: String,
}

/// What a token may do, in words.
fn scopes_label(scopes: &str) -> String {
    let scopes = Scopes::parse(scopes);
    if scopes.contains(Scopes::WRITE) {
        crate::web::i18n::t("token-read-write")
    } else if scopes.contains(Scopes::READ) {
        crate::web::i18n::t("token-read")
    } else {
        crate::web::i18n::t("token-nothing")
    }
}

/// What the account page shows besides a form's answer.
#[derive(Default)]
struct Answer {
    name_value: Option<String>,
    name_error: Option<String>,
    new_token: Option<String>,
    token_error: Option<String>,
}

async fn account(
    state: &AppState,
    user: &SignedIn,
    answer: Answer,
) -> Result<AccountPage, AppError> {
    let current = &user.0;
    let member = &current.member;
    let actor = Actor::User(member.clone());
    let catalog = state.catalog.get();
    let organisation = catalog.organisation_by_id(member.organisation_id);
    let code = organisation.map(|o| o.code.clone()).unwrap_or_default();
    let found = users::get(&state.db, member.user_id).await?;
    let notices = found.as_ref().is_some_and(|u| u.notify_by_email);

    let (reports, reports_total) =
        crate::reports::unpublished_by(&state.db, member.user_id, 1, LISTED).await?;
    let reports = Listed {
        rows: reports
            .into_iter()
            .map(|r| ReportRow {
                url: crate::reports::url(&r),
                status_label: crate::reports::model::Status::label_of(&r.status),
                changed: crate::web::datetime_text(r.updated_at),
                comment: r.review_comment.clone().filter(|c| !c.trim().is_empty()),
                title: r.title,
            })
            .collect(),
        total: reports_total,
        all_url: String::new(),
    };

    let trials = crate::trials::list(
        state,
        &actor,
        &TrialFilter {
            organisation: Some(code.clone()),
            ..TrialFilter::default()
        },
    )
    .await?;
    let trials = Listed {
        total: trials.total as u64,
        rows: trials
            .trials
            .into_iter()
            .take(LISTED as usize)
            .map(|t| ItemRow {
                note: if t.lead.as_ref().is_some_and(|l| l.code == code) {
                    crate::web::i18n::t_with("account-we-lead", "phase", &t.phase_label)
                } else {
                    crate::web::i18n::t_with("account-we-take-part", "phase", &t.phase_label)
                },
                title: t.title,
                url: t.url,
            })
            .collect(),
        all_url: format!("/tester?organisation={code}"),
    };

    let needs = crate::needs::list(
        state,
        &actor,
        &NeedFilter {
            organisation: Some(code.clone()),
            ..NeedFilter::default()
        },
    )
    .await?;
    let needs = Listed {
        total: needs.total as u64,
        rows: needs
            .needs
            .into_iter()
            .take(LISTED as usize)
            .map(|n| ItemRow {
                note: if n.organisation.as_ref().is_some_and(|o| o.code == code) {
                    crate::web::i18n::t_with("account-we-raised", "status", &n.status_label)
                } else {
                    crate::web::i18n::t_with("account-we-share", "status", &n.status_label)
                },
                title: n.title,
                url: n.url,
            })
            .collect(),
        all_url: format!("/behov?organisation={code}"),
    };

    let today = crate::web::stockholm_date(state.clock.now());
    let until = today
        .checked_add_days(Days::new(FOLLOW_UPS_AHEAD_DAYS))
        .unwrap_or(today);
    let (due, due_total) =
        crate::followups::due_for(&state.db, member.organisation_id, today, until, 1, LISTED)
            .await?;
    let follow_ups = Listed {
        rows: due,
        total: due_total,
        all_url: String::new(),
    };

    let tokens = access_tokens::list(state, member.user_id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            scopes: scopes_label(&t.scopes),
            created: crate::web::datetime_text(t.created_at),
            last_used: t
                .last_used_at
                .map(crate::web::datetime_text)
                .unwrap_or_else(|| crate::web::i18n::t("token-never-used")),
        })
        .collect();
    let name = found.map_or_else(|| current.name.clone(), |u| u.name);
    Ok(AccountPage {
        csrf: current.csrf.clone(),
        name_value: answer.name_value.unwrap_or_else(|| name.clone()),
        name,
        name_error: answer.name_error,
        email: current.email.clone().unwrap_or_default(),
        organisation: organisation.map(|o| o.name.clone()).unwrap_or_default(),
        role: member.role.label(),
        reports,
        trials,
        needs,
        follow_ups,
        tokens,
        new_token: answer.new_token,
        token_error: answer.token_error,
        notices,
        language: current
            .language
            .map(|l| l.code().to_owned())
            .unwrap_or_default(),
    })
}

fn no_store(mut response: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

async fn account_page(
    state: web::Data<AppState>,
    user: SignedIn,
) -> Result<HttpResponse, AppError> {
    page(
        no_store(HttpResponse::Ok()),
        &account(&state, &user, Answer::default()).await?,
    )
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

async fn set_name(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<NameForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match users::set_name(&state, &by, user.0.member.user_id, &form.name).await {
        Ok(_) => Ok(frame::see_other(
            "/konto#namn",
            &crate::web::i18n::t("account-name-saved"),
        )),
        Err(AppError::Invalid(issues)) => {
            let answer = Answer {
                name_value: Some(form.name.clone()),
                name_error: issues
                    .first()
                    .map(|i| crate::web::i18n::message(&i.message)),
                ..Answer::default()
            };
            page(
                no_store(HttpResponse::UnprocessableEntity()),
                &account(&state, &user, answer).await?,
            )
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct NoticesForm {
    #[serde(default)]
    csrf: String,
    /// `pa` or `av`.
    #[serde(default)]
    notices: String,
}

async fn set_notices(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    form: web::Form<NoticesForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let on = form.notices == "pa";
    users::set_notices(&state, user.0.member.user_id, on).await?;
    Ok(frame::see_other(
        "/konto#epost",
        &crate::web::i18n::t(if on {
            "account-mail-on"
        } else {
            "account-mail-off"
        }),
    ))
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    csrf: String,
    /// `sv`, `en`, or anything else for the browser's language.
    #[serde(default)]
    language: String,
}

/// Sets the account's language; the page answers in it at once (the switch's cookie follows,
/// so an earlier choice with the switch does not hide the new one).
async fn set_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    use crate::web::i18n::{self, Lang};
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let lang = Lang::parse(&form.language);
    users::set_language(&state, &by, user.0.member.user_id, lang).await?;
    let shown = lang.unwrap_or_else(|| Lang::asked_for(req.headers()));
    let remembered = match lang {
        Some(lang) => frame::lang_cookie(lang),
        None => frame::lang_cookie_removal(),
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/konto#sprak"))
        .cookie(frame::flash_cookie(&i18n::text(
            shown,
            "account-language-saved",
        )))
        .cookie(remembered)
        .finish())
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    read: Option<String>,
    #[serde(default)]
    write: Option<String>,
}

async fn create_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut scopes = Scopes::parse("");
    if form.read.is_some() {
        scopes = scopes | Scopes::READ;
    }
    if form.write.is_some() {
        scopes = scopes | Scopes::READ | Scopes::WRITE;
    }
    match access_tokens::create(&state, &by, user.0.member.user_id, &form.name, scopes).await {
        Ok(raw) => {
            let answer = Answer {
                new_token: Some(raw),
                ..Answer::default()
            };
            page(
                no_store(HttpResponse::Ok()),
                &account(&state, &user, answer).await?,
            )
        }
        Err(AppError::Invalid(issues)) => {
            let answer = Answer {
                token_error: issues
                    .first()
                    .map(|i| crate::web::i18n::message(&i.message)),
                ..Answer::default()
            };
            page(
                no_store(HttpResponse::UnprocessableEntity()),
                &account(&state, &user, answer).await?,
            )
        }
        Err(other) => Err(other),
    }
}

async fn revoke_token(
    state: web::Data<AppState>,
    Confirmed(user): Confirmed,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound("nyckeln"))?;
    access_tokens::revoke(&state, &by, user.0.member.user_id, id).await?;
    Ok(frame::see_other(
        "/konto#nycklar",
        &crate::web::i18n::t("token-revoked"),
    ))
}

#[derive(Deserialize)]
struct Back {
    #[serde(default)]
    tillbaka: String,
}

/// `GET /sprak/{sv|en}?tillbaka=…`: the language switch on every page. It remembers the choice
/// in a cookie and goes back to the page (only pages of this site).
async fn switch_language(
    code: web::Path<String>,
    back: web::Query<Back>,
) -> Result<HttpResponse, AppError> {
    let lang = crate::web::i18n::Lang::parse(&code).ok_or(AppError::NotFound("språket"))?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            actix_web::http::header::LOCATION,
            crate::web::local_return(&back.tillbaka),
        ))
        .cookie(crate::web::frame::lang_cookie(lang))
        .finish())
}
