//! `certsmith print-defaults`: cfssl's starter files (a CSR JSON, a
//! signing config), which certsmith accepts unchanged.

use clap::Subcommand;

use certsmith::Result;

use crate::cli::io;

/// A starter CSR JSON that certsmith (and cfssl) accept as it is.
const DEFAULT_CSR: &str = r#"{
  "CN": "www.example.net",
  "hosts": ["www.example.net", "example.net"],
  "key": { "algo": "ecdsa", "size": 256 },
  "names": [{ "C": "US", "ST": "California", "L": "San Francisco", "O": "Example" }]
}
"#;

/// cfssl's print-defaults: starter files certsmith accepts unchanged.
#[derive(Subcommand)]
pub enum PrintDefaults {
    /// A CSR JSON
    Csr,
    /// A signing config (the built-in one: default, server, client, peer, kubernetes, intermediate)
    Config,
    /// The names print-defaults knows
    List,
}

pub fn run(what: PrintDefaults) -> Result<()> {
    let text = match what {
        PrintDefaults::Csr => DEFAULT_CSR.to_string(),
        PrintDefaults::Config => certsmith::cfssl::config::BUILTIN_CONFIG.to_string(),
        PrintDefaults::List => "csr\nconfig\n".to_string(),
    };
    io::write_stdout(text.as_bytes())
}
