//! Real `noden serve` processes: killed with SIGKILL mid-work, and two of them on one database.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use awc::Client;
use serde_json::{Value, json};

use crate::harness::{Backend, TOKEN, TestDb, fixtures, on_both_backends};

on_both_backends!(
    the_index_recovers_after_kill_9,
    two_instances_on_one_database_see_each_others_writes,
    reindex_builds_beside_the_live_index_while_the_portal_serves,
);

/// A `noden serve` child process.
pub(crate) struct Serve {
    child: Child,
    pub(crate) base: String,
}

impl Serve {
    fn start(db: &TestDb, data_dir: &Path) -> Serve {
        Serve::start_with(db, data_dir, "127.0.0.1:0", &[])
    }

    /// A portal bound to `bind`, with `env` added to its environment.
    pub(crate) fn start_with(
        db: &TestDb,
        data_dir: &Path,
        bind: &str,
        env: &[(&str, &str)],
    ) -> Serve {
        let mut child = crate::harness::noden_command(&db.url, data_dir)
            .args(["serve", "--bind", bind])
            .env("NODEN_ADMIN_TOKEN", TOKEN)
            .env("NODEN_CONTENT_DIR", fixtures().join("content"))
            .env("NODEN_INDEX_POLL_MS", "200")
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start noden serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        // The last lines it wrote, for the message when it never says where it listens.
        let said = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let kept = said.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some((_, addr)) = line.split_once("Noden is listening on ") {
                    let _ = tx.send(addr.trim().to_owned());
                }
                if let Ok(mut kept) = kept.lock() {
                    kept.push(line);
                    let len = kept.len();
                    kept.drain(..len.saturating_sub(20));
                }
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|e| {
                let said = said.lock().map(|s| s.join("\n")).unwrap_or_default();
                panic!("the portal did not say where it listens ({e}); it said:\n{said}")
            });
        Serve { child, base }
    }

    pub(crate) fn kill_9(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn search(client: &Client, base: &str, query: &str) -> Value {
    let mut res = client
        .get(format!("{base}/api/v1/search?{query}"))
        .send()
        .await
        .expect("search");
    res.json::<Value>()
        .limit(4 * 1024 * 1024)
        .await
        .expect("JSON")
}

async fn create(client: &Client, base: &str, title: &str) {
    let res = client
        .post(format!("{base}/api/v1/reports"))
        .bearer_auth(TOKEN)
        .send_json(&json!({ "title": title, "body": "Skrivet till en portal som sedan dödas." }))
        .await
        .expect("create");
    assert_eq!(res.status().as_u16(), 201);
}

/// Polls `query` on `base` until `total` is `expected` or `limit` passes; returns the last answer
/// and how long it took.
pub(crate) async fn wait_for_total(
    client: &Client,
    base: &str,
    query: &str,
    expected: u64,
    limit: Duration,
) -> (Value, Duration) {
    let start = Instant::now();
    loop {
        let result = search(client, base, query).await;
        if result["total"] == expected || start.elapsed() > limit {
            return (result, start.elapsed());
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn the_index_recovers_after_kill_9(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let data = tempfile::tempdir().unwrap();
    let client = Client::default();
    let first = Serve::start(&db, data.path());
    for i in 0..20 {
        create(&client, &first.base, &format!("Dödad portal rapport {i}")).await;
    }
    // Killed right after the last acknowledged write: the index may be behind, never ahead.
    first.kill_9();

    let second = Serve::start(&db, data.path());
    let (result, _) = wait_for_total(
        &client,
        &second.base,
        "q=d%C3%B6dad&per_page=100",
        20,
        Duration::from_secs(30),
    )
    .await;
    assert_eq!(
        result["total"], 20,
        "every acknowledged write is found after the restart: {result}"
    );
    let mut titles: Vec<&str> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), 20, "nothing is indexed twice");
    assert_eq!(search(&client, &second.base, "").await["total"], 23);

    // An index written by another schema version is rebuilt from the change log on start.
    second.kill_9();
    let marker =
        noden_portal::indexer::generations::live_dir(data.path()).join("noden-schema-version");
    std::fs::write(&marker, "0").unwrap();
    let third = Serve::start(&db, data.path());
    let (result, _) = wait_for_total(&client, &third.base, "", 23, Duration::from_secs(30)).await;
    assert_eq!(result["total"], 23, "{result}");
    let version = std::fs::read_to_string(&marker).unwrap();
    assert_eq!(
        version.trim(),
        noden_search::SCHEMA_VERSION.to_string(),
        "the index was rebuilt"
    );
}

async fn two_instances_on_one_database_see_each_others_writes(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let (a_dir, b_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let client = Client::default();
    let a = Serve::start(&db, a_dir.path());
    let b = Serve::start(&db, b_dir.path());
    let (result, _) = wait_for_total(&client, &b.base, "", 3, Duration::from_secs(30)).await;
    assert_eq!(
        result["total"], 3,
        "the second instance indexes the content the first loaded"
    );
    // Both made the node's signing key at first start, at the same moment: one key stands.
    let mut keys = Vec::new();
    for base in [&a.base, &b.base] {
        let mut res = client
            .get(format!("{base}/.well-known/noden"))
            .send()
            .await
            .expect("node document");
        let document: Value = res.json().await.expect("JSON");
        keys.push(document["public_key"].clone());
    }
    assert!(keys[0].is_string(), "{keys:?}");
    assert_eq!(keys[0], keys[1], "every instance signs with the same key");

    create(&client, &a.base, "Skriven genom instans A").await;
    let (result, took) =
        wait_for_total(&client, &b.base, "q=instans", 1, Duration::from_secs(30)).await;
    assert_eq!(
        result["hits"][0]["title"], "Skriven genom instans A",
        "{result}"
    );
    eprintln!("a write through instance A was found through instance B after {took:?}");

    create(&client, &b.base, "Skriven genom instans B").await;
    let (result, _) =
        wait_for_total(&client, &a.base, "q=instans", 2, Duration::from_secs(30)).await;
    assert_eq!(result["total"], 2, "{result}");
}

async fn reindex_builds_beside_the_live_index_while_the_portal_serves(backend: Backend) {
    let db = TestDb::new(&backend).await;
    let data = tempfile::tempdir().unwrap();
    let client = Client::default();
    let portal = Serve::start(&db, data.path());
    for i in 0..30 {
        create(&client, &portal.base, &format!("Omindexerad rapport {i}")).await;
    }
    let (before, _) = wait_for_total(
        &client,
        &portal.base,
        "q=omindexerad",
        30,
        Duration::from_secs(30),
    )
    .await;
    assert_eq!(before["total"], 30);
    let old_dir = noden_portal::indexer::generations::live_dir(data.path());

    let mut reindex = crate::harness::noden_command(&db.url, data.path())
        .arg("reindex")
        .env("NODEN_INDEX_POLL_MS", "200")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start noden reindex");
    // The portal answers searches, completely, the whole time the command runs.
    let mut answered = 0;
    while reindex.try_wait().unwrap().is_none() {
        let result = search(&client, &portal.base, "q=omindexerad").await;
        assert_eq!(result["total"], 30, "a search during the rebuild: {result}");
        answered += 1;
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    let output = reindex.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("Indexerar 33/33 dokument"),
        "progress is shown: {stderr}"
    );
    assert!(
        stderr.contains("Portalen söker nu i det nya indexet"),
        "{stderr}"
    );
    eprintln!("{answered} searches answered while noden reindex ran");

    let new_dir = noden_portal::indexer::generations::live_dir(data.path());
    assert_ne!(new_dir, old_dir, "the portal switched to the rebuilt index");
    // The old directory goes once the portal has let go of it (right after the switch).
    let deadline = Instant::now() + Duration::from_secs(20);
    while old_dir.exists() && Instant::now() < deadline {
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!old_dir.exists(), "the old index is removed");
    // The portal goes on indexing into the new index, durably.
    create(&client, &portal.base, "Zebrafinkrapport efter bytet").await;
    let (after, _) = wait_for_total(
        &client,
        &portal.base,
        "q=zebrafinkrapport",
        1,
        Duration::from_secs(30),
    )
    .await;
    assert_eq!(
        after["hits"][0]["title"], "Zebrafinkrapport efter bytet",
        "{after}"
    );
    assert_eq!(
        search(&client, &portal.base, "q=omindexerad").await["total"],
        30
    );
    portal.kill_9();
    let on_disk = noden_search::SearchIndex::open_in_dir(&new_dir).unwrap();
    assert_eq!(
        on_disk.num_docs(),
        34,
        "the write after the switch is in the new index"
    );
    drop(on_disk);

    // After a restart the portal opens the rebuilt index, not an empty one.
    let again = Serve::start(&db, data.path());
    assert_eq!(search(&client, &again.base, "").await["total"], 34);
}
