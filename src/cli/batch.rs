//! `certsmith sign --batch`: many requests signed in one run (issue 18).
//!
//! This file turns what was typed into inputs (files, directories of
//! `*.csr` and `*.json` files, JSON lines on stdin), gives each input a
//! name, and hands the results out in input order: one JSON line each on
//! stdout, or split-json's files in `--out-dir`. The signing itself, on
//! every core, and the ledger, a chunk at a time, are the library's
//! ([`certsmith::issue::batch`]).
//!
//! Each input goes through the same rules as a single `sign`: the profile
//! decides, the CSR's self-signature is checked, `--strict` refuses what
//! would be clamped, a CA profile prints its record. A refused input is
//! reported with its file name or stdin line; it stops the batch (what came
//! before it is recorded and handed out, nothing after it is recorded)
//! unless `--keep-going` is given.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use walkdir::{DirEntry, WalkDir};
use zeroize::Zeroizing;

use certsmith::cfssl::config::Profile;
use certsmith::cfssl::envelope::{self, Part, SignInput};
use certsmith::cfssl::split::out_dir::{OutDir, Staged};
use certsmith::issue::Options;
use certsmith::issue::batch::{BATCH, Batch, Feed, Flow, Sink};
use certsmith::keys::PrivateKey;
use certsmith::keys::sealed;
use certsmith::ledger::{self, Event};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::pemfile;
use certsmith::{Error, Note, Result};

use super::exit::Outcome;
use super::io::{self, Input as FileInput};
use super::secrets::{self, PassphraseArgs, SealArgs, UnlockArgs};
use super::token::TokenArgs;

/// Reads of stdin (each up to [`BATCH`] lines) queued for the feeder.
const QUEUED_READS: usize = 2;

/// The longest stdin line read as one request. A CSR JSON or genkey's
/// output is a few kilobytes; a megabyte line is no request.
const LONGEST_LINE: usize = 1 << 20;

/// How many notes a batch prints, each naming its input; the rest are
/// counted.
const MOST_NOTES: usize = 100;

/// What `sign --batch` was given.
pub(super) struct BatchArgs {
    pub ca: PathBuf,
    pub ca_key: PathBuf,
    pub unlock: UnlockArgs,
    pub token: TokenArgs,
    pub passphrase: PassphraseArgs,
    pub seal: SealArgs,
    pub strict: bool,
    pub ledger: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub keep_going: bool,
    pub inputs: Vec<String>,
}

pub(super) fn run(args: BatchArgs, profile: &Profile) -> Outcome {
    profile.check_local()?;
    // Asked for once, before anything is signed: a passphrase prompt in the
    // middle of a batch would stop the workers behind it.
    let seal = Mutex::new(args.seal.seal(&args.passphrase, "the new private keys")?);
    let issuer = super::authority::load_issuer(
        &args.ca,
        &args.ca_key,
        &args.unlock,
        &args.token,
        &args.passphrase,
    )?;
    if let Some(path) = &args.ledger {
        ledger::check_appendable(path, Some(&issuer.cert))?;
    }
    let out_dir = match &args.out_dir {
        None => None,
        Some(path) => {
            let (dir, made, notes) = OutDir::open(path, SystemTime::now())?;
            if made {
                say!(
                    "note: created directory {}",
                    io::for_terminal(&path.display().to_string())
                );
            }
            io::print_notes(&notes);
            Some(dir)
        }
    };
    let options = Options {
        strict: args.strict,
        ..Options::default()
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from) + 1;
    let batch = Batch {
        issuer: &issuer,
        profile,
        options: &options,
        ledger: args.ledger.as_deref(),
        clock: &io::now,
        workers,
    };
    let context = Context {
        batch: &batch,
        out_dir: out_dir.as_ref(),
        seal: &seal,
        ca_profile: profile.is_ca(),
    };
    let mut writer = Writer {
        out_dir: out_dir.as_ref(),
        names: Names::new(out_dir.is_some()),
        keep_going: args.keep_going,
        issued: 0,
        refused: 0,
        undelivered: 0,
        stopped: None,
        closed: false,
        notes: Notes::default(),
    };
    let inputs = Inputs::new(args.inputs.clone(), args.out_dir.as_deref());
    let ran = batch.run(inputs, |input| context.make(input), &mut writer);
    writer.finish(ran, &args)
}

