//! HTTP Message Signatures (RFC 9421) with Ed25519 on the requests between county nodes.
//!
//! A node signs every request it sends another node with its own Ed25519 key, under the label
//! [`LABEL`], covering the method and the full target URI (`"@method" "@target-uri"`) with the
//! parameters `created`, `keyid`, `alg="ed25519"` and a random `nonce`:
//!
//! ```text
//! Signature-Input: noden=("@method" "@target-uri");created=1618884473;keyid="ed25519:…";alg="ed25519";nonce="…"
//! Signature: noden=:<64 bytes, base64>:
//! ```
//!
//! The receiver refuses a signature that is missing or malformed, that does not cover the
//! method, the target URI, `created` and `keyid`, that names another algorithm, that was made
//! more than [`MAX_AGE_SECS`] ago or more than [`MAX_SKEW_SECS`] in the future, whose
//! `expires` has passed, whose key it does not trust, or that does not match. Remembering
//! nonces against replay is the caller's part: [`verify`] returns the nonce.
//!
//! The headers are read and written as Structured Fields (RFC 9651) by `sfv`; the signature
//! base is built as RFC 9421 §2.5 describes, for the derived components `@method`,
//! `@target-uri`, `@authority`, `@scheme`, `@path` and `@query` and for header fields.
//! Component parameters (`sf`, `key`, `bs`, `req`, `tr`) are not supported and refused.
//!
//! Key ids are `ed25519:` followed by the first 16 bytes of the SHA-256 of the raw public key
//! in URL-safe base64 without padding, so a node's key id follows from its public key alone.

use std::fmt;

use base64::Engine;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{
    GeneralPurpose, GeneralPurposeConfig, STANDARD, URL_SAFE_NO_PAD,
};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use http::Uri;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use sfv::{BareItem, Dictionary, InnerList, Item, KeyRef, ListEntry, Parameters, Parser};
use sha2::{Digest, Sha256};

/// The label of Noden's signature in `Signature-Input` and `Signature`.
pub const LABEL: &str = "noden";
/// How old a signature may be, from its `created` time.
pub const MAX_AGE_SECS: i64 = 300;
/// How far in the future a signature's `created` time may lie (clocks drift).
pub const MAX_SKEW_SECS: i64 = 60;
/// The components every Noden signature covers.
const REQUIRED: [&str; 2] = ["@method", "@target-uri"];
/// The algorithm name of RFC 9421 §3.3.6.
const ALG: &str = "ed25519";

const SIGNATURE_INPUT: HeaderName = HeaderName::from_static("signature-input");
const SIGNATURE: HeaderName = HeaderName::from_static("signature");

const CREATED: &KeyRef = sfv::key_ref("created");
const EXPIRES: &KeyRef = sfv::key_ref("expires");
const KEYID: &KeyRef = sfv::key_ref("keyid");
const ALG_PARAM: &KeyRef = sfv::key_ref("alg");
const NONCE: &KeyRef = sfv::key_ref("nonce");

/// Base64 with either padding or none, for keys pasted by hand.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a request could not be signed or a signature was refused. The messages name no key
/// material and may be logged and shown to an administrator.
#[derive(Debug, thiserror::Error)]
pub enum SignatureError {
    #[error("the request is not signed")]
    Missing,
    #[error("the signature is malformed: {0}")]
    Malformed(String),
    #[error("the signature does not cover {0}")]
    NotCovered(String),
    #[error("the signature is too old or has expired")]
    Expired,
    #[error("the signature was made in the future; is a clock wrong?")]
    FromTheFuture,
    #[error("the signing key {0} is not known")]
    UnknownKey(String),
    #[error("the signature does not match the request")]
    BadSignature,
    #[error("unusable key: {0}")]
    Key(String),
}

fn malformed(why: &str) -> SignatureError {
    SignatureError::Malformed(why.to_owned())
}

/// A node's signing key.
pub struct Keypair {
    signing: SigningKey,
}

