//! CA keys sealed to a quorum: any M of N custodians together, and no
//! fewer, open the key (issue 20; README "CA keys sealed to a quorum").
//!
//! A fresh age X25519 *quorum identity* is made in memory; the CA key is
//! sealed to its recipient as an ordinary age file; the identity's text is
//! split M-of-N over GF(256) ([`split`]); each share record ([`share`]) is
//! sealed with age to exactly one custodian; the file ([`file`]) holds a
//! commitment to each share, bound to the quorum id and the share's number.
//! Every share is checked against its commitment before any is combined,
//! so a wrong share is refused by its custodian's name and never turned
//! into a wrong key.
//!
//! The library never prompts or prints: the caller loads identities
//! (asking custodians for passphrases as it likes), opens shares with
//! [`QuorumKey::open_embedded`] and [`QuorumKey::open_released`], and hands
//! what opened to [`QuorumKey::combine`]. Every secret lives in [`Zeroizing`]
//! buffers or age's own wiped types, and no `Debug` shows one.

pub mod file;
pub mod share;
pub mod split;

use std::fmt;
use std::io::Read;
use std::str::FromStr;

use age::armor::ArmoredReader;
use age::secrecy::ExposeSecret;
use zeroize::Zeroizing;

pub use file::{Custodian, QuorumFile, algorithm_token, check_label};
pub use share::{QuorumId, ShareRecord, commitment};

use super::PrivateKey;
use super::sealed::{self, Seal};
use crate::error::QuorumError;
use crate::{Error, Result};

/// True for a quorum file (its first line). A first line ending `\r\n` is
/// one too, so that the parser refuses it by line rather than another
/// reader misreading its age blocks.
pub fn is_quorum(bytes: &[u8]) -> bool {
    bytes
        .strip_prefix(file::FILE_MAGIC.as_bytes())
        .is_some_and(|rest| rest.starts_with(b"\n") || rest.starts_with(b"\r\n"))
}

/// One custodian to seal a share to: a label and a recipient as age reads
/// it (`age1…`, `ssh-ed25519 …`, `ssh-rsa …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustodian {
    pub label: String,
    pub recipient: String,
}

/// How to seal a key to a quorum: `threshold` of `custodians`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuorumSeal {
    pub threshold: usize,
    pub custodians: Vec<NewCustodian>,
}

