//! What can go wrong making or opening a PKCS#12 file (RFC 7292; issue 19).
//! One enum of its own, as [`crate::Error::Pkcs12`], so that the file's
//! failures read together. No message ever shows a password.

use std::fmt;

/// A PKCS#12 failure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pkcs12Error {
    /// A file larger than certsmith opens: each bag of a hostile file may
    /// ask for up to a million key-derivation rounds.
    TooLarge { path: String, limit: usize },
    /// Not a PKCS#12 PFX at all (its outer structure does not decode).
    NotPkcs12 { path: String, reason: String },
    /// A PFX whose MAC the password verifies, but whose contents do not
    /// decode: damaged or made by a broken writer.
    Damaged { path: String, reason: String },
    /// The password does not verify the file's MAC.
    WrongPassword { path: String },
    /// A file without a MAC whose contents do not decrypt: the password is
    /// wrong, or the file is damaged (nothing tells which).
    WrongPasswordOrDamaged { path: String },
    /// A MAC or encryption algorithm certsmith does not open (PBMAC1, an MD5
    /// or RC4 based one).
    UnsupportedAlgorithm { path: String },
    /// Key-derivation parameters that are missing, or that ask for more work
    /// than certsmith does (over a million iterations, scrypt over 1 GiB).
    ExcessiveWork { path: String },
    /// A file with no private key in it (a trust store).
    NoKey { path: String },
    /// A file with several private keys: which one to take is not certsmith's
    /// guess. `names` are their friendly names, where they have one.
    SeveralKeys {
        path: String,
        count: usize,
        names: Vec<String>,
    },
    /// A private key with no certificate for it in the file.
    NoCertificateForKey { path: String },
    /// A password or friendly name with a character outside the Basic
    /// Multilingual Plane, which PKCS#12's BMPString cannot hold.
    NotBmp { what: &'static str },
    /// A friendly name keytool and Windows would show wrongly or not at
    /// all: empty, or with a control or bidirectional formatting character.
    BadName { problem: &'static str },
    /// An empty password where a file is made (the caller must ask for one).
    EmptyPassword,
    /// A password to protect a new file with that is shorter than `min` characters.
    WeakPassword { min: usize },
    /// A plaintext key (an opened file's) or a PKCS#12 file's bytes about to
    /// go to stdout, which is a terminal: `what` says which.
    ToTerminal { what: &'static str },
    /// The writer failed (`reason`: the crate's words).
    Encode { reason: String },
}

impl fmt::Display for Pkcs12Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Pkcs12Error::*;
        match self {
            TooLarge { path, limit } => write!(
                f,
                "{path} is larger than {} MiB, more than any PKCS#12 file of a key and its chain; refusing to open it",
                limit >> 20
            ),
            NotPkcs12 { path, reason } => write!(f, "{path} is not a PKCS#12 file: {reason}"),
            Damaged { path, reason } => {
                write!(f, "{path}: the PKCS#12 contents are damaged: {reason}")
            }
            WrongPassword { path } => write!(f, "{path}: wrong password"),
            WrongPasswordOrDamaged { path } => write!(
                f,
                "{path}: the contents do not decrypt: a wrong password, or a damaged file (it has no MAC to tell which)"
            ),
            UnsupportedAlgorithm { path } => write!(
                f,
                "{path} is protected by an algorithm certsmith does not open (such as PBMAC1, or one based on MD5 or RC4)"
            ),
            ExcessiveWork { path } => write!(
                f,
                "{path}: its key derivation parameters are missing, or ask for more work than certsmith does (over a million iterations, or scrypt over 1 GiB)"
            ),
            NoKey { path } => write!(f, "{path} holds no private key"),
            SeveralKeys { path, count, names } => {
                write!(f, "{path} holds {count} private keys")?;
                if !names.is_empty() {
                    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                    write!(f, " ({})", quoted.join(", "))?;
                }
                write!(f, "; certsmith takes a file with one")
            }
            NoCertificateForKey { path } => {
                write!(f, "{path} holds a private key but no certificate for it")
            }
            BadName { problem } => write!(f, "the entry's friendly name {problem}"),
            NotBmp { what } => write!(
                f,
                "{what} has a character beyond U+FFFF, which PKCS#12 (BMPString) cannot hold"
            ),
            EmptyPassword => write!(f, "the password is empty"),
            WeakPassword { min } => write!(
                f,
                "the password is shorter than {min} characters; refusing to protect a key with it"
            ),
            ToTerminal { what } => write!(f, "refusing to print {what} on a terminal"),
            Encode { reason } => write!(f, "cannot write the PKCS#12 file: {reason}"),
        }
    }
}
