//! cfssl's JSON on the wire and on stdout: the `{"cert","csr","key"}` object
//! its commands print, and the API envelope `{"success","result","errors",
//! "messages"}` its servers answer with. `split-json` reads both, and so do
//! `sign` and `remote sign` ([`sign_input`]), so that certsmith's output
//! pipes into certsmith.

use base64::Engine;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::cfssl::request::CertRequest;
use crate::keys::PrivateKey;
use crate::x509::certificate::Certificate;
use crate::x509::csr::CertificateRequest;
use crate::{Error, Note, Result, cfssl::json, keys::sealed};

/// What initca, genkey and sign print: only the parts that exist, keys in
/// alphabetical order (as cfssl prints them), one line.
#[derive(Default)]
pub struct Output {
    /// The certificate followed by its CA chain, without the root (as cfssl
    /// bundle's `bundle`): split-json writes it as NAME-bundle.pem.
    pub bundle: Option<String>,
    pub cert: Option<String>,
    pub csr: Option<String>,
    pub key: Option<Zeroizing<String>>,
}

impl Output {
    /// The JSON text followed by `\n`. Held in a zeroizing buffer: it may
    /// carry a private key.
    pub fn to_json(&self) -> Zeroizing<String> {
        let mut map = Map::new();
        if let Some(b) = &self.bundle {
            map.insert("bundle".into(), Value::String(b.clone()));
        }
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
    "-key.quorum",
    "-key.enc",
    ".csr",
    "-bundle.pem",
    "-root.pem",
    "-response.der",
];

/// The suffixes of the files that hold NAME's private key, plain or sealed.
pub const KEY_SUFFIXES: &[&str] = &["-key.pem", "-key.age", "-key.quorum", "-key.enc"];

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
    let result = result_of(obj)?.ok_or_else(|| Error::NothingToSplit {
        source: source.into(),
    })?;
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
        } else if crate::keys::quorum::is_quorum(key.trim_start().as_bytes()) {
            // A key sealed to a quorum (issue 20): NAME-key.quorum.
            push("-key.quorum", key, true);
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

/// What is inside cfssl's API envelope `{"success","result","errors",
/// "messages"}`, or the object itself when it is bare output. A failed
/// request is its error messages; a successful one without an object
/// `result` is `None`.
fn result_of(obj: &Map<String, Value>) -> Result<Option<&Map<String, Value>>> {
    if !is_envelope(obj) {
        return Ok(Some(obj));
    }
    if obj.get("success") != Some(&Value::Bool(true)) {
        let messages = error_messages(obj);
        return Err(Error::RequestFailed { messages });
    }
    Ok(obj.get("result").and_then(Value::as_object))
}

/// What `sign` and `remote sign` were given to sign, told apart in this one
/// place.
pub enum SignInput {
    /// A CSR JSON: the request that a key is made (or given) for.
    CsrJson {
        request: CertRequest,
        notes: Vec<Note>,
    },
    /// A certificate request: PEM or DER, or the `csr` of certsmith's or
    /// cfssl's JSON output (`genkey`, `csr`, `gencert`), bare or in an API
    /// envelope.
    Csr {
        csr: CertificateRequest,
        /// The output's private key beside its `csr`, as it was (PEM, or
        /// armored age), so that it goes on down the pipe instead of being
        /// lost. A plaintext one has been checked to be the CSR's key.
        key: Option<Zeroizing<String>>,
    },
}

/// The members of a JSON object that make it cfssl's output rather than a
/// CSR JSON (whose `key` is an object, never a string). split-json's names.
const OUTPUT_MEMBERS: &[&str] = &[
    "cert",
    "certificate",
    "csr",
    "certificate_request",
    "private_key",
    "encrypted_key",
    "bundle",
    "ocspResponse",
];

/// Tells a CSR JSON from a CSR (PEM or DER) and from JSON output that
/// carries one, and reads it.
///
/// A document whose first character is `{` is JSON. JSON output is told
/// from a CSR JSON by its members (cfssljson's names, as in [`split`]) or
/// by an API envelope around it; its `csr` (else `certificate_request`) is
/// the request. Anything else is read as a CSR, which names what the file
/// holds when it is not one (a certificate, a key).
pub fn sign_input(bytes: &[u8], source: &str) -> Result<SignInput> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Ok(SignInput::Csr {
            csr: CertificateRequest::from_bytes(bytes, source)?,
            key: None,
        });
    }
    let value = json::parse(bytes, source)?;
    sign_json(&value, source, || CertRequest::from_json(bytes, source))
}

/// A line of `sign --batch`'s JSON lines: what genkey or csr print with a
/// `"name"` added (`{"name":"app","csr":…}`), or a CSR JSON with an
/// optional `"name"`. Returns the name and what [`sign_input`] reads from
/// the rest; the name is no member of a CSR JSON, so it is taken out before
/// the CSR JSON is read (which would note it as an unknown key).
pub fn batch_line(bytes: &[u8], source: &str) -> Result<(Option<String>, SignInput)> {
    let value = json::parse(bytes, source)?;
    let obj = value.as_object().ok_or_else(|| Error::JsonField {
        source: source.into(),
        field: String::new(),
        expected: "an object",
    })?;
    let name = match obj.get("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.clone()),
        Some(_) => {
            return Err(Error::JsonField {
                source: source.into(),
                field: "name".into(),
                expected: "a string",
            });
        }
    };
    let input = sign_json(&value, source, || {
        let mut rest = obj.clone();
        rest.remove("name");
        let rest = serde_json::to_vec(&rest).expect("a JSON object serializes");
        CertRequest::from_json(&rest, source)
    })?;
    Ok((name, input))
}

