//! The offline root ceremony with the root key made in a SoftHSM2 token
//! (issue 16), once per key type: RSA-2048, RSA-3072, P-256 and P-384.
//!
//! Two scratch directories stand for two places. One is the offline root's
//! machine: its private keys are in tokens (each test its own SoftHSM2
//! token directory), so nothing written there may hold key material. The
//! other, `outside`, is everyone else: the subscribers, whose keys are
//! files, the operator of a file-key intermediate, the operator of the next
//! root, and a twin root with a file key made from the same request, whose
//! certificates must differ from the token root's only in serial, validity,
//! key and signature. Every certificate the token keys sign is checked by
//! openssl and pkilint, the CRL by openssl and pkilint's CRL linter.

use std::path::Path;
use std::process::Stdio;

use certsmith::x509::certificate::Certificate;
use der::Decode;
use der::asn1::OctetString;
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, SubjectKeyIdentifier};

use super::{MODULE, PIN, SoftToken};
use crate::support::{Run, Scratch, certsmith_command};

/// One ceremony's key type: its name (its tokens' labels start with it), the
/// CSR JSON `key` of the root and its intermediate, and whether the
/// intermediate's key is made in a token too (`genkey --pkcs11-key`)
/// rather than in a file.
struct KeyType {
    name: &'static str,
    key: &'static str,
    intermediate_in_token: bool,
}

/// The shipped offline-root profiles: `server` for leaves, and
/// `constrained-intermediate` (pathlen 0, critical name constraints
/// permitting example.com and 10.0.0.0/8) for the intermediate.
const PROFILES: &str = include_str!("../../../profiles/offline-root.json");

/// The private key object's access flags, as pkcs11-tool prints them for a
/// key made in the token with CKA_SENSITIVE and without CKA_EXTRACTABLE.
const NEVER_EXTRACTABLE: &str = "Access:     sensitive, always sensitive, never extractable, local";

#[test]
fn rsa_2048_root_key_in_a_token_runs_the_ceremony() {
    ceremony(KeyType {
        name: "rsa-2048",
        key: r#"{"algo":"rsa","size":2048}"#,
        intermediate_in_token: false,
    });
}

#[test]
fn rsa_3072_root_key_in_a_token_runs_the_ceremony() {
    ceremony(KeyType {
        name: "rsa-3072",
        key: r#"{"algo":"rsa","size":3072}"#,
        intermediate_in_token: false,
    });
}

#[test]
fn p256_root_and_intermediate_keys_in_tokens_run_the_ceremony() {
    ceremony(KeyType {
        name: "p-256",
        key: r#"{"algo":"ecdsa","size":256}"#,
        intermediate_in_token: true,
    });
}

#[test]
fn p384_root_key_in_a_token_runs_the_ceremony() {
    ceremony(KeyType {
        name: "p-384",
        key: r#"{"algo":"ecdsa","size":384}"#,
        intermediate_in_token: false,
    });
}

/// One ceremony's two places and its tokens. `s` is the offline root
/// machine: certsmith runs there seeing the tokens, the module and the PIN
/// from the environment, never a key file. `outside` is everyone else.
struct Ceremony {
    kind: KeyType,
    s: Scratch,
    outside: Scratch,
    token: SoftToken,
    root_token: String,
    int_token: String,
    /// The root key's URI.
    root_key: String,
}

fn ceremony(kind: KeyType) {
    let c = Ceremony::new(kind);
    c.make_the_root();
    let int_key = c.intermediate_request();
    c.root_signs_a_leaf_and_a_constrained_intermediate();
    c.intermediate_signs_within_its_constraints(&int_key);
    c.root_cross_signs_the_next_root();
    c.root_revokes_the_leaf_and_publishes_a_crl();
    c.openssl_and_pkilint_accept_everything();
    c.keys_stay_in_their_tokens();
    c.nothing_written_holds_a_private_key();
    c.a_file_key_twin_differs_only_in_serial_validity_key_and_signature();
}

