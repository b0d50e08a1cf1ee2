//! `certsmith revoke` and `certsmith crl`: revocations go to the ledger, the
//! CRL made from it is checked by openssl (signature, `verify -crl_check`
//! outcomes, CRL numbers, reason codes) and by pkilint's `lint_crl`.

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

/// `lowercase:with:colons` form of an openssl serial.
fn colon_lower(serial: &str) -> String {
    serial
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(":")
}

fn revoke(s: &Scratch, extra: &[&str]) -> Run {
    let args = [&["--ledger", LEDGER], extra].concat();
    s.certsmith_ca("revoke", "ca", &args)
}

/// A successful revocation: nothing on stdout, a note on stderr.
#[track_caller]
fn revoke_ok(s: &Scratch, extra: &[&str]) {
    let run = revoke(s, extra);
    run.ok();
    assert!(
        run.stdout.is_empty(),
        "revoke printed data: {}",
        run.stdout_str()
    );
    assert!(!run.stderr.trim().is_empty(), "revoke printed no note");
}

/// `certsmith crl ARGS` written to FILE, which must be a PEM X509 CRL.
#[track_caller]
fn crl_to(s: &Scratch, args: &[&str], file: &str) {
    let run = s.certsmith(args);
    run.ok();
    let pem = run.stdout_str();
    assert!(
        pem.starts_with("-----BEGIN X509 CRL-----\n") && pem.ends_with("-----END X509 CRL-----\n"),
        "{pem}"
    );
    s.write(file, &pem);
}

fn crl_text(s: &Scratch, crl: &str) -> String {
    s.run("openssl", &["crl", "-noout", "-text", "-in", crl])
        .ok()
        .stdout_str()
}

/// The value on the line after `label` in openssl's text dump.
fn value_after(text: &str, label: &str) -> Option<String> {
    let mut lines = text.lines();
    lines.find(|l| l.trim_start().starts_with(label))?;
    lines.next().map(|l| l.trim().to_owned())
}

fn crl_number(text: &str) -> u64 {
    value_after(text, "X509v3 CRL Number:")
        .unwrap_or_else(|| panic!("no CRL number: {text}"))
        .parse()
        .unwrap()
}

/// (serial, reason as openssl names it) of each revoked certificate.
fn revoked_entries(text: &str) -> Vec<(String, Option<String>)> {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("Revoked Certificates:"))
        .take_while(|l| {
            !l.starts_with("    Signature Algorithm") && !l.starts_with("Signature Algorithm")
        });
    while let Some(line) = lines.next() {
        let t = line.trim();
        if let Some(serial) = t.strip_prefix("Serial Number: ") {
            entries.push((serial.to_owned(), None));
        } else if t.starts_with("X509v3 CRL Reason Code:") {
            let reason = lines.next().expect("reason").trim().to_owned();
            entries.last_mut().expect("an entry").1 = Some(reason);
        }
    }
    entries.sort();
    entries
}

/// `openssl crl -CAfile CA -in CRL -noout` says "verify OK".
#[track_caller]
fn assert_crl_signed_by(s: &Scratch, ca: &str, crl: &str) {
    let run = s.run("openssl", &["crl", "-CAfile", ca, "-in", crl, "-noout"]);
    assert!(
        run.status == 0
            && (run.stderr.contains("verify OK") || run.stdout_str().contains("verify OK")),
        "openssl crl -CAfile {ca} -in {crl}: {}{}",
        run.stdout_str(),
        run.stderr
    );
}

/// `openssl verify -crl_check`: Ok for a good certificate, else the output.
fn crl_check(s: &Scratch, ca: &str, crl: &str, cert: &str) -> Result<(), String> {
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-crl_check",
            "-CRLfile",
            crl,
            "-CAfile",
            ca,
            cert,
        ],
    );
    let all = run.stdout_str() + &run.stderr;
    if run.status == 0 && all.contains(": OK") {
        Ok(())
    } else {
        Err(all)
    }
}

#[track_caller]
fn assert_revoked(s: &Scratch, ca: &str, crl: &str, cert: &str) {
    let err = crl_check(s, ca, crl, cert).expect_err(&format!("{cert} still verifies with {crl}"));
    assert!(err.contains("certificate revoked"), "{cert}: {err}");
}

#[track_caller]
fn assert_not_revoked(s: &Scratch, ca: &str, crl: &str, cert: &str) {
    crl_check(s, ca, crl, cert).unwrap_or_else(|e| panic!("{cert} with {crl}: {e}"));
}

fn ca_subject(s: &Scratch, ca: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-subject", "-in", ca])
        .ok()
        .stdout_str()
        .trim()
        .trim_start_matches("subject=")
        .to_owned()
}

