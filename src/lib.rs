//! certsmith: a private PKI from files.
//!
//! The library does every piece of work the `certsmith` binary offers, without
//! printing, prompting or reading the environment: callers get values, notes
//! ([`Note`]) and errors ([`Error`]) back and decide how to show them.
//!
//! Folders name the standard they implement:
//! - [`cfssl`]: cfssl's file formats (CSR JSON, signing config, the JSON
//!   envelope and cfssljson's split), read the way Go reads them;
//! - [`x509`]: RFC 5280 encodings (names, SANs, usages, name constraints,
//!   certificates, CSRs, CRLs, signatures, PEM files);
//! - [`keys`]: key generation and formats, age-sealed keys;
//! - [`issue`]: the one place a certificate is built, and renewal;
//! - [`kube`]: Kubernetes' files: a TLS Secret and a kubeconfig;
//! - [`report`]: what `inspect` says about a file;
//! - [`hex`] and [`time`]: how bytes and times are written, in one place.
//!
//! The path of a certificate through the library:
//! [`cfssl::request`] (CSR JSON) → [`x509::csr`] (a signed PKCS#10 request) →
//! [`cfssl::config`] (the signing policy) → [`issue`] (the one place a
//! certificate is built) → [`cfssl::envelope`] (cfssl's JSON output, and
//! `split-json`).
#![forbid(unsafe_code)]

pub mod ca;
pub mod cfssl;
pub mod chain;
mod error;
#[doc(hidden)]
pub mod fault;
pub mod files;
pub mod hex;
pub mod issue;
pub mod keys;
pub mod kube;
pub mod ledger;
mod note;
pub mod pkcs12;
pub mod remote;
pub mod report;
pub mod time;
pub mod vault;
pub mod x509;

pub use error::{Error, PinTries, Pkcs11Error, Result, UriProblem, VaultError};
pub use error::{KubeError, QuorumError};
pub use note::Note;
