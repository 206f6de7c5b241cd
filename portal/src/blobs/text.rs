//! The text inside the documents people bring in (PDF, DOCX, ODT), as Markdown a report can
//! hold, and the title the document gives itself.
//!
//! PDF text comes from `pdf-extract` (each page's content decoded through its fonts'
//! encodings); the title from the document information dictionary (`/Info /Title`). A DOCX
//! keeps its text in `word/document.xml` (paragraphs `w:p`, their text in `w:t`, headings told
//! by the paragraph's style, whose name `word/styles.xml` gives as "heading N" whatever the
//! language of the style's id) and its title in `docProps/core.xml`; an ODT its text in
//! `content.xml` (`text:h` with its `text:outline-level`, `text:p`, lists) and its title in
//! `meta.xml`. Headings become `#` lines and list items `-` lines; everything written in the
//! document is escaped so that it reads as written.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::detect::MediaType;

/// The types whose text is read.
pub const READABLE: &[MediaType] = &[MediaType::Pdf, MediaType::Docx, MediaType::Odt];

/// The body of a document whose file holds no text to read (a scanned PDF, say).
pub const NO_TEXT_NOTE: &str = "Texten i filen kunde inte läsas: den verkar sakna textlager \
     (till exempel en inskannad sida). Originalet finns bland bilagorna.";

/// Closes a body cut to fit.
pub const SHORTENED_NOTE: &str =
    "Texten var för lång och är förkortad här. Hela dokumentet finns bland bilagorna.";

/// The most bytes of one XML part read out of a zip (a zip can claim any size unpacked).
const MAX_PART: u64 = 32 * 1024 * 1024;

/// A document's file as it came, kept beside what was read from it.
#[derive(Debug, Clone)]
pub struct Original {
    pub file_name: String,
    pub kind: MediaType,
    pub bytes: Vec<u8>,
}

/// What was read out of a document.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The title the document's own information gives, when it gives one worth using.
    pub title: Option<String>,
    /// The text as Markdown.
    pub markdown: String,
}

impl Extracted {
    /// Whether any words were read.
    pub fn has_text(&self) -> bool {
        self.markdown.chars().any(char::is_alphanumeric)
    }
}

/// Reads the text of a document of `kind` (one of [`READABLE`]). The refusal is a sentence in
/// the reader's language for the person who brought the file (on the blocking pool, run it
/// through [`crate::web::frame::block`] to keep that language).
pub fn extract(kind: MediaType, bytes: &[u8]) -> Result<Extracted, String> {
    // A malformed file must not take the worker with it.
    std::panic::catch_unwind(|| match kind {
        MediaType::Pdf => pdf(bytes),
        MediaType::Docx => docx(bytes),
        MediaType::Odt => odt(bytes),
        _ => Err(crate::web::i18n::t_with(
            "blobs-error-text-unreadable-type",
            "type",
            &kind.label(),
        )),
    })
    .unwrap_or_else(|_| {
        Err(unreadable(
            kind,
            crate::web::i18n::t("blobs-error-reason-broken"),
        ))
    })
}

fn unreadable(kind: MediaType, why: impl std::fmt::Display) -> String {
    use crate::web::i18n::{lang, text_with};
    text_with(
        lang(),
        "blobs-error-file-unreadable-as",
        &[
            ("type", kind.label().into()),
            ("why", why.to_string().into()),
        ],
    )
}

/// The reason a document lacks `part`, one of the parts its type must have.
fn part_missing(part: &str) -> String {
    crate::web::i18n::t_with("blobs-error-reason-part-missing", "part", part)
}

/// A document as a report takes it: a title, a body in Markdown and, when the text could not
/// be read whole, the note said about it (also written into the body).
#[derive(Debug, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub body: String,
    pub note: Option<&'static str>,
}

