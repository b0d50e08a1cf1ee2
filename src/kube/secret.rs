//! A `kubernetes.io/tls` Secret: what `kubectl create secret tls` makes,
//! with `ca.crt`, a namespace and labels, as YAML or JSON.
//!
//! The names are checked as the API server checks them (Kubernetes'
//! `apimachinery/pkg/util/validation`), so that a Secret certsmith writes is
//! one that `kubectl apply` takes: the name a DNS-1123 subdomain, the
//! namespace a DNS-1123 label, label keys and values as labels have them.

use std::fmt::Write as _;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use zeroize::Zeroizing;

use super::yaml::quoted;
use super::{KeyPair, Pem};
use crate::{KubeError, Result};

const SUBDOMAIN: &str = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', \
     starting and ending with a letter or digit, at most 253 characters)";
const LABEL: &str = "a DNS-1123 label (lowercase letters, digits and '-', \
     starting and ending with a letter or digit, at most 63 characters)";
const LABEL_KEY: &str = "a label key (an optional DNS-1123 subdomain and '/', then at most 63 \
     letters, digits, '-', '_' and '.', starting and ending with a letter or digit)";
const LABEL_VALUE: &str = "a label value (empty, or at most 63 letters, digits, '-', '_' and '.', \
     starting and ending with a letter or digit)";

/// A DNS-1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
fn is_dns1123_label(s: &str) -> bool {
    s.len() <= 63 && is_dns1123_label_unbounded(s)
}

/// A DNS-1123 subdomain: labels joined by dots, at most 253 characters in
/// all (Kubernetes sets no limit of its own on each label here).
fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label_unbounded)
}

