//! Property tests (issue 9, "Hardening"): round trips through the library
//! that must hold for every input, not only for the examples in `tests/cli`.
//!
//! - keys: generate → export (PKCS#8 PEM and DER, PKCS#1, SEC1, cfssl's
//!   `Ed25519 PRIVATE KEY`) → import keeps the key; damaged key files never panic;
//! - sealed keys: seal to X25519 recipients → unseal gives the bytes back; a
//!   stranger's identity or a damaged file is an error;
//! - CSR JSON → CSR → certificate → `report::describe` shows what was asked;
//! - quorum shares (issue 20): any M of N rebuild the secret, by vsss-rs and
//!   by an independent GF(256) interpolation here; any M−1 do not.
//!
//! What certsmith produced is checked with other code wherever it can be:
//! aws-lc-rs verifies signatures, the `rsa`, `sec1` and `pkcs8` crates write
//! and read the key formats, and `x509-cert` (not certsmith's `x509-parser`)
//! reads the certificates. Integration tests see the crate's normal
//! dependencies, so none of these needs a dev-dependency.
//!
//! The library is called directly (not the binary) so that the whole file runs
//! in seconds in a debug build.

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;
use std::time::Duration;

use aws_lc_rs::digest;
use aws_lc_rs::signature::{self as lc, UnparsedPublicKey, VerificationAlgorithm};
use der::{Decode, Encode};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;

use certsmith::Error;
use certsmith::ca::Issuer;
use certsmith::cfssl::config::{CaConstraint, Config, Profile};
use certsmith::cfssl::request::CertRequest;
use certsmith::issue::{self, Options, SignedBy};
use certsmith::keys::sealed::{self, Seal, Unlock};
use certsmith::keys::{KeyAlgorithm, PrivateKey};
use certsmith::report::{self, Name, Report};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::{self, CertificateRequest};
use certsmith::x509::usage::{KeyUsageBit, Usage};

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// A certsmith error as a proptest failure, saying what was being done.
fn lib<T>(result: certsmith::Result<T>, doing: &str) -> Result<T, TestCaseError> {
    result.map_err(|e| TestCaseError::fail(format!("{doing}: {e}")))
}

fn pem_text(label: &str, der: &[u8], crlf: bool) -> String {
    let ending = if crlf {
        pem::LineEnding::CRLF
    } else {
        pem::LineEnding::LF
    };
    pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(ending),
    )
}

/// `AB:CD:…`, as openssl (and certsmith's reports) print digests.
fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Go's `%X` per byte joined with ":" (cfssl certinfo's key identifiers).
fn go_key_id(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A big-endian unsigned integer in decimal (cfssl prints serials so).
fn decimal(big_endian: &[u8]) -> String {
    let mut digits = Vec::new();
    let mut n: Vec<u8> = big_endian.to_vec();
    while n.iter().any(|b| *b != 0) {
        let mut remainder = 0u32;
        for byte in n.iter_mut() {
            let value = (remainder << 8) | u32::from(*byte);
            *byte = (value / 10) as u8;
            remainder = value % 10;
        }
        digits.push(char::from(b'0' + remainder as u8));
    }
    if digits.is_empty() {
        return "0".into();
    }
    digits.iter().rev().collect()
}

fn curve_oid(alg: KeyAlgorithm) -> der::asn1::ObjectIdentifier {
    der::asn1::ObjectIdentifier::new_unwrap(match alg {
        KeyAlgorithm::EcdsaP256 => "1.2.840.10045.3.1.7",
        KeyAlgorithm::EcdsaP384 => "1.3.132.0.34",
        KeyAlgorithm::EcdsaP521 => "1.3.132.0.35",
        other => panic!("{other} is not an elliptic curve key"),
    })
}

// ---------------------------------------------------------------------------
// 1. Keys: export and import
// ---------------------------------------------------------------------------

/// The ways a key file can spell one key: each format `PrivateKey::from_bytes` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyFile {
    Pkcs8Pem,
    Pkcs8Der,
    /// cfssl's label for Ed25519 keys, around PKCS#8.
    CfsslEd25519Pem,
    /// `RSA PRIVATE KEY`, written by the `rsa` crate.
    Pkcs1Pem,
    Pkcs1Der,
    /// `EC PRIVATE KEY` with the named curve and the public key, as openssl writes it.
    Sec1Pem,
    Sec1Der,
    /// `openssl ecparam -genkey` output: an `EC PARAMETERS` block first.
    Sec1PemAfterParameters,
    /// RFC 5915 §3 makes the public key optional.
    Sec1PemWithoutPublicKey,
}

impl KeyFile {
    fn all_for(alg: KeyAlgorithm) -> &'static [KeyFile] {
        use KeyFile::*;
        match alg {
            KeyAlgorithm::Rsa(_) => &[Pkcs8Pem, Pkcs8Der, Pkcs1Pem, Pkcs1Der],
            KeyAlgorithm::Ed25519 => &[Pkcs8Pem, Pkcs8Der, CfsslEd25519Pem],
            _ => &[
                Pkcs8Pem,
                Pkcs8Der,
                Sec1Pem,
                Sec1Der,
                Sec1PemAfterParameters,
                Sec1PemWithoutPublicKey,
            ],
        }
    }

    /// The PEM label of a single-block file, `None` for DER.
    fn label(self) -> Option<&'static str> {
        use KeyFile::*;
        match self {
            Pkcs8Pem => Some("PRIVATE KEY"),
            CfsslEd25519Pem => Some("Ed25519 PRIVATE KEY"),
            Pkcs1Pem => Some("RSA PRIVATE KEY"),
            Sec1Pem | Sec1PemAfterParameters | Sec1PemWithoutPublicKey => Some("EC PRIVATE KEY"),
            Pkcs8Der | Pkcs1Der | Sec1Der => None,
        }
    }

    /// The DER inside the file.
    fn der(self, key: &PrivateKey) -> Vec<u8> {
        use KeyFile::*;
        match self {
            Pkcs8Pem | Pkcs8Der | CfsslEd25519Pem => key.pkcs8_der().to_vec(),
            Pkcs1Pem | Pkcs1Der => pkcs1_der(key),
            Sec1Pem | Sec1Der | Sec1PemAfterParameters => sec1_der(key, true),
            Sec1PemWithoutPublicKey => sec1_der(key, false),
        }
    }

    /// The key file's bytes. `to_pem` is certsmith's own PKCS#8 PEM; the
    /// other PEM files are written here, with either line ending.
    fn write(self, key: &PrivateKey, crlf: bool) -> Vec<u8> {
        let der = self.der(key);
        match (self, self.label()) {
            (KeyFile::Pkcs8Pem, _) => key.to_pem().as_bytes().to_vec(),
            (KeyFile::Sec1PemAfterParameters, Some(label)) => {
                let params = curve_oid(key.algorithm()).to_der().expect("OID encodes");
                let mut text = pem_text("EC PARAMETERS", &params, crlf);
                text.push_str(&pem_text(label, &der, crlf));
                text.into_bytes()
            }
            (_, Some(label)) => pem_text(label, &der, crlf).into_bytes(),
            (_, None) => der,
        }
    }
}

