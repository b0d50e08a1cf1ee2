//! `certsmith csr`: a CSR for a key that already exists, written by certsmith,
//! cfssl (PKCS#1, SEC1) or openssl (PKCS#8, SEC1 after `EC PARAMETERS`), from a
//! CSR JSON or from the certificate being renewed. openssl checks that the
//! CSR's public key is the given key's.

use crate::support::*;

const SERVER: &str = r#"{"CN":"svc.example.com","hosts":["svc.example.com","10.0.0.5"],"names":[{"C":"US","O":"Example"}]}"#;

/// The SPKI PEM of a private key, as openssl derives it.
fn key_public(s: &Scratch, key: &str) -> String {
    s.run("openssl", &["pkey", "-in", key, "-pubout"])
        .ok()
        .stdout_str()
}

/// The SPKI PEM inside a CSR, as openssl reads it.
fn csr_public(s: &Scratch, csr: &str) -> String {
    s.run("openssl", &["req", "-in", csr, "-pubkey", "-noout"])
        .ok()
        .stdout_str()
}

/// `certsmith csr --key KEY ARGS…` split into NAME.csr, with openssl checking
/// the self-signature and that the CSR carries KEY's public key.
#[track_caller]
fn csr_for_key(s: &Scratch, key: &str, rest: &[&str], name: &str) {
    let mut args = vec!["csr", "--key", key];
    args.extend_from_slice(rest);
    let run = s.certsmith(&args);
    run.ok();
    let json = run.json();
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["csr"], "csr must print only the CSR, never the key");
    s.write(&format!("{name}.csr"), json["csr"].as_str().unwrap());
    let verify = s.run(
        "openssl",
        &["req", "-noout", "-verify", "-in", &format!("{name}.csr")],
    );
    assert!(
        verify.status == 0
            && format!("{}{}", verify.stdout_str(), verify.stderr).contains("verify OK"),
        "{}",
        verify.stderr
    );
    assert_eq!(
        csr_public(s, &format!("{name}.csr")),
        key_public(s, key),
        "the CSR is not for {key}"
    );
}

#[test]
fn csr_keeps_the_existing_key_and_the_result_signs() {
    let s = with_root();
    s.write("svc.json", SERVER);
    s.certsmith_split(&["genkey", "svc.json"], "svc");
    let key_before = s.read("svc-key.pem");
    csr_for_key(&s, "svc-key.pem", &["svc.json"], "renew");
    assert_eq!(s.read("svc-key.pem"), key_before);
    let text = s
        .run("openssl", &["req", "-noout", "-text", "-in", "renew.csr"])
        .ok()
        .stdout_str();
    assert!(
        text.contains("Subject: C = US, O = Example, CN = svc.example.com\n"),
        "{text}"
    );
    assert!(
        text.contains("DNS:svc.example.com, IP Address:10.0.0.5"),
        "{text}"
    );
    s.sign_split("ca", &["--profile", "server", "renew.csr"], "renew");
    s.openssl_verify("ca.pem", &[], "renew.pem");
    s.pkilint("renew.pem");
    assert_eq!(
        s.run(
            "openssl",
            &["x509", "-in", "renew.pem", "-pubkey", "-noout"]
        )
        .ok()
        .stdout_str(),
        key_public(&s, "svc-key.pem")
    );
}

