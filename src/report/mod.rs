//! Descriptions of the PKI objects found in a file (`certsmith inspect`):
//! certificates, CSRs, private keys, public keys and CRLs (and, from
//! outside, PKCS#12 files), as data that serializes to JSON for scripts and
//! renders as text for people.
//!
//! A certificate's JSON carries every field of `cfssl certinfo` with cfssl's
//! values (names, decimal serial, key identifiers in Go's `%X` format), so a
//! script written against cfssl keeps working. A private key is described by
//! its public half only: the secret is never copied into a report, and an
//! age-sealed key is not opened at all.
//!
//! One file per artifact (`certificate`, `csr`, `crl`, `key`) and the text
//! renderer (`text`); this file finds the objects in a file's
//! bytes (PEM blocks or DER, by sniffing) and holds what they share.

mod certificate;
mod crl;
mod csr;
mod key;
mod pkcs12;
mod text;

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::prelude::*;
use zeroize::Zeroizing;

use crate::hex;
use crate::keys::PrivateKey;
use crate::x509::oid;
use crate::x509::san::San;
use crate::{Result, keys::sealed, x509::pemfile};

pub use certificate::{CertificateReport, NameConstraintsReport, SubtreesReport};
pub use crl::{CrlReport, RevokedReport};
pub use csr::CsrReport;
pub use key::{PrivateKeyReport, PublicKeyReport};
pub use pkcs12::Pkcs12Report;
pub use text::{needs_escape, printable};

/// One object found in a file.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Report {
    Certificate(Box<CertificateReport>),
    Csr(CsrReport),
    PrivateKey(PrivateKeyReport),
    PublicKey(PublicKeyReport),
    Crl(CrlReport),
    /// A PKCS#12 file, described from outside: not opened (issue 19).
    Pkcs12(Pkcs12Report),
}

impl Report {
    /// What the object is, in words: "a certificate", "a CRL".
    pub fn kind(&self) -> &'static str {
        match self {
            Report::Certificate(_) => "a certificate",
            Report::Csr(_) => "a certificate request",
            Report::PrivateKey(_) => "a private key",
            Report::PublicKey(_) => "a public key",
            Report::Crl(_) => "a CRL",
            Report::Pkcs12(_) => "a PKCS#12 file",
        }
    }
}

impl Report {
    /// The certificate's report; `None` for other objects.
    pub fn certificate(&self) -> Option<&CertificateReport> {
        match self {
            Report::Certificate(c) => Some(c),
            _ => None,
        }
    }

    /// The certificate's notAfter, for `--expiring-within`; `None` for other objects.
    pub fn not_after(&self) -> Option<OffsetDateTime> {
        match self {
            Report::Certificate(c) => c.not_after_time,
            _ => None,
        }
    }
}

/// Where an object was found: the file, and the PEM block (1-based) when the
/// file holds several objects.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
}

/// A distinguished name as `cfssl certinfo` prints it (Go's `pkix.Name`):
/// repeated attributes joined with ",", the single-valued ones taking the
/// last value, and `names` holding every value in order.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Name {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub common_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub serial_number: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub organizational_unit: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub locality: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub province: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub street_address: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// A public key's type and size: `{"algorithm":"ECDSA","size":256,"curve":"P-256"}`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeyInfo {
    pub algorithm: String,
    pub size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<&'static str>,
    /// For text: "ECDSA P-256", "RSA 2048".
    #[serde(skip)]
    pub display: String,
}

/// Every PKI object in a file's bytes, in order. An empty list means the file
/// holds none (the caller decides whether that is an error); an object that
/// is there but broken is an error. `now` decides expiry warnings.
pub fn describe(bytes: &[u8], path: &str, now: OffsetDateTime) -> Result<Vec<Report>> {
    if crate::keys::quorum::is_quorum(bytes) {
        let file = crate::keys::quorum::QuorumFile::parse(bytes, path)?;
        return Ok(vec![Report::PrivateKey(key::quorum_key(
            &file,
            Location {
                path: path.into(),
                block: None,
            },
        ))]);
    }
    if sealed::is_sealed(bytes) {
        return Ok(vec![Report::PrivateKey(key::sealed_key(Location {
            path: path.into(),
            block: None,
        }))]);
    }
    if !pemfile::looks_like_pem(bytes) {
        let location = Location {
            path: path.into(),
            block: None,
        };
        return Ok(describe_der(bytes, location, now)?.into_iter().collect());
    }
    let blocks = pemfile::parse_all(bytes, path)?;
    let several = blocks.iter().filter(|b| is_pki_tag(b.tag())).count() > 1;
    let mut reports = Vec::new();
    let mut index = 0;
    for block in blocks {
        if !is_pki_tag(block.tag()) {
            continue;
        }
        index += 1;
        let location = Location {
            path: path.into(),
            block: several.then_some(index),
        };
        let encrypted = block
            .headers()
            .get("Proc-Type")
            .is_some_and(|v| v.contains("ENCRYPTED"));
        let tag = block.tag().to_string();
        // The block may be a private key: its bytes are cleared when dropped.
        let der = Zeroizing::new(block.into_contents());
        reports.push(match tag.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                Report::Certificate(Box::new(certificate::report(&der, location, path, now)?))
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                Report::Csr(csr::report(&der, location, path)?)
            }
            "X509 CRL" => Report::Crl(crl::report(&der, location, path, now)?),
            "PUBLIC KEY" => Report::PublicKey(key::public_key(&der, location, path)?),
            "AGE ENCRYPTED FILE" => Report::PrivateKey(key::sealed_key(location)),
            "ENCRYPTED PRIVATE KEY" => Report::PrivateKey(key::encrypted_key(location)),
            _ if encrypted => Report::PrivateKey(key::encrypted_key(location)),
            _ => Report::PrivateKey(key::private_key(
                &PrivateKey::from_bytes(&der, path)?,
                location,
            )),
        });
    }
    Ok(reports)
}

