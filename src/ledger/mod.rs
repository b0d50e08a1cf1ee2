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
//!
//! A line holds at most `file::MAX_LINE` bytes (16 MiB): every reader
//! refuses a longer one, naming its line, once it has read that much of it,
//! so that garbage without a newline (a sparse tail of NULs) costs a
//! bounded read, never memory for the whole file. A torn tail is the start
//! of a line, bounded by the same length.
//!
//! Entries are typed ([`Event`], [`Entry`] in `event`): [`append`] is the one
//! writer and [`scan`] the one reader of every line (streaming, in linear
//! time; [`verify`], which holds the whole ledger, is its reference), and an
//! entry the CA signed that is not a well-formed event is an error naming
//! its line, never skipped. `file` holds the write-ahead log and its lock,
//! `verify` the checks of one line and of the tail, `scan` the stream.
//!
//! An append reads the end of the file only, so its cost does not grow
//! with the ledger: the last line must be one the CA signed, and link to
//! the line before it (its hash, and the next sequence number), or be the
//! first line; the new line links to it. Damage further back (a line
//! dropped or added before the last two, a garbage or non-UTF-8 line in
//! the middle) is left to the readers of every line, `ledger verify`,
//! `crl` and `revoke`, which refuse it: appending after it hides nothing,
//! since no earlier byte changes and the chain stays broken where it broke.

mod event;
mod file;
mod scan;
mod verify;

use std::path::Path;

use time::OffsetDateTime;

use crate::ca::Issuer;
use crate::hex;
use crate::keys::Signer;
use crate::note::Note;
use crate::time::rfc3339;
use crate::x509::certificate::{Certificate, names_serial};
use crate::x509::crl::Reason;
use crate::{Error, Result};

pub use event::{Entry, Event, issued};
#[cfg(test)]
pub use file::read;
pub use scan::{Mode, Scanned, scan};
// The first reader of every line, kept as the reference that `scan` is
// checked against.
#[cfg(test)]
pub use verify::{Verified, verify};

use file::{Locked, read_tail};
use scan::{Resume, scan_file};
use verify::check_tail;

fn sha256_hex(bytes: &[u8]) -> String {
    hex::sha256_lower(bytes)
}

/// Checks, before anything is issued, that `path` is a ledger this CA can
/// append to: absent, empty or blank (a new ledger), or ending in a line the
/// CA signed that links to the line before it (its hash, and the next
/// sequence number) or is the first line. A torn tail does not count (see
/// `committed`). `ca_cert` None means a CA that does not exist yet
/// (initca): only a new ledger will do. A garbage file, another CA's
/// ledger or a directory fail here, before a certificate (or a key in a
/// token) is made rather than after; the append checks again under its lock.
///
/// It reads the end of the file only (the last two lines that hold
/// something), so its cost does not grow with the ledger, and it verifies
/// one signature. What that gives up, against a check of every line: a
/// line dropped or added further back than the last two, a line in the
/// middle that is not a ledger line, and bytes in the middle that are not
/// UTF-8 are no longer refused here. An append after such damage hides
/// nothing: it changes no earlier byte and links only to the last line,
/// and `ledger verify`, `crl` and `revoke` read every line and still refuse
/// the ledger, naming the damaged line.
pub fn check_appendable(path: &Path, ca_cert: Option<&Certificate>) -> Result<()> {
    let io = |source| Error::LedgerIo {
        path: path.to_path_buf(),
        source,
    };
    match file::open(path)? {
        // A new ledger: its directory must be there, or the append after a
        // signature (or after a key made in a token) is the first to fail.
        None => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            match std::fs::metadata(dir) {
                Ok(meta) if meta.is_dir() => Ok(()),
                Ok(_) => Err(io(std::io::Error::from(std::io::ErrorKind::NotADirectory))),
                Err(source) => Err(io(source)),
            }
        }
        Some(file) => {
            let tail = read_tail(path, &file)?;
            check_tail(path, &file, &tail, ca_cert).map(drop)
        }
    }
}

/// What an append did.
#[derive(Debug)]
#[must_use = "an append's notes are for the person who ran it"]
pub struct Appended {
    /// The sequence number of the first entry it added.
    pub first_seq: u64,
    /// The sequence number of the last entry it added.
    pub seq: u64,
    /// An interrupted append that was removed first, if there was one.
    pub notes: Vec<Note>,
}

