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
//! ([`canonical_host`]), URI hosts as [`crate::x509::san::uri_host`] parses them.

use std::fmt;
use std::net::IpAddr;

use der::asn1::{Ia5String, ObjectIdentifier, OctetString};
use x509_cert::ext::pkix::constraints::name::{
    GeneralSubtree, NameConstraints as X509NameConstraints,
};
use x509_cert::ext::pkix::name::GeneralName;

use crate::x509::certificate::Certificate;
use crate::x509::san::{San, UriHost, canonical_ip, uri_host};
use crate::{Error, Result};

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

/// An IP address range: a network address and its mask, as in the
/// extension (RFC 5280: address || mask, 8 octets for IPv4, 32 for IPv6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    pub network: IpAddr,
    pub mask: IpAddr,
}

impl IpRange {
    /// Parses `10.0.0.0/8` or `fd00::/8`. The address must be the network
    /// itself: `10.1.0.0/8` is refused, since it would look narrower than it is.
    ///
    /// An IPv4-mapped range (`::ffff:10.66.0.0/112`) is refused, naming the
    /// IPv4 range to write instead: certsmith issues every IPv4 address in
    /// its 4-byte form, and verifiers (Go, OpenSSL) match a constraint only
    /// against addresses of its own length, so a mapped range would exclude,
    /// or permit, nothing certsmith issues. Rewriting it silently would put
    /// into the CA certificate something other than what the config says.
    pub fn parse_cidr(text: &str) -> std::result::Result<IpRange, String> {
        let (addr, prefix) = text
            .split_once('/')
            .ok_or("not a CIDR range (expected ADDRESS/PREFIX such as 10.0.0.0/8)")?;
        let network: IpAddr = addr
            .parse()
            .map_err(|_| format!("\"{addr}\" is not an IP address"))?;
        let bits = if network.is_ipv4() { 32 } else { 128 };
        let prefix: u32 = prefix
            .parse()
            .ok()
            .filter(|p| *p <= bits)
            .ok_or_else(|| format!("the prefix length must be a number from 0 to {bits}"))?;
        let range = IpRange {
            network,
            mask: prefix_mask(network, prefix),
        };
        let masked = range.apply_mask(network);
        let network_range = IpRange {
            network: masked,
            ..range
        };
        if let Some(v4) = network_range.mapped_ipv4() {
            return Err(format!(
                "an IPv4-mapped IPv6 range, which never matches the 4-byte IPv4 addresses certificates carry (write {v4})"
            ));
        }
        if masked != network {
            return Err(format!(
                "host bits are set (the network is {masked}/{prefix})"
            ));
        }
        Ok(range)
    }

    /// The IPv4 range an IPv6 range inside `::ffff:0:0/96` maps, as Go's
    /// `net.IP.Mask` reads a 16-byte mask whose first 12 bytes are all ones.
    fn mapped_ipv4(&self) -> Option<IpRange> {
        let (IpAddr::V6(network), IpAddr::V6(mask)) = (self.network, self.mask) else {
            return None;
        };
        let network = network.to_ipv4_mapped()?;
        let mask = mask.octets();
        if mask[..12].iter().any(|b| *b != 0xff) {
            return None;
        }
        let mask = <[u8; 4]>::try_from(&mask[12..]).expect("4 bytes");
        Some(IpRange {
            network: IpAddr::V4(network),
            mask: IpAddr::from(mask),
        })
    }

    fn from_bytes(bytes: &[u8]) -> Option<IpRange> {
        let (network, mask) = match bytes.len() {
            8 => (
                IpAddr::from(<[u8; 4]>::try_from(&bytes[..4]).ok()?),
                IpAddr::from(<[u8; 4]>::try_from(&bytes[4..]).ok()?),
            ),
            32 => (
                IpAddr::from(<[u8; 16]>::try_from(&bytes[..16]).ok()?),
                IpAddr::from(<[u8; 16]>::try_from(&bytes[16..]).ok()?),
            ),
            _ => return None,
        };
        Some(IpRange { network, mask })
    }

