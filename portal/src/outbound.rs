//! The one outbound HTTP client: every request Noden sends to another server (identity
//! providers today, peer nodes later) goes through [`Outbound::send`].
//!
//! - Addresses are checked when the connection is made: a host name is resolved here and
//!   refused when any of its addresses is private, loopback, link-local (cloud metadata),
//!   shared, reserved or multicast; an IP literal is checked the same way. A setting allows
//!   loopback, for tests and development only.
//! - Redirects are never followed; answers are capped in size and time.
//! - A server that failed is not asked again until a backoff has passed (5 s, doubling, at
//!   most 10 minutes), so a visitor's click cannot make Noden hammer a dead or hostile host.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_tls::connect::{Connector as TcpConnector, Resolve, Resolver};

type LocalBoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

/// How long one request may take, connecting included.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read.
pub const MAX_BODY: usize = 1024 * 1024;
const FIRST_BACKOFF: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_secs(10 * 60);

/// Why an outgoing request was not made or did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    #[error("refused address: {0}")]
    Refused(String),
    #[error("{host} failed recently; next attempt in {wait_secs} s")]
    BackingOff { host: String, wait_secs: u64 },
    #[error("request failed: {0}")]
    Failed(String),
}

/// The outbound client's settings and its memory of failed hosts. Cheap to clone.
#[derive(Clone)]
pub struct Outbound {
    allow_loopback: bool,
    backoff: Backoff,
    /// Whether failed hosts are refused for a while. Off for callers that pace themselves
    /// (federation pulls keep a backoff per peer).
    remember_failures: bool,
}

/// What failed lately, by key (a host, an identity provider's discovery), and until when it
/// is not tried again: 5 s after the first failure, doubling, at most 10 minutes.
#[derive(Clone, Default)]
pub struct Backoff {
    failures: Arc<Mutex<HashMap<String, Failure>>>,
}

#[derive(Debug, Clone, Copy)]
struct Failure {
    count: u32,
    retry_at: Instant,
}

impl Backoff {
    /// Refuses `key` while its backoff runs.
    pub fn check(&self, key: &str) -> Result<(), OutboundError> {
        let now = Instant::now();
        let failures = self.failures.lock().map_err(|_| poisoned())?;
        match failures.get(key) {
            Some(f) if f.retry_at > now => Err(OutboundError::BackingOff {
                host: key.to_owned(),
                wait_secs: (f.retry_at - now).as_secs().max(1),
            }),
            _ => Ok(()),
        }
    }

    /// Notes how an attempt at `key` went: success forgets, failure lengthens the backoff.
    pub fn note(&self, key: &str, ok: bool) {
        let Ok(mut failures) = self.failures.lock() else {
            return;
        };
        if ok {
            failures.remove(key);
            return;
        }
        if failures.len() > 10_000 {
            let now = Instant::now();
            failures.retain(|_, f| f.retry_at > now);
        }
        let count = failures.get(key).map_or(0, |f| f.count) + 1;
        let backoff = FIRST_BACKOFF
            .saturating_mul(2u32.saturating_pow(count.saturating_sub(1).min(16)))
            .min(MAX_BACKOFF);
        failures.insert(
            key.to_owned(),
            Failure {
                count,
                retry_at: Instant::now() + backoff,
            },
        );
    }

    fn clear(&self) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.clear();
        }
    }
}

impl std::fmt::Debug for Outbound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbound")
            .field("allow_loopback", &self.allow_loopback)
            .finish_non_exhaustive()
    }
}

/// Whether Noden may connect to `ip`. Only public unicast addresses may be reached, and
/// loopback when `allow_loopback`.
pub fn allowed_ip(ip: IpAddr, allow_loopback: bool) -> bool {
    match ip {
        IpAddr::V4(v4) => allowed_v4(v4, allow_loopback),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return allowed_v4(v4, allow_loopback);
            }
            if v6.is_loopback() {
                return allow_loopback;
            }
            let first = v6.segments()[0];
            !(v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local (fd00:ec2::254 and the like)
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || first == 0x0064 && v6.segments()[1] == 0xff9b // NAT64 to any IPv4
                || first == 0x2002 // 6to4 wraps an IPv4 address
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || (first == 0x2001 && v6.segments()[1] == 0)) // Teredo
        }
    }
}

fn allowed_v4(ip: Ipv4Addr, allow_loopback: bool) -> bool {
    if ip.is_loopback() {
        return allow_loopback;
    }
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_link_local() // 169.254.0.0/16, cloud metadata
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240) // reserved
}

/// A resolver that hands the connector only addresses Noden may reach.
struct Guarded {
    allow_loopback: bool,
}

