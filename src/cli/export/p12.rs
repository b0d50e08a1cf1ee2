//! `certsmith export p12`: a certificate, its key and its chain as one
//! PKCS#12 file (`openssl pkcs12 -export` in one command, with OpenSSL 3's
//! protection by default), for Java, Windows, macOS and browsers.

use std::io::IsTerminal;
use std::path::Path;

use clap::Args;

use certsmith::chain::{self, ChainLink};
use certsmith::issue::renew::check_key;
use certsmith::keys::PrivateKey;
use certsmith::keys::pkcs11::{is_pkcs11_uri, redact};
use certsmith::pkcs12::{self, Contents, Pkcs12Error, Protection};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::san::San;
use certsmith::{Error, Result};

use crate::cli::io::Input;
use crate::cli::output::OutputArgs;
use crate::cli::secrets::{self, PassphraseArgs, Purpose};

const EXAMPLES: &str = "\
Examples:
  certsmith export p12 --cert app.pem --chain app-bundle.pem -o app.p12   # key: app-key.pem
  certsmith export p12 --cert app.pem --key app-key.pem --ca ca.pem --name app -o app.p12
  certsmith export p12 --legacy --cert app.pem -o app-old-java.p12   # 3DES/SHA-1
  certsmith key decrypt -i custodian-1.age app-key.age |
      certsmith export p12 --cert app.pem --key - -o app.p12   # a sealed key
  keytool -list -storetype PKCS12 -keystore app.p12 -storepass:env CERTSMITH_PASSPHRASE";

/// Write a PKCS#12 file (.p12, .pfx) for Java, Windows, macOS and browsers.
///
/// The certificate, its private key and the CA certificates above it, protected
/// as OpenSSL 3 does by default: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the
/// key and the certificates, and an HMAC-SHA-256 MAC. The password comes from
/// --passphrase-file, CERTSMITH_PASSPHRASE or a prompt (asked twice). The file
/// is written 0600, atomically, never over an existing file without --force.
#[derive(Args)]
#[command(after_help = EXAMPLES, mut_arg("output", |a| a.required(true).help("Write to FILE (mode 0600, atomically); - for stdout, never a terminal")))]
pub struct P12Args {
    /// The certificate (PEM or DER), or - for stdin; certificates after the
    /// first in the file start the chain
    #[arg(long, value_name = "FILE")]
    cert: String,
    /// Its private key, plaintext (PEM or DER), or - for stdin [default:
    /// NAME-key.pem for --cert NAME.pem]
    #[arg(long, value_name = "FILE", required_if_eq("cert", "-"))]
    key: Option<String>,
    /// The CA certificates above it, the issuer first (split-json's
    /// NAME-bundle.pem: a copy of the certificate at its start is skipped)
    #[arg(long, value_name = "FILE")]
    chain: Option<String>,
    /// The root CA certificate, after the chain
    #[arg(long, value_name = "FILE")]
    ca: Option<String>,
    /// The entry's name (friendlyName; keytool shows it lower-cased as the
    /// alias) [default: the certificate's CN, else its first SAN]
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::Other)]
    name: Option<String>,
    /// Protect with 3DES and a SHA-1 MAC instead, for Java before 8u301,
    /// Windows Server 2016 and older macOS (OpenSSL 3 reads it too)
    #[arg(long)]
    legacy: bool,
    /// Protect the file with the empty password (still encrypted and MACed:
    /// Java skips unencrypted keys)
    #[arg(long, conflicts_with = "passphrase_file")]
    no_password: bool,
    /// Protect with a password shorter than 12 characters
    #[arg(long, conflicts_with = "no_password")]
    allow_weak_passphrase: bool,
    #[command(flatten)]
    passphrase: PassphraseArgs,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: P12Args) -> Result<()> {
    args.output.refuse_existing_file()?;
    // `-o -`: a pipe takes the file; a terminal would show its bytes.
    if args.output.file().is_none() && std::io::stdout().is_terminal() {
        return Err(Pkcs12Error::ToTerminal {
            what: "a PKCS#12 file",
        }
        .into());
    }
    let cert_input = Input::read(&args.cert)?;
    let mut certs = Certificate::all_from_bytes(&cert_input.bytes, &cert_input.source)?;
    let leaf = certs.remove(0);
    let key = read_key(&args)?;
    check_key(&leaf, &cert_input.source, &key, key.source())?;

    // The chain as given, each certificate with where it was read.
    let mut given: Vec<(Certificate, String, usize)> = certs
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, cert_input.source.clone(), i + 2))
        .collect();
    for file in [&args.chain, &args.ca].into_iter().flatten() {
        let input = Input::read(file)?;
        let found = Certificate::all_from_bytes(&input.bytes, &input.source)?;
        for (i, cert) in found.into_iter().enumerate() {
            // A bundle starts with the certificate itself; a root may be
            // both the chain's end and --ca.
            let known = cert.der == leaf.der || given.iter().any(|(c, ..)| c.der == cert.der);
            if !known {
                given.push((cert, input.source.clone(), i + 1));
            }
        }
    }
    let links: Vec<ChainLink<'_>> = given
        .iter()
        .map(|(cert, source, index)| ChainLink {
            cert,
            source,
            index: *index,
        })
        .collect();
    chain::check_chain(&leaf, &links)?;

    let name = match &args.name {
        Some(name) => name.clone(),
        None => default_name(&leaf),
    };
    let what = match args.output.file() {
        Some(path) => path.display().to_string(),
        None => "the PKCS#12 file".to_string(),
    };
    let password = if args.no_password {
        secrets::note_unused_passphrase();
        None
    } else {
        let purpose = Purpose::NewPkcs12 {
            allow_weak: args.allow_weak_passphrase,
        };
        Some(args.passphrase.get(&what, purpose)?)
    };
    let protection = if args.legacy {
        say!(
            "note: --legacy: 3DES and a SHA-1 MAC, for readers without PBES2 (Java before 8u301, Windows Server 2016, older macOS); use the default for anything newer"
        );
        Protection::Legacy
    } else {
        Protection::Modern
    };
    let chain_len = given.len();
    let contents = Contents {
        key,
        leaf,
        chain: given.into_iter().map(|(cert, ..)| cert).collect(),
    };
    let password = password
        .as_ref()
        .map_or("", age::secrecy::ExposeSecret::expose_secret);
    let file = pkcs12::write(&contents, &name, password, protection)?;
    args.output.write(&file)?;
    let wrote = format!(
        "wrote {what}: entry \"{name}\", its key and {} ({})",
        match chain_len {
            0 => "no CA certificate".to_string(),
            1 => "1 CA certificate".to_string(),
            n => format!("{n} CA certificates"),
        },
        match (protection, args.no_password) {
            (Protection::Modern, false) => "AES-256-CBC, MAC SHA-256",
            (Protection::Legacy, false) => "3DES, MAC SHA-1",
            (Protection::Modern, true) => "AES-256-CBC, MAC SHA-256, empty password",
            (Protection::Legacy, true) => "3DES, MAC SHA-1, empty password",
        }
    );
    say!("{}", crate::cli::io::for_terminal(&wrote));
    Ok(())
}

