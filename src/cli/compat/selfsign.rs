//! `certsmith selfsign`: cfssl's self-signed certificate for testing, with
//! a new key.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use certsmith::Result;
use certsmith::cfssl::envelope::Output;
use certsmith::issue::{self, Options, SignedBy};
use certsmith::keys::PrivateKey;
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::san::San;

use crate::cli::io::{self, Input};
use crate::cli::secrets::{self, PassphraseArgs, SealArgs};

/// cfssl's validity for a self-signed certificate without a config: 2190h.
const SELFSIGN_EXPIRY: Duration = Duration::from_secs(2190 * 3600);

const SELFSIGN_EXAMPLES: &str = "\
Examples:
  certsmith selfsign www.example.net,10.0.0.1 csr.json | certsmith split-json www";

/// Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}.
///
/// The certificate is its own issuer: nothing trusts it but a client told to
/// pin it. HOSTNAME (DNS names and IPs, comma-separated) replaces the CSR
/// JSON's hosts. Without --config it is valid for 2190h with the default
/// profile's usages, as cfssl's is.
#[derive(Args)]
#[command(after_help = SELFSIGN_EXAMPLES)]
pub struct SelfsignArgs {
    /// The certificate's DNS names and IP addresses, comma-separated
    hostname: String,
    /// CSR JSON file, or - for stdin
    csr_json: String,
    /// Config JSON whose profile shapes the certificate (default: built-in, 2190h)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long)]
    profile: Option<String>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: SelfsignArgs) -> Result<()> {
    let hosts = San::parse_list(&args.hostname)?;
    let profile = if args.config.is_none() && args.profile.is_none() {
        let mut profile = certsmith::cfssl::config::Config::builtin().default;
        profile.expiry = Some(SELFSIGN_EXPIRY);
        profile
    } else {
        io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?
    };
    profile.check_local()?;
    let req = Input::read(&args.csr_json)?.cert_request()?;
    let seal = args.seal.seal(&args.passphrase, "the new private key")?;
    let key = PrivateKey::generate(req.key)?;
    let csr = CertificateRequest::made_for(&req, &key)?;
    let options = Options {
        hosts: Some(hosts),
        ..Options::default()
    };
    let issued = issue::issue(&csr, &profile, SignedBy::Itself(&key), &options, io::now())?;
    io::print_notes(&issued.notes);
    say!(
        "warning: a self-signed certificate: nothing trusts it but a client told to pin it; for testing only"
    );
    let cert = Certificate::from_der(issued.der, "the new certificate")?;
    io::emit(&Output {
        bundle: None,
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key: Some(secrets::key_text(&key, seal.as_ref())?),
    })
}
