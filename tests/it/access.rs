//! What is private to one organisation stays private: a signed-in member of another
//! organisation cannot see, find, count or guess it, on any page or API.

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, facet_values, on_both_backends};

on_both_backends!(
    a_member_of_another_organisation_cannot_see_find_count_or_guess_private_items,
    workspace_items_open_to_the_member_organisations_only,
);

async fn search(app: &TestApp, browser: &Browser, query: &str) -> Value {
    let page = browser
        .get(&app.url(&format!("/api/v1/search?{query}")))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

async fn a_member_of_another_organisation_cannot_see_find_count_or_guess_private_items(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;

    let mut created = Vec::new();
    for (title, visibility, outcome) in [
        ("Nätverkets zebrarapport", "network", "pagar"),
        ("Intern kvasarutredning", "organisation", "forkastad"),
    ] {
        let body = json!({
            "title": title,
            "summary": "Kvasarlamporna och zebrafiskarna i hemtjänsten.",
            "body": if visibility == "organisation" {
                "Kvasarlamporna testades nattetid med kamera. Gnuggbitarna fungerade inte."
            } else {
                "Zebrafiskarna testades nattetid med kamera."
            },
            "visibility": visibility,
            "organisation": "0480",
            "outcome": outcome,
            "categories": ["digital-tillsyn"],
        });
        let (status, report) = app.send_json("POST", "/api/v1/reports", &body, true).await;
        assert_eq!(status, 201, "{report}");
        created.push(report);
    }
    app.indexed().await;
    let private = &created[1];
    let private_id = private["id"].as_str().unwrap();
    let private_url = private["url"].as_str().unwrap();

    let eskilstuna = app.with_user(Role::Member, "0484").await;
    let nykoping = app.with_user(Role::Member, "0480").await;
    let anonymous = Browser::new();

    // Members of the owning organisation find it; the network item is open to all signed in.
    let own = search(&app, &nykoping, "q=gnuggbitarna").await;
    assert_eq!(own["total"], 1, "{own}");
    let network = search(&app, &eskilstuna, "q=zebrafiskarna").await;
    assert_eq!(network["total"], 1, "{network}");
    assert_eq!(
        search(&app, &anonymous, "q=zebrafiskarna").await["total"],
        0
    );

    // Not found, not counted, not suggested, not corrected towards, for the other member.
    for q in [
        "gnuggbitarna",
        "kvasarutredning",
        "gnuggbitrna",
        "intern%20kvasarutredning",
    ] {
        let result = search(&app, &eskilstuna, &format!("q={q}")).await;
        assert_eq!(result["total"], 0, "{q} leaked: {result}");
        assert!(
            result.get("did_you_mean").is_none(),
            "{q}: correction leaked: {result}"
        );
        for facet in [
            "kind",
            "category",
            "organisation",
            "county",
            "outcome",
            "year",
        ] {
            assert_eq!(
                result["facets"][facet],
                json!([]),
                "{q} leaked through {facet}"
            );
        }
    }
    let everything = search(&app, &eskilstuna, "").await;
    let everything_own = search(&app, &nykoping, "").await;
    assert_eq!(
        everything["total"].as_u64().unwrap() + 1,
        everything_own["total"].as_u64().unwrap(),
        "totals differ by exactly the private item"
    );
    assert!(!facet_values(&everything, "outcome").contains(&"forkastad".to_owned()));
    assert!(facet_values(&everything_own, "outcome").contains(&"forkastad".to_owned()));
    let kvasar = search(&app, &eskilstuna, "q=kvasarlamporna").await;
    assert_eq!(
        kvasar["total"], 1,
        "only the network item says kvasarlamporna: {kvasar}"
    );
    assert!(
        !kvasar.to_string().contains("Gnuggbitarna"),
        "a snippet leaked"
    );

    for prefix in ["Intern", "kvasarutr"] {
        let page = eskilstuna
            .get(&app.url(&format!("/api/v1/suggest?q={prefix}")))
            .await;
        assert_eq!(page.body, "[]", "{prefix} leaked through suggestions");
    }
    let network_page = eskilstuna
        .get(&app.url(created[0]["url"].as_str().unwrap()))
        .await;
    assert_eq!(network_page.status, 200);
    assert!(
        !network_page.body.contains("kvasarutredning"),
        "similar reports leaked"
    );
    let own_page = nykoping
        .get(&app.url(created[0]["url"].as_str().unwrap()))
        .await;
    assert!(
        own_page.body.contains("kvasarutredning"),
        "the owner sees it as similar"
    );

    // Guessing the address or the id gives "not found", never "forbidden".
    for path in [
        private_url.to_owned(),
        format!("{private_url}/redigera"),
        format!("/api/v1/reports/{private_id}"),
    ] {
        assert_eq!(eskilstuna.get(&app.url(&path)).await.status, 404, "{path}");
    }
    assert_eq!(nykoping.get(&app.url(private_url)).await.status, 200);

    // Counts on the organisation's and the category's pages leave it out too.
    for path in [
        "/organisationer/nykopings-kommun",
        "/kategorier/digital-tillsyn",
        "/",
    ] {
        let theirs = eskilstuna.get(&app.url(path)).await;
        assert_eq!(theirs.status, 200, "{path}");
        assert!(!theirs.body.contains("kvasarutredning"), "{path} leaked");
        let ours = nykoping.get(&app.url(path)).await;
        assert!(
            ours.body.contains("kvasarutredning"),
            "{path} shows it to the owner"
        );
    }
}

async fn workspace_items_open_to_the_member_organisations_only(backend: Backend) {
    let app = TestApp::new(backend).await;
    let system = noden_portal::audit::By::command("test");
    let codes = |list: &[&str]| list.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let workspace = noden_portal::workspaces::save(
        &app.state,
        &system,
        "Gemensam larmupphandling",
        &codes(&["0480", "0484"]),
    )
    .await
    .unwrap();
    let body = json!({
        "title": "Kravspecifikation för trygghetslarm",
        "body": "Utkast till krav på larmmottagningen. Kvartsmilen gäller.",
        "organisation": "0480",
        "visibility": "workspace",
        "workspace": workspace.slug,
    });
    let (status, created) = app.send_json("POST", "/api/v1/reports", &body, true).await;
    assert_eq!(status, 201, "{created}");
    let url = created["url"].as_str().unwrap().to_owned();
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "x", "visibility": "workspace"}),
            true,
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "workspace", "{problem}");
    app.indexed().await;

    let nykoping = app.with_user(Role::Member, "0480").await;
    let eskilstuna = app.with_user(Role::Member, "0484").await;
    let uppsala = app.with_user(Role::Member, "0380").await;
    for (who, browser, sees) in [
        ("Nyköping", &nykoping, true),
        ("Eskilstuna", &eskilstuna, true),
        ("Uppsala", &uppsala, false),
    ] {
        let found = search(&app, browser, "q=kvartsmilen").await;
        assert_eq!(found["total"], u64::from(sees), "{who}: {found}");
        let page = browser.get(&app.url(&url)).await;
        assert_eq!(page.status, if sees { 200 } else { 404 }, "{who}");
    }
    assert_eq!(
        search(&app, &Browser::new(), "q=kvartsmilen").await["total"],
        0
    );

    // Someone outside cannot write into the workspace either.
    let form = uppsala.get(&app.url("/rapporter/ny")).await;
    assert!(
        !form.body.contains(&workspace.slug),
        "only one's own workspaces are offered"
    );
    let refused = uppsala
        .post(
            &app.url("/rapporter/ny"),
            &[
                ("csrf", &form.csrf()),
                ("title", "Inskjuten"),
                ("organisation", "0380"),
                ("visibility", "workspace"),
                ("workspace", &workspace.slug),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // When Eskilstuna leaves, its staff lose the item at once, in search too.
    noden_portal::workspaces::save(
        &app.state,
        &system,
        "Gemensam larmupphandling",
        &codes(&["0480"]),
    )
    .await
    .unwrap();
    app.indexed().await;
    assert_eq!(search(&app, &eskilstuna, "q=kvartsmilen").await["total"], 0);
    assert_eq!(eskilstuna.get(&app.url(&url)).await.status, 404);
    assert_eq!(search(&app, &nykoping, "q=kvartsmilen").await["total"], 1);
}
