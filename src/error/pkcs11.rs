//! What can go wrong with a CA key in a PKCS#11 token (issue 16): the URI
//! that names it, the module, the token and the key. One enum of its own, as
//! [`crate::Error::Pkcs11`], so that the token's failures read together.
//! No message ever shows a PIN: a URI is quoted with its `pin-value`
//! elided ([`crate::keys::pkcs11::redact`]).

use std::fmt;
use std::path::PathBuf;

use crate::keys::KeyAlgorithm;

/// A PKCS#11 failure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pkcs11Error {
    /// A `pkcs11:` URI that RFC 7512 does not allow, or that asks for
    /// something certsmith does not do; `uri` has any PIN elided.
    InvalidUri { uri: String, problem: UriProblem },
    /// A URI that holds its PIN (`pin-value=`), where `ps` and shell
    /// history show it; `uri` has the PIN elided.
    PinInUri { uri: String },
    /// A token's module answered with something PKCS#11 does not allow
    /// (a public key or a signature that cannot be decoded).
    MalformedAnswer { key: String, what: &'static str },
    /// The module (a shared library) could not be loaded.
    ModuleLoad { module: PathBuf, reason: String },
    /// A PKCS#11 function failed for a reason no other variant names;
    /// `reason` is the return value's name (`MechanismInvalid`).
    Call { call: &'static str, reason: String },
    /// No token matches the URI's token attributes.
    NoSuchToken { uri: String },
    /// More than one token matches: the URI must say which.
    AmbiguousToken { uri: String, count: usize },
    /// The token refused the PIN (never retried: tokens lock).
    WrongPin { token: String, tries: PinTries },
    /// The user PIN is locked.
    PinLocked { token: String },
    /// The token's user PIN was never set (initialised by its security
    /// officer without one).
    PinNotInitialized { token: String },
    /// No private key matches the URI's object attributes.
    NoSuchKey { uri: String },
    /// More than one private key matches: the URI must say which.
    AmbiguousKey { uri: String, count: usize },
    /// The URI's `type=` names something other than a private key.
    NotAPrivateKey { uri: String },
    /// A key that asks for the PIN again before each signature
    /// (`CKA_ALWAYS_AUTHENTICATE`, a YubiKey's PIV slot 9c).
    AlwaysAuthenticate { uri: String },
    /// A private key the token will not sign with (`CKA_SIGN` false).
    CannotSign { uri: String },
    /// The public key object beside a private key (by its id) is another
    /// key's: a signature made with the private key does not verify with it.
    PublicKeyMismatch { uri: String },
    /// Several public key objects carry the private key's id and label.
    AmbiguousPublicKey { uri: String, count: usize },
    /// The token holds no public key for the private key (an EC key's
    /// point is only on its public key object, with the same `CKA_ID`).
    NoPublicKey { uri: String },
    /// A key to make in a token, named without `object=` (its label).
    NewKeyWithoutLabel { uri: String },
    /// A key to make in a token where an object already has its label or
    /// id: a second key by that name would make the URI ambiguous.
    ObjectExists { token: String, uri: String },
    /// Another run made a key by this label or id between this run's check
    /// and its making of one: this run's key was destroyed.
    RivalKey { token: String, uri: String },
    /// The token cannot make (or sign with) a key of this type and size.
    KeyTypeUnsupported {
        token: String,
        algorithm: KeyAlgorithm,
    },
    /// A module named by a bare or relative name, which the loader would
    /// search its library path for.
    RelativeModule { module: PathBuf },
    /// A token key named with no module to reach it through.
    NoModule { uri: String },
    /// Two different modules named for one key: the caller's and the URI's
    /// `module-path=`.
    ModuleConflict { given: PathBuf, in_uri: PathBuf },
    /// Two files named for one PIN: the caller's and the URI's
    /// `pin-source=`.
    PinSourceConflict { given: PathBuf, in_uri: PathBuf },
    /// A token key whose PIN has no source, and no terminal to ask on.
    NoPin { token: String },
    /// An empty PIN (an empty file, or an empty variable).
    EmptyPin { token: String },
}

/// What a token says, after a wrong PIN, about the tries left: PKCS#11 has
/// no counter, only the flags `CKF_USER_PIN_COUNT_LOW` and
/// `CKF_USER_PIN_FINAL_TRY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinTries {
    Unknown,
    Low,
    Final,
}

