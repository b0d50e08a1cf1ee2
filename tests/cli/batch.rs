//! `sign --batch` (issue 18): many requests signed in one run, each under
//! the rules of a single `sign`, recorded in the ledger before it is handed
//! out, in input order; every certificate checked by openssl (and a sample
//! by pkilint), every ledger by `ledger verify`.

use std::collections::BTreeSet;
use std::process::Stdio;

use serde::Deserialize;

use crate::ledger::{
    LEDGER, assert_ledger_verifies, check_schema, independently_verify, ledger_entries,
};
use crate::support::{Run, Scratch, certsmith_command, sealed_ca_args, with_root};

/// A JSON line of `sign --batch`, mirrored: nothing more, nothing less.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Line {
    name: String,
    cert: String,
    csr: String,
    key: Option<String>,
}

/// `sign --batch --ca ca.pem --ca-key ca-key.pem ARGS` with `stdin`.
fn batch(s: &Scratch, args: &[&str], stdin: &[u8]) -> Run {
    let mut all = vec![
        "sign",
        "--batch",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
    ];
    all.extend_from_slice(args);
    s.certsmith_stdin(&all, stdin)
}

/// The JSON lines of a run, in order.
fn lines(run: &Run) -> Vec<Line> {
    run.stdout_str()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn names(run: &Run) -> Vec<String> {
    lines(run).into_iter().map(|l| l.name).collect()
}

/// A CSR made by genkey for `host`: its `{"csr","key"}` output as JSON.
fn genkey(s: &Scratch, host: &str) -> serde_json::Value {
    let json = format!(r#"{{"CN":"{host}","hosts":["{host}"]}}"#);
    s.write("genkey-csr.json", &json);
    s.certsmith(&["genkey", "genkey-csr.json"]).ok().json()
}

/// A stdin line: genkey's output with a name, without its key.
fn csr_line(name: &str, genkey: &serde_json::Value) -> String {
    serde_json::json!({"name": name, "csr": genkey["csr"]}).to_string()
}

/// A stdin line: a CSR JSON with a name, for which a key is made.
fn csr_json_line(name: &str, host: &str) -> String {
    format!(r#"{{"name":"{name}","CN":"{host}","hosts":["{host}"]}}"#)
}

fn stdin_of(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

/// The `error:` lines of a run's stderr.
fn errors(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

/// The public key of a certificate and of a private key, as openssl reads them.
fn assert_key_is_for(s: &Scratch, key: &str, cert: &str) {
    let of_key = s.run("openssl", &["pkey", "-pubout", "-in", key]);
    let of_cert = s.run("openssl", &["x509", "-noout", "-pubkey", "-in", cert]);
    assert_eq!(
        of_key.ok().stdout,
        of_cert.ok().stdout,
        "{key} is not {cert}'s key"
    );
}

#[test]
fn a_batch_of_1000_certificates_verifies_with_openssl_and_lints_clean() {
    const N: usize = 1000;
    let s = with_root();
    let made = genkey(&s, "shared.example");
    // Half the lines carry a CSR (the same one: each certificate still gets
    // its own serial), half a CSR JSON for which a key is made.
    let input: Vec<String> = (0..N)
        .map(|i| match i % 2 {
            0 => csr_line(&format!("csr-{i}"), &made),
            _ => csr_json_line(&format!("new-{i}"), &format!("new-{i}.example")),
        })
        .collect();
    let run = batch(
        &s,
        &["--profile", "server", "--ledger", LEDGER, "-"],
        &stdin_of(&input),
    );
    run.ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let out = lines(&run);
    let expected: Vec<String> = (0..N)
        .map(|i| match i % 2 {
            0 => format!("csr-{i}"),
            _ => format!("new-{i}"),
        })
        .collect();
    assert_eq!(
        out.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
        expected
    );

    // One openssl verify over every certificate.
    let mut files = Vec::new();
    for (i, line) in out.iter().enumerate() {
        let file = format!("c{i:04}.pem");
        s.write(&file, &line.cert);
        files.push(file);
        assert_eq!(line.key.is_some(), i % 2 == 1, "{}", line.name);
        if i % 2 == 0 {
            assert_eq!(line.csr, made["csr"].as_str().unwrap());
        }
    }
    let mut args = vec!["verify", "-x509_strict", "-CAfile", "ca.pem"];
    args.extend(files.iter().map(String::as_str));
    let verified = s.run("openssl", &args);
    assert_eq!(verified.status, 0, "{}", verified.stderr);
    assert_eq!(
        verified
            .stdout_str()
            .lines()
            .filter(|l| l.ends_with(": OK"))
            .count(),
        N
    );
    for (i, file) in files
        .iter()
        .enumerate()
        .filter(|(i, _)| [0, 1, 997].contains(i))
    {
        s.pkilint(file);
        if let Some(key) = &out[i].key {
            s.write("key.pem", key);
            assert_key_is_for(&s, "key.pem", file);
        }
    }

    // The ledger: every certificate in input order, each entry its own, and
    // every line's signature the CA's.
    assert_ledger_verifies(&s, "ca.pem", LEDGER, N);
    let audit = s.certsmith(&[
        "ledger",
        "verify",
        "--every-signature",
        "--ca",
        "ca.pem",
        LEDGER,
    ]);
    assert!(
        audit
            .ok()
            .stderr
            .contains(&format!("{LEDGER}: {N} entries verified")),
        "{}",
        audit.stderr
    );
    check_schema(&s, LEDGER);
    let entries = ledger_entries(&s, LEDGER);
    let mut serials = BTreeSet::new();
    for (entry, line) in entries.iter().zip(&out) {
        let cert =
            certsmith::x509::certificate::Certificate::from_bytes(line.cert.as_bytes(), &line.name)
                .unwrap();
        assert_eq!(entry["serial"], cert.serial_hex().as_str());
        assert_eq!(
            entry["sha256"],
            certsmith::hex::sha256_lower(&cert.der).as_str()
        );
        assert_eq!(entry["profile"], "server");
        serials.insert(cert.serial_hex());
    }
    assert_eq!(serials.len(), N);
}

#[test]
fn a_bad_input_is_reported_with_its_name_and_line_and_stops_the_batch() {
    let s = with_root();
    let made = genkey(&s, "a.example");
    std::fs::create_dir(s.path("certs")).unwrap();
    s.write("certs/a.csr", made["csr"].as_str().unwrap());
    // A certificate where a request should be.
    s.write("certs/b.csr", &s.read("ca.pem"));
    s.write("certs/c.csr", made["csr"].as_str().unwrap());
    let run = batch(&s, &["--ledger", LEDGER, "certs"], b"");
    run.fails_with_output();
    assert_eq!(names(&run), ["a"]);
    let refusals = errors(&run);
    assert_eq!(refusals.len(), 1, "{}", run.stderr);
    assert_eq!(
        refusals[0],
        "error: certs/b.csr holds a certificate, not a certificate request"
    );
    assert!(run.stderr.contains("\nhint: "), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: 1 certificate issued; the batch stopped at the input below"),
        "{}",
        run.stderr
    );
    // a is recorded; nothing after b is.
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 1);

    // On stdin, the line is named, and a refusal by the profile too.
    let input = [
        csr_line("d", &made),
        String::new(),
        csr_json_line("e", "e.example"),
        r#"{"name":"nobody","key":{"algo":"ecdsa","size":256}}"#.to_owned(),
        csr_line("f", &made),
    ];
    let run = batch(&s, &["--ledger", LEDGER, "-"], &stdin_of(&input));
    run.fails_with_output();
    assert_eq!(names(&run), ["d", "e"]);
    assert_eq!(
        errors(&run),
        ["error: stdin line 4: the request names nobody: no CN, no names and no hosts"]
    );
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);
}

impl Run {
    /// Asserts exit 1 (some certificates may have been printed).
    #[track_caller]
    fn fails_with_output(&self) {
        assert_eq!(
            self.status,
            1,
            "expected exit 1; stdout:\n{}\nstderr:\n{}",
            self.stdout_str(),
            self.stderr
        );
    }
}

#[test]
fn keep_going_reports_every_bad_input_and_exits_1() {
    let s = with_root();
    let made = genkey(&s, "a.example");
    let input = [
        csr_line("a", &made),
        "not json".to_owned(),
        csr_json_line("b", "b.example"),
        csr_line("a", &made),
        r#"{"name":"c","csr":"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"}"#.to_owned(),
        csr_line("d", &made),
    ];
    let run = batch(
        &s,
        &["--keep-going", "--ledger", LEDGER, "-"],
        &stdin_of(&input),
    );
    run.fails_with_output();
    assert_eq!(names(&run), ["a", "b", "d"]);
    let errors = errors(&run);
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: stdin line 2: invalid JSON: "),
        "{errors:?}"
    );
    assert_eq!(
        errors[1],
        "error: stdin line 4: name \"a\" is taken by stdin line 1"
    );
    assert!(
        errors[2].starts_with("error: stdin line 5: `csr`: "),
        "{errors:?}"
    );
    assert_eq!(
        errors[3],
        "error: issued 3 of 6 certificates; 3 inputs refused"
    );
    assert_eq!(run.stderr.lines().last(), Some(errors[3]));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);

    // Every input issued: exit 0, nothing on stderr.
    let run = batch(
        &s,
        &["--keep-going", "--ledger", LEDGER, "-"],
        &stdin_of(&input[..1]),
    );
    run.ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 4);
}

