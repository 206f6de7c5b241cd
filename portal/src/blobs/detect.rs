//! What a file is, told by its content: the allow-list of attachment types, a file name fit
//! to keep, and the refusals in the reader's language.
//!
//! PDF, PNG and JPEG are told by their signatures. DOCX, XLSX and ODT are zip archives: an
//! OpenDocument text names its type in a first entry `mimetype`; Office Open XML files carry
//! `[Content_Types].xml` and keep their parts under `word/` or `xl/`. The zip's central
//! directory is read for the entry names (nothing is unpacked). CSV is UTF-8 text without
//! control characters that does not start like markup.

/// A type of file the portal accepts as an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    Pdf,
    Docx,
    Xlsx,
    Odt,
    Csv,
    Jpeg,
    Png,
}

impl MediaType {
    pub const ALL: &'static [MediaType] = &[
        MediaType::Pdf,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Odt,
        MediaType::Csv,
        MediaType::Jpeg,
        MediaType::Png,
    ];

    /// The `Content-Type` a download is sent with.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
            MediaType::Csv => "text/csv; charset=utf-8",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }

    pub fn from_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.iter().copied().find(|t| t.mime() == mime)
    }

    /// A short name for lists and refusals ("PDF", "JPEG-bild", "JPEG image"), in the
    /// language of the page being rendered.
    pub fn label(self) -> String {
        use crate::web::i18n;
        match self {
            MediaType::Pdf => i18n::t("blobs-type-pdf"),
            MediaType::Docx => i18n::t("blobs-type-docx"),
            MediaType::Xlsx => i18n::t("blobs-type-xlsx"),
            MediaType::Odt => i18n::t("blobs-type-odt"),
            MediaType::Csv => i18n::t("blobs-type-csv"),
            MediaType::Jpeg => i18n::t("blobs-type-jpeg"),
            MediaType::Png => i18n::t("blobs-type-png"),
        }
    }

    /// The type a file name's extension promises.
    pub fn by_extension(name: &str) -> Option<MediaType> {
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(MediaType::Pdf),
            "docx" => Some(MediaType::Docx),
            "xlsx" => Some(MediaType::Xlsx),
            "odt" => Some(MediaType::Odt),
            "csv" => Some(MediaType::Csv),
            "jpg" | "jpeg" => Some(MediaType::Jpeg),
            "png" => Some(MediaType::Png),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, MediaType::Jpeg | MediaType::Png)
    }

    /// The types of office documents: PDF, DOCX, XLSX and ODT (no images, no CSV).
    pub const DOCUMENTS: &'static [MediaType] = &[
        MediaType::Pdf,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Odt,
    ];

    /// The name's extensions and the type, for a file input's `accept`.
    fn accept(self) -> &'static str {
        match self {
            MediaType::Pdf => ".pdf,application/pdf",
            MediaType::Docx => {
                ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => {
                ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            MediaType::Odt => ".odt,application/vnd.oasis.opendocument.text",
            MediaType::Csv => ".csv,text/csv",
            MediaType::Jpeg => ".jpg,.jpeg,image/jpeg",
            MediaType::Png => ".png,image/png",
        }
    }

    /// The short name hints and refusals use ("PDF", "DOCX").
    fn short(self) -> &'static str {
        match self {
            MediaType::Pdf => "PDF",
            MediaType::Docx => "DOCX",
            MediaType::Xlsx => "XLSX",
            MediaType::Odt => "ODT",
            MediaType::Csv => "CSV",
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
        }
    }
}

/// What a file input's `accept` attribute lists for `types`.
pub fn accept_of(types: &[MediaType]) -> String {
    types
        .iter()
        .map(|t| t.accept())
        .collect::<Vec<_>>()
        .join(",")
}

/// `types` for hints and refusals, in the language of the page being rendered: "PDF, DOCX,
/// XLSX eller ODT", "PDF, DOCX, XLSX or ODT".
pub fn allowed(types: &[MediaType]) -> String {
    use crate::web::i18n::{lang, text_with};
    let names: Vec<&str> = types.iter().map(|t| t.short()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => text_with(
            lang(),
            "blobs-types-or",
            &[("first", rest.join(", ").into()), ("last", (*last).into())],
        ),
    }
}

