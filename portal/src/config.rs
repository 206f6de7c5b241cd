//! Typed settings: built-in defaults < `noden.toml` < `NODEN_*` environment < command-line flags.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// The portal's settings. Every key has a default, so an empty `noden.toml` is valid.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address the HTTP server listens on.
    pub bind: String,
    /// Where the SQLite file, the search index and the mail outbox live.
    pub data_dir: PathBuf,
    /// PostgreSQL (or SQLite) URL; when unset, a SQLite file in `data_dir` is used.
    pub database_url: Option<String>,
    /// Folder with organisations, categories and demo documents (see content/README.md).
    pub content_dir: PathBuf,
    /// Load `content_dir` into an empty database on start-up.
    pub load_content_on_first_start: bool,
    /// Bearer token for write requests to the API (only from the environment: `NODEN_ADMIN_TOKEN`).
    #[serde(skip_serializing)]
    pub admin_token: Option<SecretString>,
    /// `text` (human-readable) or `json` logs.
    pub log_format: LogFormat,
    /// Upper limit for a document's Markdown body, in bytes.
    pub markdown_max_bytes: usize,
    /// How often the indexer looks for changes written by other processes, in milliseconds.
    pub index_poll_ms: u64,
    /// The address users reach the portal at: used in e-mailed links and OpenID Connect
    /// redirect addresses. Cookies are marked Secure when it starts with `https://`. When it
    /// is not set, it follows `bind` (`http://` and the bound address, 127.0.0.1 for 0.0.0.0).
    pub public_url: String,
    /// The node's contact address, shown on `/kontakt` (where error pages send people).
    pub contact_email: String,
    /// A few words on `/kontakt` about what to write to the node about.
    pub contact_text: String,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: u64,
    /// A session ends this many hours after sign-in, however active.
    pub session_max_hours: u64,
    /// Sign-in links one e-mail address may ask for per hour.
    pub sign_in_links_per_address_per_hour: u32,
    /// Sign-in attempts (links asked for, links used, provider sign-ins) per client address per hour.
    pub sign_ins_per_client_per_hour: u32,
    /// Writes (forms and API) per client address per minute.
    pub writes_per_client_per_minute: u32,
    /// Markdown previews one user (or the node's token) may ask for per minute.
    pub previews_per_user_per_minute: u32,
    /// Let outgoing requests (identity providers, later peer nodes) reach loopback addresses.
    /// Only for tests and development: production providers are never on this machine.
    pub outbound_allow_loopback: bool,
    /// `outbox` (write each message as an .eml file under data_dir/outbox and log it), `smtp`,
    /// or `memory` (kept in the process; for tests only).
    pub mail_transport: MailTransport,
    /// Sender of the node's e-mail.
    pub mail_from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `starttls`, `tls` (implicit TLS, usually port 465) or `none` (only for a local relay).
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    /// Only from the environment: `NODEN_SMTP_PASSWORD`.
    #[serde(skip_serializing)]
    pub smtp_password: Option<SecretString>,
    /// Whether this instance runs background jobs (mail delivery, reminders). Every instance
    /// may; set false for one that should only answer requests.
    pub run_jobs: bool,
    /// How often the job runner looks for due jobs written or retried elsewhere, in
    /// milliseconds (it also wakes at once when this instance queues one).
    pub jobs_poll_ms: u64,
    /// How many jobs one instance runs at once (on PostgreSQL at most half its pool of
    /// connections, so each job can read beside its transaction).
    pub jobs_concurrency: usize,
    /// Where attached files live: `local` (files under `blob_dir`) or `s3` (an S3-compatible
    /// bucket, shared by several instances; needs a build with the `s3` feature).
    pub blob_store: crate::blobs::StoreKind,
    /// The folder of the `local` store; unset: `data_dir/blobs`.
    pub blob_dir: Option<PathBuf>,
    /// The bucket of the `s3` store.
    pub s3_bucket: String,
    /// The S3-compatible service's address (MinIO, Garage, a cloud provider); unset: AWS.
    pub s3_endpoint: Option<String>,
    pub s3_region: String,
    /// Allow an `http://` endpoint (a store on the same private network only).
    pub s3_allow_http: bool,
    /// Only from the environment: `NODEN_S3_ACCESS_KEY_ID` (else `AWS_ACCESS_KEY_ID`).
    #[serde(skip_serializing)]
    pub s3_access_key_id: Option<SecretString>,
    /// Only from the environment: `NODEN_S3_SECRET_ACCESS_KEY` (else `AWS_SECRET_ACCESS_KEY`).
    #[serde(skip_serializing)]
    pub s3_secret_access_key: Option<SecretString>,
    /// The largest file one may attach, in bytes.
    pub attachment_max_bytes: usize,
    /// The largest photo a field report takes, in bytes (each of up to six).
    pub photo_max_bytes: usize,
    /// A report, trial or catalogue entry neither edited nor confirmed for this many months is
    /// marked "Kan vara inaktuell", and its owner is reminded (see `freshness`).
    pub stale_after_months: u32,
    /// The prefix of the Open Contracting IDs in the OCDS export of joint procurements:
    /// `ocid` is `<prefix>-<procurement id>`. Publishing for real, register a prefix with the
    /// Open Contracting Partnership (they look like `ocds-213czf`) and set it here.
    pub ocds_prefix: String,
    /// This node's name, as peer nodes and the open-data catalogue show it ("Från <name>").
    pub node_name: String,
    /// The two-digit code of the county this node serves ("04" is Södermanland). Read from
    /// the environment, `NODEN_NODE_COUNTY=04` looks like a number: it is taken as the code.
    #[serde(deserialize_with = "county_code")]
    pub node_county: String,
    /// How often each peer node's feed is pulled, in seconds.
    pub federation_pull_seconds: u64,
    /// Let peer nodes be reached over plain http on 127.0.0.0/8, for two nodes on one
    /// machine in tests and trials; never in production.
    pub federation_allow_http_loopback: bool,
    /// The node's Ed25519 signing key (32 bytes, base64), only from the environment:
    /// `NODEN_FEDERATION_KEY`. Unset: a key is made at first start and kept in the database.
    #[serde(skip_serializing)]
    pub federation_key: Option<SecretString>,
    /// The proxies (addresses or networks) in front of the portal. Only when the connection
    /// comes from one of them is the client's address taken from `Forwarded` (else
    /// `X-Forwarded-For`), read from the right; rate limits, the audit trail and
    /// `metrics_allow` use that address. Empty: the connection's peer is the client.
    #[serde(deserialize_with = "networks")]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Addresses or networks (`10.1.2.3`, `10.0.0.0/8`) that may read `GET /metrics` without
    /// a token; this machine by default.
    #[serde(deserialize_with = "networks")]
    pub metrics_allow: Vec<ipnet::IpNet>,
    /// The bearer token that lets any other address read `GET /metrics`, only from the
    /// environment: `NODEN_METRICS_TOKEN`. Unset: only `metrics_allow` may.
    #[serde(skip_serializing)]
    pub metrics_token: Option<SecretString>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    #[default]
    Outbox,
    Smtp,
    Memory,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    #[default]
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            content_dir: PathBuf::from("content"),
            load_content_on_first_start: true,
            admin_token: None,
            log_format: LogFormat::Text,
            markdown_max_bytes: 64 * 1024,
            index_poll_ms: 1000,
            public_url: "http://127.0.0.1:8080".to_owned(),
            contact_email: "noden@localhost".to_owned(),
            contact_text: "Skriv till oss om du har frågor om Noden, behöver hjälp med ditt konto eller har hittat något som inte fungerar.".to_owned(),
            session_idle_minutes: 8 * 60,
            session_max_hours: 7 * 24,
            sign_in_links_per_address_per_hour: 5,
            sign_ins_per_client_per_hour: 30,
            writes_per_client_per_minute: 120,
            previews_per_user_per_minute: 60,
            outbound_allow_loopback: false,
            mail_transport: MailTransport::Outbox,
            mail_from: "Noden <noden@localhost>".to_owned(),
            smtp_host: "localhost".to_owned(),
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            run_jobs: true,
            jobs_poll_ms: 5000,
            jobs_concurrency: 4,
            blob_store: crate::blobs::StoreKind::Local,
            blob_dir: None,
            s3_bucket: String::new(),
            s3_endpoint: None,
            s3_region: "us-east-1".to_owned(),
            s3_allow_http: false,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            attachment_max_bytes: 10 * 1024 * 1024,
            photo_max_bytes: 15 * 1024 * 1024,
            stale_after_months: 18,
            ocds_prefix: "ocds-noden".to_owned(),
            node_name: "Noden Sörmland".to_owned(),
            node_county: "04".to_owned(),
            federation_pull_seconds: 300,
            federation_allow_http_loopback: false,
            federation_key: None,
            trusted_proxies: Vec::new(),
            metrics_allow: vec![
                ipnet::IpNet::from(std::net::IpAddr::from([127, 0, 0, 1])),
                ipnet::IpNet::from(std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST)),
            ],
            metrics_token: None,
        }
    }
}

