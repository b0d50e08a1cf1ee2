//! CA keys sealed to a quorum (issue 20): any M of N custodians together,
//! and no fewer, sign with the root. Custodians are age identities made by
//! `certsmith key identity`; every intermediate signed is checked by
//! `openssl verify -x509_strict`; each share is opened by the real `age`;
//! and the quorum identity, rebuilt here by a GF(256) interpolation of our
//! own, is looked for in every file and every write the signing makes.

use crate::support::{Scratch, require};

#[path = "../common/gf256.rs"]
mod gf256;

const ROOT: &str =
    r#"{"CN":"Quorum Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const INT: &str = r#"{"CN":"Quorum Intermediate","key":{"algo":"ecdsa","size":256}}"#;

const INCOMPLETE_HINT: &str = "hint: pass another custodian's identity with -i FILE, or a share they released with --share FILE\n";

/// A custodian: identity file and recipient.
pub(crate) struct Custodian {
    pub(crate) file: String,
    pub(crate) recipient: String,
}

/// The recipient `key identity` prints on stderr.
fn recipient_of(run: &crate::support::Run) -> String {
    run.ok()
        .stderr
        .trim()
        .strip_prefix("Public key: ")
        .expect("the recipient on stderr")
        .to_string()
}

/// `certsmith key identity -o NAME.txt` for each name.
pub(crate) fn custodians(s: &Scratch, names: &[&str]) -> Vec<Custodian> {
    names
        .iter()
        .map(|name| {
            let file = format!("{name}.txt");
            let recipient = recipient_of(&s.certsmith(&["key", "identity", "-o", &file]));
            Custodian { file, recipient }
        })
        .collect()
}

/// `-r RECIPIENT` for each custodian, to seal to them.
fn to_each(custodians: &[Custodian]) -> Vec<&str> {
    custodians
        .iter()
        .flat_map(|c| ["-r", c.recipient.as_str()])
        .collect()
}

/// `-i FILE` for each custodian, to open with their identities.
fn with_each<'a>(custodians: impl IntoIterator<Item = &'a Custodian>) -> Vec<&'a str> {
    custodians
        .into_iter()
        .flat_map(|c| ["-i", c.file.as_str()])
        .collect()
}

/// The label certsmith gives a custodian named only by its age recipient.
fn short_form(recipient: &str) -> String {
    format!("{}…", &recipient[..20])
}

/// A root sealed `threshold` of the custodians that `recipients` (`-r …`
/// or `-R FILE`) name, whose ceremony record must list them as `labels`
/// (root.pem, root-key.quorum, 0600), and an intermediate's CSR (int.csr).
fn seal_root(s: &Scratch, threshold: usize, recipients: &[&str], labels: &[String]) {
    s.write("root.json", ROOT);
    let m = threshold.to_string();
    let mut args = vec!["initca", "--threshold", &m];
    args.extend(recipients);
    args.push("root.json");
    let run = s.certsmith_split(&args, "root");
    assert!(
        run.stderr.contains(&format!(
            "{threshold} of {}: {}\n",
            labels.len(),
            labels.join(", ")
        )),
        "the ceremony record names the threshold and custodians:\n{}",
        run.stderr
    );
    assert_eq!(s.file_mode("root-key.quorum"), 0o600);
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
}

/// A root sealed M of the custodians with `initca --threshold M -r … -r …`,
/// labelled by their shortened recipients.
pub(crate) fn quorum_root(s: &Scratch, threshold: usize, custodians: &[Custodian]) {
    let labels: Vec<String> = custodians
        .iter()
        .map(|c| short_form(&c.recipient))
        .collect();
    seal_root(s, threshold, &to_each(custodians), &labels);
}

/// A root sealed `threshold` of custodians named in a recipients file
/// (`# name` above each recipient, so the labels are the names);
/// `NAME.txt` is each custodian's identity.
pub(crate) fn named_quorum_root(s: &Scratch, threshold: usize, names: &[&str]) -> Vec<Custodian> {
    let c = labelled(s, names, "custodians.txt");
    let labels: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    seal_root(s, threshold, &["-R", "custodians.txt"], &labels);
    c
}