/// Appends an event, signed by the CA, under an exclusive lock, after
/// checking the ledger's end again under it (as [`check_appendable`] does)
/// and removing a torn tail. Returns once the line is synced: only then may
/// what it records be handed out. Its cost does not grow with the ledger.
pub fn append(
    path: &Path,
    ca_cert: &Certificate,
    ca_key: &dyn Signer,
    event: Event,
    now: OffsetDateTime,
) -> Result<Appended> {
    append_all(path, ca_cert, ca_key, vec![event], now)
}

/// Appends events in order, as [`append`] does one, under one lock and
/// with one write and one sync for all of them: what batch issuance records
/// a chunk of certificates with. A crash part-way leaves whole lines for
/// certificates never handed out (which the ledger allows: nothing is
/// handed out before the sync) and at most one torn tail.
pub fn append_all(
    path: &Path,
    ca_cert: &Certificate,
    ca_key: &dyn Signer,
    events: Vec<Event>,
    now: OffsetDateTime,
) -> Result<Appended> {
    Locked::open(path)?.append(ca_cert, ca_key, events, now)
}

/// What [`append_with`] reads a ledger into before it decides what to
/// append: the entries it keeps, taken in file order (for a CRL, the
/// revocations and the last CRL number), never the whole ledger.
pub trait Fold {
    /// Whether `entry` matters; every line is checked, only these are kept.
    fn keep(entry: &Entry) -> bool;
    /// Takes in the next entry `keep` selected.
    fn add(&mut self, entry: Entry) -> Result<()>;
}

/// Appends an event that depends on every entry before it (a CRL: its
/// number and the revocations it lists), decided under the ledger's
/// exclusive lock, so that two runs cannot both read the same ledger and
/// publish different CRLs under one number. Every line is checked and
/// folded into `new()` without the lock (at a million lines that takes
/// seconds, which every `sign` would wait through); then, under the lock,
/// only the lines appended since are, unless the ledger changed before the
/// end of that first read, when all of it is read again into a new fold.
/// `decide` returns the event and what the caller gets back (the CRL),
/// returned only once the line is synced.
pub fn append_with<F: Fold, T>(
    path: &Path,
    issuer: &Issuer,
    now: OffsetDateTime,
    new: impl Fn() -> F,
    decide: impl FnOnce(F) -> Result<(Event, T)>,
) -> Result<(T, Appended)> {
    let settled: Settled<F, ()> =
        fold_then_lock(path, issuer, Mode::Links, F::keep, new, F::add, |_| {
            Ok(None)
        })?;
    let Settled::Locked(mut ledger, fold) = settled else {
        unreachable!("append_with settles nothing before the lock")
    };
    ledger.check(&issuer.cert)?;
    let (event, made) = decide(fold)?;
    let appended = ledger.append(&issuer.cert, &issuer.key, vec![event], now)?;
    Ok((made, appended))
}

/// What [`fold_then_lock`] ends with.
enum Settled<'a, S, T> {
    /// Decided on the read without the lock; no lock taken, no ledger made.
    Early(T),
    /// The ledger, locked, and every line of it folded in.
    Locked(Locked<'a>, S),
}

/// Folds every line of the ledger at `path` into `new()` with `add`
/// without the lock; returns `early`'s answer when that read settles it;
/// else locks the ledger and folds in the lines appended since (or all of
/// them again into a new fold, when the ledger changed before the end of
/// the first read). The shared half of [`append_with`] and [`revoke`].
fn fold_then_lock<'a, S, T>(
    path: &'a Path,
    issuer: &Issuer,
    mode: Mode,
    keep: impl Fn(&Entry) -> bool + Sync,
    new: impl Fn() -> S,
    add: impl Fn(&mut S, Entry) -> Result<()>,
    early: impl Fn(&S) -> Result<Option<T>>,
) -> Result<Settled<'a, S, T>> {
    let (ca, ca_source) = (&issuer.cert, issuer.cert_source.as_str());
    let mut fold = new();
    let earlier = scan(path, ca, ca_source, mode, &keep, |e| add(&mut fold, e))?;
    if let Some(settled) = early(&fold)? {
        return Ok(Settled::Early(settled));
    }
    let ledger = Locked::open(path)?;
    let resume = resume_after(path, &ledger, earlier.as_ref())?;
    if resume.is_none() {
        fold = new();
    }
    let since = |e| add(&mut fold, e);
    let resume = resume.unwrap_or_default();
    let _ = scan_file(
        path,
        &ledger.file,
        resume,
        ca,
        ca_source,
        mode,
        &keep,
        since,
    )?;
    Ok(Settled::Locked(ledger, fold))
}

