//! `certsmith export k8s-secret`: a `kubernetes.io/tls` Secret, what
//! `kubectl create secret tls --dry-run=client -o yaml` prints, with
//! `ca.crt`, a namespace and labels, and no cluster needed.

use std::io::IsTerminal;

use clap::Args;

use certsmith::kube::secret::{Label, ObjectMeta, TlsSecret};
use certsmith::kube::{self, Holder, KeyPair, Pem};
use certsmith::{Error, Result};

use crate::cli::io::{self, Input};
use crate::cli::output::OutputArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith export k8s-secret --cert app.pem --key app-key.pem --name app | kubectl apply -f -
  certsmith export k8s-secret --cert app.pem --key app-key.pem --chain app-bundle.pem \\
      --ca ca.pem --name app-tls -n web -l app.kubernetes.io/name=app -o app-tls.yaml
  certsmith key decrypt -i custodian.age app-key.age |
      certsmith export k8s-secret --cert app.pem --key - --name app-tls --json -o app-tls.json";

/// Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON.
///
/// tls.crt holds the certificate file as it is, then the chain's
/// certificates; tls.key the key file as it is; ca.crt, with --ca, the CA
/// file (a DER file is written as PEM). The Secret holds the key in the
/// clear: a sealed key or one in a PKCS#11 token is refused, and stdout is
/// never a terminal; -o FILE is written 0600.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct SecretArgs {
    /// The certificate (PEM or DER): tls.crt
    #[arg(long, value_name = "CERT", value_hint = clap::ValueHint::FilePath)]
    cert: String,
    /// The certificate's private key (plaintext PEM or DER), or - for stdin: tls.key
    #[arg(long, value_name = "KEY", value_hint = clap::ValueHint::FilePath)]
    key: String,
    /// Issuers to add after the certificate in tls.crt, each followed by its own
    /// issuer (a bundle works: certificates already there are skipped)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    chain: Option<String>,
    /// The CA certificate(s) that clients of the Secret trust: ca.crt
    #[arg(long, value_name = "CA", value_hint = clap::ValueHint::FilePath)]
    ca: Option<String>,
    /// The Secret's name (a DNS-1123 subdomain: app-tls)
    #[arg(long, value_hint = clap::ValueHint::Other)]
    name: String,
    /// The Secret's namespace (a DNS-1123 label); without it, kubectl's current one
    #[arg(short = 'n', long, value_hint = clap::ValueHint::Other)]
    namespace: Option<String>,
    /// A label, KEY=VALUE (repeat for more)
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE", value_hint = clap::ValueHint::Other)]
    labels: Vec<String>,
    /// Write JSON instead of YAML
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: SecretArgs) -> Result<()> {
    // What was typed is checked before any file is read.
    kube::refuse_token_key(&args.key)?;
    let labels = args
        .labels
        .iter()
        .map(|label| Label::parse(label))
        .collect::<Result<Vec<_>>>()?;
    let meta = ObjectMeta::new(&args.name, args.namespace.as_deref(), labels)?;
    args.output.refuse_existing_file()?;
    if args.output.file().is_none() && std::io::stdout().is_terminal() {
        return Err(Error::SecretToTerminal);
    }
    let mut pair = key_pair(&args.cert, &args.key, Holder::Secret)?;
    if let Some(chain) = &args.chain {
        let input = Input::read(chain)?;
        pair.add_chain(&input.bytes, &input.source)?;
    }
    let ca = args.ca.as_deref().map(ca_certificates).transpose()?;
    let secret = TlsSecret::new(meta, pair, ca);
    let document = if args.json {
        secret.to_json()
    } else {
        secret.to_yaml()
    };
    args.output.write(&document)
}

/// The certificate and key files, checked to belong together (also for
/// `export kubeconfig`).
pub(super) fn key_pair(cert: &str, key: &str, holder: Holder) -> Result<KeyPair> {
    let (cert, key) = (Input::read(cert)?, Input::read(key)?);
    let pair = KeyPair::read(&cert.bytes, &cert.source, &key.bytes, &key.source, holder)?;
    note_der(&cert.source, pair.cert());
    note_der(&key.source, pair.key());
    Ok(pair)
}

/// The certificates of a CA file (also for `export kubeconfig`).
pub(super) fn ca_certificates(ca: &str) -> Result<Pem> {
    let input = Input::read(ca)?;
    let pem = kube::ca_certificates(&input.bytes, &input.source)?;
    note_der(&input.source, &pem);
    Ok(pem)
}

fn note_der(source: &str, pem: &Pem) {
    if pem.from_der() {
        say!(
            "note: {} is DER; it goes in as PEM, which Kubernetes reads",
            io::for_terminal(source)
        );
    }
}
