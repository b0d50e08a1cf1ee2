//! `certsmith inspect`: describe the certificates, CSRs, keys, public keys
//! and CRLs in files and directory trees, for people (text) or scripts
//! (`--json`), one file at a time so that a tree of thousands streams.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use clap::Args;
use walkdir::WalkDir;

use certsmith::report::{self, Report};
use certsmith::{Error, Result};

use super::exit::{Failure, Outcome};
use super::io::{self, Input};

const EXAMPLES: &str = "\
Exit codes with --expiring-within or --needs-renewal (as grep, and as step's
`certificate needs-renewal`; unlike certsmith's other commands, 2 is any error):
  0  at least one certificate is listed (expires within DURATION, or needs renewal)
  1  none expires within DURATION, or none needs renewal yet
  2  an error (unreadable file, broken certificate, bad DURATION or FRACTION)

Examples:
  certsmith inspect ca.pem
  certsmith inspect server-key.pem server.csr ca.crl      # keys: public half only
  certsmith inspect --json certs/ | jq -r '.[] | select(.kind == \"certificate\") | .not_after'
  certsmith inspect --expiring-within 720h /etc/pki && echo renew
  certsmith inspect --needs-renewal app.pem \\
      && certsmith renew --ca ca.pem --ca-key ca-key.pem app.pem | certsmith split-json app
  certsmith inspect --needs-renewal=75% --short /etc/pki    # for cron mail";

/// Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees).
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct InspectArgs {
    /// Print a JSON array (cfssl certinfo's fields for certificates, plus certsmith's)
    #[arg(long, conflicts_with = "short")]
    json: bool,
    /// List only the certificates that expire within DURATION (Go syntax: 720h, 30d),
    /// expired ones included; exit 0 if any is listed, 1 if none, 2 on error
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, value_hint = clap::ValueHint::Other)]
    expiring_within: Option<Duration>,
    /// List only the certificates that have lived FRACTION of their lifetime
    /// (0.75, 75% or 2/3; default 2/3, as step), expired ones included; exit 0 if
    /// any is listed, 1 if none, 2 on error
    #[arg(
        long,
        value_name = "FRACTION",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "2/3",
        value_parser = parse_fraction,
        value_hint = clap::ValueHint::Other,
        conflicts_with = "expiring_within"
    )]
    needs_renewal: Option<f64>,
    /// One line per certificate (other objects are left out): PATH: SUBJECT expires
    /// NOTAFTER (TIME left), ending in `renew` or `ok` with --needs-renewal or
    /// --expiring-within, which then list every certificate
    #[arg(long)]
    short: bool,
    /// Files (PEM with one or more blocks, or DER), directories (walked
    /// recursively; files without PKI objects are skipped), or - for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
}

fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    certsmith::cfssl::duration::parse(text)
}

/// A fraction of a certificate's lifetime: `0.75`, `75%` or `2/3`, more
/// than 0 and at most 1.
fn parse_fraction(text: &str) -> std::result::Result<f64, String> {
    let number = |t: &str| t.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let value = if let Some(percent) = text.strip_suffix('%') {
        number(percent).map(|n| n / 100.0)
    } else if let Some((a, b)) = text.split_once('/') {
        number(a)
            .zip(number(b))
            .filter(|(_, b)| *b != 0.0)
            .map(|(a, b)| a / b)
    } else {
        number(text)
    };
    match value {
        None => Err("expected a fraction of the lifetime, such as 0.75, 75% or 2/3".into()),
        Some(v) if v <= 0.0 || v > 1.0 => {
            Err("a fraction must be more than 0 and at most 1".into())
        }
        Some(v) => Ok(v),
    }
}

/// Which certificates a run is about, and so how it exits.
#[derive(Clone, Copy)]
enum Check {
    /// Every object is described.
    None,
    /// `--expiring-within`: notAfter at or before this time.
    ExpiringBy(time::OffsetDateTime),
    /// `--needs-renewal`: this fraction of the lifetime passed.
    NeedsRenewal(f64),
}

impl Check {
    /// Whether the check picks `report`: `None` when there is no check;
    /// other objects than certificates are never picked.
    fn picks(self, report: &Report) -> Option<bool> {
        match self {
            Check::None => None,
            Check::ExpiringBy(deadline) => {
                Some(report.not_after().is_some_and(|na| na <= deadline))
            }
            Check::NeedsRenewal(fraction) => Some(
                report
                    .certificate()
                    .is_some_and(|c| c.needs_renewal(fraction)),
            ),
        }
    }
}

