//! `certsmith crl`: a signed CRL from the ledger or a list of serials.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use certsmith::x509::certificate::Serial;
use certsmith::x509::crl::{self, Reason, Revocation};
use certsmith::{Error, Result, cfssl::duration, hex, ledger, x509::pemfile};

use super::authority::CaArgs;
use super::io;
use super::secrets::PassphraseArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > ca.crl
  certsmith crl --ca ca.pem --ca-key ca-key.pem --revoked serials.txt --next-update 24h > ca.crl
  certsmith crl --der --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > www/ca.crl";

/// Print a signed v2 CRL (PEM, or DER with --der): from the ledger's revocations, or from a
/// list of serials.
// One source is required: its group names both when neither is given
// (issue 14: clap's message named only --ledger).
#[derive(Args)]
#[command(
    after_help = EXAMPLES,
    group = clap::ArgGroup::new("source").required(true).args(["ledger", "revoked"]),
)]
pub struct CrlArgs {
    #[command(flatten)]
    ca: CaArgs,
    /// The CA's ledger: its revocations go in, the CRL number follows the last one published
    #[arg(long, conflicts_with = "revoked")]
    ledger: Option<PathBuf>,
    /// A file of serials (hex), one per line, each optionally followed by a reason
    #[arg(long)]
    revoked: Option<PathBuf>,
    /// How long until the next CRL is due (Go duration)
    #[arg(long, default_value = "168h", value_hint = clap::ValueHint::Other)]
    next_update: String,
    /// Print the CRL in DER (binary), as a distribution point serves it
    /// (application/pkix-crl), instead of PEM; refused on a terminal
    #[arg(long)]
    der: bool,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: CrlArgs) -> Result<()> {
    // Before anything is signed or recorded: a CRL in the ledger that no
    // one received would still take its number.
    if args.der && std::io::stdout().is_terminal() {
        return Err(Error::BinaryToTerminal { what: "a CRL" });
    }
    let next_update =
        duration::parse(&args.next_update).map_err(|reason| Error::InvalidDuration {
            source: "command line".into(),
            field: "--next-update".into(),
            value: args.next_update.clone(),
            reason,
        })?;
    let issuer = args.ca.load(&args.passphrase)?;
    let now = io::now();
    let der = match (&args.ledger, &args.revoked) {
        (Some(path), _) => {
            // Numbered, built and recorded under the ledger's lock: two runs
            // never publish different CRLs under one number.
            let new = || FromLedger::new(path);
            let (der, appended) = ledger::append_with(path, &issuer, now, new, |read| {
                let number = ledger::next_crl_number(path, read.last_crl)?;
                let revoked = read.revoked;
                let der = crl::build(&issuer, &revoked, number, now, next_update)?;
                Ok((
                    crl_event(&der, number, revoked.len(), now, next_update),
                    der,
                ))
            })?;
            io::print_notes(&appended.notes);
            der
        }
        (None, Some(path)) => {
            let revoked = from_list(path, now)?;
            crl::build(
                &issuer,
                &revoked,
                now.unix_timestamp() as u64,
                now,
                next_update,
            )?
        }
        (None, None) => unreachable!("clap requires --ledger or --revoked"),
    };
    // The ledger's sha256 is over these DER bytes, in either form.
    if args.der {
        io::write_stdout(&der)
    } else {
        io::write_stdout(pemfile::encode("X509 CRL", &der).as_bytes())
    }
}

/// The ledger's record of a published CRL.
fn crl_event(
    der: &[u8],
    number: u64,
    revoked: usize,
    now: time::OffsetDateTime,
    next_update: std::time::Duration,
) -> ledger::Event {
    ledger::Event::Crl {
        crl_number: number,
        this_update: now,
        next_update: now + next_update,
        revoked: revoked as u64,
        sha256: hex::sha256_lower(der),
    }
}

/// What a CRL takes from the ledger: its revocations, each serial once
/// (the first revocation of a serial wins), and the highest CRL number
/// published, with its line. A revocation that cannot be listed fails the
/// CRL rather than being left out of it: a CRL that silently omits a
/// revoked certificate is worse than none. (The ledger's reader has typed
/// every entry: a bad reason or date was refused there, with its line.)
struct FromLedger<'a> {
    path: &'a Path,
    revoked: Vec<Revocation>,
    /// The serials in `revoked`: a ledger may revoke one many times.
    listed: HashSet<Vec<u8>>,
    last_crl: Option<(u64, usize)>,
}

impl<'a> FromLedger<'a> {
    fn new(path: &'a Path) -> FromLedger<'a> {
        FromLedger {
            path,
            revoked: Vec::new(),
            listed: HashSet::new(),
            last_crl: None,
        }
    }
}

impl ledger::Fold for FromLedger<'_> {
    fn keep(entry: &ledger::Entry) -> bool {
        matches!(
            entry.event,
            ledger::Event::Revoked { .. } | ledger::Event::Crl { .. }
        )
    }

    fn add(&mut self, entry: ledger::Entry) -> Result<()> {
        let (serial, reason, date) = match entry.event {
            ledger::Event::Revoked {
                serial,
                reason,
                revoked_at,
            } => (serial, reason, revoked_at),
            ledger::Event::Crl { crl_number, .. } => {
                self.last_crl = self.last_crl.max(Some((crl_number, entry.line)));
                return Ok(());
            }
            ledger::Event::Issued { .. } => return Ok(()),
        };
        // As recorded: a certificate with serial 0 revoked by --cert is listed, not dropped.
        let magnitude = Serial::parse_recorded(&serial)
            .map_err(|problem| Error::Ledger {
                path: self.path.to_path_buf(),
                line: entry.line,
                reason: format!("revoked serial \"{serial}\" cannot be listed in a CRL: {problem}"),
            })?
            .magnitude()
            .to_vec();
        if self.listed.insert(magnitude.clone()) {
            self.revoked.push(Revocation {
                serial: magnitude,
                reason,
                date,
            });
        }
        Ok(())
    }
}

fn from_list(path: &Path, now: time::OffsetDateTime) -> Result<Vec<Revocation>> {
    let text = String::from_utf8_lossy(&certsmith::files::read(path)?).into_owned();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let bad = |reason: String| Error::RevokedFile {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        };
        let mut words = line.split_whitespace();
        let serial_text = words.next().unwrap_or_default();
        let serial = Serial::parse(serial_text)
            .map_err(|problem| bad(format!("serial \"{serial_text}\": {problem}")))?
            .magnitude()
            .to_vec();
        let reason = match words.next() {
            None => Reason::Unspecified,
            Some(r) => Reason::parse(r).map_err(|e| bad(e.to_string()))?,
        };
        out.push(Revocation {
            serial,
            reason,
            date: now,
        });
    }
    Ok(out)
}
