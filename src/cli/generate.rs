//! `certsmith generate DIR`: the shell completions and man pages, produced by
//! the binary itself (as ripgrep and fd do) so they cannot drift from it.
//! The copies under `completions/` and `man/` are checked by a test.
//!
//! clap_mangen renders a command's synopsis, description and options; the
//! rest of each page is laid out here, as man-pages(7) orders it: the
//! examples of `--help` as verbatim EXAMPLES (clap_mangen would reflow them
//! under "EXTRA"), EXIT STATUS, ENVIRONMENT and SEE ALSO naming only pages
//! that exist. Every visible command that takes arguments or has commands
//! of its own gets a page, nested ones too (`certsmith-key-public(1)`); the
//! two file formats get section 5 pages from the text in `formats.rs`.

mod formats;

use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use clap_mangen::roff::{Roff, bold, roman};

use certsmith::files::{self, Replace};
use certsmith::{Error, Result};

/// Write shell completions (bash, zsh, fish, elvish, powershell) and man pages.
#[derive(Args)]
pub struct GenerateArgs {
    /// Directory to write completions/ and man/ into
    #[arg(value_hint = clap::ValueHint::DirPath)]
    dir: PathBuf,
}

pub fn run(args: GenerateArgs) -> Result<()> {
    let completions = args.dir.join("completions");
    let man = args.dir.join("man");
    for dir in [&completions, &man] {
        std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile {
            path: dir.clone(),
            source,
        })?;
    }
    let mut cmd = without_hidden(&super::Cli::command());
    cmd.build();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "certsmith", &mut buf);
        let name = clap_complete::Generator::file_name(&shell, "certsmith");
        write(&completions.join(name), &buf)?;
    }
    // `help` is a command of the command line, not a page of the manual.
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    cmd.build();
    write_pages(&man, &cmd, &[])?;
    for page in formats::PAGES {
        write(
            &man.join(format!("{}.5", page.name)),
            formats::render(page).as_bytes(),
        )?;
    }
    Ok(())
}

/// `cmd` (not yet built) without its hidden commands, at every level: what a
/// shell offers (clap_complete completes hidden commands too). The copy keeps
/// what completion reads: arguments, groups, descriptions, visible aliases.
fn without_hidden(cmd: &clap::Command) -> clap::Command {
    let mut copy = clap::Command::new(cmd.get_name().to_owned())
        .args(cmd.get_arguments().cloned())
        .groups(cmd.get_groups().cloned())
        .visible_aliases(cmd.get_visible_aliases().map(str::to_owned))
        .subcommands(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(without_hidden),
        );
    // The descriptions, which also decide whether `-h` says "see more with --help".
    if let Some(text) = cmd.get_about() {
        copy = copy.about(text.clone());
    }
    if let Some(text) = cmd.get_long_about() {
        copy = copy.long_about(text.clone());
    }
    if let Some(text) = cmd.get_after_help() {
        copy = copy.after_help(text.clone());
    }
    if let Some(text) = cmd.get_after_long_help() {
        copy = copy.after_long_help(text.clone());
    }
    if let Some(version) = cmd.get_version() {
        copy = copy.version(version.to_owned());
    }
    copy
}

/// The page of `cmd` (reached from the root through `parents`) and of each
/// of its commands that has a page.
fn write_pages(dir: &Path, cmd: &clap::Command, parents: &[&str]) -> Result<()> {
    let path: Vec<&str> = parents.iter().copied().chain([cmd.get_name()]).collect();
    let page = command_page(cmd, &path).map_err(|source| Error::WriteFile {
        path: dir.join(page_name(&path)),
        source,
    })?;
    write(&dir.join(format!("{}.1", page_name(&path))), &page)?;
    for sub in visible_subcommands(cmd).filter(|s| has_page(s)) {
        write_pages(dir, sub, &path)?;
    }
    Ok(())
}

