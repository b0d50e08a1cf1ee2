//! Reading a whole ledger as a stream, in linear time and bounded memory:
//! what `ledger verify`, `crl` and `revoke` check a ledger with.
//!
//! **What proves what.** Each line's `prev` is the SHA-256 of the whole line
//! before it, its `sig` included, and the CA signs each line's `entry`, which
//! holds that `prev`. So the hash links alone tie every line's exact bytes to
//! the last line, and one signature on the last line (plus one on the first,
//! so that a ledger checked against the wrong CA fails at line 1) proves the
//! CA committed to all of them: [`Mode::Links`]. What it does not prove is
//! that the CA's key signed each middle line itself rather than a later line
//! committing to it; certsmith checks the last line's signature before every
//! append, so only a line another tool wrote can differ, and
//! [`Mode::EverySignature`] checks every signature for that audit. Neither
//! mode sees whole lines cut off the end: what is left is a ledger the CA
//! signed, ending earlier. Only a count or last line kept elsewhere shows it.
//!
//! **Messages.** A refusal names the line that `verify` names, with its
//! words, built through the same code (`verify::read_line`): when a line
//! fails, the line before it has its signature checked first, then the line
//! itself is checked as `verify` checks it (parse, base64, signature, link,
//! type). The one difference: an edited line whose next line's `prev` was
//! forged to match is named at the first line whose link or signature
//! fails, the next line or the last one, not at itself. Both refuse. Bytes
//! that are not UTF-8 anywhere in the counted lines are named before any
//! other problem, as `verify` does.
//!
//! **Threads.** A reader reads blocks of [`CHUNK`] bytes cut after their last
//! newline; workers (one per core) split, parse, hash, link and type the
//! lines of a block; the caller's thread puts the blocks back in order,
//! links each block's first line to the line before it, and hands the
//! entries `keep` selects to `each`, in file order. Blocks come from a fixed
//! pool of buffers that the merger hands back, so memory stays bounded
//! whatever the ledger's length (a few MiB) and nothing holds the entries.
//! A line longer than a block is read whole, up to [`MAX_LINE`] bytes: past
//! that the reader sends only its start, which the workers refuse at its
//! line, and reads no further.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, Mutex, mpsc};

use aws_lc_rs::digest;
use aws_lc_rs::signature::ParsedPublicKey;
use base64::Engine;
use memchr::memmem::Finder;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::Entry;
use super::file::{MAX_LINE, TornTail, check_kind, is_start_of_line, too_long};
use super::verify::read_line;
use crate::note::Note;
use crate::x509::certificate::Certificate;
use crate::x509::oid::ObjectIdentifier;
use crate::x509::signature::SignatureAlgorithm;
use crate::{Error, Result};

/// The size of the blocks the reader hands to the workers: large enough
/// that a block costs far more than passing it on, small enough that a
/// handful in flight stay a few MiB.
const CHUNK: usize = 1 << 20;

const LINK_BROKEN: &str = "hash link broken: the line before it was changed, removed or reordered";

/// Which signatures a scan checks, and which lines it types; every mode
/// checks every hash link.
#[derive(Clone, Copy)]
pub enum Mode<'a> {
    /// Every link, and the signatures of the first and the last line: the
    /// links carry the last signature back to every line (see the module
    /// doc). Every line is parsed and typed as an entry. Linear in the
    /// ledger's bytes, a few µs a line.
    Links,
    /// Every line's signature too, checked by the workers in parallel:
    /// proof that the CA's key signed each line itself, at about 70 µs a
    /// line (a minute per million lines on two cores).
    EverySignature,
    /// As [`Mode::Links`], but a line is parsed and typed only when the
    /// serial it records is one the function picks; the others are found by
    /// their `"prev":` and `"serial":` members and hashed, which proves their
    /// bytes (they are linked) but not that they are entries. A line not in
    /// the shape certsmith writes is parsed and typed as in `Links`. For the
    /// issued-serial check of `revoke`: a third of the cost.
    Serial(&'a (dyn Fn(&str) -> bool + Sync)),
}

impl std::fmt::Debug for Mode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mode::Links => "Links",
            Mode::EverySignature => "EverySignature",
            Mode::Serial(_) => "Serial",
        })
    }
}

/// What a scan found.
#[derive(Debug)]
#[must_use = "a scan's notes are for the person who ran it"]
pub struct Scanned {
    /// The lines that hold an entry (blank lines are not counted).
    pub entries: u64,
    /// An interrupted append after the last line, if there is one.
    pub notes: Vec<Note>,
    /// Where the scan stopped: what a later scan resumes from.
    pub(super) chain: Chain,
}

/// Where a scan has got to: the lines read and the last that holds an
/// entry. A scan resumes from here.
#[derive(Debug, Clone, Default)]
pub(super) struct Chain {
    /// The lines read, blank ones included: the number of the last one.
    lines: usize,
    /// The lines that hold an entry.
    entries: u64,
    /// The last of them.
    last: Option<LastLine>,
}

/// The last line that holds an entry, as read.
#[derive(Debug, Clone)]
pub(super) struct LastLine {
    /// Its number in the file.
    number: usize,
    /// Where it starts in the file, and where it ends (after its newline,
    /// when it has one).
    offset: u64,
    end: u64,
    /// Its text without the line ending: what the next line's `prev` hashes.
    text: String,
    hash: [u8; 32],
    /// Whether a newline ends it: an append writes the missing one first.
    terminated: bool,
    /// Whether its signature was checked.
    signed: bool,
}

/// Reads the ledger at `path` from its first line to its last, checking it
/// against `ca` as `mode` says, and hands each entry that `keep` selects to
/// `each`, in file order, with its line number. `None` when there is no
/// file. The first problem is an error naming its line (see the module doc),
/// and `each` may stop the scan with an error of its own; entries handed to
/// `each` before an error count for nothing.
pub fn scan(
    path: &Path,
    ca: &Certificate,
    ca_source: &str,
    mode: Mode,
    keep: impl Fn(&Entry) -> bool + Sync,
    each: impl FnMut(Entry) -> Result<()>,
) -> Result<Option<Scanned>> {
    check_kind(path)?;
    let file = match File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::LedgerIo {
                path: path.to_path_buf(),
                source,
            });
        }
        Ok(file) => file,
    };
    scan_file(
        path,
        &file,
        Resume::default(),
        ca,
        ca_source,
        mode,
        keep,
        each,
    )
    .map(Some)
}