/// `n` things: `1 certificate`, `2 certificates`.
fn count(n: u64, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// One input, as the feeder reads it: a file to read, a stdin line, or
/// what could not be read, refused at its place.
enum Input {
    File(PathBuf),
    Line {
        line: u64,
        bytes: Zeroizing<Vec<u8>>,
    },
    Unreadable(Error),
}

/// The inputs named on the command line, one at a time: files as they are,
/// directories walked (sorted, links followed, `*.csr` and `*.json` only),
/// `-` read line by line.
struct Inputs {
    args: std::vec::IntoIter<String>,
    /// stdin's lines, read on a thread of their own ([`read_lines`]).
    lines: Receiver<Option<Vec<Input>>>,
    /// Where the reader sends them, and `None` when the batch has stopped.
    to_lines: SyncSender<Option<Vec<Input>>>,
    /// Lines received and not yet taken.
    pending: VecDeque<Input>,
    /// `-` is being read.
    in_stdin: bool,
    walk: Option<Walk>,
    /// `--out-dir` (its device and inode): never walked into, where a
    /// directory it is in is walked, or its files would be read as inputs.
    out_dir: Option<(u64, u64)>,
}

/// Which entries of a walk are taken (and which directories entered).
type EntryFilter = Box<dyn FnMut(&DirEntry) -> bool>;

/// A directory being walked.
struct Walk {
    root: String,
    entries: walkdir::FilterEntry<walkdir::IntoIter, EntryFilter>,
    /// Files that are neither `*.csr` nor `*.json`: a key beside its CSR is
    /// never read as a request.
    skipped: u64,
}

impl Inputs {
    fn new(args: Vec<String>, out_dir: Option<&Path>) -> Inputs {
        let (to_lines, lines) = sync_channel(QUEUED_READS);
        Inputs {
            args: args.into_iter(),
            lines,
            to_lines,
            pending: VecDeque::new(),
            in_stdin: false,
            walk: None,
            // Opened already: it exists.
            out_dir: out_dir
                .and_then(|dir| std::fs::metadata(dir).ok())
                .map(|meta| (meta.dev(), meta.ino())),
        }
    }
}

impl Feed for Inputs {
    type Input = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(input) = self.pending.pop_front() {
                return Some(input);
            }
            if self.in_stdin {
                match self.lines.recv() {
                    Ok(Some(lines)) => {
                        self.pending.extend(lines);
                        continue;
                    }
                    // The end of stdin, or the batch stopped.
                    Ok(None) | Err(_) => self.in_stdin = false,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(input) => return Some(input),
                    None => {
                        if walk.skipped > 0 {
                            say!(
                                "note: {}: skipped {} that {} neither *.csr nor *.json",
                                io::for_terminal(&walk.root),
                                count(walk.skipped, "file"),
                                if walk.skipped == 1 { "is" } else { "are" }
                            );
                        }
                        self.walk = None;
                    }
                }
            }
            let arg = self.args.next()?;
            if arg == "-" {
                // Read on a thread the run never waits for: a batch that
                // stops while a producer holds stdin open (`tail -f queue |`)
                // ends at once, and the process exits with the reader still
                // blocked in its read.
                let to_lines = self.to_lines.clone();
                std::thread::spawn(move || read_lines(&to_lines));
                self.in_stdin = true;
            } else if Path::new(&arg).is_dir() {
                let out_dir = self.out_dir;
                let not_out_dir: EntryFilter = Box::new(move |entry| {
                    out_dir.is_none()
                        || !entry.file_type().is_dir()
                        || entry
                            .metadata()
                            .ok()
                            .is_none_or(|meta| Some((meta.dev(), meta.ino())) != out_dir)
                });
                let entries = WalkDir::new(&arg)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(not_out_dir);
                self.walk = Some(Walk {
                    root: arg,
                    entries,
                    skipped: 0,
                });
            } else {
                return Some(Input::File(PathBuf::from(arg)));
            }
        }
    }

    /// stdin is ready when a line read with the last one is at hand;
    /// otherwise the next one may wait for a producer, and what was read
    /// goes out first.
    fn ready(&self) -> bool {
        !self.in_stdin || !self.pending.is_empty()
    }

    fn waker(&self) -> Option<Box<dyn FnOnce() + Send>> {
        let to_lines = self.to_lines.clone();
        // When the queue is full, the feeder is not waiting for a line, and
        // sees that the batch stopped once it has taken one.
        Some(Box::new(move || {
            let _ = to_lines.try_send(None);
        }))
    }
}

