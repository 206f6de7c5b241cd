//! What the fuzz targets in `fuzz/` run: the parsers that read text from outside, each fed
//! arbitrary bytes, with the promises its callers rely on checked (a broken promise panics,
//! which the fuzzer reports as a crash). The targets are thin wrappers, so an input the fuzzer
//! kept in `fuzz/regressions/<target>/` is replayed here by an ordinary `cargo test`, on the
//! stable toolchain.
//!
//! This names features (import, federation) on purpose: it is wiring, like the OpenAPI document.
#![allow(
    clippy::expect_used,
    reason = "a broken promise or a failed set-up is a crash the fuzzer must report"
)]

use std::path::Path;
use std::sync::OnceLock;

use chrono::DateTime;
use noden_search::{Change, Document, Query, SearchIndex, Sort};
use uuid::Uuid;

use crate::config::Settings;
use crate::federation::peers::Peer;
use crate::federation::pull;
use crate::web::markdown;

/// A fuzz target: its name and the function its input goes to.
pub type Target = (&'static str, fn(&[u8]));

/// The targets, by the name of their folder in `fuzz/fuzz_targets` and `fuzz/regressions`.
pub const TARGETS: [Target; 6] = [
    ("markdown", markdown),
    ("personnummer", personnummer),
    ("front_matter", front_matter),
    ("search_query", search_query),
    ("federation_feed", federation_feed),
    ("office_text", office_text),
];

/// Text as a user or a file gives it: arbitrary bytes are read as UTF-8 with replacements,
/// so every input reaches the parser.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The Markdown renderer as a page uses it: text nested too deeply is refused before it is
/// rendered; anything else renders to HTML without script, style, frames, event handlers or
/// undescribed images. Plain text and summaries are made of the same text.
pub fn markdown(data: &[u8]) {
    let text = text(data);
    let _ = markdown::plain_text(&text);
    let _ = markdown::first_paragraph(&text, 200);
    let _ = markdown::first_heading(&text);
    if markdown::nesting_problem(&text).is_some() {
        return;
    }
    let html = markdown::render(&text).into_string();
    assert_safe_html(&html);
}

fn assert_safe_html(html: &str) {
    for (name, attributes) in tags(&html.to_ascii_lowercase()) {
        assert!(
            ![
                "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base"
            ]
            .contains(&name.as_str()),
            "<{name}> in rendered HTML: {html}"
        );
        for (attribute, value) in &attributes {
            assert!(
                !attribute.starts_with("on") && attribute != "style",
                "{attribute} on <{name}> in rendered HTML: {html}"
            );
            if ["href", "src"].contains(&attribute.as_str()) {
                let scheme = scheme(value);
                assert!(
                    scheme
                        .as_deref()
                        .is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                    "{attribute}={value:?} in rendered HTML: {html}"
                );
            }
        }
        if name == "img" {
            assert!(
                attributes.iter().any(|(a, _)| a == "alt"),
                "an image without alt text: {html}"
            );
        }
    }
}

/// The scheme a browser reads in the address `value`, if it has one: it drops tabs and line
/// breaks anywhere and control characters and spaces in front, then takes what comes before
/// the first `:` when that is a letter followed by letters, digits, `+`, `-` or `.` (else the
/// address is relative).
fn scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (head, _) = cleaned
        .trim_start_matches(|c: char| c <= ' ')
        .split_once(':')?;
    let mut chars = head.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| head.to_ascii_lowercase())
}

/// A start tag: its name, and its attributes with their values.
type Tag = (String, Vec<(String, String)>);

/// The start tags of the sanitiser's output. The sanitiser escapes `<` in text but not in
/// attribute values, which it writes in double quotes (escaping the quotes within).
fn tags(html: &str) -> Vec<Tag> {
    enum At {
        Text,
        Skip,
        Name,
        Between,
        Attribute,
        Equals,
        Value,
    }
    let mut found = Vec::new();
    let (mut name, mut attributes) = (String::new(), Vec::new());
    let (mut attribute, mut value) = (String::new(), String::new());
    let mut at = At::Text;
    for c in html.chars() {
        let space = c.is_whitespace() || c == '/';
        at = match at {
            At::Text if c == '<' => At::Name,
            At::Text => At::Text,
            At::Value if c == '"' => {
                attributes.push((std::mem::take(&mut attribute), std::mem::take(&mut value)));
                At::Between
            }
            At::Value => {
                value.push(c);
                At::Value
            }
            At::Skip if c == '>' => At::Text,
            At::Skip => At::Skip,
            _ if c == '>' => {
                if !attribute.is_empty() {
                    attributes.push((std::mem::take(&mut attribute), String::new()));
                }
                found.push((std::mem::take(&mut name), std::mem::take(&mut attributes)));
                At::Text
            }
            At::Name if name.is_empty() && (c == '/' || c == '!') => At::Skip,
            At::Name if space => At::Between,
            At::Name => {
                name.push(c);
                At::Name
            }
            At::Between if space => At::Between,
            At::Between => {
                attribute.push(c);
                At::Attribute
            }
            At::Attribute if c == '=' => At::Equals,
            At::Attribute if space => {
                attributes.push((std::mem::take(&mut attribute), String::new()));
                At::Between
            }
            At::Attribute => {
                attribute.push(c);
                At::Attribute
            }
            At::Equals if c == '"' => At::Value,
            At::Equals => At::Equals,
        };
    }
    found
}

