//! PEM in and out: what every file certsmith reads or writes looks like,
//! and what is wrong with one that is broken, in words (issue 14: not
//! `Parsing Error: NomError(Eof)` or `Invalid symbol 33, offset 4.`).

use x509_parser::error::X509Error;
use x509_parser::nom;
use x509_parser::prelude::{
    CertificateRevocationList, FromDer, SubjectPublicKeyInfo, X509Certificate,
    X509CertificationRequest,
};

use crate::keys::PrivateKey;
use crate::{Error, Result};

/// True when `bytes` hold PEM text (possibly after leading comments or
/// whitespace, as openssl's `-text` output leaves them) rather than DER.
/// DER is recognised first: a subject can carry "-----BEGIN " too.
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    !is_der_sequence(bytes) && bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

/// A DER SEQUENCE whose length covers exactly the rest of `bytes`, as every
/// certificate, CSR, CRL and key file in DER is.
pub(crate) fn is_der_sequence(bytes: &[u8]) -> bool {
    let (len, rest) = match bytes {
        [0x30, n, rest @ ..] if *n < 0x80 => (usize::from(*n), rest),
        [0x30, 0x81, n, rest @ ..] => (usize::from(*n), rest),
        [0x30, 0x82, a, b, rest @ ..] => (usize::from(u16::from_be_bytes([*a, *b])), rest),
        [0x30, 0x83, a, b, c, rest @ ..] => (u32::from_be_bytes([0, *a, *b, *c]) as usize, rest),
        _ => return false,
    };
    rest.len() == len
}

/// Every PEM block in `bytes`. A block whose END line is missing (a file
/// cut short) is an error, not a block that is not there.
pub fn parse_all(bytes: &[u8], source: &str) -> Result<Vec<pem::Pem>> {
    let broken = |problem: String| Error::BrokenPem {
        source: source.to_string(),
        problem,
    };
    let blocks = pem::parse_many(bytes).map_err(|e| broken(pem_problem(&e)))?;
    if let Some(label) = unterminated_label(bytes) {
        return Err(broken(format!(
            "the {} block has no END line: the file is cut short",
            printable_label(&label).unwrap_or("PEM")
        )));
    }
    Ok(blocks)
}

/// What the pem crate found wrong, in words.
fn pem_problem(e: &pem::PemError) -> String {
    use base64::DecodeError;
    use pem::PemError;
    match e {
        PemError::MismatchedTags(begin, end) => format!(
            "its BEGIN line says {} and its END line {}",
            printable_label(begin.as_bytes()).unwrap_or("something"),
            printable_label(end.as_bytes()).unwrap_or("something else")
        ),
        PemError::MalformedFraming => "a malformed BEGIN or END line".into(),
        PemError::MissingBeginTag => "an END line without its BEGIN line".into(),
        PemError::MissingEndTag => "a BEGIN line without its END line".into(),
        PemError::MissingData => "nothing between the BEGIN and END lines".into(),
        PemError::InvalidHeader(_) => "a header line that is not `Name: value`".into(),
        PemError::NotUtf8(_) => "the text between the BEGIN and END lines is not UTF-8".into(),
        PemError::InvalidData(DecodeError::InvalidByte(_, byte)) => format!(
            "bad base64: '{}' is not a base64 character",
            [*byte].escape_ascii()
        ),
        PemError::InvalidData(DecodeError::InvalidLength(_)) => {
            "bad base64: the data stops part-way through a group of 4 characters (cut short?)"
                .into()
        }
        PemError::InvalidData(DecodeError::InvalidLastSymbol { .. }) => {
            "bad base64: its last character cannot end the data (cut short, or altered?)".into()
        }
        PemError::InvalidData(DecodeError::InvalidPadding) => {
            "bad base64: wrong `=` padding at the end".into()
        }
    }
}

