//! `certsmith genkey`: a new key and a CSR for it; only the CSR travels.

use clap::Args;
use zeroize::Zeroizing;

use certsmith::Result;
use certsmith::cfssl::envelope::Output;
use certsmith::keys::{KeyMaker, NewKey};
use certsmith::x509::csr;

use super::io::{self, Input};
use super::secrets::{self, PassphraseArgs, SealArgs};
use super::token::TokenArgs;

const EXAMPLES: &str = "\
Examples:
  certsmith genkey server-csr.json | certsmith split-json server
  certsmith genkey int-csr.json | certsmith split-json int   # a `ca` section asks for CA:TRUE";

/// Make a private key and a CSR for it: {"csr","key"} ({"csr"} with --pkcs11-key).
///
/// The key is made here and never leaves this host; send only the CSR to the
/// CA. A CSR JSON with a `ca` section yields a CSR that asks for CA:TRUE.
#[derive(Args)]
#[command(after_help = EXAMPLES)]
pub struct GenkeyArgs {
    /// CSR JSON file, or - for stdin
    csr_json: String,
    /// Make the key in a PKCS#11 token, labelled by the URI's object= (pkcs11:token=…;object=…); only the CSR is printed
    #[arg(long, value_name = "URI", conflicts_with_all = ["recipients", "recipients_files", "passphrase"])]
    pkcs11_key: Option<String>,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    token: TokenArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: GenkeyArgs) -> Result<()> {
    let req = Input::csr_json(&args.csr_json)?;
    // The seal's passphrase or recipients are asked for before a key is made.
    let (made, seal) = match &args.pkcs11_key {
        Some(uri) => {
            // A token key outlives a failed run: the request is checked first.
            csr::check_request(&req)?;
            (args.token.generate(uri, req.key)?, None)
        }
        None => {
            let seal = args.seal.seal(&args.passphrase, "the new private key")?;
            (KeyMaker::InMemory.generate(req.key)?, seal)
        }
    };
    // A key made in a token is destroyed again unless its CSR is printed.
    let made_key = match &made {
        NewKey::InToken(key) => key.undo_on_drop(),
        NewKey::InMemory(_) => None,
    };
    let result = (|| {
        let csr_der = csr::build_for_request(&req, made.signer())?;
        let key = match &made {
            NewKey::InMemory(key) => Some(secrets::key_text(key, seal.as_ref())?),
            NewKey::InToken(_) => None,
        };
        emit(csr_der, key)
    })();
    if let Some(made_key) = &made_key {
        match &result {
            Ok(()) => made_key.keep(),
            Err(_) => {
                drop(made);
                super::token::print_fate(made_key);
            }
        }
    }
    result
}

/// Prints {"csr","key"}, or {"csr"} for a key that stays in a token.
fn emit(csr_der: Vec<u8>, key: Option<Zeroizing<String>>) -> Result<()> {
    io::emit(&Output {
        bundle: None,
        cert: None,
        csr: Some(certsmith::x509::pemfile::encode(
            "CERTIFICATE REQUEST",
            &csr_der,
        )),
        key,
    })
}
