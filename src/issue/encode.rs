//! Encoding and signing a certificate: [`TbsParams`] + [`Signer`] → DER.
//!
//! Nothing is decided here (that is [`super::decide`]); the signature made
//! is checked with the issuer's public key before the certificate is handed
//! back, which catches a signer that signs wrongly (a broken token, a key
//! that does not match).

use der::asn1::{BitString, Ia5String, Null, ObjectIdentifier, OctetString, Uint};
use der::{Any, Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::certpolicy::{
    DisplayText, PolicyInformation, PolicyQualifierInfo, UserNotice,
};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints,
    CertificatePolicies, CrlDistributionPoints, ExtendedKeyUsage, KeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};
use x509_cert::time::{Time, Validity};
use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::decide::TbsParams;
use crate::cfssl::config::QualifierKind;
use crate::keys::Signer;
use crate::time::{Asn1TimeError, rfc3339};
use crate::x509::name_constraints;
use crate::x509::san::San;
use crate::{Error, Result};

use crate::x509::ext::extension;
use crate::x509::oid::{
    AD_CA_ISSUERS, AD_OCSP, AUTHORITY_INFO_ACCESS, AUTHORITY_KEY_ID, BASIC_CONSTRAINTS,
    CERTIFICATE_POLICIES, CRL_DISTRIBUTION_POINTS, EXT_KEY_USAGE, KEY_USAGE, OCSP_NO_CHECK, QT_CPS,
    QT_UNOTICE, SUBJECT_ALT_NAME, SUBJECT_KEY_ID,
};

/// RFC 5280 §4.1: the signed part of a certificate. Names and the key are
/// carried as already-encoded DER so that the issuer's name is copied byte
/// for byte from its certificate and the subject from the CSR.
#[derive(Sequence)]
struct TbsCertificate {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: Uint,
    signature: AlgorithmIdentifierOwned,
    issuer: Any,
    validity: Validity,
    subject: Any,
    subject_public_key_info: Any,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<Extension>>,
}

