//! `certsmith generate DIR`: the shell completions and man pages, produced by
//! the binary itself (as ripgrep and fd do) so they cannot drift from it.
//! The copies under `completions/` and `man/` are checked by a test.

use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use certsmith::files::{self, Replace};
use certsmith::{Error, Result};

/// Write shell completions (bash, zsh, fish, elvish, powershell) and man pages.
#[derive(Args)]
pub struct GenerateArgs {
    /// Directory to write completions/ and man/ into
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
    let mut cmd = super::Cli::command();
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
    write_page(&man, &cmd, "certsmith")?;
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("certsmith-{}", sub.get_name());
        let sub = sub.clone().name(name.clone());
        write_page(&man, &sub, &name)?;
    }
    Ok(())
}

fn write_page(dir: &Path, cmd: &clap::Command, name: &str) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|source| Error::WriteFile {
            path: dir.join(name),
            source,
        })?;
    write(&dir.join(format!("{name}.1")), &buf)
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    files::write_atomic(path, contents, 0o644, Replace::Allow)
}
