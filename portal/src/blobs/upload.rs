//! Reading an upload: a `multipart/form-data` body with one file (`file`) and a few short text
//! fields (the form token, which journal entry). The file is read up to the size cap; a
//! somewhat larger one is read to its end and reported as too large next to the field, and a
//! body far beyond the cap is cut off with 413.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use crate::error::AppError;

/// The name of the file field, in the page's form and in the API.
pub const FILE_FIELD: &str = "file";
/// The longest text field read.
const MAX_TEXT: usize = 4 * 1024;
/// The most text fields read.
const MAX_FIELDS: usize = 20;

/// What an upload brought.
#[derive(Debug, Default)]
pub struct Upload {
    /// The file's name as the client gave it (not yet cleaned).
    pub file_name: String,
    /// The file's bytes, when it was within the cap.
    pub bytes: Vec<u8>,
    /// How many bytes the file had.
    pub size: u64,
    /// Whether a file field came at all.
    pub has_file: bool,
    /// The short text fields, by name.
    pub fields: Vec<(String, String)>,
}

impl Upload {
    /// The value of the text field `name`, or "".
    pub fn field(&self, name: &str) -> &str {
        self.sent(name).unwrap_or("")
    }

    /// The value of the text field `name`, if it was sent.
    pub fn sent(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the file was larger than the cap it was read with.
    pub fn too_large(&self, max_bytes: usize) -> bool {
        self.size > max_bytes as u64
    }
}

fn unreadable(e: impl std::fmt::Display) -> AppError {
    use crate::web::i18n::{lang, text_with};
    AppError::BadRequest(text_with(
        lang(),
        "blobs-error-upload-unreadable",
        &[
            ("field", FILE_FIELD.into()),
            ("reason", e.to_string().into()),
        ],
    ))
}

/// Reads `payload` with files capped at `max_bytes`; text fields other than `fields` are
/// refused (400), as is a second file.
pub async fn read(
    mut payload: Multipart,
    max_bytes: usize,
    fields: &[&str],
) -> Result<Upload, AppError> {
    // Past this the body is not worth reading to its end to say so politely.
    let hard_limit = (max_bytes as u64).saturating_mul(2) + 1024 * 1024;
    let mut upload = Upload::default();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        if name == FILE_FIELD && file_name.is_some() {
            if upload.has_file {
                return Err(unreadable(crate::web::i18n::t(
                    "blobs-error-upload-one-file",
                )));
            }
            upload.has_file = true;
            upload.file_name = file_name.unwrap_or_default();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(unreadable)?;
                upload.size += chunk.len() as u64;
                if upload.size > hard_limit {
                    return Err(AppError::TooLarge(too_large_message(max_bytes)));
                }
                if upload.size <= max_bytes as u64 {
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            if upload.size > max_bytes as u64 {
                upload.bytes = Vec::new();
            }
        } else {
            if !fields.contains(&name.as_str()) || file_name.is_some() {
                return Err(unreadable(crate::web::i18n::t_with(
                    "blobs-error-upload-unknown-field",
                    "name",
                    &format!("{name:?}"),
                )));
            }
            let mut value = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(unreadable)?;
                if value.len() + chunk.len() > MAX_TEXT {
                    return Err(unreadable(crate::web::i18n::t_with(
                        "blobs-error-upload-field-too-long",
                        "name",
                        &name,
                    )));
                }
                value.extend_from_slice(&chunk);
            }
            if upload.fields.len() >= MAX_FIELDS {
                return Err(unreadable(crate::web::i18n::t(
                    "blobs-error-upload-too-many-fields",
                )));
            }
            upload
                .fields
                .push((name, String::from_utf8_lossy(&value).into_owned()));
        }
    }
    Ok(upload)
}

/// "Filen är för stor: högst 10 MB."
pub fn too_large_message(max_bytes: usize) -> String {
    crate::web::i18n::t_with("blobs-error-file-too-large", "max", &size(max_bytes as u64))
}

/// A size as the page's language writes it: "830 byte", "12 kB", "1,2 MB" in Swedish; "830
/// bytes", "1.2 MB" in English (1 kB = 1 024 bytes).
pub fn size(bytes: u64) -> String {
    use crate::web::i18n::Lang;
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let lang = crate::web::i18n::lang();
    let tenths = |unit: u64| {
        let tenths = (bytes * 10 + unit / 2) / unit;
        if tenths.is_multiple_of(10) || tenths >= 100 {
            format!("{}", (tenths + 5) / 10)
        } else {
            crate::web::number_text(tenths as f64 / 10.0)
        }
    };
    if bytes < KB {
        match lang {
            Lang::En if bytes != 1 => format!("{bytes} bytes"),
            _ => format!("{bytes} byte"),
        }
    } else if bytes < MB {
        format!("{} kB", tenths(KB))
    } else {
        format!("{} MB", tenths(MB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_swedish() {
        assert_eq!(size(830), "830 byte");
        assert_eq!(size(1536), "1,5 kB");
        assert_eq!(size(12 * 1024), "12 kB");
        assert_eq!(size(1_258_291), "1,2 MB");
        assert_eq!(size(10 * 1024 * 1024), "10 MB");
        assert_eq!(size(15 * 1024 * 1024 + 300_000), "15 MB");
    }

    #[test]
    fn sizes_read_in_english() {
        let sizes = crate::web::frame::speaking(crate::web::i18n::Lang::En, || {
            [
                size(1),
                size(830),
                size(1536),
                size(12 * 1024),
                size(1_258_291),
                size(10 * 1024 * 1024),
                too_large_message(64 * 1024),
            ]
        });
        assert_eq!(
            sizes,
            [
                "1 byte",
                "830 bytes",
                "1.5 kB",
                "12 kB",
                "1.2 MB",
                "10 MB",
                "The file is too large: at most 64 kB can be attached."
            ]
        );
        assert_eq!(
            too_large_message(64 * 1024),
            "Filen är för stor: högst 64 kB går att bifoga."
        );
    }
}
