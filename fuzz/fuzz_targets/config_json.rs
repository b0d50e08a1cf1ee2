//! Config JSON (`--config`): the parser, every profile it defines (with
//! cfssl's fall-back to the default profile's URLs), and the local-signing
//! checks `sign` and `initca` run on the chosen profile.

#![no_main]

use std::hint::black_box;

use certsmith::cfssl::config::{Config, Profile};
use libfuzzer_sys::fuzz_target;

fn exercise(profile: &Profile) {
    if let Err(e) = profile.check_local() {
        black_box(e.to_string());
    }
    black_box(profile.key_usages().count());
    black_box(profile.extended_key_usages().count());
    if let Some(nc) = &profile.name_constraints {
        let _ = black_box(nc.to_x509());
    }
}

fuzz_target!(|data: &[u8]| {
    match Config::from_json(data, "config.json") {
        Err(e) => {
            black_box(e.to_string());
        }
        Ok((config, notes)) => {
            for note in notes {
                black_box(note.to_string());
            }
            let names: Vec<Option<&str>> = std::iter::once(None)
                .chain(config.profiles.keys().map(|k| Some(k.as_str())))
                .chain([Some("no-such-profile")])
                .collect();
            for name in names {
                match config.profile(name) {
                    Ok(p) => exercise(&p),
                    Err(e) => {
                        black_box(e.to_string());
                    }
                }
            }
        }
    }
});
