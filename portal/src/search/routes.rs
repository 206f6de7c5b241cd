//! `/sok` (the search page) and `GET /api/v1/search`.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;
use serde::Serialize;

pub use super::HitView;
use super::{FacetValue, SearchParams, labelled_facets};
use crate::auth::Actor;
use crate::catalog::OrganisationRef;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Pager;
use crate::web::api_resource;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/sok", web::get().to(search_page))
        .service(api_resource!("/api/v1/search", get => api_search))
        .service(api_resource!("/api/v1/suggest", get => api_suggest));
}

/// One hit as the API returns it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiHit {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: String,
    /// HTML-escaped text with the matched words in `<mark>`.
    pub snippet: String,
    pub organisation: Option<OrganisationRef>,
    /// The node the item comes from: `lokal` for this one, a peer node's name for an item
    /// pulled from it (its `url` is then this node's copy, which links to the original).
    pub node: String,
    pub score: f32,
    /// The trial this hit belongs to (a trial's own id, or a journal entry's trial), if any;
    /// pass it as `group` to see the trial and its journal entries as separate hits.
    #[schema(format = Uuid)]
    pub group: Option<String>,
    /// How many of the trial's journal entries match and were folded into this hit (0 when
    /// searching with `group`, and for items outside a trial).
    pub group_matches: u64,
    /// How current a report, trial or catalogue entry is: aktuell, inaktuell (neither edited
    /// nor confirmed for the node's set time; it ranks a little lower) or arkiverad. Absent
    /// for other kinds of item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freshness: Option<&'static str>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<ApiHit>,
    /// Counts per facet (kind, category, phase, status, target_group, participant,
    /// organisation, county, node, outcome, year): the facets `facets` asked for, every one
    /// when it was left out.
    pub facets: BTreeMap<String, Vec<FacetValue>>,
    /// True when no document had all the words, so the hits have any of them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub any_word: bool,
    /// When nothing was found: a corrected query that finds something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// Words searched besides those typed, from the node's thesaurus: the other names of a
    /// concept the text names, then its narrower concepts'. Ranked below the words typed;
    /// `expand=false` searches without them. Absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<String>,
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What has been typed so far.
    #[serde(default)]
    #[param(max_length = 100)]
    pub q: String,
    /// How many suggestions, 1–20 (default 8).
    #[serde(default)]
    #[param(schema_with = limit_schema)]
    pub limit: Option<String>,
}

fn limit_schema() -> utoipa::openapi::schema::Schema {
    crate::openapi::number_or_blank(1, 20)
}

/// Titles matching what has been typed so far, for search-as-you-type.
#[utoipa::path(
    get,
    path = "/api/v1/suggest",
    tag = "search",
    params(SuggestParams),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "Suggested titles, best first", body = Vec<SuggestionItem>),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn api_suggest(
    state: web::Data<AppState>,
    actor: Actor,
    params: web::Query<SuggestParams>,
) -> Result<web::Json<Vec<SuggestionItem>>, AppError> {
    let params = params.into_inner();
    if params.q.chars().count() > 100 {
        return Err(AppError::invalid("q", "search-error-max-100-chars"));
    }
    let limit = match params
        .limit
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        None => 8,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=20).contains(&n) => n,
            _ => {
                return Err(AppError::invalid(
                    "limit",
                    &crate::web::integer_range(1, 20),
                ));
            }
        },
    };
    let concepts = super::suggest_concepts(&state, actor.clone(), &params.q, limit.min(2)).await?;
    let suggestions = super::suggest(
        &state,
        actor,
        params.q,
        limit.saturating_sub(concepts.len()),
    )
    .await?;
    Ok(web::Json(
        concepts
            .into_iter()
            .map(|(slug, label, hits)| SuggestionItem {
                url: text_search_url(&label),
                text: Some(crate::web::i18n::text_with(
                    crate::web::i18n::lang(),
                    "search-suggest-concept",
                    &[("label", label.as_str().into()), ("hits", hits.into())],
                )),
                hits: Some(hits),
                id: slug,
                title: label,
            })
            .chain(suggestions.into_iter().map(|s| SuggestionItem {
                id: s.id,
                title: s.title,
                url: s.url,
                hits: None,
                text: None,
            }))
            .collect(),
    ))
}

