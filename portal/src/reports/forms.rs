//! Writing reports through the web: the new-report and edit forms, with a Markdown preview
//! (live with JavaScript, by a button without) and each validation message next to its field.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::ReportInput;
use super::model::{Kind, Outcome, Phase, Section};
use crate::audit::By;
use crate::auth::Visibility;
use crate::auth::{Actor, SignedIn, csrf};
use crate::catalog::TargetGroup;
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;
use crate::web::markdown::{self, SafeHtml};
use crate::web::{Choice, choices, page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rapporter/ny", web::get().to(new_form))
        .route("/rapporter/ny", web::post().to(create))
        .route("/rapporter/ny/fil", web::post().to(create_from_file))
        .service(crate::web::api_resource!(
            "/api/v1/reports/from-file",
            post => create_from_file_api
        ))
        .route("/rapporter/{slug}/redigera", web::get().to(edit_form))
        .route("/rapporter/{slug}/redigera", web::post().to(update))
        .service(crate::web::api_resource!(
            "/api/v1/markdown/preview",
            post => preview
        ));
}

/// The fields of the report form, as posted (categories repeat).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub csrf: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: String,
    pub organisation: String,
    pub categories: Vec<String>,
    /// Comma-separated.
    pub tags: String,
    pub outcome: String,
    pub phase: String,
    pub target_groups: Vec<String>,
    pub visibility: String,
    pub workspace: String,
    pub published_on: String,
    /// `preview` shows the preview instead of saving, `submit` saves and sends for review.
    pub action: String,
    /// The trial (slug) a final report concludes.
    pub trial: String,
    /// `slutrapport`: the final report's sections instead of one body.
    pub template: String,
    /// Set by the edit form (not posted): the report is published already.
    #[serde(skip)]
    pub published: bool,
    pub sektion_behov: String,
    pub sektion_sakerhet: String,
    pub sektion_effekter: String,
    pub sektion_brukarperspektiv: String,
    pub sektion_ekonomi: String,
    pub sektion_organisation: String,
    pub sektion_etik: String,
    pub sektion_informationssakerhet: String,
    pub sektion_slutsats: String,
}

/// The form field of each template section.
fn section_field(form: &ReportForm, section: Section) -> &String {
    match section {
        Section::Behov => &form.sektion_behov,
        Section::Sakerhet => &form.sektion_sakerhet,
        Section::Effekter => &form.sektion_effekter,
        Section::Brukarperspektiv => &form.sektion_brukarperspektiv,
        Section::Ekonomi => &form.sektion_ekonomi,
        Section::Organisation => &form.sektion_organisation,
        Section::Etik => &form.sektion_etik,
        Section::Informationssakerhet => &form.sektion_informationssakerhet,
        Section::Slutsats => &form.sektion_slutsats,
    }
}

fn section_field_mut(form: &mut ReportForm, section: Section) -> &mut String {
    match section {
        Section::Behov => &mut form.sektion_behov,
        Section::Sakerhet => &mut form.sektion_sakerhet,
        Section::Effekter => &mut form.sektion_effekter,
        Section::Brukarperspektiv => &mut form.sektion_brukarperspektiv,
        Section::Ekonomi => &mut form.sektion_ekonomi,
        Section::Organisation => &mut form.sektion_organisation,
        Section::Etik => &mut form.sektion_etik,
        Section::Informationssakerhet => &mut form.sektion_informationssakerhet,
        Section::Slutsats => &mut form.sektion_slutsats,
    }
}

/// One section of the final-report template as the form shows it.
pub struct SectionField {
    pub name: String,
    /// The element id, the same as the field its errors are reported under.
    pub id: String,
    pub label: &'static str,
    pub value: String,
    pub error: Option<String>,
}

impl ReportForm {
    fn uses_template(&self) -> bool {
        self.template == "slutrapport"
    }

    fn sections(&self) -> std::collections::BTreeMap<String, String> {
        if !self.uses_template() {
            return Default::default();
        }
        Section::ALL
            .iter()
            .map(|&s| (s.as_str().to_owned(), section_field(self, s).clone()))
            .filter(|(_, text)| !text.trim().is_empty())
            .collect()
    }
}

