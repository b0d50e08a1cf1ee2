//! Sealed keys (issue 3, "Offline root ceremony"): every subcommand that emits
//! a private key can seal it with age (`-r`, `-R`, `-p`), every subcommand that
//! reads one unlocks it (`-i`, passphrase sources), and `certsmith key`
//! encrypts, decrypts, prints public keys, fingerprints and new identities.
//!
//! The independent peers: the real `age` and `age-keygen` (both directions),
//! `ssh-keygen` for SSH recipients, openssl for public keys, fingerprints and
//! chains, pkilint for every certificate. Terminal prompts are exercised on a
//! real pseudo-terminal (python3's `pty`), the no-terminal case under `setsid`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

pub(crate) const ROOT: &str = r#"{"CN":"Sealed Root","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const INTERMEDIATE: &str = r#"{"CN":"Sealed Intermediate","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{}}"#;
pub(crate) const LEAF: &str = r#"{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7"],"names":[{"O":"Example"}],"key":{"algo":"ecdsa","size":256}}"#;

pub(crate) const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----\n";
pub(crate) const NO_TERMINAL_HINT: &str =
    "hint: pass --passphrase-file FILE (or -), or set CERTSMITH_PASSPHRASE\n";

/// certsmith in the scratch directory with extra environment variables (and,
/// like every command, never a CERTSMITH_PASSPHRASE inherited from whoever
/// runs the tests: see `support::command`).
pub(crate) fn certsmith_env(s: &Scratch, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    use std::io::Write;
    let mut cmd = certsmith_command();
    cmd.args(args)
        .current_dir(s.dir.path())
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn certsmith");
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    let out = child.wait_with_output().expect("wait");
    Run::from(out)
}

/// `certsmith ARGS | certsmith split-json NAME` with extra environment, both succeeding.
#[track_caller]
fn split_env(s: &Scratch, args: &[&str], env: &[(&str, &str)], name: &str) -> Run {
    let run = certsmith_env(s, args, b"", env);
    run.ok();
    s.certsmith_stdin(&["split-json", name], &run.stdout).ok();
    run
}

