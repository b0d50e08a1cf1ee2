//! Deciding what a certificate says: CSR + profile + CA → [`TbsParams`].
//!
//! Every policy field is decided here, in plain values, before a byte is
//! encoded: the CSR only proposes a subject, names and a key; the profile
//! (and initca's `ca` section) decides validity, basic constraints, usages,
//! URLs, policies and name constraints; the issuer bounds validity and
//! pathlen and its name constraints bound the names.

use std::collections::HashSet;

use der::asn1::ObjectIdentifier;
use flagset::FlagSet;
use time::OffsetDateTime;
use x509_cert::ext::pkix::KeyUsages;

use super::{DEFAULT_BACKDATE, Options, SignedBy};
use crate::cfssl::config::{Policy, Profile};
use crate::cfssl::request::PathLen;
use crate::time::rfc3339;
use crate::x509::certificate::{Certificate, Serial};
use crate::x509::csr::CertificateRequest;
use crate::x509::ext::key_identifier;
use crate::x509::name_constraints::{self, NameConstraints};
use crate::x509::san::San;
use crate::{Error, Note, Result};

/// Everything a certificate will say, decided: what [`super::encode`]
/// turns into DER without another decision.
#[derive(Debug, Clone)]
pub struct TbsParams {
    pub serial: Serial,
    /// The issuer's name, copied byte for byte from its certificate (or the
    /// subject, for a self-signed certificate).
    pub issuer_der: Vec<u8>,
    /// The issuer's public key, which the new signature is checked with.
    pub issuer_spki_der: Vec<u8>,
    /// The subject, copied from the CSR (or empty, `30 00`, when the
    /// profile's CSR whitelist drops it).
    pub subject_der: Vec<u8>,
    /// The key the certificate is for.
    pub spki_der: Vec<u8>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    pub sans: Vec<San>,
    /// `Some(pathlen)` for a CA certificate.
    pub ca: Option<PathLen>,
    pub key_usage: FlagSet<KeyUsages>,
    pub extended_key_usage: Vec<ObjectIdentifier>,
    pub subject_key_id: Vec<u8>,
    pub authority_key_id: Vec<u8>,
    pub ocsp_url: Option<String>,
    pub issuer_urls: Vec<String>,
    pub crl_url: Option<String>,
    pub policies: Vec<Policy>,
    pub ocsp_no_check: bool,
    pub name_constraints: Option<NameConstraints>,
    /// What is worth telling about the decisions (a clamp, a usage left out).
    pub notes: Vec<Note>,
}

/// Decides what `csr` gets under `profile`, signed by `signed_by`, at `now`.
pub fn decide(
    csr: &CertificateRequest,
    profile: &Profile,
    signed_by: SignedBy<'_>,
    options: &Options,
    now: OffsetDateTime,
) -> Result<TbsParams> {
    check_request(csr, profile, signed_by, now)?;
    let mut notes = Vec::new();
    let (subject_der, sans) = names(csr, profile, signed_by, options, &mut notes)?;
    let ca = basic_constraints(profile, signed_by, options, &mut notes)?;
    let key_usage = key_usage(csr, profile, &mut notes);
    let (not_before, not_after) = validity(profile, signed_by, options, now, &mut notes)?;

    // Who signs, and the key identifiers that link the chain.
    let subject_key_id = options
        .subject_key_id
        .clone()
        .unwrap_or_else(|| key_identifier(&csr.public_key_bits));
    let (issuer_der, issuer_spki_der, authority_key_id) = match signed_by {
        SignedBy::Itself(key) => {
            if key.public_key_bits() != csr.public_key_bits.as_slice() {
                return Err(Error::SelfSignedForOtherKey);
            }
            (
                subject_der.clone(),
                csr.spki_der.clone(),
                subject_key_id.clone(),
            )
        }
        SignedBy::Ca(issuer) => (
            issuer.cert.subject_der.clone(),
            issuer.cert.spki_der.clone(),
            issuer
                .cert
                .subject_key_id
                .clone()
                .unwrap_or_else(|| key_identifier(&issuer.cert.public_key_bits)),
        ),
    };
    Ok(TbsParams {
        serial: random_serial()?,
        issuer_der,
        issuer_spki_der,
        subject_der,
        spki_der: csr.spki_der.clone(),
        not_before,
        not_after,
        sans,
        ca,
        key_usage,
        extended_key_usage: profile.extended_key_usages().collect(),
        subject_key_id,
        authority_key_id,
        ocsp_url: profile.ocsp_url.clone(),
        issuer_urls: profile.issuer_urls.clone(),
        crl_url: options.crl_url.clone().or_else(|| profile.crl_url.clone()),
        policies: profile.policies.clone(),
        ocsp_no_check: profile.ocsp_no_check,
        name_constraints: profile.name_constraints.clone(),
        notes,
    })
}

