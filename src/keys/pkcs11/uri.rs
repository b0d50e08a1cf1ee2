//! RFC 7512 PKCS#11 URIs: `pkcs11:token=root-ca;object=root-key`, the name
//! of a key in a token wherever a key file is accepted. Pure (no I/O): the
//! parsed URI says which token and object to look for, and where the module
//! and the PIN file are; opening them is the caller's.
//!
//! Stricter than the RFC where leniency would match the wrong key: an
//! unknown or repeated attribute is refused (a typo such as `objet=` must
//! not match every key), and so are the attributes certsmith does not match
//! on. A PIN in the URI (`pin-value=`) is refused and never echoed.
//! No crate does this well enough: pk11-uri-parser leaves values encoded and
//! prints warnings, pkcs11-uri brings a second PKCS#11 binding.

use std::fmt;
use std::path::PathBuf;

use crate::{Pkcs11Error, Result, UriProblem};

/// What a `pkcs11:` URI names. Text attributes are percent-decoded; `id`
/// is raw bytes (`id=%01%02` is `[1, 2]`, as `pkcs11-tool --id 0102`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pkcs11Uri {
    /// The token's label (`CK_TOKEN_INFO.label`, blank padding trimmed).
    pub token: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    /// A slot number: SoftHSM renumbers slots when a token is initialised,
    /// so `token=` is the name to use.
    pub slot_id: Option<u64>,
    /// The object's `CKA_LABEL`.
    pub object: Option<String>,
    /// The object's `CKA_ID`.
    pub id: Option<Vec<u8>>,
    pub object_type: Option<ObjectType>,
    /// `module-path=`: the PKCS#11 module (shared library) to load.
    pub module_path: Option<PathBuf>,
    /// `pin-source=`: the file that holds the PIN.
    pub pin_source: Option<PathBuf>,
}

/// `type=`: the object class (RFC 7512 §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectType {
    Public,
    Private,
    Cert,
    SecretKey,
    Data,
}

impl ObjectType {
    fn from_uri(value: &str) -> Option<ObjectType> {
        Some(match value {
            "public" => ObjectType::Public,
            "private" => ObjectType::Private,
            "cert" => ObjectType::Cert,
            "secret-key" => ObjectType::SecretKey,
            "data" => ObjectType::Data,
            _ => return None,
        })
    }

    fn as_uri(self) -> &'static str {
        match self {
            ObjectType::Public => "public",
            ObjectType::Private => "private",
            ObjectType::Cert => "cert",
            ObjectType::SecretKey => "secret-key",
            ObjectType::Data => "data",
        }
    }
}

const SCHEME: &str = "pkcs11:";
const PIN_VALUE: &str = "pin-value";

/// Path attributes of RFC 7512 that certsmith does not match on.
const UNSUPPORTED: [&str; 5] = [
    "library-manufacturer",
    "library-description",
    "library-version",
    "slot-description",
    "slot-manufacturer",
];

/// Whether `text` is meant as a PKCS#11 URI: the scheme, in any case.
pub fn is_pkcs11_uri(text: &str) -> bool {
    text.get(..SCHEME.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(SCHEME))
}

/// `text` cut after the name of its first `pin-value` attribute, so that an
/// error can quote the URI without its PIN. Everything after it goes too: a
/// PIN may hold `;` or `&`, so where it ends cannot be known.
pub fn redact(text: &str) -> String {
    let mut start = 0;
    for part in text.split([';', '?', '&']) {
        if let Some((name, _)) = part.split_once('=')
            && is_pin_value(name)
        {
            return format!("{}{name}=…", &text[..start]);
        }
        start += part.len() + 1;
    }
    text.to_string()
}

/// `message` with each line cut after its first `pin-value=` (in any case
/// or percent-encoding the parser accepts): for messages that quote a URI
/// typed where a file was expected, whose PIN must not be shown even so.
/// As in [`redact`], the rest of the line goes: where a PIN ends cannot be
/// known.
pub fn redact_all(message: &str) -> String {
    message
        .split_inclusive('\n')
        .map(|line| match pin_value_end(line) {
            Some(end) => {
                let newline = if line.ends_with('\n') { "\n" } else { "" };
                format!("{}…{newline}", &line[..end])
            }
            None => line.to_string(),
        })
        .collect()
}

