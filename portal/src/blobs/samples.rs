//! Small, valid PDF, DOCX and ODT files written from a title and a few blocks of text, as an
//! office suite would lay them out: for the tests of reading documents in, and nothing else.
//!
//! A block is `(level, text)`: level 0 a paragraph, 1–6 a heading of that level.

use std::io::Write;

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Object, Stream, dictionary};

/// A one-page PDF showing each block's text on a line of its own in Helvetica (WinAnsi, so
/// å, ä and ö are single bytes), with `title` in its document information. Without blocks the
/// page only has a grey box on it, as a scan without a text layer has only its picture.
pub fn pdf(title: Option<&str>, blocks: &[(u8, &str)]) -> Result<Vec<u8>, String> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut operations = vec![
        Operation::new("rg", vec![0.9.into(), 0.9.into(), 0.9.into()]),
        Operation::new("re", vec![40.into(), 40.into(), 515.into(), 60.into()]),
        Operation::new("f", vec![]),
    ];
    if !blocks.is_empty() {
        operations.push(Operation::new("rg", vec![0.into(), 0.into(), 0.into()]));
        operations.push(Operation::new("BT", vec![]));
        operations.push(Operation::new("Td", vec![72.into(), 760.into()]));
        for (level, text) in blocks {
            let size = if *level == 0 {
                11
            } else {
                18 - 2 * i64::from(*level)
            };
            operations.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
            let bytes = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect();
            operations.push(Operation::new(
                "Tj",
                vec![Object::String(bytes, pdf_extract::StringFormat::Literal)],
            ));
            // A paragraph's distance: more than a line's, so the reader sees a new block.
            operations.push(Operation::new("Td", vec![0.into(), (-3 * size).into()]));
        }
        operations.push(Operation::new("ET", vec![]));
    }
    let content = Content { operations }.encode().map_err(|e| e.to_string())?;
    let content = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    if let Some(title) = title {
        let info = doc.add_object(dictionary! { "Title" => pdf_extract::text_string(title) });
        doc.trailer.set("Info", info);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

fn zipped(entries: &[(&str, String)]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        // An ODT's `mimetype` comes first and uncompressed, so it can be told by its bytes.
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).map_err(|e| e.to_string())?;
        zip.write_all(content.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let written = zip.finish().map_err(|e| e.to_string())?;
    Ok(written.into_inner())
}

/// A DOCX whose headings use Word's Swedish style ids ("Rubrik1"), named "heading 1" in its
/// styles, with `title` in its core properties.
pub fn docx(title: Option<&str>, blocks: &[(u8, &str)]) -> Result<Vec<u8>, String> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let body: String = blocks
        .iter()
        .map(|(level, text)| {
            let style = if *level == 0 {
                String::new()
            } else {
                format!("<w:pPr><w:pStyle w:val=\"Rubrik{level}\"/></w:pPr>")
            };
            format!(
                "<w:p>{style}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(text)
            )
        })
        .collect();
    let styles: String = (1..=6)
        .map(|level| {
            format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"Rubrik{level}\">\
                 <w:name w:val=\"heading {level}\"/><w:pPr><w:outlineLvl w:val=\"{}\"/></w:pPr></w:style>",
                level - 1
            )
        })
        .collect();
    let title = title
        .map(|t| format!("<dc:title>{}</dc:title>", escape(t)))
        .unwrap_or_default();
    zipped(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             </Relationships>"
                .to_owned(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
            ),
        ),
        (
            "word/styles.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <w:styles xmlns:w=\"{W}\">{styles}</w:styles>"
            ),
        ),
        (
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{title}</cp:coreProperties>"
            ),
        ),
    ])
}

/// An OpenDocument text with `title` in its metadata.
pub fn odt(title: Option<&str>, blocks: &[(u8, &str)]) -> Result<Vec<u8>, String> {
    let body: String = blocks
        .iter()
        .map(|(level, text)| match level {
            0 => format!("<text:p>{}</text:p>", escape(text)),
            _ => format!(
                "<text:h text:outline-level=\"{level}\">{}</text:h>",
                escape(text)
            ),
        })
        .collect();
    let title = title
        .map(|t| format!("<dc:title>{}</dc:title>", escape(t)))
        .unwrap_or_default();
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".to_owned()),
        (
            "META-INF/manifest.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
             <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\
             <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
             <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\
             </manifest:manifest>"
                .to_owned(),
        ),
        (
            "content.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                 <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
                 xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
                 <office:body><office:text>{body}</office:text></office:body></office:document-content>"
            ),
        ),
        (
            "meta.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                 <office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">\
                 <office:meta>{title}</office:meta></office:document-meta>"
            ),
        ),
    ])
}