/// What the file input's `accept` attribute lists.
pub const ACCEPT: &str = ".pdf,.docx,.xlsx,.odt,.csv,.jpg,.jpeg,.png,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text,text/csv,image/jpeg,image/png";

/// Tells the type of `bytes` by their content alone; `None` when it is none of the allowed.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    if bytes.starts_with(b"%PDF-") {
        return Some(MediaType::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(MediaType::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(MediaType::Jpeg);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office_type(bytes);
    }
    is_csv(bytes).then_some(MediaType::Csv)
}

/// The type a file must have to be kept under `file_name`: refused with a message in the
/// reader's language when its extension is not on the list or its content is something else.
pub fn check(file_name: &str, bytes: &[u8]) -> Result<MediaType, String> {
    check_among(file_name, bytes, MediaType::ALL)
}

/// As [`check`], for an item that takes only `types`.
pub fn check_among(
    file_name: &str,
    bytes: &[u8],
    types: &[MediaType],
) -> Result<MediaType, String> {
    use crate::web::i18n::{lang, text_with};
    let allowed = allowed(types);
    let Some(promised) = MediaType::by_extension(file_name).filter(|t| types.contains(t)) else {
        return Err(text_with(
            lang(),
            "blobs-error-type-not-allowed",
            &[("allowed", allowed.into())],
        ));
    };
    match sniff(bytes) {
        Some(found) if found == promised => Ok(found),
        Some(found) => Err(text_with(
            lang(),
            "blobs-error-type-mismatch",
            &[
                ("found", found.label().into()),
                ("promised", promised.label().into()),
            ],
        )),
        None => Err(text_with(
            lang(),
            "blobs-error-type-unknown-content",
            &[
                ("promised", promised.label().into()),
                ("allowed", allowed.into()),
            ],
        )),
    }
}