/// What is wrong with a `pkcs11:` URI (RFC 7512 §2.3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UriProblem {
    /// It does not start with `pkcs11:`.
    NotPkcs11,
    /// `attribute` has no `=` (or no name before it).
    NoValue { attribute: String },
    /// `attribute=` with nothing after the `=`.
    EmptyValue { attribute: String },
    /// A `%` not followed by two hex digits.
    BadPercentEncoding { attribute: String },
    /// A character the grammar allows only percent-encoded.
    BadCharacter { attribute: String, character: char },
    /// A path attribute in the query (after `?`), or a query attribute in
    /// the path.
    WrongPart { attribute: String, in_query: bool },
    /// Neither an RFC 7512 attribute nor one certsmith knows.
    UnknownAttribute { attribute: String },
    /// An RFC 7512 attribute certsmith does not match on (library and slot
    /// descriptions, vendor `x-` attributes): ignoring it would match more.
    UnsupportedAttribute { attribute: String },
    /// The same attribute twice.
    DuplicateAttribute { attribute: String },
    /// A text attribute whose bytes are not UTF-8.
    NotUtf8 { attribute: String },
    /// A token field longer than `CK_TOKEN_INFO` holds.
    TooLong { attribute: String, max: usize },
    /// `type=` other than public, private, cert, secret-key or data.
    BadType { value: String },
    /// `slot-id=` that is not a decimal number.
    BadSlotId { value: String },
    /// `module-name=`: a library name the loader would search for.
    ModuleName,
    /// `module-path=` that is not an absolute path.
    RelativeModulePath { path: String },
    /// `pin-source=` other than `file:PATH` or an absolute path; `-`
    /// (stdin) is no file.
    BadPinSource { value: String },
}

impl fmt::Display for Pkcs11Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pkcs11Error::InvalidUri { uri, problem } => {
                write!(f, "invalid PKCS#11 URI \"{uri}\": {problem}")
            }
            Pkcs11Error::PinInUri { uri } => write!(
                f,
                "\"{uri}\": refusing a PIN typed into a PKCS#11 URI, where ps and shell history show it"
            ),
            Pkcs11Error::MalformedAnswer { key, what } => {
                write!(f, "{key}: the token's module answered with {what}")
            }
            Pkcs11Error::ModuleLoad { module, reason } => write!(
                f,
                "cannot load the PKCS#11 module {}: {reason}",
                module.display()
            ),
            Pkcs11Error::Call { call, reason } => {
                write!(f, "the token's module failed {call}: {reason}")
            }
            Pkcs11Error::NoSuchToken { uri } => write!(f, "no token matches {uri}"),
            Pkcs11Error::AmbiguousToken { uri, count } => {
                write!(f, "{count} tokens match {uri}")
            }
            Pkcs11Error::WrongPin { token, tries } => {
                write!(f, "wrong PIN for token \"{token}\"")?;
                match tries {
                    PinTries::Unknown => Ok(()),
                    PinTries::Low => write!(f, " (the token says few tries remain)"),
                    PinTries::Final => write!(f, " (one more wrong PIN locks it)"),
                }
            }
            Pkcs11Error::PinLocked { token } => {
                write!(f, "the user PIN of token \"{token}\" is locked")
            }
            Pkcs11Error::NoSuchKey { uri } => write!(f, "no private key matches {uri}"),
            Pkcs11Error::AmbiguousKey { uri, count } => {
                write!(f, "{count} private keys match {uri}")
            }
            Pkcs11Error::NotAPrivateKey { uri } => {
                write!(
                    f,
                    "{uri}: a CA key is a private key, and type= names another kind of object"
                )
            }
            Pkcs11Error::AlwaysAuthenticate { uri } => write!(
                f,
                "{uri}: the key wants its PIN again before every signature (CKA_ALWAYS_AUTHENTICATE), which certsmith does not support"
            ),
            Pkcs11Error::NewKeyWithoutLabel { uri } => {
                write!(f, "{uri}: a key made in a token needs a label (object=)")
            }
            Pkcs11Error::ObjectExists { token, uri } => write!(
                f,
                "token \"{token}\" already holds an object with the label or id of {uri}; refusing to make a second"
            ),
            Pkcs11Error::KeyTypeUnsupported { token, algorithm } => write!(
                f,
                "token \"{token}\" cannot make or sign with {algorithm} keys"
            ),
            Pkcs11Error::NoPublicKey { uri } => write!(
                f,
                "{uri}: the token holds no public key object with the private key's CKA_ID"
            ),
            Pkcs11Error::NoModule { uri } => {
                write!(
                    f,
                    "{uri}: no PKCS#11 module named to reach the token through"
                )
            }
            Pkcs11Error::ModuleConflict { given, in_uri } => write!(
                f,
                "two PKCS#11 modules named: {} and module-path={} in the URI",
                given.display(),
                in_uri.display()
            ),
            Pkcs11Error::PinSourceConflict { given, in_uri } => write!(
                f,
                "two files named for the PIN: {} and pin-source={} in the URI",
                given.display(),
                in_uri.display()
            ),
            Pkcs11Error::RivalKey { token, uri } => write!(
                f,
                "another run made a key in token \"{token}\" with the label or id of {uri} at the same time; this run's key is destroyed again"
            ),
            Pkcs11Error::RelativeModule { module } => write!(
                f,
                "PKCS#11 module {} is not an absolute path: the loader would search for it",
                module.display()
            ),
            Pkcs11Error::PinNotInitialized { token } => {
                write!(f, "token \"{token}\" has no user PIN set")
            }
            Pkcs11Error::CannotSign { uri } => {
                write!(
                    f,
                    "{uri}: the token will not sign with this key (CKA_SIGN is false)"
                )
            }
            Pkcs11Error::PublicKeyMismatch { uri } => write!(
                f,
                "{uri}: the public key object with this key's id is another key's"
            ),
            Pkcs11Error::AmbiguousPublicKey { uri, count } => write!(
                f,
                "{uri}: {count} public key objects carry the private key's id and label"
            ),
            Pkcs11Error::NoPin { token } => write!(
                f,
                "no PIN for token \"{token}\", and no terminal to ask for it on"
            ),
            Pkcs11Error::EmptyPin { token } => write!(f, "empty PIN for token \"{token}\""),
        }
    }
}

