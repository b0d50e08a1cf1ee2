//! `certsmith inspect`: text for people and JSON for scripts, checked against
//! openssl (fingerprints, serials) and against the real `cfssl certinfo`
//! (every field it prints); `--expiring-within` exits like grep.

use serde::Deserialize;

use crate::support::*;

const LEAF_RSA: &str = r#"{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7","::1","ops@example.com","spiffe://cluster.local/ns/x"],"names":[{"C":"US","ST":"Oregon","L":"Portland","O":"Example","OU":"Web"},{"O":"Second Org"}],"key":{"algo":"rsa","size":2048}}"#;
const LEAF_EC: &str = r#"{"CN":"ec.example.com","hosts":["ec.example.com","192.168.1.1"],"key":{"algo":"ecdsa","size":256}}"#;

/// A root CA (ca.pem, ca-key.pem) and an RSA leaf (leaf.pem, leaf-key.pem, leaf.csr).
fn with_leaf() -> Scratch {
    let s = with_root();
    s.write("leaf.json", LEAF_RSA);
    sign(&s, "leaf.json", "leaf", &[]);
    s
}

#[track_caller]
fn sign(s: &Scratch, json: &str, name: &str, extra: &[&str]) {
    let mut args = vec!["sign", "--ca", "ca.pem", "--ca-key", "ca-key.pem"];
    args.extend(extra);
    args.push(json);
    s.certsmith_split(&args, name);
}

#[track_caller]
fn inspect(s: &Scratch, args: &[&str]) -> String {
    let mut all = vec!["inspect"];
    all.extend(args);
    let run = s.certsmith(&all);
    run.ok();
    run.stdout_str()
}

