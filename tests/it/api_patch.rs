//! `PATCH` beside `PUT` (issue 13, point 2): a client sends only what changes, as a JSON Merge
//! Patch (RFC 7396), and the rest of the item stays. The merged body goes through the same
//! service as `PUT`, so the same rights, checks, history and review apply. (Every `PATCH` in
//! the API document is also tried with a valid body and with a personnummer in each text field
//! by tests/it/privacy.rs.)

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, TOKEN, TestApp, on_both_backends};

on_both_backends!(
    a_member_patches_only_the_title_of_their_need,
    a_patch_is_checked_as_put_checks_it,
    a_members_patch_of_a_published_report_waits_for_review,
    another_organisation_is_refused_a_patch_as_a_put,
);

/// Sends `body` as `application/merge-patch+json` with `token`: the status, the content type
/// and the answer's JSON.
async fn merge_patch(app: &TestApp, token: &str, path: &str, body: &str) -> (u16, String, Value) {
    let mut res = app
        .client
        .patch(app.url(path))
        .bearer_auth(token)
        .insert_header(("Content-Type", "application/merge-patch+json"))
        .send_body(body.to_owned())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = res.body().await.unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, content_type, value)
}

/// The number of audit events recorded with `action`.
async fn audited(app: &TestApp, action: &str) -> usize {
    let filter = noden_portal::audit::Filter {
        action: action.to_owned(),
        ..noden_portal::audit::Filter::default()
    };
    let (entries, _) = noden_portal::audit::page(&app.state.db, &filter)
        .await
        .unwrap();
    entries.iter().filter(|e| e.action == action).count()
}

async fn a_member_patches_only_the_title_of_their_need(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let token = flen.token().await;
    let (status, need) = flen
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Larm som hörs", "description": "Brukare hör inte larmet.",
                    "target_group": "ordinart-boende", "category": "trygghetslarm",
                    "visibility": "organisation"}),
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let path = format!("/api/v1/needs/{}", need["id"].as_str().unwrap());
    let (_, before) = flen.get_json(&format!("{path}/revisions")).await;

    let (status, _, patched) = merge_patch(
        &app,
        &token,
        &path,
        r#"{"title": "Larm som hörs i hela huset"}"#,
    )
    .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["title"], "Larm som hörs i hela huset");
    for kept in [
        "description_markdown",
        "target_group",
        "category",
        "organisation",
        "visibility",
    ] {
        assert_eq!(patched[kept], need[kept], "{kept} stays: {patched}");
    }
    let tail = &need["slug"].as_str().unwrap()[need["slug"].as_str().unwrap().len() - 6..];
    assert_eq!(
        patched["slug"],
        format!("larm-som-hors-i-hela-huset-{tail}"),
        "the address follows the title"
    );
    let (_, read) = flen.get_json(&path).await;
    assert_eq!(read["title"], "Larm som hörs i hela huset");
    assert_eq!(read["description_markdown"], "Brukare hör inte larmet.");
    // Saved as a PUT is: one more revision, one more "need.edit".
    let (_, after) = flen.get_json(&format!("{path}/revisions")).await;
    assert_eq!(
        after["revisions"].as_array().unwrap().len(),
        before["revisions"].as_array().unwrap().len() + 1,
        "{after}"
    );
    assert_eq!(audited(&app, "need.edit").await, 1);

    // Plain JSON is read the same way; null removes a field, which takes its default.
    let (status, patched) = flen
        .send_json(
            "PATCH",
            &path,
            &json!({"description": null, "category": null}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["description_markdown"], "");
    assert_eq!(patched["category"], Value::Null);
    assert_eq!(patched["title"], "Larm som hörs i hela huset");
    assert_eq!(patched["visibility"], "organisation");
    assert_eq!(audited(&app, "need.edit").await, 2);
}

