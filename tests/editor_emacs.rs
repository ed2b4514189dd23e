//! The Emacs package (editors/emacs/clerk.el) in batch Emacs with Debian's
//! Eglot: tests/fixtures/editors/emacs_driver.el opens a minutes file,
//! starts Eglot and writes the mode, project root, Flymake diagnostics and
//! imenu entries to a JSON report.
//!
//! `..._stand_in_...` tests use the stand-in server (the package's own
//! wiring); `..._clerk_...` tests the real `clerk lsp`. Without emacs and
//! Eglot the tests are ignored, saying what they need, unless CI=true,
//! where they fail (tests/trials).

mod editor_common;
#[macro_use]
mod trials;

use editor_common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use trials::{Need, Trials};

const EMACS_HINT: &str = "apt-get install emacs-nox elpa-eglot, or run .ci/editors.sh";

fn main() {
    let emacs = Need::program(
        "emacs",
        &[
            "--batch",
            "--eval",
            "(progn (package-initialize) (require 'eglot))",
        ],
        EMACS_HINT,
    );
    let python = Need::program(
        "python3",
        &["--version"],
        "the stand-in server needs python3",
    );
    let mut trials = Trials::from_command_line();
    add_tests!(
        trials,
        [&emacs, &python],
        emacs_shows_stand_in_findings_and_agenda_items,
        emacs_sends_ignored_checks_to_the_stand_in,
    );
    add_tests!(
        trials,
        [&emacs],
        emacs_explains_a_missing_server_program,
        emacs_shows_clerk_findings_and_agenda_items,
        emacs_completes_a_first_mention_at_point_with_clerk,
        emacs_imenu_lists_items_resolutions_and_attendance_in_a_clerks_words,
    );
    trials.run()
}

fn open_in_emacs(file: &Path, command: &[String], ignore: &[&str]) -> Value {
    open_in_emacs_with(file, command, ignore, &[])
}

fn open_in_emacs_with(
    file: &Path,
    command: &[String],
    ignore: &[&str],
    extra_env: &[(&str, String)],
) -> Value {
    let scratch = tempfile::tempdir().unwrap();
    let report = scratch.path().join("report.json");
    let finished = run_with_limit(
        Command::new("emacs")
            .args(["--batch", "-l"])
            .arg(fixtures_dir().join("emacs_driver.el"))
            .env("CLERK_EMACS_EL", editors_dir().join("emacs/clerk.el"))
            .env("CLERK_EMACS_COMMAND", command.join("\n"))
            .env("CLERK_EMACS_IGNORE", ignore.join("\n"))
            .env("CLERK_EMACS_FILE", file)
            .env("CLERK_EMACS_REPORT", &report)
            .env("HOME", scratch.path())
            .envs(extra_env.iter().map(|(name, value)| (name, value))),
        Duration::from_secs(60),
        scratch.path(),
    );
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "emacs wrote no report ({:?}):\n{}",
            finished.status, finished.stderr
        )
    });
    serde_json::from_str(&text).unwrap()
}

/// (line, text) of each Flymake diagnostic: text is "clerk [CODE]: message".
fn diagnostics(report: &Value) -> Vec<(u64, String)> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn imenu(report: &Value) -> Vec<String> {
    report["imenu"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|name| name.as_str().unwrap().to_owned())
        .collect()
}

const COMMITTEE_ITEMS: [&str; 4] = [
    "1. Apologies for absence",
    "2. Minutes of the last meeting",
    "3. Tree planting programme",
    "4. Date of next meeting",
];

/// Whether imenu lists the four agenda items together and in order (in
/// the Items group, among the group names and the other entries).
fn lists_agenda_items(names: &[String]) -> bool {
    names
        .windows(COMMITTEE_ITEMS.len())
        .any(|window| window == COMMITTEE_ITEMS)
}

fn error_count(report: &Value) -> usize {
    report["errors"].as_array().map_or(0, Vec::len)
}

fn emacs_shows_stand_in_findings_and_agenda_items() {
    let (root, folder) = workspace_with(&["committee.minutes"], "2025");
    let report = open_in_emacs(&folder.join("committee.minutes"), &stand_in_server(), &[]);
    assert_eq!(error_count(&report), 0, "{report:#}");
    assert_eq!(report["mode"], "minutes-mode");
    assert_eq!(
        Path::new(report["root"].as_str().unwrap()),
        root.path().canonicalize().unwrap(),
        "the project root is the clerk.toml folder: {report:#}"
    );
    assert_eq!(
        diagnostics(&report),
        vec![
            (18, "clerk [A001]: DfE is never spelled out".to_owned()),
            (
                22,
                "clerk [R001]: These resolutions have no numbers".to_owned()
            ),
        ],
        "{report:#}"
    );
    assert!(lists_agenda_items(&imenu(&report)), "{report:#}");
}

