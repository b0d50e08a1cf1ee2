//! The ledger file: a write-ahead log of JSON lines. Reading it (a regular
//! file or a link to one, never a FIFO or a directory), telling its counted
//! lines from a torn tail, reading back only its end ([`read_tail`]: the
//! last two lines, whatever the ledger's length), and appending lines under
//! an exclusive lock.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::Path;

use base64::Engine;
use time::OffsetDateTime;

use super::verify::{Next, check_tail};
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
/// after it. This is the rule over a whole file in memory, kept for the
/// tests as the reference: [`read_tail`] applies it to the end of a file,
/// and `scan` to a stream, for every reader and for `append`.
#[cfg(test)]
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
#[cfg(test)]
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
#[cfg(test)]
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

/// The longest line a ledger may hold, in bytes (without its newline):
/// every reader refuses a longer one, naming its line, without reading the
/// rest of it, so that a file of garbage (a sparse tail of NULs, gigabytes
/// without a newline) costs a bounded read instead of memory for the whole
/// file. A line certsmith writes is about 650 bytes, plus about 33 bytes per
/// SAN (40 KB for 1,200 SANs): 16 MiB is room for half a million SANs, far
/// beyond any certificate a client accepts, and still a small allocation.
/// A torn tail is the start of a line, so it is bounded by the same length.
pub(super) const MAX_LINE: usize = 16 << 20;

/// The reason a line longer than [`MAX_LINE`] is refused with.
pub(super) fn too_long(max_line: usize) -> String {
    format!("not a ledger line: longer than {max_line} bytes")
}

/// How much of the end of a ledger [`read_tail`] reads first: two typical
/// lines are 1.3 KB.
const TAIL_WINDOW: u64 = 8 * 1024;

/// How much it reads at most at a time, when a line or a run of blank
/// lines is longer than that.
const TAIL_BLOCK_MAX: u64 = 1 << 20;

/// A line read back from the end of a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LineAt {
    /// Its bytes, as [`line_bytes`] gives them: what its hash covers.
    pub(super) bytes: Vec<u8>,
    /// Where it starts in the file; its number is counted from there, only
    /// when a message needs it ([`line_number`]).
    pub(super) offset: u64,
}

/// The end of a ledger: what an append links to and must check, read
/// without reading the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tail {
    /// Where the counted bytes end: the file's length, or where a torn
    /// tail starts. A full disk rolls an append back to here.
    pub(super) counted_end: u64,
    /// How many bytes a torn tail after `counted_end` holds, if there is one
    /// (see [`committed`]).
    pub(super) torn: Option<u64>,
    /// Whether the counted bytes end without a newline (a line that lost
    /// only its newline, or blanks after the last one): an append writes
    /// one first.
    pub(super) open_end: bool,
    /// The last line that holds something; None for a new ledger (empty,
    /// blank, or only a torn tail).
    pub(super) last: Option<LineAt>,
    /// The line that holds something before `last`; None when `last` is the
    /// first.
    pub(super) before: Option<LineAt>,
}

impl Tail {
    /// The torn tail with its line number, which takes counting the
    /// newlines before it: only for the note that reports it.
    pub(super) fn torn_tail(&self, file: &File) -> std::io::Result<Option<TornTail>> {
        let Some(len) = self.torn else {
            return Ok(None);
        };
        Ok(Some(TornTail {
            line: line_number(file, self.counted_end)?,
            offset: to_usize(self.counted_end)?,
            len: to_usize(len)?,
        }))
    }
}

/// A line longer than the longest a ledger may hold, found reading back:
/// `at` is one of its bytes, which is all its number takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LongLine {
    pub(super) at: u64,
}

