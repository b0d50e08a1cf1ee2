//! Checking signatures made by someone else's key: on CSRs (proof that the
//! requester holds the key) and, for chains, on certificates.

use aws_lc_rs::signature::{self, VerificationAlgorithm};
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

use crate::keys::KeyAlgorithm;

/// The key algorithm of a SubjectPublicKeyInfo, or a description of what it is.
pub fn key_algorithm(spki: &SubjectPublicKeyInfo<'_>) -> Result<KeyAlgorithm, String> {
    let oid = spki.algorithm.algorithm.to_id_string();
    match oid.as_str() {
        "1.2.840.113549.1.1.1" => {
            let bits = spki
                .parsed()
                .map_err(|e| format!("bad RSA public key: {e}"))?
                .key_size();
            Ok(KeyAlgorithm::Rsa(bits))
        }
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())
                .unwrap_or_default();
            match curve.as_str() {
                "1.2.840.10045.3.1.7" => Ok(KeyAlgorithm::EcdsaP256),
                "1.3.132.0.34" => Ok(KeyAlgorithm::EcdsaP384),
                "1.3.132.0.35" => Ok(KeyAlgorithm::EcdsaP521),
                // Named, so that the message says which curve it is.
                "1.3.132.0.10" => {
                    Err("elliptic curve secp256k1 (use P-256, P-384 or P-521)".into())
                }
                "1.3.132.0.33" => Err("elliptic curve P-224 (use P-256, P-384 or P-521)".into()),
                "1.2.840.10045.3.1.1" => {
                    Err("elliptic curve P-192 (use P-256, P-384 or P-521)".into())
                }
                other => Err(format!(
                    "elliptic curve {other} (use P-256, P-384 or P-521)"
                )),
            }
        }
        "1.3.101.112" => Ok(KeyAlgorithm::Ed25519),
        other => Err(format!("public key algorithm {other}")),
    }
}

/// Why a signature was not accepted.
#[derive(Debug)]
pub enum VerifyError {
    /// The signature algorithm (OID) is one certsmith does not verify.
    Unsupported(String),
    /// The signature is wrong.
    Invalid,
}

/// Verifies `signature` over `message` with `spki`, using the algorithm
/// `alg` names. Only the algorithms certsmith itself signs with (and their
/// cross-hash ECDSA variants) are accepted; SHA-1 and RSA-PSS are not.
pub fn verify(
    spki: &SubjectPublicKeyInfo<'_>,
    alg: &AlgorithmIdentifier<'_>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    verify_oid(spki, &alg.algorithm.to_id_string(), message, signature)
}

/// [`verify`], with the signature algorithm given by its dotted OID.
pub fn verify_oid(
    spki: &SubjectPublicKeyInfo<'_>,
    oid: &str,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let oid = oid.to_string();
    let unsupported = || VerifyError::Unsupported(oid.clone());
    let key = key_algorithm(spki).map_err(|_| unsupported())?;
    let algorithm: &'static dyn VerificationAlgorithm = match (oid.as_str(), key) {
        ("1.2.840.113549.1.1.11", KeyAlgorithm::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA256,
        ("1.2.840.113549.1.1.12", KeyAlgorithm::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA384,
        ("1.2.840.113549.1.1.13", KeyAlgorithm::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA512,
        ("1.2.840.10045.4.3.2", KeyAlgorithm::EcdsaP256) => &signature::ECDSA_P256_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", KeyAlgorithm::EcdsaP256) => &signature::ECDSA_P256_SHA384_ASN1,
        ("1.2.840.10045.4.3.4", KeyAlgorithm::EcdsaP256) => &signature::ECDSA_P256_SHA512_ASN1,
        ("1.2.840.10045.4.3.2", KeyAlgorithm::EcdsaP384) => &signature::ECDSA_P384_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", KeyAlgorithm::EcdsaP384) => &signature::ECDSA_P384_SHA384_ASN1,
        ("1.2.840.10045.4.3.4", KeyAlgorithm::EcdsaP384) => &signature::ECDSA_P384_SHA512_ASN1,
        ("1.2.840.10045.4.3.2", KeyAlgorithm::EcdsaP521) => &signature::ECDSA_P521_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", KeyAlgorithm::EcdsaP521) => &signature::ECDSA_P521_SHA384_ASN1,
        ("1.2.840.10045.4.3.4", KeyAlgorithm::EcdsaP521) => &signature::ECDSA_P521_SHA512_ASN1,
        ("1.3.101.112", KeyAlgorithm::Ed25519) => &signature::ED25519,
        _ => return Err(unsupported()),
    };
    signature::UnparsedPublicKey::new(algorithm, &spki.subject_public_key.data[..])
        .verify(message, signature)
        .map_err(|_| VerifyError::Invalid)
}
