//! NAME's lock file: `flock` on `.{base}.certsmith-lock` beside the outputs
//! (see [`Split`](super::Split) for why a file and not the directory).

use std::fs::{self, File};
use std::io;
use std::path::Path;

use crate::{Error, Result};

/// Opens and locks the lock file at `path`, waiting for another holder.
pub(super) fn acquire(path: &Path, name: &str) -> Result<File> {
    let failed = |source| Error::SplitLock {
        name: name.into(),
        path: path.into(),
        source,
    };
    let not_a_file = || failed(io::Error::other("not a regular file"));
    loop {
        let mut create = fs::OpenOptions::new();
        create.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut create, 0o600);
        let file = match create.open(path) {
            Ok(file) => file,
            // Held by another run, or left by a crash. create_new never
            // follows a link; check there is none before opening it.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                match fs::symlink_metadata(path) {
                    Ok(m) if m.file_type().is_file() => {}
                    Ok(_) => return Err(not_a_file()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(failed(e)),
                }
                match fs::OpenOptions::new().read(true).write(true).open(path) {
                    Ok(file) => file,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(failed(e)),
                }
            }
            Err(e) => return Err(failed(e)),
        };
        file.lock().map_err(failed)?;
        // The holder we waited for removed the file before unlocking it; a
        // lock on a removed file keeps no one out.
        let locked = file.metadata().map_err(failed)?;
        match fs::symlink_metadata(path) {
            Ok(at_path) if same_file(&locked, &at_path) => return Ok(file),
            Ok(at_path) if !at_path.file_type().is_file() => return Err(not_a_file()),
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(failed(e)),
        }
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

/// Elsewhere an open file cannot be removed, so the lock file stays put.
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::super::Split;
    use super::*;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    fn name_in(dir: &tempfile::TempDir, base: &str) -> String {
        format!("{}/{base}", dir.path().display())
    }

    #[test]
    fn a_second_lock_for_one_name_waits_and_no_lock_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let name = name_in(&dir, "ca");
        let lock_file = dir.path().join(".ca.certsmith-lock");
        let first = Split::lock(&name).unwrap();
        assert!(lock_file.is_file());
        // Another NAME in the same directory is not held up.
        drop(Split::lock(&name_in(&dir, "other")).unwrap());
        let (tx, rx) = mpsc::channel();
        let waiter = {
            let name = name.clone();
            thread::spawn(move || {
                let second = Split::lock(&name).unwrap();
                tx.send(()).unwrap();
                drop(second);
            })
        };
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "a held lock was taken"
        );
        drop(first);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the waiting run never got the lock");
        waiter.join().unwrap();
        assert!(!lock_file.exists(), "the lock file was left behind");
    }

    #[test]
    fn a_lock_file_left_by_a_crash_is_taken_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let lock_file = dir.path().join(".ca.certsmith-lock");
        fs::write(&lock_file, "").unwrap();
        drop(Split::lock(&name_in(&dir, "ca")).unwrap());
        assert!(!lock_file.exists());
    }

    #[test]
    fn a_link_at_the_lock_file_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, dir.path().join(".ca.certsmith-lock")).unwrap();
        let err = Split::lock(&name_in(&dir, "ca")).err().unwrap();
        assert!(
            err.to_string()
                .ends_with(".ca.certsmith-lock): not a regular file"),
            "{err}"
        );
        assert!(!target.exists(), "a file was created through the link");
    }
}
