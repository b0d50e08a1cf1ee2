//! The command line: one file per subcommand, each with its `…Args` (what the
//! user typed) and a `run` that turns them into library calls. Everything
//! that touches stdin, stdout, stderr or the clock lives here, not in the
//! library.

mod authority;
mod bundle;
mod compat;
mod crl;
mod cross_sign;
mod csr;
mod generate;
mod genkey;
mod initca;
mod inspect;
mod io;
mod key;
mod ledger;
mod remote;
mod revoke;
mod secrets;
mod sign;
mod split_json;

use clap::{Parser, Subcommand};

use certsmith::Result;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the operation failed (bad input, a refused request, a file that could not be written)
  2  usage error (unknown flag, missing argument)

Data (JSON, PEM) goes to stdout; messages for people go to stderr.";

/// A private PKI from files: cfssl-compatible certificate issuance.
#[derive(Parser)]
#[command(name = "certsmith", version, about, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Initca(initca::InitcaArgs),
    Genkey(genkey::GenkeyArgs),
    Csr(csr::CsrArgs),
    Sign(sign::SignArgs),
    SplitJson(split_json::SplitJsonArgs),
    Bundle(bundle::BundleArgs),
    Inspect(inspect::InspectArgs),
    #[command(subcommand)]
    Key(key::KeyCommand),
    #[command(subcommand)]
    Remote(remote::RemoteCommand),
    Gencert(compat::GencertArgs),
    Certinfo(compat::CertinfoArgs),
    /// Print starter files (cfssl print-defaults): csr, config, list
    #[command(
        subcommand,
        after_help = "Examples:\n  certsmith print-defaults csr > csr.json\n  certsmith print-defaults config > ca-config.json"
    )]
    PrintDefaults(compat::PrintDefaults),
    Revoke(revoke::RevokeArgs),
    Crl(crl::CrlArgs),
    CrossSign(cross_sign::CrossSignArgs),
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Write shell completions and man pages into a directory (for packagers)
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// The command line, with cfssl's Go-style single-dash long flags accepted.
pub fn parse() -> Cli {
    Cli::parse_from(compat::normalize_go_flags(std::env::args_os()))
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Initca(args) => initca::run(args),
        Command::Genkey(args) => genkey::run(args),
        Command::Csr(args) => csr::run(args),
        Command::Sign(args) => sign::run(args),
        Command::SplitJson(args) => split_json::run(args),
        Command::Bundle(args) => bundle::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Key(cmd) => key::run(cmd),
        Command::Remote(cmd) => remote::run(cmd),
        Command::Gencert(args) => compat::gencert(args),
        Command::Certinfo(args) => compat::certinfo(args),
        Command::PrintDefaults(what) => compat::print_defaults(what),
        Command::Revoke(args) => revoke::run(args),
        Command::Crl(args) => crl::run(args),
        Command::CrossSign(args) => cross_sign::run(args),
        Command::Ledger(cmd) => ledger::run(cmd),
        Command::Generate(args) => generate::run(args),
    }
}
