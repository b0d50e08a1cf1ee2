//! cfssl muscle memory: Go-style single-dash long flags (`-ca=ca.pem`,
//! `-bare`), and cfssl's own command names (`gencert`, `certinfo`,
//! `print-defaults`) mapped onto certsmith's commands.

use std::collections::HashSet;
use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Subcommand};

use certsmith::report::{self, Report};
use certsmith::{Error, Result};

use super::io::{self, Input};

/// Rewrites Go-style `-name` / `-name=value` into `--name…` wherever `name`
/// is a long option of some certsmith command. Single-letter flags (`-r`,
/// `-i`, `-f`) and everything after `--` are left alone.
pub fn normalize_go_flags(
    args: impl IntoIterator<Item = OsString>,
    command: &clap::Command,
) -> Vec<OsString> {
    let mut longs = HashSet::new();
    collect_longs(command, &mut longs);
    let mut out = Vec::new();
    let mut rest_is_positional = false;
    for (i, arg) in args.into_iter().enumerate() {
        let Some(text) = arg.to_str().filter(|_| i > 0 && !rest_is_positional) else {
            out.push(arg);
            continue;
        };
        if text == "--" {
            rest_is_positional = true;
        } else if text.len() > 2 && text.starts_with('-') && !text.starts_with("--") {
            let name = text[1..].split('=').next().unwrap_or_default();
            if longs.contains(name) {
                out.push(format!("-{text}").into());
                continue;
            }
        }
        out.push(arg);
    }
    out
}

fn collect_longs(cmd: &clap::Command, longs: &mut HashSet<String>) {
    for arg in cmd.get_arguments() {
        if let Some(long) = arg.get_long() {
            longs.insert(long.to_string());
        }
    }
    for sub in cmd.get_subcommands() {
        collect_longs(sub, longs);
    }
}

const GENCERT_EXAMPLES: &str = "\
Examples:
  certsmith gencert -initca ca-csr.json | certsmith split-json -bare ca
  certsmith gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json \\
      -profile=kubernetes admin-csr.json | certsmith split-json -bare admin
  certsmith gencert -remote=ca.example:8888 -profile=server srv-csr.json";

/// cfssl's gencert: -initca → initca; -renewca → initca --key; -ca/-ca-key → sign; -remote → remote sign.
///
/// Every other flag is passed on to that command unchanged.
#[derive(Args)]
#[command(after_help = GENCERT_EXAMPLES)]
pub struct GencertArgs {
    /// The flags and CSR JSON, as cfssl gencert takes them
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "ARGS"
    )]
    args: Vec<OsString>,
}

pub fn gencert(args: GencertArgs) -> Result<()> {
    // The flags arrive as typed: `-ca=x` and `--ca=x` alike.
    let has = |flag: &str| {
        args.args.iter().any(|a| {
            let name = a
                .to_str()
                .and_then(|s| s.strip_prefix("--").or(s.strip_prefix('-')));
            name.is_some_and(|s| s == flag || s.starts_with(&format!("{flag}=")))
        })
    };
    let mut argv: Vec<OsString> = vec!["certsmith".into()];
    let mut rest = args.args.clone();
    // `initca` is a command here, not an option, so `-initca` is not rewritten.
    let command = if has("initca") {
        argv.push("initca".into());
        rest.retain(|a| !matches!(a.to_str(), Some("--initca" | "-initca")));
        super::command_for("initca")
    } else if has("renewca") {
        // issue 14: cfssl's `gencert -renewca -ca CERT -ca-key KEY` is
        // `initca --ca CERT --key KEY`.
        argv.push("initca".into());
        rest.retain(|a| !matches!(a.to_str(), Some("--renewca" | "-renewca")));
        for arg in &mut rest {
            let Some(text) = arg.to_str() else { continue };
            let value = ["-ca-key", "--ca-key"]
                .iter()
                .find_map(|flag| text.strip_prefix(flag));
            match value {
                Some("") => *arg = "--key".into(),
                Some(v) if v.starts_with('=') => *arg = format!("--key{v}").into(),
                _ => {}
            }
        }
        super::command_for("initca")
    } else if has("remote") {
        argv.extend(["remote".into(), "sign".into()]);
        None
    } else {
        argv.push("sign".into());
        super::command_for("sign")
    };
    argv.extend(rest);
    let mut command = command.unwrap_or_else(super::Cli::command);
    let argv = normalize_go_flags(argv, &command);
    let matches = command
        .try_get_matches_from_mut(argv)
        .unwrap_or_else(|e| e.exit());
    io::refuse_shared_stdin(&mut command, &matches).unwrap_or_else(|e| e.exit());
    let cli = super::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    super::run(cli)
}

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

pub fn certinfo(args: CertinfoArgs) -> Result<()> {
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

/// A starter CSR JSON that certsmith (and cfssl) accept as it is.
const DEFAULT_CSR: &str = r#"{
  "CN": "www.example.net",
  "hosts": ["www.example.net", "example.net"],
  "key": { "algo": "ecdsa", "size": 256 },
  "names": [{ "C": "US", "ST": "California", "L": "San Francisco", "O": "Example" }]
}
"#;

/// cfssl's print-defaults: starter files certsmith accepts unchanged.
#[derive(Subcommand)]
pub enum PrintDefaults {
    /// A CSR JSON
    Csr,
    /// A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)
    Config,
    /// The names print-defaults knows
    List,
}

pub fn print_defaults(what: PrintDefaults) -> Result<()> {
    let text = match what {
        PrintDefaults::Csr => DEFAULT_CSR.to_string(),
        PrintDefaults::Config => certsmith::profile::BUILTIN_CONFIG.to_string(),
        PrintDefaults::List => "csr\nconfig\n".to_string(),
    };
    io::write_stdout(text.as_bytes())
}
