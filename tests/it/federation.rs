//! Federation between county nodes: each node's document and key, and the administrator
//! trusting, changing and removing peer nodes (on the page and with `noden peers`).

use std::io::Write;
use std::process::Stdio;

use noden_portal::auth::Role;
use sea_orm::EntityTrait;
use serde_json::Value;

use crate::browser::Browser;
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_node_publishes_its_name_county_address_and_key_but_never_the_secret_half,
    an_administrator_trusts_a_peer_after_comparing_its_fingerprint_then_pauses_and_removes_it,
    a_peer_is_refused_when_it_is_this_node_unreachable_lying_about_its_address_or_its_key_changed,
    operators_add_list_and_remove_peers_from_the_command_line,
    a_public_report_reaches_a_trusting_node_with_its_origin_and_follows_edits_and_withdrawal,
    a_network_item_reaches_only_the_peer_trusted_with_it_and_only_its_signed_in_users,
    the_feed_answers_only_signed_fresh_unreplayed_requests_from_trusted_peers,
    three_serve_processes_share_by_signed_pulls_and_catch_up_after_a_peer_was_down,
    a_hostile_peer_is_refused_item_by_item_and_page_by_page_and_nothing_unsafe_is_stored,
    the_daily_reconciliation_repairs_what_a_cursor_missed,
    members_follow_comment_on_and_cite_an_item_from_another_node,
);

/// A node that may reach other nodes over plain http on this machine.
async fn node(backend: Backend, name: &str, county: &str) -> TestApp {
    let (name, county) = (name.to_owned(), county.to_owned());
    TestApp::builder(backend)
        .settings(move |s| {
            s.node_name = name;
            s.node_county = county;
            s.federation_allow_http_loopback = true;
            // Pulls happen when the test asks (the process test has its runners on).
            s.run_jobs = false;
        })
        .start()
        .await
}

async fn document(app: &TestApp) -> Value {
    let (status, document) = app.get_json("/.well-known/noden").await;
    assert_eq!(status, 200, "{document}");
    document
}

async fn admin(app: &TestApp) -> Browser {
    let admin = Browser::new();
    let cookie = app
        .session_for("drift@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    admin.set_cookie(&app.base, "noden_session", &cookie);
    admin
}

/// The address of the first step of trusting the node at `url`, on `app`.
fn preview(app: &TestApp, url: &str) -> String {
    let query = serde_html_form::to_string([("url", url), ("share", "public")]).unwrap();
    app.url(&format!("/admin/federation/ny?{query}"))
}

async fn a_node_publishes_its_name_county_address_and_key_but_never_the_secret_half(
    backend: Backend,
) {
    let app = node(backend.clone(), "Noden Sörmland", "04").await;
    let doc = document(&app).await;
    assert_eq!(doc["protocol"], "noden-federation/1");
    assert_eq!(doc["name"], "Noden Sörmland");
    assert_eq!(doc["county"], "04");
    assert_eq!(doc["url"], app.base);
    assert_eq!(doc["feed"], format!("{}/federation/v1/changes", app.base));
    assert_eq!(doc["algorithm"], "ed25519");
    let public = doc["public_key"].as_str().unwrap();
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(public)
        .expect("base64 public key");
    assert_eq!(raw.len(), 32);
    let fingerprint = doc["fingerprint"].as_str().unwrap();
    assert_eq!(fingerprint.split(':').count(), 32, "{fingerprint}");
    assert!(doc["software"].as_str().unwrap().starts_with("noden "));

    // The key stays the same however often it is asked for, and its secret half, kept in the
    // database, is on no page.
    assert_eq!(document(&app).await, doc);
    let secret = noden_portal::auth::secret::existing_node_key(
        &app.state.db,
        noden_portal::federation::identity::KEY_NAME,
    )
    .await
    .unwrap()
    .expect("the key was made at first start");
    let secret = base64::engine::general_purpose::STANDARD.encode(secret);
    let (_, _, body) = app.get("/.well-known/noden").await;
    assert!(!body.contains(&secret));
    let admin = admin(&app).await;
    let page = admin.get(&app.url("/admin/federation")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(fingerprint), "{}", page.body);
    assert!(!page.body.contains(&secret));

    // A key given by the operator is used instead of the stored one.
    let given = noden_portal::federation::signature::Keypair::generate().unwrap();
    let configured = given.to_base64();
    let other = TestApp::builder(backend)
        .settings(move |s| s.federation_key = Some(configured.into()))
        .start()
        .await;
    assert_eq!(document(&other).await["key_id"], given.key_id());
}

async fn an_administrator_trusts_a_peer_after_comparing_its_fingerprint_then_pauses_and_removes_it(
    backend: Backend,
) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    let b_doc = document(&b).await;
    let admin = admin(&a).await;

    // Members and visitors may not look.
    let member = Browser::new();
    let cookie = a
        .session_for("medlem@nykoping.se", Role::Member, "0480")
        .await;
    member.set_cookie(&a.base, "noden_session", &cookie);
    assert_eq!(member.get(&a.url("/admin/federation")).await.status, 403);
    assert_eq!(
        Browser::new().get(&a.url("/admin/federation")).await.status,
        401
    );
    assert!(
        admin
            .get(&a.url("/admin"))
            .await
            .body
            .contains("href=\"/admin/federation\"")
    );

    let page = admin.get(&a.url("/admin/federation")).await;
    assert!(page.body.contains("Inga noder ännu."), "{}", page.body);
    let csrf = page.csrf();
    // The first step shows what the peer says of itself, its fingerprint above all.
    let shown = admin.get(&preview(&a, &format!("{}/", b.base))).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(
        shown.body.contains("Noden Västra Götaland"),
        "{}",
        shown.body
    );
    let fingerprint = b_doc["fingerprint"].as_str().unwrap();
    assert!(shown.body.contains(fingerprint), "{}", shown.body);
    assert!(
        noden_portal::federation::peers::page(&a.state.db, 1)
            .await
            .unwrap()
            .1
            == 0,
        "nothing is trusted before the administrator confirms"
    );

    let confirmed = admin
        .post(
            &a.url("/admin/federation/bekrafta"),
            &[
                ("csrf", &csrf),
                ("url", &b.base),
                ("share", "network"),
                ("fingerprint", fingerprint),
            ],
        )
        .await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let list = admin.get(&a.url("/admin/federation")).await;
    assert!(list.body.contains("Noden Västra Götaland"), "{}", list.body);
    // B has not trusted A, so A's first pull (its job runs at once) may already have been
    // refused: the row says so either way.
    assert!(
        list.body.contains("Inte hämtad ännu") || list.body.contains("Fel vid senaste hämtningen"),
        "{}",
        list.body
    );
    assert!(list.body.contains(fingerprint));
    let (peers, total) = noden_portal::federation::peers::page(&a.state.db, 1)
        .await
        .unwrap();
    assert_eq!(total, 1);
    let peer = &peers[0];
    assert_eq!(
        (
            peer.url.as_str(),
            peer.share.as_str(),
            peer.pull,
            peer.paused
        ),
        (b.base.as_str(), "network", true, false)
    );
    // Adding it again is refused, next to the address.
    let again = admin.get(&preview(&a, &b.base)).await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("är redan betrodd"), "{}", again.body);
    assert!(again.body.contains("id=\"url-error\""), "{}", again.body);

    // Paused and shared with less.
    let changed = admin
        .post(
            &a.url(&format!("/admin/federation/{}", peer.id)),
            &[("csrf", &csrf), ("share", "public"), ("paused", "ja")],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let list = admin.get(&a.url("/admin/federation")).await;
    assert!(list.body.contains("Pausad"), "{}", list.body);
    let peer = noden_portal::federation::peers::find(&a.state.db, peer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (peer.share.as_str(), peer.pull, peer.paused),
        ("public", false, true)
    );

    // Removing asks first, then the peer is gone; all of it is in the audit trail.
    let remove = a.url(&format!("/admin/federation/{}/ta-bort", peer.id));
    let asked = admin.get(&remove).await;
    assert_eq!(asked.status, 200);
    assert!(
        asked.body.contains("Ta bort Noden Västra Götaland"),
        "{}",
        asked.body
    );
    assert_eq!(
        admin.post(&remove, &[]).await.status,
        403,
        "CSRF token needed"
    );
    assert_eq!(admin.post(&remove, &[("csrf", &csrf)]).await.status, 303);
    let list = admin.get(&a.url("/admin/federation")).await;
    assert!(list.body.contains("Inga noder ännu."), "{}", list.body);
    let audit = crate::sign_in::audit_actions(&a).await;
    for action in [
        "federation.peer_add",
        "federation.peer_change",
        "federation.peer_remove",
    ] {
        assert!(audit.iter().any(|x| x == action), "{action}: {audit:?}");
    }
}

