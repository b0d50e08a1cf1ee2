//! `split-json`'s files for one NAME, written as one set.
//!
//! The files of NAME (`NAME.pem`, `NAME-key.pem`, `NAME.csr`, …; see
//! [`envelope::SUFFIXES`]) are written under an exclusive lock for NAME, and
//! every refusal is checked under that lock before anything is written: a
//! link or a directory where a file goes, a key file of NAME that holds
//! (or may hold) another key, a certificate that is not for NAME's key. Then
//! every file is staged (written and synced under a temporary name) before
//! any is renamed, and the key is renamed before the certificate. So:
//!
//! - a refusal, a full disk or an unwritable directory leaves every file as
//!   it was;
//! - a crash between the renames leaves at worst the new key beside the old
//!   certificate, never a certificate beside a key it does not match;
//! - of two runs racing on one NAME, the second waits for the first and then
//!   sees its files, so one wins whole and the other writes nothing;
//! - a crash leaves temporaries named `.{file}.certsmith-tmp-XXXXXX`, which
//!   the next run for NAME removes once they are a minute old.
//!
//! A key file of NAME is replaced only when asked: [`Overwrite::RekeyLeaf`]
//! (`--rekey`) replaces the key of a leaf, told by NAME's certificate, and
//! never a CA's; [`Overwrite::Force`] replaces anything. The same key written
//! again, or a new certificate (and CSR) for the key NAME holds, needs
//! neither: that is a re-issue, which a Makefile runs again and again.
//!
//! The key of NAME is every `NAME-key.*` (`.pem`, `.age`, `.quorum`,
//! `.enc`). A sealed key cannot be opened here, and an age file carries
//! nothing about the key inside it (its header has only the recipients'
//! wrapped file keys), so a sealed key is compared by its bytes alone, and
//! the certificate beside it stands for its public key. A quorum file's
//! header names its public key (issue 20): it is compared as a plaintext
//! key is, except that the same key sealed to another quorum is not the
//! same file, and is replaced only with --force.
//!
//! This file plans and writes the set; `lock.rs` holds NAME's lock and
//! `rekey.rs` tells what NAME's key files hold and whether they may go.

mod lock;
pub mod out_dir;
mod rekey;

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use zeroize::Zeroizing;

use crate::cfssl::envelope::{self, Part};
use crate::files::{self, Replace};
use crate::x509::certificate::Certificate;
use crate::{Error, Note, Result, fault};

use lock::acquire;
use rekey::{KeyState, Verdict, holds_a_secret};

/// How old a temporary must be before a later run takes it for one that a
/// crash left behind. A split takes milliseconds; a minute leaves room for
/// a slow disk without letting a key linger.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Which refusals a split may override.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Every check holds: an existing key is never replaced.
    KeepKeys,
    /// As `KeepKeys`, except that the key of a leaf may be replaced by a new
    /// one arriving with its certificate (`--rekey`). A key is a leaf's when
    /// NAME's certificate (the one on disk, else the new one) is not a CA's.
    RekeyLeaf,
    /// Replace keys, mix key formats, write a certificate for another key
    /// (`--force`). Links and directories are still refused.
    Force,
}

/// NAME, locked against other `split-json` runs for it until dropped.
///
/// The lock is `flock` on a file beside the outputs, `.{base}.certsmith-lock`
/// (0600, empty), rather than on the directory: a directory opens only
/// read-only, and NFS, which emulates `flock` with POSIX locks, grants an
/// exclusive lock only on a file open for writing; and unrelated NAMEs in one
/// directory (`make -j` issuing many leaves into certs/) do not queue behind
/// each other. The holder removes the file just before it unlocks, so a run
/// leaves no file behind, and one that waited checks that the file it locked
/// is still the one at the path (else it starts over). A file that a crash
/// left behind is harmless: the next run locks it and removes it.
pub struct Split {
    /// NAME as given (`ca`, `certs/ca`).
    name: String,
    /// NAME up to and including its last `/` (`""`, `certs/`).
    dir_prefix: String,
    /// NAME after its last `/` (`ca`).
    base: String,
    lock_path: PathBuf,
    _lock: File,
}

impl Split {
    /// Waits for the lock for NAME (another run holds it for milliseconds),
    /// like `make -j` expects, and takes it.
    pub fn lock(name: &str) -> Result<Split> {
        if name.is_empty() || name.ends_with('/') {
            return Err(Error::EmptyBaseName { name: name.into() });
        }
        let (dir_prefix, base) = match name.rfind('/') {
            Some(i) => name.split_at(i + 1),
            None => ("", name),
        };
        let lock_path = PathBuf::from(format!("{dir_prefix}.{base}.certsmith-lock"));
        let lock = acquire(&lock_path, name)?;
        Ok(Split {
            name: name.into(),
            dir_prefix: dir_prefix.into(),
            base: base.into(),
            lock_path,
            _lock: lock,
        })
    }