/// [`scan`] of the ledger at `path`, open as `file` (locked, when the
/// caller appends after it), from `resume`: from where an earlier scan
/// stopped, so that only the lines added since are read, or from the start.
#[allow(clippy::too_many_arguments)]
pub(super) fn scan_file(
    path: &Path,
    file: &File,
    resume: Resume,
    ca: &Certificate,
    ca_source: &str,
    mode: Mode,
    keep: impl Fn(&Entry) -> bool + Sync,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<Scanned> {
    let scanner = Scanner {
        path,
        ca,
        ca_source,
        mode,
        keep: &keep,
        chunk: CHUNK,
        max_line: MAX_LINE,
    };
    scanner.run(file, resume, &mut each)
}

/// Where a scan starts: the start of the file, or after the last line an
/// earlier scan counted.
#[derive(Debug, Default)]
pub(super) struct Resume {
    from: u64,
    chain: Chain,
}

impl Scanned {
    /// Where a scan of this ledger, open again as `file`, resumes: after
    /// the last line this scan counted, when the file still holds that line
    /// byte for byte where it was; `None` when the file is shorter or the
    /// line changed, and the ledger must be read again from its start. A
    /// last line that had no newline may have gained it since, from an
    /// append (which writes it first), and nothing else.
    pub(super) fn resume_in(&self, file: &File) -> std::io::Result<Option<Resume>> {
        let Some(last) = &self.chain.last else {
            // Nothing counted: only blank lines, or a torn tail, to read again.
            return Ok(Some(Resume::default()));
        };
        let len = file.metadata()?.len();
        if len < last.end {
            return Ok(None);
        }
        // The line, and the byte after it when a newline may have come.
        let after = usize::from(!last.terminated && len > last.end);
        let mut bytes = vec![0; (last.end - last.offset) as usize + after];
        let mut reader = file;
        reader.seek(SeekFrom::Start(last.offset))?;
        reader.read_exact(&mut bytes)?;
        let (line, next) = bytes.split_at(bytes.len() - after);
        let text = &line[..line_len_of(line)];
        let terminated = line.ends_with(b"\n");
        if text != last.text.as_bytes()
            || terminated != last.terminated
            || next.iter().any(|b| *b != b'\n')
        {
            return Ok(None);
        }
        let mut chain = self.chain.clone();
        chain.lines = last.number;
        Ok(Some(Resume {
            from: last.end + after as u64,
            chain,
        }))
    }
}

/// One scan's settings, shared by its threads.
struct Scanner<'a> {
    path: &'a Path,
    ca: &'a Certificate,
    ca_source: &'a str,
    mode: Mode<'a>,
    keep: &'a (dyn Fn(&Entry) -> bool + Sync),
    chunk: usize,
    /// The longest line a ledger may hold ([`MAX_LINE`]).
    max_line: usize,
}

/// A block of whole lines (the last one may lack its newline only at the
/// end of the file) and where it starts in the file.
struct Block {
    index: usize,
    offset: u64,
    bytes: Vec<u8>,
}

/// A block as a worker found it.
struct Done {
    index: usize,
    offset: u64,
    bytes: Vec<u8>,
    summary: Summary,
}

enum Summary {
    /// The block is not UTF-8 text from this line on (numbered from 1
    /// within the block).
    NotText {
        line: usize,
    },
    /// Only counted: an earlier block failed, and only bytes that are not
    /// UTF-8 could still change the error.
    Counted {
        lines: usize,
    },
    Checked(Box<Checked>),
}

/// What a worker checked in a block, up to its first problem. Line
/// numbers and ranges are the block's own.
#[derive(Default)]
struct Checked {
    /// Every line of the block, blank ones and those after a problem included.
    lines: usize,
    /// The lines that hold an entry and passed, up to the problem.
    entries: u64,
    /// The first of them, whose link to the block before is the merger's
    /// to check.
    first: Option<First>,
    /// The last of them.
    last: Option<Seen>,
    /// The entries `keep` selected.
    kept: Vec<Entry>,
    problem: Option<Problem>,
}

struct First {
    number: usize,
    text: String,
    prev: Option<String>,
}

struct Seen {
    number: usize,
    start: usize,
    end: usize,
    text: String,
    hash: [u8; 32],
    terminated: bool,
    signed: bool,
}

struct Problem {
    number: usize,
    text: String,
    why: Why,
}

/// What a worker saw wrong with a line; the merger words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Not a line, its `sig` not base64, or its entry not an entry.
    Malformed,
    /// Its `prev` is not the hash of the line before.
    Link,
    /// Its signature does not verify (checked in [`Mode::EverySignature`]).
    Signature,
    /// It is longer than the longest line a ledger may hold.
    TooLong,
}

/// How the reader's part ended.
struct Ending {
    /// How many blocks it sent.
    blocks: usize,
    /// The start of a line after the last newline, where it starts, and
    /// how long it is.
    torn: Option<(u64, usize)>,
}

/// A line as written, borrowed: `{"entry":{…},"sig":"<base64>"}` (what
/// `verify::Line` reads, without copies).
#[derive(Deserialize)]
struct LineRef<'a> {
    #[serde(borrow)]
    entry: &'a RawValue,
    #[serde(borrow)]
    sig: std::borrow::Cow<'a, str>,
}

