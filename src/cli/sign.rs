//! `certsmith sign`: a CA signs a CSR, or makes a key and CSR from a CSR JSON
//! and signs them in one step (cfssl gencert -ca … -config … -profile …).

use std::path::PathBuf;

use clap::Args;

use certsmith::envelope::Output;
use certsmith::issue::Options;
use certsmith::remote::SignRequest;
use certsmith::san::San;
use certsmith::{Error, Result};

use super::authority;
use super::io::{self, Input};
use super::remote;
use super::secrets::UnlockArgs;
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
    /// The issuing CA's certificate, optionally followed by the CAs above it
    /// (not needed when the profile signs remotely)
    #[arg(long)]
    ca: Option<PathBuf>,
    /// The issuing CA's private key, plain or age-sealed
    #[arg(long = "ca-key")]
    ca_key: Option<PathBuf>,
    #[command(flatten)]
    unlock: UnlockArgs,
    /// For a profile with `remote` or `auth_remote`: the CA the signer's TLS certificate chains to
    #[arg(long, value_name = "FILE")]
    tls_remote_ca: Option<PathBuf>,
    /// Config JSON with signing profiles (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long)]
    profile: Option<String>,
    /// Replace the request's SANs: comma-separated DNS names, IPs, emails, URIs
    #[arg(long)]
    hostname: Option<String>,
    /// Refuse, instead of clamping, a validity that would start before the CA or outlive it
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
    let config = io::load_config(args.config.as_deref())?;
    let profile = config.profile(args.profile.as_deref())?;
    let hosts = args.hostname.as_deref().map(San::parse_list).transpose()?;
    // A cfssl client config: the profile names a remote signer.
    let remote = if profile.is_remote() {
        Some(remote::for_profile(
            &config,
            &profile,
            args.tls_remote_ca.as_deref(),
        )?)
    } else {
        None
    };
    let issuer = match (&remote, &args.ca, &args.ca_key) {
        (Some(_), _, _) => None,
        (None, Some(ca), Some(ca_key)) => {
            profile.check_local()?;
            // The CA key must match the CA certificate before anything is made or signed.
            Some(authority::load_issuer(
                ca,
                ca_key,
                &args.unlock,
                &args.passphrase,
            )?)
        }
        (None, _, _) => {
            return Err(Error::MissingCa {
                profile: profile.name.clone(),
            });
        }
    };
    let chain = match remote {
        Some(_) => remote::SignerChain::load(args.ca.as_deref(), args.tls_remote_ca.as_deref())?,
        None => None,
    };
    let input = Input::read(&args.input)?;

    let (csr, key) = secrets::request_from_input(&input, &args.seal, &args.passphrase)?;
    let cert = match (remote, issuer) {
        (
            Some(remote::ProfileSigner {
                remote: signer,
                auth_key,
                urls,
            }),
            _,
        ) => {
            let hosts = hosts.map(|h| h.iter().map(remote::san_text).collect());
            let request = SignRequest {
                csr: &csr,
                profile: &profile.name,
                label: "",
                hosts,
            };
            let (cert, notes) = signer.sign(&request, auth_key.as_ref().map(|k| k.as_slice()))?;
            io::print_notes(&notes);
            if let Some(chain) = &chain {
                chain.check(&cert, &urls)?;
            }
            cert
        }
        (None, Some(issuer)) => {
            let options = Options {
                hosts,
                strict: args.strict,
                ..Options::default()
            };
            authority::issue_and_record(&csr, &profile, &issuer, &options, args.ledger.as_deref())?
        }
        (None, None) => unreachable!("a local profile has an issuer"),
    };
    io::emit(&Output {
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key,
    })
}
