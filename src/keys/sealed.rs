//! age-sealed private keys: a CA key at rest is an age file, sealed to the
//! custodians' recipients or to a passphrase, and opened only in memory.
//!
//! The library takes recipients, identities and passphrases as values; where
//! they come from (files, the environment, a terminal prompt) is the caller's
//! business. Plaintext keys live in [`Zeroizing`] buffers only.

use std::io::{Read, Write};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::{Error, Result};

pub use age::Callbacks;

/// Someone an age file can be opened by.
pub type Recipient = Box<dyn age::Recipient + Send>;
/// Something that can open an age file.
pub type Identity = Box<dyn age::Identity>;

const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const BINARY_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The largest scrypt work factor (log2 N) certsmith will spend on a
/// passphrase: 2^22 × 1 KiB = 4 GiB and a few seconds, well above the 18 that
/// age writes, and a bound on what a hostile file can make us do. (age's own
/// default bound depends on how fast this machine hashed a moment ago.)
const MAX_SCRYPT_WORK_FACTOR: u8 = 22;

/// How to seal a new key.
pub enum Seal {
    /// To each of these recipients: any one of them can open it.
    To(Vec<Recipient>),
    /// To a passphrase (scrypt).
    Passphrase(SecretString),
}

/// How to open a sealed key.
pub enum Unlock {
    Identities(Vec<Identity>),
    Passphrase(SecretString),
}

/// True for an age file, armored or binary.
pub fn is_sealed(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    text.trim_start().starts_with(ARMOR_BEGIN) || bytes.starts_with(BINARY_MAGIC)
}

/// An age X25519 recipient (`age1…`) or an SSH public key (`ssh-ed25519 …`, `ssh-rsa …`).
pub fn parse_recipient(text: &str) -> Result<Recipient> {
    let text = text.trim();
    // An identity given where its recipient belongs is a secret: never
    // echoed back in the message.
    if text.to_ascii_uppercase().contains("AGE-SECRET-KEY-") {
        return Err(Error::InvalidRecipient {
            value: "AGE-SECRET-KEY-1…".into(),
            reason: "an age identity, which is secret, not its recipient (age1…)".into(),
        });
    }
    let bad = |reason: &str| Error::InvalidRecipient {
        value: text.to_string(),
        reason: reason.to_string(),
    };
    if text.starts_with("age1") {
        return text
            .parse::<age::x25519::Recipient>()
            .map(|r| Box::new(r) as Recipient)
            .map_err(&bad);
    }
    if text.starts_with("ssh-") {
        return text
            .parse::<age::ssh::Recipient>()
            .map(|r| Box::new(r) as Recipient)
            .map_err(|_| bad("not a supported SSH public key (ssh-ed25519 or ssh-rsa)"));
    }
    Err(bad(
        "expected an age recipient (age1…) or an SSH public key (ssh-ed25519 …, ssh-rsa …)",
    ))
}

/// A recipients file, as age reads it: one recipient a line, `#` comments and
/// blank lines skipped.
pub fn parse_recipients_file(bytes: &[u8], source: &str) -> Result<Vec<Recipient>> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::InvalidRecipient {
        value: source.into(),
        reason: "not UTF-8 text".into(),
    })?;
    let recipients: Vec<Recipient> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            parse_recipient(l).map_err(|e| e.within(&format!("{source}: line {}", i + 1)))
        })
        .collect::<Result<_>>()?;
    if recipients.is_empty() {
        return Err(Error::InvalidRecipient {
            value: source.into(),
            reason: "no recipients in the file".into(),
        });
    }
    Ok(recipients)
}

/// Seals `plaintext` into an ASCII-armored age file.
pub fn seal(plaintext: &[u8], seal: &Seal) -> Result<String> {
    let failed = |reason: String| Error::Seal { reason };
    let encryptor = match seal {
        Seal::To(recipients) => age::Encryptor::with_recipients(
            recipients.iter().map(|r| r.as_ref() as &dyn age::Recipient),
        )
        .map_err(|e| failed(e.to_string()))?,
        Seal::Passphrase(p) => age::Encryptor::with_user_passphrase(p.clone()),
    };
    let mut out = Vec::new();
    let armored = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor)
        .map_err(|e| failed(e.to_string()))?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(|e| failed(e.to_string()))?;
    writer
        .write_all(plaintext)
        .map_err(|e| failed(e.to_string()))?;
    writer
        .finish()
        .and_then(ArmoredWriter::finish)
        .map_err(|e| failed(e.to_string()))?;
    String::from_utf8(out).map_err(|_| failed("armor is not text".into()))
}

/// Whether opening `bytes` needs a passphrase (it was sealed with `-p`) rather than an identity.
pub fn needs_passphrase(bytes: &[u8], source: &str) -> Result<bool> {
    let decryptor =
        age::Decryptor::new(ArmoredReader::new(bytes)).map_err(|e| open_error(e, source))?;
    Ok(decryptor.is_scrypt())
}