/// stdin's lines that hold something, sent to `to_lines` as they were
/// read together (up to [`BATCH`]: all the whole lines one read brought),
/// until its end or until nobody takes them, then `None`. A failed read
/// ends it: nothing after it can be trusted to be whole.
fn read_lines(to_lines: &SyncSender<Option<Vec<Input>>>) {
    let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut line = 0;
    let mut read_together = Vec::with_capacity(BATCH);
    let mut end = false;
    while !end {
        line += 1;
        let mut bytes = Zeroizing::new(Vec::new());
        let read = (&mut reader)
            .take(LONGEST_LINE as u64 + 1)
            .read_until(b'\n', &mut bytes);
        match read {
            Ok(0) => end = true,
            Err(source) => {
                read_together.push(Input::Unreadable(Error::ReadStdin { source }));
                end = true;
            }
            Ok(_) if bytes.len() > LONGEST_LINE && bytes.last() != Some(&b'\n') => {
                let _ = reader.skip_until(b'\n');
                read_together.push(Input::Unreadable(Error::BatchLineTooLong {
                    line,
                    limit: LONGEST_LINE,
                }));
            }
            Ok(_) if bytes.trim_ascii().is_empty() => {}
            Ok(_) => read_together.push(Input::Line { line, bytes }),
        }
        // The next read may wait for a producer: what was read goes first.
        let may_wait = !reader.buffer().contains(&b'\n');
        if !read_together.is_empty() && (end || may_wait || read_together.len() == BATCH) {
            let lines = std::mem::replace(&mut read_together, Vec::with_capacity(BATCH));
            if to_lines.send(Some(lines)).is_err() {
                return;
            }
        }
    }
    let _ = to_lines.send(None);
}

impl Walk {
    fn next(&mut self) -> Option<Input> {
        loop {
            let entry = match self.entries.next()? {
                Ok(entry) => entry,
                Err(e) => {
                    return Some(Input::Unreadable(super::inspect::walk_error(&self.root, e)));
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if name.ends_with(".csr") || name.ends_with(".json") {
                return Some(Input::File(entry.into_path()));
            }
            self.skipped += 1;
        }
    }
}

/// The name of a file input: its base name without `.csr`, `-csr.json` or
/// `.json` (`certs/app-csr.json` is `app`).
fn file_name(path: &Path) -> String {
    let base = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for suffix in ["-csr.json", ".csr", ".json"] {
        if let Some(stem) = base.strip_suffix(suffix) {
            return stem.to_owned();
        }
    }
    base
}

/// Why `name` cannot name an input's files, if it cannot.
fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name.contains('/') {
        Some("it contains /")
    } else if name.starts_with('.') {
        Some("it starts with .")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else {
        None
    }
}

/// What the workers share.
struct Context<'a> {
    batch: &'a Batch<'a>,
    out_dir: Option<&'a OutDir>,
    /// How keys made here are sealed. age's recipients are `Send` but not
    /// `Sync`: sealing takes turns.
    seal: &'a Mutex<Option<secrets::KeySeal>>,
    ca_profile: bool,
}

/// A signed input, ready to hand out once its ledger line is synced.
struct Made {
    /// How messages name the input: its path, or `stdin line N`.
    source: String,
    name: String,
    /// Its stdin line, if it is one.
    line: Option<u64>,
    /// A stdin line without a name, named `line-N`.
    unnamed: bool,
    out: Out,
    notes: Vec<Note>,
    /// The certificate, for the record a CA profile prints.
    ca_record: Option<Certificate>,
}

/// What is handed out for one input.
enum Out {
    /// Its JSON line (it may hold a key).
    Line(Zeroizing<Vec<u8>>),
    /// Its files, written under temporary names.
    Files(Staged),
}

impl Context<'_> {
    /// A worker's job: read the input, sign it, and make what is handed out.
    fn make(&self, input: Input) -> Result<(Event, Made)> {
        let (source, line) = match &input {
            Input::File(path) => (path.display().to_string(), None),
            Input::Line { line, .. } => (format!("stdin line {line}"), Some(*line)),
            // Named already: a path, or a stdin line.
            Input::Unreadable(_) => (String::new(), None),
        };
        self.make_from(input, &source, line)
            .map_err(|e| named(&source, e))
    }

