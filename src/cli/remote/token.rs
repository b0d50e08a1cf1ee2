//! `certsmith remote token`: cfssl's authentication token of a file's bytes.

use clap::Args;

use certsmith::Result;
use certsmith::remote;

use super::auth_key_flag;
use crate::cli::io::{self, Input};

/// Print cfssl's authentication token (base64 HMAC-SHA256) of a file's bytes.
#[derive(Args)]
#[command(after_help = "Examples:\n  certsmith remote token --auth-key file:auth.hex request.json")]
pub struct TokenArgs {
    /// The auth key, named as env:VAR or file:PATH (the file holds hex)
    #[arg(long, value_name = "KEY", value_hint = clap::ValueHint::Other)]
    auth_key: String,
    /// The exact bytes that are signed, or - for stdin
    file: String,
}

pub fn run(args: TokenArgs) -> Result<()> {
    let key = auth_key_flag(&args.auth_key)?;
    let input = Input::read(&args.file)?;
    io::write_stdout(format!("{}\n", remote::token(&key, &input.bytes)).as_bytes())
}
