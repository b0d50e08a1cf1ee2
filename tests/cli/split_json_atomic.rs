//! `split-json` writes its files as one set (issue 13, items 7–9): an
//! exclusive lock per NAME, every refusal checked before anything is renamed,
//! the key renamed before the certificate, the key of NAME being every
//! `NAME-key.*` (plain or sealed), and temporaries that a crash leaves
//! behind named after their target and cleared by the next run.
//!
//! Crashes are made deterministic with the `fault-injection` crash points
//! (src/fault.rs); the public keys on disk are compared with openssl.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Stdio;
use std::sync::{Arc, Barrier};
#[cfg(feature = "fault-injection")]
use std::time::{Duration, SystemTime};

use crate::support::*;

const ROOT_EC: &str =
    r#"{"CN":"Atomic Root","names":[{"O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#;

const LEAF: &str =
    r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"],"key":{"algo":"ecdsa","size":256}}"#;

/// Every name in the scratch directory, hidden ones included, sorted.
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

/// The SubjectPublicKeyInfo of a certificate, as openssl prints it.
fn cert_public_key(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-in", cert, "-noout", "-pubkey"])
        .ok()
        .stdout_str()
}

/// The SubjectPublicKeyInfo of a plaintext private key, as openssl prints it.
fn key_public_key(s: &Scratch, key: &str) -> String {
    s.run("openssl", &["pkey", "-in", key, "-pubout"])
        .ok()
        .stdout_str()
}

/// `openssl x509 -fingerprint -sha256`'s line, without its newline.
fn openssl_fingerprint(s: &Scratch, cert: &str) -> String {
    s.run(
        "openssl",
        &["x509", "-noout", "-fingerprint", "-sha256", "-in", cert],
    )
    .ok()
    .stdout_str()
    .trim_end()
    .replace("sha256 Fingerprint=", "certificate SHA-256 Fingerprint=")
}

/// A new root's initca output (`{"cert","csr","key"}`).
fn initca(s: &Scratch, extra: &[&str]) -> Run {
    s.write("root-csr.json", ROOT_EC);
    let mut args = vec!["initca"];
    args.extend(extra);
    args.push("root-csr.json");
    let run = s.certsmith(&args);
    run.ok();
    run
}

fn field(run: &Run, name: &str) -> String {
    run.json()[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} in {}", run.stdout_str()))
        .to_owned()
}

/// An age identity made by age-keygen; returns its recipient.
fn age_recipient(s: &Scratch) -> String {
    s.run("age-keygen", &["-o", "identity.txt"]).ok();
    s.run("age-keygen", &["-y", "identity.txt"])
        .ok()
        .stdout_str()
        .trim()
        .to_owned()
}

#[cfg(feature = "fault-injection")]
/// `certsmith split-json ARGS` with the crash point `fault` armed.
fn split_with_fault(s: &Scratch, fault: &str, args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut cmd = certsmith_command();
    cmd.arg("split-json")
        .args(args)
        .current_dir(s.dir.path())
        .env("CERTSMITH_FAULT", fault)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().expect("wait")
}