impl Resolve for Guarded {
    fn lookup<'a>(
        &'a self,
        host: &'a str,
        port: u16,
    ) -> LocalBoxFuture<'a, Result<Vec<SocketAddr>, Box<dyn StdError>>> {
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host, port)).await?.collect();
            if found.is_empty() {
                return Err(
                    Box::new(OutboundError::Failed(format!("{host} has no address")))
                        as Box<dyn StdError>,
                );
            }
            if let Some(bad) = found
                .iter()
                .find(|a| !allowed_ip(a.ip(), self.allow_loopback))
            {
                return Err(
                    Box::new(OutboundError::Refused(format!("{host} is {}", bad.ip())))
                        as Box<dyn StdError>,
                );
            }
            Ok(found)
        })
    }
}

/// The host of `url` as an IP address, when it is written as one (`127.0.0.1`, `[::1]`).
fn literal_ip(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

impl Outbound {
    pub fn new(allow_loopback: bool) -> Outbound {
        Outbound {
            allow_loopback,
            backoff: Backoff::default(),
            remember_failures: true,
        }
    }

    /// The same client without the memory of failed hosts: for callers with a backoff of
    /// their own, so a host that is back is asked at their next turn.
    pub fn pacing_itself(mut self) -> Outbound {
        self.remember_failures = false;
        self
    }

    /// Refuses at once an address the client would never connect to: not http(s), or a host
    /// written as a forbidden IP address or named `localhost`. Host names are checked again,
    /// resolved, when a connection is made.
    pub fn check_url(&self, url: &url::Url) -> Result<(), OutboundError> {
        if !matches!(url.scheme(), "https" | "http") {
            return Err(OutboundError::Refused(format!(
                "scheme {} is not http(s)",
                url.scheme()
            )));
        }
        let host = match url.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                let local = name == "localhost" || name.ends_with(".localhost");
                if local && !self.allow_loopback {
                    return Err(OutboundError::Refused(format!("{name} is this machine")));
                }
                if url.scheme() == "http" && !local {
                    return Err(OutboundError::Refused(
                        "plain http only to this machine, in tests".to_owned(),
                    ));
                }
                return Ok(());
            }
            None => return Err(OutboundError::Refused("no host".to_owned())),
        };
        if !allowed_ip(host, self.allow_loopback) {
            return Err(OutboundError::Refused(format!("{host} is not public")));
        }
        if url.scheme() == "http" && !host.is_loopback() {
            return Err(OutboundError::Refused(
                "plain http only to this machine, in tests".to_owned(),
            ));
        }
        Ok(())
    }

    /// Forgets earlier failures, so the next request is tried at once (an administrator
    /// changed a provider's settings, say).
    pub fn forget_failures(&self) {
        self.backoff.clear();
    }

    /// The backoff shared by everything sent through this client, for callers that fail at
    /// a level above one request (an identity provider whose discovery is unusable).
    pub fn backoff(&self) -> &Backoff {
        &self.backoff
    }

    /// Sends one request and reads its answer. A 3xx answer is returned as it is, never
    /// followed; a failure to connect, a refused address or a timeout starts a backoff for
    /// the host.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, OutboundError> {
        let url = url::Url::parse(&request.uri().to_string())
            .map_err(|e| OutboundError::Refused(format!("bad URL: {e}")))?;
        let key = url.origin().ascii_serialization();
        if self.remember_failures {
            self.backoff.check(&key)?;
        }
        let result = self.send_checked(&url, request).await;
        // An answer, even an error status, means the host is there.
        if self.remember_failures {
            self.backoff.note(&key, result.is_ok());
        }
        if let Err(e) = &result {
            tracing::warn!(host = %key, error = %e, "outgoing request failed");
        }
        result
    }

    /// [`Outbound::send`] from any task: one that must be `Send` (a job on the queue) or one
    /// outside the web server's workers (a command). The HTTP client is single-threaded, so the
    /// request runs to its end on a blocking thread of the same runtime, in a local task set.
    pub async fn send_anywhere(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, OutboundError> {
        let me = self.clone();
        let handle = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || {
            let local = tokio::task::LocalSet::new();
            handle.block_on(local.run_until(me.send(request)))
        })
        .await
        .map_err(|e| OutboundError::Failed(format!("the request's thread failed: {e}")))?
    }

    async fn send_checked(
        &self,
        url: &url::Url,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, OutboundError> {
        self.check_url(url)?;
        if let Some(ip) = url.host_str().and_then(literal_ip)
            && !allowed_ip(ip, self.allow_loopback)
        {
            return Err(OutboundError::Refused(format!("{ip} is not public")));
        }
        let tcp = TcpConnector::new(Resolver::custom(Guarded {
            allow_loopback: self.allow_loopback,
        }))
        .service();
        let client = awc::Client::builder()
            // HTTP/1.1 only: h2 0.3 (in actix-http) has an advisory with no fix in its line
            // (RUSTSEC-2026-0258), and nothing Noden asks for needs HTTP/2.
            .connector(
                awc::Connector::new()
                    .connector(tcp)
                    .timeout(TIMEOUT)
                    .max_http_version(awc::http::Version::HTTP_11),
            )
            .timeout(TIMEOUT)
            .disable_redirects()
            .finish();
        let failed = |e: &dyn std::fmt::Display| OutboundError::Failed(e.to_string());
        let method = awc::http::Method::from_bytes(request.method().as_str().as_bytes())
            .map_err(|e| failed(&e))?;
        let mut outgoing = client.request(method, url.as_str());
        for (name, value) in request.headers() {
            outgoing = outgoing.insert_header((name.as_str(), value.as_bytes().to_vec()));
        }
        let mut response =
            outgoing
                .send_body(request.into_body())
                .await
                .map_err(|e| match refusal_in(&e) {
                    Some(refused) => OutboundError::Refused(refused),
                    None => failed(&e),
                })?;
        let body = response
            .body()
            .limit(MAX_BODY)
            .await
            .map_err(|e| failed(&e))?;
        let mut builder = http::Response::builder().status(response.status().as_u16());
        for (name, value) in response.headers() {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
        builder.body(body.to_vec()).map_err(|e| failed(&e))
    }
}

/// The refusal our resolver gave, if that is why the connection failed.
fn refusal_in(error: &(dyn StdError + 'static)) -> Option<String> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(OutboundError::Refused(why)) = e.downcast_ref::<OutboundError>() {
            return Some(why.clone());
        }
        current = e.source();
    }
    let text = error.to_string();
    text.contains("refused address")
        .then(|| text.replace("Failed resolving hostname: ", ""))
}