fn is_dns1123_label_unbounded(s: &str) -> bool {
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    s.starts_with(alphanumeric)
        && s.ends_with(alphanumeric)
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A label name or value: `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, at
/// most 63 characters.
fn is_label_name(s: &str) -> bool {
    s.len() <= 63
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn invalid(what: &'static str, value: &str, rule: &'static str) -> crate::Error {
    KubeError::InvalidName {
        what,
        value: value.to_owned(),
        rule,
    }
    .into()
}

/// A label, `KEY=VALUE`, checked as the API server checks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    key: String,
    value: String,
}

impl Label {
    /// `KEY=VALUE` (the value may be empty: `KEY=`).
    pub fn parse(text: &str) -> Result<Label> {
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| KubeError::LabelWithoutValue {
                label: text.to_owned(),
            })?;
        let key_is_valid = match key.split_once('/') {
            Some((prefix, name)) => is_dns1123_subdomain(prefix) && is_label_name(name),
            None => is_label_name(key),
        };
        if !key_is_valid {
            return Err(invalid("label key", key, LABEL_KEY));
        }
        if !(value.is_empty() || is_label_name(value)) {
            return Err(invalid("label value", value, LABEL_VALUE));
        }
        Ok(Label {
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }
}

/// The Secret's name, namespace and labels, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectMeta {
    name: String,
    namespace: Option<String>,
    labels: Vec<Label>,
}

impl ObjectMeta {
    /// The name must be a DNS-1123 subdomain, the namespace a DNS-1123
    /// label, and no label key given twice.
    pub fn new(name: &str, namespace: Option<&str>, labels: Vec<Label>) -> Result<ObjectMeta> {
        if !is_dns1123_subdomain(name) {
            return Err(invalid("Secret name", name, SUBDOMAIN));
        }
        if let Some(namespace) = namespace
            && !is_dns1123_label(namespace)
        {
            return Err(invalid("namespace", namespace, LABEL));
        }
        for (i, label) in labels.iter().enumerate() {
            if labels[..i].iter().any(|l| l.key == label.key) {
                return Err(KubeError::DuplicateLabel {
                    key: label.key.clone(),
                }
                .into());
            }
        }
        Ok(ObjectMeta {
            name: name.to_owned(),
            namespace: namespace.map(str::to_owned),
            labels,
        })
    }
}

/// The Secret; written by [`TlsSecret::to_yaml`] or [`TlsSecret::to_json`].
#[derive(Debug)]
pub struct TlsSecret {
    meta: ObjectMeta,
    tls_crt: Pem,
    tls_key: Pem,
    ca_crt: Option<Pem>,
}

impl TlsSecret {
    /// `tls.crt` is the pair's certificates (the certificate file, then the
    /// chain added to it), `tls.key` its key, `ca.crt` the CA file's
    /// certificates when there is one.
    pub fn new(meta: ObjectMeta, pair: KeyPair, ca: Option<Pem>) -> TlsSecret {
        TlsSecret {
            meta,
            tls_crt: pair.cert,
            tls_key: pair.key,
            ca_crt: ca,
        }
    }

    /// The Secret as YAML, its fields in the order of a manifest written by
    /// hand (design19.md §3.4), every name double-quoted.
    pub fn to_yaml(&self) -> Zeroizing<Vec<u8>> {
        let data = self.data();
        let mut out = Zeroizing::new(String::with_capacity(self.capacity(&data)));
        out.push_str("apiVersion: v1\nkind: Secret\nmetadata:\n");
        let _ = writeln!(out, "  name: {}", quoted(&self.meta.name));
        if let Some(namespace) = &self.meta.namespace {
            let _ = writeln!(out, "  namespace: {}", quoted(namespace));
        }
        if !self.meta.labels.is_empty() {
            out.push_str("  labels:\n");
            for label in &self.meta.labels {
                let _ = writeln!(out, "    {}: {}", quoted(&label.key), quoted(&label.value));
            }
        }
        out.push_str("type: kubernetes.io/tls\ndata:\n");
        for (key, value) in &data {
            let _ = writeln!(out, "  {key}: {}", value.as_str());
        }
        Zeroizing::new(std::mem::take(&mut *out).into_bytes())
    }

    /// The Secret as JSON: the same fields in the same order.
    pub fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let data = self.data();
        let (tls_crt, tls_key) = (self.tls_crt.base64(), self.tls_key.base64());
        let ca_crt = self.ca_crt.as_ref().map(|ca| ca.base64());
        let document = Document {
            api_version: "v1",
            kind: "Secret",
            metadata: Metadata {
                name: &self.meta.name,
                namespace: self.meta.namespace.as_deref(),
                labels: Labels(&self.meta.labels),
            },
            secret_type: "kubernetes.io/tls",
            data: Data {
                tls_crt: &tls_crt,
                tls_key: &tls_key,
                ca_crt: ca_crt.as_deref().map(String::as_str),
            },
        };
        let mut out = Zeroizing::new(Vec::with_capacity(self.capacity(&data)));
        serde_json::to_writer_pretty(&mut *out, &document).expect("JSON of strings");
        out.push(b'\n');
        out
    }

    /// Room for the whole document, so that the buffer holding the key's
    /// base64 is never reallocated (leaving a copy behind) as it grows.
    fn capacity(&self, data: &[(&'static str, Zeroizing<String>)]) -> usize {
        let meta = &self.meta;
        1024 + meta.name.len()
            + meta.namespace.as_ref().map_or(0, String::len)
            + meta
                .labels
                .iter()
                .map(|l| 2 * (l.key.len() + l.value.len()) + 16)
                .sum::<usize>()
            + data
                .iter()
                .map(|(_, value)| value.len() + 16)
                .sum::<usize>()
    }

    /// The data fields, base64, in the order they are written.
    fn data(&self) -> Vec<(&'static str, Zeroizing<String>)> {
        let mut data = vec![
            ("tls.crt", self.tls_crt.base64()),
            ("tls.key", self.tls_key.base64()),
        ];
        if let Some(ca) = &self.ca_crt {
            data.push(("ca.crt", ca.base64()));
        }
        data
    }
}

// The JSON form: structs rather than a serde_json map, which would sort
// the keys.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    metadata: Metadata<'a>,
    #[serde(rename = "type")]
    secret_type: &'static str,
    data: Data<'a>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<&'a str>,
    #[serde(skip_serializing_if = "Labels::is_empty")]
    labels: Labels<'a>,
}

/// Labels in the order given.
struct Labels<'a>(&'a [Label]);

impl Labels<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for label in self.0 {
            map.serialize_entry(&label.key, &label.value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Data<'a> {
    #[serde(rename = "tls.crt")]
    tls_crt: &'a str,
    #[serde(rename = "tls.key")]
    tls_key: &'a str,
    #[serde(rename = "ca.crt", skip_serializing_if = "Option::is_none")]
    ca_crt: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_kubernetes_rules() {
        for good in ["app-tls", "a", "0755", "app.example.com", "x1-2.y3"] {
            assert!(is_dns1123_subdomain(good), "{good}");
        }
        let long_label = "a".repeat(64);
        for bad in [
            "",
            "App",
            "app_tls",
            "-app",
            "app-",
            "app..tls",
            ".app",
            "app.",
            "app tls",
            "ápp",
            &format!("{}ab", "a.".repeat(126)),
        ] {
            assert!(!is_dns1123_subdomain(bad), "{bad}");
        }
        // A subdomain's labels have no 63-character limit of their own.
        assert!(is_dns1123_subdomain(&long_label));
        assert!(is_dns1123_label("web") && is_dns1123_label(&"a".repeat(63)));
        for bad in ["", "web.prod", "Web", &long_label, "-web"] {
            assert!(!is_dns1123_label(bad), "{bad}");
        }
    }

    #[test]
    fn labels_are_key_equals_value() {
        let label = Label::parse("app.kubernetes.io/name=web").unwrap();
        assert_eq!(
            (label.key.as_str(), label.value.as_str()),
            ("app.kubernetes.io/name", "web")
        );
        assert_eq!(Label::parse("tier=").unwrap().value, "");
        assert_eq!(
            Label::parse("a=b=c")
                .map_err(|e| e.to_string())
                .unwrap_err(),
            format!("label value \"b=c\" is not {LABEL_VALUE}")
        );
        for bad in [
            "tier",
            "=web",
            "/name=x",
            "Example.com/name=x",
            "a/b/c=x",
            "-x=y",
            "x=-y",
        ] {
            assert!(Label::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Label::parse("no-equals")
                .unwrap_err()
                .to_string()
                .contains("has no '='")
        );
    }
}
