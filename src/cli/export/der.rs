//! `certsmith export der`: the one object of a PEM file in DER, for the
//! tools that take nothing else (Java's and Windows' certificate imports,
//! appliances, a CRL distribution point). What `openssl x509|req|crl
//! -outform DER` and `openssl pkcs8 -topk8 -nocrypt -outform DER` do, with
//! the care for keys of `key decrypt`.

use std::io::IsTerminal;

use clap::Args;

use certsmith::keys::pkcs11::{is_pkcs11_uri, redact};
use certsmith::x509::pemfile::{self, SoleObject};
use certsmith::{Error, Result};

use crate::cli::io::Input;
use crate::cli::output::OutputArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith export der ca.pem -o ca.der
  certsmith export der app.csr > app.csr.der
  certsmith export der -o app-key.der app-key.pem   # PKCS#8, written 0600
  certsmith key decrypt -i custodian-1.age ca-key.age | certsmith export der -o ca-key.der -";

/// Write the DER form of a PEM certificate, CSR, CRL or key (a key as PKCS#8).
///
/// The file's one object is written as it is, a private key as PKCS#8.
/// DER holds one object: a file of several is refused (a chain stays
/// PEM). A private key goes to -o FILE (0600) or to stdout when it is not
/// a terminal; an age-sealed key or a key in a PKCS#11 token is refused.
#[derive(Args)]
#[command(
    after_help = EXAMPLES,
    mut_arg("output", |a| a.help("Write to FILE (atomically; 0600 for a key, 0644 otherwise) instead of stdout")),
)]
pub struct DerArgs {
    /// A file holding one certificate, CSR, CRL, public key or private key (PEM, or DER),
    /// or - for stdin
    file: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: DerArgs) -> Result<()> {
    if is_pkcs11_uri(&args.file) {
        return Err(Error::Pkcs11KeyNotExportable {
            uri: redact(&args.file),
        });
    }
    args.output.refuse_existing_file()?;
    let input = Input::read(&args.file)?;
    let to_terminal = args.output.file().is_none() && std::io::stdout().is_terminal();
    match pemfile::sole_object(&input.bytes, &input.source)? {
        SoleObject::Public { kind, der } => {
            if to_terminal {
                return Err(Error::BinaryToTerminal { what: kind.words() });
            }
            args.output.write_public(&der)
        }
        SoleObject::PrivateKey(key) => {
            if to_terminal {
                return Err(Error::SecretToTerminal);
            }
            args.output.write(&key.pkcs8_der())
        }
    }
}
