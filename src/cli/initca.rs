//! `certsmith initca`: a new self-signed CA (cfssl gencert -initca), or a
//! new certificate for an existing root key (cfssl gencert -renewca).

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use zeroize::Zeroizing;

use certsmith::cfssl::config::{CaConstraint, Profile};
use certsmith::cfssl::envelope::Output;
use certsmith::cfssl::request::CertRequest;
use certsmith::issue::renew;
use certsmith::issue::{self, Options, SignedBy};
use certsmith::keys::pkcs11::{MadeKey, is_pkcs11_uri};
use certsmith::keys::sealed::Seal;
use certsmith::keys::{KeyMaker, NewKey, Signer};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::usage::{KeyUsageBit, Usage};
use certsmith::{Error, Result, files};

use super::authority;
use super::io::{self, Input};
use super::secrets::{self, KeySeal, PassphraseArgs, SealArgs, SealedTo, UnlockArgs};
use super::token::{self, TokenArgs};

/// cfssl's initca validity: 5 years.
const ROOT_EXPIRY: Duration = Duration::from_secs(43800 * 3600);

const EXAMPLES: &str = "\
Examples:
  certsmith initca ca-csr.json | certsmith split-json ca
  certsmith initca --config ca-config.json --profile root ca-csr.json > ca.json
  certsmith initca -R custodians.txt root-csr.json | certsmith split-json root
  # any 2 of the 3 custodians together, and no fewer, open root-key.quorum
  certsmith initca --threshold 2 -R custodians.txt root-csr.json | certsmith split-json root
  # renew a root with its key: what the old root issued verifies under the new one
  certsmith initca --key root-key.age -i id.txt --ca root.pem | certsmith split-json root
  certsmith initca --key root-key.pem root-csr.json | certsmith split-json root";

/// Make a self-signed CA certificate and its key: {"cert","csr","key"}.
///
/// The CSR JSON's `ca` section sets pathlen, pathlenzero, expiry and backdate.
/// Without --profile the root is valid for 43800h with usages cert sign and crl sign.
///
/// With --key, the key exists and only a new certificate is made for it:
/// {"cert","csr"}, which split-json writes beside the key. With --ca OLD (cfssl's
/// gencert -renewca), OLD's subject, SANs, subject key identifier and pathlen are
/// kept and, without --profile, its lifetime; with a CSR JSON, the root is made from
/// it as initca would make it.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct InitcaArgs {
    /// CSR JSON file, or - for stdin
    #[arg(required_unless_present = "ca")]
    csr_json: Option<String>,
    /// Make a new certificate for this existing CA key (plain or age-sealed, or pkcs11:… in a token) instead of a new key
    #[arg(long, value_name = "KEY", conflicts_with_all = ["recipients", "recipients_files", "passphrase"])]
    key: Option<String>,
    /// Make the new key in a PKCS#11 token, labelled by the URI's object= (pkcs11:token=…;object=…); no key is written
    #[arg(long, value_name = "URI", conflicts_with_all = ["key", "recipients", "recipients_files", "passphrase"])]
    pkcs11_key: Option<String>,
    /// With --key: renew this root certificate (its subject, SKI and pathlen) instead of reading a CSR JSON
    #[arg(
        long,
        value_name = "OLD_CERT",
        requires = "key",
        conflicts_with_all = ["csr_json", "pkcs11_key"]
    )]
    ca: Option<PathBuf>,
    /// Config JSON whose profile shapes the root (default: built-in)
    #[arg(long)]
    config: Option<PathBuf>,
    /// CA profile to use from the config (default: a 43800h root)
    #[arg(long, value_hint = clap::ValueHint::Other)]
    profile: Option<String>,
    /// Start (or extend) this ledger with the root's issuance
    #[arg(long)]
    ledger: Option<std::path::PathBuf>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    token: TokenArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: InitcaArgs) -> Result<()> {
    // A key made in a token is destroyed again unless the run gets as far
    // as printing the root (see MadeKey): the operator is told which.
    let mut made_key = None;
    let result = make_root(&args, &mut made_key);
    if let (Err(_), Some(made)) = (&result, &made_key) {
        token::print_fate(made);
    }
    result
}

