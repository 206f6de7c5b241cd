//! Behavioural tests of the public API.

use std::sync::Arc;

use crate::index::SCHEMA_VERSION_FILE;
use crate::{Change, Document, Facet, FacetCount, Looked, Query, Results, SearchIndex, Sort};

pub(crate) fn doc(id: &str, title: &str, body: &str) -> Document {
    Document {
        confirmed_at: None,
        archived: false,
        id: id.to_owned(),
        kind: "testrapport".to_owned(),
        title: title.to_owned(),
        summary: String::new(),
        body: body.to_owned(),
        url: format!("/rapporter/{id}"),
        organisation: Some("0480".to_owned()),
        categories: vec!["digital-tillsyn".to_owned()],
        tags: Vec::new(),
        outcome: Some("inford".to_owned()),
        county: Some("04".to_owned()),
        phase: Some("test".to_owned()),
        target_groups: vec!["aldre".to_owned()],
        node: "sormland".to_owned(),
        status: None,
        participants: Vec::new(),
        group: None,
        technologies: Vec::new(),
        principals: vec!["public".to_owned()],
        updated_at: 0,
        published_at: 1_700_000_000,
    }
}

fn index_with(docs: Vec<Document>) -> SearchIndex {
    let index = SearchIndex::create_in_ram().unwrap();
    index
        .apply(docs.into_iter().map(Change::Upsert).collect(), 1)
        .unwrap();
    index
}

/// A search of public documents counting every facet, as the search page does.
fn public(text: &str) -> Query {
    Query {
        text: text.to_owned(),
        principals: vec!["public".to_owned()],
        facets: Facet::ALL.to_vec(),
        ..Query::default()
    }
}

fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

fn count(facet: &[FacetCount], value: &str) -> Option<u64> {
    facet
        .iter()
        .find(|entry| entry.value == value)
        .map(|entry| entry.count)
}

#[test]
fn search_index_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SearchIndex>();
    assert_send_sync::<Arc<SearchIndex>>();
}

#[test]
fn plural_query_finds_singular_text() {
    let index = index_with(vec![
        doc("a", "Ny rutin", "Kommunen gjorde en upphandling av larm."),
        doc("b", "Annat", "Ingenting om inköp här."),
    ]);
    let results = index.search(&public("upphandlingar")).unwrap();
    assert_eq!(ids(&results), ["a"]);
    assert_eq!(results.total, 1);
}

#[test]
fn query_without_diacritics_finds_swedish_words() {
    let index = index_with(vec![
        doc(
            "a",
            "Läkemedelsautomat i hemtjänsten",
            "Hantering av läkemedel.",
        ),
        doc("b", "Annat", "Trygghetslarm."),
    ]);
    assert_eq!(ids(&index.search(&public("lakemedel")).unwrap()), ["a"]);
    assert_eq!(
        ids(&index.search(&public("lakemedelsautomater")).unwrap()),
        ["a"]
    );
    assert_eq!(
        ids(&index.search(&public("Läkemedelsautomaten")).unwrap()),
        ["a"]
    );
}

