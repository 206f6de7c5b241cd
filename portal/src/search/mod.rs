//! Searching reports: turning request parameters into an engine query with the actor's
//! principals, and labelling what comes back.

pub mod routes;

use serde::{Deserialize, Serialize};

use crate::auth::Actor;
use crate::catalog::CatalogData;
use crate::error::{AppError, FieldIssue};
use crate::reports::model::{self, Kind, Outcome};
use crate::state::AppState;
use crate::web::i18n;
use crate::web::markdown::SafeHtml;

pub const DEFAULT_PER_PAGE: usize = 10;
pub const MAX_PER_PAGE: usize = 100;
const MAX_QUERY_CHARS: usize = 500;

/// Search parameters as they arrive in the query string. Facet keys may repeat.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Search words; quotes make a phrase.
    #[serde(default)]
    #[param(max_length = 500)]
    pub q: Option<String>,
    /// A report's kind, or behov, testbadd, journal or teknik.
    #[serde(default)]
    #[param(schema_with = kinds_schema)]
    pub kind: Vec<String>,
    #[serde(default)]
    pub category: Vec<String>,
    #[serde(default)]
    pub organisation: Vec<String>,
    #[serde(default)]
    #[param(schema_with = Outcome::list_field_schema)]
    pub outcome: Vec<String>,
    /// County codes ("04").
    #[serde(default)]
    pub county: Vec<String>,
    /// Years ("2024").
    #[serde(default)]
    #[param(schema_with = years_schema)]
    pub year: Vec<String>,
    /// A report's phase (behov, forstudie, test, inforande, drift, uppfoljning) or a trial's.
    #[serde(default)]
    #[param(schema_with = phases_schema)]
    pub phase: Vec<String>,
    /// The target group of a report, need or trial (ordinart-boende, sarskilt-boende, lss,
    /// socialpsykiatri, ifo, hemsjukvard, anhoriga, personal).
    #[serde(default)]
    #[param(schema_with = target_groups_schema)]
    pub target_group: Vec<String>,
    /// The node an item comes from ("lokal" for this one).
    #[serde(default)]
    pub node: Vec<String>,
    /// A need's status: ny, bedoms, i-test, atgardad, avslutad.
    #[serde(default)]
    #[param(schema_with = crate::needs::NeedStatus::list_field_schema)]
    pub status: Vec<String>,
    /// SCB code of an organisation taking part in a trial or sharing a need.
    #[serde(default)]
    pub participant: Vec<String>,
    /// How current a report, trial or catalogue entry is: aktuell, inaktuell (neither
    /// edited nor confirmed for the node's set time) or arkiverad.
    #[serde(default)]
    #[param(schema_with = freshness_schema)]
    pub freshness: Vec<String>,
    /// The id of a trial: only the trial and the entries of its journal, each as its own
    /// hit. Without it, a trial and its matching journal entries are one hit (the trial
    /// when it matches itself) whose `group_matches` counts the matching entries, and
    /// `total` counts such a group once. An empty value is the same as none; anything but a
    /// hyphenated UUID is refused (422).
    #[serde(default)]
    #[param(
        value_type = Option<String>,
        pattern = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$"
    )]
    pub group: Option<String>,
    /// relevans (default) or nyast.
    #[serde(default)]
    #[param(schema_with = sort_schema)]
    pub sort: Option<String>,
    /// 1-based (default 1).
    #[serde(default)]
    #[param(schema_with = page_schema)]
    pub page: Option<String>,
    /// Hits per page (default 10).
    #[serde(default)]
    #[param(schema_with = per_page_schema)]
    pub per_page: Option<String>,
    /// The facets to count, separated by commas (kind, category, phase, status,
    /// target_group, participant, organisation, county, node, outcome, year): every facet
    /// when left out, none when empty. Counting visits every match, so a search asking
    /// for fewer answers sooner.
    #[serde(default)]
    #[param(schema_with = facets_schema)]
    pub facets: Option<String>,
    /// `false`: search the words as typed. By default a word that names a concept of the
    /// node's thesaurus also finds the concept's other names (and, ranked lower, its narrower
    /// concepts'), always below the word itself; `expansions` in the answer lists them.
    #[serde(default)]
    #[param(schema_with = expand_schema)]
    pub expand: Option<String>,
}

fn expand_schema() -> utoipa::openapi::schema::Object {
    crate::openapi::choice(&["true", "false"], true, false)
}

