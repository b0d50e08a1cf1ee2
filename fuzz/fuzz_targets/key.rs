//! Private keys (`--ca-key`, `csr --key`, `key public`, `key encrypt`):
//! PEM (PKCS#8, PKCS#1, SEC1, cfssl's Ed25519 label) or DER, and the checks
//! that tell an age-sealed key from a plain one and a passphrase-sealed one
//! from an identity-sealed one. Never decrypts: no passphrase is guessed.

#![no_main]

use std::hint::black_box;

use certsmith::keys::PrivateKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if certsmith::keys::sealed::is_sealed(data) {
        match certsmith::keys::sealed::needs_passphrase(data, "key.age") {
            Ok(_) => {}
            Err(e) => {
                black_box(e.to_string());
            }
        }
    }
    match PrivateKey::from_bytes(data, "key.pem") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(key) => {
            black_box(key.algorithm().to_string());
            // What certsmith writes out, it must read back as the same key.
            let again = PrivateKey::from_bytes(key.to_pem().as_bytes(), "round-trip.pem")
                .expect("a key certsmith wrote reads back");
            assert_eq!(again.spki_der(), key.spki_der());
            // Each key must sign (every signer is exercised).
            key.sign(b"certsmith").expect("a parsed key signs");
        }
    }
});