pub fn run(args: InspectArgs) -> Outcome {
    let now = io::now();
    let check = match (args.expiring_within, args.needs_renewal) {
        (Some(within), _) => Check::ExpiringBy(now + within),
        (None, Some(fraction)) => Check::NeedsRenewal(fraction),
        (None, None) => {
            inspect(&args, Check::None, now)?;
            return Ok(());
        }
    };
    // grep's convention, which scripts branch on: the usual mapping (errors
    // to 1) would make "none expiring" and "could not look" the same.
    match inspect(&args, check, now) {
        Ok(0) => Err(Failure::NoneListed),
        Ok(_) => Ok(()),
        Err(err) => Err(Failure::CheckFailed(err)),
    }
}

/// Describes every object under `args.paths`, printing each as soon as it is
/// read; returns how many certificates the check picked.
fn inspect(args: &InspectArgs, check: Check, now: time::OffsetDateTime) -> Result<usize> {
    let mut out = Printer::new(args.json, args.short);
    // Certificates looked at: a check of none (a key, a CSR, an empty or
    // unmounted directory) is an error, not "nothing needs renewal".
    let mut seen = 0;
    for arg in &args.paths {
        if arg != "-" && Path::new(arg).is_dir() {
            for entry in WalkDir::new(arg).follow_links(true).sort_by_file_name() {
                let entry = entry.map_err(|e| walk_error(arg, e))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path().display().to_string();
                let input = Input::read(&path)?;
                for report in report::describe(&input.bytes, &path, now)? {
                    seen += usize::from(report.certificate().is_some());
                    out.print(&report, check)?;
                }
                if out.closed {
                    break;
                }
            }
        } else {
            let input = Input::read(arg)?;
            let reports = report::describe(&input.bytes, &input.source, now)?;
            if reports.is_empty() {
                return Err(Error::NoPkiObject {
                    source: input.source,
                });
            }
            for report in &reports {
                seen += usize::from(report.certificate().is_some());
                out.print(report, check)?;
            }
        }
        if out.closed {
            break;
        }
    }
    out.finish()?;
    if seen == 0 && !matches!(check, Check::None) && !out.closed {
        return Err(Error::NoCertificateToCheck {
            paths: args.paths.join(", "),
        });
    }
    Ok(out.picked)
}

pub(super) fn walk_error(root: &str, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(Path::new(root)).to_path_buf();
    let source = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a symbolic link loop"));
    Error::ReadFile { path, source }
}

/// Writes descriptions to stdout as they come: text blocks separated by a
/// blank line, the elements of one JSON array, or one line per certificate.
struct Printer {
    json: bool,
    short: bool,
    printed: usize,
    /// Certificates the check picked.
    picked: usize,
    /// The reader went away (`| head`): stop quietly, as ripgrep does.
    closed: bool,
}

impl Printer {
    fn new(json: bool, short: bool) -> Printer {
        Printer {
            json,
            short,
            printed: 0,
            picked: 0,
            closed: false,
        }
    }

    fn print(&mut self, report: &Report, check: Check) -> Result<()> {
        let picked = check.picks(report);
        if picked == Some(true) {
            self.picked += 1;
        }
        let text = if self.short {
            // Every certificate, each with the check's verdict.
            let Some(cert) = report.certificate() else {
                return Ok(());
            };
            let verdict = match picked {
                None => "",
                Some(true) => " renew",
                Some(false) => " ok",
            };
            format!("{}{verdict}\n", io::for_terminal(&cert.to_short_text()))
        } else if picked == Some(false) {
            return Ok(());
        } else if self.json {
            let json = serde_json::to_string_pretty(report).expect("reports serialize");
            let sep = if self.printed == 0 { "[\n" } else { ",\n" };
            format!("{sep}{json}")
        } else {
            let sep = if self.printed == 0 { "" } else { "\n" };
            format!("{sep}{}", report.to_text())
        };
        self.printed += 1;
        self.write(text.as_bytes())
    }

    fn finish(&mut self) -> Result<()> {
        if !self.json {
            return Ok(());
        }
        let end: &[u8] = if self.printed == 0 { b"[]\n" } else { b"\n]\n" };
        self.write(end)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(source) => Err(Error::WriteFile {
                path: "stdout".into(),
                source,
            }),
            Ok(()) => Ok(()),
        }
    }
}