fn facets_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let names = noden_search::Facet::ALL
        .map(noden_search::Facet::name)
        .join("|");
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!(r"^\s*(({names})\s*(,\s*({names})\s*)*)?$")))
        .build()
}

fn page_schema() -> utoipa::openapi::schema::Schema {
    crate::openapi::number_or_blank(1, 1000)
}

fn per_page_schema() -> utoipa::openapi::schema::Schema {
    crate::openapi::number_or_blank(1, 100)
}

fn kinds_schema() -> utoipa::openapi::schema::Array {
    let mut kinds = Kind::VALUES.to_vec();
    kinds.extend([
        crate::needs::NEED_KIND,
        crate::trials::TRIAL_KIND,
        crate::trials::JOURNAL_KIND,
        crate::technologies::TECHNOLOGY_KIND,
        crate::procurement::PROCUREMENT_KIND,
        crate::fieldreports::FIELD_REPORT_KIND,
    ]);
    crate::openapi::choices(&kinds, None)
}

fn phases_schema() -> utoipa::openapi::schema::Array {
    let mut phases = model::Phase::VALUES.to_vec();
    phases.extend(crate::trials::TrialPhase::VALUES);
    phases.extend(crate::procurement::Phase::VALUES);
    phases.sort_unstable();
    phases.dedup();
    crate::openapi::choices(&phases, None)
}

fn target_groups_schema() -> utoipa::openapi::schema::Array {
    crate::openapi::choices(crate::catalog::TargetGroup::VALUES, None)
}

/// Four digits; blank entries are skipped.
fn years_schema() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*([0-9]{4})?\s*$")),
        )
        .build()
}

fn freshness_schema() -> utoipa::openapi::schema::Array {
    crate::openapi::choices(&noden_search::FRESHNESS_VALUES, None)
}

fn sort_schema() -> utoipa::openapi::schema::Object {
    crate::openapi::choice(&["relevans", "nyast"], true, false)
}

impl SearchParams {
    /// Parses a query string; repeated keys become lists.
    pub fn from_query(query: &str) -> Result<Self, AppError> {
        serde_html_form::from_str(query).map_err(|e| {
            AppError::BadRequest(i18n::t_with("search-error-params", "error", &e.to_string()))
        })
    }