/// PKCS#1 RSAPrivateKey, re-encoded by the `rsa` crate from certsmith's PKCS#8.
fn pkcs1_der(key: &PrivateKey) -> Vec<u8> {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    rsa::PrivateKey::from_pkcs8_der(&key.pkcs8_der())
        .expect("the rsa crate reads certsmith's PKCS#8")
        .to_pkcs1_der()
        .expect("PKCS#1 encodes")
        .as_bytes()
        .to_vec()
}

/// A stand-alone SEC1 ECPrivateKey: the one inside the PKCS#8, with the named
/// curve added (a stand-alone key must name it) and the public key kept or dropped.
fn sec1_der(key: &PrivateKey, with_public_key: bool) -> Vec<u8> {
    let pkcs8 = key.pkcs8_der();
    let info = pkcs8::PrivateKeyInfoRef::from_der(&pkcs8).expect("PKCS#8 parses");
    let inner = sec1::EcPrivateKey::from_der(info.private_key.as_bytes()).expect("SEC1 parses");
    sec1::EcPrivateKey {
        private_key: inner.private_key,
        parameters: Some(sec1::EcParameters::NamedCurve(curve_oid(key.algorithm()))),
        public_key: with_public_key.then_some(key.public_key_bits()),
    }
    .to_der()
    .expect("SEC1 encodes")
}

/// The verifier and signature algorithm OID a key's signatures must use:
/// cfssl's `signer.DefaultSigAlgo` (SHA-256 below RSA 3072, SHA-384 below
/// 4096, else SHA-512; the curve's own hash for ECDSA).
fn expected_signature(alg: KeyAlgorithm) -> (&'static dyn VerificationAlgorithm, &'static str) {
    match alg {
        KeyAlgorithm::Rsa(bits) if bits >= 4096 => {
            (&lc::RSA_PKCS1_2048_8192_SHA512, "1.2.840.113549.1.1.13")
        }
        KeyAlgorithm::Rsa(bits) if bits >= 3072 => {
            (&lc::RSA_PKCS1_2048_8192_SHA384, "1.2.840.113549.1.1.12")
        }
        KeyAlgorithm::Rsa(_) => (&lc::RSA_PKCS1_2048_8192_SHA256, "1.2.840.113549.1.1.11"),
        KeyAlgorithm::EcdsaP256 => (&lc::ECDSA_P256_SHA256_ASN1, "1.2.840.10045.4.3.2"),
        KeyAlgorithm::EcdsaP384 => (&lc::ECDSA_P384_SHA384_ASN1, "1.2.840.10045.4.3.3"),
        KeyAlgorithm::EcdsaP521 => (&lc::ECDSA_P521_SHA512_ASN1, "1.2.840.10045.4.3.4"),
        KeyAlgorithm::Ed25519 => (&lc::ED25519, "1.3.101.112"),
    }
}

fn spki_algorithm_oid(alg: KeyAlgorithm) -> &'static str {
    match alg {
        KeyAlgorithm::Rsa(_) => "1.2.840.113549.1.1.1",
        KeyAlgorithm::Ed25519 => "1.3.101.112",
        _ => "1.2.840.10045.2.1",
    }
}

/// Checks what certsmith exports about a key by itself: `to_pem` is one
/// `PRIVATE KEY` block holding `pkcs8_der`, which is PKCS#8 for the right
/// algorithm, and `spki_der` is a SubjectPublicKeyInfo of `public_key_bits`.
fn check_export(key: &PrivateKey) -> Result<(), TestCaseError> {
    let alg = key.algorithm();
    let blocks = pem::parse_many(key.to_pem().as_bytes())
        .map_err(|e| TestCaseError::fail(format!("to_pem of {alg} is not PEM: {e}")))?;
    prop_assert_eq!(blocks.len(), 1);
    prop_assert_eq!(blocks[0].tag(), "PRIVATE KEY");
    prop_assert_eq!(blocks[0].contents(), &key.pkcs8_der()[..]);
    let pkcs8 = key.pkcs8_der();
    let info = pkcs8::PrivateKeyInfoRef::from_der(&pkcs8)
        .map_err(|e| TestCaseError::fail(format!("pkcs8_der of {alg}: {e}")))?;
    prop_assert_eq!(info.algorithm.oid.to_string(), spki_algorithm_oid(alg));
    let spki = spki::SubjectPublicKeyInfoRef::from_der(key.spki_der())
        .map_err(|e| TestCaseError::fail(format!("spki_der of {alg}: {e}")))?;
    prop_assert_eq!(spki.algorithm.oid.to_string(), spki_algorithm_oid(alg));
    prop_assert_eq!(spki.subject_public_key.raw_bytes(), key.public_key_bits());
    Ok(())
}

