use crate::initca::validity_seconds;
use crate::support::*;

const LEAF: &str =
    r#"{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7"],"names":[{"O":"Example"}]}"#;

#[test]
fn every_builtin_profile_and_key_type_yields_verified_lint_clean_certificates() {
    let s = with_root();
    let keys = [
        ("rsa", r#"{"algo":"rsa","size":2048}"#),
        ("ec", r#"{"algo":"ecdsa","size":256}"#),
        ("p384", r#"{"algo":"ecdsa","size":384}"#),
        ("ed", r#"{"algo":"ed25519"}"#),
    ];
    for profile in [
        "default",
        "server",
        "client",
        "peer",
        "kubernetes",
        "intermediate",
    ] {
        for (kname, key) in keys {
            let name = format!("{profile}-{kname}");
            s.write(&format!("{name}.json"), &format!(r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com","10.1.2.3"],"key":{key}}}"#));
            let run = s.sign_split(
                "ca",
                &["--profile", profile, &format!("{name}.json")],
                &name,
            );
            assert_eq!(
                run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
                ["cert", "csr", "key"]
            );
            s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
            s.pkilint(&format!("{name}.pem"));
        }
    }
}

#[test]
fn intermediate_profile_makes_a_pathlen_0_ca_whose_leaves_verify() {
    let s = with_root();
    s.write("int.json", r#"{"CN":"Test Intermediate","ca":{}}"#);
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.sign_split("ca", &["--profile", "intermediate", "int.csr"], "int");
    let text = s.x509_text("int.pem");
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    s.openssl_verify("ca.pem", &[], "int.pem");
    s.pkilint("int.pem");
    s.write("leaf.json", LEAF);
    s.sign_split("int", &["--profile", "server", "leaf.json"], "leaf");
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    s.pkilint("leaf.pem");
    // A pathlen-0 CA cannot make another CA.
    s.write("sub.json", r#"{"CN":"Too Deep","ca":{}}"#);
    let err = s
        .sign("int", &["--profile", "intermediate", "sub.json"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: CA certificate int.pem has pathlen 0 and cannot issue CA certificates\n"
    );
}

#[test]
fn sign_clamps_a_ca_pathlen_to_what_the_issuer_allows() {
    let s = Scratch::new();
    s.init_ca("ca", r#"{"CN":"Root pathlen 1","ca":{"pathlen":1}}"#);
    s.write("config.json", r#"{"signing":{"profiles":{"sub":{"expiry":"1h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true,"max_path_len":3}}}}}"#);
    s.write("int.json", r#"{"CN":"Sub CA"}"#);
    let run = s.sign_split(
        "ca",
        &["--config", "config.json", "--profile", "sub", "int.json"],
        "int",
    );
    assert!(
        run.stderr
            .contains("note: pathlen 3 exceeds what the issuing CA allows; set to 0"),
        "{}",
        run.stderr
    );
    assert!(s.x509_text("int.pem").contains("CA:TRUE, pathlen:0"));
    s.openssl_verify("ca.pem", &[], "int.pem");
}

#[test]
fn sign_refuses_ca_request_under_leaf_profile() {
    let s = with_root();
    s.write(
        "int.json",
        r#"{"CN":"Sneaky CA","ca":{"pathlen":0,"pathlenzero":true}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    let err = s
        .sign("ca", &["--profile", "server", "int.csr"])
        .fails()
        .to_string();
    assert!(err.starts_with("error: the request asks for a CA certificate but profile `server` is not a CA profile\nhint: "), "{err}");
}

#[test]
fn sign_refuses_unknown_profile_listing_known_ones() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    let err = s
        .sign("ca", &["--profile", "sevrer", "leaf.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: unknown profile \"sevrer\" (known profiles: default, client, intermediate, kubernetes, peer, server)\nhint: "),
        "{err}"
    );
}

#[test]
fn sign_refuses_unknown_usage_naming_it() {
    let s = with_root();
    s.write(
        "config.json",
        r#"{"signing":{"default":{"expiry":"1h","usages":["server auth","sever auth"]}}}"#,
    );
    s.write("leaf.json", LEAF);
    let err = s
        .sign("ca", &["--config", "config.json", "leaf.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: profile `default`: unknown usage \"sever auth\"\nhint: "),
        "{err}"
    );
}

#[test]
fn sign_accepts_both_spellings_of_content_commitment() {
    let s = with_root();
    s.write("config.json", r#"{"signing":{"profiles":{"a":{"expiry":"1h","usages":["content committment","digital signature"]},"b":{"expiry":"1h","usages":["content commitment"]}}}}"#);
    s.write("leaf.json", LEAF);
    for p in ["a", "b"] {
        s.sign_split(
            "ca",
            &["--config", "config.json", "--profile", p, "leaf.json"],
            p,
        );
        assert!(s.x509_text(&format!("{p}.pem")).contains("Non Repudiation"));
    }
}

#[test]
fn sign_refuses_a_ca_key_that_does_not_match_before_signing() {
    let s = with_root();
    s.init_ca("other", r#"{"CN":"Other Root"}"#);
    s.write("leaf.json", LEAF);
    let err = s
        .certsmith(&[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "other-key.pem",
            "leaf.json",
        ])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: CA key other-key.pem does not match CA certificate ca.pem\nhint: check that --ca and --ca-key come from the same initca run\n"
    );
}

#[test]
fn sign_refuses_a_leaf_as_issuer() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.sign_split("ca", &["leaf.json"], "leaf");
    let err = s.sign("leaf", &["leaf.json"]).fails().to_string();
    assert!(
        err.starts_with(
            "error: leaf.pem: not a CA certificate: BasicConstraints does not say CA:TRUE\n"
        ),
        "{err}"
    );
}

#[test]
fn sign_drops_key_encipherment_for_ec_keys_with_a_note() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    // The user's own profile: the shipped ones drop it without a note (issue 14).
    let config = s.write(
        "ca-config.json",
        r#"{"signing":{"profiles":{"server":{"expiry":"8760h",
            "usages":["digital signature","key encipherment","server auth"]}}}}"#,
    );
    let run = s.sign_split(
        "ca",
        &[
            "--config",
            path_str(&config),
            "--profile",
            "server",
            "leaf.json",
        ],
        "leaf",
    );
    assert!(
        run.stderr.contains(
            "note: profile `server`: usage `key encipherment` left out: not allowed for ECDSA keys (RFC 8813 §3)"
        ),
        "{}",
        run.stderr
    );
    let text = s.x509_text("leaf.pem");
    assert!(
        text.contains("X509v3 Key Usage: critical\n                Digital Signature\n"),
        "{text}"
    );
    s.pkilint("leaf.pem");
}

#[test]
fn sign_clamps_not_after_to_the_ca_and_strict_refuses() {
    let s = Scratch::new();
    s.init_ca("ca", r#"{"CN":"Short Root","ca":{"expiry":"2h"}}"#);
    s.write("leaf.json", LEAF);
    let run = s.sign_split("ca", &["leaf.json"], "leaf");
    assert!(
        run.stderr.contains("would outlive the CA; clamped to"),
        "{}",
        run.stderr
    );
    let enddate = |c: &str| {
        s.run("openssl", &["x509", "-noout", "-enddate", "-in", c])
            .ok()
            .stdout_str()
    };
    assert_eq!(enddate("leaf.pem"), enddate("ca.pem"));
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    let err = s
        .certsmith(&[
            "sign",
            "--strict",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "leaf.json",
        ])
        .fails()
        .to_string();
    assert!(
        err.contains("would outlive the CA") && err.contains("--strict"),
        "{err}"
    );
}

#[test]
fn sign_refuses_an_expired_ca() {
    let s = Scratch::new();
    s.write("config.json", r#"{"signing":{"profiles":{"old":{"not_before":"2020-01-01T00:00:00Z","not_after":"2021-01-01T00:00:00Z","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true}}}}}"#);
    s.write("ca-csr.json", r#"{"CN":"Old Root"}"#);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "old",
            "ca-csr.json",
        ],
        "ca",
    );
    s.write("leaf.json", LEAF);
    let err = s.sign("ca", &["leaf.json"]).fails().to_string();
    assert_eq!(
        err,
        "error: CA certificate ca.pem expired on 2021-01-01T00:00:00Z\n"
    );
}

#[test]
fn hostname_replaces_the_requests_sans_classified_like_cfssl() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    s.sign_split(
        "ca",
        &[
            "--hostname",
            "api.example.com,10.32.0.1,ops@example.com,https://app.example.com/id,::1",
            "leaf.csr",
        ],
        "leaf",
    );
    let text = s.x509_text("leaf.pem");
    assert!(
        text.contains("DNS:api.example.com, IP Address:10.32.0.1, email:ops@example.com, URI:https://app.example.com/id, IP Address:0:0:0:0:0:0:0:1"),
        "{text}"
    );
    assert!(
        !text.contains("app.example.com, "),
        "CSR SANs must be replaced: {text}"
    );
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    s.pkilint("leaf.pem");
    // SPIFFE IDs are URIs too. pkilint checks URIs with python-validators,
    // which knows only web schemes, so this one is verified by openssl alone.
    s.sign_split(
        "ca",
        &["--hostname", "spiffe://cluster.local/ns/x", "leaf.csr"],
        "spiffe",
    );
    assert!(
        s.x509_text("spiffe.pem")
            .contains("URI:spiffe://cluster.local/ns/x")
    );
    s.openssl_verify("ca.pem", &[], "spiffe.pem");
}

#[test]
fn name_whitelist_applies_to_cn_and_every_san() {
    let s = with_root();
    s.write("config.json", r#"{"signing":{"default":{"expiry":"1h","usages":["digital signature","server auth"],"name_whitelist":"\\.example\\.com$"}}}"#);
    s.write(
        "ok.json",
        r#"{"CN":"a.example.com","hosts":["b.example.com","10.0.0.1"]}"#,
    );
    s.sign_split("ca", &["--config", "config.json", "ok.json"], "ok");
    s.write(
        "bad.json",
        r#"{"CN":"a.example.com","hosts":["b.example.com","evil.example.net"]}"#,
    );
    let err = s
        .sign("ca", &["--config", "config.json", "bad.json"])
        .fails()
        .to_string();
    assert!(err.starts_with("error: name \"evil.example.net\" is not allowed by profile `default` (name_whitelist \"\\.example\\.com$\")\n"), "{err}");
}

#[test]
fn profile_urls_policies_and_fixed_validity_reach_the_certificate() {
    let s = with_root();
    // Next year, inside the root's ten: a fixed validity is kept as it is
    // only where the CA is valid (before it, notBefore would be clamped).
    let year = time::OffsetDateTime::now_utc().year() + 1;
    s.write(
        "config.json",
        &r#"{"signing":{"default":{"expiry":"1h","crl_url":"http://crl.example/int.crl","ocsp_url":"http://ocsp.example","issuer_urls":["http://ca.example/int.pem"]},
        "profiles":{"www":{"not_before":"YEAR-01-01T00:00:00Z","not_after":"YEAR-12-31T00:00:00Z","usages":["digital signature","server auth"],
          "policies":[{"ID":"1.3.6.1.4.1.99999.1","Qualifiers":[{"Type":"id-qt-cps","Value":"https://ca.example/cps"},{"Type":"id-qt-unotice","Value":"Test use only"}]}]},
          "ocsp":{"expiry":"1h","usages":["digital signature","ocsp signing"],"ocsp_no_check":true}}}}"#
            .replace("YEAR", &year.to_string()),
    );
    s.write("leaf.json", LEAF);
    s.sign_split(
        "ca",
        &["--config", "config.json", "--profile", "www", "leaf.json"],
        "www",
    );
    let text = s.x509_text("www.pem");
    for needle in [
        "URI:http://crl.example/int.crl",
        "OCSP - URI:http://ocsp.example",
        "CA Issuers - URI:http://ca.example/int.pem",
        "Policy: 1.3.6.1.4.1.99999.1",
        "CPS: https://ca.example/cps",
        "Explicit Text: Test use only",
        &format!("Not Before: Jan  1 00:00:00 {year} GMT"),
        &format!("Not After : Dec 31 00:00:00 {year} GMT"),
    ] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    s.pkilint("www.pem");
    s.sign_split(
        "ca",
        &["--config", "config.json", "--profile", "ocsp", "leaf.json"],
        "ocsp",
    );
    assert!(s.x509_text("ocsp.pem").contains("OCSP No Check"));
    s.openssl_verify("ca.pem", &[], "ocsp.pem");
}

#[test]
fn csr_whitelist_limits_what_is_copied() {
    let s = with_root();
    s.write("config.json", r#"{"signing":{"default":{"expiry":"1h","usages":["digital signature","server auth"],"CSRWhitelist":{"Subject":true,"DNSNames":true}}}}"#);
    s.write("leaf.json", LEAF);
    s.sign_split("ca", &["--config", "config.json", "leaf.json"], "leaf");
    let text = s.x509_text("leaf.pem");
    assert!(
        text.contains("DNS:app.example.com") && !text.contains("10.0.0.7"),
        "{text}"
    );
}

#[test]
fn backdate_serial_and_expiry_follow_cfssl() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.sign_split("ca", &["leaf.json"], "leaf");
    assert_eq!(validity_seconds(&s, "leaf.pem"), 8760 * 3600);
    let serial = s
        .run("openssl", &["x509", "-noout", "-serial", "-in", "leaf.pem"])
        .ok()
        .stdout_str();
    let hex = serial.trim().trim_start_matches("serial=");
    assert_eq!(hex.len(), 40, "20-byte serial: {hex}");
    assert!(
        u8::from_str_radix(&hex[..2], 16).unwrap() < 0x80,
        "positive serial: {hex}"
    );
    // notBefore is now minus cfssl's 5-minute backdate (give or take the run).
    let dates = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-startdate",
                "-dateopt",
                "iso_8601",
                "-in",
                "leaf.pem",
            ],
        )
        .ok()
        .stdout_str();
    let text = dates
        .trim()
        .trim_start_matches("notBefore=")
        .replace(' ', "T")
        .replace("TZ", "Z");
    let not_before =
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).unwrap();
    let backdate = (time::OffsetDateTime::now_utc() - not_before).whole_seconds();
    assert!(
        (295..=330).contains(&backdate),
        "notBefore {text} is {backdate}s before now, expected about 300"
    );
}

#[test]
fn sign_refuses_a_csr_whose_signature_does_not_verify() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    let der = s
        .run("openssl", &["req", "-in", "leaf.csr", "-outform", "DER"])
        .ok()
        .stdout
        .clone();
    let mut tampered = der.clone();
    let last = tampered.len() - 5;
    tampered[last] ^= 0x01;
    std::fs::write(s.path("tampered.der"), &tampered).unwrap();
    let err = s.sign("ca", &["tampered.der"]).fails().to_string();
    assert_eq!(
        err,
        "error: tampered.der: the certificate request's signature does not verify\n"
    );
    // The untampered DER is accepted.
    std::fs::write(s.path("leaf.der"), &der).unwrap();
    s.sign("ca", &["leaf.der"]).ok();
}

#[test]
fn sign_reads_the_csr_from_stdin() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    let csr = s.read("leaf.csr");
    let run = s.sign_stdin("ca", &["-"], csr.as_bytes());
    run.ok();
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr"]
    );
}

