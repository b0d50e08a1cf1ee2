//! Passphrases that seal and open keys (issue 14, "The ceremony record"): a
//! short passphrase is refused when sealing unless `--allow-weak-passphrase`,
//! an empty or short one at the first prompt (before the confirmation), a
//! wrong one typed at the terminal may be typed again (three tries, never for
//! a file or the environment), and `key identity -p` seals the identity file
//! as `age -p` does, so that the real age and certsmith both open keys sealed
//! to it after asking for its passphrase.
//!
//! Prompts run on a real pseudo-terminal (the driver in `key.rs`).

use crate::key::{
    ARMOR_BEGIN, NO_TERMINAL_HINT, ROOT, cert_public, certsmith_env, key_public_by_openssl,
    on_terminal, sealed_root, without_terminal,
};
use crate::support::*;

const LEAF: &str =
    r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#;

const WEAK: &str = "error: the passphrase is shorter than 12 characters; refusing to seal with it\nhint: choose a longer one (four or more random words), or pass --allow-weak-passphrase\n";

#[test]
fn every_sealing_command_refuses_a_passphrase_shorter_than_12_characters() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT);
    s.write("leaf.json", LEAF);
    s.write("short.txt", "abc\n");
    // 11 characters in 22 bytes: characters are counted, not bytes.
    s.write("eleven.txt", "ééééééééééé\n");
    s.write("twelve.txt", "twelve chars\n");
    let sealing = |file: &'static str| -> Vec<Vec<&'static str>> {
        vec![
            vec![
                "key",
                "encrypt",
                "-p",
                "--passphrase-file",
                file,
                "-o",
                "out.age",
                "ca-key.pem",
            ],
            vec!["initca", "-p", "--passphrase-file", file, "ca-csr.json"],
            vec![
                "genkey",
                "--passphrase",
                "--passphrase-file",
                file,
                "leaf.json",
            ],
            vec![
                "sign",
                "--ca",
                "ca.pem",
                "--ca-key",
                "ca-key.pem",
                "-p",
                "--passphrase-file",
                file,
                "leaf.json",
            ],
            vec![
                "key",
                "identity",
                "-p",
                "--passphrase-file",
                file,
                "-o",
                "id.age",
            ],
        ]
    };
    for file in ["short.txt", "eleven.txt"] {
        for args in sealing(file) {
            assert_eq!(s.certsmith(&args).fails(), WEAK, "{args:?}");
        }
    }
    assert!(!s.exists("out.age") && !s.exists("id.age"));
    let env = certsmith_env(
        &s,
        &["initca", "-p", "ca-csr.json"],
        b"",
        &[("CERTSMITH_PASSPHRASE", "abc")],
    );
    assert_eq!(env.fails(), WEAK);

    // Twelve characters seal; a short one seals when asked to, and opens
    // without the flag (only sealing is checked).
    s.certsmith(&sealing("twelve.txt")[0]).ok();
    let public = cert_public(&s, "ca.pem");
    let opened = s.certsmith(&[
        "key",
        "public",
        "--passphrase-file",
        "twelve.txt",
        "out.age",
    ]);
    assert_eq!(opened.ok().stdout_str(), public);
    s.certsmith(&[
        "key",
        "encrypt",
        "-p",
        "--allow-weak-passphrase",
        "--passphrase-file",
        "short.txt",
        "-o",
        "weak.age",
        "ca-key.pem",
    ])
    .ok();
    let opened = s.certsmith(&[
        "key",
        "public",
        "--passphrase-file",
        "short.txt",
        "weak.age",
    ]);
    assert_eq!(opened.ok().stdout_str(), public);

    // Every sealing command has the flag, and it means nothing without -p.
    for sub in [
        &["initca"][..],
        &["genkey"],
        &["sign"],
        &["remote", "sign"],
        &["key", "encrypt"],
        &["key", "identity"],
    ] {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = s.certsmith(&args).ok().stdout_str();
        assert!(
            help.contains("--allow-weak-passphrase")
                && help.contains("Seal with a passphrase shorter than 12 characters"),
            "{sub:?}:\n{help}"
        );
    }
    let usage = s.certsmith(&["initca", "--allow-weak-passphrase", "ca-csr.json"]);
    assert_eq!(usage.status, 2, "{}", usage.stderr);
    assert!(usage.stderr.contains("--passphrase"), "{}", usage.stderr);
}

