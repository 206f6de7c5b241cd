//! The routes of an item's files, the same for every feature: the pages under
//! `{page}/bilagor` and the API under `/api/v1/…/{id}/attachments`. A feature says how its
//! items are found by implementing [`Files`] on a marker type, and gets its routes (and their
//! OpenAPI annotations) from one [`files_routes!`] call.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use super::attachments::{self, Attachment, Holder, Owner};
use super::pages;
use super::upload::Upload;
use crate::audit::By;
use crate::auth::{Actor, Identity, csrf};
use crate::error::AppError;
use crate::state::AppState;

/// How a feature's items hold files: how the routes find the item (the [`Holder`]) and, where
/// parts of the item (a trial's journal entries) hold files too, how those are told apart.
#[allow(
    async_fn_in_trait,
    reason = "actix runs a request's handler on one thread: its futures need not be Send"
)]
pub trait Files: 'static {
    /// The text fields an upload may send besides the file (and the form token).
    const FIELDS: &'static [&'static str] = &[];

    /// The item behind `slug_or_id` as the holder of its files, if `actor` may read it.
    async fn holder(state: &AppState, actor: &Actor, slug_or_id: &str) -> Result<Holder, AppError>;

    /// The holder as the API finds it; by default as the pages do.
    async fn api_holder(state: &AppState, actor: &Actor, id: &str) -> Result<Holder, AppError> {
        Self::holder(state, actor, id).await
    }

    /// Where `upload` goes; by default to the item itself.
    async fn owner_of(
        _state: &AppState,
        holder: &Holder,
        _upload: &Upload,
    ) -> Result<Owner, AppError> {
        Ok(holder.owner)
    }

    /// The file `raw_id` if it is one of the item's; "not found" otherwise.
    async fn find(state: &AppState, holder: &Holder, raw_id: &str) -> Result<Attachment, AppError> {
        pages::find_among(state, raw_id, &[holder.owner]).await
    }

    /// Whether `actor` may add a file to the part `owner_kind`/`owner_id` of the item (the
    /// item itself or a part of it), or remove `existing` from it, beyond what the holder's
    /// action allows; by default nothing more is asked.
    async fn check_change(
        _state: &AppState,
        _actor: &Actor,
        _holder: &Holder,
        _owner: (&str, uuid::Uuid),
        _existing: Option<&Attachment>,
    ) -> Result<(), AppError> {
        Ok(())
    }

    /// The files the API lists for the item; by default its own.
    async fn api_files(state: &AppState, holder: &Holder) -> Result<Vec<Attachment>, AppError> {
        Ok(attachments::list(&state.db, &holder.owner).await?)
    }
}

/// Registers the page routes of `F`'s files under `base` (`/behov/{slug}/bilagor`).
pub fn configure<F: Files>(cfg: &mut web::ServiceConfig, base: &str) {
    cfg.route(base, web::get().to(files_page::<F>))
        .route(base, web::post().to(upload_form::<F>))
        .route(
            &format!("{base}/{{id}}/ta-bort"),
            web::post().to(remove_form::<F>),
        )
        .route(
            &format!("{base}/{{id}}/{{name}}"),
            web::get().to(download_page::<F>),
        );
}

async fn files_page<F: Files>(
    state: web::Data<AppState>,
    identity: Identity,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let holder = F::holder(&state, &identity.actor, &slug).await?;
    pages::files_page(&state, &identity, &holder).await
}

