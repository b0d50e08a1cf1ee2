//! The shipped signing-profile files (profiles/*.json) parse without warnings,
//! and every profile in them yields certificates that openssl verifies and
//! pkilint passes, for RSA 2048, ECDSA P-256 and Ed25519 keys.

use std::path::PathBuf;

use crate::support::*;

const KEYS: [(&str, &str); 3] = [
    ("rsa", r#"{"algo":"rsa","size":2048}"#),
    ("ec", r#"{"algo":"ecdsa","size":256}"#),
    ("ed", r#"{"algo":"ed25519"}"#),
];

fn profile_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(name)
}

/// The profile names of a config file (`default` first) and whether each makes a CA.
fn profiles_of(config: &serde_json::Value) -> Vec<(String, bool)> {
    let signing = &config["signing"];
    let is_ca = |p: &serde_json::Value| p["ca_constraint"]["is_ca"].as_bool() == Some(true);
    let mut out = vec![("default".to_owned(), is_ca(&signing["default"]))];
    for (name, p) in signing["profiles"].as_object().expect("profiles object") {
        out.push((name.clone(), is_ca(p)));
    }
    out
}

/// Signs a request with every profile of `file` and every key type, under a
/// root made by `initca` (with `root_profile` from the same file when given).
fn check_profile_file(file: &str, root_profile: Option<&str>, expected: &[&str]) {
    let s = Scratch::new();
    let config_path = profile_file(file);
    let config_arg = path_str(&config_path).to_owned();
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).expect("read profile file"))
            .expect("profile file is JSON");
    let profiles = profiles_of(&config);
    let names: Vec<&str> = profiles.iter().map(|(n, _)| n.as_str()).collect();
    for want in expected {
        assert!(
            names.contains(want),
            "{file} lacks profile {want}: {names:?}"
        );
    }

    s.write("root-csr.json", ROOT_CSR);
    let mut initca = vec!["initca"];
    if let Some(p) = root_profile {
        initca.extend(["--config", &config_arg, "--profile", p]);
    }
    initca.push("root-csr.json");
    let root = s.certsmith_split(&initca, "root");
    assert!(!root.stderr.contains("warning:"), "{}", root.stderr);

    let mut certs = vec!["root.pem".to_owned()];
    for (profile, ca) in &profiles {
        for (kname, key) in KEYS {
            let name = format!("{profile}-{kname}");
            let request = if *ca {
                format!(
                    r#"{{"CN":"{name} CA","names":[{{"C":"US","O":"certsmith tests"}}],"ca":{{}},"key":{key}}}"#
                )
            } else {
                format!(
                    r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com","10.1.2.3"],"names":[{{"O":"certsmith tests"}}],"key":{key}}}"#
                )
            };
            s.write(&format!("{name}.json"), &request);
            let run = s.sign_split(
                "root",
                &[
                    "--config",
                    &config_arg,
                    "--profile",
                    profile,
                    &format!("{name}.json"),
                ],
                &name,
            );
            assert!(
                !run.stderr.contains("warning:"),
                "{file} profile {profile}: {}",
                run.stderr
            );
            s.openssl_verify("root.pem", &[], &format!("{name}.pem"));
            let text = s.x509_text(&format!("{name}.pem"));
            assert_eq!(
                text.contains("CA:TRUE"),
                *ca,
                "{file} profile {profile}:\n{text}"
            );
            certs.push(format!("{name}.pem"));
        }
    }
    // pkilint is the slow part: several at a time.
    std::thread::scope(|scope| {
        for chunk in certs.chunks(certs.len().div_ceil(4)) {
            let s = &s;
            scope.spawn(move || {
                for cert in chunk {
                    s.pkilint(cert);
                }
            });
        }
    });
}

#[test]
fn default_profiles_yield_verified_lint_clean_certificates() {
    check_profile_file(
        "default.json",
        None,
        &[
            "default",
            "server",
            "client",
            "peer",
            "kubernetes",
            "intermediate",
        ],
    );
}

