//! Name constraints (RFC 5280 §4.2.1.10): CA profiles put them into the CA
//! certificates they make, and signing refuses names outside the issuer's.
//! Every certificate issued here is also checked by Go's crypto/x509, which
//! reads IPv4-mapped addresses as the IPv4 address they map (issue 13).

#[path = "go_verify.rs"]
mod go_verify;

use crate::support::*;
use go_verify::{assert_go_accepts, go_rejects};

const CONFIG: &str = r#"{"signing":{
  "default":{"expiry":"8760h","usages":["digital signature","server auth"]},
  "profiles":{
    "constrained":{"expiry":"43800h","usages":["cert sign","crl sign"],
      "ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true},
      "name_constraints":{"critical":true,
        "permitted":{"dns_domains":["example.com"],"ip_ranges":["10.0.0.0/8"]},
        "excluded":{"dns_domains":["bad.example.com"]}}},
    "fenced":{"expiry":"43800h","usages":["cert sign","crl sign"],
      "ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true},
      "name_constraints":{"critical":true,
        "permitted":{"ip_ranges":["10.0.0.0/8","::/0"]},
        "excluded":{"ip_ranges":["10.66.0.0/16"],"dns_domains":["bad.example.com"],
          "uri_domains":["evil.example.com"]}}},
    "server":{"expiry":"8760h","usages":["digital signature","server auth"]}
  }}}"#;

/// A root, and under it an intermediate signed with the `constrained` profile.
fn with_constrained_intermediate() -> Scratch {
    with_intermediate("constrained")
}