impl Scanner<'_> {
    /// Scans `file` from the end of the line `chain` ends at (its start for a
    /// new chain) to its end.
    fn run(
        &self,
        file: &File,
        resume: Resume,
        each: &mut dyn FnMut(Entry) -> Result<()>,
    ) -> Result<Scanned> {
        let Resume { from, mut chain } = resume;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        // Stops the reader early once the merger has an answer.
        let stop = AtomicBool::new(false);
        // Set once a line failed: the workers then only look for bytes
        // that are not UTF-8, the one problem that outranks it.
        let failed = AtomicBool::new(false);
        let (block_tx, block_rx) = mpsc::sync_channel::<Block>(workers);
        let block_rx = Mutex::new(block_rx);
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        // The buffers in flight: the reader waits until the merger hands
        // one back, which bounds memory whatever order blocks finish in.
        let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
        for _ in 0..2 * workers + 2 {
            let _ = free_tx.send(Vec::new());
        }
        let (ending, torn_line) = std::thread::scope(|scope| -> Result<(Ending, usize)> {
            let reader = scope.spawn(|| self.read(file, from, block_tx, free_rx, &stop));
            for _ in 0..workers {
                let (block_rx, done_tx, failed) = (&block_rx, done_tx.clone(), &failed);
                scope.spawn(move || {
                    let mut signatures = Signatures::new(self.ca);
                    loop {
                        let next = block_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok(block)) = next else { return };
                        let summary = self.check_block(&block.bytes, &mut signatures, failed);
                        let done = Done {
                            index: block.index,
                            offset: block.offset,
                            bytes: block.bytes,
                            summary,
                        };
                        if done_tx.send(done).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            let mut pending: Option<Error> = None;
            let mut merged = || -> Result<()> {
                for done in done_rx.iter() {
                    waiting.insert(done.index, done);
                    while let Some(done) = waiting.remove(&next) {
                        next += 1;
                        let bytes = self.merge(&mut chain, done, &mut pending, &failed, each);
                        let _ = free_tx.send(bytes?);
                    }
                }
                Ok(())
            };
            let merged = merged();
            if merged.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            drop(free_tx);
            let ending = reader.join().map_err(|_| Error::LedgerIo {
                path: self.path.to_path_buf(),
                source: std::io::Error::other("the reader thread stopped"),
            })?;
            merged?;
            let ending = ending.map_err(|source| Error::LedgerIo {
                path: self.path.to_path_buf(),
                source,
            })?;
            if let Some(error) = pending {
                return Err(error);
            }
            debug_assert_eq!(next, ending.blocks);
            Ok((ending, chain.lines + 1))
        })?;
        if let Some(last) = chain.last.as_mut().filter(|l| !l.signed) {
            self.signature(last.number, &last.text)?;
            last.signed = true;
        }
        let notes = ending
            .torn
            .map(|(offset, len)| {
                let torn = TornTail {
                    line: torn_line,
                    offset: offset as usize,
                    len,
                };
                torn.note(self.path, false)
            })
            .into_iter()
            .collect();
        Ok(Scanned {
            entries: chain.entries,
            notes,
            chain,
        })
    }

    /// The reader: sends `file` from `from` on in blocks cut after their
    /// last newline, each in a buffer from `free`. What follows the last
    /// newline is sent as a line unless it is a torn tail.
    fn read(
        &self,
        file: &File,
        from: u64,
        blocks: mpsc::SyncSender<Block>,
        free: mpsc::Receiver<Vec<u8>>,
        stop: &AtomicBool,
    ) -> std::io::Result<Ending> {
        let mut reader = file;
        reader.seek(SeekFrom::Start(from))?;
        // The bytes after the last newline read so far, and where they start.
        let mut carry: Vec<u8> = Vec::new();
        let mut offset = from;
        let mut index = 0;
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(Ending {
                    blocks: index,
                    torn: None,
                });
            }
            let Ok(mut buf) = free.recv() else {
                return Ok(Ending {
                    blocks: index,
                    torn: None,
                });
            };
            buf.clear();
            buf.append(&mut carry);
            // Read a block; a line longer than a block is read whole, up to
            // the longest a line may be.
            let mut cut = None;
            let mut eof = false;
            while cut.is_none() && !eof {
                if buf.len() > self.max_line {
                    // Only its start is sent, for the workers to refuse it
                    // at its line, and nothing after it is read.
                    buf.truncate(self.max_line + 1);
                    let sent = self.send(&blocks, index, offset, buf);
                    return Ok(Ending {
                        blocks: index + usize::from(sent),
                        torn: None,
                    });
                }
                let searched = buf.len();
                buf.reserve(self.chunk);
                let n = (&mut reader)
                    .take(self.chunk as u64)
                    .read_to_end(&mut buf)?;
                eof = n < self.chunk;
                cut = buf[searched..]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map(|i| searched + i + 1);
            }
            let cut = cut.unwrap_or(0);
            if !eof {
                carry.extend_from_slice(&buf[cut..]);
                buf.truncate(cut);
            } else if cut < buf.len()
                && buf.len() - cut <= self.max_line
                && is_start_of_line(&buf[cut..])
            {
                let torn = Some((offset + cut as u64, buf.len() - cut));
                buf.truncate(cut);
                if !buf.is_empty() && self.send(&blocks, index, offset, buf) {
                    index += 1;
                }
                return Ok(Ending {
                    blocks: index,
                    torn,
                });
            }
            let len = buf.len() as u64;
            if !buf.is_empty() {
                if !self.send(&blocks, index, offset, buf) {
                    return Ok(Ending {
                        blocks: index,
                        torn: None,
                    });
                }
                index += 1;
            }
            offset += len;
            if eof {
                return Ok(Ending {
                    blocks: index,
                    torn: None,
                });
            }
        }
    }

    fn send(
        &self,
        blocks: &mpsc::SyncSender<Block>,
        index: usize,
        offset: u64,
        bytes: Vec<u8>,
    ) -> bool {
        blocks
            .send(Block {
                index,
                offset,
                bytes,
            })
            .is_ok()
    }

    /// A worker's part: every line of a block checked on its own and linked
    /// to the one before it in the block, up to the first that fails.
    fn check_block(
        &self,
        bytes: &[u8],
        signatures: &mut Signatures,
        failed: &AtomicBool,
    ) -> Summary {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1;
                return Summary::NotText { line };
            }
        };
        if failed.load(Ordering::Relaxed) {
            return Summary::Counted {
                lines: segments(text).count(),
            };
        }
        let mut checked = Box::<Checked>::default();
        let mut sig = Vec::new();
        let mut rest = segments(text);
        for segment in rest.by_ref() {
            checked.lines += 1;
            let number = checked.lines;
            let line = segment.line;
            if line.len() > self.max_line {
                checked.problem = Some(Problem {
                    number,
                    text: String::new(),
                    why: Why::TooLong,
                });
                break;
            }
            if line.trim().is_empty() {
                continue;
            }
            // In `Mode::Serial`, a line whose serial is not picked is only
            // linked: `Some(its prev)`.
            let glimpsed = match self.mode {
                Mode::Serial(pick) => glimpse(line)
                    .filter(|g| !g.serial.is_some_and(pick))
                    .map(|g| g.prev),
                _ => None,
            };
            let entry = match glimpsed {
                Some(_) => None,
                None => match self.check_line(line, signatures, &mut sig) {
                    Ok(entry) => Some(entry),
                    Err(why) => {
                        checked.problem = Some(Problem {
                            number,
                            text: line.to_string(),
                            why,
                        });
                        break;
                    }
                },
            };
            let prev = match (glimpsed, &entry) {
                (Some(prev), _) => prev,
                (None, entry) => entry.as_ref().and_then(|e| e.prev.as_deref()),
            };
            match &checked.last {
                None => {
                    checked.first = Some(First {
                        number,
                        text: line.to_string(),
                        prev: prev.map(str::to_string),
                    });
                }
                Some(before) if !links(prev, Some(&before.hash)) => {
                    checked.problem = Some(Problem {
                        number,
                        text: line.to_string(),
                        why: Why::Link,
                    });
                    break;
                }
                Some(_) => {}
            }
            checked.entries += 1;
            checked.last = Some(Seen {
                number,
                start: segment.start,
                end: segment.end,
                text: String::new(),
                hash: sha256(line.as_bytes()),
                terminated: segment.terminated,
                signed: self.every_signature(),
            });
            if let Some(mut entry) = entry.filter(|e| (self.keep)(e)) {
                entry.line = number;
                checked.kept.push(entry);
            }
        }
        checked.lines += rest.count();
        if let Some(last) = &mut checked.last {
            last.text =
                text[last.start..last.start + line_len(&text[last.start..last.end])].to_string();
        }
        Summary::Checked(checked)
    }

    /// The checks one line allows on its own: a line, base64, an entry, and
    /// in [`Mode::EverySignature`] the signature. Errors are worded later,
    /// by [`Self::explain`].
    fn check_line(
        &self,
        line: &str,
        signatures: &mut Signatures,
        sig: &mut Vec<u8>,
    ) -> std::result::Result<Entry, Why> {
        let parsed: LineRef<'_>;
        let (raw, encoded) = match parts(line) {
            Some((raw, encoded)) => (raw, encoded),
            None => {
                parsed = serde_json::from_str(line).map_err(|_| Why::Malformed)?;
                (parsed.entry.get(), parsed.sig.as_ref())
            }
        };
        sig.clear();
        base64::engine::general_purpose::STANDARD
            .decode_vec(encoded, sig)
            .map_err(|_| Why::Malformed)?;
        let entry = typed(raw).ok_or(Why::Malformed)?;
        if self.every_signature() && !signatures.verify(&entry.sig_alg, raw.as_bytes(), sig) {
            return Err(Why::Signature);
        }
        Ok(entry)
    }

    /// The merger's part for one block, in file order: links its first line
    /// to the line before, checks the ledger's first signature, hands its
    /// entries on, and words its problem. Gives the buffer back.
    fn merge(
        &self,
        chain: &mut Chain,
        done: Done,
        pending: &mut Option<Error>,
        failed: &AtomicBool,
        each: &mut dyn FnMut(Entry) -> Result<()>,
    ) -> Result<Vec<u8>> {
        let base = chain.lines;
        let checked = match done.summary {
            Summary::NotText { line } => {
                return Err(self.bad(base + line, "not a ledger line: not UTF-8 text".into()));
            }
            Summary::Counted { lines } => {
                chain.lines += lines;
                return Ok(done.bytes);
            }
            Summary::Checked(checked) => checked,
        };
        chain.lines += checked.lines;
        if pending.is_some() {
            return Ok(done.bytes);
        }
        let mut fail = |error: Error| {
            *pending = Some(error);
            failed.store(true, Ordering::Relaxed);
        };
        if let Some(first) = &checked.first {
            let number = base + first.number;
            if chain.last.is_none()
                && !self.every_signature()
                && let Err(error) = self.signature(number, &first.text)
            {
                fail(error);
                return Ok(done.bytes);
            }
            let before = chain.last.as_ref();
            if !links(first.prev.as_deref(), before.map(|b| &b.hash)) {
                fail(self.refuse(number, &first.text, Why::Link, before));
                return Ok(done.bytes);
            }
        }
        // The ledger's first line had its signature checked just above.
        let first_signed = checked
            .first
            .as_ref()
            .filter(|_| chain.last.is_none())
            .map(|f| f.number);
        for mut entry in checked.kept {
            entry.line += base;
            each(entry)?;
        }
        chain.entries += checked.entries;
        if let Some(seen) = checked.last {
            chain.last = Some(LastLine {
                number: base + seen.number,
                offset: done.offset + seen.start as u64,
                end: done.offset + seen.end as u64,
                text: seen.text,
                hash: seen.hash,
                terminated: seen.terminated,
                signed: seen.signed || first_signed == Some(seen.number),
            });
        }
        if let Some(problem) = checked.problem {
            fail(self.refuse(
                base + problem.number,
                &problem.text,
                problem.why,
                chain.last.as_ref(),
            ));
        }
        Ok(done.bytes)
    }

    /// The error for line `number`, which failed a check: the line before
    /// it is named if its signature fails (as `verify`, checking every
    /// signature in order, would have named it first), else the line itself
    /// with `verify`'s words.
    fn refuse(&self, number: usize, text: &str, why: Why, before: Option<&LastLine>) -> Error {
        if let Some(before) = before.filter(|b| !b.signed)
            && let Err(error) = self.signature(before.number, &before.text)
        {
            return error;
        }
        if why == Why::TooLong {
            return self.bad(number, too_long(self.max_line));
        }
        match self.explain(number, text, before.map(|b| &b.hash)) {
            Err(error) => error,
            // The worker and `verify` disagree; cannot happen, as both run
            // the same parsers. Say what the worker saw.
            Ok(_) => match why {
                Why::Link => self.bad(number, LINK_BROKEN.into()),
                Why::Signature => self.unsigned(number),
                Why::Malformed => self.bad(number, "not a ledger line".into()),
                Why::TooLong => self.bad(number, too_long(self.max_line)),
            },
        }
    }

    /// Line `number` checked as `verify` checks each line, in its order and
    /// with its words.
    fn explain(&self, number: usize, text: &str, before: Option<&[u8; 32]>) -> Result<Entry> {
        let (fields, signed) = read_line(text, self.ca).map_err(|r| self.bad(number, r))?;
        if !signed {
            return Err(self.unsigned(number));
        }
        if !links(fields.get("prev").and_then(Value::as_str), before) {
            return Err(self.bad(number, LINK_BROKEN.into()));
        }
        Entry::from_map(fields, number).map_err(|r| self.bad(number, r))
    }

    fn every_signature(&self) -> bool {
        matches!(self.mode, Mode::EverySignature)
    }

    /// Checks that the CA signed line `number`'s entry, as `verify` does:
    /// a line that is not one (which only a line [`Mode::Serial`] did not
    /// parse can be) is named as such.
    fn signature(&self, number: usize, text: &str) -> Result<()> {
        match read_line(text, self.ca) {
            Ok((_, true)) => Ok(()),
            Ok((_, false)) => Err(self.unsigned(number)),
            Err(reason) => Err(self.bad(number, reason)),
        }
    }

    fn unsigned(&self, number: usize) -> Error {
        self.bad(
            number,
            format!("signature does not verify against {}", self.ca_source),
        )
    }

    fn bad(&self, line: usize, reason: String) -> Error {
        Error::Ledger {
            path: self.path.to_path_buf(),
            line,
            reason,
        }
    }
}