#[test]
fn sign_with_cfssl_made_cas_rsa_pkcs1_and_ecdsa_sec1() {
    let s = Scratch::new();
    s.write(
        "rsa-ca.json",
        r#"{"CN":"cfssl RSA root","key":{"algo":"rsa","size":2048}}"#,
    );
    s.write(
        "ec-ca.json",
        r#"{"CN":"cfssl EC root","key":{"algo":"ecdsa","size":256}}"#,
    );
    for name in ["rsa-ca", "ec-ca"] {
        let out = s
            .run("cfssl", &["gencert", "-initca", &format!("{name}.json")])
            .ok()
            .stdout
            .clone();
        s.run_stdin("cfssljson", &["-bare", name], &out).ok();
    }
    assert!(
        s.read("rsa-ca-key.pem")
            .starts_with("-----BEGIN RSA PRIVATE KEY-----")
    );
    assert!(
        s.read("ec-ca-key.pem")
            .starts_with("-----BEGIN EC PRIVATE KEY-----")
    );
    s.write("leaf.json", LEAF);
    for name in ["rsa-ca", "ec-ca"] {
        let leaf = format!("{name}-leaf");
        s.sign_split(name, &["--profile", "server", "leaf.json"], &leaf);
        s.openssl_verify(&format!("{name}.pem"), &[], &format!("{leaf}.pem"));
        s.pkilint(&format!("{leaf}.pem"));
    }
    // And a CSR made by cfssl.
    let out = s.run("cfssl", &["genkey", "leaf.json"]).ok().stdout.clone();
    s.run_stdin("cfssljson", &["-bare", "cfleaf"], &out).ok();
    s.sign_split("ec-ca", &["cfleaf.csr"], "cfleaf");
    s.openssl_verify("ec-ca.pem", &[], "cfleaf.pem");
}