#[test]
fn batch_refuses_a_remote_profile() {
    let s = with_root();
    s.write(
        "client.json",
        r#"{"signing":{"default":{"expiry":"1h"},"profiles":{"server":{"remote":"ca"}}},
            "remotes":{"ca":"127.0.0.1:1"}}"#,
    );
    let made = genkey(&s, "a.example");
    s.write("a.csr", made["csr"].as_str().unwrap());
    for ca in [true, false] {
        let mut args = vec![
            "sign",
            "--batch",
            "--config",
            "client.json",
            "--profile",
            "server",
        ];
        if ca {
            args.extend(["--ca", "ca.pem", "--ca-key", "ca-key.pem"]);
        }
        args.extend(["--ledger", LEDGER, "a.csr"]);
        let run = s.certsmith(&args);
        assert_eq!(
            run.fails(),
            "error: profile `server` signs through a remote server, and --batch signs only with --ca and --ca-key\n\
             hint: pass --profile with a profile that signs here, or run `certsmith sign` once per request\n"
        );
    }
    assert!(!s.exists(LEDGER));
}

#[test]
fn a_directory_is_walked_in_order_taking_only_csr_and_json_files() {
    let s = with_root();
    let made = genkey(&s, "b.example");
    std::fs::create_dir_all(s.path("req/sub")).unwrap();
    s.write("req/b.csr", made["csr"].as_str().unwrap());
    s.write("req/b-key.pem", made["key"].as_str().unwrap());
    s.write(
        "req/a-csr.json",
        r#"{"CN":"a.example","hosts":["a.example"]}"#,
    );
    s.write(
        "req/sub/c.json",
        &serde_json::json!({"csr": made["csr"]}).to_string(),
    );
    s.write("req/README.txt", "not a request");
    let run = batch(&s, &["--profile", "server", "req"], b"");
    run.ok();
    assert_eq!(names(&run), ["a", "b", "c"]);
    assert_eq!(
        run.stderr,
        "note: req: skipped 2 files that are neither *.csr nor *.json\n"
    );
    // The key beside b.csr was not read, nor printed.
    assert!(lines(&run)[1].key.is_none());

    // Nothing to sign is an error, not a quiet success.
    std::fs::create_dir(s.path("empty")).unwrap();
    let run = batch(&s, &["empty"], b"");
    assert_eq!(
        run.fails(),
        "error: no request to sign in empty\n\
         hint: a batch reads CSR files (*.csr) and JSON files (*.json), directories of them, and JSON lines on stdin (-)\n"
    );
    let run = batch(&s, &["-"], b"\n  \n");
    assert!(
        run.fails()
            .starts_with("error: no request to sign in stdin\n")
    );
}

