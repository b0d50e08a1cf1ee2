//! Name constraints (RFC 5280 §4.2.1.10): the subtrees of DNS names, IP
//! ranges, email addresses and URI hosts a CA may issue for.
//!
//! A signing profile's `name_constraints` become the NameConstraints
//! extension of the CA certificates it makes ([`NameConstraints::to_x509`]);
//! when signing, every name of the new certificate is checked against the
//! constraints of the issuing CA and of each CA certificate given with it
//! ([`check_chain`]), so that certsmith never issues a certificate that
//! relying parties would reject.
//!
//! Where verifiers disagree, the check takes the strictest reading: a
//! permitted email host or URI host without a leading dot means exactly that
//! host (RFC 5280, OpenSSL), while an excluded one also covers its
//! subdomains (Go's crypto/x509 reads it so).
//!
//! Names and constraints are compared in one canonical form (issue 13): IP
//! addresses as [`crate::x509::san::canonical_ip`] gives them (an IPv4-mapped
//! address is IPv4), host names in lower case without a trailing dot
//! (`canonical_host`), URI hosts as [`crate::x509::san::uri_host`] parses them.
//!
//! This file holds the types and their encoding (config values, the
//! extension both ways); `ip` the address ranges; `matching` the checks.

mod ip;
mod matching;

use der::asn1::{Ia5String, ObjectIdentifier, OctetString};
use x509_cert::ext::pkix::constraints::name::{
    GeneralSubtree, NameConstraints as X509NameConstraints,
};
use x509_cert::ext::pkix::name::GeneralName;

use crate::{Error, Result};

pub use ip::IpRange;
pub use matching::check_chain;

/// The NameConstraints extension, `id-ce-nameConstraints`.
pub const OID: ObjectIdentifier = crate::x509::oid::NAME_CONSTRAINTS;

/// A CA's name constraints: what it may issue for, and what it may not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameConstraints {
    /// RFC 5280 says MUST be critical; the CA/Browser Forum allows
    /// non-critical for clients that do not understand the extension.
    pub critical: bool,
    pub permitted: Subtrees,
    pub excluded: Subtrees,
}

/// The subtrees of one side (permitted or excluded), by name type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subtrees {
    /// `example.com` (the domain and its subdomains) or `.example.com`
    /// (subdomains only).
    pub dns_domains: Vec<String>,
    pub ip_ranges: Vec<IpRange>,
    /// `ops@example.com` (that mailbox), `example.com` (mailboxes at that
    /// host) or `.example.com` (mailboxes at any subdomain).
    pub email_addresses: Vec<String>,
    /// URI hosts: `host.example.com` (that host) or `.example.com` (any
    /// subdomain).
    pub uri_domains: Vec<String>,
}

impl Subtrees {
    pub fn is_empty(&self) -> bool {
        self.dns_domains.is_empty()
            && self.ip_ranges.is_empty()
            && self.email_addresses.is_empty()
            && self.uri_domains.is_empty()
    }

    fn to_x509(&self) -> der::Result<Option<Vec<GeneralSubtree>>> {
        let mut subtrees = Vec::new();
        let mut push = |base| {
            subtrees.push(GeneralSubtree {
                base,
                minimum: 0,
                maximum: None,
            })
        };
        for d in &self.dns_domains {
            push(GeneralName::DnsName(Ia5String::new(d)?));
        }
        for r in &self.ip_ranges {
            push(GeneralName::IpAddress(OctetString::new(r.to_bytes())?));
        }
        for e in &self.email_addresses {
            push(GeneralName::Rfc822Name(Ia5String::new(e)?));
        }
        for u in &self.uri_domains {
            push(GeneralName::UniformResourceIdentifier(Ia5String::new(u)?));
        }
        // RFC 5280: GeneralSubtrees has at least one element; leave it out instead.
        Ok((!subtrees.is_empty()).then_some(subtrees))
    }

