//! The hostile-input corpus (tests/corpus/, each file listed in its README)
//! run through every subcommand wherever it reads an input of that kind
//! (issue 9, "Hardening"). Every case must end with exit 1 (2 for a usage
//! error) and one `error: ` line that names the offending file or field; any
//! later lines are `hint: ` or `warning: `. It must not panic, must not create,
//! change or remove anything in the working directory, and must finish within
//! HANG_GUARD under a 1 GiB address-space limit.
//!
//! `remote` cases point at 127.0.0.1:1, where nothing listens: hostile input
//! must be refused before any connection, so the error names the input and
//! not the address.
//!
//! Each test runs a table of cases and fails once at the end, listing every
//! case that misbehaved, so one run shows the whole picture.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::*;

/// The committed corpus; its README.md is not an input.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// A hang guard, not a timing test: a refusal takes milliseconds.
const HANG_GUARD: Duration = Duration::from_secs(10);

/// `ulimit -v` for every run, in KiB: a memory blow-up fails instead of swapping.
const ADDRESS_SPACE_KIB: u64 = 1 << 20;

/// An error quotes a hostile value; it does not echo a megabyte of it into a log.
const MAX_LINE: usize = 1024;

const LEAF: &str =
    r#"{"CN":"leaf.hostile.test","hosts":["leaf.hostile.test"],"key":{"algo":"ecdsa","size":256}}"#;

/// Inputs that every reader of files must refuse: no bytes, random bytes,
/// NUL bytes, prose, 100 000 nested `[`, a directory, a missing file.
const ANY: &[&str] = &[
    "empty",
    "random.bin",
    "nul-bytes.bin",
    "text.txt",
    "deep-array.json",
    "adir",
    "missing.pem",
];

/// Broken certificates: truncated, bad base64, garbage DER in a valid armor,
/// an empty body, mismatched armor, a 2 GiB length claim, 20 000 nested SEQUENCEs.
const BROKEN_CERTS: &[&str] = &[
    "truncated-cert.pem",
    "truncated-der-cert.pem",
    "bad-base64-cert.pem",
    "garbage-der-cert.pem",
    "empty-body-cert.pem",
    "mismatched-armor.pem",
    "length-bomb-cert.pem",
    "deep-der-cert.pem",
];

const BROKEN_CSRS: &[&str] = &[
    "truncated-csr.pem",
    "truncated-der-csr.pem",
    "bad-base64-csr.pem",
    "garbage-der-csr.pem",
    "length-bomb-cert.pem",
    "deep-der-cert.pem",
];

const BROKEN_KEYS: &[&str] = &[
    "truncated-key.pem",
    "truncated-der-key.pem",
    "bad-base64-key.pem",
    "garbage-der-key.pem",
    "garbage-der-ec-key.pem",
    "garbage-der-rsa-key.pem",
    "pem-encrypted-key.pem",
    "length-bomb-cert.pem",
    "deep-der-cert.pem",
];

// Argument templates: words separated by spaces, `{}` stands for the input.

/// Where a certificate is read (a directory is not a certificate here).
const CERT_READERS: &[&str] = &[
    "sign --ca {} --ca-key ca-key.pem leaf.csr",
    "gencert -ca {} -ca-key ca-key.pem leaf.csr",
    "cross-sign --ca ca.pem --ca-key ca-key.pem {}",
    "cross-sign --ca {} --ca-key ca-key.pem ca.pem",
    "bundle --roots ca.pem {}",
    "certinfo --cert {}",
    "csr --key leaf-key.pem --from-cert {}",
    "ledger verify --ca {} ledger.jsonl",
    "revoke --ca {} --ca-key ca-key.pem --ledger ledger.jsonl --serial 01",
    "revoke --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl --cert {}",
    "crl --ca {} --ca-key ca-key.pem --ledger ledger.jsonl",
    "remote info --remote 127.0.0.1:1 --tls-remote-ca {}",
    "remote sign --remote 127.0.0.1:1 --ca {} leaf.csr",
    "remote sign --remote 127.0.0.1:1 --client-cert {} --client-key leaf-key.pem leaf.csr",
    // issue 19: Kubernetes Secret and kubeconfig
    "export k8s-secret --cert {} --key leaf-key.pem --name x",
    "export k8s-secret --cert leaf.pem --key leaf-key.pem --chain {} --name x",
    "export k8s-secret --cert leaf.pem --key leaf-key.pem --ca {} --name x",
    "export kubeconfig --server https://k:6443 --ca {} --cert leaf.pem --key leaf-key.pem",
    "export kubeconfig --server https://k:6443 --ca ca.pem --cert {} --key leaf-key.pem",
];

/// Where certificates are read from a file or a directory tree.
const BUNDLE_READERS: &[&str] = &[
    "bundle --roots {} leaf.pem",
    "bundle --roots ca.pem --intermediates {} leaf.pem",
    "bundle --federate {}",
];

/// Where a CSR is read.
const CSR_READERS: &[&str] = &[
    "sign --ca ca.pem --ca-key ca-key.pem {}",
    "gencert -ca ca.pem -ca-key ca-key.pem {}",
    "certinfo --csr {}",
    "remote sign --remote 127.0.0.1:1 {}",
];

/// Where a private key is read.
const KEY_READERS: &[&str] = &[
    "sign --ca ca.pem --ca-key {} leaf.csr",
    "gencert -ca ca.pem -ca-key {} leaf.csr",
    "csr --key {} leaf.json",
    "key encrypt -R recipients.txt {}",
    "key decrypt {}",
    "cross-sign --ca ca.pem --ca-key {} ca.pem",
    "revoke --ca ca.pem --ca-key {} --ledger ledger.jsonl --serial 01",
    "crl --ca ca.pem --ca-key {} --ledger ledger.jsonl",
    "remote sign --remote 127.0.0.1:1 --client-cert leaf.pem --client-key {} leaf.csr",
    // issue 19: Kubernetes Secret and kubeconfig
    "export k8s-secret --cert leaf.pem --key {} --name x",
    "export kubeconfig --server https://k:6443 --ca ca.pem --cert leaf.pem --key {}",
];

/// Where a key, a CSR or a certificate is read.
const PUBLIC_KEY_READERS: &[&str] = &["key public {}", "key fingerprint {}"];

/// Where a quorum file (issue 20) is read: described, its public key taken
/// from the header, and opened to sign (with an identity, so that the file
/// and not the missing custodians is what is refused).
const QUORUM_READERS: &[&str] = &[
    "inspect {}",
    "key public {}",
    "key fingerprint {}",
    "sign --ca ca.pem --ca-key {} -i id.txt leaf.csr",
];

/// (corpus file, what the error line must name besides the file): broken
/// quorum files, each refused at the line that breaks the format.
const HOSTILE_QUORUMS: &[(&str, &[&str])] = &[
    ("quorum-truncated.quorum", &["line 37", "no newline"]),
    ("quorum-threshold-0.quorum", &["line 3", "a threshold of 0"]),
    ("quorum-threshold-1.quorum", &["line 3", "a threshold of 1"]),
    (
        "quorum-threshold-256.quorum",
        &["line 3", "a threshold of 256"],
    ),
    (
        "quorum-count-above-custodians.quorum",
        &["line 15", "share 4:"],
    ),
    ("quorum-block-missing.quorum", &["line 45", "-> share 3"]),
    ("quorum-block-extra.quorum", &["line 60", "-> share 4"]),
    (
        "quorum-block-index-duplicate.quorum",
        &["line 31", "-> share 2"],
    ),
    (
        "quorum-block-out-of-order.quorum",
        &["line 15", "-> share 1"],
    ),
    (
        "quorum-header-index-duplicate.quorum",
        &["line 9", "share 2:"],
    ),
    ("quorum-label-escape.quorum", &["line 6", "control"]),
    ("quorum-label-bidi.quorum", &["line 6", "bidirectional"]),
    ("quorum-label-long.quorum", &["line 9", "label"]),
    (
        "quorum-recipient-long.quorum",
        &["line 10", "not a recipient"],
    ),
    ("quorum-key-missing.quorum", &["line 60", "-> key"]),
    ("quorum-crlf.quorum", &["line 1", "carriage return"]),
    ("quorum-not-utf8.quorum", &["line 9", "UTF-8"]),
    ("quorum-label-zero-width.quorum", &["line 6", "U+200B"]),
    ("quorum-label-hangul-filler.quorum", &["line 6", "U+3164"]),
    ("quorum-label-braille-blank.quorum", &["line 6", "U+2800"]),
    (
        "quorum-label-variation-selector.quorum",
        &["line 6", "U+E0100"],
    ),
    (
        "quorum-ca-key-type.quorum",
        &["line 5", "the key type rsa-2048"],
    ),
    (
        "quorum-ca-key-curve.quorum",
        &["line 5", "curve 1.3.132.0.10"],
    ),
];

