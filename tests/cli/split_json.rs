//! `certsmith split-json`, cfssljson's counterpart: it must split what cfssl
//! prints (bare objects, API envelopes, both bundle shapes), cfssljson must
//! split what certsmith prints, file modes are exact whatever the umask, and an
//! existing private key is never replaced by a different one unless --force.

use crate::support::*;

/// A body a real `cfssl serve` (1.2.0) sent for `sign`: an API envelope whose
/// result is `{"certificate": PEM}` (fixtures/cfssl-wire/client-1.2.0-sign.resp.txt).
const CFSSL_1_2_SIGN_RESPONSE: &str = r#"{"success":true,"result":{"certificate":"-----BEGIN CERTIFICATE-----\nMIIDVjCCAj6gAwIBAgIUCA8bwCETsIdhJj7RJT2Z4FaikRQwDQYJKoZIhvcNAQEL\nBQAwRzELMAkGA1UEBhMCVVMxDDAKBgNVBAoTA0xhYjEMMAoGA1UECxMDUEtJMRww\nGgYDVQQDExNMYWIgSW50ZXJtZWRpYXRlIENBMB4XDTI2MTEyMzE5NDUwMFoXDTI3\nMTEyMzE5NDUwMFowMjELMAkGA1UEBhMCVVMxDDAKBgNVBAoTA0xhYjEVMBMGA1UE\nAxMMd3d3LmxhYi50ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeFYVBwf4\n0P1fz6Ex0jIk7cQf9LZRq8YlsbwNfWtjddf8NA9MAWK6LUcsYXXLrGY1lQa17Kcy\nEdTEAFxUE4RK0aOCARgwggEUMA4GA1UdDwEB/wQEAwIFoDATBgNVHSUEDDAKBggr\nBgEFBQcDATAMBgNVHRMBAf8EAjAAMB0GA1UdDgQWBBQZznkblqlUSx1wyC7WBpE2\nQBYIQjAfBgNVHSMEGDAWgBRfLjOZUZZ4EyjnAZa3z16V2HDu0TBZBggrBgEFBQcB\nAQRNMEswIAYIKwYBBQUHMAGGFGh0dHA6Ly9vY3NwLmxhYi50ZXN0MCcGCCsGAQUF\nBzAChhtodHRwOi8vY2EubGFiLnRlc3Qvcm9vdC5wZW0wFQYDVR0RBA4wDIIKYS5s\nYWIudGVzdDAtBgNVHR8EJjAkMCKgIKAehhxodHRwOi8vY3JsLmxhYi50ZXN0L3Jv\nb3QuY3JsMA0GCSqGSIb3DQEBCwUAA4IBAQCuzfOVTYeNq2PwRd/8KLeGsZkoP/RS\nK7Du5BBBLteIMKyXJ/GoyqGuzUQxPs0WcJYE+L0EYHPfGSDb6g8hI01ETMAmbYaY\n0OHdI82ZkOudyYNLeysqzDrKRQRELeDhs8sFaDHE+ts4X+yDHJju5nb7j986Novf\nQ9WZ1t4URZgNx5/V9SNTEcv8sUYdvx7KDICN18raLItmrYwvIZzdMCysRaEYypuA\nxJlZOXt946J0w1KlXyo4/3VNaF9bEgCTrjIWmo2K7qChmCmgmzkAYxwadKK3gg7l\nlK50n+gBalXoAsys5ThRGYCQrGbJLpsR/BtbY3CluGV/Ug6PZpORZCWF\n-----END CERTIFICATE-----\n"},"errors":[],"messages":[]}"#;

const ROOT_EC: &str = r#"{"CN":"Split Root","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#;

/// `certsmith split-json ARGS` under `umask MASK`, input on stdin.
fn split_under_umask(s: &Scratch, umask: &str, args: &str, input: &[u8]) -> Run {
    s.run_stdin(
        "sh",
        &[
            "-c",
            &format!("umask {umask}; exec \"$0\" split-json {args}"),
            &certsmith_bin(),
        ],
        input,
    )
}

