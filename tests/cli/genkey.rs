//! `certsmith genkey`: a new key and a CSR for it, checked by openssl (the CSR's
//! self-signature, subject and SANs) and by cfssl (which must be able to sign
//! the CSR), with every certificate made from one verified and linted.

use crate::support::*;

/// A leaf request with every kind of SAN and two organisations, its subject
/// fields deliberately listed out of Go's order.
const LEAF_ALL_SANS: &str = r#"{
  "CN": "app.example.com",
  "hosts": ["app.example.com", "10.0.0.1", "ops@example.com", "https://example.com/app"],
  "key": {"algo": "ecdsa", "size": 256},
  "names": [{"OU": "Unit", "O": "Org One", "L": "San Francisco", "ST": "California", "C": "US"}, {"O": "Org Two"}]
}"#;

/// `openssl req -noout -text` of a CSR file.
fn csr_text(s: &Scratch, csr: &str) -> String {
    s.run("openssl", &["req", "-noout", "-text", "-in", csr])
        .ok()
        .stdout_str()
}

/// Asserts openssl accepts the CSR's self-signature.
#[track_caller]
fn assert_csr_self_signature_verifies(s: &Scratch, csr: &str) {
    let run = s.run("openssl", &["req", "-noout", "-verify", "-in", csr]);
    assert!(
        run.status == 0 && format!("{}{}", run.stdout_str(), run.stderr).contains("verify OK"),
        "openssl req -verify {csr}: {}{}",
        run.stdout_str(),
        run.stderr
    );
}

#[test]
fn genkey_prints_exactly_csr_and_pkcs8_key() {
    let s = Scratch::new();
    s.write("leaf.json", LEAF_ALL_SANS);
    let run = s.certsmith(&["genkey", "leaf.json"]);
    run.ok();
    let json = run.json();
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["csr", "key"]);
    let key = json["key"].as_str().unwrap();
    assert!(
        key.starts_with("-----BEGIN PRIVATE KEY-----\n")
            && key.trim_end().ends_with("-----END PRIVATE KEY-----"),
        "{key}"
    );
    let csr = json["csr"].as_str().unwrap();
    assert!(
        csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"),
        "{csr}"
    );
    // openssl reads the key as PKCS#8 and it is the CSR's key.
    s.write("k.pem", key);
    s.write("k.csr", csr);
    let from_key = s
        .run("openssl", &["pkey", "-in", "k.pem", "-pubout"])
        .ok()
        .stdout_str();
    let from_csr = s
        .run("openssl", &["req", "-in", "k.csr", "-pubkey", "-noout"])
        .ok()
        .stdout_str();
    assert_eq!(from_key, from_csr);
}

#[test]
fn genkey_csr_passes_openssl_verify_and_carries_sans_and_go_ordered_subject() {
    let s = with_root();
    s.write("leaf.json", LEAF_ALL_SANS);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    assert_csr_self_signature_verifies(&s, "leaf.csr");
    let text = csr_text(&s, "leaf.csr");
    // Go's pkix.Name order: C, ST, L, O, OU, CN, whatever order the JSON used;
    // both O values are kept.
    assert!(text.contains("Subject: C = US, ST = California, L = San Francisco, O = Org One, O = Org Two, OU = Unit, CN = app.example.com\n"), "{text}");
    assert!(text.contains("DNS:app.example.com, IP Address:10.0.0.1, email:ops@example.com, URI:https://example.com/app"), "{text}");
    assert!(
        !text.contains("Basic Constraints"),
        "a leaf request must not ask for basic constraints: {text}"
    );
    // A certificate issued from it keeps all of that and is accepted.
    s.sign_split("ca", &["--profile", "server", "leaf.csr"], "leaf");
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    s.pkilint("leaf.pem");
    let cert = s.x509_text("leaf.pem");
    assert!(
        cert.contains("DNS:app.example.com")
            && cert.contains("IP Address:10.0.0.1")
            && cert.contains("URI:https://example.com/app"),
        "{cert}"
    );
}

