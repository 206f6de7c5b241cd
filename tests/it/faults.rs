//! Faults the portal must survive, with a client-side ledger of every acknowledged write.
//!
//! The portal runs as its own `noden serve` process and is killed with SIGKILL at random
//! moments while API writers and a bulk `noden import` run; after each restart every write it
//! acknowledged is in the database once, and the index holds exactly what the database holds.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, Statement};
use serde_json::{Value, json};

use crate::harness::{Backend, TOKEN, TestApp, TestDb, fixtures, noden_command, on_both_backends};

on_both_backends!(
    killing_the_portal_twenty_times_during_writes_and_an_import_loses_nothing,
    a_full_disk_refuses_writes_with_503_keeps_reads_and_loses_nothing_once_space_returns,
    mail_written_while_the_smtp_server_is_down_for_an_hour_arrives_once_when_it_returns,
);

const KILLS: usize = 20;
const WRITERS: usize = 4;
const IMPORT_FILES: usize = 3000;
/// The word every need this test writes carries, so search can count them.
const WORD: &str = "zebravingefjaril";
/// The word of every imported report.
const IMPORT_WORD: &str = "gullvivemott";
/// One imported report, once the import's first batch has landed.
const FIRST_IMPORTED: &str =
    "SELECT title FROM reports WHERE title LIKE 'Importerad rapport %' LIMIT 1";

struct Portal {
    child: Child,
    base: String,
}