/// Where the first `pin-value=` attribute of `line` ends (after its `=`).
fn pin_value_end(line: &str) -> Option<usize> {
    line.match_indices('=').find_map(|(at, _)| {
        let name_start = line[..at]
            .rfind(|c: char| ";?&:\"' \t/".contains(c))
            .map_or(0, |i| i + 1);
        // A value already elided (by `redact`) is left as it is.
        let elided = line[at + 1..].starts_with('…');
        (!elided && is_pin_value(&line[name_start..at])).then_some(at + 1)
    })
}

/// The attribute name, compared as the RFC's lowercase name even when
/// someone percent-encodes or capitalises it.
fn is_pin_value(name: &str) -> bool {
    let name = name.rsplit(['?', ':']).next().unwrap_or(name);
    decode(name).is_ok_and(|n| n.eq_ignore_ascii_case(PIN_VALUE.as_bytes()))
}

impl Pkcs11Uri {
    /// Parses a `pkcs11:` URI (RFC 7512 §2.3).
    pub fn parse(text: &str) -> Result<Pkcs11Uri> {
        let invalid = |problem| Pkcs11Error::InvalidUri {
            uri: redact(text),
            problem,
        };
        if !is_pkcs11_uri(text) {
            return Err(invalid(UriProblem::NotPkcs11).into());
        }
        let body = &text[SCHEME.len()..];
        let (path, query) = match body.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (body, None),
        };
        let path: Vec<&str> = split_nonempty(path, ';');
        let query: Vec<&str> = query.map(|q| split_nonempty(q, '&')).unwrap_or_default();
        // The PIN first: no later error may quote it.
        if path
            .iter()
            .chain(&query)
            .any(|a| a.split_once('=').is_some_and(|(n, _)| is_pin_value(n)))
        {
            return Err(Pkcs11Error::PinInUri { uri: redact(text) }.into());
        }
        let mut uri = Pkcs11Uri::default();
        let mut seen = Vec::new();
        for (attribute, in_query) in path
            .iter()
            .map(|a| (a, false))
            .chain(query.iter().map(|a| (a, true)))
        {
            let (name, value) = attribute
                .split_once('=')
                .filter(|(name, _)| !name.is_empty())
                .ok_or_else(|| {
                    invalid(UriProblem::NoValue {
                        attribute: attribute.to_string(),
                    })
                })?;
            if seen.contains(&name) {
                return Err(invalid(UriProblem::DuplicateAttribute {
                    attribute: name.into(),
                })
                .into());
            }
            seen.push(name);
            uri.set(name, value, in_query).map_err(invalid)?;
        }
        Ok(uri)
    }

    fn set(&mut self, name: &str, value: &str, in_query: bool) -> Result<(), UriProblem> {
        known(name, in_query)?;
        let attribute = || name.to_string();
        if value.is_empty() {
            return Err(UriProblem::EmptyValue {
                attribute: attribute(),
            });
        }
        if let Some(character) = value.chars().find(|&c| !allowed(c, in_query)) {
            return Err(UriProblem::BadCharacter {
                attribute: attribute(),
                character,
            });
        }
        let bytes = decode(value).map_err(|()| UriProblem::BadPercentEncoding {
            attribute: attribute(),
        })?;
        let text = || {
            String::from_utf8(bytes.clone()).map_err(|_| UriProblem::NotUtf8 {
                attribute: attribute(),
            })
        };
        // CK_TOKEN_INFO's fixed-size, blank-padded fields.
        let token_field = |max: usize| {
            if bytes.len() > max {
                return Err(UriProblem::TooLong {
                    attribute: attribute(),
                    max,
                });
            }
            text()
        };
        match (name, in_query) {
            ("token", false) => self.token = Some(token_field(32)?),
            ("manufacturer", false) => self.manufacturer = Some(token_field(32)?),
            ("model", false) => self.model = Some(token_field(16)?),
            ("serial", false) => self.serial = Some(token_field(16)?),
            ("object", false) => self.object = Some(text()?),
            ("id", false) => self.id = Some(bytes),
            ("type", false) => {
                let value = text()?;
                self.object_type =
                    Some(ObjectType::from_uri(&value).ok_or(UriProblem::BadType { value })?);
            }
            ("slot-id", false) => {
                let value = text()?;
                self.slot_id = Some(
                    value
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| value.parse().ok())
                        .flatten()
                        .ok_or(UriProblem::BadSlotId { value })?,
                );
            }
            ("module-path", true) => {
                let path = text()?;
                if !path.starts_with('/') {
                    return Err(UriProblem::RelativeModulePath { path });
                }
                self.module_path = Some(path.into());
            }
            ("pin-source", true) => {
                let value = text()?;
                let path = value
                    .strip_prefix("file://")
                    .filter(|p| p.starts_with('/'))
                    .or_else(|| value.strip_prefix("file:"))
                    .or_else(|| value.starts_with('/').then_some(value.as_str()))
                    // `-` would be stdin to the caller, read behind the back
                    // of its one-reader-of-stdin rule: a URI names a file.
                    .filter(|p| !p.is_empty() && *p != "-");
                match path {
                    Some(path) => self.pin_source = Some(path.into()),
                    None => return Err(UriProblem::BadPinSource { value }),
                }
            }
            // known() has refused every other name.
            _ => {
                return Err(UriProblem::UnknownAttribute {
                    attribute: attribute(),
                });
            }
        }
        Ok(())
    }
}

