//! What a token's key looks like to the rest of certsmith: the public key
//! attributes PKCS#11 returns (`CKA_MODULUS`/`CKA_PUBLIC_EXPONENT`,
//! `CKA_EC_PARAMS`/`CKA_EC_POINT`) as the SubjectPublicKeyInfo a
//! certificate holds, and the token's signatures in X.509's encodings
//! (ECDSA's raw r‖s as an Ecdsa-Sig-Value, RSA's DigestInfo to sign).
//! Pure: unit-tested without a token.

use der::asn1::{ObjectIdentifier, OctetStringRef, PrintableStringRef, UintRef};
use der::{Decode, Encode, Sequence};

use crate::keys::KeyAlgorithm;
use crate::keys::private_key::spki_der;
use crate::{Error, Pkcs11Error, Result};

/// A token key's public half, encoded as a key file's would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPublicKey {
    pub algorithm: KeyAlgorithm,
    /// The raw subjectPublicKey bits: a PKCS#1 RSAPublicKey, an
    /// uncompressed EC point, or an Ed25519 key.
    pub public_key_bits: Vec<u8>,
    /// The DER SubjectPublicKeyInfo.
    pub spki_der: Vec<u8>,
}

impl TokenPublicKey {
    fn new(algorithm: KeyAlgorithm, public_key_bits: Vec<u8>) -> TokenPublicKey {
        TokenPublicKey {
            spki_der: spki_der(algorithm, &public_key_bits),
            algorithm,
            public_key_bits,
        }
    }
}

/// An RSA key from `CKA_MODULUS` and `CKA_PUBLIC_EXPONENT` (unsigned
/// big-endian, maybe with leading zero bytes), of `key` (for messages).
/// The bits are DER as in a certificate: no leading zeros but the one DER
/// needs before a high bit, so a byte comparison with the CA's key works.
pub fn rsa_public(modulus: &[u8], exponent: &[u8], key: &str) -> Result<TokenPublicKey> {
    let malformed = |what| malformed(key, what);
    let modulus = UintRef::new(modulus).map_err(|_| malformed("an unreadable RSA modulus"))?;
    let exponent = UintRef::new(exponent).map_err(|_| malformed("an unreadable RSA exponent"))?;
    let bits = match modulus.as_bytes() {
        [first, ..] if *first != 0 => modulus.as_bytes().len() * 8 - first.leading_zeros() as usize,
        _ => return Err(malformed("an empty RSA modulus")),
    };
    if !(2048..=8192).contains(&bits) {
        return Err(Error::UnsupportedKey {
            source: key.into(),
            what: format!("RSA key of {bits} bits (certsmith uses RSA keys of 2048 to 8192 bits)"),
        });
    }
    let der = pkcs1::RsaPublicKey {
        modulus,
        public_exponent: exponent,
    }
    .to_der()
    .map_err(|_| malformed("an RSA key that does not encode"))?;
    Ok(TokenPublicKey::new(KeyAlgorithm::Rsa(bits), der))
}

/// An EC or Edwards key from `CKA_EC_PARAMS` (the curve's OID, or for
/// Ed25519 also the PrintableString "edwards25519" that SoftHSM and PKCS#11
/// 3.0 use) and `CKA_EC_POINT`: a DER OCTET STRING around the point, as
/// PKCS#11 2.40 says and SoftHSM answers (long form for P-521), or the raw
/// point, as some tokens answer and PKCS#11 3.2 says for Edwards keys.
pub fn ec_public(params: &[u8], point: &[u8], key: &str) -> Result<TokenPublicKey> {
    let algorithm = curve(params).ok_or_else(|| Error::UnsupportedKey {
        source: key.into(),
        what: format!(
            "elliptic curve with parameters {} (use P-256, P-384, P-521 or Ed25519)",
            crate::hex::lower(params)
        ),
    })?;
    let length = point_length(algorithm);
    let raw = if point.len() == length {
        point
    } else {
        <&OctetStringRef>::from_der(point)
            .map(|octets| octets.as_bytes())
            .ok()
            .filter(|raw| raw.len() == length)
            .ok_or_else(|| {
                malformed(
                    key,
                    "an EC point that is neither the curve's uncompressed point nor one in an OCTET STRING",
                )
            })?
    };
    if algorithm != KeyAlgorithm::Ed25519 && raw[0] != 0x04 {
        return Err(malformed(key, "an EC point that is not uncompressed"));
    }
    Ok(TokenPublicKey::new(algorithm, raw.to_vec()))
}