fn ca_ski(s: &Scratch, ca: &str) -> String {
    let out = s
        .run(
            "openssl",
            &["x509", "-noout", "-ext", "subjectKeyIdentifier", "-in", ca],
        )
        .ok()
        .stdout_str();
    out.lines().nth(1).expect("SKI value").trim().to_owned()
}

#[test]
fn revoked_certificates_are_in_a_crl_that_openssl_checks_and_pkilint_accepts() {
    let s = ca_with_three_leaves();
    let serial_a = serial_of(&s, "a.pem");
    let serial_b = serial_of(&s, "b.pem");
    // By serial, as openssl prints it but lower-cased and with colons.
    revoke_ok(&s, &["--serial", &colon_lower(&serial_a)]);
    // By certificate, with a reason in any case.
    revoke_ok(&s, &["--cert", "b.pem", "--reason", "KEYcompromise"]);

    let entries = ledger_entries(&s, LEDGER);
    assert_eq!(entries.len(), 5);
    let revoked: Vec<_> = entries[3..]
        .iter()
        .map(|e| {
            assert_eq!(e["event"], "revoked", "{e}");
            utc(e["revoked_at"].as_str().expect("revoked_at"));
            (
                e["serial"].as_str().unwrap().to_owned(),
                e["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        revoked,
        [
            (serial_a.clone(), "unspecified".to_owned()),
            (serial_b.clone(), "keyCompromise".to_owned())
        ]
    );

    crl_to(
        &s,
        &with_ca("crl", &ca_args("ca"), &["--ledger", LEDGER]),
        "crl.pem",
    );
    assert_crl_signed_by(&s, "ca.pem", "crl.pem");
    assert_revoked(&s, "ca.pem", "crl.pem", "a.pem");
    assert_revoked(&s, "ca.pem", "crl.pem", "b.pem");
    assert_not_revoked(&s, "ca.pem", "crl.pem", "c.pem");
    s.lint_crl("crl.pem");

    let text = crl_text(&s, "crl.pem");
    assert!(text.contains("Version 2 (0x1)"), "{text}");
    assert_eq!(crl_number(&text), 1, "{text}");
    // RFC 5280 §5.3.1: no reasonCode entry extension for "unspecified".
    let mut expected = vec![
        (serial_a.clone(), None),
        (serial_b.clone(), Some("Key Compromise".to_owned())),
    ];
    expected.sort();
    assert_eq!(revoked_entries(&text), expected, "{text}");
    let issuer = s
        .run("openssl", &["crl", "-noout", "-issuer", "-in", "crl.pem"])
        .ok()
        .stdout_str();
    assert_eq!(
        issuer.trim().trim_start_matches("issuer="),
        ca_subject(&s, "ca.pem")
    );
    assert_eq!(
        value_after(&text, "X509v3 Authority Key Identifier:")
            .map(|v| v.trim_start_matches("keyid:").to_owned()),
        Some(ca_ski(&s, "ca.pem")),
        "{text}"
    );

    // The ledger records the CRL and still verifies.
    let crl_event = ledger_entries(&s, LEDGER).pop().unwrap();
    assert_eq!(crl_event["event"], "crl");
    assert_eq!(crl_event["crl_number"], 1);
    assert_eq!(crl_event["revoked"], 2);
    assert_eq!(
        crl_event["sha256"].as_str().unwrap(),
        sha256_hex(&s, &der_of(&s, "crl", "crl.pem"))
    );
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 6);
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn each_crl_from_a_ledger_gets_the_next_crl_number() {
    let s = ca_with_three_leaves();
    let crl = [
        "crl",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--ledger",
        LEDGER,
    ];
    crl_to(&s, &crl, "crl1.pem");
    assert!(revoked_entries(&crl_text(&s, "crl1.pem")).is_empty());
    assert_not_revoked(&s, "ca.pem", "crl1.pem", "c.pem");
    s.lint_crl("crl1.pem");

    revoke_ok(&s, &["--cert", "c.pem", "--reason", "superseded"]);
    crl_to(&s, &crl, "crl2.pem");
    crl_to(&s, &crl, "crl3.pem");
    let numbers: Vec<u64> = ["crl1.pem", "crl2.pem", "crl3.pem"]
        .iter()
        .map(|f| crl_number(&crl_text(&s, f)))
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_revoked(&s, "ca.pem", "crl3.pem", "c.pem");
    assert_eq!(
        revoked_entries(&crl_text(&s, "crl3.pem")),
        [(serial_of(&s, "c.pem"), Some("Superseded".to_owned()))]
    );
    let crl_events: Vec<u64> = ledger_entries(&s, LEDGER)
        .iter()
        .filter(|e| e["event"] == "crl")
        .map(|e| e["crl_number"].as_u64().unwrap())
        .collect();
    assert_eq!(crl_events, [1, 2, 3]);
    // 3 issued, 1 revoked, 3 crl
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 7);
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn crl_next_update_defaults_to_a_week_and_follows_the_flag() {
    let s = ca_with_three_leaves();
    let span = |s: &Scratch, file: &str| {
        let out = s
            .run(
                "openssl",
                &[
                    "crl",
                    "-noout",
                    "-lastupdate",
                    "-nextupdate",
                    "-dateopt",
                    "iso_8601",
                    "-in",
                    file,
                ],
            )
            .ok()
            .stdout_str();
        let field = |p: &str| iso_date(out.lines().find_map(|l| l.strip_prefix(p)).expect(p));
        (field("lastUpdate="), field("nextUpdate="))
    };
    crl_to(
        &s,
        &with_ca("crl", &ca_args("ca"), &["--ledger", LEDGER]),
        "week.pem",
    );
    let (this, next) = span(&s, "week.pem");
    assert_eq!((next - this).whole_hours(), 168);
    crl_to(
        &s,
        &with_ca(
            "crl",
            &ca_args("ca"),
            &["--ledger", LEDGER, "--next-update", "24h"],
        ),
        "day.pem",
    );
    let (this, next) = span(&s, "day.pem");
    assert_eq!((next - this).whole_hours(), 24);
    let event = ledger_entries(&s, LEDGER).pop().unwrap();
    assert_eq!(utc(event["this_update"].as_str().unwrap()), this);
    assert_eq!(utc(event["next_update"].as_str().unwrap()), next);
}

#[test]
fn crl_from_a_revoked_file_lists_its_serials_and_reasons() {
    let s = ca_with_three_leaves();
    let serial_a = serial_of(&s, "a.pem");
    let serial_b = serial_of(&s, "b.pem");
    s.write(
        "revoked.txt",
        &format!(
            "# revoked by hand\n{} keyCompromise\n\n{}\n# c is fine\n",
            colon_lower(&serial_a),
            serial_b
        ),
    );
    crl_to(
        &s,
        &with_ca("crl", &ca_args("ca"), &["--revoked", "revoked.txt"]),
        "crl.pem",
    );
    assert_crl_signed_by(&s, "ca.pem", "crl.pem");
    assert_revoked(&s, "ca.pem", "crl.pem", "a.pem");
    assert_revoked(&s, "ca.pem", "crl.pem", "b.pem");
    assert_not_revoked(&s, "ca.pem", "crl.pem", "c.pem");
    s.lint_crl("crl.pem");
    let mut expected = vec![
        (serial_a, Some("Key Compromise".to_owned())),
        (serial_b, None),
    ];
    expected.sort();
    assert_eq!(revoked_entries(&crl_text(&s, "crl.pem")), expected);
}

#[test]
fn crl_refuses_a_tampered_ledger() {
    let s = ca_with_three_leaves();
    revoke_ok(&s, &["--cert", "a.pem", "--reason", "keyCompromise"]);
    // Someone removes the revocation's line... and line 2 to hide it better.
    let text = s.read(LEDGER);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(1);
    s.write(LEDGER, &(lines.join("\n") + "\n"));
    let err = s
        .certsmith_ca("crl", "ca", &["--ledger", LEDGER])
        .fails()
        .to_string();
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        "error: ledger.jsonl: line 2: hash link broken: the line before it was changed, removed or reordered",
        "{err}"
    );
}

#[test]
fn revoke_refuses_a_certificate_from_another_ca() {
    let s = ca_with_three_leaves();
    ca_named(&s, "other", "Other Root");
    sign_logged(&s, "other", "other.jsonl", "foreign", "foreign.example.com");
    let before = s.read(LEDGER);
    let err = revoke(&s, &["--cert", "foreign.pem"]).fails().to_string();
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        "error: foreign.pem was not issued by ca.pem",
        "{err}"
    );
    assert_eq!(s.read(LEDGER), before, "the ledger is unchanged");
}

#[test]
fn revoke_refuses_an_unknown_reason_with_a_hint() {
    let s = ca_with_three_leaves();
    let before = s.read(LEDGER);
    let err = revoke(&s, &["--cert", "a.pem", "--reason", "keyCompromised"])
        .fails()
        .to_string();
    let mut lines = err.lines();
    assert_eq!(
        lines.next().unwrap_or_default(),
        "error: unknown revocation reason \"keyCompromised\"",
        "{err}"
    );
    assert!(
        lines.next().unwrap_or_default().starts_with("hint: "),
        "{err}"
    );
    assert_eq!(s.read(LEDGER), before, "the ledger is unchanged");
}

#[test]
fn revoke_and_crl_unlock_an_age_sealed_ca_key_with_an_identity() {
    let s = Scratch::new();
    let made = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    made.ok();
    let recipient = made
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient on stderr")
        .to_owned();
    s.write(
        "ca-csr.json",
        r#"{"CN":"Sealed Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(
        &[
            "initca",
            "-r",
            &recipient,
            "--ledger",
            LEDGER,
            "ca-csr.json",
        ],
        "ca",
    );
    assert!(s.exists("ca-key.age") && !s.exists("ca-key.pem"));
    for name in ["a", "b"] {
        let json = leaf_json(&s, name, &format!("{name}.example.com"));
        s.certsmith_split(
            &with_ca(
                "sign",
                &sealed_ca_args("ca"),
                &["-i", "id.txt", "--ledger", LEDGER, &json],
            ),
            name,
        );
    }
    let locked = [
        "revoke",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.age",
        "--ledger",
        LEDGER,
        "--cert",
        "a.pem",
        "--reason",
        "keyCompromise",
    ];
    s.certsmith(&locked).fails();
    let mut unlocked = locked.to_vec();
    unlocked.extend(["-i", "id.txt"]);
    s.certsmith(&unlocked).ok();
    crl_to(
        &s,
        &with_ca(
            "crl",
            &sealed_ca_args("ca"),
            &["-i", "id.txt", "--ledger", LEDGER],
        ),
        "crl.pem",
    );
    assert_crl_signed_by(&s, "ca.pem", "crl.pem");
    assert_revoked(&s, "ca.pem", "crl.pem", "a.pem");
    assert_not_revoked(&s, "ca.pem", "crl.pem", "b.pem");
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
    independently_verify(&s, "ca.pem", LEDGER);
}

/// The serials of a CRL's entries as Python `cryptography` reads them
/// (decimal), or its complaint. It reads DER strictly: a zero-length
/// INTEGER fails the whole CRL.
fn python_crl_serials(s: &Scratch, crl: &str) -> Result<Vec<String>, String> {
    let run = s.run(
        "python3",
        &[
            "-c",
            "import sys\n\
             from cryptography import x509\n\
             crl = x509.load_pem_x509_crl(open(sys.argv[1], 'rb').read())\n\
             print(' '.join(str(r.serial_number) for r in crl))",
            crl,
        ],
    );
    if run.status == 0 {
        Ok(run
            .stdout_str()
            .split_whitespace()
            .map(str::to_owned)
            .collect())
    } else {
        Err(run.stderr)
    }
}

/// Issue 13: `revoke --serial 0` made a CRL with a zero-length INTEGER that
/// neither openssl nor Python `cryptography` can read. 0 and negative
/// numbers are refused as they are typed, before the ledger is touched.
#[test]
fn revoke_refuses_serial_zero_and_negative_serials() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Zero Root");
    let zero = "0 is not a serial number: serials are positive (RFC 5280 §4.1.2.2)";
    let negative =
        "a negative number is not a serial number: serials are positive (RFC 5280 §4.1.2.2)";
    for (serial, why) in [
        ("0", zero),
        ("00:00", zero),
        ("0x0", zero),
        ("-5", negative),
        ("-0x01", negative),
    ] {
        let err = revoke(&s, &[&format!("--serial={serial}")])
            .fails()
            .to_string();
        assert_eq!(
            err,
            format!(
                "error: invalid serial \"{serial}\": {why}\n\
                 hint: e.g. --serial 5A3F… as `openssl x509 -noout -serial` prints it\n"
            )
        );
        assert!(!s.exists(LEDGER), "--serial {serial} started a ledger");
    }
}

