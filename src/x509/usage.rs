//! cfssl's usage strings and what they become: KeyUsage bits (one critical
//! extension) and ExtendedKeyUsage OIDs (non-critical), README "Usages".

use x509_cert::ext::pkix::KeyUsages;

use crate::keys::KeyAlgorithm;
use crate::x509::oid::{self, ObjectIdentifier};

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
    /// Every bit, in RFC 5280 §4.2.1.3's order (the order reports list them in).
    pub const ALL: [KeyUsageBit; 9] = [
        KeyUsageBit::DigitalSignature,
        KeyUsageBit::ContentCommitment,
        KeyUsageBit::KeyEncipherment,
        KeyUsageBit::DataEncipherment,
        KeyUsageBit::KeyAgreement,
        KeyUsageBit::KeyCertSign,
        KeyUsageBit::CrlSign,
        KeyUsageBit::EncipherOnly,
        KeyUsageBit::DecipherOnly,
    ];

    /// cfssl's name for the bit.
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

pub use crate::x509::oid::{EKU_ANY, EKU_CLIENT_AUTH, EKU_OCSP_SIGNING, EKU_SERVER_AUTH};

/// The extended key usages cfssl names, by its names. RFC 5280 §4.2.1.12's
/// own purposes come first, in its order: reports list them so.
const EXTENDED: [(&str, ObjectIdentifier); 12] = [
    ("any", oid::EKU_ANY),
    ("server auth", oid::EKU_SERVER_AUTH),
    ("client auth", oid::EKU_CLIENT_AUTH),
    ("code signing", oid::EKU_CODE_SIGNING),
    ("email protection", oid::EKU_EMAIL_PROTECTION),
    ("timestamping", oid::EKU_TIME_STAMPING),
    ("ocsp signing", oid::EKU_OCSP_SIGNING),
    ("ipsec end system", oid::EKU_IPSEC_END_SYSTEM),
    ("ipsec tunnel", oid::EKU_IPSEC_TUNNEL),
    ("ipsec user", oid::EKU_IPSEC_USER),
    ("microsoft sgc", oid::EKU_MICROSOFT_SGC),
    ("netscape sgc", oid::EKU_NETSCAPE_SGC),
];

/// cfssl's other spellings, and the name each stands for.
const ALIASES: [(&str, &str); 3] = [
    ("signing", "digital signature"),
    ("content committment", "content commitment"),
    ("s/mime", "email protection"),
];

/// How many of [`EXTENDED`]'s first entries RFC 5280 itself defines.
const RFC5280_PURPOSES: usize = 7;

impl Usage {
    /// Every spelling [`Usage::parse`] accepts (in lower case): each
    /// usage's name, then cfssl's aliases. The man page describes them all.
    pub fn accepted_names() -> impl Iterator<Item = &'static str> {
        (KeyUsageBit::ALL.into_iter().map(KeyUsageBit::name))
            .chain(EXTENDED.iter().map(|(name, _)| *name))
            .chain(ALIASES.iter().map(|(alias, _)| *alias))
    }

    /// cfssl's spelling (case-insensitive), including its 1.2 misspelling
    /// `content committment` and its aliases `signing` and `s/mime`.
    pub fn parse(text: &str) -> Option<Usage> {
        let text = text.trim().to_ascii_lowercase();
        let canonical = ALIASES
            .iter()
            .find(|(alias, _)| *alias == text)
            .map_or(text.as_str(), |(_, name)| *name);
        if let Some(bit) = KeyUsageBit::ALL.into_iter().find(|b| b.name() == canonical) {
            return Some(Usage::Key(bit));
        }
        EXTENDED
            .iter()
            .find(|(name, _)| *name == canonical)
            .map(|(_, id)| Usage::Extended(*id))
    }

    /// cfssl's name for the usage, as [`Usage::parse`] reads it back; `None`
    /// for an extended key usage cfssl has no name for.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Usage::Key(bit) => Some(bit.name()),
            Usage::Extended(id) => EXTENDED
                .iter()
                .find(|(_, known)| *known == id)
                .map(|(name, _)| *name),
        }
    }
}

/// The names of a certificate's extended key usages, as reports list them:
/// RFC 5280's own purposes first, once each and in its order, then the others
/// as the certificate lists them, by cfssl's name or else the dotted OID.
pub fn extended_usage_names(ekus: &[ObjectIdentifier]) -> Vec<String> {
    let (standard, others) = EXTENDED.split_at(RFC5280_PURPOSES);
    let mut out: Vec<String> = standard
        .iter()
        .filter(|(_, id)| ekus.contains(id))
        .map(|(name, _)| name.to_string())
        .collect();
    for id in ekus {
        if standard.iter().any(|(_, known)| known == id) {
            continue;
        }
        out.push(match others.iter().find(|(_, known)| known == id) {
            Some((name, _)) => name.to_string(),
            None => id.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_usage_name_round_trips() {
        for bit in KeyUsageBit::ALL {
            let usage = Usage::Key(bit);
            assert_eq!(Usage::parse(usage.name().unwrap()), Some(usage));
        }
        for (name, id) in EXTENDED {
            assert_eq!(Usage::parse(name), Some(Usage::Extended(id)));
            assert_eq!(Usage::Extended(id).name(), Some(name));
        }
    }

    #[test]
    fn every_accepted_name_parses() {
        assert_eq!(Usage::accepted_names().count(), 24);
        for name in Usage::accepted_names() {
            assert!(Usage::parse(name).is_some(), "{name}");
        }
    }

    #[test]
    fn cfssl_aliases_read_as_their_usage() {
        assert_eq!(
            Usage::parse(" Signing "),
            Some(Usage::Key(KeyUsageBit::DigitalSignature))
        );
        assert_eq!(
            Usage::parse("content committment"),
            Some(Usage::Key(KeyUsageBit::ContentCommitment))
        );
        assert_eq!(
            Usage::parse("S/MIME"),
            Some(Usage::Extended(oid::EKU_EMAIL_PROTECTION))
        );
        assert_eq!(Usage::parse("server"), None);
    }

    #[test]
    fn reports_list_rfc5280_purposes_first() {
        let unnamed = ObjectIdentifier::new_unwrap("1.2.3.4");
        assert_eq!(
            extended_usage_names(&[
                oid::EKU_NETSCAPE_SGC,
                unnamed,
                oid::EKU_CLIENT_AUTH,
                oid::EKU_SERVER_AUTH,
                oid::EKU_SERVER_AUTH,
            ]),
            ["server auth", "client auth", "netscape sgc", "1.2.3.4"]
        );
    }
}
