//! Reading certificates (PEM or DER) into the facts certsmith acts on.

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use crate::keys::KeyAlgorithm;
use crate::x509::san::San;
use crate::{Error, Result, hex, x509::pemfile, x509::signature};

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
                bad(pemfile::der_problem(&der, &e))
            }
        })?;
        if !rest.is_empty() {
            return Err(bad("trailing bytes after the certificate".into()));
        }
        let tbs = &cert.tbs_certificate;
        let key_algorithm =
            signature::key_algorithm(&tbs.subject_pki).map_err(|what| Error::UnsupportedKey {
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
        hex::sha256_colon(&self.der)
    }

    /// Why this certificate's serial cannot go into a CRL entry that names
    /// it, if it cannot: RFC 5280 §4.1.2.2 serials are positive and at most
    /// 20 octets, and [`Serial`] writes only those. A negative serial (made by
    /// another tool) would be listed as its magnitude, revoking another
    /// certificate and leaving this one valid.
    pub fn unlistable_serial(&self) -> Option<&'static str> {
        let (_, parsed) = X509Certificate::from_der(&self.der).ok()?;
        let raw = parsed.tbs_certificate.raw_serial();
        if raw.first().is_some_and(|b| b & 0x80 != 0) {
            Some("negative, and a CRL entry for its magnitude would revoke another serial")
        } else if self.serial.len() > 20 {
            Some("longer than the 20 octets RFC 5280 allows, which certsmith does not put in a CRL")
        } else {
            None
        }
    }

    /// The serial as `openssl x509 -noout -serial` prints it: uppercase hex.
    pub fn serial_hex(&self) -> String {
        hex::serial(&self.serial)
    }

    pub fn to_pem(&self) -> String {
        pemfile::encode("CERTIFICATE", &self.der)
    }
}

/// A serial number (RFC 5280 §4.1.2.2) as certsmith writes it into a
/// certificate or a CRL entry: its big-endian magnitude without leading
/// zeros, never empty, so that [`Serial::to_der`] is the one encoder of a
/// serial INTEGER. (A zero-length INTEGER, which 0 once became, is not DER:
/// openssl and Python `cryptography` refuse the whole CRL, issue 13.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serial(Vec<u8>);

/// Why text typed as a serial is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialProblem {
    NotHex,
    TooLong,
    Zero,
    Negative,
}

impl std::fmt::Display for SerialProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SerialProblem::NotHex => {
                "expected hexadecimal digits as openssl prints them (any case, colons allowed)"
            }
            SerialProblem::TooLong => "longer than 20 octets (RFC 5280 §4.1.2.2)",
            SerialProblem::Zero => {
                "0 is not a serial number: serials are positive (RFC 5280 §4.1.2.2)"
            }
            SerialProblem::Negative => {
                "a negative number is not a serial number: serials are positive (RFC 5280 §4.1.2.2)"
            }
        })
    }
}

impl Serial {
    /// A serial as people type it: hex, any case, colons allowed (`5a:3f…`),
    /// an optional `0x`, at most 20 octets. 0 and negative numbers are
    /// refused: no conforming certificate carries them.
    pub fn parse(text: &str) -> Result<Serial, SerialProblem> {
        Self::parse_hex(text, false)
    }

    /// A serial as the ledger records it ([`Certificate::serial_hex`]): as
    /// [`Serial::parse`], but 0 is kept. A certificate that carries serial 0
    /// (not one of certsmith's) can be revoked with `--cert`, and its CRL
    /// entry must then list it rather than drop it.
    pub fn parse_recorded(text: &str) -> Result<Serial, SerialProblem> {
        Self::parse_hex(text, true)
    }

