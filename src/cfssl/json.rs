//! Reading cfssl's JSON the way Go's encoding/json does: object keys match
//! struct fields case-insensitively (`"cn"` works for `CN`), `null` means
//! "absent", and unknown keys are ignored. Unlike Go we report each ignored
//! key, so that a typo (`"usage"` for `"usages"`) does not pass in silence,
//! and name the known key it is closest to (issue 14).

use serde_json::{Map, Value};

use crate::{Error, Note, Result, x509::pemfile};

/// One JSON object being read field by field.
pub(crate) struct Object<'a> {
    map: &'a Map<String, Value>,
    used: Vec<bool>,
    /// The field names read so far: what an unknown key may be a typo of.
    known: Vec<String>,
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
            known: Vec::new(),
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
        if !self.known.iter().any(|k| k == name) {
            self.known.push(name.to_string());
        }
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

    /// Notes for every key no `get` asked for, naming the known key it is
    /// probably a typo of. Call once all fields are read.
    pub(crate) fn finish(self, notes: &mut Vec<Note>) {
        for ((key, _), used) in self.map.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let source = self.source.to_string();
            notes.push(match nearest(key, &self.known) {
                Some(known) => Note::UnknownJsonKeyNear {
                    source,
                    key: self.path_of(key),
                    known: self.path_of(known),
                },
                None => Note::UnknownJsonKey {
                    source,
                    key: self.path_of(key),
                },
            });
        }
    }
}

/// The known field that `unknown` most likely misspells: the same but for
/// `_`/`-` (`crl-url`), a plural or singular (`host`, `usage`), a nested
/// field written flat (`key_algo` for `key`), or at most one edit away (two
/// for names of five letters and more), counting a swap of neighbours as
/// one (`hsots`). Short names (`C`, `O`, `CN`) get no guess: every other
/// two-letter key is one edit from them.
fn nearest<'k>(unknown: &str, known: &'k [String]) -> Option<&'k str> {
    let squash = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let u = squash(unknown);
    let lower = unknown.to_ascii_lowercase();
    known
        .iter()
        .filter_map(|k| {
            let kk = squash(k);
            let shorter = u.len().min(kk.len());
            let plural = |a: &[char], b: &[char]| {
                b.len() == a.len() + 1 && b.ends_with(&['s']) && b.starts_with(a)
            };
            let nested = lower
                .strip_prefix(&k.to_ascii_lowercase())
                .is_some_and(|rest| rest.starts_with(['_', '-', '.']) && rest.len() > 1);
            let distance = if u == kk {
                0
            } else if shorter >= 3 && (plural(&u, &kk) || plural(&kk, &u)) {
                1
            } else if k.len() >= 2 && nested {
                2
            } else {
                let d = edit_distance(&u, &kk);
                let allowed = match shorter {
                    0..=2 => 0,
                    3..=4 => 1,
                    _ => 2,
                };
                if d > allowed {
                    return None;
                }
                d
            };
            Some((distance, k.as_str()))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbours each cost one.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
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
    matches!(
        crate::x509::san::San::classify(text),
        Ok(crate::x509::san::San::Uri(_))
    )
}

#[cfg(test)]
mod nearest_tests {
    use super::nearest;

    #[test]
    fn typos_of_known_keys_are_named_and_unrelated_keys_are_not() {
        let known: Vec<String> = [
            "CN",
            "names",
            "hosts",
            "key",
            "ca",
            "serialnumber",
            "crl_url",
        ]
        .map(String::from)
        .to_vec();
        for (typo, want) in [
            ("host", "hosts"),
            ("hsots", "hosts"),
            ("hots", "hosts"),
            ("name", "names"),
            ("Name", "names"),
            ("key_algo", "key"),
            ("keys", "key"),
            ("serial_number", "serialnumber"),
            ("crl-url", "crl_url"),
            ("crlurl", "crl_url"),
        ] {
            assert_eq!(nearest(typo, &known), Some(want), "{typo}");
        }
        for unrelated in ["extra", "comment", "O", "C", "x", "profile", "expiry"] {
            assert_eq!(nearest(unrelated, &known), None, "{unrelated}");
        }
        let profile: Vec<String> = ["expiry", "usages", "issuer_urls", "ca_constraint"]
            .map(String::from)
            .to_vec();
        for (typo, want) in [
            ("usage", "usages"),
            ("expires", "expiry"),
            ("expirey", "expiry"),
            ("issuer_url", "issuer_urls"),
            ("ca_constraints", "ca_constraint"),
        ] {
            assert_eq!(nearest(typo, &profile), Some(want), "{typo}");
        }
    }
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
