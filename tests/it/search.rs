//! Finding reports in Swedish: ranking, highlighting, inflections, folding and facets.

use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    ranked_hits_have_highlighted_snippets,
    inflected_and_unaccented_queries_find_the_text,
    facet_counts_add_up_and_narrow_the_hits,
    bad_search_parameters_are_named_in_swedish,
);

fn titles(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn ranked_hits_have_highlighted_snippets(backend: Backend) {
    let app = TestApp::new(backend).await;
    let result = app.search("q=nattillsyn%20kamera").await;
    assert_eq!(
        titles(&result).first().map(String::as_str),
        Some("Nattillsyn med kamera i hemtjänsten")
    );
    let hit = &result["hits"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"), "{hit}");
    assert_eq!(hit["organisation"]["name"], "Nyköpings kommun");
    assert!(hit["url"].as_str().unwrap().starts_with("/rapporter/"));
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    // AND by default: a word that appears nowhere else empties the result.
    assert_eq!(app.search("q=kamera%20trygghetslarm").await["total"], 0);
}

async fn inflected_and_unaccented_queries_find_the_text(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({ "title": "Larmavtal i länet", "body": "Vi planerar en gemensam upphandling av larm." }),
            true,
        )
        .await;
    assert_eq!(status, 201);
    app.indexed().await;
    assert_eq!(
        titles(&app.search("q=upphandlingar").await),
        vec!["Larmavtal i länet"]
    );
    let result = app.search("q=lakemedel").await;
    assert_eq!(
        titles(&result),
        vec!["Automat för läkemedel i ordinärt boende"]
    );
    assert!(
        result["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>läkemedel</mark>"),
        "{result}"
    );
}

async fn facet_counts_add_up_and_narrow_the_hits(backend: Backend) {
    let app = TestApp::new(backend).await;
    let all = app.search("").await;
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total, 3);
    for facet in ["kind", "organisation", "outcome"] {
        let sum: u64 = all["facets"][facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["count"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, total, "facet {facet}: {}", all["facets"][facet]);
    }
    let orgs = &all["facets"]["organisation"];
    let eskilstuna = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "0484")
        .unwrap();
    assert_eq!(eskilstuna["label"], "Eskilstuna kommun");
    assert_eq!(eskilstuna["count"], 1);

    let narrowed = app.search("kind=testrapport").await;
    assert_eq!(narrowed["total"], 2);
    assert_eq!(narrowed["hits"].as_array().unwrap().len(), 2);
    // The kind facet still shows the other kinds, so the user can widen the selection.
    let kinds: Vec<&str> = narrowed["facets"]["kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"erfarenhet"), "{kinds:?}");
    let both = app.search("kind=testrapport&outcome=inford").await;
    assert_eq!(titles(&both), vec!["Nattillsyn med kamera i hemtjänsten"]);
    let page2 = app.search("per_page=2&page=2").await;
    assert_eq!(page2["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page2["total"], 3);
}

async fn bad_search_parameters_are_named_in_swedish(backend: Backend) {
    let app = TestApp::new(backend).await;
    for (query, field) in [
        ("per_page=1000", "per_page"),
        ("page=noll", "page"),
        ("kind=okand", "kind"),
        ("sort=slump", "sort"),
    ] {
        let (status, ctype, body) = app.get(&format!("/api/v1/search?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(ctype, "application/problem+json");
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert_eq!(problem["title"], "Uppgifterna behöver rättas");
    }
}
