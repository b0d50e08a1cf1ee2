//! The private key held in memory: generation, import from every format
//! cfssl and openssl write, export as PKCS#8, and signing.
//!
//! Keys live in memory as PKCS#8 DER inside [`Zeroizing`] buffers and as
//! aws-lc key objects; `Debug` never shows the secret.

use std::fmt;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use der::asn1::{AnyRef, BitString, Null, ObjectIdentifier, OctetStringRef};
use der::{Any, Decode, Encode};
use spki::{AlgorithmIdentifier, AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use zeroize::Zeroizing;

use super::{EC_PUBLIC_KEY, ED25519, KeyAlgorithm, RSA_ENCRYPTION};
use crate::{Error, Result};

/// F4 = 65537, the one RSA public exponent certsmith signs with or for.
/// A small exponent such as 3 lets a lax PKCS#1 v1.5 verifier accept a
/// forged signature (Bleichenbacher 2006) and, in a key that encrypts,
/// unpadded or badly padded messages be recovered by a cube root; FIPS 186-5
/// §A.1.1 requires e > 2^16, and 65537 is what every toolkit makes (issue 13).
const RSA_F4: [u8; 3] = [0x01, 0x00, 0x01];

enum Pair {
    Rsa(RsaKeyPair, &'static signature::RsaSignatureEncoding),
    Ecdsa(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A private key that can sign. The secret never appears in `Debug`.
pub struct PrivateKey {
    algorithm: KeyAlgorithm,
    /// Where the key came from, for errors about it.
    source: String,
    pkcs8: Zeroizing<Vec<u8>>,
    pair: Pair,
    spki: Vec<u8>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &self.algorithm)
            .field("source", &self.source)
            .field("secret", &"[secret key elided]")
            .finish()
    }
}

impl PrivateKey {
    /// Makes a new key. RSA comes from the `rsa` crate (any size), the rest from aws-lc.
    pub fn generate(algorithm: KeyAlgorithm) -> Result<Self> {
        let failed = || Error::KeyGeneration {
            what: algorithm.to_string(),
        };
        let rng = SystemRandom::new();
        let pkcs8 = match algorithm {
            KeyAlgorithm::Rsa(bits) => {
                use rsa::pkcs8::EncodePrivateKey;
                let key =
                    rsa::PrivateKey::new(&mut getrandom::SysRng, bits).map_err(|_| failed())?;
                Zeroizing::new(
                    key.to_pkcs8_der()
                        .map_err(|_| failed())?
                        .as_bytes()
                        .to_vec(),
                )
            }
            KeyAlgorithm::Ed25519 => Zeroizing::new(
                Ed25519KeyPair::generate_pkcs8v1(&rng)
                    .map_err(|_| failed())?
                    .as_ref()
                    .to_vec(),
            ),
            ec => {
                let alg = ec.ecdsa_signing().expect("ECDSA algorithm");
                Zeroizing::new(
                    EcdsaKeyPair::generate_pkcs8(alg, &rng)
                        .map_err(|_| failed())?
                        .as_ref()
                        .to_vec(),
                )
            }
        };
        Self::from_pkcs8(pkcs8, "generated key")
    }

    /// Reads a key from PEM (any of `PRIVATE KEY`, `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY` after an optional `EC PARAMETERS` block, cfssl's
    /// `Ed25519 PRIVATE KEY`) or from DER (PKCS#8, PKCS#1 or SEC1).
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<Self> {
        if crate::keys::sealed::is_sealed(bytes) {
            return Err(Error::SealedKeyLocked {
                source: source.into(),
            });
        }
        if !crate::x509::pemfile::looks_like_pem(bytes) {
            return Self::from_der_any(bytes, source);
        }
        let blocks = crate::x509::pemfile::parse_all(bytes, source)?;
        let result = Self::from_pem_blocks(&blocks, source);
        // pem's blocks hold copies of the secret that it does not clear.
        for block in blocks {
            zeroize::Zeroize::zeroize(&mut block.into_contents());
        }
        result
    }

    fn from_pem_blocks(blocks: &[pem::Pem], source: &str) -> Result<Self> {
        for block in blocks {
            let encrypted = block
                .headers()
                .get("Proc-Type")
                .is_some_and(|v| v.contains("ENCRYPTED"));
            match block.tag() {
                "ENCRYPTED PRIVATE KEY" => {
                    return Err(Error::EncryptedPemKey {
                        source: source.into(),
                    });
                }
                _ if encrypted => {
                    return Err(Error::EncryptedPemKey {
                        source: source.into(),
                    });
                }
                "PRIVATE KEY" | "Ed25519 PRIVATE KEY" => {
                    return Self::from_pkcs8(Zeroizing::new(block.contents().to_vec()), source);
                }
                "RSA PRIVATE KEY" => return Self::from_pkcs1(block.contents(), source),
                "EC PRIVATE KEY" => return Self::from_sec1(block.contents(), source),
                _ => continue, // EC PARAMETERS, certificates next to the key, …
            }
        }
        // A certificate given as a key is named as such (issue 14), as a key
        // given as a certificate is.
        Err(not_a_key(
            blocks
                .iter()
                .find_map(|b| crate::x509::pemfile::kind_of(b.tag())),
            source,
        ))
    }

    fn from_der_any(der: &[u8], source: &str) -> Result<Self> {
        if pkcs8::PrivateKeyInfoRef::from_der(der).is_ok() {
            return Self::from_pkcs8(Zeroizing::new(der.to_vec()), source);
        }
        if pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(der).is_ok() {
            return Self::from_pkcs1(der, source);
        }
        if sec1::EcPrivateKey::from_der(der).is_ok() {
            return Self::from_sec1(der, source);
        }
        Err(not_a_key(crate::x509::pemfile::der_kind(der), source))
    }

    fn from_pkcs1(der: &[u8], source: &str) -> Result<Self> {
        let null = Any::from(Null);
        let algorithm = AlgorithmIdentifier {
            oid: RSA_ENCRYPTION,
            parameters: Some(null),
        };
        Self::from_pkcs8(wrap_pkcs8(algorithm, der, source)?, source)
    }

    fn from_sec1(der: &[u8], source: &str) -> Result<Self> {
        let key = sec1::EcPrivateKey::from_der(der).map_err(|e| Error::KeyParse {
            source: source.into(),
            reason: format!("SEC1: {e}"),
        })?;
        let curve = key
            .parameters
            .and_then(|p| p.named_curve())
            .ok_or_else(|| Error::KeyParse {
                source: source.into(),
                reason: "EC PRIVATE KEY without a named curve".into(),
            })?;
        let params = Any::encode_from(&curve).map_err(|e| Error::KeyParse {
            source: source.into(),
            reason: e.to_string(),
        })?;
        let algorithm = AlgorithmIdentifier {
            oid: EC_PUBLIC_KEY,
            parameters: Some(params),
        };
        Self::from_pkcs8(wrap_pkcs8(algorithm, der, source)?, source)
    }

    fn from_pkcs8(pkcs8: Zeroizing<Vec<u8>>, source: &str) -> Result<Self> {
        let bad = |reason: String| Error::KeyParse {
            source: source.into(),
            reason,
        };
        let info =
            pkcs8::PrivateKeyInfoRef::from_der(&pkcs8).map_err(|e| bad(format!("PKCS#8: {e}")))?;
        let oid = info.algorithm.oid;
        let (algorithm, pair) = if oid == RSA_ENCRYPTION {
            let kp = RsaKeyPair::from_pkcs8(&pkcs8).map_err(|e| {
                // aws-lc says only "TooSmall"/"TooLarge": name the size.
                match rsa_bits(info.private_key.as_bytes()) {
                    Some(bits) if !(2048..=8192).contains(&bits) => Error::UnsupportedKey {
                        source: source.into(),
                        what: format!(
                            "RSA key of {bits} bits (certsmith uses RSA keys of 2048 to 8192 bits)"
                        ),
                    },
                    _ => bad(format!("RSA: {e}")),
                }
            })?;
            let bits = kp.public_modulus_len() * 8;
            use crate::x509::signature::SignatureAlgorithm;
            let encoding: &'static signature::RsaSignatureEncoding =
                match SignatureAlgorithm::for_key(KeyAlgorithm::Rsa(bits)) {
                    SignatureAlgorithm::Sha512WithRsa => &signature::RSA_PKCS1_SHA512,
                    SignatureAlgorithm::Sha384WithRsa => &signature::RSA_PKCS1_SHA384,
                    _ => &signature::RSA_PKCS1_SHA256,
                };
            (KeyAlgorithm::Rsa(bits), Pair::Rsa(kp, encoding))
        } else if oid == EC_PUBLIC_KEY {
            let curve = info
                .algorithm
                .parameters
                .and_then(|p: AnyRef<'_>| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| bad("EC key without a named curve".into()))?;
            let algorithm =
                KeyAlgorithm::from_curve_oid(curve).ok_or_else(|| Error::UnsupportedKey {
                    source: source.into(),
                    what: format!("elliptic curve {curve} (use P-256, P-384 or P-521)"),
                })?;
            let kp = EcdsaKeyPair::from_pkcs8(algorithm.ecdsa_signing().expect("ECDSA"), &pkcs8)
                .map_err(|e| bad(format!("ECDSA: {e}")))?;
            (algorithm, Pair::Ecdsa(kp))
        } else if oid == ED25519 {
            let kp = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8)
                .map_err(|e| bad(format!("Ed25519: {e}")))?;
            (KeyAlgorithm::Ed25519, Pair::Ed25519(kp))
        } else {
            return Err(Error::UnsupportedKey {
                source: source.into(),
                what: format!("algorithm {oid}"),
            });
        };
        let spki = spki_der(algorithm, public_key_of(&pair));
        Ok(PrivateKey {
            algorithm,
            source: source.into(),
            pkcs8,
            pair,
            spki,
        })
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// Where the key came from, for messages about it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The DER SubjectPublicKeyInfo of this key.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// The raw subjectPublicKey bits: what two encodings of one key share.
    pub fn public_key_bits(&self) -> &[u8] {
        public_key_of(&self.pair)
    }

    /// The key as PKCS#8 DER (for a TLS client certificate).
    pub fn pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        self.pkcs8.clone()
    }

    /// The key as PKCS#8 `PRIVATE KEY` PEM.
    pub fn to_pem(&self) -> Zeroizing<String> {
        let block = pem::Pem::new("PRIVATE KEY", self.pkcs8.to_vec());
        let encoded = Zeroizing::new(pem::encode_config(
            &block,
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        ));
        // `block` holds a copy of the secret that pem does not clear.
        let mut contents = block.into_contents();
        zeroize::Zeroize::zeroize(&mut contents);
        encoded
    }

    /// The AlgorithmIdentifier of the signatures this key makes.
    pub fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        use crate::x509::signature::SignatureAlgorithm;
        // The encoding the key signs with was chosen by the same function.
        SignatureAlgorithm::for_key(self.algorithm).identifier()
    }

    /// Refuses a key certsmith must not sign with: an RSA key whose public
    /// exponent is not 65537. Reading such a key (inspect, `key public`) is
    /// fine; [`Self::sign`] checks this, and a caller that holds a key only to
    /// sign (a CA's) checks it as soon as the key is read.
    pub fn check_can_sign(&self) -> Result<()> {
        check_rsa_exponent(&self.spki, &self.source)
    }

    /// Signs `message` with the hash that [`Self::signature_algorithm`] names.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        self.check_can_sign()?;
        let failed = |what: &'static str| Error::SignatureFailed {
            algorithm: self.algorithm,
            what,
        };
        let rng = SystemRandom::new();
        Ok(match &self.pair {
            Pair::Rsa(kp, enc) => {
                let mut sig = vec![0; kp.public_modulus_len()];
                kp.sign(*enc, &rng, message, &mut sig)
                    .map_err(|_| failed("RSA signature"))?;
                sig
            }
            Pair::Ecdsa(kp) => kp
                .sign(&rng, message)
                .map_err(|_| failed("ECDSA signature"))?
                .as_ref()
                .to_vec(),
            Pair::Ed25519(kp) => kp.sign(message).as_ref().to_vec(),
        })
    }
}

