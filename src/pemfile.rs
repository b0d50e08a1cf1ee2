//! PEM in and out: what every file certsmith reads or writes looks like.

use crate::{Error, Result};

/// True when `bytes` hold PEM text (possibly after leading comments or
/// whitespace, as openssl's `-text` output leaves them) rather than DER.
/// DER is recognised first: a subject can carry "-----BEGIN " too.
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    !is_der_sequence(bytes) && bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

/// A DER SEQUENCE whose length covers exactly the rest of `bytes`, as every
/// certificate, CSR, CRL and key file in DER is.
fn is_der_sequence(bytes: &[u8]) -> bool {
    let (len, rest) = match bytes {
        [0x30, n, rest @ ..] if *n < 0x80 => (usize::from(*n), rest),
        [0x30, 0x81, n, rest @ ..] => (usize::from(*n), rest),
        [0x30, 0x82, a, b, rest @ ..] => (usize::from(u16::from_be_bytes([*a, *b])), rest),
        [0x30, 0x83, a, b, c, rest @ ..] => (u32::from_be_bytes([0, *a, *b, *c]) as usize, rest),
        _ => return false,
    };
    rest.len() == len
}

/// Every PEM block in `bytes`.
pub fn parse_all(bytes: &[u8], source: &str) -> Result<Vec<pem::Pem>> {
    pem::parse_many(bytes).map_err(|e| Error::CertificateParse {
        source: source.to_string(),
        reason: format!("broken PEM: {e}"),
    })
}

/// The DER of the first block labelled with one of `tags`, or `bytes` itself
/// when they are not PEM (then they are taken to be DER).
pub fn first_der(
    bytes: &[u8],
    tags: &[&str],
    source: &str,
    expected: &'static str,
) -> Result<Vec<u8>> {
    if !looks_like_pem(bytes) {
        if bytes.first() == Some(&0x30) {
            return Ok(bytes.to_vec());
        }
        return Err(Error::NoPemObject {
            source: source.to_string(),
            expected,
        });
    }
    let blocks = parse_all(bytes, source)?;
    let found = blocks.iter().find_map(|b| kind_of(b.tag()));
    blocks
        .into_iter()
        .find(|b| tags.contains(&b.tag()))
        .map(pem::Pem::into_contents)
        .ok_or_else(|| match found {
            Some(found) => Error::WrongKind {
                source: source.to_string(),
                found,
                expected,
            },
            None => Error::NoPemObject {
                source: source.to_string(),
                expected,
            },
        })
}

/// What a PEM label says a block is, for "X holds a certificate, not a CSR".
fn kind_of(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => "a certificate",
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => "a certificate request",
        "X509 CRL" => "a CRL",
        "PUBLIC KEY" | "RSA PUBLIC KEY" => "a public key",
        "AGE ENCRYPTED FILE" => "an age-sealed file",
        t if t.ends_with("PRIVATE KEY") => "a private key",
        _ => return None,
    })
}

/// PEM with `\n` line endings, as cfssl and openssl write it.
pub fn encode(tag: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}
