//! Standard streams, files named on the command line, and the clock.

use std::io::{Read, Write};
use std::path::Path;

use certsmith::envelope::Output;
use certsmith::profile::Config;
use certsmith::request::CertRequest;
use certsmith::{Error, Note, Result, files};

/// An input named on the command line: a path, or `-` for stdin.
pub struct Input {
    /// Zeroized on drop: the input may be a private key.
    pub bytes: zeroize::Zeroizing<Vec<u8>>,
    /// How messages name it: the path, or "stdin".
    pub source: String,
}

impl Input {
    pub fn read(arg: &str) -> Result<Input> {
        if arg == "-" {
            let mut bytes = zeroize::Zeroizing::new(Vec::new());
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::ReadStdin { source })?;
            return Ok(Input {
                bytes,
                source: "stdin".into(),
            });
        }
        Ok(Input {
            bytes: zeroize::Zeroizing::new(files::read(Path::new(arg))?),
            source: arg.to_string(),
        })
    }

    /// True when the input is JSON (a CSR JSON document) rather than a CSR.
    pub fn is_json(&self) -> bool {
        self.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    }

    pub fn cert_request(&self) -> Result<CertRequest> {
        let (req, notes) = CertRequest::from_json(&self.bytes, &self.source)?;
        print_notes(&notes);
        Ok(req)
    }
}

/// The config named by `--config`, or the built-in one.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        None => Ok(Config::builtin()),
        Some(p) => {
            let (config, notes) = Config::from_json(&files::read(p)?, &p.display().to_string())?;
            print_notes(&notes);
            Ok(config)
        }
    }
}

pub fn print_notes(notes: &[Note]) {
    for note in notes {
        eprintln!("{note}");
    }
}

/// Prints cfssl-style JSON. A closed pipe (`| head`) is not an error.
pub fn emit(output: &Output) -> Result<()> {
    write_stdout(output.to_json().as_bytes())
}

pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::WriteFile {
            path: "stdout".into(),
            source,
        }),
        Ok(()) => Ok(()),
    }
}

pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}
