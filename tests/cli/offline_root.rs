//! examples/offline-root/run.sh, the offline root ceremony, runs end to end
//! against the built binary: the chain verifies with openssl, every
//! certificate passes pkilint, and the root key exists only sealed.

use crate::key::on_terminal;
use crate::support::*;

fn run_ceremony(s: &Scratch, dir: &str) -> Run {
    s.run_example("offline-root", "run.sh", &[dir], &[])
}

#[test]
fn offline_root_ceremony_script_builds_a_verified_chain_with_a_sealed_root() {
    let s = Scratch::new();
    let run = run_ceremony(&s, "ceremony");
    run.ok();

    // The chain, checked here again by openssl and pkilint.
    s.openssl_verify(
        "ceremony/offline/root.pem",
        &[],
        "ceremony/offline/root.pem",
    );
    s.openssl_verify(
        "ceremony/offline/root.pem",
        &[],
        "ceremony/online/intermediate.pem",
    );
    s.openssl_verify(
        "ceremony/offline/root.pem",
        &["ceremony/online/intermediate.pem"],
        "ceremony/online/server.pem",
    );
    let certs = [
        "ceremony/offline/root.pem",
        "ceremony/online/intermediate.pem",
        "ceremony/online/server.pem",
    ];
    std::thread::scope(|scope| {
        for cert in certs {
            let s = &s;
            scope.spawn(move || s.pkilint(cert));
        }
    });
    assert_eq!(
        s.read("ceremony/online/intermediate.pem"),
        s.read("ceremony/offline/intermediate.pem")
    );
    assert_eq!(
        s.read("ceremony/online/chain.pem"),
        s.read("ceremony/online/intermediate.pem") + &s.read("ceremony/offline/root.pem")
    );
    let root = s.x509_text("ceremony/offline/root.pem");
    assert!(
        root.contains("CA:TRUE, pathlen:1") && root.contains("NIST CURVE: P-384"),
        "{root}"
    );
    assert!(
        s.x509_text("ceremony/online/intermediate.pem")
            .contains("CA:TRUE, pathlen:0")
    );

    // The root key exists only sealed; plaintext keys only on the online host.
    assert_eq!(
        s.files_containing("ceremony", "PRIVATE KEY"),
        [
            "ceremony/online/intermediate-key.pem",
            "ceremony/online/server-key.pem"
        ]
    );
    assert!(!s.exists("ceremony/offline/root-key.pem"));
    assert!(
        s.read("ceremony/offline/root-key.age")
            .starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n")
    );
    // No age identity in plaintext either (issue 14): each is sealed with
    // its custodian's passphrase.
    assert_eq!(
        s.files_containing("ceremony", "AGE-SECRET-KEY"),
        Vec::<String>::new()
    );
    for secret in [
        "ceremony/offline/root-key.age",
        "ceremony/custodians/custodian-1.age",
        "ceremony/custodians/custodian-2.age",
        "ceremony/online/intermediate-key.pem",
        "ceremony/online/server-key.pem",
    ] {
        assert_eq!(s.file_mode(secret), 0o600, "{secret} mode");
    }

    // Either custodian's identity opens the root key, as the real age sees it
    // (asking for the identity's passphrase on a terminal); the recipients
    // file names both.
    let root_public = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-pubkey",
                "-in",
                "ceremony/offline/root.pem",
            ],
        )
        .ok()
        .stdout_str();
    for (n, passphrase) in [
        (1, "custodian one's passphrase, for the demo\n"),
        (2, "custodian two's passphrase, for the demo\n"),
    ] {
        let identity = format!("ceremony/custodians/custodian-{n}.age");
        assert!(
            s.read(&identity)
                .starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n")
        );
        let plain = format!("root-key-{n}.pem");
        let age = on_terminal(
            &s,
            &[
                "age",
                "-d",
                "-i",
                &identity,
                "-o",
                &plain,
                "ceremony/offline/root-key.age",
            ],
            &[("Enter passphrase", passphrase)],
            None,
        );
        assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
        let public = s
            .run("openssl", &["pkey", "-pubout", "-in", &plain])
            .ok()
            .stdout_str();
        assert_eq!(public, root_public, "custodian {n}");
        let opened = format!("identity-{n}.txt");
        let age = on_terminal(
            &s,
            &["age", "-d", "-o", &opened, &identity],
            &[("Enter passphrase", passphrase)],
            None,
        );
        assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
        let recipient = s.run("age-keygen", &["-y", &opened]).ok().stdout_str();
        assert!(
            s.read("ceremony/custodians/recipients.txt")
                .contains(recipient.trim()),
            "custodian {n}'s recipient is not in recipients.txt"
        );
    }

    // The ceremony record is openssl's fingerprint of the root.
    let openssl = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-fingerprint",
                "-sha256",
                "-in",
                "ceremony/offline/root.pem",
            ],
        )
        .ok()
        .stdout_str();
    assert!(openssl.contains(" Fingerprint="), "{openssl}");
    assert_eq!(s.read("ceremony/offline/root-fingerprint.txt"), openssl);
    assert!(run.stderr.contains(&openssl), "{}", run.stderr);
}

#[test]
fn offline_root_ceremony_script_refuses_to_run_over_an_existing_root() {
    let s = Scratch::new();
    run_ceremony(&s, "ceremony").ok();
    let sealed = s.read("ceremony/offline/root-key.age");
    let root = s.read("ceremony/offline/root.pem");
    let again = run_ceremony(&s, "ceremony");
    assert_eq!(again.status, 1, "{}", again.stderr);
    assert_eq!(
        again.stderr,
        "run.sh: ceremony/offline/root-key.age exists: a new ceremony needs a new directory\n"
    );
    assert_eq!(s.read("ceremony/offline/root-key.age"), sealed);
    assert_eq!(s.read("ceremony/offline/root.pem"), root);
}
