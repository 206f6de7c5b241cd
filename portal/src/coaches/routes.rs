//! The coach directory's pages (`/teknikcoacher`) and `/api/v1/coaches`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{AppointInput, CoachFilter, CoachList, CoachView, ProfileInput};
use crate::audit::By;
use crate::auth::{Actor, Confirmed, Identity, SignedIn, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::{Choice, api_resource, frame, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/teknikcoacher", web::get().to(directory_page))
        .route("/teknikcoacher/utse", web::get().to(appoint_page))
        .route("/teknikcoacher/utse", web::post().to(appoint_form))
        .route("/teknikcoacher/{id}", web::get().to(profile_page))
        .route("/teknikcoacher/{id}/redigera", web::get().to(edit_page))
        .route("/teknikcoacher/{id}/redigera", web::post().to(edit_form))
        .route("/teknikcoacher/{id}/avsluta", web::post().to(end_form))
        .service(api_resource!("/api/v1/coaches", get => list, post => create))
        .service(api_resource!(
            "/api/v1/coaches/{id}",
            get => get,
            put => update,
            delete => end
        ));
}

/// The catalogue keys of the profile form's fields' labels, for its error messages.
const LABELS: &[(&str, &str)] = &[
    ("user_email", "coaches-label-user-email"),
    ("user_id", "coaches-label-user"),
    ("workplace", "coaches-form-workplace"),
    ("hours_per_year", "coaches-label-hours"),
    ("contact", "coaches-label-contact"),
    ("introduction", "coaches-label-introduction"),
    ("categories", "coaches-categories"),
    ("technologies", "coaches-label-technologies"),
];

#[derive(Template, WebTemplate)]
#[template(path = "coaches/index.html")]
pub struct DirectoryPage {
    pub list: CoachList,
    pub pager: crate::web::Pager,
    pub counties: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub technologies: Vec<Choice>,
    pub signed_in: bool,
    pub may_appoint: bool,
}

fn selected(value: &Option<String>) -> String {
    value
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_owned()
}

async fn directory_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<CoachFilter>,
) -> Result<DirectoryPage, AppError> {
    let filter = filter.into_inner();
    let list = super::list(&state, &actor, &filter).await?;
    let catalog = state.catalog.get();
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link(
            "/teknikcoacher",
            &[
                ("county", filter.county.as_ref()),
                ("organisation", filter.organisation.as_ref()),
                ("category", filter.category.as_ref()),
                ("technology", filter.technology.as_ref()),
            ],
            n,
        )
    });
    // The counties and organisations that have coaches, so no choice leads to an empty list.
    let network = super::network(&state.db, &catalog).await?;
    let present: Vec<&crate::organisations::entity::Model> = network
        .iter()
        .filter_map(|r| r.organisation.as_ref())
        .filter_map(|o| catalog.organisation_by_code(&o.code))
        .collect();
    let county = selected(&filter.county);
    let mut counties: Vec<Choice> = present
        .iter()
        .map(|o| o.county_code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|code| Choice {
            label: catalog.county_name(&code).unwrap_or(&code).to_owned(),
            selected: code == county,
            value: code,
        })
        .collect();
    counties.sort_by(|a, b| a.label.cmp(&b.label));
    let organisation = selected(&filter.organisation);
    let organisations = present
        .iter()
        .map(|o| Choice {
            value: o.code.clone(),
            label: o.name.clone(),
            selected: o.code == organisation,
        })
        .collect();
    let category = selected(&filter.category);
    let categories = crate::web::category_choices(&catalog, |slug| slug == category);
    let technology = selected(&filter.technology);
    let technologies = crate::technologies::choices(&state)
        .await?
        .into_iter()
        .map(|(slug, name)| Choice {
            selected: slug == technology,
            value: slug,
            label: name,
        })
        .collect();
    let may_appoint = actor
        .member()
        .is_some_and(|m| super::appoints_in(&actor, m.organisation_id));
    Ok(DirectoryPage {
        list,
        pager,
        counties,
        organisations,
        categories,
        technologies,
        signed_in: actor.member().is_some(),
        may_appoint,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "coaches/show.html")]
pub struct ProfilePage {
    pub coach: CoachView,
    pub signed_in: bool,
    pub may_edit: bool,
    pub may_end: bool,
    pub csrf: String,
    pub appointed_on: String,
}

impl ProfilePage {
    /// The sign-in page, leading back to the profile.
    pub fn sign_in_url(&self) -> String {
        format!("/logga-in?tillbaka={}", self.coach.url)
    }
}

