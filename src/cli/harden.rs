//! Process hardening done once at start-up, before any private key is read
//! or made: a crash (SIGABRT, SIGSEGV, a panic in a C library) must not
//! write a core file holding an unsealed CA key's private scalar (issue 13).
//!
//! Two locks, because either alone can be undone by the environment:
//! `RLIMIT_CORE` 0 (soft and hard, so nothing in the process can raise it
//! again) stops the kernel writing a core file to disk, and
//! `PR_SET_DUMPABLE` 0 also covers a `core_pattern` that pipes the dump to a
//! handler (systemd-coredump, apport), which ignores the rlimit, and keeps
//! other processes of the same user from reading `/proc/PID/mem` or
//! attaching a debugger.

/// Makes this process leave no core dump. Every subcommand gets it: most
/// read or make a private key, and the ones that do not (bundle, certinfo)
/// lose nothing by it. Failure is reported but not fatal: a kernel without
/// prctl (non-Linux Unix) still gets the rlimit.
pub fn no_core_dumps() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let zero = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        setrlimit(Resource::Core, zero)?;
    }
    #[cfg(target_os = "linux")]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn leaves_the_process_undumpable_with_no_core_limit() {
        use rustix::process::{DumpableBehavior, Resource, dumpable_behavior, getrlimit};
        super::no_core_dumps().unwrap();
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
        let core = getrlimit(Resource::Core);
        assert_eq!((core.current, core.maximum), (Some(0), Some(0)));
    }
}