#[test]
fn kubernetes_profiles_yield_verified_lint_clean_certificates() {
    check_profile_file(
        "kubernetes.json",
        None,
        &[
            "default",
            "kubernetes",
            "kube-apiserver",
            "kubelet",
            "kube-client",
            "etcd-peer",
            "service-account",
            "front-proxy-client",
        ],
    );
}

#[test]
fn offline_root_profiles_yield_verified_lint_clean_certificates() {
    check_profile_file(
        "offline-root.json",
        Some("root"),
        &[
            "default",
            "root",
            "intermediate",
            "constrained-intermediate",
            "server",
            "client",
            "peer",
        ],
    );
}

#[test]
fn offline_root_profiles_shape_the_hierarchy() {
    let s = Scratch::new();
    let config_path = profile_file("offline-root.json");
    let config = path_str(&config_path);
    s.write("root-csr.json", ROOT_CSR);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            config,
            "--profile",
            "root",
            "root-csr.json",
        ],
        "root",
    );
    let root = s.x509_text("root.pem");
    assert!(root.contains("Certificate Sign, CRL Sign"), "{root}");
    assert!(root.contains("CA:TRUE"), "{root}");

    s.write(
        "int.json",
        r#"{"CN":"Constrained Intermediate","names":[{"O":"certsmith tests"}],"ca":{}}"#,
    );
    s.sign_split(
        "root",
        &[
            "--config",
            config,
            "--profile",
            "constrained-intermediate",
            "int.json",
        ],
        "int",
    );
    let int = s.x509_text("int.pem");
    assert!(int.contains("CA:TRUE, pathlen:0"), "{int}");
    assert!(
        int.contains("X509v3 Name Constraints: critical")
            && int.contains("DNS:example.com")
            && int.contains("IP:10.0.0.0/255.0.0.0"),
        "{int}"
    );

    // A leaf inside the constraints verifies through the intermediate.
    s.write(
        "leaf.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com","10.1.2.3"]}"#,
    );
    s.sign_split(
        "int",
        &["--config", config, "--profile", "server", "leaf.json"],
        "leaf",
    );
    s.openssl_verify("root.pem", &["int.pem"], "leaf.pem");
    s.pkilint("leaf.pem");
}

#[test]
fn kubernetes_service_account_profile_is_signature_only() {
    let s = with_root();
    let config_path = profile_file("kubernetes.json");
    s.write(
        "sa.json",
        r#"{"CN":"service-accounts","names":[{"O":"Kubernetes"}]}"#,
    );
    s.sign_split(
        "ca",
        &[
            "--config",
            path_str(&config_path),
            "--profile",
            "service-account",
            "sa.json",
        ],
        "sa",
    );
    let text = s.x509_text("sa.pem");
    assert!(text.contains("Digital Signature\n"), "{text}");
    assert!(!text.contains("Extended Key Usage"), "{text}");
}

