//! Placeholder of the issue 19 skeleton, replaced by wt-p12.

use clap::{Args, Subcommand};

use certsmith::Result;

/// Read a file another tool wrote into certsmith's (cfssl's) JSON.
#[derive(Subcommand)]
pub enum ImportCommand {
    P12(P12Args),
}

/// Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json.
#[derive(Args)]
pub struct P12Args {}

pub fn run(cmd: ImportCommand) -> Result<()> {
    match cmd {
        ImportCommand::P12(_) => todo!("issue 19: wt-p12"),
    }
}
