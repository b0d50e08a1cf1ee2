//! `certsmith ledger verify`: check an issuance ledger against its CA.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use certsmith::ledger::{self, Mode};
use certsmith::x509::certificate::Certificate;
use certsmith::{Error, Result};

use super::io;

/// Check the issuance ledger that --ledger writes.
#[derive(Subcommand)]
pub enum LedgerCommand {
    Verify(VerifyArgs),
}

/// Check a ledger against its CA; name the first line that fails.
///
/// By default every line's hash link is checked, and the CA's signature on
/// the first and the last line. Each line holds the SHA-256 of the whole line
/// before it, signature included, and the CA signs that hash into the next
/// line, so the last signature vouches for every byte before it: an edited,
/// added or reordered line anywhere is refused, and so is a removed one,
/// unless it was at the end (see below). This reads the ledger once and
/// takes about 2-3 seconds per million lines.
///
/// --every-signature also checks that the CA's key signed each line itself,
/// not only that a later line committed to it: an audit of lines that
/// another tool appended (certsmith checks the last line's signature
/// before each append). It costs one signature check per line, about a
/// minute per million lines on two cores.
///
/// Neither mode can tell a ledger whose last lines were cut off (whole
/// lines, at the end) from one that ends there: what is left is still a
/// ledger the CA signed. To catch that, keep the count this prints ("N
/// entries verified"), or a copy of the last line, somewhere else, and
/// compare.
///
/// A last line cut short without its newline is an append that a crash or a
/// full disk interrupted: it never happened, and is reported on stderr, not
/// refused; the next append removes it.
#[derive(Args)]
#[command(after_help = "Examples:
  certsmith ledger verify --ca ca.pem ledger.jsonl
  certsmith ledger verify --every-signature --ca ca.pem ledger.jsonl")]
pub struct VerifyArgs {
    /// The CA certificate whose key signed the ledger
    #[arg(long)]
    ca: PathBuf,
    /// Check every line's signature, not only the first and last (slower: an audit)
    #[arg(long)]
    every_signature: bool,
    /// The ledger file
    ledger: PathBuf,
}

pub fn run(cmd: LedgerCommand) -> Result<()> {
    let LedgerCommand::Verify(args) = cmd;
    let ca_source = args.ca.display().to_string();
    let ca = Certificate::from_bytes(&certsmith::files::read(&args.ca)?, &ca_source)?;
    let mode = if args.every_signature {
        Mode::EverySignature
    } else {
        Mode::Links
    };
    // Nothing is kept: the entries stream past.
    let scanned = ledger::scan(&args.ledger, &ca, &ca_source, mode, |_| false, |_| Ok(()))?
        .ok_or_else(|| Error::LedgerIo {
            path: args.ledger.clone(),
            source: std::io::ErrorKind::NotFound.into(),
        })?;
    io::print_notes(&scanned.notes);
    let n = scanned.entries;
    // certsmith creates a ledger with its first line, so an empty one was
    // truncated: zero entries must not pass as "verified".
    if n == 0 {
        let reason = if scanned.notes.is_empty() {
            "the ledger is empty: every ledger starts with an entry, so this one lost them"
        } else {
            "the ledger has no whole entry, only an interrupted append: every ledger starts with an entry"
        };
        return Err(Error::Ledger {
            path: args.ledger.clone(),
            line: 1,
            reason: reason.into(),
        });
    }
    let noun = if n == 1 { "entry" } else { "entries" };
    say!("{}: {n} {noun} verified", args.ledger.display());
    Ok(())
}
