//! The technology catalogue's pages (`/teknik`) and `/api/v1/technologies`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use super::{EntryStatus, TechnologyInput, TechnologyView, UseInput, UseView};
use crate::audit::By;
use crate::auth::Confirmed;
use crate::auth::{Action, Actor, Identity, Resource, SignedIn, can, csrf};
use crate::error::{AppError, FieldIssue};
use crate::revisions::{CompareQuery, History};
use crate::state::AppState;
use crate::technologies::Proximity;
use crate::technologies::UseStatus;
use crate::web::api_resource;
use crate::web::frame;
use crate::web::{Choice, choices, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/teknik", web::get().to(list_page))
        .route("/teknik/ny", web::get().to(new_form))
        .route("/teknik/ny", web::post().to(create_form))
        .route("/teknik/foresla", web::get().to(propose_form))
        .route("/teknik/foresla", web::post().to(propose))
        .route("/teknik/{slug}", web::get().to(entry_page))
        .route("/teknik/{slug}/andra", web::get().to(edit_form))
        .route("/teknik/{slug}/andra", web::post().to(update_form))
        .route("/teknik/{slug}/historik", web::get().to(history_page))
        .route("/teknik/{slug}/dra-tillbaka", web::get().to(withdraw_page))
        .route("/teknik/{slug}/dra-tillbaka", web::post().to(withdraw_form))
        .route("/teknik/{slug}/aterstall", web::post().to(restore_form))
        .route("/teknik/{slug}/godkann", web::post().to(approve_form))
        .route("/teknik/{slug}/avboj", web::post().to(decline_form))
        .route("/teknik/{slug}/anvandning", web::post().to(use_form))
        .route(
            "/teknik/{slug}/anvandning/dra-tillbaka",
            web::post().to(withdraw_use_form),
        )
        .route(
            "/teknik/{slug}/anvandning/{organisation}/aterstall",
            web::post().to(restore_use_form),
        )
        .service(api_resource!("/api/v1/technologies", get => list, post => create))
        .service(api_resource!(
            "/api/v1/technologies/{id}",
            get => get,
            put => update,
            patch => patch,
            delete => withdraw
        ))
        .service(api_resource!("/api/v1/technologies/{id}/restore", post => restore))
        .service(api_resource!("/api/v1/technologies/{id}/revisions", get => revisions))
        .service(api_resource!("/api/v1/technologies/{id}/uses", put => record_use))
        .service(api_resource!(
            "/api/v1/technologies/{id}/uses/{organisation}",
            delete => withdraw_use
        ))
        .service(api_resource!(
            "/api/v1/technologies/{id}/uses/{organisation}/restore",
            post => restore_use
        ));
}

/// The catalogue keys of the entry form's fields' labels, for its error messages.
const ENTRY_LABELS: &[(&str, &str)] = &[
    ("name", "technologies-label-name"),
    ("description", "technologies-label-description"),
    ("category", "technologies-category"),
    ("supplier", "technologies-supplier"),
    ("proximity", "technologies-label-proximity"),
    ("standards", "technologies-standards"),
];

/// The catalogue keys of the use form's fields' labels, for its error messages.
const USE_LABELS: &[(&str, &str)] = &[
    ("status", "technologies-use-status"),
    ("since", "technologies-use-since"),
    ("product", "technologies-use-product"),
    ("contact", "technologies-use-contact"),
    ("organisation", "technologies-use-organisation"),
];

/// The decline form's field's label, for its error messages.
const DECLINE_LABELS: &[(&str, &str)] = &[("reason", "technologies-label-reason")];

/// A proposal as the catalogue page lists it to node staff.
pub struct ProposalRow {
    pub name: String,
    pub url: String,
    pub proposed_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "technologies/index.html")]
