//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers' annotations.

use actix_web::{HttpResponse, web};
use utoipa::openapi::schema::{Array, ArrayBuilder, Object, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::Problem;
use crate::web::api_resource;

#[derive(OpenApi)]
#[openapi(
    info(title = "Noden API", description = "Sök och läs det som testats inom välfärdsteknik i länet, länets behov och testerna i testbädd. Felsvar (problem+json) ges på svenska, eller på engelska när Accept-Language ber om det."),
    paths(
        crate::search::routes::api_search,
        crate::search::routes::api_suggest,
        crate::reports::routes::get,
        crate::reports::routes::create,
        crate::reports::routes::update,
        crate::reports::routes::patch,
        crate::reports::routes::delete,
        crate::reports::routes::submit,
        crate::reports::routes::review,
        crate::reports::routes::revisions,
        crate::reports::routes::compare,
        crate::reports::forms::preview,
        crate::reports::forms::create_from_file_api,
        crate::fieldreports::api::list,
        crate::fieldreports::api::create,
        crate::fieldreports::api::get,
        crate::fieldreports::api::photo,
        crate::fieldreports::api::thumbnail,
        crate::needs::routes::list,
        crate::needs::routes::create,
        crate::needs::routes::get,
        crate::needs::routes::endorse,
        crate::needs::routes::update,
        crate::needs::routes::patch,
        crate::needs::routes::withdraw,
        crate::needs::routes::restore,
        crate::needs::routes::revisions,
        crate::needs::routes::unendorse,
        crate::trials::routes::list,
        crate::trials::routes::create,
        crate::trials::routes::get,
        crate::trials::routes::journal,
        crate::trials::routes::add_entry,
        crate::trials::routes::set_phase,
        crate::trials::routes::update,
        crate::trials::routes::patch,
        crate::trials::routes::withdraw,
        crate::trials::routes::restore,
        crate::trials::routes::revisions,
        crate::trials::routes::update_entry,
        crate::trials::routes::patch_entry,
        crate::trials::routes::withdraw_entry,
        crate::trials::routes::restore_entry,
        crate::followups::routes::get,
        crate::followups::routes::add_indicator,
        crate::followups::routes::record,
        crate::followups::routes::update_indicator,
        crate::followups::routes::patch_indicator,
        crate::followups::routes::withdraw_indicator,
        crate::followups::routes::restore_indicator,
        crate::technologies::routes::list,
        crate::technologies::routes::create,
        crate::technologies::routes::get,
        crate::technologies::routes::record_use,
        crate::technologies::routes::update,
        crate::technologies::routes::patch,
        crate::technologies::routes::withdraw,
        crate::technologies::routes::restore,
        crate::technologies::routes::revisions,
        crate::technologies::routes::withdraw_use,
        crate::technologies::routes::restore_use,
        crate::freshness::hand_over::api_report,
        crate::freshness::hand_over::api_trial,
        crate::freshness::hand_over::api_technology,
        crate::overview::routes::api,
        crate::organisations::routes::list,
        crate::categories::routes::list,
        crate::reports::attachments::list,
        crate::reports::attachments::upload,
        crate::reports::attachments::download,
        crate::reports::attachments::remove,
        crate::trials::attachments::list,
        crate::trials::attachments::upload,
        crate::trials::attachments::download,
        crate::trials::attachments::remove,
        crate::needs::attachments::list,
        crate::needs::attachments::upload,
        crate::needs::attachments::download,
        crate::needs::attachments::remove,
        crate::procurement::routes::list,
        crate::procurement::routes::create,
        crate::procurement::routes::get,
        crate::procurement::routes::update,
        crate::procurement::api::add_organisation,
        crate::procurement::api::remove_organisation,
        crate::procurement::api::invite,
        crate::procurement::api::withdraw_invitation,
        crate::procurement::api::remove_member,
        crate::procurement::api::set_milestones,
        crate::procurement::summary::routes::publish,
        crate::procurement::requirements::routes::list,
        crate::procurement::requirements::routes::create,
        crate::procurement::requirements::routes::get,
        crate::procurement::requirements::routes::update,
        crate::procurement::requirements::routes::remove,
        crate::procurement::documents::routes::list,
        crate::procurement::documents::routes::create,
        crate::procurement::documents::routes::get,
        crate::procurement::documents::routes::update,
        crate::procurement::documents::files::list,
        crate::procurement::documents::files::upload,
        crate::procurement::documents::files::download,
        crate::procurement::documents::files::remove,
        crate::procurement::contract::routes::parties,
        crate::procurement::contract::routes::add_party,
        crate::procurement::contract::routes::change_party,
        crate::procurement::contract::routes::get_award,
        crate::procurement::contract::routes::put_award,
        crate::procurement::contract::routes::list_calloffs,
        crate::procurement::contract::routes::add_calloff,
        crate::procurement::contract::routes::ocds,
        crate::procurement::talk::routes::list_questions,
        crate::procurement::talk::routes::ask,
        crate::procurement::talk::routes::get_question,
        crate::procurement::talk::routes::reply,
        crate::procurement::talk::routes::list_decisions,
        crate::procurement::talk::routes::record_decision,
        crate::procurement::talk::routes::get_decision,
        crate::procurement::talk::routes::reference_group,
        crate::procurement::talk::routes::add_reference_entry,
        crate::procurement::talk::routes::list_meetings,
        crate::procurement::talk::routes::record_meeting,
        crate::notifications::api::list_follows,
        crate::notifications::api::add_follow,
        crate::notifications::api::remove_follow,
        crate::notifications::api::list_notifications,
        crate::notifications::api::mark_read,
        crate::notifications::api::get_settings,
        crate::notifications::api::put_settings,
        crate::coaches::routes::list,
        crate::coaches::routes::create,
        crate::coaches::routes::get,
        crate::coaches::routes::update,
        crate::coaches::routes::end,
        crate::comments::routes::list,
        crate::comments::routes::create,
        crate::comments::routes::get_one,
        crate::comments::routes::patch,
        crate::comments::routes::delete,
        crate::federation::routes::node_document,
        crate::federation::feed::changes,
        crate::federation::feed::inventory,
        crate::federation::feed::items,
        crate::dcat::routes::catalogue,
        crate::metrics::metrics,
        crate::contact::security_txt,
    ),
    components(
        schemas(Problem, crate::error::FieldIssue, crate::blobs::attachments::AttachmentView),
        responses(
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        Gone,
        TooLarge,
        Invalid,
            TooManyRequests,
            AttachmentFile,
        ),
    ),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

// The error answers operations share, each `application/problem+json`. An operation lists
// those it really gives, e.g. `(status = 404, response = crate::openapi::NotFound)`.

/// The request could not be read: a body that is not JSON sent with `Content-Type: application/json` (or, for `PATCH`, `application/merge-patch+json`), JSON of the wrong shape, or query parameters that cannot be read into their types.
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct BadRequest(pub Problem);

/// The `Authorization` header holds no valid bearer token (or, for a write, there is none).
#[derive(utoipa::ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("WWW-Authenticate" = String, description = "`Bearer` when a token was missing or invalid"))
)]
pub struct Unauthorized(pub Problem);

