//! `certsmith remote`: cfssl's remote signing API (cfssl-compat.md §5) spoken
//! to the real servers, `cfssl serve` and `multirootca` (Debian
//! `golang-cfssl` 1.2), started on 127.0.0.1 at a free port for each test and
//! killed when the test ends, and to a tiny in-test HTTP server where a test
//! needs to see the exact request or to play a misbehaving CA.
//!
//! Every certificate a server returns is checked by openssl against the chain
//! and by pkilint; the HMAC token is checked by `openssl dgst -mac HMAC`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;

use crate::support::*;

/// The hex auth key of the `authd` profile in [`SERVER_CONFIG`].
const AUTH_KEY: &str = "000102030405060708090a0b0c0d0e0f";

/// The servers' signing config: cfssl-wire/server-config.json without RSA-only
/// usages (the CAs here are ECDSA). `authd` needs the HMAC token; multirootca
/// serves only `authsign`, so every request to it names `authd`.
const SERVER_CONFIG: &str = r#"{
  "signing": {
    "default": {"expiry": "168h", "usages": ["digital signature", "server auth", "client auth"]},
    "profiles": {
      "server": {"expiry": "8760h", "usages": ["digital signature", "server auth"]},
      "authd": {"expiry": "720h", "usages": ["digital signature", "client auth"], "auth_key": "primary"}
    }
  },
  "auth_keys": {"primary": {"type": "standard", "key": "000102030405060708090a0b0c0d0e0f"}}
}"#;

/// multirootca's roots file (cfssl-compat.md §5); paths are relative to the
/// server's working directory, the scratch directory.
const ROOTS_CONF: &str = "[ primary ]
private = file://int-key.pem
certificate = int.pem
config = config.json
nets = 127.0.0.0/8
";

const ROOT: &str = r#"{"CN":"Remote Test Root","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const INTERMEDIATE: &str = r#"{"CN":"Remote Test Intermediate","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{}}"#;
const TLS_SERVER: &str =
    r#"{"CN":"127.0.0.1","names":[{"O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#;
const LEAF: &str = r#"{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7"],"names":[{"O":"Example"}],"key":{"algo":"ecdsa","size":256}}"#;

/// A scratch directory holding a small PKI made with certsmith: a root
/// (`ca.pem`), the servers' signing intermediate (`int.pem`, `int-key.pem`), a
/// TLS server certificate for 127.0.0.1 (`srv.pem`, `srv-key.pem`), the
/// servers' `config.json` and `roots.conf`, and a leaf request (`leaf.json`,
/// `leaf.csr`, `leaf-key.pem`).
pub(super) fn lab() -> Scratch {
    let s = Scratch::new();
    s.init_ca("ca", ROOT);
    s.write("int.json", INTERMEDIATE);
    s.sign_split("ca", &["--profile", "intermediate", "int.json"], "int");
    s.write("srv.json", TLS_SERVER);
    s.sign_split(
        "ca",
        &[
            "--profile",
            "server",
            "--hostname",
            "127.0.0.1,localhost",
            "srv.json",
        ],
        "srv",
    );
    s.write("config.json", SERVER_CONFIG);
    s.write("roots.conf", ROOTS_CONF);
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    s
}

/// A port on 127.0.0.1 that nothing listens on (at the moment of asking).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind 127.0.0.1:0")
        .local_addr()
        .expect("local addr")
        .port()
}

/// A server process on 127.0.0.1; dropping it kills the process, so a failing
/// test never leaves a server behind.
pub(super) struct Server {
    child: Child,
    pub(super) port: u16,
    log: PathBuf,
}

