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

use super::io::{self, Input};

const EXAMPLES: &str = "\
Exit codes with --expiring-within (as grep):
  0  at least one certificate is listed
  1  none expires within DURATION
  2  an error (unreadable file, broken certificate, bad DURATION)

Examples:
  certsmith inspect ca.pem
  certsmith inspect server-key.pem server.csr ca.crl      # keys: public half only
  certsmith inspect --json certs/ | jq -r '.[] | select(.kind == \"certificate\") | .not_after'
  certsmith inspect --expiring-within 720h /etc/pki && echo renew";

/// Describe certificates, CSRs, keys, public keys and CRLs (files or directory trees).
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct InspectArgs {
    /// Print a JSON array (cfssl certinfo's fields for certificates, plus certsmith's)
    #[arg(long)]
    json: bool,
    /// List only the certificates that expire within DURATION (Go syntax: 720h, 30d),
    /// expired ones included; exit 0 if any is listed, 1 if none, 2 on error
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    expiring_within: Option<Duration>,
    /// Files (PEM with one or more blocks, or DER), directories (walked
    /// recursively; files without PKI objects are skipped), or - for stdin
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
}

fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    certsmith::duration::parse(text)
}

pub fn run(args: InspectArgs) -> Result<()> {
    let Some(within) = args.expiring_within else {
        return inspect(&args, None).map(|_| ());
    };
    // grep's convention, which scripts branch on: main's mapping (errors to
    // 1) would make "none expiring" and "could not look" the same.
    match inspect(&args, Some(within)) {
        Ok(0) => std::process::exit(1),
        Ok(_) => Ok(()),
        Err(err) => {
            super::print_error(&err);
            std::process::exit(2);
        }
    }
}

/// Describes every object under `args.paths`, printing each as soon as it is
/// read; returns how many were printed.
fn inspect(args: &InspectArgs, within: Option<Duration>) -> Result<usize> {
    let now = io::now();
    let deadline = within.map(|d| now + d);
    let mut out = Printer::new(args.json);
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
                    out.print(&report, deadline)?;
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
                out.print(report, deadline)?;
            }
        }
        if out.closed {
            break;
        }
    }
    out.finish()?;
    Ok(out.printed)
}

fn walk_error(root: &str, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(Path::new(root)).to_path_buf();
    let source = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a symbolic link loop"));
    Error::ReadFile { path, source }
}

/// Writes descriptions to stdout as they come: text blocks separated by a
/// blank line, or the elements of one JSON array.
struct Printer {
    json: bool,
    printed: usize,
    /// The reader went away (`| head`): stop quietly, as ripgrep does.
    closed: bool,
}

impl Printer {
    fn new(json: bool) -> Printer {
        Printer {
            json,
            printed: 0,
            closed: false,
        }
    }

    fn print(&mut self, report: &Report, deadline: Option<time::OffsetDateTime>) -> Result<()> {
        if let Some(deadline) = deadline {
            match report.not_after() {
                Some(not_after) if not_after <= deadline => {}
                _ => return Ok(()),
            }
        }
        let text = if self.json {
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
