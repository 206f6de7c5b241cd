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

/// Bits of a packed facet value ([`Record::values`]) that hold its slot (see
/// [`SegmentData::bases`]); the bits above hold the facet's index.
const SLOT_BITS: u32 = 27;
const SLOT_MASK: u32 = (1 << SLOT_BITS) - 1;
/// The facets as bits of a mask.
const ALL_FACETS: u16 = (1 << NUM_FACETS) - 1;
/// The bit of [`Record::group`] that marks a group's own document.
const HEAD_BIT: u32 = 1 << 31;
/// Facet values kept in a document's [`Record`]; a document with more has them in
/// [`SegmentData::overflow`].
const INLINE: usize = 10;
/// [`Record::len`] of a document whose values are in [`SegmentData::overflow`].
const OVERFLOWS: u8 = u8::MAX;

/// All the collector reads of one document: its dates, group and facet values, in one cache
/// line, so that a matching document costs one memory access.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Record {
    published_at: i64,
    /// When the document was last confirmed ([`NEVER`] for one that cannot go out of date).
    confirmed_at: i64,
    /// The group's term ordinal ([`NO_GROUP`] for none), with [`HEAD_BIT`] set on the group's
    /// own document.
    group: u32,
    archived: bool,
    /// How many of `values` hold the document's facet values, or [`OVERFLOWS`].
    len: u8,
    /// Facet values: the facet's index above [`SLOT_BITS`], the value's slot below.
    values: [u32; INLINE],
}

const _: () = assert!(std::mem::size_of::<Record>() == 64);

/// The facet data of one segment, decoded from its fast fields.
///
/// A search visits every matching document, so the data is laid out by document, one
/// [`Record`] each. (Column by column, each facet of a document cost a cache miss, which was
/// most of a new search's time over thousands of matches; docs/benchmarks.md.)
pub(crate) struct SegmentData {
    /// Per facet: the column, for its dictionary and number of terms.
    columns: [Option<StrColumn>; NUM_FACETS],
    /// The values of all facets are numbered one after the other: a facet's term ordinal
    /// `ord` is slot `bases[facet] + ord`; `bases[NUM_FACETS]` is the number of slots.
    bases: [u32; NUM_FACETS + 1],
    records: Vec<Record>,
    /// The facet values of the documents with more than [`INLINE`].
    overflow: HashMap<DocId, Box<[u32]>>,
    /// The group column, for its dictionary.
    groups: Option<StrColumn>,
}

impl SegmentData {
    fn load(segment: &SegmentReader) -> tantivy::Result<Self> {
        let max_doc = segment.max_doc();
        let fast_fields = segment.fast_fields();
        let mut columns: [Option<StrColumn>; NUM_FACETS] = Default::default();
        for (column, name) in columns.iter_mut().zip(FACET_FIELDS) {
            if !name.is_empty() {
                *column = fast_fields.str(name)?;
            }
        }
        let mut bases = [0; NUM_FACETS + 1];
        for facet in 0..NUM_FACETS {
            let num_terms = if facet == FRESHNESS {
                FRESHNESS_VALUES.len() as u64
            } else {
                columns[facet]
                    .as_ref()
                    .map_or(0, |column| column.num_terms() as u64)
            };
            bases[facet + 1] = to_u32(u64::from(bases[facet]) + num_terms)?;
        }
        if bases[NUM_FACETS] > SLOT_MASK {
            return Err(TantivyError::InternalError(
                "facet values overflow the packed slot".to_owned(),
            ));
        }
        let published_at = fast_fields.column_opt::<i64>(PUBLISHED_AT)?;
        let confirmed_at = fast_fields.column_opt::<i64>(CONFIRMED_AT)?;
        let archived = fast_fields.column_opt::<bool>(ARCHIVED)?;
        let groups = fast_fields.str(GROUP)?;
        let heads = fast_fields.column_opt::<bool>(GROUP_HEAD)?;
        let mut records = Vec::with_capacity(max_doc as usize);
        let mut overflow = HashMap::new();
        let mut values = Vec::new();
        for doc in 0..max_doc {
            values.clear();
            for (facet, column) in columns.iter().enumerate() {
                let Some(column) = column else {
                    continue;
                };
                for ord in column.term_ords(doc) {
                    let slot = to_u32(u64::from(bases[facet]) + ord)?;
                    values.push((to_u32(facet)? << SLOT_BITS) | slot);
                }
            }
            let group = match groups.as_ref().and_then(|g| g.term_ords(doc).next()) {
                Some(ord) => {
                    let ord = to_u32(ord)?;
                    if ord >= HEAD_BIT - 1 {
                        return Err(TantivyError::InternalError(
                            "group ordinal overflows u31".to_owned(),
                        ));
                    }
                    let head = heads.as_ref().and_then(|h| h.first(doc)).unwrap_or(false);
                    if head { ord | HEAD_BIT } else { ord }
                }
                None => NO_GROUP,
            };
            let mut record = Record {
                published_at: published_at
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .unwrap_or_default(),
                confirmed_at: confirmed_at
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .unwrap_or(NEVER),
                group,
                archived: archived
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .unwrap_or(false),
                len: OVERFLOWS,
                values: [0; INLINE],
            };
            match record.values.get_mut(..values.len()) {
                Some(inline) => {
                    inline.copy_from_slice(&values);
                    record.len = values.len() as u8;
                }
                None => {
                    overflow.insert(doc, values.clone().into_boxed_slice());
                }
            }
            records.push(record);
        }
        Ok(SegmentData {
            columns,
            bases,
            records,
            overflow,
            groups,
        })
    }