#[test]
fn title_match_ranks_above_body_only_match() {
    let index = index_with(vec![
        doc(
            "body",
            "Erfarenheter från hemtjänsten",
            "Vi testade nattkameror under ett år.",
        ),
        doc("title", "Nattkameror", "Vi testade under ett år."),
    ]);
    let results = index.search(&public("nattkameror")).unwrap();
    assert_eq!(ids(&results), ["title", "body"]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn snippets_mark_matches_and_escape_html() {
    let index = index_with(vec![doc(
        "a",
        "Läkemedel <b>och</b> larm",
        "Före testet <script>alert(1)</script> fanns det problem med läkemedel i hemtjänsten.",
    )]);
    let results = index.search(&public("lakemedel")).unwrap();
    let hit = &results.hits[0];
    assert!(
        hit.snippet_html.contains("<mark>läkemedel</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(hit.snippet_html.contains("&lt;script&gt;"));
    assert!(!hit.snippet_html.contains("<script>"));
    assert_eq!(
        hit.title_html,
        "<mark>Läkemedel</mark> &lt;b&gt;och&lt;/b&gt; larm"
    );
}

#[test]
fn snippet_falls_back_to_summary() {
    let mut with_summary = doc("a", "Larm", "Brödtext utan träffordet.");
    with_summary.summary = "Sammanfattning om <nattillsyn>.".to_owned();
    let index = index_with(vec![with_summary]);

    let hit = &index.search(&public("nattillsyn")).unwrap().hits[0];
    assert_eq!(
        hit.snippet_html,
        "Sammanfattning om &lt;<mark>nattillsyn</mark>&gt;."
    );

    // A title-only match shows the beginning of the summary.
    let hit = &index.search(&public("larm")).unwrap().hits[0];
    assert_eq!(hit.title_html, "<mark>Larm</mark>");
    assert_eq!(hit.snippet_html, "Sammanfattning om &lt;nattillsyn&gt;.");
}

#[test]
fn long_body_snippet_is_cut_around_the_match() {
    let body = format!(
        "{} Här står ordet trygghetslarm mitt i texten. {}",
        "Inledande text. ".repeat(40),
        "Avslutande text. ".repeat(40)
    );
    let index = index_with(vec![doc("a", "Rapport", &body)]);
    let hit = &index.search(&public("trygghetslarm")).unwrap().hits[0];
    assert!(hit.snippet_html.contains("<mark>trygghetslarm</mark>"));
    assert!(hit.snippet_html.starts_with('…'));
    assert!(hit.snippet_html.ends_with('…'));
    assert!(hit.snippet_html.len() < 300, "{}", hit.snippet_html);
}

#[test]
fn snippet_is_found_deep_in_a_long_body() {
    let body = format!(
        "{} Läkemedelsgenomgången gjordes. {} Här hanterades läkemedel <fel> säkert. {}",
        "Inledande text om annat. ".repeat(400),
        "Mellantext. ".repeat(400),
        "Avslutning. ".repeat(400)
    );
    let index = index_with(vec![doc("a", "Rapport", &body)]);
    let hit = &index.search(&public("lakemedel")).unwrap().hits[0];
    // "Läkemedelsgenomgången" is a candidate (same prefix) but not a match.
    assert!(
        hit.snippet_html
            .contains("<mark>läkemedel</mark> &lt;fel&gt; säkert."),
        "{}",
        hit.snippet_html
    );
    assert!(hit.snippet_html.starts_with('…'));
    assert!(hit.snippet_html.ends_with('…'));
    assert!(hit.snippet_html.len() < 300, "{}", hit.snippet_html);

    // The window with most of the query's words wins.
    let hit = &index.search(&public("läkemedel säkert")).unwrap().hits[0];
    assert!(
        hit.snippet_html.contains("<mark>säkert</mark>"),
        "{}",
        hit.snippet_html
    );
}

#[test]
fn private_documents_are_invisible_to_other_principals() {
    let mut private = doc("private", "Hemlig larmrapport", "larm");
    private.principals = vec!["org:x".to_owned()];
    private.kind = "guide".to_owned();
    private.organisation = Some("0180".to_owned());
    let index = index_with(vec![private, doc("public", "Öppen larmrapport", "larm")]);

    for text in ["larm", ""] {
        let results = index.search(&public(text)).unwrap();
        assert_eq!(ids(&results), ["public"], "text {text:?}");
        assert_eq!(results.total, 1);
        assert_eq!(count(&results.facets.kind, "guide"), None);
        assert_eq!(count(&results.facets.organisation, "0180"), None);
        assert_eq!(count(&results.facets.kind, "testrapport"), Some(1));
    }

    let member = Query {
        principals: vec!["public".to_owned(), "org:x".to_owned()],
        ..public("larm")
    };
    let results = index.search(&member).unwrap();
    assert_eq!(results.total, 2);
    assert_eq!(count(&results.facets.kind, "guide"), Some(1));

    let nobody = Query {
        principals: Vec::new(),
        ..public("")
    };
    let results = index.search(&nobody).unwrap();
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
    assert!(results.facets.kind.is_empty());
}

fn facet_corpus() -> SearchIndex {
    let mut docs = Vec::new();
    for i in 0..10 {
        let mut d = doc(&format!("d{i}"), &format!("Larm {i}"), "trygghetslarm");
        d.kind = if i < 6 { "testrapport" } else { "guide" }.to_owned();
        d.organisation = Some(if i % 2 == 0 { "0480" } else { "0180" }.to_owned());
        d.outcome = Some(if i < 3 { "inford" } else { "pagar" }.to_owned());
        d.categories = if i < 4 {
            vec!["digital-tillsyn".to_owned(), "larm".to_owned()]
        } else {
            vec!["larm".to_owned()]
        };
        d.published_at = 1_700_000_000 + i64::from(i);
        docs.push(d);
    }
    index_with(docs)
}

#[test]
fn facet_counts_add_up_to_total_for_single_valued_facets() {
    let index = facet_corpus();
    let results = index.search(&public("trygghetslarm")).unwrap();
    assert_eq!(results.total, 10);
    for facet in [
        &results.facets.kind,
        &results.facets.organisation,
        &results.facets.outcome,
    ] {
        assert_eq!(facet.iter().map(|f| f.count).sum::<u64>(), 10);
    }
    assert_eq!(
        results.facets.kind,
        [
            FacetCount {
                value: "testrapport".to_owned(),
                count: 6
            },
            FacetCount {
                value: "guide".to_owned(),
                count: 4
            },
        ]
    );
    assert_eq!(count(&results.facets.category, "larm"), Some(10));
    assert_eq!(count(&results.facets.category, "digital-tillsyn"), Some(4));
}

#[test]
fn facets_are_disjunctive() {
    let index = facet_corpus();
    let query = Query {
        kind: vec!["guide".to_owned()],
        ..public("")
    };
    let results = index.search(&query).unwrap();
    assert_eq!(results.total, 4);
    assert!(results.hits.iter().all(|hit| hit.kind == "guide"));
    // The kind facet ignores its own selection ...
    assert_eq!(count(&results.facets.kind, "guide"), Some(4));
    assert_eq!(count(&results.facets.kind, "testrapport"), Some(6));
    // ... while the other facets are narrowed by it.
    assert_eq!(count(&results.facets.outcome, "pagar"), Some(4));
    assert_eq!(count(&results.facets.outcome, "inford"), None);

    // OR within a facet, AND across facets.
    let query = Query {
        kind: vec!["guide".to_owned(), "testrapport".to_owned()],
        outcome: vec!["inford".to_owned()],
        organisation: vec!["0480".to_owned()],
        ..public("trygghetslarm")
    };
    let results = index.search(&query).unwrap();
    assert_eq!(ids(&results).len(), 2); // d0 and d2
    assert_eq!(results.total, 2);
    assert_eq!(count(&results.facets.kind, "testrapport"), Some(2));
    assert_eq!(count(&results.facets.outcome, "pagar"), Some(3)); // d4, d6, d8
    assert_eq!(count(&results.facets.organisation, "0180"), Some(1)); // d1

    let query = Query {
        category: vec!["digital-tillsyn".to_owned()],
        ..public("")
    };
    let results = index.search(&query).unwrap();
    assert_eq!(results.total, 4);
    assert_eq!(count(&results.facets.category, "larm"), Some(10));

    // A value that does not exist matches nothing but keeps its siblings.
    let query = Query {
        kind: vec!["finns-inte".to_owned()],
        ..public("")
    };
    let results = index.search(&query).unwrap();
    assert_eq!(results.total, 0);
    assert_eq!(count(&results.facets.kind, "guide"), Some(4));
}

#[test]
fn a_document_with_many_facet_values_is_counted_and_filtered_by_all_of_them() {
    // More values than the collector keeps beside a document's dates (it keeps the rest
    // elsewhere): fourteen categories and five target groups.
    let mut many = doc("many", "Larm överallt", "trygghetslarm");
    many.categories = (0..14).map(|i| format!("kategori-{i:02}")).collect();
    many.target_groups = (0..5).map(|i| format!("grupp-{i}")).collect();
    many.participants = vec!["0180".to_owned(), "0581".to_owned()];
    let few = doc("few", "Larm här", "trygghetslarm");
    let index = index_with(vec![many, few]);

    let results = index.search(&public("trygghetslarm")).unwrap();
    assert_eq!(results.total, 2);
    for i in 0..14 {
        let value = format!("kategori-{i:02}");
        assert_eq!(count(&results.facets.category, &value), Some(1), "{value}");
    }
    assert_eq!(count(&results.facets.category, "digital-tillsyn"), Some(1));
    assert_eq!(count(&results.facets.target_group, "grupp-4"), Some(1));
    assert_eq!(count(&results.facets.participant, "0581"), Some(1));
    assert_eq!(count(&results.facets.kind, "testrapport"), Some(2));

    // Filtered by its last category, and by its last participant.
    let query = Query {
        category: vec!["kategori-13".to_owned()],
        ..public("trygghetslarm")
    };
    let results = index.search(&query).unwrap();
    assert_eq!(ids(&results), ["many"]);
    assert_eq!(count(&results.facets.category, "digital-tillsyn"), Some(1));
    let query = Query {
        participant: vec!["0581".to_owned()],
        target_group: vec!["grupp-4".to_owned()],
        ..public("")
    };
    assert_eq!(ids(&index.search(&query).unwrap()), ["many"]);
}

#[test]
fn merging_segments_keeps_every_document_and_the_position() {
    let index = SearchIndex::create_in_ram().unwrap();
    index.begin_bulk_load();
    for i in 0..4 {
        let d = doc(&format!("d{i}"), "Larm", "trygghetslarm");
        index.apply(vec![Change::Upsert(d)], i + 1).unwrap();
    }
    let before = index.search(&public("larm")).unwrap();
    assert!(index.num_segments() > 1);
    index.merge_segments().unwrap();
    assert_eq!(index.num_segments(), 1);
    assert_eq!(index.position().unwrap(), Some(4));
    let after = index.search(&public("larm")).unwrap();
    assert_eq!(after.total, 4);
    assert_eq!(after.facets.kind, before.facets.kind);
    let mut ids_before = ids(&before);
    let mut ids_after = ids(&after);
    ids_before.sort_unstable();
    ids_after.sort_unstable();
    assert_eq!(ids_after, ids_before);
}

#[test]
fn only_the_facets_asked_for_are_counted() {
    let index = facet_corpus();
    let every = index.search(&public("trygghetslarm")).unwrap();
    let kind_only = index
        .search(&Query {
            facets: vec![Facet::Kind],
            ..public("trygghetslarm")
        })
        .unwrap();
    assert_eq!(kind_only.facets.kind, every.facets.kind);
    assert!(!every.facets.organisation.is_empty());
    assert!(kind_only.facets.organisation.is_empty());
    let none = index
        .search(&Query {
            facets: Vec::new(),
            outcome: vec!["pagar".to_owned()],
            ..public("trygghetslarm")
        })
        .unwrap();
    assert!(Facet::ALL.iter().all(|&f| none.facets.of(f).is_empty()));
    // A filter on a facet not counted still narrows the hits.
    assert_eq!(none.total, 7);
    assert_eq!(ids(&kind_only), ids(&every));
    assert_eq!(kind_only.total, every.total);
}

#[test]
fn a_repeated_search_sees_what_was_committed_in_between() {
    let index = facet_corpus();
    let before = index.search(&public("trygghetslarm")).unwrap();
    assert_eq!(before.total, 10);
    let again = index.search(&public("trygghetslarm")).unwrap();
    let shown = |results: &Results| -> Vec<(String, String)> {
        results
            .hits
            .iter()
            .map(|hit| (hit.id.clone(), hit.snippet_html.clone()))
            .collect()
    };
    assert_eq!(shown(&again), shown(&before));
    assert!(shown(&again)[0].1.contains("<mark>"), "{:?}", shown(&again));
    let mut added = doc("ny", "Nytt om trygghetslarm", "trygghetslarm");
    added.kind = "guide".to_owned();
    index
        .apply(
            vec![
                Change::Upsert(added),
                Change::Delete {
                    id: "d0".to_owned(),
                },
            ],
            2,
        )
        .unwrap();
    let after = index.search(&public("trygghetslarm")).unwrap();
    assert_eq!(after.total, 10);
    assert!(ids(&after).contains(&"ny"));
    assert!(!ids(&after).contains(&"d0"));
    assert_eq!(count(&after.facets.kind, "guide"), Some(5));
}

#[test]
fn a_search_made_before_is_answered_without_running_until_a_commit() {
    let index = facet_corpus();
    assert!(index.search_made_before(&public("trygghetslarm")).is_none());
    let first = index.search(&public("trygghetslarm")).unwrap();
    let again = index
        .search_made_before(&public("trygghetslarm"))
        .expect("the same search again is answered from what the first collected");
    assert_eq!(again.total, first.total);
    assert_eq!(ids(&again), ids(&first));
    assert_eq!(again.facets.kind, first.facets.kind);
    // A page not highlighted yet, another filter and another principal set need a search.
    let mut second_page = public("trygghetslarm");
    second_page.page = 2;
    second_page.per_page = 5;
    assert!(index.search_made_before(&second_page).is_none());
    let mut narrowed = public("trygghetslarm");
    narrowed.kind = vec!["guide".to_owned()];
    assert!(index.search_made_before(&narrowed).is_none());
    let mut member = public("trygghetslarm");
    member.principals.push("org:1".to_owned());
    assert!(index.search_made_before(&member).is_none());
    // After a commit nothing collected before answers.
    index
        .apply(
            vec![Change::Delete {
                id: "d0".to_owned(),
            }],
            2,
        )
        .unwrap();
    assert!(index.search_made_before(&public("trygghetslarm")).is_none());
}

#[test]
fn a_search_asked_by_several_at_once_passes_over_the_matches_once() {
    let index = facet_corpus();
    let passes = || index.passes.load(std::sync::atomic::Ordering::Relaxed);
    let query = public("trygghetslarm");
    // Both visitors look it up before either search has run (they wait for their turns).
    let (Looked::Missed(first), Looked::Missed(second)) =
        (index.look_up(&query), index.look_up(&query))
    else {
        panic!("a search not made before is missed");
    };
    let before = passes();
    let answered = index.search_missed(&query, *first).unwrap();
    let again = index.search_missed(&query, *second).unwrap();
    assert_eq!(passes(), before + 1);
    assert_eq!(again.total, answered.total);
    assert_eq!(ids(&again), ids(&answered));
    // The next page was not highlighted yet: it is, from what the one pass collected.
    let mut next = public("trygghetslarm");
    next.page = 2;
    next.per_page = 3;
    let (Looked::Missed(third), Looked::Missed(fourth)) =
        (index.look_up(&next), index.look_up(&next))
    else {
        panic!("a page not highlighted yet is missed");
    };
    let paged = index.search_missed(&next, *third).unwrap();
    assert_eq!(
        index.search_missed(&next, *fourth).unwrap().hits.len(),
        paged.hits.len()
    );
    assert_eq!(paged.hits.len(), 3);
    assert_eq!(passes(), before + 1);
}

#[test]
fn paging_far_beyond_the_first_pages_returns_every_hit_once_in_order() {
    let docs = (0..130)
        .map(|i| {
            let mut d = doc(&format!("d{i:03}"), "Larm", &"larm ".repeat(1 + i % 7));
            d.published_at = 1_700_000_000 + i as i64;
            d
        })
        .collect();
    let index = index_with(docs);
    let page = |page, per_page| {
        index
            .search(&Query {
                page,
                per_page,
                ..public("larm")
            })
            .unwrap()
    };
    let mut paged = Vec::new();
    for n in 1..=7 {
        let results = page(n, 20);
        assert_eq!(results.total, 130);
        paged.extend(results.hits.into_iter().map(|hit| hit.id));
    }
    let at_once: Vec<String> = [page(1, 100), page(2, 100)]
        .into_iter()
        .flat_map(|results| results.hits.into_iter().map(|hit| hit.id))
        .collect();
    assert_eq!(paged.len(), 130);
    assert_eq!(paged, at_once);
    let mut distinct = paged.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 130);
}

#[test]
fn empty_text_browses_newest_first_and_pages() {
    let index = facet_corpus();
    let page = |page, per_page| {
        let query = Query {
            page,
            per_page,
            ..public("")
        };
        index.search(&query).unwrap()
    };
    let first = page(1, 4);
    assert_eq!(first.total, 10);
    assert_eq!(ids(&first), ["d9", "d8", "d7", "d6"]);
    assert_eq!(ids(&page(2, 4)), ["d5", "d4", "d3", "d2"]);
    assert_eq!(ids(&page(3, 4)), ["d1", "d0"]);
    assert!(page(4, 4).hits.is_empty());
    assert_eq!(page(4, 4).total, 10);
    assert_eq!(ids(&page(0, 4)), ids(&first));
    assert_eq!(page(1, 0).hits.len(), 10);
    assert_eq!(page(usize::MAX, usize::MAX).hits.len(), 0);
    assert_eq!(first.hits[0].snippet_html, "trygghetslarm");
    assert_eq!(first.hits[0].title_html, "Larm 9");
}

#[test]
fn pagination_with_text_returns_the_next_hits() {
    let index = facet_corpus();
    let query = |page| Query {
        page,
        per_page: 3,
        sort: Sort::Newest,
        ..public("larm")
    };
    let first = index.search(&query(1)).unwrap();
    let second = index.search(&query(2)).unwrap();
    assert_eq!(ids(&first), ["d9", "d8", "d7"]);
    assert_eq!(ids(&second), ["d6", "d5", "d4"]);
    assert_eq!(second.total, 10);
}

#[test]
fn relevance_pages_do_not_overlap() {
    let index = facet_corpus();
    let mut seen = Vec::new();
    for page in 1..=4 {
        let query = Query {
            page,
            per_page: 3,
            ..public("larm")
        };
        let results = index.search(&query).unwrap();
        seen.extend(results.hits.into_iter().map(|hit| hit.id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 10);
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = SearchIndex::create_in_ram().unwrap();
    let first = doc("a", "Gammal titel", "text");
    let mut second = first.clone();
    second.title = "Ny titel".to_owned();
    index.apply(vec![Change::Upsert(first.clone())], 1).unwrap();
    index
        .apply(
            vec![Change::Upsert(first), Change::Upsert(second.clone())],
            2,
        )
        .unwrap();
    assert_eq!(index.num_docs(), 1);
    let results = index.search(&public("titel")).unwrap();
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].title, "Ny titel");
    assert!(index.search(&public("gammal")).unwrap().hits.is_empty());

    // Replaying the same batch is harmless.
    index.apply(vec![Change::Upsert(second)], 2).unwrap();
    assert_eq!(index.num_docs(), 1);

    index
        .apply(vec![Change::Delete { id: "a".to_owned() }], 3)
        .unwrap();
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.search(&public("titel")).unwrap().total, 0);
    // Deleting an unknown id is fine too.
    index
        .apply(
            vec![Change::Delete {
                id: "zzz".to_owned(),
            }],
            4,
        )
        .unwrap();
    assert_eq!(index.position().unwrap(), Some(4));
}

#[test]
fn hit_carries_the_document_fields() {
    let mut d = doc("a", "Titel", "text");
    d.categories = vec!["b-kat".to_owned(), "a-kat".to_owned(), "b-kat".to_owned()];
    d.organisation = None;
    d.outcome = None;
    let index = index_with(vec![d]);
    let hit = &index.search(&public("titel")).unwrap().hits[0];
    assert_eq!(hit.id, "a");
    assert_eq!(hit.kind, "testrapport");
    assert_eq!(hit.url, "/rapporter/a");
    assert_eq!(hit.categories, ["b-kat", "a-kat"]);
    assert_eq!(hit.organisation, None);
    assert_eq!(hit.outcome, None);
    assert_eq!(hit.published_at, 1_700_000_000);
    assert!(hit.score > 0.0);
}

#[test]
fn position_and_clear() {
    let index = SearchIndex::create_in_ram().unwrap();
    assert_eq!(index.position().unwrap(), None);
    index
        .apply(vec![Change::Upsert(doc("a", "Titel", "text"))], 42)
        .unwrap();
    assert_eq!(index.position().unwrap(), Some(42));
    index.apply(Vec::new(), -7).unwrap();
    assert_eq!(index.position().unwrap(), Some(-7));
    index.clear().unwrap();
    assert_eq!(index.position().unwrap(), None);
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.search(&public("")).unwrap().total, 0);
}

#[test]
fn position_survives_reopening_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_in_dir(&path).unwrap();
        assert_eq!(index.position().unwrap(), None);
        index
            .apply(vec![Change::Upsert(doc("a", "Titel", "läkemedel"))], 17)
            .unwrap();
        index
            .apply(vec![Change::Upsert(doc("b", "Titel", "text"))], 18)
            .unwrap();
    }
    let index = SearchIndex::open_in_dir(&path).unwrap();
    assert_eq!(index.position().unwrap(), Some(18));
    assert_eq!(index.num_docs(), 2);
    // The analyzers are registered again on reopen.
    assert_eq!(ids(&index.search(&public("lakemedel")).unwrap()), ["a"]);
}

