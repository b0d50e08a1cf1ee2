//! Descriptions of the PKI objects found in a file (`certsmith inspect`):
//! certificates, CSRs, private keys, public keys and CRLs, as data that
//! serializes to JSON for scripts and renders as text for people.
//!
//! A certificate's JSON carries every field of `cfssl certinfo` with cfssl's
//! values (names, decimal serial, key identifiers in Go's `%X` format), so a
//! script written against cfssl keeps working. A private key is described by
//! its public half only: the secret is never copied into a report, and an
//! age-sealed key is not opened at all.

use std::fmt::Write as _;

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::prelude::*;
use zeroize::Zeroizing;

use crate::hex;
use crate::keys::{KeyAlgorithm, PrivateKey};
use crate::time::rfc3339;
use crate::x509::certificate::{BasicConstraints, Extensions};
use crate::x509::crl::Reason;
use crate::x509::csr::CertificateRequest;
use crate::x509::name_constraints::Subtrees;
use crate::x509::oid;
use crate::x509::san::San;
use crate::x509::usage::{KeyUsageBit, extended_usage_names};
use crate::{Result, keys::sealed, x509::pemfile, x509::signature};

/// One object found in a file.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Report {
    Certificate(Box<CertificateReport>),
    Csr(CsrReport),
    PrivateKey(PrivateKeyReport),
    PublicKey(PublicKeyReport),
    Crl(CrlReport),
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