async fn a_patch_is_checked_as_put_checks_it(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let token = flen.token().await;
    let (status, need) = flen
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Nattlig tillsyn", "target_group": "lss"}),
        )
        .await;
    assert_eq!(status, 201, "{need}");
    let path = format!("/api/v1/needs/{}", need["id"].as_str().unwrap());

    // A personnummer in a text field: 422 naming the field, as PUT answers.
    let body = json!({"description": "Brukare 19811218-9876 vaknar varje natt."});
    let (status, content_type, problem) = merge_patch(&app, &token, &path, &body.to_string()).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(content_type, "application/problem+json");
    let (put_status, put_problem) = flen
        .send_json(
            "PUT",
            &path,
            &json!({"title": "Nattlig tillsyn", "target_group": "lss",
                    "description": "Brukare 19811218-9876 vaknar varje natt."}),
        )
        .await;
    assert_eq!(put_status, 422, "{put_problem}");
    assert_eq!(problem["errors"], put_problem["errors"], "{problem}");
    assert_eq!(problem["errors"][0]["field"], "description", "{problem}");
    assert!(!problem.to_string().contains("9876"), "{problem}");

    // A patch that is not an object, a required field removed, a field that does not exist or
    // a value of the wrong type: 422, naming the field where there is one.
    for (body, field) in [
        (r#"["title", "Ny"]"#, ""),
        (r#""Ny rubrik""#, ""),
        ("null", ""),
        (r#"{"title": null}"#, "title"),
        (r#"{"titel": "Ny"}"#, "titel"),
        (r#"{"title": 7}"#, "title"),
        (r#"{"title": ""}"#, "title"),
    ] {
        let (status, content_type, problem) = merge_patch(&app, &token, &path, body).await;
        assert_eq!(status, 422, "{body}: {problem}");
        assert_eq!(content_type, "application/problem+json", "{body}");
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
        assert!(!problem["detail"].as_str().unwrap().is_empty());
    }
    // Not JSON at all is a 400, as for PUT.
    let (status, _, problem) = merge_patch(&app, &token, &path, "{title").await;
    assert_eq!(status, 400, "{problem}");

    let (_, read) = flen.get_json(&path).await;
    assert_eq!(read["title"], "Nattlig tillsyn", "nothing changed");
    assert_eq!(read["description_markdown"], "");
    assert_eq!(audited(&app, "need.edit").await, 0);
}

async fn a_members_patch_of_a_published_report_waits_for_review(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Member, "0482").await;
    let token = flen.token().await;
    let (status, report) = flen
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Sängsensorer i Flen", "summary": "Färre besök.",
                    "body": "Sensorerna minskade kvarkbesöken.", "kind": "testrapport",
                    "organisation": "0482", "visibility": "public", "tags": ["sensor"]}),
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let id = report["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/reports/{id}");
    let (status, sent) = flen
        .send_json("POST", &format!("{path}/submit"), &json!({}))
        .await;
    assert_eq!(status, 200, "{sent}");
    let (status, published) = app
        .send_json(
            "POST",
            &format!("{path}/review"),
            &json!({"decision": "publish"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{published}");

    // Flen patches the title, then the summary: the edit waits, the published text stays.
    let (status, _, answer) = merge_patch(
        &app,
        &token,
        &path,
        r#"{"title": "Sängsensorer halverade väckningarna"}"#,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["title"], "Sängsensorer i Flen", "{answer}");
    assert_eq!(answer["status"], "publicerad");
    let (status, _, answer) = merge_patch(
        &app,
        &token,
        &path,
        r#"{"summary": "Hälften så många väckningar."}"#,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let (_, public) = app.get_json(&path).await;
    assert_eq!(public["title"], "Sängsensorer i Flen");
    assert_eq!(public["summary"], "Färre besök.");
    assert_eq!(audited(&app, "report.edit_for_review").await, 2);

    // Node staff approve: both changes are published, everything else as it was.
    let (status, approved) = app
        .send_json(
            "POST",
            &format!("{path}/review"),
            &json!({"decision": "publish"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{approved}");
    let (_, public) = app.get_json(&path).await;
    assert_eq!(public["title"], "Sängsensorer halverade väckningarna");
    assert_eq!(public["summary"], "Hälften så många väckningar.");
    assert_eq!(public["body_markdown"], "Sensorerna minskade kvarkbesöken.");
    assert_eq!(public["tags"], json!(["sensor"]));
    assert_eq!(public["kind"], "testrapport");
    assert_eq!(public["organisation"]["code"], "0482");

    // Node staff patch the published report directly.
    let (status, _, answer) =
        merge_patch(&app, TOKEN, &path, r#"{"tags": ["sensor", "natt"]}"#).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["tags"], json!(["sensor", "natt"]));
    assert_eq!(answer["title"], "Sängsensorer halverade väckningarna");
}

async fn another_organisation_is_refused_a_patch_as_a_put(backend: Backend) {
    let app = TestApp::new(backend).await;
    let flen = app.with_user(Role::Coordinator, "0482").await;
    let katrineholm = app.with_user(Role::Coordinator, "0483").await;
    let other = katrineholm.token().await;
    let mut paths = Vec::new();
    for visibility in ["network", "organisation"] {
        let (status, need) = flen
            .send_json(
                "POST",
                "/api/v1/needs",
                &json!({"title": format!("Behov för {visibility}"), "target_group": "lss",
                        "visibility": visibility}),
            )
            .await;
        assert_eq!(status, 201, "{need}");
        paths.push(format!("/api/v1/needs/{}", need["id"].as_str().unwrap()));
    }

    // A need the other organisation can read: 403; one it cannot: 404; as PUT answers.
    for (path, expected) in paths.iter().zip([403, 404]) {
        let (status, _, problem) = merge_patch(&app, &other, path, r#"{"title": "Kapat"}"#).await;
        assert_eq!(status, expected, "{path}: {problem}");
        assert_eq!(problem["status"], expected, "problem+json: {problem}");
        let (put, _) = katrineholm
            .send_json(
                "PUT",
                path,
                &json!({"title": "Kapat", "target_group": "lss"}),
            )
            .await;
        assert_eq!(put, expected, "PUT {path}");
    }
    // Without a token: 401.
    let mut res = app
        .client
        .patch(app.url(&paths[0]))
        .insert_header(("Content-Type", "application/merge-patch+json"))
        .send_body(r#"{"title": "Kapat"}"#)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 401);
    let _ = res.body().await;

    for path in &paths {
        let (_, need) = flen.get_json(path).await;
        assert!(
            need["title"].as_str().unwrap().starts_with("Behov för"),
            "nothing changed: {need}"
        );
    }
    assert_eq!(audited(&app, "need.edit").await, 0);
}
