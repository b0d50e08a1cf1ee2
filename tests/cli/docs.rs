//! What a new user meets first: the README's Quick start runs as written in
//! an empty directory, a missing CSR JSON or config says how to start one,
//! and `make demo` finds the binary where cargo put it (issue 14).

use std::path::Path;

use crate::support::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The first ```sh block after the heading that starts with `heading`.
fn readme_block(heading: &str, fence: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("README has no section \"## {heading}\""));
    let start = section
        .find(&format!("```{fence}\n"))
        .unwrap_or_else(|| panic!("\"## {heading}\" has no ```{fence} block"))
        + fence.len()
        + 4;
    let len = section[start..].find("\n```").expect("a closed block");
    section[start..start + len].to_owned()
}

/// Runs `script` with bash (`-euo pipefail`, as a careful user would) in the
/// scratch directory, with the binary under test first on PATH as `certsmith`.
fn bash_with_certsmith(s: &Scratch, script: &str) -> Run {
    let bin_dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("certsmith"),
        bin_dir.path().join("certsmith"),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    require("bash");
    let out = command("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(s.dir.path())
        .env("PATH", path)
        .output()
        .expect("spawn bash");
    Run::from(out)
}

/// The README's Quick start, as it is in the README, in an empty directory:
/// it used to begin with `initca ca-csr.json` and fail with "cannot read
/// ca-csr.json", and its renewal line made a CSR that nothing signed.
#[test]
fn readme_quick_start_runs_in_an_empty_directory() {
    let script = readme_block("Quick start", "sh");
    let s = Scratch::new();
    let run = bash_with_certsmith(&s, &script);
    assert_eq!(
        run.status, 0,
        "the Quick start failed in an empty directory:\n{script}\nstderr:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    for leaf in ["server", "web"] {
        s.openssl_verify("ca.pem", &[], &format!("{leaf}.pem"));
        assert_eq!(s.file_mode(&format!("{leaf}-key.pem")), 0o600);
        // Renewed with the key it had: the certificate is still for it.
        let fingerprint = |file: &str| s.certsmith(&["key", "fingerprint", file]).ok().stdout_str();
        assert_eq!(
            fingerprint(&format!("{leaf}.pem")),
            fingerprint(&format!("{leaf}-key.pem")),
            "{leaf}.pem is not for {leaf}-key.pem"
        );
    }
    // Each renewal wrote a new certificate, and only then said so.
    assert_eq!(
        run.stderr.matches("wrote server.pem:").count(),
        2,
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("wrote web.pem:").count(),
        2,
        "{}",
        run.stderr
    );
}

/// Install comes before the set-up commands, and the set-up says which
/// system packages `make test` installs (tests/install-deps.sh's list).
#[test]
fn readme_installs_before_set_up_and_names_what_make_test_installs() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let install = readme.find("\n## Install").expect("an Install section");
    let set_up = readme.find("\n## Set-up").expect("a Set-up section");
    let quick = readme.find("\n## Quick start").expect("a Quick start");
    assert!(
        install < set_up && set_up < quick,
        "order: Install, Set-up, Quick start"
    );
    let set_up_text = &readme[set_up..quick];
    let deps = std::fs::read_to_string(repo().join("tests/install-deps.sh")).unwrap();
    let packages: Vec<&str> = deps
        .lines()
        .filter_map(|l| l.split("need_apt+=(").nth(1))
        .filter_map(|rest| rest.split(')').next())
        .chain(["pkilint"])
        .collect();
    assert!(packages.len() >= 9, "{packages:?}");
    for package in packages {
        assert!(
            set_up_text.contains(&format!("`{package}`")),
            "the README's Set-up does not say that make test installs {package}"
        );
    }
    assert!(set_up_text.contains("apt-get") && set_up_text.contains("pip"));
}