pub struct ListPage {
    pub entries: Vec<TechnologyView>,
    pub total: usize,
    pub pager: crate::web::Pager,
    pub staff: bool,
    /// Whether the reader may propose an entry (signed-in members who are not node staff).
    pub may_propose: bool,
    /// The proposals waiting for node staff (node staff only), and how many wait.
    pub proposals: Vec<ProposalRow>,
    pub proposals_total: u64,
}

async fn list_page(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<super::TechnologyFilter>,
) -> Result<ListPage, AppError> {
    let list = super::list(&state, &actor, &filter).await?;
    let pager = crate::web::Pager::new(list.page, list.per_page, list.total, |n| {
        format!("/teknik?page={n}")
    });
    let staff = can(&actor, Action::Curate, &Resource::Catalogue);
    let (waiting, proposals_total) = super::waiting(&state, &actor).await?;
    Ok(ListPage {
        entries: list.technologies,
        total: list.total,
        pager,
        staff,
        may_propose: !staff && can(&actor, Action::Contribute, &Resource::Catalogue),
        proposals: waiting
            .iter()
            .map(|e| ProposalRow {
                name: e.name.clone(),
                url: super::url(e),
                proposed_on: crate::web::date_text(crate::web::stockholm_date(e.created_at)),
            })
            .collect(),
        proposals_total,
    })
}

/// The use form as typed: shown again, every value kept, when it has errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UseFields {
    pub status: String,
    pub since: String,
    pub product: String,
    pub contact: String,
}

impl UseFields {
    fn of(own: Option<&UseView>) -> UseFields {
        match own {
            Some(u) => UseFields {
                status: u.status.clone(),
                since: u.since.map(|d| d.to_string()).unwrap_or_default(),
                product: u.product.clone(),
                contact: u.contact.clone(),
            },
            None => UseFields {
                status: UseStatus::Test.as_str().to_owned(),
                ..UseFields::default()
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "technologies/show.html")]
pub struct EntryPage {
    pub entry: TechnologyView,
    /// "Bevaka" / "Sluta bevaka" for a signed-in reader.
    pub follow: Option<crate::notifications::routes::FollowButton>,
    pub csrf: Option<String>,
    pub statuses: Vec<Choice>,
    /// The reader's organisation's use, if recorded.
    pub own: Option<UseView>,
    /// The use form, filled with the own use or as typed.
    pub use_form: UseFields,
    pub use_errors: Vec<FieldIssue>,
    pub uses: Vec<(UseView, String)>,
    /// Whether the reader may withdraw the own organisation's use.
    pub may_withdraw_use: bool,
    /// Whether the reader edits, withdraws and restores entries and decides on proposals.
    pub staff: bool,
    pub withdrawn: bool,
    pub proposed: bool,
    pub declined: bool,
    /// The reason node staff give when declining, as typed.
    pub reason: String,
    pub decline_errors: Vec<FieldIssue>,
    /// The organisations whose use is withdrawn, as (name, code), for node staff to restore.
    pub withdrawn_uses: Vec<(String, String)>,
    /// Framework agreements procured for the technology, with their parties.
    pub contracts: Vec<crate::procurement::summary::ContractLine>,
    /// The entry's Atom feed, while it is in the catalogue.
    pub feed_url: Option<String>,
    /// How current the entry is, with the forms to keep it so, while it is in the catalogue.
    pub freshness_panel: Option<crate::freshness::Panel>,
}

impl EntryPage {
    pub fn use_error(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.use_errors, field)
    }

    pub fn decline_error(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.decline_errors, field)
    }
}

/// What the entry page shows besides the entry: the forms as typed, with their errors.
#[derive(Default)]
struct Typed {
    use_form: Option<UseFields>,
    use_errors: Vec<FieldIssue>,
    reason: String,
    decline_errors: Vec<FieldIssue>,
}

