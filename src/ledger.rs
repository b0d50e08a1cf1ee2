//! The issuance ledger: one JSON line per event (a certificate issued or
//! revoked, a CRL published), each carrying the SHA-256 of the line before it
//! and the CA's signature over its entry, so that the file can be checked
//! against the CA certificate alone. Appends take an exclusive file lock, so
//! `make -j` runs neither lose nor interleave lines.
//!
//! A line is `{"entry":{…},"sig":"<base64>"}`; the signature covers the exact
//! bytes of the `entry` object as written.
//!
//! The file is a write-ahead log: a line counts once it ends in a newline and
//! is synced, and a certificate is handed out only after that. An append
//! that stops part-way (a kill, a full disk) leaves the start of a line
//! without its newline, a torn tail: every reader skips it as an append that
//! never happened, and the next append removes it under the lock. Only the
//! start of a line is a torn tail; other bytes without a newline are read as
//! a line, and refused like any tampered one.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::ca::Issuer;
use crate::hex;
use crate::keys::PrivateKey;
use crate::note::Note;
use crate::time::rfc3339;
use crate::x509::certificate::{Certificate, parse_serial};
use crate::x509::crl::Reason;
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
    hex::sha256_lower(bytes)
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
    e.insert("is_ca".into(), json!(cert.is_ca()));
    e.insert("sha256".into(), json!(sha256_hex(&cert.der)));
    e
}

/// What every line certsmith writes starts with; a torn tail starts with
/// (a part of) it too.
const LINE_START: &[u8] = b"{\"entry\":{";

/// An append that stopped part-way: the start of a line, after the last
/// newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TornTail {
    /// Its number among the file's lines, counting from 1.
    line: usize,
    /// Where it starts: the end of the last whole line.
    offset: usize,
    /// How many bytes of the line were written.
    len: usize,
}

impl TornTail {
    fn note(&self, path: &Path, removed: bool) -> Note {
        let (ledger, line, bytes) = (path.display().to_string(), self.line, self.len);
        if removed {
            Note::LedgerInterruptedAppendRemoved {
                ledger,
                line,
                bytes,
            }
        } else {
            Note::LedgerInterruptedAppend {
                ledger,
                line,
                bytes,
            }
        }
    }
}

/// Splits a ledger's bytes into the part that counts and the torn tail
/// after it. The same rule holds for every reader and for `append`.
///
/// Every line that ends in a newline counts. The bytes after the last
/// newline are a torn tail when they are the start of a ledger line that
/// stops before its end (JSON that ends too soon): `append` writes a line and
/// its newline in one write and hands out nothing before that write is
/// synced, so such bytes record nothing anyone was told of.
///
/// A last line that is whole JSON and lacks only its newline is not torn: it
/// is read as a line, and counts if it verifies like any other. An append
/// that stopped one byte short leaves it (then the CA did sign what it
/// records, though nothing was handed out), and so does an editor or a copy
/// that dropped the final newline of a ledger whose last issuance was
/// reported. Keeping it loses nothing in either case; cutting it would lose
/// a reported issuance in the second. `append` gives it back its newline.
fn committed(bytes: &[u8]) -> (&[u8], Option<TornTail>) {
    let end = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let tail = &bytes[end..];
    if tail.is_empty() || !is_start_of_line(tail) {
        return (bytes, None);
    }
    let line = bytes[..end].iter().filter(|b| **b == b'\n').count() + 1;
    let torn = TornTail {
        line,
        offset: end,
        len: tail.len(),
    };
    (&bytes[..end], Some(torn))
}

/// Whether `tail` is the start of a ledger line and not a whole one.
fn is_start_of_line(tail: &[u8]) -> bool {
    let n = tail.len().min(LINE_START.len());
    if tail[..n] != LINE_START[..n] {
        return false;
    }
    // A write can stop inside a multi-byte character; only there may the
    // UTF-8 be incomplete.
    let text = match std::str::from_utf8(tail) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&tail[..e.valid_up_to()]).expect("valid up to there")
        }
        Err(_) => return false,
    };
    // serde_json escapes control characters: an append never wrote one raw.
    if text.bytes().any(|b| b < 0x20) {
        return false;
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => false,
        Err(e) => e.is_eof(),
    }
}

/// The ledger's counted bytes as text, or the line that is not UTF-8.
fn text_of<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::Ledger {
            path: path.to_path_buf(),
            line,
            reason: "not a ledger line: not UTF-8 text".into(),
        }
    })
}

/// The lines that hold something, numbered from 1 as in the file.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
}