#[derive(Debug, Clone, Serialize)]
pub struct CertificateReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    // --- cfssl certinfo's fields, with its values
    pub subject: Name,
    pub issuer: Name,
    /// Decimal, as cfssl prints it.
    pub serial_number: String,
    /// DNS names then IP addresses, as cfssl prints them.
    pub sans: Vec<String>,
    pub not_before: String,
    pub not_after: String,
    pub sigalg: String,
    pub authority_key_id: String,
    pub subject_key_id: String,
    pub pem: String,
    // --- certsmith's additions
    /// Uppercase hex, as `openssl x509 -noout -serial` prints it.
    pub serial: String,
    pub email_addresses: Vec<String>,
    pub uris: Vec<String>,
    /// SHA-256 of the DER certificate, as `openssl x509 -fingerprint -sha256`.
    pub sha256: String,
    pub key: KeyInfo,
    pub is_ca: bool,
    /// The pathlen of a CA certificate, when it has one.
    pub path_len: Option<u8>,
    /// cfssl's usage names: KeyUsage bits, then ExtendedKeyUsage purposes.
    pub usages: Vec<String>,
    pub name_constraints: Option<NameConstraintsReport>,
    /// Seconds until notAfter (negative once expired).
    pub expires_in_seconds: i64,
    pub warnings: Vec<String>,
    #[serde(skip)]
    subject_text: String,
    #[serde(skip)]
    issuer_text: String,
    #[serde(skip)]
    not_before_time: Option<OffsetDateTime>,
    #[serde(skip)]
    not_after_time: Option<OffsetDateTime>,
    #[serde(skip)]
    all_sans: Vec<String>,
    #[serde(skip)]
    subject_key_id_bytes: Vec<u8>,
    #[serde(skip)]
    authority_key_id_bytes: Vec<u8>,
    #[serde(skip)]
    now: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameConstraintsReport {
    pub critical: bool,
    pub permitted: SubtreesReport,
    pub excluded: SubtreesReport,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SubtreesReport {
    pub dns: Vec<String>,
    pub ip: Vec<String>,
    pub email: Vec<String>,
    pub uri: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CsrReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    pub subject: Name,
    /// DNS names then IP addresses, as for certificates.
    pub sans: Vec<String>,
    pub email_addresses: Vec<String>,
    pub uris: Vec<String>,
    pub key: KeyInfo,
    /// The request asks for CA:TRUE.
    pub is_ca_request: bool,
    pub path_len: Option<u8>,
    pub sigalg: String,
    /// SHA-256 of the request's SubjectPublicKeyInfo (as `certsmith key fingerprint`).
    pub public_key_sha256: String,
    pub pem: String,
    pub warnings: Vec<String>,
    #[serde(skip)]
    subject_text: String,
    #[serde(skip)]
    all_sans: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrivateKeyReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    /// `None` when the key is sealed or PEM-encrypted: it is not opened.
    pub key: Option<KeyInfo>,
    /// SHA-256 of the public key's SubjectPublicKeyInfo, when the key is readable.
    pub public_key_sha256: Option<String>,
    /// Age-encrypted (certsmith's sealed keys).
    pub sealed: bool,
    /// PEM-encrypted (`ENCRYPTED PRIVATE KEY`, or `Proc-Type: 4,ENCRYPTED`).
    pub pem_encrypted: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicKeyReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    pub key: KeyInfo,
    /// SHA-256 of the SubjectPublicKeyInfo.
    pub sha256: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrlReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    pub issuer: Name,
    pub this_update: String,
    pub next_update: Option<String>,
    /// Decimal.
    pub crl_number: Option<String>,
    pub sigalg: String,
    pub authority_key_id: String,
    pub revoked: Vec<RevokedReport>,
    pub sha256: String,
    pub warnings: Vec<String>,
    #[serde(skip)]
    issuer_text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RevokedReport {
    /// Uppercase hex, as openssl prints it.
    pub serial: String,
    pub revoked_at: String,
    /// RFC 5280's name (`keyCompromise`), or `None` without a reason code.
    pub reason: Option<String>,
}

/// The two fingerprints people compare, named so that one is never taken for
/// the other (issue 14): SHA-256 over the DER certificate (openssl's
/// `-fingerprint -sha256`), and over the SubjectPublicKeyInfo (the same for a
/// key, its CSR and its certificates; `certsmith key fingerprint`).
const CERTIFICATE_SHA256: &str = "certificate SHA-256";
const PUBLIC_KEY_SHA256: &str = "public key SHA-256";

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

    /// The description for people: a header line with the location, then
    /// one indented `label: value` line per field.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut field = |label: &str, value: &str| {
            // An empty label continues the previous field (a CRL's revoked list).
            let label = if label.is_empty() {
                String::new()
            } else {
                format!("{label}:")
            };
            // Names come from strangers' certificates: one field, one line.
            let value = printable(value);
            // A label too long for the column (the SHA-256 ones) keeps one space.
            let _ = if label.len() < 18 {
                writeln!(out, "  {label:<18}{value}")
            } else {
                writeln!(out, "  {label} {value}")
            };
        };
        let (location, warnings) = match self {
            Report::Certificate(c) => {
                field("kind", "certificate");
                field("subject", &c.subject_text);
                field("issuer", &c.issuer_text);
                field("serial", &c.serial);
                if !c.all_sans.is_empty() {
                    field("SANs", &c.all_sans.join(", "));
                }
                field("not before", &c.not_before);
                field("not after", &format!("{} ({})", c.not_after, c.time_left()));
                field("key", &c.key.display);
                let (ku, eku) = split_usages(&c.usages);
                if !ku.is_empty() {
                    field("key usages", &ku.join(", "));
                }
                if !eku.is_empty() {
                    field("extended usages", &eku.join(", "));
                }
                field(
                    "CA",
                    &match (c.is_ca, c.path_len) {
                        (false, _) => "no".to_string(),
                        (true, None) => "yes".to_string(),
                        (true, Some(n)) => format!("yes, pathlen {n}"),
                    },
                );
                if let Some(nc) = &c.name_constraints {
                    field("name constraints", &nc.to_text());
                }
                // openssl's padded form for people; cfssl's unpadded one is in the JSON.
                if !c.subject_key_id_bytes.is_empty() {
                    field("subject key id", &hex::colon(&c.subject_key_id_bytes));
                }
                if !c.authority_key_id_bytes.is_empty() {
                    field("authority key id", &hex::colon(&c.authority_key_id_bytes));
                }
                field(CERTIFICATE_SHA256, &c.sha256);
                (&c.location, &c.warnings)
            }
            Report::Csr(r) => {
                field("kind", "certificate request");
                field("subject", &r.subject_text);
                if !r.all_sans.is_empty() {
                    field("SANs", &r.all_sans.join(", "));
                }
                field("key", &r.key.display);
                field(
                    "asks for CA",
                    &match (r.is_ca_request, r.path_len) {
                        (false, _) => "no".to_string(),
                        (true, None) => "yes".to_string(),
                        (true, Some(n)) => format!("yes, pathlen {n}"),
                    },
                );
                field(PUBLIC_KEY_SHA256, &r.public_key_sha256);
                (&r.location, &r.warnings)
            }
            Report::PrivateKey(k) => {
                if k.sealed {
                    field("kind", "age-encrypted private key");
                } else if k.pem_encrypted {
                    field("kind", "PEM-encrypted private key");
                } else {
                    field("kind", "private key");
                }
                if let Some(key) = &k.key {
                    field("key", &key.display);
                }
                if let Some(sha) = &k.public_key_sha256 {
                    field(PUBLIC_KEY_SHA256, sha);
                }
                (&k.location, &k.warnings)
            }
            Report::PublicKey(p) => {
                field("kind", "public key");
                field("key", &p.key.display);
                field(PUBLIC_KEY_SHA256, &p.sha256);
                (&p.location, &p.warnings)
            }
            Report::Crl(c) => {
                field("kind", "CRL");
                field("issuer", &c.issuer_text);
                field("this update", &c.this_update);
                if let Some(next) = &c.next_update {
                    field("next update", next);
                }
                if let Some(n) = &c.crl_number {
                    field("CRL number", n);
                }
                field("revoked", &c.revoked.len().to_string());
                for r in &c.revoked {
                    let reason = r.reason.as_deref().unwrap_or("no reason given");
                    field("", &format!("{} at {} ({reason})", r.serial, r.revoked_at));
                }
                field("CRL SHA-256", &c.sha256);
                (&c.location, &c.warnings)
            }
        };
        for w in warnings {
            field("warning", w);
        }
        let path = printable(&location.path);
        let header = match location.block {
            Some(n) => format!("{path} (block {n})\n"),
            None => format!("{path}\n"),
        };
        header + &out
    }
}