/// The URI in one canonical form, without its query (module and PIN file):
/// what messages and [`crate::keys::Signer::source`] show. Every byte but
/// RFC 3986's unreserved characters is percent-encoded, `id` entirely.
impl fmt::Display for Pkcs11Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(SCHEME)?;
        let mut separator = "";
        let mut attribute = |f: &mut fmt::Formatter<'_>, name: &str, value: &[u8], all: bool| {
            write!(f, "{separator}{name}=")?;
            separator = ";";
            value.iter().try_for_each(|&b| {
                if !all && unreserved(b as char) {
                    write!(f, "{}", b as char)
                } else {
                    write!(f, "%{b:02X}")
                }
            })
        };
        let text = [
            ("token", &self.token),
            ("manufacturer", &self.manufacturer),
            ("model", &self.model),
            ("serial", &self.serial),
        ];
        for (name, value) in text {
            if let Some(value) = value {
                attribute(f, name, value.as_bytes(), false)?;
            }
        }
        if let Some(slot) = self.slot_id {
            attribute(f, "slot-id", slot.to_string().as_bytes(), false)?;
        }
        if let Some(object) = &self.object {
            attribute(f, "object", object.as_bytes(), false)?;
        }
        if let Some(object_type) = self.object_type {
            attribute(f, "type", object_type.as_uri().as_bytes(), false)?;
        }
        if let Some(id) = &self.id {
            attribute(f, "id", id, true)?;
        }
        Ok(())
    }
}

/// Refuses, before its value is looked at, an attribute certsmith does not
/// take where it is given (a path attribute in the query, or the reverse).
fn known(name: &str, in_query: bool) -> Result<(), UriProblem> {
    const PATH: [&str; 8] = [
        "token",
        "manufacturer",
        "model",
        "serial",
        "object",
        "id",
        "type",
        "slot-id",
    ];
    const QUERY: [&str; 2] = ["module-path", "pin-source"];
    let attribute = || name.to_string();
    match in_query {
        false if PATH.contains(&name) => Ok(()),
        true if QUERY.contains(&name) => Ok(()),
        // Known, but on the wrong side of the `?`.
        true if PATH.contains(&name) => Err(UriProblem::WrongPart {
            attribute: attribute(),
            in_query,
        }),
        false if QUERY.contains(&name) => Err(UriProblem::WrongPart {
            attribute: attribute(),
            in_query,
        }),
        true if name == "module-name" => Err(UriProblem::ModuleName),
        false if UNSUPPORTED.contains(&name) => Err(UriProblem::UnsupportedAttribute {
            attribute: attribute(),
        }),
        _ if name.starts_with("x-") => Err(UriProblem::UnsupportedAttribute {
            attribute: attribute(),
        }),
        _ => Err(UriProblem::UnknownAttribute {
            attribute: attribute(),
        }),
    }
}

fn split_nonempty(text: &str, separator: char) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split(separator).collect()
    }
}

/// RFC 3986 §2.3.
fn unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// `pk11-pchar` / `pk11-qchar` of RFC 7512 §2.3 (`%` starts an escape,
/// checked when decoding).
fn allowed(c: char, in_query: bool) -> bool {
    unreserved(c)
        || matches!(
            c,
            '%' | ':' | '[' | ']' | '@' | '!' | '$' | '\'' | '(' | ')' | '*' | '+' | ',' | '='
        )
        || (!in_query && c == '&')
        || (in_query && matches!(c, '/' | '?' | '|'))
}

/// Percent-decoding: `%` and exactly two hex digits are one byte.
fn decode(value: &str) -> Result<Vec<u8>, ()> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(())?;
            let hex = std::str::from_utf8(hex).map_err(|_| ())?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(());
            }
            out.push(u8::from_str_radix(hex, 16).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "uri_tests.rs"]
mod tests;