#[track_caller]
#[cfg(feature = "fault-injection")]
fn assert_crashed(out: &std::process::Output, fault: &str) {
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.signal(),
        Some(6),
        "split-json did not crash at `{fault}` ({}); stderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(feature = "fault-injection")]
/// The temporaries in the directory whose name starts with `prefix`.
fn temporaries(s: &Scratch, prefix: &str) -> Vec<String> {
    listing(s)
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .collect()
}

#[cfg(feature = "fault-injection")]
fn backdate(s: &Scratch, name: &str, by: Duration) {
    let file = std::fs::File::options()
        .write(true)
        .open(s.path(name))
        .unwrap_or_else(|e| panic!("open {name}: {e}"));
    file.set_modified(SystemTime::now() - by).unwrap();
}

// --- item 7: atomic as a set

#[test]
fn split_json_refuses_a_symlink_at_any_target_before_writing_anything() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    let (cert, csr) = (bytes(&s, "ca.pem"), bytes(&s, "ca.csr"));
    // The key was moved away and a link left where it was, now dangling.
    std::fs::rename(s.path("ca-key.pem"), s.path("moved-key.pem")).unwrap();
    std::os::unix::fs::symlink("gone/ca-key.pem", s.path("ca-key.pem")).unwrap();
    let new = initca(&s, &[]);
    let before = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "ca"], &new.stdout)
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: ca-key.pem is a symbolic link; refusing to replace it",
        "{err}"
    );
    assert_eq!(bytes(&s, "ca.pem"), cert, "ca.pem was replaced");
    assert_eq!(bytes(&s, "ca.csr"), csr);
    assert_eq!(listing(&s), before, "a file was left behind");
    assert!(
        std::fs::symlink_metadata(s.path("ca-key.pem"))
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // A link at the certificate, to a file that must stay as it is.
    s.write("elsewhere.pem", "someone else's file\n");
    std::os::unix::fs::symlink("elsewhere.pem", s.path("other.pem")).unwrap();
    let before = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "other"], &new.stdout)
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: other.pem is a symbolic link; refusing to replace it",
        "{err}"
    );
    assert_eq!(s.read("elsewhere.pem"), "someone else's file\n");
    assert_eq!(listing(&s), before, "a file was left behind");

    // A FIFO where the key goes: refused at once, not read (which would hang).
    s.run("mkfifo", &["fifo-key.pem"]).ok();
    let before = listing(&s);
    let run = s.run_stdin(
        "timeout",
        &[
            "10",
            assert_cmd::cargo::cargo_bin("certsmith").to_str().unwrap(),
            "split-json",
            "fifo",
        ],
        &new.stdout,
    );
    assert_eq!(
        run.fails().lines().next().unwrap(),
        "error: fifo-key.pem exists and is not a regular file; refusing to replace it"
    );
    assert_eq!(listing(&s), before, "a file was left behind");
    assert!(
        std::fs::symlink_metadata(s.path("fifo-key.pem"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn sixteen_parallel_splits_to_one_name_leave_one_whole_winner() {
    const RUNS: usize = 16;
    const ROUNDS: usize = 8;
    let inputs = Scratch::new();
    let outputs: Vec<Run> = (0..RUNS).map(|_| initca(&inputs, &[])).collect();
    let outputs = Arc::new(outputs);
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    for round in 0..ROUNDS {
        let s = Scratch::new();
        let barrier = Arc::new(Barrier::new(RUNS));
        let threads: Vec<_> = (0..RUNS)
            .map(|i| {
                let (barrier, outputs, bin) = (barrier.clone(), outputs.clone(), bin.clone());
                let dir = s.dir.path().to_path_buf();
                std::thread::spawn(move || {
                    use std::io::Write;
                    let mut child = command(bin)
                        .args(["split-json", "ca"])
                        .current_dir(dir)
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .expect("spawn");
                    let mut stdin = child.stdin.take().unwrap();
                    barrier.wait();
                    stdin.write_all(&outputs[i].stdout).unwrap();
                    drop(stdin);
                    child.wait_with_output().expect("wait")
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let winners: Vec<usize> = (0..RUNS).filter(|i| results[*i].status.success()).collect();
        assert_eq!(winners.len(), 1, "round {round}: winners {winners:?}");
        for (i, out) in results.iter().enumerate() {
            if i == winners[0] {
                continue;
            }
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "round {round}, run {i}: {err}");
            assert_eq!(
                err.lines().next().unwrap_or_default(),
                "error: ca-key.pem already holds a different private key; refusing to replace it",
                "round {round}, run {i}"
            );
        }
        let won = &outputs[winners[0]];
        assert_eq!(s.read("ca.pem"), field(won, "cert"), "round {round}");
        assert_eq!(s.read("ca-key.pem"), field(won, "key"), "round {round}");
        assert_eq!(s.read("ca.csr"), field(won, "csr"), "round {round}");
        assert_eq!(
            cert_public_key(&s, "ca.pem"),
            key_public_key(&s, "ca-key.pem"),
            "round {round}: ca.pem and ca-key.pem hold different keys"
        );
        s.openssl_verify("ca.pem", &[], "ca.pem");
        assert_eq!(
            listing(&s),
            ["ca-key.pem", "ca.csr", "ca.pem"],
            "round {round}: temporaries or the lock were left behind"
        );
    }
}

#[cfg(feature = "fault-injection")]
#[test]
fn a_crash_between_the_renames_leaves_at_worst_a_new_key_beside_the_old_certificate() {
    const FAULT: &str = "split-json-between-renames";
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    let (old_cert, old_csr) = (bytes(&s, "ca.pem"), bytes(&s, "ca.csr"));
    let new = initca(&s, &[]);

    // --force over an existing CA, killed after the first rename.
    let out = split_with_fault(&s, FAULT, &["--force", "ca"], &new.stdout);
    assert_crashed(&out, FAULT);
    assert_eq!(
        s.read("ca-key.pem"),
        field(&new, "key"),
        "the key is renamed first"
    );
    assert_eq!(
        bytes(&s, "ca.pem"),
        old_cert,
        "the new certificate landed before the crash: it must come last"
    );
    assert_eq!(bytes(&s, "ca.csr"), old_csr);
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    // The lock and the staged certificate and CSR are what the kill left.
    assert!(s.exists(".ca.certsmith-lock"), "{:?}", listing(&s));
    assert_eq!(temporaries(&s, ".ca.pem.certsmith-tmp-").len(), 1);
    assert_eq!(temporaries(&s, ".ca.csr.certsmith-tmp-").len(), 1);
    assert!(temporaries(&s, ".ca-key.pem.certsmith-tmp-").is_empty());

    // Running the split again finishes it; the fresh temporaries stay.
    let again = s.certsmith_stdin(&["split-json", "ca"], &new.stdout);
    again.ok();
    assert_eq!(s.read("ca.pem"), field(&new, "cert"));
    assert_eq!(s.read("ca.csr"), field(&new, "csr"));
    assert_eq!(
        cert_public_key(&s, "ca.pem"),
        key_public_key(&s, "ca-key.pem")
    );
    s.openssl_verify("ca.pem", &[], "ca.pem");
    assert!(!s.exists(".ca.certsmith-lock"), "{:?}", listing(&s));
    assert_eq!(temporaries(&s, ".ca.pem.certsmith-tmp-").len(), 1);

    // A first split killed the same way leaves a key with no certificate,
    // and the same split run again completes it.
    let fresh = initca(&s, &[]);
    let out = split_with_fault(&s, FAULT, &["fresh"], &fresh.stdout);
    assert_crashed(&out, FAULT);
    assert_eq!(s.read("fresh-key.pem"), field(&fresh, "key"));
    assert!(!s.exists("fresh.pem") && !s.exists("fresh.csr"));
    s.certsmith_stdin(&["split-json", "fresh"], &fresh.stdout)
        .ok();
    assert_eq!(s.read("fresh.pem"), field(&fresh, "cert"));
    assert_eq!(
        cert_public_key(&s, "fresh.pem"),
        key_public_key(&s, "fresh-key.pem")
    );
}

// --- item 9: stale temporaries

#[cfg(feature = "fault-injection")]
#[test]
fn temporaries_left_by_a_crash_are_named_after_their_target_and_cleared_once_stale() {
    const FAULT: &str = "split-json-after-staging";
    let s = Scratch::new();
    let new = initca(&s, &[]);
    let before = listing(&s);
    let out = split_with_fault(&s, FAULT, &["ca"], &new.stdout);
    assert_crashed(&out, FAULT);
    let left: Vec<String> = listing(&s)
        .into_iter()
        .filter(|n| !before.contains(n))
        .collect();
    let staged: Vec<String> = left
        .iter()
        .filter(|n| n.contains(".certsmith-tmp-"))
        .cloned()
        .collect();
    assert_eq!(staged.len(), 3, "{left:?}");
    for (target, mode) in [("ca-key.pem", 0o600), ("ca.pem", 0o644), ("ca.csr", 0o644)] {
        let prefix = format!(".{target}.certsmith-tmp-");
        let tmp = temporaries(&s, &prefix);
        assert_eq!(tmp.len(), 1, "no {prefix}… in {left:?}");
        assert_eq!(s.file_mode(&tmp[0]), mode, "{}", tmp[0]);
    }
    assert!(!s.exists("ca.pem") && !s.exists("ca-key.pem"));

    // Two minutes later they are stale. Beside them: a fresh temporary of
    // ca (a run that may still be going), another NAME's stale temporary, a
    // stale link with ca's prefix and a look-alike name; none is ca's to remove.
    for name in &staged {
        backdate(&s, name, Duration::from_secs(120));
    }
    s.write(".ca-key.pem.certsmith-tmp-fresh1", "fresh");
    s.write(".cab-key.pem.certsmith-tmp-other1", "another NAME's");
    backdate(
        &s,
        ".cab-key.pem.certsmith-tmp-other1",
        Duration::from_secs(120),
    );
    s.write(".ca.pem.certsmith-tmpX", "look-alike");
    backdate(&s, ".ca.pem.certsmith-tmpX", Duration::from_secs(120));
    std::os::unix::fs::symlink("elsewhere", s.path(".ca.csr.certsmith-tmp-link01")).unwrap();
    s.run(
        "touch",
        &["-h", "-d", "2 minutes ago", ".ca.csr.certsmith-tmp-link01"],
    )
    .ok();

    let run = s.certsmith_stdin(&["split-json", "ca"], &new.stdout);
    run.ok();
    let mut notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: "))
        .collect();
    notes.sort();
    let mut expected: Vec<String> = staged
        .iter()
        .map(|n| format!("note: removed {n}, a temporary file left by an interrupted split-json"))
        .collect();
    expected.sort();
    assert_eq!(notes, expected, "{}", run.stderr);
    for name in &staged {
        assert!(!s.exists(name), "{name} is still there");
    }
    let mut rest = listing(&s);
    rest.retain(|n| !before.contains(n));
    assert_eq!(
        rest,
        [
            ".ca-key.pem.certsmith-tmp-fresh1",
            ".ca.csr.certsmith-tmp-link01",
            ".ca.pem.certsmith-tmpX",
            ".cab-key.pem.certsmith-tmp-other1",
            "ca-key.pem",
            "ca.csr",
            "ca.pem",
        ]
    );
    assert_eq!(
        cert_public_key(&s, "ca.pem"),
        key_public_key(&s, "ca-key.pem")
    );
}

// --- item 8: the key of NAME is every NAME-key.*

#[test]
fn a_plain_initca_over_a_sealed_ca_is_refused_and_writes_nothing() {
    let s = Scratch::new();
    let recipient = age_recipient(&s);
    let sealed = initca(&s, &["-r", &recipient]);
    s.certsmith_stdin(&["split-json", "root"], &sealed.stdout)
        .ok();
    let root = bytes(&s, "root.pem");
    let before = listing(&s);
    assert!(before.contains(&"root-key.age".to_owned()), "{before:?}");

    // `-r` forgotten: a new plaintext root over the sealed one.
    let plain = initca(&s, &[]);
    let err = s
        .certsmith_stdin(&["split-json", "root"], &plain.stdout)
        .fails()
        .to_owned();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "error: root-key.age already holds a key for root; refusing to write root-key.pem beside it",
        "{err}"
    );
    assert!(
        lines.len() == 2 && lines[1].starts_with("hint: ") && lines[1].contains("--force"),
        "{err}"
    );
    assert_eq!(bytes(&s, "root.pem"), root, "the root was replaced");
    assert_eq!(listing(&s), before);

    // initca's line says whose fingerprint it is: a certificate not yet written.
    let fingerprint = plain
        .stderr
        .lines()
        .find(|l| l.contains("Fingerprint="))
        .unwrap_or_else(|| panic!("no fingerprint in:\n{}", plain.stderr));
    assert!(
        fingerprint
            .starts_with("new certificate, not yet written: certificate SHA-256 Fingerprint="),
        "{fingerprint}"
    );

    // --force writes it, and says what it wrote; the sealed key stays.
    let forced = s.certsmith_stdin(&["split-json", "--force", "root"], &plain.stdout);
    forced.ok();
    assert_eq!(s.read("root.pem"), field(&plain, "cert"));
    assert_eq!(s.read("root-key.pem"), field(&plain, "key"));
    assert!(s.exists("root-key.age"));
    let wrote = format!("wrote root.pem: {}", openssl_fingerprint(&s, "root.pem"));
    assert!(
        forced.stderr.lines().any(|l| l == wrote),
        "no `{wrote}` in:\n{}",
        forced.stderr
    );
    assert_eq!(
        fingerprint.strip_prefix("new certificate, not yet written: "),
        wrote.strip_prefix("wrote root.pem: ")
    );
}

#[test]
fn a_sealed_initca_over_a_plain_ca_is_refused_and_writes_nothing() {
    let s = Scratch::new();
    let plain = initca(&s, &[]);
    s.certsmith_stdin(&["split-json", "root"], &plain.stdout)
        .ok();
    let before = listing(&s);
    let root = bytes(&s, "root.pem");
    let recipient = age_recipient(&s);
    let sealed = initca(&s, &["-r", &recipient]);
    let before_with_id = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "root"], &sealed.stdout)
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: root-key.pem already holds a key for root; refusing to write root-key.age beside it",
        "{err}"
    );
    assert_eq!(bytes(&s, "root.pem"), root, "the root was replaced");
    assert_eq!(listing(&s), before_with_id);
    assert!(before.iter().all(|n| before_with_id.contains(n)));
}

#[test]
fn a_certificate_for_another_key_is_not_written_beside_the_key_of_name() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_EC);
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    let sign = |csr: &str| {
        let run = s.sign("ca", &["--profile", "server", csr]);
        run.ok();
        serde_json::json!({"cert": field(&run, "cert")}).to_string()
    };
    let first = sign("leaf.csr");
    s.certsmith_stdin(&["split-json", "leaf"], first.as_bytes())
        .ok();
    let leaf = bytes(&s, "leaf.pem");

    // A certificate for another key: leaf.pem stays the certificate of leaf-key.pem.
    s.certsmith_split(&["genkey", "leaf.json"], "other");
    let other = sign("other.csr");
    let before = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "leaf"], other.as_bytes())
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: the new leaf.pem is not for the key in leaf-key.pem; refusing to write it",
        "{err}"
    );
    assert_eq!(bytes(&s, "leaf.pem"), leaf);
    assert_eq!(listing(&s), before);

    // A renewal for the same key is written, and split-json names what it wrote.
    let renewal = sign("leaf.csr");
    let run = s.certsmith_stdin(&["split-json", "leaf"], renewal.as_bytes());
    run.ok();
    assert_ne!(bytes(&s, "leaf.pem"), leaf);
    assert_eq!(
        run.stderr,
        format!("wrote leaf.pem: {}\n", openssl_fingerprint(&s, "leaf.pem"))
    );
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    assert_eq!(
        cert_public_key(&s, "leaf.pem"),
        key_public_key(&s, "leaf-key.pem")
    );

    // Beside a sealed key, the certificate already there stands for the key.
    let recipient = age_recipient(&s);
    let sealed = initca(&s, &["-r", &recipient]);
    s.certsmith_stdin(&["split-json", "root"], &sealed.stdout)
        .ok();
    let root = bytes(&s, "root.pem");
    let another = initca(&s, &[]);
    let cert_only = serde_json::json!({"cert": field(&another, "cert")}).to_string();
    let before = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "root"], cert_only.as_bytes())
        .fails()
        .to_owned();
    assert_eq!(
        err.lines().next().unwrap(),
        "error: the new root.pem is not for the key in root-key.age; refusing to write it",
        "{err}"
    );
    assert_eq!(bytes(&s, "root.pem"), root);
    assert_eq!(listing(&s), before);
    assert_eq!(
        std::fs::metadata(s.path("root-key.age"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
}

/// The certificate of NAME `ca-key` is `ca-key.pem`, the key of NAME `ca`:
/// a file that holds a key is never replaced by a certificate without
/// --force, whichever NAME it belongs to.
#[test]
fn a_name_whose_certificate_file_is_another_names_key_is_refused() {
    let s = Scratch::new();
    let root = initca(&s, &[]);
    s.certsmith_stdin(&["split-json", "ca"], &root.stdout).ok();
    let ca_key = bytes(&s, "ca-key.pem");
    s.write("leaf.json", LEAF);
    let leaf = s.sign("ca", &["leaf.json"]);
    leaf.ok();
    let before = listing(&s);
    let err = s
        .certsmith_stdin(&["split-json", "ca-key"], &leaf.stdout)
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: ca-key.pem holds a private key; refusing to replace it with a certificate or request\nhint: "
        ),
        "{err}"
    );
    assert_eq!(bytes(&s, "ca-key.pem"), ca_key);
    assert_eq!(listing(&s), before);
}

