//! The ecosystem examples run end to end against the built binary:
//! examples/pipeline (issue what is missing, renew what expires soon,
//! idempotent) and examples/per-service-mtls (one root per service, enforced
//! by an openssl s_server).

use std::time::SystemTime;

use crate::support::*;

/// Runs examples/EXAMPLE/run.sh OUT in the scratch directory, in the C locale.
fn run_example(s: &Scratch, example: &str, out: &str, env: &[(&str, &str)]) -> Run {
    let env: Vec<(&str, &str)> = std::iter::once(("LC_ALL", "C"))
        .chain(env.iter().copied())
        .collect();
    s.run_example(example, "run.sh", &[out], &env)
}

const HOSTS: [&str; 3] = ["web1.example.org", "web2.example.org", "db1.example.org"];

fn mtimes(s: &Scratch, files: &[String]) -> Vec<SystemTime> {
    files
        .iter()
        .map(|f| {
            std::fs::metadata(s.path(f))
                .and_then(|m| m.modified())
                .unwrap_or_else(|e| panic!("{f}: {e}"))
        })
        .collect()
}

fn serial(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-serial", "-in", cert])
        .ok()
        .stdout_str()
}

#[test]
fn pipeline_issues_missing_certificates_once_and_is_idempotent() {
    let s = Scratch::new();
    let first = run_example(&s, "pipeline", "p", &[]);
    first.ok();
    assert!(
        first.stderr.contains("issued 3, renewed 0"),
        "{}",
        first.stderr
    );
    let mut files = vec!["p/ca.pem".to_owned(), "p/ca-key.pem".to_owned()];
    for host in HOSTS {
        let cert = format!("p/certs/{host}.pem");
        s.openssl_verify("p/ca.pem", &[], &cert);
        assert_eq!(s.file_mode(&format!("p/certs/{host}-key.pem")), 0o600);
        let text = s.x509_text(&cert);
        assert!(text.contains(&format!("DNS:{host}")), "{text}");
        files.push(cert);
        files.push(format!("p/certs/{host}-key.pem"));
    }
    s.pkilint("p/certs/web1.example.org.pem");
    assert!(
        s.x509_text("p/certs/db1.example.org.pem")
            .contains("IP Address:10.0.2.21")
    );

    let before = mtimes(&s, &files);
    let second = run_example(&s, "pipeline", "p", &[]);
    second.ok();
    assert!(
        second.stderr.contains("issued 0, renewed 0") && second.stderr.contains("ca: kept"),
        "{}",
        second.stderr
    );
    assert_eq!(mtimes(&s, &files), before, "a second run rewrote files");

    // A host added to the inventory gets a certificate; the others are untouched.
    let mut hosts = s.read("p/hosts.txt");
    hosts.push_str("cache1.example.org 10.0.3.31\n");
    s.write("p/hosts.txt", &hosts);
    let third = run_example(&s, "pipeline", "p", &[]);
    third.ok();
    assert!(
        third.stderr.contains("issued 1, renewed 0"),
        "{}",
        third.stderr
    );
    s.openssl_verify("p/ca.pem", &[], "p/certs/cache1.example.org.pem");
    assert_eq!(mtimes(&s, &files), before);
}

#[test]
fn pipeline_renews_only_what_expires_within_renew_within_keeping_the_key() {
    let s = Scratch::new();
    run_example(&s, "pipeline", "p", &[]).ok();

    // web2 gets a short-lived certificate for its existing key.
    s.write(
        "short.json",
        r#"{"signing":{"default":{"expiry":"1h","usages":["digital signature","server auth","client auth"]},
            "profiles":{"short":{"expiry":"1h","usages":["digital signature","server auth","client auth"]}}}}"#,
    );
    s.certsmith_split(
        &[
            "csr",
            "--key",
            "p/certs/web2.example.org-key.pem",
            "--from-cert",
            "p/certs/web2.example.org.pem",
        ],
        "web2",
    );
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            "p/ca.pem",
            "--ca-key",
            "p/ca-key.pem",
            "--config",
            "short.json",
            "--profile",
            "short",
            "web2.csr",
        ],
        "p/certs/web2.example.org",
    );
    let short_serial = serial(&s, "p/certs/web2.example.org.pem");
    let key = s.read("p/certs/web2.example.org-key.pem");
    let others = [
        "p/certs/web1.example.org.pem".to_owned(),
        "p/certs/db1.example.org.pem".to_owned(),
    ];
    let before = mtimes(&s, &others);

    // RENEW_WITHIN shorter than the remaining hour: nothing to do.
    let idle = run_example(&s, "pipeline", "p", &[("RENEW_WITHIN", "30m")]);
    idle.ok();
    assert!(
        idle.stderr.contains("issued 0, renewed 0"),
        "{}",
        idle.stderr
    );
    assert_eq!(serial(&s, "p/certs/web2.example.org.pem"), short_serial);

    let renew = run_example(&s, "pipeline", "p", &[("RENEW_WITHIN", "2h")]);
    renew.ok();
    assert!(
        renew.stderr.contains("renewed: web2.example.org")
            && renew.stderr.contains("issued 0, renewed 1"),
        "{}",
        renew.stderr
    );
    assert_ne!(serial(&s, "p/certs/web2.example.org.pem"), short_serial);
    assert_eq!(
        s.read("p/certs/web2.example.org-key.pem"),
        key,
        "renewal replaced the key"
    );
    assert_eq!(mtimes(&s, &others), before, "renewal touched other hosts");
    s.openssl_verify("p/ca.pem", &[], "p/certs/web2.example.org.pem");
    s.pkilint("p/certs/web2.example.org.pem");
    let text = s.x509_text("p/certs/web2.example.org.pem");
    assert!(
        text.contains("DNS:web2.example.org") && text.contains("IP Address:10.0.1.12"),
        "{text}"
    );
    // Renewed for the default year: a further run with 2h renews nothing.
    let after = run_example(&s, "pipeline", "p", &[("RENEW_WITHIN", "2h")]);
    after.ok();
    assert!(
        after.stderr.contains("issued 0, renewed 0"),
        "{}",
        after.stderr
    );
}

#[test]
fn per_service_mtls_accepts_its_own_client_and_rejects_the_other_service() {
    let s = Scratch::new();
    require("openssl");
    require("timeout");
    let run = run_example(&s, "per-service-mtls", "m", &[]);
    run.ok();
    let out = run.stdout_str();
    assert!(
        out.contains("payments client: accepted"),
        "{out}{}",
        run.stderr
    );
    assert!(
        out.contains("orders client: rejected"),
        "{out}{}",
        run.stderr
    );

    for svc in ["payments", "orders"] {
        let root = format!("m/{svc}-root.pem");
        for role in ["server", "client"] {
            let cert = format!("m/{svc}-{role}.pem");
            s.openssl_verify(&root, &[], &cert);
            s.pkilint(&cert);
        }
    }
    let other = s.run(
        "openssl",
        &[
            "verify",
            "-CAfile",
            "m/payments-root.pem",
            "m/orders-client.pem",
        ],
    );
    assert_ne!(
        other.status, 0,
        "an orders certificate verified under payments' root"
    );
    let server = s.x509_text("m/payments-server.pem");
    assert!(
        server.contains("DNS:payments.svc.example.org, IP Address:127.0.0.1")
            && server.contains("TLS Web Server Authentication"),
        "{server}"
    );
    let client = s.x509_text("m/payments-client.pem");
    assert!(
        client.contains("DNS:client.payments.svc.example.org")
            && client.contains("TLS Web Client Authentication"),
        "{client}"
    );
}