impl fmt::Display for UriProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use UriProblem::*;
        match self {
            NotPkcs11 => write!(f, "it does not start with pkcs11:"),
            NoValue { attribute } if attribute.is_empty() => {
                write!(f, "an attribute has no name")
            }
            NoValue { attribute } => write!(f, "`{attribute}` has no value"),
            EmptyValue { attribute } => write!(f, "`{attribute}` is empty"),
            BadPercentEncoding { attribute } => write!(
                f,
                "`{attribute}` has a % that is not followed by two hex digits"
            ),
            BadCharacter {
                attribute,
                character,
            } => write!(
                f,
                "`{attribute}` has {character:?}, which must be percent-encoded"
            ),
            UnknownAttribute { attribute } => write!(f, "unknown attribute `{attribute}`"),
            WrongPart {
                attribute,
                in_query: true,
            } => write!(f, "`{attribute}` belongs in the path, before the `?`"),
            WrongPart {
                attribute,
                in_query: false,
            } => write!(f, "`{attribute}` belongs in the query, after the `?`"),
            UnsupportedAttribute { attribute } => {
                write!(f, "certsmith does not match on `{attribute}`")
            }
            DuplicateAttribute { attribute } => write!(f, "`{attribute}` is given twice"),
            NotUtf8 { attribute } => write!(f, "`{attribute}` is not UTF-8 text"),
            TooLong { attribute, max } => {
                write!(f, "`{attribute}` is longer than a token's {max} bytes")
            }
            BadType { value } => write!(
                f,
                "type \"{value}\" is not one of public, private, cert, secret-key, data"
            ),
            BadSlotId { value } => write!(f, "slot-id \"{value}\" is not a decimal number"),
            ModuleName => write!(
                f,
                "module-name names a library for the loader to search for, not a file"
            ),
            RelativeModulePath { path } => {
                write!(f, "module-path \"{path}\" is not an absolute path")
            }
            BadPinSource { value } if value == "-" || value.ends_with(":-") => write!(
                f,
                "pin-source \"{value}\" names stdin; a URI names the PIN's file"
            ),
            BadPinSource { value } => write!(
                f,
                "pin-source \"{value}\" is neither file:PATH nor an absolute path"
            ),
        }
    }
}