#[test]
fn crl_refuses_a_revoked_file_that_lists_serial_zero() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Zero Root");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/revoked-serial-zero.txt");
    std::fs::copy(corpus, s.path("revoked-serial-zero.txt")).unwrap();
    s.write("later-zero.txt", "01 keyCompromise\n00:00 superseded\n");
    s.write("negative.txt", "# hand-made\n-7F\n");
    let crl = |file: &str| {
        s.certsmith_ca("crl", "ca", &["--revoked", file])
            .fails()
            .to_string()
    };
    assert_eq!(
        crl("revoked-serial-zero.txt"),
        "error: revoked-serial-zero.txt: line 1: serial \"0\": 0 is not a serial number: serials are positive (RFC 5280 §4.1.2.2)\n"
    );
    assert_eq!(
        crl("later-zero.txt"),
        "error: later-zero.txt: line 2: serial \"00:00\": 0 is not a serial number: serials are positive (RFC 5280 §4.1.2.2)\n"
    );
    assert_eq!(
        crl("negative.txt"),
        "error: negative.txt: line 2: serial \"-7F\": a negative number is not a serial number: serials are positive (RFC 5280 §4.1.2.2)\n"
    );
}

/// Every serial goes into a CRL as a minimal, positive DER INTEGER (a
/// leading 0x00 when the top bit is set, leading zeros typed by hand
/// dropped), from a list and from the ledger, and both openssl and Python
/// `cryptography` read the CRL back with the same numbers.
#[test]
fn crl_serials_are_der_integers_that_openssl_and_python_read() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Integer Root");
    // (as typed, as openssl prints it in a CRL, decimal)
    let serials = [
        ("1", "01", "1"),
        ("7f", "7F", "127"),
        ("80", "80", "128"),
        ("0x00ff", "FF", "255"),
        ("00:80:00", "8000", "32768"),
        // The largest that fits RFC 5280's 20 octets.
        (
            "7fffffffffffffffffffffffffffffffffffffff",
            "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
            "730750818665451459101842416358141509827966271487",
        ),
    ];
    let list: String = serials
        .iter()
        .map(|(typed, _, _)| format!("{typed}\n"))
        .collect();
    s.write("serials.txt", &list);
    let ca = ["--ca", "ca.pem", "--ca-key", "ca-key.pem"];
    crl_to(
        &s,
        &[&["crl"][..], &ca, &["--revoked", "serials.txt"]].concat(),
        "list.crl",
    );
    // None of these was issued: --force records them as serials from before
    // the ledger.
    for (typed, _, _) in serials {
        revoke_ok(&s, &[&format!("--serial={typed}"), "--force"]);
    }
    crl_to(
        &s,
        &[&["crl"][..], &ca, &["--ledger", LEDGER]].concat(),
        "ledger.crl",
    );
    for crl in ["list.crl", "ledger.crl"] {
        assert_crl_signed_by(&s, "ca.pem", crl);
        let mut openssl: Vec<String> = revoked_entries(&crl_text(&s, crl))
            .into_iter()
            .map(|(serial, _)| serial)
            .collect();
        let mut expected: Vec<String> = serials.iter().map(|(_, hex, _)| hex.to_string()).collect();
        openssl.sort();
        expected.sort();
        assert_eq!(openssl, expected, "{crl}");
        let python = python_crl_serials(&s, crl).unwrap_or_else(|e| panic!("{crl}: {e}"));
        let decimal: Vec<&str> = serials.iter().map(|(_, _, d)| *d).collect();
        assert_eq!(python, decimal, "{crl}");
        s.lint_crl(crl);
    }
}