/// certsmith in a new session (no controlling terminal), stdin from /dev/null,
/// no passphrase in the environment, killed after 10 s; with the time it took.
pub(crate) fn without_terminal(s: &Scratch, args: &[&str]) -> (Run, Duration) {
    require("setsid");
    require("timeout");
    let started = Instant::now();
    let out = command("setsid")
        .args(["-w", "timeout", "10"])
        .arg(certsmith_bin())
        .args(args)
        .current_dir(s.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("spawn setsid");
    let took = started.elapsed();
    let run = Run::from(out);
    (run, took)
}

/// Drives a program on a pseudo-terminal: stdin and stderr are the terminal
/// (also the controlling terminal, so /dev/tty works), stdout goes to a file
/// when one is named. Each dialogue step waits for a text, then for the
/// program to turn echo off (as a password prompt does), then types an answer.
const PTY_DRIVER: &str = r#"
import json, os, pty, select, signal, sys, termios, time

spec = json.loads(sys.argv[1])
deadline = time.monotonic() + spec["timeout"]
pid, fd = pty.fork()
if pid == 0:
    try:
        os.chdir(spec["cwd"])
        if spec["stdout"]:
            out = os.open(spec["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(out, 1)
            os.close(out)
        env = dict(os.environ)
        env.pop("CERTSMITH_PASSPHRASE", None)
        os.execvpe(spec["argv"][0], spec["argv"], env)
    finally:
        os._exit(127)

transcript = b""
alive = True

def pump(wait):
    global transcript, alive
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return
    try:
        data = os.read(fd, 4096)
    except OSError:
        data = b""
    if data:
        transcript += data
    else:
        alive = False

failure = None
pos = 0
for expect, answer in spec["dialogue"]:
    want = expect.encode()
    while want not in transcript[pos:]:
        if not alive or time.monotonic() > deadline:
            failure = "never saw %r" % expect
            break
        pump(0.05)
    if failure:
        break
    pos = transcript.index(want, pos) + len(want)
    settle = time.monotonic() + 3
    while alive and time.monotonic() < settle:
        try:
            if not termios.tcgetattr(fd)[3] & termios.ECHO:
                break
        except termios.error:
            break
        pump(0.01)
    os.write(fd, answer.encode())

while alive and time.monotonic() < deadline:
    pump(0.05)
if alive:
    failure = failure or "timed out"
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
print(json.dumps({
    "status": os.waitstatus_to_exitcode(status),
    "transcript": transcript.decode("utf-8", "replace"),
    "failure": failure,
}))
"#;

/// What a program did on the pseudo-terminal.
pub(crate) struct Terminal {
    pub(crate) status: i32,
    /// Everything written to the terminal (prompts, stderr, and stdout unless redirected).
    pub(crate) transcript: String,
    /// A dialogue step that never came, or a timeout.
    pub(crate) failure: Option<String>,
}

/// Runs `argv` on a pseudo-terminal in the scratch directory (see [`PTY_DRIVER`]).
pub(crate) fn on_terminal(
    s: &Scratch,
    argv: &[&str],
    dialogue: &[(&str, &str)],
    stdout: Option<&str>,
) -> Terminal {
    require("python3");
    let spec = serde_json::json!({
        "cwd": path_str(s.dir.path()),
        "argv": argv,
        "dialogue": dialogue,
        "stdout": stdout.map(|f| path_str(&s.path(f)).to_owned()),
        "timeout": 30,
    });
    let out = command("python3")
        .arg("-c")
        .arg(PTY_DRIVER)
        .arg(spec.to_string())
        .stdin(Stdio::null())
        .output()
        .expect("spawn python3");
    assert!(
        out.status.success(),
        "pty driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pty driver JSON");
    Terminal {
        status: report["status"].as_i64().expect("status") as i32,
        transcript: report["transcript"]
            .as_str()
            .expect("transcript")
            .to_owned(),
        failure: report["failure"].as_str().map(str::to_owned),
    }
}

/// A new identity made by the real age-keygen; returns its recipient.
pub(crate) fn age_keygen(s: &Scratch, file: &str) -> String {
    s.run("age-keygen", &["-o", file]).ok();
    s.run("age-keygen", &["-y", file])
        .ok()
        .stdout_str()
        .trim()
        .to_owned()
}

/// An SSH key pair made by ssh-keygen (no passphrase); returns the public key line.
fn ssh_keygen(s: &Scratch, kind: &str, file: &str) -> String {
    let mut args = vec![
        "-q",
        "-t",
        kind,
        "-N",
        "",
        "-C",
        "custodian@example",
        "-f",
        file,
    ];
    if kind == "rsa" {
        args.extend(["-b", "2048"]);
    }
    s.run("ssh-keygen", &args).ok();
    s.read(&format!("{file}.pub")).trim().to_owned()
}

/// The public key (PEM) in a certificate, by openssl.
pub(crate) fn cert_public(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-pubkey", "-in", cert])
        .ok()
        .stdout_str()
}

/// The public key (PEM) in a CSR, by openssl.
fn csr_public(s: &Scratch, csr: &str) -> String {
    s.run("openssl", &["req", "-noout", "-pubkey", "-in", csr])
        .ok()
        .stdout_str()
}

/// The public key (PEM) of a plaintext private key, by openssl (which also
/// proves openssl reads the key).
pub(crate) fn key_public_by_openssl(s: &Scratch, key_pem: &[u8]) -> String {
    s.run_stdin("openssl", &["pkey", "-pubout"], key_pem)
        .ok()
        .stdout_str()
}

/// `SHA256:AB:CD:…`, computed by openssl from a public key in PEM: SHA-256
/// over the DER SubjectPublicKeyInfo.
fn openssl_spki_fingerprint(s: &Scratch, public_pem: &str) -> String {
    let der = s
        .run_stdin(
            "openssl",
            &["pkey", "-pubin", "-outform", "DER"],
            public_pem.as_bytes(),
        )
        .ok()
        .stdout
        .clone();
    let digest = s
        .run_stdin("openssl", &["dgst", "-sha256", "-r"], &der)
        .ok()
        .stdout_str();
    let hex = digest
        .split_whitespace()
        .next()
        .expect("digest")
        .to_uppercase();
    let pairs: Vec<&str> = (0..hex.len()).step_by(2).map(|i| &hex[i..i + 2]).collect();
    format!("SHA256:{}", pairs.join(":"))
}

/// The `key` of certsmith's JSON output.
fn json_key(run: &Run) -> String {
    run.json()["key"]
        .as_str()
        .expect("a key in the JSON")
        .to_owned()
}

/// pkilint of several certificates at once: it is the slow part.
fn pkilint_all(s: &Scratch, certs: &[&str]) {
    std::thread::scope(|scope| {
        for cert in certs {
            scope.spawn(move || s.pkilint(cert));
        }
    });
}

/// Asserts that `NAME-key.age` holds an armored age file, mode 0600, and that
/// split-json wrote no `NAME-key.pem`.
#[track_caller]
fn assert_sealed_on_disk(s: &Scratch, name: &str) {
    let sealed = format!("{name}-key.age");
    assert!(
        s.read(&sealed).starts_with(ARMOR_BEGIN),
        "{sealed}:\n{}",
        s.read(&sealed)
    );
    assert_eq!(s.file_mode(&sealed), 0o600, "{sealed} mode");
    assert!(
        !s.exists(&format!("{name}-key.pem")),
        "split-json wrote {name}-key.pem for a sealed key"
    );
}

/// A root sealed with `initca SEAL…`, split into ca.pem, ca.csr, ca-key.age;
/// ca.pem checked by openssl and pkilint.
#[track_caller]
pub(crate) fn sealed_root(s: &Scratch, seal: &[&str]) -> Run {
    s.write("ca-csr.json", ROOT);
    let mut args = vec!["initca"];
    args.extend(seal);
    args.push("ca-csr.json");
    let run = s.certsmith_split(&args, "ca");
    assert!(
        json_key(&run).starts_with(ARMOR_BEGIN),
        "{}",
        json_key(&run)
    );
    assert_sealed_on_disk(s, "ca");
    s.openssl_verify("ca.pem", &[], "ca.pem");
    s.pkilint("ca.pem");
    run
}

/// Signs LEAF with the CA key `ca_key`, unlocked with `unlock`, into NAME.pem,
/// checked by openssl (against `root`) and pkilint.
#[track_caller]
pub(crate) fn sign_leaf(s: &Scratch, ca: &str, ca_key: &str, unlock: &[&str], name: &str) {
    s.write("leaf.json", LEAF);
    let mut args = vec![
        "sign",
        "--ca",
        ca,
        "--ca-key",
        ca_key,
        "--profile",
        "server",
    ];
    args.extend(unlock);
    args.push("leaf.json");
    s.certsmith_split(&args, name);
    let cert = format!("{name}.pem");
    s.openssl_verify(ca, &[], &cert);
    s.pkilint(&cert);
}

// --- interop with the real age CLI

#[test]
fn initca_seals_to_an_age_keygen_recipient_and_age_decrypts_the_key() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);

    let plain = s
        .run("age", &["-d", "-i", "id.txt", "ca-key.age"])
        .ok()
        .stdout
        .clone();
    assert!(
        String::from_utf8_lossy(&plain).starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "age -d gave: {}",
        String::from_utf8_lossy(&plain)
    );
    assert_eq!(key_public_by_openssl(&s, &plain), cert_public(&s, "ca.pem"));
}

#[test]
fn sign_unlocks_ca_keys_that_age_sealed_armored_and_binary() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    s.init_ca("ca", ROOT);
    s.run("age", &["-r", &recipient, "-o", "binary.age", "ca-key.pem"])
        .ok();
    s.run(
        "age",
        &["-a", "-r", &recipient, "-o", "armored.age", "ca-key.pem"],
    )
    .ok();
    std::fs::remove_file(s.path("ca-key.pem")).unwrap();
    assert!(
        std::fs::read(s.path("binary.age"))
            .unwrap()
            .starts_with(b"age-encryption.org/v1\n")
    );
    assert!(s.read("armored.age").starts_with(ARMOR_BEGIN));

    sign_leaf(&s, "ca.pem", "binary.age", &["-i", "id.txt"], "from-binary");
    sign_leaf(
        &s,
        "ca.pem",
        "armored.age",
        &["--identity", "id.txt"],
        "from-armored",
    );
}

#[test]

fn a_key_sealed_by_age_with_a_passphrase_unlocks_with_a_passphrase_file() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT);
    let age = on_terminal(
        &s,
        &["age", "-p", "-a", "-o", "ca-key.age", "ca-key.pem"],
        &[
            ("Enter passphrase", "correct horse\n"),
            ("Confirm passphrase", "correct horse\n"),
        ],
        None,
    );
    assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
    std::fs::remove_file(s.path("ca-key.pem")).unwrap();
    s.write("pass.txt", "correct horse\n");
    sign_leaf(
        &s,
        "ca.pem",
        "ca-key.age",
        &["--passphrase-file", "pass.txt"],
        "leaf",
    );
}

#[test]
fn age_decrypts_a_key_certsmith_sealed_with_a_passphrase() {
    let s = Scratch::new();
    s.write("pass.txt", "correct horse\n");
    sealed_root(&s, &["-p", "--passphrase-file", "pass.txt"]);
    let age = on_terminal(
        &s,
        &["age", "-d", "-o", "plain.pem", "ca-key.age"],
        &[("Enter passphrase", "correct horse\n")],
        None,
    );
    assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
    assert_eq!(
        key_public_by_openssl(&s, s.read("plain.pem").as_bytes()),
        cert_public(&s, "ca.pem")
    );
}

// --- recipients

