//! Finding reports in Swedish: ranking, highlighting, inflections, folding and facets.

use serde_json::{Value, json};

use noden_portal::auth::Role;

use crate::harness::{Backend, TestApp, facet_values, on_both_backends};

on_both_backends!(
    ranked_hits_have_highlighted_snippets,
    inflected_and_unaccented_queries_find_the_text,
    facet_counts_add_up_and_narrow_the_hits,
    phase_target_group_and_node_facets_count_and_filter,
    bad_search_parameters_are_named_in_swedish,
    typos_suggestions_corrections_and_similar_reports,
    private_reports_never_leak_to_an_anonymous_visitor,
    a_journal_heavy_query_shows_each_trial_once,
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
    // A compound finds the text that has its parts, and a part finds the compound.
    assert_eq!(
        titles(&app.search("q=nattillsynskamera").await)
            .first()
            .map(String::as_str),
        Some("Nattillsyn med kamera i hemtjänsten")
    );
    assert!(
        titles(&app.search("q=tillsyn").await)
            .contains(&"Nattillsyn med kamera i hemtjänsten".to_owned())
    );
    // AND by default: every word must be in a hit.
    let all_words = app.search("q=kamera%20nattpatrullen").await;
    assert_eq!(
        titles(&all_words),
        vec!["Nattillsyn med kamera i hemtjänsten"]
    );
    assert!(all_words.get("any_word").is_none());
    // When no document has all the words, the hits have any of them, and the answer says so.
    let any = app.search("q=kamera%20trygghetslarm").await;
    assert_eq!(any["total"], 2, "{any}");
    assert_eq!(any["any_word"], true);
    let (_, _, page) = app.get("/sok?q=kamera+trygghetslarm").await;
    assert!(
        page.contains("Inget dokument innehöll alla orden"),
        "{page}"
    );
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
    for facet in ["kind", "organisation", "county", "outcome", "year", "node"] {
        let sum: u64 = all["facets"][facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["count"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, total, "facet {facet}: {}", all["facets"][facet]);
    }
    let orgs = &all["facets"]["organisation"];
    let counties = &all["facets"]["county"];
    assert_eq!(
        counties[0],
        json!({ "value": "04", "label": "Södermanlands län", "count": 2 }),
        "{counties}"
    );
    assert_eq!(
        counties[1],
        json!({ "value": "03", "label": "Uppsala län", "count": 1 }),
        "{counties}"
    );
    assert_eq!(facet_values(&all, "year"), ["2023", "2024", "2025"]);
    assert_eq!(
        titles(&app.search("county=03").await),
        vec!["Digitala trygghetslarm i Uppsala"]
    );
    assert_eq!(
        titles(&app.search("year=2024").await),
        vec!["Nattillsyn med kamera i hemtjänsten"]
    );
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
    let kinds = facet_values(&narrowed, "kind");
    assert!(kinds.iter().any(|k| k == "erfarenhet"), "{kinds:?}");
    let both = app.search("kind=testrapport&outcome=inford").await;
    assert_eq!(titles(&both), vec!["Nattillsyn med kamera i hemtjänsten"]);
    let page2 = app.search("per_page=2&page=2").await;
    assert_eq!(page2["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page2["total"], 3);

    // A client asks only for the facets it draws, or for none; the hits stay the same.
    let two = app.search("facets=county,+year").await;
    let names: Vec<&String> = two["facets"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["county", "year"]);
    assert_eq!(two["facets"]["county"], all["facets"]["county"]);
    assert_eq!(two["hits"], all["hits"]);
    assert_eq!(two["total"], 3);
    let none = app.search("facets=&kind=testrapport").await;
    assert_eq!(none["facets"], json!({}));
    assert_eq!(none["total"], 2);
}

async fn bad_search_parameters_are_named_in_swedish(backend: Backend) {
    let app = TestApp::new(backend).await;
    for (query, field) in [
        ("per_page=1000", "per_page"),
        ("page=noll", "page"),
        ("kind=okand", "kind"),
        ("sort=slump", "sort"),
        ("year=tjugo", "year"),
        ("facets=kind,farg", "facets"),
    ] {
        let (status, ctype, body) = app.get(&format!("/api/v1/search?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(ctype, "application/problem+json");
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert_eq!(problem["title"], "Uppgifterna behöver rättas");
    }
}

async fn typos_suggestions_corrections_and_similar_reports(backend: Backend) {
    let app = TestApp::new(backend).await;
    let result = app.search("q=nattilsyn").await;
    assert_eq!(
        titles(&result).first().map(String::as_str),
        Some("Nattillsyn med kamera i hemtjänsten"),
        "{result}"
    );
    assert_eq!(
        app.search("q=xamera").await["total"],
        0,
        "the first letter is never changed"
    );

    let (status, suggestions) = app.get_json("/api/v1/suggest?q=Nattill").await;
    assert_eq!(status, 200);
    assert_eq!(
        suggestions[0]["title"], "Nattillsyn med kamera i hemtjänsten",
        "{suggestions}"
    );
    let (status, problem) = app.get_json("/api/v1/suggest?q=natt&limit=99").await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("limit"))
    );

    let result = app.search("q=%22fysika%20bes%C3%B6k%22").await;
    assert_eq!(result["total"], 0);
    assert_eq!(result["did_you_mean"], "\"fysiska besök\"", "{result}");
    let (_, _, page) = app.get("/sok?q=%22fysika+bes%C3%B6k%22").await;
    assert!(page.contains("Menade du"), "{page}");

    for (title, body) in [
        (
            "Robotsäl på demensboendet",
            "Robotsälen lugnade oroliga brukare med demens under kvällarna.",
        ),
        (
            "Robotsäl i dagverksamheten",
            "Robotsälen gav brukare med demens lugn och stimulans under dagen.",
        ),
    ] {
        let (status, _) = app
            .send_json(
                "POST",
                "/api/v1/reports",
                &json!({ "title": title, "body": body }),
                true,
            )
            .await;
        assert_eq!(status, 201);
    }
    app.indexed().await;
    let (_, _, page) = app.get("/rapporter/robotsal-pa-demensboendet").await;
    let similar = page
        .split("Liknande rapporter")
        .nth(1)
        .unwrap_or_else(|| panic!("no similar reports: {page}"));
    assert!(similar.contains("Robotsäl i dagverksamheten"));
}

async fn private_reports_never_leak_to_an_anonymous_visitor(backend: Backend) {
    let app = TestApp::new(backend).await;
    let mut private_urls = Vec::new();
    for (title, visibility, organisation) in [
        ("Hemlig zebrarapport", "network", "0480"),
        ("Intern kvasarutredning", "organisation", "0480"),
    ] {
        let body = json!({
            "title": title,
            "body": "Zebrafiskarna och kvasarlamporna testades i hemtjänsten med kamera.",
            "visibility": visibility,
            "organisation": organisation,
            "outcome": "forkastad",
        });
        let (status, created) = app.send_json("POST", "/api/v1/reports", &body, true).await;
        assert_eq!(status, 201, "{created}");
        private_urls.push((
            created["id"].as_str().unwrap().to_owned(),
            created["url"].as_str().unwrap().to_owned(),
        ));
    }
    app.indexed().await;

    for q in [
        "zebrafiskarna",
        "kvasarlamporna",
        "hemlig",
        "zebrarapport",
        "kvasarutredning",
        "zebrafiskrna",
    ] {
        let result = app.search(&format!("q={q}")).await;
        assert_eq!(result["total"], 0, "{q} leaked: {result}");
        assert!(
            result.get("did_you_mean").is_none(),
            "{q} leaked a correction: {result}"
        );
        for facet in ["kind", "organisation", "county", "outcome", "year"] {
            assert_eq!(
                result["facets"][facet],
                json!([]),
                "{q} leaked through {facet}"
            );
        }
    }
    let all = app.search("").await;
    assert_eq!(
        all["total"], 3,
        "totals count only what the visitor may open"
    );
    let outcomes = facet_values(&all, "outcome");
    assert!(
        !outcomes.iter().any(|o| o == "forkastad"),
        "facet counts leaked: {outcomes:?}"
    );
    let kamera = app.search("q=kamera").await;
    assert_eq!(kamera["total"], 1, "{kamera}");
    assert!(
        !kamera.to_string().contains("Zebrafisk"),
        "a snippet leaked"
    );

    for prefix in ["zebra", "Hemlig", "kvasar", "Intern"] {
        let (_, suggestions) = app.get_json(&format!("/api/v1/suggest?q={prefix}")).await;
        assert_eq!(
            suggestions,
            json!([]),
            "{prefix} leaked through suggestions"
        );
    }
    let (_, _, page) = app
        .get("/rapporter/nattillsyn-med-kamera-i-hemtjansten")
        .await;
    assert!(
        !page.contains("zebrarapport") && !page.contains("kvasarutredning"),
        "similar reports leaked"
    );
    for (id, url) in &private_urls {
        assert_eq!(app.get(&format!("/api/v1/reports/{id}")).await.0, 404);
        assert_eq!(app.get(url).await.0, 404);
    }
    let (_, _, org_page) = app.get("/organisationer/nykopings-kommun").await;
    assert!(
        org_page.contains("1 dokument") && !org_page.contains("zebrarapport"),
        "{org_page}"
    );
}

async fn phase_target_group_and_node_facets_count_and_filter(backend: Backend) {
    let app = TestApp::new(backend).await;
    for (title, phase, groups) in [
        ("Sensorer för barn med diabetes", "behov", vec!["ifo"]),
        (
            "Sensorer i äldreboendet",
            "inforande",
            vec!["sarskilt-boende", "personal"],
        ),
    ] {
        let body = json!({"title": title, "body": "Sensorer testades.", "phase": phase, "target_groups": groups});
        let (status, created) = app.send_json("POST", "/api/v1/reports", &body, true).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["phase"], phase);
    }
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "x", "phase": "klar", "target_groups": ["alla"]}),
            true,
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["phase", "target_groups"], "{problem}");
    // A file or client still using the older report list is read in the shared one.
    let (status, older) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Äldre lista", "body": "Text.", "target_groups": ["aldre", "funktionsnedsattning"]}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{older}");
    assert_eq!(
        older["target_groups"],
        json!(["ordinart-boende", "sarskilt-boende", "lss"])
    );
    app.indexed().await;

    let all = app.search("q=sensorer").await;
    assert_eq!(
        all["facets"]["phase"],
        json!([
            { "value": "behov", "label": "Behov", "count": 1 },
            { "value": "inforande", "label": "Införande", "count": 1 },
        ])
    );
    assert_eq!(
        facet_values(&all, "target_group"),
        ["ifo", "personal", "sarskilt-boende"]
    );
    assert_eq!(
        all["facets"]["node"],
        json!([{ "value": "lokal", "label": "Den här noden", "count": 2 }])
    );
    let children = app.search("q=sensorer&target_group=ifo").await;
    assert_eq!(titles(&children), ["Sensorer för barn med diabetes"]);
    assert_eq!(
        facet_values(&children, "target_group"),
        ["ifo", "personal", "sarskilt-boende"],
        "a facet's own selection keeps its siblings"
    );
    assert_eq!(
        facet_values(&children, "phase"),
        ["behov"],
        "other facets narrow"
    );
    let introduced = app.search("q=sensorer&phase=inforande&node=lokal").await;
    assert_eq!(titles(&introduced), ["Sensorer i äldreboendet"]);
    let (status, problem) = app.get_json("/api/v1/search?phase=klar").await;
    assert_eq!(status, 422, "{problem}");

    let (_, _, page) = app.get("/sok?q=sensorer").await;
    for heading in ["Fas", "Målgrupp"] {
        assert!(
            page.contains(&format!(">{heading}<")),
            "{heading} missing on the page"
        );
    }
    assert!(
        !page.contains(">Nod<"),
        "a node with no peers offers no choice of node"
    );
    assert!(
        page.contains("Individ- och familjeomsorg"),
        "target groups are labelled in Swedish"
    );
}

