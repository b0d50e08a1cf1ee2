//! `certsmith cross-sign`: the old root vouches for the new one, so clients
//! that trust only the old root accept chains under the new root, as openssl
//! checks; the cross certificate is the new root's name and key, issued by
//! the old root, and passes pkilint.

use crate::ledger::*;
use crate::support::*;

/// A one-line openssl field of a certificate (`-subject`, `-issuer`, `-enddate`…).
fn field(s: &Scratch, cert: &str, flag: &str) -> String {
    s.run("openssl", &["x509", "-noout", flag, "-in", cert])
        .ok()
        .stdout_str()
}

/// The value of one extension, as `openssl x509 -noout -ext NAME` prints it.
fn ext(s: &Scratch, cert: &str, name: &str) -> String {
    let out = s
        .run("openssl", &["x509", "-noout", "-ext", name, "-in", cert])
        .ok()
        .stdout_str();
    out.lines()
        .skip(1)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Old root (10 years), new root (pathlen 1, 5 years), an intermediate and a
/// leaf under the new root.
fn two_roots() -> Scratch {
    let s = Scratch::new();
    s.init_ca(
        "old",
        r#"{"CN":"Old Root CA","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#,
    );
    s.init_ca(
        "new",
        r#"{"CN":"New Root CA","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{"expiry":"43800h","pathlen":1}}"#,
    );
    s.write(
        "int.json",
        r#"{"CN":"New Issuing CA","key":{"algo":"ecdsa","size":256},"ca":{}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.sign_split("new", &["--profile", "intermediate", "int.csr"], "int");
    let leaf = leaf_json(&s, "leaf", "www.example.com");
    s.sign_split("int", &["--profile", "server", &leaf], "leaf");
    s
}

/// `certsmith cross-sign … new.pem | certsmith split-json cross`.
fn cross_sign(s: &Scratch, extra: &[&str]) {
    let args = [extra, &["new.pem"]].concat();
    let run = s.certsmith_ca_split("cross-sign", "old", &args, "cross");
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert"]
    );
    assert!(s.exists("cross.pem") && !s.exists("cross-key.pem") && !s.exists("cross.csr"));
}

#[test]
fn clients_trusting_only_the_old_root_accept_the_new_chain_through_the_cross_certificate() {
    let s = two_roots();
    // Without the cross certificate, the old root knows nothing of the new chain.
    let alone = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            "old.pem",
            "-untrusted",
            "int.pem",
            "leaf.pem",
        ],
    );
    assert_ne!(alone.status, 0, "{}", alone.stdout_str());

    cross_sign(&s, &[]);
    s.openssl_verify("old.pem", &["cross.pem", "int.pem"], "leaf.pem");
    s.openssl_verify("old.pem", &[], "cross.pem");
    s.openssl_verify("new.pem", &["int.pem"], "leaf.pem");
    s.pkilint("cross.pem");

    assert_eq!(
        field(&s, "cross.pem", "-subject"),
        field(&s, "new.pem", "-subject")
    );
    assert_eq!(
        field(&s, "cross.pem", "-issuer").replace("issuer=", ""),
        field(&s, "old.pem", "-subject").replace("subject=", "")
    );
    assert_eq!(
        field(&s, "cross.pem", "-pubkey"),
        field(&s, "new.pem", "-pubkey")
    );
    assert_eq!(
        ext(&s, "cross.pem", "subjectKeyIdentifier"),
        ext(&s, "new.pem", "subjectKeyIdentifier")
    );
    assert_eq!(
        ext(&s, "cross.pem", "authorityKeyIdentifier").replace("keyid:", ""),
        ext(&s, "old.pem", "subjectKeyIdentifier")
    );
    assert_ne!(
        field(&s, "cross.pem", "-serial"),
        field(&s, "new.pem", "-serial")
    );
    // The new root's pathlen and notAfter (it expires before the old root).
    assert_eq!(
        ext(&s, "cross.pem", "basicConstraints"),
        "CA:TRUE, pathlen:1"
    );
    assert_eq!(
        field(&s, "cross.pem", "-enddate"),
        field(&s, "new.pem", "-enddate")
    );
}

#[test]
fn cross_certificate_expires_with_the_old_root_when_the_new_root_outlives_it() {
    let s = Scratch::new();
    s.init_ca(
        "old",
        r#"{"CN":"Short Old Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}"#,
    );
    s.init_ca(
        "new",
        r#"{"CN":"Long New Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#,
    );
    cross_sign(&s, &[]);
    assert_eq!(
        field(&s, "cross.pem", "-enddate"),
        field(&s, "old.pem", "-enddate")
    );
    s.openssl_verify("old.pem", &[], "cross.pem");
    s.pkilint("cross.pem");
}

#[test]
fn cross_sign_profile_sets_the_pathlen_and_the_ledger_records_it() {
    let s = two_roots();
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"cross":{"expiry":"26280h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}}}}}"#,
    );
    cross_sign(
        &s,
        &[
            "--config",
            "config.json",
            "--profile",
            "cross",
            "--ledger",
            LEDGER,
        ],
    );
    assert_eq!(
        ext(&s, "cross.pem", "basicConstraints"),
        "CA:TRUE, pathlen:0"
    );
    s.openssl_verify("old.pem", &[], "cross.pem");
    s.pkilint("cross.pem");

    assert_ledger_verifies(&s, "old.pem", LEDGER, 1);
    independently_verify(&s, "old.pem", LEDGER);
    let entry = ledger_entries(&s, LEDGER).remove(0);
    assert_eq!(entry["event"], "issued");
    assert_eq!(entry["is_ca"], true);
    assert_eq!(entry["profile"], "cross");
    assert_eq!(
        entry["serial"].as_str().unwrap(),
        serial_of(&s, "cross.pem")
    );
    assert_eq!(
        entry["sha256"].as_str().unwrap(),
        sha256_hex(&s, &der_of(&s, "x509", "cross.pem"))
    );
    assert_eq!(
        entry["ca"].as_str().unwrap(),
        sha256_hex(&s, &der_of(&s, "x509", "old.pem"))
    );
    assert!(
        entry["subject"].as_str().unwrap().contains("New Root CA"),
        "{entry}"
    );
}

#[test]
fn cross_sign_unlocks_an_age_sealed_old_root() {
    let s = two_roots();
    let made = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    made.ok();
    let recipient = made
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient")
        .to_owned();
    let sealed = s
        .certsmith(&["key", "encrypt", "-r", &recipient, "old-key.pem"])
        .ok()
        .stdout
        .clone();
    std::fs::write(s.path("old-key.age"), sealed).unwrap();
    let run = s.certsmith(&with_ca(
        "cross-sign",
        &sealed_ca_args("old"),
        &["-i", "id.txt", "new.pem"],
    ));
    run.ok();
    s.certsmith_stdin(&["split-json", "cross"], &run.stdout)
        .ok();
    s.openssl_verify("old.pem", &["cross.pem", "int.pem"], "leaf.pem");
}