/// The scratch directory's file names, sorted.
fn listing(s: &Scratch) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn bytes(s: &Scratch, name: &str) -> Vec<u8> {
    std::fs::read(s.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

/// Root, intermediate and a leaf signed by the intermediate, all by certsmith,
/// all verified and linted.
fn chain() -> Scratch {
    let s = Scratch::new();
    s.init_ca("root", ROOT_EC);
    s.write(
        "int.json",
        r#"{"CN":"Split Intermediate","names":[{"O":"certsmith tests"}],"ca":{}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.sign_split("root", &["--profile", "intermediate", "int.csr"], "int");
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.sign_split("int", &["--profile", "server", "leaf.json"], "leaf");
    for c in ["root.pem", "int.pem", "leaf.pem"] {
        s.pkilint(c);
    }
    s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
    s
}

#[test]
fn split_json_splits_cfssl_initca_output_with_exact_modes_under_any_umask() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_EC);
    let cfssl = s.run("cfssl", &["gencert", "-initca", "ca-csr.json"]);
    cfssl.ok();
    let json = cfssl.json();
    for (name, umask) in [("open", "000"), ("tight", "077")] {
        split_under_umask(&s, umask, name, &cfssl.stdout).ok();
        assert_eq!(s.file_mode(&format!("{name}.pem")), 0o644, "umask {umask}");
        assert_eq!(
            s.file_mode(&format!("{name}-key.pem")),
            0o600,
            "umask {umask}"
        );
        assert_eq!(s.file_mode(&format!("{name}.csr")), 0o644, "umask {umask}");
        assert_eq!(
            s.read(&format!("{name}.pem")),
            json["cert"].as_str().unwrap()
        );
        assert_eq!(
            s.read(&format!("{name}-key.pem")),
            json["key"].as_str().unwrap()
        );
        assert_eq!(
            s.read(&format!("{name}.csr")),
            json["csr"].as_str().unwrap()
        );
    }
    s.openssl_verify("open.pem", &[], "open.pem");
    s.pkilint("open.pem");
    // The files hold a working CA: certsmith signs with cfssl's SEC1 key.
    assert!(
        s.read("open-key.pem")
            .starts_with("-----BEGIN EC PRIVATE KEY-----\n")
    );
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.sign_split("open", &["--profile", "server", "leaf.json"], "leaf");
    s.openssl_verify("open.pem", &[], "leaf.pem");
    s.pkilint("leaf.pem");
    assert_eq!(
        listing(&s),
        [
            "ca-csr.json",
            "leaf-key.pem",
            "leaf.csr",
            "leaf.json",
            "leaf.pem",
            "open-key.pem",
            "open.csr",
            "open.pem",
            "tight-key.pem",
            "tight.csr",
            "tight.pem"
        ]
    );
}

#[test]
fn cfssljson_splits_certsmith_initca_output() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_EC);
    let run = s.certsmith(&["initca", "ca-csr.json"]);
    run.ok();
    s.run_stdin("cfssljson", &["-bare", "ca"], &run.stdout).ok();
    let json = run.json();
    assert_eq!(s.read("ca.pem"), json["cert"].as_str().unwrap());
    assert_eq!(s.read("ca-key.pem"), json["key"].as_str().unwrap());
    assert_eq!(s.read("ca.csr"), json["csr"].as_str().unwrap());
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    // cfssl can use the CA cfssljson wrote (it reads certsmith's PKCS#8 key).
    s.write(
        "cfssl-config.json",
        r#"{"signing":{"default":{"expiry":"24h","usages":["digital signature","server auth"]}}}"#,
    );
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"],"names":[{"O":"Example"}]}"#,
    );
    let leaf = s.run(
        "cfssl",
        &[
            "gencert",
            "-config",
            "cfssl-config.json",
            "-ca",
            "ca.pem",
            "-ca-key",
            "ca-key.pem",
            "leaf.json",
        ],
    );
    leaf.ok();
    s.certsmith_stdin(&["split-json", "leaf"], &leaf.stdout)
        .ok();
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    s.pkilint("leaf.pem");
}

