//! What a tester found from outside, with nothing but HTTP: a request that froze the portal,
//! formulas in CSV exports, and the second fence of forms. Each scenario sends what the tester
//! sent and asserts what a user or an operator would notice.

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::browser::Browser;
use crate::harness::{Backend, SignedIn, TestApp, on_both_backends};

on_both_backends!(
    markdown_preview_needs_a_user_and_refuses_what_would_freeze_the_node,
    a_report_body_nested_too_deeply_is_refused_naming_the_field,
    csv_exports_never_hold_live_formulas,
    forms_from_other_origins_are_refused_and_private_pages_are_not_cached,
    security_txt_says_where_to_report_a_vulnerability,
);

use crate::markdown_shapes::{CAP, at_cap, shapes};

async fn preview(app: &TestApp, token: Option<&str>, markdown: &str) -> (u16, Value) {
    let mut request = app.client.post(app.url("/api/v1/markdown/preview"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let mut res = request
        .send_json(&json!({ "markdown": markdown }))
        .await
        .expect("preview");
    let status = res.status().as_u16();
    let body = res.body().limit(8 * 1024 * 1024).await.expect("body");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

async fn markdown_preview_needs_a_user_and_refuses_what_would_freeze_the_node(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.previews_per_user_per_minute = 1000)
        .start()
        .await;
    let (status, problem) = preview(&app, None, "**fet**").await;
    assert_eq!(status, 401, "anonymous: {problem}");
    let (status, shown) = preview(&app, Some(crate::harness::TOKEN), "**fet**").await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["html"], "<p><strong>fet</strong></p>\n");

    for shape in shapes() {
        let (name, text, rendered) = (shape.name, shape.text, shape.rendered);
        assert!(text.len() <= CAP, "{name} is {} bytes", text.len());
        let (status, body) = preview(&app, Some(crate::harness::TOKEN), &text).await;
        if rendered {
            assert_eq!(status, 200, "{name}: {body}");
            assert!(
                body["html"].as_str().is_some_and(|h| !h.is_empty()),
                "{name}"
            );
        } else {
            assert_eq!(status, 422, "{name}: {body}");
            assert_eq!(body["errors"][0]["field"], "markdown", "{name}: {body}");
            let message = body["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.contains("nästlad"), "{name}: {message}");
        }
    }
    // The node keeps answering others after all that.
    let (status, _, _) = app.get("/healthz").await;
    assert_eq!(status, 200);
}

async fn a_report_body_nested_too_deeply_is_refused_naming_the_field(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.previews_per_user_per_minute = 2)
        .start()
        .await;
    let attack = at_cap(">- ", "x");
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Djupt", "body": attack, "kind": "testrapport",
                    "organisation": "0480", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "body", "{problem}");
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": "Djupt behov", "description": at_cap("> ", "x"),
                    "target_group": "ordinart-boende", "organisation": "0480",
                    "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "description"),
        "{problem}"
    );
    // Previews are limited per user: the third within a minute waits.
    for _ in 0..2 {
        assert_eq!(preview(&app, Some(crate::harness::TOKEN), "a").await.0, 200);
    }
    let (status, problem) = preview(&app, Some(crate::harness::TOKEN), "a").await;
    assert_eq!(status, 429, "{problem}");
}

async fn sign_in_admin(app: &TestApp) -> SignedIn {
    app.with_user_at("admin@nykoping.se", Role::NodeAdmin, "0480")
        .await
}

async fn csv_exports_never_hold_live_formulas(backend: Backend) {
    let app = TestApp::new(backend).await;
    // The tester's address lands in the audit trail as a refused sign-in.
    let visitor = Browser::new();
    let asked =
        crate::sign_in::ask_for_link(&app, &visitor, "=cmd|'/c_calc'!a0@okand.example").await;
    assert_eq!(asked.status, 422, "{}", asked.body);
    // A catalogue entry named like a formula, in use somewhere, reaches the overview's CSV.
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "=HYPERLINK(\"https://evil.example\")", "proximity": "brukarnara"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let (status, used) = app
        .send_json(
            "PUT",
            &format!(
                "/api/v1/technologies/{}/uses",
                entry["slug"].as_str().unwrap()
            ),
            &json!({"status": "infort", "organisation": "0482", "since": "2024-03-01"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{used}");

    let admin = sign_in_admin(&app).await;
    let log = admin.get(&app.url("/admin/logg.csv")).await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("okand.example"), "{}", log.body);
    for line in log.body.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a live formula in the audit CSV: {line}"
            );
        }
    }
    assert!(log.body.contains("'=cmd|"), "{}", log.body);
    let spread = admin.get(&app.url("/oversikt/spridning.csv")).await;
    assert_eq!(spread.status, 200, "{}", spread.body);
    assert!(spread.body.contains("'=HYPERLINK("), "{}", spread.body);
    assert!(
        !spread.body.contains("\n=") && !spread.body.contains("\n\"="),
        "{}",
        spread.body
    );
}