#[test]
fn ssh_ed25519_and_rsa_recipients_seal_and_their_private_keys_unlock() {
    for kind in ["ed25519", "rsa"] {
        let s = Scratch::new();
        let public = ssh_keygen(&s, kind, "custodian");
        assert!(public.starts_with(&format!("ssh-{kind} ")), "{public}");
        sealed_root(&s, &["-r", &public]);
        sign_leaf(&s, "ca.pem", "ca-key.age", &["-i", "custodian"], "leaf");
        let unlocked = s
            .certsmith(&["key", "public", "-i", "custodian", "ca-key.age"])
            .ok()
            .stdout_str();
        assert_eq!(unlocked, cert_public(&s, "ca.pem"), "ssh-{kind}");
    }
}

#[test]
fn a_key_sealed_to_two_recipients_unlocks_with_either_identity() {
    let s = Scratch::new();
    let first = age_keygen(&s, "custodian-1.txt");
    let second = age_keygen(&s, "custodian-2.txt");
    age_keygen(&s, "stranger.txt");
    sealed_root(&s, &["-r", &first, "--recipient", &second]);
    let public = cert_public(&s, "ca.pem");
    for id in ["custodian-1.txt", "custodian-2.txt"] {
        let unlocked = s
            .certsmith(&["key", "public", "-i", id, "ca-key.age"])
            .ok()
            .stdout_str();
        assert_eq!(unlocked, public, "{id}");
        let plain = s
            .run("age", &["-d", "-i", id, "ca-key.age"])
            .ok()
            .stdout
            .clone();
        assert_eq!(key_public_by_openssl(&s, &plain), public, "age -d -i {id}");
    }
    // Several -i: the one that fits is used, the others are no error.
    s.certsmith(&[
        "key",
        "public",
        "-i",
        "stranger.txt",
        "-i",
        "custodian-2.txt",
        "ca-key.age",
    ])
    .ok();
    sign_leaf(
        &s,
        "ca.pem",
        "ca-key.age",
        &["-i", "custodian-1.txt"],
        "leaf",
    );
}

#[test]
fn recipients_file_skips_comments_and_blank_lines_like_age() {
    let s = Scratch::new();
    let age_recipient = age_keygen(&s, "custodian.txt");
    let ssh_recipient = ssh_keygen(&s, "ed25519", "ops");
    s.write(
        "recipients.txt",
        &format!("# root custodians\n\n{age_recipient}\n   \n# ops team\n{ssh_recipient}\n"),
    );
    s.write("int-csr.json", INTERMEDIATE);
    s.certsmith_split(&["genkey", "-R", "recipients.txt", "int-csr.json"], "int");
    assert_sealed_on_disk(&s, "int");
    let public = csr_public(&s, "int.csr");
    for id in ["custodian.txt", "ops"] {
        let unlocked = s
            .certsmith(&["key", "public", "--identity", id, "int-key.age"])
            .ok()
            .stdout_str();
        assert_eq!(unlocked, public, "{id}");
    }
    // Recipients from a file and from the command line add up.
    let third = age_keygen(&s, "third.txt");
    let plain = s
        .run("age", &["-d", "-i", "custodian.txt", "int-key.age"])
        .ok()
        .stdout
        .clone();
    let sealed = s
        .certsmith_stdin(
            &[
                "key",
                "encrypt",
                "--recipients-file",
                "recipients.txt",
                "-r",
                &third,
                "-",
            ],
            &plain,
        )
        .ok()
        .stdout
        .clone();
    s.write("resealed.age", &String::from_utf8(sealed).unwrap());
    for id in ["custodian.txt", "ops", "third.txt"] {
        let unlocked = s
            .certsmith(&["key", "public", "-i", id, "resealed.age"])
            .ok()
            .stdout_str();
        assert_eq!(unlocked, public, "{id}");
    }
}

// --- every subcommand that emits or reads a key

#[test]
fn initca_genkey_and_sign_seal_the_keys_they_emit_and_split_json_writes_name_key_age() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);

    // genkey: the intermediate's key and CSR; the key sealed, the CSR plain.
    s.write("int-csr.json", INTERMEDIATE);
    let genkey = s.certsmith_split(&["genkey", "-r", &recipient, "int-csr.json"], "int");
    assert!(json_key(&genkey).starts_with(ARMOR_BEGIN));
    assert_sealed_on_disk(&s, "int");
    s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["-i", "id.txt", "--profile", "intermediate", "int.csr"],
        ),
        "int",
    );
    assert_sealed_on_disk(&s, "int");
    s.openssl_verify("ca.pem", &[], "int.pem");

    // sign with a CSR JSON: the CA key is unlocked with -i, the new key sealed with -r.
    s.write("leaf.json", LEAF);
    let sign = s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("int"),
            &[
                "-i",
                "id.txt",
                "-r",
                &recipient,
                "--profile",
                "server",
                "leaf.json",
            ],
        ),
        "leaf",
    );
    assert_eq!(
        sign.json().as_object().unwrap().keys().collect::<Vec<_>>(),
        ["cert", "csr", "key"]
    );
    assert!(json_key(&sign).starts_with(ARMOR_BEGIN));
    assert_sealed_on_disk(&s, "leaf");
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    pkilint_all(&s, &["int.pem", "leaf.pem"]);

    // Each sealed key is the key of its certificate.
    for (key, cert) in [
        ("ca-key.age", "ca.pem"),
        ("int-key.age", "int.pem"),
        ("leaf-key.age", "leaf.pem"),
    ] {
        let plain = s
            .run("age", &["-d", "-i", "id.txt", key])
            .ok()
            .stdout
            .clone();
        assert_eq!(
            key_public_by_openssl(&s, &plain),
            cert_public(&s, cert),
            "{key}"
        );
    }
    assert_eq!(s.files_containing("", "PRIVATE KEY"), Vec::<String>::new());
}

#[test]
fn csr_renews_from_a_sealed_key() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("leaf.json", LEAF);
    s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &[
                "-i",
                "id.txt",
                "-r",
                &recipient,
                "--profile",
                "server",
                "leaf.json",
            ],
        ),
        "leaf",
    );
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    let renewal = s
        .certsmith(&[
            "csr",
            "--key",
            "leaf-key.age",
            "-i",
            "id.txt",
            "--from-cert",
            "leaf.pem",
        ])
        .ok()
        .json();
    let csr = renewal["csr"].as_str().expect("csr");
    s.write("renewal.csr", csr);
    s.run(
        "openssl",
        &["req", "-verify", "-noout", "-in", "renewal.csr"],
    )
    .ok();
    assert_eq!(csr_public(&s, "renewal.csr"), cert_public(&s, "leaf.pem"));
    s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["-i", "id.txt", "--profile", "server", "renewal.csr"],
        ),
        "renewed",
    );
    s.openssl_verify("ca.pem", &[], "renewed.pem");
    pkilint_all(&s, &["leaf.pem", "renewed.pem"]);
}

