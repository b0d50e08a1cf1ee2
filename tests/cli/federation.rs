//! examples/federation/run.sh end to end against the built binary: a real
//! TLS server trusting `certsmith bundle --federate` of two roots accepts
//! clients of both clusters and rejects a third CA's client; what the script
//! leaves behind is checked again here with openssl.

use crate::support::*;

#[test]
fn federation_script_accepts_both_clusters_and_rejects_the_outsider() {
    require("openssl");
    let s = Scratch::new();
    let out = s.run_example("federation", "run.sh", &["fed"], &[]);
    let stderr = &out.stderr;
    assert_eq!(out.status, 0, "run.sh failed:\n{stderr}");
    assert!(stderr.contains("client-a: accepted"), "{stderr}");
    assert!(stderr.contains("client-b: accepted"), "{stderr}");
    assert!(stderr.contains("client-outsider: rejected"), "{stderr}");

    let p = |f: &str| format!("fed/{f}");
    // The federation is exactly the two roots, in order.
    assert_eq!(
        s.read(&p("federation.pem")),
        s.read(&p("cluster-a-ca.pem")) + &s.read(&p("cluster-b-ca.pem"))
    );
    // What s_client saw: a verified server and an HTTP answer for A and B…
    for client in ["client-a", "client-b"] {
        let transcript = s.read(&p(&format!("{client}.out")));
        assert!(
            transcript.contains("Verify return code: 0 (ok)")
                && transcript.contains("HTTP/1.0 200 ok"),
            "{client}: {transcript}"
        );
        s.openssl_verify(&p("federation.pem"), &[], &p(&format!("{client}.pem")));
    }
    // …and for the outsider, the server's refusal and no HTTP answer.
    let transcript = s.read(&p("client-outsider.out"));
    assert!(
        transcript.contains("alert unknown ca") && !transcript.contains("HTTP/1.0 200"),
        "{transcript}"
    );
    let run = s.run(
        "openssl",
        &[
            "verify",
            "-CAfile",
            &p("federation.pem"),
            &p("client-outsider.pem"),
        ],
    );
    assert_ne!(run.status, 0, "{}", run.stdout_str());
    s.openssl_verify(&p("cluster-a-ca.pem"), &[], &p("server.pem"));
}
