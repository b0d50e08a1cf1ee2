//! Signature algorithms by name and OID, and checking signatures made by
//! someone else's key: on CSRs (proof that the requester holds the key),
//! on certificates for chains, and on ledger lines.

use std::fmt;

use aws_lc_rs::signature::{self, VerificationAlgorithm};
use der::asn1::{Any, Null};
use spki::AlgorithmIdentifierOwned;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

use crate::keys::KeyAlgorithm;
use crate::x509::oid::{self, ObjectIdentifier};

/// A signature algorithm certsmith can name: every one cfssl's
/// `helpers.SignatureString` names. Only some are verified ([`Self::verifier`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    Md2WithRsa,
    Md5WithRsa,
    Sha1WithRsa,
    Sha256WithRsa,
    Sha384WithRsa,
    Sha512WithRsa,
    DsaWithSha1,
    DsaWithSha256,
    EcdsaWithSha1,
    EcdsaWithSha256,
    EcdsaWithSha384,
    EcdsaWithSha512,
    Ed25519,
}

/// Each algorithm, its OID and cfssl's name for it.
const ALGORITHMS: [(SignatureAlgorithm, ObjectIdentifier, &str); 13] = {
    use SignatureAlgorithm::*;
    [
        (Md2WithRsa, oid::MD2_WITH_RSA, "MD2WithRSA"),
        (Md5WithRsa, oid::MD5_WITH_RSA, "MD5WithRSA"),
        (Sha1WithRsa, oid::SHA1_WITH_RSA, "SHA1WithRSA"),
        (Sha256WithRsa, oid::SHA256_WITH_RSA, "SHA256WithRSA"),
        (Sha384WithRsa, oid::SHA384_WITH_RSA, "SHA384WithRSA"),
        (Sha512WithRsa, oid::SHA512_WITH_RSA, "SHA512WithRSA"),
        (DsaWithSha1, oid::DSA_WITH_SHA1, "DSAWithSHA1"),
        (DsaWithSha256, oid::DSA_WITH_SHA256, "DSAWithSHA256"),
        (EcdsaWithSha1, oid::ECDSA_WITH_SHA1, "ECDSAWithSHA1"),
        (EcdsaWithSha256, oid::ECDSA_WITH_SHA256, "ECDSAWithSHA256"),
        (EcdsaWithSha384, oid::ECDSA_WITH_SHA384, "ECDSAWithSHA384"),
        (EcdsaWithSha512, oid::ECDSA_WITH_SHA512, "ECDSAWithSHA512"),
        (Ed25519, oid::ED25519, "Ed25519"),
    ]
};

impl SignatureAlgorithm {
    /// Every algorithm, in cfssl's order.
    pub const ALL: [SignatureAlgorithm; ALGORITHMS.len()] = {
        let mut all = [SignatureAlgorithm::Ed25519; ALGORITHMS.len()];
        let mut i = 0;
        while i < ALGORITHMS.len() {
            all[i] = ALGORITHMS[i].0;
            i += 1;
        }
        all
    };

    pub fn from_oid(id: &ObjectIdentifier) -> Option<SignatureAlgorithm> {
        ALGORITHMS.iter().find(|(_, o, _)| o == id).map(|e| e.0)
    }

    /// cfssl's name (`SHA256WithRSA`), exactly as [`Self::name`] writes it.
    pub fn from_name(name: &str) -> Option<SignatureAlgorithm> {
        ALGORITHMS.iter().find(|(_, _, n)| *n == name).map(|e| e.0)
    }