/// The report `extracted` from the file `file_name` makes: the title from the document's
/// information, else its first heading, else the file name; the body within `max_bytes`.
pub fn document(file_name: &str, extracted: Extracted, max_bytes: usize) -> Document {
    let title = extracted
        .title
        .as_deref()
        .and_then(clean_title)
        .or_else(|| {
            crate::web::markdown::first_heading(&extracted.markdown).and_then(|t| clean_title(&t))
        })
        .unwrap_or_else(|| title_of_file_name(file_name));
    if !extracted.has_text() {
        return Document {
            title,
            body: format!("*{NO_TEXT_NOTE}*\n"),
            note: Some(NO_TEXT_NOTE),
        };
    }
    let mut body = extracted.markdown;
    if body.len() <= max_bytes {
        return Document {
            title,
            body,
            note: None,
        };
    }
    let closing = format!("\n\n*{SHORTENED_NOTE}*\n");
    let mut cut = max_bytes.saturating_sub(closing.len());
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    // At the last paragraph break that fits, else the last line break, else where it must.
    let at = body[..cut]
        .rfind("\n\n")
        .or_else(|| body[..cut].rfind('\n'))
        .filter(|&at| at > 0)
        .unwrap_or(cut);
    body.truncate(at);
    body.push_str(&closing);
    Document {
        title,
        body,
        note: Some(SHORTENED_NOTE),
    }
}

/// A title made of a file name: "nattkamera_test.pdf" → "Nattkamera test".
pub fn title_of_file_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Dokument".to_owned(),
    }
}

/// A title on one line, of at most 200 characters; none when blank or when it is only the
/// name of the file the document was made from ("rapport.docx", as converters often leave).
fn clean_title(raw: &str) -> Option<String> {
    let title: String = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let lower = title.to_lowercase();
    let a_file_name = [".doc", ".docx", ".odt", ".pdf", ".rtf"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    (!title.is_empty() && !a_file_name && title.chars().any(char::is_alphanumeric)).then_some(title)
}

/// Markdown written block by block from text that must read as written.
#[derive(Default)]
struct Markdown {
    out: String,
}

impl Markdown {
    /// A paragraph (lines kept), a heading of `level` or a list item.
    fn block(&mut self, kind: Block, text: &str) {
        let lines: Vec<String> = text
            .lines()
            .map(|line| {
                let line: String = line
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .filter(|c| !c.is_control())
                    .collect();
                crate::web::markdown::escape_text(line.trim())
            })
            .filter(|line| !line.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        match kind {
            Block::Paragraph => self.out.push_str(&lines.join("\n")),
            Block::Heading(level) => {
                self.out
                    .push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                self.out.push(' ');
                self.out.push_str(&lines.join(" "));
            }
            Block::Item => {
                self.out.push_str("- ");
                self.out.push_str(&lines.join(" "));
            }
        }
    }

    fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    Heading(u8),
    Item,
}

fn pdf(bytes: &[u8]) -> Result<Extracted, String> {
    let kind = MediaType::Pdf;
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| unreadable(kind, e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        // Read on the blocking pool and also by the CLI import, which prints it as it is.
        return Err(crate::web::i18n::t("blobs-error-pdf-password"));
    }
    let title = pdf_title(&doc);
    let mut text = String::new();
    pdf_extract::output_doc(&doc, &mut pdf_extract::PlainTextOutput::new(&mut text))
        .map_err(|e| unreadable(kind, e))?;
    // Lines of a paragraph come one after another; a wider gap leaves a blank line.
    let mut markdown = Markdown::default();
    for paragraph in text.split("\n\n") {
        markdown.block(Block::Paragraph, paragraph);
    }
    Ok(Extracted {
        title,
        markdown: markdown.finish(),
    })
}

fn pdf_title(doc: &pdf_extract::Document) -> Option<String> {
    use pdf_extract::Object;
    let info = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(info) => info,
        _ => return None,
    };
    let title = pdf_extract::decode_text_string(info.get(b"Title").ok()?).ok()?;
    clean_title(&title)
}

fn open_zip(
    kind: MediaType,
    bytes: &[u8],
) -> Result<zip::ZipArchive<std::io::Cursor<&[u8]>>, String> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(kind, e))
}

