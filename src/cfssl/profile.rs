//! A signing profile, as cfssl's config JSON spells it (README, "Config
//! JSON"): the signing policy, which decides every security-relevant field
//! of the certificates it signs. The file that holds the profiles is
//! [`config`](super::config).

use std::time::Duration;

use der::asn1::ObjectIdentifier;
use regex::Regex;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cfssl::json::Object;
use crate::cfssl::request::{PathLen, duration_field};
use crate::x509::name_constraints::{self, IpRange, NameConstraints, Subtrees};
use crate::x509::usage::{KeyUsageBit, Usage};
use crate::{Error, Note, Result};

/// cfssl's default when a config has no `default` profile: one year, for
/// TLS servers and clients.
const CFSSL_DEFAULT_EXPIRY: Duration = Duration::from_secs(8760 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaConstraint {
    pub path_len: PathLen,
}

/// Which parts of a CSR are copied into the certificate (cfssl's
/// `CSRWhitelist`). The public key is always copied: a certificate needs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsrWhitelist {
    pub subject: bool,
    pub dns_names: bool,
    pub ip_addresses: bool,
    pub email_addresses: bool,
    pub uris: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QualifierKind {
    Cps,
    UserNotice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub id: ObjectIdentifier,
    pub qualifiers: Vec<(QualifierKind, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthRemote {
    pub remote: String,
    pub auth_key: String,
}

/// One signing profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The profile's name in the config ("default" for the default profile).
    pub name: String,
    pub expiry: Option<Duration>,
    pub usages: Vec<Usage>,
    pub ca: Option<CaConstraint>,
    pub backdate: Option<Duration>,
    pub not_before: Option<OffsetDateTime>,
    pub not_after: Option<OffsetDateTime>,
    pub crl_url: Option<String>,
    pub ocsp_url: Option<String>,
    pub issuer_urls: Vec<String>,
    pub ocsp_no_check: bool,
    pub name_whitelist: Option<Regex>,
    pub policies: Vec<Policy>,
    pub csr_whitelist: Option<CsrWhitelist>,
    pub auth_key: Option<String>,
    pub prev_auth_key: Option<String>,
    pub remote: Option<String>,
    pub auth_remote: Option<AuthRemote>,
    /// RFC 5280 §4.2.1.10 constraints put into the CA certificates this profile makes.
    pub name_constraints: Option<NameConstraints>,
    /// The profile is certsmith's own (built in, shipped in profiles/, or
    /// cfssl's default that a config without `default` gets), not one the
    /// user wrote: usages its key type forbids are left out without a note.
    pub shipped: bool,
}

impl Profile {
    fn empty(name: &str) -> Profile {
        Profile {
            name: name.to_string(),
            expiry: None,
            usages: Vec::new(),
            ca: None,
            backdate: None,
            not_before: None,
            not_after: None,
            crl_url: None,
            ocsp_url: None,
            issuer_urls: Vec::new(),
            ocsp_no_check: false,
            name_whitelist: None,
            policies: Vec::new(),
            csr_whitelist: None,
            auth_key: None,
            prev_auth_key: None,
            remote: None,
            auth_remote: None,
            name_constraints: None,
            shipped: false,
        }
    }

    /// cfssl's built-in default profile (README, "Defaults").
    pub(super) fn cfssl_default() -> Profile {
        let usages = ["signing", "key encipherment", "server auth", "client auth"];
        Profile {
            expiry: Some(CFSSL_DEFAULT_EXPIRY),
            usages: usages
                .iter()
                .map(|u| Usage::parse(u).expect("known usage"))
                .collect(),
            shipped: true,
            ..Profile::empty("default")
        }
    }

    pub fn is_ca(&self) -> bool {
        self.ca.is_some()
    }

    pub fn is_remote(&self) -> bool {
        self.remote.is_some() || self.auth_remote.is_some()
    }

    pub fn key_usages(&self) -> impl Iterator<Item = KeyUsageBit> + '_ {
        self.usages.iter().filter_map(|u| match u {
            Usage::Key(bit) => Some(*bit),
            Usage::Extended(_) => None,
        })
    }

    pub fn extended_key_usages(&self) -> impl Iterator<Item = ObjectIdentifier> + '_ {
        self.usages.iter().filter_map(|u| match u {
            Usage::Extended(oid) => Some(*oid),
            Usage::Key(_) => None,
        })
    }

    /// Checks that this profile can sign locally and is internally
    /// consistent: a CA profile can sign certificates, a leaf profile cannot.
    pub fn check_local(&self) -> Result<()> {
        if self.is_remote() {
            return Err(Error::RemoteProfile {
                profile: self.name.clone(),
            });
        }
        if self.expiry.is_none() && self.not_after.is_none() {
            return Err(Error::ProfileWithoutExpiry {
                profile: self.name.clone(),
            });
        }
        if self.name_constraints.is_some() && !self.is_ca() {
            // RFC 5280 §4.2.1.10: the extension "MUST be used only in a CA certificate".
            return Err(Error::InvalidNameConstraint {
                profile: self.name.clone(),
                value: "name_constraints".into(),
                reason: "only CA profiles can carry name constraints".into(),
            });
        }
        let cert_sign = self.key_usages().any(|b| b == KeyUsageBit::KeyCertSign);
        match (self.is_ca(), cert_sign) {
            (true, false) => Err(Error::CaProfileWithoutCertSign {
                profile: self.name.clone(),
            }),
            (false, true) => Err(Error::CertSignInLeafProfile {
                profile: self.name.clone(),
            }),
            _ => Ok(()),
        }
    }

    pub(super) fn parse(mut o: Object<'_>, name: &str, notes: &mut Vec<Note>) -> Result<Profile> {
        let source = o.source();
        let mut p = Profile::empty(name);
        p.expiry = duration_field(&mut o, "expiry")?;
        p.backdate = duration_field(&mut o, "backdate")?;
        for usage in o.strings("usages")?.unwrap_or_default() {
            let parsed = Usage::parse(&usage).ok_or_else(|| Error::UnknownUsage {
                profile: name.into(),
                usage: usage.clone(),
            })?;
            if !p.usages.contains(&parsed) {
                p.usages.push(parsed);
            }
        }
        if let Some(mut c) = o.object("ca_constraint")? {
            let is_ca = c.bool("is_ca")?;
            let max = c.integer("max_path_len")?;
            let zero = c.bool("max_path_len_zero")?;
            c.finish(notes);
            if is_ca {
                let path_len = match max {
                    Some(n) if !(0..=255).contains(&n) => {
                        return Err(Error::JsonField {
                            source: source.into(),
                            field: format!("{name}.ca_constraint.max_path_len"),
                            expected: "an integer from 0 to 255 (-1 is not needed: omit it for no limit)",
                        });
                    }
                    // Go's x509: MaxPathLen 0 means "unset" unless MaxPathLenZero.
                    Some(0) | None => zero.then_some(0),
                    Some(n) => Some(n as u8),
                };
                p.ca = Some(CaConstraint { path_len });
            }
        }
        p.not_before = time_field(&mut o, "not_before")?;
        p.not_after = time_field(&mut o, "not_after")?;
        p.crl_url = o.url("crl_url")?;
        p.ocsp_url = o.url("ocsp_url")?;
        p.issuer_urls = o.urls("issuer_urls")?;
        p.ocsp_no_check = o.bool("ocsp_no_check")?;
        if let Some(pattern) = o.non_empty_string("name_whitelist")? {
            p.name_whitelist = Some(Regex::new(&pattern).map_err(|e| {
                Error::InvalidRegex {
                    profile: name.into(),
                    pattern: pattern.clone(),
                    reason: e
                        .to_string()
                        .lines()
                        .last()
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                }
            })?);
        }
        if let Some(policies) = o.array("policies")? {
            for (i, v) in policies.iter().enumerate() {
                p.policies.push(parse_policy(
                    v,
                    source,
                    &format!("{}[{i}]", o.path_of("policies")),
                    name,
                    notes,
                )?);
            }
        }
        if let Some(mut w) = o.object("CSRWhitelist")? {
            p.csr_whitelist = Some(CsrWhitelist {
                subject: w.bool("Subject")?,
                dns_names: w.bool("DNSNames")?,
                ip_addresses: w.bool("IPAddresses")?,
                email_addresses: w.bool("EmailAddresses")?,
                uris: w.bool("URIs")?,
            });
            // Read so that they are not reported as unknown: the key is always copied.
            for always in ["PublicKey", "PublicKeyAlgorithm", "SignatureAlgorithm"] {
                w.get(always);
            }
            w.finish(notes);
        }
        p.auth_key = o.non_empty_string("auth_key")?;
        p.prev_auth_key = o.non_empty_string("prev_auth_key")?;
        p.remote = o.non_empty_string("remote")?;
        if let Some(mut r) = o.object("auth_remote")? {
            let remote = r.string("remote")?.unwrap_or_default();
            let auth_key = r.string("auth_key")?.unwrap_or_default();
            r.finish(notes);
            p.auth_remote = Some(AuthRemote { remote, auth_key });
        }
        if let Some(nc) = o.object("name_constraints")? {
            p.name_constraints = Some(parse_name_constraints(nc, name, notes)?);
        }
        if o.bool("copy_extensions")? {
            notes.push(Note::FieldIgnored {
                profile: name.into(),
                field: "copy_extensions",
                reason: "the profile decides every extension; a CSR only proposes",
            });
        }
        o.finish(notes);
        Ok(p)
    }
}