/// A number with a separator, the check digit wrong on purpose: always refused.
const SEPARATED_NUMBER: &str = "811218-1234";

/// The personal identity number guard: whatever the text, a number it finds is reported with
/// its digits masked, and a number written after the text on a line of its own is found,
/// whatever the text before it opened (code, links, HTML, emphasis).
pub fn personnummer(data: &[u8]) {
    let text = text(data);
    if let Some(found) = crate::privacy::find_personal_identity_number(&text) {
        assert!(found.line >= 1 && found.column >= 1, "{found:?}");
        assert!(found.masked.ends_with("****"), "{found:?}");
        let _ = found.describe();
    }
    let with_number = format!("{text}\n{SEPARATED_NUMBER}");
    assert!(
        crate::privacy::contains_personal_identity_number(&with_number),
        "{SEPARATED_NUMBER} after {text:?} was not found"
    );
}

/// The front matter of an imported file: a file is read or refused with a reason, never a
/// crash; what is read keeps the file's text after its front matter.
pub fn front_matter(data: &[u8]) {
    let text = text(data);
    if let Ok(input) = crate::import::parse_document(Path::new("rapport.md"), &text) {
        assert!(!input.title.trim().is_empty(), "no title from {text:?}");
        assert!(
            text.ends_with(&input.body),
            "the body is not the file's end"
        );
    }
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::create_in_ram().expect("an index in memory");
        let documents = [
            (
                "Nattillsyn med kamera",
                "Digital tillsyn nattetid i hemtjänsten",
            ),
            (
                "Läkemedelsrobot",
                "Påminnelser om läkemedel, utvärderad i 12 månader",
            ),
            (
                "Trygghetslarm",
                "Larm med GPS för äldre; \"mobilt\" larm (4G)",
            ),
        ];
        let changes = documents
            .iter()
            .enumerate()
            .map(|(i, (title, body))| {
                Change::Upsert(Document {
                    confirmed_at: None,
                    archived: false,
                    id: Uuid::from_u128(i as u128 + 1).to_string(),
                    kind: "testrapport".to_owned(),
                    title: (*title).to_owned(),
                    summary: (*body).to_owned(),
                    body: format!("{body}. {title}."),
                    url: format!("/rapporter/{i}"),
                    organisation: Some("0480".to_owned()),
                    categories: vec!["digital-tillsyn".to_owned()],
                    tags: vec!["natt".to_owned()],
                    outcome: Some("inford".to_owned()),
                    county: Some("04".to_owned()),
                    principals: vec!["public".to_owned()],
                    phase: None,
                    target_groups: Vec::new(),
                    node: String::new(),
                    status: None,
                    participants: Vec::new(),
                    group: None,
                    technologies: Vec::new(),
                    published_at: 1_700_000_000 + i as i64,
                    updated_at: 0,
                })
            })
            .collect();
        index.apply(changes, 1).expect("indexed");
        index
    })
}

/// The search query parser, as the search page and the API use it: any text a user types
/// gives results (maybe none) or suggestions, never an error; a page never holds more hits
/// than asked for, nor more than were counted.
pub fn search_query(data: &[u8]) {
    let text = text(data);
    let index = index();
    let principals = vec!["public".to_owned()];
    for sort in [Sort::Relevance, Sort::Newest] {
        let query = Query {
            text: text.clone(),
            principals: principals.clone(),
            facets: noden_search::Facet::ALL.to_vec(),
            collapse: data.first().is_some_and(|b| b & 1 == 1),
            sort,
            per_page: 2,
            ..Query::default()
        };
        let results = index
            .search(&query)
            .unwrap_or_else(|e| panic!("searching {text:?}: {e:?}"));
        assert!(
            results.hits.len() <= 2,
            "{} hits on a page of 2",
            results.hits.len()
        );
        assert!(results.hits.len() <= results.total);
    }
    index
        .suggest(&text, &principals, 5)
        .unwrap_or_else(|e| panic!("suggestions for {text:?}: {e:?}"));
    index
        .did_you_mean(&text, &principals)
        .unwrap_or_else(|e| panic!("did you mean {text:?}: {e:?}"));
}

