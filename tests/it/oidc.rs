//! Signing in through an organisation's OpenID Connect provider: a real provider process
//! (oidc-provider from npm, started by `tests/oidc-provider/server.mjs`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use noden_portal::audit::By;
use noden_portal::clock::Clock;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, IssuerUrl, JsonWebKeyId, Nonce, StandardClaims,
    SubjectIdentifier,
};
use sea_orm::EntityTrait;
use serde_json::Value;
use tempfile::TempDir;

use crate::browser::{Browser, Page};
use crate::harness::{Backend, TestApp, on_both_backends};
use crate::smtp::free_port;

on_both_backends!(
    staff_sign_in_through_their_organisations_provider,
    a_replayed_or_foreign_response_is_refused,
    id_tokens_from_another_key_are_refused_and_rotated_keys_accepted,
    expired_tokens_and_tokens_for_another_audience_are_refused,
    after_sign_in_the_browser_returns_only_to_a_path_on_this_site,
    a_provider_cannot_vouch_for_another_organisations_addresses,
    starting_a_sign_in_takes_a_button_press,
    keys_at_a_refused_address_are_never_fetched_and_failures_back_off,
);

const CLIENT_ID: &str = "noden-nykoping";
const CLIENT_SECRET: &str = "test-secret-nykoping";

/// A running provider process.
struct Provider {
    child: Child,
    port: u16,
}

impl Provider {
    fn start(port: u16, redirect_uri: &str, keys: &Path, id_token_ttl: u32) -> Provider {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider/server.mjs");
        let clients = serde_json::json!([{
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [redirect_uri],
        }]);
        // A provider that has not said "ready" after a while is started again: once in a while,
        // with many starting at the same moment, a Node process stalled before listening.
        let log = || std::fs::read_to_string(keys.with_extension("log")).unwrap_or_default();
        for attempt in 1..=3 {
            let mut child = Command::new("node")
                .arg(&script)
                .env("OIDC_PORT", port.to_string())
                .env("OIDC_CLIENTS", clients.to_string())
                .env("OIDC_KEYS_FILE", keys)
                .env("OIDC_ID_TOKEN_TTL", id_token_ttl.to_string())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(
                    std::fs::File::create(keys.with_extension("log"))
                        .map(Stdio::from)
                        .unwrap_or_else(|_| Stdio::null()),
                )
                .spawn()
                .expect("start the OpenID Connect provider (npm ci --prefix tests/oidc-provider)");
            let stdout = child.stdout.take().expect("stdout");
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if line.starts_with("ready ") {
                        let _ = tx.send(line);
                    }
                }
            });
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            while std::time::Instant::now() < deadline {
                if rx.recv_timeout(Duration::from_millis(100)).is_ok() {
                    return Provider { child, port };
                }
                if let Ok(Some(status)) = child.try_wait() {
                    panic!(
                        "the OpenID Connect provider exited before it was ready ({status}): {}",
                        log()
                    );
                }
            }
            eprintln!(
                "the OpenID Connect provider was not ready after 30 s (attempt {attempt}): {}",
                log()
            );
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("the OpenID Connect provider did not get ready: {}", log());
    }

    fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A portal whose Nyköping organisation signs in through a provider.
struct Setup {
    app: TestApp,
    provider: Option<Provider>,
    port: u16,
    keys_dir: TempDir,
    slug: String,
}

impl Setup {
    async fn new(backend: Backend, clock: Clock, id_token_ttl: u32) -> Setup {
        Setup::from(TestApp::builder(backend).clock(clock), id_token_ttl).await
    }

    async fn from(builder: crate::harness::Builder, id_token_ttl: u32) -> Setup {
        let app = builder.start().await;
        let catalog = app.state.catalog.get();
        let nykoping = catalog.organisation_by_code("0480").expect("Nyköping");
        let slug = nykoping.slug.clone();
        let organisation_id = nykoping.id;
        let keys_dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut setup = Setup {
            app,
            provider: None,
            port,
            keys_dir,
            slug,
        };
        setup.restart_provider("a.json", id_token_ttl);
        noden_portal::auth::domains::set_provider(
            &setup.app.state,
            &By::command("test"),
            organisation_id,
            noden_portal::auth::domains::ProviderInput {
                issuer: setup.issuer(),
                client_id: CLIENT_ID.to_owned(),
                client_secret: CLIENT_SECRET.to_owned(),
            },
        )
        .await
        .expect("register the provider");
        setup
    }

