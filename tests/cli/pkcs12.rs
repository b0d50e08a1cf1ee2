//! PKCS#12 (issue 19): `export p12` writes files that the real readers open
//! (OpenSSL 3 without `-legacy`, Java's keytool, Python's `cryptography`),
//! `import p12` opens the files OpenSSL makes and its own, round trips keep
//! the key, and hostile files are refused. Passwords reach every program
//! through the environment (`-passin env:`, `-storepass:env`), never argv.

use std::process::Stdio;

use crate::key::{age_keygen, certsmith_env, on_terminal, without_terminal};
use crate::support::*;

/// The password of the tests' files, and the variable the peers read it from.
const PASSWORD: &str = "correct horse battery staple";
const PASSWORD_VAR: &str = "P12_TEST_PASSWORD";

const INTERMEDIATE: &str = r#"{"CN":"P12 Test Intermediate","names":[{"O":"certsmith tests"}],"key":{"algo":"ecdsa","size":256},"ca":{}}"#;

fn leaf_json(key: &str) -> String {
    format!(
        r#"{{"CN":"app.example.com","hosts":["app.example.com","10.0.0.7"],"names":[{{"O":"Example"}}],"key":{key}}}"#
    )
}

/// A root (ca), an intermediate (int) and a P-256 leaf (app) under it, and
/// app-bundle.pem as split-json writes a bundle: the leaf, then int.
fn pki() -> Scratch {
    let s = with_root();
    s.write("int.json", INTERMEDIATE);
    s.certsmith_split(
        &with_ca(
            "sign",
            &ca_args("ca"),
            &["--profile", "intermediate", "int.json"],
        ),
        "int",
    );
    s.write("app.json", &leaf_json(r#"{"algo":"ecdsa","size":256}"#));
    s.certsmith_split(
        &with_ca(
            "sign",
            &ca_args("int"),
            &["--profile", "server", "app.json"],
        ),
        "app",
    );
    s.write(
        "app-bundle.pem",
        &format!("{}{}", s.read("app.pem"), s.read("int.pem")),
    );
    s
}

/// certsmith with the tests' password in CERTSMITH_PASSPHRASE.
fn certsmith_pw(s: &Scratch, args: &[&str]) -> Run {
    certsmith_env(s, args, b"", &[("CERTSMITH_PASSPHRASE", PASSWORD)])
}

/// A peer with `env` set (a password it reads by the variable's name).
fn peer(s: &Scratch, program: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    require(program);
    let out = command(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(s.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("spawn");
    Run::from(out)
}

/// openssl with the tests' password in PASSWORD_VAR.
fn openssl_pw(s: &Scratch, args: &[&str]) -> Run {
    peer(s, "openssl", args, &[(PASSWORD_VAR, PASSWORD)])
}

/// `export p12` of app with its bundle and root into `out`, with `extra` flags.
fn export(s: &Scratch, out: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "export",
        "p12",
        "--cert",
        "app.pem",
        "--chain",
        "app-bundle.pem",
        "--ca",
        "ca.pem",
        "-o",
        out,
    ];
    args.extend(extra);
    let run = certsmith_pw(s, &args);
    run.ok();
    run
}

/// openssl's SHA-1 fingerprint of a certificate as `-info` prints a
/// localKeyID: `37 EE CF …`.
fn sha1_as_local_key_id(s: &Scratch, cert: &str) -> String {
    let out = s
        .run(
            "openssl",
            &["x509", "-noout", "-fingerprint", "-sha1", "-in", cert],
        )
        .ok()
        .stdout_str();
    out.trim()
        .split('=')
        .nth(1)
        .expect("fingerprint")
        .replace(':', " ")
}

/// The certificates of a PEM text, each normalised by openssl to its PEM.
fn pem_blocks(text: &str) -> Vec<String> {
    text.split_inclusive("-----END CERTIFICATE-----")
        .filter_map(|b| {
            b.find("-----BEGIN CERTIFICATE-----")
                .map(|i| format!("{}\n", &b[i..]))
        })
        .collect()
}

#[test]
fn export_p12_default_is_what_openssl_3_writes_and_reads_without_legacy() {
    let s = pki();
    let run = export(&s, "app.p12", &["--name", "app-entry"]);
    assert_eq!(
        run.stderr,
        "wrote app.p12: entry \"app-entry\", its key and 2 CA certificates (AES-256-CBC, MAC SHA-256)\n"
    );
    assert!(run.stdout.is_empty());
    assert_eq!(s.file_mode("app.p12"), 0o600);

    // The protection, as OpenSSL 3 reports it (on stderr) without -legacy.
    let info = openssl_pw(
        &s,
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "app.p12",
            "-passin",
            &format!("env:{PASSWORD_VAR}"),
        ],
    );
    info.ok();
    assert!(
        info.stderr.contains("MAC: sha256, Iteration 10000"),
        "{}",
        info.stderr
    );
    assert!(
        info.stderr.contains(
            "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256"
        ),
        "{}",
        info.stderr
    );
    assert!(
        info.stderr.contains(
            "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256"
        ),
        "{}",
        info.stderr
    );

    // Its contents: the key's bag named by --name and tied to the leaf by
    // the leaf's SHA-1 (what openssl pkcs12 -export writes), the key, and the
    // leaf, the intermediate and the root, in that order.
    let nodes = openssl_pw(
        &s,
        &[
            "pkcs12",
            "-info",
            "-nodes",
            "-in",
            "app.p12",
            "-passin",
            &format!("env:{PASSWORD_VAR}"),
        ],
    );
    let text = nodes.ok().stdout_str();
    let key_bag = &text[text
        .find("-----END CERTIFICATE-----\nBag Attributes")
        .expect("a key bag after the certificates")..];
    assert!(key_bag.contains("friendlyName: app-entry"), "{text}");
    let id = sha1_as_local_key_id(&s, "app.pem");
    assert!(
        key_bag.contains(&format!("localKeyID: {id}")),
        "{id} in\n{text}"
    );
    assert!(text.contains("-----BEGIN PRIVATE KEY-----"), "{text}");
    let expected: Vec<String> = ["app.pem", "int.pem", "ca.pem"]
        .iter()
        .map(|f| s.read(f))
        .collect();
    assert_eq!(pem_blocks(&text), expected);
    let first_bag = text.split("subject=").next().unwrap();
    assert!(first_bag.contains(&format!("localKeyID: {id}")), "{text}");
    s.write("opened.pem", &text);
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "opened.pem"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", "app-key.pem"])
            .ok()
            .stdout_str()
    );

    // A wrong password is refused by OpenSSL.
    let wrong = peer(
        &s,
        "openssl",
        &[
            "pkcs12",
            "-info",
            "-nodes",
            "-in",
            "app.p12",
            "-passin",
            "env:WRONG",
        ],
        &[("WRONG", "not the password at all")],
    );
    assert_eq!(wrong.status, 1, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("Mac verify error"),
        "{}",
        wrong.stderr
    );
    assert!(!wrong.stdout_str().contains("PRIVATE KEY"));
}

#[test]
fn export_p12_legacy_is_3des_and_sha1_says_so_and_openssl_reads_it_either_way() {
    let s = pki();
    let run = export(&s, "old.p12", &["--legacy"]);
    assert!(
        run.stderr
            .starts_with("note: --legacy: 3DES and a SHA-1 MAC"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("(3DES, MAC SHA-1)"), "{}", run.stderr);
    let pass = format!("env:{PASSWORD_VAR}");
    for legacy in [&["-legacy"][..], &[]] {
        let mut args = vec![
            "pkcs12", "-info", "-nodes", "-in", "old.p12", "-passin", &pass,
        ];
        args.extend(legacy);
        let info = openssl_pw(&s, &args);
        info.ok();
        assert!(
            info.stderr.contains("MAC: sha1, Iteration 2048"),
            "{}",
            info.stderr
        );
        assert!(
            info.stderr
                .contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"),
            "{}",
            info.stderr
        );
        assert!(
            info.stderr
                .contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048"),
            "{}",
            info.stderr
        );
        assert_eq!(pem_blocks(&info.stdout_str()).len(), 3);
        assert!(info.stdout_str().contains("-----BEGIN PRIVATE KEY-----"));
    }
}

#[test]
fn keytool_lists_the_entry_and_chain_and_opens_the_key() {
    let s = pki();
    export(&s, "app.p12", &["--name", "My-App"]);
    let list = peer(
        &s,
        "keytool",
        &[
            "-list",
            "-v",
            "-storetype",
            "PKCS12",
            "-keystore",
            "app.p12",
            "-storepass:env",
            PASSWORD_VAR,
        ],
        &[(PASSWORD_VAR, PASSWORD)],
    );
    let out = list.ok().stdout_str();
    assert!(out.contains("Your keystore contains 1 entry"), "{out}");
    assert!(out.contains("Alias name: my-app\n"), "{out}");
    assert!(out.contains("Entry type: PrivateKeyEntry"), "{out}");
    assert!(out.contains("Certificate chain length: 3"), "{out}");
    let owners: Vec<&str> = out.lines().filter(|l| l.starts_with("Owner: ")).collect();
    assert_eq!(
        owners,
        [
            "Owner: CN=app.example.com, O=Example",
            "Owner: CN=P12 Test Intermediate, O=certsmith tests",
            "Owner: CN=Test Root CA, O=certsmith tests, C=US",
        ]
    );

    // Java decrypts the key: it copies the entry into a keystore of its own.
    let copy = peer(
        &s,
        "keytool",
        &[
            "-importkeystore",
            "-srckeystore",
            "app.p12",
            "-srcstoretype",
            "PKCS12",
            "-srcstorepass:env",
            PASSWORD_VAR,
            "-destkeystore",
            "java.p12",
            "-deststoretype",
            "PKCS12",
            "-deststorepass:env",
            PASSWORD_VAR,
        ],
        &[(PASSWORD_VAR, PASSWORD)],
    );
    let said = format!("{}{}", copy.ok().stdout_str(), copy.stderr);
    assert!(
        said.contains("1 entries successfully imported, 0 entries failed"),
        "{said}"
    );
    // ... and certsmith opens what Java wrote with the same key.
    let imported = certsmith_pw(&s, &["import", "p12", "java.p12"]);
    s.certsmith_stdin(&["split-json", "java"], &imported.ok().stdout)
        .ok();
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "java-key.pem"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", "app-key.pem"])
            .ok()
            .stdout_str()
    );

    // A wrong password is refused.
    let wrong = peer(
        &s,
        "keytool",
        &[
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            "app.p12",
            "-storepass:env",
            "WRONG",
        ],
        &[("WRONG", "not the password at all")],
    );
    assert_ne!(wrong.status, 0);
    assert!(
        format!("{}{}", wrong.stdout_str(), wrong.stderr)
            .contains("keystore password was incorrect"),
        "{}{}",
        wrong.stdout_str(),
        wrong.stderr
    );

    // --no-password: the empty password, which keytool takes from an empty variable.
    let run = s.certsmith(&[
        "export",
        "p12",
        "--no-password",
        "--cert",
        "app.pem",
        "--chain",
        "app-bundle.pem",
        "-o",
        "open.p12",
    ]);
    assert!(run.ok().stderr.contains("empty password"), "{}", run.stderr);
    let list = peer(
        &s,
        "keytool",
        &[
            "-list",
            "-v",
            "-storetype",
            "PKCS12",
            "-keystore",
            "open.p12",
            "-storepass:env",
            "EMPTY",
        ],
        &[("EMPTY", "")],
    );
    let out = list.ok().stdout_str();
    assert!(out.contains("Alias name: app.example.com\n"), "{out}");
    assert!(out.contains("Certificate chain length: 2"), "{out}");
}

const PYTHON_LOAD: &str = r#"
import json, os, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
password = os.environb.get(b"P12_TEST_PASSWORD")
p = pkcs12.load_pkcs12(open(sys.argv[1], "rb").read(), password)
pem = serialization.Encoding.PEM
print(json.dumps({
    "public": p.key.public_key().public_bytes(pem, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
    "cert": p.cert.certificate.public_bytes(pem).decode(),
    "friendly_name": p.cert.friendly_name.decode() if p.cert.friendly_name else None,
    "cas": [c.certificate.public_bytes(pem).decode() for c in p.additional_certs],
}))
"#;

#[test]
fn python_cryptography_loads_the_same_key_and_certificates() {
    let s = pki();
    export(&s, "app.p12", &[]);
    s.certsmith(&[
        "export",
        "p12",
        "--no-password",
        "--legacy",
        "--cert",
        "app.pem",
        "-o",
        "open.p12",
    ])
    .ok();
    let public = s
        .certsmith(&["key", "public", "app-key.pem"])
        .ok()
        .stdout_str();
    for (file, password, cas) in [
        (
            "app.p12",
            Some(PASSWORD),
            vec![s.read("int.pem"), s.read("ca.pem")],
        ),
        ("open.p12", None, vec![]),
    ] {
        let env: Vec<(&str, &str)> = password.map(|p| (PASSWORD_VAR, p)).into_iter().collect();
        let run = peer(&s, "python3", &["-c", PYTHON_LOAD, file], &env);
        let got = run.ok().json();
        assert_eq!(got["public"], public.as_str(), "{file}");
        assert_eq!(got["cert"], s.read("app.pem").as_str(), "{file}");
        assert_eq!(got["cas"], serde_json::json!(cas), "{file}");
    }
    // A wrong password is refused.
    let wrong = peer(
        &s,
        "python3",
        &["-c", PYTHON_LOAD, "app.p12"],
        &[(PASSWORD_VAR, "not the password at all")],
    );
    assert_ne!(wrong.status, 0);
    assert!(
        wrong.stderr.contains("Invalid password"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn export_then_import_keeps_the_key_for_rsa_ecdsa_and_ed25519() {
    let s = with_root();
    for (name, key) in [
        ("rsa", r#"{"algo":"rsa","size":2048}"#),
        ("p256", r#"{"algo":"ecdsa","size":256}"#),
        ("p384", r#"{"algo":"ecdsa","size":384}"#),
        ("p521", r#"{"algo":"ecdsa","size":521}"#),
        ("ed25519", r#"{"algo":"ed25519"}"#),
    ] {
        s.write(&format!("{name}.json"), &leaf_json(key));
        s.certsmith_split(
            &with_ca(
                "sign",
                &ca_args("ca"),
                &["--profile", "server", &format!("{name}.json")],
            ),
            name,
        );
        let p12 = format!("{name}.p12");
        certsmith_pw(
            &s,
            &[
                "export",
                "p12",
                "--cert",
                &format!("{name}.pem"),
                "--ca",
                "ca.pem",
                "-o",
                &p12,
            ],
        )
        .ok();
        // Java and OpenSSL 3 open it too, whatever the key type.
        let list = peer(
            &s,
            "keytool",
            &[
                "-list",
                "-v",
                "-storetype",
                "PKCS12",
                "-keystore",
                &p12,
                "-storepass:env",
                PASSWORD_VAR,
            ],
            &[(PASSWORD_VAR, PASSWORD)],
        );
        let out = list.ok().stdout_str();
        assert!(
            out.contains("Entry type: PrivateKeyEntry")
                && out.contains("Certificate chain length: 2"),
            "{name}: {out}"
        );
        let nodes = openssl_pw(
            &s,
            &[
                "pkcs12",
                "-info",
                "-nodes",
                "-in",
                &p12,
                "-passin",
                &format!("env:{PASSWORD_VAR}"),
            ],
        );
        assert!(
            nodes
                .ok()
                .stdout_str()
                .contains("-----BEGIN PRIVATE KEY-----"),
            "{name}"
        );
        let back = format!("back-{name}");
        let imported = certsmith_pw(&s, &["import", "p12", &p12]);
        let json = imported.ok().json();
        let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["bundle", "cert", "key", "root"], "{name}");
        s.certsmith_stdin(&["split-json", &back], &imported.stdout)
            .ok();
        let fingerprint = |file: String| {
            s.certsmith(&["key", "fingerprint", &file])
                .ok()
                .stdout_str()
        };
        assert_eq!(
            fingerprint(format!("{back}-key.pem")),
            fingerprint(format!("{name}-key.pem")),
            "{name}"
        );
        assert_eq!(s.file_mode(&format!("{back}-key.pem")), 0o600);
        assert_eq!(
            s.read(&format!("{back}.pem")),
            s.read(&format!("{name}.pem"))
        );
        assert_eq!(
            s.read(&format!("{back}-bundle.pem")),
            s.read(&format!("{name}.pem"))
        );
        assert_eq!(s.read(&format!("{back}-root.pem")), s.read("ca.pem"));
        s.openssl_verify("ca.pem", &[], &format!("{back}.pem"));
    }
}

#[test]
fn import_opens_the_files_openssl_makes_default_legacy_and_3des() {
    let s = pki();
    // A certificate that has nothing to do with the chain, in the file too.
    s.write(
        "other.json",
        r#"{"CN":"Unrelated Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"8760h"}}"#,
    );
    s.certsmith_split(&["initca", "other.json"], "other");
    s.write(
        "certfile.pem",
        &format!(
            "{}{}{}",
            s.read("other.pem"),
            s.read("ca.pem"),
            s.read("int.pem")
        ),
    );
    let pass = format!("env:{PASSWORD_VAR}");
    let variants: [(&str, &[&str]); 3] = [
        ("default.p12", &[]),
        ("legacy.p12", &["-legacy"]),
        (
            "3des.p12",
            &[
                "-keypbe",
                "PBE-SHA1-3DES",
                "-certpbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
        ),
    ];
    for (file, options) in variants {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-in",
            "app.pem",
            "-inkey",
            "app-key.pem",
            "-certfile",
            "certfile.pem",
            "-name",
            "from-openssl",
            "-passout",
            &pass,
            "-out",
            file,
        ];
        args.extend(options);
        openssl_pw(&s, &args).ok();
        let imported = certsmith_pw(&s, &["import", "p12", file]);
        assert_eq!(
            imported.ok().stderr,
            format!(
                "note: {file}: left out 1 certificate that is not in the chain of the key's certificate\n"
            )
        );
        let name = file.trim_end_matches(".p12");
        s.certsmith_stdin(&["split-json", name], &imported.stdout)
            .ok();
        assert_eq!(s.read(&format!("{name}.pem")), s.read("app.pem"));
        assert_eq!(
            s.read(&format!("{name}-bundle.pem")),
            s.read("app-bundle.pem")
        );
        assert_eq!(s.read(&format!("{name}-root.pem")), s.read("ca.pem"));
        assert_eq!(
            s.certsmith(&["key", "fingerprint", &format!("{name}-key.pem")])
                .ok()
                .stdout_str(),
            s.certsmith(&["key", "fingerprint", "app-key.pem"])
                .ok()
                .stdout_str()
        );
        s.openssl_verify(
            &format!("{name}-root.pem"),
            &[&format!("{name}-bundle.pem")],
            &format!("{name}.pem"),
        );
    }
}

#[test]
fn import_seals_the_key_as_genkey_does_and_reads_stdin() {
    let s = pki();
    export(&s, "app.p12", &[]);
    let recipient = age_keygen(&s, "id.txt");
    let bytes = std::fs::read(s.path("app.p12")).unwrap();
    let imported = certsmith_env(
        &s,
        &["import", "p12", "-r", &recipient, "-"],
        &bytes,
        &[("CERTSMITH_PASSPHRASE", PASSWORD)],
    );
    let key = imported.ok().json()["key"].as_str().unwrap().to_owned();
    assert!(
        key.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"),
        "{key}"
    );
    s.certsmith_stdin(&["split-json", "sealed"], &imported.stdout)
        .ok();
    assert!(!s.exists("sealed-key.pem"));
    assert_eq!(s.file_mode("sealed-key.age"), 0o600);
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "-i", "id.txt", "sealed-key.age"])
            .ok()
            .stdout_str(),
        s.certsmith(&["key", "fingerprint", "app-key.pem"])
            .ok()
            .stdout_str()
    );
}

#[test]
fn import_asks_again_after_a_wrong_password_at_the_terminal_and_never_prints_a_key_there() {
    let s = pki();
    export(&s, "app.p12", &[]);
    let bin = certsmith_bin();
    let right = format!("{PASSWORD}\n");
    let term = on_terminal(
        &s,
        &[&bin, "import", "p12", "app.p12"],
        &[
            ("Enter passphrase for app.p12: ", "wrong\n"),
            ("Enter passphrase for app.p12: ", &right),
        ],
        Some("app.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .contains("app.p12: wrong password, try again (2 tries left)"),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains(PASSWORD),
        "echoed:\n{}",
        term.transcript
    );
    s.certsmith_stdin(&["split-json", "again"], s.read("app.json").as_bytes())
        .ok();
    assert_eq!(s.read("again.pem"), s.read("app.pem"));

    // Three wrong ones, and it gives up.
    let term = on_terminal(
        &s,
        &[&bin, "import", "p12", "app.p12"],
        &[
            ("Enter passphrase for app.p12: ", "one\n"),
            ("Enter passphrase for app.p12: ", "two\n"),
            ("Enter passphrase for app.p12: ", "three\n"),
        ],
        Some("none.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript.contains("(1 try left)"),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .contains("error: app.p12: wrong password\r\n"),
        "{}",
        term.transcript
    );
    assert_eq!(s.read("none.json"), "");

    // A plaintext key is never printed on the terminal itself.
    let term = on_terminal(
        &s,
        &[&bin, "import", "p12", "--no-password", "app.p12"],
        &[],
        None,
    );
    assert_eq!(
        (term.status, term.failure, term.transcript.as_str()),
        (
            1,
            None,
            "error: refusing to print a plaintext private key on a terminal\r\nhint: pipe it to split-json, which writes the key 0600 (certsmith import p12 FILE | certsmith split-json NAME), or seal the key with -r, -R or -p\r\n"
        )
    );
}

#[test]
fn export_asks_for_the_password_twice_at_the_terminal() {
    let s = pki();
    let bin = certsmith_bin();
    let typed = format!("{PASSWORD}\n");
    let argv = [
        bin.as_str(),
        "export",
        "p12",
        "--cert",
        "app.pem",
        "-o",
        "app.p12",
    ];
    let term = on_terminal(
        &s,
        &argv,
        &[
            ("Enter passphrase for app.p12: ", &typed),
            ("Confirm passphrase for app.p12: ", &typed),
        ],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains(PASSWORD),
        "echoed:\n{}",
        term.transcript
    );
    openssl_pw(
        &s,
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "app.p12",
            "-passin",
            &format!("env:{PASSWORD_VAR}"),
        ],
    )
    .ok();

    let argv = [
        bin.as_str(),
        "export",
        "p12",
        "--cert",
        "app.pem",
        "-o",
        "other.p12",
    ];
    let term = on_terminal(
        &s,
        &argv,
        &[
            ("Enter passphrase for other.p12: ", &typed),
            (
                "Confirm passphrase for other.p12: ",
                "something else entirely\n",
            ),
        ],
        None,
    );
    assert_eq!(
        (term.status, term.failure),
        (1, None),
        "{}",
        term.transcript
    );
    assert!(
        term.transcript
            .ends_with("error: the passphrases did not match\r\n"),
        "{:?}",
        term.transcript
    );
    assert!(!s.exists("other.p12"));

    // No terminal and no source: at once, with a hint.
    let (run, _) = without_terminal(&s, &["export", "p12", "--cert", "app.pem", "-o", "x.p12"]);
    assert!(
        run.fails().starts_with(
            "error: a passphrase is needed for x.p12 but there is no terminal to ask on\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn export_refuses_short_and_empty_passwords_unless_asked() {
    let s = pki();
    s.write("short.txt", "changeit\n");
    s.write("empty.txt", "\n");
    let args = |file: &'static str| {
        [
            "export",
            "p12",
            "--cert",
            "app.pem",
            "--passphrase-file",
            file,
            "-o",
            "app.p12",
        ]
    };
    assert_eq!(
        s.certsmith(&args("short.txt")).fails(),
        "error: the password is shorter than 12 characters; refusing to protect a key with it\n\
         hint: choose a longer one (four or more random words), or pass --allow-weak-passphrase (as for Java's \"changeit\")\n"
    );
    assert_eq!(
        s.certsmith(&args("empty.txt")).fails(),
        "error: the password is empty\n\
         hint: pass --no-password for the empty password (the file is still encrypted), or give one with --passphrase-file FILE or CERTSMITH_PASSPHRASE\n"
    );
    assert!(!s.exists("app.p12"));
    let mut weak = args("short.txt").to_vec();
    weak.push("--allow-weak-passphrase");
    s.certsmith(&weak).ok();
    let list = peer(
        &s,
        "keytool",
        &[
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            "app.p12",
            "-storepass:env",
            "P",
        ],
        &[("P", "changeit")],
    );
    assert!(list.ok().stdout_str().contains("PrivateKeyEntry"));
    // --no-password takes no password source.
    let usage = s.certsmith(&[
        "export",
        "p12",
        "--no-password",
        "--passphrase-file",
        "short.txt",
        "--cert",
        "app.pem",
        "-o",
        "x.p12",
    ]);
    assert_eq!(usage.status, 2, "{}", usage.stderr);
}

#[test]
fn export_writes_0600_and_replaces_an_existing_file_only_with_force() {
    let s = pki();
    s.write("app.p12", "precious\n");
    let args = ["export", "p12", "--cert", "app.pem", "-o", "app.p12"];
    assert_eq!(
        certsmith_pw(&s, &args).fails(),
        "error: app.p12 already exists; refusing to replace it\nhint: choose another -o FILE, or pass --force to replace it\n"
    );
    assert_eq!(s.read("app.p12"), "precious\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    // Under umask 022 too: the mode is set, not left to the umask.
    let bin = certsmith_bin();
    let mut argv = vec!["-c", "umask 022; exec \"$0\" \"$@\"", &bin];
    argv.extend(&forced);
    peer(&s, "sh", &argv, &[("CERTSMITH_PASSPHRASE", PASSWORD)]).ok();
    assert_eq!(s.file_mode("app.p12"), 0o600);
    openssl_pw(
        &s,
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "app.p12",
            "-passin",
            &format!("env:{PASSWORD_VAR}"),
        ],
    )
    .ok();
    // A symbolic link is refused even with --force.
    std::os::unix::fs::symlink("elsewhere.p12", s.path("link.p12")).unwrap();
    let run = certsmith_pw(
        &s,
        &[
            "export", "p12", "--cert", "app.pem", "-o", "link.p12", "--force",
        ],
    );
    assert!(run.fails().starts_with("error: "), "{}", run.stderr);
    assert!(!s.exists("elsewhere.p12"));
    // -o is required: a PKCS#12 file is binary.
    let usage = certsmith_pw(&s, &["export", "p12", "--cert", "app.pem"]);
    assert_eq!(usage.status, 2, "{}", usage.stderr);
}

#[test]
fn export_refuses_sealed_token_and_foreign_keys_and_a_chain_out_of_order() {
    let s = pki();
    s.write("pass.txt", &format!("{PASSWORD}\n"));
    s.seal_with_passphrase("app-key.pem", "pass.txt", "app-key.age");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--cert", "app.pem", "--key", "app-key.age"],
            "error: app-key.age is an age-sealed key; refusing to write it unsealed as a PKCS#12 file\n\
             hint: if a PKCS#12 file is to hold the key in the clear, open it and pipe it in: certsmith key decrypt -i IDENTITY app-key.age | certsmith export p12 --key - …\n",
        ),
        (
            vec!["--cert", "app.pem", "--key", "pkcs11:token=apps;object=app"],
            "error: pkcs11:token=apps;object=app is a key in a PKCS#11 token, whose private half never leaves it\n\
             hint: `certsmith key public URI` prints its public key; a key meant to leave as a file is made outside the token\n",
        ),
        (
            vec!["--cert", "app.pem", "--key", "int-key.pem"],
            "error: int-key.pem is not the key of app.pem: their public keys differ\n\
             hint: pass the private key that app.pem was issued for\n",
        ),
        (
            vec!["--cert", "app.pem", "--chain", "ca.pem"],
            "error: ca.pem: certificate 1 did not sign the certificate before it; a chain goes from the leaf's issuer up to the root\n\
             hint: give the chain from the leaf's issuer up to the root, as certsmith bundle --pem prints it and split-json's NAME-bundle.pem holds it\n",
        ),
        (
            vec!["--cert", "app.pem", "--chain", "ca.pem", "--ca", "int.pem"],
            "error: ca.pem: certificate 1 did not sign the certificate before it; a chain goes from the leaf's issuer up to the root\n\
             hint: give the chain from the leaf's issuer up to the root, as certsmith bundle --pem prints it and split-json's NAME-bundle.pem holds it\n",
        ),
    ];
    for (flags, expected) in cases {
        let mut args = vec!["export", "p12", "-o", "out.p12"];
        args.extend(&flags);
        assert_eq!(certsmith_pw(&s, &args).fails(), expected, "{flags:?}");
        assert!(!s.exists("out.p12"), "{flags:?}");
    }
    // The certificates after the first in --cert start the chain.
    certsmith_pw(
        &s,
        &[
            "export",
            "p12",
            "--cert",
            "app-bundle.pem",
            "--key",
            "app-key.pem",
            "--ca",
            "ca.pem",
            "-o",
            "bundle.p12",
        ],
    )
    .ok();
    let info = openssl_pw(
        &s,
        &[
            "pkcs12",
            "-info",
            "-nodes",
            "-in",
            "bundle.p12",
            "-passin",
            &format!("env:{PASSWORD_VAR}"),
        ],
    );
    assert_eq!(pem_blocks(&info.ok().stdout_str()).len(), 3);
    // Without --key, NAME-key.pem beside NAME.pem; a sealed NAME-key.age alone is named.
    std::fs::rename(s.path("app-key.pem"), s.path("kept-key.pem")).unwrap();
    assert!(
        certsmith_pw(&s, &["export", "p12", "--cert", "app.pem", "-o", "out.p12"])
            .fails()
            .starts_with("error: app-key.age is an age-sealed key;")
    );
    // The way the hint says works: the opened key piped in.
    let opened = s.certsmith(&[
        "key",
        "decrypt",
        "--passphrase-file",
        "pass.txt",
        "app-key.age",
    ]);
    let piped = certsmith_env(
        &s,
        &[
            "export", "p12", "--cert", "app.pem", "--key", "-", "-o", "out.p12",
        ],
        &opened.ok().stdout,
        &[("CERTSMITH_PASSPHRASE", PASSWORD)],
    );
    piped.ok();
    assert_eq!(s.file_mode("out.p12"), 0o600);
}

#[test]
fn the_entry_is_named_by_the_cn_else_the_first_san() {
    let s = with_root();
    s.write(
        "nocn.json",
        r#"{"hosts":["svc.example.net","10.1.2.3"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(
        &with_ca(
            "sign",
            &ca_args("ca"),
            &["--profile", "server", "nocn.json"],
        ),
        "nocn",
    );
    let run = certsmith_pw(
        &s,
        &["export", "p12", "--cert", "nocn.pem", "-o", "nocn.p12"],
    );
    assert!(
        run.ok().stderr.contains("entry \"svc.example.net\""),
        "{}",
        run.stderr
    );
    let list = peer(
        &s,
        "keytool",
        &[
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            "nocn.p12",
            "-storepass:env",
            PASSWORD_VAR,
        ],
        &[(PASSWORD_VAR, PASSWORD)],
    );
    assert!(
        list.ok().stdout_str().contains("svc.example.net, "),
        "{}",
        list.stdout_str()
    );
    // No CN and no SAN (openssl makes such a certificate): the serial.
    s.run(
        "openssl",
        &["genpkey", "-algorithm", "ED25519", "-out", "bare-key.pem"],
    )
    .ok();
    s.run(
        "openssl",
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            "bare-key.pem",
            "-subj",
            "/",
            "-days",
            "2",
            "-out",
            "bare.pem",
        ],
    )
    .ok();
    let serial = s
        .run("openssl", &["x509", "-noout", "-serial", "-in", "bare.pem"])
        .ok()
        .stdout_str();
    let run = certsmith_pw(
        &s,
        &["export", "p12", "--cert", "bare.pem", "-o", "bare.p12"],
    );
    let serial = serial.trim().trim_start_matches("serial=");
    assert!(
        run.ok()
            .stderr
            .contains(&format!("entry \"serial {serial}\"")),
        "{}",
        run.stderr
    );
    // A name PKCS#12 cannot hold is refused before anything is written.
    let run = certsmith_pw(
        &s,
        &[
            "export",
            "p12",
            "--cert",
            "nocn.pem",
            "--name",
            "key 🔑",
            "-o",
            "emoji.p12",
        ],
    );
    assert_eq!(
        run.fails(),
        "error: the friendly name has a character beyond U+FFFF, which PKCS#12 (BMPString) cannot hold\n\
         hint: leave out the characters beyond U+FFFF (emoji and the like), or name the entry with --name\n"
    );
    assert!(!s.exists("emoji.p12"));
}

/// A PKCS#12 file with two key entries, made with p12-keystore itself
/// (neither openssl nor Python's cryptography writes one).
fn two_keys(s: &Scratch) -> Vec<u8> {
    use p12_keystore::{KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let mut store = KeyStore::new();
    for name in ["app", "int"] {
        let run = s.run(
            "openssl",
            &[
                "pkcs8",
                "-topk8",
                "-nocrypt",
                "-outform",
                "DER",
                "-in",
                &format!("{name}-key.pem"),
            ],
        );
        let cert_der = s
            .run(
                "openssl",
                &["x509", "-outform", "DER", "-in", &format!("{name}.pem")],
            )
            .ok()
            .stdout
            .clone();
        let chain = PrivateKeyChain::new(
            name,
            PrivateKey::from_der(&run.ok().stdout).unwrap(),
            [p12_keystore::Certificate::from_der(&cert_der).unwrap()],
        );
        store.add_entry(name, KeyStoreEntry::PrivateKeyChain(chain));
    }
    store.writer(PASSWORD).write().unwrap()
}

#[test]
fn import_refuses_hostile_files_with_one_line_and_no_output() {
    let s = pki();
    export(&s, "app.p12", &[]);
    let good = std::fs::read(s.path("app.p12")).unwrap();
    std::fs::write(s.path("cut.p12"), &good[..good.len() / 2]).unwrap();
    std::fs::write(s.path("two.p12"), two_keys(&s)).unwrap();
    let mut big = good.clone();
    big.resize((1 << 20) + 1, 0);
    std::fs::write(s.path("big.p12"), &big).unwrap();
    s.write("wrong.txt", "not the password at all\n");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["cut.p12"],
            format!(
                "error: cut.p12 is not a PKCS#12 file: cut short: it announces {} bytes and holds {}\n\
                 hint: the file was cut short on its way: copy it again from where it came from\n",
                good.len() - 4,
                good.len() / 2 - 4
            ),
        ),
        (
            vec!["two.p12"],
            "error: two.p12 holds 2 private keys (\"app\", \"int\"); certsmith takes a file with one\n\
             hint: make a file of one entry first: keytool -importkeystore -srckeystore FILE -srcalias ALIAS -destkeystore ONE.p12\n"
                .into(),
        ),
        (
            vec!["--passphrase-file", "wrong.txt", "app.p12"],
            "error: app.p12: wrong password\n\
             hint: give the file's password with --passphrase-file FILE (or -), CERTSMITH_PASSPHRASE or at the prompt; --no-password for the empty one\n"
                .into(),
        ),
        (
            // certsmith_pw sets CERTSMITH_PASSPHRASE, which --no-password leaves unused.
            vec!["--no-password", "app.p12"],
            "note: CERTSMITH_PASSPHRASE is set and not used: --no-password means the empty password\n\
             error: app.p12: wrong password\n\
             hint: give the file's password with --passphrase-file FILE (or -), CERTSMITH_PASSPHRASE or at the prompt; --no-password for the empty one\n"
                .into(),
        ),
        (
            vec!["big.p12"],
            "error: big.p12 is larger than 1 MiB, more than any PKCS#12 file of a key and its chain; refusing to open it\n\
             hint: a PKCS#12 file of a key and its chain is a few kilobytes: check that it is the file meant\n"
                .into(),
        ),
        (
            vec!["app.pem"],
            "error: app.pem is not a PKCS#12 file: it is PEM text, and a PKCS#12 file is binary (DER)\n\
             hint: `certsmith inspect app.pem` shows what it holds\n"
                .into(),
        ),
    ];
    for (args, expected) in cases {
        let mut argv = vec!["import", "p12"];
        argv.extend(&args);
        assert_eq!(certsmith_pw(&s, &argv).fails(), expected, "{args:?}");
    }
    // From stdin too, where no file size is known beforehand.
    let run = certsmith_env(
        &s,
        &["import", "p12", "-"],
        &big,
        &[("CERTSMITH_PASSPHRASE", PASSWORD)],
    );
    assert!(
        run.fails().starts_with("error: stdin is larger than 1 MiB"),
        "{}",
        run.stderr
    );
    // A file that is not PKCS#12 is said so before any password is asked for.
    let (run, _) = without_terminal(&s, &["import", "p12", "app.pem"]);
    assert!(
        run.fails()
            .starts_with("error: app.pem is not a PKCS#12 file"),
        "{}",
        run.stderr
    );
}

#[test]
fn inspect_says_a_p12_is_pkcs12_and_what_opens_it_without_asking_a_password() {
    let s = pki();
    export(&s, "app.p12", &[]);
    std::fs::create_dir(s.path("tree")).unwrap();
    std::fs::copy(s.path("app.p12"), s.path("tree/app.p12")).unwrap();
    std::fs::copy(s.path("app.pem"), s.path("tree/app.pem")).unwrap();
    let (run, _) = without_terminal(&s, &["inspect", "app.p12"]);
    assert_eq!(
        run.ok().stdout_str(),
        "app.p12\n  kind:             PKCS#12 file (password-protected; not opened here)\n  opened by:        certsmith import p12 app.p12 | certsmith split-json NAME\n"
    );
    let json = s.certsmith(&["inspect", "--json", "tree"]).ok().json();
    let kinds: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["pkcs12", "certificate"]);
    assert_eq!(json[0]["mac"], true);
    assert_eq!(json[0]["path"], "tree/app.p12");
}