/// Refuses an RSA public key (a DER SubjectPublicKeyInfo from `source`)
/// whose exponent is not 65537: certsmith neither signs with such a key nor
/// issues a certificate for one. Other key types pass.
pub fn check_rsa_exponent(spki_der: &[u8], source: &str) -> Result<()> {
    let unreadable = |e: der::Error| Error::UnsupportedKey {
        source: source.into(),
        what: format!("unreadable public key: {e}"),
    };
    let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der).map_err(unreadable)?;
    if spki.algorithm.oid != RSA_ENCRYPTION {
        return Ok(());
    }
    let key = pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(
        spki.subject_public_key.raw_bytes(),
    )
    .map_err(unreadable)?;
    let exponent = key.public_exponent.as_bytes();
    if exponent == RSA_F4 {
        return Ok(());
    }
    Err(Error::RsaExponent {
        source: source.into(),
        exponent: exponent_text(exponent),
    })
}

/// An exponent for a message: decimal when it fits 64 bits, else its size.
fn exponent_text(magnitude: &[u8]) -> String {
    if magnitude.len() <= 8 {
        let value = magnitude.iter().fold(0u64, |v, b| (v << 8) | u64::from(*b));
        value.to_string()
    } else {
        let bits = magnitude.len() * 8 - magnitude[0].leading_zeros() as usize;
        format!("of {bits} bits")
    }
}

