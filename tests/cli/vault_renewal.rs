//! examples/vault-renewal/renew.sh, the renewal loop a systemd timer or cron
//! runs, against a real `bao server -dev` on 127.0.0.1 ([`Bao`]) whose role
//! issues 2-minute certificates: issued when missing, left alone while fresh,
//! renewed once due (the same key, or a new one with ROTATE_KEY=1), the
//! service reloaded only then; failures exit non-zero and change nothing; the
//! token is in no command line and not in the reload command's environment.
//! Every certificate is checked by openssl against OpenBao's CA.

use crate::support::*;

/// An OpenBao with a PKI mount `pki` (its own root, `bao-ca.pem`) and a role
/// `web` for names under example.com whose certificates live 2 minutes.
fn bao_2m(s: &Scratch) -> Bao {
    let bao = Bao::start(s);
    bao.enable_pki("pki");
    let root = bao.write(
        "pki/root/generate/internal",
        &["common_name=OpenBao Renewal Test CA", "ttl=8760h"],
    );
    s.write("bao-ca.pem", root["certificate"].as_str().expect("a root"));
    bao.write(
        "pki/roles/web",
        &[
            "allowed_domains=example.com",
            "allow_subdomains=true",
            "key_type=any",
            "ttl=2m",
            "max_ttl=2m",
        ],
    );
    std::fs::create_dir(s.path("certs")).expect("certs/");
    s.write(
        "certs/web-csr.json",
        r#"{"CN":"web.example.com","hosts":["web.example.com"],"key":{"algo":"ecdsa","size":256}}"#,
    );
    bao
}

/// certsmith behind a wrapper that logs each command line to argv.log.
fn logging_certsmith(s: &Scratch) -> String {
    use std::os::unix::fs::PermissionsExt;
    let wrapper = s.write(
        "certsmith-logged",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >>'{}'\nexec '{}' \"$@\"\n",
            path_str(&s.path("argv.log")),
            certsmith_bin()
        ),
    );
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    path_str(&wrapper).to_owned()
}

/// Every setting of renew.sh, so that none comes from the developer's shell:
/// the defaults for this test, then `overrides`.
fn settings(
    s: &Scratch,
    bao: &Bao,
    certsmith: &str,
    overrides: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let mut env: Vec<(&'static str, String)> = vec![
        ("CERTSMITH", certsmith.to_owned()),
        ("CERT_DIR", "certs".into()),
        ("CSR_JSON", String::new()),
        ("VAULT_ADDR", bao.addr()),
        ("BAO_ADDR", String::new()),
        ("PKI_MOUNT", "pki".into()),
        ("PKI_ROLE", "web".into()),
        ("TTL", String::new()),
        ("CA_FILE", "bao-ca.pem".into()),
        ("TLS_CA_FILE", String::new()),
        ("TOKEN_FILE", String::new()),
        ("APPROLE_ROLE_ID_FILE", String::new()),
        ("APPROLE_SECRET_ID_FILE", String::new()),
        ("VAULT_NAMESPACE", String::new()),
        ("RENEW_FRACTION", String::new()),
        ("ROTATE_KEY", String::new()),
        (
            "RELOAD_COMMAND",
            format!(
                "echo reloaded >>'{}'; env >'{}'",
                path_str(&s.path("reloads.log")),
                path_str(&s.path("reload.env"))
            ),
        ),
    ];
    for (key, value) in overrides {
        match env.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => env.push((key, (*value).to_owned())),
        }
    }
    env
}

/// renew.sh ARGS with `env`.
fn renew(s: &Scratch, args: &[&str], env: &[(&str, String)]) -> Run {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    s.run_example("vault-renewal", "renew.sh", args, &env)
}

fn reloads(s: &Scratch) -> usize {
    if s.exists("reloads.log") {
        s.read("reloads.log").lines().count()
    } else {
        0
    }
}

fn serial(s: &Scratch, cert: &str) -> String {
    s.run("openssl", &["x509", "-noout", "-serial", "-in", cert])
        .ok()
        .stdout_str()
}

fn fingerprint(s: &Scratch, file: &str) -> String {
    s.certsmith(&["key", "fingerprint", file]).ok().stdout_str()
}

/// The certificate verifies against OpenBao's CA with openssl, is for
/// web-key.pem, and the key is 0600.
#[track_caller]
fn check_issued(s: &Scratch) {
    s.openssl_verify("bao-ca.pem", &[], "certs/web.pem");
    assert_eq!(
        fingerprint(s, "certs/web.pem"),
        fingerprint(s, "certs/web-key.pem"),
        "web.pem is not for web-key.pem"
    );
    assert_eq!(s.file_mode("certs/web-key.pem"), 0o600);
}