#[test]
fn index_with_other_schema_version_is_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(path.join("unrelated.txt"), "keep me").unwrap();
    {
        let index = SearchIndex::open_in_dir(path).unwrap();
        index
            .apply(vec![Change::Upsert(doc("a", "Titel", "text"))], 5)
            .unwrap();
    }
    std::fs::write(path.join(SCHEMA_VERSION_FILE), "0\n").unwrap();

    let index = SearchIndex::open_in_dir(path).unwrap();
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.position().unwrap(), None);
    assert!(path.join("unrelated.txt").exists());
    assert_eq!(
        std::fs::read_to_string(path.join(SCHEMA_VERSION_FILE))
            .unwrap()
            .trim(),
        crate::SCHEMA_VERSION.to_string()
    );
    // The recreated index works.
    index
        .apply(vec![Change::Upsert(doc("b", "Titel", "text"))], 6)
        .unwrap();
    drop(index);
    let index = SearchIndex::open_in_dir(path).unwrap();
    assert_eq!(index.position().unwrap(), Some(6));
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn index_without_schema_marker_is_wiped() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_in_dir(dir.path()).unwrap();
        index
            .apply(vec![Change::Upsert(doc("a", "Titel", "text"))], 5)
            .unwrap();
    }
    std::fs::remove_file(dir.path().join(SCHEMA_VERSION_FILE)).unwrap();
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.position().unwrap(), None);
}

