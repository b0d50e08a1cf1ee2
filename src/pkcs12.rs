//! PKCS#12 files (RFC 7292; `.p12`, `.pfx`): a private key with its
//! certificate and chain under a password, as Java, Windows, macOS, browsers
//! and appliances take them (`export p12`), and such files opened again
//! (`import p12`) so that a key from elsewhere can be signed with or
//! inspected (issue 19).
//!
//! The encoding is p12-keystore's (pure RustCrypto, no hand-written ASN.1):
//! this module decides what goes into a file and checks what comes out. A
//! file is read bag by bag ([`Pkcs12Archive`]), never through the crate's
//! linking by names: the key's certificate is the one with the key's public
//! key, and the chain is ordered by who signed whom.

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Reader, Sequence, Tagged};
use p12_keystore::error::Error as CrateError;
use p12_keystore::{
    EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, Pkcs12Archive, PrivateKeyChain,
};

pub use crate::error::Pkcs12Error;
use crate::keys::PrivateKey;
use crate::x509::certificate::Certificate;
use crate::{Error, Result};

/// The largest file [`read`] opens. A key, its certificate and a chain fit in
/// a few kilobytes; a hostile file could make each of many bags cost up to a
/// million key-derivation rounds (p12-keystore's cap per bag).
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// Key-derivation rounds for the key, the certificates and the MAC of a new
/// file: Java's default (`keystore.pkcs12.*IterationCount` in the JDK's
/// java.security). OpenSSL 3 writes 2048; more costs an attacker who has the
/// file more per guess, and costs us milliseconds once.
const MODERN_ITERATIONS: u32 = 10_000;

/// What `openssl pkcs12 -export -legacy` uses (PKCS12_DEFAULT_ITER): the
/// readers `--legacy` is for were tested against it.
const LEGACY_ITERATIONS: u32 = 2048;

/// pkcs7-data (RFC 2315): the content type of a password-protected PFX.
const PKCS7_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");

/// How a new file is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// What OpenSSL 3 writes by default: PBES2 (PBKDF2-HMAC-SHA256,
    /// AES-256-CBC) for the key and the certificates, an HMAC-SHA-256 MAC.
    Modern,
    /// PBE-SHA1-3DES for the key and the certificates and a SHA-1 MAC, for
    /// readers that predate PBES2 in PKCS#12 (Java before 8u301, Windows
    /// Server 2016, older macOS). Not OpenSSL's RC2-40 `-legacy`: 3DES is in
    /// OpenSSL 3's default provider, so the file opens there without `-legacy`.
    Legacy,
}

/// A key and the certificates that go with it, as a PKCS#12 file holds them.
#[derive(Debug)]
pub struct Contents {
    pub key: PrivateKey,
    /// The certificate of `key`.
    pub leaf: Certificate,
    /// The leaf's issuers, each the issuer of the one before: the leaf's
    /// issuer first, the root (when there is one) last.
    pub chain: Vec<Certificate>,
}

/// What [`read`] found: the contents, and what a file said beside them.
#[derive(Debug)]
pub struct Opened {
    pub contents: Contents,
    /// Certificates in the file that are not in the leaf's chain (a second
    /// root, a stray CA): left out of `contents`.
    pub left_out: usize,
}

/// The outside of a PFX, which no password protects (RFC 7292 §4):
/// `PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo,
/// macData MacData OPTIONAL }`. Enough to tell a PKCS#12 file from other
/// DER, and whether it carries a MAC.
#[derive(Sequence)]
struct PfxOutline<'a> {
    version: u8,
    auth_safe: ContentInfoOutline<'a>,
    mac_data: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct ContentInfoOutline<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    content: AnyRef<'a>,
}

/// What can be told of a PKCS#12 file without its password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outline {
    /// Whether an HMAC over the contents tells a wrong password from a
    /// damaged file.
    pub has_mac: bool,
}

/// The outline of `der` when it is a (version 3) PKCS#12 PFX, else why not.
fn outline_of(der: &[u8]) -> std::result::Result<(Outline, ObjectIdentifier), String> {
    if crate::x509::pemfile::looks_like_pem(der) {
        return Err("it is PEM text, and a PKCS#12 file is binary (DER)".into());
    }
    let base64 = |b: &u8| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(b);
    if der.len() >= 64 && der.iter().all(base64) {
        return Err("it looks like base64 text: decode it first (base64 -d)".into());
    }
    if der.first() != Some(&0x30) {
        return Err("it does not start with a DER SEQUENCE (0x30)".into());
    }
    if let Some((announced, present)) = shortfall(der) {
        return Err(format!(
            "cut short: it announces {announced} bytes and holds {present}"
        ));
    }
    let pfx = PfxOutline::from_der(der).map_err(|e| format!("not a PFX structure ({e})"))?;
    if pfx.version != 3 {
        return Err(format!("version {}, where PKCS#12 has 3", pfx.version));
    }
    if pfx.auth_safe.content.tag() != der::Tag::OctetString
        && pfx.auth_safe.content_type == PKCS7_DATA
    {
        return Err("its pkcs7-data content is not an OCTET STRING".into());
    }
    let outline = Outline {
        has_mac: pfx.mac_data.is_some(),
    };
    Ok((outline, pfx.auth_safe.content_type))
}