fn blank_to_none(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl ReportForm {
    /// The form as a waiting edit left it, for its writer to go on with.
    fn with_edit(self, edit: ReportInput) -> ReportForm {
        let mut form = ReportForm {
            title: edit.title,
            summary: edit.summary,
            body: edit.body,
            kind: edit.kind.unwrap_or_default(),
            organisation: edit.organisation.unwrap_or(self.organisation),
            categories: edit.categories,
            tags: edit.tags.join(", "),
            outcome: edit.outcome.unwrap_or_default(),
            phase: edit.phase.unwrap_or_default(),
            target_groups: edit.target_groups,
            visibility: edit.visibility.unwrap_or_default(),
            workspace: edit.workspace.unwrap_or_default(),
            published_on: edit.published_on.map(|d| d.to_string()).unwrap_or_default(),
            template: if edit.sections.is_empty() {
                self.template
            } else {
                "slutrapport".to_owned()
            },
            trial: edit.trial.unwrap_or(self.trial),
            csrf: self.csrf,
            published: self.published,
            ..ReportForm::default()
        };
        for (key, text) in edit.sections {
            if let Some(section) = Section::parse(&key) {
                *section_field_mut(&mut form, section) = text;
            }
        }
        form
    }

    fn input(&self) -> Result<ReportInput, AppError> {
        let mut issues = Vec::new();
        let published_on = crate::web::date_field(&self.published_on, "published_on", &mut issues);
        if !issues.is_empty() {
            return Err(AppError::Invalid(issues));
        }
        Ok(ReportInput {
            title: self.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            body: self.body.clone(),
            kind: blank_to_none(&self.kind),
            organisation: blank_to_none(&self.organisation),
            categories: self.categories.clone(),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            outcome: blank_to_none(&self.outcome),
            phase: blank_to_none(&self.phase),
            target_groups: self.target_groups.clone(),
            visibility: blank_to_none(&self.visibility),
            workspace: blank_to_none(&self.workspace),
            sections: self.sections(),
            trial: blank_to_none(&self.trial),
            published_on,
        })
    }
}

#[derive(Template)]
#[template(path = "reports/form.html")]
pub struct FormPage {
    pub heading: String,
    pub action: String,
    pub form: ReportForm,
    pub errors: Vec<FieldIssue>,
    pub preview: Option<SafeHtml>,
    pub kinds: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub phases: Vec<Choice>,
    pub target_groups: Vec<Choice>,
    pub visibilities: Vec<Choice>,
    pub workspaces: Vec<Choice>,
    /// The final report's sections, when the form uses the template.
    pub sections: Vec<SectionField>,
    /// Whether to offer "send for review" (members' reports not yet published).
    pub offer_review: bool,
    /// Whether the report being edited is published already.
    pub published: bool,
    /// Whether the form makes a new report.
    pub is_new: bool,
    /// The form that makes a new report of a file, on the new-report page.
    pub from_file: Option<FromFile>,
}

/// The file field of "Har du rapporten som fil?".
pub struct FromFile {
    pub accept: String,
    pub hint: String,
    pub error: Option<String>,
}

impl FormPage {
    pub fn error_for(&self, field: &str) -> Option<String> {
        crate::error::message_of(&self.errors, field)
    }
}

fn form_page(
    state: &AppState,
    user: &SignedIn,
    heading: &str,
    action: String,
    form: ReportForm,
    errors: Vec<FieldIssue>,
    preview: Option<SafeHtml>,
) -> FormPage {
    let catalog = state.catalog.get();
    let actor = user.actor();
    let organisations = catalog
        .organisations
        .iter()
        // A partner of the trial edits a final report as its writer's organisation's.
        .filter(|o| {
            crate::auth::policy::writes_for(&actor, o.id)
                || (!form.trial.is_empty() && o.code == form.organisation)
        })
        .map(|o| Choice {
            value: o.code.clone(),
            label: o.name.clone(),
            selected: o.code == form.organisation,
        })
        .collect();
    let categories =
        crate::web::category_choices(&catalog, |slug| form.categories.iter().any(|c| c == slug));
    let workspaces = catalog
        .workspaces
        .iter()
        .filter(|w| crate::auth::policy::writes_into(&actor, w.id, &w.members))
        .map(|w| Choice {
            value: w.slug.clone(),
            label: w.name.clone(),
            selected: w.slug == form.workspace,
        })
        .collect();
    let sections = if form.uses_template() {
        Section::ALL
            .iter()
            .map(|&s| SectionField {
                name: format!("sektion_{}", s.as_str()),
                id: format!("sections.{}", s.as_str()),
                label: s.label(),
                value: section_field(&form, s).clone(),
                error: crate::error::message_of(&errors, &format!("sections.{}", s.as_str())),
            })
            .collect()
    } else {
        Vec::new()
    };
    FormPage {
        sections,
        // Node staff publish directly; everyone else sends for review.
        offer_review: !crate::auth::can(
            &actor,
            crate::auth::policy::Action::Review,
            &crate::auth::policy::Resource::ReviewQueue,
        ),
        published: form.published,
        is_new: action == "/rapporter/ny",
        from_file: (action == "/rapporter/ny" && form.trial.is_empty() && !form.uses_template())
            .then(|| FromFile {
                accept: crate::blobs::detect::accept_of(crate::blobs::text::READABLE),
                hint: {
                    use crate::web::i18n::{lang, text_with};
                    text_with(
                        lang(),
                        "reports-form-file-hint",
                        &[
                            (
                                "types",
                                crate::blobs::detect::allowed(crate::blobs::text::READABLE).into(),
                            ),
                            (
                                "size",
                                crate::blobs::upload::size(
                                    state.settings.attachment_max_bytes as u64,
                                )
                                .into(),
                            ),
                        ],
                    )
                },
                error: crate::error::message_of(&errors, crate::blobs::upload::FILE_FIELD),
            }),
        workspaces,
        heading: heading.to_owned(),
        action,
        kinds: choices(Kind::ALL, Kind::as_str, Kind::label, &form.kind),
        outcomes: choices(Outcome::ALL, Outcome::as_str, Outcome::label, &form.outcome),
        phases: choices(Phase::ALL, Phase::as_str, Phase::label, &form.phase),
        target_groups: TargetGroup::ALL
            .iter()
            .map(|t| Choice {
                value: t.as_str().to_owned(),
                label: t.label().to_owned(),
                selected: form.target_groups.iter().any(|v| v == t.as_str()),
            })
            .collect(),
        visibilities: choices(
            Visibility::ALL,
            Visibility::as_str,
            Visibility::label,
            &form.visibility,
        ),
        organisations,
        categories,
        form,
        errors,
        preview,
    }
}

/// `?test=<slug>&mall=slutrapport` opens the final-report template for a trial.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewFormQuery {
    test: String,
    mall: String,
}