/// The part `name` of the zip, when it is there.
fn part(
    kind: MediaType,
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(unreadable(kind, e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(kind, e))?;
    Ok(Some(bytes))
}

fn docx(bytes: &[u8]) -> Result<Extracted, String> {
    let kind = MediaType::Docx;
    let mut zip = open_zip(kind, bytes)?;
    let document = part(kind, &mut zip, "word/document.xml")?
        .ok_or_else(|| unreadable(kind, part_missing("word/document.xml")))?;
    let styles = match part(kind, &mut zip, "word/styles.xml")? {
        Some(xml) => heading_styles(&xml),
        None => HashMap::new(),
    };
    let title = part(kind, &mut zip, "docProps/core.xml")?
        .and_then(|xml| text_of_first(&xml, b"title"))
        .and_then(|t| clean_title(&t));
    let markdown = docx_text(&document, &styles).map_err(|e| unreadable(kind, e))?;
    Ok(Extracted { title, markdown })
}

fn odt(bytes: &[u8]) -> Result<Extracted, String> {
    let kind = MediaType::Odt;
    let mut zip = open_zip(kind, bytes)?;
    let content = part(kind, &mut zip, "content.xml")?
        .ok_or_else(|| unreadable(kind, part_missing("content.xml")))?;
    let title = part(kind, &mut zip, "meta.xml")?
        .and_then(|xml| text_of_first(&xml, b"title"))
        .and_then(|t| clean_title(&t));
    let markdown = odt_text(&content).map_err(|e| unreadable(kind, e))?;
    Ok(Extracted { title, markdown })
}

/// The value of the attribute whose local name is `name`.
fn attribute(element: &BytesStart, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// The text an event adds inside an element: text, a character or entity reference, CDATA.
fn text_of(event: &Event) -> Option<String> {
    match event {
        Event::Text(t) => t.xml10_content().ok().map(|t| t.into_owned()),
        Event::CData(t) => t.decode().ok().map(|t| t.into_owned()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => Some(c.to_string()),
            Ok(None) => r.decode().ok().and_then(|name| {
                quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
            }),
            Err(_) => None,
        },
        _ => None,
    }
}

/// The text of the first element whose local name is `name` (the `dc:title` of a document's
/// properties), when it has any.
fn text_of_first(xml: &[u8], name: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        let event = reader.read_event().ok()?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == name => inside = true,
            Event::End(e) if inside && e.local_name().as_ref() == name => {
                return (!text.trim().is_empty()).then_some(text);
            }
            Event::Eof => return None,
            other if inside => text.push_str(&text_of(other).unwrap_or_default()),
            _ => {}
        }
    }
}

/// The heading level of each paragraph style of a DOCX's `styles.xml` that is a heading: by
/// its name ("heading 1", "Title"), else by its outline level.
pub(crate) fn heading_styles(xml: &[u8]) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut style: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Start(e) if e.local_name().as_ref() == b"style" => {
                style = attribute(e, b"styleId");
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => style = None,
            Event::Empty(e) | Event::Start(e) => {
                let Some(id) = &style else { continue };
                let level = match e.local_name().as_ref() {
                    b"name" => attribute(e, b"val").and_then(|n| level_of_name(&n)),
                    b"outlineLvl" => attribute(e, b"val")
                        .and_then(|v| v.parse::<u8>().ok())
                        .filter(|&v| v < 9)
                        .map(|v| v + 1),
                    _ => None,
                };
                if let Some(level) = level {
                    levels.entry(id.clone()).or_insert(level);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    levels
}

/// "heading 2" → 2, "Title" → 1; also the ids Word gives those styles in English and Swedish
/// ("Heading2", "Rubrik2", "Title", "Rubrik").
fn level_of_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase().replace(' ', "");
    if lower == "title" || lower == "rubrik" {
        return Some(1);
    }
    let digits = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("rubrik"))?;
    digits.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

/// One paragraph being read: its text and what kind of block it becomes.
struct Open {
    text: String,
    kind: Block,
}

impl Open {
    fn new(kind: Block) -> Open {
        Open {
            text: String::new(),
            kind,
        }
    }
}

pub(crate) fn docx_text(
    xml: &[u8],
    styles: &HashMap<String, u8>,
) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut markdown = Markdown::default();
    // Paragraphs nest (a text box's inside a run of another's): the innermost takes the text.
    let mut open: Vec<Open> = Vec::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => open.push(Open::new(Block::Paragraph)),
                b"t" => in_text = true,
                _ => docx_property(e, styles, &mut open),
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => push(&mut open, " "),
                b"br" | b"cr" => push(&mut open, "\n"),
                _ => docx_property(e, styles, &mut open),
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    if let Some(done) = open.pop() {
                        markdown.block(done.kind, &done.text);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            other if in_text => {
                if let Some(text) = text_of(other) {
                    push(&mut open, &text);
                }
            }
            _ => {}
        }
    }
    Ok(markdown.finish())
}