/// A certificate that does carry serial 0 (openssl made it, with the CA's
/// key) can still be revoked with --cert, and the CRL lists it as the one
/// valid DER encoding of 0, which openssl, Python and `verify -crl_check`
/// read.
#[test]
fn a_certificate_with_serial_zero_revoked_by_cert_is_listed_in_a_readable_crl() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Zero Root");
    s.openssl_p256_key("zero-key.pem");
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-key",
            "zero-key.pem",
            "-subj",
            "/CN=zero.example.com",
            "-out",
            "zero.csr",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "zero.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-set_serial",
            "0",
            "-days",
            "3",
            "-out",
            "zero.pem",
        ],
    )
    .ok();
    assert_eq!(serial_of(&s, "zero.pem"), "00");
    revoke_ok(&s, &["--cert", "zero.pem", "--reason", "keyCompromise"]);
    crl_to(
        &s,
        &with_ca("crl", &ca_args("ca"), &["--ledger", LEDGER]),
        "crl.pem",
    );
    assert_crl_signed_by(&s, "ca.pem", "crl.pem");
    assert_eq!(
        revoked_entries(&crl_text(&s, "crl.pem")),
        [("00".to_owned(), Some("Key Compromise".to_owned()))]
    );
    assert_eq!(python_crl_serials(&s, "crl.pem").unwrap(), ["0"]);
    // -x509_strict would refuse serial 0 itself; the CRL check is what matters.
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-crl_check",
            "-CRLfile",
            "crl.pem",
            "-CAfile",
            "ca.pem",
            "zero.pem",
        ],
    );
    assert!(
        run.status != 0 && (run.stdout_str() + &run.stderr).contains("certificate revoked"),
        "{}{}",
        run.stdout_str(),
        run.stderr
    );
}