#[test]
fn garbage_queries_do_not_fail() {
    let index = facet_corpus();
    for text in [
        "\"unclosed",
        "AND",
        "OR OR",
        ":",
        "(",
        ")",
        "larm)",
        "title:",
        "nofield:larm",
        "[",
        "{larm TO",
        "*",
        "larm*",
        "\"\"",
        "-",
        "-larm",
        "+",
        "^2",
        "larm^",
        "larm~2",
        "\\",
        "published_at:[0 TO 5]",
        "/regex.*/",
        "åäö ÅÄÖ",
        "😀 larm",
        "\u{0}",
        "IN [a b]",
    ] {
        let results = index.search(&public(text));
        assert!(results.is_ok(), "{text:?}: {results:?}");
    }
    let long = "larm ".repeat(10_000);
    assert!(index.search(&public(&long)).is_ok());
    // A sloppy query still finds what it can.
    assert_eq!(index.search(&public("larm)")).unwrap().total, 10);
    assert_eq!(index.search(&public("\"larm")).unwrap().total, 10);
}

#[test]
fn phrase_matches_adjacent_words_only() {
    let index = index_with(vec![
        doc(
            "adjacent",
            "Rapport",
            "Vi införde digital tillsyn på natten.",
        ),
        doc(
            "apart",
            "Rapport",
            "Digital teknik ersatte delvis den fysiska tillsyn som fanns.",
        ),
    ]);
    let mut both = ids(&index.search(&public("digital tillsyn")).unwrap())
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    both.sort();
    assert_eq!(both, ["adjacent", "apart"]);
    let results = index.search(&public("\"digital tillsyn\"")).unwrap();
    assert_eq!(ids(&results), ["adjacent"]);
    assert!(
        results.hits[0]
            .snippet_html
            .contains("<mark>digital</mark>")
    );
}

#[test]
fn words_are_combined_with_and() {
    let index = index_with(vec![
        doc("both", "Larm", "Trygghetslarm i hemtjänsten"),
        doc("one", "Larm", "Något annat"),
    ]);
    assert_eq!(
        ids(&index.search(&public("larm hemtjänsten")).unwrap()),
        ["both"]
    );
}

#[test]
fn tags_are_searchable() {
    let mut tagged = doc("tagged", "Rapport", "text");
    tagged.tags = vec!["välfärdsteknik".to_owned()];
    let index = index_with(vec![tagged, doc("other", "Rapport", "text")]);
    assert_eq!(
        ids(&index.search(&public("välfärdsteknik")).unwrap()),
        ["tagged"]
    );
}

