//! The Neovim plugin (editors/nvim) in a real, headless Neovim.
//!
//! Each test starts `nvim --headless` with tests/fixtures/editors/nvim_driver.lua
//! as its init file: it puts editors/nvim on the runtimepath, calls
//! `require("clerk").setup(...)`, opens a minutes file and writes what the
//! user would see (filetype, attached client, diagnostics, outline,
//! completion) to a JSON report, which the test reads.
//!
//! Tests named `..._stand_in_...` run the plugin against a small stand-in
//! server (tests/fixtures/editors/stand_in_server.py), so they check the
//! plugin's own wiring whatever state the real server is in. Tests named
//! `..._clerk_...` run the real `clerk lsp` and check what a clerk sees.
//!
//! Without nvim (or python3 for the stand-in) a test is ignored, saying
//! what it needs, unless CI=true, where it fails: `.ci/editors.sh` installs
//! both (tests/trials). The test of `vim.lsp.enable` needs Neovim 0.11 or
//! later, which Debian 12 does not ship, so it is ignored on CI too unless
//! CLERK_TEST_NVIM names one.

mod editor_common;
#[macro_use]
mod trials;

use editor_common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use trials::{Need, Trials};

const NVIM_HINT: &str = "apt-get install neovim, or run .ci/editors.sh";

/// The Neovim to test: CLERK_TEST_NVIM (to try another version), else
/// `nvim` on PATH (Debian 12's is 0.7).
fn nvim() -> String {
    std::env::var("CLERK_TEST_NVIM").unwrap_or_else(|_| "nvim".to_owned())
}

/// The version `nvim --version` gives on its first line ("NVIM v0.7.2"),
/// as (major, minor).
fn nvim_version() -> Option<(u32, u32)> {
    let output = Command::new(nvim()).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text.lines().next()?.strip_prefix("NVIM v")?;
    let mut numbers = version.split(|c: char| !c.is_ascii_digit());
    Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
}

fn main() {
    let nvim = Need::program(&nvim(), &["--version"], NVIM_HINT);
    let python = Need::program("python3", &["--version"], PYTHON_HINT);
    let lsp_enable = Need::not_required_on_ci(
        "Neovim 0.11 or later",
        "for vim.lsp.enable; Debian 12's is 0.7, and CLERK_TEST_NVIM can name a newer one",
        || nvim_version().is_some_and(|version| version >= (0, 11)),
    );
    let mut trials = Trials::from_command_line();
    add_tests!(
        trials,
        [],
        tests_without_neovim_are_ignored_and_say_what_they_need,
        tests_without_neovim_fail_on_ci,
        a_test_for_a_newer_neovim_is_ignored_on_ci_too,
    );
    add_tests!(
        trials,
        [&nvim],
        minutes_files_get_the_minutes_filetype_and_other_files_do_not,
        minutes_syntax_highlights_headings_labels_markers_and_abbreviations,
        a_missing_server_program_is_explained_with_how_to_install_it,
    );
    add_tests!(
        trials,
        [&nvim, &python],
        plugin_shows_stand_in_findings_outline_and_completion,
        plugin_sends_the_checks_settings_to_the_stand_in,
    );
    add_tests!(
        trials,
        [&nvim, &python, &lsp_enable],
        lsp_enable_finds_the_plugins_server_configuration_on_neovim_0_11,
    );
    add_tests!(
        trials,
        [&nvim],
        clerk_findings_outline_and_completion_show_in_neovim,
        clerk_honours_the_checks_the_plugin_ignores,
        clerk_completes_a_first_mention_with_the_role_as_the_clerk_types_in_neovim,
        k_shows_what_clerk_says_about_the_word_under_the_cursor_in_neovim,
        accepting_add_to_glossary_and_writing_clerk_toml_clears_the_finding_in_neovim,
    );
    trials.run()
}
const PYTHON_HINT: &str = "the stand-in server needs python3";
/// Generous: the 2-core CI machine may be building other crates meanwhile.
const NVIM_LIMIT: Duration = Duration::from_secs(60);

