//! The pieces the file routes ([`super::routes`]) use to show, take, remove and hand out
//! files: the "Bilagor" section of an item's page, the upload page that shows a refusal next
//! to the file field, and the answers of the page routes and the API. The feature finds the
//! item (as its page does) and builds the [`Holder`]; everything else is here, the same for
//! every feature.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use uuid::Uuid;

use super::attachments::{self, Attachment, AttachmentView, Holder, Owner};
use super::detect;
use super::upload::{self, FILE_FIELD, Upload};
use crate::audit::By;
use crate::auth::{Actor, Identity, csrf};
use crate::error::{AppError, FieldIssue};
use crate::state::AppState;

/// The "Bilagor" part of a page (`partials/attachments.html`): the files, a remove button
/// each and the upload form, for those who may change them.
pub struct Section {
    pub items: Vec<AttachmentView>,
    /// Where the upload form posts (`{page}/bilagor`).
    pub action: String,
    pub may_change: bool,
    pub csrf: String,
    /// Makes the ids of this section unique on its page.
    pub prefix: String,
    /// Under an entry (no heading of its own, the form folded away).
    pub nested: bool,
    /// A hidden field the form also sends: the part of the item the file belongs to.
    pub part: Option<(&'static str, String)>,
    pub accept: String,
    /// "PDF, DOCX, … högst 10 MB."
    pub hint: String,
    /// The refusal to show next to the file field.
    pub error: Option<String>,
}

impl Section {
    /// The section for `items` of `holder` as `identity` sees it.
    pub fn new(
        state: &AppState,
        identity: &Identity,
        holder: &Holder,
        items: Vec<Attachment>,
    ) -> Section {
        let may_change = identity.session.is_some() && holder.may_change(&identity.actor);
        Section {
            items: items
                .into_iter()
                .map(|a| {
                    let href = attachments::page_href(holder, &a);
                    attachments::view(a, href)
                })
                .collect(),
            action: holder.files(),
            may_change,
            csrf: identity
                .session
                .as_ref()
                .map(|s| s.csrf.clone())
                .unwrap_or_default(),
            prefix: "bilagor".to_owned(),
            nested: false,
            part: None,
            accept: detect::accept_of(holder.accepts.types),
            hint: hint(state, holder),
            error: None,
        }
    }

    /// The section of `holder`'s own files.
    pub async fn of(
        state: &AppState,
        identity: &Identity,
        holder: &Holder,
    ) -> Result<Section, AppError> {
        let items = attachments::list(&state.db, &holder.owner).await?;
        Ok(Section::new(state, identity, holder, items))
    }

    /// The id of the file field: `file` for the item's own (the upload page's error summary
    /// links to it), unique per part otherwise.
    pub fn file_id(&self) -> String {
        if self.nested {
            format!("{}-file", self.prefix)
        } else {
            FILE_FIELD.to_owned()
        }
    }

