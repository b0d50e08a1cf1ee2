//! `certsmith bundle`: build and verify a certificate's chain to a trusted
//! root (cfssl bundle), or make a federation trust bundle of several roots.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use certsmith::chain::{self, Chain, Sourced};
use certsmith::x509::certificate::Certificate;
use certsmith::{Error, Result};

use super::io::{self, Input};

const EXAMPLES: &str = "\
Examples:
  certsmith bundle --intermediates int.pem --roots ca.pem srv.pem | certsmith split-json srv
  certsmith bundle --intermediates cas/ --roots roots/ --pem server.pem > server-chain.pem
  certsmith bundle --federate cluster-a-ca.pem cluster-b-ca.pem > federation.pem";

/// Build and verify a certificate's chain: {"bundle","crt","root",…}.
///
/// The chain goes from CERT through the --intermediates to one of the
/// --roots; every link is checked (signature, names, validity now, CA flag,
/// keyCertSign, path length, name constraints). Directories are searched
/// recursively; files without certificates in them are skipped. With
/// --federate, prints one PEM trust bundle of the given self-signed roots.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct BundleArgs {
    /// The certificate to bundle (PEM or DER; further certificates in the file count as intermediates), or - for stdin
    #[arg(value_name = "CERT", required_unless_present = "federate")]
    cert: Option<String>,
    /// Intermediate CA certificates: a file or a directory (repeatable)
    #[arg(long, value_name = "FILE|DIR")]
    intermediates: Vec<PathBuf>,
    /// Trusted roots: a file or a directory of self-signed CA certificates (repeatable)
    #[arg(long, value_name = "FILE|DIR")]
    roots: Vec<PathBuf>,
    /// Print the chain as PEM (leaf, then intermediates; no root) instead of JSON
    #[arg(long)]
    pem: bool,
    /// Print one PEM trust bundle of these roots (files or directories), each checked and listed once
    #[arg(long, value_name = "ROOT", num_args = 1.., conflicts_with_all = ["cert", "intermediates", "roots", "pem"])]
    federate: Vec<PathBuf>,
}

/// cfssl bundle's JSON, with the fields certsmith fills in. cfssljson (and
/// split-json) write `bundle` to NAME-bundle.pem and `root` to NAME-root.pem.
#[derive(Serialize)]
struct BundleJson {
    bundle: String,
    crt: String,
    expires: String,
    hostnames: Vec<String>,
    issuer: String,
    leaf_expires: String,
    root: String,
    status: Status,
    subject: String,
}

#[derive(Serialize)]
struct Status {
    code: u32,
    messages: Vec<String>,
}

pub fn run(args: BundleArgs) -> Result<()> {
    if !args.federate.is_empty() {
        return federate(&args.federate);
    }
    let cert_arg = args.cert.expect("clap requires CERT without --federate");
    if args.roots.is_empty() {
        return Err(Error::ChainIncomplete {
            cert: source_name(&cert_arg),
            reason: "no roots given: pass --roots FILE|DIR with the self-signed root to chain to (a private PKI has no system trust store)".into(),
        });
    }
    let input = Input::read(&cert_arg)?;
    let mut given = Certificate::all_from_bytes(&input.bytes, &input.source)?.into_iter();
    let leaf = given.next().expect("all_from_bytes returns at least one");
    let mut intermediates: Vec<Certificate> = given.collect();
    for path in &args.intermediates {
        intermediates.extend(chain::load_certificates(path)?.into_iter().map(|s| s.cert));
    }
    let mut roots = Vec::new();
    for path in &args.roots {
        for Sourced { source, cert } in chain::load_certificates(path)? {
            // A trust anchor that is not self-signed would make a chain that
            // openssl and browsers reject (they want the self-signed root).
            if cert.subject_der != cert.issuer_der {
                return Err(Error::ChainIncomplete {
                    cert: input.source,
                    reason: format!(
                        "root \"{}\" in {source} is not self-signed (issued by \"{}\"); pass it with --intermediates",
                        cert.subject_text(),
                        cert.issuer_text()
                    ),
                });
            }
            roots.push(cert);
        }
    }
    if roots.is_empty() {
        return Err(Error::ChainIncomplete {
            cert: input.source,
            reason: format!(
                "no root certificate found in {}",
                args.roots
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let chain = chain::build(&leaf, &input.source, &intermediates, &roots, io::now())?;
    if args.pem {
        return io::write_stdout(bundle_pem(&chain).as_bytes());
    }
    io::write_stdout(to_json(&chain).as_bytes())
}

fn source_name(arg: &str) -> String {
    if arg == "-" {
        "stdin".into()
    } else {
        arg.into()
    }
}

/// Leaf first, then each intermediate; no root (clients have it).
fn bundle_pem(chain: &Chain) -> String {
    std::iter::once(&chain.leaf)
        .chain(&chain.intermediates)
        .map(Certificate::to_pem)
        .collect()
}

fn to_json(chain: &Chain) -> String {
    let json = BundleJson {
        bundle: bundle_pem(chain),
        crt: chain.leaf.to_pem(),
        expires: certsmith::time::rfc3339(chain.expires()),
        hostnames: chain::hostnames(&chain.leaf),
        issuer: chain.leaf.issuer_text(),
        leaf_expires: certsmith::time::rfc3339(chain.leaf.not_after),
        root: chain.root.to_pem(),
        status: Status {
            code: 0,
            messages: Vec::new(),
        },
        subject: chain.leaf.subject_text().clone(),
    };
    let mut line = serde_json::to_string(&json).expect("strings serialize");
    line.push('\n');
    line
}

fn federate(paths: &[PathBuf]) -> Result<()> {
    let mut roots: Vec<Sourced> = Vec::new();
    for path in paths {
        roots.extend(chain::load_certificates(path)?);
    }
    let bundle = chain::federate(roots, io::now())?;
    let pem: String = bundle.iter().map(Certificate::to_pem).collect();
    io::write_stdout(pem.as_bytes())
}
