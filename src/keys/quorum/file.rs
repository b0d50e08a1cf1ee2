//! The quorum file, `NAME-key.quorum` (v1): a public header, then one
//! armored age file per share and one for the key. Parsed strictly, as age
//! parses its header: fixed line order, unknown or repeated lines refused,
//! `\n` line ends, 64 KiB at most. README "CA keys sealed to a quorum" has
//! the format.

use base64::Engine as _;

use super::share::{QuorumId, parse_id};
use crate::error::QuorumError;
use crate::keys::{EC_PUBLIC_KEY, ED25519, KeyAlgorithm, RSA_ENCRYPTION};
use crate::{Error, Result};

/// The first line of every quorum file.
pub const FILE_MAGIC: &str = "certsmith-quorum/v1";
/// The largest quorum file read (and written): 255 custodians with 4096-bit
/// SSH RSA keys make about 600 KiB.
pub const MAX_FILE: usize = 1 << 20;
/// The longest custodian label.
pub const MAX_LABEL: usize = 64;

const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";

/// One custodian: who holds share i, and the file's commitment to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custodian {
    pub label: String,
    /// The recipient the share is sealed to, as given.
    pub to: String,
    pub commitment: [u8; 32],
    /// The share's armored age file (ciphertext).
    pub share: String,
}

/// A quorum file, read or about to be written. Nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuorumFile {
    pub id: QuorumId,
    pub threshold: u8,
    /// The quorum identity's recipient (`age1…`): what the shares combine to.
    pub recipient: String,
    /// The CA key's type, as `ca-key:` writes it (`ecdsa-p256`).
    pub algorithm: String,
    /// The CA key's DER SubjectPublicKeyInfo.
    pub spki: Vec<u8>,
    /// Share i is `custodians[i - 1]`.
    pub custodians: Vec<Custodian>,
    /// The CA key's armored age file, sealed to `recipient`.
    pub key: String,
}

/// How `ca-key:` names a key type.
pub fn algorithm_token(algorithm: KeyAlgorithm) -> String {
    match algorithm {
        KeyAlgorithm::Rsa(bits) => format!("rsa-{bits}"),
        KeyAlgorithm::EcdsaP256 => "ecdsa-p256".into(),
        KeyAlgorithm::EcdsaP384 => "ecdsa-p384".into(),
        KeyAlgorithm::EcdsaP521 => "ecdsa-p521".into(),
        KeyAlgorithm::Ed25519 => "ed25519".into(),
    }
}

/// What a label must be: printable, at most 64 characters, no edge spaces,
/// and nothing that renders as nothing (issue 20, hostile review): a label
/// `al\u{200B}ice` shows as "alice" in `inspect` and in `sign`'s progress
/// lines, and a custodian could pass for another.
///
/// Homoglyphs (a Cyrillic `а` in `аlice`) stay allowed: a label is a name for
/// people to read, in any script, and the recipient printed beside it in
/// `inspect` and in the ceremony record is the custodian's identity.
pub fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("is empty");
    }
    if label.chars().count() > MAX_LABEL {
        return Err("is longer than 64 characters");
    }
    if label.trim() != label {
        return Err("begins or ends with a space");
    }
    if label.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err("holds a control or bidirectional formatting character");
    }
    if label.chars().any(is_invisible) {
        return Err("holds an invisible character");
    }
    if label.chars().any(is_unassignable) {
        return Err("holds a private-use character or a noncharacter");
    }
    Ok(())
}

/// Characters no font agrees on: private use (a custom glyph can look like
/// any letter), noncharacters, and the object and replacement characters.
/// Labels are for people to read and are not authenticated (the header is
/// not signed; `inspect` shows each custodian's recipient beside them), so
/// look-alikes from real scripts, and decomposed accents beside precomposed
/// ones, are left to the eye: these checks only keep out what no eye sees.
fn is_unassignable(c: char) -> bool {
    let n = u32::from(c);
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFC}' | '\u{FFFD}')
        || n & 0xFFFE == 0xFFFE
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// Unicode's general category Cf ("Format"), as of Unicode 17.0
/// (DerivedGeneralCategory.txt; unchanged since 15.0 added U+13439..U+1343F).
/// Most render as nothing (zero-width space and joiners, word joiner, soft
/// hyphen, BOM, tags); the others (Arabic number signs, Egyptian hieroglyph
/// controls) have no place in a custodian's name either. Emoji joined with
/// U+200D are refused with them.
const FORMAT: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Characters outside Cf that render as nothing or as a blank: most are
/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which
/// a renderer shows as nothing, and two line breaks.
const BLANK: &[(char, char)] = &[
    ('\u{034F}', '\u{034F}'),   // combining grapheme joiner
    ('\u{115F}', '\u{1160}'),   // Hangul choseong and jungseong fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian free variation selectors
    ('\u{2028}', '\u{2029}'),   // line and paragraph separators
    ('\u{2065}', '\u{2065}'),   // reserved, default ignorable
    ('\u{2800}', '\u{2800}'),   // braille pattern blank
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF0}', '\u{FFF8}'),   // reserved, default ignorable
    ('\u{E0000}', '\u{E0FFF}'), // tags, variation selectors 17 to 256, reserved
];

