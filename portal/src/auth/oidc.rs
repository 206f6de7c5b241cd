//! Sign-in through an organisation's OpenID Connect provider: discovery, authorization code
//! flow with PKCE, `state` and `nonce`, and an ID token checked against the provider's keys
//! (signature, `iss`, `aud`, `exp`, `nonce`).
//!
//! Mix-up defence: every provider has its own redirect address (`/logga-in/oidc/{slug}/klar`),
//! the attempt remembers which organisation it started for, and an `iss` parameter in the
//! authorization response must name that organisation's issuer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError,
    TokenResponse,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::entity::{identity_provider, oidc_login, user};
use super::{domains, secret, session, users};
use crate::audit::By;
use crate::error::AppError;
use crate::state::AppState;
use crate::unit::Unit;
use crate::web::i18n::Lang;

/// The cookie that binds an attempt to the browser that started it.
pub const COOKIE: &str = "noden_oidc";
/// How long a started sign-in may take at the provider.
const ATTEMPT_VALID_FOR: Duration = Duration::minutes(10);
/// How long discovered provider metadata (with its keys) is reused.
const METADATA_TTL: Duration = Duration::hours(1);

/// Provider metadata and keys, fetched once per issuer and refreshed when a token names a
/// key that is not known yet (key rotation).
#[derive(Clone, Default)]
pub struct Providers {
    cache: Arc<Mutex<HashMap<String, Discovered>>>,
}

/// Metadata with its keys, and when it was fetched.
type Discovered = (chrono::DateTime<chrono::Utc>, CoreProviderMetadata);

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Providers")
    }
}

/// The HTTP client openidconnect speaks through: Noden's one outbound client, which
/// refuses private addresses, follows no redirects and backs off from failed hosts.
type Sent<'a> = std::pin::Pin<
    Box<
        dyn std::future::Future<
                Output = Result<openidconnect::HttpResponse, crate::outbound::OutboundError>,
            > + 'a,
    >,
>;

fn http<'a>(
    outbound: &'a crate::outbound::Outbound,
) -> impl Fn(openidconnect::HttpRequest) -> Sent<'a> + 'a {
    move |request| Box::pin(outbound.send(request))
}

impl Providers {
    async fn metadata(
        &self,
        outbound: &crate::outbound::Outbound,
        issuer: &str,
        now: chrono::DateTime<chrono::Utc>,
        fresh: bool,
    ) -> Result<CoreProviderMetadata, AppError> {
        if !fresh {
            let cached = self.cache.lock().ok().and_then(|c| c.get(issuer).cloned());
            if let Some((at, metadata)) = cached
                && now - at < METADATA_TTL
            {
                return Ok(metadata);
            }
        }
        // A provider whose discovery failed (unreachable, or keys at a refused address) is
        // not asked again on every click, only when its backoff has passed.
        let key = format!("discovery {issuer}");
        outbound
            .backoff()
            .check(&key)
            .map_err(|e| AppError::Unavailable(format!("identity provider {issuer}: {e}")))?;
        let issuer_url = IssuerUrl::new(issuer.to_owned())
            .map_err(|e| AppError::Unavailable(format!("bad issuer URL {issuer}: {e}")))?;
        let discovered = CoreProviderMetadata::discover_async(issuer_url, &http(outbound)).await;
        outbound.backoff().note(&key, discovered.is_ok());
        let metadata = discovered.map_err(|e| {
            tracing::warn!(issuer, error = %e, "identity provider discovery failed");
            AppError::Unavailable(format!("identity provider {issuer} unreachable"))
        })?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(issuer.to_owned(), (now, metadata.clone()));
        }
        Ok(metadata)
    }
}

/// The redirect address of `slug`'s provider: one per organisation (mix-up defence).
pub fn redirect_path(slug: &str) -> String {
    format!("/logga-in/oidc/{slug}/klar")
}

async fn provider_for(
    state: &AppState,
    slug: &str,
) -> Result<(Uuid, identity_provider::Model), AppError> {
    let organisation_id = state
        .catalog
        .get()
        .organisation_by_slug(slug)
        .map(|o| o.id)
        .ok_or(AppError::NotFound("organisationen"))?;
    let provider = domains::provider_of(&state.db, organisation_id)
        .await?
        .ok_or(AppError::NotFound("organisationens inloggning"))?;
    Ok((organisation_id, provider))
}