#[track_caller]
fn inspect_json(s: &Scratch, args: &[&str]) -> Vec<Object> {
    let mut all = vec!["--json"];
    all.extend(args);
    let out = inspect(s, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not the pinned schema ({e}): {out}"))
}

/// `openssl x509 -fingerprint -sha256`'s hex.
fn openssl_fingerprint(s: &Scratch, cert: &str) -> String {
    let out = s
        .run(
            "openssl",
            &["x509", "-noout", "-fingerprint", "-sha256", "-in", cert],
        )
        .ok()
        .stdout_str();
    out.trim().split_once('=').unwrap().1.to_string()
}

fn openssl_serial(s: &Scratch, cert: &str) -> String {
    let out = s
        .run("openssl", &["x509", "-noout", "-serial", "-in", cert])
        .ok()
        .stdout_str();
    out.trim().trim_start_matches("serial=").to_string()
}

// --- the pinned JSON schema (ripgrep's way: mirror structs that refuse unknown fields)

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Object {
    Certificate(Box<CertJson>),
    Csr(CsrJson),
    PrivateKey(PrivateKeyJson),
    PublicKey(PublicKeyJson),
    Crl(CrlJson),
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct NameJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    common_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    serial_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organizational_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    street_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    names: Option<Vec<String>>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct KeyJson {
    algorithm: String,
    size: usize,
    #[serde(default)]
    curve: Option<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertJson {
    path: String,
    #[serde(default)]
    block: Option<usize>,
    subject: NameJson,
    issuer: NameJson,
    serial_number: String,
    sans: Vec<String>,
    not_before: String,
    not_after: String,
    sigalg: String,
    authority_key_id: String,
    subject_key_id: String,
    pem: String,
    serial: String,
    email_addresses: Vec<String>,
    uris: Vec<String>,
    sha256: String,
    key: KeyJson,
    is_ca: bool,
    path_len: Option<u32>,
    usages: Vec<String>,
    name_constraints: Option<serde_json::Value>,
    expires_in_seconds: i64,
    warnings: Vec<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CsrJson {
    path: String,
    #[serde(default)]
    block: Option<usize>,
    subject: NameJson,
    sans: Vec<String>,
    email_addresses: Vec<String>,
    uris: Vec<String>,
    key: KeyJson,
    is_ca_request: bool,
    path_len: Option<u8>,
    sigalg: String,
    public_key_sha256: String,
    pem: String,
    warnings: Vec<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrivateKeyJson {
    path: String,
    #[serde(default)]
    block: Option<usize>,
    key: Option<KeyJson>,
    public_key_sha256: Option<String>,
    sealed: bool,
    pem_encrypted: bool,
    warnings: Vec<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicKeyJson {
    path: String,
    #[serde(default)]
    block: Option<usize>,
    key: KeyJson,
    sha256: String,
    warnings: Vec<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrlJson {
    path: String,
    #[serde(default)]
    block: Option<usize>,
    issuer: NameJson,
    this_update: String,
    next_update: Option<String>,
    crl_number: Option<String>,
    sigalg: String,
    authority_key_id: String,
    revoked: Vec<RevokedJson>,
    sha256: String,
    warnings: Vec<String>,
}

#[allow(dead_code)] // every field is there to pin the schema, read or not
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct RevokedJson {
    serial: String,
    revoked_at: String,
    reason: Option<String>,
}

fn only_cert(objects: Vec<Object>) -> CertJson {
    match <[Object; 1]>::try_from(objects) {
        Ok([Object::Certificate(c)]) => *c,
        Ok(other) => panic!("not a certificate: {other:?}"),
        Err(v) => panic!("expected one object, got {v:?}"),
    }
}

// --- text

#[test]
fn inspect_describes_a_certificate_with_openssls_fingerprint_and_serial() {
    let s = with_leaf();
    let out = inspect(&s, &["leaf.pem"]);
    let fingerprint = openssl_fingerprint(&s, "leaf.pem");
    let serial = openssl_serial(&s, "leaf.pem");
    for line in [
        "leaf.pem\n".to_string(),
        "  kind:             certificate\n".into(),
        "  subject:          C=US, ST=Oregon, L=Portland, O=Example, O=Second Org, OU=Web, CN=app.example.com\n".into(),
        "  issuer:           C=US, O=certsmith tests, CN=Test Root CA\n".into(),
        format!("  serial:           {serial}\n"),
        "  SANs:             DNS:app.example.com, IP:10.0.0.7, IP:::1, email:ops@example.com, URI:spiffe://cluster.local/ns/x\n".into(),
        "  key:              RSA 2048\n".into(),
        "  key usages:       digital signature, key encipherment\n".into(),
        "  extended usages:  server auth, client auth\n".into(),
        "  CA:               no\n".into(),
        format!("  certificate SHA-256: {fingerprint}\n"),
    ] {
        assert!(out.contains(&line), "missing {line:?} in:\n{out}");
    }
    assert!(
        out.contains("(expires in 364 days)\n") || out.contains("(expires in 365 days)\n"),
        "{out}"
    );
    assert!(!out.contains("warning"), "{out}");
    assert!(out.starts_with("leaf.pem\n"), "{out}");

    let ca = inspect(&s, &["ca.pem"]);
    for line in [
        "  key:              ECDSA P-256\n",
        "  key usages:       cert sign, crl sign\n",
        "  CA:               yes\n",
    ] {
        assert!(ca.contains(line), "missing {line:?} in:\n{ca}");
    }
}

#[test]
fn inspect_warns_about_an_expired_certificate_and_a_weak_key() {
    let s = Scratch::new();
    // A root valid since ten years ago: a certificate never predates its CA
    // (issue 13), so the expired one below needs a CA that was valid then.
    s.init_ca(
        "ca",
        r#"{"CN":"Old Root CA","ca":{"backdate":"87600h","expiry":"175200h"}}"#,
    );
    // A profile with a fixed validity in the past makes an expired certificate.
    s.write(
        "config.json",
        r#"{"signing":{"default":{"not_before":"2026-01-01T00:00:00Z","not_after":"2026-02-01T00:00:00Z","usages":["digital signature"]}}}"#,
    );
    s.write("old.json", r#"{"CN":"old.example.com"}"#);
    sign(&s, "old.json", "old", &["--config", "config.json"]);
    let out = inspect(&s, &["old.pem"]);
    assert!(
        out.contains("  not after:        2026-02-01T00:00:00Z (EXPIRED "),
        "{out}"
    );
    assert!(
        out.contains("  warning:          expired on 2026-02-01T00:00:00Z\n"),
        "{out}"
    );
    // RSA 1024, which certsmith never makes, from openssl.
    s.run(
        "openssl",
        &[
            "req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "weak.key", "-subj",
            "/CN=weak", "-days", "1", "-out", "weak.pem",
        ],
    )
    .ok();
    let out = inspect(&s, &["weak.pem"]);
    assert!(
        out.contains("  warning:          weak key: RSA 1024 (less than 2048 bits)\n"),
        "{out}"
    );
    let cert = only_cert(inspect_json(&s, &["weak.pem"]));
    assert_eq!(cert.warnings, ["weak key: RSA 1024 (less than 2048 bits)"]);
}

#[test]
fn inspect_describes_a_csr() {
    let s = with_leaf();
    let out = inspect(&s, &["leaf.csr"]);
    for line in [
        "leaf.csr\n",
        "  kind:             certificate request\n",
        "  subject:          C=US, ST=Oregon, L=Portland, O=Example, O=Second Org, OU=Web, CN=app.example.com\n",
        "  SANs:             DNS:app.example.com, IP:10.0.0.7, IP:::1, email:ops@example.com, URI:spiffe://cluster.local/ns/x\n",
        "  key:              RSA 2048\n",
        "  asks for CA:      no\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let fp = s.certsmith(&["key", "fingerprint", "leaf.csr"]);
    let fp = fp.ok().stdout_str();
    let fp = fp.trim().trim_start_matches("SHA256:");
    assert!(
        out.contains(&format!("  public key SHA-256: {fp}\n")),
        "{out}"
    );
}

#[test]
fn inspect_describes_a_private_key_without_its_private_material() {
    let s = with_leaf();
    let key_pem = s.read("leaf-key.pem");
    let out = inspect(&s, &["leaf-key.pem"]);
    let fp = s.certsmith(&["key", "fingerprint", "leaf-key.pem"]);
    let fp = fp.ok().stdout_str();
    let fp = fp.trim().trim_start_matches("SHA256:");
    assert_eq!(
        out,
        format!(
            "leaf-key.pem\n  kind:             private key\n  key:              RSA 2048\n  public key SHA-256: {fp}\n"
        )
    );
    let json = inspect(&s, &["--json", "leaf-key.pem"]);
    for text in [&out, &json] {
        assert!(!text.contains("PRIVATE KEY"), "{text}");
        for line in key_pem.lines().filter(|l| !l.starts_with("-----")) {
            assert!(
                !text.contains(line),
                "private key material in output: {line}"
            );
        }
    }
    match &inspect_json(&s, &["leaf-key.pem"])[..] {
        [Object::PrivateKey(k)] => {
            assert_eq!(
                k.key.as_ref().unwrap(),
                &KeyJson {
                    algorithm: "RSA".into(),
                    size: 2048,
                    curve: None
                }
            );
            assert_eq!(k.public_key_sha256.as_deref(), Some(fp));
            assert!(!k.sealed && !k.pem_encrypted && k.block.is_none());
            assert_eq!(k.path, "leaf-key.pem");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inspect_describes_an_age_sealed_key_without_opening_it() {
    let s = with_leaf();
    let run = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    run.ok();
    let recipient = run
        .stderr
        .trim()
        .trim_start_matches("Public key: ")
        .to_string();
    let sealed = s.certsmith(&["key", "encrypt", "-r", &recipient, "leaf-key.pem"]);
    std::fs::write(s.path("leaf-key.age"), &sealed.ok().stdout).unwrap();
    let out = inspect(&s, &["leaf-key.age"]);
    assert_eq!(
        out,
        "leaf-key.age\n  kind:             age-encrypted private key\n"
    );
    match &inspect_json(&s, &["leaf-key.age"])[..] {
        [Object::PrivateKey(k)] => {
            assert!(k.sealed && k.key.is_none() && k.public_key_sha256.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inspect_describes_a_public_key() {
    let s = with_leaf();
    let public = s.certsmith(&["key", "public", "leaf.pem"]);
    std::fs::write(s.path("leaf.pub"), &public.ok().stdout).unwrap();
    let fp = s.certsmith(&["key", "fingerprint", "leaf.pem"]);
    let fp = fp.ok().stdout_str();
    let fp = fp.trim().trim_start_matches("SHA256:");
    assert_eq!(
        inspect(&s, &["leaf.pub"]),
        format!(
            "leaf.pub\n  kind:             public key\n  key:              RSA 2048\n  public key SHA-256: {fp}\n"
        )
    );
}

#[test]
fn inspect_describes_a_crl_with_its_revoked_serials() {
    let s = with_leaf();
    let serial = openssl_serial(&s, "leaf.pem");
    s.write("serials.txt", &format!("{serial} keyCompromise\n0A1B\n"));
    let crl = s.certsmith_ca("crl", "ca", &["--revoked", "serials.txt"]);
    std::fs::write(s.path("ca.crl"), &crl.ok().stdout).unwrap();
    let out = inspect(&s, &["ca.crl"]);
    assert!(out.starts_with("ca.crl\n  kind:             CRL\n  issuer:           C=US, O=certsmith tests, CN=Test Root CA\n"), "{out}");
    assert!(out.contains("  revoked:          2\n"), "{out}");
    assert!(out.contains(&format!("  {:<18}{serial} at ", "")), "{out}");
    assert!(out.contains(" (keyCompromise)\n"), "{out}");
    assert!(out.contains("0A1B at "), "{out}");
    match &inspect_json(&s, &["ca.crl"])[..] {
        [Object::Crl(c)] => {
            let mut got: Vec<(&str, Option<&str>)> = c
                .revoked
                .iter()
                .map(|r| (r.serial.as_str(), r.reason.as_deref()))
                .collect();
            got.sort();
            let mut want = vec![(serial.as_str(), Some("keyCompromise")), ("0A1B", None)];
            want.sort();
            assert_eq!(got, want);
            assert!(c.next_update.is_some() && c.crl_number.is_some());
            let text = s
                .run("openssl", &["crl", "-noout", "-text", "-in", "ca.crl"])
                .ok()
                .stdout_str();
            assert!(
                text.contains(&format!(
                    "X509v3 CRL Number: \n                {}",
                    c.crl_number.as_ref().unwrap()
                )),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inspect_numbers_the_blocks_of_a_pem_file_with_several() {
    let s = with_leaf();
    s.write(
        "chain.pem",
        &format!("{}{}", s.read("leaf.pem"), s.read("ca.pem")),
    );
    let out = inspect(&s, &["chain.pem"]);
    assert!(out.starts_with("chain.pem (block 1)\n  kind:             certificate\n  subject:          C=US, ST=Oregon"), "{out}");
    assert!(out.contains("\n\nchain.pem (block 2)\n  kind:             certificate\n  subject:          C=US, O=certsmith tests, CN=Test Root CA\n"), "{out}");
    let objects = inspect_json(&s, &["chain.pem"]);
    let blocks: Vec<Option<usize>> = objects
        .iter()
        .map(|o| match o {
            Object::Certificate(c) => c.block,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(blocks, [Some(1), Some(2)]);
}

#[test]
fn inspect_reads_a_der_certificate() {
    let s = with_leaf();
    s.run(
        "openssl",
        &[
            "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der",
        ],
    )
    .ok();
    let fingerprint = openssl_fingerprint(&s, "leaf.pem");
    let cert = only_cert(inspect_json(&s, &["leaf.der"]));
    assert_eq!(cert.sha256, fingerprint);
    assert_eq!(cert.pem, s.read("leaf.pem"));
    assert_eq!(cert.path, "leaf.der");
}

#[test]
fn inspect_walks_a_directory_in_name_order_skipping_files_without_pki_objects() {
    let s = with_leaf();
    std::fs::create_dir_all(s.path("tree/sub/deeper")).unwrap();
    std::fs::copy(s.path("ca.pem"), s.path("tree/b-ca.pem")).unwrap();
    std::fs::copy(s.path("leaf.pem"), s.path("tree/sub/deeper/leaf.pem")).unwrap();
    std::fs::copy(s.path("leaf.csr"), s.path("tree/sub/a.csr")).unwrap();
    std::fs::copy(s.path("leaf.json"), s.path("tree/a.json")).unwrap();
    s.write("tree/README", "not a certificate\n");
    s.write("tree/sub/empty.pem", "");
    let out = inspect(&s, &["tree"]);
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(
        headers,
        [
            "tree/b-ca.pem",
            "tree/sub/a.csr",
            "tree/sub/deeper/leaf.pem"
        ]
    );
    let objects = inspect_json(&s, &["tree"]);
    assert_eq!(objects.len(), 3);
}

#[test]
fn inspect_refuses_a_named_file_without_pki_objects() {
    let s = with_leaf();
    let run = s.certsmith(&["inspect", "leaf.json"]);
    assert_eq!(
        run.fails(),
        "error: leaf.json: no certificate, CSR, key, public key or CRL found\n"
    );
    s.write("empty.pem", "");
    let run = s.certsmith(&["inspect", "--json", "empty.pem"]);
    assert_eq!(
        run.fails(),
        "error: empty.pem: no certificate, CSR, key, public key or CRL found\n"
    );
}

#[test]
fn inspect_reads_stdin() {
    let s = with_leaf();
    let pem = s.read("ca.pem");
    let run = s.certsmith_stdin(&["inspect", "-"], pem.as_bytes());
    assert!(
        run.ok()
            .stdout_str()
            .starts_with("stdin\n  kind:             certificate\n")
    );
}

#[test]
fn inspect_shows_basic_and_name_constraints_of_a_ca() {
    let s = with_root();
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"constrained":{"expiry":"43800h","usages":["cert sign","crl sign"],
          "ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true},
          "name_constraints":{"critical":true,
            "permitted":{"dns_domains":["example.com"],"ip_ranges":["10.0.0.0/8"]},
            "excluded":{"dns_domains":["bad.example.com"]}}}}}}"#,
    );
    s.write("int.json", r#"{"CN":"Constrained Intermediate"}"#);
    sign(
        &s,
        "int.json",
        "int",
        &["--config", "config.json", "--profile", "constrained"],
    );
    let out = inspect(&s, &["int.pem"]);
    for line in [
        "  CA:               yes, pathlen 0\n",
        "  name constraints: permitted DNS:example.com, IP:10.0.0.0/8; excluded DNS:bad.example.com (critical)\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let text = s.x509_text("int.pem");
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    // Key identifiers as openssl prints them (two digits a byte).
    let ski = text
        .split("X509v3 Subject Key Identifier: \n")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim();
    assert!(
        out.contains(&format!("  subject key id:   {ski}\n")),
        "{out}"
    );
    let cert = only_cert(inspect_json(&s, &["int.pem"]));
    assert_eq!((cert.is_ca, cert.path_len), (true, Some(0)));
    assert_eq!(
        cert.name_constraints.unwrap(),
        serde_json::json!({"critical":true,
            "permitted":{"dns":["example.com"],"ip":["10.0.0.0/8"],"email":[],"uri":[]},
            "excluded":{"dns":["bad.example.com"],"ip":[],"email":[],"uri":[]}})
    );
}

// --- JSON against cfssl certinfo

/// Every field `cfssl certinfo -cert` prints, compared with certsmith's.
#[track_caller]
fn assert_matches_cfssl_certinfo(s: &Scratch, cert: &str) {
    let cfssl: serde_json::Value = s.run("cfssl", &["certinfo", "-cert", cert]).ok().json();
    let ours = only_cert(inspect_json(s, &[cert]));
    let ours_value: serde_json::Value =
        serde_json::from_str(&inspect(s, &["--json", cert])).unwrap();
    let ours_value = &ours_value[0];
    let fields = cfssl.as_object().unwrap();
    for key in [
        "subject",
        "issuer",
        "serial_number",
        "not_before",
        "not_after",
        "sigalg",
        "authority_key_id",
        "subject_key_id",
        "pem",
    ] {
        assert_eq!(ours_value[key], fields[key], "{cert}: field {key}");
    }
    // cfssl leaves out an empty `sans`; certsmith always prints the array.
    let cfssl_sans = fields.get("sans").cloned().unwrap_or(serde_json::json!([]));
    assert_eq!(serde_json::json!(ours.sans), cfssl_sans, "{cert}: sans");
    // No field of cfssl's is missing from certsmith's.
    for key in fields.keys() {
        assert!(ours_value.get(key).is_some(), "{cert}: no {key}");
    }
}

#[test]
fn json_matches_cfssl_certinfo_for_certsmith_rsa_and_ecdsa_certificates() {
    let s = with_leaf();
    s.write("ec.json", LEAF_EC);
    sign(&s, "ec.json", "ec", &[]);
    for cert in ["leaf.pem", "ec.pem", "ca.pem"] {
        assert_matches_cfssl_certinfo(&s, cert);
    }
    let leaf = only_cert(inspect_json(&s, &["leaf.pem"]));
    assert_eq!(leaf.sigalg, "ECDSAWithSHA256");
    assert_eq!(
        leaf.key,
        KeyJson {
            algorithm: "RSA".into(),
            size: 2048,
            curve: None
        }
    );
    assert_eq!(leaf.sans, ["app.example.com", "10.0.0.7", "::1"]);
    assert_eq!(leaf.email_addresses, ["ops@example.com"]);
    assert_eq!(leaf.uris, ["spiffe://cluster.local/ns/x"]);
    assert_eq!(
        leaf.usages,
        [
            "digital signature",
            "key encipherment",
            "server auth",
            "client auth"
        ]
    );
    assert_eq!(leaf.serial, openssl_serial(&s, "leaf.pem"));
    assert!(!leaf.is_ca && leaf.path_len.is_none() && leaf.warnings.is_empty());
    assert_eq!(
        leaf.subject,
        NameJson {
            common_name: Some("app.example.com".into()),
            serial_number: None,
            country: Some("US".into()),
            organization: Some("Example,Second Org".into()),
            organizational_unit: Some("Web".into()),
            locality: Some("Portland".into()),
            province: Some("Oregon".into()),
            street_address: None,
            postal_code: None,
            names: Some(vec![
                "US".into(),
                "Oregon".into(),
                "Portland".into(),
                "Example".into(),
                "Second Org".into(),
                "Web".into(),
                "app.example.com".into(),
            ]),
        }
    );
    let ec = only_cert(inspect_json(&s, &["ec.pem"]));
    assert_eq!(
        ec.key,
        KeyJson {
            algorithm: "ECDSA".into(),
            size: 256,
            curve: Some("P-256".into())
        }
    );
    let ca = only_cert(inspect_json(&s, &["ca.pem"]));
    assert!(ca.is_ca);
    assert_eq!(ca.usages, ["cert sign", "crl sign"]);
}

#[test]
fn json_matches_cfssl_certinfo_for_a_certificate_made_by_cfssl() {
    let s = Scratch::new();
    s.write(
        "csr.json",
        r#"{"CN":"cfssl root","key":{"algo":"rsa","size":2048},"names":[{"C":"DE","L":"Berlin","O":"cfssl made"}]}"#,
    );
    let initca = s.run("cfssl", &["gencert", "-initca", "csr.json"]);
    s.run_stdin("cfssljson", &["-bare", "cfssl-ca"], &initca.ok().stdout)
        .ok();
    assert_matches_cfssl_certinfo(&s, "cfssl-ca.pem");
    let cert = only_cert(inspect_json(&s, &["cfssl-ca.pem"]));
    assert_eq!(cert.sigalg, "SHA256WithRSA");
    assert_eq!(cert.key.algorithm, "RSA");
    // A certificate openssl makes without key identifiers: cfssl prints "".
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-384",
            "-nodes",
            "-keyout",
            "o.key",
            "-subj",
            "/CN=o/emailAddress=a@b.example",
            "-days",
            "2",
            "-sha384",
            "-addext",
            "subjectKeyIdentifier=none",
            "-addext",
            "authorityKeyIdentifier=none",
            "-out",
            "o.pem",
        ],
    )
    .ok();
    assert_matches_cfssl_certinfo(&s, "o.pem");
    let o = only_cert(inspect_json(&s, &["o.pem"]));
    assert_eq!(
        (o.sigalg.as_str(), o.subject_key_id.as_str()),
        ("ECDSAWithSHA384", "")
    );
}

#[test]
fn json_describes_each_kind_with_its_own_fields() {
    let s = with_leaf();
    let csr = match &inspect_json(&s, &["leaf.csr"])[..] {
        [Object::Csr(c)] => c.sans.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(csr, ["app.example.com", "10.0.0.7", "::1"]);
    s.write(
        "int.json",
        r#"{"CN":"Int","ca":{"pathlen":0,"pathlenzero":true}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    match &inspect_json(&s, &["int.csr"])[..] {
        [Object::Csr(c)] => assert!(c.is_ca_request && c.path_len == Some(0)),
        other => panic!("{other:?}"),
    }
    let empty = s.certsmith(&["inspect", "--json", "--expiring-within", "1h", "leaf.pem"]);
    assert_eq!(empty.status, 1);
    assert_eq!(empty.stdout_str(), "[]\n");
}

// --- --expiring-within

#[test]
fn expiring_within_lists_only_the_certificates_that_expire_in_time() {
    let s = with_root();
    s.write(
        "config.json",
        r#"{"signing":{"default":{"expiry":"8760h","usages":["digital signature","server auth"]},"profiles":{"short":{"expiry":"1h","usages":["digital signature","server auth"]}}}}"#,
    );
    std::fs::create_dir(s.path("certs")).unwrap();
    s.write(
        "short.json",
        r#"{"CN":"short.example.com","hosts":["short.example.com"]}"#,
    );
    s.write(
        "long.json",
        r#"{"CN":"long.example.com","hosts":["long.example.com"]}"#,
    );
    sign(
        &s,
        "short.json",
        "certs/short",
        &["--config", "config.json", "--profile", "short"],
    );
    sign(&s, "long.json", "certs/long", &["--config", "config.json"]);

    let run = s.certsmith(&["inspect", "--expiring-within", "2h", "certs"]);
    let out = run.ok().stdout_str();
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(headers, ["certs/short.pem"], "{out}");
    assert!(out.contains("(expires in 5"), "{out}"); // 1h plus the 5m backdate: "expires in 59 minutes"

    let objects = inspect_json(&s, &["--expiring-within", "2h", "certs"]);
    assert_eq!(objects.len(), 1);

    let none = s.certsmith(&["inspect", "--expiring-within", "30m", "certs"]);
    assert_eq!(
        (
            none.status,
            none.stdout_str().as_str(),
            none.stderr.as_str()
        ),
        (1, "", "")
    );

    let all = s.certsmith(&["inspect", "--expiring-within", "9000h", "certs", "ca.pem"]);
    assert_eq!(
        all.ok()
            .stdout_str()
            .lines()
            .filter(|l| l.ends_with(".pem"))
            .count(),
        2
    );
}

#[test]
fn expiring_within_exits_2_on_a_bad_duration_or_an_unreadable_file() {
    let s = with_leaf();
    let bad = s.certsmith(&["inspect", "--expiring-within", "soon", "leaf.pem"]);
    assert_eq!(bad.status, 2, "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
    assert!(
        bad.stderr
            .starts_with("error: invalid value 'soon' for '--expiring-within <DURATION>': "),
        "{}",
        bad.stderr
    );
    let missing = s.certsmith(&["inspect", "--expiring-within", "1h", "missing.pem"]);
    assert_eq!(missing.status, 2, "{}", missing.stderr);
    assert_eq!(
        missing.stderr,
        "error: cannot read missing.pem: no such file or directory\n"
    );
    let nothing = s.certsmith(&["inspect", "--expiring-within", "1h", "leaf.json"]);
    assert_eq!(
        (nothing.status, nothing.stderr.as_str()),
        (
            2,
            "error: leaf.json: no certificate, CSR, key, public key or CRL found\n"
        )
    );
}

// --- streaming

#[test]
fn inspect_streams_a_directory_of_300_certificates() {
    let s = with_leaf();
    let pem = s.read("leaf.pem");
    std::fs::create_dir(s.path("many")).unwrap();
    for i in 0..300 {
        std::fs::write(s.path(&format!("many/{i:03}.pem")), &pem).unwrap();
    }
    let out = inspect(&s, &["many"]);
    assert_eq!(
        out.matches("  kind:             certificate\n").count(),
        300
    );
    assert!(out.starts_with("many/000.pem\n") && out.contains("\n\nmany/299.pem\n"));
    let objects = inspect_json(&s, &["many"]);
    assert_eq!(objects.len(), 300);
    let json = inspect(&s, &["--json", "many"]);
    assert!(
        json.starts_with("[\n{\n") && json.ends_with("}\n]\n"),
        "{}",
        &json[..200]
    );
}

#[test]
fn inspect_help_ends_with_examples() {
    let s = Scratch::new();
    let help = s.certsmith(&["inspect", "--help"]);
    let help = help.ok().stdout_str();
    let examples = help
        .split("Examples:\n")
        .nth(1)
        .expect("an Examples section");
    assert!(examples.contains("certsmith inspect --expiring-within 720h /etc/pki && echo renew"));
    assert!(help.contains("1  none expires within DURATION"));
}

// --- --needs-renewal and --short (issue 14)

/// An RFC 3339 UTC time `offset` from now, to the second.
fn from_now(offset: time::Duration) -> String {
    let t = (time::OffsetDateTime::now_utc() + offset)
        .replace_nanosecond(0)
        .unwrap();
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// A root valid from 30 days ago, and three leaves with fixed validity:
/// late.pem (80% of its life gone), fresh.pem (10%), gone.pem (expired);
/// returns their notAfter times.
fn leaves_at_every_age() -> (Scratch, [String; 3]) {
    let s = Scratch::new();
    let day = time::Duration::days(1);
    let hour = time::Duration::hours(1);
    let window = |nb: time::Duration, na: time::Duration| {
        format!(
            r#"{{"not_before":"{}","not_after":"{}","usages":["digital signature","server auth"]}}"#,
            from_now(nb),
            from_now(na)
        )
    };
    let not_after = [
        from_now(2 * day + hour),
        from_now(9 * day + hour),
        from_now(-day - hour),
    ];
    s.write(
        "config.json",
        &format!(
            r#"{{"signing":{{"profiles":{{
              "root":{{"not_before":"{}","not_after":"{}","usages":["cert sign","crl sign"],"ca_constraint":{{"is_ca":true}}}},
              "late":{},"fresh":{},"gone":{}}}}}}}"#,
            from_now(-30 * day),
            from_now(3650 * day),
            window(-8 * day, 2 * day + hour),
            window(-day, 9 * day + hour),
            window(-10 * day, -day - hour),
        ),
    );
    s.write("root.json", r#"{"CN":"Aged Root"}"#);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "root",
            "root.json",
        ],
        "ca",
    );
    for name in ["late", "fresh", "gone"] {
        s.write(
            &format!("{name}.json"),
            &format!(r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com"]}}"#),
        );
        sign(
            &s,
            &format!("{name}.json"),
            name,
            &["--config", "config.json", "--profile", name],
        );
    }
    (s, not_after)
}

#[test]
fn needs_renewal_follows_steps_two_thirds_convention_and_short_prints_a_line_each() {
    let (s, [late, fresh, gone]) = leaves_at_every_age();
    let run = s.certsmith(&[
        "inspect",
        "--needs-renewal",
        "--short",
        "late.pem",
        "fresh.pem",
        "gone.pem",
        "late-key.pem",
    ]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (0, ""),
        "{}",
        run.stdout_str()
    );
    assert_eq!(
        run.stdout_str(),
        format!(
            "late.pem: CN=late.example.com expires {late} (2d left) renew\n\
             fresh.pem: CN=fresh.example.com expires {fresh} (9d left) ok\n\
             gone.pem: CN=gone.example.com expires {gone} (expired 1d ago) renew\n"
        )
    );

    // Without --short, only those to renew are described, as --expiring-within does.
    let out = inspect(&s, &["--needs-renewal", "late.pem", "fresh.pem"]);
    assert!(
        out.starts_with("late.pem\n  kind:             certificate\n"),
        "{out}"
    );
    assert!(!out.contains("fresh.pem"), "{out}");
    let objects = inspect_json(&s, &["--needs-renewal", "late.pem", "fresh.pem"]);
    assert_eq!(objects.len(), 1);

    // None to renew yet: exit 1, nothing printed.
    for args in [
        &["inspect", "--needs-renewal", "fresh.pem", "ca.pem"][..],
        &["inspect", "--needs-renewal=0.9", "late.pem"],
        &["inspect", "--needs-renewal=90%", "late.pem"],
        &["inspect", "--needs-renewal=9/10", "late.pem"],
    ] {
        let none = s.certsmith(args);
        assert_eq!(
            (
                none.status,
                none.stdout_str().as_str(),
                none.stderr.as_str()
            ),
            (1, "", ""),
            "{args:?}"
        );
    }
    for args in [
        &["inspect", "--needs-renewal=0.75", "late.pem"][..],
        &["inspect", "--needs-renewal=75%", "late.pem"],
        &["inspect", "--needs-renewal=0.05", "fresh.pem"],
    ] {
        s.certsmith(args).ok();
    }
    // --short with no check: the lines, without a verdict.
    assert_eq!(
        inspect(&s, &["--short", "fresh.pem"]),
        format!("fresh.pem: CN=fresh.example.com expires {fresh} (9d left)\n")
    );
    // --short with --expiring-within: every certificate, each with its verdict.
    let run = s.certsmith(&[
        "inspect",
        "--expiring-within",
        "72h",
        "--short",
        "late.pem",
        "fresh.pem",
    ]);
    assert_eq!(
        run.ok().stdout_str(),
        format!(
            "late.pem: CN=late.example.com expires {late} (2d left) renew\n\
             fresh.pem: CN=fresh.example.com expires {fresh} (9d left) ok\n"
        )
    );
}

#[test]
fn needs_renewal_exits_2_on_a_bad_fraction_or_an_unreadable_file() {
    let s = with_leaf();
    for (fraction, reason) in [
        ("0", "a fraction must be more than 0 and at most 1"),
        ("1.5", "a fraction must be more than 0 and at most 1"),
        ("150%", "a fraction must be more than 0 and at most 1"),
        (
            "soon",
            "expected a fraction of the lifetime, such as 0.75, 75% or 2/3",
        ),
        (
            "2/0",
            "expected a fraction of the lifetime, such as 0.75, 75% or 2/3",
        ),
        (
            "NaN",
            "expected a fraction of the lifetime, such as 0.75, 75% or 2/3",
        ),
    ] {
        let arg = format!("--needs-renewal={fraction}");
        let bad = s.certsmith(&["inspect", &arg, "leaf.pem"]);
        assert_eq!(bad.status, 2, "{fraction}: {}", bad.stderr);
        assert!(bad.stdout.is_empty());
        assert!(
            bad.stderr.starts_with(&format!(
                "error: invalid value '{fraction}' for '--needs-renewal[=<FRACTION>]': {reason}\n"
            )),
            "{}",
            bad.stderr
        );
    }
    let missing = s.certsmith(&["inspect", "--needs-renewal", "missing.pem"]);
    assert_eq!(
        (missing.status, missing.stderr.as_str()),
        (
            2,
            "error: cannot read missing.pem: no such file or directory\n"
        )
    );
    let conflict = s.certsmith(&[
        "inspect",
        "--needs-renewal",
        "--expiring-within",
        "1h",
        "leaf.pem",
    ]);
    assert_eq!(conflict.status, 2, "{}", conflict.stderr);
    let help = s.certsmith(&["inspect", "--help"]).ok().stdout_str();
    assert!(
        help.contains("unlike certsmith's other commands, 2 is any error"),
        "{help}"
    );
}

/// A hostile certificate's names are escaped in inspect's text: no raw
/// escape, carriage return or newline reaches the terminal, so no forged
/// line.
#[test]
fn inspect_escapes_control_characters_and_bidi_overrides_in_names() {
    let s = Scratch::new();
    let script = r#"
import datetime
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
k = ec.generate_private_key(ec.SECP256R1())
n = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x\x1b[31mRED\rerror: forged\u202e")])
now = datetime.datetime.now(datetime.timezone.utc)
c = (x509.CertificateBuilder().subject_name(n).issuer_name(n).public_key(k.public_key())
     .serial_number(7).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
     .add_extension(x509.SubjectAlternativeName([x509.DNSName("a\nerror: san")]), critical=False)
     .sign(k, hashes.SHA256()))
open("esc.pem", "wb").write(c.public_bytes(serialization.Encoding.PEM))
"#;
    s.run("python3", &["-c", script]).ok();
    let text = inspect(&s, &["esc.pem"]);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(!text.lines().any(|l| l.starts_with("error:")), "{text}");
    assert!(
        text.contains(r"x\u{1b}[31mRED\u{d}error: forged\u{202e}"),
        "{text}"
    );
}

/// A check that looked at no certificate (a key, a CSR, an empty directory)
/// exits 2, not 1 ("none needs renewal"), which cron would take for good news.
#[test]
fn a_renewal_check_of_no_certificate_is_an_error() {
    let s = with_leaf();
    std::fs::create_dir(s.path("empty")).unwrap();
    for path in ["leaf.csr", "empty"] {
        let run = s.certsmith(&["inspect", "--needs-renewal", path]);
        assert_eq!(run.status, 2, "{path}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("error: no certificate to check in {path}\n")),
            "{}",
            run.stderr
        );
    }
}
