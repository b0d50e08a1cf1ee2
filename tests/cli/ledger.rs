//! The issuance ledger (`--ledger FILE`, `certsmith ledger verify`): every
//! line is checked here without certsmith's help, by openssl (SHA-256 hash
//! links, the CA key's signature over the `entry` bytes), and every kind of
//! tampering is refused naming the first bad line of the tampered file.

use std::process::Stdio;

use serde::Deserialize;
use serde_json::value::RawValue;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::support::*;

pub const LEDGER: &str = "ledger.jsonl";

/// One ledger line, mirrored with `deny_unknown_fields` to pin the schema.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Line {
    entry: Entry,
    sig: String,
}

/// The `entry` object of each event, field for field as issue 4 specifies.
#[derive(Deserialize, Debug)]
#[serde(tag = "event", rename_all = "lowercase", deny_unknown_fields)]
enum Entry {
    Issued {
        seq: u64,
        time: String,
        prev: Option<String>,
        ca: String,
        sig_alg: String,
        serial: String,
        subject: String,
        sans: Vec<String>,
        profile: Option<String>,
        not_before: String,
        not_after: String,
        is_ca: bool,
        sha256: String,
    },
    Revoked {
        seq: u64,
        time: String,
        prev: Option<String>,
        ca: String,
        sig_alg: String,
        serial: String,
        reason: String,
        revoked_at: String,
    },
    Crl {
        seq: u64,
        time: String,
        prev: Option<String>,
        ca: String,
        sig_alg: String,
        crl_number: u64,
        this_update: String,
        next_update: String,
        revoked: u64,
        sha256: String,
    },
}

/// A line split into the exact bytes of `entry` (what `sig` covers) and `sig`.
#[derive(Deserialize)]
struct RawLine<'a> {
    #[serde(borrow)]
    entry: &'a RawValue,
    sig: String,
}

/// The ledger's lines, each parsed as JSON.
pub fn ledger_entries(s: &Scratch, ledger: &str) -> Vec<serde_json::Value> {
    s.read(ledger)
        .lines()
        .map(|l| {
            let line: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{ledger}: {e}: {l}"));
            line["entry"].clone()
        })
        .collect()
}

/// Lowercase hex SHA-256 of `bytes`, by openssl.
pub fn sha256_hex(s: &Scratch, bytes: &[u8]) -> String {
    let out = s
        .run_stdin("openssl", &["dgst", "-sha256", "-r"], bytes)
        .ok()
        .stdout_str();
    out.split_whitespace().next().expect("digest").to_owned()
}

/// The DER of a PEM certificate (or CRL with `kind` "crl"), by openssl.
pub fn der_of(s: &Scratch, kind: &str, pem: &str) -> Vec<u8> {
    s.run("openssl", &[kind, "-in", pem, "-outform", "DER"])
        .ok()
        .stdout
        .clone()
}

/// The serial as `openssl x509 -noout -serial` prints it.
pub fn serial_of(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-serial", "-in", cert])
        .ok()
        .stdout_str()
        .trim()
        .strip_prefix("serial=")
        .expect("serial=")
        .to_owned()
}

/// An openssl date (`-dateopt iso_8601`: `2026-01-02 15:04:05Z`) as a time.
pub fn iso_date(text: &str) -> OffsetDateTime {
    let text = text.trim().replace(' ', "T");
    OffsetDateTime::parse(&text, &Rfc3339).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// An RFC 3339 UTC timestamp from the ledger.
#[track_caller]
pub fn utc(text: &str) -> OffsetDateTime {
    let t = OffsetDateTime::parse(text, &Rfc3339).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert!(t.offset().is_utc(), "not UTC: {text}");
    t
}

/// `openssl x509 -noout -startdate -enddate` of `cert`.
pub fn cert_dates(s: &Scratch, cert: &str) -> (OffsetDateTime, OffsetDateTime) {
    let out = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-startdate",
                "-enddate",
                "-dateopt",
                "iso_8601",
                "-in",
                cert,
            ],
        )
        .ok()
        .stdout_str();
    let field = |p: &str| {
        iso_date(
            out.lines()
                .find_map(|l| l.strip_prefix(p))
                .expect("date line"),
        )
    };
    (field("notBefore="), field("notAfter="))
}

