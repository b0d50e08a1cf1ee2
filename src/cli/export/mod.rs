//! `certsmith export`: the files other tools take, made from the files
//! certsmith (or cfssl) writes: PKCS#12 for Java, Windows and macOS, a
//! Kubernetes TLS Secret, a kubeconfig, DER.

use clap::Subcommand;

use certsmith::Result;

mod der;
mod k8s_secret;
mod kubeconfig;
mod p12;

const EXAMPLES: &str = "Examples:
  certsmith export p12 --cert app.pem --chain app-bundle.pem -o app.p12
  certsmith export k8s-secret --cert app.pem --key app-key.pem --name app | kubectl apply -f -
  certsmith export kubeconfig --server https://127.0.0.1:6443 --ca ca.pem --cert admin.pem \\
      --key admin-key.pem -o admin.kubeconfig
  certsmith export der ca.pem -o ca.der";

/// Write a certificate and key in the form another tool takes: PKCS#12, a
/// Kubernetes Secret, a kubeconfig, DER.
#[derive(Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum ExportCommand {
    P12(p12::P12Args),
    K8sSecret(k8s_secret::SecretArgs),
    Kubeconfig(kubeconfig::KubeconfigArgs),
    Der(der::DerArgs),
}

pub fn run(cmd: ExportCommand) -> Result<()> {
    match cmd {
        ExportCommand::P12(args) => p12::run(args),
        ExportCommand::K8sSecret(args) => k8s_secret::run(args),
        ExportCommand::Kubeconfig(args) => kubeconfig::run(args),
        ExportCommand::Der(args) => der::run(args),
    }
}
