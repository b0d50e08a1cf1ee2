//! `certsmith sign`: a CA signs a CSR, or makes a key and CSR from a CSR JSON
//! and signs them in one step (cfssl gencert -ca … -config … -profile …).

use std::path::PathBuf;

use clap::Args;

use certsmith::Result;
use certsmith::csr::{self, CertificateRequest};
use certsmith::envelope::Output;
use certsmith::issue::Options;
use certsmith::keys::PrivateKey;
use certsmith::san::San;

use super::authority::{self, CaArgs};
use super::io::{self, Input};
use super::secrets::{self, PassphraseArgs, SealArgs};

const EXAMPLES: &str = "\
Examples:
  certsmith sign --ca ca.pem --ca-key ca-key.pem --profile server server.csr \\
      | certsmith split-json server
  certsmith sign --ca ca.pem --ca-key ca-key.pem --config ca-config.json --profile kubernetes \\
      --hostname 10.32.0.1,kubernetes.default kubernetes-csr.json \\
      | certsmith split-json kubernetes";

/// Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"}).
///
/// The profile decides validity, usages, CA flag and URLs; the CSR only
/// proposes a subject, names and a key.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct SignArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// Config JSON with signing profiles (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long)]
    profile: Option<String>,
    /// Replace the request's SANs: comma-separated DNS names, IPs, emails, URIs
    #[arg(long)]
    hostname: Option<String>,
    /// Refuse, instead of clamping, a validity that would outlive the CA
    #[arg(long)]
    strict: bool,
    /// Record the issuance in this ledger (one signed JSON line per certificate)
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// A CSR (PEM or DER) or a CSR JSON file, or - for stdin
    input: String,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: SignArgs) -> Result<()> {
    let profile = io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?;
    profile.check_local()?;
    let hosts = args.hostname.as_deref().map(San::parse_list).transpose()?;
    let input = Input::read(&args.input)?;

    // The CA key must match the CA certificate before anything is made or signed.
    let issuer = args.ca.load(&args.passphrase)?;

    let (csr, key) = if input.is_json() {
        let req = input.cert_request()?;
        let seal = args.seal.seal(&args.passphrase, "the new private key")?;
        let key = PrivateKey::generate(req.key)?;
        let csr = CertificateRequest::from_bytes(
            &csr::build_for_request(&req, &key)?,
            "generated request",
        )?;
        (csr, Some(secrets::key_text(&key, seal.as_ref())?))
    } else {
        (
            CertificateRequest::from_bytes(&input.bytes, &input.source)?,
            None,
        )
    };
    let options = Options {
        hosts,
        strict: args.strict,
        ..Options::default()
    };
    let cert =
        authority::issue_and_record(&csr, &profile, &issuer, &options, args.ledger.as_deref())?;
    io::emit(&Output {
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key,
    })
}
