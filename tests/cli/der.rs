//! DER where a tool takes nothing else (issue 19): `crl --der` for a
//! distribution point, `export der` for certificates, CSRs, CRLs and keys,
//! and DER read back by `key public`/`fingerprint` and the rest. Every file
//! is read by openssl with `-inform DER` (which refuses PEM, so a PEM file
//! cannot pass for DER), and compared with what the PEM gives.

use crate::key::on_terminal;
use crate::ledger::{LEDGER, ca_named, ledger_entries, sha256_hex, sign_logged};
use crate::support::*;

/// A CA (P-256) with a ledger and one server leaf `app` (P-256) under it.
fn ca_and_app() -> Scratch {
    let s = Scratch::new();
    ca_named(&s, "ca", "DER Root");
    sign_logged(&s, "ca", LEDGER, "app", "app.example.com");
    s
}

fn write_bytes(s: &Scratch, name: &str, bytes: &[u8]) {
    std::fs::write(s.path(name), bytes).expect("write fixture");
}

/// `openssl ARGS` must succeed and say `verify OK` (on stdout or stderr).
#[track_caller]
fn openssl_verify_ok(s: &Scratch, args: &[&str]) {
    let run = s.run("openssl", args);
    assert!(
        run.status == 0 && (run.stdout_str() + &run.stderr).contains("verify OK"),
        "openssl {args:?}: {}{}",
        run.stdout_str(),
        run.stderr
    );
}

/// What `openssl ARGS` prints, asserting it succeeds.
fn openssl_out(s: &Scratch, args: &[&str]) -> String {
    s.run("openssl", args).ok().stdout_str()
}

#[test]
fn crl_der_verifies_with_openssl_and_its_ledger_line_hashes_its_bytes() {
    let s = ca_and_app();
    s.certsmith_ca("revoke", "ca", &["--ledger", LEDGER, "--cert", "app.pem"])
        .ok();
    let run = s.certsmith_ca("crl", "ca", &["--ledger", LEDGER, "--der"]);
    run.ok();
    let der = run.stdout.clone();
    assert_eq!(
        der.first(),
        Some(&0x30),
        "not DER: {:?}",
        &der[..der.len().min(16)]
    );
    write_bytes(&s, "ca.crl", &der);

    // -inform DER refuses PEM: only DER passes this.
    openssl_verify_ok(
        &s,
        &[
            "crl", "-inform", "DER", "-in", "ca.crl", "-CAfile", "ca.pem", "-noout",
        ],
    );
    let text = openssl_out(
        &s,
        &["crl", "-inform", "DER", "-in", "ca.crl", "-noout", "-text"],
    );
    let serial = openssl_out(&s, &["x509", "-noout", "-serial", "-in", "app.pem"]);
    let serial = serial.trim().strip_prefix("serial=").expect("serial=");
    assert!(text.contains(&format!("Serial Number: {serial}")), "{text}");

    // Another CA's certificate does not verify it.
    ca_named(&s, "other", "Other Root");
    let wrong = s.run(
        "openssl",
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            "ca.crl",
            "-CAfile",
            "other.pem",
            "-noout",
        ],
    );
    assert_ne!(
        wrong.status, 0,
        "verified by the wrong CA: {}",
        wrong.stderr
    );

    // The ledger's line is the PEM one's: its sha256 is over these bytes.
    let entries = ledger_entries(&s, LEDGER);
    let last = entries.last().expect("a line");
    assert_eq!(last["event"], "crl");
    assert_eq!(last["sha256"], sha256_hex(&s, &der));

    // certsmith reads it back.
    let inspected = s.certsmith(&["inspect", "--json", "ca.crl"]);
    let json = inspected.ok().json();
    assert_eq!(json[0]["kind"], "crl", "{json}");

    // --revoked makes one too; without --der, PEM as before.
    s.write("serials.txt", "0A\n");
    let listed = s.certsmith_ca("crl", "ca", &["--revoked", "serials.txt", "--der"]);
    write_bytes(&s, "listed.crl", &listed.ok().stdout);
    openssl_verify_ok(
        &s,
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            "listed.crl",
            "-CAfile",
            "ca.pem",
            "-noout",
        ],
    );
    let pem = s.certsmith_ca("crl", "ca", &["--ledger", LEDGER]);
    assert!(pem.ok().stdout.starts_with(b"-----BEGIN X509 CRL-----\n"));
}

#[test]
fn crl_der_on_a_terminal_is_refused_before_it_is_signed_or_recorded() {
    let s = ca_and_app();
    let before = s.read(LEDGER);
    let bin = certsmith_bin();
    let term = on_terminal(
        &s,
        &[
            &bin,
            "crl",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            LEDGER,
            "--der",
        ],
        &[],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        "error: refusing to print a CRL in DER (binary) on a terminal\r\n\
         hint: redirect it to a file: certsmith crl --der … > ca.crl\r\n"
    );
    assert_eq!(
        s.read(LEDGER),
        before,
        "a CRL was recorded that no one received"
    );
}

#[test]
fn key_fingerprint_and_public_of_der_equal_those_of_pem() {
    let s = ca_and_app();
    for (pem, kind) in [("app.pem", "x509"), ("ca.pem", "x509"), ("app.csr", "req")] {
        let der = format!("{pem}.der");
        let bytes = s
            .run("openssl", &[kind, "-in", pem, "-outform", "DER"])
            .ok()
            .stdout
            .clone();
        write_bytes(&s, &der, &bytes);
        for sub in ["fingerprint", "public"] {
            let of_pem = s.certsmith(&["key", sub, pem]);
            let of_der = s.certsmith(&["key", sub, &der]);
            assert_eq!(
                of_der.ok().stdout_str(),
                of_pem.ok().stdout_str(),
                "key {sub} {der}"
            );
        }
        // And from stdin.
        let piped = s.certsmith_stdin(&["key", "fingerprint", "-"], &bytes);
        assert_eq!(
            piped.ok().stdout_str(),
            s.certsmith(&["key", "fingerprint", pem]).stdout_str()
        );
    }
    // The key's own fingerprint is the certificate's.
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "app.pem.der"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", "app-key.pem"])
            .ok()
            .stdout_str()
    );
}
