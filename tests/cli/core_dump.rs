//! No core dump holds a CA key: a certsmith that crashes with an unsealed CA
//! key in memory writes no core file (issue 13, item 10). The crash comes
//! from a fault-injection point, so this module is built only with that feature.

use crate::support::{Scratch, certsmith_command, command, path_str};

/// The core files (`core`, `core.PID`) in `dir`.
fn cores(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n == "core" || n.starts_with("core."))
        .collect()
}

/// Whether the kernel writes core files into the crashing process's working
/// directory, as it does here (`core_pattern` is `core`); with a pipe to a
/// handler or an absolute path, this test can only check the rlimit half.
fn cores_land_in_cwd() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/core_pattern")
        .map(|p| !p.starts_with('|') && !p.contains('/'))
        .unwrap_or(false)
}

#[test]
fn a_crash_with_an_unsealed_ca_key_leaves_no_core_file() {
    let s = Scratch::new();
    let made = s.certsmith(&["key", "identity", "-o", "id.txt"]);
    made.ok();
    let recipient = made
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Public key: "))
        .expect("recipient on stderr")
        .to_owned();
    s.write(
        "ca-csr.json",
        r#"{"CN":"Sealed Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    s.certsmith_split(&["initca", "-r", &recipient, "ca-csr.json"], "ca");
    s.write("leaf.json", r#"{"CN":"leaf","hosts":["leaf.example.com"]}"#);
    crash_leaves_no_core(
        &s,
        &["--ca-key", "ca-key.age", "-i", "id.txt"],
        "ca-key-loaded",
    );
}

/// `sign --ca ca.pem` of leaf.json with `key_args` (paths in the scratch
/// directory) under `ulimit -c unlimited`, aborted at fault point `fault`
/// in an empty directory `crash`: it must die of SIGABRT, print nothing,
/// and leave nothing there (no core file, so no key in one).
fn crash_leaves_no_core(s: &Scratch, key_args: &[&str], fault: &str) {
    std::fs::create_dir(s.path("crash")).unwrap();
    let crash_dir = s.path("crash");

    if cores_land_in_cwd() {
        // The control: a shell that aborts itself under the same limit does
        // leave a core file here, so an empty directory below means
        // certsmith refused to dump, not that this machine never dumps.
        let control = command("sh")
            .args(["-c", "ulimit -c unlimited; kill -ABRT $$"])
            .current_dir(&crash_dir)
            .status()
            .unwrap();
        assert!(!control.success());
        let left = cores(&crash_dir);
        assert!(!left.is_empty(), "the control shell left no core file");
        for core in left {
            std::fs::remove_file(crash_dir.join(core)).unwrap();
        }
    }

    let certsmith = certsmith_command();
    let bin = certsmith.get_program().to_str().unwrap().to_owned();
    let dir = s.dir.path();
    // Flags stay as given; file names are made absolute for the crash directory.
    let key_args = key_args.iter().map(|a| {
        if a.starts_with('-') {
            std::ffi::OsString::from(a)
        } else {
            dir.join(a).into_os_string()
        }
    });
    let out = command("sh")
        .args(["-c", r#"ulimit -c unlimited; exec "$@""#, "sh", &bin])
        .args(["sign", "--ca"])
        .arg(dir.join("ca.pem"))
        .args(key_args)
        .arg(dir.join("leaf.json"))
        .env("CERTSMITH_FAULT", fault)
        .current_dir(&crash_dir)
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.signal(),
        Some(6),
        "certsmith did not abort at the crash point: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "a crashed run printed a certificate");
    assert_eq!(
        cores(&crash_dir),
        Vec::<String>::new(),
        "a crash at {fault} left a core file in {}",
        path_str(&crash_dir)
    );
    let left: Vec<_> = std::fs::read_dir(&crash_dir).unwrap().collect();
    assert!(left.is_empty(), "a crash at {fault} left {left:?}");
}

/// Issue 20: a crash just after the shares are combined, with the quorum
/// identity in memory (the CA key is opened with it next), leaves no core.
#[test]
fn a_crash_with_a_combined_quorum_identity_leaves_no_core_file() {
    let s = Scratch::new();
    let mut seal = vec!["initca", "--threshold", "2"];
    let recipients: Vec<String> = crate::quorum::custodians(&s, &["c1", "c2", "c3"])
        .into_iter()
        .map(|c| c.recipient)
        .collect();
    for r in &recipients {
        seal.extend(["-r", r.as_str()]);
    }
    s.write(
        "ca-csr.json",
        r#"{"CN":"Quorum Root","key":{"algo":"ecdsa","size":256}}"#,
    );
    seal.push("ca-csr.json");
    s.certsmith_split(&seal, "ca");
    s.write("leaf.json", r#"{"CN":"leaf","hosts":["leaf.example.com"]}"#);
    crash_leaves_no_core(
        &s,
        &["--ca-key", "ca-key.quorum", "-i", "c1.txt", "-i", "c3.txt"],
        "quorum-combined",
    );
}
