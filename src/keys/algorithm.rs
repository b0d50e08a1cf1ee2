//! Key types and sizes: what a CSR JSON `key` section names, and what
//! certsmith signs with and issues for.

use std::fmt;

use aws_lc_rs::signature::{self, EcdsaSigningAlgorithm};
use der::asn1::ObjectIdentifier;

use crate::Result;

/// A key type and size, as a CSR JSON `key` section names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa(usize),
    EcdsaP256,
    EcdsaP384,
    EcdsaP521,
    Ed25519,
}

impl KeyAlgorithm {
    /// cfssl's `{"algo": …, "size": …}`. A missing size means the usual
    /// default (RSA 2048, ECDSA 256); cfssl refuses RSA without a size, which
    /// helps nobody.
    pub fn from_spec(algo: &str, size: Option<i64>) -> Result<Self, String> {
        match algo.to_ascii_lowercase().as_str() {
            "rsa" => match size.unwrap_or(2048) {
                bits @ 2048..=8192 => Ok(KeyAlgorithm::Rsa(bits as usize)),
                bits => Err(format!("RSA size {bits} is outside 2048..8192")),
            },
            "ecdsa" | "ec" => match size.unwrap_or(256) {
                256 => Ok(KeyAlgorithm::EcdsaP256),
                384 => Ok(KeyAlgorithm::EcdsaP384),
                521 => Ok(KeyAlgorithm::EcdsaP521),
                bits => Err(format!("ECDSA size {bits} is not one of 256, 384, 521")),
            },
            "ed25519" => Ok(KeyAlgorithm::Ed25519),
            other => Err(format!(
                "unknown algo \"{other}\" (use rsa, ecdsa or ed25519)"
            )),
        }
    }

    /// The family name used in messages about allowed key usages.
    pub fn family(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa(_) => "RSA",
            KeyAlgorithm::EcdsaP256 | KeyAlgorithm::EcdsaP384 | KeyAlgorithm::EcdsaP521 => "ECDSA",
            KeyAlgorithm::Ed25519 => "Ed25519",
        }
    }

    pub(crate) fn ecdsa_signing(self) -> Option<&'static EcdsaSigningAlgorithm> {
        Some(match self {
            KeyAlgorithm::EcdsaP256 => &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
            KeyAlgorithm::EcdsaP384 => &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
            KeyAlgorithm::EcdsaP521 => &signature::ECDSA_P521_SHA512_ASN1_SIGNING,
            _ => return None,
        })
    }

    pub(crate) fn curve_oid(self) -> Option<ObjectIdentifier> {
        crate::x509::signature::curve_oid(self)
    }

    pub(crate) fn from_curve_oid(oid: ObjectIdentifier) -> Option<Self> {
        [
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
        ]
        .into_iter()
        .find(|a| a.curve_oid() == Some(oid))
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa(bits) => write!(f, "RSA {bits}"),
            KeyAlgorithm::EcdsaP256 => f.write_str("ECDSA P-256"),
            KeyAlgorithm::EcdsaP384 => f.write_str("ECDSA P-384"),
            KeyAlgorithm::EcdsaP521 => f.write_str("ECDSA P-521"),
            KeyAlgorithm::Ed25519 => f.write_str("Ed25519"),
        }
    }
}