#[test]
fn an_empty_or_short_passphrase_is_refused_at_the_first_prompt_not_after_the_confirmation() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    let bin = certsmith_bin();
    for (typed, error) in [
        (
            "\n",
            format!(
                "error: the passphrase is empty\r\n{}",
                NO_TERMINAL_HINT.replace('\n', "\r\n")
            ),
        ),
        ("abc\n", WEAK.replace('\n', "\r\n")),
    ] {
        let term = on_terminal(
            &s,
            &[&bin, "initca", "-p", "ca-csr.json"],
            &[("Enter passphrase for the new CA key: ", typed)],
            Some("ca.json"),
        );
        assert_eq!(
            (term.status, term.failure),
            (1, None),
            "{typed:?}: {}",
            term.transcript
        );
        assert!(!term.transcript.contains("Confirm"), "{}", term.transcript);
        assert!(
            term.transcript.ends_with(&error),
            "{typed:?}: {:?}",
            term.transcript
        );
        assert_eq!(s.read("ca.json"), "", "printed a key");
    }
}

/// `ca-key.age`: the CA key sealed with `passphrase` (from a file).
fn root_sealed_with_passphrase(s: &Scratch, passphrase: &str) {
    s.init_ca("ca", ROOT);
    s.write("pass.txt", passphrase);
    s.certsmith(&[
        "key",
        "encrypt",
        "-p",
        "--passphrase-file",
        "pass.txt",
        "-o",
        "ca-key.age",
        "ca-key.pem",
    ])
    .ok();
    std::fs::remove_file(s.path("pass.txt")).unwrap();
}

