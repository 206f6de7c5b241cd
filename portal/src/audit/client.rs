//! Which address a request comes from, for rate limits, the audit trail and `/metrics`.
//!
//! The peer of the TCP connection is the client, unless the peer is one of the configured
//! `trusted_proxies`. Then the proxy's `Forwarded` header (RFC 7239; else `X-Forwarded-For`)
//! is read from its right end, where the proxy closest to the portal appended the address it
//! saw: every trusted proxy there is skipped, and the first address that is not one is the
//! client. Everything left of it was written by the client itself and is never believed. A
//! header that cannot be read, or that names no address (`unknown`, an obfuscated name),
//! leaves the last trusted hop as the client, so a request never escapes its limit by lying.

use std::net::IpAddr;

use actix_web::http::header::HeaderMap;
use ipnet::IpNet;

/// The client's address for a request whose connection comes from `peer`.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    if !is_trusted(peer, trusted) {
        return peer;
    }
    let hops = match forwarded_hops(headers) {
        Some(hops) => hops,
        None => x_forwarded_for_hops(headers),
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        let Some(address) = hop else {
            // A hop that names no address ends what can be known.
            return client;
        };
        client = address.to_canonical();
        if !is_trusted(client, trusted) {
            return client;
        }
    }
    client
}

fn is_trusted(address: IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|net| net.contains(&address))
}

/// The `for=` of each element of every `Forwarded` header, in order; `None` for an element
/// that names no address. `None` overall when there is no `Forwarded` header; an unreadable
/// header counts as one hop without an address.
fn forwarded_hops(headers: &HeaderMap) -> Option<Vec<Option<IpAddr>>> {
    let mut values = headers
        .get_all(actix_web::http::header::FORWARDED)
        .peekable();
    values.peek()?;
    let mut hops = Vec::new();
    for value in values {
        let Ok(text) = value.to_str() else {
            hops.push(None);
            continue;
        };
        for element in rfc7239::parse(text) {
            hops.push(
                element
                    .ok()
                    .and_then(|forwarded| forwarded.forwarded_for)
                    .and_then(|node| node.ip().copied()),
            );
        }
    }
    Some(hops)
}

/// The addresses of every `X-Forwarded-For` header, in order; `None` for an entry that is not
/// an address (a port is allowed, as some proxies add one).
fn x_forwarded_for_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            hops.push(None);
            continue;
        };
        for entry in text.split(',') {
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            hops.push(
                entry
                    .parse::<IpAddr>()
                    .ok()
                    .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())),
            );
        }
    }
    hops
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_headers_are_ignored() {
        let h = headers(&[
            ("forwarded", "for=198.51.100.7"),
            ("x-forwarded-for", "198.51.100.8"),
        ]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &h, &[]),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_says() {
        let h = headers(&[("x-forwarded-for", "198.51.100.8")]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &h, &nets(&["10.0.0.0/8"])),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn the_address_a_trusted_proxy_appended_is_the_client() {
        let h = headers(&[("x-forwarded-for", "198.51.100.8")]);
        assert_eq!(
            client_address(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn what_the_client_wrote_left_of_the_proxy_is_not_believed() {
        // The client sent "X-Forwarded-For: 127.0.0.1"; the proxy appended what it saw.
        let h = headers(&[("x-forwarded-for", "127.0.0.1, 198.51.100.8")]);
        assert_eq!(
            client_address(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let h = headers(&[
            ("x-forwarded-for", "192.0.2.1, 198.51.100.8"),
            ("x-forwarded-for", "10.1.1.1"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn forwarded_is_read_as_rfc_7239_writes_it_and_wins_over_x_forwarded_for() {
        let h = headers(&[
            (
                "forwarded",
                "for=192.0.2.43, for=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.9",
            ),
            ("x-forwarded-for", "198.51.100.8"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
            ip("2001:db8:cafe::17")
        );
    }

    #[test]
    fn an_unknown_or_obfuscated_hop_leaves_the_last_trusted_proxy_as_the_client() {
        for value in [
            "for=unknown",
            "for=_hidden",
            "for=\"not an address",
            "nonsense",
        ] {
            let mut h = HeaderMap::new();
            h.append(
                actix_web::http::header::FORWARDED,
                HeaderValue::from_str(value).unwrap(),
            );
            assert_eq!(
                client_address(ip("10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
                ip("10.0.0.2"),
                "{value}"
            );
        }
    }

    #[test]
    fn a_trusted_proxy_without_a_header_is_the_client_itself() {
        assert_eq!(
            client_address(ip("10.0.0.2"), &HeaderMap::new(), &nets(&["10.0.0.0/8"])),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn an_ipv4_mapped_peer_counts_as_its_ipv4_address() {
        let h = headers(&[("x-forwarded-for", "198.51.100.8:5123")]);
        assert_eq!(
            client_address(ip("::ffff:10.0.0.2"), &h, &nets(&["10.0.0.0/8"])),
            ip("198.51.100.8")
        );
    }
}
