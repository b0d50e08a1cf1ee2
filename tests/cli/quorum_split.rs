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
    crate::quorum::custodians(s, names)
        .into_iter()
        .map(|c| c.recipient)
        .collect()
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
            crate::quorum::protected_custodian(&s, name, &format!("{name}'s own words")).recipient
        })
        .collect();
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

/// cfssl JSON carrying these parts (`cert`, `key`), for split-json.
fn envelope(parts: &[(&str, &str)]) -> Vec<u8> {
    let map: serde_json::Map<String, serde_json::Value> = parts
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
        .collect();
    serde_json::Value::Object(map).to_string().into_bytes()
}

/// The names of the scratch directory's files, each with a hash of its
/// contents, to show that a refusal changed nothing.
fn snapshot(s: &Scratch) -> Vec<(String, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut files: Vec<(String, u64)> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let mut hasher = DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut hasher);
            (
                e.file_name().to_string_lossy().into_owned(),
                hasher.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Signs an intermediate with root.pem and root-key.quorum, opened by c1
/// and c2, and has openssl verify it under root.pem.
fn root_signs(s: &Scratch) {
    let run = s.certsmith(&[
        "sign",
        "--ca",
        "root.pem",
        "--ca-key",
        "root-key.quorum",
        "-i",
        "c1.txt",
        "-i",
        "c2.txt",
        "--profile",
        "intermediate",
        "int.csr",
    ]);
    s.certsmith_stdin(&["split-json", "signed"], &run.ok().stdout)
        .ok();
    s.openssl_verify("root.pem", &[], "signed.pem");
}

#[test]
fn split_json_checks_a_certificate_against_the_key_a_quorum_file_names() {
    let s = Scratch::new();
    let recipients = custodians(&s, &["c1", "c2", "c3"]);
    two_roots(&s, &recipients);
    // The root renewed by two custodians, and the old certificate and
    // request gone: only the quorum file says whose key NAME holds.
    let renewed = s.certsmith(&[
        "initca",
        "--ca",
        "root.pem",
        "--key",
        "root-key.quorum",
        "-i",
        "c1.txt",
        "-i",
        "c2.txt",
    ]);
    renewed.ok();
    std::fs::remove_file(s.path("root.pem")).unwrap();
    std::fs::remove_file(s.path("root.csr")).unwrap();

    // Another CA's certificate under NAME is refused, naming the quorum file.
    let before = snapshot(&s);
    let other = envelope(&[("cert", &s.read("other.pem"))]);
    assert_eq!(
        s.certsmith_stdin(&["split-json", "root"], &other).fails(),
        "error: the new root.pem is not for the key in root-key.quorum; refusing to write it\n\
         hint: split it under another NAME, or pass --force to write it anyway\n"
    );
    assert_eq!(snapshot(&s), before);

    // An output whose certificate is not for its own quorum key, split
    // where nothing is yet, is refused as a plaintext key's would be.
    let mismatched = envelope(&[
        ("cert", &s.read("other.pem")),
        ("key", &s.read("root-key.quorum")),
    ]);
    assert_eq!(
        s.certsmith_stdin(&["split-json", "fresh"], &mismatched)
            .fails(),
        "error: the new fresh.pem is not for the key in fresh-key.quorum; refusing to write it\n\
         hint: split it under another NAME, or pass --force to write it anyway\n"
    );
    assert_eq!(snapshot(&s), before);

    // The renewed root is for the key: written, and the custodians sign with it.
    s.certsmith_stdin(&["split-json", "root"], &renewed.stdout)
        .ok();
    root_signs(&s);
}

/// A plaintext CA (plain.pem, plain-key.pem) sealed 2 of 3 to `recipients`
/// twice: root-key.quorum (beside root.pem, a copy of plain.pem) and
/// resealed.quorum, the same key sealed to a new quorum.
fn sealed_twice(s: &Scratch, recipients: &[String]) {
    s.write("root.json", ROOT);
    s.certsmith_split(&["initca", "root.json"], "plain");
    for out in ["root-key.quorum", "resealed.quorum"] {
        let mut args = vec!["key", "encrypt", "--threshold", "2", "-o", out];
        args.extend(to_all(recipients, &["plain-key.pem"]));
        s.certsmith(&args).ok();
    }
    std::fs::copy(s.path("plain.pem"), s.path("root.pem")).unwrap();
    std::fs::remove_file(s.path("plain-key.pem")).unwrap();
}

#[test]
fn split_json_keeps_the_custodians_quorum_file_unless_forced() {
    let s = Scratch::new();
    let recipients = custodians(&s, &["c1", "c2", "c3"]);
    sealed_twice(&s, &recipients);
    let quorum = s.read("root-key.quorum");
    let resealed = s.read("resealed.quorum");
    assert_ne!(quorum, resealed);
    let cert = s.read("root.pem");

    // The same file again, with its certificate: nothing to replace.
    let before = snapshot(&s);
    let same = envelope(&[("cert", &cert), ("key", &quorum)]);
    s.certsmith_stdin(&["split-json", "root"], &same).ok();
    assert_eq!(snapshot(&s), before);

    // The same key sealed to another quorum: the custodians' file stays,
    // with --rekey too (a quorum key is a CA's).
    let other_quorum = envelope(&[("key", &resealed)]);
    let refusal = "error: root-key.quorum holds the same key sealed to another quorum; refusing to replace the custodians' file\n\
         hint: keep the custodians' file and split the new one under another NAME, or pass --force to replace it (the old shares no longer open the file there)\n";
    for extra in [&[][..], &["--rekey"]] {
        let mut args = vec!["split-json"];
        args.extend(extra);
        args.push("root");
        assert_eq!(s.certsmith_stdin(&args, &other_quorum).fails(), refusal);
        assert_eq!(snapshot(&s), before);
    }

    // Another key sealed to a quorum is another key.
    s.write("other.json", OTHER);
    let mut args = vec!["initca", "--threshold", "2"];
    args.extend(to_all(&recipients, &["other.json"]));
    let other = s.certsmith(&args);
    let other_key = other.ok().json()["key"].as_str().unwrap().to_string();
    let before = snapshot(&s);
    assert_eq!(
        s.certsmith_stdin(&["split-json", "root"], &envelope(&[("key", &other_key)]))
            .fails(),
        "error: root-key.quorum already holds a different private key; refusing to replace it\n\
         hint: move the old key away first, or pass --force to replace it\n"
    );
    assert_eq!(snapshot(&s), before);

    // --force replaces it, and the new quorum's custodians sign with it.
    s.certsmith_stdin(&["split-json", "--force", "root"], &other_quorum)
        .ok();
    assert_eq!(s.read("root-key.quorum"), resealed);
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
    root_signs(&s);
}

#[test]
fn split_json_rekey_never_replaces_a_quorum_key() {
    let s = Scratch::new();
    let recipients = custodians(&s, &["c1", "c2", "c3"]);
    two_roots(&s, &recipients);
    // A new root of another key, sealed to the same custodians.
    s.write("new.json", OTHER);
    let mut args = vec!["initca", "--threshold", "2"];
    args.extend(to_all(&recipients, &["new.json"]));
    let new_root = s.certsmith(&args);
    new_root.ok();

    // Beside its root certificate, a quorum key is a CA's.
    let before = snapshot(&s);
    assert_eq!(
        s.certsmith_stdin(&["split-json", "--rekey", "root"], &new_root.stdout)
            .fails(),
        "error: --rekey never replaces a CA key (root-key.quorum belongs to the CA certificate root.pem); use --force to replace it anyway\n"
    );
    assert_eq!(snapshot(&s), before);

    // Beside a leaf certificate of another key, nothing says it is a
    // leaf's key: the header's public key is not that certificate's.
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example","hosts":["leaf.example"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let leaf = s.certsmith(&[
        "sign",
        "--ca",
        "other.pem",
        "--ca-key",
        "other-key.pem",
        "leaf.json",
    ]);
    let leaf_cert = leaf.ok().json()["cert"].as_str().unwrap().to_string();
    s.write("root.pem", &leaf_cert);
    let before = snapshot(&s);
    assert_eq!(
        s.certsmith_stdin(&["split-json", "--rekey", "root"], &new_root.stdout)
            .fails(),
        "error: cannot tell whether root-key.quorum is a CA key: root.pem is not its certificate; refusing to replace it\n\
         hint: move the old files away first, or pass --force to replace the key anyway\n"
    );
    assert_eq!(snapshot(&s), before);
}

