//! A client for the PKI secrets engine of HashiCorp Vault and OpenBao (its
//! fork, with the same HTTP API), as the online issuing CA under an offline
//! certsmith root (issue 17). Only a CSR travels: the key is made and kept
//! on this host, unlike `pki/issue/ROLE`, which makes it in the server.
//!
//! Wire format (Vault's API documentation, `secrets/pki`): JSON requests
//! with the token in `X-Vault-Token` (and `X-Vault-Namespace`); answers are
//! `{"data": {...}}`, or `{"errors": [...]}` with a 4xx/5xx status.

use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use crate::remote::{Exchange, Remote};
use crate::x509::certificate::Certificate;
use crate::x509::csr::CertificateRequest;
use crate::{Error, Note, Result, VaultError};

/// How to authenticate.
pub enum Auth {
    /// A token (from a file, a variable or a prior login).
    Token(Zeroizing<String>),
    /// AppRole: log in at `/v1/auth/approle/login` for a token.
    AppRole {
        role_id: Zeroizing<String>,
        secret_id: Zeroizing<String>,
    },
}

/// A logged-in client of one Vault or OpenBao cluster (a failover list of
/// addresses, as for cfssl).
pub struct Vault {
    remote: Remote,
    token: Zeroizing<String>,
    namespace: Option<String>,
}

/// What to ask `sign` (or `sign-verbatim`) for.
pub struct SignRequest<'a> {
    pub mount: &'a str,
    pub role: &'a str,
    pub csr: &'a CertificateRequest,
    /// `ttl`, in Vault's duration syntax (`24h`); `None` for the role's.
    pub ttl: Option<&'a str>,
    /// `sign-verbatim`: the CSR's subject and extensions, as the role allows.
    pub verbatim: bool,
}

/// A certificate the engine signed, with the chain it returned.
pub struct Signed {
    pub cert: Certificate,
    /// The issuing CA and the CAs above it, as the engine sent them.
    pub chain: Vec<Certificate>,
    /// The address that answered.
    pub url: String,
}

impl Vault {
    /// A client of `remote` authenticated by `auth` (logging in first for
    /// AppRole), in `namespace` (Vault Enterprise and OpenBao namespaces).
    pub fn login(
        remote: Remote,
        auth: Auth,
        namespace: Option<String>,
        notes: &mut Vec<Note>,
    ) -> Result<Vault> {
        let mut vault = Vault {
            remote,
            token: Zeroizing::new(String::new()),
            namespace,
        };
        vault.token = match auth {
            Auth::Token(token) => token,
            Auth::AppRole { role_id, secret_id } => {
                let body = Zeroizing::new(
                    serde_json::to_vec(
                        &json!({"role_id": role_id.as_str(), "secret_id": secret_id.as_str()}),
                    )
                    .expect("JSON serializes"),
                );
                let (_, answer) = vault.call("/v1/auth/approle/login", Some(&body), notes)?;
                let token = answer
                    .get("auth")
                    .and_then(|a| a.get("client_token"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| VaultError::BadAnswer {
                        url: "auth/approle/login".into(),
                        reason: "no auth.client_token".into(),
                    })?;
                Zeroizing::new(token.to_owned())
            }
        };
        Ok(vault)
    }

    /// Has `request.csr` signed by `request.role`, and checks that the
    /// answer is a certificate for the CSR's key.
    pub fn sign(&self, request: &SignRequest<'_>, notes: &mut Vec<Note>) -> Result<Signed> {
        check_name("mount", request.mount, true)?;
        check_name("role", request.role, false)?;
        let mut body = Map::new();
        body.insert("csr".into(), json!(request.csr.to_pem()));
        // The names come in the CSR: roles take them from it by default
        // (`use_csr_common_name`, `use_csr_sans`), and warn when they are
        // given again as fields.
        if let Some(ttl) = request.ttl {
            body.insert("ttl".into(), json!(ttl));
        }
        body.insert("format".into(), json!("pem"));
        let endpoint = if request.verbatim {
            "sign-verbatim"
        } else {
            "sign"
        };
        let path = format!("/v1/{}/{endpoint}/{}", request.mount, request.role);
        let body = serde_json::to_vec(&body).expect("JSON serializes");
        let (url, answer) = self.call(&path, Some(&body), notes)?;
        let data = data(&answer, &url)?;
        let pem = data
            .get("certificate")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(&url, "no data.certificate"))?;
        let cert = Certificate::from_bytes(pem.as_bytes(), &url)
            .map_err(|e| bad(&url, &format!("the certificate does not parse: {e}")))?;
        if cert.public_key_bits != request.csr.public_key_bits {
            return Err(Error::RemoteKeyMismatch { url });
        }
        // `ca_chain` (issuing CA first) when the engine sends it, else
        // `issuing_ca` alone.
        let mut chain = Vec::new();
        let listed: Vec<&str> = match data.get("ca_chain").and_then(Value::as_array) {
            Some(list) => list.iter().filter_map(Value::as_str).collect(),
            None => data
                .get("issuing_ca")
                .and_then(Value::as_str)
                .into_iter()
                .collect(),
        };
        for pem in listed {
            chain.extend(
                Certificate::all_from_bytes(pem.as_bytes(), &url)
                    .map_err(|e| bad(&url, &format!("the CA chain does not parse: {e}")))?,
            );
        }
        Ok(Signed { cert, chain, url })
    }

