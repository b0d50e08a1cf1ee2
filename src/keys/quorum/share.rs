//! A share record: the plaintext sealed to one custodian, and the
//! commitment the quorum file holds to it.
//!
//! ```text
//! certsmith-quorum-share/v1
//! quorum: 6d1f0c2a9e3b4f5a8c7d6e5f4a3b2c1d
//! share 2 of 3, threshold 2: bob@laptop
//! value: 02<hex: x then the y bytes>
//! ```
//!
//! `commitment = SHA-256("certsmith-quorum-share/v1\0" ‖ quorum id ‖ x ‖ y)`:
//! bound to the file (its id) and to the share's number (x), so that a share
//! of another file, an edited value or a swapped commitment line each fail.

use std::fmt;

use aws_lc_rs::digest;
use zeroize::Zeroizing;

/// The first line of a record, and the commitment's domain separator.
pub const RECORD_MAGIC: &str = "certsmith-quorum-share/v1";

/// A quorum's random id: 16 bytes, new for every seal and reshare.
pub type QuorumId = [u8; 16];

/// One custodian's share, as sealed to them. `Debug` elides the value.
pub struct ShareRecord {
    pub quorum: QuorumId,
    /// The share's number, 1…N: the Shamir x.
    pub index: u8,
    pub count: u8,
    pub threshold: u8,
    pub label: String,
    /// `[x, y…]`, as vsss-rs writes a share.
    pub value: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for ShareRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShareRecord")
            .field("quorum", &crate::hex::lower(&self.quorum))
            .field("index", &self.index)
            .field("label", &self.label)
            .field("value", &"[share elided]")
            .finish()
    }
}

/// The commitment the quorum file holds to share `value` of quorum `id`.
pub fn commitment(id: &QuorumId, value: &[u8]) -> [u8; 32] {
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(RECORD_MAGIC.as_bytes());
    ctx.update(&[0]);
    ctx.update(id);
    ctx.update(value);
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// Equal in constant time: a commitment is compared with a secret's hash.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    aws_lc_rs::constant_time::verify_slices_are_equal(a, b).is_ok()
}

impl ShareRecord {
    /// The record's text, built in a buffer of the capacity it fills so no
    /// reallocation leaves a copy of the value behind.
    pub fn to_text(&self) -> Zeroizing<String> {
        let head = format!(
            "{RECORD_MAGIC}\nquorum: {}\nshare {} of {}, threshold {}: {}\nvalue: ",
            crate::hex::lower(&self.quorum),
            self.index,
            self.count,
            self.threshold,
            self.label
        );
        let mut text = Zeroizing::new(String::with_capacity(head.len() + 2 * self.value.len() + 1));
        text.push_str(&head);
        let mut hex = Zeroizing::new(vec![0u8; 2 * self.value.len()]);
        if let Ok(h) = base16ct::lower::encode_str(&self.value, &mut hex) {
            text.push_str(h);
        }
        text.push('\n');
        text
    }

    /// A record from its text, strictly: every line in order, nothing else.
    /// `Err` carries the reason, for the caller to name the custodian with.
    /// What an age file opened to that is not a record is never quoted: it
    /// may hold anything sealed to the custodian, and a hostile quorum file
    /// could make the message print another secret of theirs.
    pub fn parse(text: &[u8]) -> Result<ShareRecord, String> {
        if !text.starts_with(format!("{RECORD_MAGIC}\n").as_bytes()) {
            return Err("not a share record".into());
        }
        let text = std::str::from_utf8(text).map_err(|_| "not UTF-8 text".to_string())?;
        let body = text
            .strip_suffix('\n')
            .ok_or("the record does not end with a newline")?;
        let lines: Vec<&str> = body.split('\n').collect();
        let [magic, quorum, which, value] = lines[..] else {
            return Err(format!("{} lines where a share record has 4", lines.len()));
        };
        if magic != RECORD_MAGIC {
            return Err("not a share record".into());
        }
        let quorum = quorum
            .strip_prefix("quorum: ")
            .and_then(parse_id)
            .ok_or("a bad quorum line")?;
        let (numbers, label) = which
            .strip_prefix("share ")
            .and_then(|w| w.split_once(": "))
            .ok_or("a bad share line")?;
        let (index, rest) = numbers.split_once(" of ").ok_or("a bad share line")?;
        let (count, threshold) = rest.split_once(", threshold ").ok_or("a bad share line")?;
        let number = |t: &str| canonical_u8(t).ok_or("a bad share number".to_string());
        let (index, count, threshold) = (number(index)?, number(count)?, number(threshold)?);
        let value = value.strip_prefix("value: ").ok_or("a bad value line")?;
        if value.is_empty() || value.len() % 2 != 0 {
            return Err("a bad value line".into());
        }
        let mut bytes = Zeroizing::new(vec![0u8; value.len() / 2]);
        let decoded = base16ct::lower::decode(value, &mut bytes)
            .map_err(|_| "a value that is not lower-case hex".to_string())?
            .len();
        if decoded != bytes.len() || bytes[0] != index {
            return Err("a value whose x is not the share's number".into());
        }
        Ok(ShareRecord {
            quorum,
            index,
            count,
            threshold,
            label: label.to_string(),
            value: bytes,
        })
    }
}

/// A quorum id: exactly 32 lower-case hex digits.
pub fn parse_id(text: &str) -> Option<QuorumId> {
    let mut id = [0u8; 16];
    (text.len() == 32 && base16ct::lower::decode(text, &mut id).is_ok_and(|d| d.len() == 16))
        .then_some(id)
}

/// A number 1…255 written as Rust would write it (no sign, no leading zero).
pub fn canonical_u8(text: &str) -> Option<u8> {
    let n: u8 = text.parse().ok()?;
    (n != 0 && n.to_string() == text).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ShareRecord {
        ShareRecord {
            quorum: [7; 16],
            index: 2,
            count: 3,
            threshold: 2,
            label: "bob@laptop".into(),
            value: Zeroizing::new(vec![2, 0xab, 0xcd]),
        }
    }

    #[test]
    fn a_record_round_trips_and_debug_elides_the_value() {
        let text = record().to_text();
        assert_eq!(
            &*text,
            "certsmith-quorum-share/v1\nquorum: 07070707070707070707070707070707\n\
             share 2 of 3, threshold 2: bob@laptop\nvalue: 02abcd\n"
        );
        let back = ShareRecord::parse(text.as_bytes()).unwrap();
        assert_eq!((back.index, back.count, back.threshold), (2, 3, 2));
        assert_eq!(&back.value[..], &[2, 0xab, 0xcd]);
        assert!(!format!("{back:?}").contains("abcd"));
    }

    #[test]
    fn every_mutated_line_is_refused() {
        let text = record().to_text().to_string();
        for (from, to) in [
            ("share/v1", "share/v2"),
            ("quorum: 07", "quorum: 7"),
            ("share 2 of", "share 02 of"),
            ("value: 02", "value: 03"),
            ("abcd", "ABCD"),
            ("abcd\n", "abc\n"),
            ("abcd\n", "abcd"),
            ("abcd\n", "abcd\nmore\n"),
        ] {
            let bad = text.replace(from, to);
            assert!(ShareRecord::parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_commitment_binds_the_quorum_and_the_number() {
        let c = commitment(&[7; 16], &[2, 1, 2]);
        assert_ne!(c, commitment(&[8; 16], &[2, 1, 2]));
        assert_ne!(c, commitment(&[7; 16], &[3, 1, 2]));
        assert_ne!(c, commitment(&[7; 16], &[2, 1, 3]));
        assert!(same(&c, &c) && !same(&c, &[0; 32]));
    }
}
