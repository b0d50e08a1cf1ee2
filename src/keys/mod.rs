//! Private keys: their types, generation, import from every format cfssl and
//! openssl write, sealing with age, and the [`Signer`] seam through which
//! every CA signature is made.
//!
//! aws-lc-rs signs (it is 2× faster than ring for RSA and has P-521); the
//! pure-Rust `rsa` crate generates RSA keys of any size from 2048 to 8192
//! bits, which aws-lc only offers for four fixed sizes. README "Crypto
//! backend" has the measurements.

mod algorithm;
mod private_key;
pub mod sealed;
pub mod signer;

use der::asn1::ObjectIdentifier;

pub use algorithm::KeyAlgorithm;
pub use private_key::{PrivateKey, check_rsa_exponent};
pub use signer::{KeyMaker, KeySource, NewKey, SealedKey, Signer, Unsealed, open_ca_key};

// OIDS: move to x509::oid
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(crate) const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub(crate) const SECP521R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_WITH_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
