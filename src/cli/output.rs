//! `-o FILE` / `--force` for the commands whose output holds a secret:
//! written 0600 and atomically, never over an existing file without
//! `--force`, never through a symbolic link.

use std::path::PathBuf;

use clap::Args;

use certsmith::files::{self, Replace};
use certsmith::{Error, Result};

use super::io;

/// Where a secret a command makes goes (a key, an identity, a PKCS#12 file,
/// a kubeconfig): `-o FILE` or stdout.
#[derive(Args)]
pub struct OutputArgs {
    /// Write to FILE (mode 0600, atomically) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing FILE
    #[arg(long, requires = "output")]
    force: bool,
}

impl OutputArgs {
    /// FILE, or None for stdout: `-o -` means stdout, as `-` does everywhere
    /// (not a file named `-` holding a plaintext key).
    pub fn file(&self) -> Option<&PathBuf> {
        self.output.as_ref().filter(|p| p.as_os_str() != "-")
    }

    /// [`OutputArgs::refuse_existing`], an existing FILE refused as "already
    /// exists; refusing to replace it": what every output but an identity says.
    pub fn refuse_existing_file(&self) -> Result<()> {
        self.refuse_existing(|path| Error::KeyOutputExists { path })
    }

    /// Refuses FILE before any work is done (or passphrase asked for): a
    /// symbolic link whatever --force says, and an existing file without it.
    pub fn refuse_existing(&self, exists: fn(PathBuf) -> Error) -> Result<()> {
        let Some(path) = self.file() else {
            return Ok(());
        };
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                Err(Error::OutputIsSymlink { path: path.clone() })
            }
            // A key renamed over /dev/null stays there.
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                Err(Error::OutputNotRegular { path: path.clone() })
            }
            Ok(_) if !self.force => Err(exists(path.clone())),
            _ => Ok(()),
        }
    }

    /// Writes `bytes` to FILE (0600, atomically; an existing file only with
    /// --force, even one that appeared since it was checked), or to stdout.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        self.write_mode(bytes, 0o600)
    }

    /// As [`OutputArgs::write`], for what holds no secret (a certificate in
    /// DER): FILE is made 0644, as split-json makes certificates.
    pub fn write_public(&self, bytes: &[u8]) -> Result<()> {
        self.write_mode(bytes, 0o644)
    }

    fn write_mode(&self, bytes: &[u8], mode: u32) -> Result<()> {
        match self.file() {
            Some(path) => {
                let replace = if self.force {
                    Replace::Allow
                } else {
                    Replace::Refuse
                };
                files::write_atomic(path, bytes, mode, replace)
            }
            None => io::write_stdout(bytes),
        }
    }
}
