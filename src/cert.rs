//! Reading certificates (PEM or DER) into the facts certsmith acts on.

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use crate::keys::KeyAlgorithm;
use crate::san::San;
use crate::{Error, Result, pemfile, verify};

/// The parts of a certificate that signing, chaining and describing need.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub der: Vec<u8>,
    /// The serial number's magnitude bytes, big-endian.
    pub serial: Vec<u8>,
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    pub spki_der: Vec<u8>,
    pub public_key_bits: Vec<u8>,
    pub key_algorithm: KeyAlgorithm,
    pub subject_key_id: Option<Vec<u8>>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// `Some(path_len)` when BasicConstraints says cA TRUE.
    pub ca: Option<Option<u32>>,
    /// `None` when there is no KeyUsage extension; else whether keyCertSign is set.
    pub key_cert_sign: Option<bool>,
    pub sans: Vec<San>,
}

impl Certificate {
    /// The first `CERTIFICATE` block of a PEM file, or a DER certificate.
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<Certificate> {
        let der = pemfile::first_der(
            bytes,
            &["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"],
            source,
            "certificate",
        )?;
        Certificate::from_der(der, source)
    }

    /// Every certificate in a PEM file (a chain), or the one in a DER file.
    pub fn all_from_bytes(bytes: &[u8], source: &str) -> Result<Vec<Certificate>> {
        if !pemfile::looks_like_pem(bytes) {
            return Ok(vec![Certificate::from_bytes(bytes, source)?]);
        }
        let certs: Vec<Certificate> = pemfile::parse_all(bytes, source)?
            .into_iter()
            .filter(|b| {
                matches!(
                    b.tag(),
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
                )
            })
            .map(|b| Certificate::from_der(b.into_contents(), source))
            .collect::<Result<_>>()?;
        if certs.is_empty() {
            // Name what the file holds instead, if it is something else.
            Certificate::from_bytes(bytes, source)?;
            return Err(Error::NoPemObject {
                source: source.into(),
                expected: "certificate",
            });
        }
        Ok(certs)
    }

    pub fn from_der(der: Vec<u8>, source: &str) -> Result<Certificate> {
        let bad = |reason: String| Error::CertificateParse {
            source: source.into(),
            reason,
        };
        let (rest, cert) = X509Certificate::from_der(&der).map_err(|e| {
            if X509CertificationRequest::from_der(&der).is_ok() {
                Error::WrongKind {
                    source: source.into(),
                    found: "a certificate request",
                    expected: "certificate",
                }
            } else {
                bad(e.to_string())
            }
        })?;
        if !rest.is_empty() {
            return Err(bad("trailing bytes after the certificate".into()));
        }
        let tbs = &cert.tbs_certificate;
        let key_algorithm =
            verify::key_algorithm(&tbs.subject_pki).map_err(|what| Error::UnsupportedKey {
                source: source.into(),
                what,
            })?;
        let mut subject_key_id = None;
        let mut sans = Vec::new();
        for ext in tbs.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(kid) => subject_key_id = Some(kid.0.to_vec()),
                ParsedExtension::SubjectAlternativeName(san) => {
                    sans = san
                        .general_names
                        .iter()
                        .filter_map(San::from_general_name)
                        .collect();
                }
                _ => {}
            }
        }
        let ca = match tbs.basic_constraints().map_err(|e| bad(e.to_string()))? {
            Some(bc) if bc.value.ca => Some(bc.value.path_len_constraint),
            _ => None,
        };
        let key_cert_sign = tbs
            .key_usage()
            .map_err(|e| bad(e.to_string()))?
            .map(|ku| ku.value.key_cert_sign());
        Ok(Certificate {
            serial: tbs
                .raw_serial()
                .iter()
                .copied()
                .skip_while(|b| *b == 0)
                .collect(),
            subject_der: tbs.subject.as_raw().to_vec(),
            issuer_der: tbs.issuer.as_raw().to_vec(),
            spki_der: tbs.subject_pki.raw.to_vec(),
            public_key_bits: tbs.subject_pki.subject_public_key.data.to_vec(),
            key_algorithm,
            subject_key_id,
            not_before: tbs.validity.not_before.to_datetime(),
            not_after: tbs.validity.not_after.to_datetime(),
            ca,
            key_cert_sign,
            sans,
            der: der.clone(),
        })
    }

    /// The subject as text (`CN=…, O=…`), for messages and the ledger. Made
    /// on demand: x509-parser's name display builds its OID table first,
    /// a tenth of what signing a CSR costs.
    pub fn subject_text(&self) -> String {
        name_text(&self.subject_der)
    }

    /// SHA-256 over the DER certificate, as `openssl x509 -fingerprint -sha256` shows it.
    pub fn fingerprint(&self) -> String {
        colon_hex(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.der).as_ref())
    }

    /// The serial as `openssl x509 -noout -serial` prints it: uppercase hex.
    pub fn serial_hex(&self) -> String {
        serial_hex(&self.serial)
    }

    pub fn to_pem(&self) -> String {
        pemfile::encode("CERTIFICATE", &self.der)
    }
}

/// Lowercase hex without separators (digests in the ledger and in JSON).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `AB:CD:…`, the way openssl prints fingerprints.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Uppercase hex of a serial, with a leading 0 for an odd number of digits, as openssl.
pub fn serial_hex(serial: &[u8]) -> String {
    if serial.is_empty() {
        return "00".into();
    }
    serial.iter().map(|b| format!("{b:02X}")).collect()
}

/// A serial as people type it: hex, any case, colons allowed (`5a:3f…`),
/// at most 20 octets.
pub fn parse_serial(text: &str) -> Option<Vec<u8>> {
    let hex: String = text
        .trim()
        .trim_start_matches("0x")
        .chars()
        .filter(|c| *c != ':')
        .collect();
    if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex
    };
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex checked"))
        .collect();
    let serial: Vec<u8> = bytes.into_iter().skip_while(|b| *b == 0).collect();
    // RFC 5280 §4.1.2.2: no conforming certificate has a longer serial.
    (serial.len() <= 20).then_some(serial)
}

/// A DER Name as text, in x509-parser's `CN=…, O=…` form.
pub(crate) fn name_text(der: &[u8]) -> String {
    match X509Name::from_der(der) {
        Ok((_, name)) => name.to_string(),
        Err(_) => "(unreadable name)".into(),
    }
}
