//! `ledger verify` as a stream (issue 18): by default every hash link and
//! the first and last signatures, which prove every byte of the ledger;
//! `--every-signature` also proves that the CA's key signed each middle
//! line. Ledgers are tampered and forged here without certsmith's help
//! (openssl, Python `cryptography`), and every refusal names its line.

use crate::ledger::{LEDGER, ca_named, crl_from_ledger, leaf_json, sha256_hex, sign_logged};
use crate::support::*;

/// `certsmith ledger verify` of LEDGER against ca.pem, with `extra` flags.
fn verify(s: &Scratch, extra: &[&str]) -> Run {
    s.certsmith(
        &[
            &["ledger", "verify"][..],
            extra,
            &["--ca", "ca.pem", LEDGER],
        ]
        .concat(),
    )
}

/// Asserts that both modes accept LEDGER with `n` entries.
#[track_caller]
fn assert_both_modes_verify(s: &Scratch, n: usize) {
    for extra in [&[][..], &["--every-signature"]] {
        let run = verify(s, extra);
        run.ok();
        let expected = format!("{LEDGER}: {n} entries verified");
        assert!(
            run.stderr.lines().any(|l| l == expected),
            "{extra:?}: expected `{expected}`:\n{}",
            run.stderr
        );
    }
}

/// Asserts that both modes refuse LEDGER with exactly `error`.
#[track_caller]
fn assert_both_modes_refuse(s: &Scratch, error: &str) {
    for extra in [&[][..], &["--every-signature"]] {
        assert_eq!(verify(s, extra).fails(), format!("{error}\n"), "{extra:?}");
    }
}

fn unsigned_at(line: usize) -> String {
    format!("error: {LEDGER}: line {line}: signature does not verify against ca.pem")
}

/// A CA with a ledger of five issuances.
fn ledger_of_five() -> Scratch {
    let s = Scratch::new();
    ca_named(&s, "ca", "Scan Root");
    for name in ["a", "b", "c", "d", "e"] {
        sign_logged(&s, "ca", LEDGER, name, &format!("{name}.example.com"));
    }
    s
}

fn lines_of(s: &Scratch) -> Vec<String> {
    s.read(LEDGER).lines().map(str::to_owned).collect()
}

fn write_lines(s: &Scratch, lines: &[String]) {
    s.write(LEDGER, &(lines.join("\n") + "\n"));
}

/// The `entry` object of a ledger line.
fn entry_of(line: &str) -> serde_json::Value {
    serde_json::from_str::<serde_json::Value>(line).expect("a JSON line")["entry"].clone()
}