    /// Adds what x509-parser read from a certificate. Name types certsmith
    /// does not issue (directoryName, otherName, …) are left out.
    fn add_parsed(
        &mut self,
        subtree: &x509_parser::extensions::GeneralSubtree<'_>,
        source: &str,
    ) -> Result<()> {
        use x509_parser::extensions::GeneralName as G;
        match &subtree.base {
            G::DNSName(d) => self.dns_domains.push(d.to_string()),
            G::RFC822Name(e) => self.email_addresses.push(e.to_string()),
            G::URI(u) => self.uri_domains.push(u.to_string()),
            G::IPAddress(bytes) => {
                let range = IpRange::from_bytes(bytes).ok_or_else(|| Error::CertificateParse {
                    source: source.into(),
                    reason: format!(
                        "a name constraint iPAddress has {} bytes (expected 8 or 32)",
                        bytes.len()
                    ),
                })?;
                self.ip_ranges.push(range);
            }
            _ => {}
        }
        Ok(())
    }
}
/// Checks a `dns_domains` or `uri_domains` value from a config:
/// `example.com` or `.example.com`, ASCII letters, digits and '-'.
pub fn check_domain(value: &str) -> std::result::Result<(), String> {
    if value.is_empty() {
        return Err("empty value".into());
    }
    if !value.is_ascii() {
        return Err("not ASCII (write internationalized names in their xn-- form)".into());
    }
    if value.contains('*') {
        return Err("wildcards are not constraints (write .example.com for any subdomain)".into());
    }
    let name = value.strip_prefix('.').unwrap_or(value);
    if crate::x509::san::valid_dns(name, false) {
        Ok(())
    } else {
        Err("not a DNS domain (example.com, or .example.com for subdomains only)".into())
    }
}

/// Checks an `email_addresses` value from a config: a mailbox, a host, or
/// `.domain`.
pub fn check_email(value: &str) -> std::result::Result<(), String> {
    if value.is_empty() {
        return Err("empty value".into());
    }
    if !value.is_ascii() {
        return Err("not ASCII".into());
    }
    match value.rsplit_once('@') {
        Some((local, host)) => {
            if local.is_empty() || local.contains(char::is_whitespace) || host.starts_with('.') {
                return Err("not an email address".into());
            }
            check_domain(host).map_err(|_| "not an email address".to_string())
        }
        None => check_domain(value),
    }
}

impl NameConstraints {
    /// RFC 5280: "conforming CAs MUST NOT issue certificates where name
    /// constraints is an empty sequence".
    pub fn is_empty(&self) -> bool {
        self.permitted.is_empty() && self.excluded.is_empty()
    }

    /// The extension value.
    pub fn to_x509(&self) -> der::Result<X509NameConstraints> {
        Ok(X509NameConstraints {
            permitted_subtrees: self.permitted.to_x509()?,
            excluded_subtrees: self.excluded.to_x509()?,
        })
    }

    /// The constraints of a certificate's extension, as x509-parser read
    /// it from the certificate `source` names.
    pub fn from_parsed(
        critical: bool,
        value: &x509_parser::extensions::NameConstraints<'_>,
        source: &str,
    ) -> Result<NameConstraints> {
        let mut nc = NameConstraints {
            critical,
            permitted: Subtrees::default(),
            excluded: Subtrees::default(),
        };
        for s in value.permitted_subtrees.iter().flatten() {
            nc.permitted.add_parsed(s, source)?;
        }
        for s in value.excluded_subtrees.iter().flatten() {
            nc.excluded.add_parsed(s, source)?;
        }
        Ok(nc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::san::San;

    pub(super) fn dns(s: &str) -> San {
        San::Dns(s.into())
    }

    pub(super) fn constraints(permitted: Subtrees, excluded: Subtrees) -> NameConstraints {
        NameConstraints {
            critical: true,
            permitted,
            excluded,
        }
    }

    pub(super) fn dns_subtrees(domains: &[&str]) -> Subtrees {
        Subtrees {
            dns_domains: domains.iter().map(|s| s.to_string()).collect(),
            ..Subtrees::default()
        }
    }

    #[test]
    fn config_values_are_checked() {
        assert!(check_domain("example.com").is_ok());
        assert!(check_domain(".example.com").is_ok());
        assert!(check_domain("").is_err());
        assert!(check_domain("*.example.com").is_err());
        assert!(check_domain("bücher.de").is_err());
        assert!(check_domain("exa mple.com").is_err());
        assert!(check_email("ops@example.com").is_ok());
        assert!(check_email(".example.com").is_ok());
        assert!(check_email("@example.com").is_err());
    }
    #[test]
    fn extension_round_trips_through_x509_parser() {
        use der::Encode;
        let nc = constraints(
            Subtrees {
                dns_domains: vec!["example.com".into()],
                ip_ranges: vec![IpRange::parse_cidr("10.0.0.0/8").unwrap()],
                ..Subtrees::default()
            },
            dns_subtrees(&["bad.example.com"]),
        );
        let der = nc.to_x509().unwrap().to_der().unwrap();
        use x509_parser::prelude::FromDer;
        let (_, parsed) = x509_parser::extensions::NameConstraints::from_der(&der).expect("parses");
        let mut back = Subtrees::default();
        for s in parsed.permitted_subtrees.iter().flatten() {
            back.add_parsed(s, "t").unwrap();
        }
        assert_eq!(back, nc.permitted);
    }
}