async fn a_peer_is_refused_when_it_is_this_node_unreachable_lying_about_its_address_or_its_key_changed(
    backend: Backend,
) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend.clone(), "Noden Västra Götaland", "14").await;
    let admin = admin(&a).await;
    let csrf = admin.get(&a.url("/admin/federation")).await.csrf();
    let shown = |url: &str| {
        let address = preview(&a, url);
        let admin = &admin;
        async move { admin.get(&address).await }
    };

    let own = shown(&a.base).await;
    assert_eq!(own.status, 422);
    assert!(
        own.body.contains("Det är den här noden själv."),
        "{}",
        own.body
    );
    let typed = shown("inte en adress med mellanslag").await;
    assert_eq!(typed.status, 422);
    assert!(
        typed
            .body
            .contains("value=\"inte en adress med mellanslag\""),
        "typed text kept"
    );
    // Nothing answers there.
    let dead = shown("http://127.0.0.1:9").await;
    assert_eq!(dead.status, 422);
    assert!(dead.body.contains("Noden svarade inte"), "{}", dead.body);
    // A node whose document names another address.
    let impostor = TestApp::builder(backend.clone())
        .settings(move |s| {
            s.node_name = "Noden Lögn".to_owned();
            s.public_url = "http://127.0.0.1:1".to_owned();
            s.federation_allow_http_loopback = true;
        })
        .start()
        .await;
    let lying = shown(&impostor.base).await;
    assert_eq!(lying.status, 422);
    assert!(
        lying.body.contains("Noden uppger adressen"),
        "{}",
        lying.body
    );

    // A node this node may not reach over plain http: without the setting, only https.
    let strict = TestApp::new(backend).await;
    let strict_admin = crate::federation::admin(&strict).await;
    let plain = strict_admin.get(&preview(&strict, &b.base)).await;
    assert_eq!(plain.status, 422);
    assert!(plain.body.contains("kan inte nås"), "{}", plain.body);

    // The key changed between what the administrator saw and the confirmation.
    let wrong = admin
        .post(
            &a.url("/admin/federation/bekrafta"),
            &[
                ("csrf", &csrf),
                ("url", &b.base),
                ("share", "public"),
                ("fingerprint", "00:11:22"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(
        wrong.body.contains("inte längre den du bekräftade"),
        "{}",
        wrong.body
    );
    assert_eq!(
        noden_portal::federation::peers::page(&a.state.db, 1)
            .await
            .unwrap()
            .1,
        0
    );
}

async fn operators_add_list_and_remove_peers_from_the_command_line(backend: Backend) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    let fingerprint = document(&b).await["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    let data = tempfile::tempdir().unwrap();
    let noden = |args: &[&str]| {
        let mut command = crate::harness::noden_command(&a.db.url, data.path());
        command
            .arg("peers")
            .args(args)
            .env("NODEN_FEDERATION_ALLOW_HTTP_LOOPBACK", "true")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    };
    // The command runs beside the test's runtime, which serves both nodes meanwhile.
    let run = |args: &[&str], answer: &str| {
        let mut command = noden(args);
        let answer = answer.to_owned();
        async move {
            actix_web::rt::task::spawn_blocking(move || {
                let mut child = command.spawn().expect("noden peers");
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(answer.as_bytes())
                    .unwrap();
                let out = child.wait_with_output().unwrap();
                (
                    out.status.code(),
                    String::from_utf8_lossy(&out.stdout).into_owned(),
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                )
            })
            .await
            .unwrap()
        }
    };

    // Asked, and answered no: nothing is trusted.
    let (code, _, err) = run(&["add", &b.base], "n\n").await;
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("Noden Västra Götaland"), "{err}");
    assert!(err.contains(&fingerprint), "{err}");
    assert!(err.contains("lades inte till"), "{err}");
    let (code, out, err) = run(&["list"], "").await;
    assert_eq!(code, Some(0), "{err}");
    assert!(out.is_empty(), "{out}");

    // Answered yes.
    let (code, _, err) = run(&["add", &b.base, "--share", "network"], "j\n").await;
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("är nu betrodd"), "{err}");
    let (code, out, _) = run(&["list"], "").await;
    assert_eq!(code, Some(0));
    let line: Vec<&str> = out.trim().split('\t').collect();
    assert_eq!(
        line[..3],
        [b.base.as_str(), "Noden Västra Götaland", "network"]
    );
    assert_eq!(line[4], fingerprint);

    // Bad input says what is wrong, with exit code 2.
    let (code, _, err) = run(&["add", &b.base, "--share", "allt", "--yes"], "").await;
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = run(&["add", &b.base, "--yes"], "").await;
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("redan betrodd"), "{err}");

    let (code, _, err) = run(&["remove", &format!("{}/", b.base)], "").await;
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&["remove", &b.base], "").await;
    assert_eq!(code, Some(2), "{err}");
    // Scripts confirm with --yes.
    let (code, _, err) = run(&["add", &b.base, "--yes"], "").await;
    assert_eq!(code, Some(0), "{err}");
    let audit = crate::sign_in::audit_actions(&a).await;
    assert_eq!(
        audit.iter().filter(|x| *x == "federation.peer_add").count(),
        2,
        "{audit:?}"
    );
}

