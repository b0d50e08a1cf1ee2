//! How a run ends: every handler returns here and `main` turns the outcome
//! into the process's exit code, so that no handler exits the process (a
//! `process::exit` skips destructors: a key buffer is not zeroed, stdout is
//! not flushed). The codes are the ones `certsmith --help` documents: 0
//! success, 1 the operation failed, 2 usage error; inspect's checks follow
//! grep instead (see [`Failure::CheckFailed`]).

use std::process::ExitCode;

use certsmith::Error;

/// What a run that did not succeed reports, and with which exit code.
pub enum Failure {
    /// The operation failed: `error: …` (and `hint: …`) on stderr, exit 1.
    Error(Error),
    /// A usage error found once the command line is read (a missing `--ca`
    /// that only the profile shows to be needed, a cfssl flag refused):
    /// clap's own format and exit code, 2, as for an unknown flag.
    Usage(clap::Error),
    /// inspect `--expiring-within`/`--needs-renewal` listed no certificate:
    /// exit 1 and nothing on stderr, as grep finding no line.
    NoneListed,
    /// inspect's checks could not look: the error as usual, but exit 2, so
    /// that a script can tell "none due" (1) from "could not check" (2).
    CheckFailed(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Error(error)
    }
}

impl From<clap::Error> for Failure {
    fn from(error: clap::Error) -> Failure {
        Failure::Usage(error)
    }
}

/// A run's result: `Ok` exits 0.
pub type Outcome = std::result::Result<(), Failure>;

/// Prints what `outcome` has to say and gives its exit code.
pub fn code(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Error(error)) => {
            super::print_error(&error);
            ExitCode::from(1)
        }
        Err(Failure::Usage(error)) => usage(&error),
        Err(Failure::NoneListed) => ExitCode::from(1),
        Err(Failure::CheckFailed(error)) => {
            super::print_error(&error);
            ExitCode::from(2)
        }
    }
}

/// clap's answer to a command line: help and `--version` on stdout (exit 0),
/// a usage error on stderr (exit 2). What `clap::Error::exit` does, without
/// ending the process from inside the run.
pub fn usage(error: &clap::Error) -> ExitCode {
    // clap quotes an argument it did not expect: a URI with its PIN in it
    // is shown without the PIN (plain, without clap's colours, then).
    let text = error.render().to_string();
    let redacted = certsmith::keys::pkcs11::redact_all(&text);
    if error.use_stderr() && redacted != text {
        say!("{}", redacted.trim_end());
    } else {
        // As in clap's own `exit`: a closed pipe (`--help | head`) is no error.
        let _ = error.print();
    }
    u8::try_from(error.exit_code()).map_or(ExitCode::FAILURE, ExitCode::from)
}