/// A CA made by `initca` (ECDSA P-256) as NAME.pem / NAME-key.pem.
pub fn ca_named(s: &Scratch, name: &str, cn: &str) {
    s.init_ca(
        name,
        &format!(r#"{{"CN":"{cn}","names":[{{"O":"certsmith tests"}}],"key":{{"algo":"ecdsa","size":256}}}}"#),
    );
}

/// Writes a leaf CSR JSON for `host` as `NAME.json`.
pub fn leaf_json(s: &Scratch, name: &str, host: &str) -> String {
    let file = format!("{name}.json");
    s.write(
        &file,
        &format!(
            r#"{{"CN":"{host}","hosts":["{host}","10.0.0.1"],"key":{{"algo":"ecdsa","size":256}}}}"#
        ),
    );
    file
}

/// `certsmith sign --ledger LEDGER` of a new leaf `host` by CA, split into NAME.pem.
pub fn sign_logged(s: &Scratch, ca: &str, ledger: &str, name: &str, host: &str) {
    let json = leaf_json(s, name, host);
    s.sign_split(
        ca,
        &["--profile", "server", "--ledger", ledger, &json],
        name,
    );
}

/// `certsmith ledger verify --ca CA LEDGER`.
pub fn ledger_verify(s: &Scratch, ca: &str, ledger: &str) -> Run {
    s.certsmith(&["ledger", "verify", "--ca", ca, ledger])
}

/// Asserts `ledger verify` accepts LEDGER with `n` entries.
#[track_caller]
pub fn assert_ledger_verifies(s: &Scratch, ca: &str, ledger: &str, n: usize) {
    let run = ledger_verify(s, ca, ledger);
    run.ok();
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout_str());
    let noun = if n == 1 { "entry" } else { "entries" };
    let expected = format!("{ledger}: {n} {noun} verified");
    assert!(
        run.stderr.lines().any(|l| l == expected),
        "expected `{expected}` on stderr:\n{}",
        run.stderr
    );
}

/// The first line of `ledger verify`'s refusal.
#[track_caller]
fn refusal(s: &Scratch, ca: &str, ledger: &str) -> String {
    ledger_verify(s, ca, ledger)
        .fails()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[track_caller]
fn assert_hex(value: &str, len: usize, what: &str) {
    assert!(
        value.len() == len
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "{what} is not {len} lowercase hex digits: {value}"
    );
}

/// An uppercase hex serial as openssl prints it: pairs of digits.
#[track_caller]
fn assert_openssl_serial(serial: &str) {
    assert!(
        !serial.is_empty()
            && serial.len().is_multiple_of(2)
            && serial
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)),
        "serial is not as openssl prints it: {serial}"
    );
}

/// Parses every line of LEDGER into the schema mirror and checks the fields
/// that do not need the certificates: seq, UTC times, hex digests, reasons.
pub fn check_schema(s: &Scratch, ledger: &str) {
    const REASONS: [&str; 9] = [
        "unspecified",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        "privilegeWithdrawn",
        "aACompromise",
    ];
    for (i, line) in s.read(ledger).lines().enumerate() {
        let parsed: Line =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", i + 1));
        assert!(!parsed.sig.is_empty());
        let (seq, time, prev, ca, sig_alg) = match &parsed.entry {
            Entry::Issued {
                seq,
                time,
                prev,
                ca,
                sig_alg,
                serial,
                not_before,
                not_after,
                sha256,
                ..
            } => {
                assert_openssl_serial(serial);
                assert!(utc(not_before) < utc(not_after));
                assert_hex(sha256, 64, "sha256");
                (seq, time, prev, ca, sig_alg)
            }
            Entry::Revoked {
                seq,
                time,
                prev,
                ca,
                sig_alg,
                serial,
                reason,
                revoked_at,
            } => {
                assert_openssl_serial(serial);
                assert!(REASONS.contains(&reason.as_str()), "reason {reason}");
                utc(revoked_at);
                (seq, time, prev, ca, sig_alg)
            }
            Entry::Crl {
                seq,
                time,
                prev,
                ca,
                sig_alg,
                crl_number,
                this_update,
                next_update,
                revoked,
                sha256,
            } => {
                assert!(*crl_number >= 1);
                assert!(utc(this_update) < utc(next_update));
                assert!(*revoked < 1_000_000);
                assert_hex(sha256, 64, "sha256");
                (seq, time, prev, ca, sig_alg)
            }
        };
        assert_eq!(*seq, i as u64 + 1, "line {}: seq", i + 1);
        utc(time);
        assert_eq!(prev.is_none(), i == 0, "line {}: prev", i + 1);
        if let Some(prev) = prev {
            assert_hex(prev, 64, "prev");
        }
        assert_hex(ca, 64, "ca");
        assert!(
            sig_alg.split('.').all(|arc| arc.parse::<u64>().is_ok()),
            "sig_alg {sig_alg}"
        );
    }
}

/// Checks every line of LEDGER independently of certsmith: the schema, the
/// hash link to the line before, and the CA's signature over the exact
/// `entry` bytes with `openssl dgst -verify`.
pub fn independently_verify(s: &Scratch, ca: &str, ledger: &str) {
    check_schema(s, ledger);
    let public = s
        .run("openssl", &["x509", "-noout", "-pubkey", "-in", ca])
        .ok()
        .stdout
        .clone();
    std::fs::write(s.path("ca-public.tmp"), public).unwrap();
    let text = s.read(ledger);
    assert!(text.ends_with('\n'), "the last line has no newline");
    let mut prev: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let raw: RawLine =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let entry: serde_json::Value = serde_json::from_str(raw.entry.get()).unwrap();
        assert_eq!(
            entry["prev"].as_str().map(str::to_owned),
            prev,
            "line {}: prev",
            i + 1
        );
        let digest = match entry["sig_alg"].as_str().expect("sig_alg") {
            "1.2.840.10045.4.3.2" | "1.2.840.113549.1.1.11" => "-sha256",
            "1.2.840.10045.4.3.3" | "1.2.840.113549.1.1.12" => "-sha384",
            "1.2.840.10045.4.3.4" | "1.2.840.113549.1.1.13" => "-sha512",
            other => panic!("line {}: unexpected sig_alg {other}", i + 1),
        };
        std::fs::write(s.path("entry.tmp"), raw.entry.get()).unwrap();
        let sig = s
            .run_stdin("openssl", &["base64", "-d", "-A"], raw.sig.as_bytes())
            .ok()
            .stdout
            .clone();
        assert!(!sig.is_empty(), "line {}: sig is not base64", i + 1);
        std::fs::write(s.path("sig.tmp"), sig).unwrap();
        let verified = s.run(
            "openssl",
            &[
                "dgst",
                digest,
                "-verify",
                "ca-public.tmp",
                "-signature",
                "sig.tmp",
                "entry.tmp",
            ],
        );
        assert!(
            verified.status == 0 && verified.stdout_str().contains("Verified OK"),
            "line {}: openssl does not verify the signature: {}{}",
            i + 1,
            verified.stdout_str(),
            verified.stderr
        );
        prev = Some(sha256_hex(s, line.as_bytes()));
    }
}

