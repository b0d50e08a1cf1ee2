//! `certsmith renew`: a certificate issued again by its CA for the same
//! subject, SANs and key, checked by openssl; the profile decides the rest;
//! refused when the CA did not issue it; a renewed CA is on the ceremony record.

use crate::initca::{ca_record, validity_seconds};
use crate::ledger::{ledger_entries, serial_of};
use crate::support::*;

const LEAF: &str = r#"{"CN":"app.example.com","names":[{"O":"Example","OU":"Web"}],"hosts":["app.example.com","10.0.0.7","ops@example.com","https://app.example.com/id"]}"#;

/// Profiles to renew under: a short server profile, and the built-in ones.
const CONFIG: &str = r#"{"signing":{"default":{"expiry":"8760h","usages":["digital signature","server auth"]},
  "profiles":{"server":{"expiry":"8760h","usages":["digital signature","server auth"]},
    "short":{"expiry":"2h","usages":["digital signature","client auth"]},
    "intermediate":{"expiry":"43800h","usages":["digital signature","cert sign","crl sign"],
      "ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}}}}}"#;

/// A root (ca.pem), a leaf it issued under `server` (app.pem, app-key.pem,
/// app.csr) and config.json.
fn root_with_leaf() -> Scratch {
    let s = with_root();
    s.write("config.json", CONFIG);
    s.write("app.json", LEAF);
    s.sign_split(
        "ca",
        &["--config", "config.json", "--profile", "server", "app.json"],
        "app",
    );
    s
}

/// One openssl x509 output (`-subject`, `-pubkey`, `-ext …`) of `cert`.
fn x509(s: &Scratch, cert: &str, args: &[&str]) -> String {
    let mut all = vec!["x509", "-noout", "-in", cert];
    all.extend(args);
    s.run("openssl", &all).ok().stdout_str()
}

/// `certsmith renew --ca ca.pem --ca-key ca-key.pem --config config.json EXTRA…`.
fn renew(s: &Scratch, extra: &[&str]) -> Run {
    let args = [&["--config", "config.json"], extra].concat();
    s.certsmith_ca("renew", "ca", &args)
}

/// The keys of the JSON object a command printed.
fn json_keys(run: &Run) -> Vec<String> {
    run.json().as_object().unwrap().keys().cloned().collect()
}

#[test]
fn renew_issues_the_same_subject_sans_and_key_again_and_split_json_keeps_the_key() {
    let s = root_with_leaf();
    std::fs::copy(s.path("app.pem"), s.path("old.pem")).unwrap();
    let (key, csr) = (s.read("app-key.pem"), s.read("app.csr"));
    let run = renew(&s, &["--profile", "server", "app.pem"]);
    run.ok();
    // No key and no CSR: the request was the certificate itself.
    assert_eq!(json_keys(&run), ["cert"]);
    // A leaf profile: nothing for the ceremony record.
    assert_eq!(run.stderr, "");
    let split = s.certsmith_stdin(&["split-json", "app"], &run.stdout);
    split.ok();
    assert!(
        split.stderr.starts_with("wrote app.pem: "),
        "{}",
        split.stderr
    );
    assert_eq!((s.read("app-key.pem"), s.read("app.csr")), (key, csr));

    assert_ne!(s.read("app.pem"), s.read("old.pem"));
    for what in [
        &["-subject"][..],
        &["-issuer"],
        &["-pubkey"],
        &[
            "-ext",
            "subjectAltName,subjectKeyIdentifier,keyUsage,extendedKeyUsage",
        ],
    ] {
        assert_eq!(
            x509(&s, "app.pem", what),
            x509(&s, "old.pem", what),
            "{what:?}"
        );
    }
    assert_ne!(serial_of(&s, "app.pem"), serial_of(&s, "old.pem"));
    s.openssl_verify("ca.pem", &[], "app.pem");
    s.pkilint("app.pem");
    // The key on disk is the new certificate's.
    let key_public = s
        .run("openssl", &["pkey", "-pubout", "-in", "app-key.pem"])
        .ok()
        .stdout_str();
    assert_eq!(x509(&s, "app.pem", &["-pubkey"]), key_public);
}

#[test]
fn renew_leaves_validity_and_usages_to_the_profile() {
    let s = root_with_leaf();
    s.certsmith_ca_split(
        "renew",
        "ca",
        &["--config", "config.json", "--profile", "short", "app.pem"],
        "app",
    );
    assert_eq!(validity_seconds(&s, "app.pem"), 2 * 3600);
    let eku = x509(&s, "app.pem", &["-ext", "extendedKeyUsage"]);
    assert!(eku.contains("TLS Web Client Authentication"), "{eku}");
    assert!(!eku.contains("Server"), "{eku}");
    s.openssl_verify("ca.pem", &[], "app.pem");
}

#[test]
fn renew_with_the_key_checks_it_and_signs_a_fresh_csr() {
    let s = root_with_leaf();
    std::fs::copy(s.path("app.pem"), s.path("old.pem")).unwrap();
    let old_csr = s.read("app.csr");
    let run = renew(
        &s,
        &["--profile", "server", "--key", "app-key.pem", "app.pem"],
    );
    run.ok();
    assert_eq!(json_keys(&run), ["cert", "csr"]);
    s.certsmith_stdin(&["split-json", "app"], &run.stdout).ok();
    assert_ne!(s.read("app.csr"), old_csr);
    s.run("openssl", &["req", "-verify", "-noout", "-in", "app.csr"])
        .ok();
    let csr_public = s
        .run("openssl", &["req", "-noout", "-pubkey", "-in", "app.csr"])
        .ok()
        .stdout_str();
    assert_eq!(csr_public, x509(&s, "app.pem", &["-pubkey"]));
    for what in [&["-subject"][..], &["-ext", "subjectAltName"]] {
        assert_eq!(
            x509(&s, "app.pem", what),
            x509(&s, "old.pem", what),
            "{what:?}"
        );
    }
    s.openssl_verify("ca.pem", &[], "app.pem");

    // Another key is refused before anything is signed.
    s.write("other.json", r#"{"CN":"other"}"#);
    s.certsmith_split(&["genkey", "other.json"], "other");
    let err = renew(
        &s,
        &["--profile", "server", "--key", "other-key.pem", "app.pem"],
    )
    .fails()
    .to_string();
    assert_eq!(
        err,
        "error: other-key.pem is not the key of app.pem: their public keys differ\n\
         hint: pass the private key that app.pem was issued for\n"
    );
}

#[test]
fn renew_refuses_a_certificate_the_ca_did_not_issue() {
    let s = root_with_leaf();
    // Another root under the very same name: the issuer name matches, the
    // signature does not.
    s.init_ca("twin", ROOT_CSR);
    assert_eq!(
        x509(&s, "twin.pem", &["-subject"]),
        x509(&s, "ca.pem", &["-subject"])
    );
    let err = s
        .certsmith_ca("renew", "twin", &["app.pem"])
        .fails()
        .to_string();
    assert_eq!(err, "error: app.pem was not issued by twin.pem\n");
    // And a root with another name.
    s.init_ca("other", r#"{"CN":"Other Root"}"#);
    let err = s
        .certsmith_ca("renew", "other", &["app.pem"])
        .fails()
        .to_string();
    assert_eq!(err, "error: app.pem was not issued by other.pem\n");
}

#[test]
fn renew_of_an_intermediate_keeps_what_it_issued_valid_and_is_on_the_ceremony_record() {
    let s = root_with_leaf();
    s.write(
        "int.json",
        r#"{"CN":"Issuing CA","names":[{"O":"certsmith tests"}],"ca":{}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.sign_split(
        "ca",
        &[
            "--config",
            "config.json",
            "--profile",
            "intermediate",
            "int.csr",
        ],
        "int",
    );
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.sign_split(
        "int",
        &[
            "--config",
            "config.json",
            "--profile",
            "server",
            "leaf.json",
        ],
        "leaf",
    );
    std::fs::copy(s.path("int.pem"), s.path("old-int.pem")).unwrap();

    let run = renew(&s, &["--profile", "intermediate", "int.pem"]);
    run.ok();
    s.certsmith_stdin(&["split-json", "int"], &run.stdout).ok();
    assert_eq!(run.stderr, ca_record(&s, "int.pem"));
    assert_ne!(s.read("int.pem"), s.read("old-int.pem"));
    for what in [
        &["-subject"][..],
        &["-pubkey"],
        &["-ext", "subjectKeyIdentifier,basicConstraints,keyUsage"],
    ] {
        assert_eq!(
            x509(&s, "int.pem", what),
            x509(&s, "old-int.pem", what),
            "{what:?}"
        );
    }
    // The leaf the old intermediate issued chains through the new one.
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    s.openssl_verify("ca.pem", &[], "int.pem");
    s.pkilint("int.pem");

    // A CA is not renewed as a leaf, nor a leaf as a CA.
    let err = renew(&s, &["--profile", "server", "int.pem"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: the request asks for a CA certificate but profile `server` is not a CA profile\n"
        ),
        "{err}"
    );
    let err = renew(&s, &["--profile", "intermediate", "app.pem"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: app.pem is not a CA certificate, and profile `intermediate` would make it one\n\
         hint: renew it under the leaf profile it was issued with (--profile server, client, …)\n"
    );
}

#[test]
fn renew_records_the_new_certificate_in_the_ledger() {
    let s = root_with_leaf();
    let run = renew(
        &s,
        &["--profile", "server", "--ledger", "ledger.jsonl", "app.pem"],
    );
    run.ok();
    s.certsmith_stdin(&["split-json", "app"], &run.stdout).ok();
    s.certsmith(&["ledger", "verify", "--ca", "ca.pem", "ledger.jsonl"])
        .ok();
    let entries = ledger_entries(&s, "ledger.jsonl");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["event"], "issued");
    assert_eq!(entries[0]["serial"], serial_of(&s, "app.pem").as_str());
    assert_eq!(entries[0]["profile"], "server");
}

#[test]
fn renew_reads_the_certificate_from_stdin_but_not_the_key_too() {
    let s = root_with_leaf();
    let pem = s.read("app.pem");
    let run = s.certsmith_ca_stdin("renew", "ca", &["--profile", "server", "-"], pem.as_bytes());
    run.ok();
    s.write("stdin.pem", run.json()["cert"].as_str().unwrap());
    s.openssl_verify("ca.pem", &[], "stdin.pem");

    let both = s.certsmith_ca_stdin("renew", "ca", &["--key", "-", "-"], pem.as_bytes());
    assert_eq!(both.status, 2, "{}", both.stderr);
    assert!(
        both.stderr
            .starts_with("error: --key and <CERT> both name - (stdin), which can be read only once: give one of them a file\n"),
        "{}",
        both.stderr
    );
}

#[test]
fn renew_help_ends_with_examples() {
    let s = Scratch::new();
    let help = s.certsmith(&["renew", "--help"]).ok().stdout_str();
    let tail = help.trim_end().rsplit("\n\n").next().unwrap();
    assert!(tail.starts_with("Examples:\n  certsmith renew "), "{help}");
    assert!(tail.lines().all(|l| l.chars().count() <= 96), "{tail}");
}
