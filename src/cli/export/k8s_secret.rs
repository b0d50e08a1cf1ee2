//! Placeholder of the issue 19 skeleton, replaced by wt-kube.

use clap::Args;

use certsmith::Result;

/// Write a Kubernetes TLS Secret (kubernetes.io/tls) as YAML or JSON.
#[derive(Args)]
pub struct SecretArgs {}

pub fn run(_args: SecretArgs) -> Result<()> {
    todo!("issue 19: wt-kube")
}