#[test]
fn errors_are_one_line_and_name_the_file() {
    let s = with_root();
    s.write("broken.json", r#"{"CN": "x", "#);
    let err = s.sign("ca", &["broken.json"]).fails().to_string();
    assert!(
        err.starts_with(
            "error: broken.json: invalid JSON: EOF while parsing a value at line 1 column 12\n"
        ),
        "{err}"
    );
    let err = s
        .certsmith(&[
            "sign",
            "--ca",
            "missing.pem",
            "--ca-key",
            "ca-key.pem",
            "broken.json",
        ])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: cannot read missing.pem: no such file or directory\n"
    );
    s.write("nothing.txt", "hello\n");
    let err = s.sign("ca", &["nothing.txt"]).fails().to_string();
    assert_eq!(err, "error: nothing.txt: no certificate request found\n");
    s.write("dur.json", r#"{"signing":{"default":{"expiry":"1 year"}}}"#);
    let err = s
        .sign("ca", &["--config", "dur.json", "broken.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: dur.json: `signing.default.expiry` is not a duration: \"1 year\""),
        "{err}"
    );
    let usage = s.certsmith(&["sign", "--ca", "ca.pem"]);
    assert_eq!(usage.status, 2, "{}", usage.stderr);
}

/// notBefore and notAfter of CERT, as openssl reads them.
fn validity(s: &Scratch, cert: &str) -> (time::OffsetDateTime, time::OffsetDateTime) {
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
    let date = |prefix: &str| {
        let line = dates.lines().find_map(|l| l.strip_prefix(prefix));
        crate::ledger::iso_date(line.unwrap_or_else(|| panic!("no {prefix} in {dates}")))
    };
    (date("notBefore="), date("notAfter="))
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// A root `ca` that is not valid yet: certsmith makes it from a CA profile
/// whose `not_before` lies `starts_in` ahead, valid for ten years from then.
fn root_not_yet_valid(s: &Scratch, starts_in: time::Duration) {
    let start = (time::OffsetDateTime::now_utc() + starts_in)
        .replace_nanosecond(0)
        .unwrap();
    s.write(
        "root-config.json",
        &format!(
            r#"{{"signing":{{"default":{{"expiry":"8760h"}},"profiles":{{"later":{{"not_before":"{}","expiry":"87600h","usages":["cert sign","crl sign"],"ca_constraint":{{"is_ca":true}}}}}}}}}}"#,
            rfc3339(start)
        ),
    );
    s.write(
        "ca-csr.json",
        r#"{"CN":"Later Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "root-config.json",
            "--profile",
            "later",
            "ca-csr.json",
        ],
        "ca",
    );
    assert_eq!(validity(s, "ca.pem").0, start);
}

#[test]
fn sign_clamps_not_before_to_a_ca_not_yet_valid_and_strict_refuses() {
    let s = Scratch::new();
    root_not_yet_valid(&s, time::Duration::days(1));
    s.write("leaf.json", LEAF);
    let sign = [
        "sign",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--profile",
        "server",
    ];
    let started = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap();
    let run = s.certsmith_split(&[&sign[..], &["leaf.json"]].concat(), "leaf");
    let finished = time::OffsetDateTime::now_utc();
    let (ca_not_before, _) = validity(&s, "ca.pem");
    let (not_before, not_after) = validity(&s, "leaf.pem");
    assert_eq!(not_before, ca_not_before);
    // notAfter is what the profile asked for: 8760h after now less the 5m backdate.
    let asked =
        |t: time::OffsetDateTime| t - time::Duration::minutes(5) + time::Duration::hours(8760);
    assert!(
        asked(started) <= not_after && not_after <= asked(finished),
        "notAfter {not_after}"
    );
    let note = run
        .stderr
        .lines()
        .find(|l| l.starts_with("note: notBefore "))
        .unwrap_or_else(|| panic!("no note: {}", run.stderr));
    assert!(
        note.ends_with(&format!(
            " would precede the CA's notBefore; clamped to {}",
            rfc3339(ca_not_before)
        )),
        "{note}"
    );
    // Valid, for openssl, once the CA is.
    let at = (ca_not_before + time::Duration::hours(1))
        .unix_timestamp()
        .to_string();
    let verified = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-attime",
            &at,
            "-CAfile",
            "ca.pem",
            "leaf.pem",
        ],
    );
    assert!(
        verified.ok().stdout_str().contains("leaf.pem: OK"),
        "{}",
        verified.stderr
    );

    let err = s
        .certsmith(&[&sign[..], &["--strict", "leaf.json"]].concat())
        .fails()
        .to_string();
    assert!(err.starts_with("error: notBefore "), "{err}");
    assert!(
        err.ends_with(&format!(
            " would precede the CA's notBefore {} and --strict is set\n\
             hint: sign once the CA is valid, or drop --strict to clamp notBefore to the CA's\n",
            rfc3339(ca_not_before)
        )),
        "{err}"
    );
}

