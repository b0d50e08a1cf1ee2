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

/// The environment variables a token may come from, in this order, as the
/// `vault` and `bao` CLIs read them.
pub const TOKEN_ENV: [&str; 2] = ["VAULT_TOKEN", "BAO_TOKEN"];

/// Where the engine is, and how to log in.
#[derive(Args, Default)]
pub struct VaultArgs {
    /// Vault or OpenBao address(es) (https://host:8200), instead of --remote; a comma list fails over in order
    #[arg(long, value_name = "URL", conflicts_with = "remote", value_hint = clap::ValueHint::Url)]
    pub vault: Option<String>,
    /// The PKI secrets engine's mount path (pki_int)
    #[arg(long, requires = "vault", default_value = "pki", value_hint = clap::ValueHint::Other)]
    pub mount: String,
    /// Read the token from env:VAR or file:PATH (default: $VAULT_TOKEN, then $BAO_TOKEN)
    #[arg(long, value_name = "SOURCE", requires = "vault", value_hint = clap::ValueHint::Other)]
    token: Option<String>,
    /// Log in with AppRole: the role id from env:VAR or file:PATH
    #[arg(long, value_name = "SOURCE", requires_all = ["vault", "approle_secret_id"], conflicts_with = "token")]
    approle_role_id: Option<String>,
    /// The AppRole secret id, from env:VAR or file:PATH
    #[arg(long, value_name = "SOURCE", requires = "approle_role_id")]
    approle_secret_id: Option<String>,
    /// The namespace (X-Vault-Namespace)
    #[arg(long, requires = "vault", value_hint = clap::ValueHint::Other)]
    namespace: Option<String>,
}

impl VaultArgs {
    /// Logged in to the engine at `--vault`, with the connection's TLS
    /// settings; `None` without `--vault`.
    pub fn login(&self, connection: &Connection) -> Result<Option<Vault>> {
        let Some(urls) = &self.vault else {
            return Ok(None);
        };
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

    fn token(&self) -> Result<Zeroizing<String>> {
        if let Some(source) = &self.token {
            return credential(source, "--token");
        }
        for var in TOKEN_ENV {
            if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
                return Ok(Zeroizing::new(value.to_string_lossy().trim().to_owned()));
            }
        }
        Err(VaultError::NoToken.into())
    }
}

/// A credential named by `env:VAR` or `file:PATH`, never typed on the
/// command line (ps, /proc and shell history would show it).
fn credential(source: &str, option: &'static str) -> Result<Zeroizing<String>> {
    let value = if let Some(var) = source.strip_prefix("env:") {
        Zeroizing::new(std::env::var(var).map_err(|_| Error::AuthKeyVariableUnset {
            var: var.to_owned(),
        })?)
    } else if let Some(path) = source.strip_prefix("file:") {
        let bytes = Zeroizing::new(files::read(std::path::Path::new(path))?);
        Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned())
    } else {
        return Err(Error::SecretOnCommandLine { option });
    };
    let trimmed = Zeroizing::new(value.trim().to_owned());
    if trimmed.is_empty() {
        return Err(VaultError::EmptyCredential {
            source: source.to_owned(),
        }
        .into());
    }
    Ok(trimmed)
}
