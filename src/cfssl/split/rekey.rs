//! Whether a split may replace NAME's key files: what each one holds (a
//! plaintext key's public key, the public key a quorum file's header names,
//! a sealed key's bytes, something unreadable), and, for `--rekey`, whether
//! the key is a leaf's.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::cfssl::envelope::Part;
use crate::files;
use crate::keys::PrivateKey;
use crate::keys::quorum::{self, QuorumFile};
use crate::x509::certificate::Certificate;
use crate::{Error, QuorumError, Result, keys::sealed};

use super::Split;

impl Split {
    /// The key file of NAME with `suffix`, if there is one. A link there is
    /// followed for reading (only a file to be written must not be a link);
    /// what is not a regular file counts as a key that cannot be read.
    pub(super) fn old_key(&self, suffix: &'static str) -> Result<Option<OldKey>> {
        let path = self.target(suffix);
        // A link to nothing is a key that is not there right now (on a USB
        // stick that is not mounted), not a key that does not exist.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            && fs::metadata(&path).is_err()
        {
            return Ok(Some(OldKey {
                suffix,
                path,
                bytes: None,
                state: KeyState::Unreadable("a link to a file that is not there".into()),
            }));
        }
        let state = match fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::ReadFile { path, source }),
            Ok(m) if !m.is_file() => KeyState::Unreadable("not a regular file".into()),
            Ok(_) => {
                let bytes = Zeroizing::new(files::read(&path)?);
                let state = KeyState::of(&bytes, &path.display().to_string(), suffix);
                return Ok(Some(OldKey {
                    suffix,
                    path,
                    bytes: Some(bytes),
                    state,
                }));
            }
        };
        Ok(Some(OldKey {
            suffix,
            path,
            bytes: None,
            state,
        }))
    }

    /// `--rekey` replaces `old` with the new key `part` (at `key_path`) only
    /// for a leaf, and only together with a certificate for the new key: NAME's
    /// certificate on disk, which must be the old key's (else who knows whose
    /// key is being replaced), or without one the new certificate, must not be
    /// a CA's.
    pub(super) fn check_rekey(
        &self,
        old: &OldKey,
        parts: &[Part],
        new: &KeyState,
        key_path: &Path,
    ) -> Result<()> {
        let cert_path = self.target(".pem");
        let cert_name = cert_path.display().to_string();
        let new_cert = parts.iter().find(|p| p.suffix == ".pem").ok_or_else(|| {
            Error::RekeyWithoutCertificate {
                name: self.name.clone(),
            }
        })?;
        let new_cert = Certificate::from_bytes(&new_cert.contents, &cert_name)?;
        let cannot_tell = || Error::RekeyCannotTell {
            key: old.path.clone(),
            cert: cert_path.clone(),
        };
        let role = match fs::read(&cert_path) {
            // No certificate says whose key it is: the new one cannot (it is
            // for the new key), so the old key may be a CA's.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(cannot_tell()),
            Err(source) => {
                return Err(Error::ReadFile {
                    path: cert_path,
                    source,
                });
            }
            Ok(bytes) => {
                let on_disk =
                    Certificate::from_bytes(&bytes, &cert_name).map_err(|_| cannot_tell())?;
                if old
                    .state
                    .public_key()
                    .is_some_and(|public| *public != on_disk.public_key_bits)
                {
                    return Err(cannot_tell());
                }
                on_disk
            }
        };
        // A certificate its own key signed is a root's, whatever it says.
        if may_be_ca(&role) || signed_by_its_own_key(&role.der) {
            return Err(Error::RekeyCaKey {
                key: old.path.clone(),
                cert: cert_path,
            });
        }
        if new
            .public_key()
            .is_some_and(|public| *public != new_cert.public_key_bits)
        {
            return Err(Error::CertificateForOtherKey {
                cert: cert_path,
                key: key_path.into(),
            });
        }
        Ok(())
    }

    /// A new `NAME.pem` must be for the key of NAME that stays: the plaintext
    /// key's or the one a quorum file names, or, beside a sealed key, that of
    /// the certificate already there.
    pub(super) fn check_certificate_is_for_the_key(
        &self,
        path: &Path,
        part: &Part,
        parts: &[Part],
        old_keys: &[OldKey],
    ) -> Result<()> {
        let known = old_keys
            .iter()
            .find_map(|k| k.state.public_key().map(|public| (k, public.to_vec())));
        let new = Certificate::from_bytes(&part.contents, &path.display().to_string())?;
        // A CA certificate is not replaced by a leaf for the same key (a
        // `sign --key ca-key.pem` split over the CA's files).
        if let Ok(old) = fs::read(path)
            && let Ok(old) = Certificate::from_bytes(&old, "")
            && may_be_ca(&old)
            && !may_be_ca(&new)
        {
            return Err(Error::CaCertificateWouldBeReplaced { path: path.into() });
        }
        let kept = match (known, old_keys.first()) {
            (Some(kept), _) => Some(kept),
            (None, Some(sealed)) => match fs::read(path) {
                Ok(old) => {
                    let old =
                        Certificate::from_bytes(&old, "").map_err(|_| Error::KeyNotComparable {
                            path: sealed.path.clone(),
                        })?;
                    Some((sealed, old.public_key_bits))
                }
                // No certificate stands for the sealed key: the output that
                // carries that very seal may write one beside it, and so may
                // a certificate for the key of NAME.csr (genkey -r left the
                // request beside its sealed key; sign answered it).
                Err(_)
                    if parts.iter().any(|p| {
                        p.secret && sealed.bytes.as_deref().map(|b| &b[..]) == Some(&p.contents[..])
                    }) =>
                {
                    None
                }
                Err(_) => {
                    let request = fs::read(self.target(".csr")).ok().and_then(|bytes| {
                        crate::x509::csr::CertificateRequest::from_bytes(&bytes, "").ok()
                    });
                    match request {
                        Some(request) => Some((sealed, request.public_key_bits)),
                        None => {
                            return Err(Error::KeyNotComparable {
                                path: sealed.path.clone(),
                            });
                        }
                    }
                }
            },
            (None, None) => None,
        };
        let Some((key, public)) = kept else {
            return Ok(());
        };
        if new.public_key_bits != public {
            return Err(Error::CertificateForOtherKey {
                cert: path.into(),
                key: key.path.clone(),
            });
        }
        Ok(())
    }
}

