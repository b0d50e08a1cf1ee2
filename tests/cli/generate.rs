use crate::support::*;

/// The committed completions and man pages are what the binary generates now;
/// after changing the CLI, run `certsmith generate .` at the repository root.
#[test]
fn committed_completions_and_man_pages_match_the_binary() {
    let s = Scratch::new();
    s.certsmith(&["generate", "."]).ok();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let generated: Vec<_> = std::fs::read_dir(s.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(generated.len() >= 5, "{dir}: {generated:?}");
        // A page or completion the binary no longer makes must not stay
        // committed (a removed subcommand's man page, a renamed shell's file).
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(
                generated.contains(&name),
                "{dir}/{} is committed but the binary no longer generates it; remove it and run `certsmith generate .`",
                name.to_string_lossy()
            );
        }
        for name in generated {
            let fresh = std::fs::read(s.path(dir).join(&name)).unwrap();
            let committed = std::fs::read(repo.join(dir).join(&name)).unwrap_or_else(|_| {
                panic!(
                    "{dir}/{} is not committed; run `certsmith generate .`",
                    name.to_string_lossy()
                )
            });
            assert!(
                fresh == committed,
                "{dir}/{} drifted from the binary; run `certsmith generate .`",
                name.to_string_lossy()
            );
        }
    }
}

/// The subcommands listed under "Commands:" in `help`, without `help` itself.
fn listed_subcommands(help: &str) -> Vec<String> {
    let Some(section) = help.split("\nCommands:\n").nth(1) else {
        return Vec::new();
    };
    section
        .lines()
        .take_while(|l| !l.trim().is_empty())
        // A name is indented by two spaces; a wrapped description by more.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// A subcommand found under "Commands:", as the words that name it
/// (`["key", "encrypt"]`), with its `--help` and its own subcommands'.
struct Subcommand {
    words: Vec<String>,
    help: String,
    children: Vec<Subcommand>,
}

/// The subcommands of `words`, walking `certsmith WORDS --help` and each
/// subcommand's help down the tree: a new subcommand is checked without
/// being listed here.
fn subcommands_of(s: &Scratch, words: &[String]) -> Vec<Subcommand> {
    let help_of = |words: &[String]| {
        let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
        args.push("--help");
        s.certsmith(&args).ok().stdout_str()
    };
    listed_subcommands(&help_of(words))
        .into_iter()
        .map(|name| {
            let words = [words, &[name]].concat();
            Subcommand {
                help: help_of(&words),
                children: subcommands_of(s, &words),
                words,
            }
        })
        .collect()
}

/// Whether `help` ends with examples, one pasteable command a line.
fn ends_with_examples(help: &str) -> bool {
    let tail = help.trim_end().rsplit("\n\n").next().unwrap();
    tail.starts_with("Examples:\n  certsmith ")
}

/// Checks `sub` and what is under it. Examples belong on every subcommand's
/// help; a group may leave them to its subcommands (`ledger`), and the
/// subcommands of a group that shows them may leave them to it
/// (`print-defaults csr`).
fn check_help(sub: &Subcommand, parent_has_examples: bool, found: &mut Vec<Vec<String>>) {
    found.push(sub.words.clone());
    // Clap wraps at 100 columns: an example broken across lines cannot be
    // pasted, so every example line stays clearly shorter than that.
    let examples = sub.help.split("Examples:\n").nth(1).unwrap_or_default();
    let long: Vec<&str> = examples
        .lines()
        .filter(|l| l.chars().count() > 96)
        .collect();
    assert!(
        long.is_empty(),
        "{:?} --help: example lines too long to stay unwrapped: {long:#?}",
        sub.words
    );
    let own = ends_with_examples(&sub.help);
    let covered = if sub.children.is_empty() {
        parent_has_examples
    } else {
        sub.children.iter().all(|c| ends_with_examples(&c.help))
    };
    assert!(own || covered, "{:?} --help:\n{}", sub.words, sub.help);
    for child in &sub.children {
        check_help(child, own, found);
    }
}

#[test]
fn every_subcommand_help_ends_with_examples_and_top_level_lists_exit_codes() {
    let s = Scratch::new();
    let mut found = Vec::new();
    for sub in subcommands_of(&s, &[]) {
        check_help(&sub, false, &mut found);
    }
    // The walk finds at least the subcommands this test once listed by hand.
    for known in [
        &["initca"][..],
        &["genkey"],
        &["csr"],
        &["sign"],
        &["split-json"],
        &["bundle"],
        &["inspect"],
        &["revoke"],
        &["crl"],
        &["cross-sign"],
        &["ledger", "verify"],
        &["key", "encrypt"],
        &["key", "decrypt"],
        &["key", "public"],
        &["key", "fingerprint"],
        &["key", "identity"],
        &["gencert"],
        &["certinfo"],
        &["print-defaults"],
        &["remote", "sign"],
        &["remote", "info"],
        &["remote", "token"],
    ] {
        assert!(
            found.iter().any(|words| words == known),
            "{known:?} not found walking --help: {found:?}"
        );
    }
    let help = s.certsmith(&["--help"]).ok().stdout_str();
    assert!(
        help.contains("Exit codes:\n  0  success\n  1  ") && help.contains("2  usage error"),
        "{help}"
    );
}

/// The generated man pages, each rendered by `man -l` as a reader sees it
/// (80 columns, hyphenated words joined again), by file name.
fn rendered_man_pages(s: &Scratch) -> Vec<(String, String)> {
    require("man");
    s.certsmith(&["generate", "."]).ok();
    let mut pages: Vec<(String, String)> = std::fs::read_dir(s.path("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .map(|name| {
            let out = command("man")
                .args(["--warnings", "-l"])
                .arg(s.path("man").join(&name))
                .env("MANWIDTH", "80")
                .env("MANPAGER", "cat")
                .env("LC_ALL", "C.UTF-8")
                .output()
                .expect("man");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && stderr.is_empty(),
                "man -l man/{name}: {stderr}"
            );
            let text = String::from_utf8(out.stdout).unwrap();
            let joined = regex::Regex::new(r"‐\n\s*")
                .unwrap()
                .replace_all(&text, "")
                .into_owned();
            (name, joined)
        })
        .collect();
    pages.sort();
    pages
}

