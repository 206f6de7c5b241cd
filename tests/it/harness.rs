//! `TestApp`: the real portal on a free port over a fresh database, SQLite or PostgreSQL.

use std::path::{Path, PathBuf};

use awc::Client;
use noden_portal::clock::Clock;
use noden_portal::config::{MailTransport, Settings, SmtpTls};
use noden_portal::state::AppState;
use noden_portal::{IndexLocation, Running, open_state};
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use tempfile::TempDir;

pub const TOKEN: &str = "test-admin-token";

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// A server URL whose database the test may create others from.
    Postgres(String),
}

impl Backend {
    /// The PostgreSQL backend, when the test command found one. Without it the test is skipped
    /// loudly, unless `NODEN_TEST_REQUIRE_POSTGRES=1` (as in CI), where that is a failure.
    pub fn postgres() -> Option<Backend> {
        match std::env::var("NODEN_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres(url)),
            _ if std::env::var("NODEN_TEST_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
                panic!("NODEN_TEST_REQUIRE_POSTGRES=1 but NODEN_TEST_DATABASE_URL is not set")
            }
            _ => {
                eprintln!("SKIPPED on PostgreSQL: NODEN_TEST_DATABASE_URL is not set");
                None
            }
        }
    }
}

/// Runs each named scenario `async fn name(backend: Backend)` once on SQLite and once on PostgreSQL.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $name() {
                    super::$name(crate::harness::Backend::Sqlite).await
                }
            )+
        }
        mod postgres {
            $(
                #[actix_web::test]
                async fn $name() {
                    if let Some(backend) = crate::harness::Backend::postgres() {
                        super::$name(backend).await
                    }
                }
            )+
        }
    };
}
pub(crate) use on_both_backends;

/// A database made for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    drop_from: Option<(String, String)>,
    _dir: Option<TempDir>,
}

impl TestDb {
    pub async fn new(backend: &Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("test.sqlite3").display()
                );
                TestDb {
                    url,
                    drop_from: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres(server) => {
                let name = format!("test_{}", uuid::Uuid::now_v7().simple());
                let admin = Database::connect(server.as_str())
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                let url = with_database(server, &name);
                TestDb {
                    url,
                    drop_from: Some((server.clone(), name)),
                    _dir: None,
                }
            }
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let server = match base.rsplit_once('/') {
        Some((server, _)) if server.contains("//") && !server.ends_with('/') => server,
        _ => base,
    };
    format!("{server}/{name}{query}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((server, name)) = self.drop_from.take() {
            // Dropping needs a runtime of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let admin = Database::connect(server.as_str()).await.ok()?;
                    admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await
                        .ok()
                })
            })
            .join();
        }
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub struct TestApp {
    pub state: AppState,
    pub base: String,
    pub client: Client,
    pub db: TestDb,
    pub data_dir: TempDir,
    handle: actix_web::dev::ServerHandle,
}

/// A change to the settings before the portal starts.
type Tweak = Box<dyn FnOnce(&mut Settings)>;

pub struct Builder {
    backend: Backend,
    content: Option<PathBuf>,
    clock: Clock,
    smtp_port: Option<u16>,
    memory_mail: bool,
    tweak: Option<Tweak>,
}

impl TestApp {
    /// A portal over a fresh database with the small fixture content loaded.
    pub fn builder(backend: Backend) -> Builder {
        Builder {
            backend,
            content: Some(fixtures().join("content")),
            clock: Clock::System,
            smtp_port: None,
            memory_mail: false,
            tweak: None,
        }
    }

    pub async fn new(backend: Backend) -> TestApp {
        Self::builder(backend).start().await
    }

