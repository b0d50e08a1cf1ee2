//! `certsmith revoke`: record a revocation in the ledger.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use certsmith::cert::{Certificate, parse_serial, serial_hex};
use certsmith::crl::Reason;
use certsmith::{Error, Result, issue, ledger};

use super::authority::CaArgs;
use super::io;
use super::secrets::PassphraseArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith revoke --ca ca.pem --ca-key ca-key.pem --ledger L --cert x.pem --reason superseded
  certsmith revoke --ca ca.pem --ca-key ca-key.age -i id.txt --ledger L --serial 5A:3F:…
  certsmith crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > ca.crl";

/// Record that a certificate is revoked; `certsmith crl` publishes it.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct RevokeArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// The CA's issuance ledger (verified before the revocation is added)
    #[arg(long)]
    ledger: PathBuf,
    /// The serial to revoke, in hex as openssl prints it (any case, colons allowed)
    #[arg(long, required_unless_present = "cert", conflicts_with = "cert")]
    serial: Option<String>,
    /// The certificate to revoke
    #[arg(long)]
    cert: Option<PathBuf>,
    /// keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, …
    #[arg(long, default_value = "unspecified")]
    reason: String,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: RevokeArgs) -> Result<()> {
    let reason = Reason::parse(&args.reason)?;
    let issuer = args.ca.load(&args.passphrase)?;
    let serial = match (&args.serial, &args.cert) {
        (Some(text), _) => parse_serial(text).ok_or_else(|| Error::InvalidSerial {
            value: text.clone(),
        })?,
        (None, Some(path)) => {
            let source = path.display().to_string();
            let cert = Certificate::from_bytes(&certsmith::files::read(path)?, &source)?;
            if cert.issuer_der != issuer.cert.subject_der {
                return Err(Error::NotIssuedByCa {
                    cert: source,
                    ca: issuer.cert_source.clone(),
                });
            }
            cert.serial
        }
        (None, None) => unreachable!("clap requires --serial or --cert"),
    };
    if args.ledger.exists() {
        let bytes = certsmith::files::read(&args.ledger)?;
        ledger::verify(&args.ledger, &bytes, &issuer.cert, &issuer.cert_source)?;
    }
    let now = io::now();
    let mut event = serde_json::Map::new();
    event.insert("event".into(), json!("revoked"));
    event.insert("serial".into(), json!(serial_hex(&serial)));
    event.insert("reason".into(), json!(reason.to_string()));
    event.insert("revoked_at".into(), json!(issue::rfc3339(now)));
    let appended = ledger::append(&args.ledger, &issuer.cert, &issuer.key, event, now)?;
    io::print_notes(&appended.notes);
    eprintln!(
        "revoked serial {} ({reason}); publish it with `certsmith crl`",
        serial_hex(&serial)
    );
    Ok(())
}
