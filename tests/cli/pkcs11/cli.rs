//! `--ca-key pkcs11:…` on the command line (issue 16): certsmith signs with
//! a key in a SoftHSM2 token, the module and the PIN named by a flag, the
//! URI or the environment, and openssl verifies what it signed. The CA
//! certificate for the token's key is openssl's, issued by a file-key root
//! to the public key pkcs11-tool reads out. Each certsmith run is its own
//! process, so `SOFTHSM2_CONF` is set for it alone.

use std::process::Stdio;

use super::{MODULE, PIN, SoftToken};
use crate::support::{Run, Scratch, certsmith_command, path_str, with_root};

pub(super) const URI: &str = "pkcs11:token=certsmith-ca;object=ca-key";

/// A root CA (ca.pem, a file key) and a token holding a P-256 key, with
/// token-ca.pem: a CA certificate for the token's key under that root.
pub(super) fn token_ca() -> (Scratch, SoftToken) {
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
pub(super) fn certsmith(
    s: &Scratch,
    token: &SoftToken,
    args: &[&str],
    env: &[(&str, &str)],
) -> Run {
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
pub(super) fn sign(
    s: &Scratch,
    token: &SoftToken,
    uri: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Run {
    let mut all = vec!["sign", "--ca", "token-ca.pem", "--ca-key", uri];
    all.extend(args);
    all.push("leaf.json");
    certsmith(s, token, &all, env)
}

/// leaf.pem: a leaf for leaf.example, signed by CA (a certificate file)
/// with the token key `uri`.
fn leaf_under(s: &Scratch, token: &SoftToken, ca: &str, uri: &str, env: &[(&str, &str)]) {
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example","hosts":["leaf.example"]}"#,
    );
    let leaf = certsmith(
        s,
        token,
        &["sign", "--ca", ca, "--ca-key", uri, "leaf.json"],
        env,
    );
    s.certsmith_stdin(&["split-json", "leaf"], &leaf.ok().stdout)
        .ok();
}

/// Splits `run`'s JSON into NAME.pem and checks it under the token's CA.
pub(super) fn verify_leaf(s: &Scratch, run: &Run, name: &str) {
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

/// A batch (issue 18) shares one token session between its workers: every
/// certificate verifies under the token's CA, and so does the ledger that
/// the token key signed a chunk at a time.
#[test]
fn a_batch_signs_with_a_token_ca_key() {
    const N: usize = 40;
    let (s, token) = token_ca();
    std::fs::create_dir(s.path("req")).unwrap();
    for i in 0..N {
        s.write(
            &format!("req/t{i:02}-csr.json"),
            &format!(r#"{{"CN":"t{i}.example","hosts":["t{i}.example"]}}"#),
        );
    }
    let run = certsmith(
        &s,
        &token,
        &[
            "sign",
            "--batch",
            "--ca",
            "token-ca.pem",
            "--ca-key",
            URI,
            "--pkcs11-module",
            MODULE,
            "--profile",
            "server",
            "--ledger",
            "ledger.jsonl",
            "req",
        ],
        &[("CERTSMITH_PKCS11_PIN", PIN)],
    );
    run.ok();
    let out = run.stdout_str();
    assert_eq!(out.lines().count(), N, "{}", run.stderr);
    for (i, line) in out.lines().enumerate() {
        let line: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(line["name"], format!("t{i:02}").as_str());
        s.write("t.pem", line["cert"].as_str().unwrap());
        s.openssl_verify("ca.pem", &["token-ca.pem"], "t.pem");
    }
    let verified = s.certsmith(&["ledger", "verify", "--ca", "token-ca.pem", "ledger.jsonl"]);
    assert!(
        verified
            .ok()
            .stderr
            .contains(&format!("ledger.jsonl: {N} entries verified")),
        "{}",
        verified.stderr
    );
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

#[test]
fn a_token_ca_key_signs_the_ledger_the_revocation_and_the_crl() {
    let (s, token) = token_ca();
    let pin = [("CERTSMITH_PKCS11_PIN", PIN)];
    let with_token = |sub: &str, args: &[&str]| {
        let mut all = vec![sub, "--ca", "token-ca.pem", "--ca-key", URI];
        all.extend(["--pkcs11-module", MODULE]);
        all.extend(args);
        certsmith(&s, &token, &all, &pin)
    };
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", MODULE, "--ledger", "ledger.jsonl"],
        &pin,
    );
    verify_leaf(&s, &run, "leaf");
    with_token(
        "revoke",
        &["--ledger", "ledger.jsonl", "--cert", "leaf.pem"],
    )
    .ok();
    let crl = with_token("crl", &["--ledger", "ledger.jsonl"]);
    std::fs::write(s.path("crl.pem"), &crl.ok().stdout).unwrap();
    s.certsmith(&["ledger", "verify", "--ca", "token-ca.pem", "ledger.jsonl"])
        .ok();
    // openssl checks the CRL's signature with the token CA's key before it
    // finds the leaf in it.
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-crl_check",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "token-ca.pem",
            "-CRLfile",
            "crl.pem",
            "leaf.pem",
        ],
    );
    assert_ne!(run.status, 0);
    assert!(
        run.stdout_str().contains("certificate revoked")
            || run.stderr.contains("certificate revoked"),
        "{}{}",
        run.stdout_str(),
        run.stderr
    );
}

#[test]
fn the_pin_file_may_be_stdin_when_nothing_else_reads_it() {
    let (s, token) = token_ca();
    let args = [
        "sign",
        "--ca",
        "token-ca.pem",
        "--ca-key",
        URI,
        "--pkcs11-module",
        MODULE,
        "--pin-file",
        "-",
    ];
    let run_stdin = |extra: &str, stdin: &[u8]| {
        let mut cmd = certsmith_command();
        cmd.args(args)
            .arg(extra)
            .current_dir(s.dir.path())
            .env("SOFTHSM2_CONF", token.conf());
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin).unwrap();
        Run::from(child.wait_with_output().unwrap())
    };
    verify_leaf(
        &s,
        &run_stdin("leaf.json", format!("{PIN}\n").as_bytes()),
        "leaf",
    );
    // The request from stdin too: refused as a usage error.
    let run = run_stdin("-", b"");
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--pin-file"), "{}", run.stderr);
    // A URI's pin-source= names a file, never stdin: the request's first
    // line is not tried as the PIN (a wrong try brings a token nearer to
    // locking).
    let mut cmd = certsmith_command();
    let uri = format!("{URI}?pin-source=file:-");
    let mut child = cmd
        .args(["sign", "--ca", "token-ca.pem", "--ca-key", &uri])
        .args(["--pkcs11-module", MODULE, "-"])
        .current_dir(s.dir.path())
        .env("SOFTHSM2_CONF", token.conf())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        s.read("leaf.json").as_bytes(),
    )
    .unwrap();
    let run = Run::from(child.wait_with_output().unwrap());
    assert!(
        run.fails().starts_with("error: invalid PKCS#11 URI \"pkcs11:token=certsmith-ca;object=ca-key?pin-source=file:-\": pin-source \"file:-\" names stdin"),
        "{}",
        run.stderr
    );
}

