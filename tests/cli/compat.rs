//! cfssl muscle memory: Go-style single-dash flags, gencert, certinfo,
//! print-defaults, and the cfssl-era Kubernetes-the-hard-way commands pasted
//! with only the binary names swapped.

use crate::support::*;

/// The KTHW (cfssl era) certificate commands, `cfssl` → `certsmith` and
/// `cfssljson` → `certsmith split-json`, otherwise verbatim.
const KTHW: &str = r#"set -euo pipefail
cat > ca-config.json <<EOF
{
  "signing": {
    "default": {
      "expiry": "8760h"
    },
    "profiles": {
      "kubernetes": {
        "usages": ["signing", "key encipherment", "server auth", "client auth"],
        "expiry": "8760h"
      }
    }
  }
}
EOF
cat > ca-csr.json <<EOF
{
  "CN": "Kubernetes",
  "key": {
    "algo": "rsa",
    "size": 2048
  },
  "names": [
    {
      "C": "US",
      "L": "Portland",
      "O": "Kubernetes",
      "OU": "CA",
      "ST": "Oregon"
    }
  ]
}
EOF
certsmith gencert -initca ca-csr.json | certsmith split-json -bare ca
csr() {
cat > "$3" <<EOF
{
  "CN": "$1",
  "key": {
    "algo": "rsa",
    "size": 2048
  },
  "names": [
    {
      "C": "US",
      "L": "Portland",
      "O": "$2",
      "OU": "Kubernetes The Hard Way",
      "ST": "Oregon"
    }
  ]
}
EOF
}
csr admin system:masters admin-csr.json
certsmith gencert \
  -ca=ca.pem \
  -ca-key=ca-key.pem \
  -config=ca-config.json \
  -profile=kubernetes \
  admin-csr.json | certsmith split-json -bare admin
for i in 0 1 2; do
instance=worker-${i}
csr system:node:${instance} system:nodes ${instance}-csr.json
EXTERNAL_IP=203.0.113.1${i}
INTERNAL_IP=10.240.0.2${i}
certsmith gencert \
  -ca=ca.pem \
  -ca-key=ca-key.pem \
  -config=ca-config.json \
  -hostname=${instance},${EXTERNAL_IP},${INTERNAL_IP} \
  -profile=kubernetes \
  ${instance}-csr.json | certsmith split-json -bare ${instance}
done
csr system:kube-controller-manager system:kube-controller-manager kube-controller-manager-csr.json
certsmith gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes \
  kube-controller-manager-csr.json | certsmith split-json -bare kube-controller-manager
csr system:kube-proxy system:node-proxier kube-proxy-csr.json
certsmith gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes \
  kube-proxy-csr.json | certsmith split-json -bare kube-proxy
csr system:kube-scheduler system:kube-scheduler kube-scheduler-csr.json
certsmith gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes \
  kube-scheduler-csr.json | certsmith split-json -bare kube-scheduler
KUBERNETES_PUBLIC_ADDRESS=203.0.113.2
KUBERNETES_HOSTNAMES=kubernetes,kubernetes.default,kubernetes.default.svc,kubernetes.default.svc.cluster,kubernetes.svc.cluster.local
csr kubernetes Kubernetes kubernetes-csr.json
certsmith gencert \
  -ca=ca.pem \
  -ca-key=ca-key.pem \
  -config=ca-config.json \
  -hostname=10.32.0.1,10.240.0.10,10.240.0.11,10.240.0.12,${KUBERNETES_PUBLIC_ADDRESS},127.0.0.1,${KUBERNETES_HOSTNAMES} \
  -profile=kubernetes \
  kubernetes-csr.json | certsmith split-json -bare kubernetes
csr service-accounts Kubernetes service-account-csr.json
certsmith gencert \
  -ca=ca.pem \
  -ca-key=ca-key.pem \
  -config=ca-config.json \
  -profile=kubernetes \
  service-account-csr.json | certsmith split-json -bare service-account
"#;

fn with_certsmith_on_path(s: &Scratch, script: &str) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let dir = bin.parent().unwrap().display().to_string();
    s.run(
        "bash",
        &["-c", &format!("export PATH=\"{dir}:$PATH\"\n{script}")],
    )
}

