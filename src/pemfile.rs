//! PEM in and out: what every file certsmith reads or writes looks like.

use crate::{Error, Result};

/// True when `bytes` hold PEM text (possibly after leading comments or
/// whitespace, as openssl's `-text` output leaves them) rather than DER.
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|w| w == b"-----BEGIN ")
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
    parse_all(bytes, source)?
        .into_iter()
        .find(|b| tags.contains(&b.tag()))
        .map(pem::Pem::into_contents)
        .ok_or_else(|| Error::NoPemObject {
            source: source.to_string(),
            expected,
        })
}

/// PEM with `\n` line endings, as cfssl and openssl write it.
pub fn encode(tag: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}
