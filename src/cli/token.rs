//! A CA key in a PKCS#11 token, named on the command line by its RFC 7512
//! URI (`--ca-key 'pkcs11:token=root-ca;object=root-key'`, issue 16): which
//! module reaches the token, and where its PIN comes from. The PIN is never
//! an argument (it would show in `ps`): it comes from `pin-source=` in the
//! URI, `--pin-file`, `CERTSMITH_PKCS11_PIN`, or a prompt on the terminal,
//! in that order.

use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use certsmith::keys::pkcs11::{
    Fate, KeyInToken, MadeKey, Pin, Pkcs11Uri, TokenSigner, is_pkcs11_uri, token_label,
};
use certsmith::keys::signer::{self, KeySource, Signer};
use certsmith::keys::{KeyAlgorithm, KeyMaker, NewKey};
use certsmith::{Pkcs11Error, Result};

/// The environment variable a token's module may come from.
pub const MODULE_ENV: &str = "CERTSMITH_PKCS11_MODULE";
/// The environment variable a token's PIN may come from.
pub const PIN_ENV: &str = "CERTSMITH_PKCS11_PIN";

/// Flags that reach a key in a PKCS#11 token.
#[derive(Args, Default, Clone)]
pub struct TokenArgs {
    /// The PKCS#11 module (shared library) for a key named pkcs11:…, instead of module-path= or $CERTSMITH_PKCS11_MODULE
    #[arg(long, value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pkcs11_module: Option<PathBuf>,
    /// Read a token's PIN from FILE (- for stdin) when the URI has no pin-source=, instead of $CERTSMITH_PKCS11_PIN or a prompt
    #[arg(long, value_name = "FILE")]
    pin_file: Option<String>,
}

/// Whether a key argument names a key in a token rather than a file.
pub fn names_token_key(key: &Path) -> bool {
    key.to_str().is_some_and(is_pkcs11_uri)
}

impl TokenArgs {
    /// Opens the token key `uri` names, as the signer a CA holds.
    pub fn open_signer(&self, uri: &str) -> Result<Box<dyn Signer>> {
        let uri = Pkcs11Uri::parse(uri)?;
        let module = self.module(&uri)?;
        let pin = self.pin(&uri, &module)?;
        signer::open_ca_key(KeySource::Pkcs11 {
            uri: &uri,
            module: &module,
            pin: &pin,
        })
    }

    /// Opens the token key `uri` names, where the caller needs to know
    /// which token and key it is (for the ceremony record).
    pub fn open_token_key(&self, uri: &str) -> Result<TokenSigner> {
        let uri = Pkcs11Uri::parse(uri)?;
        let module = self.module(&uri)?;
        let pin = self.pin(&uri, &module)?;
        TokenSigner::open(&module, &uri, &pin)
    }

    /// Makes a key pair of `algorithm` in the token `uri` names, labelled by
    /// its `object=`: sensitive, never extractable. Its ceremony record
    /// (which token, which key) is printed.
    pub fn generate(&self, uri: &str, algorithm: KeyAlgorithm) -> Result<NewKey> {
        let uri = Pkcs11Uri::parse(uri)?;
        let module = self.module(&uri)?;
        let pin = self.pin(&uri, &module)?;
        let made = KeyMaker::Pkcs11 {
            uri: &uri,
            module: &module,
            pin: &pin,
        }
        .generate(algorithm)?;
        if let NewKey::InToken(key) = &made {
            print_record(key.record(), true);
        }
        Ok(made)
    }

    /// The module: the flag, else `module-path=`, else the environment. A
    /// flag and a `module-path=` that differ are refused: which one the
    /// operator meant cannot be known.
    fn module(&self, uri: &Pkcs11Uri) -> Result<PathBuf> {
        let module = self.named_module(uri)?;
        // A bare name would be looked for along the loader's search path
        // (LD_LIBRARY_PATH): the URI parser refuses one in module-path= too.
        if !module.is_absolute() {
            return Err(Pkcs11Error::RelativeModule { module }.into());
        }
        Ok(module)
    }

