//! What a writer sends to post a field report, from the form or the API: one
//! `multipart/form-data` body with the text fields and up to six `photo` parts, the n-th with
//! its alt text in `alt_<n>`.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use super::MAX_PHOTOS;
use crate::error::AppError;

/// The name of the photo parts.
pub const PHOTO_FIELD: &str = "photo";

/// The text fields a body may carry (`csrf` only from the page's form).
const TEXT_FIELDS: &[&str] = &[
    "csrf",
    "text",
    "visibility",
    "trial",
    "technology",
    "need",
    "category",
    "key",
];

/// The longest text field read, in bytes (the report's text is at most 4 000 characters).
const MAX_FIELD_BYTES: usize = 20 * 1024;

/// One photo as sent.
#[derive(Debug, Clone, Default)]
pub struct PhotoUpload {
    /// 1-based: the n-th `photo` part (an empty file input of the form keeps its place).
    pub position: usize,
    pub file_name: String,
    /// The bytes, when within the cap.
    pub bytes: Vec<u8>,
    pub size: u64,
}

impl PhotoUpload {
    /// The field name pages and problems use for it: `photo_<n>`.
    pub fn field(&self) -> String {
        format!("photo_{}", self.position)
    }
}

/// A field report as sent, before any check.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub csrf: String,
    pub text: String,
    pub visibility: String,
    pub trial: String,
    pub technology: String,
    pub need: String,
    pub category: String,
    /// The client's key (a UUID): the same key from the same author makes one report.
    pub key: String,
    pub photos: Vec<PhotoUpload>,
    /// `alt_<n>` as sent, index n-1.
    pub alts: Vec<String>,
}

impl Submission {
    /// The alt text sent for the n-th photo.
    pub fn alt(&self, position: usize) -> &str {
        self.alts
            .get(position.wrapping_sub(1))
            .map_or("", String::as_str)
    }

    fn set(&mut self, name: &str, value: String) -> bool {
        let slot = match name {
            "csrf" => &mut self.csrf,
            "text" => &mut self.text,
            "visibility" => &mut self.visibility,
            "trial" => &mut self.trial,
            "technology" => &mut self.technology,
            "need" => &mut self.need,
            "category" => &mut self.category,
            "key" => &mut self.key,
            _ => {
                let Some(n) = name
                    .strip_prefix("alt_")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| (1..=MAX_PHOTOS).contains(n))
                else {
                    return false;
                };
                if self.alts.len() < n {
                    self.alts.resize(n, String::new());
                }
                &mut self.alts[n - 1]
            }
        };
        *slot = value;
        true
    }
}

fn unreadable(e: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(crate::web::i18n::t_with(
        "fieldreports-error-unreadable",
        "detail",
        &e.to_string(),
    ))
}

/// Reads `payload` with each photo capped at `max_bytes`: a somewhat larger photo is read to
/// its end and kept as too large (for a refusal naming it), a body far beyond is cut off with
/// 413. Unknown fields and a seventh photo are refused (400).
pub async fn read(mut payload: Multipart, max_bytes: usize) -> Result<Submission, AppError> {
    let hard_limit = (max_bytes as u64).saturating_mul(2) + 1024 * 1024;
    let mut sent = Submission::default();
    let mut parts = 0usize;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(unreadable)?;
        parts += 1;
        if parts > 40 {
            return Err(unreadable(crate::web::i18n::t(
                "fieldreports-error-too-many-fields",
            )));
        }
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        if name == PHOTO_FIELD {
            let position = sent.photos.len() + 1;
            if position > MAX_PHOTOS {
                return Err(AppError::Invalid(vec![crate::error::FieldIssue::new(
                    PHOTO_FIELD,
                    crate::web::i18n::t_count(
                        "fieldreports-error-too-many-photos",
                        "max",
                        MAX_PHOTOS,
                    ),
                )]));
            }
            let mut photo = PhotoUpload {
                position,
                file_name: file_name.unwrap_or_default(),
                ..PhotoUpload::default()
            };
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(unreadable)?;
                photo.size += chunk.len() as u64;
                if photo.size > hard_limit {
                    return Err(AppError::TooLarge(too_large_message(position, max_bytes)));
                }
                if photo.size <= max_bytes as u64 {
                    photo.bytes.extend_from_slice(&chunk);
                }
            }
            if photo.size > max_bytes as u64 {
                photo.bytes = Vec::new();
            }
            sent.photos.push(photo);
        } else {
            if file_name.is_some()
                || !(TEXT_FIELDS.contains(&name.as_str()) || name.starts_with("alt_"))
            {
                return Err(unreadable(crate::web::i18n::t_with(
                    "fieldreports-error-unknown-field",
                    "name",
                    &format!("{name:?}"),
                )));
            }
            let mut value = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(unreadable)?;
                if value.len() + chunk.len() > MAX_FIELD_BYTES {
                    return Err(unreadable(crate::web::i18n::t_with(
                        "fieldreports-error-field-too-long",
                        "name",
                        &name,
                    )));
                }
                value.extend_from_slice(&chunk);
            }
            if !sent.set(&name, String::from_utf8_lossy(&value).into_owned()) {
                return Err(unreadable(crate::web::i18n::t_with(
                    "fieldreports-error-unknown-field",
                    "name",
                    &format!("{name:?}"),
                )));
            }
        }
    }
    // Empty file inputs of the form keep their places but carry nothing.
    Ok(sent)
}

/// "Foto 2 är för stort: högst 15 MB."
pub fn too_large_message(position: usize, max_bytes: usize) -> String {
    crate::web::i18n::text_with(
        crate::web::i18n::lang(),
        "fieldreports-error-photo-too-large",
        &[
            ("position", position.into()),
            ("max", crate::blobs::upload::size(max_bytes as u64).into()),
        ],
    )
}
