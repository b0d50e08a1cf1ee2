//! The CSR JSON file: who a certificate is for, what key to make, and (for
//! CAs) the `ca` section. Read exactly as cfssl reads it (README, "CSR JSON").

use std::time::Duration;

use crate::cfssl::json::{self, Object};
use crate::keys::KeyAlgorithm;
use crate::{Error, Note, Result, cfssl::duration};

/// One entry of `names`: the subject attributes below the CN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameEntry {
    pub country: Option<String>,
    pub state: Option<String>,
    pub locality: Option<String>,
    pub organization: Option<String>,
    pub organizational_unit: Option<String>,
    pub email: Option<String>,
}

/// pathlen for a CA certificate: `None` is "no limit".
pub type PathLen = Option<u8>;

/// The `ca` section: what a CA request asks of its own certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaSection {
    /// `None` when the section does not mention pathlen (the profile decides).
    pub path_len: Option<PathLen>,
    pub expiry: Option<Duration>,
    pub backdate: Option<Duration>,
}

/// A parsed CSR JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRequest {
    pub common_name: Option<String>,
    pub names: Vec<NameEntry>,
    /// `None` when absent or `null`; `Some(vec![])` is an explicit empty list.
    pub hosts: Option<Vec<String>>,
    pub key: KeyAlgorithm,
    pub ca: Option<CaSection>,
    /// The subject serialNumber attribute (not the certificate serial).
    pub serial_number: Option<String>,
    /// cfssl 1.6: a CRL distribution point for an initca certificate.
    pub crl_url: Option<String>,
}

impl CertRequest {
    /// Parses a CSR JSON document; `source` names it in messages.
    pub fn from_json(bytes: &[u8], source: &str) -> Result<(Self, Vec<Note>)> {
        let value = json::parse(bytes, source)?;
        let mut notes = Vec::new();
        let mut root = Object::new(&value, source, "")?;

        let common_name = root.non_empty_string("CN")?;
        let mut names = Vec::new();
        if let Some(entries) = root.array("names")? {
            for (i, entry) in entries.iter().enumerate() {
                let mut o = Object::new(entry, source, &format!("names[{i}]"))?;
                names.push(NameEntry {
                    country: o.non_empty_string("C")?,
                    state: o.non_empty_string("ST")?,
                    locality: o.non_empty_string("L")?,
                    organization: o.non_empty_string("O")?,
                    organizational_unit: o.non_empty_string("OU")?,
                    email: o.non_empty_string("E")?,
                });
                // cfssl reads SerialNumber here and then drops it; so do we, quietly.
                o.get("SerialNumber");
                o.finish(&mut notes);
            }
        }
        let mut hosts = root.strings("hosts")?;
        if let Some(list) = &mut hosts {
            for (index, _) in list.iter().enumerate().filter(|(_, h)| h.is_empty()) {
                notes.push(Note::EmptyHostSkipped {
                    source: source.into(),
                    index,
                });
            }
            list.retain(|h| !h.is_empty());
        }
        let key = match root.object("key")? {
            None => KeyAlgorithm::EcdsaP256,
            Some(mut k) => {
                let algo = k.string("algo")?.unwrap_or_else(|| "ecdsa".into());
                let size = k.integer("size")?;
                k.finish(&mut notes);
                KeyAlgorithm::from_spec(&algo, size).map_err(|reason| Error::InvalidKeySpec {
                    source: source.into(),
                    reason,
                })?
            }
        };
        let ca = match root.object("ca")? {
            None => None,
            Some(mut c) => {
                let path_len = c.integer("pathlen")?;
                let zero = c.bool("pathlenzero")?;
                let path_len = match path_len {
                    Some(n) if !(0..=255).contains(&n) => {
                        return Err(Error::JsonField {
                            source: source.into(),
                            field: "ca.pathlen".into(),
                            expected: "an integer from 0 to 255",
                        });
                    }
                    None if !zero => None,
                    // cfssl: pathlen 0 means "no limit" unless pathlenzero is set.
                    Some(0) | None => Some(zero.then_some(0)),
                    Some(n) => Some(Some(n as u8)),
                };
                let expiry = duration_field(&mut c, "expiry")?;
                let backdate = duration_field(&mut c, "backdate")?;
                c.finish(&mut notes);
                Some(CaSection {
                    path_len,
                    expiry,
                    backdate,
                })
            }
        };
        let serial_number = root.non_empty_string("serialnumber")?;
        let crl_url = root.url("crl_url")?;
        root.finish(&mut notes);
        let request = CertRequest {
            common_name,
            names,
            hosts,
            key,
            ca,
            serial_number,
            crl_url,
        };
        // Refuse a bad name now, naming the file, rather than after a key is made.
        crate::x509::name::Subject::from_request(&request).map_err(|e| e.within(source))?;
        for host in request.hosts.iter().flatten() {
            crate::x509::san::San::classify(host).map_err(|e| e.within(source))?;
        }
        Ok((request, notes))
    }
}

/// A Go duration field, with the field's path in the error.
pub(crate) fn duration_field(o: &mut Object<'_>, name: &str) -> Result<Option<Duration>> {
    match o.non_empty_string(name)? {
        None => Ok(None),
        Some(text) => duration::parse(&text)
            .map(Some)
            .map_err(|reason| Error::InvalidDuration {
                source: o.source().to_string(),
                field: o.path_of(name),
                value: text,
                reason,
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_and_unknown_keys_noted() {
        let (req, notes) = CertRequest::from_json(
            br#"{"cn":"x","NAMES":[{"o":"org","c":"US"}],"Hosts":["a"],"extra":1,"key":{"ALGO":"rsa","size":3072}}"#,
            "t.json",
        )
        .unwrap();
        assert_eq!(req.common_name.as_deref(), Some("x"));
        assert_eq!(req.names[0].organization.as_deref(), Some("org"));
        assert_eq!(req.hosts, Some(vec!["a".to_string()]));
        assert_eq!(req.key, KeyAlgorithm::Rsa(3072));
        assert_eq!(
            notes,
            vec![Note::UnknownJsonKey {
                source: "t.json".into(),
                key: "extra".into()
            }]
        );
    }

    #[test]
    fn ca_pathlen_semantics() {
        let parse = |s: &str| {
            CertRequest::from_json(s.as_bytes(), "t")
                .unwrap()
                .0
                .ca
                .unwrap()
                .path_len
        };
        assert_eq!(parse(r#"{"ca":{"expiry":"1h"}}"#), None);
        assert_eq!(parse(r#"{"ca":{"pathlen":0}}"#), Some(None));
        assert_eq!(
            parse(r#"{"ca":{"pathlen":0,"pathlenzero":true}}"#),
            Some(Some(0))
        );
        assert_eq!(parse(r#"{"ca":{"pathlen":2}}"#), Some(Some(2)));
    }

    #[test]
    fn null_hosts_is_absent() {
        let (req, _) = CertRequest::from_json(br#"{"CN":"x","hosts":null}"#, "t").unwrap();
        assert_eq!(req.hosts, None);
    }
}