/// [`sign_input`] of a JSON document, parsed: `csr_json` reads it as a CSR
/// JSON when it is not output that carries a request.
fn sign_json(
    value: &Value,
    source: &str,
    csr_json: impl FnOnce() -> Result<(CertRequest, Vec<Note>)>,
) -> Result<SignInput> {
    let Some(obj) = value.as_object().filter(|obj| {
        is_envelope(obj)
            || OUTPUT_MEMBERS.iter().any(|m| obj.contains_key(*m))
            || obj.get("key").is_some_and(Value::is_string)
    }) else {
        let (request, notes) = csr_json()?;
        return Ok(SignInput::CsrJson { request, notes });
    };
    let no_csr = || Error::OutputWithoutCsr {
        source: source.into(),
    };
    let result = result_of(obj)?.ok_or_else(no_csr)?;
    let text = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            result
                .get(*k)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
    };
    let csr_text = text(&["csr", "certificate_request"]).ok_or_else(no_csr)?;
    let csr = CertificateRequest::from_bytes(csr_text.as_bytes(), &format!("{source}: `csr`"))?;
    let key = match text(&["key", "private_key"]) {
        None => None,
        Some(key) if sealed::is_sealed(key.as_bytes()) => Some(Zeroizing::new(key.to_owned())),
        Some(key) => {
            let private = PrivateKey::from_bytes(key.as_bytes(), &format!("{source}: `key`"))?;
            if private.spki_der() != csr.spki_der.as_slice() {
                return Err(Error::KeyNotForCsr {
                    source: source.into(),
                });
            }
            Some(Zeroizing::new(key.to_owned()))
        }
    };
    Ok(SignInput::Csr { csr, key })
}

/// cfssl's API envelope: `success` with a `result` or `errors`.
fn is_envelope(obj: &Map<String, Value>) -> bool {
    obj.contains_key("success") && (obj.contains_key("result") || obj.contains_key("errors"))
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
    fn sign_input_tells_a_csr_json_from_output_by_its_members() {
        let key = PrivateKey::generate(crate::keys::KeyAlgorithm::EcdsaP256).unwrap();
        let (request, _) = CertRequest::from_json(br#"{"CN":"a.example"}"#, "t").unwrap();
        let csr = CertificateRequest::made_for(&request, &key)
            .unwrap()
            .to_pem();
        // A CSR JSON's `key` is an object: still a CSR JSON.
        let csr_json = br#" {"CN":"a.example","key":{"algo":"ecdsa","size":256}}"#;
        assert!(matches!(
            sign_input(csr_json, "t").unwrap(),
            SignInput::CsrJson { .. }
        ));
        for (doc, with_key) in [
            (serde_json::json!({"csr": csr}), false),
            (serde_json::json!({"certificate_request": csr}), false),
            (
                serde_json::json!({"success": true, "result": {"csr": csr, "key": key.to_pem().as_str()}, "errors": []}),
                true,
            ),
        ] {
            match sign_input(doc.to_string().as_bytes(), "t").unwrap() {
                SignInput::Csr { key: k, .. } => assert_eq!(k.is_some(), with_key, "{doc}"),
                SignInput::CsrJson { .. } => panic!("read as a CSR JSON: {doc}"),
            }
        }
        // A string `key` makes output, which must then carry a `csr`.
        let key_only = serde_json::json!({"key": key.to_pem().as_str()}).to_string();
        assert!(matches!(
            sign_input(key_only.as_bytes(), "t"),
            Err(Error::OutputWithoutCsr { .. })
        ));
        assert!(matches!(
            sign_input(br#"{"success":true,"result":null,"errors":[]}"#, "t"),
            Err(Error::OutputWithoutCsr { .. })
        ));
    }

    #[test]
    fn a_batch_line_gives_its_name_and_the_rest_as_sign_reads_it() {
        let key = PrivateKey::generate(crate::keys::KeyAlgorithm::EcdsaP256).unwrap();
        let (request, _) = CertRequest::from_json(br#"{"CN":"a.example"}"#, "t").unwrap();
        let csr = CertificateRequest::made_for(&request, &key)
            .unwrap()
            .to_pem();
        let line = serde_json::json!({"name": "app", "csr": csr, "key": key.to_pem().as_str()});
        match batch_line(line.to_string().as_bytes(), "stdin line 1").unwrap() {
            (Some(name), SignInput::Csr { key: Some(_), .. }) => assert_eq!(name, "app"),
            _ => panic!("not read as output with a name and a key"),
        }
        // A CSR JSON with a name: no note about an unknown key `name`.
        match batch_line(br#"{"name":"web","CN":"web.example"}"#, "l").unwrap() {
            (Some(name), SignInput::CsrJson { request, notes }) => {
                assert_eq!(name, "web");
                assert_eq!(request.common_name.as_deref(), Some("web.example"));
                assert!(notes.is_empty(), "{notes:?}");
            }
            _ => panic!("not read as a CSR JSON"),
        }
        assert!(matches!(
            batch_line(br#"{"CN":"x"}"#, "l").unwrap(),
            (None, SignInput::CsrJson { .. })
        ));
        for (bad, field) in [(&br#"{"name":7,"CN":"x"}"#[..], "name"), (b"[1]", "")] {
            assert!(
                matches!(batch_line(bad, "l"), Err(Error::JsonField { field: f, .. }) if f == field),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

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