#[test]
fn concurrent_searches_and_applies() {
    let index = Arc::new(facet_corpus());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for i in 0..20 {
                    if t == 0 {
                        let d = doc(&format!("new{i}"), "Larm", "trygghetslarm");
                        index.apply(vec![Change::Upsert(d)], i).unwrap();
                    } else {
                        assert!(index.search(&public("larm")).unwrap().total >= 10);
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(index.search(&public("larm")).unwrap().total, 30);
    assert_eq!(index.position().unwrap(), Some(19));
}

fn sorted_ids(results: &Results) -> Vec<String> {
    let mut ids: Vec<String> = results.hits.iter().map(|hit| hit.id.clone()).collect();
    ids.sort();
    ids
}

fn typo_corpus() -> SearchIndex {
    index_with(vec![
        doc(
            "automat",
            "Läkemedelsautomat i hemtjänsten",
            "Hantering av läkemedel.",
        ),
        doc("kamera", "Nattkamera", "En kamera i sovrummet."),
        doc("larm", "Trygghetslarm", "Larm och sensorer."),
    ])
}

#[test]
fn typos_in_long_words_are_tolerated() {
    let index = typo_corpus();
    assert_eq!(
        ids(&index.search(&public("lakemedelsatomat")).unwrap()),
        ["automat"]
    );
    // A transposition counts as one edit.
    assert_eq!(ids(&index.search(&public("kamrea")).unwrap()), ["kamera"]);
    // Every word must still match, exactly or with a typo.
    assert_eq!(
        ids(&index.search(&public("kamrea sovrummet")).unwrap()),
        ["kamera"]
    );
    assert!(
        index
            .search(&public("kamrea hemtjänsten"))
            .unwrap()
            .hits
            .is_empty()
    );
    // Typo matches are highlighted too.
    let hit = &index.search(&public("kamrea")).unwrap().hits[0];
    assert!(
        hit.snippet_html.contains("<mark>kamera</mark>"),
        "{}",
        hit.snippet_html
    );
}

#[test]
fn typo_matches_follow_what_is_indexed() {
    let index = index_with(vec![doc("larm", "Trygghetslarm", "Larm och sensorer.")]);
    assert!(index.search(&public("kamrea")).unwrap().hits.is_empty());
    // A word searched before finds with a typo what was indexed since.
    index
        .apply(
            vec![Change::Upsert(doc(
                "kamera",
                "Nattkamera",
                "En kamera i sovrummet.",
            ))],
            2,
        )
        .unwrap();
    assert_eq!(ids(&index.search(&public("kamrea")).unwrap()), ["kamera"]);
    assert_eq!(
        ids(&index.search(&public("kamrea sovrummet")).unwrap()),
        ["kamera"]
    );
}

#[test]
fn typos_never_change_the_first_letter() {
    let index = typo_corpus();
    assert!(index.search(&public("xamera")).unwrap().hits.is_empty());
    assert!(index.search(&public("lamera")).unwrap().hits.is_empty());
}

#[test]
fn short_words_and_phrases_get_no_typo_tolerance() {
    let index = typo_corpus();
    // "lamr" is one transposition from "larm" but only 4 letters long.
    assert!(index.search(&public("lamr")).unwrap().hits.is_empty());
    assert!(index.search(&public("\"kamrea\"")).unwrap().hits.is_empty());
    assert!(
        index
            .search(&public("\"en kamrea\""))
            .unwrap()
            .hits
            .is_empty()
    );
    // Excluded words stay exact.
    assert_eq!(
        sorted_ids(&index.search(&public("nattkamera -kamrea")).unwrap()),
        ["kamera"]
    );
}

#[test]
fn exact_matches_rank_above_typo_matches() {
    let index = index_with(vec![
        doc("typo", "Rapport", "Vi testade en kamrea på natten."),
        doc("exact", "Rapport", "Vi testade en kamera på natten."),
    ]);
    let results = index.search(&public("kamera")).unwrap();
    assert_eq!(ids(&results), ["exact", "typo"]);
    assert!(results.hits[0].score > results.hits[1].score);
    let results = index.search(&public("kamera natten")).unwrap();
    assert_eq!(ids(&results), ["exact", "typo"]);
}

#[test]
fn typo_tolerance_keeps_words_without_letters_harmless() {
    let index = typo_corpus();
    assert_eq!(
        ids(&index.search(&public("😀 kamrea")).unwrap()),
        ["kamera"]
    );
    assert_eq!(ids(&index.search(&public("kamrea -")).unwrap()), ["kamera"]);
    assert_eq!(
        ids(&index.search(&public("kamrea -larm")).unwrap()),
        ["kamera"]
    );
}

fn principals(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| (*p).to_owned()).collect()
}

fn suggestion_ids(suggestions: &[crate::Suggestion]) -> Vec<&str> {
    suggestions.iter().map(|s| s.id.as_str()).collect()
}

fn suggest_corpus() -> SearchIndex {
    let mut private = doc("private", "Hemliga zebrakameror", "text");
    private.principals = principals(&["org:x"]);
    index_with(vec![
        doc("automat", "Läkemedelsautomat i hemtjänsten", "text"),
        doc("lakan", "Lakan som larmar", "text"),
        doc("kamera", "Nattkameror i hemtjänsten", "text"),
        doc("body", "Rapport", "Läkemedel nämns bara här."),
        private,
    ])
}

#[test]
fn suggest_matches_the_beginning_of_title_words() {
    let index = suggest_corpus();
    let public = principals(&["public"]);
    let found = index.suggest("lake", &public, 10).unwrap();
    assert_eq!(suggestion_ids(&found), ["automat"]);
    assert_eq!(found[0].title, "Läkemedelsautomat i hemtjänsten");
    assert_eq!(found[0].url, "/rapporter/automat");
    let mut both = suggestion_ids(&index.suggest("La", &public, 10).unwrap())
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    both.sort();
    assert_eq!(both, ["automat", "lakan"]);
    // Typed past the stem.
    assert_eq!(
        suggestion_ids(&index.suggest("läkemedelsautomate", &public, 10).unwrap()),
        ["automat"]
    );
    // Preceding complete words must be in the title too.
    assert_eq!(
        suggestion_ids(&index.suggest("hemtjänsten natt", &public, 10).unwrap()),
        ["kamera"]
    );
    assert_eq!(
        suggestion_ids(&index.suggest("nattkameror ", &public, 10).unwrap()),
        ["kamera"]
    );
    assert!(index.suggest("zzz", &public, 10).unwrap().is_empty());
    assert!(index.suggest("", &public, 10).unwrap().is_empty());
    assert!(index.suggest("  -", &public, 10).unwrap().is_empty());
    assert!(index.suggest("lake", &public, 0).unwrap().is_empty());
    assert!(index.suggest("lake", &[], 10).unwrap().is_empty());
    assert_eq!(index.suggest("la", &public, 1).unwrap().len(), 1);
}

#[test]
fn suggest_never_reveals_invisible_documents() {
    let index = suggest_corpus();
    assert!(
        index
            .suggest("zebra", &principals(&["public"]), 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        index
            .suggest("hemliga zeb", &principals(&["public"]), 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        suggestion_ids(
            &index
                .suggest("zebra", &principals(&["public", "org:x"]), 10)
                .unwrap()
        ),
        ["private"]
    );
}

#[test]
fn suggest_ranks_by_relevance() {
    let index = index_with(vec![
        doc(
            "long",
            "Larm och mycket annat i en lång titel om larmen",
            "text",
        ),
        doc("short", "Larmet", "text"),
    ]);
    let found = index.suggest("lar", &principals(&["public"]), 10).unwrap();
    assert_eq!(suggestion_ids(&found), ["short", "long"]);
}

#[test]
fn did_you_mean_corrects_unknown_words() {
    let mut private = doc("private", "Hemlig", "Zebrakameror i hemlighet.");
    private.principals = principals(&["org:x"]);
    let index = index_with(vec![
        doc("a", "Läkemedelsautomat", "Digital tillsyn på natten."),
        doc("b", "Digital tillsyn", "Digital tillsyn i hemtjänsten."),
        private,
    ]);
    let public = principals(&["public"]);
    // Phrases get no typo tolerance in searches, so they are corrected.
    assert_eq!(
        index
            .search(&crate::tests::public("\"digtal tillsyn\""))
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        index
            .did_you_mean("\"digtal tillsyn\"", &public)
            .unwrap()
            .as_deref(),
        Some("\"digital tillsyn\"")
    );
    assert_eq!(
        index
            .did_you_mean("\"Digtal tillsyn\"", &public)
            .unwrap()
            .as_deref(),
        Some("\"Digital tillsyn\"")
    );
    // A query that finds something needs no correction.
    assert_eq!(index.did_you_mean("digital", &public).unwrap(), None);
    assert_eq!(index.did_you_mean("digtal", &public).unwrap(), None);
    // Nothing close enough.
    assert_eq!(index.did_you_mean("\"qwerty\"", &public).unwrap(), None);
    assert_eq!(index.did_you_mean("", &public).unwrap(), None);
    // The correction must find something: each word alone exists, together not.
    assert_eq!(
        index
            .did_you_mean("\"digtal hemtjänsten\"", &public)
            .unwrap(),
        None
    );
    // Words of invisible documents are never proposed.
    assert_eq!(
        index.did_you_mean("\"zebrakamror\"", &public).unwrap(),
        None
    );
    assert_eq!(
        index
            .did_you_mean("\"zebrakamror\"", &principals(&["org:x"]))
            .unwrap()
            .as_deref(),
        Some("\"zebrakameror\"")
    );
    assert_eq!(index.did_you_mean("\"digtal\"", &[]).unwrap(), None);
}

#[test]
fn a_correction_proposed_before_is_answered_without_working_it_out_until_a_commit() {
    let index = index_with(vec![doc(
        "b",
        "Digital tillsyn",
        "Digital tillsyn i hemtjänsten.",
    )]);
    let public = principals(&["public"]);
    let typed = "\"digtal tillsyn\"";
    assert_eq!(index.correction_made_before(typed, &public), None);
    let proposed = index.did_you_mean(typed, &public).unwrap();
    assert_eq!(proposed.as_deref(), Some("\"digital tillsyn\""));
    assert_eq!(index.correction_made_before(typed, &public), Some(proposed));
    // Another principal set has not asked it.
    assert_eq!(
        index.correction_made_before(typed, &principals(&["org:x", "public"])),
        None
    );
    // After a commit that makes the text find a document, nothing is proposed.
    index
        .apply(
            vec![Change::Upsert(doc("c", "Digtal tillsyn", "Stavat fel."))],
            2,
        )
        .unwrap();
    assert_eq!(index.correction_made_before(typed, &public), None);
    assert_eq!(index.did_you_mean(typed, &public).unwrap(), None);
    assert_eq!(index.correction_made_before(typed, &public), Some(None));
}

#[test]
fn more_like_this_finds_similar_visible_documents() {
    let mut private = doc(
        "private",
        "Nattkameror i hemtjänsten",
        "Nattkameror ersatte tillsyn på natten i hemtjänsten.",
    );
    private.principals = principals(&["org:x"]);
    let mut source = doc(
        "source",
        "Nattkameror i hemtjänsten",
        "Kommunen testade nattkameror som ersatte fysisk tillsyn på natten.",
    );
    source.summary = "Om nattkameror.".to_owned();
    let index = index_with(vec![
        source,
        doc(
            "similar",
            "Nattkameror",
            "Nattkameror för tillsyn på natten.",
        ),
        doc("other", "Läkemedelsautomat", "Hantering av läkemedel."),
        private,
    ]);
    let public = principals(&["public"]);
    let hits = index.more_like_this("source", &public, 10).unwrap();
    let found: Vec<&str> = hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(found, ["similar"]);
    let hit = &hits[0];
    assert_eq!(hit.title, "Nattkameror");
    assert_eq!(hit.url, "/rapporter/similar");
    assert_eq!(hit.title_html, "Nattkameror");
    assert_eq!(hit.snippet_html, "Nattkameror för tillsyn på natten.");
    assert!(hit.score > 0.0);

    let member = principals(&["public", "org:x"]);
    let hits = index.more_like_this("source", &member, 10).unwrap();
    let mut found: Vec<&str> = hits.iter().map(|hit| hit.id.as_str()).collect();
    found.sort_unstable();
    assert_eq!(found, ["private", "similar"]);
    assert_eq!(index.more_like_this("source", &member, 1).unwrap().len(), 1);

    // An invisible or unknown source gives nothing.
    assert!(
        index
            .more_like_this("private", &public, 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        index
            .more_like_this("nope", &public, 10)
            .unwrap()
            .is_empty()
    );
    assert!(index.more_like_this("source", &[], 10).unwrap().is_empty());
}

#[test]
fn county_and_year_are_facets_and_filters() {
    let mut uppsala = doc("u", "Larm i Uppsala", "larm");
    uppsala.county = Some("03".to_owned());
    uppsala.published_at = 1_577_880_000; // 2020-01-01 12:00 UTC
    let index = index_with(vec![doc("n", "Larm i Nyköping", "larm"), uppsala]);
    let all = index.search(&public("larm")).unwrap();
    assert_eq!(count(&all.facets.county, "03"), Some(1));
    assert_eq!(count(&all.facets.county, "04"), Some(1));
    assert_eq!(count(&all.facets.year, "2020"), Some(1));
    assert_eq!(count(&all.facets.year, "2023"), Some(1));
    let mut query = public("larm");
    query.year = vec!["2020".to_owned()];
    let narrowed = index.search(&query).unwrap();
    assert_eq!(ids(&narrowed), vec!["u"]);
    assert_eq!(
        count(&narrowed.facets.year, "2023"),
        Some(1),
        "its own facet keeps the siblings"
    );
    query.year.clear();
    query.county = vec!["04".to_owned()];
    assert_eq!(ids(&index.search(&query).unwrap()), vec!["n"]);
}

#[test]
fn an_index_is_in_use_while_a_writer_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    assert!(!SearchIndex::in_use(&path), "a missing index is not in use");
    {
        let index = SearchIndex::open_in_dir(&path).unwrap();
        index
            .apply(vec![Change::Upsert(doc("a", "Titel", "text"))], 1)
            .unwrap();
        assert!(SearchIndex::in_use(&path));
    }
    assert!(!SearchIndex::in_use(&path), "free once the writer is gone");
    let index = SearchIndex::open_in_dir(&path).unwrap();
    assert_eq!(index.num_docs(), 1, "probing changed nothing");
}

#[test]
fn compound_words_find_their_parts_and_the_parts_find_the_compound() {
    let index = index_with(vec![
        doc(
            "compound",
            "Kameran på natten",
            "Vi testade en nattillsynskamera i hemtjänsten.",
        ),
        doc("parts", "Tillsyn", "Nattillsyn med kamera hos brukaren."),
        doc("other", "Larm", "Trygghetslarmet byttes ut."),
    ]);
    // A part finds the compound, ranked after the text that has the word itself.
    assert_eq!(
        ids(&index.search(&public("nattillsyn")).unwrap()),
        ["parts", "compound"]
    );
    assert_eq!(ids(&index.search(&public("kamera")).unwrap()).len(), 2);
    // The compound finds itself first, then the text that has its parts.
    assert_eq!(
        ids(&index.search(&public("nattillsynskamera")).unwrap()),
        ["compound", "parts"]
    );
    // Typed without å, ä and ö, and inflected.
    assert_eq!(ids(&index.search(&public("larm")).unwrap()), ["other"]);
    assert_eq!(
        ids(&index.search(&public("trygghetslarmen")).unwrap()),
        ["other"]
    );
    // The compound is highlighted whole when a part matched.
    let hit = &index.search(&public("kamera")).unwrap().hits;
    assert!(
        hit.iter()
            .any(|h| h.snippet_html.contains("<mark>nattillsynskamera</mark>")),
        "{hit:?}"
    );
}

#[test]
fn phase_target_group_and_node_are_facets_and_filters() {
    let mut needs = doc("behov", "Larm för barn", "larm");
    needs.phase = Some("behov".to_owned());
    needs.target_groups = vec![
        "barn-och-unga".to_owned(),
        "funktionsnedsattning".to_owned(),
    ];
    needs.node = "uppsala".to_owned();
    let index = index_with(vec![doc("test", "Larm för äldre", "larm"), needs]);
    let all = index.search(&public("larm")).unwrap();
    assert_eq!(count(&all.facets.phase, "behov"), Some(1));
    assert_eq!(count(&all.facets.phase, "test"), Some(1));
    assert_eq!(
        count(&all.facets.target_group, "funktionsnedsattning"),
        Some(1)
    );
    assert_eq!(count(&all.facets.target_group, "aldre"), Some(1));
    assert_eq!(count(&all.facets.node, "uppsala"), Some(1));
    let mut query = public("larm");
    query.target_group = vec!["barn-och-unga".to_owned()];
    let narrowed = index.search(&query).unwrap();
    assert_eq!(ids(&narrowed), vec!["behov"]);
    assert_eq!(
        count(&narrowed.facets.target_group, "aldre"),
        Some(1),
        "siblings stay"
    );
    assert_eq!(
        count(&narrowed.facets.phase, "test"),
        None,
        "other facets narrow"
    );
    query.target_group.clear();
    query.node = vec!["sormland".to_owned()];
    query.phase = vec!["test".to_owned()];
    assert_eq!(ids(&index.search(&query).unwrap()), vec!["test"]);
}

#[test]
fn status_and_participant_are_facets_and_filters() {
    let mut raised = doc("ny", "Larm som behövs", "larm");
    raised.status = Some("ny".to_owned());
    raised.participants = vec!["0480".to_owned()];
    let mut trial = doc("i-test", "Larm som testas", "larm");
    trial.status = Some("i-test".to_owned());
    // Duplicates count once.
    trial.participants = vec!["0480".to_owned(), "0180".to_owned(), "0180".to_owned()];
    let mut shared = doc("delat", "Larm som delas", "larm");
    shared.status = Some("i-test".to_owned());
    shared.participants = vec!["0180".to_owned()];
    let plain = doc("utan", "Larm utan status", "larm");
    let index = index_with(vec![raised, trial, shared, plain]);
    let sorted_ids = |query: &Query| {
        let mut found: Vec<String> = index
            .search(query)
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        found.sort_unstable();
        found
    };

    let all = index.search(&public("larm")).unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(count(&all.facets.status, "ny"), Some(1));
    assert_eq!(count(&all.facets.status, "i-test"), Some(2));
    assert_eq!(count(&all.facets.participant, "0480"), Some(2));
    assert_eq!(count(&all.facets.participant, "0180"), Some(2));

    // Selecting a status keeps its siblings, narrows the other facets and
    // excludes the document without a status.
    let mut query = public("larm");
    query.status = vec!["ny".to_owned()];
    let narrowed = index.search(&query).unwrap();
    assert_eq!(ids(&narrowed), vec!["ny"]);
    assert_eq!(
        count(&narrowed.facets.status, "i-test"),
        Some(2),
        "siblings stay"
    );
    assert_eq!(count(&narrowed.facets.status, "ny"), Some(1));
    assert_eq!(
        count(&narrowed.facets.participant, "0180"),
        None,
        "other facets narrow"
    );

    // A participant filter finds exactly the documents it takes part in; the
    // one with two participants shows under both.
    query.status.clear();
    query.participant = vec!["0180".to_owned()];
    assert_eq!(sorted_ids(&query), ["delat", "i-test"]);
    query.participant = vec!["0480".to_owned()];
    let by_0480 = index.search(&query).unwrap();
    assert_eq!(sorted_ids(&query), ["i-test", "ny"]);
    assert_eq!(
        count(&by_0480.facets.participant, "0180"),
        Some(2),
        "siblings stay"
    );
    assert_eq!(count(&by_0480.facets.status, "ny"), Some(1));
    assert_eq!(count(&by_0480.facets.status, "i-test"), Some(1));

    // OR within the facet, and AND with the status facet.
    query.participant = vec!["0480".to_owned(), "0180".to_owned()];
    assert_eq!(index.search(&query).unwrap().total, 3);
    query.status = vec!["i-test".to_owned()];
    assert_eq!(sorted_ids(&query), ["delat", "i-test"]);
}

/// A trial with many matching journal entries is one hit when collapsing: the trial's own
/// document, with the number of matching entries; totals and pages count hits.
#[test]
fn collapsing_shows_each_group_once_and_counts_groups() {
    let grouped = |id: &str, group: &str, title: &str, body: &str, at: i64| Document {
        confirmed_at: None,
        archived: false,
        group: Some(group.to_owned()),
        published_at: at,
        ..doc(id, title, body)
    };
    let mut docs = vec![grouped(
        "t1",
        "t1",
        "Nattkameror",
        "Test av nattkameror",
        10,
    )];
    for n in 0..12 {
        docs.push(grouped(
            &format!("e{n}"),
            "t1",
            "Journal",
            "Larmet gick igen i natt",
            20 + n,
        ));
    }
    // A second trial whose own document does not match: its best entry stands for it.
    docs.push(grouped("t2", "t2", "Läkemedel", "Automater", 5));
    docs.push(grouped("f1", "t2", "Journal", "Larmet tystnade", 6));
    docs.push(grouped("f2", "t2", "Journal", "Larmet igen", 7));
    docs.push(doc("r1", "Rapport om larmet", "Larmet i boendet"));
    let index = index_with(docs);

    let mut query = public("larmet");
    query.collapse = true;
    let results = index.search(&query).unwrap();
    assert_eq!(results.total, 3, "{:?}", ids(&results));
    let mut found = ids(&results);
    found.sort_unstable();
    assert!(found.contains(&"r1"), "{found:?}");
    assert!(
        found.iter().any(|id| ["f1", "f2"].contains(id)),
        "{found:?}"
    );
    let matches = |id: &str| {
        results
            .hits
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.group_matches)
    };
    assert_eq!(matches("r1"), Some(0));
    assert_eq!(
        results
            .hits
            .iter()
            .filter(|h| h.group.as_deref() == Some("t2"))
            .map(|h| h.group_matches)
            .collect::<Vec<_>>(),
        vec![2]
    );
    // The trial's own document stands for its group when it matches.
    let both = index
        .search(&Query {
            text: "nattkameror OR larmet".to_owned(),
            ..query.clone()
        })
        .unwrap();
    assert_eq!(both.total, 3);
    let t1 = both
        .hits
        .iter()
        .find(|h| h.group.as_deref() == Some("t1"))
        .unwrap();
    assert_eq!((t1.id.as_str(), t1.group_matches), ("t1", 12));

    // Pages hold distinct hits and add up to the total.
    let page = |n| {
        index
            .search(&Query {
                page: n,
                per_page: 2,
                ..query.clone()
            })
            .unwrap()
    };
    let (first, second) = (page(1), page(2));
    assert_eq!((first.hits.len(), second.hits.len()), (2, 1));
    assert_eq!(first.total, 3);

    // Without collapsing every entry is a hit; a group filter opens one group.
    let flat = index.search(&public("larmet")).unwrap();
    assert_eq!(flat.total, 15);
    let opened = index
        .search(&Query {
            group: vec!["t2".to_owned()],
            ..public("larmet")
        })
        .unwrap();
    let mut opened = ids(&opened);
    opened.sort_unstable();
    assert_eq!(opened, vec!["f1", "f2"]);
}

/// The technology filter keeps the documents concerning one of the given catalogue entries,
/// newest first, and a hit carries the time of the document's last change and its summary.
#[test]
fn technology_filter_and_last_change() {
    let about = |id: &str, technologies: &[&str], published_at: i64, updated_at: i64| Document {
        confirmed_at: None,
        archived: false,
        technologies: technologies.iter().map(|t| (*t).to_owned()).collect(),
        published_at,
        updated_at,
        summary: format!("Om {id}"),
        ..doc(id, "Nattkameror", "Kameror på natten")
    };
    let index = index_with(vec![
        about("a", &["kamera"], 10, 50),
        about("b", &["kamera", "larm"], 20, 0),
        about("c", &["larm"], 30, 0),
        about("d", &[], 40, 0),
    ]);
    let mut query = public("");
    query.technology = vec!["kamera".to_owned()];
    let results = index.search(&query).unwrap();
    assert_eq!(ids(&results), ["b", "a"]);
    assert_eq!(
        results.hits[0].updated_at, 20,
        "unknown: the publication time"
    );
    assert_eq!(results.hits[1].updated_at, 50);
    assert_eq!(results.hits[1].summary, "Om a");
    query.technology = vec!["kamera".to_owned(), "larm".to_owned()];
    assert_eq!(ids(&index.search(&query).unwrap()), ["c", "b", "a"]);
    query.technology = vec!["okand".to_owned()];
    assert_eq!(index.search(&query).unwrap().total, 0);
}

#[test]
fn stale_documents_rank_a_little_lower_and_are_a_facet_worked_out_per_search() {
    let confirmed = |mut d: Document, at: i64, archived: bool| {
        d.confirmed_at = Some(at);
        d.archived = archived;
        d
    };
    let old = 1_600_000_000;
    let recent = 1_700_000_000;
    let index = index_with(vec![
        // Two equally good matches: one confirmed long ago, one recently.
        confirmed(
            doc("old", "Nattkamera", "Nattkamera i hemtjänsten."),
            old,
            false,
        ),
        confirmed(
            doc("new", "Nattkamera", "Nattkamera i hemtjänsten."),
            recent,
            false,
        ),
        // A clearly weaker match that is current.
        confirmed(
            doc("weak", "Rutiner", "En rad om nattkamera."),
            recent,
            false,
        ),
        confirmed(
            doc("shelved", "Nattkamera", "Nattkamera i arkivet."),
            old,
            true,
        ),
        // A kind that cannot go out of date has no freshness at all.
        doc("need", "Behov", "Nattkamera behövs."),
    ]);
    let at = |cutoff: Option<i64>, freshness: &[&str]| Query {
        stale_before: cutoff,
        freshness: freshness.iter().map(|f| (*f).to_owned()).collect(),
        ..public("nattkamera")
    };

    // Without a cut-off nothing is stale: the two equal matches tie.
    let plain = index.search(&at(None, &[])).unwrap();
    assert_eq!(count(&plain.facets.freshness, "inaktuell"), None);
    assert_eq!(count(&plain.facets.freshness, "aktuell"), Some(3));
    assert_eq!(count(&plain.facets.freshness, "arkiverad"), Some(1));
    let score = |results: &Results, id: &str| {
        results
            .hits
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.score)
            .unwrap()
    };
    assert_eq!(score(&plain, "old"), score(&plain, "new"));

    // With the cut-off between the two, the old one is stale: it ranks below its current
    // twin, by the stale factor, and still above the clearly weaker match.
    let cut = at(Some(1_650_000_000), &[]);
    let results = index.search(&cut).unwrap();
    let order = ids(&results);
    let position = |id: &str| order.iter().position(|hit| *hit == id).unwrap();
    assert!(position("new") < position("old"), "{order:?}");
    assert!(position("old") < position("weak"), "{order:?}");
    assert!((score(&results, "old") - score(&results, "new") * crate::STALE_FACTOR).abs() < 1e-4);
    assert_eq!(count(&results.facets.freshness, "inaktuell"), Some(1));
    assert_eq!(count(&results.facets.freshness, "aktuell"), Some(2));
    assert_eq!(count(&results.facets.freshness, "arkiverad"), Some(1));
    assert_eq!(results.total, 5);
    // The archived document is found, and not stale however old.
    let shelved = results.hits.iter().find(|h| h.id == "shelved").unwrap();
    assert!(shelved.archived);
    assert_eq!(shelved.confirmed_at, Some(old));

    // The facet filters, and counts its siblings as facets do.
    let stale = index
        .search(&at(Some(1_650_000_000), &["inaktuell"]))
        .unwrap();
    assert_eq!(ids(&stale), ["old"]);
    assert_eq!(count(&stale.facets.freshness, "aktuell"), Some(2));
    let either = index
        .search(&at(Some(1_650_000_000), &["inaktuell", "arkiverad"]))
        .unwrap();
    assert_eq!(either.total, 2);
}

fn thesaurus() -> crate::Thesaurus {
    let concept = |id: &str, labels: &[&str], broader: Option<&str>| crate::ConceptSpec {
        id: id.to_owned(),
        labels: labels.iter().map(|label| (*label).to_owned()).collect(),
        broader: broader.map(str::to_owned),
    };
    crate::Thesaurus::new(vec![
        concept(
            "digital-tillsyn",
            &["digital tillsyn", "nattkamera", "nattillsyn med kamera"],
            None,
        ),
        concept(
            "akustisk-tillsyn",
            &["akustisk tillsyn", "ljudtillsyn"],
            Some("digital-tillsyn"),
        ),
        concept(
            "las",
            &["digitala lås", "e-lås", "nyckelfri hemtjänst"],
            None,
        ),
    ])
    .unwrap()
}

fn expanded(text: &str) -> Query {
    with_thesaurus(text, &Arc::new(thesaurus()))
}

fn with_thesaurus(text: &str, thesaurus: &Arc<crate::Thesaurus>) -> Query {
    Query {
        thesaurus: Some(Arc::clone(thesaurus)),
        ..public(text)
    }
}

#[test]
fn a_concepts_other_names_are_found_below_the_words_typed() {
    let index = index_with(vec![
        doc(
            "kamera",
            "Nattkamera i hemtjänsten",
            "Vi testade en nattkamera.",
        ),
        doc(
            "tillsyn",
            "Digital tillsyn",
            "Personalen tittar in på distans.",
        ),
        doc("ljud", "Ljudtillsyn", "Mikrofon i sovrummet."),
        doc("las", "E-lås", "Nycklar ersattes av e-lås."),
        doc("annat", "Trygghetslarm", "Larm i hemmet."),
    ]);

    // Without expansion, only the word itself.
    let plain = index.search(&public("nattkamera")).unwrap();
    assert_eq!(ids(&plain), ["kamera"]);
    assert!(plain.expansions.is_empty());

    // The concept's other names below the word, its narrower concepts' names below those.
    let results = index.search(&expanded("nattkamera")).unwrap();
    assert_eq!(ids(&results), ["kamera", "tillsyn", "ljud"]);
    assert!(results.hits[0].score > results.hits[1].score);
    assert!(results.hits[1].score > results.hits[2].score);
    assert_eq!(
        results.expansions,
        [
            "digital tillsyn",
            "nattillsyn med kamera",
            "akustisk tillsyn",
            "ljudtillsyn"
        ],
        "the other labels of the concept, not the one typed, then the narrower ones"
    );
    assert!(results.hits[1].title_html.contains("<mark>"));

    // Inflected, misspelt and folded words name the concept too.
    for typed in ["nattkameror", "natkamera", "NATTKAMERA"] {
        let results = index.search(&expanded(typed)).unwrap();
        assert_eq!(ids(&results), ["kamera", "tillsyn", "ljud"], "{typed}");
    }
    let folded = index.search(&expanded("digitala las")).unwrap();
    assert_eq!(ids(&folded), ["las"]);
    assert_eq!(folded.expansions, ["e-lås", "nyckelfri hemtjänst"]);
    // A narrower concept does not bring its broader one.
    let narrower = index.search(&expanded("ljudtillsyn")).unwrap();
    assert_eq!(ids(&narrower), ["ljud"]);
    assert_eq!(narrower.expansions, ["akustisk tillsyn"]);
}

#[test]
fn words_beside_a_concept_still_narrow_the_search() {
    let index = index_with(vec![
        doc("hem", "Digital tillsyn", "Tillsyn i hemtjänsten."),
        doc("lss", "Nattkamera", "Nattkamera på LSS-boende."),
    ]);
    let results = index.search(&expanded("nattkamera hemtjänsten")).unwrap();
    assert_eq!(ids(&results), ["hem"]);
    assert_eq!(results.expansions[0], "digital tillsyn");
    // A phrase in quotes is left as typed.
    let results = index.search(&expanded("\"digital tillsyn\"")).unwrap();
    assert_eq!(ids(&results), ["hem"]);
    assert!(results.expansions.is_empty());
}

#[test]
fn a_search_with_another_thesaurus_is_not_answered_from_the_cache() {
    let index = index_with(vec![doc(
        "tillsyn",
        "Digital tillsyn",
        "Tillsyn på distans.",
    )]);
    let empty = Arc::new(crate::Thesaurus::default());
    assert!(
        index
            .search(&with_thesaurus("nattkamera", &empty))
            .unwrap()
            .hits
            .is_empty()
    );
    let full = Arc::new(thesaurus());
    let found = index.search(&with_thesaurus("nattkamera", &full)).unwrap();
    assert_eq!(ids(&found), ["tillsyn"]);
    let changed = Arc::new(crate::Thesaurus::new(Vec::new()).unwrap());
    assert!(
        index
            .search(&with_thesaurus("nattkamera", &changed))
            .unwrap()
            .hits
            .is_empty()
    );
}