/// A sealed root key on a USB stick that is not mounted is still the key of
/// NAME: the dangling link at `root-key.age` is refused, not taken for "no
/// key" (which let a plaintext initca replace root.pem beside it).
#[test]
fn a_dangling_link_at_a_key_file_of_name_is_a_key_that_is_not_there() {
    let s = Scratch::new();
    let recipient = age_recipient(&s);
    let sealed = initca(&s, &["-r", &recipient]);
    std::fs::create_dir(s.path("usb")).unwrap();
    s.write("usb/root-csr.json", ROOT_EC);
    s.certsmith_stdin(&["split-json", "usb/root"], &sealed.stdout)
        .ok();
    std::fs::rename(s.path("usb/root.pem"), s.path("root.pem")).unwrap();
    std::os::unix::fs::symlink("usb/root-key.age", s.path("root-key.age")).unwrap();
    std::fs::rename(s.path("usb"), s.path("usb.off")).unwrap();
    let root = bytes(&s, "root.pem");
    let before = listing(&s);
    let plain = initca(&s, &[]);
    let err = s
        .certsmith_stdin(&["split-json", "root"], &plain.stdout)
        .fails()
        .to_string();
    assert!(err.starts_with("error: root-key.age "), "{err}");
    assert_eq!(bytes(&s, "root.pem"), root);
    assert_eq!(listing(&s), before);
}

