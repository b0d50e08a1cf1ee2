//! `certsmith bundle`: chains built through distractors and directories,
//! every bundle checked by `openssl verify`, every refusal pinned, the JSON
//! pinned by a mirror struct and split by certsmith and by cfssl's cfssljson;
//! `--federate` trust bundles.

use serde::Deserialize;

use crate::support::*;

/// cfssl bundle's JSON as certsmith prints it; unknown fields fail the test.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct BundleJson {
    bundle: String,
    crt: String,
    expires: String,
    hostnames: Vec<String>,
    issuer: String,
    leaf_expires: String,
    root: String,
    status: Status,
    subject: String,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Status {
    code: u32,
    messages: Vec<String>,
}

/// CA profiles: `ca` (no path length limit), `ca0` (pathlen 0), `short`
/// (one month), `expired` (valid only in 2020), `constrained` (example.com,
/// 10.0.0.0/8), and `server`.
const CONFIG: &str = r#"{"signing":{"profiles":{
  "ca":{"expiry":"43800h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true}},
  "ca0":{"expiry":"43800h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}},
  "short":{"expiry":"720h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true}},
  "expired":{"not_before":"2020-01-01T00:00:00Z","not_after":"2021-01-01T00:00:00Z","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true}},
  "expired-root":{"not_before":"2020-01-01T00:00:00Z","not_after":"2021-01-01T00:00:00Z","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true}},
  "constrained":{"expiry":"43800h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true},
    "name_constraints":{"critical":true,"permitted":{"dns_domains":["example.com"],"ip_ranges":["10.0.0.0/8"]}}},
  "server":{"expiry":"8760h","usages":["digital signature","server auth"]}
}}}"#;

fn scratch() -> Scratch {
    let s = Scratch::new();
    s.write("config.json", CONFIG);
    s
}

/// A root CA (ECDSA P-256) as NAME.pem / NAME-key.pem.
fn root(s: &Scratch, name: &str, cn: &str) {
    s.init_ca(
        name,
        &format!(
            r#"{{"CN":"{cn}","key":{{"algo":"ecdsa","size":256}},"ca":{{"expiry":"87600h"}}}}"#
        ),
    );
}

/// Signs NAME.csr (made by `key_for` earlier) or a fresh CSR JSON for `cn`
/// with the CA `issuer` under `profile`, into NAME.pem.
fn sign(s: &Scratch, name: &str, issuer: &str, profile: &str, input: &str) {
    s.certsmith_split(
        &[
            "sign",
            "--ca",
            &format!("{issuer}.pem"),
            "--ca-key",
            &format!("{issuer}-key.pem"),
            "--config",
            "config.json",
            "--profile",
            profile,
            input,
        ],
        name,
    );
}

/// A CA certificate NAME.pem for `cn`, issued by `issuer` with a new key.
fn intermediate(s: &Scratch, name: &str, cn: &str, issuer: &str, profile: &str) {
    let json = format!("{name}-csr.json");
    s.write(
        &json,
        &format!(r#"{{"CN":"{cn}","key":{{"algo":"ecdsa","size":256}}}}"#),
    );
    sign(s, name, issuer, profile, &json);
}

/// A key and CSR NAME-key.pem / NAME.csr for `cn`, to be signed more than once.
fn key_for(s: &Scratch, name: &str, cn: &str) {
    let json = format!("{name}-csr.json");
    s.write(
        &json,
        &format!(r#"{{"CN":"{cn}","key":{{"algo":"ecdsa","size":256}}}}"#),
    );
    s.certsmith_split(&["genkey", &json], name);
}

/// A server certificate NAME.pem for `host` issued by `issuer`.
fn leaf(s: &Scratch, name: &str, host: &str, issuer: &str) {
    let json = format!("{name}-csr.json");
    s.write(
        &json,
        &format!(
            r#"{{"CN":"{host}","hosts":["{host}","10.0.0.7"],"key":{{"algo":"ecdsa","size":256}}}}"#
        ),
    );
    sign(s, name, issuer, "server", &json);
}

/// The DER of every certificate in a PEM text, in order.
fn ders(pem: &str) -> Vec<Vec<u8>> {
    certsmith::x509::pemfile::parse_all(pem.as_bytes(), "test")
        .expect("PEM")
        .into_iter()
        .map(|b| b.into_contents())
        .collect()
}

/// The concatenated PEM files, as DER certificates.
fn files_ders(s: &Scratch, names: &[&str]) -> Vec<Vec<u8>> {
    names.iter().flat_map(|n| ders(&s.read(n))).collect()
}

/// `certsmith bundle ARGS`, parsed; the bundle and root are written to
/// OUT-bundle.pem / OUT-root.pem and checked with `openssl verify`.
#[track_caller]
fn bundle(s: &Scratch, args: &[&str], leaf: &str, out: &str) -> BundleJson {
    let mut all = vec!["bundle"];
    all.extend(args);
    all.push(leaf);
    let run = s.certsmith(&all);
    run.ok();
    let text = run.stdout_str();
    assert!(text.ends_with("}\n") && text.lines().count() == 1, "{text}");
    let json: BundleJson = serde_json::from_str(&text).expect("bundle JSON");
    assert_eq!(
        json.status,
        Status {
            code: 0,
            messages: vec![]
        }
    );
    assert_eq!(ders(&json.crt), files_ders(s, &[leaf]));
    assert_eq!(ders(&json.bundle)[0], ders(&json.crt)[0]);
    assert_eq!(ders(&json.root).len(), 1);
    let bundle_file = format!("{out}-bundle.pem");
    let root_file = format!("{out}-root.pem");
    s.write(&bundle_file, &json.bundle);
    s.write(&root_file, &json.root);
    s.openssl_verify(&root_file, &[&bundle_file], leaf);
    json
}

#[track_caller]
fn bundle_fails(s: &Scratch, args: &[&str]) -> String {
    let mut all = vec!["bundle"];
    all.extend(args);
    s.certsmith(&all).fails().to_string()
}

/// root → int1 → int2 → leaf (ca profile: no path length limit).
fn depth3() -> Scratch {
    let s = scratch();
    root(&s, "root", "Root");
    intermediate(&s, "int1", "Int 1", "root", "ca");
    intermediate(&s, "int2", "Int 2", "int1", "ca");
    leaf(&s, "leaf", "app.example.com", "int2");
    s
}

#[test]
fn bundle_of_a_leaf_directly_under_the_root_is_the_leaf_alone() {
    let s = scratch();
    root(&s, "root", "Root");
    leaf(&s, "leaf", "app.example.com", "root");
    let json = bundle(&s, &["--roots", "root.pem"], "leaf.pem", "out");
    assert_eq!(ders(&json.bundle), files_ders(&s, &["leaf.pem"]));
    assert_eq!(ders(&json.root), files_ders(&s, &["root.pem"]));
    assert_eq!(json.subject, "CN=app.example.com");
    assert_eq!(json.issuer, "CN=Root");
    assert_eq!(json.hostnames, ["app.example.com", "10.0.0.7"]);
    // Both the leaf and the chain end with the leaf, which is clamped to the root.
    let end = s
        .run(
            "openssl",
            &["x509", "-noout", "-enddate", "-in", "leaf.pem"],
        )
        .ok()
        .stdout_str();
    let end = time::PrimitiveDateTime::parse(
        end.trim()
            .trim_start_matches("notAfter=")
            .trim_end_matches(" GMT"),
        time::macros::format_description!(
            "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year]"
        ),
    )
    .expect("openssl date")
    .assume_utc();
    let rfc = end
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    assert_eq!(json.leaf_expires, rfc);
    assert_eq!(json.expires, rfc);
}

#[test]
fn bundle_of_depth_2_and_3_chains_lists_intermediates_in_order_without_the_root() {
    let s = depth3();
    // Depth 2: the leaf of int1 directly.
    leaf(&s, "leaf2", "two.example.com", "int1");
    let json = bundle(
        &s,
        &["--intermediates", "int1.pem", "--roots", "root.pem"],
        "leaf2.pem",
        "two",
    );
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["leaf2.pem", "int1.pem"])
    );
    // Depth 3, intermediates given in the "wrong" order and in one file.
    let pool = s.read("int1.pem") + &s.read("int2.pem");
    s.write("pool.pem", &pool);
    let json = bundle(
        &s,
        &["--intermediates", "pool.pem", "--roots", "root.pem"],
        "leaf.pem",
        "three",
    );
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["leaf.pem", "int2.pem", "int1.pem"])
    );
    assert_eq!(ders(&json.root), files_ders(&s, &["root.pem"]));
    assert_eq!(json.issuer, "CN=Int 2");
}