    fn keys(&self, name: &str) -> PathBuf {
        self.keys_dir.path().join(name)
    }

    fn redirect_uri(&self) -> String {
        self.app.url(&format!("/logga-in/oidc/{}/klar", self.slug))
    }

    fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// (Re)starts the provider on the same address with the key file `keys`.
    fn restart_provider(&mut self, keys: &str, id_token_ttl: u32) {
        self.provider = None;
        self.provider = Some(Provider::start(
            self.port,
            &self.redirect_uri(),
            &self.keys(keys),
            id_token_ttl,
        ));
        assert_eq!(
            self.provider.as_ref().map(Provider::issuer),
            Some(self.issuer())
        );
    }

    /// Presses the organisation's button on the sign-in page (`tillbaka` as the page was
    /// opened with), as a visitor would; returns the answer, a redirect to the provider.
    async fn start(&self, browser: &Browser, tillbaka: &str) -> Page {
        let page = browser
            .get(&self.app.url(&format!("/logga-in?tillbaka={tillbaka}")))
            .await;
        assert_eq!(page.status, 200, "{}", page.body);
        let back = page
            .body
            .split("name=\"tillbaka\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the return address rides along in the form")
            .replace("&amp;", "&");
        browser
            .post(
                &self.app.url(&format!("/logga-in/oidc/{}", self.slug)),
                &[("csrf", &page.csrf()), ("tillbaka", &back)],
            )
            .await
    }

    /// Starts a sign-in in `browser` as `who` and follows the provider's redirects up to the
    /// portal's callback address, which is returned unvisited.
    async fn until_callback(&self, browser: &Browser, who: &str) -> String {
        self.until_callback_from(browser, who, "").await
    }

    async fn until_callback_from(&self, browser: &Browser, who: &str, tillbaka: &str) -> String {
        let start = self.start(browser, tillbaka).await;
        assert_eq!(start.status, 303, "{}", start.body);
        let mut next = format!(
            "{}&login_hint={who}",
            start.location.expect("to the provider")
        );
        for _ in 0..10 {
            if next.starts_with(&self.redirect_uri()) {
                return next;
            }
            let page = browser.get(&next).await;
            next = page
                .location
                .unwrap_or_else(|| panic!("provider stopped at {}: {}", page.url, page.body));
        }
        panic!("never came back to the portal");
    }

    async fn sign_in(&self, browser: &Browser, who: &str) -> Page {
        let callback = self.until_callback(browser, who).await;
        browser.get(&callback).await
    }
}

