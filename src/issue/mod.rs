//! The one place a certificate is built.
//!
//! A CSR proposes a subject, names and a key; the profile decides everything
//! else: validity, serial, basic constraints, key usage, EKU, URLs, policies,
//! name constraints.
//! cfssl's weaknesses (README "Where certsmith differs from cfssl") are
//! closed here: unknown profiles and usages were refused earlier, CA requests
//! under leaf profiles are refused, the validity never reaches outside the
//! issuer's (notBefore and notAfter are clamped to it), a subordinate CA's
//! pathlen never exceeds what its issuer allows, and no name is issued
//! outside the name constraints of the issuing CA.

pub mod renew;

use std::time::Duration;

use aws_lc_rs::digest;
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

use crate::ca::Issuer;
use crate::cfssl::config::{Profile, QualifierKind};
use crate::cfssl::request::PathLen;
use crate::keys::PrivateKey;
use crate::time::{Asn1TimeError, rfc3339};
use crate::x509::certificate::Serial;
use crate::x509::csr::CertificateRequest;
use crate::x509::name_constraints;
use crate::x509::san::San;
use crate::{Error, Note, Result};

/// cfssl's default backdate: covers clock skew between issuer and relying parties.
pub const DEFAULT_BACKDATE: Duration = Duration::from_secs(5 * 60);

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}
const KEY_USAGE: ObjectIdentifier = oid("2.5.29.15");
const EXT_KEY_USAGE: ObjectIdentifier = oid("2.5.29.37");
const BASIC_CONSTRAINTS: ObjectIdentifier = oid("2.5.29.19");
const SUBJECT_KEY_ID: ObjectIdentifier = oid("2.5.29.14");
const AUTHORITY_KEY_ID: ObjectIdentifier = oid("2.5.29.35");
const SUBJECT_ALT_NAME: ObjectIdentifier = oid("2.5.29.17");
const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = oid("2.5.29.31");
const CERTIFICATE_POLICIES: ObjectIdentifier = oid("2.5.29.32");
const AUTHORITY_INFO_ACCESS: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.1");
const OCSP_NO_CHECK: ObjectIdentifier = oid("1.3.6.1.5.5.7.48.1.5");
const AD_OCSP: ObjectIdentifier = oid("1.3.6.1.5.5.7.48.1");
const AD_CA_ISSUERS: ObjectIdentifier = oid("1.3.6.1.5.5.7.48.2");
const QT_CPS: ObjectIdentifier = oid("1.3.6.1.5.5.7.2.1");
const QT_UNOTICE: ObjectIdentifier = oid("1.3.6.1.5.5.7.2.2");

/// Who signs: the new certificate's own key (a root), or a CA.
#[derive(Clone, Copy)]
pub enum Signer<'a> {
    SelfSigned(&'a PrivateKey),
    Ca(&'a Issuer),
}

/// What the caller adds to the CSR and profile.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replaces the CSR's SANs (`--hostname`, or a CSR JSON's `hosts`).
    pub hosts: Option<Vec<San>>,
    /// An initca `ca` section: its expiry, backdate and pathlen win over the profile's.
    pub ca_override: Option<crate::cfssl::request::CaSection>,
    /// An initca CSR JSON's `crl_url` (cfssl 1.6).
    pub crl_url: Option<String>,
    /// Refuse, instead of clamping, a notBefore before the issuer's or a
    /// notAfter beyond it.
    pub strict: bool,
    /// Keep this subject key identifier (cross-signing: the new certificate
    /// must carry the SKI of the root it re-issues, however that was made).
    pub subject_key_id: Option<Vec<u8>>,
}

/// A signed certificate, and what is worth telling about how it was made.
#[derive(Debug)]
pub struct Issued {
    pub der: Vec<u8>,
    pub notes: Vec<Note>,
}

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

