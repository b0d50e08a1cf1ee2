//! Reading certificates (PEM or DER) into the facts certsmith acts on,
//! parsed once when the file is read: chain building, reports, name
//! constraint checks and issuance all read these fields, not the DER again.

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use crate::cfssl::request::PathLen;
use crate::keys::KeyAlgorithm;
use crate::x509::name_constraints::NameConstraints;
use crate::x509::oid::{self, ObjectIdentifier};
use crate::x509::san::San;
use crate::x509::usage::KeyUsageBit;
use crate::{Error, Result, hex, x509::pemfile, x509::signature};

pub use crate::x509::serial::{Serial, SerialProblem, names_serial, parse_serial};

/// What a certificate's BasicConstraints says (RFC 5280 §4.2.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasicConstraints {
    /// No extension, or cA FALSE.
    NotCa,
    /// cA TRUE, with its pathLenConstraint if any. A pathlen above 255
    /// (legal, never useful: no chain is that deep) reads as 255.
    Ca { path_len: Option<u8> },
}

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
    /// The AuthorityKeyIdentifier's keyIdentifier, when there is one.
    pub authority_key_id: Option<Vec<u8>>,
    /// The subject's first CN, when it is a string.
    pub common_name: Option<String>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    pub basic_constraints: BasicConstraints,
    /// The KeyUsage bits set, in RFC 5280 order; `None` without the extension.
    pub key_usage: Option<Vec<KeyUsageBit>>,
    /// The ExtendedKeyUsage purposes: RFC 5280's own first (x509-parser
    /// does not keep their order), then the others in certificate order;
    /// `None` without the extension.
    pub extended_key_usage: Option<Vec<ObjectIdentifier>>,
    name_constraints: Result<Option<NameConstraints>, Unreadable>,
    pub sans: Vec<San>,
    /// The signature over the TBSCertificate, and the algorithm it names
    /// (kept as an OID: it may be one certsmith does not verify).
    pub signature_algorithm: ObjectIdentifier,
    pub signature: Vec<u8>,
    /// Where the TBSCertificate lies in [`Self::der`].
    tbs: std::ops::Range<usize>,
    /// The serial's DER content had its sign bit set (a negative serial).
    negative_serial: bool,
}

/// The extensions certsmith acts on, read from a parsed TBSCertificate:
/// one reading for [`Certificate`] and for `inspect`'s report.
#[derive(Debug, Clone)]
pub struct Extensions {
    pub subject_key_id: Option<Vec<u8>>,
    pub authority_key_id: Option<Vec<u8>>,
    pub sans: Vec<San>,
    pub basic_constraints: BasicConstraints,
    /// The KeyUsage bits, or why the extension cannot be read: a
    /// certificate refuses that, a report leaves the usages out.
    pub key_usage: Result<Option<Vec<KeyUsageBit>>, String>,
    pub extended_key_usage: Option<Vec<ObjectIdentifier>>,
    /// The NameConstraints, or why they cannot be read: an error only where
    /// they matter (signing under the CA, chain building, inspect), as a
    /// CA with constraints certsmith cannot read can still publish a CRL.
    pub name_constraints: Result<Option<NameConstraints>, Unreadable>,
}

/// An extension certsmith could not read, kept until something needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    source: String,
    reason: String,
}

impl Unreadable {
    fn from_error(e: Error, source: &str) -> Unreadable {
        match e {
            Error::CertificateParse { source, reason } => Unreadable { source, reason },
            other => Unreadable {
                source: source.into(),
                reason: other.to_string(),
            },
        }
    }

    pub fn to_error(&self) -> Error {
        Error::CertificateParse {
            source: self.source.clone(),
            reason: self.reason.clone(),
        }
    }
}