fn keys_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn staff_sign_in_through_their_organisations_provider(backend: Backend) {
    let setup = Setup::new(backend, Clock::System, 3600).await;
    let app = &setup.app;
    let browser = Browser::new();
    let page = browser.get(&app.url("/logga-in")).await;
    assert!(
        page.body
            .contains(&format!("action=\"/logga-in/oidc/{}\"", setup.slug))
            && page.body.contains("Nyköpings kommun"),
        "the sign-in page offers the organisation"
    );

    let start = setup.start(&browser, "").await;
    let to_provider = start.location.clone().unwrap();
    assert!(to_provider.starts_with(&setup.issuer()), "{to_provider}");
    for part in [
        "code_challenge=",
        "code_challenge_method=S256",
        "state=",
        "nonce=",
        "response_type=code",
    ] {
        assert!(to_provider.contains(part), "{part} missing: {to_provider}");
    }
    let cookie = start.headers["set-cookie"].clone();
    assert!(
        cookie.contains("noden_oidc=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );

    let done = setup.sign_in(&browser, "anna.berg@nykoping.se").await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some(app.url("/").as_str()));
    let account = browser.get(&app.url("/konto")).await;
    assert_eq!(account.status, 200);
    for shown in ["anna.berg@nykoping.se", "Nyköpings kommun", "Medlem"] {
        assert!(account.body.contains(shown), "{shown} missing");
    }

    // The same person again: the same user, keyed by issuer and subject.
    let again = Browser::new();
    assert_eq!(
        setup.sign_in(&again, "anna.berg@nykoping.se").await.status,
        303
    );
    let users = noden_portal::auth::entity::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(
        users[0].oidc_issuer.as_deref(),
        Some(setup.issuer().as_str())
    );
    assert_eq!(
        users[0].oidc_subject.as_deref(),
        Some("anna.berg@nykoping.se")
    );

    // Sign-out ends the local session.
    let out = browser
        .post(&app.url("/logga-ut"), &[("csrf", &account.csrf())])
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(browser.get(&app.url("/konto")).await.status, 401);
}

async fn a_replayed_or_foreign_response_is_refused(backend: Backend) {
    let setup = Setup::new(backend, Clock::System, 3600).await;
    let app = &setup.app;

    let browser = Browser::new();
    let callback = setup.until_callback(&browser, "bo@nykoping.se").await;
    assert!(
        callback.contains("iss="),
        "the provider names itself: {callback}"
    );
    let bound = browser.cookie(&app.base, "noden_oidc").unwrap();
    let first = browser.get(&callback).await;
    assert_eq!(first.status, 303);
    // Replayed with everything the first answer had, the browser's cookie included.
    browser.set_cookie(&app.base, "noden_oidc", &bound);
    let replay = browser.get(&callback).await;
    assert_eq!(replay.status, 403);
    assert!(replay.body.contains("redan använt"), "{}", replay.body);

    // A response carried to a browser that did not start the sign-in.
    let starter = Browser::new();
    let callback = setup.until_callback(&starter, "bo@nykoping.se").await;
    let stranger = Browser::new();
    let foreign = stranger.get(&callback).await;
    assert_eq!(foreign.status, 403);
    assert!(foreign.body.contains("webbläsaren"), "{}", foreign.body);

    // A response that names another issuer (mix-up), though state and cookie are right.
    let browser = Browser::new();
    let callback = setup.until_callback(&browser, "bo@nykoping.se").await;
    let mixed = callback.replace("iss=http", "iss=https%3A%2F%2Fevil.example&x=http");
    let refused = browser.get(&mixed).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains("annan utfärdare"), "{}", refused.body);

    // An error from the provider is shown, not swallowed.
    let browser = Browser::new();
    setup.start(&browser, "").await;
    let state = browser.cookie(&app.base, "noden_oidc").unwrap();
    let denied = browser
        .get(&format!(
            "{}?error=access_denied&state={state}",
            setup.redirect_uri()
        ))
        .await;
    assert_eq!(denied.status, 403);
    assert!(denied.body.contains("access_denied"));

    let actions = crate::sign_in::audit_actions(app).await;
    assert!(
        actions.iter().filter(|a| *a == "signin.failed").count() >= 4,
        "{actions:?}"
    );
}

async fn id_tokens_from_another_key_are_refused_and_rotated_keys_accepted(backend: Backend) {
    let mut setup = Setup::new(backend, Clock::System, 3600).await;
    assert_eq!(setup.sign_in(&Browser::new(), "cia").await.status, 303);

    // Another key under the very kid the portal knows: its signature does not verify.
    setup.restart_provider("c.json", 3600);
    let mut impostor = keys_json(&setup.keys("c.json"));
    let known_kid = keys_json(&setup.keys("a.json"))["keys"][0]["kid"].clone();
    impostor["keys"][0]["kid"] = known_kid;
    std::fs::write(setup.keys("b.json"), impostor.to_string()).unwrap();
    setup.restart_provider("b.json", 3600);
    let forged = setup.sign_in(&Browser::new(), "cia").await;
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert!(forged.body.contains("signatur"), "{}", forged.body);

    // A genuinely new key (new kid): the portal fetches the provider's keys again.
    setup.restart_provider("c.json", 3600);
    assert_eq!(setup.sign_in(&Browser::new(), "cia").await.status, 303);
}

