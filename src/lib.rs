//! certsmith: a private PKI from files.
//!
//! The library does every piece of work the `certsmith` binary offers, without
//! printing, prompting or reading the environment: callers get values, notes
//! ([`Note`]) and errors ([`Error`]) back and decide how to show them.
//!
//! The path of a certificate through the library:
//! [`request`] (CSR JSON) → [`csr`] (a signed PKCS#10 request) →
//! [`profile`] (the signing policy) → [`issue`] (the one place a certificate
//! is built) → [`envelope`] (cfssl's JSON output, and `split-json`).
#![forbid(unsafe_code)]

pub mod ca;
pub mod cert;
pub mod chain;
pub mod crl;
pub mod csr;
pub mod duration;
pub mod envelope;
mod error;
#[doc(hidden)]
pub mod fault;
pub mod files;
pub mod issue;
mod json;
pub mod keys;
pub mod ledger;
pub mod name_constraints;
mod note;
pub mod pemfile;
pub mod profile;
pub mod remote;
pub mod renew;
pub mod report;
pub mod request;
pub mod san;
pub mod sealed;
pub mod split;
pub mod subject;
pub mod usage;
pub mod verify;

pub use error::{Error, Result};
pub use note::Note;
