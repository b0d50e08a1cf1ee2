//! `key share release`, `key share check` and `key reshare` (issue 20): a
//! custodian releases their share to a ceremony elsewhere, each custodian
//! checks theirs, and the key moves to new custodians without ever being
//! written in clear. Every intermediate signed is checked by `openssl verify
//! -x509_strict`, and every released share is opened by the real `age`.

use crate::quorum::{
    Custodian, custodians, file_writes, labelled, named_quorum_root, sign_with, signs, signs_with,
    subsets, traced,
};
use crate::support::{Scratch, require};

/// A root sealed `threshold` of alice, bob and carol (root.pem,
/// root-key.quorum), an intermediate's CSR (int.csr), and a one-time
/// identity for a ceremony elsewhere (one-time.txt).
fn root(s: &Scratch, threshold: usize) -> (Vec<Custodian>, Custodian) {
    let c = named_quorum_root(s, threshold, &["alice", "bob", "carol"]);
    let one_time = custodians(s, &["one-time"]).remove(0);
    (c, one_time)
}

/// `key share release -i IDENTITY --to TO` with `rest` (output, file).
fn release(s: &Scratch, identity: &str, to: &str, rest: &[&str]) -> crate::support::Run {
    let mut args = vec!["key", "share", "release", "-i", identity, "--to", to];
    args.extend(rest);
    s.certsmith(&args)
}

/// [`root`] 2 of 3, and alice's share released to the one-time identity
/// (alice.share).
fn root_with_alice_released(s: &Scratch) -> Custodian {
    let (_, one_time) = root(s, 2);
    release(
        s,
        "alice.txt",
        &one_time.recipient,
        &["-o", "alice.share", "root-key.quorum"],
    )
    .ok();
    one_time
}

/// `key reshare` with `-i` for each of `identities`, then `rest`.
pub(crate) fn reshare(s: &Scratch, identities: &[&str], rest: &[&str]) -> crate::support::Run {
    let mut args = vec!["key", "reshare"];
    for identity in identities {
        args.extend(["-i", identity]);
    }
    args.extend(rest);
    s.certsmith(&args)
}

/// The quorum id of a quorum file.
fn quorum_id(s: &Scratch, file: &str) -> String {
    s.read(file)
        .lines()
        .find_map(|l| l.strip_prefix("quorum: "))
        .expect("a quorum line")
        .to_string()
}

#[test]
fn shares_released_to_a_one_time_identity_sign_and_are_ordinary_age_files() {
    let s = Scratch::new();
    require("age");
    let (_, one_time) = root(&s, 2);
    let id = quorum_id(&s, "root-key.quorum");
    // Alice releases from the whole file, into a file.
    let run = release(
        &s,
        "alice.txt",
        &one_time.recipient,
        &["-o", "alice.share", "root-key.quorum"],
    );
    assert_eq!(
        run.ok().stderr,
        format!(
            "released the share of alice (share 1 of 3, quorum {id}) to {}\n",
            one_time.recipient
        )
    );
    assert_eq!(s.file_mode("alice.share"), 0o600);
    // Bob holds only his block, cut with awk as the README shows, and
    // releases it to stdout.
    let awk = s.run(
        "awk",
        &["/^-> share 2$/{f=1;next} /^-> /{f=0} f", "root-key.quorum"],
    );
    s.write("bob-block.age", &awk.ok().stdout_str());
    let run = release(&s, "bob.txt", &one_time.recipient, &["bob-block.age"]);
    assert_eq!(
        run.ok().stderr,
        format!(
            "released the share of bob (share 2 of 3, quorum {id}) to {}\n\
             bob-block.age: only the share's block was given, so it was not checked against its \
             commitment: the ceremony checks it\n",
            one_time.recipient
        )
    );
    s.write("bob.share", &run.stdout_str());
    // Each is an ordinary age file that the one-time identity alone opens,
    // holding the custodian's record and nothing else.
    let record = s
        .run("age", &["-d", "-i", "one-time.txt", "alice.share"])
        .ok()
        .stdout_str();
    assert!(
        record.starts_with(&format!(
            "certsmith-quorum-share/v1\nquorum: {id}\nshare 1 of 3, threshold 2: alice\nvalue: 01"
        )),
        "{record}"
    );
    assert!(!record.contains("PRIVATE KEY") && !record.contains("AGE-SECRET-KEY"));
    assert_ne!(
        s.run("age", &["-d", "-i", "alice.txt", "alice.share"])
            .status,
        0,
        "the custodian's own identity no longer opens what was released"
    );
    let run = sign_with(
        &s,
        &[
            "-i",
            "one-time.txt",
            "--share",
            "alice.share",
            "--share",
            "bob.share",
        ],
    );
    assert!(
        run.stderr.starts_with(
            "root-key.quorum: share 1 of 2 open: alice (alice.share)\n\
             root-key.quorum: share 2 of 2 open: bob (bob.share)\n"
        ),
        "{}",
        run.stderr
    );
    s.certsmith_stdin(&["split-json", "int-elsewhere"], &run.ok().stdout)
        .ok();
    s.openssl_verify("root.pem", &[], "int-elsewhere.pem");
    // One custodian elsewhere, one at the table.
    signs_with(
        &s,
        &[
            "-i",
            "one-time.txt",
            "--share",
            "bob.share",
            "-i",
            "carol.txt",
        ],
        "int-mixed",
    );
    // One released share is one custodian: not a quorum.
    let err = sign_with(&s, &["-i", "one-time.txt", "--share", "bob.share"])
        .fails()
        .to_string();
    assert!(
        err.contains(
            "error: root-key.quorum: 2 of 3 custodians' shares are needed and 1 is open \
             (bob, with bob.share); still missing: alice, carol\n"
        ),
        "{err}"
    );
}

