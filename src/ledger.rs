//! The issuance ledger: one JSON line per event (a certificate issued or
//! revoked, a CRL published), each carrying the SHA-256 of the line before it
//! and the CA's signature over its entry, so that the file can be checked
//! against the CA certificate alone. Appends take an exclusive file lock, so
//! `make -j` runs neither lose nor interleave lines.
//!
//! A line is `{"entry":{…},"sig":"<base64>"}`; the signature covers the exact
//! bytes of the `entry` object as written.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use aws_lc_rs::digest;
use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::cert::{Certificate, hex};
use crate::issue::rfc3339;
use crate::keys::PrivateKey;
use crate::{Error, Result};

/// One verified ledger entry.
pub type Entry = Map<String, Value>;

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    entry: &'a RawValue,
    sig: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(digest::digest(&digest::SHA256, bytes).as_ref())
}

/// The fields of an "issued" event for `cert`.
pub fn issued(cert: &Certificate, profile: &str) -> Entry {
    let mut e = Map::new();
    e.insert("event".into(), json!("issued"));
    e.insert("serial".into(), json!(cert.serial_hex()));
    e.insert("subject".into(), json!(cert.subject_text()));
    e.insert(
        "sans".into(),
        json!(cert.sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
    );
    e.insert("profile".into(), json!(profile));
    e.insert("not_before".into(), json!(rfc3339(cert.not_before)));
    e.insert("not_after".into(), json!(rfc3339(cert.not_after)));
    e.insert("is_ca".into(), json!(cert.ca.is_some()));
    e.insert("sha256".into(), json!(sha256_hex(&cert.der)));
    e
}

/// Checks, before anything is issued, that `path` is a ledger this CA can
/// append to: absent or empty (a new ledger), or ending in a line the CA
/// signed whose sequence number counts the lines. A full check of every line
/// is `verify`'s job; this one reads the file but verifies one signature, so
/// that a garbage file, another CA's ledger or a directory fail before a
/// certificate is made rather than after. `ca_cert` None means a CA that does
/// not exist yet (initca): only a new ledger will do.
pub fn check_appendable(path: &Path, ca_cert: Option<&Certificate>) -> Result<()> {
    let text = match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::LedgerIo {
                path: path.to_path_buf(),
                source,
            });
        }
        Ok(bytes) => bytes,
    };
    check_tail(path, &text, ca_cert)
}

fn check_tail(path: &Path, bytes: &[u8], ca_cert: Option<&Certificate>) -> Result<()> {
    let bad = |line: usize, reason: String| Error::Ledger {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        bad(line, "not a ledger line: not UTF-8 text".into())
    })?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let Some(&(index, last)) = lines.last() else {
        return Ok(());
    };
    let number = index + 1;
    let Some(ca_cert) = ca_cert else {
        return Err(bad(
            number,
            "a new CA starts a new ledger, and this one already has entries".into(),
        ));
    };
    use x509_parser::prelude::FromDer;
    let (_, parsed) = x509_parser::prelude::X509Certificate::from_der(&ca_cert.der)
        .map_err(|e| bad(number, e.to_string()))?;
    let (entry, signed) = read_line(last, parsed.public_key()).map_err(|r| bad(number, r))?;
    if entry.get("ca").and_then(Value::as_str) != Some(&sha256_hex(&ca_cert.der)) {
        return Err(bad(number, "written by another CA".into()));
    }
    if !signed {
        return Err(bad(
            number,
            "its signature does not verify against the CA".into(),
        ));
    }
    if entry.get("seq").and_then(Value::as_u64) != Some(lines.len() as u64) {
        return Err(bad(
            number,
            "its sequence number does not count the lines: lines were removed or added".into(),
        ));
    }
    Ok(())
}