/// A paragraph's style, outline level or numbering, read into the paragraph being read.
fn docx_property(element: &BytesStart, styles: &HashMap<String, u8>, open: &mut [Open]) {
    let Some(current) = open.last_mut() else {
        return;
    };
    match element.local_name().as_ref() {
        b"pStyle" => {
            if let Some(level) = attribute(element, b"val")
                .and_then(|id| styles.get(&id).copied().or_else(|| level_of_name(&id)))
            {
                current.kind = Block::Heading(level);
            }
        }
        b"outlineLvl" => {
            if let Some(level) = attribute(element, b"val")
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&v| v < 9)
            {
                current.kind = Block::Heading(level + 1);
            }
        }
        b"numPr" if current.kind == Block::Paragraph => current.kind = Block::Item,
        _ => {}
    }
}

fn push(open: &mut [Open], text: &str) {
    if let Some(current) = open.last_mut() {
        current.text.push_str(text);
    }
}

pub(crate) fn odt_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut markdown = Markdown::default();
    let mut open: Vec<Open> = Vec::new();
    let mut list_items = 0usize;
    // Inside comments and tracked deletions nothing is read.
    let mut skipped = 0usize;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"annotation" | b"tracked-changes" => skipped += 1,
                _ if skipped > 0 => {}
                b"h" => {
                    let level = attribute(e, b"outline-level")
                        .and_then(|l| l.parse::<u8>().ok())
                        .unwrap_or(1);
                    open.push(Open::new(Block::Heading(level)));
                }
                b"p" => open.push(Open::new(if list_items > 0 {
                    Block::Item
                } else {
                    Block::Paragraph
                })),
                b"list-item" => list_items += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"annotation" | b"tracked-changes" => skipped = skipped.saturating_sub(1),
                _ if skipped > 0 => {}
                b"h" | b"p" => {
                    if let Some(done) = open.pop() {
                        markdown.block(done.kind, &done.text);
                    }
                }
                b"list-item" => list_items = list_items.saturating_sub(1),
                _ => {}
            },
            Event::Empty(e) if skipped == 0 => match e.local_name().as_ref() {
                b"s" => {
                    let count = attribute(e, b"c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(100);
                    push(&mut open, &" ".repeat(count));
                }
                b"tab" => push(&mut open, " "),
                b"line-break" => push(&mut open, "\n"),
                _ => {}
            },
            Event::Eof => break,
            other if skipped == 0 => {
                // Runs of white space in an ODT's text are one space; more are `text:s`.
                if let Some(text) = text_of(other) {
                    let mut collapsed = String::with_capacity(text.len());
                    for (n, word) in text.split([' ', '\t', '\r', '\n']).enumerate() {
                        if n > 0 && !collapsed.ends_with(' ') {
                            collapsed.push(' ');
                        }
                        collapsed.push_str(word);
                    }
                    push(&mut open, &collapsed);
                }
            }
            _ => {}
        }
    }
    Ok(markdown.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::samples;
    use proptest::prelude::*;

    #[test]
    fn a_pdf_gives_its_text_and_title() {
        let read = extract(
            MediaType::Pdf,
            &samples::pdf(
                Some("Nattillsyn med kamera i Östhammar"),
                &[
                    (0, "Kameran ersatte tre besök per natt."),
                    (0, "Brukarna sov bättre."),
                ],
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            read.title.as_deref(),
            Some("Nattillsyn med kamera i Östhammar")
        );
        assert!(
            read.markdown
                .contains("Kameran ersatte tre besök per natt\\."),
            "{read:?}"
        );
        assert!(read.markdown.contains("Brukarna sov bättre"), "{read:?}");

        let scanned = extract(MediaType::Pdf, &samples::pdf(None, &[]).unwrap()).unwrap();
        assert!(!scanned.has_text(), "{scanned:?}");
        let made = document("skannad_rapport.pdf", scanned, 64 * 1024);
        assert_eq!(made.title, "Skannad rapport");
        assert_eq!(made.note, Some(NO_TEXT_NOTE));
        assert!(made.body.contains("kunde inte läsas"), "{made:?}");

        let broken = extract(MediaType::Pdf, b"%PDF-1.7\nnot really").unwrap_err();
        assert!(
            broken.starts_with("Filen kunde inte läsas som PDF"),
            "{broken}"
        );
    }

    #[test]
    fn whole_docx_and_odt_files_give_their_text_and_title() {
        let blocks = [
            (1, "Digitala lås"),
            (0, "Nyckelfri hemtjänst i Gävle & Sandviken."),
        ];
        let read = extract(
            MediaType::Docx,
            &samples::docx(Some("Lås"), &blocks).unwrap(),
        )
        .unwrap();
        assert_eq!(read.title.as_deref(), Some("Lås"));
        assert_eq!(
            read.markdown,
            "# Digitala lås\n\nNyckelfri hemtjänst i Gävle \\& Sandviken\\.\n"
        );
        let read = extract(MediaType::Odt, &samples::odt(None, &blocks).unwrap()).unwrap();
        assert_eq!(read.title, None);
        assert_eq!(
            read.markdown,
            "# Digitala lås\n\nNyckelfri hemtjänst i Gävle \\& Sandviken\\.\n"
        );
        let made = document("x.odt", read, 1024);
        assert_eq!((made.title.as_str(), made.note), ("Digitala lås", None));
        let broken = extract(MediaType::Docx, b"PK\x03\x04 not a zip").unwrap_err();
        assert!(
            broken.starts_with("Filen kunde inte läsas som Word (DOCX)"),
            "{broken}"
        );
        let english = crate::web::frame::speaking(crate::web::i18n::Lang::En, || {
            (
                extract(MediaType::Docx, b"PK\x03\x04 not a zip").unwrap_err(),
                extract(MediaType::Csv, b"a;b\n").unwrap_err(),
                unreadable(MediaType::Odt, part_missing("content.xml")),
            )
        });
        assert!(
            english
                .0
                .starts_with("The file could not be read as Word (DOCX)"),
            "{}",
            english.0
        );
        assert!(english.1.contains("CSV"), "{}", english.1);
        assert!(
            english.2.contains("content.xml is missing"),
            "{}",
            english.2
        );
        assert!(
            unreadable(MediaType::Odt, part_missing("content.xml")).contains("content.xml saknas")
        );
    }

    const STYLES: &str = r#"<w:styles xmlns:w="x">
        <w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Underrubrik"><w:name w:val="Subtitle"/>
          <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Brdtext"><w:name w:val="Body Text"/></w:style>
      </w:styles>"#;

    #[test]
    fn a_docx_gives_headings_paragraphs_and_lists_as_written() {
        let styles = heading_styles(STYLES.as_bytes());
        assert_eq!(styles.get("Rubrik1"), Some(&1));
        assert_eq!(styles.get("Underrubrik"), Some(&2));
        assert_eq!(styles.get("Brdtext"), None);
        let xml = r#"<w:document xmlns:w="x"><w:body>
          <w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr><w:r><w:t>Läkemedelsrobot</w:t></w:r>
            <w:r><w:t xml:space="preserve"> i hemtjänsten</w:t></w:r></w:p>
          <w:p><w:pPr><w:pStyle w:val="Underrubrik"/></w:pPr><w:r><w:t>Bakgrund</w:t></w:r></w:p>
          <w:p><w:r><w:t>Larm &amp; dosering *två*</w:t><w:tab/><w:t>gånger</w:t><w:br/>
            <w:t>om dagen.</w:t></w:r><w:del><w:r><w:delText>struket</w:delText></w:r></w:del></w:p>
          <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>1. punkt</w:t></w:r></w:p>
          <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Resultat&#x21;</w:t></w:r></w:p>
          <w:p/>
        </w:body></w:document>"#;
        let markdown = docx_text(xml.as_bytes(), &styles).unwrap();
        assert_eq!(
            markdown,
            "# Läkemedelsrobot i hemtjänsten\n\n## Bakgrund\n\n\
             Larm \\& dosering \\*två\\* gånger\nom dagen\\.\n\n- 1\\. punkt\n\n## Resultat\\!\n"
        );
        let text = crate::web::markdown::plain_text(&markdown);
        assert!(
            text.contains("Larm & dosering *två* gånger om dagen."),
            "{text}"
        );
        assert!(
            !text.contains("struket"),
            "deleted text is not read: {text}"
        );
        assert_eq!(
            crate::web::markdown::first_heading(&markdown).as_deref(),
            Some("Läkemedelsrobot i hemtjänsten")
        );
    }

    #[test]
    fn an_odt_gives_headings_paragraphs_and_lists_as_written() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:text="t">
          <office:body><office:text>
            <text:h text:outline-level="1">GPS-larm</text:h>
            <text:p>Två<text:s text:c="3"/>brukare <text:span>testade</text:span> larmet<text:tab/>i
              <text:a>sex veckor</text:a>.<office:annotation><text:p>intern kommentar</text:p></office:annotation></text:p>
            <text:list><text:list-item><text:p>&lt;b&gt;fler&lt;/b&gt; promenader</text:p></text:list-item></text:list>
            <text:h text:outline-level="2">Slutsats</text:h>
            <text:p/>
          </office:text></office:body></office:document-content>"#;
        let markdown = odt_text(xml.as_bytes()).unwrap();
        let text = crate::web::markdown::plain_text(&markdown);
        assert!(markdown.starts_with("# GPS\\-larm\n\n"), "{markdown}");
        assert!(markdown.contains("\n\n## Slutsats\n"), "{markdown}");
        assert!(
            text.contains("Två   brukare testade larmet i sex veckor."),
            "{text}"
        );
        assert!(text.contains("<b>fler</b> promenader"), "{text}");
        assert!(markdown.contains("\n- \\<b\\>fler"), "{markdown}");
        assert!(!text.contains("intern kommentar"), "{text}");
    }

    #[test]
    fn titles_fall_back_to_the_first_heading_then_the_file_name() {
        let from = |title: Option<&str>, markdown: &str| {
            document(
                "slutrapport_gps-larm.docx",
                Extracted {
                    title: title.map(str::to_owned),
                    markdown: markdown.to_owned(),
                },
                1024,
            )
            .title
        };
        assert_eq!(from(Some("  Egen\n titel "), "# Rubrik\n"), "Egen titel");
        assert_eq!(from(Some("rapport.docx"), "# Rubrik\n"), "Rubrik");
        assert_eq!(from(None, "## Inte först\n\n# Rubrik\n"), "Rubrik");
        assert_eq!(from(None, "Bara text.\n"), "Slutrapport gps larm");
    }

    #[test]
    fn a_long_text_is_cut_at_a_paragraph_with_a_note() {
        let paragraph = "Ord ".repeat(50);
        let markdown = vec![paragraph.trim(); 40].join("\n\n");
        let made = document(
            "lång.pdf",
            Extracted {
                title: None,
                markdown: markdown.clone(),
            },
            2000,
        );
        assert_eq!(made.note, Some(SHORTENED_NOTE));
        assert!(made.body.len() <= 2000, "{}", made.body.len());
        assert!(
            made.body
                .ends_with(&format!("{}\n\n*{SHORTENED_NOTE}*\n", paragraph.trim()))
        );
        let whole = document(
            "kort.pdf",
            Extracted {
                title: None,
                markdown: markdown.clone(),
            },
            64 * 1024,
        );
        assert_eq!((whole.body, whole.note), (markdown, None));
    }

    proptest! {
        /// Whatever a line of a document says, the Markdown made of it reads the same.
        #[test]
        fn text_reads_as_written(line in "[-a-zåäö0-9 #*_`\\[\\]()<>!&|~=+.:;\\\\\t\u{a0}]{0,40}") {
            let mut markdown = Markdown::default();
            markdown.block(Block::Paragraph, &line);
            let expected = line
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect::<String>();
            prop_assert_eq!(crate::web::markdown::plain_text(&markdown.finish()), expected.trim());
            let mut heading = Markdown::default();
            heading.block(Block::Heading(1), &line);
            let expected = Some(expected.trim().to_owned()).filter(|t| !t.is_empty());
            prop_assert_eq!(crate::web::markdown::first_heading(&heading.finish()), expected);
        }
    }
}