    /// Checks the parameters and builds the engine query for `actor`, expanding with the
    /// thesaurus of `catalog` unless asked not to.
    pub fn to_query(
        &self,
        actor: Actor,
        catalog: &CatalogData,
    ) -> Result<noden_search::Query, AppError> {
        let mut issues = Vec::new();
        let expand = match self.expand.as_deref().map(str::trim) {
            None | Some("") | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                issues.push(FieldIssue::new(
                    "expand",
                    i18n::t_with(
                        "search-error-expand",
                        "value",
                        &crate::privacy::quoted(other),
                    ),
                ));
                true
            }
        };
        let text = self.q.clone().unwrap_or_default();
        if text.chars().count() > MAX_QUERY_CHARS {
            issues.push(FieldIssue::new(
                "q",
                i18n::t_with(
                    "search-error-query-length",
                    "max",
                    &MAX_QUERY_CHARS.to_string(),
                ),
            ));
        }
        let page = parse_number(&mut issues, "page", self.page.as_deref(), 1, 1, 1000);
        let per_page = parse_number(
            &mut issues,
            "per_page",
            self.per_page.as_deref(),
            DEFAULT_PER_PAGE,
            1,
            MAX_PER_PAGE,
        );
        let sort = match self.sort.as_deref().map(str::trim) {
            None | Some("") | Some("relevans") => noden_search::Sort::Relevance,
            Some("nyast") => noden_search::Sort::Newest,
            Some(other) => {
                issues.push(FieldIssue::new(
                    "sort",
                    i18n::t_with(
                        "search-error-sort-unknown",
                        "value",
                        &crate::privacy::quoted(other),
                    ),
                ));
                noden_search::Sort::Relevance
            }
        };
        let kind = clean(&self.kind);
        for k in kind.iter().filter(|k| {
            ![
                crate::needs::NEED_KIND,
                crate::trials::TRIAL_KIND,
                crate::trials::JOURNAL_KIND,
                crate::technologies::TECHNOLOGY_KIND,
                crate::procurement::PROCUREMENT_KIND,
                crate::fieldreports::FIELD_REPORT_KIND,
            ]
            .contains(&k.as_str())
        }) {
            Kind::from_field(Some(k), "kind", &mut issues);
        }
        let outcome = clean(&self.outcome);
        for o in &outcome {
            Outcome::from_field(Some(o), "outcome", &mut issues);
        }
        let phase = clean(&self.phase);
        for p in phase.iter().filter(|p| {
            crate::trials::TrialPhase::parse(p).is_none()
                && crate::procurement::Phase::parse(p).is_none()
        }) {
            model::Phase::from_field(Some(p), "phase", &mut issues);
        }
        let target_group = clean(&self.target_group);
        for t in &target_group {
            crate::catalog::TargetGroup::from_field(Some(t), "target_group", &mut issues);
        }
        let status = clean(&self.status);
        for s in &status {
            crate::needs::NeedStatus::from_field(Some(s), "status", &mut issues);
        }
        let freshness = clean(&self.freshness);
        for f in freshness
            .iter()
            .filter(|f| !noden_search::FRESHNESS_VALUES.contains(&f.as_str()))
        {
            issues.push(FieldIssue::new(
                "freshness",
                i18n::t_with(
                    "search-error-freshness-unknown",
                    "value",
                    &crate::privacy::quoted(f),
                ),
            ));
        }
        let year = clean(&self.year);
        for y in year
            .iter()
            .filter(|y| y.len() != 4 || !y.chars().all(|c| c.is_ascii_digit()))
        {
            issues.push(FieldIssue::new(
                "year",
                i18n::t_with("search-error-year", "value", y),
            ));
        }
        let facets = match self.facets.as_deref() {
            None => noden_search::Facet::ALL.to_vec(),
            Some(list) => {
                let mut facets = Vec::new();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    match noden_search::Facet::from_name(name) {
                        Some(facet) if !facets.contains(&facet) => facets.push(facet),
                        Some(_) => {}
                        None => issues.push(FieldIssue::new(
                            "facets",
                            i18n::text_with(
                                i18n::lang(),
                                "search-error-facet-unknown",
                                &[
                                    ("value", crate::privacy::quoted(name).into()),
                                    (
                                        "choices",
                                        noden_search::Facet::ALL
                                            .map(noden_search::Facet::name)
                                            .join(", ")
                                            .into(),
                                    ),
                                ],
                            ),
                        )),
                    }
                }
                facets
            }
        };
        let group = self.group.as_deref().filter(|g| !g.is_empty());
        // Hyphenated only, as the schema says (the parser would take other spellings too).
        if let Some(g) = group
            && (g.len() != 36 || uuid::Uuid::parse_str(g).is_err())
        {
            issues.push(FieldIssue::new("group", "search-error-group-id"));
        }
        if !issues.is_empty() {
            return Err(AppError::Invalid(issues));
        }
        Ok(noden_search::Query {
            group: group.map(str::to_owned).into_iter().collect(),
            technology: Vec::new(),
            collapse: group.is_none(),
            text,
            kind,
            category: clean(&self.category),
            organisation: clean(&self.organisation),
            outcome,
            county: clean(&self.county),
            year,
            phase,
            target_group,
            node: clean(&self.node),
            status,
            participant: clean(&self.participant),
            freshness,
            // Set by `run`, from the clock and the settings.
            stale_before: None,
            facets,
            principals: actor.principals(),
            sort,
            page,
            per_page,
            thesaurus: expand.then(|| std::sync::Arc::clone(&catalog.thesaurus)),
        })
    }
}

fn clean(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = values
        .iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn parse_number(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: Option<&str>,
    default: usize,
    min: usize,
    max: usize,
) -> usize {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => default,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                issues.push(FieldIssue::new(field, crate::web::integer_range(min, max)));
                default
            }
        },
    }
}

/// Runs `f` against the index on the blocking pool, when its turn comes (one search per core
/// at a time): searches never stall the async workers.
async fn on_index<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&noden_search::SearchIndex) -> Result<T, noden_search::SearchError> + Send + 'static,
) -> Result<T, AppError> {
    on_this_index(state, state.index.current(), f).await
}

