//! Release builds of the `certsmith` binary on x86-64 Linux put the
//! functions that everyday commands run next to each other
//! (bench/hot-symbols.txt, written by bench/hot-symbols.sh), so that a
//! process faults in a few 64 KiB windows of code instead of pages spread
//! over 7 MB: measured with hyperfine on 2 cores, 46 fewer page faults
//! (234 → 188) and a `sign` in 2.4 ms instead of 3.1 (issue 18, "the
//! per-process floor").
//!
//! The option is rust-lld's (the linker Rust uses there from 1.90 on); with
//! an older Rust or another linker configured, nothing is added.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=bench/hot-symbols.txt");
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    let is = |var: &str, value: &str| env::var(var).is_ok_and(|v| v == value);
    let wanted = is("PROFILE", "release")
        && is("CARGO_CFG_TARGET_ARCH", "x86_64")
        && is("CARGO_CFG_TARGET_OS", "linux")
        && is("CARGO_CFG_TARGET_ENV", "gnu");
    // Relative: rustc, and so the linker, runs in the package's directory;
    // an absolute path would outlive this checkout in a shared target dir.
    let list = "bench/hot-symbols.txt";
    if !wanted || !std::path::Path::new(list).is_file() || !links_with_rust_lld() {
        return;
    }
    println!("cargo::rustc-link-arg-bin=certsmith=-Wl,--symbol-ordering-file={list}");
    // Names that a change removed are skipped, not reported one by one.
    println!("cargo::rustc-link-arg-bin=certsmith=-Wl,--no-warn-symbol-ordering");
}

/// Whether the binary is linked by rust-lld: Rust 1.90 or later, with no
/// linker chosen in a config (RUSTC_LINKER) or in RUSTFLAGS.
fn links_with_rust_lld() -> bool {
    if env::var_os("RUSTC_LINKER").is_some() {
        return false;
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.contains("linker") {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
