//! What the hostile review of issue 19 found, each pinned: a key copied
//! where certificates go, inputs read without end, passphrases changed on
//! the way in, `--force` over a device, a password echoed from a URL, and
//! PKCS#12 entry names keytool shows wrongly.

use std::os::unix::ffi::OsStrExt;
use std::process::Stdio;

use crate::support::*;

/// A root and a leaf, `app.pem` and `app-key.pem`.
fn pki() -> Scratch {
    let s = with_root();
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["app.json"], "app");
    s
}

#[test]
fn a_key_kept_beside_certificates_is_never_copied_into_a_secret_or_a_kubeconfig() {
    let s = pki();
    s.write("ca-full.pem", &(s.read("ca.pem") + &s.read("ca-key.pem")));
    s.write(
        "app-full.pem",
        &(s.read("app-key.pem") + &s.read("app.pem")),
    );
    let secret = |cert: &str, ca: &str| {
        s.certsmith(&[
            "export",
            "k8s-secret",
            "--cert",
            cert,
            "--key",
            "app-key.pem",
            "--ca",
            ca,
            "--name",
            "app-tls",
            "-o",
            "out.yaml",
        ])
    };
    let kubeconfig = |cert: &str, ca: &str| {
        s.certsmith(&[
            "export",
            "kubeconfig",
            "--server",
            "https://127.0.0.1:6443",
            "--cert",
            cert,
            "--key",
            "app-key.pem",
            "--ca",
            ca,
            "-o",
            "out.kubeconfig",
        ])
    };
    for run in [
        secret("app.pem", "ca-full.pem"),
        kubeconfig("app.pem", "ca-full.pem"),
    ] {
        assert_eq!(
            run.fails(),
            "error: ca-full.pem holds a PRIVATE KEY block besides certificates; refusing to copy it where certificates go\n\
             hint: give a file of certificates only, such as split-json's NAME.pem or what certsmith bundle --pem prints\n"
        );
    }
    for run in [
        secret("app-full.pem", "ca.pem"),
        kubeconfig("app-full.pem", "ca.pem"),
    ] {
        assert!(
            run.fails()
                .starts_with("error: app-full.pem holds a PRIVATE KEY block"),
            "{}",
            run.stderr
        );
    }
    assert!(!s.exists("out.yaml") && !s.exists("out.kubeconfig"));
    // Certificates only, as split-json writes them, still go.
    secret("app.pem", "ca.pem").ok();
}

/// certsmith with `args`, stdin read from `/dev/zero`.
fn fed_zeros(s: &Scratch, args: &[&str]) -> Run {
    let mut cmd = certsmith_command();
    cmd.args(args)
        .current_dir(s.path(""))
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    finish(cmd.output().unwrap())
}

#[test]
fn endless_inputs_are_refused_after_a_bounded_read() {
    let s = pki();
    // Each ran until memory ran out.
    let run = fed_zeros(&s, &["import", "p12", "--no-password", "-"]);
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: stdin is larger than 1 MiB, more than any PKCS#12 file of a key and its chain; refusing to open it"
    );
    let run = fed_zeros(&s, &["export", "der", "-"]);
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: stdin is larger than 256 MiB; refusing to read more of it"
    );
    let run = s.certsmith(&["export", "der", "/dev/zero"]);
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: /dev/zero is larger than 256 MiB; refusing to read more of it"
    );
    let run = s.certsmith(&[
        "export",
        "p12",
        "--cert",
        "app.pem",
        "--passphrase-file",
        "/dev/zero",
        "-o",
        "app.p12",
    ]);
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: /dev/zero is larger than 64 KiB; refusing to read more of it"
    );
    assert!(!s.exists("app.p12"));
}

#[test]
fn a_passphrase_that_is_not_utf8_text_is_refused_not_changed() {
    let s = pki();
    std::fs::write(s.path("pw"), b"secretpart\xff\xfe-more-secret\n").unwrap();
    std::fs::write(s.path("pw-nul"), b"supersecretpass\0nul\n").unwrap();
    for file in ["pw", "pw-nul"] {
        let run = s.certsmith(&[
            "export",
            "p12",
            "--cert",
            "app.pem",
            "--passphrase-file",
            file,
            "-o",
            "app.p12",
        ]);
        assert_eq!(
            run.fails(),
            format!(
                "error: the passphrase in {file} is not UTF-8 text (or holds a NUL byte)\n\
                 hint: write the passphrase as UTF-8 text; openssl, keytool and age read it so\n"
            )
        );
    }
    let mut cmd = certsmith_command();
    cmd.args(["key", "encrypt", "-p", "-o", "app-key.age", "app-key.pem"])
        .current_dir(s.path(""))
        .env(
            "CERTSMITH_PASSPHRASE",
            std::ffi::OsStr::from_bytes(b"secretpart\xff\xfe-more-secret"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let run = finish(cmd.output().unwrap());
    assert!(
        run.fails()
            .starts_with("error: the passphrase in CERTSMITH_PASSPHRASE is not UTF-8 text"),
        "{}",
        run.stderr
    );
    assert!(!s.exists("app.p12") && !s.exists("app-key.age"));
}

#[test]
fn force_never_replaces_a_device_or_a_fifo() {
    let s = pki();
    s.run("mkfifo", &["fifo"]).ok();
    for args in [
        vec!["export", "der", "app-key.pem", "-o", "fifo", "--force"],
        vec!["key", "decrypt", "-o", "fifo", "--force", "app-key.pem"],
    ] {
        assert_eq!(
            s.certsmith(&args).fails(),
            "error: fifo exists and is not a regular file (a device, a FIFO or a socket); refusing to replace it\n\
             hint: give -o the path of a regular file (-o - is stdout)\n",
            "{args:?}"
        );
    }
    let meta = std::fs::symlink_metadata(s.path("fifo")).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));
}

