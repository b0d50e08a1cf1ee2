//! `certsmith remote info` (and cfssl's `info`): a signer's certificate,
//! usages and expiry.

use clap::Args;
use serde_json::Value;

use certsmith::Result;

use super::vault::VaultArgs;
use super::{Connection, connect};
use crate::cli::io;

/// Ask a signer for its certificate, usages and expiry (with --vault: the mount's CA chain).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith remote info --remote https://ca:8888 --tls-remote-ca ca.pem --label primary\n  certsmith remote info --vault https://bao:8200 --tls-remote-ca root.pem --mount pki_int"
)]
pub struct InfoArgs {
    #[command(flatten)]
    connection: Connection,
    #[command(flatten)]
    vault: VaultArgs,
}

pub fn run(args: InfoArgs) -> Result<()> {
    if let Some(vault) = args.vault.login(&args.connection)? {
        // The mount's issuing CA and the chain above it.
        let mut notes = Vec::new();
        let chain = vault.ca_chain(&args.vault.mount, &mut notes);
        io::print_notes(&notes);
        args.vault.logout(&vault);
        let chain = chain?;
        let pems: Vec<String> = chain.iter().map(|c| c.to_pem()).collect();
        let mut line = serde_json::json!({
            "certificate": pems.first(),
            "ca_chain": pems,
        })
        .to_string();
        line.push('\n');
        return io::write_stdout(line.as_bytes());
    }
    let remote = connect(&args.connection)?;
    let (result, notes) = remote.info(&args.connection.label, &args.connection.profile)?;
    io::print_notes(&notes);
    let mut line = serde_json::to_string(&Value::Object(result)).expect("JSON serializes");
    line.push('\n');
    io::write_stdout(line.as_bytes())
}
