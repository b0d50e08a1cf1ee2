use crate::support::*;

/// Seconds between openssl's notBefore and notAfter of `cert`.
pub fn validity_seconds(s: &Scratch, cert: &str) -> i64 {
    let dates = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-startdate",
                "-enddate",
                "-dateopt",
                "iso_8601",
                "-in",
                cert,
            ],
        )
        .ok()
        .stdout_str();
    let stamp = |prefix: &str| {
        let line = dates
            .lines()
            .find(|l| l.starts_with(prefix))
            .expect("date line");
        let text = line
            .trim_start_matches(prefix)
            .trim()
            .replace(' ', "T")
            .replace("TZ", "Z");
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    };
    (stamp("notAfter=") - stamp("notBefore=")).whole_seconds()
}

#[test]
fn initca_makes_a_root_that_openssl_and_pkilint_accept() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    let text = s.x509_text("ca.pem");
    assert!(
        text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE\n"),
        "{text}"
    );
    assert!(
        text.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign\n"),
        "{text}"
    );
    assert!(text.contains("X509v3 Subject Key Identifier"), "{text}");
    assert!(
        text.contains("Subject: C = US, O = certsmith tests, CN = Test Root CA"),
        "{text}"
    );
    // The `ca` section's expiry (87600h) wins over initca's 43800h.
    assert_eq!(validity_seconds(&s, "ca.pem"), 87600 * 3600);
}

#[test]
fn initca_defaults_to_43800h_and_ecdsa_p256() {
    let s = Scratch::new();
    s.init_ca("ca", r#"{"CN":"Default Root"}"#);
    assert_eq!(validity_seconds(&s, "ca.pem"), 43800 * 3600);
    let text = s.x509_text("ca.pem");
    assert!(
        text.contains("NIST CURVE: P-256") && text.contains("ecdsa-with-SHA256"),
        "{text}"
    );
    assert!(
        s.read("ca-key.pem")
            .starts_with("-----BEGIN PRIVATE KEY-----\n")
    );
}

#[test]
fn initca_key_file_is_0600_and_output_is_one_json_line() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_CSR);
    let run = s.certsmith(&["initca", "ca-csr.json"]);
    run.ok();
    let out = run.stdout_str();
    assert!(
        out.starts_with("{\"cert\":") && out.ends_with("}\n") && out.matches('\n').count() == 1,
        "{out}"
    );
    let keys: Vec<String> = run.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["cert", "csr", "key"]);
    s.run_stdin(
        "sh",
        &[
            "-c",
            "umask 000; exec \"$0\" split-json ca",
            assert_cmd::cargo::cargo_bin("certsmith").to_str().unwrap(),
        ],
        &run.stdout,
    )
    .ok();
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    assert_eq!(s.file_mode("ca.pem"), 0o644);
}

#[test]
fn initca_honours_pathlen_and_pathlenzero() {
    let s = Scratch::new();
    s.init_ca("one", r#"{"CN":"Root pathlen 1","ca":{"pathlen":1}}"#);
    assert!(s.x509_text("one.pem").contains("CA:TRUE, pathlen:1"));
    s.init_ca(
        "zero",
        r#"{"CN":"Root pathlen 0","ca":{"pathlen":0,"pathlenzero":true}}"#,
    );
    assert!(s.x509_text("zero.pem").contains("CA:TRUE, pathlen:0"));
    s.init_ca("unlimited", r#"{"CN":"Root no limit","ca":{"pathlen":0}}"#);
    assert!(s.x509_text("unlimited.pem").contains("CA:TRUE\n"));
    for c in ["one.pem", "zero.pem", "unlimited.pem"] {
        s.pkilint(c);
    }
}

#[test]
fn initca_signature_hash_follows_the_key() {
    let s = Scratch::new();
    for (name, key, sig) in [
        (
            "p384",
            r#"{"algo":"ecdsa","size":384}"#,
            "ecdsa-with-SHA384",
        ),
        (
            "p521",
            r#"{"algo":"ecdsa","size":521}"#,
            "ecdsa-with-SHA512",
        ),
        (
            "rsa3072",
            r#"{"algo":"rsa","size":3072}"#,
            "sha384WithRSAEncryption",
        ),
        ("ed", r#"{"algo":"ed25519"}"#, "ED25519"),
    ] {
        s.init_ca(name, &format!(r#"{{"CN":"Root {name}","key":{key}}}"#));
        let text = s.x509_text(&format!("{name}.pem"));
        assert!(
            text.contains(&format!("Signature Algorithm: {sig}")),
            "{name}: {text}"
        );
        s.openssl_verify(&format!("{name}.pem"), &[], &format!("{name}.pem"));
        s.pkilint(&format!("{name}.pem"));
    }
}

#[test]
fn initca_reads_stdin_and_notes_unknown_keys() {
    let s = Scratch::new();
    let run = s.certsmith_stdin(&["initca", "-"], br#"{"CN":"Stdin Root","colour":"blue"}"#);
    run.ok();
    assert!(
        run.stderr
            .contains("warning: stdin: unknown key `colour` ignored"),
        "{}",
        run.stderr
    );
}

#[test]
fn initca_with_a_config_uses_its_ca_profile() {
    let s = Scratch::new();
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"root":{"expiry":"2h","usages":["cert sign","crl sign"],
            "ca_constraint":{"is_ca":true,"max_path_len":2},"crl_url":"http://crl.example/root.crl"}}}}"#,
    );
    s.write("ca-csr.json", r#"{"CN":"Configured Root"}"#);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "root",
            "ca-csr.json",
        ],
        "ca",
    );
    let text = s.x509_text("ca.pem");
    assert!(text.contains("CA:TRUE, pathlen:2"), "{text}");
    assert!(text.contains("URI:http://crl.example/root.crl"), "{text}");
    assert_eq!(validity_seconds(&s, "ca.pem"), 2 * 3600);
    s.pkilint("ca.pem");
}

#[test]
fn initca_refuses_a_leaf_profile() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_CSR);
    let err = s
        .certsmith(&["initca", "--profile", "server", "ca-csr.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: profile `server` is not a CA profile; initca makes a CA certificate\nhint: "
        ),
        "{err}"
    );
}

#[test]
fn cfssl_signs_with_a_certsmith_ca() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    let out = s
        .run(
            "cfssl",
            &[
                "gencert",
                "-ca",
                "ca.pem",
                "-ca-key",
                "ca-key.pem",
                "leaf.json",
            ],
        )
        .ok()
        .stdout
        .clone();
    s.run_stdin("cfssljson", &["-bare", "leaf"], &out).ok();
    s.openssl_verify("ca.pem", &[], "leaf.pem");
}
