//! The field-report pages (`/faltrapporter`).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use sea_orm::{EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{FieldReportFilter, FieldReportList, FieldReportView, Submission};
use crate::audit::By;
use crate::auth::{Actor, Identity, SignedIn, Visibility, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::{Choice, choices, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/faltrapporter", web::get().to(list_page))
        .route("/faltrapporter/ny", web::get().to(new_form))
        .route("/faltrapporter/ny", web::post().to(create_form))
        .route("/faltrapporter/{id}", web::get().to(report_page))
        .route("/faltrapporter/{id}/foton/{n}", web::get().to(photo))
        .route(
            "/faltrapporter/{id}/foton/{n}/tumnagel",
            web::get().to(thumbnail),
        )
        .route(
            "/faltrapporter/{id}/for-vidare",
            web::get().to(super::promote::promote_form),
        )
        .route(
            "/faltrapporter/{id}/for-vidare",
            web::post().to(super::promote::promote_submit),
        );
    super::api::configure(cfg);
}

#[derive(Template, WebTemplate)]
#[template(path = "fieldreports/index.html")]
pub struct ListPage {
    pub list: FieldReportList,
    pub may_post: bool,
    pub organisations: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub technologies: Vec<Choice>,
    pub trials: Vec<Choice>,
    pub pager: crate::web::Pager,
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<FieldReportFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let filters = [
        ("organisation", filter.organisation.as_ref()),
        ("category", filter.category.as_ref()),
        ("technology", filter.technology.as_ref()),
        ("trial", filter.trial.as_ref()),
    ];
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        crate::web::list_page_link("/faltrapporter", &filters, n)
    });
    let catalog = state.catalog.get();
    let selected = |v: &Option<String>| v.clone().unwrap_or_default();
    let organisation = selected(&filter.organisation);
    let category = selected(&filter.category);
    Ok(ListPage {
        organisations: catalog
            .organisations
            .iter()
            .map(|o| Choice {
                value: o.code.clone(),
                label: o.name.clone(),
                selected: o.code == organisation,
            })
            .collect(),
        categories: crate::web::category_choices(&catalog, |slug| slug == category),
        technologies: technology_choices(&state, &selected(&filter.technology)).await?,
        trials: trial_choices(&state, &actor, &selected(&filter.trial)).await?,
        may_post: super::may_post(&actor),
        pager,
        list,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "fieldreports/show.html")]
pub struct ReportPage {
    pub report: FieldReportView,
    pub may_promote: bool,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    /// The report's comments ("Kommentarer").
    pub comments: crate::comments::Section,
}

async fn report_page(
    state: web::Data<AppState>,
    identity: Identity,
    id: web::Path<String>,
) -> Result<ReportPage, AppError> {
    let actor = &identity.actor;
    let model = super::readable(&state, actor, &id).await?.into_inner();
    let item = super::comments::item_ref(&state, &model);
    let report = super::show(&state, actor, &id).await?;
    let may_promote = super::promote::may_promote_any(&state, actor, &id).await?;
    let follow = crate::notifications::routes::button(
        &state,
        actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::FieldReport, model.id),
        &item.title,
        &item.path,
    )
    .await?;
    let comments = crate::comments::section(&state, &identity, item).await?;
    Ok(ReportPage {
        report,
        may_promote,
        follow,
        comments,
    })
}

async fn photo(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (id, n) = path.into_inner();
    super::photos::download(&state, &actor, &id, n, false).await
}

async fn thumbnail(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (id, n) = path.into_inner();
    super::photos::download(&state, &actor, &id, n, true).await
}

/// One photo input of the form with its alt text as typed.
pub struct PhotoSlot {
    pub n: usize,
    pub alt: String,
}

#[derive(Template)]
#[template(path = "fieldreports/form.html")]
pub struct FormPage {
    pub csrf: String,
    pub key: String,
    pub text: String,
    pub visibilities: Vec<Choice>,
    pub trials: Vec<Choice>,
    pub technologies: Vec<Choice>,
    pub needs: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub slots: Vec<PhotoSlot>,
    pub max_photo: String,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }

    pub fn photo_error(&self, n: &usize) -> Option<String> {
        self.error_for(&format!("photo_{n}"))
    }

    pub fn alt_error(&self, n: &usize) -> Option<String> {
        self.error_for(&format!("alt_{n}"))
    }
}

