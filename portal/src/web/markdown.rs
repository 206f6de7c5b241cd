//! User Markdown → pulldown-cmark → ammonia → `SafeHtml`. Only `SafeHtml` is written unescaped.

use std::fmt;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// HTML that has been through the sanitiser (or was built from escaped parts by the portal).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Wraps HTML that is already known to be safe, e.g. loaded from the database where only
    /// sanitised output is stored, or produced by the search engine from escaped text.
    pub fn trusted(html: String) -> Self {
        SafeHtml(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_generic_attributes(["id"].iter().copied())
        .id_prefix(Some("md-"));
    builder
});

/// Renders Markdown to sanitised HTML: no script, style, iframe, svg or math, no event
/// handlers, and only http, https and mailto links.
pub fn render(markdown: &str) -> SafeHtml {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    SafeHtml(SANITIZER.clean(&html).to_string())
}

/// The text of a Markdown document without markup, for the search index and summaries.
/// Raw HTML in the source is dropped.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => text.push('\n'),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// The first `# ` heading of a Markdown document, if any.
pub fn first_heading(markdown: &str) -> Option<String> {
    let mut in_h1 = false;
    let mut title = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }) => in_h1 = true,
            Event::End(TagEnd::Heading(_)) if in_h1 => break,
            Event::Text(t) | Event::Code(t) if in_h1 => title.push_str(&t),
            _ => {}
        }
    }
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_owned())
}

/// The Markdown without its opening `# ` heading when that heading repeats `title`: pages show
/// the title themselves, and search snippets should not start with it again.
pub fn without_title_heading<'a>(markdown: &'a str, title: &str) -> &'a str {
    let trimmed = markdown.trim_start();
    let Some(rest) = trimmed.strip_prefix("# ") else {
        return markdown;
    };
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    if line.trim().trim_end_matches('#').trim() == title.trim() {
        after
    } else {
        markdown
    }
}

/// The first paragraph's text, cut at a word boundary near `max_chars`.
pub fn first_paragraph(markdown: &str, max_chars: usize) -> String {
    let mut in_p = false;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_p = true,
            Event::End(TagEnd::Paragraph) if in_p => break,
            Event::Text(t) | Event::Code(t) if in_p => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_p => text.push(' '),
            _ => {}
        }
    }
    truncate_words(text.trim(), max_chars)
}

/// Cuts `text` at a word boundary so that it is at most `max_chars` characters plus an ellipsis.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_javascript_links_are_removed() {
        let html = render(
            "Hej <script>alert(1)</script><style>p{}</style>\n\n[klick](javascript:alert(2)) \
             <a href=\"https://example.org\" onclick=\"x()\">ok</a> <iframe src=x></iframe><svg><g/></svg>",
        );
        let html = html.as_str();
        for bad in [
            "<script",
            "alert(1)",
            "<style",
            "javascript:",
            "onclick",
            "<iframe",
            "<svg",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn markdown_structure_is_kept() {
        let html = render(
            "# Rubrik\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- punkt\n\n[SKR](https://skr.se)",
        );
        let html = html.as_str();
        assert!(html.contains("<h1>Rubrik</h1>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<li>punkt</li>"), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn headings_paragraphs_and_plain_text() {
        let md = "Intro *före*\n\n# Nattillsyn med `kamera`\n\nFörsta stycket\nfortsätter här.\n\n<b>rå</b>";
        assert_eq!(first_heading(md).as_deref(), Some("Nattillsyn med kamera"));
        assert_eq!(first_paragraph(md, 100), "Intro före");
        assert!(plain_text(md).contains("Första stycket fortsätter här."));
        assert!(!plain_text(md).contains("<b>"));
        assert_eq!(truncate_words("ett två tre fyra", 9), "ett två…");
        assert_eq!(
            without_title_heading("# Kamera\n\nText", "Kamera"),
            "\nText"
        );
        assert_eq!(
            without_title_heading("# Annat\n\nText", "Kamera"),
            "# Annat\n\nText"
        );
    }
}
