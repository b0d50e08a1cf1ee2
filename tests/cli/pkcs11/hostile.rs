//! What a hostile review of token keys (issue 16) found, each now a test:
//! a panic, a PIN echoed, keys left in a token by a failed or racing run,
//! key pairs that share an id, bare module names, and failures that read
//! as something else.

use super::cli::{URI, certsmith, sign, snapshot, token_ca, verify_leaf};
use super::{MODULE, PIN, SoftToken};
use crate::support::{Scratch, certsmith_command};

const ENV: [(&str, &str); 2] = [
    ("CERTSMITH_PKCS11_PIN", PIN),
    ("CERTSMITH_PKCS11_MODULE", MODULE),
];

const ROOT_JSON: &str =
    r#"{"CN":"Hostile Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}"#;

#[test]
fn initca_with_pkcs11_key_and_ca_is_a_usage_error_not_a_panic() {
    let (s, token) = token_ca();
    let run = certsmith(
        &s,
        &token,
        &[
            "initca",
            "--pkcs11-key",
            "pkcs11:token=certsmith-ca;object=n",
            "--ca",
            "ca.pem",
        ],
        &ENV,
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    assert!(
        !token
            .private_keys("certsmith-ca")
            .contains("label:      n\n")
    );
}

#[test]
fn a_request_or_ledger_refused_later_makes_no_key_first() {
    let s = Scratch::new();
    let token = SoftToken::new();
    token.init("fresh");
    s.write(
        "nobody.json",
        r#"{"CN":"","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}"#,
    );
    s.write("root.json", ROOT_JSON);
    let uri = "pkcs11:token=fresh;object=root-key";
    for args in [
        vec!["initca", "--pkcs11-key", uri, "nobody.json"],
        vec!["genkey", "--pkcs11-key", uri, "nobody.json"],
        vec![
            "initca",
            "--pkcs11-key",
            uri,
            "--ledger",
            "missing/ledger.jsonl",
            "root.json",
        ],
    ] {
        let run = certsmith(&s, &token, &args, &ENV);
        let err = run.fails();
        assert!(!run.stderr.contains("key made in token"), "{args:?}: {err}");
        assert!(
            !token.private_keys("fresh").contains("root-key"),
            "{args:?} left a key"
        );
    }
    // The label is still free.
    certsmith(
        &s,
        &token,
        &["initca", "--pkcs11-key", uri, "root.json"],
        &ENV,
    )
    .ok();
}

#[test]
fn key_pairs_that_share_an_id_are_told_apart_by_label() {
    let (s, token) = token_ca();
    token.keypair("certsmith-ca", "EC:prime256v1", "twin-a", "77");
    token.keypair("certsmith-ca", "EC:prime256v1", "twin-b", "77");
    let mut spkis = Vec::new();
    for label in ["twin-a", "twin-b"] {
        let uri = format!("pkcs11:token=certsmith-ca;object={label}");
        let run = certsmith(&s, &token, &["key", "public", &uri], &ENV);
        spkis.push(run.ok().stdout_str());
        s.write(&format!("{label}.json"), r#"{"CN":"twin.example"}"#);
        let csr = certsmith(
            &s,
            &token,
            &["csr", "--key", &uri, &format!("{label}.json")],
            &ENV,
        );
        let json = csr.ok().json();
        s.write(
            &format!("{label}.csr"),
            json["csr"].as_str().expect("a CSR"),
        );
        s.run(
            "openssl",
            &["req", "-verify", "-noout", "-in", &format!("{label}.csr")],
        )
        .ok();
    }
    assert_ne!(spkis[0], spkis[1]);
}

#[test]
fn a_module_by_bare_name_is_refused_not_searched_for() {
    let (s, token) = token_ca();
    let pin = [("CERTSMITH_PKCS11_PIN", PIN)];
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", "libsofthsm2.so"],
        &pin,
    );
    assert!(
        run.fails().starts_with(
            "error: PKCS#11 module libsofthsm2.so is not an absolute path: the loader would search for it\nhint: "
        ),
        "{}",
        run.stderr
    );
    let by_env = certsmith_command()
        .args(["sign", "--ca", "token-ca.pem", "--ca-key", URI, "leaf.json"])
        .current_dir(s.dir.path())
        .env("SOFTHSM2_CONF", token.conf())
        .env("LD_LIBRARY_PATH", "/usr/lib/softhsm")
        .env("CERTSMITH_PKCS11_MODULE", "libsofthsm2.so")
        .envs(pin)
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(1));
    assert!(by_env.stdout.is_empty());
}

