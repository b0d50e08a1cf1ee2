//! What a ledger line records: an [`Event`] (a certificate issued or
//! revoked, a CRL published) and the fields every entry carries (its place
//! in the chain, the CA, the signature algorithm).
//!
//! The bytes on disk are what the CA signed, so they are fixed: an entry is
//! a JSON object with its members in sorted order (serde_json's `Map`
//! without `preserve_order`, which wrote every ledger so far). [`Entry::to_json`]
//! goes through that `Map`, so the declaration order of the fields below
//! does not matter.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::x509::certificate::Certificate;
use crate::x509::crl::Reason;

/// One thing the ledger records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    /// A certificate was issued (by `initca`, `sign`, `gencert`, `renew`...).
    Issued {
        /// The serial in hex, as `serial_hex` writes it.
        serial: String,
        subject: String,
        sans: Vec<String>,
        profile: String,
        #[serde(with = "rfc3339")]
        not_before: OffsetDateTime,
        #[serde(with = "rfc3339")]
        not_after: OffsetDateTime,
        is_ca: bool,
        /// The SHA-256 of the certificate's DER, in hex.
        sha256: String,
    },
    /// A serial was revoked.
    Revoked {
        /// As recorded: checked when read with `Serial::parse_recorded`, as
        /// `crl` reads it, so `ledger verify` refuses what `crl` would.
        #[serde(deserialize_with = "recorded_serial")]
        serial: String,
        #[serde(with = "reason")]
        reason: Reason,
        #[serde(with = "rfc3339")]
        revoked_at: OffsetDateTime,
    },
    /// A CRL was published from the ledger.
    Crl {
        crl_number: u64,
        #[serde(with = "rfc3339")]
        this_update: OffsetDateTime,
        #[serde(with = "rfc3339")]
        next_update: OffsetDateTime,
        /// How many revocations it lists.
        revoked: u64,
        /// The SHA-256 of the CRL's DER, in hex.
        sha256: String,
    },
}

/// The "issued" event for `cert`.
pub fn issued(cert: &Certificate, profile: &str) -> Event {
    Event::Issued {
        serial: cert.serial_hex(),
        subject: cert.subject_text(),
        sans: cert.sans.iter().map(|s| s.to_string()).collect(),
        profile: profile.to_string(),
        not_before: cert.not_before,
        not_after: cert.not_after,
        is_ca: cert.is_ca(),
        sha256: super::sha256_hex(&cert.der),
    }
}

/// One ledger entry: the event and what chains and signs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Its number among the ledger's entries, counting from 1.
    pub seq: u64,
    #[serde(with = "rfc3339")]
    pub time: OffsetDateTime,
    /// The SHA-256 of the line before it, in hex; null on the first line.
    pub prev: Option<String>,
    /// The SHA-256 of the CA certificate's DER, in hex.
    pub ca: String,
    /// The OID of the CA's signature algorithm, dotted.
    pub sig_alg: String,
    #[serde(flatten)]
    pub event: Event,
    /// Where it was read from: its line in the file (0 for a new entry).
    #[serde(skip)]
    pub line: usize,
}

impl Entry {
    /// The exact bytes of the `entry` object on a ledger line.
    pub fn to_json(&self) -> String {
        // Through a `Map`: its members come out sorted, as on every line so far.
        let map = serde_json::to_value(self).expect("an entry serializes");
        serde_json::to_string(&map).expect("a map serializes")
    }

    /// The typed entry of a line whose signature verified, or why it is
    /// not one.
    pub(super) fn from_map(
        map: serde_json::Map<String, serde_json::Value>,
        line: usize,
    ) -> std::result::Result<Entry, String> {
        let mut entry: Entry = serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| format!("not a ledger entry: {e}"))?;
        entry.line = line;
        Ok(entry)
    }
}

/// Times as RFC 3339 in UTC, whole seconds, as `issue::rfc3339` writes them.
mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::rfc3339(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        OffsetDateTime::parse(&text, &Rfc3339)
            .map_err(|_| serde::de::Error::custom(format!("\"{text}\" is not an RFC 3339 time")))
    }
}

/// A revoked serial that a CRL can list, or the reason it cannot.
fn recorded_serial<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    match crate::x509::certificate::Serial::parse_recorded(&text) {
        Ok(_) => Ok(text),
        Err(problem) => Err(serde::de::Error::custom(format!(
            "serial \"{text}\": {problem}"
        ))),
    }
}

/// CRL reasons by their RFC 5280 names, as `Reason`'s `Display` writes them.
mod reason {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::x509::crl::Reason;

    pub fn serialize<S: Serializer>(r: &Reason, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(r)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Reason, D::Error> {
        let text = String::deserialize(d)?;
        Reason::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revoked_serial_no_crl_can_list_is_not_an_entry() {
        let bad = REVOKED.replace(r#""serial":"0A""#, r#""serial":"xyz""#);
        let err = serde_json::from_str::<Entry>(&bad).unwrap_err().to_string();
        assert!(err.starts_with("serial \"xyz\": "), "{err}");
    }

    /// A line `main` wrote before the ledger was typed, byte for byte.
    const ISSUED: &str = r#"{"ca":"ab","event":"issued","is_ca":false,"not_after":"2027-01-01T00:00:00Z","not_before":"2026-01-01T00:00:00Z","prev":null,"profile":"www","sans":["a.example.com"],"seq":1,"serial":"0A","sha256":"cd","sig_alg":"1.2.840.10045.4.3.2","subject":"CN=a","time":"2026-01-01T00:00:01Z"}"#;
    const REVOKED: &str = r#"{"ca":"ab","event":"revoked","prev":"ef","reason":"keyCompromise","revoked_at":"2026-02-01T00:00:00Z","seq":2,"serial":"0A","sig_alg":"1.2.840.10045.4.3.2","time":"2026-02-01T00:00:00Z"}"#;
    const CRL: &str = r#"{"ca":"ab","crl_number":1,"event":"crl","next_update":"2026-02-08T00:00:00Z","prev":"12","revoked":1,"seq":3,"sha256":"34","sig_alg":"1.2.840.10045.4.3.2","this_update":"2026-02-01T00:00:00Z","time":"2026-02-01T00:00:00Z"}"#;

    #[test]
    fn entries_read_and_write_the_same_bytes() {
        for (i, text) in [ISSUED, REVOKED, CRL].into_iter().enumerate() {
            let map = serde_json::from_str(text).unwrap();
            let entry = Entry::from_map(map, i + 1).unwrap();
            assert_eq!(entry.line, i + 1);
            assert_eq!(entry.to_json(), text);
        }
    }

    #[test]
    fn a_bad_entry_is_refused_not_defaulted() {
        for (from, to) in [
            (r#""2026-02-01T00:00:00Z","seq""#, r#""yesterday","seq""#),
            (r#""keyCompromise""#, r#""bogus""#),
            (r#""event":"revoked""#, r#""event":"renewed""#),
            (r#""seq":2"#, r#""seq":"2""#),
        ] {
            let text = REVOKED.replacen(from, to, 1);
            assert_ne!(text, REVOKED);
            let map = serde_json::from_str(&text).unwrap();
            let err = Entry::from_map(map, 2).unwrap_err();
            assert!(err.starts_with("not a ledger entry: "), "{err}");
        }
    }
}