/// The typed entry of a line's `entry` bytes, as `Entry::from_map` would
/// type them: straight from the text (about half the cost), and through
/// the map when that fails, which differs only where the map does (a
/// repeated member: the map keeps the last).
fn typed(raw: &str) -> Option<Entry> {
    serde_json::from_str::<Entry>(raw).ok().or_else(|| {
        let map = serde_json::from_str::<Map<String, Value>>(raw).ok()?;
        Entry::from_map(map, 0).ok()
    })
}

/// What [`Mode::Serial`] reads of a line without parsing it.
#[derive(Debug, PartialEq, Eq)]
struct Glimpse<'a> {
    prev: Option<&'a str>,
    serial: Option<&'a str>,
}

/// The `prev` and `serial` members of a line in the shape certsmith writes
/// (`{"entry":{…},"sig":"<base64>"}` with flat members), found by their
/// text; `None` when the line is in another shape, or a member is not
/// where it is expected or not plain, and the line must be parsed. The
/// text `"prev":` cannot occur inside a JSON string, where a `"` is
/// escaped, so in a line of this shape it is the entry's member; a member
/// that occurs twice is left to the parser.
fn glimpse(line: &str) -> Option<Glimpse<'_>> {
    let (entry, _) = parts(line)?;
    let entry = &entry[1..entry.len() - 1];
    static PREV: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"prev\":"));
    static SERIAL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"serial\":"));
    let prev = match member(entry, &PREV)? {
        Some("null") => None,
        Some(hash) => Some(hash.strip_prefix('"')?.strip_suffix('"')?),
        None => return None,
    };
    let serial = match member(entry, &SERIAL)? {
        Some(text) => Some(text.strip_prefix('"')?.strip_suffix('"')?),
        None => None,
    };
    Some(Glimpse { prev, serial })
}