#[test]
fn split_json_accepts_an_api_envelope_with_a_certificate() {
    let s = chain();
    let envelope = serde_json::json!({"success": true, "result": {"certificate": s.read("leaf.pem")}, "errors": [], "messages": []});
    s.write("resp.json", &envelope.to_string());
    s.certsmith(&["split-json", "-f", "resp.json", "remote"])
        .ok();
    assert_eq!(s.read("remote.pem"), s.read("leaf.pem"));
    assert_eq!(s.file_mode("remote.pem"), 0o644);
    assert!(!s.exists("remote-key.pem") && !s.exists("remote.csr"));
    s.openssl_verify("root.pem", &["int.pem"], "remote.pem");
    s.pkilint("remote.pem");

    // The exact bytes a cfssl 1.2 server sent. Its issuer is not in the
    // fixtures, so openssl can only parse it, not verify it.
    s.certsmith_stdin(&["split-json", "wire"], CFSSL_1_2_SIGN_RESPONSE.as_bytes())
        .ok();
    let wire: serde_json::Value = serde_json::from_str(CFSSL_1_2_SIGN_RESPONSE).unwrap();
    assert_eq!(
        s.read("wire.pem"),
        wire["result"]["certificate"].as_str().unwrap()
    );
    let subject = s
        .run(
            "openssl",
            &["x509", "-in", "wire.pem", "-noout", "-subject"],
        )
        .ok()
        .stdout_str();
    assert_eq!(subject, "subject=C = US, O = Lab, CN = www.lab.test\n");
}

#[test]
fn split_json_reports_a_failed_envelope_and_writes_nothing() {
    let s = Scratch::new();
    let before = listing(&s);
    let failed = br#"{"success":false,"result":null,"errors":[{"code":1000,"message":"Invalid request"},{"code":2000,"message":"profile \"nope\" not found"}],"messages":[]}"#;
    let err = s
        .certsmith_stdin(&["split-json", "x"], failed)
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: request failed: Invalid request; profile \"nope\" not found",
        "{err}"
    );
    assert_eq!(listing(&s), before);
}

#[test]
fn split_json_writes_cfssl_1_2_string_bundle_and_root() {
    let s = chain();
    // `cfssl bundle` (1.2) prints the bundle as a string next to the root.
    let bundled = s.run(
        "cfssl",
        &[
            "bundle",
            "-ca-bundle",
            "root.pem",
            "-int-bundle",
            "int.pem",
            "-cert",
            "leaf.pem",
        ],
    );
    bundled.ok();
    let json = bundled.json();
    assert!(
        json["bundle"].is_string(),
        "not the 1.2 shape: {}",
        bundled.stdout_str()
    );
    s.certsmith_stdin(&["split-json", "b12"], &bundled.stdout)
        .ok();
    assert_eq!(s.read("b12-bundle.pem"), json["bundle"].as_str().unwrap());
    assert_eq!(s.read("b12-root.pem"), json["root"].as_str().unwrap());
    assert_eq!(
        (s.file_mode("b12-bundle.pem"), s.file_mode("b12-root.pem")),
        (0o644, 0o644)
    );
    s.openssl_verify("b12-root.pem", &["b12-bundle.pem"], "leaf.pem");
    s.pkilint("b12-root.pem");
}

#[test]
fn split_json_ignores_the_empty_key_that_cfssl_bundle_prints() {
    let s = chain();
    let bundled = s.run(
        "cfssl",
        &[
            "bundle",
            "-ca-bundle",
            "root.pem",
            "-int-bundle",
            "int.pem",
            "-cert",
            "leaf.pem",
        ],
    );
    bundled.ok();
    assert_eq!(
        bundled.json()["key"],
        "",
        "cfssl 1.2 prints \"key\":\"\" when no key was given"
    );
    // Splitting into a fresh name writes no key file (cfssljson writes none).
    s.certsmith_stdin(&["split-json", "fresh"], &bundled.stdout)
        .ok();
    assert!(!s.exists("fresh-key.pem"), "an empty key file was written");
    // Splitting next to the leaf's own key leaves the key alone, even with --force.
    let key = bytes(&s, "leaf-key.pem");
    s.certsmith_stdin(&["split-json", "leaf"], &bundled.stdout)
        .ok();
    s.certsmith_stdin(&["split-json", "--force", "leaf"], &bundled.stdout)
        .ok();
    assert_eq!(bytes(&s, "leaf-key.pem"), key);
}