    fn make_from(&self, input: Input, source: &str, line: Option<u64>) -> Result<(Event, Made)> {
        let (name, request) = match input {
            Input::File(path) => {
                let file = FileInput::request(source)?;
                (
                    Some(file_name(&path)),
                    envelope::sign_input(&file.bytes, source)?,
                )
            }
            Input::Line { bytes, .. } => envelope::batch_line(&bytes, source)?,
            Input::Unreadable(e) => return Err(e),
        };
        let unnamed = line.is_some() && name.is_none();
        let name = match (name, line) {
            (Some(name), _) => name,
            (None, Some(_)) if self.out_dir.is_some() => {
                return Err(Error::BatchNameMissing {
                    source: source.into(),
                });
            }
            (None, line) => format!("line-{}", line.unwrap_or_default()),
        };
        if let Some(problem) = name_problem(&name) {
            return Err(Error::BatchNameInvalid {
                source: source.into(),
                name,
                problem,
            });
        }
        if let Some(dir) = self.out_dir {
            // Refused before it is signed: nothing recorded for it.
            dir.check_free(&name)?;
        }
        let (csr, key, mut notes) = self.request(request)?;
        let signed = self.batch.sign(&csr)?;
        notes.extend(signed.notes);
        let ca_record = if self.ca_profile {
            Some(Certificate::from_der(
                signed.der.clone(),
                "the new certificate",
            )?)
        } else {
            None
        };
        let cert = pemfile::encode("CERTIFICATE", &signed.der);
        let csr = csr.to_pem();
        let out = match self.out_dir {
            None => Out::Line(json_line(
                &name,
                &cert,
                &csr,
                key.as_ref().map(|k| k.as_str()),
            )),
            Some(dir) => Out::Files(dir.stage(&name, &parts(cert, csr, key))?),
        };
        Ok((
            signed.event,
            Made {
                source: source.into(),
                name,
                line,
                unnamed,
                out,
                notes,
                ca_record,
            },
        ))
    }

    /// The request to sign, and the key made for it (a CSR JSON), as
    /// `sign` makes them.
    fn request(
        &self,
        request: SignInput,
    ) -> Result<(CertificateRequest, Option<Zeroizing<String>>, Vec<Note>)> {
        match request {
            SignInput::Csr { csr, key } => Ok((csr, key, Vec::new())),
            SignInput::CsrJson { request, notes } => {
                let key = PrivateKey::generate(request.key)?;
                let csr = CertificateRequest::made_for(&request, &key)?;
                let seal = self.seal.lock().unwrap_or_else(PoisonError::into_inner);
                let text = secrets::key_text(&key, seal.as_ref())?;
                Ok((csr, Some(text), notes))
            }
        }
    }
}

/// An error about an input, named by it: `certs/app.csr: …`, `stdin line
/// 17: …`. Most errors about a file name it already.
fn named(source: &str, error: Error) -> Error {
    if source.is_empty() {
        return error;
    }
    let message = super::hint::message(&error);
    let names_it = message
        .strip_prefix(source)
        .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(' '));
    if names_it {
        error
    } else {
        error.within(source)
    }
}

/// `{"name":…,"cert":…,"csr":…}` and `"key"` when a key was made or came
/// with the request, on one line. Written into a buffer that does not grow
/// (so leaves no copy of a key behind) and is cleared when dropped.
fn json_line(name: &str, cert: &str, csr: &str, key: Option<&str>) -> Zeroizing<Vec<u8>> {
    // Escaping at most doubles a text here (newlines; names hold no control
    // characters), plus the member names.
    let len = name.len() + cert.len() + csr.len() + key.map_or(0, str::len);
    let mut line = Zeroizing::new(Vec::with_capacity(2 * len + 64));
    let mut member = |first: bool, member: &str, text: &str| {
        line.extend_from_slice(if first { b"{\"" } else { b",\"" });
        line.extend_from_slice(member.as_bytes());
        line.extend_from_slice(b"\":");
        serde_json::to_writer(&mut *line, text).expect("a string serializes into a Vec");
    };
    member(true, "name", name);
    member(false, "cert", cert);
    member(false, "csr", csr);
    if let Some(key) = key {
        member(false, "key", key);
    }
    line.extend_from_slice(b"}\n");
    line
}