fn forged_token(pem: &str, kid: &str, issuer: &str, audience: &str, nonce: &str) -> String {
    let now = Clock::System.now();
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(issuer.to_owned()).unwrap(),
        vec![Audience::new(audience.to_owned())],
        now + chrono::Duration::minutes(10),
        now,
        StandardClaims::new(SubjectIdentifier::new("mallory".to_owned())),
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(nonce.to_owned())));
    let key =
        CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.to_owned()))).unwrap();
    let token = CoreIdToken::new(
        claims,
        &key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .unwrap();
    token.to_string()
}

async fn expired_tokens_and_tokens_for_another_audience_are_refused(backend: Backend) {
    // The portal's clock runs ten minutes ahead of the provider's one-minute tokens.
    let clock = Clock::fixed(Clock::System.now() + chrono::Duration::minutes(10));
    let setup = Setup::new(backend, clock, 60).await;
    let expired = setup.sign_in(&Browser::new(), "dan").await;
    assert_eq!(expired.status, 403, "{}", expired.body);
    assert!(expired.body.contains("gått ut"), "{}", expired.body);

    // Tokens a real provider would not hand this client, checked exactly as a sign-in does.
    let state = &setup.app.state;
    let pem = std::fs::read_to_string(format!("{}.pem", setup.keys("a.json").display())).unwrap();
    let kid = keys_json(&setup.keys("a.json"))["keys"][0]["kid"]
        .as_str()
        .unwrap()
        .to_owned();
    state.clock.advance(-chrono::Duration::minutes(10));
    let check = |token: String, nonce: &'static str| {
        let slug = setup.slug.clone();
        async move { noden_portal::auth::oidc::check_raw_id_token(state, &slug, &token, nonce).await }
    };
    let good = forged_token(&pem, &kid, &setup.issuer(), CLIENT_ID, "n-1");
    assert_eq!(
        check(good.clone(), "n-1").await.as_deref(),
        Ok("mallory"),
        "the provider's own key, right claims"
    );
    let other_audience = forged_token(&pem, &kid, &setup.issuer(), "another-client", "n-1");
    let refused = check(other_audience, "n-1").await.unwrap_err();
    assert!(refused.contains("annan mottagare"), "{refused}");
    let other_issuer = forged_token(&pem, &kid, "https://evil.example", CLIENT_ID, "n-1");
    assert!(
        check(other_issuer, "n-1")
            .await
            .unwrap_err()
            .contains("fel utfärdare")
    );
    assert!(
        check(good, "n-2")
            .await
            .unwrap_err()
            .contains("inloggningsförsöket"),
        "wrong nonce"
    );
}

/// The tester's addresses: a tab or line break that browsers drop, `//`, backslashes and their
/// encoded forms all lead home; a plain path is kept. Never a 500.
async fn after_sign_in_the_browser_returns_only_to_a_path_on_this_site(backend: Backend) {
    let setup = Setup::new(backend, Clock::System, 3600).await;
    let app = &setup.app;
    for (tillbaka, expected) in [
        ("%2F%09%2Fevil.example%2Fphish", "/"),
        ("%2F%0A%2Fx", "/"),
        ("%2F%0D%0A%2Fx", "/"),
        ("%2F%2Fevil.example", "/"),
        ("%2F%5Cevil.example", "/"),
        ("%2F%252F%252Fevil.example", "/"),
        ("https%3A%2F%2Fevil.example", "/"),
        ("%2Ftester%3Fsida%3D2", "/tester?sida=2"),
    ] {
        let browser = Browser::new();
        let callback = setup
            .until_callback_from(&browser, "anna.berg@nykoping.se", tillbaka)
            .await;
        let done = browser.get(&callback).await;
        assert_eq!(done.status, 303, "{tillbaka}: {}", done.body);
        assert_eq!(
            done.location.as_deref(),
            Some(app.url(expected).as_str()),
            "{tillbaka}"
        );
    }
    // An old-style link with the same address only leads to the sign-in page.
    let browser = Browser::new();
    let old = browser
        .get(&app.url(&format!(
            "/logga-in/oidc/{}?tillbaka=%2F%09%2Fevil.example",
            setup.slug
        )))
        .await;
    assert_eq!(old.status, 303);
    assert_eq!(old.location.as_deref(), Some(app.url("/logga-in").as_str()));
}