    /// The mount's issuing CA and the CAs above it (`/v1/MOUNT/ca_chain`,
    /// PEM).
    pub fn ca_chain(&self, mount: &str, notes: &mut Vec<Note>) -> Result<Vec<Certificate>> {
        check_name("mount", mount, true)?;
        let path = format!("/v1/{mount}/ca_chain");
        let (url, status, text) =
            self.remote
                .exchange(&self.request(&path, None), notes, passes_on)?;
        if status == 204 {
            return Err(bad(&url, &format!("{mount} has no CA certificate yet")).into());
        }
        if status != 200 {
            return Err(refused(&url, &path, status, &text).into());
        }
        Certificate::all_from_bytes(text.as_bytes(), &url)
            .map_err(|e| bad(&url, &format!("the CA chain does not parse: {e}")).into())
    }

    /// Revokes the certificate with serial `serial` (hex, with or without
    /// colons) issued by `mount`: the revocation time the engine reports.
    pub fn revoke(&self, mount: &str, serial: &str, notes: &mut Vec<Note>) -> Result<i64> {
        check_name("mount", mount, true)?;
        let digits: String = serial
            .chars()
            .filter(|c| *c != ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(VaultError::BadSerial {
                serial: serial.into(),
            }
            .into());
        }
        // The engine names certificates by colon-separated pairs.
        let padded = if digits.len() % 2 == 1 {
            format!("0{digits}")
        } else {
            digits
        };
        let pairs: Vec<&str> = (0..padded.len())
            .step_by(2)
            .map(|i| &padded[i..i + 2])
            .collect();
        let body = serde_json::to_vec(&json!({"serial_number": pairs.join(":")}))
            .expect("JSON serializes");
        let path = format!("/v1/{mount}/revoke");
        let (url, answer) = self.call(&path, Some(&body), notes)?;
        data(&answer, &url)?
            .get("revocation_time")
            .and_then(Value::as_i64)
            .ok_or_else(|| bad(&url, "no data.revocation_time").into())
    }

    /// The request for `path`, with the token and namespace headers.
    fn request<'a>(&self, path: &'a str, body: Option<&'a [u8]>) -> Exchange<'a> {
        let mut exchange = match body {
            Some(body) => Exchange::post(path, body),
            None => Exchange::get(path),
        };
        if !self.token.is_empty() {
            exchange
                .headers
                .push(("X-Vault-Token", Zeroizing::new(self.token.to_string())));
        }
        if let Some(namespace) = &self.namespace {
            exchange
                .headers
                .push(("X-Vault-Namespace", Zeroizing::new(namespace.clone())));
        }
        exchange
    }