/// A root, and under it an intermediate `int` signed with `profile`: the
/// `constrained` one permits only example.com and 10.0.0.0/8; the `fenced`
/// one permits 10.0.0.0/8 of IPv4 (any IPv6) and excludes 10.66.0.0/16,
/// bad.example.com and URIs at evil.example.com.
fn with_intermediate(profile: &str) -> Scratch {
    let s = with_root();
    s.write("config.json", CONFIG);
    s.write("int.json", r#"{"CN":"Constrained Intermediate"}"#);
    s.sign_split(
        "ca",
        &["--config", "config.json", "--profile", profile, "int.json"],
        "int",
    );
    assert_go_accepts(&s, "ca.pem", &[], "int.pem", None);
    s
}

fn sign_leaf(s: &Scratch, name: &str, csr_json: &str) -> Run {
    let file = format!("{name}.json");
    s.write(&file, csr_json);
    s.sign(
        "int",
        &["--config", "config.json", "--profile", "server", &file],
    )
}

#[test]
fn constrained_profile_puts_critical_name_constraints_into_the_intermediate() {
    let s = with_constrained_intermediate();
    let text = s.x509_text("int.pem");
    let section = text
        .split("X509v3 Name Constraints: critical")
        .nth(1)
        .unwrap_or_else(|| panic!("no critical name constraints:\n{text}"));
    let lines: Vec<&str> = section.lines().map(str::trim).take(6).collect();
    assert_eq!(
        lines,
        [
            "",
            "Permitted:",
            "DNS:example.com",
            "IP:10.0.0.0/255.0.0.0",
            "Excluded:",
            "DNS:bad.example.com"
        ],
        "{text}"
    );
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    s.openssl_verify("ca.pem", &[], "int.pem");
    s.pkilint("int.pem");
}

#[test]
fn names_inside_the_constraints_are_issued_and_verify() {
    let s = with_constrained_intermediate();
    let run = sign_leaf(
        &s,
        "leaf",
        r#"{"CN":"a.example.com","hosts":["a.example.com","10.1.2.3"]}"#,
    );
    run.ok();
    s.certsmith_stdin(&["split-json", "leaf"], &run.stdout).ok();
    let text = s.x509_text("leaf.pem");
    assert!(
        text.contains("DNS:a.example.com, IP Address:10.1.2.3"),
        "{text}"
    );
    s.openssl_verify("ca.pem", &["int.pem"], "leaf.pem");
    s.pkilint("leaf.pem");
    for host in ["a.example.com", "10.1.2.3"] {
        assert_go_accepts(&s, "ca.pem", &["int.pem"], "leaf.pem", Some(host));
    }
}

#[test]
fn sign_refuses_names_outside_the_issuers_name_constraints() {
    let s = with_constrained_intermediate();
    let cases = [
        (
            r#"{"CN":"www.other.com","hosts":["www.other.com"]}"#,
            "www.other.com",
            "not within permitted DNS subtrees example.com",
        ),
        (
            r#"{"CN":"x.bad.example.com","hosts":["x.bad.example.com"]}"#,
            "x.bad.example.com",
            "within excluded DNS subtree bad.example.com",
        ),
        (
            r#"{"CN":"ok.example.com","hosts":["ok.example.com","192.168.1.1"]}"#,
            "192.168.1.1",
            "not within permitted IP ranges 10.0.0.0/8",
        ),
        // Not a subdomain of example.com: matching is at label boundaries.
        (
            r#"{"CN":"badexample.com","hosts":["badexample.com"]}"#,
            "badexample.com",
            "not within permitted DNS subtrees example.com",
        ),
        // The CN is checked as a host name even when the SANs are fine.
        (
            r#"{"CN":"www.other.com","hosts":["a.example.com"]}"#,
            "www.other.com",
            "not within permitted DNS subtrees example.com",
        ),
    ];
    for (i, (csr_json, name, constraint)) in cases.into_iter().enumerate() {
        let run = sign_leaf(&s, &format!("refused{i}"), csr_json);
        assert_eq!(
            run.fails(),
            format!(
                "error: name \"{name}\" violates the name constraints of int.pem: {constraint}\n\
                 hint: request a name inside the CA's permitted subtrees, or sign with a CA whose constraints allow it\n"
            ),
            "{csr_json}"
        );
    }
}

#[test]
fn initca_root_carries_its_profiles_name_constraints() {
    let s = Scratch::new();
    s.write("config.json", CONFIG);
    s.write("root-csr.json", ROOT_CSR);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "constrained",
            "root-csr.json",
        ],
        "root",
    );
    let text = s.x509_text("root.pem");
    assert!(text.contains("X509v3 Name Constraints: critical"), "{text}");
    assert!(text.contains("DNS:example.com"), "{text}");
    s.pkilint("root.pem");
    assert_go_accepts(&s, "root.pem", &[], "root.pem", None);
    // Its leaves are checked against it.
    s.write(
        "leaf.json",
        r#"{"CN":"www.other.com","hosts":["www.other.com"]}"#,
    );
    let run = s.sign(
        "root",
        &[
            "--config",
            "config.json",
            "--profile",
            "server",
            "leaf.json",
        ],
    );
    assert!(
        run.fails().starts_with(
            "error: name \"www.other.com\" violates the name constraints of root.pem: not within permitted DNS subtrees example.com\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn critical_false_is_honoured() {
    let s = Scratch::new();
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"root":{"expiry":"8760h","usages":["cert sign","crl sign"],
            "ca_constraint":{"is_ca":true},
            "name_constraints":{"critical":false,"permitted":{"dns_domains":[".example.com"]}}}}}}"#,
    );
    s.write("root-csr.json", ROOT_CSR);
    s.certsmith_split(
        &[
            "initca",
            "--config",
            "config.json",
            "--profile",
            "root",
            "root-csr.json",
        ],
        "root",
    );
    let text = s.x509_text("root.pem");
    assert!(text.contains("X509v3 Name Constraints: \n"), "{text}");
    assert!(text.contains("DNS:.example.com"), "{text}");
    assert_go_accepts(&s, "root.pem", &[], "root.pem", None);
}

#[test]
fn sign_refuses_name_constraints_in_a_leaf_profile() {
    let s = with_root();
    s.write(
        "config.json",
        r#"{"signing":{"profiles":{"leafnc":{"expiry":"8760h","usages":["server auth"],
            "name_constraints":{"permitted":{"dns_domains":["example.com"]}}}}}}"#,
    );
    s.write(
        "leaf.json",
        r#"{"CN":"a.example.com","hosts":["a.example.com"]}"#,
    );
    let err = s
        .sign(
            "ca",
            &[
                "--config",
                "config.json",
                "--profile",
                "leafnc",
                "leaf.json",
            ],
        )
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: profile `leafnc`: invalid name constraint \"name_constraints\": only CA profiles can carry name constraints\n"
    );
}

