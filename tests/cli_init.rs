//! `clerk init`: a commented clerk.toml, every table in it commented out
//! with a line on each, never written over one that is there.

use std::path::Path;

mod cli_support;
use cli_support::clerk;

/// Every table clerk.toml may hold, as the documentation gives them.
const TABLES: &[&str] = &[
    "abbreviations",
    "glossary",
    "known",
    "dictionary",
    "people",
    "checks",
    "files",
    "per-file-ignores",
];

/// The settings with every commented-out line in use: explanations are
/// `## ` lines and stay comments; settings are `# ` lines.
fn uncommented(template: &str) -> String {
    template
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(setting) if !line.starts_with("##") => setting,
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_writes_a_commented_clerk_toml_that_changes_nothing_until_used() {
    let dir = tempfile::tempdir().unwrap();
    let run = clerk(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Wrote clerk.toml: every setting is in it, commented out; remove the \"# \" \
         before a setting (and its [table]) to use it.\n"
    );
    assert_eq!(run.stderr, "");
    let written = std::fs::read_to_string(dir.path().join("clerk.toml")).unwrap();

    // As written, it is the defaults.
    let config = clerk::config::parse(&written).expect("valid TOML");
    let defaults = clerk::config::Config::default();
    assert!(config.glossary.is_empty() && config.people.is_empty());
    assert_eq!(config.select, defaults.select);
    assert_eq!(config.include, defaults.include);

    // Every table is there, commented out, with a line saying what it is for.
    let lines: Vec<&str> = written.lines().collect();
    for table in TABLES {
        let header = if *table == "people" {
            "# [[people]]".to_owned()
        } else {
            format!("# [{table}]")
        };
        let at = lines
            .iter()
            .position(|line| *line == header)
            .unwrap_or_else(|| panic!("no {header} in:\n{written}"));
        assert!(
            lines[at - 1].starts_with("## "),
            "{header} has no line on it:\n{written}"
        );
    }
    assert!(
        lines
            .iter()
            .all(|line| line.is_empty() || line.starts_with('#')),
        "only comments:\n{written}"
    );

    // Every setting in it, once uncommented, is one clerk reads.
    let used = clerk::config::parse(&uncommented(&written))
        .unwrap_or_else(|error| panic!("{error}:\n{}", uncommented(&written)));
    assert_eq!(
        used.glossary.get("DfE").map(String::as_str),
        Some("Department for Education")
    );
    assert_eq!(used.people[0].name, "Brigitte Jordaan");
    assert_eq!(
        used.select,
        Some(vec!["A001".to_owned(), "P001".to_owned()])
    );
    assert_eq!(used.exclude, ["drafts/**"]);
    assert_eq!(used.per_file_ignores.len(), 1);
    assert!(used.known.contains("PCSO") && !used.known.contains("EU"));

    // clerk check reads it without a word.
    std::fs::write(
        dir.path().join("march.minutes.txt"),
        "Minutes of the meeting held on 4 March 2024\n\n1. Apologies\nNone.\n",
    )
    .unwrap();
    let run = clerk(dir.path(), &["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{}", run.stdout);
}

#[test]
fn init_never_writes_over_a_clerk_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("clerk.toml"),
        "[abbreviations]\nRFO = \"x\"\n",
    )
    .unwrap();
    let run = clerk(dir.path(), &["init"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "clerk: clerk.toml is already there; clerk init leaves it as it is \
         (move it aside first to start afresh)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clerk.toml")).unwrap(),
        "[abbreviations]\nRFO = \"x\"\n"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left");

    // Nor over a folder or a link to nothing of that name.
    #[cfg(unix)]
    {
        let linked = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("gone.toml", linked.path().join("clerk.toml")).unwrap();
        let run = clerk(linked.path(), &["init"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!linked.path().join("gone.toml").exists());
    }
}

#[test]
fn init_writes_into_a_folder_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("minutes")).unwrap();
    let run = clerk(dir.path(), &["init", "minutes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Wrote minutes/clerk.toml: "),
        "{}",
        run.stdout
    );
    assert!(dir.path().join("minutes/clerk.toml").is_file());
    assert!(!Path::new(&dir.path().join("clerk.toml")).exists());

    let run = clerk(dir.path(), &["init", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: nowhere: no such folder; make it first, or name a folder that is there\n"
    );
}

#[test]
fn init_is_in_the_readme_and_the_help() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("clerk init"), "README.md lacks clerk init");
    let dir = tempfile::tempdir().unwrap();
    let help = clerk(dir.path(), &["--help"]);
    assert!(help.stdout.contains("init"), "{}", help.stdout);
}
