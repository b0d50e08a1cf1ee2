//! `certsmith remote revoke --vault`: the engine revokes a certificate it
//! issued, and lists it in its next CRL (`/v1/MOUNT/crl/pem`). cfssl's
//! signers have no revocation API: the offline CA revokes with `revoke`.

use clap::Args;
use serde_json::json;

use certsmith::Result;

use super::Connection;
use super::vault::VaultArgs;
use crate::cli::io;

/// Have Vault's or OpenBao's PKI engine revoke a certificate it issued.
#[derive(Args)]
#[command(group(clap::ArgGroup::new("engine").args(["vault"]).required(true)))]
#[command(
    after_help = "Examples:\n  certsmith remote revoke --vault https://bao:8200 --mount pki_int --serial 3a:5f:…\n  certsmith remote revoke --vault https://bao:8200 --mount pki_int \\\n      --serial \"$(openssl x509 -noout -serial -in app.pem | cut -d= -f2)\""
)]
pub struct RevokeArgs {
    #[command(flatten)]
    connection: Connection,
    #[command(flatten)]
    vault: VaultArgs,
    /// The certificate's serial number, hex (colons allowed)
    #[arg(long, value_hint = clap::ValueHint::Other)]
    serial: String,
}

pub fn run(args: RevokeArgs) -> Result<()> {
    let vault = args
        .vault
        .login(&args.connection)?
        .expect("clap requires --vault for revoke");
    let mut notes = Vec::new();
    let revoked_at = vault.revoke(&args.vault.mount, &args.serial, &mut notes);
    io::print_notes(&notes);
    args.vault.logout(&vault);
    let revoked_at = revoked_at?;
    let mut line = json!({"serial": args.serial, "revocation_time": revoked_at}).to_string();
    line.push('\n');
    io::write_stdout(line.as_bytes())
}