    fn to_bytes(self) -> Vec<u8> {
        let mut bytes = octets(self.network);
        bytes.extend(octets(self.mask));
        bytes
    }

    fn apply_mask(&self, ip: IpAddr) -> IpAddr {
        let masked: Vec<u8> = octets(ip)
            .iter()
            .zip(octets(self.mask))
            .map(|(a, m)| a & m)
            .collect();
        match masked.len() {
            4 => IpAddr::from(<[u8; 4]>::try_from(masked).expect("4 bytes")),
            _ => IpAddr::from(<[u8; 16]>::try_from(masked).expect("16 bytes")),
        }
    }

    /// Whether `ip` is inside the range; an address of the other family never is.
    pub fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.network.is_ipv4()
            && self.mask.is_ipv4() == self.network.is_ipv4()
            && self.apply_mask(ip) == self.apply_mask(self.network)
    }

    /// The prefix length, when the mask is contiguous ones then zeros.
    fn prefix(&self) -> Option<u32> {
        let ones: u32 = octets(self.mask).iter().map(|b| b.count_ones()).sum();
        (prefix_mask(self.mask, ones) == self.mask).then_some(ones)
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.prefix() {
            Some(p) => write!(f, "{}/{p}", self.network),
            None => write!(f, "{}/{}", self.network, self.mask),
        }
    }
}

fn octets(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => v6.octets().to_vec(),
    }
}

/// The mask of `prefix` leading ones, in the family of `like`.
fn prefix_mask(like: IpAddr, prefix: u32) -> IpAddr {
    match like {
        IpAddr::V4(_) => IpAddr::from(u32::MAX.checked_shl(32 - prefix).unwrap_or(0).to_be_bytes()),
        IpAddr::V6(_) => IpAddr::from(
            u128::MAX
                .checked_shl(128 - prefix)
                .unwrap_or(0)
                .to_be_bytes(),
        ),
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

    /// Why `name` may not be issued under these constraints, or `None`.
    /// Excluded subtrees win over permitted ones; a name type with no
    /// permitted subtrees is not restricted (unless excluded).
    pub fn violation(&self, name: &San) -> Option<String> {
        let (p, x) = (&self.permitted, &self.excluded);
        match name {
            San::Dns(d) => judge(
                "DNS subtree",
                &x.dns_domains,
                &p.dns_domains,
                |c| dns_overlaps(d, c),
                |c| dns_within(d, c),
            ),
            San::Ip(ip) => {
                let ip = canonical_ip(*ip);
                judge(
                    "IP range",
                    &x.ip_ranges,
                    &p.ip_ranges,
                    // An excluded mapped range (from a CA certificate made
                    // elsewhere) also excludes the IPv4 addresses it maps:
                    // that is what its author meant to keep out.
                    |r| r.contains(ip) || r.mapped_ipv4().is_some_and(|v4| v4.contains(ip)),
                    |r| r.contains(ip),
                )
            }
            San::Email(mailbox) => {
                let (local, host) = mailbox.rsplit_once('@').unwrap_or(("", mailbox));
                judge(
                    "email subtree",
                    &x.email_addresses,
                    &p.email_addresses,
                    |c| email_matches(local, host, c, true),
                    |c| email_matches(local, host, c, false),
                )
            }
            San::Uri(uri) => {
                if p.uri_domains.is_empty() && x.uri_domains.is_empty() {
                    return None;
                }
                // RFC 5280 §4.2.1.10: a URI without a host name, or whose
                // host is an IP address, "MUST be rejected".
                let host = match uri_host(uri) {
                    Ok(UriHost::Name(host)) => host,
                    Ok(UriHost::None) => {
                        return Some(
                            "the URI has no host name to check against URI subtrees".into(),
                        );
                    }
                    Ok(UriHost::Ip(_)) => {
                        return Some(
                            "the URI host is an IP address, which cannot be checked against URI subtrees"
                                .into(),
                        );
                    }
                    Err(reason) => return Some(reason.into()),
                };
                judge(
                    "URI subtree",
                    &x.uri_domains,
                    &p.uri_domains,
                    |c| host_matches(&host, c, true),
                    |c| host_matches(&host, c, false),
                )
            }
        }
    }
}

fn judge<C: fmt::Display>(
    kind: &str,
    excluded: &[C],
    permitted: &[C],
    in_excluded: impl Fn(&C) -> bool,
    in_permitted: impl Fn(&C) -> bool,
) -> Option<String> {
    if let Some(c) = excluded.iter().find(|c| in_excluded(c)) {
        return Some(format!("within excluded {kind} {c}"));
    }
    if !permitted.is_empty() && !permitted.iter().any(in_permitted) {
        let list: Vec<String> = permitted.iter().map(ToString::to_string).collect();
        return Some(format!("not within permitted {kind}s {}", list.join(", ")));
    }
    None
}

/// The one form host names (DNS names, email domains, URI hosts) and host
/// constraints are compared in: lower case, without a trailing dot.
/// `Evil.Example.COM.` is `evil.example.com` to a resolver, so it is to the
/// check, whichever side (a name, or a constraint in a CA certificate made
/// elsewhere) carries the dot.
fn canonical_host(name: &str) -> String {
    let name = name.to_ascii_lowercase();
    match name.strip_suffix('.') {
        Some(stripped) if !stripped.is_empty() && !stripped.ends_with('.') => stripped.to_string(),
        _ => name,
    }
}

/// `name` is a subdomain of `base` (strictly, at a label boundary).
fn is_subdomain(name: &str, base: &str) -> bool {
    name.len() > base.len()
        && name.ends_with(base)
        && name.as_bytes()[name.len() - base.len() - 1] == b'.'
}

/// Every name `name` stands for lies inside the DNS subtree `constraint`.
/// A wildcard `*.rest` stands for every `label.rest`.
fn dns_within(name: &str, constraint: &str) -> bool {
    let name = canonical_host(name);
    let constraint = canonical_host(constraint);
    let (wildcard, rest) = match name.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, name.as_str()),
    };
    match constraint.strip_prefix('.') {
        // `.example.com`: subdomains only.
        Some(base) if wildcard => rest == base || is_subdomain(rest, base),
        Some(base) => is_subdomain(rest, base),
        // An empty constraint matches everything (OpenSSL, Go).
        None if constraint.is_empty() => true,
        None => rest == constraint || is_subdomain(rest, &constraint),
    }
}