impl Keypair {
    /// A new key from 32 random bytes.
    pub fn generate() -> Result<Keypair, SignatureError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| SignatureError::Key(format!("no randomness available: {e}")))?;
        Ok(Keypair {
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// The key from its 32-byte seed in standard or URL-safe base64, padded or not.
    pub fn from_base64(seed: &str) -> Result<Keypair, SignatureError> {
        let seed: [u8; 32] = decode_32(seed, "a signing key")?;
        Ok(Keypair {
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// The seed in standard base64. It is the secret: keep it out of logs and pages.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.signing.as_bytes())
    }

    /// The raw 32-byte public key in standard base64, to give to other nodes.
    pub fn public_base64(&self) -> String {
        STANDARD.encode(self.signing.verifying_key().as_bytes())
    }

    /// The key id other nodes know this key by (see [`key_id_of`]).
    pub fn key_id(&self) -> String {
        key_id_of(&self.signing.verifying_key())
    }

    /// The public key's fingerprint (see [`fingerprint_of`]).
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.signing.verifying_key())
    }

    /// The public half.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }
}

impl fmt::Debug for Keypair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keypair")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

/// A public key from its raw 32 bytes in standard or URL-safe base64. Small-order keys,
/// which would verify forged signatures, are refused.
pub fn public_key_from_base64(b64: &str) -> Result<VerifyingKey, SignatureError> {
    let bytes: [u8; 32] = decode_32(b64, "a public key")?;
    let key = VerifyingKey::from_bytes(&bytes)
        .map_err(|_| SignatureError::Key("not an Ed25519 public key".to_owned()))?;
    if key.is_weak() {
        return Err(SignatureError::Key("a weak Ed25519 public key".to_owned()));
    }
    Ok(key)
}

/// `ed25519:` and the first 16 bytes of the SHA-256 of the raw public key, URL-safe base64
/// without padding (30 characters in all).
pub fn key_id_of(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    format!("ed25519:{}", URL_SAFE_NO_PAD.encode(&digest[..16]))
}

/// The SHA-256 of the raw public key as upper-case hex pairs joined by colons
/// (`3F:A0:…`, 32 pairs), for two administrators to compare over the phone.
pub fn fingerprint_of(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn decode_32(b64: &str, what: &str) -> Result<[u8; 32], SignatureError> {
    let standard = b64.trim().replace('-', "+").replace('_', "/");
    let bytes = LENIENT
        .decode(standard)
        .map_err(|_| SignatureError::Key(format!("{what} must be base64")))?;
    let len = bytes.len();
    bytes
        .try_into()
        .map_err(|_| SignatureError::Key(format!("{what} must be 32 bytes, not {len}")))
}

/// Signs `request` with `key` as made at `created` (Unix seconds): adds `Signature-Input` and
/// `Signature` headers, replacing any the request had, covering `"@method" "@target-uri"`
/// with `created`, `keyid`, `alg="ed25519"` and a random `nonce` (16 bytes, URL-safe base64).
/// The request's URI must be absolute, as the receiving node sees it.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    key: &Keypair,
    created: i64,
) -> Result<(), SignatureError> {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce)
        .map_err(|e| SignatureError::Key(format!("no randomness available: {e}")))?;
    let nonce = URL_SAFE_NO_PAD.encode(nonce);
    let params = signature_params(&REQUIRED, created, &key.key_id(), Some(ALG), Some(&nonce))?;
    let message = Message::new(request.method().as_str(), request.uri(), request.headers())?;
    let base = signature_base(&params, &message)?;
    let signature = key.signing.sign(base.as_bytes());
    let (input, value) = signature_headers(LABEL, &params, &signature)?;
    let headers = request.headers_mut();
    headers.insert(SIGNATURE_INPUT, input);
    headers.insert(SIGNATURE, value);
    Ok(())
}

/// What a verified signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub key_id: String,
    pub created: i64,
    /// To be remembered until the signature is too old, against replay.
    pub nonce: Option<String>,
}

/// Verifies Noden's signature on a request: its method, its full target URI as the sender
/// addressed it (the server rebuilds it from its configured public URL and the request's path
/// and query, never from the Host header) and its headers, at `now` (Unix seconds). `key_of`
/// returns the trusted public key with a key id, or `None` for an unknown one. A signature
/// whose `expires` is not after `now` has expired.
pub fn verify(
    method: &str,
    target_uri: &str,
    headers: &HeaderMap,
    now: i64,
    key_of: impl Fn(&str) -> Option<VerifyingKey>,
) -> Result<Verified, SignatureError> {
    let target: Uri = target_uri
        .parse()
        .map_err(|_| malformed("the target URI cannot be read"))?;
    let message = Message::new(method, &target, headers)?;
    verify_labelled(LABEL, &REQUIRED, &message, now, key_of)
}

