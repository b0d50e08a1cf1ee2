//! IP address ranges of name constraints: an address and its mask, as the
//! extension carries them, and the CIDR text configs write.

use std::fmt;
use std::net::IpAddr;

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
    pub(super) fn mapped_ipv4(&self) -> Option<IpRange> {
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

    pub(super) fn from_bytes(bytes: &[u8]) -> Option<IpRange> {
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

    pub(super) fn to_bytes(self) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
