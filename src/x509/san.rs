//! Subject alternative names: classifying cfssl's `hosts` strings and
//! encoding them as GeneralNames (RFC 5280 §4.2.1.6).
//!
//! Every name reaches the issuer in one canonical form, so that name
//! constraints are checked on what relying parties will see (issue 13):
//! an IPv4-mapped IPv6 address (`::ffff:10.66.0.1`) is the IPv4 address it
//! maps, as Go writes it and as Go's `net.IP.Equal` reads it; a URI's host is
//! parsed once ([`uri_host`]), and a host that cannot be compared safely
//! (userinfo, percent-encoding, an empty host, a trailing dot) is refused.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use der::asn1::{Ia5String, OctetString};
use x509_cert::ext::pkix::name::GeneralName;

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum San {
    Dns(String),
    Ip(IpAddr),
    Email(String),
    Uri(String),
}

impl San {
    /// Classifies a `hosts` entry: IP address, then URI (`scheme://…` or
    /// `urn:…`), then email address, else DNS name. cfssl tries email before
    /// URI, but Go's mail parser refuses `https://user@host/`, so cfssl reads
    /// that as a URI too. Each kind is checked for well-formedness, so that no
    /// certificate carries a name that clients will reject, and an IP address
    /// is put in its canonical form (see [`canonical_ip`]).
    pub fn classify(host: &str) -> Result<San> {
        let invalid = |reason| Error::InvalidHost {
            value: host.to_string(),
            reason,
        };
        if host.is_empty() {
            return Err(invalid("empty name"));
        }
        if host.chars().any(|c| c.is_ascii_control()) {
            return Err(invalid("contains a control character"));
        }
        if !host.is_ascii() {
            return Err(invalid("not ASCII"));
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(San::Ip(canonical_ip(ip)));
        }
        if let Some((scheme, rest)) = host.split_once(':') {
            let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            if scheme_ok && rest.starts_with("//") || scheme.eq_ignore_ascii_case("urn") {
                if rest.is_empty() || host.contains(char::is_whitespace) {
                    return Err(invalid("not a valid URI"));
                }
                uri_host(host).map_err(invalid)?;
                return Ok(San::Uri(host.to_string()));
            }
        }
        if let Some((local, domain)) = host.rsplit_once('@') {
            if local.is_empty() || local.contains(char::is_whitespace) || !valid_dns(domain, false)
            {
                return Err(invalid("not a valid email address"));
            }
            return Ok(San::Email(host.to_string()));
        }
        if host.contains(':') {
            return Err(invalid(
                "a DNS name cannot contain ':' (a URI needs a scheme such as spiffe://)",
            ));
        }
        if host.ends_with('.') && valid_dns(&host[..host.len() - 1], true) {
            // Go's crypto/x509 cannot match a name with a trailing dot
            // against DNS subtrees; it is the same name without the dot.
            return Err(invalid(
                "a DNS name ends in '.' (write it without the trailing dot)",
            ));
        }
        if !valid_dns(host, true) {
            return Err(invalid(
                "not a valid DNS name (letters, digits and '-' in dot-separated labels)",
            ));
        }
        if ends_in_a_number(host) {
            // `10.066.0.1` or `167920641` is an IPv4 address in disguise:
            // resolvers (inet_aton) and URL parsers read it as one (octal
            // 066 is 54), while name constraints would check it as a DNS
            // name, outside every IP range. RFC 1123 §2.1: the last label
            // of a host name is never numeric.
            return Err(invalid(
                "a DNS name cannot end in a numeric label, which resolvers read as an IPv4 address (write the address itself)",
            ));
        }
        Ok(San::Dns(host.to_string()))
    }

