//! The quorum's refusals, each by the custodian's name (issue 20's Tests).

use super::*;
use crate::keys::{KeyAlgorithm, sealed::load_identities};

const NAMES: [&str; 5] = ["alice", "bob", "carol", "dave", "erin"];

struct Table {
    key: PrivateKey,
    /// Each custodian's identity file.
    ids: Vec<Zeroizing<String>>,
    quorum: QuorumSeal,
}

fn table(n: usize, threshold: usize) -> Table {
    let mut ids = Vec::new();
    let mut custodians = Vec::new();
    for name in &NAMES[..n] {
        let (file, recipient) = sealed::new_identity("now");
        ids.push(file);
        custodians.push(NewCustodian {
            label: (*name).into(),
            recipient,
        });
    }
    Table {
        key: PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap(),
        ids,
        quorum: QuorumSeal {
            threshold,
            custodians,
        },
    }
}

impl Table {
    fn sealed(&self) -> QuorumKey {
        let text = seal(&self.key, &self.quorum).unwrap().to_text();
        assert!(is_quorum(text.as_bytes()));
        QuorumKey::parse(text.as_bytes(), "root-key.quorum").unwrap()
    }

    fn open(&self, q: &QuorumKey, who: usize) -> Result<Vec<OpenedShare>> {
        let ids = load_identities(self.ids[who].as_bytes(), "id", age::NoCallbacks).unwrap();
        let refs: Vec<&dyn age::Identity> = ids.iter().map(|i| i.as_ref()).collect();
        q.open_embedded(&refs, &format!("{}.txt", NAMES[who]))
    }
}

fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    (0u32..1 << n)
        .filter(|m| m.count_ones() as usize == k)
        .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
        .collect()
}

fn with_file(q: &QuorumKey, edit: impl FnOnce(&mut QuorumFile)) -> QuorumKey {
    let mut file = q.file.clone();
    edit(&mut file);
    QuorumKey::parse(file.to_text().as_bytes(), "root-key.quorum").unwrap()
}

#[test]
fn every_m_subset_opens_the_key_and_every_smaller_one_names_who_is_missing() {
    for (n, m) in [(3, 2), (5, 3)] {
        let t = table(n, m);
        let q = t.sealed();
        for subset in subsets(n, m) {
            let opened: Vec<OpenedShare> = subset
                .iter()
                .flat_map(|&who| t.open(&q, who).unwrap())
                .collect();
            assert_eq!(opened.len(), m);
            let key = q.combine(&opened).unwrap();
            assert_eq!(key.spki_der(), t.key.spki_der());
        }
        for subset in subsets(n, m - 1) {
            let opened: Vec<OpenedShare> = subset
                .iter()
                .flat_map(|&who| t.open(&q, who).unwrap())
                .collect();
            let err = q.combine(&opened).unwrap_err().to_string();
            let open: Vec<String> = subset
                .iter()
                .map(|&w| format!("{}, with {}.txt", NAMES[w], NAMES[w]))
                .collect();
            let missing: Vec<&str> = (0..n)
                .filter(|w| !subset.contains(w))
                .map(|w| NAMES[w])
                .collect();
            assert_eq!(
                err,
                format!(
                    "root-key.quorum: {m} of {n} custodians' shares are needed and {} {} open ({}); still missing: {}",
                    m - 1,
                    if m == 2 { "is" } else { "are" },
                    open.join("; "),
                    missing.join(", ")
                )
            );
        }
    }
}

#[test]
fn no_share_and_a_share_opened_twice_count_as_they_should() {
    let t = table(3, 2);
    let q = t.sealed();
    assert_eq!(
        q.combine(&[]).unwrap_err().to_string(),
        "root-key.quorum: 2 of 3 custodians' shares are needed and none is open; still missing: alice, bob, carol"
    );
    let twice: Vec<OpenedShare> = [0, 0]
        .iter()
        .flat_map(|&w| t.open(&q, w).unwrap())
        .collect();
    assert!(
        q.combine(&twice)
            .unwrap_err()
            .to_string()
            .contains("1 is open")
    );
    assert!(
        q.locked()
            .to_string()
            .ends_with("(alice, bob, carol) and no identity was given")
    );
}

