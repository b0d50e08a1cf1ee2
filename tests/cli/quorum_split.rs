//! A CA key sealed to a quorum beside the files around it (issue 20): the
//! quorum file's header names its public key, so a `--ca` certificate for
//! another key is refused before any custodian is asked, split-json checks
//! a certificate and a new key against that public key as it does a
//! plaintext key's, and an export names the quorum it refuses.

use crate::support::{Scratch, certsmith_bin};

const ROOT: &str =
    r#"{"CN":"Quorum Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const OTHER: &str =
    r#"{"CN":"Other Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const INT: &str = r#"{"CN":"Quorum Intermediate","key":{"algo":"ecdsa","size":256}}"#;

const MISMATCH: &str = "error: CA key root-key.quorum does not match CA certificate other.pem\n\
     hint: check that --ca and --ca-key come from the same initca run\n";

/// `certsmith key identity -o NAME.txt` for each name: the recipients.
fn custodians(s: &Scratch, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| recipient(&s.certsmith(&["key", "identity", "-o", &format!("{name}.txt")])))
        .collect()
}

/// The recipient `key identity` prints.
fn recipient(run: &crate::support::Run) -> String {
    run.ok()
        .stderr
        .trim()
        .strip_prefix("Public key: ")
        .expect("the recipient on stderr")
        .to_string()
}

/// `-r R` for each recipient, then `rest`.
fn to_all<'a>(recipients: &'a [String], rest: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = recipients.iter().flat_map(|r| ["-r", r.as_str()]).collect();
    args.extend(rest);
    args
}

/// A 2-of-N quorum root (root.pem, root-key.quorum, root.csr) for `recipients`,
/// a plain root beside it (other.pem, other-key.pem), and an intermediate's CSR.
fn two_roots(s: &Scratch, recipients: &[String]) {
    s.write("root.json", ROOT);
    let mut args = vec!["initca", "--threshold", "2"];
    args.extend(to_all(recipients, &["root.json"]));
    s.certsmith_split(&args, "root");
    s.write("other.json", OTHER);
    s.certsmith_split(&["initca", "other.json"], "other");
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
}

#[test]
fn a_quorum_key_for_another_ca_is_refused_before_any_custodian_is_asked() {
    let s = Scratch::new();
    // Custodians whose identities are sealed with passphrases, and no
    // passphrase anywhere: opening a share would have to ask.
    let recipients: Vec<String> = ["c1", "c2", "c3"]
        .iter()
        .map(|name| {
            s.write("pass.txt", &format!("{name}'s own words"));
            recipient(&s.certsmith(&[
                "key",
                "identity",
                "-p",
                "--passphrase-file",
                "pass.txt",
                "-o",
                &format!("{name}.age"),
            ]))
        })
        .collect();
    std::fs::remove_file(s.path("pass.txt")).unwrap();
    two_roots(&s, &recipients);
    let sign = [
        "sign",
        "--ca",
        "other.pem",
        "--ca-key",
        "root-key.quorum",
        "-i",
        "c1.age",
        "-i",
        "c2.age",
        "--profile",
        "intermediate",
        "int.csr",
    ];
    let (run, _) = crate::key::without_terminal(&s, &sign);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(!run.stderr.contains("Enter passphrase"), "{}", run.stderr);
    assert_eq!(run.stderr, MISMATCH);
    // And on a terminal, where a prompt would be shown: none is.
    let mut on_tty = vec![certsmith_bin()];
    on_tty.extend(sign.iter().map(|a| a.to_string()));
    let on_tty: Vec<&str> = on_tty.iter().map(String::as_str).collect();
    let term = crate::key::on_terminal(&s, &on_tty, &[], Some("int.json.out"));
    assert_eq!(term.status, 1, "{}", term.transcript);
    assert!(
        !term.transcript.contains("Enter passphrase"),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .contains("CA key root-key.quorum does not match CA certificate other.pem"),
        "{}",
        term.transcript
    );
}

#[test]
fn every_command_signing_with_a_quorum_key_refuses_another_cas_certificate_before_opening_a_share()
{
    let s = Scratch::new();
    let recipients = custodians(&s, &["c1", "c2", "c3"]);
    two_roots(&s, &recipients);
    s.write("revoked.txt", "1\n");
    s.write("serials.txt", "01\n");
    let ca = ["--ca", "other.pem", "--ca-key", "root-key.quorum"];
    let ids = ["-i", "c1.txt", "-i", "c2.txt"];
    let commands: Vec<Vec<&str>> = vec![
        [
            &["sign"][..],
            &ca,
            &ids,
            &["--profile", "intermediate", "int.csr"],
        ]
        .concat(),
        [&["crl"][..], &ca, &ids, &["--revoked", "serials.txt"]].concat(),
        [
            &["revoke"][..],
            &ca,
            &ids,
            &["--ledger", "l.jsonl", "--serial", "01"],
        ]
        .concat(),
        [
            &["renew"][..],
            &ca,
            &ids,
            &["--profile", "intermediate", "root.pem"],
        ]
        .concat(),
        [&["cross-sign"][..], &ca, &ids, &["root.pem"]].concat(),
        [
            &["sign", "--batch"][..],
            &ca,
            &ids,
            &["--out-dir", "out", "int.csr"],
        ]
        .concat(),
    ];
    for args in &commands {
        let run = s.certsmith(args);
        assert_eq!(run.fails(), MISMATCH, "{args:?}");
    }
    // cfssl's gencrl names its files without flags.
    let run = s.certsmith(&[
        "gencrl",
        "revoked.txt",
        "other.pem",
        "root-key.quorum",
        "-i",
        "c1.txt",
        "-i",
        "c2.txt",
    ]);
    assert_eq!(run.fails(), MISMATCH);
    // The same custodians open the key for its own certificate.
    let run = s.certsmith(&[
        "crl",
        "--ca",
        "root.pem",
        "--ca-key",
        "root-key.quorum",
        "-i",
        "c1.txt",
        "-i",
        "c2.txt",
        "--revoked",
        "serials.txt",
    ]);
    assert!(
        run.ok().stderr.contains("share 2 of 2 open"),
        "{}",
        run.stderr
    );
}
