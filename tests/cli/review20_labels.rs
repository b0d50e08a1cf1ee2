//! Issue 20, hostile review: custodian labels and the quorum file's header.
//! A label that renders as another (`al\u{200B}ice` shows as "alice") is
//! refused when sealing and when reading; the `ca-key:` type word must be the
//! key's; and an SSH custodian whose key comment is no label (too long, or
//! invisible characters) is labelled by the comment cut short, or by the
//! key's fingerprint as the real `ssh-keygen -l` prints it, instead of
//! blocking the seal. The SSH custodians' own private keys open the quorum
//! and openssl verifies what it signs.

use crate::quorum::{Custodian, custodians, sign_with};
use crate::support::Scratch;

const ROOT: &str =
    r#"{"CN":"Labels Root","key":{"algo":"ecdsa","size":256},"ca":{"expiry":"87600h"}}"#;
const INT: &str = r#"{"CN":"Labels Intermediate","key":{"algo":"ecdsa","size":256}}"#;

/// One character of each family that renders as nothing: Unicode format
/// characters (Cf), Hangul fillers, the braille blank, variation selectors.
const INVISIBLE: &[char] = &[
    '\u{200B}',  // zero width space (Cf)
    '\u{2060}',  // word joiner (Cf)
    '\u{00AD}',  // soft hyphen (Cf)
    '\u{FEFF}',  // zero width no-break space, the BOM (Cf)
    '\u{180E}',  // Mongolian vowel separator (Cf)
    '\u{E0041}', // tag latin capital letter A (Cf)
    '\u{115F}',  // Hangul choseong filler
    '\u{1160}',  // Hangul jungseong filler
    '\u{3164}',  // Hangul filler
    '\u{FFA0}',  // halfwidth Hangul filler
    '\u{2800}',  // braille pattern blank
    '\u{FE0F}',  // variation selector 16
    '\u{E0100}', // variation selector 17
];

/// `initca --threshold 2` of ROOT with these recipient flags.
fn initca(s: &Scratch, recipients: &[&str]) -> crate::support::Run {
    s.write("root.json", ROOT);
    let mut args = vec!["initca", "--threshold", "2"];
    args.extend(recipients);
    args.push("root.json");
    s.certsmith(&args)
}

#[test]
fn sealing_refuses_a_label_with_an_invisible_character() {
    let s = Scratch::new();
    let c = custodians(&s, &["alice", "bob"]);
    for ch in INVISIBLE {
        s.write(
            "custodians.txt",
            &format!(
                "# al{ch}ice\n{}\n# bob\n{}\n",
                c[0].recipient, c[1].recipient
            ),
        );
        let run = initca(&s, &["-R", "custodians.txt"]);
        let err = run.fails();
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: the custodian label \"al")
                && first.ends_with("ice\" holds an invisible character"),
            "U+{:04X}: {err}",
            u32::from(*ch)
        );
        assert!(
            err.lines().skip(1).all(|l| l.starts_with("hint: ")),
            "{err}"
        );
    }
    // A homoglyph is a name in another script, not an invisible one: the
    // recipient beside it is the identity.
    s.write(
        "custodians.txt",
        &format!(
            "# \u{0430}lice\n{}\n# bob\n{}\n",
            c[0].recipient, c[1].recipient
        ),
    );
    let run = initca(&s, &["-R", "custodians.txt"]);
    run.ok();
    assert!(
        run.stderr.contains("2 of 2: \u{0430}lice, bob\n"),
        "{}",
        run.stderr
    );
}

/// A fresh 2-of-2 quorum file's text and the custodians it was sealed to.
fn sealed(s: &Scratch) -> (String, Vec<Custodian>) {
    let c = custodians(s, &["alice", "bob"]);
    s.write(
        "custodians.txt",
        &format!("# alice\n{}\n# bob\n{}\n", c[0].recipient, c[1].recipient),
    );
    let run = initca(s, &["-R", "custodians.txt"]);
    s.certsmith_stdin(&["split-json", "root"], &run.ok().stdout)
        .ok();
    (s.read("root-key.quorum"), c)
}

/// Each reader of a quorum file refuses `edited` with one error line that
/// names the file, the line and every one of `needles`.
fn readers_refuse(s: &Scratch, edited: &str, needles: &[&str]) {
    s.write("edited.quorum", edited);
    let readers: [&[&str]; 3] = [
        &["inspect", "edited.quorum"],
        &["key", "public", "edited.quorum"],
        &[
            "sign",
            "--ca",
            "root.pem",
            "--ca-key",
            "edited.quorum",
            "-i",
            "alice.txt",
            "-i",
            "bob.txt",
            "int.csr",
        ],
    ];
    for args in readers {
        let err = s.certsmith(args).fails().to_string();
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: edited.quorum: "),
            "{args:?}: {err}"
        );
        for needle in needles {
            assert!(first.contains(needle), "{args:?}: no {needle:?} in {err}");
        }
    }
}

#[test]
fn reading_refuses_a_label_with_an_invisible_character_naming_the_line() {
    let s = Scratch::new();
    let (text, _) = sealed(&s);
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
    assert!(text.contains("\nshare 1: alice\n"));
    for ch in INVISIBLE {
        let edited = text.replace("\nshare 1: alice\n", &format!("\nshare 1: al{ch}ice\n"));
        let code = format!("(U+{:04X})", u32::from(*ch));
        readers_refuse(
            &s,
            &edited,
            &["line 6", "holds an invisible character", &code],
        );
    }
}