/// A line in the shape certsmith writes, `{"entry":{…},"sig":"<base64>"}`,
/// cut into its entry (braces included) and its signature without parsing
/// it: `None` for any other shape. The entry ends at the last `},"sig":"`,
/// which a JSON string cannot hold (its `"` would be escaped), and the
/// signature holds only base64's letters; so when the entry is a JSON
/// object, as typing it checks, the line is the JSON object a parser would
/// read, with these two members.
fn parts(line: &str) -> Option<(&str, &str)> {
    const SIG: &str = ",\"sig\":";
    let body = line.strip_prefix("{\"entry\":")?.strip_suffix("\"}")?;
    // Base64 holds no `"`: the last one opens the signature.
    let quote = memchr::memrchr(b'"', body.as_bytes())?;
    let (entry, sig) = (body[..quote].strip_suffix(SIG)?, &body[quote + 1..]);
    // Without a branch a byte, so that it vectorizes: a fifth of revoke's
    // time at a million lines went to this check when it did branch.
    let base64 = sig.as_bytes().iter().fold(true, |ok, &b| {
        ok & (b.is_ascii_alphanumeric() | (b == b'+') | (b == b'/') | (b == b'='))
    });
    (entry.starts_with('{') && entry.ends_with('}') && base64).then_some((entry, sig))
}

/// The raw value of the member `key` (`"name":`, as a finder: `revoke`
/// looks for two keys in every line of a ledger) of a flat object's
/// members: `Some(None)` when there is none, `None` when it occurs twice or
/// its value is not a plain string (no escapes) or `null`.
fn member<'a>(members: &'a str, key: &Finder) -> Option<Option<&'a str>> {
    let Some(at) = key.find(members.as_bytes()) else {
        return Some(None);
    };
    let after = at + key.needle().len();
    if key.find(&members.as_bytes()[after..]).is_some()
        || !(at == 0 || members[..at].ends_with(','))
    {
        return None;
    }
    let rest = &members[after..];
    let len = if let Some(text) = rest.strip_prefix('"') {
        memchr::memchr2(b'"', b'\\', text.as_bytes()).filter(|i| text.as_bytes()[*i] == b'"')? + 2
    } else if rest.starts_with("null") {
        4
    } else {
        return None;
    };
    (rest.len() == len || rest[len..].starts_with(',')).then_some(Some(&rest[..len]))
}

/// Whether `prev`, as a line claims it, is the hash of the line before it
/// (`None` before the first line).
fn links(prev: Option<&str>, before: Option<&[u8; 32]>) -> bool {
    match (prev, before) {
        (None, None) => true,
        (Some(prev), Some(hash)) => prev.as_bytes() == hex_lower(hash),
        _ => false,
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let digest = digest::digest(&digest::SHA256, bytes);
    let mut out = [0; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// `hex::lower` without a `String`: a line's `prev` is compared with it
/// once a line.
fn hex_lower(hash: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0; 64];
    for (i, b) in hash.iter().enumerate() {
        out[2 * i] = DIGITS[usize::from(b >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(b & 0xf)];
    }
    out
}

/// One line of a block: where its bytes start and end (after the newline),
/// and its text without the line ending.
#[derive(Debug, PartialEq, Eq)]
struct Segment<'a> {
    start: usize,
    end: usize,
    line: &'a str,
    terminated: bool,
}

/// The lines of `text` as every reader splits them: at each `\n`, the
/// bytes after the last one a line too when there are any; each without
/// its `\n` and then one `\r`, the unterminated last one included (a CRLF
/// ledger that lost its final `\n` ends in `…}\r`, and the append that
/// gives it back makes that `\r` a line ending).
fn segments(text: &str) -> impl Iterator<Item = Segment<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |piece| {
        let segment = Segment {
            start,
            end: start + piece.len(),
            line: &piece[..line_len(piece)],
            terminated: piece.ends_with('\n'),
        };
        start += piece.len();
        segment
    })
}

/// The length of a piece of text up to its line ending.
fn line_len(piece: &str) -> usize {
    line_len_of(piece.as_bytes())
}

fn line_len_of(piece: &[u8]) -> usize {
    let line = piece.strip_suffix(b"\n").unwrap_or(piece);
    line.strip_suffix(b"\r").unwrap_or(line).len()
}

/// The CA's key, parsed once a worker for each signature algorithm the
/// lines name, for [`Mode::EverySignature`].
struct Signatures<'a> {
    ca: &'a Certificate,
    parsed: Vec<(String, Option<ParsedPublicKey>)>,
}

