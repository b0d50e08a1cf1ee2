//! An issuing CA: its certificate and the signer that holds its key.

use time::OffsetDateTime;

use crate::keys::Signer;
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
    /// The CA's key, wherever it lives: everything the CA signs goes through it.
    pub key: Box<dyn Signer>,
    pub cert_source: String,
}

impl Issuer {
    pub fn new(
        cert: Certificate,
        cert_source: &str,
        key: impl Into<Box<dyn Signer>>,
        key_source: &str,
    ) -> Result<Issuer> {
        let key = key.into();
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
        crate::keys::signer::check_ca_key(&cert, cert_source, key.as_ref(), key_source)?;
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
