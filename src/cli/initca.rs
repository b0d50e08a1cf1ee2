//! `certsmith initca`: a new self-signed CA (cfssl gencert -initca).

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use certsmith::csr::CertificateRequest;
use certsmith::envelope::Output;
use certsmith::issue::{self, Options, Signer};
use certsmith::keys::PrivateKey;
use certsmith::profile::{CaConstraint, Profile};
use certsmith::usage::{KeyUsageBit, Usage};
use certsmith::{Error, Result};

use super::io::{self, Input};
use super::secrets::{self, PassphraseArgs, SealArgs};

/// cfssl's initca validity: 5 years.
const ROOT_EXPIRY: Duration = Duration::from_secs(43800 * 3600);

const EXAMPLES: &str = "\
Examples:
  certsmith initca ca-csr.json | certsmith split-json ca
  certsmith initca --config ca-config.json --profile root ca-csr.json > ca.json";

/// Make a self-signed CA certificate and its key: {"cert","csr","key"}.
///
/// The CSR JSON's `ca` section sets pathlen, pathlenzero, expiry and backdate.
/// Without --profile the root is valid for 43800h with usages cert sign and crl sign.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct InitcaArgs {
    /// CSR JSON file, or - for stdin
    csr_json: String,
    /// Config JSON whose profile shapes the root (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// CA profile to use from the config (default: a 43800h root)
    #[arg(long)]
    profile: Option<String>,
    /// Start (or extend) this ledger with the root's issuance
    #[arg(long)]
    ledger: Option<std::path::PathBuf>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: InitcaArgs) -> Result<()> {
    let req = Input::read(&args.csr_json)?.cert_request()?;
    let profile = if args.config.is_some() || args.profile.is_some() {
        let profile = io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?;
        if !profile.is_ca() {
            return Err(Error::InitcaNeedsCaProfile {
                profile: profile.name,
            });
        }
        profile
    } else {
        root_profile()
    };
    if let Some(path) = &args.ledger {
        certsmith::ledger::check_appendable(path, None)?;
    }
    let seal = args.seal.seal(&args.passphrase, "the new CA key")?;
    let key = PrivateKey::generate(req.key)?;
    let csr = CertificateRequest::made_for(&req, &key)?;
    let options = Options {
        ca_override: req.ca.clone(),
        crl_url: req.crl_url.clone(),
        ..Options::default()
    };
    let now = io::now();
    let issued = issue::issue(&csr, &profile, Signer::SelfSigned(&key), &options, now)?;
    io::print_notes(&issued.notes);
    let cert = certsmith::cert::Certificate::from_der(issued.der, "the new CA certificate")?;
    // In openssl's format (openssl x509 -noout -fingerprint -sha256), but
    // said to be of a certificate not yet written: the split-json that
    // follows may refuse, and it prints the fingerprint of what it wrote.
    say!("CA certificate: {}", io::for_terminal(&cert.subject_text()));
    say!(
        "new certificate, not yet written: sha256 Fingerprint={}",
        cert.fingerprint()
    );
    if let Some(path) = &args.ledger {
        let appended = certsmith::ledger::append(
            path,
            &cert,
            &key,
            certsmith::ledger::issued(&cert, &profile.name),
            now,
        )?;
        io::print_notes(&appended.notes);
    }
    io::emit(&Output {
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key: Some(secrets::key_text(&key, seal.as_ref())?),
    })
}

/// What cfssl's initca makes when no profile is named.
fn root_profile() -> Profile {
    let mut p = certsmith::profile::Config::builtin().default;
    p.name = "initca".into();
    p.expiry = Some(ROOT_EXPIRY);
    p.not_before = None;
    p.not_after = None;
    p.usages = vec![
        Usage::Key(KeyUsageBit::KeyCertSign),
        Usage::Key(KeyUsageBit::CrlSign),
    ];
    p.ca = Some(CaConstraint { path_len: None });
    p.crl_url = None;
    p.ocsp_url = None;
    p.issuer_urls = Vec::new();
    p.policies = Vec::new();
    p.name_whitelist = None;
    p.csr_whitelist = None;
    p
}
