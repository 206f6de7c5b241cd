//! Writing and reading reports through `/api/v1`.

use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    writes_without_the_token_are_refused,
    a_report_lives_through_create_update_and_delete,
    invalid_reports_get_errors_naming_the_field,
    unknown_addresses_answer_in_swedish,
    reference_data_and_openapi_are_served,
    the_api_answers_as_its_document_says,
    twenty_reports_with_one_title_written_at_once_get_twenty_addresses,
    the_portal_is_ready_once_its_index_holds_what_the_database_does,
);

async fn writes_without_the_token_are_refused(backend: Backend) {
    let app = TestApp::new(backend).await;
    let body = json!({ "title": "Otillåten" });
    let (status, problem) = app.send_json("POST", "/api/v1/reports", &body, false).await;
    assert_eq!(status, 401, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("nyckel"),
        "{problem}"
    );
    let mut res = app
        .client
        .post(app.url("/api/v1/reports"))
        .bearer_auth("fel-nyckel")
        .send_json(&body)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "application/problem+json"
    );
    let _ = res.body().await;
    let (status, _) = app
        .send_json(
            "DELETE",
            "/api/v1/reports/0192f7a0-0000-7000-8000-000000000000",
            &json!({}),
            false,
        )
        .await;
    assert_eq!(status, 401);
    app.indexed().await;
    assert_eq!(app.search("q=otillåten").await["total"], 0);
}