#[test]
fn kubernetes_the_hard_way_commands_work_with_the_names_swapped() {
    let s = Scratch::new();
    let run = with_certsmith_on_path(&s, KTHW);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let certs = [
        "admin",
        "worker-0",
        "worker-1",
        "worker-2",
        "kube-controller-manager",
        "kube-proxy",
        "kube-scheduler",
        "kubernetes",
        "service-account",
    ];
    for name in ["ca"].iter().chain(certs.iter()) {
        for suffix in [".pem", "-key.pem", ".csr"] {
            assert!(
                s.exists(&format!("{name}{suffix}")),
                "{name}{suffix} missing"
            );
        }
        assert_eq!(s.file_mode(&format!("{name}-key.pem")), 0o600);
    }
    for name in certs {
        s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
        s.pkilint(&format!("{name}.pem"));
    }
    let api = s.x509_text("kubernetes.pem");
    for needle in [
        "IP Address:10.32.0.1",
        "IP Address:203.0.113.2",
        "IP Address:127.0.0.1",
        "DNS:kubernetes.default.svc.cluster",
    ] {
        assert!(api.contains(needle), "missing {needle}: {api}");
    }
    assert!(
        s.x509_text("worker-1.pem")
            .contains("DNS:worker-1, IP Address:203.0.113.11, IP Address:10.240.0.21")
    );
    assert!(s.x509_text("admin.pem").contains("O = system:masters"));
}

