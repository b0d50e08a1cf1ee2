//! Where secrets come from on the command line: recipients and identities
//! named by flags, passphrases from a file, `CERTSMITH_PASSPHRASE`, or a
//! prompt on the controlling terminal, in that order. No flag takes a
//! passphrase itself (it would show in `ps`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use age::secrecy::SecretString;
use clap::Args;
use zeroize::Zeroizing;

use certsmith::keys::PrivateKey;
use certsmith::keys::quorum::{self, NewCustodian, QuorumFile, QuorumSeal};
use certsmith::keys::sealed::{self, Seal, Unlock};
use certsmith::keys::signer::{self, KeySource, Signer, Unsealed};
use certsmith::pkcs12::Pkcs12Error;
use certsmith::{Error, QuorumError, Result, files};

use super::io::Input;

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_ENV: &str = "CERTSMITH_PASSPHRASE";

/// Says so when --no-password leaves a set CERTSMITH_PASSPHRASE unused: a
/// script that set it meant a password, and gets the empty one.
pub fn note_unused_passphrase() {
    if std::env::var_os(PASSPHRASE_ENV).is_some() {
        say!("note: {PASSPHRASE_ENV} is set and not used: --no-password means the empty password");
    }
}

/// The fewest characters of a passphrase that seals a key, unless
/// `--allow-weak-passphrase` (issue 14: a 3-character one sealed a root).
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// How many times a passphrase typed at the terminal may be wrong. One from a
/// file or the environment is wrong once and for all.
pub(super) const PROMPT_TRIES: u32 = 3;

/// Flags that seal a newly made private key with age.
#[derive(Args, Default)]
pub struct SealArgs {
    /// Seal the private key to this age (age1…) or SSH public key; repeat for several custodians
    #[arg(short = 'r', long = "recipient", value_name = "RECIPIENT", value_hint = clap::ValueHint::Other)]
    recipients: Vec<String>,
    /// Seal the private key to every recipient listed in FILE (repeatable)
    #[arg(short = 'R', long = "recipients-file", value_name = "FILE")]
    recipients_files: Vec<PathBuf>,
    /// Seal the private key with a passphrase (scrypt)
    #[arg(short = 'p', long, conflicts_with_all = ["recipients", "recipients_files"])]
    passphrase: bool,
    /// Seal the private key to a quorum: any M of the recipients together, and no fewer,
    /// open it (NAME-key.quorum); each recipient is a custodian holding one share
    #[arg(long, value_name = "M", conflicts_with = "passphrase")]
    threshold: Option<usize>,
    #[command(flatten)]
    strength: StrengthArgs,
}

/// How a new key is sealed: with age (a passphrase, or recipients any one
/// of whom opens it), or to a quorum of custodians (issue 20).
pub enum KeySeal {
    Age(Seal),
    Quorum(QuorumSeal),
}

/// The check on a new passphrase, for every command that seals with one.
#[derive(Args, Default, Clone, Copy)]
pub struct StrengthArgs {
    /// Seal with a passphrase shorter than 12 characters
    #[arg(long, requires = "passphrase")]
    allow_weak_passphrase: bool,
}

/// What a passphrase is asked for.
#[derive(Clone, Copy)]
pub enum Purpose {
    /// To open something sealed: asked once.
    Open,
    /// To seal something new: asked twice at a prompt, and refused when empty
    /// or (without `--allow-weak-passphrase`) short.
    Seal(StrengthArgs),
    /// To protect a new PKCS#12 file (issue 19): as `Seal`, with its own
    /// errors (an empty one is `--no-password`'s), and `allow_weak` from
    /// `export p12`'s own `--allow-weak-passphrase`, which needs no `-p`.
    NewPkcs12 { allow_weak: bool },
}

