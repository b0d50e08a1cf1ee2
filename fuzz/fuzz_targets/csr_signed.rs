//! PKCS#10 requests past the self-signature check. The `csr` target's
//! mutations almost never keep a valid signature, so the extensions `sign`
//! acts on (SANs, basic constraints) stay out of its reach. Here the input is
//! a CertificationRequestInfo; the target signs it with a fixed P-256 key and
//! wraps it into a CSR. Seeds carry that key's SubjectPublicKeyInfo, so every
//! mutation that leaves it alone yields a request whose signature verifies.

#![no_main]

use std::hint::black_box;

use certsmith::x509::csr::CertificateRequest;
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

mod fixed_key;

/// AlgorithmIdentifier ecdsa-with-SHA256 (RFC 5758 §3.2: no parameters).
const ECDSA_WITH_SHA256: [u8; 12] = [
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];

/// One DER TLV with a definite length.
fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(value);
    out
}

fuzz_target!(|info: &[u8]| {
    let signature = fixed_key::key().sign(info).expect("the fixed key signs");
    let mut bits = vec![0u8];
    bits.extend(signature);
    let mut body = info.to_vec();
    body.extend_from_slice(&ECDSA_WITH_SHA256);
    body.extend(tlv(0x03, &bits));
    let der = tlv(0x30, &body);

    match CertificateRequest::from_bytes(&der, "request.der") {
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
            CertificateRequest::from_bytes(csr.to_pem().as_bytes(), "round-trip.csr")
                .expect("a CSR certsmith wrote reads back");
        }
    }
    // `inspect` and `certinfo -csr` on the same request.
    let now = OffsetDateTime::from_unix_timestamp(1_767_225_600).expect("valid time");
    match certsmith::report::describe(&der, "request.der", now) {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(reports) => {
            for report in &reports {
                black_box(report.to_text());
                serde_json::to_string_pretty(report).expect("reports serialize");
            }
        }
    }
});