/// [`verify`] for any label and any required components.
fn verify_labelled(
    label: &str,
    required: &[&str],
    message: &Message<'_>,
    now: i64,
    key_of: impl Fn(&str) -> Option<VerifyingKey>,
) -> Result<Verified, SignatureError> {
    let inputs = dictionary(message.headers, &SIGNATURE_INPUT)?;
    let signatures = dictionary(message.headers, &SIGNATURE)?;
    let (params, signature) = match (inputs.get(label), signatures.get(label)) {
        (None, None) => return Err(SignatureError::Missing),
        (Some(ListEntry::InnerList(params)), Some(ListEntry::Item(signature))) => {
            (params, signature)
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(malformed(
                "the label is not in both Signature-Input and Signature",
            ));
        }
        _ => return Err(malformed("a member has the wrong type")),
    };
    for component in required {
        let covered = params.items.iter().any(|item| {
            item.bare_item
                .as_string()
                .is_some_and(|s| s.as_str() == *component)
        });
        if !covered {
            return Err(SignatureError::NotCovered((*component).to_owned()));
        }
    }
    let created = integer_param(&params.params, CREATED)?
        .ok_or_else(|| SignatureError::NotCovered("created".to_owned()))?;
    let key_id = string_param(&params.params, KEYID)?
        .ok_or_else(|| SignatureError::NotCovered("keyid".to_owned()))?;
    if string_param(&params.params, ALG_PARAM)?.is_some_and(|alg| alg != ALG) {
        return Err(malformed("only ed25519 signatures are accepted"));
    }
    let nonce = string_param(&params.params, NONCE)?.map(str::to_owned);
    if now - created > MAX_AGE_SECS {
        return Err(SignatureError::Expired);
    }
    if created - now > MAX_SKEW_SECS {
        return Err(SignatureError::FromTheFuture);
    }
    if integer_param(&params.params, EXPIRES)?.is_some_and(|expires| expires <= now) {
        return Err(SignatureError::Expired);
    }
    let key = key_of(key_id).ok_or_else(|| SignatureError::UnknownKey(shorten(key_id)))?;
    let bytes = signature
        .bare_item
        .as_byte_sequence()
        .filter(|_| signature.params.is_empty())
        .ok_or_else(|| malformed("the signature is not a byte sequence"))?;
    let signature = ed25519_dalek::Signature::from_slice(bytes)
        .map_err(|_| malformed("an Ed25519 signature has 64 bytes"))?;
    let base = signature_base(params, message)?;
    key.verify_strict(base.as_bytes(), &signature)
        .map_err(|_| SignatureError::BadSignature)?;
    Ok(Verified {
        key_id: key_id.to_owned(),
        created,
        nonce,
    })
}

/// A key id as it may appear in an error: sfv strings are printable ASCII, but not short.
fn shorten(key_id: &str) -> String {
    key_id.chars().take(64).collect()
}

/// Every instance of a Dictionary field, combined as RFC 9651 §4.2 allows; empty when absent.
fn dictionary(headers: &HeaderMap, name: &HeaderName) -> Result<Dictionary, SignatureError> {
    let mut combined = Vec::new();
    for value in headers.get_all(name) {
        if !combined.is_empty() {
            combined.extend_from_slice(b", ");
        }
        combined.extend_from_slice(value.as_bytes());
    }
    if combined.is_empty() {
        return Ok(Dictionary::new());
    }
    Parser::new(&combined)
        .parse()
        .map_err(|_| SignatureError::Malformed(format!("{name} is not a structured dictionary")))
}

fn integer_param(params: &Parameters, name: &KeyRef) -> Result<Option<i64>, SignatureError> {
    params
        .get(name.as_str())
        .map(|value| {
            value
                .as_integer()
                .map(i64::from)
                .ok_or_else(|| SignatureError::Malformed(format!("{name} is not an integer")))
        })
        .transpose()
}

fn string_param<'a>(
    params: &'a Parameters,
    name: &KeyRef,
) -> Result<Option<&'a str>, SignatureError> {
    params
        .get(name.as_str())
        .map(|value| {
            value
                .as_string()
                .map(|s| s.as_str())
                .ok_or_else(|| SignatureError::Malformed(format!("{name} is not a string")))
        })
        .transpose()
}

/// The covered components and signature parameters of one signature (RFC 9421 §2.3), in the
/// order `created`, `keyid`, `alg`, `nonce`.
fn signature_params(
    components: &[&str],
    created: i64,
    key_id: &str,
    alg: Option<&str>,
    nonce: Option<&str>,
) -> Result<InnerList, SignatureError> {
    let string = |value: &str| {
        sfv::String::from_string(value.to_owned())
            .map(BareItem::String)
            .map_err(|_| malformed("a parameter is not a printable ASCII string"))
    };
    let items = components
        .iter()
        .map(|name| string(name).map(Item::new))
        .collect::<Result<Vec<_>, _>>()?;
    let mut params = Parameters::new();
    let created =
        BareItem::try_from(created).map_err(|_| malformed("the creation time is out of range"))?;
    params.insert(CREATED.to_owned(), created);
    params.insert(KEYID.to_owned(), string(key_id)?);
    if let Some(alg) = alg {
        params.insert(ALG_PARAM.to_owned(), string(alg)?);
    }
    if let Some(nonce) = nonce {
        params.insert(NONCE.to_owned(), string(nonce)?);
    }
    Ok(InnerList::with_params(items, params))
}

