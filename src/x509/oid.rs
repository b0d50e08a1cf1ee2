//! Every object identifier certsmith names, in one place.
//!
//! The values come from `const_oid::db`, which generates them from the RFCs'
//! own ASN.1 modules, so a typo cannot hide here; the few the db does not
//! carry (cfssl's legacy extended key usages, curves certsmith only names in
//! order to refuse them) are spelled out below with their source. Elsewhere
//! in `src/` an OID is always one of these names: policy OIDs read from a
//! config file are data, not vocabulary, and stay where they are parsed.

use const_oid::db::{rfc2985, rfc4519, rfc5280, rfc5912, rfc6960, rfc8410};
pub use der::asn1::ObjectIdentifier;

// Certificate and CRL extensions (RFC 5280 §4.2, §5.2, §5.3).
pub const SUBJECT_KEY_ID: ObjectIdentifier = rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER;
pub const KEY_USAGE: ObjectIdentifier = rfc5280::ID_CE_KEY_USAGE;
pub const SUBJECT_ALT_NAME: ObjectIdentifier = rfc5280::ID_CE_SUBJECT_ALT_NAME;
pub const BASIC_CONSTRAINTS: ObjectIdentifier = rfc5280::ID_CE_BASIC_CONSTRAINTS;
pub const CRL_NUMBER: ObjectIdentifier = rfc5280::ID_CE_CRL_NUMBER;
pub const CRL_REASON: ObjectIdentifier = rfc5280::ID_CE_CRL_REASONS;
pub const NAME_CONSTRAINTS: ObjectIdentifier = rfc5280::ID_CE_NAME_CONSTRAINTS;
pub const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS;
pub const CERTIFICATE_POLICIES: ObjectIdentifier = rfc5280::ID_CE_CERTIFICATE_POLICIES;
pub const AUTHORITY_KEY_ID: ObjectIdentifier = rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER;
pub const EXT_KEY_USAGE: ObjectIdentifier = rfc5280::ID_CE_EXT_KEY_USAGE;
pub const AUTHORITY_INFO_ACCESS: ObjectIdentifier = rfc5280::ID_PE_AUTHORITY_INFO_ACCESS;
/// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1), on OCSP signing certificates.
pub const OCSP_NO_CHECK: ObjectIdentifier = rfc6960::ID_PKIX_OCSP_NOCHECK;

// Access methods and policy qualifiers (RFC 5280 §4.2.2.1, §4.2.1.4).
pub const AD_OCSP: ObjectIdentifier = rfc5280::ID_AD_OCSP;
pub const AD_CA_ISSUERS: ObjectIdentifier = rfc5280::ID_AD_CA_ISSUERS;
pub const QT_CPS: ObjectIdentifier = rfc5280::ID_QT_CPS;
pub const QT_UNOTICE: ObjectIdentifier = rfc5280::ID_QT_UNOTICE;

// Extended key usages (RFC 5280 §4.2.1.12).
pub const EKU_ANY: ObjectIdentifier = rfc5280::ANY_EXTENDED_KEY_USAGE;
pub const EKU_SERVER_AUTH: ObjectIdentifier = rfc5280::ID_KP_SERVER_AUTH;
pub const EKU_CLIENT_AUTH: ObjectIdentifier = rfc5280::ID_KP_CLIENT_AUTH;
pub const EKU_CODE_SIGNING: ObjectIdentifier = rfc5280::ID_KP_CODE_SIGNING;
pub const EKU_EMAIL_PROTECTION: ObjectIdentifier = rfc5280::ID_KP_EMAIL_PROTECTION;
pub const EKU_TIME_STAMPING: ObjectIdentifier = rfc5280::ID_KP_TIME_STAMPING;
pub const EKU_OCSP_SIGNING: ObjectIdentifier = rfc5280::ID_KP_OCSP_SIGNING;
// RFC 2459 §4.2.1.13 defined these three; RFC 4945 §5.1.3.12 deprecated
// them, so the db (built from RFC 5280's module) no longer has them. cfssl
// still accepts their names in profiles.
pub const EKU_IPSEC_END_SYSTEM: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.5");
pub const EKU_IPSEC_TUNNEL: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.6");
pub const EKU_IPSEC_USER: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.7");
/// Microsoft Server Gated Crypto (szOID_SERVER_GATED_CRYPTO), named by cfssl.
pub const EKU_MICROSOFT_SGC: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.10.3.3");
/// Netscape Server Gated Crypto, named by cfssl.
pub const EKU_NETSCAPE_SGC: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.113730.4.1");

// Distinguished-name attributes (RFC 4519 §2, PKCS #9 for the e-mail address).
pub const CN: ObjectIdentifier = rfc4519::CN;
pub const SERIAL_NUMBER: ObjectIdentifier = rfc4519::SERIAL_NUMBER;
pub const C: ObjectIdentifier = rfc4519::C;
pub const L: ObjectIdentifier = rfc4519::L;
pub const ST: ObjectIdentifier = rfc4519::ST;
pub const STREET: ObjectIdentifier = rfc4519::STREET;
pub const O: ObjectIdentifier = rfc4519::O;
pub const OU: ObjectIdentifier = rfc4519::OU;
pub const POSTAL_CODE: ObjectIdentifier = rfc4519::POSTAL_CODE;
pub const EMAIL: ObjectIdentifier = rfc2985::PKCS_9_AT_EMAIL_ADDRESS;

