//! Things worth telling a person that do not stop the work: ignored keys in a
//! JSON file, usages left out for a key type, validity clamped to the CA.
//!
//! The library returns notes; the binary prints them on stderr.

use std::fmt;

/// A remark about a finished (or still running) operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A JSON key that cfssl's schema does not have; Go ignores those, so do we.
    UnknownJsonKey { source: String, key: String },
    /// notAfter was cut back so that the certificate does not outlive its issuer.
    NotAfterClamped { requested: String, clamped: String },
    /// notBefore was moved up to the issuer's: the CA is not valid before then.
    NotBeforeClamped { requested: String, clamped: String },
    /// A CA's pathlen was lowered to what its issuer allows.
    PathLenClamped { requested: Option<u8>, allowed: u8 },
    /// A signer in a failover group that could not be reached.
    RemoteSkipped { url: String, reason: String },
    /// A warning the server sent with its answer (Vault's `warnings`: a TTL
    /// cut to the role's maximum).
    ServerWarning { url: String, warning: String },
    /// An empty `hosts` entry, which cfssl turns into an empty DNS name; many
    /// cfssl-era client CSR JSON files carry `"hosts": [""]`.
    EmptyHostSkipped { source: String, index: usize },
    /// A profile field that certsmith reads but deliberately does not honour.
    FieldIgnored {
        profile: String,
        field: &'static str,
        reason: &'static str,
    },
    /// The ledger ends in the start of a line without its newline: an
    /// append that a crash or a full disk stopped part-way, which never
    /// happened (issue 13).
    LedgerInterruptedAppend {
        ledger: String,
        line: usize,
        bytes: usize,
    },
    /// An append removed such a torn tail before writing its own line.
    LedgerInterruptedAppendRemoved {
        ledger: String,
        line: usize,
        bytes: usize,
    },
    /// A SAN of a kind certsmith does not issue, copied from nowhere: the
    /// request carried it, the certificate does not.
    SanLeftOut { kind: &'static str },
    // issue 13: split-json
    /// A temporary file of split-json's, older than a minute, that a crash
    /// left behind (it may have held a private key) and a later run removed.
    StaleTemporaryRemoved { path: String },
    // issue 14: flags
    /// Usages that the user's own profile asks for and the key type forbids
    /// (RFC 3279, 8813, 8410), left out: one note for all of them. The
    /// shipped profiles are templates for every key type and get none.
    UsagesLeftOut {
        profile: String,
        usages: Vec<&'static str>,
        key: String,
        rule: &'static str,
    },
    /// A TLS server certificate with no DNS name or IP address in it, which
    /// no client will accept for any host (cfssl warns alike).
    ServerWithoutSan { profile: String },
    /// A JSON key that cfssl's schema does not have, spelled close to one
    /// it has: most likely a typo that would otherwise pass in silence.
    UnknownJsonKeyNear {
        source: String,
        key: String,
        known: String,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::UnknownJsonKey { source, key } => {
                write!(f, "warning: {source}: unknown key `{key}` ignored")
            }
            Note::NotAfterClamped { requested, clamped } => write!(
                f,
                "note: notAfter {requested} would outlive the CA; clamped to {clamped}"
            ),
            Note::NotBeforeClamped { requested, clamped } => write!(
                f,
                "note: notBefore {requested} would precede the CA's notBefore; clamped to {clamped}"
            ),
            Note::PathLenClamped { requested, allowed } => {
                let requested = match requested {
                    Some(n) => n.to_string(),
                    None => "unlimited".to_string(),
                };
                write!(
                    f,
                    "note: pathlen {requested} exceeds what the issuing CA allows; set to {allowed}"
                )
            }
            Note::EmptyHostSkipped { source, index } => write!(
                f,
                "note: {source}: hosts[{index}] is empty and was skipped (no empty DNS name in the certificate)"
            ),
            Note::RemoteSkipped { url, reason } => {
                write!(f, "note: {url}: {reason}; trying the next signer")
            }
            Note::ServerWarning { url, warning } => write!(f, "note: {url} warns: {warning}"),
            Note::FieldIgnored {
                profile,
                field,
                reason,
            } => {
                write!(
                    f,
                    "warning: profile `{profile}`: `{field}` ignored: {reason}"
                )
            }
            Note::LedgerInterruptedAppend {
                ledger,
                line,
                bytes,
            } => write!(
                f,
                "note: {ledger}: line {line} is an interrupted append, not a tampered line: {bytes} bytes without a newline, never completed; the next append removes them"
            ),
            Note::LedgerInterruptedAppendRemoved {
                ledger,
                line,
                bytes,
            } => write!(
                f,
                "note: {ledger}: removed an interrupted append at line {line}: {bytes} bytes without a newline, never completed"
            ),
            Note::SanLeftOut { kind } => write!(
                f,
                "note: the request's {kind} SAN left out: certsmith issues DNS, IP, email and URI names"
            ),
            // issue 13: split-json
            Note::StaleTemporaryRemoved { path } => write!(
                f,
                "note: removed {path}, a temporary file left by an interrupted split-json"
            ),
            // issue 14: flags
            Note::UsagesLeftOut {
                profile,
                usages,
                key,
                rule,
            } => {
                let plural = if usages.len() == 1 { "" } else { "s" };
                let list = usages
                    .iter()
                    .map(|u| format!("`{u}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                write!(
                    f,
                    "note: profile `{profile}`: usage{plural} {list} left out: not allowed for {key} keys ({rule})"
                )
            }
            Note::ServerWithoutSan { profile } => write!(
                f,
                "warning: this certificate lacks a \"hosts\" field: profile `{profile}` makes it for TLS servers, and clients match the server's name against its DNS names and IP addresses, never the CN; add \"hosts\" to the request"
            ),
            Note::UnknownJsonKeyNear { source, key, known } => write!(
                f,
                "warning: {source}: unknown key `{key}` ignored; did you mean `{known}`?"
            ),
        }
    }
}