async fn profile_page(
    state: web::Data<AppState>,
    identity: Identity,
    id: web::Path<String>,
) -> Result<ProfilePage, AppError> {
    let actor = &identity.actor;
    let found = super::find_for(&state, actor, &id).await?;
    let may_edit = super::may_edit(actor, &found);
    let may_end = found.active && super::may_administer(actor, &found);
    let coach = super::show(&state, actor, &id).await?;
    Ok(ProfilePage {
        appointed_on: crate::web::date_text(crate::web::stockholm_date(coach.appointed_at)),
        coach,
        signed_in: actor.member().is_some(),
        may_edit: may_edit && identity.session.is_some(),
        may_end: may_end && identity.session.is_some(),
        csrf: identity.session.map(|s| s.csrf).unwrap_or_default(),
    })
}

/// The profile form as typed: shown again, every value kept, when it has errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    pub csrf: String,
    pub user_email: String,
    pub workplace: String,
    pub hours_per_year: String,
    pub contact: String,
    pub introduction: String,
    pub categories: Vec<String>,
    pub technologies: Vec<String>,
}

impl ProfileFields {
    fn of(coach: &CoachView) -> ProfileFields {
        ProfileFields {
            csrf: String::new(),
            user_email: String::new(),
            workplace: coach.workplace.clone(),
            hours_per_year: coach.hours_per_year.to_string(),
            contact: coach.contact.clone().unwrap_or_default(),
            introduction: coach.introduction_markdown.clone(),
            categories: coach.categories.iter().map(|c| c.slug.clone()).collect(),
            technologies: coach.technologies.iter().map(|t| t.slug.clone()).collect(),
        }
    }

    /// The hours as a number, or an issue.
    fn hours(&self, issues: &mut Vec<FieldIssue>) -> i32 {
        let raw = self.hours_per_year.trim();
        if raw.is_empty() {
            return 0;
        }
        match raw.parse::<i32>() {
            Ok(h) => h,
            Err(_) => {
                issues.push(FieldIssue::new(
                    "hours_per_year",
                    "coaches-error-hours-whole",
                ));
                0
            }
        }
    }

    fn profile(&self, hours_per_year: i32) -> ProfileInput {
        ProfileInput {
            workplace: self.workplace.clone(),
            hours_per_year,
            contact: self.contact.clone(),
            introduction: self.introduction.clone(),
            categories: self.categories.clone(),
            technologies: self.technologies.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "coaches/form.html")]
pub struct FormPage {
    pub heading: String,
    pub action: String,
    pub submit: String,
    pub back: String,
    /// Whether the form names the user to appoint.
    pub appointing: bool,
    /// Users of the appointer's organisation, as (address, name), to pick from.
    pub candidates: Vec<(String, String)>,
    pub csrf: String,
    pub fields: ProfileFields,
    pub categories: Vec<Choice>,
    pub technologies: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    heading: String,
    action: String,
    back: String,
    appointing: Option<uuid::Uuid>,
    csrf: &str,
    fields: ProfileFields,
    errors: Vec<FieldIssue>,
) -> Result<FormPage, AppError> {
    let catalog = state.catalog.get();
    let categories =
        crate::web::category_choices(&catalog, |slug| fields.categories.iter().any(|c| c == slug));
    let technologies = crate::technologies::choices(state)
        .await?
        .into_iter()
        .map(|(slug, name)| Choice {
            selected: fields.technologies.contains(&slug),
            value: slug,
            label: name,
        })
        .collect();
    let candidates = match appointing {
        Some(organisation_id) => super::candidates(state, organisation_id).await?,
        None => Vec::new(),
    };
    Ok(FormPage {
        heading,
        action,
        submit: crate::web::i18n::t(if appointing.is_some() {
            "coaches-appoint-submit"
        } else {
            "coaches-save-profile"
        }),
        back,
        appointing: appointing.is_some(),
        candidates,
        csrf: csrf.to_owned(),
        fields,
        categories,
        technologies,
        errors: crate::error::labelled(errors, LABELS),
    })
}

fn own_organisation(user: &SignedIn) -> uuid::Uuid {
    user.0.member.organisation_id
}

async fn appoint_page(
    state: web::Data<AppState>,
    user: SignedIn,
) -> Result<HttpResponse, AppError> {
    let organisation_id = own_organisation(&user);
    if !super::appoints_in(&user.actor(), organisation_id) {
        return Err(AppError::Forbidden(
            "coaches-error-appoint-refused".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &form_page(
            &state,
            crate::web::i18n::t("coaches-appoint-heading"),
            "/teknikcoacher/utse".to_owned(),
            "/teknikcoacher".to_owned(),
            Some(organisation_id),
            &user.0.csrf,
            ProfileFields::default(),
            Vec::new(),
        )
        .await?,
    )
}

async fn appoint_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let fields: ProfileFields = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &fields.csrf)?;
    let mut issues = Vec::new();
    let hours = fields.hours(&mut issues);
    let result = if issues.is_empty() {
        let profile = fields.profile(hours);
        super::appoint(
            &state,
            &by,
            AppointInput {
                user_email: Some(fields.user_email.clone()),
                user_id: None,
                workplace: profile.workplace,
                hours_per_year: profile.hours_per_year,
                contact: profile.contact,
                introduction: profile.introduction,
                categories: profile.categories,
                technologies: profile.technologies,
            },
        )
        .await
    } else {
        Err(AppError::Invalid(issues))
    };
    match result {
        Ok((saved, _)) => Ok(frame::see_other(
            &super::url_of(saved.id),
            &crate::web::i18n::t("coaches-appointed"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(
                &state,
                crate::web::i18n::t("coaches-appoint-heading"),
                "/teknikcoacher/utse".to_owned(),
                "/teknikcoacher".to_owned(),
                Some(own_organisation(&user)),
                &user.0.csrf,
                fields,
                errors,
            )
            .await?,
        ),
        Err(other) => Err(other),
    }
}

async fn edit_page(
    state: web::Data<AppState>,
    user: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let actor = user.actor();
    let found = super::find_for(&state, &actor, &id).await?;
    if !super::may_edit(&actor, &found) {
        return Err(AppError::Forbidden("coaches-error-edit-refused".to_owned()));
    }
    let coach = super::show(&state, &actor, &id).await?;
    page(
        HttpResponse::Ok(),
        &form_page(
            &state,
            crate::web::i18n::t_with("coaches-edit-heading", "name", &coach.name),
            format!("/teknikcoacher/{}/redigera", coach.id),
            coach.url.clone(),
            None,
            &user.0.csrf,
            ProfileFields::of(&coach),
            Vec::new(),
        )
        .await?,
    )
}

async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let fields: ProfileFields = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &fields.csrf)?;
    let mut issues = Vec::new();
    let hours = fields.hours(&mut issues);
    let result = if issues.is_empty() {
        super::update(&state, &by, &id, fields.profile(hours)).await
    } else {
        Err(AppError::Invalid(issues))
    };
    match result {
        Ok(saved) => Ok(frame::see_other(
            &super::url_of(saved.id),
            &crate::web::i18n::t("coaches-profile-saved"),
        )),
        Err(AppError::Invalid(errors)) => {
            let coach = super::show(&state, &user.actor(), &id).await?;
            page(
                HttpResponse::UnprocessableEntity(),
                &form_page(
                    &state,
                    crate::web::i18n::t_with("coaches-edit-heading", "name", &coach.name),
                    format!("/teknikcoacher/{}/redigera", coach.id),
                    coach.url.clone(),
                    None,
                    &user.0.csrf,
                    fields,
                    errors,
                )
                .await?,
            )
        }
        Err(other) => Err(other),
    }
}

async fn end_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::end(&state, &by, &id).await?;
    Ok(frame::see_other(
        "/teknikcoacher",
        &crate::web::i18n::t("coaches-ended-flash"),
    ))
}