#[test]
fn out_dir_writes_split_json_names_and_modes_and_never_replaces_a_file() {
    let s = with_root();
    let made = genkey(&s, "dev.example");
    std::fs::create_dir(s.path("out")).unwrap();
    s.write("out/old.pem", "someone else's certificate");
    let input = [
        csr_json_line("app", "app.example"),
        serde_json::json!({"name": "dev", "csr": made["csr"], "key": made["key"]}).to_string(),
        csr_json_line("old", "old.example"),
        csr_json_line("next", "next.example"),
    ];
    let run = batch(
        &s,
        &[
            "--profile",
            "server",
            "--ledger",
            LEDGER,
            "--out-dir",
            "out",
            "-",
        ],
        &stdin_of(&input),
    );
    assert!(run.fails().contains(
        "error: stdin line 3: out/old.pem exists, and a batch never replaces a file\n\
         hint: move it away first; sign | split-json NAME re-issues a certificate for the key NAME has\n"
    ));
    assert_eq!(s.read("out/old.pem"), "someone else's certificate");
    assert!(!s.exists("out/old-key.pem") && !s.exists("out/next.pem"));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 2);
    for name in ["app", "dev"] {
        assert_eq!(s.file_mode(&format!("out/{name}.pem")), 0o644);
        assert_eq!(s.file_mode(&format!("out/{name}-key.pem")), 0o600);
        assert_eq!(s.file_mode(&format!("out/{name}.csr")), 0o644);
        s.openssl_verify("ca.pem", &[], &format!("out/{name}.pem"));
        assert_key_is_for(
            &s,
            &format!("out/{name}-key.pem"),
            &format!("out/{name}.pem"),
        );
    }
    assert_eq!(s.read("out/dev-key.pem"), made["key"].as_str().unwrap());
    assert_eq!(s.read("out/dev.csr"), made["csr"].as_str().unwrap());

    // With --keep-going, the refused input is skipped and the rest written;
    // an existing NAME is refused whichever of its files exists.
    let run = batch(
        &s,
        &[
            "--profile",
            "server",
            "--ledger",
            LEDGER,
            "--out-dir",
            "out",
            "--keep-going",
            "-",
        ],
        &stdin_of(&input),
    );
    run.fails_with_output();
    assert_eq!(
        errors(&run),
        [
            "error: stdin line 1: out/app.pem exists, and a batch never replaces a file",
            "error: stdin line 2: out/dev.pem exists, and a batch never replaces a file",
            "error: stdin line 3: out/old.pem exists, and a batch never replaces a file",
            "error: issued 1 of 4 certificates; 3 inputs refused",
        ]
    );
    assert!(
        run.stderr.contains("wrote 1 certificate to out\n"),
        "{}",
        run.stderr
    );
    s.openssl_verify("ca.pem", &[], "out/next.pem");
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);

    // Keys made under -r are sealed: NAME-key.age, 0600, into a new directory.
    let identity = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    let recipient = identity
        .ok()
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient")
        .to_owned();
    let run = batch(
        &s,
        &["-r", &recipient, "--out-dir", "sealed/certs", "-"],
        &stdin_of(&[csr_json_line("vault", "vault.example")]),
    );
    run.ok();
    assert!(
        run.stderr
            .contains("note: created directory sealed/certs\n"),
        "{}",
        run.stderr
    );
    assert_eq!(s.file_mode("sealed/certs/vault-key.age"), 0o600);
    assert!(!s.exists("sealed/certs/vault-key.pem"));
    let key = s.certsmith(&[
        "key",
        "decrypt",
        "-i",
        "id.txt",
        "sealed/certs/vault-key.age",
    ]);
    s.write("vault-key.pem", &key.ok().stdout_str());
    assert_key_is_for(&s, "vault-key.pem", "sealed/certs/vault.pem");

    // No temporary is left anywhere.
    for dir in ["out", "sealed/certs"] {
        let left: Vec<String> = std::fs::read_dir(s.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{dir}: {left:?}");
    }
}

