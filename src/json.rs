//! Reading cfssl's JSON the way Go's encoding/json does: object keys match
//! struct fields case-insensitively (`"cn"` works for `CN`), `null` means
//! "absent", and unknown keys are ignored. Unlike Go we report each ignored
//! key, so that a typo (`"usage"` for `"usages"`) does not pass in silence.

use serde_json::{Map, Value};

use crate::{Error, Note, Result, pemfile};

/// One JSON object being read field by field.
pub(crate) struct Object<'a> {
    map: &'a Map<String, Value>,
    used: Vec<bool>,
    /// The file (or "stdin") the object came from, for messages.
    source: &'a str,
    /// Dotted path of this object inside the document ("" for the root).
    path: String,
}

impl<'a> Object<'a> {
    pub(crate) fn new(value: &'a Value, source: &'a str, path: &str) -> Result<Self> {
        let map = value.as_object().ok_or_else(|| Error::JsonField {
            source: source.to_string(),
            field: path.to_string(),
            expected: "an object",
        })?;
        Ok(Object {
            map,
            used: vec![false; map.len()],
            source,
            path: path.to_string(),
        })
    }

    pub(crate) fn source(&self) -> &'a str {
        self.source
    }

    /// The dotted path of a field of this object, for messages.
    pub(crate) fn path_of(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{}", self.path, name)
        }
    }

    /// The value of field `name`, matched as Go does: exact spelling first,
    /// then case-insensitively. `null` counts as absent.
    pub(crate) fn get(&mut self, name: &str) -> Option<&'a Value> {
        let index = self
            .map
            .keys()
            .position(|k| k == name)
            .or_else(|| self.map.keys().position(|k| k.eq_ignore_ascii_case(name)))?;
        self.used[index] = true;
        let (_, value) = self.map.iter().nth(index)?;
        (!value.is_null()).then_some(value)
    }

    fn wrong(&self, name: &str, expected: &'static str) -> Error {
        Error::JsonField {
            source: self.source.to_string(),
            field: self.path_of(name),
            expected,
        }
    }

    pub(crate) fn string(&mut self, name: &str) -> Result<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.wrong(name, "a string")),
        }
    }

    /// A string field where "" means the same as absent (Go's zero value).
    pub(crate) fn non_empty_string(&mut self, name: &str) -> Result<Option<String>> {
        Ok(self.string(name)?.filter(|s| !s.is_empty()))
    }

    /// A URL field (crl_url, ocsp_url): it goes into certificates verbatim,
    /// so it must be a URI there (a scheme, ASCII, no spaces or controls).
    pub(crate) fn url(&mut self, name: &str) -> Result<Option<String>> {
        let url = self.non_empty_string(name)?;
        match &url {
            Some(u) if !is_url(u) => Err(self.wrong(name, URL)),
            _ => Ok(url),
        }
    }

    pub(crate) fn urls(&mut self, name: &str) -> Result<Vec<String>> {
        let urls = self.strings(name)?.unwrap_or_default();
        if urls.iter().any(|u| !is_url(u)) {
            return Err(self.wrong(name, "URLs such as \"http://ca.example.com/ca.crt\""));
        }
        Ok(urls)
    }

    pub(crate) fn bool(&mut self, name: &str) -> Result<bool> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.wrong(name, "true or false")),
        }
    }

    pub(crate) fn integer(&mut self, name: &str) -> Result<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.wrong(name, "an integer")),
        }
    }

    pub(crate) fn strings(&mut self, name: &str) -> Result<Option<Vec<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| self.wrong(name, "an array of strings")),
            Some(_) => Err(self.wrong(name, "an array of strings")),
        }
    }

    pub(crate) fn array(&mut self, name: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(self.wrong(name, "an array")),
        }
    }

    /// A member of a map whose keys were listed: it must be an object, and
    /// `null` (absent elsewhere) is an error here, since the key names it.
    pub(crate) fn member(&mut self, name: &str) -> Result<Object<'a>> {
        self.object(name)?
            .ok_or_else(|| self.wrong(name, "an object"))
    }

    pub(crate) fn object(&mut self, name: &str) -> Result<Option<Object<'a>>> {
        let path = self.path_of(name);
        match self.get(name) {
            None => Ok(None),
            Some(v) => Object::new(v, self.source, &path).map(Some),
        }
    }

    /// Notes for every key no `get` asked for. Call once all fields are read.
    pub(crate) fn finish(self, notes: &mut Vec<Note>) {
        for ((key, _), used) in self.map.iter().zip(&self.used) {
            if !used {
                notes.push(Note::UnknownJsonKey {
                    source: self.source.to_string(),
                    key: self.path_of(key),
                });
            }
        }
    }
}

/// Parses a whole document, naming the file and position on failure, or
/// what the file holds instead when it is PEM or DER (a CSR piped to
/// split-json, a CSR given as `--config`: issue 14).
pub(crate) fn parse(bytes: &[u8], source: &str) -> Result<Scrubbed> {
    serde_json::from_slice(bytes).map(Scrubbed).map_err(|e| {
        let source = source.to_string();
        // JSON cut short may hold PEM in its strings: it is still JSON.
        let json_like = matches!(
            bytes.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[' | b'"')
        );
        if json_like {
            Error::Json {
                source,
                message: e.to_string(),
            }
        } else if pemfile::looks_like_pem(bytes) {
            Error::PemNotJson {
                source,
                label: pemfile::first_label(bytes),
            }
        } else if pemfile::is_der_sequence(bytes) {
            Error::DerNotJson {
                source,
                kind: pemfile::der_kind(bytes),
            }
        } else {
            Error::Json {
                source,
                message: e.to_string(),
            }
        }
    })
}

/// A parsed document whose strings are wiped when it is dropped: cfssl's
/// JSON carries private keys (split-json's input) and auth keys (a config's
/// auth_keys), and serde_json's values are not zeroized on their own.
pub(crate) struct Scrubbed(Value);

impl std::ops::Deref for Scrubbed {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl Drop for Scrubbed {
    fn drop(&mut self) {
        fn scrub(v: &mut Value) {
            match v {
                Value::String(s) => zeroize::Zeroize::zeroize(s),
                Value::Array(items) => items.iter_mut().for_each(scrub),
                Value::Object(map) => map.values_mut().for_each(scrub),
                _ => {}
            }
        }
        scrub(&mut self.0);
    }
}

const URL: &str = "a URL such as \"http://crl.example.com/ca.crl\"";

fn is_url(text: &str) -> bool {
    // Active Directory publishes CRLs at `ldap:///CN=…` (no host: the
    // client's own directory); a SAN may not have an empty host, a
    // distribution point may.
    if let Some(dn) = text.strip_prefix("ldap:///") {
        return !dn.is_empty() && text.bytes().all(|b| b.is_ascii_graphic());
    }
    matches!(crate::san::San::classify(text), Ok(crate::san::San::Uri(_)))
}

#[cfg(test)]
mod url_tests {
    use super::is_url;

    #[test]
    fn distribution_point_urls_include_active_directorys_hostless_ldap() {
        for ok in [
            "http://crl.example/ca.crl",
            "ldap:///CN=Root,CN=CDP,DC=corp,DC=example?certificateRevocationList?base?objectClass=cRLDistributionPoint",
            "ldap://dc1.corp.example/CN=Root,DC=corp?certificateRevocationList",
        ] {
            assert!(is_url(ok), "{ok} refused");
        }
        for bad in [
            "ldap:///",
            "ldap:///CN=a b",
            "crl.example/ca.crl",
            "https:///x",
        ] {
            assert!(!is_url(bad), "{bad} accepted");
        }
    }
}
