//! An issuing CA: its certificate and the private key that matches it.

use time::OffsetDateTime;

use crate::keys::PrivateKey;
use crate::x509::certificate::Certificate;
use crate::{Error, Result};

/// A CA certificate and its key, checked to belong together before anything
/// is signed with them.
#[derive(Debug)]
pub struct Issuer {
    pub cert: Certificate,
    /// The CA certificates given with it (a chain file after the issuer):
    /// their name constraints bind what it signs too.
    pub chain: Vec<Certificate>,
    pub key: PrivateKey,
    pub cert_source: String,
}

impl Issuer {
    pub fn new(
        cert: Certificate,
        cert_source: &str,
        key: PrivateKey,
        key_source: &str,
    ) -> Result<Issuer> {
        if !cert.is_ca() {
            return Err(Error::NotACa {
                source: cert_source.into(),
                reason: "BasicConstraints does not say CA:TRUE",
            });
        }
        if cert.key_cert_sign() == Some(false) {
            return Err(Error::NotACa {
                source: cert_source.into(),
                reason: "KeyUsage lacks keyCertSign",
            });
        }
        if cert.public_key_bits != key.public_key_bits() {
            return Err(Error::CaKeyMismatch {
                cert: cert_source.into(),
                key: key_source.into(),
            });
        }
        // Refused here, before a ledger or an output is touched, rather than
        // at the first signature (issue 13).
        key.check_can_sign()?;
        Ok(Issuer {
            cert,
            chain: Vec::new(),
            key,
            cert_source: cert_source.into(),
        })
    }

    /// Refuses to sign with a CA that has expired.
    pub fn check_current(&self, now: OffsetDateTime) -> Result<()> {
        if self.cert.not_after <= now {
            return Err(Error::CaExpired {
                source: self.cert_source.clone(),
                not_after: crate::time::rfc3339(self.cert.not_after),
            });
        }
        Ok(())
    }
}