/// Writes `original` as `format`, reads it back, and checks that the key
/// read is the same key: same algorithm, same SubjectPublicKeyInfo, and its
/// signatures verify (with aws-lc-rs) under the original's public key.
fn check_round_trip(
    original: &PrivateKey,
    format: KeyFile,
    crlf: bool,
    message: &[u8],
) -> Result<(), TestCaseError> {
    let alg = original.algorithm();
    let file = format.write(original, crlf);
    let again = PrivateKey::from_bytes(&file, "prop-key").map_err(|e| {
        TestCaseError::fail(format!(
            "{alg} written as {format:?} (crlf {crlf}) does not read back: {e}\nfile: {}",
            String::from_utf8_lossy(&file)
        ))
    })?;
    prop_assert_eq!(again.algorithm(), alg, "{:?}", format);
    prop_assert_eq!(again.spki_der(), original.spki_der(), "{:?}", format);
    prop_assert_eq!(again.public_key_bits(), original.public_key_bits());

    let (verifier, sig_oid) = expected_signature(alg);
    prop_assert_eq!(again.signature_algorithm().oid.to_string(), sig_oid);
    let signature = lib(again.sign(message), "signing with the imported key")?;
    // The original's public key, as its SPKI carries it.
    let spki = spki::SubjectPublicKeyInfoRef::from_der(original.spki_der())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let public = UnparsedPublicKey::new(verifier, spki.subject_public_key.raw_bytes());
    prop_assert!(
        public.verify(message, &signature).is_ok(),
        "{alg} via {format:?}: signature does not verify under the original key"
    );
    // And the check can fail: the same signature over another message does not verify.
    let mut other = message.to_vec();
    other.push(0x5a);
    prop_assert!(public.verify(&other, &signature).is_err());
    Ok(())
}

/// RSA keys, made once: generation is slow in a debug build. One comes from
/// certsmith (the `rsa` crate), two from aws-lc to cover the SHA-384 and
/// SHA-512 signature choices.
fn rsa_keys() -> &'static [PrivateKey] {
    static KEYS: OnceLock<Vec<PrivateKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        use aws_lc_rs::encoding::AsDer;
        use aws_lc_rs::rsa::{KeyPair, KeySize};
        let mut keys = vec![PrivateKey::generate(KeyAlgorithm::Rsa(2048)).expect("RSA 2048")];
        for size in [KeySize::Rsa3072, KeySize::Rsa4096] {
            let pkcs8 = KeyPair::generate(size)
                .and_then(|k| k.as_der())
                .expect("aws-lc makes RSA keys");
            let key = PrivateKey::from_bytes(pkcs8.as_ref(), "aws-lc RSA key")
                .expect("certsmith reads aws-lc's PKCS#8");
            keys.push(key);
        }
        keys
    })
}

/// One key of each kind, made once, for the damage tests.
fn sample_keys() -> &'static [PrivateKey] {
    static KEYS: OnceLock<Vec<PrivateKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<PrivateKey> = [
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
            KeyAlgorithm::Ed25519,
        ]
        .into_iter()
        .map(|alg| PrivateKey::generate(alg).expect("key"))
        .collect();
        let rsa = &rsa_keys()[0];
        keys.push(PrivateKey::from_bytes(&rsa.pkcs8_der(), "rsa").expect("RSA"));
        keys
    })
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Xor(Index, u8),
    Insert(Index, u8),
    Remove(Index),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), 1..=255u8).prop_map(|(i, m)| Mutation::Xor(i, m)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => any::<Index>().prop_map(Mutation::Remove),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        if let Mutation::Insert(_, b) = mutation {
            bytes.push(*b);
        }
        return;
    }
    match mutation {
        Mutation::Xor(i, mask) => {
            let at = i.index(bytes.len());
            bytes[at] ^= mask;
        }
        Mutation::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
        Mutation::Remove(i) => {
            bytes.remove(i.index(bytes.len()));
        }
        Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len())),
    }
}

/// Whatever `from_bytes` makes of a damaged file, it must not panic, and a
/// key it accepts must work as a key.
fn read_damaged(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(key) = PrivateKey::from_bytes(bytes, "damaged-key.pem") {
        spki::SubjectPublicKeyInfoRef::from_der(key.spki_der())
            .map_err(|e| TestCaseError::fail(format!("accepted key has a broken SPKI: {e}")))?;
        let _ = key.sign(b"damaged");
        let _ = key.to_pem();
    }
    // `inspect` reads the same files: it may refuse them, never panic.
    let _ = report::describe(bytes, "damaged-key.pem", OffsetDateTime::now_utc());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// ECDSA (P-256, P-384, P-521) and Ed25519 keys, freshly generated, read
    /// back from every format they can be written in.
    #[test]
    fn ec_and_ed25519_keys_survive_every_key_format(
        alg in select(vec![
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
            KeyAlgorithm::Ed25519,
        ]),
        crlf in any::<bool>(),
        message in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let key = lib(PrivateKey::generate(alg), "generating")?;
        prop_assert_eq!(key.algorithm(), alg);
        check_export(&key)?;
        for format in KeyFile::all_for(alg) {
            check_round_trip(&key, *format, crlf, &message)?;
        }
    }
}

proptest! {
    // The keys are made once (rsa_keys); each case re-encodes and re-reads them.
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Each RSA key (2048, 3072 and 4096 bits) read back from every format.
    #[test]
    fn rsa_keys_survive_every_key_format(
        crlf in any::<bool>(),
        message in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        for key in rsa_keys() {
            check_export(key)?;
            for format in KeyFile::all_for(key.algorithm()) {
                check_round_trip(key, *format, crlf, &message)?;
            }
        }
    }
}