#[test]
fn a_sealed_root_leaves_no_plaintext_key_on_disk_and_signs_a_pathlen_0_intermediate() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    s.write("ca-csr.json", ROOT);
    let initca = s.certsmith(&["initca", "-r", &recipient, "ca-csr.json"]);
    initca.ok();
    s.certsmith_stdin(&["split-json", "ca"], &initca.stdout)
        .ok();
    assert_eq!(s.files_containing("", "PRIVATE KEY"), Vec::<String>::new());
    assert!(!initca.stderr.contains("PRIVATE KEY"), "{}", initca.stderr);
    assert_sealed_on_disk(&s, "ca");
    s.openssl_verify("ca.pem", &[], "ca.pem");

    // The intermediate's key is made where it will live; only the CSR travels.
    s.write("int-csr.json", INTERMEDIATE);
    s.certsmith_split(&["genkey", "int-csr.json"], "int");
    s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["-i", "id.txt", "--profile", "intermediate", "int.csr"],
        ),
        "int",
    );
    assert_eq!(s.files_containing("", "PRIVATE KEY"), ["int-key.pem"]);
    assert!(s.x509_text("int.pem").contains("CA:TRUE, pathlen:0"));
    s.openssl_verify("ca.pem", &[], "int.pem");

    s.write("leaf.json", LEAF);
    s.sign_split("int", &["--profile", "server", "leaf.json"], "leaf");
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    pkilint_all(&s, &["ca.pem", "int.pem", "leaf.pem"]);

    s.write(
        "sub.json",
        r#"{"CN":"Too Deep","key":{"algo":"ecdsa","size":256},"ca":{}}"#,
    );
    let err = s
        .sign("int", &["--profile", "intermediate", "sub.json"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: CA certificate int.pem has pathlen 0 and cannot issue CA certificates\n"
    );
}

#[test]
fn signing_with_a_sealed_ca_key_opens_no_file_for_writing() {
    // "Never in plaintext on disk" includes temporary files: strace shows
    // every file the process opens, and with a sealed CA key signing only
    // reads (the certificate goes to stdout). A leaf made from CSR JSON is
    // covered too, since its new key is printed, not written.
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    s.write("ca-csr.json", ROOT);
    let initca = s.certsmith(&["initca", "-r", &recipient, "ca-csr.json"]);
    s.certsmith_stdin(&["split-json", "ca"], &initca.ok().stdout)
        .ok();
    s.write("leaf.json", LEAF);
    s.certsmith_split(&["genkey", "leaf.json"], "leaf");
    for input in ["leaf.csr", "leaf.json"] {
        let run = s.run(
            "strace",
            &[
                "-f",
                "-qq",
                "-e",
                "trace=open,openat,openat2,creat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,memfd_create",
                "-o",
                "trace.txt",
                assert_cmd::cargo::cargo_bin("certsmith").to_str().unwrap(),
                "sign",
                "--ca",
                "ca.pem",
                "--ca-key",
                "ca-key.age",
                "-i",
                "id.txt",
                input,
            ],
        );
        let out = run.ok();
        assert!(out.stdout_str().contains("PRIVATE KEY") == (input == "leaf.json"));
        let trace = std::fs::read_to_string(s.path("trace.txt")).unwrap();
        assert!(
            trace.contains("\"ca-key.age\", O_RDONLY"),
            "the trace sees opens:\n{trace}"
        );
        let writes: Vec<&str> = trace
            .lines()
            .filter(|l| {
                ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TMPFILE"]
                    .iter()
                    .any(|f| l.contains(f))
                    || ["creat(", "rename", "link", "memfd_create("]
                        .iter()
                        .any(|c| {
                            l.split_once(' ')
                                .is_some_and(|(_, call)| call.starts_with(c))
                        })
            })
            .collect();
        assert_eq!(writes, Vec::<&str>::new(), "signing {input} wrote files");
    }
}

// --- passphrases

#[test]
fn passphrase_file_loses_one_trailing_newline_and_reads_stdin_for_dash() {
    let s = Scratch::new();
    s.write("with-newline.txt", "correct horse\n");
    s.write("without-newline.txt", "correct horse");
    s.write("two-newlines.txt", "correct horse\n\n");
    sealed_root(&s, &["-p", "--passphrase-file", "with-newline.txt"]);
    let public = cert_public(&s, "ca.pem");

    sign_leaf(
        &s,
        "ca.pem",
        "ca-key.age",
        &["--passphrase-file", "without-newline.txt"],
        "leaf",
    );
    let from_stdin = s
        .certsmith_stdin(
            &["key", "public", "--passphrase-file", "-", "ca-key.age"],
            b"correct horse\n",
        )
        .ok()
        .stdout_str();
    assert_eq!(from_stdin, public);
    // Only one newline is stripped: "correct horse\n" is another passphrase.
    let err = s
        .certsmith(&[
            "key",
            "public",
            "--passphrase-file",
            "two-newlines.txt",
            "ca-key.age",
        ])
        .fails()
        .to_string();
    assert_eq!(
        err,
        format!("error: ca-key.age: wrong passphrase\n{NO_TERMINAL_HINT}")
    );
}

#[test]
fn certsmith_passphrase_environment_variable_seals_and_unlocks() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    let env = [("CERTSMITH_PASSPHRASE", "from the environment")];
    let run = split_env(&s, &["initca", "-p", "ca-csr.json"], &env, "ca");
    assert!(json_key(&run).starts_with(ARMOR_BEGIN));
    assert_sealed_on_disk(&s, "ca");
    s.write("leaf.json", LEAF);
    split_env(
        &s,
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["--profile", "server", "leaf.json"],
        ),
        &env,
        "leaf",
    );
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    pkilint_all(&s, &["ca.pem", "leaf.pem"]);
    // --passphrase-file comes first.
    s.write("pass.txt", "from the environment\n");
    let unlocked = certsmith_env(
        &s,
        &[
            "key",
            "public",
            "--passphrase-file",
            "pass.txt",
            "ca-key.age",
        ],
        b"",
        &[("CERTSMITH_PASSPHRASE", "not this one")],
    );
    assert_eq!(unlocked.ok().stdout_str(), cert_public(&s, "ca.pem"));
}

#[test]
fn passphrase_prompt_asks_twice_on_the_terminal_without_echo_and_the_key_unlocks() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    let bin = certsmith_bin();
    let term = on_terminal(
        &s,
        &[&bin, "initca", "-p", "ca-csr.json"],
        &[
            ("Enter passphrase for ", "typed at the prompt\n"),
            ("Confirm passphrase for ", "typed at the prompt\n"),
        ],
        Some("ca.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains("typed at the prompt"),
        "the passphrase was echoed:\n{}",
        term.transcript
    );
    s.certsmith_stdin(&["split-json", "ca"], s.read("ca.json").as_bytes())
        .ok();
    assert_sealed_on_disk(&s, "ca");
    s.write("pass.txt", "typed at the prompt\n");
    sign_leaf(
        &s,
        "ca.pem",
        "ca-key.age",
        &["--passphrase-file", "pass.txt"],
        "leaf",
    );
    s.pkilint("ca.pem");

    // Unlocking asks once, on the terminal too.
    let unlock = on_terminal(
        &s,
        &[&bin, "key", "public", "ca-key.age"],
        &[("Enter passphrase for ", "typed at the prompt\n")],
        Some("public.pem"),
    );
    assert_eq!(
        (unlock.status, unlock.failure),
        (0, None),
        "{}",
        unlock.transcript
    );
    assert!(
        !unlock.transcript.contains("Confirm"),
        "{}",
        unlock.transcript
    );
    assert_eq!(s.read("public.pem"), cert_public(&s, "ca.pem"));
}

