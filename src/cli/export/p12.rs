//! Placeholder of the issue 19 skeleton, replaced by wt-p12.

use clap::Args;

use certsmith::Result;

/// Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers.
#[derive(Args)]
pub struct P12Args {}

pub fn run(_args: P12Args) -> Result<()> {
    todo!("issue 19: wt-p12")
}