/// As [`on_index`], against `index`: one the caller already looked at (a rebuilt index may have
/// replaced it since).
async fn on_this_index<T: Send + 'static>(
    state: &AppState,
    index: std::sync::Arc<noden_search::SearchIndex>,
    f: impl FnOnce(&noden_search::SearchIndex) -> Result<T, noden_search::SearchError> + Send + 'static,
) -> Result<T, AppError> {
    let turn = state.index.turn().await;
    tokio::task::spawn_blocking(move || {
        let found = f(&index);
        drop(turn);
        found
    })
    .await
    .map_err(|e| AppError::internal_from("search task", e))?
    .map_err(AppError::from)
}

/// Runs a query.
pub async fn run(
    state: &AppState,
    mut query: noden_search::Query,
) -> Result<noden_search::Results, AppError> {
    // To the hour, so that the same search within the hour is answered from the cache (what
    // is stale is counted in months; a search may call a report current for up to an hour
    // after its page calls it stale). To the minute, every popular search ran again each
    // minute: at 1M documents a burst of searches of tens of milliseconds each.
    let now = state.clock.now();
    let cutoff =
        chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::hours(1)).unwrap_or(now);
    query.stale_before =
        Some(crate::freshness::stale_before(cutoff, state.settings.stale_after_months).timestamp());
    let started = std::time::Instant::now();
    // A search made before is answered at once: it does not wait for its turn behind new
    // searches, which visit their matches (at 1M documents tens of milliseconds each).
    let index = state.index.current();
    let results = match index.look_up(&query) {
        noden_search::Looked::Answered(results) => Ok(*results),
        noden_search::Looked::Missed(missed) => {
            on_this_index(state, index, move |index| {
                index.search_missed(&query, *missed)
            })
            .await
        }
    };
    state.metrics.searched(started.elapsed());
    results
}

/// Words the thesaurus added, as a page shows them: the first few, then how many more.
pub fn expansions_text(expansions: &[String]) -> String {
    const SHOWN: usize = 5;
    let shown = expansions[..expansions.len().min(SHOWN)].join(", ");
    match expansions.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!(
            "{shown} {}",
            i18n::t_count("search-expanded-more", "count", more)
        ),
    }
}

/// What a search found, as pages and the API present it.
pub struct Found {
    pub results: noden_search::Results,
    /// No document had all the words, so the results have any of them.
    pub any_word: bool,
    /// When nothing was found at all: a corrected text that finds something.
    pub did_you_mean: Option<String>,
}

/// Runs a search for `actor`. When all its words together find nothing, it runs again with
/// any of the words (phrases and explicit operators are left as typed); when that finds
/// nothing either, it proposes a correction.
pub async fn find(
    state: &AppState,
    actor: Actor,
    query: noden_search::Query,
) -> Result<Found, AppError> {
    let words: Vec<&str> = query.text.split_whitespace().collect();
    let plain = words.len() > 1
        && !query.text.contains('"')
        && words
            .iter()
            .all(|w| !matches!(*w, "OR" | "AND" | "NOT") && !w.starts_with(['-', '+']));
    let any_word = plain.then(|| noden_search::Query {
        text: words.join(" OR "),
        ..query.clone()
    });
    let text = query.text.clone();
    let results = run(state, query).await?;
    if results.total > 0 {
        return Ok(Found {
            results,
            any_word: false,
            did_you_mean: None,
        });
    }
    if let Some(any_word) = any_word {
        let widened = run(state, any_word).await?;
        if widened.total > 0 {
            return Ok(Found {
                results: widened,
                any_word: true,
                did_you_mean: None,
            });
        }
    }
    let did_you_mean = did_you_mean(state, actor, text).await?;
    Ok(Found {
        results,
        any_word: false,
        did_you_mean,
    })
}

/// Titles `actor` may open that match what has been typed so far.
pub async fn suggest(
    state: &AppState,
    actor: Actor,
    prefix: String,
    limit: usize,
) -> Result<Vec<noden_search::Suggestion>, AppError> {
    on_index(state, move |index| {
        index.suggest(&prefix, &actor.principals(), limit)
    })
    .await
}