    fn entry(self) -> &'static (SignatureAlgorithm, ObjectIdentifier, &'static str) {
        ALGORITHMS
            .iter()
            .find(|e| e.0 == self)
            .expect("every algorithm is in the table")
    }

    pub fn oid(self) -> ObjectIdentifier {
        self.entry().1
    }

    /// cfssl's `helpers.SignatureString` name.
    pub fn name(self) -> &'static str {
        self.entry().2
    }

    /// The algorithm certsmith signs with for a key: SHA-256 for RSA, the
    /// curve's own hash for ECDSA (RFC 5480 §4), Ed25519 for Ed25519.
    pub fn for_key(key: KeyAlgorithm) -> SignatureAlgorithm {
        match key {
            // cfssl's choice of hash for RSA issuers (signer.DefaultSigAlgo),
            // whether the key is in a file or in a token.
            KeyAlgorithm::Rsa(bits) if bits >= 4096 => SignatureAlgorithm::Sha512WithRsa,
            KeyAlgorithm::Rsa(bits) if bits >= 3072 => SignatureAlgorithm::Sha384WithRsa,
            KeyAlgorithm::Rsa(_) => SignatureAlgorithm::Sha256WithRsa,
            KeyAlgorithm::EcdsaP256 => SignatureAlgorithm::EcdsaWithSha256,
            KeyAlgorithm::EcdsaP384 => SignatureAlgorithm::EcdsaWithSha384,
            KeyAlgorithm::EcdsaP521 => SignatureAlgorithm::EcdsaWithSha512,
            KeyAlgorithm::Ed25519 => SignatureAlgorithm::Ed25519,
        }
    }

    /// The AlgorithmIdentifier a signature with this algorithm carries.
    pub fn identifier(self) -> AlgorithmIdentifierOwned {
        use SignatureAlgorithm::*;
        let parameters = match self {
            // RFC 4055 §5: the parameters of the RSA PKCS#1 v1.5 OIDs are NULL.
            Md2WithRsa | Md5WithRsa | Sha1WithRsa | Sha256WithRsa | Sha384WithRsa
            | Sha512WithRsa => Some(Any::from(Null)),
            // RFC 5758 §3.2 (ECDSA, DSA), RFC 8410 §3 (Ed25519): absent.
            _ => None,
        };
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters,
        }
    }

    /// What aws-lc verifies this algorithm with for a key of `key`'s kind;
    /// `None` for what certsmith does not accept: SHA-1, MD5, DSA, and a key
    /// of the wrong family. ECDSA's hash need not match the curve.
    pub fn verifier(self, key: KeyAlgorithm) -> Option<&'static dyn VerificationAlgorithm> {
        use KeyAlgorithm as K;
        use SignatureAlgorithm as S;
        Some(match (self, key) {
            (S::Sha256WithRsa, K::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA256,
            (S::Sha384WithRsa, K::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA384,
            (S::Sha512WithRsa, K::Rsa(_)) => &signature::RSA_PKCS1_2048_8192_SHA512,
            (S::EcdsaWithSha256, K::EcdsaP256) => &signature::ECDSA_P256_SHA256_ASN1,
            (S::EcdsaWithSha384, K::EcdsaP256) => &signature::ECDSA_P256_SHA384_ASN1,
            (S::EcdsaWithSha512, K::EcdsaP256) => &signature::ECDSA_P256_SHA512_ASN1,
            (S::EcdsaWithSha256, K::EcdsaP384) => &signature::ECDSA_P384_SHA256_ASN1,
            (S::EcdsaWithSha384, K::EcdsaP384) => &signature::ECDSA_P384_SHA384_ASN1,
            (S::EcdsaWithSha512, K::EcdsaP384) => &signature::ECDSA_P384_SHA512_ASN1,
            (S::EcdsaWithSha256, K::EcdsaP521) => &signature::ECDSA_P521_SHA256_ASN1,
            (S::EcdsaWithSha384, K::EcdsaP521) => &signature::ECDSA_P521_SHA384_ASN1,
            (S::EcdsaWithSha512, K::EcdsaP521) => &signature::ECDSA_P521_SHA512_ASN1,
            (S::Ed25519, K::Ed25519) => &signature::ED25519,
            _ => return None,
        })
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// cfssl's name for the signature algorithm a parsed object names, or
/// cfssl's "Unknown Signature".
pub fn name_of(alg: &AlgorithmIdentifier<'_>) -> &'static str {
    oid::from_parser(&alg.algorithm)
        .and_then(|id| SignatureAlgorithm::from_oid(&id))
        .map_or("Unknown Signature", SignatureAlgorithm::name)
}

/// The named curves, the key each one is, or why certsmith refuses it. The
/// refused ones are named so that the message says which curve it is.
const CURVES: [(ObjectIdentifier, Result<KeyAlgorithm, &str>); 6] = [
    (oid::SECP256R1, Ok(KeyAlgorithm::EcdsaP256)),
    (oid::SECP384R1, Ok(KeyAlgorithm::EcdsaP384)),
    (oid::SECP521R1, Ok(KeyAlgorithm::EcdsaP521)),
    (oid::SECP256K1, Err("secp256k1")),
    (oid::SECP224R1, Err("P-224")),
    (oid::SECP192R1, Err("P-192")),
];

/// The named-curve OID of an ECDSA key (RFC 5480 §2.1.1.1).
pub fn curve_oid(key: KeyAlgorithm) -> Option<ObjectIdentifier> {
    CURVES
        .iter()
        .find(|(_, k)| *k == Ok(key))
        .map(|(id, _)| *id)
}

/// The ECDSA key a named-curve OID makes, or what the curve is.
fn ecdsa_key(curve: Option<ObjectIdentifier>) -> Result<KeyAlgorithm, String> {
    let named = curve.and_then(|c| CURVES.iter().find(|(id, _)| *id == c));
    match named {
        Some((_, Ok(key))) => Ok(*key),
        Some((_, Err(name))) => Err(format!("elliptic curve {name} (use P-256, P-384 or P-521)")),
        None => Err(format!(
            "elliptic curve {} (use P-256, P-384 or P-521)",
            curve.map(|c| c.to_string()).unwrap_or_default()
        )),
    }
}

/// The key algorithm of a SubjectPublicKeyInfo, or a description of what it is.
pub fn key_algorithm(spki: &SubjectPublicKeyInfo<'_>) -> Result<KeyAlgorithm, String> {
    let algorithm = oid::from_parser(&spki.algorithm.algorithm);
    if algorithm == Some(oid::RSA_ENCRYPTION) {
        let bits = spki
            .parsed()
            .map_err(|e| format!("bad RSA public key: {e}"))?
            .key_size();
        Ok(KeyAlgorithm::Rsa(bits))
    } else if algorithm == Some(oid::EC_PUBLIC_KEY) {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.as_oid().ok())
            .and_then(|o| oid::from_parser(&o));
        ecdsa_key(curve)
    } else if algorithm == Some(oid::ED25519) {
        Ok(KeyAlgorithm::Ed25519)
    } else {
        Err(format!(
            "public key algorithm {}",
            spki.algorithm.algorithm.to_id_string()
        ))
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

/// [`verify`], with a key and algorithm already read (a parsed
/// [`crate::x509::certificate::Certificate`]'s).
pub fn verify_with_key(
    key: KeyAlgorithm,
    public_key_bits: &[u8],
    algorithm: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let verifier = SignatureAlgorithm::from_oid(algorithm)
        .and_then(|alg| alg.verifier(key))
        .ok_or_else(|| VerifyError::Unsupported(algorithm.to_string()))?;
    signature::UnparsedPublicKey::new(verifier, public_key_bits)
        .verify(message, signature)
        .map_err(|_| VerifyError::Invalid)
}

/// [`verify`], with the signature algorithm given by its dotted OID (as
/// the ledger records it).
pub fn verify_oid(
    spki: &SubjectPublicKeyInfo<'_>,
    dotted: &str,
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let unsupported = || VerifyError::Unsupported(dotted.to_string());
    let key = key_algorithm(spki).map_err(|_| unsupported())?;
    let algorithm = ObjectIdentifier::new(dotted).map_err(|_| unsupported())?;
    verify_with_key(
        key,
        &spki.subject_public_key.data,
        &algorithm,
        message,
        signature,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signature_algorithm_round_trips() {
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(SignatureAlgorithm::from_oid(&alg.oid()), Some(alg));
            assert_eq!(SignatureAlgorithm::from_name(alg.name()), Some(alg));
            assert_eq!(alg.identifier().oid, alg.oid());
        }
    }

    #[test]
    fn rsa_hashes_grow_with_the_key_as_cfssls_do() {
        use SignatureAlgorithm::*;
        for (bits, hash) in [
            (2048, Sha256WithRsa),
            (3071, Sha256WithRsa),
            (3072, Sha384WithRsa),
            (4095, Sha384WithRsa),
            (4096, Sha512WithRsa),
            (8192, Sha512WithRsa),
        ] {
            assert_eq!(
                SignatureAlgorithm::for_key(KeyAlgorithm::Rsa(bits)),
                hash,
                "{bits}"
            );
        }
    }

    #[test]
    fn certsmith_verifies_what_it_signs_with() {
        for key in [
            KeyAlgorithm::Rsa(2048),
            KeyAlgorithm::Rsa(3072),
            KeyAlgorithm::Rsa(4096),
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
            KeyAlgorithm::Ed25519,
        ] {
            assert!(SignatureAlgorithm::for_key(key).verifier(key).is_some());
        }
        assert!(
            SignatureAlgorithm::Sha1WithRsa
                .verifier(KeyAlgorithm::Rsa(2048))
                .is_none()
        );
        assert!(
            SignatureAlgorithm::EcdsaWithSha256
                .verifier(KeyAlgorithm::Ed25519)
                .is_none()
        );
    }

    #[test]
    fn curves_round_trip_and_refused_ones_are_named() {
        for key in [
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
        ] {
            assert_eq!(ecdsa_key(curve_oid(key)), Ok(key));
        }
        assert_eq!(curve_oid(KeyAlgorithm::Ed25519), None);
        assert_eq!(
            ecdsa_key(Some(oid::SECP256K1)),
            Err("elliptic curve secp256k1 (use P-256, P-384 or P-521)".into())
        );
    }
}