async fn entry_page(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<EntryPage, AppError> {
    entry_view(&state, identity, &slug, Typed::default()).await
}

async fn entry_view(
    state: &AppState,
    identity: Identity,
    slug: &str,
    typed: Typed,
) -> Result<EntryPage, AppError> {
    let entry = super::show(state, &identity.actor, slug).await?;
    let own_organisation = identity.actor.member().map(|m| m.organisation_id);
    let own_code = own_organisation.and_then(|id| {
        state
            .catalog
            .get()
            .organisation_by_id(id)
            .map(|o| o.code.clone())
    });
    let own = entry
        .uses
        .iter()
        .find(|u| {
            u.organisation
                .as_ref()
                .is_some_and(|o| Some(&o.code) == own_code.as_ref())
        })
        .cloned();
    let use_form = typed
        .use_form
        .unwrap_or_else(|| UseFields::of(own.as_ref()));
    let may_withdraw_use = own.is_some()
        && own_organisation.is_some_and(|organisation_id| {
            can(
                &identity.actor,
                Action::Withdraw,
                &Resource::TechnologyUse { organisation_id },
            )
        });
    let staff = can(&identity.actor, Action::Curate, &Resource::Catalogue);
    let withdrawn_uses = if staff {
        let catalog = state.catalog.get();
        super::withdrawn_uses(&state.db, entry.id)
            .await?
            .into_iter()
            .filter_map(|u| catalog.organisation_by_id(u.organisation_id))
            .map(|o| (o.name.clone(), o.code.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let contracts = crate::procurement::summary::contracts_of_technology(state, entry.id).await?;
    let follow = crate::notifications::routes::button(
        state,
        &identity.actor,
        crate::notifications::Topic::new(crate::notifications::TopicKind::Technology, entry.id),
        &entry.name,
        &entry.url,
    )
    .await?;
    let in_catalogue =
        entry.withdrawn_at.is_none() && entry.status == EntryStatus::Katalog.as_str();
    let freshness_panel =
        if entry.withdrawn_at.is_none() && entry.status == EntryStatus::Katalog.as_str() {
            Some(
                crate::freshness::panel(
                    state,
                    &identity.actor,
                    entry.freshness,
                    &entry.url,
                    staff,
                    identity.session.as_ref().map(|s| &s.csrf),
                )
                .await?,
            )
        } else {
            None
        };
    Ok(EntryPage {
        feed_url: in_catalogue.then(|| crate::feeds::technology_path(&entry.url)),
        follow,
        contracts,
        withdrawn_uses,
        statuses: choices(
            UseStatus::ALL,
            UseStatus::as_str,
            UseStatus::label,
            &use_form.status,
        ),
        use_form,
        use_errors: typed.use_errors,
        staff,
        may_withdraw_use,
        freshness_panel,
        csrf: identity.session.map(|s| s.csrf),
        uses: entry
            .uses
            .iter()
            .map(|u| {
                (
                    u.clone(),
                    u.since.map(crate::web::date_text).unwrap_or_default(),
                )
            })
            .collect(),
        own,
        withdrawn: entry.withdrawn_at.is_some(),
        proposed: entry.status == EntryStatus::Forslag.as_str(),
        declined: entry.status == EntryStatus::Avbojd.as_str(),
        reason: typed.reason,
        decline_errors: typed.decline_errors,
        entry,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UseForm {
    csrf: String,
    #[serde(flatten)]
    fields: UseFields,
}

async fn use_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    identity: Identity,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: UseForm = crate::web::form_from_bytes(&body)?;
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    let mut issues = Vec::new();
    let since = crate::web::date_field(&form.fields.since, "since", &mut issues);
    let saved = if issues.is_empty() {
        super::record_use(
            &state,
            &by,
            &slug,
            UseInput {
                status: form.fields.status.clone(),
                since,
                product: form.fields.product.clone(),
                contact: form.fields.contact.clone(),
                organisation: None,
            },
        )
        .await
    } else {
        Err(AppError::Invalid(issues))
    };
    match saved {
        Ok(_) => Ok(frame::see_other(
            &format!("/teknik/{slug}#anvandning"),
            &crate::web::i18n::t("technologies-use-saved"),
        )),
        Err(AppError::Invalid(issues)) => page(
            HttpResponse::UnprocessableEntity(),
            &entry_view(
                &state,
                identity,
                &slug,
                Typed {
                    use_form: Some(form.fields),
                    use_errors: crate::error::labelled(issues, USE_LABELS),
                    ..Typed::default()
                },
            )
            .await?,
        ),
        Err(other) => Err(other),
    }
}

async fn withdraw_use_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw_use(&state, &by, &slug, None).await?;
    Ok(frame::see_other(
        &format!("/teknik/{slug}#anvandning"),
        &crate::web::i18n::t("technologies-use-withdrawn"),
    ))
}

async fn restore_use_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, organisation) = path.into_inner();
    super::restore_use(&state, &by, &slug, &organisation).await?;
    Ok(frame::see_other(
        &format!("/teknik/{slug}#anvandning"),
        &crate::web::i18n::t("technologies-use-restored"),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EntryForm {
    csrf: String,
    name: String,
    description: String,
    category: String,
    supplier: String,
    proximity: String,
    /// Comma-separated.
    standards: String,
}

impl EntryForm {
    fn of(entry: &super::entity::Model, catalog: &crate::catalog::CatalogData) -> EntryForm {
        EntryForm {
            csrf: String::new(),
            name: entry.name.clone(),
            description: entry.description_md.clone(),
            category: entry
                .category_id
                .and_then(|c| catalog.category_by_id(c))
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            supplier: entry.supplier.clone(),
            proximity: entry.proximity.clone(),
            standards: super::standards(entry).join(", "),
        }
    }

    fn input(&self) -> TechnologyInput {
        TechnologyInput {
            name: self.name.clone(),
            description: self.description.clone(),
            category: Some(self.category.clone()),
            supplier: self.supplier.clone(),
            proximity: self.proximity.clone(),
            standards: self
                .standards
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// Which form for an entry: add (node staff), propose (members) or edit (node staff).
#[derive(Clone, Copy)]
enum FormKind {
    New,
    Propose,
    Edit,
}

#[derive(Template)]
#[template(path = "technologies/form.html")]
pub struct FormPage {
    pub heading: String,
    pub intro: String,
    pub action: String,
    pub submit: String,
    /// Where "Avbryt" leads.
    pub back: String,
    pub csrf: String,
    pub name: String,
    pub description: String,
    pub supplier: String,
    pub standards: String,
    pub categories: Vec<Choice>,
    pub proximities: Vec<Choice>,
    pub errors: Vec<FieldIssue>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn form_page(
    state: &AppState,
    kind: FormKind,
    slug: &str,
    csrf: &str,
    form: &EntryForm,
    errors: Vec<FieldIssue>,
) -> FormPage {
    use crate::web::i18n::t;
    let (heading, intro, action, submit, back) = match kind {
        FormKind::New => (
            t("technologies-new-heading"),
            String::new(),
            "/teknik/ny".to_owned(),
            t("technologies-new-submit"),
            "/teknik".to_owned(),
        ),
        FormKind::Propose => (
            t("technologies-propose-heading"),
            t("technologies-propose-intro"),
            "/teknik/foresla".to_owned(),
            t("technologies-propose-submit"),
            "/teknik".to_owned(),
        ),
        FormKind::Edit => (
            crate::web::i18n::t_with("technologies-edit-heading", "name", &form.name),
            String::new(),
            format!("/teknik/{slug}/andra"),
            t("technologies-edit-submit"),
            format!("/teknik/{slug}"),
        ),
    };
    FormPage {
        heading,
        intro,
        action,
        submit,
        back,
        csrf: csrf.to_owned(),
        name: form.name.clone(),
        description: form.description.clone(),
        supplier: form.supplier.clone(),
        standards: form.standards.clone(),
        categories: crate::web::category_choices(&state.catalog.get(), |slug| {
            slug == form.category
        }),
        proximities: choices(
            Proximity::ALL,
            Proximity::as_str,
            Proximity::label,
            &form.proximity,
        ),
        errors: crate::error::labelled(errors, ENTRY_LABELS),
    }
}

fn staff_only(user: &SignedIn, what: &str) -> Result<(), AppError> {
    if can(&user.actor(), Action::Curate, &Resource::Catalogue) {
        Ok(())
    } else {
        Err(AppError::Forbidden(what.to_owned()))
    }
}

async fn new_form(state: web::Data<AppState>, user: SignedIn) -> Result<HttpResponse, AppError> {
    staff_only(&user, "technologies-error-staff-only-add")?;
    page(
        HttpResponse::Ok(),
        &form_page(
            &state,
            FormKind::New,
            "",
            &user.0.csrf,
            &EntryForm::default(),
            Vec::new(),
        ),
    )
}

async fn create_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::create(&state, &by, form.input()).await {
        Ok(entry) => Ok(frame::see_other(
            &super::url(&entry),
            &crate::web::i18n::t("technologies-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, FormKind::New, "", &user.0.csrf, &form, errors),
        ),
        Err(other) => Err(other),
    }
}

async fn propose_form(
    state: web::Data<AppState>,
    user: SignedIn,
) -> Result<HttpResponse, AppError> {
    if !can(&user.actor(), Action::Contribute, &Resource::Catalogue) {
        return Err(AppError::Forbidden(
            "technologies-error-cannot-propose".to_owned(),
        ));
    }
    page(
        HttpResponse::Ok(),
        &form_page(
            &state,
            FormKind::Propose,
            "",
            &user.0.csrf,
            &EntryForm::default(),
            Vec::new(),
        ),
    )
}

async fn propose(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::propose(&state, &by, form.input()).await {
        Ok(_) => Ok(frame::see_other(
            "/teknik",
            &crate::web::i18n::t("technologies-proposal-sent"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, FormKind::Propose, "", &user.0.csrf, &form, errors),
        ),
        Err(other) => Err(other),
    }
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff_only(&user, "technologies-error-staff-only-edit")?;
    let entry = super::find_for(&state, &user.actor(), &slug).await?;
    let form = EntryForm::of(&entry, &state.catalog.get());
    page(
        HttpResponse::Ok(),
        &form_page(
            &state,
            FormKind::Edit,
            &entry.slug,
            &user.0.csrf,
            &form,
            Vec::new(),
        ),
    )
}

async fn update_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    form: web::Form<EntryForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::update(&state, &by, &slug, form.input()).await {
        Ok(entry) => Ok(frame::see_other(
            &super::url(&entry),
            &crate::web::i18n::t("technologies-saved"),
        )),
        Err(AppError::Invalid(errors)) => page(
            HttpResponse::UnprocessableEntity(),
            &form_page(&state, FormKind::Edit, &slug, &user.0.csrf, &form, errors),
        ),
        Err(other) => Err(other),
    }
}

async fn history_page(
    state: web::Data<AppState>,
    actor: Actor,
    slug: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<crate::revisions::HistoryPage, AppError> {
    super::history_page(&state, &actor, &slug, query.into_inner()).await
}

/// The step that asks node staff to confirm a withdrawal (works without JavaScript).
#[derive(Template, WebTemplate)]
#[template(path = "technologies/withdraw.html")]
pub struct WithdrawPage {
    pub csrf: String,
    pub name: String,
    pub url: String,
}

async fn withdraw_page(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<WithdrawPage, AppError> {
    if !can(&user.actor(), Action::Withdraw, &Resource::Catalogue) {
        return Err(AppError::Forbidden(
            "technologies-error-staff-only-withdraw".to_owned(),
        ));
    }
    let entry = super::find_for(&state, &user.actor(), &slug).await?;
    Ok(WithdrawPage {
        csrf: user.0.csrf.clone(),
        url: super::url(&entry),
        name: entry.name,
    })
}

async fn withdraw_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &slug).await?;
    Ok(frame::see_other(
        "/teknik",
        &crate::web::i18n::t("technologies-withdrawn-flash"),
    ))
}

async fn restore_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let entry = super::restore(&state, &by, &slug).await?;
    Ok(frame::see_other(
        &super::url(&entry),
        &crate::web::i18n::t("technologies-restored"),
    ))
}

async fn approve_form(
    state: web::Data<AppState>,
    _: Confirmed,
    by: By,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let entry = super::approve(&state, &by, &slug).await?;
    Ok(frame::see_other(
        &super::url(&entry),
        &crate::web::i18n::t("technologies-proposal-approved"),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DeclineForm {
    csrf: String,
    reason: String,
}

async fn decline_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    identity: Identity,
    by: By,
    slug: web::Path<String>,
    form: web::Form<DeclineForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&req, Some(&user.0.csrf), &form.csrf)?;
    match super::decline(&state, &by, &slug, &form.reason).await {
        Ok(_) => Ok(frame::see_other(
            "/teknik",
            &crate::web::i18n::t("technologies-proposal-declined"),
        )),
        Err(AppError::Invalid(issues)) => page(
            HttpResponse::UnprocessableEntity(),
            &entry_view(
                &state,
                identity,
                &slug,
                Typed {
                    reason: form.reason.clone(),
                    decline_errors: crate::error::labelled(issues, DECLINE_LABELS),
                    ..Typed::default()
                },
            )
            .await?,
        ),
        Err(other) => Err(other),
    }
}

/// The technology catalogue, with each entry's uses.
#[utoipa::path(
    get,
    path = "/api/v1/technologies",
    tag = "technologies",
    params(super::TechnologyFilter),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = super::TechnologyList),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    filter: web::Query<super::TechnologyFilter>,
) -> Result<web::Json<super::TechnologyList>, AppError> {
    Ok(web::Json(super::list(&state, &actor, &filter).await?))
}

/// Adds an entry to the catalogue (node staff). Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/technologies",
    tag = "technologies",
    request_body = TechnologyInput,
    security(("bearer" = [])),
    responses(
        (status = 201, body = TechnologyView),
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
    input: web::Json<TechnologyInput>,
) -> Result<HttpResponse, AppError> {
    let entry = super::create(&state, &by, input.into_inner()).await?;
    let view = super::show(&state, &by.actor, &entry.id.to_string()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/technologies/{}", view.id)))
        .json(view))
}

/// One entry: who uses it, and the trials and reports behind it.
#[utoipa::path(
    get,
    path = "/api/v1/technologies/{id}",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<web::Json<TechnologyView>, AppError> {
    let entry = super::show(&state, &actor, &id).await?;
    // Only node staff get this far with a withdrawn entry; the API says it is gone.
    if entry.withdrawn_at.is_some() {
        return Err(AppError::Gone("Tekniken"));
    }
    Ok(web::Json(entry))
}

/// Records one's organisation's use of an entry. Requires a bearer token with `write`.
#[utoipa::path(
    put,
    path = "/api/v1/technologies/{id}/uses",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    request_body = UseInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn record_use(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
    input: web::Json<UseInput>,
) -> Result<web::Json<TechnologyView>, AppError> {
    super::record_use(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(super::show(&state, &by.actor, &id).await?))
}

/// Replaces an entry's content (node staff; same body as adding one). Requires a bearer token.
#[utoipa::path(
    put,
    path = "/api/v1/technologies/{id}",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    request_body = TechnologyInput,
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
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
    input: web::Json<TechnologyInput>,
) -> Result<web::Json<TechnologyView>, AppError> {
    let entry = super::update(&state, &by, &id, input.into_inner()).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &entry.id.to_string()).await?,
    ))
}

/// Changes the fields sent and keeps the rest: a JSON Merge Patch (RFC 7396) of the body `PUT`
/// takes, applied to the entry as it stands and then saved as that `PUT` would be (node staff;
/// a revision is kept). Requires a bearer token.
#[utoipa::path(
    patch,
    path = "/api/v1/technologies/{id}",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    request_body(content(
        (super::TechnologyPatch = "application/merge-patch+json"),
        (super::TechnologyPatch = "application/json"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
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
) -> Result<web::Json<TechnologyView>, AppError> {
    let current = super::current_input(&state, &by, &id).await?;
    let input = crate::web::merge_patch::patched(&current, patch.into_inner())?;
    let entry = super::update(&state, &by, &id, input).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &entry.id.to_string()).await?,
    ))
}

/// Withdraws an entry (node staff): it leaves the catalogue, search and the overview; node
/// staff can restore it. Requires a bearer token.
#[utoipa::path(
    delete,
    path = "/api/v1/technologies/{id}",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    super::withdraw(&state, &by, &id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Brings a withdrawn entry back into the catalogue (node staff). Requires a bearer token.
#[utoipa::path(
    post,
    path = "/api/v1/technologies/{id}/restore",
    tag = "technologies",
    params(("id" = String, Path, description = "The entry's UUID or slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore(
    state: web::Data<AppState>,
    by: By,
    id: web::Path<String>,
) -> Result<web::Json<TechnologyView>, AppError> {
    let entry = super::restore(&state, &by, &id).await?;
    Ok(web::Json(
        super::show(&state, &by.actor, &entry.id.to_string()).await?,
    ))
}

/// An entry's revisions, newest first, and what changed between two of them (by default the
/// newest and the one before).
#[utoipa::path(
    get,
    path = "/api/v1/technologies/{id}/revisions",
    tag = "technologies",
    params(
        ("id" = String, Path, description = "The entry's UUID or slug"),
        CompareQuery,
    ),
    security((), ("bearer" = [])),
    responses(
        (status = 200, body = History),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 404, response = crate::openapi::NotFound),
        (status = 410, response = crate::openapi::Gone),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn revisions(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<web::Json<History>, AppError> {
    // A withdrawn entry's history is gone through the API as the entry is (staff see it on
    // the page).
    if super::show(&state, &actor, &id)
        .await?
        .withdrawn_at
        .is_some()
    {
        return Err(AppError::Gone("Tekniken"));
    }
    Ok(web::Json(
        super::history(&state, &actor, &id, query.into_inner()).await?,
    ))
}

/// Withdraws an organisation's use of an entry (its own staff, or node staff): the entry's
/// "who uses it" drops it. Requires a bearer token with `write`.
#[utoipa::path(
    delete,
    path = "/api/v1/technologies/{id}/uses/{organisation}",
    tag = "technologies",
    params(
        ("id" = String, Path, description = "The entry's UUID or slug"),
        ("organisation" = String, Path, description = "The organisation's SCB code or name"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn withdraw_use(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, organisation) = path.into_inner();
    super::withdraw_use(&state, &by, &id, Some(&organisation)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Brings an organisation's withdrawn use of an entry back (node staff). Requires a bearer
/// token.
#[utoipa::path(
    post,
    path = "/api/v1/technologies/{id}/uses/{organisation}/restore",
    tag = "technologies",
    params(
        ("id" = String, Path, description = "The entry's UUID or slug"),
        ("organisation" = String, Path, description = "The organisation's SCB code or name"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, body = TechnologyView),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 404, response = crate::openapi::NotFound),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn restore_use(
    state: web::Data<AppState>,
    by: By,
    path: web::Path<(String, String)>,
) -> Result<web::Json<TechnologyView>, AppError> {
    let (id, organisation) = path.into_inner();
    super::restore_use(&state, &by, &id, &organisation).await?;
    Ok(web::Json(super::show(&state, &by.actor, &id).await?))
}