/// Where identities and recipients are read.
const IDENTITY_READERS: &[&str] = &[
    "key decrypt -i {} sealed-key.age",
    "key public -i {} sealed-key.age",
    "key encrypt -R {} leaf-key.pem",
    "genkey -R {} leaf.json",
];

/// Where an auth key is read from a file.
const AUTH_KEY_READERS: &[&str] = &[
    "remote token --auth-key file:{} leaf.csr",
    "remote sign --remote 127.0.0.1:1 --auth-key file:{} leaf.csr",
];

/// Where a CSR JSON is read.
const CSR_JSON_READERS: &[&str] = &[
    "initca {}",
    "genkey {}",
    "csr --key leaf-key.pem {}",
    "sign --ca ca.pem --ca-key ca-key.pem {}",
    "gencert -initca {}",
    "gencert -ca ca.pem -ca-key ca-key.pem {}",
    "remote sign --remote 127.0.0.1:1 {}",
];

/// Where a CSR JSON's `ca` section makes a certificate.
const CA_JSON_READERS: &[&str] = &["initca {}", "gencert -initca {}"];

/// Where a config JSON is read.
const CONFIG_READERS: &[&str] = &[
    "sign --ca ca.pem --ca-key ca-key.pem --config {} leaf.csr",
    "gencert -ca ca.pem -ca-key ca-key.pem -config {} leaf.csr",
    "initca --config {} ca-csr.json",
    "cross-sign --ca ca.pem --ca-key ca-key.pem --config {} ca.pem",
];

/// Where a config's default profile signs.
const CONFIG_USERS: &[&str] = &[
    "sign --ca ca.pem --ca-key ca-key.pem --config {} leaf.csr",
    "gencert -ca ca.pem -ca-key ca-key.pem -config {} leaf.csr",
];

/// Where a ledger is checked before anything is appended.
const LEDGER_CHECKERS: &[&str] = &[
    "ledger verify --ca ca.pem {}",
    "crl --ca ca.pem --ca-key ca-key.pem --ledger {}",
    "revoke --ca ca.pem --ca-key ca-key.pem --ledger {} --serial 01",
];

/// Where an issuance is appended to a ledger.
const LEDGER_APPENDERS: &[&str] = &[
    "sign --ca ca.pem --ca-key ca-key.pem --ledger {} leaf.csr",
    "initca --ledger {} ca-csr.json",
    "cross-sign --ca ca.pem --ca-key ca-key.pem --ledger {} ca.pem",
];

/// Where input can come from stdin (`-`).
const STDIN_READERS: &[&str] = &[
    "initca -",
    "genkey -",
    "csr --key leaf-key.pem -",
    "sign --ca ca.pem --ca-key ca-key.pem -",
    "remote sign --remote 127.0.0.1:1 -",
    "split-json out",
    "inspect -",
    "bundle --roots ca.pem -",
    "certinfo --cert -",
    "certinfo --csr -",
    "key public -",
    "key encrypt -R recipients.txt -",
    "key decrypt -",
    "cross-sign --ca ca.pem --ca-key ca-key.pem -",
];

/// What a case must end with.
#[derive(Clone, Copy, PartialEq)]
enum Exit {
    /// exit 1: the operation failed.
    Fails,
    /// exit 2: a usage error (clap's, or inspect --expiring-within's).
    Usage,
    /// either, where both are defensible (an empty NAME).
    FailsOrUsage,
}

/// What one run did.
struct Outcome {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    timed_out: bool,
    elapsed: Duration,
}

/// One file or directory as the snapshot sees it. A write, a chmod or a
/// replacement by rename changes the inode's ctime (which no program can set
/// back) or the inode number, so comparing these finds any changed file
/// without reading it.
#[derive(PartialEq, Debug)]
struct Node {
    dir: bool,
    mode: u32,
    len: u64,
    ino: u64,
    ctime: (i64, i64),
    mtime: (i64, i64),
}

/// A scratch directory holding the corpus, a CA, a leaf and generated hostile
/// files, and the list of cases that misbehaved.
struct Hostile {
    s: Scratch,
    bin: PathBuf,
    /// HANG_GUARD, shorter only to test the guard itself.
    guard: Duration,
    cases: usize,
    failures: Vec<String>,
}

