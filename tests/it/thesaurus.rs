//! The field's words (issue 20): a search for one name of a thing also finds what others call
//! it, below the word itself, and says so; node staff add words and concepts at
//! `/admin/vokabular`, which apply from the next search and are in the audit trail.

use serde_json::{Value, json};

use noden_portal::auth::Role;

use crate::harness::{Backend, TestApp, on_both_backends};

on_both_backends!(
    nattkamera_finds_digital_tillsyn_below_itself_and_says_so,
    words_node_staff_add_apply_at_once_and_are_audited,
    concepts_are_suggested_only_with_what_the_reader_may_open,
    a_running_portal_expands_with_concepts_another_process_wrote,
    a_broken_vocabulary_file_is_refused_with_the_reason,
);

fn titles(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect()
}

/// The fixture portal with the real thesaurus of the content folder (and the categories its
/// concepts name), synced as an import of the content folder syncs it.
async fn with_thesaurus(backend: Backend) -> TestApp {
    let app = TestApp::new(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for file in ["categories.yaml", "vocabulary.yaml"] {
        std::fs::copy(content.join(file), dir.path().join(file)).unwrap();
    }
    let mut summary = noden_portal::import::Summary::default();
    noden_portal::import::sync_reference_data(&app.state, dir.path(), &mut summary).await;
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert!(summary.concepts >= 60, "{}", summary.concepts);
    app
}

async fn publish(app: &TestApp, title: &str, body: &str) {
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({ "title": title, "body": body }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
}

async fn nattkamera_finds_digital_tillsyn_below_itself_and_says_so(backend: Backend) {
    let app = with_thesaurus(backend).await;
    publish(
        &app,
        "Tillsyn på distans i Gnesta",
        "Personalen gör digital tillsyn på natten i stället för att väcka de boende.",
    )
    .await;
    publish(
        &app,
        "Nattkamera i Trosa",
        "Trosa testade en nattkamera hos tolv brukare.",
    )
    .await;
    app.indexed().await;

    // The API: the report with the word typed first, then the one with another name for it.
    let found = app.search("q=nattkamera").await;
    let titles_found = titles(&found);
    assert_eq!(
        titles_found[..2],
        ["Nattkamera i Trosa", "Tillsyn på distans i Gnesta"],
        "{found}"
    );
    let expansions: Vec<&str> = found["expansions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(expansions.contains(&"digital tillsyn"), "{found}");
    assert!(!expansions.contains(&"nattkamera"), "{found}");
    // In another form, the same.
    let folded = app.search("q=nattkamerorna").await;
    assert!(titles(&folded).contains(&"Tillsyn på distans i Gnesta".to_owned()));
    // Without expansion: the word as typed, and nothing said about other words.
    let plain = app.search("q=nattkamera&expand=false").await;
    assert_eq!(titles(&plain), ["Nattkamera i Trosa"]);
    assert!(plain.get("expansions").is_none(), "{plain}");
    let (status, refused) = app.get_json("/api/v1/search?q=x&expand=kanske").await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused.to_string().contains("expand"), "{refused}");

    // The page says which words it searched too, and links to the search without them.
    let (status, _, page) = app.get("/sok?q=nattkamera").await;
    assert_eq!(status, 200);
    assert!(page.contains("Visar även träffar för:"), "{page}");
    assert!(page.contains("digital tillsyn"), "{page}");
    assert!(page.contains("i Gnesta"), "{page}");
    assert!(
        page.contains("expand=false\">Sök bara på ”nattkamera”</a>"),
        "{page}"
    );
    assert!(
        page.contains("ord till."),
        "a long list is cut short: {page}"
    );
    let (status, _, page) = app.get("/sok?q=nattkamera&expand=false").await;
    assert_eq!(status, 200);
    assert!(!page.contains("i Gnesta"), "{page}");
    assert!(
        page.contains("Söker bara på orden som de skrevs."),
        "{page}"
    );
    assert!(page.contains("href=\"/sok?q=nattkamera\""), "{page}");
}

async fn words_node_staff_add_apply_at_once_and_are_audited(backend: Backend) {
    let app = with_thesaurus(backend).await;
    publish(
        &app,
        "Vårdplattform för hemtjänsten",
        "En gemensam vårdplattform samlar larm och besök.",
    )
    .await;
    publish(
        &app,
        "Tillsyn på distans i Gnesta",
        "Personalen gör digital tillsyn på natten.",
    )
    .await;
    app.indexed().await;
    assert_eq!(app.search("q=tjänstekuben").await["total"], 0);
    assert_eq!(app.search("q=tittkamera").await["total"], 0);

    let staff = app.with_user(Role::NodeAdmin, "0480").await;
    let list = staff.get("/admin/vokabular?q=nattkamera").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("digital tillsyn"), "{}", list.body);
    assert!(list.body.contains("1 begrepp"), "{}", list.body);

    // A new concept with a word of its own.
    let form = staff.get("/admin/vokabular/nytt").await;
    assert_eq!(form.status, 200);
    let created = staff
        .submit(
            "/admin/vokabular/nytt",
            &[
                ("label", "vårdplattform"),
                ("labels", "tjänstekuben\nomsorgsplattform"),
                ("broader", ""),
                ("note", "En plattform som samlar tjänsterna."),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let found = app.search("q=tjänstekuben").await;
    assert_eq!(titles(&found), ["Vårdplattform för hemtjänsten"], "{found}");

    // A word added to a concept of the content folder.
    let concept = staff.get("/admin/vokabular/digital-tillsyn").await;
    assert!(concept.body.contains("nattkamera"), "{}", concept.body);
    let added = staff
        .submit(
            "/admin/vokabular/digital-tillsyn",
            &[("labels", "tittkamera")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let found = app.search("q=tittkamera").await;
    assert!(
        titles(&found).contains(&"Tillsyn på distans i Gnesta".to_owned()),
        "{found}"
    );
    let saved = staff.get("/admin/vokabular/digital-tillsyn?sparat=1").await;
    assert!(saved.body.contains("Sparat."), "{}", saved.body);
    assert!(
        saved.body.contains(">tittkamera</textarea>"),
        "{}",
        saved.body
    );

    // A word another concept has, a personal identity number and an empty label are refused
    // next to their fields, and nothing typed is lost.
    let taken = staff
        .submit(
            "/admin/vokabular/nytt",
            &[
                ("label", "kamerapaket"),
                ("labels", "nattkameror\nkamerabox"),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("id=\"labels-error\""), "{}", taken.body);
    assert!(
        taken
            .body
            .contains("som redan hör till begreppet &#34;digital tillsyn&#34;"),
        "{}",
        taken.body
    );
    assert!(
        taken.body.contains("nattkameror\nkamerabox"),
        "{}",
        taken.body
    );
    assert!(taken.body.contains("value=\"kamerapaket\""));
    let personal = staff
        .submit(
            "/admin/vokabular/nytt",
            &[("label", "brukare 19121212-1212"), ("labels", "")],
        )
        .await;
    assert_eq!(personal.status, 422);
    assert!(
        personal.body.contains("id=\"label-error\""),
        "{}",
        personal.body
    );
    let empty = staff
        .submit("/admin/vokabular/nytt", &[("label", " ")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Skriv begreppets föredragna ord."));

    // In the audit trail.
    let log = staff.get("/admin/logg").await;
    assert!(log.body.contains("concept.create"), "{}", log.body);
    assert!(log.body.contains("concept.save"), "{}", log.body);

    // Not for members.
    let member = app.with_user(Role::Coordinator, "0480").await;
    assert_eq!(member.get("/admin/vokabular").await.status, 403);
    let refused = member
        .submit("/admin/vokabular/nytt", &[("label", "något nytt")])
        .await;
    assert_eq!(refused.status, 403);
}

async fn concepts_are_suggested_only_with_what_the_reader_may_open(backend: Backend) {
    let app = with_thesaurus(backend).await;
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({
                "title": "Robotkatter på korttidsboendet",
                "body": "Personalen provade robotkatter med de boende.",
                "visibility": "organisation",
                "organisation": "0480",
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    app.indexed().await;

    // Signed out, the concept is not suggested: its only hit is a report the reader cannot
    // open.
    let (status, anonymous) = app.get_json("/api/v1/suggest?q=robotk").await;
    assert_eq!(status, 200);
    assert!(
        anonymous
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s.get("hits").is_none()),
        "{anonymous}"
    );
    assert!(
        !anonymous.to_string().contains("Robotkatter"),
        "{anonymous}"
    );

    // A member of the organisation gets it with its count, and the report's title.
    let member = app.with_user(Role::Member, "0480").await;
    let (status, suggested) = member.get_json("/api/v1/suggest?q=robotk").await;
    assert_eq!(status, 200);
    let first = &suggested[0];
    assert_eq!(first["title"], "robotkatt", "{suggested}");
    assert_eq!(first["hits"], 1, "{suggested}");
    assert_eq!(first["text"], "robotkatt — 1 träff", "{suggested}");
    assert_eq!(first["url"], "/sok?q=robotkatt");
    assert!(
        suggested
            .to_string()
            .contains("Robotkatter på korttidsboendet")
    );

    // A category's page shows the words people use for it, each a search.
    let (status, _, page) = app.get("/kategorier/digital-tillsyn").await;
    assert_eq!(status, 200);
    assert!(page.contains("Andra ord för samma sak:"), "{page}");
    assert!(
        page.contains("href=\"/sok?q=nattkamera\">nattkamera</a>"),
        "{page}"
    );
}

/// "Without a restart", across processes: `noden import` of the content folder's thesaurus
/// while a portal serves the same database; the portal's next searches expand with it.
async fn a_running_portal_expands_with_concepts_another_process_wrote(backend: Backend) {
    use crate::instances::{Serve, wait_for_total};
    let db = crate::harness::TestDb::new(&backend).await;
    let (serve_dir, import_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let client = awc::Client::default();
    let portal = Serve::start_with(&db, serve_dir.path(), "127.0.0.1:0", &[]);
    let res = client
        .post(format!("{}/api/v1/reports", portal.base))
        .bearer_auth(crate::harness::TOKEN)
        .send_json(&json!({
            "title": "Tillsyn på distans i Gnesta",
            "body": "Personalen gör digital tillsyn på natten.",
        }))
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 201);
    let (before, _) = wait_for_total(
        &client,
        &portal.base,
        "q=gnesta",
        1,
        std::time::Duration::from_secs(30),
    )
    .await;
    assert_eq!(before["total"], 1, "{before}");
    assert_eq!(
        crate::instances::search(&client, &portal.base, "q=nattkamera").await["total"],
        0
    );

    let folder = tempfile::tempdir().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for file in ["categories.yaml", "vocabulary.yaml"] {
        std::fs::copy(content.join(file), folder.path().join(file)).unwrap();
    }
    let imported = crate::harness::noden_command(&db.url, import_dir.path())
        .args([std::ffi::OsStr::new("import"), folder.path().as_os_str()])
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );

    // The report above, and the fixture's report on night-time camera supervision.
    let (after, _) = wait_for_total(
        &client,
        &portal.base,
        "q=nattkamera",
        2,
        std::time::Duration::from_secs(30),
    )
    .await;
    assert_eq!(after["total"], 2, "{after}");
    assert!(
        after["hits"]
            .to_string()
            .contains("Tillsyn på distans i Gnesta"),
        "{after}"
    );
    assert!(after["expansions"].to_string().contains("digital tillsyn"));
}

async fn a_broken_vocabulary_file_is_refused_with_the_reason(backend: Backend) {
    let app = TestApp::new(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let sync = |yaml: &'static str| {
        let path = dir.path().join("vocabulary.yaml");
        std::fs::write(&path, yaml).unwrap();
        let state = app.state.clone();
        let folder = dir.path().to_path_buf();
        async move {
            let mut summary = noden_portal::import::Summary::default();
            noden_portal::import::sync_reference_data(&state, &folder, &mut summary).await;
            summary
        }
    };
    for (yaml, reason) in [
        (
            "concepts:\n  - { id: a, label: \"läkemedelsautomat\" }\n  - { id: b, label: \"medicinrobot\", alt: [\"lakemedelsautomater\"] }\n",
            "begreppen går inte ihop",
        ),
        (
            "concepts:\n  - { id: a, label: \"ett ord\", category: finns-inte }\n",
            "det finns ingen kategori finns-inte",
        ),
        (
            "concepts:\n  - { id: a, label: \"ett ord\", broader: b }\n",
            "det finns inget begrepp b",
        ),
        (
            "concepts:\n  - { id: A, label: \"ett ord\" }\n",
            "ett id får bara",
        ),
    ] {
        let summary = sync(yaml).await;
        assert_eq!(summary.failed.len(), 1, "{yaml}: {:?}", summary.failed);
        let (path, said) = &summary.failed[0];
        assert!(path.ends_with("vocabulary.yaml"), "{path:?}");
        assert!(said.contains(reason), "{yaml}: {said}");
        assert_eq!(summary.concepts, 0);
    }
    // Nothing of a refused file is kept, so nothing expands.
    assert!(app.state.catalog.get().concepts.is_empty());
    let summary = sync("concepts:\n  - { id: a, label: \"ett ord\", alt: [\"ordet\"] }\n").await;
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(app.state.catalog.get().concepts.len(), 1);
    // Imported again with another word, it is updated and keeps the words node staff added.
    noden_portal::thesaurus::save(
        &app.state,
        &noden_portal::audit::By::command("test"),
        Some("a"),
        &noden_portal::thesaurus::Changes {
            labels: "tillagt ord".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let summary =
        sync("concepts:\n  - { id: a, label: \"ett ord\", alt: [\"annat ord\"] }\n").await;
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    let catalog = app.state.catalog.get();
    assert_eq!(
        catalog.concepts[0].labels(),
        ["ett ord", "annat ord", "tillagt ord"]
    );
}
