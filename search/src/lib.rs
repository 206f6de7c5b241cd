//! Noden's search engine: a tantivy index with Swedish analysis, visibility
//! filtering by principals, disjunctive facet counts and highlighted snippets.
//!
//! The crate is pure (no web framework, no SQL). All operations are
//! synchronous; callers are expected to run them on a blocking thread pool.
//! [`SearchIndex`] is `Send + Sync` and meant to be shared behind an `Arc`.
//!
//! Besides [`SearchIndex::search`]:
//! - [`SearchIndex::suggest`]: search-as-you-type suggestions (title word
//!   prefixes),
//! - [`SearchIndex::did_you_mean`]: a corrected text for a search finding
//!   nothing,
//! - [`SearchIndex::more_like_this`]: documents similar to a given one.
//!
//! All of them only ever return documents (or words of documents) visible
//! under the given principals.
//!
//! # Typo tolerance
//!
//! In searches, a plain (unquoted) word of 5–8 letters also matches indexed
//! words within 1 edit, and a word of 9 or more letters within 2 edits (a
//! swap of two adjacent letters counts as one edit; the first letter never
//! changes; the distance is measured between the folded, stemmed forms,
//! whose length caps it too). Such typo-only matches score a small constant,
//! so exact matches rank first, and every word must still match, exactly
//! or with a typo. Phrases in quotes, excluded (`-word`) words and texts
//! using `OR` stay exact.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod analysis;
mod cache;
mod collector;
mod compounds;
mod error;
mod extras;
mod index;
mod query;
mod schema;
mod snippet;
mod terms;
mod thesaurus;

#[cfg(test)]
mod tests;

pub use error::SearchError;
pub use index::SearchIndex;
pub use query::{Looked, Missed};
pub use thesaurus::{ConceptSpec, Thesaurus, ThesaurusError};

/// Version of the index layout (schema + analyzers). Bump it whenever either
/// changes, or when the stored values of a field change meaning (8: one
/// target-group list; 9: technologies and the time of the last change): an index
/// written with another version is wiped on open and must be rebuilt by the caller.
pub const SCHEMA_VERSION: u32 = 11;

/// A searcher principal that opens every document: for the node's own machine access
/// (the administrator token), never for a person.
pub const ALL_PRINCIPALS: &str = "*";

/// A searchable item, as handed to the index by the caller.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// UUID string; the unique key used for upserts and deletes.
    pub id: String,
    /// Facet value, e.g. "testrapport", "guide".
    pub kind: String,
    pub title: String,
    pub summary: String,
    /// Plain text (Markdown already stripped by the caller).
    pub body: String,
    /// E.g. "/rapporter/nattillsyn-i-nykoping".
    pub url: String,
    /// Facet value (an SCB code like "0480").
    pub organisation: Option<String>,
    /// Facet values (category slugs like "digital-tillsyn").
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Facet value: "inford", "ej-inford", "forkastad", "pagar".
    pub outcome: Option<String>,
    /// Facet value: the county code ("04") of the organisation, if any.
    pub county: Option<String>,
    /// Facet value: where in its life the work is ("behov", "test", "inforande", …).
    #[serde(default)]
    pub phase: Option<String>,
    /// Facet values: who the technology is for ("aldre", "funktionsnedsattning", …).
    #[serde(default)]
    pub target_groups: Vec<String>,
    /// Facet value: the node the item comes from (this one, or a federated peer).
    #[serde(default)]
    pub node: String,
    /// Facet value: the status of a need (`ny`, `bedoms`, `i-test`, `atgardad`, `avslutad`).
    #[serde(default)]
    pub status: Option<String>,
    /// Facet values: the organisations (SCB codes) taking part: a trial's lead and
    /// participants, a need's raiser and those who share it.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The group the document belongs to, if any: the id of the group's own document
    /// (a trial's id, on the trial and on each entry of its journal). A search with
    /// [`Query::collapse`] shows a group as one hit.
    #[serde(default)]
    pub group: Option<String>,
    /// The catalogue entries (ids) the item concerns: a filter ([`Query::technology`]),
    /// not a facet.
    #[serde(default)]
    pub technologies: Vec<String>,
    /// Who may see it: `public`, `network`, `org:<uuid>`, `ws:<uuid>`.
    pub principals: Vec<String>,
    /// Unix seconds.
    pub published_at: i64,
    /// Unix seconds of the item's last change; 0 means unknown (then [`Hit::updated_at`]
    /// is `published_at`).
    #[serde(default)]
    pub updated_at: i64,
    /// Unix seconds when the item was last confirmed to hold, for items that can go out of
    /// date (reports, trials, catalogue entries); see [`Query::stale_before`].
    #[serde(default)]
    pub confirmed_at: Option<i64>,
    /// Archived: still found, labelled, never stale.
    #[serde(default)]
    pub archived: bool,
}

