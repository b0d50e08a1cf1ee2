//! A token through its PKCS#11 module (cryptoki, the Parsec project's safe
//! binding): load the module, find the one token a URI names, log in, and
//! find the one private key it names with its public half. Every cryptoki
//! error becomes a [`Pkcs11Error`] here, and nowhere else.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Function, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::MechanismType;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::{Slot, TokenInfo};
use cryptoki::types::AuthPin;

use super::public::{TokenPublicKey, ec_public, rsa_public};
use super::uri::{ObjectType, Pkcs11Uri};
use crate::{Error, PinTries, Pkcs11Error, Result};

/// A logged-in session with the token a URI names.
pub(crate) struct Token {
    pub(crate) p11: Pkcs11,
    pub(crate) slot: Slot,
    pub(crate) session: Session,
    /// The token's label, for messages.
    pub(crate) label: String,
    /// The token's serial number, for the ceremony record.
    pub(crate) serial: String,
}

/// What a session may do: sign (read-only suffices), or make keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    ReadOnly,
    ReadWrite,
}

/// A private key in a token, found by its URI, and its public half.
pub(crate) struct FoundKey {
    pub(crate) handle: ObjectHandle,
    pub(crate) public: TokenPublicKey,
    /// `CKA_LABEL` (when it is UTF-8 text, and not empty) and `CKA_ID`,
    /// for the ceremony record.
    pub(crate) label: Option<String>,
    pub(crate) id: Vec<u8>,
    /// The public key object, for a key pair this run made (and may undo).
    pub(crate) made_public: Option<ObjectHandle>,
    /// `CKA_ALLOWED_MECHANISMS`, when the key is limited to some.
    pub(crate) allowed: Vec<MechanismType>,
}

/// A failed call into the module, named by its PKCS#11 function.
pub(crate) fn failed(call: &'static str) -> impl Fn(CkError) -> Error {
    move |error| {
        let reason = match error {
            CkError::Pkcs11(rv, _) => format!("{rv:?}"),
            other => other.to_string(),
        };
        Pkcs11Error::Call { call, reason }.into()
    }
}