/// The directory of active technology coaches, filtered by county, organisation, category
/// and technology, by name. Contact details only for signed-in callers.
#[utoipa::path(
    get,
    path = "/api/v1/coaches",
    tag = "coaches",
    params(CoachFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = CoachList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<CoachFilter>,
) -> Result<web::Json<CoachList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Appoints a user technology coach (coordinators: users of their own organisation; node
/// staff: anyone), or updates the profile of one already appointed. Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/coaches",
    tag = "coaches",
    request_body = AppointInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = CoachView, description = "Appointed"),
        (status = 200, body = CoachView, description = "Already a coach: the profile updated"),
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
    input: web::Json<AppointInput>,
) -> Result<HttpResponse, AppError> {
    let (saved, created) = super::appoint(&state, &by, input.into_inner()).await?;
    let view = super::show(&state, &by.actor, &saved.id.to_string()).await?;
    Ok(if created {
        HttpResponse::Created()
            .insert_header(("Location", format!("/api/v1/coaches/{}", view.id)))
            .json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// One technology coach. Contact details only for signed-in callers.
#[utoipa::path(
    get,
    path = "/api/v1/coaches/{id}",
    tag = "coaches",
    params(("id" = String, Path, description = "The coach profile's UUID")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = CoachView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<CoachView>, AppError> {
    Ok(web::Json(super::show(&state, &actor, &id).await?))
}

/// Changes a coach's profile (the coach, their organisation's coordinators, node staff).
/// Requires a bearer token.
#[utoipa::path(
    put,
    path = "/api/v1/coaches/{id}",
    tag = "coaches",
    params(("id" = String, Path, description = "The coach profile's UUID")),
    request_body = ProfileInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = CoachView),
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
    id: web::Path<String>,
    input: web::Json<ProfileInput>,
) -> Result<web::Json<CoachView>, AppError> {
    let saved = super::update(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &saved.id.to_string()).await?,
    ))
}

/// Ends a coach's appointment (their organisation's coordinators, node staff): the profile is
/// kept, inactive, and leaves the directory. Requires a bearer token.
#[utoipa::path(
    delete,
    path = "/api/v1/coaches/{id}",
    tag = "coaches",
    params(("id" = String, Path, description = "The coach profile's UUID")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn end(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::end(&state, &by, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}