#[test]
fn go_style_single_dash_flags_are_accepted_next_to_double_dash() {
    let s = with_root();
    s.write("leaf.json", r#"{"CN":"a.example.com"}"#);
    let out = s.certsmith(&[
        "sign",
        "-ca=ca.pem",
        "-ca-key",
        "ca-key.pem",
        "-profile=server",
        "-hostname=a.example.com,10.0.0.1",
        "leaf.json",
    ]);
    out.ok();
    s.certsmith_stdin(&["split-json", "-bare", "-f", "-", "go"], &out.stdout)
        .ok();
    s.openssl_verify("ca.pem", &[], "go.pem");
    assert!(
        s.x509_text("go.pem")
            .contains("DNS:a.example.com, IP Address:10.0.0.1")
    );
    // -stdout prints instead of writing.
    let printed = s.certsmith_stdin(&["split-json", "-stdout"], &out.stdout);
    assert!(
        printed
            .ok()
            .stdout_str()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    // A single-dash name that is no option stays an unknown argument: a usage error.
    assert_eq!(s.certsmith(&["sign", "-nosuchflag", "leaf.json"]).status, 2);
}

#[test]
fn certinfo_prints_inspects_json_for_one_object() {
    let s = with_root();
    let mut info = s.certsmith(&["certinfo", "-cert", "ca.pem"]).ok().json();
    let mut inspect = s.certsmith(&["inspect", "--json", "ca.pem"]).ok().json();
    // Two processes read the clock: a second may pass between them, so the
    // countdown may differ by one and everything else must be equal.
    let left = |v: &mut serde_json::Value| v["expires_in_seconds"].take().as_i64().unwrap();
    let (a, b) = (left(&mut info), left(&mut inspect[0]));
    assert!((0..=1).contains(&(a - b)), "{a} then {b}");
    assert_eq!(info, inspect[0]);
    assert_eq!(info["subject"]["common_name"], "Test Root CA");
    let csr = s.certsmith(&["certinfo", "-csr", "ca.csr"]).ok().json();
    assert_eq!(csr["kind"], "csr");
    let err = s
        .certsmith(&["certinfo", "-cert", "ca.csr"])
        .fails()
        .to_string();
    assert_eq!(
        err,
        "error: ca.csr holds a certificate request, not a certificate\n\
         hint: `certsmith inspect ca.csr` shows what it holds\n"
    );
}

#[test]
fn print_defaults_files_are_accepted_as_printed() {
    let s = Scratch::new();
    assert_eq!(
        s.certsmith(&["print-defaults", "list"]).ok().stdout_str(),
        "csr\nconfig\n"
    );
    let csr = s.certsmith(&["print-defaults", "csr"]).ok().stdout.clone();
    std::fs::write(s.path("csr.json"), &csr).unwrap();
    let config = s
        .certsmith(&["print-defaults", "config"])
        .ok()
        .stdout
        .clone();
    std::fs::write(s.path("config.json"), &config).unwrap();
    s.init_ca("ca", ROOT_CSR);
    let run = s.certsmith_split(
        &[
            "gencert",
            "-ca",
            "ca.pem",
            "-ca-key",
            "ca-key.pem",
            "-config",
            "config.json",
            "-profile",
            "server",
            "csr.json",
        ],
        "www",
    );
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    s.openssl_verify("ca.pem", &[], "www.pem");
    s.pkilint("www.pem");
}

#[test]
fn gencert_with_remote_goes_to_the_remote_signer() {
    let s = Scratch::new();
    s.write("leaf.json", r#"{"CN":"a.example.com"}"#);
    let err = s
        .certsmith(&["gencert", "-remote=127.0.0.1:1", "leaf.json"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: no remote answered: http://127.0.0.1:1: connection refused\n"),
        "{err}"
    );
}

// issue 14: what cfssl warns about, certsmith warns about.

#[test]
fn a_server_certificate_without_a_host_name_is_warned_about_and_refused_under_strict() {
    let s = with_root();
    s.write("cn-only.json", r#"{"CN":"www.example.net"}"#);
    let sign = |extra: &[&str], name: &str| {
        let run = s.sign("ca", extra);
        if run.status == 0 {
            s.certsmith_stdin(&["split-json", name], &run.stdout).ok();
        }
        run
    };
    let run = sign(&["--profile", "server", "cn-only.json"], "warned");
    assert_eq!(
        run.ok().stderr,
        "warning: this certificate lacks a \"hosts\" field: profile `server` makes it for TLS servers, and clients match the server's name against its DNS names and IP addresses, never the CN; add \"hosts\" to the request or pass --hostname\n"
    );
    s.openssl_verify("ca.pem", &[], "warned.pem");
    let run = sign(
        &["--strict", "--profile", "server", "cn-only.json"],
        "strict",
    );
    assert_eq!(
        run.fails(),
        "error: profile `server` makes TLS server certificates, and this one would have no DNS name or IP address (no \"hosts\") and --strict is set\n\
         hint: add \"hosts\" to the CSR JSON or pass --hostname a.example.com,10.0.0.1 (clients never match the CN)\n"
    );
    assert!(!s.exists("strict.pem"));
    // A host name from --hostname, a client certificate, a CA: nothing to say.
    for (extra, name) in [
        (
            &[
                "--profile",
                "server",
                "--hostname",
                "www.example.net",
                "cn-only.json",
            ][..],
            "named",
        ),
        (&["--profile", "client", "cn-only.json"], "client"),
    ] {
        assert_eq!(sign(extra, name).ok().stderr, "", "{extra:?}");
        s.openssl_verify("ca.pem", &[], &format!("{name}.pem"));
    }
    s.write("int.json", r#"{"CN":"Int","ca":{}}"#);
    let cfg = s.write(
        "cfg.json",
        r#"{"signing":{"profiles":{"tls-ca":{"expiry":"8760h","usages":["cert sign","crl sign","server auth"],"ca_constraint":{"is_ca":true}}}}}"#,
    );
    let run = sign(
        &[
            "--config",
            path_str(&cfg),
            "--profile",
            "tls-ca",
            "int.json",
        ],
        "int",
    );
    assert!(!run.ok().stderr.contains("hosts"), "{}", run.stderr);
    s.openssl_verify("ca.pem", &[], "int.pem");
}

#[test]
fn an_unknown_csr_json_key_close_to_a_known_one_gets_did_you_mean() {
    let s = Scratch::new();
    for (json, key, known) in [
        (
            r#"{"CN":"a.example","host":["a.example"]}"#,
            "host",
            "hosts",
        ),
        (
            r#"{"CN":"a.example","hsots":["a.example"]}"#,
            "hsots",
            "hosts",
        ),
        (r#"{"CN":"a.example","name":[{"O":"x"}]}"#, "name", "names"),
        (r#"{"CN":"a.example","key_algo":"rsa"}"#, "key_algo", "key"),
    ] {
        s.write("req.json", json);
        let run = s.certsmith(&["genkey", "req.json"]);
        assert_eq!(
            run.ok().stderr,
            format!("warning: req.json: unknown key `{key}` ignored; did you mean `{known}`?\n"),
            "{json}"
        );
    }
    // A key cfssl reads case-insensitively is no typo; one that is far from all is only unknown.
    s.write(
        "req.json",
        r#"{"CN":"a.example","Hosts":["a.example"],"comment":"x"}"#,
    );
    assert_eq!(
        s.certsmith(&["genkey", "req.json"]).ok().stderr,
        "warning: req.json: unknown key `comment` ignored\n"
    );
    // Config files too: `usage` for `usages`.
    s.init_ca("ca", ROOT_CSR);
    let cfg = s.write(
        "cfg.json",
        r#"{"signing":{"default":{"expiry":"8760h","usage":["server auth"]}}}"#,
    );
    s.write(
        "leaf.json",
        r#"{"CN":"www.example.net","hosts":["www.example.net","10.0.0.1"]}"#,
    );
    let run = s.sign("ca", &["--config", path_str(&cfg), "leaf.json"]);
    assert!(
        run.ok().stderr.contains(
            "unknown key `signing.default.usage` ignored; did you mean `signing.default.usages`?\n"
        ),
        "{}",
        run.stderr
    );
}
