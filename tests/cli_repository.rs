//! `clerk check` over a folder shaped like a real repository: a README, a
//! licence, a changelog, contributing notes, a guide for minute-takers and,
//! in `minutes/` with its clerk.toml, three sets of minutes. Only the minutes
//! are checked; what was passed over is counted, and listed with --verbose.

mod cli_support;
use cli_support::{clerk, fixture_copy, Run};

/// The files of the repository that are not minutes and that a folder
/// search meets (LICENSE has no .md or .txt, so it is never read).
const NOT_MINUTES: &[&str] = &[
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "README.md",
    "docs/guide.md",
];

/// Every finding in the three minutes, as (path, code, line, column).
const MINUTES_FINDINGS: &[(&str, &str, u64, u64)] = &[
    ("minutes/2024-01-15.md", "P001", 20, 1),
    ("minutes/2024-02-12.txt", "A001", 12, 1),
    ("minutes/2024-02-12.txt", "R001", 14, 1),
    ("minutes/2024-03-11.txt", "A001", 12, 5),
];

fn owned(findings: &[(&str, &str, u64, u64)]) -> Vec<(String, String, u64, u64)> {
    findings
        .iter()
        .map(|(path, code, line, column)| (path.to_string(), code.to_string(), *line, *column))
        .collect()
}

fn paths_with_findings(run: &Run) -> Vec<String> {
    let mut paths: Vec<String> = run.findings().into_iter().map(|(path, ..)| path).collect();
    paths.dedup();
    paths
}

#[test]
fn only_the_minutes_in_a_repository_are_checked() {
    let repository = fixture_copy("repository");
    let run = clerk(repository.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.findings(), owned(MINUTES_FINDINGS));
    assert_eq!(run.stderr, "", "nothing to say on standard error");

    // The glossary in minutes/clerk.toml reached the minutes: the RFO is
    // spelled out there, so the January minutes' use of it is no finding.
    assert!(
        !run.stdout.contains("RFO is not spelled out"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_summary_counts_what_was_passed_over_and_verbose_lists_it() {
    let repository = fixture_copy("repository");
    let run = clerk(repository.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "Found 4 problems in 3 files (1 fixable with --fix).\n\
             Skipped 4 files that do not read as minutes; use --all-files to check them.\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
    for path in NOT_MINUTES {
        assert!(
            !run.stdout.contains(&format!("{path}:")),
            "{path} is reported:\n{}",
            run.stdout
        );
    }

    let verbose = clerk(repository.path(), &["check", "--verbose"]);
    assert_eq!(verbose.code, 1);
    assert_eq!(
        verbose.stdout, run.stdout,
        "--verbose changes only standard error"
    );
    let listed: String = NOT_MINUTES
        .iter()
        .map(|path| {
            format!(
                "clerk: {path}: passed over: it does not read as minutes (name it \
                 *.minutes.txt or *.minutes.md, or use --all-files, to check it)\n"
            )
        })
        .collect();
    assert_eq!(verbose.stderr, listed);

    // --quiet leaves out the summary, and with it the count.
    let quiet = clerk(repository.path(), &["check", "--quiet"]);
    assert!(!quiet.stdout.contains("Skipped"), "{}", quiet.stdout);
}

#[test]
fn all_files_checks_the_others_too_and_they_would_have_findings() {
    // Without this, the test above could pass for a search that found
    // nothing to flag in the README and the guides in the first place.
    let repository = fixture_copy("repository");
    let run = clerk(
        repository.path(),
        &[
            "check",
            "--format",
            "json",
            "--all-files",
            "--select",
            "A001",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        paths_with_findings(&run),
        [
            "CHANGELOG.md",
            "CONTRIBUTING.md",
            "README.md",
            "docs/guide.md",
            "minutes/2024-02-12.txt",
            "minutes/2024-03-11.txt"
        ]
    );
    let human = clerk(repository.path(), &["check", "--all-files"]);
    assert!(!human.stdout.contains("Skipped"), "{}", human.stdout);
}

#[test]
fn a_file_named_on_the_command_line_or_named_as_minutes_is_always_checked() {
    let repository = fixture_copy("repository");
    let run = clerk(
        repository.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "A001",
            "README.md",
            "minutes",
        ],
    );
    assert_eq!(
        paths_with_findings(&run),
        [
            "README.md",
            "minutes/2024-02-12.txt",
            "minutes/2024-03-11.txt"
        ]
    );

    // Named in the folder as minutes, the guide is checked when found.
    std::fs::rename(
        repository.path().join("docs/guide.md"),
        repository.path().join("docs/guide.minutes.md"),
    )
    .unwrap();
    let run = clerk(
        repository.path(),
        &["check", "--format", "json", "--select", "A001", "docs"],
    );
    assert_eq!(paths_with_findings(&run), ["docs/guide.minutes.md"]);
}

#[test]
fn a_folder_of_nothing_but_documents_about_minutes_says_so() {
    let repository = fixture_copy("repository");
    let run = clerk(repository.path(), &["check", "docs"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            0,
            "No minutes files found to check.\n\
             Skipped 1 file that does not read as minutes; use --all-files to check it.\n"
        )
    );
}

#[test]
fn files_skipped_are_not_mended_by_fix() {
    let repository = fixture_copy("repository");
    let readme = std::fs::read(repository.path().join("README.md")).unwrap();
    // The README's FOI has a fix (from the shipped dictionary) to be had.
    let named = clerk(
        repository.path(),
        &["check", "--format", "json", "--select", "A001", "README.md"],
    );
    assert!(
        named
            .stdout
            .contains("\"new_text\": \"Freedom of Information (FOI)\""),
        "{}",
        named.stdout
    );
    let run = clerk(repository.path(), &["check", "--unsafe-fixes"]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read(repository.path().join("README.md")).unwrap(),
        readme
    );
    let mended = std::fs::read_to_string(repository.path().join("minutes/2024-02-12.txt")).unwrap();
    assert!(mended.contains("1. That the Clerk write"), "{mended}");
}