/// `certsmith`, `certsmith-key`, `certsmith-key-public`.
fn page_name(path: &[&str]) -> String {
    path.join("-")
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// A command gets a page of its own unless there is nothing to say beyond
/// its one line in its parent's (`print-defaults csr`).
fn has_page(cmd: &clap::Command) -> bool {
    cmd.get_arguments()
        .any(|a| !a.is_hide_set() && a.get_id() != "help")
        || visible_subcommands(cmd).next().is_some()
}

/// The examples of certsmith(1): a CA and a server certificate from nothing,
/// then its renewal, as in the README's quick start.
const FIRST_STEPS: &str = "\
certsmith print-defaults csr > ca-csr.json        # then edit CN and names
certsmith initca ca-csr.json | certsmith split-json ca
certsmith print-defaults csr > server-csr.json    # then edit CN and hosts
certsmith sign --ca ca.pem --ca-key ca-key.pem --profile server server-csr.json \\
    | certsmith split-json server
certsmith inspect --needs-renewal server.pem \\
    && certsmith renew --ca ca.pem --ca-key ca-key.pem --profile server server.pem \\
    | certsmith split-json server";

/// The `.ie`/`.el` lines every roff document from the roff crate starts with.
const ROFF_PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// A roff fragment without the preamble, so that a page holds it once.
fn body(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> std::io::Result<String> {
    let mut buf = Vec::new();
    render(&mut buf)?;
    let text = String::from_utf8(buf).expect("roff output is UTF-8");
    Ok(text.strip_prefix(ROFF_PREAMBLE).unwrap_or(&text).to_owned())
}

fn command_page(cmd: &clap::Command, path: &[&str]) -> std::io::Result<Vec<u8>> {
    let name = page_name(path);
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.clone())
        .section("1")
        // An empty date, quoted: unquoted, it would be no argument at all and
        // the source would become the date.
        .date("\"\"")
        .source(format!("certsmith {}", env!("CARGO_PKG_VERSION")))
        .manual("certsmith manual");
    let mut page = String::from(ROFF_PREAMBLE);
    page += &body(|w| man.render_title(w))?;
    // No hyphenation and a ragged right margin: flags, file names and JSON
    // keys stay whole, so that they can be searched for and pasted.
    page += ".nh\n.ad l\n";
    let mut name_line = Roff::new();
    name_line.control("SH", ["NAME"]);
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    name_line.text([roman(format!("{name} - {about}"))]);
    page += &body(|w| name_line.to_writer(w))?;
    page += &body(|w| man.render_synopsis_section(w))?;
    page += &body(|w| man.render_description_section(w))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        page += &body(|w| man.render_options_section(w))?;
    }
    let mut rest = Roff::new();
    commands_section(&mut rest, cmd, path);
    let after = AfterHelp::parse(cmd);
    if !after.exit_status.is_empty() {
        rest.control("SH", ["EXIT STATUS"]);
        blocks(&mut rest, &after.exit_status);
    }
    environment_section(&mut rest, cmd);
    let mut examples = after.examples;
    if path.len() == 1 {
        examples.push(FIRST_STEPS.to_owned());
    } else if examples.is_empty() {
        // A command whose examples are its commands' (`ledger`).
        examples = visible_subcommands(cmd)
            .flat_map(|c| AfterHelp::parse(c).examples)
            .collect();
    }
    if !examples.is_empty() {
        rest.control("SH", ["EXAMPLES"]);
        for example in &examples {
            verbatim(&mut rest, example);
        }
    }
    if !after.notes.is_empty() {
        rest.control("SH", ["NOTES"]);
        blocks(&mut rest, &after.notes);
    }
    see_also_section(&mut rest, cmd, path);
    page += &body(|w| rest.to_writer(w))?;
    Ok(page.into_bytes())
}

/// `cmd` and every visible command below it.
fn descendants(cmd: &clap::Command) -> Box<dyn Iterator<Item = &clap::Command> + '_> {
    Box::new(std::iter::once(cmd).chain(visible_subcommands(cmd).flat_map(descendants)))
}

/// Each command: `certsmith-key-public(1)` when it has a page, else the
/// command line itself, with its one-line description.
fn commands_section(roff: &mut Roff, cmd: &clap::Command, path: &[&str]) {
    let subs: Vec<&clap::Command> = visible_subcommands(cmd).collect();
    if subs.is_empty() {
        return;
    }
    roff.control("SH", ["COMMANDS"]);
    for sub in subs {
        roff.control("TP", []);
        if has_page(sub) {
            roff.text([bold(format!("{}-{}(1)", page_name(path), sub.get_name()))]);
        } else {
            roff.text([bold(format!("{} {}", path.join(" "), sub.get_name()))]);
        }
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
    }
}

/// What `--help` prints after the options, split into man sections: a
/// block headed "Examples:" or "Exit codes…" is verbatim text under its
/// heading; other paragraphs are notes.
#[derive(Default)]
struct AfterHelp {
    exit_status: Vec<Block>,
    examples: Vec<String>,
    notes: Vec<Block>,
}

