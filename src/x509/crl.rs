//! Certificate revocation lists (RFC 5280 §5), made offline from the ledger
//! or from a list of serials.

use std::fmt;
use std::time::Duration;

use der::asn1::{BitString, OctetString, Uint};
use der::{Any, Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlNumber, CrlReason};
use x509_cert::time::Time;

use crate::ca::Issuer;
use crate::time::Asn1TimeError;
use crate::x509::certificate::Serial;
use crate::x509::ext::{extension, key_identifier};
use crate::x509::oid::{AUTHORITY_KEY_ID, CRL_NUMBER, CRL_REASON};
use crate::{Error, Result};

/// A reason code (RFC 5280 §5.3.1), named as openssl and RFC 5280 name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    CertificateHold,
    PrivilegeWithdrawn,
    AaCompromise,
    /// Only in delta CRLs (RFC 5280 §5.3.1), which certsmith does not make:
    /// named when read, never accepted by [`Reason::parse`].
    RemoveFromCrl,
}

const REASONS: [(Reason, &str); 9] = [
    (Reason::Unspecified, "unspecified"),
    (Reason::KeyCompromise, "keyCompromise"),
    (Reason::CaCompromise, "cACompromise"),
    (Reason::AffiliationChanged, "affiliationChanged"),
    (Reason::Superseded, "superseded"),
    (Reason::CessationOfOperation, "cessationOfOperation"),
    (Reason::CertificateHold, "certificateHold"),
    (Reason::PrivilegeWithdrawn, "privilegeWithdrawn"),
    (Reason::AaCompromise, "aACompromise"),
];

impl Reason {
    /// Every reason's name, as [`Reason::parse`] reads it and `Display` writes
    /// it (for shell completion of `revoke --reason`).
    pub const NAMES: [&'static str; REASONS.len()] = {
        let mut names = [""; REASONS.len()];
        let mut i = 0;
        while i < REASONS.len() {
            names[i] = REASONS[i].1;
            i += 1;
        }
        names
    };

    /// The reason a CRL entry's code (RFC 5280 §5.3.1) stands for; `None`
    /// for 7 and codes past 10, which it leaves unassigned.
    pub fn from_code(code: u8) -> Option<Reason> {
        use Reason::*;
        Some(match code {
            0 => Unspecified,
            1 => KeyCompromise,
            2 => CaCompromise,
            3 => AffiliationChanged,
            4 => Superseded,
            5 => CessationOfOperation,
            6 => CertificateHold,
            8 => RemoveFromCrl,
            9 => PrivilegeWithdrawn,
            10 => AaCompromise,
            _ => return None,
        })
    }

    /// RFC 5280's name (`keyCompromise`), as `Display` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Reason::RemoveFromCrl => "removeFromCRL",
            _ => REASONS
                .iter()
                .find(|(r, _)| *r == self)
                .map(|(_, n)| *n)
                .expect("every other reason is in REASONS"),
        }
    }

    /// Any case: `keyCompromise`, `keycompromise`, `KEY-COMPROMISE` is not accepted.
    pub fn parse(text: &str) -> Result<Reason> {
        REASONS
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(text.trim()))
            .map(|(r, _)| *r)
            .ok_or_else(|| Error::UnknownReason {
                value: text.to_string(),
            })
    }

    fn code(self) -> Option<CrlReason> {
        Some(match self {
            // RFC 5280 §5.3.1: omit the extension rather than say "unspecified".
            Reason::Unspecified => return None,
            Reason::KeyCompromise => CrlReason::KeyCompromise,
            Reason::CaCompromise => CrlReason::CaCompromise,
            Reason::AffiliationChanged => CrlReason::AffiliationChanged,
            Reason::Superseded => CrlReason::Superseded,
            Reason::CessationOfOperation => CrlReason::CessationOfOperation,
            Reason::CertificateHold => CrlReason::CertificateHold,
            Reason::PrivilegeWithdrawn => CrlReason::PrivilegeWithdrawn,
            Reason::AaCompromise => CrlReason::AaCompromise,
            Reason::RemoveFromCrl => CrlReason::RemoveFromCRL,
        })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    /// The serial's magnitude, big-endian; encoded by [`Serial::to_der`].
    pub serial: Vec<u8>,
    pub reason: Reason,
    pub date: OffsetDateTime,
}

