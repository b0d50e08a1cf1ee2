//! `certsmith split-json`: cfssljson's job, writing cfssl JSON out as files.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::Args;

use certsmith::cfssl::envelope;
use certsmith::cfssl::split::{Overwrite, Split};
use certsmith::{Error, Result};

use super::io::{self, Input};

const EXAMPLES: &str = "\
Examples:
  certsmith initca ca-csr.json | certsmith split-json ca        # ca.pem, ca-key.pem, ca.csr
  cfssl gencert -initca ca-csr.json | certsmith split-json ca   # cfssl's output works too
  certsmith split-json -f response.json --stdout
  certsmith sign --ca ca.pem --ca-key ca-key.pem --key app-key.pem app-csr.json \\
      | certsmith split-json app                             # re-issue: same key, new app.pem
  certsmith sign --ca ca.pem --ca-key ca-key.pem app-csr.json \\
      | certsmith split-json --rekey app                     # renew a leaf with a new key";

/// Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, ….
///
/// Accepts a bare object and an API envelope alike. A certificate (and CSR)
/// for the key NAME-key.pem already holds replace NAME.pem and NAME.csr. An
/// existing NAME-key.pem that holds a different key is replaced only with
/// --rekey (a leaf's key, never a CA's) or --force.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct SplitJsonArgs {
    /// Accepted for cfssljson compatibility: both shapes are always read
    #[arg(long)]
    bare: bool,
    /// The JSON to split (default: stdin)
    #[arg(short = 'f', long = "file", default_value = "-")]
    file: String,
    /// Print the PEM parts on stdout instead of writing files
    #[arg(long)]
    stdout: bool,
    /// Replace an existing key file that holds a different key
    #[arg(long)]
    force: bool,
    /// Replace NAME's key with the new one if NAME is a leaf (its certificate is no CA's)
    #[arg(long)]
    rekey: bool,
    /// Base name of the files (may include a directory, made if missing: certs/ca)
    #[arg(required_unless_present = "stdout")]
    name: Option<String>,
}

pub fn run(args: SplitJsonArgs) -> Result<()> {
    let _ = args.bare;
    let input = Input::read(&args.file)?;
    let parts = envelope::split(&input.bytes, &input.source)?;
    if args.stdout {
        for part in &parts {
            io::write_stdout(&part.contents)?;
        }
        return Ok(());
    }
    let name = args.name.expect("clap requires NAME without --stdout");
    if let Some(made) = make_directory_of(&name)? {
        say!(
            "note: created directory {}",
            io::for_terminal(&made.display().to_string())
        );
    }
    // Waits while another split-json writes NAME, then checks what it left.
    let split = Split::lock(&name)?;
    io::print_notes(&split.remove_stale_temporaries(SystemTime::now()));
    let overwrite = match (args.force, args.rekey) {
        (true, _) => Overwrite::Force,
        (false, true) => Overwrite::RekeyLeaf,
        (false, false) => Overwrite::KeepKeys,
    };
    if let Some((path, cert)) = split.write(&parts, overwrite)? {
        // What was written, for the ceremony record (openssl's format).
        say!(
            "wrote {}: certificate SHA-256 Fingerprint={}",
            io::for_terminal(&path.display().to_string()),
            cert.fingerprint()
        );
    }
    Ok(())
}

/// Makes the directory part of NAME (`certs` of `certs/app`) when it is
/// missing, as `mkdir -p` would (mode 0755 before the umask), and returns it.
/// A Makefile that writes `certs/app` expects this; cfssljson fails instead,
/// and so did split-json, after the command before the pipe had made and
/// printed a key, which was then lost (issue 14). Made before the lock is
/// taken, since the lock file lives in that directory, and only once the
/// input has been read as JSON. A component that is a file is refused, named.
fn make_directory_of(name: &str) -> Result<Option<PathBuf>> {
    let dir = match name.rsplit_once('/') {
        Some((dir, _)) if !dir.is_empty() => Path::new(dir),
        _ => return Ok(None),
    };
    if dir.is_dir() {
        return Ok(None);
    }
    let ancestors: Vec<&Path> = dir.ancestors().collect();
    for ancestor in ancestors.into_iter().rev() {
        if ancestor.as_os_str().is_empty() {
            continue;
        }
        match std::fs::metadata(ancestor) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => {
                return Err(Error::NotADirectory {
                    path: ancestor.to_path_buf(),
                    name: name.to_owned(),
                });
            }
            Err(_) => break,
        }
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(dir)
        .map_err(|source| Error::MakeDirectory {
            path: dir.to_path_buf(),
            source,
        })?;
    Ok(Some(dir.to_path_buf()))
}
