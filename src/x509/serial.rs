//! Serial numbers (RFC 5280 §4.1.2.2): as people type them, as the ledger
//! records them, and as certsmith encodes them in certificates and CRLs.

use crate::hex;

/// A serial number (RFC 5280 §4.1.2.2) as certsmith writes it into a
/// certificate or a CRL entry: its big-endian magnitude without leading
/// zeros, never empty, so that [`Serial::to_der`] is the one encoder of a
/// serial INTEGER. (A zero-length INTEGER, which 0 once became, is not DER:
/// openssl and Python `cryptography` refuse the whole CRL, issue 13.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serial(Vec<u8>);

/// Why text typed as a serial is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialProblem {
    NotHex,
    TooLong,
    Zero,
    Negative,
}

impl std::fmt::Display for SerialProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SerialProblem::NotHex => {
                "expected hexadecimal digits as openssl prints them (any case, colons allowed)"
            }
            SerialProblem::TooLong => "longer than 20 octets (RFC 5280 §4.1.2.2)",
            SerialProblem::Zero => {
                "0 is not a serial number: serials are positive (RFC 5280 §4.1.2.2)"
            }
            SerialProblem::Negative => {
                "a negative number is not a serial number: serials are positive (RFC 5280 §4.1.2.2)"
            }
        })
    }
}

impl Serial {
    /// A serial as people type it: hex, any case, colons allowed (`5a:3f…`),
    /// an optional `0x`, at most 20 octets. 0 and negative numbers are
    /// refused: no conforming certificate carries them.
    pub fn parse(text: &str) -> Result<Serial, SerialProblem> {
        Self::parse_hex(text, false)
    }

    /// A serial as the ledger records it ([`crate::x509::certificate::Certificate::serial_hex`]): as
    /// [`Serial::parse`], but 0 is kept. A certificate that carries serial 0
    /// (not one of certsmith's) can be revoked with `--cert`, and its CRL
    /// entry must then list it rather than drop it.
    pub fn parse_recorded(text: &str) -> Result<Serial, SerialProblem> {
        Self::parse_hex(text, true)
    }

    fn parse_hex(text: &str, zero_allowed: bool) -> Result<Serial, SerialProblem> {
        let text = text.trim();
        if text.starts_with('-') {
            return Err(SerialProblem::Negative);
        }
        let hex: String = text
            .strip_prefix("0x")
            .or_else(|| text.strip_prefix("0X"))
            .unwrap_or(text)
            .chars()
            .filter(|c| *c != ':')
            .collect();
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(SerialProblem::NotHex);
        }
        let digits = hex.trim_start_matches('0');
        if digits.is_empty() {
            return if zero_allowed {
                Ok(Serial(vec![0]))
            } else {
                Err(SerialProblem::Zero)
            };
        }
        let digits = if digits.len() % 2 == 1 {
            format!("0{digits}")
        } else {
            digits.to_string()
        };
        // RFC 5280 §4.1.2.2: no conforming certificate has a longer serial.
        if digits.len() > 40 {
            return Err(SerialProblem::TooLong);
        }
        hex::decode(&digits)
            .map(Serial)
            .ok_or(SerialProblem::NotHex)
    }

    /// A serial from its big-endian magnitude (a certificate's
    /// [`crate::x509::certificate::Certificate::serial`], a ledger's, random bytes). Leading zeros are
    /// dropped; no bytes at all, or only zeros, is 0, kept as one zero octet
    /// so that a certificate that does carry serial 0 can still be listed.
    pub fn from_magnitude(bytes: &[u8]) -> Serial {
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        let magnitude = &bytes[first..];
        Serial(if magnitude.is_empty() {
            vec![0]
        } else {
            magnitude.to_vec()
        })
    }

    /// The magnitude, big-endian, without leading zeros (one 0 octet for 0).
    pub fn magnitude(&self) -> &[u8] {
        &self.0
    }

    /// The DER INTEGER: minimal, positive (a leading 0x00 when the top bit
    /// is set, X.690 §8.3.2), never empty.
    pub fn to_der(&self) -> der::Result<der::asn1::Uint> {
        der::asn1::Uint::new(&self.0)
    }
}

