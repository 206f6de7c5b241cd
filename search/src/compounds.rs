//! Splitting Swedish compound words into their parts, so "nattillsynskamera" is found by
//! "nattillsyn" and "kamera", and a search for "trygghetslarm" also finds texts that speak of
//! "trygghet" and "larm" separately.
//!
//! A word is split only when it can be read entirely as known parts: words from a vocabulary
//! of welfare-technology terms, optionally joined by the linking "s" (trygghet-s-larm), the
//! last one possibly inflected (kameror, larmet). Unknown words are left alone, so the cost of
//! a wrong split is bounded by the vocabulary.

use std::collections::HashSet;
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Parts of compounds: lower case, as written. Their ASCII-folded forms are added too.
/// Short, ambiguous stems stay out: "hem" would make "hemlig" (stemmed to "hem") find
/// every "hemtjänst".
const PARTS: &[&str] = &[
    "anhörig",
    "andning",
    "app",
    "arbete",
    "armband",
    "automat",
    "avstånd",
    "bädd",
    "besök",
    "bild",
    "blod",
    "boende",
    "brukare",
    "central",
    "dag",
    "demens",
    "digital",
    "dokumentation",
    "dörr",
    "dosett",
    "dryck",
    "dusch",
    "fall",
    "gps",
    "hälsa",
    "hantering",
    "hemsjukvård",
    "hemtjänst",
    "hjälp",
    "hjälpmedel",
    "insats",
    "journal",
    "kamera",
    "klocka",
    "knapp",
    "kommunikation",
    "kontakt",
    "kväll",
    "läkemedel",
    "larm",
    "lås",
    "lösning",
    "matta",
    "medel",
    "miljö",
    "mottagning",
    "natt",
    "nattillsyn",
    "nyckel",
    "olycka",
    "omsorg",
    "personal",
    "plan",
    "platta",
    "plattform",
    "position",
    "positionering",
    "process",
    "puls",
    "påminnelse",
    "risk",
    "robot",
    "rörelse",
    "rutin",
    "säng",
    "samtal",
    "sensor",
    "signering",
    "sjukdom",
    "sjukvård",
    "skärm",
    "sömn",
    "stöd",
    "sula",
    "surf",
    "system",
    "teknik",
    "telefon",
    "test",
    "tillsyn",
    "toalett",
    "trygghet",
    "tryck",
    "tjänst",
    "tvätt",
    "uppföljning",
    "upphandling",
    "vård",
    "våg",
    "välfärd",
    "video",
    "vikt",
    "äldre",
];

/// Endings the last part may carry (the stemmer removes them afterwards).
const ENDINGS: &[&str] = &[
    "arna", "erna", "orna", "ens", "ets", "ar", "er", "or", "en", "et", "na", "n", "s", "t", "a",
    "e",
];

/// Plural endings that replace a part's final "a" (kamera → kameror).
const PLURAL_OR: &[&str] = &["or", "orna", "ors", "ornas"];

/// Parts shorter than this are never split off.
const MIN_PART: usize = 3;
/// Words shorter than this are never split.
const MIN_WORD: usize = 7;

fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            other => other,
        })
        .collect()
}

static VOCABULARY: LazyLock<HashSet<String>> = LazyLock::new(|| {
    PARTS
        .iter()
        .flat_map(|p| [(*p).to_owned(), fold(p)])
        .collect()
});

/// The first three letters of every part: most words fail this check at once, which keeps
/// indexing fast.
static STARTS: LazyLock<HashSet<String>> =
    LazyLock::new(|| VOCABULARY.iter().map(|p| start_of(p).to_owned()).collect());

fn start_of(word: &str) -> &str {
    word.char_indices()
        .nth(MIN_PART)
        .map_or(word, |(i, _)| &word[..i])
}

/// The parts of `word` (lower case), or `None` when it is not a compound of known parts.
pub(crate) fn split(word: &str) -> Option<Vec<String>> {
    if word.len() < MIN_WORD || !STARTS.contains(start_of(word)) {
        return None;
    }
    if word.chars().count() < MIN_WORD || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let parts = split_from(word, 0)?;
    (parts.len() >= 2).then_some(parts)
}