    fn named_module(&self, uri: &Pkcs11Uri) -> Result<PathBuf> {
        match (&self.pkcs11_module, &uri.module_path) {
            (Some(given), Some(in_uri)) if given != in_uri => Err(Pkcs11Error::ModuleConflict {
                given: given.clone(),
                in_uri: in_uri.clone(),
            }
            .into()),
            (Some(module), _) | (None, Some(module)) => Ok(module.clone()),
            (None, None) => std::env::var_os(MODULE_ENV)
                .filter(|m| !m.is_empty())
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Pkcs11Error::NoModule {
                        uri: uri.to_string(),
                    }
                    .into()
                }),
        }
    }

    /// The user PIN, from the first source that has one. A `pin-source=`
    /// and a `--pin-file` together are refused, as two modules are: the
    /// operator named two files, and which holds the PIN cannot be known.
    fn pin(&self, uri: &Pkcs11Uri, module: &Path) -> Result<Pin> {
        // The module loads and the token is there before a PIN is asked for.
        let token = token_label(module, uri)?;
        if let (Some(in_uri), Some(given)) = (&uri.pin_source, &self.pin_file) {
            return Err(Pkcs11Error::PinSourceConflict {
                given: given.into(),
                in_uri: in_uri.clone(),
            }
            .into());
        }
        let pin = if let Some(file) = &uri.pin_source {
            // A file's path: the URI parser refuses `-`, which here would be stdin.
            super::secrets::read_secret_file(&file.to_string_lossy())?
        } else if let Some(file) = &self.pin_file {
            super::secrets::read_secret_file(file)?
        } else if let Some(pin) = std::env::var_os(PIN_ENV) {
            // One line end removed, as from a file: `$(cat pin)` keeps none,
            // a variable filled from a secret file often keeps one.
            let mut pin = Zeroizing::new(pin.to_string_lossy().into_owned());
            for end in ["\r\n", "\n"] {
                if pin.ends_with(end) {
                    let keep = pin.len() - end.len();
                    pin.truncate(keep);
                    break;
                }
            }
            pin
        } else {
            rpassword::prompt_password(format!("PIN for token {token}: "))
                .map(Zeroizing::new)
                .map_err(|_| Pkcs11Error::NoPin {
                    token: token.clone(),
                })?
        };
        if pin.is_empty() {
            return Err(Pkcs11Error::EmptyPin { token }.into());
        }
        Ok(Pin::from(pin.to_string()))
    }
}

/// The ceremony record of a token key: which token, which key. `made` says
/// whether this run made the key (sensitive, never extractable).
pub fn print_record(key: &KeyInToken, made: bool) {
    let token = super::io::for_terminal(&key.token);
    let serial = super::io::for_terminal(&key.serial);
    if made {
        say!("key made in token \"{token}\" (serial {serial}): sensitive, never extractable");
    } else {
        say!("key in token \"{token}\" (serial {serial})");
    }
    let uri = Pkcs11Uri {
        token: Some(key.token.clone()),
        serial: Some(key.serial.clone()),
        object: key.label.clone(),
        id: (!key.id.is_empty()).then(|| key.id.clone()),
        ..Pkcs11Uri::default()
    };
    say!("key URI: {}", super::io::for_terminal(&uri.to_string()));
    say!(
        "key object: label {}, id {}",
        match &key.label {
            Some(label) => format!("\"{}\"", super::io::for_terminal(label)),
            None => "none (or not UTF-8)".into(),
        },
        if key.id.is_empty() {
            "none".into()
        } else {
            certsmith::hex::lower(&key.id)
        }
    );
}

/// After a failed run that made a key in a token: whether the key is gone
/// again (the signer destroys a key the run did not keep), so that the
/// operator knows whether the label is free.
pub fn print_fate(made: &MadeKey) {
    match made.fate() {
        Fate::Destroyed => say!("note: the key this run made in the token is destroyed again"),
        Fate::NotDestroyed => say!(
            "note: the key this run made could not be destroyed and stays in the token: certsmith initca --key URI (or csr --key URI) uses it"
        ),
        Fate::Pending | Fate::Kept => {}
    }
}
