//! The flags that name an issuing CA, shared by every command that signs.

use std::path::PathBuf;

use clap::Args;

use certsmith::ca::Issuer;
use certsmith::cfssl::config::Profile;
use certsmith::issue::{self, Options, SignedBy};
use certsmith::keys::quorum::{self, QuorumKey};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::csr::CertificateRequest;
use certsmith::{Error, Result, ledger};

use super::io::Input;
use super::secrets::{PassphraseArgs, UnlockArgs};
use super::token::{TokenArgs, names_token_key};

/// Signs under `issuer`, prints the notes, and records the issuance in the
/// ledger when one is named: what sign and cross-sign share.
pub fn issue_and_record(
    csr: &CertificateRequest,
    profile: &Profile,
    issuer: &Issuer,
    options: &Options,
    ledger_path: Option<&std::path::Path>,
) -> Result<Certificate> {
    if let Some(path) = ledger_path {
        ledger::check_appendable(path, Some(&issuer.cert))?;
    }
    let now = super::io::now();
    let issued = issue::issue(csr, profile, SignedBy::Ca(issuer), options, now)?;
    super::io::print_notes(&issued.notes);
    let cert = Certificate::from_der(issued.der, "the new certificate")?;
    if profile.is_ca() {
        print_ca_record(&cert);
    }
    if let Some(path) = ledger_path {
        let appended = ledger::append(
            path,
            &issuer.cert,
            issuer.key.as_ref(),
            ledger::issued(&cert, &profile.name),
            now,
        )?;
        super::io::print_notes(&appended.notes);
    }
    Ok(cert)
}

/// The ceremony record of a new CA certificate, on stderr: its subject,
/// serial, notAfter and SHA-256 fingerprint, for every certificate a CA
/// profile issues (initca, sign, cross-sign, renew). The fingerprint line is
/// openssl's (`openssl x509 -noout -fingerprint -sha256`), said to be of a
/// certificate not yet written: the split-json that follows may refuse it,
/// and prints the fingerprint of what it wrote.
pub fn print_ca_record(cert: &Certificate) {
    say!(
        "CA certificate: {}",
        super::io::for_terminal(&cert.subject_text())
    );
    say!("serial: {}", cert.serial_hex());
    say!("not after: {}", certsmith::time::rfc3339(cert.not_after));
    say!(
        "new certificate, not yet written: certificate SHA-256 Fingerprint={}",
        cert.fingerprint()
    );
}

/// The usage error (exit 2, in clap's format) for a missing `--ca` or
/// `--ca-key` when the profile signs locally. clap cannot require them,
/// since a profile with `remote` signs without them, so this is found once
/// the profile is known; it is still a usage error, not a failed operation
/// (issue 14: it exited 1). `A` is the command's arguments, for the usage
/// line.
pub fn missing_ca<A: Args>(command: &str, profile: &str) -> clap::Error {
    let error = certsmith::Error::MissingCa {
        profile: profile.to_owned(),
    };
    let mut message = super::io::for_terminal(&super::hint::message(&error));
    if let Some(hint) = super::hint::hint(&error) {
        message.push_str("\nhint: ");
        message.push_str(&super::io::for_terminal(&hint));
    }
    A::augment_args(clap::Command::new(format!("certsmith {command}")))
        .error(clap::error::ErrorKind::MissingRequiredArgument, message)
}

#[derive(Args)]
pub struct CaArgs {
    /// The issuing CA's certificate, optionally followed by the CAs above it
    #[arg(long)]
    pub ca: PathBuf,
    /// The issuing CA's private key, plain or age-sealed, or a key in a PKCS#11 token (pkcs11:token=…;object=…)
    #[arg(long = "ca-key")]
    pub ca_key: PathBuf,
    #[command(flatten)]
    pub unlock: UnlockArgs,
    #[command(flatten)]
    pub token: TokenArgs,
}

impl CaArgs {
    /// The CA certificate and its key, opened and checked to belong together.
    pub fn load(&self, pass: &PassphraseArgs) -> Result<Issuer> {
        load_issuer(&self.ca, &self.ca_key, &self.unlock, &self.token, pass)
    }
}

/// The CA certificate (a chain file names the issuer first, then the CAs
/// above it) and its key, opened and checked to belong together.
pub fn load_issuer(
    ca: &std::path::Path,
    ca_key: &std::path::Path,
    unlock: &UnlockArgs,
    token: &TokenArgs,
    pass: &PassphraseArgs,
) -> Result<Issuer> {
    let cert_source = ca.display().to_string();
    let mut certs = Certificate::all_from_bytes(&certsmith::files::read(ca)?, &cert_source)?;
    let cert = certs.remove(0);
    let (key, key_source) = if names_token_key(ca_key) {
        let key = token.open_signer(&ca_key.to_string_lossy())?;
        let source = key.source().to_string();
        (key, source)
    } else {
        let source = ca_key.display().to_string();
        let input = Input::read(&source)?;
        check_quorum_key_is_the_cas(&cert, &cert_source, &input, &source)?;
        (unlock.read_signer(&input, pass)?, source)
    };
    let mut issuer = Issuer::new(cert, &cert_source, key, &key_source)?;
    // The crash tests abort here, with the CA key unsealed in memory.
    certsmith::fault::point("ca-key-loaded");
    issuer.chain = certs;
    Ok(issuer)
}

/// A CA key sealed to a quorum names its public key in its header: a file
/// for another key than `cert`'s is refused here, before any custodian's
/// identity is loaded or passphrase asked (issue 20), with the error an
/// opened key that is not the CA's gets. Any other key is checked once
/// opened (`Issuer::new`). `key_source` names the key as that error does.
pub fn check_quorum_key_is_the_cas(
    cert: &Certificate,
    cert_source: &str,
    key: &Input,
    key_source: &str,
) -> Result<()> {
    if !quorum::is_quorum(&key.bytes) {
        return Ok(());
    }
    let file = QuorumKey::parse(&key.bytes, &key.source)?.file;
    if file.public_key_bits().as_ref() != Some(&cert.public_key_bits) {
        return Err(Error::CaKeyMismatch {
            cert: cert_source.into(),
            key: key_source.into(),
        });
    }
    Ok(())
}
