//! `--vault`: the remote commands against the PKI secrets engine of Vault or
//! OpenBao instead of a cfssl signer (issue 17). The address, mount and
//! role, and the credentials, which never come from the command line: a
//! token from `--token env:VAR|file:PATH`, else `$VAULT_TOKEN`, else
//! `$BAO_TOKEN`; or an AppRole's role and secret ids, each `env:` or `file:`.

use clap::Args;
use zeroize::Zeroizing;

use certsmith::remote::Remote;
use certsmith::vault::{Auth, Vault};
use certsmith::{Error, Result, VaultError, files};

use super::{Connection, tls_for};
use crate::cli::io;

/// The environment variables a token may come from, in this order (the
/// `vault` CLI reads the first, the `bao` CLI both, preferring the second).
pub const TOKEN_ENV: [&str; 2] = ["VAULT_TOKEN", "BAO_TOKEN"];

/// Where the engine is, and how to log in.
#[derive(Args, Default)]
pub struct VaultArgs {
    /// Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order
    #[arg(long, value_name = "URL", conflicts_with = "remote", value_hint = clap::ValueHint::Url)]
    pub vault: Option<String>,
    // Each Vault flag conflicts with --remote too: clap does not check
    // `requires` when a conflicting flag is given.
    /// The PKI secrets engine's mount path (pki_int)
    #[arg(long, requires = "vault", conflicts_with = "remote", default_value = "pki", value_hint = clap::ValueHint::Other)]
    pub mount: String,
    /// Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)
    #[arg(long, value_name = "SOURCE", requires = "vault", conflicts_with = "remote", value_hint = clap::ValueHint::Other)]
    token: Option<String>,
    /// Log in with AppRole: the role id from env:VAR or file:PATH
    #[arg(long, value_name = "SOURCE", requires_all = ["vault", "approle_secret_id"], conflicts_with_all = ["token", "remote"])]
    approle_role_id: Option<String>,
    /// The AppRole secret id, from env:VAR or file:PATH
    #[arg(
        long,
        value_name = "SOURCE",
        requires = "approle_role_id",
        conflicts_with = "remote"
    )]
    approle_secret_id: Option<String>,
    /// The namespace (X-Vault-Namespace)
    #[arg(long, requires = "vault", conflicts_with = "remote", value_hint = clap::ValueHint::Other)]
    namespace: Option<String>,
}

impl VaultArgs {
    /// Logged in to the engine at `--vault`, with the connection's TLS
    /// settings; `None` without `--vault`. For AppRole, the run holds a token
    /// of its own, revoked by [`VaultArgs::logout`].
    pub fn login(&self, connection: &Connection) -> Result<Option<Vault>> {
        let Some(urls) = &self.vault else {
            return Ok(None);
        };
        // A token goes in a header: never in the clear past this host.
        for url in certsmith::remote::parse_urls(urls)? {
            if url.starts_with("http://") && !loopback(&url) {
                return Err(VaultError::PlainHttp { url }.into());
            }
        }
        let auth = match (&self.approle_role_id, &self.approle_secret_id) {
            (Some(role), Some(secret)) => Auth::AppRole {
                role_id: credential(role, "--approle-role-id")?,
                secret_id: credential(secret, "--approle-secret-id")?,
            },
            _ => Auth::Token(self.token()?),
        };
        let remote = Remote::new(urls, &tls_for(connection)?)?;
        let mut notes = Vec::new();
        let vault = Vault::login(remote, auth, self.namespace.clone(), &mut notes);
        io::print_notes(&notes);
        vault.map(Some)
    }

    /// Revokes an AppRole login's token; a token given is left alone.
    pub fn logout(&self, vault: &Vault) {
        if self.approle_role_id.is_some() {
            let mut notes = Vec::new();
            // A token not revoked expires by its TTL: worth a note, no failure.
            if let Err(e) = vault.logout(&mut notes) {
                say!("note: the AppRole login's token was not revoked: {e}");
            }
            io::print_notes(&notes);
        }
    }

    fn token(&self) -> Result<Zeroizing<String>> {
        if let Some(source) = &self.token {
            return credential(source, "--token");
        }
        for var in TOKEN_ENV {
            if std::env::var_os(var).is_some_and(|v| !v.is_empty()) {
                return credential(&format!("env:{var}"), "--token");
            }
        }
        Err(VaultError::NoToken.into())
    }
}

/// A credential named by `env:VAR` or `file:PATH`, never typed on the
/// command line (ps, /proc and shell history would show it).
fn credential(source: &str, option: &'static str) -> Result<Zeroizing<String>> {
    let value = if let Some(var) = source.strip_prefix("env:") {
        // Unset reads as empty: both leave the command without a credential.
        Zeroizing::new(std::env::var(var).unwrap_or_default())
    } else if let Some(path) = source.strip_prefix("file:") {
        let bytes = Zeroizing::new(files::read(std::path::Path::new(path))?);
        Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned())
    } else {
        return Err(Error::SecretOnCommandLine { option });
    };
    // Blanks, line ends and a byte-order mark are no part of a token.
    let trimmed = Zeroizing::new(value.trim_start_matches('\u{feff}').trim().to_owned());
    if trimmed.is_empty() {
        return Err(VaultError::EmptyCredential {
            source: source.to_owned(),
        }
        .into());
    }
    Ok(trimmed)
}

/// Whether `url` is on this host (127.0.0.0/8, ::1, localhost).
fn loopback(url: &str) -> bool {
    let authority = url
        .trim_start_matches("http://")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