#[test]
fn cross_sign_and_renew_with_a_token_ca_key_verify() {
    let (s, token) = token_ca();
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    let with_token = |sub: &str, input: &str, name: &str| {
        let run = certsmith(
            &s,
            &token,
            &[sub, "--ca", "token-ca.pem", "--ca-key", URI, input],
            &env,
        );
        verify_leaf(&s, &run, name);
    };
    s.init_ca("other", r#"{"CN":"Other Root","ca":{"expiry":"8760h"}}"#);
    with_token("cross-sign", "other.pem", "other-cross");
    verify_leaf(&s, &sign(&s, &token, URI, &[], &env), "leaf");
    with_token("renew", "leaf.pem", "leaf-renewed");
}

#[test]
fn initca_makes_a_root_for_a_token_key_and_renews_it() {
    let (s, token) = token_ca();
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    s.write(
        "token-root.json",
        r#"{"CN":"Token Root","ca":{"expiry":"87600h"}}"#,
    );
    let run = certsmith(
        &s,
        &token,
        &["initca", "--key", URI, "token-root.json"],
        &env,
    );
    let json = run.ok().json();
    assert!(json.get("key").is_none(), "{json}");
    s.certsmith_stdin(&["split-json", "token-root"], &run.stdout)
        .ok();
    assert!(!s.exists("token-root-key.pem"));
    s.openssl_verify("token-root.pem", &[], "token-root.pem");
    s.run(
        "openssl",
        &["req", "-verify", "-noout", "-in", "token-root.csr"],
    )
    .ok();
    let leaf = certsmith(
        &s,
        &token,
        &[
            "sign",
            "--ca",
            "token-root.pem",
            "--ca-key",
            URI,
            "leaf.json",
        ],
        &env,
    );
    leaf.ok();
    s.certsmith_stdin(&["split-json", "leaf"], &leaf.stdout)
        .ok();
    s.openssl_verify("token-root.pem", &[], "leaf.pem");
    // Renewed with its key in the token: the old root's leaf verifies under
    // the new root.
    let run = certsmith(
        &s,
        &token,
        &["initca", "--key", URI, "--ca", "token-root.pem"],
        &env,
    );
    s.certsmith_stdin(&["split-json", "renewed"], &run.ok().stdout)
        .ok();
    s.openssl_verify("renewed.pem", &[], "leaf.pem");
    // No private key was written for the token key: only the file root's
    // and the leaf's own.
    let mut with_keys: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            String::from_utf8_lossy(&std::fs::read(path).unwrap()).contains("PRIVATE KEY")
        })
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    with_keys.sort();
    assert_eq!(with_keys, ["ca-key.pem", "leaf-key.pem"]);
}

