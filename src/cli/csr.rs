//! `certsmith csr`: a CSR for a key that already exists (renewal that keeps the key).

use std::path::PathBuf;

use clap::Args;

use certsmith::Result;
use certsmith::cfssl::envelope::Output;
use certsmith::keys::Signer;
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr;

use super::io::{self, Input};
use super::secrets::{PassphraseArgs, UnlockArgs};
use super::token::{TokenArgs, names_token_key};

const EXAMPLES: &str = "\
Examples:
  certsmith csr --key server-key.pem server-csr.json | certsmith split-json server
  certsmith csr --key server-key.pem --from-cert server.pem | certsmith split-json server";

/// Make a CSR for an existing key: {"csr"}.
///
/// Subject and SANs come from a CSR JSON, or with --from-cert from the
/// certificate being renewed (a CA certificate's renewal asks for CA:TRUE again).
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct CsrArgs {
    /// The private key to make the request for, plain or age-sealed, or pkcs11:… in a token
    #[arg(long)]
    key: PathBuf,
    /// Take subject and SANs from this certificate instead of a CSR JSON
    #[arg(long, conflicts_with = "csr_json")]
    from_cert: Option<PathBuf>,
    /// CSR JSON file, or - for stdin
    #[arg(required_unless_present = "from_cert")]
    csr_json: Option<String>,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    token: TokenArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: CsrArgs) -> Result<()> {
    let key: Box<dyn Signer> = if names_token_key(&args.key) {
        args.token.open_signer(&args.key.to_string_lossy())?
    } else {
        let key_input = Input::read(&args.key.display().to_string())?;
        args.unlock.read_key(&key_input, &args.passphrase)?.into()
    };
    // The key signs the request: refuse it here, under its own name (issue 13).
    certsmith::keys::check_rsa_exponent(key.spki_der(), key.source())?;
    let csr_der = match (&args.from_cert, &args.csr_json) {
        (Some(path), _) => {
            let cert = Certificate::from_bytes(
                &certsmith::files::read(path)?,
                &path.display().to_string(),
            )?;
            let ca = cert.ca();
            csr::build(&cert.subject_der, &cert.sans, ca, key.as_ref())
                .map_err(|e| e.within(&path.display().to_string()))?
        }
        (None, Some(input)) => csr::build_for_request(&Input::csr_json(input)?, key.as_ref())?,
        (None, None) => unreachable!("clap requires one of them"),
    };
    io::emit(&Output {
        csr: Some(certsmith::x509::pemfile::encode(
            "CERTIFICATE REQUEST",
            &csr_der,
        )),
        ..Output::default()
    })
}
