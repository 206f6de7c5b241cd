//! Highlighted titles and snippets, HTML-escaped except for `<mark>` tags.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Score, Searcher, Term};

use crate::analysis::{self, MAX_TOKEN_LEN};
use crate::schema::Fields;

/// Target snippet length (bytes of the original text, as tantivy counts).
const SNIPPET_CHARS: usize = 200;
/// Titles longer than this are highlighted within their best fragment only.
const TITLE_CHARS: usize = 1_000;
/// Texts up to this length are handed to tantivy's snippet generator whole;
/// in longer ones a window of this size around the best candidate is. The
/// snippet is [`SNIPPET_CHARS`] from at most [`CONTEXT`] before the best
/// candidate, so this leaves the generator room to choose, while every byte
/// more is analyzed for every hit shown.
const WINDOW: usize = 400;
/// Context kept before the first matched word of a window.
const CONTEXT: usize = 60;
/// Only the beginning of long texts is scanned for a snippet, to keep the
/// per-hit cost bounded.
const SCAN_LIMIT: usize = 64 * 1024;
/// At most this many candidate words are considered per text.
const MAX_CANDIDATES: usize = 64;
/// At most this many candidate windows are tried per text.
const MAX_WINDOWS: usize = 3;

const MARK_OPEN: &str = "<mark>";
const MARK_CLOSE: &str = "</mark>";
const ELLIPSIS: &str = "…";

/// Snippet generators for one query, created once and used for every hit of
/// the page.
///
/// Only the diacritic-folded twin fields are used: their analyzer stems
/// exactly like the plain one before folding (and users cannot target a
/// field), so they highlight a superset of the plain fields' matches,
/// including "läkemedel" for the query "lakemedel". Trying the plain field
/// first would only cost another pass over the text.
pub(crate) struct Highlighter {
    title: FieldHighlighter,
    body: FieldHighlighter,
    summary: FieldHighlighter,
}

impl Highlighter {
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> tantivy::Result<Self> {
        let title = FieldTerms::of(searcher, query, fields.title_fold)?;
        let body = FieldTerms::of(searcher, query, fields.body_fold)?;
        let summary = FieldTerms::of(searcher, query, fields.summary_fold)?;
        // One gate for the three fields (it may let through words that can only match
        // another field's terms; the snippet is the same).
        let all: BTreeSet<&String> = [&title, &body, &summary]
            .iter()
            .flat_map(|terms| terms.weights.keys())
            .collect();
        let gate = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .prefilter(false)
            .ascii_case_insensitive(true)
            .build(all)
            .map(Arc::new)
            .inspect_err(|error| tracing::warn!(%error, "snippets analyse every word"))
            .ok();
        let highlighter = |field, terms, max_chars| {
            FieldHighlighter::new(searcher, field, terms, gate.clone(), max_chars)
        };
        Ok(Highlighter {
            title: highlighter(fields.title_fold, title, TITLE_CHARS)?,
            body: highlighter(fields.body_fold, body, SNIPPET_CHARS)?,
            summary: highlighter(fields.summary_fold, summary, SNIPPET_CHARS)?,
        })
    }

    /// The whole title, with the matched words marked.
    pub(crate) fn title_html(&self, title: &str) -> String {
        let snippet = self.title.generator.snippet(title);
        let start = snippet.fragment_range().start;
        let marks: Vec<Range<usize>> = snippet
            .highlighted()
            .iter()
            .map(|range| range.start + start..range.end + start)
            .collect();
        render(title, &marks)
    }

    /// The best fragment of the body, else of the summary, with matched
    /// words marked; else the beginning of the summary (or body).
    pub(crate) fn snippet_html(&self, body: &str, summary: &str) -> String {
        for (field, text) in [(&self.body, body), (&self.summary, summary)] {
            if let Some(html) = field.snippet_html(text) {
                return html;
            }
        }
        lead_html(body, summary)
    }
}

/// A snippet generator for one field, plus the field's query terms used to
/// find the part of a long text worth handing to the generator (which
/// analyzes every word it is given, too slow for whole long documents).
struct FieldHighlighter {
    generator: SnippetGenerator,
    /// Analyzed query terms (lowercased, stemmed, folded).
    terms: Vec<String>,
}

