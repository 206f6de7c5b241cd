//! Search-as-you-type suggestions, "did you mean" corrections and similar
//! documents.

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use crate::collector::SearchCollector;
use crate::query::{MAX_PER_PAGE, MAX_TEXT_LEN};
use crate::terms::{self, analyze, single_token, typo_distance};
use crate::{Hit, Query, SearchError, SearchIndex, Suggestion, analysis};

/// At most this many suggestions are returned, whatever the caller asks.
const MAX_SUGGESTIONS: usize = 50;
/// Terms of the source document a more-like-this query is made of.
const MLT_MAX_TERMS: usize = 25;
/// Shorter words are ignored by more-like-this (mostly function words).
const MLT_MIN_WORD_LEN: usize = 3;

/// The alphanumeric runs of `text`, with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let ends = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    for (offset, c) in ends {
        if c.is_alphanumeric() {
            start.get_or_insert(offset);
        } else if let Some(begin) = start.take() {
            out.push((begin, &text[begin..offset]));
        }
    }
    out
}

fn term_query(field: Field, text: &str, option: IndexRecordOption) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), option))
}

impl SearchIndex {
    /// Search-as-you-type: up to `limit` (at most 50) documents visible
    /// under `principals` whose title has a word starting with the last,
    /// partial word of `prefix` and also contains each preceding, complete
    /// word, best match first (BM25 on the title, then newest).
    ///
    /// Matching is on the diacritic-folded title (`"lake"` finds
    /// "Läkemedel…"). Complete words are stemmed and folded as in a search.
    /// The partial word is folded but not stemmed, and matched against the
    /// beginnings of the title's indexed (stemmed) terms, read from the term
    /// dictionary by key range (the 64 most frequent such terms are kept);
    /// its stemmed form also matches exactly, so a partial word that already
    /// goes past the stem ("läkemedelsautomate") still matches.
    /// When `prefix` ends with a non-letter (e.g. a space), every word is
    /// complete. Empty `principals`, `limit` 0 or a prefix without any word
    /// give no suggestions.
    pub fn suggest(
        &self,
        prefix: &str,
        principals: &[String],
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let limit = limit.min(MAX_SUGGESTIONS);
        let text = &prefix[..prefix.floor_char_boundary(MAX_TEXT_LEN)];
        let mut complete = words(text);
        let partial = match text.chars().last() {
            Some(c) if c.is_alphanumeric() => complete.pop().map(|(_, word)| word),
            _ => None,
        };
        if principals.is_empty() || limit == 0 || (complete.is_empty() && partial.is_none()) {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let title = self.fields.title_fold;
        let mut fold = analysis::sv_fold();
        let mut clauses = vec![(Occur::Must, self.visibility_filter(principals))];
        for (_, word) in complete {
            for token in analyze(&mut fold, word) {
                clauses.push((
                    Occur::Must,
                    term_query(title, &token, IndexRecordOption::WithFreqs),
                ));
            }
        }
        if let Some(partial) = partial {
            let mut expansions = Vec::new();
            for start in analyze(&mut analysis::fold_only(), partial) {
                expansions.extend(terms::prefix_terms(&searcher, title, &start)?);
            }
            // A partial word typed past its stem matches the stem itself.
            if let Some(stem) = single_token(&mut fold, partial)
                && !expansions.contains(&stem)
            {
                expansions.push(stem);
            }
            if expansions.is_empty() {
                return Ok(Vec::new());
            }
            let alternatives = expansions
                .iter()
                .map(|term| term_query(title, term, IndexRecordOption::WithFreqs))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::union(alternatives))));
        }
        let top = self.top(&searcher, &BooleanQuery::new(clauses), limit, true)?;
        top.into_iter()
            .map(|(address, _)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field| {
                    doc.get_first(field)
                        .and_then(|value| value.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                Ok(Suggestion {
                    title: text(self.fields.title),
                    url: text(self.fields.url),
                    id: text(self.fields.id),
                })
            })
            .collect()
    }

    /// "Did you mean": when `text` finds no document visible under
    /// `principals`, the text with each unknown word (one no visible
    /// document contains) replaced by the indexed word within the typo
    /// distance of [`search`](Self::search) (same first letter) found in the
    /// most visible titles and bodies, provided the corrected text finds at
    /// least one visible document. `None` otherwise.
    ///
    /// Replacements are real words taken from a visible document (e.g.
    /// "läkemedelsautomat", not the indexed stem), lowercased unless the
    /// typed word started with a capital. Words inside quotes are corrected
    /// too (phrases get no typo tolerance in searches, so this is where the
    /// correction helps most); the rest of the text is kept as typed.
    ///
    /// The answer is kept until the next commit (see [`Self::correction_made_before`]).
    pub fn did_you_mean(
        &self,
        text: &str,
        principals: &[String],
    ) -> Result<Option<String>, SearchError> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let key = correction_key(text, principals);
        if let Some(corrected) = self.corrections.get(generation, &key) {
            return Ok(corrected);
        }
        let corrected = self.correct(&searcher, text, principals)?;
        self.corrections.put(generation, key, corrected.clone());
        Ok(corrected)
    }

    /// What [`Self::did_you_mean`] answered for `text` and `principals` since the last commit,
    /// if it was asked: cheap enough to ask before a search waits for its turn.
    pub fn correction_made_before(
        &self,
        text: &str,
        principals: &[String],
    ) -> Option<Option<String>> {
        let generation = self.reader.searcher().generation().generation_id();
        self.corrections
            .get(generation, &correction_key(text, principals))
    }

    /// [`Self::did_you_mean`], worked out on `searcher`.
    fn correct(
        &self,
        searcher: &Searcher,
        text: &str,
        principals: &[String],
    ) -> Result<Option<String>, SearchError> {
        let text = &text[..text.floor_char_boundary(MAX_TEXT_LEN)];
        if principals.is_empty() || self.count(text, principals)? > 0 {
            return Ok(None);
        }
        let fields = &self.fields;
        let all_fields = [fields.title_fold, fields.summary_fold, fields.body_fold];
        let source_fields = [fields.title_fold, fields.body_fold];
        let mut fold = analysis::sv_fold();
        let mut corrected = String::with_capacity(text.len() + 16);
        let mut done = 0;
        for (start, word) in words(text) {
            let Some(stem) = single_token(&mut fold, word) else {
                continue;
            };
            let distance = typo_distance(word, &stem);
            if distance == 0 || self.visible_count(searcher, principals, &all_fields, &stem)? > 0 {
                continue;
            }
            let mut best: Option<(usize, String)> = None;
            for candidate in terms::fuzzy_terms(searcher, &source_fields, &stem, distance)?.keys() {
                let count = self.visible_count(searcher, principals, &source_fields, candidate)?;
                if count > 0 && best.as_ref().is_none_or(|(most, _)| count > *most) {
                    best = Some((count, candidate.clone()));
                }
            }
            let Some((_, replacement)) = best else {
                continue;
            };
            let surface = self
                .surface_form(searcher, principals, &replacement)?
                .unwrap_or(replacement);
            corrected.push_str(&text[done..start]);
            corrected.push_str(&match_case(word, &surface));
            done = start + word.len();
        }
        if done == 0 {
            return Ok(None);
        }
        corrected.push_str(&text[done..]);
        Ok((self.count(&corrected, principals)? > 0).then_some(corrected))
    }

    /// Up to `limit` (at most 100) documents visible under `principals`
    /// most similar to the document `id` (tantivy's more-like-this over the
    /// folded title, summary and body: their most distinctive terms, by
    /// tf-idf), best first, without the document itself. Hits are filled as
    /// by [`search`](Self::search), with unhighlighted titles and the
    /// summary (or body) beginning as snippet.
    ///
    /// Empty when `id` is unknown or not visible under `principals` itself
    /// (so similar documents do not reveal what a hidden one is about).
    pub fn more_like_this(
        &self,
        id: &str,
        principals: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let limit = limit.min(MAX_PER_PAGE);
        if principals.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let fields = &self.fields;
        let source = BooleanQuery::new(vec![
            (Occur::Must, self.visibility_filter(principals)),
            (
                Occur::Must,
                term_query(fields.id, id, IndexRecordOption::Basic),
            ),
        ]);
        let Some((address, _)) = self.top(&searcher, &source, 1, false)?.into_iter().next() else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let values = |field| -> Vec<OwnedValue> {
            doc.get_all(field)
                .filter_map(|value| value.as_str())
                .map(|text| OwnedValue::Str(text.to_owned()))
                .collect()
        };
        let similar = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(MLT_MAX_TERMS)
            .with_min_word_length(MLT_MIN_WORD_LEN)
            .with_document_fields(vec![
                (fields.title_fold, values(fields.title)),
                (fields.summary_fold, values(fields.summary)),
                (fields.body_fold, values(fields.body)),
            ]);
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.visibility_filter(principals)),
            (Occur::Must, Box::new(similar)),
            (
                Occur::MustNot,
                term_query(fields.id, id, IndexRecordOption::Basic),
            ),
        ]);
        self.top(&searcher, &query, limit, true)?
            .into_iter()
            .map(|(address, score)| self.hit(&searcher, address, score, None))
            .collect()
    }

    /// The `limit` best matches of `query` (by score when `scoring`, else
    /// newest first).
    fn top(
        &self,
        searcher: &Searcher,
        query: &dyn TantivyQuery,
        limit: usize,
        scoring: bool,
    ) -> Result<Vec<(DocAddress, Score)>, SearchError> {
        let collector = SearchCollector {
            cache: &self.facet_cache,
            selected: Default::default(),
            counted: Default::default(),
            limit,
            newest_first: !scoring,
            scoring,
            collapse: false,
            stale_before: i64::MIN,
        };
        let fruit = searcher.search(query, &collector)?;
        Ok(fruit
            .top
            .into_iter()
            .map(|candidate| (candidate.address, candidate.score))
            .collect())
    }

    /// Number of visible documents `text` finds.
    fn count(&self, text: &str, principals: &[String]) -> Result<usize, SearchError> {
        let query = Query {
            text: text.to_owned(),
            principals: principals.to_vec(),
            per_page: 1,
            ..Query::default()
        };
        Ok(self.search(&query)?.total)
    }

    /// Number of visible documents with `term` in any of `fields`.
    fn visible_count(
        &self,
        searcher: &Searcher,
        principals: &[String],
        fields: &[Field],
        term: &str,
    ) -> Result<usize, SearchError> {
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.visibility_filter(principals)),
            (Occur::Must, self.any_field(fields, term)),
        ]);
        Ok(searcher.search(&query, &Count)?)
    }

    fn any_field(&self, fields: &[Field], term: &str) -> Box<dyn TantivyQuery> {
        Box::new(BooleanQuery::union(
            fields
                .iter()
                .map(|&field| term_query(field, term, IndexRecordOption::Basic))
                .collect(),
        ))
    }

    /// A word of a visible document's title or body whose folded, stemmed
    /// form is `stem`, lowercased.
    fn surface_form(
        &self,
        searcher: &Searcher,
        principals: &[String],
        stem: &str,
    ) -> Result<Option<String>, SearchError> {
        let fields = &self.fields;
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.visibility_filter(principals)),
            (
                Occur::Must,
                self.any_field(&[fields.title_fold, fields.body_fold], stem),
            ),
        ]);
        let Some((address, _)) = self.top(searcher, &query, 1, false)?.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let mut fold = analysis::sv_fold();
        for field in [fields.title, fields.body] {
            let Some(text) = doc.get_first(field).and_then(|value| value.as_str()) else {
                continue;
            };
            let mut found = None;
            fold.token_stream(text).process(&mut |token| {
                if found.is_none() && token.text == stem {
                    found = text.get(token.offset_from..token.offset_to);
                }
            });
            if let Some(word) = found {
                return Ok(Some(word.to_lowercase()));
            }
        }
        Ok(None)
    }
}

/// The key of a correction: the text as [`SearchIndex::did_you_mean`] reads it, and the
/// principals, sorted.
fn correction_key(text: &str, principals: &[String]) -> (String, Vec<String>) {
    let mut principals = principals.to_vec();
    principals.sort_unstable();
    principals.dedup();
    (
        text[..text.floor_char_boundary(MAX_TEXT_LEN)].to_owned(),
        principals,
    )
}

/// `replacement`, capitalised when `typed` starts with a capital.
fn match_case(typed: &str, replacement: &str) -> String {
    let capital = typed.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match (capital, chars.next()) {
        (true, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}