/// Output whose certificate is not for its own key (pasted together from two
/// runs) is refused before anything is written.
#[test]
fn output_whose_certificate_is_not_for_its_key_is_refused() {
    let s = Scratch::new();
    let a = initca(&s, &[]);
    let b = initca(&s, &[]);
    let mixed = serde_json::json!({"cert": field(&a, "cert"), "key": field(&b, "key")});
    let err = s
        .certsmith_stdin(&["split-json", "x"], mixed.to_string().as_bytes())
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: the new x.pem is not for the key in x-key.pem; refusing to write it"
        ),
        "{err}"
    );
    assert!(!s.exists("x.pem") && !s.exists("x-key.pem"));
}

/// `--rekey` never replaces a CA key: not when `NAME.pem` is gone (the new
/// certificate cannot say whose the old key was), and not when the
/// certificate on disk is a leaf for the CA's own key signed by that key.
#[test]
fn rekey_refuses_when_no_certificate_says_whose_key_it_is() {
    let s = Scratch::new();
    let root = initca(&s, &[]);
    s.certsmith_stdin(&["split-json", "ca"], &root.stdout).ok();
    let ca_key = bytes(&s, "ca-key.pem");
    s.write("leaf.json", LEAF);
    let leaf = s.sign("ca", &["leaf.json"]);
    leaf.ok();
    std::fs::rename(s.path("ca.pem"), s.path("ca.pem.away")).unwrap();
    let err = s
        .certsmith_stdin(&["split-json", "--rekey", "ca"], &leaf.stdout)
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: cannot tell whether ca-key.pem is a CA key"),
        "{err}"
    );
    assert_eq!(bytes(&s, "ca-key.pem"), ca_key);
    assert!(!s.exists("ca.pem"));

    // A leaf for the CA's public key, signed by the CA key (openssl forges
    // it), is the CA's own certificate whatever its extensions say.
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-key",
            "ca-key.pem",
            "-subj",
            "/CN=leafish",
            "-out",
            "x.csr",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "x.csr",
            "-signkey",
            "ca-key.pem",
            "-days",
            "1",
            "-out",
            "ca.pem",
        ],
    )
    .ok();
    let err = s
        .certsmith_stdin(&["split-json", "--rekey", "ca"], &leaf.stdout)
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: --rekey never replaces a CA key"),
        "{err}"
    );
    assert_eq!(bytes(&s, "ca-key.pem"), ca_key);
}

