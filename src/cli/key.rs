//! `certsmith key`: sealing, opening and describing private keys, and making
//! age identities, so that a ceremony needs no tool but certsmith.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use certsmith::hex;
use certsmith::keys::pkcs11::is_pkcs11_uri;
use certsmith::keys::sealed::Seal;
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::x509::pemfile::DerKind;
use certsmith::{Error, Result, keys::sealed, x509::pemfile};

use super::io::{self, Input};
use super::output::OutputArgs;
use super::secrets::{PassphraseArgs, Purpose, SealArgs, StrengthArgs, UnlockArgs};
use super::token::TokenArgs;

mod share;

const EXAMPLES: &str = "\
Examples:
  certsmith key identity -p -o custodian-1.age   # sealed; its recipient (age1…) on stderr
  certsmith key encrypt -r age1… -o ca-key.age ca-key.pem && shred -u ca-key.pem
  certsmith key encrypt --threshold 2 -R custodians.txt -o ca-key.quorum ca-key.pem
  certsmith key share release -i alice.age --to age1… -o alice.share ca-key.quorum
  certsmith key reshare -i alice.age -i bob.age --threshold 3 -R new.txt \\
      -o new.quorum ca-key.quorum
  certsmith key decrypt -i custodian-1.age -o ca-key.pem ca-key.age   # written 0600
  certsmith key fingerprint ca.pem               # public key SHA-256, as for ca-key.age, ca.csr";

/// Seal, open and describe private keys; make age identities.
#[derive(Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum KeyCommand {
    Encrypt(EncryptArgs),
    Decrypt(DecryptArgs),
    /// Print the public key (PEM) of a key, CSR or certificate.
    Public(PublicArgs),
    /// Print the public key SHA-256 (SHA256:AB:CD:…, over the SubjectPublicKeyInfo) of
    /// a key, CSR or certificate: the same for all three, and not the certificate
    /// SHA-256 that `openssl x509 -fingerprint -sha256` and `inspect` print.
    #[command(
        after_help = "The value alone goes to stdout, so that fp=$(certsmith key fingerprint ca.pem) works.\n\nExamples:\n  certsmith key fingerprint ca.pem\n  certsmith key fingerprint -i custodian-1.age ca-key.age   # same line as for ca.pem"
    )]
    Fingerprint(PublicArgs),
    Identity(IdentityArgs),
    /// A custodian's share of a key sealed to a quorum: release it to a ceremony
    /// elsewhere, or check it against the quorum file.
    #[command(subcommand)]
    Share(share::ShareCommand),
    Reshare(share::ReshareArgs),
}

/// Seal a plaintext private key with age: the armored age file goes to -o FILE or stdout.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key encrypt -r age1… -r age1… -o ca-key.age ca-key.pem\n  certsmith key encrypt --threshold 2 -R custodians.txt -o ca-key.quorum ca-key.pem\n  certsmith key encrypt -p -o ca-key.age ca-key.pem"
)]
pub struct EncryptArgs {
    /// The private key (PEM or DER), or - for stdin
    key: String,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Open a sealed private key: the PEM key goes to -o FILE (0600) or stdout (never a terminal).
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key decrypt -i custodian-1.age -o ca-key.pem ca-key.age\n  certsmith key decrypt --passphrase-file pass.txt -o sa-key.pem sa-key.age\n  certsmith key decrypt -i custodian-1.age ca-key.age |\n      certsmith key encrypt -R recipients.txt -o ca-key.new.age -"
)]
pub struct DecryptArgs {
    /// The sealed (or plain) private key, or - for stdin
    key: String,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Print the public key (PEM), or its SHA-256 fingerprint, of a key, CSR or certificate.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key public server-key.pem\n  certsmith key public -i custodian-1.age ca-key.age"
)]
pub struct PublicArgs {
    /// A private key (plain or sealed), a CSR or a certificate, or - for stdin, or a key in a PKCS#11 token (pkcs11:…)
    file: String,
    #[command(flatten)]
    unlock: UnlockArgs,
    #[command(flatten)]
    token: TokenArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

/// Make an age X25519 identity (age-keygen's format, or sealed with a passphrase as
/// `age -p` seals it); its recipient goes to stderr.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith key identity -p -o custodian-1.age   # later: -i custodian-1.age asks for it\n  certsmith key identity -o custodian-1.txt\n  certsmith key identity > id.txt"
)]
pub struct IdentityArgs {
    #[command(flatten)]
    output: OutputArgs,
    /// Seal the identity file with a passphrase (scrypt), as `age -p` would: no plaintext
    /// identity is ever written
    #[arg(short = 'p', long)]
    passphrase: bool,
    #[command(flatten)]
    strength: StrengthArgs,
    #[command(flatten)]
    passphrase_source: PassphraseArgs,
}