#[test]
fn split_json_writes_cfssl_1_6_nested_bundle_and_root() {
    let s = chain();
    let bundle = format!("{}{}", s.read("leaf.pem"), s.read("int.pem"));
    let envelope = serde_json::json!({"success": true, "result": {"bundle": {"bundle": bundle, "root": s.read("root.pem"), "crt": s.read("leaf.pem")}}, "errors": [], "messages": []});
    s.certsmith_stdin(&["split-json", "b16"], envelope.to_string().as_bytes())
        .ok();
    assert_eq!(s.read("b16-bundle.pem"), bundle);
    assert_eq!(s.read("b16-root.pem"), s.read("root.pem"));
    assert_eq!(
        (s.file_mode("b16-bundle.pem"), s.file_mode("b16-root.pem")),
        (0o644, 0o644)
    );
    s.openssl_verify("b16-root.pem", &["b16-bundle.pem"], "leaf.pem");
}

#[test]
fn split_json_decodes_ocsp_response_to_der_bytes() {
    let s = Scratch::new();
    // Bytes that are not UTF-8, so a text write would be caught.
    let der: Vec<u8> = vec![0x30, 0x03, 0x0a, 0x01, 0x00, 0xff, 0xfe, 0x80];
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    s.certsmith_stdin(
        &["split-json", "status"],
        format!(r#"{{"ocspResponse":"{b64}"}}"#).as_bytes(),
    )
    .ok();
    assert_eq!(bytes(&s, "status-response.der"), der);
    assert_eq!(s.file_mode("status-response.der"), 0o644);
    assert_eq!(listing(&s), ["status-response.der"]);
}

#[test]
fn split_json_stdout_prints_the_parts_and_writes_no_file() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_EC);
    let init = s.certsmith(&["initca", "ca-csr.json"]);
    init.ok();
    let json = init.json();
    let before = listing(&s);
    let run = s.certsmith_stdin(&["split-json", "--stdout"], &init.stdout);
    run.ok();
    let out = run.stdout_str();
    for part in ["cert", "key", "csr"] {
        assert!(
            out.contains(json[part].as_str().unwrap()),
            "{part} missing from --stdout output:\n{out}"
        );
    }
    assert_eq!(listing(&s), before);
}

#[test]
fn split_json_refuses_to_replace_a_different_key_and_writes_nothing() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    let (cert, key, csr, before) = (
        bytes(&s, "ca.pem"),
        bytes(&s, "ca-key.pem"),
        bytes(&s, "ca.csr"),
        listing(&s),
    );

    let again = s.certsmith(&["initca", "ca-csr.json"]);
    again.ok();
    let err = s
        .certsmith_stdin(&["split-json", "ca"], &again.stdout)
        .fails()
        .to_owned();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0], "error: ca-key.pem already holds a different private key; refusing to replace it",
        "{err}"
    );
    assert!(
        lines.len() == 2 && lines[1].starts_with("hint: ") && lines[1].contains("--force"),
        "{err}"
    );
    assert_eq!(bytes(&s, "ca-key.pem"), key, "the key was touched");
    assert_eq!(
        bytes(&s, "ca.pem"),
        cert,
        "the certificate was replaced although the key was refused"
    );
    assert_eq!(bytes(&s, "ca.csr"), csr);
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    assert_eq!(listing(&s), before, "temp files left behind");
}

#[test]
fn split_json_force_replaces_a_different_key() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    let before = listing(&s);
    let again = s.certsmith(&["initca", "ca-csr.json"]);
    again.ok();
    split_under_umask(&s, "000", "--force ca", &again.stdout).ok();
    let json = again.json();
    assert_eq!(s.read("ca-key.pem"), json["key"].as_str().unwrap());
    assert_eq!(s.read("ca.pem"), json["cert"].as_str().unwrap());
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    assert_eq!(s.file_mode("ca.pem"), 0o644);
    assert_eq!(listing(&s), before, "temp files left behind");
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
}

