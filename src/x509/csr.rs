//! PKCS#10 certificate requests (RFC 2986): making them for our own keys and
//! reading (and verifying) those that others send.

use der::asn1::BitString;
use der::{Decode, Encode};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::{BasicConstraints, SubjectAltName};
use x509_cert::name::Name;
use x509_cert::request::{CertReq, CertReqInfo, ExtensionReq, Version};
use x509_parser::prelude::*;

use crate::cfssl::request::PathLen;
use crate::keys::{KeyAlgorithm, Signer};
use crate::x509::ext::extension;
use crate::x509::oid::{BASIC_CONSTRAINTS, SUBJECT_ALT_NAME};
use crate::x509::san::San;
use crate::{Error, Result, x509::pemfile, x509::signature};

/// Makes and signs a CSR for `key`. `ca` asks for CA:TRUE (with a pathlen),
/// for intermediates whose key is made on the host that will use it.
pub fn build(
    subject_der: &[u8],
    sans: &[San],
    ca: Option<PathLen>,
    key: &dyn Signer,
) -> Result<Vec<u8>> {
    // Names copied from a certificate (csr --from-cert) were never classified.
    for san in sans {
        san.check()?;
    }
    let enc = |e: der::Error| Error::Encoding {
        what: "the request",
        cause: e,
    };
    let mut extensions = Vec::new();
    if !sans.is_empty() {
        let names = SubjectAltName(
            sans.iter()
                .map(San::to_general_name)
                .collect::<Result<_>>()?,
        );
        // RFC 5280 §4.2.1.6: critical when the subject is empty.
        let critical = subject_der == [0x30, 0x00];
        extensions.push(extension(SUBJECT_ALT_NAME, critical, &names).map_err(enc)?);
    }
    if let Some(path_len) = ca {
        let bc = BasicConstraints {
            ca: true,
            path_len_constraint: path_len,
        };
        extensions.push(extension(BASIC_CONSTRAINTS, true, &bc).map_err(enc)?);
    }
    let mut attributes = der::asn1::SetOfVec::new();
    if !extensions.is_empty() {
        let attr = Attribute::try_from(ExtensionReq(extensions)).map_err(enc)?;
        attributes.insert(attr).map_err(enc)?;
    }
    let info = CertReqInfo {
        version: Version::V1,
        subject: Name::from_der(subject_der).map_err(enc)?,
        public_key: SubjectPublicKeyInfoOwned::from_der(key.spki_der()).map_err(enc)?,
        attributes,
    };
    let signature = key.sign(&info.to_der().map_err(enc)?)?;
    CertReq {
        info,
        algorithm: key.signature_algorithm(),
        signature: BitString::from_bytes(&signature).map_err(enc)?,
    }
    .to_der()
    .map_err(enc)
}

/// A certificate request whose signature has been verified.
#[derive(Debug, Clone)]
pub struct CertificateRequest {
    /// Where the request came from, for errors about it.
    pub source: String,
    pub der: Vec<u8>,
    pub subject_der: Vec<u8>,
    pub common_name: Option<String>,
    pub spki_der: Vec<u8>,
    pub public_key_bits: Vec<u8>,
    pub key_algorithm: KeyAlgorithm,
    pub sans: Vec<San>,
    /// The kinds of SAN the request carries that certsmith does not issue
    /// (otherName, directoryName, …): left out of the certificate, with a note.
    pub sans_left_out: Vec<&'static str>,
    /// `Some` when the request asks for CA:TRUE.
    pub ca: Option<PathLen>,
}

