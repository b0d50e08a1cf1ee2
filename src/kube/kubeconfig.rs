//! A kubeconfig with one cluster, one user and one context, its
//! certificates and key embedded: what `kubectl config set-cluster
//! --embed-certs`, `set-credentials --embed-certs`, `set-context` and
//! `use-context` make, in one file (design19.md §3.3, Kubernetes the hard
//! way's kubeconfigs, §5).
//!
//! The fields are written in the order kubectl writes them (sorted keys), so
//! that the file reads as kubectl's own; `kubectl config view --raw` shows
//! both alike.

use std::fmt::Write as _;
use std::net::Ipv6Addr;

use zeroize::Zeroizing;

use super::yaml::quoted;
use super::{KeyPair, Pem};
use crate::{KubeError, Result};

/// An API server address: `https://HOST[:PORT][/PATH]`, or `http://` (kept,
/// but worth a note: nothing is encrypted, and the certificates go unused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    url: String,
    plain_http: bool,
}

impl Server {
    /// Checks `url` as an API server address.
    pub fn parse(url: &str) -> Result<Server> {
        let shown = without_userinfo(url);
        let bad = |problem: &'static str| -> crate::Error {
            KubeError::InvalidServer {
                value: shown.clone(),
                problem,
            }
            .into()
        };
        let (rest, plain_http) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
            (Some(rest), _) => (rest, false),
            (None, Some(rest)) => (rest, true),
            (None, None) => return Err(bad("it does not start with https://")),
        };
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("it has a space or a control character"));
        }
        if rest.contains(['?', '#']) {
            return Err(bad(
                "it has a query or a fragment, which no API server path takes",
            ));
        }
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err(bad(
                "it has a user name or password in it, which belong in the kubeconfig's user",
            ));
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(bracketed) => {
                let (address, after) = bracketed
                    .split_once(']')
                    .ok_or_else(|| bad("its IPv6 address has no ']'"))?;
                if address.parse::<Ipv6Addr>().is_err() {
                    return Err(bad("its host is not an IPv6 address between [ and ]"));
                }
                match after {
                    "" => (address, None),
                    _ => match after.strip_prefix(':') {
                        Some(port) => (address, Some(port)),
                        None => {
                            return Err(bad("something other than :PORT follows its IPv6 address"));
                        }
                    },
                }
            }
            None => {
                let (host, port) = match authority.split_once(':') {
                    Some((host, port)) => (host, Some(port)),
                    None => (authority, None),
                };
                let name_or_ipv4 =
                    |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
                if !host.bytes().all(name_or_ipv4) {
                    return Err(bad(
                        "its host is not a DNS name or an IP address (an IPv6 address goes between [ and ])",
                    ));
                }
                (host, port)
            }
        };
        if host.is_empty() {
            return Err(bad("it has no host"));
        }
        if let Some(port) = port
            && !(port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u16>().is_ok_and(|p| p > 0))
        {
            return Err(bad("its port is not a number from 1 to 65535"));
        }
        Ok(Server {
            url: url.to_owned(),
            plain_http,
        })
    }

    /// The address as given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether it is plain HTTP: nothing is encrypted, and neither the CA
    /// nor the client certificate is used.
    pub fn plain_http(&self) -> bool {
        self.plain_http
    }
}

/// The kubeconfig's names; the user is the certificate's CN when `None`.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub cluster: &'a str,
    pub user: Option<&'a str>,
    pub context: &'a str,
}

impl Names<'_> {
    /// Refuses an empty name: kubectl would take it for a name not given.
    pub fn check(&self) -> Result<()> {
        for (what, value) in [
            ("cluster", Some(self.cluster)),
            ("user", self.user),
            ("context", Some(self.context)),
        ] {
            if value.is_some_and(str::is_empty) {
                return Err(KubeError::EmptyName { what }.into());
            }
        }
        Ok(())
    }
}

/// A kubeconfig, checked; written by [`Kubeconfig::to_yaml`].
#[derive(Debug)]
pub struct Kubeconfig {
    server: Server,
    cluster: String,
    user: String,
    context: String,
    ca: Pem,
    pair: KeyPair,
}