#[test]
fn sign_refuses_a_validity_that_a_ca_not_yet_valid_leaves_nothing_of() {
    let s = Scratch::new();
    root_not_yet_valid(&s, time::Duration::days(2 * 365));
    s.write("leaf.json", LEAF);
    let (ca_not_before, ca_not_after) = validity(&s, "ca.pem");
    // The server profile's year ends before the CA begins.
    let err = s
        .sign("ca", &["--profile", "server", "leaf.json"])
        .fails()
        .to_string();
    let expected_start = format!(
        "error: CA certificate ca.pem is valid from {} to {}, which leaves nothing of the requested validity ",
        rfc3339(ca_not_before),
        rfc3339(ca_not_after)
    );
    assert!(err.starts_with(&expected_start), "{err}");
    assert!(
        err.ends_with("\nhint: sign with a profile whose validity (backdate, expiry, not_before, not_after) overlaps the CA's\n"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    // Three years reach into the CA's validity: issued from its first second.
    s.write(
        "long.json",
        r#"{"signing":{"default":{"expiry":"26280h","usages":["digital signature","server auth"]}}}"#,
    );
    s.sign_split("ca", &["--config", "long.json", "leaf.json"], "leaf");
    let (not_before, not_after) = validity(&s, "leaf.pem");
    assert_eq!(not_before, ca_not_before);
    assert!(not_after > not_before && not_after < ca_not_after);
}

/// The default 5-minute backdate is a margin for clock skew: under a CA that
/// is already valid but younger than it (openssl sets notBefore to now), the
/// margin is cut to the CA's start without a note, and --strict signs.
#[test]
fn the_backdate_under_a_ca_made_a_moment_ago_is_cut_quietly_even_under_strict() {
    let s = Scratch::new();
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca-key.pem",
            "-out",
            "ca.pem",
            "-days",
            "800",
            "-subj",
            "/CN=Fresh Root",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    )
    .ok();
    s.write("leaf.json", LEAF);
    let run = s.sign("ca", &["--profile", "server", "--strict", "leaf.json"]);
    run.ok();
    assert!(!run.stderr.contains("notBefore"), "{}", run.stderr);
    s.certsmith_stdin(&["split-json", "leaf"], &run.stdout).ok();
    assert_eq!(validity(&s, "leaf.pem").0, validity(&s, "ca.pem").0);
    s.openssl_verify("ca.pem", &[], "leaf.pem");
}

/// A stderr that cannot be written (`2>/dev/full`) loses the notes, not the
/// run: the certificate still reaches stdout and the exit code is 0 (before,
/// the first note panicked with exit 101 after the ledger line was written).
#[test]
fn an_unwritable_stderr_loses_the_notes_not_the_certificate() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let out = command("sh")
        .args([
            "-c",
            r#"exec "$0" sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl leaf.json 2>/dev/full"#,
        ])
        .arg(&bin)
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let cert: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        cert["cert"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
}

/// A key certsmith does not sign for or with is named as such: not as a CSR
/// signature that does not verify, nor as aws-lc's bare "TooSmall".
#[test]
fn weak_and_unsupported_keys_are_named_with_their_size_or_curve() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    let newkey = |key: &str, csr: &str, spec: &[&str]| {
        let mut args = vec![
            "req", "-new", "-nodes", "-subj", "/CN=weak", "-keyout", key, "-out", csr,
        ];
        args.extend(spec);
        s.run("openssl", &args).ok();
    };
    newkey("rsa1024-key.pem", "rsa1024.csr", &["-newkey", "rsa:1024"]);
    newkey(
        "k1-key.pem",
        "k1.csr",
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
    );
    for (csr, what) in [
        (
            "rsa1024.csr",
            "RSA key of 1024 bits (certsmith signs for RSA keys of 2048 to 8192 bits)",
        ),
        (
            "k1.csr",
            "elliptic curve secp256k1 (use P-256, P-384 or P-521)",
        ),
    ] {
        let err = s.sign("ca", &[csr]).fails().to_string();
        assert_eq!(err, format!("error: {csr}: unsupported key: {what}\n"));
    }
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-key",
            "rsa1024-key.pem",
            "-subj",
            "/CN=weak",
            "-days",
            "1",
            "-out",
            "weak-ca.pem",
        ],
    )
    .ok();
    let err = s
        .certsmith(&[
            "sign",
            "--ca",
            "weak-ca.pem",
            "--ca-key",
            "rsa1024-key.pem",
            "leaf.json",
        ])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: rsa1024-key.pem: unsupported key: RSA key of 1024 bits (certsmith uses RSA keys of 2048 to 8192 bits)\n"
    );
}

