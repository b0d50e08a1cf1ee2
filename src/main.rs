//! The `certsmith` binary: parse the command line, run, map the outcome to
//! an exit code (0 success, 1 the operation failed, 2 usage error).
#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse() {
        Ok(args) => cli::run(args),
        // Help, --version, or a usage error: clap's output and exit code.
        Err(usage) => cli::usage(&usage),
    }
}
