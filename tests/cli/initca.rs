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
    let s = with_root();
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
    let s = with_root();
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

// --- renewing a root with its key (issue 14): initca --key, gencert -renewca

/// The ceremony record certsmith prints on stderr for a new CA certificate,
/// made from what openssl reads in `cert`: subject, serial, notAfter and
/// openssl's own fingerprint line.
pub fn ca_record(s: &Scratch, cert: &str) -> String {
    let out = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-subject",
                "-serial",
                "-enddate",
                "-fingerprint",
                "-sha256",
                "-dateopt",
                "iso_8601",
                "-nameopt",
                "sep_comma_plus_space,utf8",
                "-in",
                cert,
            ],
        )
        .ok()
        .stdout_str();
    let field = |prefix: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in {out}"))
            .to_string()
    };
    let fingerprint = out
        .lines()
        .find_map(|l| l.strip_prefix("sha256 Fingerprint="))
        .expect("fingerprint line");
    let fingerprint = format!("certificate SHA-256 Fingerprint={fingerprint}");
    format!(
        "CA certificate: {}\nserial: {}\nnot after: {}\nnew certificate, not yet written: {fingerprint}\n",
        field("subject="),
        field("serial="),
        field("notAfter=").replace(' ', "T"),
    )
}

/// One openssl x509 output (`-subject`, `-ext subjectKeyIdentifier`, …) of `cert`.
fn openssl_x509(s: &Scratch, cert: &str, args: &[&str]) -> String {
    let mut all = vec!["x509", "-noout", "-in", cert];
    all.extend(args);
    s.run("openssl", &all).ok().stdout_str()
}

/// A root (ca.pem, ca-key.pem, ROOT_CSR: 87600h), a leaf it issued
/// (leaf.pem) and a copy of the root as old.pem.
fn root_with_leaf() -> Scratch {
    let s = with_root();
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.sign_split("ca", &["--profile", "server", "leaf.json"], "leaf");
    std::fs::copy(s.path("ca.pem"), s.path("old.pem")).unwrap();
    s
}

/// The new root in ca.pem is the old one's twin: same subject, key and SKI,
/// another serial; the leaf the old root issued verifies under it alone.
#[track_caller]
fn assert_renewed(s: &Scratch) {
    assert_ne!(
        s.read("ca.pem"),
        s.read("old.pem"),
        "ca.pem was not replaced"
    );
    for what in [
        &["-subject"][..],
        &["-ext", "subjectKeyIdentifier,basicConstraints,keyUsage"],
        &["-pubkey"],
    ] {
        assert_eq!(
            openssl_x509(s, "ca.pem", what),
            openssl_x509(s, "old.pem", what),
            "{what:?}"
        );
    }
    assert_ne!(
        openssl_x509(s, "ca.pem", &["-serial"]),
        openssl_x509(s, "old.pem", &["-serial"])
    );
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    s.pkilint("ca.pem");
}