#[test]
fn duplicate_names_are_refused_naming_both_places() {
    let s = with_root();
    let made = genkey(&s, "a.example");
    let unnamed = serde_json::json!({"csr": made["csr"]}).to_string();
    let input = [
        csr_line("app", &made),
        csr_line("app", &made),
        unnamed.clone(),
        csr_line("line-3", &made),
        csr_line("line-6", &made),
        unnamed,
    ];
    let run = batch(&s, &["--keep-going", "-"], &stdin_of(&input));
    run.fails_with_output();
    assert_eq!(names(&run), ["app", "line-3", "line-6"]);
    assert_eq!(
        errors(&run),
        [
            "error: stdin line 2: name \"app\" is taken by stdin line 1",
            "error: stdin line 4: name \"line-3\" is taken by stdin line 3",
            "error: stdin line 6: name \"line-6\" is taken by stdin line 5",
            "error: issued 3 of 6 certificates; 3 inputs refused",
        ]
    );

    // Two files of one name in two directories.
    for dir in ["x", "y"] {
        std::fs::create_dir(s.path(dir)).unwrap();
        s.write(&format!("{dir}/app.csr"), made["csr"].as_str().unwrap());
    }
    let run = batch(&s, &["x", "y/app.csr"], b"");
    run.fails_with_output();
    assert_eq!(
        errors(&run),
        ["error: y/app.csr: name \"app\" is taken by x/app.csr"]
    );

    // In --out-dir, app-key.pem would be app's key and app-key's certificate.
    let input = [
        csr_json_line("app", "app.example"),
        csr_line("app-key", &made),
    ];
    let run = batch(&s, &["--out-dir", "out", "-"], &stdin_of(&input));
    run.fails_with_output();
    assert_eq!(
        errors(&run),
        [
            "error: stdin line 2: name \"app-key\" would write app-key.pem, which stdin line 1 (name \"app\") writes"
        ]
    );
    assert!(s.exists("out/app-key.pem") && !s.exists("out/app-key.csr"));
    // A name that cannot name a file is refused, and one without a name too.
    let input = [
        csr_line(".hidden", &made),
        csr_line("a/b", &made),
        csr_line("", &made),
        serde_json::json!({"csr": made["csr"]}).to_string(),
    ];
    let run = batch(
        &s,
        &["--out-dir", "out", "--keep-going", "-"],
        &stdin_of(&input),
    );
    run.fails();
    assert_eq!(
        errors(&run),
        [
            "error: stdin line 1: name \".hidden\" cannot name files: it starts with .",
            "error: stdin line 2: name \"a/b\" cannot name files: it contains /",
            "error: stdin line 3: name \"\" cannot name files: it is empty",
            "error: stdin line 4: no \"name\" to write its files under, which --out-dir needs",
            "error: issued 0 of 4 certificates; 4 inputs refused",
        ]
    );
}

