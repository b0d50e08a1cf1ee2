//! What can go wrong sealing a CA key to a quorum or opening it (issue 20).
//! One enum of its own, as [`crate::Error::Quorum`], so that the quorum's
//! failures read together. No message ever shows a share or the identity.

use std::fmt;

/// A quorum failure. `source` is the quorum file's name, `label` a
/// custodian's as the file names them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuorumError {
    /// A quorum file with no identity given to open any share with.
    Locked {
        source: String,
        threshold: u8,
        labels: Vec<String>,
    },
    /// Fewer distinct shares open than the threshold: `opened` pairs each
    /// open share's custodian with where it came from (an identity file, a
    /// released share), `missing` names the custodians still missing.
    Incomplete {
        source: String,
        threshold: u8,
        opened: Vec<(String, String)>,
        missing: Vec<String>,
    },
    /// An identity (`identity`: its file) that opens no custodian's share.
    IdentityOpensNothing { source: String, identity: String },
    /// A share record of another quorum (`share_quorum`) than the file's.
    ShareForeign {
        share: String,
        label: String,
        share_quorum: String,
        source: String,
        quorum: String,
    },
    /// A share whose value does not match the file's commitment to it:
    /// edited, forged, or its commitment line swapped with another's.
    ShareCommitment {
        share: String,
        label: String,
        source: String,
    },
    /// A share's age file that does not open (`reason`: age's words), or
    /// opens to something that is not a share record. `label` is the
    /// custodian's when the file names one (not for a released share).
    ShareUnopenable {
        source: String,
        label: Option<String>,
        reason: String,
    },
    /// Shares that combine to another identity than the file's quorum
    /// recipient (`combined`: the recipient they give, when they give one).
    /// `labels` are the custodians whose shares were combined.
    RecipientMismatch {
        source: String,
        labels: Vec<String>,
        combined: Option<String>,
    },
    /// The key's age file does not open with the combined identity (`reason`:
    /// age's words): the file is damaged.
    KeyUnopenable { source: String, reason: String },
    /// The key inside is not the one the header names: `fingerprint` is
    /// the public key SHA-256 of the key found.
    KeyMismatch { source: String, fingerprint: String },
    /// A quorum file that does not follow the format, at line `line` (from 1).
    File {
        source: String,
        line: usize,
        reason: String,
    },
    /// A threshold above the number of custodians.
    ThresholdAboveCustodians { threshold: usize, custodians: usize },
    /// A threshold of 0 or 1: no quorum at all.
    ThresholdTooLow { threshold: usize },
    /// More custodians than shares can number (255).
    TooManyCustodians { custodians: usize },
    /// A recipient given twice: each custodian holds one share.
    DuplicateCustodian { recipient: String },
    /// A custodian's label given twice, or one that messages cannot show
    /// (`problem` says why).
    BadLabel {
        label: String,
        problem: &'static str,
    },
    /// Released shares given for a key that is not sealed to a quorum.
    SharesWithoutQuorum { source: String },
    /// An identity (`identity`) that opens the shares of several
    /// custodians (`labels`), where one share is released at a time.
    ReleaseSeveral {
        source: String,
        identity: String,
        labels: Vec<String>,
    },
    /// A released share (`share`) that none of the identities given opens.
    ReleasedShareUnopened { share: String },
    /// A quorum file that would be larger (`size` bytes) than a quorum file
    /// may be (`most`): refused before it is written.
    FileTooLarge { size: usize, most: usize },
    /// A release whose output is the very file it releases from: it would
    /// put one share where the key was.
    ReleaseOverItsInput { path: String },
    /// A block that holds another custodian's share than its place in the
    /// file says: blocks moved, or one copied over another.
    ShareMisplaced {
        source: String,
        block: u8,
        block_label: String,
        index: u8,
        label: String,
    },
    /// A custodian's identity file (`identity`) whose passphrase, taken
    /// from a file or the environment as every custodian's is, is wrong.
    CustodianPassphrase { identity: String },
    /// A release whose output is a quorum file already.
    ReleaseOverQuorum { path: String },
    /// A reshare given no quorum for the new custodians.
    ReshareWithoutQuorum { source: String },
    /// Shamir's arithmetic refused its input (`reason`: vsss-rs's words, or
    /// a count that is not the threshold).
    Shares { reason: String },
    // issue 20: a quorum file beside split-json's files and exports
    /// `path` holds the key a new quorum file holds, sealed to another
    /// quorum (a reshare's or a re-seal's output): replacing it would take
    /// the file its custodians hold shares of.
    SameKeyOtherQuorum { path: String },
    /// A key sealed to a quorum asked for in `format`, which would hold it
    /// in the clear: a plaintext copy is made on purpose, by M custodians.
    NotExportable { path: String, format: &'static str },
}