/// A ledger line for LEDGER's next position, made without certsmith: the last
/// entry with the next seq and the right hash link, signed by KEY with openssl.
fn forge_next_line(s: &Scratch, ledger: &str, key: &str) -> String {
    let text = s.read(ledger);
    let last = text.lines().last().expect("a line");
    let mut entry: serde_json::Value =
        serde_json::from_str::<serde_json::Value>(last).unwrap()["entry"].clone();
    entry["seq"] = (entry["seq"].as_u64().unwrap() + 1).into();
    entry["prev"] = sha256_hex(s, last.as_bytes()).into();
    let bytes = serde_json::to_string(&entry).unwrap();
    std::fs::write(s.path("forged-entry.tmp"), &bytes).unwrap();
    let sig = s
        .run(
            "openssl",
            &["dgst", "-sha256", "-sign", key, "forged-entry.tmp"],
        )
        .ok()
        .stdout
        .clone();
    let b64 = s
        .run_stdin("openssl", &["base64", "-A"], &sig)
        .ok()
        .stdout_str();
    format!(r#"{{"entry":{bytes},"sig":"{}"}}"#, b64.trim())
}

/// A CA with a ledger of four issuances (a, b, c, d).
fn ledger_of_four() -> Scratch {
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    for name in ["a", "b", "c", "d"] {
        sign_logged(&s, "ca", LEDGER, name, &format!("{name}.example.com"));
    }
    s
}

fn lines_of(s: &Scratch, ledger: &str) -> Vec<String> {
    s.read(ledger).lines().map(str::to_owned).collect()
}

fn write_lines(s: &Scratch, ledger: &str, lines: &[String]) {
    s.write(ledger, &(lines.join("\n") + "\n"));
}

#[test]
fn ledger_records_each_issuance_as_a_signed_hash_linked_line() {
    let s = Scratch::new();
    s.write(
        "ca-csr.json",
        r#"{"CN":"Ledger Root","names":[{"O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256}}"#,
    );
    let before = OffsetDateTime::now_utc() - time::Duration::seconds(2);
    s.certsmith_split(&["initca", "--ledger", LEDGER, "ca-csr.json"], "ca");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    sign_logged(&s, "ca", LEDGER, "b", "b.example.com");
    let after = OffsetDateTime::now_utc() + time::Duration::seconds(2);

    assert_eq!(s.file_mode(LEDGER), 0o644);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);
    independently_verify(&s, "ca.pem", LEDGER);

    let ca_sha = sha256_hex(&s, &der_of(&s, "x509", "ca.pem"));
    let lines = lines_of(&s, LEDGER);
    let mut prev_line: Option<&str> = None;
    for (i, (line, cert)) in lines.iter().zip(["ca.pem", "a.pem", "b.pem"]).enumerate() {
        let parsed: Line =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", i + 1));
        assert!(!parsed.sig.is_empty());
        let Entry::Issued {
            seq,
            time,
            prev,
            ca,
            sig_alg,
            serial,
            subject,
            sans,
            profile,
            not_before,
            not_after,
            is_ca,
            sha256,
        } = parsed.entry
        else {
            panic!("line {}: not an issued event: {line}", i + 1)
        };
        assert_eq!(seq, i as u64 + 1);
        let t = utc(&time);
        assert!(before <= t && t <= after, "time {time}");
        assert_eq!(prev, prev_line.map(|p| sha256_hex(&s, p.as_bytes())));
        assert_eq!(ca, ca_sha, "ca is the SHA-256 of the CA certificate");
        assert_eq!(sig_alg, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256");
        assert_eq!(serial, serial_of(&s, cert));
        assert_eq!(sha256, sha256_hex(&s, &der_of(&s, "x509", cert)));
        let (nb, na) = cert_dates(&s, cert);
        assert_eq!(utc(&not_before), nb);
        assert_eq!(utc(&not_after), na);
        if i == 0 {
            assert!(is_ca);
            assert!(subject.contains("Ledger Root"), "{subject}");
            assert_eq!(sans, Vec::<String>::new());
        } else {
            assert!(!is_ca);
            assert_eq!(profile.as_deref(), Some("server"));
            let host = if i == 1 {
                "a.example.com"
            } else {
                "b.example.com"
            };
            assert!(subject.contains(host), "{subject}");
            assert_eq!(sans, [format!("DNS:{host}"), "IP:10.0.0.1".to_owned()]);
        }
        prev_line = Some(line);
    }
}

#[test]
fn ledger_verify_accepts_a_line_that_openssl_signed_with_the_ca_key() {
    // The format is specified well enough for another tool to extend it.
    let s = ledger_of_four();
    let forged = forge_next_line(&s, LEDGER, "ca-key.pem");
    let mut lines = lines_of(&s, LEDGER);
    lines.push(forged);
    write_lines(&s, LEDGER, &lines);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
}

#[test]
fn ledger_verify_refuses_an_edited_line_naming_it() {
    let s = ledger_of_four();
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 4);
    let mut lines = lines_of(&s, LEDGER);
    // Pretend line 2 recorded another serial.
    let serial = serial_of(&s, "b.pem");
    assert!(lines[1].contains(&serial), "{}", lines[1]);
    let last = serial.chars().last().unwrap();
    let other = if last == '0' { '1' } else { '0' };
    lines[1] = lines[1].replacen(
        &serial,
        &format!("{}{other}", &serial[..serial.len() - 1]),
        1,
    );
    write_lines(&s, LEDGER, &lines);
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 2: signature does not verify against ca.pem"
    );
}