/// A CA certificate is never replaced by a leaf for the same key (what a
/// `sign --key ca-key.pem` split over the CA's files did, before sign refused
/// it).
#[test]
fn a_ca_certificate_is_not_replaced_by_a_leaf() {
    let s = Scratch::new();
    let root = initca(&s, &[]);
    s.certsmith_stdin(&["split-json", "ca"], &root.stdout).ok();
    let ca = bytes(&s, "ca.pem");
    // A leaf for the CA key, made by openssl under another CA.
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "other-key.pem",
            "-out",
            "other.pem",
            "-subj",
            "/CN=other",
            "-days",
            "1",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-key",
            "ca-key.pem",
            "-subj",
            "/CN=leaf",
            "-out",
            "l.csr",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "l.csr",
            "-CA",
            "other.pem",
            "-CAkey",
            "other-key.pem",
            "-days",
            "1",
            "-out",
            "l.pem",
        ],
    )
    .ok();
    let out = serde_json::json!({"cert": s.read("l.pem")});
    let err = s
        .certsmith_stdin(&["split-json", "ca"], out.to_string().as_bytes())
        .fails()
        .to_string();
    assert!(
        err.starts_with(
            "error: ca.pem is a CA certificate, and the new one is not; refusing to replace it"
        ),
        "{err}"
    );
    assert_eq!(bytes(&s, "ca.pem"), ca);
}

