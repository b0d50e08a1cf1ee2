//! `certsmith split-json`: cfssljson's job, writing cfssl JSON out as files.

use std::path::PathBuf;

use clap::Args;

use certsmith::envelope::{self, Part};
use certsmith::files::{self, Replace};
use certsmith::keys::PrivateKey;
use certsmith::{Error, Result};

use super::io::{self, Input};

const EXAMPLES: &str = "\
Examples:
  certsmith initca ca-csr.json | certsmith split-json ca        # ca.pem, ca-key.pem, ca.csr
  cfssl gencert -initca ca-csr.json | certsmith split-json ca   # cfssl's output works too
  certsmith split-json -f response.json --stdout";

/// Write the parts of cfssl JSON to NAME.pem, NAME-key.pem (0600), NAME.csr, ….
///
/// Accepts a bare object and an API envelope alike. Never replaces an
/// existing NAME-key.pem that holds a different key unless --force.
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
    /// Base name of the files (may include a directory: certs/ca)
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
    if name.is_empty() || name.ends_with('/') {
        return Err(Error::EmptyBaseName { name });
    }
    // Check every key file before writing anything: a refusal leaves all as it was.
    let mut plan = Vec::new();
    for part in &parts {
        let path = PathBuf::from(format!("{name}{}", part.suffix));
        // Renaming onto a directory fails only after the other files landed.
        if path.is_dir() {
            return Err(Error::WriteFile {
                path,
                source: std::io::Error::from(std::io::ErrorKind::IsADirectory),
            });
        }
        let replace = if part.secret && path.exists() {
            match existing_key_verdict(&path, part, args.force)? {
                Verdict::Same => continue,
                Verdict::Replace => Replace::Allow,
            }
        } else if part.secret {
            Replace::Refuse
        } else {
            Replace::Allow
        };
        plan.push((path, part, replace));
    }
    files::write_all_atomic(
        plan.iter()
            .map(|(path, part, replace)| (path.as_path(), &part.contents[..], part.mode, *replace)),
    )
}

enum Verdict {
    /// The file already holds this key: leave it alone.
    Same,
    Replace,
}

/// Whether the key file at `path` may be replaced by `part`.
fn existing_key_verdict(path: &std::path::Path, part: &Part, force: bool) -> Result<Verdict> {
    let old = zeroize::Zeroizing::new(files::read(path)?);
    if old[..] == part.contents[..] {
        return Ok(Verdict::Same);
    }
    if part.suffix == "-key.pem" {
        let source = path.display().to_string();
        match (
            PrivateKey::from_bytes(&old, &source),
            PrivateKey::from_bytes(&part.contents, "the new key"),
        ) {
            (Ok(a), Ok(b)) if a.public_key_bits() == b.public_key_bits() => {
                return Ok(Verdict::Same);
            }
            _ if force => return Ok(Verdict::Replace),
            (Err(e), _) => {
                return Err(Error::KeyFileUnreadable {
                    path: path.into(),
                    reason: e.to_string(),
                });
            }
            _ => {}
        }
    } else if force {
        return Ok(Verdict::Replace);
    }
    Err(Error::KeyFileHoldsOtherKey { path: path.into() })
}