#[test]
fn a_missing_csr_json_hints_at_print_defaults() {
    let s = Scratch::new();
    let hint = |file: &str| {
        format!(
            "error: cannot read {file}: no such file or directory\n\
             hint: `certsmith print-defaults csr > {file}` makes a starter CSR JSON\n"
        )
    };
    for args in [
        &["initca", "ca-csr.json"][..],
        &["genkey", "ca-csr.json"],
        &["gencert", "-initca", "ca-csr.json"],
    ] {
        assert_eq!(s.certsmith(args).fails(), hint("ca-csr.json"), "{args:?}");
    }
    assert_eq!(
        s.certsmith(&["initca", "my csr.json"]).fails(),
        "error: cannot read my csr.json: no such file or directory\n\
         hint: `certsmith print-defaults csr > 'my csr.json'` makes a starter CSR JSON\n"
    );

    // Following the hint is the next step that works.
    bash_with_certsmith(&s, "certsmith print-defaults csr > ca-csr.json").ok();
    s.certsmith_split(&["initca", "ca-csr.json"], "ca");

    for args in [
        &with_ca("sign", &ca_args("ca"), &["server-csr.json"])[..],
        &["csr", "--key", "ca-key.pem", "server-csr.json"],
    ] {
        assert_eq!(
            s.certsmith(args).fails(),
            hint("server-csr.json"),
            "{args:?}"
        );
    }
    // A missing CSR in PEM is not a CSR JSON to start from: no such hint.
    assert_eq!(
        s.sign("ca", &["server.csr"]).fails(),
        "error: cannot read server.csr: no such file or directory\n"
    );
}

#[test]
fn a_missing_config_hints_at_print_defaults() {
    let s = with_root();
    s.write(
        "leaf-csr.json",
        r#"{"CN":"leaf.example.com","hosts":["leaf.example.com"]}"#,
    );
    let expected = "error: cannot read ca-config.json: no such file or directory\n\
         hint: `certsmith print-defaults config > ca-config.json` makes a starter config \
         (without --config, the built-in profiles sign)\n";
    let sign = [
        "sign",
        "--ca",
        "ca.pem",
        "--ca-key",
        "ca-key.pem",
        "--config",
        "ca-config.json",
        "--profile",
        "server",
        "leaf-csr.json",
    ];
    assert_eq!(s.certsmith(&sign).fails(), expected);
    assert_eq!(
        s.certsmith(&["initca", "--config", "ca-config.json", "ca-csr.json"])
            .fails(),
        expected
    );
}

/// `make -n` prints the demo recipe without building: the binary it runs is
/// where cargo puts it, under CARGO_TARGET_DIR when that is set (the
/// Makefile used to hard-code target/release).
#[test]
fn make_demo_runs_the_binary_from_cargo_target_dir() {
    require("make");
    let dry_run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = command("make");
        cmd.args(["--no-print-directory", "-n", "demo"])
            .args(args)
            .current_dir(repo())
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("MAKEFLAGS")
            .env_remove("MFLAGS")
            .env_remove("MAKELEVEL");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("make");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let uses = |recipe: &str, bin: &str| {
        recipe.lines().any(|l| {
            l.starts_with(&format!("CERTSMITH={bin} ")) && l.contains("examples/demo/build.sh")
        })
    };
    let recipe = dry_run(&[], &["CARGO_TARGET_DIR=/x"]);
    assert!(uses(&recipe, "/x/release/certsmith"), "{recipe}");
    let recipe = dry_run(&[("CARGO_TARGET_DIR", "/y/t")], &[]);
    assert!(uses(&recipe, "/y/t/release/certsmith"), "{recipe}");
    // Relative to the repository, as cargo reads it there.
    let recipe = dry_run(&[("CARGO_TARGET_DIR", "out")], &[]);
    let expected = repo().join("out/release/certsmith");
    assert!(uses(&recipe, path_str(&expected)), "{recipe}");
    let recipe = dry_run(&[], &[]);
    let expected = repo().join("target/release/certsmith");
    assert!(uses(&recipe, path_str(&expected)), "{recipe}");
    assert!(
        recipe.contains("cargo build --release --locked"),
        "{recipe}"
    );
}