/// A new report's form as it opens: a test report of the writer's organisation, for the
/// network.
fn blank_form(state: &AppState, user: &SignedIn) -> ReportForm {
    let own = state
        .catalog
        .get()
        .organisation_by_id(user.0.member.organisation_id)
        .map(|o| o.code.clone())
        .unwrap_or_default();
    ReportForm {
        csrf: user.0.csrf.clone(),
        kind: Kind::Testrapport.as_str().to_owned(),
        organisation: own,
        visibility: Visibility::Network.as_str().to_owned(),
        ..ReportForm::default()
    }
}

async fn new_form(
    state: web::Data<AppState>,
    user: SignedIn,
    query: web::Query<NewFormQuery>,
) -> Result<HttpResponse, AppError> {
    let mut form = blank_form(&state, &user);
    if query.mall == "slutrapport" || !query.test.is_empty() {
        form.template = "slutrapport".to_owned();
    }
    if !query.test.is_empty() {
        let trial = crate::trials::readable_by_slug(&state, &user.actor(), &query.test).await?;
        // A trial has one final report: its parties open it and work on together.
        if let Some(report) = super::final_report_of(&state.db, trial.id).await? {
            return Ok(crate::web::frame::see_other(
                &super::url(&report),
                &crate::web::i18n::t("reports-trial-has-final-report"),
            ));
        }
        let prefill = crate::trials::final_report_start(&state, &user.actor(), &trial.slug).await?;
        form.title = crate::web::i18n::t_with("reports-final-report-title", "title", &trial.title);
        form.summary = prefill.summary;
        form.trial = trial.into_inner().slug;
        form.target_groups = prefill.target_groups;
        form.categories = prefill.category.into_iter().collect();
        form.visibility = Visibility::Public.as_str().to_owned();
        for (key, text) in prefill.sections {
            if let Some(section) = Section::parse(&key) {
                *section_field_mut(&mut form, section) = text;
            }
        }
    }
    let view = form_page(
        &state,
        &user,
        &crate::web::i18n::t("reports-new"),
        "/rapporter/ny".to_owned(),
        form,
        Vec::new(),
        None,
    );
    page(HttpResponse::Ok(), &view)
}