/// Whether `text` names the serial whose magnitude is `magnitude`, as
/// [`parse_serial`] reads it: what `revoke` asks of every line of a ledger.
/// Most lines are told apart by their last byte without parsing (a
/// million lines, one allocation each, cost a tenth of a second).
pub fn names_serial(text: &str, magnitude: &[u8]) -> bool {
    // Whatever else text holds, when it ends in two hex digits and parses,
    // they are its last byte.
    let last_byte = |text: &[u8]| {
        let [high, low] = text.last_chunk::<2>()?;
        let nibble = |d: &u8| char::from(*d).to_digit(16);
        Some((nibble(high)? << 4 | nibble(low)?) as u8)
    };
    match last_byte(text.as_bytes()) {
        Some(last) if magnitude.last() != Some(&last) => false,
        _ => parse_serial(text).as_deref() == Some(magnitude),
    }
}

/// A serial as people type it, as its magnitude: see [`Serial::parse`].
/// `None` when it is not one; [`crate::Error::InvalidSerial`] says why.
pub fn parse_serial(text: &str) -> Option<Vec<u8>> {
    Serial::parse(text).ok().map(|s| s.0)
}

#[cfg(test)]
mod tests {
    use der::Encode;

    use super::*;

    #[test]
    fn names_serial_agrees_with_parsing() {
        let magnitudes: [&[u8]; 4] = [&[0x5a], &[0x01, 0x00], &[0xff, 0x3f], &[0x0a, 0xbc, 0xde]];
        let texts = [
            "5A", "5a", "005A", "0x5a", "5:A", " 5A ", "15A", "5B", "100", "0100", "1:00", "FF3F",
            "ff3f", "ff:3f", "0xFF3F", "AFF3F", "ABCDE", "abcde", "0ABCDE", "0", "00", "", "-5A",
            "5G", "3F", "BCDE", "FF3e",
        ];
        for magnitude in magnitudes {
            for text in texts {
                assert_eq!(
                    names_serial(text, magnitude),
                    parse_serial(text).as_deref() == Some(magnitude),
                    "{text:?} against {magnitude:02x?}"
                );
            }
        }
    }

    #[test]
    fn serials_encode_as_minimal_positive_der_integers() {
        let cases: [(&[u8], &[u8]); 8] = [
            (&[], &[0x02, 0x01, 0x00]),
            (&[0x00, 0x00], &[0x02, 0x01, 0x00]),
            (&[0x01], &[0x02, 0x01, 0x01]),
            (&[0x7f], &[0x02, 0x01, 0x7f]),
            (&[0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0x00, 0x00, 0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0xff, 0x01], &[0x02, 0x03, 0x00, 0xff, 0x01]),
            (&[0x00, 0x7f, 0xff], &[0x02, 0x02, 0x7f, 0xff]),
        ];
        for (magnitude, expected) in cases {
            let der = Serial::from_magnitude(magnitude)
                .to_der()
                .unwrap()
                .to_der()
                .unwrap();
            assert_eq!(der, expected, "magnitude {magnitude:02X?}");
        }
    }

    #[test]
    fn typed_serials_refuse_zero_and_negative_numbers() {
        use SerialProblem::*;
        for (text, problem) in [
            ("0", Zero),
            ("00:00", Zero),
            ("0x0", Zero),
            (" 000 ", Zero),
            ("-5", Negative),
            ("-0x01", Negative),
            ("-0", Negative),
            ("zz", NotHex),
            ("", NotHex),
            ("0x", NotHex),
            (&"ab".repeat(21), TooLong),
        ] {
            assert_eq!(Serial::parse(text), Err(problem), "{text:?}");
            assert_eq!(parse_serial(text), None, "{text:?}");
        }
        for (text, magnitude) in [
            ("5A:3f", &[0x5a, 0x3f][..]),
            ("0x80", &[0x80]),
            ("00ff", &[0xff]),
            ("1", &[0x01]),
            (&"ab".repeat(20), &[0xab; 20]),
        ] {
            assert_eq!(
                Serial::parse(text).unwrap().magnitude(),
                magnitude,
                "{text:?}"
            );
        }
        // What the ledger recorded of a certificate that carries serial 0.
        assert_eq!(Serial::parse_recorded("00").unwrap().magnitude(), [0]);
        assert_eq!(Serial::parse_recorded("-01"), Err(SerialProblem::Negative));
    }
}
