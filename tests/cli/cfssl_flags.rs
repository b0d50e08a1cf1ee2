//! cfssl's flags and command names, as a cfssl user types them (issue 14):
//! flags certsmith has are mapped, flags with no meaning here are ignored
//! with a note, the rest are refused saying what to use; selfsign, gencrl,
//! info and version. Every certificate and CRL is checked with openssl.

use std::collections::BTreeSet;

use crate::support::*;

const LEAF: &str = r#"{"CN":"www.example.net","hosts":["www.example.net","10.0.0.1"]}"#;

fn files(s: &Scratch) -> BTreeSet<String> {
    std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A root, an intermediate under it, and `leaf.json`.
fn with_chain() -> Scratch {
    let s = with_root();
    s.write("int.json", r#"{"CN":"Test Intermediate","ca":{}}"#);
    s.sign_split("ca", &["--profile", "intermediate", "int.json"], "int");
    s.write("leaf.json", LEAF);
    s
}

#[test]
fn cfssl_flags_certsmith_lacks_are_refused_as_usage_naming_what_to_use() {
    let s = with_chain();
    s.write("db.json", "{}");
    let before = files(&s);
    for (args, message) in [
        (
            "sign -ca ca.pem -ca-key ca-key.pem -db-config db.json leaf.json",
            "cfssl's -db-config is not supported by `certsmith sign`; use --ledger FILE: certsmith records each issuance in the CA's signed ledger, not in a database",
        ),
        (
            "gencert -ca ca.pem -ca-key ca-key.pem -cn other leaf.json",
            "cfssl's -cn is not supported by `certsmith gencert`; use \"CN\" in the CSR JSON",
        ),
        (
            "bundle -domain example.com",
            "cfssl's -domain is not supported by `certsmith bundle`; use `openssl s_client -connect HOST:443 -showcerts </dev/null > chain.pem` and give certsmith that file",
        ),
        (
            "bundle -ca-bundle ca.pem -cert int.pem -key int-key.pem",
            "cfssl's -key is not supported by `certsmith bundle`; use the key file as it is: certsmith never puts a private key into a bundle",
        ),
        (
            "certinfo -db-config db.json -serial 1 -aki ab",
            "cfssl's -db-config is not supported by `certsmith certinfo`; use `certsmith inspect CERT` on the certificate file: certsmith keeps no certificate database (the CA's ledger records each issuance)",
        ),
        (
            "revoke -db-config db.json -serial 1 -aki ab",
            "cfssl's -db-config is not supported by `certsmith revoke`; use --ledger FILE: the revocation goes into the CA's signed ledger, and `certsmith crl` publishes it",
        ),
        (
            "info -config db.json",
            "cfssl's -config is not supported by `certsmith info`; use --remote ADDRESS, with --label and --profile",
        ),
        (
            "sign -remote=127.0.0.1:1 -config db.json leaf.json",
            "cfssl's -config is not supported by `certsmith sign`; use a profile in --config that names the signer (\"remote\" or \"auth_remote\") instead of -remote, or `certsmith remote sign --auth-key env:VAR`",
        ),
        (
            "selfsign -initca www.example.net leaf.json",
            "cfssl's -initca is not supported by `certsmith selfsign`; use `certsmith initca CSRJSON` for a self-signed CA",
        ),
    ] {
        let run = s.certsmith(&args.split(' ').collect::<Vec<_>>());
        assert_eq!(run.status, 2, "{args}: {}", run.stderr);
        assert_eq!(run.stderr, format!("error: {message}\n"), "{args}");
        assert!(run.stdout.is_empty(), "{args}: {}", run.stdout_str());
    }
    assert_eq!(files(&s), before, "a refused command wrote a file");
}

#[test]
fn cfssl_flags_certsmith_has_are_mapped() {
    let s = with_chain();
    s.certsmith_split(
        &[
            "sign",
            "-ca",
            "int.pem",
            "-ca-key",
            "int-key.pem",
            "-profile",
            "server",
            "leaf.json",
        ],
        "leaf",
    );
    // bundle -cert -ca-bundle -int-bundle: bundle CERT --roots --intermediates.
    let bundle = s.certsmith_split(
        &[
            "bundle",
            "-cert",
            "leaf.pem",
            "-ca-bundle=ca.pem",
            "-int-bundle",
            "int.pem",
            "-flavor",
            "optimal",
        ],
        "chain",
    );
    assert_eq!(
        bundle.stderr,
        "note: cfssl's -flavor is ignored: certsmith builds the one chain from the certificate to the given roots\n"
    );
    s.openssl_verify("chain-root.pem", &["chain-bundle.pem"], "chain-bundle.pem");
    // -int-dir is a directory of intermediates.
    std::fs::create_dir(s.path("ints")).unwrap();
    std::fs::copy(s.path("int.pem"), s.path("ints/int.pem")).unwrap();
    s.certsmith(&[
        "bundle",
        "-cert",
        "leaf.pem",
        "-ca-bundle",
        "ca.pem",
        "-int-dir",
        "ints",
    ])
    .ok();

    // sign -csr FILE: the CSR comes from the flag.
    s.write(
        "other.json",
        r#"{"CN":"other.example.net","hosts":["other.example.net"]}"#,
    );
    s.certsmith_split(&["genkey", "other.json"], "other");
    s.certsmith_split(
        &[
            "sign",
            "-ca",
            "int.pem",
            "-ca-key",
            "int-key.pem",
            "-profile",
            "server",
            "-csr",
            "other.csr",
        ],
        "other",
    );
    s.openssl_verify("ca.pem", &["int.pem"], "other.pem");

    // -label and -loglevel mean nothing for a local CA: ignored, with a note each.
    let run = s.certsmith_split(
        &[
            "gencert",
            "-loglevel=0",
            "-ca=int.pem",
            "-ca-key=int-key.pem",
            "-label",
            "primary",
            "-profile=server",
            "leaf.json",
        ],
        "labelled",
    );
    assert_eq!(
        run.stderr,
        "note: cfssl's -loglevel is ignored: certsmith prints only errors, warnings and notes\n\
         note: cfssl's -label is ignored: it picks a CA on a remote signer; --ca names the local one\n"
    );
    s.openssl_verify("ca.pem", &["int.pem"], "labelled.pem");

    // A flag cfssl registers for every command but gencert does not use.
    let run = s.certsmith(&[
        "gencert",
        "-ca",
        "int.pem",
        "-ca-key",
        "int-key.pem",
        "-csr",
        "x.csr",
        "-profile",
        "server",
        "leaf.json",
    ]);
    assert_eq!(
        run.ok().stderr,
        "note: cfssl's -csr is ignored: gencert makes the CSR from the CSR JSON\n"
    );
    let run = s.certsmith(&["genkey", "-tls-cert", "x.pem", "leaf.json"]);
    assert_eq!(
        run.ok().stderr,
        "note: cfssl's -tls-cert is ignored: `cfssl genkey` does not use it either\n"
    );
    // -help is Go's spelling of --help.
    let help = s.certsmith(&["sign", "-help"]);
    assert!(
        help.ok().stdout_str().starts_with("Sign a CSR"),
        "{}",
        help.stdout_str()
    );
}

#[test]
fn sign_remote_and_info_go_to_the_remote_signer() {
    let s = Scratch::new();
    s.write("leaf.json", LEAF);
    for args in [
        &[
            "sign",
            "-remote=127.0.0.1:1",
            "-label",
            "primary",
            "leaf.json",
        ][..],
        &["gencert", "-remote", "127.0.0.1:1", "leaf.json"],
        &["info", "-remote", "127.0.0.1:1", "-label", "primary"],
    ] {
        let err = s.certsmith(args).fails().to_string();
        assert!(
            err.starts_with("error: no remote answered: http://127.0.0.1:1: connection refused\n"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn genkey_initca_makes_a_ca_as_cfssl_does() {
    // cfssl genkey -initca prints {"cert","csr","key"}: a self-signed CA
    // (checked against cfssl 1.2), which cfssljson -bare writes as ca.pem.
    let s = Scratch::new();
    s.write("ca-csr.json", ROOT_CSR);
    let run = s.certsmith_split(&["genkey", "-initca", "ca-csr.json"], "ca");
    let json = run.json();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["cert", "csr", "key"]);
    assert!(s.x509_text("ca.pem").contains("CA:TRUE"));
    s.openssl_verify("ca.pem", &[], "ca.pem");
}

#[test]
fn selfsign_makes_a_self_signed_leaf_for_the_hostname() {
    let s = Scratch::new();
    s.write(
        "csr.json",
        r#"{"CN":"www.example.net","hosts":["ignored.example"]}"#,
    );
    let run = s.certsmith_split(&["selfsign", "www.example.net,10.0.0.1", "csr.json"], "www");
    assert_eq!(
        run.stderr,
        "warning: a self-signed certificate: nothing trusts it but a client told to pin it; for testing only\n"
    );
    s.openssl_verify("www.pem", &[], "www.pem");
    let text = s.x509_text("www.pem");
    assert!(
        text.contains("DNS:www.example.net, IP Address:10.0.0.1"),
        "{text}"
    );
    assert!(!text.contains("ignored.example"), "{text}");
    assert!(text.contains("CA:FALSE"), "{text}");
    assert!(text.contains("TLS Web Server Authentication"), "{text}");
    // cfssl's validity without a config: 2190h.
    let dates = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-checkend",
                &(2189 * 3600).to_string(),
                "-in",
                "www.pem",
            ],
        )
        .status;
    assert_eq!(dates, 0, "expires before 2189h");
    let dates = s
        .run(
            "openssl",
            &[
                "x509",
                "-noout",
                "-checkend",
                &(2191 * 3600).to_string(),
                "-in",
                "www.pem",
            ],
        )
        .status;
    assert_eq!(dates, 1, "valid beyond 2191h");
    // cfssl's -hostname takes HOSTNAME's place.
    s.certsmith_split(&["selfsign", "-hostname", "a.example.net", "csr.json"], "a");
    assert!(s.x509_text("a.pem").contains("DNS:a.example.net"));
    s.openssl_verify("a.pem", &[], "a.pem");
}

/// `n` in decimal, as cfssl writes serials.
fn decimal(hex: &str) -> String {
    let mut digits: Vec<u8> = vec![0];
    for nibble in hex.chars().map(|c| c.to_digit(16).unwrap()) {
        let mut carry = nibble;
        for d in digits.iter_mut() {
            let v = u32::from(*d) * 16 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

fn crl_text(s: &Scratch, b64: &[u8], name: &str) -> String {
    std::fs::write(s.path(&format!("{name}.b64")), b64).unwrap();
    s.run("sh", &["-c", &format!("base64 -d {name}.b64 > {name}.der")])
        .ok();
    let verify = s.run(
        "openssl",
        &[
            "crl",
            "-inform",
            "DER",
            "-in",
            &format!("{name}.der"),
            "-CAfile",
            "ca.pem",
            "-noout",
            "-text",
        ],
    );
    assert!(
        verify.ok().stderr.contains("verify OK"),
        "{}",
        verify.stderr
    );
    verify.stdout_str()
}

/// openssl's "Next Update" is a day after "Last Update": the same time of day, another date.
#[track_caller]
fn assert_next_update_a_day_later(crl_text: &str) {
    let field = |name: &str| {
        crl_text
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {crl_text}"))
            .trim()
            .to_owned()
    };
    let (last, next) = (field("Last Update:"), field("Next Update:"));
    // "Jan  2 10:00:00 2026 GMT"
    let time_of = |t: &str| t.split_whitespace().nth(2).unwrap().to_owned();
    assert_eq!(time_of(&last), time_of(&next), "{last} / {next}");
    assert_ne!(last, next);
}

#[test]
fn gencrl_reads_decimal_serials_and_prints_what_cfssl_prints() {
    let s = with_root();
    s.write("leaf.json", LEAF);
    s.sign_split("ca", &["leaf.json"], "leaf");
    let serial = s
        .run("openssl", &["x509", "-noout", "-serial", "-in", "leaf.pem"])
        .ok()
        .stdout_str()
        .trim()
        .trim_start_matches("serial=")
        .to_owned();
    s.write("revoked.txt", &format!("{}\n\n42\n", decimal(&serial)));
    s.write("time.txt", "86400\n");
    let ours = s.certsmith(&["gencrl", "revoked.txt", "ca.pem", "ca-key.pem", "86400"]);
    assert_eq!(ours.ok().stderr, "");
    assert_eq!(ours.stdout.iter().filter(|b| **b == b'\n').count(), 1);
    let text = crl_text(&s, &ours.stdout, "ours");
    assert_next_update_a_day_later(&text);
    // cfssl 1.2 reads TIME from a file; 1.6 takes the number; certsmith both.
    let from_file = s.certsmith(&["gencrl", "revoked.txt", "ca.pem", "ca-key.pem", "time.txt"]);
    assert_next_update_a_day_later(&crl_text(&s, &from_file.ok().stdout, "from-file"));
    // cfssl's own gencrl lists the same serials from the same file.
    let theirs = s.run(
        "cfssl",
        &["gencrl", "revoked.txt", "ca.pem", "ca-key.pem", "time.txt"],
    );
    let theirs_text = crl_text(&s, &theirs.ok().stdout, "theirs");
    let serials = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with("Serial Number:"))
            .map(|l| l.trim().to_owned())
            .collect()
    };
    assert_eq!(serials(&text), serials(&theirs_text));
    // From stdin, the default of a week.
    let stdin = s.certsmith_stdin(&["gencrl", "-", "ca.pem", "ca-key.pem"], b"42\n");
    crl_text(&s, &stdin.ok().stdout, "stdin");
    // A hex serial is not silently read as decimal.
    s.write("hex.txt", "42\n5A3F\n");
    let err = s
        .certsmith(&["gencrl", "hex.txt", "ca.pem", "ca-key.pem"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: hex.txt: line 2: serial \"5A3F\" is not a decimal number: gencrl reads serials as cfssl writes them; `certsmith crl --revoked` reads hex\n"
    );
    let both = s.certsmith(&["gencrl", "-", "ca.pem", "-"]);
    assert_eq!(both.status, 2, "{}", both.stderr);
    assert!(
        both.stderr.starts_with(
            "error: <INPUTFILE> and <KEY> both name - (stdin), which can be read only once: give one of them a file\n"
        ),
        "{}",
        both.stderr
    );
}

#[test]
fn version_prints_what_dash_dash_version_prints() {
    let s = Scratch::new();
    let version = s.certsmith(&["version"]).ok().stdout_str();
    assert_eq!(
        version,
        format!("certsmith {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(s.certsmith(&["--version"]).ok().stdout_str(), version);
    // cfssljson -version.
    assert_eq!(
        s.certsmith(&["split-json", "-version"]).ok().stdout_str(),
        version
    );
}

#[test]
fn cfssls_command_names_have_help_with_examples() {
    let s = Scratch::new();
    for command in ["selfsign", "gencrl", "info", "version"] {
        let help = s.certsmith(&[command, "--help"]).ok().stdout_str();
        let tail = help.trim_end().rsplit("\n\n").next().unwrap();
        assert!(
            tail.starts_with("Examples:\n  certsmith "),
            "{command}:\n{help}"
        );
        assert!(
            tail.lines().all(|l| l.chars().count() <= 96),
            "{command}:\n{help}"
        );
    }
    let list = s.certsmith(&["--help"]).ok().stdout_str();
    for command in ["selfsign", "gencrl", "info", "version"] {
        assert!(list.contains(&format!("\n  {command} ")), "{list}");
    }
}

#[test]
fn hidden_commands_are_never_suggested_or_completed() {
    let s = Scratch::new();
    for typo in ["generat", "gene", "genrate"] {
        let run = s.certsmith(&[typo]);
        assert_eq!(run.status, 2);
        assert!(!run.stderr.contains("generate"), "{typo}: {}", run.stderr);
    }
    let completions = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for entry in std::fs::read_dir(completions).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("generate"),
            "{} completes generate",
            path.display()
        );
    }
    // It still runs when named.
    s.certsmith(&["generate", "out"]).ok();
    assert!(s.exists("out/man/certsmith-selfsign.1"));
    assert!(!s.exists("out/man/certsmith-generate.1"));
}
