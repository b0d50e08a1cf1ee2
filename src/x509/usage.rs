//! cfssl's usage strings and what they become: KeyUsage bits (one critical
//! extension) and ExtendedKeyUsage OIDs (non-critical), README "Usages".

use der::asn1::ObjectIdentifier;
use x509_cert::ext::pkix::KeyUsages;

use crate::keys::KeyAlgorithm;

/// One KeyUsage bit (RFC 5280 §4.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyUsageBit {
    DigitalSignature,
    ContentCommitment,
    KeyEncipherment,
    DataEncipherment,
    KeyAgreement,
    KeyCertSign,
    CrlSign,
    EncipherOnly,
    DecipherOnly,
}

impl KeyUsageBit {
    pub fn name(self) -> &'static str {
        match self {
            KeyUsageBit::DigitalSignature => "digital signature",
            KeyUsageBit::ContentCommitment => "content commitment",
            KeyUsageBit::KeyEncipherment => "key encipherment",
            KeyUsageBit::DataEncipherment => "data encipherment",
            KeyUsageBit::KeyAgreement => "key agreement",
            KeyUsageBit::KeyCertSign => "cert sign",
            KeyUsageBit::CrlSign => "crl sign",
            KeyUsageBit::EncipherOnly => "encipher only",
            KeyUsageBit::DecipherOnly => "decipher only",
        }
    }

    pub fn flag(self) -> KeyUsages {
        match self {
            KeyUsageBit::DigitalSignature => KeyUsages::DigitalSignature,
            KeyUsageBit::ContentCommitment => KeyUsages::NonRepudiation,
            KeyUsageBit::KeyEncipherment => KeyUsages::KeyEncipherment,
            KeyUsageBit::DataEncipherment => KeyUsages::DataEncipherment,
            KeyUsageBit::KeyAgreement => KeyUsages::KeyAgreement,
            KeyUsageBit::KeyCertSign => KeyUsages::KeyCertSign,
            KeyUsageBit::CrlSign => KeyUsages::CRLSign,
            KeyUsageBit::EncipherOnly => KeyUsages::EncipherOnly,
            KeyUsageBit::DecipherOnly => KeyUsages::DecipherOnly,
        }
    }

    /// Whether a key of this family may carry the bit, and the rule that says so.
    /// RSA: RFC 3279 §2.3.1 (no key agreement). ECDSA: RFC 8813 §3 (no key or
    /// data encipherment). Ed25519: RFC 8410 §5 (signing bits only).
    pub fn allowed_for(self, key: KeyAlgorithm) -> Result<(), &'static str> {
        use KeyUsageBit::*;
        match key {
            KeyAlgorithm::Rsa(_) => match self {
                KeyAgreement | EncipherOnly | DecipherOnly => Err("RFC 3279 §2.3.1"),
                _ => Ok(()),
            },
            KeyAlgorithm::Ed25519 => match self {
                DigitalSignature | ContentCommitment | KeyCertSign | CrlSign => Ok(()),
                _ => Err("RFC 8410 §5"),
            },
            _ => match self {
                KeyEncipherment | DataEncipherment => Err("RFC 8813 §3"),
                _ => Ok(()),
            },
        }
    }
}

/// One usage string of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Key(KeyUsageBit),
    Extended(ObjectIdentifier),
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

pub const EKU_ANY: ObjectIdentifier = oid("2.5.29.37.0");
pub const EKU_SERVER_AUTH: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.1");
pub const EKU_CLIENT_AUTH: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.2");
pub const EKU_OCSP_SIGNING: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.9");

impl Usage {
    /// cfssl's spelling (case-insensitive), including its 1.2 misspelling
    /// `content committment`.
    pub fn parse(text: &str) -> Option<Usage> {
        use KeyUsageBit::*;
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "signing" | "digital signature" => Usage::Key(DigitalSignature),
            "content commitment" | "content committment" => Usage::Key(ContentCommitment),
            "key encipherment" => Usage::Key(KeyEncipherment),
            "key agreement" => Usage::Key(KeyAgreement),
            "data encipherment" => Usage::Key(DataEncipherment),
            "cert sign" => Usage::Key(KeyCertSign),
            "crl sign" => Usage::Key(CrlSign),
            "encipher only" => Usage::Key(EncipherOnly),
            "decipher only" => Usage::Key(DecipherOnly),
            "any" => Usage::Extended(EKU_ANY),
            "server auth" => Usage::Extended(EKU_SERVER_AUTH),
            "client auth" => Usage::Extended(EKU_CLIENT_AUTH),
            "code signing" => Usage::Extended(oid("1.3.6.1.5.5.7.3.3")),
            "email protection" | "s/mime" => Usage::Extended(oid("1.3.6.1.5.5.7.3.4")),
            "ipsec end system" => Usage::Extended(oid("1.3.6.1.5.5.7.3.5")),
            "ipsec tunnel" => Usage::Extended(oid("1.3.6.1.5.5.7.3.6")),
            "ipsec user" => Usage::Extended(oid("1.3.6.1.5.5.7.3.7")),
            "timestamping" => Usage::Extended(oid("1.3.6.1.5.5.7.3.8")),
            "ocsp signing" => Usage::Extended(EKU_OCSP_SIGNING),
            "microsoft sgc" => Usage::Extended(oid("1.3.6.1.4.1.311.10.3.3")),
            "netscape sgc" => Usage::Extended(oid("2.16.840.1.113730.4.1")),
            _ => return None,
        })
    }
}
