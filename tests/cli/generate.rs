use crate::support::*;

/// The committed completions and man pages are what the binary generates now;
/// after changing the CLI, run `certsmith generate .` at the repository root.
#[test]
fn committed_completions_and_man_pages_match_the_binary() {
    let s = Scratch::new();
    s.certsmith(&["generate", "."]).ok();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let generated: Vec<_> = std::fs::read_dir(s.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(generated.len() >= 5, "{dir}: {generated:?}");
        for name in generated {
            let fresh = std::fs::read(s.path(dir).join(&name)).unwrap();
            let committed = std::fs::read(repo.join(dir).join(&name)).unwrap_or_else(|_| {
                panic!(
                    "{dir}/{} is not committed; run `certsmith generate .`",
                    name.to_string_lossy()
                )
            });
            assert!(
                fresh == committed,
                "{dir}/{} drifted from the binary; run `certsmith generate .`",
                name.to_string_lossy()
            );
        }
    }
}

#[test]
fn every_subcommand_help_ends_with_examples_and_top_level_lists_exit_codes() {
    let s = Scratch::new();
    let subcommands: &[&[&str]] = &[
        &["initca"],
        &["genkey"],
        &["csr"],
        &["sign"],
        &["split-json"],
        &["bundle"],
        &["inspect"],
        &["revoke"],
        &["crl"],
        &["cross-sign"],
        &["ledger", "verify"],
        &["key", "encrypt"],
        &["key", "decrypt"],
        &["key", "public"],
        &["key", "fingerprint"],
        &["key", "identity"],
        &["gencert"],
        &["certinfo"],
        &["print-defaults"],
        &["remote", "sign"],
        &["remote", "info"],
        &["remote", "token"],
    ];
    for sub in subcommands {
        let help = s
            .certsmith(&[&sub[..], &["--help"]].concat())
            .ok()
            .stdout_str();
        // Clap wraps at 100 columns: an example broken across lines cannot be
        // pasted, so every example line stays clearly shorter than that.
        let examples = help.split("Examples:\n").nth(1).unwrap_or_default();
        let long: Vec<&str> = examples
            .lines()
            .filter(|l| l.chars().count() > 96)
            .collect();
        assert!(
            long.is_empty(),
            "{sub:?} --help: example lines too long to stay unwrapped: {long:#?}"
        );
        let tail = help.trim_end().rsplit("\n\n").next().unwrap();
        assert!(
            tail.starts_with("Examples:\n  certsmith "),
            "{sub:?} --help:\n{help}"
        );
    }
    let help = s.certsmith(&["--help"]).ok().stdout_str();
    assert!(
        help.contains("Exit codes:\n  0  success\n  1  ") && help.contains("2  usage error"),
        "{help}"
    );
}
