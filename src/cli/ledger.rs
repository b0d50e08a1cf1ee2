//! `certsmith ledger verify`: check an issuance ledger against its CA.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use certsmith::x509::certificate::Certificate;
use certsmith::{Error, Result};

use super::io;

/// Check the issuance ledger that --ledger writes.
#[derive(Subcommand)]
pub enum LedgerCommand {
    Verify(VerifyArgs),
}

/// Check every line's hash link and CA signature; name the first that fails.
///
/// A last line cut short without its newline is an append that a crash or a
/// full disk interrupted: it never happened, and is reported on stderr, not
/// refused; the next append removes it.
#[derive(Args)]
#[command(after_help = "Examples:\n  certsmith ledger verify --ca ca.pem ledger.jsonl")]
pub struct VerifyArgs {
    /// The CA certificate whose key signed the ledger
    #[arg(long)]
    ca: PathBuf,
    /// The ledger file
    ledger: PathBuf,
}

pub fn run(cmd: LedgerCommand) -> Result<()> {
    let LedgerCommand::Verify(args) = cmd;
    let ca_source = args.ca.display().to_string();
    let ca = Certificate::from_bytes(&certsmith::files::read(&args.ca)?, &ca_source)?;
    let bytes = certsmith::ledger::read(&args.ledger)?.ok_or_else(|| Error::LedgerIo {
        path: args.ledger.clone(),
        source: std::io::ErrorKind::NotFound.into(),
    })?;
    let verified = certsmith::ledger::verify(&args.ledger, &bytes, &ca, &ca_source)?;
    io::print_notes(&verified.notes);
    let n = verified.entries.len();
    // certsmith creates a ledger with its first line, so an empty one was
    // truncated: zero entries must not pass as "verified".
    if n == 0 {
        let reason = if verified.notes.is_empty() {
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
