//! `certsmith remote`: cfssl's signing API, as a client of `cfssl serve`
//! and `multirootca`. Private keys never leave this host: only CSRs travel.
//!
//! One file per subcommand; this one holds what they share: the connection
//! flags, TLS trust, auth keys, and the check of a returned certificate.

pub mod info;
pub mod revoke;
pub mod sign;
pub mod token;
pub mod vault;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use certsmith::cfssl::config::{Config, Profile};
use certsmith::keys::PrivateKey;
use certsmith::remote::{self, ClientIdentity, Remote, Tls};
use certsmith::x509::certificate::Certificate;
use certsmith::x509::san::San;
use certsmith::{Error, Result, files};

use super::io;

const EXAMPLES: &str = "\
Examples:
  certsmith remote sign --remote https://ca:8888 --tls-remote-ca ca.pem --profile server \\
      --auth-key env:CFSSL_AUTH_KEY server-csr.json | certsmith split-json server
  certsmith remote info --remote https://ca:8888 --tls-remote-ca ca.pem
  certsmith remote token --auth-key env:CFSSL_AUTH_KEY request.json
  certsmith remote sign --vault https://bao:8200 --mount pki_int --role web \\
      --tls-remote-ca root.pem app-csr.json | certsmith split-json app   # token: $VAULT_TOKEN
  certsmith remote revoke --vault https://bao:8200 --mount pki_int --serial 3a:5f:…";

/// Talk to a cfssl signer (cfssl serve, multirootca), or to Vault's or OpenBao's PKI engine (--vault).
#[derive(Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum RemoteCommand {
    Sign(Box<sign::SignArgs>),
    Info(info::InfoArgs),
    Revoke(revoke::RevokeArgs),
    Token(token::TokenArgs),
}

/// Where the signer is and how to reach it.
#[derive(Args)]
pub struct Connection {
    /// Signer address(es): https://host:port, http://host:port or host:port; a comma list fails over in order
    #[arg(long, required_unless_present = "vault", value_hint = clap::ValueHint::Other)]
    remote: Option<String>,
    /// The CA the signer's TLS certificate must chain to (default: the WebPKI roots)
    #[arg(long, value_name = "FILE")]
    tls_remote_ca: Option<PathBuf>,
    /// A client certificate for mutual TLS
    #[arg(long, value_name = "FILE", requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// The client certificate's private key
    #[arg(long, value_name = "FILE", requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// The CA label (multirootca); empty for the server's default
    #[arg(long, default_value = "", value_hint = clap::ValueHint::Other)]
    label: String,
    /// The signing profile on the server
    #[arg(long, default_value = "", value_hint = clap::ValueHint::Other)]
    profile: String,
}

pub fn run(cmd: RemoteCommand) -> Result<()> {
    match cmd {
        RemoteCommand::Sign(args) => sign::run(*args),
        RemoteCommand::Info(args) => info::run(args),
        RemoteCommand::Revoke(args) => revoke::run(args),
        RemoteCommand::Token(args) => token::run(args),
    }
}

/// A SAN as cfssl's `hosts` spells it.
pub(super) fn san_text(san: &San) -> String {
    match san {
        San::Dns(s) | San::Email(s) | San::Uri(s) => s.clone(),
        San::Ip(ip) => ip.to_string(),
    }
}

/// TLS settings that trust `ca` (a PEM file of CA certificates), or the WebPKI roots.
fn tls_trusting(ca: Option<&std::path::Path>) -> Result<Tls> {
    let mut tls = Tls::default();
    if let Some(path) = ca {
        let certs = Certificate::all_from_bytes(&files::read(path)?, &path.display().to_string())?;
        tls.roots = Some(certs.into_iter().map(|c| c.der).collect());
    }
    Ok(tls)
}

/// The signer's chain a returned certificate must verify against, read
/// before anything goes over the network so that a bad file fails first.
pub(super) struct SignerChain {
    source: String,
    certs: Vec<Certificate>,
    /// From `--ca` (must verify) rather than `--tls-remote-ca` (checked only
    /// when it holds the issuer: the TLS CA and the signing CA may differ).
    required: bool,
}

impl SignerChain {
    pub(super) fn load(
        ca: Option<&std::path::Path>,
        tls_remote_ca: Option<&std::path::Path>,
    ) -> Result<Option<SignerChain>> {
        let Some(path) = ca.or(tls_remote_ca) else {
            return Ok(None);
        };
        let source = path.display().to_string();
        let certs = Certificate::all_from_bytes(&files::read(path)?, &source)?;
        Ok(Some(SignerChain {
            source,
            certs,
            required: ca.is_some(),
        }))
    }