/// Checks, before anything is issued, that `path` is a ledger this CA can
/// append to: absent or empty (a new ledger), or ending in a line the CA
/// signed whose sequence number counts the lines. A full check of every line
/// is `verify`'s job; this one reads the file but verifies one signature, so
/// that a garbage file, another CA's ledger or a directory fail before a
/// certificate is made rather than after. A torn tail does not count (see
/// [`committed`]). `ca_cert` None means a CA that does not exist yet
/// (initca): only a new ledger will do.
pub fn check_appendable(path: &Path, ca_cert: Option<&Certificate>) -> Result<()> {
    match read(path)? {
        None => Ok(()),
        Some(bytes) => check_tail(path, committed(&bytes).0, ca_cert),
    }
}

/// The bytes of the ledger at `path`, or None when there is none yet. A
/// ledger is a regular file or a link to one: a FIFO would hang every
/// reader, a directory cannot be one, and appending through a link to
/// nothing would start a new ledger wherever the link points (a stick that
/// is not mounted) instead of refusing.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>> {
    check_kind(path)?;
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        }),
        Ok(bytes) => Ok(Some(bytes)),
    }
}

fn check_kind(path: &Path) -> Result<()> {
    let refuse = |what: &str| Error::LedgerIo {
        path: path.to_path_buf(),
        source: std::io::Error::other(what.to_string()),
    };
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(target) if target.is_file() => Ok(()),
            Ok(_) => Err(refuse("a link to something that is not a regular file")),
            Err(_) => Err(refuse("a link to a file that is not there")),
        },
        Ok(m) if m.is_dir() => Err(refuse("a directory, not a ledger file")),
        Ok(_) => Err(refuse("not a regular file (a FIFO or a device)")),
    }
}

/// The checks of [`check_appendable`] on the counted bytes of a ledger.
fn check_tail(path: &Path, counted: &[u8], ca_cert: Option<&Certificate>) -> Result<()> {
    let bad = |line: usize, reason: String| Error::Ledger {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let lines: Vec<(usize, &str)> = numbered_lines(text_of(path, counted)?).collect();
    let Some(&(number, last)) = lines.last() else {
        return Ok(());
    };
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
    let signed =
        crate::x509::signature::verify_oid(spki, alg, line.entry.get().as_bytes(), &sig).is_ok();
    Ok((entry, signed))
}

/// What an append did.
#[derive(Debug)]
#[must_use = "an append's notes are for the person who ran it"]
pub struct Appended {
    /// The new entry's sequence number.
    pub seq: u64,
    /// An interrupted append that was removed first, if there was one.
    pub notes: Vec<Note>,
}

/// Appends an event, signed by the CA, under an exclusive lock, after
/// removing a torn tail. Returns once the line is synced: only then may what
/// it records be handed out.
pub fn append(
    path: &Path,
    ca_cert: &Certificate,
    ca_key: &PrivateKey,
    fields: Entry,
    now: OffsetDateTime,
) -> Result<Appended> {
    let mut ledger = Locked::open(path)?;
    // Checked again under the lock: another process may have written since.
    check_tail(path, committed(&ledger.bytes).0, Some(ca_cert))?;
    ledger.append(ca_cert, ca_key, fields, now)
}

/// Appends an event that depends on every entry before it (a CRL: its
/// number and the revocations it lists), all under one exclusive lock, so
/// that two runs cannot both read the same ledger and publish different CRLs
/// under one number. The whole ledger is verified under the lock and handed
/// to `decide`, which returns the event's fields and what the caller gets
/// back (the CRL), returned only once the line is synced.
pub fn append_with<T>(
    path: &Path,
    issuer: &Issuer,
    now: OffsetDateTime,
    decide: impl FnOnce(&[Entry]) -> Result<(Entry, T)>,
) -> Result<(T, Appended)> {
    let mut ledger = Locked::open(path)?;
    let entries = verify(path, &ledger.bytes, &issuer.cert, &issuer.cert_source)?.entries;
    check_tail(path, committed(&ledger.bytes).0, Some(&issuer.cert))?;
    let (fields, made) = decide(&entries)?;
    let appended = ledger.append(&issuer.cert, &issuer.key, fields, now)?;
    Ok((made, appended))
}

/// A ledger opened for appending and read whole under its exclusive lock,
/// which closing the file releases.
struct Locked<'a> {
    path: &'a Path,
    file: File,
    bytes: Vec<u8>,
}

impl<'a> Locked<'a> {
    fn open(path: &'a Path) -> Result<Locked<'a>> {
        let io = |source| Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        };
        check_kind(path)?;
        let mut options = OpenOptions::new();
        options.create(true).read(true).append(true);
        // A ledger is public record (it holds no secret): 0644 from the
        // moment it exists, never 0666 under a umask of 000 until a chmod...
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
        let mut file = options.open(path).map_err(io)?;
        // ...and 0644 whatever the umask (077 is common on CA hosts).
        #[cfg(unix)]
        if file.metadata().map_err(io)?.len() == 0 {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(io)?;
        }
        file.lock().map_err(io)?;
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.read_to_end(&mut bytes).map_err(io)?;
        Ok(Locked { path, file, bytes })
    }

