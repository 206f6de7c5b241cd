//! Atom feeds (issue 15, point 6): per category, organisation, catalogue entry and saved
//! search; each passes tests/atom/check.py (RFC 4287's rules), holds public items only, also
//! when a member of the organisation that owns a private item fetches it, keeps its entry ids
//! across fetches and edits, and is linked from its page.

use std::io::Write;
use std::process::{Command, Stdio};

use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    every_feed_is_valid_atom_with_public_items_only_whoever_asks,
    entry_ids_stay_the_same_across_fetches_and_edits,
    the_pages_link_their_feeds,
);

/// Runs the RFC 4287 check over `xml`; panics with its findings.
fn assert_valid_atom(what: &str, xml: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/atom/check.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 for tests/atom/check.py");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{what} is not valid Atom:\n{}{}\n{xml}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn created(app: &TestApp, path: &str, body: Value) -> Value {
    let (status, made) = app.send_json("POST", path, &body, true).await;
    assert_eq!(status, 201, "{path}: {made}");
    made
}

fn id_of(item: &Value) -> String {
    item["id"].as_str().expect("an id").to_owned()
}

/// The `<entry>` whose id is `urn:uuid:{id}`, if the feed has it.
fn entry<'a>(feed: &'a str, id: &str) -> Option<&'a str> {
    let marker = format!("<id>urn:uuid:{id}</id>");
    let at = feed.find(&marker)?;
    let start = feed[..at].rfind("<entry>")?;
    let end = at + feed[at..].find("</entry>")?;
    Some(&feed[start..end])
}

/// The text of the first `<name>` element in `xml`.
fn element<'a>(xml: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    let start = xml.find(&open).map(|i| i + open.len()).unwrap_or(0);
    let end = xml[start..].find(&format!("</{name}>")).unwrap_or(0);
    &xml[start..start + end]
}

async fn every_feed_is_valid_atom_with_public_items_only_whoever_asks(backend: Backend) {
    let app = TestApp::new(backend).await;
    let technology = created(
        &app,
        "/api/v1/technologies",
        json!({"name": "Fjärrtillsynskamera", "description": "Kamera för tillsyn nattetid.",
               "proximity": "brukarnara", "category": "digital-tillsyn"}),
    )
    .await;
    let technology_slug = technology["slug"].as_str().unwrap().to_owned();
    let mut public = Vec::new();
    let mut private = Vec::new();
    for (visibility, title) in [
        ("public", "Öppen zebrakamera i hemtjänsten"),
        ("organisation", "Intern zebrakamera i hemtjänsten"),
    ] {
        let report = created(
            &app,
            "/api/v1/reports",
            json!({"title": title, "summary": "Zebrakameran testades nattetid.",
                   "body": "Zebrakameran testades nattetid i Nyköping.",
                   "kind": "testrapport", "organisation": "0480", "visibility": visibility,
                   "categories": ["digital-tillsyn"]}),
        )
        .await;
        let trial = created(
            &app,
            "/api/v1/trials",
            json!({"title": format!("Test: {title}"), "description": "Zebrakameran nattetid.",
                   "technology_entry": technology_slug, "target_group": "ordinart-boende",
                   "lead": "0480", "category": "digital-tillsyn",
                   "visibility": visibility}),
        )
        .await;
        let made = if visibility == "public" {
            &mut public
        } else {
            &mut private
        };
        made.push((id_of(&report), title.to_owned()));
        made.push((id_of(&trial), format!("Test: {title}")));
    }
    // A report concluding the public trial reaches the technology's feed through the trial.
    let trial_slug = {
        let (status, trial) = app
            .get_json(&format!("/api/v1/trials/{}", public[1].0))
            .await;
        assert_eq!(status, 200, "{trial}");
        trial["slug"].as_str().unwrap().to_owned()
    };
    let concluding = created(
        &app,
        "/api/v1/reports",
        json!({"title": "Slutrapport om fjärrtillsynen", "summary": "Testet är klart.",
               "body": "Testet är klart.", "kind": "testrapport", "organisation": "0480",
               "visibility": "public", "trial": trial_slug}),
    )
    .await;
    app.indexed().await;

    let nykoping = app.organisation("0480");
    let member = app.with_user(Role::Member, "0480").await;
    // The member may open the private items (the search shows them), yet no feed does.
    let (status, found) = member.get_json("/api/v1/search?q=zebrakamera").await;
    assert_eq!(status, 200, "{found}");
    for (id, title) in &private {
        assert!(found.to_string().contains(id.as_str()), "{title}: {found}");
    }
    // Reports and trials in the category, the organisation and the search; trials (and the
    // entry itself) in the technology's feed.
    let feeds = [
        ("/kategorier/digital-tillsyn/flode.atom".to_owned(), 0..2),
        (
            format!("/organisationer/{}/flode.atom", nykoping.slug),
            0..2,
        ),
        ("/sok/flode.atom?q=zebrakamera".to_owned(), 0..2),
        (format!("/teknik/{technology_slug}/flode.atom"), 1..2),
    ];
    for (path, expected) in feeds {
        let (status, content_type, visitor) = app.get(&path).await;
        assert_eq!(status, 200, "{path}: {visitor}");
        assert!(
            content_type.starts_with("application/atom+xml"),
            "{path}: {content_type}"
        );
        assert_valid_atom(&path, &visitor);
        let signed_in = member.get(&path).await;
        assert_eq!(signed_in.status, 200, "{path}: {}", signed_in.body);
        assert_valid_atom(&path, &signed_in.body);
        for feed in [&visitor, &signed_in.body] {
            for (id, title) in &public[expected.clone()] {
                let found = entry(feed, id).unwrap_or_else(|| panic!("{path}: no {title}"));
                assert!(found.contains(title.as_str()), "{path}: {found}");
            }
            for (id, title) in &private {
                assert!(
                    !feed.contains(id.as_str()) && !feed.contains(title.as_str()),
                    "{path} shows the private {title}: {feed}"
                );
            }
        }
        assert!(
            signed_in
                .body
                .contains(&format!("<link href=\"{}", app.url(""))),
            "{path}: links are absolute, to the portal"
        );
    }
    let (_, _, technology_feed) = app
        .get(&format!("/teknik/{technology_slug}/flode.atom"))
        .await;
    assert!(
        entry(&technology_feed, &id_of(&technology)).is_some(),
        "the entry itself is in its feed: {technology_feed}"
    );
    assert!(
        entry(&technology_feed, &id_of(&concluding)).is_some(),
        "the trial's report is in the technology's feed: {technology_feed}"
    );
    assert!(
        technology_feed.contains("<title>Noden – Teknik: Fjärrtillsynskamera</title>"),
        "{technology_feed}"
    );
    // An empty feed is still valid, dated at the epoch.
    let (status, _, empty) = app.get("/sok/flode.atom?q=finnsintenagonstans").await;
    assert_eq!(status, 200);
    assert_valid_atom("an empty feed", &empty);
    assert!(
        empty.contains("<updated>1970-01-01T00:00:00+00:00</updated>"),
        "{empty}"
    );
    for unknown in [
        "/kategorier/finns-inte/flode.atom",
        "/organisationer/finns-inte/flode.atom",
        "/teknik/finns-inte/flode.atom",
    ] {
        let (status, content_type, _) = app.get(unknown).await;
        assert_eq!(status, 404, "{unknown}");
        assert!(content_type.starts_with("text/html"), "{unknown}");
    }
    let (status, _, _) = app.get("/sok/flode.atom?sort=konstigt").await;
    assert_eq!(
        status, 422,
        "a search feed checks its parameters as the search does"
    );
}