    /// Checks that `cert`, from the signer at `remote`, verifies against the
    /// chain, through the CA certificates the signer sent with it (`sent`:
    /// Vault's `ca_chain`) where the chain file lacks them. Only the file's
    /// self-signed certificates are trusted.
    pub(super) fn check(
        &self,
        cert: &Certificate,
        sent: &[Certificate],
        remote: &str,
    ) -> Result<()> {
        // Without --ca, the TLS CA file is a check only when it holds the
        // issuer itself: the server's TLS CA and its signing CA may differ.
        let known = |c: &Certificate| c.subject_der == cert.issuer_der;
        if !self.required && !self.certs.iter().any(known) {
            return Ok(());
        }
        // With --ca, every certificate in it is an anchor: the offline root,
        // or the issuing intermediate alone (the operator trusts what they
        // name). Without, the TLS CA file's self-signed ones only.
        let (roots, mut intermediates): (Vec<Certificate>, Vec<Certificate>) = self
            .certs
            .iter()
            .cloned()
            .partition(|c| self.required || c.subject_der == c.issuer_der);
        intermediates.extend(
            sent.iter()
                .filter(|c| c.subject_der != c.issuer_der)
                .cloned(),
        );
        certsmith::chain::build(
            cert,
            "the returned certificate",
            &intermediates,
            &roots,
            io::now(),
        )
        .map_err(|e| Error::RemoteResponse {
            url: remote.to_string(),
            reason: format!(
                "the returned certificate does not verify against {}: {e}",
                self.source
            ),
        })?;
        Ok(())
    }
}

fn connect(c: &Connection) -> Result<Remote> {
    let urls = c
        .remote
        .as_deref()
        .expect("clap requires --remote without --vault");
    Remote::new(urls, &tls_for(c)?)
}

/// The TLS trust and client certificate a connection names.
fn tls_for(c: &Connection) -> Result<Tls> {
    let mut tls = tls_trusting(c.tls_remote_ca.as_deref())?;
    if let (Some(cert), Some(key)) = (&c.client_cert, &c.client_key) {
        let chain = Certificate::all_from_bytes(&files::read(cert)?, &cert.display().to_string())?;
        let key_bytes = Zeroizing::new(files::read(key)?);
        let key = PrivateKey::from_bytes(&key_bytes, &key.display().to_string())?;
        let pkcs8 = key.pkcs8_der();
        tls.client = Some(ClientIdentity {
            chain: chain.into_iter().map(|c| c.der).collect(),
            key: pkcs8,
        });
    }
    Ok(tls)
}

/// `--auth-key`: a key named by `env:VAR` or `file:PATH`, never the hex
/// itself, which would show in `ps`, /proc and shell history.
fn auth_key_flag(spec: &str) -> Result<Zeroizing<Vec<u8>>> {
    if spec.starts_with("env:") || spec.starts_with("file:") {
        return auth_key(spec);
    }
    Err(Error::SecretOnCommandLine {
        option: "--auth-key",
    })
}

/// cfssl's auth key forms in a config's auth_keys: hex, `env:VAR`,
/// `file:PATH` (the file holds hex).
pub(super) fn auth_key(spec: &str) -> Result<Zeroizing<Vec<u8>>> {
    if let Some(var) = spec.strip_prefix("env:") {
        let value =
            Zeroizing::new(std::env::var(var).map_err(|_| Error::AuthKeyVariableUnset {
                var: var.to_owned(),
            })?);
        return remote::parse_auth_key(&value);
    }
    if let Some(path) = spec.strip_prefix("file:") {
        let bytes = Zeroizing::new(files::read(std::path::Path::new(path))?);
        return remote::parse_auth_key(&String::from_utf8_lossy(&bytes))
            .map_err(|e| e.within(path));
    }
    remote::parse_auth_key(spec)
}

/// A remote signer as a config profile names it.
pub(super) struct ProfileSigner {
    pub remote: Remote,
    pub auth_key: Option<Zeroizing<Vec<u8>>>,
    /// The addresses, for messages.
    pub urls: String,
}

/// The signer and auth key a cfssl client config's profile names: `remote`
/// (a name in `remotes`, or an address) with an optional `auth_key`, or
/// `auth_remote {remote, auth_key}`.
pub(super) fn for_profile(
    config: &Config,
    profile: &Profile,
    tls_remote_ca: Option<&std::path::Path>,
) -> Result<ProfileSigner> {
    let (remote, key_name) = match (&profile.auth_remote, &profile.remote) {
        (Some(ar), _) => (
            ar.remote.clone(),
            Some(ar.auth_key.clone()).filter(|k| !k.is_empty()),
        ),
        (None, Some(r)) => (r.clone(), profile.auth_key.clone()),
        (None, None) => {
            return Err(Error::RemoteProfile {
                profile: profile.name.clone(),
            });
        }
    };
    let urls = config.remotes.get(&remote).cloned().unwrap_or(remote);
    let key = match key_name {
        None => None,
        Some(name) => {
            let entry = config
                .auth_keys
                .get(&name)
                .ok_or_else(|| Error::InvalidAuthKey {
                    reason: format!(
                        "profile `{}` names auth key \"{name}\", which auth_keys does not define",
                        profile.name
                    ),
                })?;
            Some(auth_key(&entry.key)?)
        }
    };
    let remote = Remote::new(&urls, &tls_trusting(tls_remote_ca)?)?;
    Ok(ProfileSigner {
        remote,
        auth_key: key,
        urls,
    })
}