#[test]
fn a_wrong_passphrase_typed_at_the_prompt_may_be_typed_again_three_times_in_all() {
    let s = Scratch::new();
    root_sealed_with_passphrase(&s, "correct horse battery");
    let bin = certsmith_bin();
    const PROMPT: &str = "Enter passphrase for ca-key.age: ";

    let term = on_terminal(
        &s,
        &[&bin, "key", "public", "ca-key.age"],
        &[
            (PROMPT, "battery staple\n"),
            (PROMPT, "horse correct\n"),
            (PROMPT, "correct horse battery\n"),
        ],
        Some("public.pem"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        format!(
            "{PROMPT}\r\nca-key.age: wrong passphrase, try again (2 tries left)\r\n{PROMPT}\r\nca-key.age: wrong passphrase, try again (1 try left)\r\n{PROMPT}\r\n"
        )
    );
    assert_eq!(s.read("public.pem"), cert_public(&s, "ca.pem"));

    // A third wrong one is final.
    let term = on_terminal(
        &s,
        &[&bin, "key", "public", "ca-key.age"],
        &[(PROMPT, "one\n"), (PROMPT, "two\n"), (PROMPT, "three\n")],
        Some("public.pem"),
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript.matches(PROMPT).count(),
        3,
        "{}",
        term.transcript
    );
    assert!(
        term.transcript.ends_with(&format!(
            "(1 try left)\r\n{PROMPT}\r\nerror: ca-key.age: wrong passphrase\r\n{}",
            NO_TERMINAL_HINT.replace('\n', "\r\n")
        )),
        "{:?}",
        term.transcript
    );
    assert_eq!(s.read("public.pem"), "");

    // From a file or the environment a wrong passphrase fails at once.
    s.write("wrong.txt", "battery staple\n");
    let expected = format!("error: ca-key.age: wrong passphrase\n{NO_TERMINAL_HINT}");
    let file = s.certsmith(&[
        "key",
        "public",
        "--passphrase-file",
        "wrong.txt",
        "ca-key.age",
    ]);
    assert_eq!(file.fails(), expected);
    let env = certsmith_env(
        &s,
        &["key", "public", "ca-key.age"],
        b"",
        &[("CERTSMITH_PASSPHRASE", "battery staple")],
    );
    assert_eq!(env.fails(), expected);
}

/// Runs `key identity -p -o FILE` on a terminal, typing `passphrase` twice;
/// returns the recipient it printed.
fn identity_sealed_at_the_prompt(s: &Scratch, file: &str, passphrase: &str) -> String {
    let answer = format!("{passphrase}\n");
    let prompt = format!("Enter passphrase for {file}: ");
    let confirm = format!("Confirm passphrase for {file}: ");
    let term = on_terminal(
        s,
        &[&certsmith_bin(), "key", "identity", "-p", "-o", file],
        &[(&prompt, &answer), (&confirm, &answer)],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains(passphrase),
        "echoed: {}",
        term.transcript
    );
    term.transcript
        .split("Public key: ")
        .nth(1)
        .expect("a recipient on stderr")
        .trim()
        .to_owned()
}

#[test]
fn key_identity_passphrase_seals_the_identity_file_and_age_and_certsmith_open_keys_sealed_to_it() {
    let s = Scratch::new();
    let recipient = identity_sealed_at_the_prompt(&s, "custodian.age", "guards the identity");
    assert!(recipient.starts_with("age1"), "{recipient}");
    assert_eq!(s.file_mode("custodian.age"), 0o600);
    let sealed = s.read("custodian.age");
    assert!(sealed.starts_with(ARMOR_BEGIN), "{sealed}");
    assert!(!sealed.contains("AGE-SECRET-KEY"), "{sealed}");

    // What age -p would have made: age opens it, with the passphrase, into
    // an age-keygen identity whose recipient is the one printed.
    let age = on_terminal(
        &s,
        &["age", "-d", "-o", "identity.txt", "custodian.age"],
        &[("Enter passphrase", "guards the identity\n")],
        None,
    );
    assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
    assert!(s.read("identity.txt").contains("\nAGE-SECRET-KEY-1"));
    let derived = s
        .run("age-keygen", &["-y", "identity.txt"])
        .ok()
        .stdout_str();
    assert_eq!(derived.trim(), recipient);
    std::fs::remove_file(s.path("identity.txt")).unwrap();

    sealed_root(&s, &["-r", &recipient]);
    let public = cert_public(&s, "ca.pem");

    // certsmith -i asks for the identity file's passphrase, and a wrong one may be typed again.
    let term = on_terminal(
        &s,
        &[
            &certsmith_bin(),
            "key",
            "public",
            "-i",
            "custodian.age",
            "ca-key.age",
        ],
        &[
            ("Enter passphrase for custodian.age: ", "battery staple\n"),
            (
                "Enter passphrase for custodian.age: ",
                "guards the identity\n",
            ),
        ],
        Some("public.pem"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .contains("custodian.age: wrong passphrase, try again (2 tries left)\r\n"),
        "{}",
        term.transcript
    );
    assert_eq!(s.read("public.pem"), public);

    // The real age -d -i asks for it too.
    let age = on_terminal(
        &s,
        &[
            "age",
            "-d",
            "-i",
            "custodian.age",
            "-o",
            "plain.pem",
            "ca-key.age",
        ],
        &[("Enter passphrase", "guards the identity\n")],
        None,
    );
    assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
    assert_eq!(
        key_public_by_openssl(&s, s.read("plain.pem").as_bytes()),
        public
    );

    // Without a terminal: from a file, or a failure at once that writes nothing.
    s.write("pass.txt", "another custodian's\n");
    let made = s.certsmith(&[
        "key",
        "identity",
        "-p",
        "--passphrase-file",
        "pass.txt",
        "-o",
        "second.age",
    ]);
    assert!(
        made.ok().stderr.starts_with("Public key: age1"),
        "{}",
        made.stderr
    );
    assert!(s.read("second.age").starts_with(ARMOR_BEGIN));
    let (run, _) = without_terminal(&s, &["key", "identity", "-p", "-o", "third.age"]);
    assert_eq!(
        run.fails(),
        format!(
            "error: a passphrase is needed for third.age but there is no terminal to ask on\n{NO_TERMINAL_HINT}"
        )
    );
    assert!(!s.exists("third.age"));
}