fn make_root(args: &InitcaArgs, made_key: &mut Option<MadeKey>) -> Result<()> {
    // CSR_JSON and --key both naming - (stdin) was refused when the command
    // line was read (io::refuse_shared_stdin).
    // The CSR JSON (or the old root) is read before anything is unlocked or made.
    let template = match (&args.ca, &args.csr_json) {
        (Some(old), _) => {
            let source = old.display().to_string();
            Template::Root(
                Box::new(Certificate::from_bytes(&files::read(old)?, &source)?),
                source,
            )
        }
        (None, Some(csr_json)) => Template::Json(Input::csr_json(csr_json)?),
        (None, None) => unreachable!("clap requires CSR_JSON without --ca"),
    };
    let named_profile = args.config.is_some() || args.profile.is_some();
    let profile = if named_profile {
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
    let (csr, key, options, new_key): (_, Box<dyn Signer>, _, _) = match (&args.key, template) {
        (None, Template::Json(req)) => {
            // The seal's passphrase or recipients are asked for before a key is made.
            let (made, seal, sealed_to) = match &args.pkcs11_key {
                Some(uri) => {
                    // A token key outlives a failed run: the request is
                    // checked before one is made.
                    certsmith::x509::csr::check_request(&req)?;
                    let made = args.token.generate(uri, req.key)?;
                    if let NewKey::InToken(key) = &made {
                        *made_key = key.undo_on_drop();
                    }
                    (made, None, Vec::new())
                }
                None => {
                    let (seal, sealed_to) = args
                        .seal
                        .seal_recorded(&args.passphrase, "the new CA key")?;
                    (KeyMaker::InMemory.generate(req.key)?, seal, sealed_to)
                }
            };
            let csr = CertificateRequest::made_for(&req, made.signer())?;
            let written = match &made {
                NewKey::InMemory(key) => Some(WrittenKey {
                    text: secrets::key_text(key, seal.as_ref())?,
                    with_passphrase: matches!(seal, Some(KeySeal::Age(Seal::Passphrase(_)))),
                    sealed_to,
                }),
                NewKey::InToken(_) => None,
            };
            (csr, made.into_signer(), json_options(&req), written)
        }
        (Some(key_path), template) => {
            let (key, key_source): (Box<dyn Signer>, _) = if is_pkcs11_uri(key_path) {
                let key = args.token.open_token_key(key_path)?;
                token::print_record(key.record(), false);
                let source = key.source().to_string();
                (Box::new(key), source)
            } else {
                let input = Input::read(key_path)?;
                // A quorum file names its key: one for another root than
                // --ca's is refused before any custodian opens a share, as
                // the key would be once opened.
                if let Template::Root(old, source) = &template {
                    super::authority::check_quorum_key_is_the_cas(
                        old,
                        source,
                        &input,
                        &input.source,
                    )
                    .map_err(|e| match e {
                        Error::CaKeyMismatch { cert, key } => {
                            Error::KeyNotForCertificate { key, cert }
                        }
                        e => e,
                    })?;
                }
                (
                    args.unlock.read_signer(&input, &args.passphrase)?,
                    input.source,
                )
            };
            let (csr, options) = match template {
                Template::Root(old, source) => {
                    renew::root_renewal(&old, &source, key.as_ref(), &key_source, !named_profile)?
                }
                Template::Json(req) => {
                    let csr = CertificateRequest::made_for(&req, key.as_ref())?;
                    (csr, json_options(&req))
                }
            };
            (csr, key, options, None)
        }
        (None, Template::Root(..)) => unreachable!("clap requires --key with --ca"),
    };
    let now = io::now();
    let issued = issue::issue(
        &csr,
        &profile,
        SignedBy::Itself(key.as_ref()),
        &options,
        now,
    )?;
    io::print_notes(&issued.notes);
    let cert = Certificate::from_der(issued.der, "the new CA certificate")?;
    authority::print_ca_record(&cert);
    if let Some(new_key) = &new_key {
        new_key.print_record();
    }
    if let Some(path) = &args.ledger {
        let appended = certsmith::ledger::append(
            path,
            &cert,
            key.as_ref(),
            certsmith::ledger::issued(&cert, &profile.name),
            now,
        )?;
        io::print_notes(&appended.notes);
    }
    io::emit(&Output {
        bundle: None,
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key: new_key.map(|k| k.text),
    })?;
    if let Some(made) = made_key {
        made.keep();
    }
    Ok(())
}

/// What the new root is made from.
enum Template {
    /// A CSR JSON document.
    Json(CertRequest),
    /// The root it renews, and where it came from.
    Root(Box<Certificate>, String),
}

/// A CSR JSON's `ca` section and `crl_url`, which win over the profile's.
fn json_options(req: &CertRequest) -> Options {
    Options {
        ca_override: req.ca.clone(),
        crl_url: req.crl_url.clone(),
        ..Options::default()
    }
}

/// A new key, as it goes into the JSON (PEM, or an armored age file), and
/// how it was sealed.
struct WrittenKey {
    text: Zeroizing<String>,
    with_passphrase: bool,
    sealed_to: Vec<SealedTo>,
}

impl WrittenKey {
    /// For the ceremony record: whom the key was sealed to (issue 14).
    fn print_record(&self) {
        if self.with_passphrase {
            say!("key sealed with a passphrase");
        }
        for to in &self.sealed_to {
            let from = match &to.file {
                Some(file) => format!("from {}", file.display()),
                None => "given with -r".into(),
            };
            say!(
                "key sealed to: {} ({})",
                io::for_terminal(&to.recipient),
                io::for_terminal(&from)
            );
        }
    }
}

/// What cfssl's initca makes when no profile is named.
fn root_profile() -> Profile {
    let mut p = certsmith::cfssl::config::Config::builtin().default;
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