#[test]
fn csr_reads_the_csr_json_from_stdin() {
    let s = Scratch::new();
    s.write("k.json", r#"{"CN":"k"}"#);
    s.certsmith_split(&["genkey", "k.json"], "k");
    let run = s.certsmith_stdin(&["csr", "--key", "k-key.pem", "-"], SERVER.as_bytes());
    run.ok();
    s.write("stdin.csr", run.json()["csr"].as_str().unwrap());
    assert_eq!(csr_public(&s, "stdin.csr"), key_public(&s, "k-key.pem"));
    let text = s
        .run("openssl", &["req", "-noout", "-text", "-in", "stdin.csr"])
        .ok()
        .stdout_str();
    assert!(text.contains("CN = svc.example.com"), "{text}");
}

#[test]
fn csr_from_cert_copies_subject_and_sans() {
    let s = with_root();
    s.write("old.json", r#"{"CN":"old.example.com","hosts":["old.example.com","www.example.com","192.0.2.10","ops@example.com","https://example.com/app"],"names":[{"C":"DE","ST":"Berlin","L":"Berlin","O":"Example","OU":"Ops"}]}"#);
    s.sign_split("ca", &["--profile", "server", "old.json"], "old");
    s.openssl_verify("ca.pem", &[], "old.pem");
    s.pkilint("old.pem");

    csr_for_key(&s, "old-key.pem", &["--from-cert", "old.pem"], "new");
    let cert_subject = s
        .run(
            "openssl",
            &[
                "x509",
                "-in",
                "old.pem",
                "-noout",
                "-subject",
                "-ext",
                "subjectAltName",
            ],
        )
        .ok()
        .stdout_str();
    let csr_text = s
        .run("openssl", &["req", "-in", "new.csr", "-noout", "-text"])
        .ok()
        .stdout_str();
    let subject_line = cert_subject
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("subject=");
    assert!(
        csr_text.contains(&format!("Subject: {subject_line}\n")),
        "cert {cert_subject}\ncsr {csr_text}"
    );
    let sans = cert_subject.lines().nth(2).unwrap().trim();
    assert!(
        sans.contains("DNS:www.example.com") && sans.contains("email:ops@example.com"),
        "{sans}"
    );
    assert!(csr_text.contains(sans), "cert SANs {sans}\ncsr {csr_text}");
    assert!(
        !csr_text.contains("Basic Constraints"),
        "a leaf renewal must not ask for CA: {csr_text}"
    );

    s.sign_split("ca", &["--profile", "server", "new.csr"], "new");
    s.openssl_verify("ca.pem", &[], "new.pem");
    s.pkilint("new.pem");
}

#[test]
fn csr_from_a_ca_cert_asks_for_ca_again() {
    let s = with_root();
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    csr_for_key(&s, "ca-key.pem", &["--from-cert", "ca.pem"], "ca-renew");
    let text = s
        .run(
            "openssl",
            &["req", "-in", "ca-renew.csr", "-noout", "-text"],
        )
        .ok()
        .stdout_str();
    assert!(
        text.contains("Subject: C = US, O = certsmith tests, CN = Test Root CA\n"),
        "{text}"
    );
    assert!(text.contains("CA:TRUE"), "{text}");
}

#[test]
fn csr_reads_cfssl_sec1_and_pkcs1_keys() {
    let s = with_root();
    s.write(
        "ec.json",
        r#"{"CN":"ec.example.com","hosts":["ec.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.write(
        "rsa.json",
        r#"{"CN":"rsa.example.com","hosts":["rsa.example.com"],"key":{"algo":"rsa","size":2048}}"#,
    );
    for (name, label) in [
        ("ec", "-----BEGIN EC PRIVATE KEY-----\n"),
        ("rsa", "-----BEGIN RSA PRIVATE KEY-----\n"),
    ] {
        let generated = s.run("cfssl", &["genkey", &format!("{name}.json")]);
        generated.ok();
        s.run_stdin(
            "cfssljson",
            &["-bare", &format!("cf-{name}")],
            &generated.stdout,
        )
        .ok();
        let key = format!("cf-{name}-key.pem");
        assert!(
            s.read(&key).starts_with(label),
            "cfssl wrote {}",
            s.read(&key)
        );
        csr_for_key(&s, &key, &[&format!("{name}.json")], name);
        s.sign_split("ca", &["--profile", "server", &format!("{name}.csr")], name);
        s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
        s.pkilint(&format!("{name}.pem"));
    }
}

#[test]
fn csr_reads_openssl_pkcs8_and_ecparam_keys() {
    let s = Scratch::new();
    s.write("svc.json", SERVER);
    s.openssl_p256_key("p8.pem");
    assert!(
        s.read("p8.pem")
            .starts_with("-----BEGIN PRIVATE KEY-----\n")
    );
    csr_for_key(&s, "p8.pem", &["svc.json"], "p8");

    s.run(
        "openssl",
        &["genpkey", "-algorithm", "ED25519", "-out", "ed.pem"],
    )
    .ok();
    csr_for_key(&s, "ed.pem", &["svc.json"], "ed");

    // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key.
    s.run(
        "openssl",
        &[
            "ecparam",
            "-genkey",
            "-name",
            "prime256v1",
            "-out",
            "ecparam.pem",
        ],
    )
    .ok();
    let pem = s.read("ecparam.pem");
    assert!(
        pem.starts_with("-----BEGIN EC PARAMETERS-----\n")
            && pem.contains("-----BEGIN EC PRIVATE KEY-----\n"),
        "{pem}"
    );
    csr_for_key(&s, "ecparam.pem", &["svc.json"], "ecparam");
}

#[test]
fn csr_refuses_pem_encrypted_keys() {
    let s = Scratch::new();
    s.write("svc.json", SERVER);
    // PKCS#8 EncryptedPrivateKeyInfo, and legacy Proc-Type: 4,ENCRYPTED.
    s.openssl_p256_key("plain.pem");
    s.run(
        "openssl",
        &[
            "pkey",
            "-in",
            "plain.pem",
            "-aes256",
            "-passout",
            "pass:x",
            "-out",
            "enc-p8.pem",
        ],
    )
    .ok();
    assert!(
        s.read("enc-p8.pem")
            .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    );
    s.run(
        "openssl",
        &[
            "ec",
            "-in",
            "plain.pem",
            "-aes256",
            "-passout",
            "pass:x",
            "-out",
            "enc-legacy.pem",
        ],
    )
    .ok();
    assert!(
        s.read("enc-legacy.pem").contains("Proc-Type: 4,ENCRYPTED"),
        "{}",
        s.read("enc-legacy.pem")
    );
    for key in ["enc-p8.pem", "enc-legacy.pem"] {
        let err = s
            .certsmith(&["csr", "--key", key, "svc.json"])
            .fails()
            .to_owned();
        assert!(
            err.starts_with(&format!("error: {key}: the private key is PEM-encrypted\n")),
            "{err}"
        );
        assert!(err.contains("hint: "), "{err}");
    }
}

#[test]
fn csr_refuses_a_file_without_a_key() {
    let s = Scratch::new();
    s.write("svc.json", SERVER);
    s.certsmith_split(&["genkey", "svc.json"], "svc");
    for (not_a_key, error) in [
        ("svc.json", "svc.json: no private key found"),
        // What the file holds is named (issue 14).
        (
            "svc.csr",
            "svc.csr holds a certificate request, not a private key",
        ),
    ] {
        let err = s
            .certsmith(&["csr", "--key", not_a_key, "svc.json"])
            .fails()
            .to_owned();
        assert!(err.starts_with(&format!("error: {error}\n")), "{err}");
    }
}