fn identity_exists(path: PathBuf) -> Error {
    Error::IdentityExists { path }
}

pub fn run(cmd: KeyCommand) -> Result<()> {
    match cmd {
        KeyCommand::Encrypt(args) => {
            args.output.refuse_existing_file()?;
            let input = Input::read(&args.key)?;
            let key = certsmith::keys::PrivateKey::from_bytes(&input.bytes, &input.source)?;
            let seal = args
                .seal
                .seal(&args.passphrase, &input.source)?
                .ok_or(Error::NoSealGiven)?;
            args.output
                .write(super::secrets::key_text(&key, Some(&seal))?.as_bytes())
        }
        KeyCommand::Decrypt(args) => {
            args.output.refuse_existing_file()?;
            if args.output.file().is_none() && std::io::stdout().is_terminal() {
                return Err(Error::SecretToTerminal);
            }
            let key = args
                .unlock
                .read_key(&Input::read(&args.key)?, &args.passphrase)?;
            args.output.write(key.to_pem().as_bytes())
        }
        KeyCommand::Public(args) => {
            io::write_stdout(pemfile::encode("PUBLIC KEY", &spki_of(&args)?).as_bytes())
        }
        KeyCommand::Fingerprint(args) => {
            // No label on stdout: scripts take the value as it is (see --help).
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &spki_of(&args)?);
            io::write_stdout(format!("SHA256:{}\n", hex::colon(digest.as_ref())).as_bytes())
        }
        KeyCommand::Share(cmd) => share::run(cmd),
        KeyCommand::Reshare(args) => share::reshare(args),
        KeyCommand::Identity(args) => {
            args.output.refuse_existing(identity_exists)?;
            let (mut file, recipient) = sealed::new_identity(&certsmith::time::rfc3339(io::now()));
            if args.passphrase {
                let what = match args.output.file() {
                    Some(path) => path.display().to_string(),
                    None => "the new identity".to_string(),
                };
                let passphrase = args
                    .passphrase_source
                    .get(&what, Purpose::Seal(args.strength))?;
                file = Zeroizing::new(sealed::seal(
                    file.as_bytes(),
                    &Seal::Passphrase(passphrase),
                )?);
            }
            args.output.write(file.as_bytes())?;
            say!("Public key: {recipient}");
            Ok(())
        }
    }
}

/// The DER SubjectPublicKeyInfo of a certificate, a CSR, or a (sealed) key.
fn spki_of(args: &PublicArgs) -> Result<Vec<u8>> {
    if is_pkcs11_uri(&args.file) {
        // Logged in, as for signing: the key is found as the CA key is, so
        // that its fingerprint is the signing key's.
        return Ok(args.token.open_signer(&args.file)?.spki_der().to_vec());
    }
    let input = Input::read(&args.file)?;
    match public_kind(&input.bytes) {
        Some(DerKind::Certificate) => {
            return Ok(Certificate::from_bytes(&input.bytes, &input.source)?.spki_der);
        }
        Some(DerKind::Csr) => {
            return Ok(CertificateRequest::from_bytes(&input.bytes, &input.source)?.spki_der);
        }
        // A CRL or a public key is named as such by the key's reader.
        Some(DerKind::Crl | DerKind::PublicKey) | None => {}
    }
    if certsmith::keys::quorum::is_quorum(&input.bytes) {
        // A quorum file states its key's public half: no custodian is needed.
        let quorum = certsmith::keys::quorum::QuorumKey::parse(&input.bytes, &input.source)?;
        return Ok(quorum.file.spki);
    }
    Ok(args
        .unlock
        .read_key(&input, &args.passphrase)?
        .spki_der()
        .to_vec())
}

/// What a file holds when it is not a key: a PEM file by its text (a
/// certificate or CSR block anywhere in its first 4 KiB, as a combined
/// key-and-certificate file has it), a DER file by what it parses as.
fn public_kind(bytes: &[u8]) -> Option<DerKind> {
    if !pemfile::looks_like_pem(bytes) {
        return pemfile::sniff_der(bytes);
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if text.contains("-----BEGIN CERTIFICATE-----") {
        Some(DerKind::Certificate)
    } else if text.contains("CERTIFICATE REQUEST-----") {
        Some(DerKind::Csr)
    } else {
        None
    }
}
