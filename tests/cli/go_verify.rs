//! Go's crypto/x509 as an independent verifier (issue 13). OpenSSL and Go
//! read IPv4-mapped IPv6 addresses differently: Go's `VerifyHostname` takes
//! a 16-byte `::ffff:10.66.0.1` SAN for the host 10.66.0.1 (`net.IP.Equal`),
//! while its name-constraint check compares that SAN only with IPv6 ranges.
//! So certificates from the name-constraint tests are also checked by a tiny
//! stdlib-only Go program (tests/fixtures/go-verify/main.go), built once per
//! test process with the `go` of Debian's golang-go.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::*;

const SOURCE: &str = include_str!("../fixtures/go-verify/main.go");

/// Where the built verifier lives. The Go build cache is kept beside it in
/// cargo's temporary directory for integration tests, so a rebuild takes a
/// fraction of a second; the build itself runs once per test process.
fn verifier() -> &'static Path {
    static VERIFIER: OnceLock<PathBuf> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        require("go");
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-verify");
        std::fs::create_dir_all(&base).expect("create go-verify dir");
        let work = tempfile::tempdir_in(&base).expect("go-verify build dir");
        std::fs::write(work.path().join("main.go"), SOURCE).expect("write main.go");
        std::fs::write(work.path().join("go.mod"), "module goverify\n\ngo 1.19\n")
            .expect("write go.mod");
        let built = work.path().join("go-verify");
        // Stdlib only: no network, no toolchain download, nothing from the
        // user's Go settings (GOFLAGS, GOOS, `go env -w`).
        let out = command("go")
            .args(["build", "-o"])
            .arg(&built)
            .arg(".")
            .current_dir(work.path())
            .env("GOCACHE", base.join("cache"))
            .env("GOPATH", base.join("gopath"))
            .env("GO111MODULE", "on")
            .env("GOENV", "off")
            .env("GOFLAGS", "")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local")
            .env("GOWORK", "off")
            .env_remove("GOOS")
            .env_remove("GOARCH")
            .output()
            .expect("run go build");
        assert!(
            out.status.success(),
            "go build of the Go verifier failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // A rename is atomic: test processes running at once each put a
        // whole binary (from the same source) in place.
        let path = base.join("go-verify");
        std::fs::rename(&built, &path).expect("install the Go verifier");
        path
    })
}

/// Runs the Go verifier on `leaf` (a file in the scratch directory) chained
/// to `root` through `intermediates`, checking `host` when given.
pub fn go_verify(
    s: &Scratch,
    root: &str,
    intermediates: &[&str],
    leaf: &str,
    host: Option<&str>,
) -> Run {
    let chain = if intermediates.is_empty() {
        "-".to_string()
    } else {
        let name = format!("{leaf}.go-intermediates.pem");
        let pems: Vec<String> = intermediates.iter().map(|i| s.read(i)).collect();
        s.write(&name, &pems.concat());
        name
    };
    let verifier = verifier().to_str().expect("utf-8 path");
    s.run(verifier, &[root, &chain, leaf, host.unwrap_or("-")])
}

/// Asserts that Go accepts `leaf` (and, when given, for `host`).
#[track_caller]
pub fn assert_go_accepts(
    s: &Scratch,
    root: &str,
    intermediates: &[&str],
    leaf: &str,
    host: Option<&str>,
) {
    let run = go_verify(s, root, intermediates, leaf, host);
    assert!(
        run.status == 0 && run.stdout_str() == "ok\n",
        "Go's crypto/x509 rejects {leaf} (host {host:?}): {}{}",
        run.stdout_str(),
        run.stderr
    );
}

/// Asserts that Go rejects `leaf`, and returns its reason.
#[track_caller]
pub fn go_rejects(
    s: &Scratch,
    root: &str,
    intermediates: &[&str],
    leaf: &str,
    host: Option<&str>,
) -> String {
    let run = go_verify(s, root, intermediates, leaf, host);
    assert_eq!(
        run.status,
        1,
        "Go's crypto/x509 was expected to reject {leaf} (host {host:?}): {}{}",
        run.stdout_str(),
        run.stderr
    );
    run.stdout_str()
}