#[test]
fn split_json_accepts_the_same_key_in_another_encoding_and_leaves_it_alone() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_EC);
    let init = s.certsmith(&["initca", "ca-csr.json"]);
    init.ok();
    s.certsmith_stdin(&["split-json", "ca"], &init.stdout).ok();
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    // Rewrite the PKCS#8 key as SEC1, keeping the 0600 file.
    s.run(
        "openssl",
        &["ec", "-in", "ca-key.pem", "-out", "ca-key.pem"],
    )
    .ok();
    let sec1 = bytes(&s, "ca-key.pem");
    assert!(sec1.starts_with(b"-----BEGIN EC PRIVATE KEY-----\n"));
    // Same key, now PKCS#8 in the JSON: not a different key.
    s.certsmith_stdin(&["split-json", "ca"], &init.stdout).ok();
    assert_eq!(
        bytes(&s, "ca-key.pem"),
        sec1,
        "an identical key was rewritten"
    );
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    assert_eq!(
        listing(&s),
        ["ca-csr.json", "ca-key.pem", "ca.csr", "ca.pem"]
    );
}

#[test]
fn split_json_writes_an_age_sealed_key_to_key_age() {
    let s = Scratch::new();
    s.write("k.json", r#"{"CN":"sealed.example.com"}"#);
    let generated = s.certsmith(&["genkey", "k.json"]);
    generated.ok();
    s.run("age-keygen", &["-o", "identity.txt"]).ok();
    let recipient = s
        .run("age-keygen", &["-y", "identity.txt"])
        .ok()
        .stdout_str();
    let sealed = s.run_stdin(
        "age",
        &["-a", "-r", recipient.trim()],
        generated.json()["key"].as_str().unwrap().as_bytes(),
    );
    sealed.ok();
    let json = serde_json::json!({"csr": generated.json()["csr"], "key": sealed.stdout_str()});
    s.certsmith_stdin(&["split-json", "sealed"], json.to_string().as_bytes())
        .ok();
    assert!(
        !s.exists("sealed-key.pem"),
        "an age file must not get a .pem name"
    );
    assert_eq!(s.read("sealed-key.age"), sealed.stdout_str());
    assert_eq!(s.file_mode("sealed-key.age"), 0o600);
    let opened = s
        .run("age", &["-d", "-i", "identity.txt", "sealed-key.age"])
        .ok()
        .stdout_str();
    assert_eq!(opened, generated.json()["key"].as_str().unwrap());
}

#[test]
fn split_json_refuses_json_with_nothing_to_write() {
    let s = Scratch::new();
    let err = s
        .certsmith_stdin(&["split-json", "x"], b"{}")
        .fails()
        .to_owned();
    assert!(err.starts_with("error: stdin: no cert, key, csr"), "{err}");
    s.write("empty.json", "{}");
    let err = s
        .certsmith(&["split-json", "-f", "empty.json", "x"])
        .fails()
        .to_owned();
    assert!(
        err.starts_with("error: empty.json: no cert, key, csr"),
        "{err}"
    );
    assert_eq!(listing(&s), ["empty.json"]);
}

#[test]
fn split_json_requires_a_name_unless_stdout() {
    let s = Scratch::new();
    let run = s.certsmith_stdin(&["split-json"], br#"{"csr":"x"}"#);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stdout.is_empty() && run.stderr.contains("<NAME>"),
        "{}",
        run.stderr
    );
    assert!(listing(&s).is_empty());
}

#[test]
fn split_json_accepts_bare_for_cfssljson_compatibility() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_EC);
    let init = s.certsmith(&["initca", "ca-csr.json"]);
    init.ok();
    s.certsmith_stdin(&["split-json", "--bare", "ca"], &init.stdout)
        .ok();
    assert_eq!(s.read("ca.pem"), init.json()["cert"].as_str().unwrap());
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
}

#[test]
fn split_json_says_so_when_stdin_is_empty() {
    let s = Scratch::new();
    let err = s
        .certsmith_stdin(&["split-json", "x"], b"")
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: stdin is empty: nothing to split\nhint: if a command before the pipe failed, its error is above\n"
    );
    assert!(
        std::fs::read_dir(s.dir.path()).unwrap().next().is_none(),
        "no file may be written"
    );
}

