//! Signing in with an e-mailed link through a real SMTP server: sessions, CSRF, abuse limits,
//! retries when the mail server is away, personal access tokens and the audit trail.

use std::time::{Duration, Instant};

use noden_portal::audit::By;
use noden_portal::auth::Role;
use noden_portal::clock::Clock;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::browser::{Browser, Page};
use crate::harness::{Backend, TestApp, on_both_backends};
use crate::smtp::{SmtpServer, free_port, sign_in_link};

on_both_backends!(
    an_emailed_link_signs_in_once_as_a_member_of_the_domains_organisation,
    expired_links_and_addresses_outside_the_domains_are_refused,
    forms_without_a_csrf_token_are_refused,
    sign_in_links_are_rate_limited_per_address_and_per_client,
    mail_waits_in_the_outbox_until_the_smtp_server_answers,
    sign_out_disabling_and_idle_time_end_sessions,
    personal_access_tokens_write_within_their_scope_and_organisation,
    node_admins_manage_users_and_read_and_export_the_audit_trail,
    without_smtp_the_link_lands_in_the_outbox_folder,
    node_admins_set_domains_and_providers_in_forms,
);

/// Registers `domain` for the organisation with `code`.
pub async fn register_domain(app: &TestApp, code: &str, domain: &str) {
    let organisation = app
        .state
        .catalog
        .get()
        .organisation_by_code(code)
        .map(|o| o.id)
        .expect("organisation in the fixtures");
    noden_portal::auth::domains::add_domain(&app.state, &By::command("test"), organisation, domain)
        .await
        .expect("register domain");
}

/// Delivers due mail and waits until a message to `to` has arrived at the SMTP server.
pub async fn mail_to(app: &TestApp, smtp: &SmtpServer, to: &str, nth: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        app.state
            .courier
            .deliver_due(&app.state.db, &app.state.clock)
            .await
            .expect("deliver");
        let mut found: Vec<String> = smtp
            .messages()
            .into_iter()
            .filter(|m| m.contains(&format!("To: {to}")))
            .collect();
        if found.len() > nth {
            return found.swap_remove(nth);
        }
        assert!(Instant::now() < deadline, "no mail to {to} arrived");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Asks for a link for `email` in `browser`; returns the answer page.
pub async fn ask_for_link(app: &TestApp, browser: &Browser, email: &str) -> Page {
    let form = browser.get(&app.url("/logga-in")).await;
    assert_eq!(form.status, 200);
    browser
        .post(
            &app.url("/logga-in/epost"),
            &[("csrf", &form.csrf()), ("email", email)],
        )
        .await
}

/// Opens a sign-in link and presses its button.
pub async fn use_link(browser: &Browser, link: &str) -> Page {
    let confirm = browser.get(link).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    browser.post(link, &[("csrf", &confirm.csrf())]).await
}

/// Signs `email` in through the whole mail flow; returns the signed-in browser.
pub async fn sign_in(app: &TestApp, smtp: &SmtpServer, email: &str) -> Browser {
    let browser = Browser::new();
    let sent = ask_for_link(app, &browser, email).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let existing = smtp
        .messages()
        .iter()
        .filter(|m| m.contains(&format!("To: {email}")))
        .count();
    let link = sign_in_link(&mail_to(app, smtp, email, existing).await);
    let done = use_link(&browser, &link).await;
    assert_eq!(done.status, 303, "{}", done.body);
    browser
}

/// The actions recorded in the audit trail.
pub async fn audit_actions(app: &TestApp) -> Vec<String> {
    noden_portal::audit::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect()
}

async fn an_emailed_link_signs_in_once_as_a_member_of_the_domains_organisation(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    register_domain(&app, "0480", "nykoping.se").await;

    let browser = Browser::new();
    let sent = ask_for_link(&app, &browser, " Anna.Berg@Nykoping.se ").await;
    assert_eq!(sent.status, 200);
    assert!(sent.body.contains("Kolla din e-post"), "{}", sent.body);

    let message = mail_to(&app, &smtp, "anna.berg@nykoping.se", 0).await;
    assert!(message.contains("multipart/alternative"), "{message}");
    assert!(message.contains("Nyk"), "names the organisation: {message}");
    let link = sign_in_link(&message);
    assert!(link.starts_with(&app.url("/logga-in/lank/")), "{link}");

    let done = use_link(&browser, &link).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location.as_deref(), Some(app.url("/konto").as_str()));
    let cookie = done.headers["set-cookie"].clone();
    assert!(cookie.contains("noden_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");

    let account = browser.get(&app.url("/konto")).await;
    assert_eq!(account.status, 200);
    for shown in [
        "Anna Berg",
        "anna.berg@nykoping.se",
        "Nyköpings kommun",
        "Medlem",
    ] {
        assert!(account.body.contains(shown), "{shown} missing");
    }

    // A link works once, even in another browser.
    let again = use_link(&Browser::new(), &link).await;
    assert_eq!(again.status, 403);
    assert!(again.body.contains("redan använd"), "{}", again.body);

    // A sign-in never reuses the session id the browser had before.
    let second = sign_in(&app, &smtp, "anna.berg@nykoping.se").await;
    let before = browser.cookie(&app.base, "noden_session").unwrap();
    let after = second.cookie(&app.base, "noden_session").unwrap();
    assert_ne!(before, after);

    let actions = audit_actions(&app).await;
    for expected in ["signin.link_sent", "signin", "signin.failed"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} not audited: {actions:?}"
        );
    }
}

