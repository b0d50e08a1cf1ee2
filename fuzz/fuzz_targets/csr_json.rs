//! CSR JSON (`initca`, `genkey`, `csr`, `sign` on a JSON request): the parser,
//! then the subject and SAN encoding of a CSR built from whatever parsed.

#![no_main]

use std::hint::black_box;

use certsmith::cfssl::request::CertRequest;
use libfuzzer_sys::fuzz_target;

mod fixed_key;

fuzz_target!(|data: &[u8]| {
    match CertRequest::from_json(data, "csr.json") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok((req, notes)) => {
            for note in notes {
                black_box(note.to_string());
            }
            match certsmith::x509::csr::build_for_request(&req, fixed_key::key()) {
                Err(e) => {
                    black_box(e.to_string());
                }
                // What certsmith built, certsmith must read back.
                Ok(der) => {
                    certsmith::x509::csr::CertificateRequest::from_bytes(&der, "built.csr")
                        .expect("a CSR certsmith built reads back");
                }
            }
        }
    }
});
