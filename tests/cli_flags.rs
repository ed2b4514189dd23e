//! The flags of `clerk check` that CI maintainers know from Ruff, each as a
//! user meets it: what it prints and the exit code it ends with.
//! `--statistics`, `--exit-zero`, `--output-file`, `--diff`, `--color`,
//! `--show-settings`, `--show-files` and `--extend-select`.

use std::path::Path;

mod cli_support;
use cli_support::{clerk, clerk_with, fixture_copy, folder, names_in, Run};

/// Minutes with four slips: Mr Patel with no role (P001), DfE never
/// spelled out (A001, an unsafe fix), two decisions with no numbers (R001,
/// a safe fix) and no RESOLVED marker (R003, an unsafe fix).
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");
const CLEAN: &str = include_str!("fixtures/cli/clean.txt");

#[test]
fn statistics_count_findings_per_check_with_what_can_be_fixed() {
    // The DfE twice over: in the committee minutes and in a second file.
    let second = "Parish Council\nMinutes of the meeting held on 1 April 2024\n\n\
                  Present: Cllr Ann Lee (Chair), Cllr Tom Hart\n\n1. Grants\nThe DfE wrote.\n";
    let dir = folder(&[
        ("a.txt", COMMITTEE.as_bytes()),
        ("b.txt", second.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--statistics"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2  A001  undefined-abbreviation  2 fixable with --unsafe-fixes\n\
         1  P001  missing-speaker-role\n\
         1  R001  unnumbered-resolutions  1 fixable with --fix\n\
         1  R003  unmarked-resolutions    1 fixable with --unsafe-fixes\n\
         Found 5 problems in 2 files (1 fixable with --fix, 3 more with --unsafe-fixes).\n"
    );

    let json = clerk(dir.path(), &["check", "--statistics", "--format", "json"]);
    assert_eq!(json.code, 1);
    assert_eq!(
        json.json(),
        serde_json::json!([
            {"code": "A001", "name": "undefined-abbreviation", "count": 2,
             "fixable_with_fix": 0, "fixable_with_unsafe_fixes": 2},
            {"code": "P001", "name": "missing-speaker-role", "count": 1,
             "fixable_with_fix": 0, "fixable_with_unsafe_fixes": 0},
            {"code": "R001", "name": "unnumbered-resolutions", "count": 1,
             "fixable_with_fix": 1, "fixable_with_unsafe_fixes": 0},
            {"code": "R003", "name": "unmarked-resolutions", "count": 1,
             "fixable_with_fix": 0, "fixable_with_unsafe_fixes": 1}
        ])
    );

    let clean = folder(&[("clean.txt", CLEAN.as_bytes())]);
    let run = clerk(clean.path(), &["check", "--statistics"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "All checked: no problems found in 1 file.\n")
    );

    let refused = clerk(dir.path(), &["check", "--statistics", "--format", "sarif"]);
    assert_eq!((refused.code, refused.stdout.as_str()), (2, ""));
    assert_eq!(
        refused.stderr,
        "clerk: --statistics is shown as a table (--format human or concise) or as JSON \
         (--format json), not as sarif\n"
    );
}

#[test]
fn exit_zero_passes_a_run_with_findings_but_not_one_with_trouble() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(dir.path(), &["check", "--exit-zero", "--format", "concise"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().count(),
        5,
        "the findings are still shown:\n{}",
        run.stdout
    );

    std::fs::write(dir.path().join("scan.txt"), b"\x00\x01").unwrap();
    let run = clerk(dir.path(), &["check", "--exit-zero"]);
    assert_eq!(run.code, 2, "a file that could not be checked still fails");
}

#[test]
fn output_file_holds_the_report_and_is_replaced_whole() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let stdout_run = clerk(dir.path(), &["check", "--format", "json"]);
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/clerk.json"), "an old report\n").unwrap();
    let run = clerk_with(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "reports/clerk.json",
        ],
        &[("FORCE_COLOR", "1")],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    let written = std::fs::read_to_string(dir.path().join("reports/clerk.json")).unwrap();
    assert_eq!(written, stdout_run.stdout);
    assert_eq!(
        names_in(&dir.path().join("reports")),
        ["clerk.json"],
        "no temporary file is left"
    );

    // A human report in a file has no colour, whatever the terminal wants.
    let run = clerk_with(
        dir.path(),
        &[
            "check",
            "--output-file",
            "reports/clerk.txt",
            "--color",
            "always",
        ],
        &[],
    );
    assert_eq!(run.code, 1);
    let written = std::fs::read_to_string(dir.path().join("reports/clerk.txt")).unwrap();
    assert!(
        written.starts_with("committee.txt:10:1: P001 ["),
        "{written}"
    );
    assert!(!written.contains('\u{1b}'), "{written:?}");

    // A folder is made for it; a folder in its place is refused.
    let run = clerk(
        dir.path(),
        &["check", "--output-file", "new/deep/report.txt"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(dir.path().join("new/deep/report.txt").is_file());
    let run = clerk(dir.path(), &["check", "--output-file", "reports"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: reports: the report could not be written: it is a folder\n"
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(dir.path(), &["check", "--diff"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "--- committee.txt\n\
         +++ committee.txt\n\
         @@ -8,5 +8,5 @@\n \n 2. School transport\n \
         Mr Patel explained that the crèche grant from the DfE would arrive in April.\n\
         -- That the Committee notes the school transport report.\n\
         -- That the Committee agrees to write to the county council.\n\
         +1. That the Committee notes the school transport report.\n\
         +2. That the Committee agrees to write to the county council.\n"
    );
    assert_eq!(run.stderr, "Would fix 1 problem in 1 file.\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("committee.txt")).unwrap(),
        COMMITTEE,
        "nothing is written"
    );

    // With --unsafe-fixes the DfE is spelled out as well.
    let run = clerk(
        dir.path(),
        &["check", "--diff", "--unsafe-fixes", "--select", "A001"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "-Mr Patel explained that the crèche grant from the DfE would arrive in April.\n\
             +Mr Patel explained that the crèche grant from the Department for Education (DfE) would arrive in April.\n"
        ),
        "{}",
        run.stdout
    );

    // Nothing to fix: no diff, and a clean exit.
    let clean = folder(&[("clean.txt", CLEAN.as_bytes())]);
    let run = clerk(clean.path(), &["check", "--diff"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "No fixes to make.\n")
    );

    // Only the human report can hold a diff.
    let run = clerk(dir.path(), &["check", "--diff", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: --diff shows the fixes as a diff, so it cannot be given with --format json\n"
    );
}

#[test]
fn diff_of_standard_input_names_it_and_echoes_nothing() {
    let dir = folder(&[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--diff", "--stdin-filename", "draft.txt", "-"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(COMMITTEE.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.starts_with("--- draft.txt\n+++ draft.txt\n@@ -8,5 +8,5 @@\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("Little Wenham"),
        "the text is not echoed: {stdout}"
    );
}

fn has_colour(run: &Run) -> bool {
    run.stdout.contains('\u{1b}')
}

#[test]
fn color_follows_the_flag_then_no_color_then_force_color() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = |args: &[&str], env: &[(&str, &str)]| -> Run {
        let mut all = vec!["check", "committee.txt"];
        all.extend_from_slice(args);
        clerk_with(dir.path(), &all, env)
    };
    // Standard output is a pipe here, not a terminal.
    assert!(!has_colour(&run(&[], &[])));
    assert!(has_colour(&run(&["--color", "always"], &[])));
    assert!(
        has_colour(&run(&["--color", "always"], &[("NO_COLOR", "1")])),
        "the flag wins"
    );
    assert!(
        !has_colour(&run(&["--color", "never"], &[("FORCE_COLOR", "1")])),
        "the flag wins"
    );
    assert!(has_colour(&run(&[], &[("FORCE_COLOR", "1")])));
    assert!(has_colour(&run(
        &["--color", "auto"],
        &[("FORCE_COLOR", "3")]
    )));
    assert!(
        !has_colour(&run(&[], &[("FORCE_COLOR", "")])),
        "an empty FORCE_COLOR is not set"
    );
    assert!(
        !has_colour(&run(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")])),
        "NO_COLOR wins"
    );
    // --no-color is kept, as --color never.
    assert!(!has_colour(&run(&["--no-color"], &[("FORCE_COLOR", "1")])));
    let both = run(&["--no-color", "--color", "always"], &[]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
    // Errors on standard error follow the same choice.
    let missing = clerk_with(
        dir.path(),
        &["check", "--color", "always", "nowhere.txt"],
        &[],
    );
    assert!(
        missing.stderr.starts_with("\u{1b}["),
        "{:?}",
        missing.stderr
    );
}

#[test]
fn show_settings_gives_the_resolved_settings_for_a_file() {
    let repository = fixture_copy("repository");
    let run = clerk(
        repository.path(),
        &[
            "check",
            "--show-settings",
            "--ignore",
            "R003",
            "minutes/2024-02-12.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The shipped lists, each word once.
    let known = clerk::config::builtin_known()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let dictionary = clerk::config::builtin_dictionary()
        .map(|(abbreviation, _)| abbreviation)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(
        run.stdout,
        format!(
            "# The settings for minutes/2024-02-12.txt,\n\
             # from minutes/clerk.toml and the command line.\n\
             \n\
             [checks]\n\
             # R003, R004, K001, K002 do not run here.\n\
             select = [\"R001\", \"R002\", \"R005\", \"A001\", \"A002\", \"A003\", \"A004\", \"P001\", \"P002\", \"P003\", \"D001\", \"D002\", \"D003\", \"S001\", \"S002\", \"T001\", \"M001\"]\n\
             \n\
             [checks.severity]\n\
             R001 = \"warning\"\n\
             R002 = \"warning\"\n\
             R005 = \"warning\"\n\
             A001 = \"warning\"\n\
             A002 = \"warning\"\n\
             A003 = \"warning\"\n\
             A004 = \"warning\"\n\
             P001 = \"warning\"\n\
             P002 = \"warning\"\n\
             P003 = \"warning\"\n\
             D001 = \"warning\"\n\
             D002 = \"warning\"\n\
             D003 = \"warning\"\n\
             S001 = \"warning\"\n\
             S002 = \"warning\"\n\
             T001 = \"warning\"\n\
             M001 = \"warning\"\n\
             \n\
             [abbreviations]\n\
             RFO = \"Responsible Financial Officer\"\n\
             \n\
             [glossary]\n\
             defines = true\n\
             \n\
             [known]\n\
             # The {known} shipped abbreviations every reader knows.\n\
             builtin = true\n\
             add = []\n\
             remove = []\n\
             \n\
             [dictionary]\n\
             # The {dictionary} shipped expansions.\n\
             builtin = true\n\
             remove = []\n\
             \n\
             [dictionary.expansions]\n\
             \n\
             [[people]]\n\
             name = \"Sarah Green\"\n\
             role = \"Parish Clerk\"\n\
             aliases = [\"Mrs Green\"]\n\
             \n\
             [files]\n\
             include = [\"*.txt\", \"*.md\", \"*.minutes\"]\n\
             exclude = []\n\
             \n\
             [body]\n\
             # No profile: M001 expects apologies for absence only.\n"
        )
    );

    // Where no clerk.toml governs, the defaults are shown as such.
    let run = clerk(
        repository.path(),
        &["check", "--show-settings", "README.md"],
    );
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(
            "# The settings for README.md,\n# the defaults: no clerk.toml in its folder or above.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n[abbreviations]\n\n[glossary]\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_settings_reads_the_values_clerk_toml_sets() {
    let settings = "[known]\nadd = [\"PCSO\"]\nremove = [\"EU\"]\n\
                    [dictionary]\nremove = [\"DfE\"]\n[dictionary.expansions]\nLLFA = \"Lead Local Flood Authority\"\n\
                    [checks]\nselect = [\"A001\", \"missing-speaker-role\"]\n[checks.severity]\nA001 = \"error\"\n";
    let dir = folder(&[
        ("clerk.toml", settings.as_bytes()),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--show-settings", "committee.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "# from clerk.toml and the command line.\n",
        "[checks]\n# R001, R002, R003, R004, R005, A002, A003, A004, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001 do not run here.\nselect = [\"A001\", \"P001\"]\n\n[checks.severity]\nA001 = \"error\"\nP001 = \"warning\"\n",
        "add = [\"PCSO\"]\nremove = [\"EU\"]\n",
        "[dictionary.expansions]\nLLFA = \"Lead Local Flood Authority\"\n",
    ] {
        assert!(run.stdout.contains(part), "no {part:?} in:\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("builtin = true\nremove = [\"DfE\"]\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_files_lists_what_would_be_checked_and_checks_nothing() {
    let repository = fixture_copy("repository");
    let run = clerk(repository.path(), &["check", "--show-files"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "minutes/2024-01-15.md\nminutes/2024-02-12.txt\nminutes/2024-03-11.txt\n"
    );
    let all = clerk(repository.path(), &["check", "--show-files", "--all-files"]);
    assert_eq!(
        all.stdout,
        "CHANGELOG.md\nCONTRIBUTING.md\nREADME.md\ndocs/guide.md\n\
         minutes/2024-01-15.md\nminutes/2024-02-12.txt\nminutes/2024-03-11.txt\n"
    );
    let missing = clerk(
        repository.path(),
        &["check", "--show-files", "minutes", "nowhere.txt"],
    );
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr,
        "clerk: nowhere.txt: no such file or folder\n"
    );
    assert_eq!(missing.stdout.lines().count(), 3);
}

#[test]
fn extend_select_adds_checks_to_those_clerk_toml_selects() {
    let dir = folder(&[
        (
            "clerk.toml",
            b"[checks]\nselect = [\"A001\"]\nignore = [\"R003\"]\n",
        ),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let codes = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        clerk(dir.path(), &all).codes()
    };
    assert_eq!(codes(&[]), ["A001"]);
    assert_eq!(codes(&["--extend-select", "P001"]), ["P001", "A001"]);
    assert_eq!(
        codes(&["--extend-select", "missing-speaker-role,R003"]),
        ["P001", "A001", "R003"],
        "a check clerk.toml ignores runs when named here"
    );
    assert_eq!(
        codes(&["--extend-select", "P001", "--ignore", "P001"]),
        ["A001"]
    );
    assert_eq!(
        codes(&["--select", "R001", "--extend-select", "P001"]),
        ["P001", "R001"]
    );

    let run = clerk(dir.path(), &["check", "--extend-select", "A009"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "clerk: unknown check \"A009\" in --extend-select; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001\n"
    );
}

/// A check that ships off (K002) runs only where something names it:
/// --select, --extend-select, or clerk.toml's select or extend-select.
#[test]
fn a_check_that_ships_off_runs_only_when_named() {
    let minutes = "Parish Council\nMinutes of the meeting held on 1 April 2024\n\n\
                   1. Verges\n\nThe grass is long. The Clerk to write to the county about it.\n";
    let codes = |toml: Option<&str>, args: &[&str]| {
        let mut files = vec![("minutes.txt", minutes.as_bytes())];
        if let Some(toml) = toml {
            files.push(("clerk.toml", toml.as_bytes()));
        }
        let dir = folder(&files);
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        clerk(dir.path(), &all).codes()
    };
    let none: [&str; 0] = [];
    assert_eq!(codes(None, &[]), none, "K002 ran by default");
    assert_eq!(codes(None, &["--select", "K002"]), ["K002"]);
    assert_eq!(
        codes(None, &["--extend-select", "action-without-date"]),
        ["K002"]
    );
    assert_eq!(
        codes(Some("[checks]\nselect = [\"K002\"]\n"), &[]),
        ["K002"]
    );
    assert_eq!(
        codes(Some("[checks]\nextend-select = [\"K002\"]\n"), &[]),
        ["K002"]
    );
    assert_eq!(
        codes(
            Some("[checks]\nextend-select = [\"K002\"]\n"),
            &["--ignore", "K002"]
        ),
        none
    );
    assert_eq!(
        codes(
            Some("[checks]\nextend-select = [\"K002\"]\nignore = [\"K002\"]\n"),
            &[]
        ),
        none,
        "ignore wins over extend-select in one clerk.toml"
    );
}

#[test]
fn every_flag_is_documented() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let dir = folder(&[]);
    let help = clerk(dir.path(), &["check", "--help"]);
    for flag in [
        "--statistics",
        "--exit-zero",
        "--output-file",
        "--diff",
        "--color",
        "--no-color",
        "--show-settings",
        "--show-files",
        "--extend-select",
        "--all-files",
        "--verbose",
    ] {
        assert!(help.stdout.contains(flag), "--help lacks {flag}");
        assert!(
            readme.contains(&format!("`{flag}")),
            "README.md lacks `{flag}`"
        );
    }
}