#[test]
fn ledger_verify_refuses_a_deleted_line_naming_the_line_after_the_gap() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.remove(1);
    write_lines(&s, LEDGER, &lines);
    // Old line 3 is line 2 of the tampered file.
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 2: hash link broken: the line before it was changed, removed or reordered"
    );

    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.remove(0);
    write_lines(&s, LEDGER, &lines);
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 1: hash link broken: the line before it was changed, removed or reordered"
    );
}

#[test]
fn ledger_verify_refuses_swapped_lines() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.swap(1, 2);
    write_lines(&s, LEDGER, &lines);
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 2: hash link broken: the line before it was changed, removed or reordered"
    );
}

#[test]
fn ledger_verify_refuses_a_line_signed_by_another_ca() {
    let s = ledger_of_four();
    ca_named(&s, "other", "Other Root");
    // The forged line links correctly; only its signature is wrong.
    let forged = forge_next_line(&s, LEDGER, "other-key.pem");
    let mut lines = lines_of(&s, LEDGER);
    lines.push(forged);
    write_lines(&s, LEDGER, &lines);
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 5: signature does not verify against ca.pem"
    );

    // A real line of the other CA's own ledger, appended.
    let s = ledger_of_four();
    ca_named(&s, "other", "Other Root");
    sign_logged(&s, "other", "other.jsonl", "x", "x.example.com");
    let mut lines = lines_of(&s, LEDGER);
    lines.push(lines_of(&s, "other.jsonl").remove(0));
    write_lines(&s, LEDGER, &lines);
    assert_eq!(
        refusal(&s, "ca.pem", LEDGER),
        "error: ledger.jsonl: line 5: signature does not verify against ca.pem"
    );
    // And the whole ledger checked against the wrong CA fails at line 1.
    assert_eq!(
        refusal(&s, "other.pem", LEDGER),
        "error: ledger.jsonl: line 1: signature does not verify against other.pem"
    );
}

#[test]
fn ledger_verify_refuses_a_line_that_is_not_json() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.insert(2, "issued: e.example.com".to_owned());
    write_lines(&s, LEDGER, &lines);
    let first = refusal(&s, "ca.pem", LEDGER);
    assert!(
        first.starts_with("error: ledger.jsonl: line 3: not a ledger line: "),
        "{first}"
    );
}

#[test]
fn parallel_signs_append_every_line_once_and_keep_the_chain_valid() {
    const N: usize = 12;
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    let files: Vec<String> = (0..N)
        .map(|i| leaf_json(&s, &format!("p{i}"), &format!("p{i}.example.com")))
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|json| {
            certsmith_command()
                .args([
                    "sign",
                    "--ca",
                    "ca.pem",
                    "--ca-key",
                    "ca-key.pem",
                    "--ledger",
                    LEDGER,
                    json,
                ])
                .current_dir(s.dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut serials = Vec::new();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "sign {i}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let pem = format!("p{i}.pem");
        s.write(&pem, json["cert"].as_str().unwrap());
        serials.push(serial_of(&s, &pem));
    }

    assert_eq!(lines_of(&s, LEDGER).len(), N);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, N);
    independently_verify(&s, "ca.pem", LEDGER);
    let entries = ledger_entries(&s, LEDGER);
    let seqs: Vec<u64> = entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (1..=N as u64).collect::<Vec<_>>());
    let mut logged: Vec<String> = entries
        .iter()
        .map(|e| e["serial"].as_str().unwrap().to_owned())
        .collect();
    logged.sort();
    serials.sort();
    assert_eq!(logged, serials, "every certificate logged exactly once");
}