/// `NAME.txt` identities for `names`, and `FILE` listing them labelled
/// (`# alice` above alice's recipient).
pub(crate) fn labelled(s: &Scratch, names: &[&str], file: &str) -> Vec<Custodian> {
    let c = custodians(s, names);
    let text: String = names
        .iter()
        .zip(&c)
        .map(|(name, c)| format!("# {name}\n{}\n", c.recipient))
        .collect();
    s.write(file, &text);
    c
}

/// `sign --profile intermediate` with the quorum key and these identities.
pub(crate) fn sign_with(s: &Scratch, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["sign", "--ca", "root.pem", "--ca-key", "root-key.quorum"];
    args.extend(extra);
    args.extend(["--profile", "intermediate", "int.csr"]);
    s.certsmith(&args)
}

/// Signs an intermediate with the identities of `subset` and has openssl verify it.
pub(crate) fn signs(s: &Scratch, subset: &[&Custodian], name: &str) {
    signs_with(s, &with_each(subset.iter().copied()), name);
}

/// Signs an intermediate with `extra` (identities, shares) and has openssl
/// verify it as `name`.
pub(crate) fn signs_with(s: &Scratch, extra: &[&str], name: &str) {
    let run = sign_with(s, extra);
    s.certsmith_stdin(&["split-json", name], &run.ok().stdout)
        .ok();
    s.openssl_verify("root.pem", &[], &format!("{name}.pem"));
}

/// Every `k`-subset of `0..n`, in order.
pub(crate) fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    (k - 1..n)
        .flat_map(|last| {
            subsets(last, k - 1).into_iter().map(move |mut s| {
                s.push(last);
                s
            })
        })
        .collect()
}

/// The exact stderr of a signing that opened the shares of `open` (labels
/// and identity files) and no more, of a `threshold`-of-N file.
fn incomplete(threshold: usize, open: &[(String, String)], missing: &[String]) -> String {
    let total = open.len() + missing.len();
    let mut out = String::new();
    for (i, (label, via)) in open.iter().enumerate() {
        out += &format!(
            "root-key.quorum: share {} of {threshold} open: {label} ({via})\n",
            i + 1
        );
    }
    let opened: Vec<String> = open
        .iter()
        .map(|(label, via)| format!("{label}, with {via}"))
        .collect();
    let verb = if open.len() == 1 { "is" } else { "are" };
    out += &format!(
        "error: root-key.quorum: {threshold} of {total} custodians' shares are needed and {} {verb} open ({}); still missing: {}\n",
        open.len(),
        opened.join("; "),
        missing.join(", ")
    );
    out + INCOMPLETE_HINT
}

#[test]
fn every_2_of_3_signs_an_intermediate_and_every_1_of_3_is_refused_naming_who_is_missing() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    for (n, pair) in subsets(3, 2).iter().enumerate() {
        signs(&s, &[&c[pair[0]], &c[pair[1]]], &format!("int{n}"));
    }
    // The other order opens too: custodians come to the table in any order.
    signs(&s, &[&c[2], &c[0]], "int-reversed");
    let labels: Vec<String> = c.iter().map(|c| short_form(&c.recipient)).collect();
    for one in 0..3 {
        let err = sign_with(&s, &["-i", &c[one].file]).fails().to_string();
        let missing: Vec<String> = (0..3)
            .filter(|i| *i != one)
            .map(|i| labels[i].clone())
            .collect();
        assert_eq!(
            err,
            incomplete(2, &[(labels[one].clone(), c[one].file.clone())], &missing)
        );
    }
    // No identity at all names the quorum.
    assert_eq!(
        sign_with(&s, &[]).fails(),
        format!(
            "error: root-key.quorum: the key is sealed to 2 of 3 custodians ({}) and no identity was given\nhint: pass 2 custodians' identities with -i FILE, or a one-time identity with -i and the shares they released to it with --share FILE\n",
            labels.join(", ")
        )
    );
}

