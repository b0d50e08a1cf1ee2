//! How a token signs for a key type: the mechanism, chosen from those the
//! token lists. RSA is signed as `CKM_RSA_PKCS` over a DigestInfo made here
//! when the token has it (SoftHSM does), else as
//! `CKM_SHA256_RSA_PKCS` (or 384, 512) over the message, for tokens that
//! allow only hashing mechanisms. ECDSA is always `CKM_ECDSA` over a hash
//! made here: SoftHSM has no `CKM_ECDSA_SHA*`, so no other path could be
//! tested.

use cryptoki::mechanism::MechanismType;

use super::public::RsaHash;
use super::token::{Token, failed};
use crate::keys::KeyAlgorithm;
use crate::x509::signature::SignatureAlgorithm;
use crate::{Pkcs11Error, Result};

/// The way a token key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signing {
    /// `CKM_RSA_PKCS` over a DigestInfo of this hash.
    RsaDigestInfo(RsaHash),
    /// `CKM_SHA*_RSA_PKCS` over the message: the token hashes.
    RsaHashing(RsaHash),
    /// `CKM_ECDSA` over the hash of the curve's size.
    Ecdsa,
    /// `CKM_EDDSA`, pure.
    Eddsa,
}

/// The hash an RSA key of `algorithm` signs with (cfssl's choice by size,
/// as for a key file), and the token mechanism that hashes with it.
fn rsa_hash(algorithm: KeyAlgorithm) -> (RsaHash, MechanismType) {
    match SignatureAlgorithm::for_key(algorithm) {
        SignatureAlgorithm::Sha512WithRsa => (RsaHash::Sha512, MechanismType::SHA512_RSA_PKCS),
        SignatureAlgorithm::Sha384WithRsa => (RsaHash::Sha384, MechanismType::SHA384_RSA_PKCS),
        _ => (RsaHash::Sha256, MechanismType::SHA256_RSA_PKCS),
    }
}

impl Token {
    /// How this token signs with a key of `algorithm`, limited to
    /// `allowed` when the key names mechanisms (`CKA_ALLOWED_MECHANISMS`);
    /// refused when no mechanism is left.
    pub(crate) fn signing(
        &self,
        algorithm: KeyAlgorithm,
        allowed: &[MechanismType],
    ) -> Result<Signing> {
        let listed = self
            .p11
            .get_mechanism_list(self.slot)
            .map_err(failed("C_GetMechanismList"))?;
        let has =
            |m: MechanismType| listed.contains(&m) && (allowed.is_empty() || allowed.contains(&m));
        let signing = match algorithm {
            KeyAlgorithm::Rsa(_) => {
                let (hash, hashing) = rsa_hash(algorithm);
                if has(MechanismType::RSA_PKCS) {
                    Some(Signing::RsaDigestInfo(hash))
                } else if has(hashing) {
                    Some(Signing::RsaHashing(hash))
                } else {
                    None
                }
            }
            KeyAlgorithm::Ed25519 => has(MechanismType::EDDSA).then_some(Signing::Eddsa),
            _ => has(MechanismType::ECDSA).then_some(Signing::Ecdsa),
        };
        signing.ok_or_else(|| {
            Pkcs11Error::KeyTypeUnsupported {
                token: self.label.clone(),
                algorithm,
            }
            .into()
        })
    }
}