/// Whether a certificate's signature verifies with its own public key:
/// a self-signed certificate, a root's, whatever its extensions say.
fn signed_by_its_own_key(der: &[u8]) -> bool {
    use x509_parser::prelude::FromDer;
    let Ok((_, cert)) = x509_parser::certificate::X509Certificate::from_der(der) else {
        return false;
    };
    crate::x509::signature::verify_oid(
        cert.public_key(),
        &cert.signature_algorithm.algorithm.to_id_string(),
        cert.tbs_certificate.as_ref(),
        &cert.signature_value.data,
    )
    .is_ok()
}

/// Whether a file holds a private key, plain or sealed, in any encoding
/// certsmith reads, or a PEM private-key block it cannot read (encrypted).
pub(super) fn holds_a_secret(bytes: &[u8]) -> bool {
    sealed::is_sealed(bytes)
        || crate::keys::quorum::is_quorum(bytes)
        || bytes.windows(16).any(|w| w == b"PRIVATE KEY-----")
        || PrivateKey::from_bytes(bytes, "").is_ok()
}

/// Whether `cert` is, or may be, a CA's: BasicConstraints cA, the
/// keyCertSign usage, or a self-issued certificate with neither extension (a
/// v1 root, which openssl takes for a CA).
fn may_be_ca(cert: &Certificate) -> bool {
    cert.is_ca()
        || cert.key_cert_sign() == Some(true)
        || (cert.subject_der == cert.issuer_der && cert.key_cert_sign().is_none())
}

/// What a key file holds, as far as can be told without a secret.
pub(super) enum KeyState {
    /// A plaintext key: its public key bits.
    Plain(Vec<u8>),
    /// A key sealed to a quorum (issue 20): the public key bits its header
    /// names. Opening it would take M custodians; the header is enough to
    /// tell whose key it is. Two files of one key differ when it was sealed
    /// again (each seal and reshare has a new quorum and new shares).
    Quorum(Vec<u8>),
    /// An age file (or cfssl's `encrypted_key`): comparable only byte for byte.
    Sealed,
    /// A file under a plaintext key's name that is no key certsmith reads.
    Unreadable(String),
}

impl KeyState {
    pub(super) fn of(bytes: &[u8], source: &str, suffix: &str) -> KeyState {
        if quorum::is_quorum(bytes) {
            // A header that does not parse names no key: it is compared by
            // its bytes, as any sealed key.
            return QuorumFile::parse(bytes, source)
                .ok()
                .and_then(|file| file.public_key_bits())
                .map_or(KeyState::Sealed, KeyState::Quorum);
        }
        if sealed::is_sealed(bytes) {
            return KeyState::Sealed;
        }
        match PrivateKey::from_bytes(bytes, source) {
            Ok(key) => KeyState::Plain(key.public_key_bits().to_vec()),
            Err(_) if suffix != "-key.pem" => KeyState::Sealed,
            Err(e) => KeyState::Unreadable(e.to_string()),
        }
    }
}

impl KeyState {
    /// The public key bits, when the file tells them without a secret.
    pub(super) fn public_key(&self) -> Option<&[u8]> {
        match self {
            KeyState::Plain(public) | KeyState::Quorum(public) => Some(public),
            KeyState::Sealed | KeyState::Unreadable(_) => None,
        }
    }
}

/// A key file of NAME already on disk.
pub(super) struct OldKey {
    pub(super) suffix: &'static str,
    pub(super) path: PathBuf,
    /// None when it is not a regular file.
    bytes: Option<Zeroizing<Vec<u8>>>,
    pub(super) state: KeyState,
}

pub(super) enum Verdict {
    /// The file already holds the new key: leave it as it is.
    Same,
    /// It holds (or may hold) another key: replace it only with --force.
    Differs(Error),
}

impl OldKey {
    pub(super) fn verdict(&self, part: &Part, new: &KeyState) -> Verdict {
        if self
            .bytes
            .as_ref()
            .is_some_and(|b| b[..] == part.contents[..])
        {
            return Verdict::Same;
        }
        let path = self.path.clone();
        match (&self.state, new) {
            (KeyState::Plain(a), KeyState::Plain(b)) if a == b => Verdict::Same,
            // Not the same file: the custodians hold shares of the one there.
            (KeyState::Quorum(a), KeyState::Quorum(b)) if a == b => Verdict::Differs(
                QuorumError::SameKeyOtherQuorum {
                    path: path.display().to_string(),
                }
                .into(),
            ),
            (KeyState::Plain(_), KeyState::Plain(_))
            | (KeyState::Quorum(_), KeyState::Quorum(_)) => {
                Verdict::Differs(Error::KeyFileHoldsOtherKey { path })
            }
            (KeyState::Unreadable(reason), _) => Verdict::Differs(Error::KeyFileUnreadable {
                path,
                reason: reason.clone(),
            }),
            _ => Verdict::Differs(Error::KeyNotComparable { path }),
        }
    }
}
