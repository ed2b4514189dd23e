//! The README says what clerk does: its checks table says what the
//! registry says (every check, its code, name and summary), and its sample
//! report is what its first command prints, so the documentation cannot
//! drift from the code.

#[test]
fn readme_lists_every_check_as_the_registry_does() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in clerk::rules::RULES {
        let row = format!("| {} | {} | {} |", rule.code, rule.name, rule.summary());
        assert!(readme.contains(&row), "README.md lacks the row: {row}");
    }
}

/// The README's first command, as a clerk would type it.
const FIRST_COMMAND: &str = "cargo run --release -- check ";

#[test]
fn readme_example_file_exists() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = readme
        .lines()
        .find(|line| line.starts_with(FIRST_COMMAND))
        .expect("the README's first command");
    let path = command.trim_start_matches(FIRST_COMMAND).trim();
    assert!(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(path)
            .is_file(),
        "{path}"
    );
}

#[test]
fn readme_sample_report_is_what_its_first_command_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = readme
        .lines()
        .find(|line| line.starts_with(FIRST_COMMAND))
        .expect("the README's first command");
    // What `cargo run --release --` runs: the clerk binary, with the rest.
    let arguments = command.trim_start_matches("cargo run --release -- ");
    let section = readme
        .split_once("\n## What it reports\n")
        .expect("a section \"What it reports\"")
        .1;
    let sample = section
        .split_once("\n```\n")
        .and_then(|(_, rest)| rest.split_once("\n```\n"))
        .expect("a report in a fenced block")
        .0;
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(arguments.split_whitespace())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // As at a terminal with colour off; the report is otherwise the same.
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        format!("{sample}\n")
    );
    assert_eq!(String::from_utf8(run.stderr).unwrap(), "");
    assert_eq!(run.status.code(), Some(1), "the README says it exits 1");
    assert!(
        section.contains("exits 1\n(problems found)"),
        "the README says what it exits with"
    );
}