    /// Appends one line for `fields`. The caller has checked the ledger.
    fn append(
        &mut self,
        ca_cert: &Certificate,
        ca_key: &PrivateKey,
        mut fields: Entry,
        now: OffsetDateTime,
    ) -> Result<Appended> {
        let path = self.path;
        let io = |source| Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        };
        let (counted, torn) = committed(&self.bytes);
        let text = text_of(path, counted)?;
        let lines: Vec<&str> = numbered_lines(text).map(|(_, l)| l).collect();
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
        let entry = serde_json::to_string(&fields).expect("a map serializes");
        let sig = base64::engine::general_purpose::STANDARD.encode(ca_key.sign(entry.as_bytes())?);
        // A last line that lost only its newline gets it back, in the same write.
        let lead = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        let line = format!("{lead}{{\"entry\":{entry},\"sig\":\"{sig}\"}}\n");

        let mut notes = Vec::new();
        if let Some(torn) = torn {
            self.file.set_len(torn.offset as u64).map_err(io)?;
            self.file.sync_all().map_err(io)?;
            notes.push(torn.note(path, true));
        }
        let end = counted.len() as u64;
        if let Some(n) = crate::fault::short_write("ledger-append") {
            let _ = self.file.write_all(&line.as_bytes()[..n.min(line.len())]);
            std::process::abort();
        }
        // One write on an O_APPEND descriptor, then synced: the line counts
        // from here on.
        let written = self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data());
        if let Err(source) = written {
            // A full disk stopped the write part-way: take the part back, so
            // the file is as it was (if that fails too, the next append does).
            let _ = self.file.set_len(end).and_then(|()| self.file.sync_all());
            return Err(io(source));
        }
        if end == 0 {
            // Makes a new ledger's name durable with its first line (best
            // effort: the line itself is synced).
            crate::files::sync_directory(crate::files::directory_of(path));
        }
        Ok(Appended { seq, notes })
    }
}

/// A ledger whose lines all verified against the CA.
#[derive(Debug)]
pub struct Verified {
    pub entries: Vec<Entry>,
    /// An interrupted append after the last line, if there is one.
    pub notes: Vec<Note>,
}

/// Checks every line's signature and hash link against `ca_cert`; returns
/// the entries, or names the first line that does not hold. A torn tail is
/// not a line (see [`committed`]): it comes back as a note.
pub fn verify(
    path: &Path,
    bytes: &[u8],
    ca_cert: &Certificate,
    ca_source: &str,
) -> Result<Verified> {
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
    let (counted, torn) = committed(bytes);
    let mut entries = Vec::new();
    let mut prev: Option<String> = None;
    for (number, raw) in numbered_lines(text_of(path, counted)?) {
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
    let notes = torn.map(|t| t.note(path, false)).into_iter().collect();
    Ok(Verified { entries, notes })
}

/// The outcome of [`revoke`].
#[derive(Debug)]
pub enum Revoked {
    /// The revocation is in the ledger now.
    Recorded(Appended),
    /// The ledger revoked the serial before, as it says; nothing was added.
    Already { reason: String, revoked_at: String },
}

/// How the caller knows that the CA issued the serial it revokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuance {
    /// Only the ledger says so: it must record the serial as issued, or a
    /// mistyped serial would be "revoked" while the real certificate stays
    /// valid.
    FromLedger,
    /// Known without the ledger: a certificate the CA signed was shown (see
    /// [`check_signed_by`]), or the operator vouches for a certificate issued
    /// before the ledger existed.
    Known,
}

