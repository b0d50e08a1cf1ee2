//! The shipped examples (examples/kubernetes, examples/demo, examples/hsm-root)
//! run end to end against the built binary, and what they make passes openssl
//! and pkilint.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn example_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// pkilint of every certificate, several at a time: it is the slow part.
fn pkilint_all(s: &Scratch, certs: &[String]) {
    std::thread::scope(|scope| {
        for cert in certs {
            scope.spawn(move || s.pkilint(cert));
        }
    });
}

/// `make CERTSMITH=<bin> ARGS…` in a copy of examples/kubernetes (its Makefile
/// and CSR JSON files) in the scratch directory, as a user runs it, without
/// the MAKEFLAGS of a `make test` that may be running cargo.
fn kubernetes_make(s: &Scratch, args: &[&str]) -> Run {
    kubernetes_make_with_path(s, args, None)
}

/// [`kubernetes_make`], with `PATH` set for make and what it runs when given.
fn kubernetes_make_with_path(s: &Scratch, args: &[&str], path: Option<&str>) -> Run {
    require("make");
    if !s.exists("Makefile") {
        for entry in std::fs::read_dir(example_dir("kubernetes")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if name == "Makefile" || name.ends_with(".json") {
                std::fs::copy(&path, s.path(&name)).unwrap();
            }
        }
    }
    let mut cmd = command("make");
    cmd.arg("--no-print-directory")
        .arg(format!("CERTSMITH={}", certsmith_bin()))
        .args(args)
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS")
        .env_remove("MAKELEVEL")
        .env("LC_ALL", "C");
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    run_in(s, cmd)
}

/// Runs `cmd` in the scratch directory and collects its result.
fn run_in(s: &Scratch, mut cmd: Command) -> Run {
    let out = cmd.current_dir(s.dir.path()).output().expect("spawn");
    Run::from(out)
}

#[test]
fn kubernetes_makefile_builds_the_cluster_set_with_make_j() {
    let s = Scratch::new();
    kubernetes_make(&s, &["-j8"]).ok();

    let workers = ["worker-0", "worker-1", "worker-2"];
    let leaves: Vec<&str> = [
        "admin",
        "kube-controller-manager",
        "kube-proxy",
        "kube-scheduler",
        "kubernetes",
        "service-account",
    ]
    .into_iter()
    .chain(workers)
    .collect();
    let certs: Vec<String> = std::iter::once("ca")
        .chain(leaves.iter().copied())
        .map(|name| format!("{name}.pem"))
        .collect();
    for cert in &certs {
        let key = cert.replace(".pem", "-key.pem");
        assert!(s.exists(cert), "{cert} missing");
        assert_eq!(s.file_mode(&key), 0o600, "{key} mode");
    }
    pkilint_all(&s, &certs);
    for name in &leaves {
        s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
    }

    let api = s.x509_text("kubernetes.pem");
    for san in [
        "IP Address:10.32.0.1",
        "IP Address:10.240.0.10",
        "IP Address:10.240.0.11",
        "IP Address:10.240.0.12",
        "IP Address:10.240.0.2",
        "IP Address:127.0.0.1",
        "DNS:kubernetes,",
        "DNS:kubernetes.default,",
        "DNS:kubernetes.default.svc,",
        "DNS:kubernetes.default.svc.cluster,",
        "DNS:kubernetes.svc.cluster.local",
    ] {
        assert!(api.contains(san), "kubernetes.pem lacks {san}:\n{api}");
    }
    assert!(
        api.contains("TLS Web Server Authentication, TLS Web Client Authentication"),
        "{api}"
    );

    let admin = s.x509_text("admin.pem");
    assert!(
        admin.contains("O = system:masters") && admin.contains("CN = admin"),
        "{admin}"
    );
    let kubelet = s.x509_text("worker-1.pem");
    assert!(
        kubelet.contains("O = system:nodes") && kubelet.contains("CN = system:node:worker-1"),
        "{kubelet}"
    );
    assert!(
        kubelet.contains("DNS:worker-1, IP Address:10.240.0.21"),
        "{kubelet}"
    );
    assert!(
        s.x509_text("kube-proxy.pem")
            .contains("O = system:node-proxier")
    );

    // Everything is up to date: a second make runs nothing and the CA key stays.
    let ca_key = s.read("ca-key.pem");
    kubernetes_make(&s, &["-q"]).ok();
    let again = kubernetes_make(&s, &[]);
    again.ok();
    assert!(
        !again.stdout_str().contains("split-json")
            && again.stdout_str().contains("Nothing to be done"),
        "{}",
        again.stdout_str()
    );
    assert_eq!(
        s.read("ca-key.pem"),
        ca_key,
        "a second make replaced the CA key"
    );

    let verify = kubernetes_make(&s, &["verify"]);
    verify.ok();
    assert_eq!(
        verify.stdout_str().matches(": OK").count(),
        leaves.len(),
        "{}",
        verify.stdout_str()
    );
}