#[test]
fn split_json_refuses_a_key_part_that_is_not_a_key() {
    let s = Scratch::new();
    let err = s
        .certsmith_stdin(&["split-json", "--force", "x"], br#"{"key":"garbage"}"#)
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: stdin: `key`: no private key found\n"),
        "{err}"
    );
    assert!(!s.exists("x-key.pem"));
}

#[test]
fn a_write_that_fails_part_way_leaves_none_of_the_files() {
    // A file-size limit stands in for a disk that fills up: the certificate
    // (≈ 600 bytes) fits under 1 KiB, the RSA key (≈ 1.7 KiB) does not. Every
    // file is staged before any is renamed, so not even the certificate lands.
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    s.run(
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "rsa",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "rsa.pem",
        ],
    )
    .ok();
    // A certificate for that key, signed by the ECDSA CA (so it stays small).
    s.run(
        "openssl",
        &[
            "req", "-new", "-key", "rsa.pem", "-subj", "/CN=out", "-out", "rsa.csr",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "rsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-days",
            "1",
            "-out",
            "rsa-cert.pem",
        ],
    )
    .ok();
    assert!(bytes(&s, "rsa-cert.pem").len() < 1024);
    let envelope = serde_json::json!({
        "cert": String::from_utf8(bytes(&s, "rsa-cert.pem")).unwrap(),
        "key": String::from_utf8(bytes(&s, "rsa.pem")).unwrap(),
    });
    s.write("in.json", &envelope.to_string());
    let before = listing(&s);
    // SIGXFSZ ignored (inherited through exec), so the write fails with EFBIG.
    let run = s.run(
        "bash",
        &[
            "-c",
            "trap '' XFSZ; ulimit -f 1; exec \"$0\" split-json -f in.json out",
            &certsmith_bin(),
        ],
    );
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: cannot write out-key.pem: file too large"
    );
    assert_eq!(listing(&s), before, "no file and no temporary file is left");
}

// --- issue 14: re-issue and --rekey

/// The public key (PEM) of a certificate or a plaintext private key, as openssl reads it.
fn public_key(s: &Scratch, file: &str) -> String {
    let args: &[&str] = if file.contains("-key") {
        &["pkey", "-pubout", "-in", file]
    } else {
        &["x509", "-noout", "-pubkey", "-in", file]
    };
    s.run("openssl", args).ok().stdout_str()
}

/// What `sign` with the intermediate of [`chain`] prints for `leaf.json`: a new key.
fn new_leaf(s: &Scratch, extra: &[&str]) -> Run {
    let mut args = vec![
        "sign",
        "--ca",
        "int.pem",
        "--ca-key",
        "int-key.pem",
        "--profile",
        "server",
    ];
    args.extend(extra);
    args.push("leaf.json");
    let run = s.certsmith(&args);
    run.ok();
    run
}

fn all_bytes(s: &Scratch, names: &[&str]) -> Vec<Vec<u8>> {
    names.iter().map(|n| bytes(s, n)).collect()
}

#[test]
fn split_json_replaces_certificate_and_csr_for_the_key_name_already_holds() {
    let s = chain();
    let key = bytes(&s, "leaf-key.pem");
    let reissue = s.sign(
        "int",
        &["--profile", "server", "--key", "leaf-key.pem", "leaf.json"],
    );
    reissue.ok();
    // No key part, and then the same key again: neither needs --force.
    let with_key = {
        let mut json = reissue.json();
        json["key"] = s.read("leaf-key.pem").into();
        json.to_string()
    };
    for input in [reissue.stdout.clone(), with_key.into_bytes()] {
        s.certsmith_stdin(&["split-json", "leaf"], &input).ok();
        assert_eq!(s.read("leaf.pem"), reissue.json()["cert"].as_str().unwrap());
        assert_eq!(s.read("leaf.csr"), reissue.json()["csr"].as_str().unwrap());
        assert_eq!(bytes(&s, "leaf-key.pem"), key, "the key file was rewritten");
        s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
    }
}

