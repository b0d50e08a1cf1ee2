//! Messages a cfssl, openssl or step user meets in the first hour (issue 14,
//! item 15), each pinned line for line: the `error:` line names what was
//! wrong and where, and the `hint:` line says what to do next.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

use super::remote::{cfssl_serve, lab, multirootca};
use crate::support::*;

const CA: &str = r#"{"CN":"Messages Test CA","key":{"algo":"ecdsa","size":256}}"#;
const LEAF: &str =
    r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#;

/// A scratch directory with a CA (`ca.pem`, `ca-key.pem`, `ca.csr`), the CA
/// certificate in DER (`ca.der`) and a leaf CSR JSON (`app.json`).
fn with_ca() -> Scratch {
    let s = Scratch::new();
    s.init_ca("ca", CA);
    s.run(
        "openssl",
        &["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"],
    )
    .ok();
    s.write("app.json", LEAF);
    s
}

/// A file of the hostile-input corpus.
fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

/// The files in the scratch directory, to show that a refusal wrote none.
fn listing(s: &Scratch) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(s.dir.path())
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.expect("walk scratch");
            e.path()
                .strip_prefix(s.dir.path())
                .expect("under scratch")
                .display()
                .to_string()
        })
        .collect();
    names.sort();
    names
}

/// Runs certsmith, asserting exit 1 and no output, and returns stderr.
#[track_caller]
fn refused(s: &Scratch, args: &[&str], stdin: &[u8]) -> String {
    let before = listing(s);
    let run = s.certsmith_stdin(args, stdin);
    let stderr = run.fails().to_owned();
    assert_eq!(listing(s), before, "{args:?} wrote a file");
    stderr
}

#[test]
fn a_certificate_given_as_a_key_is_named_as_such() {
    let s = with_ca();
    assert_eq!(
        refused(
            &s,
            &["sign", "--ca", "ca.pem", "--ca-key", "ca.pem", "app.json"],
            b""
        ),
        "error: ca.pem holds a certificate, not a private key\n\
         hint: give the private key instead: split-json writes the key of ca.pem as ca-key.pem\n"
    );
    // In DER too, and a request as well, wherever a key is read.
    assert_eq!(
        refused(&s, &["csr", "--key", "ca.der", "app.json"], b""),
        "error: ca.der holds a certificate, not a private key\n\
         hint: `certsmith inspect ca.der` shows what it holds\n"
    );
    assert_eq!(
        refused(&s, &["csr", "--key", "ca.csr", "app.json"], b""),
        "error: ca.csr holds a certificate request, not a private key\n\
         hint: `certsmith inspect ca.csr` shows what it holds\n"
    );
}

#[test]
fn pem_or_der_where_json_is_read_is_named_as_such() {
    let s = with_ca();
    let hint = "hint: here certsmith reads JSON: a CSR JSON, a config JSON, or the output of initca, genkey, csr or sign\n";
    // A CSR piped to split-json, as `cfssljson` users pipe one by mistake.
    let csr = s.read("ca.csr");
    assert_eq!(
        refused(&s, &["split-json", "app"], csr.as_bytes()),
        format!("error: stdin holds PEM (a CERTIFICATE REQUEST), not JSON\n{hint}")
    );
    // A CSR given as --config.
    assert_eq!(
        refused(
            &s,
            &[
                "sign",
                "--ca",
                "ca.pem",
                "--ca-key",
                "ca-key.pem",
                "--config",
                "ca.csr",
                "app.json"
            ],
            b""
        ),
        format!("error: ca.csr holds PEM (a CERTIFICATE REQUEST), not JSON\n{hint}")
    );
    // A traditional EC key as a CSR JSON ("an", as it is read aloud).
    s.run(
        "openssl",
        &[
            "pkey",
            "-in",
            "ca-key.pem",
            "-traditional",
            "-out",
            "ec-key.pem",
        ],
    )
    .ok();
    assert_eq!(
        refused(&s, &["genkey", "ec-key.pem"], b""),
        format!("error: ec-key.pem holds PEM (an EC PRIVATE KEY), not JSON\n{hint}")
    );
    // DER, named by what it is.
    assert_eq!(
        refused(&s, &["split-json", "-f", "ca.der", "app"], b""),
        format!("error: ca.der holds DER (a certificate), not JSON\n{hint}")
    );
    // JSON cut short is still JSON, even with PEM in its strings.
    let cut = b"{\"cert\":\"-----BEGIN CERTIFICATE-----\\nMII";
    assert_eq!(
        refused(&s, &["split-json", "app"], cut).lines().next(),
        Some("error: stdin: invalid JSON: EOF while parsing a string at line 1 column 41")
    );
}

