//! `certsmith split-json`, cfssljson's counterpart: it must split what cfssl
//! prints (bare objects, API envelopes, both bundle shapes), cfssljson must
//! split what certsmith prints, file modes are exact whatever the umask, and an
//! existing private key is never replaced by a different one unless --force.

use crate::support::*;

/// A body a real `cfssl serve` (1.2.0) sent for `sign`: an API envelope whose
/// result is `{"certificate": PEM}` (fixtures/cfssl-wire/client-1.2.0-sign.resp.txt).
const CFSSL_1_2_SIGN_RESPONSE: &str = r#"{"success":true,"result":{"certificate":"-----BEGIN CERTIFICATE-----\nMIIDVjCCAj6gAwIBAgIUCA8bwCETsIdhJj7RJT2Z4FaikRQwDQYJKoZIhvcNAQEL\nBQAwRzELMAkGA1UEBhMCVVMxDDAKBgNVBAoTA0xhYjEMMAoGA1UECxMDUEtJMRww\nGgYDVQQDExNMYWIgSW50ZXJtZWRpYXRlIENBMB4XDTI2MTEyMzE5NDUwMFoXDTI3\nMTEyMzE5NDUwMFowMjELMAkGA1UEBhMCVVMxDDAKBgNVBAoTA0xhYjEVMBMGA1UE\nAxMMd3d3LmxhYi50ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeFYVBwf4\n0P1fz6Ex0jIk7cQf9LZRq8YlsbwNfWtjddf8NA9MAWK6LUcsYXXLrGY1lQa17Kcy\nEdTEAFxUE4RK0aOCARgwggEUMA4GA1UdDwEB/wQEAwIFoDATBgNVHSUEDDAKBggr\nBgEFBQcDATAMBgNVHRMBAf8EAjAAMB0GA1UdDgQWBBQZznkblqlUSx1wyC7WBpE2\nQBYIQjAfBgNVHSMEGDAWgBRfLjOZUZZ4EyjnAZa3z16V2HDu0TBZBggrBgEFBQcB\nAQRNMEswIAYIKwYBBQUHMAGGFGh0dHA6Ly9vY3NwLmxhYi50ZXN0MCcGCCsGAQUF\nBzAChhtodHRwOi8vY2EubGFiLnRlc3Qvcm9vdC5wZW0wFQYDVR0RBA4wDIIKYS5s\nYWIudGVzdDAtBgNVHR8EJjAkMCKgIKAehhxodHRwOi8vY3JsLmxhYi50ZXN0L3Jv\nb3QuY3JsMA0GCSqGSIb3DQEBCwUAA4IBAQCuzfOVTYeNq2PwRd/8KLeGsZkoP/RS\nK7Du5BBBLteIMKyXJ/GoyqGuzUQxPs0WcJYE+L0EYHPfGSDb6g8hI01ETMAmbYaY\n0OHdI82ZkOudyYNLeysqzDrKRQRELeDhs8sFaDHE+ts4X+yDHJju5nb7j986Novf\nQ9WZ1t4URZgNx5/V9SNTEcv8sUYdvx7KDICN18raLItmrYwvIZzdMCysRaEYypuA\nxJlZOXt946J0w1KlXyo4/3VNaF9bEgCTrjIWmo2K7qChmCmgmzkAYxwadKK3gg7l\nlK50n+gBalXoAsys5ThRGYCQrGbJLpsR/BtbY3CluGV/Ug6PZpORZCWF\n-----END CERTIFICATE-----\n"},"errors":[],"messages":[]}"#;

const ROOT_EC: &str = r#"{"CN":"Split Root","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#;

fn certsmith_bin() -> String {
    assert_cmd::cargo::cargo_bin("certsmith")
        .to_str()
        .expect("utf-8 path")
        .to_owned()
}

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
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "root.pem",
            "--ca-key",
            "root-key.pem",
            "--profile",
            "intermediate",
            "int.csr",
        ],
        "int",
    );
    s.write(
        "leaf.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "int.pem",
            "--ca-key",
            "int-key.pem",
            "--profile",
            "server",
            "leaf.json",
        ],
        "leaf",
    );
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
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "open.pem",
            "--ca-key",
            "open-key.pem",
            "--profile",
            "server",
            "leaf.json",
        ],
        "leaf",
    );
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
    s.write("ca-csr.json", ROOT_EC);
    s.certsmith_split(&["initca", "ca-csr.json"], "ca");
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
    s.write("ca-csr.json", ROOT_EC);
    s.certsmith_split(&["initca", "ca-csr.json"], "ca");
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
