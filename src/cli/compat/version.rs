//! `certsmith version`: cfssl's version command.

use certsmith::Result;

use crate::cli::io;

/// `certsmith version`: what `certsmith --version` prints.
pub fn run() -> Result<()> {
    io::write_stdout(format!("certsmith {}\n", env!("CARGO_PKG_VERSION")).as_bytes())
}
