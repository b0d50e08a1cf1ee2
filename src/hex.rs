//! Bytes as hex, in each of the forms certsmith prints: one home, so that a
//! fingerprint reads the same in `inspect`, `key fingerprint` and the
//! ledger. Built on `base16ct`, which encodes in constant time (these bytes
//! are never secret, but the crate is already in the tree for keys).

use aws_lc_rs::digest;

/// Lowercase, no separators: digests in the ledger and in JSON.
pub fn lower(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

/// `AB:CD:…`, the way openssl prints fingerprints and key identifiers.
pub fn colon(bytes: &[u8]) -> String {
    join_pairs(&base16ct::upper::encode_string(bytes))
}

/// A serial number's magnitude as `openssl x509 -noout -serial` prints it:
/// uppercase, no separators, `00` for zero (an empty magnitude).
pub fn serial(magnitude: &[u8]) -> String {
    if magnitude.is_empty() {
        return "00".into();
    }
    base16ct::upper::encode_string(magnitude)
}

/// Go's `%X` per byte joined with ":", as cfssl's certinfo formats key
/// identifiers: no zero padding, so 0x01 is "1" and 0x07 is "7".
pub fn go_colon(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Hex digits (any case, even length) as bytes; `None` when they are not.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    base16ct::mixed::decode_vec(text).ok()
}

/// SHA-256 of `bytes` in openssl's `AB:CD:…` form (`-fingerprint -sha256`).
pub fn sha256_colon(bytes: &[u8]) -> String {
    colon(digest::digest(&digest::SHA256, bytes).as_ref())
}

/// SHA-256 of `bytes`, lowercase without separators (the ledger's hashes).
pub fn sha256_lower(bytes: &[u8]) -> String {
    lower(digest::digest(&digest::SHA256, bytes).as_ref())
}

fn join_pairs(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() * 3 / 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && i % 2 == 0 {
            out.push(':');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_prints_as_its_tool_does() {
        let bytes = [0x01, 0xab, 0x00, 0x7f];
        assert_eq!(lower(&bytes), "01ab007f");
        assert_eq!(colon(&bytes), "01:AB:00:7F");
        assert_eq!(serial(&bytes), "01AB007F");
        assert_eq!(go_colon(&bytes), "1:AB:0:7F");
        assert_eq!(serial(&[]), "00");
        assert_eq!(colon(&[]), "");
        assert_eq!(colon(&[0xff]), "FF");
    }

    #[test]
    fn decode_reads_any_case_and_refuses_odd_lengths() {
        assert_eq!(decode("01aB"), Some(vec![0x01, 0xab]));
        assert_eq!(decode("abc"), None);
        assert_eq!(decode("zz"), None);
        assert_eq!(decode(&lower(&[0, 1, 254])), Some(vec![0, 1, 254]));
    }

    #[test]
    fn sha256_of_abc() {
        // FIPS 180-2 appendix B.1.
        assert_eq!(
            sha256_lower(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(sha256_colon(b"abc").starts_with("BA:78:16:BF:"));
    }
}
