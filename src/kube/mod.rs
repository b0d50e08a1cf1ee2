//! Kubernetes' files, made from the files certsmith (or cfssl) writes: a
//! `kubernetes.io/tls` Secret ([`secret`]) and a kubeconfig ([`kubeconfig`]),
//! both written as YAML through [`yaml::quoted`] (issue 19).
//!
//! Both hold a private key in the clear. So both take only a plaintext key
//! file: a key sealed with age or kept in a PKCS#11 token is refused here,
//! and opening one is the user's decision, made with `key decrypt`. The key
//! must be the certificate's, compared by SubjectPublicKeyInfo, as kubectl
//! compares them (`tls: private key does not match public key`).

pub mod kubeconfig;
pub mod secret;
pub mod yaml;

use std::fmt;

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::chain::{ChainLink, check_chain};
use crate::keys::PrivateKey;
use crate::keys::pkcs11::{is_pkcs11_uri, redact};
use crate::x509::certificate::Certificate;
use crate::x509::{oid, pemfile};
use crate::{Error, Result};

/// The file a key goes into, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Secret,
    Kubeconfig,
}

impl Holder {
    /// As messages name it: "a Kubernetes Secret".
    pub fn words(self) -> &'static str {
        match self {
            Holder::Secret => "a Kubernetes Secret",
            Holder::Kubeconfig => "a kubeconfig",
        }
    }
}

/// Refuses a key named by a PKCS#11 URI, before anything is read: a token
/// key never leaves its token.
pub fn refuse_token_key(key: &str) -> Result<()> {
    if is_pkcs11_uri(key) {
        return Err(Error::Pkcs11KeyNotExportable { uri: redact(key) });
    }
    Ok(())
}

/// PEM text for Kubernetes, from a file: the file's own bytes when it is
/// PEM, so that what Kubernetes gets is exactly the file (as `kubectl create
/// secret tls` gives it), or the file's DER object written as PEM, which is
/// what Kubernetes' consumers read.
pub struct Pem {
    bytes: Zeroizing<Vec<u8>>,
    from_der: bool,
}

impl Pem {
    /// Whether the file was DER, and this is its object written as PEM.
    pub fn from_der(&self) -> bool {
        self.from_der
    }

    /// Standard base64 on one line, as Kubernetes writes its data fields.
    fn base64(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(
            base64::encoded_len(self.bytes.len(), true).unwrap_or_default(),
        ));
        base64::engine::general_purpose::STANDARD.encode_string(&self.bytes, &mut text);
        text
    }

    /// The certificates of a file that is copied as it is: a PEM file must
    /// hold nothing else, or a key kept beside them (`cat ca.pem
    /// ca-key.pem`) would be copied where certificates go.
    fn certificates(bytes: &[u8], source: &str) -> Result<(Pem, Vec<Certificate>)> {
        let certs = Certificate::all_from_bytes(bytes, source)?;
        let is_pem = pemfile::looks_like_pem(bytes);
        if is_pem
            && let Some(other) = pemfile::parse_all(bytes, source)?
                .into_iter()
                .find(|block| block.tag() != "CERTIFICATE")
        {
            return Err(Error::NotOnlyCertificates {
                path: source.to_owned(),
                label: other.tag().to_owned(),
            });
        }
        let pem = if is_pem {
            Pem {
                bytes: Zeroizing::new(bytes.to_vec()),
                from_der: false,
            }
        } else {
            Pem {
                bytes: Zeroizing::new(certs[0].to_pem().into_bytes()),
                from_der: true,
            }
        };
        Ok((pem, certs))
    }
}

impl fmt::Debug for Pem {
    /// Never the text: it may be a private key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pem")
            .field("len", &self.bytes.len())
            .field("from_der", &self.from_der)
            .finish_non_exhaustive()
    }
}

/// CA certificates to trust (`ca.crt`, `certificate-authority-data`): every
/// certificate of the file, which must hold at least one.
pub fn ca_certificates(bytes: &[u8], source: &str) -> Result<Pem> {
    Ok(Pem::certificates(bytes, source)?.0)
}