#[test]
fn csr_for_a_token_key_is_signed_by_it() {
    let (s, token) = token_ca();
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    let run = certsmith(&s, &token, &["csr", "--key", URI, "leaf.json"], &env);
    s.certsmith_stdin(&["split-json", "token"], &run.ok().stdout)
        .ok();
    let out = s.run(
        "openssl",
        &["req", "-verify", "-noout", "-pubkey", "-in", "token.csr"],
    );
    assert_eq!(out.ok().stdout_str(), s.read("token-key.pem"));
}

#[test]
fn initca_makes_its_key_in_the_token_and_writes_none() {
    let s = Scratch::new();
    let token = SoftToken::new();
    token.init("root-ca");
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    s.write(
        "root.json",
        r#"{"CN":"Token Root","key":{"algo":"rsa","size":2048},"ca":{"expiry":"87600h"}}"#,
    );
    let uri = "pkcs11:token=root-ca;object=root-key";
    let initca = |s: &Scratch| {
        certsmith(
            s,
            &token,
            &["initca", "--pkcs11-key", uri, "root.json"],
            &env,
        )
    };
    let run = initca(&s);
    let json = run.ok().json();
    assert!(json.get("key").is_none(), "{json}");
    // The ceremony record names the token, its serial, the key's label and id.
    let serial = token_serial(&token, "root-ca");
    assert!(
        run.stderr.contains(&format!(
            "key made in token \"root-ca\" (serial {serial}): sensitive, never extractable\n"
        )),
        "{}",
        run.stderr
    );
    s.certsmith_stdin(&["split-json", "root"], &run.stdout).ok();
    assert!(!s.exists("root-key.pem"));
    s.openssl_verify("root.pem", &[], "root.pem");
    leaf_under(&s, &token, "root.pem", uri, &env);
    s.openssl_verify("root.pem", &[], "leaf.pem");
    // The key stays in the token: sensitive, never extractable.
    let listed = token.private_keys("root-ca");
    assert!(
        listed.contains("root-key") && listed.contains("never extractable"),
        "{listed}"
    );
    let id = listed
        .lines()
        .find_map(|l| l.trim().strip_prefix("ID:"))
        .expect("pkcs11-tool lists the key's id")
        .trim();
    assert_eq!(id.len(), 32, "a 16-byte CKA_ID: {listed}");
    assert!(
        run.stderr
            .contains(&format!("key object: label \"root-key\", id {id}\n")),
        "{}",
        run.stderr
    );
    // A second key by that label is refused, and nothing is printed.
    let again = Scratch::new();
    again.write("root.json", &s.read("root.json"));
    let err = initca(&again).fails().to_string();
    assert!(err.contains("already holds an object"), "{err}");
}

#[test]
fn genkey_makes_an_intermediate_key_in_the_token() {
    let s = with_root();
    let token = SoftToken::new();
    token.init("int-ca");
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    let uri = "pkcs11:token=int-ca;object=int-key";
    s.write(
        "int.json",
        r#"{"CN":"Token Intermediate","key":{"algo":"ecdsa","size":384},"ca":{"expiry":"8760h"}}"#,
    );
    let run = certsmith(
        &s,
        &token,
        &["genkey", "--pkcs11-key", uri, "int.json"],
        &env,
    );
    let json = run.ok().json();
    assert!(
        run.stderr.contains("key made in token \"int-ca\" (serial ")
            && run.stderr.contains("key object: label \"int-key\", id "),
        "{}",
        run.stderr
    );
    assert!(json.get("key").is_none(), "{json}");
    s.certsmith_stdin(&["split-json", "int"], &run.stdout).ok();
    assert!(!s.exists("int-key.pem"));
    s.sign_split("ca", &["--profile", "intermediate", "int.csr"], "int");
    s.openssl_verify("ca.pem", &[], "int.pem");
    leaf_under(&s, &token, "int.pem", uri, &env);
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
}

