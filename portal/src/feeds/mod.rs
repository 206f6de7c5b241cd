//! Atom feeds (RFC 4287) of public items: per category, organisation, catalogue entry and
//! saved search. A feed is asked of the search index as a visitor would ask it, whoever
//! fetches it, so only public items ever appear; the index filters, sorts (newest first) and
//! limits.

pub mod routes;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use chrono::{DateTime, Utc};

use crate::auth::Actor;
use crate::catalog::CatalogData;
use crate::error::AppError;
use crate::state::AppState;

/// The most entries a feed carries: the newest.
pub const LIMIT: usize = 50;

/// The media type of every feed.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// Who a feed and an entry without an organisation are by.
const NODE_AUTHOR: &str = "Noden";

/// The feed of a category page (`/kategorier/{slug}`).
pub fn category_path(slug: &str) -> String {
    format!("/kategorier/{slug}/flode.atom")
}

/// The feed of an organisation page (`/organisationer/{slug}`).
pub fn organisation_path(slug: &str) -> String {
    format!("/organisationer/{slug}/flode.atom")
}

/// The feed of a catalogue entry, given the entry's page (`/teknik/{slug}`).
pub fn technology_path(page: &str) -> String {
    format!("{}/flode.atom", page.trim_end_matches('/'))
}

/// The feed of a search, given the search's query string (as on `/sok`); the page number and
/// page size are left out, since a feed always holds the newest.
pub fn search_path(query_string: &str) -> String {
    let kept: Vec<&str> = query_string
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !matches!(name, "page" | "per_page" | "sort")
        })
        .collect();
    if kept.is_empty() {
        "/sok/flode.atom".to_owned()
    } else {
        format!("/sok/flode.atom?{}", kept.join("&"))
    }
}

/// What a feed is about: its title and where it and its page are.
pub struct About {
    /// "Noden – Kategori: Digital tillsyn".
    pub title: String,
    /// The feed's own path and query (`/kategorier/digital-tillsyn/flode.atom`).
    pub path: String,
    /// The page the feed follows (`/kategorier/digital-tillsyn`).
    pub page: String,
}

/// Writes the feed of the items `narrowed` finds. Whatever it says, the index is asked with
/// a visitor's principals, newest first, for at most [`LIMIT`] items, each on its own (a
/// trial's journal entries are not folded into the trial).
#[tracing::instrument(skip_all, fields(feed = %about.path))]
pub async fn render(
    state: &AppState,
    about: About,
    narrowed: noden_search::Query,
) -> Result<String, AppError> {
    let query = noden_search::Query {
        principals: Actor::Anonymous.principals(),
        sort: noden_search::Sort::Newest,
        collapse: false,
        page: 1,
        per_page: LIMIT,
        ..narrowed
    };
    let results = crate::search::run(state, query).await?;
    let feed = build(&state.settings, &state.catalog.get(), &about, results.hits);
    let bytes = feed
        .write_to(Vec::new())
        .map_err(|e| AppError::internal_from("writing a feed", e))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal_from("writing a feed", e))
}

/// The feed of `hits`, newest first as given.
fn build(
    settings: &crate::config::Settings,
    catalog: &CatalogData,
    about: &About,
    hits: Vec<noden_search::Hit>,
) -> Feed {
    let absolute = |path: &str| {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            settings.public_link(path)
        }
    };
    let entries: Vec<Entry> = hits
        .into_iter()
        .map(|hit| entry(hit, catalog, &absolute))
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| at(0));
    let self_url = absolute(&about.path);
    Feed {
        title: Text::plain(about.title.clone()),
        id: self_url.clone(),
        updated,
        authors: vec![person(NODE_AUTHOR)],
        generator: Some(Generator {
            value: NODE_AUTHOR.to_owned(),
            uri: None,
            version: None,
        }),
        links: vec![
            Link {
                href: self_url,
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            Link {
                href: absolute(&about.page),
                rel: "alternate".to_owned(),
                mime_type: Some("text/html".to_owned()),
                ..Link::default()
            },
        ],
        lang: Some(crate::web::i18n::lang().code().to_owned()),
        entries,
        ..Feed::default()
    }
}

/// One hit as an entry. Its id is `urn:uuid:` and the item's id, which no edit, new title or
/// new address changes.
fn entry(
    hit: noden_search::Hit,
    catalog: &CatalogData,
    absolute: &dyn Fn(&str) -> String,
) -> Entry {
    let id = match uuid::Uuid::parse_str(&hit.id) {
        Ok(id) => id.urn().to_string(),
        Err(_) => absolute(&hit.url),
    };
    let kind_label = crate::search::kind_label(&hit.kind);
    let author = hit
        .organisation
        .as_deref()
        .and_then(|code| catalog.organisation_by_code(code))
        .map_or(NODE_AUTHOR, |o| o.name.as_str());
    let summary = if hit.summary.trim().is_empty() {
        format!("{kind_label}: {}", hit.title)
    } else {
        hit.summary.clone()
    };
    Entry {
        title: Text::plain(hit.title),
        id,
        updated: at(hit.updated_at),
        authors: vec![person(author)],
        categories: vec![Category {
            term: hit.kind,
            scheme: None,
            label: Some(kind_label),
        }],
        links: vec![Link {
            href: absolute(&hit.url),
            rel: "alternate".to_owned(),
            mime_type: Some("text/html".to_owned()),
            ..Link::default()
        }],
        summary: Some(Text::plain(summary)),
        ..Entry::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_owned(),
        ..Person::default()
    }
}

/// A Unix time in seconds as an RFC 3339 time in UTC (the epoch when out of range).
fn at(unix_secs: i64) -> FixedDateTime {
    DateTime::<Utc>::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::search_path;

    #[test]
    fn a_search_feed_keeps_the_search_but_not_its_page() {
        assert_eq!(search_path(""), "/sok/flode.atom");
        assert_eq!(search_path("page=2&per_page=20"), "/sok/flode.atom");
        assert_eq!(
            search_path("q=nattkamera&category=digital-tillsyn&page=3&sort=nyast"),
            "/sok/flode.atom?q=nattkamera&category=digital-tillsyn"
        );
    }
}