/// The text of section `heading` of a rendered page (up to the next heading).
fn man_section<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let start = page.find(&format!("\n{heading}\n"))? + heading.len() + 2;
    let rest = &page[start..];
    let end = rest
        .lines()
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| line.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .map_or(rest.len(), |(at, _)| at);
    Some(&rest[..end])
}

/// Every page renders without a warning. Every command page has EXAMPLES
/// (its `--help` examples, line for line, not reflowed under "EXTRA") and
/// ENVIRONMENT, and names only pages that exist: no certsmith-help(1).
#[test]
fn every_man_page_renders_with_examples_environment_and_existing_references() {
    let s = Scratch::new();
    let pages = rendered_man_pages(&s);
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "certsmith.1",
        "certsmith-sign.1",
        "certsmith-key-public.1",
        "certsmith-key-fingerprint.1",
        "certsmith-ledger-verify.1",
        "certsmith-csr-json.5",
        "certsmith-config.5",
    ] {
        assert!(names.contains(&expected), "no man/{expected} in {names:?}");
    }
    let reference = regex::Regex::new(r"\b(certsmith(?:-[a-z]+)*)\(([15])\)").unwrap();
    for (name, text) in &pages {
        assert!(!text.contains("\nEXTRA\n"), "{name}:\n{text}");
        for r in reference.captures_iter(text) {
            let page = format!("{}.{}", &r[1], &r[2]);
            assert!(
                names.contains(&page.as_str()),
                "{name} names {page}, which does not exist"
            );
        }
        let Some(command) = name.strip_suffix(".1") else {
            continue;
        };
        let examples = man_section(text, "EXAMPLES")
            .unwrap_or_else(|| panic!("{name} has no EXAMPLES:\n{text}"));
        let environment = man_section(text, "ENVIRONMENT")
            .unwrap_or_else(|| panic!("{name} has no ENVIRONMENT:\n{text}"));
        assert!(environment.contains("NO_COLOR"), "{name}: {environment}");
        // `split-json`, `print-defaults`, `cross-sign` and `export k8s-secret`
        // name one command each.
        let mut words = command.split('-').skip(1);
        let mut path: Vec<String> = Vec::new();
        while let Some(word) = words.next() {
            match words.clone().next() {
                Some(next) if ["split", "print", "cross", "k8s"].contains(&word) => {
                    path.push(format!("{word}-{next}"));
                    words.next();
                }
                _ => path.push(word.to_owned()),
            }
        }
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = s.certsmith(&args).ok().stdout_str();
        if help.contains("--passphrase-file") {
            assert!(
                environment.contains("CERTSMITH_PASSPHRASE"),
                "{name}: {environment}"
            );
        }
        // Each line of `--help`'s examples is within one line of the page's
        // (`--help` may wrap a line longer than 100 columns; the page must not).
        if let Some(listed) = help.split("Examples:\n").nth(1) {
            for line in listed.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    examples.lines().any(|l| l.contains(line.trim())),
                    "{name}: the example line {line:?} is not verbatim in EXAMPLES:\n{examples}"
                );
            }
        }
    }
    let about = |page: &str| {
        let text = &pages.iter().find(|(n, _)| n == page).unwrap().1;
        man_section(text, "NAME").unwrap().trim().to_owned()
    };
    assert_ne!(
        about("certsmith-key-public.1").split(" - ").nth(1),
        about("certsmith-key-fingerprint.1").split(" - ").nth(1)
    );
}