/// The serial number softhsm2-util gave the token labelled `label`.
pub(super) fn token_serial(token: &SoftToken, label: &str) -> String {
    let out = token.run("softhsm2-util", &["--show-slots"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let block = text
        .split("Slot ")
        .find(|b| {
            b.lines()
                .any(|l| l.trim().strip_prefix("Label:").map(str::trim) == Some(label))
        })
        .unwrap_or_else(|| panic!("no token {label}: {text}"));
    block
        .lines()
        .find_map(|l| l.trim().strip_prefix("Serial number:"))
        .expect("a serial")
        .trim()
        .to_owned()
}

#[test]
fn key_public_and_fingerprint_read_a_token_key() {
    let (s, token) = token_ca();
    // Logged in, as for signing: the public key is the signing key's, found
    // as the signer finds it (not a public object that merely shares a label).
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    let public = certsmith(&s, &token, &["key", "public", URI], &env);
    assert_eq!(public.ok().stdout_str(), s.read("token-key.pem"));
    let fingerprint = certsmith(&s, &token, &["key", "fingerprint", URI], &env);
    let digest = s.run("openssl", &["dgst", "-sha256", "-r", "token-key.der"]);
    let hex = digest.ok().stdout_str()[..64].to_uppercase();
    let pairs: Vec<&str> = (0..32).map(|i| &hex[2 * i..2 * i + 2]).collect();
    let expected = pairs.join(":");
    assert_eq!(
        fingerprint.ok().stdout_str(),
        format!("SHA256:{expected}\n")
    );
}

#[test]
fn key_public_of_an_rsa_key_without_a_public_object_reads_the_private_one() {
    let s = Scratch::new();
    let token = SoftToken::new();
    token.init("rsa-only");
    token.keypair("rsa-only", "rsa:2048", "lone", "07");
    // Only the private key is left: its modulus is read after logging in.
    token.run(
        "pkcs11-tool",
        &[
            "--module",
            MODULE,
            "--token-label",
            "rsa-only",
            "--login",
            "--pin",
            "env:PIN",
            "--delete-object",
            "--type",
            "pubkey",
            "--label",
            "lone",
        ],
    );
    let uri = "pkcs11:token=rsa-only;object=lone";
    let module = ("CERTSMITH_PKCS11_MODULE", MODULE);
    let err = certsmith(&s, &token, &["key", "public", uri], &[module])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: no PIN for token \"rsa-only\", and no terminal"),
        "{err}"
    );
    let with_pin = certsmith(
        &s,
        &token,
        &["key", "public", uri],
        &[module, ("CERTSMITH_PKCS11_PIN", PIN)],
    );
    let pem = with_pin.ok().stdout_str();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{pem}");
    s.write("public.pem", &pem);
    let text = s.run(
        "openssl",
        &["pkey", "-pubin", "-in", "public.pem", "-noout", "-text"],
    );
    assert!(text.ok().stdout_str().contains("Public-Key: (2048 bit)"));
}

#[test]
fn a_pin_file_and_a_pin_source_together_are_refused() {
    let (s, token) = token_ca();
    s.write("pin.txt", PIN);
    let uri = format!("{URI}?pin-source=file:{}", path_str(&s.path("pin.txt")));
    let run = sign(
        &s,
        &token,
        &uri,
        &["--pkcs11-module", MODULE, "--pin-file", "pin.txt"],
        &[],
    );
    let err = run.fails();
    assert!(
        err.starts_with("error: two files named for the PIN: pin.txt and pin-source="),
        "{err}"
    );
    assert!(err.contains("hint: name the PIN's file once"), "{err}");
    assert!(run.stdout.is_empty());
    // Either alone signs.
    verify_leaf(
        &s,
        &sign(&s, &token, &uri, &["--pkcs11-module", MODULE], &[]),
        "a",
    );
    let by_flag = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", MODULE, "--pin-file", "pin.txt"],
        &[],
    );
    verify_leaf(&s, &by_flag, "b");
}

