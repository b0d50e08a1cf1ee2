//! Reports of private and public keys: a private key is described by its
//! public half only, and a sealed or PEM-encrypted one is not opened.

use serde::Serialize;
use x509_parser::prelude::*;

use super::{KeyInfo, Location};
use crate::hex;
use crate::keys::{KeyAlgorithm, PrivateKey};
use crate::{Result, x509::pemfile, x509::signature};

#[derive(Debug, Clone, Serialize)]
pub struct PrivateKeyReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    /// `None` when the key is sealed or PEM-encrypted: it is not opened.
    pub key: Option<KeyInfo>,
    /// SHA-256 of the public key's SubjectPublicKeyInfo, when the key is readable.
    pub public_key_sha256: Option<String>,
    /// Age-encrypted (certsmith's sealed keys).
    pub sealed: bool,
    /// PEM-encrypted (`ENCRYPTED PRIVATE KEY`, or `Proc-Type: 4,ENCRYPTED`).
    pub pem_encrypted: bool,
    /// Sealed to a quorum (issue 20): the header, which names the public key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum: Option<QuorumReport>,
    pub warnings: Vec<String>,
}

/// What a quorum file's header says: nothing in it is secret.
#[derive(Debug, Clone, Serialize)]
pub struct QuorumReport {
    pub id: String,
    pub threshold: u8,
    pub recipient: String,
    pub custodians: Vec<CustodianReport>,
}

/// One custodian: its label and the recipient its share is sealed to.
#[derive(Debug, Clone, Serialize)]
pub struct CustodianReport {
    pub label: String,
    pub recipient: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicKeyReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    pub key: KeyInfo,
    /// SHA-256 of the SubjectPublicKeyInfo.
    pub sha256: String,
    pub warnings: Vec<String>,
}

pub(super) fn key_info(spki: &SubjectPublicKeyInfo<'_>) -> KeyInfo {
    match signature::key_algorithm(spki) {
        Ok(alg) => {
            let (algorithm, size, curve) = match alg {
                KeyAlgorithm::Rsa(bits) => ("RSA", bits, None),
                KeyAlgorithm::EcdsaP256 => ("ECDSA", 256, Some("P-256")),
                KeyAlgorithm::EcdsaP384 => ("ECDSA", 384, Some("P-384")),
                KeyAlgorithm::EcdsaP521 => ("ECDSA", 521, Some("P-521")),
                KeyAlgorithm::Ed25519 => ("Ed25519", 256, None),
            };
            KeyInfo {
                algorithm: algorithm.into(),
                size,
                curve,
                display: alg.to_string(),
            }
        }
        Err(what) => KeyInfo {
            algorithm: "unknown".into(),
            size: 0,
            curve: None,
            display: format!("unsupported ({what})"),
        },
    }
}

pub(super) fn key_warnings(key: &KeyInfo) -> Vec<String> {
    if key.algorithm == "RSA" && key.size < 2048 {
        vec![format!("weak key: RSA {} (less than 2048 bits)", key.size)]
    } else {
        Vec::new()
    }
}

pub(super) fn private_key(key: &PrivateKey, location: Location) -> PrivateKeyReport {
    let info = SubjectPublicKeyInfo::from_der(key.spki_der())
        .map(|(_, spki)| key_info(&spki))
        .unwrap_or_else(|_| KeyInfo {
            algorithm: key.algorithm().family().into(),
            size: 0,
            curve: None,
            display: key.algorithm().to_string(),
        });
    PrivateKeyReport {
        location,
        kind: "private_key",
        warnings: key_warnings(&info),
        key: Some(info),
        public_key_sha256: Some(hex::sha256_colon(key.spki_der())),
        sealed: false,
        pem_encrypted: false,
        quorum: None,
    }
}

/// A key sealed to a quorum, described from its header: the public key
/// and the custodians, with nothing opened.
pub(super) fn quorum_key(
    file: &crate::keys::quorum::QuorumFile,
    location: Location,
) -> PrivateKeyReport {
    let info = SubjectPublicKeyInfo::from_der(&file.spki)
        .map(|(_, spki)| key_info(&spki))
        .ok();
    PrivateKeyReport {
        warnings: info.as_ref().map(key_warnings).unwrap_or_default(),
        key: info,
        public_key_sha256: Some(hex::sha256_colon(&file.spki)),
        quorum: Some(QuorumReport {
            id: hex::lower(&file.id),
            threshold: file.threshold,
            recipient: file.recipient.clone(),
            custodians: file
                .custodians
                .iter()
                .map(|c| CustodianReport {
                    label: c.label.clone(),
                    recipient: c.to.clone(),
                })
                .collect(),
        }),
        ..sealed_key(location)
    }
}

pub(super) fn sealed_key(location: Location) -> PrivateKeyReport {
    PrivateKeyReport {
        location,
        kind: "private_key",
        key: None,
        public_key_sha256: None,
        sealed: true,
        pem_encrypted: false,
        quorum: None,
        warnings: Vec::new(),
    }
}

pub(super) fn encrypted_key(location: Location) -> PrivateKeyReport {
    PrivateKeyReport {
        pem_encrypted: true,
        sealed: false,
        ..sealed_key(location)
    }
}

pub(super) fn public_key(der: &[u8], location: Location, source: &str) -> Result<PublicKeyReport> {
    let (_, spki) =
        SubjectPublicKeyInfo::from_der(der).map_err(|e| crate::Error::PublicKeyParse {
            source: source.into(),
            reason: pemfile::der_problem(der, &e),
        })?;
    let key = key_info(&spki);
    Ok(PublicKeyReport {
        location,
        kind: "public_key",
        warnings: key_warnings(&key),
        key,
        sha256: hex::sha256_colon(der),
    })
}