/// `value` with control characters and bidirectional overrides escaped
/// (`\u{1b}`, `\n`, `\u{202e}`): a subject or SAN in a hostile certificate
/// must not start a second line, drive the terminal, or reorder what the
/// operator reads.
pub fn printable(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(needs_escape) {
        return value.into();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Control characters, and the Unicode format characters that reorder text
/// (bidi embeddings, overrides and isolates, the direction marks).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl CertificateReport {
    /// step's `certificate needs-renewal` convention: true once `fraction`
    /// of the certificate's lifetime has passed (2/3 by default in `inspect
    /// --needs-renewal`), and for an expired certificate.
    pub fn needs_renewal(&self, fraction: f64) -> bool {
        let (Some(now), Some(nb), Some(na)) = (self.now, self.not_before_time, self.not_after_time)
        else {
            return false;
        };
        let lifetime = (na - nb).as_seconds_f64();
        na <= now || (now - nb).as_seconds_f64() >= fraction * lifetime
    }

    /// One line for cron mail: `PATH: SUBJECT expires 2027-01-01T00:00:00Z (12d left)`.
    pub fn to_short_text(&self) -> String {
        let location = match self.location.block {
            Some(n) => format!("{} (block {n})", self.location.path),
            None => self.location.path.clone(),
        };
        let left = match (self.now, self.not_before_time, self.not_after_time) {
            (Some(now), _, Some(na)) if na <= now => {
                format!("expired {} ago", short_span(now - na))
            }
            (Some(now), Some(nb), _) if now < nb => "not yet valid".to_string(),
            (Some(now), _, Some(na)) => format!("{} left", short_span(na - now)),
            _ => String::new(),
        };
        format!(
            "{location}: {} expires {} ({left})",
            self.subject_text, self.not_after
        )
    }

    /// "expires in 364 days", "EXPIRED 3 days ago", "not yet valid".
    pub fn time_left(&self) -> String {
        let (Some(now), Some(nb), Some(na)) = (self.now, self.not_before_time, self.not_after_time)
        else {
            return String::new();
        };
        if now < nb {
            format!("not yet valid, starts in {}", span(nb - now))
        } else if na <= now {
            format!("EXPIRED {} ago", span(now - na))
        } else {
            format!("expires in {}", span(na - now))
        }
    }
}

/// A span of time in the unit people read it in.
fn span(d: ::time::Duration) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if d.whole_days() >= 2 {
        plural(d.whole_days(), "day")
    } else if d.whole_hours() >= 2 {
        plural(d.whole_hours(), "hour")
    } else {
        plural(d.whole_minutes(), "minute")
    }
}

/// A span of time in one unit, as a short line shows it: "12d", "5h", "42m".
fn short_span(d: ::time::Duration) -> String {
    if d.whole_days() >= 1 {
        format!("{}d", d.whole_days())
    } else if d.whole_hours() >= 1 {
        format!("{}h", d.whole_hours())
    } else {
        format!("{}m", d.whole_minutes())
    }
}

