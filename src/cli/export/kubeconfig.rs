//! Placeholder of the issue 19 skeleton, replaced by wt-kube.

use clap::Args;

use certsmith::Result;

/// Write a kubeconfig with the CA, certificate and key embedded.
#[derive(Args)]
pub struct KubeconfigArgs {}

pub fn run(_args: KubeconfigArgs) -> Result<()> {
    todo!("issue 19: wt-kube")
}