    /// The full URL of `path`; characters outside ASCII are percent-encoded as a browser would.
    pub fn url(&self, path: &str) -> String {
        let mut url = self.base.clone();
        for byte in path.bytes() {
            if byte.is_ascii_graphic() {
                url.push(byte as char);
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        url
    }

    /// Signs in `email` as a user of the organisation `code` with `role`, without the mail
    /// round trip (for tests that are not about signing in); returns the session cookie's
    /// value (`noden_session`). See [`TestApp::with_user`] for a client that keeps it.
    pub async fn session_for(
        &self,
        email: &str,
        role: noden_portal::auth::Role,
        code: &str,
    ) -> String {
        self.with_user_at(email, role, code)
            .await
            .session_cookie()
            .to_owned()
    }

    /// Every message sent so far with the memory transport (`Builder::memory_mail`), oldest
    /// first, once all mail due now is delivered (here, or by the portal's runner).
    pub async fn sent_mail(&self) -> Vec<noden_portal::mail::Mail> {
        use noden_portal::jobs::entity as job;
        use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter};
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let state = &self.state;
            state
                .courier
                .deliver_due(&state.db, &state.clock)
                .await
                .expect("deliver mail");
            let pending = job::Entity::find()
                .filter(job::Column::Kind.eq(noden_portal::mail::JOB_KIND))
                .filter(
                    Condition::any().add(job::Column::State.eq("running")).add(
                        Condition::all()
                            .add(job::Column::State.eq("queued"))
                            .add(job::Column::RunAt.lte(state.clock.now())),
                    ),
                )
                .count(&state.db)
                .await
                .expect("count mail jobs");
            if pending == 0 {
                return state.courier.sent();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "mail still being delivered"
            );
            actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// The messages sent to `to` so far (memory transport), oldest first.
    pub async fn mail_to(&self, to: &str) -> Vec<noden_portal::mail::Mail> {
        self.sent_mail()
            .await
            .into_iter()
            .filter(|m| m.to == to)
            .collect()
    }

    /// Signs `email` in with the e-mailed link, read from the memory transport; returns the
    /// browser holding the session.
    pub async fn sign_in_by_mail(&self, email: &str) -> crate::browser::Browser {
        let before = self.mail_to(email).await.len();
        let browser = crate::browser::Browser::new();
        let sent = crate::sign_in::ask_for_link(self, &browser, email).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mail = self.mail_to(email).await;
        let message = mail
            .get(before)
            .unwrap_or_else(|| panic!("no link for {email}"));
        let link = crate::smtp::sign_in_link(&message.text);
        let done = crate::sign_in::use_link(&browser, &link).await;
        assert_eq!(done.status, 303, "{}", done.body);
        browser
    }

    /// The organisation with SCB code `code` in the loaded content.
    pub fn organisation(&self, code: &str) -> noden_portal::organisations::entity::Model {
        self.state
            .catalog
            .get()
            .organisation_by_code(code)
            .unwrap_or_else(|| panic!("organisation {code} in the fixtures"))
            .clone()
    }

    /// Brings the search index up to date with everything written so far.
    pub async fn indexed(&self) {
        self.state.indexer.catch_up().await.expect("indexing pass");
    }

    pub async fn get(&self, path: &str) -> (u16, String, String) {
        let mut res = self.client.get(self.url(path)).send().await.expect("GET");
        let status = res.status().as_u16();
        let ctype = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = res.body().limit(8 * 1024 * 1024).await.expect("body");
        (status, ctype, String::from_utf8_lossy(&body).into_owned())
    }

    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        let (status, _, body) = self.get(path).await;
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}")),
        )
    }

    /// Sends JSON with the admin token (`token: true`) or without.
    pub async fn send_json(
        &self,
        method: &str,
        path: &str,
        body: &Value,
        token: bool,
    ) -> (u16, Value) {
        let method = awc::http::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.client.request(method, self.url(path));
        if token {
            req = req.bearer_auth(TOKEN);
        }
        let mut res = req.send_json(body).await.expect("request");
        let status = res.status().as_u16();
        let bytes = res.body().await.expect("body");
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        (status, value)
    }

    /// Searches through the JSON API.
    pub async fn search(&self, query: &str) -> Value {
        let (status, body) = self.get_json(&format!("/api/v1/search?{query}")).await;
        assert_eq!(status, 200, "search {query}: {body}");
        body
    }
}

impl Builder {
    /// Load this content folder on first start.
    pub fn content(mut self, dir: PathBuf) -> Self {
        self.content = Some(dir);
        self
    }

    /// Use this clock (e.g. `Clock::fixed`) so a test can move time.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Send mail by SMTP (no TLS) to this port on 127.0.0.1.
    pub fn smtp(mut self, port: u16) -> Self {
        self.smtp_port = Some(port);
        self
    }

    /// Keep sent mail in memory (read it with `TestApp::sent_mail`), for tests that are not
    /// about SMTP.
    pub fn memory_mail(mut self) -> Self {
        self.memory_mail = true;
        self
    }

    /// Change settings before the portal starts.
    pub fn settings(mut self, tweak: impl FnOnce(&mut Settings) + 'static) -> Self {
        self.tweak = Some(Box::new(tweak));
        self
    }