/// At most `limit` concepts of the thesaurus with a word that begins with `typed`, each with how
/// many hits a search for it has among what `actor` may open: its slug, preferred word and hit
/// count. A concept whose search finds nothing the actor may open is left out, so a suggestion
/// never tells of items they cannot see.
pub async fn suggest_concepts(
    state: &AppState,
    actor: Actor,
    typed: &str,
    limit: usize,
) -> Result<Vec<(String, String, usize)>, AppError> {
    let catalog = state.catalog.get();
    let mut found = Vec::new();
    if typed.trim().chars().count() < 2 {
        return Ok(found);
    }
    for label in catalog.thesaurus.starting_with(typed, limit) {
        let Some(concept) = catalog.concepts.iter().find(|c| c.label == label) else {
            continue;
        };
        let query = noden_search::Query {
            text: label.clone(),
            principals: actor.principals(),
            collapse: true,
            per_page: 1,
            thesaurus: Some(std::sync::Arc::clone(&catalog.thesaurus)),
            ..Default::default()
        };
        let hits = run(state, query).await?.total;
        if hits > 0 {
            found.push((concept.slug.clone(), label, hits));
        }
    }
    Ok(found)
}

/// A corrected query that finds something `actor` may open, when `text` finds nothing.
async fn did_you_mean(
    state: &AppState,
    actor: Actor,
    text: String,
) -> Result<Option<String>, AppError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    // Asked each time a search finds nothing: once proposed, it does not wait for a turn.
    let index = state.index.current();
    let principals = actor.principals();
    if let Some(corrected) = index.correction_made_before(&text, &principals) {
        return Ok(corrected);
    }
    on_this_index(state, index, move |index| {
        index.did_you_mean(&text, &principals)
    })
    .await
}

/// Reports like the report `id`, among those `actor` may open.
pub async fn more_like_this(
    state: &AppState,
    actor: Actor,
    id: String,
    limit: usize,
) -> Result<Vec<HitView>, AppError> {
    let hits = on_index(state, move |index| {
        index.more_like_this(&id, &actor.principals(), limit)
    })
    .await?;
    Ok(hit_views(hits, state))
}

/// A facet value with its label.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
}

/// The facet names in the order pages show them.
pub const FACETS: [&str; 12] = [
    "kind",
    "category",
    "phase",
    "status",
    "target_group",
    "participant",
    "organisation",
    "county",
    "node",
    "outcome",
    "year",
    "freshness",
];

/// A facet's heading, in the page's language.
pub fn facet_heading(facet: &str) -> String {
    match facet {
        "kind" => i18n::t("facet-kind"),
        "category" => i18n::t("facet-category"),
        "phase" => i18n::t("facet-phase"),
        "status" => i18n::t("facet-status"),
        "target_group" => i18n::t("facet-target_group"),
        "participant" => i18n::t("facet-participant"),
        "organisation" => i18n::t("facet-organisation"),
        "county" => i18n::t("facet-county"),
        "node" => i18n::t("facet-node"),
        "outcome" => i18n::t("facet-outcome"),
        "year" => i18n::t("facet-year"),
        "freshness" => i18n::t("facet-freshness"),
        other => other.to_owned(),
    }
}

/// A line under a facet's heading telling it apart from a similar one.
pub fn facet_hint(facet: &str) -> Option<String> {
    match facet {
        "organisation" => Some(i18n::t("facet-hint-organisation")),
        "participant" => Some(i18n::t("facet-hint-participant")),
        _ => None,
    }
}

/// Labels every facet value.
pub fn labelled_facets(
    facets: &noden_search::Facets,
    catalog: &CatalogData,
) -> Vec<(&'static str, Vec<FacetValue>)> {
    let label = |facet: &str, value: &str| -> String {
        match facet {
            "kind" => kind_label(value),
            "outcome" => Outcome::label_of(value),
            "category" => catalog
                .category_by_slug(value)
                .map_or_else(|| value.to_owned(), |c| c.name.clone()),
            "organisation" | "participant" => catalog
                .organisation_by_code(value)
                .map_or_else(|| value.to_owned(), |o| o.name.clone()),
            "county" => catalog.county_name(value).unwrap_or(value).to_owned(),
            "phase" => phase_label(value),
            "status" => crate::needs::NeedStatus::label_of(value),
            "target_group" => target_group_label(value),
            "node" if value == crate::indexer::LOCAL_NODE => i18n::t("facet-this-node"),
            "freshness" => crate::freshness::label_of(value),
            _ => value.to_owned(),
        }
    };
    FACETS
        .iter()
        .map(|&name| {
            let counts = noden_search::Facet::from_name(name).map_or(&[][..], |f| facets.of(f));
            let values = counts
                .iter()
                .map(|c| FacetValue {
                    label: label(name, &c.value),
                    value: c.value.clone(),
                    count: c.count,
                })
                .collect();
            (name, values)
        })
        .collect()
}