async fn upload_form<F: Files>(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    slug: web::Path<String>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let holder = F::holder(&state, &identity.actor, &slug).await?;
    let upload = pages::read_form(&req, &state, &identity, &holder, payload, F::FIELDS).await?;
    let added = match F::owner_of(&state, &holder, &upload).await {
        Ok(owner) => {
            match F::check_change(&state, &by.actor, &holder, (owner.kind, owner.id), None).await {
                Ok(()) => attachments::add(&state, &by, &holder, owner, upload).await,
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    pages::upload_answer(&state, &identity, &holder, added).await
}

async fn remove_form<F: Files>(
    req: HttpRequest,
    state: web::Data<AppState>,
    identity: Identity,
    by: By,
    path: web::Path<(String, String)>,
    form: web::Form<csrf::TokenOnly>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let holder = F::holder(&state, &identity.actor, &slug).await?;
    let attachment = F::find(&state, &holder, &id).await?;
    let part = (attachment.owner_kind.as_str(), attachment.owner_id);
    F::check_change(&state, &by.actor, &holder, part, Some(&attachment)).await?;
    pages::remove_form(&req, &state, &by, &identity, &holder, attachment, &form).await
}

async fn download_page<F: Files>(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, _name) = path.into_inner();
    let holder = F::holder(&state, &actor, &slug).await?;
    let attachment = F::find(&state, &holder, &id).await?;
    attachments::download(&state, &actor, &holder, &attachment).await
}

/// A feature's file routes: its `configure` (the pages under `pages` and the API under the two
/// `api` paths) and the API handlers `list`, `upload`, `download` and `remove` with their
/// OpenAPI annotations, in the calling module (so their operation ids are those names).
/// `files` is the feature's [`Files`] type; `id` describes the item's path parameter; `upload`
/// names the request body's schema in `crate::openapi`; `gone` holds the responses every
/// operation adds after 404 (the 410 of withdrawn items). Paths and texts are whole string
/// literals, matched as single tokens so that utoipa reads them as written (a `literal`
/// fragment would reach it wrapped in an invisible group).
macro_rules! files_routes {
    (
        files: $files:ident,
        pages: $pages:tt,
        api: $collection:tt, $item:tt,
        id: $id:tt,
        upload: $upload:ident,
        gone: [$($gone:tt)*],
        docs: [$list:tt, $add:tt, $download:tt, $remove:tt $(,)?] $(,)?
    ) => {
        pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
            crate::blobs::routes::configure::<$files>(cfg, $pages);
            cfg.service(crate::web::api_resource!($collection, get => list, post => upload))
                .service(crate::web::api_resource!($item, get => download, delete => remove));
        }

        #[doc = $list]
        #[utoipa::path(
            get,
            path = $collection,
            tag = "attachments",
            params(("id" = String, Path, description = $id)),
            security((), ("bearer" = [])),
            responses(
                (status = 200, body = [crate::blobs::attachments::AttachmentView]),
                (status = 401, response = crate::openapi::Unauthorized),
                (status = 404, response = crate::openapi::NotFound),
                $($gone)*
            )
        )]
        pub async fn list(
            state: actix_web::web::Data<crate::state::AppState>,
            actor: crate::auth::Actor,
            id: actix_web::web::Path<String>,
        ) -> Result<
            actix_web::web::Json<Vec<crate::blobs::attachments::AttachmentView>>,
            crate::error::AppError,
        > {
            use crate::blobs::routes::Files;
            let holder = <$files>::api_holder(&state, &actor, &id).await?;
            let items = <$files>::api_files(&state, &holder).await?;
            Ok(actix_web::web::Json(crate::blobs::pages::api_list(&holder, items)))
        }

        #[doc = $add]
        #[utoipa::path(
            post,
            path = $collection,
            tag = "attachments",
            params(("id" = String, Path, description = $id)),
            request_body(content = crate::openapi::$upload, content_type = "multipart/form-data"),
            security(("bearer" = [])),
            responses(
                (status = 201, body = crate::blobs::attachments::AttachmentView),
                (status = 400, response = crate::openapi::BadRequest),
                (status = 401, response = crate::openapi::Unauthorized),
                (status = 403, response = crate::openapi::Forbidden),
                (status = 404, response = crate::openapi::NotFound),
                $($gone)*
                (status = 413, response = crate::openapi::TooLarge),
                (status = 422, response = crate::openapi::Invalid),
                (status = 429, response = crate::openapi::TooManyRequests),
            )
        )]
        pub async fn upload(
            state: actix_web::web::Data<crate::state::AppState>,
            identity: crate::auth::Identity,
            by: crate::audit::By,
            id: actix_web::web::Path<String>,
            payload: actix_multipart::Multipart,
        ) -> Result<actix_web::HttpResponse, crate::error::AppError> {
            use crate::blobs::{attachments, pages, routes::Files};
            pages::api_writer(&identity, true)?;
            let holder = <$files>::api_holder(&state, &identity.actor, &id).await?;
            let upload =
                pages::api_read(&state, &identity, &holder, payload, <$files>::FIELDS).await?;
            let owner = <$files>::owner_of(&state, &holder, &upload).await?;
            <$files>::check_change(&state, &by.actor, &holder, (owner.kind, owner.id), None).await?;
            let added = attachments::add(&state, &by, &holder, owner, upload).await?;
            Ok(pages::api_created(&holder, added))
        }

        #[doc = $download]
        #[utoipa::path(
            get,
            path = $item,
            tag = "attachments",
            params(
                ("id" = String, Path, description = $id),
                ("attachment_id" = String, Path, description = "The attachment's UUID"),
            ),
            security((), ("bearer" = [])),
            responses(
                (status = 200, response = crate::openapi::AttachmentFile),
                (status = 401, response = crate::openapi::Unauthorized),
                (status = 404, response = crate::openapi::NotFound),
                $($gone)*
            )
        )]
        pub async fn download(
            state: actix_web::web::Data<crate::state::AppState>,
            actor: crate::auth::Actor,
            path: actix_web::web::Path<(String, String)>,
        ) -> Result<actix_web::HttpResponse, crate::error::AppError> {
            use crate::blobs::routes::Files;
            let (id, attachment_id) = path.into_inner();
            let holder = <$files>::api_holder(&state, &actor, &id).await?;
            let attachment = <$files>::find(&state, &holder, &attachment_id).await?;
            crate::blobs::attachments::download(&state, &actor, &holder, &attachment).await
        }

        #[doc = $remove]
        #[utoipa::path(
            delete,
            path = $item,
            tag = "attachments",
            params(
                ("id" = String, Path, description = $id),
                ("attachment_id" = String, Path, description = "The attachment's UUID"),
            ),
            security(("bearer" = [])),
            responses(
                (status = 204, description = "Removed"),
                (status = 401, response = crate::openapi::Unauthorized),
                (status = 403, response = crate::openapi::Forbidden),
                (status = 404, response = crate::openapi::NotFound),
                $($gone)*
                (status = 429, response = crate::openapi::TooManyRequests),
            )
        )]
        pub async fn remove(
            state: actix_web::web::Data<crate::state::AppState>,
            identity: crate::auth::Identity,
            by: crate::audit::By,
            path: actix_web::web::Path<(String, String)>,
        ) -> Result<actix_web::HttpResponse, crate::error::AppError> {
            use crate::blobs::routes::Files;
            crate::blobs::pages::api_writer(&identity, false)?;
            let (id, attachment_id) = path.into_inner();
            let holder = <$files>::api_holder(&state, &by.actor, &id).await?;
            let attachment = <$files>::find(&state, &holder, &attachment_id).await?;
            let part = (attachment.owner_kind.as_str(), attachment.owner_id);
            <$files>::check_change(&state, &by.actor, &holder, part, Some(&attachment)).await?;
            crate::blobs::attachments::remove(&state, &by, &holder, attachment).await?;
            Ok(actix_web::HttpResponse::NoContent().finish())
        }
    };
}
pub(crate) use files_routes;