/// Whether `c` is in [`FORMAT`] or [`BLANK`].
fn is_invisible(c: char) -> bool {
    FORMAT
        .iter()
        .chain(BLANK)
        .any(|(first, last)| (*first..=*last).contains(&c))
}

impl QuorumFile {
    /// The CA key's subjectPublicKey bits: what a certificate's key is
    /// compared by (two encodings of one SubjectPublicKeyInfo share them).
    /// `None` only for a file not made by [`QuorumFile::parse`] or `seal`.
    pub fn public_key_bits(&self) -> Option<Vec<u8>> {
        use der::Decode as _;
        let spki = spki::SubjectPublicKeyInfoRef::from_der(&self.spki).ok()?;
        spki.subject_public_key.as_bytes().map(<[u8]>::to_vec)
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut t = format!(
            "{FILE_MAGIC}\nquorum: {}\nthreshold: {} of {}\nquorum-recipient: {}\nca-key: {} {}\n",
            crate::hex::lower(&self.id),
            self.threshold,
            self.custodians.len(),
            self.recipient,
            self.algorithm,
            base64::engine::general_purpose::STANDARD.encode(&self.spki),
        );
        for (i, c) in self.custodians.iter().enumerate() {
            t.push_str(&format!(
                "share {}: {}\n  to: {}\n  commitment: {}\n",
                i + 1,
                c.label,
                c.to,
                crate::hex::lower(&c.commitment)
            ));
        }
        for (i, c) in self.custodians.iter().enumerate() {
            t.push_str(&format!("-> share {}\n{}", i + 1, with_newline(&c.share)));
        }
        t.push_str(&format!("-> key\n{}", with_newline(&self.key)));
        t
    }

    /// A quorum file from its bytes, strictly; `source` names it in errors.
    pub fn parse(bytes: &[u8], source: &str) -> Result<QuorumFile> {
        let bad = |line: usize, reason: String| -> Error {
            QuorumError::File {
                source: source.into(),
                line,
                reason,
            }
            .into()
        };
        if bytes.len() > MAX_FILE {
            return Err(Error::InputTooLarge {
                source: source.into(),
                limit: MAX_FILE as u64,
            });
        }
        // Both refusals name the line the bad byte is on, not the file's first.
        let line_at = |at: usize| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
        let text = std::str::from_utf8(bytes)
            .map_err(|e| bad(line_at(e.valid_up_to()), "not UTF-8 text".into()))?;
        if let Some(at) = text.find('\r') {
            return Err(bad(
                line_at(at),
                "a carriage return (line ends are \\n)".into(),
            ));
        }
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| bad(text.lines().count().max(1), "no newline at the end".into()))?;
        let mut lines = body
            .split('\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .peekable();
        let mut next = |what: &str| -> Result<(usize, &str)> {
            lines.next().ok_or_else(|| {
                bad(
                    body.split('\n').count() + 1,
                    format!("the file ends before {what}"),
                )
            })
        };
        fn field<'t>(
            (n, line): (usize, &'t str),
            prefix: &str,
            bad: impl Fn(usize, String) -> Error,
        ) -> Result<(usize, &'t str)> {
            line.strip_prefix(prefix).map(|v| (n, v)).ok_or_else(|| {
                bad(
                    n,
                    format!("expected `{}`, found {line:?}", prefix.trim_end()),
                )
            })
        }
        let field = |l, prefix: &str| field(l, prefix, bad);

        let (n, magic) = next("its first line")?;
        if magic != FILE_MAGIC {
            return Err(bad(
                n,
                format!("not a {FILE_MAGIC} file (it starts {magic:?})"),
            ));
        }
        let (n, id) = field(next("the quorum line")?, "quorum: ")?;
        let id =
            parse_id(id).ok_or_else(|| bad(n, "a quorum id is 32 lower-case hex digits".into()))?;
        let (n, threshold) = field(next("the threshold line")?, "threshold: ")?;
        let (m, count) = threshold
            .split_once(" of ")
            .and_then(|(m, c)| Some((number(m)?, number(c)?)))
            .ok_or_else(|| {
                bad(
                    n,
                    format!("expected `threshold: M of N`, found {threshold:?}"),
                )
            })?;
        super::split::check_threshold(m, count).map_err(|e| bad(n, e.to_string()))?;
        let (n, recipient) = field(next("the quorum recipient")?, "quorum-recipient: ")?;
        if recipient.parse::<age::x25519::Recipient>().is_err() {
            return Err(bad(
                n,
                "the quorum recipient is not an age X25519 recipient".into(),
            ));
        }
        let (n, ca_key) = field(next("the ca-key line")?, "ca-key: ")?;
        let (algorithm, spki) = ca_key
            .split_once(' ')
            .ok_or_else(|| bad(n, "expected `ca-key: TYPE BASE64`".into()))?;
        if algorithm.is_empty()
            || !algorithm
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(bad(n, format!("a bad key type {algorithm:?}")));
        }
        let spki = base64::engine::general_purpose::STANDARD
            .decode(spki)
            .map_err(|_| bad(n, "the CA key is not base64".into()))?;
        // The type word is what `inspect` and people read: it must be the key's.
        let key = spki_algorithm(&spki).map_err(|what| bad(n, format!("the CA key is {what}")))?;
        if algorithm != algorithm_token(key) {
            return Err(bad(
                n,
                format!(
                    "the key type {algorithm} does not match the key, which is {}",
                    algorithm_token(key)
                ),
            ));
        }