/// The label of the first `-----BEGIN …-----` line whose END line never
/// comes (the pem crate skips such a block in silence).
fn unterminated_label(bytes: &[u8]) -> Option<Vec<u8>> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let mut rest = bytes;
    while let Some(at) = find(rest, BEGIN) {
        let after = &rest[at + BEGIN.len()..];
        let label = &after[..find(after, b"-----")?];
        let end = [b"-----END ", label, b"-----"].concat();
        match find(after, &end) {
            Some(at) => rest = &after[at + end.len()..],
            None => return Some(label.to_vec()),
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A PEM label as it may be quoted in a message: short printable ASCII.
fn printable_label(label: &[u8]) -> Option<&str> {
    let label = std::str::from_utf8(label).ok()?;
    (!label.is_empty()
        && label.len() <= 40
        && label.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
    .then_some(label)
}

/// The label of the first PEM block in `bytes` (`CERTIFICATE REQUEST`),
/// when it is one that may be quoted: for "stdin holds PEM, not JSON".
pub(crate) fn first_label(bytes: &[u8]) -> Option<String> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let after = &bytes[find(bytes, BEGIN)? + BEGIN.len()..];
    printable_label(&after[..find(after, b"-----")?]).map(str::to_owned)
}

/// The public structures a DER file can hold, in the order [`sniff_der`]
/// tries them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DerKind {
    Certificate,
    Csr,
    Crl,
    PublicKey,
}

impl DerKind {
    /// In words, for messages: "a certificate", "a CRL".
    pub fn words(self) -> &'static str {
        match self {
            DerKind::Certificate => "a certificate",
            DerKind::Csr => "a certificate request",
            DerKind::Crl => "a CRL",
            DerKind::PublicKey => "a public key",
        }
    }
}

/// What a DER structure is, when it is one of the public ones certsmith
/// reads, whole (nothing after it): a certificate, a CSR, a CRL, a
/// SubjectPublicKeyInfo, tried in that order. A private key is not tried
/// here: whoever wants one asks `PrivateKey::from_bytes` next. The one DER
/// sniffer: `inspect`, `key public`, `export der` and the "X holds a
/// certificate, not a private key" messages all ask it.
pub fn sniff_der(der: &[u8]) -> Option<DerKind> {
    let whole = |rest: &[u8]| rest.is_empty();
    if der.first() != Some(&0x30) {
        None
    } else if matches!(X509Certificate::from_der(der), Ok((rest, _)) if whole(rest)) {
        Some(DerKind::Certificate)
    } else if matches!(X509CertificationRequest::from_der(der), Ok((rest, _)) if whole(rest)) {
        Some(DerKind::Csr)
    } else if matches!(CertificateRevocationList::from_der(der), Ok((rest, _)) if whole(rest)) {
        Some(DerKind::Crl)
    } else if matches!(SubjectPublicKeyInfo::from_der(der), Ok((rest, _)) if whole(rest)) {
        Some(DerKind::PublicKey)
    } else {
        None
    }
}

/// What a DER structure is (for "X holds a certificate, not a private
/// key"), when it is one of the public ones certsmith reads.
pub(crate) fn der_kind(der: &[u8]) -> Option<&'static str> {
    sniff_der(der).map(DerKind::words)
}

/// Why x509-parser could not read `der`, in words. Its own text is nom's
/// (`Parsing Error: NomError(Eof)`): the outer SEQUENCE is checked here
/// first, since a file cut short or not DER at all is what people meet.
pub fn der_problem(der: &[u8], e: &nom::Err<X509Error>) -> String {
    let Some(&first) = der.first() else {
        return "it is empty: no DER between the BEGIN and END lines".into();
    };
    if first != 0x30 {
        return format!(
            "not DER: it starts with the byte 0x{first:02x}, where a SEQUENCE (0x30) starts"
        );
    }
    if let Some((announced, present)) = sequence_shortfall(der) {
        return format!("truncated DER: it announces {announced} bytes and holds {present}");
    }
    let error = match e {
        nom::Err::Incomplete(_) => return RUNS_PAST.into(),
        nom::Err::Error(error) | nom::Err::Failure(error) => error,
    };
    use x509_parser::der_parser::error::BerError;
    match error {
        X509Error::Der(
            BerError::Incomplete(_) | BerError::NomError(nom::error::ErrorKind::Eof),
        )
        | X509Error::NomError(nom::error::ErrorKind::Eof) => RUNS_PAST.into(),
        X509Error::Der(BerError::UnexpectedTag { expected, actual }) => format!(
            "corrupt DER: {} where {} belongs",
            tag_name(actual.0),
            expected.map_or("another".into(), |t| tag_name(t.0))
        ),
        X509Error::Der(BerError::InvalidLength) => "corrupt DER: an invalid length".into(),
        X509Error::Der(BerError::DerConstraintFailed(rule)) => {
            format!("not DER (BER?): {}", lowercase_first(&rule.to_string()))
        }
        X509Error::Der(other) => format!("corrupt DER: {}", lowercase_first(&other.to_string())),
        X509Error::NomError(_) | X509Error::Generic => "corrupt DER".into(),
        // The rest say what was wrong in words already: "invalid serial", …
        other => other.to_string(),
    }
}

