//! cfssl muscle memory: Go-style single-dash long flags (`-ca=ca.pem`,
//! `-bare`), cfssl's own flags (`cfssl_flags.rs`), and cfssl's command names
//! (`gencert`, `certinfo`, `print-defaults`, `selfsign`, `gencrl`, `info`,
//! `version`) mapped onto certsmith's commands.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Subcommand};

use certsmith::ca::Issuer;
use certsmith::cfssl::envelope::Output;
use certsmith::issue::{self, Options, Signer};
use certsmith::keys::PrivateKey;
use certsmith::report::{self, Report};
use certsmith::x509::certificate::{Certificate, Serial};
use certsmith::x509::crl::{self, Reason, Revocation};
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::san::San;
use certsmith::{Error, Result};

use super::cfssl_flags;
use super::io::{self, Input};
use super::secrets::{self, PassphraseArgs, SealArgs, UnlockArgs};

/// A cfssl command line (`command` and the arguments after it) as certsmith
/// runs it, the notes for dropped flags printed. A flag certsmith refuses
/// is a usage error: exit 2, saying what to use instead.
pub fn cfssl_command_line(program: &OsString, command: &str, rest: &[OsString]) -> Vec<OsString> {
    match cfssl_flags::translate(command, rest, &super::longs_of) {
        Ok(translated) => {
            for note in &translated.notes {
                say!("{}", io::for_terminal(note));
            }
            std::iter::once(program.clone())
                .chain(translated.args)
                .collect()
        }
        Err(refused) => clap::Error::raw(
            clap::error::ErrorKind::UnknownArgument,
            format!("{}\n", io::for_terminal(&refused.to_string())),
        )
        .exit(),
    }
}

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
/// cfssl's flags are translated to that command's, or ignored with a note
/// (-loglevel, -label without -remote), or refused naming what to use instead.
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
    let argv = cfssl_command_line(&"certsmith".into(), "gencert", &args.args);
    let mut command = argv
        .get(1)
        .and_then(|name| name.to_str())
        .and_then(super::command_for)
        .unwrap_or_else(super::Cli::command);
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
        PrintDefaults::Config => certsmith::cfssl::config::BUILTIN_CONFIG.to_string(),
        PrintDefaults::List => "csr\nconfig\n".to_string(),
    };
    io::write_stdout(text.as_bytes())
}

/// cfssl's validity for a self-signed certificate without a config: 2190h.
const SELFSIGN_EXPIRY: Duration = Duration::from_secs(2190 * 3600);

const SELFSIGN_EXAMPLES: &str = "\
Examples:
  certsmith selfsign www.example.net,10.0.0.1 csr.json | certsmith split-json www";

/// Make a self-signed certificate and its key, for testing (cfssl selfsign): {"cert","csr","key"}.
///
/// The certificate is its own issuer: nothing trusts it but a client told to
/// pin it. HOSTNAME (DNS names and IPs, comma-separated) replaces the CSR
/// JSON's hosts. Without --config it is valid for 2190h with the default
/// profile's usages, as cfssl's is.
#[derive(Args)]
#[command(after_help = SELFSIGN_EXAMPLES)]
pub struct SelfsignArgs {
    /// The certificate's DNS names and IP addresses, comma-separated
    hostname: String,
    /// CSR JSON file, or - for stdin
    csr_json: String,
    /// Config JSON whose profile shapes the certificate (default: built-in, 2190h)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Signing profile (default: the config's default profile)
    #[arg(long)]
    profile: Option<String>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn selfsign(args: SelfsignArgs) -> Result<()> {
    let hosts = San::parse_list(&args.hostname)?;
    let profile = if args.config.is_none() && args.profile.is_none() {
        let mut profile = certsmith::cfssl::config::Config::builtin().default;
        profile.expiry = Some(SELFSIGN_EXPIRY);
        profile
    } else {
        io::load_config(args.config.as_deref())?.profile(args.profile.as_deref())?
    };
    profile.check_local()?;
    let req = Input::read(&args.csr_json)?.cert_request()?;
    let seal = args.seal.seal(&args.passphrase, "the new private key")?;
    let key = PrivateKey::generate(req.key)?;
    let csr = CertificateRequest::made_for(&req, &key)?;
    let options = Options {
        hosts: Some(hosts),
        ..Options::default()
    };
    let issued = issue::issue(
        &csr,
        &profile,
        Signer::SelfSigned(&key),
        &options,
        io::now(),
    )?;
    io::print_notes(&issued.notes);
    say!(
        "warning: a self-signed certificate: nothing trusts it but a client told to pin it; for testing only"
    );
    let cert = Certificate::from_der(issued.der, "the new certificate")?;
    io::emit(&Output {
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key: Some(secrets::key_text(&key, seal.as_ref())?),
    })
}

/// cfssl's gencrl: a week when TIME is absent or 0.
const GENCRL_DEFAULT: Duration = Duration::from_secs(7 * 24 * 3600);

const GENCRL_EXAMPLES: &str = "\
Examples:
  certsmith gencrl revoked.txt ca.pem ca-key.pem 86400 | base64 -d > ca.crl
  certsmith crl --ca ca.pem --ca-key ca-key.pem --ledger ledger.jsonl > ca.crl   # PEM, from the ledger";

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
    /// The CA's private key, plain or age-sealed
    key: String,
    /// Seconds until the next CRL is due (default and 0: one week), or as cfssl 1.2 takes
    /// it, a file or - that holds them
    time: Option<String>,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn gencrl(args: GencrlArgs) -> Result<()> {
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
    let key_input = Input::read(&args.key)?;
    let key = args.unlock.read_key(&key_input, &args.passphrase)?;
    let issuer = Issuer::new(cert, &cert_input.source, key, &key_input.source)?;
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

/// `certsmith version`: what `certsmith --version` prints.
pub fn version() -> Result<()> {
    io::write_stdout(format!("certsmith {}\n", env!("CARGO_PKG_VERSION")).as_bytes())
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
