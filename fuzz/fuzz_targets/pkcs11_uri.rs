//! PKCS#11 URIs (`--ca-key pkcs11:…`, RFC 7512): parsing must never panic,
//! a refused `pin-value=` is shown cut off before the PIN, and a parsed URI
//! must read back the same from its canonical form (what messages show).

#![no_main]

use std::hint::black_box;

use certsmith::keys::pkcs11::Pkcs11Uri;
use certsmith::{Error, Pkcs11Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Pkcs11Uri::parse(text) {
        // The URI is shown cut off after the name of its PIN attribute.
        Err(Error::Pkcs11(Pkcs11Error::PinInUri { uri })) => {
            let kept = uri.strip_suffix("=…").expect("the PIN is cut off");
            assert!(text.starts_with(kept), "{uri:?} from {text:?}");
        }
        Err(e) => {
            black_box(e.to_string());
        }
        Ok(uri) => {
            // The canonical form drops the query (module and PIN file).
            let canonical = uri.to_string();
            let again = Pkcs11Uri::parse(&canonical).expect("the canonical form parses");
            assert_eq!(
                Pkcs11Uri {
                    module_path: None,
                    pin_source: None,
                    ..uri
                },
                again,
                "{canonical}"
            );
        }
    }
});
