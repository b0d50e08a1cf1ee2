//! Certificates, PEM or DER (`sign --ca`, `bundle`, `certinfo -cert`,
//! `csr --from-cert`, `inspect`): `Certificate::all_from_bytes`, what `bundle`
//! and `csr --from-cert` derive from a parsed certificate, then inspect's
//! describer, which also reads CSRs, keys, public keys and CRLs, as text and
//! as JSON.

#![no_main]

use std::hint::black_box;

use certsmith::x509::certificate::Certificate;
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

mod fixed_key;

fuzz_target!(|data: &[u8]| {
    // A fixed "now" (2026-01-01T00:00:00Z): runs must be reproducible.
    let now = OffsetDateTime::from_unix_timestamp(1_767_225_600).expect("valid time");
    match Certificate::all_from_bytes(data, "cert.pem") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(certs) => {
            for cert in &certs {
                black_box(certsmith::chain::hostnames(cert));
                black_box(certsmith::chain::issuer_text(cert));
                let _ = black_box(certsmith::chain::check_federable(cert, now));
                black_box(cert.fingerprint());
                black_box(cert.serial_hex());
                // `csr --from-cert`: a renewal request with the certificate's subject and SANs.
                let ca = cert.ca.map(|p| p.map(|n| n.min(255) as u8));
                match certsmith::x509::csr::build(&cert.subject_der, &cert.sans, ca, fixed_key::key()) {
                    Ok(der) => {
                        black_box(der);
                    }
                    Err(e) => {
                        black_box(e.to_string());
                    }
                }
                let pem = cert.to_pem();
                // What certsmith writes out, it must read back.
                Certificate::from_bytes(pem.as_bytes(), "round-trip.pem")
                    .expect("a certificate certsmith wrote reads back");
                match certsmith::x509::name_constraints::NameConstraints::from_certificate_der(
                    &cert.der, "cert.pem",
                ) {
                    Ok(Some(nc)) => {
                        let _ = black_box(nc.to_x509());
                        for san in &cert.sans {
                            black_box(nc.violation(san));
                        }
                    }
                    Ok(None) => {}
                    Err(e) => {
                        black_box(e.to_string());
                    }
                }
            }
        }
    }
    match certsmith::report::describe(data, "cert.pem", now) {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(reports) => {
            for report in &reports {
                black_box(report.to_text());
                black_box(report.not_after());
                if let certsmith::report::Report::Certificate(c) = report {
                    black_box(c.time_left());
                }
                serde_json::to_string_pretty(report).expect("reports serialize");
            }
        }
    }
});