fn public_key_of(pair: &Pair) -> &[u8] {
    match pair {
        Pair::Rsa(kp, _) => kp.public_key().as_ref(),
        Pair::Ecdsa(kp) => kp.public_key().as_ref(),
        Pair::Ed25519(kp) => kp.public_key().as_ref(),
    }
}

/// The error for a file that holds no private key: what it holds instead
/// (a certificate, a CSR…) when that is known.
fn not_a_key(found: Option<&'static str>, source: &str) -> Error {
    match found {
        Some(found) => Error::WrongKind {
            source: source.into(),
            found,
            expected: "private key",
        },
        None => Error::NoPrivateKey {
            source: source.into(),
        },
    }
}

/// The DER SubjectPublicKeyInfo of a public key of `algorithm` whose raw
/// subjectPublicKey bits are `public_key` (also for a token's key).
pub(crate) fn spki_der(algorithm: KeyAlgorithm, public_key: &[u8]) -> Vec<u8> {
    let parameters = match algorithm {
        KeyAlgorithm::Rsa(_) => Some(Any::from(Null)),
        KeyAlgorithm::Ed25519 => None,
        ec => Some(Any::encode_from(&ec.curve_oid().expect("curve")).expect("OID encodes")),
    };
    let oid = match algorithm {
        KeyAlgorithm::Rsa(_) => RSA_ENCRYPTION,
        KeyAlgorithm::Ed25519 => ED25519,
        _ => EC_PUBLIC_KEY,
    };
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifier { oid, parameters },
        subject_public_key: BitString::from_bytes(public_key)
            .expect("public key fits a BIT STRING"),
    }
    .to_der()
    .expect("SPKI encodes")
}

