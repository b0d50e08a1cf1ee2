//! Re-runs and pipes (issue 14, items 1 and 2): certsmith's own output pipes
//! into `sign` and `remote sign`, a whole pipeline keeps every key it makes,
//! and stdin has one reader: a command line on which two inputs name `-` is
//! a usage error, whatever the inputs turn out to need.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

const LEAF: &str =
    r#"{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7"],"names":[{"O":"Example"}]}"#;

/// A root (`ca.pem`, `ca-key.pem`) and a leaf issued from `app.json`.
fn with_leaf() -> Scratch {
    let s = with_root();
    s.write("app.json", LEAF);
    s.sign_split("ca", &["app.json"], "app");
    s
}

/// The public key (PEM) of a certificate or a plaintext private key.
fn public_key(s: &Scratch, file: &str) -> String {
    let args: &[&str] = if file.contains("-key") {
        &["pkey", "-pubout", "-in", file]
    } else {
        &["x509", "-noout", "-pubkey", "-in", file]
    };
    s.run("openssl", args).ok().stdout_str()
}

/// `sh -c SCRIPT` in the scratch directory with `$C` the certsmith binary.
fn shell(s: &Scratch, script: &str) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let mut cmd = command("sh");
    cmd.args(["-ec", script])
        .env("C", path_str(&bin))
        .current_dir(s.dir.path());
    let out = cmd.output().expect("spawn sh");
    Run::from(out)
}

#[test]
fn csr_from_cert_pipes_into_sign_and_split_json_for_a_renewal() {
    let s = with_leaf();
    let key = s.read("app-key.pem");
    let run = shell(
        &s,
        "$C csr --key app-key.pem --from-cert app.pem \
         | $C sign --ca ca.pem --ca-key ca-key.pem - | $C split-json app",
    );
    run.ok();
    assert!(
        !run.stderr.contains("ignored") && !run.stderr.contains("error"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("app-key.pem"), key);
    assert_eq!(public_key(&s, "app.pem"), public_key(&s, "app-key.pem"));
    s.openssl_verify("ca.pem", &[], "app.pem");
    let text = s.x509_text("app.pem");
    assert!(
        text.contains("DNS:app.example.com, IP Address:10.0.0.7"),
        "{text}"
    );
}

#[test]
fn genkey_sign_split_json_keeps_the_key_genkey_made() {
    let s = with_leaf();
    let run = shell(
        &s,
        "$C genkey app.json | $C sign --ca ca.pem --ca-key ca-key.pem --profile server - \
         | $C split-json new",
    );
    run.ok();
    assert_eq!(s.file_mode("new-key.pem"), 0o600);
    assert_eq!(public_key(&s, "new.pem"), public_key(&s, "new-key.pem"));
    s.openssl_verify("ca.pem", &[], "new.pem");
}

// --- stdin has one reader

/// The first line of a usage error for two inputs naming `-`.
fn both(first: &str, second: &str) -> String {
    format!(
        "error: {first} and {second} both name - (stdin), which can be read only once: give one of them a file"
    )
}

#[track_caller]
fn assert_usage_error(s: &Scratch, args: &[&str], first_line: &str) {
    let before = std::fs::read_dir(s.dir.path()).unwrap().count();
    let run = s.certsmith_stdin(args, LEAF.as_bytes());
    assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout_str());
    assert_eq!(
        run.stderr.lines().next(),
        Some(first_line),
        "{args:?}: {}",
        run.stderr
    );
    assert!(run.stderr.contains("\nUsage: certsmith "), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(s.dir.path()).unwrap().count(),
        before,
        "{args:?} wrote a file"
    );
}

#[test]
fn sign_refuses_a_passphrase_and_a_request_both_from_stdin() {
    let s = with_leaf();
    s.write("pass.txt", "correct horse battery staple\n");
    let sealed = s.certsmith(&[
        "key",
        "encrypt",
        "-p",
        "--passphrase-file",
        "pass.txt",
        "ca-key.pem",
    ]);
    s.write("ca-key.age", &sealed.ok().stdout_str());
    // The report: a sealed CA key, its passphrase and the CSR JSON on stdin.
    assert_usage_error(
        &s,
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.age",
            "--passphrase-file",
            "-",
            "-",
        ],
        &both("--passphrase-file", "<INPUT>"),
    );
    // Refused from what was typed: a plain CA key that needs no passphrase too.
    assert_usage_error(
        &s,
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "-",
            "--passphrase-file",
            "-",
        ],
        &both("<INPUT>", "--passphrase-file"),
    );
    // One reader is fine: the passphrase from stdin, the request from a file.
    let run = s.certsmith_stdin(
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.age",
            "--passphrase-file",
            "-",
            "app.json",
        ],
        b"correct horse battery staple\n",
    );
    s.write("one.pem", run.ok().json()["cert"].as_str().unwrap());
    s.openssl_verify("ca.pem", &[], "one.pem");
}