impl Token {
    /// Loads `module`, finds the one token `uri` names, opens a session
    /// and logs the user in with `pin` (without one, the session sees only
    /// public objects). A wrong PIN is never retried: a token locks after a
    /// few.
    pub(crate) fn open(
        module: &Path,
        uri: &Pkcs11Uri,
        pin: Option<&AuthPin>,
        access: Access,
    ) -> Result<Token> {
        let p11 = Pkcs11::new(module).map_err(|e| Pkcs11Error::ModuleLoad {
            module: module.to_path_buf(),
            reason: match e {
                CkError::LibraryLoading(e) => e.to_string(),
                other => other.to_string(),
            },
        })?;
        match p11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(failed("C_Initialize")(e)),
        }
        let slots = p11
            .get_slots_with_initialized_token()
            .map_err(failed("C_GetSlotList"))?;
        let mut matching = Vec::new();
        for slot in slots {
            let info = p11.get_token_info(slot).map_err(failed("C_GetTokenInfo"))?;
            if token_matches(uri, slot, &info) {
                matching.push((slot, info));
            }
        }
        let (slot, info) = match matching.len() {
            1 => matching.remove(0),
            0 => {
                return Err(Pkcs11Error::NoSuchToken {
                    uri: uri.to_string(),
                }
                .into());
            }
            count => {
                return Err(Pkcs11Error::AmbiguousToken {
                    uri: uri.to_string(),
                    count,
                }
                .into());
            }
        };
        let label = info.label().to_string();
        let serial = info.serial_number().to_string();
        let session = match access {
            Access::ReadOnly => p11.open_ro_session(slot),
            Access::ReadWrite => p11.open_rw_session(slot),
        }
        .map_err(failed("C_OpenSession"))?;
        let token = Token {
            p11,
            slot,
            session,
            label,
            serial,
        };
        let Some(pin) = pin else { return Ok(token) };
        match token.session.login(UserType::User, Some(pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, Function::Login)) => {}
            Err(CkError::Pkcs11(RvError::PinIncorrect, _)) => {
                // The flags after the failure say how close the PIN is to locking.
                let tries = match token.p11.get_token_info(token.slot) {
                    Ok(after) if after.user_pin_final_try() => PinTries::Final,
                    Ok(after) if after.user_pin_count_low() => PinTries::Low,
                    _ => PinTries::Unknown,
                };
                return Err(Pkcs11Error::WrongPin {
                    token: token.label,
                    tries,
                }
                .into());
            }
            Err(CkError::Pkcs11(RvError::UserPinNotInitialized, _)) => {
                return Err(Pkcs11Error::PinNotInitialized { token: token.label }.into());
            }
            Err(CkError::Pkcs11(RvError::PinLocked, _)) => {
                return Err(Pkcs11Error::PinLocked { token: token.label }.into());
            }
            Err(e) => return Err(failed("C_Login")(e)),
        }
        Ok(token)
    }

    /// The one private key `uri` names (by `object=` and `id=`), and its
    /// public key: from the public key object with the same `CKA_ID` (as
    /// Boulder pairs them), or for RSA from the private key object itself.
    pub(crate) fn find_private_key(&self, uri: &Pkcs11Uri) -> Result<FoundKey> {
        let named = uri.to_string();
        if !matches!(uri.object_type, None | Some(ObjectType::Private)) {
            return Err(Pkcs11Error::NotAPrivateKey { uri: named }.into());
        }
        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        if let Some(label) = &uri.object {
            template.push(Attribute::Label(label.as_bytes().to_vec()));
        }
        if let Some(id) = &uri.id {
            template.push(Attribute::Id(id.clone()));
        }
        let mut found = self.find(&template)?;
        let handle = match found.len() {
            1 => found.remove(0),
            0 => return Err(Pkcs11Error::NoSuchKey { uri: named }.into()),
            count => return Err(Pkcs11Error::AmbiguousKey { uri: named, count }.into()),
        };
        let attributes = self
            .session
            .get_attributes(
                handle,
                &[
                    AttributeType::KeyType,
                    AttributeType::Id,
                    AttributeType::Label,
                    AttributeType::Sign,
                    AttributeType::AlwaysAuthenticate,
                    AttributeType::AllowedMechanisms,
                ],
            )
            .map_err(failed("C_GetAttributeValue"))?;
        // A missing attribute is simply absent (cryptoki): match by variant.
        let mut key_type = None;
        let mut id = None;
        let mut label = None;
        let mut allowed = Vec::new();
        for attribute in attributes {
            match attribute {
                Attribute::KeyType(t) => key_type = Some(t),
                Attribute::Id(i) if !i.is_empty() => id = Some(i),
                Attribute::AllowedMechanisms(m) => allowed = m,
                Attribute::Label(l) => label = String::from_utf8(l).ok().filter(|l| !l.is_empty()),
                // cryptoki's Session::sign does C_SignInit and C_Sign in one
                // call: no place for the context-specific login.
                Attribute::AlwaysAuthenticate(true) => {
                    return Err(Pkcs11Error::AlwaysAuthenticate { uri: named }.into());
                }
                // Found now, not as KeyFunctionNotPermitted from C_Sign.
                Attribute::Sign(false) => {
                    return Err(Pkcs11Error::CannotSign { uri: named }.into());
                }
                _ => {}
            }
        }
        let public = match key_type {
            Some(KeyType::RSA) => {
                let label = label.as_deref().unwrap_or_default();
                self.rsa_public_labelled(handle, id.clone(), label, &named)?
            }
            Some(KeyType::EC) | Some(KeyType::EC_EDWARDS) => {
                let label = label.as_deref().unwrap_or_default();
                self.ec_public_labelled(id.clone(), label, &named)?
            }
            other => {
                return Err(Error::UnsupportedKey {
                    source: named,
                    what: match other {
                        Some(t) => format!("{t} key in the token (use RSA, ECDSA or Ed25519)"),
                        None => "a key whose type the token does not say".into(),
                    },
                });
            }
        };
        Ok(FoundKey {
            handle,
            public,
            label,
            id: id.unwrap_or_default(),
            made_public: None,
            allowed,
        })
    }

    pub(crate) fn find(&self, template: &[Attribute]) -> Result<Vec<ObjectHandle>> {
        self.session
            .find_objects(template)
            .map_err(failed("C_FindObjects"))
    }

    /// The public key object with the private key's `CKA_ID`. Where keys
    /// share an id (tokens allow it), the one with the private key's label
    /// too; more than one even so is refused, never guessed.
    pub(crate) fn public_object(
        &self,
        id: Option<Vec<u8>>,
        label: &str,
        named: &str,
    ) -> Result<Option<ObjectHandle>> {
        let Some(id) = id else { return Ok(None) };
        let mut template = vec![Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::Id(id)];
        let mut found = self.find(&template)?;
        if found.len() > 1 && !label.is_empty() {
            template.push(Attribute::Label(label.as_bytes().to_vec()));
            found = self.find(&template)?;
        }
        match found.len() {
            0 => Ok(None),
            1 => Ok(Some(found.remove(0))),
            count => Err(Pkcs11Error::AmbiguousPublicKey {
                uri: named.into(),
                count,
            }
            .into()),
        }
    }

    pub(crate) fn rsa_public(
        &self,
        private: ObjectHandle,
        id: Option<Vec<u8>>,
        named: &str,
    ) -> Result<TokenPublicKey> {
        self.rsa_public_labelled(private, id, "", named)
    }

    fn rsa_public_labelled(
        &self,
        private: ObjectHandle,
        id: Option<Vec<u8>>,
        label: &str,
        named: &str,
    ) -> Result<TokenPublicKey> {
        // PKCS#11 §2.1.3: an RSA private key object carries its modulus and
        // public exponent too.
        let object = self.public_object(id, label, named)?.unwrap_or(private);
        let (mut modulus, mut exponent) = (None, None);
        for attribute in self.attributes(
            object,
            &[AttributeType::Modulus, AttributeType::PublicExponent],
        )? {
            match attribute {
                Attribute::Modulus(n) => modulus = Some(n),
                Attribute::PublicExponent(e) => exponent = Some(e),
                _ => {}
            }
        }
        match (modulus, exponent) {
            (Some(n), Some(e)) => rsa_public(&n, &e, named),
            _ => Err(Pkcs11Error::NoPublicKey { uri: named.into() }.into()),
        }
    }

    pub(crate) fn ec_public(&self, id: Option<Vec<u8>>, named: &str) -> Result<TokenPublicKey> {
        self.ec_public_labelled(id, "", named)
    }

    fn ec_public_labelled(
        &self,
        id: Option<Vec<u8>>,
        label: &str,
        named: &str,
    ) -> Result<TokenPublicKey> {
        let no_public_key = || Error::from(Pkcs11Error::NoPublicKey { uri: named.into() });
        let object = self
            .public_object(id, label, named)?
            .ok_or_else(no_public_key)?;
        let (mut params, mut point) = (None, None);
        for attribute in
            self.attributes(object, &[AttributeType::EcParams, AttributeType::EcPoint])?
        {
            match attribute {
                Attribute::EcParams(p) => params = Some(p),
                Attribute::EcPoint(p) => point = Some(p),
                _ => {}
            }
        }
        match (params, point) {
            (Some(params), Some(point)) => ec_public(&params, &point, named),
            _ => Err(no_public_key()),
        }
    }

    fn attributes(&self, object: ObjectHandle, types: &[AttributeType]) -> Result<Vec<Attribute>> {
        self.session
            .get_attributes(object, types)
            .map_err(failed("C_GetAttributeValue"))
    }
}

/// Whether the token in `slot` is the one `uri` names: every token
/// attribute the URI gives must match (RFC 7512 §2.3); cryptoki trims the
/// blank padding of `CK_TOKEN_INFO`'s fields.
fn token_matches(uri: &Pkcs11Uri, slot: Slot, info: &TokenInfo) -> bool {
    let field = |wanted: &Option<String>, has: &str| wanted.as_deref().is_none_or(|w| w == has);
    field(&uri.token, info.label())
        && field(&uri.manufacturer, info.manufacturer_id())
        && field(&uri.model, info.model())
        && field(&uri.serial, info.serial_number())
        && uri.slot_id.is_none_or(|id| id == slot.id())
}

/// The label of the one token `uri` names, found without logging in: so
/// that a missing module or token is reported before a PIN is asked for,
/// and the prompt names the token.
pub fn token_label(module: &Path, uri: &Pkcs11Uri) -> Result<String> {
    Ok(Token::open(module, uri, None, Access::ReadOnly)?.label)
}
