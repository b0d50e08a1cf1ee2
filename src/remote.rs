//! A client for cfssl's signing API (`cfssl serve`, `multirootca`): only a
//! CSR travels, every answer is checked before it is believed.
//!
//! Wire format: README "remote" and cfssl's own documentation. Requests are
//! POSTed as JSON to `<base>/api/v1/cfssl/<endpoint>`; answers come in the
//! envelope `{"success","result","errors","messages"}`, whatever their
//! Content-Type (multirootca says text/plain even for successes).

use std::sync::Arc;
use std::time::Duration;

use aws_lc_rs::hmac;
use base64::Engine;
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use crate::x509::certificate::Certificate;
use crate::x509::csr::CertificateRequest;
use crate::{Error, Note, Result};

/// A dead server must fail fast; a slow signer (an HSM) may take longer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// TLS settings for talking to the signer.
#[derive(Default)]
pub struct Tls {
    /// DER roots the server must chain to; `None` means the WebPKI roots.
    pub roots: Option<Vec<Vec<u8>>>,
    /// A client certificate for mutual TLS.
    pub client: Option<ClientIdentity>,
}

/// A client certificate chain (DER, leaf first) and its PKCS#8 key.
pub struct ClientIdentity {
    pub chain: Vec<Vec<u8>>,
    pub key: Zeroizing<Vec<u8>>,
}

/// An ordered failover group of signers.
pub struct Remote {
    agent: ureq::Agent,
    urls: Vec<String>,
    /// Whether a client certificate is offered, for explaining a signer that
    /// hangs up during the handshake.
    client_cert: bool,
}

/// One HTTP request, sent to each address of a [`Remote`] in turn: a GET,
/// or a POST of a JSON body.
pub(crate) struct Exchange<'a> {
    pub(crate) path: &'a str,
    /// Extra headers (Vault's token and namespace).
    pub(crate) headers: Vec<(&'static str, Zeroizing<String>)>,
    pub(crate) body: Option<&'a [u8]>,
}

impl<'a> Exchange<'a> {
    pub(crate) fn get(path: &'a str) -> Exchange<'a> {
        Exchange {
            path,
            headers: Vec::new(),
            body: None,
        }
    }

    pub(crate) fn post(path: &'a str, body: &'a [u8]) -> Exchange<'a> {
        Exchange {
            path,
            headers: Vec::new(),
            body: Some(body),
        }
    }
}

/// What to ask a signer for.
pub struct SignRequest<'a> {
    pub csr: &'a CertificateRequest,
    pub profile: &'a str,
    pub label: &'a str,
    /// Replaces the CSR's SANs; `None` keeps them (and sends no `hosts`).
    pub hosts: Option<Vec<String>>,
}

/// cfssl's address forms: `https://h:p`, `http://h:p`, and a bare `h:p`
/// meaning `http://h:p` (cfssl itself fails on a bare IP:port).
pub fn parse_urls(list: &str) -> Result<Vec<String>> {
    let urls: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| {
            let url = match u.split_once("://") {
                Some(("http" | "https", _)) => u.to_string(),
                Some(_) => {
                    return Err(Error::RemoteUrl {
                        value: u.to_string(),
                    });
                }
                None => format!("http://{u}"),
            };
            Ok(url.trim_end_matches('/').to_string())
        })
        .collect::<Result<_>>()?;
    if urls.is_empty() {
        return Err(Error::RemoteUrl {
            value: list.to_string(),
        });
    }
    Ok(urls)
}

/// An auth key as hex (any case).
pub fn parse_auth_key(text: &str) -> Result<Zeroizing<Vec<u8>>> {
    match crate::hex::decode(text.trim()).map(Zeroizing::new) {
        Some(key) if !key.is_empty() => Ok(key),
        _ => Err(Error::InvalidAuthKey {
            reason: "an auth key is an even number of hex digits".into(),
        }),
    }
}

/// cfssl's authentication token: base64 of HMAC-SHA256(key, message).
pub fn token(key: &[u8], message: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    base64::engine::general_purpose::STANDARD.encode(hmac::sign(&key, message).as_ref())
}

impl Remote {
    pub fn new(urls: &str, tls: &Tls) -> Result<Remote> {
        let urls = parse_urls(urls)?;
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(provider);
        if let Some(roots) = &tls.roots {
            let certs: Vec<ureq::tls::Certificate<'static>> = roots
                .iter()
                .map(|der| ureq::tls::Certificate::from_der(der).to_owned())
                .collect();
            config = config.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        } else {
            let certs: Vec<ureq::tls::Certificate<'static>> =
                webpki_root_certs::TLS_SERVER_ROOT_CERTS
                    .iter()
                    .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
                    .collect();
            config = config.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        }
        if let Some(ClientIdentity { chain, key }) = &tls.client {
            let certs: Vec<ureq::tls::Certificate<'static>> = chain
                .iter()
                .map(|der| ureq::tls::Certificate::from_der(der).to_owned())
                .collect();
            // ureq takes keys as PEM; the PEM copy is cleared when it goes.
            let pem = Zeroizing::new(crate::x509::pemfile::encode("PRIVATE KEY", key));
            let key = ureq::tls::PrivateKey::from_pem(pem.as_bytes())
                .map_err(|e| Error::RemoteTls {
                    url: urls[0].clone(),
                    reason: format!("client key: {e}"),
                })?
                .to_owned();
            config = config.client_cert(Some(ureq::tls::ClientCert::new_with_certs(&certs, key)));
        }
        let agent = ureq::Agent::config_builder()
            .tls_config(config.build())
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            // A redirect is answered, not followed: it would carry a Vault
            // token (and the request) to wherever it points.
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .new_agent();
        Ok(Remote {
            agent,
            urls,
            client_cert: tls.client.is_some(),
        })
    }