#[test]
fn renews_only_when_due_keeps_or_rotates_the_key_and_reloads_each_time() {
    let s = Scratch::new();
    let bao = bao_2m(&s);
    let certsmith = logging_certsmith(&s);
    let token = [("BAO_TOKEN", bao.token())];

    // 1. No certificate: one is issued for a key made here, and the service reloads.
    let env = settings(&s, &bao, &certsmith, &token);
    let run = renew(&s, &["web"], &env);
    run.ok();
    assert!(
        run.stderr.contains("certs/web.pem does not exist"),
        "{}",
        run.stderr
    );
    check_issued(&s);
    assert_eq!(reloads(&s), 1);
    let text = s.x509_text("certs/web.pem");
    assert!(text.contains("DNS:web.example.com"), "{text}");
    let (cert1, key1, serial1) = (
        s.read("certs/web.pem"),
        s.read("certs/web-key.pem"),
        serial(&s, "certs/web.pem"),
    );

    // 2. At once again: not due at 2/3 of its life (OpenBao backdates by 30 s,
    //    so a fresh 2-minute certificate has lived a fifth): nothing changes.
    let run = renew(&s, &["web"], &env);
    run.ok();
    assert!(run.stderr.contains("not due"), "{}", run.stderr);
    assert_eq!(s.read("certs/web.pem"), cert1);
    assert_eq!(s.read("certs/web-key.pem"), key1);
    assert_eq!(reloads(&s), 1, "reloaded although nothing was renewed");
    // -q (for cron): not a word when nothing is due.
    let run = renew(&s, &["-q", "web"], &env);
    run.ok();
    assert_eq!(run.stderr, "");

    // 3. Due once it has lived 1% of its life: a new certificate for the same key.
    let env = settings(
        &s,
        &bao,
        &certsmith,
        &[token[0], ("RENEW_FRACTION", "0.01")],
    );
    let run = renew(&s, &["web"], &env);
    run.ok();
    assert!(run.stderr.contains("due: certs/web.pem"), "{}", run.stderr);
    check_issued(&s);
    let serial2 = serial(&s, "certs/web.pem");
    assert_ne!(serial2, serial1, "no new certificate");
    assert_eq!(
        s.read("certs/web-key.pem"),
        key1,
        "the key changed without ROTATE_KEY"
    );
    assert_eq!(reloads(&s), 2);

    // 4. ROTATE_KEY=1: a new key with the new certificate.
    let env = settings(
        &s,
        &bao,
        &certsmith,
        &[token[0], ("RENEW_FRACTION", "0.01"), ("ROTATE_KEY", "1")],
    );
    renew(&s, &["web"], &env).ok();
    check_issued(&s);
    assert_ne!(serial(&s, "certs/web.pem"), serial2, "no new certificate");
    assert_ne!(
        s.read("certs/web-key.pem"),
        key1,
        "ROTATE_KEY=1 kept the key"
    );
    assert_eq!(reloads(&s), 3);

    // The token went to certsmith through the environment only, and the
    // reload command did not get it.
    let argv = s.read("argv.log");
    assert!(argv.contains("remote sign --vault"), "{argv}");
    assert!(argv.contains("--key certs/web-key.pem"), "{argv}");
    assert!(
        !argv.contains(bao.token()),
        "the token was in argv:\n{argv}"
    );
    let reload_env = s.read("reload.env");
    assert!(
        !reload_env.contains(bao.token()),
        "the reload command got the token"
    );
    // Only the CSR JSON, the files split-json writes and the script's lock.
    let mut files: Vec<String> = std::fs::read_dir(s.path("certs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".web.renew-lock",
            "web-bundle.pem",
            "web-csr.json",
            "web-key.pem",
            "web.csr",
            "web.pem"
        ]
    );
}

