//! RSA public exponents (issue 13, item 3): certsmith neither signs with an
//! RSA key whose public exponent is not 65537 (a CA key in sign, crl, revoke
//! and cross-sign; `csr --key`) nor issues a certificate for one (a CSR's
//! key, a new root to cross-sign). The refusal names the file and the
//! exponent, and comes before anything is written. Reading such a key
//! (inspect, key public, key fingerprint) stays fine.
//!
//! The e = 3 key and CSR are the corpus's `rsa-e3-key.pem` and
//! `rsa-e3-csr.pem` (`openssl genrsa -3 2048`).

use std::path::Path;

use crate::support::*;

const E3_KEY: &str = "rsa-e3-key.pem";
const E3_CSR: &str = "rsa-e3-csr.pem";
const LEAF: &str = r#"{"CN":"app.example.com","hosts":["app.example.com"]}"#;

/// Copies a file of `tests/corpus/` into the scratch directory.
fn corpus(s: &Scratch, name: &str) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    std::fs::copy(&from, s.path(name)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// The refusal, whole: one error line naming FILE and exponent 3, and the hint.
#[track_caller]
fn refused_for(run: &Run, file: &str) {
    assert_eq!(
        run.fails(),
        format!(
            "error: {file}: RSA public exponent 3 is refused: certsmith signs only with and for RSA keys whose exponent is 65537\n\
             hint: make a new key with exponent 65537 (certsmith genkey, or openssl genrsa without -3)\n"
        )
    );
}

/// An ECDSA root `ca`, the corpus's e = 3 key and CSR, `e3ca.pem` (a CA
/// certificate for the e = 3 key, made by openssl) and a leaf CSR JSON.
fn scratch() -> Scratch {
    let s = with_root();
    corpus(&s, E3_KEY);
    corpus(&s, E3_CSR);
    openssl_ca(&s, E3_KEY, "Exponent Three CA", "e3ca.pem");
    s.write("leaf.json", LEAF);
    s
}

/// A self-signed CA certificate for `key`, made by openssl.
fn openssl_ca(s: &Scratch, key: &str, cn: &str, out: &str) {
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            key,
            "-subj",
            &format!("/CN={cn}"),
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-addext",
            "subjectKeyIdentifier=hash",
            "-out",
            out,
        ],
    )
    .ok();
}

#[test]
fn sign_refuses_a_csr_whose_rsa_exponent_is_3() {
    let s = scratch();
    for profile in ["server", "default"] {
        let run = s.sign("ca", &["--profile", profile, E3_CSR]);
        refused_for(&run, E3_CSR);
    }
    // cfssl's spelling reaches the same place.
    let run = s.certsmith(&["gencert", "-ca", "ca.pem", "-ca-key", "ca-key.pem", E3_CSR]);
    refused_for(&run, E3_CSR);
    // And a CSR on stdin is named as such.
    let csr = std::fs::read(s.path(E3_CSR)).unwrap();
    let run = s.sign_stdin("ca", &["-"], &csr);
    refused_for(&run, "stdin");
}

#[test]
fn a_ca_key_whose_rsa_exponent_is_3_signs_nothing_and_writes_nothing() {
    let s = scratch();
    s.write("serials.txt", "01\n");
    let ca = ["--ca", "e3ca.pem", "--ca-key", E3_KEY];
    let with_ca = |args: &[&str], rest: &[&str]| -> Run {
        let all: Vec<&str> = args.iter().chain(&ca).chain(rest).copied().collect();
        s.certsmith(&all)
    };
    refused_for(&with_ca(&["sign"], &["leaf.json"]), E3_KEY);
    refused_for(
        &with_ca(&["sign"], &["--ledger", "ledger.jsonl", "leaf.json"]),
        E3_KEY,
    );
    refused_for(
        &with_ca(&["revoke"], &["--ledger", "ledger.jsonl", "--serial", "01"]),
        E3_KEY,
    );
    refused_for(&with_ca(&["crl"], &["--revoked", "serials.txt"]), E3_KEY);
    refused_for(&with_ca(&["crl"], &["--ledger", "ledger.jsonl"]), E3_KEY);
    refused_for(&with_ca(&["cross-sign"], &["ca.pem"]), E3_KEY);
    assert!(
        !s.exists("ledger.jsonl"),
        "a refused CA key started a ledger"
    );

    // Sealed with age, the key is refused once opened, under its own name.
    let made = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    made.ok();
    let recipient = made
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient on stderr")
        .to_owned();
    let sealed = s.certsmith(&["key", "encrypt", "-r", &recipient, E3_KEY]);
    s.write("e3-key.age", &sealed.ok().stdout_str());
    let run = s.certsmith(&[
        "sign",
        "--ca",
        "e3ca.pem",
        "--ca-key",
        "e3-key.age",
        "-i",
        "id.txt",
        "leaf.json",
    ]);
    refused_for(&run, "e3-key.age");
}

#[test]
fn cross_sign_refuses_a_new_root_whose_rsa_exponent_is_3() {
    let s = scratch();
    let run = s.certsmith_ca("cross-sign", "ca", &["e3ca.pem"]);
    refused_for(&run, "e3ca.pem");
}

#[test]
fn csr_refuses_to_sign_a_request_with_a_key_whose_rsa_exponent_is_3() {
    let s = scratch();
    refused_for(&s.certsmith(&["csr", "--key", E3_KEY, "leaf.json"]), E3_KEY);
    // The renewal of the e = 3 CA itself (csr --from-cert) is refused too.
    refused_for(
        &s.certsmith(&["csr", "--key", E3_KEY, "--from-cert", "e3ca.pem"]),
        E3_KEY,
    );
}

#[test]
fn a_key_whose_rsa_exponent_is_3_can_still_be_read() {
    let s = scratch();
    for file in [E3_KEY, E3_CSR, "e3ca.pem"] {
        let run = s.certsmith(&["inspect", file]);
        run.ok();
        assert!(run.stdout_str().contains("RSA"), "{}", run.stdout_str());
    }
    let public = s.certsmith(&["key", "public", E3_KEY]);
    let openssl = s.run("openssl", &["pkey", "-in", E3_KEY, "-pubout"]);
    assert_eq!(public.ok().stdout_str(), openssl.ok().stdout_str());
    let fingerprints: Vec<String> = [E3_KEY, E3_CSR, "e3ca.pem"]
        .iter()
        .map(|f| s.certsmith(&["key", "fingerprint", f]).ok().stdout_str())
        .collect();
    assert!(fingerprints[0].starts_with("SHA256:"), "{fingerprints:?}");
    assert!(
        fingerprints.iter().all(|f| *f == fingerprints[0]),
        "{fingerprints:?}"
    );
}

#[test]
fn rsa_keys_with_exponent_65537_still_sign_and_are_signed() {
    let s = Scratch::new();
    for key in ["f4-ca-key.pem", "f4-key.pem"] {
        s.run("openssl", &["genrsa", "-out", key, "2048"]).ok();
    }
    openssl_ca(&s, "f4-ca-key.pem", "Exponent F4 CA", "f4ca.pem");
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-key",
            "f4-key.pem",
            "-subj",
            "/CN=f4.example.com",
            "-out",
            "f4.csr",
        ],
    )
    .ok();
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "f4ca.pem",
            "--ca-key",
            "f4-ca-key.pem",
            "--profile",
            "server",
            "--hostname",
            "f4.example.com",
            "f4.csr",
        ],
        "f4",
    );
    s.openssl_verify("f4ca.pem", &[], "f4.pem");
    s.certsmith(&["csr", "--key", "f4-key.pem", "--from-cert", "f4.pem"])
        .ok();
}