/// Some name `name` stands for lies inside the DNS subtree `constraint`:
/// `*.example.com` overlaps the excluded `bad.example.com`.
fn dns_overlaps(name: &str, constraint: &str) -> bool {
    if dns_within(name, constraint) {
        return true;
    }
    let name = canonical_host(name);
    let constraint = canonical_host(constraint);
    match name.strip_prefix("*.") {
        Some(rest) if !constraint.starts_with('.') => constraint
            .strip_suffix(rest)
            .and_then(|head| head.strip_suffix('.'))
            .is_some_and(|label| !label.is_empty() && !label.contains('.')),
        _ => false,
    }
}

/// An email or URI host against a host constraint. `broad` (for excluded
/// subtrees) lets `example.com` cover its subdomains as Go does; otherwise
/// it means that host only (RFC 5280, OpenSSL).
fn host_matches(host: &str, constraint: &str, broad: bool) -> bool {
    let host = canonical_host(host);
    let constraint = canonical_host(constraint);
    match constraint.strip_prefix('.') {
        Some(base) => is_subdomain(&host, base),
        None if constraint.is_empty() => true,
        None => host == constraint || broad && is_subdomain(&host, &constraint),
    }
}

fn email_matches(local: &str, host: &str, constraint: &str, broad: bool) -> bool {
    match constraint.rsplit_once('@') {
        // A full mailbox: the local part is case-sensitive (RFC 5280 §7.5).
        Some((c_local, c_host)) => {
            local == c_local && canonical_host(host) == canonical_host(c_host)
        }
        None => host_matches(host, constraint, broad),
    }
}