/// The length the outer SEQUENCE of `der` announces and the bytes that
/// follow its header, when fewer follow: a file cut short on its way.
fn shortfall(der: &[u8]) -> Option<(usize, usize)> {
    let mut reader = der::SliceReader::new(der).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let announced = usize::try_from(header.length()).ok()?;
    let present = der.len() - usize::try_from(reader.position()).ok()?;
    (header.tag() == der::Tag::Sequence && present < announced).then_some((announced, present))
}

/// Whether `der` is a PKCS#12 file, and what shows without its password.
pub fn recognise(der: &[u8]) -> Option<Outline> {
    match outline_of(der) {
        Ok((outline, content_type)) if content_type == PKCS7_DATA => Some(outline),
        _ => None,
    }
}

/// What shows of the PKCS#12 file `bytes` (read from `source`) without its
/// password, or why certsmith does not open it: too large, not PKCS#12, or
/// in a mode it does not read. Checked before a password is asked for.
pub fn outline(bytes: &[u8], source: &str) -> Result<Outline> {
    let path = || source.to_owned();
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Pkcs12Error::TooLarge {
            path: path(),
            limit: MAX_FILE_BYTES,
        }
        .into());
    }
    let (outline, content_type) = outline_of(bytes).map_err(|reason| Pkcs12Error::NotPkcs12 {
        path: path(),
        reason,
    })?;
    if content_type != PKCS7_DATA {
        // signedData: RFC 7292's public-key integrity mode, which nothing
        // writes and p12-keystore does not read.
        return Err(Pkcs12Error::UnsupportedAlgorithm { path: path() }.into());
    }
    Ok(outline)
}

/// PKCS#12 keeps names and (for the MAC) the password as BMPString: UTF-16
/// without surrogates. Checked before the crate sees them, which would fail
/// with a less helpful error.
/// Refuses a friendly name that keytool or Windows would list wrongly: an
/// empty one (keytool lists an empty alias), a line break (keytool shows
/// the last line), a control character or a bidirectional override (a
/// name that reads as another).
fn check_name(name: &str) -> Result<()> {
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let problem = if name.trim().is_empty() {
        "is empty"
    } else if name.chars().any(char::is_control) {
        "has a control character (a line break, a tab, an escape)"
    } else if name.chars().any(bidi) {
        "has a bidirectional formatting character, which makes it read as another name"
    } else {
        return Ok(());
    };
    Err(Pkcs12Error::BadName { problem }.into())
}

fn check_bmp(text: &str, what: &'static str) -> Result<()> {
    if text.chars().all(|c| u32::from(c) <= 0xFFFF) {
        Ok(())
    } else {
        Err(Pkcs12Error::NotBmp { what }.into())
    }
}

/// The local key ID that ties the key bag to the leaf's certificate bag:
/// the SHA-1 of the leaf's DER, as `openssl pkcs12 -export` writes it
/// (Windows and Java link the two by it).
fn local_key_id(leaf: &Certificate) -> Vec<u8> {
    use aws_lc_rs::digest;
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &leaf.der)
        .as_ref()
        .to_vec()
}

/// A new PKCS#12 file holding `contents` under `password`, its entry named
/// `name` (the friendlyName keytool shows as the alias, lower-cased). The
/// caller has checked that the key is the leaf's and that the chain is in
/// order ([`crate::chain::check_chain`]).
///
/// p12-keystore copies the PKCS#8 key into buffers of its own that it does
/// not clear; certsmith's copies are zeroized, and core dumps are off.
pub fn write(
    contents: &Contents,
    name: &str,
    password: &str,
    protection: Protection,
) -> Result<Vec<u8>> {
    check_name(name)?;
    check_bmp(name, "the friendly name")?;
    check_bmp(password, "the password")?;
    let failed = |e: CrateError| -> Error {
        Pkcs12Error::Encode {
            reason: e.to_string(),
        }
        .into()
    };
    let key = p12_keystore::PrivateKey::from_der(&contents.key.pkcs8_der()).map_err(failed)?;
    let certs = std::iter::once(&contents.leaf)
        .chain(&contents.chain)
        .map(|c| p12_keystore::Certificate::from_der(&c.der))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(failed)?;
    let mut store = KeyStore::new();
    store.add_entry(
        name,
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
            local_key_id(&contents.leaf),
            key,
            certs,
        )),
    );
    let (encryption, mac, iterations) = match protection {
        Protection::Modern => (
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            MacAlgorithm::HmacSha256,
            MODERN_ITERATIONS,
        ),
        Protection::Legacy => (
            EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
            MacAlgorithm::HmacSha1,
            LEGACY_ITERATIONS,
        ),
    };
    store
        .writer(password)
        .encryption_algorithm(encryption)
        .encryption_iterations(iterations)
        .mac_algorithm(mac)
        .mac_iterations(iterations)
        .write()
        .map_err(failed)
}

