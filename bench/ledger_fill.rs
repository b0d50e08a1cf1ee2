//! Appends revocations to a ledger, many at a time, for bench/scale.sh:
//! `crl` at a million lines needs 10,000 revocations in the ledger, and
//! 10,000 `revoke` processes would each scan the whole ledger (issue 18).
//!
//! ```text
//! cargo run --release --example ledger_fill -- LEDGER CA.pem CA-KEY.pem COUNT [SERIALS]
//! ```
//!
//! Revokes COUNT serials: the first COUNT lines of SERIALS (hex, one per
//! line, as the ledger records them), or random 20-byte serials without it.
//! The lines go through `ledger::append_all` in chunks of 1,024, each under
//! one lock with one sync, so they are signed and chained exactly as
//! `revoke` writes them, and the result verifies. The CA key must be a
//! plain key file (a bench CA); the ledger is created if it is absent.

use std::io::BufRead;
use std::process::ExitCode;

use certsmith::ca::Issuer;
use certsmith::keys::{KeySource, open_ca_key};
use certsmith::ledger::{self, Event};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::crl::Reason;

/// A line on stderr, as the binary's `say!` writes it: a stderr that
/// cannot be written is no reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Lines per append: one lock and one sync each, as batch issuance writes.
const CHUNK: usize = 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ledger, ca, ca_key, count, rest @ ..] = args.as_slice() else {
        say!("usage: ledger_fill LEDGER CA.pem CA-KEY.pem COUNT [SERIALS]");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        say!("ledger_fill: COUNT must be a number, not {count:?}");
        return ExitCode::from(2);
    };
    match fill(ledger, ca, ca_key, count, rest.first()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("ledger_fill: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fill(
    ledger: &str,
    ca: &str,
    ca_key: &str,
    count: usize,
    serials: Option<&String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let cert = Certificate::from_bytes(&std::fs::read(ca)?, ca)?;
    let key_bytes = zeroize::Zeroizing::new(std::fs::read(ca_key)?);
    let key = open_ca_key(KeySource::File {
        bytes: &key_bytes,
        source: ca_key,
        unlock: None,
    })?;
    // Issuer::new checks that the key is the certificate's.
    let issuer = Issuer::new(cert, ca, key, ca_key)?;
    let serials = match serials {
        Some(path) => read_serials(path, count)?,
        None => (0..count)
            .map(|_| random_serial())
            .collect::<Result<_, _>>()?,
    };
    if serials.len() < count {
        return Err(format!("only {} serials, {count} asked for", serials.len()).into());
    }
    let ledger = std::path::Path::new(ledger);
    for chunk in serials.chunks(CHUNK) {
        let now = time::OffsetDateTime::now_utc();
        let events = chunk
            .iter()
            .map(|serial| Event::Revoked {
                serial: serial.clone(),
                reason: Reason::Superseded,
                revoked_at: now,
            })
            .collect();
        let appended = ledger::append_all(ledger, &issuer.cert, issuer.key.as_ref(), events, now)?;
        // A torn tail removed first: an earlier append was interrupted.
        for note in appended.notes {
            say!("ledger_fill: note: {note}");
        }
    }
    Ok(())
}

/// The first `count` non-blank lines of `path`.
fn read_serials(path: &str, count: usize) -> std::io::Result<Vec<String>> {
    let mut serials = Vec::with_capacity(count);
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        let serial = line.trim();
        if !serial.is_empty() {
            serials.push(serial.to_owned());
        }
        if serials.len() == count {
            break;
        }
    }
    Ok(serials)
}

/// 20 random bytes in hex, top bit clear and first byte non-zero, as
/// certsmith's own serials are.
fn random_serial() -> Result<String, aws_lc_rs::error::Unspecified> {
    let mut serial = [0u8; 20];
    aws_lc_rs::rand::fill(&mut serial)?;
    serial[0] = (serial[0] & 0x7f).max(1);
    Ok(certsmith::hex::serial(&serial))
}