#[test]
fn bundle_ignores_distractors_among_the_intermediates() {
    let s = depth3();
    // An unrelated CA, and a CA with the same name as Int 1 but another key.
    root(&s, "other", "Other Root");
    intermediate(&s, "unrelated", "Unrelated CA", "other", "ca");
    intermediate(&s, "impostor", "Int 1", "other", "ca");
    intermediate(&s, "impostor2", "Int 1", "root", "ca");
    let json = bundle(
        &s,
        &[
            "--intermediates",
            "impostor.pem",
            "--intermediates",
            "unrelated.pem",
            "--intermediates",
            "impostor2.pem",
            "--intermediates",
            "int2.pem",
            "--intermediates",
            "int1.pem",
            "--intermediates",
            "other.pem",
            "--roots",
            "root.pem",
        ],
        "leaf.pem",
        "out",
    );
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["leaf.pem", "int2.pem", "int1.pem"])
    );
}

#[test]
fn bundle_walks_a_directory_of_intermediates_recursively_skipping_other_files() {
    let s = depth3();
    root(&s, "other", "Other Root");
    intermediate(&s, "unrelated", "Unrelated CA", "other", "ca");
    std::fs::create_dir_all(s.path("cas/a/deeper")).unwrap();
    std::fs::create_dir_all(s.path("cas/b")).unwrap();
    std::fs::create_dir_all(s.path("trust")).unwrap();
    std::fs::copy(s.path("int1.pem"), s.path("cas/a/deeper/int1.crt")).unwrap();
    std::fs::copy(s.path("int2.pem"), s.path("cas/b/int2.pem")).unwrap();
    std::fs::copy(s.path("unrelated.pem"), s.path("cas/unrelated.pem")).unwrap();
    std::fs::copy(s.path("int2-key.pem"), s.path("cas/b/int2-key.pem")).unwrap();
    s.write("cas/README.txt", "not a certificate\n");
    std::fs::write(s.path("cas/a/junk.der"), [0x30, 0x03, 0x02, 0x01]).unwrap();
    std::fs::copy(s.path("root.pem"), s.path("trust/root.pem")).unwrap();
    s.write("trust/notes.md", "# roots\n");
    let json = bundle(
        &s,
        &["--intermediates", "cas", "--roots", "trust"],
        "leaf.pem",
        "out",
    );
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["leaf.pem", "int2.pem", "int1.pem"])
    );
}