/// SANs of kinds certsmith does not issue (otherName, registeredID) are
/// left out with a note naming each, not dropped without a word.
#[test]
fn sans_certsmith_does_not_issue_are_left_out_with_a_note() {
    let s = with_root();
    s.run(
        "openssl",
        &[
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "o-key.pem", "-out", "o.csr", "-subj", "/CN=o.example.com", "-addext",
            "subjectAltName=DNS:o.example.com,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:o@corp,RID:1.2.3.4",
        ],
    )
    .ok();
    let run = s.sign("ca", &["o.csr"]);
    run.ok();
    for kind in ["otherName", "registeredID"] {
        assert!(
            run.stderr.contains(&format!(
                "note: the request's {kind} SAN left out: certsmith issues DNS, IP, email and URI names"
            )),
            "{}",
            run.stderr
        );
    }
    s.certsmith_stdin(&["split-json", "o"], &run.stdout).ok();
    assert!(s.x509_text("o.pem").contains("DNS:o.example.com"));
    s.openssl_verify("ca.pem", &[], "o.pem");
}

/// The public key (PEM) of a certificate, CSR or private key, as openssl reads it.
fn public_key(s: &Scratch, file: &str) -> String {
    let args: &[&str] = if file.ends_with("-key.pem") {
        &["pkey", "-pubout", "-in", file]
    } else if file.ends_with(".csr") {
        &["req", "-noout", "-pubkey", "-in", file]
    } else {
        &["x509", "-noout", "-pubkey", "-in", file]
    };
    s.run("openssl", args).ok().stdout_str()
}