/// A hit as pages show it.
pub struct HitView {
    /// "3 journalanteckningar matchar" and the search showing them, for a trial whose
    /// matching journal entries were folded into this hit.
    pub group_note: Option<(String, String)>,
    pub title_html: SafeHtml,
    pub url: String,
    pub snippet_html: SafeHtml,
    pub kind_label: String,
    pub organisation: Option<String>,
    pub outcome_label: Option<String>,
    pub date: String,
    /// "Från <nod>" for an item pulled from a peer node.
    pub origin: Option<String>,
    /// "Kan vara inaktuell" or "Arkiverad", for a report, trial or catalogue entry.
    pub freshness: Option<String>,
}

pub fn hit_views(hits: Vec<noden_search::Hit>, state: &AppState) -> Vec<HitView> {
    let catalog = state.catalog.get();
    let now = state.clock.now();
    hits.into_iter()
        .map(|h| HitView {
            freshness: crate::freshness::of_hit(&h, now, &state.settings)
                .filter(|value| *value != noden_search::FRESHNESS_VALUES[0])
                .map(crate::freshness::label_of),
            group_note: None,
            // The engine escapes the text and adds only <mark> tags.
            title_html: SafeHtml::trusted(h.title_html),
            snippet_html: SafeHtml::trusted(h.snippet_html),
            url: h.url,
            kind_label: kind_label(&h.kind),
            organisation: h
                .organisation
                .as_deref()
                .and_then(|code| catalog.organisation_by_code(code))
                .map(|o| o.name.clone()),
            outcome_label: h.outcome.as_deref().map(Outcome::label_of),
            date: chrono::DateTime::from_timestamp(h.published_at, 0)
                .map(|d| crate::web::date_text(d.date_naive()))
                .unwrap_or_default(),
            origin: (!h.node.is_empty() && h.node != crate::indexer::LOCAL_NODE)
                .then(|| i18n::t_with("hit-from-node", "node", &h.node)),
        })
        .collect()
}

/// The newest documents `actor` may open, narrowed by `narrow`; with the total and the
/// facets `narrow` asks for (none unless it does).
pub async fn browse(
    state: &AppState,
    actor: Actor,
    per_page: usize,
    narrow: impl FnOnce(&mut noden_search::Query),
) -> Result<(usize, Vec<HitView>, noden_search::Facets), AppError> {
    let mut query = noden_search::Query {
        principals: actor.principals(),
        sort: noden_search::Sort::Newest,
        page: 1,
        per_page,
        ..Default::default()
    };
    narrow(&mut query);
    let results = run(state, query).await?;
    Ok((
        results.total,
        hit_views(results.hits, state),
        results.facets,
    ))
}

/// "1 journalanteckning matchar", "3 journalanteckningar matchar".
pub fn journal_matches_text(n: u64) -> String {
    i18n::t_count("journal-matches", "count", n)
}

/// The label of a kind of hit: a report's kind or one of the other items' kinds.
pub fn kind_label(value: &str) -> String {
    match value {
        crate::needs::NEED_KIND => i18n::t("hit-kind-need"),
        crate::trials::TRIAL_KIND => i18n::t("hit-kind-trial"),
        crate::trials::JOURNAL_KIND => i18n::t("hit-kind-journal"),
        crate::technologies::TECHNOLOGY_KIND => i18n::t("hit-kind-technology"),
        crate::procurement::PROCUREMENT_KIND => i18n::t("hit-kind-procurement"),
        crate::fieldreports::FIELD_REPORT_KIND => i18n::t("hit-kind-field-report"),
        _ => Kind::label_of(value),
    }
}

/// The label of a phase facet value: a report's phase or a trial's.
fn phase_label(value: &str) -> String {
    model::Phase::parse(value)
        .map(model::Phase::label)
        .or_else(|| crate::trials::TrialPhase::parse(value).map(crate::trials::TrialPhase::label))
        .or_else(|| crate::procurement::Phase::parse(value).map(crate::procurement::Phase::label))
        .map_or_else(|| value.to_owned(), str::to_owned)
}

/// The label of a target-group facet value.
fn target_group_label(value: &str) -> String {
    crate::catalog::TargetGroup::label_of(value)
}