fn is_pki_tag(tag: &str) -> bool {
    matches!(
        tag,
        "CERTIFICATE"
            | "X509 CERTIFICATE"
            | "TRUSTED CERTIFICATE"
            | "CERTIFICATE REQUEST"
            | "NEW CERTIFICATE REQUEST"
            | "X509 CRL"
            | "PUBLIC KEY"
            | "AGE ENCRYPTED FILE"
            | "ENCRYPTED PRIVATE KEY"
            | "PRIVATE KEY"
            | "RSA PRIVATE KEY"
            | "EC PRIVATE KEY"
            | "Ed25519 PRIVATE KEY"
    )
}

/// A DER file: whichever structure it parses as (in [`pemfile::sniff_der`]'s
/// order, then a private key), or nothing.
fn describe_der(der: &[u8], location: Location, now: OffsetDateTime) -> Result<Option<Report>> {
    use pemfile::DerKind;
    if der.first() != Some(&0x30) {
        return Ok(None);
    }
    let path = location.path.clone();
    Ok(Some(match pemfile::sniff_der(der) {
        Some(DerKind::Certificate) => {
            Report::Certificate(Box::new(certificate::report(der, location, &path, now)?))
        }
        Some(DerKind::Csr) => Report::Csr(csr::report(der, location, &path)?),
        Some(DerKind::Crl) => Report::Crl(crl::report(der, location, &path, now)?),
        Some(DerKind::PublicKey) => Report::PublicKey(key::public_key(der, location, &path)?),
        None => {
            if let Some(outline) = crate::pkcs12::recognise(der) {
                return Ok(Some(Report::Pkcs12(pkcs12::report(outline, location))));
            }
            match PrivateKey::from_bytes(der, &path) {
                Ok(key) => Report::PrivateKey(key::private_key(&key, location)),
                Err(_) => return Ok(None),
            }
        }
    }))
}

/// cfssl's `certinfo.ParseName`, over Go's `pkix.Name.FillFromRDNSequence`.
fn cfssl_name(name: &X509Name<'_>) -> Name {
    let mut n = Name::default();
    let (mut c, mut o, mut ou, mut l, mut st, mut street, mut postal) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for rdn in name.iter_rdn() {
        for attr in rdn.iter() {
            let Ok(value) = attr.as_str().map(str::to_string) else {
                n.names.push(hex::lower(attr.attr_value().data));
                continue;
            };
            n.names.push(value.clone());
            let Some(kind) = oid::from_parser(attr.attr_type()) else {
                continue;
            };
            match kind {
                oid::CN => n.common_name = value,
                oid::SERIAL_NUMBER => n.serial_number = value,
                oid::C => c.push(value),
                oid::L => l.push(value),
                oid::ST => st.push(value),
                oid::STREET => street.push(value),
                oid::O => o.push(value),
                oid::OU => ou.push(value),
                oid::POSTAL_CODE => postal.push(value),
                _ => {}
            }
        }
    }
    n.country = c.join(",");
    n.organization = o.join(",");
    n.organizational_unit = ou.join(",");
    n.locality = l.join(",");
    n.province = st.join(",");
    n.street_address = street.join(",");
    n.postal_code = postal.join(",");
    n
}

/// cfssl's SAN list (DNS names, then IP addresses), emails, URIs, and all
/// of them in certsmith's `DNS:…` form for text.
fn split_sans(names: &[San]) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let dns = names.iter().filter_map(|n| match n {
        San::Dns(d) => Some(d.clone()),
        _ => None,
    });
    let ips = names.iter().filter_map(|n| match n {
        San::Ip(ip) => Some(ip.to_string()),
        _ => None,
    });
    let emails = names
        .iter()
        .filter_map(|n| match n {
            San::Email(e) => Some(e.clone()),
            _ => None,
        })
        .collect();
    let uris = names
        .iter()
        .filter_map(|n| match n {
            San::Uri(u) => Some(u.clone()),
            _ => None,
        })
        .collect();
    (
        dns.chain(ips).collect(),
        emails,
        uris,
        names.iter().map(San::to_string).collect(),
    )
}