#[test]
fn a_pin_in_a_uri_is_never_echoed_even_where_no_token_key_is_taken() {
    let (s, token) = token_ca();
    let secret = "SEKRET99";
    assert!(secret.starts_with("SEK"));
    let uri = format!("pkcs11:token=certsmith-ca;object=ca-key;pin-value={secret}");
    let encoded = "pkcs11:token=a?%70in-valu%65=SEK RET99";
    for args in [
        // clap's own usage error (exit 2) quotes the argument it did not expect.
        vec![
            "crl",
            "--ca",
            "ca.pem",
            "--ca-key",
            URI,
            "--revoked",
            "r.txt",
            uri.as_str(),
        ],
        vec!["initca", "--config", encoded, "leaf.json"],
        vec!["inspect", uri.as_str()],
        vec!["ledger", "verify", "--ca", uri.as_str(), "ledger.jsonl"],
        vec![
            "sign",
            "--ca",
            uri.as_str(),
            "--ca-key",
            URI,
            "--pkcs11-module",
            MODULE,
            "leaf.json",
        ],
    ] {
        let run = certsmith(&s, &token, &args, &[("CERTSMITH_PKCS11_PIN", PIN)]);
        assert_ne!(run.status, 0);
        assert!(
            !run.stderr.contains("SEK") && !run.stderr.contains("RET99"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("=…"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_pin_variable_ending_in_a_newline_logs_in() {
    let (s, token) = token_ca();
    let pin = format!("{PIN}\n");
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", MODULE],
        &[("CERTSMITH_PKCS11_PIN", pin.as_str())],
    );
    verify_leaf(&s, &run, "leaf");
}

#[test]
fn a_missing_module_or_token_is_reported_before_a_pin_is_asked_for() {
    let (s, token) = token_ca();
    let before = snapshot(&s);
    // No PIN source at all: the module and the token are the complaint.
    let run = sign(
        &s,
        &token,
        URI,
        &["--pkcs11-module", "/nonexistent/p11.so"],
        &[],
    );
    assert!(
        run.fails()
            .starts_with("error: cannot load the PKCS#11 module"),
        "{}",
        run.stderr
    );
    let run = sign(
        &s,
        &token,
        "pkcs11:token=absent;object=k",
        &["--pkcs11-module", MODULE],
        &[],
    );
    assert!(
        run.fails().starts_with("error: no token matches"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&s), before);
}

#[test]
fn a_token_without_a_user_pin_says_so() {
    let s = Scratch::new();
    let token = SoftToken::new();
    // Initialised by its security officer, no user PIN set.
    let out = crate::support::command("pkcs11-tool")
        .args(["--module", MODULE, "--init-token", "--label", "no-user-pin"])
        .args(["--so-pin", "env:SO"])
        .env("SOFTHSM2_CONF", token.conf())
        .env("SO", super::SO_PIN)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.write("root.json", ROOT_JSON);
    let run = certsmith(
        &s,
        &token,
        &[
            "initca",
            "--pkcs11-key",
            "pkcs11:token=no-user-pin;object=k",
            "root.json",
        ],
        &ENV,
    );
    assert!(
        run.fails()
            .starts_with("error: token \"no-user-pin\" has no user PIN set\nhint: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_run_that_fails_after_making_its_key_destroys_it_again() {
    let s = Scratch::new();
    let token = SoftToken::new();
    token.init("undo");
    s.write("root.json", ROOT_JSON);
    s.write(
        "no-validity.json",
        r#"{"CN":"Hostile Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"0h"}}"#,
    );
    let uri = "pkcs11:token=undo;object=root-key";
    let full = || {
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // Each fails after the key is made: a ledger that cannot be written
    // (/proc takes no new files), a root with no validity, a full stdout.
    let runs: [(&[&str], bool); 4] = [
        (
            &[
                "initca",
                "--pkcs11-key",
                uri,
                "--ledger",
                "/proc/certsmith-ledger.jsonl",
                "root.json",
            ],
            false,
        ),
        (&["initca", "--pkcs11-key", uri, "no-validity.json"], false),
        (&["initca", "--pkcs11-key", uri, "root.json"], true),
        (&["genkey", "--pkcs11-key", uri, "root.json"], true),
    ];
    for (args, to_full) in runs {
        let mut cmd = certsmith_command();
        cmd.args(args)
            .current_dir(s.dir.path())
            .env("SOFTHSM2_CONF", token.conf())
            .envs(ENV);
        if to_full {
            cmd.stdout(full());
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("key made in token \"undo\""),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("note: the key this run made in the token is destroyed again"),
            "{args:?}: {stderr}"
        );
        let listed = token.private_keys("undo");
        assert!(
            !listed.contains("root-key"),
            "{args:?} left its key:\n{listed}"
        );
    }
    // The label is free: a run that succeeds keeps its key.
    certsmith(
        &s,
        &token,
        &["initca", "--pkcs11-key", uri, "root.json"],
        &ENV,
    )
    .ok();
    assert!(token.private_keys("undo").contains("root-key"));
}

#[test]
fn a_public_key_object_of_another_key_is_never_taken_for_the_keys_own() {
    let (s, token) = token_ca();
    token.keypair("certsmith-ca", "EC:prime256v1", "own", "03");
    token.keypair("certsmith-ca", "EC:prime256v1", "other", "03");
    // The key's own public object is gone; another key's has its id.
    token.run(
        "pkcs11-tool",
        &[
            "--module",
            MODULE,
            "--token-label",
            "certsmith-ca",
            "--login",
            "--pin",
            "env:PIN",
            "--delete-object",
            "--type",
            "pubkey",
            "--label",
            "own",
        ],
    );
    let run = certsmith(
        &s,
        &token,
        &["key", "fingerprint", "pkcs11:token=certsmith-ca;object=own"],
        &ENV,
    );
    assert!(
        run.fails().starts_with(
            "error: pkcs11:token=certsmith-ca;object=own: the public key object with this key's id is another key's\nhint: "
        ),
        "{}",
        run.stderr
    );
    // The other key, whose public object it is, is read as before.
    certsmith(
        &s,
        &token,
        &[
            "key",
            "fingerprint",
            "pkcs11:token=certsmith-ca;object=other",
        ],
        &ENV,
    )
    .ok();
}

#[test]
fn a_key_limited_to_a_hashing_mechanism_signs_through_it() {
    let (s, token) = token_ca();
    token.run(
        "pkcs11-tool",
        &[
            "--module",
            MODULE,
            "--token-label",
            "certsmith-ca",
            "--login",
            "--pin",
            "env:PIN",
            "--keypairgen",
            "--key-type",
            "rsa:2048",
            "--label",
            "limited",
            "--id",
            "10",
            "--allowed-mechanisms",
            "SHA256-RSA-PKCS",
        ],
    );
    s.write("limited.json", r#"{"CN":"limited.example"}"#);
    let run = certsmith(
        &s,
        &token,
        &[
            "csr",
            "--key",
            "pkcs11:token=certsmith-ca;object=limited",
            "limited.json",
        ],
        &ENV,
    );
    let json = run.ok().json();
    s.write("limited.csr", json["csr"].as_str().expect("a CSR"));
    s.run(
        "openssl",
        &["req", "-verify", "-noout", "-in", "limited.csr"],
    )
    .ok();
}