/// `on` trusts `peer`, sharing `share` with it; returns the peer's id on `on`.
pub async fn trust(on: &TestApp, peer: &TestApp, share: &str) -> uuid::Uuid {
    use noden_portal::federation::peers;
    let document = peers::preview(&on.state, &peer.base).await.unwrap();
    let by = noden_portal::audit::By::command("test");
    let share = peers::Share::parse(share).unwrap();
    peers::add(&on.state, &by, &peer.base, share, &document.fingerprint)
        .await
        .unwrap()
        .id
}

/// `on` pulls `peer` now, and its index takes in what came.
pub async fn pull(on: &TestApp, peer: uuid::Uuid) {
    noden_portal::federation::pull::pull_now(&on.state, peer)
        .await
        .unwrap();
    on.indexed().await;
}

async fn peer_row(on: &TestApp, id: uuid::Uuid) -> noden_portal::federation::peers::Peer {
    noden_portal::federation::peers::find(&on.state.db, id)
        .await
        .unwrap()
        .unwrap()
}

async fn report(app: &TestApp, title: &str, visibility: &str) -> Value {
    let body = serde_json::json!({
        "title": title,
        "summary": "Nattillsyn med kamera i hemtjänsten.",
        "body": "Kameran *monterades* i taket. Personalen var nöjd.\n\nInga larm missades.",
        "visibility": visibility,
        "organisation": "0480",
        "outcome": "inford",
        "categories": ["digital-tillsyn"],
    });
    let (status, made) = app.send_json("POST", "/api/v1/reports", &body, true).await;
    assert_eq!(status, 201, "{made}");
    made
}

async fn a_public_report_reaches_a_trusting_node_with_its_origin_and_follows_edits_and_withdrawal(
    backend: Backend,
) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    // Each side trusts the other: A serves B, B pulls A.
    trust(&a, &b, "public").await;
    let a_on_b = trust(&b, &a, "public").await;
    let made = report(&a, "Kvasarkameror nattetid i Nyköping", "public").await;
    let id = made["id"].as_str().unwrap().to_owned();

    pull(&b, a_on_b).await;
    let found = b.search("q=kvasarkameror").await;
    assert_eq!(found["total"], 1, "{found}");
    let hit = &found["hits"][0];
    assert_eq!(hit["title"], "Kvasarkameror nattetid i Nyköping");
    assert!(
        crate::harness::facet_values(&found, "node").contains(&"Noden Sörmland".to_owned()),
        "{found}"
    );
    let local = b.search("q=kvasarkameror&node=lokal").await;
    assert_eq!(
        local["total"], 0,
        "searching this node only leaves it out: {local}"
    );
    let url = hit["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/fran/"), "{url}");
    let (status, _, page) = b.get(&url).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Från Noden Sörmland"), "{page}");
    assert!(
        page.contains(&format!("{}/rapporter/", a.base)),
        "a link to the original: {page}"
    );
    assert!(page.contains("Kameran monterades i taket."), "{page}");
    let peer = peer_row(&b, a_on_b).await;
    assert!(peer.cursor > 0 && peer.cursor == peer.head, "{peer:?}");
    assert!(
        peer.last_success_at.is_some() && peer.last_error.is_empty(),
        "{peer:?}"
    );

    // Pulling again brings nothing twice.
    pull(&b, a_on_b).await;
    assert_eq!(b.search("q=kvasarkameror").await["total"], 1);

    // An edit on A reaches B.
    let (status, edited) = a
        .send_json(
            "PATCH",
            &format!("/api/v1/reports/{id}"),
            &serde_json::json!({"title": "Kvasarkameror nattetid i hela Nyköping"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    pull(&b, a_on_b).await;
    let found = b.search("q=kvasarkameror").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(
        found["hits"][0]["title"],
        "Kvasarkameror nattetid i hela Nyköping"
    );
    assert_eq!(found["hits"][0]["url"], url, "the same item, updated");

    // Made private on A: gone from B.
    let (status, _) = a
        .send_json(
            "PATCH",
            &format!("/api/v1/reports/{id}"),
            &serde_json::json!({"visibility": "organisation"}),
            true,
        )
        .await;
    assert_eq!(status, 200);
    pull(&b, a_on_b).await;
    assert_eq!(b.search("q=kvasarkameror").await["total"], 0);
    assert_eq!(b.get(&url).await.0, 404);

    // Removing the peer removes what came from it.
    let again = report(&a, "Gnuggbitar i Oxelösund", "public").await;
    assert!(again["id"].is_string());
    pull(&b, a_on_b).await;
    assert_eq!(b.search("q=gnuggbitar").await["total"], 1);
    let by = noden_portal::audit::By::command("test");
    noden_portal::federation::peers::remove(&b.state, &by, a_on_b)
        .await
        .unwrap();
    b.indexed().await;
    assert_eq!(b.search("q=gnuggbitar").await["total"], 0);
}

async fn a_network_item_reaches_only_the_peer_trusted_with_it_and_only_its_signed_in_users(
    backend: Backend,
) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend.clone(), "Noden Västra Götaland", "14").await;
    let c = node(backend, "Noden Uppsala", "03").await;
    trust(&a, &b, "public").await;
    trust(&a, &c, "network").await;
    let a_on_b = trust(&b, &a, "public").await;
    let a_on_c = trust(&c, &a, "public").await;
    report(&a, "Zebrafiskar i nätverket", "network").await;
    report(&a, "Kvasarlampor i organisationen", "organisation").await;
    pull(&b, a_on_b).await;
    pull(&c, a_on_c).await;

    assert_eq!(b.search("q=zebrafiskar").await["total"], 0);
    // On C only signed-in users find it; visitors do not.
    assert_eq!(c.search("q=zebrafiskar").await["total"], 0);
    let member = c.with_user(Role::Member, "0480").await;
    let (status, found) = member.get_json("/api/v1/search?q=zebrafiskar").await;
    assert_eq!(status, 200);
    assert_eq!(found["total"], 1, "{found}");
    let url = found["hits"][0]["url"].as_str().unwrap().to_owned();
    assert_eq!(member.get(&c.url(&url)).await.status, 200);
    assert_eq!(Browser::new().get(&c.url(&url)).await.status, 401);
    // What only A's organisation may read never leaves A.
    for node in [&b, &c] {
        let count = noden_portal::federation::remote::entity::Entity::find()
            .all(&node.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|i| i.title.contains("Kvasarlampor"))
            .count();
        assert_eq!(count, 0);
    }
}