/// Seals `key` to a quorum: a new quorum identity and id, the key sealed
/// to the identity, the identity split to the custodians. The file's text
/// is [`QuorumFile::to_text`]; none of it is secret.
pub fn seal(key: &PrivateKey, quorum: &QuorumSeal) -> Result<QuorumFile> {
    let recipients = quorum.check()?;

    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let key_block = sealed::seal(
        key.to_pem().as_bytes(),
        &Seal::To(vec![Box::new(recipient.clone())]),
    )?;

    let mut id: QuorumId = [0; 16];
    getrandom::fill(&mut id).map_err(|e| Error::Seal {
        reason: format!("the OS random number generator failed: {e}"),
    })?;
    let secret = identity.to_string();
    let shares = split::split(
        secret.expose_secret().as_bytes(),
        quorum.threshold,
        quorum.custodians.len(),
    )?;
    // Checked before anything is handed out (a reshare's caller then
    // destroys the old file): the first and the last M shares give the
    // identity back, and the identity opens the key block to this very key.
    let m = quorum.threshold;
    let broken = |what: &str| -> Error {
        QuorumError::Shares {
            reason: format!("the new quorum file failed its own check: {what}"),
        }
        .into()
    };
    for window in [&shares[..m], &shares[shares.len() - m..]] {
        let values: Vec<&[u8]> = window.iter().map(|v| &v[..]).collect();
        if split::combine(m, &values)?[..] != *secret.expose_secret().as_bytes() {
            return Err(broken("its shares do not give the quorum identity back"));
        }
    }
    drop(secret);
    let reopened = open_block(key_block.as_bytes(), &[&identity])
        .ok()
        .flatten()
        .and_then(|pem| PrivateKey::from_bytes(&pem, "the new key block").ok());
    if reopened.is_none_or(|k| k.spki_der() != key.spki_der()) {
        return Err(broken("its key block does not open to the key"));
    }

    let count = quorum.custodians.len() as u8;
    let mut custodians = Vec::with_capacity(shares.len());
    for ((value, c), to) in shares.into_iter().zip(&quorum.custodians).zip(recipients) {
        let record = ShareRecord {
            quorum: id,
            index: value[0],
            count,
            threshold: quorum.threshold as u8,
            label: c.label.clone(),
            value,
        };
        let sealed_share = sealed::seal(record.to_text().as_bytes(), &Seal::To(vec![to]))?;
        custodians.push(Custodian {
            label: c.label.clone(),
            to: c.recipient.trim().into(),
            commitment: commitment(&id, &record.value),
            share: sealed_share,
        });
    }
    let file = QuorumFile {
        id,
        threshold: quorum.threshold as u8,
        recipient: recipient.to_string(),
        algorithm: algorithm_token(key.algorithm()),
        spki: key.spki_der().to_vec(),
        custodians,
        key: key_block,
    };
    // Never write a file that its reader would refuse: the key would be
    // out of reach but by hand.
    let text = file.to_text();
    if text.len() > file::MAX_FILE {
        return Err(QuorumError::FileTooLarge {
            size: text.len(),
            most: file::MAX_FILE,
        }
        .into());
    }
    QuorumFile::parse(text.as_bytes(), "the new quorum file")?;
    Ok(file)
}

impl QuorumSeal {
    /// The custodians' recipients, once the quorum is found sound: a
    /// threshold of at least 2 and at most N, labels that messages can show,
    /// each given once, and each custodian's key given once. A key given
    /// twice would let its holder open two shares alone, so it is compared
    /// as a key: an SSH key by its type and key, whatever its comment.
    pub fn check(&self) -> Result<Vec<sealed::Recipient>> {
        split::check_threshold(self.threshold, self.custodians.len())?;
        let mut recipients = Vec::with_capacity(self.custodians.len());
        for (i, c) in self.custodians.iter().enumerate() {
            check_label(&c.label).map_err(|problem| QuorumError::BadLabel {
                label: c.label.clone(),
                problem,
            })?;
            recipients.push(sealed::parse_recipient(&c.recipient)?);
            let before = &self.custodians[..i];
            if before
                .iter()
                .any(|b| key_of(&b.recipient) == key_of(&c.recipient))
            {
                return Err(QuorumError::DuplicateCustodian {
                    recipient: key_of(&c.recipient),
                }
                .into());
            }
            if before.iter().any(|b| b.label == c.label) {
                return Err(QuorumError::BadLabel {
                    label: c.label.clone(),
                    problem: "is given twice",
                }
                .into());
            }
        }
        Ok(recipients)
    }
}

/// A recipient's key, without what does not change it: an SSH public key
/// line's comment (`ssh-ed25519 AAAA… bob@laptop` and `ssh-ed25519 AAAA…`
/// are one custodian).
fn key_of(recipient: &str) -> String {
    let fields: Vec<&str> = recipient.split_whitespace().collect();
    if fields.len() >= 2 && fields[0].starts_with("ssh-") {
        return fields[..2].join(" ");
    }
    recipient.trim().to_string()
}

/// A share opened and checked against the file: its number, its
/// custodian's label, and where it came from (`via`: the identity file or
/// released share, for messages). `Debug` elides the value.
pub struct OpenedShare {
    pub index: u8,
    pub label: String,
    pub via: String,
    value: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for OpenedShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenedShare")
            .field("index", &self.index)
            .field("label", &self.label)
            .field("via", &self.via)
            .field("value", &"[share elided]")
            .finish()
    }
}

