//! Token answers decoded to what openssl, aws-lc and the rsa crate encode.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair, UnparsedPublicKey};

use super::*;
use crate::hex;

/// SubjectPublicKeyInfos made by `openssl genpkey` / `openssl pkey -pubout`.
const P256_SPKI: &str = "3059301306072a8648ce3d020106082a8648ce3d030107034200045540ba23aafacf320ab70182b5e3d64a00be72b4b33bea937dd0d53eda752ff2d76adc801a777165007c00a997f3617d88cd23c82dabf0afa5b11529376ce8fd";
const P521_SPKI: &str = "30819b301006072a8648ce3d020106052b8104002303818600040135d21273c274932618f89dafe76367181fd504158549d07bf2158a306810a29f11e8c643d39f3034ecb49e968b1da181097ccd7a7f0c429da79fbb6b17217ab645003f423ca07d7736471cd2f546955297c8fca136148397cf4d6d61e0a726e3fb98eca3e8a6ba68c9e018f75ecfb7b3a67891b44c840d578a01e00b15706446b1e3a6";
const ED25519_SPKI: &str =
    "302a300506032b6570032100cd1c6e82a735e208a79ec47d593466b27c3ef7e474a64eb97acd7751dc64375d";

/// CKA_EC_PARAMS: DER OIDs, and SoftHSM's PrintableString for Ed25519.
const P256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P521: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23];
const SECP256K1: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];
const ED25519_OID: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x70];
const EDWARDS25519: &[u8] = b"\x13\x0cedwards25519";

const KEY: &str = "pkcs11:token=t;object=k";

fn spki_and_point(spki_hex: &str, point_length: usize) -> (Vec<u8>, Vec<u8>) {
    let spki = hex::decode(spki_hex).unwrap();
    let point = spki[spki.len() - point_length..].to_vec();
    (spki, point)
}

fn malformed_what(result: Result<impl std::fmt::Debug>) -> &'static str {
    match result {
        Err(Error::Pkcs11(Pkcs11Error::MalformedAnswer { what, .. })) => what,
        other => panic!("{other:?}"),
    }
}

#[test]
fn ec_point_raw_or_in_an_octet_string_gives_openssls_spki() {
    let (spki, point) = spki_and_point(P256_SPKI, 65);
    for answer in [point.clone(), [&[0x04, 0x41][..], &point].concat()] {
        let key = ec_public(P256, &answer, KEY).unwrap();
        assert_eq!(key.algorithm, KeyAlgorithm::EcdsaP256);
        assert_eq!(key.public_key_bits, point);
        assert_eq!(key.spki_der, spki);
    }
    // P-521's point needs the OCTET STRING's long form, as SoftHSM answers.
    let (spki, point) = spki_and_point(P521_SPKI, 133);
    for answer in [point.clone(), [&[0x04, 0x81, 0x85][..], &point].concat()] {
        let key = ec_public(P521, &answer, KEY).unwrap();
        assert_eq!(key.algorithm, KeyAlgorithm::EcdsaP521);
        assert_eq!(key.spki_der, spki);
    }
    let (spki, point) = spki_and_point(ED25519_SPKI, 32);
    for params in [ED25519_OID, EDWARDS25519] {
        for answer in [point.clone(), [&[0x04, 0x20][..], &point].concat()] {
            let key = ec_public(params, &answer, KEY).unwrap();
            assert_eq!(key.algorithm, KeyAlgorithm::Ed25519);
            assert_eq!(key.spki_der, spki);
        }
    }
}

#[test]
fn ec_points_of_the_wrong_shape_are_refused() {
    let (_, point) = spki_and_point(P256_SPKI, 65);
    let neither =
        "an EC point that is neither the curve's uncompressed point nor one in an OCTET STRING";
    // Too short, wrapped around the wrong length, a P-256 point for P-521.
    assert_eq!(malformed_what(ec_public(P256, &point[..64], KEY)), neither);
    assert_eq!(
        malformed_what(ec_public(
            P256,
            &[&[0x04, 0x40][..], &point[..64]].concat(),
            KEY
        )),
        neither
    );
    assert_eq!(malformed_what(ec_public(P521, &point, KEY)), neither);
    let mut compressed_marker = point.clone();
    compressed_marker[0] = 0x02;
    assert_eq!(
        malformed_what(ec_public(P256, &compressed_marker, KEY)),
        "an EC point that is not uncompressed"
    );
    assert_eq!(
        ec_public(SECP256K1, &point, KEY).unwrap_err().to_string(),
        "pkcs11:token=t;object=k: unsupported key: elliptic curve with parameters 06052b8104000a (use P-256, P-384, P-521 or Ed25519)"
    );
}