impl Ceremony {
    fn new(kind: KeyType) -> Ceremony {
        let token = SoftToken::new();
        // Neither label a prefix of the other: pkcs11-tool's --token-label
        // takes the first token whose label starts with the one given.
        let root_token = format!("{}-root", kind.name);
        let int_token = format!("{}-int", kind.name);
        token.init(&root_token);
        let c = Ceremony {
            root_key: format!("pkcs11:token={root_token};object=root-key"),
            kind,
            s: Scratch::new(),
            outside: Scratch::new(),
            token,
            root_token,
            int_token,
        };
        let root_csr = format!(
            r#"{{"CN":"Token Root CA","names":[{{"C":"US","O":"certsmith tests"}}],"key":{},"ca":{{"expiry":"87600h"}}}}"#,
            c.kind.key
        );
        for place in [&c.s, &c.outside] {
            place.write("root-csr.json", &root_csr);
            place.write("config.json", PROFILES);
        }
        c
    }

    /// `certsmith ARGS` in the ceremony directory.
    fn run(&self, args: &[&str]) -> Run {
        Run::from(
            certsmith_command()
                .args(args)
                .current_dir(self.s.dir.path())
                .env("SOFTHSM2_CONF", self.token.conf())
                .env("CERTSMITH_PKCS11_PIN", PIN)
                .env("CERTSMITH_PKCS11_MODULE", MODULE)
                .stdin(Stdio::null())
                .output()
                .expect("certsmith"),
        )
    }

    /// `certsmith ARGS` in the ceremony directory, asserting success; its
    /// stdout is also kept in `OUT` there, so that the search for private
    /// key material covers what each command printed.
    #[track_caller]
    fn certsmith(&self, args: &[&str], out: &str) -> Run {
        let run = self.run(args);
        run.ok();
        std::fs::write(self.s.path(out), &run.stdout).unwrap();
        run
    }