fn client_for(
    state: &AppState,
    slug: &str,
    provider: &identity_provider::Model,
    metadata: CoreProviderMetadata,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    AppError,
> {
    let redirect = RedirectUrl::new(state.settings.public_link(&redirect_path(slug)))
        .map_err(|e| AppError::internal_from("redirect URL", e))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Starts a sign-in: records the attempt and returns the provider's authorization address
/// and the value of the browser-binding cookie.
pub async fn begin(
    state: &AppState,
    slug: &str,
    return_to: &str,
) -> Result<(String, String), AppError> {
    let (organisation_id, provider) = provider_for(state, slug).await?;
    let now = state.clock.now();
    let metadata = state
        .providers
        .metadata(&state.outbound, &provider.issuer, now, false)
        .await?;
    let client = client_for(state, slug, &provider, metadata)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .add_scope(Scope::new("profile".to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    let unit = Unit::begin(state, &By::visitor("inloggning", None)).await?;
    oidc_login::ActiveModel {
        state_hash: Set(secret::hash(csrf.secret())),
        organisation_id: Set(organisation_id),
        nonce: Set(nonce.secret().clone()),
        pkce_verifier: Set(verifier.secret().clone()),
        return_to: Set(crate::web::local_return(return_to)),
        created_at: Set(now),
        expires_at: Set(now + ATTEMPT_VALID_FOR),
        used_at: Set(None),
    }
    .insert(unit.db())
    .await?;
    unit.commit().await?;
    Ok((url.to_string(), csrf.secret().clone()))
}

/// What the provider sent back to the redirect address.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The result of a completed sign-in.
pub struct SignedIn {
    pub user: user::Model,
    pub session: String,
    pub return_to: String,
}

/// Finishes a sign-in at the redirect address of `slug`.
#[tracing::instrument(skip_all, fields(slug))]
pub async fn finish(
    state: &AppState,
    slug: &str,
    callback: Callback,
    browser_state: Option<String>,
    client_addr: Option<String>,
    previous_session: Option<&str>,
) -> Result<SignedIn, AppError> {
    state.limits.sign_in_from(client_addr.as_deref())?;
    let by = By::visitor(&format!("inloggning via {slug}"), client_addr.clone());
    match complete(
        state,
        slug,
        callback,
        browser_state,
        client_addr,
        previous_session,
    )
    .await
    {
        Ok(done) => Ok(done),
        Err(refusal) => {
            // The audit trail and the log keep the reason in Swedish; the reader gets it in
            // their language.
            let why = refusal.text(Lang::Sv);
            let target = format!("oidc:{slug}");
            Unit::audit_alone(state, &by, "signin.failed", &target, &why).await?;
            tracing::warn!(slug, why, "provider sign-in refused");
            Err(AppError::Forbidden(crate::web::i18n::t_with(
                "auth-error-sign-in-refused",
                "why",
                &refusal.text(crate::web::i18n::lang()),
            )))
        }
    }
}

/// A reason to refuse a sign-in, safe to show: a catalogue key and the values put into it.
struct Refusal {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Refusal {
    /// The reason in `lang`.
    fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, value.as_str().into()))
            .collect();
        crate::web::i18n::text_with(lang, self.key, &args)
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        if !matches!(e, AppError::NotFound(_)) {
            tracing::warn!(error = ?e, "provider sign-in failed");
        }
        let key = match e {
            AppError::Unavailable(_) => "auth-error-oidc-unavailable",
            AppError::NotFound(_) => "auth-error-oidc-no-sign-in",
            _ => "auth-error-oidc-unexpected",
        };
        Refusal {
            key,
            args: Vec::new(),
        }
    }
}

/// Refuses with the catalogue key `key`.
fn refuse<T>(key: &'static str) -> Result<T, Refusal> {
    Err(Refusal {
        key,
        args: Vec::new(),
    })
}

async fn complete(
    state: &AppState,
    slug: &str,
    callback: Callback,
    browser_state: Option<String>,
    client_addr: Option<String>,
    previous_session: Option<&str>,
) -> Result<SignedIn, Refusal> {
    if let Some(error) = &callback.error {
        let text = callback.error_description.clone().unwrap_or_default();
        return Err(Refusal {
            key: "auth-error-oidc-provider-error",
            args: vec![("error", error.clone()), ("description", text)],
        });
    }
    let (Some(code), Some(returned_state)) = (callback.code, callback.state) else {
        return refuse("auth-error-oidc-no-code");
    };
    let bound = browser_state.is_some_and(|b| secret::same(&b, &returned_state));
    if !bound {
        return refuse("auth-error-oidc-other-browser");
    }
    let (organisation_id, provider) = provider_for(state, slug).await?;
    if let Some(iss) = &callback.iss
        && iss.trim_end_matches('/') != provider.issuer.trim_end_matches('/')
    {
        return refuse("auth-error-oidc-other-issuer");
    }
    let now = state.clock.now();
    // Take the attempt once: a replayed state finds it used.
    let hash = secret::hash(&returned_state);
    let visitor = By::visitor("inloggning", client_addr.clone());
    let unit = Unit::begin(state, &visitor).await.map_err(AppError::from)?;
    let txn = unit.db();
    let taken = oidc_login::Entity::update_many()
        .col_expr(oidc_login::Column::UsedAt, Some(now).into())
        .filter(oidc_login::Column::StateHash.eq(hash.clone()))
        .filter(oidc_login::Column::UsedAt.is_null())
        .filter(oidc_login::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await
        .map_err(AppError::from)?;
    let attempt = oidc_login::Entity::find_by_id(hash)
        .one(txn)
        .await
        .map_err(AppError::from)?;
    unit.commit().await?;
    let Some(attempt) = attempt.filter(|_| taken.rows_affected == 1) else {
        return refuse("auth-error-oidc-attempt-spent");
    };
    if attempt.organisation_id != organisation_id {
        return refuse("auth-error-oidc-wrong-address");
    }
    let metadata = state
        .providers
        .metadata(&state.outbound, &provider.issuer, now, false)
        .await?;
    let client = client_for(state, slug, &provider, metadata)?;
    let Ok(request) = client.exchange_code(AuthorizationCode::new(code)) else {
        return refuse("auth-error-oidc-no-token-address");
    };
    let response = match request
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier.clone()))
        .request_async(&http(&state.outbound))
        .await
    {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, "token request failed");
            return refuse("auth-error-oidc-code-refused");
        }
    };
    let Some(id_token) = response.id_token() else {
        return refuse("auth-error-oidc-no-id-token");
    };
    let nonce = Nonce::new(attempt.nonce.clone());
    let claims = verify(state, slug, &provider, id_token, &nonce).await?;
    let subject = claims.subject().as_str().to_owned();
    let email = claims
        .email()
        .filter(|_| claims.email_verified().unwrap_or(false))
        .map(|e| e.as_str().to_owned());
    let name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.as_str().to_owned());
    let issuer = claims.issuer().as_str().to_owned();
    let mut unit = Unit::begin(state, &visitor).await.map_err(AppError::from)?;
    let txn = unit.db();
    let user =
        users::for_provider_identity(txn, now, &issuer, &subject, email, name, organisation_id)
            .await?;
    if user.disabled {
        return refuse("auth-error-oidc-account-disabled");
    }
    if user.organisation_id != organisation_id {
        return refuse("auth-error-oidc-other-organisation");
    }
    if let Some(old) = previous_session {
        session::end_raw(txn, old).await.map_err(AppError::from)?;
    }
    let raw = session::start(txn, state, &user, client_addr.clone()).await?;
    users::signed_in(txn, &user, now).await?;
    let by = By::visitor(
        &user.email.clone().unwrap_or_else(|| user.name.clone()),
        client_addr,
    );
    unit.audit_as(
        by,
        "signin",
        format!("user:{}", user.id),
        format!("oidc {issuer}"),
    );
    unit.commit().await?;
    Ok(SignedIn {
        user,
        session: raw,
        return_to: crate::web::local_return(&attempt.return_to),
    })
}