    pub async fn start(self) -> TestApp {
        let Opened {
            state,
            db,
            data_dir,
        } = self.open().await;
        let Running {
            addr,
            handle,
            server,
        } = noden_portal::start(state.clone()).expect("start server");
        actix_web::rt::spawn(server);
        let base = format!("http://{addr}");
        let app = TestApp {
            state,
            base,
            client: Client::default(),
            db,
            data_dir,
            handle,
        };
        app.indexed().await;
        app
    }

    /// The portal's state over a fresh database with the content loaded, before anything
    /// runs: no server, and no indexing pass yet.
    pub async fn open(self) -> Opened {
        let db = TestDb::new(&self.backend).await;
        let data_dir = tempfile::tempdir().expect("temp dir");
        // Links in mail and provider redirects must point at this server, so its port is
        // chosen before it starts.
        let port = crate::smtp::free_port();
        let mut settings = Settings {
            bind: format!("127.0.0.1:{port}"),
            public_url: format!("http://127.0.0.1:{port}"),
            data_dir: data_dir.path().to_path_buf(),
            database_url: Some(db.url.clone()),
            content_dir: self
                .content
                .clone()
                .unwrap_or_else(|| data_dir.path().join("no-content")),
            load_content_on_first_start: self.content.is_some(),
            admin_token: Some(TOKEN.to_owned().into()),
            index_poll_ms: 60_000,
            // The tests' identity provider listens on this machine.
            outbound_allow_loopback: true,
            ..Settings::default()
        };
        if let Some(port) = self.smtp_port {
            settings.mail_transport = MailTransport::Smtp;
            settings.smtp_host = "127.0.0.1".to_owned();
            settings.smtp_port = port;
            settings.smtp_tls = SmtpTls::None;
        }
        if self.memory_mail {
            settings.mail_transport = MailTransport::Memory;
        }
        if let Some(tweak) = self.tweak {
            tweak(&mut settings);
        }
        let state = open_state(settings, self.clock, IndexLocation::DataDir)
            .await
            .expect("open state");
        noden_portal::load_content_if_empty(&state)
            .await
            .expect("load content");
        Opened {
            state,
            db,
            data_dir,
        }
    }
}

/// What [`Builder::open`] gives: the state, its database and its data directory (both go when
/// this is dropped).
pub struct Opened {
    pub state: AppState,
    pub db: TestDb,
    pub data_dir: TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        actix_web::rt::spawn(async move { handle.stop(false).await });
    }
}

// ---- Signed-in users without the mail round trip ------------------------------------------
//
// For every test that is not about signing in: `app.with_user(Role::Member, "0482")` gives a
// user of that organisation with a live session, as if they had followed an e-mailed link.
// The sign-in, SMTP and OpenID Connect tests keep the real round trip.

/// A user with a live session: pages with its cookie, forms with its CSRF token, the API with
/// a personal access token of its own (read and write, made on first use). Dereferences to
/// the [`Browser`] holding the cookie, for helpers that take one.
pub struct SignedIn {
    browser: crate::browser::Browser,
    base: String,
    state: AppState,
    /// The user's address, where mail to them goes.
    pub email: String,
    pub user_id: uuid::Uuid,
    session: String,
    csrf: String,
    token: std::cell::RefCell<Option<String>>,
}

impl TestApp {
    /// A signed-in `role` of the organisation with SCB code `organisation`, e.g.
    /// `app.with_user(Role::Member, "1280").await`. Its address is made from both
    /// (`member.1280@example.org`); the same pair gives the same user a new session.
    pub async fn with_user(&self, role: noden_portal::auth::Role, organisation: &str) -> SignedIn {
        let email = format!(
            "{}.{organisation}@example.org",
            role.as_str().replace('_', "-")
        );
        self.with_user_at(&email, role, organisation).await
    }

