//! examples/quorum-root/run.sh, a root sealed to a quorum (issue 20), runs end
//! to end against the built binary: three intermediates, signed by two
//! custodians at one table, by two elsewhere through released shares, and by
//! three of five new custodians after a reshare, each verified by openssl and
//! pkilint; the root key exists only sealed, and the old quorum file is gone.

use crate::support::*;

const CEREMONY: &str = "ceremony";
/// The demo passphrase every custodian's identity is sealed with (run.sh).
const PASSPHRASE: &str = "every custodian's passphrase, for the demo";

/// The quorum ids that `ceremony.txt` records, in order.
fn recorded_ids(record: &str) -> Vec<&str> {
    record
        .lines()
        .filter_map(|l| l.strip_prefix("key sealed to quorum "))
        .map(|l| l.split(',').next().unwrap())
        .collect()
}

#[test]
fn quorum_root_script_signs_at_one_table_elsewhere_and_after_a_reshare() {
    let s = Scratch::new();
    let run = s.run_example("quorum-root", "run.sh", &[CEREMONY], &[]);
    run.ok();
    let off = |name: &str| format!("{CEREMONY}/offline/{name}");
    let on = |name: &str| format!("{CEREMONY}/online/{name}");
    let root = off("root.pem");

    // Each intermediate, checked here again by openssl and pkilint.
    let mut certs = vec![root.clone()];
    for n in 1..=3 {
        let intermediate = on(&format!("intermediate-{n}.pem"));
        s.openssl_verify(&root, &[], &intermediate);
        assert_eq!(
            s.read(&intermediate),
            s.read(&off(&format!("intermediate-{n}.pem")))
        );
        assert_eq!(
            s.read(&on(&format!("chain-{n}.pem"))),
            s.read(&intermediate) + &s.read(&root)
        );
        assert!(
            s.x509_text(&intermediate).contains("CA:TRUE, pathlen:0"),
            "{intermediate}"
        );
        certs.push(intermediate);
    }
    std::thread::scope(|scope| {
        for cert in &certs {
            let s = &s;
            scope.spawn(move || s.pkilint(cert));
        }
    });
    let text = s.x509_text(&root);
    assert!(
        text.contains("CA:TRUE, pathlen:1") && text.contains("NIST CURVE: P-384"),
        "{text}"
    );
    // Who signed each: two at one table, two released shares, three new.
    for who in [
        "share 2 of 2 open: bob (ceremony/custodians/bob/bob.age)\n",
        "share 2 of 2 open: carol (ceremony/offline/carol.share)\n",
        "share 3 of 3 open: heidi (ceremony/custodians/heidi/heidi.age)\n",
    ] {
        assert!(run.stderr.contains(who), "{who}: {}", run.stderr);
    }

    // The ceremony record: openssl's fingerprint of the root, then the
    // 2-of-3 quorum and the 3-of-5 one it moved to.
    let fingerprint = s
        .run(
            "openssl",
            &["x509", "-noout", "-fingerprint", "-sha256", "-in", &root],
        )
        .ok()
        .stdout_str();
    let record = s.read(&off("ceremony.txt"));
    assert!(
        record.starts_with(&format!("root.pem: {fingerprint}")),
        "{record}"
    );
    assert!(
        record.contains(", 2 of 3: alice, bob, carol\n")
            && record.contains(", 3 of 5: dave, erin, frank, grace, heidi\n"),
        "{record}"
    );
    let ids = recorded_ids(&record);
    assert_eq!(ids.len(), 2, "{record}");
    assert_ne!(ids[0], ids[1], "a reshare makes a new quorum id");

    // The quorum file is the new one, with root.pem's key; the old one is
    // gone, with carol's block of it, the one-time identity and the shares.
    let quorum = s.read(&off("root-key.quorum"));
    assert!(
        quorum.contains(&format!("\nquorum: {}\nthreshold: 3 of 5\n", ids[1])),
        "{quorum}"
    );
    assert_eq!(s.file_mode(&off("root-key.quorum")), 0o600);
    let key_fingerprint = |file: &str| s.certsmith(&["key", "fingerprint", file]).ok().stdout_str();
    assert_eq!(
        key_fingerprint(&off("root-key.quorum")),
        key_fingerprint(&root)
    );
    assert_eq!(
        s.files_containing(CEREMONY, "certsmith-quorum/v1"),
        [off("root-key.quorum")]
    );
    assert_eq!(s.files_containing(CEREMONY, ids[0]), [off("ceremony.txt")]);
    for gone in [
        off("root-key.new.quorum"),
        off("one-time.txt"),
        off("bob.share"),
        off("carol.share"),
        format!("{CEREMONY}/custodians/carol/share-3.age"),
    ] {
        assert!(!s.exists(&gone), "{gone} is left");
    }

    // The root key exists only sealed; plaintext keys only on the online
    // host, and no identity in plaintext.
    assert_eq!(
        s.files_containing(CEREMONY, "PRIVATE KEY"),
        (1..=3)
            .map(|n| on(&format!("intermediate-{n}-key.pem")))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        s.files_containing(CEREMONY, "AGE-SECRET-KEY"),
        Vec::<String>::new()
    );
    for name in [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
    ] {
        let identity = format!("{CEREMONY}/custodians/{name}/{name}.age");
        assert_eq!(s.file_mode(&identity), 0o600, "{identity}");
        assert!(
            s.read(&identity)
                .starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n")
        );
    }

    // One new custodian alone cannot sign: the quorum file says how many
    // are needed and who is missing, and no certificate is printed.
    s.write("passphrase.txt", PASSPHRASE);
    let one = s.certsmith(&[
        "sign",
        "--ca",
        &root,
        "--ca-key",
        &off("root-key.quorum"),
        "-i",
        "ceremony/custodians/dave/dave.age",
        "--passphrase-file",
        "passphrase.txt",
        "--profile",
        "intermediate",
        &off("intermediate-3.csr"),
    ]);
    assert_eq!(
        one.fails(),
        "ceremony/offline/root-key.quorum: share 1 of 3 open: dave \
         (ceremony/custodians/dave/dave.age)\n\
         error: ceremony/offline/root-key.quorum: 3 of 5 custodians' shares are needed and 1 is \
         open (dave, with ceremony/custodians/dave/dave.age); still missing: erin, frank, grace, \
         heidi\n\
         hint: pass another custodian's identity with -i FILE, or a share they released with \
         --share FILE\n"
    );
    assert!(one.stdout.is_empty());

    // A second ceremony in the same directory is refused, and changes nothing.
    let again = s.run_example("quorum-root", "run.sh", &[CEREMONY], &[]);
    assert_eq!(
        (again.status, again.stderr.as_str()),
        (
            1,
            "run.sh: ceremony/offline/root-key.quorum exists: a new ceremony needs a new \
             directory\n"
        )
    );
    assert_eq!(s.read(&off("root-key.quorum")), quorum);
    assert_eq!(s.read(&off("ceremony.txt")), record);
}