fn split_from(word: &str, start: usize) -> Option<Vec<String>> {
    let rest = &word[start..];
    if !STARTS.contains(start_of(rest)) {
        return None;
    }
    // Longest parts first: "nattillsyn" before "natt".
    let ends = rest
        .char_indices()
        .rev()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| rest[..end].chars().count() >= MIN_PART);
    for end in ends {
        let part = &rest[..end];
        let after = &rest[end..];
        // "kamera" → "kameror", "klocka" → "klockorna": the plural replaces the final a.
        if PLURAL_OR.contains(&after) && VOCABULARY.contains(&format!("{part}a")) {
            return Some(vec![rest.to_owned()]);
        }
        if !VOCABULARY.contains(part) {
            continue;
        }
        if after.is_empty() || ENDINGS.contains(&after) {
            return Some(vec![rest.to_owned()]);
        }
        let mut next_starts = vec![start + end];
        if let Some(linked) = after.strip_prefix('s')
            && !linked.is_empty()
        {
            next_starts.push(start + end + 1);
        }
        for next in next_starts {
            if let Some(mut tail) = split_from(word, next) {
                tail.insert(0, part.to_owned());
                return Some(tail);
            }
        }
    }
    None
}

/// A token filter that keeps every word and, after a compound, adds its parts at the same
/// position (and with the same offsets, so the whole word is highlighted).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Decompound;

impl TokenFilter for Decompound {
    type Tokenizer<T: Tokenizer> = DecompoundFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DecompoundFilter<T> {
        DecompoundFilter(tokenizer)
    }
}

#[derive(Clone)]
pub(crate) struct DecompoundFilter<T>(T);

impl<T: Tokenizer> Tokenizer for DecompoundFilter<T> {
    type TokenStream<'a> = DecompoundStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DecompoundStream {
            inner: self.0.token_stream(text),
            pending: Vec::new(),
            current: Token::default(),
        }
    }
}

pub(crate) struct DecompoundStream<S> {
    inner: S,
    /// Parts still to emit, last first.
    pending: Vec<Token>,
    current: Token,
}

impl<S: TokenStream> TokenStream for DecompoundStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop() {
            self.current = part;
            return true;
        }
        if !self.inner.advance() {
            return false;
        }
        // Into the token's own buffer: a new one for every word would cost an allocation each.
        let token = self.inner.token();
        self.current.text.clone_from(&token.text);
        self.current.offset_from = token.offset_from;
        self.current.offset_to = token.offset_to;
        self.current.position = token.position;
        self.current.position_length = token.position_length;
        if let Some(parts) = split(&self.current.text) {
            self.pending = parts
                .into_iter()
                .rev()
                .map(|text| Token {
                    text,
                    ..self.current.clone()
                })
                .collect();
        }
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Option<Vec<&'static str>> {
        split(word).map(|p| p.into_iter().map(|s| &*s.leak()).collect())
    }

    #[test]
    fn splits_compounds_of_known_parts() {
        assert_eq!(
            parts("nattillsynskamera"),
            Some(vec!["nattillsyn", "kamera"])
        );
        assert_eq!(parts("trygghetslarm"), Some(vec!["trygghet", "larm"]));
        assert_eq!(parts("trygghetslarmet"), Some(vec!["trygghet", "larmet"]));
        assert_eq!(
            parts("läkemedelsautomater"),
            Some(vec!["läkemedel", "automater"])
        );
        assert_eq!(
            parts("lakemedelsautomat"),
            Some(vec!["lakemedel", "automat"])
        );
        assert_eq!(parts("nattkameror"), Some(vec!["natt", "kameror"]));
        assert_eq!(parts("videosamtal"), Some(vec!["video", "samtal"]));
        assert_eq!(parts("larmmottagning"), Some(vec!["larm", "mottagning"]));
        assert_eq!(
            parts("hemtjänstpersonalen"),
            Some(vec!["hemtjänst", "personalen"])
        );
    }

    #[test]
    fn leaves_other_words_alone() {
        for word in [
            "nattillsyn",
            "kamera",
            "positionering",
            "larmade",
            "testamente",
            "sensorisk",
            "surfa",
        ] {
            assert_eq!(split(word), None, "{word}");
        }
    }
}
