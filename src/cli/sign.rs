//! `certsmith sign`: a CA signs a CSR, or makes a key and CSR from a CSR JSON
//! and signs them in one step (cfssl gencert -ca … -config … -profile …), or
//! makes the CSR from a CSR JSON for a key that already exists (`--key`:
//! re-issuing from a Makefile keeps the key).

use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use certsmith::cfssl::config::Profile;

use certsmith::cfssl::envelope::{self, Output, SignInput};
use certsmith::issue::Options;
use certsmith::keys::PrivateKey;
use certsmith::remote::SignRequest;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::san::San;
use certsmith::{Error, Result};

use super::authority;
use super::batch::BatchArgs;
use super::exit::Outcome;
use super::io::{self, Input};
use super::remote;
use super::secrets::UnlockArgs;
use super::secrets::{self, PassphraseArgs, SealArgs};
use super::token::TokenArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith sign --ca ca.pem --ca-key ca-key.pem --profile server server.csr \\
      | certsmith split-json server
  certsmith sign --ca ca.pem --ca-key ca-key.pem --config ca-config.json --profile kubernetes \\
      --hostname 10.32.0.1,kubernetes.default kubernetes-csr.json \\
      | certsmith split-json kubernetes
  certsmith sign --ca ca.pem --ca-key ca-key.pem --key worker-1-key.pem worker-1-csr.json \\
      | certsmith split-json worker-1                     # re-issue, same key
  certsmith csr --key app-key.pem --from-cert app.pem \\
      | certsmith sign --ca ca.pem --ca-key ca-key.pem - | certsmith split-json app
  certsmith sign --batch --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl \\
      --out-dir certs/ requests/                     # requests/*.csr, *.json → certs/NAME.pem
  jq -c '{name: .CN} + .' devices/*.json | certsmith sign --batch --ca ca.pem \\
      --ca-key ca-key.pem --profile client --keep-going - > issued.jsonl";

/// Sign a CSR ({"cert","csr"}), or make and sign a key from a CSR JSON ({"cert","csr","key"}).
///
/// INPUT may also be the JSON that genkey, csr or cfssl print (its "csr" is
/// signed, bare or in cfssl's API envelope). With --key, the request is made
/// from a CSR JSON for that existing key, and no key is printed.
///
/// The profile decides validity, usages, CA flag and URLs; the CSR only
/// proposes a subject, names and a key.
///
/// With --batch, every INPUT is signed in one run on every core: files,
/// directories (their *.csr and *.json files, sorted), and - for JSON lines
/// ({"name":"app","csr":…} as genkey and csr print it with a name, or a CSR
/// JSON with an optional "name"). Each certificate goes out in input order
/// as one JSON line ({"name","cert","csr"} and "key" when one was made), or
/// as split-json's files in --out-dir, and is recorded in the ledger first.
/// A refused input is named with its file or stdin line and stops the
/// batch (what came before it is issued, nothing after it), or with
/// --keep-going is skipped; the exit code is 0 only when every input was
/// issued.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct SignArgs {
    /// The issuing CA's certificate, optionally followed by the CAs above it
    /// (not needed when the profile signs remotely)
    #[arg(long)]
    ca: Option<PathBuf>,
    /// The issuing CA's private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)
    #[arg(long = "ca-key")]
    ca_key: Option<PathBuf>,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    token: TokenArgs,
    /// For a profile with `remote` or `auth_remote`: the CA the signer's TLS certificate chains to
    #[arg(long, value_name = "FILE")]
    tls_remote_ca: Option<PathBuf>,
    /// Config JSON with signing profiles (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long, value_parser = super::complete::builtin_profiles(), hide_possible_values = true)]
    profile: Option<String>,
    /// Replace the request's SANs: comma-separated DNS names, IPs, emails, URIs
    #[arg(long, value_hint = clap::ValueHint::Other)]
    hostname: Option<String>,
    /// Refuse, instead of clamping, a validity that would start before the CA or outlive it
    #[arg(long)]
    strict: bool,
    /// Record the issuance in this ledger (one signed JSON line per certificate)
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// Make the request from the CSR JSON for this existing private key (plain or
    /// age-sealed) instead of a new one
    #[arg(long, value_name = "FILE", conflicts_with_all = KEY_CONFLICTS)]
    key: Option<PathBuf>,
    /// Sign every INPUT in one run (files, directories, - for JSON lines), recorded a chunk at a time
    #[arg(long, conflicts_with_all = ["key", "hostname", "tls_remote_ca"])]
    batch: bool,
    /// With --batch: write NAME.pem, NAME-key.pem (0600) and NAME.csr into DIR instead of
    /// printing JSON lines; an existing file is never replaced (that input is refused)
    #[arg(long, value_name = "DIR", requires = "batch")]
    out_dir: Option<PathBuf>,
    /// With --batch: report and skip a refused input instead of stopping there (exit 1 still)
    #[arg(long, requires = "batch")]
    keep_going: bool,
    /// A CSR (PEM or DER), JSON output holding one ({"csr": …}), or a CSR JSON file, or - for
    /// stdin; with --batch, any number of them and directories
    #[arg(required = true, value_name = "INPUT")]
    input: Vec<String>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// The flags that seal a new key, which `--key` does not make.
pub(super) const KEY_CONFLICTS: [&str; 3] = ["recipients", "recipients_files", "passphrase"];

pub fn run(args: SignArgs) -> Outcome {
    if args.input.len() > 1 && !args.batch {
        return Err(SignArgs::augment_args(clap::Command::new("certsmith sign"))
            .error(
                clap::error::ErrorKind::TooManyValues,
                "sign takes one INPUT; pass --batch to sign several in one run",
            )
            .into());
    }
    let config = io::load_config(args.config.as_deref())?;
    let profile = config.profile(args.profile.as_deref())?;
    if args.batch {
        return batch(args, &profile);
    }
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
                &args.token,
                &args.passphrase,
            )?)
        }
        (None, _, _) => {
            return Err(authority::missing_ca::<SignArgs>("sign", &profile.name).into());
        }
    };
    let chain = match remote {
        Some(_) => remote::SignerChain::load(args.ca.as_deref(), args.tls_remote_ca.as_deref())?,
        None => None,
    };
    let input = Input::request(&args.input[0])?;

    let existing_key = args.key.as_deref().map(|path| (path, &args.unlock));
    let (csr, key) = request_from_input(&input, existing_key, &args.seal, &args.passphrase)?;
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
            let (cert, notes) =
                signer.sign(&request, auth_key.as_ref().map(|k| k.as_slice()), io::now())?;
            io::print_notes(&notes);
            if let Some(chain) = &chain {
                chain.check(&cert, &[], &urls)?;
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
        bundle: None,
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key,
    })?;
    Ok(())
}

/// `sign --batch`: a local CA signs every input (see batch.rs).
fn batch(args: SignArgs, profile: &Profile) -> Outcome {
    if profile.is_remote() {
        return Err(Error::BatchRemoteProfile {
            profile: profile.name.clone(),
        }
        .into());
    }
    let (Some(ca), Some(ca_key)) = (args.ca, args.ca_key) else {
        return Err(authority::missing_ca::<SignArgs>("sign", &profile.name).into());
    };
    super::batch::run(
        BatchArgs {
            ca,
            ca_key,
            unlock: args.unlock,
            token: args.token,
            passphrase: args.passphrase,
            seal: args.seal,
            strict: args.strict,
            ledger: args.ledger,
            out_dir: args.out_dir,
            keep_going: args.keep_going,
            inputs: args.input,
        },
        profile,
    )
}

/// What sign and remote sign take as INPUT ([`envelope::sign_input`]): a CSR
/// as it is (with the key of the JSON output it came in, if any), or a CSR
/// JSON, for which a CSR is made here with `existing_key` or with a new key
/// (sealed when asked, and printed).
pub(super) fn request_from_input(
    input: &Input,
    existing_key: Option<(&Path, &UnlockArgs)>,
    seal: &SealArgs,
    pass: &PassphraseArgs,
) -> Result<(CertificateRequest, Option<Zeroizing<String>>)> {
    let request = match envelope::sign_input(&input.bytes, &input.source)? {
        SignInput::Csr { .. } if existing_key.is_some() => {
            return Err(Error::KeyGivenForCsr {
                source: input.source.clone(),
            });
        }
        SignInput::Csr { csr, key } => return Ok((csr, key)),
        SignInput::CsrJson { request, notes } => {
            io::print_notes(&notes);
            request
        }
    };
    if let Some((path, unlock)) = existing_key {
        let key = unlock.read_key(&Input::read(&path.display().to_string())?, pass)?;
        // The key signs the request: refuse it here, under its own name (issue 13).
        key.check_can_sign()?;
        let mut csr = CertificateRequest::made_for(&request, &key)?;
        // Errors about the request (a CA's own key) name the key file.
        csr.source = format!("the request made with {}", path.display());
        return Ok((csr, None));
    }
    let seal = seal.seal(pass, "the new private key")?;
    let key = PrivateKey::generate(request.key)?;
    let csr = CertificateRequest::made_for(&request, &key)?;
    Ok((csr, Some(secrets::key_text(&key, seal.as_ref())?)))
}
