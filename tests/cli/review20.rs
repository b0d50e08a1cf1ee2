//! What a hostile review of keys sealed to a quorum (issue 20) found, each
//! pinned: one key under two SSH comments is one custodian, a hostile block
//! cannot make certsmith print what it decrypts, a release never replaces
//! its own quorum file, moved blocks and forged commitments are named, and
//! a passphrase given once for several custodians says so.

use crate::quorum::{
    Custodian, block, custodians, error_line, named_quorum_root, protected_custodian, quorum_root,
    replace_block, sign_with,
};
use crate::quorum_keys::reshare;
use crate::support::{Scratch, require};

/// An SSH ed25519 key pair made by ssh-keygen (`NAME`, `NAME.pub`); the
/// public key line without its comment.
fn ssh_key(s: &Scratch, name: &str) -> String {
    require("ssh-keygen");
    s.run(
        "ssh-keygen",
        &["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", name],
    )
    .ok();
    let line = s.read(&format!("{name}.pub"));
    let fields: Vec<&str> = line.split_whitespace().collect();
    format!("{} {}", fields[0], fields[1])
}

#[test]
fn one_key_under_two_ssh_comments_is_one_custodian_and_is_refused_before_anyone_opens() {
    let s = Scratch::new();
    let frank = ssh_key(&s, "frank");
    let erin = &custodians(&s, &["erin"])[0];
    // The same key with two comments, and once bare: two shares for frank
    // alone would open a 2-of-3 key.
    s.write(
        "dup.txt",
        &format!(
            "# f1\n{frank} f1\n# f2\n{frank} f2\n# erin\n{}\n",
            erin.recipient
        ),
    );
    s.write(
        "root.json",
        r#"{"CN":"Dup Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    let refused = format!(
        "error: {frank} is given twice: each custodian holds one share\n\
         hint: give each custodian's recipient once\n"
    );
    let run = s.certsmith(&["initca", "--threshold", "2", "-R", "dup.txt", "root.json"]);
    assert_eq!(run.fails(), refused);
    let bare = frank.clone();
    let commented = format!("{frank} frank@laptop");
    s.openssl_p256_key("plain-key.pem");
    let run = s.certsmith(&[
        "key",
        "encrypt",
        "--threshold",
        "2",
        "-r",
        &bare,
        "-r",
        &commented,
        "-r",
        &erin.recipient,
        "-o",
        "plain-key.quorum",
        "plain-key.pem",
    ]);
    assert_eq!(run.fails(), refused);
    assert!(!s.exists("plain-key.quorum"));
    // A reshare refuses it before the old custodians open their shares.
    named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    let run = reshare(
        &s,
        &["alice.txt", "bob.txt"],
        &[
            "--threshold",
            "2",
            "-R",
            "dup.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    );
    assert_eq!(run.fails(), refused);
    assert!(!s.exists("new.quorum"));
}

#[test]
fn a_hostile_block_cannot_make_certsmith_print_what_it_decrypts() {
    let s = Scratch::new();
    require("age");
    let c = named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    // Another secret of alice's, sealed to her, put where her share was.
    let secret = "AGE-SECRET-KEY-1SOMETHINGALICEKEEPSTOHERSELF0000000000000000000000000";
    let sealed = s
        .run_stdin(
            "age",
            &["-a", "-r", &c[0].recipient],
            format!("{secret}\nmore lines\n").as_bytes(),
        )
        .ok()
        .stdout_str();
    let quorum = s.read("root-key.quorum");
    s.write(
        "hostile.quorum",
        &replace_block(&quorum, "share 1", &sealed),
    );
    s.write("hostile-block.age", &sealed);
    let one_time = &custodians(&s, &["one-time"])[0];
    for args in [
        &["key", "share", "check", "-i", "alice.txt", "hostile.quorum"][..],
        &[
            "key",
            "share",
            "release",
            "-i",
            "alice.txt",
            "--to",
            &one_time.recipient,
            "hostile-block.age",
        ][..],
    ] {
        let run = s.certsmith(args);
        let err = run.fails();
        assert!(!err.contains("SOMETHINGALICE"), "{err}");
        assert!(err.contains(": not a share record\n"), "{err}");
    }
    assert_eq!(
        error_line(
            s.certsmith(&["key", "share", "check", "-i", "alice.txt", "hostile.quorum"])
                .fails()
        ),
        "error: hostile.quorum: the share of alice cannot be opened: not a share record"
    );
    // An identity given where a recipient belongs is not echoed either.
    let identity = s.read("one-time.txt");
    let identity = identity
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    let run = s.certsmith(&[
        "key",
        "share",
        "release",
        "-i",
        "alice.txt",
        "--to",
        identity,
        "root-key.quorum",
    ]);
    let err = run.fails();
    assert!(!err.contains(&identity[16..]), "{err}");
    assert!(
        err.starts_with(
            "error: invalid recipient \"AGE-SECRET-KEY-1…\": an age identity, which is \
             secret, not its recipient (age1…)\n"
        ),
        "{err}"
    );
}

#[test]
fn a_release_never_replaces_the_file_it_releases_from() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let one_time = &custodians(&s, &["one-time"])[0];
    let before = s.read("root-key.quorum");
    std::fs::hard_link(s.path("root-key.quorum"), s.path("linked.quorum")).unwrap();
    for out in ["root-key.quorum", "linked.quorum"] {
        let run = s.certsmith(&[
            "key",
            "share",
            "release",
            "-i",
            "c1.txt",
            "--to",
            &one_time.recipient,
            "-o",
            out,
            "--force",
            "root-key.quorum",
        ]);
        assert_eq!(
            run.fails(),
            "error: root-key.quorum is the file the share is released from; refusing to write \
             the share over it\n\
             hint: write the released share to a file of its own: -o NAME.share\n"
        );
        assert_eq!(s.read("root-key.quorum"), before);
    }
}

#[test]
fn moved_blocks_and_a_forged_commitment_name_the_custodians_involved() {
    let s = Scratch::new();
    require("age");
    named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    let quorum = s.read("root-key.quorum");
    // Alice's and bob's blocks trade places.
    let (a, b) = (block(&quorum, "share 1"), block(&quorum, "share 2"));
    let moved = quorum
        .replacen(&a, "MOVED", 1)
        .replacen(&b, &a, 1)
        .replacen("MOVED", &b, 1);
    s.write("root-key.quorum", &moved);
    assert_eq!(
        error_line(sign_with(&s, &["-i", "alice.txt", "-i", "carol.txt"]).fails()),
        "error: root-key.quorum: the block of share 2 (bob) holds share 1 (alice): blocks \
         were moved or copied"
    );
    // Alice forges her share and rewrites her own commitment to match (the
    // header is not signed): the combination fails, naming whose shares
    // were combined.
    let record = s
        .run_stdin(
            "age",
            &["-d", "-i", "alice.txt"],
            block(&quorum, "share 1").as_bytes(),
        )
        .ok()
        .stdout_str();
    // One hex digit of a y byte changed (x, the first byte, stays).
    let start = record.find("value: ").unwrap() + "value: ".len();
    let at = start + 4;
    let flipped = if &record[at..at + 1] == "0" { "1" } else { "0" };
    let forged = format!("{}{flipped}{}", &record[..at], &record[at + 1..]);
    let unhex = |hex: &str| -> Vec<u8> {
        (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    };
    let id = quorum
        .lines()
        .find_map(|l| l.strip_prefix("quorum: "))
        .unwrap();
    // The commitment as README gives it: SHA-256("certsmith-quorum-share/v1\0" ‖ id ‖ x ‖ y).
    let mut preimage = b"certsmith-quorum-share/v1\0".to_vec();
    preimage.extend(unhex(id));
    preimage.extend(unhex(forged[start..].trim()));
    let commitment = s.run_stdin("sha256sum", &[], &preimage).ok().stdout_str()[..64].to_string();
    let alice = quorum.lines().find(|l| l.starts_with("  to: ")).unwrap();
    let recipient = alice.strip_prefix("  to: ").unwrap();
    let resealed = s
        .run_stdin("age", &["-a", "-r", recipient], forged.as_bytes())
        .ok()
        .stdout_str();
    let old_commitment = quorum
        .lines()
        .find(|l| l.starts_with("  commitment: "))
        .unwrap();
    let forged_file = replace_block(&quorum, "share 1", &resealed).replacen(
        old_commitment,
        &format!("  commitment: {commitment}"),
        1,
    );
    s.write("root-key.quorum", &forged_file);
    let run = sign_with(&s, &["-i", "alice.txt", "-i", "bob.txt"]);
    let err = run.fails();
    assert!(
        err.contains(
            "error: root-key.quorum: the shares of alice, bob combine to no age identity, so \
             not to the quorum recipient the file names\n\
             hint: one of these shares, with its commitment line, was changed after the file was \
             sealed (the header is not signed): sign again with another custodian in place of \
             each to find which, and use an intact copy of the file\n"
        ),
        "{err}"
    );
    // As the hint says: bob and carol sign; alice and carol do not.
    sign_with(&s, &["-i", "bob.txt", "-i", "carol.txt"]).ok();
    sign_with(&s, &["-i", "alice.txt", "-i", "carol.txt"]).fails();
}

#[test]
fn one_passphrase_for_several_custodians_says_so() {
    let s = Scratch::new();
    let hank = protected_custodian(&s, "hank", "hank's own passphrase");
    let ivy = protected_custodian(&s, "ivy", "ivy's own passphrase");
    let erin = &custodians(&s, &["erin"])[0];
    let all: [&Custodian; 3] = [&hank, &ivy, erin];
    let mut args = vec!["initca", "--threshold", "2"];
    for c in all {
        args.extend(["-r", c.recipient.as_str()]);
    }
    s.write(
        "root.json",
        r#"{"CN":"Pass Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    args.push("root.json");
    s.certsmith_split(&args, "root");
    s.write(
        "int.json",
        r#"{"CN":"Int","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(&["genkey", "int.json"], "int");
    s.write("pass.txt", "hank's own passphrase\n");
    let run = sign_with(
        &s,
        &[
            "-i",
            "hank.age",
            "-i",
            "ivy.age",
            "--passphrase-file",
            "pass.txt",
        ],
    );
    assert!(
        run.fails().ends_with(
            "error: ivy.age: wrong passphrase (the one passphrase given is tried for every \
             custodian)\n\
             hint: custodians whose passphrases differ each type their own at the terminal: run \
             without --passphrase-file and CERTSMITH_PASSPHRASE\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_quorum_file_too_large_to_read_is_never_written() {
    let s = Scratch::new();
    // Three SSH custodians whose key lines carry 400 KB comments: the file
    // would pass the 1 MiB its reader takes.
    let mut file = String::new();
    for name in ["kim", "lee", "max"] {
        let key = ssh_key(&s, name);
        file += &format!("# {name}\n{key} {}\n", "c".repeat(400_000));
    }
    s.write("big.txt", &file);
    s.write(
        "root.json",
        r#"{"CN":"Big Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    let run = s.certsmith(&["initca", "--threshold", "2", "-R", "big.txt", "root.json"]);
    let err = run.fails();
    assert!(
        err.starts_with("error: the quorum file would be ")
            && err.contains(" bytes, more than the 1048576 a quorum file may hold\n"),
        "{err}"
    );
    // And a file past the limit is refused as such, not at a line.
    let mut big = "certsmith-quorum/v1\n".to_string();
    big += &"x".repeat(1 << 20);
    s.write("big.quorum", &big);
    assert_eq!(
        s.certsmith(&["inspect", "big.quorum"]).fails(),
        "error: big.quorum is larger than 1 MiB; refusing to read more of it\n\
         hint: check that it is the file meant: no certificate, key or CRL a PKI makes comes \
         near that size\n"
    );
}

/// The second hostile review: what got around the first fixes.
#[test]
fn a_pasted_identity_file_is_never_echoed_and_no_release_replaces_a_quorum_file() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let one_time = &custodians(&s, &["one-time"])[0];
    // A whole identity file pasted where its recipient belongs.
    let pasted = s.read("one-time.txt");
    let secret = pasted
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    for to in [
        pasted.clone(),
        format!("<{secret}>"),
        format!("x{}", secret.to_lowercase()),
    ] {
        let run = s.certsmith(&[
            "key",
            "share",
            "release",
            "-i",
            "c1.txt",
            "--to",
            &to,
            "root-key.quorum",
        ]);
        let err = run.fails();
        assert!(!err.to_uppercase().contains(&secret[16..]), "{err}");
        assert!(err.contains("\"AGE-SECRET-KEY-1…\""), "{err}");
    }
    // Released from stdin, or from a block, over a quorum file: refused
    // whatever --force says.
    let before = s.read("root-key.quorum");
    s.write("c1-block.age", &block(&before, "share 1"));
    for (input, stdin) in [("-", before.as_bytes()), ("c1-block.age", &b""[..])] {
        let run = s.certsmith_stdin(
            &[
                "key",
                "share",
                "release",
                "-i",
                "c1.txt",
                "--to",
                &one_time.recipient,
                "-o",
                "root-key.quorum",
                "--force",
                input,
            ],
            stdin,
        );
        assert_eq!(
            run.fails(),
            "error: root-key.quorum is a quorum file; refusing to write a released share over \
             it\n\
             hint: write the released share to a file of its own: -o NAME.share\n"
        );
        assert_eq!(s.read("root-key.quorum"), before);
    }
}

#[test]
fn released_shares_past_the_threshold_and_from_stdin_and_endless_identities() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let one_time = &custodians(&s, &["one-time"])[0];
    for (i, id) in ["c1.txt", "c2.txt", "c3.txt"].iter().enumerate() {
        let out = format!("s{}.share", i + 1);
        s.certsmith(&[
            "key",
            "share",
            "release",
            "-i",
            id,
            "--to",
            &one_time.recipient,
            "-o",
            &out,
            "root-key.quorum",
        ])
        .ok();
    }
    // A third released share is not needed, not "share 3 of 2".
    let run = sign_with(
        &s,
        &[
            "-i",
            "one-time.txt",
            "--share",
            "s1.share",
            "--share",
            "s2.share",
            "--share",
            "s3.share",
        ],
    );
    assert!(!run.ok().stderr.contains("share 3 of 2"), "{}", run.stderr);
    assert!(
        run.stderr.contains(") is not needed\n") && run.stderr.contains("(s3.share)"),
        "{}",
        run.stderr
    );
    // `--share -` is stdin, as `-` is everywhere.
    let run = s.certsmith_stdin(
        &[
            "sign",
            "--ca",
            "root.pem",
            "--ca-key",
            "root-key.quorum",
            "-i",
            "one-time.txt",
            "--share",
            "s1.share",
            "--share",
            "-",
            "--profile",
            "intermediate",
            "int.csr",
        ],
        s.read("s2.share").as_bytes(),
    );
    assert!(run.ok().stderr.contains("open: "), "{}", run.stderr);
    // An endless identity file ends in an error, not in memory exhaustion.
    let run = sign_with(&s, &["-i", "/dev/zero", "-i", "c1.txt"]);
    assert!(
        run.fails()
            .starts_with("error: /dev/zero is larger than 1 MiB; refusing to read more of it\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_reshare_with_ca_refuses_another_cas_key_before_anyone_opens() {
    let s = Scratch::new();
    named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    other_root(&s);
    let run = reshare(
        &s,
        &["alice.txt", "bob.txt"],
        &[
            "--ca",
            "other.pem",
            "--threshold",
            "2",
            "-R",
            "custodians.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    );
    let err = run.fails();
    assert!(!err.contains("open:"), "{err}");
    assert!(
        err.starts_with("error: CA key root-key.quorum does not match CA certificate other.pem\n"),
        "{err}"
    );
    assert!(!s.exists("new.quorum"));
    // With its own certificate, the reshare goes through.
    reshare(
        &s,
        &["alice.txt", "bob.txt"],
        &[
            "--ca",
            "root.pem",
            "--threshold",
            "2",
            "-R",
            "custodians.txt",
            "-o",
            "new.quorum",
            "root-key.quorum",
        ],
    )
    .ok();
}

#[test]
fn a_label_with_a_private_use_character_or_a_noncharacter_is_refused() {
    let s = Scratch::new();
    let c = custodians(&s, &["a", "b"]);
    s.openssl_p256_key("plain-key.pem");
    for label in [
        "ali\u{E000}ce",
        "bob\u{FDD0}",
        "carol\u{10FFFD}",
        "dave\u{FFFC}",
    ] {
        s.write(
            "custodians.txt",
            &format!("# {label}\n{}\n# b\n{}\n", c[0].recipient, c[1].recipient),
        );
        let run = s.certsmith(&[
            "key",
            "encrypt",
            "--threshold",
            "2",
            "-R",
            "custodians.txt",
            "-o",
            "k.quorum",
            "plain-key.pem",
        ]);
        assert!(
            run.fails().starts_with(&format!(
                "error: the custodian label {label:?} holds a private-use character or a \
                 noncharacter\n"
            )),
            "{}",
            run.stderr
        );
        assert!(!s.exists("k.quorum"));
    }
}

#[test]
fn renewing_a_root_with_another_roots_quorum_key_is_refused_before_anyone_opens() {
    let s = Scratch::new();
    named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    other_root(&s);
    let run = s.certsmith(&[
        "initca",
        "--key",
        "root-key.quorum",
        "-i",
        "alice.txt",
        "-i",
        "bob.txt",
        "--ca",
        "other.pem",
    ]);
    assert_eq!(
        error_line(run.fails()),
        "error: root-key.quorum is not the key of other.pem: their public keys differ"
    );
    assert!(!run.stderr.contains("open:"), "{}", run.stderr);
    // Its own root renews.
    let run = s.certsmith(&[
        "initca",
        "--key",
        "root-key.quorum",
        "-i",
        "alice.txt",
        "-i",
        "bob.txt",
        "--ca",
        "root.pem",
    ]);
    assert!(run.ok().stdout_str().contains("\"cert\""));
}

/// A plain root of another CA (other.pem, other-key.pem).
fn other_root(s: &Scratch) {
    s.write(
        "other.json",
        r#"{"CN":"Other Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(&["initca", "other.json"], "other");
}

#[test]
fn a_release_to_a_fifo_is_refused_without_waiting_on_it() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let one_time = &custodians(&s, &["one-time"])[0];
    s.run("mkfifo", &["out.fifo"]).ok();
    // Under timeout(1): a release that waited on the FIFO for a writer
    // would be killed (exit 124) rather than hang the suite.
    let bin = crate::support::certsmith_bin();
    let run = s.run(
        "timeout",
        &[
            "20",
            &bin,
            "key",
            "share",
            "release",
            "-i",
            "c1.txt",
            "--to",
            &one_time.recipient,
            "-o",
            "out.fifo",
            "--force",
            "root-key.quorum",
        ],
    );
    assert!(
        run.fails()
            .starts_with("error: out.fifo exists and is not a regular file"),
        "{}",
        run.stderr
    );
}