enum Block {
    Paragraph(String),
    Verbatim(String),
}

impl AfterHelp {
    fn parse(cmd: &clap::Command) -> AfterHelp {
        let mut after = AfterHelp::default();
        let Some(text) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) else {
            return after;
        };
        let text = text.to_string();
        for block in text.split("\n\n") {
            // The heading: the lines before the first indented one.
            let lines: Vec<&str> = block.lines().collect();
            let split = lines
                .iter()
                .position(|l| l.starts_with(' '))
                .unwrap_or(lines.len());
            let heading = lines[..split].join(" ");
            let verbatim = dedent(&lines[split..]);
            if heading == "Examples:" {
                after.examples.push(verbatim);
            } else if heading.starts_with("Exit codes") {
                if heading != "Exit codes:" {
                    after.exit_status.push(Block::Paragraph(heading));
                }
                after.exit_status.push(Block::Verbatim(verbatim));
            } else {
                let section = if after.exit_status.is_empty() {
                    &mut after.notes
                } else {
                    // "Data goes to stdout" belongs with the exit codes it follows.
                    &mut after.exit_status
                };
                section.push(Block::Paragraph(heading));
                if !verbatim.is_empty() {
                    section.push(Block::Verbatim(verbatim));
                }
            }
        }
        after
    }
}

/// The lines without the indentation they share.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn blocks(roff: &mut Roff, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(text) => {
                roff.control("PP", []);
                roff.text([roman(text.as_str())]);
            }
            Block::Verbatim(text) => verbatim(roff, text),
        }
    }
}

/// Lines shown as typed: no filling, no hyphenation, indented.
fn verbatim(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.control("RS", ["4"]);
    roff.control("EX", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("EE", []);
    roff.control("RE", []);
}

/// Whether `cmd` or a command below it has the long option `long`.
fn takes(cmd: &clap::Command, long: &str) -> bool {
    descendants(cmd).any(|c| c.get_arguments().any(|a| a.get_long() == Some(long)))
}

fn environment_section(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["ENVIRONMENT"]);
    if takes(cmd, "passphrase-file") {
        roff.control("TP", []);
        roff.text([bold(super::secrets::PASSPHRASE_ENV)]);
        roff.text([roman(
            "The passphrase that seals a new key (with -p) or opens a sealed key or \
             identity file, when no --passphrase-file is given. Without either, \
             certsmith asks on the terminal, and with no terminal it fails at once \
             instead of waiting. No option takes the passphrase itself: it would \
             show in ps(1) and in shell history.",
        )]);
    }
    if takes(cmd, "auth-key") || takes(cmd, "tls-remote-ca") {
        roff.control("TP", []);
        roff.text([bold("VAR"), roman(" (any name)")]);
        roff.text([roman(
            "The hex auth key shared with a cfssl signer, when it is named as env:VAR \
             by --auth-key or by an auth_keys entry of the --config (see \
             certsmith-config(5)).",
        )]);
    }
    roff.control("TP", []);
    roff.text([bold("NO_COLOR")]);
    roff.text([roman(
        "When set to a non-empty value, --help is printed without colour (it is \
         coloured only on a terminal). certsmith's other output never has colour.",
    )]);
}

fn see_also_section(roff: &mut Roff, cmd: &clap::Command, path: &[&str]) {
    let mut pages: Vec<String> = Vec::new();
    if path.len() > 1 {
        pages.push(format!("{}(1)", page_name(&path[..path.len() - 1])));
    }
    let text: String = descendants(cmd)
        .flat_map(|c| {
            let args = c
                .get_arguments()
                .filter_map(|a| a.get_help().map(|h| h.to_string()));
            [c.get_about(), c.get_long_about()]
                .into_iter()
                .flatten()
                .map(|s| s.to_string())
                .chain(args)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let top = path.len() == 1;
    if top || text.contains("CSR JSON") {
        pages.push("certsmith-csr-json(5)".into());
    }
    if top || takes(cmd, "config") {
        pages.push("certsmith-config(5)".into());
    }
    if takes(cmd, "identity") || takes(cmd, "recipient") || takes(cmd, "passphrase-file") {
        pages.push("age(1)".into());
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(pages.join(", "))]);
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    files::write_atomic(path, contents, 0o644, Replace::Allow)
}
