//! The config JSON: signing profiles, auth keys and remotes, as cfssl reads
//! them (README, "Config JSON"). A profile is the signing policy: it decides
//! every security-relevant field of the certificates it signs.

use std::collections::BTreeMap;
use std::time::Duration;

use der::asn1::ObjectIdentifier;
use regex::Regex;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cfssl::json::{self, Object};
use crate::cfssl::request::{PathLen, duration_field};
use crate::x509::name_constraints::{self, IpRange, NameConstraints, Subtrees};
use crate::x509::usage::{KeyUsageBit, Usage};
use crate::{Error, Note, Result};

/// The config compiled into the binary, used when no `--config` is given.
pub const BUILTIN_CONFIG: &str = include_str!("../../profiles/default.json");

/// Every config file certsmith ships (profiles/*.json). Their profiles are
/// templates for every key type (issue 14): `key encipherment` is there for
/// RSA keys, and leaving it out of an ECDSA certificate is the plan, not news.
const SHIPPED_CONFIGS: [&str; 3] = [
    BUILTIN_CONFIG,
    include_str!("../../profiles/kubernetes.json"),
    include_str!("../../profiles/offline-root.json"),
];

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
    fn cfssl_default() -> Profile {
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

    fn parse(mut o: Object<'_>, name: &str, notes: &mut Vec<Note>) -> Result<Profile> {
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

/// An auth key: hex, or `env:VAR` / `file:PATH` (resolved by the caller, who
/// may read the environment; the library does not).
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey {
    pub kind: String,
    /// Hex, `env:VAR` or `file:PATH`; wiped when the config is dropped.
    pub key: zeroize::Zeroizing<String>,
}

impl std::fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthKey")
            .field("kind", &self.kind)
            .field("key", &"[elided]")
            .finish()
    }
}

/// A parsed config file.
#[derive(Debug, Clone)]
pub struct Config {
    pub default: Profile,
    pub profiles: BTreeMap<String, Profile>,
    pub auth_keys: BTreeMap<String, AuthKey>,
    pub remotes: BTreeMap<String, String>,
}

impl Config {
    pub fn from_json(bytes: &[u8], source: &str) -> Result<(Config, Vec<Note>)> {
        let value = json::parse(bytes, source)?;
        let shipped = is_shipped(&value);
        let mut notes = Vec::new();
        let mut root = Object::new(&value, source, "")?;
        let mut default = Profile::cfssl_default();
        let mut profiles = BTreeMap::new();
        if let Some(mut signing) = root.object("signing")? {
            if let Some(d) = signing.object("default")? {
                default = Profile::parse(d, "default", &mut notes)?;
                default.shipped = shipped;
            }
            if let Some(mut map) = signing.object("profiles")? {
                let names: Vec<String> = map_keys(&value, &["signing", "profiles"]);
                for name in names {
                    // Profile names are map keys: exact, not case-insensitive.
                    let o = map.member(&name)?;
                    let mut profile = Profile::parse(o, &name, &mut notes)?;
                    profile.shipped = shipped;
                    profiles.insert(name.clone(), profile);
                }
                map.finish(&mut notes);
            }
            signing.finish(&mut notes);
        }
        let mut auth_keys = BTreeMap::new();
        if let Some(mut keys) = root.object("auth_keys")? {
            for name in map_keys(&value, &["auth_keys"]) {
                let mut k = keys.member(&name)?;
                let kind = k.string("type")?.unwrap_or_else(|| "standard".into());
                let key = zeroize::Zeroizing::new(k.string("key")?.unwrap_or_default());
                k.finish(&mut notes);
                auth_keys.insert(name, AuthKey { kind, key });
            }
            keys.finish(&mut notes);
        }
        let mut remotes = BTreeMap::new();
        if let Some(mut r) = root.object("remotes")? {
            for name in map_keys(&value, &["remotes"]) {
                if let Some(url) = r.string(&name)? {
                    remotes.insert(name, url);
                }
            }
            r.finish(&mut notes);
        }
        root.finish(&mut notes);
        Ok((
            Config {
                default,
                profiles,
                auth_keys,
                remotes,
            },
            notes,
        ))
    }

    /// The config compiled from `profiles/default.json`.
    pub fn builtin() -> Config {
        Config::from_json(BUILTIN_CONFIG.as_bytes(), "built-in config")
            .expect("profiles/default.json is valid")
            .0
    }