/// A ledger line taken apart: its entry, and whether `spki` signed it.
fn read_line(
    raw: &str,
    spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>,
) -> std::result::Result<(Entry, bool), String> {
    let line: Line<'_> =
        serde_json::from_str(raw).map_err(|e| format!("not a ledger line: {e}"))?;
    let entry: Entry =
        serde_json::from_str(line.entry.get()).map_err(|e| format!("not a ledger line: {e}"))?;
    let sig = base64::engine::general_purpose::STANDARD
        .decode(&line.sig)
        .map_err(|_| "not a ledger line: `sig` is not base64".to_string())?;
    let alg = entry
        .get("sig_alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let signed = crate::verify::verify_oid(spki, alg, line.entry.get().as_bytes(), &sig).is_ok();
    Ok((entry, signed))
}

/// Appends an event, signed by the CA, under an exclusive lock. Returns the
/// entry's sequence number.
pub fn append(
    path: &Path,
    ca_cert: &Certificate,
    ca_key: &PrivateKey,
    mut fields: Entry,
    now: OffsetDateTime,
) -> Result<u64> {
    let io = |source| Error::LedgerIo {
        path: path.to_path_buf(),
        source,
    };
    let mut file = OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .map_err(io)?;
    // A new ledger is public record, 0644 whatever the umask (it holds no secret).
    #[cfg(unix)]
    if file.metadata().map_err(io)?.len() == 0 {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io)?;
    }
    file.lock().map_err(io)?;
    let result = append_locked(&mut file, path, ca_cert, ca_key, &mut fields, now);
    let _ = file.unlock();
    result
}

fn append_locked(
    file: &mut File,
    path: &Path,
    ca_cert: &Certificate,
    ca_key: &PrivateKey,
    fields: &mut Entry,
    now: OffsetDateTime,
) -> Result<u64> {
    let io = |source| Error::LedgerIo {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.read_to_end(&mut bytes).map_err(io)?;
    // Checked again under the lock: another process may have written since.
    check_tail(path, &bytes, Some(ca_cert))?;
    let text = String::from_utf8(bytes).expect("check_tail checked UTF-8");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let prev = lines.last().map(|l| sha256_hex(l.as_bytes()));
    let seq = lines.len() as u64 + 1;
    fields.insert("seq".into(), json!(seq));
    fields.insert("time".into(), json!(rfc3339(now)));
    fields.insert("prev".into(), json!(prev));
    fields.insert("ca".into(), json!(sha256_hex(&ca_cert.der)));
    fields.insert(
        "sig_alg".into(),
        json!(ca_key.signature_algorithm().oid.to_string()),
    );
    let entry = serde_json::to_string(fields).expect("a map serializes");
    let sig = base64::engine::general_purpose::STANDARD.encode(ca_key.sign(entry.as_bytes())?);
    // A file that lost its last newline (an interrupted editor) still gets whole lines.
    let lead = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    file.write_all(format!("{lead}{{\"entry\":{entry},\"sig\":\"{sig}\"}}\n").as_bytes())
        .map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(seq)
}

/// Checks every line's signature and hash link against `ca_cert`; returns
/// the entries, or names the first line that does not hold.
pub fn verify(
    path: &Path,
    text: &str,
    ca_cert: &Certificate,
    ca_source: &str,
) -> Result<Vec<Entry>> {
    let bad = |line: usize, reason: String| Error::Ledger {
        path: PathBuf::from(path),
        line,
        reason,
    };
    use x509_parser::prelude::FromDer;
    let (_, parsed) =
        x509_parser::prelude::X509Certificate::from_der(&ca_cert.der).map_err(|e| {
            Error::CertificateParse {
                source: ca_source.into(),
                reason: e.to_string(),
            }
        })?;
    let spki = parsed.public_key();
    let mut entries = Vec::new();
    let mut prev: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let (entry, signed) = read_line(raw, spki).map_err(|r| bad(number, r))?;
        if !signed {
            return Err(bad(
                number,
                format!("signature does not verify against {ca_source}"),
            ));
        }
        let claimed = entry
            .get("prev")
            .and_then(Value::as_str)
            .map(str::to_string);
        if claimed != prev {
            return Err(bad(
                number,
                "hash link broken: the line before it was changed, removed or reordered".into(),
            ));
        }
        prev = Some(sha256_hex(raw.as_bytes()));
        entries.push(entry);
    }
    Ok(entries)
}

/// The number the next CRL gets: one more than the last one published.
pub fn next_crl_number(entries: &[Entry]) -> u64 {
    entries
        .iter()
        .filter(|e| e.get("event").and_then(Value::as_str) == Some("crl"))
        .filter_map(|e| e.get("crl_number").and_then(Value::as_u64))
        .max()
        .unwrap_or(0)
        + 1
}