/// A root and a leaf `leaf.pem`/`leaf-key.pem` issued from `leaf.json`.
fn with_leaf() -> Scratch {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.sign_split("ca", &["leaf.json"], "leaf");
    s
}

const SIGN: [&str; 5] = ["sign", "--ca", "ca.pem", "--ca-key", "ca-key.pem"];

fn args<'a>(head: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(tail).copied().collect()
}

#[test]
fn sign_key_reissues_a_csr_json_for_the_key_that_exists() {
    let s = with_leaf();
    let (key, cert) = (s.read("leaf-key.pem"), s.read("leaf.pem"));
    let run = s.certsmith(&args(&SIGN, &["--key", "leaf-key.pem", "leaf.json"]));
    run.ok();
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr"],
        "a re-issue prints no key"
    );
    // The certificate and CSR for the key NAME holds replace NAME.pem and
    // NAME.csr, no --force needed; the key file is left as it was.
    s.certsmith_stdin(&["split-json", "leaf"], &run.stdout).ok();
    assert_eq!(s.read("leaf-key.pem"), key, "the key was replaced");
    assert_ne!(s.read("leaf.pem"), cert, "leaf.pem was not re-issued");
    assert_eq!(public_key(&s, "leaf.pem"), public_key(&s, "leaf-key.pem"));
    assert_eq!(public_key(&s, "leaf.csr"), public_key(&s, "leaf-key.pem"));
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    let text = s.x509_text("leaf.pem");
    assert!(
        text.contains("CN = app.example.com")
            && text.contains("DNS:app.example.com, IP Address:10.0.0.7"),
        "{text}"
    );
}

