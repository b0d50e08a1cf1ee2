//! The failure underneath an error, for callers that walk the chain
//! (`std::error::Error::source`): an io error, a DER encoding error, age's
//! error. The message already quotes its reason, so nothing here is shown twice
//! by the CLI, which prints only the top error.

use super::Error;

impl std::error::Error for Error {
    /// The io or encoding error underneath, for callers that walk the chain;
    /// the message already quotes its reason.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        use Error::*;
        match self {
            In { error, .. } => error.source(),
            ReadFile { source, .. }
            | WriteFile { source, .. }
            | ReadStdin { source }
            | LedgerIo { source, .. }
            | SplitLock { source, .. }
            | MakeDirectory { source, .. } => Some(source),
            Encoding { cause, .. } => Some(cause),
            Unseal { cause, .. } => Some(cause.as_ref()),
            _ => None,
        }
    }
}
