//! Old addresses keep working (issue 19, point 2): when an item's title changes, so does its
//! address, and the old address answers its pages, sub-pages and feeds with a permanent
//! redirect to the new one, to those who may read the item and to no one else.

use noden_portal::auth::Role;
use serde_json::json;

use crate::browser::{Browser, Page};
use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    a_renamed_report_redirects_from_its_old_address_until_another_report_takes_it,
    a_renamed_need_trial_and_technology_redirect_pages_and_feeds_to_readers_only,
);

/// Where a redirect leads, as a path on the portal (without a fragment).
fn location(app: &TestApp, page: &Page) -> String {
    let location = page.location.clone().expect("a redirect");
    let path = location
        .strip_prefix(app.base.trim_end_matches('/'))
        .unwrap_or(&location);
    path.split('#').next().unwrap_or(path).to_owned()
}

/// Asserts that `old` answers a permanent redirect to `new` for a reader with `browser`.
async fn redirects(app: &TestApp, browser: &Browser, old: &str, new: &str) {
    let page = browser.get(&app.url(old)).await;
    assert_eq!(page.status, 308, "{old}: {}", page.body);
    assert_eq!(location(app, &page), new, "{old}");
}

async fn a_renamed_report_redirects_from_its_old_address_until_another_report_takes_it(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let report = |title: &str| {
        json!({"title": title, "summary": "Kamera i stället för besök.",
               "body": "## Resultat\n\nFärre väckningar.", "kind": "testrapport",
               "organisation": "0480", "categories": ["digital-tillsyn"],
               "published_on": "2025-06-01"})
    };
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &report("Nattkamera i Nyköping"),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let old = created["url"].as_str().unwrap().to_owned();
    assert_eq!(old, "/rapporter/nattkamera-i-nykoping");

    let (status, renamed) = app
        .send_json(
            "PUT",
            &format!("/api/v1/reports/{id}"),
            &report("Digital tillsyn nattetid i Nyköping"),
            true,
        )
        .await;
    assert_eq!(status, 200, "{renamed}");
    let new = renamed["url"].as_str().unwrap().to_owned();
    assert_eq!(new, "/rapporter/digital-tillsyn-nattetid-i-nykoping");

    // The page, its history and a link with a query all lead to the new address.
    let anyone = Browser::new();
    redirects(&app, &anyone, &old, &new).await;
    redirects(
        &app,
        &anyone,
        &format!("{old}/historik"),
        &format!("{new}/historik"),
    )
    .await;
    redirects(
        &app,
        &anyone,
        &format!("{old}?fran=nyhetsbrev"),
        &format!("{new}?fran=nyhetsbrev"),
    )
    .await;
    let page = anyone.get(&app.url(&new)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Digital tillsyn nattetid i Nyköping"));

    // Renamed once more, the first address leads to the newest one directly.
    let (status, again) = app
        .send_json(
            "PUT",
            &format!("/api/v1/reports/{id}"),
            &report("Nattillsyn med kamera i Nyköping"),
            true,
        )
        .await;
    assert_eq!(status, 200, "{again}");
    let newest = again["url"].as_str().unwrap().to_owned();
    redirects(&app, &anyone, &old, &newest).await;
    redirects(&app, &anyone, &new, &newest).await;

    // A new report with the first title takes the first address: it answers there itself.
    let (status, other) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &report("Nattkamera i Nyköping"),
            true,
        )
        .await;
    assert_eq!(status, 201, "{other}");
    assert_eq!(other["url"], old.as_str());
    let page = anyone.get(&app.url(&old)).await;
    assert_eq!(page.status, 200, "the address is the new report's now");
    assert!(page.body.contains("<h1>Nattkamera i Nyköping</h1>"));
}

