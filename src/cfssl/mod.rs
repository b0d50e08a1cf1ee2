//! cfssl's file formats, read and written the way cfssl and cfssljson do:
//! the CSR JSON ([`request`]), the signing configuration ([`config`]) with
//! its profiles ([`profile`]), the JSON envelope cfssl prints ([`envelope`]) and
//! cfssljson's split of it into files ([`split`]); Go's JSON and duration
//! syntax (`json`, [`duration`]).

pub mod config;
pub mod duration;
pub mod envelope;
pub(crate) mod json;
pub mod profile;
pub mod request;
pub mod split;