    /// [`Ceremony::certsmith`] piped into `split-json NAME`; the JSON's
    /// fields are `fields` (never a key).
    #[track_caller]
    fn split(&self, args: &[&str], name: &str, fields: &[&str]) {
        let run = self.certsmith(args, &format!("{name}.json"));
        let json = run.json();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys, fields, "certsmith {args:?}");
        self.s
            .certsmith_stdin(&["split-json", name], &run.stdout)
            .ok();
    }

    /// `SUB --ca root.pem --ca-key ROOT-KEY ARGS`: the token root signs.
    fn with_root<'a>(&'a self, sub: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        [
            &[sub, "--ca", "root.pem", "--ca-key", &self.root_key][..],
            args,
        ]
        .concat()
    }

    /// Copies `name` from outside in.
    fn carry_in(&self, name: &str) {
        carry(&self.outside, name, &self.s);
    }

    /// The root: its key made in the token, no key in the JSON or on disk.
    fn make_the_root(&self) {
        self.split(
            &["initca", "--pkcs11-key", &self.root_key, "root-csr.json"],
            "root",
            &["cert", "csr"],
        );
        assert!(!self.s.exists("root-key.pem"));
    }

    /// The requests the root signs: a subscriber's (leaf.csr, its key a
    /// file outside), and the intermediate's (int-request.csr), its key
    /// made in a token of its own or in a file outside. Returns the
    /// intermediate key's URI or file name.
    fn intermediate_request(&self) -> String {
        let outside = &self.outside;
        outside.write(
            "leaf-csr.json",
            r#"{"CN":"www.example.com","hosts":["www.example.com","10.0.0.5"],"key":{"algo":"ecdsa","size":256}}"#,
        );
        outside.certsmith_split(&["genkey", "leaf-csr.json"], "leaf");
        self.carry_in("leaf.csr");
        let int_csr = format!(
            r#"{{"CN":"Token Issuing CA","key":{},"ca":{{}}}}"#,
            self.kind.key
        );
        if !self.kind.intermediate_in_token {
            outside.write("int-csr.json", &int_csr);
            outside.certsmith_split(&["genkey", "int-csr.json"], "int-request");
            self.carry_in("int-request.csr");
            return "int-request-key.pem".to_owned();
        }
        self.token.init(&self.int_token);
        self.s.write("int-csr.json", &int_csr);
        let key = format!("pkcs11:token={};object=int-key", self.int_token);
        self.split(
            &["genkey", "--pkcs11-key", &key, "int-csr.json"],
            "int-request",
            &["csr"],
        );
        assert!(!self.s.exists("int-request-key.pem"));
        key
    }

    /// The shipped `server` and `constrained-intermediate` profiles, each
    /// issuance recorded in the ledger.
    fn root_signs_a_leaf_and_a_constrained_intermediate(&self) {
        let leaf = signed("server", "leaf.csr");
        self.split(&self.with_root("sign", &leaf), "leaf", &["cert", "csr"]);
        let int = signed("constrained-intermediate", "int-request.csr");
        self.split(&self.with_root("sign", &int), "int", &["cert", "csr"]);
        let text = self.s.x509_text("int.pem");
        for line in [
            "CA:TRUE, pathlen:0",
            "X509v3 Name Constraints: critical",
            "DNS:example.com",
            "IP:10.0.0.0/255.0.0.0",
        ] {
            assert!(text.contains(line), "int.pem lacks {line}:\n{text}");
        }
    }

    /// Where the intermediate's key is (in its token, or in a file
    /// outside), it signs app.example.com and refuses www.example.org.
    fn intermediate_signs_within_its_constraints(&self, int_key: &str) {
        let outside = &self.outside;
        let in_token = self.kind.intermediate_in_token;
        outside.write(
            "app-csr.json",
            r#"{"CN":"app.example.com","hosts":["app.example.com","10.1.2.3"],"key":{"algo":"ecdsa","size":256}}"#,
        );
        outside.write(
            "stray-csr.json",
            r#"{"CN":"www.example.org","hosts":["www.example.org"],"key":{"algo":"ecdsa","size":256}}"#,
        );
        outside.certsmith_split(&["genkey", "app-csr.json"], "app-request");
        outside.certsmith_split(&["genkey", "stray-csr.json"], "stray");
        if in_token {
            self.carry_in("app-request.csr");
            self.carry_in("stray.csr");
        } else {
            carry(&self.s, "int.pem", outside);
        }
        let under_int = |csr: &str| {
            let args = [
                &["sign", "--ca", "int.pem", "--ca-key", int_key][..],
                &profile("server"),
                &[csr],
            ]
            .concat();
            if in_token {
                self.run(&args)
            } else {
                outside.certsmith(&args)
            }
        };
        let app = under_int("app-request.csr");
        self.s
            .certsmith_stdin(&["split-json", "app"], &app.ok().stdout)
            .ok();
        let stray = under_int("stray.csr");
        let err = stray.fails();
        assert!(
            err.contains("name \"www.example.org\" violates the name constraints of int.pem"),
            "{err}"
        );
    }

    /// The next root is made outside with a file key, and issues a leaf; the
    /// token root cross-signs it, so that a client trusting only the token
    /// root accepts the next root's leaves.
    fn root_cross_signs_the_next_root(&self) {
        let outside = &self.outside;
        outside.init_ca(
            "next",
            r#"{"CN":"Next Root CA","names":[{"C":"US","O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{"expiry":"43800h"}}"#,
        );
        outside.sign_split(
            "next",
            &[&profile("server")[..], &["leaf.csr"]].concat(),
            "next-leaf",
        );
        self.carry_in("next.pem");
        self.carry_in("next-leaf.pem");
        let args = self.with_root("cross-sign", &["--ledger", "ledger.jsonl", "next.pem"]);
        self.split(&args, "cross", &["cert"]);
    }

    /// The revocation, the CRL and the ledger: all signed in the token, the
    /// ledger verified by certsmith.
    fn root_revokes_the_leaf_and_publishes_a_crl(&self) {
        let revoke = [
            "--ledger",
            "ledger.jsonl",
            "--cert",
            "leaf.pem",
            "--reason",
            "keyCompromise",
        ];
        self.certsmith(&self.with_root("revoke", &revoke), "revoke.stdout");
        let crl = self.with_root("crl", &["--ledger", "ledger.jsonl"]);
        self.certsmith(&crl, "crl.pem");
        let verified = self
            .s
            .certsmith(&["ledger", "verify", "--ca", "root.pem", "ledger.jsonl"]);
        // Issued: the leaf, the intermediate and the cross certificate; then
        // a revocation and a CRL.
        assert!(
            verified
                .ok()
                .stderr
                .contains("ledger.jsonl: 5 entries verified"),
            "{}",
            verified.stderr
        );
    }

    /// Every certificate chains to the token root (openssl -x509_strict);
    /// the CRL is the token root's, and has the leaf revoked and not the
    /// intermediate; pkilint finds nothing.
    fn openssl_and_pkilint_accept_everything(&self) {
        let s = &self.s;
        for cert in ["root.pem", "leaf.pem", "int.pem", "cross.pem"] {
            s.openssl_verify("root.pem", &[], cert);
        }
        s.openssl_verify("root.pem", &["int.pem"], "app.pem");
        s.openssl_verify("root.pem", &["cross.pem"], "next-leaf.pem");
        let crl = s.run(
            "openssl",
            &[
                "crl", "-verify", "-noout", "-CAfile", "root.pem", "-in", "crl.pem",
            ],
        );
        assert!(crl.ok().stderr.contains("verify OK"), "{}", crl.stderr);
        let (status, text) = crl_check(s, "leaf.pem");
        assert!(
            status != 0 && text.contains("certificate revoked"),
            "{text}"
        );
        let (status, text) = crl_check(s, "int.pem");
        assert!(status == 0 && text.contains("int.pem: OK"), "{text}");
        lint_all(
            s,
            &["root.pem", "leaf.pem", "int.pem", "app.pem", "cross.pem"],
            "crl.pem",
        );
    }

    fn keys_stay_in_their_tokens(&self) {
        assert_never_extractable(&self.token, &self.root_token, "root-key");
        if self.kind.intermediate_in_token {
            assert_never_extractable(&self.token, &self.int_token, "int-key");
        }
    }

    /// Everything the ceremony machine holds: what each command wrote or
    /// printed, and what was carried in. The token directory is elsewhere.
    fn nothing_written_holds_a_private_key(&self) {
        let searched = assert_no_private_key_material(self.s.dir.path());
        for name in [
            "root.json",
            "root.pem",
            "leaf.json",
            "int.json",
            "cross.json",
            "crl.pem",
            "ledger.jsonl",
        ] {
            assert!(
                searched.iter().any(|w| w == name),
                "{name} not searched: {searched:?}"
            );
        }
    }

    /// The twin root: a file key, the same request, the same profiles, the
    /// same leaf and intermediate requests.
    fn a_file_key_twin_differs_only_in_serial_validity_key_and_signature(&self) {
        let outside = &self.outside;
        outside.certsmith_split(&["initca", "root-csr.json"], "twin");
        carry(&self.s, "int-request.csr", outside);
        outside.sign_split(
            "twin",
            &[&profile("server")[..], &["leaf.csr"]].concat(),
            "twin-leaf",
        );
        outside.sign_split(
            "twin",
            &[
                &profile("constrained-intermediate")[..],
                &["int-request.csr"],
            ]
            .concat(),
            "twin-int",
        );
        let token_root = read(&self.s, "root.pem");
        let file_root = read(outside, "twin.pem");
        assert_twins(&file_root, &file_root, &token_root, &token_root, false);
        for (file, token) in [("twin-leaf.pem", "leaf.pem"), ("twin-int.pem", "int.pem")] {
            assert_twins(
                &file_root,
                &read(outside, file),
                &token_root,
                &read(&self.s, token),
                true,
            );
        }
    }
}