#[test]
fn every_3_of_5_signs_and_every_2_of_5_is_refused_with_labels_from_the_recipients_file() {
    let s = Scratch::new();
    let names = ["alice", "bob", "carol", "dave", "erin"];
    let c = named_quorum_root(&s, 3, &names);
    assert!(
        s.certsmith(&["inspect", "root-key.quorum"])
            .ok()
            .stdout_str()
            .contains("3 of 5 (alice, bob, carol, dave, erin)")
    );
    assert_eq!(
        s.certsmith(&["key", "fingerprint", "root-key.quorum"])
            .ok()
            .stdout,
        s.certsmith(&["key", "fingerprint", "root.pem"]).ok().stdout
    );

    for (n, three) in subsets(5, 3).iter().enumerate() {
        let subset: Vec<&Custodian> = three.iter().map(|i| &c[*i]).collect();
        signs(&s, &subset, &format!("int{n}"));
    }
    for two in subsets(5, 2) {
        let err = sign_with(&s, &with_each(two.iter().map(|i| &c[*i])))
            .fails()
            .to_string();
        let open: Vec<(String, String)> = two
            .iter()
            .map(|i| (names[*i].to_string(), c[*i].file.clone()))
            .collect();
        let missing: Vec<String> = (0..5)
            .filter(|i| !two.contains(i))
            .map(|i| names[i].to_string())
            .collect();
        assert_eq!(err, incomplete(3, &open, &missing));
    }
}

/// The armored age file of block `name` (`share 2`, `key`) of a quorum file.
pub(crate) fn block(quorum: &str, name: &str) -> String {
    let start = format!("-> {name}\n");
    let from = quorum.find(&start).expect("the block") + start.len();
    let rest = &quorum[from..];
    let end = rest.find("\n-> ").map(|e| e + 1).unwrap_or(rest.len());
    rest[..end].trim().to_string() + "\n"
}

/// `quorum` with block `name` replaced by `with`.
pub(crate) fn replace_block(quorum: &str, name: &str, with: &str) -> String {
    quorum.replacen(&block(quorum, name), with, 1)
}

#[test]
fn each_share_is_an_ordinary_age_file_that_gives_its_custodian_only_that_share() {
    let s = Scratch::new();
    require("age");
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let quorum = s.read("root-key.quorum");
    s.write("share2.age", &block(&quorum, "share 2"));
    s.write("key.age", &block(&quorum, "key"));
    let record = s
        .run("age", &["-d", "-i", "c2.txt", "share2.age"])
        .ok()
        .stdout_str();
    assert!(
        record.starts_with("certsmith-quorum-share/v1\n"),
        "{record}"
    );
    assert!(record.contains("share 2 of 3, threshold 2: "), "{record}");
    assert_eq!(record.matches("value: ").count(), 1, "{record}");
    assert!(!record.contains("PRIVATE KEY") && !record.contains("AGE-SECRET-KEY"));
    // Another custodian cannot open it, and no custodian opens the key.
    assert_ne!(
        s.run("age", &["-d", "-i", "c1.txt", "share2.age"]).status,
        0
    );
    for custodian in &c {
        assert_ne!(
            s.run("age", &["-d", "-i", &custodian.file, "key.age"])
                .status,
            0
        );
    }
}

/// The record in share block `index` of `quorum`, opened by the real age
/// with `identity`.
pub(crate) fn open_share(s: &Scratch, quorum: &str, index: usize, identity: &str) -> String {
    let file = format!("opened-{index}.age");
    s.write(&file, &block(quorum, &format!("share {index}")));
    s.run("age", &["-d", "-i", identity, &file])
        .ok()
        .stdout_str()
}

/// A record sealed with the real age to `recipient`, as `key share
/// release` (or a cheating custodian) would seal it.
pub(crate) fn reseal(s: &Scratch, record: &str, recipient: &str) -> String {
    s.run_stdin("age", &["-a", "-r", recipient], record.as_bytes())
        .ok()
        .stdout_str()
}