/// The caller may not do this: the token lacks the `write` scope, or the policy does not let the caller's organisation or role do it.
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct Forbidden(pub Problem);

/// Nothing by that id (or slug) that the caller may read.
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct NotFound(pub Problem);

/// The item is not in a state that allows this (e.g. a report that is not waiting for review).
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct Conflict(pub Problem);

/// The item was withdrawn (answered to node staff, who may restore it; to others it is not found).
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct Gone(pub Problem);

/// The JSON body is larger than 256 KiB.
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct TooLarge(pub Problem);

/// The values break a rule; `errors` names each field with an explanation in Swedish, or English when Accept-Language asks for it. Besides what this document states, the server checks what it cannot: that named organisations, categories, workspaces, needs, trials and catalogue entries exist, that no text holds a personal identity number, that Markdown nests at most 16 levels deep, rules that tie fields together, and rules that depend on what is stored (a joint procurement's frozen register of contract parties, a framework agreement's maximum).
#[derive(utoipa::ToResponse)]
#[response(content_type = "application/problem+json")]
pub struct Invalid(pub Problem);

/// Too many writes from this client in a short time; wait as long as `Retry-After` says.
#[derive(utoipa::ToResponse)]
#[response(
    content_type = "application/problem+json",
    headers(("Retry-After" = u64, description = "Seconds to wait"))
)]
pub struct TooManyRequests(pub Problem);

