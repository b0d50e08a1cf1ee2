//! Whether a name lies within a CA's name constraints, in the strictest
//! reading verifiers give (see the module above), and the check of a
//! certificate's names against every CA certificate in its chain.

use std::fmt;
use std::net::IpAddr;

use super::NameConstraints;
use crate::x509::certificate::Certificate;
use crate::x509::san::{San, UriHost, canonical_ip, uri_host};
use crate::{Error, Result};

impl NameConstraints {
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
        let Some(constraints) = cert.name_constraints()? else {
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
    use super::super::tests::{constraints, dns, dns_subtrees};
    use super::super::{IpRange, Subtrees};
    use super::*;

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
}