impl Server {
    /// `https://127.0.0.1:PORT` or `http://…`.
    pub(super) fn url(&self, scheme: &str) -> String {
        format!("{scheme}://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `program` with the arguments `args(port)` in the scratch directory
/// and waits (at most 10 s) until its port accepts connections. A port taken
/// by someone else between [`free_port`] and the server's bind makes the
/// server exit: then it is tried again on another port.
fn start(s: &Scratch, program: &str, args: impl Fn(u16) -> Vec<String>) -> Server {
    require(program);
    let log = s.path(&format!("{program}.log"));
    for _attempt in 0..3 {
        let port = free_port();
        let out = std::fs::File::create(&log).expect("server log");
        let child = command(program)
            .args(args(port))
            .current_dir(s.dir.path())
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log handle"))
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {program}: {e}"));
        let mut server = Server {
            child,
            port,
            log: log.clone(),
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = server.child.try_wait().expect("try_wait") {
                let log = server.log();
                if log.contains("address already in use") {
                    break;
                }
                panic!("{program} exited ({status}) before listening:\n{log}");
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "{program} did not listen on {addr} within 10 s:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("{program} could not bind a free port in 3 attempts");
}

/// `cfssl serve` signing with the intermediate, over TLS or plain HTTP.
pub(super) fn cfssl_serve(s: &Scratch, tls: bool) -> Server {
    start(s, "cfssl", |port| {
        let mut args: Vec<String> = [
            "serve",
            "-address",
            "127.0.0.1",
            "-port",
            &port.to_string(),
            "-ca",
            "int.pem",
            "-ca-key",
            "int-key.pem",
            "-config",
            "config.json",
        ]
        .map(String::from)
        .to_vec();
        if tls {
            args.extend(["-tls-cert", "srv.pem", "-tls-key", "srv-key.pem"].map(String::from));
        }
        args
    })
}

/// `cfssl serve` over TLS that also requires a client certificate issued by
/// the root (`-mutual-tls-ca`).
fn cfssl_serve_mutual_tls(s: &Scratch) -> Server {
    start(s, "cfssl", |port| {
        [
            "serve",
            "-address",
            "127.0.0.1",
            "-port",
            &port.to_string(),
            "-ca",
            "int.pem",
            "-ca-key",
            "int-key.pem",
            "-config",
            "config.json",
            "-tls-cert",
            "srv.pem",
            "-tls-key",
            "srv-key.pem",
            "-mutual-tls-ca",
            "ca.pem",
        ]
        .map(String::from)
        .to_vec()
    })
}

/// `multirootca` over TLS with the `primary` root of `roots.conf` as default.
pub(super) fn multirootca(s: &Scratch) -> Server {
    start(s, "multirootca", |port| {
        [
            "-a",
            &format!("127.0.0.1:{port}"),
            "-roots",
            "roots.conf",
            "-l",
            "primary",
            "-tls-cert",
            "srv.pem",
            "-tls-key",
            "srv-key.pem",
        ]
        .map(String::from)
        .to_vec()
    })
}

/// What the in-test server received.
struct Received {
    /// `POST /api/v1/cfssl/sign HTTP/1.1`
    request_line: String,
    body: Vec<u8>,
}

impl Received {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// A one-request HTTP server on 127.0.0.1: it answers the first request with
/// `status` and the body `respond(request body)`, labelled `text/plain` as
/// multirootca labels its answers, and hands back what it received. It gives
/// up after 20 s so that a client that never calls cannot hang the test.
fn one_shot_server(
    status: u16,
    respond: impl FnOnce(&[u8]) -> String + Send + 'static,
) -> (String, JoinHandle<Option<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let url = format!("http://{}", listener.local_addr().expect("local addr"));
    listener.set_nonblocking(true).expect("nonblocking");
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return None;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => panic!("accept: {e}"),
            }
        };
        stream.set_nonblocking(false).expect("blocking");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
        let received = read_request(&mut reader);
        let answer = respond(&received.body);
        let reason = if status == 200 { "OK" } else { "Error" };
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
            answer.len()
        )
        .expect("write response");
        stream.flush().expect("flush");
        Some(received)
    });
    (url, handle)
}

/// Reads one HTTP/1.1 request: request line, headers, and a body framed by
/// Content-Length or chunked transfer encoding.
fn read_request(reader: &mut impl BufRead) -> Received {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).expect("request line");
    let mut length = 0;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("header has a colon");
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().expect("content length"),
            "transfer-encoding" => chunked = value.trim().eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).expect("chunk size");
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap(), 16)
                .expect("hex chunk size");
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).expect("chunk");
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        reader.read_exact(&mut body).expect("body");
    }
    Received {
        request_line: request_line.trim_end().to_owned(),
        body,
    }
}