    /// POSTs `body` to `endpoint` on the first signer that answers. A signer
    /// that cannot be reached is skipped (with a note); one that answers with
    /// an error ends the attempt, as in cfssl.
    fn post(
        &self,
        endpoint: &str,
        body: &[u8],
        notes: &mut Vec<Note>,
    ) -> Result<(String, Map<String, Value>)> {
        let path = format!("/api/v1/cfssl/{endpoint}");
        let (base, status, text) = self.exchange(&Exchange::post(&path, body), notes, |_| false)?;
        check_served(&base, endpoint, status, &text)?;
        let result = parse_response(&base, status, &text)?;
        Ok((base, result))
    }

    /// Sends `request` to each address in turn until one answers with a
    /// status `passes_on` does not skip: its address, status and body. An
    /// address that cannot be reached, or that passes on, is skipped with a
    /// note; a TLS failure ends the attempt, since the next address would be
    /// no more trustworthy.
    pub(crate) fn exchange(
        &self,
        request: &Exchange<'_>,
        notes: &mut Vec<Note>,
        passes_on: impl Fn(u16) -> bool,
    ) -> Result<(String, u16, String)> {
        let mut failures = Vec::new();
        for base in &self.urls {
            let url = format!("{base}{}", request.path);
            let response = match request.body {
                Some(body) => {
                    let mut builder = self.agent.post(&url).content_type("application/json");
                    for (name, value) in &request.headers {
                        builder = builder.header(*name, value.as_str());
                    }
                    builder.send(body)
                }
                None => {
                    let mut builder = self.agent.get(&url);
                    for (name, value) in &request.headers {
                        builder = builder.header(*name, value.as_str());
                    }
                    builder.call()
                }
            };
            let mut response = match response {
                Ok(r) => r,
                Err(ureq::Error::Tls(reason)) => {
                    return Err(Error::RemoteTls {
                        url: base.clone(),
                        reason: reason.to_string(),
                    });
                }
                Err(ureq::Error::Rustls(e)) => {
                    return Err(Error::RemoteTls {
                        url: base.clone(),
                        reason: e.to_string(),
                    });
                }
                // rustls reports a refused server certificate through the I/O layer.
                Err(ureq::Error::Io(io))
                    if io
                        .get_ref()
                        .is_some_and(|e| e.downcast_ref::<rustls::Error>().is_some()) =>
                {
                    return Err(Error::RemoteTls {
                        url: base.clone(),
                        reason: io.to_string(),
                    });
                }
                Err(e) => {
                    let mut reason = describe(&e);
                    // A signer that wants a client certificate and gets none
                    // hangs up mid-handshake; rustls then sees a broken pipe.
                    let hung_up = matches!(&e, ureq::Error::Io(io) if matches!(
                        io.kind(),
                        std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset
                    ));
                    if hung_up && base.starts_with("https://") {
                        reason.push_str(if self.client_cert {
                            " (the signer hung up during TLS: it may not trust the client certificate)"
                        } else {
                            " (the signer hung up during TLS: it may require a client certificate)"
                        });
                    }
                    notes.push(Note::RemoteSkipped {
                        url: base.clone(),
                        reason: reason.clone(),
                    });
                    failures.push(format!("{base}: {reason}"));
                    continue;
                }
            };
            let status = response.status().as_u16();
            if passes_on(status) && base != self.urls.last().expect("one address at least") {
                let reason = format!("HTTP {status}");
                notes.push(Note::RemoteSkipped {
                    url: base.clone(),
                    reason: reason.clone(),
                });
                failures.push(format!("{base}: {reason}"));
                continue;
            }
            // ureq bounds the body (10 MB): a server cannot make this grow
            // without end.
            let text = response
                .body_mut()
                .read_to_string()
                .map_err(|e| Error::RemoteResponse {
                    url: base.clone(),
                    reason: e.to_string(),
                })?;
            return Ok((base.clone(), status, text));
        }
        Err(Error::RemoteUnreachable { attempts: failures })
    }

