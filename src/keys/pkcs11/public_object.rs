//! A token key's public half, read without logging in: public key objects
//! are readable by anyone who holds the token (PKCS#11 §4.4, `CKA_PRIVATE`
//! false), so `key public` and `key fingerprint` need no PIN for the keys
//! certsmith makes. A token that keeps its public keys private, or an RSA
//! key with no public key object, needs the PIN after all: the caller then
//! opens the key as for signing.

use std::path::Path;

use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass};

use super::public::TokenPublicKey;
use super::token::{Access, Token, failed};
use super::uri::{ObjectType, Pkcs11Uri};
use crate::{Pkcs11Error, Result};

/// The public key of the key `uri` names, found by its label and id among
/// the public objects of the token: `None` when none is visible without
/// the PIN.
pub fn public_key_without_login(module: &Path, uri: &Pkcs11Uri) -> Result<Option<TokenPublicKey>> {
    let named = uri.to_string();
    if !matches!(
        uri.object_type,
        None | Some(ObjectType::Private) | Some(ObjectType::Public)
    ) {
        return Err(Pkcs11Error::NotAPrivateKey { uri: named }.into());
    }
    let token = Token::open(module, uri, None, Access::ReadOnly)?;
    let mut template = vec![Attribute::Class(ObjectClass::PUBLIC_KEY)];
    if let Some(label) = &uri.object {
        template.push(Attribute::Label(label.as_bytes().to_vec()));
    }
    if let Some(id) = &uri.id {
        template.push(Attribute::Id(id.clone()));
    }
    let mut found = token.find(&template)?;
    let object = match found.len() {
        0 => return Ok(None),
        1 => found.remove(0),
        count => return Err(Pkcs11Error::AmbiguousKey { uri: named, count }.into()),
    };
    let attributes = token
        .session
        .get_attributes(object, &[AttributeType::KeyType, AttributeType::Id])
        .map_err(failed("C_GetAttributeValue"))?;
    let (mut key_type, mut id) = (None, None);
    for attribute in attributes {
        match attribute {
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Id(i) if !i.is_empty() => id = Some(i),
            _ => {}
        }
    }
    // Read as the signer reads it: the public object with this key's id.
    match key_type {
        Some(KeyType::RSA) => token.rsa_public(object, id, &named).map(Some),
        Some(KeyType::EC) | Some(KeyType::EC_EDWARDS) if id.is_some() => {
            token.ec_public(id, &named).map(Some)
        }
        // Any other type is refused, with its reason, when opened to sign.
        _ => Ok(None),
    }
}