/// An API envelope whose result is `{"certificate": PEM}`.
fn certificate_envelope(pem: &str) -> String {
    serde_json::json!({
        "success": true,
        "result": {"certificate": pem},
        "errors": [],
        "messages": [],
    })
    .to_string()
}

/// A stand-in CA for the in-test server: signs the CSR in a sign request (or
/// in the inner request of an authsign request) with certsmith and the
/// intermediate of `dir`, under `profile`, and answers with the envelope.
fn sign_with_intermediate(dir: PathBuf, profile: &'static str) -> impl FnOnce(&[u8]) -> String {
    move |body| {
        let mut request: serde_json::Value = serde_json::from_slice(body).expect("JSON request");
        if let Some(inner) = request.get("request").and_then(|r| r.as_str()) {
            request = serde_json::from_slice(&BASE64.decode(inner).expect("base64 request"))
                .expect("inner JSON request");
        }
        let csr = request["certificate_request"]
            .as_str()
            .expect("certificate_request");
        std::fs::write(dir.join("received.csr"), csr).expect("write received.csr");
        let out = certsmith_command()
            .args([
                "sign",
                "--ca",
                "int.pem",
                "--ca-key",
                "int-key.pem",
                "--profile",
                profile,
                "received.csr",
            ])
            .current_dir(&dir)
            .output()
            .expect("run certsmith sign");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let signed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sign JSON");
        certificate_envelope(signed["cert"].as_str().expect("cert"))
    }
}

/// certsmith in the scratch directory with extra environment variables.
fn certsmith_env(s: &Scratch, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = certsmith_command()
        .args(args)
        .current_dir(s.dir.path())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run certsmith");
    Run::from(out)
}

/// openssl's view of a certificate's or key's public key (PEM SPKI).
fn public_key_of_cert(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-pubkey", "-in", cert])
        .ok()
        .stdout_str()
}

fn public_key_of_key(s: &Scratch, key: &str) -> String {
    s.run("openssl", &["pkey", "-pubout", "-in", key])
        .ok()
        .stdout_str()
}

/// The base64 HMAC-SHA256 of `message` under the hex `key`, by openssl.
/// Writes `hex` to a key file and returns its `--auth-key` form: keys are
/// named on the command line, never typed into it.
fn key_file(s: &Scratch, hex: &str) -> String {
    s.write("auth.hex", hex);
    "file:auth.hex".into()
}

fn openssl_hmac(s: &Scratch, key: &str, message: &[u8]) -> String {
    let mac = s
        .run_stdin(
            "openssl",
            &[
                "dgst",
                "-sha256",
                "-mac",
                "HMAC",
                "-macopt",
                &format!("hexkey:{key}"),
                "-binary",
            ],
            message,
        )
        .ok()
        .stdout
        .clone();
    BASE64.encode(mac)
}

/// The base64 body of a PEM block, without line breaks, for comparing PEM
/// texts that differ only in line endings.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// Asserts the one-line error `error: <url>: <tail>` that names the signer.
#[track_caller]
fn assert_server_error(stderr: &str, url: &str, tail: &str) {
    assert_eq!(stderr, format!("error: {url}: {tail}\n"));
}

/// `certsmith remote info`'s output, exactly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Info {
    certificate: String,
    expiry: String,
    usages: Vec<String>,
}

#[test]
fn remote_token_matches_cfssls_test_vector() {
    let s = Scratch::new();
    let vector = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cfssl-auth-request.json");
    let run = s.certsmith(&[
        "remote",
        "token",
        "--auth-key",
        &key_file(&s, "0123456789ABCDEF0123456789ABCDEF"),
        path_str(&vector),
    ]);
    assert_eq!(
        run.ok().stdout_str().trim_end(),
        "tSU1WTE/322iXrOBfJSQ9/u1dleqpwUmCj1LXYHw07Y="
    );
    // And for other bytes, the same token as openssl computes.
    s.write("config.json", SERVER_CONFIG);
    let key = key_file(&s, AUTH_KEY);
    let run = s.certsmith(&["remote", "token", "--auth-key", &key, "config.json"]);
    assert_eq!(
        run.ok().stdout_str().trim_end(),
        openssl_hmac(&s, AUTH_KEY, SERVER_CONFIG.as_bytes())
    );
}