#[test]
fn bundle_names_the_missing_link() {
    let s = depth3();
    root(&s, "other", "Other Root");
    intermediate(&s, "unrelated", "Unrelated CA", "other", "ca");
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int2.pem",
            "--intermediates",
            "unrelated.pem",
            "--roots",
            "root.pem",
            "--roots",
            "other.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: no issuer found for \"CN=Int 2\" (looked for subject \"CN=Int 1\" among 2 intermediates and 2 roots)\n"
    );
}

#[test]
fn bundle_requires_roots() {
    let s = depth3();
    let err = bundle_fails(&s, &["--intermediates", "int1.pem", "leaf.pem"]);
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: no roots given: pass --roots FILE|DIR with the self-signed root to chain to (a private PKI has no system trust store)\n"
    );
    // A root that is not self-signed is not a trust anchor.
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int2.pem",
            "--roots",
            "int1.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: root \"CN=Int 1\" in int1.pem is not self-signed (issued by \"CN=Root\"); pass it with --intermediates\n"
    );
}

#[test]
fn bundle_refuses_an_expired_intermediate() {
    let s = scratch();
    // A root valid since ten years ago: a certificate never predates its CA
    // (issue 13), so the intermediate valid only in 2020 needs a root that was.
    s.init_ca(
        "root",
        r#"{"CN":"Root","key":{"algo":"ecdsa","size":256},"ca":{"backdate":"87600h","expiry":"175200h"}}"#,
    );
    // The same key and name signed twice: valid (signs the leaf), and expired.
    key_for(&s, "int", "Int");
    sign(&s, "int", "root", "ca", "int.csr");
    leaf(&s, "leaf", "app.example.com", "int");
    sign(&s, "int-expired", "root", "expired", "int.csr");
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int-expired.pem",
            "--roots",
            "root.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: intermediate \"CN=Int\" expired on 2021-01-01T00:00:00Z\n"
    );
    // With the valid one beside it, the valid one is chosen.
    let json = bundle(
        &s,
        &[
            "--intermediates",
            "int-expired.pem",
            "--intermediates",
            "int.pem",
            "--roots",
            "root.pem",
        ],
        "leaf.pem",
        "out",
    );
    assert_eq!(ders(&json.bundle), files_ders(&s, &["leaf.pem", "int.pem"]));
}