    /// As [`TestApp::with_user`], for the address `email` (for tests that read the mail a
    /// user is sent). The user is made on first use, or given `role` if it had another.
    pub async fn with_user_at(
        &self,
        email: &str,
        role: noden_portal::auth::Role,
        organisation: &str,
    ) -> SignedIn {
        use noden_portal::auth::{Role, session, users};
        let organisation = self.organisation(organisation).id;
        let state = &self.state;
        let user = if role == Role::NodeAdmin {
            users::add_admin(state, email, Some(organisation))
                .await
                .expect("make the administrator")
        } else {
            let txn = noden_portal::db::begin_write(&state.db)
                .await
                .expect("begin");
            let user =
                users::for_confirmed_email(txn.txn(), state.clock.now(), email, organisation)
                    .await
                    .expect("the user");
            txn.commit().await.expect("commit");
            if user.role == role.as_str() {
                user
            } else {
                let by = noden_portal::audit::By::command("test");
                users::update_access(state, &by, user.id, role, false)
                    .await
                    .expect("give the role")
            }
        };
        let txn = noden_portal::db::begin_write(&state.db)
            .await
            .expect("begin");
        let raw = session::start(txn.txn(), state, &user, None)
            .await
            .expect("a session");
        txn.commit().await.expect("commit");
        let current = session::lookup(state, &raw)
            .await
            .expect("look the session up")
            .expect("the session just made");
        let browser = crate::browser::Browser::new();
        browser.set_cookie(&self.base, session::COOKIE, &raw);
        SignedIn {
            browser,
            base: self.base.clone(),
            state: self.state.clone(),
            email: user.email.clone().unwrap_or_default(),
            user_id: user.id,
            session: raw,
            csrf: current.csrf,
            token: std::cell::RefCell::new(None),
        }
    }
}

impl SignedIn {
    /// `path` on the portal, or `path` itself when it is a full URL already.
    fn url(&self, path: &str) -> String {
        if path.contains("://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// Opens a page (a path on the portal or a full URL) as this user.
    pub async fn get(&self, path: &str) -> crate::browser::Page {
        self.browser.get(&self.url(path)).await
    }

    /// Posts exactly `fields` as this user; see [`SignedIn::submit`] for a form with its token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> crate::browser::Page {
        self.browser.post(&self.url(path), fields).await
    }

    /// Posts a form as this user, with the session's CSRF token added as the page would.
    pub async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> crate::browser::Page {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }

    /// The token every form of this session carries.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// The value of the `noden_session` cookie.
    pub fn session_cookie(&self) -> &str {
        &self.session
    }

    /// Reads JSON (e.g. under `/api/v1`) with the session cookie, as the portal's own pages do.
    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        let page = self.get(path).await;
        let value = serde_json::from_str(&page.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}) from {path}: {}", page.body));
        (page.status, value)
    }

    /// A personal access token of this user with the `read` and `write` scopes, made on first
    /// use (as on the account page).
    pub async fn token(&self) -> String {
        if let Some(token) = self.token.borrow().clone() {
            return token;
        }
        let scopes = noden_portal::auth::Scopes::READ | noden_portal::auth::Scopes::WRITE;
        let by = noden_portal::audit::By::command("test");
        let token = noden_portal::auth::access_tokens::create(
            &self.state,
            &by,
            self.user_id,
            "Tester",
            scopes,
        )
        .await
        .expect("a personal access token");
        *self.token.borrow_mut() = Some(token.clone());
        token
    }

    /// Sends JSON to the API as an integration of this user would: with its access token.
    pub async fn send_json(&self, method: &str, path: &str, body: &Value) -> (u16, Value) {
        let method = awc::http::Method::from_bytes(method.as_bytes()).expect("method");
        let mut res = Client::default()
            .request(method, self.url(path))
            .bearer_auth(self.token().await)
            .send_json(body)
            .await
            .expect("request");
        let status = res.status().as_u16();
        let bytes = res.body().limit(8 * 1024 * 1024).await.expect("body");
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        (status, value)
    }
}

impl std::ops::Deref for SignedIn {
    type Target = crate::browser::Browser;

    fn deref(&self) -> &Self::Target {
        &self.browser
    }
}

/// The values of one facet in a search answer, in the order given.
pub fn facet_values(result: &Value, facet: &str) -> Vec<String> {
    result["facets"][facet]
        .as_array()
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v["value"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The `noden` binary set up for a test: no configuration file, this database and data
/// directory, and no `DATABASE_URL` from the environment. Add the command and its arguments.
/// Runs `command` to its end on the blocking pool. A test's portal serves on the test's own
/// thread: waiting for a `noden` command there would stop the portal, maybe inside a write
/// the command then waits for.
pub async fn output(mut command: std::process::Command) -> std::process::Output {
    actix_web::rt::task::spawn_blocking(move || command.output().expect("run the command"))
        .await
        .expect("the command's thread")
}

pub fn noden_command(database_url: &str, data_dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_noden"));
    command
        .args([
            "--config",
            "/dev/null/none.toml",
            "--database-url",
            database_url,
            "--data-dir",
        ])
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        // The command speaks the shell's language: Swedish unless a test asks for another.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    command
}