/// A query's terms in one field.
struct FieldTerms {
    /// Every term, in the query's order.
    all: Vec<String>,
    /// What tantivy's `SnippetGenerator::create` weighs each term the field holds by (a rarer
    /// term makes a better fragment).
    weights: BTreeMap<String, Score>,
}

impl FieldTerms {
    fn of(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Self> {
        let mut all: Vec<String> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field
                && let Some(text) = term.value().as_str()
                && !all.iter().any(|known| known == text)
            {
                all.push(text.to_owned());
            }
        });
        let mut weights = BTreeMap::new();
        for text in &all {
            let doc_freq = searcher.doc_freq(&Term::from_field_text(field, text))?;
            if doc_freq > 0 {
                weights.insert(text.clone(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        Ok(FieldTerms { all, weights })
    }
}

impl FieldHighlighter {
    fn new(
        searcher: &Searcher,
        field: Field,
        terms: FieldTerms,
        gate: Option<Arc<AhoCorasick>>,
        max_chars: usize,
    ) -> tantivy::Result<Self> {
        let analyzer = searcher.index().tokenizer_for_field(field)?;
        let analyzer = match gate {
            Some(gate) => TextAnalyzer::from(Gated {
                words: SimpleTokenizer::default(),
                analyzer,
                fold: analysis::fold_only(),
                gate,
            }),
            None => analyzer,
        };
        Ok(FieldHighlighter {
            generator: SnippetGenerator::new(terms.weights, analyzer, field, max_chars),
            terms: terms.all,
        })
    }

    /// The best fragment of `text` with the matched words marked, or `None`
    /// when nothing in it matches.
    fn snippet_html(&self, text: &str) -> Option<String> {
        if self.terms.is_empty() || text.is_empty() {
            return None;
        }
        if text.len() <= WINDOW {
            let snippet = self.generator.snippet(text);
            return (!snippet.is_empty()).then(|| render_snippet(text, 0, &snippet));
        }
        let text = prefix(text, SCAN_LIMIT);
        let candidates = candidate_words(text, &self.terms);
        for start in best_windows(&candidates).into_iter().take(MAX_WINDOWS) {
            let start = window_start(text, start);
            let end = text.floor_char_boundary(start + WINDOW);
            let snippet = self.generator.snippet(&text[start..end]);
            if !snippet.is_empty() {
                return Some(render_snippet(text, start, &snippet));
            }
        }
        None
    }
}

/// A field's analyzer for the snippet generator, run only on the words that may yield one of
/// the query's terms: the others become a token that matches nothing, with the word's offsets,
/// so the fragments are cut where the whole analyzer would cut them and the snippet is the
/// same, while most words of a text skip stemming and compound splitting (which took most of
/// a snippet's time in a profile).
///
/// Every token the analyzer makes of a word (the word stemmed, its compound parts stemmed,
/// folded to ASCII) is a prefix of the lowercased, folded word or of a part of it, so a query
/// term it makes occurs in that word, lowercased and folded. `gate` finds the terms, ignoring
/// ASCII case, in words that are all ASCII (which folding leaves as they are) and in the other
/// words once `fold` has lowercased and folded them (as the analyzer does, a letter at a time:
/// "sällskapsrobot" → "sallskapsrobot"), which is much cheaper than stemming and splitting
/// them; a word too long to be kept goes through the analyzer.
#[derive(Clone)]
struct Gated {
    words: SimpleTokenizer,
    analyzer: TextAnalyzer,
    fold: TextAnalyzer,
    gate: Arc<AhoCorasick>,
}

impl Tokenizer for Gated {
    type TokenStream<'a> = GatedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GatedStream<'a> {
        GatedStream {
            words: self.words.token_stream(text),
            analyzer: &mut self.analyzer,
            fold: &mut self.fold,
            gate: &self.gate,
            text,
            pending: Vec::new(),
            current: Token::default(),
        }
    }
}

struct GatedStream<'a> {
    words: <SimpleTokenizer as Tokenizer>::TokenStream<'a>,
    analyzer: &'a mut TextAnalyzer,
    fold: &'a mut TextAnalyzer,
    gate: &'a AhoCorasick,
    text: &'a str,
    /// The analyzer's tokens of the current word still to emit, last first.
    pending: Vec<Token>,
    current: Token,
}

impl TokenStream for GatedStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(token) = self.pending.pop() {
                self.current = token;
                return true;
            }
            if !self.words.advance() {
                return false;
            }
            let word = self.words.token();
            let skipped =
                word.text.len() < MAX_TOKEN_LEN && !may_make_term(self.gate, self.fold, &word.text);
            if skipped {
                self.current.text.clear();
                self.current.offset_from = word.offset_from;
                self.current.offset_to = word.offset_to;
                self.current.position = word.position;
                return true;
            }
            let (from, to, position) = (word.offset_from, word.offset_to, word.position);
            let mut stream = self.analyzer.token_stream(&self.text[from..to]);
            while stream.advance() {
                let token = stream.token();
                self.pending.push(Token {
                    offset_from: from + token.offset_from,
                    offset_to: from + token.offset_to,
                    position,
                    text: token.text.clone(),
                    position_length: token.position_length,
                });
            }
            self.pending.reverse();
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// Whether a `word` shorter than [`MAX_TOKEN_LEN`] holds one of the `gate`'s terms once
/// lowercased and folded as the analyzer folds it (`fold`): a word of ASCII letters and the
/// Swedish ones is folded here, without the analyzer's allocations.
fn may_make_term(gate: &AhoCorasick, fold: &mut TextAnalyzer, word: &str) -> bool {
    if word.is_ascii() {
        return gate.is_match(word);
    }
    let mut folded = [0; MAX_TOKEN_LEN];
    if let Some(folded) = fold_swedish(word, &mut folded) {
        return gate.is_match(folded);
    }
    let mut stream = fold.token_stream(word);
    stream.advance() && gate.is_match(stream.token().text.as_str())
}

/// `word` folded as [`analysis::fold_only`] folds it, but for the case of ASCII letters, when
/// every letter is ASCII or one of å, ä, ö, é, ü (either case); `None` for another letter, or
/// a word longer than `buffer`.
fn fold_swedish<'b>(word: &str, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in word.chars() {
        let byte = match c {
            'å' | 'ä' | 'Å' | 'Ä' => b'a',
            'ö' | 'Ö' => b'o',
            'é' | 'É' => b'e',
            'ü' | 'Ü' => b'u',
            c if c.is_ascii() => c as u8,
            _ => return None,
        };
        *buffer.get_mut(len)? = byte;
        len += 1;
    }
    buffer.get(..len)
}

