//! RFC 5280 encodings: the OIDs certsmith names ([`oid`], the one place an
//! OID is spelled), extension wrapping ([`ext`]), distinguished names
//! ([`name`]), subject alternative names ([`san`]), key usages ([`usage`]),
//! name constraints ([`name_constraints`]), serial numbers ([`serial`]),
//! certificates parsed once ([`certificate`]), PKCS#10 requests ([`csr`]),
//! CRLs ([`crl`]), signature algorithms and the checking of signatures made
//! by others' keys ([`signature`]) and PEM files ([`pemfile`]).

pub mod certificate;
pub mod crl;
pub mod csr;
pub mod ext;
pub mod name;
pub mod name_constraints;
pub mod oid;
pub mod pemfile;
pub mod san;
pub mod serial;
pub mod signature;
pub mod usage;