fn poisoned() -> OutboundError {
    OutboundError::Failed("outbound state poisoned".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_reachable() {
        for refused in [
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "fd00:ec2::254",
            "fe80::1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
        ] {
            let ip: IpAddr = refused.parse().unwrap();
            assert!(!allowed_ip(ip, false), "{refused} must be refused");
        }
        for public in ["193.44.6.1", "8.8.8.8", "2a00:1450:4010:c05::64"] {
            let ip: IpAddr = public.parse().unwrap();
            assert!(allowed_ip(ip, false), "{public} is public");
        }
        assert!(allowed_ip("127.0.0.1".parse().unwrap(), true));
        assert!(allowed_ip("::1".parse().unwrap(), true));
        assert!(!allowed_ip("10.0.0.1".parse().unwrap(), true));
    }

    #[test]
    fn urls_an_admin_may_not_aim_at_are_refused_before_any_request() {
        let strict = Outbound::new(false);
        for bad in [
            "https://169.254.169.254",
            "https://10.0.0.1",
            "http://localhost",
            "https://localhost./x",
            "https://sub.localhost",
            "http://[::1]",
            "http://127.1",
            "https://127.1",
            "https://2130706433",
            "https://0x7f.1",
            "ftp://idp.example",
            "http://idp.example",
        ] {
            let url = url::Url::parse(bad).unwrap();
            assert!(strict.check_url(&url).is_err(), "{bad} must be refused");
        }
        let url = url::Url::parse("https://idp.nykoping.se/realms/x").unwrap();
        assert!(strict.check_url(&url).is_ok());
        let testing = Outbound::new(true);
        let url = url::Url::parse("http://127.0.0.1:4444").unwrap();
        assert!(testing.check_url(&url).is_ok());
        let url = url::Url::parse("http://login.eskilstuna.se").unwrap();
        assert!(testing.check_url(&url).is_err(), "plain http elsewhere");
    }

    #[actix_web::test]
    async fn a_failed_host_is_not_asked_again_until_its_backoff_has_passed() {
        // Nothing listens on port 9 of this machine.
        let client = Outbound::new(true);
        let request = || {
            http::Request::builder()
                .uri("http://127.0.0.1:9/.well-known/openid-configuration")
                .body(Vec::new())
                .unwrap()
        };
        assert!(matches!(
            client.send(request()).await,
            Err(OutboundError::Failed(_))
        ));
        assert!(matches!(
            client.send(request()).await,
            Err(OutboundError::BackingOff { .. })
        ));
        client.forget_failures();
        assert!(matches!(
            client.send(request()).await,
            Err(OutboundError::Failed(_))
        ));
        let strict = Outbound::new(false);
        let refused = http::Request::builder()
            .uri("https://127.0.0.1:9/")
            .body(Vec::new())
            .unwrap();
        assert!(matches!(
            strict.send(refused).await,
            Err(OutboundError::Refused(_))
        ));
    }
}
