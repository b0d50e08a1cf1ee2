//! `certsmith export kubeconfig`: in one command, the file that `kubectl
//! config set-cluster --embed-certs`, `set-credentials --embed-certs`,
//! `set-context` and `use-context` make together.

use std::io::IsTerminal;

use clap::Args;

use certsmith::kube::kubeconfig::{Kubeconfig, Names, Server};
use certsmith::kube::{self, Holder};
use certsmith::{Error, Result};

use super::k8s_secret::{ca_certificates, key_pair};
use crate::cli::io;
use crate::cli::output::OutputArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith export kubeconfig --server https://127.0.0.1:6443 --ca ca.pem --cert admin.pem \\
      --key admin-key.pem -o admin.kubeconfig
  certsmith export kubeconfig --server https://10.240.0.2:6443 --cluster kubernetes \\
      --user system:node:worker-0 --ca ca.pem --cert worker-0.pem --key worker-0-key.pem \\
      -o worker-0.kubeconfig
  kubectl --kubeconfig admin.kubeconfig get nodes";

/// Write a kubeconfig with the CA, certificate and key embedded.
///
/// One cluster (--server, trusted through --ca), one user (the certificate
/// and key; named after the certificate's CN unless --user names it) and one
/// context, the current one. The file holds the key in the clear: a sealed
/// key or one in a PKCS#11 token is refused, and stdout is never a
/// terminal; -o FILE is written 0600.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct KubeconfigArgs {
    /// The API server: https://HOST[:PORT]
    #[arg(long, value_name = "URL", value_hint = clap::ValueHint::Url)]
    server: String,
    /// The CA certificate(s) the API server's certificate is checked against
    #[arg(long, value_name = "CA", value_hint = clap::ValueHint::FilePath)]
    ca: String,
    /// The client certificate (PEM or DER)
    #[arg(long, value_name = "CERT", value_hint = clap::ValueHint::FilePath)]
    cert: String,
    /// The client certificate's private key (plaintext PEM or DER), or - for stdin
    #[arg(long, value_name = "KEY", value_hint = clap::ValueHint::FilePath)]
    key: String,
    /// The cluster's name in the file
    #[arg(long, default_value = "kubernetes", value_hint = clap::ValueHint::Other)]
    cluster: String,
    /// The user's name in the file [default: the certificate's CN]
    #[arg(long, value_hint = clap::ValueHint::Other)]
    user: Option<String>,
    /// The context's name in the file, made the current context
    #[arg(long, default_value = "default", value_hint = clap::ValueHint::Other)]
    context: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: KubeconfigArgs) -> Result<()> {
    // What was typed is checked before any file is read.
    kube::refuse_token_key(&args.key)?;
    let server = Server::parse(&args.server)?;
    let names = Names {
        cluster: &args.cluster,
        user: args.user.as_deref(),
        context: &args.context,
    };
    names.check()?;
    args.output.refuse_existing_file()?;
    if args.output.file().is_none() && std::io::stdout().is_terminal() {
        return Err(Error::SecretToTerminal);
    }
    let ca = ca_certificates(&args.ca)?;
    let pair = key_pair(&args.cert, &args.key, Holder::Kubeconfig)?;
    let lacks_client_auth = pair
        .lacks_client_auth()
        .then(|| pair.cert_source().to_owned());
    let plain_http = server.plain_http().then(|| server.url().to_owned());
    let kubeconfig = Kubeconfig::new(server, names, ca, pair)?;
    if let Some(cert) = lacks_client_auth {
        say!(
            "note: {} has no client auth usage, and an API server refuses it as a client certificate",
            io::for_terminal(&cert)
        );
    }
    if let Some(url) = plain_http {
        say!(
            "note: {} is plain HTTP: nothing is encrypted, and the CA and the client certificate go unused",
            io::for_terminal(&url)
        );
    }
    args.output.write(&kubeconfig.to_yaml())
}
