//! `certsmith remote sign|info|revoke --vault` against a real OpenBao
//! (`bao server -dev` on 127.0.0.1, one per test, stopped by its PID when
//! the test ends): the key is made here and only the CSR travels, which
//! OpenBao's own audit log (raw) shows; every certificate is checked by
//! openssl against OpenBao's CA.

use std::process::Stdio;

use crate::support::{Bao, Run, Scratch, certsmith_command};

/// An OpenBao with a PKI mount `pki` (its own root, `bao-ca.pem`) and a role
/// `web` that signs names under example.com, any key type.
fn bao_pki(s: &Scratch) -> Bao {
    pki(Bao::start(s), s)
}

/// `bao` with the mount and role of [`bao_pki`].
fn pki(bao: Bao, s: &Scratch) -> Bao {
    bao.enable_pki("pki");
    let root = bao.write(
        "pki/root/generate/internal",
        &["common_name=OpenBao Test CA", "ttl=8760h"],
    );
    s.write("bao-ca.pem", root["certificate"].as_str().expect("a root"));
    bao.write(
        "pki/roles/web",
        &[
            "allowed_domains=example.com",
            "allow_subdomains=true",
            "allow_ip_sans=true",
            "key_type=any",
            "max_ttl=72h",
        ],
    );
    bao
}

/// `certsmith ARGS` in the scratch directory with `env` (the scrubbed
/// environment otherwise: no token unless given).
fn certsmith(s: &Scratch, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = certsmith_command()
        .args(args)
        .current_dir(s.dir.path())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("certsmith");
    Run::from(out)
}

/// `remote sign --vault ADDR --mount pki --role web ARGS INPUT`.
fn vault_sign(s: &Scratch, bao: &Bao, args: &[&str], input: &str, env: &[(&str, &str)]) -> Run {
    let addr = bao.addr();
    let mut all = vec![
        "remote", "sign", "--vault", &addr, "--mount", "pki", "--role", "web",
    ];
    all.extend(args);
    all.push(input);
    certsmith(s, &all, env)
}