/// A coordinator searching a word that a busy trial's journal repeats sees the trial once,
/// told how many journal entries match, and can open them; totals count trials, not entries.
async fn a_journal_heavy_query_shows_each_trial_once(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let trial = |title: &str, description: &str| {
        json!({"title": title, "description": description, "technology": "Larm",
               "target_group": "lss"})
    };
    let (status, busy) = flen
        .send_json(
            "POST",
            "/api/v1/trials",
            &trial("Sängvakt i Flen", "Vi testar en sensormatta vid sängen."),
        )
        .await;
    assert_eq!(status, 201, "{busy}");
    let (status, quiet) = flen
        .send_json(
            "POST",
            "/api/v1/trials",
            &trial("Fallsensor i Flen", "Vi testar en fallsensor."),
        )
        .await;
    assert_eq!(status, 201, "{quiet}");
    let journal =
        |trial: &Value| format!("/api/v1/trials/{}/journal", trial["id"].as_str().unwrap());
    for n in 1..=12 {
        let (status, entry) = flen
            .send_json(
                "POST",
                &journal(&busy),
                &json!({"entry_type": "steg", "text": format!("Natt {n}: sensormatta larmade.")}),
            )
            .await;
        assert_eq!(status, 201, "{entry}");
    }
    for n in 1..=2 {
        let (status, entry) = flen
            .send_json(
                "POST",
                &journal(&quiet),
                &json!({"entry_type": "hinder", "text": format!("Vecka {n}: sensormatta saknas.")}),
            )
            .await;
        assert_eq!(status, 201, "{entry}");
    }
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Sensormatta i korttidsboende", "body": "En sensormatta per rum."}),
            true,
        )
        .await;
    assert_eq!(status, 201);
    app.indexed().await;

    let (status, found) = flen.get_json("/api/v1/search?q=sensormatta").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 3, "two trials and a report: {found}");
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{found}");
    let group_of = |trial: &Value| {
        hits.iter()
            .filter(|h| h["group"] == trial["id"])
            .collect::<Vec<_>>()
    };
    let busy_hits = group_of(&busy);
    assert_eq!(busy_hits.len(), 1, "the busy trial once: {found}");
    // The trial matches itself, so it stands for its journal.
    assert_eq!(busy_hits[0]["id"], busy["id"]);
    assert_eq!(busy_hits[0]["group_matches"], 12);
    let quiet_hits = group_of(&quiet);
    assert_eq!(quiet_hits.len(), 1, "{found}");
    assert_eq!(
        quiet_hits[0]["kind"], "journal",
        "its best entry stands for it"
    );
    assert_eq!(quiet_hits[0]["group_matches"], 2);

    let page = flen.get(&app.url("/sok?q=sensormatta")).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.body.matches("<li class=\"hit\">").count(),
        3,
        "{}",
        page.body
    );
    assert!(page.body.contains("3 träffar"), "{}", page.body);
    assert!(
        page.body.contains("12 journalanteckningar matchar"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("2 journalanteckningar matchar"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("href=\"#filter\""),
        "the phone jump to the filters"
    );

    // Opening the group lists the trial and each of its matching entries.
    let busy_id = busy["id"].as_str().unwrap();
    let opened = flen
        .get(&app.url(&format!("/sok?q=sensormatta&group={busy_id}")))
        .await;
    assert_eq!(opened.status, 200);
    assert!(opened.body.contains("13 träffar"), "{}", opened.body);
    assert!(opened.body.contains("Visa alla träffar"), "{}", opened.body);
    let (_, opened) = flen
        .get_json(&format!(
            "/api/v1/search?q=sensormatta&group={busy_id}&per_page=20"
        ))
        .await;
    assert_eq!(opened["total"], 13, "{opened}");
    assert!(
        opened["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["group_matches"] == 0)
    );
    let (status, problem) = flen.get_json("/api/v1/search?group=nej").await;
    assert_eq!(status, 422, "{problem}");
}