/// Every file in the scratch directory, with its bytes.
pub(super) fn snapshot(s: &Scratch) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn each_token_failure_is_one_line_with_a_hint_and_writes_nothing() {
    let (s, token) = token_ca();
    s.write("crl-serials.txt", "");
    let pin = [("CERTSMITH_PKCS11_PIN", PIN)];
    let module = ["--pkcs11-module", MODULE, "--ledger", "ledger.jsonl"];
    verify_leaf(&s, &sign(&s, &token, URI, &module, &pin), "leaf");
    let before = snapshot(&s);
    // Each case: the CA key's URI, extra flags, the error's first words.
    let cases: [(&str, &[&str], &str); 5] = [
        (
            URI,
            &["--pkcs11-module", "/nonexistent/libpkcs11.so"],
            "error: cannot load the PKCS#11 module /nonexistent/libpkcs11.so: ",
        ),
        (
            "pkcs11:token=absent;object=ca-key",
            &["--pkcs11-module", MODULE],
            "error: no token matches pkcs11:token=absent;object=ca-key\n",
        ),
        (
            "pkcs11:token=certsmith-ca;object=absent",
            &["--pkcs11-module", MODULE],
            "error: no private key matches pkcs11:token=certsmith-ca;object=absent",
        ),
        (
            URI,
            &["--pkcs11-module", MODULE, "--ca", "ca.pem"],
            "error: CA key pkcs11:token=certsmith-ca;object=ca-key does not match CA certificate ca.pem\n",
        ),
        (
            "pkcs11:token=certsmith-ca;object=ca-key;type=cert",
            &["--pkcs11-module", MODULE],
            "error: pkcs11:token=certsmith-ca;object=ca-key;type=cert: a CA key is a private key",
        ),
    ];
    for (uri, flags, starts) in cases {
        for sub in [
            vec!["sign", "--ledger", "ledger.jsonl"],
            vec!["crl", "--revoked", "crl-serials.txt"],
            vec!["revoke", "--ledger", "ledger.jsonl", "--cert", "leaf.pem"],
        ] {
            let mut args = sub.clone();
            // The mismatch case names its own --ca: the root, not the token's.
            if !flags.contains(&"--ca") {
                args.extend(["--ca", "token-ca.pem"]);
            }
            args.extend(["--ca-key", uri]);
            args.extend(flags);
            if sub[0] == "sign" {
                args.push("leaf.json");
            }
            let run = certsmith(&s, &token, &args, &pin);
            let err = run.fails();
            let lines: Vec<&str> = err.lines().collect();
            assert!(
                lines.len() == 2 && lines[1].starts_with("hint: ") && err.starts_with(starts),
                "{args:?}:\n{err}"
            );
            assert_eq!(snapshot(&s), before, "{args:?} wrote a file");
        }
    }
}

#[test]
fn a_key_type_the_token_cannot_make_is_refused_before_anything_is_made() {
    let s = Scratch::new();
    let token = SoftToken::with_conf(super::WITHOUT_EDDSA);
    token.init("no-eddsa");
    s.write(
        "root.json",
        r#"{"CN":"Edwards Root","key":{"algo":"ed25519"},"ca":{"expiry":"8760h"}}"#,
    );
    let env = [
        ("CERTSMITH_PKCS11_PIN", PIN),
        ("CERTSMITH_PKCS11_MODULE", MODULE),
    ];
    let uri = "pkcs11:token=no-eddsa;object=root-key";
    for command in ["initca", "genkey"] {
        let run = certsmith(
            &s,
            &token,
            &[command, "--pkcs11-key", uri, "root.json"],
            &env,
        );
        let err = run.fails();
        assert!(
            err.starts_with(
                "error: token \"no-eddsa\" cannot make or sign with Ed25519 keys\nhint: "
            ),
            "{err}"
        );
    }
    // Nothing was made: the label is still free for a key the token can make.
    s.write(
        "root.json",
        r#"{"CN":"P-256 Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}"#,
    );
    certsmith(
        &s,
        &token,
        &["initca", "--pkcs11-key", uri, "root.json"],
        &env,
    )
    .ok();
}

#[test]
fn cfssl_gencrl_signs_with_a_token_key() {
    let (s, token) = token_ca();
    s.write("serials.txt", "4660\n");
    let run = certsmith(
        &s,
        &token,
        &[
            "gencrl",
            "serials.txt",
            "token-ca.pem",
            URI,
            "86400",
            "--pkcs11-module",
            MODULE,
        ],
        &[("CERTSMITH_PKCS11_PIN", PIN)],
    );
    s.write("crl.b64", run.ok().stdout_str().as_str());
    s.run(
        "openssl",
        &["base64", "-d", "-in", "crl.b64", "-out", "crl.der"],
    )
    .ok();
    let text = s.run(
        "openssl",
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            "crl.der",
            "-CAfile",
            "token-ca.pem",
            "-noout",
            "-text",
        ],
    );
    let run = text.ok();
    assert!(run.stderr.contains("verify OK"), "{}", run.stderr);
    assert!(
        run.stdout_str().contains("Serial Number: 1234"),
        "{}",
        run.stdout_str()
    );
}