#[derive(Sequence)]
struct SignedCertificate {
    tbs_certificate: Any,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

/// The certificate `params` describe, signed by `signer`, its signature
/// checked with `params.issuer_spki_der`.
pub fn encode(params: &TbsParams, signer: &dyn Signer) -> Result<Vec<u8>> {
    let extensions = extensions(params)?;
    let algorithm = signer.signature_algorithm();
    let tbs = TbsCertificate {
        version: 2, // v3
        serial_number: params.serial.to_der().map_err(encoding)?,
        signature: algorithm.clone(),
        issuer: Any::from_der(&params.issuer_der).map_err(encoding)?,
        validity: Validity::new(asn1_time(params.not_before)?, asn1_time(params.not_after)?),
        subject: Any::from_der(&params.subject_der).map_err(encoding)?,
        subject_public_key_info: Any::from_der(&params.spki_der).map_err(encoding)?,
        extensions: Some(extensions.0),
    }
    .to_der()
    .map_err(encoding)?;
    let signature = signer.sign(&tbs)?;
    if signer.checks_each_signature() {
        check_signature(params, signer, &algorithm, &tbs, &signature)?;
    }
    SignedCertificate {
        tbs_certificate: Any::from_der(&tbs).map_err(encoding)?,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}

/// The extensions, in the order certsmith has always written them.
fn extensions(params: &TbsParams) -> Result<Extensions> {
    let mut extensions = Extensions::default();
    if !params.key_usage.is_empty() {
        // cfssl (and RFC 5280 §4.2.1.3 for CAs) marks KeyUsage critical.
        extensions.add(KEY_USAGE, true, &KeyUsage(params.key_usage))?;
    }
    if !params.extended_key_usage.is_empty() {
        let eku = ExtendedKeyUsage(params.extended_key_usage.clone());
        extensions.add(EXT_KEY_USAGE, false, &eku)?;
    }
    let bc = BasicConstraints {
        ca: params.ca.is_some(),
        path_len_constraint: params.ca.flatten(),
    };
    extensions.add(BASIC_CONSTRAINTS, true, &bc)?;
    let ski = SubjectKeyIdentifier(octets(&params.subject_key_id)?);
    extensions.add(SUBJECT_KEY_ID, false, &ski)?;
    let aki = AuthorityKeyIdentifier {
        key_identifier: Some(octets(&params.authority_key_id)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    extensions.add(AUTHORITY_KEY_ID, false, &aki)?;
    let mut access = Vec::new();
    if let Some(url) = &params.ocsp_url {
        access.push(AccessDescription {
            access_method: AD_OCSP,
            access_location: uri(url)?,
        });
    }
    for url in &params.issuer_urls {
        access.push(AccessDescription {
            access_method: AD_CA_ISSUERS,
            access_location: uri(url)?,
        });
    }
    if !access.is_empty() {
        let aia = AuthorityInfoAccessSyntax(access);
        extensions.add(AUTHORITY_INFO_ACCESS, false, &aia)?;
    }
    if !params.sans.is_empty() {
        let names = SubjectAltName(
            params
                .sans
                .iter()
                .map(San::to_general_name)
                .collect::<Result<_>>()?,
        );
        // RFC 5280 §4.2.1.6: critical when the subject is empty.
        let subject_empty = params.subject_der == [0x30, 0x00];
        extensions.add(SUBJECT_ALT_NAME, subject_empty, &names)?;
    }
    if let Some(url) = &params.crl_url {
        let dp = DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![uri(url)?])),
            reasons: None,
            crl_issuer: None,
        };
        let points = CrlDistributionPoints(vec![dp]);
        extensions.add(CRL_DISTRIBUTION_POINTS, false, &points)?;
    }
    if !params.policies.is_empty() {
        extensions.add(CERTIFICATE_POLICIES, false, &policies(params)?)?;
    }
    if params.ocsp_no_check {
        extensions.add(OCSP_NO_CHECK, false, &Null)?;
    }
    if let Some(nc) = &params.name_constraints {
        // check_local refused name constraints in a leaf profile.
        debug_assert!(params.ca.is_some());
        let value = nc.to_x509().map_err(encoding)?;
        extensions.add(name_constraints::OID, nc.critical, &value)?;
    }
    Ok(extensions)
}

/// The profile's certificate policies, with their CPS and user notice qualifiers.
fn policies(params: &TbsParams) -> Result<CertificatePolicies> {
    let mut policies = Vec::new();
    for p in &params.policies {
        let mut qualifiers = Vec::new();
        for (kind, value) in &p.qualifiers {
            let (id, qualifier) = match kind {
                QualifierKind::Cps => (QT_CPS, Any::encode_from(&ia5(value)?)),
                QualifierKind::UserNotice => (
                    QT_UNOTICE,
                    Any::encode_from(&UserNotice {
                        notice_ref: None,
                        explicit_text: Some(DisplayText::Utf8String(value.clone())),
                    }),
                ),
            };
            qualifiers.push(PolicyQualifierInfo {
                policy_qualifier_id: id,
                qualifier: Some(qualifier.map_err(encoding)?),
            });
        }
        policies.push(PolicyInformation {
            policy_identifier: p.id,
            policy_qualifiers: (!qualifiers.is_empty()).then_some(qualifiers),
        });
    }
    Ok(CertificatePolicies(policies))
}

/// Checks the new signature with the issuer's public key (issue 15): a
/// certificate that does not verify is never handed out.
fn check_signature(
    params: &TbsParams,
    signer: &dyn Signer,
    algorithm: &AlgorithmIdentifierOwned,
    tbs: &[u8],
    signature: &[u8],
) -> Result<()> {
    let failed = || Error::SignatureDoesNotVerify {
        signer: signer.source().to_owned(),
    };
    let (_, spki) =
        SubjectPublicKeyInfo::from_der(&params.issuer_spki_der).map_err(|_| failed())?;
    crate::x509::signature::verify_oid(&spki, &algorithm.oid.to_string(), tbs, signature)
        .map_err(|_| failed())
}

#[derive(Default)]
struct Extensions(Vec<Extension>);

impl Extensions {
    fn add(&mut self, id: ObjectIdentifier, critical: bool, value: &impl Encode) -> Result<()> {
        self.0
            .push(extension(id, critical, value).map_err(encoding)?);
        Ok(())
    }
}

/// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5, §5.1.2.4).
pub(crate) fn asn1_time(t: OffsetDateTime) -> Result<Time> {
    crate::time::asn1_time(t).map_err(|e| match e {
        Asn1TimeError::BeforeEpoch => Error::TimeBefore1970 { time: rfc3339(t) },
        Asn1TimeError::Encoding(e) => encoding(e),
    })
}

fn uri(url: &str) -> Result<GeneralName> {
    Ok(GeneralName::UniformResourceIdentifier(ia5(url)?))
}

fn ia5(s: &str) -> Result<Ia5String> {
    Ia5String::new(s).map_err(|_| Error::InvalidHost {
        value: s.into(),
        reason: "URLs must be ASCII",
    })
}

fn octets(bytes: &[u8]) -> Result<OctetString> {
    OctetString::new(bytes.to_vec()).map_err(encoding)
}

fn encoding(e: der::Error) -> Error {
    Error::Encoding {
        what: "the certificate",
        cause: e,
    }
}