/// split-json's parts of a certificate, its request and the key made for
/// it (`-key.age` when it is sealed, `-key.quorum` sealed to a quorum).
fn parts(cert: String, csr: String, key: Option<Zeroizing<String>>) -> Vec<Part> {
    let part = |suffix, contents: Zeroizing<Vec<u8>>, secret: bool| Part {
        suffix,
        contents,
        mode: if secret { 0o600 } else { 0o644 },
        secret,
    };
    let mut parts = vec![
        part(".pem", Zeroizing::new(cert.into_bytes()), false),
        part(".csr", Zeroizing::new(csr.into_bytes()), false),
    ];
    if let Some(key) = key {
        let suffix = if sealed::is_sealed(key.as_bytes()) {
            "-key.age"
        } else if certsmith::keys::quorum::is_quorum(key.as_bytes()) {
            "-key.quorum"
        } else {
            "-key.pem"
        };
        parts.push(part(suffix, Zeroizing::new(key.as_bytes().to_vec()), true));
    }
    parts
}

/// The writer's side: names checked in input order, results handed out,
/// refusals reported.
struct Writer<'a> {
    out_dir: Option<&'a OutDir>,
    names: Names,
    keep_going: bool,
    issued: u64,
    refused: u64,
    /// Certificates signed (and recorded in the ledger, if there is one)
    /// that could not be handed out: the operator may want to revoke them.
    undelivered: u64,
    /// The refusal that stopped the batch (without `--keep-going`).
    stopped: Option<Error>,
    /// stdout was closed (`| head`): the batch stopped, and that is no error.
    closed: bool,
    notes: Notes,
}

impl Writer<'_> {
    /// How the run ends: 0 only when every input was issued (or stdout
    /// closed), else the refusal that stopped it or the count of refusals.
    fn finish(self, ran: Result<()>, args: &BatchArgs) -> Outcome {
        if self.notes.left_out > 0 {
            say!(
                "note: {} left out (a batch prints at most {MOST_NOTES})",
                count(self.notes.left_out, "note")
            );
        }
        if self.undelivered > 0 {
            let certificates = count(self.undelivered, "certificate");
            let were = if self.undelivered == 1 { "was" } else { "were" };
            match &args.ledger {
                Some(ledger) => say!(
                    "note: {certificates} recorded in {} {were} not handed out",
                    io::for_terminal(&ledger.display().to_string())
                ),
                None => say!("note: {certificates} signed {were} not handed out"),
            }
        }
        ran?;
        if let Some(stop) = self.stopped {
            say!(
                "note: {} issued; the batch stopped at the input below (--keep-going goes past it)",
                count(self.issued, "certificate")
            );
            return Err(stop.into());
        }
        if let (Some(dir), 1..) = (&args.out_dir, self.issued) {
            say!(
                "wrote {} to {}",
                count(self.issued, "certificate"),
                io::for_terminal(&dir.display().to_string())
            );
        }
        if self.refused + self.undelivered > 0 {
            return Err(Error::BatchIncomplete {
                issued: self.issued,
                total: self.issued + self.refused + self.undelivered,
                refused: self.refused,
                undelivered: self.undelivered,
            }
            .into());
        }
        if self.issued == 0 && !self.closed {
            let inputs: Vec<&str> = args
                .inputs
                .iter()
                .map(|arg| if arg == "-" { "stdin" } else { arg })
                .collect();
            return Err(Error::BatchNoInput {
                inputs: inputs.join(", "),
            }
            .into());
        }
        Ok(())
    }

    fn refuse(&mut self, error: Error) -> Flow {
        self.refused += 1;
        self.stop_at(error)
    }

    /// What was recorded and could not be handed out (a file appeared in
    /// --out-dir) stops the batch as a refused input does.
    fn undelivered(&mut self, error: Error) -> Flow {
        self.undelivered += 1;
        self.stop_at(error)
    }

    fn stop_at(&mut self, error: Error) -> Flow {
        if self.keep_going {
            super::print_error(&error);
            return Flow::Continue;
        }
        match self.stopped {
            // Refused after it was recorded (a file appeared in --out-dir):
            // the rest of its chunk is recorded too, and still handed out.
            Some(_) => super::print_error(&error),
            None => self.stopped = Some(error),
        }
        Flow::Stop
    }
}