#[test]
fn broken_pem_and_der_are_described_in_words() {
    let s = with_ca();
    for name in [
        "truncated-cert.pem",
        "truncated-der-cert.pem",
        "truncated-der-csr.pem",
        "bad-base64-key.pem",
        "garbage-der-cert.pem",
        "length-bomb-cert.pem",
        "empty-body-cert.pem",
        "mismatched-armor.pem",
    ] {
        std::fs::copy(corpus(name), s.path(name)).expect("copy corpus file");
    }
    let broken = "hint: the file was cut short or altered on its way: copy it again from where it came from\n";
    let as_ca = |file: &str| {
        refused(
            &s,
            &["sign", "--ca", file, "--ca-key", "ca-key.pem", "app.json"],
            b"",
        )
    };
    // A certificate cut off after two base64 lines: no END line.
    assert_eq!(
        as_ca("truncated-cert.pem"),
        format!(
            "error: truncated-cert.pem: broken PEM: the CERTIFICATE block has no END line: the file is cut short\n{broken}"
        )
    );
    // Whole armor around half a certificate's DER (was "Parsing Error: NomError(Eof)").
    assert_eq!(
        as_ca("truncated-der-cert.pem"),
        "error: truncated-der-cert.pem: not a valid certificate: truncated DER: it announces 402 bytes and holds 199\n"
    );
    assert_eq!(
        as_ca("length-bomb-cert.pem"),
        "error: length-bomb-cert.pem: not a valid certificate: truncated DER: it announces 2147483647 bytes and holds 4\n"
    );
    assert_eq!(
        as_ca("garbage-der-cert.pem"),
        "error: garbage-der-cert.pem: not a valid certificate: not DER: it starts with the byte 0x74, where a SEQUENCE (0x30) starts\n"
    );
    assert_eq!(
        as_ca("empty-body-cert.pem"),
        "error: empty-body-cert.pem: not a valid certificate: it is empty: no DER between the BEGIN and END lines\n"
    );
    assert_eq!(
        as_ca("mismatched-armor.pem"),
        format!(
            "error: mismatched-armor.pem: broken PEM: its BEGIN line says CERTIFICATE and its END line CERTIFICATE REQUEST\n{broken}"
        )
    );
    // A request, and a key (not "not a valid certificate: … Invalid symbol 33, offset 4.").
    assert_eq!(
        refused(
            &s,
            &[
                "sign",
                "--ca",
                "ca.pem",
                "--ca-key",
                "ca-key.pem",
                "truncated-der-csr.pem"
            ],
            b""
        ),
        "error: truncated-der-csr.pem: not a valid certificate request: truncated DER: it announces 265 bytes and holds 130\n"
    );
    assert_eq!(
        refused(
            &s,
            &[
                "sign",
                "--ca",
                "ca.pem",
                "--ca-key",
                "bad-base64-key.pem",
                "app.json"
            ],
            b""
        ),
        format!(
            "error: bad-base64-key.pem: broken PEM: bad base64: '!' is not a base64 character\n{broken}"
        )
    );
    // A chain whose second certificate is cut short is refused, not read as one certificate.
    let chain = format!("{}{}", s.read("ca.pem"), &s.read("ca.pem")[..200]);
    s.write("chain.pem", &chain);
    assert_eq!(
        as_ca("chain.pem"),
        format!(
            "error: chain.pem: broken PEM: the CERTIFICATE block has no END line: the file is cut short\n{broken}"
        )
    );
}

