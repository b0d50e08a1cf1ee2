//! Private keys: their types, generation, import from every format cfssl and
//! openssl write, sealing with age, and the [`Signer`] seam through which
//! every CA signature is made.
//!
//! aws-lc-rs signs (it is 2× faster than ring for RSA and has P-521); the
//! pure-Rust `rsa` crate generates RSA keys of any size from 2048 to 8192
//! bits, which aws-lc only offers for four fixed sizes. README "Crypto
//! backend" has the measurements.

mod algorithm;
pub mod pkcs11;
mod private_key;
pub mod quorum;
pub mod sealed;
pub mod signer;

pub use algorithm::KeyAlgorithm;
pub use private_key::{PrivateKey, check_rsa_exponent};
pub use signer::{KeyMaker, KeySource, NewKey, SealedKey, Signer, Unsealed, open_ca_key};

/// Refuses a sealed key (age-sealed, or sealed to a quorum) given to be
/// written out as `format` (`"DER"`, `"a PKCS#12 file"`): a plaintext copy
/// of it is made on purpose (`key decrypt`), never on the way to another
/// format. Every export asks here.
pub fn refuse_sealed_for_export(
    bytes: &[u8],
    source: &str,
    format: &'static str,
) -> crate::Result<()> {
    if quorum::is_quorum(bytes) {
        return Err(crate::QuorumError::NotExportable {
            path: source.to_owned(),
            format,
        }
        .into());
    }
    if sealed::is_sealed(bytes) {
        return Err(crate::Error::SealedKeyNotExportable {
            path: source.to_owned(),
            format,
        });
    }
    Ok(())
}

// The key and curve OIDs of SubjectPublicKeyInfo, from the one vocabulary.
pub(crate) use crate::x509::oid::{EC_PUBLIC_KEY, ED25519, RSA_ENCRYPTION};
