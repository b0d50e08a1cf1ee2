//! Fault injection for the crash tests, compiled only with the
//! `fault-injection` feature (which `make test` turns on; release builds and
//! `cargo install` never have it).
//!
//! A crash test names a point with `CERTSMITH_FAULT=NAME` (and optionally
//! `CERTSMITH_FAULT_BYTES=N` for [`short_write`]): when the process reaches
//! that point it aborts at once, as a `kill -9` would there, with no
//! destructor run and no temporary file removed. The binary reads those
//! variables and `arm`s the point; the library never reads the
//! environment, even in test builds.

#[cfg(feature = "fault-injection")]
static ARMED: std::sync::OnceLock<Armed> = std::sync::OnceLock::new();

/// The point a crash test asked for, set once when the binary starts.
#[cfg(feature = "fault-injection")]
struct Armed {
    point: String,
    bytes: Option<usize>,
}

/// Makes the process die at `point` (`None`: nowhere), after `bytes` bytes
/// when the point is a write. Only the first call counts.
#[cfg(feature = "fault-injection")]
pub fn arm(point: Option<String>, bytes: Option<usize>) {
    if let Some(point) = point {
        let _ = ARMED.set(Armed { point, bytes });
    }
}

/// The point armed, if it is `name`.
#[cfg(feature = "fault-injection")]
fn armed_at(name: &str) -> Option<&'static Armed> {
    ARMED.get().filter(|armed| armed.point == name)
}

/// Aborts the process if the test asked for a crash at `name`.
#[inline]
pub fn point(name: &str) {
    #[cfg(feature = "fault-injection")]
    if armed_at(name).is_some() {
        std::process::abort();
    }
    #[cfg(not(feature = "fault-injection"))]
    let _ = name;
}

/// A test's code to run when the library reaches a point, and the point.
#[cfg(feature = "fault-injection")]
type Hook = (&'static str, Box<dyn FnOnce() + Send>);

#[cfg(feature = "fault-injection")]
static HOOK: std::sync::Mutex<Option<Hook>> = std::sync::Mutex::new(None);

/// Runs `then` once, in this process, when the library reaches `name`: a
/// race made deterministic, the test acting in between (another key made
/// in a token between the check that its label is free and the making).
/// Replaces any hook set before.
#[cfg(feature = "fault-injection")]
pub fn set_hook(name: &'static str, then: impl FnOnce() + Send + 'static) {
    *HOOK.lock().unwrap_or_else(|e| e.into_inner()) = Some((name, Box::new(then)));
}

/// Runs the hook a test set for `name`, if any (see [`set_hook`]).
#[inline]
pub fn hook(name: &str) {
    #[cfg(feature = "fault-injection")]
    {
        let mut slot = HOOK.lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_some_and(|(at, _)| *at == name) {
            // Taken out first: the hook may reach this point itself.
            let (_, then) = slot.take().expect("checked");
            drop(slot);
            then();
        }
    }
    let _ = name;
}

/// How many bytes of a write at `name` should land before the process dies:
/// `Some(n)` when the test asked for a torn write there, as a full disk or a
/// SIGKILL mid-`write` leaves it.
#[inline]
pub fn short_write(name: &str) -> Option<usize> {
    #[cfg(feature = "fault-injection")]
    if let Some(armed) = armed_at(name) {
        return armed.bytes;
    }
    let _ = name;
    None
}