/// `{"critical": true, "permitted": {...}, "excluded": {...}}`; `critical`
/// defaults to true, as RFC 5280 requires.
fn parse_name_constraints(
    mut o: Object<'_>,
    profile: &str,
    notes: &mut Vec<Note>,
) -> Result<NameConstraints> {
    let critical = match o.get("critical") {
        None => true,
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => {
            return Err(Error::JsonField {
                source: o.source().into(),
                field: o.path_of("critical"),
                expected: "true or false",
            });
        }
    };
    let mut side = |field: &str| -> Result<Subtrees> {
        let mut subtrees = Subtrees::default();
        let Some(mut s) = o.object(field)? else {
            return Ok(subtrees);
        };
        let invalid = |value: &str, reason: String| Error::InvalidNameConstraint {
            profile: profile.into(),
            value: value.into(),
            reason,
        };
        for value in s.strings("dns_domains")?.unwrap_or_default() {
            name_constraints::check_domain(&value).map_err(|r| invalid(&value, r))?;
            subtrees.dns_domains.push(value);
        }
        for value in s.strings("ip_ranges")?.unwrap_or_default() {
            let range = IpRange::parse_cidr(&value).map_err(|r| invalid(&value, r))?;
            subtrees.ip_ranges.push(range);
        }
        for value in s.strings("email_addresses")?.unwrap_or_default() {
            name_constraints::check_email(&value).map_err(|r| invalid(&value, r))?;
            subtrees.email_addresses.push(value);
        }
        for value in s.strings("uri_domains")?.unwrap_or_default() {
            name_constraints::check_domain(&value).map_err(|r| invalid(&value, r))?;
            subtrees.uri_domains.push(value);
        }
        s.finish(notes);
        Ok(subtrees)
    };
    let permitted = side("permitted")?;
    let excluded = side("excluded")?;
    o.finish(notes);
    let nc = NameConstraints {
        critical,
        permitted,
        excluded,
    };
    if nc.is_empty() {
        // RFC 5280: "conforming CAs MUST NOT issue certificates where name
        // constraints is an empty sequence".
        return Err(Error::InvalidNameConstraint {
            profile: profile.into(),
            value: "name_constraints".into(),
            reason: "no permitted or excluded subtrees are given".into(),
        });
    }
    Ok(nc)
}