// Public-key algorithms (RFC 5912, RFC 8410).
pub const RSA_ENCRYPTION: ObjectIdentifier = rfc5912::RSA_ENCRYPTION;
pub const EC_PUBLIC_KEY: ObjectIdentifier = rfc5912::ID_EC_PUBLIC_KEY;
pub const ED25519: ObjectIdentifier = rfc8410::ID_ED_25519;

// Named curves (RFC 5480 §2.1.1.1).
pub const SECP256R1: ObjectIdentifier = rfc5912::SECP_256_R_1;
pub const SECP384R1: ObjectIdentifier = rfc5912::SECP_384_R_1;
pub const SECP521R1: ObjectIdentifier = rfc5912::SECP_521_R_1;
pub const SECP224R1: ObjectIdentifier = rfc5912::SECP_224_R_1;
/// prime192v1 (ANSI X9.62), named only to refuse it by name.
pub const SECP192R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.1");
/// secp256k1 (SEC 2 §2.4.1), named only to refuse it by name.
pub const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

// Signature algorithms (RFC 5912; RFC 8410 for Ed25519).
pub const MD2_WITH_RSA: ObjectIdentifier = rfc5912::MD_2_WITH_RSA_ENCRYPTION;
pub const MD5_WITH_RSA: ObjectIdentifier = rfc5912::MD_5_WITH_RSA_ENCRYPTION;
pub const SHA1_WITH_RSA: ObjectIdentifier = rfc5912::SHA_1_WITH_RSA_ENCRYPTION;
pub const SHA256_WITH_RSA: ObjectIdentifier = rfc5912::SHA_256_WITH_RSA_ENCRYPTION;
pub const SHA384_WITH_RSA: ObjectIdentifier = rfc5912::SHA_384_WITH_RSA_ENCRYPTION;
pub const SHA512_WITH_RSA: ObjectIdentifier = rfc5912::SHA_512_WITH_RSA_ENCRYPTION;
pub const DSA_WITH_SHA1: ObjectIdentifier = rfc5912::DSA_WITH_SHA_1;
pub const DSA_WITH_SHA256: ObjectIdentifier = rfc5912::DSA_WITH_SHA_256;
/// ecdsa-with-SHA1 (RFC 3279 §2.2.3); RFC 5912's module left it out.
pub const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
pub const ECDSA_WITH_SHA256: ObjectIdentifier = rfc5912::ECDSA_WITH_SHA_256;
pub const ECDSA_WITH_SHA384: ObjectIdentifier = rfc5912::ECDSA_WITH_SHA_384;
pub const ECDSA_WITH_SHA512: ObjectIdentifier = rfc5912::ECDSA_WITH_SHA_512;

// PKCS #10 attributes (RFC 2985 §5.4.2).
pub const EXTENSION_REQUEST: ObjectIdentifier = rfc2985::PKCS_9_AT_EXTENSION_REQUEST;

/// An OID as x509-parser hands it over, in this module's type (`None` if its
/// encoding is not one `const-oid` can hold).
pub fn from_parser(id: &x509_parser::oid_registry::Oid<'_>) -> Option<ObjectIdentifier> {
    ObjectIdentifier::from_bytes(id.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-spelled ones, checked against the dotted forms their
    /// standards print (the db-backed ones are the db's to get right).
    #[test]
    fn hand_spelled_oids_match_their_standards() {
        for (oid, dotted) in [
            (EKU_IPSEC_END_SYSTEM, "1.3.6.1.5.5.7.3.5"),
            (EKU_IPSEC_TUNNEL, "1.3.6.1.5.5.7.3.6"),
            (EKU_IPSEC_USER, "1.3.6.1.5.5.7.3.7"),
            (EKU_MICROSOFT_SGC, "1.3.6.1.4.1.311.10.3.3"),
            (EKU_NETSCAPE_SGC, "2.16.840.1.113730.4.1"),
            (SECP192R1, "1.2.840.10045.3.1.1"),
            (SECP256K1, "1.3.132.0.10"),
            (ECDSA_WITH_SHA1, "1.2.840.10045.4.1"),
        ] {
            assert_eq!(oid.to_string(), dotted);
        }
    }

    #[test]
    fn db_names_are_the_ones_certsmith_relied_on() {
        assert_eq!(SUBJECT_KEY_ID.to_string(), "2.5.29.14");
        assert_eq!(CRL_REASON.to_string(), "2.5.29.21");
        assert_eq!(EKU_ANY.to_string(), "2.5.29.37.0");
        assert_eq!(OCSP_NO_CHECK.to_string(), "1.3.6.1.5.5.7.48.1.5");
        assert_eq!(ST.to_string(), "2.5.4.8");
        assert_eq!(EMAIL.to_string(), "1.2.840.113549.1.9.1");
        assert_eq!(ED25519.to_string(), "1.3.101.112");
        assert_eq!(SECP521R1.to_string(), "1.3.132.0.35");
        assert_eq!(ECDSA_WITH_SHA512.to_string(), "1.2.840.10045.4.3.4");
    }
}