#[test]
fn a_new_ledger_is_0644_whatever_the_umask() {
    // Like split-json's files, the mode is set explicitly: a umask of 077
    // (common on CA hosts) must not make the public ledger unreadable.
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    let json = leaf_json(&s, "a", "a.example.com");
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let run = s.run(
        "sh",
        &[
            "-c",
            r#"umask 077 && exec "$0" sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl "$1" >/dev/null"#,
            path_str(&bin),
            &json,
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(s.file_mode(LEDGER), 0o644);
}

#[test]
fn another_cas_ledger_or_a_truncated_one_is_refused_before_anything_is_issued() {
    let s = Scratch::new();
    ca_named(&s, "a", "Ledger A");
    ca_named(&s, "b", "Ledger B");
    sign_logged(&s, "a", LEDGER, "one", "one.example.com");
    sign_logged(&s, "a", LEDGER, "two", "two.example.com");
    let before = s.read(LEDGER);
    let json = leaf_json(&s, "three", "three.example.com");
    let sign_with = |ca: &str| s.sign(ca, &["--ledger", LEDGER, &json]);
    // fails() also checks that no certificate reached stdout.
    assert_eq!(
        sign_with("b").fails(),
        "error: ledger.jsonl: line 2: written by another CA\n"
    );
    assert_eq!(s.read(LEDGER), before);

    // Dropping the first line leaves a valid last line whose seq no longer counts.
    let lines = lines_of(&s, LEDGER);
    s.write(LEDGER, &format!("{}\n", lines[1]));
    assert_eq!(
        sign_with("a").fails(),
        "error: ledger.jsonl: line 1: its sequence number does not count the lines: lines were removed or added\n"
    );

    // A new root starts a new ledger; it never joins another CA's.
    s.write(LEDGER, &before);
    s.write(
        "root.json",
        r#"{"CN":"Ledger C","key":{"algo":"ecdsa","size":256}}"#,
    );
    let err = s
        .certsmith(&["initca", "--ledger", LEDGER, "root.json"])
        .fails()
        .to_owned();
    assert_eq!(
        err,
        "error: ledger.jsonl: line 2: a new CA starts a new ledger, and this one already has entries\n"
    );
    assert_eq!(s.read(LEDGER), before);

    // And `ledger verify` does not pass an emptied ledger.
    s.write(LEDGER, "");
    assert_eq!(
        s.certsmith(&["ledger", "verify", "--ca", "a.pem", LEDGER])
            .fails(),
        "error: ledger.jsonl: line 1: the ledger is empty: every ledger starts with an entry, so this one lost them\n"
    );
}

// --- issue 13, item 6: a crash or a full disk in the middle of an append.
// A line counts once it ends in a newline; the bytes of an append that
// stopped part-way are an append that never happened.

/// `certsmith sign --ledger LEDGER` of a new leaf, unsplit.
fn sign_into_ledger(s: &Scratch, name: &str) -> Run {
    let json = leaf_json(s, name, &format!("{name}.example.com"));
    s.sign("ca", &["--ledger", LEDGER, &json])
}

/// `certsmith crl --ledger LEDGER` into crl.pem, which openssl must verify against ca.pem.
#[track_caller]
pub fn crl_from_ledger(s: &Scratch) -> Run {
    let run = s.certsmith_ca("crl", "ca", &["--ledger", LEDGER]);
    run.ok();
    s.write("crl.pem", &run.stdout_str());
    let checked = s.run(
        "openssl",
        &["crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout"],
    );
    assert!(
        checked.status == 0 && (checked.stdout_str() + &checked.stderr).contains("verify OK"),
        "openssl crl: {}{}",
        checked.stdout_str(),
        checked.stderr
    );
    run
}

/// Asserts `ledger verify` passes `n` entries and names the torn tail at `line`.
#[track_caller]
fn assert_verifies_with_interrupted_append(s: &Scratch, n: usize, line: usize) {
    let run = ledger_verify(s, "ca.pem", LEDGER);
    run.ok();
    let note = format!("{LEDGER}: line {line} is an interrupted append, not a tampered line");
    assert!(
        run.stderr.contains(&note),
        "expected `{note}`:\n{}",
        run.stderr
    );
    let verified = format!("{LEDGER}: {n} entries verified");
    assert!(
        run.stderr.lines().any(|l| l == verified),
        "expected `{verified}`:\n{}",
        run.stderr
    );
}

#[track_caller]
fn assert_removed_interrupted_append(run: &Run, line: usize) {
    run.ok();
    let note = format!("note: {LEDGER}: removed an interrupted append at line {line}");
    assert!(
        run.stderr.contains(&note),
        "expected `{note}`:\n{}",
        run.stderr
    );
}

#[test]
fn a_torn_last_line_is_an_interrupted_append_that_the_next_append_removes() {
    let s = ledger_of_four();
    let whole = s.read(LEDGER);
    // What a kill or a full disk leaves: the first bytes of a line, no newline.
    let torn = lines_of(&s, LEDGER)[3][..57].to_owned();
    s.write(LEDGER, &format!("{whole}{torn}"));
    assert_verifies_with_interrupted_append(&s, 4, 5);

    let signed = sign_into_ledger(&s, "e");
    assert_removed_interrupted_append(&signed, 5);
    assert!(s.read(LEDGER).starts_with(&whole));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
    independently_verify(&s, "ca.pem", LEDGER);

    // Cut inside a multi-byte character, and repaired by `crl` this time.
    let whole = s.read(LEDGER);
    let mut bytes = whole.clone().into_bytes();
    bytes.extend_from_slice(b"{\"entry\":{\"subject\":\"CN=caf\xC3");
    std::fs::write(s.path(LEDGER), &bytes).unwrap();
    assert_verifies_with_interrupted_append(&s, 5, 6);
    assert_removed_interrupted_append(&crl_from_ledger(&s), 6);
    assert!(s.read(LEDGER).starts_with(&whole));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 6);
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn a_signed_last_line_that_lacks_only_its_newline_still_counts() {
    // Never lose a line that may have been reported: a whole line that
    // verifies is completed with its newline, not cut away.
    let s = ledger_of_four();
    let forged = forge_next_line(&s, LEDGER, "ca-key.pem");
    let whole = s.read(LEDGER);
    s.write(LEDGER, &format!("{whole}{forged}"));
    let run = ledger_verify(&s, "ca.pem", LEDGER);
    run.ok();
    assert!(!run.stderr.contains("interrupted"), "{}", run.stderr);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
    let signed = sign_into_ledger(&s, "e");
    signed.ok();
    assert!(!signed.stderr.contains("interrupted"), "{}", signed.stderr);
    assert!(s.read(LEDGER).starts_with(&format!("{whole}{forged}\n")));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 6);
    independently_verify(&s, "ca.pem", LEDGER);
}

#[test]
fn bytes_after_the_last_newline_that_no_append_writes_are_still_refused() {
    // Only the start of a ledger line is an interrupted append; anything else
    // without a newline is a tampered line, refused as before.
    for tail in [
        "issued: e.example.com",
        "{\"entry\":5,\"sig\":\"AAAA\"}",
        "[[[[",
    ] {
        let s = ledger_of_four();
        let before = format!("{}{tail}", s.read(LEDGER));
        s.write(LEDGER, &before);
        let first = refusal(&s, "ca.pem", LEDGER);
        assert!(
            first.starts_with("error: ledger.jsonl: line 5: not a ledger line: "),
            "{tail}: {first}"
        );
        let err = sign_into_ledger(&s, "e").fails().to_owned();
        assert!(
            err.starts_with("error: ledger.jsonl: line 5: "),
            "{tail}: {err}"
        );
        assert_eq!(s.read(LEDGER), before, "{tail}: the ledger was changed");
    }
}

/// Runs certsmith with ARGS, dying like `kill -9` after BYTES bytes of the
/// ledger line are written (the `fault-injection` crash point).
#[cfg(feature = "fault-injection")]
pub fn crash_mid_append(s: &Scratch, args: &[&str], bytes: usize) -> std::process::Output {
    crash_mid_append_reading(s, args, Stdio::null(), bytes)
}

/// [`crash_mid_append`] with `stdin` as the run's standard input.
#[cfg(feature = "fault-injection")]
pub fn crash_mid_append_reading(
    s: &Scratch,
    args: &[&str],
    stdin: Stdio,
    bytes: usize,
) -> std::process::Output {
    command("sh")
        .arg("-c")
        // No core file in the scratch directory.
        .arg(r#"ulimit -c 0; exec "$0" "$@""#)
        .arg(assert_cmd::cargo::cargo_bin("certsmith"))
        .args(args)
        .env("CERTSMITH_FAULT", "ledger-append")
        .env("CERTSMITH_FAULT_BYTES", bytes.to_string())
        .current_dir(s.dir.path())
        .stdin(stdin)
        .output()
        .expect("run certsmith")
}

#[cfg(feature = "fault-injection")]
#[track_caller]
fn assert_torn_by_crash(s: &Scratch, out: &std::process::Output, before: &str, bytes: usize) {
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.signal(),
        Some(6),
        "expected death by SIGABRT mid-append: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "output was printed before its ledger line was written: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = std::fs::read(s.path(LEDGER)).unwrap();
    assert_eq!(
        after.len(),
        before.len() + bytes,
        "a torn tail of {bytes} bytes"
    );
    assert!(after.starts_with(before.as_bytes()));
    assert!(after[before.len()..].starts_with(&b"{\"entry\":{"[..bytes.min(10)]));
    assert!(!after.ends_with(b"\n"));
}

#[test]
#[cfg(feature = "fault-injection")]
fn a_crash_mid_append_prints_nothing_and_the_ledger_recovers() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    sign_logged(&s, "ca", LEDGER, "b", "b.example.com");

    // sign dies 100 bytes into its line: no certificate, a torn tail.
    let before = s.read(LEDGER);
    let json = leaf_json(&s, "c", "c.example.com");
    let sign = [
        "sign",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--ledger",
        LEDGER,
        &json,
    ];
    let out = crash_mid_append(&s, &sign, 100);
    assert_torn_by_crash(&s, &out, &before, 100);
    assert_verifies_with_interrupted_append(&s, 2, 3);
    // crl reads past it, and its append removes it.
    assert_removed_interrupted_append(&crl_from_ledger(&s), 3);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 3);

    // crl dies one byte into its line; then sign goes through.
    let before = s.read(LEDGER);
    let crl = [
        "crl",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--ledger",
        LEDGER,
    ];
    let out = crash_mid_append(&s, &crl, 1);
    assert_torn_by_crash(&s, &out, &before, 1);
    assert_verifies_with_interrupted_append(&s, 3, 4);
    let signed = s.certsmith(&sign);
    assert_removed_interrupted_append(&signed, 4);
    s.certsmith_stdin(&["split-json", "c"], &signed.stdout).ok();
    s.openssl_verify("ca.pem", &[], "c.pem");
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 4);
    independently_verify(&s, "ca.pem", LEDGER);
    let entries = ledger_entries(&s, LEDGER);
    assert_eq!(entries[3]["serial"], serial_of(&s, "c.pem").as_str());
}