/// Reads the end of the ledger `file` at `path`: its torn tail if there is
/// one, and the last two lines that hold something, split and skipped
/// exactly as [`committed`] and [`numbered_lines`] would over the whole
/// file. It reads back from the end 8 KiB at a time, then more (up to 1
/// MiB) while a line it needs starts further back, and holds one line and
/// one block at most: a line longer than [`MAX_LINE`] is refused, naming
/// it, as soon as that many bytes were read back without finding its start.
/// It takes no lock; a caller that needs one holds it.
pub(super) fn read_tail(path: &Path, file: &File) -> Result<Tail> {
    let io = |source| Error::LedgerIo {
        path: path.to_path_buf(),
        source,
    };
    match read_tail_from(file, TAIL_WINDOW, MAX_LINE).map_err(io)? {
        Ok(tail) => Ok(tail),
        Err(long) => Err(Error::Ledger {
            path: path.to_path_buf(),
            line: line_number(file, long.at).map_err(io)?,
            reason: too_long(MAX_LINE),
        }),
    }
}

fn read_tail_from(
    file: &File,
    window: u64,
    max_line: usize,
) -> std::io::Result<std::result::Result<Tail, LongLine>> {
    loop {
        let len = file.metadata()?.len();
        let mut back = Backward {
            file,
            block: window.max(1),
            max_line,
            at: len,
            buf: Vec::new(),
        };
        match tail_of(&mut back, len) {
            // Shorter than it was (an unlocked reader, and another process
            // removed a torn tail): read its new end.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => continue,
            read => return read,
        }
    }
}

/// The [`Tail`] of a file of `len` bytes, read back through `back`.
fn tail_of(back: &mut Backward, len: u64) -> std::io::Result<std::result::Result<Tail, LongLine>> {
    // The bytes after the last newline: a torn tail or (part of) a line.
    let (begin, rest) = match back.line_ending_at(len)? {
        Ok(found) => found,
        Err(long) => return Ok(Err(long)),
    };
    let torn = (!rest.is_empty() && is_start_of_line(rest)).then_some(rest.len() as u64);
    let mut tail = Tail {
        counted_end: if torn.is_some() { begin } else { len },
        torn,
        open_end: torn.is_none() && !rest.is_empty(),
        last: None,
        before: None,
    };
    // Walk back over the counted lines, the last one with or without its
    // newline, until two hold something or the file starts.
    let mut end = tail.counted_end;
    while tail.before.is_none() && end > 0 {
        let content_end = if back.newline_before(end) {
            end - 1
        } else {
            end
        };
        let (begin, line) = match back.line_ending_at(content_end)? {
            Ok(found) => found,
            Err(long) => return Ok(Err(long)),
        };
        let line = line_bytes(line);
        if !is_blank(line) {
            let found = Some(LineAt {
                bytes: line.to_vec(),
                offset: begin,
            });
            if tail.last.is_none() {
                tail.last = found;
            } else {
                tail.before = found;
            }
        }
        end = begin;
    }
    Ok(Ok(tail))
}

/// A file read backward from its end, one line at a time, holding only the
/// bytes from the start of the line being read to the end of the line
/// read before it, plus a block.
struct Backward<'f> {
    file: &'f File,
    /// How much the next read reads: it grows four times at each read, up
    /// to [`TAIL_BLOCK_MAX`], so that a long line is read in few reads.
    block: u64,
    max_line: usize,
    /// The bytes of the file from `at` on that are held.
    at: u64,
    buf: Vec<u8>,
}

impl Backward<'_> {
    /// Whether the byte before `end`, which is held, is a newline.
    fn newline_before(&self, end: u64) -> bool {
        self.buf[(end - self.at - 1) as usize] == b'\n'
    }

    /// The line that ends at `end` (the offset of its newline, or of the
    /// end of the file), at or before the end of the line asked for
    /// before: where it starts and its bytes, without its newline. A line
    /// longer than `max_line` is refused once that many bytes of it are held.
    fn line_ending_at(
        &mut self,
        end: u64,
    ) -> std::io::Result<std::result::Result<(u64, &[u8]), LongLine>> {
        self.buf.truncate(to_usize(end - self.at)?);
        let begin = loop {
            if let Some(i) = memchr::memrchr(b'\n', &self.buf) {
                break self.at + i as u64 + 1;
            }
            if self.at == 0 {
                break 0;
            }
            if self.buf.len() > self.max_line {
                return Ok(Err(LongLine { at: self.at }));
            }
            let n = self.block.min(self.at);
            let mut bytes = vec![0; to_usize(n)?];
            self.file.read_exact_at(&mut bytes, self.at - n)?;
            bytes.extend_from_slice(&self.buf);
            self.buf = bytes;
            self.at -= n;
            self.block = self.block.saturating_mul(4).min(TAIL_BLOCK_MAX).max(n);
        };
        let line = &self.buf[to_usize(begin - self.at)?..];
        if line.len() > self.max_line {
            return Ok(Err(LongLine { at: begin }));
        }
        Ok(Ok((begin, line)))
    }
}