/// The `Signature-Input` and `Signature` header values for one signature (RFC 9421 §4).
fn signature_headers(
    label: &str,
    params: &InnerList,
    signature: &ed25519_dalek::Signature,
) -> Result<(HeaderValue, HeaderValue), SignatureError> {
    let label = KeyRef::from_str(label).map_err(|_| malformed("the label is not a key"))?;
    let mut input = sfv::DictSerializer::new();
    input.members([(label, &ListEntry::InnerList(params.clone()))]);
    let mut value = sfv::DictSerializer::new();
    _ = value.bare_item(label, signature.to_bytes().as_slice());
    let header = |text: Option<String>| {
        text.and_then(|text| HeaderValue::try_from(text).ok())
            .ok_or_else(|| malformed("the header cannot be written"))
    };
    Ok((header(input.finish())?, header(value.finish())?))
}

/// What the components of a request are taken from.
struct Message<'a> {
    method: &'a str,
    target: &'a Uri,
    headers: &'a HeaderMap,
}

impl<'a> Message<'a> {
    fn new(
        method: &'a str,
        target: &'a Uri,
        headers: &'a HeaderMap,
    ) -> Result<Self, SignatureError> {
        if target.scheme().is_none() || target.authority().is_none() {
            return Err(malformed("the target URI is not absolute"));
        }
        Ok(Message {
            method,
            target,
            headers,
        })
    }

    /// The value of one component (RFC 9421 §2.1 and §2.2).
    fn component(&self, name: &str) -> Result<String, SignatureError> {
        let uri = self.target;
        match name {
            "@method" => Ok(self.method.to_owned()),
            "@target-uri" => Ok(uri.to_string()),
            "@authority" => Ok(self.authority()),
            "@scheme" => Ok(uri.scheme_str().unwrap_or_default().to_ascii_lowercase()),
            "@path" => Ok(match uri.path() {
                "" => "/".to_owned(),
                path => path.to_owned(),
            }),
            "@query" => Ok(format!("?{}", uri.query().unwrap_or_default())),
            derived if derived.starts_with('@') => Err(SignatureError::Malformed(format!(
                "the component {} is not supported",
                shorten(derived)
            ))),
            field => self.field(field),
        }
    }

    /// Host in lower case, and the port unless it is the scheme's default (RFC 9110 §4.2.3).
    fn authority(&self) -> String {
        let host = self.target.host().unwrap_or_default().to_ascii_lowercase();
        let default_port = match self.target.scheme_str() {
            Some(scheme) if scheme.eq_ignore_ascii_case("https") => Some(443),
            Some(scheme) if scheme.eq_ignore_ascii_case("http") => Some(80),
            _ => None,
        };
        match self.target.port_u16() {
            Some(port) if Some(port) != default_port => format!("{host}:{port}"),
            _ => host,
        }
    }

    /// A header field's values, each trimmed, joined by ", " (RFC 9421 §2.1).
    fn field(&self, name: &str) -> Result<String, SignatureError> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .ok()
            .filter(|header| header.as_str() == name)
            .ok_or_else(|| malformed("a component is not a lower-case field name"))?;
        let mut values = Vec::new();
        for value in self.headers.get_all(&header) {
            let value = value
                .to_str()
                .map_err(|_| SignatureError::Malformed(format!("{name} is not ASCII")))?;
            values.push(value.trim_matches([' ', '\t']));
        }
        if values.is_empty() {
            return Err(SignatureError::Malformed(format!(
                "the signed field {name} is missing"
            )));
        }
        Ok(values.join(", "))
    }
}