impl Sink<Made> for Writer<'_> {
    fn admit(&mut self, made: &Made) -> Result<()> {
        // A name given twice is named as such, before its first files are
        // found in --out-dir; a name refused is not recorded as given.
        self.names.check(made)?;
        if let Some(dir) = self.out_dir {
            // A name handed out since its worker looked: its files are there.
            dir.check_free(&made.name)
                .map_err(|e| named(&made.source, e))?;
        }
        self.names.record(made);
        Ok(())
    }

    fn hand_out(&mut self, items: Vec<Made>) -> Result<Flow> {
        self.names.handed_out(&items);
        let mut flow = Flow::Continue;
        // What each certificate handed out has to say on stderr.
        let mut handed = Vec::with_capacity(items.len());
        // Why the rest of the chunk was not handed out, if it was not.
        let mut failed = None;
        match self.out_dir {
            None => {
                let mut text = Zeroizing::new(Vec::new());
                let mut ends = Vec::with_capacity(items.len());
                for made in &items {
                    if let Out::Line(line) = &made.out {
                        text.extend_from_slice(line);
                    }
                    ends.push(text.len());
                }
                let written = match write_stdout(&text) {
                    Ok(()) => text.len(),
                    // `| head`: what it took is recorded; nothing more will be.
                    Err((_, e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                        self.closed = true;
                        flow = Flow::Stop;
                        text.len()
                    }
                    Err((written, source)) => {
                        failed = Some(Error::WriteFile {
                            path: "stdout".into(),
                            source,
                        });
                        written
                    }
                };
                for (made, end) in items.into_iter().zip(ends) {
                    if end <= written {
                        handed.push((made.source, made.notes, made.ca_record));
                    } else if failed.is_some() {
                        self.undelivered += 1;
                    }
                }
            }
            Some(dir) => {
                // The chunk's temporaries reach the disk before any is
                // renamed into place; the renames, in one directory sync.
                if let Err(e) = dir.sync() {
                    self.undelivered += items.len() as u64;
                    return Err(e);
                }
                for made in items {
                    let committed = match made.out {
                        Out::Files(staged) => staged.commit(),
                        Out::Line(_) => Ok(()),
                    };
                    match committed {
                        Ok(()) => handed.push((made.source, made.notes, made.ca_record)),
                        Err(e) => {
                            if self.undelivered(named(&made.source, e)) == Flow::Stop {
                                flow = Flow::Stop;
                            }
                        }
                    }
                }
                dir.sync_renames();
            }
        }
        for (source, notes, ca_record) in &handed {
            self.issued += 1;
            for note in notes {
                self.notes.print(source, note);
            }
            if let Some(cert) = ca_record {
                super::authority::print_ca_record(cert);
            }
        }
        match failed {
            Some(error) => Err(error),
            None => Ok(flow),
        }
    }

    fn refused(&mut self, error: Error) -> Flow {
        self.refuse(error)
    }

    fn note(&mut self, note: Note) {
        io::print_notes(&[note]);
    }
}

/// Writes `text` to stdout; on failure, how many bytes of it went out.
fn write_stdout(text: &[u8]) -> std::result::Result<(), (usize, std::io::Error)> {
    let mut out = std::io::stdout().lock();
    let mut written = 0;
    while written < text.len() {
        match out.write(&text[written..]) {
            Ok(0) => return Err((written, std::io::ErrorKind::WriteZero.into())),
            Ok(n) => written += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err((written, e)),
        }
    }
    out.flush().map_err(|e| (written, e))
}

/// Notes about inputs, each named by its input, and no more than
/// [`MOST_NOTES`] of them: the rest are counted.
#[derive(Default)]
struct Notes {
    printed: usize,
    left_out: u64,
}

