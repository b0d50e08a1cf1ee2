//! The command line: one file per subcommand, each with its `…Args` (what the
//! user typed) and a `run` that turns them into library calls. Everything
//! that touches stdin, stdout, stderr or the clock lives here, not in the
//! library.

/// A line for people on stderr. `eprintln!` panics when stderr cannot be
/// written (`2>/dev/full`, a full disk, a closed pipe), after the work is
/// done and possibly before the data reached stdout; a message that cannot
/// be shown is lost, not the run. (clippy.toml disallows `eprintln!`.)
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod authority;
mod batch;
mod bundle;
mod cfssl_flags;
mod compat;
mod complete;
mod crl;
mod cross_sign;
mod csr;
mod exit;
mod export;
mod generate;
mod genkey;
mod harden;
mod hint;
mod import;
mod initca;
mod inspect;
mod io;
mod key;
mod ledger;
mod output;
mod quorum;
mod remote;
mod renew;
mod revoke;
mod secrets;
mod sign;
mod split_json;
mod token;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use exit::Outcome;
pub use exit::usage;

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
    Gencert(compat::gencert::GencertArgs),
    Certinfo(compat::certinfo::CertinfoArgs),
    /// Print starter files (cfssl print-defaults): csr, config, list
    #[command(
        subcommand,
        after_help = "Examples:\n  certsmith print-defaults csr > csr.json\n  certsmith print-defaults config > ca-config.json"
    )]
    PrintDefaults(compat::print_defaults::PrintDefaults),
    Revoke(revoke::RevokeArgs),
    Crl(crl::CrlArgs),
    CrossSign(cross_sign::CrossSignArgs),
    Renew(renew::RenewArgs),
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    #[command(subcommand)]
    Export(export::ExportCommand),
    #[command(subcommand)]
    Import(import::ImportCommand),
    // issue 14: cfssl's other command names.
    Selfsign(compat::selfsign::SelfsignArgs),
    Gencrl(compat::gencrl::GencrlArgs),
    /// Ask a remote signer for its certificate, usages and expiry (cfssl info; `remote info`)
    #[command(
        after_help = "Examples:\n  certsmith info -remote https://ca:8888 -tls-remote-ca ca.pem -label primary"
    )]
    Info(remote::info::InfoArgs),
    /// Print certsmith's version (cfssl version)
    #[command(after_help = "Examples:\n  certsmith version")]
    Version,
    /// Write shell completions and man pages into a directory (for
    /// packagers). Not in the command tree, so that it is never suggested
    /// ("did you mean generate?"), completed, or given a man page: `parse`
    /// reads it on its own.
    #[command(skip)]
    Generate(generate::GenerateArgs),
}

/// The command line, with cfssl's Go-style single-dash long flags accepted,
/// and cfssl's own flags translated (src/cli/cfssl_flags.rs). `Err` is
/// clap's answer instead of a run: help, `--version` or a usage error, for
/// [`usage`] to print.
pub fn parse() -> Result<Cli, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let name = args.get(1).and_then(|name| name.to_str());
    if name == Some("generate") {
        return parse_generate(args);
    }
    // gencert translates its own flags when it runs: `gencert -h` is gencert's help.
    let args = match name.filter(|n| *n != "gencert" && cfssl_flags::COMMANDS.contains(n)) {
        Some(name) => compat::cfssl_command_line(&args[0], name, &args[2..])?,
        None => args,
    };
    parse_certsmith(args)
}

/// A certsmith command line (Go-style flags allowed), checked for two
/// inputs naming stdin.
fn parse_certsmith(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut command = args
        .get(1)
        .and_then(|name| name.to_str())
        .and_then(command_for)
        .unwrap_or_else(Cli::command);
    let args = compat::normalize_go_flags(args, &command);
    let matches = command.try_get_matches_from_mut(args)?;
    io::refuse_shared_stdin(&mut command, &matches)?;
    Cli::from_arg_matches(&matches)
}

/// The root command with only subcommand `name` built, when `name` is one of
/// the commands that Makefiles and pipelines run by the hundred. Building all
/// seventeen subcommands' arguments costs as many instructions as signing a
/// CSR with an ECDSA key; a run that names its subcommand first needs only
/// that one. Help for the root and everything else gets the full tree. A
/// test checks that each subcommand built here is the one derive builds.
fn command_for(name: &str) -> Option<clap::Command> {
    use clap::Args;
    let sub = clap::Command::new(name.to_owned());
    let sub = match name {
        "initca" => initca::InitcaArgs::augment_args(sub),
        "genkey" => genkey::GenkeyArgs::augment_args(sub),
        "csr" => csr::CsrArgs::augment_args(sub),
        "sign" => sign::SignArgs::augment_args(sub),
        "split-json" => split_json::SplitJsonArgs::augment_args(sub),
        "bundle" => bundle::BundleArgs::augment_args(sub),
        "inspect" => inspect::InspectArgs::augment_args(sub),
        "gencert" => compat::gencert::GencertArgs::augment_args(sub),
        "certinfo" => compat::certinfo::CertinfoArgs::augment_args(sub),
        "revoke" => revoke::RevokeArgs::augment_args(sub),
        "crl" => crl::CrlArgs::augment_args(sub),
        "renew" => renew::RenewArgs::augment_args(sub),
        _ => return None,
    };
    Some(
        clap::Command::new("certsmith")
            .max_term_width(100)
            .subcommand_required(true)
            .subcommand(sub),
    )
}