/// The number, counting from 1, of the line that starts at `offset`: one
/// more than the newlines before it. It streams the file and holds none of
/// it; a message that names a line is the only reason to pay for it. Holes
/// of a sparse file are skipped: they hold NULs, never a newline, and a
/// garbage tail of `truncate -s +3G` is counted in no time.
pub(super) fn line_number(file: &File, offset: u64) -> std::io::Result<usize> {
    let mut buf = vec![0; 256 * 1024];
    let (mut at, mut newlines) = (0, 0);
    while at < offset {
        // Moves the file's position, which no reader relies on: each seeks
        // or reads at an offset first.
        #[cfg(any(target_os = "linux", target_os = "android"))]
        match rustix::fs::seek(file, rustix::fs::SeekFrom::Data(at)) {
            Ok(data) => at = data.min(offset),
            // Only a hole from here to the end.
            Err(rustix::io::Errno::NXIO) => break,
            // A file system without SEEK_DATA: every byte is read.
            Err(_) => {}
        }
        if at >= offset {
            break;
        }
        let want = to_usize((offset - at).min(buf.len() as u64))?;
        let n = file.read_at(&mut buf[..want], at)?;
        if n == 0 {
            break;
        }
        newlines += memchr::memchr_iter(b'\n', &buf[..n]).count();
        at += n as u64;
    }
    Ok(newlines + 1)
}

fn to_usize(n: u64) -> std::io::Result<usize> {
    usize::try_from(n).map_err(|_| std::io::Error::from(std::io::ErrorKind::FileTooLarge))
}

/// The bytes of the ledger at `path`, or None when there is none yet. A
/// ledger is a regular file or a link to one: a FIFO would hang every
/// reader, a directory cannot be one, and appending through a link to
/// nothing would start a new ledger wherever the link points (a stick that
/// is not mounted) instead of refusing. Whole, for the tests' reference
/// reader: every other reader streams.
#[cfg(test)]
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

/// The ledger at `path` opened for reading, or None when there is none yet;
/// refused as [`read`] refuses it when it is not a regular file.
pub(super) fn open(path: &Path) -> Result<Option<File>> {
    check_kind(path)?;
    match File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        }),
        Ok(file) => Ok(Some(file)),
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

