//! A token's private key as a [`Signer`]: the hash is computed here, the
//! token signs it (`CKM_RSA_PKCS` over a DigestInfo, `CKM_ECDSA`, pure
//! `CKM_EDDSA`), and each signature is verified with the key's public half
//! before it is returned: certsmith did not compute it, and CRLs, ledger
//! lines and CSRs have no other check (src/issue/encode.rs checks
//! certificates only).

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use cryptoki::mechanism::Mechanism;
use cryptoki::mechanism::eddsa::{EddsaParams, EddsaSignatureScheme};
use cryptoki::object::ObjectHandle;
use cryptoki::session::Session;
use cryptoki::types::AuthPin;
use spki::AlgorithmIdentifierOwned;

use super::mechanism::Signing;
use super::public::{RsaHash, TokenPublicKey, ecdsa_digest, ecdsa_signature_der, rsa_digest_info};
use super::token::{Access, FoundKey, Token, failed};
use super::uri::Pkcs11Uri;
use crate::keys::{KeyAlgorithm, Signer};
use crate::x509::signature::{SignatureAlgorithm, verify_with_key};
use crate::{Error, Pkcs11Error, Result};

/// A private key that stays in its token, signing by reference.
pub struct TokenSigner {
    /// The key's URI in canonical form (no module, no PIN).
    source: String,
    token: String,
    /// cryptoki's session is `Send` but not `Sync`: one signature at a time.
    session: Mutex<Session>,
    key: ObjectHandle,
    public: TokenPublicKey,
    signing: Signing,
    record: KeyInToken,
    /// For a key pair this signer made: its public key object, and whether
    /// the run kept the pair (see [`MadeKey`]).
    made: Option<(ObjectHandle, MadeKey)>,
}

/// What becomes of a key pair a run made in a token, once the run asked
/// for it to be undone ([`TokenSigner::undo_on_drop`]): it is destroyed
/// when its signer is dropped, unless the run [`MadeKey::keep`]s it. A run
/// that fails after making a key (a certificate refused, a ledger not
/// written, stdout closed) then leaves no key behind for the next run to
/// trip over; only a run killed outright leaves one.
#[derive(Debug, Clone)]
pub struct MadeKey(Arc<AtomicU8>);

/// A made key's fate, as [`MadeKey::fate`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// To be destroyed when its signer is dropped, unless kept first.
    Pending,
    Kept,
    /// Destroyed when its signer was dropped.
    Destroyed,
    /// The token refused to destroy it: it is still there.
    NotDestroyed,
}

impl MadeKey {
    /// Keeps the key pair in the token: the run succeeded.
    pub fn keep(&self) {
        self.0.store(Fate::Kept as u8, Ordering::SeqCst);
    }

    pub fn fate(&self) -> Fate {
        match self.0.load(Ordering::SeqCst) {
            0 => Fate::Pending,
            2 => Fate::Destroyed,
            3 => Fate::NotDestroyed,
            _ => Fate::Kept,
        }
    }
}

impl Drop for TokenSigner {
    fn drop(&mut self) {
        let Some((public, made)) = &self.made else {
            return;
        };
        if made.fate() != Fate::Pending {
            return;
        }
        let session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        let destroyed =
            session.destroy_object(self.key).is_ok() && session.destroy_object(*public).is_ok();
        let fate = if destroyed {
            Fate::Destroyed
        } else {
            Fate::NotDestroyed
        };
        made.0.store(fate as u8, Ordering::SeqCst);
    }
}

/// Where a token key is, as an operator writes it down in a ceremony
/// record: the token's label and serial, the key's label and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInToken {
    pub token: String,
    pub serial: String,
    /// `CKA_LABEL`, when it is UTF-8 text and not empty.
    pub label: Option<String>,
    /// `CKA_ID` (empty when the token gave the key none).
    pub id: Vec<u8>,
}

impl fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSigner")
            .field("source", &self.source)
            .field("token", &self.token)
            .field("algorithm", &self.public.algorithm)
            .finish_non_exhaustive()
    }
}

impl TokenSigner {
    /// Opens the key `uri` names in a token of `module`, logged in with
    /// `pin`.
    pub fn open(module: &Path, uri: &Pkcs11Uri, pin: &AuthPin) -> Result<TokenSigner> {
        let token = Token::open(module, uri, Some(pin), Access::ReadOnly)?;
        let found = token.find_private_key(uri)?;
        let signer = TokenSigner::new(uri, token, found)?;
        // The public key was found beside the private key, by its id (and
        // label): one signature proves it is the private key's own, before
        // it is printed (`key public`) or compared with a CA certificate.
        signer
            .sign(b"certsmith: is this public key the private key's?")
            .map_err(|e| match e {
                Error::SignatureDoesNotVerify { .. } => Pkcs11Error::PublicKeyMismatch {
                    uri: signer.source.clone(),
                }
                .into(),
                other => other,
            })?;
        Ok(signer)
    }

