//! A CRL's report.

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::prelude::*;

use super::{Location, Name, cfssl_name};
use crate::hex;
use crate::time::rfc3339;
use crate::x509::crl::Reason;
use crate::{Result, x509::pemfile, x509::signature};

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
    pub(super) issuer_text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RevokedReport {
    /// Uppercase hex, as openssl prints it.
    pub serial: String,
    pub revoked_at: String,
    /// RFC 5280's name (`keyCompromise`), or `None` without a reason code.
    pub reason: Option<String>,
}

pub(super) fn report(
    der: &[u8],
    location: Location,
    source: &str,
    now: OffsetDateTime,
) -> Result<CrlReport> {
    let bad = |reason: String| crate::Error::CrlParse {
        source: source.into(),
        reason,
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