#[test]
fn a_release_that_cannot_be_made_is_refused_and_writes_nothing() {
    let s = Scratch::new();
    let (_, one_time) = root(&s, 2);
    // An identity that holds no share of the file.
    let err = release(
        &s,
        "one-time.txt",
        &one_time.recipient,
        &["-o", "x.share", "root-key.quorum"],
    );
    assert_eq!(
        err.fails(),
        "error: root-key.quorum: one-time.txt opens no custodian's share\n\
         hint: certsmith inspect root-key.quorum lists the custodians and their recipients\n"
    );
    // An identity file holding two custodians' identities: one share at a time.
    s.write("both.txt", &(s.read("alice.txt") + &s.read("bob.txt")));
    let err = release(
        &s,
        "both.txt",
        &one_time.recipient,
        &["-o", "x.share", "root-key.quorum"],
    );
    assert_eq!(
        err.fails(),
        "error: root-key.quorum: both.txt opens the shares of alice, bob, and a share is \
         released one at a time\n\
         hint: give one custodian's identity with -i FILE at a time\n"
    );
    // A file that is neither a quorum file nor a share's block.
    let err = release(
        &s,
        "alice.txt",
        &one_time.recipient,
        &["-o", "x.share", "root.pem"],
    );
    assert!(
        err.fails().starts_with(
            "error: root.pem: line 1: neither a quorum file nor a share's block cut from one\n"
        ),
        "{}",
        err.stderr
    );
    assert!(!s.exists("x.share"), "a refused release wrote its output");
    // An existing output is kept.
    s.write("kept.share", "kept\n");
    let err = release(
        &s,
        "alice.txt",
        &one_time.recipient,
        &["-o", "kept.share", "root-key.quorum"],
    );
    assert!(
        err.fails()
            .starts_with("error: kept.share already exists; refusing to replace it\n"),
        "{}",
        err.stderr
    );
    assert_eq!(s.read("kept.share"), "kept\n");
    // A recipient age does not read.
    let err = release(
        &s,
        "alice.txt",
        "age1notarecipient",
        &["-o", "x.share", "root-key.quorum"],
    );
    assert!(err.fails().contains("age1notarecipient"), "{}", err.stderr);
    assert!(!s.exists("x.share"));
}

#[test]
fn each_custodian_checks_their_share_and_a_swapped_commitment_is_named() {
    let s = Scratch::new();
    let one_time = root_with_alice_released(&s);
    let run = s.certsmith(&[
        "key",
        "share",
        "check",
        "-i",
        "carol.txt",
        "-i",
        "one-time.txt",
        "--share",
        "alice.share",
        "root-key.quorum",
    ]);
    assert_eq!(
        run.ok().stderr,
        "root-key.quorum: share 3 of 3 (carol) opens with carol.txt and matches its commitment\n\
         root-key.quorum: share 1 of 3 (alice) opens with alice.share and matches its commitment\n"
    );
    assert!(run.stdout.is_empty());
    // Carol's and bob's commitments swapped: carol's check names carol.
    let quorum = s.read("root-key.quorum");
    let commitments: Vec<&str> = quorum
        .lines()
        .filter(|l| l.starts_with("  commitment: "))
        .collect();
    let swapped = quorum
        .replace(commitments[1], "SWAP")
        .replace(commitments[2], commitments[1])
        .replace("SWAP", commitments[2]);
    s.write("swapped.quorum", &swapped);
    let err = s.certsmith(&["key", "share", "check", "-i", "carol.txt", "swapped.quorum"]);
    assert!(
        err.fails().starts_with(
            "error: swapped.quorum: the share of carol does not match its commitment\n"
        ),
        "{}",
        err.stderr
    );
    // A share is checked before it is released: carol cannot release a
    // share the file does not commit to.
    let err = release(
        &s,
        "carol.txt",
        &one_time.recipient,
        &["-o", "carol.share", "swapped.quorum"],
    );
    assert!(
        err.fails().starts_with(
            "error: swapped.quorum: the share of carol does not match its commitment\n"
        ),
        "{}",
        err.stderr
    );
    assert!(!s.exists("carol.share"));
    // A released share that no identity given opens.
    let err = s.certsmith(&[
        "key",
        "share",
        "check",
        "-i",
        "carol.txt",
        "--share",
        "alice.share",
        "root-key.quorum",
    ]);
    let unopened = "error: alice.share: no identity given opens this released share\n\
                    hint: give the one-time identity it was released to with -i FILE: key share \
                    release --to named its recipient\n";
    assert!(err.fails().ends_with(unopened), "{}", err.stderr);
    // Signing, too, names a released share that did not open when the
    // quorum falls short.
    let err = sign_with(&s, &["-i", "carol.txt", "--share", "alice.share"]);
    assert!(err.fails().ends_with(unopened), "{}", err.stderr);
}