#[test]
fn failures_exit_non_zero_leave_the_files_and_a_failed_reload_is_retried() {
    let s = Scratch::new();
    let bao = bao_2m(&s);
    let certsmith = certsmith_bin();
    // Settings from a file (cron's `renew.sh -c FILE NAME`), the token from
    // TOKEN_FILE: nothing in the environment.
    s.write("bao-token", bao.token());
    let config = |role: &str, reload: &str| {
        format!(
            "# renew-web.env\nCERTSMITH={certsmith}\nCERT_DIR=certs\nVAULT_ADDR=\"{}\"\n\
             PKI_MOUNT=pki\nPKI_ROLE={role}\nCA_FILE=bao-ca.pem\nTOKEN_FILE=bao-token\n\
             RENEW_FRACTION=2/3\nRELOAD_COMMAND='{reload}'\n",
            bao.addr()
        )
    };
    let env = settings(&s, &bao, &certsmith, &[]);

    // A role OpenBao does not know: exit 1 with OpenBao's error, nothing written.
    s.write(
        "renew-web.env",
        &config("nope", "echo reloaded >>reloads.log"),
    );
    let run = renew(&s, &["-c", "renew-web.env", "web"], &env);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("unknown role"), "{}", run.stderr);
    assert!(run.stderr.contains("no new certificate"), "{}", run.stderr);
    assert!(!s.exists("certs/web.pem") && !s.exists("certs/web-key.pem"));
    assert_eq!(reloads(&s), 0);

    // Configuration errors: exit 2.
    s.write("typo.env", "PKI_ROLLE=web\n");
    let run = renew(&s, &["-c", "typo.env", "web"], &env);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown setting PKI_ROLLE"),
        "{}",
        run.stderr
    );
    let run = renew(
        &s,
        &["web"],
        &settings(&s, &bao, &certsmith, &[("PKI_ROLE", "")]),
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("PKI_ROLE is not set"), "{}", run.stderr);

    // Issued, but the reload fails: exit 1, and the next run, not due,
    // reloads again until it works.
    s.write("renew-web.env", &config("web", "exit 3"));
    let run = renew(&s, &["-c", "renew-web.env", "web"], &env);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("RELOAD_COMMAND failed (exit 3)"),
        "{}",
        run.stderr
    );
    check_issued(&s);
    let cert = s.read("certs/web.pem");
    s.write(
        "renew-web.env",
        &config("web", "echo reloaded >>reloads.log"),
    );
    let run = renew(&s, &["-c", "renew-web.env", "web"], &env);
    run.ok();
    assert!(run.stderr.contains("last reload failed"), "{}", run.stderr);
    assert_eq!(reloads(&s), 1);
    let run = renew(&s, &["-c", "renew-web.env", "web"], &env);
    run.ok();
    assert_eq!(reloads(&s), 1, "reloaded again although nothing changed");
    assert_eq!(s.read("certs/web.pem"), cert);

    // A key that web.pem is not for (a rotation cut short between the key's
    // rename and the certificate's): due, and renewed for that key, here
    // logging in with AppRole from systemd's credentials (LoadCredential=
    // role-id:…, secret-id:…), the settings in the environment.
    s.openssl_p256_key("certs/web-key.pem");
    bao.bao(&["auth", "enable", "approle"]).ok();
    s.write(
        "policy.hcl",
        "path \"pki/sign/web\" { capabilities = [\"update\"] }\n",
    );
    bao.bao(&["policy", "write", "web-renew", "policy.hcl"])
        .ok();
    bao.bao(&[
        "write",
        "auth/approle/role/web-renew",
        "token_policies=web-renew",
        "token_ttl=5m",
    ])
    .ok();
    let role_id = bao.read("auth/approle/role/web-renew/role-id")["role_id"]
        .as_str()
        .expect("role_id")
        .to_owned();
    let secret_id = bao
        .bao(&[
            "write",
            "-f",
            "-format=json",
            "auth/approle/role/web-renew/secret-id",
        ])
        .ok()
        .json()["data"]["secret_id"]
        .as_str()
        .expect("secret_id")
        .to_owned();
    std::fs::create_dir(s.path("credentials")).expect("credentials/");
    s.write("credentials/role-id", &role_id);
    s.write("credentials/secret-id", &secret_id);
    let creds = s.path("credentials");
    let run = renew(
        &s,
        &["web"],
        &settings(
            &s,
            &bao,
            &certsmith,
            &[("CREDENTIALS_DIRECTORY", path_str(&creds))],
        ),
    );
    run.ok();
    assert!(
        run.stderr
            .contains("certs/web.pem is not for the key in certs/web-key.pem"),
        "{}",
        run.stderr
    );
    check_issued(&s);
    let cert = s.read("certs/web.pem");
    let reload_env = s.read("reload.env");
    assert!(
        !reload_env.contains(&secret_id) && !reload_env.contains("CREDENTIALS_DIRECTORY"),
        "{reload_env}"
    );
    assert_eq!(reloads(&s), 2);

    // Due, but OpenBao is gone: exit 1, the old files stay, no reload.
    let key = s.read("certs/web-key.pem");
    drop(bao);
    let run = renew(&s, &["-c", "renew-web.env", "-f", "web"], &env);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(s.read("certs/web.pem"), cert);
    assert_eq!(s.read("certs/web-key.pem"), key);
    assert_eq!(reloads(&s), 2);

    // A certificate certsmith cannot read: exit 1, left as it is.
    s.write("certs/web.pem", "garbage\n");
    let run = renew(&s, &["-c", "renew-web.env", "web"], &env);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read certs/web.pem"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("certs/web.pem"), "garbage\n");
}