/// The certificates the Kubernetes Makefile makes, the CA's first.
const KUBERNETES_CERTS: [&str; 10] = [
    "ca",
    "admin",
    "worker-0",
    "worker-1",
    "worker-2",
    "kube-controller-manager",
    "kube-proxy",
    "kube-scheduler",
    "kubernetes",
    "service-account",
];

fn read_all(s: &Scratch, suffix: &str) -> Vec<Vec<u8>> {
    KUBERNETES_CERTS
        .iter()
        .map(|name| std::fs::read(s.path(&format!("{name}{suffix}"))).unwrap())
        .collect()
}

/// Every leaf verifies against the CA (openssl -x509_strict) and is for the key beside it.
#[track_caller]
fn assert_kubernetes_set_holds(s: &Scratch) {
    for name in &KUBERNETES_CERTS[1..] {
        let cert = format!("{name}.pem");
        s.openssl_verify("ca.pem", &[], &cert);
        let from_cert = s.run("openssl", &["x509", "-noout", "-pubkey", "-in", &cert]);
        let key = format!("{name}-key.pem");
        let from_key = s.run("openssl", &["pkey", "-pubout", "-in", &key]);
        assert_eq!(
            from_cert.ok().stdout_str(),
            from_key.ok().stdout_str(),
            "{cert} is not for {key}"
        );
    }
}

#[test]
fn kubernetes_makefile_runs_again_and_after_touching_the_config_keeping_every_key() {
    let s = Scratch::new();
    // First run: everything is made.
    kubernetes_make(&s, &["-j8"]).ok();
    assert_kubernetes_set_holds(&s);
    let (keys, certs) = (read_all(&s, "-key.pem"), read_all(&s, ".pem"));

    // Second run: nothing to do, nothing touched.
    let second = kubernetes_make(&s, &["-j8"]);
    second.ok();
    assert!(
        second.stdout_str().contains("Nothing to be done"),
        "{}",
        second.stdout_str()
    );
    assert_eq!(read_all(&s, ".pem"), certs);

    // After `touch ca-config.json`: every leaf re-issued with the key it has,
    // the CA (key and certificate) left alone.
    s.run("touch", &["ca-config.json"]).ok();
    let third = kubernetes_make(&s, &["-j8"]);
    third.ok();
    assert!(!third.stderr.contains("error"), "{}", third.stderr);
    assert_eq!(read_all(&s, "-key.pem"), keys, "a key was replaced");
    let reissued = read_all(&s, ".pem");
    assert_eq!(reissued[0], certs[0], "the CA certificate was replaced");
    for (i, name) in KUBERNETES_CERTS.iter().enumerate().skip(1) {
        assert_ne!(reissued[i], certs[i], "{name}.pem was not re-issued");
        assert!(
            third
                .stdout_str()
                .lines()
                .any(|l| l.contains(&format!(" -key={name}-key.pem "))
                    && l.ends_with(&format!("split-json -bare {name}"))),
            "{name} was not re-issued with its key:\n{}",
            third.stdout_str()
        );
    }
    assert_kubernetes_set_holds(&s);

    // The kubeconfigs, written without kubectl (a `kubectl` first on PATH
    // that fails if run: Debian 12's panics in `config set-credentials`),
    // read back by kubectl itself (make test installs it) as what its own
    // four commands write.
    require("kubectl");
    std::fs::create_dir(s.path("no-kubectl")).unwrap();
    s.write(
        "no-kubectl/kubectl",
        "#!/bin/sh\necho 'kubectl ran while the kubeconfigs were written' >&2\nexit 1\n",
    );
    {
        use std::os::unix::fs::PermissionsExt;
        let stub = s.path("no-kubectl/kubectl");
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        path_str(&s.path("no-kubectl")),
        std::env::var("PATH").unwrap_or_default()
    );
    kubernetes_make_with_path(&s, &["-j8", "kubeconfigs"], Some(&path)).ok();
    let public = "https://10.240.0.2:6443";
    let local = "https://127.0.0.1:6443";
    for (name, user, server) in [
        ("admin", "admin", local),
        ("worker-0", "system:node:worker-0", public),
        ("worker-1", "system:node:worker-1", public),
        ("worker-2", "system:node:worker-2", public),
        ("kube-proxy", "system:kube-proxy", public),
        (
            "kube-controller-manager",
            "system:kube-controller-manager",
            local,
        ),
        ("kube-scheduler", "system:kube-scheduler", local),
    ] {
        let config = format!("{name}.kubeconfig");
        assert_eq!(s.file_mode(&config), 0o600, "{config}");
        let view = command("kubectl")
            .args(["config", "view", "--raw", "--kubeconfig", &config])
            .env("HOME", s.path("no-kubectl"))
            .env_remove("KUBECONFIG")
            .current_dir(s.dir.path())
            .output()
            .expect("kubectl");
        let view = Run::from(view);
        assert_eq!(
            view.ok().stdout_str(),
            crate::kube::kubeconfig_view(
                &s,
                server,
                "kubernetes-the-hard-way",
                user,
                "ca.pem",
                &format!("{name}.pem"),
                &format!("{name}-key.pem"),
            ),
            "{config}"
        );
    }
}