async fn the_feed_answers_only_signed_fresh_unreplayed_requests_from_trusted_peers(
    backend: Backend,
) {
    use noden_portal::federation::{identity, signature};
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    trust(&a, &b, "public").await;
    let feed = format!("{}/federation/v1/changes?after=0&limit=10", a.base);
    let send = |request: http::Request<Vec<u8>>| async move {
        let mut outgoing = awc::Client::default().get(request.uri().to_string());
        for (name, value) in request.headers() {
            outgoing = outgoing.insert_header((name.as_str(), value.as_bytes().to_vec()));
        }
        let mut res = outgoing.send().await.unwrap();
        let body = res.body().limit(4 * 1024 * 1024).await.unwrap();
        (
            res.status().as_u16(),
            String::from_utf8_lossy(&body).into_owned(),
        )
    };
    let request = || {
        http::Request::builder()
            .method("GET")
            .uri(feed.as_str())
            .body(Vec::new())
            .unwrap()
    };
    let now = b.state.clock.now().timestamp();
    let b_key = identity::keypair(&b.state.db, &b.state.settings, b.state.clock.now())
        .await
        .unwrap();

    let (status, body) = send(request()).await;
    assert_eq!(status, 403, "unsigned: {body}");
    assert!(body.contains("not signed"), "{body}");

    let mut signed = request();
    signature::sign(&mut signed, &b_key, now).unwrap();
    let (status, body) = send(signed.clone()).await;
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["protocol"], "noden-federation/1");
    assert_eq!(page["origin"], a.base);
    assert!(page["head"].as_i64().unwrap() > 0);

    let (status, body) = send(signed).await;
    assert_eq!(status, 403, "replayed: {body}");
    assert!(body.contains("replay"), "{body}");

    let mut old = request();
    signature::sign(&mut old, &b_key, now - 600).unwrap();
    let (status, body) = send(old).await;
    assert_eq!(status, 403, "ten minutes old: {body}");

    let stranger = signature::Keypair::generate().unwrap();
    let mut unknown = request();
    signature::sign(&mut unknown, &stranger, now).unwrap();
    let (status, body) = send(unknown).await;
    assert_eq!(status, 403, "an unknown key: {body}");
    assert!(body.contains("not known"), "{body}");

    // Signed for another address than the one asked.
    let mut elsewhere = http::Request::builder()
        .method("GET")
        .uri(format!("{}/federation/v1/changes?after=5&limit=10", a.base))
        .body(Vec::new())
        .unwrap();
    signature::sign(&mut elsewhere, &b_key, now).unwrap();
    let mut moved = request();
    *moved.headers_mut() = elsewhere.headers().clone();
    let (status, body) = send(moved).await;
    assert_eq!(status, 403, "signed for another query: {body}");

    // A paused peer is not answered.
    // A's administrator sees the refused requests and why.
    let shown = admin(&a).await.get(&a.url("/admin/federation")).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("Avvisade förfrågningar"),
        "{}",
        shown.body
    );
    for reason in ["not signed", "replay", "not known"] {
        assert!(shown.body.contains(reason), "{reason}: {}", shown.body);
    }

    let (peers, _) = noden_portal::federation::peers::page(&a.state.db, 1)
        .await
        .unwrap();
    let by = noden_portal::audit::By::command("test");
    noden_portal::federation::peers::change(
        &a.state,
        &by,
        peers[0].id,
        noden_portal::federation::peers::Change {
            share: noden_portal::federation::peers::Share::Public,
            pull: true,
            paused: true,
        },
    )
    .await
    .unwrap();
    let mut paused = request();
    signature::sign(&mut paused, &b_key, now).unwrap();
    assert_eq!(send(paused).await.0, 403);
}

/// A real `noden serve` node on its own database, port and data directory.
struct Process {
    db: crate::harness::TestDb,
    data: tempfile::TempDir,
    port: u16,
    name: &'static str,
    county: &'static str,
    serve: Option<crate::instances::Serve>,
}