/// Flags that open an age-sealed private key.
#[derive(Args, Default)]
pub struct UnlockArgs {
    /// An age identity file, SSH private key, or passphrase-protected identity file
    /// that opens a sealed key (repeatable); without one, a passphrase is asked for
    #[arg(short = 'i', long = "identity", value_name = "FILE")]
    identities: Vec<PathBuf>,
    /// A custodian's share of a quorum-sealed key, released to the identity given with -i
    /// (repeatable)
    #[arg(long = "share", value_name = "FILE", requires = "identities")]
    shares: Vec<PathBuf>,
}

/// Where a passphrase comes from.
#[derive(Args, Default, Clone)]
pub struct PassphraseArgs {
    /// Read the passphrase from FILE (- for stdin) instead of $CERTSMITH_PASSPHRASE or a prompt
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<String>,
}

impl PassphraseArgs {
    /// A passphrase for `what`, from the first source that has one. A new
    /// one is checked before a prompt asks for it again.
    pub fn get(&self, what: &str, purpose: Purpose) -> Result<SecretString> {
        let ask = |prompt: String| {
            rpassword::prompt_password(prompt)
                .map(Zeroizing::new)
                .map_err(|_| Error::NoPassphraseSource { what: what.into() })
        };
        let passphrase = if let Some(file) = &self.passphrase_file {
            from_file(file)?
        } else if let Some(p) = std::env::var_os(PASSPHRASE_ENV) {
            secret_text(Zeroizing::new(p.into_encoded_bytes()), PASSPHRASE_ENV)?
        } else {
            ask(format!("Enter passphrase for {what}: "))?
        };
        let allow_weak = match purpose {
            Purpose::Open => true,
            Purpose::Seal(strength) => strength.allow_weak_passphrase,
            Purpose::NewPkcs12 { allow_weak } => allow_weak,
        };
        let weak = !allow_weak && passphrase.chars().count() < MIN_PASSPHRASE_CHARS;
        let min = MIN_PASSPHRASE_CHARS;
        match purpose {
            Purpose::NewPkcs12 { .. } if passphrase.is_empty() => {
                return Err(Pkcs12Error::EmptyPassword.into());
            }
            Purpose::NewPkcs12 { .. } if weak => {
                return Err(Pkcs12Error::WeakPassword { min }.into());
            }
            _ if passphrase.is_empty() => return Err(Error::EmptyPassphrase),
            Purpose::Seal(_) if weak => return Err(Error::WeakPassphrase { min }),
            _ => {}
        }
        let new = !matches!(purpose, Purpose::Open);
        if new && self.prompts() && *ask(format!("Confirm passphrase for {what}: "))? != *passphrase
        {
            return Err(Error::PassphraseMismatch);
        }
        Ok(SecretString::from(passphrase.to_string()))
    }

    /// Whether a passphrase comes from a prompt on the terminal (no file, no
    /// environment variable): only then may a wrong one be typed again.
    pub(super) fn prompts(&self) -> bool {
        self.passphrase_file.is_none() && std::env::var_os(PASSPHRASE_ENV).is_none()
    }
}

/// The most of a passphrase or PIN file that is read.
const MOST_SECRET: u64 = 64 << 10;

/// A passphrase's bytes as text: refused when they are not UTF-8 or hold a
/// NUL, never changed (two byte strings read leniently would be one
/// passphrase to certsmith and two to openssl or age).
fn secret_text(bytes: Zeroizing<Vec<u8>>, source: &str) -> Result<Zeroizing<String>> {
    let not_text = || Error::PassphraseNotText {
        source: source.to_owned(),
    };
    if bytes.contains(&0) {
        return Err(not_text());
    }
    std::str::from_utf8(&bytes)
        .map(|text| Zeroizing::new(text.to_owned()))
        .map_err(|_| not_text())
}

/// The most of an identity file that is read: an age identity is 74 bytes,
/// an SSH private key a few KiB, so `-i /dev/zero` ends in an error.
const MOST_IDENTITY: u64 = 1 << 20;

