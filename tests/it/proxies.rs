//! Behind a reverse proxy: the client's address comes from the proxy's header only when the
//! connection is from a trusted proxy, and rate limits, the audit trail and `/metrics` use it.

use serde_json::json;

use crate::harness::{Backend, TOKEN, TestApp, on_both_backends};
use noden_portal::auth::Role;

on_both_backends!(
    behind_a_trusted_proxy_limits_the_audit_trail_and_metrics_use_the_forwarded_client,
    without_trusted_proxies_a_forwarded_header_changes_nothing,
);

/// Records a need with the node's token as a request a proxy forwarded for `forwarded_for`.
async fn write_as(app: &TestApp, forwarded_for: &str, title: &str) -> u16 {
    let mut answer = app
        .client
        .post(app.url("/api/v1/needs"))
        .bearer_auth(TOKEN)
        .insert_header(("X-Forwarded-For", forwarded_for))
        .send_json(&json!({
            "title": title,
            "description": "Nattillsyn utan att väcka den som sover.",
            "target_group": "ordinart-boende",
            "organisation": "0480",
            "visibility": "public",
        }))
        .await
        .expect("request");
    let _ = answer.body().await;
    answer.status().as_u16()
}

async fn metrics_as(app: &TestApp, forwarded: Option<&str>) -> u16 {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(value) = forwarded {
        request = request.insert_header(("Forwarded", value));
    }
    let mut answer = request.send().await.expect("request");
    let _ = answer.body().await;
    answer.status().as_u16()
}

async fn audit_csv(app: &TestApp) -> String {
    let admin = app
        .with_user_at("admin@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    let page = admin.get("/admin/logg.csv").await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
}

async fn behind_a_trusted_proxy_limits_the_audit_trail_and_metrics_use_the_forwarded_client(
    backend: Backend,
) {
    // The proxy runs on this machine, as nginx beside the portal would.
    let app = TestApp::builder(backend)
        .settings(|s| {
            s.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()];
            s.writes_per_client_per_minute = 2;
        })
        .start()
        .await;

    // Each client has its own limit, though all come through the one proxy.
    assert_eq!(write_as(&app, "203.0.113.9", "Första").await, 201);
    assert_eq!(write_as(&app, "203.0.113.9", "Andra").await, 201);
    assert_eq!(write_as(&app, "203.0.113.9", "Tredje").await, 429);
    assert_eq!(write_as(&app, "203.0.113.10", "Från grannen").await, 201);
    // A client that writes its own X-Forwarded-For does not escape: the proxy appends what it
    // saw, and only that is believed.
    assert_eq!(
        write_as(&app, "198.51.100.77, 203.0.113.9", "Förklädd").await,
        429
    );

    // The audit trail names the clients, not the proxy.
    let csv = audit_csv(&app).await;
    assert!(csv.contains("203.0.113.9"), "{csv}");
    assert!(csv.contains("203.0.113.10"), "{csv}");
    assert!(!csv.contains("198.51.100.77"), "{csv}");

    // Metrics are for this machine: the proxy itself may read them, a client through it may
    // not, though its connection comes from loopback too.
    assert_eq!(metrics_as(&app, None).await, 200);
    assert_eq!(metrics_as(&app, Some("for=203.0.113.9")).await, 403);
    assert_eq!(
        metrics_as(&app, Some("for=\"[2001:db8::5]:4711\";proto=https")).await,
        403
    );
}

async fn without_trusted_proxies_a_forwarded_header_changes_nothing(backend: Backend) {
    let app = TestApp::builder(backend)
        .settings(|s| s.writes_per_client_per_minute = 2)
        .start()
        .await;
    // Whatever each request claims, all come from this machine and share its limit.
    assert_eq!(write_as(&app, "203.0.113.21", "Ett").await, 201);
    assert_eq!(write_as(&app, "203.0.113.22", "Två").await, 201);
    assert_eq!(write_as(&app, "203.0.113.23", "Tre").await, 429);
    let csv = audit_csv(&app).await;
    assert!(csv.contains("127.0.0.1"), "{csv}");
    assert!(!csv.contains("203.0.113.2"), "{csv}");
    // And a claimed outside address does not lock this machine out of its metrics.
    assert_eq!(metrics_as(&app, Some("for=203.0.113.21")).await, 200);
}