        let mut custodians = Vec::with_capacity(count);
        for i in 1..=count {
            let (n, label) = field(next("every custodian")?, &format!("share {i}: "))?;
            check_label(label).map_err(|p| {
                // Debug escapes a zero-width space, not a Hangul filler: name it.
                let which = label
                    .chars()
                    .find(|c| is_invisible(*c))
                    .map(|c| format!(" (U+{:04X})", u32::from(c)))
                    .unwrap_or_default();
                bad(n, format!("the label {label:?} {p}{which}"))
            })?;
            if custodians.iter().any(|c: &Custodian| c.label == label) {
                return Err(bad(n, format!("the label {label:?} is given twice")));
            }
            let (n, to) = field(next("a custodian's recipient")?, "  to: ")?;
            if to.trim() != to || crate::keys::sealed::parse_recipient(to).is_err() {
                return Err(bad(n, format!("not a recipient: {to:?}")));
            }
            if custodians.iter().any(|c: &Custodian| c.to == to) {
                return Err(bad(n, format!("the recipient {to} is given twice")));
            }
            let (n, commitment) = field(next("a commitment")?, "  commitment: ")?;
            let mut c = [0u8; 32];
            if commitment.len() != 64
                || !base16ct::lower::decode(commitment, &mut c).is_ok_and(|d| d.len() == 32)
            {
                return Err(bad(n, "a commitment is 64 lower-case hex digits".into()));
            }
            custodians.push(Custodian {
                label: label.into(),
                to: to.into(),
                commitment: c,
                share: String::new(),
            });
        }
        let mut armor = |marker: &str| -> Result<String> {
            let (n, line) = next(marker)?;
            if line != marker {
                return Err(bad(n, format!("expected `{marker}`, found {line:?}")));
            }
            let (n, begin) = next("an age file")?;
            if begin != ARMOR_BEGIN {
                return Err(bad(
                    n,
                    format!("expected an armored age file after `{marker}`"),
                ));
            }
            let mut block = format!("{ARMOR_BEGIN}\n");
            loop {
                let (n, line) = next("the age file's end")?;
                if line == ARMOR_END {
                    block.push_str(ARMOR_END);
                    block.push('\n');
                    return Ok(block);
                }
                if line.len() > 64
                    || !line
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
                {
                    return Err(bad(n, "not a line of an armored age file".into()));
                }
                block.push_str(line);
                block.push('\n');
            }
        };
        for (i, c) in custodians.iter_mut().enumerate() {
            c.share = armor(&format!("-> share {}", i + 1))?;
        }
        let key = armor("-> key")?;
        if let Some((n, line)) = lines.next() {
            return Err(bad(n, format!("unexpected {line:?} after the key")));
        }
        Ok(QuorumFile {
            id,
            threshold: m as u8,
            recipient: recipient.into(),
            algorithm: algorithm.into(),
            spki,
            custodians,
            key,
        })
    }
}

