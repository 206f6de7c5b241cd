//! Who this node is to its peers: a name, a county, a public address and an Ed25519 key pair.
//!
//! The key is `NODEN_FEDERATION_KEY` when the operator gives one (then it lives outside the
//! database and its backups); otherwise it is made at first start and kept in `node_secrets`
//! under [`KEY_NAME`], so every instance on the database signs with the same key. The secret
//! half never leaves this module but as a [`Keypair`], whose `Debug` shows no key material.
//!
//! `GET /.well-known/noden` publishes the [`NodeDocument`]: what a peer's administrator fetches
//! before trusting this node, comparing the key's fingerprint with what they were told by
//! phone or mail.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::signature::Keypair;
use crate::config::Settings;
use crate::error::AppError;

/// The name of the signing key in `node_secrets`.
pub const KEY_NAME: &str = "federation-ed25519";
/// The federation protocol this node speaks; a peer speaking another is refused.
pub const PROTOCOL: &str = "noden-federation/1";
/// Where the node document is published.
pub const WELL_KNOWN: &str = "/.well-known/noden";
/// The feed peers pull.
pub const FEED: &str = "/federation/v1/changes";
/// The path of the inventory (ids and hashes of what is shared) the reconciliation compares.
pub const INVENTORY: &str = "/federation/v1/inventory";
/// The path that answers named items as they are now.
pub const ITEMS: &str = "/federation/v1/items";

/// The node's key pair: the configured one, or the one in the database (made now when there
/// is none yet).
pub async fn keypair<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Keypair, AppError> {
    if let Some(configured) = &settings.federation_key {
        return Keypair::from_base64(configured.expose_secret()).map_err(|e| {
            AppError::internal(format!("NODEN_FEDERATION_KEY is not a usable key: {e}"))
        });
    }
    let seed = crate::auth::secret::node_key(db, KEY_NAME, now).await?;
    Keypair::from_base64(&STANDARD.encode(seed))
        .map_err(|e| AppError::internal(format!("the stored federation key is unusable: {e}")))
}

/// What a node says of itself at `/.well-known/noden`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NodeDocument {
    /// The federation protocol and its version: `noden-federation/1`.
    pub protocol: String,
    /// The node's name, e.g. "Noden Sörmland".
    pub name: String,
    /// The two-digit code of the county the node serves, e.g. "04".
    pub county: String,
    /// The node's public address, without a trailing slash.
    pub url: String,
    /// The id its signatures name (`keyid`).
    pub key_id: String,
    /// The algorithm of its key: `ed25519`.
    pub algorithm: String,
    /// The raw 32-byte Ed25519 public key, base64.
    pub public_key: String,
    /// The SHA-256 of the public key as hex pairs, for people to compare.
    pub fingerprint: String,
    /// The change feed a trusted peer pulls.
    pub feed: String,
    /// The software and its version, e.g. "noden 0.1.0".
    pub software: String,
}

impl NodeDocument {
    /// This node's document.
    pub fn of(settings: &Settings, key: &Keypair) -> NodeDocument {
        NodeDocument {
            protocol: PROTOCOL.to_owned(),
            name: settings.node_name.clone(),
            county: settings.node_county.clone(),
            url: base_url(&settings.public_url),
            key_id: key.key_id(),
            algorithm: "ed25519".to_owned(),
            public_key: key.public_base64(),
            fingerprint: key.fingerprint(),
            feed: settings.public_link(FEED),
            software: format!("noden {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A node's address as peers compare it: scheme, host and port as `url` parses them, and the
/// path without its trailing slash (`https://noden.example.se`, `http://127.0.0.1:8081`).
pub fn base_url(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(parsed) => {
            let path = parsed.path().trim_end_matches('/').to_owned();
            format!("{}{path}", parsed.origin().ascii_serialization())
        }
        Err(_) => url.trim().trim_end_matches('/').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_without_trailing_slash_default_port_or_case() {
        assert_eq!(
            base_url("https://Noden.Example.se:443/"),
            "https://noden.example.se"
        );
        assert_eq!(
            base_url("http://127.0.0.1:8081/noden/"),
            "http://127.0.0.1:8081/noden"
        );
        assert_ne!(
            base_url("https://noden.example.se"),
            base_url("https://noden.example.se.evil.example")
        );
    }
}