#[test]
fn bundle_refuses_the_wrong_root() {
    let s = depth3();
    root(&s, "other", "Other Root");
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int1.pem",
            "--intermediates",
            "int2.pem",
            "--roots",
            "other.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: no issuer found for \"CN=Int 1\" (looked for subject \"CN=Root\" among 2 intermediates and 1 root)\n"
    );
    // A root with the right name but another key.
    root(&s, "lookalike", "Root");
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int1.pem",
            "--intermediates",
            "int2.pem",
            "--roots",
            "lookalike.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: no issuer found for \"CN=Int 1\" (looked for subject \"CN=Root\" among 2 intermediates and 1 root; 1 certificate with that subject has another key)\n"
    );
    // The right root among the intermediates is not trusted for being there.
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int1.pem",
            "--intermediates",
            "int2.pem",
            "--intermediates",
            "root.pem",
            "--roots",
            "other.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: \"CN=Root\" is self-signed but not among the roots\n"
    );
}

/// Old root, new root (longer life), the new root cross-signed by the old
/// one, an intermediate and a leaf under the new root.
fn cross_signed() -> Scratch {
    let s = scratch();
    s.init_ca(
        "old",
        r#"{"CN":"Old Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"43800h"}}"#,
    );
    s.init_ca(
        "new",
        r#"{"CN":"New Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#,
    );
    s.certsmith_ca_split("cross-sign", "old", &["new.pem"], "cross");
    intermediate(&s, "int", "Issuing CA", "new", "ca");
    leaf(&s, "leaf", "app.example.com", "int");
    s
}

#[test]
fn bundle_reaches_an_old_root_through_a_cross_certificate() {
    let s = cross_signed();
    let json = bundle(
        &s,
        &[
            "--intermediates",
            "int.pem",
            "--intermediates",
            "cross.pem",
            "--roots",
            "old.pem",
        ],
        "leaf.pem",
        "out",
    );
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["leaf.pem", "int.pem", "cross.pem"])
    );
    assert_eq!(ders(&json.root), files_ders(&s, &["old.pem"]));
}

#[test]
fn bundle_with_two_valid_paths_prefers_the_one_valid_longest() {
    let s = cross_signed();
    // Through the cross certificate to the old root (expires first), or
    // directly to the new root: the new root wins.
    let json = bundle(
        &s,
        &[
            "--intermediates",
            "cross.pem",
            "--intermediates",
            "int.pem",
            "--roots",
            "old.pem",
            "--roots",
            "new.pem",
        ],
        "leaf.pem",
        "out",
    );
    assert_eq!(ders(&json.bundle), files_ders(&s, &["leaf.pem", "int.pem"]));
    assert_eq!(ders(&json.root), files_ders(&s, &["new.pem"]));

    // The same intermediate (name and key) issued twice: the longer-lived
    // one is chosen, whichever order they come in.
    let s = scratch();
    root(&s, "root", "Root");
    key_for(&s, "int", "Int");
    sign(&s, "int-short", "root", "short", "int.csr");
    sign(&s, "int-long", "root", "ca", "int.csr");
    std::fs::copy(s.path("int-key.pem"), s.path("int-short-key.pem")).unwrap();
    leaf(&s, "leaf", "app.example.com", "int-short");
    for order in [
        ["int-short.pem", "int-long.pem"],
        ["int-long.pem", "int-short.pem"],
    ] {
        let json = bundle(
            &s,
            &[
                "--intermediates",
                order[0],
                "--intermediates",
                order[1],
                "--roots",
                "root.pem",
            ],
            "leaf.pem",
            "out",
        );
        assert_eq!(
            ders(&json.bundle),
            files_ders(&s, &["leaf.pem", "int-long.pem"])
        );
    }
}

