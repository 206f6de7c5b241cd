//! Lists, counts and the overview come from SQL filtered by the reader's principals: these
//! scenarios would catch a visibility rule written wrongly in SQL (an organisation-only need
//! listed or counted for another organisation or an anonymous reader), paging that loses or
//! repeats items, and an audit export that drops or repeats a batch.

use noden_portal::audit::By;
use noden_portal::auth::Role;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    an_organisation_only_need_trial_and_report_count_for_their_organisations_only,
    needs_and_trials_page_through_every_visible_item_once,
    the_review_queue_pages_and_the_audit_csv_streams_every_entry_once,
    the_technology_catalogue_pages_through_every_entry_once_by_name,
);

/// GET `path` as the holder of `session` (anonymous when `None`): status and body.
async fn get_as(app: &TestApp, session: Option<&str>, path: &str) -> (u16, String) {
    let mut req = app.client.get(app.url(path));
    if let Some(raw) = session {
        req = req.insert_header(("Cookie", format!("noden_session={raw}")));
    }
    let mut res = req.send().await.expect("GET");
    let status = res.status().as_u16();
    let body = res.body().limit(64 * 1024 * 1024).await.expect("body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn json_as(app: &TestApp, session: Option<&str>, path: &str) -> Value {
    let (status, body) = get_as(app, session, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path} is not JSON ({e}): {body}"))
}

/// The number in the overview's view `key` on the row `label` (0 when the row is missing).
fn overview_number(overview: &Value, key: &str, label: &str) -> u64 {
    overview["views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == key)
        .unwrap_or_else(|| panic!("no view {key}"))["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .map_or(0, |r| r["values"][0].as_u64().unwrap())
}

fn total_of(list: &Value) -> u64 {
    list["total"].as_u64().unwrap()
}

/// Everyone whose view is compared: anonymous, members of Flen (A), Katrineholm (B) and
/// Vingåker (C), and node staff from Nyköping.
struct Readers {
    names: [&'static str; 5],
    sessions: [Option<String>; 5],
}

async fn readers(app: &TestApp) -> Readers {
    Readers {
        names: ["anonymous", "Flen", "Katrineholm", "Vingåker", "staff"],
        sessions: [
            None,
            Some(app.session_for("anna@flen.se", Role::Member, "0482").await),
            Some(
                app.session_for("kalle@katrineholm.se", Role::Member, "0483")
                    .await,
            ),
            Some(
                app.session_for("vera@vingaker.se", Role::Member, "0428")
                    .await,
            ),
            Some(
                app.session_for("stina@nykoping.se", Role::NodeAdmin, "0480")
                    .await,
            ),
        ],
    }
}

/// What each reader is shown: the needs and trials totals and the overview.
async fn snapshot(app: &TestApp, readers: &Readers) -> Vec<(u64, u64, Value)> {
    let mut all = Vec::new();
    for session in &readers.sessions {
        let session = session.as_deref();
        let needs = json_as(app, session, "/api/v1/needs").await;
        let trials = json_as(app, session, "/api/v1/trials").await;
        let overview = json_as(app, session, "/api/v1/overview").await;
        all.push((total_of(&needs), total_of(&trials), overview));
    }
    all
}

async fn an_organisation_only_need_trial_and_report_count_for_their_organisations_only(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let readers = readers(&app).await;
    let before = snapshot(&app, &readers).await;
    let node = By::command("test");
    let catalog = app.state.catalog.get();
    let vingaker = catalog.organisation_by_code("0428").unwrap().clone();

    // Flen's own need, shared by three other organisations: the most shared need of all, but
    // only Flen may read it (sharing it does not open it to the others).
    let secret = noden_portal::needs::create(
        &app.state,
        &node,
        noden_portal::needs::NeedInput {
            title: "Flens interna nattillsyn".to_owned(),
            target_group: "lss".to_owned(),
            organisation: Some("0482".to_owned()),
            visibility: Some("organisation".to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for code in ["0428", "0480", "0380"] {
        noden_portal::needs::endorse_for(
            &app.state,
            &node,
            &secret.id.to_string(),
            catalog.organisation_by_code(code).unwrap().id,
            Default::default(),
        )
        .await
        .unwrap();
    }
    // A trial Flen leads with Vingåker, open to the two of them and to node staff.
    noden_portal::trials::create(
        &app.state,
        &node,
        noden_portal::trials::TrialInput {
            title: "Flens och Vingåkers slutna test".to_owned(),
            technology: "Nattkamera".to_owned(),
            target_group: "lss".to_owned(),
            lead: Some("0482".to_owned()),
            participants: vec!["0428".to_owned()],
            visibility: Some("organisation".to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // A report Flen keeps to itself, with an outcome.
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Flens egen utvärdering", "summary": "Intern.",
                    "body": "Intern utvärdering.", "organisation": "0482",
                    "visibility": "organisation", "outcome": "forkastad"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");

    let after = snapshot(&app, &readers).await;
    // Per reader: (needs, trials, planned trials, trials counted for Vingåker, rejected
    // reports, the secret need among the most shared).
    let expected: [(u64, u64, u64, u64, u64, bool); 5] = [
        (0, 0, 0, 0, 0, false),
        (1, 1, 1, 1, 1, true),
        (0, 0, 0, 0, 0, false),
        (0, 1, 1, 1, 0, false),
        (0, 1, 1, 1, 0, false),
    ];
    for (i, name) in readers.names.iter().enumerate() {
        let (needs0, trials0, ref overview0) = before[i];
        let (needs1, trials1, ref overview1) = after[i];
        let delta = |key: &str, label: &str| {
            overview_number(overview1, key, label) - overview_number(overview0, key, label)
        };
        let got = (
            needs1 - needs0,
            trials1 - trials0,
            delta("faser", "Planerad"),
            delta("organisationer", &vingaker.name),
            delta("utfall", "Förkastad"),
            overview_number(overview1, "behov", "Flens interna nattillsyn") == 4,
        );
        assert_eq!(got, expected[i], "what {name} is shown");
    }

    // Filters keep the rule: Vingåker shares the need, but its own members do not see it.
    let flen = readers.sessions[1].as_deref();
    let vingaker_member = readers.sessions[3].as_deref();
    let shared = json_as(&app, flen, "/api/v1/needs?organisation=0428").await;
    assert!(
        shared["needs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["title"] == "Flens interna nattillsyn"),
        "{shared}"
    );
    let not_shown = json_as(&app, vingaker_member, "/api/v1/needs?organisation=0428").await;
    assert_eq!(total_of(&not_shown), total_of(&shared) - 1, "{not_shown}");
    let (_, page) = get_as(&app, None, "/oversikt/behov.csv").await;
    assert!(!page.contains("Flens interna nattillsyn"), "{page}");
    let (_, page) = get_as(&app, flen, "/oversikt/behov.csv").await;
    assert!(page.contains("Flens interna nattillsyn;4"), "{page}");
    let (_, page) = get_as(&app, None, "/behov?target_group=lss").await;
    assert!(!page.contains("Flens interna nattillsyn"));
    let (_, page) = get_as(&app, flen, "/behov?target_group=lss").await;
    assert!(page.contains("Flens interna nattillsyn"));
}

/// Every page of `path` (a list endpoint with `?`), with the total each page reports.
async fn every_page(
    app: &TestApp,
    session: Option<&str>,
    path: &str,
    items: &str,
) -> (Vec<Value>, u64) {
    let first = json_as(app, session, &format!("{path}page=1")).await;
    let total = total_of(&first);
    let per_page = first["per_page"].as_u64().unwrap();
    let pages = total.div_ceil(per_page).max(1);
    let mut all = Vec::new();
    for n in 1..=pages {
        let page = json_as(app, session, &format!("{path}page={n}")).await;
        assert_eq!(
            page["total"], total,
            "page {n} of {path} tells the same total"
        );
        assert_eq!(page["page"], n);
        let on_page = page[items].as_array().unwrap().clone();
        let expected = if n < pages {
            per_page
        } else {
            total - per_page * (pages - 1)
        };
        assert_eq!(
            on_page.len() as u64,
            expected,
            "items on page {n} of {path}"
        );
        all.extend(on_page);
    }
    let after = json_as(app, session, &format!("{path}page={}", pages + 1)).await;
    assert!(after[items].as_array().unwrap().is_empty());
    (all, total)
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn needs_and_trials_page_through_every_visible_item_once(backend: Backend) {
    let app = TestApp::new(backend).await;
    let readers = readers(&app).await;
    let (anonymous, flen, katrineholm) = (
        None,
        readers.sessions[1].as_deref(),
        readers.sessions[2].as_deref(),
    );
    let (_, anonymous_before) = every_page(&app, anonymous, "/api/v1/needs?", "needs").await;
    let (_, flen_before) = every_page(&app, flen, "/api/v1/needs?", "needs").await;
    let (_, katrineholm_before) = every_page(&app, katrineholm, "/api/v1/needs?", "needs").await;
    let mut ifo_before = Vec::new();
    for session in [anonymous, flen, katrineholm] {
        ifo_before.push(total_of(
            &json_as(&app, session, "/api/v1/needs?target_group=ifo").await,
        ));
    }
    let node = By::command("test");
    let need = |title: String, code: &str, visibility: &str| noden_portal::needs::NeedInput {
        title,
        target_group: "ifo".to_owned(),
        organisation: Some(code.to_owned()),
        visibility: Some(visibility.to_owned()),
        ..Default::default()
    };
    let mut created = Vec::new();
    for n in 0..45 {
        let input = need(format!("Öppet behov {n}"), "0482", "public");
        created.push(
            noden_portal::needs::create(&app.state, &node, input)
                .await
                .unwrap(),
        );
    }
    for n in 0..5 {
        let input = need(format!("Flens eget behov {n}"), "0482", "organisation");
        noden_portal::needs::create(&app.state, &node, input)
            .await
            .unwrap();
    }
    for n in 0..3 {
        let input = need(format!("Nätverkets behov {n}"), "0483", "network");
        noden_portal::needs::create(&app.state, &node, input)
            .await
            .unwrap();
    }
    // Two organisations share the 30th open need: it comes first for everyone.
    for code in ["0483", "0428"] {
        noden_portal::needs::endorse_for(
            &app.state,
            &node,
            &created[30].id.to_string(),
            app.organisation(code).id,
            Default::default(),
        )
        .await
        .unwrap();
    }

    for (session, before, added, ifo_before) in [
        (anonymous, anonymous_before, 45, ifo_before[0]),
        (flen, flen_before, 53, ifo_before[1]),
        (katrineholm, katrineholm_before, 48, ifo_before[2]),
    ] {
        let (all, total) = every_page(&app, session, "/api/v1/needs?", "needs").await;
        assert_eq!(total, before + added);
        let mut unique = ids(&all);
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len() as u64,
            total,
            "each need once across the pages"
        );
        assert_eq!(all[0]["title"], "Öppet behov 30");
        // The most widely shared first, then the newest.
        for pair in all.windows(2) {
            let shared = |n: &Value| n["organisations_sharing"].as_u64().unwrap();
            assert!(
                shared(&pair[0]) > shared(&pair[1])
                    || (shared(&pair[0]) == shared(&pair[1])
                        && pair[0]["created_at"].as_str() >= pair[1]["created_at"].as_str()),
                "{} before {}",
                pair[0]["title"],
                pair[1]["title"]
            );
        }
        let filtered = json_as(&app, session, "/api/v1/needs?target_group=ifo&page=3").await;
        assert_eq!(
            total_of(&filtered),
            ifo_before + added,
            "filtered and counted alike"
        );
    }
    // The page tells the same total and offers the pages around it.
    let (_, page) = get_as(&app, anonymous, "/behov?page=2").await;
    let total = total_of(&json_as(&app, anonymous, "/api/v1/needs").await);
    assert!(page.contains(&format!("<p>{total} behov.</p>")), "{page}");
    assert!(page.contains("rel=\"prev\"") && page.contains("rel=\"next\""));

    // Trials: newest first, the organisation-only ones only for their organisations.
    let (_, trials_before) = every_page(&app, anonymous, "/api/v1/trials?", "trials").await;
    let (_, katrineholm_trials_before) =
        every_page(&app, katrineholm, "/api/v1/trials?", "trials").await;
    let taking_part_before =
        total_of(&json_as(&app, katrineholm, "/api/v1/trials?organisation=0483").await);
    for n in 0..25 {
        let visibility = if n % 5 == 0 { "organisation" } else { "public" };
        noden_portal::trials::create(
            &app.state,
            &node,
            noden_portal::trials::TrialInput {
                title: format!("Test nummer {n}"),
                technology: "Teknik".to_owned(),
                target_group: "ifo".to_owned(),
                lead: Some("0482".to_owned()),
                participants: if n % 10 == 0 {
                    vec!["0483".to_owned()]
                } else {
                    Vec::new()
                },
                visibility: Some(visibility.to_owned()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    let (all, total) = every_page(&app, anonymous, "/api/v1/trials?", "trials").await;
    assert_eq!(total, trials_before + 20);
    assert_eq!(all[0]["title"], "Test nummer 24");
    let titles: Vec<&str> = all.iter().filter_map(|t| t["title"].as_str()).collect();
    assert!(!titles.contains(&"Test nummer 20"), "organisation-only");
    // Katrineholm takes part in three of the organisation-only trials (0, 10, 20), not in 5.
    let (all, total) = every_page(&app, katrineholm, "/api/v1/trials?", "trials").await;
    assert_eq!(total, katrineholm_trials_before + 23);
    let titles: Vec<&str> = all.iter().filter_map(|t| t["title"].as_str()).collect();
    assert!(titles.contains(&"Test nummer 10") && !titles.contains(&"Test nummer 5"));
    let mine = json_as(&app, katrineholm, "/api/v1/trials?organisation=0483").await;
    assert_eq!(total_of(&mine), taking_part_before + 3);
}

async fn the_review_queue_pages_and_the_audit_csv_streams_every_entry_once(backend: Backend) {
    let app = TestApp::new(backend).await;
    let staff = app
        .session_for("stina@nykoping.se", Role::NodeAdmin, "0480")
        .await;
    let rows = |body: &str| body.matches("<tr><td><a href=").count();
    let (status, queue) = get_as(&app, Some(&staff), "/granskning").await;
    assert_eq!(status, 200);
    let waiting_before = rows(&queue);
    let flen = app.organisation("0482").id;
    crate::lists_seed::waiting_reports(&app.state.db, flen, 55, app.state.clock.now()).await;
    let (_, first) = get_as(&app, Some(&staff), "/granskning").await;
    assert_eq!(rows(&first), 50, "{first}");
    assert!(first.contains("Väntande rapport 0<"), "the oldest first");
    assert!(first.contains("rel=\"next\""));
    let (_, second) = get_as(&app, Some(&staff), "/granskning?page=2").await;
    assert_eq!(rows(&second), 5 + waiting_before);
    assert!(second.contains("rel=\"prev\""));
    assert!(second.contains("Väntande rapport 54<"));
    let (status, _) = get_as(&app, None, "/granskning").await;
    assert_ne!(status, 200);

    // More entries than one batch of the export, and then some.
    let count = noden_portal::audit::CSV_BATCH as usize * 2 + 345;
    let mut unit = noden_portal::unit::Unit::begin(&app.state, &By::command("test"))
        .await
        .unwrap();
    for n in 0..count {
        unit.audit("test.bulk", format!("item:{n}"), "");
    }
    unit.commit().await.unwrap();
    let (status, csv) = get_as(&app, Some(&staff), "/admin/logg.csv?action=test.bulk").await;
    assert_eq!(status, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,at,actor_id,actor,action,target,detail,client");
    assert_eq!(lines.len(), count + 1, "a header and every entry");
    let targets: Vec<usize> = lines[1..]
        .iter()
        .map(|l| {
            l.split(',')
                .nth(5)
                .and_then(|t| t.strip_prefix("item:"))
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    let newest_first: Vec<usize> = (0..count).rev().collect();
    assert_eq!(targets, newest_first, "every entry once, newest first");
    let (status, _) = get_as(&app, None, "/admin/logg.csv").await;
    assert_ne!(status, 200);
}

async fn the_technology_catalogue_pages_through_every_entry_once_by_name(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (_, before) = every_page(&app, None, "/api/v1/technologies?", "technologies").await;
    let node = By::command("test");
    for n in 0..73 {
        noden_portal::technologies::create(
            &app.state,
            &node,
            noden_portal::technologies::TechnologyInput {
                name: format!("Sensor {n:03}"),
                proximity: "brukarnara".to_owned(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    let (all, total) = every_page(&app, None, "/api/v1/technologies?", "technologies").await;
    assert_eq!(total, before + 73);
    let mut unique = ids(&all);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len() as u64, total, "every entry once");
    let names: Vec<String> = all
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name across the pages");
    // The page shows the count and links to the next page.
    let (status, page) = get_as(&app, None, "/teknik").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("{total} tekniker i katalogen")),
        "{page}"
    );
    assert!(page.contains("rel=\"next\""));
}