/// Every key that src/cfssl/request.rs, config.rs and profile.rs read, and every usage
/// string `Usage::parse` accepts, is described in certsmith-csr-json(5) or
/// certsmith-config(5): a field added to the parser without a word in its
/// page fails here.
#[test]
fn the_file_format_pages_describe_every_field_certsmith_reads() {
    let s = Scratch::new();
    let pages = rendered_man_pages(&s);
    let page = |name: &str| pages.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let source = |file: &str| {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        // The parser, not its unit tests.
        text.split("#[cfg(test)]").next().unwrap().to_owned()
    };
    let read = regex::Regex::new(
        r#"(?x)
        \.(?:string|non_empty_string|strings|array|object|integer|bool|url|urls|get|member)\("([^"]+)"\)
        | (?:duration_field|time_field)\(&mut\ \w+,\ "([^"]+)"\)
        | side\("([^"]+)"\)
        | map_keys\(&value,\ &\[([^\]]+)\]\)
        | for\ always\ in\ \[([^\]]+)\]
        "#,
    )
    .unwrap();
    let quoted = regex::Regex::new(r#""([^"]+)""#).unwrap();
    let fields = |code: &str| -> Vec<String> {
        let mut names = Vec::new();
        for c in read.captures_iter(code) {
            let m = c.iter().skip(1).flatten().next().unwrap().as_str();
            if m.contains('"') {
                names.extend(quoted.captures_iter(m).map(|q| q[1].to_owned()));
            } else {
                names.push(m.to_owned());
            }
        }
        names
    };
    let csr_fields = fields(&source("src/cfssl/request.rs"));
    let config_fields = fields(&(source("src/cfssl/config.rs") + &source("src/cfssl/profile.rs")));
    assert!(csr_fields.len() >= 18, "{csr_fields:?}");
    assert!(config_fields.len() >= 40, "{config_fields:?}");
    assert!(config_fields.iter().any(|f| f == "name_constraints"));
    let usages: Vec<String> = certsmith::x509::usage::Usage::accepted_names()
        .map(str::to_owned)
        .collect();
    assert!(usages.len() >= 20, "{usages:?}");
    for (name, fields) in [
        ("certsmith-csr-json.5", csr_fields),
        ("certsmith-config.5", config_fields),
        ("certsmith-config.5", usages),
    ] {
        let text = page(name).split_whitespace().collect::<Vec<_>>().join(" ");
        for field in fields {
            assert!(text.contains(&field), "{name} does not describe `{field}`");
        }
    }
}

/// bash completes fixed values to the values, not to file names: the
/// completion function is called as bash calls it, with COMP_WORDS set.
#[test]
fn bash_completes_reasons_profiles_and_free_values_without_file_names() {
    require("bash");
    let s = Scratch::new();
    s.certsmith(&["generate", "."]).ok();
    s.write("decoy.pem", "");
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let script = format!(
            "source completions/certsmith.bash\n\
             COMP_WORDS=({words})\n\
             COMP_CWORD={cword}\n\
             COMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
             COMP_POINT=${{#COMP_LINE}}\n\
             _certsmith certsmith \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" 2>/dev/null\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words = quoted.join(" "),
            cword = words.len() - 1,
        );
        let run = s.run("bash", &["-c", &script]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        run.stdout_str()
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let reasons = complete(&["certsmith", "revoke", "--reason", ""]);
    for reason in [
        "keyCompromise",
        "cACompromise",
        "superseded",
        "aACompromise",
    ] {
        assert!(reasons.iter().any(|r| r == reason), "{reasons:?}");
    }
    assert!(!reasons.iter().any(|r| r.contains("decoy")), "{reasons:?}");
    assert_eq!(
        complete(&["certsmith", "revoke", "--reason", "key"]),
        ["keyCompromise"]
    );
    let profiles = complete(&["certsmith", "sign", "--profile", ""]);
    for profile in [
        "default",
        "server",
        "client",
        "peer",
        "kubernetes",
        "intermediate",
    ] {
        assert!(profiles.iter().any(|p| p == profile), "{profiles:?}");
    }
    for words in [
        &["certsmith", "inspect", "--expiring-within", ""][..],
        &["certsmith", "revoke", "--serial", ""],
        &["certsmith", "crl", "--next-update", ""],
        &["certsmith", "sign", "--hostname", ""],
        &["certsmith", "remote", "sign", "--remote", ""],
    ] {
        let offered = complete(words);
        assert!(
            !offered.iter().any(|w| w.contains("decoy")),
            "{words:?} completes to file names: {offered:?}"
        );
    }
    // Files still complete where files go.
    let files = complete(&["certsmith", "sign", "--ca", "dec"]);
    assert_eq!(files, ["decoy.pem"]);
    // Hidden commands are not offered.
    let commands = complete(&["certsmith", ""]);
    assert!(commands.iter().any(|c| c == "sign"), "{commands:?}");
    assert!(!commands.iter().any(|c| c == "generate"), "{commands:?}");
}