#[test]
fn rsa_keys_cover_each_signature_hash() {
    let sizes: Vec<KeyAlgorithm> = rsa_keys().iter().map(PrivateKey::algorithm).collect();
    assert_eq!(
        sizes,
        vec![
            KeyAlgorithm::Rsa(2048),
            KeyAlgorithm::Rsa(3072),
            KeyAlgorithm::Rsa(4096)
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damage to a valid key file (its PEM text, or the DER inside the PEM,
    /// or a DER file) never makes `PrivateKey::from_bytes` panic.
    #[test]
    fn damaged_key_files_never_panic(
        which in any::<Index>(),
        format in any::<Index>(),
        damage_der in any::<bool>(),
        crlf in any::<bool>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let key = which.get(sample_keys());
        let format = *format.get(KeyFile::all_for(key.algorithm()));
        let bytes = match format.label() {
            Some(label) if damage_der && format != KeyFile::Sec1PemAfterParameters => {
                let mut der = format.der(key);
                for m in &mutations {
                    mutate(&mut der, m);
                }
                pem_text(label, &der, crlf).into_bytes()
            }
            _ => {
                let mut file = format.write(key, crlf);
                for m in &mutations {
                    mutate(&mut file, m);
                }
                file
            }
        };
        read_damaged(&bytes)?;
    }

    /// Arbitrary bytes, bare or in a PEM block with a key's label.
    #[test]
    fn arbitrary_key_files_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        label in proptest::option::of(select(vec![
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "Ed25519 PRIVATE KEY",
            "EC PARAMETERS",
            "ENCRYPTED PRIVATE KEY",
            "AGE ENCRYPTED FILE",
        ])),
    ) {
        let file = match label {
            Some(label) => pem_text(label, &bytes, false).into_bytes(),
            None => bytes,
        };
        read_damaged(&file)?;
    }
}

// ---------------------------------------------------------------------------
// 2. age seal / unseal with X25519 identities
// ---------------------------------------------------------------------------

/// Plaintexts from empty to just over age's 64 KiB chunk, with the chunk
/// boundaries themselves drawn often.
fn plaintext() -> impl Strategy<Value = Vec<u8>> {
    use proptest::collection::vec;
    prop_oneof![
        1 => Just(Vec::new()),
        3 => vec(any::<u8>(), 0..64),
        3 => vec(any::<u8>(), 0..=65_537),
        1 => select(vec![65_535usize, 65_536, 65_537]).prop_flat_map(|n| vec(any::<u8>(), n)),
    ]
}

fn identities(file: &str) -> Result<Vec<sealed::Identity>, TestCaseError> {
    lib(
        sealed::load_identities(file.as_bytes(), "identity.txt", age::NoCallbacks),
        "loading a new identity",
    )
}

const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn sealed_bytes_open_only_for_their_recipients(
        plaintext in plaintext(),
        recipients in 1..4usize,
        opener in any::<Index>(),
        flip_at in any::<Index>(),
        flip_mask in 1..=255u8,
        armor_at in any::<Index>(),
        armor_shift in 1..64usize,
    ) {
        let made: Vec<_> = (0..recipients).map(|_| sealed::new_identity("proptest")).collect();
        let to = made
            .iter()
            .map(|(_, recipient)| sealed::parse_recipient(recipient))
            .collect::<certsmith::Result<Vec<_>>>();
        let to = lib(to, "parsing a new recipient")?;
        let armored = lib(sealed::seal(&plaintext, &Seal::To(to)), "sealing")?;
        prop_assert!(sealed::is_sealed(armored.as_bytes()));
        prop_assert!(!lib(sealed::needs_passphrase(armored.as_bytes(), "k.age"), "probing")?);

        // Every recipient can open it, and gets the very bytes back.
        let opener_file = &opener.get(&made).0;
        for (file, _) in &made {
            let opened = lib(
                sealed::unseal(armored.as_bytes(), "k.age", &Unlock::Identities(identities(file)?)),
                "unsealing with a recipient's identity",
            )?;
            prop_assert!(opened[..] == plaintext[..], "unsealed bytes differ");
        }

        // A stranger cannot.
        let (stranger, _) = sealed::new_identity("proptest");
        let refused = sealed::unseal(
            armored.as_bytes(),
            "k.age",
            &Unlock::Identities(identities(&stranger)?),
        );
        prop_assert!(
            matches!(refused, Err(Error::WrongIdentity { .. })),
            "a stranger's identity gave {:?}",
            refused.map(|p| p.len())
        );

        // The binary age file: it opens as is, and not with any byte flipped
        // (the header is MACed, the payload is AEAD-sealed).
        let mut binary = Vec::new();
        age::armor::ArmoredReader::new(armored.as_bytes())
            .read_to_end(&mut binary)
            .map_err(|e| TestCaseError::fail(format!("dearmoring: {e}")))?;
        let opened = lib(
            sealed::unseal(&binary, "k.age", &Unlock::Identities(identities(opener_file)?)),
            "unsealing the binary form",
        )?;
        prop_assert!(opened[..] == plaintext[..]);
        let at = flip_at.index(binary.len());
        binary[at] ^= flip_mask;
        let flipped = sealed::unseal(&binary, "k.age", &Unlock::Identities(identities(opener_file)?));
        prop_assert!(
            flipped.is_err(),
            "byte {} of {} flipped (mask {:#04x}) still unsealed",
            at,
            binary.len(),
            flip_mask
        );

        // The armored file with one base64 character changed, inside a full
        // 64-column line (where every character carries 6 bits of the file).
        let lines: Vec<&str> = armored.lines().collect();
        let mut positions = Vec::new();
        let mut offset = 0;
        for line in &lines {
            if line.len() == 64 && !line.starts_with("-----") {
                positions.extend(offset..offset + 64);
            }
            offset += line.len() + 1;
        }
        prop_assert!(!positions.is_empty(), "no full armor line in {}", armored);
        let at = *armor_at.get(&positions);
        let mut damaged = armored.clone().into_bytes();
        let was = BASE64.iter().position(|c| *c == damaged[at]).expect("base64 character");
        damaged[at] = BASE64[(was + armor_shift) % 64];
        let opened = sealed::unseal(&damaged, "k.age", &Unlock::Identities(identities(opener_file)?));
        prop_assert!(opened.is_err(), "armor character {} changed, still unsealed", at);
    }
}

// ---------------------------------------------------------------------------
// 3. CSR JSON → CSR → certificate → inspect
// ---------------------------------------------------------------------------

/// A `hosts` entry, with what it must become in the certificate.
#[derive(Debug, Clone)]
enum Host {
    Dns(String),
    /// The address, and how the CSR JSON spells it.
    Ip(IpAddr, String),
    Email(String),
    Uri(String),
}

impl Host {
    fn spelling(&self) -> &str {
        match self {
            Host::Dns(s) | Host::Email(s) | Host::Uri(s) => s,
            Host::Ip(_, s) => s,
        }
    }

    /// The SAN, as the test reads it out of a certificate (and the key that
    /// duplicates share: an address however spelled).
    fn san(&self) -> String {
        match self {
            Host::Dns(s) => format!("DNS:{s}"),
            Host::Ip(ip, _) => format!("IP:{ip}"),
            Host::Email(s) => format!("email:{s}"),
            Host::Uri(s) => format!("URI:{s}"),
        }
    }
}

fn dns_label() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Z0-9]([a-zA-Z0-9-]{0,14}[a-zA-Z0-9])?",
        1 => "[a-z0-9]([a-z0-9-]{61}[a-z0-9])", // the longest label RFC 1035 allows
    ]
}

