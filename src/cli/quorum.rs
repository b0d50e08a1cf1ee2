//! Opening a key sealed to a quorum (issue 20; README "CA keys sealed to a
//! quorum"): the custodians' identities, given with `-i` in turn, and the
//! shares they released to a one-time identity (`--share`), until M shares
//! are open; then the library combines them. Every command that reads a
//! CA key comes here through `UnlockArgs::open`.
//!
//! Each `-i` file is loaded, its passphrase (if any) asked for by the
//! file's name, and tried on the released shares not yet open, then on the
//! file's own share blocks. Once M shares are open, the identities still
//! to come are not loaded, so nobody is asked for a passphrase in vain.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use certsmith::keys::PrivateKey;
use certsmith::keys::quorum::{OpenedShare, QuorumKey};
use certsmith::{Error, QuorumError, Result};

use super::io::{Input, for_terminal};
use super::secrets::{PROMPT_TRIES, PassphraseArgs, PromptCallbacks};

/// A share released to a one-time identity: where it was read, its bytes,
/// and whether an identity has opened it yet.
pub(super) struct Released {
    pub(super) source: String,
    bytes: Zeroizing<Vec<u8>>,
    pub(super) open: bool,
}

/// The most of a released share that is read: one is about 1 KiB.
const MOST_SHARE: u64 = 64 << 10;

/// The released shares given with `--share`, read (not opened).
pub(super) fn read_released(shares: &[PathBuf]) -> Result<Vec<Released>> {
    shares
        .iter()
        .map(|path| {
            // `-` is stdin, as for every input (one option at most takes it).
            let input = Input::read_at_most(&path.to_string_lossy(), MOST_SHARE)?;
            Ok(Released {
                source: input.source,
                bytes: input.bytes,
                open: false,
            })
        })
        .collect()
}

/// The key in the quorum file `input`, combined from the shares that
/// `identities` (in command-line order) open, embedded or released.
pub fn open(
    input: &Input,
    identities: &[PathBuf],
    shares: &[PathBuf],
    pass: &PassphraseArgs,
) -> Result<PrivateKey> {
    let quorum = QuorumKey::parse(&input.bytes, &input.source)?;
    if identities.is_empty() {
        return Err(quorum.locked());
    }
    let mut released = read_released(shares)?;
    let threshold = quorum.threshold();
    let mut opened: Vec<OpenedShare> = Vec::new();
    for path in identities {
        let via = path.display().to_string();
        if opened.len() >= threshold {
            say!("{}: {} not needed", quorum.source, for_terminal(&via));
            continue;
        }
        let got = open_with(&quorum, path, &released, pass)
            .map_err(|e| custodian_passphrase(e, pass, identities.len()))?;
        if got.is_empty() {
            return Err(QuorumError::IdentityOpensNothing {
                source: quorum.source.clone(),
                identity: via,
            }
            .into());
        }
        for (from, share) in got {
            if let Some(i) = from {
                released[i].open = true;
            }
            if opened.len() >= threshold {
                say!(
                    "{}: the share of {} ({}) is not needed",
                    quorum.source,
                    for_terminal(&share.label),
                    for_terminal(&share.via)
                );
                continue;
            }
            if opened.iter().any(|o| o.index == share.index) {
                say!(
                    "{}: the share of {} is open already ({}): counted once",
                    quorum.source,
                    for_terminal(&share.label),
                    for_terminal(&share.via)
                );
                continue;
            }
            say!(
                "{}: share {} of {} open: {} ({})",
                quorum.source,
                opened.len() + 1,
                threshold,
                for_terminal(&share.label),
                for_terminal(&share.via)
            );
            opened.push(share);
        }
    }
    // Too few shares, and a released one that no identity opened: that
    // share (released to another one-time identity?) is the likelier fault.
    if opened.len() < threshold
        && let Some(unopened) = released.iter().find(|r| !r.open)
    {
        return Err(QuorumError::ReleasedShareUnopened {
            share: unopened.source.clone(),
        }
        .into());
    }
    quorum.combine(&opened)
}

/// The error of a custodian's passphrase that is wrong, when it came from a
/// file or the environment: the same passphrase is tried for every
/// custodian, which is rarely right when there are several.
fn custodian_passphrase(e: Error, pass: &PassphraseArgs, custodians: usize) -> Error {
    match e {
        Error::WrongPassphrase { source } if !pass.prompts() && custodians > 1 => {
            QuorumError::CustodianPassphrase { identity: source }.into()
        }
        e => e,
    }
}

/// `attempt`, again after a wrong passphrase typed at the terminal (three
/// tries in all, as for an age-sealed key; one from a file or the
/// environment).
fn with_tries<T>(pass: &PassphraseArgs, mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
    let tries = if pass.prompts() { PROMPT_TRIES } else { 1 };
    let mut tried = 0;
    loop {
        tried += 1;
        match attempt() {
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

/// The shares the identities in `path` open: released ones not yet open
/// (with their place in `released`), then the file's own blocks.
pub(super) fn open_with(
    quorum: &QuorumKey,
    path: &Path,
    released: &[Released],
    pass: &PassphraseArgs,
) -> Result<Vec<(Option<usize>, OpenedShare)>> {
    with_identity(path, pass, |identities, via| {
        let mut got = Vec::new();
        for (i, r) in released.iter().enumerate().filter(|(_, r)| !r.open) {
            if let Some(share) = quorum.open_released(&r.bytes, &r.source, identities)? {
                got.push((Some(i), share));
            }
        }
        for share in quorum.open_embedded(identities, via)? {
            got.push((None, share));
        }
        Ok(got)
    })
}

/// `attempt` with the identities in `path` (named `via`), whose passphrase
/// (if any) is asked for by the file's name, again after a wrong one typed
/// at the terminal. A passphrase-protected identity whose passphrase fails
/// is the identity file's error, whatever age says about the share it was
/// tried on; so is one answered that opened nothing.
pub(super) fn with_identity<T>(
    path: &Path,
    pass: &PassphraseArgs,
    attempt: impl Fn(&[&dyn age::Identity], &str) -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    with_tries(pass, || {
        let (identities, callbacks) = PromptCallbacks::load_quiet(path, pass)?;
        let refs: Vec<&dyn age::Identity> = identities.iter().map(|i| i.as_ref()).collect();
        match attempt(&refs, &path.display().to_string()) {
            Ok(got) => match callbacks.failure(false) {
                Some(failure) if got.is_empty() => Err(failure),
                _ => Ok(got),
            },
            Err(e) => {
                let from_age = matches!(&e, Error::Quorum(q) if matches!(**q, QuorumError::ShareUnopenable { .. }));
                Err(callbacks.failure(from_age).unwrap_or(e))
            }
        }
    })
}