/// Beside a sealed key with no certificate, NAME.csr stands for the key: the
/// answer to it is written (genkey -r, then sign), a certificate for another
/// key is not, and with no request either nothing can tell.
#[test]
fn beside_a_sealed_key_without_a_certificate_the_request_stands_for_the_key() {
    let s = Scratch::new();
    let recipient = age_recipient(&s);
    let root = initca(&s, &["-r", &recipient]);
    s.certsmith_stdin(&["split-json", "ca"], &root.stdout).ok();
    std::fs::remove_file(s.path("ca.pem")).unwrap();
    let other = initca(&s, &[]);
    let cert_only = serde_json::json!({"cert": field(&other, "cert")});
    let err = s
        .certsmith_stdin(&["split-json", "ca"], cert_only.to_string().as_bytes())
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: the new ca.pem is not for the key in ca-key.age"),
        "{err}"
    );
    std::fs::remove_file(s.path("ca.csr")).unwrap();
    let err = s
        .certsmith_stdin(&["split-json", "ca"], cert_only.to_string().as_bytes())
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: ca-key.age cannot be compared"),
        "{err}"
    );
    assert!(!s.exists("ca.pem"));
    // Its own certificate is written again.
    let own = serde_json::json!({"cert": field(&root, "cert")});
    s.write("ca.csr", &field(&root, "csr"));
    s.certsmith_stdin(&["split-json", "ca"], own.to_string().as_bytes())
        .ok();
    assert_eq!(bytes(&s, "ca.pem"), field(&root, "cert").into_bytes());
}