/// A host name whose last label starts with a letter (so it is never an IPv4 address).
fn domain() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(dns_label(), 0..3),
        "[a-zA-Z]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?",
    )
        .prop_map(|(mut labels, last)| {
            labels.push(last);
            labels.join(".")
        })
}

fn email() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9._+-]{1,20}", domain()).prop_map(|(local, domain)| format!("{local}@{domain}"))
}

fn ipv6_spelling(ip: Ipv6Addr, exploded: bool) -> String {
    if exploded {
        ip.segments()
            .iter()
            .map(|s| format!("{s:X}"))
            .collect::<Vec<_>>()
            .join(":")
    } else {
        ip.to_string()
    }
}

fn host() -> impl Strategy<Value = Host> {
    prop_oneof![
        4 => (proptest::bool::weighted(0.2), domain()).prop_map(|(wild, d)| {
            Host::Dns(if wild { format!("*.{d}") } else { d })
        }),
        2 => any::<Ipv4Addr>().prop_map(|ip| Host::Ip(IpAddr::V4(ip), ip.to_string())),
        2 => (any::<Ipv6Addr>(), any::<bool>()).prop_map(|(ip, exploded)| {
            Host::Ip(IpAddr::V6(ip).to_canonical(), ipv6_spelling(ip, exploded))
        }),
        // An IPv4-mapped address is issued as the IPv4 address, as Go writes it (issue 13).
        1 => any::<Ipv4Addr>().prop_map(|ip| {
            Host::Ip(IpAddr::V4(ip), ip.to_ipv6_mapped().to_string())
        }),
        2 => email().prop_map(Host::Email),
        2 => (domain(), "(/[a-zA-Z0-9._~-]{0,12}){0,3}")
            .prop_map(|(d, path)| Host::Uri(format!("https://{d}{path}"))),
    ]
}

/// A DirectoryString value of up to `max` characters: PrintableString
/// characters, or others that need a UTF8String.
fn directory_string(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::string::string_regex(&format!("[A-Za-z0-9 '()+,./:=?-]{{1,{max}}}"))
            .expect("regex"),
        1 => proptest::string::string_regex(&format!("[A-Za-z0-9 _@&*éüßøΩ中-]{{1,{max}}}"))
            .expect("regex"),
    ]
}

/// How a CSR JSON says "no value" for a `names` field: all three mean absent.
#[derive(Debug, Clone, Copy)]
enum Absent {
    Missing,
    EmptyString,
    Null,
}

#[derive(Debug, Clone)]
struct NameEntry {
    c: Option<String>,
    st: Option<String>,
    l: Option<String>,
    o: Option<String>,
    ou: Option<String>,
    e: Option<String>,
    absent: Absent,
}

fn name_entry() -> impl Strategy<Value = NameEntry> {
    use proptest::option::{of, weighted};
    (
        of("[A-Z]{2}"),
        of(directory_string(128)),
        of(directory_string(128)),
        of(directory_string(64)),
        of(directory_string(64)),
        weighted(0.15, email()),
        select(vec![Absent::Missing, Absent::EmptyString, Absent::Null]),
    )
        .prop_map(|(c, st, l, o, ou, e, absent)| NameEntry {
            c,
            st,
            l,
            o,
            ou,
            e,
            absent,
        })
}

/// A CSR JSON document, and the field-name spellings it uses (cfssl reads
/// keys case-insensitively).
#[derive(Debug, Clone)]
struct Request {
    cn: Option<String>,
    names: Vec<NameEntry>,
    hosts: Vec<Host>,
    serial_number: Option<String>,
    lowercase_keys: bool,
    /// 0: no `key`; 1: `{"algo":"ecdsa","size":256}`; 2: `{"algo":"ECDSA"}`; 3: `{"algo":"ec"}`.
    key_spelling: u8,
    /// An empty `hosts` list is written as `[]` rather than left out.
    empty_hosts_list: bool,
}