#[test]
fn released_shares_open_the_key_with_a_one_time_identity_and_beside_a_custodian() {
    let s = Scratch::new();
    require("age");
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let one_time = &custodians(&s, &["one-time"])[0];
    let quorum = s.read("root-key.quorum");
    for i in [1, 2] {
        let record = open_share(&s, &quorum, i, &c[i - 1].file);
        s.write(
            &format!("s{i}.share"),
            &reseal(&s, &record, &one_time.recipient),
        );
    }
    let run = sign_with(
        &s,
        &[
            "-i",
            "one-time.txt",
            "--share",
            "s1.share",
            "--share",
            "s2.share",
        ],
    );
    s.certsmith_stdin(&["split-json", "int-released"], &run.ok().stdout)
        .ok();
    s.openssl_verify("root.pem", &[], "int-released.pem");
    assert!(run.stderr.contains(&format!(
        "root-key.quorum: share 1 of 2 open: {} (s1.share)\n",
        short_form(&c[0].recipient)
    )));
    // One released share and one custodian at the table.
    let run = sign_with(
        &s,
        &["-i", "one-time.txt", "--share", "s1.share", "-i", "c3.txt"],
    );
    s.certsmith_stdin(&["split-json", "int-mixed"], &run.ok().stdout)
        .ok();
    s.openssl_verify("root.pem", &[], "int-mixed.pem");
    // One released share is one custodian: the rest are missing.
    let err = sign_with(&s, &["-i", "one-time.txt", "--share", "s1.share"])
        .fails()
        .to_string();
    assert!(
        err.contains("2 of 3 custodians' shares are needed and 1 is open ("),
        "{err}"
    );
    assert!(err.contains(", with s1.share); still missing: "), "{err}");
}

#[test]
fn an_identity_that_opens_no_share_is_refused_by_its_file_name() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2", "c3", "stranger"]);
    quorum_root(&s, 2, &c[..3]);
    assert_eq!(
        sign_with(&s, &["-i", "c1.txt", "-i", "stranger.txt"]).fails(),
        format!(
            "root-key.quorum: share 1 of 2 open: {} (c1.txt)\nerror: root-key.quorum: stranger.txt opens no custodian's share\nhint: certsmith inspect root-key.quorum lists the custodians and their recipients\n",
            short_form(&c[0].recipient)
        )
    );
}

#[test]
fn a_share_from_another_quorum_file_is_refused_by_name() {
    let s = Scratch::new();
    require("age");
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    // The same custodians hold a second quorum, of another key.
    s.run(
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "other.pem",
        ],
    )
    .ok();
    let mut args = vec![
        "key",
        "encrypt",
        "--threshold",
        "2",
        "-o",
        "other-key.quorum",
    ];
    args.extend(to_each(&c));
    args.push("other.pem");
    s.certsmith(&args).ok();
    let ours = s.read("root-key.quorum");
    let other = s.read("other-key.quorum");
    let id = |q: &str| {
        q.lines()
            .nth(1)
            .unwrap()
            .strip_prefix("quorum: ")
            .unwrap()
            .to_string()
    };
    let label = short_form(&c[0].recipient);
    let foreign = format!(
        "the share of {label} is a share of quorum {}, not of root-key.quorum (quorum {})",
        id(&other),
        id(&ours)
    );

    // Pasted into the file in place of the custodian's own block.
    let pasted = replace_block(&ours, "share 1", &block(&other, "share 1"));
    s.write("root-key.quorum", &pasted);
    let err = sign_with(&s, &["-i", "c1.txt", "-i", "c2.txt"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(&format!("error: root-key.quorum: {foreign}\n")),
        "{err}"
    );
    s.write("root-key.quorum", &ours);

    // Released from the other file.
    let one_time = &custodians(&s, &["one-time"])[0];
    let record = open_share(&s, &other, 1, "c1.txt");
    s.write("s1.share", &reseal(&s, &record, &one_time.recipient));
    let err = sign_with(
        &s,
        &["-i", "one-time.txt", "--share", "s1.share", "-i", "c2.txt"],
    )
    .fails()
    .to_string();
    assert!(
        err.starts_with(&format!("error: s1.share: {foreign}\n")),
        "{err}"
    );
}