/// The type of an Office Open XML or OpenDocument file, from its zip directory.
fn office_type(bytes: &[u8]) -> Option<MediaType> {
    // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the type.
    if let Some(first) = first_entry(bytes)
        && first.0 == b"mimetype"
    {
        return (first.1 == b"application/vnd.oasis.opendocument.text").then_some(MediaType::Odt);
    }
    let names = zip_entry_names(bytes)?;
    if !names.iter().any(|n| n == b"[Content_Types].xml") {
        return None;
    }
    let has = |part: &[u8]| names.iter().any(|n| n.as_slice() == part);
    if has(b"word/document.xml") {
        Some(MediaType::Docx)
    } else if has(b"xl/workbook.xml") {
        Some(MediaType::Xlsx)
    } else {
        None
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The name and (stored) content of a zip's first local entry, when it is stored
/// uncompressed and small.
fn first_entry(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    if u16_at(bytes, 8)? != 0 {
        return None; // compressed
    }
    let size = u32_at(bytes, 18)?;
    let name_len = u16_at(bytes, 26)?;
    let extra_len = u16_at(bytes, 28)?;
    let name = bytes.get(30..30 + name_len)?;
    let start = 30 + name_len + extra_len;
    let content = bytes.get(start..start + size.min(200))?;
    Some((name, content))
}

/// The entry names in a zip's central directory, or `None` when it cannot be read.
fn zip_entry_names(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    // The end-of-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")? + tail_start;
    let count = u16_at(bytes, at + 10)?;
    let mut offset = u32_at(bytes, at + 16)?;
    let mut names = Vec::with_capacity(count.min(1000));
    for _ in 0..count.min(10_000) {
        if bytes.get(offset..offset + 4)? != b"PK\x01\x02" {
            return None;
        }
        let name_len = u16_at(bytes, offset + 28)?;
        let extra_len = u16_at(bytes, offset + 30)?;
        let comment_len = u16_at(bytes, offset + 32)?;
        names.push(bytes.get(offset + 46..offset + 46 + name_len)?.to_vec());
        offset += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// UTF-8 text (a byte-order mark allowed) with no control characters but tab and line breaks,
/// not starting like HTML, XML or SVG that a browser might run.
fn is_csv(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    if text.trim().is_empty() {
        return false;
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return false;
    }
    !text.trim_start().starts_with('<')
}

/// A file name fit to keep and show: the last part of any path, without control characters,
/// quotes or characters that file systems refuse, at most 120 characters (the extension kept).
/// Empty when nothing usable is left.
pub fn sanitise_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches(['.', ' ']).to_owned();
    const MAX: usize = 120;
    if cleaned.chars().count() <= MAX {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 5 => (stem, format!(".{ext}")),
        _ => (cleaned.as_str(), String::new()),
    };
    let keep = MAX - ext.chars().count();
    let stem: String = stem.chars().take(keep).collect();
    format!("{}{ext}", stem.trim_end())
}

/// A file name for the `filename` parameter of old clients: ASCII letters, digits, `.-_`.
pub fn ascii_file_name(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'Å' | 'Ä' => 'A',
            'ö' => 'o',
            'Ö' => 'O',
            'é' => 'e',
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => c,
            _ => '_',
        })
        .collect();
    if ascii.trim_matches(['_', '.']).is_empty() {
        "bilaga".to_owned()
    } else {
        ascii
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip with `entries` stored uncompressed, as an office suite would write it (but
    /// without compression): local headers, then the central directory, then its end.
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, content) in entries {
            let offset = out.len() as u32;
            let mut local = Vec::new();
            local.extend_from_slice(b"PK\x03\x04");
            local.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            local.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked here)
            local.extend_from_slice(&(content.len() as u32).to_le_bytes());
            local.extend_from_slice(&(content.len() as u32).to_le_bytes());
            local.extend_from_slice(&(name.len() as u16).to_le_bytes());
            local.extend_from_slice(&0u16.to_le_bytes());
            local.extend_from_slice(name.as_bytes());
            local.extend_from_slice(content);
            out.write_all(&local).unwrap();
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&0u32.to_le_bytes());
            central.extend_from_slice(&(content.len() as u32).to_le_bytes());
            central.extend_from_slice(&(content.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let directory_at = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&directory_at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    pub(crate) fn docx() -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ])
    }

    #[test]
    fn each_allowed_type_is_told_by_its_content() {
        let xlsx = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ]);
        let odt = zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ]);
        let cases: [(&[u8], Option<MediaType>); 7] = [
            (b"%PDF-1.7\n", Some(MediaType::Pdf)),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(MediaType::Png)),
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16], Some(MediaType::Jpeg)),
            (&docx(), Some(MediaType::Docx)),
            (&xlsx, Some(MediaType::Xlsx)),
            (&odt, Some(MediaType::Odt)),
            ("kommun;antal\nÖrebro;3\n".as_bytes(), Some(MediaType::Csv)),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), want, "{:?}", &bytes[..bytes.len().min(12)]);
        }
    }

    #[test]
    fn other_files_are_none_of_the_allowed_types() {
        let spreadsheet_odf = zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<x/>"),
        ]);
        let plain_zip = zip(&[("readme.txt", b"hej")]);
        let presentation = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("ppt/presentation.xml", b"<p/>"),
        ]);
        let cases: [&[u8]; 8] = [
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff", // a Windows program
            b"<!doctype html><script>alert(1)</script>",
            b"  <svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"GIF89a\x01\0\x01\0",
            b"a;b\0c\n",
            &spreadsheet_odf,
            &plain_zip,
            &presentation,
        ];
        for bytes in cases {
            assert_eq!(sniff(bytes), None, "{:?}", &bytes[..bytes.len().min(12)]);
        }
        assert_eq!(sniff(b"\xff\xfe\x00a"), None, "not UTF-8");
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn the_name_must_promise_what_the_content_is() {
        assert_eq!(check("rapport.PDF", b"%PDF-1.4"), Ok(MediaType::Pdf));
        let exe = check("rapport.pdf", b"MZ\x90\0\x03\0\0\0").unwrap_err();
        assert!(exe.contains("inte PDF"), "{exe}");
        let swapped = check("bild.png", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap_err();
        assert!(swapped.contains("JPEG-bild"), "{swapped}");
        let html = check("sida.html", b"<html>").unwrap_err();
        assert!(html.contains("går inte att bifoga"), "{html}");
        assert!(check("utan-filandelse", b"%PDF-1.4").is_err());
    }

    #[test]
    fn refusals_and_type_names_come_in_the_readers_language() {
        use crate::web::i18n::Lang;
        let english = crate::web::frame::speaking(Lang::En, || {
            (
                check("bild.png", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap_err(),
                check("sida.html", b"<html>").unwrap_err(),
                check("rapport.pdf", b"MZ\x90\0\x03\0\0\0").unwrap_err(),
                MediaType::Jpeg.label(),
            )
        });
        assert!(english.0.contains("JPEG image"), "{}", english.0);
        assert!(english.0.contains("PNG image"), "{}", english.0);
        assert!(english.1.contains("cannot be attached"), "{}", english.1);
        assert!(english.1.contains("JPEG or PNG"), "{}", english.1);
        assert!(english.2.contains("not of the type PDF"), "{}", english.2);
        assert_eq!(english.3, "JPEG image");
        assert_eq!(MediaType::Jpeg.label(), "JPEG-bild");
        assert_eq!(MediaType::Docx.label(), "Word (DOCX)");
    }

    #[test]
    fn an_item_that_takes_documents_only_refuses_other_types() {
        let docs = MediaType::DOCUMENTS;
        assert_eq!(allowed(docs), "PDF, DOCX, XLSX eller ODT");
        assert_eq!(
            allowed(MediaType::ALL),
            "PDF, DOCX, XLSX, ODT, CSV, JPEG eller PNG"
        );
        assert_eq!(allowed(&[MediaType::Pdf]), "PDF");
        assert_eq!(allowed(&[]), "");
        let english = crate::web::frame::speaking(crate::web::i18n::Lang::En, || {
            (allowed(docs), allowed(MediaType::ALL))
        });
        assert_eq!(english.0, "PDF, DOCX, XLSX or ODT");
        assert_eq!(english.1, "PDF, DOCX, XLSX, ODT, CSV, JPEG or PNG");
        let accept = accept_of(docs);
        assert!(accept.starts_with(".pdf,application/pdf,.docx"), "{accept}");
        assert!(
            !accept.contains(".jpg") && !accept.contains("csv"),
            "{accept}"
        );
        assert_eq!(
            check_among("plan.pdf", b"%PDF-1.4", docs),
            Ok(MediaType::Pdf)
        );
        let photo = check_among("bild.jpg", &[0xFF, 0xD8, 0xFF, 0xE0], docs).unwrap_err();
        assert!(photo.contains("PDF, DOCX, XLSX eller ODT"), "{photo}");
        let page = check_among("krav.pdf", b"<!doctype html><p>hej", docs).unwrap_err();
        assert!(page.contains("inte PDF"), "{page}");
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            sanitise_file_name("C:\\Users\\a\\Mätning.pdf"),
            "Mätning.pdf"
        );
        assert_eq!(sanitise_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            sanitise_file_name("rap\u{0}port\n\"x\".pdf"),
            "rap port x .pdf"
        );
        assert_eq!(sanitise_file_name("  ..  "), "");
        let long = format!("{}.docx", "a".repeat(300));
        let short = sanitise_file_name(&long);
        assert_eq!(short.chars().count(), 120);
        assert!(short.ends_with(".docx"));
        assert_eq!(ascii_file_name("Mätning öst.pdf"), "Matning_ost.pdf");
        assert_eq!(ascii_file_name("日本.pdf"), "__.pdf");
        assert_eq!(ascii_file_name("日本"), "bilaga");
    }
}