    /// Makes a key pair of `algorithm` in a token of `module`, labelled
    /// `object=` of `uri`: sensitive, never extractable, a token object. The
    /// signer signs with the new key.
    pub fn generate(
        module: &Path,
        uri: &Pkcs11Uri,
        pin: &AuthPin,
        algorithm: KeyAlgorithm,
    ) -> Result<TokenSigner> {
        let token = Token::open(module, uri, Some(pin), Access::ReadWrite)?;
        let made = token.generate(uri, algorithm)?;
        TokenSigner::new(uri, token, made)
    }

    fn new(uri: &Pkcs11Uri, token: Token, key: FoundKey) -> Result<TokenSigner> {
        // Chosen before the first signature, so that a token that cannot
        // sign with the key says so at once.
        let signing = token.signing(key.public.algorithm, &key.allowed)?;
        Ok(TokenSigner {
            signing,
            made: key
                .made_public
                .map(|public| (public, MadeKey(Arc::new(AtomicU8::new(Fate::Kept as u8))))),
            source: uri.to_string(),
            record: KeyInToken {
                token: token.label.clone(),
                serial: token.serial,
                label: key.label,
                id: key.id,
            },
            token: token.label,
            session: Mutex::new(token.session),
            key: key.handle,
            public: key.public,
        })
    }

    /// The token and the key, for the ceremony record.
    pub fn record(&self) -> &KeyInToken {
        &self.record
    }

    /// For a key pair this signer made: destroy it when the signer is
    /// dropped, unless the returned [`MadeKey`] is kept first. `None` for a
    /// key this signer found rather than made: that is never destroyed.
    pub fn undo_on_drop(&self) -> Option<MadeKey> {
        let (_, made) = self.made.as_ref()?;
        made.0.store(Fate::Pending as u8, Ordering::SeqCst);
        Some(made.clone())
    }

    fn signature(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::for_key(self.public.algorithm)
    }

    /// What the token returns for `tbs`, in X.509's encoding.
    fn token_sign(&self, tbs: &[u8]) -> Result<Vec<u8>> {
        // A panic elsewhere while signing leaves the session usable.
        let session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        let sign = |mechanism: &Mechanism, data: &[u8]| {
            session
                .sign(mechanism, self.key, data)
                .map_err(failed("C_Sign"))
        };
        match self.signing {
            Signing::RsaDigestInfo(hash) => sign(&Mechanism::RsaPkcs, &rsa_digest_info(hash, tbs)),
            Signing::RsaHashing(RsaHash::Sha256) => sign(&Mechanism::Sha256RsaPkcs, tbs),
            Signing::RsaHashing(RsaHash::Sha384) => sign(&Mechanism::Sha384RsaPkcs, tbs),
            Signing::RsaHashing(RsaHash::Sha512) => sign(&Mechanism::Sha512RsaPkcs, tbs),
            Signing::Eddsa => sign(
                &Mechanism::Eddsa(EddsaParams::new(EddsaSignatureScheme::Pure)),
                tbs,
            ),
            Signing::Ecdsa => {
                let curve = self.public.algorithm;
                let raw = sign(&Mechanism::Ecdsa, &ecdsa_digest(curve, tbs))?;
                ecdsa_signature_der(&raw, curve, &self.source)
            }
        }
    }
}

impl Signer for TokenSigner {
    fn source(&self) -> &str {
        &self.source
    }

    fn algorithm(&self) -> KeyAlgorithm {
        self.public.algorithm
    }

    fn spki_der(&self) -> &[u8] {
        &self.public.spki_der
    }

    fn public_key_bits(&self) -> &[u8] {
        &self.public.public_key_bits
    }

    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        self.signature().identifier()
    }

    fn sign(&self, tbs: &[u8]) -> Result<Vec<u8>> {
        let signature = self.token_sign(tbs)?;
        verify_with_key(
            self.public.algorithm,
            &self.public.public_key_bits,
            &self.signature().oid(),
            tbs,
            &signature,
        )
        .map_err(|_| Error::SignatureDoesNotVerify {
            signer: self.source.clone(),
        })?;
        Ok(signature)
    }

    /// Yes: the token computed the signature, and [`Signer::sign`] has
    /// checked it with the key's public half; certificates are checked once
    /// more with the issuer's (src/issue/encode.rs).
    fn checks_each_signature(&self) -> bool {
        true
    }
}
