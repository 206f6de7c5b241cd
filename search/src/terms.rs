//! Term-dictionary look-ups: typo (fuzzy) and prefix expansion of a word
//! into the indexed terms it may stand for.
//!
//! Both walk only the part of each segment's term dictionary that can match:
//! a Levenshtein automaton (fuzzy) or a key range (prefix) prunes the FST, so
//! the cost depends on the matching terms, not on the dictionary's size.

use std::collections::BTreeMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// At most this many terms are taken per field and word (fuzzy or prefix);
/// beyond that a word is too vague to be worth a bigger query.
pub(crate) const MAX_EXPANSIONS: usize = 64;

/// Prefix expansions gathered before keeping the [`MAX_EXPANSIONS`] most
/// frequent (bounds the work for one- or two-letter prefixes).
const MAX_PREFIX_SCAN: usize = 2_000;

/// The typo distance allowed for a typed `word` whose analyzed (stemmed,
/// folded) form is `stem`: none up to 4 characters, 1 edit for 5–8, 2 edits
/// from 9. The stem's own length caps it too (1 edit needs a stem of at
/// least 4 characters, 2 edits one of at least 7), so heavily stemmed short
/// words do not match half the dictionary.
pub(crate) fn typo_distance(word: &str, stem: &str) -> u8 {
    let by_word = match word.chars().filter(|c| c.is_alphanumeric()).count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    let by_stem = match stem.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    by_word.min(by_stem)
}

/// The tokens `analyzer` makes of `text`.
pub(crate) fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |token| out.push(token.text.clone()));
    out
}

/// The analyzed form of `word` when it makes exactly one token.
pub(crate) fn single_token(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut tokens = analyze(analyzer, word);
    (tokens.len() == 1).then(|| tokens.pop()).flatten()
}

/// The smallest byte string greater than every string starting with
/// `prefix`; `None` when there is none (all bytes 0xFF).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// Terms of `fields` within `distance` edits of `stem` (a transposition
/// counts as one edit), sharing its first letter, with their document
/// frequencies summed over fields and segments (deleted documents
/// included). The first letter is pinned by restricting the automaton's
/// stream to the key range of terms starting with it.
pub(crate) fn fuzzy_terms(
    searcher: &Searcher,
    fields: &[Field],
    stem: &str,
    distance: u8,
) -> tantivy::Result<BTreeMap<String, u64>> {
    let mut found = BTreeMap::new();
    let (Some(first), Some(&field)) = (stem.chars().next(), fields.first()) else {
        return Ok(found);
    };
    let mut first_bytes = [0; 4];
    let start = first.encode_utf8(&mut first_bytes).as_bytes();
    let end = prefix_end(start);
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, stem), distance, true).automaton()?;
    for &field in fields {
        let mut taken = 0;
        for segment in searcher.segment_readers() {
            let inverted_index = segment.inverted_index(field)?;
            let mut builder = inverted_index.terms().search(&automaton).ge(start);
            if let Some(end) = &end {
                builder = builder.lt(end);
            }
            let mut stream = builder.into_stream()?;
            while taken < MAX_EXPANSIONS && stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    let doc_freq = u64::from(stream.value().doc_freq);
                    let entry = found.entry(term.to_owned()).or_insert(0);
                    if *entry == 0 {
                        taken += 1;
                    }
                    *entry += doc_freq;
                }
            }
        }
    }
    Ok(found)
}

/// Terms of `field` starting with `prefix`, the [`MAX_EXPANSIONS`] most
/// frequent (by document frequency summed over segments, deleted documents
/// included).
pub(crate) fn prefix_terms(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> tantivy::Result<Vec<String>> {
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    let end = prefix_end(prefix.as_bytes());
    for segment in searcher.segment_readers() {
        let inverted_index = segment.inverted_index(field)?;
        let mut builder = inverted_index.terms().range().ge(prefix);
        if let Some(end) = &end {
            builder = builder.lt(end);
        }
        let mut stream = builder.into_stream()?;
        let mut scanned = 0;
        while scanned < MAX_PREFIX_SCAN && stream.advance() {
            scanned += 1;
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                *found.entry(term.to_owned()).or_insert(0) += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut found: Vec<(String, u64)> = found.into_iter().collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(MAX_EXPANSIONS);
    Ok(found.into_iter().map(|(term, _)| term).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_distance_by_length() {
        assert_eq!(typo_distance("larm", "larm"), 0);
        assert_eq!(typo_distance("kamrea", "kamre"), 1);
        assert_eq!(typo_distance("kameror", "kamer"), 1);
        assert_eq!(typo_distance("lakemedelsatomat", "lakemedelsatom"), 2);
        // A long word with a short stem gets less.
        assert_eq!(typo_distance("hemmets", "hem"), 0);
    }

    #[test]
    fn prefix_end_increments_the_last_byte() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[b'a', 0xFF]), Some(b"b".to_vec()));
        assert_eq!(prefix_end(&[0xFF]), None);
    }
}