    /// Asks for `request` to be signed (through `authsign` when an auth key
    /// is given, stamped with `now`) and checks that the answer is a
    /// certificate for the CSR's key.
    pub fn sign(
        &self,
        request: &SignRequest<'_>,
        auth_key: Option<&[u8]>,
        now: time::OffsetDateTime,
    ) -> Result<(Certificate, Vec<Note>)> {
        let mut notes = Vec::new();
        let mut inner = Map::new();
        if let Some(hosts) = &request.hosts {
            inner.insert("hosts".into(), json!(hosts));
        }
        inner.insert("certificate_request".into(), json!(request.csr.to_pem()));
        inner.insert("profile".into(), json!(request.profile));
        inner.insert("label".into(), json!(request.label));
        let inner = serde_json::to_vec(&inner).expect("a map serializes");
        let (endpoint, body) = match auth_key {
            None => ("sign", inner),
            Some(key) => {
                // cfssl reads the timestamp as a uint64: no negative number.
                let timestamp = u64::try_from(now.unix_timestamp()).unwrap_or(0);
                let outer = json!({
                    "timestamp": timestamp,
                    "token": token(key, &inner),
                    "request": base64::engine::general_purpose::STANDARD.encode(&inner),
                });
                (
                    "authsign",
                    serde_json::to_vec(&outer).expect("JSON serializes"),
                )
            }
        };
        let (url, result) = self.post(endpoint, &body, &mut notes)?;
        let pem = result
            .get("certificate")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::RemoteResponse {
                url: url.clone(),
                reason: "the answer carries no certificate".into(),
            })?;
        let cert =
            Certificate::from_bytes(pem.as_bytes(), &url).map_err(|e| Error::RemoteResponse {
                url: url.clone(),
                reason: format!("the certificate does not parse: {e}"),
            })?;
        if cert.public_key_bits != request.csr.public_key_bits {
            return Err(Error::RemoteKeyMismatch { url });
        }
        Ok((cert, notes))
    }

    /// cfssl's `info`: the signer's certificate, usages and expiry.
    pub fn info(&self, label: &str, profile: &str) -> Result<(Map<String, Value>, Vec<Note>)> {
        let mut notes = Vec::new();
        let body = serde_json::to_vec(&json!({"label": label, "profile": profile}))
            .expect("JSON serializes");
        let (_, result) = self.post("info", &body, &mut notes)?;
        Ok((result, notes))
    }
}

/// Reads a cfssl API answer: the envelope's `result` object when `success`
/// is true, else the server's own error messages. Whatever the Content-Type
/// says, the body is tried as JSON; a body that isn't is quoted briefly.
pub fn parse_response(url: &str, status: u16, text: &str) -> Result<Map<String, Value>> {
    let envelope: Value = serde_json::from_str(text).map_err(|_| Error::RemoteResponse {
        url: url.to_owned(),
        reason: format!(
            "HTTP {status}, not a cfssl API answer: {}",
            text.chars().take(120).collect::<String>().trim()
        ),
    })?;
    if envelope.get("success") != Some(&Value::Bool(true)) {
        let messages = envelope
            .as_object()
            .map(crate::cfssl::envelope::error_messages)
            .unwrap_or_default();
        return Err(Error::RemoteFailed {
            url: url.to_owned(),
            status,
            messages,
        });
    }
    envelope
        .get("result")
        .and_then(Value::as_object)
        .cloned()
        .ok_or_else(|| Error::RemoteResponse {
            url: url.to_owned(),
            reason: "the answer has no result".into(),
        })
}

/// Answers that are not the API's but say what went wrong (issue 14): a
/// 404 for `sign` (multirootca serves only `authsign`), and Go's (or
/// nginx's) answer to plain HTTP on its TLS port.
fn check_served(base: &str, endpoint: &str, status: u16, text: &str) -> Result<()> {
    if text.trim_start().starts_with('{') {
        return Ok(()); // an envelope, read by parse_response
    }
    if base.starts_with("http://")
        && status == 400
        && (text.contains("HTTP request to an HTTPS server")
            || text.contains("plain HTTP request was sent to HTTPS port"))
    {
        return Err(Error::PlainHttpToHttps { url: base.into() });
    }
    if endpoint == "sign" && status == 404 {
        return Err(Error::SignNotServed {
            url: base.into(),
            answer: text.chars().take(120).collect::<String>().trim().into(),
        });
    }
    Ok(())
}

/// A transport failure in a few words.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            _ => io.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfssl_test_vector() {
        let key = parse_auth_key("0123456789ABCDEF0123456789ABCDEF").unwrap();
        let message = include_bytes!("../tests/fixtures/cfssl-auth-request.json");
        assert_eq!(
            token(&key, message),
            "tSU1WTE/322iXrOBfJSQ9/u1dleqpwUmCj1LXYHw07Y="
        );
    }

    #[test]
    fn bare_host_port_means_http() {
        assert_eq!(
            parse_urls("127.0.0.1:8888, https://ca:9 ").unwrap(),
            vec!["http://127.0.0.1:8888", "https://ca:9"]
        );
    }
}
