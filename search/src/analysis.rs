//! Swedish text analysis.

use crate::compounds::Decompound;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// Lowercased, Swedish-stemmed words ("upphandlingar" → "upphandling").
pub(crate) const SV_STEM: &str = "sv_stem";
/// Like [`SV_STEM`] (plus [`StemFixup`]), then folded to ASCII
/// ("läkemedel" → "lakemedel"), so queries typed without diacritics match.
pub(crate) const SV_FOLD: &str = "sv_fold";

/// Tokens longer than this (in bytes) are dropped: they are noise (hashes,
/// URLs) and would bloat the term dictionary.
pub(crate) const MAX_TOKEN_LEN: usize = 40;

/// The stemmed analyzer for queries: each typed word stays one term.
pub(crate) fn sv_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// The folded analyzer for queries: each typed word stays one term.
pub(crate) fn sv_fold() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Swedish))
        .filter(StemFixup)
        .filter(AsciiFoldingFilter)
        .build()
}

/// [`sv_stem`] for indexing: compound words also yield their parts.
fn sv_stem_indexing() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Decompound)
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// [`sv_fold`] for indexing: compound words also yield their parts.
fn sv_fold_indexing() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(Decompound)
        .filter(Stemmer::new(Language::Swedish))
        .filter(StemFixup)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Lowercased and folded to ASCII but not stemmed: for matching what a user
/// is still typing (a partial word) against the beginnings of terms.
pub(crate) fn fold_only() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the crate's indexing analyzers on an index's tokenizer manager.
/// Must run before a writer, reader or snippet generator is created for it.
pub(crate) fn register(tokenizers: &TokenizerManager) {
    tokenizers.register(SV_STEM, sv_stem_indexing());
    tokenizers.register(SV_FOLD, sv_fold_indexing());
}

/// The analyzers the query parser uses: the same as for indexing, except that
/// a typed compound stays whole (its parts are searched as an alternative, see
/// the query module), so "nattillsyn" matches the part of an indexed
/// "nattillsynskamera" and a typed compound still matches itself exactly.
pub(crate) fn query_tokenizers() -> TokenizerManager {
    let tokenizers = TokenizerManager::default();
    tokenizers.register(SV_STEM, sv_stem());
    tokenizers.register(SV_FOLD, sv_fold());
    tokenizers
}

/// Makes the Swedish Snowball stemmer consistent for words ending in "-at"
/// and "-or": it strips those endings from the bare word ("läkemedelsautomat"
/// → "läkemedelsautom", "sensor" → "sens") but not from inflected forms,
/// where it removes another suffix instead ("läkemedelsautomater" →
/// "läkemedelsautomat"). Applied after the stemmer, this filter strips such
/// an ending left in the stemmer's R1 region, exactly as the stemmer itself
/// does for the bare word, so all forms meet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StemFixup;

impl TokenFilter for StemFixup {
    type Tokenizer<T: Tokenizer> = StemFixupFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemFixupFilter<T> {
        StemFixupFilter(tokenizer)
    }
}

#[derive(Clone)]
pub(crate) struct StemFixupFilter<T>(T);

impl<T: Tokenizer> Tokenizer for StemFixupFilter<T> {
    type TokenStream<'a> = StemFixupStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemFixupStream(self.0.token_stream(text))
    }
}

pub(crate) struct StemFixupStream<S>(S);

impl<S: TokenStream> TokenStream for StemFixupStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        let keep = fixed_stem_len(text);
        text.truncate(keep);
        true
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'å' | 'ö')
}

/// Byte length of `stem` once a trailing "at" or "or" in R1 is removed.
fn fixed_stem_len(stem: &str) -> usize {
    let Some(kept) = stem.strip_suffix("at").or_else(|| stem.strip_suffix("or")) else {
        return stem.len();
    };
    // R1 (Snowball): the region after the first non-vowel following a
    // vowel, but not starting before the fourth letter.
    let chars: Vec<char> = stem.chars().collect();
    let r1_start = chars
        .windows(2)
        .position(|pair| is_vowel(pair[0]) && !is_vowel(pair[1]))
        .map_or(chars.len(), |i| (i + 2).max(3));
    if chars.len().saturating_sub(2) >= r1_start {
        kept.len()
    } else {
        stem.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |token| out.push(token.text.clone()));
        out
    }

    #[test]
    fn stems_swedish_plurals() {
        assert_eq!(
            tokens(sv_stem(), "Upphandlingar"),
            tokens(sv_stem(), "upphandling")
        );
    }

    #[test]
    fn folds_diacritics_after_stemming() {
        assert_eq!(tokens(sv_fold(), "Läkemedel"), ["lakemedel"]);
        assert_eq!(tokens(sv_fold(), "VÅRDEN"), ["vard"]);
    }

    #[test]
    fn fold_twin_unifies_at_and_or_words() {
        for (a, b) in [
            ("läkemedelsautomat", "lakemedelsautomater"),
            ("läkemedelsautomaten", "Läkemedelsautomat"),
            ("sensor", "sensorerna"),
            ("resultat", "resultaten"),
            ("privat", "privata"),
        ] {
            assert_eq!(tokens(sv_fold(), a), tokens(sv_fold(), b), "{a} / {b}");
        }
        // Short words keep their ending (it is not in R1).
        for word in ["stat", "staten", "mot", "for"] {
            assert!(tokens(sv_fold(), word)[0].len() >= 3, "{word}");
        }
        assert_eq!(tokens(sv_fold(), "staten"), ["stat"]);
    }

    #[test]
    fn fixup_matches_the_stemmers_r1() {
        assert_eq!(fixed_stem_len("automat"), "autom".len());
        assert_eq!(fixed_stem_len("kamrat"), "kamr".len());
        assert_eq!(fixed_stem_len("stat"), "stat".len());
        assert_eq!(fixed_stem_len("ator"), "ator".len());
        assert_eq!(fixed_stem_len("at"), 2);
        assert_eq!(fixed_stem_len(""), 0);
        assert_eq!(fixed_stem_len("dator"), "dat".len());
    }
}
