//! The Signer seam: the one way a CA key signs, wherever the key lives.
//!
//! Certificates ([`crate::issue`]), CRLs ([`crate::x509::crl`]), ledger
//! lines ([`crate::ledger`]) and CSRs ([`crate::x509::csr`]) take a
//! [`Signer`]: a public key, a signature algorithm and `sign(bytes)`. Today
//! a signer is a key file held in memory ([`PrivateKey`]), an age-sealed
//! one opened in memory ([`Unsealed`]), or a key in a PKCS#11 token
//! ([`TokenSigner`], issue 16); a quorum-sealed key (issue 20) becomes one
//! more [`KeySource`] and [`KeyMaker`], and nothing that issues changes.

use std::fmt;
use std::path::Path;

use spki::AlgorithmIdentifierOwned;

use super::pkcs11::{Pin, Pkcs11Uri, TokenSigner};
use super::sealed::{self, Unlock};
use super::{KeyAlgorithm, PrivateKey};
use crate::x509::certificate::Certificate;
use crate::{Error, Result};

/// A key that signs: what every signing path needs of it. `Debug` never
/// shows a secret. `Send + Sync` so that a CA can be shared by threads
/// (batch issuance); a token session behind it holds its own lock.
pub trait Signer: fmt::Debug + Send + Sync {
    /// Where the key is (a file name, a token URI), for messages about it.
    fn source(&self) -> &str;

    /// The key's type and size.
    fn algorithm(&self) -> KeyAlgorithm;

    /// The DER SubjectPublicKeyInfo of the key.
    fn spki_der(&self) -> &[u8];

    /// The raw subjectPublicKey bits: what two encodings of one key share,
    /// and what a certificate's key is compared by.
    fn public_key_bits(&self) -> &[u8];

    /// The AlgorithmIdentifier of the signatures [`Signer::sign`] makes.
    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned;

    /// Signs `tbs` (the DER of what is signed) with the hash that
    /// [`Signer::signature_algorithm`] names.
    fn sign(&self, tbs: &[u8]) -> Result<Vec<u8>>;

    /// Whether each signature is checked with the issuer's public key before
    /// it is used. Yes for a key outside this process (a token, a remote
    /// signer): certsmith did not compute its answer. No for a key in memory
    /// (a file, an age-sealed key, a quorum-sealed key once combined): it was checked against the CA certificate when it was opened
    /// ([`check_ca_key`]), and aws-lc checks its own RSA-CRT results against
    /// fault attacks; a second ECDSA verification would add a third to the
    /// cost of a `sign` (measured: 0.7M instructions of 3.1M).
    fn checks_each_signature(&self) -> bool {
        true
    }
}

impl Signer for PrivateKey {
    fn source(&self) -> &str {
        PrivateKey::source(self)
    }

    fn algorithm(&self) -> KeyAlgorithm {
        PrivateKey::algorithm(self)
    }

    fn spki_der(&self) -> &[u8] {
        PrivateKey::spki_der(self)
    }

    fn public_key_bits(&self) -> &[u8] {
        PrivateKey::public_key_bits(self)
    }

    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        PrivateKey::signature_algorithm(self)
    }

    fn sign(&self, tbs: &[u8]) -> Result<Vec<u8>> {
        PrivateKey::sign(self, tbs)
    }

    fn checks_each_signature(&self) -> bool {
        false
    }
}

/// A boxed signer signs as the one inside (so that `&issuer.key` is a signer).
impl<S: Signer + ?Sized> Signer for Box<S> {
    fn source(&self) -> &str {
        (**self).source()
    }

    fn algorithm(&self) -> KeyAlgorithm {
        (**self).algorithm()
    }

    fn spki_der(&self) -> &[u8] {
        (**self).spki_der()
    }

    fn public_key_bits(&self) -> &[u8] {
        (**self).public_key_bits()
    }

    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        (**self).signature_algorithm()
    }

    fn sign(&self, tbs: &[u8]) -> Result<Vec<u8>> {
        (**self).sign(tbs)
    }

    fn checks_each_signature(&self) -> bool {
        (**self).checks_each_signature()
    }
}

impl From<PrivateKey> for Box<dyn Signer> {
    fn from(key: PrivateKey) -> Self {
        Box::new(key)
    }
}

/// An age-sealed key file, not yet opened.
#[derive(Debug, Clone, Copy)]
pub struct SealedKey<'a> {
    bytes: &'a [u8],
    source: &'a str,
}