/// The catalogue's technologies, `current` (slug) selected.
async fn technology_choices(state: &AppState, current: &str) -> Result<Vec<Choice>, AppError> {
    Ok(crate::technologies::choices(state)
        .await?
        .into_iter()
        .map(|(slug, name)| Choice {
            selected: slug == current,
            value: slug,
            label: name,
        })
        .collect())
}

/// The trials `actor` may read, by title, `current` (slug) selected.
async fn trial_choices(
    state: &AppState,
    actor: &Actor,
    current: &str,
) -> Result<Vec<Choice>, AppError> {
    use crate::trials::entity;
    let rows = entity::Entity::find()
        .filter(crate::trials::live())
        .filter(crate::auth::policy::visible_condition(
            actor,
            &crate::trials::readers(),
            &state.catalog.get(),
        ))
        .order_by_asc(entity::Column::Title)
        .limit(300)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|t| Choice {
            selected: t.slug == current,
            value: t.slug,
            label: t.title,
        })
        .collect())
}

/// The needs `actor` may read, by title, `current` (slug) selected.
async fn need_choices(
    state: &AppState,
    actor: &Actor,
    current: &str,
) -> Result<Vec<Choice>, AppError> {
    use crate::needs::entity;
    let rows = entity::Entity::find()
        .filter(crate::needs::live())
        .filter(crate::auth::policy::visible_condition(
            actor,
            &crate::needs::readers(),
            &state.catalog.get(),
        ))
        .order_by_asc(entity::Column::Title)
        .limit(300)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|n| Choice {
            selected: n.slug == current,
            value: n.slug,
            label: n.title,
        })
        .collect())
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    sent: &Submission,
    errors: Vec<FieldIssue>,
) -> Result<FormPage, AppError> {
    let actor = user.actor();
    let key = if sent.key.trim().is_empty() {
        uuid::Uuid::now_v7().to_string()
    } else {
        sent.key.clone()
    };
    Ok(FormPage {
        csrf: user.0.csrf.clone(),
        key,
        text: sent.text.clone(),
        visibilities: choices(
            &[
                Visibility::Public,
                Visibility::Network,
                Visibility::Organisation,
            ],
            Visibility::as_str,
            Visibility::label,
            if sent.visibility.is_empty() {
                "network"
            } else {
                &sent.visibility
            },
        ),
        trials: trial_choices(state, &actor, &sent.trial).await?,
        technologies: technology_choices(state, &sent.technology).await?,
        needs: need_choices(state, &actor, &sent.need).await?,
        categories: crate::web::category_choices(&state.catalog.get(), |slug| {
            slug == sent.category
        }),
        slots: (1..=super::MAX_PHOTOS)
            .map(|n| PhotoSlot {
                n,
                alt: sent.alt(n).to_owned(),
            })
            .collect(),
        max_photo: crate::blobs::upload::size(state.settings.photo_max_bytes as u64),
        errors,
    })
}

async fn new_form(state: web::Data<AppState>, user: SignedIn) -> Result<HttpResponse, AppError> {
    if !super::may_post(&user.actor()) {
        return Err(AppError::Forbidden(
            "fieldreports-error-writers-only".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &form_page(&state, &user, &Submission::default(), Vec::new()).await?,
    )
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let sent = super::submission::read(payload, state.settings.photo_max_bytes).await?;
    csrf::verify(&req, Some(&user.0.csrf), &sent.csrf)?;
    match super::create(&state, &by, sent.clone()).await {
        Ok((report, _)) => Ok(crate::web::frame::see_other(
            &super::url_of(report.id),
            &crate::web::i18n::t("fieldreports-sent"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, &user, &sent, errors).await?,
        ),
        Err(AppError::TooLarge(message)) => page(
            HttpResponse::PayloadTooLarge(),
            &form_page(
                &state,
                &user,
                &sent,
                vec![FieldIssue::new("photos", message)],
            )
            .await?,
        ),
        Err(other) => Err(other),
    }
}
