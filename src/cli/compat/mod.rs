//! cfssl muscle memory: Go-style single-dash long flags (`-ca=ca.pem`,
//! `-bare`), cfssl's own flags (`cfssl_flags.rs`), and cfssl's command names
//! (`gencert`, `certinfo`, `print-defaults`, `selfsign`, `gencrl`, `info`,
//! `version`) mapped onto certsmith's commands.
//!
//! One file per cfssl command; this one reads cfssl's command lines.

pub mod certinfo;
pub mod gencert;
pub mod gencrl;
pub mod print_defaults;
pub mod selfsign;
pub mod version;

use std::collections::HashSet;
use std::ffi::OsString;

use super::cfssl_flags;
use super::io;

/// A cfssl command line (`command` and the arguments after it) as certsmith
/// runs it, the notes for dropped flags printed. A flag certsmith refuses
/// is a usage error (exit 2), saying what to use instead.
pub fn cfssl_command_line(
    program: &OsString,
    command: &str,
    rest: &[OsString],
) -> Result<Vec<OsString>, clap::Error> {
    match cfssl_flags::translate(command, rest, &super::longs_of) {
        Ok(translated) => {
            for note in &translated.notes {
                say!("{}", io::for_terminal(note));
            }
            Ok(std::iter::once(program.clone())
                .chain(translated.args)
                .collect())
        }
        Err(refused) => Err(clap::Error::raw(
            clap::error::ErrorKind::UnknownArgument,
            format!("{}\n", io::for_terminal(&refused.to_string())),
        )),
    }
}

/// Rewrites Go-style `-name` / `-name=value` into `--name…` wherever `name`
/// is a long option of some certsmith command. Single-letter flags (`-r`,
/// `-i`, `-f`) and everything after `--` are left alone.
pub fn normalize_go_flags(
    args: impl IntoIterator<Item = OsString>,
    command: &clap::Command,
) -> Vec<OsString> {
    let mut longs = HashSet::new();
    collect_longs(command, &mut longs);
    let mut out = Vec::new();
    let mut rest_is_positional = false;
    for (i, arg) in args.into_iter().enumerate() {
        let Some(text) = arg.to_str().filter(|_| i > 0 && !rest_is_positional) else {
            out.push(arg);
            continue;
        };
        if text == "--" {
            rest_is_positional = true;
        } else if text.len() > 2 && text.starts_with('-') && !text.starts_with("--") {
            let name = text[1..].split('=').next().unwrap_or_default();
            if longs.contains(name) {
                out.push(format!("-{text}").into());
                continue;
            }
        }
        out.push(arg);
    }
    out
}

fn collect_longs(cmd: &clap::Command, longs: &mut HashSet<String>) {
    for arg in cmd.get_arguments() {
        if let Some(long) = arg.get_long() {
            longs.insert(long.to_string());
        }
    }
    for sub in cmd.get_subcommands() {
        collect_longs(sub, longs);
    }
}