const RUNS_PAST: &str = "corrupt DER: an element runs past the end of the one that holds it";

/// The length a DER SEQUENCE header announces and the bytes that follow it,
/// when fewer follow than announced.
fn sequence_shortfall(der: &[u8]) -> Option<(usize, usize)> {
    let (&length, rest) = der.get(1..)?.split_first()?;
    let (announced, rest) = match length {
        n if n < 0x80 => (usize::from(n), rest),
        0x81..=0x84 => {
            let octets = usize::from(length - 0x80);
            let value = rest
                .get(..octets)?
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (value, &rest[octets..])
        }
        _ => return None,
    };
    (rest.len() < announced).then_some((announced, rest.len()))
}

/// A universal DER tag by its ASN.1 name.
fn tag_name(tag: u32) -> String {
    match tag {
        1 => "a BOOLEAN".into(),
        2 => "an INTEGER".into(),
        3 => "a BIT STRING".into(),
        4 => "an OCTET STRING".into(),
        5 => "a NULL".into(),
        6 => "an OBJECT IDENTIFIER".into(),
        12 => "a UTF8String".into(),
        16 => "a SEQUENCE".into(),
        17 => "a SET".into(),
        19 => "a PrintableString".into(),
        22 => "an IA5String".into(),
        23 => "a UTCTime".into(),
        24 => "a GeneralizedTime".into(),
        n => format!("tag {n}"),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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

/// The one object of a file, in DER (`export der`).
pub enum SoleObject {
    /// A certificate, CSR, CRL or public key: its DER, checked to be one, whole.
    Public { kind: DerKind, der: Vec<u8> },
    /// A private key, in any form certsmith reads; it leaves as PKCS#8.
    PrivateKey(Box<PrivateKey>),
}

/// The one PKI object of a PEM file, or of a DER file as it is. A file of
/// several is refused, naming how many: DER holds one object, and taking
/// the first would silently drop the rest (a chain's CA certificates). An
/// age-sealed key is refused: a plaintext copy of it is made on purpose
/// (`key decrypt`), not on the way to another format.
pub fn sole_object(bytes: &[u8], source: &str) -> Result<SoleObject> {
    let private = |bytes: &[u8]| {
        PrivateKey::from_bytes(bytes, source).map(|key| SoleObject::PrivateKey(Box::new(key)))
    };
    crate::keys::refuse_sealed_for_export(bytes, source, "DER")?;
    if !looks_like_pem(bytes) {
        return match sniff_der(bytes) {
            Some(kind) => Ok(SoleObject::Public {
                kind,
                der: bytes.to_vec(),
            }),
            None if bytes.first() == Some(&0x30) => private(bytes),
            None => Err(Error::NoPemObject {
                source: source.to_string(),
                expected: "certificate, CSR, CRL or private key",
            }),
        };
    }
    let blocks = parse_all(bytes, source)?;
    let objects: Vec<&pem::Pem> = blocks
        .iter()
        .filter(|b| kind_of(b.tag()).is_some())
        .collect();
    let sole = match objects.as_slice() {
        [] => Err(Error::NoPemObject {
            source: source.to_string(),
            expected: "certificate, CSR, CRL or private key",
        }),
        [one] => match one.tag() {
            "CERTIFICATE" | "X509 CERTIFICATE" => whole(DerKind::Certificate, one, source),
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => whole(DerKind::Csr, one, source),
            "X509 CRL" => whole(DerKind::Crl, one, source),
            "PUBLIC KEY" => whole(DerKind::PublicKey, one, source),
            // An age file after leading text: sealed all the same.
            "AGE ENCRYPTED FILE" => Err(Error::SealedKeyNotExportable {
                path: source.to_string(),
                format: "DER",
            }),
            // A key, or what the key's reader names: "holds a public key"
            // (RSA PUBLIC KEY), "is PEM-encrypted".
            _ => private(bytes),
        },
        several => Err(Error::SeveralObjectsForDer {
            path: source.to_string(),
            count: several.len(),
        }),
    };
    // pem's blocks hold copies of any key that it does not clear.
    for block in blocks {
        zeroize::Zeroize::zeroize(&mut block.into_contents());
    }
    sole
}

/// `block`'s DER when it is, whole, the `kind` its label says.
fn whole(kind: DerKind, block: &pem::Pem, source: &str) -> Result<SoleObject> {
    fn problem<T>(der: &[u8], parsed: x509_parser::error::X509Result<'_, T>) -> Option<String> {
        match parsed {
            Ok(([], _)) => None,
            Ok((rest, _)) => Some(format!("{} bytes after the end of its DER", rest.len())),
            Err(e) => Some(der_problem(der, &e)),
        }
    }
    let der = block.contents();
    let problem = match kind {
        DerKind::Certificate => problem(der, X509Certificate::from_der(der)),
        DerKind::Csr => problem(der, X509CertificationRequest::from_der(der)),
        DerKind::Crl => problem(der, CertificateRevocationList::from_der(der)),
        DerKind::PublicKey => problem(der, SubjectPublicKeyInfo::from_der(der)),
    };
    let Some(reason) = problem else {
        return Ok(SoleObject::Public {
            kind,
            der: der.to_vec(),
        });
    };
    let source = source.to_string();
    Err(match kind {
        DerKind::Certificate => Error::CertificateParse { source, reason },
        DerKind::Csr => Error::CsrParse { source, reason },
        DerKind::Crl => Error::CrlParse { source, reason },
        DerKind::PublicKey => Error::PublicKeyParse { source, reason },
    })
}

/// What a PEM label says a block is, for "X holds a certificate, not a CSR".
pub(crate) fn kind_of(tag: &str) -> Option<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(der: &[u8]) -> String {
        let e = X509Certificate::from_der(der).expect_err("not a certificate");
        der_problem(der, &e)
    }

    #[test]
    fn der_problems_are_said_in_words() {
        assert_eq!(
            problem(b""),
            "it is empty: no DER between the BEGIN and END lines"
        );
        assert_eq!(
            problem(b"hello"),
            "not DER: it starts with the byte 0x68, where a SEQUENCE (0x30) starts"
        );
        // Short and long form lengths, announced and missing.
        assert_eq!(
            problem(&[0x30, 0x05, 0x02, 0x01]),
            "truncated DER: it announces 5 bytes and holds 2"
        );
        assert_eq!(
            problem(&[0x30, 0x82, 0x01, 0x00, 0x30]),
            "truncated DER: it announces 256 bytes and holds 1"
        );
        // Whole, and wrong inside: a NULL where the TBSCertificate SEQUENCE belongs.
        assert_eq!(
            problem(&[0x30, 0x02, 0x05, 0x00]),
            "corrupt DER: a NULL where a SEQUENCE belongs"
        );
    }

    #[test]
    fn a_block_without_its_end_line_is_found() {
        let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        assert_eq!(unterminated_label(cert.as_bytes()), None);
        let cut = format!("{cert}-----BEGIN CERTIFICATE-----\nMIIB");
        assert_eq!(
            unterminated_label(cut.as_bytes()).as_deref(),
            Some(&b"CERTIFICATE"[..])
        );
        assert_eq!(
            first_label(b"text\n-----BEGIN EC PRIVATE KEY-----\n").as_deref(),
            Some("EC PRIVATE KEY")
        );
        assert_eq!(first_label(b"-----BEGIN \x1b[2J-----\n"), None);
    }
}