/// An identity file (`-i`), read to at most [`MOST_IDENTITY`].
fn read_identity_file(path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>> {
    let failed = |source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    files::read_at_most(file, MOST_IDENTITY, &path.display().to_string(), failed)
}

/// The passphrase file, read once per process (stdin can be read only once).
fn from_file(file: &str) -> Result<Zeroizing<String>> {
    static CACHE: OnceLock<Zeroizing<String>> = OnceLock::new();
    if let Some(p) = CACHE.get() {
        return Ok(p.clone());
    }
    let text = read_secret_file(file)?;
    Ok(CACHE.get_or_init(|| text).clone())
}

/// A secret read from `file` (- for stdin), without the file's one
/// trailing newline: a passphrase, or a token's PIN.
pub fn read_secret_file(file: &str) -> Result<Zeroizing<String>> {
    // stdin has one reader: io::refuse_shared_stdin has kept every other
    // option of the command line off it.
    let bytes = super::io::Input::read_at_most(file, MOST_SECRET)?.bytes;
    let source = if file == "-" { "stdin" } else { file };
    let mut text = secret_text(bytes, source)?;
    // One trailing newline is the file's, not the passphrase's.
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

/// age asks these when an identity file or SSH key is itself encrypted. The
/// passphrase is asked for by the identity file's name, and what happened is
/// kept so that a failure names the identity file, not the key.
#[derive(Clone)]
pub(super) struct PromptCallbacks {
    pass: PassphraseArgs,
    identity_file: String,
    state: Arc<Mutex<PromptState>>,
    /// Keep age's own notes to itself: a quorum tries each custodian's
    /// identity on every share, and most do not match.
    quiet: bool,
}

#[derive(Default)]
struct PromptState {
    asked: bool,
    failure: Option<Error>,
}

impl PromptCallbacks {
    /// The identities in `path`, whose passphrase (if it has one) is asked
    /// for by the file's name, quietly (see `quiet`).
    pub(super) fn load_quiet(
        path: &std::path::Path,
        pass: &PassphraseArgs,
    ) -> Result<(Vec<sealed::Identity>, PromptCallbacks)> {
        let source = path.display().to_string();
        let bytes = read_identity_file(path)?;
        let callbacks = PromptCallbacks {
            pass: pass.clone(),
            identity_file: source.clone(),
            state: Arc::default(),
            quiet: true,
        };
        let identities = sealed::load_identities(&bytes, &source, callbacks.clone())?;
        Ok((identities, callbacks))
    }

    /// What went wrong with the identity file's passphrase, if anything:
    /// no passphrase to be had, or one asked for and answered that still
    /// opened nothing (`opened_nothing`).
    pub(super) fn failure(&self, opened_nothing: bool) -> Option<Error> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(failure) = state.failure.take() {
            return Some(failure);
        }
        (state.asked && opened_nothing).then(|| Error::WrongPassphrase {
            source: self.identity_file.clone(),
        })
    }
}

impl age::Callbacks for PromptCallbacks {
    fn display_message(&self, message: &str) {
        if !self.quiet {
            say!("{message}");
        }
    }
    fn confirm(&self, _: &str, _: &str, _: Option<&str>) -> Option<bool> {
        None
    }
    fn request_public_string(&self, _: &str) -> Option<String> {
        None
    }
    fn request_passphrase(&self, _age_description: &str) -> Option<SecretString> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.asked = true;
        match self.pass.get(&self.identity_file, Purpose::Open) {
            Ok(p) => Some(p),
            Err(e) => {
                state.failure = Some(e);
                None
            }
        }
    }
}

impl SealArgs {
    /// Whether a threshold was given: the key is to be sealed to a quorum.
    pub(super) fn to_quorum(&self) -> bool {
        self.threshold.is_some()
    }

    /// How to seal, or `None` to leave the key plain. `what` names the key in a prompt.
    pub fn seal(&self, pass: &PassphraseArgs, what: &str) -> Result<Option<KeySeal>> {
        Ok(self.seal_recorded(pass, what)?.0)
    }