/// A file to attach, as `multipart/form-data` (with a bearer token; a browser session is refused here, the pages have their own form). The server checks what this document cannot: the file's content must be one of the allowed types and match its name's extension, it may be at most `attachment_max_bytes` (10 MiB by default), and its name may not hold a personal identity number; refusals are 422 with the field `file`. A body that is not multipart is 400.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct AttachmentUpload {
    /// The file, with its name in the part's `filename`: PDF, DOCX, XLSX, ODT, CSV (UTF-8 text), JPEG or PNG. Images are stored re-encoded, without EXIF or other metadata.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// A report made of a document, as `multipart/form-data`.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ReportFileUpload {
    /// The document, with its name in the part's `filename`: PDF, DOCX or ODT.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// testrapport, forstudie, erfarenhet, guide or dokument (default testrapport).
    pub kind: Option<String>,
    /// The organisation's code (default: your own).
    pub organisation: Option<String>,
    /// public, network or organisation (default network).
    pub visibility: Option<String>,
}

/// A file to attach to a trial or to one of its journal entries, as `multipart/form-data`; see `AttachmentUpload` for the rules.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct TrialAttachmentUpload {
    /// The file, with its name in the part's `filename`: PDF, DOCX, XLSX, ODT, CSV (UTF-8 text), JPEG or PNG.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// The journal entry (UUID) of this trial the file belongs to; left out, the trial itself.
    #[schema(format = Uuid)]
    pub journal_entry: Option<String>,
}

/// A file to attach to a procurement document, as `multipart/form-data`; see `AttachmentUpload` for the rules, except that a procurement document takes PDF, DOCX, XLSX and ODT only, of at most 25 MiB.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ProcurementDocumentUpload {
    /// The file, with its name in the part's `filename`: PDF, DOCX, XLSX or ODT.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// The file, as a download (`Content-Disposition: attachment`) with the media type its content was checked to be, never cached.
pub struct AttachmentFile;

impl<'s> utoipa::ToResponse<'s> for AttachmentFile {
    fn response() -> (
        &'s str,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    ) {
        use utoipa::openapi::content::ContentBuilder;
        use utoipa::openapi::header::HeaderBuilder;
        use utoipa::openapi::response::ResponseBuilder;
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat};
        let binary = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .build();
        let mut response = ResponseBuilder::new().description(
            "The file, as a download with the media type its content was checked to be.",
        );
        for kind in crate::blobs::detect::MediaType::ALL {
            let mime = kind.mime().split(';').next().unwrap_or_default().trim();
            response = response.content(
                mime,
                ContentBuilder::new().schema(Some(binary.clone())).build(),
            );
        }
        let header = |description: &str| {
            HeaderBuilder::new()
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .description(Some(description))
                .build()
        };
        response = response
            .header(
                "Content-Disposition",
                header("`attachment` with the file's name"),
            )
            .header("X-Content-Type-Options", header("`nosniff`"))
            .header("Cache-Control", header("`private, no-store`"));
        ("AttachmentFile", response.build().into())
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(api_resource!("/api/v1/openapi.json", get => openapi_json));
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

/// A string field that takes one of `values`. With `blank`, an empty (or all-space) string is
/// accepted too and means "none", as the server reads it; with `null`, so is `null`.
pub fn choice(values: &[&str], blank: bool, null: bool) -> Object {
    let mut allowed: Vec<serde_json::Value> = values.iter().map(|&v| v.into()).collect();
    if blank {
        allowed.push("".into());
    }
    let schema_type = if null {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    if null {
        allowed.push(serde_json::Value::Null);
    }
    ObjectBuilder::new()
        .schema_type(schema_type)
        .enum_values(Some(allowed))
        .build()
}

/// A list of [`choice`]s; blank entries are skipped by the server.
pub fn choices(values: &[&str], max_items: Option<usize>) -> Array {
    ArrayBuilder::new()
        .items(choice(values, true, false))
        .max_items(max_items)
        .build()
}

/// The visibility of a need or trial: shared with the county, so never `workspace`.
pub fn shared_visibility() -> Object {
    use crate::auth::Visibility;
    let values = [
        Visibility::Public,
        Visibility::Network,
        Visibility::Organisation,
    ]
    .map(Visibility::as_str);
    choice(&values, true, true)
}

/// A whole number from `min` to `max` in a query string, where an empty value means the
/// default (as the server reads it).
pub fn number_or_blank(min: u32, max: u32) -> utoipa::openapi::schema::Schema {
    utoipa::openapi::schema::AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(min))
                .maximum(Some(max)),
        )
        .item(choice(&[], true, false))
        .build()
        .into()
}