#[test]
fn stdin_json_lines_from_genkey_outputs_keep_their_keys() {
    let s = with_root();
    // genkey's output lines, each given a name, as a script would pipe them.
    let input: Vec<String> = ["one", "two", "three"]
        .iter()
        .map(|name| {
            let mut made = genkey(&s, &format!("{name}.example"));
            made["name"] = serde_json::Value::from(*name);
            made.to_string()
        })
        .collect();
    let run = batch(
        &s,
        &["--profile", "server", "--ledger", LEDGER, "-"],
        &stdin_of(&input),
    );
    run.ok();
    for (line, sent) in lines(&run).iter().zip(&input) {
        let sent: serde_json::Value = serde_json::from_str(sent).unwrap();
        assert_eq!(line.name, sent["name"].as_str().unwrap());
        assert_eq!(line.key.as_deref(), sent["key"].as_str());
        s.write("it.pem", &line.cert);
        s.write("it-key.pem", line.key.as_deref().unwrap());
        s.openssl_verify("ca.pem", &[], "it.pem");
        assert_key_is_for(&s, "it-key.pem", "it.pem");
    }
    // And split-json takes a line as it is.
    let first = format!("{}\n", run.stdout_str().lines().next().unwrap());
    s.certsmith_stdin(&["split-json", "one"], first.as_bytes())
        .ok();
    s.openssl_verify("ca.pem", &[], "one.pem");
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn a_closed_stdout_stops_the_batch_and_exits_0() {
    let s = with_root();
    let made = genkey(&s, "a.example");
    let input: Vec<String> = (0..3000)
        .map(|i| csr_line(&format!("n{i}"), &made))
        .collect();
    s.write("input.jsonl", &String::from_utf8(stdin_of(&input)).unwrap());
    let mut child = certsmith_command()
        .args([
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            LEDGER,
            "-",
        ])
        .current_dir(s.dir.path())
        .stdin(std::fs::File::open(s.path("input.jsonl")).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -0`: the reader is gone before the first line.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What was recorded is a whole chunk or more, and never everything.
    let recorded = ledger_entries(&s, LEDGER).len();
    assert!((1..3000).contains(&recorded), "{recorded}");
    assert_ledger_verifies(&s, "ca.pem", LEDGER, recorded);
}

#[test]
fn batch_usage_errors_exit_2() {
    let s = with_root();
    for args in [
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "a.csr",
            "b.csr",
        ][..],
        &[
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--key",
            "k.pem",
            "a.json",
        ],
        &[
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--hostname",
            "a",
            "a.csr",
        ],
        &[
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--tls-remote-ca",
            "ca.pem",
            "a.csr",
        ],
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--out-dir",
            "out",
            "a.csr",
        ],
        &[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--keep-going",
            "a.csr",
        ],
        &["sign", "--batch", "-", "-"],
        &["sign", "--batch", "a.csr"],
    ] {
        let run = s.certsmith(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = s.certsmith(&[
        "sign",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "a.csr",
        "b.csr",
    ]);
    assert!(
        run.stderr
            .starts_with("error: sign takes one INPUT; pass --batch to sign several in one run\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sealed_ca_key_signs_a_batch_under_a_ca_profile_that_prints_each_record() {
    let s = Scratch::new();
    let identity = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    let recipient = identity
        .ok()
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient")
        .to_owned();
    s.write(
        "ca-csr.json",
        r#"{"CN":"Sealed Root","ca":{"expiry":"87600h"}}"#,
    );
    s.certsmith_split(&["initca", "-r", &recipient, "ca-csr.json"], "ca");
    let input = [
        r#"{"name":"int-1","CN":"Intermediate 1"}"#.to_owned(),
        r#"{"name":"int-2","CN":"Intermediate 2"}"#.to_owned(),
    ];
    let ca = sealed_ca_args("ca");
    let mut args = vec!["sign", "--batch"];
    args.extend(ca.iter().map(String::as_str));
    args.extend([
        "-i",
        "id.txt",
        "--profile",
        "intermediate",
        "--ledger",
        LEDGER,
        "-",
    ]);
    let run = s.certsmith_stdin(&args, &stdin_of(&input));
    run.ok();
    assert_eq!(names(&run), ["int-1", "int-2"]);
    for (i, line) in lines(&run).iter().enumerate() {
        s.write("int.pem", &line.cert);
        s.openssl_verify("ca.pem", &[], "int.pem");
        let record = format!("CA certificate: CN=Intermediate {}\n", i + 1);
        assert!(run.stderr.contains(&record), "{}", run.stderr);
    }
    assert_eq!(
        run.stderr
            .matches("new certificate, not yet written")
            .count(),
        2
    );
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 2);
}

/// sign --batch killed `bytes` into its append, as a crash or a full disk
/// would stop it: the environment arms the fault point.
#[cfg(feature = "fault-injection")]
fn crash_mid_append(s: &Scratch, args: &[&str], stdin: &str, bytes: usize) -> std::process::Output {
    s.write("crash-input.jsonl", stdin);
    let stdin = std::fs::File::open(s.path("crash-input.jsonl")).unwrap();
    crate::ledger::crash_mid_append_reading(s, args, stdin.into(), bytes)
}

#[cfg(feature = "fault-injection")]
#[test]
fn a_crash_mid_chunk_prints_nothing_and_leaves_a_ledger_that_verifies() {
    use std::os::unix::process::ExitStatusExt;

    use crate::support::command;

    let s = with_root();
    let input = String::from_utf8(stdin_of(&[
        csr_json_line("a", "a.example"),
        csr_json_line("b", "b.example"),
        csr_json_line("c", "c.example"),
    ]))
    .unwrap();
    // The three certificates go in one chunk; the crash comes 800 bytes in,
    // inside its second line (a first line is about 600 bytes).
    for out_dir in [false, true] {
        let ledger = if out_dir { "files.jsonl" } else { LEDGER };
        let mut args = vec![
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            ledger,
        ];
        if out_dir {
            args.extend(["--out-dir", "out"]);
        }
        args.push("-");
        let out = crash_mid_append(&s, &args, &input, 800);
        assert_eq!(
            out.status.signal(),
            Some(6),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "printed before its chunk was synced");
        let written = std::fs::read(s.path(ledger)).unwrap();
        assert_eq!(written.len(), 800);
        assert_eq!(
            written.iter().filter(|b| **b == b'\n').count(),
            1,
            "one whole line"
        );
        if out_dir {
            for name in ["a", "b", "c"] {
                assert!(
                    !s.exists(&format!("out/{name}.pem")),
                    "{name}.pem handed out"
                );
                assert!(
                    !s.exists(&format!("out/{name}-key.pem")),
                    "{name}-key.pem handed out"
                );
            }
        }
        let verify = s.certsmith(&["ledger", "verify", "--ca", "ca.pem", ledger]);
        verify.ok();
        assert!(
            verify.stderr.contains(&format!(
                "{ledger}: line 2 is an interrupted append, not a tampered line"
            )) && verify
                .stderr
                .contains(&format!("{ledger}: 1 entry verified")),
            "{}",
            verify.stderr
        );

        // Run again: the torn line is removed, and every input is issued.
        let mut again = command(assert_cmd::cargo::cargo_bin("certsmith"))
            .args(&args)
            .current_dir(s.dir.path())
            .stdin(std::fs::File::open(s.path("crash-input.jsonl")).unwrap())
            .output()
            .unwrap();
        assert_eq!(
            again.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        let stderr = String::from_utf8(std::mem::take(&mut again.stderr)).unwrap();
        assert!(
            stderr.contains(&format!(
                "note: {ledger}: removed an interrupted append at line 2"
            )),
            "{stderr}"
        );
        assert_ledger_verifies(&s, "ca.pem", ledger, 4);
        independently_verify(&s, "ca.pem", ledger);
        if out_dir {
            for name in ["a", "b", "c"] {
                s.openssl_verify("ca.pem", &[], &format!("out/{name}.pem"));
            }
        } else {
            assert_eq!(String::from_utf8(again.stdout).unwrap().lines().count(), 3);
        }
    }
}

/// Waits up to `secs` seconds for `child` to exit; kills it otherwise.
fn exit_within(child: &mut std::process::Child, secs: u64) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_batch_that_stops_exits_while_stdin_stays_open() {
    use std::io::{Read, Write};
    let s = with_root();
    let mut child = certsmith_command()
        .args([
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            LEDGER,
            "-",
        ])
        .current_dir(s.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `(echo …; echo garbage; sleep 20; …) | certsmith sign --batch -`: the
    // producer is still there when the batch stops at its second line.
    let mut stdin = child.stdin.take().unwrap();
    let first = csr_json_line("one", "one.example");
    stdin
        .write_all(format!("{first}\ngarbage\n").as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    let status = exit_within(&mut child, 10);
    drop(stdin);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = status.unwrap_or_else(|| panic!("still running with stdin open: {stderr}"));
    assert_eq!(status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].starts_with("error: stdin line 2: "), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 1);
}

#[test]
fn a_full_stdout_says_how_many_recorded_certificates_were_not_handed_out() {
    let s = with_root();
    let input: Vec<String> = (0..200)
        .map(|i| csr_json_line(&format!("n{i}"), &format!("n{i}.example")))
        .collect();
    s.write("input.jsonl", &String::from_utf8(stdin_of(&input)).unwrap());
    let out = certsmith_command()
        .args([
            "sign",
            "--batch",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            LEDGER,
            "-",
        ])
        .current_dir(s.dir.path())
        .stdin(std::fs::File::open(s.path("input.jsonl")).unwrap())
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // Every certificate recorded before the first write was refused: the
    // first chunk (its size depends on how fast the workers were).
    let recorded = ledger_entries(&s, LEDGER).len();
    assert!((1..=200).contains(&recorded), "{recorded}");
    let certificates = match recorded {
        1 => "1 certificate recorded in ledger.jsonl was".to_owned(),
        n => format!("{n} certificates recorded in ledger.jsonl were"),
    };
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("note: {certificates} not handed out"),
            "error: cannot write stdout: no space left on device".to_owned(),
        ],
        "{stderr}"
    );
    assert_ledger_verifies(&s, "ca.pem", LEDGER, recorded);
}

#[test]
fn each_note_names_its_input_and_offers_no_flag_that_batch_refuses() {
    let s = with_root();
    s.write("b.json", r#"{"CN":"b"}"#);
    let run = batch(
        &s,
        &["--profile", "server", "-", "b.json"],
        b"{\"name\":\"a\",\"CN\":\"a\"}\n\n{\"name\":\"c\",\"CN\":\"c\"}\n",
    );
    run.ok();
    assert_eq!(names(&run), ["a", "c", "b"]);
    let said: Vec<&str> = run.stderr.lines().collect();
    let lacks = "this certificate lacks a \"hosts\" field: profile `server` makes it for TLS \
                 servers, and clients match the server's name against its DNS names and IP \
                 addresses, never the CN; add \"hosts\" to the request";
    assert_eq!(
        said,
        [
            format!("warning: stdin line 1: {lacks}"),
            format!("warning: stdin line 3: {lacks}"),
            format!("warning: b.json: {lacks}"),
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn notes_past_the_hundredth_are_counted() {
    let s = with_root();
    let input: Vec<String> = (1..=103)
        .map(|i| format!(r#"{{"name":"n{i}","CN":"n{i}"}}"#))
        .collect();
    let run = batch(&s, &["--profile", "server", "-"], &stdin_of(&input));
    run.ok();
    let said: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(said.len(), 101, "{}", run.stderr);
    assert!(
        said[99].starts_with("warning: stdin line 100: "),
        "{}",
        said[99]
    );
    assert_eq!(
        said[100],
        "note: 3 notes left out (a batch prints at most 100)"
    );
}

#[test]
fn an_out_dir_inside_a_walked_directory_is_left_out_of_the_walk() {
    let s = with_root();
    let made = genkey(&s, "app.example");
    std::fs::create_dir_all(s.path("req2/zout")).unwrap();
    s.write("req2/app.csr", made["csr"].as_str().unwrap());
    // What an earlier run left in the out dir is no input of this one.
    s.write("req2/zout/old.csr", made["csr"].as_str().unwrap());
    s.write("req2/zout/old.pem", "not read");
    // Named through another path than the one walked.
    let run = batch(
        &s,
        &[
            "--profile",
            "server",
            "--out-dir",
            "./req2/../req2/zout",
            "req2/",
        ],
        b"",
    );
    run.ok();
    assert_eq!(run.stderr, "wrote 1 certificate to ./req2/../req2/zout\n");
    let mut files: Vec<String> = std::fs::read_dir(s.path("req2/zout"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["app.csr", "app.pem", "old.csr", "old.pem"]);
    s.openssl_verify("ca.pem", &[], "req2/zout/app.pem");
}