impl Portal {
    /// Starts `noden serve` over `url` and `data_dir` and waits until it is ready.
    async fn start(url: &str, data_dir: &Path, log: &Path) -> Portal {
        let port = crate::smtp::free_port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let child = noden_command(url, data_dir)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("NODEN_ADMIN_TOKEN", TOKEN)
            .env("NODEN_CONTENT_DIR", fixtures().join("content"))
            .env("NODEN_MAIL_TRANSPORT", "outbox")
            .env("NODEN_WRITES_PER_CLIENT_PER_MINUTE", "100000000")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start noden serve");
        let mut portal = Portal {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        portal.wait_until_ready().await;
        portal
    }

    /// Polls `/readyz` until it answers 200 (the index has caught up), for at most a minute.
    async fn wait_until_ready(&mut self) {
        let client = awc::Client::default();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("noden serve exited with {status} before it was ready");
            }
            if let Ok(mut answer) = client.get(format!("{}/readyz", self.base)).send().await {
                let _ = answer.body().await;
                if answer.status().as_u16() == 200 {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "noden serve not ready in a minute"
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn kill(mut self) {
        // SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would.
        self.child.kill().expect("kill -9");
        self.child.wait().expect("reap");
    }
}

/// A test that fails while the portal runs leaves no `noden serve` behind.
impl Drop for Portal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What the portal acknowledged: the id and title of each need it answered 201 for.
type Ledger = Rc<RefCell<Vec<(String, String)>>>;

/// Writes needs until the portal stops answering; records each acknowledged one.
async fn writer(base: String, cycle: usize, writer: usize, ledger: Ledger) {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .finish();
    for n in 0.. {
        let title = format!("Felprov {cycle}-{writer}-{n} {WORD}");
        let sent = client
            .post(format!("{base}/api/v1/needs"))
            .bearer_auth(TOKEN)
            .send_json(&json!({
                "title": title,
                "description": "Skrivet medan portalen dödas.",
                "target_group": "ordinart-boende",
                "organisation": "0480",
                "visibility": "public",
            }))
            .await;
        let Ok(mut answer) = sent else {
            return; // Killed: nothing more is acknowledged.
        };
        let Ok(body) = answer.body().await else {
            return;
        };
        if answer.status().as_u16() == 201 {
            let need: Value = serde_json::from_slice(&body).expect("need JSON");
            ledger
                .borrow_mut()
                .push((need["id"].as_str().expect("id").to_owned(), title));
        }
    }
}

/// A folder of Markdown reports to import, each with the test's word.
fn import_folder(root: &Path) -> PathBuf {
    let folder = root.join("felprov");
    std::fs::create_dir_all(&folder).expect("folder");
    for n in 0..IMPORT_FILES {
        std::fs::write(
            folder.join(format!("rapport-{n:04}.md")),
            format!(
                "---\ntitle: \"Importerad rapport {n}\"\norganisation: \"Nyköpings kommun\"\n---\n\
                 Rapport nummer {n} om {IMPORT_WORD} och nattillsyn. {}\n",
                "Mätningar före och efter. ".repeat(20)
            ),
        )
        .expect("write file");
    }
    folder
}

async fn column(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect(sql)
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).expect("text column"))
        .collect()
}

async fn search_total(base: &str, word: &str) -> u64 {
    let client = awc::Client::default();
    let mut answer = client
        .get(format!("{base}/api/v1/search?q={word}"))
        .send()
        .await
        .expect("search");
    let body = answer.body().limit(8 * 1024 * 1024).await.expect("body");
    let result: Value = serde_json::from_slice(&body).expect("search JSON");
    result["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("{result}"))
}

async fn killing_the_portal_twenty_times_during_writes_and_an_import_loses_nothing(
    backend: Backend,
) {
    let seed = fastrand::u64(..);
    let name = if matches!(backend, Backend::Sqlite) {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    eprintln!("faults ({name}): seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let test_db = TestDb::new(&backend).await;
    let data_dir = tempfile::tempdir().expect("temp dir");
    let log = data_dir.path().join("serve.log");
    let folder = import_folder(data_dir.path());
    let cli_dir = data_dir.path().join("cli");
    let db = Database::connect(test_db.url.as_str())
        .await
        .expect("connect");
    let ledger: Ledger = Rc::default();

    let mut portal = Portal::start(&test_db.url, data_dir.path(), &log).await;
    let mut import_done = false;
    let mut import_kills = 0;
    for cycle in 0..KILLS {
        // The import runs beside the portal until one run of it has finished.
        let mut import = (!import_done).then(|| {
            noden_command(&test_db.url, &cli_dir)
                .args([std::ffi::OsStr::new("import"), folder.as_os_str()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start noden import")
        });
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| actix_web::rt::spawn(writer(portal.base.clone(), cycle, w, ledger.clone())))
            .collect();
        // A random moment: a few writes in, or well into the import's batches. The import
        // takes about half a second, so until it has been killed halfway once, the moment is
        // taken after its first batch has landed.
        match import.as_mut() {
            Some(running) if import_kills == 0 => {
                let deadline = Instant::now() + Duration::from_secs(60);
                while running.try_wait().expect("import status").is_none()
                    && column(&db, FIRST_IMPORTED).await.is_empty()
                    && Instant::now() < deadline
                {
                    actix_web::rt::time::sleep(Duration::from_millis(5)).await;
                }
                actix_web::rt::time::sleep(Duration::from_millis(rng.u64(0..50))).await;
            }
            _ => actix_web::rt::time::sleep(Duration::from_millis(rng.u64(20..1500))).await,
        }
        portal.kill();
        if let Some(mut running) = import.take() {
            match running.try_wait().expect("import status") {
                Some(status) => import_done = status.success(),
                None => {
                    running.kill().expect("kill -9 the import");
                    running.wait().expect("reap");
                    import_kills += 1;
                }
            }
        }
        for w in writers {
            w.await.expect("writer");
        }

        portal = Portal::start(&test_db.url, data_dir.path(), &log).await;
        let acknowledged = ledger.borrow().clone();
        let stored: std::collections::HashSet<String> =
            column(&db, "SELECT title FROM needs WHERE title LIKE 'Felprov %'")
                .await
                .into_iter()
                .collect();
        let lost: Vec<_> = acknowledged
            .iter()
            .filter(|(_, title)| !stored.contains(title))
            .collect();
        assert!(
            lost.is_empty(),
            "cycle {cycle} (seed {seed}): acknowledged and lost: {lost:?}"
        );
        let duplicated = column(
            &db,
            "SELECT title FROM needs WHERE title LIKE 'Felprov %' GROUP BY title HAVING COUNT(*) > 1",
        )
        .await;
        assert!(
            duplicated.is_empty(),
            "cycle {cycle} (seed {seed}): duplicated: {duplicated:?}"
        );
        // The index holds exactly what the database holds.
        assert_eq!(
            search_total(&portal.base, WORD).await,
            stored.len() as u64,
            "cycle {cycle} (seed {seed}): the index lost or invented needs"
        );
    }
    assert!(
        ledger.borrow().len() >= KILLS,
        "too few writes were acknowledged for the test to mean anything"
    );
    assert!(import_kills >= 1, "the import was never killed halfway");
    eprintln!(
        "faults ({name}): {KILLS} kills (seed {seed}); {} needs acknowledged, 0 lost, 0 duplicated, \
         the index equal to the database after each restart; the import of {IMPORT_FILES} \
         files killed {import_kills} times halfway",
        ledger.borrow().len()
    );

    // The import, run again to the end, leaves each file once, all of them found.
    let finished = noden_command(&test_db.url, &cli_dir)
        .args([std::ffi::OsStr::new("import"), folder.as_os_str()])
        .output()
        .expect("run noden import");
    assert!(
        finished.status.success(),
        "{}",
        String::from_utf8_lossy(&finished.stderr)
    );
    let imported = column(
        &db,
        "SELECT source_path FROM reports WHERE title LIKE 'Importerad rapport %'",
    )
    .await;
    let distinct: std::collections::HashSet<&String> = imported.iter().collect();
    assert_eq!(imported.len(), IMPORT_FILES, "imported rows");
    assert_eq!(distinct.len(), IMPORT_FILES, "one row per file");
    // The portal follows the change log written by the import process.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = search_total(&portal.base, IMPORT_WORD).await;
        if found == IMPORT_FILES as u64 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the index holds {found} of {IMPORT_FILES} imported reports"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    portal.kill();
}

/// A small tmpfs mounted for one test (needs root, as in CI), unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// Mounts a tmpfs of `megabytes`; `None` (with the reason) where this process may not
    /// mount, which fails the test when NODEN_TEST_REQUIRE_FAULTS=1 (as in CI).
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(SmallDisk { dir }),
            other => {
                let why = match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                    Err(e) => e.to_string(),
                };
                if std::env::var("NODEN_TEST_REQUIRE_FAULTS").as_deref() == Ok("1") {
                    panic!("NODEN_TEST_REQUIRE_FAULTS=1 but a tmpfs cannot be mounted: {why}");
                }
                eprintln!("SKIPPED the full-disk fault: cannot mount a tmpfs ({why})");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills what is left with one file; returns it so it can be removed.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("fyllnad");
        let mut file = std::fs::File::create(&filler).expect("filler");
        let chunk = vec![0u8; 64 * 1024];
        loop {
            if file
                .write_all(&chunk)
                .and_then(|()| file.sync_all())
                .is_err()
            {
                break;
            }
        }
        // And the last bytes a smaller write can still take.
        while file.write_all(&[0u8; 512]).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

async fn a_full_disk_refuses_writes_with_503_keeps_reads_and_loses_nothing_once_space_returns(
    backend: Backend,
) {
    let Some(disk) = SmallDisk::mount(48) else {
        return;
    };
    let sqlite = matches!(backend, Backend::Sqlite);
    let data_dir = disk.path().join("data");
    let app = {
        let data_dir = data_dir.clone();
        TestApp::builder(backend)
            .settings(move |s| {
                // The whole data directory on the small disk, and the SQLite file with it.
                if sqlite {
                    s.database_url = Some(format!(
                        "sqlite://{}?mode=rwc",
                        data_dir.join("noden.sqlite3").display()
                    ));
                }
                s.data_dir = data_dir;
            })
            .start()
            .await
    };
    let (status, report) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &json!({"title": "Fallsensor i Flen", "body": "Sensorerna larmade rätt.",
                    "organisation": "0480", "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{report}");
    let report_api = format!("/api/v1/reports/{}", report["id"].as_str().unwrap());
    let report_page = report["url"].as_str().unwrap().to_owned();
    app.indexed().await;

    let filler = disk.fill();

    // Files have nowhere to go: the upload is refused with a clear 503, nothing half-stored.
    let upload = upload_pdf(&app, &report_api).await;
    assert_eq!(upload.0, 503, "{}", upload.1);
    assert!(
        upload.1.contains("Lagringsutrymmet är fullt"),
        "{}",
        upload.1
    );

    // Writes go on until the database's own file cannot grow (SQLite reuses the room its log
    // already has); the first refusal is a 503 that says why. PostgreSQL's disk is elsewhere.
    let mut acknowledged = Vec::new();
    let mut refusal = None;
    for n in 0..400 {
        let (status, answer) = app
            .send_json(
                "POST",
                "/api/v1/needs",
                &json!({
                    "title": format!("Fullt behov {n} {WORD}"),
                    "description": "Mätvärden. ".repeat(1800),
                    "target_group": "ordinart-boende",
                    "organisation": "0480",
                    "visibility": "public",
                }),
                true,
            )
            .await;
        match status {
            201 => acknowledged.push(answer["id"].as_str().unwrap().to_owned()),
            _ => {
                refusal = Some((status, answer));
                break;
            }
        }
        if !sqlite && n >= 5 {
            break;
        }
    }
    eprintln!(
        "full disk: {} needs acknowledged before the first refusal ({:?})",
        acknowledged.len(),
        refusal.as_ref().map(|(status, _)| status)
    );
    if sqlite {
        let (status, problem) = refusal.expect("a write on a full disk was refused");
        assert_eq!(status, 503, "{problem}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("Lagringsutrymmet är fullt"),
            "{problem}"
        );
    } else {
        assert!(refusal.is_none(), "{refusal:?}");
    }

    // Reading and searching go on.
    let (status, _, page) = app.get(&report_page).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Fallsensor i Flen"));
    let found = app.search("q=fallsensor").await;
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    let (status, _, _) = app.get("/sok?q=fallsensor").await;
    assert_eq!(status, 200);

    // Space returns: writing works again, every acknowledged need is there, the database is
    // whole and the index catches up with everything.
    std::fs::remove_file(filler).expect("free the disk");
    let (status, answer) = upload_pdf(&app, &report_api).await;
    assert_eq!(status, 201, "{answer}");
    acknowledged.push(write_need_after(&app).await);
    for id in &acknowledged {
        let (status, _) = app.get_json(&format!("/api/v1/needs/{id}")).await;
        assert_eq!(status, 200, "acknowledged need {id} lost");
    }
    if sqlite {
        let url = format!(
            "sqlite://{}?mode=rw",
            data_dir.join("noden.sqlite3").display()
        );
        let db = Database::connect(url.as_str()).await.expect("db");
        let check = column(&db, "PRAGMA integrity_check").await;
        assert_eq!(check, vec!["ok".to_owned()]);
    }
    app.indexed().await;
    let found = app.search(&format!("q={WORD}")).await;
    assert_eq!(found["total"], acknowledged.len(), "{found}");
}

async fn write_need_after(app: &TestApp) -> String {
    let (status, need) = app
        .send_json(
            "POST",
            "/api/v1/needs",
            &json!({"title": format!("Behov efter {WORD}"), "description": "Plats igen.",
                    "target_group": "ordinart-boende", "organisation": "0480",
                    "visibility": "public"}),
            true,
        )
        .await;
    assert_eq!(status, 201, "{need}");
    need["id"].as_str().unwrap().to_owned()
}

/// Uploads a small PDF to `api` with the node's token: the status and the answer's text.
async fn upload_pdf(app: &TestApp, api: &str) -> (u16, String) {
    let boundary = "----felprov";
    let pdf = crate::attachments::pdf("Mätplan");
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&pdf);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut answer = app
        .client
        .post(app.url(&format!("{api}/attachments")))
        .bearer_auth(TOKEN)
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        ))
        .send_body(body)
        .await
        .expect("upload");
    let text = answer.body().await.expect("body");
    (
        answer.status().as_u16(),
        String::from_utf8_lossy(&text).into_owned(),
    )
}

async fn mail_written_while_the_smtp_server_is_down_for_an_hour_arrives_once_when_it_returns(
    backend: Backend,
) {
    use noden_portal::clock::Clock;
    let port = crate::smtp::free_port();
    let clock = Clock::fixed(Clock::System.now());
    // The test delivers the outbox itself, stepping the clock: every attempt is one it makes.
    let app = TestApp::builder(backend)
        .smtp(port)
        .clock(clock.clone())
        .settings(|s| s.run_jobs = false)
        .start()
        .await;
    crate::sign_in::register_domain(&app, "0480", "nykoping.se").await;
    let recipients: Vec<String> = (0..6).map(|n| format!("person{n}@nykoping.se")).collect();
    let browser = crate::browser::Browser::new();
    for email in &recipients {
        let asked = crate::sign_in::ask_for_link(&app, &browser, email).await;
        assert_eq!(asked.status, 200, "{}", asked.body);
    }
    let outbox = || async {
        noden_portal::mail::entity::Entity::find()
            .all(&app.state.db)
            .await
            .expect("outbox")
    };
    // Nothing listens for an hour: every due attempt fails and is tried again later.
    let deliver = || async {
        app.state
            .courier
            .deliver_due(&app.state.db, &app.state.clock)
            .await
            .expect("deliver")
    };
    for _ in 0..12 {
        assert_eq!(deliver().await, 0);
        clock.advance(chrono::Duration::minutes(5));
    }
    let waiting = outbox().await;
    assert_eq!(waiting.len(), recipients.len());
    assert!(
        waiting
            .iter()
            .all(|m| m.sent_at.is_none() && m.failed_at.is_none() && m.attempts >= 5),
        "{waiting:?}"
    );

    // The server returns: within the next retry every message arrives, and only once.
    let smtp = crate::smtp::SmtpServer::start_on(port);
    let mut sent = 0;
    for _ in 0..12 {
        sent += deliver().await;
        if sent == recipients.len() {
            break;
        }
        clock.advance(chrono::Duration::minutes(5));
    }
    assert_eq!(sent, recipients.len());
    for _ in 0..3 {
        clock.advance(chrono::Duration::hours(1));
        assert_eq!(deliver().await, 0, "nothing is sent twice");
    }
    // The server writes each message to its folder as it accepts it; wait until all are there.
    let deadline = Instant::now() + Duration::from_secs(20);
    let messages = loop {
        let messages = smtp.messages();
        let arrived = recipients
            .iter()
            .all(|email| messages.iter().any(|m| m.contains(&format!("To: {email}"))));
        if arrived {
            break messages;
        }
        assert!(
            Instant::now() < deadline,
            "not every message reached the server"
        );
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    };
    for email in &recipients {
        let to_them = messages
            .iter()
            .filter(|m| m.contains(&format!("To: {email}")))
            .count();
        assert_eq!(to_them, 1, "mail to {email}");
    }
    assert!(outbox().await.iter().all(|m| m.sent_at.is_some()));
}

/// A PostgreSQL server of this test's own (the shared one serves every other test), started
/// from the server binaries Debian installs; stopped and removed when dropped.
struct OwnPostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl OwnPostgres {
    /// `None` (said loudly) where no server binaries are installed, which fails the test when
    /// NODEN_TEST_REQUIRE_FAULTS=1 (as in CI).
    fn start() -> Option<OwnPostgres> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|b| b.join("pg_ctl").exists() && b.join("initdb").exists())
            .max();
        let Some(bin) = bin else {
            if std::env::var("NODEN_TEST_REQUIRE_FAULTS").as_deref() == Ok("1") {
                panic!(
                    "NODEN_TEST_REQUIRE_FAULTS=1 but no PostgreSQL server binaries are installed"
                );
            }
            eprintln!(
                "SKIPPED the PostgreSQL outage: no server binaries under /usr/lib/postgresql"
            );
            return None;
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let server = OwnPostgres {
            dir,
            bin,
            port: crate::smtp::free_port(),
        };
        if is_root() {
            let owned = std::process::Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(server.dir.path())
                .status()
                .expect("chown");
            assert!(owned.success());
        }
        server.run(
            "initdb",
            &[
                "-D",
                &server.data(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        server.pg_ctl("start");
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A server program, run as the postgres user (as root) or as this user.
    fn command(&self, program: &str) -> std::process::Command {
        let path = self.bin.join(program);
        if is_root() {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            std::process::Command::new(&path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self.command(program).args(args).output().expect(program);
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `pg_ctl start` (waiting until it accepts connections) or a stop in `-m immediate`,
    /// PostgreSQL's crash: no checkpoint, recovery from the WAL at the next start.
    fn pg_ctl(&self, action: &str) {
        let log = self.dir.path().join("server.log").display().to_string();
        let socket = self.dir.path().display().to_string();
        let options = format!("-p {} -k {socket} -c listen_addresses=127.0.0.1", self.port);
        match action {
            "start" => self.run(
                "pg_ctl",
                &[
                    "-D",
                    &self.data(),
                    "-l",
                    &log,
                    "-o",
                    &options,
                    "-w",
                    "start",
                ],
            ),
            _ => self.run(
                "pg_ctl",
                &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
            ),
        }
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data, "-m", "immediate", "stop"])
            .output();
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// POSTs one need; the status and the answer's JSON (`Null` when it is not JSON).
async fn post_need(base: &str, title: &str) -> Result<(u16, Value), String> {
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .finish();
    let mut answer = client
        .post(format!("{base}/api/v1/needs"))
        .bearer_auth(TOKEN)
        .send_json(&json!({
            "title": title,
            "description": "Skrivet medan databasen startar om.",
            "target_group": "ordinart-boende",
            "organisation": "0480",
            "visibility": "public",
        }))
        .await
        .map_err(|e| e.to_string())?;
    let body = answer.body().await.map_err(|e| e.to_string())?;
    Ok((
        answer.status().as_u16(),
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    ))
}

#[actix_web::test]
async fn postgresql_crashing_under_writes_gives_503_in_swedish_and_the_portal_recovers_by_itself() {
    let Some(postgres) = OwnPostgres::start() else {
        return;
    };
    let data_dir = tempfile::tempdir().expect("temp dir");
    let log = data_dir.path().join("serve.log");
    let portal = Portal::start(&postgres.url(), data_dir.path(), &log).await;
    let ledger: Ledger = Rc::default();

    // Writers run while the database crashes.
    let stop = Rc::new(std::cell::Cell::new(false));
    let refusals: Rc<RefCell<Vec<(u16, Value)>>> = Rc::default();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (base, ledger, stop, refusals) = (
                portal.base.clone(),
                ledger.clone(),
                stop.clone(),
                refusals.clone(),
            );
            actix_web::rt::spawn(async move {
                let mut n = 0;
                while !stop.get() {
                    let title = format!("Omstart {w}-{n} {WORD}");
                    n += 1;
                    match post_need(&base, &title).await {
                        Ok((201, _)) => ledger.borrow_mut().push((String::new(), title)),
                        Ok(refused) => refusals.borrow_mut().push(refused),
                        Err(e) => panic!("the portal stopped answering: {e}"),
                    }
                }
            })
        })
        .collect();
    let acknowledged_before = async {
        while ledger.borrow().len() < 20 {
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
    };
    actix_web::rt::time::timeout(Duration::from_secs(60), acknowledged_before)
        .await
        .expect("writes before the crash");
    postgres.pg_ctl("stop");

    // While it is down the portal answers, with 503 and a Swedish message.
    let (status, problem) = post_need(&portal.base, "Under avbrottet")
        .await
        .expect("the portal answers");
    assert_eq!(status, 503, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("saknar kontakt med databasen"),
        "{problem}"
    );
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .finish();
    let mut ready = client
        .get(format!("{}/readyz", portal.base))
        .send()
        .await
        .expect("readyz");
    let _ = ready.body().await;
    assert_eq!(ready.status().as_u16(), 503);

    // It comes back; the portal, never restarted, writes again by itself.
    postgres.pg_ctl("start");
    let before_recovery = ledger.borrow().len();
    let recovered = async {
        while ledger.borrow().len() < before_recovery + 20 {
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
    };
    actix_web::rt::time::timeout(Duration::from_secs(90), recovered)
        .await
        .expect("writes after PostgreSQL came back");
    stop.set(true);
    for w in writers {
        w.await.expect("writer");
    }
    assert!(
        refusals.borrow().iter().all(|(status, _)| *status == 503),
        "only 503 while the database was away: {:?}",
        refusals.borrow()
    );

    // Nothing acknowledged was lost in the crash, nothing doubled, the index complete.
    let db = Database::connect(postgres.url().as_str())
        .await
        .expect("connect");
    let stored = column(&db, "SELECT title FROM needs WHERE title LIKE 'Omstart %'").await;
    let stored_set: std::collections::HashSet<&String> = stored.iter().collect();
    assert_eq!(stored.len(), stored_set.len(), "duplicated needs");
    let lost: Vec<_> = ledger
        .borrow()
        .iter()
        .filter(|(_, title)| !stored_set.contains(title))
        .cloned()
        .collect();
    assert!(lost.is_empty(), "acknowledged and lost: {lost:?}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while search_total(&portal.base, WORD).await != stored.len() as u64 {
        assert!(Instant::now() < deadline, "the index did not catch up");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "postgres outage: {} needs acknowledged, {} refused with 503 meanwhile, 0 lost",
        ledger.borrow().len(),
        refusals.borrow().len()
    );
    portal.kill();
}
