//! `certsmith remote info` (and cfssl's `info`): a signer's certificate,
//! usages and expiry.

use clap::Args;
use serde_json::Value;

use certsmith::Result;

use super::{Connection, connect};
use crate::cli::io;

/// Ask a signer for its certificate, usages and expiry.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith remote info --remote https://ca:8888 --tls-remote-ca ca.pem --label primary"
)]
pub struct InfoArgs {
    #[command(flatten)]
    connection: Connection,
}

pub fn run(args: InfoArgs) -> Result<()> {
    let remote = connect(&args.connection)?;
    let (result, notes) = remote.info(&args.connection.label, &args.connection.profile)?;
    io::print_notes(&notes);
    let mut line = serde_json::to_string(&Value::Object(result)).expect("JSON serializes");
    line.push('\n');
    io::write_stdout(line.as_bytes())
}