impl<'a> SealedKey<'a> {
    /// `Some` when `bytes` is an age file (armored or binary).
    pub fn new(bytes: &'a [u8], source: &'a str) -> Option<SealedKey<'a>> {
        sealed::is_sealed(bytes).then_some(SealedKey { bytes, source })
    }

    /// Whether opening it needs a passphrase (it was sealed with `-p`)
    /// rather than an identity.
    pub fn needs_passphrase(&self) -> Result<bool> {
        sealed::needs_passphrase(self.bytes, self.source)
    }

    /// Opens the seal and reads the key inside (PEM or DER, as
    /// [`PrivateKey::from_bytes`] reads it). The plaintext is only ever in
    /// zeroizing memory, cleared as soon as the key is read.
    pub fn open(&self, unlock: &Unlock) -> Result<Unsealed> {
        let plaintext = sealed::unseal(self.bytes, self.source, unlock)?;
        Ok(Unsealed {
            key: PrivateKey::from_bytes(&plaintext, self.source)?,
        })
    }
}

/// A sealed key, opened in memory: it signs as the key inside, whose secret
/// stays in zeroizing memory; `Debug` says it was sealed and shows no secret.
pub struct Unsealed {
    key: PrivateKey,
}

impl fmt::Debug for Unsealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Unsealed").field(&self.key).finish()
    }
}

impl From<PrivateKey> for Unsealed {
    /// A key opened by other means: combined from a quorum's shares (issue 20).
    fn from(key: PrivateKey) -> Unsealed {
        Unsealed { key }
    }
}

impl Unsealed {
    /// The key itself, for a command that writes it out (`key decrypt`).
    pub fn into_key(self) -> PrivateKey {
        self.key
    }
}

impl Signer for Unsealed {
    fn source(&self) -> &str {
        self.key.source()
    }

    fn algorithm(&self) -> KeyAlgorithm {
        self.key.algorithm()
    }

    fn spki_der(&self) -> &[u8] {
        self.key.spki_der()
    }

    fn public_key_bits(&self) -> &[u8] {
        self.key.public_key_bits()
    }

    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        self.key.signature_algorithm()
    }

    fn sign(&self, tbs: &[u8]) -> Result<Vec<u8>> {
        self.key.sign(tbs)
    }

    fn checks_each_signature(&self) -> bool {
        false
    }
}

/// Where a CA key is, and what opens it.
#[derive(Clone, Copy)]
pub enum KeySource<'a> {
    /// A key file's bytes: a plain key, or an age-sealed one that `unlock`
    /// opens (without it, a sealed key is refused as locked).
    File {
        bytes: &'a [u8],
        source: &'a str,
        unlock: Option<&'a Unlock>,
    },
    /// A private key in a PKCS#11 token, named by `uri`, reached through
    /// `module` (the caller settles between `module-path=` and its own
    /// setting) and logged in to with `pin`.
    Pkcs11 {
        uri: &'a Pkcs11Uri,
        module: &'a Path,
        pin: &'a Pin,
    },
}

/// The one way from a CA key source to the signer that everything signing
/// with that CA takes.
pub fn open_ca_key(key: KeySource<'_>) -> Result<Box<dyn Signer>> {
    match key {
        KeySource::File {
            bytes,
            source,
            unlock,
        } => Ok(match open_file(bytes, source, unlock)? {
            Opened::Plain(key) => Box::new(key),
            Opened::Unsealed(key) => Box::new(key),
        }),
        KeySource::Pkcs11 { uri, module, pin } => {
            Ok(Box::new(TokenSigner::open(module, uri, pin)?))
        }
    }
}

/// A key file's key, in memory, as [`open_ca_key`] opens it: for keys that
/// are written out again (`key decrypt`) or that sign for themselves.
pub fn open_key_file(bytes: &[u8], source: &str, unlock: Option<&Unlock>) -> Result<PrivateKey> {
    Ok(match open_file(bytes, source, unlock)? {
        Opened::Plain(key) => key,
        Opened::Unsealed(key) => key.into_key(),
    })
}

/// A key file, opened.
enum Opened {
    Plain(PrivateKey),
    Unsealed(Unsealed),
}

fn open_file(bytes: &[u8], source: &str, unlock: Option<&Unlock>) -> Result<Opened> {
    match (SealedKey::new(bytes, source), unlock) {
        (None, _) => Ok(Opened::Plain(PrivateKey::from_bytes(bytes, source)?)),
        (Some(sealed), Some(unlock)) => Ok(Opened::Unsealed(sealed.open(unlock)?)),
        (Some(_), None) => Err(Error::SealedKeyLocked {
            source: source.into(),
        }),
    }
}

/// Checks, before the first signature, that `key` is the key of the CA
/// certificate `cert` and one certsmith signs with (an RSA key's exponent is
/// 65537, issue 13): refused here, before a ledger or an output is touched.
pub fn check_ca_key(
    cert: &Certificate,
    cert_source: &str,
    key: &dyn Signer,
    key_source: &str,
) -> Result<()> {
    if cert.public_key_bits != key.public_key_bits() {
        return Err(Error::CaKeyMismatch {
            cert: cert_source.into(),
            key: key_source.into(),
        });
    }
    super::check_rsa_exponent(key.spki_der(), key.source())
}

