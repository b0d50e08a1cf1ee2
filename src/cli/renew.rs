//! `certsmith renew`: a certificate issued again by the CA that issued it,
//! for the same subject, SANs and key, in one step (issue 14).

use std::path::PathBuf;

use clap::Args;

use certsmith::cfssl::envelope::Output;
use certsmith::issue::Options;
use certsmith::x509::certificate::Certificate;
use certsmith::{Error, Result, issue::renew, ledger};

use super::authority::{self, CaArgs};
use super::io::{self, Input};
use super::secrets::PassphraseArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith renew --ca ca.pem --ca-key ca-key.pem --profile server app.pem \\
      | certsmith split-json app
  certsmith renew --ca ca.pem --ca-key ca-key.pem --key app-key.pem app.pem > app.json
  certsmith inspect --needs-renewal app.pem \\
      && certsmith renew --ca ca.pem --ca-key ca-key.pem app.pem | certsmith split-json app";

/// Issue a certificate again for its subject, SANs and key: {"cert"}, or {"cert","csr"} with --key.
///
/// The profile decides everything else (validity, usages, URLs), as for sign.
/// CERT must have been issued by --ca: its issuer name and signature are checked.
/// Without --key the new certificate is for CERT's public key as it stands;
/// with --key, the key is checked to be CERT's and signs a fresh CSR.
/// split-json NAME replaces NAME.pem (and NAME.csr) and keeps NAME's key.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct RenewArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// Config JSON with signing profiles (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long, value_parser = super::complete::builtin_profiles(), hide_possible_values = true)]
    profile: Option<String>,
    /// CERT's private key (plain or age-sealed): checked to match CERT, and signs a new CSR
    #[arg(long, value_name = "KEY")]
    key: Option<String>,
    /// Refuse, instead of clamping, a validity that would start before the CA or outlive it
    #[arg(long)]
    strict: bool,
    /// Record the issuance in this ledger (one signed JSON line per certificate)
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// The certificate to renew (PEM or DER), or - for stdin
    #[arg(value_name = "CERT")]
    cert: String,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: RenewArgs) -> Result<()> {
    // CERT and --key both `-` is refused before this (io::refuse_shared_stdin).
    let profile = io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?;
    profile.check_local()?;
    let input = Input::read(&args.cert)?;
    let cert = Certificate::from_bytes(&input.bytes, &input.source)?;
    if !cert.is_ca() && profile.is_ca() {
        return Err(Error::RenewLeafUnderCaProfile {
            cert: input.source,
            profile: profile.name,
        });
    }
    let issuer = args.ca.load(&args.passphrase)?;
    // The issuer's name alone proves nothing: any key can sign under any name.
    ledger::check_signed_by(&cert, &input.source, &issuer.cert, &issuer.cert_source)?;
    let request = match &args.key {
        None => renew::request_from_certificate(&cert, &input.source),
        Some(path) => {
            let key_input = Input::read(path)?;
            let key = args.ca.unlock.read_key(&key_input, &args.passphrase)?;
            renew::signed_request(&cert, &input.source, &key, &key_input.source)?
        }
    };
    let options = Options {
        strict: args.strict,
        // What CERT issued (if it is a CA) names it by this identifier.
        subject_key_id: cert.subject_key_id.clone(),
        ..Options::default()
    };
    let renewed = authority::issue_and_record(
        &request,
        &profile,
        &issuer,
        &options,
        args.ledger.as_deref(),
    )?;
    io::emit(&Output {
        bundle: None,
        cert: Some(renewed.to_pem()),
        // Without --key there is no CSR: the request was CERT itself.
        csr: (!request.der.is_empty()).then(|| request.to_pem()),
        key: None,
    })
}