#[test]
fn passphrase_prompt_refuses_a_confirmation_that_differs() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    let term = on_terminal(
        &s,
        &[&certsmith_bin(), "initca", "-p", "ca-csr.json"],
        &[
            ("Enter passphrase for ", "one long passphrase\n"),
            ("Confirm passphrase for ", "another long passphrase\n"),
        ],
        Some("ca.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .ends_with("error: the passphrases did not match\r\n"),
        "{:?}",
        term.transcript
    );
    assert_eq!(s.read("ca.json"), "", "printed a key after a mismatch");
}

#[test]
fn a_passphrase_needed_without_terminal_or_source_fails_at_once() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    let (run, took) = without_terminal(&s, &["initca", "-p", "ca-csr.json"]);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let err = run.fails().to_string();
    assert_eq!(
        err,
        format!(
            "error: a passphrase is needed for the new CA key but there is no terminal to ask on\n{NO_TERMINAL_HINT}"
        )
    );

    // Unlocking a passphrase-sealed key without a source fails the same way.
    s.write("pass.txt", "correct horse");
    sealed_root(&s, &["-p", "--passphrase-file", "pass.txt"]);
    s.write("leaf.json", LEAF);
    let (run, took) = without_terminal(&s, &with_ca("sign", &sealed_ca_args("ca"), &["leaf.json"]));
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let err = run.fails().to_string();
    assert_eq!(
        err,
        format!(
            "error: a passphrase is needed for ca-key.age but there is no terminal to ask on\n{NO_TERMINAL_HINT}"
        )
    );
}

// --- wrong secrets

#[test]
fn a_wrong_identity_is_refused_naming_the_key_file() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "custodian.txt");
    age_keygen(&s, "stranger.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("leaf.json", LEAF);
    let err = s
        .certsmith(&with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["-i", "stranger.txt", "leaf.json"],
        ))
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: ca-key.age: no identity given can decrypt this key\nhint: pass the custodian's identity with -i/--identity FILE\n"
    );
    let err = s
        .certsmith(&["key", "decrypt", "-i", "stranger.txt", "ca-key.age"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: ca-key.age: no identity given can decrypt this key\n"),
        "{err}"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_naming_the_key_file() {
    let s = Scratch::new();
    s.write("pass.txt", "correct horse\n");
    s.write("wrong.txt", "battery staple\n");
    sealed_root(&s, &["-p", "--passphrase-file", "pass.txt"]);
    s.write("leaf.json", LEAF);
    let err = s
        .certsmith(&with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["--passphrase-file", "wrong.txt", "leaf.json"],
        ))
        .fails()
        .to_string();
    assert_eq!(
        err,
        format!("error: ca-key.age: wrong passphrase\n{NO_TERMINAL_HINT}")
    );
}

#[test]
fn a_sealed_key_without_identity_or_passphrase_source_names_the_file() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "custodian.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("leaf.json", LEAF);
    let err = s
        .certsmith(&with_ca("sign", &sealed_ca_args("ca"), &["leaf.json"]))
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: ca-key.age: the key is age-encrypted and no identity was given\nhint: pass the custodian's identity with -i/--identity FILE\n"
    );
}

/// custodian.txt made by age-keygen, then sealed by `age -p` into
/// custodian.txt.age (the plaintext identity removed); returns its recipient.
fn identity_sealed_by_age_passphrase(s: &Scratch, passphrase: &str) -> String {
    let recipient = age_keygen(s, "custodian.txt");
    let answer = format!("{passphrase}\n");
    let age = on_terminal(
        s,
        &[
            "age",
            "-p",
            "-a",
            "-o",
            "custodian.txt.age",
            "custodian.txt",
        ],
        &[
            ("Enter passphrase", &answer),
            ("Confirm passphrase", &answer),
        ],
        None,
    );
    assert_eq!((age.status, age.failure), (0, None), "{}", age.transcript);
    std::fs::remove_file(s.path("custodian.txt")).unwrap();
    recipient
}

#[test]

fn a_passphrase_protected_identity_file_unlocks_the_key() {
    let s = Scratch::new();
    let recipient = identity_sealed_by_age_passphrase(&s, "guards the identity");
    sealed_root(&s, &["-r", &recipient]);

    let unlocked = certsmith_env(
        &s,
        &["key", "public", "-i", "custodian.txt.age", "ca-key.age"],
        b"",
        &[("CERTSMITH_PASSPHRASE", "guards the identity")],
    );
    assert_eq!(unlocked.ok().stdout_str(), cert_public(&s, "ca.pem"));
    s.write("pass.txt", "guards the identity\n");
    sign_leaf(
        &s,
        "ca.pem",
        "ca-key.age",
        &["-i", "custodian.txt.age", "--passphrase-file", "pass.txt"],
        "leaf",
    );

    let term = on_terminal(
        &s,
        &[
            &certsmith_bin(),
            "key",
            "public",
            "-i",
            "custodian.txt.age",
            "ca-key.age",
        ],
        &[("Enter passphrase for ", "guards the identity\n")],
        Some("public.pem"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert_eq!(s.read("public.pem"), cert_public(&s, "ca.pem"));
}

#[test]

fn a_wrong_passphrase_for_an_identity_file_names_the_identity_file() {
    let s = Scratch::new();
    let recipient = identity_sealed_by_age_passphrase(&s, "guards the identity");
    sealed_root(&s, &["-r", &recipient]);
    let run = certsmith_env(
        &s,
        &["key", "public", "-i", "custodian.txt.age", "ca-key.age"],
        b"",
        &[("CERTSMITH_PASSPHRASE", "battery staple")],
    );
    assert_eq!(
        run.fails(),
        format!("error: custodian.txt.age: wrong passphrase\n{NO_TERMINAL_HINT}")
    );
}

#[test]

fn a_passphrase_protected_identity_file_without_terminal_or_source_fails_at_once() {
    let s = Scratch::new();
    let recipient = identity_sealed_by_age_passphrase(&s, "guards the identity");
    sealed_root(&s, &["-r", &recipient]);
    let (run, took) = without_terminal(
        &s,
        &["key", "public", "-i", "custodian.txt.age", "ca-key.age"],
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let err = run.fails().to_string();
    assert!(
        err.starts_with("error: a passphrase is needed for ")
            && err.ends_with(&format!(
                " but there is no terminal to ask on\n{NO_TERMINAL_HINT}"
            ))
            && err.contains("custodian.txt.age"),
        "{err}"
    );
}

// --- certsmith key

#[test]
fn key_encrypt_and_decrypt_round_trip_through_stdin_as_pkcs8() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    // A SEC1 key as `openssl ecparam -genkey` writes it; decrypt gives PKCS#8.
    s.run(
        "openssl",
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "sec1.pem",
        ],
    )
    .ok();
    assert!(
        s.read("sec1.pem")
            .starts_with("-----BEGIN EC PRIVATE KEY-----\n")
    );
    let sealed = s
        .certsmith_stdin(
            &["key", "encrypt", "-r", &recipient, "-"],
            s.read("sec1.pem").as_bytes(),
        )
        .ok()
        .stdout_str();
    assert!(sealed.starts_with(ARMOR_BEGIN), "{sealed}");
    assert!(
        sealed.ends_with("-----END AGE ENCRYPTED FILE-----\n"),
        "{sealed}"
    );
    let plain = s
        .certsmith_stdin(&["key", "decrypt", "-i", "id.txt", "-"], sealed.as_bytes())
        .ok()
        .stdout_str();
    assert_same_private_key(&s, &plain, "sec1.pem");

    // A passphrase, and decrypt from a file.
    s.write("pass.txt", "correct horse\n");
    let sealed = s
        .certsmith(&[
            "key",
            "encrypt",
            "-p",
            "--passphrase-file",
            "pass.txt",
            "sec1.pem",
        ])
        .ok()
        .stdout_str();
    s.write("sec1.age", &sealed);
    let plain = s
        .certsmith(&[
            "key",
            "decrypt",
            "--passphrase-file",
            "pass.txt",
            "sec1.age",
        ])
        .ok()
        .stdout_str();
    assert_same_private_key(&s, &plain, "sec1.pem");
}

/// `pem` is a PKCS#8 `PRIVATE KEY` holding the same key as the file `original`,
/// as openssl sees them (it writes both in the same normal form).
#[track_caller]
fn assert_same_private_key(s: &Scratch, pem: &str, original: &str) {
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    assert!(pem.ends_with("-----END PRIVATE KEY-----\n"), "{pem}");
    let normal = |bytes: &[u8]| s.run_stdin("openssl", &["pkey"], bytes).ok().stdout_str();
    assert_eq!(
        normal(pem.as_bytes()),
        normal(s.read(original).as_bytes()),
        "not the key in {original}"
    );
}

#[test]
fn key_decrypt_refuses_to_print_on_a_terminal() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);
    let term = on_terminal(
        &s,
        &[
            &certsmith_bin(),
            "key",
            "decrypt",
            "-i",
            "id.txt",
            "ca-key.age",
        ],
        &[],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains("PRIVATE KEY"),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        "error: refusing to print a private key on a terminal\r\nhint: pass -o FILE to write it to a file made 0600, or pipe it on\r\n"
    );

    // What the hint says works on the same terminal, and prints no key there.
    let term = on_terminal(
        &s,
        &[
            &certsmith_bin(),
            "key",
            "decrypt",
            "-i",
            "id.txt",
            "-o",
            "key.pem",
            "ca-key.age",
        ],
        &[],
        None,
    );
    assert_eq!(
        (term.status, term.failure, term.transcript),
        (0, None, String::new())
    );
    assert_eq!(s.file_mode("key.pem"), 0o600);
    assert_eq!(
        key_public_by_openssl(&s, s.read("key.pem").as_bytes()),
        cert_public(&s, "ca.pem")
    );
}

