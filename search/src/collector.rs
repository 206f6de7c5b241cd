//! A single-pass collector computing, over the documents matching the text
//! and visibility query, the facet-filtered total, the top hits and the
//! disjunctive counts of the facets asked for (a facet neither counted nor
//! filtered is not looked at).
//!
//! Facet filters are not part of the tantivy query: they are evaluated here,
//! so one pass can count each facet against the *other* facets' filters (a
//! facet's own selection does not hide its siblings).
//!
//! Every matching document is visited, so the per-document work must be
//! tiny: the facet term ordinals and publication dates of each segment are
//! decoded once from the fast fields into plain arrays ([`SegmentData`]) and
//! cached by segment id (segments are immutable).

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

use crate::schema::{
    ARCHIVED, CATEGORY, CONFIRMED_AT, COUNTY, GROUP, GROUP_HEAD, KIND, NODE, ORGANISATION, OUTCOME,
    PARTICIPANT, PHASE, PUBLISHED_AT, STATUS, TARGET_GROUP, YEAR,
};
use crate::{FRESHNESS_VALUES, STALE_FACTOR};

/// The group ordinal of a document without a group.
const NO_GROUP: u32 = u32::MAX;

/// Number of facets, and their fast-field names in the order used by the
/// arrays below. The last, [`FRESHNESS`], has no field of its own: its value is worked out
/// per search from the confirmation date, the archive flag and the query's cut-off.
pub(crate) const NUM_FACETS: usize = 12;
/// The index of the freshness facet; its term ordinals index [`FRESHNESS_VALUES`].
const FRESHNESS: usize = 11;
/// The ordinals of [`FRESHNESS_VALUES`].
const CURRENT: u32 = 0;
const STALE: u32 = 1;
const ARCHIVED_ORD: u32 = 2;
/// The confirmation date of a document that has none.
const NEVER: i64 = i64::MIN;
pub(crate) const FACET_FIELDS: [&str; NUM_FACETS] = [
    KIND,
    CATEGORY,
    ORGANISATION,
    OUTCOME,
    COUNTY,
    YEAR,
    PHASE,
    TARGET_GROUP,
    NODE,
    STATUS,
    PARTICIPANT,
    "",
];

/// Term ordinals of one facet for every document of a segment, in
/// compressed-sparse-row form.
#[derive(Debug, Default)]
struct Ords {
    /// `starts[doc]..starts[doc + 1]` indexes `ords`.
    starts: Vec<u32>,
    ords: Vec<u32>,
}

impl Ords {
    #[inline]
    fn of(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&start), Some(&end)) => self.ords.get(start as usize..end as usize),
            _ => None,
        }
        .unwrap_or_default()
    }
}

/// The facet data of one segment, decoded from its fast fields.
pub(crate) struct SegmentData {
    /// Per facet: the column (for its dictionary) and the ordinals per doc.
    facets: [Option<(StrColumn, Ords)>; NUM_FACETS],
    published_at: Vec<i64>,
    /// When each document was last confirmed ([`NEVER`] for one that cannot go out of date)
    /// and whether it is archived.
    confirmed_at: Vec<i64>,
    archived: Vec<bool>,
    /// The group column (for its dictionary), each document's group ordinal
    /// ([`NO_GROUP`] for none) and whether it is its group's own document.
    groups: Option<(StrColumn, Vec<u32>, Vec<bool>)>,
}