/// Nyköping's provider says a Flen address is verified: Noden does not believe it. The account
/// it makes is Nyköping's without that address, and the address's own e-mailed link reaches a
/// Flen account, never the Nyköping one.
async fn a_provider_cannot_vouch_for_another_organisations_addresses(backend: Backend) {
    let smtp = crate::smtp::SmtpServer::start();
    let setup = Setup::from(TestApp::builder(backend).smtp(smtp.port), 3600).await;
    let app = &setup.app;
    crate::sign_in::register_domain(app, "0482", "flen.se").await;
    crate::sign_in::register_domain(app, "0480", "nykoping.se").await;

    let through_provider = Browser::new();
    let done = setup.sign_in(&through_provider, "ulla@flen.se").await;
    assert_eq!(done.status, 303, "{}", done.body);
    let account = through_provider.get(&app.url("/konto")).await;
    assert!(
        account.body.contains("Nyköpings kommun"),
        "{}",
        account.body
    );
    assert!(!account.body.contains("Flens kommun"), "{}", account.body);
    let users = noden_portal::auth::entity::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].email, None, "the foreign address is not stored");

    let by_link = crate::sign_in::sign_in(app, &smtp, "ulla@flen.se").await;
    let account = by_link.get(&app.url("/konto")).await;
    assert_eq!(account.status, 200);
    assert!(account.body.contains("Flens kommun"), "{}", account.body);
    assert!(
        !account.body.contains("Nyköpings kommun"),
        "{}",
        account.body
    );
    let users = noden_portal::auth::entity::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(users.len(), 2, "a separate Flen account: {users:?}");

    // An account made before addresses were checked keeps its foreign address, but that
    // address's link does not lead into it.
    let nykoping_user = users
        .iter()
        .find(|u| u.email.is_none())
        .expect("the provider's account")
        .clone();
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let mut legacy = nykoping_user.into_active_model();
    legacy.email = Set(Some("bo@flen.se".to_owned()));
    legacy.update(&app.state.db).await.unwrap();
    let browser = Browser::new();
    let sent = crate::sign_in::ask_for_link(app, &browser, "bo@flen.se").await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let link =
        crate::smtp::sign_in_link(&crate::sign_in::mail_to(app, &smtp, "bo@flen.se", 0).await);
    let refused = crate::sign_in::use_link(&browser, &link).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains("annan organisation"),
        "{}",
        refused.body
    );
    assert_eq!(browser.get(&app.url("/konto")).await.status, 401);
}

