//! `certsmith cross-sign`: the old root vouches for the new one, so that
//! clients that trust only the old root accept chains under the new root.

use std::path::PathBuf;

use clap::Args;

use certsmith::cfssl::config::{CaConstraint, Config};
use certsmith::cfssl::envelope::Output;
use certsmith::cfssl::request::CaSection;
use certsmith::issue::Options;
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::usage::{KeyUsageBit, Usage};
use certsmith::{Error, Result};

use super::authority::{self, CaArgs};
use super::io::{self, Input};
use super::secrets::PassphraseArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith cross-sign --ca old.pem --ca-key old-key.age -i id.txt new.pem > cross.json
  openssl verify -CAfile old.pem -untrusted cross.pem -untrusted int.pem leaf.pem";

/// Re-issue a new root's certificate under an old root: {"cert"}.
///
/// The certificate keeps the new root's subject, public key and subject key
/// identifier; validity is the new root's, clamped to the old root's.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct CrossSignArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// Config JSON with a CA profile to use instead of the new root's own constraints
    #[arg(long)]
    config: Option<PathBuf>,
    /// CA profile to sign with
    #[arg(long, value_hint = clap::ValueHint::Other)]
    profile: Option<String>,
    /// Record the issuance in this ledger
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// The new root's certificate, or - for stdin
    new_root: String,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: CrossSignArgs) -> Result<()> {
    let input = Input::read(&args.new_root)?;
    let new_root = Certificate::from_bytes(&input.bytes, &input.source)?;
    let Some(path_len) = new_root.ca() else {
        return Err(Error::NotACa {
            source: input.source,
            reason: "BasicConstraints does not say CA:TRUE",
        });
    };
    let mut options = Options {
        subject_key_id: new_root.subject_key_id.clone(),
        ..Options::default()
    };
    let profile = if args.config.is_some() || args.profile.is_some() {
        let p = io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?;
        if !p.is_ca() {
            return Err(Error::CrossSignNeedsCaProfile { profile: p.name });
        }
        p
    } else {
        // The new root's own constraints and lifetime (clamped to the old root's by issue()).
        options.ca_override = Some(CaSection {
            path_len: Some(path_len),
            expiry: None,
            backdate: None,
        });
        let mut p = Config::builtin().default;
        p.name = "cross-sign".into();
        p.expiry = None;
        p.not_after = Some(new_root.not_after);
        p.usages = vec![
            Usage::Key(KeyUsageBit::KeyCertSign),
            Usage::Key(KeyUsageBit::CrlSign),
        ];
        p.ca = Some(CaConstraint { path_len });
        p
    };
    let issuer = args.ca.load(&args.passphrase)?;
    let request = CertificateRequest {
        source: input.source.clone(),
        der: Vec::new(),
        subject_der: new_root.subject_der.clone(),
        common_name: None,
        spki_der: new_root.spki_der.clone(),
        public_key_bits: new_root.public_key_bits.clone(),
        key_algorithm: new_root.key_algorithm,
        sans: new_root.sans.clone(),
        sans_left_out: Vec::new(),
        ca: Some(path_len),
    };
    let cert = authority::issue_and_record(
        &request,
        &profile,
        &issuer,
        &options,
        args.ledger.as_deref(),
    )?;
    io::emit(&Output {
        cert: Some(cert.to_pem()),
        ..Output::default()
    })
}