/// One suggestion: an item's title, or a concept of the node's thesaurus that finds something
/// the caller may open (its preferred word, a search for it, and how many hits that search
/// has).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestionItem {
    /// The item's id, or the concept's slug.
    pub id: String,
    /// The item's title, or the concept's preferred word.
    pub title: String,
    pub url: String,
    /// For a concept: how many hits a search for it has, for the caller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hits: Option<usize>,
    /// For a concept: what a list of suggestions shows ("digital tillsyn — 14 träffar").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Searches everything the caller may open.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "search",
    params(SearchParams),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "Ranked hits with snippets and facet counts", body = SearchResponse),
        (status = 400, response = crate::openapi::BadRequest),
        (status = 401, response = crate::openapi::Unauthorized),
        (status = 422, response = crate::openapi::Invalid),
    )
)]
pub async fn api_search(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
) -> Result<web::Json<SearchResponse>, AppError> {
    let catalog = state.catalog.get();
    let query = SearchParams::from_query(req.query_string())?.to_query(actor.clone(), &catalog)?;
    let (page, per_page) = (query.page, query.per_page);
    let counted = query.facets.clone();
    let super::Found {
        results,
        any_word,
        did_you_mean,
    } = super::find(&state, actor, query).await?;
    let now = state.clock.now();
    let hits = results
        .hits
        .into_iter()
        .map(|h| ApiHit {
            freshness: crate::freshness::of_hit(&h, now, &state.settings),
            organisation: h
                .organisation
                .as_deref()
                .and_then(|code| catalog.organisation_by_code(code))
                .map(OrganisationRef::from),
            id: h.id,
            kind: h.kind,
            title: h.title,
            url: h.url,
            node: h.node,
            snippet: h.snippet_html,
            score: h.score,
            group: h.group,
            group_matches: h.group_matches,
        })
        .collect();
    let facets = labelled_facets(&results.facets, &catalog)
        .into_iter()
        .filter(|(name, _)| counted.iter().any(|facet| facet.name() == *name))
        .map(|(name, values)| (name.to_owned(), values))
        .collect();
    Ok(web::Json(SearchResponse {
        total: results.total,
        page,
        per_page,
        hits,
        facets,
        any_word,
        did_you_mean,
        expansions: results.expansions,
    }))
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub selected: bool,
    pub url: String,
}

pub struct FacetGroup {
    pub heading: String,
    pub hint: Option<String>,
    pub links: Vec<FacetLink>,
}

#[derive(Template, WebTemplate)]
#[template(path = "search/results.html")]
pub struct SearchPage {
    pub q: String,
    pub total: usize,
    pub hits: Vec<HitView>,
    pub facets: Vec<FacetGroup>,
    pub pager: Pager,
    pub newest: bool,
    pub sort_url: String,
    pub clear_url: Option<String>,
    /// A corrected query and its address, when nothing was found.
    pub did_you_mean: Option<(String, String)>,
    /// True when the hits have any of the words rather than all of them.
    pub any_word: bool,
    /// While one trial's journal is opened: the search without that narrowing.
    pub group_clear_url: Option<String>,
    /// The Atom feed of this search's public items, newest first.
    pub feed_url: String,
    /// The words the thesaurus added to those typed, and the search without them.
    pub expansions: Option<(String, String)>,
    /// While searching without the thesaurus: the search with it.
    pub expand_url: Option<String>,
}

/// The query-string pairs of a search, in a stable order.
fn pairs(params: &SearchParams) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(q) = params.q.as_ref().filter(|q| !q.is_empty()) {
        out.push(("q".to_owned(), q.clone()));
    }
    for (name, values) in [
        ("kind", &params.kind),
        ("category", &params.category),
        ("organisation", &params.organisation),
        ("county", &params.county),
        ("outcome", &params.outcome),
        ("year", &params.year),
        ("phase", &params.phase),
        ("target_group", &params.target_group),
        ("node", &params.node),
        ("status", &params.status),
        ("participant", &params.participant),
        ("freshness", &params.freshness),
    ] {
        out.extend(values.iter().map(|v| (name.to_owned(), v.clone())));
    }
    if let Some(group) = params.group.as_ref().filter(|g| !g.is_empty()) {
        out.push(("group".to_owned(), group.clone()));
    }
    if let Some(sort) = params.sort.as_ref().filter(|s| !s.is_empty()) {
        out.push(("sort".to_owned(), sort.clone()));
    }
    if params.expand.as_deref().map(str::trim) == Some("false") {
        out.push(("expand".to_owned(), "false".to_owned()));
    }
    out
}

/// The search page's address for `text`, with nothing else chosen.
pub fn text_search_url(text: &str) -> String {
    url_of(&pairs(&SearchParams {
        q: Some(text.to_owned()),
        ..Default::default()
    }))
}

fn url_of(pairs: &[(String, String)]) -> String {
    match serde_html_form::to_string(pairs) {
        Ok(qs) if !qs.is_empty() => format!("/sok?{qs}"),
        _ => "/sok".to_owned(),
    }
}