#[test]
fn initca_key_with_ca_renews_the_root_and_what_it_issued_verifies_under_the_new_one() {
    let s = root_with_leaf();
    let key_before = s.read("ca-key.pem");
    let run = s.certsmith(&["initca", "--key", "ca-key.pem", "--ca", "ca.pem"]);
    run.ok();
    // The key exists: only a certificate and a CSR for it.
    let keys: Vec<String> = run.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["cert", "csr"]);
    let split = s.certsmith_stdin(&["split-json", "ca"], &run.stdout);
    split.ok();
    assert_eq!(s.read("ca-key.pem"), key_before);
    assert_renewed(&s);
    // As cfssl's -renewca: the old root's lifetime, from now.
    assert_eq!(validity_seconds(&s, "ca.pem"), 87600 * 3600);
    // The CSR is the key's, for the root's subject.
    s.run("openssl", &["req", "-verify", "-noout", "-in", "ca.csr"])
        .ok();
    assert_eq!(
        s.run("openssl", &["req", "-noout", "-pubkey", "-in", "ca.csr"])
            .ok()
            .stdout_str(),
        openssl_x509(&s, "ca.pem", &["-pubkey"])
    );
    // The ceremony record, as for any new CA certificate.
    assert_eq!(run.stderr, ca_record(&s, "ca.pem"));

    // With a CA profile, the profile decides the validity: a longer life.
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"root":{"expiry":"175200h","usages":["cert sign","crl sign"],
            "ca_constraint":{"is_ca":true}}}}}"#,
    );
    std::fs::copy(s.path("ca.pem"), s.path("old.pem")).unwrap();
    s.certsmith_split(
        &[
            "initca",
            "--key",
            "ca-key.pem",
            "--ca",
            "ca.pem",
            "--config",
            "config.json",
            "--profile",
            "root",
        ],
        "ca",
    );
    assert_renewed(&s);
    assert_eq!(validity_seconds(&s, "ca.pem"), 175200 * 3600);
}

#[test]
fn initca_key_with_ca_keeps_the_pathlen_ski_and_lifetime_as_cfssl_renewca_does() {
    let s = Scratch::new();
    s.init_ca(
        "ca",
        r#"{"CN":"Pathlen Root","key":{"algo":"rsa","size":2048},"ca":{"pathlen":1,"expiry":"20000h"}}"#,
    );
    std::fs::copy(s.path("ca.pem"), s.path("old.pem")).unwrap();
    let ours = s.certsmith(&["initca", "--key", "ca-key.pem", "--ca", "old.pem"]);
    ours.ok();
    s.write("ours.pem", ours.json()["cert"].as_str().unwrap());
    let cfssl = s.run(
        "cfssl",
        &[
            "gencert",
            "-renewca",
            "-ca",
            "old.pem",
            "-ca-key",
            "ca-key.pem",
        ],
    );
    cfssl.ok();
    s.write("cfssl.pem", cfssl.json()["cert"].as_str().unwrap());
    for cert in ["ours.pem", "cfssl.pem"] {
        s.openssl_verify(cert, &[], cert);
        assert_eq!(validity_seconds(&s, cert), 20000 * 3600, "{cert}");
    }
    s.pkilint("ours.pem");
    for what in [
        &["-subject"][..],
        &["-ext", "subjectKeyIdentifier,basicConstraints"],
    ] {
        let old = openssl_x509(&s, "old.pem", what);
        assert_eq!(openssl_x509(&s, "ours.pem", what), old, "{what:?}");
        assert_eq!(openssl_x509(&s, "cfssl.pem", what), old, "{what:?}");
    }
    assert!(
        openssl_x509(&s, "ours.pem", &["-ext", "basicConstraints"]).contains("CA:TRUE, pathlen:1")
    );
}

#[test]
fn initca_key_with_a_csr_json_makes_a_root_for_the_existing_key() {
    let s = root_with_leaf();
    s.write("ca-csr.json", ROOT_CSR);
    let run = s.certsmith(&["initca", "--key", "ca-key.pem", "ca-csr.json"]);
    run.ok();
    let keys: Vec<String> = run.json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["cert", "csr"]);
    s.certsmith_stdin(&["split-json", "ca"], &run.stdout).ok();
    assert_renewed(&s);
    // The CSR JSON's ca.expiry, as initca.
    assert_eq!(validity_seconds(&s, "ca.pem"), 87600 * 3600);
}

