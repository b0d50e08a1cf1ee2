//! `--ca-key pkcs11:…` on the command line (issue 16): certsmith signs with
//! a key in a SoftHSM2 token, the module and the PIN named by a flag, the
//! URI or the environment, and openssl verifies what it signed. The CA
//! certificate for the token's key is openssl's, issued by a file-key root
//! to the public key pkcs11-tool reads out. Each certsmith run is its own
//! process, so `SOFTHSM2_CONF` is set for it alone.

use std::process::Stdio;

use super::{MODULE, PIN, SoftToken};
use crate::support::{Run, Scratch, certsmith_command, path_str, with_root};

const URI: &str = "pkcs11:token=certsmith-ca;object=ca-key";

/// A root CA (ca.pem, a file key) and a token holding a P-256 key, with
/// token-ca.pem: a CA certificate for the token's key under that root.
fn token_ca() -> (Scratch, SoftToken) {
    let s = with_root();
    let token = SoftToken::new();
    token.init("certsmith-ca");
    token.keypair("certsmith-ca", "EC:prime256v1", "ca-key", "01");
    let public = s.path("token-key.der");
    token.run(
        "pkcs11-tool",
        &[
            "--module",
            MODULE,
            "--token-label",
            "certsmith-ca",
            "--read-object",
            "--type",
            "pubkey",
            "--label",
            "ca-key",
            "-o",
            path_str(&public),
        ],
    );
    let pem = s.run(
        "openssl",
        &["pkey", "-pubin", "-inform", "DER", "-in", "token-key.der"],
    );
    std::fs::write(s.path("token-key.pem"), &pem.ok().stdout).unwrap();
    s.write(
        "ext.cnf",
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n",
    );
    s.run(
        "openssl",
        &[
            "x509",
            "-new",
            "-subj",
            "/CN=Token CA",
            "-force_pubkey",
            "token-key.pem",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-extfile",
            "ext.cnf",
            "-days",
            "30",
            "-out",
            "token-ca.pem",
        ],
    )
    .ok();
    s.openssl_verify("ca.pem", &[], "token-ca.pem");
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example","hosts":["leaf.example"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    (s, token)
}

/// `certsmith ARGS` in the scratch directory, seeing `token` and `env`.
fn certsmith(s: &Scratch, token: &SoftToken, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = certsmith_command()
        .args(args)
        .current_dir(s.dir.path())
        .env("SOFTHSM2_CONF", token.conf())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("certsmith");
    Run::from(out)
}

/// `sign --ca token-ca.pem --ca-key URI ARGS leaf.json`.
fn sign(s: &Scratch, token: &SoftToken, uri: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec!["sign", "--ca", "token-ca.pem", "--ca-key", uri];
    all.extend(args);
    all.push("leaf.json");
    certsmith(s, token, &all, env)
}

/// Splits `run`'s JSON into NAME.pem and checks it under the token's CA.
fn verify_leaf(s: &Scratch, run: &Run, name: &str) {
    run.ok();
    s.certsmith_stdin(&["split-json", name], &run.stdout).ok();
    s.openssl_verify("ca.pem", &["token-ca.pem"], &format!("{name}.pem"));
}

#[test]
fn sign_with_a_token_ca_key_makes_a_leaf_openssl_verifies() {
    let (s, token) = token_ca();
    // The PIN only from CERTSMITH_PKCS11_PIN, the module from the flag.
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", MODULE, "--profile", "server"],
        &[("CERTSMITH_PKCS11_PIN", PIN)],
    );
    verify_leaf(&s, &run, "leaf");
    let text = s.x509_text("leaf.pem");
    assert!(text.contains("Issuer: CN = Token CA"), "{text}");
}

#[test]
fn the_module_comes_from_the_environment_and_the_pin_from_a_file() {
    let (s, token) = token_ca();
    s.write("pin.txt", &format!("{PIN}\n"));
    let run = sign(
        &s,
        &token,
        URI,
        &["--pin-file", "pin.txt"],
        &[("CERTSMITH_PKCS11_MODULE", MODULE)],
    );
    verify_leaf(&s, &run, "leaf");
    // pin-source= in the URI, the module from module-path=.
    let uri = format!(
        "{URI}?module-path={MODULE}&pin-source=file:{}",
        path_str(&s.path("pin.txt"))
    );
    verify_leaf(&s, &sign(&s, &token, &uri, &[], &[]), "leaf2");
}

#[test]
fn a_wrong_pin_fails_in_one_line_with_a_hint() {
    let (s, token) = token_ca();
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", MODULE],
        &[("CERTSMITH_PKCS11_PIN", "654321")],
    );
    assert_eq!(
        run.fails(),
        "error: wrong PIN for token \"certsmith-ca\" (the token says few tries remain)\n\
         hint: check the PIN before trying again: certsmith never retries it, and a token locks after a few wrong ones\n"
    );
}

#[test]
fn token_key_refusals_name_the_missing_source() {
    let (s, token) = token_ca();
    let module = ["--pkcs11-module", MODULE];
    let pin = [("CERTSMITH_PKCS11_PIN", PIN)];
    // A PIN in the URI is refused, and not echoed.
    let run = sign(&s, &token, &format!("{URI}?pin-value={PIN}"), &module, &[]);
    let err = run.fails();
    assert!(!err.contains(PIN), "{err}");
    assert!(
        err.contains("refusing a PIN typed into a PKCS#11 URI"),
        "{err}"
    );
    assert!(err.contains("hint: name where it is instead"), "{err}");
    // No module anywhere.
    let err = sign(&s, &token, URI, &[], &pin).fails().to_string();
    assert!(err.contains("no PKCS#11 module named"), "{err}");
    // Two modules that differ.
    let uri = format!("{URI}?module-path=/usr/lib/other-pkcs11.so");
    let err = sign(&s, &token, &uri, &module, &pin).fails().to_string();
    assert!(err.starts_with("error: two PKCS#11 modules named"), "{err}");
    // No PIN, and stdin is not a terminal.
    let err = sign(&s, &token, URI, &module, &[]).fails().to_string();
    assert!(
        err.starts_with("error: no PIN for token \"certsmith-ca\", and no terminal"),
        "{err}"
    );
    assert!(!s.exists("leaf.pem"));
}