impl<'a> Signatures<'a> {
    fn new(ca: &'a Certificate) -> Signatures<'a> {
        Signatures {
            ca,
            parsed: Vec::new(),
        }
    }

    /// What `Certificate::verify` answers, without parsing the key each time.
    fn verify(&mut self, algorithm: &str, message: &[u8], signature: &[u8]) -> bool {
        let i = match self.parsed.iter().position(|(a, _)| a == algorithm) {
            Some(i) => i,
            // A hostile ledger may name many algorithms; keep only a few.
            None if self.parsed.len() < 4 => {
                let key = ObjectIdentifier::new(algorithm)
                    .ok()
                    .and_then(|oid| SignatureAlgorithm::from_oid(&oid))
                    .and_then(|alg| alg.verifier(self.ca.key_algorithm))
                    .and_then(|v| ParsedPublicKey::new(v, &self.ca.public_key_bits).ok());
                self.parsed.push((algorithm.to_string(), key));
                self.parsed.len() - 1
            }
            None => return self.ca.verify(algorithm, message, signature).is_ok(),
        };
        match &self.parsed[i].1 {
            Some(key) => key.verify_sig(message, signature).is_ok(),
            None => self.ca.verify(algorithm, message, signature).is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use time::OffsetDateTime;

    use super::*;
    use crate::keys::{KeyAlgorithm, PrivateKey};
    use crate::ledger::{Event, append_all, verify};
    use crate::x509::crl::Reason;

    #[test]
    fn lines_split_at_newlines_without_their_crlf_the_last_one_included() {
        let split = |text| {
            segments(text)
                .map(|s| (s.start, s.end, s.line, s.terminated))
                .collect::<Vec<_>>()
        };
        assert_eq!(split(""), vec![]);
        assert_eq!(split("\n"), vec![(0, 1, "", true)]);
        assert_eq!(
            split("a\r\nb\n\r\n c \nd\r"),
            vec![
                (0, 3, "a", true),
                (3, 5, "b", true),
                (5, 7, "", true),
                (7, 11, " c ", true),
                (11, 13, "d", false),
            ]
        );
        // One `\r` is the line ending; another is the line's own.
        assert_eq!(
            split("a\r\r\nb\r\r"),
            vec![(0, 4, "a\r", true), (4, 7, "b\r", false)]
        );
    }

    /// A CA and a temporary directory for its ledgers.
    struct Fixture {
        dir: tempfile::TempDir,
        cert: Certificate,
        key: PrivateKey,
    }

    impl Fixture {
        fn new() -> Fixture {
            let key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
            let cert = crate::issue::tests::self_signed_root(&key);
            let dir = tempfile::tempdir().unwrap();
            Fixture { dir, cert, key }
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        /// A ledger of `n` entries of every kind, as `append` writes them.
        fn ledger(&self, name: &str, n: usize) -> Vec<u8> {
            let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
            let events = (0..n)
                .map(|i| match i % 3 {
                    0 | 1 => Event::Issued {
                        serial: format!("{:04X}", i + 1),
                        subject: format!("CN=host {i}, O=caf\u{e9}"),
                        sans: (0..i % 5).map(|j| format!("DNS:h{j}.example")).collect(),
                        profile: "www".into(),
                        not_before: now,
                        not_after: now + time::Duration::days(1),
                        is_ca: false,
                        sha256: "ab".repeat(32),
                    },
                    _ => Event::Revoked {
                        serial: format!("{i:04X}"),
                        reason: Reason::KeyCompromise,
                        revoked_at: now,
                    },
                })
                .collect();
            let path = self.path(name);
            let _ = append_all(&path, &self.cert, &self.key, events, now).unwrap();
            std::fs::read(&path).unwrap()
        }

        /// What `verify` says of `bytes`: the entries' lines, or the error.
        fn verify(&self, bytes: &[u8]) -> std::result::Result<(Vec<usize>, Vec<Note>), String> {
            let path = self.path("ledger.jsonl");
            verify(&path, bytes, &self.cert, "ca.pem")
                .map(|v| (v.entries.iter().map(|e| e.line).collect(), v.notes))
                .map_err(|e| e.to_string())
        }

        /// What a scan says of `bytes` read in blocks of `chunk` bytes, in
        /// the form of [`Self::verify`]'s answer.
        fn scan(
            &self,
            bytes: &[u8],
            mode: Mode,
            chunk: usize,
        ) -> std::result::Result<(Vec<usize>, Vec<Note>), String> {
            self.scan_within(bytes, mode, chunk, MAX_LINE)
        }

        /// [`Self::scan`] with lines of at most `max_line` bytes.
        fn scan_within(
            &self,
            bytes: &[u8],
            mode: Mode,
            chunk: usize,
            max_line: usize,
        ) -> std::result::Result<(Vec<usize>, Vec<Note>), String> {
            let path = self.path("ledger.jsonl");
            std::fs::write(&path, bytes).unwrap();
            let scanner = Scanner {
                path: &path,
                ca: &self.cert,
                ca_source: "ca.pem",
                mode,
                keep: &|_| true,
                chunk,
                max_line,
            };
            let mut lines = Vec::new();
            let file = File::open(&path).unwrap();
            let scanned = scanner
                .run(&file, Resume::default(), &mut |e| {
                    lines.push(e.line);
                    Ok(())
                })
                .map_err(|e| e.to_string())?;
            if !matches!(mode, Mode::Serial(_)) {
                assert_eq!(scanned.entries, lines.len() as u64);
            }
            Ok((lines, scanned.notes))
        }
    }

    const CHUNKS: [usize; 5] = [1, 97, 700, 4096, CHUNK];

    /// Small pseudo-random numbers, the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    #[test]
    fn blocks_of_any_size_give_the_entries_and_notes_verify_gives() {
        let f = Fixture::new();
        let good = f.ledger("good.jsonl", 12);
        let text = String::from_utf8(good.clone()).unwrap();
        let crlf = text.replace('\n', "\r\n");
        let blank = text.replace('\n', "\n \n\t\r\n\u{a0}\n");
        let torn = format!("{text}{{\"entry\":{{\"ca\":\"0e");
        let unterminated = text.trim_end_matches('\n').to_string();
        for bytes in [
            &text,
            &crlf,
            &blank,
            &torn,
            &unterminated,
            &format!("\n\n{text}"),
        ] {
            let want = f.verify(bytes.as_bytes());
            assert!(want.is_ok(), "{want:?}");
            for chunk in CHUNKS {
                for mode in [Mode::Links, Mode::EverySignature] {
                    assert_eq!(
                        f.scan(bytes.as_bytes(), mode, chunk),
                        want,
                        "{chunk} {mode:?}"
                    );
                }
            }
        }
        // An empty ledger, and one with only an interrupted first append.
        for bytes in [&b""[..], b"\n\n", b"{\"entry\":{\"ca\":\"0e"] {
            assert_eq!(f.scan(bytes, Mode::Links, 97), f.verify(bytes));
        }
    }

    #[test]
    fn a_broken_ledger_is_refused_with_the_words_and_line_verify_gives() {
        let f = Fixture::new();
        let good = f.ledger("good.jsonl", 9);
        let lines: Vec<&[u8]> = good.split_inclusive(|b| *b == b'\n').collect();
        let mut rng = Lcg(18);
        let mut cases: Vec<Vec<u8>> = Vec::new();
        // Every line removed, doubled, or swapped with the next.
        for i in 0..lines.len() {
            let mut removed = lines.clone();
            removed.remove(i);
            cases.push(removed.concat());
            let mut doubled = lines.clone();
            doubled.insert(i, lines[i]);
            cases.push(doubled.concat());
            if i + 1 < lines.len() {
                let mut swapped = lines.clone();
                swapped.swap(i, i + 1);
                cases.push(swapped.concat());
            }
        }
        // Bytes changed, removed or added anywhere, not UTF-8 and blank
        // lines included.
        for _ in 0..150 {
            let mut bytes = good.clone();
            for _ in 0..1 + rng.below(2) {
                let at = rng.below(bytes.len());
                match rng.below(5) {
                    0 => bytes[at] = b"x0\"{}\\\n \xff"[rng.below(9)],
                    1 => {
                        bytes.remove(at);
                    }
                    2 => bytes.insert(at, b"a\n\xc3"[rng.below(3)]),
                    3 => bytes[at] ^= 1 << rng.below(8),
                    _ => bytes.splice(at..at, *b"\n\n").for_each(drop),
                }
            }
            cases.push(bytes);
        }
        // A line from another CA's ledger, at the end and in the middle.
        let other = Fixture::new();
        let theirs = other.ledger("other.jsonl", 2);
        cases.push([good.clone(), theirs.clone()].concat());
        cases.push([lines[..4].concat(), theirs.clone(), lines[4..].concat()].concat());
        let mut refused = 0;
        for bytes in &cases {
            let want = f.verify(bytes);
            refused += usize::from(want.is_err());
            for &chunk in &CHUNKS[1..] {
                for mode in [Mode::Links, Mode::EverySignature, Mode::Serial(&|_| false)] {
                    let got = f.scan(bytes, mode, chunk);
                    // `Serial` keeps only the lines it picks: none here.
                    let got = match (mode, got) {
                        (Mode::Serial(_), Ok((_, notes))) => {
                            want.clone().map(|(lines, _)| (lines, notes))
                        }
                        (_, got) => got,
                    };
                    assert_eq!(
                        got,
                        want,
                        "{chunk} {mode:?}\n{}",
                        String::from_utf8_lossy(bytes)
                    );
                }
            }
        }
        assert!(refused > cases.len() / 2, "{refused} of {}", cases.len());
    }

    #[test]
    fn a_line_longer_than_the_longest_is_refused_at_its_line_whatever_the_blocks() {
        let f = Fixture::new();
        let good = f.ledger("good.jsonl", 6);
        let text = String::from_utf8(good.clone()).unwrap();
        let longest = text.lines().map(str::len).max().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let modes = [Mode::Links, Mode::EverySignature, Mode::Serial(&|_| false)];
        // Every line fits: the ledger verifies.
        for chunk in CHUNKS {
            for mode in modes {
                let got = f.scan_within(&good, mode, chunk, longest);
                assert_eq!(got.map(|(_, notes)| notes), Ok(vec![]), "{chunk} {mode:?}");
            }
        }
        let refused = |line: usize| {
            Err(format!(
                "{}: line {line}: not a ledger line: longer than {} bytes",
                f.path("ledger.jsonl").display(),
                longest
            ))
        };
        let long = "x".repeat(longest + 1);
        let nul = "\0".repeat(3 * longest);
        for (bytes, line) in [
            // A line in the middle, the last one, one without its newline,
            // and a tail of NULs too long to be a torn tail.
            (
                format!(
                    "{}\n{long}\n{}\n",
                    lines[..3].join("\n"),
                    lines[3..].join("\n")
                ),
                4,
            ),
            (format!("{text}{long}\n"), 7),
            (format!("{text}\n{long}"), 8),
            (format!("{text}{nul}"), 7),
            // The start of a line, one byte too long to be a torn tail.
            (
                format!(
                    "{text}{}",
                    &format!("{}{long}", &lines[0][..20])[..longest + 1]
                ),
                7,
            ),
        ] {
            for chunk in CHUNKS {
                for mode in modes {
                    assert_eq!(
                        f.scan_within(bytes.as_bytes(), mode, chunk, longest),
                        refused(line),
                        "{chunk} {mode:?}"
                    );
                }
            }
        }
        // A broken line before it is named first.
        let mut swapped = lines.clone();
        swapped.swap(1, 2);
        let bytes = format!("{}\n{long}\n", swapped.join("\n"));
        let got = f.scan_within(bytes.as_bytes(), Mode::Links, 97, longest);
        assert_eq!(
            got,
            f.verify(format!("{}\n", swapped.join("\n")).as_bytes())
        );
        assert!(got.unwrap_err().contains("line 2: hash link broken"));
    }

    #[test]
    fn the_default_mode_lets_a_middle_line_the_ca_never_signed_pass_and_every_signature_does_not() {
        let f = Fixture::new();
        let good = f.ledger("good.jsonl", 4);
        let mut lines: Vec<String> = String::from_utf8(good)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        // Line 2 re-signed by another key, line 3's link and signature made to match.
        let other = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let resign = |line: &str, key: &PrivateKey, prev: Option<&str>| -> String {
            let parsed: LineRef<'_> = serde_json::from_str(line).unwrap();
            let mut entry: Map<String, Value> = serde_json::from_str(parsed.entry.get()).unwrap();
            if let Some(prev) = prev {
                entry.insert("prev".into(), sha256_hex(prev).into());
            }
            let entry = serde_json::to_string(&entry).unwrap();
            let sig = base64::engine::general_purpose::STANDARD
                .encode(crate::keys::Signer::sign(key, entry.as_bytes()).unwrap());
            format!("{{\"entry\":{entry},\"sig\":\"{sig}\"}}")
        };
        lines[1] = resign(&lines[1].clone(), &other, None);
        lines[2] = resign(&lines[2].clone(), &f.key, Some(&lines[1].clone()));
        lines[3] = resign(&lines[3].clone(), &f.key, Some(&lines[2].clone()));
        let bytes = (lines.join("\n") + "\n").into_bytes();
        for chunk in CHUNKS {
            assert_eq!(
                f.scan(&bytes, Mode::Links, chunk),
                Ok((vec![1, 2, 3, 4], vec![]))
            );
            assert_eq!(
                f.scan(&bytes, Mode::EverySignature, chunk),
                Err(format!(
                    "{}: line 2: signature does not verify against ca.pem",
                    f.path("ledger.jsonl").display()
                ))
            );
        }
        assert_eq!(
            f.scan(&bytes, Mode::EverySignature, CHUNK),
            f.verify(&bytes)
        );
    }

    fn sha256_hex(line: &str) -> String {
        crate::hex::lower(&sha256(line.as_bytes()))
    }

    #[test]
    fn a_hash_is_compared_as_the_lowercase_hex_the_ledger_writes() {
        let hash = sha256(b"line");
        assert_eq!(hex_lower(&hash), crate::hex::lower(&hash).as_bytes());
        let upper = crate::hex::lower(&hash).to_uppercase();
        assert!(links(Some(&crate::hex::lower(&hash)), Some(&hash)));
        assert!(!links(Some(&upper), Some(&hash)));
        assert!(links(None, None));
        assert!(!links(None, Some(&hash)));
        assert!(!links(Some(&crate::hex::lower(&hash)), None));
    }

    #[test]
    fn serial_mode_types_only_the_lines_of_the_picked_serial() {
        let f = Fixture::new();
        let good = f.ledger("good.jsonl", 12);
        // Issued 0002 on line 2, revoked on line 3; 0005 revoked on line 6.
        let pick = |serial: &str| serial == "0002" || serial == "0005";
        for chunk in CHUNKS {
            assert_eq!(
                f.scan(&good, Mode::Serial(&pick), chunk),
                Ok((vec![2, 3, 5, 6], vec![]))
            );
        }
        // A line in another shape is parsed, and kept, whatever its serial:
        // here the last, whose members outside `entry` are neither signed
        // nor hashed.
        let text = String::from_utf8(good).unwrap();
        let at = text.rfind("\"sig\":\"").unwrap();
        let spaced = format!("{}\"sig\": \"{}", &text[..at], &text[at + 7..]);
        assert_eq!(
            f.scan(spaced.as_bytes(), Mode::Serial(&pick), CHUNK),
            Ok((vec![2, 3, 5, 6, 12], vec![]))
        );
    }

    #[test]
    fn a_glimpse_finds_prev_and_serial_only_in_the_shape_certsmith_writes() {
        let line = |entry: &str, sig: &str| format!("{{\"entry\":{{{entry}}},\"sig\":\"{sig}\"}}");
        let hash = "ab".repeat(32);
        let prev = format!("\"prev\":\"{hash}\"");
        let glimpsed = |entry: &str| {
            glimpse(&line(entry, "AAAA"))
                .map(|g| (g.prev.map(str::to_string), g.serial.map(str::to_string)))
        };
        let some =
            |p: Option<&str>, s: Option<&str>| Some((p.map(str::to_string), s.map(str::to_string)));
        assert_eq!(
            glimpsed(&format!("\"ca\":\"x\",{prev},\"serial\":\"0A\",\"seq\":2")),
            some(Some(&hash), Some("0A"))
        );
        assert_eq!(
            glimpsed("\"prev\":null,\"serial\":\"0A\""),
            some(None, Some("0A"))
        );
        assert_eq!(
            glimpsed(&format!("{prev},\"crl_number\":1")),
            some(Some(&hash), None)
        );
        for odd in [
            // No `prev`, a repeated member, an escaped or odd value.
            "\"serial\":\"0A\"".to_string(),
            format!("{prev},{prev}"),
            format!("{prev},\"serial\":\"0A\",\"serial\":\"0B\""),
            format!("{prev},\"serial\":\"0\\u0041\""),
            format!("{prev},\"serial\":10"),
            "\"prev\":5,\"serial\":\"0A\"".to_string(),
            format!("\"subject\":\"x\" {prev}"),
            format!("{prev} ,\"serial\":\"0A\""),
        ] {
            assert_eq!(glimpsed(&odd), None, "{odd}");
        }
        assert!(glimpse(&line(&prev, "A+/=")).is_some());
        assert!(glimpse(&line(&prev, "AA\\u0041")).is_none());
        assert!(glimpse(&format!("{} ", line(&prev, "AAAA"))).is_none());
        assert!(glimpse(&format!("{{\"sig\":\"AAAA\",\"entry\":{{{prev}}}}}")).is_none());
    }

    /// Scans the ledger at `path` from `resume`, with the lines of the
    /// entries it hands on.
    fn scan_from(f: &Fixture, path: &Path, resume: Resume) -> (Scanned, Vec<usize>) {
        let file = File::open(path).unwrap();
        let mut lines = Vec::new();
        let scanned = scan_file(
            path,
            &file,
            resume,
            &f.cert,
            "ca.pem",
            Mode::Links,
            |_| true,
            |e| {
                lines.push(e.line);
                Ok(())
            },
        )
        .unwrap();
        (scanned, lines)
    }

    fn resume(scanned: &Scanned, path: &Path) -> Option<Resume> {
        scanned.resume_in(&File::open(path).unwrap()).unwrap()
    }

    #[test]
    fn a_scan_resumes_after_its_last_line_and_reads_only_what_came_after() {
        let f = Fixture::new();
        let path = f.path("r.jsonl");
        let base = f.ledger("base.jsonl", 5);
        let grown = |tail: &[u8], added: usize, want: Vec<usize>, entries: u64| {
            std::fs::write(&path, [&base[..], tail].concat()).unwrap();
            let (first, lines) = scan_from(&f, &path, Resume::default());
            assert_eq!(lines, [1, 2, 3, 4, 5]);
            if added > 0 {
                let now = OffsetDateTime::now_utc();
                let events = (0..added).map(|i| Event::Revoked {
                    serial: format!("{:02X}", i + 1),
                    reason: Reason::Superseded,
                    revoked_at: now,
                });
                let _ = append_all(&path, &f.cert, &f.key, events.collect(), now).unwrap();
            }
            let from = resume(&first, &path).expect("the last line is still there");
            let (rest, lines) = scan_from(&f, &path, from);
            assert_eq!(
                (lines, rest.entries),
                (want, entries),
                "{}",
                String::from_utf8_lossy(tail)
            );
            // The whole ledger, read again, says the same.
            let (all, _) = scan_from(&f, &path, Resume::default());
            assert_eq!(all.entries, entries);
        };
        grown(b"", 0, vec![], 5);
        grown(b"", 3, vec![6, 7, 8], 8);
        // Blank lines and a torn tail after the last line: the append removes
        // the tail, and the new line comes after the blank ones.
        grown(b"\n \r\n{\"entry\":{\"se", 1, vec![8], 6);
        // A last line without its newline gets it back from the append.
        std::fs::write(&path, base.strip_suffix(b"\n").unwrap()).unwrap();
        let (first, _) = scan_from(&f, &path, Resume::default());
        assert_eq!(first.entries, 5);
        let now = OffsetDateTime::now_utc();
        let crl = Event::Crl {
            crl_number: 1,
            this_update: now,
            next_update: now,
            revoked: 0,
            sha256: "cd".repeat(32),
        };
        let _ = append_all(&path, &f.cert, &f.key, vec![crl], now).unwrap();
        let (rest, lines) = scan_from(&f, &path, resume(&first, &path).unwrap());
        assert_eq!((lines, rest.entries), (vec![6], 6));
    }

    #[test]
    fn a_scan_does_not_resume_when_its_last_line_changed_or_is_gone() {
        let f = Fixture::new();
        let path = f.path("r.jsonl");
        let whole = f.ledger("r.jsonl", 4);
        let (first, _) = scan_from(&f, &path, Resume::default());
        let last = whole[..whole.len() - 1]
            .iter()
            .rposition(|b| *b == b'\n')
            .unwrap()
            + 1;
        for changed in [
            // Truncated, cut inside its last line, or that line edited in place.
            whole[..last].to_vec(),
            whole[..whole.len() - 1].to_vec(),
            [&whole[..last + 20], b"X", &whole[last + 21..]].concat(),
            // Its newline became a CRLF, or text follows a line that had one.
            [&whole[..whole.len() - 1], b"\r\n"].concat(),
        ] {
            std::fs::write(&path, &changed).unwrap();
            assert!(
                resume(&first, &path).is_none(),
                "{}",
                String::from_utf8_lossy(&changed)
            );
        }
        // A line without its newline, followed by anything but one.
        std::fs::write(&path, &whole[..whole.len() - 1]).unwrap();
        let (first, _) = scan_from(&f, &path, Resume::default());
        std::fs::write(&path, [&whole[..whole.len() - 1], b"{"].concat()).unwrap();
        assert!(resume(&first, &path).is_none());
        // An empty ledger resumes from its start.
        std::fs::write(&path, b"\n").unwrap();
        let (empty, _) = scan_from(&f, &path, Resume::default());
        std::fs::write(&path, &whole).unwrap();
        let (all, lines) = scan_from(&f, &path, resume(&empty, &path).unwrap());
        assert_eq!((all.entries, lines), (4, vec![1, 2, 3, 4]));
    }
}
