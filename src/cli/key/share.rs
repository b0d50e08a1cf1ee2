//! `certsmith key share release|check` and `certsmith key reshare`: a
//! quorum's custodians hand their shares to a ceremony elsewhere, check
//! theirs, and move the key to new custodians (issue 20; README "CA keys
//! sealed to a quorum").

use std::path::PathBuf;

use clap::{Args, Subcommand};

use certsmith::keys::quorum::{self, QuorumKey, ReleasedShare};
use certsmith::keys::sealed::{self, Seal};
use certsmith::{Error, QuorumError, Result};

use certsmith::x509::certificate::Certificate;

use super::super::authority::check_quorum_key_is_the_cas;
use super::super::io::{Input, for_terminal};
use super::super::output::OutputArgs;
use super::super::quorum::{open_with, read_released, with_identity};
use super::super::secrets::{KeySeal, PassphraseArgs, SealArgs, UnlockArgs, quorum_record};

/// A custodian's share of a key sealed to a quorum.
#[derive(Subcommand)]
pub enum ShareCommand {
    Release(ReleaseArgs),
    Check(CheckArgs),
}

/// Release your share to a ceremony elsewhere: it is opened with your identity and sealed,
/// unchanged, to the ceremony machine's one-time recipient (certsmith key identity there).
#[derive(Args)]
#[command(after_help = "\
Examples:
  certsmith key share release -i alice.age --to age1… -o alice.share root-key.quorum
  awk '/^-> share 1$/{f=1;next} /^-> /{f=0} f' root-key.quorum > alice-block.age
  certsmith key share release -i alice.age --to age1… -o alice.share alice-block.age
Then, on the ceremony machine:
  certsmith sign … --ca-key root-key.quorum -i one-time.txt --share alice.share --share b.share")]