impl Kubeconfig {
    /// The cluster at `server`, trusted through `ca`, and the user who
    /// authenticates with `pair` (the certificate as it is in its file, the
    /// key as it is in its file).
    pub fn new(server: Server, names: Names<'_>, ca: Pem, pair: KeyPair) -> Result<Kubeconfig> {
        names.check()?;
        let user = match names.user {
            Some(user) => user.to_owned(),
            None => pair
                .leaf()
                .common_name
                .clone()
                .filter(|cn| !cn.is_empty())
                .ok_or_else(|| KubeError::NoCommonName {
                    cert: pair.cert_source().to_owned(),
                })?,
        };
        Ok(Kubeconfig {
            server,
            cluster: names.cluster.to_owned(),
            user,
            context: names.context.to_owned(),
            ca,
            pair,
        })
    }

    /// The kubeconfig as YAML, with kubectl's field order.
    pub fn to_yaml(&self) -> Zeroizing<Vec<u8>> {
        let (ca, cert, key) = (
            self.ca.base64(),
            self.pair.cert().base64(),
            self.pair.key().base64(),
        );
        let (cluster, user, context) = (
            quoted(&self.cluster),
            quoted(&self.user),
            quoted(&self.context),
        );
        let mut out = Zeroizing::new(String::with_capacity(
            1024 + ca.len()
                + cert.len()
                + key.len()
                + 2 * (self.server.url.len() + cluster.len() + user.len() + context.len()),
        ));
        let _ = write!(
            out,
            "apiVersion: v1\n\
             clusters:\n\
             - cluster:\n    \
                 certificate-authority-data: {ca}\n    \
                 server: {server}\n  \
               name: {cluster}\n\
             contexts:\n\
             - context:\n    \
                 cluster: {cluster}\n    \
                 user: {user}\n  \
               name: {context}\n\
             current-context: {context}\n\
             kind: Config\n\
             preferences: {{}}\n\
             users:\n\
             - name: {user}\n  \
               user:\n    \
                 client-certificate-data: {cert}\n    \
                 client-key-data: {key}\n",
            ca = ca.as_str(),
            server = quoted(&self.server.url),
            cert = cert.as_str(),
            key = key.as_str(),
        );
        Zeroizing::new(std::mem::take(&mut *out).into_bytes())
    }
}

/// `url` as a message may show it: a user name and password before `@`
/// become `***`, so that a refused URL does not put a password in a log.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find('/').unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::Server;

    #[test]
    fn servers_are_https_urls_with_a_host() {
        for good in [
            "https://127.0.0.1:6443",
            "https://10.240.0.2:6443",
            "https://kube.example.com",
            "https://kube.example.com/k8s/clusters/c-1",
            "https://[::1]:6443",
            "https://[2001:db8::1]",
        ] {
            let server = Server::parse(good).unwrap();
            assert!(!server.plain_http(), "{good}");
            assert_eq!(server.url(), good);
        }
        assert!(Server::parse("http://127.0.0.1:8080").unwrap().plain_http());
        for (bad, problem) in [
            ("127.0.0.1:6443", "does not start with https://"),
            ("ftp://x", "does not start with https://"),
            ("HTTPS://x", "does not start with https://"),
            ("https://", "has no host"),
            ("https://:6443", "has no host"),
            ("https:///api", "has no host"),
            ("https://x:0", "port"),
            ("https://x:65536", "port"),
            ("https://x:+1", "port"),
            ("https://x:", "port"),
            ("https://u:p@x", "user name or password"),
            ("https://x y", "space"),
            ("https://x\n", "space"),
            ("https://x/?a", "query"),
            ("https://[::1", "no ']'"),
            ("https://[nope]:1", "IPv6"),
            ("https://[::1]x", "other than :PORT"),
            ("https://ké.example", "not a DNS name"),
            ("https://a:b:c", "port"),
        ] {
            let error = Server::parse(bad).unwrap_err().to_string();
            assert!(error.contains(problem), "{bad}: {error}");
        }
    }

    #[test]
    fn a_refused_url_never_shows_its_password() {
        let error = Server::parse("https://admin:s3cret@kube.example.com:6443/x")
            .unwrap_err()
            .to_string();
        assert!(
            !error.contains("s3cret") && !error.contains("admin"),
            "{error}"
        );
        assert!(
            error.contains("https://***@kube.example.com:6443/x"),
            "{error}"
        );
        let error = Server::parse("https://a:b@c@d e").unwrap_err().to_string();
        assert!(!error.contains("a:b"), "{error}");
    }
}