/// A ledger opened for appending under its exclusive lock, which closing
/// the file releases. Opening it reads nothing: [`Locked::append`] reads
/// the end it needs, and a caller that needs every line reads them from
/// `file` (`scan::scan_file`).
pub(super) struct Locked<'a> {
    path: &'a Path,
    pub(super) file: File,
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
        let file = options.open(path).map_err(io)?;
        // ...and 0644 whatever the umask (077 is common on CA hosts).
        #[cfg(unix)]
        if file.metadata().map_err(io)?.len() == 0 {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(io)?;
        }
        file.lock().map_err(io)?;
        Ok(Locked { path, file })
    }

    /// Reads the ledger's end under the lock and makes every check of
    /// [`check_tail`] on it: what the next line links to.
    pub(super) fn check(&self, ca_cert: &Certificate) -> Result<(Tail, Next)> {
        let tail = read_tail(self.path, &self.file)?;
        let next = check_tail(self.path, &self.file, &tail, Some(ca_cert))?;
        Ok((tail, next))
    }

    /// Appends one line per event, in order, each linked to the one before,
    /// in one write and one sync, after checking the ledger's end under the
    /// lock (another process may have written since any earlier check) and
    /// removing a torn tail. It reads the end of the file only, so its cost
    /// does not grow with the ledger.
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
        let (tail, next) = self.check(ca_cert)?;
        let first_seq = next.seq;
        let (mut seq, mut prev) = (first_seq - 1, next.prev);
        let ca = sha256_hex(&ca_cert.der);
        let sig_alg = ca_key.signature_algorithm().oid.to_string();
        // A last line that lost only its newline gets it back, in the same write.
        let mut run = if tail.open_end {
            "\n".to_string()
        } else {
            String::new()
        };
        // Signed in order: each line's `prev` covers the signature of the
        // line before it.
        for event in events {
            // Only a line the CA signed can bring the count this far.
            seq = seq.checked_add(1).ok_or_else(|| Error::Ledger {
                path: path.to_path_buf(),
                line: line_number(&self.file, tail.counted_end).unwrap_or_default(),
                reason: format!("sequence number {seq} has no successor"),
            })?;
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
        if let Some(torn) = tail.torn_tail(&self.file).map_err(io)? {
            self.file.set_len(tail.counted_end).map_err(io)?;
            self.file.sync_all().map_err(io)?;
            notes.push(torn.note(path, true));
        }
        let end = tail.counted_end;
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

    /// The `Tail` of a file holding `bytes`, checked to be the same whatever
    /// the first window (one byte, every size up to the file, the default):
    /// growing the window never changes what is found.
    fn tail(bytes: &[u8]) -> (Tail, File) {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        let tail = read_tail(Path::new("ledger.jsonl"), &file).unwrap();
        for window in 1..=bytes.len() as u64 + 1 {
            assert_eq!(
                read_tail_from(&file, window, MAX_LINE).unwrap(),
                Ok(tail.clone()),
                "window {window}"
            );
        }
        (tail, file)
    }

    /// What the tail reader finds in `bytes` when a line may hold at most
    /// `max_line` bytes, the same whatever the first window: the tail, or
    /// the number of the line that is too long.
    fn tail_within(bytes: &[u8], max_line: usize) -> std::result::Result<Tail, usize> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        let read = |window| {
            read_tail_from(&file, window, max_line)
                .unwrap()
                .map_err(|long| line_number(&file, long.at).unwrap())
        };
        let found = read(TAIL_WINDOW);
        for window in 1..=bytes.len() as u64 + 1 {
            assert_eq!(read(window), found, "window {window}");
        }
        found
    }

    #[test]
    fn a_line_longer_than_the_longest_is_refused_wherever_the_tail_reader_needs_it() {
        let max = SECOND.len();
        let long = format!(
            r#"{{"entry":{{"seq":2,"s":"{}"}},"sig":"BBBB"}}"#,
            "x".repeat(max)
        );
        let whole = WHOLE.as_bytes();
        let refused = |bytes: &[u8]| tail_within(bytes, max).err();
        // After the last newline: a line that lost its newline, or the
        // start of one (too long to be a torn tail), or bytes that are no
        // line at all.
        assert_eq!(refused(&[whole, long.as_bytes()].concat()), Some(2));
        let start = &long.as_bytes()[..long.len() - 2];
        assert_eq!(refused(&[whole, start].concat()), Some(2));
        assert_eq!(
            refused(&[whole, whole, &vec![0; 3 * max]].concat()),
            Some(3)
        );
        // The last line, and the line before it.
        assert_eq!(refused(format!("{WHOLE}{long}\n").as_bytes()), Some(2));
        assert_eq!(refused(format!("{long}\n{SECOND}\n").as_bytes()), Some(1));
        assert_eq!(
            refused(format!("{WHOLE}{long}\n\n \n{SECOND}\n").as_bytes()),
            Some(2)
        );
        // A line further back is not read.
        let (w, l) = (WHOLE.len(), long.len());
        let t = tail_within(format!("{long}\n{WHOLE}{SECOND}\n").as_bytes(), max).unwrap();
        assert_eq!(t.last, line_at(SECOND.as_bytes(), l + 1 + w));
        // A line of exactly the longest length, and a torn tail of it.
        let exact = tail_within(format!("{WHOLE}{SECOND}\n").as_bytes(), max).unwrap();
        assert_eq!(exact.last, line_at(SECOND.as_bytes(), w));
        let torn = &long.as_bytes()[..max];
        let t = tail_within(&[whole, torn].concat(), max).unwrap();
        assert_eq!((t.torn, t.counted_end), (Some(max as u64), w as u64));
        assert_eq!(refused(&long.as_bytes()[..max + 1]), Some(1));
        // Blank lines are each a line: a run of them longer than the
        // longest line is walked over.
        let blanks = format!("{WHOLE}{SECOND}\n{}", "\n".repeat(10 * max));
        let t = tail_within(blanks.as_bytes(), max).unwrap();
        assert_eq!(t.last, line_at(SECOND.as_bytes(), w));
        assert_eq!(t.before, line_at(WHOLE.trim_end().as_bytes(), 0));
    }

    #[test]
    fn a_sparse_garbage_tail_is_refused_naming_its_line_after_a_bounded_read() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(format!("{WHOLE}{WHOLE}").as_bytes())
            .unwrap();
        // NULs without a newline, four times the longest line; sparse, so
        // no disk is used.
        file.set_len(4 * MAX_LINE as u64).unwrap();
        match read_tail(Path::new("l.jsonl"), &file) {
            Err(Error::Ledger { line, reason, .. }) => {
                assert_eq!((line, reason), (3, too_long(MAX_LINE)));
            }
            other => panic!("{other:?}"),
        }
    }

    fn line_at(bytes: &[u8], offset: usize) -> Option<LineAt> {
        Some(LineAt {
            bytes: bytes.to_vec(),
            offset: offset as u64,
        })
    }

    const SECOND: &str = "{\"entry\":{\"seq\":2},\"sig\":\"BBBB\"}";

    #[test]
    fn an_empty_or_blank_ledger_has_no_last_line() {
        let (empty, _) = tail(b"");
        assert_eq!(
            empty,
            Tail {
                counted_end: 0,
                torn: None,
                open_end: false,
                last: None,
                before: None
            }
        );
        let blank = b"\n  \n\t\r\n\r\n";
        let (t, _) = tail(blank);
        assert_eq!((t.last, t.before), (None, None));
        assert_eq!(
            (t.counted_end, t.torn, t.open_end),
            (blank.len() as u64, None, false)
        );
        // Blanks after the last newline are not torn: the append ends them.
        let (t, _) = tail(b"\n  ");
        assert_eq!((t.last, t.counted_end, t.open_end), (None, 3, true));
    }

    #[test]
    fn only_a_torn_tail_is_a_new_ledger_whose_first_append_was_interrupted() {
        let (t, file) = tail(b"{\"ent");
        assert_eq!((&t.last, t.counted_end, t.torn), (&None, 0, Some(5)));
        let torn = TornTail {
            line: 1,
            offset: 0,
            len: 5,
        };
        assert_eq!(t.torn_tail(&file).unwrap(), Some(torn));
    }

    #[test]
    fn a_single_line_with_or_without_its_newline_is_the_last_and_first() {
        let line = &WHOLE.as_bytes()[..WHOLE.len() - 1];
        for (bytes, open_end) in [(WHOLE.as_bytes(), false), (line, true)] {
            let (t, file) = tail(bytes);
            assert_eq!(t.last, line_at(line, 0));
            assert_eq!(t.before, None);
            assert_eq!(
                (t.counted_end, t.torn, t.open_end),
                (bytes.len() as u64, None, open_end)
            );
            assert_eq!(t.torn_tail(&file).unwrap(), None);
        }
    }

    #[test]
    fn whole_json_without_a_newline_is_the_last_line_and_gets_one() {
        let bytes = format!("{WHOLE}{SECOND}");
        let (t, _) = tail(bytes.as_bytes());
        assert_eq!(t.last, line_at(SECOND.as_bytes(), WHOLE.len()));
        assert_eq!(t.before, line_at(WHOLE.trim_end().as_bytes(), 0));
        assert_eq!(
            (t.counted_end, t.torn, t.open_end),
            (bytes.len() as u64, None, true)
        );
    }

    #[test]
    fn the_start_of_a_line_without_a_newline_is_torn_and_the_line_before_is_last() {
        let torn = b"{\"entry\":{\"seq\":3,\"subject\":\"CN=caf\xC3";
        let whole = format!("{WHOLE}\n{SECOND}\n");
        let bytes = [whole.as_bytes(), torn].concat();
        let (t, file) = tail(&bytes);
        assert_eq!(t.last, line_at(SECOND.as_bytes(), WHOLE.len() + 1));
        assert_eq!(t.before, line_at(WHOLE.trim_end().as_bytes(), 0));
        assert_eq!(t.counted_end, whole.len() as u64);
        assert_eq!((t.torn, t.open_end), (Some(torn.len() as u64), false));
        let torn = TornTail {
            line: 4,
            offset: whole.len(),
            len: torn.len(),
        };
        assert_eq!(t.torn_tail(&file).unwrap(), Some(torn));
    }

    #[test]
    fn crlf_endings_are_stripped_from_the_last_two_lines_the_unterminated_one_included() {
        let first = WHOLE.trim_end();
        for (bytes, open_end) in [
            (format!("{first}\r\n{SECOND}\r\n"), false),
            (format!("{first}\r\n{SECOND}\r"), true),
            (format!("{first}\r\n\r\n{SECOND}\r\n \r\n"), false),
        ] {
            let (t, _) = tail(bytes.as_bytes());
            let offset = bytes.find(SECOND).unwrap();
            assert_eq!(t.last, line_at(SECOND.as_bytes(), offset), "{bytes:?}");
            assert_eq!(t.before, line_at(first.as_bytes(), 0), "{bytes:?}");
            assert_eq!(t.open_end, open_end, "{bytes:?}");
        }
    }

    #[test]
    fn a_last_line_longer_than_the_window_is_read_whole() {
        // 40 KB of SANs: five windows of 8 KiB, read in three reads.
        let sans = vec!["\"a-long-name.example.com\""; 1600].join(",");
        let long = format!("{{\"entry\":{{\"seq\":2,\"sans\":[{sans}]}},\"sig\":\"BBBB\"}}");
        assert!(long.len() as u64 > 4 * TAIL_WINDOW);
        for before in ["", WHOLE] {
            let bytes = format!("{before}{long}\n");
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(bytes.as_bytes()).unwrap();
            let t = read_tail(Path::new("l.jsonl"), &file).unwrap();
            assert_eq!(t.last, line_at(long.as_bytes(), before.len()));
            let first = (!before.is_empty()).then(|| before.trim_end().as_bytes());
            assert_eq!(t.before, first.and_then(|b| line_at(b, 0)));
        }
        // And a long line before a short last one.
        let bytes = format!("{long}\n{SECOND}\n");
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes.as_bytes()).unwrap();
        let t = read_tail(Path::new("l.jsonl"), &file).unwrap();
        assert_eq!(t.last, line_at(SECOND.as_bytes(), long.len() + 1));
        assert_eq!(t.before, line_at(long.as_bytes(), 0));
    }

    #[test]
    fn bytes_that_are_not_utf8_in_the_last_two_lines_are_refused_naming_their_line() {
        let path = Path::new("ledger.jsonl");
        let refused = |bytes: &[u8]| {
            let (t, file) = tail(bytes);
            match check_tail(path, &file, &t, None) {
                Err(Error::Ledger { line, reason, .. }) => (line, reason),
                other => panic!("{other:?}"),
            }
        };
        let not_text = "not a ledger line: not UTF-8 text".to_string();
        let bad = b"{\"entry\":{\"s\xFF\"}}";
        let whole = WHOLE.as_bytes();
        assert_eq!(
            refused(&[whole, bad, b"\n"].concat()),
            (2, not_text.clone())
        );
        assert_eq!(refused(&[whole, bad].concat()), (2, not_text.clone()));
        assert_eq!(
            refused(&[whole, bad, b"\n\n", SECOND.as_bytes(), b"\n"].concat()),
            (2, not_text.clone())
        );
        // Only the last two lines are read: further back is `verify`'s to find.
        assert_eq!(
            refused(&[&bad[..], b"\n", whole, SECOND.as_bytes()].concat()).1,
            "a new CA starts a new ledger, and this one already has entries"
        );
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