#[test]
fn kubernetes_makefile_reissues_an_edited_worker_alone_keeping_its_key() {
    let s = Scratch::new();
    kubernetes_make(&s, &["-j8"]).ok();
    let (ca_key, worker_key, admin) = (
        s.read("ca-key.pem"),
        s.read("worker-1-key.pem"),
        s.read("admin.pem"),
    );
    let csr = s
        .read("worker-1-csr.json")
        .replace("10.240.0.21", "10.240.0.99");
    s.write("worker-1-csr.json", &csr);
    kubernetes_make(&s, &["-j8"]).ok();
    let kubelet = s.x509_text("worker-1.pem");
    assert!(
        kubelet.contains("DNS:worker-1, IP Address:10.240.0.99"),
        "{kubelet}"
    );
    s.openssl_verify("ca.pem", &[], "worker-1.pem");
    s.pkilint("worker-1.pem");
    assert_eq!(
        s.read("worker-1-key.pem"),
        worker_key,
        "re-issuing replaced the worker's key"
    );
    assert_eq!(s.read("ca-key.pem"), ca_key);
    assert_eq!(
        s.read("admin.pem"),
        admin,
        "an unrelated certificate was re-issued"
    );
}

#[test]
fn kubernetes_makefile_refuses_a_new_ca_over_an_existing_key() {
    let s = Scratch::new();
    kubernetes_make(&s, &["-j8"]).ok();
    let ca_key = s.read("ca-key.pem");
    std::fs::remove_file(s.path("ca.pem")).unwrap();
    let run = kubernetes_make(&s, &[]);
    assert_ne!(run.status, 0);
    assert!(
        run.stderr.contains(
            "error: ca-key.pem already holds a different private key; refusing to replace it"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("ca-key.pem"), ca_key);
    assert!(!s.exists("ca.pem"));
}

/// Runs examples/demo/build.sh into `out` under the scratch directory.
fn demo_build(s: &Scratch, out: &str) -> Run {
    s.run_example("demo", "build.sh", &[out], &[])
}

#[test]
fn demo_script_builds_a_verified_hierarchy() {
    let s = Scratch::new();
    let run = demo_build(&s, "pki");
    run.ok();
    for name in ["root", "intermediate", "server", "client", "peer"] {
        assert!(s.exists(&format!("pki/{name}.pem")), "{name}.pem missing");
        assert_eq!(
            s.file_mode(&format!("pki/{name}-key.pem")),
            0o600,
            "{name}-key.pem mode"
        );
        assert!(
            run.stderr.contains(&format!("{name}.pem\n  subject=")),
            "no summary for {name}:\n{}",
            run.stderr
        );
    }
    let certs =
        ["root", "intermediate", "server", "client", "peer"].map(|n| format!("pki/{n}.pem"));
    pkilint_all(&s, &certs);
    assert!(
        run.stderr.contains("certificate SHA-256 Fingerprint="),
        "{}",
        run.stderr
    );
    s.openssl_verify("pki/root.pem", &[], "pki/intermediate.pem");
    for leaf in ["server", "client", "peer"] {
        s.openssl_verify(
            "pki/root.pem",
            &["pki/intermediate.pem"],
            &format!("pki/{leaf}.pem"),
        );
    }
    assert_eq!(
        s.read("pki/chain.pem"),
        s.read("pki/intermediate.pem") + &s.read("pki/root.pem")
    );

    let root = s.x509_text("pki/root.pem");
    assert!(
        root.contains("CA:TRUE, pathlen:1") && root.contains("ASN1 OID: secp384r1"),
        "{root}"
    );
    let intermediate = s.x509_text("pki/intermediate.pem");
    assert!(
        intermediate.contains("CA:TRUE, pathlen:0"),
        "{intermediate}"
    );
    let server = s.x509_text("pki/server.pem");
    assert!(
        server.contains("DNS:www.demo.example") && server.contains("IP Address:127.0.0.1"),
        "{server}"
    );
    assert!(
        s.x509_text("pki/peer.pem")
            .contains("Public-Key: (2048 bit)")
    );

    // A re-run keeps every key and certificate; a lost leaf certificate is
    // re-issued for the key it already has.
    let before: Vec<String> = [
        "root-key.pem",
        "root.pem",
        "intermediate-key.pem",
        "server-key.pem",
    ]
    .iter()
    .map(|f| s.read(&format!("pki/{f}")))
    .collect();
    std::fs::remove_file(s.path("pki/server.pem")).unwrap();
    let again = demo_build(&s, "pki");
    again.ok();
    assert!(again.stderr.contains("root: kept"), "{}", again.stderr);
    let after: Vec<String> = [
        "root-key.pem",
        "root.pem",
        "intermediate-key.pem",
        "server-key.pem",
    ]
    .iter()
    .map(|f| s.read(&format!("pki/{f}")))
    .collect();
    assert_eq!(before, after, "a re-run replaced a key or the root");
    s.openssl_verify("pki/root.pem", &["pki/intermediate.pem"], "pki/server.pem");
}

#[test]
fn demo_script_refuses_a_root_key_without_its_certificate() {
    let s = Scratch::new();
    demo_build(&s, "pki").ok();
    let key = s.read("pki/root-key.pem");
    std::fs::remove_file(s.path("pki/root.pem")).unwrap();
    let run = demo_build(&s, "pki");
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("refusing to touch the root key"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("pki/root-key.pem"), key);
    assert!(!s.exists("pki/root.pem"));
}

/// The token PINs the hsm-root tests give the ceremony script: with a `-`,
/// which neither hex nor base64 holds, so that a file that has one has the PIN.
const HSM_USER_PIN: &str = "user-pin-2468";
const HSM_SO_PIN: &str = "so-pin-13579";
/// Debian's libsofthsm2, the module the ceremony script uses by default.
const SOFTHSM_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// Runs examples/hsm-root/run.sh into `dir` under the scratch directory, with
/// the PINs above.
fn hsm_ceremony(s: &Scratch, dir: &str) -> Run {
    s.run_example(
        "hsm-root",
        "run.sh",
        &[dir],
        &[("HSM_USER_PIN", HSM_USER_PIN), ("HSM_SO_PIN", HSM_SO_PIN)],
    )
}

/// `program ARGS` in the scratch directory, seeing the ceremony's token
/// (SOFTHSM2_CONF) and its user PIN in `$CERTSMITH_PKCS11_PIN`.
fn with_ceremony_token(s: &Scratch, program: Command, args: &[&str]) -> Run {
    let mut cmd = program;
    cmd.args(args)
        .env("SOFTHSM2_CONF", s.path("ceremony/hsm/softhsm2.conf"))
        .env("CERTSMITH_PKCS11_PIN", HSM_USER_PIN)
        .env("CERTSMITH_PKCS11_MODULE", SOFTHSM_MODULE);
    run_in(s, cmd)
}

/// The value after `name:` on its line of the ceremony record.
fn record_field(record: &str, name: &str) -> String {
    record
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in the ceremony record:\n{record}"))
        .trim()
        .to_owned()
}

#[test]
fn hsm_root_ceremony_keeps_the_root_key_in_the_token_and_builds_a_verified_chain() {
    let s = Scratch::new();
    let run = hsm_ceremony(&s, "ceremony");
    run.ok();
    let (root, intermediate, server) = (
        "ceremony/offline/root.pem",
        "ceremony/online/intermediate.pem",
        "ceremony/online/server.pem",
    );

    // The chain, checked here again by openssl and pkilint.
    s.openssl_verify(root, &[], root);
    s.openssl_verify(root, &[], intermediate);
    s.openssl_verify(root, &[intermediate], server);
    pkilint_all(&s, &[root, intermediate, server].map(String::from));
    assert_eq!(
        s.read(intermediate),
        s.read("ceremony/offline/intermediate.pem")
    );
    assert_eq!(
        s.read("ceremony/online/chain.pem"),
        s.read(intermediate) + &s.read(root)
    );
    let text = s.x509_text(root);
    assert!(
        text.contains("CA:TRUE, pathlen:1") && text.contains("NIST CURVE: P-384"),
        "{text}"
    );
    assert!(s.x509_text(intermediate).contains("CA:TRUE, pathlen:0"));

    // The root's CRL: signed by the token key, the intermediate not in it.
    let crl_check = |crl: &str| {
        s.run(
            "openssl",
            &[
                "verify",
                "-x509_strict",
                "-crl_check",
                "-CAfile",
                root,
                "-CRLfile",
                crl,
                intermediate,
            ],
        )
    };
    crl_check("ceremony/offline/root.crl").ok();
    let crl = s.run(
        "openssl",
        &[
            "crl",
            "-noout",
            "-crlnumber",
            "-in",
            "ceremony/offline/root.crl",
        ],
    );
    assert_eq!(crl.ok().stdout_str(), "crlNumber=0x01\n");

    // The root key is in the token, and only there: pkcs11-tool finds one
    // private key, sensitive and never extractable, whose public key is
    // root.pem's; no file holds a private key but the online host's own.
    let listed = with_ceremony_token(
        &s,
        command("pkcs11-tool"),
        &[
            "--module",
            SOFTHSM_MODULE,
            "--token-label",
            "example-root-ca",
            "--login",
            "--pin",
            "env:CERTSMITH_PKCS11_PIN",
            "--list-objects",
            "--type",
            "privkey",
        ],
    );
    let listed = listed.ok().stdout_str();
    assert_eq!(
        listed.matches("Private Key Object; EC").count(),
        1,
        "{listed}"
    );
    assert!(
        listed.contains("label:      root-key")
            && listed.contains("Access:     sensitive, always sensitive, never extractable, local"),
        "{listed}"
    );
    let from_token = with_ceremony_token(
        &s,
        certsmith_command(),
        &[
            "key",
            "public",
            "pkcs11:token=example-root-ca;object=root-key",
        ],
    );
    let from_root = s.run("openssl", &["x509", "-noout", "-pubkey", "-in", root]);
    assert_eq!(from_token.ok().stdout_str(), from_root.ok().stdout_str());
    assert_eq!(
        s.files_containing("ceremony", "PRIVATE KEY"),
        [
            "ceremony/online/intermediate-key.pem",
            "ceremony/online/server-key.pem"
        ]
    );
    for key in [
        "ceremony/online/intermediate-key.pem",
        "ceremony/online/server-key.pem",
    ] {
        assert_eq!(s.file_mode(key), 0o600, "{key} mode");
    }
    assert!(!s.exists("ceremony/offline/root-key.pem"));
    // No PIN reached a file outside the token.
    for pin in [HSM_USER_PIN, HSM_SO_PIN] {
        let outside_token: Vec<String> = s
            .files_containing("ceremony", pin)
            .into_iter()
            .filter(|f| !f.starts_with("ceremony/hsm/tokens/"))
            .collect();
        assert_eq!(outside_token, Vec::<String>::new(), "a PIN in a file");
    }

    // The ceremony record: openssl's fingerprint of the root, the token's
    // serial as pkcs11-tool lists it, the key's id, the CRL number and the
    // hash of the ledger's last line.
    let record = s.read("ceremony/offline/ceremony-record.txt");
    let fingerprint = s.run(
        "openssl",
        &["x509", "-noout", "-fingerprint", "-sha256", "-in", root],
    );
    let fingerprint = fingerprint.ok().stdout_str();
    assert_eq!(
        record_field(&record, "root certificate"),
        fingerprint.trim()
    );
    assert_eq!(s.read("ceremony/offline/root-fingerprint.txt"), fingerprint);
    assert!(run.stderr.contains(fingerprint.trim()), "{}", run.stderr);
    let slots = with_ceremony_token(
        &s,
        command("pkcs11-tool"),
        &["--module", SOFTHSM_MODULE, "--list-token-slots"],
    );
    let serial = record_field(&record, "token serial");
    assert!(
        serial.len() == 16 && slots.ok().stdout_str().contains(&format!(": {serial}\n")),
        "{serial}"
    );
    let key_id = record_field(&record, "key id");
    assert!(
        listed.contains(&format!("ID:         {key_id}\n")),
        "{listed}"
    );
    assert_eq!(record_field(&record, "token label"), "example-root-ca");
    assert_eq!(record_field(&record, "key label"), "root-key");
    assert!(record_field(&record, "CRL number").starts_with("1 (next update "));
    let ledger = s.read("ceremony/offline/ledger.jsonl");
    let last = ledger.lines().last().unwrap();
    let digest = s.run_stdin("openssl", &["dgst", "-sha256", "-r"], last.as_bytes());
    let digest = digest.ok().stdout_str();
    assert_eq!(
        record_field(&record, "ledger"),
        format!("3 lines, last line SHA-256 {}", &digest[..64])
    );

    // A later ceremony, through the key URI of the record: the token key
    // revokes the intermediate and signs a CRL that openssl finds it in.
    let uri = record_field(&record, "key URI");
    assert!(uri.contains(&format!(";serial={serial};")), "{uri}");
    let with_root_key = |sub: &str, args: &[&str]| {
        let mut all = vec![sub, "--ca", root, "--ca-key", &uri];
        all.extend(["--ledger", "ceremony/offline/ledger.jsonl"]);
        all.extend(args);
        with_ceremony_token(&s, certsmith_command(), &all)
    };
    with_root_key("revoke", &["--cert", intermediate]).ok();
    let crl = with_root_key("crl", &[]);
    std::fs::write(s.path("root-2.crl"), &crl.ok().stdout).unwrap();
    let revoked = crl_check("root-2.crl");
    assert_ne!(revoked.status, 0);
    assert!(
        revoked.stdout_str().contains("certificate revoked")
            || revoked.stderr.contains("certificate revoked"),
        "{}{}",
        revoked.stdout_str(),
        revoked.stderr
    );
    let crl = s.run(
        "openssl",
        &["crl", "-noout", "-crlnumber", "-in", "root-2.crl"],
    );
    assert_eq!(crl.ok().stdout_str(), "crlNumber=0x02\n");
    let verified = s.certsmith(&[
        "ledger",
        "verify",
        "--ca",
        root,
        "ceremony/offline/ledger.jsonl",
    ]);
    assert!(
        verified.ok().stderr.contains("5 entries verified"),
        "{}",
        verified.stderr
    );
}

#[test]
fn hsm_root_ceremony_refuses_to_run_over_an_existing_token() {
    let s = Scratch::new();
    hsm_ceremony(&s, "ceremony").ok();
    let root = s.read("ceremony/offline/root.pem");
    let again = hsm_ceremony(&s, "ceremony");
    assert_eq!(again.status, 1, "{}", again.stderr);
    assert_eq!(
        again.stderr,
        "run.sh: ceremony/hsm exists: a new ceremony needs a new directory\n"
    );
    assert_eq!(s.read("ceremony/offline/root.pem"), root);
}