#[test]
fn an_edited_share_is_refused_by_its_custodians_name() {
    let s = Scratch::new();
    require("age");
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let ours = s.read("root-key.quorum");
    let label = short_form(&c[0].recipient);

    // One byte of the age file edited: age refuses it, and the message names whose share.
    let original = block(&ours, "share 1");
    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
    let middle = lines.len() / 2;
    let flipped: String = {
        let line = &lines[middle];
        let (head, tail) = line.split_at(10);
        let c = tail.chars().next().unwrap();
        format!("{head}{}{}", if c == 'A' { 'B' } else { 'A' }, &tail[1..])
    };
    lines[middle] = flipped;
    let edited = lines.join("\n") + "\n";
    assert_ne!(edited, original);
    s.write("root-key.quorum", &replace_block(&ours, "share 1", &edited));
    let err = sign_with(&s, &["-i", "c1.txt", "-i", "c2.txt"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "error: root-key.quorum: the share of {label} cannot be opened: "
        )),
        "{err}"
    );

    // A custodian who changes their share's value and seals it again with
    // the real age: a valid age file, refused by the commitment.
    let record = open_share(&s, &ours, 1, "c1.txt");
    let value_at = record.find("value: ").unwrap() + "value: ".len() + 4;
    let digit = &record[value_at..value_at + 1];
    let cheat = format!(
        "{}{}{}",
        &record[..value_at],
        if digit == "0" { "1" } else { "0" },
        &record[value_at + 1..]
    );
    let resealed = reseal(&s, &cheat, &c[0].recipient);
    s.write(
        "root-key.quorum",
        &replace_block(&ours, "share 1", &resealed),
    );
    let err = sign_with(&s, &["-i", "c1.txt", "-i", "c2.txt"])
        .fails()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "error: root-key.quorum: the share of {label} does not match its commitment\n"
        )),
        "{err}"
    );
}

/// The one `error:` line of a failed run's stderr (progress lines come before it).
pub(crate) fn error_line(stderr: &str) -> &str {
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    errors[0]
}

/// `quorum` with its header line that starts `prefix` replaced by `with`.
pub(crate) fn replace_line(quorum: &str, prefix: &str, with: &str) -> String {
    let line = quorum
        .lines()
        .find(|l| l.starts_with(prefix))
        .expect("the header line");
    quorum.replacen(&format!("{line}\n"), &format!("{with}\n"), 1)
}

/// The header is not signed: each field is checked where it is used
/// (README, "What is authenticated by what"). Swapped commitments, another
/// quorum recipient and another CA key are each refused by name.
#[test]
fn a_swapped_commitment_another_quorum_recipient_or_another_ca_key_is_refused() {
    let s = Scratch::new();
    named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    let ours = s.read("root-key.quorum");
    let commitments: Vec<&str> = ours
        .lines()
        .filter(|l| l.starts_with("  commitment: "))
        .collect();
    let swapped = ours
        .replacen(commitments[0], "SWAP", 1)
        .replacen(commitments[1], commitments[0], 1)
        .replacen("SWAP", commitments[1], 1);
    s.write("root-key.quorum", &swapped);
    assert_eq!(
        sign_with(&s, &["-i", "alice.txt", "-i", "bob.txt"]).fails(),
        "error: root-key.quorum: the share of alice does not match its commitment\n\
         hint: the share was changed after it was sealed: take the custodian's block from an intact copy of the quorum file, or have them release it again\n"
    );

    // Another valid recipient: the shares combine to the file's own, which is named.
    let theirs = ours
        .lines()
        .find_map(|l| l.strip_prefix("quorum-recipient: "))
        .unwrap();
    let stranger = &custodians(&s, &["stranger"])[0];
    s.write(
        "root-key.quorum",
        &replace_line(
            &ours,
            "quorum-recipient: ",
            &format!("quorum-recipient: {}", stranger.recipient),
        ),
    );
    assert_eq!(
        error_line(sign_with(&s, &["-i", "alice.txt", "-i", "bob.txt"]).fails()),
        format!(
            "error: root-key.quorum: the shares of alice, bob combine to {theirs}, not to the quorum recipient the file names"
        )
    );

    // Another key's SPKI: the key inside is refused, named by its own fingerprint.
    // csr --key opens it with no --ca to compare against first.
    let other_spki: String = s
        .run("openssl", &["pkey", "-in", "int-key.pem", "-pubout"])
        .ok()
        .stdout_str()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    s.write(
        "root-key.quorum",
        &replace_line(
            &ours,
            "ca-key: ",
            &format!("ca-key: ecdsa-p256 {other_spki}"),
        ),
    );
    let fingerprint = s
        .certsmith(&["key", "fingerprint", "root.pem"])
        .ok()
        .stdout_str();
    let err = s
        .certsmith(&[
            "csr",
            "--key",
            "root-key.quorum",
            "-i",
            "alice.txt",
            "-i",
            "bob.txt",
            "int.json",
        ])
        .fails()
        .to_string();
    assert_eq!(
        error_line(&err),
        format!(
            "error: root-key.quorum: the key inside is not the one its header names ({})",
            fingerprint.trim()
        ),
        "{err}"
    );
}

