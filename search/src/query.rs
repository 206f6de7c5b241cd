//! Query parsing and execution.

use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query as TantivyQuery, QueryParser,
    TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, Score, Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::cache;
use crate::collector::{Candidate, NUM_FACETS, SearchCollector};
use crate::schema::Fields;
use crate::snippet::{self, Highlighter};
use crate::terms;
use crate::{
    Facet, FacetCount, Facets, Hit, Query, Results, SearchError, SearchIndex, Sort, Thesaurus,
};

/// User text beyond this many bytes is ignored (it only makes the query
/// slower, never better).
pub(crate) const MAX_TEXT_LEN: usize = 512;
const DEFAULT_PER_PAGE: usize = 10;
pub(crate) const MAX_PER_PAGE: usize = 100;
/// What a word matched only through a typo (fuzzy) scores, whatever the field: nothing, so
/// that every exact match of the word, however common the word, ranks above it.
const FUZZY_SCORE: Score = 0.0;
/// Weight of the other labels of a concept named in the text (see [`Query::thesaurus`]): what
/// they score counts this much, so a document with the typed words ranks above one that only
/// has another name for them, as a rule.
const SYNONYM_WEIGHT: Score = 0.3;
/// Weight of the labels of the named concept's narrower concepts.
const NARROWER_WEIGHT: Score = 0.15;

/// Weights of the text fields: the title weighs most. Each diacritic-folded twin field
/// (`title_fold` …) weighs [`FOLD_SHARE`] of its original.
const TITLE_WEIGHT: Score = 3.0;
const SUMMARY_WEIGHT: Score = 2.0;
const TAGS_WEIGHT: Score = 2.0;
const BODY_WEIGHT: Score = 1.0;
const FOLD_SHARE: Score = 0.5;

/// The query parser: all text fields, AND between words, weighed as above.
pub(crate) fn parser(index: &Index, fields: &Fields) -> QueryParser {
    let boosts: [(_, Score); 7] = [
        (fields.title, TITLE_WEIGHT),
        (fields.summary, SUMMARY_WEIGHT),
        (fields.tags, TAGS_WEIGHT),
        (fields.body, BODY_WEIGHT),
        (fields.title_fold, TITLE_WEIGHT * FOLD_SHARE),
        (fields.summary_fold, SUMMARY_WEIGHT * FOLD_SHARE),
        (fields.body_fold, BODY_WEIGHT * FOLD_SHARE),
    ];
    let mut parser = QueryParser::new(
        index.schema(),
        boosts.iter().map(|(f, _)| *f).collect(),
        analysis::query_tokenizers(),
    );
    parser.set_conjunction_by_default();
    for (field, boost) in boosts {
        parser.set_field_boost(field, boost);
    }
    parser
}

/// What [`SearchIndex::look_up`] found.
pub enum Looked {
    /// The searches made before answer the query.
    Answered(Box<Results>),
    /// The search has to run: [`SearchIndex::search_missed`] runs it, on the same index.
    Missed(Box<Missed>),
}

/// A query the searches made before did not answer, as the look-up worked it out: the
/// searcher it was looked up on, its cache key, its filters by facet, the facets counted, the
/// page asked for, and what an earlier search of it collected, if anything (without this
/// page's highlighted hits).
pub struct Missed {
    searcher: Searcher,
    generation: u64,
    key: cache::Key,
    selected: [Vec<String>; NUM_FACETS],
    counted: [bool; NUM_FACETS],
    offset: usize,
    per_page: usize,
    cached: Option<Arc<cache::Collected>>,
}