#[test]
fn key_public_matches_openssl_for_plain_and_sealed_keys_of_each_type() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    for (name, key) in [
        ("ec", r#"{"algo":"ecdsa","size":256}"#),
        ("p384", r#"{"algo":"ecdsa","size":384}"#),
        ("ed", r#"{"algo":"ed25519"}"#),
        ("rsa", r#"{"algo":"rsa","size":2048}"#),
    ] {
        s.write(
            &format!("{name}.json"),
            &format!(r#"{{"CN":"{name}","key":{key}}}"#),
        );
        s.certsmith_split(&["genkey", &format!("{name}.json")], name);
        let plain = format!("{name}-key.pem");
        let expected = s
            .run("openssl", &["pkey", "-pubout", "-in", &plain])
            .ok()
            .stdout_str();
        assert!(
            expected.starts_with("-----BEGIN PUBLIC KEY-----\n"),
            "{expected}"
        );
        assert_eq!(
            s.certsmith(&["key", "public", &plain]).ok().stdout_str(),
            expected,
            "{name}"
        );
        assert_eq!(
            s.certsmith_stdin(&["key", "public", "-"], s.read(&plain).as_bytes())
                .ok()
                .stdout_str(),
            expected,
            "{name} from stdin"
        );
        let sealed = s
            .certsmith(&["key", "encrypt", "-r", &recipient, &plain])
            .ok()
            .stdout_str();
        s.write(&format!("{name}-key.age"), &sealed);
        assert_eq!(
            s.certsmith(&["key", "public", "-i", "id.txt", &format!("{name}-key.age")])
                .ok()
                .stdout_str(),
            expected,
            "{name} sealed"
        );
    }
}

#[test]
fn key_fingerprint_is_the_same_for_key_certificate_and_csr_and_matches_openssl() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("leaf.json", LEAF);
    s.certsmith_split(
        &with_ca(
            "sign",
            &sealed_ca_args("ca"),
            &["-i", "id.txt", "--profile", "server", "leaf.json"],
        ),
        "leaf",
    );
    s.openssl_verify("ca.pem", &[], "leaf.pem");
    s.pkilint("leaf.pem");

    for (cert, key, csr, unlock) in [
        ("ca.pem", "ca-key.age", "ca.csr", &["-i", "id.txt"][..]),
        ("leaf.pem", "leaf-key.pem", "leaf.csr", &[][..]),
    ] {
        let expected = format!("{}\n", openssl_spki_fingerprint(&s, &cert_public(&s, cert)));
        assert_eq!(expected.len(), "SHA256:".len() + 32 * 3, "{expected}");
        for file in [cert, csr] {
            assert_eq!(
                s.certsmith(&["key", "fingerprint", file]).ok().stdout_str(),
                expected,
                "{file}"
            );
        }
        let mut args = vec!["key", "fingerprint"];
        args.extend(unlock);
        args.push(key);
        assert_eq!(s.certsmith(&args).ok().stdout_str(), expected, "{key}");
        let from_stdin = s
            .certsmith_stdin(&["key", "fingerprint", "-"], s.read(cert).as_bytes())
            .ok()
            .stdout_str();
        assert_eq!(from_stdin, expected, "{cert} on stdin");
    }
    assert_ne!(
        s.certsmith(&["key", "fingerprint", "ca.pem"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", "leaf.pem"])
            .ok()
            .stdout_str()
    );
}

#[test]
fn key_identity_writes_age_keygens_format_0600_that_age_accepts() {
    let s = Scratch::new();
    let made = s.certsmith(&["key", "identity", "-o", "custodian.txt"]);
    made.ok();
    assert!(made.stdout.is_empty(), "{}", made.stdout_str());
    assert_eq!(s.file_mode("custodian.txt"), 0o600);
    let file = s.read("custodian.txt");
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(lines.len(), 3, "{file}");
    assert!(lines[0].starts_with("# created: "), "{file}");
    assert!(lines[1].starts_with("# public key: age1"), "{file}");
    assert!(lines[2].starts_with("AGE-SECRET-KEY-1"), "{file}");

    // The recipient on stderr is the one age-keygen derives from the file.
    let recipient = s
        .run("age-keygen", &["-y", "custodian.txt"])
        .ok()
        .stdout_str()
        .trim()
        .to_owned();
    assert_eq!(made.stderr, format!("Public key: {recipient}\n"));
    assert_eq!(lines[1], format!("# public key: {recipient}"));

    // age encrypts to it and decrypts with the file.
    s.write("message.txt", "for the custodian\n");
    s.run(
        "age",
        &["-e", "-r", &recipient, "-o", "message.age", "message.txt"],
    )
    .ok();
    let back = s
        .run("age", &["-d", "-i", "custodian.txt", "message.age"])
        .ok()
        .stdout_str();
    assert_eq!(back, "for the custodian\n");

    // To stdout without -o.
    let printed = s.certsmith(&["key", "identity"]);
    let text = printed.ok().stdout_str();
    assert!(
        text.lines()
            .nth(2)
            .unwrap_or("")
            .starts_with("AGE-SECRET-KEY-1"),
        "{text}"
    );
    assert!(
        printed.stderr.starts_with("Public key: age1"),
        "{}",
        printed.stderr
    );
}

#[test]
fn key_identity_refuses_to_overwrite_without_force() {
    let s = Scratch::new();
    s.certsmith(&["key", "identity", "-o", "custodian.txt"])
        .ok();
    let before = s.read("custodian.txt");
    let err = s
        .certsmith(&["key", "identity", "-o", "custodian.txt"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: custodian.txt already exists; refusing to replace an identity\nhint: choose another -o FILE, or pass --force to replace it\n"
    );
    assert_eq!(s.read("custodian.txt"), before);

    s.certsmith(&["key", "identity", "-o", "custodian.txt", "--force"])
        .ok();
    assert_ne!(s.read("custodian.txt"), before);
    assert_eq!(s.file_mode("custodian.txt"), 0o600);
}

#[test]
fn initca_prints_the_certificate_fingerprint_as_openssl_does() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    let run = sealed_root(&s, &["-r", &recipient]);
    let openssl = s
        .run(
            "openssl",
            &["x509", "-noout", "-fingerprint", "-sha256", "-in", "ca.pem"],
        )
        .ok()
        .stdout_str();
    // The very line openssl prints (OpenSSL 3 labels it "sha256 Fingerprint="),
    // said to be of a certificate not yet written (split-json may refuse it).
    assert!(openssl.contains(" Fingerprint="), "{openssl}");
    let expected = format!(
        "new certificate, not yet written: {}",
        openssl
            .trim_end()
            .replace("sha256 Fingerprint=", "certificate SHA-256 Fingerprint=")
    );
    assert!(
        run.stderr.lines().any(|l| l == expected),
        "no `{expected}` line in:\n{}",
        run.stderr
    );

    // A plain root announces its fingerprint too.
    let plain = s.certsmith_split(&["initca", "ca-csr.json"], "plain");
    s.openssl_verify("plain.pem", &[], "plain.pem");
    s.pkilint("plain.pem");
    let expected = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-fingerprint",
                "-sha256",
                "-in",
                "plain.pem",
            ],
        )
        .ok()
        .stdout_str();
    let expected = format!(
        "new certificate, not yet written: {}",
        expected
            .trim_end()
            .replace("sha256 Fingerprint=", "certificate SHA-256 Fingerprint=")
    );
    assert!(
        plain.stderr.lines().any(|l| l == expected),
        "no `{expected}` line in:\n{}",
        plain.stderr
    );
}

#[test]
fn bad_recipients_and_empty_passphrases_are_refused_before_a_key_is_made() {
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT);
    s.write("no-recipients.txt", "# nobody yet\n\n");
    s.write("empty.txt", "");
    s.write("newline.txt", "\n");
    const RECIPIENT_HINT: &str = "hint: recipients are age1… keys (certsmith key identity, age-keygen) or ssh-ed25519/ssh-rsa public keys\n";
    for (args, expected) in [
        (
            &["initca", "-r", "age1nope", "ca-csr.json"][..],
            format!(
                "error: invalid recipient \"age1nope\": invalid Bech32 encoding\n{RECIPIENT_HINT}"
            ),
        ),
        (
            &["initca", "-r", "hello", "ca-csr.json"][..],
            format!(
                "error: invalid recipient \"hello\": expected an age recipient (age1…) or an SSH public key (ssh-ed25519 …, ssh-rsa …)\n{RECIPIENT_HINT}"
            ),
        ),
        (
            &["initca", "-R", "no-recipients.txt", "ca-csr.json"][..],
            format!(
                "error: invalid recipient \"no-recipients.txt\": no recipients in the file\n{RECIPIENT_HINT}"
            ),
        ),
        (
            &[
                "initca",
                "-p",
                "--passphrase-file",
                "empty.txt",
                "ca-csr.json",
            ][..],
            format!("error: the passphrase is empty\n{NO_TERMINAL_HINT}"),
        ),
        (
            &[
                "initca",
                "-p",
                "--passphrase-file",
                "newline.txt",
                "ca-csr.json",
            ][..],
            format!("error: the passphrase is empty\n{NO_TERMINAL_HINT}"),
        ),
    ] {
        assert_eq!(s.certsmith(args).fails(), expected, "{args:?}");
    }
    // A passphrase and recipients at once is a usage error, as in age.
    let both = s.certsmith(&["initca", "-p", "-r", "age1nope", "ca-csr.json"]);
    assert_eq!(both.status, 2, "{}", both.stderr);
    assert!(both.stdout.is_empty());
}

// --- issue 14: key files (-o) and the two fingerprints

/// certsmith ARGS under umask 022, as a shell user would run it.
fn certsmith_umask_022(s: &Scratch, args: &[&str]) -> Run {
    let bin = certsmith_bin();
    let mut argv = vec!["-c", "umask 022; exec \"$0\" \"$@\"", &bin];
    argv.extend(args);
    s.run("sh", &argv)
}

#[test]
fn key_decrypt_and_encrypt_write_o_files_0600_under_umask_022() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);

    let decrypt = certsmith_umask_022(
        &s,
        &[
            "key",
            "decrypt",
            "-i",
            "id.txt",
            "-o",
            "ca-key.pem",
            "ca-key.age",
        ],
    );
    assert_eq!(decrypt.ok().stdout, b"", "a key on stdout as well");
    assert_eq!(s.file_mode("ca-key.pem"), 0o600);
    assert_eq!(
        key_public_by_openssl(&s, s.read("ca-key.pem").as_bytes()),
        cert_public(&s, "ca.pem")
    );

    let encrypt = certsmith_umask_022(
        &s,
        &[
            "key",
            "encrypt",
            "-r",
            &recipient,
            "--output",
            "again.age",
            "ca-key.pem",
        ],
    );
    assert_eq!(encrypt.ok().stdout, b"");
    assert_eq!(s.file_mode("again.age"), 0o600);
    assert!(s.read("again.age").starts_with(ARMOR_BEGIN));
    let plain = s
        .run("age", &["-d", "-i", "id.txt", "again.age"])
        .ok()
        .stdout
        .clone();
    assert_eq!(key_public_by_openssl(&s, &plain), cert_public(&s, "ca.pem"));
    // Nothing but the two outputs: no temporary left beside them.
    let mut names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, Vec::<String>::new());
}