    /// The packed facet values of `doc`, whose record is `record`.
    #[inline]
    fn values_of<'a>(&'a self, doc: DocId, record: &'a Record) -> &'a [u32] {
        match record.values.get(..usize::from(record.len)) {
            Some(values) => values,
            None => self
                .overflow
                .get(&doc)
                .map(AsRef::as_ref)
                .unwrap_or_default(),
        }
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
    /// Matches by slot (see [`SegmentData::bases`]), and the facets counted, as bits.
    counts: Vec<u32>,
    counted: u16,
}

pub(crate) struct SegmentSearchCollector {
    segment_ord: SegmentOrdinal,
    newest_first: bool,
    data: Arc<SegmentData>,
    /// By slot (see [`SegmentData::bases`]): whether the value is selected.
    selected: Vec<bool>,
    /// The facets filtered, and those counted, as bits.
    filtered: u16,
    counted: u16,
    /// Matches by slot (the counts of facets not counted are not kept).
    counts: Vec<u32>,
    total: usize,
    top: TopK,
    collapse: bool,
    groups: HashMap<u32, GroupAcc>,
    stale_before: i64,
    /// Matches not yet looked at (see [`Self::flush`]).
    pending: Vec<(DocId, Score)>,
}

/// Matches gathered before their records are read (see [`SegmentSearchCollector::flush`]).
const BATCH: usize = 32;

impl SegmentSearchCollector {
    /// The freshness ordinal of a document, if it is of a kind that can go out of date.
    #[inline]
    fn freshness(&self, record: &Record) -> Option<u32> {
        if record.confirmed_at == NEVER {
            return None;
        }
        Some(if record.archived {
            ARCHIVED_ORD
        } else if record.confirmed_at < self.stale_before {
            STALE
        } else {
            CURRENT
        })
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
        let mut selected = vec![false; data.bases[NUM_FACETS] as usize];
        let mut filtered = 0;
        for (facet, values) in self.selected.iter().enumerate() {
            if values.is_empty() {
                continue;
            }
            filtered |= 1 << facet;
            for value in values {
                let ord = if facet == FRESHNESS {
                    FRESHNESS_VALUES
                        .iter()
                        .position(|known| known == value)
                        .map(|ord| ord as u64)
                } else if let Some(column) = &data.columns[facet] {
                    column.dictionary().term_ord(value)?
                } else {
                    None
                };
                if let Some(flag) = ord
                    .and_then(|ord| usize::try_from(u64::from(data.bases[facet]) + ord).ok())
                    .and_then(|slot| selected.get_mut(slot))
                {
                    *flag = true;
                }
            }
        }
        let counted = (0..NUM_FACETS)
            .filter(|&facet| self.counted[facet])
            .fold(0, |mask, facet| mask | (1 << facet));
        Ok(SegmentSearchCollector {
            segment_ord,
            newest_first: self.newest_first,
            counts: if counted == 0 {
                Vec::new()
            } else {
                vec![0; selected.len()]
            },
            data,
            selected,
            filtered,
            counted,
            total: 0,
            top: TopK::new(self.limit),
            collapse: self.collapse,
            groups: HashMap::new(),
            stale_before: self.stale_before,
            pending: Vec::with_capacity(BATCH),
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
            if let Some(column) = &fruit.data.groups
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
            let facets = merged.facets.iter_mut().zip(&fruit.data.columns);
            for (i, (facet, column)) in facets.enumerate() {
                let slots = fruit.data.bases[i] as usize..fruit.data.bases[i + 1] as usize;
                let counts = match fruit.counts.get(slots) {
                    Some(counts) if fruit.counted & (1 << i) != 0 => counts,
                    _ => continue,
                };
                if i == FRESHNESS {
                    for (value, &count) in FRESHNESS_VALUES.iter().zip(counts) {
                        if count > 0 {
                            *facet.entry((*value).to_owned()).or_default() += u64::from(count);
                        }
                    }
                    continue;
                }
                let Some(column) = column else {
                    continue;
                };
                let (ords, ord_counts): (Vec<u64>, Vec<u64>) = counts
                    .iter()
                    .enumerate()
                    .filter(|&(_, &count)| count > 0)
                    .map(|(ord, &count)| (ord as u64, u64::from(count)))
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
        self.pending.push((doc, score));
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        self.flush();
        SegmentFruit {
            total: self.total,
            top: self.top.heap.into_vec().into_iter().map(|c| c.0).collect(),
            groups: self.groups,
            data: self.data,
            counts: self.counts,
            counted: self.counted,
        }
    }
}

impl SegmentSearchCollector {
    /// Looks at the pending matches. Their records are first read one after the other, which
    /// the processor overlaps, rather than each between the scorer's steps for the next match,
    /// where it waits for every one.
    fn flush(&mut self) {
        let data = Arc::clone(&self.data);
        let mut pending = std::mem::take(&mut self.pending);
        let mut records: [Option<&Record>; BATCH] = [None; BATCH];
        for (record, &(doc, _)) in records.iter_mut().zip(&pending) {
            *record = data.records.get(doc as usize);
        }
        let touched = records
            .iter()
            .flatten()
            .fold(0i64, |sum, record| sum.wrapping_add(record.published_at));
        std::hint::black_box(touched);
        for (&(doc, score), record) in pending.iter().zip(records) {
            if let Some(record) = record {
                self.visit(doc, score, record, data.values_of(doc, record));
            }
        }
        pending.clear();
        self.pending = pending;
    }

    #[inline]
    fn visit(&mut self, doc: DocId, score: Score, record: &Record, values: &[u32]) {
        let freshness = self.freshness(record);
        let score = if freshness == Some(STALE) {
            score * STALE_FACTOR
        } else {
            score
        };
        // The facets the document passes, as bits: those not filtered, and those with a value
        // selected.
        let mut passes = !self.filtered;
        let freshness_slot = freshness.map(|ord| self.data.bases[FRESHNESS] + ord);
        if self.filtered != 0 {
            let slots = values
                .iter()
                .map(|&value| ((value >> SLOT_BITS) as usize, (value & SLOT_MASK) as usize));
            let freshness = freshness_slot.map(|slot| (FRESHNESS, slot as usize));
            for (facet, slot) in slots.chain(freshness) {
                if self.selected.get(slot).copied().unwrap_or(false) {
                    passes |= 1 << facet;
                }
            }
        }
        let failing_facets = !passes & ALL_FACETS;
        if failing_facets == 0 {
            let candidate = Candidate {
                score,
                published_at: record.published_at,
                address: DocAddress::new(self.segment_ord, doc),
                newest_first: self.newest_first,
                group_matches: 0,
            };
            match (record.group, self.collapse) {
                (group, true) if group != NO_GROUP => {
                    let head = group & HEAD_BIT != 0;
                    let found = GroupAcc {
                        best: candidate,
                        head: head.then_some(candidate.address),
                        members: u64::from(!head),
                    };
                    self.groups
                        .entry(group & !HEAD_BIT)
                        .and_modify(|acc| acc.merge(found))
                        .or_insert(found);
                }
                _ => {
                    self.total += 1;
                    self.top.push(candidate);
                }
            }
        }
        // A facet counts the document when every *other* facet filter passes:
        // all facets when nothing fails, only the failing one when one fails.
        let counting = match failing_facets.count_ones() {
            0 => self.counted,
            1 => self.counted & failing_facets,
            _ => 0,
        };
        if counting == 0 {
            return;
        }
        let slots = values
            .iter()
            .map(|&value| ((value >> SLOT_BITS) as usize, value & SLOT_MASK));
        let freshness = freshness_slot.map(|slot| (FRESHNESS, slot));
        for (facet, slot) in slots.chain(freshness) {
            if counting & (1 << facet) != 0
                && let Some(count) = self.counts.get_mut(slot as usize)
            {
                *count += 1;
            }
        }
    }
}