impl SearchIndex {
    /// Runs a query: the visible documents matching the text and filters, one
    /// page of highlighted hits and disjunctive facet counts. Plain words
    /// tolerate typos (see the crate documentation); words matched through
    /// a typo are highlighted too.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        match self.look_up(query) {
            Looked::Answered(results) => Ok(*results),
            Looked::Missed(missed) => self.search_missed(query, *missed),
        }
    }

    /// Runs `query`, which [`SearchIndex::look_up`] on this index found not made before.
    pub fn search_missed(&self, query: &Query, missed: Missed) -> Result<Results, SearchError> {
        let Missed {
            searcher,
            generation,
            key,
            selected,
            counted,
            offset,
            per_page,
            cached,
        } = missed;
        // Asked by several visitors at once, a search is collected once: those who waited for
        // their turn while another visitor's search of it ran find it now.
        let cached = match cached {
            Some(collected) => Some(collected),
            None => match self.kept(generation, &key, offset, per_page) {
                ControlFlow::Continue(cached) => cached,
                ControlFlow::Break(page) => return Ok(*page),
            },
        };
        let limit = offset.saturating_add(per_page);
        let (text_query, expansions) =
            self.parse_text(&searcher, &query.text, query.thesaurus.as_deref());
        let collected = match cached {
            Some(collected) => collected,
            None => {
                let collected = Arc::new(cache::Collected {
                    expansions,
                    ..self.collect(
                        &searcher,
                        query,
                        text_query.as_deref(),
                        selected,
                        counted,
                        limit.max(cache::KEPT_HITS),
                    )?
                });
                self.result_cache
                    .put(generation, key, Arc::clone(&collected));
                collected
            }
        };

        let page: Vec<Candidate> = collected
            .top
            .iter()
            .skip(offset)
            .take(per_page)
            .copied()
            .collect();
        let highlighter = match (&text_query, page.is_empty()) {
            (Some(text_query), false) => Some(Highlighter::new(
                &searcher,
                text_query.as_ref(),
                &self.fields,
            )?),
            _ => None,
        };
        let hits = page
            .iter()
            .map(|candidate| {
                let hit = self.hit(
                    &searcher,
                    candidate.address,
                    candidate.score,
                    highlighter.as_ref(),
                )?;
                Ok::<_, SearchError>(Hit {
                    group_matches: candidate.group_matches,
                    ..hit
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        collected.keep_page(offset, per_page, &hits);
        Ok(collected.results(hits))
    }

    /// The answer to `query` when the searches made before hold it (the same search, or
    /// another page of it already highlighted), without visiting any document: cheap enough
    /// to ask before a search waits for its turn. None when the search has to run.
    pub fn search_made_before(&self, query: &Query) -> Option<Results> {
        match self.look_up(query) {
            Looked::Answered(results) => Some(*results),
            Looked::Missed(..) => None,
        }
    }

    /// Looks `query` up in the searches made before, without visiting any document: cheap
    /// enough to ask before a search waits for its turn.
    pub fn look_up(&self, query: &Query) -> Looked {
        let per_page = match query.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        };
        let offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);

        if query.principals.is_empty() {
            return Looked::Answered(Box::new(Results {
                total: 0,
                hits: Vec::new(),
                facets: Facets::default(),
                expansions: Vec::new(),
            }));
        }

        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let selected = [
            query.kind.clone(),
            query.category.clone(),
            query.organisation.clone(),
            query.outcome.clone(),
            query.county.clone(),
            query.year.clone(),
            query.phase.clone(),
            query.target_group.clone(),
            query.node.clone(),
            query.status.clone(),
            query.participant.clone(),
            query.freshness.clone(),
        ];
        let counted = Facet::ALL.map(|facet| query.facets.contains(&facet));
        let key = cache::Key::of(query, &selected, counted);
        let cached = match self.kept(generation, &key, offset, per_page) {
            ControlFlow::Continue(cached) => cached,
            ControlFlow::Break(page) => return Looked::Answered(page),
        };
        Looked::Missed(Box::new(Missed {
            searcher,
            generation,
            key,
            selected,
            counted,
            offset,
            per_page,
            cached,
        }))
    }

    /// What the searches made before on reader `generation` keep of the search `key`, for the
    /// page at `offset`: what was collected, if it covers the page, or (breaking off the
    /// search) the page itself when it was highlighted already.
    fn kept(
        &self,
        generation: u64,
        key: &cache::Key,
        offset: usize,
        per_page: usize,
    ) -> ControlFlow<Box<Results>, Option<Arc<cache::Collected>>> {
        let limit = offset.saturating_add(per_page);
        let Some(collected) = self
            .result_cache
            .get(generation, key)
            .filter(|collected| collected.covers(limit))
        else {
            return ControlFlow::Continue(None);
        };
        match collected.page(offset, per_page) {
            Some(hits) => ControlFlow::Break(Box::new(collected.results(hits.as_ref().clone()))),
            None => ControlFlow::Continue(Some(collected)),
        }
    }

    /// One pass over the visible documents matching the text and filters: the total, the
    /// best `limit` hits and the facet counts `counted` asks for.
    fn collect(
        &self,
        searcher: &Searcher,
        query: &Query,
        text_query: Option<&dyn TantivyQuery>,
        selected: [Vec<String>; NUM_FACETS],
        counted: [bool; NUM_FACETS],
        limit: usize,
    ) -> Result<cache::Collected, SearchError> {
        #[cfg(test)]
        self.passes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let visible = self.visibility_filter(&query.principals);
        let mut clauses = vec![(Occur::Must, visible)];
        if let Some(text_query) = text_query {
            clauses.push((Occur::Must, text_query.box_clone()));
        }
        if !query.group.is_empty() {
            let groups = query
                .group
                .iter()
                .map(|group| Term::from_field_text(self.fields.group, group));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(any_of(groups), 0.0)),
            ));
        }
        if !query.technology.is_empty() {
            let technologies = query
                .technology
                .iter()
                .map(|technology| Term::from_field_text(self.fields.technology, technology));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(any_of(technologies), 0.0)),
            ));
        }
        let tantivy_query = BooleanQuery::new(clauses);
        let collector = SearchCollector {
            cache: &self.facet_cache,
            selected,
            counted,
            limit,
            newest_first: text_query.is_none() || query.sort == Sort::Newest,
            scoring: text_query.is_some(),
            collapse: query.collapse,
            stale_before: query.stale_before.unwrap_or(i64::MIN),
        };
        let fruit = searcher.search(&tantivy_query, &collector)?;
        let [
            kind,
            category,
            organisation,
            outcome,
            county,
            year,
            phase,
            target_group,
            node,
            status,
            participant,
            freshness,
        ] = fruit.facets.map(sorted_counts);
        Ok(cache::Collected {
            total: fruit.total,
            top: fruit.top,
            limit,
            expansions: Vec::new(),
            pages: Default::default(),
            facets: Facets {
                kind,
                category,
                organisation,
                outcome,
                county,
                year,
                phase,
                target_group,
                node,
                status,
                participant,
                freshness,
            },
        })
    }

    /// Matches the documents whose principals intersect `principals`,
    /// without contributing to the score. Term queries (rather than a term
    /// set, which materialises a bitset of every visible document) let the
    /// intersection with the text query skip ahead cheaply.
    pub(crate) fn visibility_filter(&self, principals: &[String]) -> Box<dyn TantivyQuery> {
        let mut principals: Vec<&String> = principals.iter().collect();
        principals.sort_unstable();
        principals.dedup();
        let term_query = |principal: &String| -> Box<dyn TantivyQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.principals, principal),
                IndexRecordOption::Basic,
            ))
        };
        let matching: Box<dyn TantivyQuery> = match principals.as_slice() {
            _ if principals.iter().any(|p| **p == *crate::ALL_PRINCIPALS) => Box::new(AllQuery),
            [principal] => term_query(principal),
            _ => Box::new(BooleanQuery::union(
                principals.into_iter().map(term_query).collect(),
            )),
        };
        Box::new(ConstScoreQuery::new(matching, 0.0))
    }

    /// Parses the user text leniently (never fails). `None` when the text
    /// holds no word at all, meaning "browse everything".
    ///
    /// Plain words of 5 letters or more also match indexed terms within a
    /// small typo distance, and with a `thesaurus`, the concepts named also match
    /// by their other labels (see [`SearchIndex::typo_tolerant`]); the second value
    /// lists the labels added.
    pub(crate) fn parse_text(
        &self,
        searcher: &Searcher,
        text: &str,
        thesaurus: Option<&Thesaurus>,
    ) -> (Option<Box<dyn TantivyQuery>>, Vec<String>) {
        let text = &text[..text.floor_char_boundary(MAX_TEXT_LEN)];
        if !text.chars().any(char::is_alphanumeric) {
            return (None, Vec::new());
        }
        // Field syntax (`title:x`) is not offered to users, and a colon in
        // pasted text ("Rapport: nattkameror") would otherwise be read as
        // an unknown field and drop the word.
        let text = text.replace(':', " ");
        if let Some((query, expansions)) = self.typo_tolerant(searcher, &text, thesaurus) {
            return (Some(query), expansions);
        }
        let (parsed, errors) = self.parser.parse_query_lenient(&text);
        if !errors.is_empty() {
            tracing::debug!(?errors, %text, "search text parsed leniently");
        }
        (Some(parsed), Vec::new())
    }

    /// The text query with typo tolerance and compound parts, when the text is
    /// a plain list of (possibly required or excluded) words and phrases and
    /// at least one word qualifies; `None` otherwise (the caller then uses the
    /// parser's query, unchanged). A required compound word of known parts
    /// ("trygghetslarm") may also match its parts, all of them (see
    /// [`Self::compound_clause`]).
    ///
    /// Each top-level element is searched as the query parser would (a plain
    /// word through [`Self::word_query`]). A plain unquoted word whose folded,
    /// stemmed form is one token and long enough (see [`terms::typo_distance`])
    /// becomes `Must(Should(exact, fuzzy))`, where `fuzzy` matches, at
    /// [`FUZZY_SCORE`], the folded twin fields' other terms within the typo
    /// distance that share its first letter. Every word must still match
    /// (exactly or fuzzily), and since any exact match scores more than
    /// [`FUZZY_SCORE`], exact matches rank above fuzzy-only ones (as when the
    /// fuzzy clause held the word too and scored a constant for exact matches
    /// as well: every match then scored that constant more, for each word).
    ///
    /// With a `thesaurus`, a run of required plain words that is a concept's label becomes
    /// `Must(Should(the words as above, other labels, narrower labels))`, the labels weighed
    /// down (a misspelt one-word label is searched as the label meant, not weighed down) ([`SYNONYM_WEIGHT`], [`NARROWER_WEIGHT`]); the labels added come back beside the query.
    fn typo_tolerant(
        &self,
        searcher: &Searcher,
        text: &str,
        thesaurus: Option<&Thesaurus>,
    ) -> Option<(Box<dyn TantivyQuery>, Vec<String>)> {
        let (ast, _) = query_grammar::parse_query_lenient(text);
        let elements = match ast {
            UserInputAst::Clause(elements) => elements,
            leaf @ UserInputAst::Leaf(_) => vec![(None, leaf)],
            UserInputAst::Boost(..) => return None,
        };
        let mut analyzer = analysis::sv_fold();
        let mut any_expansion = false;
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        // Each clause's analysed words when it is a required plain word, for the thesaurus.
        let mut words: Vec<Option<(Vec<String>, String)>> = Vec::new();
        for (occur, element) in elements {
            let occur = match occur {
                None | Some(Occur::Must) => Occur::Must,
                Some(Occur::MustNot) => Occur::MustNot,
                Some(Occur::Should) => return None,
            };
            if let UserInputAst::Leaf(leaf) = &element
                && let UserInputLeaf::Literal(literal) = leaf.as_ref()
                && !literal.phrase.chars().any(char::is_alphanumeric)
            {
                // Analyzes to nothing; the parser drops such words too.
                continue;
            }
            let mut alternatives = Vec::new();
            words.push(
                plain_word(&element)
                    .filter(|_| occur == Occur::Must)
                    .map(|literal| {
                        let typed = literal.phrase.clone();
                        (terms::analyze(&mut analyzer, &typed), typed)
                    })
                    .filter(|(tokens, _)| !tokens.is_empty()),
            );
            if occur == Occur::Must {
                alternatives.extend(self.fuzzy_clause(searcher, &mut analyzer, &element));
                alternatives.extend(self.compound_clause(searcher, &element));
            }
            let exact = match plain_word(&element)
                .and_then(|literal| self.word_query(searcher, &literal.phrase))
            {
                Some(exact) => {
                    any_expansion = true;
                    exact
                }
                None => {
                    self.parser
                        .build_query_from_user_input_ast_lenient(element)
                        .0
                }
            };
            let clause: Box<dyn TantivyQuery> = if alternatives.is_empty() {
                exact
            } else {
                any_expansion = true;
                alternatives.insert(0, exact);
                Box::new(BooleanQuery::union(alternatives))
            };
            clauses.push((occur, clause));
        }
        let mut expansions = Vec::new();
        if let Some(thesaurus) = thesaurus {
            let found = self.expand(thesaurus, &mut clauses, &words);
            any_expansion |= !found.is_empty();
            for label in found {
                if !expansions.contains(&label) {
                    expansions.push(label);
                }
            }
        }
        any_expansion.then(|| {
            (
                Box::new(BooleanQuery::new(clauses)) as Box<dyn TantivyQuery>,
                expansions,
            )
        })
    }

    /// Replaces each run of `clauses` that names a concept of `thesaurus` (by the `words` of
    /// the clauses, see [`Self::typo_tolerant`]) with the run or the concept's other labels or
    /// its narrower concepts' labels. Returns the labels added, in order.
    fn expand(
        &self,
        thesaurus: &Thesaurus,
        clauses: &mut Vec<(Occur, Box<dyn TantivyQuery>)>,
        words: &[Option<(Vec<String>, String)>],
    ) -> Vec<String> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let end = (start..words.len())
                .find(|&i| words[i].is_none())
                .unwrap_or(words.len());
            let run: Vec<(Vec<String>, &str)> = words[start..end]
                .iter()
                .flatten()
                .map(|(tokens, typed)| (tokens.clone(), typed.as_str()))
                .collect();
            found.extend(thesaurus.find(&run).into_iter().map(|mut f| {
                f.start += start;
                f.end += start;
                f
            }));
            start = end + 1;
        }
        let mut added = Vec::new();
        // From the last, so the earlier runs' positions stay as found.
        for f in found.into_iter().rev() {
            let run: Vec<(Occur, Box<dyn TantivyQuery>)> = clauses.drain(f.start..f.end).collect();
            let typed: Box<dyn TantivyQuery> = match <[_; 1]>::try_from(run) {
                Ok([(_, clause)]) => clause,
                Err(run) => Box::new(BooleanQuery::new(run)),
            };
            let mut alternatives = vec![typed];
            alternatives.extend(f.meant.iter().map(|label| self.label_query(label)));
            for (labels, weight) in [
                (&f.synonyms, SYNONYM_WEIGHT),
                (&f.narrower, NARROWER_WEIGHT),
            ] {
                if labels.is_empty() {
                    continue;
                }
                let queries = labels.iter().map(|label| self.label_query(label)).collect();
                alternatives.push(Box::new(BoostQuery::new(
                    Box::new(BooleanQuery::union(queries)),
                    weight,
                )));
            }
            clauses.insert(
                f.start,
                (Occur::Must, Box::new(BooleanQuery::union(alternatives))),
            );
            let mut labels: Vec<String> = (f.meant.into_iter())
                .chain(f.synonyms)
                .chain(f.narrower)
                .collect();
            labels.append(&mut added);
            added = labels;
        }
        added
    }

    /// A label as the text fields are searched for it: its words together, as a phrase.
    fn label_query(&self, label: &str) -> Box<dyn TantivyQuery> {
        let words: String = label
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let quoted = if words.split_whitespace().nth(1).is_some() {
            format!(
                "\"{}\"",
                words.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        } else {
            words.trim().to_owned()
        };
        self.parser.parse_query_lenient(&quoted).0
    }

    /// A typed compound word's parts, all required, as an alternative to the
    /// word itself: "trygghetslarm" also finds "trygghet … larm". A text with
    /// the compound matches both and ranks first.
    fn compound_clause(
        &self,
        searcher: &Searcher,
        element: &UserInputAst,
    ) -> Option<Box<dyn TantivyQuery>> {
        let literal = plain_word(element)?;
        let parts = crate::compounds::split(&literal.phrase.to_lowercase())?;
        let clauses = parts
            .iter()
            .map(|part| {
                let query = self
                    .word_query(searcher, part)
                    .unwrap_or_else(|| self.parser.parse_query_lenient(part).0);
                (Occur::Must, query)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A word as the query parser searches it (every text field, weighed), in fewer posting
    /// lists: where a field and its folded twin hold the word as the same term in as many
    /// documents, they hold it in the same documents (the twin holds every document the field
    /// does), so the twin alone is searched, weighing both. That scores what the two score
    /// together, but for a document that also spells another word so that it folds to this
    /// one, and the snippets, which are taken from the twins, still see the word. `None` when
    /// the word is not one term.
    fn word_query(&self, searcher: &Searcher, word: &str) -> Option<Box<dyn TantivyQuery>> {
        let plain = terms::single_token(&mut analysis::sv_stem(), word)?;
        let folded = terms::single_token(&mut analysis::sv_fold(), word)?;
        let f = &self.fields;
        let weighed = |field, text: &str, weight: Score| -> (Occur, Box<dyn TantivyQuery>) {
            let term = TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), weight)),
            )
        };
        let mut clauses = vec![weighed(f.tags, &plain, TAGS_WEIGHT)];
        for (field, twin, weight) in [
            (f.title, f.title_fold, TITLE_WEIGHT),
            (f.summary, f.summary_fold, SUMMARY_WEIGHT),
            (f.body, f.body_fold, BODY_WEIGHT),
        ] {
            let same = plain == folded
                && matches!(
                    (
                        searcher.doc_freq(&Term::from_field_text(field, &plain)),
                        searcher.doc_freq(&Term::from_field_text(twin, &folded)),
                    ),
                    (Ok(a), Ok(b)) if a == b
                );
            if same {
                clauses.push(weighed(twin, &folded, weight * (1.0 + FOLD_SHARE)));
            } else {
                clauses.push(weighed(field, &plain, weight));
                clauses.push(weighed(twin, &folded, weight * FOLD_SHARE));
            }
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The fuzzy alternative of a plain word (see [`Self::typo_tolerant`]).
    fn fuzzy_clause(
        &self,
        searcher: &Searcher,
        analyzer: &mut TextAnalyzer,
        element: &UserInputAst,
    ) -> Option<Box<dyn TantivyQuery>> {
        let literal = plain_word(element)?;
        let stem = terms::single_token(analyzer, &literal.phrase)?;
        let distance = terms::typo_distance(&literal.phrase, &stem);
        if distance == 0 {
            return None;
        }
        let fold_fields = [
            self.fields.title_fold,
            self.fields.summary_fold,
            self.fields.body_fold,
        ];
        let found = self.typo_terms_of(searcher, &fold_fields, stem, distance)?;
        if found.is_empty() {
            return None;
        }
        let terms = fold_fields.iter().flat_map(|&field| {
            found
                .keys()
                .map(move |term| Term::from_field_text(field, term))
        });
        Some(Box::new(ConstScoreQuery::new(any_of(terms), FUZZY_SCORE)))
    }

    /// The terms of `fields` other than `stem` itself within `distance` typos of it (see
    /// [`terms::fuzzy_terms`]), from the typo expansions of this reader's words searched
    /// before when it is one of them. `None` when the expansion failed.
    fn typo_terms_of(
        &self,
        searcher: &Searcher,
        fields: &[Field],
        stem: String,
        distance: u8,
    ) -> Option<Arc<BTreeMap<String, u64>>> {
        let generation = searcher.generation().generation_id();
        let key = (stem, distance);
        if let Some(found) = self.typo_terms.get(generation, &key) {
            return Some(found);
        }
        let mut found = terms::fuzzy_terms(searcher, fields, &key.0, distance)
            .inspect_err(|error| {
                tracing::warn!(%error, "expanding a search word to similar terms failed");
            })
            .ok()?;
        // The word itself is the exact clause's: taken here too, it would be gone through
        // again in every match.
        found.remove(&key.0);
        let found = Arc::new(found);
        self.typo_terms.put(generation, key, Arc::clone(&found));
        Some(found)
    }

    pub(crate) fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: Score,
        highlighter: Option<&Highlighter>,
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let fields = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
        };
        let owned = |field| text(field).to_owned();
        let title = text(fields.title);
        let published_at = doc
            .get_first(fields.published_at)
            .and_then(|value| value.as_i64())
            .unwrap_or_default();
        let (title_html, snippet_html) = match highlighter {
            Some(highlighter) => (
                highlighter.title_html(title),
                highlighter.snippet_html(text(fields.body), text(fields.summary)),
            ),
            None => (
                snippet::escape(title),
                snippet::lead_html(text(fields.body), text(fields.summary)),
            ),
        };
        Ok(Hit {
            id: owned(fields.id),
            kind: owned(fields.kind),
            title: title.to_owned(),
            url: owned(fields.url),
            organisation: doc
                .get_first(fields.organisation)
                .and_then(|value| value.as_str())
                .map(str::to_owned),
            outcome: doc
                .get_first(fields.outcome)
                .and_then(|value| value.as_str())
                .map(str::to_owned),
            categories: doc
                .get_all(fields.category)
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect(),
            node: owned(fields.node),
            published_at,
            updated_at: doc
                .get_first(fields.updated_at)
                .and_then(|value| value.as_i64())
                .unwrap_or(published_at),
            summary: owned(fields.summary),
            title_html,
            snippet_html,
            score,
            group: doc
                .get_first(fields.group)
                .and_then(|value| value.as_str())
                .map(str::to_owned),
            group_matches: 0,
            confirmed_at: doc
                .get_first(fields.confirmed_at)
                .and_then(|value| value.as_i64()),
            archived: doc
                .get_first(fields.archived)
                .and_then(|value| value.as_bool())
                .unwrap_or(false),
        })
    }
}

/// Matches the documents holding any of `terms`, for a caller that scores them as one (a
/// [`ConstScoreQuery`]): a union of term queries. Tantivy's `TermSetQuery` would build a
/// finite-state transducer of the terms on every search, which took a sixth of the time of a
/// new search in a profile (docs/benchmarks.md).
fn any_of(terms: impl IntoIterator<Item = Term>) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::union(
        terms
            .into_iter()
            .map(|term| {
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn TantivyQuery>
            })
            .collect(),
    ))
}

/// The literal of an unquoted, unprefixed word without a field name.
fn plain_word(element: &UserInputAst) -> Option<&UserInputLiteral> {
    let UserInputAst::Leaf(leaf) = element else {
        return None;
    };
    let UserInputLeaf::Literal(literal) = leaf.as_ref() else {
        return None;
    };
    let plain = literal.field_name.is_none()
        && literal.delimiter == Delimiter::None
        && !literal.prefix
        && literal.slop == 0;
    plain.then_some(literal)
}

/// Facet counts sorted by count descending, then value ascending.
fn sorted_counts(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}
