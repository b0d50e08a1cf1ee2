//! split-json's files for many NAMEs in one directory, written a chunk at a
//! time: what `sign --batch --out-dir` hands its certificates out with.
//!
//! The names and modes are split-json's (`NAME.pem` 0644, `NAME-key.pem`
//! or `NAME-key.age` 0600, `NAME.csr` 0644), but the costs that split-json
//! pays per NAME are paid once: stale temporaries are looked for once per
//! run (split-json reads the directory for every NAME), the temporaries of
//! a whole chunk are made durable with one `syncfs` instead of an fsync
//! each, and the directory is synced once per chunk.
//!
//! A batch never replaces a file: a NAME any of whose files exists is
//! refused before anything is signed for it ([`OutDir::check_free`]), and
//! the rename into place refuses a file that appeared since
//! ([`Staged::commit`]). So no key is ever compared or replaced, and no
//! per-NAME lock is needed: two runs writing one NAME both try to create
//! its files, and one of them finds them there.
//!
//! Each NAME's files are renamed key first and certificate last, as
//! split-json does, so a crash between the renames leaves at worst a key
//! without its certificate, never a certificate beside a key it is not for.

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::TempPath;

use super::STALE_AFTER;
use crate::cfssl::envelope::{self, Part};
use crate::{Error, Note, Result, files};

/// The directory a batch writes its files into, open for syncing.
pub struct OutDir {
    /// As given, for messages.
    path: PathBuf,
    /// Made absolute once: a temporary made in a relative directory costs a
    /// `getcwd` each.
    absolute: PathBuf,
    handle: File,
}

/// One NAME's files, written (not yet synced) under temporary names beside
/// their targets, in the order they are renamed: the key first, the
/// certificate last. Dropped uncommitted, they are removed.
pub struct Staged {
    files: Vec<(TempPath, PathBuf)>,
}

impl OutDir {
    /// Opens `path`, made first when missing (`mkdir -p`, 0755 before the
    /// umask) — the bool says so — and removes the temporaries a crash
    /// left in it that are older than [`STALE_AFTER`] at `now`.
    pub fn open(path: &Path, now: SystemTime) -> Result<(OutDir, bool, Vec<Note>)> {
        let made = !path.is_dir();
        if made {
            let mut builder = fs::DirBuilder::new();
            std::os::unix::fs::DirBuilderExt::mode(builder.recursive(true), 0o755);
            builder
                .create(path)
                .map_err(|source| Error::MakeDirectory {
                    path: path.to_path_buf(),
                    source,
                })?;
        }
        let handle = File::open(path).map_err(|source| Error::ReadFile {
            path: path.to_path_buf(),
            source,
        })?;
        let dir = OutDir {
            path: path.to_path_buf(),
            absolute: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
            handle,
        };
        let notes = dir.remove_stale_temporaries(now);
        Ok((dir, made, notes))
    }

    /// The file of NAME with `suffix` (`app` and `-key.pem` → `DIR/app-key.pem`).
    pub fn target(&self, name: &str, suffix: &str) -> PathBuf {
        self.path.join(format!("{name}{suffix}"))
    }

    /// Refuses NAME when any file split-json would write for it exists
    /// (a link or a directory included): a batch never replaces a file, nor
    /// writes a certificate beside a key file it did not make.
    pub fn check_free(&self, name: &str) -> Result<()> {
        for suffix in envelope::SUFFIXES {
            let path = self.target(name, suffix);
            match fs::symlink_metadata(&path) {
                Ok(_) => return Err(Error::BatchTargetExists { path }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::ReadFile { path, source }),
            }
        }
        Ok(())
    }

