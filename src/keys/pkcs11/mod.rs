//! CA keys in PKCS#11 tokens (issue 16): HSMs, smart cards, SoftHSM. A key
//! is named by an RFC 7512 URI ([`uri`]) and used by reference: it never
//! leaves the token.

mod generate;
mod mechanism;
pub mod public;
mod signer;
mod token;
pub mod uri;

/// A token user's PIN, in zeroizing memory (secrecy's `SecretString`).
pub use cryptoki::types::AuthPin as Pin;
pub use signer::{Fate, KeyInToken, MadeKey, TokenSigner};
pub use token::token_label;
pub use uri::{ObjectType, Pkcs11Uri, is_pkcs11_uri, redact, redact_all};