    fn parse_hex(text: &str, zero_allowed: bool) -> Result<Serial, SerialProblem> {
        let text = text.trim();
        if text.starts_with('-') {
            return Err(SerialProblem::Negative);
        }
        let hex: String = text
            .strip_prefix("0x")
            .or_else(|| text.strip_prefix("0X"))
            .unwrap_or(text)
            .chars()
            .filter(|c| *c != ':')
            .collect();
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(SerialProblem::NotHex);
        }
        let digits = hex.trim_start_matches('0');
        if digits.is_empty() {
            return if zero_allowed {
                Ok(Serial(vec![0]))
            } else {
                Err(SerialProblem::Zero)
            };
        }
        let digits = if digits.len() % 2 == 1 {
            format!("0{digits}")
        } else {
            digits.to_string()
        };
        // RFC 5280 §4.1.2.2: no conforming certificate has a longer serial.
        if digits.len() > 40 {
            return Err(SerialProblem::TooLong);
        }
        hex::decode(&digits)
            .map(Serial)
            .ok_or(SerialProblem::NotHex)
    }

    /// A serial from its big-endian magnitude (a certificate's
    /// [`Certificate::serial`], a ledger's, random bytes). Leading zeros are
    /// dropped; no bytes at all, or only zeros, is 0, kept as one zero octet
    /// so that a certificate that does carry serial 0 can still be listed.
    pub fn from_magnitude(bytes: &[u8]) -> Serial {
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        let magnitude = &bytes[first..];
        Serial(if magnitude.is_empty() {
            vec![0]
        } else {
            magnitude.to_vec()
        })
    }

    /// The magnitude, big-endian, without leading zeros (one 0 octet for 0).
    pub fn magnitude(&self) -> &[u8] {
        &self.0
    }

    /// The DER INTEGER: minimal, positive (a leading 0x00 when the top bit
    /// is set, X.690 §8.3.2), never empty.
    pub fn to_der(&self) -> der::Result<der::asn1::Uint> {
        der::asn1::Uint::new(&self.0)
    }
}

/// A serial as people type it, as its magnitude: see [`Serial::parse`].
/// `None` when it is not one; [`crate::Error::InvalidSerial`] says why.
pub fn parse_serial(text: &str) -> Option<Vec<u8>> {
    Serial::parse(text).ok().map(|s| s.0)
}

/// A DER Name as text, in x509-parser's `CN=…, O=…` form.
pub(crate) fn name_text(der: &[u8]) -> String {
    match X509Name::from_der(der) {
        Ok((_, name)) => name.to_string(),
        Err(_) => "(unreadable name)".into(),
    }
}

#[cfg(test)]
mod tests {
    use der::Encode;

    use super::*;

    #[test]
    fn serials_encode_as_minimal_positive_der_integers() {
        let cases: [(&[u8], &[u8]); 8] = [
            (&[], &[0x02, 0x01, 0x00]),
            (&[0x00, 0x00], &[0x02, 0x01, 0x00]),
            (&[0x01], &[0x02, 0x01, 0x01]),
            (&[0x7f], &[0x02, 0x01, 0x7f]),
            (&[0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0x00, 0x00, 0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0xff, 0x01], &[0x02, 0x03, 0x00, 0xff, 0x01]),
            (&[0x00, 0x7f, 0xff], &[0x02, 0x02, 0x7f, 0xff]),
        ];
        for (magnitude, expected) in cases {
            let der = Serial::from_magnitude(magnitude)
                .to_der()
                .unwrap()
                .to_der()
                .unwrap();
            assert_eq!(der, expected, "magnitude {magnitude:02X?}");
        }
    }

    #[test]
    fn typed_serials_refuse_zero_and_negative_numbers() {
        use SerialProblem::*;
        for (text, problem) in [
            ("0", Zero),
            ("00:00", Zero),
            ("0x0", Zero),
            (" 000 ", Zero),
            ("-5", Negative),
            ("-0x01", Negative),
            ("-0", Negative),
            ("zz", NotHex),
            ("", NotHex),
            ("0x", NotHex),
            (&"ab".repeat(21), TooLong),
        ] {
            assert_eq!(Serial::parse(text), Err(problem), "{text:?}");
            assert_eq!(parse_serial(text), None, "{text:?}");
        }
        for (text, magnitude) in [
            ("5A:3f", &[0x5a, 0x3f][..]),
            ("0x80", &[0x80]),
            ("00ff", &[0xff]),
            ("1", &[0x01]),
            (&"ab".repeat(20), &[0xab; 20]),
        ] {
            assert_eq!(
                Serial::parse(text).unwrap().magnitude(),
                magnitude,
                "{text:?}"
            );
        }
        // What the ledger recorded of a certificate that carries serial 0.
        assert_eq!(Serial::parse_recorded("00").unwrap().magnitude(), [0]);
        assert_eq!(Serial::parse_recorded("-01"), Err(SerialProblem::Negative));
    }
}