fn facet_values_mut<'a>(params: &'a mut SearchParams, facet: &str) -> &'a mut Vec<String> {
    match facet {
        "kind" => &mut params.kind,
        "category" => &mut params.category,
        "organisation" => &mut params.organisation,
        "county" => &mut params.county,
        "year" => &mut params.year,
        "phase" => &mut params.phase,
        "target_group" => &mut params.target_group,
        "node" => &mut params.node,
        "status" => &mut params.status,
        "participant" => &mut params.participant,
        "freshness" => &mut params.freshness,
        _ => &mut params.outcome,
    }
}

async fn search_page(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
) -> Result<SearchPage, AppError> {
    let mut params = SearchParams::from_query(req.query_string())?;
    // The page draws every facet.
    params.facets = None;
    let catalog = state.catalog.get();
    let query = params.to_query(actor.clone(), &catalog)?;
    let expanding = query.thesaurus.is_some();
    let (page, per_page) = (query.page, query.per_page);
    params.page = None;
    let super::Found {
        results,
        any_word,
        did_you_mean,
    } = super::find(&state, actor, query).await?;
    let did_you_mean = did_you_mean.map(|corrected| {
        let url = url_of(&pairs(&SearchParams {
            q: Some(corrected.clone()),
            ..params.clone()
        }));
        (corrected, url)
    });
    let expansions = (!results.expansions.is_empty()).then(|| {
        let without = url_of(&pairs(&SearchParams {
            expand: Some("false".to_owned()),
            ..params.clone()
        }));
        (super::expansions_text(&results.expansions), without)
    });
    let expand_url = (!expanding && params.q.as_deref().is_some_and(|q| !q.trim().is_empty()))
        .then(|| {
            url_of(&pairs(&SearchParams {
                expand: None,
                ..params.clone()
            }))
        });
    let groups: Vec<(Option<String>, u64)> = results
        .hits
        .iter()
        .map(|h| (h.group.clone(), h.group_matches))
        .collect();
    let mut hits = super::hit_views(results.hits, &state);
    for (hit, (group, matches)) in hits.iter_mut().zip(groups) {
        if let Some(group) = group.filter(|_| matches > 0) {
            let opened = url_of(&pairs(&SearchParams {
                group: Some(group),
                ..params.clone()
            }));
            hit.group_note = Some((super::journal_matches_text(matches), opened));
        }
    }
    let facets = labelled_facets(&results.facets, &catalog)
        .into_iter()
        .map(|(name, mut values)| {
            if name == "year" {
                // Newest first: a reader looks for recent years, not the busiest.
                values.sort_by(|a, b| b.value.cmp(&a.value));
            }
            (values, name)
        })
        .map(|(values, name)| FacetGroup {
            heading: super::facet_heading(name),
            hint: super::facet_hint(name),
            links: values
                .into_iter()
                .map(|v| {
                    let mut toggled = params.clone();
                    let list = facet_values_mut(&mut toggled, name);
                    let selected = list.contains(&v.value);
                    if selected {
                        list.retain(|x| x != &v.value);
                    } else {
                        list.push(v.value.clone());
                    }
                    FacetLink {
                        label: v.label,
                        count: v.count,
                        selected,
                        url: url_of(&pairs(&toggled)),
                    }
                })
                .collect(),
        })
        // A facet with one value filters nothing ("Den här noden" while the node has no
        // peers); it is shown again once it has two, or while its value is chosen.
        .filter(|g| g.links.len() > 1 || g.links.iter().any(|l| l.selected))
        .collect();
    let base = pairs(&params);
    let pager = Pager::new(page, per_page, results.total, |n| {
        let mut p = base.clone();
        if n > 1 {
            p.push(("page".to_owned(), n.to_string()));
        }
        url_of(&p)
    });
    let newest = params.sort.as_deref() == Some("nyast");
    let mut sorted = params.clone();
    sorted.sort = (!newest).then(|| "nyast".to_owned());
    let has_filters = [
        &params.kind,
        &params.category,
        &params.organisation,
        &params.county,
        &params.outcome,
        &params.year,
        &params.phase,
        &params.target_group,
        &params.node,
        &params.status,
        &params.participant,
        &params.freshness,
    ]
    .iter()
    .any(|v| !v.is_empty());
    let clear_url = has_filters.then(|| {
        url_of(&pairs(&SearchParams {
            q: params.q.clone(),
            sort: params.sort.clone(),
            ..Default::default()
        }))
    });
    let group_clear_url = params.group.as_ref().filter(|g| !g.is_empty()).map(|_| {
        url_of(&pairs(&SearchParams {
            group: None,
            ..params.clone()
        }))
    });
    Ok(SearchPage {
        feed_url: crate::feeds::search_path(req.query_string()),
        group_clear_url,
        q: params.q.clone().unwrap_or_default(),
        total: results.total,
        hits,
        facets,
        pager,
        newest,
        sort_url: url_of(&pairs(&sorted)),
        clear_url,
        did_you_mean,
        any_word,
        expansions,
        expand_url,
    })
}