    /// Parses cfssl's `-hostname a,b,c`.
    pub fn parse_list(list: &str) -> Result<Vec<San>> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(San::classify)
            .collect()
    }

    /// The GeneralName a certificate or CSR carries. A name that did not
    /// come through [`San::classify`] may not be ASCII (`San::Dns("bücher")`),
    /// which an IA5String cannot hold: that is the error classify gives.
    pub fn to_general_name(&self) -> Result<GeneralName> {
        let ia5 = |s: &str| {
            Ia5String::new(s).map_err(|_| Error::InvalidHost {
                value: s.to_string(),
                reason: "not ASCII",
            })
        };
        Ok(match self {
            San::Dns(d) => GeneralName::DnsName(ia5(d)?),
            San::Email(e) => GeneralName::Rfc822Name(ia5(e)?),
            San::Uri(u) => GeneralName::UniformResourceIdentifier(ia5(u)?),
            // An OCTET STRING of 4 or 16 bytes is far below DER's length limit.
            San::Ip(ip) => match canonical_ip(*ip) {
                IpAddr::V4(v4) => GeneralName::IpAddress(
                    OctetString::new(v4.octets().to_vec()).expect("4 bytes fit"),
                ),
                IpAddr::V6(v6) => GeneralName::IpAddress(
                    OctetString::new(v6.octets().to_vec()).expect("16 bytes fit"),
                ),
            },
        })
    }

    /// The string `name_whitelist` is matched against; cfssl leaves IPs out.
    pub fn whitelist_subject(&self) -> Option<&str> {
        match self {
            San::Dns(s) | San::Email(s) | San::Uri(s) => Some(s),
            San::Ip(_) => None,
        }
    }
}

impl fmt::Display for San {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            San::Dns(s) => write!(f, "DNS:{s}"),
            San::Ip(ip) => write!(f, "IP:{ip}"),
            San::Email(s) => write!(f, "email:{s}"),
            San::Uri(s) => write!(f, "URI:{s}"),
        }
    }
}

/// The form an IP address is issued and checked in: an IPv4-mapped IPv6
/// address (`::ffff:a.b.c.d`) is the IPv4 address `a.b.c.d`. Go writes such
/// an IP SAN as 4 bytes (`net.IP.To4`), and its `VerifyHostname` accepts a
/// 16-byte mapped SAN for the IPv4 address while its name-constraint check
/// compares it only with IPv6 ranges: kept as 16 bytes, `::ffff:10.66.0.1`
/// would get past an excluded `10.66.0.0/16` (issue 13). IPv4-compatible
/// (`::a.b.c.d`) and NAT64 addresses are other addresses to Go, and stay IPv6.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// The host of a URI, which is what URI name constraints apply to (RFC 5280
/// §4.2.1.10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriHost {
    /// No authority (`urn:…`): nothing for URI subtrees to match.
    None,
    /// A host name, in lower case (it has no trailing dot: that is refused).
    Name(String),
    /// An IP literal: `10.0.0.1` or `[fd00::1]`.
    Ip(IpAddr),
}

/// Parses the host of `scheme://host[:port][/…]` (RFC 3986 §3.2) into the
/// one form that is compared with name constraints, refusing what could be
/// read two ways: userinfo (`https://evil@good/` reads as `good` to a URL
/// parser, and puts credentials into a certificate), percent-encoding
/// (`evil%2Eexample.com` is `evil.example.com` to some readers and not to
/// others; Go refuses to parse it), an empty host, and a trailing dot (Go's
/// crypto/x509 refuses to parse a certificate whose URI host ends in one).
pub fn uri_host(uri: &str) -> std::result::Result<UriHost, &'static str> {
    let Some((_, rest)) = uri.split_once(':') else {
        return Ok(UriHost::None);
    };
    let Some(rest) = rest.strip_prefix("//") else {
        return Ok(UriHost::None);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "the URI carries userinfo (\"user@\" before the host), which hides the host from name constraints",
        );
    }
    if authority.contains('%') {
        return Err(
            "the URI host is percent-encoded, which cannot be compared with name constraints safely",
        );
    }
    if let Some(bracketed) = authority.strip_prefix('[') {
        let (literal, after) = bracketed
            .split_once(']')
            .ok_or("the URI host has '[' without ']'")?;
        let ip: Ipv6Addr = literal
            .parse()
            .map_err(|_| "the URI host in brackets is not an IPv6 address")?;
        if !after.is_empty() {
            check_port(
                after
                    .strip_prefix(':')
                    .ok_or("the URI has text after its IPv6 host")?,
            )?;
        }
        return Ok(UriHost::Ip(IpAddr::V6(ip)));
    }
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    check_port(port)?;
    if host.is_empty() {
        return Err("the URI has an empty host (nothing between \"//\" and the path)");
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        return Ok(UriHost::Ip(IpAddr::V4(ip)));
    }
    if host.ends_with('.') {
        return Err(
            "the URI host ends in '.' (write it without the trailing dot; Go cannot parse a certificate carrying it)",
        );
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if host.len() > 253 || !host.split('.').all(label_ok) {
        return Err(
            "the URI host is not a host name (letters, digits, '-' and '_' in dot-separated labels)",
        );
    }
    Ok(UriHost::Name(host.to_ascii_lowercase()))
}