fn emacs_sends_ignored_checks_to_the_stand_in() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_emacs(
        &folder.join("committee.minutes"),
        &stand_in_server(),
        &["R001"],
    );
    assert_eq!(
        diagnostics(&report),
        vec![(18, "clerk [A001]: DfE is never spelled out".to_owned())],
        "{report:#}"
    );
}

fn emacs_explains_a_missing_server_program() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_emacs(
        &folder.join("committee.minutes"),
        &["clerk-test-no-such-program".to_owned()],
        &[],
    );
    let error = report["errors"][0].as_str().unwrap_or_default();
    assert!(
        error.contains("\"clerk-test-no-such-program\" was not found"),
        "{report:#}"
    );
    assert!(error.contains("cargo install --path ."), "{report:#}");
}

fn emacs_shows_clerk_findings_and_agenda_items() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_emacs(&folder.join("committee.minutes"), &clerk_server(), &[]);
    assert_eq!(error_count(&report), 0, "{report:#}");
    let found: Vec<(u64, String)> = diagnostics(&report)
        .into_iter()
        .map(|(line, text)| (line, text.split(':').next().unwrap().to_owned()))
        .collect();
    assert_eq!(
        found,
        vec![
            (18, "clerk [P001]".to_owned()),
            (18, "clerk [A001]".to_owned()),
            (22, "clerk [R001]".to_owned()),
        ],
        "{report:#}"
    );
    assert!(lists_agenda_items(&imenu(&report)), "{report:#}");
}

/// committee.minutes under a clerk.toml whose register knows Ms Jordaan.
fn committee_with_register() -> (tempfile::TempDir, std::path::PathBuf) {
    let (root, folder) = workspace_with(&["committee.minutes"], "");
    std::fs::write(
        root.path().join("clerk.toml"),
        "[[people]]\nname = \"Brigitte Jordaan\"\nrole = \"Operational Director\"\n",
    )
    .unwrap();
    (root, folder)
}

fn emacs_completes_a_first_mention_at_point_with_clerk() {
    let (_root, folder) = committee_with_register();
    // Below line 9 ("Apologies were received ..."), "Ms Jor" and C-M-i, twice.
    let report = open_in_emacs_with(
        &folder.join("committee.minutes"),
        &clerk_server(),
        &[],
        &[("CLERK_EMACS_TYPE", "9\nMs Jor\nMs Jor".to_owned())],
    );
    assert_eq!(error_count(&report), 0, "{report:#}");
    assert_eq!(
        report["c_m_i"], "completion-at-point",
        "C-M-i completes rather than running ispell: {report:#}"
    );
    // Her name and role on her first mention; the surname once named.
    assert_eq!(
        report["typed"],
        serde_json::json!(["Ms Brigitte Jordaan, Operational Director,", "Ms Jordaan"]),
        "{report:#}"
    );
    assert_eq!(
        report["visual_line"], true,
        "long lines wrap at words: {report:#}"
    );
}

fn emacs_imenu_lists_items_resolutions_and_attendance_in_a_clerks_words() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_emacs(&folder.join("committee.minutes"), &clerk_server(), &[]);
    assert_eq!(error_count(&report), 0, "{report:#}");
    // Not Eglot's protocol kinds ("Namespace", "EnumMember") but what the
    // clerk calls them, each resolution with its minute number.
    assert_eq!(
        report["imenu_groups"],
        serde_json::json!([
            ["Items", COMMITTEE_ITEMS],
            [
                "Resolutions",
                [
                    "Minute 1: That the apologies be accepted.",
                    "Minute 2: That the minutes of the meeting held on …",
                    "Minute 3: That the Committee notes the planting schedule.",
                    "Minute 3: That the Committee asks the Town Clerk to …",
                    "Minute 4: that the next meeting be held on 1 …"
                ]
            ],
            ["Attendance", ["Present", "In attendance", "Apologies"]]
        ]),
        "{report:#}"
    );
}