/// A quorum file read from `source`.
#[derive(Debug, Clone)]
pub struct QuorumKey {
    pub file: QuorumFile,
    pub source: String,
}

impl QuorumKey {
    /// Reads a quorum file strictly.
    pub fn parse(bytes: &[u8], source: &str) -> Result<QuorumKey> {
        Ok(QuorumKey {
            file: QuorumFile::parse(bytes, source)?,
            source: source.into(),
        })
    }

    /// M.
    pub fn threshold(&self) -> usize {
        usize::from(self.file.threshold)
    }

    /// The custodians' labels, share 1 first.
    pub fn labels(&self) -> Vec<String> {
        self.file
            .custodians
            .iter()
            .map(|c| c.label.clone())
            .collect()
    }

    /// The error for a file given no identity at all.
    pub fn locked(&self) -> Error {
        QuorumError::Locked {
            source: self.source.clone(),
            threshold: self.file.threshold,
            labels: self.labels(),
        }
        .into()
    }

    /// The embedded shares that `identities` (loaded from `via`) open, each
    /// checked against the file. A share that age cannot open for them, or
    /// that opens to a record of another file or another value, is an error
    /// naming its custodian; shares sealed to others are skipped.
    pub fn open_embedded(
        &self,
        identities: &[&dyn age::Identity],
        via: &str,
    ) -> Result<Vec<OpenedShare>> {
        self.open_blocks(identities)?
            .iter()
            .map(|(index, plain)| self.check(plain, Some(*index), &self.source, via))
            .collect()
    }

    /// The records in the custodians' blocks that `identities` open, with
    /// their blocks' numbers. A block that age cannot open for them is an
    /// error naming its custodian; blocks sealed to others are skipped.
    fn open_blocks(
        &self,
        identities: &[&dyn age::Identity],
    ) -> Result<Vec<(u8, Zeroizing<Vec<u8>>)>> {
        let mut opened = Vec::new();
        for (i, c) in self.file.custodians.iter().enumerate() {
            let plain = open_block(c.share.as_bytes(), identities).map_err(|reason| {
                QuorumError::ShareUnopenable {
                    source: self.source.clone(),
                    label: Some(c.label.clone()),
                    reason,
                }
            })?;
            if let Some(plain) = plain {
                opened.push((i as u8 + 1, plain));
            }
        }
        Ok(opened)
    }

    /// A share released to a one-time identity (`key share release`): the
    /// age file `bytes`, read from `share_source`. `None` when `identities`
    /// do not open it.
    pub fn open_released(
        &self,
        bytes: &[u8],
        share_source: &str,
        identities: &[&dyn age::Identity],
    ) -> Result<Option<OpenedShare>> {
        let plain =
            open_block(bytes, identities).map_err(|reason| QuorumError::ShareUnopenable {
                source: share_source.into(),
                label: None,
                reason,
            })?;
        plain
            .map(|p| self.check(&p, None, share_source, share_source))
            .transpose()
    }

