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

fn read_bytes(s: &Scratch, name: &str) -> Vec<u8> {
    std::fs::read(s.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

/// `certsmith export der ARGS`, asserting success and silence on stdout.
#[track_caller]
fn export_der(s: &Scratch, args: &[&str]) {
    let run = s.certsmith(&[&["export", "der"], args].concat());
    run.ok();
    assert!(run.stdout.is_empty(), "export der printed data with -o");
}

/// openssl's DER of a PEM certificate.
fn openssl_der(s: &Scratch, pem: &str) -> Vec<u8> {
    s.run("openssl", &["x509", "-in", pem, "-outform", "DER"])
        .ok()
        .stdout
        .clone()
}

#[test]
fn export_der_is_read_by_openssl_as_the_same_certificate_csr_crl_and_key() {
    let s = ca_and_app();

    // A certificate: the same SHA-256 fingerprint as the PEM; 0644, as certificates are.
    export_der(&s, &["app.pem", "-o", "app.der"]);
    let fingerprint =
        |args: &[&str]| openssl_out(&s, &[args, &["-noout", "-fingerprint", "-sha256"]].concat());
    assert_eq!(
        fingerprint(&["x509", "-inform", "DER", "-in", "app.der"]),
        fingerprint(&["x509", "-in", "app.pem"])
    );
    assert_eq!(s.file_mode("app.der"), 0o644);

    // A CSR: its signature verifies, and its public key is the PEM's.
    export_der(&s, &["app.csr", "-o", "app.csr.der"]);
    openssl_verify_ok(
        &s,
        &[
            "req",
            "-inform",
            "DER",
            "-in",
            "app.csr.der",
            "-verify",
            "-noout",
        ],
    );
    let csr_key = |args: &[&str]| openssl_out(&s, &[&["req", "-noout", "-pubkey"], args].concat());
    assert_eq!(
        csr_key(&["-inform", "DER", "-in", "app.csr.der"]),
        csr_key(&["-in", "app.csr"])
    );

    // A CRL made as PEM.
    let crl = s.certsmith_ca("crl", "ca", &["--ledger", LEDGER]);
    s.write("ca-crl.pem", &crl.ok().stdout_str());
    export_der(&s, &["ca-crl.pem", "-o", "ca.crl"]);
    openssl_verify_ok(
        &s,
        &[
            "crl", "-inform", "DER", "-in", "ca.crl", "-CAfile", "ca.pem", "-noout",
        ],
    );

    // Keys, as PKCS#8, 0600: certsmith's own, and openssl's SEC1 and PKCS#1 ones.
    s.openssl_p256_key("p256.pem");
    s.run("openssl", &["ec", "-in", "p256.pem", "-out", "sec1.pem"])
        .ok();
    s.run(
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "rsa8.pem",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &["rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem"],
    )
    .ok();
    for key in ["app-key.pem", "sec1.pem", "rsa1.pem"] {
        let out = format!("{key}.der");
        export_der(&s, &[key, "-o", &out]);
        assert_eq!(s.file_mode(&out), 0o600, "{out}");
        let public = |args: &[&str]| openssl_out(&s, &[&["pkey", "-pubout"], args].concat());
        assert_eq!(
            public(&["-inform", "DER", "-in", &out]),
            public(&["-in", key]),
            "{key}"
        );
        // PKCS#8 (a PrivateKeyInfo), whatever the PEM held.
        let parsed = openssl_out(&s, &["asn1parse", "-inform", "DER", "-in", &out]);
        assert!(
            parsed.lines().nth(1).is_some_and(|l| l.contains("INTEGER"))
                && parsed.contains("OBJECT"),
            "{key}: {parsed}"
        );
        let pkcs8 = s.run(
            "openssl",
            &["pkcs8", "-nocrypt", "-inform", "DER", "-in", &out],
        );
        assert!(
            pkcs8
                .ok()
                .stdout_str()
                .starts_with("-----BEGIN PRIVATE KEY-----"),
            "{key}"
        );
    }

    // Stdin to stdout, where stdout is a pipe.
    let piped = s.certsmith_stdin(&["export", "der", "-"], s.read("ca.pem").as_bytes());
    assert_eq!(piped.ok().stdout, openssl_der(&s, "ca.pem"));
}

#[test]
fn export_der_never_replaces_a_file_without_force() {
    let s = ca_and_app();
    s.write("app-key.der", "keep me");
    let stderr = s
        .certsmith(&["export", "der", "app-key.pem", "-o", "app-key.der"])
        .fails()
        .to_owned();
    assert_eq!(
        stderr,
        "error: app-key.der already exists; refusing to replace it\n\
         hint: choose another -o FILE, or pass --force to replace it\n"
    );
    assert_eq!(s.read("app-key.der"), "keep me");

    // Nor writes through a link, even with --force.
    std::os::unix::fs::symlink(s.path("elsewhere.der"), s.path("link.der")).unwrap();
    s.certsmith(&["export", "der", "app-key.pem", "-o", "link.der", "--force"])
        .fails();
    assert!(!s.exists("elsewhere.der"));

    export_der(&s, &["app-key.pem", "-o", "app-key.der", "--force"]);
    assert_eq!(read_bytes(&s, "app-key.der").first(), Some(&0x30));
    assert_eq!(s.file_mode("app-key.der"), 0o600);
}

#[test]
fn export_der_refuses_a_file_of_several_objects_naming_how_many() {
    let s = ca_and_app();
    s.write("chain.pem", &(s.read("app.pem") + &s.read("ca.pem")));
    s.write(
        "combined.pem",
        &(s.read("app.pem") + &s.read("app-key.pem") + &s.read("ca.pem")),
    );
    for (file, count) in [("chain.pem", 2), ("combined.pem", 3)] {
        let stderr = s
            .certsmith(&["export", "der", file, "-o", "out.der"])
            .fails()
            .to_owned();
        assert_eq!(
            stderr,
            format!(
                "error: {file} holds {count} objects, and a DER file holds one\n\
                 hint: put each object in a file of its own and export that one; \
                 a chain goes as PEM (certsmith bundle --pem)\n"
            )
        );
        assert!(!s.exists("out.der"), "{file}: a file was written");
    }
    // Nothing that is a PKI object does not count: a comment, EC PARAMETERS.
    let with_params = openssl_out(&s, &["ecparam", "-name", "prime256v1"]) + &s.read("ca.pem");
    s.write("with-params.pem", &with_params);
    export_der(&s, &["with-params.pem", "-o", "ca.der"]);
    openssl_out(&s, &["x509", "-inform", "DER", "-in", "ca.der", "-noout"]);
}

#[test]
fn export_der_refuses_sealed_and_token_keys() {
    let s = ca_and_app();
    s.write("pass.txt", "correct horse battery staple\n");
    s.seal_with_passphrase("app-key.pem", "pass.txt", "app-key.age");
    let stderr = s
        .certsmith(&["export", "der", "app-key.age", "-o", "app-key.der"])
        .fails()
        .to_owned();
    assert_eq!(
        stderr,
        "error: app-key.age is an age-sealed key; refusing to write it unsealed as DER\n\
         hint: if DER is to hold the key in the clear, open it and pipe it in: \
         certsmith key decrypt -i IDENTITY app-key.age | certsmith export der - > key.der\n"
    );
    assert!(!s.exists("app-key.der"));

    // A token's key, named without its PIN; no token is opened.
    let stderr = s
        .certsmith(&[
            "export",
            "der",
            "pkcs11:token=ca;object=root?pin-value=1234",
            "-o",
            "k.der",
        ])
        .fails()
        .to_owned();
    assert_eq!(
        stderr,
        "error: pkcs11:token=ca;object=root?pin-value=… is a key in a PKCS#11 token, \
         whose private half never leaves it\n\
         hint: `certsmith key public URI` prints its public key; \
         a key meant to leave as a file is made outside the token\n"
    );
    assert!(!s.exists("k.der"));
}

#[test]
fn der_on_a_terminal_is_refused_and_a_key_never_shown() {
    let s = ca_and_app();
    let bin = certsmith_bin();
    let term = on_terminal(&s, &[&bin, "export", "der", "app.pem"], &[], None);
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        "error: refusing to print a certificate in DER (binary) on a terminal\r\n\
         hint: pass -o FILE, or redirect it to a file: certsmith export der ca.pem > ca.der\r\n"
    );
    let term = on_terminal(&s, &[&bin, "export", "der", "app-key.pem"], &[], None);
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        "error: refusing to print a private key on a terminal\r\n\
         hint: pass -o FILE to write it to a file made 0600, or pipe it on\r\n"
    );

    // Redirected, as the hint says, on the same terminal.
    let term = on_terminal(
        &s,
        &[&bin, "export", "der", "app.pem"],
        &[],
        Some("app.der"),
    );
    assert_eq!((term.status, term.transcript.as_str()), (0, ""));
    openssl_out(&s, &["x509", "-inform", "DER", "-in", "app.der", "-noout"]);
}

