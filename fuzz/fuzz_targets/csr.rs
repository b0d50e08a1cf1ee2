//! PKCS#10 requests, PEM or DER (`sign` on a CSR, `certinfo -csr`, `key
//! public` on a CSR): parsing, the self-signature check and the SAN and basic
//! constraints extensions `sign` acts on.

#![no_main]

use std::hint::black_box;

use certsmith::x509::csr::CertificateRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match CertificateRequest::from_bytes(data, "request.csr") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(csr) => {
            // `sign` checks each SAN before it encodes it.
            for san in &csr.sans {
                if san.check().is_ok() {
                    black_box(san.to_general_name());
                }
            }
            // What certsmith writes out, it must read back.
            CertificateRequest::from_bytes(csr.to_pem().as_bytes(), "round-trip.csr")
                .expect("a CSR certsmith wrote reads back");
        }
    }
});
