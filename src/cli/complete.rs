//! The values a shell completes for flags whose values come from a fixed
//! list (`--reason`, `--profile`), instead of file names.
//!
//! The parsers here accept any string: the run logic still checks the value
//! and reports a wrong one as certsmith's own error (`unknown revocation
//! reason "…"`, `unknown profile "…"` with the known ones), with exit 1 and
//! a hint. They only tell clap, and through it `certsmith generate`'s
//! completions and `--help`, which values exist. The lists are static, so
//! that building a command (which asks every argument for its values) costs
//! no parsing.

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// A string flag whose usual values are `values`.
#[derive(Clone)]
pub struct Suggest {
    values: &'static [&'static str],
}

impl TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.values.iter().copied().map(PossibleValue::new),
        ))
    }
}

/// RFC 5280's reason names (§5.3.1), as `certsmith revoke --reason` reads them.
pub fn reasons() -> Suggest {
    Suggest {
        values: &certsmith::x509::crl::Reason::NAMES,
    }
}

/// The profiles of the built-in config (`profiles/default.json`), which
/// signs when no `--config` is given.
pub fn builtin_profiles() -> Suggest {
    Suggest {
        values: &BUILTIN_PROFILES,
    }
}

const BUILTIN_PROFILES: [&str; 6] = [
    "default",
    "server",
    "client",
    "peer",
    "kubernetes",
    "intermediate",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_are_those_of_profiles_default_json() {
        let config = certsmith::cfssl::config::Config::builtin();
        let mut shipped: Vec<&str> = std::iter::once("default")
            .chain(config.profiles.keys().map(String::as_str))
            .collect();
        let mut listed = BUILTIN_PROFILES.to_vec();
        shipped.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, shipped);
    }

    #[test]
    fn every_reason_name_is_one_revoke_accepts() {
        for name in certsmith::x509::crl::Reason::NAMES {
            let reason = certsmith::x509::crl::Reason::parse(name).unwrap();
            assert_eq!(reason.to_string(), name);
        }
    }
}