/// Copies `name` from one place to the other, as an operator carries a
/// request or a certificate.
fn carry(from: &Scratch, name: &str, to: &Scratch) {
    std::fs::copy(from.path(name), to.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// `openssl verify -crl_check` of `cert` against the root and its CRL: the
/// exit status and everything printed.
fn crl_check(s: &Scratch, cert: &str) -> (i32, String) {
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-x509_strict",
            "-crl_check",
            "-CAfile",
            "root.pem",
            "-CRLfile",
            "crl.pem",
            cert,
        ],
    );
    (run.status, format!("{}{}", run.stdout_str(), run.stderr))
}

/// pkilint of every certificate and of the CRL, several at a time: each
/// call is a second of Python start-up.
fn lint_all(s: &Scratch, certs: &[&str], crl: &str) {
    std::thread::scope(|scope| {
        for cert in certs {
            scope.spawn(move || s.pkilint(cert));
        }
        scope.spawn(|| s.lint_crl(crl));
    });
}

/// The private key `label` in token `token`, as pkcs11-tool lists it after
/// logging in (the PIN from the environment, never argv), is sensitive and
/// was never extractable.
fn assert_never_extractable(token: &SoftToken, label: &str, key: &str) {
    let listed = token.private_keys(label);
    let objects: Vec<&str> = listed
        .split("Private Key Object")
        .filter(|o| !o.trim().is_empty())
        .collect();
    assert_eq!(objects.len(), 1, "one private key in {label}:\n{listed}");
    assert!(
        objects[0].contains(&format!("label:      {key}\n"))
            && objects[0].contains(NEVER_EXTRACTABLE),
        "{label}:\n{listed}"
    );
}