/// One entry of a batch given to [`SearchIndex::apply`].
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "part of the agreed API; batches are short-lived and mostly upserts"
)]
pub enum Change {
    /// Insert or replace the document with this id.
    Upsert(Document),
    /// Remove the document with this id (a no-op when it is not indexed).
    Delete { id: String },
}

/// Result ordering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Sort {
    /// Best match first (BM25). With an empty text this falls back to newest first.
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
}

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// User text; may be empty (= browse everything visible, newest first).
    pub text: String,
    /// Facet filters: OR within one facet, AND across facets.
    pub kind: Vec<String>,
    pub category: Vec<String>,
    pub organisation: Vec<String>,
    pub outcome: Vec<String>,
    pub county: Vec<String>,
    /// Years ("2024") of `published_at`, in UTC.
    pub year: Vec<String>,
    pub phase: Vec<String>,
    pub target_group: Vec<String>,
    pub node: Vec<String>,
    pub status: Vec<String>,
    pub participant: Vec<String>,
    /// Only the documents of these groups (see [`Document::group`]), e.g. one trial with
    /// the entries of its journal.
    pub group: Vec<String>,
    /// Only the documents concerning one of these catalogue entries (see
    /// [`Document::technologies`]).
    pub technology: Vec<String>,
    /// Facet filter on how current a document is: [`FRESHNESS_VALUES`].
    pub freshness: Vec<String>,
    /// Unix seconds: a document confirmed before this (see [`Document::confirmed_at`]) and
    /// not archived may be out of date: it ranks a little lower ([`STALE_FACTOR`]) and counts
    /// as `inaktuell` in the freshness facet. `None`: nothing is stale.
    pub stale_before: Option<i64>,
    /// Show each group as one hit: the group's own document when it matches, else its
    /// best-ranked matching member, ranked by the group's best match. [`Results::total`]
    /// then counts hits (a group counts once), so paging stays honest; facet counts still
    /// count documents.
    pub collapse: bool,
    /// The facets to count, as a page draws them; the others come back empty. Counting
    /// visits every matching document, so a search asking for none costs least.
    pub facets: Vec<Facet>,
    /// Required: a document is visible iff its principals intersect these;
    /// empty means nothing is visible.
    pub principals: Vec<String>,
    pub sort: Sort,
    /// Also search what this thesaurus gives for the words typed: the other labels of a
    /// concept named, and more weakly those of its narrower concepts, ranked below the words
    /// themselves (see [`Results::expansions`]). `None`: the words as typed.
    pub thesaurus: Option<std::sync::Arc<Thesaurus>>,
    /// 1-based; 0 is treated as 1.
    pub page: usize,
    /// Clamped to 1..=100; 0 means 10.
    pub per_page: usize,
}

/// A facet a search can count (see [`Query::facets`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Kind,
    Category,
    Organisation,
    Outcome,
    County,
    Year,
    Phase,
    TargetGroup,
    Node,
    Status,
    Participant,
    /// How current a document is: `aktuell`, `inaktuell` or `arkiverad` (documents of kinds
    /// that cannot go out of date have none). Worked out per search from
    /// [`Query::stale_before`], not stored.
    Freshness,
}

/// The values of [`Facet::Freshness`].
pub const FRESHNESS_VALUES: [&str; 3] = ["aktuell", "inaktuell", "arkiverad"];

/// The score of a stale document's match is multiplied by this: it ranks a little lower than
/// an equally good current one, above a clearly weaker one.
pub const STALE_FACTOR: f32 = 0.8;