#[test]
fn no_message_quotes_a_parsers_internals() {
    // Every broken input of the corpus, wherever inspect reads it: nom's and
    // base64's own words are not for people.
    let s = Scratch::new();
    for entry in std::fs::read_dir(corpus("")).expect("tests/corpus") {
        let path = entry.expect("corpus entry").path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".pem") {
            continue;
        }
        std::fs::copy(&path, s.path(&name)).expect("copy corpus file");
        let run = s.certsmith(&["inspect", &name]);
        for internal in [
            "Parsing Error",
            "NomError",
            "Parsing requires",
            "Invalid symbol",
            "malformedframing",
        ] {
            assert!(
                !run.stderr.contains(internal),
                "inspect {name}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn sign_without_ca_or_ca_key_is_a_usage_error() {
    let s = with_ca();
    let usage = "error: profile `default` signs locally: --ca and --ca-key are needed\n\
                 hint: pass --ca CA_CERT --ca-key CA_KEY, or a profile with remote/auth_remote\n\
                 \n\
                 Usage: certsmith sign [OPTIONS] <INPUT>...\n\
                 \n\
                 For more information, try '--help'.\n";
    for args in [
        &["sign", "app.json"][..],
        &["sign", "--ca", "ca.pem", "app.json"],
        &["sign", "--ca-key", "ca-key.pem", "app.json"],
        &["gencert", "-ca", "ca.pem", "app.json"],
    ] {
        let run = s.certsmith(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, usage, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn crl_without_a_source_names_both_ledger_and_revoked() {
    let s = with_ca();
    let run = s.certsmith(&["crl", "--ca", "ca.pem", "--ca-key", "ca-key.pem"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: the following required arguments were not provided:\n  \
         <--ledger <LEDGER>|--revoked <REVOKED>>\n\
         \n\
         Usage: certsmith crl --ca <CA> --ca-key <CA_KEY> <--ledger <LEDGER>|--revoked <REVOKED>>\n\
         \n\
         For more information, try '--help'.\n"
    );
    // Both at once are still refused.
    s.write("serials.txt", "");
    let run = s.certsmith(&[
        "crl",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--ledger",
        "l.jsonl",
        "--revoked",
        "serials.txt",
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: the argument '--ledger <LEDGER>' cannot be used with '--revoked <REVOKED>'\n"
        ),
        "{}",
        run.stderr
    );
}

/// `certsmith split-json ARGS` under umask 022, as a Makefile runs it.
fn split_under_umask_022(s: &Scratch, args: &str, stdin: &[u8]) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    s.run_stdin(
        "sh",
        &[
            "-c",
            &format!("umask 022 && exec '{}' split-json {args}", bin.display()),
        ],
        stdin,
    )
}

#[test]
fn split_json_makes_the_directory_of_name() {
    let s = with_ca();
    let signed = s.sign("ca", &["app.json"]);
    signed.ok();
    // cfssljson fails here, after the key was made: a Makefile writing
    // certs/x expects the directory to be made, as mkdir -p would.
    let run = split_under_umask_022(&s, "certs/web/app", &signed.stdout);
    run.ok();
    assert_eq!(
        run.stderr.lines().next(),
        Some("note: created directory certs/web")
    );
    assert_eq!(s.file_mode("certs"), 0o755);
    assert_eq!(s.file_mode("certs/web"), 0o755);
    assert_eq!(s.file_mode("certs/web/app-key.pem"), 0o600);
    s.openssl_verify("ca.pem", &[], "certs/web/app.pem");
    let public = |args: &[&str]| s.run("openssl", args).ok().stdout_str();
    assert_eq!(
        public(&["x509", "-in", "certs/web/app.pem", "-noout", "-pubkey"]),
        public(&["pkey", "-in", "certs/web/app-key.pem", "-pubout"])
    );
    // The directory exists now: no note the second time.
    let again = s.sign("ca", &["app.json"]);
    let run = split_under_umask_022(&s, "certs/web/other", &again.ok().stdout);
    run.ok();
    assert!(!run.stderr.contains("created directory"), "{}", run.stderr);
    assert!(s.exists("certs/web/other.pem"));
}

#[test]
fn split_json_refuses_a_file_in_the_path_of_name_and_makes_nothing_for_bad_input() {
    let s = with_ca();
    let signed = s.sign("ca", &["app.json"]);
    s.write("certs", "a file, not a directory\n");
    assert_eq!(
        refused(&s, &["split-json", "certs/web/app"], &signed.ok().stdout),
        "error: certs is not a directory: cannot write the files of certs/web/app under it\n\
         hint: move it away, or choose a NAME in another directory\n"
    );
    // Input that is not JSON makes no directory.
    refused(&s, &["split-json", "new/app"], b"not json");
    assert!(!s.exists("new"));
}

#[test]
fn remote_sign_without_auth_key_at_multirootca_hints_at_authsign() {
    let s = lab();
    let server = multirootca(&s);
    let url = server.url("https");
    let err = refused(
        &s,
        &[
            "remote",
            "sign",
            "--remote",
            &url,
            "--tls-remote-ca",
            "ca.pem",
            "--profile",
            "authd",
            "leaf.csr",
        ],
        b"",
    );
    assert_eq!(
        err,
        format!(
            "error: {url}: HTTP 404: the signer does not serve sign (it answered \"404 page not found\")\n\
             hint: multirootca serves only authsign: pass --auth-key env:VAR or file:PATH (or give the profile an auth_key)\n"
        )
    );
}

#[test]
fn a_bare_host_and_port_that_speaks_https_hints_at_https() {
    let s = lab();
    let server = cfssl_serve(&s, true);
    let bare = format!("127.0.0.1:{}", server.port);
    let err = refused(
        &s,
        &[
            "remote",
            "sign",
            "--remote",
            &bare,
            "--profile",
            "server",
            "leaf.csr",
        ],
        b"",
    );
    assert_eq!(
        err,
        format!(
            "error: http://{bare}: the signer speaks HTTPS, and the request went as plain HTTP\n\
             hint: use https://{bare}\n"
        )
    );
    // And the address it suggests works.
    let run = s.certsmith(&[
        "remote",
        "sign",
        "--remote",
        &format!("https://{bare}"),
        "--tls-remote-ca",
        "ca.pem",
        "--profile",
        "server",
        "leaf.csr",
    ]);
    run.ok();
}

#[test]
fn an_auth_key_variable_that_is_not_set_hints_at_setting_it() {
    let s = Scratch::new();
    s.write("request.json", "{}");
    for args in [
        &[
            "remote",
            "token",
            "--auth-key",
            "env:CERTSMITH_TEST_UNSET_KEY",
            "request.json",
        ][..],
        &[
            "remote",
            "sign",
            "--remote",
            "127.0.0.1:9",
            "--auth-key",
            "env:CERTSMITH_TEST_UNSET_KEY",
            "request.json",
        ],
    ] {
        let out = Command::cargo_bin("certsmith")
            .expect("binary built")
            .args(args)
            .current_dir(s.dir.path())
            .env_remove("CERTSMITH_TEST_UNSET_KEY")
            .stdin(Stdio::null())
            .output()
            .expect("run certsmith");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: auth key env:CERTSMITH_TEST_UNSET_KEY: the environment variable CERTSMITH_TEST_UNSET_KEY is not set\n\
             hint: set CERTSMITH_TEST_UNSET_KEY to the key in hex (export CERTSMITH_TEST_UNSET_KEY=…), or name a file that holds it: file:PATH\n",
            "{args:?}"
        );
    }
    // A variable that is set but not hex: the hint names the two sources
    // --auth-key takes, not hex on the command line, which it refuses.
    let out = Command::cargo_bin("certsmith")
        .expect("binary built")
        .args([
            "remote",
            "token",
            "--auth-key",
            "env:CERTSMITH_TEST_BAD_KEY",
            "request.json",
        ])
        .current_dir(s.dir.path())
        .env("CERTSMITH_TEST_BAD_KEY", "not hex")
        .stdin(Stdio::null())
        .output()
        .expect("run certsmith");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: invalid auth key: an auth key is an even number of hex digits\n\
         hint: an auth key is hex digits, as in cfssl's auth_keys: name a variable (env:VAR) or a file (file:PATH) that holds them\n"
    );
}