#[test]
fn a_reshare_to_3_of_5_keeps_the_key_and_no_old_share_opens_the_new_file() {
    let s = Scratch::new();
    root_with_alice_released(&s);
    let old = s.read("root-key.quorum");
    let new = labelled(&s, &["dave", "erin", "frank", "grace", "heidi"], "new.txt");
    let run = reshare(
        &s,
        &["alice.txt", "carol.txt"],
        &[
            "--threshold",
            "3",
            "-R",
            "new.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    );
    let id = quorum_id(&s, "new.quorum");
    let mut record = format!(
        "root-key.quorum: share 1 of 2 open: alice (alice.txt)\n\
         root-key.quorum: share 2 of 2 open: carol (carol.txt)\n\
         key sealed to quorum {id}, 3 of 5: dave, erin, frank, grace, heidi\n"
    );
    for (i, (name, c)) in ["dave", "erin", "frank", "grace", "heidi"]
        .iter()
        .zip(&new)
        .enumerate()
    {
        record += &format!("  share {} of 5: {name} ({})\n", i + 1, c.recipient);
    }
    record += "root-key.quorum: any copy of the old file still opens with its old custodians: \
               destroy every copy, backups too\n";
    assert_eq!(run.ok().stderr, record);
    assert_eq!(s.file_mode("new.quorum"), 0o600);
    assert_ne!(id, quorum_id(&s, "root-key.quorum"), "a new quorum id");
    assert_eq!(
        s.read("root-key.quorum"),
        old,
        "the old file is left as it was"
    );
    // The same CA key, by its public key.
    let fingerprint = |file: &str| s.certsmith(&["key", "fingerprint", file]).ok().stdout_str();
    assert_eq!(fingerprint("new.quorum"), fingerprint("root.pem"));
    // Every 3 of the new custodians sign; 2 of them do not.
    std::fs::copy(s.path("new.quorum"), s.path("root-key.quorum")).unwrap();
    for (n, subset) in subsets(5, 3).iter().enumerate().step_by(3) {
        let who: Vec<&Custodian> = subset.iter().map(|&i| &new[i]).collect();
        signs(&s, &who, &format!("int-new-{n}"));
    }
    let err = sign_with(&s, &["-i", "dave.txt", "-i", "heidi.txt"])
        .fails()
        .to_string();
    assert!(
        err.contains(
            "3 of 5 custodians' shares are needed and 2 are open (dave, with dave.txt; heidi, \
             with heidi.txt); still missing: erin, frank, grace\n"
        ),
        "{err}"
    );
    // Old custodians open nothing in the new file; a share released from
    // the old file is named as the old quorum's.
    let err = sign_with(&s, &["-i", "alice.txt", "-i", "bob.txt"])
        .fails()
        .to_string();
    assert!(
        err.starts_with("error: root-key.quorum: alice.txt opens no custodian's share\n"),
        "{err}"
    );
    let old_id = old
        .lines()
        .find_map(|l| l.strip_prefix("quorum: "))
        .unwrap()
        .to_string();
    let err = sign_with(
        &s,
        &[
            "-i",
            "one-time.txt",
            "--share",
            "alice.share",
            "-i",
            "dave.txt",
        ],
    )
    .fails()
    .to_string();
    assert!(
        err.starts_with(&format!(
            "error: alice.share: the share of alice is a share of quorum {old_id}, not of \
             root-key.quorum (quorum {id})\n"
        )),
        "{err}"
    );
    // What a reshare cannot undo, as the README says: a copy of the old
    // file still opens with its old shares.
    s.write("old.quorum", &old);
    let run = s.certsmith(&[
        "sign",
        "--ca",
        "root.pem",
        "--ca-key",
        "old.quorum",
        "-i",
        "alice.txt",
        "-i",
        "bob.txt",
        "--profile",
        "intermediate",
        "int.csr",
    ]);
    run.ok();
    // Each new custodian checks their share.
    let run = s.certsmith(&["key", "share", "check", "-i", "grace.txt", "new.quorum"]);
    assert_eq!(
        run.ok().stderr,
        "new.quorum: share 4 of 5 (grace) opens with grace.txt and matches its commitment\n"
    );
}

#[test]
fn a_reshare_needs_a_quorum_and_an_age_sealed_key_moves_to_one() {
    let s = Scratch::new();
    let (_, one_time) = root(&s, 2);
    // No threshold: refused before any custodian is asked.
    let err = reshare(
        &s,
        &["alice.txt", "bob.txt"],
        &[
            "-r",
            &one_time.recipient,
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    );
    assert_eq!(
        err.fails(),
        "error: root-key.quorum: a reshare needs a threshold and the new custodians to seal \
         the key to\n\
         hint: give --threshold M and the new custodians with -r RECIPIENT or -R FILE\n"
    );
    // Bad new custodians are refused before the old ones open anything.
    let err = reshare(
        &s,
        &["alice.txt", "bob.txt"],
        &[
            "--threshold",
            "4",
            "-R",
            "custodians.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    );
    assert!(
        err.fails().starts_with(
            "error: a threshold of 4 needs at least 4 custodians, and 3 recipients were given\n"
        ),
        "{}",
        err.stderr
    );
    assert!(!err.stderr.contains("open:"), "{}", err.stderr);
    assert!(!s.exists("new.quorum"));
    // An age-sealed key (one custodian alone opens it) moves to a quorum.
    s.certsmith(&[
        "key",
        "encrypt",
        "-r",
        &one_time.recipient,
        "-o",
        "int-key.age",
        "int-key.pem",
    ])
    .ok();
    let run = reshare(
        &s,
        &["one-time.txt"],
        &[
            "--threshold",
            "2",
            "-R",
            "custodians.txt",
            "-o",
            "int-key.quorum",
            "int-key.age",
        ],
    );
    assert!(
        run.ok().stderr.ends_with(
            "int-key.age: any copy of the old file still opens with its old custodians: \
             destroy every copy, backups too\n"
        ),
        "{}",
        run.stderr
    );
    let fingerprint = |file: &str| s.certsmith(&["key", "fingerprint", file]).ok().stdout_str();
    assert_eq!(fingerprint("int-key.quorum"), fingerprint("int-key.pem"));
    let pem = s
        .certsmith(&[
            "key",
            "decrypt",
            "-i",
            "bob.txt",
            "-i",
            "carol.txt",
            "int-key.quorum",
        ])
        .ok()
        .stdout_str();
    assert_eq!(pem, s.read("int-key.pem"));
}

#[test]
fn release_and_reshare_write_no_secret() {
    let s = Scratch::new();
    require("strace");
    let (_, one_time) = root(&s, 2);
    labelled(&s, &["dave", "erin", "frank"], "new.txt");
    let trace = |args: &[&str]| {
        let (run, trace) = traced(&s, args);
        run.ok();
        trace
    };
    let runs = [
        trace(&[
            "key",
            "share",
            "release",
            "-i",
            "alice.txt",
            "--to",
            &one_time.recipient,
            "-o",
            "alice.share",
            "root-key.quorum",
        ]),
        trace(&[
            "key",
            "reshare",
            "-i",
            "alice.txt",
            "-i",
            "bob.txt",
            "--threshold",
            "2",
            "-R",
            "new.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ]),
    ];
    for trace in &runs {
        assert!(trace.contains("write("), "the trace sees writes");
        // The secrets' text: a share record's value, an age identity, a key.
        for secret in ["value: ", "AGE-SECRET-KEY-1", "PRIVATE KEY"] {
            assert!(!trace.contains(secret), "a write holds {secret}:\n{trace}");
        }
        // Only the output is written: its staging file, renamed into place.
        let writes = file_writes(trace);
        assert!(!writes.is_empty(), "the trace sees the output written");
        for line in writes {
            assert!(
                line.contains("certsmith-tmp"),
                "a file other than the output was written: {line}"
            );
        }
    }
    // What the released share and the new file hold is sealed.
    for file in ["alice.share", "new.quorum"] {
        let text = s.read(file);
        assert!(!text.contains("value: ") && !text.contains("AGE-SECRET-KEY-1"));
    }
}