async fn a_report_lives_through_create_update_and_delete(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({
                "title": "Robotsäl på korttidsboendet",
                "summary": "Sällskapsrobot för oroliga brukare.",
                "body": "## Resultat\n\nOron minskade **tydligt**.",
                "kind": "testrapport",
                "organisation": "0480",
                "categories": ["digital-tillsyn"],
                "tags": ["Robot", "robot", "demens"],
                "outcome": "inford",
                "published_on": "2025-06-01"
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created["body_html"],
        "<h2>Resultat</h2>\n<p>Oron minskade <strong>tydligt</strong>.</p>\n"
    );
    assert_eq!(created["tags"], json!(["robot", "demens"]));
    assert_eq!(created["organisation"]["name"], "Nyköpings kommun");
    assert_eq!(created["categories"][0]["slug"], "digital-tillsyn");

    let (status, fetched) = app.get_json(&format!("/api/v1/reports/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(fetched["title"], "Robotsäl på korttidsboendet");
    app.indexed().await;
    assert_eq!(app.search("q=robotsäl").await["hits"][0]["id"], id.as_str());

    let (status, updated) = app
        .send_json(
            "PUT",
            &format!("/api/v1/reports/{id}"),
            &json!({ "title": "Sällskapsrobot i hemmet", "body": "Ny text." }),
            true,
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["id"], id.as_str());
    app.indexed().await;
    assert_eq!(app.search("q=robotsäl").await["total"], 0);
    assert_eq!(
        app.search("q=sällskapsrobot").await["hits"][0]["id"],
        id.as_str()
    );
    let (status, _, page) = app.get(updated["url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(page.contains("Sällskapsrobot i hemmet"));

    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/reports/{id}"),
            &Value::Null,
            true,
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.get_json(&format!("/api/v1/reports/{id}")).await;
    assert_eq!(status, 404);
    app.indexed().await;
    assert_eq!(app.search("q=sällskapsrobot").await["total"], 0);
}

async fn invalid_reports_get_errors_naming_the_field(backend: Backend) {
    let app = TestApp::new(backend).await;
    let cases = [
        (json!({ "title": "" }), "title"),
        (json!({ "title": "x", "outcome": "kanske" }), "outcome"),
        (json!({ "title": "x", "kind": "roman" }), "kind"),
        (
            json!({ "title": "x", "organisation": "Atlantis" }),
            "organisation",
        ),
        (
            json!({ "title": "x", "categories": ["tidsmaskiner"] }),
            "categories",
        ),
        (
            json!({ "title": "x", "body": "a".repeat(65 * 1024) }),
            "body",
        ),
        (
            json!({ "title": "x", "body": "Brukaren 811218-9876 larmade." }),
            "body",
        ),
    ];
    for (body, field) in cases {
        let (status, problem) = app.send_json("POST", "/api/v1/reports", &body, true).await;
        assert_eq!(status, 422, "{field}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert!(!problem["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    let (status, problem) = app
        .send_json("POST", "/api/v1/reports", &json!({ "rubrik": "x" }), true)
        .await;
    assert_eq!(status, 400, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("rubrik"),
        "{problem}"
    );
    app.indexed().await;
    assert_eq!(
        app.search("").await["total"],
        3,
        "nothing invalid was saved"
    );
}

async fn unknown_addresses_answer_in_swedish(backend: Backend) {
    let app = TestApp::new(backend).await;
    for path in [
        "/api/v1/reports/0192f7a0-0000-7000-8000-000000000000",
        "/api/v1/reports/inte-ett-id",
        "/api/v1/saknas",
    ] {
        let (status, ctype, body) = app.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(ctype, "application/problem+json", "{path}");
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("Vi hittar inte"),
            "{problem}"
        );
    }
    for path in [
        "/rapporter/finns-inte",
        "/kategorier/finns-inte",
        "/nagot/annat",
    ] {
        let (status, ctype, body) = app.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert!(
            body.contains("<html lang=\"sv\">") && body.contains("Sidan finns inte"),
            "{body}"
        );
        assert!(
            body.contains("förfrågans id"),
            "the page shows the request id"
        );
    }
}

async fn reference_data_and_openapi_are_served(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (status, orgs) = app.get_json("/api/v1/organisations").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Region Uppsala",
            "Uppsala kommun",
            "Region Sörmland",
            "Vingåkers kommun",
            "Nyköpings kommun",
            "Flens kommun",
            "Katrineholms kommun",
            "Eskilstuna kommun"
        ],
        "counties in code order, the region first"
    );
    let (_, cats) = app.get_json("/api/v1/categories").await;
    assert_eq!(cats[0]["slug"], "digital-tillsyn");
    assert_eq!(cats[0]["proximity"], "brukarnara");
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/search",
        "/api/v1/reports",
        "/api/v1/reports/{id}",
        "/api/v1/organisations",
        "/api/v1/categories",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from OpenAPI"
        );
    }
    let (status, health) = app.get_json("/healthz").await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    let (status, ready) = app.get_json("/readyz").await;
    assert_eq!(
        (
            status,
            ready["documents"].as_u64(),
            ready["index_lag"].as_i64()
        ),
        (200, Some(3), Some(0)),
        "{ready}"
    );
}

/// A load balancer asks `/readyz` before it sends searches to an instance: right after a
/// first start the database holds the content but the index does not yet, and an instance
/// that said ready then would find nothing.
async fn the_portal_is_ready_once_its_index_holds_what_the_database_does(backend: Backend) {
    use actix_web::test;
    let opened = TestApp::builder(backend).open().await;
    let portal = test::init_service(noden_portal::build_app(opened.state.clone())).await;
    let readyz = || async {
        let answer = test::call_service(
            &portal,
            test::TestRequest::get().uri("/readyz").to_request(),
        )
        .await;
        let status = answer.status().as_u16();
        let retry_after = answer.headers().contains_key("retry-after");
        let body: Value = test::read_body_json(answer).await;
        (status, retry_after, body)
    };

    let (status, retry_after, body) = readyz().await;
    assert_eq!((status, retry_after), (503, true), "{body}");
    assert_eq!(body["status"], "indexing", "{body}");
    assert_eq!(body["documents"], 0, "{body}");
    assert!(body["index_lag"].as_i64().unwrap() >= 3, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("Sökindexet"),
        "{body}"
    );
    // The health check still says the process lives.
    let health = test::call_service(
        &portal,
        test::TestRequest::get().uri("/healthz").to_request(),
    )
    .await;
    assert_eq!(health.status().as_u16(), 200);

    opened.state.indexer.catch_up().await.unwrap();
    let (status, _, body) = readyz().await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (
            body["status"].as_str(),
            body["documents"].as_u64(),
            body["index_lag"].as_i64()
        ),
        (Some("ready"), Some(3), Some(0)),
        "{body}"
    );
}

/// What the contract run (scripts/api-contract) found, kept as plain tests.
async fn the_api_answers_as_its_document_says(backend: Backend) {
    let app = TestApp::new(backend).await;
    // A method an address does not have: 405 naming those it has, not 404.
    for (method, path, allow) in [
        ("TRACE", "/api/v1/categories", "GET, HEAD"),
        ("DELETE", "/api/v1/needs", "GET, HEAD, POST"),
        (
            "POST",
            "/api/v1/reports/0192f7a0-0000-7000-8000-000000000000",
            "GET, HEAD, PUT, PATCH, DELETE",
        ),
        ("PATCH", "/api/v1/needs", "GET, HEAD, POST"),
    ] {
        let method_name = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
        let mut res = app
            .client
            .request(method_name, app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 405, "{method} {path}");
        assert_eq!(
            res.headers().get("allow").unwrap(),
            allow,
            "{method} {path}"
        );
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/problem+json"
        );
        let _ = res.body().await;
    }
    let res = app
        .client
        .head(app.url("/api/v1/categories"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "HEAD goes with GET");

    // Page numbers outside 1–1000 are refused, as the document says, not read as page 1.
    for path in [
        "/api/v1/needs?page=0",
        "/api/v1/trials?page=0",
        "/api/v1/trials?page=1001",
    ] {
        let (status, problem) = app.get_json(path).await;
        assert_eq!(status, 422, "{path}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "page", "{path}");
    }
    let (status, ctype, _) = app.get("/api/v1/needs?page=en").await;
    assert_eq!((status, ctype.as_str()), (400, "application/problem+json"));

    // A body that is not JSON: 400 as documented.
    let mut res = app
        .client
        .post(app.url("/api/v1/reports"))
        .bearer_auth(crate::harness::TOKEN)
        .insert_header(("content-type", "text/plain"))
        .send_body("titel")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let _ = res.body().await;

    // Sending a report for review or moving a trial without a token: 401, like every write.
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/reports/0192f7a0-0000-7000-8000-000000000000/submit",
            &json!({}),
            false,
        )
        .await;
    assert_eq!(status, 401);
    let (status, _) = app
        .send_json(
            "PUT",
            "/api/v1/trials/finns-inte/phase",
            &json!({"phase": "pagar"}),
            false,
        )
        .await;
    assert_eq!(status, 401);

    // The document states the values the server takes.
    let (_, doc) = app.get_json("/api/v1/openapi.json").await;
    let input = &doc["components"]["schemas"]["ReportInput"]["properties"];
    assert!(
        input["kind"]["enum"]
            .as_array()
            .unwrap()
            .contains(&json!("testrapport"))
    );
    assert_eq!(
        input["target_groups"]["maxItems"], 8,
        "one per target group"
    );
    let responses = &doc["paths"]["/api/v1/reports"]["post"]["responses"];
    for status in ["201", "400", "401", "403", "413", "422", "429"] {
        assert!(
            responses.get(status).is_some(),
            "POST /api/v1/reports {status}"
        );
    }

    // A report dated far ahead is indexed like any other (it once stopped the indexer).
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Tidskapsel för framtiden", "published_on": "9999-12-31"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    app.indexed().await;
    let found = app.search("q=tidskapsel").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(crate::harness::facet_values(&found, "year"), ["9999"]);
}

/// Writers who choose the same title at the same moment each get their report, at an address
/// of its own: no 500 from two of them picking the same slug.
async fn twenty_reports_with_one_title_written_at_once_get_twenty_addresses(backend: Backend) {
    let app = TestApp::new(backend).await;
    let writes: Vec<_> = (0..20)
        .map(|i| {
            let request = app
                .client
                .post(app.url("/api/v1/reports"))
                .bearer_auth(crate::harness::TOKEN);
            actix_web::rt::spawn(async move {
                let mut res = request
                    .send_json(&json!({
                        "title": "Digital nattillsyn i hemtjänsten",
                        "body": format!("Erfarenhet nummer {i}."),
                        "kind": "erfarenhet",
                        "organisation": "0480",
                        "visibility": "public",
                    }))
                    .await
                    .unwrap();
                let status = res.status().as_u16();
                let body: Value = res.json().await.unwrap_or(Value::Null);
                (status, body)
            })
        })
        .collect();
    let mut slugs = std::collections::BTreeSet::new();
    for write in writes {
        let (status, body) = write.await.unwrap();
        assert_eq!(status, 201, "{body}");
        slugs.insert(body["slug"].as_str().unwrap().to_owned());
    }
    assert_eq!(slugs.len(), 20, "{slugs:?}");
    assert!(
        slugs.contains("digital-nattillsyn-i-hemtjansten"),
        "{slugs:?}"
    );
}
