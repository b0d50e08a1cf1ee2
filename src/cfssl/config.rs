//! The config JSON: signing profiles, auth keys and remotes, as cfssl reads
//! them (README, "Config JSON"). A profile is the signing policy: it decides
//! every security-relevant field of the certificates it signs; it is read in
//! [`profile`](super::profile).

use std::collections::BTreeMap;

use crate::cfssl::json::{self, Object};
use crate::{Error, Note, Result};

/// A config is read with its profiles: they are named from here too.
pub use crate::cfssl::profile::{
    AuthRemote, CaConstraint, CsrWhitelist, Policy, Profile, QualifierKind,
};

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
        let mut notes = Vec::new();
        let mut root = Object::new(&value, source, "")?;
        let mut default = Profile::cfssl_default();
        let mut default_from_file = false;
        let mut profiles = BTreeMap::new();
        if let Some(mut signing) = root.object("signing")? {
            if let Some(d) = signing.object("default")? {
                default = Profile::parse(d, "default", &mut notes)?;
                default_from_file = true;
            }
            if let Some(mut map) = signing.object("profiles")? {
                let names: Vec<String> = map_keys(&value, &["signing", "profiles"]);
                for name in names {
                    // Profile names are map keys: exact, not case-insensitive.
                    let o = map.member(&name)?;
                    let profile = Profile::parse(o, &name, &mut notes)?;
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
        // `shipped` is read only when a usage is left out for a key type
        // (decide::key_usage), so the comparison with the shipped files,
        // which parses them (issue 18: 8 % of a `sign`), waits until a
        // profile here has a usage that some key type forbids.
        let may_matter = (default_from_file && may_leave_out_usages(&default))
            || profiles.values().any(may_leave_out_usages);
        let shipped = may_matter && is_shipped(bytes, &value);
        if default_from_file {
            default.shipped = shipped;
        }
        for profile in profiles.values_mut() {
            profile.shipped = shipped;
        }
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
/// The same bytes, as the built-in config always is, need no parse.
fn is_shipped(bytes: &[u8], config: &serde_json::Value) -> bool {
    SHIPPED_CONFIGS.iter().any(|text| text.as_bytes() == bytes)
        || SHIPPED_CONFIGS.iter().any(|text| {
            serde_json::from_str::<serde_json::Value>(text).is_ok_and(|shipped| shipped == *config)
        })
}

/// Whether some key type forbids one of the profile's key usages, so that
/// a certificate from it may have a usage left out (every key type, as
/// [`KeyUsageBit::allowed_for`] judges them: RSA's size never matters).
///
/// [`KeyUsageBit::allowed_for`]: crate::x509::usage::KeyUsageBit::allowed_for
fn may_leave_out_usages(profile: &Profile) -> bool {
    use crate::keys::KeyAlgorithm;
    const EVERY_KIND: [KeyAlgorithm; 5] = [
        KeyAlgorithm::Rsa(2048),
        KeyAlgorithm::EcdsaP256,
        KeyAlgorithm::EcdsaP384,
        KeyAlgorithm::EcdsaP521,
        KeyAlgorithm::Ed25519,
    ];
    profile
        .key_usages()
        .any(|bit| EVERY_KIND.iter().any(|&key| bit.allowed_for(key).is_err()))
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