    /// The file of NAME with `suffix` (`-key.pem` → `certs/ca-key.pem`).
    pub fn target(&self, suffix: &str) -> PathBuf {
        PathBuf::from(format!("{}{suffix}", self.name))
    }

    fn directory(&self) -> &Path {
        files::directory_of(&self.lock_path)
    }

    /// Removes this NAME's temporaries that are older than [`STALE_AFTER`]
    /// at `now`: regular files (not links) named with the exact
    /// [`files::temporary_prefix`] of one of NAME's files. A younger one may
    /// belong to a run still going that this lock does not keep out: a
    /// split-json of a NAME whose files overlap (`ca-key` writes
    /// `ca-key.pem`), or another command writing one of these files.
    pub fn remove_stale_temporaries(&self, now: SystemTime) -> Vec<Note> {
        let prefixes: Vec<String> = envelope::SUFFIXES
            .iter()
            .map(|suffix| files::temporary_prefix(format!("{}{suffix}", self.base).as_ref()))
            .collect();
        let Ok(entries) = fs::read_dir(self.directory()) else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else {
                continue;
            };
            if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
                continue;
            }
            // DirEntry::metadata does not follow a link.
            let stale = entry.metadata().is_ok_and(|m| {
                m.file_type().is_file()
                    && m.modified()
                        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER))
            });
            if stale && fs::remove_file(entry.path()).is_ok() {
                notes.push(Note::StaleTemporaryRemoved {
                    path: format!("{}{file_name}", self.dir_prefix),
                });
            }
        }
        notes.sort_by_key(|n| n.to_string());
        notes
    }

    /// Writes `parts` as NAME's files, or refuses before writing any; returns
    /// the certificate written to `NAME.pem` (the first in the file), if any.
    ///
    /// `overwrite` says which refusals are lifted (see [`Overwrite`]); none
    /// writes through a link or over a directory.
    pub fn write(
        &self,
        parts: &[Part],
        overwrite: Overwrite,
    ) -> Result<Option<(PathBuf, Certificate)>> {
        let plan = self.plan(parts, overwrite)?;
        // Staged before any rename: a full disk part-way leaves none of them.
        let staged = plan
            .iter()
            .map(|w| files::stage(&w.path, &w.part.contents, w.part.mode, w.replace))
            .collect::<Result<Vec<_>>>()?;
        fault::point("split-json-after-staging");
        let dir = self.directory();
        let mut staged = staged.into_iter().zip(&plan).peekable();
        // The plan puts keys first and the certificate last.
        while let Some((file, _)) = staged.next_if(|(_, w)| w.part.secret) {
            file.commit()?;
        }
        files::sync_directory(dir);
        fault::point("split-json-between-renames");
        for (file, _) in staged {
            file.commit()?;
        }
        files::sync_directory(dir);
        let cert = parts.iter().find(|p| p.suffix == ".pem").map(|part| {
            let path = self.target(part.suffix);
            let first = Certificate::all_from_bytes(&part.contents, &path.display().to_string())
                .map(|mut certs| certs.swap_remove(0));
            first.map(|c| (path, c))
        });
        cert.transpose()
    }

    /// Every refusal, checked before anything is written; then what to
    /// write, keys first and the certificate last.
    fn plan<'p>(&self, parts: &'p [Part], overwrite: Overwrite) -> Result<Vec<Planned<'p>>> {
        let force = overwrite == Overwrite::Force;
        // A link is refused whatever it points to, even with --force: the
        // rename would replace the link, not what it points to, which is
        // not what anyone who made the link meant. A directory, a FIFO or
        // a device is no file to replace (and a FIFO would hang a read).
        for part in parts {
            let path = self.target(part.suffix);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Error::SplitTargetIsSymlink { path });
                }
                Ok(m) if !m.is_file() => return Err(Error::SplitTargetNotAFile { path }),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::ReadFile { path, source }),
            }
        }
        // A file that is not a key file of NAME may still hold a key: the
        // certificate of NAME `ca-key` is `ca-key.pem`, the key of NAME `ca`.
        if !force {
            for part in parts.iter().filter(|p| !p.secret) {
                let path = self.target(part.suffix);
                if let Ok(old) = fs::read(&path).map(Zeroizing::new)
                    && holds_a_secret(&old)
                {
                    return Err(Error::WouldReplaceSecret { path });
                }
            }
        }
        let old_keys = envelope::KEY_SUFFIXES
            .iter()
            .filter_map(|suffix| self.old_key(suffix).transpose())
            .collect::<Result<Vec<_>>>()?;
        let new_keys: Vec<(&Part, KeyState)> = parts
            .iter()
            .filter(|p| p.secret)
            .map(|p| (p, KeyState::of(&p.contents, "the new key", p.suffix)))
            .collect();

        let mut plan = Vec::new();
        // Set when --rekey replaces a key: the certificate was then checked
        // against the new key, not the old one.
        let mut rekeyed = false;
        for (part, new) in &new_keys {
            let path = self.target(part.suffix);
            let replace = match old_keys.iter().find(|k| k.suffix == part.suffix) {
                None => Replace::Refuse,
                Some(old) => match old.verdict(part, new) {
                    Verdict::Same => continue,
                    Verdict::Differs(_) if force => Replace::Allow,
                    // A key file that holds no key certsmith reads is not
                    // known to be a leaf's: only --force replaces it.
                    Verdict::Differs(
                        Error::KeyFileHoldsOtherKey { .. } | Error::KeyNotComparable { .. },
                    ) if overwrite == Overwrite::RekeyLeaf => {
                        self.check_rekey(old, parts, new, &path)?;
                        rekeyed = true;
                        Replace::Allow
                    }
                    Verdict::Differs(refusal) => return Err(refusal),
                },
            };
            plan.push(Planned {
                path,
                part,
                replace,
            });
        }
        // A second key file beside the first, in another format (a plaintext
        // root-key.pem beside a sealed root-key.age: `initca` without `-R`).
        if let Some((first, _)) = new_keys.first()
            && !force
        {
            let new_suffixes: Vec<&str> = new_keys.iter().map(|(p, _)| p.suffix).collect();
            for old in old_keys
                .iter()
                .filter(|k| !new_suffixes.contains(&k.suffix))
            {
                let same_key = matches!(&old.state, KeyState::Plain(a)
                    if new_keys.iter().any(|(_, n)| matches!(n, KeyState::Plain(b) if a == b)));
                if !same_key {
                    return Err(Error::KeyFilesWouldMix {
                        name: self.name.clone(),
                        existing: old.path.clone(),
                        new: self.target(first.suffix),
                    });
                }
            }
        }
        for part in parts.iter().filter(|p| !p.secret && p.suffix != ".pem") {
            plan.push(Planned {
                path: self.target(part.suffix),
                part,
                replace: Replace::Allow,
            });
        }
        if let Some(part) = parts.iter().find(|p| p.suffix == ".pem") {
            let path = self.target(part.suffix);
            // The output's own certificate and key must belong together.
            if !force
                && let Some((key, new_key)) = new_keys.first()
                && let Some(public) = new_key.public_key()
            {
                let new = Certificate::from_bytes(&part.contents, &path.display().to_string())?;
                if new.public_key_bits != *public {
                    return Err(Error::CertificateForOtherKey {
                        cert: path,
                        key: self.target(key.suffix),
                    });
                }
            }
            if !force && !rekeyed {
                self.check_certificate_is_for_the_key(&path, part, parts, &old_keys)?;
            }
            plan.push(Planned {
                path,
                part,
                replace: Replace::Allow,
            });
        }
        Ok(plan)
    }
}

impl Drop for Split {
    fn drop(&mut self) {
        // Removed while still locked (the lock goes with the file handle,
        // dropped after this): a run waiting on it sees it gone and retries.
        let _ = fs::remove_file(&self.lock_path);
    }
}

/// One file to rename into place.
struct Planned<'p> {
    path: PathBuf,
    part: &'p Part,
    replace: Replace,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_split_writes_is_a_file_of_name() {
        let key = crate::keys::PrivateKey::generate(crate::keys::KeyAlgorithm::EcdsaP256).unwrap();
        let json = serde_json::json!({
            "key": key.to_pem().as_str(),
            "encrypted_key": "opaque",
            "ocspResponse": "MAA=",
        });
        let parts = envelope::split(json.to_string().as_bytes(), "test").unwrap();
        for part in &parts {
            assert!(envelope::SUFFIXES.contains(&part.suffix), "{part:?}");
            assert_eq!(
                part.secret,
                envelope::KEY_SUFFIXES.contains(&part.suffix),
                "{part:?}"
            );
        }
    }
}
