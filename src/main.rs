//! The `certsmith` binary: parse the command line, run, map the outcome to
//! an exit code (0 success, 1 the operation failed, 2 usage error).
#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2.
    let args = cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            cli::print_error(&err);
            ExitCode::from(1)
        }
    }
}