impl Notes {
    fn print(&mut self, source: &str, note: &Note) {
        if self.printed == MOST_NOTES {
            self.left_out += 1;
            return;
        }
        self.printed += 1;
        say!("{}", io::for_terminal(&note_about(source, note)));
    }
}

/// `warning: stdin line 2: …`: a note named by its input, unless it names
/// the input already.
fn note_about(source: &str, note: &Note) -> String {
    let text = super::hint::batch_note(note);
    let Some((level, rest)) = text.split_once(": ") else {
        return text;
    };
    let names_it = rest
        .strip_prefix(source)
        .is_some_and(|after| after.starts_with(':') || after.starts_with(' '));
    if names_it {
        text
    } else {
        format!("{level}: {source}: {rest}")
    }
}

/// The names given so far, so that no two inputs have one: their files
/// would collide in `--out-dir`, and their JSON lines could not be told
/// apart. Memory stays flat with `--out-dir` and small on stdout: the
/// names of the last [`RECENT`] chunks (and of the one not yet handed out)
/// are kept with where they were given, by a 128-bit keyed hash; older
/// ones, with `--out-dir`, by their files (looked for again at admission),
/// and on stdout by a 64-bit keyed hash: 8 to 18 bytes a name, about
/// 19 MiB at a million, where the map of every name with its place took
/// 100 MiB. A stdin line without a name (`line-N`) is one bit.
struct Names {
    hashers: (RandomState, RandomState),
    /// Where each recent name was given.
    recent: HashMap<u128, Place>,
    /// The recent names by chunk handed out, oldest first.
    chunks: VecDeque<Vec<u128>>,
    /// Handed out on stdout, older than the recent ones included.
    given: HashSet<u64>,
    /// Bit N: stdin line N has no name, and so is `line-N`.
    unnamed: Vec<u64>,
    /// Files are written: `app-key` is refused beside `app`, whose key file
    /// is `app-key.pem`.
    files: bool,
}

/// How many chunks handed out keep their names' places: a name given
/// again soon after (a line repeated, a file copied) is refused naming
/// where it was first given, one given long before as "an earlier input".
const RECENT: usize = 16;

/// Where a name was given.
enum Place {
    Line(u64),
    File(Box<str>),
}

impl Place {
    fn of(made: &Made) -> Place {
        match made.line {
            Some(line) => Place::Line(line),
            None => Place::File(made.source.as_str().into()),
        }
    }

    fn text(&self) -> String {
        match self {
            Place::Line(line) => format!("stdin line {line}"),
            Place::File(path) => path.to_string(),
        }
    }
}

impl Names {
    fn new(files: bool) -> Names {
        Names {
            hashers: (RandomState::new(), RandomState::new()),
            recent: HashMap::new(),
            chunks: VecDeque::new(),
            given: HashSet::new(),
            unnamed: Vec::new(),
            files,
        }
    }

    fn key(&self, name: &str) -> u128 {
        let (a, b) = &self.hashers;
        (u128::from(a.hash_one(name)) << 64) | u128::from(b.hash_one(name))
    }

    /// Where `name` was given before, if it was (with `--out-dir`, among
    /// the recent names: the directory holds the others).
    fn place_of(&self, name: &str) -> Option<String> {
        let key = self.key(name);
        if let Some(place) = self.recent.get(&key) {
            return Some(place.text());
        }
        if self.given.contains(&(key as u64)) {
            return Some("an earlier input".into());
        }
        let line: u64 = name.strip_prefix("line-")?.parse().ok()?;
        let (word, bit) = (usize::try_from(line / 64).ok()?, line % 64);
        let unnamed = self.unnamed.get(word).is_some_and(|w| w & (1 << bit) != 0);
        unnamed.then(|| format!("stdin line {line}"))
    }

    /// Refuses `made` if its name was given before (or, writing files,
    /// clashes with one that was); records it as given if not.
    #[cfg(test)]
    fn admit(&mut self, made: &Made) -> Result<()> {
        self.check(made)?;
        self.record(made);
        Ok(())
    }