#[test]
fn certsmith_reads_back_what_export_der_writes() {
    let s = ca_and_app();
    export_der(&s, &["ca.pem", "-o", "ca.der"]);
    export_der(&s, &["ca-key.pem", "-o", "ca-key.der"]);
    export_der(&s, &["app.pem", "-o", "app.der"]);

    let inspected = s
        .certsmith(&["inspect", "--json", "ca.der", "ca-key.der"])
        .ok()
        .json();
    assert_eq!(
        inspected[0]["subject"]["common_name"], "DER Root",
        "{inspected}"
    );
    assert_eq!(inspected[1]["kind"], "private_key", "{inspected}");
    assert_eq!(
        inspected[1]["public_key_sha256"]
            .as_str()
            .map(|f| format!("SHA256:{f}\n")),
        Some(
            s.certsmith(&["key", "fingerprint", "ca.pem"])
                .ok()
                .stdout_str()
        ),
    );

    s.certsmith(&["bundle", "--roots", "ca.der", "app.der"])
        .ok();

    // A CA in DER signs, and openssl checks what it signed against the PEM root.
    let json = crate::ledger::leaf_json(&s, "next", "next.example.com");
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "ca.der",
            "--ca-key",
            "ca-key.der",
            "--profile",
            "server",
            &json,
        ],
        "next",
    );
    s.openssl_verify("ca.pem", &[], "next.pem");
}
