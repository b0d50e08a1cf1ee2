//! A certificate request's report.

use serde::Serialize;
use x509_parser::prelude::*;

use super::key::{key_info, key_warnings};
use super::{KeyInfo, Location, Name, cfssl_name, split_sans};
use crate::hex;
use crate::x509::csr::CertificateRequest;
use crate::{Result, x509::pemfile, x509::signature};

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
    pub(super) subject_text: String,
    #[serde(skip)]
    pub(super) all_sans: Vec<String>,
}

pub(super) fn report(der: &[u8], location: Location, source: &str) -> Result<CsrReport> {
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