/// What is refused before anything is decided: a profile that cannot sign
/// here, a key certsmith does not vouch for, a CA request under a leaf
/// profile, an expired CA, a request for the CA's own key.
fn check_request(
    csr: &CertificateRequest,
    profile: &Profile,
    signed_by: SignedBy<'_>,
    now: OffsetDateTime,
) -> Result<()> {
    profile.check_local()?;
    // The key the certificate is for: a CA vouches for it (issue 13).
    crate::keys::check_rsa_exponent(&csr.spki_der, &csr.source)?;
    if csr.ca.is_some() && !profile.is_ca() {
        return Err(Error::CaRequestUnderLeafProfile {
            profile: profile.name.clone(),
        });
    }
    if let SignedBy::Ca(issuer) = signed_by {
        issuer.check_current(now)?;
        // A CA's own key in a certificate it issues (`sign --key ca-key.pem`,
        // a CSR made with it): a server holding that certificate holds the
        // CA key, and the leaf could be split over the CA's files.
        let is_ca_key = |c: &Certificate| c.public_key_bits == csr.public_key_bits;
        if is_ca_key(&issuer.cert) || issuer.chain.iter().any(is_ca_key) {
            return Err(Error::RequestForTheCasKey {
                source: csr.source.clone(),
                ca: issuer.cert_source.clone(),
            });
        }
    }
    Ok(())
}

/// Subject and SANs: what the CSR (or the caller's override) proposes,
/// filtered by CSRWhitelist and checked against name_whitelist and the
/// issuers' name constraints.
fn names(
    csr: &CertificateRequest,
    profile: &Profile,
    signed_by: SignedBy<'_>,
    options: &Options,
    notes: &mut Vec<Note>,
) -> Result<(Vec<u8>, Vec<San>)> {
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
    let mut seen = HashSet::new();
    sans.retain(|s| seen.insert(s.clone()));
    for san in &sans {
        san.check()?;
    }
    let cn = csr.common_name.as_deref().filter(|_| keep_subject);
    if let Some(pattern) = &profile.name_whitelist {
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
    if let SignedBy::Ca(issuer) = signed_by {
        let cas = std::iter::once(&issuer.cert).chain(&issuer.chain);
        name_constraints::check_chain(cas, &issuer.cert_source, cn, &sans)?;
    }
    if subject_der == [0x30, 0x00] && sans.is_empty() {
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
    Ok((subject_der, sans))
}

/// Basic constraints: only a CA profile makes a CA, with the profile's
/// pathlen (or initca's), never more than the issuer allows.
fn basic_constraints(
    profile: &Profile,
    signed_by: SignedBy<'_>,
    options: &Options,
    notes: &mut Vec<Note>,
) -> Result<Option<PathLen>> {
    let Some(constraint) = profile.ca else {
        return Ok(None);
    };
    let requested = options
        .ca_override
        .as_ref()
        .and_then(|c| c.path_len)
        .unwrap_or(constraint.path_len);
    let allowed = match signed_by {
        SignedBy::Itself(_) => None,
        SignedBy::Ca(issuer) => match issuer.cert.ca().flatten() {
            None => None,
            Some(0) => {
                return Err(Error::PathLenExhausted {
                    source: issuer.cert_source.clone(),
                });
            }
            Some(n) => Some(n - 1),
        },
    };
    Ok(Some(match (requested, allowed) {
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
    }))
}

/// Key usage: the profile's bits, less those the key type forbids. That
/// is news only when the user's own config asked for them, and then once
/// for all of them: certsmith's shipped profiles ask for `key
/// encipherment` for RSA keys and expect to lose it for the others.
fn key_usage(
    csr: &CertificateRequest,
    profile: &Profile,
    notes: &mut Vec<Note>,
) -> FlagSet<KeyUsages> {
    let mut key_usage = FlagSet::default();
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
    key_usage
}

/// notBefore and notAfter: the profile's (or initca's) backdate and expiry,
/// cut to the issuer's validity at both ends.
fn validity(
    profile: &Profile,
    signed_by: SignedBy<'_>,
    options: &Options,
    now: OffsetDateTime,
    notes: &mut Vec<Note>,
) -> Result<(OffsetDateTime, OffsetDateTime)> {
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
    let SignedBy::Ca(issuer) = signed_by else {
        return Ok((not_before, not_after));
    };
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
    Ok((not_before, not_after))
}

/// 20 random bytes, top bit clear and with a non-zero first byte so that
/// the DER INTEGER is exactly 20 octets (RFC 5280 §4.1.2.2).
fn random_serial() -> Result<Serial> {
    let mut serial = [0u8; 20];
    aws_lc_rs::rand::fill(&mut serial).map_err(|_| Error::NoRandomness)?;
    serial[0] &= 0x7f;
    if serial[0] == 0 {
        serial[0] = 0x01;
    }
    Ok(Serial::from_magnitude(&serial))
}
