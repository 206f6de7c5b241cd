//! `GET /metrics`: what the region's monitoring reads, and who may read it.

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    metrics_show_requests_searches_the_index_jobs_and_the_outbox,
    metrics_are_read_from_allowed_addresses_or_with_the_token,
);

/// The value of the sample `series` (name and labels as written) in `text`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

async fn metrics_show_requests_searches_the_index_jobs_and_the_outbox(backend: Backend) {
    // Jobs stay queued, so the mail a sign-in link needs waits in the outbox.
    let app = TestApp::builder(backend)
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    crate::sign_in::register_domain(&app, "0480", "nykoping.se").await;
    let browser = Browser::new();
    let asked = crate::sign_in::ask_for_link(&app, &browser, "anna.berg@nykoping.se").await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    for _ in 0..3 {
        let found = app.search("larm").await;
        assert!(found["total"].as_u64().is_some());
    }
    let (status, _, _) = app.get("/rapporter/finns-inte").await;
    assert_eq!(status, 404);
    let mut odd = app
        .client
        .request(
            awc::http::Method::from_bytes(b"PROPFIND").unwrap(),
            app.url("/api/v1/search"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(odd.status().as_u16(), 405);
    let _ = odd.body().await;

    let page = browser.get(&app.url("/metrics")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.headers["content-type"].starts_with("text/plain; version=0.0.4"),
        "{:?}",
        page.headers
    );
    let text = &page.body;
    let searches = r#"noden_http_requests_total{method="GET",route="/api/v1/search",status="200"}"#;
    assert_eq!(sample(text, searches), Some(3.0), "{text}");
    assert!(
        sample(
            text,
            r#"noden_http_request_duration_seconds_count{method="GET",route="/api/v1/search"}"#
        ) == Some(3.0),
        "{text}"
    );
    // Addresses are counted by their pattern, never one series per address, and methods
    // outside the standard ones as one.
    assert!(!text.contains("finns-inte"), "{text}");
    assert!(!text.contains("PROPFIND"), "{text}");
    assert_eq!(
        sample(
            text,
            r#"noden_http_requests_total{method="other",route="/api/v1/search",status="405"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert!(
        sample(text, "noden_search_duration_seconds_count").is_some_and(|n| n >= 3.0),
        "{text}"
    );
    assert_eq!(sample(text, "noden_index_documents"), Some(3.0), "{text}");
    assert_eq!(
        sample(text, "noden_index_lag_positions"),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        sample(text, r#"noden_jobs{kind="mail",state="queued"}"#),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(text, "noden_mail_outbox_waiting"),
        Some(1.0),
        "{text}"
    );
    assert!(
        sample(text, "noden_mail_outbox_oldest_age_seconds").is_some_and(|s| s >= 0.0),
        "{text}"
    );
    assert!(
        sample(text, r#"noden_db_connections{state="in_use"}"#).is_some_and(|n| n >= 1.0),
        "{text}"
    );
}

async fn metrics_are_read_from_allowed_addresses_or_with_the_token(backend: Backend) {
    // The monitoring server is elsewhere: this machine is not among the allowed addresses.
    let app = TestApp::builder(backend)
        .settings(|s| {
            s.metrics_allow = vec!["10.20.0.0/16".parse().unwrap()];
            s.metrics_token = Some("mätnyckel-123".to_owned().into());
        })
        .start()
        .await;
    let browser = Browser::new();
    let refused = browser.get(&app.url("/metrics")).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.headers["content-type"].starts_with("application/problem+json"),
        "{:?}",
        refused.headers
    );
    assert!(
        refused.body.contains("NODEN_METRICS_TOKEN"),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("noden_http_requests_total"));

    // Only reading is offered.
    let mut trace = app
        .client
        .request(awc::http::Method::TRACE, app.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(trace.status().as_u16(), 405);
    assert_eq!(trace.headers().get("allow").unwrap(), "GET, HEAD");
    let _ = trace.body().await;

    for (token, status) in [("fel", 403), ("mätnyckel-123", 200)] {
        let mut answer = app
            .client
            .get(app.url("/metrics"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), status, "token {token}");
        let body = answer.body().await.unwrap();
        assert_eq!(
            String::from_utf8_lossy(&body).contains("noden_index_documents"),
            status == 200
        );
    }
}
