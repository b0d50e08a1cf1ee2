//! OpenBao as the online issuing CA under an offline certsmith root (issue
//! 17), against a real `bao server -dev` on 127.0.0.1 ([`Bao`]): the
//! examples/vault-intermediate script end to end, and the helper itself
//! (its TLS listener, its PKI mounts, no server left behind).

use std::time::Duration;

use crate::support::*;

/// Runs examples/vault-intermediate/run.sh into `pki/` against `bao`.
fn vault_intermediate(s: &Scratch, bao: &Bao) -> Run {
    s.run_example("vault-intermediate", "run.sh", &["pki"], &bao.env())
}

#[test]
fn offline_root_anchors_an_openbao_intermediate_and_its_name_constraints_hold() {
    let s = Scratch::new();
    let bao = Bao::start(&s);
    let run = vault_intermediate(&s, &bao);
    run.ok();

    // The root signed the CSR OpenBao made, as a CA with path length 0 and
    // critical name constraints; OpenBao now issues under that certificate.
    let root = "pki/offline/root.pem";
    let int = "pki/offline/vault-int.pem";
    s.openssl_verify(root, &[], int);
    s.pkilint(int);
    let text = s.x509_text(int);
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    assert!(
        text.contains("X509v3 Name Constraints: critical")
            && text.contains("DNS:example.com")
            && text.contains("IP:10.0.0.0/255.0.0.0"),
        "{text}"
    );
    let served = bao.read("pki_int/cert/ca")["certificate"]
        .as_str()
        .expect("pki_int/cert/ca has a certificate")
        .to_owned();
    assert_eq!(served.trim(), s.read(int).trim(), "OpenBao's issuing CA");

    // A leaf OpenBao signed for the host's own key verifies up to the
    // offline root, with OpenBao's intermediate as the only untrusted link.
    let app = "pki/host/app.pem";
    s.openssl_verify(root, &[int], app);
    s.certsmith(&["bundle", "--intermediates", int, "--roots", root, app])
        .ok();
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "pki/host/app-key.pem"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", app]).ok().stdout_str(),
        "app.pem is for the key the host made"
    );

    // OpenBao signs a name outside the root's constraints when a role allows
    // it; openssl and certsmith refuse the certificate.
    let outside = "pki/host/outside.pem";
    assert!(
        s.x509_text(outside).contains("DNS:app.example.net"),
        "OpenBao did not sign app.example.net"
    );
    let verify = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            root,
            "-untrusted",
            int,
            outside,
        ],
    );
    let said = format!("{}{}", verify.stdout_str(), verify.stderr);
    assert!(
        verify.status != 0 && said.contains("permitted subtree violation"),
        "openssl verify of {outside}: {said}"
    );
    let bundle = s.certsmith(&["bundle", "--intermediates", int, "--roots", root, outside]);
    let err = bundle.fails();
    assert!(
        err.contains(r#"name "app.example.net" violates the name constraints"#)
            && err.contains("not within permitted DNS subtrees example.com"),
        "{err}"
    );

    // The script said what it checked.
    for line in [
        "OpenBao's issuing CA is vault-int.pem",
        "certsmith bundle: app.pem chains to root.pem",
        "permitted subtree violation",
        "violates the name constraints",
    ] {
        assert!(run.stderr.contains(line), "no {line:?} in:\n{}", run.stderr);
    }
}

#[test]
fn vault_intermediate_script_refuses_a_mount_that_exists() {
    let s = Scratch::new();
    let bao = Bao::start(&s);
    bao.enable_pki("pki_int");
    let run = vault_intermediate(&s, &bao);
    let err = run.fails();
    assert!(
        err.contains("OpenBao already has a mount at pki_int/: set PKI_MOUNT to a new path"),
        "{err}"
    );
    assert!(!s.exists("pki"), "the script made files before refusing");
}

#[test]
fn bao_helper_mounts_pki_keeps_the_token_out_of_argv_and_leaves_no_server() {
    let s = Scratch::new();
    let bao = Bao::start(&s);
    bao.enable_pki("pki_a");
    let tune = bao.read("sys/mounts/pki_a/tune");
    assert_eq!(tune["max_lease_ttl"], 87600 * 3600, "{tune}");
    assert_eq!(bao.token().len(), 32);

    let pid = bao.pid();
    let argv = std::fs::read(format!("/proc/{pid}/cmdline")).expect("server argv");
    assert!(
        !String::from_utf8_lossy(&argv).contains(bao.token()),
        "the root token is in the server's argv"
    );

    let port = bao.port();
    drop(bao);
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "bao server {pid} still runs after its Bao was dropped"
    );
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    assert!(
        std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err(),
        "port {port} still accepts connections"
    );
}

#[test]
fn bao_helper_serves_tls_with_a_certsmith_server_certificate() {
    let s = with_root();
    s.write(
        "bao-csr.json",
        r#"{"CN":"127.0.0.1","hosts":["127.0.0.1"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["--profile", "server", "bao-csr.json"], "bao");
    let bao = Bao::start_tls(&s, "bao.pem", "bao-key.pem");
    let addr = bao.addr();
    assert!(addr.starts_with("https://127.0.0.1:"), "{addr}");

    // The bao CLI verifies the listener's certificate against certsmith's
    // root, and refuses it against another.
    let status = |ca: &str| {
        bao.bao(&[
            "status",
            "-format=json",
            &format!("-address={addr}"),
            &format!("-ca-cert={}", path_str(&s.path(ca))),
        ])
    };
    let ok = status("ca.pem");
    ok.ok();
    assert_eq!(ok.json()["sealed"], false);
    s.init_ca("other", ROOT_CSR);
    let refused = status("other.pem");
    assert_ne!(refused.status, 0);
    assert!(
        refused
            .stderr
            .contains("certificate signed by unknown authority"),
        "{}",
        refused.stderr
    );
}
