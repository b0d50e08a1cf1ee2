//! The ledger file: a write-ahead log of JSON lines. Reading it (a regular
//! file or a link to one, never a FIFO or a directory), telling its counted
//! lines from a torn tail, and appending one line under an exclusive lock.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use base64::Engine;
use time::OffsetDateTime;

use super::{Appended, Entry, Event, sha256_hex};
use crate::keys::Signer;
use crate::note::Note;
use crate::x509::certificate::Certificate;
use crate::{Error, Result};

/// What every line certsmith writes starts with; a torn tail starts with
/// (a part of) it too.
const LINE_START: &[u8] = b"{\"entry\":{";

/// An append that stopped part-way: the start of a line, after the last
/// newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TornTail {
    /// Its number among the file's lines, counting from 1.
    pub(super) line: usize,
    /// Where it starts: the end of the last whole line.
    pub(super) offset: usize,
    /// How many bytes of the line were written.
    pub(super) len: usize,
}

impl TornTail {
    pub(super) fn note(&self, path: &Path, removed: bool) -> Note {
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
pub(super) fn committed(bytes: &[u8]) -> (&[u8], Option<TornTail>) {
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
pub(super) fn is_start_of_line(tail: &[u8]) -> bool {
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
pub(super) fn text_of<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
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

/// The lines that hold something, numbered from 1 as in the file, split as
/// every reader splits them (see [`line_bytes`]).
pub(super) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_terminator('\n')
        .map(|segment| &segment[..line_bytes(segment.as_bytes()).len()])
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !is_blank(l.as_bytes()))
}

/// A line as every reader and `append` see it, hash it and number it: the
/// bytes between two newlines (or after the last one) without the one `\r`
/// of a CRLF ending. The `\r` goes whether or not a `\n` follows: a CRLF
/// ledger that lost its final `\n` ends in `…}\r`, and once an append gives
/// that line its `\n` back the `\r` is a line ending, so it was one before
/// too (`str::lines` keeps it, and the line's hash then changed under it).
pub(super) fn line_bytes(segment: &[u8]) -> &[u8] {
    segment.strip_suffix(b"\r").unwrap_or(segment)
}

/// Whether a line holds nothing but whitespace (Unicode's, as `str::trim`
/// has it): such lines are numbered but not counted. Bytes that are not
/// UTF-8 are not blank; they are a line, refused as one.
pub(super) fn is_blank(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|text| text.trim().is_empty())
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

pub(super) fn check_kind(path: &Path) -> Result<()> {
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

/// A ledger opened for appending and read whole under its exclusive lock,
/// which closing the file releases.
pub(super) struct Locked<'a> {
    path: &'a Path,
    pub(super) file: File,
    pub(super) bytes: Vec<u8>,
}

impl<'a> Locked<'a> {
    pub(super) fn open(path: &'a Path) -> Result<Locked<'a>> {
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

    /// Appends one line per event, in order, each linked to the one before,
    /// in one write and one sync. The caller has checked the ledger.
    pub(super) fn append(
        &mut self,
        ca_cert: &Certificate,
        ca_key: &dyn Signer,
        events: Vec<Event>,
        now: OffsetDateTime,
    ) -> Result<Appended> {
        let path = self.path;
        let io = |source| Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        };
        let (counted, torn) = committed(&self.bytes);
        let text = text_of(path, counted)?;
        let (mut seq, mut prev) = {
            let lines: Vec<&str> = numbered_lines(text).map(|(_, l)| l).collect();
            (
                lines.len() as u64,
                lines.last().map(|l| sha256_hex(l.as_bytes())),
            )
        };
        let first_seq = seq + 1;
        let ca = sha256_hex(&ca_cert.der);
        let sig_alg = ca_key.signature_algorithm().oid.to_string();
        // A last line that lost only its newline gets it back, in the same write.
        let mut run = if text.is_empty() || text.ends_with('\n') {
            String::new()
        } else {
            "\n".to_string()
        };
        // Signed in order: each line's `prev` covers the signature of the
        // line before it.
        for event in events {
            seq += 1;
            let entry = Entry {
                seq,
                time: now,
                prev: prev.take(),
                ca: ca.clone(),
                sig_alg: sig_alg.clone(),
                event,
                line: 0,
            }
            .to_json();
            let sig =
                base64::engine::general_purpose::STANDARD.encode(ca_key.sign(entry.as_bytes())?);
            let line = format!("{{\"entry\":{entry},\"sig\":\"{sig}\"}}");
            prev = Some(sha256_hex(line.as_bytes()));
            run.push_str(&line);
            run.push('\n');
        }

        let mut notes = Vec::new();
        if let Some(torn) = torn {
            self.file.set_len(torn.offset as u64).map_err(io)?;
            self.file.sync_all().map_err(io)?;
            notes.push(torn.note(path, true));
        }
        let end = counted.len() as u64;
        if let Some(n) = crate::fault::short_write("ledger-append") {
            let _ = self.file.write_all(&run.as_bytes()[..n.min(run.len())]);
            std::process::abort();
        }
        // One write on an O_APPEND descriptor, then synced: the lines count
        // from here on.
        let written = self
            .file
            .write_all(run.as_bytes())
            .and_then(|()| self.file.sync_data());
        if let Err(source) = written {
            // A full disk stopped the write part-way: take the part back, so
            // the file is as it was (if that fails too, the next append does).
            let _ = self.file.set_len(end).and_then(|()| self.file.sync_all());
            return Err(io(source));
        }
        if end == 0 {
            // Makes a new ledger's name durable with its first line (best
            // effort: the lines themselves are synced).
            crate::files::sync_directory(crate::files::directory_of(path));
        }
        Ok(Appended {
            first_seq,
            seq,
            notes,
        })
    }
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

    fn lines(text: &str) -> Vec<(usize, &str)> {
        numbered_lines(text).collect()
    }

    #[test]
    fn a_crlf_ending_is_stripped_from_every_line_the_last_unterminated_one_included() {
        let want = vec![(1, "a"), (2, "b")];
        assert_eq!(lines("a\r\nb\r\n"), want);
        assert_eq!(lines("a\r\nb\r"), want);
        assert_eq!(lines("a\r\nb"), want);
        assert_eq!(lines("a\nb\n"), want);
        // One `\r` is the line ending; another is the line's own.
        assert_eq!(lines("a\r\r\nb\r\r"), vec![(1, "a\r"), (2, "b\r")]);
        assert_eq!(line_bytes(b"{}\r"), b"{}");
        assert_eq!(line_bytes(b"{}"), b"{}");
    }

    #[test]
    fn blank_lines_are_numbered_but_not_counted() {
        assert_eq!(
            lines("\n  \r\na\n\t\n\u{a0}\nb\n\n \r"),
            vec![(3, "a"), (6, "b")]
        );
        assert!(is_blank(b" \t\r"));
        assert!(!is_blank(b"\xFF"));
        assert!(!is_blank(b"\0"));
    }

    #[test]
    fn an_empty_ledger_or_one_of_blank_lines_has_no_lines() {
        assert_eq!(lines(""), vec![]);
        assert_eq!(lines("\n"), vec![]);
        assert_eq!(lines("\r\n \n\r"), vec![]);
    }
}
