//! `certsmith certinfo`: cfssl's certinfo, one certificate or CSR
//! described as JSON with inspect's fields.

use clap::Args;

use certsmith::report::{self, Report};
use certsmith::{Error, Result};

use crate::cli::io::{self, Input};

/// cfssl's certinfo: describe one certificate or CSR as JSON (inspect's fields).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith certinfo -cert ca.pem\n  certsmith certinfo -csr server.csr"
)]
pub struct CertinfoArgs {
    /// A certificate file, or - for stdin
    #[arg(long, required_unless_present = "csr", conflicts_with = "csr")]
    cert: Option<String>,
    /// A CSR file, or - for stdin
    #[arg(long)]
    csr: Option<String>,
}

pub fn run(args: CertinfoArgs) -> Result<()> {
    let (arg, want_cert) = match (&args.cert, &args.csr) {
        (Some(c), _) => (c.as_str(), true),
        (None, Some(c)) => (c.as_str(), false),
        (None, None) => unreachable!("clap requires -cert or -csr"),
    };
    let input = Input::read(arg)?;
    let reports = report::describe(&input.bytes, &input.source, io::now())?;
    let found = reports
        .iter()
        .find(|r| {
            matches!(
                (r, want_cert),
                (Report::Certificate(_), true) | (Report::Csr(_), false)
            )
        })
        .ok_or_else(|| {
            let expected = if want_cert {
                "certificate"
            } else {
                "certificate request"
            };
            match reports.first().map(Report::kind) {
                Some(found) => Error::WrongKind {
                    source: input.source.clone(),
                    found,
                    expected,
                },
                None => Error::NoPemObject {
                    source: input.source.clone(),
                    expected,
                },
            }
        })?;
    let mut text = serde_json::to_string_pretty(&found).expect("a report serializes");
    text.push('\n');
    io::write_stdout(text.as_bytes())
}
