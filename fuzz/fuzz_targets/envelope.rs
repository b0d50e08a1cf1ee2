//! cfssl's JSON output and its API envelope: `split-json`'s reader (bare
//! objects, envelopes, cfssl 1.2 and 1.6 bundles, keys checked before they
//! are written) and the remote client's reader of a server's answer.

#![no_main]

use std::hint::black_box;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match certsmith::cfssl::envelope::split(data, "cfssl.json") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(parts) => {
            black_box(parts);
        }
    }
    let text = String::from_utf8_lossy(data);
    for status in [200, 400, 500] {
        match certsmith::remote::parse_response("https://ca.example:8888", status, &text) {
            Err(e) => {
                black_box(e.to_string());
            }
            Ok(result) => {
                black_box(certsmith::cfssl::envelope::error_messages(&result));
            }
        }
    }
});