/// Records in the ledger at `path` that `serial` is revoked, after checking
/// every line against the issuer: refused when the ledger must vouch for the
/// serial and does not record it as issued, and nothing added when it is
/// revoked already. Decided once on a plain read, so that a refusal creates
/// no ledger, and again under the lock, so that two runs revoking one serial
/// add one line.
pub fn revoke(
    path: &Path,
    issuer: &Issuer,
    serial: &[u8],
    reason: Reason,
    issuance: Issuance,
    now: OffsetDateTime,
) -> Result<Revoked> {
    let decide = |bytes: &[u8]| -> Result<Option<Revoked>> {
        let entries = verify(path, bytes, &issuer.cert, &issuer.cert_source)?.entries;
        let is = |event: &str, e: &&Entry| {
            e.get("event").and_then(Value::as_str) == Some(event)
                && e.get("serial")
                    .and_then(Value::as_str)
                    .and_then(parse_serial)
                    .as_deref()
                    == Some(serial)
        };
        if let Some(e) = entries.iter().find(|e| is("revoked", e)) {
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
            return Ok(Some(Revoked::Already {
                reason: text("reason"),
                revoked_at: text("revoked_at"),
            }));
        }
        if issuance == Issuance::FromLedger && !entries.iter().any(|e| is("issued", &e)) {
            return Err(Error::SerialNotIssued {
                serial: hex::serial(serial),
                ledger: path.to_path_buf(),
                ca: issuer.cert_source.clone(),
            });
        }
        Ok(None)
    };
    let bytes = read(path)?.unwrap_or_default();
    if let Some(already) = decide(&bytes)? {
        return Ok(already);
    }
    let mut ledger = Locked::open(path)?;
    if let Some(already) = decide(&ledger.bytes)? {
        return Ok(already);
    }
    check_tail(path, committed(&ledger.bytes).0, Some(&issuer.cert))?;
    let mut fields = Map::new();
    fields.insert("event".into(), json!("revoked"));
    fields.insert("serial".into(), json!(hex::serial(serial)));
    fields.insert("reason".into(), json!(reason.to_string()));
    fields.insert("revoked_at".into(), json!(rfc3339(now)));
    let appended = ledger.append(&issuer.cert, &issuer.key, fields, now)?;
    Ok(Revoked::Recorded(appended))
}

/// Checks that `ca` issued `cert`: its issuer name, and its signature under
/// the CA's key. The name alone proves nothing: any key can sign under any
/// name.
pub fn check_signed_by(
    cert: &Certificate,
    cert_source: &str,
    ca: &Certificate,
    ca_source: &str,
) -> Result<()> {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let not_issued = || Error::NotIssuedByCa {
        cert: cert_source.into(),
        ca: ca_source.into(),
    };
    if cert.issuer_der != ca.subject_der {
        return Err(not_issued());
    }
    fn parse<'d>(der: &'d [u8], source: &str) -> Result<X509Certificate<'d>> {
        X509Certificate::from_der(der)
            .map(|(_, c)| c)
            .map_err(|e| Error::CertificateParse {
                source: source.into(),
                reason: e.to_string(),
            })
    }
    let (child, parent) = (parse(&cert.der, cert_source)?, parse(&ca.der, ca_source)?);
    crate::x509::signature::verify(
        parent.public_key(),
        &child.signature_algorithm,
        child.tbs_certificate.as_ref(),
        &child.signature_value.data,
    )
    .map_err(|_| not_issued())
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

#[cfg(test)]
mod tests {
    use super::*;

    const WHOLE: &str = "{\"entry\":{\"seq\":1},\"sig\":\"AAAA\"}\n";

    fn split(bytes: &[u8]) -> (usize, Option<TornTail>) {
        let (counted, torn) = committed(bytes);
        (counted.len(), torn)
    }

    #[test]
    fn the_start_of_a_line_after_the_last_newline_is_a_torn_tail() {
        for tail in [
            &b"{"[..],
            b"{\"entr",
            b"{\"entry\":{",
            b"{\"entry\":{\"seq\":2,\"subject\":\"CN=caf\xC3",
            b"{\"entry\":{\"seq\":2},\"sig\":\"AAAA\"",
        ] {
            let bytes = [WHOLE.as_bytes(), tail].concat();
            let torn = TornTail {
                line: 2,
                offset: WHOLE.len(),
                len: tail.len(),
            };
            assert_eq!(
                split(&bytes),
                (WHOLE.len(), Some(torn)),
                "{}",
                String::from_utf8_lossy(tail)
            );
        }
        // The ledger's first append, interrupted.
        let torn = TornTail {
            line: 1,
            offset: 0,
            len: 5,
        };
        assert_eq!(split(b"{\"ent"), (0, Some(torn)));
    }

    #[test]
    fn other_bytes_after_the_last_newline_are_read_as_a_line() {
        for tail in [
            // Whole JSON that lost only its newline.
            &b"{\"entry\":{\"seq\":2},\"sig\":\"AAAA\"}"[..],
            b"issued: e.example.com",
            b"[[[[",
            b"{\"sig\":\"AAAA\"",
            // Not a cut character: invalid UTF-8 before the end.
            b"{\"entry\":{\"s\xFF\"",
            // A raw control character: JSON never holds one.
            b"{\"entry\":{\"s\x01",
            b"{\"entry\":{\"seq\":1}}}",
        ] {
            let bytes = [WHOLE.as_bytes(), tail].concat();
            assert_eq!(
                split(&bytes),
                (bytes.len(), None),
                "{}",
                String::from_utf8_lossy(tail)
            );
        }
        assert_eq!(split(WHOLE.as_bytes()), (WHOLE.len(), None));
        assert_eq!(split(b""), (0, None));
    }
}
