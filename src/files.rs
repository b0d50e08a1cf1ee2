//! Writing files so that a failure leaves nothing half-written: each file is
//! written to a temporary name in its directory, given its mode, synced, and
//! renamed into place. Key files are 0600 whatever the umask.
//!
//! A temporary is named `.{file name}.certsmith-tmp-XXXXXX` after the file it
//! will become, so that one a crash leaves behind says whose it is (and may
//! hold a private key: it has the target's mode from its first byte).

use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write};
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use zeroize::Zeroizing;

use crate::{Error, Result};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Allow,
    Refuse,
}

/// Writes `contents` to `path` atomically with permissions `mode`.
pub fn write_atomic(path: &Path, contents: &[u8], mode: u32, replace: Replace) -> Result<()> {
    stage(path, contents, mode, replace)?.commit()
}

/// The start of the name of every temporary that becomes the file `file_name`.
pub fn temporary_prefix(file_name: &OsStr) -> String {
    format!(".{}.certsmith-tmp-", file_name.to_string_lossy())
}

/// A file written and synced under a temporary name beside its target,
/// removed again if never committed (a crash leaves it, under its
/// [`temporary_prefix`]).
pub struct Staged<'a> {
    tmp: tempfile::NamedTempFile,
    path: &'a Path,
    replace: Replace,
}

/// The directory a file is written in: its parent, or `.` for a bare name.
pub fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `contents` under a temporary name beside `path`, with `mode` from
/// the first byte, and syncs it; [`Staged::commit`] renames it into place.
pub fn stage<'a>(
    path: &'a Path,
    contents: &[u8],
    mode: u32,
    replace: Replace,
) -> Result<Staged<'a>> {
    let failed = |source| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    let prefix = temporary_prefix(path.file_name().unwrap_or(path.as_os_str()));
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempfile_in(directory_of(path))
        .map_err(failed)?;
    // Set the mode before the first byte lands: a key is never readable by others.
    #[cfg(unix)]
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))
        .map_err(failed)?;
    tmp.write_all(contents).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    Ok(Staged { tmp, path, replace })
}

impl Staged<'_> {
    /// Renames the temporary into place (refusing an existing file under
    /// [`Replace::Refuse`], even one that appeared since it was checked).
    pub fn commit(self) -> Result<()> {
        let failed = |source| Error::WriteFile {
            path: self.path.to_path_buf(),
            source,
        };
        match self.replace {
            Replace::Allow => self.tmp.persist(self.path).map_err(|e| failed(e.error))?,
            Replace::Refuse => self
                .tmp
                .persist_noclobber(self.path)
                .map_err(|e| failed(e.error))?,
        };
        Ok(())
    }
}

/// Syncs a directory, so that the renames made in it so far reach the disk
/// before any later one. Best effort: some file systems cannot sync a
/// directory, and a rename that already happened is not undone by failing.
pub fn sync_directory(dir: &Path) {
    let _ = fs::File::open(dir).and_then(|d| d.sync_all());
}

/// Reads a file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads `reader` to its end, or to `limit` bytes: past that,
/// [`Error::InputTooLarge`] naming `source`; `failed` words a read error.
/// A size read from the file system would not do: `/dev/zero` and pipes
/// have none. The bytes may be a key: they are zeroed when dropped.
pub fn read_at_most(
    reader: impl Read,
    limit: u64,
    source: &str,
    failed: impl FnOnce(std::io::Error) -> Error,
) -> Result<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        // Dropped without zeroing: no key is that large, and zeroing 256
        // MiB byte by byte takes seconds in a debug build.
        drop(std::mem::take(&mut *bytes));
        return Err(Error::InputTooLarge {
            source: source.to_owned(),
            limit,
        });
    }
    Ok(bytes)
}