/// Opens a sealed file into a zeroizing buffer.
pub fn unseal(bytes: &[u8], source: &str, unlock: &Unlock) -> Result<Zeroizing<Vec<u8>>> {
    let decryptor =
        age::Decryptor::new(ArmoredReader::new(bytes)).map_err(|e| open_error(e, source))?;
    let scrypt;
    let identities: Vec<&dyn age::Identity> = match unlock {
        Unlock::Identities(ids) => ids.iter().map(|i| i.as_ref()).collect(),
        Unlock::Passphrase(p) => {
            let mut id = age::scrypt::Identity::new(p.clone());
            id.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
            scrypt = id;
            vec![&scrypt as &dyn age::Identity]
        }
    };
    let mut reader = decryptor
        .decrypt(identities.into_iter())
        .map_err(|e| match (e, unlock) {
            (
                age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed,
                Unlock::Passphrase(_),
            ) => Error::WrongPassphrase {
                source: source.into(),
            },
            (age::DecryptError::NoMatchingKeys, Unlock::Identities(_)) => Error::WrongIdentity {
                source: source.into(),
            },
            (e, _) => open_error(e, source),
        })?;
    let mut plaintext = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| Error::Unseal {
            source: source.into(),
            reason: e.to_string(),
            cause: Box::new(e),
        })?;
    Ok(plaintext)
}

fn open_error(e: age::DecryptError, source: &str) -> Error {
    Error::Unseal {
        source: source.into(),
        reason: e.to_string().lines().next().unwrap_or_default().to_string(),
        cause: Box::new(e),
    }
}

/// The identities in a file: an age identity file (as age-keygen writes), an
/// SSH private key, or an identity file that is itself sealed with a
/// passphrase (`age -p`), which `callbacks` is asked for.
pub fn load_identities<C: Callbacks>(
    bytes: &[u8],
    source: &str,
    callbacks: C,
) -> Result<Vec<Identity>> {
    let bad = |reason: String| Error::IdentityFile {
        source: source.into(),
        reason,
    };
    if is_sealed(bytes) {
        let id = age::encrypted::Identity::from_buffer(
            ArmoredReader::new(std::io::Cursor::new(bytes.to_vec())),
            Some(source.into()),
            callbacks,
            Some(MAX_SCRYPT_WORK_FACTOR),
        )
        .map_err(|e| bad(e.to_string()))?
        .ok_or_else(|| bad("a sealed identity file must be sealed with a passphrase".into()))?;
        return Ok(vec![Box::new(id)]);
    }
    let text = String::from_utf8_lossy(bytes);
    if text.contains("-----BEGIN OPENSSH PRIVATE KEY-----")
        || text.contains("-----BEGIN RSA PRIVATE KEY-----")
    {
        let id = age::ssh::Identity::from_buffer(bytes, Some(source.into()))
            .map_err(|e| bad(e.to_string()))?;
        if let age::ssh::Identity::Unsupported(k) = &id {
            return Err(bad(format!("unsupported SSH key ({k:?})")));
        }
        return Ok(vec![Box::new(id.with_callbacks(callbacks))]);
    }
    let file = age::IdentityFile::from_buffer(bytes).map_err(|e| bad(e.to_string()))?;
    let ids = file
        .with_callbacks(callbacks)
        .into_identities()
        .map_err(|e| bad(e.to_string()))?;
    if ids.is_empty() {
        return Err(bad("no identities in the file".into()));
    }
    Ok(ids.into_iter().map(|i| i as Identity).collect())
}

/// A new age X25519 identity in age-keygen's file format, and its recipient.
pub fn new_identity(created: &str) -> (Zeroizing<String>, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let file = Zeroizing::new(format!(
        "# created: {created}\n# public key: {recipient}\n{}\n",
        identity.to_string().expose_secret()
    ));
    (file, recipient)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_unseal_with_an_identity() {
        let (file, recipient) = new_identity("now");
        let sealed = seal(
            b"secret key",
            &Seal::To(vec![parse_recipient(&recipient).unwrap()]),
        )
        .unwrap();
        assert!(sealed.starts_with(ARMOR_BEGIN) && is_sealed(sealed.as_bytes()));
        assert!(!needs_passphrase(sealed.as_bytes(), "t").unwrap());
        let ids = load_identities(file.as_bytes(), "id.txt", age::NoCallbacks).unwrap();
        assert_eq!(
            &unseal(sealed.as_bytes(), "t", &Unlock::Identities(ids)).unwrap()[..],
            b"secret key"
        );
        let (other, _) = new_identity("now");
        let wrong = load_identities(other.as_bytes(), "other.txt", age::NoCallbacks).unwrap();
        let err = unseal(sealed.as_bytes(), "ca-key.age", &Unlock::Identities(wrong)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ca-key.age: no identity given can decrypt this key"
        );
    }

    #[test]
    fn refuses_garbage_recipients() {
        assert!(parse_recipient("age1nope").is_err());
        assert!(parse_recipient("hello").is_err());
    }
}
