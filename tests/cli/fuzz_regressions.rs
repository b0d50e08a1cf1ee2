//! Inputs the fuzzers found troublesome, and those found by reading the
//! parsers while writing the fuzz targets, kept so they stay fixed (see
//! fuzz/README.md for the runs and the findings).
//!
//! Each input lives in tests/fuzz-regressions/, named after the fuzz target
//! that reaches it. Each test gives it to the subcommand a user would, and
//! asserts what any bad input must get: no panic, exit 1 (2 for a bad flag
//! value), nothing on stdout, and one `error: ` line that names the file.
//! An input that is not bad (F2) must simply work.

use std::path::PathBuf;

use crate::support::*;

/// The path of a kept input.
fn input(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(name)
}

/// A kept input's bytes.
fn read(name: &str) -> Vec<u8> {
    std::fs::read(input(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

/// A kept input that is text (it is embedded in a JSON document or a flag).
fn read_text(name: &str) -> String {
    String::from_utf8(read(name)).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"))
}

/// Asserts a clean refusal: no panic, exit 1, nothing on stdout, and exactly
/// one `error: ` line, which names `file`.
#[track_caller]
fn assert_refused(run: &Run, file: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "certsmith panicked:\n{}",
        run.stderr
    );
    let stderr = run.fails();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "expected one error line:\n{stderr}");
    assert!(
        errors[0].contains(file),
        "the error does not name {file}: {}",
        errors[0]
    );
}

// --- duration: Go durations in CSR JSON, config JSON and flags

/// A fraction that carries a whole part just under u128::MAX nanoseconds over
/// the top (src/cfssl/duration.rs, `scale`: `nanos += frac_value * unit_nanos /
/// divisor` is unchecked). A debug build panics; a release build wraps to a
/// tiny duration and makes a CA certificate that expires as it is made.
#[test]
fn initca_refuses_ca_expiry_whose_fraction_overflows() {
    let s = Scratch::new();
    let expiry = read_text("duration-fraction-overflow");
    let json = serde_json::json!({"CN": "Fuzz Root", "ca": {"expiry": expiry}});
    s.write("root-csr.json", &json.to_string());
    assert_refused(&s.certsmith(&["initca", "root-csr.json"]), "root-csr.json");
}

#[test]
fn sign_refuses_profile_expiry_whose_fraction_overflows() {
    let s = with_root();
    let expiry = read_text("duration-fraction-overflow");
    let config = serde_json::json!({"signing": {"default": {
        "expiry": expiry,
        "usages": ["signing", "server auth"]
    }}});
    s.write("config.json", &config.to_string());
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    let run = s.sign("ca", &["--config", "config.json", "leaf.json"]);
    assert_refused(&run, "config.json");
}

/// The same duration as a flag value is a usage error (exit 2), not a panic.
#[test]
fn inspect_refuses_expiring_within_whose_fraction_overflows() {
    let s = with_root();
    let within = read_text("duration-fraction-overflow");
    let run = s.certsmith(&["inspect", "--expiring-within", &within, "ca.pem"]);
    assert!(
        !run.stderr.contains("panicked"),
        "certsmith panicked:\n{}",
        run.stderr
    );
    assert_eq!(run.status, 2, "expected a usage error:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "printed: {}", run.stdout_str());
}

// --- certificate: PEM/DER certificates

/// A certificate whose dNSName SAN holds UTF-8 (`éa.example`): x509-parser
/// reads IA5String as UTF-8, and `csr --from-cert` copied the SAN into the
/// request unchecked, where `San::to_general_name` expects ASCII
/// (src/x509/san.rs, "ASCII checked in classify"; reached from src/cli/csr.rs).
#[test]
fn csr_from_cert_refuses_non_ascii_dns_san() {
    let s = with_root();
    let cert = input("certificate-non-ascii-dns-san.der");
    let cert = path_str(&cert);
    let run = s.certsmith(&["csr", "--key", "ca-key.pem", "--from-cert", cert]);
    assert_refused(&run, cert);
}

/// The same certificate is only described by `inspect` (it reads, it does
/// not re-encode): the SAN is shown, nothing panics.
#[test]
fn inspect_describes_non_ascii_dns_san() {
    let s = Scratch::new();
    let cert = input("certificate-non-ascii-dns-san.der");
    let run = s.certsmith(&["inspect", path_str(&cert)]);
    run.ok();
    assert!(
        run.stdout_str().contains("a.example"),
        "{}",
        run.stdout_str()
    );
}

// --- csr_json: CSR JSON, and the CSR built from it

/// A CN that holds the start of a PEM armour line (`{"CN":"-----BEGIN "}`,
/// minimised from `-----BEGIN CERTIFICATE-----`): the DER of the CSR built
/// for it contains "-----BEGIN ", and `looks_like_pem`
/// (src/x509/pemfile.rs) searches the whole input for that, so the DER was taken
/// for broken PEM ("no certificate request found"). `inspect` and `sign`
/// hand a PEM block's DER to `CertificateRequest::from_bytes` again, so the
/// CSR `genkey` printed could not be signed or inspected, as PEM or as DER.
/// The fuzzer found it as a CSR certsmith built and could not read back.
#[test]
fn sign_and_inspect_read_csr_whose_subject_contains_pem_armour() {
    let s = with_root();
    let json = input("csr_json-cn-begin-armour.json");
    s.certsmith_split(&["genkey", path_str(&json)], "armour");
    let pem = s.read("armour.csr");
    let csr = certsmith::x509::csr::CertificateRequest::from_bytes(pem.as_bytes(), "armour.csr")
        .expect("the PEM CSR reads");
    std::fs::write(s.path("armour.der"), &csr.der).expect("write DER CSR");
    for file in ["armour.csr", "armour.der"] {
        let run = s.sign("ca", &[file]);
        assert!(
            !run.stderr.contains("panicked"),
            "certsmith panicked:\n{}",
            run.stderr
        );
        run.ok();
        s.certsmith(&["inspect", file]).ok();
    }
}

// --- config_json: signing profiles

/// `null` where a profile or an auth key should be: `Config::from_json`
/// lists the map's keys and then asks for each as an object, which a `null`
/// is not (src/cfssl/config.rs, `.expect("key listed")` for `signing.profiles`
/// and for `auth_keys`).
#[test]
fn sign_refuses_config_with_null_profile_or_auth_key() {
    let s = with_root();
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    for name in [
        "config_json-null-profile.json",
        "config_json-null-auth-key.json",
    ] {
        let config = input(name);
        let config = path_str(&config);
        let run = s.sign("ca", &["--config", config, "leaf.json"]);
        assert_refused(&run, config);
    }
}
