//! cfssl's command-line flags, command by command (cfssl 1.2 and 1.6, from
//! their `-h` and sources): a pasted cfssl command line runs as the certsmith
//! command that does the same job, or stops at once saying what to use
//! instead. Without this, clap reads a flag it does not know, such as
//! `-renewca`, as a bundle of short flags (`-r enewca`: "invalid recipient
//! \"enewca\"") (issue 14).
//!
//! Go's flag package reads `-name`, `--name`, `-name=value` and `-name value`
//! alike; bool flags take no separate value (`-initca`, `-initca=false`).
//! Every cfssl command registers every flag, and ignores those it does not
//! use; certsmith ignores those too, with a note.

use std::ffi::OsString;

/// Every flag cfssl 1.2 and 1.6 register (cli/config.go), and `loglevel`.
const CFSSL_FLAGS: &[&str] = &[
    "hostname",
    "cert",
    "csr",
    "ca",
    "ca-key",
    "tls-cert",
    "tls-key",
    "mutual-tls-ca",
    "mutual-tls-cn",
    "tls-remote-ca",
    "mutual-tls-client-cert",
    "mutual-tls-client-key",
    "key",
    "intermediates",
    "ca-bundle",
    "int-bundle",
    "address",
    "port",
    "min-tls-version",
    "config",
    "profile",
    "initca",
    "renewca",
    "int-dir",
    "flavor",
    "metadata",
    "domain",
    "ip",
    "remote",
    "label",
    "authkey",
    "responder",
    "responder-key",
    "status",
    "reason",
    "revoked-at",
    "interval",
    "list",
    "family",
    "scanner",
    "timeout",
    "csv",
    "num-workers",
    "max-hosts",
    "responses",
    "path",
    "crl",
    "password",
    "usage",
    "pgp-private",
    "pgp-name",
    "serial",
    "cn",
    "aki",
    "db-config",
    "expiry",
    "loglevel",
    "disable",
    // sign's usage and help name these, though cfssl registers them as
    // mutual-tls-client-cert and mutual-tls-client-key.
    "mutual-tls-cert",
    "mutual-tls-key",
];

/// cfssl's flags that take no value (Go bool flags), and cfssljson's.
const BOOL_FLAGS: &[&str] = &["initca", "renewca", "list", "bare", "stdout", "version"];

/// The cfssl commands whose flags are translated, by certsmith's name for
/// them (cfssljson is `split-json`). gencert is translated when it runs.
pub const COMMANDS: &[&str] = &[
    "gencert",
    "sign",
    "genkey",
    "bundle",
    "certinfo",
    "revoke",
    "gencrl",
    "info",
    "selfsign",
    "print-defaults",
    "split-json",
];

/// Which certsmith command a cfssl command line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The command of the same name (gencert without a switch: sign).
    Plain,
    /// `gencert -initca`, `genkey -initca`: a new self-signed CA.
    Initca,
    /// `gencert -renewca`: a new certificate for an existing CA key.
    Renewca,
    /// `gencert -remote`, `sign -remote`: a remote signer signs.
    Remote,
    /// cfssljson's `-version`.
    Version,
}