async fn a_renamed_need_trial_and_technology_redirect_pages_and_feeds_to_readers_only(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let anyone = Browser::new();

    // A need seen only by its own organisation: its new title is not given away.
    let coordinator = app.with_user(Role::Coordinator, "0482").await;
    let raised = coordinator
        .submit(
            "/behov/ny",
            &[
                ("title", "Larm som väcker grannar"),
                ("description", "Trygghetslarmen hörs i trapphuset."),
                ("target_group", "lss"),
                ("category", ""),
                ("visibility", "organisation"),
            ],
        )
        .await;
    assert_eq!(raised.status, 303, "{}", raised.body);
    let old = location(&app, &raised);
    let saved = coordinator
        .submit(
            &format!("{old}/andra"),
            &[
                ("title", "Tysta nattlarm i gruppbostad"),
                ("description", "Larmen hörs i hela huset."),
                ("target_group", "lss"),
                ("visibility", "organisation"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let new = location(&app, &saved);
    assert!(
        new.starts_with("/behov/tysta-nattlarm-i-gruppbostad-"),
        "the address follows the title: {new}"
    );
    let page = coordinator.get(&old).await;
    assert_eq!(page.status, 308, "{}", page.body);
    assert_eq!(location(&app, &page), new);
    let page = coordinator.get(&format!("{old}/historik")).await;
    assert_eq!(location(&app, &page), format!("{new}/historik"));
    let outsider = anyone.get(&app.url(&old)).await;
    assert_eq!(
        outsider.status, 404,
        "no redirect for those who may not read it"
    );
    assert!(!outsider.body.contains("tysta-nattlarm"));
    assert!(outsider.location.is_none());

    // A trial renamed through the API: its page and its journal.
    let (status, trial) = app
        .send_json(
            "POST",
            "/api/v1/trials",
            &json!({"title": "Nattkamera i gruppbostad", "technology": "Nattkamera",
                    "target_group": "lss", "lead": "0483", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{trial}");
    let old_slug = trial["slug"].as_str().unwrap().to_owned();
    let (status, renamed) = app
        .send_json(
            "PUT",
            &format!("/api/v1/trials/{old_slug}"),
            &json!({"title": "Digital tillsyn i gruppbostad", "technology": "Nattkamera",
                    "target_group": "lss", "lead": "0483", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{renamed}");
    let new_slug = renamed["slug"].as_str().unwrap().to_owned();
    assert_ne!(new_slug, old_slug);
    redirects(
        &app,
        &anyone,
        &format!("/tester/{old_slug}"),
        &format!("/tester/{new_slug}"),
    )
    .await;
    redirects(
        &app,
        &anyone,
        &format!("/api/v1/trials/{old_slug}"),
        &format!("/api/v1/trials/{new_slug}"),
    )
    .await;

    // A catalogue entry renamed by node staff: its page and its feed.
    let (status, entry) = app
        .send_json(
            "POST",
            "/api/v1/technologies",
            &json!({"name": "Nattkamera Alfa", "proximity": "brukarnara",
                    "category": "digital-tillsyn", "supplier": "Kamerabolaget AB",
                    "description": "Kamera i stället för besök på natten."}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let old_slug = entry["slug"].as_str().unwrap().to_owned();
    let (status, renamed) = app
        .send_json(
            "PUT",
            &format!("/api/v1/technologies/{old_slug}"),
            &json!({"name": "Nattkamera Beta", "proximity": "brukarnara"}),
            true,
        )
        .await;
    assert_eq!(status, 200, "{renamed}");
    let new_slug = renamed["slug"].as_str().unwrap().to_owned();
    assert_ne!(new_slug, old_slug);
    redirects(
        &app,
        &anyone,
        &format!("/teknik/{old_slug}/flode.atom"),
        &format!("/teknik/{new_slug}/flode.atom"),
    )
    .await;
    let feed = anyone
        .get(&app.url(&format!("/teknik/{new_slug}/flode.atom")))
        .await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains("Nattkamera Beta"), "{}", feed.body);
}