impl Hostile {
    fn new() -> Hostile {
        let s = Scratch::new();
        for entry in std::fs::read_dir(CORPUS).expect("tests/corpus") {
            let entry = entry.expect("corpus entry");
            let name = entry.file_name().into_string().expect("utf-8 name");
            if name != "README.md" {
                std::fs::copy(entry.path(), s.path(&name)).expect("copy corpus file");
            }
        }
        s.init_ca("ca", ROOT_CSR);
        s.write("leaf.json", LEAF);
        s.certsmith_split(&["genkey", "leaf.json"], "leaf");
        let signed = s.certsmith(&words(
            "sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl leaf.csr",
        ));
        signed.ok();
        s.certsmith_stdin(&["split-json", "leaf"], &signed.stdout)
            .ok();
        // An age identity, its recipient, and the leaf key sealed to it.
        let identity = s.certsmith(&["key", "identity", "-o", "id.txt"]);
        identity.ok();
        let recipient = identity
            .stderr
            .split_whitespace()
            .find(|w| w.starts_with("age1"))
            .unwrap_or_else(|| panic!("no recipient in: {}", identity.stderr))
            .to_owned();
        s.write("recipients.txt", &format!("{recipient}\n"));
        let sealed = s.certsmith(&["key", "encrypt", "-r", &recipient, "leaf-key.pem"]);
        sealed.ok();
        std::fs::write(s.path("sealed-key.age"), &sealed.stdout).unwrap();
        s.write("auth.hex", "00112233445566778899aabbccddeeff\n");
        generate(&s);
        Hostile {
            s,
            bin: assert_cmd::cargo::cargo_bin("certsmith"),
            guard: HANG_GUARD,
            cases: 0,
            failures: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.s.path(name)
    }

    /// Runs certsmith in the scratch directory under the memory limit, killing
    /// it after HANG_GUARD.
    fn run(&self, args: &[&str], stdin: &[u8]) -> Outcome {
        let mut child = command("sh")
            .arg("-c")
            .arg(format!("ulimit -v {ADDRESS_SPACE_KIB} && exec \"$@\""))
            .arg("sh")
            .arg(&self.bin)
            .args(args)
            .current_dir(self.s.dir.path())
            .env("RUST_BACKTRACE", "0")
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn sh");
        let start = Instant::now();
        let mut input = child.stdin.take().expect("stdin");
        let bytes = stdin.to_vec();
        let writer = thread::spawn(move || {
            let _ = input.write_all(&bytes);
        });
        let mut out = child.stdout.take().expect("stdout");
        let reader = thread::spawn(move || {
            let mut v = Vec::new();
            let _ = out.read_to_end(&mut v);
            v
        });
        let mut err = child.stderr.take().expect("stderr");
        let err_reader = thread::spawn(move || {
            let mut v = Vec::new();
            let _ = err.read_to_end(&mut v);
            v
        });
        // Wait on another thread, so the run ends the moment the child does.
        let pid = child.id();
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let _ = done.send(child.wait().expect("wait"));
        });
        let mut timed_out = false;
        let status = finished.recv_timeout(self.guard).unwrap_or_else(|_| {
            timed_out = true;
            // Our own child, by its id.
            let _ = command("sh")
                .args(["-c", &format!("kill -KILL {pid}")])
                .status();
            finished.recv().expect("status after kill")
        });
        let elapsed = start.elapsed();
        let _ = writer.join();
        Outcome {
            code: status.code(),
            stdout: reader.join().unwrap_or_default(),
            stderr: err_reader.join().unwrap_or_default(),
            timed_out,
            elapsed,
        }
    }

    /// Expects exit 1 and an error line containing every needle.
    fn refuse(&mut self, args: &[&str], needles: &[&str]) -> String {
        self.check(args, None, Exit::Fails, needles)
    }

    /// Expects exit 2 and an error line containing every needle.
    fn usage(&mut self, args: &[&str], needles: &[&str]) -> String {
        self.check(args, None, Exit::Usage, needles)
    }

    /// Runs one case and records what is wrong with it; returns the error line.
    fn check(
        &mut self,
        args: &[&str],
        stdin: Option<&[u8]>,
        exit: Exit,
        needles: &[&str],
    ) -> String {
        self.cases += 1;
        let before = snapshot(self.s.dir.path());
        let outcome = self.run(args, stdin.unwrap_or(b""));
        let after = snapshot(self.s.dir.path());
        let mut problems = Vec::new();
        let stderr = String::from_utf8_lossy(&outcome.stderr).into_owned();
        if outcome.timed_out {
            problems.push(format!("still running after {:?} (killed)", self.guard));
        }
        let wanted: &[i32] = match exit {
            Exit::Fails => &[1],
            Exit::Usage => &[2],
            Exit::FailsOrUsage => &[1, 2],
        };
        match outcome.code {
            Some(c) if wanted.contains(&c) => {}
            Some(c) => problems.push(format!("exit {c}, expected {wanted:?}")),
            None => problems.push(
                "killed by a signal (an abort, the memory limit, or the hang guard)".to_owned(),
            ),
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problems.push("panicked".to_owned());
        }
        if !outcome.stdout.is_empty() {
            problems.push(format!(
                "printed {} bytes on stdout although it failed",
                outcome.stdout.len()
            ));
        }
        if std::str::from_utf8(&outcome.stderr).is_err() {
            problems.push("stderr is not UTF-8 (raw input bytes echoed)".to_owned());
        }
        let lines: Vec<&str> = stderr.lines().collect();
        if lines.is_empty() {
            problems.push("nothing on stderr".to_owned());
        } else if !lines[0].starts_with("error: ") {
            problems.push(format!(
                "the first stderr line does not start with `error: `: {:?}",
                clip(lines[0])
            ));
        }
        // The needles are looked for in the error line, wherever it is.
        let error_line = lines
            .iter()
            .find(|l| l.starts_with("error: "))
            .or(lines.first())
            .copied()
            .unwrap_or("")
            .to_owned();
        // clap follows its error with usage text; certsmith's own errors with hints only.
        if outcome.code == Some(1) {
            for line in lines.iter().skip(1) {
                if !(line.starts_with("hint: ") || line.starts_with("warning: ")) {
                    problems.push(format!(
                        "another stderr line that is neither hint: nor warning: {:?}",
                        clip(line)
                    ));
                }
            }
        }
        if lines.iter().any(|l| l.chars().any(char::is_control)) {
            problems.push("a control character on stderr (input echoed unescaped)".to_owned());
        }
        if let Some(long) = lines
            .iter()
            .map(|l| l.len())
            .max()
            .filter(|&n| n > MAX_LINE)
        {
            problems.push(format!("a {long}-byte stderr line (over {MAX_LINE})"));
        }
        for needle in needles {
            if !error_line.contains(needle) {
                problems.push(format!("the error line does not name {needle:?}"));
            }
        }
        let changes = diff(&before, &after);
        if !changes.is_empty() {
            problems.push(format!("files changed: {}", changes.join(", ")));
            // Remove what was left behind, so it does not spoil the next cases.
            for name in changes.iter().filter_map(|c| c.strip_prefix('+')) {
                let path = self.path(name);
                let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
            }
        }
        if !problems.is_empty() {
            let stdin_note = match stdin {
                Some(b) => format!(" < ({} bytes on stdin)", b.len()),
                None => String::new(),
            };
            self.failures.push(format!(
                "certsmith {}{stdin_note}\n    problems: {}\n    exit: {:?} after {:?}\n    stderr: {:?}",
                args.iter().map(|a| shell_word(a)).collect::<Vec<_>>().join(" "),
                problems.join("; "),
                outcome.code,
                outcome.elapsed,
                clip(&stderr),
            ));
        }
        error_line
    }

    /// Records a failure found by a test's own assertion.
    fn also(&mut self, ok: bool, what: String) {
        if !ok {
            self.failures.push(what);
        }
    }

    /// Runs `template` (words; `{}` stands for the input) with `input`, expecting
    /// exit 1 and an error line containing every needle.
    fn refuse_with(&mut self, template: &str, input: &str, needles: &[&str]) -> String {
        let args = fill(template, input);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.refuse(&args, needles)
    }

    /// Runs every template with every input; each must be refused naming the input.
    fn refuse_all(&mut self, templates: &[&str], inputs: &[&str]) {
        for template in templates {
            for input in inputs {
                self.refuse_with(template, input, &[input]);
            }
        }
    }

    /// Fails the test with every case that misbehaved.
    #[track_caller]
    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} of {} hostile cases misbehaved:\n\n{}\n",
            self.failures.len(),
            self.cases,
            self.failures.join("\n\n")
        );
    }
}

/// The words of a command line (no word of these templates holds a space).
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The template's words with `{}` replaced by `input` (which may hold spaces).
fn fill(template: &str, input: &str) -> Vec<String> {
    words(template)
        .into_iter()
        .map(|w| w.replace("{}", input))
        .collect()
}

fn concat<'a>(lists: &[&[&'a str]]) -> Vec<&'a str> {
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

fn clip(s: &str) -> String {
    if s.len() <= 700 {
        return s.to_owned();
    }
    let mut end = 700;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

fn shell_word(a: &str) -> String {
    if a.chars().any(char::is_control) {
        format!("{a:?}")
    } else if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+".contains(c))
    {
        a.to_owned()
    } else {
        format!("'{}'", a.replace('\'', r"'\''"))
    }
}

/// Every file and directory under `root`, by relative path.
fn snapshot(root: &Path) -> BTreeMap<String, Node> {
    let mut nodes = BTreeMap::new();
    walk(root, root, &mut nodes);
    nodes
}

fn walk(root: &Path, dir: &Path, nodes: &mut BTreeMap<String, Node>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        // A directory's times change when a temporary file comes and goes;
        // what is left behind shows up as its own entry.
        let dir = meta.is_dir();
        let times = |t: (i64, i64)| if dir { (0, 0) } else { t };
        nodes.insert(
            name,
            Node {
                dir,
                mode: meta.permissions().mode() & 0o7777,
                len: if dir { 0 } else { meta.len() },
                ino: meta.ino(),
                ctime: times((meta.ctime(), meta.ctime_nsec())),
                mtime: times((meta.mtime(), meta.mtime_nsec())),
            },
        );
        if meta.is_dir() {
            walk(root, &path, nodes);
        }
    }
}

