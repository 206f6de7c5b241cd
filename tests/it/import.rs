//! `noden import`: files and folders, with and without front matter, again and again.

use std::ffi::OsStr;
use std::path::Path;

use crate::harness::{Backend, TestApp, fixtures, on_both_backends};

on_both_backends!(
    import_reports_failures_and_updates_in_place,
    reindex_rebuilds_the_index_from_the_database,
    users_add_admin_bootstraps_the_first_node_administrator,
    users_add_admin_works_on_a_fresh_database,
    organisations_are_found_by_the_names_people_write,
    a_large_folder_imports_in_batches_with_a_broken_file_among_them,
    files_sharing_a_title_get_their_own_addresses_and_changes_keep_a_history,
);

/// Runs `noden ARGS...` against the test's database with its own data directory.
async fn noden(app: &TestApp, data_dir: &Path, args: &[&OsStr]) -> (bool, String, String) {
    let mut command = crate::harness::noden_command(&app.db.url, data_dir);
    command.args(args);
    let out = crate::harness::output(command).await;
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `noden import FOLDER` against the test's database.
async fn import_folder(app: &TestApp, folder: &Path) -> (bool, String, String) {
    noden(
        app,
        &app.data_dir.path().join("cli"),
        &[OsStr::new("import"), folder.as_os_str()],
    )
    .await
}

async fn import(app: &TestApp) -> (bool, String, String) {
    import_folder(app, &fixtures().join("import")).await
}

async fn import_reports_failures_and_updates_in_place(backend: Backend) {
    let app = TestApp::new(backend).await;
    let (ok, stdout, stderr) = import(&app).await;
    assert!(!ok, "a failed file makes the exit code non-zero");
    assert!(
        stdout.contains("4 importerade, 0 uppdaterade, 0 oförändrade, 1 misslyckades"),
        "{stdout}\n{stderr}"
    );
    let failure = stderr
        .lines()
        .find(|l| l.contains("trasig.md"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(failure.contains("ogiltig front matter"), "{failure}");
    assert!(
        stderr.contains("Importerar… 5 av 5 filer") && stderr.contains("filer/s, klart om"),
        "progress with a rate and the time left: {stderr}"
    );

    app.indexed().await;
    let found = app.search("q=upphandlingar").await;
    assert_eq!(
        found["hits"][0]["title"],
        "Förstudie inför gemensamt avtal om larm"
    );
    assert_eq!(found["hits"][0]["organisation"]["name"], "Uppsala kommun");
    assert_eq!(
        app.search("q=sensormatta").await["hits"][0]["title"],
        "Sensormatta vid sängen"
    );
    assert_eq!(
        app.search("q=surfplattor").await["hits"][0]["title"],
        "Anteckning fran natten"
    );
    let total = app.search("").await["total"].as_u64().unwrap();
    assert_eq!(total, 3 + 4);

    let (_, stdout, _) = import(&app).await;
    assert!(
        stdout.contains("0 importerade, 0 uppdaterade, 4 oförändrade, 1 misslyckades"),
        "{stdout}"
    );
    app.indexed().await;
    assert_eq!(
        app.search("").await["total"].as_u64().unwrap(),
        total,
        "importing again does not duplicate"
    );
}

async fn reindex_rebuilds_the_index_from_the_database(backend: Backend) {
    let app = TestApp::new(backend).await;
    // Needs are rebuilt beside the documents.
    noden_portal::needs::create(
        &app.state,
        &noden_portal::audit::By::command("test"),
        noden_portal::needs::NeedInput {
            title: "Sensorer som larmar vid fall".to_owned(),
            target_group: "sarskilt-boende".to_owned(),
            organisation: Some("0380".to_owned()),
            visibility: Some("public".to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let data_dir = app.data_dir.path().join("rebuilt");
    let (ok, _, stderr) = noden(&app, &data_dir, &[OsStr::new("reindex")]).await;
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("Indexerar 4/4 dokument"),
        "progress counts every item, the need too: {stderr}"
    );
    let index = noden_search::SearchIndex::open_in_dir(
        &noden_portal::indexer::generations::live_dir(&data_dir),
    )
    .unwrap();
    assert_eq!(index.num_docs(), 4, "three documents and one need");
    let need = index
        .search(&noden_search::Query {
            text: "fall".to_owned(),
            kind: vec!["behov".to_owned()],
            principals: vec!["public".to_owned()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(need.hits[0].title, "Sensorer som larmar vid fall");
    let found = index
        .search(&noden_search::Query {
            text: "trygghetslarm".to_owned(),
            principals: vec!["public".to_owned()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.hits[0].title, "Digitala trygghetslarm i Uppsala");
    assert!(
        index.position().unwrap().unwrap() > 0,
        "the rebuilt index knows where the log is"
    );

    drop(index);

    // Again, over an index that already exists: it is replaced, not added to.
    let (ok, _, stderr) = noden(&app, &data_dir, &[OsStr::new("reindex")]).await;
    assert!(ok, "{stderr}");
    let index = noden_search::SearchIndex::open_in_dir(
        &noden_portal::indexer::generations::live_dir(&data_dir),
    )
    .unwrap();
    assert_eq!(index.num_docs(), 4);
    let dirs = std::fs::read_dir(&data_dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .count();
    assert_eq!(dirs, 1, "the replaced index directory is gone");
}

async fn users_add_admin_bootstraps_the_first_node_administrator(backend: Backend) {
    let app = TestApp::new(backend).await;
    let dir = app.data_dir.path().join("cli");
    let arg = |s: &'static str| OsStr::new(s);
    // Without a registered domain the organisation must be named.
    let (ok, _, err) = noden(
        &app,
        &dir,
        &[arg("users"), arg("add-admin"), arg("lena@nykoping.se")],
    )
    .await;
    assert!(!ok);
    assert!(err.contains("--organisation"), "{err}");
    // Served on another address and no public_url set: the message names where it is served.
    let mut command = crate::harness::noden_command(&app.db.url, &dir);
    command
        .args([
            "users",
            "add-admin",
            "Lena@Nykoping.se",
            "--organisation",
            "0480",
        ])
        .env("NODEN_BIND", "0.0.0.0:9123");
    let out = crate::harness::output(command).await;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("lena@nykoping.se är nu nodadministratör"),
        "{err}"
    );
    assert!(
        err.contains("http://127.0.0.1:9123/logga-in"),
        "the address it is served on: {err}"
    );
    let user = noden_portal::auth::users::by_email(&app.state.db, "lena@nykoping.se")
        .await
        .unwrap()
        .expect("the admin exists");
    assert_eq!(user.role, "node_admin");
    let nykoping = app.organisation("0480").id;
    assert_eq!(user.organisation_id, nykoping);
    // The domain now belongs to Nyköping, so the admin can sign in with an e-mailed link.
    let owner = noden_portal::auth::users::organisation_for_email(&app.state.db, "vem@nykoping.se")
        .await
        .unwrap();
    assert_eq!(owner, Some(nykoping));
    let (ok, _, err) = noden(
        &app,
        &dir,
        &[arg("users"), arg("add-admin"), arg("inte en adress")],
    )
    .await;
    assert!(!ok);
    assert!(err.contains("e-postadress"), "{err}");
}

async fn users_add_admin_works_on_a_fresh_database(backend: Backend) {
    // Before the portal has ever started, the command loads the organisations itself.
    let db = crate::harness::TestDb::new(&backend).await;
    let data = tempfile::tempdir().unwrap();
    let out = crate::harness::noden_command(&db.url, data.path())
        .args([
            "users",
            "add-admin",
            "ny@nykoping.se",
            "--organisation",
            "0480",
        ])
        .env("NODEN_CONTENT_DIR", fixtures().join("content"))
        .output()
        .expect("run noden");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("ny@nykoping.se är nu nodadministratör"),
        "{stderr}"
    );
}

/// A strategy document says `organisation: "Malmö stad"`: the name the municipality uses
/// itself. It imports, and pages show that name. "Habo" could be Habo or Håbo: refused, naming
/// both with their codes. The same names work in the API.
async fn organisations_are_found_by_the_names_people_write(backend: Backend) {
    let app = TestApp::new(backend).await;
    let folder = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.path().join(name), text).unwrap();
    write(
        "organisations.yaml",
        r#"counties:
  - code: "12"
    name: "Skåne län"
    organisations:
      - { code: "12", name: "Region Skåne", kind: region }
      - { code: "1280", name: "Malmö kommun", own_name: "Malmö stad", kind: kommun }
  - code: "14"
    name: "Västra Götalands län"
    organisations:
      - { code: "1480", name: "Göteborgs kommun", own_name: "Göteborgs Stad", kind: kommun }
  - code: "03"
    name: "Uppsala län"
    organisations:
      - { code: "0305", name: "Håbo kommun", kind: kommun }
  - code: "06"
    name: "Jönköpings län"
    organisations:
      - { code: "0643", name: "Habo kommun", kind: kommun }
"#,
    );
    write(
        "malmo.md",
        "---\ntitle: \"Strategi för välfärdsteknik\"\norganisation: \"Malmö stad\"\n---\nVi inför digital tillsyn.\n",
    );
    write(
        "habo.md",
        "---\ntitle: \"Trygghetslarm i Habo\"\norganisation: \"Habo\"\n---\nLarm.\n",
    );
    let (ok, stdout, stderr) = noden(
        &app,
        &app.data_dir.path().join("cli"),
        &[OsStr::new("import"), folder.path().as_os_str()],
    )
    .await;
    assert!(!ok, "the ambiguous file fails: {stdout}\n{stderr}");
    assert!(stdout.contains("1 importerade"), "{stdout}\n{stderr}");
    let failure = stderr
        .lines()
        .find(|l| l.contains("habo.md"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        failure.contains("Håbo kommun (0305)") && failure.contains("Habo kommun (0643)"),
        "{failure}"
    );

    app.state.catalog.reload(&app.state.db).await.unwrap();
    app.indexed().await;
    let found = app.search("q=strategi").await;
    assert_eq!(
        found["hits"][0]["organisation"]["name"], "Malmö stad",
        "{found}"
    );

    for (given, code) in [
        ("Göteborgs Stad", "1480"),
        ("goteborg", "1480"),
        ("GÖTEBORGS KOMMUN", "1480"),
        ("Malmö", "1280"),
        ("Flen", "0482"),
        ("Region Sörmland (landstinget)", "04"),
        ("Håbo", "0305"),
        ("Habo kommun", "0643"),
    ] {
        let (status, need) = app
            .send_json(
                "POST",
                "/api/v1/needs",
                &serde_json::json!({"title": format!("Behov hos {given}"), "description": "Text.",
                    "target_group": "ordinart-boende", "organisation": given,
                    "visibility": "public"}),
                true,
            )
            .await;
        assert_eq!(status, 201, "{given}: {need}");
        assert_eq!(need["organisation"]["code"], code, "{given}: {need}");
    }
    let (status, problem) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &serde_json::json!({"title": "Behov", "description": "Text.",
                "target_group": "ordinart-boende", "organisation": "Habo",
                "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("(0305)") && message.contains("(0643)"),
        "{message}"
    );
}

async fn a_large_folder_imports_in_batches_with_a_broken_file_among_them(backend: Backend) {
    let app = TestApp::new(backend).await;
    let folder = tempfile::tempdir().unwrap();
    let batch = noden_portal::import::BATCH;
    // Two and a half batches, with a broken file in the second.
    let count = batch * 2 + batch / 2;
    let write = |word: &str| {
        for n in 0..count {
            let text = if n == batch + 7 {
                "---\ntitle: [oavslutad\n---\nTrasig.\n".to_owned()
            } else {
                format!(
                    "---\ntitle: \"Kvarnhjul nummer {n}\"\norganisation: \"Nyköpings kommun\"\n---\nOrdet {word} i text {n}.\n"
                )
            };
            std::fs::write(folder.path().join(format!("rapport-{n:04}.md")), text).unwrap();
        }
    };
    write("zirkonlampa");
    let run = || import_folder(&app, folder.path());
    let (ok, stdout, stderr) = run().await;
    assert!(!ok, "the broken file fails the run: {stdout}");
    assert!(
        stdout.contains(&format!(
            "{} importerade, 0 uppdaterade, 0 oförändrade, 1 misslyckades",
            count - 1
        )),
        "{stdout}\n{stderr}"
    );
    let failure = stderr
        .lines()
        .find(|l| l.starts_with("FEL"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        failure.contains(&format!("rapport-{:04}.md", batch + 7)),
        "{failure}"
    );
    assert!(
        stderr.contains(&format!("Importerar… {count} av {count} filer")),
        "{stderr}"
    );
    app.indexed().await;
    let found = app.search("q=zirkonlampa").await;
    assert_eq!(found["total"].as_u64(), Some(count as u64 - 1), "{found}");

    // Every file changed: importing again updates each, once.
    write("basaltlampa");
    let (_, stdout, _) = run().await;
    assert!(
        stdout.contains(&format!(
            "0 importerade, {} uppdaterade, 0 oförändrade, 1 misslyckades",
            count - 1
        )),
        "{stdout}"
    );
    app.indexed().await;
    assert_eq!(
        app.search("q=basaltlampa").await["total"].as_u64(),
        Some(count as u64 - 1)
    );
    assert_eq!(app.search("q=zirkonlampa").await["total"].as_u64(), Some(0));

    // Nothing changed since: importing again leaves every report be.
    let (_, stdout, _) = run().await;
    assert!(
        stdout.contains(&format!(
            "0 importerade, 0 uppdaterade, {} oförändrade, 1 misslyckades",
            count - 1
        )),
        "{stdout}"
    );
}

async fn files_sharing_a_title_get_their_own_addresses_and_changes_keep_a_history(
    backend: Backend,
) {
    let app = TestApp::new(backend).await;
    let folder = tempfile::tempdir().unwrap();
    let write_in = |n: usize, categories: &str, text: &str| {
        std::fs::write(
            folder.path().join(format!("samma-{n}.md")),
            format!(
                "---\ntitle: \"Nattkamera i hemtjänsten\"\norganisation: \"Nyköpings kommun\"\ncategories: [{categories}]\n---\n{text}\n"
            ),
        )
        .unwrap();
    };
    let write = |n: usize, text: &str| write_in(n, "", text);
    for n in 0..3 {
        write(n, &format!("Kvarnsten nummer {n}."));
    }
    let run = || import_folder(&app, folder.path());
    let (ok, stdout, stderr) = run().await;
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("3 importerade, 0 uppdaterade, 0 oförändrade, 0 misslyckades"),
        "{stdout}"
    );

    // Three reports with one title, each at its own address, none lost.
    let mut address_of = [""; 3];
    for slug in [
        "nattkamera-i-hemtjansten",
        "nattkamera-i-hemtjansten-2",
        "nattkamera-i-hemtjansten-3",
    ] {
        let (status, _, html) = app.get(&format!("/rapporter/{slug}")).await;
        assert_eq!(status, 200, "{slug}");
        let n = (0..3)
            .find(|n| html.contains(&format!("Kvarnsten nummer {n}.")))
            .unwrap_or_else(|| panic!("{slug} shows none of the files: {html}"));
        assert_eq!(address_of[n], "", "two addresses show file {n}");
        address_of[n] = slug;
    }

    // A file changed since: importing again updates its report, whose history shows what
    // changed, and leaves the others be.
    write(1, "Kvarnsten nummer 1, ändrad efter uppföljningen.");
    let (ok, stdout, _) = run().await;
    assert!(ok, "{stdout}");
    assert!(
        stdout.contains("0 importerade, 1 uppdaterade, 2 oförändrade, 0 misslyckades"),
        "{stdout}"
    );
    let (status, _, html) = app
        .get(&format!("/rapporter/{}/historik", address_of[1]))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Skillnad mellan version 1 och 2"), "{html}");
    assert!(
        html.contains("+ Kvarnsten nummer 1, ändrad efter uppföljningen."),
        "{html}"
    );
    let (_, _, html) = app
        .get(&format!("/rapporter/{}/historik", address_of[0]))
        .await;
    assert!(
        !html.contains("Skillnad mellan"),
        "an unchanged file adds no version: {html}"
    );

    // Categories given, changed and taken away again: search finds each report under what its
    // file says now.
    let in_category = |category: &'static str| {
        let app = &app;
        async move {
            app.indexed().await;
            let found = app
                .search(&format!("q=kvarnsten&category={category}"))
                .await;
            let mut texts: Vec<String> = found["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["url"].as_str().unwrap_or_default().to_owned())
                .collect();
            texts.sort();
            texts
        }
    };
    let url = |n: usize| format!("/rapporter/{}", address_of[n]);
    write_in(0, "digital-tillsyn", "Kvarnsten nummer 0.");
    write_in(2, "digital-tillsyn, trygghetslarm", "Kvarnsten nummer 2.");
    let (ok, stdout, _) = run().await;
    assert!(ok, "{stdout}");
    assert!(stdout.contains("2 uppdaterade, 1 oförändrade"), "{stdout}");
    let mut both = vec![url(0), url(2)];
    both.sort();
    assert_eq!(in_category("digital-tillsyn").await, both);
    assert_eq!(in_category("trygghetslarm").await, vec![url(2)]);
    write_in(0, "", "Kvarnsten nummer 0.");
    write_in(2, "trygghetslarm", "Kvarnsten nummer 2, ändrad igen.");
    let (ok, stdout, _) = run().await;
    assert!(ok, "{stdout}");
    assert!(stdout.contains("2 uppdaterade, 1 oförändrade"), "{stdout}");
    assert_eq!(in_category("digital-tillsyn").await, Vec::<String>::new());
    assert_eq!(in_category("trygghetslarm").await, vec![url(2)]);
    // Only the text changed: the categories stay.
    write_in(
        2,
        "trygghetslarm",
        "Kvarnsten nummer 2, ändrad en tredje gång.",
    );
    let (ok, stdout, _) = run().await;
    assert!(ok, "{stdout}");
    assert!(stdout.contains("1 uppdaterade, 2 oförändrade"), "{stdout}");
    assert_eq!(in_category("trygghetslarm").await, vec![url(2)]);
}