fn request() -> impl Strategy<Value = Request> {
    (
        proptest::option::weighted(0.9, directory_string(64)),
        proptest::collection::vec(name_entry(), 0..4),
        proptest::collection::vec(host(), 0..8),
        proptest::option::of(any::<Index>()),
        proptest::option::weighted(0.2, "[A-Za-z0-9 '()+,./:=?-]{1,64}"),
        any::<bool>(),
        0..4u8,
        any::<bool>(),
    )
        .prop_map(
            |(cn, names, mut hosts, repeat, serial_number, lowercase_keys, key_spelling, empty)| {
                // Repeat one host now and then: the certificate lists it once.
                if let Some(i) = repeat
                    && !hosts.is_empty()
                {
                    let again = i.get(&hosts).clone();
                    hosts.push(again);
                }
                Request {
                    cn,
                    names,
                    hosts,
                    serial_number,
                    lowercase_keys,
                    key_spelling,
                    empty_hosts_list: empty,
                }
            },
        )
}

impl Request {
    fn to_json(&self) -> Value {
        let key = |k: &str| {
            if self.lowercase_keys {
                k.to_ascii_lowercase()
            } else {
                k.to_string()
            }
        };
        let mut root = Map::new();
        if let Some(cn) = &self.cn {
            root.insert(key("CN"), json!(cn));
        }
        if !self.names.is_empty() {
            let entries: Vec<Value> = self
                .names
                .iter()
                .map(|n| {
                    let mut o = Map::new();
                    for (field, value) in [
                        ("C", &n.c),
                        ("ST", &n.st),
                        ("L", &n.l),
                        ("O", &n.o),
                        ("OU", &n.ou),
                        ("E", &n.e),
                    ] {
                        match (value, n.absent) {
                            (Some(v), _) => {
                                o.insert(key(field), json!(v));
                            }
                            (None, Absent::Missing) => {}
                            (None, Absent::EmptyString) => {
                                o.insert(key(field), json!(""));
                            }
                            (None, Absent::Null) => {
                                o.insert(key(field), Value::Null);
                            }
                        }
                    }
                    Value::Object(o)
                })
                .collect();
            root.insert(key("names"), Value::Array(entries));
        }
        if !self.hosts.is_empty() || self.empty_hosts_list {
            let hosts: Vec<&str> = self.hosts.iter().map(Host::spelling).collect();
            root.insert(key("hosts"), json!(hosts));
        }
        if let Some(sn) = &self.serial_number {
            root.insert("serialnumber".into(), json!(sn));
        }
        match self.key_spelling {
            1 => {
                root.insert(key("key"), json!({"algo": "ecdsa", "size": 256}));
            }
            2 => {
                root.insert(key("key"), json!({"algo": "ECDSA"}));
            }
            3 => {
                root.insert(key("key"), json!({"algo": "ec"}));
            }
            _ => {}
        }
        Value::Object(root)
    }

    fn values(&self, field: impl Fn(&NameEntry) -> &Option<String>) -> Vec<String> {
        self.names.iter().filter_map(|n| field(n).clone()).collect()
    }

    /// The subject as `cfssl certinfo` (and so certsmith's report) shows it,
    /// with the RDNs in Go's `pkix.Name` order: C, ST, L, O, OU, CN,
    /// serialNumber, emailAddress (src/x509/name.rs).
    fn expected_subject(&self) -> Name {
        let (c, st, l, o, ou, e) = (
            self.values(|n| &n.c),
            self.values(|n| &n.st),
            self.values(|n| &n.l),
            self.values(|n| &n.o),
            self.values(|n| &n.ou),
            self.values(|n| &n.e),
        );
        let names: Vec<String> = c
            .iter()
            .chain(&st)
            .chain(&l)
            .chain(&o)
            .chain(&ou)
            .chain(&self.cn)
            .chain(&self.serial_number)
            .chain(&e)
            .cloned()
            .collect();
        Name {
            common_name: self.cn.clone().unwrap_or_default(),
            serial_number: self.serial_number.clone().unwrap_or_default(),
            country: c.join(","),
            organization: o.join(","),
            organizational_unit: ou.join(","),
            locality: l.join(","),
            province: st.join(","),
            street_address: String::new(),
            postal_code: String::new(),
            names,
        }
    }

    fn subject_is_empty(&self) -> bool {
        self.expected_subject().names.is_empty()
    }

    /// The hosts once each, first spelling first (issue.rs drops repeats).
    fn unique_hosts(&self) -> Vec<Host> {
        let mut seen = std::collections::HashSet::new();
        self.hosts
            .iter()
            .filter(|h| seen.insert(h.san()))
            .cloned()
            .collect()
    }
}