#[test]
fn key_decrypt_and_encrypt_refuse_an_existing_o_file_without_force() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("taken.pem", "someone else's file\n");
    s.write("plain.pem", "");
    std::fs::remove_file(s.path("plain.pem")).unwrap();
    s.certsmith(&[
        "key",
        "decrypt",
        "-i",
        "id.txt",
        "-o",
        "plain.pem",
        "ca-key.age",
    ])
    .ok();
    for args in [
        &[
            "key",
            "decrypt",
            "-i",
            "id.txt",
            "-o",
            "taken.pem",
            "ca-key.age",
        ][..],
        &[
            "key",
            "encrypt",
            "-r",
            &recipient,
            "-o",
            "taken.pem",
            "plain.pem",
        ][..],
    ] {
        assert_eq!(
            s.certsmith(args).fails(),
            "error: taken.pem already exists; refusing to replace it\nhint: choose another -o FILE, or pass --force to replace it\n",
            "{args:?}"
        );
        assert_eq!(s.read("taken.pem"), "someone else's file\n");
    }

    // --force replaces it, and a file that was 0644 becomes 0600.
    std::fs::set_permissions(
        s.path("taken.pem"),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    s.certsmith(&[
        "key",
        "decrypt",
        "-i",
        "id.txt",
        "-o",
        "taken.pem",
        "--force",
        "ca-key.age",
    ])
    .ok();
    assert_eq!(s.file_mode("taken.pem"), 0o600);
    assert_eq!(
        key_public_by_openssl(&s, s.read("taken.pem").as_bytes()),
        cert_public(&s, "ca.pem")
    );
    // --force means nothing without -o.
    let usage = s.certsmith(&["key", "decrypt", "-i", "id.txt", "--force", "ca-key.age"]);
    assert_eq!(usage.status, 2, "{}", usage.stderr);
}