    /// The custodians of a quorum, in the order given: `-r` recipients
    /// first, then each `-R` file's. A custodian's label is the comment line
    /// just before its recipient in a `-R` file (`# alice`), else the
    /// recipient's short form.
    fn custodians(&self, threshold: usize) -> Result<QuorumSeal> {
        let mut custodians = Vec::new();
        for r in &self.recipients {
            sealed::parse_recipient(r)?;
            custodians.push(NewCustodian {
                label: short_form(r.trim()),
                recipient: r.trim().to_string(),
            });
        }
        for f in &self.recipients_files {
            let bytes = files::read(f)?;
            // Checked as a recipients file first: the same refusals as without --threshold.
            sealed::parse_recipients_file(&bytes, &f.display().to_string())?;
            for (label, recipient) in labelled_lines(&String::from_utf8_lossy(&bytes)) {
                custodians.push(NewCustodian {
                    label: label.unwrap_or_else(|| short_form(recipient)),
                    recipient: recipient.to_string(),
                });
            }
        }
        Ok(QuorumSeal {
            threshold,
            custodians,
        })
    }
}

/// The recipient lines of a recipients file (age's format: one a line,
/// `#` comments and blank lines skipped), each with the text of the comment
/// line just before it, if any: `# alice` labels the next recipient alice.
fn labelled_lines(text: &str) -> Vec<(Option<String>, &str)> {
    let mut lines = Vec::new();
    let mut comment = None;
    for line in text.lines().map(str::trim) {
        if let Some(c) = line.strip_prefix('#') {
            comment = Some(c.trim().to_string()).filter(|c| !c.is_empty());
        } else if line.is_empty() {
            comment = None;
        } else {
            lines.push((comment.take(), line));
        }
    }
    lines
}

/// A recipient's short form, to label a custodian with no label given: an
/// SSH key's comment (`bob@laptop`), else the recipient's first characters.
///
/// A comment is the key's, not a label the user wrote (issue 20, hostile
/// review): one too long for a label is cut to 63 characters and `…`, and one
/// that is still no label (an invisible character) gives way to the key's
/// SHA-256 fingerprint, as `ssh-keygen -l` prints it.
fn short_form(recipient: &str) -> String {
    let fields: Vec<&str> = recipient.split_whitespace().collect();
    if fields.len() >= 2 && fields[0].starts_with("ssh-") {
        let comment = fields[2..].join(" ");
        let cut = if comment.chars().count() > quorum::file::MAX_LABEL {
            let head: String = comment.chars().take(quorum::file::MAX_LABEL - 1).collect();
            format!("{}…", head.trim_end())
        } else {
            comment
        };
        if quorum::check_label(&cut).is_ok() {
            return cut;
        }
        if let Some(fingerprint) = ssh_fingerprint(fields[1]) {
            return format!("{} {fingerprint}", fields[0]);
        }
    }
    let head: String = fields.join(" ").chars().take(20).collect();
    if head.chars().count() < recipient.chars().count() {
        format!("{head}…")
    } else {
        head
    }
}

/// An SSH public key's `SHA256:…` fingerprint, from its base64 field: every
/// ed25519 key begins with the same 36 characters, so its first characters
/// would label two custodians alike.
fn ssh_fingerprint(base64_blob: &str) -> Option<String> {
    use base64::Engine as _;
    let blob = base64::engine::general_purpose::STANDARD
        .decode(base64_blob)
        .ok()?;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &blob);
    Some(format!(
        "SHA256:{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest.as_ref())
    ))
}

// issue 14: the ceremony record
/// One recipient a new key was sealed to, for the ceremony record.
pub struct SealedTo {
    /// The recipient as written: `age1…`, or an SSH public key line.
    pub recipient: String,
    /// The -R file it came from; `None` when it was given with -r.
    pub file: Option<PathBuf>,
}