impl Extensions {
    /// `source` names the certificate in errors.
    pub fn read(tbs: &TbsCertificate<'_>, source: &str) -> Result<Extensions> {
        let bad = |reason: String| Error::CertificateParse {
            source: source.into(),
            reason,
        };
        let mut subject_key_id = None;
        let mut authority_key_id = None;
        let mut sans = Vec::new();
        for ext in tbs.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(kid) => subject_key_id = Some(kid.0.to_vec()),
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec());
                }
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
        let basic_constraints = match tbs.basic_constraints().map_err(|e| bad(e.to_string()))? {
            Some(bc) if bc.value.ca => BasicConstraints::Ca {
                path_len: bc
                    .value
                    .path_len_constraint
                    .map(|n| u8::try_from(n).unwrap_or(u8::MAX)),
            },
            _ => BasicConstraints::NotCa,
        };
        let key_usage = tbs.key_usage().map_err(|e| e.to_string()).map(|ku| {
            ku.map(|ku| {
                // x509-parser numbers the bits as RFC 5280 §4.2.1.3 does.
                (KeyUsageBit::ALL.into_iter().enumerate())
                    .filter(|(i, _)| ku.value.flags & (1 << i) != 0)
                    .map(|(_, bit)| bit)
                    .collect()
            })
        });
        // Read leniently, as reports always did: nothing certsmith decides
        // depends on a CA's own extended key usages.
        let extended_key_usage = tbs
            .extended_key_usage()
            .ok()
            .flatten()
            .map(|eku| extended_key_usages(eku.value));
        let name_constraints = match tbs.name_constraints() {
            Err(e) => Err(Unreadable::from_error(
                bad(format!("name constraints: {e}")),
                source,
            )),
            Ok(None) => Ok(None),
            Ok(Some(ext)) => NameConstraints::from_parsed(ext.critical, ext.value, source)
                .map(Some)
                .map_err(|e| Unreadable::from_error(e, source)),
        };
        Ok(Extensions {
            subject_key_id,
            authority_key_id,
            sans,
            basic_constraints,
            key_usage,
            extended_key_usage,
            name_constraints,
        })
    }
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
        let ext = Extensions::read(tbs, source)?;
        let raw_serial = tbs.raw_serial();
        let tbs_raw = tbs.as_ref();
        let tbs_start = tbs_raw.as_ptr() as usize - der.as_ptr() as usize;
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
            subject_key_id: ext.subject_key_id,
            not_before: tbs.validity.not_before.to_datetime(),
            not_after: tbs.validity.not_after.to_datetime(),
            authority_key_id: ext.authority_key_id,
            common_name: tbs
                .subject
                .iter_common_name()
                .next()
                .and_then(|a| a.as_str().ok())
                .map(str::to_string),
            basic_constraints: ext.basic_constraints,
            key_usage: ext.key_usage.map_err(bad)?,
            extended_key_usage: ext.extended_key_usage,
            name_constraints: ext.name_constraints,
            sans: ext.sans,
            signature_algorithm: oid::from_parser(&cert.signature_algorithm.algorithm)
                .ok_or_else(|| bad("unreadable signature algorithm".into()))?,
            signature: cert.signature_value.data.to_vec(),
            tbs: tbs_start..tbs_start + tbs_raw.len(),
            negative_serial: raw_serial.first().is_some_and(|b| b & 0x80 != 0),
            der: der.clone(),
        })
    }

    /// `Some(path_len)` when BasicConstraints says cA TRUE: the shape a CSR
    /// asking for CA:TRUE carries.
    pub fn ca(&self) -> Option<PathLen> {
        match self.basic_constraints {
            BasicConstraints::Ca { path_len } => Some(path_len),
            BasicConstraints::NotCa => None,
        }
    }

    /// The certificate's NameConstraints; an error when it has some that
    /// certsmith cannot read (they bind what it signs, so guessing is wrong).
    pub fn name_constraints(&self) -> Result<Option<&NameConstraints>> {
        self.name_constraints
            .as_ref()
            .map(Option::as_ref)
            .map_err(Unreadable::to_error)
    }

    pub fn is_ca(&self) -> bool {
        self.basic_constraints != BasicConstraints::NotCa
    }

    /// `None` when there is no KeyUsage extension; else whether keyCertSign is set.
    pub fn key_cert_sign(&self) -> Option<bool> {
        self.key_usage
            .as_ref()
            .map(|bits| bits.contains(&KeyUsageBit::KeyCertSign))
    }

    /// Checks `signature` over `message` with this certificate's key, by
    /// the algorithm's dotted OID (as ledger lines record it).
    pub fn verify(
        &self,
        dotted_algorithm: &str,
        message: &[u8],
        signature: &[u8],
    ) -> std::result::Result<(), crate::x509::signature::VerifyError> {
        let algorithm = ObjectIdentifier::new(dotted_algorithm).map_err(|_| {
            crate::x509::signature::VerifyError::Unsupported(dotted_algorithm.into())
        })?;
        crate::x509::signature::verify_with_key(
            self.key_algorithm,
            &self.public_key_bits,
            &algorithm,
            message,
            signature,
        )
    }

    /// Whether `issuer`'s key signed this certificate (the fields parsed
    /// when both were read; no second parse).
    pub fn is_signed_by(&self, issuer: &Certificate) -> bool {
        crate::x509::signature::verify_with_key(
            issuer.key_algorithm,
            &issuer.public_key_bits,
            &self.signature_algorithm,
            self.tbs_der(),
            &self.signature,
        )
        .is_ok()
    }

    /// The DER TBSCertificate, the bytes the signature is over.
    pub fn tbs_der(&self) -> &[u8] {
        &self.der[self.tbs.clone()]
    }

    /// The issuer as text, in the form of [`Self::subject_text`].
    pub fn issuer_text(&self) -> String {
        name_text(&self.issuer_der)
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
        if self.negative_serial {
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

/// The purposes of an ExtendedKeyUsage: RFC 5280's own, then the others.
fn extended_key_usages(eku: &ExtendedKeyUsage<'_>) -> Vec<ObjectIdentifier> {
    // x509-parser sorts the purposes it knows into flags; their order in
    // the certificate is not kept, and reports list them in RFC order.
    let known = [
        (eku.any, oid::EKU_ANY),
        (eku.server_auth, oid::EKU_SERVER_AUTH),
        (eku.client_auth, oid::EKU_CLIENT_AUTH),
        (eku.code_signing, oid::EKU_CODE_SIGNING),
        (eku.email_protection, oid::EKU_EMAIL_PROTECTION),
        (eku.time_stamping, oid::EKU_TIME_STAMPING),
        (eku.ocsp_signing, oid::EKU_OCSP_SIGNING),
    ];
    (known.iter().filter(|(set, _)| *set).map(|(_, id)| *id))
        .chain(eku.other.iter().filter_map(oid::from_parser))
        .collect()
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
    use super::*;

    /// A self-signed CA from the hostile corpus: every fact chain building
    /// needs is read once, and its own signature checks out over the TBS
    /// bytes kept from that one parse.
    #[test]
    fn a_ca_certificate_is_read_once_into_what_chains_need() {
        let pem = include_bytes!("../../tests/corpus/ca-not-yet-valid.pem");
        let cert = Certificate::from_bytes(pem, "ca.pem").unwrap();
        assert_eq!(
            cert.basic_constraints,
            BasicConstraints::Ca { path_len: None }
        );
        assert_eq!(cert.ca(), Some(None));
        assert_eq!(
            cert.key_usage.as_deref(),
            Some(
                &[
                    KeyUsageBit::DigitalSignature,
                    KeyUsageBit::KeyCertSign,
                    KeyUsageBit::CrlSign
                ][..]
            )
        );
        assert_eq!(cert.key_cert_sign(), Some(true));
        assert_eq!(cert.extended_key_usage, None);
        assert_eq!(cert.name_constraints().unwrap(), None);
        assert_eq!(
            cert.common_name.as_deref(),
            Some("Not Yet Valid CA (hostile corpus)")
        );
        assert_eq!(cert.subject_text(), cert.issuer_text());
        assert_eq!(cert.subject_key_id.as_ref().map(|k| k.len()), Some(20));
        assert_eq!(cert.signature_algorithm, oid::ECDSA_WITH_SHA256);
        signature::verify_with_key(
            cert.key_algorithm,
            &cert.public_key_bits,
            &cert.signature_algorithm,
            cert.tbs_der(),
            &cert.signature,
        )
        .unwrap();
        assert_eq!(cert.unlistable_serial(), None);
    }
}
