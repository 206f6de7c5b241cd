//! User Markdown → pulldown-cmark → ammonia → `SafeHtml`. Only `SafeHtml` is written unescaped.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;
use std::time::Duration;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::error::{AppError, FieldIssue};

/// How deeply block quotes, lists and HTML elements may nest in user Markdown. Rendering cost
/// grows with nesting (a tree of 20,000 levels took half a minute), so deeper text is refused
/// before it is rendered; real reports stay far below this.
pub const MAX_NESTING: usize = 16;

/// How long rendering one text may take on the blocking pool before it is given up.
pub const RENDER_BUDGET: Duration = Duration::from_secs(5);

/// The only same-origin paths an image in user content may load from: Noden's own files.
/// Any other address (a sign-in route, say) would make every reader's browser call it.
pub const IMAGE_PATH_PREFIX: &str = "/filer/";

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
        .id_prefix(Some("md-"))
        // Wide tables scroll sideways on a phone; focusable, they scroll with the keyboard too.
        .set_tag_attribute_value("table", "tabindex", "0")
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && !loadable_image(value) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    builder
});

/// Whether an image address in user content may stay. The Content-Security-Policy lets a page
/// load images from this origin only, so an image either points at Noden's own files or it
/// would, at best, not load and, at worst, make every reader's browser call a route with side
/// effects. Addresses are judged as a browser would resolve them against this origin.
fn loadable_image(src: &str) -> bool {
    let Ok(base) = url::Url::parse("http://noden.invalid/") else {
        return false;
    };
    match base.join(src.trim()) {
        Ok(url) => {
            url.host_str() == Some("noden.invalid")
                && url.path().starts_with(IMAGE_PATH_PREFIX)
                && !url.path().contains("/../")
        }
        Err(_) => false,
    }
}

/// How deeply containers nest in `markdown`: block quotes and list items opened on one line
/// (`> - > - x`), list items opened by indentation, and raw HTML elements left open. Lines
/// inside fenced code blocks do not count. Linear in the length of the text.
pub fn nesting_depth(markdown: &str) -> usize {
    let mut deepest = 0;
    let mut fence: Option<(char, usize)> = None;
    let mut html_open: usize = 0;
    for line in markdown.lines() {
        let (markers, rest) = container_markers(line);
        let body = rest.trim_start();
        if let Some((ch, len)) = fence {
            let run = body.chars().take_while(|&c| c == ch).count();
            if run >= len && body.chars().skip(run).all(char::is_whitespace) {
                fence = None;
            }
            continue;
        }
        let ch = body.chars().next().unwrap_or(' ');
        if ch == '`' || ch == '~' {
            let run = body.chars().take_while(|&c| c == ch).count();
            if run >= 3 {
                fence = Some((ch, run));
            }
        }
        html_open = html_depth_after(body, html_open, &mut deepest);
        deepest = deepest.max(markers);
    }
    deepest.max(html_open)
}

/// The number of containers a line opens before its text (the line's indentation counts a
/// level for every two columns once a marker follows), and the text after them.
fn container_markers(line: &str) -> (usize, &str) {
    let mut markers = 0;
    let mut rest = line.trim_start_matches([' ', '\t']);
    let columns: usize = line[..line.len() - rest.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        let after = if let Some(after) = rest.strip_prefix('>') {
            after
        } else if let Some(after) = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|a| a.is_empty() || a.starts_with([' ', '\t']))
        {
            after
        } else {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(after)
                    if (1..=9).contains(&digits)
                        && (after.is_empty() || after.starts_with([' ', '\t'])) =>
                {
                    after
                }
                _ => break,
            }
        };
        markers += 1;
        rest = after;
    }
    if markers == 0 {
        return (0, rest);
    }
    (markers + columns / 2, rest)
}