/// RFC 3986 §3.2.3: a port is digits, possibly none.
fn check_port(port: &str) -> std::result::Result<(), &'static str> {
    if port.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err("the URI port is not a number")
    }
}

/// The WHATWG URL standard's "ends in a number": the last label is decimal
/// digits, or `0x` and hex digits, so that the host is parsed as IPv4.
fn ends_in_a_number(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    let hex = last.strip_prefix("0x").or_else(|| last.strip_prefix("0X"));
    match hex {
        Some(digits) => digits.chars().all(|c| c.is_ascii_hexdigit()),
        None => !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()),
    }
}

/// RFC 1123 host names; `allow_wildcard` admits one leading `*.` label.
pub(crate) fn valid_dns(name: &str, allow_wildcard: bool) -> bool {
    let name = if allow_wildcard {
        name.strip_prefix("*.").unwrap_or(name)
    } else {
        name
    };
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

impl San {
    /// A SAN read from a certificate or CSR; kinds certsmith does not issue
    /// (otherName, directoryName, …) are left out. A 16-byte IPv4-mapped
    /// address is read as the IPv4 address, as Go reads it (see
    /// [`canonical_ip`]), so that it is checked and issued in that form.
    pub fn from_general_name(name: &x509_parser::extensions::GeneralName<'_>) -> Option<San> {
        use x509_parser::extensions::GeneralName as G;
        match name {
            G::DNSName(s) => Some(San::Dns(s.to_string())),
            G::RFC822Name(s) => Some(San::Email(s.to_string())),
            G::URI(s) => Some(San::Uri(s.to_string())),
            G::IPAddress(b) => match b.len() {
                4 => Some(San::Ip(IpAddr::from(<[u8; 4]>::try_from(*b).ok()?))),
                16 => Some(San::Ip(canonical_ip(IpAddr::from(
                    <[u8; 16]>::try_from(*b).ok()?,
                )))),
                _ => None,
            },
            _ => None,
        }
    }

    /// Checks a SAN that came from a CSR or certificate as strictly as one
    /// from `hosts`: the profile does not sign malformed names.
    pub fn check(&self) -> Result<()> {
        match self {
            San::Ip(_) => Ok(()),
            San::Dns(s) | San::Email(s) | San::Uri(s) => {
                let again = San::classify(s)?;
                if std::mem::discriminant(&again) == std::mem::discriminant(self) {
                    Ok(())
                } else {
                    Err(Error::InvalidHost {
                        value: s.clone(),
                        reason: "malformed name in the request",
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_like_cfssl() {
        assert_eq!(
            San::classify("10.32.0.1").unwrap(),
            San::Ip("10.32.0.1".parse().unwrap())
        );
        assert_eq!(
            San::classify("::1").unwrap(),
            San::Ip("::1".parse().unwrap())
        );
        assert_eq!(
            San::classify("ops@example.com").unwrap(),
            San::Email("ops@example.com".into())
        );
        assert_eq!(
            San::classify("spiffe://cluster/ns/x").unwrap(),
            San::Uri("spiffe://cluster/ns/x".into())
        );
        assert_eq!(
            San::classify("kubernetes.default").unwrap(),
            San::Dns("kubernetes.default".into())
        );
        assert_eq!(
            San::classify("*.example.com").unwrap(),
            San::Dns("*.example.com".into())
        );
        assert_eq!(
            San::classify("worker-0").unwrap(),
            San::Dns("worker-0".into())
        );
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        let v4 = San::Ip("10.66.0.1".parse().unwrap());
        assert_eq!(San::classify("::ffff:10.66.0.1").unwrap(), v4);
        assert_eq!(San::classify("::FFFF:a42:1").unwrap(), v4);
        // IPv4-compatible and NAT64 addresses are other addresses to Go.
        assert!(matches!(
            San::classify("::10.66.0.1").unwrap(),
            San::Ip(IpAddr::V6(_))
        ));
        assert!(matches!(
            San::classify("64:ff9b::10.66.0.1").unwrap(),
            San::Ip(IpAddr::V6(_))
        ));
        // Read from a CSR as 16 bytes, written as 4.
        let mut mapped = [0u8; 16];
        mapped[10..].copy_from_slice(&[0xff, 0xff, 10, 66, 0, 1]);
        let parsed = x509_parser::extensions::GeneralName::IPAddress(&mapped);
        assert_eq!(San::from_general_name(&parsed), Some(v4.clone()));
        let mapped_san = San::Ip(IpAddr::from(mapped));
        assert_eq!(
            mapped_san.to_general_name().unwrap(),
            v4.to_general_name().unwrap()
        );
        assert_eq!(
            v4.to_general_name().unwrap(),
            GeneralName::IpAddress(OctetString::new(vec![10, 66, 0, 1]).unwrap())
        );
    }

    #[test]
    fn a_san_not_made_by_classify_that_is_not_ascii_is_an_error() {
        let err = San::Dns("bücher.example".into())
            .to_general_name()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid host \"bücher.example\": not ASCII"
        );
        assert!(
            San::Email("jörg@example.net".into())
                .to_general_name()
                .is_err()
        );
        assert!(
            San::Uri("spiffe://bücher/x".into())
                .to_general_name()
                .is_err()
        );
    }

    #[test]
    fn uri_hosts_that_cannot_be_compared_safely_are_refused() {
        let reason = |uri: &str| match San::classify(uri) {
            Err(Error::InvalidHost { reason, .. }) => reason,
            other => panic!("{uri}: {other:?}"),
        };
        assert!(reason("https://user@evil.example.com/").contains("userinfo"));
        assert!(reason("https://a@b@evil.example.com/").contains("userinfo"));
        assert!(reason("https://evil.example.com./").contains("ends in '.'"));
        assert!(reason("https://evil%2Eexample.com/").contains("percent-encoded"));
        assert!(reason("https:///x").contains("empty host"));
        assert!(reason("https://:443/x").contains("empty host"));
        assert!(reason("https://evil.example.com:44x3/").contains("port"));
        assert!(reason("https://a..b/").contains("not a host name"));
        assert!(reason("https://[fe80::1%25eth0]/").contains("percent-encoded"));
        assert!(reason("https://[10.0.0.1]/").contains("not an IPv6 address"));
        assert!(reason("https://[::1]x/").contains("after its IPv6 host"));
        for good in [
            "https://API.Example.com:8443/x?y#z",
            "spiffe://cluster.local/ns/a%20b@c",
            "spiffe://trust_domain/x",
            "https://10.0.0.1/",
            "https://[fd00::1]:8443/",
            "https://host:/",
            "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        ] {
            assert!(
                matches!(San::classify(good), Ok(San::Uri(_))),
                "{good}: {:?}",
                San::classify(good)
            );
        }
        assert_eq!(
            uri_host("https://API.Example.com:8443/x"),
            Ok(UriHost::Name("api.example.com".into()))
        );
        assert_eq!(uri_host("urn:example:x"), Ok(UriHost::None));
        assert_eq!(
            uri_host("https://[fd00::1]/"),
            Ok(UriHost::Ip("fd00::1".parse().unwrap()))
        );
    }

    #[test]
    fn dns_name_with_a_trailing_dot_is_refused_saying_so() {
        match San::classify("evil.example.com.") {
            Err(Error::InvalidHost { reason, .. }) => {
                assert_eq!(
                    reason,
                    "a DNS name ends in '.' (write it without the trailing dot)"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(San::classify("ops@example.com.").is_err());
        assert!(San::classify(".").is_err());
    }

    #[test]
    fn dns_name_that_resolvers_read_as_ipv4_is_refused() {
        for disguised in [
            "10.066.0.1",
            "167920641",
            "0x0a.66.0.1",
            "10.0x42.0.0X1",
            "a.0x",
            "*.10.0.1",
        ] {
            match San::classify(disguised) {
                Err(Error::InvalidHost { reason, .. }) => {
                    assert!(reason.contains("numeric label"), "{disguised}: {reason}")
                }
                other => panic!("{disguised}: {other:?}"),
            }
        }
        for fine in [
            "10.in-addr.arpa",
            "1.example.com",
            "1e100.net",
            "0xdead.beef",
            "0xg",
        ] {
            assert!(
                matches!(San::classify(fine), Ok(San::Dns(_))),
                "{fine}: {:?}",
                San::classify(fine)
            );
        }
    }

    #[test]
    fn refuses_malformed_names() {
        for bad in [
            "",
            "exa mple.com",
            "-bad.com",
            "a..b",
            "bücher.de",
            "example.com:8080",
            "@example.com",
        ] {
            assert!(San::classify(bad).is_err(), "{bad} accepted");
        }
    }
}