#[test]
fn split_json_rekey_replaces_a_leaf_key_and_its_certificate() {
    let s = chain();
    let old = all_bytes(&s, &["leaf-key.pem", "leaf.pem", "leaf.csr"]);
    let new = new_leaf(&s, &[]);
    // Without --rekey a new key is still refused, naming the file.
    let err = s
        .certsmith_stdin(&["split-json", "leaf"], &new.stdout)
        .fails()
        .to_owned();
    assert!(
        err.starts_with(
            "error: leaf-key.pem already holds a different private key; refusing to replace it\n"
        ),
        "{err}"
    );
    assert_eq!(
        all_bytes(&s, &["leaf-key.pem", "leaf.pem", "leaf.csr"]),
        old
    );

    let run = s.certsmith_stdin(&["split-json", "--rekey", "leaf"], &new.stdout);
    run.ok();
    let json = new.json();
    assert_eq!(s.read("leaf-key.pem"), json["key"].as_str().unwrap());
    assert_eq!(s.read("leaf.pem"), json["cert"].as_str().unwrap());
    assert_eq!(s.read("leaf.csr"), json["csr"].as_str().unwrap());
    assert_ne!(bytes(&s, "leaf-key.pem"), old[0]);
    assert_eq!(s.file_mode("leaf-key.pem"), 0o600);
    assert_eq!(public_key(&s, "leaf.pem"), public_key(&s, "leaf-key.pem"));
    s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
    assert!(
        !listing(&s).iter().any(|n| n.contains("certsmith-")),
        "{:?}",
        listing(&s)
    );
}

#[test]
fn split_json_rekey_never_replaces_a_ca_key() {
    let s = chain();
    let names = [
        "root-key.pem",
        "root.pem",
        "int-key.pem",
        "int.pem",
        "int.csr",
    ];
    let before = all_bytes(&s, &names);
    let expected = |name: &str| {
        format!(
            "error: --rekey never replaces a CA key ({name}-key.pem belongs to the CA certificate {name}.pem); use --force to replace it anyway\n"
        )
    };
    // A root, by its self-signed CA certificate.
    let root = s.certsmith(&["initca", "root-csr.json"]);
    root.ok();
    let err = s
        .certsmith_stdin(&["split-json", "--rekey", "root"], &root.stdout)
        .fails()
        .to_owned();
    assert_eq!(err, expected("root"));
    // An intermediate, by the CA certificate its root signed.
    let int = s.sign("root", &["--profile", "intermediate", "int.json"]);
    int.ok();
    let err = s
        .certsmith_stdin(&["split-json", "--rekey", "int"], &int.stdout)
        .fails()
        .to_owned();
    assert_eq!(err, expected("int"));
    assert_eq!(all_bytes(&s, &names), before, "a CA file was touched");
    // With the CA certificate gone, nothing on disk says whose key it is
    // (the new certificate is for the new key): refused all the same.
    std::fs::remove_file(s.path("root.pem")).unwrap();
    let err = s
        .certsmith_stdin(&["split-json", "--rekey", "root"], &root.stdout)
        .fails()
        .to_owned();
    assert!(
        err.starts_with("error: cannot tell whether root-key.pem is a CA key"),
        "{err}"
    );
    assert_eq!(bytes(&s, "root-key.pem"), before[0]);
    assert!(!s.exists("root.pem"));
}