#[test]
fn config_with_a_bad_name_constraint_is_refused_naming_it() {
    let s = with_root();
    s.write(
        "leaf.json",
        r#"{"CN":"a.example.com","hosts":["a.example.com"]}"#,
    );
    let cases = [
        (
            r#"{"ip_ranges":["10.0.0.0/33"]}"#,
            "\"10.0.0.0/33\": the prefix length must be a number from 0 to 32",
        ),
        (
            r#"{"ip_ranges":["10.1.0.0/8"]}"#,
            "\"10.1.0.0/8\": host bits are set (the network is 10.0.0.0/8)",
        ),
        (
            r#"{"ip_ranges":["10.0.0.0"]}"#,
            "\"10.0.0.0\": not a CIDR range (expected ADDRESS/PREFIX such as 10.0.0.0/8)",
        ),
        (
            r#"{"dns_domains":["bücher.example"]}"#,
            "\"bücher.example\": not ASCII (write internationalized names in their xn-- form)",
        ),
        (r#"{"dns_domains":[""]}"#, "\"\": empty value"),
        // Certificates carry IPv4 addresses in 4 bytes: a mapped range would match none.
        (
            r#"{"ip_ranges":["::ffff:10.66.0.0/112"]}"#,
            "\"::ffff:10.66.0.0/112\": an IPv4-mapped IPv6 range, which never matches the 4-byte IPv4 addresses certificates carry (write 10.66.0.0/16)",
        ),
    ];
    for (permitted, message) in cases {
        s.write(
            "config.json",
            &format!(
                r#"{{"signing":{{"profiles":{{"sub":{{"expiry":"8760h","usages":["cert sign"],
                    "ca_constraint":{{"is_ca":true}},
                    "name_constraints":{{"permitted":{permitted}}}}}}}}}}}"#
            ),
        );
        let err = s
            .sign(
                "ca",
                &["--config", "config.json", "--profile", "sub", "leaf.json"],
            )
            .fails()
            .to_string();
        assert_eq!(
            err,
            format!("error: profile `sub`: invalid name constraint {message}\n"),
            "{permitted}"
        );
    }
}

#[test]
fn constraints_of_every_ca_in_the_ca_chain_file_are_enforced() {
    // The constrained intermediate signs an unconstrained sub-CA; a leaf
    // signed by the sub-CA with the chain file (sub-CA, then the constrained
    // intermediate) must still respect the intermediate's constraints.
    let s = Scratch::new();
    s.init_ca("ca", r#"{"CN":"Chain Root","ca":{"pathlen":2}}"#);
    s.write(
        "config.json",
        &CONFIG.replace(r#""max_path_len":0,"max_path_len_zero":true"#, r#""max_path_len":1"#).replace(
            r#""server":{"#,
            r#""sub":{"expiry":"43800h","usages":["cert sign","crl sign"],"ca_constraint":{"is_ca":true,"max_path_len":0,"max_path_len_zero":true}},"server":{"#,
        ),
    );
    s.write("int.json", r#"{"CN":"Constrained Intermediate"}"#);
    let ca = [
        "sign",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--config",
        "config.json",
    ];
    s.certsmith_split(
        &[&ca[..], &["--profile", "constrained", "int.json"]].concat(),
        "int",
    );
    s.write("sub.json", r#"{"CN":"Sub CA"}"#);
    let int = [
        "sign",
        "--ca",
        "int.pem",
        "--ca-key",
        "int-key.pem",
        "--config",
        "config.json",
    ];
    s.certsmith_split(
        &[&int[..], &["--profile", "sub", "sub.json"]].concat(),
        "sub",
    );
    s.write(
        "chain.pem",
        &format!("{}{}", s.read("sub.pem"), s.read("int.pem")),
    );
    s.write(
        "ok.json",
        r#"{"CN":"a.example.com","hosts":["a.example.com"]}"#,
    );
    s.write(
        "bad.json",
        r#"{"CN":"www.other.com","hosts":["www.other.com"]}"#,
    );
    let sub = [
        "sign",
        "--ca",
        "chain.pem",
        "--ca-key",
        "sub-key.pem",
        "--config",
        "config.json",
        "--profile",
        "server",
    ];
    s.certsmith_split(&[&sub[..], &["ok.json"]].concat(), "ok");
    s.openssl_verify("ca.pem", &["int.pem", "sub.pem"], "ok.pem");
    s.pkilint("ok.pem");
    assert_go_accepts(
        &s,
        "ca.pem",
        &["int.pem", "sub.pem"],
        "ok.pem",
        Some("a.example.com"),
    );
    let err = s
        .certsmith(&[&sub[..], &["bad.json"]].concat())
        .fails()
        .to_string();
    assert!(err.starts_with("error: name \"www.other.com\" violates the name constraints of chain.pem (certificate 2 in the chain)"), "{err}");
    // Given the sub-CA alone, certsmith cannot see the constraint; verifiers
    // given the whole chain still reject the leaf.
    s.sign_split(
        "sub",
        &["--config", "config.json", "--profile", "server", "bad.json"],
        "bad",
    );
    let reason = go_rejects(&s, "ca.pem", &["int.pem", "sub.pem"], "bad.pem", None);
    assert!(reason.contains("not permitted"), "{reason}");
}

/// `certsmith sign` under `int` with the `server` profile.
fn sign_under_int(s: &Scratch, args: &[&str]) -> Run {
    let common = [
        "sign",
        "--ca",
        "int.pem",
        "--ca-key",
        "int-key.pem",
        "--config",
        "config.json",
        "--profile",
        "server",
    ];
    s.certsmith(&[&common[..], args].concat())
}

/// NAME.csr, made by openssl with the subjectAltName `san` (openssl's
/// syntax: `IP:::ffff:10.66.0.1` is written as its 16 bytes).
fn openssl_csr(s: &Scratch, name: &str, san: &str) {
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{name}-key.pem"),
            "-subj",
            "/CN=leaf",
            "-addext",
            &format!("subjectAltName={san}"),
            "-out",
            &format!("{name}.csr"),
        ],
    )
    .ok();
}

/// NAME.pem: a leaf under `int` carrying `san` as written, signed by openssl
/// the way certsmith signed such a name before issue 13.
fn openssl_leaf(s: &Scratch, name: &str, san: &str) {
    openssl_csr(s, name, san);
    s.write(&format!("{name}.ext"), &format!("subjectAltName={san}\n"));
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "int.pem",
            "-CAkey",
            "int-key.pem",
            "-set_serial",
            "4242",
            "-days",
            "30",
            "-extfile",
            &format!("{name}.ext"),
            "-out",
            &format!("{name}.pem"),
        ],
    )
    .ok();
}

