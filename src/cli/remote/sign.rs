//! `certsmith remote sign`: a remote signer signs a CSR, or a key and CSR
//! made here from a CSR JSON.

use std::path::PathBuf;

use clap::Args;

use certsmith::Result;
use certsmith::cfssl::envelope::Output;
use certsmith::remote::SignRequest;
use certsmith::x509::san::San;

use super::vault::VaultArgs;
use super::{Connection, SignerChain, auth_key_flag, connect, san_text};
use crate::cli::io::{self, Input};
use crate::cli::secrets::{PassphraseArgs, SealArgs, UnlockArgs};

/// Have a remote signer sign a CSR, or a key and CSR made here from a CSR JSON.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  certsmith remote sign --remote ca:8888 --profile server srv.csr | certsmith split-json srv\n  VAULT_TOKEN=… certsmith remote sign --vault https://bao:8200 --mount pki_int --role web \\\n      --ca root.pem app-csr.json | certsmith split-json app"
)]
pub struct SignArgs {
    #[command(flatten)]
    connection: Connection,
    #[command(flatten)]
    vault: VaultArgs,
    /// With --vault: the role that signs (MOUNT/sign/ROLE)
    #[arg(long, requires = "vault", conflicts_with = "remote", required_unless_present = "remote", value_hint = clap::ValueHint::Other)]
    role: Option<String>,
    /// With --vault: the certificate's lifetime (Vault's syntax: 24h, 30m), instead of the role's
    #[arg(long, requires = "vault", conflicts_with = "remote", value_hint = clap::ValueHint::Other)]
    ttl: Option<String>,
    /// With --vault: sign-verbatim, the CSR's subject and extensions as the role allows
    #[arg(long, requires = "vault", conflicts_with = "remote")]
    verbatim: bool,
    /// Authenticate with the hex key in env:VAR or file:PATH (uses /authsign)
    #[arg(long, value_name = "KEY", conflicts_with = "vault", value_hint = clap::ValueHint::Other)]
    auth_key: Option<String>,
    /// Replace the request's SANs: comma-separated DNS names, IPs, emails, URIs
    #[arg(long, conflicts_with = "vault", value_hint = clap::ValueHint::Other)]
    hostname: Option<String>,
    /// The signer's CA chain: the returned certificate must verify against it
    #[arg(long, value_name = "FILE")]
    ca: Option<PathBuf>,
    /// Make the request from the CSR JSON for this existing private key (plain or
    /// age-sealed) instead of a new one
    #[arg(long, value_name = "FILE", conflicts_with_all = crate::cli::sign::KEY_CONFLICTS)]
    key: Option<PathBuf>,
    #[command(flatten)]
    unlock: UnlockArgs,
    /// A CSR (PEM or DER), JSON output holding one ({"csr": …}), or a CSR JSON file, or - for stdin
    input: String,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(args: SignArgs) -> Result<()> {
    let hosts = args.hostname.as_deref().map(San::parse_list).transpose()?;
    let key = args.auth_key.as_deref().map(auth_key_flag).transpose()?;
    let chain = SignerChain::load(args.ca.as_deref(), args.connection.tls_remote_ca.as_deref())?;
    let input = Input::read(&args.input)?;
    let existing_key = args.key.as_deref().map(|path| (path, &args.unlock));
    // The key is made (or read) here, before any login; only the CSR goes
    // to the server.
    let (csr, private_key) =
        crate::cli::sign::request_from_input(&input, existing_key, &args.seal, &args.passphrase)?;
    let vault = args.vault.login(&args.connection)?;
    let remote = match vault {
        Some(_) => None,
        None => Some(connect(&args.connection)?),
    };
    if let Some(vault) = vault {
        let role = args
            .role
            .as_deref()
            .expect("clap requires --role with --vault");
        let mut notes = Vec::new();
        let signed = vault.sign(
            &certsmith::vault::SignRequest {
                mount: &args.vault.mount,
                role,
                csr: &csr,
                ttl: args.ttl.as_deref(),
                verbatim: args.verbatim,
            },
            &mut notes,
        );
        io::print_notes(&notes);
        args.vault.logout(&vault);
        let signed = signed?;
        if let Some(chain) = &chain {
            chain.check(&signed.cert, &signed.chain, &signed.url)?;
        }
        // The leaf and the CAs above it by name, not whatever else came.
        let mut bundle = signed.cert.to_pem();
        let mut issuer = &signed.cert.issuer_der;
        while let Some(ca) = signed
            .chain
            .iter()
            .find(|c| &c.subject_der == issuer && c.subject_der != c.issuer_der)
        {
            bundle.push_str(&ca.to_pem());
            issuer = &ca.issuer_der;
            if bundle.len() > 64 * 1024 {
                break; // a loop of names
            }
        }
        return io::emit(&Output {
            bundle: Some(bundle),
            cert: Some(signed.cert.to_pem()),
            csr: Some(csr.to_pem()),
            key: private_key,
        });
    }
    let remote = remote.expect("a cfssl signer without --vault");
    let request = SignRequest {
        csr: &csr,
        profile: &args.connection.profile,
        label: &args.connection.label,
        hosts: hosts.map(|h| h.iter().map(san_text).collect()),
    };
    let (cert, notes) = remote.sign(&request, key.as_ref().map(|k| k.as_slice()), io::now())?;
    io::print_notes(&notes);
    if let Some(chain) = &chain {
        chain.check(
            &cert,
            &[],
            args.connection.remote.as_deref().unwrap_or_default(),
        )?;
    }
    io::emit(&Output {
        bundle: None,
        cert: Some(cert.to_pem()),
        csr: Some(csr.to_pem()),
        key: private_key,
    })
}