/// RFC 5280's name for a GeneralName's kind, for notes.
fn general_name_kind(name: &x509_parser::extensions::GeneralName<'_>) -> &'static str {
    use x509_parser::extensions::GeneralName as G;
    match name {
        G::OtherName(..) => "otherName",
        G::RFC822Name(_) => "rfc822Name",
        G::DNSName(_) => "dNSName",
        G::X400Address(_) => "x400Address",
        G::DirectoryName(_) => "directoryName",
        G::EDIPartyName(_) => "ediPartyName",
        G::URI(_) => "uniformResourceIdentifier",
        G::IPAddress(_) => "iPAddress",
        G::RegisteredID(_) => "registeredID",
        G::Invalid(..) => "an unreadable name",
    }
}

impl CertificateRequest {
    /// Reads a CSR from PEM (`CERTIFICATE REQUEST`, or the old `NEW
    /// CERTIFICATE REQUEST`) or DER, and verifies its self-signature.
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<CertificateRequest> {
        let der = pemfile::first_der(
            bytes,
            &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"],
            source,
            "certificate request",
        )?;
        Self::from_der(der, source, true)
    }

    /// The CSR a CSR JSON document describes, made and signed here with
    /// `key`. Its self-signature is not checked again: aws-lc made it a moment
    /// ago, and checking costs a quarter of a whole `sign` run.
    pub fn made_for(req: &crate::cfssl::request::CertRequest, key: &dyn Signer) -> Result<Self> {
        Self::from_der(build_for_request(req, key)?, "the new request", false)
    }

    fn from_der(der: Vec<u8>, source: &str, check_signature: bool) -> Result<CertificateRequest> {
        let bad = |reason: String| Error::CsrParse {
            source: source.into(),
            reason,
        };
        let (rest, csr) = X509CertificationRequest::from_der(&der).map_err(|e| {
            if X509Certificate::from_der(&der).is_ok() {
                Error::WrongKind {
                    source: source.into(),
                    found: "a certificate",
                    expected: "certificate request",
                }
            } else {
                bad(pemfile::der_problem(&der, &e))
            }
        })?;
        if !rest.is_empty() {
            return Err(bad("trailing bytes after the request".into()));
        }
        let info = &csr.certification_request_info;
        // The key first: a key certsmith does not sign for (secp256k1, RSA
        // 1024) is named as such, not as a signature that does not verify.
        let key_algorithm =
            signature::key_algorithm(&info.subject_pki).map_err(|what| Error::UnsupportedKey {
                source: source.into(),
                what,
            })?;
        if let crate::keys::KeyAlgorithm::Rsa(bits) = key_algorithm
            && !(2048..=8192).contains(&bits)
        {
            return Err(Error::UnsupportedKey {
                source: source.into(),
                what: format!(
                    "RSA key of {bits} bits (certsmith signs for RSA keys of 2048 to 8192 bits)"
                ),
            });
        }
        if check_signature {
            Self::check_signature(&csr, source)?;
        }
        let mut sans = Vec::new();
        let mut sans_left_out = Vec::new();
        let mut ca = None;
        for ext in csr.requested_extensions().into_iter().flatten() {
            match ext {
                ParsedExtension::SubjectAlternativeName(san) => {
                    for name in &san.general_names {
                        use x509_parser::extensions::GeneralName as G;
                        match (San::from_general_name(name), name) {
                            (Some(s), _) => sans.push(s),
                            // Neither 4 nor 16 bytes: no address at all.
                            (None, G::IPAddress(b)) => {
                                return Err(bad(format!(
                                    "an IP address SAN of {} bytes (an address has 4 or 16)",
                                    b.len()
                                )));
                            }
                            (None, other) => sans_left_out.push(general_name_kind(other)),
                        }
                    }
                }
                ParsedExtension::BasicConstraints(bc) if bc.ca => {
                    ca = Some(bc.path_len_constraint.map(|n| n.min(255) as u8));
                }
                _ => {}
            }
        }
        let common_name = info
            .subject
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_string);
        Ok(CertificateRequest {
            source: source.into(),
            subject_der: info.subject.as_raw().to_vec(),
            common_name,
            spki_der: info.subject_pki.raw.to_vec(),
            public_key_bits: info.subject_pki.subject_public_key.data.to_vec(),
            key_algorithm,
            sans,
            sans_left_out,
            ca,
            der: der.clone(),
        })
    }

    fn check_signature(csr: &X509CertificationRequest<'_>, source: &str) -> Result<()> {
        let info = &csr.certification_request_info;
        signature::verify(
            &info.subject_pki,
            &csr.signature_algorithm,
            info.raw,
            &csr.signature_value.data,
        )
        .map_err(|e| match e {
            signature::VerifyError::Unsupported(oid) => Error::UnsupportedSignatureAlgorithm {
                source: source.into(),
                oid,
            },
            signature::VerifyError::Invalid => Error::CsrSignature {
                source: source.into(),
            },
        })
    }

    /// The subject as text, made on demand (see `Certificate::subject_text`).
    pub fn subject_text(&self) -> String {
        crate::x509::certificate::name_text(&self.subject_der)
    }

    pub fn to_pem(&self) -> String {
        pemfile::encode("CERTIFICATE REQUEST", &self.der)
    }
}

/// The CSR a CSR JSON document describes, signed by `key`. A `ca` section
/// makes it ask for CA:TRUE.
pub fn build_for_request(
    req: &crate::cfssl::request::CertRequest,
    key: &dyn Signer,
) -> Result<Vec<u8>> {
    let (subject, sans) = identity(req)?;
    let ca = req.ca.as_ref().map(|c| c.path_len.flatten());
    build(&subject.to_der(), &sans, ca, key)
}

/// Refuses a CSR JSON that [`build_for_request`] would refuse, without a
/// key: for a key made in a token, which outlives a failed run.
pub fn check_request(req: &crate::cfssl::request::CertRequest) -> Result<()> {
    identity(req).map(|_| ())
}

/// The subject and SANs a CSR JSON asks for; refused when it names nobody.
fn identity(
    req: &crate::cfssl::request::CertRequest,
) -> Result<(crate::x509::name::Subject, Vec<San>)> {
    let subject = crate::x509::name::Subject::from_request(req)?;
    let sans = req
        .hosts
        .iter()
        .flatten()
        .map(|h| San::classify(h))
        .collect::<Result<Vec<_>>>()?;
    if subject.is_empty() && sans.is_empty() {
        return Err(Error::EmptyIdentity);
    }
    Ok((subject, sans))
}
