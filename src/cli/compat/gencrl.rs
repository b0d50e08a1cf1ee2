//! `certsmith gencrl`: cfssl's CRL from a file of decimal serials, printed
//! as base64 DER on one line.

use std::time::Duration;

use clap::Args;

use certsmith::ca::Issuer;
use certsmith::keys::pkcs11::is_pkcs11_uri;
use certsmith::x509::certificate::{Certificate, Serial};
use certsmith::x509::crl::{self, Reason, Revocation};
use certsmith::{Error, Result};

use crate::cli::authority;
use crate::cli::io::{self, Input};
use crate::cli::secrets::{PassphraseArgs, UnlockArgs};
use crate::cli::token::TokenArgs;

/// cfssl's gencrl: a week when TIME is absent or 0.
const GENCRL_DEFAULT: Duration = Duration::from_secs(7 * 24 * 3600);

const GENCRL_EXAMPLES: &str = "\
Examples:
  certsmith gencrl revoked.txt ca.pem ca-key.pem 86400 | base64 -d > ca.crl
  certsmith crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > ca.crl  # PEM";

/// Print a CRL of the serials in a file as cfssl gencrl does: base64 DER on one line.
///
/// INPUTFILE holds one serial per line in decimal, as cfssl's certdb and
/// certinfo write them. `certsmith crl` does the same job from hex serials
/// or the CA's ledger, and prints PEM.
#[derive(Args)]
#[command(after_help = GENCRL_EXAMPLES)]
pub struct GencrlArgs {
    /// Serials to list, one decimal number per line, or - for stdin
    inputfile: String,
    /// The CA certificate that signs the CRL
    cert: String,
    /// The CA's private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:…)
    key: String,
    /// Seconds until the next CRL is due (default and 0: one week), or as cfssl 1.2 takes
    /// it, a file or - that holds them
    time: Option<String>,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    token: TokenArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: GencrlArgs) -> Result<()> {
    // Two of INPUTFILE, CERT, KEY and TIME naming - is refused before this
    // (io::refuse_shared_stdin): cfssl lets each be -, and the second reads nothing.
    let next_update = match &args.time {
        None => GENCRL_DEFAULT,
        // cfssl 1.6 takes the seconds; 1.2 a file (or -) that holds them.
        Some(time) => {
            let (text, source) = if time.trim().bytes().all(|b| b.is_ascii_digit()) {
                (time.trim().to_string(), "command line".to_string())
            } else {
                let input = Input::read(time)?;
                (
                    String::from_utf8_lossy(&input.bytes).trim().to_string(),
                    input.source,
                )
            };
            match text.parse::<u32>() {
                Ok(0) => GENCRL_DEFAULT,
                Ok(seconds) if seconds <= i32::MAX as u32 => Duration::from_secs(seconds.into()),
                _ => {
                    return Err(Error::InvalidDuration {
                        source,
                        field: "TIME".into(),
                        value: text,
                        reason:
                            "gencrl takes whole seconds from now, as cfssl does (86400 is a day)"
                                .into(),
                    });
                }
            }
        }
    };
    let list = Input::read(&args.inputfile)?;
    let now = io::now();
    let revoked = decimal_serials(&list, now)?;
    let cert_input = Input::read(&args.cert)?;
    let mut certs = Certificate::all_from_bytes(&cert_input.bytes, &cert_input.source)?;
    let cert = certs.remove(0);
    let (key, key_source) = if is_pkcs11_uri(&args.key) {
        let key = args.token.open_signer(&args.key)?;
        let source = key.source().to_owned();
        (key, source)
    } else {
        let key_input = Input::read(&args.key)?;
        authority::check_quorum_key_is_the_cas(
            &cert,
            &cert_input.source,
            &key_input,
            &key_input.source,
        )?;
        let key = args.unlock.read_signer(&key_input, &args.passphrase)?;
        (key, key_input.source)
    };
    let issuer = Issuer::new(cert, &cert_input.source, key, &key_source)?;
    let der = crl::build(
        &issuer,
        &revoked,
        now.unix_timestamp() as u64,
        now,
        next_update,
    )?;
    use base64::Engine as _;
    let mut line = base64::engine::general_purpose::STANDARD.encode(der);
    line.push('\n');
    io::write_stdout(line.as_bytes())
}

/// cfssl gencrl's INPUTFILE: a decimal serial per line, blank lines skipped.
fn decimal_serials(list: &Input, now: time::OffsetDateTime) -> Result<Vec<Revocation>> {
    let text = String::from_utf8_lossy(&list.bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |reason: String| Error::RevokedFile {
            path: list.source.clone().into(),
            line: i + 1,
            reason,
        };
        let magnitude = decimal_to_bytes(line).ok_or_else(|| {
            bad(format!(
                "serial \"{line}\" is not a decimal number: gencrl reads serials as cfssl writes them; `certsmith crl --revoked` reads hex"
            ))
        })?;
        let serial = Serial::parse(&certsmith::hex::lower(&magnitude))
            .map_err(|problem| bad(format!("serial \"{line}\": {problem}")))?;
        out.push(Revocation {
            serial: serial.magnitude().to_vec(),
            reason: Reason::Unspecified,
            date: now,
        });
    }
    Ok(out)
}

/// A decimal number's big-endian bytes (at least one). `None` when it is
/// not a decimal number, or has more digits than any serial (20 octets are
/// at most 49 digits; a hostile megabyte line costs nothing).
fn decimal_to_bytes(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || text.len() > 60 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut bytes: Vec<u8> = vec![0];
    for digit in text.bytes().map(|b| b - b'0') {
        let mut carry = u16::from(digit);
        for byte in bytes.iter_mut().rev() {
            let v = u16::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        if carry > 0 {
            bytes.insert(0, carry as u8);
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::decimal_to_bytes;

    #[test]
    fn decimal_serials_become_their_bytes() {
        assert_eq!(decimal_to_bytes("0"), Some(vec![0]));
        assert_eq!(decimal_to_bytes("255"), Some(vec![0xff]));
        assert_eq!(decimal_to_bytes("256"), Some(vec![1, 0]));
        assert_eq!(
            decimal_to_bytes("1311768467463790320"),
            Some(vec![0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0])
        );
        assert_eq!(decimal_to_bytes("12ab"), None);
        assert_eq!(decimal_to_bytes("-1"), None);
        assert_eq!(decimal_to_bytes(&"9".repeat(61)), None);
    }
}
