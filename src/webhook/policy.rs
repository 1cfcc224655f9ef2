//! The platform's network policy (SSRF rules): which addresses and names a webhook may reach.
//!
//! Every address a host name resolves to is checked, and the connection is then pinned to the
//! checked addresses (see `sender`), so a second DNS answer cannot rebind it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is off limits, or `None` when it is public.
pub fn forbidden_ip(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4).map(|_| "an IPv4-mapped private address");
            }
            let seg0 = v6.segments()[0];
            if v6.is_loopback() {
                Some("a loopback address")
            } else if v6.is_unspecified() {
                Some("the unspecified address")
            } else if seg0 & 0xfe00 == 0xfc00 {
                Some("a unique-local address")
            } else if seg0 & 0xffc0 == 0xfe80 {
                Some("a link-local address")
            } else if v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
                Some("a cloud metadata address")
            } else if seg0 == 0x64 && v6.segments()[1] == 0xff9b {
                // NAT64 well-known prefix: judge the embedded IPv4 address.
                let s = v6.segments();
                let v4 =
                    Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
                forbidden_v4(v4)
            } else {
                None
            }
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let o = ip.octets();
    if ip == Ipv4Addr::new(169, 254, 169, 254) {
        Some("a cloud metadata address")
    } else if ip.is_loopback() {
        Some("a loopback address")
    } else if ip.is_private() {
        Some("a private address")
    } else if ip.is_link_local() {
        Some("a link-local address")
    } else if ip.is_unspecified() || o[0] == 0 {
        Some("the unspecified address")
    } else if o[0] == 100 && (64..128).contains(&o[1]) {
        Some("a CGNAT address")
    } else if ip.is_broadcast() || ip.is_multicast() || o[0] >= 240 {
        Some("a reserved address")
    } else {
        None
    }
}

/// Names that only ever mean this machine or a private network.
pub fn forbidden_name(host: &str) -> Option<&'static str> {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") {
        Some("localhost")
    } else if h.ends_with(".local") || h.ends_with(".internal") || h == "metadata.google.internal" {
        Some("a private network name")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn private_ranges() {
        for s in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "169.254.1.1",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "::",
            "fc00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "fd00:ec2::254",
        ] {
            assert!(forbidden_ip(ip(s)).is_some(), "{s} should be refused");
        }
    }

    #[test]
    fn public_addresses() {
        for s in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "100.128.0.1",
            "172.32.0.1",
        ] {
            assert!(forbidden_ip(ip(s)).is_none(), "{s} should pass");
        }
    }

    #[test]
    fn names() {
        assert!(forbidden_name("localhost").is_some());
        assert!(forbidden_name("api.localhost").is_some());
        assert!(forbidden_name("printer.local").is_some());
        assert!(forbidden_name("api.example.com").is_none());
    }
}