#[test]
fn sixteen_parallel_signs_after_an_interrupted_first_append_each_land_once() {
    const N: usize = 16;
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    // The ledger's very first append was interrupted.
    s.write(LEDGER, r#"{"entry":{"ca":"0e5c"#);
    let files: Vec<String> = (0..N)
        .map(|i| leaf_json(&s, &format!("p{i}"), &format!("p{i}.example.com")))
        .collect();
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let outputs: Vec<std::process::Output> = std::thread::scope(|scope| {
        let runs: Vec<_> = files
            .iter()
            .map(|json| {
                let (bin, dir) = (&bin, s.dir.path());
                scope.spawn(move || {
                    command(bin)
                        .args([
                            "sign",
                            "--ca",
                            "ca.pem",
                            "--ca-key",
                            "ca-key.pem",
                            "--ledger",
                            LEDGER,
                            json,
                        ])
                        .current_dir(dir)
                        .stdin(Stdio::null())
                        .output()
                        .expect("run certsmith")
                })
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("thread"))
            .collect()
    });
    let mut serials = Vec::new();
    let mut removals = 0;
    for (i, out) in outputs.iter().enumerate() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "sign {i}: {stderr}");
        removals += stderr
            .matches("removed an interrupted append at line 1")
            .count();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let pem = format!("p{i}.pem");
        s.write(&pem, json["cert"].as_str().unwrap());
        serials.push(serial_of(&s, &pem));
    }
    assert_eq!(removals, 1, "exactly one append removes the torn tail");
    assert_eq!(lines_of(&s, LEDGER).len(), N);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, N);
    independently_verify(&s, "ca.pem", LEDGER);
    let entries = ledger_entries(&s, LEDGER);
    let seqs: Vec<u64> = entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (1..=N as u64).collect::<Vec<_>>());
    let mut logged: Vec<String> = entries
        .iter()
        .map(|e| e["serial"].as_str().unwrap().to_owned())
        .collect();
    logged.sort();
    serials.sort();
    assert_eq!(logged, serials, "every certificate logged exactly once");
}

