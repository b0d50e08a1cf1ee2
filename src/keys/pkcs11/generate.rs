//! Key pairs made inside a token, where the private key stays: token
//! objects, sensitive and never extractable, labelled by the URI's
//! `object=`. The templates follow Boulder's ceremony tool (cmd/ceremony
//! rsa.go, ecdsa.go): no existing object may carry the label, and the public
//! key read back must be the type and size asked for.

use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, ObjectHandle};
use cryptoki::types::Ulong;

use super::public::TokenPublicKey;
use super::token::{FoundKey, Token, failed};
use super::uri::{ObjectType, Pkcs11Uri};
use crate::keys::{KeyAlgorithm, check_rsa_exponent};
use crate::{Error, Pkcs11Error, Result};

/// `CKA_EC_PARAMS` of each curve: the DER of its OID (RFC 5480, RFC 8410).
const P256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
const P521: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23];
const ED25519: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x70];

/// The mechanism a key of `algorithm` is made with, and the key size the
/// token must allow for it (RSA: modulus bits; EC: field bits; Ed25519:
/// 256, as SoftHSM and OpenSC count it).
fn making(algorithm: KeyAlgorithm) -> (MechanismType, usize) {
    match algorithm {
        KeyAlgorithm::Rsa(bits) => (MechanismType::RSA_PKCS_KEY_PAIR_GEN, bits),
        KeyAlgorithm::EcdsaP256 => (MechanismType::ECC_KEY_PAIR_GEN, 256),
        KeyAlgorithm::EcdsaP384 => (MechanismType::ECC_KEY_PAIR_GEN, 384),
        KeyAlgorithm::EcdsaP521 => (MechanismType::ECC_KEY_PAIR_GEN, 521),
        KeyAlgorithm::Ed25519 => (MechanismType::ECC_EDWARDS_KEY_PAIR_GEN, 256),
    }
}

impl Token {
    /// Makes a key pair of `algorithm` in the token, labelled `object=` of
    /// `uri` (and with its `id=`, else 16 random bytes as `CKA_ID`).
    /// Refused when an object already has that label or id, and when the
    /// token cannot make or sign with such a key; nothing is made then.
    pub(crate) fn generate(&self, uri: &Pkcs11Uri, algorithm: KeyAlgorithm) -> Result<FoundKey> {
        let named = uri.to_string();
        if !matches!(uri.object_type, None | Some(ObjectType::Private)) {
            return Err(Pkcs11Error::NotAPrivateKey { uri: named }.into());
        }
        let label = uri
            .object
            .as_ref()
            .ok_or_else(|| Pkcs11Error::NewKeyWithoutLabel { uri: named.clone() })?
            .clone();
        let id = match &uri.id {
            Some(id) => id.clone(),
            None => {
                let mut id = vec![0; 16];
                aws_lc_rs::rand::fill(&mut id).map_err(|_| Error::KeyGeneration {
                    what: "a PKCS#11 key id".into(),
                })?;
                id
            }
        };
        let taken = !self
            .find(&[Attribute::Label(label.as_bytes().to_vec())])?
            .is_empty()
            || !self.find(&[Attribute::Id(id.clone())])?.is_empty();
        if taken {
            return Err(Pkcs11Error::ObjectExists {
                token: self.label.clone(),
                uri: named,
            }
            .into());
        }
        self.check_mechanisms(algorithm)?;
        // Lets a test make a rival key here, between the check and the making.
        crate::fault::hook("pkcs11-label-checked");
        let mut public = vec![
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Verify(true),
            Attribute::Encrypt(false),
            Attribute::Wrap(false),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Id(id.clone()),
        ];
        let private = [
            Attribute::Token(true),
            Attribute::Private(true),
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
            Attribute::Sign(true),
            // A CA key signs and does nothing else: a token's defaults may
            // let it decrypt or unwrap (SoftHSM's do).
            Attribute::Decrypt(false),
            Attribute::Unwrap(false),
            Attribute::Derive(false),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Id(id.clone()),
        ];
        let mechanism = match algorithm {
            KeyAlgorithm::Rsa(bits) => {
                let bits = Ulong::try_from(bits).map_err(|_| self.cannot_make(algorithm))?;
                public.push(Attribute::ModulusBits(bits));
                public.push(Attribute::PublicExponent(vec![0x01, 0x00, 0x01]));
                Mechanism::RsaPkcsKeyPairGen
            }
            KeyAlgorithm::Ed25519 => {
                public.push(Attribute::EcParams(ED25519.to_vec()));
                Mechanism::EccEdwardsKeyPairGen
            }
            ec => {
                let params = match ec {
                    KeyAlgorithm::EcdsaP384 => P384,
                    KeyAlgorithm::EcdsaP521 => P521,
                    _ => P256,
                };
                public.push(Attribute::EcParams(params.to_vec()));
                Mechanism::EccKeyPairGen
            }
        };
        let (public_handle, handle) = self
            .session
            .generate_key_pair(&mechanism, &public, &private)
            .map_err(|e| match e {
                CkError::Pkcs11(
                    RvError::MechanismInvalid
                    | RvError::CurveNotSupported
                    | RvError::DomainParamsInvalid
                    | RvError::KeySizeRange
                    | RvError::TemplateInconsistent
                    | RvError::AttributeValueInvalid,
                    _,
                ) => self.cannot_make(algorithm),
                other => failed("C_GenerateKeyPair")(other),
            })?;
        // A key pair that fails a check below is destroyed: the label stays
        // free, and no half-checked key is left for a later run to find.
        let checked = self.check_made(handle, &label, &id, algorithm, &named);
        if checked.is_err() {
            let _ = self.session.destroy_object(handle);
            let _ = self.session.destroy_object(public_handle);
        }
        Ok(FoundKey {
            handle,
            public: checked?,
            label: Some(label),
            id,
            made_public: Some(public_handle),
            allowed: Vec::new(),
        })
    }