#[test]
fn an_auth_key_typed_on_the_command_line_is_refused() {
    // A hex key in argv shows in `ps` and shell history: only env:/file: name one.
    let s = Scratch::new();
    s.write("request.json", "{}");
    for args in [
        vec!["remote", "token", "--auth-key", AUTH_KEY, "request.json"],
        vec![
            "remote",
            "sign",
            "--remote",
            "127.0.0.1:9",
            "--auth-key",
            AUTH_KEY,
            "request.json",
        ],
    ] {
        let run = s.certsmith(&args);
        let stderr = run.fails();
        assert_eq!(
            stderr.lines().next().unwrap(),
            "error: --auth-key: refusing a key typed on the command line, where ps and shell history show it",
            "{args:?}"
        );
        assert!(stderr.contains("hint: name it instead: --auth-key file:PATH"));
        assert!(!stderr.contains(AUTH_KEY), "the key is not echoed back");
    }
}

#[test]
fn authsign_through_multirootca_over_tls_yields_a_verified_lint_clean_certificate() {
    let s = lab();
    let server = multirootca(&s);
    let run = s.certsmith_split(
        &[
            "remote",
            "sign",
            "--remote",
            &server.url("https"),
            "--tls-remote-ca",
            "ca.pem",
            "--profile",
            "authd",
            "--auth-key",
            &key_file(&s, AUTH_KEY),
            "leaf.csr",
        ],
        "leaf",
    );
    let json = run.json();
    assert_eq!(
        json.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr"]
    );
    assert_eq!(
        pem_body(json["csr"].as_str().unwrap()),
        pem_body(&s.read("leaf.csr"))
    );
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    s.pkilint("leaf.pem");
    let text = s.x509_text("leaf.pem");
    // The `authd` profile (client auth only) was applied, the CSR's SANs kept.
    assert!(text.contains("TLS Web Client Authentication"), "{text}");
    assert!(!text.contains("TLS Web Server Authentication"), "{text}");
    assert!(
        text.contains("DNS:app.example.com") && text.contains("IP Address:10.0.0.7"),
        "{text}"
    );
    assert_eq!(
        public_key_of_cert(&s, "leaf.pem"),
        public_key_of_key(&s, "leaf-key.pem")
    );
    // multirootca logs each authsign it honours.
    assert!(
        server.log().contains("label=primary, profile=authd"),
        "{}",
        server.log()
    );
}