#[test]
fn gencert_takes_cfssls_single_dash_key_for_a_reissue() {
    let s = with_leaf();
    let key = s.read("leaf-key.pem");
    for flag in ["-key=leaf-key.pem", "--key=leaf-key.pem"] {
        let run = s.certsmith(&[
            "gencert",
            "-ca=ca.pem",
            "-ca-key=ca-key.pem",
            "-profile=server",
            flag,
            "leaf.json",
        ]);
        run.ok();
        assert!(run.json().get("key").is_none(), "{flag}: a key was printed");
        s.certsmith_stdin(&["split-json", "-bare", "leaf"], &run.stdout)
            .ok();
        assert_eq!(s.read("leaf-key.pem"), key);
        assert_eq!(public_key(&s, "leaf.pem"), public_key(&s, "leaf-key.pem"));
        s.openssl_verify("ca.pem", &[], "leaf.pem");
    }
}

#[test]
fn sign_key_opens_an_age_sealed_key_with_a_passphrase_or_an_identity() {
    let s = with_leaf();
    s.write("pass.txt", "correct horse battery staple\n");
    let sealed = s.certsmith(&[
        "key",
        "encrypt",
        "-p",
        "--passphrase-file",
        "pass.txt",
        "leaf-key.pem",
    ]);
    s.write("leaf-key.age", &sealed.ok().stdout_str());
    let run = s.certsmith(&args(
        &SIGN,
        &[
            "--key",
            "leaf-key.age",
            "--passphrase-file",
            "pass.txt",
            "leaf.json",
        ],
    ));
    s.write("pass.pem", run.ok().json()["cert"].as_str().unwrap());
    assert_eq!(public_key(&s, "pass.pem"), public_key(&s, "leaf-key.pem"));
    s.openssl_verify("ca.pem", &[], "pass.pem");

    s.certsmith(&["key", "identity", "-o", "id.txt"]).ok();
    let id = s.read("id.txt");
    let recipient = id
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("recipient in id.txt");
    let sealed = s.certsmith(&["key", "encrypt", "-r", recipient, "leaf-key.pem"]);
    s.write("leaf-key-r.age", &sealed.ok().stdout_str());
    let err = s
        .certsmith(&args(&SIGN, &["--key", "leaf-key-r.age", "leaf.json"]))
        .fails()
        .to_owned();
    assert!(
        err.starts_with(
            "error: leaf-key-r.age: the key is age-encrypted and no identity was given\n"
        ),
        "{err}"
    );
    let run = s.certsmith(&args(
        &SIGN,
        &["--key", "leaf-key-r.age", "-i", "id.txt", "leaf.json"],
    ));
    s.write("id.pem", run.ok().json()["cert"].as_str().unwrap());
    assert_eq!(public_key(&s, "id.pem"), public_key(&s, "leaf-key.pem"));
    s.openssl_verify("ca.pem", &[], "id.pem");
}

