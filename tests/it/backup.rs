//! `noden backup` while the portal takes writes, and `noden restore` into a fresh database and
//! data directory: every acknowledged item and every file comes back.

use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, TestDb, noden_command, on_both_backends};

on_both_backends!(
    a_backup_taken_during_writes_restores_every_acknowledged_item_and_file,
    restore_refuses_a_damaged_backup_and_a_used_data_directory,
);

/// Records a need through the API; its id once the portal has acknowledged it.
async fn write_need(app: &TestApp, n: usize) -> String {
    let (status, need) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({
                "title": format!("Zebrafinkbehov nummer {n}"),
                "description": "Larmen behöver nå fram också nattetid.",
                "target_group": "ordinart-boende",
                "organisation": "0480",
                "visibility": "public",
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{need}");
    need["id"].as_str().unwrap().to_owned()
}

async fn download(app: &TestApp, href: &str) -> Vec<u8> {
    let mut answer = app.client.get(app.url(href)).send().await.expect("GET");
    assert_eq!(answer.status().as_u16(), 200, "{href}");
    answer
        .body()
        .limit(32 * 1024 * 1024)
        .await
        .expect("body")
        .to_vec()
}

async fn attachments_of(app: &TestApp, report: &str) -> Vec<Value> {
    let (status, listed) = app
        .get_json(&format!("/api/v1/reports/{report}/attachments"))
        .await;
    assert_eq!(status, 200, "{listed}");
    listed.as_array().unwrap().clone()
}

/// Runs `noden` with `args` against `url` and `data_dir`; its exit code and what it wrote.
fn noden(url: &str, data_dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let output = noden_command(url, data_dir)
        .args(args)
        .output()
        .expect("run noden");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn a_backup_taken_during_writes_restores_every_acknowledged_item_and_file(backend: Backend) {
    let app = TestApp::new(backend.clone()).await;
    let url = app.db.url.clone();
    let data_dir = app.data_dir.path().to_path_buf();

    // A public report with two files, and needs written before the backup begins.
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Nattkamera i Nyköping", "body": "Tre månaders test.",
                    "organisation": "0480", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let report_id = report["id"].as_str().unwrap().to_owned();
    let api = format!("/api/v1/reports/{report_id}");
    let plan = crate::attachments::pdf("Mätplan för nattkameran");
    let result = crate::attachments::pdf(&"Resultat ".repeat(2000));
    crate::attachments::attach_as_node(&app, &api, "Mätplan.pdf", &plan).await;
    crate::attachments::attach_as_node(&app, &api, "Resultat.pdf", &result).await;
    let mut before = Vec::new();
    for n in 0..5 {
        before.push(write_need(&app, n).await);
    }

    // The backup runs in its own process while needs keep being written and acknowledged.
    let backup_dir = tempfile::tempdir().expect("temp dir");
    let target = backup_dir.path().join("kopia");
    let running = {
        let (url, data_dir, target) = (url.clone(), data_dir.clone(), target.clone());
        std::thread::spawn(move || noden(&url, &data_dir, &["backup", target.to_str().unwrap()]))
    };
    let mut during = Vec::new();
    loop {
        during.push(write_need(&app, 100 + during.len()).await);
        if running.is_finished() {
            break;
        }
    }
    let (code, said) = running.join().expect("backup thread");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Säkerhetskopian är klar"), "{said}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(target.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["blobs"]["files"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["node_key"], "database");

    // Restored elsewhere: a new database, a new data directory, the index rebuilt.
    let restored_db = TestDb::new(&backend).await;
    let restored_dir = tempfile::tempdir().expect("temp dir");
    let (code, said) = noden(
        &restored_db.url,
        restored_dir.path(),
        &["restore", target.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("sökindexet är byggt"), "{said}");
    let restored = {
        let (url, dir) = (restored_db.url.clone(), restored_dir.path().to_path_buf());
        TestApp::builder(backend)
            .settings(move |s| {
                s.database_url = Some(url);
                s.data_dir = dir;
            })
            .start()
            .await
    };

    // Every need acknowledged before the backup began is there; of those acknowledged while
    // it ran, the snapshot holds the ones before some moment and none after it.
    for id in &before {
        let (status, need) = restored.get_json(&format!("/api/v1/needs/{id}")).await;
        assert_eq!(
            status, 200,
            "need {id} acknowledged before the backup is missing"
        );
        assert_eq!(need["id"], id.as_str());
    }
    let mut present = Vec::new();
    for id in &during {
        let (status, _) = restored.get_json(&format!("/api/v1/needs/{id}")).await;
        present.push(status == 200);
    }
    let kept = present.iter().take_while(|p| **p).count();
    eprintln!(
        "backup: {} needs before, {} written while it ran, {kept} of those in the snapshot",
        before.len(),
        during.len()
    );
    assert!(
        present[kept..].iter().all(|p| !p),
        "the snapshot has a hole: {present:?}"
    );
    // The index was rebuilt from the database: search finds exactly what the database holds.
    let found = restored.search("q=zebrafinkbehov").await;
    assert_eq!(found["total"], before.len() + kept, "{found}");

    // The files are byte for byte the same, in the restored portal and on disk.
    let listed = attachments_of(&restored, &report_id).await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    for file in &listed {
        let bytes = download(&restored, file["href"].as_str().unwrap()).await;
        let original = if file["file_name"] == "Mätplan.pdf" {
            &plan
        } else {
            &result
        };
        assert_eq!(&bytes, original, "{file}");
    }
    for file in attachments_of(&app, &report_id).await {
        let original = download(&app, file["href"].as_str().unwrap()).await;
        let key_name = file["id"].as_str().unwrap();
        let copied = std::fs::read(restored_dir.path().join("blobs/attachments").join(key_name))
            .unwrap_or_else(|e| panic!("restored blob {key_name}: {e}"));
        assert_eq!(copied, original);
    }
}

async fn restore_refuses_a_damaged_backup_and_a_used_data_directory(backend: Backend) {
    let app = TestApp::new(backend.clone()).await;
    let url = app.db.url.clone();
    let data_dir = app.data_dir.path().to_path_buf();
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Fallsensor", "organisation": "0480", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    crate::attachments::attach_as_node(&app, &api, "Plan.pdf", &crate::attachments::pdf("Plan"))
        .await;
    let backup_dir = tempfile::tempdir().expect("temp dir");
    let target = backup_dir.path().join("kopia");
    let (code, said) = noden(&url, &data_dir, &["backup", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{said}");

    // A second backup into the same folder is refused rather than mixed with the first.
    let (code, said) = noden(&url, &data_dir, &["backup", target.to_str().unwrap()]);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("inte tom"), "{said}");

    // A database without Noden's tables (a mistyped address) gives no backup.
    let empty_db = TestDb::new(&backend).await;
    let empty_dir = tempfile::tempdir().expect("temp dir");
    let (code, said) = noden(
        &empty_db.url,
        empty_dir.path(),
        &["backup", backup_dir.path().join("tom").to_str().unwrap()],
    );
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("inga av Nodens tabeller"), "{said}");

    // Restoring over the running portal's own data is refused.
    let (code, said) = noden(&url, &data_dir, &["restore", target.to_str().unwrap()]);
    assert_eq!(code, 2, "{said}");

    // A file changed after the backup is found before anything is restored.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(target.join("manifest.json")).unwrap()).unwrap();
    let blob = manifest["blobs"]["files"][0]["path"].as_str().unwrap();
    let mut bytes = std::fs::read(target.join(blob)).unwrap();
    bytes[0] ^= 1;
    std::fs::write(target.join(blob), bytes).unwrap();
    let fresh_db = TestDb::new(&backend).await;
    let fresh_dir = tempfile::tempdir().expect("temp dir");
    let (code, said) = noden(
        &fresh_db.url,
        fresh_dir.path(),
        &["restore", target.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("skadad") && said.contains(blob), "{said}");
    assert!(
        !fresh_dir.path().join("noden.sqlite3").exists(),
        "nothing may be restored from a damaged backup"
    );
}