fn diff(before: &BTreeMap<String, Node>, after: &BTreeMap<String, Node>) -> Vec<String> {
    let mut changes = Vec::new();
    for (name, node) in after {
        match before.get(name) {
            None => changes.push(format!("+{name}")),
            Some(old) if old != node => changes.push(format!("~{name}")),
            Some(_) => {}
        }
    }
    for name in before.keys() {
        if !after.contains_key(name) {
            changes.push(format!("-{name}"));
        }
    }
    changes
}

/// Deterministic bytes (xorshift64*), so a failure can be reproduced.
fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A DER tag and definite length.
fn der_header(tag: u8, len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![tag, len as u8];
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    let mut h = vec![tag, 0x80 | (bytes.len() - skip) as u8];
    h.extend_from_slice(&bytes[skip..]);
    h
}

/// `depth` SEQUENCEs, each holding the next, around a NULL: valid DER whose
/// nesting would overflow a recursive parser's stack.
fn nested_sequences(depth: usize) -> Vec<u8> {
    let mut headers = Vec::with_capacity(depth);
    let mut len = 2;
    for _ in 0..depth {
        let h = der_header(0x30, len);
        len += h.len();
        headers.push(h);
    }
    let mut der = Vec::with_capacity(len);
    for h in headers.iter().rev() {
        der.extend_from_slice(h);
    }
    der.extend_from_slice(&[0x05, 0x00]);
    der
}

fn pem_of(tag: &str, der: Vec<u8>) -> String {
    pem::encode(&pem::Pem::new(tag, der))
}