/// The signature base (RFC 9421 §2.5): one line `"name": value` per covered component, in the
/// order given, then `"@signature-params": ` and the covered components with their parameters
/// as an Inner List. Lines end with a bare LF; the last has none.
fn signature_base(params: &InnerList, message: &Message<'_>) -> Result<String, SignatureError> {
    let mut base = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for item in &params.items {
        let name = item
            .bare_item
            .as_string()
            .map(|s| s.as_str())
            .ok_or_else(|| malformed("a covered component is not a string"))?;
        if !item.params.is_empty() {
            return Err(malformed("component parameters are not supported"));
        }
        if name == "@signature-params" || seen.contains(&name) {
            return Err(malformed("a component is listed twice"));
        }
        seen.push(name);
        let value = message.component(name)?;
        let identifier = sfv::ItemSerializer::new()
            .bare_item(&item.bare_item)
            .finish();
        base.push_str(&identifier);
        base.push_str(": ");
        base.push_str(&value);
        base.push('\n');
    }
    let mut list = sfv::ListSerializer::new();
    list.members([&ListEntry::InnerList(params.clone())]);
    let serialized = list
        .finish()
        .ok_or_else(|| malformed("the signature parameters cannot be written"))?;
    base.push_str("\"@signature-params\": ");
    base.push_str(&serialized);
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9421 Appendix B.1.4: `test-key-ed25519`, the last 32 bytes of its PKCS#8 private
    /// key (the seed), in base64.
    const RFC_SEED: &str = "n4Ni+HpISpVObnQMW0wOhCKROaIKqKtW/2ZYb2p9KcU=";
    /// RFC 9421 Appendix B.1.4: its public key, the last 32 bytes of the SPKI.
    const RFC_PUBLIC: &str = "JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";
    /// RFC 9421 Appendix B.2.6, unwrapped as RFC 8792 says.
    const RFC_BASE: &str = concat!(
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n",
        "\"@method\": POST\n",
        "\"@path\": /foo\n",
        "\"@authority\": example.com\n",
        "\"content-type\": application/json\n",
        "\"content-length\": 18\n",
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" ",
        "\"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"",
    );
    const RFC_INPUT: &str = concat!(
        "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" ",
        "\"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"",
    );
    const RFC_SIGNATURE: &str = concat!(
        "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1",
        "u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
    );
    const RFC_COMPONENTS: [&str; 6] = [
        "date",
        "@method",
        "@path",
        "@authority",
        "content-type",
        "content-length",
    ];
    const RFC_CREATED: i64 = 1_618_884_473;
    const NOW: i64 = 1_800_000_000;

    /// The `test-request` of RFC 9421 Appendix B.2 (a POST to https://example.com).
    fn rfc_request() -> (Uri, HeaderMap) {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("host", "example.com"),
            ("date", "Tue, 20 Apr 2021 02:07:55 GMT"),
            ("content-type", "application/json"),
            (
                "content-digest",
                "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
            ),
            ("content-length", "18"),
        ] {
            headers.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let uri = "https://example.com/foo?param=Value&Pet=dog"
            .parse()
            .unwrap();
        (uri, headers)
    }

    fn rfc_key(id: &str) -> Option<VerifyingKey> {
        (id == "test-key-ed25519").then(|| public_key_from_base64(RFC_PUBLIC).unwrap())
    }

    fn signed(key: &Keypair, method: &str, uri: &str, created: i64) -> http::Request<Vec<u8>> {
        let mut request = http::Request::builder()
            .method(method)
            .uri(uri)
            .body(Vec::new())
            .unwrap();
        sign(&mut request, key, created).unwrap();
        request
    }

    fn trusting(key: &Keypair) -> impl Fn(&str) -> Option<VerifyingKey> {
        let id = key.key_id();
        let public = key.verifying_key();
        move |asked| (asked == id).then_some(public)
    }

    const URI: &str = "https://noden.region.example/api/federation/changes?after=42";

    #[test]
    fn the_rfc_ed25519_example_is_reproduced_byte_for_byte() {
        let key = Keypair::from_base64(RFC_SEED).unwrap();
        assert_eq!(key.public_base64(), RFC_PUBLIC);
        let (uri, headers) = rfc_request();
        let message = Message::new("POST", &uri, &headers).unwrap();
        let params =
            signature_params(&RFC_COMPONENTS, RFC_CREATED, "test-key-ed25519", None, None).unwrap();
        let base = signature_base(&params, &message).unwrap();
        assert_eq!(base, RFC_BASE);
        let signature = key.signing.sign(base.as_bytes());
        let (input, value) = signature_headers("sig-b26", &params, &signature).unwrap();
        assert_eq!(input, RFC_INPUT);
        assert_eq!(value, RFC_SIGNATURE);
    }

    #[test]
    fn the_rfc_ed25519_example_verifies() {
        let (uri, mut headers) = rfc_request();
        headers.insert(SIGNATURE_INPUT, HeaderValue::from_static(RFC_INPUT));
        headers.insert(SIGNATURE, HeaderValue::from_static(RFC_SIGNATURE));
        let message = Message::new("POST", &uri, &headers).unwrap();
        let verified =
            verify_labelled("sig-b26", &["@method"], &message, RFC_CREATED + 10, rfc_key).unwrap();
        assert_eq!(verified.key_id, "test-key-ed25519");
        assert_eq!(verified.created, RFC_CREATED);
        assert_eq!(verified.nonce, None);
        // Noden's own rules want @target-uri, which the example does not cover.
        let refused = verify_labelled("sig-b26", &REQUIRED, &message, RFC_CREATED, rfc_key);
        match refused {
            Err(SignatureError::NotCovered(what)) => assert_eq!(what, "@target-uri"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_rfc_target_uri_example_gives_its_base_line() {
        // RFC 9421 §2.2.2: POST /path?param=value to www.example.com over HTTPS.
        let uri: Uri = "https://www.example.com/path?param=value".parse().unwrap();
        let headers = HeaderMap::new();
        let message = Message::new("POST", &uri, &headers).unwrap();
        let params = signature_params(&["@target-uri"], 1, "k", None, None).unwrap();
        let base = signature_base(&params, &message).unwrap();
        let first = base.lines().next().unwrap();
        assert_eq!(
            first,
            "\"@target-uri\": https://www.example.com/path?param=value"
        );
    }

    #[test]
    fn derived_components_and_fields_follow_the_rfc() {
        let uri: Uri = "HTTPS://WWW.Example.com:443/path?param=value&foo=bar&baz=bat%2Dman"
            .parse()
            .unwrap();
        let mut headers = HeaderMap::new();
        headers.append("cache-control", HeaderValue::from_static("max-age=60"));
        headers.append(
            "cache-control",
            HeaderValue::from_static("   must-revalidate"),
        );
        let message = Message::new("GET", &uri, &headers).unwrap();
        assert_eq!(message.component("@authority").unwrap(), "www.example.com");
        assert_eq!(message.component("@scheme").unwrap(), "https");
        assert_eq!(message.component("@path").unwrap(), "/path");
        assert_eq!(
            message.component("@query").unwrap(),
            "?param=value&foo=bar&baz=bat%2Dman"
        );
        assert_eq!(
            message.component("cache-control").unwrap(),
            "max-age=60, must-revalidate"
        );
        let bare: Uri = "http://localhost:8080".parse().unwrap();
        let message = Message::new("GET", &bare, &headers).unwrap();
        assert_eq!(message.component("@authority").unwrap(), "localhost:8080");
        assert_eq!(message.component("@path").unwrap(), "/");
        assert_eq!(message.component("@query").unwrap(), "?");
        assert!(message.component("@request-target").is_err());
        assert!(message.component("Cache-Control").is_err());
        assert!(message.component("date").is_err());
    }

    #[test]
    fn a_signed_request_verifies_and_names_its_key_and_nonce() {
        let key = Keypair::generate().unwrap();
        let request = signed(&key, "GET", URI, NOW);
        let input = request.headers()[SIGNATURE_INPUT].to_str().unwrap();
        assert!(
            input.starts_with(
                "noden=(\"@method\" \"@target-uri\");created=1800000000;keyid=\"ed25519:"
            ),
            "{input}"
        );
        assert!(input.contains(";alg=\"ed25519\";nonce=\""), "{input}");
        let verified = verify("GET", URI, request.headers(), NOW + 5, trusting(&key)).unwrap();
        assert_eq!(verified.key_id, key.key_id());
        assert_eq!(verified.created, NOW);
        let nonce = verified.nonce.unwrap();
        assert_eq!(URL_SAFE_NO_PAD.decode(&nonce).unwrap().len(), 16);
        let again = signed(&key, "GET", URI, NOW);
        let other = verify("GET", URI, again.headers(), NOW, trusting(&key)).unwrap();
        assert_ne!(other.nonce.unwrap(), nonce);
    }

    #[test]
    fn an_unsigned_request_is_refused() {
        let key = Keypair::generate().unwrap();
        let refused = verify("GET", URI, &HeaderMap::new(), NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::Missing)),
            "{refused:?}"
        );
    }

    #[test]
    fn a_signature_by_another_key_under_a_trusted_id_is_refused() {
        let key = Keypair::generate().unwrap();
        let impostor = Keypair::generate().unwrap();
        let request = signed(&impostor, "GET", URI, NOW);
        let id = impostor.key_id();
        let public = key.verifying_key();
        let refused = verify("GET", URI, request.headers(), NOW, |asked| {
            (asked == id).then_some(public)
        });
        assert!(
            matches!(refused, Err(SignatureError::BadSignature)),
            "{refused:?}"
        );
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let key = Keypair::generate().unwrap();
        let stranger = Keypair::generate().unwrap();
        let request = signed(&stranger, "GET", URI, NOW);
        let refused = verify("GET", URI, request.headers(), NOW, trusting(&key));
        match refused {
            Err(SignatureError::UnknownKey(id)) => assert_eq!(id, stranger.key_id()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_changed_method_uri_or_query_is_refused() {
        let key = Keypair::generate().unwrap();
        let request = signed(&key, "GET", URI, NOW);
        for (method, uri) in [
            ("POST", URI),
            (
                "GET",
                "https://noden.region.example/api/federation/changes?after=41",
            ),
            ("GET", "https://noden.region.example/api/federation/changes"),
            (
                "GET",
                "https://evil.example/api/federation/changes?after=42",
            ),
            (
                "GET",
                "http://noden.region.example/api/federation/changes?after=42",
            ),
        ] {
            let refused = verify(method, uri, request.headers(), NOW, trusting(&key));
            assert!(
                matches!(refused, Err(SignatureError::BadSignature)),
                "{method} {uri}: {refused:?}"
            );
        }
    }

    /// Replaces the request's Signature-Input, keeping its signature.
    fn with_input(request: &http::Request<Vec<u8>>, input: &str) -> HeaderMap {
        let mut headers = request.headers().clone();
        headers.insert(SIGNATURE_INPUT, HeaderValue::from_str(input).unwrap());
        headers
    }

    #[test]
    fn a_signature_without_the_target_uri_is_refused() {
        let key = Keypair::generate().unwrap();
        let mut request = http::Request::builder()
            .method("GET")
            .uri(URI)
            .body(Vec::<u8>::new())
            .unwrap();
        // Signed correctly, but over the method and path only.
        let params =
            signature_params(&["@method", "@path"], NOW, &key.key_id(), Some(ALG), None).unwrap();
        let message = Message::new("GET", request.uri(), request.headers()).unwrap();
        let base = signature_base(&params, &message).unwrap();
        let (input, value) =
            signature_headers(LABEL, &params, &key.signing.sign(base.as_bytes())).unwrap();
        request.headers_mut().insert(SIGNATURE_INPUT, input);
        request.headers_mut().insert(SIGNATURE, value);
        let refused = verify("GET", URI, request.headers(), NOW, trusting(&key));
        match refused {
            Err(SignatureError::NotCovered(what)) => assert_eq!(what, "@target-uri"),
            other => panic!("{other:?}"),
        }
        // Nor may a covered list be shortened after signing.
        let full = signed(&key, "GET", URI, NOW);
        let id = key.key_id();
        let headers = with_input(
            &full,
            &format!("noden=(\"@method\");created={NOW};keyid=\"{id}\""),
        );
        let refused = verify("GET", URI, &headers, NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::NotCovered(_))),
            "{refused:?}"
        );
    }

    #[test]
    fn missing_parameters_and_other_algorithms_are_refused() {
        let key = Keypair::generate().unwrap();
        let request = signed(&key, "GET", URI, NOW);
        let id = key.key_id();
        let covered = "noden=(\"@method\" \"@target-uri\")";
        let cases = [
            (format!("{covered};keyid=\"{id}\""), "NotCovered"),
            (format!("{covered};created={NOW}"), "NotCovered"),
            (
                format!("{covered};created={NOW};keyid=\"{id}\";alg=\"rsa-pss-sha512\""),
                "Malformed",
            ),
            (
                format!("{covered};created=\"{NOW}\";keyid=\"{id}\""),
                "Malformed",
            ),
            (
                format!("{covered};created={NOW};keyid=\"{id}\";expires={NOW}"),
                "Expired",
            ),
        ];
        for (input, expected) in cases {
            let refused = verify(
                "GET",
                URI,
                &with_input(&request, &input),
                NOW,
                trusting(&key),
            );
            let name = format!("{refused:?}");
            assert!(
                name.starts_with(&format!("Err({expected}")),
                "{input}: {name}"
            );
        }
    }

    #[test]
    fn old_and_future_signatures_are_refused() {
        let key = Keypair::generate().unwrap();
        let old = signed(&key, "GET", URI, NOW - MAX_AGE_SECS - 1);
        let refused = verify("GET", URI, old.headers(), NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::Expired)),
            "{refused:?}"
        );
        let just_in_time = signed(&key, "GET", URI, NOW - MAX_AGE_SECS);
        assert!(verify("GET", URI, just_in_time.headers(), NOW, trusting(&key)).is_ok());
        let future = signed(&key, "GET", URI, NOW + 120);
        let refused = verify("GET", URI, future.headers(), NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::FromTheFuture)),
            "{refused:?}"
        );
        let slightly_ahead = signed(&key, "GET", URI, NOW + MAX_SKEW_SECS);
        assert!(verify("GET", URI, slightly_ahead.headers(), NOW, trusting(&key)).is_ok());
    }

    #[test]
    fn malformed_headers_are_refused() {
        let key = Keypair::generate().unwrap();
        let request = signed(&key, "GET", URI, NOW);
        for (name, value) in [
            (SIGNATURE, "noden=:not base64!:"),
            (SIGNATURE, "noden=:AAAA:"),
            (SIGNATURE, "noden=\"a string\""),
            (SIGNATURE, "noden"),
            (SIGNATURE_INPUT, "noden=(\"@method\" \"@target-uri\""),
            (SIGNATURE_INPUT, "noden=\"@method\""),
        ] {
            let mut headers = request.headers().clone();
            headers.insert(name.clone(), HeaderValue::from_static(value));
            let refused = verify("GET", URI, &headers, NOW, trusting(&key));
            assert!(
                matches!(refused, Err(SignatureError::Malformed(_))),
                "{name}: {value}: {refused:?}"
            );
        }
        let mut headers = request.headers().clone();
        headers.remove(SIGNATURE);
        let refused = verify("GET", URI, &headers, NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::Malformed(_))),
            "{refused:?}"
        );
        let refused = verify("GET", "/relative", request.headers(), NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::Malformed(_))),
            "{refused:?}"
        );
    }

    #[test]
    fn a_signature_under_another_label_only_is_missing() {
        let key = Keypair::generate().unwrap();
        let request = signed(&key, "GET", URI, NOW);
        let mut headers = HeaderMap::new();
        for name in [SIGNATURE_INPUT, SIGNATURE] {
            let value = request.headers()[&name].to_str().unwrap();
            let relabelled = value.replacen("noden=", "other=", 1);
            headers.insert(name, HeaderValue::from_str(&relabelled).unwrap());
        }
        let refused = verify("GET", URI, &headers, NOW, trusting(&key));
        assert!(
            matches!(refused, Err(SignatureError::Missing)),
            "{refused:?}"
        );
    }

    #[test]
    fn keys_round_trip_through_base64_and_never_show_their_secret() {
        let key = Keypair::generate().unwrap();
        let seed = key.to_base64();
        let again = Keypair::from_base64(&seed).unwrap();
        assert_eq!(again.public_base64(), key.public_base64());
        let url_safe = seed.replace('+', "-").replace('/', "_");
        let url_safe = url_safe.trim_end_matches('=');
        assert_eq!(
            Keypair::from_base64(url_safe).unwrap().key_id(),
            key.key_id()
        );
        let shown = format!("{key:?}");
        assert!(!shown.contains(&seed), "{shown}");
        assert!(shown.contains(&key.key_id()), "{shown}");
        assert!(Keypair::from_base64("c2hvcnQ=").is_err());
        assert!(Keypair::from_base64("not base64 at all").is_err());
        let public = public_key_from_base64(&key.public_base64()).unwrap();
        assert_eq!(key_id_of(&public), key.key_id());
        assert_eq!(fingerprint_of(&public), key.fingerprint());
        // The identity point is a small-order (weak) key.
        let mut weak = [0u8; 32];
        weak[0] = 1;
        assert!(public_key_from_base64(&STANDARD.encode(weak)).is_err());
    }

    #[test]
    fn key_ids_and_fingerprints_have_their_documented_form() {
        let key = Keypair::from_base64(RFC_SEED).unwrap();
        let id = key.key_id();
        assert!(id.starts_with("ed25519:"), "{id}");
        assert_eq!(id.len(), "ed25519:".len() + 22);
        let digest = Sha256::digest(key.verifying_key().as_bytes());
        assert_eq!(
            id["ed25519:".len()..],
            URL_SAFE_NO_PAD.encode(&digest[..16])
        );
        let fingerprint = key.fingerprint();
        assert_eq!(fingerprint.len(), 32 * 3 - 1);
        let first = format!("{:02X}:{:02X}:", digest[0], digest[1]);
        assert!(fingerprint.starts_with(&first), "{fingerprint}");
        assert!(fingerprint.split(':').all(|pair| {
            pair.len() == 2
                && pair
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        }));
    }
}
