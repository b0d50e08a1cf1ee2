//! Standard streams, files named on the command line, and the clock.

use std::io::Write;
use std::path::Path;

use certsmith::cfssl::config::Config;
use certsmith::cfssl::envelope::Output;
use certsmith::cfssl::request::CertRequest;
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
        Input::read_at_most(arg, MOST_INPUT)
    }

    /// [`Input::read`], refused past `limit` bytes (a PKCS#12 file: 1 MiB).
    pub fn read_at_most(arg: &str, limit: u64) -> Result<Input> {
        if arg == "-" {
            return Ok(Input {
                bytes: read_stdin_at_most(limit)?,
                source: "stdin".into(),
            });
        }
        let path = Path::new(arg);
        let failed = |source| Error::ReadFile {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(failed)?;
        Ok(Input {
            bytes: files::read_at_most(file, limit, arg, failed)?,
            source: arg.to_string(),
        })
    }

    /// A CSR JSON named on the command line. A missing file is taken for a
    /// first run, and its error says how to start one (print-defaults).
    pub fn csr_json(arg: &str) -> Result<CertRequest> {
        Input::read(arg)
            .map_err(|e| when_missing(e, |path| Error::CsrJsonMissing { path }))?
            .cert_request()
    }

    /// sign's INPUT: a CSR, JSON output holding one, or a CSR JSON. A missing
    /// `.json` file is taken for a CSR JSON not made yet, as [`Input::csr_json`].
    pub fn request(arg: &str) -> Result<Input> {
        Input::read(arg).map_err(|e| {
            if arg.ends_with(".json") {
                when_missing(e, |path| Error::CsrJsonMissing { path })
            } else {
                e
            }
        })
    }

    pub fn cert_request(&self) -> Result<CertRequest> {
        let (req, notes) = CertRequest::from_json(&self.bytes, &self.source)?;
        print_notes(&notes);
        Ok(req)
    }
}

/// `missing(path)` for a file that does not exist; any other error as it is.
fn when_missing(e: Error, missing: impl FnOnce(std::path::PathBuf) -> Error) -> Error {
    match e {
        Error::ReadFile { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            missing(path)
        }
        e => e,
    }
}

/// All of stdin, refused past `limit` bytes. Every reader of stdin goes
/// through here (an input named `-`, `--passphrase-file -`), and
/// [`refuse_shared_stdin`] lets at most one option of a command line name
/// it: stdin can be read only once.
pub fn read_stdin_at_most(limit: u64) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    files::read_at_most(std::io::stdin(), limit, "stdin", |source| {
        Error::ReadStdin { source }
    })
}

/// The most of one input that is read: far above any certificate, CSR,
/// key or CRL a PKI makes (a CRL of a million serials is about 40 MiB), so
/// that `/dev/zero` or an endless pipe given by mistake ends in an error
/// rather than in memory exhaustion.
const MOST_INPUT: u64 = 256 << 20;

/// Options whose value `-` is not stdin: names of files to write.
const NOT_INPUTS: &[&str] = &["name", "output", "dir"];

/// Refuses, as a usage error (exit 2, like clap's own), a command line on
/// which two inputs name `-`. Whichever read stdin second would find it
/// empty: `sign --passphrase-file - -` signed an empty request, or read the
/// CSR as the passphrase, depending on which was needed first. Checked from
/// what was typed, before anything is read, so that the answer does not
/// depend on whether a key turns out to be sealed.
///
/// Every input counts (a value `-` of an option that never reads stdin is
/// refused too: it is no file name either); the files a command writes and
/// cfssl's pass-through arguments of `gencert`, checked when they are
/// parsed as the command they stand for, do not.
pub fn refuse_shared_stdin(
    command: &mut clap::Command,
    matches: &clap::ArgMatches,
) -> std::result::Result<(), clap::Error> {
    if let Some((name, sub_matches)) = matches.subcommand()
        && let Some(sub) = command.find_subcommand_mut(name)
    {
        return refuse_shared_stdin(sub, sub_matches);
    }
    let mut readers = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if arg.is_trailing_var_arg_set() || NOT_INPUTS.contains(&id) {
            continue;
        }
        let Ok(Some(values)) = matches.try_get_raw(id) else {
            continue;
        };
        let shown = match (arg.get_long(), arg.get_value_names()) {
            (Some(long), _) => format!("--{long}"),
            (None, Some([value, ..])) => format!("<{value}>"),
            (None, _) => format!("<{}>", id.to_uppercase()),
        };
        // Named in the order they were typed (a default comes last).
        let mut at = matches.indices_of(id).into_iter().flatten();
        for value in values {
            let index = at.next().unwrap_or(usize::MAX);
            if value == "-" {
                readers.push((index, shown.clone()));
            }
        }
    }
    readers.sort();
    let readers: Vec<String> = readers.into_iter().map(|(_, shown)| shown).collect();
    let message = match readers.as_slice() {
        [first, second, ..] if first == second => format!(
            "{first} names - (stdin) twice, and stdin can be read only once: give the other a file"
        ),
        [first, second, ..] => format!(
            "{first} and {second} both name - (stdin), which can be read only once: give one of them a file"
        ),
        _ => return Ok(()),
    };
    Err(command.error(clap::error::ErrorKind::ArgumentConflict, message))
}

/// The config named by `--config`, or the built-in one.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        None => Ok(Config::builtin()),
        Some(p) => {
            let bytes = files::read(p)
                .map_err(|e| when_missing(e, |path| Error::ConfigMissing { path }))?;
            let (config, notes) = Config::from_json(&bytes, &p.display().to_string())?;
            print_notes(&notes);
            Ok(config)
        }
    }
}

pub fn print_notes(notes: &[Note]) {
    for note in notes {
        say!("{}", for_terminal(&super::hint::note(note)));
    }
}

/// A message as it may reach a terminal or a log. Messages quote what the
/// input held, and input is hostile: a control character could forge a
/// second `error:` line or drive the terminal, and a megabyte CN would make
/// a megabyte line. Control characters are escaped as Rust writes them, and
/// the middle of an overlong line gives way to a count.
pub fn for_terminal(message: &str) -> String {
    const KEEP: usize = 160;
    let mut escaped = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_control() {
            escaped.extend(c.escape_debug());
        } else if certsmith::report::needs_escape(c) {
            // A bidi override could make a record line read otherwise.
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    let chars = escaped.chars().count();
    if chars <= 3 * KEEP {
        return escaped;
    }
    let head: String = escaped.chars().take(KEEP).collect();
    let tail: String = escaped.chars().skip(chars - KEEP).collect();
    format!("{head}…[{} characters elided]…{tail}", chars - 2 * KEEP)
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

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn control_characters_are_escaped_and_long_lines_cut_in_the_middle() {
        assert_eq!(
            for_terminal("host \"a\nerror: forged\u{1b}[2J\0\""),
            "host \"a\\nerror: forged\\u{1b}[2J\\0\""
        );
        assert_eq!(for_terminal("café ✓"), "café ✓");
        let long = format!("CN \"{}\": longer than 64", "a".repeat(100_000));
        let shown = for_terminal(&long);
        assert!(shown.starts_with("CN \"aaa"), "{shown}");
        assert!(shown.ends_with("aaa\": longer than 64"), "{shown}");
        assert!(shown.contains("…[99701 characters elided]…"), "{shown}");
        assert!(shown.len() < 400);
    }
}
