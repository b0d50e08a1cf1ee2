//! A token's private key as a [`Signer`]: the hash is computed here, the
//! token signs it (`CKM_RSA_PKCS` over a DigestInfo, `CKM_ECDSA`, pure
//! `CKM_EDDSA`), and each signature is verified with the key's public half
//! before it is returned: certsmith did not compute it, and CRLs, ledger
//! lines and CSRs have no other check (src/issue/encode.rs checks
//! certificates only).

use std::fmt;
use std::path::Path;
use std::sync::Mutex;

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
use crate::{Error, Result};

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
}

/// Where a token key is, as an operator writes it down in a ceremony
/// record: the token's label and serial, the key's label and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInToken {
    pub token: String,
    pub serial: String,
    pub label: String,
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
        TokenSigner::new(uri, token, found)
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
        let signing = token.signing(key.public.algorithm)?;
        Ok(TokenSigner {
            signing,
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