async fn forms_from_other_origins_are_refused_and_private_pages_are_not_cached(backend: Backend) {
    let app = TestApp::new(backend).await;
    let admin = sign_in_admin(&app).await;
    let csrf = admin.csrf();
    let post = |origin: Option<&'static str>, forwarded: Option<(&'static str, String)>| {
        let mut request = app
            .client
            .post(app.url("/konto/epost"))
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
            .insert_header((
                "Cookie",
                format!("noden_session={}", admin.session_cookie()),
            ));
        if let Some(origin) = origin {
            request = request.insert_header(("Origin", origin));
        }
        if let Some((name, value)) = forwarded {
            request = request.insert_header((name, value));
        }
        let body = format!("csrf={csrf}&notices=av");
        // 403 when refused; otherwise the form did its work (and awc followed its redirect).
        async move { request.send_body(body).await.unwrap().status().as_u16() }
    };
    assert_eq!(post(Some("null"), None).await, 403, "Origin: null");
    assert_eq!(
        post(
            Some("http://evil.example"),
            Some(("X-Forwarded-Host", "evil.example".to_owned()))
        )
        .await,
        403,
        "X-Forwarded-Host"
    );
    assert_eq!(
        post(
            Some("http://evil.example"),
            Some(("Forwarded", "host=evil.example".to_owned()))
        )
        .await,
        403,
        "Forwarded: host="
    );
    let own: &'static str = Box::leak(app.base.trim_end_matches('/').to_owned().into_boxed_str());
    assert_eq!(post(Some(own), None).await, 200, "the portal's own origin");
    assert_eq!(
        post(None, None).await,
        200,
        "no Origin at all (older browsers)"
    );

    // Pages shown to a signed-in user are not stored by any cache; public pages may be.
    for path in ["/konto", "/", "/behov", "/admin/logg"] {
        let page = admin.get(&app.url(path)).await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(
            page.headers.get("cache-control").map(String::as_str),
            Some("no-store"),
            "{path}"
        );
    }
    let anonymous = Browser::new().get(&app.url("/behov")).await;
    assert_ne!(
        anonymous.headers.get("cache-control").map(String::as_str),
        Some("no-store")
    );
    assert!(!anonymous.headers.contains_key("strict-transport-security"));

    // Served over https, the portal asks browsers to stay on https.
    let https = TestApp::builder(Backend::Sqlite)
        .settings(|s| s.public_url = "https://noden.example.se".to_owned())
        .start()
        .await;
    let home = Browser::new().get(&https.url("/")).await;
    assert_eq!(
        home.headers
            .get("strict-transport-security")
            .map(String::as_str),
        Some("max-age=31536000")
    );
}

async fn security_txt_says_where_to_report_a_vulnerability(backend: Backend) {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-05T09:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let app = TestApp::builder(backend)
        .clock(noden_portal::clock::Clock::fixed(now))
        .settings(|s| s.contact_email = "sakerhet@noden.example.se".to_owned())
        .start()
        .await;
    let (status, content_type, body) = app.get("/.well-known/security.txt").await;
    assert_eq!(status, 200, "{body}");
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    let field = |name: &str| {
        body.lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in {body}"))
            .to_owned()
    };
    assert_eq!(field("Contact"), "mailto:sakerhet@noden.example.se");
    let expires = chrono::DateTime::parse_from_rfc3339(&field("Expires")).expect("RFC 3339");
    assert!(
        expires > now && expires < now + chrono::Duration::days(365),
        "{body}"
    );
    assert_eq!(
        field("Canonical"),
        app.url("/.well-known/security.txt"),
        "{body}"
    );
}