    /// Writes NAME's parts under temporary names, each with its mode from
    /// the first byte (a key is never readable by others), without syncing
    /// them: [`OutDir::sync`] does that for a whole chunk.
    pub fn stage(&self, name: &str, parts: &[Part]) -> Result<Staged> {
        // Keys first, the certificate last: the order of the renames.
        let rank = |part: &Part| match part.suffix {
            _ if part.secret => 0,
            ".pem" => 2,
            _ => 1,
        };
        let mut ordered: Vec<&Part> = parts.iter().collect();
        ordered.sort_by_key(|part| rank(part));
        let mut files = Vec::with_capacity(parts.len());
        for part in ordered {
            let target = self.target(name, part.suffix);
            let failed = |source| Error::WriteFile {
                path: target.clone(),
                source,
            };
            let prefix = files::temporary_prefix(target.file_name().unwrap_or(target.as_os_str()));
            let mut tmp = tempfile::Builder::new()
                .prefix(&prefix)
                .tempfile_in(&self.absolute)
                .map_err(failed)?;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(part.mode))
                .map_err(failed)?;
            tmp.write_all(&part.contents).map_err(failed)?;
            // Closed now: a chunk holds thousands of these.
            files.push((tmp.into_temp_path(), target));
        }
        Ok(Staged { files })
    }

    /// Makes every file written in the directory's file system so far
    /// durable: one `syncfs` for a chunk's temporaries instead of an fsync
    /// each (which would cost about 0.3 ms a file on a disk like this one's).
    /// It also syncs what other programs wrote there, which only costs time.
    pub fn sync(&self) -> Result<()> {
        rustix::fs::syncfs(&self.handle).map_err(|e| Error::WriteFile {
            path: self.path.clone(),
            source: e.into(),
        })
    }

    /// Makes the renames done so far durable (best effort, as split-json).
    pub fn sync_renames(&self) {
        let _ = self.handle.sync_all();
    }

    /// Removes the temporaries of any NAME that are older than
    /// [`STALE_AFTER`], as [`super::Split::remove_stale_temporaries`] does
    /// for one NAME: regular files named with the temporary prefix of a
    /// file split-json writes.
    fn remove_stale_temporaries(&self, now: SystemTime) -> Vec<Note> {
        let Ok(entries) = fs::read_dir(&self.path) else {
            return Vec::new();
        };
        let mut notes = Vec::new();
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else {
                continue;
            };
            let Some((target, _)) = file_name.split_once(".certsmith-tmp-") else {
                continue;
            };
            if !target.starts_with('.') || !envelope::SUFFIXES.iter().any(|s| target.ends_with(s)) {
                continue;
            }
            let stale = entry.metadata().is_ok_and(|m| {
                m.file_type().is_file()
                    && m.modified()
                        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER))
            });
            if stale && fs::remove_file(entry.path()).is_ok() {
                notes.push(Note::StaleTemporaryRemoved {
                    path: self.path.join(file_name).display().to_string(),
                });
            }
        }
        notes.sort_by_key(|n| n.to_string());
        notes
    }
}

impl Staged {
    /// Renames the files into place, key first, certificate last, never
    /// over an existing file. When one is refused, those already renamed are
    /// removed again: the NAME is left as it was.
    pub fn commit(self) -> Result<()> {
        let mut done: Vec<PathBuf> = Vec::new();
        for (tmp, target) in self.files {
            if let Err(e) = tmp.persist_noclobber(&target) {
                for path in &done {
                    let _ = fs::remove_file(path);
                }
                return Err(if e.error.kind() == io::ErrorKind::AlreadyExists {
                    Error::BatchTargetExists { path: target }
                } else {
                    Error::WriteFile {
                        path: target,
                        source: e.error,
                    }
                });
            }
            done.push(target);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroizing;

    fn part(suffix: &'static str, secret: bool) -> Part {
        Part {
            suffix,
            contents: Zeroizing::new(suffix.as_bytes().to_vec()),
            mode: if secret { 0o600 } else { 0o644 },
            secret,
        }
    }

    #[test]
    fn files_are_renamed_key_first_with_their_modes_and_never_over_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, made, notes) = OutDir::open(&tmp.path().join("out"), SystemTime::now()).unwrap();
        assert!(made && notes.is_empty());
        let parts = [
            part(".pem", false),
            part(".csr", false),
            part("-key.pem", true),
        ];
        let staged = dir.stage("app", &parts).unwrap();
        let order: Vec<String> = staged
            .files
            .iter()
            .map(|(_, t)| t.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(order, ["app-key.pem", "app.csr", "app.pem"]);
        dir.sync().unwrap();
        staged.commit().unwrap();
        let mode = |name: &str| {
            fs::metadata(dir.target(name, ""))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(
            (mode("app.pem"), mode("app-key.pem"), mode("app.csr")),
            (0o644, 0o600, 0o644)
        );
        assert!(matches!(
            dir.check_free("app"),
            Err(Error::BatchTargetExists { .. })
        ));
        // A certificate that appears between the check and the rename: the
        // key renamed before it is taken back.
        let staged = dir.stage("web", &parts).unwrap();
        fs::write(dir.target("web", ".pem"), "someone else's").unwrap();
        assert!(matches!(
            staged.commit(),
            Err(Error::BatchTargetExists { path }) if path.ends_with("web.pem")
        ));
        assert!(!dir.target("web", "-key.pem").exists());
        assert!(!dir.target("web", ".csr").exists());
        let left: Vec<_> = fs::read_dir(tmp.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("certsmith-tmp"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