impl Facet {
    /// Every facet, in the order of [`Facets`]' fields.
    pub const ALL: [Facet; 12] = [
        Facet::Kind,
        Facet::Category,
        Facet::Organisation,
        Facet::Outcome,
        Facet::County,
        Facet::Year,
        Facet::Phase,
        Facet::TargetGroup,
        Facet::Node,
        Facet::Status,
        Facet::Participant,
        Facet::Freshness,
    ];

    /// The facet's name as the API spells it ("kind", "target_group", …).
    pub fn name(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Category => "category",
            Facet::Organisation => "organisation",
            Facet::Outcome => "outcome",
            Facet::County => "county",
            Facet::Year => "year",
            Facet::Phase => "phase",
            Facet::TargetGroup => "target_group",
            Facet::Node => "node",
            Facet::Status => "status",
            Facet::Participant => "participant",
            Facet::Freshness => "freshness",
        }
    }

    /// The facet named `name` (see [`Facet::name`]).
    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|facet| facet.name() == name)
    }
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct Results {
    /// Number of visible documents matching the text and all filters; with
    /// [`Query::collapse`], the number of hits: each group counts once.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Disjunctive facet counts (see [`Facets`]) of the facets the query asked for.
    pub facets: Facets,
    /// With [`Query::thesaurus`]: the words searched besides those typed, for the concepts the
    /// thesaurus found among them (each concept's other labels, then its narrower ones').
    pub expansions: Vec<String>,
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    pub organisation: Option<String>,
    pub outcome: Option<String>,
    pub categories: Vec<String>,
    /// The node the item comes from (see [`Document::node`]).
    pub node: String,
    pub published_at: i64,
    /// The item's last change (Unix seconds): the document's `updated_at`, or its
    /// `published_at` when that is unknown.
    pub updated_at: i64,
    /// The document's summary, as given (plain text).
    pub summary: String,
    /// The title, HTML-escaped, matched words wrapped in `<mark>…</mark>`.
    pub title_html: String,
    /// About 200 characters of body (or summary), HTML-escaped, matched words
    /// wrapped in `<mark>…</mark>`.
    pub snippet_html: String,
    /// Relevance score (0.0 when the text is empty).
    pub score: f32,
    /// The group the document belongs to (see [`Document::group`]).
    pub group: Option<String>,
    /// With [`Query::collapse`]: how many matching documents of this hit's group are
    /// members, that is, not the group's own document (the entries of a trial's journal).
    /// 0 otherwise.
    pub group_matches: u64,
    /// When the item was last confirmed (see [`Document::confirmed_at`]).
    pub confirmed_at: Option<i64>,
    /// Whether the item is archived.
    pub archived: bool,
}

/// A search-as-you-type suggestion (see [`SearchIndex::suggest`]).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Suggestion {
    pub title: String,
    pub url: String,
    pub id: String,
}

/// Facet counts. Each facet counts the visible documents matching the text
/// and the *other* facets' filters, so selecting a value keeps its siblings
/// visible ("disjunctive" facets).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub category: Vec<FacetCount>,
    pub organisation: Vec<FacetCount>,
    pub outcome: Vec<FacetCount>,
    pub county: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub phase: Vec<FacetCount>,
    pub target_group: Vec<FacetCount>,
    pub node: Vec<FacetCount>,
    pub status: Vec<FacetCount>,
    pub participant: Vec<FacetCount>,
    pub freshness: Vec<FacetCount>,
}

impl Facets {
    /// The counts of `facet`.
    pub fn of(&self, facet: Facet) -> &[FacetCount] {
        match facet {
            Facet::Kind => &self.kind,
            Facet::Category => &self.category,
            Facet::Organisation => &self.organisation,
            Facet::Outcome => &self.outcome,
            Facet::County => &self.county,
            Facet::Year => &self.year,
            Facet::Phase => &self.phase,
            Facet::TargetGroup => &self.target_group,
            Facet::Node => &self.node,
            Facet::Status => &self.status,
            Facet::Participant => &self.participant,
            Facet::Freshness => &self.freshness,
        }
    }
}

/// A facet value and its document count. Lists are sorted by count
/// descending, then value ascending.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}
