//! Renewal: a new certificate for a key that already has one (issue 14).
//!
//! Nothing here builds a certificate. These functions turn an old
//! certificate into the request and options that [`crate::issue::issue`]
//! signs, so that a renewal goes through the one place where certificates
//! are built, and the profile still decides validity, usages and the rest.
//! The old certificate only proposes what a CSR would: subject, SANs, key
//! and whether it is a CA.

use std::time::Duration;

use x509_parser::prelude::{FromDer, X509Name};

use crate::cfssl::request::{CaSection, PathLen};
use crate::issue::Options;
use crate::keys::Signer;
use crate::x509::certificate::Certificate;
use crate::x509::csr::{self, CertificateRequest};
use crate::{Error, Result};

/// Checks that `key` is the private key of `cert`.
pub fn check_key(
    cert: &Certificate,
    cert_source: &str,
    key: &dyn Signer,
    key_source: &str,
) -> Result<()> {
    if key.public_key_bits() != cert.public_key_bits.as_slice() {
        return Err(Error::KeyNotForCertificate {
            key: key_source.into(),
            cert: cert_source.into(),
        });
    }
    Ok(())
}

/// What `cert` asks for again, as a request without a CSR: its subject,
/// SANs, public key and CA flag. There is no self-signature to check: the
/// key proved itself when `cert` was first issued, and the caller checks
/// that the CA signing the renewal issued `cert`
/// ([`crate::ledger::check_signed_by`]). Its `der` is empty: there is no
/// CSR to hand out.
pub fn request_from_certificate(cert: &Certificate, source: &str) -> CertificateRequest {
    CertificateRequest {
        source: source.into(),
        der: Vec::new(),
        subject_der: cert.subject_der.clone(),
        // The CN is checked against name_whitelist and name constraints as
        // a CSR's would be.
        common_name: common_name(&cert.subject_der),
        spki_der: cert.spki_der.clone(),
        public_key_bits: cert.public_key_bits.clone(),
        key_algorithm: cert.key_algorithm,
        sans: cert.sans.clone(),
        // Certificate reading keeps only the kinds certsmith issues.
        sans_left_out: Vec::new(),
        ca: path_len(cert),
    }
}

/// A fresh CSR for `cert`'s subject, SANs and CA flag, signed by `key`,
/// which must be `cert`'s key.
pub fn signed_request(
    cert: &Certificate,
    cert_source: &str,
    key: &dyn Signer,
    key_source: &str,
) -> Result<CertificateRequest> {
    check_key(cert, cert_source, key, key_source)?;
    let der = csr::build(&cert.subject_der, &cert.sans, path_len(cert), key)?;
    CertificateRequest::from_bytes(&der, "the new request")
}

/// `initca --key KEY --ca OLD` (cfssl's `gencert -renewca`): the request
/// and options for a new self-signed certificate of the root `old`, signed
/// by `key`, with `old`'s subject, SANs, subject key identifier (the
/// authority key identifier of everything `old` issued) and pathlen. With
/// `keep_lifetime`, the new root is valid as long as `old` was, as cfssl
/// renews; otherwise the profile decides.
pub fn root_renewal(
    old: &Certificate,
    old_source: &str,
    key: &dyn Signer,
    key_source: &str,
    keep_lifetime: bool,
) -> Result<(CertificateRequest, Options)> {
    let Some(path_len) = path_len(old) else {
        return Err(Error::NotACa {
            source: old_source.into(),
            reason: "BasicConstraints does not say CA:TRUE",
        });
    };
    // A renewed intermediate signed by itself would be a new root under
    // an intermediate's name: its issuer renews it.
    crate::ledger::check_signed_by(old, old_source, old, old_source).map_err(|_| {
        Error::RenewRootNotSelfSigned {
            source: old_source.into(),
        }
    })?;
    let request = signed_request(old, old_source, key, key_source)?;
    let lifetime = (old.not_after - old.not_before).unsigned_abs();
    let options = Options {
        subject_key_id: old.subject_key_id.clone(),
        ca_override: Some(CaSection {
            path_len: Some(path_len),
            expiry: keep_lifetime.then(|| Duration::from_secs(lifetime.as_secs())),
            backdate: None,
        }),
        ..Options::default()
    };
    Ok((request, options))
}

/// `Some(pathlen)` for a CA certificate, as a CSR asking for CA:TRUE carries it.
fn path_len(cert: &Certificate) -> Option<PathLen> {
    cert.ca()
}

/// The first CN of a DER name, as [`CertificateRequest`] reads a CSR's.
fn common_name(name_der: &[u8]) -> Option<String> {
    let (_, name) = X509Name::from_der(name_der).ok()?;
    name.iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string)
}