#[test]
fn every_command_with_two_inputs_refuses_both_from_stdin() {
    let s = with_leaf();
    s.write("serials.txt", "01\n");
    let cases: &[(&[&str], String)] = &[
        (
            &["sign", "--ca", "ca.pem", "--ca-key", "-", "-"],
            both("--ca-key", "<INPUT>"),
        ),
        (
            &["sign", "--ca", "ca.pem", "--ca-key", "ca-key.pem", "--key", "-", "-"],
            both("--key", "<INPUT>"),
        ),
        (
            &["gencert", "-ca=ca.pem", "-ca-key=ca-key.pem", "-passphrase-file=-", "-"],
            both("--passphrase-file", "<INPUT>"),
        ),
        (
            &["remote", "sign", "--remote", "127.0.0.1:1", "--passphrase-file", "-", "-"],
            both("--passphrase-file", "<INPUT>"),
        ),
        (
            &["remote", "sign", "--remote", "127.0.0.1:1", "--key", "-", "-"],
            both("--key", "<INPUT>"),
        ),
        (&["csr", "--key", "-", "-"], both("--key", "<CSR_JSON>")),
        (
            &["key", "public", "--passphrase-file", "-", "-"],
            both("--passphrase-file", "<FILE>"),
        ),
        (
            &["key", "decrypt", "--passphrase-file", "-", "-"],
            both("--passphrase-file", "<KEY>"),
        ),
        (
            &["key", "encrypt", "-p", "--passphrase-file", "-", "-"],
            both("--passphrase-file", "<KEY>"),
        ),
        (
            &[
                "crl", "--ca", "ca.pem", "--ca-key", "-", "--passphrase-file", "-", "--revoked",
                "serials.txt",
            ],
            both("--ca-key", "--passphrase-file"),
        ),
        (
            &[
                "crl", "--ca", "ca.pem", "--ca-key", "ca-key.pem", "--passphrase-file", "-",
                "--revoked", "-",
            ],
            both("--passphrase-file", "--revoked"),
        ),
        (
            &["inspect", "-", "-"],
            "error: <PATH> names - (stdin) twice, and stdin can be read only once: give the other a file"
                .to_owned(),
        ),
    ];
    for (args, first_line) in cases {
        assert_usage_error(&s, args, first_line);
    }
    // A lone `-` still reads stdin, split-json's default included.
    let out = s.certsmith_stdin(&["inspect", "-"], s.read("app.pem").as_bytes());
    out.ok();
    let signed = s.sign("ca", &["app.json"]);
    s.certsmith_stdin(&["split-json", "piped"], &signed.ok().stdout)
        .ok();
    assert!(s.exists("piped.pem"));
}

// --- remote sign reads the same inputs

/// `cfssl serve` on 127.0.0.1 signing with `ca.pem`; killed when dropped.
struct CfsslServe {
    child: Child,
    address: String,
}

impl Drop for CfsslServe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cfssl_serve(s: &Scratch) -> CfsslServe {
    require("cfssl");
    s.write(
        "serve-config.json",
        r#"{"signing":{"default":{"expiry":"168h","usages":["digital signature","server auth"]}}}"#,
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let child = command("cfssl")
        .args(["serve", "-address", "127.0.0.1", "-port", &port.to_string()])
        .args([
            "-ca",
            "ca.pem",
            "-ca-key",
            "ca-key.pem",
            "-config",
            "serve-config.json",
        ])
        .current_dir(s.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cfssl serve");
    let server = CfsslServe {
        child,
        address: format!("127.0.0.1:{port}"),
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        assert!(Instant::now() < deadline, "cfssl serve did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

#[test]
fn remote_sign_reads_csr_output_and_reissues_with_an_existing_key() {
    let s = with_leaf();
    let server = cfssl_serve(&s);
    let key = s.read("app-key.pem");
    // certsmith's `{"csr"}` on stdin.
    let run = shell(
        &s,
        &format!(
            "$C csr --key app-key.pem --from-cert app.pem \
             | $C remote sign --remote {} --ca ca.pem - | $C split-json app",
            server.address
        ),
    );
    run.ok();
    assert!(!run.stderr.contains("ignored"), "{}", run.stderr);
    assert_eq!(s.read("app-key.pem"), key);
    assert_eq!(public_key(&s, "app.pem"), public_key(&s, "app-key.pem"));
    s.openssl_verify("ca.pem", &[], "app.pem");
    // --key with the CSR JSON: no key printed, none sent.
    let run = s.certsmith(&[
        "remote",
        "sign",
        "--remote",
        &server.address,
        "--key",
        "app-key.pem",
        "app.json",
    ]);
    run.ok();
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr"]
    );
    s.certsmith_stdin(&["split-json", "app"], &run.stdout).ok();
    assert_eq!(s.read("app-key.pem"), key);
    assert_eq!(public_key(&s, "app.pem"), public_key(&s, "app-key.pem"));
    s.openssl_verify("ca.pem", &[], "app.pem");
}