#[test]
fn initca_key_opens_a_sealed_root_key_and_split_json_keeps_it() {
    let s = Scratch::new();
    s.run("age-keygen", &["-o", "id.txt"]).ok();
    let recipient = s.run("age-keygen", &["-y", "id.txt"]).ok().stdout_str();
    s.write("ca-csr.json", ROOT_CSR);
    s.certsmith_split(&["initca", "-r", recipient.trim(), "ca-csr.json"], "ca");
    let sealed = s.read("ca-key.age");
    std::fs::copy(s.path("ca.pem"), s.path("old.pem")).unwrap();
    let run = s.certsmith_split(
        &[
            "initca",
            "--key",
            "ca-key.age",
            "-i",
            "id.txt",
            "--ca",
            "ca.pem",
        ],
        "ca",
    );
    assert!(run.json().get("key").is_none());
    // Beside a sealed key, the old certificate stood for its public key.
    assert_eq!(s.read("ca-key.age"), sealed);
    assert!(!s.exists("ca-key.pem"));
    assert_ne!(s.read("ca.pem"), s.read("old.pem"));
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    assert_eq!(
        openssl_x509(&s, "ca.pem", &["-subject", "-ext", "subjectKeyIdentifier"]),
        openssl_x509(&s, "old.pem", &["-subject", "-ext", "subjectKeyIdentifier"])
    );
}