/// Where a new key is made: in memory, and written out (plain or sealed)
/// by the caller; or in a PKCS#11 token, where it is made and stays
/// (sensitive, never extractable).
#[derive(Debug, Clone, Copy, Default)]
pub enum KeyMaker<'a> {
    #[default]
    InMemory,
    /// In the token `uri` names, labelled by its `object=`.
    Pkcs11 {
        uri: &'a Pkcs11Uri,
        module: &'a Path,
        pin: &'a Pin,
    },
}

impl KeyMaker<'_> {
    /// Makes a new key of `algorithm`.
    pub fn generate(self, algorithm: KeyAlgorithm) -> Result<NewKey> {
        match self {
            KeyMaker::InMemory => Ok(NewKey::InMemory(PrivateKey::generate(algorithm)?)),
            KeyMaker::Pkcs11 { uri, module, pin } => Ok(NewKey::InToken(TokenSigner::generate(
                module, uri, pin, algorithm,
            )?)),
        }
    }
}

/// A key [`KeyMaker`] made: it signs, and what else can be done with it
/// depends on where it lives.
#[derive(Debug)]
pub enum NewKey {
    /// In memory: the caller writes it out, plain or sealed.
    InMemory(PrivateKey),
    /// In a token: nothing to write; the ceremony record says where it is.
    InToken(TokenSigner),
}

impl NewKey {
    /// The new key as a signer (of its own CSR, of a self-signed root).
    pub fn signer(&self) -> &dyn Signer {
        match self {
            NewKey::InMemory(key) => key,
            NewKey::InToken(key) => key,
        }
    }

    /// The new key as the signer a CA holds.
    pub fn into_signer(self) -> Box<dyn Signer> {
        match self {
            NewKey::InMemory(key) => Box::new(key),
            NewKey::InToken(key) => Box::new(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_key_file_opens_without_unlock_material() {
        let key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let pem = key.to_pem();
        let signer = open_ca_key(KeySource::File {
            bytes: pem.as_bytes(),
            source: "ca-key.pem",
            unlock: None,
        })
        .unwrap();
        assert_eq!(signer.spki_der(), key.spki_der());
        assert_eq!(signer.source(), "ca-key.pem");
        assert!(format!("{signer:?}").contains("elided"));
    }

    #[test]
    fn a_sealed_key_file_opens_with_its_identity_only() {
        let key = PrivateKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let (identity, recipient) = sealed::new_identity("now");
        let to = sealed::Seal::To(vec![sealed::parse_recipient(&recipient).unwrap()]);
        let file = sealed::seal(key.to_pem().as_bytes(), &to).unwrap();
        let open = |unlock| {
            open_ca_key(KeySource::File {
                bytes: file.as_bytes(),
                source: "ca-key.age",
                unlock,
            })
        };
        assert_eq!(
            open(None).unwrap_err().to_string(),
            Error::SealedKeyLocked {
                source: "ca-key.age".into()
            }
            .to_string()
        );
        let ids = sealed::load_identities(identity.as_bytes(), "id.txt", age::NoCallbacks);
        let unlock = Unlock::Identities(ids.unwrap());
        let signer = open(Some(&unlock)).unwrap();
        assert_eq!(signer.public_key_bits(), key.public_key_bits());
        let tbs = b"to be signed";
        let signature = signer.sign(tbs).unwrap();
        aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::ED25519,
            key.public_key_bits(),
        )
        .verify(tbs, &signature)
        .unwrap();
        let unsealed = SealedKey::new(file.as_bytes(), "ca-key.age")
            .unwrap()
            .open(&unlock)
            .unwrap();
        let shown = format!("{unsealed:?} {signer:?}");
        assert!(
            shown.starts_with("Unsealed(") && shown.contains("elided"),
            "{shown}"
        );
        assert_eq!(unsealed.into_key().spki_der(), key.spki_der());
    }

    #[test]
    fn a_ca_key_must_be_the_certificates() {
        let made = KeyMaker::InMemory
            .generate(KeyAlgorithm::EcdsaP256)
            .unwrap();
        let other = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let cert = crate::issue::tests::self_signed_root(made.signer());
        check_ca_key(&cert, "ca.pem", made.signer(), "ca-key.pem").unwrap();
        assert_eq!(
            check_ca_key(&cert, "ca.pem", &other, "other.pem")
                .unwrap_err()
                .to_string(),
            Error::CaKeyMismatch {
                cert: "ca.pem".into(),
                key: "other.pem".into()
            }
            .to_string()
        );
    }
}