#[test]
fn bundle_refuses_a_chain_longer_than_a_pathlen_allows() {
    let s = scratch();
    root(&s, "root", "Root");
    intermediate(&s, "int", "Int", "root", "ca");
    leaf(&s, "leaf", "app.example.com", "int");
    // The same root name and key, re-issued with pathlen 0 by openssl
    // (certsmith itself never issues under a CA that does not allow it).
    s.write(
        "ext.cnf",
        "[v3]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n",
    );
    s.run(
        "openssl",
        &[
            "x509",
            "-in",
            "root.pem",
            "-key",
            "root-key.pem",
            "-clrext",
            "-extfile",
            "ext.cnf",
            "-extensions",
            "v3",
            "-days",
            "30",
            "-out",
            "root0.pem",
        ],
    )
    .ok();
    assert!(s.x509_text("root0.pem").contains("CA:TRUE, pathlen:0"));
    let err = bundle_fails(
        &s,
        &[
            "--intermediates",
            "int.pem",
            "--roots",
            "root0.pem",
            "leaf.pem",
        ],
    );
    assert_eq!(
        err,
        "error: no complete chain for leaf.pem: \"CN=Root\" has pathlen 0 but 1 CA certificate below it in the chain\n"
    );
    // openssl agrees.
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-CAfile",
            "root0.pem",
            "-untrusted",
            "int.pem",
            "leaf.pem",
        ],
    );
    assert_ne!(run.status, 0);
    // Its leaves directly under it are fine.
    leaf(&s, "direct", "direct.example.com", "root");
    bundle(&s, &["--roots", "root0.pem"], "direct.pem", "out");
}

#[test]
fn bundle_refuses_a_leaf_outside_an_intermediates_name_constraints() {
    let s = scratch();
    root(&s, "root", "Root");
    // The same name and key, with and without name constraints; certsmith
    // only signs the out-of-bounds leaf with the unconstrained one.
    key_for(&s, "int", "Int");
    sign(&s, "int", "root", "ca", "int.csr");
    sign(&s, "int-constrained", "root", "constrained", "int.csr");
    leaf(&s, "inside", "app.example.com", "int");
    leaf(&s, "outside", "app.example.org", "int");
    let args = [
        "--intermediates",
        "int-constrained.pem",
        "--roots",
        "root.pem",
    ];
    let json = bundle(&s, &args, "inside.pem", "in");
    assert_eq!(
        ders(&json.bundle),
        files_ders(&s, &["inside.pem", "int-constrained.pem"])
    );
    let mut failing = args.to_vec();
    failing.push("outside.pem");
    let err = bundle_fails(&s, &failing);
    assert_eq!(
        err,
        "error: no complete chain for outside.pem: name \"app.example.org\" violates the name constraints of \"CN=Int\": not within permitted DNS subtrees example.com\n"
    );
    // openssl agrees.
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "int-constrained.pem",
            "outside.pem",
        ],
    );
    assert_ne!(run.status, 0);
}

#[test]
fn bundle_pem_prints_the_chain_without_the_root() {
    let s = depth3();
    let run = s.certsmith(&[
        "bundle",
        "--intermediates",
        "int1.pem",
        "--intermediates",
        "int2.pem",
        "--roots",
        "root.pem",
        "--pem",
        "leaf.pem",
    ]);
    run.ok();
    assert_eq!(
        run.stdout_str(),
        s.read("leaf.pem") + &s.read("int2.pem") + &s.read("int1.pem")
    );
    s.write("chain.pem", &run.stdout_str());
    s.openssl_verify("root.pem", &["chain.pem"], "leaf.pem");
    // The leaf may also come on stdin.
    let run = s.certsmith_stdin(
        &[
            "bundle",
            "--intermediates",
            "int1.pem",
            "--intermediates",
            "int2.pem",
            "--roots",
            "root.pem",
            "--pem",
            "-",
        ],
        s.read("leaf.pem").as_bytes(),
    );
    run.ok();
    assert_eq!(run.stdout_str(), s.read("chain.pem"));
    // A chain file as CERT: the certificates after the leaf are intermediates.
    let run = s.certsmith(&["bundle", "--roots", "root.pem", "--pem", "chain.pem"]);
    run.ok();
    assert_eq!(run.stdout_str(), s.read("chain.pem"));
}

