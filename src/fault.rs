//! Fault injection for the crash tests, compiled only with the
//! `fault-injection` feature (which `make test` turns on; release builds and
//! `cargo install` never have it).
//!
//! A crash test names a point with `CERTSMITH_FAULT=NAME` (and optionally
//! `CERTSMITH_FAULT_BYTES=N` for [`short_write`]): when the process reaches
//! that point it aborts at once, as a `kill -9` would there, with no
//! destructor run and no temporary file removed. This is the one place the
//! library reads the environment, and only in test builds.

/// Aborts the process if the test asked for a crash at `name`.
#[inline]
pub fn point(name: &str) {
    #[cfg(feature = "fault-injection")]
    if std::env::var("CERTSMITH_FAULT").as_deref() == Ok(name) {
        std::process::abort();
    }
    #[cfg(not(feature = "fault-injection"))]
    let _ = name;
}

/// How many bytes of a write at `name` should land before the process dies:
/// `Some(n)` when the test asked for a torn write there, as a full disk or a
/// SIGKILL mid-`write` leaves it.
#[inline]
pub fn short_write(name: &str) -> Option<usize> {
    #[cfg(feature = "fault-injection")]
    if std::env::var("CERTSMITH_FAULT").as_deref() == Ok(name) {
        return std::env::var("CERTSMITH_FAULT_BYTES").ok()?.parse().ok();
    }
    let _ = name;
    None
}