impl SegmentData {
    fn load(segment: &SegmentReader) -> tantivy::Result<Self> {
        let max_doc = segment.max_doc();
        let fast_fields = segment.fast_fields();
        let mut facets: [Option<(StrColumn, Ords)>; NUM_FACETS] = Default::default();
        for (facet, name) in facets.iter_mut().zip(FACET_FIELDS) {
            if name.is_empty() {
                continue;
            }
            let Some(column) = fast_fields.str(name)? else {
                continue;
            };
            let mut ords = Ords {
                starts: Vec::with_capacity(max_doc as usize + 1),
                ords: Vec::with_capacity(max_doc as usize),
            };
            for doc in 0..max_doc {
                ords.starts.push(to_u32(ords.ords.len())?);
                for ord in column.term_ords(doc) {
                    ords.ords.push(to_u32(ord)?);
                }
            }
            ords.starts.push(to_u32(ords.ords.len())?);
            *facet = Some((column, ords));
        }
        let published_at = match fast_fields.column_opt::<i64>(PUBLISHED_AT)? {
            Some(column) => (0..max_doc)
                .map(|doc| column.first(doc).unwrap_or_default())
                .collect(),
            None => vec![0; max_doc as usize],
        };
        let confirmed_at = match fast_fields.column_opt::<i64>(CONFIRMED_AT)? {
            Some(column) => (0..max_doc)
                .map(|doc| column.first(doc).unwrap_or(NEVER))
                .collect(),
            None => vec![NEVER; max_doc as usize],
        };
        let archived = match fast_fields.column_opt::<bool>(ARCHIVED)? {
            Some(column) => (0..max_doc)
                .map(|doc| column.first(doc).unwrap_or(false))
                .collect(),
            None => vec![false; max_doc as usize],
        };
        let groups = match fast_fields.str(GROUP)? {
            Some(column) => {
                let mut ords = Vec::with_capacity(max_doc as usize);
                for doc in 0..max_doc {
                    ords.push(match column.term_ords(doc).next() {
                        Some(ord) => to_u32(ord)?,
                        None => NO_GROUP,
                    });
                }
                let heads = match fast_fields.column_opt::<bool>(GROUP_HEAD)? {
                    Some(head) => (0..max_doc)
                        .map(|doc| head.first(doc).unwrap_or(false))
                        .collect(),
                    None => vec![false; max_doc as usize],
                };
                Some((column, ords, heads))
            }
            None => None,
        };
        Ok(SegmentData {
            facets,
            published_at,
            confirmed_at,
            archived,
            groups,
        })
    }
}

fn to_u32(value: impl TryInto<u32>) -> tantivy::Result<u32> {
    value
        .try_into()
        .map_err(|_| TantivyError::InternalError("facet ordinal overflows u32".to_owned()))
}

/// [`SegmentData`] by segment id, shared by all searches.
#[derive(Default)]
pub(crate) struct FacetCache {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentData>>>,
}

impl FacetCache {
    fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentData>> {
        let id = segment.segment_id();
        let cached = self
            .segments
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned();
        if let Some(data) = cached {
            return Ok(data);
        }
        let data = Arc::new(SegmentData::load(segment)?);
        self.segments
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, Arc::clone(&data));
        Ok(data)
    }

    /// Drops the segments `searcher` no longer uses and loads the new ones,
    /// so searches do not pay for it.
    pub(crate) fn refresh(&self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.segments
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|id, _| live.contains(id));
        for segment in searcher.segment_readers() {
            self.get(segment)?;
        }
        Ok(())
    }
}

/// A matching document competing for the top hits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub score: Score,
    pub published_at: i64,
    pub address: DocAddress,
    newest_first: bool,
    /// For a collapsed group: its matching members (see `Hit::group_matches`).
    pub group_matches: u64,
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

    #[inline]
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
pub(crate) struct SearchCollector<'a> {
    pub cache: &'a FacetCache,
    /// Selected values per facet; empty means "no filter on this facet".
    pub selected: [Vec<String>; NUM_FACETS],
    /// Per facet, whether to count its values.
    pub counted: [bool; NUM_FACETS],
    /// How many of the best hits to keep (offset + page size).
    pub limit: usize,
    pub newest_first: bool,
    pub scoring: bool,
    /// Show each group as one hit (see `Query::collapse`).
    pub collapse: bool,
    /// Documents confirmed before this are stale (`i64::MIN`: none is).
    pub stale_before: i64,
}

/// The matching documents of one group, while collecting.
#[derive(Debug, Clone, Copy)]
struct GroupAcc {
    /// The best-ranked matching document; the group ranks by it.
    best: Candidate,
    /// The group's own document, when it matches.
    head: Option<DocAddress>,
    /// Matching documents other than the group's own.
    members: u64,
}

impl GroupAcc {
    fn merge(&mut self, other: GroupAcc) {
        if other.best > self.best {
            self.best = other.best;
        }
        self.head = self.head.or(other.head);
        self.members += other.members;
    }

    /// The hit shown for the group: its own document when it matches, ranked as the
    /// group's best match.
    fn hit(self) -> Candidate {
        Candidate {
            address: self.head.unwrap_or(self.best.address),
            group_matches: self.members,
            ..self.best
        }
    }
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
    groups: HashMap<u32, GroupAcc>,
    data: Arc<SegmentData>,
    counts: [Vec<u64>; NUM_FACETS],
}