fn time_field(o: &mut Object<'_>, name: &str) -> Result<Option<OffsetDateTime>> {
    match o.non_empty_string(name)? {
        None => Ok(None),
        Some(text) => OffsetDateTime::parse(&text, &Rfc3339)
            .map(Some)
            .map_err(|_| Error::InvalidTime {
                source: o.source().to_string(),
                field: o.path_of(name),
                value: text,
            }),
    }
}

fn parse_policy(
    v: &serde_json::Value,
    source: &str,
    path: &str,
    profile: &str,
    notes: &mut Vec<Note>,
) -> Result<Policy> {
    let bad = |reason: String| Error::InvalidPolicy {
        profile: profile.into(),
        reason,
    };
    let mut o = Object::new(v, source, path)?;
    let id = o
        .string("ID")?
        .ok_or_else(|| bad(format!("{path} has no ID")))?;
    let id = ObjectIdentifier::new(&id).map_err(|_| bad(format!("\"{id}\" is not an OID")))?;
    let mut qualifiers = Vec::new();
    if let Some(list) = o.array("Qualifiers")? {
        for (i, q) in list.iter().enumerate() {
            let mut q = Object::new(q, source, &format!("{path}.Qualifiers[{i}]"))?;
            let kind = match q.string("Type")?.as_deref() {
                Some("id-qt-cps") => QualifierKind::Cps,
                Some("id-qt-unotice") => QualifierKind::UserNotice,
                other => {
                    return Err(bad(format!(
                        "qualifier type {other:?} (use id-qt-cps or id-qt-unotice)"
                    )));
                }
            };
            let value = q.string("Value")?.unwrap_or_default();
            if kind == QualifierKind::Cps && !value.is_ascii() {
                return Err(bad(format!("CPS URI \"{value}\" is not ASCII")));
            }
            q.finish(notes);
            qualifiers.push((kind, value));
        }
    }
    o.finish(notes);
    Ok(Policy { id, qualifiers })
}
