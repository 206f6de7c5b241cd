//! What a search collected (total, best hits, facet counts), kept per query for the
//! reader generation it was collected on: the next page of the same search, and the next
//! visitor asking the same, do not visit the matching documents again. The corrections
//! "did you mean" proposed, and the terms a word stands for with a typo, are kept the same
//! way.
//!
//! A query's key is everything but its page; an entry answers a page when it holds that
//! many hits, or every hit there is. Entries of an older reader generation are dropped
//! the first time the cache is used after a commit, so a change is never hidden by it.

use std::collections::BTreeMap;
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

use crate::collector::{Candidate, NUM_FACETS};
use crate::{Facets, Hit, Query, Results, Sort};

/// Searches remembered at a time.
const CAPACITY: NonZeroUsize = match NonZeroUsize::new(512) {
    Some(capacity) => capacity,
    None => NonZeroUsize::MIN,
};

/// Corrections remembered at a time (see [`Corrections`]).
const CORRECTIONS: NonZeroUsize = match NonZeroUsize::new(256) {
    Some(capacity) => capacity,
    None => NonZeroUsize::MIN,
};

/// Typo expansions remembered at a time (see [`TypoTerms`]).
const TYPO_TERMS: NonZeroUsize = match NonZeroUsize::new(1_024) {
    Some(capacity) => capacity,
    None => NonZeroUsize::MIN,
};

/// At least this many best hits are collected and kept, so the first pages of a search
/// come from one pass.
pub(crate) const KEPT_HITS: usize = 50;

/// Pages of highlighted hits kept per search.
const KEPT_PAGES: usize = 4;

/// A query without its page: what decides the matching documents, their order and the
/// facets counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    text: String,
    selected: [Vec<String>; NUM_FACETS],
    counted: [bool; NUM_FACETS],
    group: Vec<String>,
    technology: Vec<String>,
    principals: Vec<String>,
    collapse: bool,
    newest: bool,
    stale_before: Option<i64>,
    /// The thesaurus a search expanded with ([`crate::Thesaurus::version`]), if any.
    thesaurus: Option<u64>,
}

impl Key {
    pub(crate) fn of(
        query: &Query,
        selected: &[Vec<String>; NUM_FACETS],
        counted: [bool; NUM_FACETS],
    ) -> Key {
        let sorted = |values: &[String]| {
            let mut values = values.to_vec();
            values.sort_unstable();
            values.dedup();
            values
        };
        Key {
            text: query.text.clone(),
            selected: selected.each_ref().map(|values| sorted(values)),
            counted,
            group: sorted(&query.group),
            technology: sorted(&query.technology),
            principals: sorted(&query.principals),
            collapse: query.collapse,
            newest: query.sort == Sort::Newest,
            stale_before: query.stale_before,
            thesaurus: query.thesaurus.as_ref().map(|t| t.version()),
        }
    }
}

/// A page of highlighted hits by (offset, page size).
pub(crate) type KeptPage = ((usize, usize), Arc<Vec<Hit>>);

/// What one pass over the matching documents found.
#[derive(Debug)]
pub(crate) struct Collected {
    pub total: usize,
    /// The best hits, best first: the `limit` best, or all when there are fewer.
    pub top: Vec<Candidate>,
    /// How many best hits the pass was asked for.
    pub limit: usize,
    pub facets: Facets,
    /// What the thesaurus added to the words typed (see [`crate::Results::expansions`]).
    pub expansions: Vec<String>,
    /// Pages already read and highlighted, by (offset, page size): another visitor asking
    /// for one gets it as it was made.
    pub pages: Mutex<Vec<KeptPage>>,
}

impl Collected {
    /// What a search answers with `hits` as the page shown.
    pub(crate) fn results(&self, hits: Vec<Hit>) -> Results {
        Results {
            total: self.total,
            hits,
            facets: self.facets.clone(),
            expansions: self.expansions.clone(),
        }
    }

    /// The page of hits at `offset`, if it was made before.
    pub(crate) fn page(&self, offset: usize, per_page: usize) -> Option<Arc<Vec<Hit>>> {
        self.pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|(at, _)| *at == (offset, per_page))
            .map(|(_, hits)| Arc::clone(hits))
    }

    /// Keeps a page of hits, forgetting the oldest when [`KEPT_PAGES`] are kept.
    pub(crate) fn keep_page(&self, offset: usize, per_page: usize, hits: &[Hit]) {
        let mut pages = self.pages.lock().unwrap_or_else(PoisonError::into_inner);
        if pages.iter().any(|(at, _)| *at == (offset, per_page)) {
            return;
        }
        if pages.len() >= KEPT_PAGES {
            pages.remove(0);
        }
        pages.push(((offset, per_page), Arc::new(hits.to_vec())));
    }

    /// Whether the best `limit` hits are all here.
    pub(crate) fn covers(&self, limit: usize) -> bool {
        limit <= self.limit || self.top.len() < self.limit
    }
}

struct State<K, V> {
    generation: u64,
    entries: LruCache<K, V>,
}

/// Values by key, each for the reader generation it was worked out on.
pub(crate) struct ByGeneration<K, V> {
    state: Mutex<State<K, V>>,
}

/// What searches collected, by query.
pub(crate) type ResultCache = ByGeneration<Key, Arc<Collected>>;

/// What "did you mean" proposed (see [`crate::SearchIndex::did_you_mean`]), by the text and
/// the principals (sorted): the search page asks it each time a search finds nothing.
pub(crate) type Corrections = ByGeneration<(String, Vec<String>), Option<String>>;

/// The indexed terms a word stands for with a typo (see [`crate::terms::fuzzy_terms`]), by its
/// analyzed form and the typo distance: a search that changes only a filter, the sort or the
/// page, and another visitor's search with a word searched before, do not build the word's
/// Levenshtein automaton and walk the term dictionary again (a sixth of a cheap search in a
/// profile).
pub(crate) type TypoTerms = ByGeneration<(String, u8), Arc<BTreeMap<String, u64>>>;

impl Default for TypoTerms {
    fn default() -> Self {
        ByGeneration::new(TYPO_TERMS)
    }
}

impl Default for ResultCache {
    fn default() -> Self {
        ByGeneration::new(CAPACITY)
    }
}

impl Default for Corrections {
    fn default() -> Self {
        ByGeneration::new(CORRECTIONS)
    }
}

impl<K: Hash + Eq, V: Clone> ByGeneration<K, V> {
    fn new(capacity: NonZeroUsize) -> Self {
        ByGeneration {
            state: Mutex::new(State {
                generation: 0,
                entries: LruCache::new(capacity),
            }),
        }
    }

    /// The entries of reader `generation` (generations only grow): `None` for a reader older
    /// than the newest seen, which neither reads nor fills the cache.
    fn state(&self, generation: u64) -> Option<std::sync::MutexGuard<'_, State<K, V>>> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if generation > state.generation {
            state.entries.clear();
            state.generation = generation;
        }
        (state.generation == generation).then_some(state)
    }

    /// The value of `key` worked out on reader `generation`, if any.
    pub(crate) fn get(&self, generation: u64, key: &K) -> Option<V> {
        self.state(generation)?.entries.get(key).cloned()
    }

    pub(crate) fn put(&self, generation: u64, key: K, value: V) {
        if let Some(mut state) = self.state(generation) {
            state.entries.put(key, value);
        }
    }

    pub(crate) fn clear(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entries
            .clear();
    }
}