async fn edit_form(
    state: web::Data<AppState>,
    user: SignedIn,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let report = super::editable(&state, &user.actor(), &slug).await?;
    let pending: Option<ReportInput> = report
        .pending_input
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let view = super::view(&state, report).await?;
    let form = ReportForm {
        csrf: user.0.csrf.clone(),
        title: view.title.clone(),
        summary: view.summary.clone(),
        body: view.body_markdown.clone(),
        kind: view.kind.clone(),
        organisation: view
            .organisation
            .as_ref()
            .map(|o| o.code.clone())
            .unwrap_or_default(),
        categories: view.categories.iter().map(|c| c.slug.clone()).collect(),
        tags: view.tags.join(", "),
        outcome: view.outcome.clone().unwrap_or_default(),
        phase: view.phase.clone().unwrap_or_default(),
        target_groups: view.target_groups.clone(),
        visibility: view.visibility.clone(),
        workspace: view.workspace.clone().unwrap_or_default(),
        published_on: view.published_on.to_string(),
        published: view.status == super::model::Status::Publicerad.as_str(),
        template: if view.sections.is_empty() {
            String::new()
        } else {
            "slutrapport".to_owned()
        },
        ..ReportForm::default()
    };
    let mut form = form;
    for (key, text) in &view.sections {
        if let Some(section) = Section::parse(key) {
            *section_field_mut(&mut form, section) = text.clone();
        }
    }
    if let Some(edit) = pending {
        form = form.with_edit(edit);
    }
    let page_view = form_page(
        &state,
        &user,
        &crate::web::i18n::t_with("reports-edit-heading", "title", &view.title),
        format!("/rapporter/{}/redigera", view.slug),
        form,
        Vec::new(),
        None,
    );
    page(HttpResponse::Ok(), &page_view)
}

/// Which form was posted: its heading, its address and the report it edits, if any.
struct Posted {
    heading: String,
    action: String,
    existing: Option<uuid::Uuid>,
    published: bool,
}