#[derive(Sequence)]
struct RevokedCert {
    serial: Uint,
    date: Time,
    #[asn1(optional = "true")]
    extensions: Option<Vec<Extension>>,
}

#[derive(Sequence)]
struct TbsCertList {
    version: u8,
    signature: AlgorithmIdentifierOwned,
    issuer: Any,
    this_update: Time,
    next_update: Time,
    #[asn1(optional = "true")]
    revoked: Option<Vec<RevokedCert>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<Extension>>,
}

#[derive(Sequence)]
struct CertificateList {
    tbs: Any,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

/// A v2 CRL signed by `issuer`, with its AKI and CRL number.
pub fn build(
    issuer: &Issuer,
    revoked: &[Revocation],
    number: u64,
    now: OffsetDateTime,
    next_update: Duration,
) -> Result<Vec<u8>> {
    let now = now.replace_nanosecond(0).expect("0 is a valid nanosecond");
    let mut entries = Vec::new();
    for r in revoked {
        let extensions = match r.reason.code() {
            None => None,
            Some(code) => Some(vec![extension(CRL_REASON, false, &code).map_err(encoding)?]),
        };
        entries.push(RevokedCert {
            serial: Serial::from_magnitude(&r.serial)
                .to_der()
                .map_err(encoding)?,
            date: asn1_time(r.date)?,
            extensions,
        });
    }
    let key_id = issuer
        .cert
        .subject_key_id
        .clone()
        .unwrap_or_else(|| key_identifier(&issuer.cert.public_key_bits));
    let aki = AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(key_id).map_err(encoding)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    let number = CrlNumber(Uint::new(&number.to_be_bytes()).map_err(encoding)?);
    let algorithm = issuer.key.signature_algorithm();
    let tbs = TbsCertList {
        version: 1, // v2
        signature: algorithm.clone(),
        issuer: Any::from_der(&issuer.cert.subject_der).map_err(encoding)?,
        this_update: asn1_time(now)?,
        next_update: asn1_time(now + next_update)?,
        // RFC 5280 §5.1.2.6: absent, not empty, when nothing is revoked.
        revoked: (!entries.is_empty()).then_some(entries),
        extensions: Some(vec![
            extension(AUTHORITY_KEY_ID, false, &aki).map_err(encoding)?,
            extension(CRL_NUMBER, false, &number).map_err(encoding)?,
        ]),
    }
    .to_der()
    .map_err(encoding)?;
    let signature = issuer.key.sign(&tbs)?;
    CertificateList {
        tbs: Any::from_der(&tbs).map_err(encoding)?,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}

/// A CRL's time in ASN.1, or the error saying why it has none.
fn asn1_time(t: OffsetDateTime) -> Result<Time> {
    crate::time::asn1_time(t).map_err(|e| match e {
        Asn1TimeError::BeforeEpoch => Error::TimeBefore1970 {
            time: crate::time::rfc3339(t),
        },
        Asn1TimeError::Encoding(e) => encoding(e),
    })
}

fn encoding(e: der::Error) -> Error {
    Error::Encoding {
        what: "the CRL",
        cause: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_round_trips() {
        for name in Reason::NAMES {
            let reason = Reason::parse(name).unwrap();
            assert_eq!(reason.name(), name);
            let code = reason.code().map_or(0, |c| c as u8);
            assert_eq!(Reason::from_code(code), Some(reason));
        }
        assert_eq!(
            Reason::from_code(8).map(Reason::name),
            Some("removeFromCRL")
        );
        assert!(Reason::parse("removeFromCRL").is_err());
        assert_eq!(Reason::from_code(7), None);
    }
}
