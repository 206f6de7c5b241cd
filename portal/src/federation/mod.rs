//! Federation: county nodes learn from each other. Each node has an identity and a signing
//! key ([`identity`]), trusts the peer nodes an administrator added ([`peers`]), serves them
//! a change feed of what it shares ([`feed`]), pulls theirs ([`pull`]) into read-only remote
//! items that search finds with their origin ([`remote`]), compares them daily with each
//! peer's inventory ([`reconcile`]), and signs every request between
//! nodes with HTTP Message Signatures ([`signature`]).

pub mod feed;
pub mod identity;
mod nonces;
pub mod peers;
pub mod pull;
pub mod reconcile;
pub mod remote;
pub mod routes;
pub mod signature;

/// Makes the node's signing key at first start (or checks the configured one), so every
/// instance and every peer sees the same key from the start.
pub async fn ensure_identity(state: &crate::state::AppState) -> Result<(), crate::error::AppError> {
    identity::keypair(&state.db, &state.settings, state.clock.now())
        .await
        .map(|_| ())
}