async fn expired_links_and_addresses_outside_the_domains_are_refused(backend: Backend) {
    let smtp = SmtpServer::start();
    let clock = Clock::fixed(Clock::System.now());
    let app = TestApp::builder(backend)
        .smtp(smtp.port)
        .clock(clock.clone())
        .start()
        .await;
    register_domain(&app, "0480", "nykoping.se").await;

    let browser = Browser::new();
    assert_eq!(
        ask_for_link(&app, &browser, "bo@nykoping.se").await.status,
        200
    );
    let link = sign_in_link(&mail_to(&app, &smtp, "bo@nykoping.se", 0).await);
    clock.advance(chrono::Duration::minutes(16));
    let late = use_link(&browser, &link).await;
    assert_eq!(late.status, 403);
    assert!(late.body.contains("gått ut"), "{}", late.body);
    assert!(browser.get(&app.url("/konto")).await.status == 401);

    let outbox_before = noden_portal::mail::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len();
    for outside in [
        "bo@gmail.com",
        "bo@nykoping.se.example.com",
        "inte-en-adress",
        "811218-9876@nykoping.se",
    ] {
        let refused = ask_for_link(&app, &browser, outside).await;
        assert_eq!(refused.status, 422, "{outside}");
        assert!(
            refused.body.contains("aria-invalid=\"true\""),
            "{outside}: error not at the field: {}",
            refused.body
        );
        assert!(refused.body.contains("field-error"), "{outside}");
    }
    let outbox_after = noden_portal::mail::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len();
    assert_eq!(outbox_before, outbox_after, "no mail for refused addresses");
}

async fn forms_without_a_csrf_token_are_refused(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    register_domain(&app, "0480", "nykoping.se").await;

    let browser = Browser::new();
    browser.get(&app.url("/logga-in")).await;
    for fields in [
        vec![("email", "cia@nykoping.se")],
        vec![("csrf", "forged"), ("email", "cia@nykoping.se")],
    ] {
        let page = browser.post(&app.url("/logga-in/epost"), &fields).await;
        assert_eq!(page.status, 403, "{fields:?}");
        assert!(page.body.contains("säkerhetskod"), "{}", page.body);
    }
    assert!(smtp.messages().is_empty());

    assert_eq!(
        ask_for_link(&app, &browser, "cia@nykoping.se").await.status,
        200
    );
    let link = sign_in_link(&mail_to(&app, &smtp, "cia@nykoping.se", 0).await);
    assert_eq!(browser.post(&link, &[]).await.status, 403);
    // The refused post did not use the link up.
    assert_eq!(use_link(&browser, &link).await.status, 303);

    let account = browser.get(&app.url("/konto")).await;
    assert_eq!(browser.post(&app.url("/logga-ut"), &[]).await.status, 403);
    assert_eq!(
        browser.get(&app.url("/konto")).await.status,
        200,
        "still signed in"
    );
    let out = browser
        .post(&app.url("/logga-ut"), &[("csrf", &account.csrf())])
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(browser.get(&app.url("/konto")).await.status, 401);
}