/// HTML elements this line leaves open, counted over the text: `<x` opens, `</x` closes; void
/// elements and `/>` open nothing. Keeps the deepest level seen in `deepest`.
fn html_depth_after(text: &str, mut open: usize, deepest: &mut usize) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name_part = rest.trim_start_matches('/');
        let name: String = name_part
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        // Only what Markdown takes for a tag: the name, then attributes up to `>` on this line.
        let Some(attrs) = name_part[name.len()..].split_once('>').map(|(a, _)| a) else {
            continue;
        };
        if attrs.contains('<') || !(attrs.is_empty() || attrs.starts_with([' ', '\t', '/'])) {
            continue;
        }
        if closing {
            open = open.saturating_sub(1);
            continue;
        }
        let self_closing = attrs.trim_end().ends_with('/');
        if !VOID.contains(&name.as_str()) && !self_closing {
            open += 1;
            *deepest = (*deepest).max(open);
        }
    }
    open
}

/// The refusal for text nested deeper than [`MAX_NESTING`], or none.
pub fn nesting_problem(markdown: &str) -> Option<String> {
    use crate::web::i18n::{lang, text_with};
    let depth = nesting_depth(markdown);
    (depth > MAX_NESTING).then(|| {
        text_with(
            lang(),
            "markdown-error-nesting",
            &[
                ("depth", depth.to_string().into()),
                ("max", MAX_NESTING.to_string().into()),
            ],
        )
    })
}

/// Adds an issue for each Markdown field nested too deeply to render.
pub fn check_fields(fields: &[(&str, &str)], issues: &mut Vec<FieldIssue>) {
    for (field, text) in fields {
        if let Some(message) = nesting_problem(text) {
            issues.push(FieldIssue::new(*field, message));
        }
    }
}

/// Renders the Markdown of `field` off the request workers, on the blocking pool, within
/// [`RENDER_BUDGET`]. Text nested too deeply, or too costly to render in time, is refused
/// as an invalid `field`. Even the nesting check runs off the workers: on text built to be
/// costly it is the larger part of the work.
pub async fn render_field(field: &str, markdown: String) -> Result<SafeHtml, AppError> {
    render_off_workers(field, markdown, |_| None).await
}

/// [`render_field`] for text nothing has checked yet (the preview): the personal identity
/// number guard runs first, on the blocking pool as well.
pub async fn render_unchecked_field(field: &str, markdown: String) -> Result<SafeHtml, AppError> {
    render_off_workers(field, markdown, |text| {
        crate::privacy::find_personal_identity_number(text).map(|f| crate::privacy::refusal(&f))
    })
    .await
}

async fn render_off_workers(
    field: &str,
    markdown: String,
    refuse: fn(&str) -> Option<String>,
) -> Result<SafeHtml, AppError> {
    let job = tokio::task::spawn_blocking(move || {
        match refuse(&markdown).or_else(|| nesting_problem(&markdown)) {
            Some(refusal) => Err(refusal),
            None => Ok(render(&markdown)),
        }
    });
    match tokio::time::timeout(RENDER_BUDGET, job).await {
        Ok(Ok(Ok(html))) => Ok(html),
        Ok(Ok(Err(refusal))) => Err(AppError::invalid(field, &refusal)),
        Ok(Err(e)) => Err(AppError::internal_from("Markdown rendering", e)),
        Err(_) => {
            tracing::warn!(field, "Markdown rendering exceeded its time budget");
            Err(AppError::invalid(field, "markdown-error-render-timeout"))
        }
    }
}

/// Renders Markdown to sanitised HTML: no script, style, iframe, svg or math, no event
/// handlers, and only http, https and mailto links.
pub fn render(markdown: &str) -> SafeHtml {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    SafeHtml(images_described(&SANITIZER.clean(&html).to_string()))
}