/// Words of `text` that may match a query term, as (byte offset, term
/// index). Stemming only removes endings, so an analyzed term is a prefix
/// of the (lowercased, folded) word it matches; non-ASCII letters are
/// accepted as any letter since folding is not modelled here. The snippet
/// generator then decides on the real matches.
fn candidate_words(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    // The ASCII letters a term may start with: most words start with none of them and are
    // passed over without comparing them to every term (a typo-tolerant word has dozens).
    let mut starts = [false; 128];
    let mut any_start = false;
    for term in terms {
        match term.bytes().next() {
            Some(byte) if byte.is_ascii() => {
                if let Some(flag) = starts.get_mut(usize::from(byte)) {
                    *flag = true;
                }
            }
            _ => any_start = true,
        }
    }
    let mut candidates = Vec::new();
    let bytes = text.as_bytes();
    let mut offset = 0;
    while offset < bytes.len() {
        // The next word: a run of letters and digits (a byte at a time while they are ASCII,
        // which most of a Swedish text is).
        let start = offset;
        while offset < bytes.len() {
            let byte = bytes[offset];
            if byte.is_ascii_alphanumeric() {
                offset += 1;
            } else if byte.is_ascii() {
                break;
            } else {
                let c = text[offset..].chars().next().unwrap_or(' ');
                if !is_letter_or_digit(c) {
                    break;
                }
                offset += c.len_utf8();
            }
        }
        if offset == start {
            // Not a letter or digit: passed over.
            offset += text[offset..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[start..offset];
        // A word starting with a letter outside ASCII may match any term (folding is not
        // modelled here).
        let may_match = any_start
            || word.bytes().next().is_none_or(|first| {
                !first.is_ascii()
                    || starts
                        .get(usize::from(first.to_ascii_lowercase()))
                        .copied()
                        .unwrap_or(false)
            });
        if !may_match {
            continue;
        }
        if let Some(term) = terms.iter().position(|term| is_prefix_of(term, word)) {
            candidates.push((start, term));
            if candidates.len() >= MAX_CANDIDATES {
                break;
            }
        }
    }
    candidates
}

/// `char::is_alphanumeric`, answered at once for the Latin-1 letters (å, ä, ö, é …), which the
/// standard library looks up in its tables.
fn is_letter_or_digit(c: char) -> bool {
    matches!(c, 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ') || c.is_alphanumeric()
}

fn is_prefix_of(term: &str, word: &str) -> bool {
    // An ASCII term against ASCII letters: compared as bytes.
    if let Some(start) = word.as_bytes().get(..term.len())
        && start.is_ascii()
        && term.is_ascii()
    {
        return start.eq_ignore_ascii_case(term.as_bytes());
    }
    let mut term = term.chars();
    for c in word.chars() {
        let Some(expected) = term.next() else {
            return true;
        };
        if c.is_ascii() && c.to_ascii_lowercase() != expected {
            return false;
        }
    }
    term.next().is_none()
}

/// Candidate offsets ordered by how many distinct terms occur within a
/// snippet's length after them (best first, earlier first on ties).
fn best_windows(candidates: &[(usize, usize)]) -> Vec<usize> {
    let mut scored: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, &(start, _))| {
            let mut seen: Vec<usize> = candidates[i..]
                .iter()
                .take_while(|&&(offset, _)| offset < start + SNIPPET_CHARS)
                .map(|&(_, term)| term)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            (seen.len(), start)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, start)| start).collect()
}

/// Where to start a window showing the word at `word`: a little earlier, at
/// a word start, for context.
fn window_start(text: &str, word: usize) -> usize {
    let from = text.floor_char_boundary(word.saturating_sub(CONTEXT));
    text.get(from..word)
        .and_then(|before| {
            before
                .char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map(|(i, c)| from + i + c.len_utf8())
        })
        .unwrap_or(word)
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

/// Renders `snippet`, generated from `text[offset..]`, widened over the
/// punctuation around it, with ellipses where `text` goes on.
fn render_snippet(text: &str, offset: usize, snippet: &Snippet) -> String {
    let relative = snippet.fragment_range();
    let fragment = relative.start + offset..relative.end + offset;
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

    /// The gated analyzer gives the snippets tantivy's generator gives with the field's whole
    /// analyzer, for texts of compounds, inflections, diacritics, capitals, digits and words
    /// too long to index, and queries with typos, compounds and phrases.
    #[test]
    fn gated_snippets_are_the_whole_analyzers() {
        let words = [
            "trygghetslarm",
            "Trygghetslarmet",
            "larmcentralen",
            "LARM",
            "larmen",
            "Läkemedelsautomater",
            "läkemedel",
            "lakemedelsautomat",
            "nattkameror",
            "Nattillsynskamera",
            "kamera",
            "kameran",
            "sängsensorer",
            "sensor",
            "Åsele",
            "åsele",
            "ÅSELE",
            "café",
            "æble",
            "straße",
            "robotar",
            "sällskapsrobot",
            "123abc",
            "2024",
            "och",
            "i",
            "på",
            "hemtjänsten",
            "videosamtal",
            "samtal",
            "x-ray",
            "gps-larm",
            "GPS",
            "e-tjänst",
            "brukare",
            "personalen",
            "nattlig",
            "automaternas",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
            "lakemedelsautomatlakemedelsautomatlakemed",
            "Ölandsbron",
            "övervakning",
            "Sängsensorn",
            "anhöriga",
            "Anhörigstöd",
            "fjärrtillsyn",
            "ΣΟΦΙΑΣ",
            "İstanbul",
            "ﬁlter",
            "Øresund",
            "—",
            "(1)",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap()
        };
        let texts: Vec<String> = (0..300)
            .map(|_| {
                let len = 1 + next(120);
                (0..len)
                    .map(|_| words[next(words.len())])
                    .collect::<Vec<_>>()
                    .join([" ", ", ", ". ", "\n", " – "][next(5)])
            })
            .collect();
        let index = crate::SearchIndex::create_in_ram().unwrap();
        let docs = texts.iter().enumerate().map(|(i, text)| {
            let title: String = text.chars().take(80).collect();
            crate::Change::Upsert(crate::tests::doc(&format!("d{i}"), &title, text))
        });
        index.apply(docs.collect(), 1).unwrap();
        let searcher = index.reader.searcher();
        let mut compared = 0;
        for typed in [
            "trygghetslarm",
            "läkemedelsautomat kamrea",
            "asele sallskapsrobot",
            "\"gps larm\" sensorer",
            "nattkamera -café",
            "ROBOT 2024 abc",
            "anhörigstöd sängsensorn fjarrtillsyn",
            "istanbul filter öresund σοφιας",
        ] {
            let (query, _) = index.parse_text(&searcher, typed, None);
            let query = query.unwrap();
            let highlighter = Highlighter::new(&searcher, query.as_ref(), &index.fields).unwrap();
            for (field, max_chars, gated) in [
                (index.fields.body_fold, SNIPPET_CHARS, &highlighter.body),
                (index.fields.title_fold, TITLE_CHARS, &highlighter.title),
                (
                    index.fields.summary_fold,
                    SNIPPET_CHARS,
                    &highlighter.summary,
                ),
            ] {
                let gated = &gated.generator;
                let mut whole = SnippetGenerator::create(&searcher, query.as_ref(), field).unwrap();
                whole.set_max_num_chars(max_chars);
                for text in &texts {
                    let (a, b) = (gated.snippet(text), whole.snippet(text));
                    assert_eq!(
                        (a.fragment_range(), a.highlighted()),
                        (b.fragment_range(), b.highlighted()),
                        "{typed} in {text}"
                    );
                    compared += usize::from(!b.is_empty());
                }
            }
        }
        assert!(compared > 1_000, "only {compared} snippets held a match");
    }

    #[test]
    fn swedish_letters_fold_as_the_analyzer_folds_them() {
        let mut fold = analysis::fold_only();
        for word in [
            "åäöéü",
            "ÅÄÖÉÜ",
            "Sällskapsrobot",
            "ÖVERVAKNING",
            "Café",
            "müsli",
            "hemtjänst2024",
        ] {
            let mut buffer = [0; MAX_TOKEN_LEN];
            let folded = fold_swedish(word, &mut buffer).map(<[u8]>::to_ascii_lowercase);
            let analyzed = crate::terms::single_token(&mut fold, word).map(String::into_bytes);
            assert_eq!(folded, analyzed, "{word}");
        }
        let mut buffer = [0; MAX_TOKEN_LEN];
        assert_eq!(fold_swedish("straße", &mut buffer), None);
        assert_eq!(fold_swedish("Øresund", &mut buffer), None);
        assert_eq!(fold_swedish(&"ä".repeat(41), &mut buffer), None);
    }

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
    fn candidates_are_prefix_matches_ignoring_diacritics() {
        assert!(is_prefix_of("lakemedel", "Läkemedelsautomaten"));
        assert!(is_prefix_of("upphandling", "upphandlingar"));
        assert!(!is_prefix_of("upphandling", "upphandla"));
        assert!(!is_prefix_of("larm", "trygghetslarm"));
        let text = "Om larm. Trygghetslarm och LARMEN, läkemedel";
        let terms = ["larm".to_owned(), "lakemedel".to_owned()];
        assert_eq!(candidate_words(text, &terms), [(3, 0), (27, 0), (35, 1)]);
        // Words end at any character that is neither a letter nor a digit, ASCII or not.
        let text = "2×larm—Läkemedel·larm ÅLARM larm2 xlarm";
        let terms = [
            "larm".to_owned(),
            "lakemedel".to_owned(),
            "alarm".to_owned(),
        ];
        let offsets = |word: &str| text.match_indices(word).next().unwrap().0;
        assert_eq!(
            candidate_words(text, &terms),
            [
                (offsets("larm—"), 0),
                (offsets("Läk"), 1),
                (offsets("larm "), 0),
                (offsets("ÅLARM"), 2),
                (offsets("larm2"), 0),
            ]
        );
    }

    #[test]
    fn best_window_has_most_distinct_terms() {
        let far = SNIPPET_CHARS * 10;
        let candidates = [(0, 0), (far, 0), (far + 10, 1), (far * 2, 1)];
        assert_eq!(best_windows(&candidates)[0], far);
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