    /// A section for a part of the item (a journal entry), among many on one page.
    pub fn for_part(mut self, field: &'static str, id: Uuid) -> Section {
        self.prefix = format!("bilagor-{id}");
        self.nested = true;
        self.part = Some((field, id.to_string()));
        self
    }
}

/// "PDF, DOCX, … högst 10 MB. Bifoga aldrig …": what `holder` takes, in the page's language.
fn hint(state: &AppState, holder: &Holder) -> String {
    use crate::web::i18n;
    let mut hint = i18n::text_with(
        i18n::lang(),
        "blobs-hint",
        &[
            ("types", detect::allowed(holder.accepts.types).into()),
            (
                "size",
                upload::size(holder.accepts.max_bytes(&state.settings) as u64).into(),
            ),
        ],
    );
    if holder.accepts.types.iter().any(|t| t.is_image()) {
        hint.push(' ');
        hint.push_str(&crate::web::i18n::t("blobs-hint-images"));
    }
    hint.push(' ');
    hint.push_str(&crate::web::i18n::t("blobs-hint-never"));
    hint
}

/// The upload page: the item's files and the form, with a refusal next to the field.
#[derive(Template)]
#[template(path = "blobs/upload.html")]
pub struct UploadPage {
    pub title: String,
    pub page: String,
    pub attachments: Section,
    pub errors: Vec<FieldIssue>,
}

/// `GET {page}/bilagor`: the item's files with the upload form.
pub async fn files_page(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
) -> Result<HttpResponse, AppError> {
    let section = Section::of(state, identity, holder).await?;
    crate::web::page(
        HttpResponse::Ok(),
        &UploadPage {
            title: holder.title.clone(),
            page: holder.page.clone(),
            attachments: section,
            errors: Vec::new(),
        },
    )
}

/// Reads a form's upload to `holder` (the form token, the file and the text fields `fields`
/// of the part it is for) and checks the token against the session's.
pub async fn read_form(
    req: &HttpRequest,
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
    payload: Multipart,
    fields: &[&str],
) -> Result<Upload, AppError> {
    let Some(session) = &identity.session else {
        return Err(AppError::SignInRequired);
    };
    let mut allowed = vec!["csrf"];
    allowed.extend_from_slice(fields);
    let max = holder.accepts.max_bytes(&state.settings);
    let upload = upload::read(payload, max, &allowed).await?;
    csrf::verify(req, Some(&session.csrf), upload.field("csrf"))?;
    Ok(upload)
}

/// The answer to an upload form: back to the item's page, or the upload page with the
/// refusal next to the file field (422).
pub async fn upload_answer(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
    added: Result<Attachment, AppError>,
) -> Result<HttpResponse, AppError> {
    match added {
        Ok(_) => Ok(crate::web::frame::see_other(
            &format!("{}#bilagor", holder.page),
            &crate::web::i18n::t("blobs-attached"),
        )),
        Err(AppError::Invalid(errors)) => {
            let mut section = Section::of(state, identity, holder).await?;
            section.error = crate::error::message_of(&errors, FILE_FIELD);
            crate::web::page(
                HttpResponse::UnprocessableEntity(),
                &UploadPage {
                    title: holder.title.clone(),
                    page: holder.page.clone(),
                    attachments: section,
                    errors,
                },
            )
        }
        Err(e) => Err(e),
    }
}

/// `POST {page}/bilagor/{id}/ta-bort`: removes a file of the item (form token checked).
pub async fn remove_form(
    req: &HttpRequest,
    state: &AppState,
    by: &By,
    identity: &Identity,
    holder: &Holder,
    attachment: Attachment,
    form: &csrf::TokenOnly,
) -> Result<HttpResponse, AppError> {
    let Some(session) = &identity.session else {
        return Err(AppError::SignInRequired);
    };
    csrf::verify(req, Some(&session.csrf), &form.csrf)?;
    attachments::remove(state, by, holder, attachment).await?;
    Ok(crate::web::frame::see_other(
        &format!("{}#bilagor", holder.page),
        &crate::web::i18n::t("blobs-removed"),
    ))
}

/// The attachment `raw_id` if it is one of `owners`' files; "not found" otherwise.
pub async fn find_among(
    state: &AppState,
    raw_id: &str,
    owners: &[Owner],
) -> Result<Attachment, AppError> {
    let id = Uuid::parse_str(raw_id).map_err(|_| AppError::NotFound("filen"))?;
    attachments::find(&state.db, id)
        .await?
        .filter(|a| owners.iter().any(|o| o.holds(a)))
        .ok_or(AppError::NotFound("filen"))
}

/// `GET /api/v1/…/{id}/attachments`: the item's files (for trials, with its journal's).
pub fn api_list(holder: &Holder, items: Vec<Attachment>) -> Vec<AttachmentView> {
    items
        .into_iter()
        .map(|a| {
            let href = attachments::api_href(holder, &a);
            attachments::view(a, href)
        })
        .collect()
}

/// An API write needs a bearer token: 401 before anything else is looked at. For uploads a
/// browser session does not count either, as another site could post a form here with it.
pub fn api_writer(identity: &Identity, upload: bool) -> Result<(), AppError> {
    if identity.actor == Actor::Anonymous || (upload && identity.session.is_some()) {
        Err(AppError::Unauthorized)
    } else {
        Ok(())
    }
}

/// `POST /api/v1/…/{id}/attachments`: reads the upload to `holder` (after [`api_writer`])
/// with the file and the text fields `fields`.
pub async fn api_read(
    state: &AppState,
    identity: &Identity,
    holder: &Holder,
    payload: Multipart,
    fields: &[&str],
) -> Result<Upload, AppError> {
    api_writer(identity, true)?;
    upload::read(payload, holder.accepts.max_bytes(&state.settings), fields).await
}

/// The answer to an API upload: 201 with the file and its address.
pub fn api_created(holder: &Holder, attachment: Attachment) -> HttpResponse {
    let href = attachments::api_href(holder, &attachment);
    HttpResponse::Created()
        .insert_header(("Location", href.clone()))
        .json(attachments::view(attachment, href))
}