    /// A record checked against the file: its quorum id, then its value
    /// against the commitment of its number (and, for an embedded block,
    /// the number of the block it was in).
    fn check(
        &self,
        plain: &[u8],
        block: Option<u8>,
        share_source: &str,
        via: &str,
    ) -> Result<OpenedShare> {
        let header_label = |index: u8| {
            self.file
                .custodians
                .get(usize::from(index).wrapping_sub(1))
                .map(|c| c.label.clone())
        };
        let record = ShareRecord::parse(plain).map_err(|reason| QuorumError::ShareUnopenable {
            source: share_source.into(),
            label: block.and_then(header_label),
            reason,
        })?;
        if record.quorum != self.file.id {
            return Err(QuorumError::ShareForeign {
                share: share_source.into(),
                label: record.label.clone(),
                share_quorum: crate::hex::lower(&record.quorum),
                source: self.source.clone(),
                quorum: crate::hex::lower(&self.file.id),
            }
            .into());
        }
        let label = block
            .or(Some(record.index))
            .and_then(header_label)
            .unwrap_or_else(|| record.label.clone());
        let wrong = || -> Error {
            QuorumError::ShareCommitment {
                share: share_source.into(),
                label: label.clone(),
                source: self.source.clone(),
            }
            .into()
        };
        if let Some(block) = block.filter(|b| *b != record.index) {
            return Err(QuorumError::ShareMisplaced {
                source: self.source.clone(),
                block,
                block_label: header_label(block).unwrap_or_default(),
                index: record.index,
                label: header_label(record.index).unwrap_or_else(|| record.label.clone()),
            }
            .into());
        }
        let custodian = self
            .file
            .custodians
            .get(usize::from(record.index) - 1)
            .ok_or_else(wrong)?;
        if !share::same(
            &commitment(&self.file.id, &record.value),
            &custodian.commitment,
        ) {
            return Err(wrong());
        }
        Ok(OpenedShare {
            index: record.index,
            label: custodian.label.clone(),
            via: via.into(),
            value: record.value,
        })
    }

    /// The shares that `identities` (loaded from `via`) open, each checked
    /// against the file and then sealed, record unchanged, to `to` (`key
    /// share release`): a custodian hands their share to a ceremony
    /// elsewhere without handing over their identity.
    pub fn release(
        &self,
        identities: &[&dyn age::Identity],
        via: &str,
        to: &Seal,
    ) -> Result<Vec<ReleasedShare>> {
        let mut released = Vec::new();
        for (index, plain) in self.open_blocks(identities)? {
            let opened = self.check(&plain, Some(index), &self.source, via)?;
            released.push(ReleasedShare {
                index: opened.index,
                count: self.file.custodians.len() as u8,
                label: opened.label,
                quorum: self.file.id,
                checked: true,
                sealed: sealed::seal(&plain, to)?,
            });
        }
        Ok(released)
    }

    /// The labels of the custodians whose shares are not in `opened`.
    pub fn missing(&self, opened: &[OpenedShare]) -> Vec<String> {
        (1..=self.file.custodians.len() as u8)
            .filter(|i| !opened.iter().any(|o| o.index == *i))
            .filter_map(|i| self.file.custodians.get(usize::from(i) - 1))
            .map(|c| c.label.clone())
            .collect()
    }

    /// The CA key, from M distinct opened shares (a share opened twice
    /// counts once; beyond M, the first M by number are used). Fewer than
    /// M is an error naming who opened and who is missing. The combined
    /// identity must be the file's quorum recipient, and the key inside
    /// the one the header names.
    pub fn combine(&self, opened: &[OpenedShare]) -> Result<PrivateKey> {
        let mut distinct: Vec<&OpenedShare> = Vec::new();
        for o in opened {
            if !distinct.iter().any(|d| d.index == o.index) {
                distinct.push(o);
            }
        }
        if distinct.len() < self.threshold() {
            return Err(QuorumError::Incomplete {
                source: self.source.clone(),
                threshold: self.file.threshold,
                opened: distinct
                    .iter()
                    .map(|o| (o.label.clone(), o.via.clone()))
                    .collect(),
                missing: self.missing(opened),
            }
            .into());
        }
        distinct.sort_by_key(|o| o.index);
        let values: Vec<&[u8]> = distinct[..self.threshold()]
            .iter()
            .map(|o| &o.value[..])
            .collect();
        let secret = split::combine(self.threshold(), &values)?;
        crate::fault::point("quorum-combined");
        let mismatch = |combined: Option<String>| -> Error {
            QuorumError::RecipientMismatch {
                source: self.source.clone(),
                labels: distinct[..self.threshold()]
                    .iter()
                    .map(|o| o.label.clone())
                    .collect(),
                combined,
            }
            .into()
        };
        let identity = std::str::from_utf8(&secret)
            .ok()
            .and_then(|text| age::x25519::Identity::from_str(text).ok())
            .ok_or_else(|| mismatch(None))?;
        drop(secret);
        let recipient = identity.to_public().to_string();
        if recipient != self.file.recipient {
            return Err(mismatch(Some(recipient)));
        }
        let pem = open_block(self.file.key.as_bytes(), &[&identity])
            .and_then(|p| p.ok_or_else(|| "not sealed to the quorum recipient".to_string()))
            .map_err(|reason| QuorumError::KeyUnopenable {
                source: self.source.clone(),
                reason,
            })?;
        let key = PrivateKey::from_bytes(&pem, &self.source)?;
        if key.spki_der() != self.file.spki {
            return Err(QuorumError::KeyMismatch {
                source: self.source.clone(),
                fingerprint: format!("SHA256:{}", crate::hex::sha256_colon(key.spki_der())),
            }
            .into());
        }
        Ok(key)
    }