fn der_of(s: &Scratch, name: &str) -> Vec<u8> {
    pem::parse(std::fs::read(s.path(name)).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .into_contents()
}

/// The hostile inputs too big, too binary or too dependent on this run's CA
/// to commit (tests/corpus/README.md lists them too).
fn generate(s: &Scratch) {
    let w = |name: &str, bytes: &[u8]| std::fs::write(s.path(name), bytes).unwrap();
    w("random.bin", &pseudo_random(4096, 0x9E37_79B9_7F4A_7C15));
    w("nul-bytes.bin", &[0u8; 1024]);
    w("deep-array.json", "[".repeat(100_000).as_bytes());
    w("deep-object.json", r#"{"CN":"#.repeat(100_000).as_bytes());
    w(
        "deep-der-cert.pem",
        pem_of("CERTIFICATE", nested_sequences(20_000)).as_bytes(),
    );
    w(
        "huge-random.bin",
        &pseudo_random(2 << 20, 0xD1B5_4A32_D192_ED03),
    );
    w(
        "huge-pem.pem",
        pem_of("CERTIFICATE", pseudo_random(2 << 20, 7)).as_bytes(),
    );
    w(
        "huge-cn.json",
        format!(r#"{{"CN":"{}"}}"#, "c".repeat(1 << 20)).as_bytes(),
    );
    // The CA followed by a block of garbage: `--ca` reads the chain above the
    // CA from the same file, bundle reads intermediates from it.
    let mut chain = std::fs::read(s.path("ca.pem")).unwrap();
    chain.extend(std::fs::read(s.path("garbage-der-cert.pem")).unwrap());
    w("ca-then-garbage.pem", &chain);
    w("ca.der", &der_of(s, "ca.pem"));
    // A real CSR with one byte of its signature changed, and one with a byte of
    // its subject changed: the signature no longer covers what is asked.
    let mut csr = der_of(s, "leaf.csr");
    *csr.last_mut().unwrap() ^= 0x01;
    w(
        "tampered-sig.csr",
        pem_of("CERTIFICATE REQUEST", csr).as_bytes(),
    );
    let mut csr = der_of(s, "leaf.csr");
    let at = csr
        .windows(4)
        .position(|w| w == b"leaf")
        .expect("CN in the CSR");
    csr[at] = b'm';
    w(
        "tampered-subject.csr",
        pem_of("CERTIFICATE REQUEST", csr).as_bytes(),
    );
    std::fs::create_dir(s.path("adir")).unwrap();
}

/// True when the line says the input is a certificate, beyond the words
/// "certificate request" of a generic "no certificate request found".
fn says_it_is_a_certificate(line: &str) -> bool {
    line.to_lowercase()
        .replace("certificate request", "")
        .contains("certificate")
}

#[test]
fn the_harness_catches_success_leftovers_and_vague_errors() {
    // Tests that cannot fail prove nothing: feed the checker cases that are
    // wrong in known ways and expect each to be reported.
    let mut h = Hostile::new();
    let json = h.s.certsmith(&["genkey", "leaf.json"]).ok().stdout.clone();
    std::fs::write(h.path("good.json"), json).unwrap();
    h.refuse(&words("split-json -f good.json fresh"), &["good.json"]);
    h.refuse(&words("inspect empty"), &["not-the-file-name"]);
    h.refuse(&words("inspect --bogus-flag"), &[]);
    // A FIFO nobody writes to blocks the open, as it would for cat.
    h.s.run("mkfifo", &["fifo"]).ok();
    h.guard = Duration::from_millis(300);
    h.refuse(&words("inspect fifo"), &["fifo"]);
    let failures = h.failures.join("\n");
    assert_eq!(h.failures.len(), 4, "{failures}");
    assert!(
        failures.contains("still running after 300ms (killed)"),
        "{failures}"
    );
    assert!(failures.contains("exit: Some(0)"), "{failures}");
    assert!(failures.contains("+fresh-key.pem"), "{failures}");
    assert!(
        failures.contains("does not name \"not-the-file-name\""),
        "{failures}"
    );
    assert!(failures.contains("exit 2, expected [1]"), "{failures}");
}

#[test]
fn certificate_readers_refuse_broken_certificates() {
    let mut h = Hostile::new();
    let wrong_kind = ["garbage-der-key.pem", "leaf.csr", "leaf-key.pem"];
    let inputs = concat(&[ANY, BROKEN_CERTS, &wrong_kind]);
    h.refuse_all(CERT_READERS, &inputs);
    // Directories are legitimate here: they are searched for certificates.
    let files: Vec<&str> = inputs.into_iter().filter(|i| *i != "adir").collect();
    h.refuse_all(BUNDLE_READERS, &files);
    // inspect describes CSRs and keys too.
    let not_pki: Vec<&str> = files
        .into_iter()
        .filter(|i| !["leaf.csr", "leaf-key.pem"].contains(i))
        .collect();
    h.refuse_all(&["inspect {}"], &not_pki);
    // A good CA followed by a garbage block, where the rest of the file is read.
    for template in [
        "sign --ca {} --ca-key ca-key.pem leaf.csr",
        "bundle --roots ca.pem {}",
        "inspect {}",
    ] {
        h.refuse_with(template, "ca-then-garbage.pem", &["ca-then-garbage.pem"]);
    }
    h.finish();
}

#[test]
fn csr_readers_refuse_broken_requests() {
    let mut h = Hostile::new();
    let inputs = concat(&[
        ANY,
        BROKEN_CSRS,
        &[
            "garbage-der-cert.pem",
            "garbage-der-key.pem",
            "leaf-key.pem",
        ],
    ]);
    h.refuse_all(CSR_READERS, &inputs);
    // key public and fingerprint take keys, CSRs and certificates alike.
    h.refuse_all(PUBLIC_KEY_READERS, &concat(&[ANY, BROKEN_CSRS]));
    h.finish();
}

#[test]
fn key_readers_refuse_broken_keys() {
    let mut h = Hostile::new();
    let inputs = concat(&[
        ANY,
        BROKEN_KEYS,
        &["garbage-der-cert.pem", "ca.pem", "leaf.csr"],
    ]);
    h.refuse_all(KEY_READERS, &inputs);
    h.refuse_all(
        PUBLIC_KEY_READERS,
        &concat(&[
            BROKEN_KEYS,
            &["garbage-der-public-key.pem", "garbage-der-crl.pem"],
        ]),
    );
    // A key that does not belong to the CA certificate.
    for template in [
        "sign --ca ca.pem --ca-key {} leaf.csr",
        "crl --ca ca.pem --ca-key {} --ledger ledger.jsonl",
        "cross-sign --ca ca.pem --ca-key {} ca.pem",
    ] {
        h.refuse_with(template, "leaf-key.pem", &["leaf-key.pem"]);
    }
    h.refuse_all(
        IDENTITY_READERS,
        &concat(&[ANY, &["garbage-der-key.pem", "ca.pem"]]),
    );
    h.refuse_all(
        AUTH_KEY_READERS,
        &["empty", "random.bin", "text.txt", "adir", "missing.pem"],
    );
    // Any bytes can be HMACed; a directory or a missing file cannot.
    h.refuse_all(
        &["remote token --auth-key file:auth.hex {}"],
        &["adir", "missing.pem"],
    );
    h.finish();
}

#[test]
fn quorum_readers_refuse_broken_quorum_files_naming_the_line() {
    let mut h = Hostile::new();
    for (file, needles) in HOSTILE_QUORUMS {
        let needles = concat(&[&[*file], needles]);
        for template in QUORUM_READERS {
            h.refuse_with(template, file, &needles);
        }
    }
    h.finish();
}

#[test]
fn json_readers_refuse_broken_documents() {
    let mut h = Hostile::new();
    let inputs = concat(&[
        ANY,
        &[
            "deep-object.json",
            "garbage-der-cert.pem",
            "truncated-csr.pem",
            "ca.pem",
        ],
    ]);
    // sign's input is a CSR or a CSR JSON: csr_readers_refuse_broken_requests.
    let readers: Vec<&str> = CSR_JSON_READERS
        .iter()
        .copied()
        .filter(|t| !CSR_READERS.contains(t))
        .chain(CONFIG_READERS.iter().copied())
        .chain(["split-json -f {} out"])
        .collect();
    h.refuse_all(&readers, &inputs);
    h.finish();
}

#[test]
fn stdin_readers_refuse_broken_input_naming_stdin() {
    let mut h = Hostile::new();
    for template in STDIN_READERS {
        for input in [
            "empty",
            "random.bin",
            "nul-bytes.bin",
            "text.txt",
            "deep-array.json",
            "garbage-der-cert.pem",
            "truncated-csr.pem",
        ] {
            let bytes = std::fs::read(h.path(input)).unwrap();
            h.check(&words(template), Some(&bytes), Exit::Fails, &["stdin"]);
        }
    }
    h.finish();
}

/// (corpus file, what the error line must name) for CSR JSON. RSA sizes,
/// unknown algorithms, the CN bound and control characters have tests of their own.
const HOSTILE_CSR_JSON: &[(&str, &[&str])] = &[
    ("csr-array.json", &["csr-array.json"]),
    ("csr-string.json", &["csr-string.json"]),
    ("csr-null.json", &["csr-null.json"]),
    ("csr-number.json", &["csr-number.json"]),
    ("csr-trailing-garbage.json", &["csr-trailing-garbage.json"]),
    ("csr-truncated.json", &["csr-truncated.json"]),
    ("csr-empty-object.json", &["CN"]),
    ("csr-cn-number.json", &["CN"]),
    ("csr-cn-object.json", &["CN"]),
    ("csr-hosts-string.json", &["hosts"]),
    ("csr-hosts-numbers.json", &["hosts"]),
    ("csr-names-object.json", &["names"]),
    ("csr-names-number.json", &["O"]),
    ("csr-key-array.json", &["key"]),
    ("csr-key-size-string.json", &["size"]),
    ("csr-key-size-1e400.json", &["csr-key-size-1e400.json"]),
    ("csr-key-size-u64-overflow.json", &["size"]),
    ("csr-rsa-0.json", &["size"]),
    ("csr-rsa-negative.json", &["-2048"]),
    ("csr-algo-empty.json", &["algo"]),
    ("csr-algo-number.json", &["algo"]),
    ("csr-o-65.json", &["O", "64"]),
    ("csr-ou-65.json", &["OU", "64"]),
    ("csr-l-129.json", &["L", "128"]),
    ("csr-st-129.json", &["ST", "128"]),
    ("csr-c-three-letters.json", &["C", "USA"]),
    ("csr-serialnumber-65.json", &["serialNumber", "64"]),
    ("csr-host-space.json", &["exa mple.com"]),
    ("csr-host-hyphens.json", &["-bad-.com"]),
    ("csr-host-empty-label.json", &["a..b"]),
    ("csr-host-long-label.json", &["host"]),
    ("csr-host-too-long.json", &["host"]),
    ("csr-host-port.json", &["x.example.com:443"]),
    ("csr-host-unicode.json", &["host"]),
    ("csr-host-wildcard-inside.json", &["a.*.example.com"]),
    ("deep-object.json", &["deep-object.json"]),
];

#[test]
fn csr_json_readers_refuse_hostile_requests() {
    let mut h = Hostile::new();
    for (file, needles) in HOSTILE_CSR_JSON {
        for template in CSR_JSON_READERS {
            h.refuse_with(template, file, needles);
        }
    }
    for (file, needle) in [
        ("csr-ca-string.json", "ca"),
        ("csr-ca-pathlen-negative.json", "pathlen"),
    ] {
        for template in ["initca {}", "genkey {}", "gencert -initca {}"] {
            h.refuse_with(template, file, &[needle]);
        }
    }
    h.finish();
}

#[test]
fn a_cn_longer_than_64_characters_is_refused_and_64_is_accepted() {
    let mut h = Hostile::new();
    for template in CSR_JSON_READERS {
        let line = h.refuse_with(template, "csr-cn-65.json", &["CN"]);
        h.also(
            line.contains("64"),
            format!(
                "certsmith {}: the error does not give RFC 5280's bound of 64: {line:?}",
                fill(template, "csr-cn-65.json").join(" ")
            ),
        );
    }
    // The bound itself is allowed, so the refusal above is about the length.
    h.s.write("cn-64.json", &format!(r#"{{"CN":"{}"}}"#, "c".repeat(64)));
    let run = h.s.certsmith(&["genkey", "cn-64.json"]);
    h.also(
        run.status == 0,
        format!("genkey refused a 64-character CN: {}", run.stderr),
    );
    h.finish();
}

#[test]
fn weak_absurd_and_unknown_keys_are_refused_before_generation() {
    // RSA 100000 would take hours to generate: the hang guard catches a
    // refusal that comes too late.
    let mut h = Hostile::new();
    for template in CSR_JSON_READERS {
        for (file, needle) in [
            ("csr-rsa-1024.json", "1024"),
            ("csr-rsa-100000.json", "100000"),
            ("csr-algo-dsa.json", "\"dsa\""),
            ("csr-ecdsa-123.json", "123"),
        ] {
            h.refuse_with(template, file, &[needle]);
        }
    }
    h.finish();
}

#[test]
fn invalid_host_names_are_refused_in_csr_json_and_hostname() {
    let mut h = Hostile::new();
    let long_label = format!("{}.com", "h".repeat(300));
    for host in [
        "exa mple.com",
        "-bad-.com",
        "a..b",
        long_label.as_str(),
        "a.*.example.com",
        "x.example.com:443",
        "x\u{1b}[2J.example.com",
    ] {
        let flag = format!("--hostname={host}");
        // The escape sequence must be refused but not echoed raw.
        let needle = if host.contains('\u{1b}') {
            "host"
        } else {
            &host[..host.len().min(40)]
        };
        for template in [
            "sign --ca ca.pem --ca-key ca-key.pem {} leaf.csr",
            "sign --ca ca.pem --ca-key ca-key.pem {} leaf.json",
            "gencert -ca ca.pem -ca-key ca-key.pem {} leaf.csr",
            // Refused here, before the request travels.
            "remote sign --remote 127.0.0.1:1 {} leaf.csr",
        ] {
            h.refuse_with(template, &flag, &[needle]);
        }
    }
    h.finish();
}

#[test]
fn control_characters_in_subject_and_hosts_are_refused() {
    let mut h = Hostile::new();
    for (file, field) in [
        ("csr-cn-nul.json", "CN"),
        ("csr-cn-newline.json", "CN"),
        ("csr-cn-escape.json", "CN"),
        ("csr-o-nul.json", "O"),
        ("csr-host-nul.json", "host"),
        ("csr-host-newline.json", "host"),
    ] {
        for template in CSR_JSON_READERS {
            h.refuse_with(template, file, &[field]);
        }
    }
    h.finish();
}

#[test]
fn bad_durations_are_refused_naming_the_field() {
    let mut h = Hostile::new();
    for (file, field) in [
        ("csr-ca-expiry-date.json", "expiry"),
        ("csr-ca-expiry-negative.json", "expiry"),
        ("csr-ca-expiry-number.json", "expiry"),
        ("csr-ca-expiry-huge.json", "expiry"),
        ("csr-ca-expiry-overflow.json", "expiry"),
        ("csr-ca-backdate-negative.json", "backdate"),
        ("csr-ca-backdate-huge.json", "backdate"),
    ] {
        for template in CA_JSON_READERS {
            h.refuse_with(template, file, &[field]);
        }
    }
    // Refused when the config is read, whichever command reads it.
    for file in [
        "config-expiry-date.json",
        "config-expiry-negative.json",
        "config-expiry-number.json",
        "config-expiry-overflow.json",
    ] {
        for template in CONFIG_READERS {
            h.refuse_with(template, file, &["expiry"]);
        }
    }
    // Refused when the profile signs: empty, missing, null, absurdly long.
    for (file, field) in [
        ("config-expiry-empty.json", "expiry"),
        ("config-expiry-missing.json", "expiry"),
        ("config-expiry-null.json", "expiry"),
        ("config-expiry-huge.json", "expiry"),
        ("config-backdate-huge.json", "backdate"),
        ("config-backdate-negative.json", "backdate"),
    ] {
        for template in CONFIG_USERS {
            h.refuse_with(template, file, &[field]);
        }
    }
    let crl = "crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl {}";
    for value in ["1/1/2015", "-5h", "", "99999999h", "99999999999999999999h"] {
        h.refuse_with(crl, &format!("--next-update={value}"), &["next-update"]);
    }
    h.usage(
        &fill(crl, "--next-update")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &["next-update"],
    );
    // inspect --expiring-within exits 2 on any error, as grep does.
    for value in ["1/1/2015", "-5h", ""] {
        let flag = format!("--expiring-within={value}");
        h.usage(&["inspect", &flag, "ca.pem"], &["expiring-within"]);
    }
    h.usage(
        &words("inspect ca.pem --expiring-within"),
        &["expiring-within"],
    );
    h.finish();
}

#[test]
fn deeply_nested_json_is_refused_without_stack_overflow() {
    let mut h = Hostile::new();
    for file in ["deep-array.json", "deep-object.json"] {
        let readers = concat(&[CSR_JSON_READERS, CONFIG_READERS, &["split-json -f {} out"]]);
        h.refuse_all(&readers, &[file]);
        let bytes = std::fs::read(h.path(file)).unwrap();
        for template in ["split-json out", "genkey -"] {
            h.check(&words(template), Some(&bytes), Exit::Fails, &["stdin"]);
        }
        // As a ledger line.
        std::fs::copy(h.path(file), h.path("deep-ledger.jsonl")).unwrap();
        h.refuse_all(LEDGER_CHECKERS, &["deep-ledger.jsonl"]);
        std::fs::remove_file(h.path("deep-ledger.jsonl")).unwrap();
    }
    // DER nested 20 000 deep, wherever DER is parsed.
    h.refuse_all(
        &[
            "inspect {}",
            "certinfo --cert {}",
            "certinfo --csr {}",
            "key public {}",
            "sign --ca ca.pem --ca-key ca-key.pem {}",
            "sign --ca {} --ca-key ca-key.pem leaf.csr",
        ],
        &["deep-der-cert.pem"],
    );
    h.finish();
}

#[test]
fn a_certificate_given_as_a_csr_is_named_as_such() {
    let mut h = Hostile::new();
    for input in ["ca.pem", "ca.der", "leaf.pem"] {
        for template in CSR_READERS {
            let line = h.refuse_with(template, input, &[input]);
            h.also(
                says_it_is_a_certificate(&line),
                format!(
                    "certsmith {}: the error does not say {input} is a certificate (not a CSR): {line:?}",
                    fill(template, input).join(" ")
                ),
            );
        }
    }
    h.finish();
}

#[test]
fn a_csr_with_a_tampered_signature_is_refused() {
    let mut h = Hostile::new();
    let templates = concat(&[
        CSR_READERS,
        &["sign --ca ca.pem --ca-key ca-key.pem --hostname other.hostile.test {}"],
    ])
    .into_iter()
    // certinfo describes a request; it does not act on it.
    .filter(|t| !t.starts_with("certinfo"));
    for template in templates {
        for input in ["tampered-sig.csr", "tampered-subject.csr"] {
            h.refuse_with(template, input, &[input, "signature"]);
        }
    }
    // The untampered CSR signs, so the refusals above are about the signature.
    let run =
        h.s.certsmith(&words("sign --ca ca.pem --ca-key ca-key.pem leaf.csr"));
    h.also(
        run.status == 0,
        format!("sign refused the untampered leaf.csr: {}", run.stderr),
    );
    h.finish();
}

#[test]
fn config_readers_refuse_hostile_configs() {
    let mut h = Hostile::new();
    for (file, needle) in [
        ("config-array.json", "config-array.json"),
        ("config-signing-array.json", "signing"),
        ("config-profiles-array.json", "profiles"),
        ("config-usages-string.json", "usages"),
        ("config-usage-unknown.json", "sever auth"),
        ("config-not-after-garbage.json", "not_after"),
        ("config-is-ca-string.json", "is_ca"),
        ("config-max-path-len-negative.json", "max_path_len"),
        ("config-whitelist-bad-regex.json", "name_whitelist"),
        ("config-whitelist-regex-bomb.json", "name_whitelist"),
        ("config-policy-bad-oid.json", "not.an.oid"),
    ] {
        for template in CONFIG_READERS {
            h.refuse_with(template, file, &[needle]);
        }
    }
    for template in CONFIG_USERS {
        h.refuse_with(template, "config-crl-url-invalid.json", &["crl_url"]);
    }
    h.finish();
}

#[test]
fn split_json_refuses_hostile_envelopes_and_writes_nothing() {
    let mut h = Hostile::new();
    // A good certificate next to a bad key: neither may be written.
    let cert = h.s.read("leaf.pem");
    let mixed = serde_json::json!({"cert": cert, "key": "this is not a key"});
    h.s.write("envelope-cert-and-bad-key.json", &mixed.to_string());
    for (file, needle) in [
        ("envelope-array.json", "envelope-array.json"),
        ("envelope-empty-object.json", "envelope-empty-object.json"),
        ("envelope-result-string.json", "envelope-result-string.json"),
        ("envelope-cert-number.json", "cert"),
        ("envelope-cert-garbage.json", "cert"),
        ("envelope-csr-garbage.json", "csr"),
        ("envelope-bundle-garbage.json", "bundle"),
        ("envelope-key-garbage.json", "key"),
        ("envelope-ocsp-bad-base64.json", "ocspResponse"),
        ("envelope-failed.json", "signer refused the request"),
        ("envelope-cert-and-bad-key.json", "key"),
    ] {
        h.refuse_with("split-json -f {} out", file, &[needle]);
        h.refuse_with("split-json -f {} --stdout", file, &[needle]);
        let bytes = std::fs::read(h.path(file)).unwrap();
        let on_stdin = if needle == file { "stdin" } else { needle };
        h.check(
            &words("split-json out"),
            Some(&bytes),
            Exit::Fails,
            &[on_stdin],
        );
    }
    h.finish();
}

#[test]
fn ledger_readers_refuse_hostile_ledgers() {
    let mut h = Hostile::new();
    // The real ledger with one field edited after signing.
    let real = h.s.read("ledger.jsonl");
    assert!(real.contains(r#""is_ca":false"#), "{real}");
    h.s.write(
        "ledger-tampered.jsonl",
        &real.replacen(r#""is_ca":false"#, r#""is_ca":true"#, 1),
    );
    // A ledger another CA signed.
    h.s.init_ca("other", r#"{"CN":"Other Root","ca":{}}"#);
    h.s.certsmith(&words(
        "sign --ca other.pem --ca-key other-key.pem --ledger ledger-other-ca.jsonl leaf.csr",
    ))
    .ok();
    let not_ledgers = [
        "ledger-garbage.jsonl",
        "ledger-array.jsonl",
        "ledger-wrong-shape.jsonl",
        "random.bin",
        "nul-bytes.bin",
        "deep-array.json",
        "adir",
    ];
    let bad_ledgers = concat(&[
        &not_ledgers,
        &[
            "ledger-sig-not-base64.jsonl",
            "ledger-tampered.jsonl",
            "ledger-other-ca.jsonl",
        ],
    ]);
    h.refuse_all(LEDGER_CHECKERS, &bad_ledgers);
    // An empty ledger verifies nothing: a ledger truncated to zero must not pass.
    h.refuse_all(
        &["ledger verify --ca ca.pem {}"],
        &["empty", "missing.jsonl"],
    );
    // Appending to what is not a ledger would leave it unverifiable for good.
    h.refuse_all(LEDGER_APPENDERS, &not_ledgers);
    h.finish();
}

#[test]
fn crl_refuses_hostile_serial_lists() {
    let mut h = Hostile::new();
    for (file, needle) in [
        ("revoked-not-hex.txt", "zz-top"),
        ("revoked-bad-reason.txt", "bogusReason"),
        ("revoked-serial-too-long.txt", "revoked-serial-too-long.txt"),
        ("random.bin", "random.bin"),
        ("nul-bytes.bin", "nul-bytes.bin"),
        ("text.txt", "text.txt"),
        ("adir", "adir"),
        ("missing.txt", "missing.txt"),
    ] {
        h.refuse_with(
            "crl --ca ca.pem --ca-key ca-key.pem --revoked {}",
            file,
            &[needle],
        );
    }
    h.finish();
}

#[test]
fn hostile_flag_values_are_refused() {
    let mut h = Hostile::new();
    let revoke = "revoke --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl {}";
    let too_long = format!("--serial={}", "ab".repeat(21));
    for (flag, needle) in [
        ("--serial=zz", "zz"),
        ("--serial=", "serial"),
        ("--serial=-01", "-01"),
        (too_long.as_str(), "serial"),
    ] {
        h.refuse_with(revoke, flag, &[needle]);
    }
    h.refuse(&words("revoke --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl --serial 01 --reason bogus"), &["bogus"]);
    h.refuse(
        &words("key encrypt -r age1bogus leaf-key.pem"),
        &["age1bogus"],
    );
    h.refuse(
        &["genkey", "-r", "ssh-rsa AAAA", "leaf.json"],
        &["ssh-rsa AAAA"],
    );
    h.refuse(
        &["remote", "info", "--remote", "ht!tp://x y"],
        &["ht!tp://x y"],
    );
    h.refuse(&["remote", "info", "--remote", ""], &["signer address"]);
    // A key typed on the command line is refused (ps shows it); files of
    // non-hex are in key_readers_refuse_broken_keys.
    h.refuse(
        &words("remote token --auth-key zz leaf.csr"),
        &["--auth-key"],
    );
    h.refuse(
        &words("remote sign --remote 127.0.0.1:1 --auth-key zz leaf.csr"),
        &["--auth-key"],
    );
    h.refuse(
        &words("remote token --auth-key env:CERTSMITH_HOSTILE_UNSET leaf.csr"),
        &["CERTSMITH_HOSTILE_UNSET"],
    );
    h.refuse_with(
        "sign --ca ca.pem --ca-key ca-key.pem {} leaf.csr",
        "--profile=",
        &["profile"],
    );
    h.finish();
}

#[test]
fn every_subcommand_refuses_an_unknown_flag_as_usage() {
    let mut h = Hostile::new();
    for command in [
        "",
        "initca",
        "genkey",
        "csr",
        "sign",
        "split-json",
        "bundle",
        "inspect",
        "key",
        "key encrypt",
        "key decrypt",
        "key public",
        "key fingerprint",
        "key identity",
        "ledger",
        "ledger verify",
        "revoke",
        "crl",
        "cross-sign",
        "remote",
        "remote sign",
        "remote info",
        "remote token",
        "gencert",
        "certinfo",
        "print-defaults",
    ] {
        h.usage(
            &words(&format!("{command} --bogus-flag x")),
            &["--bogus-flag"],
        );
    }
    h.usage(&words("frobnicate"), &["frobnicate"]);
    h.usage(&words("print-defaults bogus"), &["bogus"]);
    // Missing required arguments.
    h.usage(&words("sign --ca ca.pem --ca-key ca-key.pem"), &[]);
    h.usage(
        &words("revoke --ca ca.pem --ca-key ca-key.pem --serial 01"),
        &[],
    );
    h.finish();
}

#[test]
fn huge_inputs_are_refused_quickly_and_briefly() {
    let mut h = Hostile::new();
    for template in [
        "initca {}",
        "genkey {}",
        "sign --ca ca.pem --ca-key ca-key.pem {}",
    ] {
        h.refuse_with(template, "huge-cn.json", &["CN"]);
    }
    h.refuse_all(
        &[
            "inspect {}",
            "certinfo --cert {}",
            "sign --ca ca.pem --ca-key ca-key.pem {}",
            "sign --ca {} --ca-key ca-key.pem leaf.csr",
            "key public {}",
            "bundle --roots ca.pem {}",
            "split-json -f {} out",
            "ledger verify --ca ca.pem {}",
            "crl --ca ca.pem --ca-key ca-key.pem --revoked {}",
        ],
        &["huge-random.bin", "huge-pem.pem"],
    );
    // An endless input: refused once memory runs out, not aborted.
    h.refuse(&words("inspect /dev/zero"), &["/dev/zero"]);
    h.finish();
}

/// True when this process can write into a directory whose mode forbids it
/// (root, CAP_DAC_OVERRIDE): then mode 0555 proves nothing.
fn mode_bits_are_ignored(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let writable = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    writable
}

/// Saves another root's initca output as other.json.
fn other_root(h: &Hostile) -> Vec<u8> {
    h.s.write("other-csr.json", r#"{"CN":"Other Root","ca":{}}"#);
    let other = h.s.certsmith(&["initca", "other-csr.json"]);
    other.ok();
    std::fs::write(h.path("other.json"), &other.stdout).unwrap();
    other.stdout
}

#[test]
fn unwritable_destinations_leave_nothing_behind() {
    let mut h = Hostile::new();
    other_root(&h);
    // A destination whose parent is a regular file.
    h.refuse(&words("split-json -f other.json ca.pem/x"), &["ca.pem/x"]);
    h.refuse(&words("key identity -o ca.pem/id.txt"), &["ca.pem/id.txt"]);
    h.refuse(
        &words("sign --ca ca.pem --ca-key ca-key.pem --ledger ca.pem/ledger.jsonl leaf.csr"),
        &["ca.pem/ledger.jsonl"],
    );
    // One of the files to write is a directory: the others must not be left behind.
    for (dir, blocked) in [
        ("csr-blocked", "x.csr"),
        ("cert-blocked", "x.pem"),
        ("key-blocked", "x-key.pem"),
    ] {
        std::fs::create_dir_all(h.path(dir).join(blocked)).unwrap();
        h.refuse_with(
            "split-json -f other.json {}",
            &format!("{dir}/x"),
            &[blocked],
        );
    }
    // An empty NAME would write `.pem` and `-key.pem`.
    h.check(
        &["split-json", "-f", "other.json", ""],
        None,
        Exit::FailsOrUsage,
        &[],
    );
    // A directory without write permission. Root ignores mode bits, so there
    // this proves nothing and is skipped (the parent-is-a-file cases above
    // cover the same failure for everyone).
    std::fs::create_dir(h.path("ro")).unwrap();
    std::fs::set_permissions(h.path("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    if !mode_bits_are_ignored(&h.path("ro")) {
        h.refuse(&words("split-json -f other.json ro/x"), &["ro/x"]);
        h.refuse(&words("key identity -o ro/id.txt"), &["ro/id.txt"]);
        h.refuse(
            &words("sign --ca ca.pem --ca-key ca-key.pem --ledger ro/ledger.jsonl leaf.csr"),
            &["ro/ledger.jsonl"],
        );
    }
    std::fs::set_permissions(h.path("ro"), std::fs::Permissions::from_mode(0o755)).unwrap();
    h.finish();
}

#[test]
fn existing_keys_are_never_replaced_without_force() {
    let mut h = Hostile::new();
    let other = other_root(&h);
    // A different CA over ca: nothing of it is written, not even ca.pem.
    h.refuse(&words("split-json -f other.json ca"), &["ca-key.pem"]);
    h.check(
        &words("split-json ca"),
        Some(&other),
        Exit::Fails,
        &["ca-key.pem"],
    );
    // A new key for the leaf.
    let again = h.s.certsmith(&["genkey", "leaf.json"]);
    again.ok();
    h.check(
        &words("split-json leaf"),
        Some(&again.stdout),
        Exit::Fails,
        &["leaf-key.pem"],
    );
    // Something that is not a key where the key goes: still not replaced.
    h.s.write("notakey-key.pem", "not a key, but someone's file\n");
    h.refuse(
        &words("split-json -f other.json notakey"),
        &["notakey-key.pem"],
    );
    // A sealed key cannot be compared without its identity: never replaced.
    let sealed = h.s.certsmith(&words("genkey -R recipients.txt leaf.json"));
    sealed.ok();
    h.s.certsmith_stdin(&["split-json", "sealed-leaf"], &sealed.stdout)
        .ok();
    let resealed = h.s.certsmith(&words("genkey -R recipients.txt leaf.json"));
    resealed.ok();
    h.check(
        &words("split-json sealed-leaf"),
        Some(&resealed.stdout),
        Exit::Fails,
        &["sealed-leaf-key.age"],
    );
    // An identity file.
    h.refuse(&words("key identity -o id.txt"), &["id.txt"]);
    h.finish();
}

/// Issue 13's hostile values: names that slipped past name constraints
/// (an IPv4-mapped address, URI and DNS hosts with a trailing dot or in
/// capitals, userinfo, an empty host), an RSA key with exponent 3 on either
/// side of a signature, a CA not yet valid, serial 0 and negative serials,
/// and a serial the ledger never issued.
#[test]
fn name_constraint_bypasses_weak_exponents_and_impossible_serials_are_refused() {
    let mut h = Hostile::new();
    h.s.write(
        "ncroot.json",
        r#"{"CN":"Constrained Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    h.s.certsmith_split(
        &words("initca --config config-constrained-ca.json --profile constrained ncroot.json"),
        "ncca",
    );
    // A CA certificate for the exponent-3 key, made by openssl.
    h.s.run(
        "openssl",
        &words(
            "req -x509 -key rsa-e3-key.pem -out e3ca.pem -days 30 -subj /CN=e3 \
             -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
        ),
    )
    .ok();
    h.s.write("revoked-one.txt", "01\n");

    let constrained = [
        "sign --ca ncca.pem --ca-key ncca-key.pem {}",
        "gencert -ca ncca.pem -ca-key ncca-key.pem {}",
    ];
    for (file, needles) in [
        (
            "csr-host-ipv4-mapped-excluded.json",
            &["10.66.0.1", "10.66.0.0/16"][..],
        ),
        (
            "csr-uri-trailing-dot-excluded.json",
            &["evil.example.com./", "trailing dot"],
        ),
        (
            "csr-uri-uppercase-excluded.json",
            &["EVIL.example.com", "excluded"],
        ),
        (
            "csr-dns-trailing-dot-excluded.json",
            &["evil.example.com.", "trailing dot"],
        ),
        ("csr-uri-userinfo.json", &["admin@", "userinfo"]),
        (
            "csr-uri-empty-host.json",
            &["https:///no-host", "empty host"],
        ),
    ] {
        for template in constrained {
            h.refuse_with(template, file, needles);
        }
    }
    h.refuse(
        &words("sign --ca ncca.pem --ca-key ncca-key.pem --hostname ::ffff:10.66.0.1 leaf.json"),
        &["10.66.0.1", "10.66.0.0/16"],
    );

    // RSA exponent 3: a request for such a key, and such a key signing.
    for (args, file) in [
        (
            "sign --ca ca.pem --ca-key ca-key.pem rsa-e3-csr.pem",
            "rsa-e3-csr.pem",
        ),
        ("csr --key rsa-e3-key.pem leaf.json", "rsa-e3-key.pem"),
        (
            "sign --ca e3ca.pem --ca-key rsa-e3-key.pem leaf.json",
            "rsa-e3-key.pem",
        ),
        (
            "crl --ca e3ca.pem --ca-key rsa-e3-key.pem --revoked revoked-one.txt",
            "rsa-e3-key.pem",
        ),
    ] {
        h.refuse(&words(args), &[file, "exponent 3"]);
    }

    // A CA valid only from 2090 leaves nothing of a year from now.
    for strict in ["", "--strict"] {
        h.refuse(
            &words(&format!(
                "sign {strict} --ca ca-not-yet-valid.pem --ca-key ca-not-yet-valid-key.pem leaf.json"
            )),
            &["ca-not-yet-valid.pem", "2090-01-01"],
        );
    }

    // Serial 0, however spelled, and negative serials.
    h.refuse(
        &words("crl --ca ca.pem --ca-key ca-key.pem --revoked revoked-serial-zero.txt"),
        &["revoked-serial-zero.txt", "\"0\""],
    );
    let revoke = "revoke --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl {}";
    for (flag, needle) in [
        ("--serial=0", "\"0\""),
        ("--serial=00:00", "\"00:00\""),
        ("--serial=-5", "-5"),
    ] {
        h.refuse_with(revoke, flag, &[needle]);
    }

    // A serial the ledger never recorded, however typed.
    for flag in ["--serial=DEADBEEF", "--serial=00:de:ad:be:ef"] {
        h.refuse_with(revoke, flag, &["DEADBEEF", "ledger.jsonl", "ca.pem"]);
    }
    h.finish();
}
