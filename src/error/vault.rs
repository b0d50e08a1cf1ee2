//! What can go wrong talking to the PKI secrets engine of Vault or OpenBao
//! (issue 17). One enum of its own, as [`crate::Error::Vault`]. No message
//! ever shows a token: they are never quoted, only where they came from.

use std::fmt;

/// A Vault or OpenBao failure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultError {
    /// The server answered with an error: its HTTP status and its `errors`.
    Refused {
        url: String,
        path: String,
        status: u16,
        messages: Vec<String>,
    },
    /// The server answered with something the API does not: not JSON, or
    /// JSON without the field asked for.
    BadAnswer { url: String, reason: String },
    /// A token (or AppRole credential) source that holds nothing, or an
    /// environment variable that is not set.
    EmptyCredential { source: String },
    /// No token source, and none in the environment.
    NoToken,
    /// A serial number that is not hex.
    BadSerial { serial: String },
    /// Plain HTTP to another host: the token would cross the network in
    /// the clear.
    PlainHttp { url: String },
    /// A mount or role name that would leave its place in the URL path.
    BadName { what: &'static str, name: String },
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::Refused {
                url,
                path,
                status,
                messages,
            } => {
                write!(f, "{url} refused {path} (HTTP {status})")?;
                if !messages.is_empty() {
                    write!(f, ": {}", messages.join("; "))?;
                }
                Ok(())
            }
            VaultError::BadAnswer { url, reason } => {
                write!(
                    f,
                    "{url} answered with something Vault's API does not: {reason}"
                )
            }
            VaultError::EmptyCredential { source } => write!(f, "{source} is empty or not set"),
            VaultError::NoToken => write!(f, "no Vault or OpenBao token given"),
            VaultError::PlainHttp { url } => write!(
                f,
                "{url}: refusing to send a token over plain HTTP to another host"
            ),
            VaultError::BadName { what, name } => write!(
                f,
                "{what} \"{name}\" is not a name Vault's API takes (letters, digits, - _ . and, for a mount, /)"
            ),
            VaultError::BadSerial { serial } => {
                write!(f, "serial \"{serial}\" is not hexadecimal")
            }
        }
    }
}