/// The recipe under README's "Recovery without certsmith", as it stands.
fn readme_recovery_recipe() -> String {
    let readme = include_str!("../../README.md");
    let from = readme
        .find("**Recovery without certsmith.**")
        .expect("the recovery paragraph");
    let rest = &readme[from..];
    let start = rest.find("```sh\n").expect("its sh block") + "```sh\n".len();
    let end = start + rest[start..].find("```").expect("the block's end");
    rest[start..end].to_string()
}

/// M custodians rebuild the CA key with the real age, awk and the Python
/// combiner, no certsmith: the format is open, and checked by a verifier
/// apart from its producer (openssl compares the public keys).
#[test]
fn m_custodians_recover_the_key_without_certsmith_by_the_readme_recipe() {
    let s = Scratch::new();
    require("age");
    require("python3");
    let c = named_quorum_root(&s, 2, &["alice", "bob", "carol"]);
    // The recipe names identity files as custodians keep them, NAME.age.
    for (name, custodian) in ["alice", "bob", "carol"].iter().zip(&c) {
        std::fs::copy(s.path(&custodian.file), s.path(&format!("{name}.age"))).unwrap();
    }
    std::fs::create_dir_all(s.path("tests/fixtures")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/quorum_combine.py"
        ),
        s.path("tests/fixtures/quorum_combine.py"),
    )
    .unwrap();
    let recipe = readme_recovery_recipe();
    assert!(recipe.contains("quorum_combine.py"), "{recipe}");
    s.run("bash", &["-eu", "-o", "pipefail", "-c", &recipe])
        .ok();
    let identity = s.read("quorum-identity.txt");
    assert!(identity.starts_with("AGE-SECRET-KEY-1"), "{identity:.20}");
    let public = |args: &[&str]| s.run("openssl", args).ok().stdout_str();
    assert_eq!(
        public(&["pkey", "-in", "root-key.pem", "-pubout"]),
        public(&["x509", "-in", "root.pem", "-pubkey", "-noout"])
    );
}