fn violation(name: &str, constraint: &str) -> String {
    format!(
        "error: name \"{name}\" violates the name constraints of int.pem: {constraint}\n\
         hint: request a name inside the CA's permitted subtrees, or sign with a CA whose constraints allow it\n"
    )
}

fn invalid_host(host: &str, reason: &str) -> String {
    format!(
        "error: invalid host \"{host}\": {reason}\n\
         hint: hosts are DNS names, IP addresses, email addresses or URIs; non-ASCII names go in their xn-- form\n"
    )
}

#[test]
fn sign_refuses_an_ipv4_mapped_address_outside_the_ipv4_constraints() {
    // `fenced` excludes 10.66.0.0/16 and permits 10.0.0.0/8 and all of IPv6.
    let s = with_intermediate("fenced");
    s.write("leaf.json", r#"{"CN":"leaf"}"#);
    let cases = [
        (
            "::ffff:10.66.0.1",
            violation("10.66.0.1", "within excluded IP range 10.66.0.0/16"),
        ),
        (
            "::ffff:192.168.1.1",
            violation(
                "192.168.1.1",
                "not within permitted IP ranges 10.0.0.0/8, ::/0",
            ),
        ),
    ];
    for (mapped, refusal) in cases {
        assert_eq!(
            sign_under_int(&s, &["--hostname", mapped, "leaf.json"]).fails(),
            refusal,
            "--hostname {mapped}"
        );
        s.write(
            "hosts.json",
            &format!(r#"{{"CN":"leaf","hosts":["ok.example.com","{mapped}"]}}"#),
        );
        assert_eq!(
            sign_under_int(&s, &["hosts.json"]).fails(),
            refusal,
            "hosts {mapped}"
        );
        openssl_csr(&s, "mapped", &format!("IP:{mapped}"));
        let csr_text = s
            .run("openssl", &["req", "-noout", "-text", "-in", "mapped.csr"])
            .ok()
            .stdout_str();
        assert!(
            csr_text.contains("IP Address:0:0:0:0:0:FFFF:"),
            "{csr_text}"
        );
        assert_eq!(
            sign_under_int(&s, &["mapped.csr"]).fails(),
            refusal,
            "a CSR with {mapped} as 16 bytes"
        );

        // What certsmith issued before: Go's crypto/x509 accepts it for the
        // IPv4 address, past the constraint.
        openssl_leaf(&s, "old", &format!("IP:{mapped}"));
        let ipv4 = mapped.trim_start_matches("::ffff:");
        assert_go_accepts(&s, "ca.pem", &["int.pem"], "old.pem", Some(ipv4));
    }
}

#[test]
fn an_ipv4_mapped_address_inside_the_constraints_is_issued_in_its_4_byte_form() {
    // `constrained` permits only 10.0.0.0/8 of IP addresses.
    let s = with_constrained_intermediate();
    s.write("leaf.json", r#"{"CN":"a.example.com"}"#);
    let check = |name: &str| {
        let text = s.x509_text(&format!("{name}.pem"));
        assert!(
            text.contains("DNS:a.example.com, IP Address:10.1.2.3\n"),
            "{name}: {text}"
        );
        s.openssl_verify("ca.pem", &["int.pem"], &format!("{name}.pem"));
        for host in ["a.example.com", "10.1.2.3", "::ffff:10.1.2.3"] {
            assert_go_accepts(
                &s,
                "ca.pem",
                &["int.pem"],
                &format!("{name}.pem"),
                Some(host),
            );
        }
    };
    // The mapped and the plain form are one address: one SAN.
    let run = sign_under_int(
        &s,
        &[
            "--hostname",
            "a.example.com,::ffff:10.1.2.3,10.1.2.3",
            "leaf.json",
        ],
    );
    s.certsmith_stdin(&["split-json", "flag"], &run.ok().stdout)
        .ok();
    check("flag");
    s.pkilint("flag.pem");

    s.write(
        "hosts.json",
        r#"{"CN":"a.example.com","hosts":["a.example.com","::ffff:10.1.2.3"]}"#,
    );
    let run = sign_under_int(&s, &["hosts.json"]);
    s.certsmith_stdin(&["split-json", "hosts"], &run.ok().stdout)
        .ok();
    check("hosts");

    openssl_csr(&s, "mapped", "DNS:a.example.com,IP:::ffff:10.1.2.3");
    let run = sign_under_int(&s, &["mapped.csr"]);
    s.certsmith_stdin(&["split-json", "fromcsr"], &run.ok().stdout)
        .ok();
    check("fromcsr");
}

#[test]
fn sign_refuses_uri_and_dns_hosts_that_would_slip_past_the_subtrees() {
    // `fenced` excludes URIs at evil.example.com, DNS names under
    // bad.example.com and the addresses 10.66.0.0/16.
    let s = with_intermediate("fenced");
    s.write("leaf.json", r#"{"CN":"leaf"}"#);
    let userinfo = "the URI carries userinfo (\"user@\" before the host), which hides the host from name constraints";
    let cases = [
        (
            "https://evil.example.com./",
            invalid_host(
                "https://evil.example.com./",
                "the URI host ends in '.' (write it without the trailing dot; Go cannot parse a certificate carrying it)",
            ),
        ),
        (
            "https://EVIL.Example.COM/x",
            violation(
                "https://EVIL.Example.COM/x",
                "within excluded URI subtree evil.example.com",
            ),
        ),
        (
            "https://user@evil.example.com/",
            invalid_host("https://user@evil.example.com/", userinfo),
        ),
        (
            "https://good.example.com@evil.example.com",
            invalid_host("https://good.example.com@evil.example.com", userinfo),
        ),
        (
            "https:///evil.example.com",
            invalid_host(
                "https:///evil.example.com",
                "the URI has an empty host (nothing between \"//\" and the path)",
            ),
        ),
        (
            "https://evil%2Eexample.com/",
            invalid_host(
                "https://evil%2Eexample.com/",
                "the URI host is percent-encoded, which cannot be compared with name constraints safely",
            ),
        ),
        (
            "https://10.66.0.1/",
            violation(
                "https://10.66.0.1/",
                "the URI host is an IP address, which cannot be checked against URI subtrees",
            ),
        ),
        (
            "x.bad.example.com.",
            invalid_host(
                "x.bad.example.com.",
                "a DNS name ends in '.' (write it without the trailing dot)",
            ),
        ),
        // 10.66.0.1 to inet_aton (012 is octal), a DNS name to the constraints.
        (
            "012.66.0.1",
            invalid_host(
                "012.66.0.1",
                "a DNS name cannot end in a numeric label, which resolvers read as an IPv4 address (write the address itself)",
            ),
        ),
    ];
    for (name, refusal) in &cases {
        assert_eq!(
            sign_under_int(&s, &["--hostname", name, "leaf.json"]).fails(),
            *refusal,
            "--hostname {name}"
        );
        // The same name as a SAN of a CSR made elsewhere.
        let kind = if name.contains(':') { "URI" } else { "DNS" };
        openssl_csr(&s, "named", &format!("{kind}:{name}"));
        assert_eq!(
            sign_under_int(&s, &["named.csr"]).fails(),
            *refusal,
            "a CSR with {kind}:{name}"
        );
    }
    // hosts in CSR JSON are checked as the file is read, naming it.
    s.write(
        "hosts.json",
        r#"{"CN":"leaf","hosts":["https://evil.example.com./"]}"#,
    );
    let err = sign_under_int(&s, &["hosts.json"]).fails().to_string();
    assert!(
        err.starts_with("error: hosts.json: invalid host \"https://evil.example.com./\": the URI host ends in '.'"),
        "{err}"
    );
    // A CN that looks like a host name is checked without its trailing dot.
    s.write(
        "cn.json",
        r#"{"CN":"x.bad.example.com.","hosts":["ok.example.com"]}"#,
    );
    assert_eq!(
        sign_under_int(&s, &["cn.json"]).fails(),
        violation(
            "x.bad.example.com.",
            "within excluded DNS subtree bad.example.com"
        )
    );

    // What certsmith issued before: OpenSSL's verifier accepts it, past the
    // excluded evil.example.com (Go refuses to parse it at all).
    openssl_leaf(&s, "old", "URI:https://evil.example.com./");
    s.openssl_verify("ca.pem", &["int.pem"], "old.pem");
    let reason = go_rejects(&s, "ca.pem", &["int.pem"], "old.pem", None);
    assert!(reason.contains("invalid domain"), "{reason}");

    // URIs that are fine are issued, and verify.
    let run = sign_under_int(
        &s,
        &[
            "--hostname",
            "https://Good.Example.com:8443/x,spiffe://good.example.com/ns/a,ok.example.com",
            "leaf.json",
        ],
    );
    s.certsmith_stdin(&["split-json", "good"], &run.ok().stdout)
        .ok();
    let text = s.x509_text("good.pem");
    assert!(
        text.contains("URI:https://Good.Example.com:8443/x, URI:spiffe://good.example.com/ns/a"),
        "{text}"
    );
    s.openssl_verify("ca.pem", &["int.pem"], "good.pem");
    assert_go_accepts(
        &s,
        "ca.pem",
        &["int.pem"],
        "good.pem",
        Some("ok.example.com"),
    );
}

/// A CN holding an address, with no SAN, is checked as a host name too:
/// OpenSSL reads CN `1.2.3.4` as a DNS ID and refuses the chain when only
/// DNS subtrees are permitted, so certsmith does not issue it.
#[test]
fn an_address_in_the_cn_is_checked_as_a_host_name_and_as_an_address() {
    let s = with_constrained_intermediate();
    for cn in ["1.2.3.4", "10.1.2.3"] {
        let err = sign_leaf(&s, "ipcn", &format!(r#"{{"CN":"{cn}"}}"#))
            .fails()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "error: name \"{cn}\" violates the name constraints of int.pem"
            )),
            "{err}"
        );
    }
    // What certsmith refuses, openssl refuses too.
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "o-key.pem",
            "-out",
            "o.csr",
            "-subj",
            "/CN=10.1.2.3",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "o.csr",
            "-CA",
            "int.pem",
            "-CAkey",
            "int-key.pem",
            "-days",
            "1",
            "-out",
            "o.pem",
        ],
    )
    .ok();
    let verdict = s.run(
        "openssl",
        &[
            "verify",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "int.pem",
            "o.pem",
        ],
    );
    assert!(
        verdict.stderr.contains("permitted subtree violation")
            || verdict.stdout_str().contains("permitted subtree violation"),
        "{}",
        verdict.stderr
    );
}