impl Process {
    async fn new(backend: &Backend, name: &'static str, county: &'static str) -> Process {
        let mut process = Process {
            db: crate::harness::TestDb::new(backend).await,
            data: tempfile::tempdir().unwrap(),
            port: crate::smtp::free_port(),
            name,
            county,
            serve: None,
        };
        process.start();
        process
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("NODEN_NODE_NAME", self.name.to_owned()),
            ("NODEN_NODE_COUNTY", self.county.to_owned()),
            ("NODEN_FEDERATION_ALLOW_HTTP_LOOPBACK", "true".to_owned()),
            ("NODEN_FEDERATION_PULL_SECONDS", "1".to_owned()),
            ("NODEN_JOBS_POLL_MS", "200".to_owned()),
        ]
    }

    fn start(&mut self) {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.serve = Some(crate::instances::Serve::start_with(
            &self.db,
            self.data.path(),
            &format!("127.0.0.1:{}", self.port),
            &env,
        ));
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn kill(&mut self) {
        if let Some(serve) = self.serve.take() {
            serve.kill_9();
        }
    }

    /// `noden peers …` against this node's database.
    fn peers(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let out = crate::harness::noden_command(&self.db.url, self.data.path())
            .arg("peers")
            .args(args)
            .envs(self.env())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn trust(&self, other: &Process, share: &str) {
        let (code, _, err) = self.peers(&["add", &other.base(), "--share", share, "--yes"]);
        assert_eq!(code, Some(0), "{err}");
    }
}

/// Polls until `done` holds for the answer to `query` on `base`, for at most a minute.
async fn eventually(base: &str, query: &str, done: impl Fn(&Value) -> bool) -> Value {
    eventually_within(base, query, done, std::time::Duration::from_secs(60)).await
}

/// Polls until `done` holds for the answer to `query` on `base`, for at most `limit`.
async fn eventually_within(
    base: &str,
    query: &str,
    done: impl Fn(&Value) -> bool,
    limit: std::time::Duration,
) -> Value {
    let client = awc::Client::default();
    let start = std::time::Instant::now();
    loop {
        let result = crate::instances::search(&client, base, query).await;
        if done(&result) || start.elapsed() > limit {
            return result;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn create_on(base: &str, title: &str, visibility: &str) -> String {
    let mut res = awc::Client::default()
        .post(format!("{base}/api/v1/reports"))
        .bearer_auth(crate::harness::TOKEN)
        .send_json(&serde_json::json!({
            "title": title,
            "body": "Skrivet på en nod och hämtat av en annan.",
            "visibility": visibility,
            "organisation": "0480",
        }))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let made: Value = res.json().await.unwrap();
    made["id"].as_str().unwrap().to_owned()
}

async fn three_serve_processes_share_by_signed_pulls_and_catch_up_after_a_peer_was_down(
    backend: Backend,
) {
    let mut a = Process::new(&backend, "Noden Sörmland", "04").await;
    let b = Process::new(&backend, "Noden Västra Götaland", "14").await;
    let c = Process::new(&backend, "Noden Uppsala", "03").await;
    a.trust(&b, "public");
    a.trust(&c, "network");
    b.trust(&a, "public");
    c.trust(&a, "public");

    // Published on A: found on B and C after a pull, with A as its node.
    create_on(&a.base(), "Zebrafiskar i Sörmland", "public").await;
    for node in [&b, &c] {
        let found = eventually(&node.base(), "q=zebrafiskar", |r| r["total"] == 1).await;
        assert_eq!(found["total"], 1, "{}: {found}", node.name);
        assert!(
            crate::harness::facet_values(&found, "node").contains(&"Noden Sörmland".to_owned()),
            "{found}"
        );
    }
    // A network item reaches C only (C's visitors do not see it; the item is there).
    create_on(&a.base(), "Kvasarlampor för nätverket", "network").await;
    let c_db = sea_orm::Database::connect(&c.db.url).await.unwrap();
    let b_db = sea_orm::Database::connect(&b.db.url).await.unwrap();
    let titles = |db: sea_orm::DatabaseConnection| async move {
        noden_portal::federation::remote::entity::Entity::find()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.title)
            .collect::<Vec<_>>()
    };
    let start = std::time::Instant::now();
    while !titles(c_db.clone())
        .await
        .iter()
        .any(|t| t.contains("Kvasarlampor"))
        && start.elapsed() < std::time::Duration::from_secs(60)
    {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        titles(c_db.clone())
            .await
            .iter()
            .any(|t| t.contains("Kvasarlampor"))
    );

    // A goes down: B notes the error and backs off.
    a.kill();
    let down = std::time::Instant::now();
    let status = loop {
        let (_, out, _) = b.peers(&["list"]);
        if out.contains("fel:") || down.elapsed() > std::time::Duration::from_secs(60) {
            break out;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert!(status.contains("fel:"), "{status}");

    // A returns with new work: B catches up, nothing lost, nothing doubled. B's backoff
    // doubles from the one-second interval, so it asks again after about as long as A was away
    // (longer on a loaded machine, where starting A again takes longer).
    a.start();
    create_on(&a.base(), "Gnuggbitar efter omstarten", "public").await;
    let away = down.elapsed();
    let limit = std::time::Duration::from_secs(60).max(away * 2);
    let found = eventually_within(&b.base(), "q=gnuggbitar", |r| r["total"] == 1, limit).await;
    assert_eq!(
        found["total"],
        1,
        "A was away {away:?}; B's peers:\n{}\n{found}",
        b.peers(&["list"]).1
    );
    let (_, out, _) = b.peers(&["list"]);
    assert!(out.contains("\tok\t"), "{out}");

    // B killed while pulling a burst of changes resumes at its cursor after a restart.
    let mut b = b;
    for n in 0..30 {
        create_on(&a.base(), &format!("Skurkfiskar nummer {n}"), "public").await;
    }
    b.kill();
    b.start();
    let found = eventually(&b.base(), "q=skurkfiskar&per_page=50", |r| r["total"] == 30).await;
    assert_eq!(found["total"], 30, "{found}");
    let held = titles(b_db.clone()).await;
    let mut unique = held.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), held.len(), "nothing doubled: {held:?}");
    assert!(!held.iter().any(|t| t.contains("Kvasarlampor")), "{held:?}");
}

/// What the hostile peer answers to a pull.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Hostile {
    Items,
    Huge,
    Redirect,
}

pub(crate) struct FakePeer {
    pub(crate) base: String,
    mode: std::sync::Arc<std::sync::Mutex<Hostile>>,
    /// Whether every feed request it got was signed by the node that pulls.
    signed: std::sync::Arc<std::sync::Mutex<Vec<bool>>>,
    _handle: actix_web::dev::ServerHandle,
}

/// The text of the hostile peer's one acceptable item, unless a test gives its own.
const HOSTILE_BODY: &str = "Vanlig text.\n\n<script>alert('xss')</script>\n\n<img src=x onerror=alert(1)>\n\n[klicka här](javascript:alert(2))";

/// A peer node written for the test: a valid document, and a feed full of what a node must
/// never take in, its one acceptable item with the Markdown `body`. It checks the pulling
/// node's signatures with `puller`'s public key.
async fn fake_peer(
    puller: ed25519_dalek::VerifyingKey,
    clock: noden_portal::clock::Clock,
    body: &str,
) -> FakePeer {
    use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
    let port = crate::smtp::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let key = noden_portal::federation::signature::Keypair::generate().unwrap();
    let document = serde_json::json!({
        "protocol": "noden-federation/1",
        "name": "Noden Fientlig",
        "county": "25",
        "url": base,
        "key_id": key.key_id(),
        "algorithm": "ed25519",
        "public_key": key.public_base64(),
        "fingerprint": key.fingerprint(),
        "feed": format!("{base}/federation/v1/changes"),
        "software": "fientlig 1.0",
    });
    let mode = std::sync::Arc::new(std::sync::Mutex::new(Hostile::Items));
    let signed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (m, sg, b) = (mode.clone(), signed.clone(), base.clone());
    let body: std::sync::Arc<str> = body.into();
    let server = HttpServer::new(move || {
        let (document, mode, signed, base) = (document.clone(), m.clone(), sg.clone(), b.clone());
        let body = body.clone();
        let clock = clock.clone();
        App::new()
            .route(
                "/.well-known/noden",
                web::get().to(move || {
                    let document = document.clone();
                    async move { HttpResponse::Ok().json(document) }
                }),
            )
            .route(
                "/federation/v1/changes",
                web::get().to(move |req: HttpRequest| {
                    let (mode, signed, base) = (mode.clone(), signed.clone(), base.clone());
                    let body = body.clone();
                    let clock = clock.clone();
                    async move {
                        let mut headers = http::HeaderMap::new();
                        for (name, value) in req.headers() {
                            headers.append(
                                http::HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
                                http::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
                            );
                        }
                        let target = format!("{base}{}", req.uri());
                        let now = clock.now().timestamp();
                        let ok = noden_portal::federation::signature::verify(
                            "GET",
                            &target,
                            &headers,
                            now,
                            |_| Some(puller),
                        )
                        .is_ok();
                        signed.lock().unwrap().push(ok);
                        let current = *mode.lock().unwrap();
                        match current {
                            Hostile::Items => {
                                let after: i64 = req
                                    .query_string()
                                    .split('&')
                                    .find_map(|p| p.strip_prefix("after="))
                                    .and_then(|a| a.parse().ok())
                                    .unwrap_or(0);
                                HttpResponse::Ok().json(hostile_page(&base, after, &body))
                            }
                            Hostile::Huge => HttpResponse::Ok()
                                .content_type("application/json")
                                .body(format!(
                                    "{{\"padding\": \"{}\"}}",
                                    "x".repeat(2 * 1024 * 1024)
                                )),
                            Hostile::Redirect => HttpResponse::Found()
                                .insert_header((
                                    "location",
                                    "http://127.0.0.1:9/federation/v1/changes",
                                ))
                                .finish(),
                        }
                    }
                }),
            )
    })
    .workers(1)
    .bind(("127.0.0.1", port))
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    FakePeer {
        base,
        mode,
        signed,
        _handle: handle,
    }
}

/// A [`fake_peer`] whose acceptable item has the Markdown `body`, trusted by `on` (shared
/// publicly) and signed for with `on`'s key. Returns the peer and its id on `on`.
pub(crate) async fn trusted_fake_peer(on: &TestApp, body: &str) -> (FakePeer, uuid::Uuid) {
    use noden_portal::federation::{identity, peers};
    let key = identity::keypair(&on.state.db, &on.state.settings, on.state.clock.now())
        .await
        .unwrap();
    let fake = fake_peer(key.verifying_key(), on.state.clock.clone(), body).await;
    let document = peers::preview(&on.state, &fake.base).await.unwrap();
    let by = noden_portal::audit::By::command("test");
    let id = peers::add(
        &on.state,
        &by,
        &fake.base,
        peers::Share::Public,
        &document.fingerprint,
    )
    .await
    .unwrap()
    .id;
    (fake, id)
}

/// The hostile feed after `after`: four entries, positions 1 to 4, the first with `body`.
fn hostile_page(base: &str, after: i64, body: &str) -> Value {
    let item = |title: &str, body: &str, url: String| {
        serde_json::json!({
            "kind": "testrapport",
            "title": title,
            "summary": "",
            "body": body,
            "url": url,
            "organisation": {"code": "2580", "name": "Luleå kommun"},
            "county": "25",
            "categories": [],
            "tags": [],
            "visibility": "public",
            "published_at": "2026-11-01T10:00:00Z",
            "updated_at": "2026-11-01T10:00:00Z",
        })
    };
    let entry = |position: i64, id: &str, origin: &str, item: Value| serde_json::json!({"position": position, "op": "upsert", "id": id, "origin": origin, "item": item});
    let entries = vec![
        entry(
            1,
            "0193a000-0000-7000-8000-000000000001",
            base,
            item(
                "Zebralarm <script>alert('titel')</script>",
                body,
                format!("{base}/rapporter/zebralarm"),
            ),
        ),
        entry(
            2,
            "0193a000-0000-7000-8000-000000000002",
            base,
            item(
                "Kvasarlarm hos en brukare",
                "Brukaren 19121212-1212 fick larmet.",
                format!("{base}/rapporter/kvasarlarm"),
            ),
        ),
        entry(
            3,
            "0193a000-0000-7000-8000-000000000003",
            "https://noden.example.se",
            item(
                "Gnuggbitar från fel nod",
                "Påstår sig komma från en annan nod.",
                "https://noden.example.se/rapporter/gnuggbitar".to_owned(),
            ),
        ),
        entry(
            4,
            "0193a000-0000-7000-8000-000000000004",
            base,
            item(
                "Skurkfiskar med fel adress",
                "Länkar till en annan värd.",
                "https://evil.example/rapporter/skurkfiskar".to_owned(),
            ),
        ),
    ];
    let entries: Vec<Value> = entries
        .into_iter()
        .filter(|e| e["position"].as_i64().unwrap() > after)
        .collect();
    serde_json::json!({
        "protocol": "noden-federation/1",
        "origin": base,
        "head": 4,
        "next": 4,
        "more": false,
        "entries": entries,
    })
}

async fn a_hostile_peer_is_refused_item_by_item_and_page_by_page_and_nothing_unsafe_is_stored(
    backend: Backend,
) {
    use noden_portal::federation::peers;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    let (fake, id) = trusted_fake_peer(&b, HOSTILE_BODY).await;
    pull(&b, id).await;
    assert!(
        fake.signed.lock().unwrap().iter().all(|ok| *ok),
        "every request carries the pulling node's signature"
    );
    assert!(!fake.signed.lock().unwrap().is_empty());

    // Only the item with hostile markup is stored, and it runs nothing here.
    let stored = noden_portal::federation::remote::entity::Entity::find()
        .all(&b.state.db)
        .await
        .unwrap();
    let titles: Vec<&str> = stored.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Zebralarm <script>alert('titel')</script>"],
        "{titles:?}"
    );
    let found = b.search("q=zebralarm").await;
    assert_eq!(found["total"], 1, "{found}");
    let url = found["hits"][0]["url"].as_str().unwrap().to_owned();
    let (status, _, page) = b.get(&url).await;
    assert_eq!(status, 200);
    assert!(page.contains("Vanlig text."), "{page}");
    for unsafe_markup in ["<script>alert", "onerror", "javascript:"] {
        assert!(
            !page.contains(unsafe_markup),
            "{unsafe_markup} on the page: {page}"
        );
    }
    assert!(
        page.contains("Zebralarm &#60;script&#62;alert("),
        "the title is shown as text: {page}"
    );
    let everything = serde_json::to_string(
        &stored
            .iter()
            .map(|i| (&i.body_md, &i.body_html))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(!everything.contains("19121212"), "no personnummer stored");

    // The reasons are on the administration page.
    let peer = peer_row(&b, id).await;
    assert_eq!(peer.refused, 3, "{peer:?}");
    let admin = admin(&b).await;
    let list = admin.get(&b.url("/admin/federation")).await;
    assert!(list.body.contains("3 avvisade"), "{}", list.body);
    assert!(
        list.body.contains("an address outside its origin"),
        "{}",
        list.body
    );

    // A page over 1 MiB and a redirect are not taken: the error is shown, nothing changes.
    let resume = |b: &TestApp| {
        let by = noden_portal::audit::By::command("test");
        let state = b.state.clone();
        async move {
            peers::change(
                &state,
                &by,
                id,
                peers::Change {
                    share: peers::Share::Public,
                    pull: true,
                    paused: false,
                },
            )
            .await
            .unwrap();
        }
    };
    for (mode, shown) in [
        (Hostile::Huge, "size limit"),
        (Hostile::Redirect, "answered 302"),
    ] {
        *fake.mode.lock().unwrap() = mode;
        resume(&b).await;
        pull(&b, id).await;
        let peer = peer_row(&b, id).await;
        assert!(peer.failures >= 1, "{peer:?}");
        assert!(
            peer.last_error.to_lowercase().contains(shown),
            "{shown}: {}",
            peer.last_error
        );
        assert!(
            peer.next_attempt_at.unwrap() > b.state.clock.now(),
            "backs off"
        );
        let list = admin.get(&b.url("/admin/federation")).await;
        assert!(
            list.body.contains("Fel vid senaste hämtningen"),
            "{}",
            list.body
        );
    }
    assert_eq!(
        noden_portal::federation::remote::entity::Entity::find()
            .all(&b.state.db)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn the_daily_reconciliation_repairs_what_a_cursor_missed(backend: Backend) {
    use noden_portal::federation::{peers, reconcile, remote};
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    trust(&a, &b, "public").await;
    let a_on_b = trust(&b, &a, "public").await;
    let lost = report(&a, "Ljusgårdar i Flen", "public").await;
    let stale = report(&a, "Vattenpelare i Gnesta", "public").await;
    let withdrawn = report(&a, "Kvittrande larm i Trosa", "public").await;
    pull(&b, a_on_b).await;
    for q in ["ljusgårdar", "vattenpelare", "kvittrande"] {
        assert_eq!(b.search(&format!("q={q}")).await["total"], 1, "{q}");
    }
    let row_of = |id: &Value| {
        let id = uuid::Uuid::parse_str(id.as_str().unwrap()).unwrap();
        let db = b.state.db.clone();
        async move {
            remote::entity::Entity::find()
                .filter(remote::entity::Column::RemoteId.eq(id))
                .one(&db)
                .await
                .unwrap()
        }
    };
    // What a cursor can miss: a copy lost here, a copy left at an older version, and a
    // withdrawal on A that B's cursor has already passed. (Written as B itself would, so its
    // search shows the damage.)
    let by = noden_portal::audit::By::command("test");
    let mut unit = noden_portal::unit::Unit::begin(&b.state, &by)
        .await
        .unwrap();
    let lost_row = row_of(&lost["id"]).await.unwrap();
    remote::entity::Entity::delete_by_id(lost_row.id)
        .exec(unit.db())
        .await
        .unwrap();
    unit.changed(
        remote::REMOTE_ITEM,
        lost_row.id,
        noden_portal::changes::Op::Delete,
    );
    let older_row = row_of(&stale["id"]).await.unwrap();
    let mut older: remote::entity::ActiveModel = older_row.clone().into();
    older.title = Set("Vattenpelare i Gnesta, gammal version".to_owned());
    older.hash = Set("0".repeat(64));
    older.update(unit.db()).await.unwrap();
    unit.changed(
        remote::REMOTE_ITEM,
        older_row.id,
        noden_portal::changes::Op::Upsert,
    );
    unit.commit().await.unwrap();
    b.indexed().await;
    assert_eq!(b.search("q=ljusgårdar").await["total"], 0);
    assert_eq!(
        b.search("q=vattenpelare").await["hits"][0]["title"],
        "Vattenpelare i Gnesta, gammal version"
    );
    let (status, _) = a
        .send_json(
            "PATCH",
            &format!("/api/v1/reports/{}", withdrawn["id"].as_str().unwrap()),
            &serde_json::json!({"visibility": "organisation"}),
            true,
        )
        .await;
    assert_eq!(status, 200);
    let head = a.state.db.clone();
    let head = noden_portal::changes::head(&head).await.unwrap();
    let mut skipped: peers::entity::ActiveModel = peer_row(&b, a_on_b).await.into();
    skipped.cursor = Set(head);
    skipped.update(&b.state.db).await.unwrap();
    pull(&b, a_on_b).await;
    assert_eq!(
        b.search("q=kvittrande").await["total"],
        1,
        "the pull missed the withdrawal"
    );

    let repairs = reconcile::reconcile(&b.state, a_on_b)
        .await
        .unwrap()
        .expect("A answered");
    assert_eq!(
        repairs,
        reconcile::Repairs {
            fetched: 2,
            removed: 1,
            refused: 0
        }
    );
    b.indexed().await;
    assert_eq!(b.search("q=ljusgårdar").await["total"], 1, "fetched again");
    let found = b.search("q=vattenpelare").await;
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["title"], "Vattenpelare i Gnesta");
    assert_eq!(b.search("q=kvittrande").await["total"], 0, "removed");
    let peer = peer_row(&b, a_on_b).await;
    assert!(peer.reconciled_at.is_some(), "{peer:?}");
    assert_eq!(peer.last_reconcile, "2 hämtade igen, 1 borttagen");
    let shown = admin(&b).await.get(&b.url("/admin/federation")).await;
    assert!(
        shown.body.contains("2 hämtade igen, 1 borttagen"),
        "{}",
        shown.body
    );

    // Once repaired, nothing differs.
    let again = reconcile::reconcile(&b.state, a_on_b).await.unwrap();
    assert_eq!(again, Some(reconcile::Repairs::default()));
    assert_eq!(peer_row(&b, a_on_b).await.last_reconcile, "allt stämde");

    // "Hämta nu" makes B's pull of A due at once, even while it backs off.
    let mut backing_off: peers::entity::ActiveModel = peer_row(&b, a_on_b).await.into();
    backing_off.next_attempt_at = Set(Some(b.state.clock.now() + chrono::Duration::hours(1)));
    backing_off.update(&b.state.db).await.unwrap();
    let browser = admin(&b).await;
    let page = browser.get(&b.url("/admin/federation")).await;
    let csrf = page.csrf();
    let asked = browser
        .post(
            &b.url(&format!("/admin/federation/{a_on_b}/hamta")),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    assert_eq!(peer_row(&b, a_on_b).await.next_attempt_at, None);
    let job = noden_portal::jobs::entity::Entity::find()
        .filter(
            noden_portal::jobs::entity::Column::Singleton
                .eq(noden_portal::federation::pull::job_of(a_on_b)),
        )
        .one(&b.state.db)
        .await
        .unwrap()
        .expect("the pull job");
    assert!(job.run_at <= b.state.clock.now(), "{job:?}");
}

async fn members_follow_comment_on_and_cite_an_item_from_another_node(backend: Backend) {
    let a = node(backend.clone(), "Noden Sörmland", "04").await;
    let b = node(backend, "Noden Västra Götaland", "14").await;
    trust(&a, &b, "public").await;
    let a_on_b = trust(&b, &a, "public").await;
    report(&a, "Nattugglor med kamera i Vingåker", "public").await;
    pull(&b, a_on_b).await;
    let found = b.search("q=nattugglor").await;
    let url = found["hits"][0]["url"].as_str().unwrap().to_owned();
    let id = url.trim_start_matches("/fran/").to_owned();

    let member = b.with_user(Role::Member, "0480").await;
    let (status, followed) = member
        .send_json(
            "POST",
            "/api/v1/follows",
            &serde_json::json!({"topic_kind": "remote_item", "topic_id": id}),
        )
        .await;
    assert_eq!(status, 201, "{followed}");
    let (_, follows) = member.get_json("/api/v1/follows").await;
    assert_eq!(
        follows["follows"][0]["label"], "Nattugglor med kamera i Vingåker",
        "{follows}"
    );
    let (status, commented) = member
        .send_json(
            "POST",
            "/api/v1/comments",
            &serde_json::json!({"item_kind": "remote_item", "item_id": id,
                    "text": "Vi i Borås vill **också** prova detta."}),
        )
        .await;
    assert_eq!(status, 201, "{commented}");

    let page = member.get(&url).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sluta bevaka"), "{}", page.body);
    assert!(
        page.body.contains("<strong>också</strong> prova detta"),
        "the comment, rendered: {}",
        page.body
    );
    assert!(page.body.contains("Så hänvisar du hit"), "{}", page.body);
    assert!(
        page.body
            .contains("Nattugglor med kamera i Vingåker. Noden Sörmland,"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{}/rapporter/", a.base)));

    // The comment stays on this node: A knows nothing of it.
    let on_a = noden_portal::comments::entity::Entity::find()
        .all(&a.state.db)
        .await
        .unwrap();
    assert!(on_a.is_empty(), "{on_a:?}");
    assert_eq!(
        noden_portal::comments::entity::Entity::find()
            .all(&b.state.db)
            .await
            .unwrap()
            .len(),
        1
    );
    // A visitor reads the comment but is asked to sign in to write one.
    let (status, _, visitor) = b.get(&url).await;
    assert_eq!(status, 200);
    assert!(visitor.contains("prova detta"), "{visitor}");
}