#[test]
fn sign_key_refuses_a_request_and_the_flags_that_seal_a_new_key() {
    let s = with_leaf();
    s.certsmith_split(&["csr", "--key", "leaf-key.pem", "leaf.json"], "re");
    let err = s
        .certsmith(&args(&SIGN, &["--key", "leaf-key.pem", "re.csr"]))
        .fails()
        .to_owned();
    assert_eq!(
        err,
        "error: re.csr is already a certificate request: --key makes one only from a CSR JSON\n\
         hint: sign the request as it is without --key, or give --key the CSR JSON to make the request from\n"
    );
    for seal in [&["-p"][..], &["-r", "age1xyz"], &["-R", "recipients.txt"]] {
        let mut argv = args(&SIGN, &["--key", "leaf-key.pem"]);
        argv.extend_from_slice(seal);
        argv.push("leaf.json");
        let run = s.certsmith(&argv);
        assert_eq!(run.status, 2, "{seal:?}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with("error: the argument '--key <FILE>' cannot be used with"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn sign_signs_the_csr_of_json_output_bare_or_in_an_api_envelope() {
    let s = with_leaf();
    // certsmith's own output: `csr --from-cert` piped into `sign -`.
    let renewal = s.certsmith(&["csr", "--key", "leaf-key.pem", "--from-cert", "leaf.pem"]);
    renewal.ok();
    let run = s.certsmith_stdin(&args(&SIGN, &["-"]), &renewal.stdout);
    run.ok();
    assert!(
        !run.stderr.contains("warning") && !run.stderr.contains("ignored"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr"]
    );
    s.certsmith_stdin(&["split-json", "leaf"], &run.stdout).ok();
    assert_eq!(public_key(&s, "leaf.pem"), public_key(&s, "leaf-key.pem"));
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    // The same from a file.
    s.write("renewal.json", &renewal.stdout_str());
    s.certsmith(&args(&SIGN, &["renewal.json"])).ok();

    // cfssl's genkey output, and the same in cfssl's API envelope: the key
    // goes on down the pipe to split-json, checked to be the CSR's.
    s.write(
        "cf.json",
        r#"{"CN":"cf.example.com","hosts":["cf.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let genkey = s.run("cfssl", &["genkey", "cf.json"]);
    genkey.ok();
    let bare = genkey.json();
    let envelope = serde_json::json!({
        "success": true, "result": bare, "errors": [], "messages": [],
    })
    .to_string();
    for (name, input) in [
        ("bare", genkey.stdout.clone()),
        ("env", envelope.into_bytes()),
    ] {
        let run = s.certsmith_stdin(&args(&SIGN, &["--profile", "server", "-"]), &input);
        run.ok();
        assert_eq!(
            run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
            ["cert", "csr", "key"]
        );
        assert_eq!(run.json()["key"], bare["key"], "{name}: the key changed");
        s.certsmith_stdin(&["split-json", name], &run.stdout).ok();
        let cert = format!("{name}.pem");
        assert_eq!(
            public_key(&s, &cert),
            public_key(&s, &format!("{name}-key.pem"))
        );
        s.openssl_verify("ca.pem", &[], &cert);
        assert!(s.x509_text(&cert).contains("DNS:cf.example.com"));
    }
    let failed = br#"{"success":false,"result":null,"errors":[{"code":1000,"message":"no key for you"}],"messages":[]}"#;
    let err = s
        .certsmith_stdin(&args(&SIGN, &["-"]), failed)
        .fails()
        .to_owned();
    assert_eq!(err, "error: request failed: no key for you\n");
}

#[test]
fn sign_refuses_json_output_without_a_csr_or_with_another_key() {
    let s = with_leaf();
    let cert_only = serde_json::json!({ "cert": s.read("leaf.pem") }).to_string();
    let err = s
        .certsmith_stdin(&args(&SIGN, &["-"]), cert_only.as_bytes())
        .fails()
        .to_owned();
    assert_eq!(
        err,
        "error: stdin is certsmith or cfssl output without a `csr`: nothing to sign\n\
         hint: pipe in what genkey or csr print (certsmith csr --key KEY --from-cert CERT | certsmith sign …)\n"
    );
    s.certsmith_split(&["genkey", "leaf.json"], "other");
    let mixed = serde_json::json!({
        "csr": s.read("other.csr"),
        "key": s.read("leaf-key.pem"),
    })
    .to_string();
    s.write("mixed.json", &mixed);
    let err = s
        .certsmith(&args(&SIGN, &["mixed.json"]))
        .fails()
        .to_owned();
    assert!(
        err.starts_with("error: mixed.json: `key` is not the private key of `csr`\n"),
        "{err}"
    );
}

/// A CA never issues a certificate for its own key (`sign --key ca-key.pem`,
/// or a CSR made with it): the holder of that leaf would hold the CA key.
#[test]
fn sign_refuses_a_request_for_the_cas_own_key() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    let err = s
        .sign("ca", &["--key", "ca-key.pem", "leaf.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: the request made with ca-key.pem is for the key of the CA ca.pem: \
             a certificate it issues never carries its own key\nhint: "
        ),
        "{err}"
    );
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-key",
            "ca-key.pem",
            "-subj",
            "/CN=x.example.com",
            "-out",
            "own.csr",
        ],
    )
    .ok();
    let err = s
        .sign("ca", &["--hostname", "x.example.com", "own.csr"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: own.csr is for the key of the CA ca.pem"),
        "{err}"
    );
}

/// A stranger's CSR whose subject holds control characters or a bidi
/// override is refused, as CSR JSON values are: the certificate would carry
/// them into every log and terminal that prints it.
#[test]
fn sign_refuses_a_csr_subject_with_control_characters() {
    let s = with_root();
    let script = r#"
import sys
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
k = ec.generate_private_key(ec.SECP256R1())
for name, cn in [("esc.csr", "x\x1b[31mRED\nerror: forged"), ("bidi.csr", "abc\u202ecba")]:
    csr = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])).sign(k, hashes.SHA256())
    open(name, "wb").write(csr.public_bytes(serialization.Encoding.PEM))
"#;
    s.run("python3", &["-c", script]).ok();
    for (csr, shown) in [
        ("esc.csr", r"x\u{1b}[31mRED\u{a}error: forged"),
        ("bidi.csr", r"abc\u{202e}cba"),
    ] {
        let err = s
            .sign("ca", &["--hostname", "a.example.com", csr])
            .fails()
            .to_string();
        assert_eq!(
            err.lines().next().unwrap(),
            format!(
                "error: {csr}: subject attribute CN \"{shown}\" holds a control character or a bidirectional override"
            )
        );
    }
}
