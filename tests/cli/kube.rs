//! `export k8s-secret` and `export kubeconfig` (issue 19), read back by
//! Kubernetes' own readers: kubectl parses the Secret with its decoder
//! (`patch --local`, offline; `create --dry-run=client -f -` would ask a
//! server), kubernetes-validate checks it against the API's schema, and
//! `kubectl config view --raw` reads the kubeconfig as kubectl does.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::Deserialize;

use crate::key::on_terminal;
use crate::support::*;

/// The `--json` Secret, field for field: anything else fails to parse.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct SecretJson {
    #[serde(rename = "apiVersion")]
    api_version: String,
    kind: String,
    metadata: MetadataJson,
    #[serde(rename = "type")]
    secret_type: String,
    data: DataJson,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct MetadataJson {
    name: String,
    namespace: Option<String>,
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct DataJson {
    #[serde(rename = "tls.crt")]
    tls_crt: String,
    #[serde(rename = "tls.key")]
    tls_key: String,
    #[serde(rename = "ca.crt")]
    ca_crt: Option<String>,
}

/// A root `ca`, an intermediate `int` under it, a server certificate `app`
/// under `int`, and a client certificate `admin` (CN admin, O
/// system:masters) under `ca`; every key beside its certificate.
fn pki() -> Scratch {
    let s = with_root();
    s.write(
        "int.json",
        r#"{"CN":"Test Intermediate CA","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["--profile", "intermediate", "int.json"], "int");
    s.write(
        "app.json",
        r#"{"CN":"app.example.com","hosts":["app.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("int", &["--profile", "server", "app.json"], "app");
    s.write(
        "admin.json",
        r#"{"CN":"admin","names":[{"O":"system:masters"}],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["--profile", "client", "admin.json"], "admin");
    s
}

/// kubectl with no kubeconfig and a HOME of its own: nothing it does here
/// may need a cluster.
fn kubectl(s: &Scratch, args: &[&str], stdin: &[u8]) -> Run {
    require("kubectl");
    std::fs::create_dir_all(s.path("kube-home")).unwrap();
    let mut cmd = command("kubectl");
    cmd.args(args)
        .env("HOME", s.path("kube-home"))
        .env_remove("KUBECONFIG")
        .current_dir(s.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn kubectl");
    {
        use std::io::Write;
        let _ = child.stdin.take().expect("stdin").write_all(stdin);
    }
    Run::from(child.wait_with_output().expect("kubectl"))
}

/// The Secret as kubectl's own decoder reads it, as JSON.
#[track_caller]
fn kubectl_reads(s: &Scratch, document: &[u8]) -> serde_json::Value {
    kubectl(
        s,
        &["patch", "--local", "-f", "-", "-p", "{}", "-o", "json"],
        document,
    )
    .ok()
    .json()
}

/// `kubernetes-validate --strict` passes `document`, or, when the tool is
/// not installed (tests/install-deps.sh installs it with pip, and says so
/// when pip fails), the check is skipped with a line saying so.
#[track_caller]
fn schema_accepts(s: &Scratch, document: &[u8], file: &str) {
    let found = command("sh")
        .arg("-c")
        .arg(
            "command -v kubernetes-validate || { d=$(python3 -c 'import sysconfig; print(sysconfig.get_path(\"scripts\"))') \
             && test -x \"$d/kubernetes-validate\" && echo \"$d/kubernetes-validate\"; }",
        )
        .output()
        .expect("sh");
    let tool = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    if !found.status.success() || tool.is_empty() {
        println!(
            "SKIPPED: kubernetes-validate is not installed (tests/install-deps.sh installs it with pip); \
             {file} was not checked against the Secret schema"
        );
        return;
    }
    std::fs::write(s.path(file), document).unwrap();
    let run = s.run(&tool, &["--strict", "--quiet", file]);
    assert_eq!(
        run.status,
        0,
        "kubernetes-validate --strict {file}:\n{}{}",
        run.stdout_str(),
        run.stderr
    );
}

fn base64_of(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn decoded(value: &serde_json::Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(value.as_str().expect("a base64 string"))
        .expect("base64")
}

fn bytes(s: &Scratch, name: &str) -> Vec<u8> {
    std::fs::read(s.path(name)).unwrap()
}

const SECRET: [&str; 7] = [
    "export",
    "k8s-secret",
    "--cert",
    "app.pem",
    "--key",
    "app-key.pem",
    "--name",
];

/// `export k8s-secret` with `--name NAME` and `args` after it.
fn secret(s: &Scratch, name: &str, args: &[&str]) -> Run {
    let mut all = SECRET.to_vec();
    all.push(name);
    all.extend_from_slice(args);
    s.certsmith(&all)
}

#[test]
fn k8s_secret_is_read_by_kubectl_and_passes_the_schema_with_the_files_bytes() {
    let s = pki();
    let run = secret(
        &s,
        "app-tls",
        &[
            "--chain",
            "int.pem",
            "--ca",
            "ca.pem",
            "-n",
            "web",
            "-l",
            "app.kubernetes.io/name=app",
            "--label",
            "tier=frontend",
        ],
    );
    run.ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let document = run.stdout.clone();
    assert!(document.starts_with(b"apiVersion: v1\nkind: Secret\n"));

    let read = kubectl_reads(&s, &document);
    assert_eq!(read["apiVersion"], "v1");
    assert_eq!(read["kind"], "Secret");
    assert_eq!(read["type"], "kubernetes.io/tls");
    assert_eq!(read["metadata"]["name"], "app-tls");
    assert_eq!(read["metadata"]["namespace"], "web");
    assert_eq!(
        read["metadata"]["labels"],
        serde_json::json!({"app.kubernetes.io/name": "app", "tier": "frontend"})
    );
    let data = read["data"].as_object().expect("data");
    assert_eq!(
        data.keys().collect::<Vec<_>>(),
        ["ca.crt", "tls.crt", "tls.key"]
    );
    // Exactly the files' bytes: the leaf's file, then the chain's.
    assert_eq!(
        decoded(&data["tls.crt"]),
        [bytes(&s, "app.pem"), bytes(&s, "int.pem")].concat()
    );
    assert_eq!(decoded(&data["tls.key"]), bytes(&s, "app-key.pem"));
    assert_eq!(decoded(&data["ca.crt"]), bytes(&s, "ca.pem"));
    schema_accepts(&s, &document, "app-tls.yaml");

    // What a TLS server is handed verifies: tls.crt is the leaf and its chain.
    std::fs::write(s.path("tls.crt"), decoded(&data["tls.crt"])).unwrap();
    s.openssl_verify("ca.pem", &["tls.crt"], "tls.crt");

    // Without --ca there is no ca.crt, and without labels or a namespace no
    // empty fields either.
    let bare = secret(&s, "app-tls", &[]);
    let read = kubectl_reads(&s, &bare.ok().stdout);
    assert_eq!(
        read["data"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["tls.crt", "tls.key"]
    );
    assert_eq!(read["metadata"], serde_json::json!({"name": "app-tls"}));
    schema_accepts(&s, &bare.stdout, "bare.yaml");
}

#[test]
fn k8s_secret_holds_what_kubectl_create_secret_tls_holds() {
    let s = pki();
    s.write("fullchain.pem", &(s.read("app.pem") + &s.read("int.pem")));
    let kubectl_made = kubectl(
        &s,
        &[
            "create",
            "secret",
            "tls",
            "app-tls",
            "--cert",
            "fullchain.pem",
            "--key",
            "app-key.pem",
            "--dry-run=client",
            "-o",
            "json",
        ],
        b"",
    )
    .ok()
    .json();
    // The chain given apart, or in the certificate's file: the same tls.crt.
    for args in [&["--chain", "int.pem"][..], &[]] {
        let mut all = vec![
            "export",
            "k8s-secret",
            "--cert",
            if args.is_empty() {
                "fullchain.pem"
            } else {
                "app.pem"
            },
            "--key",
            "app-key.pem",
            "--name",
            "app-tls",
        ];
        all.extend_from_slice(args);
        let ours = kubectl_reads(&s, &s.certsmith(&all).ok().stdout);
        assert_eq!(ours["data"], kubectl_made["data"], "{args:?}");
        for field in ["apiVersion", "kind", "type"] {
            assert_eq!(ours[field], kubectl_made[field]);
        }
        assert_eq!(ours["metadata"]["name"], kubectl_made["metadata"]["name"]);
    }
}

#[test]
fn k8s_secret_json_has_the_yaml_fields_in_a_fixed_order_and_no_others() {
    let s = pki();
    let args = [
        "--ca", "ca.pem", "-n", "web", "-l", "zeta=1", "-l", "alpha=2",
    ];
    let yaml = secret(&s, "app-tls", &args).ok().stdout.clone();
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let json = secret(&s, "app-tls", &json_args);
    json.ok();
    let text = json.stdout_str();

    let parsed: SecretJson = serde_json::from_str(&text).expect("the mirror structs");
    assert_eq!(
        (
            parsed.api_version.as_str(),
            parsed.kind.as_str(),
            parsed.secret_type.as_str()
        ),
        ("v1", "Secret", "kubernetes.io/tls")
    );
    assert_eq!(parsed.metadata.name, "app-tls");
    assert_eq!(parsed.metadata.namespace.as_deref(), Some("web"));
    assert_eq!(
        parsed.metadata.labels,
        Some(BTreeMap::from([
            ("alpha".to_owned(), "2".to_owned()),
            ("zeta".to_owned(), "1".to_owned())
        ]))
    );
    assert_eq!(parsed.data.tls_crt, base64_of(&bytes(&s, "app.pem")));
    assert_eq!(parsed.data.tls_key, base64_of(&bytes(&s, "app-key.pem")));
    assert_eq!(parsed.data.ca_crt, Some(base64_of(&bytes(&s, "ca.pem"))));

    // The order is fixed: kubectl's, with labels as given.
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    let order = [
        "\"apiVersion\"",
        "\"kind\"",
        "\"metadata\"",
        "\"name\"",
        "\"namespace\"",
        "\"labels\"",
        "\"zeta\"",
        "\"alpha\"",
        "\"type\"",
        "\"data\"",
        "\"tls.crt\"",
        "\"tls.key\"",
        "\"ca.crt\"",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(positions.is_sorted(), "{order:?} at {positions:?}:\n{text}");

    // kubectl reads the JSON and the YAML alike.
    assert_eq!(kubectl_reads(&s, &json.stdout), kubectl_reads(&s, &yaml));
    schema_accepts(&s, &json.stdout, "app-tls.json");
}

#[test]
fn k8s_secret_names_and_labels_that_yaml_would_retype_round_trip() {
    let s = pki();
    // Unquoted, go-yaml (YAML 1.1) reads these as numbers, booleans and null.
    for (name, namespace) in [
        ("0755", "null"),
        ("1e3", "no"),
        ("true", "0x1f"),
        ("1.5", "on"),
        ("y", "123"),
    ] {
        let labels = [
            "y=n",
            "on=off",
            "null=Null",
            "example.com/0755=0755",
            "v=1.5",
            "empty=",
            "Yes=NO",
            "a_b.c=x-y_z",
        ];
        let mut args = vec!["-n", namespace];
        for label in labels {
            args.extend(["-l", label]);
        }
        let run = secret(&s, name, &args);
        let read = kubectl_reads(&s, &run.ok().stdout);
        assert_eq!(read["metadata"]["name"], name);
        assert_eq!(read["metadata"]["namespace"], namespace);
        let expected: serde_json::Map<String, serde_json::Value> = labels
            .iter()
            .map(|l| {
                let (k, v) = l.split_once('=').unwrap();
                (k.to_owned(), v.into())
            })
            .collect();
        assert_eq!(
            read["metadata"]["labels"],
            serde_json::Value::Object(expected)
        );
        // The schema wants strings: a name read as a number would fail here.
        schema_accepts(&s, &run.stdout, &format!("{name}.yaml"));
    }
}

#[test]
fn k8s_secret_takes_der_files_and_a_bundle_as_the_chain() {
    let s = pki();
    s.run(
        "openssl",
        &[
            "x509", "-in", "app.pem", "-outform", "DER", "-out", "app.der",
        ],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "pkey",
            "-in",
            "app-key.pem",
            "-outform",
            "DER",
            "-out",
            "app-key.der",
        ],
    )
    .ok();
    // A bundle (the leaf, then its issuer) as the chain: the leaf is not repeated.
    let bundle = s.certsmith(&[
        "bundle",
        "--intermediates",
        "int.pem",
        "--roots",
        "ca.pem",
        "--pem",
        "app.pem",
    ]);
    s.write("app-bundle.pem", &bundle.ok().stdout_str());
    let run = s.certsmith(&[
        "export",
        "k8s-secret",
        "--cert",
        "app.der",
        "--key",
        "app-key.der",
        "--chain",
        "app-bundle.pem",
        "--name",
        "app-tls",
    ]);
    run.ok();
    assert_eq!(
        run.stderr,
        "note: app.der is DER; it goes in as PEM, which Kubernetes reads\n\
         note: app-key.der is DER; it goes in as PEM, which Kubernetes reads\n"
    );
    let read = kubectl_reads(&s, &run.stdout);
    // certsmith writes PEM as openssl does, so the DER comes back as the PEM files.
    assert_eq!(
        decoded(&read["data"]["tls.crt"]),
        [bytes(&s, "app.pem"), bytes(&s, "int.pem")].concat()
    );
    // The key, in PEM: openssl reads it as the same key.
    std::fs::write(s.path("tls.key"), decoded(&read["data"]["tls.key"])).unwrap();
    let public = |key: &str| {
        s.run("openssl", &["pkey", "-in", key, "-pubout"])
            .ok()
            .stdout_str()
    };
    assert!(
        s.read("tls.key")
            .starts_with("-----BEGIN PRIVATE KEY-----\n")
    );
    assert_eq!(public("tls.key"), public("app-key.pem"));
}

/// Runs `args`, expecting exit 1 with `stderr` exactly and nothing written.
#[track_caller]
fn refused(s: &Scratch, args: &[&str], stderr: &str) {
    let run = s.certsmith(args);
    assert_eq!(run.fails(), stderr, "{args:?}");
    assert!(!s.exists("out"), "{args:?} wrote its output");
}

#[test]
fn k8s_secret_refuses_a_key_that_is_not_in_the_clear_or_not_the_certificates() {
    let s = pki();
    s.write("pass.txt", "a passphrase long enough\n");
    s.seal_with_passphrase("app-key.pem", "pass.txt", "app-key.age");
    let with_key = |key: &'static str| -> Vec<&'static str> {
        vec![
            "export",
            "k8s-secret",
            "--cert",
            "app.pem",
            "--key",
            key,
            "--name",
            "app-tls",
            "-o",
            "out",
        ]
    };
    refused(
        &s,
        &with_key("app-key.age"),
        "error: app-key.age is an age-sealed key; refusing to write it unsealed as a Kubernetes Secret\n\
         hint: if a Kubernetes Secret is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY app-key.age | certsmith export k8s-secret --key - …\n",
    );
    refused(
        &s,
        &with_key("pkcs11:token=apps;object=web"),
        "error: pkcs11:token=apps;object=web is a key in a PKCS#11 token, whose private half never leaves it\n\
         hint: `certsmith key public URI` prints its public key; a key meant to leave as a file is made outside the token\n",
    );
    refused(
        &s,
        &with_key("admin-key.pem"),
        "error: admin-key.pem is not the key of app.pem: their public keys differ\n\
         hint: pass the private key that app.pem was issued for\n",
    );
    // The sealed key, opened by the user's own decision, goes in through stdin.
    let opened = s.certsmith(&[
        "key",
        "decrypt",
        "--passphrase-file",
        "pass.txt",
        "app-key.age",
    ]);
    let run = s.certsmith_stdin(
        &[
            "export",
            "k8s-secret",
            "--cert",
            "app.pem",
            "--key",
            "-",
            "--name",
            "app-tls",
        ],
        &opened.ok().stdout,
    );
    let read = kubectl_reads(&s, &run.ok().stdout);
    assert_eq!(decoded(&read["data"]["tls.key"]), bytes(&s, "app-key.pem"));
    // A chain that does not go up from the certificate.
    refused(
        &s,
        &[
            "export",
            "k8s-secret",
            "--cert",
            "app.pem",
            "--key",
            "app-key.pem",
            "--chain",
            "ca.pem",
            "--name",
            "app-tls",
            "-o",
            "out",
        ],
        "error: ca.pem: certificate 1 did not sign the certificate before it; a chain goes from the leaf's issuer up to the root\n\
         hint: give the chain from the leaf's issuer up to the root, as certsmith bundle --pem prints it and split-json's NAME-bundle.pem holds it\n",
    );
}

#[test]
fn k8s_secret_refuses_names_and_labels_kubernetes_would_refuse() {
    let s = pki();
    let names = "hint: kubectl would refuse it too: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/\n";
    let labels = "hint: kubectl would refuse it too: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set\n";
    for (args, message, hint) in [
        (
            &["--name", "App_TLS"][..],
            "Secret name \"App_TLS\" is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
            names,
        ),
        (
            &["--name", "app-tls", "-n", "web.prod"],
            "namespace \"web.prod\" is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            names,
        ),
        (
            &["--name", "app-tls", "-l", "tier"],
            "label \"tier\" has no '=': a label is KEY=VALUE",
            "hint: write --label KEY=VALUE (KEY= for an empty value)\n",
        ),
        (
            &["--name", "app-tls", "-l", "tier=-x"],
            "label value \"-x\" is not a label value (empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
            labels,
        ),
        (
            &["--name", "app-tls", "-l", "Example.com/tier=x"],
            "label key \"Example.com/tier\" is not a label key (an optional DNS-1123 subdomain and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
            labels,
        ),
        (
            &["--name", "app-tls", "-l", "tier=a", "-l", "tier=b"],
            "label \"tier\" is given twice",
            "hint: give each label key once\n",
        ),
    ] {
        let mut all = vec![
            "export",
            "k8s-secret",
            "--cert",
            "app.pem",
            "--key",
            "app-key.pem",
            "-o",
            "out",
        ];
        all.extend_from_slice(args);
        refused(&s, &all, &format!("error: {message}\n{hint}"));
    }
}

#[test]
fn k8s_secret_is_never_printed_on_a_terminal_and_its_file_is_0600() {
    let s = pki();
    let bin = certsmith_bin();
    let term = on_terminal(
        &s,
        &[
            &bin,
            "export",
            "k8s-secret",
            "--cert",
            "app.pem",
            "--key",
            "app-key.pem",
            "--name",
            "app-tls",
        ],
        &[],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert_eq!(
        term.transcript,
        "error: refusing to print a private key on a terminal\r\n\
         hint: pass -o FILE to write it to a file made 0600, or pipe it on\r\n"
    );

    let to_file = |extra: &[&str]| {
        let mut all = SECRET.to_vec();
        all.extend(["app-tls", "-o", "app-tls.yaml"]);
        all.extend_from_slice(extra);
        s.certsmith(&all)
    };
    let written = to_file(&[]);
    written.ok();
    assert!(written.stdout.is_empty());
    assert_eq!(s.file_mode("app-tls.yaml"), 0o600);
    let first = bytes(&s, "app-tls.yaml");
    kubectl_reads(&s, &first);

    // An existing file is replaced only with --force.
    s.write("app-tls.yaml", "kept\n");
    assert_eq!(
        to_file(&[]).fails(),
        "error: app-tls.yaml already exists; refusing to replace it\n\
         hint: choose another -o FILE, or pass --force to replace it\n"
    );
    assert_eq!(s.read("app-tls.yaml"), "kept\n");
    to_file(&["--force"]).ok();
    assert_eq!(bytes(&s, "app-tls.yaml"), first);
    assert_eq!(s.file_mode("app-tls.yaml"), 0o600);

    // Never through a symbolic link, even with --force.
    std::fs::remove_file(s.path("app-tls.yaml")).unwrap();
    std::os::unix::fs::symlink("elsewhere.yaml", s.path("app-tls.yaml")).unwrap();
    assert!(to_file(&["--force"]).fails().starts_with(
        "error: app-tls.yaml is a symbolic link; refusing to write a secret through or over it\n"
    ));
    assert!(!s.exists("elsewhere.yaml"));
}

/// `kubectl config view --raw` of a kubeconfig with these names and files,
/// as kubectl writes it (design19.md §3.3: kubectl 1.32 and 1.20 alike).
pub(crate) fn kubeconfig_view(
    s: &Scratch,
    server: &str,
    cluster: &str,
    user: &str,
    ca: &str,
    cert: &str,
    key: &str,
) -> String {
    format!(
        "apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: {ca}
    server: {server}
  name: {cluster}
contexts:
- context:
    cluster: {cluster}
    user: {user}
  name: default
current-context: default
kind: Config
preferences: {{}}
users:
- name: {user}
  user:
    client-certificate-data: {cert}
    client-key-data: {key}
",
        ca = base64_of(&bytes(s, ca)),
        cert = base64_of(&bytes(s, cert)),
        key = base64_of(&bytes(s, key)),
    )
}

const KUBECONFIG: [&str; 10] = [
    "export",
    "kubeconfig",
    "--server",
    "https://127.0.0.1:6443",
    "--ca",
    "ca.pem",
    "--cert",
    "admin.pem",
    "--key",
    "admin-key.pem",
];

fn kubeconfig(s: &Scratch, args: &[&str]) -> Run {
    let mut all = KUBECONFIG.to_vec();
    all.extend_from_slice(args);
    s.certsmith(&all)
}

#[test]
fn kubeconfig_reads_in_kubectl_as_the_file_kubectls_own_commands_write() {
    let s = pki();
    let run = kubeconfig(
        &s,
        &[
            "--cluster",
            "kubernetes-the-hard-way",
            "-o",
            "admin.kubeconfig",
        ],
    );
    run.ok();
    assert!(
        run.stdout.is_empty() && run.stderr.is_empty(),
        "{}",
        run.stderr
    );
    assert_eq!(s.file_mode("admin.kubeconfig"), 0o600);
    let view = kubectl(
        &s,
        &[
            "config",
            "view",
            "--raw",
            "--kubeconfig",
            "admin.kubeconfig",
        ],
        b"",
    );
    assert_eq!(
        view.ok().stdout_str(),
        kubeconfig_view(
            &s,
            "https://127.0.0.1:6443",
            "kubernetes-the-hard-way",
            "admin",
            "ca.pem",
            "admin.pem",
            "admin-key.pem"
        )
    );

    // The defaults: cluster "kubernetes", context "default", the user the CN.
    // On stdout (not a terminal), the same file.
    let piped = kubeconfig(&s, &[]);
    s.write("piped.kubeconfig", &piped.ok().stdout_str());
    let view = kubectl(
        &s,
        &[
            "config",
            "view",
            "--raw",
            "--kubeconfig",
            "piped.kubeconfig",
        ],
        b"",
    );
    assert_eq!(
        view.ok().stdout_str(),
        kubeconfig_view(
            &s,
            "https://127.0.0.1:6443",
            "kubernetes",
            "admin",
            "ca.pem",
            "admin.pem",
            "admin-key.pem"
        )
    );
    // A current context that kubectl finds, with the user's credentials.
    let minified = kubectl(
        &s,
        &[
            "config",
            "view",
            "--raw",
            "--minify",
            "-o",
            "jsonpath={.users[0].name}@{.clusters[0].cluster.server}",
            "--kubeconfig",
            "piped.kubeconfig",
        ],
        b"",
    );
    assert_eq!(minified.ok().stdout_str(), "admin@https://127.0.0.1:6443");
}

#[test]
fn kubeconfig_names_with_quotes_backslashes_and_line_separators_round_trip_through_kubectl() {
    let s = pki();
    let user = "o\"brien\\: #admin\u{2028}x\té";
    let cluster = "prod: #1 \"eu\"";
    let context = "'ctx' \\n\u{85}";
    kubeconfig(
        &s,
        &[
            "--user",
            user,
            "--cluster",
            cluster,
            "--context",
            context,
            "-o",
            "hostile.kubeconfig",
        ],
    )
    .ok();
    let text = s.read("hostile.kubeconfig");
    // Every name on its one line, escaped: nothing YAML reads as a break.
    assert_eq!(text.lines().count(), 19, "a name broke a line:\n{text}");
    assert!(!text.contains(['\u{2028}', '\u{85}', '\t', '\r']), "{text}");
    let view = kubectl(
        &s,
        &[
            "config",
            "view",
            "--raw",
            "-o",
            "json",
            "--kubeconfig",
            "hostile.kubeconfig",
        ],
        b"",
    )
    .ok()
    .json();
    assert_eq!(view["users"][0]["name"], user);
    assert_eq!(view["contexts"][0]["context"]["user"], user);
    assert_eq!(view["clusters"][0]["name"], cluster);
    assert_eq!(view["contexts"][0]["context"]["cluster"], cluster);
    assert_eq!(view["contexts"][0]["name"], context);
    assert_eq!(view["current-context"], context);
    assert_eq!(
        decoded(&view["users"][0]["user"]["client-key-data"]),
        bytes(&s, "admin-key.pem")
    );
}

#[test]
fn kubeconfig_refuses_what_kubectl_could_not_use() {
    let s = pki();
    s.write(
        "nocn.json",
        r#"{"hosts":["svc.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.sign_split("ca", &["--profile", "client", "nocn.json"], "nocn");
    let server = "hint: give the API server as https://HOST:PORT, e.g. https://127.0.0.1:6443\n";
    for (server_url, problem) in [
        ("127.0.0.1:6443", "it does not start with https://"),
        ("https://:6443", "it has no host"),
        (
            "https://admin:secret@10.0.0.1:6443",
            "it has a user name or password in it, which belong in the kubeconfig's user",
        ),
        (
            "https://10.0.0.1:65536",
            "its port is not a number from 1 to 65535",
        ),
    ] {
        refused(
            &s,
            &[
                "export",
                "kubeconfig",
                "--server",
                server_url,
                "--ca",
                "ca.pem",
                "--cert",
                "admin.pem",
                "--key",
                "admin-key.pem",
                "-o",
                "out",
            ],
            // The password never shows.
            &format!(
                "error: \"{}\" is not an API server address: {problem}\n{server}",
                server_url.replace("admin:secret", "***")
            ),
        );
    }
    let mut args = KUBECONFIG.to_vec();
    args[7] = "nocn.pem";
    args[9] = "nocn-key.pem";
    args.extend(["-o", "out"]);
    refused(
        &s,
        &args,
        "error: nocn.pem has no CN to name the kubeconfig's user after\nhint: name the user: --user NAME\n",
    );
    let mut args = KUBECONFIG.to_vec();
    args.extend(["--context", "", "-o", "out"]);
    refused(
        &s,
        &args,
        "error: the kubeconfig's context name is empty\nhint: give a name, or leave --context out for its default\n",
    );
    let mut args = KUBECONFIG.to_vec();
    args[9] = "pkcs11:token=apps;object=admin";
    args.extend(["-o", "out"]);
    refused(
        &s,
        &args,
        "error: pkcs11:token=apps;object=admin is a key in a PKCS#11 token, whose private half never leaves it\n\
         hint: `certsmith key public URI` prints its public key; a key meant to leave as a file is made outside the token\n",
    );
    let mut args = KUBECONFIG.to_vec();
    args[9] = "app-key.pem";
    args.extend(["-o", "out"]);
    refused(
        &s,
        &args,
        "error: app-key.pem is not the key of admin.pem: their public keys differ\n\
         hint: pass the private key that admin.pem was issued for\n",
    );
    s.write("pass.txt", "a passphrase long enough\n");
    s.seal_with_passphrase("admin-key.pem", "pass.txt", "admin-key.age");
    let mut args = KUBECONFIG.to_vec();
    args[9] = "admin-key.age";
    args.extend(["-o", "out"]);
    refused(
        &s,
        &args,
        "error: admin-key.age is an age-sealed key; refusing to write it unsealed as a kubeconfig\n\
         hint: if a kubeconfig is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY admin-key.age | certsmith export kubeconfig --key - …\n",
    );

    // Plain HTTP is written, with a note; a server certificate as a client's, too.
    let mut args = KUBECONFIG.to_vec();
    args[3] = "http://127.0.0.1:8080";
    args[7] = "app.pem";
    args[9] = "app-key.pem";
    args.extend(["--user", "app", "-o", "plain.kubeconfig"]);
    let run = s.certsmith(&args);
    run.ok();
    assert_eq!(
        run.stderr,
        "note: app.pem has no client auth usage, and an API server refuses it as a client certificate\n\
         note: http://127.0.0.1:8080 is plain HTTP: nothing is encrypted, and the CA and the client certificate go unused\n"
    );

    // Never on a terminal; an existing file only with --force.
    let bin = certsmith_bin();
    let mut argv = vec![bin.as_str()];
    argv.extend_from_slice(&KUBECONFIG);
    let term = on_terminal(&s, &argv, &[], None);
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .starts_with("error: refusing to print a private key on a terminal\r\n"),
        "{}",
        term.transcript
    );
    s.write("admin.kubeconfig", "kept\n");
    assert_eq!(
        kubeconfig(&s, &["-o", "admin.kubeconfig"]).fails(),
        "error: admin.kubeconfig already exists; refusing to replace it\n\
         hint: choose another -o FILE, or pass --force to replace it\n"
    );
    assert_eq!(s.read("admin.kubeconfig"), "kept\n");
    kubeconfig(&s, &["-o", "admin.kubeconfig", "--force"]).ok();
    assert_eq!(s.file_mode("admin.kubeconfig"), 0o600);
    assert!(s.read("admin.kubeconfig").starts_with("apiVersion: v1\n"));
}