#[test]
fn keys_made_here_are_signed_by_openbao_and_never_sent() {
    let s = Scratch::new();
    // OpenBao's audit log, raw: every request body as it arrived.
    let bao = pki(Bao::start_audited(&s, "audit.log"), &s);
    let token = [("VAULT_TOKEN", bao.token())];
    for (name, key) in [
        ("rsa", r#"{"algo":"rsa","size":2048}"#),
        ("p256", r#"{"algo":"ecdsa","size":256}"#),
        ("ed25519", r#"{"algo":"ed25519"}"#),
    ] {
        s.write(
            &format!("{name}.json"),
            &format!(
                r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com","10.0.0.7"],"key":{key}}}"#
            ),
        );
        let run = vault_sign(
            &s,
            &bao,
            &["--ca", "bao-ca.pem"],
            &format!("{name}.json"),
            &token,
        );
        s.certsmith_stdin(&["split-json", name], &run.ok().stdout)
            .ok();
        s.openssl_verify("bao-ca.pem", &[], &format!("{name}.pem"));
        // The certificate is for the key made here.
        let from_cert = s.run(
            "openssl",
            &["x509", "-noout", "-pubkey", "-in", &format!("{name}.pem")],
        );
        let from_key = s.run(
            "openssl",
            &["pkey", "-pubout", "-in", &format!("{name}-key.pem")],
        );
        assert_eq!(from_cert.ok().stdout, from_key.ok().stdout, "{name}");
        let text = s.x509_text(&format!("{name}.pem"));
        assert!(
            text.contains(&format!("DNS:{name}.example.com"))
                && text.contains("IP Address:10.0.0.7"),
            "{text}"
        );
        // What OpenBao received: the CSR, and nothing of the key.
        let log = s.read("audit.log");
        let key_pem = s.read(&format!("{name}-key.pem"));
        let key_body: String = key_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert!(
            log.contains("BEGIN CERTIFICATE REQUEST"),
            "no CSR in the audit log"
        );
        assert!(
            !log.contains("PRIVATE KEY"),
            "a private key reached OpenBao"
        );
        assert!(
            !log.contains(&key_body[..32.min(key_body.len())]),
            "the key's bytes reached OpenBao"
        );
    }
}

#[test]
fn tokens_come_from_a_variable_a_file_or_approle_never_argv() {
    let s = Scratch::new();
    let bao = bao_pki(&s);
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    // BAO_TOKEN, as the bao CLI reads it.
    vault_sign(&s, &bao, &[], "app.json", &[("BAO_TOKEN", bao.token())]).ok();
    // From a file.
    s.write("token.txt", &format!("{}\n", bao.token()));
    vault_sign(&s, &bao, &["--token", "file:token.txt"], "app.json", &[]).ok();
    // AppRole, with a policy that allows signing only.
    let (role_id, secret_id) = approle(&s, &bao);
    s.write("role-id", &role_id);
    let approle = [
        "--approle-role-id",
        "file:role-id",
        "--approle-secret-id",
        "env:SECRET_ID",
    ];
    let run = vault_sign(&s, &bao, &approle, "app.json", &[("SECRET_ID", &secret_id)]);
    s.certsmith_stdin(&["split-json", "app"], &run.ok().stdout)
        .ok();
    s.openssl_verify("bao-ca.pem", &[], "app.pem");
    // A token typed on the command line is refused, and not echoed.
    let run = vault_sign(&s, &bao, &["--token", bao.token()], "app.json", &[]);
    let err = run.fails();
    assert!(err.starts_with("error: --token: refusing"), "{err}");
    assert!(!err.contains(bao.token()), "{err}");
    // No token at all.
    let err = vault_sign(&s, &bao, &[], "app.json", &[])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: no Vault or OpenBao token given\nhint: "),
        "{err}"
    );
    // A wrong token: the policy path it would need.
    let err = vault_sign(&s, &bao, &[], "app.json", &[("VAULT_TOKEN", "s.wrong")])
        .fails()
        .to_string();
    assert!(err.contains("(HTTP 403): permission denied"), "{err}");
    assert!(
        err.contains("hint: the token's policy must allow \"update\" on pki/sign/web"),
        "{err}"
    );
}

#[test]
fn a_name_or_role_openbao_refuses_is_named_with_the_role() {
    let s = Scratch::new();
    let bao = bao_pki(&s);
    let token = [("VAULT_TOKEN", bao.token())];
    s.write(
        "evil.json",
        r#"{"CN":"evil.org","key":{"algo":"ecdsa","size":256}}"#,
    );
    let run = vault_sign(&s, &bao, &[], "evil.json", &token);
    let err = run.fails();
    assert!(err.contains("not allowed by this role"), "{err}");
    assert!(err.contains("hint: the role's allowed_domains"), "{err}");
    assert!(err.contains("bao read pki/roles/web"), "{err}");
    assert!(!s.exists("evil-key.pem"));
    let addr = bao.addr();
    let args = [
        "remote",
        "sign",
        "--vault",
        &addr,
        "--mount",
        "pki",
        "--role",
        "nosuch",
        "evil.json",
    ];
    let err = certsmith(&s, &args, &token).fails().to_string();
    assert!(err.contains("unknown role: nosuch"), "{err}");
    assert!(
        err.contains("hint: list the mount's roles: bao list pki/roles"),
        "{err}"
    );
}

#[test]
fn tls_to_openbao_is_verified_against_the_named_ca() {
    let s = Scratch::new();
    // A certsmith CA and a server certificate for 127.0.0.1.
    s.init_ca("tls-ca", crate::support::ROOT_CSR);
    s.write(
        "srv.json",
        r#"{"CN":"127.0.0.1","hosts":["127.0.0.1"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("tls-ca", &["--profile", "server", "srv.json"], "srv");
    let bao = pki(Bao::start_tls(&s, "srv.pem", "srv-key.pem"), &s);
    assert!(bao.addr().starts_with("https://127.0.0.1:"));
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    let token = [("VAULT_TOKEN", bao.token())];
    let run = vault_sign(
        &s,
        &bao,
        &["--tls-remote-ca", "tls-ca.pem"],
        "app.json",
        &token,
    );
    s.certsmith_stdin(&["split-json", "app"], &run.ok().stdout)
        .ok();
    s.openssl_verify("bao-ca.pem", &[], "app.pem");
    // Another CA: the handshake is refused, nothing printed.
    s.init_ca("other-ca", crate::support::ROOT_CSR);
    let run = vault_sign(
        &s,
        &bao,
        &["--tls-remote-ca", "other-ca.pem"],
        "app.json",
        &token,
    );
    let err = run.fails();
    assert!(err.contains("TLS"), "{err}");
}

#[test]
fn a_revoked_certificate_is_in_openbaos_crl_and_info_shows_the_chain() {
    let s = Scratch::new();
    let bao = bao_pki(&s);
    let token = [("VAULT_TOKEN", bao.token())];
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    let run = vault_sign(&s, &bao, &[], "app.json", &token);
    s.certsmith_stdin(&["split-json", "app"], &run.ok().stdout)
        .ok();
    let serial = s
        .run("openssl", &["x509", "-noout", "-serial", "-in", "app.pem"])
        .ok()
        .stdout_str()
        .trim()
        .trim_start_matches("serial=")
        .to_owned();
    let addr = bao.addr();
    let revoke = [
        "remote", "revoke", "--vault", &addr, "--mount", "pki", "--serial", &serial,
    ];
    let run = certsmith(&s, &revoke, &token);
    assert!(run.ok().json()["revocation_time"].as_i64().is_some());
    // OpenBao's CRL, read back by certsmith.
    let crl = bao.bao(&["read", "-field=certificate", "pki/cert/crl"]);
    s.write("bao.crl", &crl.ok().stdout_str());
    let inspected = certsmith(&s, &["inspect", "bao.crl"], &[]);
    assert!(
        inspected.ok().stdout_str().contains(&serial.to_uppercase()),
        "{}",
        inspected.stdout_str()
    );
    // info: the mount's CA chain.
    let info = certsmith(
        &s,
        &["remote", "info", "--vault", &addr, "--mount", "pki"],
        &token,
    );
    let json = info.ok().json();
    assert_eq!(
        json["certificate"].as_str().map(str::trim),
        Some(s.read("bao-ca.pem").trim())
    );
}

#[test]
fn a_leaf_from_an_openbao_intermediate_chains_to_the_offline_root_through_the_returned_chain() {
    let s = crate::support::with_root(); // ca.pem, ca-key.pem: the offline root
    let bao = Bao::start(&s);
    bao.enable_pki("pki");
    // OpenBao makes the intermediate's key; only its CSR comes out.
    let generated = bao.write(
        "pki/intermediate/generate/internal",
        &[
            "common_name=OpenBao Intermediate",
            "key_type=ec",
            "key_bits=256",
        ],
    );
    s.write("int.csr", generated["csr"].as_str().expect("a CSR"));
    s.sign_split("ca", &["--profile", "intermediate", "int.csr"], "int");
    s.write("int-chain.pem", &(s.read("int.pem") + &s.read("ca.pem")));
    bao.write(
        "pki/intermediate/set-signed",
        &["certificate=@int-chain.pem"],
    );
    bao.write(
        "pki/roles/web",
        &[
            "allowed_domains=example.com",
            "allow_subdomains=true",
            "key_type=any",
            "max_ttl=72h",
        ],
    );
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let token = [("VAULT_TOKEN", bao.token())];
    // --ca is the offline root alone: the intermediate comes with the answer.
    let run = vault_sign(&s, &bao, &["--ca", "ca.pem"], "app.json", &token);
    s.certsmith_stdin(&["split-json", "app"], &run.ok().stdout)
        .ok();
    s.openssl_verify("ca.pem", &["app-bundle.pem"], "app.pem");
    assert_eq!(
        s.read("app-bundle.pem"),
        s.read("app.pem") + &s.read("int.pem"),
        "the bundle is the leaf and the intermediate, not the root"
    );
    // --ca may name the issuing intermediate alone, as the anchor.
    s.write(
        "app3.json",
        r#"{"CN":"app3.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    vault_sign(&s, &bao, &["--ca", "int.pem"], "app3.json", &token).ok();
    // Another root: nothing is printed, and no key is written.
    s.init_ca("other", crate::support::ROOT_CSR);
    s.write(
        "app2.json",
        r#"{"CN":"app2.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    let run = vault_sign(&s, &bao, &["--ca", "other.pem"], "app2.json", &token);
    assert!(
        run.fails()
            .contains("the returned certificate does not verify against other.pem"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_redirect_is_reported_not_followed_with_the_token() {
    use std::io::Write;
    use std::net::TcpListener;
    // Where the redirect points: it must never be called.
    let elsewhere = TcpListener::bind("127.0.0.1:0").unwrap();
    let elsewhere_addr = elsewhere.local_addr().unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    let redirector = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", redirector.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = redirector.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        read_request(&mut stream);
        write!(
            stream,
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://{elsewhere_addr}/v1/pki/sign/web\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
    });
    let s = Scratch::new();
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    let args = [
        "remote", "sign", "--vault", &url, "--mount", "pki", "--role", "web", "app.json",
    ];
    let run = certsmith(&s, &args, &[("VAULT_TOKEN", "s.secret-token")]);
    server.join().unwrap();
    let err = run.fails();
    assert!(err.contains("(HTTP 307)"), "{err}");
    assert!(err.contains("hint: the server redirected"), "{err}");
    assert!(
        elsewhere.accept().is_err(),
        "the redirect was followed, with the token"
    );
    // A role name that would climb out of the mount is refused before any request.
    let args = [
        "remote",
        "sign",
        "--vault",
        &url,
        "--mount",
        "pki",
        "--role",
        "../../sys/seal",
        "app.json",
    ];
    let err = certsmith(&s, &args, &[("VAULT_TOKEN", "s.secret-token")])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: role \"../../sys/seal\" is not a name"),
        "{err}"
    );
}

#[test]
fn vault_flags_are_usage_errors_beside_remote_and_plain_http_stays_on_this_host() {
    let s = Scratch::new();
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    for args in [
        vec![
            "remote",
            "revoke",
            "--remote",
            "127.0.0.1:1",
            "--serial",
            "01",
        ],
        vec!["remote", "revoke", "--serial", "01"],
        vec![
            "remote",
            "sign",
            "--remote",
            "127.0.0.1:1",
            "--role",
            "web",
            "app.json",
        ],
        vec![
            "remote",
            "sign",
            "--remote",
            "127.0.0.1:1",
            "--token",
            "env:X",
            "app.json",
        ],
    ] {
        let run = certsmith(&s, &args, &[]);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    // A token never crosses the network in the clear: refused before any request.
    let args = [
        "remote",
        "sign",
        "--vault",
        "http://192.0.2.1:8200",
        "--role",
        "web",
        "app.json",
    ];
    let err = certsmith(&s, &args, &[("VAULT_TOKEN", "s.x")])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: http://192.0.2.1:8200: refusing to send a token over plain HTTP"),
        "{err}"
    );
}

#[test]
fn openbao_warnings_are_notes_and_approle_tokens_are_revoked_after_use() {
    let s = Scratch::new();
    let bao = bao_pki(&s);
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    // A TTL beyond the role's maximum: OpenBao cuts it, and says so.
    let run = vault_sign(
        &s,
        &bao,
        &["--ttl", "8000h"],
        "app.json",
        &[("VAULT_TOKEN", bao.token())],
    );
    assert!(run.ok().stderr.contains("warns: TTL"), "{}", run.stderr);
    // AppRole: each run's token is revoked when it is done.
    let (role_id, secret) = approle(&s, &bao);
    let tokens = || {
        bao.bao(&["list", "-format=json", "auth/token/accessors"])
            .ok()
            .json()
            .as_array()
            .map_or(0, Vec::len)
    };
    let before = tokens();
    let env = [
        ("ROLE_ID", role_id.as_str()),
        ("SECRET_ID", secret.as_str()),
    ];
    let approle = [
        "--approle-role-id",
        "env:ROLE_ID",
        "--approle-secret-id",
        "env:SECRET_ID",
    ];
    for _ in 0..2 {
        vault_sign(&s, &bao, &approle, "app.json", &env).ok();
    }
    assert_eq!(tokens(), before, "an AppRole token was left behind");
}

#[test]
fn a_sealed_or_standby_node_passes_the_request_on_to_the_next_address() {
    use std::io::Write;
    let s = Scratch::new();
    let bao = bao_pki(&s);
    let sealed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let sealed_url = format!("http://{}", sealed.local_addr().unwrap());
    let node = std::thread::spawn(move || {
        let (mut stream, _) = sealed.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        read_request(&mut stream);
        let body = r#"{"errors":["Vault is sealed"]}"#;
        write!(
            stream,
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
    });
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","key":{"algo":"ecdsa","size":256}}"#,
    );
    let list = format!("{sealed_url},{}", bao.addr());
    let args = [
        "remote", "sign", "--vault", &list, "--mount", "pki", "--role", "web", "app.json",
    ];
    let run = certsmith(&s, &args, &[("VAULT_TOKEN", bao.token())]);
    node.join().unwrap();
    s.certsmith_stdin(&["split-json", "app"], &run.ok().stdout)
        .ok();
    assert!(
        run.stderr
            .contains(&format!("note: {sealed_url}: HTTP 503")),
        "{}",
        run.stderr
    );
    s.openssl_verify("bao-ca.pem", &[], "app.pem");
}

#[test]
fn verbatim_a_namespace_and_a_csr_on_stdin() {
    let s = Scratch::new();
    let bao = Bao::start(&s);
    // A namespace of its own, with the PKI mount inside it.
    bao.bao(&["namespace", "create", "team-a"]).ok();
    bao.bao(&["secrets", "enable", "-namespace=team-a", "-path=pki", "pki"])
        .ok();
    let root = bao.bao(&[
        "write",
        "-namespace=team-a",
        "-format=json",
        "pki/root/generate/internal",
        "common_name=Team A CA",
        "ttl=720h",
    ]);
    s.write(
        "team-ca.pem",
        run_data(&root)["certificate"].as_str().expect("a root"),
    );
    bao.bao(&[
        "write",
        "-namespace=team-a",
        "pki/roles/web",
        "allowed_domains=example.com",
        "allow_subdomains=true",
        "key_type=any",
        "max_ttl=72h",
    ])
    .ok();
    // A CSR made beforehand, sent on stdin, signed verbatim in the namespace.
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com"],"names":[{"O":"Team A"}],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let made = s.certsmith(&["genkey", "app.json"]).ok().json();
    s.write("app.csr", made["csr"].as_str().expect("a CSR"));
    let addr = bao.addr();
    let out = certsmith_command()
        .args(["remote", "sign", "--vault", &addr, "--namespace", "team-a"])
        .args([
            "--mount",
            "pki",
            "--role",
            "web",
            "--verbatim",
            "--ca",
            "team-ca.pem",
            "-",
        ])
        .current_dir(s.dir.path())
        .env("VAULT_TOKEN", bao.token())
        .stdin(std::fs::File::open(s.path("app.csr")).unwrap())
        .output()
        .unwrap();
    let run = Run::from(out);
    let json = run.ok().json();
    assert!(
        json.get("key").is_none(),
        "a CSR's key stays where it was made"
    );
    s.write("app.pem", json["cert"].as_str().expect("a certificate"));
    s.openssl_verify("team-ca.pem", &[], "app.pem");
    // Verbatim: the CSR's subject as it is (`sign` would keep only the CN).
    let subject = s.run("openssl", &["x509", "-noout", "-subject", "-in", "app.pem"]);
    assert!(
        subject.ok().stdout_str().contains("O = Team A"),
        "{}",
        subject.stdout_str()
    );
    // Outside the namespace, the role is not there.
    let args = [
        "remote", "sign", "--vault", &addr, "--mount", "pki", "--role", "web", "app.json",
    ];
    let err = certsmith(&s, &args, &[("VAULT_TOKEN", bao.token())])
        .fails()
        .to_string();
    assert!(err.contains("refused v1/pki/sign/web"), "{err}");
}

/// A `bao … -format=json` answer's `data`.
/// Reads a whole HTTP request (its headers, then Content-Length bytes of
/// body) before a fake server answers: closing a socket with unread bytes
/// makes the kernel reset the connection, and the client may then see the
/// reset instead of the answer.
fn read_request(stream: &mut std::net::TcpStream) {
    use std::io::Read;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let body_len = loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
        if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            break end + 4 + length;
        }
    };
    while got.len() < body_len {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
}

fn run_data(run: &Run) -> serde_json::Value {
    run.ok().json()["data"].clone()
}

/// An AppRole `host` whose tokens may only sign with pki/roles/web: its
/// role id and a fresh secret id.
fn approle(s: &Scratch, bao: &Bao) -> (String, String) {
    s.write(
        "signer.hcl",
        "path \"pki/sign/web\" { capabilities = [\"update\"] }\n",
    );
    bao.bao(&["policy", "write", "signer", "signer.hcl"]).ok();
    bao.bao(&["auth", "enable", "approle"]).ok();
    bao.bao(&["write", "auth/approle/role/host", "token_policies=signer"])
        .ok();
    let role_id = bao.read("auth/approle/role/host/role-id")["role_id"]
        .as_str()
        .expect("a role id")
        .to_owned();
    let secret = bao.bao(&[
        "write",
        "-f",
        "-format=json",
        "auth/approle/role/host/secret-id",
    ]);
    let secret_id = secret.ok().json()["data"]["secret_id"]
        .as_str()
        .expect("a secret id")
        .to_owned();
    (role_id, secret_id)
}