/// A ledger line for `entry`, signed by KEY with openssl.
fn signed_line(s: &Scratch, entry: &serde_json::Value, key: &str) -> String {
    let bytes = serde_json::to_string(entry).unwrap();
    std::fs::write(s.path("entry.tmp"), &bytes).unwrap();
    let sig = s
        .run("openssl", &["dgst", "-sha256", "-sign", key, "entry.tmp"])
        .ok()
        .stdout
        .clone();
    let b64 = s
        .run_stdin("openssl", &["base64", "-A"], &sig)
        .ok()
        .stdout_str();
    format!(r#"{{"entry":{bytes},"sig":"{}"}}"#, b64.trim())
}

/// `line` with its entry's `serial` changed and its signature kept.
fn with_other_serial(line: &str) -> String {
    let serial = entry_of(line)["serial"].as_str().unwrap().to_owned();
    let last = if serial.ends_with('0') { '1' } else { '0' };
    let other = format!("{}{last}", &serial[..serial.len() - 1]);
    let edited = line.replacen(
        &format!(r#""serial":"{serial}""#),
        &format!(r#""serial":"{other}""#),
        1,
    );
    assert_ne!(edited, line);
    edited
}

#[test]
fn a_tampered_middle_line_is_caught_by_the_default_verify() {
    let s = ledger_of_five();
    assert_both_modes_verify(&s, 5);
    let mut lines = lines_of(&s);
    lines[2] = with_other_serial(&lines[2]);
    write_lines(&s, &lines);
    // Its own signature is not checked by default: the next line's link
    // breaks, and the line it points back to is named.
    assert_both_modes_refuse(&s, &unsigned_at(3));
}

#[test]
fn a_signature_only_tamper_in_the_middle_is_caught_by_the_hash_link() {
    let s = ledger_of_five();
    ca_named(&s, "other", "Other Root");
    let mut lines = lines_of(&s);
    // Line 2 keeps its entry byte for byte, with a well-formed signature by
    // another key: only line 3's `prev`, which hashes the whole line,
    // tells the default verify.
    let resigned = signed_line(&s, &entry_of(&lines[1]), "other-key.pem");
    assert_eq!(entry_of(&resigned), entry_of(&lines[1]));
    assert_ne!(resigned, lines[1]);
    lines[1] = resigned;
    write_lines(&s, &lines);
    assert_both_modes_refuse(&s, &unsigned_at(2));
}

#[test]
fn every_signature_finds_a_middle_line_the_ca_never_signed() {
    let s = ledger_of_five();
    ca_named(&s, "other", "Other Root");
    let mut lines = lines_of(&s);
    // A line signed by another key goes in as line 3; the lines after it
    // are re-linked, and the last one is signed again with the CA's key, as
    // a tool holding that key but appending carelessly could do.
    let mut inserted = entry_of(&lines[1]);
    inserted["seq"] = 3.into();
    inserted["prev"] = sha256_hex(&s, lines[1].as_bytes()).into();
    inserted["serial"] = "0BADC0DE".into();
    lines.insert(2, signed_line(&s, &inserted, "other-key.pem"));
    for i in 3..lines.len() {
        let mut entry = entry_of(&lines[i]);
        entry["seq"] = (i as u64 + 1).into();
        entry["prev"] = sha256_hex(&s, lines[i - 1].as_bytes()).into();
        let key = if i + 1 == lines.len() {
            "ca-key.pem"
        } else {
            "other-key.pem"
        };
        lines[i] = signed_line(&s, &entry, key);
    }
    write_lines(&s, &lines);
    // The CA's last signature commits to every byte, so the default passes...
    let run = verify(&s, &[]);
    run.ok();
    assert!(
        run.stderr
            .contains(&format!("{LEDGER}: 6 entries verified")),
        "{}",
        run.stderr
    );
    // ...and the audit names the first line the CA's key never signed.
    assert_eq!(
        verify(&s, &["--every-signature"]).fails(),
        format!("{}\n", unsigned_at(3))
    );
}

/// Appends lines to LEDGER that Python `cryptography` signs with
/// ca-key.pem, each linked to the line before, as another tool that holds
/// the CA key could append them: `n` issuances of varying length, or with
/// `revoked`, one revocation of each serial listed (hex).
fn extend_with_python(s: &Scratch, n: usize, revoked: &[&str]) {
    let script = r#"
import base64, hashlib, json, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)
last = open(sys.argv[2]).read().splitlines()[-1]
issued = json.loads(last)['entry']
out = []
def append(entry):
    global last
    entry['prev'] = hashlib.sha256(last.encode()).hexdigest()
    body = json.dumps(entry, separators=(',', ':'), sort_keys=True)
    sig = key.sign(body.encode(), ec.ECDSA(hashes.SHA256()))
    last = '{"entry":%s,"sig":"%s"}' % (body, base64.b64encode(sig).decode())
    out.append(last + '\n')
seq = issued['seq']
for i in range(int(sys.argv[3])):
    seq += 1
    issued = dict(issued, seq=seq, serial='%016X' % (0x100000 + seq),
                  sans=['DNS:h%d.example.com' % j for j in range(i % 7)])
    append(issued)
for i, serial in enumerate(sys.argv[4:]):
    seq += 1
    append({'ca': issued['ca'], 'event': 'revoked', 'seq': seq, 'serial': serial,
            'reason': 'keyCompromise' if i < 300 else 'superseded',
            'revoked_at': '2026-01-01T00:%02d:%02dZ' % (i // 60 % 60, i % 60),
            'sig_alg': issued['sig_alg'], 'time': issued['time']})
open(sys.argv[2], 'a').write(''.join(out))
"#;
    let n = n.to_string();
    let args = [&["-c", script, "ca-key.pem", LEDGER, &n][..], revoked].concat();
    s.run("python3", &args).ok();
}

/// The number (from 1) of the line of `text` that holds byte `offset`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[test]
fn a_ledger_of_several_read_blocks_verifies_and_a_tamper_at_a_block_border_is_named() {
    // The reader hands out 1 MiB blocks cut after their last newline, so
    // the line holding byte k MiB is carried into the next block, and its
    // link to the line before is checked across blocks.
    const MIB: usize = 1 << 20;
    let s = Scratch::new();
    ca_named(&s, "ca", "Scan Root");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    extend_with_python(&s, 6000, &[]);
    // CRLF endings, and a blank or whitespace line now and then.
    let mut text = String::new();
    for (i, line) in s.read(LEDGER).lines().enumerate() {
        text.push_str(line);
        text.push_str("\r\n");
        if i % 997 == 5 {
            text.push_str(["\r\n", " \t\r\n", "\n"][i % 3]);
        }
    }
    assert!(text.len() > 3 * MIB, "{} bytes", text.len());
    s.write(LEDGER, &text);
    assert_both_modes_verify(&s, 6001);

    let lines: Vec<&str> = text.split('\n').collect();
    let is_entry = |number: &usize| lines[number - 1].starts_with(r#"{"entry":"#);
    for border in [MIB, 2 * MIB, 3 * MIB] {
        // The line that holds the border's byte (or starts there) is the
        // first of its block; the line before it is the last of the block
        // before. Blank lines are skipped: the links join lines with entries.
        let first = (line_at(&text, border)..).find(is_entry).unwrap();
        let last = (1..first).rev().find(is_entry).unwrap();
        for tampered in [last, first] {
            let mut lines = lines.clone();
            let edited = with_other_serial(lines[tampered - 1]);
            lines[tampered - 1] = &edited;
            s.write(LEDGER, &lines.join("\n"));
            assert_both_modes_refuse(&s, &unsigned_at(tampered));
        }
    }
}

#[test]
fn crl_from_a_ledger_of_many_revocations_lists_each_serial_once() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Scan Root");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    // 300 serials revoked, the first 100 of them a second time, later and
    // for another reason: the first revocation is the one listed.
    let serials: Vec<String> = (1..=300)
        .chain(1..=100)
        .map(|n| format!("{:04X}", 0x1000 + n))
        .collect();
    let serials: Vec<&str> = serials.iter().map(String::as_str).collect();
    extend_with_python(&s, 0, &serials);
    crl_from_ledger(&s);
    let text = s
        .run("openssl", &["crl", "-noout", "-text", "-in", "crl.pem"])
        .ok()
        .stdout_str();
    // Each entry: its serial, then its reason two lines on.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut listed: Vec<(String, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(serial) = line.strip_prefix("Serial Number: ") {
            let reason = lines[i + 1..]
                .iter()
                .skip_while(|l| !l.starts_with("X509v3 CRL Reason Code"))
                .nth(1)
                .expect("a reason");
            listed.push((serial.to_owned(), (*reason).to_owned()));
        }
    }
    let mut want: Vec<(String, String)> = serials[..300]
        .iter()
        .map(|s| (s.to_string(), "Key Compromise".to_owned()))
        .collect();
    listed.sort();
    want.sort();
    assert_eq!(listed, want);
    assert_both_modes_verify(&s, 402);
}

#[test]
fn revoke_finds_a_serial_among_thousands_of_lines_and_refuses_a_tampered_middle_line() {
    let s = Scratch::new();
    ca_named(&s, "ca", "Scan Root");
    sign_logged(&s, "ca", LEDGER, "a", "a.example.com");
    extend_with_python(&s, 3000, &[]);
    let revoke =
        |serial: &str| s.certsmith_ca("revoke", "ca", &["--ledger", LEDGER, "--serial", serial]);
    // Line 1500 issued serial 1005DC; typed another way here.
    let run = revoke("10:05:dc");
    run.ok();
    assert!(
        run.stderr.contains("revoked serial 1005DC (unspecified)"),
        "{}",
        run.stderr
    );
    let after = s.read(LEDGER);
    let again = revoke("00000000001005DC");
    again.ok();
    assert!(
        again
            .stderr
            .contains("serial 1005DC already revoked (unspecified, "),
        "{}",
        again.stderr
    );
    let refused = revoke("1F0000");
    assert!(
        refused.fails().starts_with(&format!(
            "error: serial 1F0000 is not recorded in {LEDGER} as issued by ca.pem\n"
        )),
        "{}",
        refused.stderr
    );
    assert_eq!(s.read(LEDGER), after);
    assert_both_modes_verify(&s, 3002);

    // Line 700 edited: the link of line 701 names it.
    let mut lines = lines_of(&s);
    lines[699] = with_other_serial(&lines[699]);
    write_lines(&s, &lines);
    let tampered = s.read(LEDGER);
    assert_eq!(
        revoke("10:05:dd").fails(),
        format!("{}\n", unsigned_at(700))
    );
    assert_eq!(s.read(LEDGER), tampered);
    assert_both_modes_refuse(&s, &unsigned_at(700));
}

#[test]
fn a_huge_garbage_tail_is_refused_naming_its_line_in_bounded_memory() {
    // Five lines, then NULs up to 512 MiB without a newline: a sparse file
    // (no disk used) that once had every reader hold it whole, and abort
    // when the allocation failed.
    const LEN: u64 = 512 << 20;
    let s = ledger_of_five();
    let ledger = std::fs::OpenOptions::new()
        .write(true)
        .open(s.path(LEDGER))
        .unwrap();
    ledger.set_len(LEN).unwrap();
    let json = leaf_json(&s, "f", "f.example.com");
    let ca = ca_args("ca");
    let sign = ["--profile", "server", "--ledger", LEDGER, &json];
    let commands = [
        with_ca("sign", &ca, &sign),
        vec!["ledger", "verify", "--ca", "ca.pem", LEDGER],
        vec![
            "ledger",
            "verify",
            "--every-signature",
            "--ca",
            "ca.pem",
            LEDGER,
        ],
        with_ca("crl", &ca, &["--ledger", LEDGER]),
        with_ca("revoke", &ca, &["--ledger", LEDGER, "--serial", "01"]),
    ];
    let refused = format!("error: {LEDGER}: line 6: not a ledger line: longer than 16777216 bytes");
    let bin = certsmith_bin();
    for args in commands {
        let timed = [&["-f", "%M", "-o", "rss.txt", bin.as_str()][..], &args].concat();
        let run = s.run("/usr/bin/time", &timed);
        assert_eq!(
            run.fails().lines().collect::<Vec<_>>(),
            [&refused],
            "{args:?}"
        );
        // Peak RSS in KiB (after time's note of the exit status): one
        // line's worth of buffers, not the file.
        let rss: u64 = s.read("rss.txt").lines().last().unwrap().parse().unwrap();
        assert!(rss < 100 << 10, "{args:?}: {rss} KiB");
    }
    assert_eq!(std::fs::metadata(s.path(LEDGER)).unwrap().len(), LEN);
    assert!(!s.exists("f.pem") && !s.exists("crl.pem"));
}