async fn entry_ids_stay_the_same_across_fetches_and_edits(backend: Backend) {
    let app = TestApp::new(backend).await;
    let report = created(
        &app,
        "/api/v1/reports",
        json!({"title": "Digital nyckelhantering", "summary": "Låsen byttes.",
               "body": "Digitala lås i hemtjänsten.", "kind": "testrapport",
               "organisation": "0480", "visibility": "public",
               "categories": ["digital-tillsyn"]}),
    )
    .await;
    let id = id_of(&report);
    app.indexed().await;
    let path = "/kategorier/digital-tillsyn/flode.atom";
    let (_, _, first) = app.get(path).await;
    let (_, _, second) = app.get(path).await;
    let before = entry(&first, &id)
        .expect("the report in the feed")
        .to_owned();
    assert_eq!(
        entry(&second, &id),
        Some(before.as_str()),
        "the same entry twice"
    );
    assert_eq!(element(&first, "id"), element(&second, "id"));
    assert_eq!(element(&before, "author"), "<name>Nyköpings kommun</name>");

    let (status, edited) = app
        .send_json(
            "PATCH",
            &format!("/api/v1/reports/{id}"),
            &json!({"title": "Digital nyckelhantering i hemtjänsten"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    app.indexed().await;
    let (_, _, third) = app.get(path).await;
    assert_valid_atom(path, &third);
    let after = entry(&third, &id).expect("the edited report, under the same id");
    assert!(
        after.contains("<title>Digital nyckelhantering i hemtjänsten</title>"),
        "{after}"
    );
    assert!(
        element(after, "updated") >= element(&before, "updated"),
        "{before}\n{after}"
    );
}

async fn the_pages_link_their_feeds(backend: Backend) {
    let app = TestApp::new(backend).await;
    let technology = created(
        &app,
        "/api/v1/technologies",
        json!({"name": "Läkemedelsrobot", "description": "Delar ut läkemedel.",
               "proximity": "brukarnara"}),
    )
    .await;
    let technology_slug = technology["slug"].as_str().unwrap();
    let nykoping = app.organisation("0480");
    let pages = [
        (
            "/kategorier/digital-tillsyn".to_owned(),
            "/kategorier/digital-tillsyn/flode.atom".to_owned(),
        ),
        (
            format!("/organisationer/{}", nykoping.slug),
            format!("/organisationer/{}/flode.atom", nykoping.slug),
        ),
        (
            format!("/teknik/{technology_slug}"),
            format!("/teknik/{technology_slug}/flode.atom"),
        ),
        (
            "/sok?q=larm&category=digital-tillsyn&page=2".to_owned(),
            "/sok/flode.atom?q=larm&#38;category=digital-tillsyn".to_owned(),
        ),
    ];
    let member = app.with_user(Role::Member, "0480").await;
    for (page, feed) in pages {
        for body in [app.get(&page).await.2, member.get(&page).await.body] {
            let head = &body[..body.find("</head>").expect("a head")];
            assert!(
                head.contains(
                    "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Noden – "
                ) && head.contains(&format!("href=\"{feed}\"")),
                "{page} names {feed} in its head: {head}"
            );
            assert!(
                body.contains(&format!(
                    "<a href=\"{feed}\" type=\"application/atom+xml\">Prenumerera (Atom)</a>"
                )),
                "{page} shows a link to {feed}"
            );
        }
        let (status, _, xml) = app.get(&feed.replace("&#38;", "&")).await;
        assert_eq!(status, 200, "{feed}: {xml}");
        assert_valid_atom(&feed, &xml);
    }
}