#[test]
fn initca_key_refuses_another_key_an_intermediate_and_a_leaf() {
    let s = root_with_leaf();
    s.write("other.json", r#"{"CN":"other"}"#);
    s.certsmith_split(&["genkey", "other.json"], "other");
    let err = s
        .certsmith(&["initca", "--key", "other-key.pem", "--ca", "ca.pem"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: other-key.pem is not the key of ca.pem: their public keys differ\n\
         hint: pass the private key that ca.pem was issued for\n"
    );

    let err = s
        .certsmith(&["initca", "--key", "leaf-key.pem", "--ca", "leaf.pem"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: leaf.pem: not a CA certificate: BasicConstraints does not say CA:TRUE\n\
         hint: --ca must be the issuing CA's certificate, not a leaf\n"
    );

    s.write("int.json", r#"{"CN":"Issuing CA","ca":{}}"#);
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.sign_split("ca", &["--profile", "intermediate", "int.csr"], "int");
    let err = s
        .certsmith(&["initca", "--key", "int-key.pem", "--ca", "int.pem"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: int.pem is not a self-signed root: initca --key renews a root with its own key\n\
         hint: renew an intermediate under its issuer: certsmith renew --ca ISSUER.pem --ca-key ISSUER-KEY --profile intermediate int.pem\n"
    );

    // A root for another key, from a CSR JSON, is made; split-json then
    // refuses it beside ca's key (issue 13's check), and writes nothing.
    s.write("ca-csr.json", ROOT_CSR);
    let other = s.certsmith(&["initca", "--key", "other-key.pem", "ca-csr.json"]);
    other.ok();
    let csr_before = s.read("ca.csr");
    let err = s
        .certsmith_stdin(&["split-json", "ca"], &other.stdout)
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: the new ca.pem is not for the key in ca-key.pem; refusing to write it\n"
        ),
        "{err}"
    );
    assert_eq!(s.read("ca.pem"), s.read("old.pem"));
    assert_eq!(s.read("ca.csr"), csr_before);
}

#[test]
fn initca_key_flags_that_do_not_fit_are_usage_errors() {
    let s = root_with_leaf();
    s.write("ca-csr.json", ROOT_CSR);
    for args in [
        // --ca renews from the old root, not from a CSR JSON.
        &[
            "initca",
            "--key",
            "ca-key.pem",
            "--ca",
            "ca.pem",
            "ca-csr.json",
        ][..],
        // --ca needs the key.
        &["initca", "--ca", "ca.pem"],
        // The key exists: there is nothing to seal.
        &[
            "initca",
            "--key",
            "ca-key.pem",
            "-r",
            "age1xyz",
            "ca-csr.json",
        ],
        &["initca", "--key", "ca-key.pem", "-p", "ca-csr.json"],
        // Standard input has one reader.
        &["initca", "--key", "-", "-"],
    ] {
        let run = s.certsmith(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    }
}

#[test]
fn gencert_renewca_is_initca_key_with_ca() {
    let s = root_with_leaf();
    for flags in [
        &["-renewca", "-ca", "ca.pem", "-ca-key", "ca-key.pem"][..],
        &["-renewca", "-ca=ca.pem", "-ca-key=ca-key.pem"],
        &["--renewca", "--ca", "ca.pem", "--ca-key", "ca-key.pem"],
    ] {
        std::fs::copy(s.path("ca.pem"), s.path("old.pem")).unwrap();
        let mut args = vec!["gencert"];
        args.extend(flags);
        let run = s.certsmith_split(&args, "ca");
        assert!(run.json().get("key").is_none(), "{flags:?}");
        assert_renewed(&s);
    }
}

// --- the ceremony record (issue 14)

#[test]
fn initca_names_the_recipients_it_sealed_the_key_to() {
    let s = Scratch::new();
    let mut recipients = Vec::new();
    for id in ["c1.txt", "c2.txt", "c3.txt"] {
        s.run("age-keygen", &["-o", id]).ok();
        let r = s.run("age-keygen", &["-y", id]).ok().stdout_str();
        recipients.push(r.trim().to_string());
    }
    s.write(
        "custodians.txt",
        &format!("# custodians\n{}\n\n{}\n", recipients[0], recipients[1]),
    );
    s.write("ca-csr.json", ROOT_CSR);
    let run = s.certsmith_split(
        &[
            "initca",
            "-R",
            "custodians.txt",
            "-r",
            &recipients[2],
            "ca-csr.json",
        ],
        "ca",
    );
    let expected = format!(
        "{}key sealed to: {} (given with -r)\n\
         key sealed to: {} (from custodians.txt)\n\
         key sealed to: {} (from custodians.txt)\n",
        ca_record(&s, "ca.pem"),
        recipients[2],
        recipients[0],
        recipients[1]
    );
    assert_eq!(run.stderr, expected);
    // Each custodian named can open it.
    for id in ["c1.txt", "c2.txt", "c3.txt"] {
        s.run("age", &["-d", "-i", id, "ca-key.age"]).ok();
    }

    let passphrase = s.certsmith_stdin(
        &["initca", "-p", "--passphrase-file", "-", "ca-csr.json"],
        b"a long enough passphrase\n",
    );
    passphrase.ok();
    assert!(
        passphrase
            .stderr
            .ends_with("\nkey sealed with a passphrase\n"),
        "{}",
        passphrase.stderr
    );
}

#[test]
fn every_certificate_a_ca_profile_issues_is_on_the_ceremony_record() {
    let s = Scratch::new();
    s.init_ca("root", ROOT_CSR);
    // An intermediate signed with the root: the record initca gives a root.
    s.write(
        "int.json",
        r#"{"CN":"Issuing CA","names":[{"O":"certsmith tests"}],"ca":{}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    let run = s.sign_split("root", &["--profile", "intermediate", "int.csr"], "int");
    assert_eq!(run.stderr, ca_record(&s, "int.pem"));
    s.openssl_verify("root.pem", &[], "int.pem");
    s.pkilint("int.pem");

    // A new root cross-signed by the old one.
    s.init_ca(
        "new",
        r#"{"CN":"New Root CA","names":[{"O":"certsmith tests"}],"ca":{"expiry":"43800h"}}"#,
    );
    let run = s.certsmith_ca_split("cross-sign", "root", &["new.pem"], "cross");
    assert_eq!(run.stderr, ca_record(&s, "cross.pem"));
    s.openssl_verify("root.pem", &[], "cross.pem");
    s.pkilint("cross.pem");

    // A leaf is not for the record.
    s.write("leaf.json", r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"],"key":{"algo":"rsa","size":2048}}"#);
    let run = s.sign_split("int", &["--profile", "server", "leaf.json"], "leaf");
    assert_eq!(run.stderr, "");
    s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
}