/// What certsmith does with one cfssl flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// certsmith's option of the same name and meaning.
    Same,
    /// certsmith's option of that name.
    Rename(&'static str),
    /// The value is a positional argument.
    Positional,
    /// Accepted and dropped, with a note saying why; `None`: cfssl's command
    /// does not use it either.
    Ignore(Option<&'static str>),
    /// Refused: what to use instead (the message reads "use …").
    Unsupported(&'static str),
    /// Chooses the command ([`Mode`]); read before the other flags.
    Switch,
}

const LOGLEVEL: &str = "certsmith prints only errors, warnings and notes";
const NO_DATABASE: &str = "`certsmith inspect CERT` on the certificate file: certsmith keeps no certificate database (the CA's ledger records each issuance)";
const FETCH_CHAIN: &str = "`openssl s_client -connect HOST:443 -showcerts </dev/null > chain.pem` and give certsmith that file";

/// The rule for `flag` of cfssl's `command` in `mode`; `None` when cfssl's
/// command has no such flag of its own.
fn rule(command: &str, mode: Mode, flag: &str, has_profile: bool) -> Option<Rule> {
    use Mode::*;
    use Rule::*;
    let initca_config = || {
        if has_profile {
            Same
        } else {
            Ignore(Some(
                "cfssl's initca does not read it either; add -profile to shape the CA with one of its CA profiles",
            ))
        }
    };
    Some(match (command, mode, flag) {
        (_, _, "loglevel") => Ignore(Some(LOGLEVEL)),
        ("gencert" | "sign", Remote, "remote") => Same,
        ("gencert", _, "initca" | "renewca" | "remote") => Switch,
        ("sign", _, "remote") | ("genkey", _, "initca") | ("split-json", _, "version") => Switch,

        // gencert -initca [-ca-key KEY]: a new root, or a new certificate
        // for the CA key (cfssl: "re-generate a CA cert with the CA key and CSR").
        ("gencert", Initca, "ca-key") => Rename("key"),
        ("gencert" | "genkey", Initca, "config") => initca_config(),
        ("gencert" | "genkey", Initca, "profile") => Same,
        ("gencert", Initca, "ca" | "hostname" | "label" | "cn" | "crl") => Ignore(Some(
            "cfssl's gencert -initca does not use it either: the CA certificate is self-signed and its names come from the CSR JSON",
        )),
        // gencert -renewca -ca CERT -ca-key KEY: initca --key KEY --ca CERT.
        ("gencert", Renewca, "ca") => Same,
        ("gencert", Renewca, "ca-key") => Rename("key"),
        ("gencert", Renewca, "config") => initca_config(),
        ("gencert", Renewca, "profile") => Same,
        ("gencert", Renewca, "hostname" | "label" | "cn" | "crl") => Ignore(Some(
            "cfssl's gencert -renewca does not use it either: the new CA certificate keeps the old one's names",
        )),

        // gencert/sign -remote ADDRESS: remote sign --remote ADDRESS.
        ("gencert" | "sign", Remote, "ca-key") => {
            Ignore(Some("the remote signer holds the CA key"))
        }
        ("gencert" | "sign", Remote, "config") => Unsupported(
            "a profile in --config that names the signer (\"remote\" or \"auth_remote\") instead of -remote, or `certsmith remote sign --auth-key env:VAR`",
        ),
        ("gencert" | "sign", Remote, "label" | "hostname" | "profile" | "tls-remote-ca") => Same,
        ("gencert" | "sign", Remote, "ca") => Same,
        ("gencert" | "sign", Remote, "mutual-tls-client-cert" | "mutual-tls-cert") => {
            Rename("client-cert")
        }
        ("gencert" | "sign", Remote, "mutual-tls-client-key" | "mutual-tls-key") => {
            Rename("client-key")
        }
        ("sign", Remote, "db-config") => Ignore(Some("the remote signer keeps its own records")),

        // gencert -ca/-ca-key, sign: a local CA signs.
        ("gencert" | "sign", _, "ca" | "ca-key" | "config" | "profile" | "hostname") => Same,
        ("gencert" | "sign", _, "tls-remote-ca") => Same,
        ("gencert" | "sign", _, "label") => Ignore(Some(
            "it picks a CA on a remote signer; --ca names the local one",
        )),
        (
            "sign",
            _,
            "mutual-tls-client-cert"
            | "mutual-tls-client-key"
            | "mutual-tls-cert"
            | "mutual-tls-key",
        ) => Ignore(Some("mutual TLS is for a remote signer (-remote)")),
        ("gencert", _, "csr") => Ignore(Some("gencert makes the CSR from the CSR JSON")),
        ("gencert", _, "cn") => Unsupported("\"CN\" in the CSR JSON"),
        ("gencert", _, "crl") => Unsupported("\"crl_url\" in the signing profile of --config"),
        ("sign", _, "csr") => Positional,
        ("sign", _, "db-config") => Unsupported(
            "--ledger FILE: certsmith records each issuance in the CA's signed ledger, not in a database",
        ),

        // genkey: a key and CSR; -initca above.
        ("genkey", _, "config") => Ignore(Some(
            "genkey makes no certificate, so no signing profile applies",
        )),

        // bundle -cert CERT: bundle CERT --roots … --intermediates ….
        ("bundle", _, "cert") => Positional,
        ("bundle", _, "ca-bundle") => Rename("roots"),
        ("bundle", _, "int-bundle" | "int-dir") => Rename("intermediates"),
        ("bundle", _, "flavor") => Ignore(Some(
            "certsmith builds the one chain from the certificate to the given roots",
        )),
        ("bundle", _, "metadata") => Ignore(Some(
            "it ranks chains by root-store ubiquity; certsmith builds the one chain to --roots",
        )),
        ("bundle", _, "key") => {
            Unsupported("the key file as it is: certsmith never puts a private key into a bundle")
        }
        ("bundle", _, "domain" | "ip") => Unsupported(FETCH_CHAIN),
        ("bundle", _, "password") => Unsupported(
            "`openssl pkcs12 -in FILE -nokeys -out cert.pem` first, and bundle cert.pem",
        ),

        ("certinfo", _, "cert" | "csr") => Same,
        ("certinfo", _, "domain") => Unsupported(FETCH_CHAIN),
        ("certinfo", _, "serial" | "aki" | "db-config") => Unsupported(NO_DATABASE),

        ("revoke", _, "serial" | "reason") => Same,
        ("revoke", _, "aki") => Unsupported("--ca CERT --ca-key KEY to name the CA"),
        ("revoke", _, "db-config") => Unsupported(
            "--ledger FILE: the revocation goes into the CA's signed ledger, and `certsmith crl` publishes it",
        ),

        ("info", _, "remote" | "label" | "profile" | "tls-remote-ca") => Same,
        ("info", _, "config") => Unsupported("--remote ADDRESS, with --label and --profile"),
        ("info", _, "mutual-tls-client-cert" | "mutual-tls-cert") => Rename("client-cert"),
        ("info", _, "mutual-tls-client-key" | "mutual-tls-key") => Rename("client-key"),

        ("selfsign", _, "config" | "profile") => Same,
        // cfssl: -hostname takes the place of the HOSTNAME argument.
        ("selfsign", _, "hostname") => Positional,
        ("selfsign", _, "initca") => Unsupported("`certsmith initca CSRJSON` for a self-signed CA"),

        ("split-json", _, "bare" | "stdout") => Same,
        _ => return None,
    })
}

/// A cfssl flag that certsmith refuses: a usage error.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    /// As typed, without its value (`-db-config`).
    pub flag: String,
    pub command: String,
    pub instead: &'static str,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cfssl's {} is not supported by `certsmith {}`; use {}",
            self.flag, self.command, self.instead
        )
    }
}