impl SealArgs {
    /// As [`SealArgs::seal`], and to whom: each recipient as given with -r
    /// or as its line in a -R file, with that file. Each file is read once,
    /// so the record names exactly the recipients the key is sealed to.
    pub fn seal_recorded(
        &self,
        pass: &PassphraseArgs,
        what: &str,
    ) -> Result<(Option<KeySeal>, Vec<SealedTo>)> {
        if self.passphrase {
            return Ok((
                Some(KeySeal::Age(Seal::Passphrase(
                    pass.get(what, Purpose::Seal(self.strength))?,
                ))),
                Vec::new(),
            ));
        }
        if let Some(threshold) = self.threshold {
            // The quorum's own record names every custodian (key_text).
            // Checked whole now, before a reshare's old custodians open
            // anything or a new key is made.
            let quorum = self.custodians(threshold)?;
            quorum.check()?;
            return Ok((Some(KeySeal::Quorum(quorum)), Vec::new()));
        }
        let mut recipients = Vec::new();
        let mut record = Vec::new();
        for r in &self.recipients {
            recipients.push(sealed::parse_recipient(r)?);
            record.push(SealedTo {
                recipient: r.trim().to_string(),
                file: None,
            });
        }
        for f in &self.recipients_files {
            let bytes = files::read(f)?;
            recipients.extend(sealed::parse_recipients_file(
                &bytes,
                &f.display().to_string(),
            )?);
            // The lines parse_recipients_file took; it has refused a file
            // that is not UTF-8.
            for (_, line) in labelled_lines(&String::from_utf8_lossy(&bytes)) {
                record.push(SealedTo {
                    recipient: line.to_string(),
                    file: Some(f.clone()),
                });
            }
        }
        debug_assert_eq!(recipients.len(), record.len());
        Ok((
            (!recipients.is_empty()).then_some(KeySeal::Age(Seal::To(recipients))),
            record,
        ))
    }
}

/// The text of a private key for cfssl's JSON `key`: PEM, an armored age
/// file, or a quorum file. Sealing to a quorum prints its ceremony record
/// (the quorum, its threshold and each custodian) on stderr.
pub fn key_text(key: &PrivateKey, seal: Option<&KeySeal>) -> Result<Zeroizing<String>> {
    match seal {
        None => Ok(key.to_pem()),
        Some(KeySeal::Age(seal)) => {
            Ok(Zeroizing::new(sealed::seal(key.to_pem().as_bytes(), seal)?))
        }
        Some(KeySeal::Quorum(to)) => {
            let file = quorum::seal(key, to)?;
            quorum_record(&file);
            Ok(Zeroizing::new(file.to_text()))
        }
    }
}

/// The ceremony record of a key sealed to a quorum, on stderr: the quorum,
/// its threshold and each custodian, to be written down.
pub(super) fn quorum_record(file: &QuorumFile) {
    let labels: Vec<&str> = file.custodians.iter().map(|c| c.label.as_str()).collect();
    say!(
        "key sealed to quorum {}, {} of {}: {}",
        certsmith::hex::lower(&file.id),
        file.threshold,
        file.custodians.len(),
        super::io::for_terminal(&labels.join(", "))
    );
    for (i, c) in file.custodians.iter().enumerate() {
        say!(
            "  share {} of {}: {} ({})",
            i + 1,
            file.custodians.len(),
            super::io::for_terminal(&c.label),
            super::io::for_terminal(&c.to)
        );
    }
}

impl UnlockArgs {
    /// Reads a private key, opening it first when it is age-sealed. A
    /// passphrase typed at the terminal that does not open the seal (the
    /// key's, or an identity file's) is asked for again, up to three times.
    pub fn read_key(&self, input: &Input, pass: &PassphraseArgs) -> Result<PrivateKey> {
        self.open(
            input,
            pass,
            |unlock| signer::open_key_file(&input.bytes, &input.source, unlock),
            |key| key,
        )
    }