/// The shipped profiles are templates for every key type (issue 14): an
/// ECDSA or Ed25519 certificate from any of them, as built in or as a
/// `--config` file (even reformatted), is signed without a word on stderr,
/// where each used to say that `key encipherment` was left out. initca
/// prints its record lines and nothing else.
#[test]
fn shipped_profiles_sign_ecdsa_and_ed25519_quietly() {
    let s = Scratch::new();
    // Outlives offline-root.json's `root` profile, so that nothing is clamped.
    s.write(
        "root-csr.json",
        r#"{"CN":"Quiet Root","names":[{"O":"certsmith tests"}],"ca":{"expiry":"175200h"}}"#,
    );
    let root = s.certsmith(&["initca", "root-csr.json"]);
    for line in root.ok().stderr.lines() {
        assert!(
            !line.starts_with("note:") && !line.starts_with("warning:"),
            "initca: {}",
            root.stderr
        );
    }
    s.certsmith_stdin(&["split-json", "root"], &root.stdout)
        .ok();

    // kubernetes.json as a user copies it: same JSON, other whitespace.
    let kubernetes: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(profile_file("kubernetes.json")).unwrap())
            .unwrap();
    s.write(
        "k8s-copy.json",
        &serde_json::to_string(&kubernetes).unwrap(),
    );
    let mut configs: Vec<(Option<String>, serde_json::Value)> = vec![(
        None,
        serde_json::from_str(certsmith_default_json().as_str()).unwrap(),
    )];
    for file in ["default.json", "kubernetes.json", "offline-root.json"] {
        let path = profile_file(file);
        let json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        configs.push((Some(path_str(&path).to_owned()), json));
    }
    configs.push((
        Some(path_str(&s.path("k8s-copy.json")).to_owned()),
        kubernetes,
    ));

    for (i, (config, json)) in configs.iter().enumerate() {
        for (profile, ca) in profiles_of(json) {
            for (kname, key) in [KEYS[1], KEYS[2]] {
                let name = format!("c{i}-{profile}-{kname}");
                let request = if ca {
                    format!(r#"{{"CN":"{name} CA","ca":{{}},"key":{key}}}"#)
                } else {
                    format!(
                        r#"{{"CN":"{name}.example.com","hosts":["{name}.example.com"],"key":{key}}}"#
                    )
                };
                s.write(&format!("{name}.json"), &request);
                let mut args = vec!["sign", "--ca", "root.pem", "--ca-key", "root-key.pem"];
                if let Some(c) = config {
                    args.extend(["--config", c.as_str()]);
                }
                let request_file = format!("{name}.json");
                args.extend(["--profile", &profile, &request_file]);
                let run = s.certsmith(&args);
                run.ok();
                if ca {
                    // A CA profile may print the ceremony record, never a note.
                    assert!(
                        !run.stderr.contains("note:") && !run.stderr.contains("warning:"),
                        "{config:?} {profile} {kname}: {}",
                        run.stderr
                    );
                } else {
                    assert_eq!(run.stderr, "", "{config:?} {profile} {kname}");
                }
                s.certsmith_stdin(&["split-json", &name], &run.stdout).ok();
                s.openssl_verify("root.pem", &[], &format!("{name}.pem"));
            }
        }
    }
}

/// The built-in config, as `print-defaults config` prints it.
fn certsmith_default_json() -> String {
    Scratch::new()
        .certsmith(&["print-defaults", "config"])
        .ok()
        .stdout_str()
}

/// A profile the user wrote that asks for usages a key type cannot have
/// gets one note per certificate, naming the profile and all of them.
#[test]
fn a_users_own_profile_gets_one_note_for_the_usages_a_key_cannot_have() {
    let s = with_root();
    let config = s.write(
        "ca-config.json",
        r#"{"signing":{"profiles":{"tls":{"expiry":"8760h",
            "usages":["signing","key encipherment","data encipherment","server auth"]}}}}"#,
    );
    for (kname, key, stderr) in [
        (
            "ec",
            KEYS[1].1,
            "note: profile `tls`: usages `key encipherment`, `data encipherment` left out: not allowed for ECDSA keys (RFC 8813 §3)\n",
        ),
        (
            "ed",
            KEYS[2].1,
            "note: profile `tls`: usages `key encipherment`, `data encipherment` left out: not allowed for Ed25519 keys (RFC 8410 §5)\n",
        ),
        ("rsa", KEYS[0].1, ""),
    ] {
        s.write(
            &format!("{kname}.json"),
            &format!(r#"{{"CN":"a.example.com","hosts":["a.example.com"],"key":{key}}}"#),
        );
        let run = s.sign_split(
            "ca",
            &[
                "--config",
                path_str(&config),
                "--profile",
                "tls",
                &format!("{kname}.json"),
            ],
            kname,
        );
        assert_eq!(run.stderr, stderr, "{kname}");
        s.openssl_verify("ca.pem", &[], &format!("{kname}.pem"));
    }
    assert!(
        s.x509_text("rsa.pem")
            .contains("Digital Signature, Key Encipherment, Data Encipherment")
    );
}