async fn sign_in_links_are_rate_limited_per_address_and_per_client(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend)
        .smtp(smtp.port)
        .settings(|s| {
            s.sign_in_links_per_address_per_hour = 2;
            s.sign_ins_per_client_per_hour = 4;
        })
        .start()
        .await;
    register_domain(&app, "0480", "nykoping.se").await;
    let browser = Browser::new();
    assert_eq!(
        ask_for_link(&app, &browser, "dan@nykoping.se").await.status,
        200
    );
    assert_eq!(
        ask_for_link(&app, &browser, "dan@nykoping.se").await.status,
        200
    );
    let limited = ask_for_link(&app, &browser, "dan@nykoping.se").await;
    assert_eq!(limited.status, 429);
    assert!(
        limited.body.contains("för många försök"),
        "{}",
        limited.body
    );
    // Another address from the same client still works, until the client's own limit.
    assert_eq!(
        ask_for_link(&app, &browser, "eva@nykoping.se").await.status,
        200
    );
    let client_limited = ask_for_link(&app, &browser, "fia@nykoping.se").await;
    assert_eq!(client_limited.status, 429);
    let (status, problem) = {
        let page = browser
            .post(&app.url("/api/v1/reports"), &[("title", "x")])
            .await;
        (page.status, page.body)
    };
    assert_ne!(
        status, 429,
        "sign-in limits do not stop other requests: {problem}"
    );
}

async fn mail_waits_in_the_outbox_until_the_smtp_server_answers(backend: Backend) {
    let port = free_port();
    let clock = Clock::fixed(Clock::System.now());
    // The test delivers the outbox itself: with the job runner off, no attempt of its own can
    // fail against the server while it starts and push the retry past the test's fixed clock.
    let app = TestApp::builder(backend)
        .smtp(port)
        .clock(clock.clone())
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    register_domain(&app, "0480", "nykoping.se").await;
    let browser = Browser::new();
    assert_eq!(
        ask_for_link(&app, &browser, "gun@nykoping.se").await.status,
        200
    );
    // Delivery is tried and fails: nothing listens.
    let deadline = Instant::now() + Duration::from_secs(20);
    let waiting = loop {
        app.state
            .courier
            .deliver_due(&app.state.db, &app.state.clock)
            .await
            .unwrap();
        let rows = noden_portal::mail::entity::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        if rows.iter().all(|r| r.attempts >= 1) {
            break rows;
        }
        assert!(Instant::now() < deadline, "no delivery attempt: {rows:?}");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(waiting.len(), 1);
    assert!(waiting[0].sent_at.is_none() && waiting[0].failed_at.is_none());
    assert!(
        waiting[0].attempts >= 1 && waiting[0].last_error.is_some(),
        "{waiting:?}"
    );

    let smtp = SmtpServer::start_on(port);
    clock.advance(chrono::Duration::minutes(5));
    let message = mail_to(&app, &smtp, "gun@nykoping.se", 0).await;
    let link = sign_in_link(&message);
    assert_eq!(use_link(&browser, &link).await.status, 303);
    let delivered = noden_portal::mail::entity::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(delivered[0].sent_at.is_some());
}

async fn sign_out_disabling_and_idle_time_end_sessions(backend: Backend) {
    let smtp = SmtpServer::start();
    let clock = Clock::fixed(Clock::System.now());
    let app = TestApp::builder(backend)
        .smtp(smtp.port)
        .clock(clock.clone())
        .start()
        .await;
    register_domain(&app, "0480", "nykoping.se").await;

    // Sign-out ends the session on the server: the old cookie is worth nothing.
    let browser = sign_in(&app, &smtp, "hans@nykoping.se").await;
    let stolen = browser.cookie(&app.base, "noden_session").unwrap();
    let account = browser.get(&app.url("/konto")).await;
    browser
        .post(&app.url("/logga-ut"), &[("csrf", &account.csrf())])
        .await;
    let thief = Browser::new();
    thief.set_cookie(&app.base, "noden_session", &stolen);
    assert_eq!(thief.get(&app.url("/konto")).await.status, 401);

    // A disabled account loses its sessions at once.
    let browser = sign_in(&app, &smtp, "hans@nykoping.se").await;
    let user = noden_portal::auth::users::by_email(&app.state.db, "hans@nykoping.se")
        .await
        .unwrap()
        .unwrap();
    noden_portal::auth::users::update_access(
        &app.state,
        &By::command("test"),
        user.id,
        Role::Member,
        true,
    )
    .await
    .unwrap();
    assert_eq!(browser.get(&app.url("/konto")).await.status, 401);
    noden_portal::auth::users::update_access(
        &app.state,
        &By::command("test"),
        user.id,
        Role::Member,
        false,
    )
    .await
    .unwrap();

    // However active, a session ends a week after sign-in.
    let browser = sign_in(&app, &smtp, "hans@nykoping.se").await;
    for _ in 0..8 {
        clock.advance(chrono::Duration::hours(7));
        assert_eq!(browser.get(&app.url("/konto")).await.status, 200);
    }
    clock.advance(chrono::Duration::days(5));
    browser.get(&app.url("/konto")).await;
    let mut last = 200;
    for _ in 0..3 {
        clock.advance(chrono::Duration::hours(7));
        last = browser.get(&app.url("/konto")).await.status;
    }
    assert_eq!(last, 401, "absolute expiry");

    // Idle for longer than the idle limit: signed out; active: still in.
    let browser = sign_in(&app, &smtp, "hans@nykoping.se").await;
    clock.advance(chrono::Duration::hours(7));
    assert_eq!(browser.get(&app.url("/konto")).await.status, 200);
    clock.advance(chrono::Duration::hours(7));
    assert_eq!(
        browser.get(&app.url("/konto")).await.status,
        200,
        "activity keeps it alive"
    );
    clock.advance(chrono::Duration::hours(8) + chrono::Duration::minutes(1));
    assert_eq!(browser.get(&app.url("/konto")).await.status, 401);
}

pub async fn create_token(app: &TestApp, browser: &Browser, name: &str, write: bool) -> String {
    let account = browser.get(&app.url("/konto")).await;
    let csrf = account.csrf();
    let mut fields = vec![("csrf", csrf.as_str()), ("name", name), ("read", "1")];
    if write {
        fields.push(("write", "1"));
    }
    let page = browser.post(&app.url("/konto/nycklar"), &fields).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page
        .body
        .find("noden_pat_")
        .expect("the new token is shown");
    let end = page.body[start..].find('<').unwrap() + start;
    page.body[start..end].to_owned()
}

pub async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: &serde_json::Value,
) -> (u16, serde_json::Value) {
    let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
    let mut res = app
        .client
        .request(method, app.url(path))
        .bearer_auth(token)
        .send_json(body)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = res.body().await.unwrap();
    (
        status,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    )
}

