//! cfssl's JSON on the wire and on stdout: the `{"cert","csr","key"}` object
//! its commands print, and the API envelope `{"success","result","errors",
//! "messages"}` its servers answer with. `split-json` reads both.

use base64::Engine;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::cert::Certificate;
use crate::csr::CertificateRequest;
use crate::keys::PrivateKey;
use crate::{Error, Result, json};

/// What initca, genkey and sign print: only the parts that exist, keys in
/// alphabetical order (as cfssl prints them), one line.
#[derive(Default)]
pub struct Output {
    pub cert: Option<String>,
    pub csr: Option<String>,
    pub key: Option<Zeroizing<String>>,
}

impl Output {
    /// The JSON text followed by `\n`. Held in a zeroizing buffer: it may
    /// carry a private key.
    pub fn to_json(&self) -> Zeroizing<String> {
        let mut map = Map::new();
        if let Some(c) = &self.cert {
            map.insert("cert".into(), Value::String(c.clone()));
        }
        if let Some(c) = &self.csr {
            map.insert("csr".into(), Value::String(c.clone()));
        }
        if let Some(k) = &self.key {
            map.insert("key".into(), Value::String(k.to_string()));
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
        text
    }
}

/// Every file name suffix [`split`] gives a part: the files of one NAME.
pub const SUFFIXES: &[&str] = &[
    ".pem",
    "-key.pem",
    "-key.age",
    "-key.enc",
    ".csr",
    "-bundle.pem",
    "-root.pem",
    "-response.der",
];

/// The suffixes of the files that hold NAME's private key, plain or sealed.
pub const KEY_SUFFIXES: &[&str] = &["-key.pem", "-key.age", "-key.enc"];

/// One file `split-json` writes. `Debug` leaves a key's contents out.
#[derive(PartialEq, Eq)]
pub struct Part {
    /// File name suffix after NAME: ".pem", "-key.pem", "-key.age", ….
    pub suffix: &'static str,
    pub contents: Zeroizing<Vec<u8>>,
    /// 0600 for keys, 0644 for the rest.
    pub mode: u32,
    pub secret: bool,
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let contents: &dyn std::fmt::Debug = if self.secret {
            &"[secret elided]"
        } else {
            &String::from_utf8_lossy(&self.contents)
        };
        f.debug_struct("Part")
            .field("suffix", &self.suffix)
            .field("contents", contents)
            .field("mode", &format_args!("{:o}", self.mode))
            .finish()
    }
}

/// The parts of a cfssl JSON document, in cfssljson's mapping (README,
/// "split-json"): a bare object or an API envelope, cfssl 1.2 or 1.6 bundles.
pub fn split(bytes: &[u8], source: &str) -> Result<Vec<Part>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::EmptyInput {
            source: source.into(),
        });
    }
    let value = json::parse(bytes, source)?;
    let obj = value.as_object().ok_or_else(|| Error::JsonField {
        source: source.into(),
        field: String::new(),
        expected: "an object",
    })?;
    let result = if obj.contains_key("success")
        && (obj.contains_key("result") || obj.contains_key("errors"))
    {
        if obj.get("success") != Some(&Value::Bool(true)) {
            let messages = error_messages(obj);
            return Err(Error::RequestFailed { messages });
        }
        obj.get("result")
            .and_then(Value::as_object)
            .ok_or_else(|| Error::NothingToSplit {
                source: source.into(),
            })?
    } else {
        obj
    };
    // cfssl prints "" for parts it did not make (`cfssl bundle` says "key":""):
    // an empty string is no part, as in cfssljson.
    let non_empty = |v: &Value| {
        v.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
    };
    let text = |keys: &[&str]| keys.iter().find_map(|k| result.get(*k).and_then(non_empty));
    let mut parts = Vec::new();
    let mut push = |suffix, contents: String, secret: bool| {
        parts.push(Part {
            suffix,
            contents: Zeroizing::new(contents.into_bytes()),
            mode: if secret { 0o600 } else { 0o644 },
            secret,
        });
    };
    if let Some(cert) = text(&["cert", "certificate"]) {
        push(".pem", cert, false);
    }
    if let Some(key) = text(&["key", "private_key"]) {
        if key
            .trim_start()
            .starts_with("-----BEGIN AGE ENCRYPTED FILE-----")
        {
            // An age-sealed key goes to NAME-key.age, never to a .pem name.
            push("-key.age", key, true);
        } else {
            // Never write something that is not a key under a key's name.
            PrivateKey::from_bytes(key.as_bytes(), &format!("{source}: `key`"))?;
            push("-key.pem", key, true);
        }
    }
    if let Some(key) = text(&["encrypted_key"]) {
        push("-key.enc", key, true);
    }
    if let Some(csr) = text(&["csr", "certificate_request"]) {
        push(".csr", csr, false);
    }
    // cfssl 1.2 puts the bundle PEM in "bundle"; 1.6 nests it as bundle.bundle.
    let nested = result.get("bundle").and_then(Value::as_object);
    let nested_text = |key: &str| nested.and_then(|b| b.get(key)).and_then(non_empty);
    let bundle = text(&["bundle"]).or_else(|| nested_text("bundle"));
    if let Some(b) = bundle {
        push("-bundle.pem", b, false);
    }
    let root = text(&["root"]).or_else(|| nested_text("root"));
    if let Some(r) = root {
        push("-root.pem", r, false);
    }
    if let Some(ocsp) = text(&["ocspResponse"]) {
        let der = base64::engine::general_purpose::STANDARD
            .decode(ocsp.trim())
            .map_err(|_| Error::JsonField {
                source: source.into(),
                field: "ocspResponse".into(),
                expected: "base64",
            })?;
        parts.push(Part {
            suffix: "-response.der",
            contents: Zeroizing::new(der),
            mode: 0o644,
            secret: false,
        });
    }
    // Never write something that is not what its file name says.
    for part in &parts {
        let what = |field: &str| format!("{source}: `{field}`");
        match part.suffix {
            ".pem" => drop(Certificate::all_from_bytes(&part.contents, &what("cert"))?),
            "-bundle.pem" => drop(Certificate::all_from_bytes(
                &part.contents,
                &what("bundle"),
            )?),
            "-root.pem" => drop(Certificate::all_from_bytes(&part.contents, &what("root"))?),
            ".csr" => drop(CertificateRequest::from_bytes(
                &part.contents,
                &what("csr"),
            )?),
            _ => {}
        }
    }
    if parts.is_empty() {
        return Err(Error::NothingToSplit {
            source: source.into(),
        });
    }
    Ok(parts)
}

/// The `errors[].message` strings of a failed API envelope.
pub fn error_messages(envelope: &Map<String, Value>) -> Vec<String> {
    envelope
        .get("errors")
        .and_then(Value::as_array)
        .map(|errs| {
            errs.iter()
                .filter_map(|e| e.get("message").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_a_key_part_shows_no_key() {
        let key = PrivateKey::generate(crate::keys::KeyAlgorithm::EcdsaP256).unwrap();
        let json = serde_json::json!({"key": key.to_pem().as_str()}).to_string();
        let parts = split(json.as_bytes(), "test").unwrap();
        let shown = format!("{parts:?}");
        assert!(
            shown.contains("-key.pem") && shown.contains("[secret elided]"),
            "{shown}"
        );
        let body = key.to_pem().lines().nth(1).unwrap().to_owned();
        assert!(!shown.contains(&body[..20]), "{shown}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
    }
}