pub(crate) struct SegmentSearchCollector {
    segment_ord: SegmentOrdinal,
    newest_first: bool,
    data: Arc<SegmentData>,
    /// Per facet, whether each term ordinal is selected; `None` when the
    /// facet is not filtered.
    selected: [Option<Vec<bool>>; NUM_FACETS],
    /// Per facet, whether a document's values are looked at: it is counted or filtered.
    looked_at: [bool; NUM_FACETS],
    /// Whether any facet is looked at.
    any_looked_at: bool,
    /// Counts per term ordinal; empty for a facet not counted.
    counts: [Vec<u64>; NUM_FACETS],
    total: usize,
    top: TopK,
    collapse: bool,
    groups: HashMap<u32, GroupAcc>,
    stale_before: i64,
}

impl SegmentSearchCollector {
    /// The freshness ordinal of `doc`, if it is of a kind that can go out of date.
    #[inline]
    fn freshness(&self, doc: DocId) -> Option<u32> {
        let data = &*self.data;
        let confirmed_at = data
            .confirmed_at
            .get(doc as usize)
            .copied()
            .unwrap_or(NEVER);
        if confirmed_at == NEVER {
            return None;
        }
        Some(
            if data.archived.get(doc as usize).copied().unwrap_or(false) {
                ARCHIVED_ORD
            } else if confirmed_at < self.stale_before {
                STALE
            } else {
                CURRENT
            },
        )
    }
}

impl Collector for SearchCollector<'_> {
    type Fruit = SearchFruit;
    type Child = SegmentSearchCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentSearchCollector> {
        let data = self.cache.get(segment)?;
        let mut selected: [Option<Vec<bool>>; NUM_FACETS] = Default::default();
        let mut counts: [Vec<u64>; NUM_FACETS] = Default::default();
        for (i, facet) in data.facets.iter().enumerate() {
            let num_terms = if i == FRESHNESS {
                FRESHNESS_VALUES.len()
            } else {
                facet.as_ref().map_or(0, |(column, _)| column.num_terms())
            };
            if self.counted[i] {
                counts[i] = vec![0; num_terms];
            }
            if self.selected[i].is_empty() {
                continue;
            }
            let mut mask = vec![false; num_terms];
            if i == FRESHNESS {
                for value in &self.selected[i] {
                    if let Some(flag) = FRESHNESS_VALUES
                        .iter()
                        .position(|known| known == value)
                        .and_then(|ord| mask.get_mut(ord))
                    {
                        *flag = true;
                    }
                }
            } else if let Some((column, _)) = facet {
                for value in &self.selected[i] {
                    let ord = column.dictionary().term_ord(value)?;
                    if let Some(flag) = ord
                        .and_then(|ord| usize::try_from(ord).ok())
                        .and_then(|ord| mask.get_mut(ord))
                    {
                        *flag = true;
                    }
                }
            }
            selected[i] = Some(mask);
        }
        let mut looked_at = self.counted;
        for (looked_at, selected) in looked_at.iter_mut().zip(&selected) {
            *looked_at |= selected.is_some();
        }
        Ok(SegmentSearchCollector {
            segment_ord,
            newest_first: self.newest_first,
            data,
            selected,
            any_looked_at: looked_at.contains(&true),
            looked_at,
            counts,
            total: 0,
            top: TopK::new(self.limit),
            collapse: self.collapse,
            groups: HashMap::new(),
            stale_before: self.stale_before,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, segment_fruits: Vec<SegmentFruit>) -> tantivy::Result<SearchFruit> {
        let mut merged = SearchFruit::default();
        let mut groups: HashMap<Vec<u8>, GroupAcc> = HashMap::new();
        for fruit in segment_fruits {
            merged.total += fruit.total;
            merged.top.extend(fruit.top);
            if let Some((column, _, _)) = &fruit.data.groups
                && !fruit.groups.is_empty()
            {
                let mut accs: Vec<(u32, GroupAcc)> = fruit.groups.into_iter().collect();
                accs.sort_unstable_by_key(|(ord, _)| *ord);
                let ords: Vec<u64> = accs.iter().map(|(ord, _)| u64::from(*ord)).collect();
                let mut accs = accs.into_iter().map(|(_, acc)| acc);
                column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(acc) = accs.next() {
                        groups
                            .entry(bytes.to_vec())
                            .and_modify(|merged| merged.merge(acc))
                            .or_insert(acc);
                    }
                })?;
            }
            let facets = merged.facets.iter_mut().zip(&fruit.data.facets);
            for (i, ((facet, data), counts)) in facets.zip(fruit.counts).enumerate() {
                if i == FRESHNESS {
                    for (value, count) in FRESHNESS_VALUES.iter().zip(counts) {
                        if count > 0 {
                            *facet.entry((*value).to_owned()).or_default() += count;
                        }
                    }
                    continue;
                }
                let Some((column, _)) = data else {
                    continue;
                };
                let (ords, ord_counts): (Vec<u64>, Vec<u64>) = counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, count)| count > 0)
                    .map(|(ord, count)| (ord as u64, count))
                    .unzip();
                let mut ord_counts = ord_counts.into_iter();
                column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let count = ord_counts.next().unwrap_or_default();
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *facet.entry(value).or_default() += count;
                })?;
            }
        }
        merged.total += groups.len();
        merged.top.extend(groups.into_values().map(GroupAcc::hit));
        merged.top.sort_unstable_by(|a, b| b.cmp(a));
        merged.top.truncate(self.limit);
        Ok(merged)
    }
}