fn value_of(record: &str) -> Vec<u8> {
    let hex = record
        .lines()
        .find_map(|l| l.strip_prefix("value: "))
        .expect("value line");
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// The lines of a [`traced`] run that make, change or name a file: an
/// open for writing (any of open, openat, openat2, creat), a rename, a link
/// or a truncate.
pub(crate) fn file_writes(trace: &str) -> Vec<&str> {
    trace
        .lines()
        .filter(|line| {
            // `PID syscall(args…) = result`, the PID with -f.
            let call = line
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')
                .split('(')
                .next()
                .unwrap_or_default();
            match call {
                "open" | "openat" | "openat2" => ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
                    .iter()
                    .any(|flag| line.contains(flag)),
                "creat" | "rename" | "renameat" | "renameat2" | "link" | "linkat" | "symlink"
                | "symlinkat" | "truncate" => true,
                _ => false,
            }
        })
        .collect()
}

/// certsmith `args` under strace, following children: its run, and every
/// call on a file and every write it made, with whole buffers (`-x`: non-ASCII bytes in hex,
/// so an ASCII secret written shows as it is).
pub(crate) fn traced(s: &Scratch, args: &[&str]) -> (crate::support::Run, String) {
    let bin = assert_cmd::cargo::cargo_bin("certsmith");
    let mut all = vec![
        "-f",
        "-qq",
        "-v",
        "-s",
        "1048576",
        "-x",
        "-e",
        "trace=%file,write,writev,pwrite64",
        "-o",
        "trace.txt",
        bin.to_str().unwrap(),
    ];
    all.extend(args);
    let run = s.run("strace", &all);
    let trace = std::fs::read_to_string(s.path("trace.txt")).unwrap();
    std::fs::remove_file(s.path("trace.txt")).unwrap();
    (run, trace)
}

#[test]
fn quorum_signing_writes_no_file_and_never_the_quorum_identity_or_the_key() {
    let s = Scratch::new();
    require("age");
    require("strace");
    let c = custodians(&s, &["c1", "c2", "c3"]);
    quorum_root(&s, 2, &c);
    let quorum = s.read("root-key.quorum");
    let records: Vec<String> = (1..=2)
        .map(|i| open_share(&s, &quorum, i, &c[i - 1].file))
        .collect();
    // The quorum identity, rebuilt here; the header's recipient proves it right.
    let values: Vec<Vec<u8>> = records.iter().map(|r| value_of(r)).collect();
    let values: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
    let identity = String::from_utf8(gf256::combine(&values)).unwrap();
    assert!(identity.starts_with("AGE-SECRET-KEY-1"), "{identity}");
    let recipient = s
        .run_stdin("age-keygen", &["-y"], identity.as_bytes())
        .ok()
        .stdout_str();
    assert!(
        quorum.contains(&format!("quorum-recipient: {}", recipient.trim())),
        "the test's combine gives the quorum identity"
    );
    let one_time = &custodians(&s, &["one-time"])[0];
    s.write("s1.share", &reseal(&s, &records[0], &one_time.recipient));
    let secrets: Vec<String> = [identity.clone(), "PRIVATE KEY".into()]
        .into_iter()
        .chain(records.iter().map(|r| {
            r.lines()
                .find_map(|l| l.strip_prefix("value: "))
                .unwrap()
                .to_string()
        }))
        .collect();
    std::fs::remove_file(s.path("opened-1.age")).unwrap();
    std::fs::remove_file(s.path("opened-2.age")).unwrap();

    for identities in [
        &["-i", "c1.txt", "-i", "c2.txt"][..],
        &["-i", "one-time.txt", "--share", "s1.share", "-i", "c2.txt"][..],
    ] {
        let mut args = vec!["sign", "--ca", "root.pem", "--ca-key", "root-key.quorum"];
        args.extend(identities);
        args.extend(["--profile", "intermediate", "int.csr"]);
        let (run, trace) = traced(&s, &args);
        run.ok();
        assert!(
            trace.contains("\"root-key.quorum\", O_RDONLY"),
            "the trace sees opens:\n{trace}"
        );
        assert_eq!(
            file_writes(&trace),
            Vec::<&str>::new(),
            "quorum signing wrote files"
        );
        // -x shows non-ASCII bytes in hex; the secrets are ASCII, so a write
        // of one would show it as it is.
        assert!(trace.contains("write("), "the trace sees writes");
        for secret in &secrets {
            assert!(
                !trace.contains(secret.as_str()),
                "a write holds {secret:.20}"
            );
            assert!(!run.stdout_str().contains(secret.as_str()));
            assert!(!run.stderr.contains(secret.as_str()));
        }
    }
    // The intermediate's own key, made by genkey, is the one plaintext key.
    std::fs::remove_file(s.path("int-key.pem")).unwrap();
    // Nothing in the work directory holds the quorum identity, a share's
    // value or a plaintext key.
    for secret in &secrets {
        assert_eq!(
            s.files_containing("", secret),
            Vec::<String>::new(),
            "a file holds {secret:.20}"
        );
    }
}

#[test]
fn a_threshold_that_is_no_quorum_is_refused_before_a_key_is_made() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1", "c2"]);
    s.write("root.json", ROOT);
    // `SUBCOMMAND --threshold M -r … root.json`.
    let seal = |subcommand: &str, m: &str, recipients: &[&str]| {
        let mut args = vec![subcommand, "--threshold", m];
        args.extend(recipients);
        args.push("root.json");
        s.certsmith(&args).fails().to_string()
    };
    assert_eq!(
        seal("initca", "3", &to_each(&c)),
        "error: a threshold of 3 needs at least 3 custodians, and 2 recipients were given\nhint: give at least as many custodians (-r RECIPIENT, or lines of -R FILE) as --threshold\n"
    );
    assert_eq!(
        seal("genkey", "1", &to_each(&c)),
        "error: a threshold of 1 is no quorum: any one custodian could open the key alone\nhint: to let any one custodian open the key, seal to several recipients without --threshold\n"
    );
    assert_eq!(
        seal(
            "genkey",
            "2",
            &["-r", &c[0].recipient, "-r", &c[0].recipient]
        ),
        format!(
            "error: {} is given twice: each custodian holds one share\nhint: give each custodian's recipient once\n",
            c[0].recipient
        )
    );
}