/// A cfssl command line as certsmith runs it.
#[derive(Debug, PartialEq, Eq)]
pub struct Translated {
    /// The certsmith command and its arguments (without the program name).
    pub args: Vec<OsString>,
    /// One line each, for stderr: the flags that were dropped, and why.
    pub notes: Vec<String>,
}

/// One token as Go's flag package reads it: `-name`, `--name`, `-name=value`.
fn as_flag(token: &str) -> Option<(&str, Option<&str>)> {
    let body = token
        .strip_prefix("--")
        .or_else(|| token.strip_prefix('-'))?;
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (body, None),
    };
    // Single letters are certsmith's (and clap's) short flags.
    (name.len() > 1 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .then_some((name, value))
}

/// Go's strconv.ParseBool, for `-initca=false`.
fn go_bool(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "f" | "F" | "false" | "FALSE" | "False"))
}

/// Translates the arguments of cfssl's `command` (those after its name).
/// `longs(path)` lists the long options of a certsmith command (`["remote",
/// "sign"]`), so that certsmith's own options pass unchanged.
pub fn translate(
    command: &str,
    args: &[OsString],
    longs: &dyn Fn(&[&str]) -> Vec<String>,
) -> Result<Translated, Refused> {
    let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let flags = || {
        args[..end]
            .iter()
            .filter_map(|a| a.to_str())
            .filter_map(as_flag)
    };
    let switched = |name: &str| {
        flags().any(|(n, v)| n == name && go_bool(v))
            && rule(command, Mode::Plain, name, false) == Some(Rule::Switch)
    };
    // cfssl's order of precedence: -renewca, then -initca, then -remote.
    let mode = if switched("renewca") {
        Mode::Renewca
    } else if switched("initca") {
        Mode::Initca
    } else if switched("remote") {
        Mode::Remote
    } else if switched("version") {
        Mode::Version
    } else {
        Mode::Plain
    };
    let path: Vec<&str> = match (command, mode) {
        (_, Mode::Initca | Mode::Renewca) => vec!["initca"],
        (_, Mode::Remote) => vec!["remote", "sign"],
        (_, Mode::Version) => vec!["version"],
        ("gencert", Mode::Plain) => vec!["sign"],
        (other, Mode::Plain) => vec![other],
    };
    if mode == Mode::Version {
        // cfssljson -version prints the version, whatever else is given.
        return Ok(Translated {
            args: vec!["version".into()],
            notes: Vec::new(),
        });
    }
    let has_profile = flags().any(|(n, _)| n == "profile");
    let mut own: Option<Vec<String>> = None;
    let mut out: Vec<OsString> = path.iter().map(OsString::from).collect();
    let mut notes = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let token = &args[i];
        i += 1;
        if i > end {
            out.push(token.clone());
            continue;
        }
        let Some((name, value)) = token.to_str().and_then(as_flag) else {
            out.push(token.clone());
            continue;
        };
        if name == "help" {
            out.push("--help".into());
            continue;
        }
        let is_bool = BOOL_FLAGS.contains(&name);
        let rule = match rule(command, mode, name, has_profile) {
            Some(rule) => rule,
            // certsmith's own option (`--strict`, `-ledger`), or not cfssl's
            // at all: clap decides (an unknown argument is a usage error).
            None if !CFSSL_FLAGS.contains(&name)
                || own
                    .get_or_insert_with(|| longs(&path))
                    .iter()
                    .any(|l| l == name) =>
            {
                out.push(token.clone());
                continue;
            }
            None => Rule::Ignore(None),
        };
        // The value of `-name value`, consumed with the flag.
        let mut take_value = |out: Option<&mut Vec<OsString>>| {
            if value.is_none() && !is_bool && i < end {
                if let Some(out) = out {
                    out.push(args[i].clone());
                }
                i += 1;
            }
        };
        let typed = format!("-{name}");
        match rule {
            Rule::Same | Rule::Rename(_) => {
                let long = match rule {
                    Rule::Rename(to) => to,
                    _ => name,
                };
                match value {
                    Some(v) => out.push(format!("--{long}={v}").into()),
                    None => out.push(format!("--{long}").into()),
                }
                take_value(Some(&mut out));
            }
            Rule::Positional => match value {
                Some(v) => out.push(v.into()),
                None => take_value(Some(&mut out)),
            },
            Rule::Switch => take_value(None),
            Rule::Ignore(why) => {
                take_value(None);
                let why = why.map_or_else(
                    || format!("`cfssl {command}` does not use it either"),
                    str::to_string,
                );
                notes.push(format!("note: cfssl's {typed} is ignored: {why}"));
            }
            Rule::Unsupported(instead) => {
                return Err(Refused {
                    flag: typed,
                    command: command.to_string(),
                    instead,
                });
            }
        }
    }
    Ok(Translated { args: out, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(command: &str, args: &[&str]) -> Result<Translated, Refused> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        // A stand-in for clap's tree: the long options each command has.
        let longs = |path: &[&str]| -> Vec<String> {
            let names: &[&str] = match path {
                ["sign"] => &[
                    "ca", "ca-key", "config", "profile", "hostname", "ledger", "key",
                ],
                ["initca"] => &["config", "profile", "ledger", "key", "ca"],
                ["remote", "sign"] => &["remote", "label", "profile", "hostname", "auth-key"],
                _ => &[],
            };
            names.iter().map(|s| s.to_string()).collect()
        };
        translate(command, &args, &longs)
    }

    fn argv(t: &Translated) -> Vec<&str> {
        t.args.iter().map(|a| a.to_str().unwrap()).collect()
    }

    #[test]
    fn gencert_renewca_becomes_initca_with_the_key_and_the_old_certificate() {
        let t = run(
            "gencert",
            &["-renewca", "-ca", "ca.pem", "-ca-key=ca-key.pem"],
        )
        .unwrap();
        assert_eq!(argv(&t), ["initca", "--ca", "ca.pem", "--key=ca-key.pem"]);
        assert!(t.notes.is_empty());
        let t = run("gencert", &["-initca", "-ca-key", "k.pem", "ca-csr.json"]).unwrap();
        assert_eq!(argv(&t), ["initca", "--key", "k.pem", "ca-csr.json"]);
        let t = run(
            "gencert",
            &["-initca=false", "-ca", "c", "-ca-key", "k", "x.json"],
        )
        .unwrap();
        assert_eq!(argv(&t), ["sign", "--ca", "c", "--ca-key", "k", "x.json"]);
    }

    #[test]
    fn remote_switches_to_remote_sign_and_its_flags_follow() {
        let t = run(
            "sign",
            &[
                "-remote=ca:8888",
                "-label",
                "primary",
                "-ca-key",
                "k",
                "-loglevel",
                "0",
                "x.csr",
            ],
        )
        .unwrap();
        assert_eq!(
            argv(&t),
            [
                "remote",
                "sign",
                "--remote=ca:8888",
                "--label",
                "primary",
                "x.csr"
            ]
        );
        assert_eq!(
            t.notes,
            [
                "note: cfssl's -ca-key is ignored: the remote signer holds the CA key",
                "note: cfssl's -loglevel is ignored: certsmith prints only errors, warnings and notes"
            ]
        );
        let t = run("gencert", &["--remote", "ca:8888", "x.json"]).unwrap();
        assert_eq!(
            argv(&t),
            ["remote", "sign", "--remote", "ca:8888", "x.json"]
        );
    }

    #[test]
    fn unsupported_flags_are_refused_naming_what_to_use() {
        let err = run("sign", &["-db-config", "db.json", "x.csr"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cfssl's -db-config is not supported by `certsmith sign`; use --ledger FILE: certsmith records each issuance in the CA's signed ledger, not in a database"
        );
    }

    #[test]
    fn flags_that_are_not_cfssls_pass_to_clap_and_after_double_dash_nothing_changes() {
        let t = run("sign", &["-nosuchflag", "-r", "age1x", "--", "-csr"]).unwrap();
        assert_eq!(
            argv(&t),
            ["sign", "-nosuchflag", "-r", "age1x", "--", "-csr"]
        );
    }

    #[test]
    fn a_cfssl_flag_the_command_does_not_use_is_ignored_as_cfssl_does() {
        let t = run("genkey", &["-tls-cert", "x.pem", "csr.json"]).unwrap();
        assert_eq!(argv(&t), ["genkey", "csr.json"]);
        assert_eq!(
            t.notes,
            ["note: cfssl's -tls-cert is ignored: `cfssl genkey` does not use it either"]
        );
        // certsmith's own option of that name wins, as typed: gencert -key
        // is sign's (normalize_go_flags then spells it --key).
        let t = run(
            "gencert",
            &["-ca", "c", "-ca-key", "k", "-key", "old-key.pem", "x.json"],
        )
        .unwrap();
        assert_eq!(
            argv(&t),
            [
                "sign",
                "--ca",
                "c",
                "--ca-key",
                "k",
                "-key",
                "old-key.pem",
                "x.json"
            ]
        );
        // certsmith's own flags pass as typed, bool or not: `--strict`
        // takes no value, so the next flag is still read.
        let refused = run("sign", &["--strict", "-db-config", "x"]).unwrap_err();
        assert_eq!(refused.flag, "-db-config");
    }
}
