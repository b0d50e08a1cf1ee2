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
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
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
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
    let info = s.certsmith(&["certinfo", "-cert", "ca.pem"]).ok().json();
    let inspect = s.certsmith(&["inspect", "--json", "ca.pem"]).ok().json();
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