/// A custodian whose identity file is sealed with `passphrase` (`key identity -p`).
pub(crate) fn protected_custodian(s: &Scratch, name: &str, passphrase: &str) -> Custodian {
    let file = format!("{name}.age");
    let pass = format!("{name}-pass.txt");
    s.write(&pass, passphrase);
    let run = s.certsmith(&[
        "key",
        "identity",
        "-p",
        "--passphrase-file",
        &pass,
        "-o",
        &file,
    ]);
    let recipient = recipient_of(&run);
    std::fs::remove_file(s.path(&pass)).unwrap();
    Custodian { file, recipient }
}

#[test]
fn passphrase_protected_custodians_are_asked_in_turn_by_file_name() {
    let s = Scratch::new();
    let c = vec![
        protected_custodian(&s, "c1", "first custodian's words"),
        protected_custodian(&s, "c2", "second custodian's words"),
        protected_custodian(&s, "c3", "third custodian's words"),
    ];
    quorum_root(&s, 2, &c);
    let bin = crate::support::certsmith_bin();
    let sign = [
        bin.as_str(),
        "sign",
        "--ca",
        "root.pem",
        "--ca-key",
        "root-key.quorum",
        "-i",
        "c1.age",
        "-i",
        "c2.age",
        "-i",
        "c3.age",
        "--profile",
        "intermediate",
        "int.csr",
    ];
    let term = crate::key::on_terminal(
        &s,
        &sign,
        &[
            ("Enter passphrase for c1.age: ", "first custodian's words\n"),
            (
                "Enter passphrase for c2.age: ",
                "second custodian's words\n",
            ),
        ],
        Some("int.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
    // The third custodian is not needed, and never asked.
    assert!(
        term.transcript
            .contains("root-key.quorum: c3.age not needed"),
        "{}",
        term.transcript
    );
    assert!(
        !term.transcript.contains("for c3.age"),
        "{}",
        term.transcript
    );
    s.certsmith_stdin(&["split-json", "int"], s.read("int.json").as_bytes())
        .ok();
    s.openssl_verify("root.pem", &[], "int.pem");

    // A wrong passphrase is the identity file's, asked again at the terminal.
    let term = crate::key::on_terminal(
        &s,
        &sign,
        &[
            ("Enter passphrase for c1.age: ", "not the words\n"),
            ("c1.age: wrong passphrase, try again (2 tries left)", ""),
            ("Enter passphrase for c1.age: ", "first custodian's words\n"),
            (
                "Enter passphrase for c2.age: ",
                "second custodian's words\n",
            ),
        ],
        Some("int2.json"),
    );
    assert_eq!(
        (term.status, term.failure),
        (0, None),
        "{}",
        term.transcript
    );
}

#[test]
fn shares_for_a_key_not_sealed_to_a_quorum_are_refused() {
    let s = Scratch::new();
    let c = custodians(&s, &["c1"]);
    s.write("root.json", ROOT);
    s.certsmith_split(&["initca", "-r", &c[0].recipient, "root.json"], "ca");
    s.write("s1.share", "not read");
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
    assert_eq!(
        s.certsmith(&[
            "sign",
            "--ca",
            "ca.pem",
            "--ca-key",
            "ca-key.age",
            "-i",
            "c1.txt",
            "--share",
            "s1.share",
            "int.csr"
        ])
        .fails(),
        "error: ca-key.age is not sealed to a quorum, and shares of one were given\nhint: --share is for a key sealed to a quorum (NAME-key.quorum); open an age-sealed key with -i alone\n"
    );
}