/// Checks an ID token: against the cached keys first, and once more against freshly fetched
/// keys when it names a key not seen before (the provider rotated its keys).
async fn verify(
    state: &AppState,
    slug: &str,
    provider: &identity_provider::Model,
    id_token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<CoreIdTokenClaims, Refusal> {
    let mut fresh = false;
    loop {
        let metadata = state
            .providers
            .metadata(&state.outbound, &provider.issuer, state.clock.now(), fresh)
            .await?;
        let client = client_for(state, slug, provider, metadata)?;
        let clock = state.clock.clone();
        let verifier = client.id_token_verifier().set_time_fn(move || clock.now());
        match id_token.claims(&verifier, nonce) {
            Ok(claims) => return Ok(claims.clone()),
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) if !fresh => fresh = true,
            Err(e) => {
                tracing::warn!(error = %e, "ID token refused");
                return refuse(refusal_key(&e));
            }
        }
    }
}

/// The catalogue key of the reason an ID token is refused.
fn refusal_key(e: &ClaimsVerificationError) -> &'static str {
    match e {
        ClaimsVerificationError::Expired(_) => "auth-error-oidc-token-expired",
        ClaimsVerificationError::InvalidAudience(_) => "auth-error-oidc-token-audience",
        ClaimsVerificationError::InvalidIssuer(_) => "auth-error-oidc-token-issuer",
        ClaimsVerificationError::InvalidNonce(_) => "auth-error-oidc-token-nonce",
        ClaimsVerificationError::SignatureVerification(_) => "auth-error-oidc-token-signature",
        _ => "auth-error-oidc-token-refused",
    }
}

/// Checks a raw ID token for `slug`'s provider exactly as a sign-in does; for tests that
/// present tokens a real provider would never issue (another key, another audience).
pub async fn check_raw_id_token(
    state: &AppState,
    slug: &str,
    raw: &str,
    nonce: &str,
) -> Result<String, String> {
    let (_, provider) = provider_for(state, slug).await.map_err(|e| e.to_string())?;
    let token: CoreIdToken = raw.parse().map_err(|e: serde_json::Error| e.to_string())?;
    match verify(
        state,
        slug,
        &provider,
        &token,
        &Nonce::new(nonce.to_owned()),
    )
    .await
    {
        Ok(claims) => Ok(claims.subject().as_str().to_owned()),
        Err(refusal) => Err(refusal.text(crate::web::i18n::lang())),
    }
}
