//! Review of issue 15 (a refactor that must not change behaviour): what the
//! binary before it (f099dd72) did and the merged one does differently, and a
//! guard that the help test's loosening dropped.

use crate::support::*;

/// An openssl config section for a self-signed CA whose certificate carries
/// `extra` (extension lines) on top of basic constraints and key usage.
fn openssl_ca(s: &Scratch, name: &str, basic_constraints: &str, extra: &str) {
    require("openssl");
    s.write(
        &format!("{name}.cnf"),
        &format!(
            "[req]\ndistinguished_name = dn\n[dn]\n[v3]\nbasicConstraints = {basic_constraints}\n\
             keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n{extra}\n"
        ),
    );
    s.openssl_p256_key(&format!("{name}-key.pem"));
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            &format!("{name}-key.pem"),
            "-subj",
            &format!("/CN={name}"),
            "-days",
            "365",
            "-config",
            &format!("{name}.cnf"),
            "-extensions",
            "v3",
            "-out",
            &format!("{name}.pem"),
        ],
    )
    .ok();
}

/// Before issue 15 a certificate's name constraints were read only where
/// they matter (signing under the CA, inspect). Since "parse once" they are
/// read whenever any certificate is loaded, so a CA certificate whose name
/// constraints certsmith cannot represent (here an iPAddress of 5 bytes, as
/// another CA may have made it) can no longer publish a CRL, show its public
/// key, join a federated bundle or be split. f099dd72 did all of these.
#[test]
fn a_ca_whose_name_constraints_certsmith_cannot_read_still_works_where_they_do_not_matter() {
    let s = Scratch::new();
    // NameConstraints { permittedSubtrees [ { iPAddress 0a000000ff } ] }
    openssl_ca(
        &s,
        "nc",
        "critical, CA:TRUE",
        "2.5.29.30 = critical, DER:300ba009300787050a000000ff",
    );
    s.write("revoked.txt", "0A\n");
    s.certsmith(&["key", "fingerprint", "nc.pem"]).ok();
    s.certsmith(&["key", "public", "nc.pem"]).ok();
    s.certsmith(&["bundle", "--federate", "nc.pem"]).ok();
    s.certsmith_ca("crl", "nc", &["--revoked", "revoked.txt"])
        .ok();
    s.write("serials.txt", "10\n");
    s.certsmith(&["gencrl", "serials.txt", "nc.pem", "nc-key.pem"])
        .ok();
    s.certsmith(&["csr", "--key", "nc-key.pem", "--from-cert", "nc.pem"])
        .ok();
    // A root beside it in --roots, not on the chain, no longer breaks a bundle.
    s.init_ca("ca", ROOT_CSR);
    s.write(
        "leaf-csr.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.sign_split("ca", &["leaf-csr.json"], "leaf");
    s.certsmith(&[
        "bundle", "--roots", "ca.pem", "--roots", "nc.pem", "leaf.pem",
    ])
    .ok();
}

/// RFC 5280 allows any INTEGER pathLenConstraint; inspect printed it as it
/// is (`pathlen 300`) before issue 15, and now prints `pathlen 255`
/// (`BasicConstraints::Ca { path_len: Option<u8> }` saturates).
#[test]
fn inspect_shows_a_pathlen_above_255_as_the_certificate_says() {
    let s = Scratch::new();
    openssl_ca(&s, "deep", "critical, CA:TRUE, pathlen:300", "");
    let text = s.certsmith(&["inspect", "deep.pem"]).ok().stdout_str();
    assert!(text.contains("pathlen 300"), "{text}");
    let json = s.certsmith(&["inspect", "--json", "deep.pem"]).ok().json();
    assert_eq!(json[0]["path_len"], 300, "{json}");
}

/// f099dd72's inspect described a certificate whose KeyUsage extension is
/// not DER it can read (without a key usage line); the merged one refuses
/// the whole certificate ("invalid extensions", exit 1).
#[test]
fn inspect_still_describes_a_certificate_with_an_unreadable_key_usage() {
    let s = Scratch::new();
    require("openssl");
    s.write(
        "ku.cnf",
        "[req]\ndistinguished_name = dn\n[dn]\n[v3]\nbasicConstraints = critical, CA:TRUE\n\
         2.5.29.15 = critical, DER:0500\n",
    );
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ku-key.pem",
            "-subj",
            "/CN=ku",
            "-days",
            "30",
            "-config",
            "ku.cnf",
            "-extensions",
            "v3",
            "-out",
            "ku.pem",
        ],
    )
    .ok();
    let text = s.certsmith(&["inspect", "ku.pem"]).ok().stdout_str();
    assert!(text.contains("subject:          CN=ku"), "{text}");
}

/// A ledger line the CA signed whose CRL number is u64::MAX makes the next
/// `crl` panic ("attempt to add with overflow" in `ledger::next_crl_number`;
/// in a release build it wraps and publishes CRL number 0). Issue 15 asks
/// that no panic be reachable from the public API and that a bad entry be
/// an error. (f099dd72 panicked too: not a regression, a gap.)
#[test]
fn a_ledger_crl_number_at_u64_max_is_an_error_not_a_panic() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
    s.run(
        "openssl",
        &["x509", "-in", "ca.pem", "-outform", "der", "-out", "ca.der"],
    )
    .ok();
    let digest = s
        .run("openssl", &["dgst", "-sha256", "-r", "ca.der"])
        .ok()
        .stdout_str();
    let ca = digest.split_whitespace().next().unwrap().to_string();
    // The CA in ROOT_CSR is ECDSA P-256 (certsmith's default key).
    let entry = format!(
        r#"{{"ca":"{ca}","crl_number":18446744073709551615,"event":"crl","next_update":"2026-02-08T00:00:00Z","prev":null,"revoked":0,"seq":1,"sha256":"00","sig_alg":"1.2.840.10045.4.3.2","this_update":"2026-02-01T00:00:00Z","time":"2026-02-01T00:00:00Z"}}"#
    );
    s.write("entry.json", &entry);
    s.run(
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-sign",
            "ca-key.pem",
            "-out",
            "entry.sig",
            "entry.json",
        ],
    )
    .ok();
    let sig = s
        .run("openssl", &["base64", "-A", "-in", "entry.sig"])
        .ok()
        .stdout_str();
    s.write(
        "ledger.jsonl",
        &format!("{{\"entry\":{entry},\"sig\":\"{}\"}}\n", sig.trim()),
    );
    s.certsmith(&["ledger", "verify", "--ca", "ca.pem", "ledger.jsonl"])
        .ok();
    let run = s.certsmith_ca("crl", "ca", &["--ledger", "ledger.jsonl"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.fails().starts_with("error: "), "{}", run.stderr);
}

/// Before issue 15 the help test required each of these to end with its own
/// examples; the tree walk that replaced the list lets a subcommand of a
/// group whose help has examples (`key`, `remote`) drop its own. This puts
/// the old requirement back for them.
#[test]
fn every_key_and_remote_subcommand_help_ends_with_its_own_examples() {
    let s = Scratch::new();
    for sub in [
        &["key", "encrypt"][..],
        &["key", "decrypt"],
        &["key", "public"],
        &["key", "fingerprint"],
        &["key", "identity"],
        &["remote", "sign"],
        &["remote", "info"],
        &["remote", "token"],
        &["ledger", "verify"],
    ] {
        let help = s.certsmith(&[sub, &["--help"]].concat()).ok().stdout_str();
        let tail = help.trim_end().rsplit("\n\n").next().unwrap();
        assert!(
            tail.starts_with("Examples:\n  certsmith "),
            "{sub:?} --help:\n{help}"
        );
    }
}