/// Where a read under the lock resumes after `earlier`, a read of the same
/// ledger without it: after its last line, or from the start (`None`) when
/// there was no ledger then or it changed before that line's end.
fn resume_after(path: &Path, ledger: &Locked, earlier: Option<&Scanned>) -> Result<Option<Resume>> {
    let Some(earlier) = earlier else {
        return Ok(None);
    };
    earlier
        .resume_in(&ledger.file)
        .map_err(|source| Error::LedgerIo {
            path: path.to_path_buf(),
            source,
        })
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
/// every line's hash link against the issuer (and the first and last
/// signatures, which the links carry to every line): refused when the
/// ledger must vouch for the serial and does not record it as issued, and
/// nothing added when it is revoked already. Only the lines that record
/// the serial are typed as entries (see [`Mode::Serial`]); `ledger verify`
/// and `crl` type every line. Decided once on a plain read, so that a
/// refusal creates no ledger, and again under the lock over the lines
/// appended since, so that two runs revoking one serial add one line.
pub fn revoke(
    path: &Path,
    issuer: &Issuer,
    serial: &[u8],
    reason: Reason,
    issuance: Issuance,
    now: OffsetDateTime,
) -> Result<Revoked> {
    // What the ledger says of the serial; only its lines are typed.
    #[derive(Default)]
    struct Record {
        issued: bool,
        /// The first revocation: the one a CRL lists.
        revoked: Option<(Reason, OffsetDateTime)>,
    }
    let of_serial = |recorded: &str| names_serial(recorded, serial);
    let mode = Mode::Serial(&of_serial);
    let add = |record: &mut Record, entry: Entry| match entry.event {
        Event::Revoked {
            serial,
            reason,
            revoked_at,
        } if of_serial(&serial) => {
            record.revoked.get_or_insert((reason, revoked_at));
        }
        Event::Issued { serial, .. } if of_serial(&serial) => record.issued = true,
        _ => {}
    };
    let decide = |record: &Record| -> Result<Option<Revoked>> {
        if let Some((reason, revoked_at)) = record.revoked {
            return Ok(Some(Revoked::Already {
                reason: reason.to_string(),
                revoked_at: rfc3339(revoked_at),
            }));
        }
        if issuance == Issuance::FromLedger && !record.issued {
            return Err(Error::SerialNotIssued {
                serial: hex::serial(serial),
                ledger: path.to_path_buf(),
                ca: issuer.cert_source.clone(),
            });
        }
        Ok(None)
    };
    let add = |record: &mut Record, entry: Entry| {
        add(record, entry);
        Ok(())
    };
    let early = |record: &Record| decide(record);
    let settled = fold_then_lock(path, issuer, mode, |_| true, Record::default, add, early)?;
    let mut ledger = match settled {
        Settled::Early(already) => return Ok(already),
        Settled::Locked(ledger, record) => match decide(&record)? {
            Some(already) => return Ok(already),
            None => ledger,
        },
    };
    ledger.check(&issuer.cert)?;
    let event = Event::Revoked {
        serial: hex::serial(serial),
        reason,
        revoked_at: now,
    };
    let appended = ledger.append(&issuer.cert, &issuer.key, vec![event], now)?;
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
    let not_issued = || Error::NotIssuedByCa {
        cert: cert_source.into(),
        ca: ca_source.into(),
    };
    if cert.issuer_der != ca.subject_der {
        return Err(not_issued());
    }
    if cert.is_signed_by(ca) {
        Ok(())
    } else {
        Err(not_issued())
    }
}

/// The number the next CRL gets: one more than the highest one published
/// (`last`, with its line), 1 for the first. A ledger whose last number has
/// no successor is an error, never a number that wraps to one used before.
pub fn next_crl_number(path: &Path, last: Option<(u64, usize)>) -> Result<u64> {
    match last {
        None => Ok(1),
        Some((number, line)) => number.checked_add(1).ok_or_else(|| Error::Ledger {
            path: path.to_path_buf(),
            line,
            reason: format!("CRL number {number} has no successor"),
        }),
    }
}
