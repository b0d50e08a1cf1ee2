//! A certificate's report: cfssl certinfo's fields with cfssl's values,
//! certsmith's additions, and the expiry arithmetic `inspect` prints.

use ::time::OffsetDateTime;
use serde::Serialize;
use x509_parser::prelude::*;

use super::key::{key_info, key_warnings};
use super::{KeyInfo, Location, Name, cfssl_name, split_sans};
use crate::hex;
use crate::time::rfc3339;
use crate::x509::certificate::{BasicConstraints, Extensions, Unreadable};
use crate::x509::name_constraints::Subtrees;
use crate::x509::usage::{KeyUsageBit, extended_usage_names};
use crate::{Result, x509::pemfile, x509::signature};

#[derive(Debug, Clone, Serialize)]
pub struct CertificateReport {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    // --- cfssl certinfo's fields, with its values
    pub subject: Name,
    pub issuer: Name,
    /// Decimal, as cfssl prints it.
    pub serial_number: String,
    /// DNS names then IP addresses, as cfssl prints them.
    pub sans: Vec<String>,
    pub not_before: String,
    pub not_after: String,
    pub sigalg: String,
    pub authority_key_id: String,
    pub subject_key_id: String,
    pub pem: String,
    // --- certsmith's additions
    /// Uppercase hex, as `openssl x509 -noout -serial` prints it.
    pub serial: String,
    pub email_addresses: Vec<String>,
    pub uris: Vec<String>,
    /// SHA-256 of the DER certificate, as `openssl x509 -fingerprint -sha256`.
    pub sha256: String,
    pub key: KeyInfo,
    pub is_ca: bool,
    /// The pathlen of a CA certificate, when it has one.
    pub path_len: Option<u32>,
    /// cfssl's usage names: KeyUsage bits, then ExtendedKeyUsage purposes.
    pub usages: Vec<String>,
    pub name_constraints: Option<NameConstraintsReport>,
    /// Seconds until notAfter (negative once expired).
    pub expires_in_seconds: i64,
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub(super) subject_text: String,
    #[serde(skip)]
    pub(super) issuer_text: String,
    #[serde(skip)]
    pub(super) not_before_time: Option<OffsetDateTime>,
    #[serde(skip)]
    pub(super) not_after_time: Option<OffsetDateTime>,
    #[serde(skip)]
    pub(super) all_sans: Vec<String>,
    #[serde(skip)]
    pub(super) subject_key_id_bytes: Vec<u8>,
    #[serde(skip)]
    pub(super) authority_key_id_bytes: Vec<u8>,
    #[serde(skip)]
    pub(super) now: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NameConstraintsReport {
    pub critical: bool,
    pub permitted: SubtreesReport,
    pub excluded: SubtreesReport,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SubtreesReport {
    pub dns: Vec<String>,
    pub ip: Vec<String>,
    pub email: Vec<String>,
    pub uri: Vec<String>,
}

impl CertificateReport {
    /// step's `certificate needs-renewal` convention: true once `fraction`
    /// of the certificate's lifetime has passed (2/3 by default in `inspect
    /// --needs-renewal`), and for an expired certificate.
    pub fn needs_renewal(&self, fraction: f64) -> bool {
        let (Some(now), Some(nb), Some(na)) = (self.now, self.not_before_time, self.not_after_time)
        else {
            return false;
        };
        let lifetime = (na - nb).as_seconds_f64();
        na <= now || (now - nb).as_seconds_f64() >= fraction * lifetime
    }

    /// One line for cron mail: `PATH: SUBJECT expires 2027-01-01T00:00:00Z (12d left)`.
    pub fn to_short_text(&self) -> String {
        let location = match self.location.block {
            Some(n) => format!("{} (block {n})", self.location.path),
            None => self.location.path.clone(),
        };
        let left = match (self.now, self.not_before_time, self.not_after_time) {
            (Some(now), _, Some(na)) if na <= now => {
                format!("expired {} ago", short_span(now - na))
            }
            (Some(now), Some(nb), _) if now < nb => "not yet valid".to_string(),
            (Some(now), _, Some(na)) => format!("{} left", short_span(na - now)),
            _ => String::new(),
        };
        format!(
            "{location}: {} expires {} ({left})",
            self.subject_text, self.not_after
        )
    }

    /// "expires in 364 days", "EXPIRED 3 days ago", "not yet valid".
    pub fn time_left(&self) -> String {
        let (Some(now), Some(nb), Some(na)) = (self.now, self.not_before_time, self.not_after_time)
        else {
            return String::new();
        };
        if now < nb {
            format!("not yet valid, starts in {}", span(nb - now))
        } else if na <= now {
            format!("EXPIRED {} ago", span(now - na))
        } else {
            format!("expires in {}", span(na - now))
        }
    }
}

/// A span of time in the unit people read it in.
fn span(d: ::time::Duration) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if d.whole_days() >= 2 {
        plural(d.whole_days(), "day")
    } else if d.whole_hours() >= 2 {
        plural(d.whole_hours(), "hour")
    } else {
        plural(d.whole_minutes(), "minute")
    }
}

/// A span of time in one unit, as a short line shows it: "12d", "5h", "42m".
fn short_span(d: ::time::Duration) -> String {
    if d.whole_days() >= 1 {
        format!("{}d", d.whole_days())
    } else if d.whole_hours() >= 1 {
        format!("{}h", d.whole_hours())
    } else {
        format!("{}m", d.whole_minutes())
    }
}

impl NameConstraintsReport {
    pub(super) fn to_text(&self) -> String {
        let side = |label: &str, s: &SubtreesReport| {
            let all: Vec<String> = (s.dns.iter().map(|v| format!("DNS:{v}")))
                .chain(s.ip.iter().map(|v| format!("IP:{v}")))
                .chain(s.email.iter().map(|v| format!("email:{v}")))
                .chain(s.uri.iter().map(|v| format!("URI:{v}")))
                .collect();
            (!all.is_empty()).then(|| format!("{label} {}", all.join(", ")))
        };
        let parts: Vec<String> = [
            side("permitted", &self.permitted),
            side("excluded", &self.excluded),
        ]
        .into_iter()
        .flatten()
        .collect();
        let text = parts.join("; ");
        if self.critical {
            text + " (critical)"
        } else {
            text
        }
    }
}

/// The usage names cfssl's config uses, KeyUsage bits first.
fn usages(ext: &Extensions) -> Vec<String> {
    // An unreadable KeyUsage is left out, as reports always did.
    let bits = ext
        .key_usage
        .iter()
        .flatten()
        .flatten()
        .map(|bit| bit.name().to_string());
    let purposes = extended_usage_names(ext.extended_key_usage.as_deref().unwrap_or_default());
    bits.chain(purposes).collect()
}

/// The KeyUsage names and the ExtendedKeyUsage names of a usage list.
pub(super) fn split_usages(usages: &[String]) -> (Vec<&str>, Vec<&str>) {
    usages
        .iter()
        .map(String::as_str)
        .partition(|u| KeyUsageBit::ALL.iter().any(|bit| bit.name() == *u))
}

fn subtrees_report(s: &Subtrees) -> SubtreesReport {
    SubtreesReport {
        dns: s.dns_domains.clone(),
        ip: s.ip_ranges.iter().map(ToString::to_string).collect(),
        email: s.email_addresses.clone(),
        uri: s.uri_domains.clone(),
    }
}

pub(super) fn report(
    der: &[u8],
    location: Location,
    source: &str,
    now: OffsetDateTime,
) -> Result<CertificateReport> {
    let bad = |reason: String| crate::Error::CertificateParse {
        source: source.into(),
        reason,
    };
    let (rest, cert) =
        X509Certificate::from_der(der).map_err(|e| bad(pemfile::der_problem(der, &e)))?;
    if !rest.is_empty() {
        return Err(bad("trailing bytes after the certificate".into()));
    }
    let tbs = &cert.tbs_certificate;
    let ext = Extensions::read(tbs, source)?;
    // The pathlen as the certificate states it: decisions read it as a u8
    // (255 and above are the same to any chain), a report must not.
    let (is_ca, path_len) = match ext.basic_constraints {
        BasicConstraints::Ca { .. } => (
            true,
            tbs.basic_constraints()
                .ok()
                .flatten()
                .and_then(|bc| bc.value.path_len_constraint),
        ),
        BasicConstraints::NotCa => (false, None),
    };
    let name_constraints = ext
        .name_constraints
        .as_ref()
        .map_err(Unreadable::to_error)?
        .as_ref()
        .map(|nc| NameConstraintsReport {
            critical: nc.critical,
            permitted: subtrees_report(&nc.permitted),
            excluded: subtrees_report(&nc.excluded),
        });
    let not_before = tbs.validity.not_before.to_datetime();
    let not_after = tbs.validity.not_after.to_datetime();
    let key = key_info(&tbs.subject_pki);
    let mut warnings = Vec::new();
    if not_after <= now {
        warnings.push(format!("expired on {}", rfc3339(not_after)));
    } else if now < not_before {
        warnings.push(format!("not yet valid: starts on {}", rfc3339(not_before)));
    }
    warnings.extend(key_warnings(&key));
    let (cfssl_sans, email_addresses, uris, all_sans) = split_sans(&ext.sans);
    let usages = usages(&ext);
    let authority_key_id = ext.authority_key_id.unwrap_or_default();
    let subject_key_id = ext.subject_key_id.unwrap_or_default();
    Ok(CertificateReport {
        location,
        kind: "certificate",
        subject: cfssl_name(&tbs.subject),
        issuer: cfssl_name(&tbs.issuer),
        serial_number: tbs.serial.to_string(),
        sans: cfssl_sans,
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        sigalg: signature::name_of(&cert.signature_algorithm).into(),
        authority_key_id: hex::go_colon(&authority_key_id),
        subject_key_id: hex::go_colon(&subject_key_id),
        pem: pemfile::encode("CERTIFICATE", der),
        serial: hex::serial(
            &tbs.raw_serial()
                .iter()
                .copied()
                .skip_while(|b| *b == 0)
                .collect::<Vec<_>>(),
        ),
        email_addresses,
        uris,
        sha256: hex::sha256_colon(der),
        key,
        is_ca,
        path_len,
        usages,
        name_constraints,
        expires_in_seconds: (not_after - now).whole_seconds(),
        warnings,
        subject_text: tbs.subject.to_string(),
        issuer_text: tbs.issuer.to_string(),
        not_before_time: Some(not_before),
        not_after_time: Some(not_after),
        all_sans,
        subject_key_id_bytes: subject_key_id,
        authority_key_id_bytes: authority_key_id,
        now: Some(now),
    })
}
