//! `certsmith revoke` against the ledger (issue 13, item 11): a serial is
//! revoked when the ledger records it as issued by this CA, when a
//! certificate the CA signed is shown, or with `--force`; a mistyped serial is
//! refused, and revoking twice adds nothing. Each CRL made afterwards is
//! checked by openssl.

use crate::ledger::*;
use crate::support::*;

/// A CA with a ledger and three leaves a, b, c issued under it.
fn ca_with_three_leaves() -> Scratch {
    let s = Scratch::new();
    ca_named(&s, "ca", "Revoking Root");
    for name in ["a", "b", "c"] {
        sign_logged(&s, "ca", LEDGER, name, &format!("{name}.example.com"));
    }
    s
}

fn revoke(s: &Scratch, extra: &[&str]) -> Run {
    let args = [&["--ledger", LEDGER], extra].concat();
    s.certsmith_ca("revoke", "ca", &args)
}

/// `lowercase:with:colons` form of an openssl serial.
fn colon_lower(serial: &str) -> String {
    serial
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(":")
}

/// The serials of a CRL made from the ledger now, as openssl lists them,
/// after openssl checked its signature against ca.pem.
#[track_caller]
fn crl_serials(s: &Scratch) -> Vec<String> {
    let run = s.certsmith_ca("crl", "ca", &["--ledger", LEDGER]);
    run.ok();
    s.write("crl.pem", &run.stdout_str());
    let checked = s.run(
        "openssl",
        &["crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout"],
    );
    assert!(
        checked.status == 0 && (checked.stdout_str() + &checked.stderr).contains("verify OK"),
        "openssl crl: {}{}",
        checked.stdout_str(),
        checked.stderr
    );
    s.run("openssl", &["crl", "-in", "crl.pem", "-noout", "-text"])
        .ok()
        .stdout_str()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Serial Number: "))
        .map(str::to_owned)
        .collect()
}

/// Whether `openssl verify -crl_check` against crl.pem calls CERT revoked.
fn openssl_says_revoked(s: &Scratch, cert: &str) -> bool {
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-crl_check",
            "-CAfile",
            "ca.pem",
            "-CRLfile",
            "crl.pem",
            cert,
        ],
    );
    let out = run.stdout_str() + &run.stderr;
    assert!(
        out.contains("certificate revoked") || (run.status == 0 && out.contains(": OK")),
        "{cert}: {out}"
    );
    out.contains("certificate revoked")
}

/// The `revoked_at` of the ledger's last entry.
fn last_revoked_at(s: &Scratch) -> String {
    let entries = ledger_entries(s, LEDGER);
    let last = entries.last().expect("an entry");
    assert_eq!(last["event"], "revoked", "{last}");
    last["revoked_at"].as_str().expect("revoked_at").to_owned()
}

#[test]
fn revoke_refuses_a_serial_the_ledger_never_issued() {
    let s = ca_with_three_leaves();
    let before = s.read(LEDGER);
    for typed in ["DEADBEEF", "de:ad:be:ef", "00deadbeef"] {
        let err = revoke(&s, &["--serial", typed]).fails().to_owned();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines[0], "error: serial DEADBEEF is not recorded in ledger.jsonl as issued by ca.pem",
            "{typed}: {err}"
        );
        assert!(
            lines.len() == 2
                && lines[1].starts_with("hint: ")
                && lines[1].contains("--cert FILE")
                && lines[1].contains("--force"),
            "{typed}: {err}"
        );
        assert_eq!(s.read(LEDGER), before, "{typed}: the ledger was changed");
    }
    assert_eq!(crl_serials(&s), Vec::<String>::new());

    // With no ledger yet, nothing is issued in it, and no ledger is made.
    let err = s
        .certsmith_ca("revoke", "ca", &["--ledger", "new.jsonl", "--serial", "01"])
        .fails()
        .to_owned();
    assert!(
        err.starts_with("error: serial 01 is not recorded in new.jsonl as issued by ca.pem\n"),
        "{err}"
    );
    assert!(!s.exists("new.jsonl"));
}

#[test]
fn revoke_finds_a_serial_however_it_is_typed_and_revokes_it_once() {
    let s = ca_with_three_leaves();
    let serial = serial_of(&s, "b.pem");
    // Lowercase, colons and a leading zero octet: the same number.
    let typed = format!("00:{}", colon_lower(&serial));
    let run = revoke(&s, &["--serial", &typed, "--reason", "keyCompromise"]);
    run.ok();
    assert!(
        run.stderr
            .contains(&format!("revoked serial {serial} (keyCompromise)")),
        "{}",
        run.stderr
    );
    let revoked_at = last_revoked_at(&s);
    let after = s.read(LEDGER);

    let again = format!(
        "serial {serial} already revoked (keyCompromise, {revoked_at}); nothing added to ledger.jsonl"
    );
    for second in [
        vec!["--serial", serial.as_str(), "--reason", "superseded"],
        vec!["--serial", typed.as_str()],
        vec!["--cert", "b.pem"],
    ] {
        let run = revoke(&s, &second);
        run.ok();
        assert!(run.stdout.is_empty());
        assert_eq!(run.stderr.trim_end(), again, "{second:?}");
        assert_eq!(s.read(LEDGER), after, "{second:?}: a second entry");
    }
    assert_eq!(crl_serials(&s), [serial]);
    assert!(openssl_says_revoked(&s, "b.pem"));
    assert!(!openssl_says_revoked(&s, "a.pem"));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn revoke_force_records_a_serial_the_ledger_does_not_know() {
    let s = ca_with_three_leaves();
    let run = revoke(
        &s,
        &[
            "--serial",
            "de:ad:be:ef",
            "--force",
            "--reason",
            "cessationOfOperation",
        ],
    );
    run.ok();
    assert!(
        run.stderr.contains("revoked serial DEADBEEF"),
        "{}",
        run.stderr
    );
    let revoked_at = last_revoked_at(&s);
    let after = s.read(LEDGER);
    // Revoked now, so no --force is needed to say so.
    let run = revoke(&s, &["--serial", "DEADBEEF"]);
    run.ok();
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "serial DEADBEEF already revoked (cessationOfOperation, {revoked_at}); nothing added to ledger.jsonl"
        )
    );
    assert_eq!(s.read(LEDGER), after);
    assert_eq!(crl_serials(&s), ["DEADBEEF"]);
}