#[test]
fn pkcs12_entry_names_keytool_would_show_wrongly_are_refused() {
    let s = pki();
    s.write("pw", "a passphrase long enough\n");
    for (name, problem) in [
        ("", "is empty"),
        (
            "line1\nline2",
            "has a control character (a line break, a tab, an escape)",
        ),
        (
            "app\u{202E}gpj.exe",
            "has a bidirectional formatting character, which makes it read as another name",
        ),
    ] {
        let run = s.certsmith(&[
            "export",
            "p12",
            "--cert",
            "app.pem",
            "--passphrase-file",
            "pw",
            "--name",
            name,
            "-o",
            "app.p12",
        ]);
        assert_eq!(
            run.fails(),
            format!(
                "error: the entry's friendly name {problem}\n\
                 hint: name the entry with --name, in printable characters\n"
            )
        );
        assert!(!s.exists("app.p12"));
    }
}

#[test]
fn no_password_says_when_it_leaves_a_set_passphrase_unused() {
    let s = pki();
    let mut cmd = certsmith_command();
    cmd.args([
        "export",
        "p12",
        "--cert",
        "app.pem",
        "--no-password",
        "-o",
        "app.p12",
    ])
    .current_dir(s.path(""))
    .env("CERTSMITH_PASSPHRASE", "a passphrase long enough")
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let run = finish(cmd.output().unwrap());
    run.ok();
    assert!(
        run.stderr.starts_with(
            "note: CERTSMITH_PASSPHRASE is set and not used: --no-password means the empty password\n"
        ),
        "{}",
        run.stderr
    );
    // The file has the empty password, as --no-password says.
    s.run(
        "openssl",
        &[
            "pkcs12", "-in", "app.p12", "-info", "-noout", "-passin", "pass:",
        ],
    )
    .ok();
}

/// The last read of issue 19: a bundle given as --cert is checked in order
/// by every export, as its chain file is (before, the Kubernetes exports
/// copied it unchecked); and export p12's guessed key names a quorum file.
#[test]
fn a_bundle_out_of_order_is_refused_by_every_export_and_a_guessed_quorum_key_is_named() {
    let s = pki();
    // The leaf, then a certificate that did not sign it.
    s.write(
        "other.json",
        r#"{"CN":"Other Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(&["initca", "other.json"], "other");
    s.write("bundle.pem", &(s.read("app.pem") + &s.read("other.pem")));
    for args in [
        &["export", "k8s-secret", "--name", "app-tls"][..],
        &["export", "kubeconfig", "--server", "https://127.0.0.1:6443"][..],
        &["export", "p12", "--no-password", "-o", "app.p12"][..],
    ] {
        let mut all = args.to_vec();
        all.extend(["--cert", "bundle.pem", "--key", "app-key.pem"]);
        if args[1] != "p12" {
            all.extend(["--ca", "ca.pem", "-o", "out"]);
        }
        let run = s.certsmith(&all);
        assert!(
            run.fails()
                .starts_with("error: bundle.pem: certificate 2 did not sign the certificate before it"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!s.exists("out") && !s.exists("app.p12"));
    }
    // With no --key, export p12 guesses app-key.pem; beside a quorum file
    // only, that file is named as what it is.
    std::fs::rename(s.path("app-key.pem"), s.path("kept-key.pem")).unwrap();
    s.write("app-key.quorum", "certsmith-quorum/v1\n");
    let run = s.certsmith(&[
        "export",
        "p12",
        "--cert",
        "app.pem",
        "--no-password",
        "-o",
        "app.p12",
    ]);
    assert!(
        run.fails().starts_with(
            "error: app-key.quorum is sealed to a quorum; refusing to write it unsealed"
        ),
        "{}",
        run.stderr
    );
}