#[test]
fn authsign_takes_the_auth_key_from_an_environment_variable_or_a_file() {
    let s = lab();
    let server = multirootca(&s);
    let url = server.url("https");
    let base = [
        "remote",
        "sign",
        "--remote",
        &url,
        "--tls-remote-ca",
        "ca.pem",
        "--profile",
        "authd",
    ];

    let mut args = base.to_vec();
    args.extend(["--auth-key", "env:CERTSMITH_TEST_AUTH_KEY", "leaf.csr"]);
    let run = certsmith_env(&s, &args, &[("CERTSMITH_TEST_AUTH_KEY", AUTH_KEY)]);
    s.certsmith_stdin(&["split-json", "from-env"], &run.ok().stdout)
        .ok();
    s.openssl_verify("ca.pem", &["int.pem"], "from-env.pem");

    // A key file as `echo KEY > auth.key` writes it, trailing newline included.
    s.write("auth.key", &format!("{AUTH_KEY}\n"));
    std::fs::set_permissions(
        s.path("auth.key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let mut args = base.to_vec();
    args.extend(["--auth-key", "file:auth.key", "leaf.csr"]);
    s.certsmith_split(&args, "from-file");
    s.openssl_verify("ca.pem", &["int.pem"], "from-file.pem");
}

#[test]
fn authsign_with_a_wrong_key_fails_with_the_servers_message() {
    let s = lab();
    let server = multirootca(&s);
    let err = s
        .certsmith(&[
            "remote",
            "sign",
            "--remote",
            &server.url("https"),
            "--tls-remote-ca",
            "ca.pem",
            "--profile",
            "authd",
            "--auth-key",
            &key_file(&s, "ffffffffffffffffffffffffffffffff"),
            "leaf.csr",
        ])
        .fails()
        .to_string();
    // multirootca answers 400 {"errors":[{"code":1,"message":"invalid token"}]}.
    assert_server_error(&err, &server.url("https"), "HTTP 400: invalid token");
}

#[test]
fn multirootca_refusals_name_the_signer_and_quote_it() {
    let s = lab();
    let server = multirootca(&s);
    let url = server.url("https");
    let sign = |extra: &[&str]| -> String {
        let mut args = vec![
            "remote",
            "sign",
            "--remote",
            &url,
            "--tls-remote-ca",
            "ca.pem",
        ];
        args.extend_from_slice(extra);
        args.push("leaf.csr");
        s.certsmith(&args).fails().to_string()
    };
    // An unknown label.
    let err = sign(&[
        "--label",
        "nosuch",
        "--profile",
        "authd",
        "--auth-key",
        &key_file(&s, AUTH_KEY),
    ]);
    assert_server_error(&err, &url, "HTTP 400: bad request");
    // Without an auth key certsmith uses `sign`, which multirootca does not
    // serve: its plain-text 404 is named as such, with a hint (messages.rs).
    let err = sign(&["--profile", "authd"]);
    assert!(
        err.starts_with(&format!(
            "error: {url}: HTTP 404: the signer does not serve sign (it answered \"404 page not found\")\n"
        )),
        "{err}"
    );
}

#[test]
fn sign_through_cfssl_serve_over_plain_http_at_a_bare_host_and_port() {
    let s = lab();
    let server = cfssl_serve(&s, false);
    // A bare host:port means http://host:port.
    let remote = format!("127.0.0.1:{}", server.port);
    s.certsmith_split(
        &[
            "remote",
            "sign",
            "--remote",
            &remote,
            "--profile",
            "server",
            "--hostname",
            "www.example.com,127.0.0.1",
            "leaf.csr",
        ],
        "www",
    );
    s.openssl_verify("ca.pem", &["int.pem"], "www.pem");
    s.pkilint("www.pem");
    let text = s.x509_text("www.pem");
    assert!(text.contains("TLS Web Server Authentication"), "{text}");
    // --hostname replaced the CSR's SANs.
    assert!(
        text.contains("DNS:www.example.com") && text.contains("IP Address:127.0.0.1"),
        "{text}"
    );
    assert!(!text.contains("DNS:app.example.com"), "{text}");
    assert!(!text.contains("10.0.0.7"), "{text}");

    // A CSR JSON: the key is made here and comes back with the certificate.
    let run = s.certsmith_split(
        &["remote", "sign", "--remote", &remote, "leaf.json"],
        "fresh",
    );
    assert_eq!(
        run.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr", "key"]
    );
    assert_eq!(s.file_mode("fresh-key.pem"), 0o600);
    s.openssl_verify("ca.pem", &["int.pem"], "fresh.pem");
    s.pkilint("fresh.pem");
    assert_eq!(
        public_key_of_cert(&s, "fresh.pem"),
        public_key_of_key(&s, "fresh-key.pem")
    );
    assert_ne!(
        public_key_of_key(&s, "fresh-key.pem"),
        public_key_of_key(&s, "leaf-key.pem")
    );
    assert!(
        server.log().contains("/api/v1/cfssl/sign"),
        "{}",
        server.log()
    );
}

#[test]
fn info_reports_the_signers_certificate_expiry_and_usages() {
    let s = lab();
    let server = multirootca(&s);
    let url = server.url("https");
    let info = |extra: &[&str]| -> Info {
        let mut args = vec![
            "remote",
            "info",
            "--remote",
            &url,
            "--tls-remote-ca",
            "ca.pem",
        ];
        args.extend_from_slice(extra);
        let run = s.certsmith(&args);
        serde_json::from_slice(&run.ok().stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", run.stdout_str()))
    };

    let default = info(&[]);
    assert_eq!(pem_body(&default.certificate), pem_body(&s.read("int.pem")));
    assert_eq!(default.expiry, "168h");
    assert_eq!(
        default.usages,
        ["digital signature", "server auth", "client auth"]
    );

    let authd = info(&["--label", "primary", "--profile", "authd"]);
    assert_eq!(pem_body(&authd.certificate), pem_body(&s.read("int.pem")));
    assert_eq!(authd.expiry, "720h");
    assert_eq!(authd.usages, ["digital signature", "client auth"]);
}

#[test]
fn failover_skips_a_dead_address_and_all_dead_fails_within_seconds() {
    let s = lab();
    let server = cfssl_serve(&s, false);
    let dead = format!("http://127.0.0.1:{}", free_port());
    let group = format!("{dead},{}", server.url("http"));
    let run = s.certsmith_split(
        &[
            "remote",
            "sign",
            "--remote",
            &group,
            "--profile",
            "server",
            "leaf.csr",
        ],
        "leaf",
    );
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    assert_eq!(
        run.stderr,
        format!("note: {dead}: connection refused; trying the next signer\n")
    );

    let other_dead = format!("127.0.0.1:{}", free_port());
    let started = Instant::now();
    let err = s
        .certsmith(&[
            "remote",
            "sign",
            "--remote",
            &format!("{dead},{other_dead}"),
            "leaf.csr",
        ])
        .fails()
        .to_string();
    assert_eq!(
        err,
        format!(
            "error: no remote answered: {dead}: connection refused; http://{other_dead}: connection refused\n\
             hint: check the address and that the server runs (cfssl serve, multirootca, or Vault/OpenBao)\n"
        )
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "two dead remotes took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_does_not_chain_to_the_tls_remote_ca_is_refused() {
    let s = lab();
    s.init_ca(
        "other",
        r#"{"CN":"Unrelated Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    let server = cfssl_serve(&s, true);
    let url = server.url("https");
    for trust in [&["--tls-remote-ca", "other.pem"][..], &[]] {
        let mut args = vec!["remote", "info", "--remote", &url];
        args.extend_from_slice(trust);
        let err = s.certsmith(&args).fails().to_string();
        assert!(
            err.starts_with(&format!(
                "error: {url}: TLS failed: invalid peer certificate: "
            )) && err.ends_with("\nhint: pass the signer's CA with --tls-remote-ca FILE\n"),
            "{err}"
        );
    }
    // The same server with the right CA answers.
    s.certsmith(&[
        "remote",
        "info",
        "--remote",
        &url,
        "--tls-remote-ca",
        "ca.pem",
    ])
    .ok();
}

#[test]
fn a_signer_requiring_client_certificates_accepts_only_one_from_its_ca() {
    let s = lab();
    s.write(
        "client.json",
        r#"{"CN":"remote client","names":[{"O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["--profile", "client", "client.json"], "client");
    s.init_ca(
        "other",
        r#"{"CN":"Unrelated Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    let server = cfssl_serve_mutual_tls(&s);
    let url = server.url("https");
    let sign = |client: &[&str]| -> Run {
        let mut args = vec![
            "remote",
            "sign",
            "--remote",
            &url,
            "--tls-remote-ca",
            "ca.pem",
            "--profile",
            "server",
        ];
        args.extend_from_slice(client);
        args.push("leaf.csr");
        s.certsmith(&args)
    };

    let run = sign(&[
        "--client-cert",
        "client.pem",
        "--client-key",
        "client-key.pem",
    ]);
    s.certsmith_stdin(&["split-json", "leaf"], &run.ok().stdout)
        .ok();
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");

    // No client certificate, or one from another CA: refused, naming the signer.
    for client in [
        &[][..],
        &[
            "--client-cert",
            "other.pem",
            "--client-key",
            "other-key.pem",
        ],
    ] {
        let err = sign(client).fails().to_string();
        assert!(err.starts_with("error: ") && err.contains(&url), "{err}");
        // The signer either sends an alert or just hangs up; either way the
        // message points at the client certificate, not at a "broken pipe".
        assert!(err.contains("client certificate"), "{err}");
    }
}

#[test]
fn a_url_with_another_scheme_is_refused_as_such() {
    let s = Scratch::new();
    let run = s.certsmith(&["remote", "info", "--remote", "ftp://127.0.0.1:8888"]);
    assert_ne!(run.status, 0);
    assert!(
        run.stderr.contains("ftp://127.0.0.1:8888") && !run.stderr.contains("http://ftp://"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_certificate_for_a_different_key_is_refused() {
    let s = lab();
    let other = s.read("srv.pem");
    let (url, received) = one_shot_server(200, move |_| certificate_envelope(&other));
    let err = s
        .certsmith(&[
            "remote",
            "sign",
            "--remote",
            &url,
            "--profile",
            "server",
            "leaf.csr",
        ])
        .fails()
        .to_string();
    assert_server_error(
        &err,
        &url,
        "the server returned a certificate for a different key",
    );
    assert!(received.join().unwrap().is_some(), "certsmith never called");
}

#[test]
fn an_error_envelope_fails_with_status_and_every_message() {
    let s = lab();
    let (url, received) = one_shot_server(403, |_| {
        r#"{"success":false,"result":null,"errors":[{"code":1,"message":"policy says no"},{"code":2,"message":"and no again"}],"messages":[]}"#.to_owned()
    });
    let err = s
        .certsmith(&["remote", "sign", "--remote", &url, "leaf.csr"])
        .fails()
        .to_string();
    assert_server_error(&err, &url, "HTTP 403: policy says no; and no again");
    assert!(received.join().unwrap().is_some(), "certsmith never called");
}

#[test]
fn a_csr_json_keeps_its_private_key_local_and_its_sans_in_the_csr() {
    let s = lab();
    let (url, received) = one_shot_server(
        200,
        sign_with_intermediate(s.dir.path().to_path_buf(), "server"),
    );
    let run = s.certsmith_split(&["remote", "sign", "--remote", &url, "leaf.json"], "app");
    let received = received.join().unwrap().expect("certsmith never called");

    assert_eq!(received.request_line, "POST /api/v1/cfssl/sign HTTP/1.1");
    let body = String::from_utf8_lossy(&received.body);
    assert!(
        !body.contains("PRIVATE KEY"),
        "the key left the machine: {body}"
    );
    let request = received.json();
    // Absent (or null) hosts keep the CSR's SANs; `[]` would strip them all.
    assert!(
        request.get("hosts").is_none_or(|h| h.is_null()),
        "hosts sent without --hostname: {body}"
    );
    assert!(request.get("NotBefore").is_none() && request.get("NotAfter").is_none());
    let csr = request["certificate_request"].as_str().unwrap();
    assert_eq!(pem_body(csr), pem_body(run.json()["csr"].as_str().unwrap()));

    assert_eq!(
        public_key_of_cert(&s, "app.pem"),
        public_key_of_key(&s, "app-key.pem")
    );
    s.openssl_verify("ca.pem", &["int.pem"], "app.pem");
    let text = s.x509_text("app.pem");
    assert!(
        text.contains("DNS:app.example.com") && text.contains("IP Address:10.0.0.7"),
        "{text}"
    );
}

#[test]
fn authsign_sends_the_inner_request_and_a_token_over_its_exact_bytes() {
    let s = lab();
    let (url, received) = one_shot_server(
        200,
        sign_with_intermediate(s.dir.path().to_path_buf(), "client"),
    );
    s.certsmith_split(
        &[
            "remote",
            "sign",
            "--remote",
            &url,
            "--label",
            "primary",
            "--profile",
            "authd",
            "--hostname",
            "client.example.com",
            "--auth-key",
            &key_file(&s, AUTH_KEY),
            "leaf.csr",
        ],
        "client",
    );
    let received = received.join().unwrap().expect("certsmith never called");
    assert_eq!(
        received.request_line,
        "POST /api/v1/cfssl/authsign HTTP/1.1"
    );
    let outer = received.json();
    let inner_bytes = BASE64
        .decode(outer["request"].as_str().expect("request"))
        .expect("standard padded base64");
    assert_eq!(
        outer["token"].as_str().expect("token"),
        openssl_hmac(&s, AUTH_KEY, &inner_bytes)
    );
    assert!(outer["timestamp"].is_u64(), "{outer}");
    let inner: serde_json::Value = serde_json::from_slice(&inner_bytes).unwrap();
    assert_eq!(inner["profile"], "authd");
    assert_eq!(inner["label"], "primary");
    assert_eq!(inner["hosts"], serde_json::json!(["client.example.com"]));
    assert_eq!(
        pem_body(inner["certificate_request"].as_str().unwrap()),
        pem_body(&s.read("leaf.csr"))
    );
    s.openssl_verify("ca.pem", &["int.pem"], "client.pem");
}

/// A cfssl client config works unchanged: `sign --config client.json --profile P`
/// goes to the remote named by the profile's `remote` or `auth_remote`,
/// resolving `remotes` and `auth_keys` (here an `env:` key), with no --ca.
#[test]
fn sign_with_a_cfssl_client_config_goes_to_its_remote() {
    let s = lab();
    let server = cfssl_serve(&s, true);
    let url = server.url("https");
    s.write(
        "client.json",
        &format!(
            r#"{{"signing":{{"default":{{"auth_remote":{{"remote":"ca","auth_key":"primary"}}}},
              "profiles":{{"authd":{{"auth_remote":{{"remote":"ca","auth_key":"primary"}}}},"server":{{"remote":"ca"}}}}}},
              "auth_keys":{{"primary":{{"type":"standard","key":"env:TEST_AUTH_KEY"}}}},
              "remotes":{{"ca":"{url}"}}}}"#
        ),
    );
    let env = [("TEST_AUTH_KEY", AUTH_KEY)];
    s.write(
        "signer-chain.pem",
        &format!("{}{}", s.read("int.pem"), s.read("ca.pem")),
    );
    // `remote`: plain sign over TLS; the returned certificate is checked against --ca.
    let run = certsmith_env(
        &s,
        &[
            "sign",
            "--config",
            "client.json",
            "--profile",
            "server",
            "--tls-remote-ca",
            "ca.pem",
            "--ca",
            "signer-chain.pem",
            "leaf.csr",
        ],
        &env,
    );
    run.ok();
    std::fs::write(
        s.path("viaremote.pem"),
        run.json()["cert"].as_str().unwrap(),
    )
    .unwrap();
    s.openssl_verify("ca.pem", &["int.pem"], "viaremote.pem");
    s.pkilint("viaremote.pem");
    assert!(
        s.x509_text("viaremote.pem")
            .contains("TLS Web Server Authentication")
    );
    // `auth_remote`: authsign with the key from the environment.
    let run = certsmith_env(
        &s,
        &[
            "sign",
            "--config",
            "client.json",
            "--profile",
            "authd",
            "--tls-remote-ca",
            "ca.pem",
            "leaf.csr",
        ],
        &env,
    );
    run.ok();
    std::fs::write(s.path("authd.pem"), run.json()["cert"].as_str().unwrap()).unwrap();
    s.openssl_verify("ca.pem", &["int.pem"], "authd.pem");
    assert!(
        s.x509_text("authd.pem")
            .contains("TLS Web Client Authentication")
    );
    // A wrong key in the environment is the server's "invalid token".
    let run = certsmith_env(
        &s,
        &[
            "sign",
            "--config",
            "client.json",
            "--profile",
            "authd",
            "--tls-remote-ca",
            "ca.pem",
            "leaf.csr",
        ],
        &[("TEST_AUTH_KEY", "00112233445566778899aabbccddeeff")],
    );
    assert!(
        run.fails().contains("HTTP 400: invalid token"),
        "{}",
        run.stderr
    );
    // A local profile without --ca/--ca-key says what is missing, as a
    // usage error (exit 2).
    let run = s.certsmith(&["sign", "--profile", "server", "leaf.csr"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: profile `server` signs locally: --ca and --ca-key are needed\n"),
        "{}",
        run.stderr
    );
}