/// What one headless Neovim session saw.
struct Report(Value);

impl Report {
    fn filetype(&self) -> &str {
        self.0["filetype"].as_str().unwrap_or("")
    }

    /// (code, 0-based line) of every diagnostic, in text order.
    fn findings(&self) -> Vec<(String, u64)> {
        self.0["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|diagnostic| {
                (
                    diagnostic["code"]
                        .as_str()
                        .unwrap_or("<no code>")
                        .to_owned(),
                    diagnostic["line"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    /// (name, depth) of every outline entry, in outline order.
    fn outline(&self) -> Vec<(String, u64)> {
        self.0["symbols"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|symbol| {
                (
                    symbol["name"].as_str().unwrap().to_owned(),
                    symbol["depth"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    fn completion_labels(&self) -> Vec<String> {
        self.0["completion"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|label| label.as_str().unwrap().to_owned())
            .collect()
    }

    fn client_root(&self) -> Option<&str> {
        self.0["clients"][0]["root_dir"].as_str()
    }

    fn notifications(&self) -> Vec<String> {
        self.0["notifications"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|note| note["message"].as_str().unwrap_or("").to_owned())
            .collect()
    }

    /// Errors the driver met (Lua errors, LSP error replies). Neovim's JSON
    /// encoder writes an empty list as {}, hence the lenient reading.
    fn errors(&self) -> Vec<String> {
        self.0["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|error| error.as_str().unwrap_or("").to_owned())
            .collect()
    }

    fn client_count(&self) -> usize {
        self.0["clients"].as_array().map_or(0, Vec::len)
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{}",
            serde_json::to_string_pretty(&self.0).unwrap()
        )
    }
}

/// Opens `file` in headless Neovim with `setup` given to the plugin; when
/// `complete` is set, types it as a new line below `after_line` and asks for
/// completion at its end.
fn open_in_nvim(file: &Path, setup: Value, complete: Option<Value>, wait_ms: u64) -> Report {
    open_in_nvim_with(file, setup, complete, wait_ms, &[])
}

fn open_in_nvim_with(
    file: &Path,
    setup: Value,
    complete: Option<Value>,
    wait_ms: u64,
    extra_env: &[(&str, String)],
) -> Report {
    let scratch = tempfile::tempdir().unwrap();
    let report_path = scratch.path().join("report.json");
    let mut command = Command::new(nvim());
    command
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(fixtures_dir().join("nvim_driver.lua"))
        .env("CLERK_NVIM_PLUGIN", editors_dir().join("nvim"))
        .env("CLERK_NVIM_SETUP", setup.to_string())
        .env("CLERK_NVIM_FILE", file)
        .env("CLERK_NVIM_REPORT", &report_path)
        .env("CLERK_NVIM_WAIT_MS", wait_ms.to_string())
        .env(
            "CLERK_NVIM_COMPLETE",
            complete.map(|value| value.to_string()).unwrap_or_default(),
        )
        // Keep the user's own Neovim configuration and plugins out of the test.
        .env("XDG_CONFIG_HOME", scratch.path().join("config"))
        .env("XDG_DATA_HOME", scratch.path().join("data"))
        .env("XDG_STATE_HOME", scratch.path().join("state"))
        .envs(extra_env.iter().map(|(name, value)| (name, value)));
    let finished = run_with_limit(&mut command, NVIM_LIMIT, scratch.path());
    let text = std::fs::read_to_string(&report_path).unwrap_or_else(|_| {
        panic!(
            "nvim wrote no report (exit {:?}); stderr:\n{}\nstdout:\n{}",
            finished.status, finished.stderr, finished.stdout
        )
    });
    Report(serde_json::from_str(&text).unwrap())
}

fn names_at_depth(outline: &[(String, u64)], depth: u64) -> Vec<&str> {
    outline
        .iter()
        .filter(|(_, d)| *d == depth)
        .map(|(name, _)| name.as_str())
        .collect()
}

const COMMITTEE_ITEMS: [&str; 4] = [
    "1. Apologies for absence",
    "2. Minutes of the last meeting",
    "3. Tree planting programme",
    "4. Date of next meeting",
];

/// The line "Apologies were received from Councillor Sharma." in committee.minutes.
const LINE_BEFORE_TYPING: u64 = 8;

fn minutes_files_get_the_minutes_filetype_and_other_files_do_not() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let cases = [
        ("committee.minutes", "minutes"),
        ("committee.minutes.md", "minutes"),
        ("committee.minutes.txt", "minutes"),
        ("notes.md", "markdown"),
        ("notes.txt", "text"),
    ];
    for (name, _) in &cases {
        std::fs::copy(folder.join("committee.minutes"), folder.join(name)).ok();
    }
    // A server command that cannot start keeps this test about detection.
    let setup = json!({ "cmd": ["clerk-test-no-such-program", "lsp"] });
    for (name, expected) in cases {
        let report = open_in_nvim(&folder.join(name), setup.clone(), None, 200);
        assert_eq!(
            report.filetype(),
            expected,
            "filetype of {name}: {report:?}"
        );
    }
}

fn minutes_syntax_highlights_headings_labels_markers_and_abbreviations() {
    let (_root, folder) = workspace_with(&["headings.minutes.md"], "");
    // (line, column, group): 1-based places in headings.minutes.md.
    let expected = [
        (3, 4, "minutesItemNumber"), // ## 5. Matters Arising
        (3, 7, "minutesItemHeading"),
        (4, 1, "minutesItemNumber"),        // 6\. Correspondence
        (6, 1, "minutesItemNumber"),        // 276.
        (9, 1, "minutesItemNumber"),        // CELS/12 Budget monitoring
        (11, 1, "minutesItemHeading"),      // APOLOGIES FOR ABSENCE
        (13, 1, "minutesItemHeading"),      // Agenda item
        (16, 1, "minutesSectionLabel"),     // Decision:
        (17, 20, "minutesResolved"),        // It was unanimously RESOLVED:
        (18, 1, "minutesResolutionNumber"), // 1.    That
        (19, 1, "minutesResolutionNumber"), // (a)   That
        (19, 68, "minutesAbbreviation"),    // (MASH)
        (20, 1, "minutesResolutionNumber"), // 119.1  RESOLVED
        (24, 1, "minutesSectionLabel"),     // Action: Clerk to write to the DfE
        (24, 31, "minutesAbbreviation"),
        (25, 1, "minutesAttendanceLabel"), // Also present:
        (25, 16, ""),                      // Dr Anusree Biswas: plain text
    ];
    let places: Vec<Value> = expected
        .iter()
        .map(|(line, column, _)| json!([line, column]))
        .collect();
    let report = open_in_nvim_with(
        &folder.join("headings.minutes.md"),
        json!({ "cmd": ["clerk-test-no-such-program", "lsp"] }),
        None,
        200,
        &[("CLERK_NVIM_SYNTAX", Value::from(places).to_string())],
    );
    let groups: Vec<&str> = report.0["syntax"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group.as_str().unwrap())
        .collect();
    let wanted: Vec<&str> = expected.iter().map(|(_, _, group)| *group).collect();
    assert_eq!(groups, wanted, "{report:?}");
}

fn a_missing_server_program_is_explained_with_how_to_install_it() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_nvim(
        &folder.join("committee.minutes"),
        json!({ "cmd": ["clerk-test-no-such-program", "lsp"] }),
        None,
        200,
    );
    let notes = report.notifications();
    assert_eq!(
        notes.len(),
        1,
        "one message, not one per buffer: {report:?}"
    );
    assert!(
        notes[0].contains("\"clerk-test-no-such-program\" was not found"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("cargo install --path ."), "{}", notes[0]);
    assert_eq!(report.client_count(), 0, "{report:?}");
}

fn plugin_shows_stand_in_findings_outline_and_completion() {
    // The minutes sit two folders below clerk.toml: the root is its folder.
    let (root, folder) = workspace_with(&["committee.minutes"], "2025/environment");
    let report = open_in_nvim(
        &folder.join("committee.minutes"),
        json!({ "cmd": stand_in_server() }),
        Some(json!({ "after_line": LINE_BEFORE_TYPING, "text": "Councillor Ok" })),
        10_000,
    );
    assert_eq!(report.filetype(), "minutes");
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    assert_eq!(
        Path::new(report.client_root().expect("a clerk client attached")),
        root.path().canonicalize().unwrap(),
        "root folder: {report:?}"
    );
    assert_eq!(
        report.findings(),
        vec![("A001".to_owned(), 18), ("R001".to_owned(), 22)],
        "{report:?}"
    );
    assert_eq!(report.0["diagnostics"][0]["source"], "clerk");
    assert_eq!(
        report.0["diagnostics"][0]["message"],
        "DfE is never spelled out"
    );
    assert_eq!(
        names_at_depth(&report.outline(), 0),
        COMMITTEE_ITEMS,
        "{report:?}"
    );
    assert!(
        report
            .completion_labels()
            .iter()
            .any(|label| label == "Councillor Lena Okafor"),
        "{report:?}"
    );
}

fn lsp_enable_finds_the_plugins_server_configuration_on_neovim_0_11() {
    let (root, folder) = workspace_with(&["committee.minutes"], "2025");
    let report = open_in_nvim_with(
        &folder.join("committee.minutes"),
        json!({ "cmd": stand_in_server() }),
        None,
        10_000,
        &[("CLERK_NVIM_ENABLE", "1".to_owned())],
    );
    assert_eq!(report.0["has_lsp_enable"], true, "{report:?}");
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    assert_eq!(
        Path::new(report.client_root().expect("a clerk client attached")),
        root.path().canonicalize().unwrap(),
        "root folder: {report:?}"
    );
    assert_eq!(
        report.findings(),
        vec![("A001".to_owned(), 18), ("R001".to_owned(), 22)],
        "{report:?}"
    );
}

fn plugin_sends_the_checks_settings_to_the_stand_in() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_nvim(
        &folder.join("committee.minutes"),
        json!({ "cmd": stand_in_server(), "settings": { "ignore": ["R001"] } }),
        None,
        10_000,
    );
    assert_eq!(
        report.findings(),
        vec![("A001".to_owned(), 18)],
        "{report:?}"
    );
}

// The real server. committee.minutes holds three mistakes a clerk would be
// told about: Mr Patel speaks with no role and DfE is never spelled out
// (both on line 19, 0-based 18), and the two resolutions under item 3 have
// no numbers (line 23, 0-based 22). Everything else in it is right and must
// stay silent.

fn clerk_findings_outline_and_completion_show_in_neovim() {
    let (root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_nvim(
        &folder.join("committee.minutes"),
        json!({ "cmd": clerk_server() }),
        Some(json!({ "after_line": LINE_BEFORE_TYPING, "text": "Councillor Ok" })),
        15_000,
    );
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    assert_eq!(
        Path::new(report.client_root().expect("clerk attached")),
        root.path().canonicalize().unwrap()
    );
    assert_eq!(
        report.findings(),
        vec![
            ("P001".to_owned(), 18),
            ("A001".to_owned(), 18),
            ("R001".to_owned(), 22)
        ],
        "{report:?}"
    );
    for diagnostic in report.0["diagnostics"].as_array().into_iter().flatten() {
        assert_eq!(diagnostic["source"], "clerk", "{report:?}");
    }
    let outline = report.outline();
    let item_depth = outline
        .iter()
        .find(|(name, _)| name == COMMITTEE_ITEMS[0])
        .unwrap_or_else(|| {
            panic!(
                "no agenda item {:?} in the outline: {report:?}",
                COMMITTEE_ITEMS[0]
            )
        })
        .1;
    // Beside the items, at their level: the attendance lists (and, where the
    // parser sees one, nothing else); every numbered entry is an item.
    let numbered: Vec<&str> = names_at_depth(&outline, item_depth)
        .into_iter()
        .filter(|name| name.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(numbered, COMMITTEE_ITEMS, "{report:?}");
    assert!(
        report
            .completion_labels()
            .iter()
            .any(|label| label.contains("Okafor")),
        "completing \"Councillor Ok\" offers Councillor Okafor: {report:?}"
    );
}

fn clerk_honours_the_checks_the_plugin_ignores() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = open_in_nvim(
        &folder.join("committee.minutes"),
        json!({ "cmd": clerk_server(), "settings": { "ignore": ["R001", "unnumbered-resolutions"] } }),
        None,
        15_000,
    );
    let codes: Vec<String> = report
        .findings()
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert!(codes.contains(&"A001".to_owned()), "{report:?}");
    assert!(
        !codes.contains(&"R001".to_owned()),
        "R001 was ignored: {report:?}"
    );
}

// As a clerk types: tests/fixtures/editors/nvim_typist.lua feeds keys to a
// headless Neovim, so the plugin's mappings and omnifunc, and Neovim's own
// LSP handlers, run as they do at the keyboard.

/// Plays `scenario` of nvim_typist.lua on `file` with the real server.
fn type_in_nvim(file: &Path, scenario: &str, env: &[(&str, String)]) -> Report {
    let scratch = tempfile::tempdir().unwrap();
    let report_path = scratch.path().join("report.json");
    let mut command = Command::new(nvim());
    command
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(fixtures_dir().join("nvim_typist.lua"))
        .env("CLERK_NVIM_PLUGIN", editors_dir().join("nvim"))
        .env(
            "CLERK_NVIM_SETUP",
            json!({ "cmd": clerk_server() }).to_string(),
        )
        .env("CLERK_NVIM_FILE", file)
        .env("CLERK_NVIM_REPORT", &report_path)
        .env("CLERK_NVIM_SCENARIO", scenario)
        .env("XDG_CONFIG_HOME", scratch.path().join("config"))
        .env("XDG_DATA_HOME", scratch.path().join("data"))
        .env("XDG_STATE_HOME", scratch.path().join("state"))
        .envs(env.iter().map(|(name, value)| (name, value)));
    let finished = run_with_limit(&mut command, NVIM_LIMIT, scratch.path());
    let text = std::fs::read_to_string(&report_path).unwrap_or_else(|_| {
        panic!(
            "nvim wrote no report (exit {:?}); stderr:\n{}\nstdout:\n{}",
            finished.status, finished.stderr, finished.stdout
        )
    });
    Report(serde_json::from_str(&text).unwrap())
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

/// The line "Mr Patel explained ... advice from the DfE." (1-based).
const DFE_LINE: u64 = 19;

fn clerk_completes_a_first_mention_with_the_role_as_the_clerk_types_in_neovim() {
    let (_root, folder) = committee_with_register();
    let report = type_in_nvim(
        &folder.join("committee.minutes"),
        "complete",
        &[
            ("CLERK_NVIM_LINE", (LINE_BEFORE_TYPING + 1).to_string()),
            ("CLERK_NVIM_TYPE", json!(["Ms Jor", "Ms Jor"]).to_string()),
        ],
    );
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    // `Ms Jor` then <C-x><C-o>: on her first mention, her name and role;
    // on the line below, named already, the surname alone.
    assert_eq!(
        report.0["lines"],
        json!(["Ms Brigitte Jordaan, Operational Director,", "Ms Jordaan"]),
        "{report:?}"
    );
    assert_eq!(report.0["omnifunc"], "v:lua.require'clerk'.omnifunc");
    assert_eq!(
        report.0["formatexpr"], "",
        "gq still wraps by textwidth: {report:?}"
    );
    assert_eq!(report.0["k_mapped_here"], true, "{report:?}");
    assert_eq!(
        report.0["k_mapped_elsewhere"], false,
        "K is left alone outside minutes: {report:?}"
    );
    assert_eq!(report.0["omnifunc_elsewhere"], "", "{report:?}");
}

fn k_shows_what_clerk_says_about_the_word_under_the_cursor_in_neovim() {
    let (_root, folder) = workspace_with(&["committee.minutes"], "");
    let report = type_in_nvim(
        &folder.join("committee.minutes"),
        "hover",
        &[
            ("CLERK_NVIM_LINE", DFE_LINE.to_string()),
            ("CLERK_NVIM_WORD", "DfE".to_owned()),
        ],
    );
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    assert_eq!(report.0["hover_shown"], true, "{report:?}");
    // Neovim 0.7 asks for Markdown and shows it in a float, drawing the
    // rule between the abbreviation and the finding across the window; the
    // check's documentation is a command away, not pasted in.
    assert_eq!(
        report.0["hover"],
        json!([
            "**DfE**: Department for Education",
            "",
            "From clerk's dictionary; not spelled out in these minutes",
            "─".repeat(78),
            "**A001 undefined-abbreviation**: DfE is not spelled out in these minutes; it usually stands for “Department for Education”",
            "",
            "What it flags: an abbreviation used but never spelled out; `clerk rules A001` explains this check."
        ]),
        "{report:?}"
    );
}

fn accepting_add_to_glossary_and_writing_clerk_toml_clears_the_finding_in_neovim() {
    let (root, folder) = workspace_with(&["committee.minutes"], "");
    let minutes = folder.join("committee.minutes");
    let config = root.path().join("clerk.toml");
    let report = type_in_nvim(
        &minutes,
        "glossary",
        &[
            ("CLERK_NVIM_LINE", DFE_LINE.to_string()),
            ("CLERK_NVIM_WORD", "DfE".to_owned()),
            (
                "CLERK_NVIM_ACTION",
                "Add DfE to the glossary in clerk.toml".to_owned(),
            ),
            ("CLERK_NVIM_CONFIG", config.display().to_string()),
        ],
    );
    assert_eq!(report.errors(), Vec::<String>::new(), "{report:?}");
    assert_eq!(
        report.0["offered"],
        json!([
            "Spell out DfE as “Department for Education (DfE)”",
            "Add DfE to the glossary in clerk.toml"
        ]),
        "{report:?}"
    );
    // Accepted, the edit waits in Neovim's clerk.toml buffer, and the
    // finding stands until the clerk writes it ...
    assert_eq!(report.0["edit_applied"], true, "{report:?}");
    assert_eq!(report.0["finding_before_writing"], true, "{report:?}");
    // ... and goes once :wall has written it, though Neovim 0.7 watches no
    // files for the server: the server sees the file saved.
    assert_eq!(report.0["finding_cleared"], true, "{report:?}");
    let after: Vec<(String, u64)> = report.0["findings_after"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["code"].as_str().unwrap().to_owned(),
                finding["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        after,
        [("P001".to_owned(), 18), ("R001".to_owned(), 22)],
        "{report:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[abbreviations]\nDfE = \"Department for Education\"\n# settings for the editor tests\n"
    );
    // The minutes themselves are as they were, in the buffer and on disk.
    assert_eq!(report.0["minutes_unchanged"], true, "{report:?}");
    assert_eq!(report.0["minutes_modified"], false, "{report:?}");
    assert_eq!(
        std::fs::read_to_string(&minutes).unwrap(),
        std::fs::read_to_string(fixtures_dir().join("committee.minutes")).unwrap()
    );
}

// What cargo shows of these tests where Neovim is missing: this test file
// run again, as cargo runs it, with CLERK_TEST_NVIM naming no program.

const NO_NVIM: &str = "/nonexistent/clerk-test-nvim";

/// This test file's own binary, run with `args` and `env` and without
/// CI unless `env` sets it: its exit code and standard output, with the
/// times in "finished in 0.01s" written as "finished in …".
fn run_these_tests(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(args)
        .args(["--test-threads", "1", "--color", "never"])
        .env_remove("CI")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let timeless = regex::Regex::new(r"finished in [0-9.]+s")
        .unwrap()
        .replace_all(&stdout, "finished in …")
        .into_owned();
    (output.status.code(), timeless)
}

fn tests_without_neovim_are_ignored_and_say_what_they_need() {
    let (code, stdout) = run_these_tests(
        &["--exact", "clerk_honours_the_checks_the_plugin_ignores"],
        &[("CLERK_TEST_NVIM", NO_NVIM)],
    );
    assert_eq!(
        stdout,
        "ignored: 1 test that needs /nonexistent/clerk-test-nvim, which is not here \
         (apt-get install neovim, or run .ci/editors.sh); with CI=true it fails instead\n\
         \n\
         running 1 test\n\
         test [needs /nonexistent/clerk-test-nvim] clerk_honours_the_checks_the_plugin_ignores ... ignored\n\
         \n\
         test result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 13 filtered out; finished in …\n\
         \n"
    );
    assert_eq!(code, Some(0));

    // Every test that needs Neovim, counted as ignored, and the others run.
    let (code, stdout) = run_these_tests(
        &[
            "--skip",
            "neovim_are",
            "--skip",
            "neovim_fail",
            "--skip",
            "newer_neovim",
        ],
        &[("CLERK_TEST_NVIM", NO_NVIM)],
    );
    assert!(
        stdout.contains(
            "\ntest result: ok. 0 passed; 0 failed; 11 ignored; 0 measured; 3 filtered out; finished in …\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.starts_with(
            "ignored: 11 tests that need /nonexistent/clerk-test-nvim, which is not here \
             (apt-get install neovim, or run .ci/editors.sh); with CI=true they fail instead\n"
        ),
        "{stdout}"
    );
    assert_eq!(code, Some(0));

    // Asked for by --include-ignored, such a test runs, and fails saying why.
    let (code, stdout) = run_these_tests(
        &[
            "--include-ignored",
            "--exact",
            "clerk_honours_the_checks_the_plugin_ignores",
        ],
        &[("CLERK_TEST_NVIM", NO_NVIM)],
    );
    assert!(
        stdout.contains(
            "/nonexistent/clerk-test-nvim is needed for this test, but it is not here: \
             apt-get install neovim, or run .ci/editors.sh"
        ),
        "{stdout}"
    );
    assert_eq!(code, Some(101), "{stdout}");
}

fn tests_without_neovim_fail_on_ci() {
    let (code, stdout) = run_these_tests(
        &["--exact", "clerk_honours_the_checks_the_plugin_ignores"],
        &[("CLERK_TEST_NVIM", NO_NVIM), ("CI", "true")],
    );
    assert!(
        stdout.contains("test clerk_honours_the_checks_the_plugin_ignores ... FAILED\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "/nonexistent/clerk-test-nvim is needed for this test and CI=true, but it is not here: \
             apt-get install neovim, or run .ci/editors.sh"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\ntest result: FAILED. 0 passed; 1 failed; 0 ignored;"),
        "{stdout}"
    );
    assert!(!stdout.contains("ignored:"), "{stdout}");
    assert_eq!(code, Some(101), "{stdout}");
}

fn a_test_for_a_newer_neovim_is_ignored_on_ci_too() {
    // A stand-in for Debian 12's Neovim, which says its version and no more.
    let folder = tempfile::tempdir().unwrap();
    let old_nvim = folder.path().join("nvim");
    std::fs::write(&old_nvim, "#!/bin/sh\necho 'NVIM v0.7.2'\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&old_nvim, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (code, stdout) = run_these_tests(
        &[
            "--exact",
            "lsp_enable_finds_the_plugins_server_configuration_on_neovim_0_11",
        ],
        &[
            ("CLERK_TEST_NVIM", old_nvim.to_str().unwrap()),
            ("CI", "true"),
        ],
    );
    assert!(
        stdout.starts_with(
            "ignored: 1 test that needs Neovim 0.11 or later, which is not here \
             (for vim.lsp.enable; Debian 12's is 0.7, and CLERK_TEST_NVIM can name a newer one); \
             CI does not need it either\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "test [needs Neovim 0.11 or later] lsp_enable_finds_the_plugins_server_configuration_on_neovim_0_11 ... ignored\n"
        ),
        "{stdout}"
    );
    assert_eq!(code, Some(0), "{stdout}");
}
