//! `certsmith key`: sealing, opening and describing private keys, and making
//! age identities, so that a ceremony needs no tool but certsmith.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use certsmith::cert::{Certificate, colon_hex};
use certsmith::csr::CertificateRequest;
use certsmith::files::{self, Replace};
use certsmith::{Error, Result, pemfile, sealed};

use super::io::{self, Input};
use super::secrets::{PassphraseArgs, SealArgs, UnlockArgs};

const EXAMPLES: &str = "\
Examples:
  certsmith key identity -o custodian.txt            # prints the recipient (age1…) on stderr
  certsmith key encrypt -r age1… ca-key.pem > ca-key.age && shred -u ca-key.pem
  certsmith key decrypt -i custodian.txt ca-key.age > ca-key.pem
  certsmith key fingerprint ca.pem                   # same line for the key, its CSR and its certificate";

/// Seal, open and describe private keys; make age identities.
#[derive(Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum KeyCommand {
    Encrypt(EncryptArgs),
    Decrypt(DecryptArgs),
    /// Print the public key (PEM) of a private key (plain or sealed), CSR or certificate
    Public(PublicArgs),
    /// Print the SHA-256 fingerprint of the public key of a key, CSR or certificate
    Fingerprint(PublicArgs),
    Identity(IdentityArgs),
}

/// Seal a plaintext private key with age: the armored age file goes to stdout.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key encrypt -r age1… -r age1… ca-key.pem > ca-key.age\n  certsmith key encrypt -p ca-key.pem > ca-key.age"
)]
pub struct EncryptArgs {
    /// The private key (PEM or DER), or - for stdin
    key: String,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Open a sealed private key: the PEM key goes to stdout (never to a terminal).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key decrypt -i custodian.txt ca-key.age > ca-key.pem\n  certsmith key decrypt --passphrase-file pass.txt sa-key.age > sa-key.pem"
)]
pub struct DecryptArgs {
    /// The sealed (or plain) private key, or - for stdin
    key: String,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Print the public key (PEM), or its SHA-256 fingerprint, of a key, CSR or certificate.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key public server-key.pem\n  certsmith key fingerprint -i custodian.txt ca-key.age"
)]
pub struct PublicArgs {
    /// A private key (plain or sealed), a CSR or a certificate, or - for stdin
    file: String,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Make an age X25519 identity (age-keygen's format); its recipient goes to stderr.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key identity -o custodian-1.txt\n  certsmith key identity > id.txt"
)]
pub struct IdentityArgs {
    /// Write the identity to FILE (mode 0600) instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing FILE
    #[arg(long)]
    force: bool,
}

pub fn run(cmd: KeyCommand) -> Result<()> {
    match cmd {
        KeyCommand::Encrypt(args) => {
            let input = Input::read(&args.key)?;
            let key = certsmith::keys::PrivateKey::from_bytes(&input.bytes, &input.source)?;
            let seal = args
                .seal
                .seal(&args.passphrase, &input.source)?
                .ok_or(Error::NoSealGiven)?;
            io::write_stdout(sealed::seal(key.to_pem().as_bytes(), &seal)?.as_bytes())
        }
        KeyCommand::Decrypt(args) => {
            if std::io::stdout().is_terminal() {
                return Err(Error::SecretToTerminal);
            }
            let key = args
                .unlock
                .read_key(&Input::read(&args.key)?, &args.passphrase)?;
            io::write_stdout(key.to_pem().as_bytes())
        }
        KeyCommand::Public(args) => {
            io::write_stdout(pemfile::encode("PUBLIC KEY", &spki_of(&args)?).as_bytes())
        }
        KeyCommand::Fingerprint(args) => {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &spki_of(&args)?);
            io::write_stdout(format!("SHA256:{}\n", colon_hex(digest.as_ref())).as_bytes())
        }
        KeyCommand::Identity(args) => {
            let (file, recipient) = sealed::new_identity(&certsmith::issue::rfc3339(io::now()));
            match &args.output {
                Some(path) => {
                    if path.exists() && !args.force {
                        return Err(Error::IdentityExists { path: path.clone() });
                    }
                    let replace = if args.force {
                        Replace::Allow
                    } else {
                        Replace::Refuse
                    };
                    files::write_atomic(path, file.as_bytes(), 0o600, replace)?;
                }
                None => io::write_stdout(file.as_bytes())?,
            }
            say!("Public key: {recipient}");
            Ok(())
        }
    }
}

/// The DER SubjectPublicKeyInfo of a certificate, a CSR, or a (sealed) key.
fn spki_of(args: &PublicArgs) -> Result<Vec<u8>> {
    let input = Input::read(&args.file)?;
    let text = String::from_utf8_lossy(&input.bytes[..input.bytes.len().min(4096)]).into_owned();
    if text.contains("-----BEGIN CERTIFICATE-----") {
        return Ok(Certificate::from_bytes(&input.bytes, &input.source)?.spki_der);
    }
    if text.contains("CERTIFICATE REQUEST-----") {
        return Ok(CertificateRequest::from_bytes(&input.bytes, &input.source)?.spki_der);
    }
    Ok(args
        .unlock
        .read_key(&input, &args.passphrase)?
        .spki_der()
        .to_vec())
}