#[test]
fn key_commands_refuse_an_o_file_that_is_a_symbolic_link_even_with_force() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    sealed_root(&s, &["-r", &recipient]);
    s.write("elsewhere.pem", "not to be replaced\n");
    std::os::unix::fs::symlink("elsewhere.pem", s.path("link.pem")).unwrap();
    std::os::unix::fs::symlink("nowhere/key.pem", s.path("dangling.pem")).unwrap();
    for link in ["link.pem", "dangling.pem"] {
        for args in [
            &["key", "decrypt", "-i", "id.txt", "-o", link, "ca-key.age"][..],
            &[
                "key",
                "decrypt",
                "-i",
                "id.txt",
                "-o",
                link,
                "--force",
                "ca-key.age",
            ][..],
            &[
                "key", "encrypt", "-r", &recipient, "-o", link, "--force", "id.txt",
            ][..],
            &["key", "identity", "-o", link, "--force"][..],
        ] {
            assert_eq!(
                s.certsmith(args).fails(),
                format!(
                    "error: {link} is a symbolic link; refusing to write a secret through or over it\nhint: remove the link, or give -o the path of a regular file\n"
                ),
                "{args:?}"
            );
            assert!(
                s.path(link).symlink_metadata().unwrap().is_symlink(),
                "{link} replaced by {args:?}"
            );
        }
    }
    assert_eq!(s.read("elsewhere.pem"), "not to be replaced\n");
    assert!(!s.exists("nowhere"));
}

#[test]
fn key_help_examples_write_keys_with_o_never_through_a_shell_redirect() {
    let s = Scratch::new();
    for sub in [&["key"][..], &["key", "decrypt"], &["key", "encrypt"]] {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = s.certsmith(&args).ok().stdout_str();
        let examples = help.split("Examples:").nth(1).expect("examples");
        assert!(examples.contains(" -o "), "{sub:?}:\n{examples}");
        assert!(
            !examples.contains("> "),
            "{sub:?} redirects a key to a file made under the umask:\n{examples}"
        );
    }
    let decrypt = s.certsmith(&["key", "decrypt", "--help"]).ok().stdout_str();
    assert!(
        decrypt.contains("Write to FILE (mode 0600, atomically) instead of stdout"),
        "{decrypt}"
    );
}

#[test]
fn fingerprints_are_labelled_certificate_sha256_and_public_key_sha256() {
    let s = Scratch::new();
    s.init_ca("ca", ROOT);
    s.certsmith_stdin(&["key", "public", "ca.pem"], b"").ok();
    let public = s.certsmith(&["key", "public", "ca.pem"]).ok().stdout_str();
    s.write("ca.pub", &public);
    let openssl = s
        .run(
            "openssl",
            &["x509", "-noout", "-fingerprint", "-sha256", "-in", "ca.pem"],
        )
        .ok()
        .stdout_str();
    let cert_sha = openssl.trim().rsplit('=').next().unwrap().to_owned();
    let key_sha = openssl_spki_fingerprint(&s, &public);

    // key fingerprint: the value alone on stdout, for $(…); --help names it.
    let fp = s
        .certsmith(&["key", "fingerprint", "ca.pem"])
        .ok()
        .stdout_str();
    assert_eq!(fp, format!("{key_sha}\n"));
    let help = s
        .certsmith(&["key", "fingerprint", "--help"])
        .ok()
        .stdout_str();
    assert!(
        help.starts_with(
            "Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo)"
        ),
        "{help}"
    );
    assert!(
        help.contains("not the certificate\nSHA-256")
            || help.contains("not the certificate SHA-256"),
        "{help}"
    );
    let public_help = s.certsmith(&["key", "public", "--help"]).ok().stdout_str();
    assert!(
        public_help.starts_with("Print the public key (PEM) of a key, CSR or certificate"),
        "{public_help}"
    );

    // inspect names each.
    let hex = key_sha.trim_start_matches("SHA256:");
    let text = s
        .certsmith(&["inspect", "ca.pem", "ca.csr", "ca-key.pem", "ca.pub"])
        .ok()
        .stdout_str();
    assert_eq!(
        text.matches(&format!("  certificate SHA-256: {cert_sha}\n"))
            .count(),
        1,
        "{text}"
    );
    assert_eq!(
        text.matches(&format!("  public key SHA-256: {hex}\n"))
            .count(),
        3,
        "{text}"
    );
    assert!(!text.contains("sha256"), "{text}");
}

/// `-o -` is stdout, as `-` is everywhere: not a file named `-` holding a
/// plaintext key.
#[test]
fn key_decrypt_o_dash_is_stdout_not_a_file_named_dash() {
    let s = Scratch::new();
    let recipient = age_keygen(&s, "id.txt");
    s.write("k.json", r#"{"CN":"k","key":{"algo":"ecdsa","size":256}}"#);
    let made = s.certsmith(&["genkey", "-r", &recipient, "k.json"]);
    made.ok();
    s.write("k.age", made.json()["key"].as_str().unwrap());
    let run = s.certsmith(&["key", "decrypt", "-i", "id.txt", "-o", "-", "k.age"]);
    run.ok();
    assert!(run.stdout_str().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(!s.exists("-"));
}
