//! Building the subject distinguished name from a CSR JSON request.
//!
//! RDN order follows Go's `pkix.Name`: C, ST, L, O, OU, CN, serialNumber,
//! then emailAddress. cfssl puts several values of one type (two `O` entries,
//! as Kubernetes group membership needs) into one multi-valued RDN; certsmith
//! gives each value its own RDN, as openssl does, which every X.509 stack
//! reads the same and which no RFC discourages.

use der::asn1::{Ia5StringRef, ObjectIdentifier, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::{Any, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{RdnSequence, RelativeDistinguishedName};

use crate::cfssl::request::CertRequest;
use crate::x509::oid::{C, CN, EMAIL, L, O, OU, SERIAL_NUMBER, ST};
use crate::{Error, Result};

/// How an attribute value is encoded, and its upper bound (RFC 5280 App. A).
#[derive(Clone, Copy)]
enum Kind {
    /// DirectoryString: PrintableString when it fits, else UTF8String (as Go).
    Directory(usize),
    Printable(usize),
    Ia5(usize),
}

/// A subject DN in the making.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    /// (field name, OID, value) in DN order.
    attributes: Vec<(&'static str, ObjectIdentifier, String)>,
}

impl Subject {
    pub fn from_request(req: &CertRequest) -> Result<Subject> {
        let mut s = Subject::default();
        let names = &req.names;
        for n in names.iter().filter_map(|n| n.country.as_deref()) {
            s.push("C", C, n, Kind::Printable(2))?;
        }
        for n in names.iter().filter_map(|n| n.state.as_deref()) {
            s.push("ST", ST, n, Kind::Directory(128))?;
        }
        for n in names.iter().filter_map(|n| n.locality.as_deref()) {
            s.push("L", L, n, Kind::Directory(128))?;
        }
        for n in names.iter().filter_map(|n| n.organization.as_deref()) {
            s.push("O", O, n, Kind::Directory(64))?;
        }
        for n in names
            .iter()
            .filter_map(|n| n.organizational_unit.as_deref())
        {
            s.push("OU", OU, n, Kind::Directory(64))?;
        }
        if let Some(cn) = &req.common_name {
            s.push("CN", CN, cn, Kind::Directory(64))?;
        }
        if let Some(sn) = &req.serial_number {
            s.push("serialNumber", SERIAL_NUMBER, sn, Kind::Printable(64))?;
        }
        for n in names.iter().filter_map(|n| n.email.as_deref()) {
            s.push("E", EMAIL, n, Kind::Ia5(255))?;
        }
        Ok(s)
    }

    fn push(
        &mut self,
        field: &'static str,
        oid: ObjectIdentifier,
        value: &str,
        kind: Kind,
    ) -> Result<()> {
        let bad = |reason: String| Error::SubjectValue {
            field,
            value: value.to_string(),
            reason,
        };
        let max = match kind {
            Kind::Directory(m) | Kind::Printable(m) | Kind::Ia5(m) => m,
        };
        // Legal in a UTF8String, but a NUL truncates the name in C verifiers
        // and a newline or escape forges lines in logs and terminals.
        if value.chars().any(char::is_control) {
            return Err(bad("contains a control character".into()));
        }
        if value.chars().count() > max {
            return Err(bad(format!(
                "longer than {max} characters (RFC 5280 upper bound)"
            )));
        }
        match kind {
            Kind::Printable(2)
                if !(value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase())) =>
            {
                return Err(bad(
                    "a country is two upper-case letters (ISO 3166), e.g. \"US\"".into(),
                ));
            }
            Kind::Printable(_) if PrintableStringRef::new(value).is_err() => {
                return Err(bad(
                    "must be a PrintableString (letters, digits, spaces and '()+,-./:=?)".into(),
                ));
            }
            Kind::Ia5(_) if !value.is_ascii() => return Err(bad("must be ASCII".into())),
            _ => {}
        }
        self.attributes.push((field, oid, value.to_string()));
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty()
    }

    /// The DER of the Name (an RDNSequence).
    pub fn to_der(&self) -> Vec<u8> {
        let mut seq = RdnSequence::default();
        for (_, oid, value) in &self.attributes {
            let any = if *oid == C || *oid == SERIAL_NUMBER {
                Any::encode_from(&PrintableStringRef::new(value).expect("checked"))
            } else if *oid == EMAIL {
                Any::encode_from(&Ia5StringRef::new(value).expect("checked"))
            } else if let Ok(p) = PrintableStringRef::new(value) {
                Any::encode_from(&p)
            } else {
                Any::encode_from(&Utf8StringRef::new(value).expect("valid UTF-8"))
            }
            .expect("attribute value encodes");
            let atv = AttributeTypeAndValue {
                oid: *oid,
                value: any,
            };
            let set = SetOfVec::try_from(vec![atv]).expect("one element");
            seq.push(RelativeDistinguishedName::try_from(set.into_vec()).expect("one element"));
        }
        seq.to_der().expect("name encodes")
    }
}

/// Checks a subject that came as DER (a CSR's, a certificate's being
/// renewed or cross-signed) as a CSR JSON's values are checked: no control
/// character and no bidirectional override, which would forge lines in logs
/// and terminals or reorder the name an operator reads.
pub fn check_der(subject_der: &[u8], source: &str) -> Result<()> {
    use x509_parser::prelude::FromDer;
    let Ok((_, name)) = x509_parser::x509::X509Name::from_der(subject_der) else {
        return Ok(());
    };
    for attr in name.iter_attributes() {
        let Ok(value) = attr.as_str() else { continue };
        if value.chars().any(crate::report::needs_escape) {
            let oid = attr.attr_type();
            let field = x509_parser::objects::oid2abbrev(oid, x509_parser::objects::oid_registry())
                .map_or_else(|_| oid.to_id_string(), str::to_string);
            return Err(Error::SubjectValueInRequest {
                source: source.into(),
                field,
                value: crate::report::printable(value).into_owned(),
            });
        }
    }
    Ok(())
}