#[test]
fn a_new_ledger_is_created_0644_under_umask_000_not_0666_then_chmodded() {
    // Watched under strace: the mode is the one the file is born with.
    require("strace");
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Root");
    let json = leaf_json(&s, "a", "a.example.com");
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let run = s.run(
        "sh",
        &[
            "-c",
            r#"umask 000 && exec strace -f -qq -e trace=openat -o trace.txt "$0" sign --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl "$1" >/dev/null"#,
            path_str(&bin),
            &json,
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let trace = s.read("trace.txt");
    let creates: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("\"ledger.jsonl\"") && l.contains("O_CREAT"))
        .collect();
    assert!(
        !creates.is_empty(),
        "no O_CREAT open of the ledger:\n{trace}"
    );
    for open in creates {
        assert!(
            open.contains(", 0644)"),
            "the ledger was created with another mode: {open}"
        );
    }
    assert_eq!(s.file_mode(LEDGER), 0o644);
}

/// A FIFO given as the ledger is refused at once instead of hanging every
/// reader, and a link to nothing is refused instead of starting a new ledger
/// wherever it points.
#[test]
fn a_fifo_or_a_dangling_link_as_the_ledger_is_refused() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Ledger Kind Root");
    let leaf = leaf_json(&s, "a", "a.example.com");
    s.run("mkfifo", &["fifo.jsonl"]).ok();
    std::os::unix::fs::symlink("gone/ledger.jsonl", s.path("link.jsonl")).unwrap();
    for (ledger, reason) in [
        ("fifo.jsonl", "not a regular file"),
        ("link.jsonl", "a link to a file that is not there"),
    ] {
        let ca = [
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.pem",
            "--ledger",
            ledger,
        ];
        for args in [
            [&["sign"][..], &ca, &[leaf.as_str()]].concat(),
            [&["crl"][..], &ca].concat(),
            [&["revoke"][..], &ca, &["--serial", "01", "--force"]].concat(),
            vec!["ledger", "verify", "--ca", "ca.pem", ledger],
        ] {
            // `timeout` turns a hang into exit 124, which fails() reports.
            let run = s.run("timeout", &[&["10", &certsmith_bin()][..], &args].concat());
            let err = run.fails().to_string();
            assert!(
                err.starts_with(&format!("error: ledger {ledger}: {reason}")),
                "{args:?}: {err}"
            );
        }
    }
    assert!(!s.exists("gone"));
}

// --- issue 18: the tail check reads the end of the file only.