impl fmt::Display for QuorumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use QuorumError::*;
        match self {
            Locked {
                source,
                threshold,
                labels,
            } => write!(
                f,
                "{source}: the key is sealed to {threshold} of {} custodians ({}) and no identity was given",
                labels.len(),
                labels.join(", ")
            ),
            Incomplete {
                source,
                threshold,
                opened,
                missing,
            } => {
                let total = opened.len() + missing.len();
                write!(
                    f,
                    "{source}: {threshold} of {total} custodians' shares are needed and "
                )?;
                match opened.len() {
                    0 => write!(f, "none is open")?,
                    n => {
                        let list: Vec<String> = opened
                            .iter()
                            .map(|(label, via)| format!("{label}, with {via}"))
                            .collect();
                        let verb = if n == 1 { "is" } else { "are" };
                        write!(f, "{n} {verb} open ({})", list.join("; "))?;
                    }
                }
                write!(f, "; still missing: {}", missing.join(", "))
            }
            IdentityOpensNothing { source, identity } => {
                write!(f, "{source}: {identity} opens no custodian's share")
            }
            ShareForeign {
                share,
                label,
                share_quorum,
                source,
                quorum,
            } => write!(
                f,
                "{share}: the share of {label} is a share of quorum {share_quorum}, not of {source} (quorum {quorum})"
            ),
            ShareCommitment {
                share,
                label,
                source,
            } if share == source => write!(
                f,
                "{source}: the share of {label} does not match its commitment"
            ),
            ShareCommitment {
                share,
                label,
                source,
            } => write!(
                f,
                "{share}: the share of {label} does not match its commitment in {source}"
            ),
            ShareUnopenable {
                source,
                label: Some(label),
                reason,
            } => write!(
                f,
                "{source}: the share of {label} cannot be opened: {reason}"
            ),
            ShareUnopenable {
                source,
                label: None,
                reason,
            } => write!(f, "{source}: the share cannot be opened: {reason}"),
            RecipientMismatch {
                source,
                labels,
                combined,
            } => {
                let who = labels.join(", ");
                match combined {
                    Some(r) => write!(
                        f,
                        "{source}: the shares of {who} combine to {r}, not to the quorum recipient the file names"
                    ),
                    None => write!(
                        f,
                        "{source}: the shares of {who} combine to no age identity, so not to the quorum recipient the file names"
                    ),
                }
            }
            KeyUnopenable { source, reason } => write!(
                f,
                "{source}: the key cannot be opened with the combined identity: {reason}"
            ),
            KeyMismatch {
                source,
                fingerprint,
            } => write!(
                f,
                "{source}: the key inside is not the one its header names ({fingerprint})"
            ),
            File {
                source,
                line,
                reason,
            } => write!(f, "{source}: line {line}: {reason}"),
            ThresholdAboveCustodians {
                threshold,
                custodians,
            } => write!(
                f,
                "a threshold of {threshold} needs at least {threshold} custodians, and {custodians} recipients were given"
            ),
            ThresholdTooLow { threshold } => write!(
                f,
                "a threshold of {threshold} is no quorum: any one custodian could open the key alone"
            ),
            TooManyCustodians { custodians } => write!(
                f,
                "{custodians} custodians are more than a quorum can hold (255)"
            ),
            DuplicateCustodian { recipient } => write!(
                f,
                "{recipient} is given twice: each custodian holds one share"
            ),
            BadLabel { label, problem } => {
                write!(f, "the custodian label {label:?} {problem}")
            }
            SharesWithoutQuorum { source } => write!(
                f,
                "{source} is not sealed to a quorum, and shares of one were given"
            ),
            ReleaseSeveral {
                source,
                identity,
                labels,
            } => write!(
                f,
                "{source}: {identity} opens the shares of {}, and a share is released one at a time",
                labels.join(", ")
            ),
            ReleasedShareUnopened { share } => {
                write!(f, "{share}: no identity given opens this released share")
            }
            FileTooLarge { size, most } => write!(
                f,
                "the quorum file would be {size} bytes, more than the {most} a quorum file may hold"
            ),
            ReleaseOverItsInput { path } => write!(
                f,
                "{path} is the file the share is released from; refusing to write the share over it"
            ),
            ShareMisplaced {
                source,
                block,
                block_label,
                index,
                label,
            } => write!(
                f,
                "{source}: the block of share {block} ({block_label}) holds share {index} ({label}): blocks were moved or copied"
            ),
            CustodianPassphrase { identity } => write!(
                f,
                "{identity}: wrong passphrase (the one passphrase given is tried for every custodian)"
            ),
            ReleaseOverQuorum { path } => write!(
                f,
                "{path} is a quorum file; refusing to write a released share over it"
            ),
            ReshareWithoutQuorum { source } => write!(
                f,
                "{source}: a reshare needs a threshold and the new custodians to seal the key to"
            ),
            Shares { reason } => write!(f, "the shares cannot be split or combined: {reason}"),
            // issue 20: a quorum file beside split-json's files and exports
            SameKeyOtherQuorum { path } => write!(
                f,
                "{path} holds the same key sealed to another quorum; refusing to replace the custodians' file"
            ),
            NotExportable { path, format } => write!(
                f,
                "{path} is sealed to a quorum; refusing to write it unsealed as {format}"
            ),
        }
    }
}