/// Saves, previews or shows the form again with its errors.
async fn submit(
    req: &HttpRequest,
    state: &AppState,
    user: &SignedIn,
    by: &By,
    body: &web::Bytes,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    let Posted {
        heading,
        action,
        existing,
        published,
    } = posted;
    let heading = heading.as_str();
    let mut form: ReportForm = crate::web::form_from_bytes(body)?;
    form.published = published;
    csrf::verify(req, Some(&user.0.csrf), &form.csrf)?;
    let input = match form.input() {
        Ok(input) => input,
        Err(AppError::Invalid(errors)) => {
            let view = form_page(state, user, heading, action, form, errors, None);
            return page(HttpResponse::UnprocessableEntity(), &view);
        }
        Err(other) => return Err(other),
    };
    if form.action == "preview" {
        let source = if input.sections.is_empty() {
            input.body.clone()
        } else {
            super::body_of_sections(&input.sections)
        };
        let preview = match markdown::render_field("body", source).await {
            Ok(html) => html,
            Err(AppError::Invalid(errors)) => {
                let view = form_page(state, user, heading, action, form, errors, None);
                return page(HttpResponse::UnprocessableEntity(), &view);
            }
            Err(other) => return Err(other),
        };
        let view = form_page(
            state,
            user,
            heading,
            action,
            form,
            Vec::new(),
            Some(preview),
        );
        return page(HttpResponse::Ok(), &view);
    }
    let intent = if form.action == "submit" {
        super::Intent::Submit
    } else {
        super::Intent::Save
    };
    let saved = match existing {
        None => super::create_with(state, by, input, intent).await,
        Some(id) => super::update_with(state, by, id, input, intent).await,
    };
    match saved {
        Ok(report) => {
            use super::model::Status;
            let message = if super::review::edit_waits(&report) {
                crate::web::i18n::t("reports-change-sent-for-review")
            } else {
                match Status::parse(&report.status) {
                    Some(Status::Granskas) if intent == super::Intent::Submit => {
                        crate::web::i18n::t("reports-sent-for-review")
                    }
                    Some(Status::Publicerad) if !published => {
                        crate::web::i18n::t("reports-published")
                    }
                    _ => crate::web::i18n::t("reports-saved"),
                }
            };
            Ok(crate::web::frame::see_other(
                &format!("{}#rapport", super::url(&report)),
                &message,
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let view = form_page(state, user, heading, action, form, errors, None);
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(other) => Err(other),
    }
}

async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let posted = Posted {
        heading: crate::web::i18n::t("reports-new"),
        action: "/rapporter/ny".to_owned(),
        existing: None,
        published: false,
    };
    submit(&req, &state, &user, &by, &body, posted).await
}

/// `POST /rapporter/ny/fil`: a new report made of a PDF, DOCX or ODT file, its text read in
/// and the file kept as its attachment; then on to its edit page to go through it. A refusal
/// (no file, too large, another type, unreadable, text the report cannot take) is shown next
/// to the file field of the new-report page.
async fn create_from_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let max = state.settings.attachment_max_bytes;
    let upload = crate::blobs::upload::read(payload, max, &["csrf"]).await?;
    csrf::verify(&req, Some(&user.0.csrf), upload.field("csrf"))?;
    let form = blank_form(&state, &user);
    let defaults = FileDefaults {
        kind: form.kind,
        organisation: form.organisation,
        visibility: form.visibility,
    };
    match from_file(&state, &by, defaults, upload).await {
        Ok((report, note)) => Ok(crate::web::frame::see_other(
            &format!("{}/redigera", super::url(&report)),
            &match note {
                Some(text) if text == crate::blobs::text::NO_TEXT_NOTE => {
                    crate::web::i18n::t("reports-file-text-unreadable")
                }
                _ => crate::web::i18n::t("reports-file-text-read"),
            },
        )),
        Err(AppError::Invalid(errors)) => {
            let view = form_page(
                &state,
                &user,
                &crate::web::i18n::t("reports-new"),
                "/rapporter/ny".to_owned(),
                blank_form(&state, &user),
                errors,
                None,
            );
            page(HttpResponse::UnprocessableEntity(), &view)
        }
        Err(e) => Err(e),
    }
}

/// What a report made of a file is, unless said otherwise: the new-report form's defaults.
struct FileDefaults {
    kind: String,
    /// An organisation's code ("" for none).
    organisation: String,
    visibility: String,
}

/// Reads the file of `upload` into a new report (of `defaults`' kind, organisation and
/// visibility) and keeps the file among its attachments; what could not be read is said in
/// the note (and in the report's text).
async fn from_file(
    state: &AppState,
    by: &By,
    defaults: FileDefaults,
    upload: crate::blobs::upload::Upload,
) -> Result<(super::entity::Model, Option<&'static str>), AppError> {
    use crate::blobs::{attachments, text};
    let file_name = attachments::uploaded_file_name(&upload, state.settings.attachment_max_bytes)?;
    let bytes = upload.bytes;
    let max_bytes = state.settings.markdown_max_bytes;
    let (document, original) = crate::web::frame::block(move || {
        let kind = crate::blobs::detect::check_among(&file_name, &bytes, text::READABLE)?;
        let extracted = text::extract(kind, &bytes)?;
        let document = text::document(&file_name, extracted, max_bytes);
        Ok::<_, String>((
            document,
            text::Original {
                file_name,
                kind,
                bytes,
            },
        ))
    })
    .await
    .map_err(|e| AppError::internal_from("document reader", e))?
    .map_err(attachments::refuse)?;
    let input = ReportInput {
        title: document.title,
        body: document.body,
        kind: Some(defaults.kind),
        organisation: Some(defaults.organisation).filter(|o| !o.is_empty()),
        visibility: Some(defaults.visibility),
        ..ReportInput::default()
    };
    // What the report cannot take in its title and text is in the file: said next to the
    // file field. The rest (a kind or organisation sent through the API) keeps its field.
    let report = super::create(state, by, input).await.map_err(|e| match e {
        AppError::Invalid(issues) => AppError::Invalid(
            issues
                .into_iter()
                .map(|i| {
                    if !matches!(i.field.as_str(), "title" | "body") {
                        return i;
                    }
                    FieldIssue::new(
                        crate::blobs::upload::FILE_FIELD,
                        crate::web::i18n::t_with(
                            "reports-error-in-file",
                            "message",
                            &crate::web::i18n::message(&i.message),
                        ),
                    )
                })
                .collect(),
        ),
        e => e,
    })?;
    super::attachments::keep_original(state, by, report.id, original).await?;
    Ok((report, document.note))
}

/// The text fields a report made of a file may come with through the API.
const FILE_REPORT_FIELDS: [&str; 3] = ["kind", "organisation", "visibility"];

/// Makes a new report of a PDF, DOCX or ODT file: its text read in (a file without a text layer gives a report that says so), its title from the document's information, else its first heading, else the file name, and the file kept among the report's attachments. Send `multipart/form-data` with the file in `file` and, optionally, `kind`, `organisation` (code) and `visibility` (as for `POST /api/v1/reports`; by default a test report of your organisation shared with the network). Requires a bearer token: a personal access token with the `write` scope, or the administrator token.
#[utoipa::path(
    post,
    path = "/api/v1/reports/from-file",
    tag = "reports",
    request_body(content = crate::openapi::ReportFileUpload, content_type = "multipart/form-data"),
    security(("bearer" = [])),
    responses(
        (status = 201, body = super::ReportView),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 403, response = crate::openapi::Forbidden),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    )
)]
pub async fn create_from_file_api(
    state: web::Data<AppState>,
    identity: crate::auth::Identity,
    by: By,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    crate::blobs::pages::api_writer(&identity, true)?;
    let max = state.settings.attachment_max_bytes;
    let upload = crate::blobs::upload::read(payload, max, &FILE_REPORT_FIELDS).await?;
    let catalog = state.catalog.get();
    let own = identity
        .actor
        .member()
        .and_then(|m| catalog.organisation_by_id(m.organisation_id))
        .map(|o| o.code.clone())
        .unwrap_or_default();
    let given = |name: &str, default: String| {
        upload
            .sent(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map_or(default, str::to_owned)
    };
    let defaults = FileDefaults {
        kind: given("kind", Kind::Testrapport.as_str().to_owned()),
        organisation: given("organisation", own),
        visibility: given("visibility", Visibility::Network.as_str().to_owned()),
    };
    let (report, _) = from_file(&state, &by, defaults, upload).await?;
    let view = super::view(&state, report).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/reports/{}", view.id)))
        .json(view))
}