/// Signs `csr` under `profile`. `now` is passed in so that tests and the
/// ledger can pin it.
pub fn issue(
    csr: &CertificateRequest,
    profile: &Profile,
    signer: Signer<'_>,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Issued> {
    profile.check_local()?;
    // The key the certificate is for: a CA vouches for it (issue 13).
    crate::keys::check_rsa_exponent(&csr.spki_der, &csr.source)?;
    let mut notes = Vec::new();
    if csr.ca.is_some() && !profile.is_ca() {
        return Err(Error::CaRequestUnderLeafProfile {
            profile: profile.name.clone(),
        });
    }
    if let Signer::Ca(issuer) = signer {
        issuer.check_current(now)?;
        // A CA's own key in a certificate it issues (`sign --key ca-key.pem`,
        // a CSR made with it): a server holding that certificate holds the
        // CA key, and the leaf could be split over the CA's files.
        let is_ca_key =
            |c: &crate::x509::certificate::Certificate| c.public_key_bits == csr.public_key_bits;
        if is_ca_key(&issuer.cert) || issuer.chain.iter().any(is_ca_key) {
            return Err(Error::RequestForTheCasKey {
                source: csr.source.clone(),
                ca: issuer.cert_source.clone(),
            });
        }
    }

    // Subject and SANs: what the CSR (or the caller's override) proposes,
    // filtered by CSRWhitelist and checked against name_whitelist.
    let whitelist = profile.csr_whitelist;
    let keep_subject = whitelist.is_none_or(|w| w.subject);
    let subject_der: Vec<u8> = if keep_subject {
        crate::x509::name::check_der(&csr.subject_der, &csr.source)?;
        csr.subject_der.clone()
    } else {
        vec![0x30, 0x00]
    };
    let mut sans = options.hosts.clone().unwrap_or_else(|| csr.sans.clone());
    if options.hosts.is_none() {
        for kind in &csr.sans_left_out {
            notes.push(Note::SanLeftOut { kind });
        }
    }
    if let Some(w) = whitelist {
        sans.retain(|s| match s {
            San::Dns(_) => w.dns_names,
            San::Ip(_) => w.ip_addresses,
            San::Email(_) => w.email_addresses,
            San::Uri(_) => w.uris,
        });
    }
    let mut seen = std::collections::HashSet::new();
    sans.retain(|s| seen.insert(s.clone()));
    for san in &sans {
        san.check()?;
    }
    if let Some(pattern) = &profile.name_whitelist {
        let cn = csr.common_name.as_deref().filter(|_| keep_subject);
        for name in cn
            .into_iter()
            .chain(sans.iter().filter_map(San::whitelist_subject))
        {
            if !pattern.is_match(name) {
                return Err(Error::NameNotAllowed {
                    name: name.into(),
                    profile: profile.name.clone(),
                    pattern: pattern.as_str().into(),
                });
            }
        }
    }
    // RFC 5280 §4.2.1.10: the names must lie inside the name constraints of
    // the issuer and of every CA certificate above it.
    if let Signer::Ca(issuer) = signer {
        let cas = std::iter::once(&issuer.cert).chain(&issuer.chain);
        let cn = csr.common_name.as_deref().filter(|_| keep_subject);
        name_constraints::check_chain(cas, &issuer.cert_source, cn, &sans)?;
    }
    let subject_empty = subject_der == [0x30, 0x00];
    if subject_empty && sans.is_empty() {
        return Err(Error::EmptyIdentity);
    }
    // A TLS client matches the server's name against the DNS and IP SANs,
    // never the CN (RFC 9525 no longer counts it; Go and Chrome ignore it):
    // a server certificate without them is good for no host. cfssl warns
    // (`This certificate lacks a "hosts" field`); so do we, or refuse under
    // --strict (issue 14).
    let serves_tls = profile
        .extended_key_usages()
        .any(|eku| eku == crate::x509::usage::EKU_SERVER_AUTH);
    let names_a_host = sans.iter().any(|s| matches!(s, San::Dns(_) | San::Ip(_)));
    if serves_tls && !profile.is_ca() && !names_a_host {
        if options.strict {
            return Err(Error::ServerWithoutSan {
                profile: profile.name.clone(),
            });
        }
        notes.push(Note::ServerWithoutSan {
            profile: profile.name.clone(),
        });
    }

    // Basic constraints: only a CA profile makes a CA, with the profile's
    // pathlen (or initca's), never more than the issuer allows.
    let path_len: Option<PathLen> = match profile.ca {
        None => None,
        Some(constraint) => {
            let requested = options
                .ca_override
                .as_ref()
                .and_then(|c| c.path_len)
                .unwrap_or(constraint.path_len);
            let allowed = match signer {
                Signer::SelfSigned(_) => None,
                Signer::Ca(issuer) => match issuer.cert.ca().flatten() {
                    None => None,
                    Some(0) => {
                        return Err(Error::PathLenExhausted {
                            source: issuer.cert_source.clone(),
                        });
                    }
                    Some(n) => Some(n - 1),
                },
            };
            Some(match (requested, allowed) {
                (Some(r), Some(a)) if r > a => {
                    notes.push(Note::PathLenClamped {
                        requested: Some(r),
                        allowed: a,
                    });
                    Some(a)
                }
                (None, Some(a)) => {
                    notes.push(Note::PathLenClamped {
                        requested: None,
                        allowed: a,
                    });
                    Some(a)
                }
                (r, _) => r,
            })
        }
    };

    // Key usage: the profile's bits, less those the key type forbids. That
    // is news only when the user's own config asked for them, and then once
    // for all of them: certsmith's shipped profiles ask for `key
    // encipherment` for RSA keys and expect to lose it for the others.
    let mut key_usage = flagset::FlagSet::default();
    let mut left_out = Vec::new();
    let mut rule_broken = "";
    for bit in profile.key_usages() {
        match bit.allowed_for(csr.key_algorithm) {
            Ok(()) => key_usage |= bit.flag(),
            Err(rule) => {
                left_out.push(bit.name());
                rule_broken = rule;
            }
        }
    }
    if !left_out.is_empty() && !profile.shipped {
        notes.push(Note::UsagesLeftOut {
            profile: profile.name.clone(),
            usages: left_out,
            key: csr.key_algorithm.family().into(),
            rule: rule_broken,
        });
    }
    let eku: Vec<ObjectIdentifier> = profile.extended_key_usages().collect();

    // Validity.
    let ca_override = options.ca_override.as_ref();
    let backdate = ca_override
        .and_then(|c| c.backdate)
        .or(profile.backdate)
        .unwrap_or(DEFAULT_BACKDATE);
    let now = now.replace_nanosecond(0).expect("0 is a valid nanosecond");
    let mut not_before = profile.not_before.unwrap_or(now - backdate);
    if not_before.unix_timestamp() < 0 {
        return Err(Error::BackdateTooFar {
            not_before: not_before.date().to_string(),
        });
    }
    let expiry = ca_override.and_then(|c| c.expiry).or(profile.expiry);
    let mut not_after = match (
        ca_override.and_then(|c| c.expiry),
        profile.not_after,
        expiry,
    ) {
        (Some(e), _, _) => not_before + e,
        (None, Some(fixed), _) => fixed,
        (None, None, Some(e)) => not_before + e,
        (None, None, None) => {
            return Err(Error::ProfileWithoutExpiry {
                profile: profile.name.clone(),
            });
        }
    };
    if not_after <= not_before {
        return Err(Error::EmptyValidity {
            not_before: rfc3339(not_before),
            not_after: rfc3339(not_after),
        });
    }
    // A certificate lies within its issuer's validity: the requested window
    // is cut to the CA's at both ends (a CA that is not yet valid would
    // otherwise vouch for a time before it exists, issue 13), with a note,
    // or refused under --strict. A window the CA's does not overlap at all
    // leaves nothing to issue.
    if let Signer::Ca(issuer) = signer {
        let (ca_not_before, ca_not_after) = (issuer.cert.not_before, issuer.cert.not_after);
        if not_after <= ca_not_before || not_before >= ca_not_after {
            return Err(Error::OutsideCaValidity {
                source: issuer.cert_source.clone(),
                not_before: rfc3339(not_before),
                not_after: rfc3339(not_after),
                ca_not_before: rfc3339(ca_not_before),
                ca_not_after: rfc3339(ca_not_after),
            });
        }
        // The default backdate is a margin for clock skew, not a request:
        // under a CA that is already valid but younger than the margin (an
        // openssl-made CA signing at once), the margin is cut quietly.
        let only_the_backdate = profile.not_before.is_none() && ca_not_before <= now;
        if not_before < ca_not_before && only_the_backdate {
            not_before = ca_not_before;
        } else if not_before < ca_not_before {
            if options.strict {
                return Err(Error::PredatesCa {
                    requested: rfc3339(not_before),
                    ca_not_before: rfc3339(ca_not_before),
                });
            }
            notes.push(Note::NotBeforeClamped {
                requested: rfc3339(not_before),
                clamped: rfc3339(ca_not_before),
            });
            not_before = ca_not_before;
        }
        if not_after > ca_not_after {
            if options.strict {
                return Err(Error::OutlivesCa {
                    requested: rfc3339(not_after),
                    ca_not_after: rfc3339(ca_not_after),
                });
            }
            notes.push(Note::NotAfterClamped {
                requested: rfc3339(not_after),
                clamped: rfc3339(ca_not_after),
            });
            not_after = ca_not_after;
        }
    }

    // Who signs, and the key identifiers that link the chain.
    let subject_key_id = options
        .subject_key_id
        .clone()
        .unwrap_or_else(|| key_identifier(&csr.public_key_bits));
    let (signing_key, issuer_der, authority_key_id) = match signer {
        Signer::SelfSigned(key) => {
            if key.public_key_bits() != csr.public_key_bits.as_slice() {
                return Err(Error::Sign {
                    reason: "a self-signed certificate must be for the signing key".into(),
                });
            }
            (key, subject_der.clone(), subject_key_id.clone())
        }
        Signer::Ca(issuer) => (
            &issuer.key,
            issuer.cert.subject_der.clone(),
            issuer
                .cert
                .subject_key_id
                .clone()
                .unwrap_or_else(|| key_identifier(&issuer.cert.public_key_bits)),
        ),
    };

    let mut extensions = Extensions::default();
    if !key_usage.is_empty() {
        // cfssl (and RFC 5280 §4.2.1.3 for CAs) marks KeyUsage critical.
        extensions.add(KEY_USAGE, true, &KeyUsage(key_usage))?;
    }
    if !eku.is_empty() {
        extensions.add(EXT_KEY_USAGE, false, &ExtendedKeyUsage(eku))?;
    }
    let bc = BasicConstraints {
        ca: path_len.is_some(),
        path_len_constraint: path_len.flatten(),
    };
    extensions.add(BASIC_CONSTRAINTS, true, &bc)?;
    extensions.add(
        SUBJECT_KEY_ID,
        false,
        &SubjectKeyIdentifier(octets(&subject_key_id)?),
    )?;
    let aki = AuthorityKeyIdentifier {
        key_identifier: Some(octets(&authority_key_id)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    extensions.add(AUTHORITY_KEY_ID, false, &aki)?;
    let mut access = Vec::new();
    if let Some(url) = &profile.ocsp_url {
        access.push(AccessDescription {
            access_method: AD_OCSP,
            access_location: uri(url)?,
        });
    }
    for url in &profile.issuer_urls {
        access.push(AccessDescription {
            access_method: AD_CA_ISSUERS,
            access_location: uri(url)?,
        });
    }
    if !access.is_empty() {
        extensions.add(
            AUTHORITY_INFO_ACCESS,
            false,
            &AuthorityInfoAccessSyntax(access),
        )?;
    }
    if !sans.is_empty() {
        let names = SubjectAltName(sans.iter().map(San::to_general_name).collect());
        // RFC 5280 §4.2.1.6: critical when the subject is empty.
        extensions.add(SUBJECT_ALT_NAME, subject_empty, &names)?;
    }
    if let Some(url) = options.crl_url.as_ref().or(profile.crl_url.as_ref()) {
        let dp = DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![uri(url)?])),
            reasons: None,
            crl_issuer: None,
        };
        extensions.add(
            CRL_DISTRIBUTION_POINTS,
            false,
            &CrlDistributionPoints(vec![dp]),
        )?;
    }
    if !profile.policies.is_empty() {
        let mut policies = Vec::new();
        for p in &profile.policies {
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
        extensions.add(CERTIFICATE_POLICIES, false, &CertificatePolicies(policies))?;
    }
    if profile.ocsp_no_check {
        extensions.add(OCSP_NO_CHECK, false, &Null)?;
    }
    if let Some(nc) = &profile.name_constraints {
        // check_local refused name constraints in a leaf profile.
        debug_assert!(path_len.is_some());
        let value = nc.to_x509().map_err(encoding)?;
        extensions.add(name_constraints::OID, nc.critical, &value)?;
    }

    let serial = random_serial()?;
    let algorithm = signing_key.signature_algorithm();
    let tbs = TbsCertificate {
        version: 2, // v3
        serial_number: serial.to_der().map_err(encoding)?,
        signature: algorithm.clone(),
        issuer: Any::from_der(&issuer_der).map_err(encoding)?,
        validity: Validity::new(asn1_time(not_before)?, asn1_time(not_after)?),
        subject: Any::from_der(&subject_der).map_err(encoding)?,
        subject_public_key_info: Any::from_der(&csr.spki_der).map_err(encoding)?,
        extensions: Some(extensions.0),
    }
    .to_der()
    .map_err(encoding)?;
    let signature = signing_key.sign(&tbs)?;
    let der = SignedCertificate {
        tbs_certificate: Any::from_der(&tbs).map_err(encoding)?,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)?;
    Ok(Issued { der, notes })
}

