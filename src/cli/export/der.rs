//! Placeholder of the issue 19 skeleton, replaced by wt-der.

use clap::Args;

use certsmith::Result;

/// Write the DER form of a PEM certificate, CSR, CRL or key.
#[derive(Args)]
pub struct DerArgs {}

pub fn run(_args: DerArgs) -> Result<()> {
    todo!("issue 19: wt-der")
}
