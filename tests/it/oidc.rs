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
        let app = TestApp::builder(backend).clock(clock).start().await;
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

    /// Starts a sign-in in `browser` as `who` and follows the provider's redirects up to the
    /// portal's callback address, which is returned unvisited.
    async fn until_callback(&self, browser: &Browser, who: &str) -> String {
        let start = browser
            .get(&self.app.url(&format!("/logga-in/oidc/{}", self.slug)))
            .await;
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
            .contains(&format!("href=\"/logga-in/oidc/{}\"", setup.slug))
            && page.body.contains("Nyköpings kommun"),
        "the sign-in page offers the organisation"
    );

    let start = browser
        .get(&app.url(&format!("/logga-in/oidc/{}", setup.slug)))
        .await;
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
    browser
        .get(&app.url(&format!("/logga-in/oidc/{}", setup.slug)))
        .await;
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