/// Every file under `dir`, searched for private key material: a PEM private
/// key of any kind, an age identity or sealed key, a DER private key
/// (PKCS#8, PKCS#1, SEC 1) bare or under any PEM label, and a JSON `key`
/// string as cfssl's output carries one. Returns the names searched.
fn assert_no_private_key_material(dir: &Path) -> Vec<String> {
    let mut searched = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .display()
            .to_string();
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for marker in ["PRIVATE KEY", "AGE-SECRET-KEY", "AGE ENCRYPTED FILE"] {
            assert!(!text.contains(marker), "{name} holds {marker}:\n{text}");
        }
        assert!(!is_private_key_der(&bytes), "{name} is a DER private key");
        for block in pem::parse_many(&bytes).unwrap_or_default() {
            assert!(
                !is_private_key_der(block.contents()),
                "{name}: a private key labelled {}",
                block.tag()
            );
        }
        // A JSON file, or JSON lines (the ledger).
        let values: Vec<serde_json::Value> = match serde_json::from_slice(&bytes) {
            Ok(value) => vec![value],
            Err(_) => text
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect(),
        };
        for value in &values {
            assert!(!has_key_string(value), "{name} has a \"key\": {value}");
        }
        searched.push(name);
    }
    searched
}

fn is_private_key_der(der: &[u8]) -> bool {
    pkcs8::PrivateKeyInfoRef::from_der(der).is_ok()
        || pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(der).is_ok()
        || sec1::EcPrivateKey::from_der(der).is_ok()
}

/// Whether `value` has, at any depth, a `key` that is a string: cfssl's
/// JSON carries a private key so, where a CSR JSON's `key` is an object.
fn has_key_string(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .any(|(k, v)| (k.eq_ignore_ascii_case("key") && v.is_string()) || has_key_string(v)),
        serde_json::Value::Array(items) => items.iter().any(has_key_string),
        _ => false,
    }
}

/// A certificate as certsmith reads it and as x509-cert decodes it.
struct Read {
    cert: Certificate,
    x509: x509_cert::Certificate,
    name: String,
}

fn read(s: &Scratch, name: &str) -> Read {
    let cert = Certificate::from_bytes(&std::fs::read(s.path(name)).unwrap(), name).unwrap();
    let x509 = x509_cert::Certificate::from_der(&cert.der).unwrap();
    Read {
        cert,
        x509,
        name: name.to_owned(),
    }
}