/// The names a client may take a subject CN for: a host name when it has a
/// dot, no spaces and none of `@:/` (as browsers and Go did). An address in
/// the CN is checked both ways, the strictest reading: OpenSSL checks it
/// against DNS subtrees (its CN-to-DNS-ID conversion accepts `1.2.3.4`),
/// and a client could take it for the address.
fn cn_as_names(cn: &str) -> Vec<San> {
    let looks_like_host =
        cn.contains('.') && !cn.contains(char::is_whitespace) && !cn.contains(['@', ':', '/']);
    match cn.parse::<IpAddr>() {
        Ok(ip) if looks_like_host => vec![San::Dns(cn.to_string()), San::Ip(ip.to_canonical())],
        Ok(ip) => vec![San::Ip(ip.to_canonical())],
        Err(_) if looks_like_host => vec![San::Dns(cn.to_string())],
        Err(_) => Vec::new(),
    }
}

/// Checks the CN (when it looks like a host name) and every SAN of a
/// certificate about to be issued against the name constraints of each CA
/// certificate in `cas`: the issuing CA first, then its own issuers.
pub fn check_chain<'a>(
    cas: impl IntoIterator<Item = &'a Certificate>,
    ca_source: &str,
    cn: Option<&str>,
    sans: &[San],
) -> Result<()> {
    let names: Vec<San> = cn
        .map(cn_as_names)
        .unwrap_or_default()
        .into_iter()
        .chain(sans.iter().cloned())
        .collect();
    for (i, cert) in cas.into_iter().enumerate() {
        let Some(constraints) = &cert.name_constraints else {
            continue;
        };
        for name in &names {
            if let Some(constraint) = constraints.violation(name) {
                let ca = if i == 0 {
                    ca_source.to_string()
                } else {
                    format!("{ca_source} (certificate {} in the chain)", i + 1)
                };
                return Err(Error::NameConstraintViolation {
                    name: match name {
                        San::Dns(s) | San::Email(s) | San::Uri(s) => s.clone(),
                        San::Ip(ip) => ip.to_string(),
                    },
                    constraint,
                    ca,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dns(s: &str) -> San {
        San::Dns(s.into())
    }

    fn constraints(permitted: Subtrees, excluded: Subtrees) -> NameConstraints {
        NameConstraints {
            critical: true,
            permitted,
            excluded,
        }
    }

    fn dns_subtrees(domains: &[&str]) -> Subtrees {
        Subtrees {
            dns_domains: domains.iter().map(|s| s.to_string()).collect(),
            ..Subtrees::default()
        }
    }

    #[test]
    fn dns_constraint_matches_the_domain_and_subdomains_at_label_boundaries() {
        assert!(dns_within("example.com", "example.com"));
        assert!(dns_within("a.example.com", "example.com"));
        assert!(dns_within("A.B.Example.COM", "example.com"));
        assert!(!dns_within("badexample.com", "example.com"));
        assert!(!dns_within("example.com.evil", "example.com"));
        assert!(!dns_within("com", "example.com"));
    }

    #[test]
    fn leading_dot_dns_constraint_matches_only_subdomains() {
        assert!(!dns_within("example.com", ".example.com"));
        assert!(dns_within("a.example.com", ".example.com"));
        assert!(!dns_within("badexample.com", ".example.com"));
        assert!(dns_within("*.example.com", ".example.com"));
    }

    #[test]
    fn wildcard_is_checked_as_subdomains_of_its_base() {
        assert!(dns_within("*.example.com", "example.com"));
        assert!(dns_within("*.a.example.com", "example.com"));
        assert!(!dns_within("*.example.com", "a.example.com"));
        // The wildcard covers bad.example.com, so an excluded subtree there overlaps it.
        assert!(dns_overlaps("*.example.com", "bad.example.com"));
        assert!(!dns_overlaps("*.example.com", "x.bad.example.com"));
        assert!(!dns_overlaps("*.example.com", ".bad.example.com"));
        assert!(dns_overlaps("*.bad.example.com", "bad.example.com"));
    }

    #[test]
    fn excluded_beats_permitted_and_messages_name_the_subtrees() {
        let nc = constraints(
            dns_subtrees(&["example.com", "example.net"]),
            dns_subtrees(&["bad.example.com"]),
        );
        assert_eq!(nc.violation(&dns("a.example.com")), None);
        assert_eq!(nc.violation(&dns("www.example.net")), None);
        assert_eq!(
            nc.violation(&dns("x.bad.example.com")).unwrap(),
            "within excluded DNS subtree bad.example.com"
        );
        assert_eq!(
            nc.violation(&dns("www.other.com")).unwrap(),
            "not within permitted DNS subtrees example.com, example.net"
        );
        assert_eq!(
            nc.violation(&dns("*.example.com")).unwrap(),
            "within excluded DNS subtree bad.example.com"
        );
    }

    #[test]
    fn names_of_an_unconstrained_type_are_allowed() {
        let nc = constraints(dns_subtrees(&["example.com"]), Subtrees::default());
        assert_eq!(nc.violation(&San::Ip("192.168.1.1".parse().unwrap())), None);
        assert_eq!(nc.violation(&San::Email("a@other.org".into())), None);
        assert_eq!(nc.violation(&San::Uri("https://other.org/".into())), None);
    }

    #[test]
    fn ip_must_be_inside_a_permitted_range_of_its_family() {
        let nc = constraints(
            Subtrees {
                ip_ranges: vec![
                    IpRange::parse_cidr("10.0.0.0/8").unwrap(),
                    IpRange::parse_cidr("fd00::/8").unwrap(),
                ],
                ..Subtrees::default()
            },
            Subtrees {
                ip_ranges: vec![IpRange::parse_cidr("10.9.0.0/16").unwrap()],
                ..Subtrees::default()
            },
        );
        let ip = |s: &str| San::Ip(s.parse().unwrap());
        assert_eq!(nc.violation(&ip("10.1.2.3")), None);
        assert_eq!(nc.violation(&ip("fd12::1")), None);
        assert_eq!(
            nc.violation(&ip("192.168.1.1")).unwrap(),
            "not within permitted IP ranges 10.0.0.0/8, fd00::/8"
        );
        assert_eq!(
            nc.violation(&ip("10.9.1.1")).unwrap(),
            "within excluded IP range 10.9.0.0/16"
        );
        // An IPv4-mapped address is the IPv4 address it maps (issue 13).
        assert_eq!(nc.violation(&ip("::ffff:10.1.2.3")), None);
        assert_eq!(
            nc.violation(&ip("::ffff:10.9.1.1")).unwrap(),
            "within excluded IP range 10.9.0.0/16"
        );
        assert_eq!(
            nc.violation(&ip("::ffff:192.168.1.1")).unwrap(),
            "not within permitted IP ranges 10.0.0.0/8, fd00::/8"
        );
        // A DNS name is not restricted by IP ranges.
        assert_eq!(nc.violation(&dns("anything.org")), None);
    }

    #[test]
    fn cidr_parsing_refuses_what_is_not_a_network() {
        let r = IpRange::parse_cidr("10.0.0.0/8").unwrap();
        assert_eq!(r.to_bytes(), [10, 0, 0, 0, 255, 0, 0, 0]);
        assert_eq!(r.to_string(), "10.0.0.0/8");
        assert_eq!(
            IpRange::parse_cidr("fd00::/8").unwrap().to_bytes().len(),
            32
        );
        assert_eq!(
            IpRange::parse_cidr("0.0.0.0/0").unwrap().to_string(),
            "0.0.0.0/0"
        );
        assert_eq!(
            IpRange::parse_cidr("10.1.0.0/8").unwrap_err(),
            "host bits are set (the network is 10.0.0.0/8)"
        );
        assert_eq!(
            IpRange::parse_cidr("10.0.0.0/33").unwrap_err(),
            "the prefix length must be a number from 0 to 32"
        );
        assert!(IpRange::parse_cidr("10.0.0.0").is_err());
        assert!(IpRange::parse_cidr("10.0.0/8").is_err());
        let odd = IpRange::from_bytes(&[10, 0, 0, 0, 255, 0, 255, 0]).unwrap();
        assert_eq!(odd.to_string(), "10.0.0.0/255.0.255.0");
    }

    #[test]
    fn email_constraints_match_a_mailbox_a_host_or_subdomains() {
        let nc = constraints(
            Subtrees {
                email_addresses: vec![
                    "ops@example.org".into(),
                    "mail.example.com".into(),
                    ".corp.example.com".into(),
                ],
                ..Subtrees::default()
            },
            Subtrees::default(),
        );
        let email = |s: &str| San::Email(s.into());
        assert_eq!(nc.violation(&email("ops@example.org")), None);
        assert_eq!(nc.violation(&email("ops@EXAMPLE.org")), None);
        assert!(nc.violation(&email("Ops@example.org")).is_some());
        assert_eq!(nc.violation(&email("anyone@mail.example.com")), None);
        assert!(
            nc.violation(&email("anyone@sub.mail.example.com"))
                .is_some()
        );
        assert_eq!(nc.violation(&email("a@x.corp.example.com")), None);
        assert!(nc.violation(&email("a@corp.example.com")).is_some());
        assert_eq!(
            nc.violation(&email("dev@example.org")).unwrap(),
            "not within permitted email subtrees ops@example.org, mail.example.com, .corp.example.com"
        );
    }

    #[test]
    fn uri_constraints_apply_to_the_host() {
        let nc = constraints(
            Subtrees {
                uri_domains: vec!["api.example.com".into(), ".svc.example.com".into()],
                ..Subtrees::default()
            },
            Subtrees {
                uri_domains: vec!["bad.svc.example.com".into()],
                ..Subtrees::default()
            },
        );
        let uri = |s: &str| San::Uri(s.into());
        assert_eq!(nc.violation(&uri("https://api.example.com/x")), None);
        assert_eq!(nc.violation(&uri("https://API.example.com:8443/x")), None);
        // Userinfo hides the host from readers that stop at the first '@'.
        assert_eq!(
            nc.violation(&uri("https://user@API.example.com:8443/x"))
                .unwrap(),
            "the URI carries userinfo (\"user@\" before the host), which hides the host from name constraints"
        );
        assert_eq!(nc.violation(&uri("spiffe://a.svc.example.com/ns/x")), None);
        assert_eq!(
            nc.violation(&uri("https://other.org/")).unwrap(),
            "not within permitted URI subtrees api.example.com, .svc.example.com"
        );
        // Excluded hosts cover their subdomains, as Go reads them.
        assert_eq!(
            nc.violation(&uri("https://x.bad.svc.example.com/"))
                .unwrap(),
            "within excluded URI subtree bad.svc.example.com"
        );
        assert_eq!(
            nc.violation(&uri("urn:example:x")).unwrap(),
            "the URI has no host name to check against URI subtrees"
        );
        assert_eq!(
            nc.violation(&uri("https://10.0.0.1/")).unwrap(),
            "the URI host is an IP address, which cannot be checked against URI subtrees"
        );
        assert!(nc.violation(&uri("https://[fd00::1]:8443/")).is_some());
    }

    #[test]
    fn uri_hosts_are_compared_in_one_form_or_refused() {
        let nc = constraints(
            Subtrees::default(),
            Subtrees {
                uri_domains: vec!["evil.example.com".into()],
                ..Subtrees::default()
            },
        );
        let uri = |s: &str| nc.violation(&San::Uri(s.into()));
        let excluded = Some("within excluded URI subtree evil.example.com".to_string());
        assert_eq!(uri("https://EVIL.Example.COM/"), excluded);
        assert_eq!(uri("spiffe://evil.example.com:443/ns/x"), excluded);
        assert_eq!(uri("https://good.example.com/evil.example.com"), None);
        for (bypass, reason) in [
            ("https://evil.example.com./", "ends in '.'"),
            ("https://evil%2Eexample.com/", "percent-encoded"),
            ("https://good.example.com@evil.example.com/", "userinfo"),
            ("https:///evil.example.com", "empty host"),
            ("https://evil.example.com;x/", "not a host name"),
        ] {
            let refused = uri(bypass).unwrap_or_else(|| panic!("{bypass} passed"));
            assert!(refused.contains(reason), "{bypass}: {refused}");
        }
    }

    #[test]
    fn host_constraints_are_compared_without_case_or_trailing_dot() {
        assert_eq!(canonical_host("Evil.Example.COM."), "evil.example.com");
        assert_eq!(canonical_host(".Example.com"), ".example.com");
        assert_eq!(canonical_host("."), ".");
        assert_eq!(canonical_host("a.."), "a..");
        // A constraint in a CA certificate made elsewhere may carry the dot.
        assert!(dns_within("x.bad.example.com", "bad.example.com."));
        assert!(host_matches("bad.example.com", "BAD.example.com.", false));
        assert!(email_matches(
            "ops",
            "Example.com",
            "ops@example.com.",
            false
        ));
        // A CN that looks like a host name is checked without its dot.
        let nc = constraints(Subtrees::default(), dns_subtrees(&["bad.example.com"]));
        assert_eq!(
            nc.violation(&dns("x.bad.example.com.")).unwrap(),
            "within excluded DNS subtree bad.example.com"
        );
    }

    #[test]
    fn ipv4_mapped_ranges_are_refused_in_configs_and_read_as_ipv4_when_excluded() {
        assert_eq!(
            IpRange::parse_cidr("::ffff:10.66.0.0/112").unwrap_err(),
            "an IPv4-mapped IPv6 range, which never matches the 4-byte IPv4 addresses certificates carry (write 10.66.0.0/16)"
        );
        for (mapped, ipv4) in [
            ("::ffff:0.0.0.0/96", "0.0.0.0/0"),
            ("::ffff:10.66.0.1/112", "10.66.0.0/16"),
            ("::ffff:10.66.0.1/128", "10.66.0.1/32"),
        ] {
            let err = IpRange::parse_cidr(mapped).unwrap_err();
            assert!(err.ends_with(&format!("(write {ipv4})")), "{mapped}: {err}");
        }
        // Wider IPv6 ranges that merely contain the mapped block are IPv6 ranges.
        assert!(IpRange::parse_cidr("::/0").is_ok());
        assert!(IpRange::parse_cidr("::fffe:0:0/95").is_ok());
        // An excluded mapped range in a CA certificate made elsewhere.
        let mut mapped = vec![0; 10];
        mapped.extend([0xff, 0xff, 10, 66, 0, 0]);
        mapped.extend([0xff; 14]);
        mapped.extend([0, 0]);
        let range = IpRange::from_bytes(&mapped).unwrap();
        assert_eq!(range.to_string(), "::ffff:10.66.0.0/112");
        let nc = constraints(
            Subtrees::default(),
            Subtrees {
                ip_ranges: vec![range],
                ..Subtrees::default()
            },
        );
        let ip = |s: &str| nc.violation(&San::Ip(s.parse().unwrap()));
        let excluded = Some("within excluded IP range ::ffff:10.66.0.0/112".to_string());
        assert_eq!(ip("10.66.0.1"), excluded);
        assert_eq!(ip("::ffff:10.66.0.1"), excluded);
        assert_eq!(ip("10.67.0.1"), None);
    }

    #[test]
    fn cn_is_checked_only_when_it_looks_like_a_host_name_and_an_address_both_ways() {
        assert_eq!(cn_as_names("www.other.com"), vec![dns("www.other.com")]);
        assert_eq!(cn_as_names("Test Intermediate"), vec![]);
        assert_eq!(cn_as_names("kubernetes"), vec![]);
        assert_eq!(cn_as_names("ops@example.com"), vec![]);
        let ip = |s: &str| San::Ip(s.parse().unwrap());
        assert_eq!(
            cn_as_names("10.1.2.3"),
            vec![dns("10.1.2.3"), ip("10.1.2.3")]
        );
        assert_eq!(cn_as_names("::ffff:10.1.2.3"), vec![ip("10.1.2.3")]);
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