    /// The profile called `name` (`None` or "default": the default profile),
    /// with cfssl's fall-back of `crl_url`, `ocsp_url` and `issuer_urls` to
    /// the default profile's values. An unknown name is an error listing the
    /// known ones; cfssl silently signs with `default` instead.
    pub fn profile(&self, name: Option<&str>) -> Result<Profile> {
        let mut p = match name {
            None | Some("default") => return Ok(self.default.clone()),
            Some(n) => self
                .profiles
                .get(n)
                .cloned()
                .ok_or_else(|| Error::UnknownProfile {
                    name: n.to_string(),
                    known: std::iter::once("default".to_string())
                        .chain(self.profiles.keys().cloned())
                        .collect(),
                })?,
        };
        if p.crl_url.is_none() {
            p.crl_url = self.default.crl_url.clone();
        }
        if p.ocsp_url.is_none() {
            p.ocsp_url = self.default.ocsp_url.clone();
        }
        if p.issuer_urls.is_empty() {
            p.issuer_urls = self.default.issuer_urls.clone();
        }
        Ok(p)
    }
}

/// Whether a config is one of the files certsmith ships, as it was shipped
/// (compared as JSON, so that a copy with other whitespace still counts).
fn is_shipped(config: &serde_json::Value) -> bool {
    SHIPPED_CONFIGS.iter().any(|text| {
        serde_json::from_str::<serde_json::Value>(text).is_ok_and(|shipped| shipped == *config)
    })
}

/// The keys of the object at `path` (exact spellings), in file order.
fn map_keys(root: &serde_json::Value, path: &[&str]) -> Vec<String> {
    let mut v = root;
    for step in path {
        let Some(next) = v
            .as_object()
            .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(step)))
        else {
            return Vec::new();
        };
        v = next.1;
    }
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_config_parses_without_notes() {
        let (config, notes) = Config::from_json(BUILTIN_CONFIG.as_bytes(), "builtin").unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        for name in ["server", "client", "peer", "intermediate"] {
            config.profile(Some(name)).unwrap().check_local().unwrap();
        }
        assert_eq!(
            config.profile(Some("intermediate")).unwrap().ca,
            Some(CaConstraint { path_len: Some(0) })
        );
    }

    #[test]
    fn unknown_profile_lists_known_ones() {
        let err = Config::builtin()
            .profile(Some("nope"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown profile \"nope\""), "{err}");
        assert!(err.contains("server"), "{err}");
    }

    #[test]
    fn urls_fall_back_to_default_profile() {
        let json = br#"{"signing":{"default":{"expiry":"1h","crl_url":"http://crl","issuer_urls":["http://i"]},
            "profiles":{"a":{"expiry":"2h","ocsp_url":"http://ocsp"}}}}"#;
        let (c, _) = Config::from_json(json, "t").unwrap();
        let a = c.profile(Some("a")).unwrap();
        assert_eq!(a.crl_url.as_deref(), Some("http://crl"));
        assert_eq!(a.ocsp_url.as_deref(), Some("http://ocsp"));
        assert_eq!(a.issuer_urls, vec!["http://i".to_string()]);
    }

    #[test]
    fn unknown_usage_is_named() {
        let json =
            br#"{"signing":{"default":{"expiry":"1h","usages":["server auth","sever auth"]}}}"#;
        let err = Config::from_json(json, "t").unwrap_err().to_string();
        assert_eq!(err, "profile `default`: unknown usage \"sever auth\"");
    }

    #[test]
    fn name_constraints_are_read_case_insensitively_and_critical_by_default() {
        let json = br#"{"signing":{"profiles":{"sub":{"expiry":"1h","usages":["cert sign"],
            "ca_constraint":{"is_ca":true},
            "Name_Constraints":{"Permitted":{"DNS_Domains":["example.com"],"ip_ranges":["fd00::/8"]},
                "excluded":{"email_addresses":["ops@example.com"],"uri_domains":[".example.net"],"colour":1}}}}}}"#;
        let (c, notes) = Config::from_json(json, "t").unwrap();
        let nc = c.profile(Some("sub")).unwrap().name_constraints.unwrap();
        assert!(nc.critical);
        assert_eq!(nc.permitted.dns_domains, ["example.com"]);
        assert_eq!(nc.permitted.ip_ranges[0].to_string(), "fd00::/8");
        assert_eq!(nc.excluded.email_addresses, ["ops@example.com"]);
        assert_eq!(nc.excluded.uri_domains, [".example.net"]);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn empty_name_constraints_are_refused() {
        let json = br#"{"signing":{"profiles":{"sub":{"expiry":"1h","usages":["cert sign"],
            "ca_constraint":{"is_ca":true},"name_constraints":{"critical":true,"permitted":{}}}}}}"#;
        let err = Config::from_json(json, "t").unwrap_err().to_string();
        assert_eq!(
            err,
            "profile `sub`: invalid name constraint \"name_constraints\": no permitted or excluded subtrees are given"
        );
    }
}
