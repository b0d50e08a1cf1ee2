//! Reading a ledger back: every line's signature and hash link checked
//! against the CA, each entry typed, and the lighter check of the last line
//! and its link to the one before, which comes before an append.

use std::fs::File;
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::Entry;
use super::file::{LineAt, Tail, line_number};
#[cfg(test)]
use super::file::{committed, numbered_lines, text_of};
use super::sha256_hex;
#[cfg(test)]
use crate::note::Note;
use crate::x509::certificate::Certificate;
use crate::{Error, Result};

/// A line as written: `{"entry":{…},"sig":"<base64>"}`, with the exact
/// bytes of `entry` that the signature covers.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    entry: &'a RawValue,
    sig: String,
}

/// A ledger whose lines all verified against the CA.
#[derive(Debug)]
#[cfg(test)]
pub struct Verified {
    pub entries: Vec<Entry>,
    /// An interrupted append after the last line, if there is one.
    pub notes: Vec<Note>,
}

/// Checks every line's signature and hash link against `ca_cert`; returns
/// the entries, or names the first line that does not hold (a line the CA
/// signed that is not an entry included: nothing is skipped). A torn tail is
/// not a line (see `committed`): it comes back as a note. The reference
/// reader that `scan` is tested against, over a whole file in memory.
#[cfg(test)]
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
    let (counted, torn) = committed(bytes);
    let mut entries = Vec::new();
    let mut prev: Option<String> = None;
    for (number, raw) in numbered_lines(text_of(path, counted)?) {
        let (fields, signed) = read_line(raw, ca_cert).map_err(|r| bad(number, r))?;
        if !signed {
            return Err(bad(
                number,
                format!("signature does not verify against {ca_source}"),
            ));
        }
        let claimed = fields
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
        entries.push(Entry::from_map(fields, number).map_err(|r| bad(number, r))?);
    }
    let notes = torn.map(|t| t.note(path, false)).into_iter().collect();
    Ok(Verified { entries, notes })
}

/// What the next line of a ledger gets: its sequence number and the hash
/// of the line before it (None: it is the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Next {
    pub(super) seq: u64,
    pub(super) prev: Option<String>,
}

/// The checks of [`super::check_appendable`] on the end of a ledger, which
/// is all it reads (see `file::read_tail`): the last line that holds something
/// must be a line this CA signed, and linked to the line before it (or be
/// the first line). Returns what the next line links to. A message names
/// its line, counted in `file` only then.
pub(super) fn check_tail(
    path: &Path,
    file: &File,
    tail: &Tail,
    ca_cert: Option<&Certificate>,
) -> Result<Next> {
    let Some(last) = &tail.last else {
        return Ok(Next { seq: 1, prev: None });
    };
    let bad = |at: &LineAt, reason: &str| match line_number(file, at.offset) {
        Ok(line) => Error::Ledger {
            path: path.to_path_buf(),
            line,
            reason: reason.to_string(),
        },
        Err(source) => Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        },
    };
    let not_text = |at: &LineAt| bad(at, "not a ledger line: not UTF-8 text");
    // The earlier line first, as a read of the whole file found it.
    let before = match &tail.before {
        Some(b) => Some((b, std::str::from_utf8(&b.bytes).map_err(|_| not_text(b))?)),
        None => None,
    };
    let last_text = std::str::from_utf8(&last.bytes).map_err(|_| not_text(last))?;
    let Some(ca_cert) = ca_cert else {
        return Err(bad(
            last,
            "a new CA starts a new ledger, and this one already has entries",
        ));
    };
    let (fields, signed) = read_line(last_text, ca_cert).map_err(|r| bad(last, &r))?;
    if fields.get("ca").and_then(Value::as_str) != Some(&sha256_hex(&ca_cert.der)) {
        return Err(bad(last, "written by another CA"));
    }
    if !signed {
        return Err(bad(last, "its signature does not verify against the CA"));
    }
    let entry = Entry::from_map(fields, 0).map_err(|r| bad(last, &r))?;
    // The link to the line before replaces a count of every line: the first
    // line is number 1 and links to nothing, any other follows the number of
    // the line before it and carries its hash.
    let (seq_before, hash_before) = match before {
        None => (Some(0), None),
        Some((b, t)) => (seq_of(t), Some(sha256_hex(&b.bytes))),
    };
    if seq_before.is_some_and(|s| s.checked_add(1) != Some(entry.seq)) {
        return Err(bad(
            last,
            "its sequence number does not count the lines: lines were removed or added",
        ));
    }
    if entry.prev != hash_before {
        return Err(bad(
            last,
            "hash link broken: the line before it was changed, removed or reordered",
        ));
    }
    let seq = entry.seq.checked_add(1).ok_or_else(|| {
        bad(
            last,
            &format!("sequence number {} has no successor", entry.seq),
        )
    })?;
    Ok(Next {
        seq,
        prev: Some(sha256_hex(&last.bytes)),
    })
}

/// The sequence number of a ledger line, read without typing the rest; None
/// when the line has none.
fn seq_of(line: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct SeqOnly {
        entry: Seq,
    }
    #[derive(Deserialize)]
    struct Seq {
        seq: u64,
    }
    serde_json::from_str::<SeqOnly>(line)
        .ok()
        .map(|l| l.entry.seq)
}

/// A ledger line taken apart: its entry's members, and whether `spki`
/// signed them. They are typed only once the signature holds, so that a
/// tampered line is reported as tampered.
pub(super) fn read_line(
    raw: &str,
    ca_cert: &Certificate,
) -> std::result::Result<(Map<String, Value>, bool), String> {
    let line: Line<'_> =
        serde_json::from_str(raw).map_err(|e| format!("not a ledger line: {e}"))?;
    let fields: Map<String, Value> =
        serde_json::from_str(line.entry.get()).map_err(|e| format!("not a ledger line: {e}"))?;
    let sig = base64::engine::general_purpose::STANDARD
        .decode(&line.sig)
        .map_err(|_| "not a ledger line: `sig` is not base64".to_string())?;
    let alg = fields
        .get("sig_alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let signed = ca_cert
        .verify(alg, line.entry.get().as_bytes(), &sig)
        .is_ok();
    Ok((fields, signed))
}