/// A ledger copied through a tool that wrote CRLF and dropped the final
/// newline ends in `…}\r`. That `\r` is part of the line ending, not of the
/// line: the next append hashes the line without it, as every reader does
/// once the append has given the line back its `\n`.
#[test]
fn a_crlf_ledger_whose_last_line_lost_its_newline_still_chains_after_an_append() {
    let s = ledger_of_four();
    let crlf = lines_of(&s, LEDGER).join("\r\n") + "\r";
    s.write(LEDGER, &crlf);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 4);
    sign_into_ledger(&s, "e").ok();
    assert!(s.read(LEDGER).starts_with(&format!("{crlf}\n")));
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 5);
    independently_verify(&s, "ca.pem", LEDGER);
}

/// A signed line whose SAN list is longer than several read-back windows
/// (8 KiB, then 32 KiB): the append reads back until a newline precedes it,
/// as the last line and as the one before the last.
#[test]
fn a_last_line_longer_than_the_read_back_window_is_read_whole() {
    let s = ledger_of_four();
    let hosts: Vec<String> = (0..1200)
        .map(|i| format!("\"host-{i:04}.a-long-service-name.example.com\""))
        .collect();
    s.write(
        "long.json",
        &format!(
            r#"{{"CN":"long.example.com","hosts":[{}],"key":{{"algo":"ecdsa","size":256}}}}"#,
            hosts.join(",")
        ),
    );
    s.sign_split("ca", &["--ledger", LEDGER, "long.json"], "long");
    let long = lines_of(&s, LEDGER).pop().unwrap();
    assert!(long.len() > 40 * 1024, "{} bytes", long.len());
    assert!(long.contains("host-1199.a-long-service-name.example.com"));
    // The long line is the last, then the one before the last.
    for name in ["e", "f"] {
        sign_into_ledger(&s, name).ok();
    }
    assert_eq!(lines_of(&s, LEDGER)[4], long);
    assert_ledger_verifies(&s, "ca.pem", LEDGER, 7);
    independently_verify(&s, "ca.pem", LEDGER);
}

/// The append checks the link of the last line to the one before it: a
/// line dropped just before the last is refused, as the count of every line
/// refused it, and the ledger is left as it was.
#[test]
fn a_dropped_line_before_the_last_is_refused_at_append() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.remove(2);
    write_lines(&s, LEDGER, &lines);
    let before = s.read(LEDGER);
    assert_eq!(
        sign_into_ledger(&s, "e").fails(),
        "error: ledger.jsonl: line 3: its sequence number does not count the lines: lines were removed or added\n"
    );
    assert_eq!(s.read(LEDGER), before);
}

/// The last line written again (a retried copy, a bad merge): its sequence
/// number does not follow the line before it.
#[test]
fn a_duplicated_last_line_is_refused_at_append() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines.push(lines[3].clone());
    write_lines(&s, LEDGER, &lines);
    let before = s.read(LEDGER);
    assert_eq!(
        sign_into_ledger(&s, "e").fails(),
        "error: ledger.jsonl: line 5: its sequence number does not count the lines: lines were removed or added\n"
    );
    assert_eq!(s.read(LEDGER), before);
}

/// The line before the last edited (or replaced by another line with its
/// number): the last line's hash of it no longer matches. A count of the
/// lines let this through; the link does not.
#[test]
fn an_edited_line_before_the_last_is_refused_at_append() {
    let s = ledger_of_four();
    let mut lines = lines_of(&s, LEDGER);
    lines[2] = lines[2].replacen("c.example.com", "x.example.com", 1);
    write_lines(&s, LEDGER, &lines);
    let before = s.read(LEDGER);
    assert_eq!(
        sign_into_ledger(&s, "e").fails(),
        "error: ledger.jsonl: line 4: hash link broken: the line before it was changed, removed or reordered\n"
    );
    assert_eq!(s.read(LEDGER), before);
}

/// What the O(1) check gives up: a line dropped further back than the last
/// two, or a garbage line in the middle, no longer stops an append. The
/// append hides nothing: every reader of the whole ledger still refuses it,
/// naming the damaged line.
#[test]
fn damage_further_back_than_the_last_two_lines_is_left_to_the_readers_of_every_line() {
    for (damage, refused) in [
        (
            "a dropped line",
            "error: ledger.jsonl: line 2: hash link broken: the line before it was changed, removed or reordered",
        ),
        (
            "a garbage line",
            "error: ledger.jsonl: line 2: not a ledger line: expected value at line 1 column 1",
        ),
    ] {
        let s = ledger_of_four();
        let mut lines = lines_of(&s, LEDGER);
        if damage == "a dropped line" {
            lines.remove(1);
        } else {
            lines.insert(1, "issued: x.example.com".into());
        }
        write_lines(&s, LEDGER, &lines);
        let damaged = s.read(LEDGER);
        sign_into_ledger(&s, "e").ok();
        assert!(s.read(LEDGER).starts_with(&damaged), "{damage}");
        assert_eq!(refusal(&s, "ca.pem", LEDGER), refused, "{damage}");
        for reader in [
            s.certsmith_ca("crl", "ca", &["--ledger", LEDGER]),
            s.certsmith_ca("revoke", "ca", &["--ledger", LEDGER, "--serial", "01"]),
        ] {
            assert_eq!(reader.fails().lines().next(), Some(refused), "{damage}");
        }
    }
}
