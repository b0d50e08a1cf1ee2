//! Go durations (`expiry`, `backdate` in CSR and config JSON, `inspect
//! --expiring-within`): parsing must never panic, and a duration it returns
//! must read back the same when written as a whole number of nanoseconds.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = certsmith::cfssl::duration::parse(text) {
        let nanos = format!("{}ns", d.as_nanos());
        assert_eq!(
            certsmith::cfssl::duration::parse(&nanos),
            Ok(d),
            "{text:?} vs {nanos}"
        );
    }
});