impl SegmentCollector for SegmentSearchCollector {
    type Fruit = SegmentFruit;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        let freshness = self.freshness(doc);
        let score = if freshness == Some(STALE) {
            score * STALE_FACTOR
        } else {
            score
        };
        let freshness_ord = freshness.map(|ord| [ord]);
        let data = &*self.data;
        let mut ords: [&[u32]; NUM_FACETS] = [&[]; NUM_FACETS];
        // The freshness facet has no column: its one value is set here and kept below.
        if let Some(ord) = &freshness_ord {
            ords[FRESHNESS] = ord;
        }
        let mut passes = [true; NUM_FACETS];
        if self.any_looked_at {
            let facets = data.facets.iter().zip(&self.selected).zip(&self.looked_at);
            let slots = ords.iter_mut().zip(&mut passes);
            for (((facet, selected), &looked_at), (ords, passed)) in facets.zip(slots) {
                if !looked_at {
                    continue;
                }
                if let Some((_, facet_ords)) = facet {
                    *ords = facet_ords.of(doc);
                }
                if let Some(mask) = selected {
                    *passed = ords
                        .iter()
                        .any(|&ord| mask.get(ord as usize).copied().unwrap_or(false));
                }
            }
        }
        let failing = passes.iter().filter(|passed| !**passed).count();
        if failing == 0 {
            let candidate = Candidate {
                score,
                published_at: data
                    .published_at
                    .get(doc as usize)
                    .copied()
                    .unwrap_or_default(),
                address: DocAddress::new(self.segment_ord, doc),
                newest_first: self.newest_first,
                group_matches: 0,
            };
            let group = match (&data.groups, self.collapse) {
                (Some((_, ords, heads)), true) => ords
                    .get(doc as usize)
                    .filter(|&&ord| ord != NO_GROUP)
                    .map(|&ord| (ord, heads.get(doc as usize).copied().unwrap_or(false))),
                _ => None,
            };
            match group {
                Some((ord, head)) => {
                    let found = GroupAcc {
                        best: candidate,
                        head: head.then_some(candidate.address),
                        members: u64::from(!head),
                    };
                    self.groups
                        .entry(ord)
                        .and_modify(|acc| acc.merge(found))
                        .or_insert(found);
                }
                None => {
                    self.total += 1;
                    self.top.push(candidate);
                }
            }
        }
        // A facet counts the document when every *other* facet filter passes:
        // all facets when nothing fails, only the failing one when one fails.
        if failing <= 1 && self.any_looked_at {
            for ((ords, counts), passed) in ords.iter().zip(&mut self.counts).zip(passes) {
                if counts.is_empty() || (failing > 0 && passed) {
                    continue;
                }
                for &ord in *ords {
                    if let Some(count) = counts.get_mut(ord as usize) {
                        *count += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        SegmentFruit {
            total: self.total,
            top: self.top.heap.into_vec().into_iter().map(|c| c.0).collect(),
            groups: self.groups,
            data: self.data,
            counts: self.counts,
        }
    }
}