#[test]
fn revoke_accepts_a_certificate_the_ca_signed_before_the_ledger_existed() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Revoking Root");
    let json = leaf_json(&s, "old", "old.example.com");
    s.sign_split("ca", &[&json], "old");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    let run = revoke(&s, &["--cert", "old.pem", "--reason", "superseded"]);
    run.ok();
    assert_eq!(crl_serials(&s), [serial_of(&s, "old.pem")]);
    assert!(openssl_says_revoked(&s, "old.pem"));
    assert!(!openssl_says_revoked(&s, "a.pem"));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);
}

#[test]
fn revoke_refuses_a_certificate_that_names_the_ca_but_was_not_signed_by_it() {
    let s = ca_with_three_leaves();
    // Another key under the very same name: its certificates name ca.pem's
    // subject as their issuer.
    ca_named(&s, "impostor", "Revoking Root");
    let json = leaf_json(&s, "forged", "a.example.com");
    s.sign_split("impostor", &[&json], "forged");
    let issuer = s
        .run(
            "openssl",
            &["x509", "-noout", "-issuer", "-in", "forged.pem"],
        )
        .ok()
        .stdout_str();
    let subject = s
        .run("openssl", &["x509", "-noout", "-subject", "-in", "ca.pem"])
        .ok()
        .stdout_str();
    assert_eq!(
        issuer.trim_start_matches("issuer="),
        subject.trim_start_matches("subject=")
    );
    let before = s.read(LEDGER);
    let err = revoke(&s, &["--cert", "forged.pem"]).fails().to_owned();
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        "error: forged.pem was not issued by ca.pem",
        "{err}"
    );
    assert_eq!(s.read(LEDGER), before, "the ledger was changed");
}

/// Twelve `crl` runs racing three `revoke`s on one ledger: every CRL gets its
/// own number, and the CRLs that share a number are the same CRL (before,
/// each run read the ledger and chose its number outside the lock, and two
/// different CRLs went out as CRL 1).
#[test]
fn parallel_crl_runs_never_publish_two_crls_under_one_number() {
    let s = ca_with_three_leaves();
    let dir = s.dir.path().to_path_buf();
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let ca = [
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--ledger",
        LEDGER,
    ];
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(15));
    let mut runs = Vec::new();
    for i in 0..15 {
        let (dir, bin, barrier) = (dir.clone(), bin.clone(), barrier.clone());
        let mut args: Vec<String> = ca.iter().map(|a| a.to_string()).collect();
        if i < 12 {
            args.insert(0, "crl".into());
        } else {
            args.insert(0, "revoke".into());
            args.extend(["--cert".into(), format!("{}.pem", ["a", "b", "c"][i - 12])]);
        }
        runs.push(std::thread::spawn(move || {
            barrier.wait();
            let out = command(bin).args(&args).current_dir(&dir).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (i < 12).then_some(out.stdout)
        }));
    }
    let crls: Vec<Vec<u8>> = runs.into_iter().filter_map(|r| r.join().unwrap()).collect();
    let mut by_number: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for (i, crl) in crls.iter().enumerate() {
        let file = format!("race-{i}.crl");
        std::fs::write(s.path(&file), crl).unwrap();
        let number = s
            .run("openssl", &["crl", "-in", &file, "-noout", "-crlnumber"])
            .ok()
            .stdout_str();
        assert!(
            by_number.insert(number.clone(), crl.clone()).is_none(),
            "two CRLs went out as {}",
            number.trim()
        );
    }
    assert_eq!(by_number.len(), 12);
    s.certsmith(&["ledger", "verify", "--ca", "ca.pem", LEDGER])
        .ok();
}

/// A certificate another tool made with a negative or 21-octet serial cannot
/// be named by a CRL entry: `revoke --cert` says so instead of recording the
/// magnitude (which revoked another serial) or a serial every CRL then left
/// out.
#[test]
fn revoke_refuses_a_certificate_whose_serial_no_crl_can_name() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Lenient Root");
    s.write("ledger.jsonl", "");
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "l-key.pem",
            "-out",
            "l.csr",
            "-subj",
            "/CN=l",
        ],
    )
    .ok();
    for (serial, needle) in [
        ("-1", "negative"),
        (&format!("0x{}", "FF".repeat(21))[..], "20 octets"),
    ] {
        s.run(
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                "l.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca-key.pem",
                "-set_serial",
                serial,
                "-days",
                "30",
                "-out",
                "l.pem",
            ],
        )
        .ok();
        let err = revoke(&s, &["--cert", "l.pem", "--reason", "keyCompromise"])
            .fails()
            .to_string();
        assert!(
            err.starts_with("error: l.pem: serial ") && err.contains("cannot be revoked by a CRL"),
            "{err}"
        );
        assert!(err.contains(needle), "{err}");
        assert!(err.contains("\nhint: no CRL can revoke it"), "{err}");
        assert_eq!(s.read("ledger.jsonl"), "", "the ledger was written");
    }
}
