//! `certsmith revoke`: record a revocation in the ledger.

use std::path::PathBuf;

use clap::Args;

use certsmith::hex;
use certsmith::ledger::{self, Issuance, Revoked};
use certsmith::x509::certificate::{Certificate, parse_serial};
use certsmith::x509::crl::Reason;
use certsmith::{Error, Result};

use super::authority::CaArgs;
use super::io;
use super::secrets::PassphraseArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith revoke --ca ca.pem --ca-key ca-key.pem --ledger L --cert x.pem --reason superseded
  certsmith revoke --ca ca.pem --ca-key ca-key.age -i id.txt --ledger L --serial 5A:3F:…
  certsmith crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > ca.crl";

/// Record that a certificate is revoked; `certsmith crl` publishes it.
///
/// A serial is revoked only if the ledger records it as issued by this CA,
/// so that a mistyped serial is refused rather than "revoked" while the
/// certificate stays valid. A certificate file (--cert) proves itself: it is
/// accepted when this CA signed it, in the ledger or not (issued before the
/// ledger existed). Revoking a serial twice adds nothing and says when it
/// was revoked.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct RevokeArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// The CA's issuance ledger (verified before the revocation is added)
    #[arg(long)]
    ledger: PathBuf,
    /// The serial to revoke, in hex as openssl prints it (any case, colons allowed);
    /// the ledger must record it as issued by this CA
    #[arg(long, required_unless_present = "cert", conflicts_with = "cert", value_hint = clap::ValueHint::Other)]
    serial: Option<String>,
    /// The certificate to revoke: accepted when this CA signed it, even if the ledger
    /// does not know it (issued before the ledger existed)
    #[arg(long)]
    cert: Option<PathBuf>,
    /// Revoke a --serial that the ledger does not record (a certificate issued before
    /// the ledger existed, whose file is gone)
    #[arg(long, requires = "serial")]
    force: bool,
    /// Why it is revoked: one of RFC 5280's reason names (any case)
    #[arg(long, default_value = "unspecified", value_parser = super::complete::reasons())]
    reason: String,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: RevokeArgs) -> Result<()> {
    let reason = Reason::parse(&args.reason)?;
    let issuer = args.ca.load(&args.passphrase)?;
    let (serial, issuance) = match (&args.serial, &args.cert) {
        (Some(text), _) => {
            let serial = parse_serial(text).ok_or_else(|| Error::InvalidSerial {
                value: text.clone(),
            })?;
            let issuance = if args.force {
                Issuance::Known
            } else {
                Issuance::FromLedger
            };
            (serial, issuance)
        }
        (None, Some(path)) => {
            let source = path.display().to_string();
            let cert = Certificate::from_bytes(&certsmith::files::read(path)?, &source)?;
            ledger::check_signed_by(&cert, &source, &issuer.cert, &issuer.cert_source)?;
            if let Some(reason) = cert.unlistable_serial() {
                return Err(Error::SerialNotRevocable {
                    serial: cert.serial_hex(),
                    cert: source,
                    reason,
                });
            }
            (cert.serial, Issuance::Known)
        }
        (None, None) => unreachable!("clap requires --serial or --cert"),
    };
    let now = io::now();
    match ledger::revoke(&args.ledger, &issuer, &serial, reason, issuance, now)? {
        Revoked::Recorded(appended) => {
            io::print_notes(&appended.notes);
            say!(
                "revoked serial {} ({reason}); publish it with `certsmith crl`",
                hex::serial(&serial)
            );
        }
        Revoked::Already { reason, revoked_at } => say!(
            "{}",
            io::for_terminal(&format!(
                "serial {} already revoked ({reason}, {revoked_at}); nothing added to {}",
                hex::serial(&serial),
                args.ledger.display()
            ))
        ),
    }
    Ok(())
}