/// `file` (issued by `file_issuer`, a file key) and `token` (issued by
/// `token_issuer`, the token key) from the same request and profile differ
/// only in serial, validity dates, key and signature, field by field: the
/// same version, signature algorithm, names, extensions in the same order
/// with the same criticality and values, and the same validity period. The
/// key identifiers differ with the keys: each SKI is the SHA-1 of its own
/// key (RFC 5280 §4.2.1.2 method 1), each AKI names its issuer's SKI and
/// nothing else. `same_key`: the subjects' keys are one key (a leaf or
/// intermediate made from one request), else only their algorithm is.
fn assert_twins(
    file_issuer: &Read,
    file: &Read,
    token_issuer: &Read,
    token: &Read,
    same_key: bool,
) {
    let what = format!("{} and {}", file.name, token.name);
    let (f, t) = (file.x509.tbs_certificate(), token.x509.tbs_certificate());
    assert_eq!(f.version(), t.version(), "{what}: version");
    assert_eq!(f.signature(), t.signature(), "{what}: signature algorithm");
    assert_eq!(
        file.x509.signature_algorithm(),
        token.x509.signature_algorithm(),
        "{what}: outer signature algorithm"
    );
    assert_eq!(
        f.signature(),
        file.x509.signature_algorithm(),
        "{}",
        file.name
    );
    assert_eq!(
        t.signature(),
        token.x509.signature_algorithm(),
        "{}",
        token.name
    );
    assert_eq!(f.issuer(), t.issuer(), "{what}: issuer");
    assert_eq!(f.subject(), t.subject(), "{what}: subject");
    assert!(f.issuer_unique_id().is_none() && t.issuer_unique_id().is_none());
    assert!(f.subject_unique_id().is_none() && t.subject_unique_id().is_none());
    let (fk, tk) = (f.subject_public_key_info(), t.subject_public_key_info());
    assert_eq!(fk.algorithm, tk.algorithm, "{what}: key algorithm");
    assert_eq!(fk == tk, same_key, "{what}: the keys");
    // The serial, the dates and the signature differ; the period does not.
    assert_ne!(f.serial_number(), t.serial_number(), "{what}: serial");
    assert_eq!(
        file.cert.not_after - file.cert.not_before,
        token.cert.not_after - token.cert.not_before,
        "{what}: validity period"
    );
    assert_ne!(file.x509.signature(), token.x509.signature(), "{what}");

    let (fe, te) = (f.extensions().unwrap(), t.extensions().unwrap());
    let ids = |e: &x509_cert::ext::Extensions| {
        e.iter()
            .map(|x| (x.extn_id.to_string(), x.critical))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(fe),
        ids(te),
        "{what}: extensions, their order and criticality"
    );
    for (fx, tx) in fe.iter().zip(te.iter()) {
        let id = fx.extn_id;
        if id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER {
            assert_ski(file, &fx.extn_value);
            assert_ski(token, &tx.extn_value);
        } else if id == const_oid::db::rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER {
            assert_aki(file_issuer, file, &fx.extn_value);
            assert_aki(token_issuer, token, &tx.extn_value);
        } else {
            assert_eq!(fx.extn_value, tx.extn_value, "{what}: extension {id}");
        }
    }
}

/// SHA-1 of the certificate's subjectPublicKey bits.
fn key_id(cert: &Read) -> Vec<u8> {
    let bits = cert
        .x509
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, bits)
        .as_ref()
        .to_vec()
}

fn assert_ski(cert: &Read, value: &OctetString) {
    let ski = SubjectKeyIdentifier::from_der(value.as_bytes()).unwrap();
    assert_eq!(ski.0.as_bytes(), key_id(cert), "{}: SKI", cert.name);
}

fn assert_aki(issuer: &Read, cert: &Read, value: &OctetString) {
    let aki = AuthorityKeyIdentifier::from_der(value.as_bytes()).unwrap();
    let expected = AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(key_id(issuer)).unwrap()),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    assert_eq!(aki, expected, "{}: AKI", cert.name);
}

/// `--config config.json --profile NAME`: the shipped offline-root profiles.
fn profile(name: &str) -> [&str; 4] {
    ["--config", "config.json", "--profile", name]
}

/// The arguments that sign `csr` with profile `name`, recorded in the ledger.
fn signed<'a>(name: &'a str, csr: &'a str) -> Vec<&'a str> {
    [&profile(name)[..], &["--ledger", "ledger.jsonl", csr]].concat()
}
