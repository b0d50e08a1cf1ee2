//! `certsmith import`: files other tools wrote, read into certsmith's (and
//! cfssl's) JSON, so that `split-json` writes them as certsmith's own.
//! `import p12` opens a PKCS#12 file: what `openssl pkcs12 -nodes` prints,
//! split into the files cfssljson would write.

use std::io::IsTerminal;
use std::path::Path;

use clap::{Args, Subcommand};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use certsmith::pkcs12::{self, MAX_FILE_BYTES, Opened, Pkcs12Error};
use certsmith::{Error, Result};

use super::io::{self, Input};
use super::secrets::{self, PassphraseArgs, Purpose, SealArgs};

/// How many times a password typed at the terminal may be wrong.
const PROMPT_TRIES: u32 = 3;

const EXAMPLES: &str = "\
Examples:
  certsmith import p12 app.p12 | certsmith split-json app   # app.pem, app-key.pem (0600), …
  certsmith import p12 -R custodians.txt app.p12 | certsmith split-json app   # app-key.age";

/// Read a file another tool wrote into certsmith's (cfssl's) JSON.
#[derive(Subcommand)]
#[command(after_help = EXAMPLES)]
pub enum ImportCommand {
    P12(P12Args),
}

const P12_EXAMPLES: &str = "\
Examples:
  certsmith import p12 app.p12 | certsmith split-json app
  certsmith import p12 --passphrase-file pass.txt app.pfx | certsmith split-json app
  certsmith import p12 -r age1… app.p12 | certsmith split-json app   # key sealed: app-key.age
  certsmith import p12 --no-password app.p12 | certsmith split-json app";

/// Open a PKCS#12 file (.p12, .pfx): cfssl JSON for split-json.
///
/// Prints {"cert","key","bundle","root"}: the certificate of the file's one
/// private key, the key (PKCS#8 PEM, or age-sealed with -r, -R or -p), the
/// certificate with the CA certificates above it, ordered by who signed whom,
/// and the root when the file holds it. `| certsmith split-json NAME` writes
/// NAME.pem, NAME-key.pem (0600) or NAME-key.age, NAME-bundle.pem and
/// NAME-root.pem. The password comes from --passphrase-file, CERTSMITH_PASSPHRASE
/// or a prompt (three tries). With -p, the seal's passphrase is asked for first;
/// from a file or CERTSMITH_PASSPHRASE, one passphrase opens the file and seals
/// the key. Reads files of up to 1 MiB.
#[derive(Args)]
#[command(after_help = P12_EXAMPLES)]
pub struct P12Args {
    /// The PKCS#12 file, or - for stdin
    file: String,
    /// The file's password is empty
    #[arg(long, conflicts_with = "passphrase_file")]
    no_password: bool,
    #[command(flatten)]
    seal: SealArgs,
    #[command(flatten)]
    passphrase: PassphraseArgs,
}

pub fn run(cmd: ImportCommand) -> Result<()> {
    match cmd {
        ImportCommand::P12(args) => import_p12(&args),
    }
}

fn import_p12(args: &P12Args) -> Result<()> {
    let input = read_capped(&args.file)?;
    // A file that is no PKCS#12 file is said so before anything is asked.
    pkcs12::outline(&input.bytes, &input.source)?;
    // The seal (recipients read, or its passphrase asked for) before the
    // file's password, as genkey settles it before a key exists.
    let seal = args
        .seal
        .seal(&args.passphrase, &format!("the key of {}", input.source))?;
    if seal.is_none() && std::io::stdout().is_terminal() {
        return Err(Pkcs12Error::ToTerminal {
            what: "a plaintext private key",
        }
        .into());
    }
    let opened = open(args, &input)?;
    if opened.left_out > 0 {
        let certificates = match opened.left_out {
            1 => "1 certificate that is".to_string(),
            n => format!("{n} certificates that are"),
        };
        say!(
            "note: {}: left out {certificates} not in the chain of the key's certificate",
            input.source
        );
    }
    let contents = &opened.contents;
    let key = secrets::key_text(&contents.key, seal.as_ref())?;
    let root = contents.chain.last().filter(|c| pkcs12::is_self_signed(c));
    let intermediates = &contents.chain[..contents.chain.len() - usize::from(root.is_some())];
    let mut map = Map::new();
    if !contents.chain.is_empty() {
        // As cfssl bundle's `bundle`: the certificate and the CAs above it,
        // without the root.
        let bundle: String = std::iter::once(&contents.leaf)
            .chain(intermediates)
            .map(|c| c.to_pem())
            .collect();
        map.insert("bundle".into(), Value::String(bundle));
    }
    map.insert("cert".into(), Value::String(contents.leaf.to_pem()));
    map.insert("key".into(), Value::String(key.to_string()));
    if let Some(root) = root {
        map.insert("root".into(), Value::String(root.to_pem()));
    }
    let value = Value::Object(map);
    let mut text = Zeroizing::new(serde_json::to_string(&value).expect("strings serialize"));
    text.push('\n');
    // The map's copy of the key goes away with `value`; clear it first.
    if let Value::Object(mut m) = value
        && let Some(Value::String(mut k)) = m.remove("key")
    {
        zeroize::Zeroize::zeroize(&mut k);
    }
    io::write_stdout(text.as_bytes())
}

/// The file, refused unread when it is larger than any PKCS#12 file of a
/// key and its chain (a hostile one makes each bag cost a million rounds).
fn read_capped(arg: &str) -> Result<Input> {
    let too_large = |path: String| -> Error {
        Pkcs12Error::TooLarge {
            path,
            limit: MAX_FILE_BYTES,
        }
        .into()
    };
    if arg != "-"
        && let Ok(meta) = std::fs::metadata(Path::new(arg))
        && meta.is_file()
        && meta.len() > MAX_FILE_BYTES as u64
    {
        return Err(too_large(arg.to_owned()));
    }
    // At most one byte more than the limit is read: `/dev/zero` and
    // endless pipes have no size to check first.
    Input::read_at_most(arg, MAX_FILE_BYTES as u64).map_err(|e| match e {
        Error::InputTooLarge { source, .. } => too_large(source),
        e => e,
    })
}

/// Opens the file with its password: the empty one with --no-password;
/// else asked for, and asked again after a wrong one typed at the terminal.
fn open(args: &P12Args, input: &Input) -> Result<Opened> {
    if args.no_password {
        super::secrets::note_unused_passphrase();
        return pkcs12::read(&input.bytes, &input.source, "");
    }
    let tries = if args.passphrase.prompts() {
        PROMPT_TRIES
    } else {
        1
    };
    for tried in 1.. {
        let password = args
            .passphrase
            .get(&input.source, Purpose::Open)
            .map_err(|e| match e {
                Error::EmptyPassphrase => Pkcs12Error::EmptyPassword.into(),
                e => e,
            })?;
        use age::secrecy::ExposeSecret;
        match pkcs12::read(&input.bytes, &input.source, password.expose_secret()) {
            Err(Error::Pkcs12(e))
                if tried < tries && matches!(*e, Pkcs12Error::WrongPassword { .. }) =>
            {
                let left = match tries - tried {
                    1 => "1 try".to_string(),
                    n => format!("{n} tries"),
                };
                say!("{}: wrong password, try again ({left} left)", input.source);
            }
            result => return result,
        }
    }
    unreachable!("the loop returns by its last try")
}
