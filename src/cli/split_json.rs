//! `certsmith split-json`: cfssljson's job, writing cfssl JSON out as files.

use std::time::SystemTime;

use clap::Args;

use certsmith::Result;
use certsmith::envelope;
use certsmith::split::{Overwrite, Split};

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