/// What a report lists for these hosts: cfssl's `sans` (DNS names, then IP
/// addresses), then the emails and the URIs, each in the order given.
fn report_lists(hosts: &[Host]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let dns = hosts.iter().filter_map(|h| match h {
        Host::Dns(s) => Some(s.clone()),
        _ => None,
    });
    let ips = hosts.iter().filter_map(|h| match h {
        Host::Ip(ip, _) => Some(ip.to_string()),
        _ => None,
    });
    let emails = hosts
        .iter()
        .filter_map(|h| match h {
            Host::Email(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let uris = hosts
        .iter()
        .filter_map(|h| match h {
            Host::Uri(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (dns.chain(ips).collect(), emails, uris)
}

/// The SANs of a certificate, in order, read with x509-cert.
fn x509_cert_sans(
    cert: &x509_cert::Certificate,
) -> Result<Option<(bool, Vec<String>)>, TestCaseError> {
    let ext = cert
        .tbs_certificate()
        .get_extension::<SubjectAltName>()
        .map_err(|e| TestCaseError::fail(format!("SubjectAltName: {e}")))?;
    let Some((critical, SubjectAltName(names))) = ext else {
        return Ok(None);
    };
    let names = names
        .iter()
        .map(|n| match n {
            GeneralName::DnsName(s) => format!("DNS:{s}"),
            GeneralName::Rfc822Name(s) => format!("email:{s}"),
            GeneralName::UniformResourceIdentifier(s) => format!("URI:{s}"),
            GeneralName::IpAddress(octets) => match octets.as_bytes().len() {
                4 => format!(
                    "IP:{}",
                    IpAddr::from(<[u8; 4]>::try_from(octets.as_bytes()).unwrap())
                ),
                16 => format!(
                    "IP:{}",
                    IpAddr::from(<[u8; 16]>::try_from(octets.as_bytes()).unwrap())
                ),
                n => format!("IP of {n} bytes"),
            },
            other => format!("unexpected {other:?}"),
        })
        .collect();
    Ok(Some((critical, names)))
}

/// The CA the certificate property signs with: made once, as `initca` makes one.
struct TestCa {
    issuer: Issuer,
    subject: Name,
}

fn test_ca() -> &'static TestCa {
    static CA: OnceLock<TestCa> = OnceLock::new();
    CA.get_or_init(|| {
        let (req, _) = CertRequest::from_json(
            br#"{"CN":"certsmith property CA","names":[{"C":"NZ","O":"certsmith"}]}"#,
            "ca-csr.json",
        )
        .expect("CA CSR JSON");
        let key = PrivateKey::generate(req.key).expect("CA key");
        let csr = CertificateRequest::from_bytes(
            &csr::build_for_request(&req, &key).expect("CA CSR"),
            "ca.csr",
        )
        .expect("CA CSR reads back");
        // src/cli/initca.rs's root profile: 43800h, cert sign + crl sign, CA:TRUE.
        let mut profile: Profile = Config::builtin().default;
        profile.name = "initca".into();
        profile.expiry = Some(Duration::from_secs(43800 * 3600));
        profile.usages = vec![
            Usage::Key(KeyUsageBit::KeyCertSign),
            Usage::Key(KeyUsageBit::CrlSign),
        ];
        profile.ca = Some(CaConstraint { path_len: None });
        let issued = issue::issue(
            &csr,
            &profile,
            SignedBy::Itself(&key),
            &Options::default(),
            OffsetDateTime::now_utc(),
        )
        .expect("CA certificate");
        let cert = Certificate::from_der(issued.der, "ca.pem").expect("CA certificate reads");
        TestCa {
            issuer: Issuer::new(cert, "ca.pem", key, "ca-key.pem").expect("CA key matches"),
            subject: Name {
                common_name: "certsmith property CA".into(),
                country: "NZ".into(),
                organization: "certsmith".into(),
                names: vec![
                    "NZ".into(),
                    "certsmith".into(),
                    "certsmith property CA".into(),
                ],
                ..Name::default()
            },
        }
    })
}

/// The built-in leaf profiles, and the usages an ECDSA leaf gets from each:
/// "key encipherment" is dropped for ECDSA keys (RFC 8813 §3).
const PROFILES: [(&str, &[&str]); 5] = [
    (
        "default",
        &["digital signature", "server auth", "client auth"],
    ),
    ("server", &["digital signature", "server auth"]),
    ("client", &["digital signature", "client auth"]),
    ("peer", &["digital signature", "server auth", "client auth"]),
    (
        "kubernetes",
        &["digital signature", "server auth", "client auth"],
    ),
];

const ONE_YEAR: Duration = Duration::from_secs(8760 * 3600);
const BACKDATE: Duration = Duration::from_secs(5 * 60);

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("formats")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn csr_json_becomes_the_certificate_inspect_describes(
        req in request(),
        (profile_name, usages) in select(PROFILES.to_vec()),
    ) {
        let ca = test_ca();
        let text = serde_json::to_vec(&req.to_json()).expect("JSON serializes");
        let (parsed, notes) = lib(CertRequest::from_json(&text, "prop-csr.json"), "reading the CSR JSON")?;
        prop_assert!(notes.is_empty(), "notes: {:?}", notes);
        prop_assert_eq!(parsed.key, KeyAlgorithm::EcdsaP256);
        let key = lib(PrivateKey::generate(parsed.key), "generating the key")?;

        let built = csr::build_for_request(&parsed, &key);
        if req.subject_is_empty() && req.hosts.is_empty() {
            prop_assert!(matches!(built, Err(Error::EmptyIdentity)), "{:?}", built.map(|d| d.len()));
            return Ok(());
        }
        let csr_der = lib(built, "building the CSR")?;
        let csr = lib(CertificateRequest::from_bytes(&csr_der, "prop.csr"), "reading the CSR back")?;
        prop_assert_eq!(&csr.spki_der, key.spki_der());

        let subject = req.expected_subject();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();

        // The CSR, as inspect describes it: every host as asked, repeats included.
        let reports = lib(report::describe(csr.to_pem().as_bytes(), "prop.csr", now), "describing the CSR")?;
        prop_assert_eq!(reports.len(), 1);
        let Report::Csr(r) = &reports[0] else {
            return Err(TestCaseError::fail(format!("CSR described as {:?}", reports[0])));
        };
        let (sans, emails, uris) = report_lists(&req.hosts);
        prop_assert_eq!(&r.subject, &subject);
        prop_assert_eq!(&r.sans, &sans);
        prop_assert_eq!(&r.email_addresses, &emails);
        prop_assert_eq!(&r.uris, &uris);
        prop_assert!(!r.is_ca_request);
        prop_assert_eq!(
            &r.public_key_sha256,
            &colon_hex(digest::digest(&digest::SHA256, key.spki_der()).as_ref())
        );

        // The certificate.
        let profile = lib(Config::builtin().profile(Some(profile_name)), "the profile")?;
        let issued = lib(
            issue::issue(&csr, &profile, SignedBy::Ca(&ca.issuer), &Options::default(), now),
            "issuing",
        )?;
        let pem = pem_text("CERTIFICATE", &issued.der, false);

        // Read with x509-cert, independently of certsmith's x509-parser.
        let cert = x509_cert::Certificate::from_der(&issued.der)
            .map_err(|e| TestCaseError::fail(format!("x509-cert cannot read the certificate: {e}")))?;
        let tbs = cert.tbs_certificate();
        let tbs_der = tbs.to_der().expect("TBS encodes");
        let ca_key = UnparsedPublicKey::new(&lc::ECDSA_P256_SHA256_ASN1, ca.issuer.key.public_key_bits());
        prop_assert_eq!(cert.signature_algorithm().oid.to_string(), "1.2.840.10045.4.3.2");
        prop_assert!(
            ca_key.verify(&tbs_der, cert.signature().raw_bytes()).is_ok(),
            "the CA's signature does not verify"
        );
        prop_assert_eq!(tbs.subject_public_key_info().to_der().unwrap(), key.spki_der());
        prop_assert_eq!(tbs.issuer().to_der().unwrap(), ca.issuer.cert.subject_der.clone());
        let serial = tbs.serial_number().as_bytes().to_vec();
        // 20 octets, positive, no leading zero octet (RFC 5280 §4.1.2.2).
        prop_assert_eq!(serial.len(), 20);
        prop_assert!(serial[0] != 0 && serial[0] & 0x80 == 0, "serial {:02X?}", serial);
        let not_before = tbs.validity().not_before.to_unix_duration();
        let not_after = tbs.validity().not_after.to_unix_duration();
        let expected_not_before = now - BACKDATE;
        prop_assert_eq!(not_before.as_secs() as i64, expected_not_before.unix_timestamp());
        prop_assert_eq!(not_after - not_before, ONE_YEAR);
        let unique = req.unique_hosts();
        let expected_sans: Vec<String> = unique.iter().map(Host::san).collect();
        match x509_cert_sans(&cert)? {
            None => prop_assert!(expected_sans.is_empty(), "no SAN extension, expected {:?}", expected_sans),
            Some((critical, names)) => {
                prop_assert_eq!(&names, &expected_sans);
                // RFC 5280 §4.2.1.6: critical exactly when the subject is empty.
                prop_assert_eq!(critical, req.subject_is_empty());
            }
        }

        // And as inspect describes it.
        let reports = lib(report::describe(pem.as_bytes(), "leaf.pem", now), "describing the certificate")?;
        prop_assert_eq!(reports.len(), 1);
        let Report::Certificate(r) = &reports[0] else {
            return Err(TestCaseError::fail(format!("certificate described as {:?}", reports[0])));
        };
        let (sans, emails, uris) = report_lists(&unique);
        prop_assert_eq!(&r.subject, &subject);
        prop_assert_eq!(&r.issuer, &ca.subject);
        prop_assert_eq!(&r.sans, &sans);
        prop_assert_eq!(&r.email_addresses, &emails);
        prop_assert_eq!(&r.uris, &uris);
        prop_assert_eq!(&r.serial, &colon_hex(&serial).replace(':', ""));
        prop_assert_eq!(&r.serial_number, &decimal(&serial));
        prop_assert_eq!(&r.not_before, &rfc3339(expected_not_before));
        prop_assert_eq!(&r.not_after, &rfc3339(expected_not_before + ONE_YEAR));
        prop_assert_eq!(r.key.algorithm.as_str(), "ECDSA");
        prop_assert_eq!(r.key.size, 256);
        prop_assert_eq!(r.key.curve, Some("P-256"));
        prop_assert_eq!(r.sigalg.as_str(), "ECDSAWithSHA256");
        prop_assert!(!r.is_ca);
        prop_assert_eq!(r.path_len, None);
        prop_assert_eq!(&r.usages, &usages.iter().map(|u| u.to_string()).collect::<Vec<_>>());
        // RFC 5280 §4.2.1.2 method 1, as cfssl: SHA-1 of the public key bits.
        let ski = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, key.public_key_bits());
        prop_assert_eq!(&r.subject_key_id, &go_key_id(ski.as_ref()));
        let ca_ski = ca.issuer.cert.subject_key_id.as_deref().expect("the CA has a SKI");
        prop_assert_eq!(&r.authority_key_id, &go_key_id(ca_ski));
        prop_assert_eq!(
            &r.sha256,
            &colon_hex(digest::digest(&digest::SHA256, &issued.der).as_ref())
        );
        prop_assert!(r.warnings.is_empty(), "warnings: {:?}", r.warnings);
    }
}

// issue 20: Shamir's secret sharing for CA keys sealed to a quorum.

#[path = "common/gf256.rs"]
mod gf256;

/// A threshold, a share count, a secret, and the shares in a random order.
fn quorum_case() -> impl Strategy<Value = (usize, usize, Vec<u8>, Vec<usize>)> {
    (2usize..=10)
        .prop_flat_map(|m| (Just(m), m..=10usize))
        .prop_flat_map(|(m, n)| {
            (
                Just(m),
                Just(n),
                proptest::collection::vec(any::<u8>(), 16..=96),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// For random M ≤ N ≤ 10, any M shares in any order give the secret
    /// back; any M−1 are refused, and their raw interpolation (M−1 ≥ 2) is
    /// another value (equal with probability 2^-128 at 16 bytes).
    #[test]
    fn any_m_shares_rebuild_the_secret_and_m_minus_1_do_not(
        (m, n, secret, order) in quorum_case()
    ) {
        use certsmith::keys::quorum::split;
        let shares = lib(split::split(&secret, m, n), "split")?;
        prop_assert_eq!(shares.len(), n);
        let chosen: Vec<&[u8]> = order[..m].iter().map(|&i| &shares[i][..]).collect();
        let combined = lib(split::combine(m, &chosen), "combine")?;
        prop_assert_eq!(&combined[..], &secret[..]);
        prop_assert_eq!(gf256::combine(&chosen), secret.clone());

        let fewer = &chosen[..m - 1];
        prop_assert!(split::combine(m, fewer).is_err());
        if m > 2 {
            prop_assert_ne!(gf256::combine(fewer), secret);
        }
    }
}
