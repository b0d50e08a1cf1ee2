//! The text `inspect` prints for people: one header line with the
//! location, then one indented `label: value` line per field, every value
//! escaped so that a stranger's certificate cannot drive the terminal.

use std::fmt::Write as _;

use super::Report;
use super::certificate::split_usages;
use crate::hex;

/// The two fingerprints people compare, named so that one is never taken for
/// the other (issue 14): SHA-256 over the DER certificate (openssl's
/// `-fingerprint -sha256`), and over the SubjectPublicKeyInfo (the same for a
/// key, its CSR and its certificates; `certsmith key fingerprint`).
const CERTIFICATE_SHA256: &str = "certificate SHA-256";
const PUBLIC_KEY_SHA256: &str = "public key SHA-256";

impl Report {
    /// The description for people: a header line with the location, then
    /// one indented `label: value` line per field.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut field = |label: &str, value: &str| {
            // An empty label continues the previous field (a CRL's revoked list).
            let label = if label.is_empty() {
                String::new()
            } else {
                format!("{label}:")
            };
            // Names come from strangers' certificates: one field, one line.
            let value = printable(value);
            // A label too long for the column (the SHA-256 ones) keeps one space.
            let _ = if label.len() < 18 {
                writeln!(out, "  {label:<18}{value}")
            } else {
                writeln!(out, "  {label} {value}")
            };
        };
        let (location, warnings) = match self {
            Report::Certificate(c) => {
                field("kind", "certificate");
                field("subject", &c.subject_text);
                field("issuer", &c.issuer_text);
                field("serial", &c.serial);
                if !c.all_sans.is_empty() {
                    field("SANs", &c.all_sans.join(", "));
                }
                field("not before", &c.not_before);
                field("not after", &format!("{} ({})", c.not_after, c.time_left()));
                field("key", &c.key.display);
                let (ku, eku) = split_usages(&c.usages);
                if !ku.is_empty() {
                    field("key usages", &ku.join(", "));
                }
                if !eku.is_empty() {
                    field("extended usages", &eku.join(", "));
                }
                field(
                    "CA",
                    &match (c.is_ca, c.path_len) {
                        (false, _) => "no".to_string(),
                        (true, None) => "yes".to_string(),
                        (true, Some(n)) => format!("yes, pathlen {n}"),
                    },
                );
                if let Some(nc) = &c.name_constraints {
                    field("name constraints", &nc.to_text());
                }
                // openssl's padded form for people; cfssl's unpadded one is in the JSON.
                if !c.subject_key_id_bytes.is_empty() {
                    field("subject key id", &hex::colon(&c.subject_key_id_bytes));
                }
                if !c.authority_key_id_bytes.is_empty() {
                    field("authority key id", &hex::colon(&c.authority_key_id_bytes));
                }
                field(CERTIFICATE_SHA256, &c.sha256);
                (&c.location, &c.warnings)
            }
            Report::Csr(r) => {
                field("kind", "certificate request");
                field("subject", &r.subject_text);
                if !r.all_sans.is_empty() {
                    field("SANs", &r.all_sans.join(", "));
                }
                field("key", &r.key.display);
                field(
                    "asks for CA",
                    &match (r.is_ca_request, r.path_len) {
                        (false, _) => "no".to_string(),
                        (true, None) => "yes".to_string(),
                        (true, Some(n)) => format!("yes, pathlen {n}"),
                    },
                );
                field(PUBLIC_KEY_SHA256, &r.public_key_sha256);
                (&r.location, &r.warnings)
            }
            Report::PrivateKey(k) => {
                if let Some(q) = &k.quorum {
                    field("kind", "private key sealed to a quorum");
                    field("quorum", &q.id);
                    let labels: Vec<&str> = q.custodians.iter().map(|c| c.label.as_str()).collect();
                    field(
                        "threshold",
                        &format!(
                            "{} of {} ({})",
                            q.threshold,
                            q.custodians.len(),
                            labels.join(", ")
                        ),
                    );
                } else if k.sealed {
                    field("kind", "age-encrypted private key");
                } else if k.pem_encrypted {
                    field("kind", "PEM-encrypted private key");
                } else {
                    field("kind", "private key");
                }
                if let Some(key) = &k.key {
                    field("key", &key.display);
                }
                if let Some(sha) = &k.public_key_sha256 {
                    field(PUBLIC_KEY_SHA256, sha);
                }
                (&k.location, &k.warnings)
            }
            Report::PublicKey(p) => {
                field("kind", "public key");
                field("key", &p.key.display);
                field(PUBLIC_KEY_SHA256, &p.sha256);
                (&p.location, &p.warnings)
            }
            Report::Crl(c) => {
                field("kind", "CRL");
                field("issuer", &c.issuer_text);
                field("this update", &c.this_update);
                if let Some(next) = &c.next_update {
                    field("next update", next);
                }
                if let Some(n) = &c.crl_number {
                    field("CRL number", n);
                }
                field("revoked", &c.revoked.len().to_string());
                for r in &c.revoked {
                    let reason = r.reason.as_deref().unwrap_or("no reason given");
                    field("", &format!("{} at {} ({reason})", r.serial, r.revoked_at));
                }
                field("CRL SHA-256", &c.sha256);
                (&c.location, &c.warnings)
            }
            Report::Pkcs12(p) => {
                field("kind", "PKCS#12 file (password-protected; not opened here)");
                field("opened by", &p.opened_by);
                (&p.location, &p.warnings)
            }
        };
        for w in warnings {
            field("warning", w);
        }
        let path = printable(&location.path);
        let header = match location.block {
            Some(n) => format!("{path} (block {n})\n"),
            None => format!("{path}\n"),
        };
        header + &out
    }
}

/// `value` with control characters and bidirectional overrides escaped
/// (`\u{1b}`, `\n`, `\u{202e}`): a subject or SAN in a hostile certificate
/// must not start a second line, drive the terminal, or reorder what the
/// operator reads.
pub fn printable(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(needs_escape) {
        return value.into();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Control characters, and the Unicode format characters that reorder text
/// (bidi embeddings, overrides and isolates, the direction marks).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