/// A certificate and its private key, checked to belong together.
#[derive(Debug)]
pub struct KeyPair {
    cert: Pem,
    key: Pem,
    /// Every certificate of the certificate file, then those of the chain
    /// added; the first is the leaf.
    certs: Vec<Certificate>,
    cert_source: String,
}

impl KeyPair {
    /// The certificate file (its first certificate is the leaf; PEM or
    /// DER) and the key file (plaintext PEM or DER), refused when the key is
    /// sealed, unreadable or not the leaf's.
    pub fn read(
        cert: &[u8],
        cert_source: &str,
        key: &[u8],
        key_source: &str,
        holder: Holder,
    ) -> Result<KeyPair> {
        let (cert_pem, certs) = Pem::certificates(cert, cert_source)?;
        // A bundle file (the leaf, then its issuers) must be in order too.
        let extras: Vec<ChainLink<'_>> = certs[1..]
            .iter()
            .enumerate()
            .map(|(i, cert)| ChainLink {
                cert,
                source: cert_source,
                index: i + 2,
            })
            .collect();
        check_chain(&certs[0], &extras)?;
        crate::keys::refuse_sealed_for_export(key, key_source, holder.words())?;
        let private = PrivateKey::from_bytes(key, key_source)?;
        crate::issue::renew::check_key(&certs[0], cert_source, &private, key_source)?;
        let key = if pemfile::looks_like_pem(key) {
            Pem {
                bytes: Zeroizing::new(key.to_vec()),
                from_der: false,
            }
        } else {
            let pem = private.to_pem();
            Pem {
                bytes: Zeroizing::new(pem.as_bytes().to_vec()),
                from_der: true,
            }
        };
        Ok(KeyPair {
            cert: cert_pem,
            key,
            certs,
            cert_source: cert_source.to_owned(),
        })
    }

    /// Adds the certificates of a chain file after the certificate's: each
    /// must have signed the one before it, the first the last certificate of
    /// the certificate file. Those the certificate file already has are
    /// skipped, so that a bundle (the leaf, then its issuers) serves as a
    /// chain.
    pub fn add_chain(&mut self, chain: &[u8], source: &str) -> Result<()> {
        let mut added: Vec<(usize, Certificate)> = Vec::new();
        for (i, cert) in Certificate::all_from_bytes(chain, source)?
            .into_iter()
            .enumerate()
        {
            let mut known = self.certs.iter().chain(added.iter().map(|(_, c)| c));
            if !known.any(|c| c.der == cert.der) {
                added.push((i + 1, cert));
            }
        }
        let links: Vec<ChainLink<'_>> = added
            .iter()
            .map(|(index, cert)| ChainLink {
                cert,
                source,
                index: *index,
            })
            .collect();
        check_chain(
            self.certs.last().expect("a certificate file holds one"),
            &links,
        )?;
        for (_, cert) in added {
            if !self.cert.bytes.ends_with(b"\n") {
                self.cert.bytes.push(b'\n');
            }
            self.cert.bytes.extend_from_slice(cert.to_pem().as_bytes());
            self.certs.push(cert);
        }
        Ok(())
    }

    /// The leaf certificate.
    pub fn leaf(&self) -> &Certificate {
        &self.certs[0]
    }

    /// The certificate file's name, as messages give it.
    pub fn cert_source(&self) -> &str {
        &self.cert_source
    }

    /// The certificates as PEM: the certificate file, then the chain added.
    pub fn cert(&self) -> &Pem {
        &self.cert
    }

    /// The private key as PEM.
    pub fn key(&self) -> &Pem {
        &self.key
    }

    /// Whether the leaf's ExtendedKeyUsage leaves out client authentication,
    /// which an API server asks of a client certificate.
    pub fn lacks_client_auth(&self) -> bool {
        self.leaf().extended_key_usage.as_ref().is_some_and(|ekus| {
            !ekus.contains(&oid::EKU_CLIENT_AUTH) && !ekus.contains(&oid::EKU_ANY)
        })
    }
}