    /// Whether `made`'s name is free: not given before and, writing files,
    /// not clashing with one that was.
    fn check(&self, made: &Made) -> Result<()> {
        let name = made.name.as_str();
        if let Some(first) = self.place_of(name) {
            return Err(Error::BatchNameTaken {
                source: made.source.clone(),
                name: name.into(),
                first,
            });
        }
        if self.files {
            // NAME-key.pem is NAME's key and the certificate of NAME-key.
            let clash = [
                name.strip_suffix("-key").map(str::to_owned),
                Some(format!("{name}-key")),
            ];
            for other in clash.into_iter().flatten() {
                if let Some(first) = self.place_of(&other) {
                    return Err(Error::BatchFileTaken {
                        source: made.source.clone(),
                        name: name.into(),
                        first,
                        first_name: other,
                    });
                }
            }
        }
        Ok(())
    }

    /// Records `made`'s name as given.
    fn record(&mut self, made: &Made) {
        match made.line.filter(|_| made.unnamed) {
            Some(line) => {
                let word = usize::try_from(line / 64).expect("a line number fits in memory");
                if self.unnamed.len() <= word {
                    self.unnamed.resize(word + 1, 0);
                }
                self.unnamed[word] |= 1 << (line % 64);
            }
            None => {
                self.recent.insert(self.key(&made.name), Place::of(made));
            }
        }
    }

    /// A chunk is being handed out: its names become recent ones, and the
    /// oldest recent chunk's are forgotten but for their hash on stdout
    /// (with `--out-dir`, their files remember them).
    fn handed_out(&mut self, items: &[Made]) {
        // An unnamed stdin line is its bit in `unnamed`, nothing more.
        let keys: Vec<u128> = items
            .iter()
            .filter(|made| !(made.unnamed && made.line.is_some()))
            .map(|made| self.key(&made.name))
            .collect();
        if !self.files {
            self.given.extend(keys.iter().map(|key| *key as u64));
        }
        self.chunks.push_back(keys);
        if self.chunks.len() > RECENT {
            for key in self.chunks.pop_front().unwrap_or_default() {
                self.recent.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(name: &str, line: u64) -> Made {
        Made {
            source: format!("stdin line {line}"),
            name: name.into(),
            line: Some(line),
            unnamed: false,
            out: Out::Line(Zeroizing::new(Vec::new())),
            notes: Vec::new(),
            ca_record: None,
        }
    }

    /// Feeds `chunks` chunks of `per` names (`n1`, `n2`, …), each handed out.
    fn fed(names: &mut Names, chunks: u64, per: u64) {
        for chunk in 0..chunks {
            let items: Vec<Made> = (1..=per)
                .map(|i| made(&format!("n{}", chunk * per + i), chunk * per + i))
                .collect();
            for item in &items {
                names.admit(item).unwrap();
            }
            names.handed_out(&items);
        }
    }

    fn taken_by(names: &mut Names, name: &str, line: u64) -> String {
        match names.admit(&made(name, line)) {
            Err(Error::BatchNameTaken { first, .. }) => first,
            Err(other) => panic!("{name}: {other:?}"),
            Ok(()) => panic!("{name} admitted twice"),
        }
    }

    #[test]
    fn names_stay_taken_whatever_the_count_with_their_place_while_recent() {
        let mut names = Names::new(false);
        fed(&mut names, RECENT as u64 + 4, 10);
        // The oldest chunks are remembered by hash only, the recent by place.
        assert_eq!(taken_by(&mut names, "n1", 999), "an earlier input");
        assert_eq!(taken_by(&mut names, "n40", 999), "an earlier input");
        let recent = 10 * (RECENT as u64 + 4);
        assert_eq!(
            taken_by(&mut names, &format!("n{recent}"), 999),
            format!("stdin line {recent}")
        );
        assert_eq!(taken_by(&mut names, "n41", 999), "stdin line 41");
        // Memory: places for RECENT chunks only.
        assert_eq!(names.recent.len(), 10 * RECENT);
        assert_eq!(names.given.len() as u64, recent);
        names.admit(&made("new", 1000)).unwrap();
    }

    #[test]
    fn with_out_dir_only_recent_names_are_kept_and_the_directory_holds_the_rest() {
        let mut names = Names::new(true);
        fed(&mut names, RECENT as u64 + 1, 10);
        assert!(names.given.is_empty());
        assert_eq!(names.recent.len(), 10 * RECENT);
        assert_eq!(taken_by(&mut names, "n11", 999), "stdin line 11");
    }
}
