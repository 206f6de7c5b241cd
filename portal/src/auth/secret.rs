//! Random one-time secrets and the hashes they are stored under, and the node's own keys.
//!
//! Session ids, sign-in links, OIDC `state` values and access tokens are handed to the
//! client once; the database keeps only their SHA-256, so a leaked table opens nothing.
//!
//! The node's keys (the keys that sign e-mailed links ([`LinkKey`]), the federation signing key) are
//! 32 random bytes made on first use and kept in `node_secrets` by name, so every instance
//! on the database uses the same; whoever inserts one first wins and the others read it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::error::AppError;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// A secret of this node, shared by its instances.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "node_secrets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        /// URL-safe base64.
        pub value: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The node's key called `name`, made now (32 random bytes) when there is none yet. Safe for
/// every instance at once: the first insert wins, the others read it.
pub async fn node_key<C: ConnectionTrait>(
    db: &C,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    if let Some(key) = existing_node_key(db, name).await? {
        return Ok(key);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::internal_from("no randomness available", e))?;
    entity::Entity::insert(entity::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(URL_SAFE_NO_PAD.encode(bytes)),
        created_at: Set(now),
    })
    .on_conflict_do_nothing_on([entity::Column::Name])
    .exec_without_returning(db)
    .await?;
    existing_node_key(db, name)
        .await?
        .ok_or_else(|| AppError::internal("a node key was not stored"))
}

/// The node's key called `name`, if one was made.
pub async fn existing_node_key<C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> Result<Option<Vec<u8>>, AppError> {
    let Some(row) = entity::Entity::find_by_id(name.to_owned()).one(db).await? else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(row.value.as_bytes())
        .map(Some)
        .map_err(|e| AppError::internal_from("a node key is not base64", e))
}

/// A node key that seals what an e-mailed link may do (unsubscribe, confirm an item), so that
/// the link needs no session: the token is the message and an HMAC-SHA256 over a context
/// (naming what the key signs, so one use's token is never valid for another) and the
/// message, in one URL-safe base64 string. Checked in constant time.
pub struct LinkKey {
    key: Vec<u8>,
}

/// The length of a [`LinkKey`] tag.
const TAG_LEN: usize = 32;
/// A token longer than this is refused before it is decoded.
const MAX_TOKEN_LEN: usize = 300;

impl LinkKey {
    /// The node's key `name`, made now when there is none yet.
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<LinkKey, AppError> {
        Ok(LinkKey {
            key: node_key(db, name, now).await?,
        })
    }

    /// The node's key `name`, if one was made (no key: no token can be valid).
    pub async fn existing<C: ConnectionTrait>(
        db: &C,
        name: &str,
    ) -> Result<Option<LinkKey>, AppError> {
        Ok(existing_node_key(db, name)
            .await?
            .map(|key| LinkKey { key }))
    }

    #[cfg(test)]
    pub(crate) fn from_bytes(key: Vec<u8>) -> LinkKey {
        LinkKey { key }
    }

    fn mac(&self, context: &[u8], message: &[u8]) -> Hmac<Sha256> {
        // HMAC takes a key of any length.
        #[allow(clippy::expect_used)]
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC accepts any key length");
        mac.update(context);
        mac.update(message);
        mac
    }

    /// The token carrying `message`, sealed under `context`.
    pub fn seal(&self, context: &[u8], message: &[u8]) -> String {
        let tag = self.mac(context, message).finalize().into_bytes();
        let mut bytes = Vec::with_capacity(message.len() + TAG_LEN);
        bytes.extend_from_slice(message);
        bytes.extend_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The message of a token this key sealed under `context`; `None` for anything else.
    pub fn open(&self, context: &[u8], token: &str) -> Option<Vec<u8>> {
        if token.len() > MAX_TOKEN_LEN {
            return None;
        }
        let mut bytes = URL_SAFE_NO_PAD.decode(token.as_bytes()).ok()?;
        let split = bytes.len().checked_sub(TAG_LEN)?;
        let tag = bytes.split_off(split);
        self.mac(context, &bytes).verify_slice(&tag).ok()?;
        Some(bytes)
    }
}

/// 32 random bytes, URL-safe base64 (43 characters).
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::internal_from("no randomness available", e))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The hex SHA-256 of a secret, as stored.
pub fn hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    constant_time_eq::constant_time_eq(a.as_bytes(), b.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_hash_to_hex() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), hash(&b));
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