#[test]
fn genkey_ca_section_asks_for_ca_true_with_pathlen() {
    let s = with_root();
    s.write(
        "int.json",
        r#"{"CN":"Test Intermediate","names":[{"O":"certsmith tests"}],"ca":{"pathlen":2}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    assert_csr_self_signature_verifies(&s, "int.csr");
    let text = csr_text(&s, "int.csr");
    assert!(
        text.contains(
            "X509v3 Basic Constraints: critical\n                    CA:TRUE, pathlen:2\n"
        ),
        "{text}"
    );

    s.write("int0.json", r#"{"CN":"Test Intermediate 0","ca":{}}"#);
    s.certsmith_split(&["genkey", "int0.json"], "int0");
    let text = csr_text(&s, "int0.csr");
    assert!(text.contains("CA:TRUE"), "{text}");

    // The request is usable: the intermediate profile issues a CA from it.
    s.sign_split("ca", &["--profile", "intermediate", "int0.csr"], "int0");
    s.openssl_verify("ca.pem", &[], "int0.pem");
    s.pkilint("int0.pem");
    assert!(s.x509_text("int0.pem").contains("CA:TRUE"));
}

#[test]
fn genkey_makes_rsa_3072_ecdsa_p521_and_ed25519_keys() {
    let s = with_root();
    for (name, key, expect) in [
        (
            "rsa3072",
            r#"{"algo":"rsa","size":3072}"#,
            "Public-Key: (3072 bit)",
        ),
        (
            "p521",
            r#"{"algo":"ecdsa","size":521}"#,
            "NIST CURVE: P-521",
        ),
        (
            "ed",
            r#"{"algo":"ed25519"}"#,
            "Public Key Algorithm: ED25519",
        ),
    ] {
        s.write(
            &format!("{name}.json"),
            &format!(r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com"],"key":{key}}}"#),
        );
        s.certsmith_split(&["genkey", &format!("{name}.json")], name);
        let csr = format!("{name}.csr");
        assert_csr_self_signature_verifies(&s, &csr);
        let text = csr_text(&s, &csr);
        assert!(text.contains(expect), "{name}: {text}");
        assert!(
            s.read(&format!("{name}-key.pem"))
                .starts_with("-----BEGIN PRIVATE KEY-----\n"),
            "{name}: key is not PKCS#8"
        );
        assert_eq!(s.file_mode(&format!("{name}-key.pem")), 0o600);
        s.sign_split("ca", &["--profile", "server", &csr], name);
        s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
        s.pkilint(&format!("{name}.pem"));
    }
}

#[test]
fn genkey_reads_the_csr_json_from_stdin() {
    let s = Scratch::new();
    let run = s.certsmith_stdin(
        &["genkey", "-"],
        br#"{"CN":"stdin.example.com","hosts":["stdin.example.com"]}"#,
    );
    run.ok();
    s.write("stdin.csr", run.json()["csr"].as_str().unwrap());
    assert_csr_self_signature_verifies(&s, "stdin.csr");
    let text = csr_text(&s, "stdin.csr");
    assert!(
        text.contains("Subject: CN = stdin.example.com\n")
            && text.contains("DNS:stdin.example.com"),
        "{text}"
    );
}

#[test]
fn cfssl_signs_a_certsmith_csr_and_openssl_verifies_the_result() {
    let s = with_root();
    // cfssl 1.2's default profile puts keyEncipherment on EC keys (pkilint
    // rejects that), so give it a profile that fits an ECDSA server key.
    s.write(
        "cfssl-config.json",
        r#"{"signing":{"default":{"expiry":"168h","usages":["digital signature","server auth"]}}}"#,
    );
    s.write("web.json", r#"{"CN":"web.example.com","hosts":["web.example.com","10.0.0.9"],"names":[{"C":"US","O":"Example"}]}"#);
    s.certsmith_split(&["genkey", "web.json"], "web");
    let signed = s.run(
        "cfssl",
        &[
            "sign",
            "-config",
            "cfssl-config.json",
            "-ca",
            "ca.pem",
            "-ca-key",
            "ca-key.pem",
            "web.csr",
        ],
    );
    signed.ok();
    s.run_stdin("cfssljson", &["-bare", "web"], &signed.stdout)
        .ok();
    s.openssl_verify("ca.pem", &[], "web.pem");
    s.pkilint("web.pem");
    let text = s.x509_text("web.pem");
    assert!(
        text.contains("Subject: C = US, O = Example, CN = web.example.com"),
        "{text}"
    );
    assert!(
        text.contains("DNS:web.example.com") && text.contains("IP Address:10.0.0.9"),
        "{text}"
    );
}

#[test]
fn genkey_refuses_rsa_1024_naming_the_size() {
    let s = Scratch::new();
    s.write(
        "weak.json",
        r#"{"CN":"weak","key":{"algo":"rsa","size":1024}}"#,
    );
    let err = s.certsmith(&["genkey", "weak.json"]).fails().to_owned();
    assert!(
        err.starts_with("error: weak.json: invalid `key`: RSA size 1024"),
        "{err}"
    );
}

#[test]
fn genkey_refuses_an_unknown_algorithm() {
    let s = Scratch::new();
    s.write("dsa.json", r#"{"CN":"x","key":{"algo":"dsa","size":2048}}"#);
    let err = s.certsmith(&["genkey", "dsa.json"]).fails().to_owned();
    assert!(
        err.starts_with("error: dsa.json: invalid `key`: unknown algo \"dsa\""),
        "{err}"
    );
}

#[test]
fn genkey_reports_invalid_json_with_the_file_name() {
    let s = Scratch::new();
    s.write("broken.json", r#"{"CN":"x","#);
    let err = s.certsmith(&["genkey", "broken.json"]).fails().to_owned();
    assert!(err.starts_with("error: broken.json: invalid JSON"), "{err}");
    assert_eq!(
        err.lines().next().unwrap().matches("error:").count(),
        1,
        "{err}"
    );
}

#[test]
fn genkey_refuses_a_host_with_a_space() {
    let s = Scratch::new();
    s.write(
        "space.json",
        r#"{"CN":"x","hosts":["ok.example.com","exa mple.com"]}"#,
    );
    let err = s.certsmith(&["genkey", "space.json"]).fails().to_owned();
    assert!(
        err.starts_with("error: space.json: invalid host \"exa mple.com\""),
        "{err}"
    );
    assert!(
        std::fs::read_dir(s.dir.path()).unwrap().count() == 1,
        "a failed genkey wrote files"
    );
}

#[test]
fn an_empty_host_as_in_cfssl_era_client_csrs_is_skipped_with_a_note() {
    // `"hosts": [""]` is common in cfssl-era client CSR JSON; cfssl would put
    // an empty DNS name in the CSR, which verifiers reject.
    let s = Scratch::new();
    s.write(
        "admin.json",
        r#"{"CN":"admin","hosts":[""],"names":[{"O":"system:masters"}]}"#,
    );
    let run = s.certsmith_split(&["genkey", "admin.json"], "admin");
    assert_eq!(
        run.stderr,
        "note: admin.json: hosts[0] is empty and was skipped (no empty DNS name in the certificate)\n"
    );
    let text = s
        .run("openssl", &["req", "-in", "admin.csr", "-noout", "-text"])
        .ok()
        .stdout_str()
        .to_owned();
    assert!(!text.contains("Subject Alternative Name"), "{text}");
    assert!(text.contains("CN = admin"), "{text}");
}