/// A county code written as text ("04") or as a number (4, as `NODEN_NODE_COUNTY=04` reads).
fn county_code<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Text(String),
        Number(u8),
    }
    Ok(match Code::deserialize(deserializer)? {
        Code::Text(text) => text,
        Code::Number(n) => format!("{n:02}"),
    })
}

/// Networks written as addresses (`10.1.2.3`, one address) or in CIDR notation (`10.0.0.0/8`).
fn networks<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<ipnet::IpNet>, D::Error> {
    Vec::<String>::deserialize(deserializer)?
        .iter()
        .map(|text| {
            let text = text.trim();
            text.parse::<ipnet::IpNet>()
                .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    serde::de::Error::custom(format!(
                        "{text:?} is neither an address nor a network like 10.0.0.0/8"
                    ))
                })
        })
        .collect()
}

/// Raised when configuration cannot be read; the message names the key.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(#[source] Box<figment::Error>);

/// Values given on the command line; they win over everything else.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

impl Settings {
    /// Loads settings from defaults, the TOML file (if it exists), the environment and `overrides`.
    ///
    /// `DATABASE_URL` is honoured as well as `NODEN_DATABASE_URL`; the prefixed name wins.
    /// `public_url`, when none of them sets it, follows `bind`, so links and messages name
    /// the address the portal is really served on.
    pub fn load(config_file: &Path, overrides: &Overrides) -> Result<Self, ConfigError> {
        let mut settings: Settings = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Self::sources(config_file, overrides))
            .extract()
            .map_err(|e| ConfigError(Box::new(e)))?;
        if Self::sources(config_file, overrides)
            .find_value("public_url")
            .is_err()
        {
            settings.public_url = url_of_bind(&settings.bind);
        }
        Ok(settings)
    }

    /// Everything but the defaults.
    fn sources(config_file: &Path, overrides: &Overrides) -> Figment {
        Figment::from(Toml::file(config_file))
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database_url".into()),
            )
            // NODEN_CONFIG names the file; NODEN_TEST_* belong to the test harness.
            .merge(Env::prefixed("NODEN_").filter(|key| {
                let key = key.as_str().to_ascii_lowercase();
                key != "config" && !key.starts_with("test_")
            }))
            .merge(Serialized::defaults(overrides))
    }

    /// The database URL in effect: the configured one, or a SQLite file in the data directory.
    pub fn effective_database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("noden.sqlite3").display()
            ),
        }
    }

    /// Where the `outbox` mail transport writes messages.
    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// The folder of the local blob store.
    pub fn blob_dir(&self) -> PathBuf {
        self.blob_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("blobs"))
    }

    /// Whether users reach the portal over TLS, so cookies must be Secure.
    pub fn served_over_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The origin browsers send with forms from the portal's own pages (`scheme://host[:port]`),
    /// taken from `public_url` alone, never from what a request says its host is.
    pub fn public_origin(&self) -> String {
        url::Url::parse(&self.public_url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_else(|_| self.public_url.trim_end_matches('/').to_owned())
    }

    /// `public_url` without a trailing slash, followed by `path`.
    pub fn public_link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// The address a browser on this machine reaches a server bound to `bind` at.
fn url_of_bind(bind: &str) -> String {
    let bind = bind.trim();
    let local = match bind.rsplit_once(':') {
        Some(("0.0.0.0", port)) => format!("127.0.0.1:{port}"),
        Some(("[::]", port)) => format!("[::1]:{port}"),
        _ => bind.to_owned(),
    };
    format!("http://{local}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::result_large_err)]
    fn public_url_follows_bind_unless_set() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("noden.toml", "bind = \"0.0.0.0:3000\"")?;
            let s = Settings::load(Path::new("noden.toml"), &Overrides::default())
                .map_err(|e| e.to_string())?;
            assert_eq!(s.public_url, "http://127.0.0.1:3000");
            let flags = Overrides {
                bind: Some("127.0.0.1:4444".into()),
                ..Default::default()
            };
            let s = Settings::load(Path::new("noden.toml"), &flags).map_err(|e| e.to_string())?;
            assert_eq!(s.public_url, "http://127.0.0.1:4444");
            jail.set_env("NODEN_PUBLIC_URL", "https://noden.example.se");
            jail.set_env("NODEN_NODE_COUNTY", "04");
            let s = Settings::load(Path::new("noden.toml"), &flags).map_err(|e| e.to_string())?;
            assert_eq!(s.public_url, "https://noden.example.se");
            assert_eq!(s.node_county, "04", "a county code is read as text");
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn metrics_addresses_are_networks_or_single_addresses() {
        figment::Jail::expect_with(|jail| {
            jail.set_env(
                "NODEN_METRICS_ALLOW",
                r#"["10.0.0.0/8", "192.168.1.5", "fd00::/8"]"#,
            );
            let s = Settings::load(Path::new("noden.toml"), &Overrides::default())
                .map_err(|e| e.to_string())?;
            let allowed = |ip: &str| {
                let ip: std::net::IpAddr = ip.parse().unwrap_or(std::net::IpAddr::from([0; 4]));
                s.metrics_allow.iter().any(|net| net.contains(&ip))
            };
            assert!(allowed("10.20.30.40") && allowed("192.168.1.5") && allowed("fd00::1"));
            assert!(!allowed("192.168.1.6") && !allowed("127.0.0.1"));
            jail.set_env("NODEN_METRICS_ALLOW", r#"["10.0.0.0/33"]"#);
            let err = Settings::load(Path::new("noden.toml"), &Overrides::default())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                err.to_lowercase().contains("metrics_allow") && err.contains("10.0.0.0/33"),
                "{err}"
            );
            Ok(())
        });
    }

    #[test]
    fn example_config_matches_the_defaults() {
        let example = include_str!("../../noden.example.toml");
        let from_example: Settings = Figment::from(Toml::string(example))
            .extract()
            .unwrap_or_else(|e| panic!("noden.example.toml does not parse: {e}"));
        let defaults = Settings::default();
        assert_eq!(
            serde_json::to_value(&from_example).unwrap_or_default(),
            serde_json::to_value(&defaults).unwrap_or_default(),
            "noden.example.toml must list the built-in defaults"
        );
    }

    #[test]
    fn unknown_keys_are_refused_with_their_name() {
        let err = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::string("bnd = \"0.0.0.0:1\""))
            .extract::<Settings>()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("bnd"), "error should name the key: {err}");
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn environment_beats_file_and_flags_beat_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "noden.toml",
                "bind = \"127.0.0.1:1111\"\ndata_dir = \"filedata\"",
            )?;
            jail.set_env("NODEN_BIND", "127.0.0.1:2222");
            jail.set_env("DATABASE_URL", "postgres://db/one");
            let s = Settings::load(Path::new("noden.toml"), &Overrides::default())
                .map_err(|e| e.to_string())?;
            assert_eq!(s.bind, "127.0.0.1:2222");
            assert_eq!(s.data_dir, PathBuf::from("filedata"));
            assert_eq!(s.database_url.as_deref(), Some("postgres://db/one"));
            let flags = Overrides {
                bind: Some("127.0.0.1:3333".into()),
                ..Default::default()
            };
            let s = Settings::load(Path::new("noden.toml"), &flags).map_err(|e| e.to_string())?;
            assert_eq!(s.bind, "127.0.0.1:3333");
            Ok(())
        });
    }
}