    /// The checks of a key pair just made, which return its public key.
    fn check_made(
        &self,
        handle: ObjectHandle,
        label: &str,
        id: &[u8],
        algorithm: KeyAlgorithm,
        named: &str,
    ) -> Result<TokenPublicKey> {
        // PKCS#11 has no unique labels: another run may have made a key by
        // this label or id since the check before making ours. If so, ours
        // is undone, so that of two racing runs at most one goes on.
        let by_label = self.find(&[Attribute::Label(label.as_bytes().to_vec())])?;
        let by_id = self.find(&[Attribute::Id(id.to_vec())])?;
        if by_label.len() > 2 || by_id.len() > 2 {
            return Err(Pkcs11Error::RivalKey {
                token: self.label.clone(),
                uri: named.into(),
            }
            .into());
        }
        // The token must have kept the key in, as asked: read back, not assumed.
        let flags = self
            .session
            .get_attributes(
                handle,
                &[
                    AttributeType::Sensitive,
                    AttributeType::Extractable,
                    AttributeType::Sign,
                ],
            )
            .map_err(failed("C_GetAttributeValue"))?;
        let kept_in = flags
            .iter()
            .any(|a| matches!(a, Attribute::Sensitive(true)))
            && flags
                .iter()
                .any(|a| matches!(a, Attribute::Extractable(false)))
            && flags.iter().any(|a| matches!(a, Attribute::Sign(true)));
        if !kept_in {
            return Err(Pkcs11Error::MalformedAnswer {
                key: named.into(),
                what: "a key that is not sensitive, extractable or unable to sign, though asked otherwise",
            }
            .into());
        }
        let made: TokenPublicKey = match algorithm {
            KeyAlgorithm::Rsa(_) => self.rsa_public(handle, Some(id.to_vec()), named)?,
            _ => self.ec_public(Some(id.to_vec()), named)?,
        };
        // What the token made must be what was asked for (Boulder checks too).
        if made.algorithm != algorithm {
            return Err(Pkcs11Error::MalformedAnswer {
                key: named.into(),
                what: "a key of another type or size than the one asked for",
            }
            .into());
        }
        check_rsa_exponent(&made.spki_der, named)?;
        Ok(made)
    }

    /// Refuses, before anything is made, a key type the token does not list
    /// a mechanism for (making it, and signing with it), or whose size is
    /// outside what the token says it supports.
    fn check_mechanisms(&self, algorithm: KeyAlgorithm) -> Result<()> {
        let (make, size) = making(algorithm);
        self.signing(algorithm, &[])?;
        let listed = self
            .p11
            .get_mechanism_list(self.slot)
            .map_err(failed("C_GetMechanismList"))?;
        if !listed.contains(&make) {
            return Err(self.cannot_make(algorithm));
        }
        let info = self
            .p11
            .get_mechanism_info(self.slot, make)
            .map_err(failed("C_GetMechanismInfo"))?;
        // Some tokens report 0..0 for "no limit" on Edwards curves.
        let unlimited = info.max_key_size() == 0;
        if !unlimited && !(info.min_key_size()..=info.max_key_size()).contains(&size) {
            return Err(self.cannot_make(algorithm));
        }
        Ok(())
    }

    fn cannot_make(&self, algorithm: KeyAlgorithm) -> Error {
        Pkcs11Error::KeyTypeUnsupported {
            token: self.label.clone(),
            algorithm,
        }
        .into()
    }
}