#[test]
fn split_json_rekey_refuses_what_it_cannot_tell_or_would_leave_mismatched() {
    let s = chain();
    let names = ["leaf-key.pem", "leaf.pem", "leaf.csr"];
    let before = all_bytes(&s, &names);
    let split = |args: &[&str], input: &[u8]| {
        let mut argv = vec!["split-json", "--rekey"];
        argv.extend(args);
        s.certsmith_stdin(&argv, input).fails().to_owned()
    };
    // A new key without a certificate would leave leaf.pem beside a key it is not for.
    let genkey = s.certsmith(&["genkey", "leaf.json"]);
    genkey.ok();
    assert_eq!(
        split(&["leaf"], &genkey.stdout),
        "error: --rekey replaces the key of leaf only together with a certificate for the new key, and the output has none\n\
         hint: split the output of sign or gencert, which carries the certificate with the new key\n"
    );
    // A certificate for yet another key beside the new one.
    let (a, b) = (new_leaf(&s, &[]).json(), new_leaf(&s, &[]).json());
    let crossed = serde_json::json!({ "cert": a["cert"], "key": b["key"] }).to_string();
    assert!(split(&["leaf"], crossed.as_bytes()).starts_with(
        "error: the new leaf.pem is not for the key in leaf-key.pem; refusing to write it\n"
    ));
    assert_eq!(all_bytes(&s, &names), before);
    // leaf.pem that is not leaf-key.pem's certificate says nothing about that key.
    std::fs::copy(s.path("int.pem"), s.path("leaf.pem")).unwrap();
    assert_eq!(
        split(&["leaf"], &new_leaf(&s, &[]).stdout),
        "error: cannot tell whether leaf-key.pem is a CA key: leaf.pem is not its certificate; refusing to replace it\n\
         hint: move the old files away first, or pass --force to replace the key anyway\n"
    );
    // A key file certsmith cannot read is no leaf's key that it knows of.
    std::fs::write(s.path("leaf.pem"), &before[1]).unwrap();
    std::fs::write(s.path("leaf-key.pem"), "not a key\n").unwrap();
    assert!(
        split(&["leaf"], &new_leaf(&s, &[]).stdout).starts_with(
            "error: leaf-key.pem exists and is not a private key certsmith can compare"
        )
    );
    assert_eq!(s.read("leaf-key.pem"), "not a key\n");
}

#[test]
fn split_json_rekey_replaces_an_age_sealed_leaf_key() {
    let s = chain();
    s.run("age-keygen", &["-o", "identity.txt"]).ok();
    let recipient = s
        .run("age-keygen", &["-y", "identity.txt"])
        .ok()
        .stdout_str()
        .trim()
        .to_owned();
    std::fs::remove_file(s.path("leaf-key.pem")).unwrap();
    std::fs::remove_file(s.path("leaf.pem")).unwrap();
    let first = new_leaf(&s, &["-r", &recipient]);
    s.certsmith_stdin(&["split-json", "leaf"], &first.stdout)
        .ok();
    let second = new_leaf(&s, &["-r", &recipient]);
    let err = s
        .certsmith_stdin(&["split-json", "leaf"], &second.stdout)
        .fails()
        .to_owned();
    assert!(
        err.starts_with("error: leaf-key.age cannot be compared with the new key"),
        "{err}"
    );
    s.certsmith_stdin(&["split-json", "--rekey", "leaf"], &second.stdout)
        .ok();
    assert_eq!(
        s.read("leaf-key.age"),
        second.json()["key"].as_str().unwrap()
    );
    assert_eq!(s.read("leaf.pem"), second.json()["cert"].as_str().unwrap());
    s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
    let opened = s
        .run("age", &["-d", "-i", "identity.txt", "leaf-key.age"])
        .ok()
        .stdout_str();
    s.write("opened-key.pem", &opened);
    assert_eq!(public_key(&s, "opened-key.pem"), public_key(&s, "leaf.pem"));
}

#[cfg(feature = "fault-injection")]
#[test]
fn a_rekey_killed_between_the_renames_has_renamed_the_key_and_a_rerun_completes_it() {
    use std::os::unix::process::ExitStatusExt;
    let s = chain();
    let old_cert = bytes(&s, "leaf.pem");
    let new = new_leaf(&s, &[]);
    let out = {
        use std::io::Write;
        let mut child = certsmith_command()
            .args(["split-json", "--rekey", "leaf"])
            .current_dir(s.dir.path())
            .env("CERTSMITH_FAULT", "split-json-between-renames")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&new.stdout).unwrap();
        child.wait_with_output().unwrap()
    };
    assert_eq!(out.status.signal(), Some(6), "{out:?}");
    assert_eq!(s.read("leaf-key.pem"), new.json()["key"].as_str().unwrap());
    assert_eq!(
        bytes(&s, "leaf.pem"),
        old_cert,
        "the certificate came first"
    );
    // The key is now the new one: the rerun is a plain re-issue.
    s.certsmith_stdin(&["split-json", "leaf"], &new.stdout).ok();
    assert_eq!(s.read("leaf.pem"), new.json()["cert"].as_str().unwrap());
    assert_eq!(public_key(&s, "leaf.pem"), public_key(&s, "leaf-key.pem"));
}