pub struct ReleaseArgs {
    /// The quorum file, or your share's block cut from it (an age file), or - for stdin
    file: String,
    /// Your identity file (age, SSH, or passphrase-protected): it opens your share
    #[arg(short = 'i', long = "identity", value_name = "FILE")]
    identity: PathBuf,
    /// The ceremony machine's one-time recipient (age1…), which alone can open the released share
    #[arg(long, value_name = "RECIPIENT", value_hint = clap::ValueHint::Other)]
    to: String,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Check that your share opens and matches its commitment in the quorum file, as each
/// custodian should after a seal or a reshare: nothing is combined, nothing is written.
#[derive(Args)]
#[command(after_help = "\
Examples:
  certsmith key share check -i dave.age root-key.quorum
  certsmith key share check -i one-time.txt --share alice.share root-key.quorum")]
pub struct CheckArgs {
    /// The quorum file, or - for stdin
    file: String,
    /// A custodian's identity file (repeatable); with --share, the one-time identity
    #[arg(short = 'i', long = "identity", value_name = "FILE", required = true)]
    identities: Vec<PathBuf>,
    /// A share released to the identity given with -i (repeatable)
    #[arg(long = "share", value_name = "FILE")]
    shares: Vec<PathBuf>,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Seal a key to new custodians and a new threshold, without it ever in plaintext on disk:
/// the old custodians open it (-i, --share), and a new quorum identity and id seal it, so
/// that no old share opens the new file. Any copy of the old file still opens with the old
/// shares: destroy every copy. An age-sealed key moves to a quorum the same way.
#[derive(Args)]
#[command(after_help = "\
Examples:
  certsmith key reshare -i alice.age -i bob.age --threshold 3 -R new-custodians.txt \\
      --ca root.pem -o root-key.new.quorum root-key.quorum
  certsmith key share check -i dave.age root-key.new.quorum   # each new custodian
  certsmith key reshare -i custodian-1.age --threshold 2 -R custodians.txt \\
      -o ca-key.quorum ca-key.age")]
pub struct ReshareArgs {
    /// The sealed key (a quorum file, or an age-sealed key), or - for stdin
    key: String,
    /// The CA certificate whose key this is: a quorum file for another key is refused before
    /// any custodian opens a share, and an opened key that is not the certificate's is refused
    #[arg(long, value_name = "CERT")]
    ca: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(cmd: ShareCommand) -> Result<()> {
    match cmd {
        ShareCommand::Release(args) => release(args),
        ShareCommand::Check(args) => check(args),
    }
}

fn release(args: ReleaseArgs) -> Result<()> {
    // A FIFO or a link at -o is refused before it is opened to be read.
    args.output.refuse_existing_file()?;
    refuse_same_file(&args.output, &args.file)?;
    let input = Input::read(&args.file)?;
    let to = Seal::To(vec![sealed::parse_recipient(&args.to)?]);
    let whole = quorum::is_quorum(&input.bytes);
    if !whole && !sealed::is_sealed(&input.bytes) {
        return Err(QuorumError::File {
            source: input.source.clone(),
            line: 1,
            reason: "neither a quorum file nor a share's block cut from one".into(),
        }
        .into());
    }
    let file = whole
        .then(|| QuorumKey::parse(&input.bytes, &input.source))
        .transpose()?;
    let identity = args.identity.display().to_string();
    let mut released = with_identity(&args.identity, &args.passphrase, |ids, via| match &file {
        Some(file) => file.release(ids, via, &to),
        None => Ok(
            quorum::release_block(&input.bytes, &input.source, ids, &to)?
                .into_iter()
                .collect(),
        ),
    })?;
    let share: ReleasedShare = match released.len() {
        0 => {
            return Err(QuorumError::IdentityOpensNothing {
                source: input.source,
                identity,
            }
            .into());
        }
        1 => released.remove(0),
        _ => {
            return Err(QuorumError::ReleaseSeveral {
                source: input.source,
                identity,
                labels: released.into_iter().map(|r| r.label).collect(),
            }
            .into());
        }
    };
    args.output.write(share.sealed.as_bytes())?;
    say!(
        "released the share of {} (share {} of {}, quorum {}) to {}",
        for_terminal(&share.label),
        share.index,
        share.count,
        certsmith::hex::lower(&share.quorum),
        for_terminal(args.to.trim())
    );
    if !share.checked {
        say!(
            "{}: only the share's block was given, so it was not checked against its commitment: \
             the ceremony checks it",
            input.source
        );
    }
    Ok(())
}

/// A share written over the file it is released from, or over any quorum
/// file (the input may be stdin, or a block cut from it), would leave one
/// share where the whole quorum was: refused, `--force` or not.
fn refuse_same_file(output: &OutputArgs, input: &str) -> Result<()> {
    use std::io::Read;
    use std::os::unix::fs::MetadataExt;
    let Some(out) = output.file() else {
        return Ok(());
    };
    if input != "-"
        && let (Ok(a), Ok(b)) = (std::fs::metadata(out), std::fs::metadata(input))
        && (a.dev(), a.ino()) == (b.dev(), b.ino())
    {
        return Err(QuorumError::ReleaseOverItsInput { path: input.into() }.into());
    }
    let mut head = Vec::new();
    if std::fs::metadata(out).is_ok_and(|m| m.is_file())
        && std::fs::File::open(out).is_ok_and(|f| f.take(64).read_to_end(&mut head).is_ok())
        && quorum::is_quorum(&head)
    {
        return Err(QuorumError::ReleaseOverQuorum {
            path: out.display().to_string(),
        }
        .into());
    }
    Ok(())
}

fn check(args: CheckArgs) -> Result<()> {
    let input = Input::read(&args.file)?;
    let quorum = QuorumKey::parse(&input.bytes, &input.source)?;
    let mut released = read_released(&args.shares)?;
    let count = quorum.file.custodians.len();
    for path in &args.identities {
        let got = open_with(&quorum, path, &released, &args.passphrase)?;
        if got.is_empty() {
            return Err(QuorumError::IdentityOpensNothing {
                source: quorum.source.clone(),
                identity: path.display().to_string(),
            }
            .into());
        }
        for (from, share) in got {
            if let Some(i) = from {
                released[i].open = true;
            }
            say!(
                "{}: share {} of {} ({}) opens with {} and matches its commitment",
                quorum.source,
                share.index,
                count,
                for_terminal(&share.label),
                for_terminal(&share.via)
            );
        }
    }
    if let Some(unopened) = released.iter().find(|r| !r.open) {
        return Err(QuorumError::ReleasedShareUnopened {
            share: unopened.source.clone(),
        }
        .into());
    }
    Ok(())
}

pub fn reshare(args: ReshareArgs) -> Result<()> {
    args.output.refuse_existing_file()?;
    let input = Input::read(&args.key)?;
    if !args.seal.to_quorum() {
        return Err(QuorumError::ReshareWithoutQuorum {
            source: input.source,
        }
        .into());
    }
    // The new custodians are read before the old ones type anything.
    let Some(KeySeal::Quorum(to)) = args.seal.seal(&args.passphrase, &input.source)? else {
        return Err(QuorumError::ReshareWithoutQuorum {
            source: input.source,
        }
        .into());
    };
    let cert = match &args.ca {
        Some(path) => {
            let source = path.display().to_string();
            let cert = Certificate::from_bytes(&certsmith::files::read(path)?, &source)?;
            check_quorum_key_is_the_cas(&cert, &source, &input, &input.source)?;
            Some((cert, source))
        }
        None => None,
    };
    let key = args.unlock.read_key(&input, &args.passphrase)?;
    if let Some((cert, source)) = &cert
        && key.public_key_bits() != cert.public_key_bits
    {
        return Err(Error::CaKeyMismatch {
            cert: source.clone(),
            key: input.source.clone(),
        });
    }
    let file = if quorum::is_quorum(&input.bytes) {
        QuorumKey::parse(&input.bytes, &input.source)?.reshare(&key, &to)?
    } else {
        quorum::seal(&key, &to)?
    };
    quorum_record(&file);
    args.output.write(file.to_text().as_bytes())?;
    if sealed::is_sealed(&input.bytes) || quorum::is_quorum(&input.bytes) {
        say!(
            "{}: any copy of the old file still opens with its old custodians: destroy every copy, \
             backups too",
            input.source
        );
    } else if input.source != "stdin" {
        say!(
            "{}: the plaintext key is still there: shred it once the quorum file is safe",
            input.source
        );
    }
    Ok(())
}
