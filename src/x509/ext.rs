//! Wrapping a value as an X.509 extension, and the key identifier certsmith
//! writes when a CA certificate carries none: one copy for certificates,
//! CRLs and requests.

use aws_lc_rs::digest;
use der::Encode;
use der::asn1::OctetString;
use x509_cert::ext::Extension;

use super::oid::ObjectIdentifier;

/// `value` DER-encoded into an extension's OCTET STRING (RFC 5280 §4.1).
/// The error is der's own: each caller says what it was encoding.
pub fn extension(
    id: ObjectIdentifier,
    critical: bool,
    value: &impl Encode,
) -> Result<Extension, der::Error> {
    Ok(Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(value.to_der()?)?,
    })
}

/// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits, as cfssl.
pub fn key_identifier(public_key_bits: &[u8]) -> Vec<u8> {
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, public_key_bits)
        .as_ref()
        .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_identifier_is_sha1_of_the_bits() {
        // SHA-1("abc"), FIPS 180-2 appendix A.1.
        assert_eq!(
            key_identifier(b"abc"),
            [
                0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e, 0x25, 0x71, 0x78, 0x50,
                0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d
            ]
        );
    }

    #[test]
    fn extension_wraps_the_der() {
        let e = extension(super::super::oid::CRL_NUMBER, false, &true).unwrap();
        assert_eq!(e.extn_value.as_bytes(), [0x01, 0x01, 0xff]);
        assert!(!e.critical);
    }
}
