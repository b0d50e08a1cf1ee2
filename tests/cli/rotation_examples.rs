//! examples/root-rotation/run.sh and examples/revocation/run.sh run end to
//! end against the built binary, and what they leave behind is checked again
//! here by openssl, pkilint and `certsmith ledger verify`.

use crate::ledger::*;
use crate::support::*;

#[test]
fn root_rotation_script_bridges_old_root_trust_to_the_new_chain() {
    let s = Scratch::new();
    s.run_example("root-rotation", "run.sh", &["rot"], &[]).ok();
    let p = |f: &str| format!("rot/{f}");
    // Old-root-only clients through the cross certificate; new-root clients directly.
    s.openssl_verify(
        &p("old-root.pem"),
        &[&p("new-root-cross.pem"), &p("intermediate.pem")],
        &p("server.pem"),
    );
    s.openssl_verify(
        &p("new-root.pem"),
        &[&p("intermediate.pem")],
        &p("server.pem"),
    );
    // The chain file the server sends is enough for an old-root client.
    s.openssl_verify(
        &p("old-root.pem"),
        &[&p("server-chain.pem")],
        &p("server.pem"),
    );
    assert_eq!(
        s.read(&p("server-chain.pem")),
        s.read(&p("server.pem"))
            + &s.read(&p("intermediate.pem"))
            + &s.read(&p("new-root-cross.pem"))
    );
    std::thread::scope(|scope| {
        for cert in ["new-root-cross.pem", "intermediate.pem", "server.pem"] {
            let (s, cert) = (&s, p(cert));
            scope.spawn(move || s.pkilint(&cert));
        }
    });
    // The cross certificate: the new root's name, issued by the old root,
    // valid no longer than the old root.
    let x = |cert: &str, flag: &str| {
        s.run("openssl", &["x509", "-noout", flag, "-in", &p(cert)])
            .ok()
            .stdout_str()
    };
    assert_eq!(
        x("new-root-cross.pem", "-subject"),
        x("new-root.pem", "-subject")
    );
    assert_eq!(
        x("new-root-cross.pem", "-issuer").replace("issuer=", ""),
        x("old-root.pem", "-subject").replace("subject=", "")
    );
    assert_eq!(
        x("new-root-cross.pem", "-enddate"),
        x("old-root.pem", "-enddate")
    );
    // The old root's ledger records the cross certificate.
    assert_ledger_verifies(&s, &p("old-root.pem"), &p("ledger.jsonl"), 1);
    let entry = ledger_entries(&s, &p("ledger.jsonl")).remove(0);
    assert_eq!(
        entry["serial"].as_str().unwrap(),
        serial_of(&s, &p("new-root-cross.pem"))
    );
}

#[test]
fn revocation_script_publishes_a_crl_that_revokes_one_leaf() {
    let s = Scratch::new();
    let run = s.run_example("revocation", "run.sh", &["rev"], &[]);
    run.ok();
    let p = |f: &str| format!("rev/{f}");
    assert_eq!(
        s.read(&p("outcomes.txt")),
        "www.pem: accepted\napi.pem: revoked\n"
    );

    // openssl, again, on the files the script left.
    let check = |cert: &str| {
        s.run(
            "openssl",
            &[
                "verify",
                "-crl_check",
                "-CRLfile",
                &p("ca.crl"),
                "-CAfile",
                &p("ca.pem"),
                &p(cert),
            ],
        )
    };
    let www = check("www.pem");
    assert_eq!(www.status, 0, "{}{}", www.stdout_str(), www.stderr);
    let api = check("api.pem");
    assert_ne!(api.status, 0);
    assert!(
        (api.stdout_str() + &api.stderr).contains("certificate revoked"),
        "{}{}",
        api.stdout_str(),
        api.stderr
    );
    let text = s
        .run("openssl", &["crl", "-noout", "-text", "-in", &p("ca.crl")])
        .ok()
        .stdout_str();
    assert!(text.contains(&serial_of(&s, &p("api.pem"))), "{text}");
    assert!(!text.contains(&serial_of(&s, &p("www.pem"))), "{text}");
    assert!(text.contains("Key Compromise"), "{text}");

    // The ledger: the CA, www, api issued; api revoked; one CRL.
    assert_ledger_verifies(&s, &p("ca.pem"), &p("ledger.jsonl"), 5);
    let events: Vec<String> = ledger_entries(&s, &p("ledger.jsonl"))
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(events, ["issued", "issued", "issued", "revoked", "crl"]);
    assert!(run.stderr.contains("api.pem: revoked"), "{}", run.stderr);
}