impl NameConstraintsReport {
    fn to_text(&self) -> String {
        let side = |label: &str, s: &SubtreesReport| {
            let all: Vec<String> = (s.dns.iter().map(|v| format!("DNS:{v}")))
                .chain(s.ip.iter().map(|v| format!("IP:{v}")))
                .chain(s.email.iter().map(|v| format!("email:{v}")))
                .chain(s.uri.iter().map(|v| format!("URI:{v}")))
                .collect();
            (!all.is_empty()).then(|| format!("{label} {}", all.join(", ")))
        };
        let parts: Vec<String> = [
            side("permitted", &self.permitted),
            side("excluded", &self.excluded),
        ]
        .into_iter()
        .flatten()
        .collect();
        let text = parts.join("; ");
        if self.critical {
            text + " (critical)"
        } else {
            text
        }
    }
}

/// Every PKI object in a file's bytes, in order. An empty list means the file
/// holds none (the caller decides whether that is an error); an object that
/// is there but broken is an error. `now` decides expiry warnings.
pub fn describe(bytes: &[u8], path: &str, now: OffsetDateTime) -> Result<Vec<Report>> {
    if sealed::is_sealed(bytes) {
        return Ok(vec![Report::PrivateKey(sealed_key(Location {
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
                Report::Certificate(Box::new(certificate(&der, location, path, now)?))
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                Report::Csr(csr(&der, location, path)?)
            }
            "X509 CRL" => Report::Crl(crl(&der, location, path, now)?),
            "PUBLIC KEY" => Report::PublicKey(public_key(&der, location, path)?),
            "AGE ENCRYPTED FILE" => Report::PrivateKey(sealed_key(location)),
            "ENCRYPTED PRIVATE KEY" => Report::PrivateKey(encrypted_key(location)),
            _ if encrypted => Report::PrivateKey(encrypted_key(location)),
            _ => Report::PrivateKey(private_key(&PrivateKey::from_bytes(&der, path)?, location)),
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

/// A DER file: whichever structure it parses as, or nothing.
fn describe_der(der: &[u8], location: Location, now: OffsetDateTime) -> Result<Option<Report>> {
    if der.first() != Some(&0x30) {
        return Ok(None);
    }
    let path = location.path.clone();
    if matches!(X509Certificate::from_der(der), Ok((rest, _)) if rest.is_empty()) {
        return Ok(Some(Report::Certificate(Box::new(certificate(
            der, location, &path, now,
        )?))));
    }
    if matches!(X509CertificationRequest::from_der(der), Ok((rest, _)) if rest.is_empty()) {
        return Ok(Some(Report::Csr(csr(der, location, &path)?)));
    }
    if matches!(CertificateRevocationList::from_der(der), Ok((rest, _)) if rest.is_empty()) {
        return Ok(Some(Report::Crl(crl(der, location, &path, now)?)));
    }
    if matches!(SubjectPublicKeyInfo::from_der(der), Ok((rest, _)) if rest.is_empty()) {
        return Ok(Some(Report::PublicKey(public_key(der, location, &path)?)));
    }
    match PrivateKey::from_bytes(der, &path) {
        Ok(key) => Ok(Some(Report::PrivateKey(private_key(&key, location)))),
        Err(_) => Ok(None),
    }
}

fn key_info(spki: &SubjectPublicKeyInfo<'_>) -> KeyInfo {
    match signature::key_algorithm(spki) {
        Ok(alg) => {
            let (algorithm, size, curve) = match alg {
                KeyAlgorithm::Rsa(bits) => ("RSA", bits, None),
                KeyAlgorithm::EcdsaP256 => ("ECDSA", 256, Some("P-256")),
                KeyAlgorithm::EcdsaP384 => ("ECDSA", 384, Some("P-384")),
                KeyAlgorithm::EcdsaP521 => ("ECDSA", 521, Some("P-521")),
                KeyAlgorithm::Ed25519 => ("Ed25519", 256, None),
            };
            KeyInfo {
                algorithm: algorithm.into(),
                size,
                curve,
                display: alg.to_string(),
            }
        }
        Err(what) => KeyInfo {
            algorithm: "unknown".into(),
            size: 0,
            curve: None,
            display: format!("unsupported ({what})"),
        },
    }
}

fn key_warnings(key: &KeyInfo) -> Vec<String> {
    if key.algorithm == "RSA" && key.size < 2048 {
        vec![format!("weak key: RSA {} (less than 2048 bits)", key.size)]
    } else {
        Vec::new()
    }
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

/// The usage names cfssl's config uses, KeyUsage bits first.
fn usages(ext: &Extensions) -> Vec<String> {
    let bits = ext
        .key_usage
        .iter()
        .flatten()
        .map(|bit| bit.name().to_string());
    let purposes = extended_usage_names(ext.extended_key_usage.as_deref().unwrap_or_default());
    bits.chain(purposes).collect()
}

/// The KeyUsage names and the ExtendedKeyUsage names of a usage list.
fn split_usages(usages: &[String]) -> (Vec<&str>, Vec<&str>) {
    usages
        .iter()
        .map(String::as_str)
        .partition(|u| KeyUsageBit::ALL.iter().any(|bit| bit.name() == *u))
}

fn subtrees_report(s: &Subtrees) -> SubtreesReport {
    SubtreesReport {
        dns: s.dns_domains.clone(),
        ip: s.ip_ranges.iter().map(ToString::to_string).collect(),
        email: s.email_addresses.clone(),
        uri: s.uri_domains.clone(),
    }
}

fn certificate(
    der: &[u8],
    location: Location,
    source: &str,
    now: OffsetDateTime,
) -> Result<CertificateReport> {
    let bad = |reason: String| crate::Error::CertificateParse {
        source: source.into(),
        reason,
    };
    let (rest, cert) =
        X509Certificate::from_der(der).map_err(|e| bad(pemfile::der_problem(der, &e)))?;
    if !rest.is_empty() {
        return Err(bad("trailing bytes after the certificate".into()));
    }
    let tbs = &cert.tbs_certificate;
    let ext = Extensions::read(tbs, source)?;
    let (is_ca, path_len) = match ext.basic_constraints {
        BasicConstraints::Ca { path_len } => (true, path_len),
        BasicConstraints::NotCa => (false, None),
    };
    let name_constraints = ext
        .name_constraints
        .as_ref()
        .map(|nc| NameConstraintsReport {
            critical: nc.critical,
            permitted: subtrees_report(&nc.permitted),
            excluded: subtrees_report(&nc.excluded),
        });
    let not_before = tbs.validity.not_before.to_datetime();
    let not_after = tbs.validity.not_after.to_datetime();
    let key = key_info(&tbs.subject_pki);
    let mut warnings = Vec::new();
    if not_after <= now {
        warnings.push(format!("expired on {}", rfc3339(not_after)));
    } else if now < not_before {
        warnings.push(format!("not yet valid: starts on {}", rfc3339(not_before)));
    }
    warnings.extend(key_warnings(&key));
    let (cfssl_sans, email_addresses, uris, all_sans) = split_sans(&ext.sans);
    let usages = usages(&ext);
    let authority_key_id = ext.authority_key_id.unwrap_or_default();
    let subject_key_id = ext.subject_key_id.unwrap_or_default();
    Ok(CertificateReport {
        location,
        kind: "certificate",
        subject: cfssl_name(&tbs.subject),
        issuer: cfssl_name(&tbs.issuer),
        serial_number: tbs.serial.to_string(),
        sans: cfssl_sans,
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        sigalg: signature::name_of(&cert.signature_algorithm).into(),
        authority_key_id: hex::go_colon(&authority_key_id),
        subject_key_id: hex::go_colon(&subject_key_id),
        pem: pemfile::encode("CERTIFICATE", der),
        serial: hex::serial(
            &tbs.raw_serial()
                .iter()
                .copied()
                .skip_while(|b| *b == 0)
                .collect::<Vec<_>>(),
        ),
        email_addresses,
        uris,
        sha256: hex::sha256_colon(der),
        key,
        is_ca,
        path_len,
        usages,
        name_constraints,
        expires_in_seconds: (not_after - now).whole_seconds(),
        warnings,
        subject_text: tbs.subject.to_string(),
        issuer_text: tbs.issuer.to_string(),
        not_before_time: Some(not_before),
        not_after_time: Some(not_after),
        all_sans,
        subject_key_id_bytes: subject_key_id,
        authority_key_id_bytes: authority_key_id,
        now: Some(now),
    })
}

fn csr(der: &[u8], location: Location, source: &str) -> Result<CsrReport> {
    let (_, parsed) =
        X509CertificationRequest::from_der(der).map_err(|e| crate::Error::CsrParse {
            source: source.into(),
            reason: pemfile::der_problem(der, &e),
        })?;
    // Verifies the self-signature: a request that does not prove possession
    // of its key is reported as broken, not described.
    let req = CertificateRequest::from_bytes(der, source)?;
    let info = &parsed.certification_request_info;
    let key = key_info(&info.subject_pki);
    let warnings = key_warnings(&key);
    let (sans, email_addresses, uris, all_sans) = split_sans(&req.sans);
    Ok(CsrReport {
        location,
        kind: "csr",
        subject: cfssl_name(&info.subject),
        sans,
        email_addresses,
        uris,
        key,
        is_ca_request: req.ca.is_some(),
        path_len: req.ca.flatten(),
        sigalg: signature::name_of(&parsed.signature_algorithm).into(),
        public_key_sha256: hex::sha256_colon(&req.spki_der),
        pem: req.to_pem(),
        warnings,
        subject_text: req.subject_text(),
        all_sans,
    })
}

fn private_key(key: &PrivateKey, location: Location) -> PrivateKeyReport {
    let info = SubjectPublicKeyInfo::from_der(key.spki_der())
        .map(|(_, spki)| key_info(&spki))
        .unwrap_or_else(|_| KeyInfo {
            algorithm: key.algorithm().family().into(),
            size: 0,
            curve: None,
            display: key.algorithm().to_string(),
        });
    PrivateKeyReport {
        location,
        kind: "private_key",
        warnings: key_warnings(&info),
        key: Some(info),
        public_key_sha256: Some(hex::sha256_colon(key.spki_der())),
        sealed: false,
        pem_encrypted: false,
    }
}

fn sealed_key(location: Location) -> PrivateKeyReport {
    PrivateKeyReport {
        location,
        kind: "private_key",
        key: None,
        public_key_sha256: None,
        sealed: true,
        pem_encrypted: false,
        warnings: Vec::new(),
    }
}

fn encrypted_key(location: Location) -> PrivateKeyReport {
    PrivateKeyReport {
        pem_encrypted: true,
        sealed: false,
        ..sealed_key(location)
    }
}

fn public_key(der: &[u8], location: Location, source: &str) -> Result<PublicKeyReport> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(der).map_err(|e| crate::Error::KeyParse {
        source: source.into(),
        reason: format!("public key: {}", pemfile::der_problem(der, &e)),
    })?;
    let key = key_info(&spki);
    Ok(PublicKeyReport {
        location,
        kind: "public_key",
        warnings: key_warnings(&key),
        key,
        sha256: hex::sha256_colon(der),
    })
}

fn crl(der: &[u8], location: Location, source: &str, now: OffsetDateTime) -> Result<CrlReport> {
    let bad = |reason: String| crate::Error::CertificateParse {
        source: source.into(),
        reason: format!("CRL: {reason}"),
    };
    let (_, list) =
        CertificateRevocationList::from_der(der).map_err(|e| bad(pemfile::der_problem(der, &e)))?;
    let mut authority_key_id = Vec::new();
    for ext in list.extensions() {
        if let ParsedExtension::AuthorityKeyIdentifier(aki) = ext.parsed_extension()
            && let Some(id) = &aki.key_identifier
        {
            authority_key_id = id.0.to_vec();
        }
    }
    let revoked = list
        .iter_revoked_certificates()
        .map(|r| RevokedReport {
            serial: hex::serial(
                &r.raw_serial()
                    .iter()
                    .copied()
                    .skip_while(|b| *b == 0)
                    .collect::<Vec<_>>(),
            ),
            revoked_at: rfc3339(r.revocation_date.to_datetime()),
            reason: r
                .reason_code()
                .map(|(_, code)| match Reason::from_code(code.0) {
                    Some(reason) => reason.name().to_string(),
                    None => format!("reason code {}", code.0),
                }),
        })
        .collect();
    let next_update = list.next_update().map(|t| t.to_datetime());
    let mut warnings = Vec::new();
    if let Some(next) = next_update
        && next <= now
    {
        warnings.push(format!("stale: nextUpdate {} has passed", rfc3339(next)));
    }
    Ok(CrlReport {
        location,
        kind: "crl",
        issuer: cfssl_name(list.issuer()),
        this_update: rfc3339(list.last_update().to_datetime()),
        next_update: next_update.map(rfc3339),
        crl_number: list.crl_number().map(ToString::to_string),
        sigalg: signature::name_of(&list.signature_algorithm).into(),
        authority_key_id: hex::go_colon(&authority_key_id),
        revoked,
        sha256: hex::sha256_colon(der),
        warnings,
        issuer_text: list.issuer().to_string(),
    })
}