fn curve(params: &[u8]) -> Option<KeyAlgorithm> {
    if let Ok(oid) = ObjectIdentifier::from_der(params) {
        return match oid {
            crate::keys::ED25519 => Some(KeyAlgorithm::Ed25519),
            oid => KeyAlgorithm::from_curve_oid(oid),
        };
    }
    let name = PrintableStringRef::from_der(params).ok()?;
    (name.as_str() == "edwards25519").then_some(KeyAlgorithm::Ed25519)
}

/// The size of one coordinate (ECDSA) or of the key (Ed25519), in bytes.
fn field_length(algorithm: KeyAlgorithm) -> usize {
    match algorithm {
        KeyAlgorithm::EcdsaP256 | KeyAlgorithm::Ed25519 => 32,
        KeyAlgorithm::EcdsaP384 => 48,
        KeyAlgorithm::EcdsaP521 => 66,
        KeyAlgorithm::Rsa(bits) => bits.div_ceil(8),
    }
}

/// An uncompressed point is 04‖X‖Y; an Ed25519 key is 32 bytes.
fn point_length(algorithm: KeyAlgorithm) -> usize {
    match algorithm {
        KeyAlgorithm::Ed25519 => 32,
        ec => 1 + 2 * field_length(ec),
    }
}

/// RFC 3279 §2.2.3.
#[derive(Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

/// A `CKM_ECDSA` signature (r‖s, each as long as the curve's field) as
/// the DER Ecdsa-Sig-Value that X.509 carries.
pub fn ecdsa_signature_der(raw: &[u8], algorithm: KeyAlgorithm, key: &str) -> Result<Vec<u8>> {
    let bad = || malformed(key, "an ECDSA signature of the wrong length");
    if raw.len() != 2 * field_length(algorithm) {
        return Err(bad());
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    EcdsaSigValue {
        r: UintRef::new(r).map_err(|_| bad())?,
        s: UintRef::new(s).map_err(|_| bad())?,
    }
    .to_der()
    .map_err(|_| bad())
}

/// The hashes of RSA PKCS#1 v1.5 signatures certsmith makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaHash {
    Sha256,
    Sha384,
    Sha512,
}

impl RsaHash {
    /// The DER DigestInfo before the digest (RFC 8017 §9.2, note 1).
    fn prefix(self) -> &'static [u8] {
        match self {
            RsaHash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            RsaHash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            RsaHash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    fn digest_algorithm(self) -> &'static aws_lc_rs::digest::Algorithm {
        match self {
            RsaHash::Sha256 => &aws_lc_rs::digest::SHA256,
            RsaHash::Sha384 => &aws_lc_rs::digest::SHA384,
            RsaHash::Sha512 => &aws_lc_rs::digest::SHA512,
        }
    }
}

/// What `CKM_RSA_PKCS` signs for a PKCS#1 v1.5 signature of `message`:
/// the DigestInfo of its hash, computed here (Boulder does the same; every
/// token has the mechanism, and under 100 bytes cross a smart card's link).
pub fn rsa_digest_info(hash: RsaHash, message: &[u8]) -> Vec<u8> {
    let digest = aws_lc_rs::digest::digest(hash.digest_algorithm(), message);
    [hash.prefix(), digest.as_ref()].concat()
}

/// What `CKM_ECDSA` signs: the hash of `message` that the curve's
/// signature algorithm names (RFC 5480 §4): SoftHSM has no
/// `CKM_ECDSA_SHA256`, so the hash is computed here.
pub fn ecdsa_digest(algorithm: KeyAlgorithm, message: &[u8]) -> Vec<u8> {
    let hash = match algorithm {
        KeyAlgorithm::EcdsaP384 => &aws_lc_rs::digest::SHA384,
        KeyAlgorithm::EcdsaP521 => &aws_lc_rs::digest::SHA512,
        _ => &aws_lc_rs::digest::SHA256,
    };
    aws_lc_rs::digest::digest(hash, message).as_ref().to_vec()
}

fn malformed(key: &str, what: &'static str) -> Error {
    Pkcs11Error::MalformedAnswer {
        key: key.into(),
        what,
    }
    .into()
}

#[cfg(test)]
#[path = "public_tests.rs"]
mod tests;
