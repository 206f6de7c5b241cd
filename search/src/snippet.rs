//! Highlighted titles and snippets, HTML-escaped except for `<mark>` tags.

use std::ops::Range;

use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::snippet::{Snippet, SnippetGenerator};

use crate::schema::Fields;

/// Target snippet length (bytes of the original text, as tantivy counts).
const SNIPPET_CHARS: usize = 200;
/// Titles longer than this are highlighted within their best fragment only.
const TITLE_CHARS: usize = 1_000;
/// Only the beginning of long texts is scanned for a snippet, to keep the
/// per-hit cost bounded.
const SCAN_LIMIT: usize = 64 * 1024;

const MARK_OPEN: &str = "<mark>";
const MARK_CLOSE: &str = "</mark>";
const ELLIPSIS: &str = "…";

/// Snippet generators for one query, created once and used for every hit of
/// the page.
pub(crate) struct Highlighter {
    title: Vec<SnippetGenerator>,
    body: Vec<SnippetGenerator>,
    summary: Vec<SnippetGenerator>,
}

impl Highlighter {
    /// The folded twins come first: the folding analyzer stems exactly like
    /// the plain one before folding, so it highlights a superset of the
    /// plain field's matches (including "lakemedel" in "läkemedel").
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> tantivy::Result<Self> {
        let generator = |field, max_chars| -> tantivy::Result<SnippetGenerator> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(max_chars);
            Ok(generator)
        };
        Ok(Highlighter {
            title: vec![
                generator(fields.title_fold, TITLE_CHARS)?,
                generator(fields.title, TITLE_CHARS)?,
            ],
            body: vec![
                generator(fields.body_fold, SNIPPET_CHARS)?,
                generator(fields.body, SNIPPET_CHARS)?,
            ],
            summary: vec![
                generator(fields.summary_fold, SNIPPET_CHARS)?,
                generator(fields.summary, SNIPPET_CHARS)?,
            ],
        })
    }

    /// The whole title, with the words matched in any title field marked.
    pub(crate) fn title_html(&self, title: &str) -> String {
        let mut marks = Vec::new();
        for generator in &self.title {
            let snippet = generator.snippet(title);
            let start = snippet.fragment_range().start;
            marks.extend(
                snippet
                    .highlighted()
                    .iter()
                    .map(|range| range.start + start..range.end + start),
            );
        }
        render(title, &marks)
    }

    /// The best fragment of the body, else of the summary, with matched
    /// words marked; else the beginning of the summary (or body).
    pub(crate) fn snippet_html(&self, body: &str, summary: &str) -> String {
        let body = prefix(body, SCAN_LIMIT);
        let summary = prefix(summary, SCAN_LIMIT);
        let candidates = self
            .body
            .iter()
            .map(|generator| (generator, body))
            .chain(self.summary.iter().map(|generator| (generator, summary)));
        for (generator, text) in candidates {
            let snippet = generator.snippet(text);
            if !snippet.is_empty() {
                return render_snippet(text, &snippet);
            }
        }
        lead_html(body, summary)
    }
}

/// The first ~200 characters of the summary (or of the body when the
/// summary is blank), HTML-escaped.
pub(crate) fn lead_html(body: &str, summary: &str) -> String {
    let text = if summary.trim().is_empty() {
        body
    } else {
        summary
    };
    let text = text.trim();
    let mut end = text
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(index, _)| index);
    if end < text.len() {
        // Cut at a word boundary when there is one reasonably close.
        if let Some(space) = text[..end].rfind(char::is_whitespace)
            && space > end / 2
        {
            end = space;
        }
        let mut html = escape(text[..end].trim_end());
        html.push_str(ELLIPSIS);
        html
    } else {
        escape(text)
    }
}

fn render_snippet(text: &str, snippet: &Snippet) -> String {
    let fragment = snippet.fragment_range();
    let (start, end) = if text.len() <= SNIPPET_CHARS {
        (0, text.len())
    } else {
        widen(text, fragment.clone())
    };
    let (Some(before), Some(window), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return escape(snippet.fragment());
    };
    let shift = fragment.start.saturating_sub(start);
    let marks: Vec<Range<usize>> = snippet
        .highlighted()
        .iter()
        .map(|range| range.start + shift..range.end + shift)
        .collect();

    let mut html = String::with_capacity(window.len() + 32);
    if has_words(before) {
        html.push_str(ELLIPSIS);
    }
    html.push_str(&render(window, &marks));
    if has_words(after) {
        html.push_str(ELLIPSIS);
    }
    html
}

/// Widens a fragment (which starts and ends on a word) over the punctuation
/// stuck to it, so quotes, brackets and full stops are not cut off.
fn widen(text: &str, fragment: Range<usize>) -> (usize, usize) {
    let is_punctuation = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
    let (Some(before), Some(after)) = (text.get(..fragment.start), text.get(fragment.end..)) else {
        return (fragment.start, fragment.end);
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_punctuation(c))
        .last()
        .map_or(fragment.start, |(i, _)| i);
    let end = fragment.end
        + after
            .chars()
            .take_while(|&c| is_punctuation(c))
            .map(char::len_utf8)
            .sum::<usize>();
    (start, end)
}

fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Escapes `text`, wrapping the byte ranges `marks` in `<mark>` tags.
/// Ranges may overlap or be unsorted; invalid ones are ignored.
pub(crate) fn render(text: &str, marks: &[Range<usize>]) -> String {
    let mut marks: Vec<Range<usize>> = marks
        .iter()
        .filter(|range| {
            range.start < range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
                && range.end <= text.len()
        })
        .cloned()
        .collect();
    marks.sort_by_key(|range| (range.start, range.end));

    let mut html = String::with_capacity(text.len() + marks.len() * 13);
    let mut done = 0;
    let mut marks = marks.into_iter().peekable();
    while let Some(mut mark) = marks.next() {
        while let Some(next) = marks.next_if(|next| next.start <= mark.end) {
            mark.end = mark.end.max(next.end);
        }
        let start = mark.start.max(done);
        if start >= mark.end {
            continue;
        }
        html.push_str(&escape(&text[done..start]));
        html.push_str(MARK_OPEN);
        html.push_str(&escape(&text[start..mark.end]));
        html.push_str(MARK_CLOSE);
        done = mark.end;
    }
    html.push_str(&escape(&text[done..]));
    html
}

/// Escapes the characters significant in HTML text and attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The longest prefix of `text` of at most `max` bytes ending on a char
/// boundary.
fn prefix(text: &str, max: usize) -> &str {
    &text[..text.floor_char_boundary(max)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_marks_and_escapes() {
        let text = "<b>läkemedel</b> & mer";
        let start = text.find("läkemedel").unwrap();
        let end = start + "läkemedel".len();
        assert_eq!(
            render(text, &[start..end, start..end]),
            "&lt;b&gt;<mark>läkemedel</mark>&lt;/b&gt; &amp; mer"
        );
    }

    #[test]
    fn render_ignores_invalid_ranges() {
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 2..1;
        assert_eq!(render("åäö", &[1..2, 5..9, reversed]), "åäö");
    }

    #[test]
    fn lead_cuts_long_text_at_a_word() {
        let text = "ord ".repeat(100);
        let lead = lead_html("", &text);
        assert!(lead.ends_with('…'));
        assert!(lead.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(lead_html("kort <text>", ""), "kort &lt;text&gt;");
    }
}