    /// A JSON call: the address that answered and the answer, or the
    /// engine's `errors` with the status.
    fn call(
        &self,
        path: &str,
        body: Option<&[u8]>,
        notes: &mut Vec<Note>,
    ) -> Result<(String, Map<String, Value>)> {
        let (url, status, text) =
            self.remote
                .exchange(&self.request(path, body), notes, passes_on)?;
        if !(200..300).contains(&status) {
            return Err(refused(&url, path, status, &text).into());
        }
        let answer = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(answer)) => answer,
            _ => {
                return Err(
                    bad(&url, &format!("HTTP {status}, not JSON: {}", brief(&text))).into(),
                );
            }
        };
        // A TTL cut to the role's maximum, a deprecated field: said, not dropped.
        for warning in answer
            .get("warnings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            notes.push(Note::ServerWarning {
                url: url.clone(),
                warning: warning.trim().to_owned(),
            });
        }
        Ok((url, answer))
    }

    /// Revokes the token of an AppRole login (`auth/token/revoke-self`):
    /// a renewal loop would otherwise leave one live token per run.
    pub fn logout(&self, notes: &mut Vec<Note>) -> Result<()> {
        self.call("/v1/auth/token/revoke-self", Some(b"{}"), notes)
            .map(|_| ())
    }
}

/// Refuses a mount or role name that could reach another endpoint than
/// the one meant (`..`, `?`, `#`, `%`, blanks): they go into the URL path.
fn check_name(what: &'static str, name: &str, slashes: bool) -> Result<()> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c) || (slashes && c == '/');
    let dot_segment = name
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..");
    if name.is_empty() || !name.chars().all(allowed) || dot_segment {
        return Err(VaultError::BadName {
            what,
            name: name.into(),
        }
        .into());
    }
    Ok(())
}

/// The statuses of a node that cannot answer for the cluster: sealed or
/// not yet initialised (503), a standby (429, 472, 473). The next address
/// is tried, as for one that cannot be reached.
fn passes_on(status: u16) -> bool {
    matches!(status, 429 | 472 | 473 | 503)
}

/// The answer's `data` object.
fn data<'a>(answer: &'a Map<String, Value>, url: &str) -> Result<&'a Map<String, Value>> {
    answer
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| bad(url, "no data").into())
}

/// An error answer: the engine's `errors`, or a brief quote of the body.
fn refused(url: &str, path: &str, status: u16, text: &str) -> VaultError {
    let messages = match serde_json::from_str::<Value>(text) {
        Ok(answer) => answer
            .get("errors")
            .and_then(Value::as_array)
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(Value::as_str)
                    // Vault wraps some in a leading newline and "* ".
                    .map(|m| m.trim().trim_start_matches("* ").trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        Err(_) if text.trim().is_empty() => Vec::new(),
        Err(_) => vec![brief(text)],
    };
    VaultError::Refused {
        url: url.into(),
        path: path.trim_start_matches('/').into(),
        status,
        messages,
    }
}

fn bad(url: &str, reason: &str) -> VaultError {
    VaultError::BadAnswer {
        url: url.into(),
        reason: reason.into(),
    }
}

/// The first 120 characters of an answer, for messages.
fn brief(text: &str) -> String {
    text.chars().take(120).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_would_leave_their_place_in_the_path_are_refused() {
        for ok in ["pki", "pki_int", "team-a/pki.v2"] {
            assert!(check_name("mount", ok, true).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "../sys",
            "pki/../sys",
            "pki//x",
            "a?b",
            "a#b",
            "a%2e",
            "a b",
            "/pki",
        ] {
            assert!(check_name("mount", bad, true).is_err(), "{bad}");
        }
        assert!(check_name("role", "web/x", false).is_err());
        assert!(check_name("role", "web-1.v2", false).is_ok());
    }

    #[test]
    fn errors_are_read_from_the_engines_answer() {
        let refusal = refused(
            "http://127.0.0.1:8200",
            "/v1/pki_int/sign/web",
            400,
            r#"{"errors":["common name evil.example not allowed by this role"]}"#,
        );
        assert_eq!(
            refusal.to_string(),
            "http://127.0.0.1:8200 refused v1/pki_int/sign/web (HTTP 400): common name evil.example not allowed by this role"
        );
        let denied = refused(
            "u",
            "/v1/x",
            403,
            "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}",
        );
        assert!(
            denied
                .to_string()
                .ends_with("(HTTP 403): 1 error occurred:\n\t* permission denied"),
            "{denied}"
        );
    }
}