#[test]
fn bundle_json_splits_with_split_json_and_cfssljson() {
    let s = depth3();
    let args = [
        "bundle",
        "--intermediates",
        "int1.pem",
        "--intermediates",
        "int2.pem",
        "--roots",
        "root.pem",
        "leaf.pem",
    ];
    let run = s.certsmith(&args);
    run.ok();
    let expected_bundle = s.read("leaf.pem") + &s.read("int2.pem") + &s.read("int1.pem");

    s.certsmith_stdin(&["split-json", "mine"], &run.stdout).ok();
    assert_eq!(s.read("mine-bundle.pem"), expected_bundle);
    assert_eq!(s.read("mine-root.pem"), s.read("root.pem"));
    s.openssl_verify("mine-root.pem", &["mine-bundle.pem"], "leaf.pem");

    s.run_stdin("cfssljson", &["-bare", "theirs"], &run.stdout)
        .ok();
    assert_eq!(s.read("theirs-bundle.pem"), expected_bundle);
    // cfssl 1.2's cfssljson writes no root file; later versions do.
    if s.exists("theirs-root.pem") {
        assert_eq!(s.read("theirs-root.pem"), s.read("root.pem"));
    }
    s.openssl_verify("root.pem", &["theirs-bundle.pem"], "leaf.pem");
}

#[test]
fn federate_prints_each_root_once() {
    let s = scratch();
    root(&s, "a", "Cluster A Root");
    root(&s, "b", "Cluster B Root");
    std::fs::create_dir_all(s.path("roots/nested")).unwrap();
    std::fs::copy(s.path("a.pem"), s.path("roots/nested/a-copy.pem")).unwrap();
    std::fs::copy(s.path("b.pem"), s.path("roots/b.pem")).unwrap();
    s.write("roots/README", "trusted roots\n");
    let run = s.certsmith(&["bundle", "--federate", "a.pem", "b.pem", "a.pem", "roots"]);
    run.ok();
    assert_eq!(run.stdout_str(), s.read("a.pem") + &s.read("b.pem"));
    // Each root accepts its own cluster's certificates out of the federation.
    s.write("federation.pem", &run.stdout_str());
    leaf(&s, "la", "a.example.com", "a");
    leaf(&s, "lb", "b.example.com", "b");
    s.openssl_verify("federation.pem", &[], "la.pem");
    s.openssl_verify("federation.pem", &[], "lb.pem");
}

#[test]
fn federate_refuses_non_roots_and_expired_roots_by_name() {
    let s = scratch();
    root(&s, "a", "Cluster A Root");
    intermediate(&s, "int", "Int", "a", "ca");
    leaf(&s, "leaf", "app.example.com", "a");
    s.write(
        "old-csr.json",
        r#"{"CN":"Old Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "expired-root",
            "old-csr.json",
        ],
        "old",
    );
    let err = bundle_fails(&s, &["--federate", "a.pem", "int.pem"]);
    assert_eq!(
        err,
        "error: int.pem: not a federable root: \"CN=Int\" is not self-signed (issued by \"CN=Cluster A Root\")\n"
    );
    let err = bundle_fails(&s, &["--federate", "a.pem", "leaf.pem"]);
    assert_eq!(
        err,
        "error: leaf.pem: not a federable root: \"CN=app.example.com\" is not self-signed (issued by \"CN=Cluster A Root\")\n"
    );
    let err = bundle_fails(&s, &["--federate", "a.pem", "old.pem"]);
    assert_eq!(
        err,
        "error: old.pem: not a federable root: root \"CN=Old Root\" expired on 2021-01-01T00:00:00Z\n"
    );
    // A self-signed certificate that is not a CA.
    s.run(
        "openssl",
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            "a-key.pem",
            "-subj",
            "/CN=Self Signed Leaf",
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:FALSE",
            "-out",
            "self.pem",
        ],
    )
    .ok();
    let err = bundle_fails(&s, &["--federate", "self.pem"]);
    assert_eq!(
        err,
        "error: self.pem: not a federable root: \"CN=Self Signed Leaf\" is not a CA certificate (BasicConstraints cA is not set)\n"
    );
}
