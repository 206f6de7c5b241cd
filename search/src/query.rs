//! Query parsing and execution.

use std::collections::HashMap;

use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query as TantivyQuery, QueryParser, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Index, Score, Searcher, TantivyDocument, Term};

use crate::collector::{Candidate, SearchCollector};
use crate::schema::Fields;
use crate::snippet::{self, Highlighter};
use crate::{FacetCount, Facets, Hit, Query, Results, SearchError, SearchIndex, Sort};

/// User text beyond this many bytes is ignored (it only makes the query
/// slower, never better).
const MAX_TEXT_LEN: usize = 512;
const DEFAULT_PER_PAGE: usize = 10;
const MAX_PER_PAGE: usize = 100;

/// The query parser: all text fields, AND between words, the title weighing
/// most and the diacritic-folded twins about half of their originals.
pub(crate) fn parser(index: &Index, fields: &Fields) -> QueryParser {
    let boosts: [(_, Score); 7] = [
        (fields.title, 3.0),
        (fields.summary, 2.0),
        (fields.tags, 2.0),
        (fields.body, 1.0),
        (fields.title_fold, 1.5),
        (fields.summary_fold, 1.0),
        (fields.body_fold, 0.5),
    ];
    let mut parser = QueryParser::for_index(index, boosts.iter().map(|(f, _)| *f).collect());
    parser.set_conjunction_by_default();
    for (field, boost) in boosts {
        parser.set_field_boost(field, boost);
    }
    parser
}

impl SearchIndex {
    /// Runs a query: the visible documents matching the text and filters, one
    /// page of highlighted hits and disjunctive facet counts.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        let per_page = match query.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        };
        let offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);

        if query.principals.is_empty() {
            return Ok(Results {
                total: 0,
                hits: Vec::new(),
                facets: Facets::default(),
            });
        }

        let text_query = self.parse_text(&query.text);
        let visible = self.visibility_filter(&query.principals);
        let mut clauses = vec![(Occur::Must, visible)];
        if let Some(text_query) = &text_query {
            clauses.push((Occur::Must, text_query.box_clone()));
        }
        let tantivy_query = BooleanQuery::new(clauses);

        let collector = SearchCollector {
            cache: &self.facet_cache,
            selected: [
                query.kind.clone(),
                query.category.clone(),
                query.organisation.clone(),
                query.outcome.clone(),
            ],
            limit: offset.saturating_add(per_page),
            newest_first: text_query.is_none() || query.sort == Sort::Newest,
            scoring: text_query.is_some(),
        };
        let searcher = self.reader.searcher();
        let fruit = searcher.search(&tantivy_query, &collector)?;

        let page: Vec<Candidate> = fruit.top.into_iter().skip(offset).collect();
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
                self.hit(
                    &searcher,
                    candidate.address,
                    candidate.score,
                    highlighter.as_ref(),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;

        let [kind, category, organisation, outcome] = fruit.facets.map(sorted_counts);
        Ok(Results {
            total: fruit.total,
            hits,
            facets: Facets {
                kind,
                category,
                organisation,
                outcome,
            },
        })
    }

    /// Matches the documents whose principals intersect `principals`,
    /// without contributing to the score. Term queries (rather than a term
    /// set, which materialises a bitset of every visible document) let the
    /// intersection with the text query skip ahead cheaply.
    fn visibility_filter(&self, principals: &[String]) -> Box<dyn TantivyQuery> {
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
            [principal] => term_query(principal),
            _ => Box::new(BooleanQuery::union(
                principals.into_iter().map(term_query).collect(),
            )),
        };
        Box::new(ConstScoreQuery::new(matching, 0.0))
    }

    /// Parses the user text leniently (never fails). `None` when the text
    /// holds no word at all, meaning "browse everything".
    fn parse_text(&self, text: &str) -> Option<Box<dyn TantivyQuery>> {
        let text = &text[..text.floor_char_boundary(MAX_TEXT_LEN)];
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        // Field syntax (`title:x`) is not offered to users, and a colon in
        // pasted text ("Rapport: nattkameror") would otherwise be read as
        // an unknown field and drop the word.
        let text = text.replace(':', " ");
        let (parsed, errors) = self.parser.parse_query_lenient(&text);
        if !errors.is_empty() {
            tracing::debug!(?errors, %text, "search text parsed leniently");
        }
        Some(parsed)
    }

    fn hit(
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
            published_at: doc
                .get_first(fields.published_at)
                .and_then(|value| value.as_i64())
                .unwrap_or_default(),
            title_html,
            snippet_html,
            score,
        })
    }
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