    /// Reads a CA key as the signer that everything the CA signs goes
    /// through, opened as [`Self::read_key`] opens a key.
    pub fn read_signer(&self, input: &Input, pass: &PassphraseArgs) -> Result<Box<dyn Signer>> {
        self.open(
            input,
            pass,
            |unlock| {
                signer::open_ca_key(KeySource::File {
                    bytes: &input.bytes,
                    source: &input.source,
                    unlock,
                })
            },
            // Combined from its shares, the key signs in memory as an
            // age-sealed key does once opened.
            |key| Box::new(Unsealed::from(key)) as Box<dyn Signer>,
        )
    }

    /// `open`s the key in `input` as it is when it is not sealed, else with
    /// the unlock material asked for (again, after a wrong passphrase). A
    /// key sealed to a quorum is combined from its custodians' shares
    /// ([`super::quorum`]) and handed to `combined`.
    fn open<T>(
        &self,
        input: &Input,
        pass: &PassphraseArgs,
        open: impl Fn(Option<&Unlock>) -> Result<T>,
        combined: impl FnOnce(PrivateKey) -> T,
    ) -> Result<T> {
        if quorum::is_quorum(&input.bytes) {
            return super::quorum::open(input, &self.identities, &self.shares, pass).map(combined);
        }
        if !self.shares.is_empty() {
            return Err(QuorumError::SharesWithoutQuorum {
                source: input.source.clone(),
            }
            .into());
        }
        if !sealed::is_sealed(&input.bytes) {
            return open(None);
        }
        let tries = if pass.prompts() { PROMPT_TRIES } else { 1 };
        let mut tried = 0;
        loop {
            tried += 1;
            match self.unseal(input, pass, &open) {
                Err(Error::WrongPassphrase { source }) if tried < tries => {
                    let left = match tries - tried {
                        1 => "1 try".to_string(),
                        n => format!("{n} tries"),
                    };
                    say!("{source}: wrong passphrase, try again ({left} left)");
                }
                result => return result,
            }
        }
    }

    /// Opens a sealed key with the identities given, or else a passphrase.
    fn unseal<T>(
        &self,
        input: &Input,
        pass: &PassphraseArgs,
        open: impl Fn(Option<&Unlock>) -> Result<T>,
    ) -> Result<T> {
        let mut prompts = Vec::new();
        let unlock = if !self.identities.is_empty() {
            let mut identities = Vec::new();
            for path in &self.identities {
                let source = path.display().to_string();
                let bytes = read_identity_file(path)?;
                let callbacks = PromptCallbacks {
                    pass: pass.clone(),
                    identity_file: source.clone(),
                    state: Arc::default(),
                    quiet: false,
                };
                prompts.push(callbacks.clone());
                identities.extend(sealed::load_identities(&bytes, &source, callbacks)?);
            }
            Unlock::Identities(identities)
        } else if sealed::needs_passphrase(&input.bytes, &input.source)? {
            Unlock::Passphrase(pass.get(&input.source, Purpose::Open)?)
        } else {
            return Err(Error::SealedKeyLocked {
                source: input.source.clone(),
            });
        };
        open(Some(&unlock)).map_err(|e| {
            // Reading the key once the seal is open is the key's problem.
            let from_the_seal = matches!(
                e,
                Error::Unseal { .. } | Error::WrongPassphrase { .. } | Error::WrongIdentity { .. }
            );
            if !from_the_seal {
                return e;
            }
            // A passphrase-protected identity file that could not be opened is
            // the identity file's problem, whatever age says about the key.
            for p in &prompts {
                let mut state = p.state.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(failure) = state.failure.take() {
                    return failure;
                }
                // Asked, answered, and still no file key: the passphrase was wrong
                // (a right one with the wrong identity says "no identity…").
                if state.asked && matches!(e, Error::Unseal { .. }) {
                    return Error::WrongPassphrase {
                        source: p.identity_file.clone(),
                    };
                }
            }
            e
        })
    }
}