async fn personal_access_tokens_write_within_their_scope_and_organisation(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    register_domain(&app, "0480", "nykoping.se").await;
    let browser = sign_in(&app, &smtp, "ida@nykoping.se").await;
    let writer = create_token(&app, &browser, "Import från ärendesystemet", true).await;
    let reader = create_token(&app, &browser, "Läsare", false).await;
    // A token's name is text like any other: no personal identity number in it.
    let account = browser.get(&app.url("/konto")).await;
    let refused = browser
        .post(
            &app.url("/konto/nycklar"),
            &[
                ("csrf", &account.csrf()),
                ("name", "Brukare 811218–9876"),
                ("read", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("personnummer"), "{}", refused.body);

    let own = json!({"title": "Läsplatta för anhöriga", "body": "Test i Nyköping.", "organisation": "0480"});
    let (status, created) = api(&app, "POST", "/api/v1/reports", &writer, &own).await;
    assert_eq!(status, 201, "{created}");
    let other =
        json!({"title": "Läsplatta i Eskilstuna", "body": "Inte vår.", "organisation": "0484"});
    let (status, problem) = api(&app, "POST", "/api/v1/reports", &writer, &other).await;
    assert_eq!(status, 403, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("egen organisation")
    );
    let (status, _) = api(&app, "POST", "/api/v1/reports", &reader, &own).await;
    assert_eq!(status, 403, "a read token cannot write");
    let (status, _) = api(
        &app,
        "GET",
        &format!("/api/v1/reports/{}", created["id"].as_str().unwrap()),
        &reader,
        &json!({}),
    )
    .await;
    assert_eq!(status, 200);

    // Revoked: refused like an unknown token.
    let account = browser.get(&app.url("/konto")).await;
    let marker = "/konto/nycklar/";
    let ids: Vec<String> = account
        .body
        .match_indices(marker)
        .map(|(i, _)| {
            account.body[i + marker.len()..]
                .split('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 2, "both tokens are listed");
    for id in ids {
        let page = browser
            .post(
                &app.url(&format!("/konto/nycklar/{id}/aterkalla")),
                &[("csrf", &account.csrf())],
            )
            .await;
        assert_eq!(page.status, 303);
    }
    let (status, _) = api(&app, "POST", "/api/v1/reports", &writer, &own).await;
    assert_eq!(status, 401);
    let (status, _) = api(&app, "POST", "/api/v1/reports", "noden_pat_made-up", &own).await;
    assert_eq!(status, 401);
    assert!(
        !account.body.contains(&writer),
        "a token is shown only once"
    );
}

async fn node_admins_manage_users_and_read_and_export_the_audit_trail(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    register_domain(&app, "0480", "nykoping.se").await;
    let admin_user = noden_portal::auth::users::add_admin(
        &app.state,
        "chef@region.example",
        app.state
            .catalog
            .get()
            .organisation_by_code("04")
            .map(|o| o.id),
    )
    .await
    .unwrap();
    assert_eq!(admin_user.role, "node_admin");

    let member = sign_in(&app, &smtp, "jon@nykoping.se").await;
    assert_eq!(member.get(&app.url("/admin/logg")).await.status, 403);
    assert_eq!(member.get(&app.url("/admin/anvandare")).await.status, 403);
    assert_eq!(
        Browser::new().get(&app.url("/admin/logg")).await.status,
        401
    );

    let admin = sign_in(&app, &smtp, "chef@region.example").await;
    let users = admin.get(&app.url("/admin/anvandare?q=jon")).await;
    assert_eq!(users.status, 200);
    assert!(users.body.contains("jon@nykoping.se"));
    let jon = noden_portal::auth::users::by_email(&app.state.db, "jon@nykoping.se")
        .await
        .unwrap()
        .unwrap();
    let changed = admin
        .post(
            &app.url(&format!("/admin/anvandare/{}", jon.id)),
            &[("csrf", &users.csrf()), ("role", "coordinator")],
        )
        .await;
    assert_eq!(changed.status, 303);
    let account = member.get(&app.url("/konto")).await;
    assert!(
        account.body.contains("Samordnare"),
        "the new role applies at once"
    );

    // The trail speaks Swedish and is filtered by its words (or, still, by a code's start).
    let trail = admin.get(&app.url("/admin/logg?action=user.")).await;
    assert_eq!(trail.status, 200);
    assert!(
        trail.body.contains("<td>Roll ändrad</td>") && trail.body.contains("chef@region.example")
    );
    assert!(
        !trail.body.contains("<td>Inloggning</td>"),
        "filtered by action: {}",
        trail.body
    );
    assert!(!trail.body.contains("user.role"), "codes only in the CSV");
    let trail = admin.get(&app.url("/admin/logg?action=roll")).await;
    assert!(
        trail.body.contains("<td>Roll ändrad</td>"),
        "{}",
        trail.body
    );
    assert!(
        !trail.body.contains("<td>Inloggning</td>"),
        "{}",
        trail.body
    );
    let trail = admin.get(&app.url("/admin/logg?action=Inloggning")).await;
    assert!(trail.body.contains("<td>Inloggning</td>"), "{}", trail.body);
    assert!(
        trail.body.contains("<td>Inloggningslänk skickad</td>"),
        "{}",
        trail.body
    );
    assert!(
        !trail.body.contains("<td>Roll ändrad</td>"),
        "{}",
        trail.body
    );
    let csv = admin.get(&app.url("/admin/logg.csv")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].starts_with("text/csv"));
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some("id,at,actor_id,actor,action,target,detail,client")
    );
    let rows: Vec<&str> = lines.collect();
    for action in ["signin.link_sent", "signin", "user.role"] {
        assert!(
            rows.iter().any(|r| r.contains(&format!(",{action},"))),
            "{action} not exported: {rows:?}"
        );
    }
}

async fn without_smtp_the_link_lands_in_the_outbox_folder(backend: Backend) {
    let app = TestApp::new(backend).await;
    register_domain(&app, "0480", "nykoping.se").await;
    let browser = Browser::new();
    assert_eq!(
        ask_for_link(&app, &browser, "kim@nykoping.se").await.status,
        200
    );
    let outbox = app.data_dir.path().join("outbox");
    let deadline = Instant::now() + Duration::from_secs(20);
    let message = loop {
        app.state
            .courier
            .deliver_due(&app.state.db, &app.state.clock)
            .await
            .unwrap();
        // The courier running in the background may be writing the file right now: read it
        // only once the outbox row says it was delivered.
        let delivered = noden_portal::mail::entity::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .iter()
            .any(|m| m.sent_at.is_some());
        let found: Vec<String> = std::fs::read_dir(&outbox)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        if let (true, Some(first)) = (delivered, found.into_iter().next()) {
            break first;
        }
        assert!(Instant::now() < deadline, "no .eml in {}", outbox.display());
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(message.contains("To: kim@nykoping.se"));
    let link = sign_in_link(&message);
    assert_eq!(use_link(&browser, &link).await.status, 303);
}

async fn node_admins_set_domains_and_providers_in_forms(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = TestApp::builder(backend).smtp(smtp.port).start().await;
    noden_portal::auth::users::add_admin(
        &app.state,
        "chef@nykoping.se",
        app.state
            .catalog
            .get()
            .organisation_by_code("0480")
            .map(|o| o.id),
    )
    .await
    .unwrap();
    let admin = sign_in(&app, &smtp, "chef@nykoping.se").await;
    let index = admin.get(&app.url("/admin")).await;
    assert_eq!(index.status, 200);
    let picked = admin
        .get(&app.url("/admin/organisationer/valj?organisation=eskilstuna-kommun"))
        .await;
    assert_eq!(picked.status, 303);
    let org_url = picked.location.unwrap();
    let page = admin.get(&org_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("/logga-in/oidc/eskilstuna-kommun/klar"),
        "shows the redirect address"
    );
    let csrf = page.csrf();

    let added = admin
        .post(
            &format!("{org_url}/domaner"),
            &[("csrf", &csrf), ("domain", "@Eskilstuna.se")],
        )
        .await;
    assert_eq!(added.status, 303);
    assert!(admin.get(&org_url).await.body.contains("eskilstuna.se"));
    let taken = admin
        .post(
            &app.url("/admin/organisationer/nykopings-kommun/domaner"),
            &[("csrf", &csrf), ("domain", "eskilstuna.se")],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("domain-error"), "{}", taken.body);

    let bad = admin
        .post(
            &format!("{org_url}/inloggning"),
            &[
                ("csrf", &csrf),
                ("issuer", "http://login.eskilstuna.se"),
                ("client_id", ""),
                ("client_secret", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    for id in ["issuer-error", "client_id-error", "client_secret-error"] {
        assert!(bad.body.contains(id), "{id} missing");
    }
    let good = admin
        .post(
            &format!("{org_url}/inloggning"),
            &[
                ("csrf", &csrf),
                ("issuer", "https://login.eskilstuna.se/"),
                ("client_id", "noden"),
                ("client_secret", "s3cr3t-eskilstuna"),
            ],
        )
        .await;
    assert_eq!(good.status, 303);
    let page = admin.get(&org_url).await;
    assert!(page.body.contains("value=\"https://login.eskilstuna.se\""));
    assert!(
        !page.body.contains("s3cr3t-eskilstuna"),
        "the secret is never shown again"
    );
    assert!(
        Browser::new()
            .get(&app.url("/logga-in"))
            .await
            .body
            .contains("/logga-in/oidc/eskilstuna-kommun")
    );

    // Workspaces for groups of organisations.
    let rooms = admin.get(&app.url("/admin/arbetsrum")).await;
    assert_eq!(rooms.status, 200);
    let empty = admin
        .post(
            &app.url("/admin/arbetsrum"),
            &[("csrf", &rooms.csrf()), ("name", "Upphandling av lås")],
        )
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("organisations-error"));
    let made = admin
        .post(
            &app.url("/admin/arbetsrum"),
            &[
                ("csrf", &rooms.csrf()),
                ("name", "Upphandling av lås"),
                ("organisations", "0480"),
                ("organisations", "0484"),
            ],
        )
        .await;
    assert_eq!(made.status, 303);
    let rooms = admin.get(&app.url("/admin/arbetsrum")).await;
    assert!(
        rooms.body.contains("Nyköpings kommun, Eskilstuna kommun")
            || rooms.body.contains("Eskilstuna kommun, Nyköpings kommun")
    );

    let actions = audit_actions(&app).await;

    for action in [
        "organisation.domain_add",
        "organisation.provider_set",
        "workspace.save",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
}