/// `certsmith generate DIR`, read apart from the command tree (see `Command::Generate`).
fn parse_generate(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::Args;
    let command = clap::Command::new("certsmith")
        .subcommand_required(true)
        .subcommand(generate::GenerateArgs::augment_args(clap::Command::new(
            "generate",
        )));
    let matches = command.try_get_matches_from(args)?;
    let (_, sub) = matches.subcommand().expect("clap requires the subcommand");
    let args = generate::GenerateArgs::from_arg_matches(sub)?;
    Ok(Cli {
        command: Command::Generate(args),
    })
}

/// The long options of the certsmith command at `path` (`["remote", "sign"]`).
fn longs_of(path: &[&str]) -> Vec<String> {
    let root = path
        .first()
        .and_then(|name| command_for(name))
        .unwrap_or_else(Cli::command);
    let mut cmd = &root;
    for name in path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub,
            None => return Vec::new(),
        }
    }
    cmd.get_arguments()
        .filter_map(|a| a.get_long())
        .map(str::to_string)
        .collect()
}

/// `error: …` and, where one helps, `hint: …`, each one line.
///
/// A PIN typed into a URI where a token key is not taken (`--key
/// 'pkcs11:…;pin-value=…'` read as a file name) would be quoted back: every
/// line is cleared of `pin-value=` values first.
pub fn print_error(err: &certsmith::Error) {
    use certsmith::keys::pkcs11::redact_all;
    say!(
        "error: {}",
        io::for_terminal(&redact_all(&hint::message(err)))
    );
    if let Some(hint) = hint::hint(err) {
        say!("hint: {}", io::for_terminal(&redact_all(&hint)));
    }
}

/// Runs the command and gives the exit code, having printed why it is not 0.
pub fn run(cli: Cli) -> ExitCode {
    if let Err(e) = harden::no_core_dumps() {
        say!("note: core dumps could not be turned off ({e}); a crash could write a key to disk");
    }
    #[cfg(feature = "fault-injection")]
    arm_crash_test();
    exit::code(dispatch(cli.command))
}

/// The crash tests' `CERTSMITH_FAULT=POINT` and `CERTSMITH_FAULT_BYTES=N`
/// (src/fault.rs), read here because the library never reads the environment.
#[cfg(feature = "fault-injection")]
fn arm_crash_test() {
    let point = std::env::var("CERTSMITH_FAULT").ok();
    let bytes = std::env::var("CERTSMITH_FAULT_BYTES")
        .ok()
        .and_then(|n| n.parse().ok());
    certsmith::fault::arm(point, bytes);
}

fn dispatch(command: Command) -> Outcome {
    match command {
        Command::Initca(args) => initca::run(args)?,
        Command::Genkey(args) => genkey::run(args)?,
        Command::Csr(args) => csr::run(args)?,
        Command::Sign(args) => sign::run(args)?,
        Command::SplitJson(args) => split_json::run(args)?,
        Command::Bundle(args) => bundle::run(args)?,
        Command::Inspect(args) => inspect::run(args)?,
        Command::Key(cmd) => key::run(cmd)?,
        Command::Remote(cmd) => remote::run(cmd)?,
        Command::Gencert(args) => compat::gencert::run(args)?,
        Command::Certinfo(args) => compat::certinfo::run(args)?,
        Command::PrintDefaults(what) => compat::print_defaults::run(what)?,
        Command::Revoke(args) => revoke::run(args)?,
        Command::Crl(args) => crl::run(args)?,
        Command::CrossSign(args) => cross_sign::run(args)?,
        Command::Renew(args) => renew::run(args)?,
        Command::Ledger(cmd) => ledger::run(cmd)?,
        Command::Export(cmd) => export::run(cmd)?,
        Command::Import(cmd) => import::run(cmd)?,
        Command::Selfsign(args) => compat::selfsign::run(args)?,
        Command::Gencrl(args) => compat::gencrl::run(args)?,
        Command::Info(args) => remote::run(remote::RemoteCommand::Info(args))?,
        Command::Version => compat::version::run()?,
        Command::Generate(args) => generate::run(args)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short cut in `parse` must build each subcommand exactly as the
    /// derived tree does: same arguments, same help, same usage.
    #[test]
    fn a_subcommand_built_alone_is_the_derived_one() {
        let mut full = Cli::command();
        full.build();
        let names: Vec<String> = full
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let mut fast = 0;
        for name in names {
            let Some(mut alone) = command_for(&name) else {
                continue;
            };
            fast += 1;
            alone.build();
            let a = alone.find_subcommand_mut(&name).unwrap();
            let b = full.find_subcommand_mut(&name).unwrap();
            assert_eq!(
                a.render_long_help().to_string(),
                b.render_long_help().to_string(),
                "{name} --help"
            );
            assert_eq!(a.render_help().to_string(), b.render_help().to_string());
            assert_eq!(a.render_usage().to_string(), b.render_usage().to_string());
            let args = |c: &clap::Command| {
                c.get_arguments()
                    .map(|a| format!("{a:?}"))
                    .collect::<Vec<_>>()
            };
            assert_eq!(args(a), args(b), "{name} arguments");
        }
        assert!(fast >= 11, "only {fast} subcommands take the short cut");
    }
}