/// A report that embeds the provider's start address makes no attempt for its readers; only
/// the button on the sign-in page starts one.
async fn starting_a_sign_in_takes_a_button_press(backend: Backend) {
    let setup = Setup::new(backend, Clock::System, 3600).await;
    let app = &setup.app;
    let attempts = || async {
        noden_portal::auth::entity::oidc_login::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    let embedded = format!("/logga-in/oidc/{}", setup.slug);
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/reports",
            &serde_json::json!({
                "title": "Bildtest",
                "body": format!("Se bilden: ![logga]({embedded}) <img src=\"{embedded}\" alt=\"x\">"),
                "kind": "testrapport",
                "organisation": "0480",
                "visibility": "public",
            }),
            true,
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let browser = Browser::new();
    let report = browser
        .get(&app.url(&format!("/rapporter/{}", created["slug"].as_str().unwrap())))
        .await;
    assert_eq!(report.status, 200);
    assert!(report.body.contains("Se bilden"), "{}", report.body);
    assert!(
        !report.body.contains(&format!("src=\"{embedded}")),
        "the image address is dropped: {}",
        report.body
    );
    // A browser that loads the address anyway is only sent to the sign-in page.
    let visit = browser.get(&app.url(&embedded)).await;
    assert_eq!(visit.status, 303);
    assert_eq!(
        visit.location.as_deref(),
        Some(app.url("/logga-in").as_str())
    );
    assert!(
        !visit.headers.contains_key("set-cookie"),
        "{:?}",
        visit.headers
    );
    assert_eq!(attempts().await, 0, "no attempt recorded");
    // Without the page's token, a posted start is refused.
    let forged = browser
        .post(
            &app.url(&embedded),
            &[("csrf", "gissad"), ("tillbaka", "/")],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(attempts().await, 0);
    let pressed = setup.start(&browser, "").await;
    assert_eq!(pressed.status, 303);
    assert!(browser.cookie(&app.base, "noden_oidc").is_some());
    assert_eq!(attempts().await, 1);
}

/// A provider whose discovery document points its keys at the cloud metadata address: Noden
/// never fetches them, the sign-in fails in Swedish, and further clicks do not ask the provider
/// again until the backoff has passed. Issuer addresses inside the network are refused when an
/// administrator registers them.
async fn keys_at_a_refused_address_are_never_fetched_and_failures_back_off(backend: Backend) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let app = TestApp::new(backend.clone()).await;
    let asked = Arc::new(AtomicUsize::new(0));
    let port = free_port();
    let issuer = format!("http://127.0.0.1:{port}");
    let document = serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/auth"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": "http://169.254.169.254/latest/meta-data/keys",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    })
    .to_string();
    let counter = asked.clone();
    let server = actix_web::HttpServer::new(move || {
        let document = document.clone();
        let counter = counter.clone();
        actix_web::App::new().default_service(actix_web::web::to(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            let document = document.clone();
            async move {
                actix_web::HttpResponse::Ok()
                    .content_type("application/json")
                    .body(document)
            }
        }))
    })
    .workers(1)
    .bind(("127.0.0.1", port))
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let nykoping = app.organisation("0480");
    noden_portal::auth::domains::set_provider(
        &app.state,
        &By::command("test"),
        nykoping.id,
        noden_portal::auth::domains::ProviderInput {
            issuer: issuer.clone(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
        },
    )
    .await
    .unwrap();
    let browser = Browser::new();
    for click in 0..3 {
        let page = browser.get(&app.url("/logga-in")).await;
        let answer = browser
            .post(
                &app.url(&format!("/logga-in/oidc/{}", nykoping.slug)),
                &[("csrf", &page.csrf()), ("tillbaka", "/")],
            )
            .await;
        assert_eq!(answer.status, 503, "click {click}: {}", answer.body);
        assert!(
            answer.body.contains("<html"),
            "a Swedish page: {}",
            answer.body
        );
    }
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "the provider was asked once, then left alone during the backoff"
    );
    handle.stop(false).await;

    // The strict portal (no loopback) refuses issuers inside the network when they are set.
    let strict = TestApp::builder(backend)
        .settings(|s| s.outbound_allow_loopback = false)
        .start()
        .await;
    let organisation = strict.organisation("0482").id;
    for refused in [
        "https://169.254.169.254",
        "https://10.0.0.1",
        "http://localhost",
        "http://[::1]",
        "http://127.1",
        "https://127.0.0.1:8443",
        "https://[fd00:ec2::254]",
    ] {
        let result = noden_portal::auth::domains::set_provider(
            &strict.state,
            &By::command("test"),
            organisation,
            noden_portal::auth::domains::ProviderInput {
                issuer: refused.to_owned(),
                client_id: "x".to_owned(),
                client_secret: "y".to_owned(),
            },
        )
        .await;
        match result {
            Err(noden_portal::error::AppError::Invalid(issues)) => {
                assert_eq!(issues[0].field, "issuer", "{refused}: {issues:?}")
            }
            other => panic!("{refused} was accepted: {other:?}"),
        }
    }
}