#[derive(Default)]
struct Extensions(Vec<Extension>);

impl Extensions {
    fn add(&mut self, id: ObjectIdentifier, critical: bool, value: &impl Encode) -> Result<()> {
        let bytes = value.to_der().map_err(encoding)?;
        self.0.push(Extension {
            extn_id: id,
            critical,
            extn_value: OctetString::new(bytes).map_err(encoding)?,
        });
        Ok(())
    }
}

/// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits, as cfssl.
fn key_identifier(public_key_bits: &[u8]) -> Vec<u8> {
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, public_key_bits)
        .as_ref()
        .to_vec()
}

/// 20 random bytes, top bit clear and with a non-zero first byte so that
/// the DER INTEGER is exactly 20 octets (RFC 5280 §4.1.2.2).
fn random_serial() -> Result<Serial> {
    let mut serial = [0u8; 20];
    aws_lc_rs::rand::fill(&mut serial).map_err(|_| Error::Sign {
        reason: "no randomness for the serial number".into(),
    })?;
    serial[0] &= 0x7f;
    if serial[0] == 0 {
        serial[0] = 0x01;
    }
    Ok(Serial::from_magnitude(&serial))
}

/// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5, §5.1.2.4).
pub(crate) fn asn1_time(t: OffsetDateTime) -> Result<Time> {
    crate::time::asn1_time(t).map_err(|e| match e {
        Asn1TimeError::BeforeEpoch => Error::Sign {
            reason: format!("time {} is before 1970", rfc3339(t)),
        },
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
    Error::Sign {
        reason: format!("encoding the certificate: {e}"),
    }
}