/// Opens the PKCS#12 file `bytes` (read from `source`) with `password`: its
/// one private key, the certificate of that key, and the chain above it in
/// order.
pub fn read(bytes: &[u8], source: &str, password: &str) -> Result<Opened> {
    let path = || source.to_owned();
    let shape = outline(bytes, source)?;
    check_bmp(password, "the password")?;
    let archive =
        Pkcs12Archive::from_pkcs12(bytes, password).map_err(|e| opening_error(e, source, shape))?;
    let key_bag = match archive.keys.as_slice() {
        [] => return Err(Pkcs12Error::NoKey { path: path() }.into()),
        [one] => one,
        several => {
            return Err(Pkcs12Error::SeveralKeys {
                path: path(),
                count: several.len(),
                names: several
                    .iter()
                    .filter_map(|k| k.friendly_name.clone())
                    .collect(),
            }
            .into());
        }
    };
    let key = PrivateKey::from_bytes(key_bag.key.as_der(), source)?;
    let mut certs = archive
        .certs
        .iter()
        .map(|bag| Certificate::from_der(bag.cert.as_der().to_vec(), source))
        .collect::<Result<Vec<_>>>()?;
    let at = certs
        .iter()
        .position(|c| c.public_key_bits == key.public_key_bits())
        .ok_or_else(|| Pkcs12Error::NoCertificateForKey { path: path() })?;
    let leaf = certs.remove(at);
    // A certificate in two bags is one certificate.
    let mut seen = vec![leaf.der.clone()];
    certs.retain(|c| {
        let first = !seen.contains(&c.der);
        seen.push(c.der.clone());
        first
    });
    let mut chain: Vec<Certificate> = Vec::new();
    loop {
        let below = chain.last().unwrap_or(&leaf);
        if is_self_signed(below) {
            break;
        }
        // By signature, not by name: the issuer is the key that signed.
        let Some(at) = certs.iter().position(|c| below.is_signed_by(c)) else {
            break;
        };
        chain.push(certs.remove(at));
    }
    Ok(Opened {
        contents: Contents { key, leaf, chain },
        left_out: certs.len(),
    })
}

/// Whether `cert` is a root: issued by its own subject, signed by its own key.
pub fn is_self_signed(cert: &Certificate) -> bool {
    cert.issuer_der == cert.subject_der && cert.is_signed_by(cert)
}

/// p12-keystore's failure, in the words of what the user can do about it.
/// The MAC is checked before anything is decrypted, so with a MAC a wrong
/// password is told apart; without one, a bag that does not decrypt or
/// decode may be either.
fn opening_error(error: CrateError, source: &str, outline: Outline) -> Error {
    let path = source.to_owned();
    match error {
        CrateError::MacError(_) => Pkcs12Error::WrongPassword { path },
        CrateError::InvalidParameters => Pkcs12Error::ExcessiveWork { path },
        CrateError::UnsupportedEncryptionScheme | CrateError::UnsupportedMacAlgorithm => {
            Pkcs12Error::UnsupportedAlgorithm { path }
        }
        _ if !outline.has_mac => Pkcs12Error::WrongPasswordOrDamaged { path },
        other => Pkcs12Error::Damaged {
            path,
            reason: other.to_string(),
        },
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_beyond_the_basic_multilingual_plane_is_refused_before_the_crate_sees_it() {
        assert!(check_name("app.example.com").is_ok() && check_name("café ✓ 日本").is_ok());
        for bad in [
            "",
            "  ",
            "line1\nline2",
            "a\tb",
            "\u{1b}[31m",
            "evil\u{202E}moc.elppa",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_bmp("café ✓ 日本", "the password").is_ok());
        let err = check_bmp("key 🔑", "the friendly name").unwrap_err();
        assert!(
            matches!(&err, Error::Pkcs12(e) if **e == Pkcs12Error::NotBmp { what: "the friendly name" }),
            "{err:?}"
        );
    }

    #[test]
    fn other_der_is_not_taken_for_a_pfx() {
        // SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, [0] { OCTET STRING "" } } }
        let pfx = [
            0x30, 0x14, 0x02, 0x01, 0x03, 0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
            0x0d, 0x01, 0x07, 0x01, 0xa0, 0x02, 0x04, 0x00,
        ];
        assert_eq!(recognise(&pfx), Some(Outline { has_mac: false }));
        let mut v2 = pfx;
        v2[4] = 2;
        assert_eq!(recognise(&v2), None);
        assert_eq!(recognise(&pfx[..10]), None);
        assert_eq!(
            outline_of(&pfx[..10]).unwrap_err(),
            "cut short: it announces 20 bytes and holds 8"
        );
        // A PKCS#8 key has the same first two fields' tags.
        assert_eq!(recognise(&[0x30, 0x03, 0x02, 0x01, 0x00]), None);
    }
}