/// The type of the key a DER SubjectPublicKeyInfo holds, as [`seal`] names
/// it (an RSA key by its modulus's bytes, as `PrivateKey::algorithm`), or
/// what is wrong with it: not DER, or not a key certsmith signs with.
///
/// [`seal`]: super::seal
fn spki_algorithm(der: &[u8]) -> Result<KeyAlgorithm, String> {
    use der::Decode as _;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| format!("not a DER SubjectPublicKeyInfo ({e})"))?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or("a public key of a fractional number of bytes")?;
    let oid = spki.algorithm.oid;
    let (key, length) = if oid == RSA_ENCRYPTION {
        let rsa = pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(bits)
            .map_err(|e| format!("not an RSA public key ({e})"))?;
        let size = rsa.modulus.as_bytes().len() * 8;
        if !(2048..=8192).contains(&size) {
            return Err(format!(
                "an RSA key of {size} bits (certsmith uses 2048 to 8192)"
            ));
        }
        return Ok(KeyAlgorithm::Rsa(size));
    } else if oid == EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
            .ok_or("an EC key without a named curve")?;
        let key = KeyAlgorithm::from_curve_oid(curve).ok_or_else(|| {
            format!("an EC key on curve {curve} (certsmith uses P-256, P-384, P-521)")
        })?;
        // An uncompressed point (RFC 5480 §2.2), as certsmith writes it.
        let field = match key {
            KeyAlgorithm::EcdsaP384 => 48,
            KeyAlgorithm::EcdsaP521 => 66,
            _ => 32,
        };
        (key, 1 + 2 * field)
    } else if oid == ED25519 {
        (KeyAlgorithm::Ed25519, 32)
    } else {
        return Err(format!(
            "a key of algorithm {oid}, which certsmith does not use"
        ));
    };
    if bits.len() != length || (key != KeyAlgorithm::Ed25519 && bits[0] != 0x04) {
        return Err(format!("a public key of the wrong form for {key}"));
    }
    Ok(key)
}

/// A threshold or a count as written: 0 and numbers past 255 are read, so
/// that `check_threshold` refuses them by what they are.
fn number(text: &str) -> Option<usize> {
    (text == "0")
        .then_some(0)
        .or_else(|| super::share::canonical_u8(text).map(usize::from))
        .or_else(|| {
            text.parse::<usize>()
                .ok()
                .filter(|n| *n > 255 && n.to_string() == text)
        })
}

fn with_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::PrivateKey;
    use crate::keys::quorum::{NewCustodian, QuorumSeal, seal};

    #[test]
    fn every_key_type_certsmith_seals_reads_back_under_its_own_type_word() {
        let custodians = ["alice", "bob"].map(|label| NewCustodian {
            label: label.into(),
            recipient: age::x25519::Identity::generate().to_public().to_string(),
        });
        let quorum = QuorumSeal {
            threshold: 2,
            custodians: custodians.to_vec(),
        };
        for algorithm in [
            KeyAlgorithm::Rsa(2048),
            KeyAlgorithm::EcdsaP256,
            KeyAlgorithm::EcdsaP384,
            KeyAlgorithm::EcdsaP521,
            KeyAlgorithm::Ed25519,
        ] {
            let key = PrivateKey::generate(algorithm).unwrap();
            let file = seal(&key, &quorum).unwrap();
            let read = QuorumFile::parse(file.to_text().as_bytes(), "q").unwrap();
            assert_eq!(read.algorithm, algorithm_token(algorithm));
            assert_eq!(spki_algorithm(key.spki_der()), Ok(algorithm));
        }
    }

    #[test]
    fn labels_with_invisible_characters_are_refused_and_other_scripts_are_not() {
        for c in [
            '\u{200B}',
            '\u{2060}',
            '\u{00AD}',
            '\u{FEFF}',
            '\u{180E}',
            '\u{1343F}',
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{2800}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{E01EF}',
        ] {
            assert_eq!(
                check_label(&format!("al{c}ice")),
                Err("holds an invisible character"),
                "U+{:04X}",
                u32::from(c)
            );
        }
        for label in ["\u{0430}lice", "Zoë", "李雷", "bob@laptop (YubiKey 5)"] {
            assert_eq!(check_label(label), Ok(()), "{label}");
        }
        // One table each, in order and apart, as Unicode lists them.
        for table in [FORMAT, BLANK] {
            assert!(table.iter().all(|(a, b)| a <= b));
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0));
        }
    }
}
