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
//!
//! [`decide`] makes every decision in plain values ([`TbsParams`]; tests.rs
//! pins them one by one); [`encode`] turns those into DER, signs them with
//! the CA's [`Signer`] and checks the signature before anything is handed out.

pub mod batch;
mod decide;
mod encode;
pub mod renew;

use std::time::Duration;

use time::OffsetDateTime;

use crate::ca::Issuer;
use crate::cfssl::config::Profile;
use crate::keys::Signer;
use crate::x509::csr::CertificateRequest;
use crate::x509::san::San;
use crate::{Note, Result};

pub use decide::{TbsParams, decide};
pub use encode::encode;

/// cfssl's default backdate: covers clock skew between issuer and relying parties.
pub const DEFAULT_BACKDATE: Duration = Duration::from_secs(5 * 60);

/// Who signs: the new certificate's own key (a root), or a CA.
#[derive(Clone, Copy)]
pub enum SignedBy<'a> {
    Itself(&'a dyn Signer),
    Ca(&'a Issuer),
}

impl<'a> SignedBy<'a> {
    /// The key that makes the signature.
    fn signer(self) -> &'a dyn Signer {
        match self {
            SignedBy::Itself(key) => key,
            SignedBy::Ca(issuer) => issuer.key.as_ref(),
        }
    }
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

/// Signs `csr` under `profile`: [`decide`]s what the certificate says, then
/// [`encode`]s and signs it. `now` is passed in so that tests and the
/// ledger can pin it.
pub fn issue(
    csr: &CertificateRequest,
    profile: &Profile,
    signed_by: SignedBy<'_>,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Issued> {
    let params = decide(csr, profile, signed_by, options, now)?;
    let der = encode(&params, signed_by.signer())?;
    Ok(Issued {
        der,
        notes: params.notes,
    })
}

#[cfg(test)]
pub(crate) mod tests;