#[test]
fn an_export_names_the_quorum_a_key_is_sealed_to() {
    let s = Scratch::new();
    let recipients = custodians(&s, &["c1", "c2", "c3"]);
    two_roots(&s, &recipients);
    let hint = |format: &str, into: &str| {
        format!(
            "hint: if {format} is to hold the key in the clear, the custodians open it together and pipe it in: \
             certsmith key decrypt -i IDENTITY -i IDENTITY … root-key.quorum | certsmith {into}\n"
        )
    };
    let before = snapshot(&s);
    assert_eq!(
        s.certsmith(&["export", "der", "-o", "root-key.der", "root-key.quorum"])
            .fails(),
        format!(
            "error: root-key.quorum is sealed to a quorum; refusing to write it unsealed as DER\n{}",
            hint("DER", "export der - > key.der")
        )
    );
    assert_eq!(
        s.certsmith(&[
            "export",
            "p12",
            "--cert",
            "root.pem",
            "--key",
            "root-key.quorum",
            "--no-password",
            "-o",
            "root.p12",
        ])
        .fails(),
        format!(
            "error: root-key.quorum is sealed to a quorum; refusing to write it unsealed as a PKCS#12 file\n{}",
            hint("a PKCS#12 file", "export p12 --key - …")
        )
    );
    assert_eq!(
        s.certsmith(&[
            "export",
            "k8s-secret",
            "--cert",
            "root.pem",
            "--key",
            "root-key.quorum",
            "--name",
            "root",
        ])
        .fails(),
        format!(
            "error: root-key.quorum is sealed to a quorum; refusing to write it unsealed as a Kubernetes Secret\n{}",
            hint("a Kubernetes Secret", "export k8s-secret --key - …")
        )
    );
    assert_eq!(snapshot(&s), before);

    // What the hint says works: two custodians open it, and DER holds it.
    let opened = s.certsmith(&[
        "key",
        "decrypt",
        "-i",
        "c1.txt",
        "-i",
        "c2.txt",
        "root-key.quorum",
    ]);
    s.certsmith_stdin(
        &["export", "der", "-o", "root-key.der", "-"],
        &opened.ok().stdout,
    )
    .ok();
    let public = |args: &[&str]| s.run("openssl", args).ok().stdout_str();
    assert_eq!(
        public(&["pkey", "-inform", "DER", "-in", "root-key.der", "-pubout"]),
        public(&["x509", "-in", "root.pem", "-noout", "-pubkey"])
    );
}