    /// A new quorum file for the same CA key (`key`, opened from this
    /// file) and new custodians: a new quorum identity and a new id, so
    /// that no old share opens it. The old file still opens with the old
    /// shares: the caller says so.
    pub fn reshare(&self, key: &PrivateKey, to: &QuorumSeal) -> Result<QuorumFile> {
        if key.spki_der() != self.file.spki {
            return Err(QuorumError::KeyMismatch {
                source: self.source.clone(),
                fingerprint: format!("SHA256:{}", crate::hex::sha256_colon(key.spki_der())),
            }
            .into());
        }
        seal(key, to)
    }
}

/// A share sealed, record unchanged, to a ceremony's one-time recipient.
#[derive(Debug)]
pub struct ReleasedShare {
    pub index: u8,
    pub count: u8,
    /// The custodian's label: the quorum file's, or the record's own when
    /// only the share's block was given.
    pub label: String,
    pub quorum: QuorumId,
    /// Whether the share was checked against its quorum file's commitment
    /// (not when only its block was given: the ceremony checks it then).
    pub checked: bool,
    /// The armored age file: no secret in clear.
    pub sealed: String,
}

/// [`QuorumKey::release`] for a share's block cut from its quorum file (an
/// armored age file, `source`), with no header to check it against. `None`
/// when `identities` do not open it.
pub fn release_block(
    bytes: &[u8],
    source: &str,
    identities: &[&dyn age::Identity],
    to: &Seal,
) -> Result<Option<ReleasedShare>> {
    let unopenable = |reason: String| QuorumError::ShareUnopenable {
        source: source.into(),
        label: None,
        reason,
    };
    let Some(plain) = open_block(bytes, identities).map_err(unopenable)? else {
        return Ok(None);
    };
    let record = ShareRecord::parse(&plain).map_err(unopenable)?;
    Ok(Some(ReleasedShare {
        index: record.index,
        count: record.count,
        label: record.label.clone(),
        quorum: record.quorum,
        checked: false,
        sealed: sealed::seal(&plain, to)?,
    }))
}

/// Opens one armored age file with `identities`: `Ok(None)` when none of
/// them is a recipient, `Err` with age's reason when it cannot be opened.
fn open_block(
    bytes: &[u8],
    identities: &[&dyn age::Identity],
) -> std::result::Result<Option<Zeroizing<Vec<u8>>>, String> {
    let first_line =
        |e: &dyn fmt::Display| e.to_string().lines().next().unwrap_or_default().to_string();
    let decryptor = age::Decryptor::new(ArmoredReader::new(bytes)).map_err(|e| first_line(&e))?;
    let mut reader = match decryptor.decrypt(identities.iter().copied()) {
        Ok(r) => r,
        Err(age::DecryptError::NoMatchingKeys) => return Ok(None),
        Err(e) => return Err(first_line(&e)),
    };
    let mut plain = Zeroizing::new(Vec::new());
    reader.read_to_end(&mut plain).map_err(|e| first_line(&e))?;
    Ok(Some(plain))
}

#[cfg(test)]
mod tests;