/// PKCS#8 v1 around a PKCS#1 or SEC1 key (RFC 5208 §5).
fn wrap_pkcs8(
    algorithm: AlgorithmIdentifierOwned,
    key_der: &[u8],
    source: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    let bad = |e: der::Error| Error::KeyParse {
        source: source.into(),
        reason: e.to_string(),
    };
    let algorithm = AlgorithmIdentifier {
        oid: algorithm.oid,
        parameters: algorithm.parameters.as_ref().map(AnyRef::from),
    };
    let info = pkcs8::PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(key_der).map_err(bad)?);
    Ok(Zeroizing::new(info.to_der().map_err(bad)?))
}

/// The modulus size of a PKCS#1 RSA private key, for messages.
fn rsa_bits(pkcs1_der: &[u8]) -> Option<usize> {
    let key = pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(pkcs1_der).ok()?;
    let modulus = key.modulus.as_bytes();
    let first = *modulus.first()?;
    Some(modulus.len() * 8 - first.leading_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret() {
        let key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let shown = format!("{key:?}");
        assert!(shown.contains("elided"));
        assert!(!shown.contains(&format!("{:?}", &key.pkcs8[..8])));
    }

    #[test]
    fn pem_round_trip_keeps_the_key() {
        for alg in [
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
            KeyAlgorithm::Ed25519,
        ] {
            let key = PrivateKey::generate(alg).unwrap();
            let again = PrivateKey::from_bytes(key.to_pem().as_bytes(), "test").unwrap();
            assert_eq!(again.spki_der(), key.spki_der());
            assert_eq!(again.algorithm(), alg);
        }
    }

    #[test]
    fn reads_cfssl_ed25519_label() {
        let key = PrivateKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let relabelled = key
            .to_pem()
            .replace("PRIVATE KEY-----", "Ed25519 PRIVATE KEY-----");
        let again = PrivateKey::from_bytes(relabelled.as_bytes(), "cfssl-ed25519.pem").unwrap();
        assert_eq!(again.spki_der(), key.spki_der());
    }

    #[test]
    fn rsa_keys_sign_only_with_exponent_65537() {
        let e3 = include_bytes!("../../tests/corpus/rsa-e3-key.pem");
        // Reading it is fine (inspect, key public); signing with it is not.
        let key = PrivateKey::from_bytes(e3, "rsa-e3-key.pem").unwrap();
        let refused = |e: Error| e.to_string();
        let expected = "rsa-e3-key.pem: RSA public exponent 3 is refused: certsmith signs only with and for RSA keys whose exponent is 65537";
        assert_eq!(refused(key.check_can_sign().unwrap_err()), expected);
        assert_eq!(refused(key.sign(b"message").unwrap_err()), expected);
        let e3_spki = key.spki_der().to_vec();
        assert_eq!(
            refused(check_rsa_exponent(&e3_spki, "rsa-e3-key.pem").unwrap_err()),
            expected
        );
        let f4 = PrivateKey::generate(KeyAlgorithm::Rsa(2048)).unwrap();
        f4.check_can_sign().unwrap();
        check_rsa_exponent(f4.spki_der(), "f4").unwrap();
        let ec = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        check_rsa_exponent(ec.spki_der(), "ec").unwrap();
        assert_eq!(exponent_text(&[0x03]), "3");
        assert_eq!(exponent_text(&[0x01, 0x00, 0x00, 0x00, 0x01]), "4294967297");
        assert_eq!(exponent_text(&[0x01; 9]), "of 65 bits");
    }

    #[test]
    fn key_specs() {
        assert_eq!(
            KeyAlgorithm::from_spec("ecdsa", None).unwrap(),
            KeyAlgorithm::EcdsaP256
        );
        assert_eq!(
            KeyAlgorithm::from_spec("RSA", Some(4096)).unwrap(),
            KeyAlgorithm::Rsa(4096)
        );
        assert!(KeyAlgorithm::from_spec("rsa", Some(1024)).is_err());
        assert!(KeyAlgorithm::from_spec("ecdsa", Some(224)).is_err());
        assert!(KeyAlgorithm::from_spec("dsa", None).is_err());
    }
}