/// The plaintext private key: --key, or NAME-key.pem beside --cert NAME.pem.
/// A sealed or token key is refused: a PKCS#12 file holds the key itself.
fn read_key(args: &P12Args) -> Result<PrivateKey> {
    let path = match &args.key {
        Some(key) if is_pkcs11_uri(key) => {
            return Err(Error::Pkcs11KeyNotExportable { uri: redact(key) });
        }
        Some(key) => key.clone(),
        None => {
            let stem = args.cert.strip_suffix(".pem").unwrap_or(&args.cert);
            // A NAME-key.pem there is the key; else a sealed NAME-key.age or
            // NAME-key.quorum is named as what it is, not as a missing file.
            let plain = format!("{stem}-key.pem");
            if !Path::new(&plain).exists() {
                for sealed in [format!("{stem}-key.age"), format!("{stem}-key.quorum")] {
                    if let Ok(bytes) = std::fs::read(&sealed) {
                        certsmith::keys::refuse_sealed_for_export(&bytes, &sealed, FORMAT)?;
                    }
                }
            }
            plain
        }
    };
    let input = Input::read(&path)?;
    certsmith::keys::refuse_sealed_for_export(&input.bytes, &path, FORMAT)?;
    PrivateKey::from_bytes(&input.bytes, &input.source)
}

/// The entry's name when none is given: what keytool and Windows list it
/// by. The CN, else the first SAN, else the whole subject, else (an empty
/// subject and no SAN) the serial.
fn default_name(leaf: &Certificate) -> String {
    if let Some(cn) = leaf.common_name.as_ref().filter(|cn| !cn.is_empty()) {
        return cn.clone();
    }
    match leaf.sans.first() {
        Some(San::Dns(name) | San::Email(name) | San::Uri(name)) => name.clone(),
        Some(San::Ip(ip)) => ip.to_string(),
        None => match leaf.subject_text() {
            subject if subject.is_empty() => format!("serial {}", leaf.serial_hex()),
            subject => subject,
        },
    }
}

/// An age-sealed key, which a PKCS#12 file would hold in the clear.
/// How refusals name what `export p12` writes.
const FORMAT: &str = "a PKCS#12 file";