/// The sanitiser's output with every image either described or gone: an image whose address
/// was dropped shows nothing and is removed; one without `alt` gets an empty one (decorative),
/// so no image reaches a reader's screen reader as a bare file name. Reads the sanitiser's own
/// serialisation, where every attribute value is double-quoted.
fn images_described(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        let (element, after) = tag.split_at(end);
        let has = |name: &str| {
            let mut quoted = false;
            element.char_indices().any(|(i, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == ' ' && element[i + 1..].starts_with(name)
            })
        };
        if has("src=\"") {
            if has("alt=\"") {
                out.push_str(element);
            } else {
                out.push_str(element.trim_end_matches('>'));
                out.push_str(" alt=\"\">");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
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

/// Plain `text` written into Markdown so it reads as written: every ASCII punctuation mark
/// escaped (CommonMark lets a backslash escape any of them), so nothing in it is taken as
/// markup. Line breaks are kept as they are.
pub fn escape_text(text: &str) -> String {
    let mut markdown = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            markdown.push('\\');
        }
        markdown.push(c);
    }
    markdown
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
    fn escaped_text_renders_as_written() {
        let written = "Larm & Co *AB* [a](javascript:x) <b>1.</b> # ~~ `x` \\";
        let html = render(&format!("- {}", escape_text(written))).into_string();
        assert_eq!(
            html,
            "<ul>\n<li>Larm &amp; Co *AB* [a](javascript:x) &lt;b&gt;1.&lt;/b&gt; # ~~ `x` \\</li>\n</ul>\n"
        );
    }

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
        assert!(html.contains("<table tabindex=\"0\">"), "{html}");
        assert!(html.contains("<li>punkt</li>"), "{html}");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn nesting_is_measured_before_rendering() {
        assert_eq!(nesting_depth("Vanlig text.\n\n- en\n- två"), 1);
        assert_eq!(nesting_depth("> > > citat"), 3);
        assert_eq!(nesting_depth(">>> citat"), 3);
        assert_eq!(nesting_depth("- a\n  - b\n    - c"), 3);
        assert_eq!(nesting_depth("1. a\n   2) b"), 2);
        assert_eq!(nesting_depth("<div><div><p>x</p></div></div>"), 3);
        assert_eq!(nesting_depth("a<b och c<d, 3 < 4, <br> <img src=x>"), 0);
        assert_eq!(nesting_depth("---\n***\n-- inte en lista"), 0);
        let fenced = format!("```\n{}x\n```\nefter", " ".repeat(80));
        assert_eq!(nesting_depth(&fenced), 0);
        let attack = format!("{}x", ">- ".repeat(21_000));
        assert!(nesting_depth(&attack) > MAX_NESTING);
        assert!(nesting_problem(&attack).is_some_and(|m| m.contains("högst 16")));
        let deep_html = "<blockquote>".repeat(MAX_NESTING + 1);
        assert!(nesting_problem(&deep_html).is_some());
        let just_fits = format!("{}x", "> ".repeat(MAX_NESTING));
        assert_eq!(nesting_problem(&just_fits), None);
        let mut issues = Vec::new();
        check_fields(&[("body", &attack), ("summary", "ok")], &mut issues);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "body");
    }

    #[test]
    fn images_load_only_from_nodens_own_files() {
        let described = render(
            "<img src=\"/filer/a.png\"> ![kartan](/filer/b.png) <img alt=\"x>y\" src=\"/filer/c.png\">",
        );
        assert_eq!(
            described.as_str().matches("alt=\"\"").count(),
            1,
            "{described}"
        );
        assert!(described.as_str().contains("alt=\"kartan\""), "{described}");
        assert!(described.as_str().contains("c.png"), "{described}");
        let table = render("| a |\n|---|\n| 1 |");
        assert!(table.as_str().contains("<table tabindex=\"0\">"), "{table}");
        for (source, kept) in [
            ("![karta](/filer/karta.png)", true),
            ("![x](/logga-in/oidc/flens-kommun)", false),
            ("<img src=\"/logga-in/oidc/flens-kommun\" alt=\"x\">", false),
            ("<img src=\"logga-ut\" alt=\"x\">", false),
            ("<img src=\"//evil.example/filer/x.png\" alt=\"x\">", false),
            ("<img src=\"/filer/../logga-in/oidc/x\" alt=\"x\">", false),
            (
                "<img src=\"http://127.0.0.1:8080/logga-in/oidc/x\" alt=\"x\">",
                false,
            ),
        ] {
            let html = render(source);
            assert_eq!(html.as_str().contains("src="), kept, "{source} → {html}");
            // An image that cannot load is gone, not left as an empty box.
            assert_eq!(html.as_str().contains("<img"), kept, "{html}");
        }
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
