//! `certsmith gencert`: cfssl's gencert command line, translated to the
//! certsmith command it stands for (initca, sign or remote sign) and run.

use std::ffi::OsString;

use clap::Args;

use crate::cli::exit::Outcome;

const GENCERT_EXAMPLES: &str = "\
Examples:
  certsmith gencert -initca ca-csr.json | certsmith split-json -bare ca
  certsmith gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json \\
      -profile=kubernetes admin-csr.json | certsmith split-json -bare admin
  certsmith gencert -remote=ca.example:8888 -profile=server srv-csr.json";

/// cfssl's gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign.
///
/// cfssl's flags are translated to that command's, or ignored with a note
/// (-loglevel, -label without -remote), or refused naming what to use instead.
#[derive(Args)]
#[command(after_help = GENCERT_EXAMPLES)]
pub struct GencertArgs {
    /// The flags and CSR JSON, as cfssl gencert takes them
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "ARGS"
    )]
    args: Vec<OsString>,
}

pub fn run(args: GencertArgs) -> Outcome {
    // The flags arrive as typed: `-ca=x` and `--ca=x` alike.
    let argv = super::cfssl_command_line(&"certsmith".into(), "gencert", &args.args)?;
    let cli = crate::cli::parse_certsmith(argv)?;
    crate::cli::dispatch(cli.command)
}