/// A peer's feed page: a body that is no page of the protocol is refused as a whole; every
/// entry of a page is then taken in or refused on its own, and what is taken in holds no
/// personal identity number and renders to safe HTML.
pub fn federation_feed(data: &[u8]) {
    let peer = fuzz_peer();
    let Ok(page) = pull::page_of(data, &peer) else {
        return;
    };
    let settings = Settings::default();
    for entry in &page.entries {
        if let Ok(Some(item)) = pull::checked(entry, &peer, &settings) {
            assert!(!item.title.trim().is_empty());
            for text in [&item.title, &item.summary, &item.body] {
                assert!(!crate::privacy::contains_personal_identity_number(text));
            }
            assert_safe_html(&markdown::render(&item.body).into_string());
        }
    }
}

/// The peer the feed target reads pages from (the seeds in `fuzz/seeds/federation_feed`
/// name it as their origin).
fn fuzz_peer() -> Peer {
    let epoch = DateTime::UNIX_EPOCH;
    Peer {
        id: Uuid::nil(),
        url: "https://noden.example.se".to_owned(),
        name: "Exempelnoden".to_owned(),
        county: "04".to_owned(),
        key_id: "peer".to_owned(),
        public_key: String::new(),
        share: "public".to_owned(),
        pull: true,
        paused: false,
        cursor: 10,
        head: 10,
        failures: 0,
        last_success_at: None,
        last_error_at: None,
        last_error: String::new(),
        next_attempt_at: None,
        refused: 0,
        last_refusal: String::new(),
        last_refusal_at: None,
        added_at: epoch,
        added_by: "fuzz".to_owned(),
        updated_at: epoch,
        reconciled_at: None,
        last_reconcile: String::new(),
    }
}

/// The XML of a DOCX (`word/document.xml`, `word/styles.xml`) or an ODT (`content.xml`): read
/// or refused, never a crash; what is read is Markdown in which nothing the document says is
/// markup: rendered, it has no elements but the paragraphs, headings and lists the reader
/// writes itself.
pub fn office_text(data: &[u8]) {
    use crate::blobs::text;
    let styles = text::heading_styles(data);
    let read = [text::docx_text(data, &styles), text::odt_text(data)];
    for markdown in read.into_iter().flatten() {
        let html = markdown::render(&markdown).into_string();
        let mut rest = html.as_str();
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                matches!(
                    name.as_str(),
                    "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "li"
                ),
                "<{name}> in {html} from {markdown:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Every input in `fuzz/seeds/<target>` and `fuzz/regressions/<target>` (the crashes the
    /// fuzzer found, kept after they were fixed) passes its target.
    #[test]
    fn seeds_and_regressions_pass() {
        let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
        let mut replayed = 0;
        for (target, run) in super::TARGETS {
            for kind in ["seeds", "regressions"] {
                let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
                    continue;
                };
                for entry in entries {
                    let path = entry.expect("a readable folder").path();
                    let data = std::fs::read(&path).expect("a readable input");
                    let outcome = std::panic::catch_unwind(|| run(&data));
                    assert!(outcome.is_ok(), "{} fails {target}", path.display());
                    replayed += 1;
                }
            }
        }
        assert!(replayed >= super::TARGETS.len(), "only {replayed} inputs");
    }

    #[test]
    fn the_checks_catch_what_they_are_for() {
        // The HTML check refuses what the sanitiser must never let through.
        for html in [
            "<p><script>alert(1)</script></p>",
            "<img src=\"x.png\">",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<p onclick=\"x\">y</p>",
        ] {
            let outcome = std::panic::catch_unwind(|| super::assert_safe_html(html));
            assert!(outcome.is_err(), "{html} passed");
        }
        super::assert_safe_html("<p>javascript: onclick= &lt;script&gt;</p>");
        super::assert_safe_html("<img src=\"x.png\" alt=\"\">");
        super::assert_safe_html("<img src=\"x.png\" alt=\"<script> onclick=\">");
        // A relative address, though a colon follows: `=` is no part of a scheme.
        super::assert_safe_html("<a href=\"jav=script:alert(1)\">x</a>");
        for value in [
            "java\tscript:x",
            " \u{1}javascript:x",
            "JavaScript:x",
            "data:text/html,x",
        ] {
            let html = format!("<a href=\"{value}\">x</a>");
            let outcome = std::panic::catch_unwind(|| super::assert_safe_html(&html));
            assert!(outcome.is_err(), "{value:?} passed");
        }
    }
}