/// A key made by the rsa crate, its modulus and exponent as a token gives
/// them (with leading zero bytes), and the rsa crate's own SPKI.
fn rsa_key() -> (rsa::PrivateKey, Vec<u8>, Vec<u8>, Vec<u8>) {
    use rsa::pkcs8::EncodePublicKey;
    let key = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).unwrap();
    let spki = key.to_public_key().to_public_key_der().unwrap().to_vec();
    let parsed = spki::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
    let pkcs1 = pkcs1::RsaPublicKey::<UintRef<'_>>::from_der(parsed.subject_public_key.raw_bytes())
        .unwrap();
    let modulus = [&[0][..], pkcs1.modulus.as_bytes()].concat();
    let exponent = [&[0][..], pkcs1.public_exponent.as_bytes()].concat();
    (key, modulus, exponent, spki)
}

#[test]
fn rsa_modulus_and_exponent_give_the_certificates_encoding_and_digest_info_verifies() {
    let (private, modulus, exponent, spki) = rsa_key();
    let key = rsa_public(&modulus, &exponent, KEY).unwrap();
    assert_eq!(key.algorithm, KeyAlgorithm::Rsa(2048));
    assert_eq!(key.spki_der, spki);
    // CKM_RSA_PKCS over the DigestInfo is a PKCS#1 v1.5 signature.
    let message = b"tbsCertificate";
    for (hash, verifier) in [
        (RsaHash::Sha256, &signature::RSA_PKCS1_2048_8192_SHA256),
        (RsaHash::Sha384, &signature::RSA_PKCS1_2048_8192_SHA384),
        (RsaHash::Sha512, &signature::RSA_PKCS1_2048_8192_SHA512),
    ] {
        let info = rsa_digest_info(hash, message);
        let signed = private
            .sign(rsa::pkcs1v15::Pkcs1v15Sign::new_unprefixed(), &info)
            .unwrap();
        UnparsedPublicKey::new(verifier, &key.public_key_bits)
            .verify(message, &signed)
            .unwrap_or_else(|_| panic!("{hash:?}"));
    }
}

#[test]
fn rsa_keys_certsmith_does_not_use_are_refused() {
    assert_eq!(
        rsa_public(&[0xff; 128], &[1, 0, 1], KEY)
            .unwrap_err()
            .to_string(),
        "pkcs11:token=t;object=k: unsupported key: RSA key of 1024 bits (certsmith uses RSA keys of 2048 to 8192 bits)"
    );
    assert_eq!(
        malformed_what(rsa_public(&[0, 0], &[1, 0, 1], KEY)),
        "an empty RSA modulus"
    );
}

#[test]
fn ecdsa_raw_signatures_become_der_that_verifies() {
    let rng = SystemRandom::new();
    // The curve's hash (RFC 5480 §4): SHA-256, SHA-384, SHA-512.
    for (fixed, asn1, algorithm, digest_length) in [
        (
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &signature::ECDSA_P256_SHA256_ASN1,
            KeyAlgorithm::EcdsaP256,
            32,
        ),
        (
            &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            &signature::ECDSA_P384_SHA384_ASN1,
            KeyAlgorithm::EcdsaP384,
            48,
        ),
        (
            &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
            &signature::ECDSA_P521_SHA512_ASN1,
            KeyAlgorithm::EcdsaP521,
            64,
        ),
    ] {
        let pair = EcdsaKeyPair::generate(fixed).unwrap();
        // Enough signatures that some r or s has a high bit or a zero byte.
        for _ in 0..16 {
            let raw = pair.sign(&rng, b"tbs").unwrap();
            let der = ecdsa_signature_der(raw.as_ref(), algorithm, KEY).unwrap();
            UnparsedPublicKey::new(asn1, pair.public_key().as_ref())
                .verify(b"tbs", &der)
                .unwrap();
        }
        assert_eq!(ecdsa_digest(algorithm, b"tbs").len(), digest_length);
    }
}

#[test]
fn ecdsa_integers_are_minimal_der() {
    // r with its high bit set gets a 0x00; s's leading zero bytes go.
    let mut raw = vec![0u8; 64];
    raw[0] = 0x80;
    raw[63] = 0x01;
    let der = ecdsa_signature_der(&raw, KeyAlgorithm::EcdsaP256, KEY).unwrap();
    let expected = [
        &[0x30, 0x26, 0x02, 0x21, 0x00, 0x80][..],
        &[0; 31],
        &[0x02, 0x01, 0x01],
    ]
    .concat();
    assert_eq!(der, expected);
    assert_eq!(
        malformed_what(ecdsa_signature_der(
            &raw[..63],
            KeyAlgorithm::EcdsaP256,
            KEY
        )),
        "an ECDSA signature of the wrong length"
    );
    assert_eq!(
        malformed_what(ecdsa_signature_der(&raw, KeyAlgorithm::EcdsaP384, KEY)),
        "an ECDSA signature of the wrong length"
    );
}