async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: SignedIn,
    by: By,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let report = super::editable(&state, &user.actor(), &slug).await?;
    let posted = Posted {
        heading: crate::web::i18n::t_with("reports-edit-heading", "title", &report.title),
        action: format!("/rapporter/{}/redigera", report.slug),
        existing: Some(report.id),
        published: super::is_published(&report),
    };
    submit(&req, &state, &user, &by, &body, posted).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct PreviewInput {
    pub markdown: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PreviewOutput {
    /// Sanitised HTML, as the report page would show it.
    pub html: String,
}

/// Renders Markdown as a report page would; for the editor's live preview. Only for signed-in
/// users and tokens (it costs the node work), within a rate per user.
#[utoipa::path(
    post,
    path = "/api/v1/markdown/preview",
    tag = "reports",
    request_body = PreviewInput,
    responses(
        (status = 200, description = "Sanerad HTML", body = PreviewOutput),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 413, response = crate::openapi::TooLarge),
        (status = 422, response = crate::openapi::Invalid),
        (status = 429, response = crate::openapi::TooManyRequests),
    ),
    security(("bearer" = [])),
)]
pub async fn preview(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<PreviewInput>,
) -> Result<web::Json<PreviewOutput>, AppError> {
    let who = match actor {
        Actor::Anonymous => return Err(AppError::Unauthorized),
        Actor::User(member) => member.user_id.to_string(),
        Actor::System => "node".to_owned(),
    };
    state.limits.preview_for(&who)?;
    let input = input.into_inner();
    if input.markdown.len() > state.settings.markdown_max_bytes {
        return Err(AppError::TooLarge(crate::web::i18n::t_with(
            "reports-error-text-too-long",
            "max",
            &state.settings.markdown_max_bytes.to_string(),
        )));
    }
    // The editor learns of a personal identity number while it is typed, not only on saving.
    let html = markdown::render_unchecked_field("markdown", input.markdown).await?;
    Ok(web::Json(PreviewOutput {
        html: html.into_string(),
    }))
}
