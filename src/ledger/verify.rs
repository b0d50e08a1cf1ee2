//! Reading a ledger back: every line's signature and hash link checked
//! against the CA, each entry typed, and the lighter check of the last line
//! that comes before an append.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::Entry;
use super::file::{committed, numbered_lines, text_of};
use super::sha256_hex;
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
pub struct Verified {
    pub entries: Vec<Entry>,
    /// An interrupted append after the last line, if there is one.
    pub notes: Vec<Note>,
}

/// Checks every line's signature and hash link against `ca_cert`; returns
/// the entries, or names the first line that does not hold (a line the CA
/// signed that is not an entry included: nothing is skipped). A torn tail is
/// not a line (see `committed`): it comes back as a note.
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

/// The checks of [`super::check_appendable`] on the counted bytes of a ledger.
pub(super) fn check_tail(path: &Path, counted: &[u8], ca_cert: Option<&Certificate>) -> Result<()> {
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
    let (fields, signed) = read_line(last, ca_cert).map_err(|r| bad(number, r))?;
    if fields.get("ca").and_then(Value::as_str) != Some(&sha256_hex(&ca_cert.der)) {
        return Err(bad(number, "written by another CA".into()));
    }
    if !signed {
        return Err(bad(
            number,
            "its signature does not verify against the CA".into(),
        ));
    }
    let entry = Entry::from_map(fields, number).map_err(|r| bad(number, r))?;
    if entry.seq != lines.len() as u64 {
        return Err(bad(
            number,
            "its sequence number does not count the lines: lines were removed or added".into(),
        ));
    }
    Ok(())
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
