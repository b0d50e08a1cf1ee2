//! Reports of PKCS#12 files (issue 19): what shows without the password.
//! Nothing is decrypted, and no password is asked for: `certsmith import
//! p12` opens the file.

use serde::Serialize;

use super::Location;
use crate::pkcs12::Outline;

#[derive(Debug, Clone, Serialize)]
pub struct Pkcs12Report {
    #[serde(flatten)]
    pub location: Location,
    pub kind: &'static str,
    /// Whether an HMAC over the contents lets the password be checked.
    pub mac: bool,
    /// The command that opens it, for people.
    #[serde(skip)]
    pub opened_by: String,
    pub warnings: Vec<String>,
}

pub(super) fn report(outline: Outline, location: Location) -> Pkcs12Report {
    Pkcs12Report {
        opened_by: format!(
            "certsmith import p12 {} | certsmith split-json NAME",
            location.path
        ),
        location,
        kind: "pkcs12",
        mac: outline.has_mac,
        warnings: Vec::new(),
    }
}