#[test]
fn a_share_from_another_quorum_file_is_refused_by_name() {
    let t = table(3, 2);
    let (a, b) = (t.sealed(), t.sealed());
    assert_ne!(a.file.id, b.file.id);
    let pasted = with_file(&a, |f| {
        f.custodians[0].share = b.file.custodians[0].share.clone()
    });
    let err = t.open(&pasted, 0).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "root-key.quorum: the share of alice is a share of quorum {}, not of root-key.quorum (quorum {})",
            crate::hex::lower(&b.file.id),
            crate::hex::lower(&a.file.id)
        )
    );
    // The same share given as a released one (sealed to this identity).
    let ids = load_identities(t.ids[0].as_bytes(), "id", age::NoCallbacks).unwrap();
    let refs: Vec<&dyn age::Identity> = ids.iter().map(|i| i.as_ref()).collect();
    let err = a
        .open_released(b.file.custodians[0].share.as_bytes(), "alice.share", &refs)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("alice.share: the share of alice is a share of quorum "),
        "{err}"
    );
    // Not alice's identity: nothing opens, nothing is refused.
    assert!(
        a.open_released(b.file.custodians[1].share.as_bytes(), "bob.share", &refs)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_share_edited_by_one_byte_is_refused_by_name() {
    let t = table(3, 2);
    let q = t.sealed();
    // One base64 character of alice's ciphertext changed: age refuses it.
    let edited = with_file(&q, |f| {
        let share = &mut f.custodians[0].share;
        let lines: Vec<&str> = share.lines().collect();
        let at = share.find(lines[lines.len() - 2]).unwrap() + 3;
        let c = share.as_bytes()[at];
        share.replace_range(at..at + 1, if c == b'A' { "B" } else { "A" });
    });
    let err = t.open(&edited, 0).unwrap_err().to_string();
    assert!(
        err.starts_with("root-key.quorum: the share of alice cannot be opened: "),
        "{err}"
    );
    assert!(
        t.open(&edited, 1).is_ok(),
        "bob's share is not alice's problem"
    );

    // One character of the header's MAC changed: age refuses the header.
    let edited = with_file(&q, |f| {
        let share = &mut f.custodians[0].share;
        let mut binary = Vec::new();
        age::armor::ArmoredReader::new(share.as_bytes())
            .read_to_end(&mut binary)
            .unwrap();
        let mac = binary.windows(4).position(|w| w == b"\n---").unwrap() + 6;
        binary[mac] = if binary[mac] == b'A' { b'B' } else { b'A' };
        let mut out = Vec::new();
        let mut w =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .unwrap();
        std::io::Write::write_all(&mut w, &binary).unwrap();
        w.finish().unwrap();
        *share = String::from_utf8(out).unwrap();
    });
    let err = t.open(&edited, 0).unwrap_err().to_string();
    assert!(
        err.starts_with("root-key.quorum: the share of alice cannot be opened: "),
        "{err}"
    );

    // A cheating custodian: the record's value changed by one byte and
    // resealed to alice, as `age -r` would: refused by the commitment.
    let ids = load_identities(t.ids[0].as_bytes(), "id", age::NoCallbacks).unwrap();
    let refs: Vec<&dyn age::Identity> = ids.iter().map(|i| i.as_ref()).collect();
    let plain = open_block(q.file.custodians[0].share.as_bytes(), &refs)
        .unwrap()
        .unwrap();
    let mut record = ShareRecord::parse(&plain).unwrap();
    record.value[5] ^= 1;
    let recipient = sealed::parse_recipient(&q.file.custodians[0].to).unwrap();
    let forged = sealed::seal(record.to_text().as_bytes(), &Seal::To(vec![recipient])).unwrap();
    let cheated = with_file(&q, |f| f.custodians[0].share = forged);
    assert_eq!(
        t.open(&cheated, 0).unwrap_err().to_string(),
        "root-key.quorum: the share of alice does not match its commitment"
    );
}

#[test]
fn a_swapped_commitment_is_refused_by_name() {
    let t = table(3, 2);
    let q = t.sealed();
    let swapped = with_file(&q, |f| {
        let (a, b) = (f.custodians[0].commitment, f.custodians[1].commitment);
        f.custodians[0].commitment = b;
        f.custodians[1].commitment = a;
    });
    assert_eq!(
        t.open(&swapped, 0).unwrap_err().to_string(),
        "root-key.quorum: the share of alice does not match its commitment"
    );
    assert_eq!(
        t.open(&swapped, 1).unwrap_err().to_string(),
        "root-key.quorum: the share of bob does not match its commitment"
    );
    assert!(t.open(&swapped, 2).is_ok());
}

#[test]
fn a_changed_quorum_recipient_or_ca_key_is_refused() {
    let t = table(3, 2);
    let q = t.sealed();
    let (_, other) = sealed::new_identity("now");
    let changed = with_file(&q, |f| f.recipient = other.clone());
    let opened: Vec<OpenedShare> = [0, 1]
        .iter()
        .flat_map(|&w| t.open(&changed, w).unwrap())
        .collect();
    assert_eq!(
        changed.combine(&opened).unwrap_err().to_string(),
        format!(
            "root-key.quorum: the shares of {}, {} combine to {}, not to the quorum recipient the file names",
            NAMES[0], NAMES[1], q.file.recipient
        )
    );
    let other_key = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let changed = with_file(&q, |f| f.spki = other_key.spki_der().to_vec());
    let opened: Vec<OpenedShare> = [0, 1]
        .iter()
        .flat_map(|&w| t.open(&changed, w).unwrap())
        .collect();
    assert!(
        changed
            .combine(&opened)
            .unwrap_err()
            .to_string()
            .starts_with(
                "root-key.quorum: the key inside is not the one its header names (SHA256:"
            )
    );
}

#[test]
fn a_reshare_keeps_the_key_and_old_shares_do_not_open_the_new_file() {
    let old = table(3, 2);
    let q = old.sealed();
    let new = table(5, 3);
    let opened: Vec<OpenedShare> = [0, 2]
        .iter()
        .flat_map(|&w| old.open(&q, w).unwrap())
        .collect();
    let key = q.combine(&opened).unwrap();
    let text = q.reshare(&key, &new.quorum).unwrap().to_text();
    let r = QuorumKey::parse(text.as_bytes(), "root-key.new.quorum").unwrap();
    assert_ne!(r.file.id, q.file.id);
    assert_ne!(r.file.recipient, q.file.recipient);
    assert_eq!(r.file.spki, q.file.spki);
    let opened: Vec<OpenedShare> = [1, 3, 4]
        .iter()
        .flat_map(|&w| new.open(&r, w).unwrap())
        .collect();
    assert_eq!(r.combine(&opened).unwrap().spki_der(), old.key.spki_der());
    // An old share pasted in: refused by name as another quorum's.
    let pasted = with_file(&r, |f| {
        f.custodians[0].share = q.file.custodians[0].share.clone()
    });
    let err = old.open(&pasted, 0).unwrap_err().to_string();
    assert!(
        err.contains("the share of alice is a share of quorum"),
        "{err}"
    );
    // Another key is not reshared under this file's name.
    let other = PrivateKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    assert!(q.reshare(&other, &new.quorum).is_err());
}

#[test]
fn sealing_refuses_what_is_no_quorum() {
    let t = table(3, 2);
    let with = |edit: &dyn Fn(&mut QuorumSeal)| {
        let mut q = t.quorum.clone();
        edit(&mut q);
        seal(&t.key, &q).unwrap_err().to_string()
    };
    assert_eq!(
        with(&|q| q.threshold = 1),
        "a threshold of 1 is no quorum: any one custodian could open the key alone"
    );
    assert_eq!(
        with(&|q| q.threshold = 4),
        "a threshold of 4 needs at least 4 custodians, and 3 recipients were given"
    );
    let bob = t.quorum.custodians[1].recipient.clone();
    assert_eq!(
        with(&|q| q.custodians[2].recipient = bob.clone()),
        format!("{bob} is given twice: each custodian holds one share")
    );
    assert_eq!(
        with(&|q| q.custodians[2].label = "bob".into()),
        "the custodian label \"bob\" is given twice"
    );
    assert!(with(&|q| q.custodians[0].label = "al\u{202e}ice".into()).contains("bidirectional"));
}

#[test]
fn the_file_round_trips_and_every_mutated_header_line_is_refused() {
    let t = table(3, 2);
    let q = t.sealed();
    let text = q.file.to_text();
    assert_eq!(QuorumFile::parse(text.as_bytes(), "q").unwrap(), q.file);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("-> ")).unwrap();
    for i in 0..header {
        for edit in ["", "x", " "] {
            if edit == "x" && lines[i].starts_with("share ") {
                continue; // "alicex" is a label too
            }
            let mut bad = lines.clone();
            let changed = format!("{}{edit}", lines[i]);
            if edit.is_empty() {
                bad.remove(i);
            } else {
                bad[i] = &changed;
            }
            let bad = format!("{}\n", bad.join("\n"));
            assert!(
                QuorumFile::parse(bad.as_bytes(), "q").is_err(),
                "line {}: {edit:?}",
                i + 1
            );
        }
    }
    for (from, to) in [
        ("threshold: 2 of 3", "threshold: 1 of 3"),
        ("threshold: 2 of 3", "threshold: 4 of 3"),
        ("threshold: 2 of 3", "threshold: 02 of 3"),
        ("share 2: bob", "share 2: alice"),
        ("-> key", "-> kex"),
    ] {
        assert!(
            QuorumFile::parse(text.replace(from, to).as_bytes(), "q").is_err(),
            "{to}"
        );
    }
    assert!(QuorumFile::parse(text.replace('\n', "\r\n").as_bytes(), "q").is_err());
    assert!(QuorumFile::parse(format!("{text}extra\n").as_bytes(), "q").is_err());
    assert!(QuorumFile::parse(text.trim_end().as_bytes(), "q").is_err());
}

#[test]
fn no_debug_shows_a_share() {
    let t = table(3, 2);
    let q = t.sealed();
    let opened = t.open(&q, 0).unwrap();
    let debug = format!("{opened:?}");
    assert!(debug.contains("[share elided]") && debug.contains("alice"));
    let hex = crate::hex::lower(&opened[0].value);
    assert!(!debug.contains(&hex[..20]));
}