#[test]
fn reading_refuses_a_ca_key_type_that_is_not_the_keys() {
    let s = Scratch::new();
    let (text, _) = sealed(&s);
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
    let line = text.lines().nth(4).unwrap();
    assert!(line.starts_with("ca-key: ecdsa-p256 "), "{line}");
    for word in ["rsa", "rsa-2048", "ecdsa-p384", "ed25519"] {
        let edited = text.replace(line, &line.replace("ecdsa-p256", word));
        readers_refuse(
            &s,
            &edited,
            &[
                "line 5",
                &format!("the key type {word} does not match the key, which is ecdsa-p256"),
            ],
        );
    }
    // A key certsmith does not use (secp256k1, from openssl), under any word.
    let k1 = s.run_stdin(
        "sh",
        &[
            "-c",
            "openssl ecparam -name secp256k1 -genkey -noout | openssl ec -pubout -outform DER | base64 -w0",
        ],
        b"",
    );
    let k1 = k1.ok().stdout_str();
    let edited = text.replace(line, &format!("ca-key: ecdsa-p256 {}", k1.trim()));
    readers_refuse(&s, &edited, &["line 5", "curve 1.3.132.0.10"]);
    // A P-256 key's SubjectPublicKeyInfo with a byte after it is not one.
    let spki = line.rsplit(' ').next().unwrap();
    let mut der = base64_decode(spki);
    der.push(0);
    let edited = text.replace(line, &format!("ca-key: ecdsa-p256 {}", base64_encode(&der)));
    readers_refuse(&s, &edited, &["line 5", "not a DER SubjectPublicKeyInfo"]);
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `ssh-keygen -t ed25519 -N '' -C COMMENT -f NAME`: NAME and NAME.pub.
fn ssh_key(s: &Scratch, name: &str, comment: &str) -> String {
    s.run(
        "ssh-keygen",
        &["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", name],
    )
    .ok();
    s.read(&format!("{name}.pub")).trim().to_string()
}

/// The key's fingerprint as `ssh-keygen -l` prints it (`SHA256:…`).
fn ssh_fingerprint(s: &Scratch, name: &str) -> String {
    let run = s.run(
        "ssh-keygen",
        &["-l", "-E", "sha256", "-f", &format!("{name}.pub")],
    );
    let line = run.ok().stdout_str();
    line.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn ssh_custodians_with_comments_that_are_no_label_seal_and_open_a_quorum() {
    let s = Scratch::new();
    // 70-character comments, alike in their first 63 characters but one.
    let long = |who: &str| format!("{who}@{}", "ceremony-laptop.".repeat(5))[..70].to_string();
    let alice = long("alice");
    let bob = long("bob");
    let carol = "carol\u{200B}@laptop";
    let mut file = String::new();
    for (name, comment) in [("alice", alice.as_str()), ("bob", &bob), ("carol", carol)] {
        file += &format!("{}\n", ssh_key(&s, name, comment));
    }
    s.write("custodians.txt", &file);
    let run = initca(&s, &["-R", "custodians.txt"]);
    run.ok();
    let cut = |c: &str| format!("{}…", c.chars().take(63).collect::<String>());
    let labels = [
        cut(&alice),
        cut(&bob),
        format!("ssh-ed25519 {}", ssh_fingerprint(&s, "carol")),
    ];
    assert_eq!(labels[0].chars().count(), 64);
    assert!(
        run.stderr
            .contains(&format!("2 of 3: {}\n", labels.join(", "))),
        "the ceremony record names the custodians:\n{}",
        run.stderr
    );
    for (i, label) in labels.iter().enumerate() {
        assert!(
            run.stderr
                .contains(&format!("  share {} of 3: {label} (ssh-ed25519 ", i + 1)),
            "{}",
            run.stderr
        );
    }
    s.certsmith_stdin(&["split-json", "root"], &run.stdout).ok();
    // The SSH private keys open it, and openssl verifies what it signs.
    s.write("int.json", INT);
    s.certsmith_split(&["genkey", "int.json"], "int");
    for (n, pair) in [["alice", "carol"], ["bob", "alice"]].iter().enumerate() {
        let signed = sign_with(&s, &["-i", pair[0], "-i", pair[1]]);
        let name = format!("int{n}");
        s.certsmith_stdin(&["split-json", &name], &signed.ok().stdout)
            .ok();
        s.openssl_verify("root.pem", &[], &format!("{name}.pem"));
    }
    let inspect = s.certsmith(&["inspect", "root-key.quorum"]);
    assert!(inspect.ok().stdout_str().contains(&labels[0]));
}

#[test]
fn a_label_line_the_user_wrote_that_is_no_label_stays_an_error() {
    let s = Scratch::new();
    let comment = "a".repeat(70);
    let alice = ssh_key(&s, "alice", "alice@laptop");
    let bob = ssh_key(&s, "bob", "bob@laptop");
    s.write(
        "custodians.txt",
        &format!("# {comment}\n{alice}\n# bob\n{bob}\n"),
    );
    let err = initca(&s, &["-R", "custodians.txt"]).fails().to_string();
    assert!(
        err.starts_with(&format!(
            "error: the custodian label \"{comment}\" is longer than 64 characters\n"
        )),
        "{err}"
    );
}
