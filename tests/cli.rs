//! The `clerk` binary as a user meets it: what it prints, in each format,
//! and the exit code it ends with.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod cli_support;
use cli_support::{folder, Run};

/// The committee minutes with four slips in them: DfE never spelled out,
/// Mr Patel speaking with no role, and two decisions in a dash list with
/// no RESOLVED marker and no numbers.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");
/// Minutes that follow the house style throughout.
const CLEAN: &str = include_str!("fixtures/cli/clean.txt");

fn clerk(dir: &Path, args: &[&str]) -> Run {
    clerk_with_stdin(dir, args, None)
}

fn clerk_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the clerk binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output
            .status
            .code()
            .expect("clerk exits with a code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// The findings the committee fixture must produce, as (code, line, column).
/// Column 51 of line 10 is "DfE": a character column, past the two-byte "è".
/// R003 points at the first words of the decisions, after the dash.
const COMMITTEE_FINDINGS: &[(&str, u64, u64)] = &[
    ("P001", 10, 1),
    ("A001", 10, 51),
    ("R001", 11, 1),
    ("R003", 11, 3),
];

fn expected(path: &str) -> Vec<(String, String, u64, u64)> {
    COMMITTEE_FINDINGS
        .iter()
        .map(|(code, line, column)| (path.to_owned(), code.to_string(), *line, *column))
        .collect()
}

#[test]
fn json_lists_every_finding_with_lines_columns_and_offsets() {
    let dir = folder(&[("minutes/committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "minutes/committee.txt"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.findings(), expected("minutes/committee.txt"));
    let json = run.json();
    let dfe = json
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["code"] == "A001")
        .expect("an A001 finding");
    // The contract: exactly these keys, severity and applicability as words.
    let mut keys: Vec<&str> = dfe
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        ["code", "fix", "message", "name", "path", "range", "related", "severity"]
    );
    assert_eq!(dfe["name"], "undefined-abbreviation");
    assert_eq!(dfe["severity"], "warning");
    let offset = COMMITTEE.find("DfE").unwrap() as u64;
    assert_eq!(
        dfe["range"],
        serde_json::json!({"start": {"line": 10, "column": 51, "offset": offset},
                           "end": {"line": 10, "column": 54, "offset": offset + 3}})
    );
    let message = dfe["message"].as_str().unwrap();
    assert!(message.contains("DfE"), "{message}");
    assert!(!message.ends_with('.'), "no trailing full stop: {message}");
    let fix = &dfe["fix"];
    assert!(
        fix["applicability"] == "safe" || fix["applicability"] == "unsafe",
        "{fix}"
    );
    assert_eq!(
        fix["edits"][0]["new_text"],
        "Department for Education (DfE)"
    );
}

#[test]
fn json_with_nothing_found_is_an_empty_list() {
    let dir = folder(&[("clean.txt", CLEAN.as_bytes())]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json(), serde_json::json!([]));
}

#[test]
fn human_shows_each_problem_its_line_and_a_summary() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(dir.path(), &["check", "committee.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (code, line, column) in COMMITTEE_FINDINGS {
        let header = format!("committee.txt:{line}:{column}: {code} [");
        assert!(
            run.stdout.contains(&header),
            "no {header} in:\n{}",
            run.stdout
        );
    }
    assert!(run
        .stdout
        .contains("Mr Patel explained that the crèche grant from the DfE"));
    assert!(
        run.stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Found 4 problems in 1 file"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when NO_COLOR is set"
    );
    insta::assert_snapshot!("human_committee", run.stdout);
}

#[test]
fn a_long_one_line_file_is_shown_in_pieces_the_size_of_its_findings() {
    // A meeting pasted as one line of about 1 MB, a new abbreviation in it
    // every 10 KB or so: each finding shows a cut of the line, not all of it.
    let unit = "Ms Tina Marsh, Head of Finance, presented the report on the café. ";
    let mut text = String::new();
    let mut words = Vec::new();
    while text.len() < 1_000_000 {
        text.push_str(&unit.repeat(150));
        let n = words.len();
        let word = format!(
            "X{}{}Q",
            (b'A' + (n / 26 % 26) as u8) as char,
            (b'A' + (n % 26) as u8) as char
        );
        text.push_str(&format!("The {word} wrote. "));
        words.push(word);
    }
    let dir = folder(&[("long.txt", text.as_bytes())]);
    let run = clerk(dir.path(), &["check", "long.txt"]);
    let blocks: Vec<&str> = run
        .stdout
        .split("\n\n")
        .filter(|block| block.contains(": A001 ["))
        .collect();
    assert_eq!(blocks.len(), words.len(), "{}", run.stderr);
    for (block, word) in blocks.iter().zip(&words) {
        assert!(block.len() < 2_000, "{} bytes:\n{block}", block.len());
        // The caret line sits under the source line, at the word.
        let lines: Vec<&str> = block.lines().collect();
        let source = lines
            .iter()
            .position(|line| line.starts_with("1 | "))
            .unwrap();
        let carets = lines[source + 1];
        let at = carets.find('^').unwrap();
        let under: String = lines[source].chars().skip(at).take(word.len()).collect();
        assert_eq!(&under, word, "{block}");
        assert_eq!(carets.matches('^').count(), word.len(), "{block}");
    }
}

#[test]
fn human_on_clean_minutes_says_so() {
    let dir = folder(&[("a.txt", CLEAN.as_bytes()), ("b.md", CLEAN.as_bytes())]);
    let run = clerk(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "All checked: no problems found in 2 files.\n")
    );
    let run = clerk(dir.path(), &["check", "--quiet"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn github_writes_workflow_commands() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "github", "committee.txt"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), COMMITTEE_FINDINGS.len(), "{}", run.stdout);
    for (line, (code, at, column)) in lines.iter().zip(COMMITTEE_FINDINGS) {
        let start = format!("::warning file=committee.txt,line={at},col={column},endLine=");
        assert!(line.starts_with(&start), "{line}");
        assert!(line.contains(&format!(",title={code} ")), "{line}");
    }
    insta::assert_snapshot!("github_committee", run.stdout);
}

#[test]
fn standard_input_takes_its_name_and_settings_from_stdin_filename() {
    let dir = folder(&[("minutes/clerk.toml", b"[checks]\nignore = [\"A001\"]\n")]);
    let run = clerk_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "minutes/draft.txt",
        ],
        Some(COMMITTEE.as_bytes()),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut wanted = expected("minutes/draft.txt");
    wanted.retain(|(_, code, _, _)| code != "A001");
    assert_eq!(run.findings(), wanted);

    // Without a name, standard input is "-" and uses this folder's settings.
    let run = clerk_with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(COMMITTEE.as_bytes()),
    );
    assert_eq!(run.findings(), expected("-"));
}

#[test]
fn findings_below_warning_do_not_fail_the_run() {
    let settings = b"[checks.severity]\nA001 = \"info\"\nP001 = \"info\"\nR001 = \"info\"\nunmarked-resolutions = \"info\"\n";
    let dir = folder(&[
        ("clerk.toml", settings),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.codes(), ["P001", "A001", "R001", "R003"]);
    assert!(run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|finding| finding["severity"] == "info"));
    let run = clerk(dir.path(), &["check", "--format", "github"]);
    assert!(
        run.stdout
            .starts_with("::notice file=committee.txt,line=10,col=1,"),
        "{}",
        run.stdout
    );
    let settings = b"[checks.severity]\nA001 = \"error\"\n";
    let dir = folder(&[
        ("clerk.toml", settings),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "github", "--select", "A001"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("::error file=committee.txt,line=10,col=51,"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_binary_file_cannot_be_checked_but_the_others_are() {
    let dir = folder(&[
        ("a-committee.txt", COMMITTEE.as_bytes()),
        ("b-scan.txt", b"%PDF-1.4\n\x00\x01\x02binary"),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.findings(), expected("a-committee.txt"));
    assert_eq!(
        run.stderr,
        "clerk: b-scan.txt: looks like a binary file (a word-processor document, a PDF or an image), \
         not text; save the minutes as plain text and check again\n"
    );
}

#[test]
fn invalid_utf8_names_the_line_and_the_other_files_are_still_reported() {
    let dir = folder(&[
        ("committee.txt", COMMITTEE.as_bytes()),
        // A UTF-8 dash on line 2 and a Windows-1252 é on line 3: the file
        // is neither, and is named so as not to be passed over.
        (
            "mixed.minutes.txt",
            b"Parish Council\nMinutes \xe2\x80\x93 draft\nThe caf\xe9 was closed.\n",
        ),
    ]);
    let run = clerk(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: mixed.minutes.txt: is not UTF-8 text (byte 0xe9 at line 3); save it as UTF-8 and check again\n"
    );
    assert!(
        run.stdout.contains("committee.txt:10:51: A001 ["),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "Found 4 problems in 1 file (1 fixable with --fix, 2 more with --unsafe-fixes).\n\
             1 file could not be checked.\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_broken_clerk_toml_is_placed_and_checking_goes_on_with_the_rest_of_it() {
    let dir = folder(&[
        ("clerk.toml", b"[checks]\nselect = [\"A009\"]\n"),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: clerk.toml:2:11: unknown check \"A009\" in [checks] select; the checks are \
         R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001; its files are checked with the rest of its settings\n"
    );
    assert_eq!(run.findings(), expected("committee.txt"));

    let run = clerk(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.ends_with(
        "1 settings file has a mistake; its files were checked with the rest of its settings.\n"
    ));

    let run = clerk(dir.path(), &["check", "--format", "github"]);
    assert!(
        run.stdout.starts_with(
            "::error file=clerk.toml,line=2,col=11,title=settings file has a mistake::unknown check"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn settings_are_found_by_walking_up_and_the_nearest_wins() {
    let dir = folder(&[
        ("clerk.toml", b"[checks]\nignore = [\"A001\"]\n"),
        ("2024/march/committee.txt", COMMITTEE.as_bytes()),
        ("2024/april/clerk.toml", b"[checks]\nignore = [\"P001\"]\n"),
        ("2024/april/committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(&dir.path().join("2024"), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<(String, String)> = run
        .findings()
        .into_iter()
        .map(|(path, code, _, _)| (path, code))
        .collect();
    let pairs = |path: &str, codes: &[&str]| {
        codes
            .iter()
            .map(move |code| (path.to_owned(), code.to_string()))
            .collect::<Vec<_>>()
    };
    let mut wanted = pairs("april/committee.txt", &["A001", "R001", "R003"]);
    wanted.extend(pairs("march/committee.txt", &["P001", "R001", "R003"]));
    assert_eq!(found, wanted);

    // --config overrides the search for every file.
    std::fs::write(
        dir.path().join("only-r.toml"),
        "[checks]\nselect = [\"R001\"]\n",
    )
    .unwrap();
    let run = clerk(
        &dir.path().join("2024"),
        &["check", "--format", "json", "--config", "../only-r.toml"],
    );
    assert_eq!(run.codes(), ["R001", "R001"]);
}

#[test]
fn select_and_ignore_take_codes_and_names() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let codes = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        clerk(dir.path(), &all).codes()
    };
    assert_eq!(codes(&["--select", "A001"]), ["A001"]);
    assert_eq!(
        codes(&["--select", "undefined-abbreviation,P001"]),
        ["P001", "A001"]
    );
    assert_eq!(
        codes(&["--select", "a001", "--select", "missing-speaker-role"]),
        ["P001", "A001"]
    );
    assert_eq!(
        codes(&["--ignore", "R001,unmarked-resolutions"]),
        ["P001", "A001"]
    );
    assert_eq!(
        codes(&["--select", "A001,P001", "--ignore", "P001"]),
        ["A001"]
    );

    let run = clerk(dir.path(), &["check", "--select", "A001,speaker"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "clerk: unknown check \"speaker\" in --select; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001\n"
    );
}

#[test]
fn per_file_ignores_silence_checks_for_matching_files() {
    let dir = folder(&[
        (
            "clerk.toml",
            b"[per-file-ignores]\n\"archive/*.txt\" = [\"A001\", \"missing-speaker-role\"]\n",
        ),
        ("archive/2019.txt", COMMITTEE.as_bytes()),
        ("current/2024.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    let found: Vec<(String, String)> = run
        .findings()
        .into_iter()
        .map(|(path, code, _, _)| (path, code))
        .collect();
    assert_eq!(
        found,
        [
            ("archive/2019.txt", "R001"),
            ("archive/2019.txt", "R003"),
            ("current/2024.txt", "P001"),
            ("current/2024.txt", "A001"),
            ("current/2024.txt", "R001"),
            ("current/2024.txt", "R003"),
        ]
        .map(|(path, code)| (path.to_owned(), code.to_owned()))
    );
}

#[test]
fn folders_are_searched_with_the_include_and_exclude_patterns() {
    let dir = folder(&[
        (
            "clerk.toml",
            b"[files]\ninclude = [\"*.txt\", \"*.minutes\"]\nexclude = [\"drafts/**\"]\n",
        ),
        ("a.txt", COMMITTEE.as_bytes()),
        ("b.minutes", COMMITTEE.as_bytes()),
        ("c.md", COMMITTEE.as_bytes()),
        ("notes.docx.bak", COMMITTEE.as_bytes()),
        ("drafts/d.txt", COMMITTEE.as_bytes()),
    ]);
    let paths = |run: &Run| {
        let mut paths: Vec<String> = run
            .findings()
            .into_iter()
            .map(|(path, _, _, _)| path)
            .collect();
        paths.dedup();
        paths
    };
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "--select", "A001"],
    );
    assert_eq!(paths(&run), ["a.txt", "b.minutes"]);
    // A file named outright is always checked.
    let run = clerk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "A001",
            "drafts/d.txt",
            "c.md",
        ],
    );
    assert_eq!(paths(&run), ["drafts/d.txt", "c.md"]);
    // Without settings, *.txt, *.md and *.minutes are read.
    std::fs::remove_file(dir.path().join("clerk.toml")).unwrap();
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "--select", "A001"],
    );
    assert_eq!(paths(&run), ["a.txt", "b.minutes", "c.md", "drafts/d.txt"]);
}

#[test]
fn a_missing_path_cannot_be_checked() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "json", "committee.txt", "nowhere.txt"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "clerk: nowhere.txt: no such file or folder\n");
    assert_eq!(run.findings(), expected("committee.txt"));
}

#[test]
fn fix_writes_the_fixes_and_a_second_run_is_clean() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let select = "A001,R001";
    let run = clerk(dir.path(), &["check", "--unsafe-fixes", "--select", select]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("Fixed 2 problems in 1 file.\n"),
        "{}",
        run.stdout
    );
    let fixed = std::fs::read_to_string(dir.path().join("committee.txt")).unwrap();
    assert_ne!(fixed, COMMITTEE);
    assert!(
        fixed.contains("the Department for Education (DfE) would arrive"),
        "{fixed}"
    );
    assert!(
        !fixed.contains("\n- That"),
        "the dash list is numbered:\n{fixed}"
    );
    // Nothing else was touched.
    assert_eq!(
        fixed.lines().take(9).collect::<Vec<_>>(),
        COMMITTEE.lines().take(9).collect::<Vec<_>>()
    );

    let again = clerk(dir.path(), &["check", "--select", select]);
    assert_eq!(
        (again.code, again.stdout.as_str()),
        (0, "All checked: no problems found in 1 file.\n")
    );
    let unchanged = clerk(dir.path(), &["check", "--unsafe-fixes", "--select", select]);
    assert_eq!(unchanged.code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("committee.txt")).unwrap(),
        fixed
    );
}

#[test]
fn fix_applies_only_safe_fixes_unless_told() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let before = clerk(dir.path(), &["check", "--format", "json"]);
    let with_fix = |applicability: &str| -> Vec<String> {
        before
            .json()
            .as_array()
            .unwrap()
            .iter()
            .filter(|finding| finding["fix"]["applicability"] == applicability)
            .map(|finding| finding["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let (safe, risky) = (with_fix("safe"), with_fix("unsafe"));
    assert!(
        !safe.is_empty() || !risky.is_empty(),
        "the fixture offers fixes: {}",
        before.stdout
    );
    let run = clerk(dir.path(), &["check", "--fix", "--format", "json"]);
    let left = run.codes();
    for code in &safe {
        assert!(
            !left.contains(code),
            "{code} has a safe fix and must be mended: {}",
            run.stdout
        );
    }
    for code in &risky {
        assert!(
            left.contains(code),
            "{code} has an unsafe fix and must be left: {}",
            run.stdout
        );
    }
}

#[test]
fn fix_on_standard_input_writes_the_mended_text_to_standard_output() {
    let dir = folder(&[]);
    let run = clerk_with_stdin(
        dir.path(),
        &[
            "check",
            "--unsafe-fixes",
            "--select",
            "A001",
            "-",
            "--stdin-filename",
            "draft.txt",
        ],
        Some(COMMITTEE.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        COMMITTEE.replace("the DfE", "the Department for Education (DfE)")
    );
    assert!(
        run.stderr.contains("Fixed 1 problem in 1 file."),
        "{}",
        run.stderr
    );

    // With nothing to mend, the text comes back exactly as it went in.
    let run = clerk_with_stdin(dir.path(), &["check", "--fix", "-"], Some(CLEAN.as_bytes()));
    assert_eq!((run.code, run.stdout.as_str()), (0, CLEAN));
    assert_eq!(run.stderr, "All checked: no problems found in 1 file.\n");

    // Text clerk cannot read (a UTF-8 é, then a Windows-1252 one) still
    // comes back whole.
    let latin1: &[u8] = b"The caf\xc3\xa9 and caf\xe9 committee\n";
    let output = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--fix", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(latin1)?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, latin1);
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let path = dir.path().join("committee.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    clerk(dir.path(), &["check", "--unsafe-fixes", "--select", "A001"]);
    assert_ne!(std::fs::read_to_string(&path).unwrap(), COMMITTEE);
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(names, [path], "no temporary file is left behind");
}

#[test]
fn fix_writes_the_document_own_line_endings() {
    // Old Mac files end lines with a lone CR: an inserted RESOLVED: line
    // must not bring LF into them, nor a lone LF into a CRLF file.
    for (name, eol) in [("old-mac.txt", "\r"), ("windows.txt", "\r\n")] {
        let minutes = COMMITTEE.replace('\n', eol);
        let dir = folder(&[(name, minutes.as_bytes())]);
        let run = clerk(dir.path(), &["check", "--unsafe-fixes", "--select", "R003"]);
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        let fixed = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(fixed.contains(&format!("RESOLVED:{eol}{eol}")), "{fixed:?}");
        if eol == "\r" {
            assert!(!fixed.contains('\n'), "{fixed:?}");
        }
        assert_eq!(
            fixed.replace(eol, ""),
            minutes
                .replace(eol, "")
                .replacen("- That", "RESOLVED:- That", 1),
            "only the marker line is added"
        );
    }
}

#[test]
fn rules_lists_every_check() {
    let dir = folder(&[]);
    let run = clerk(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("CODE  NAME"), "{}", run.stdout);
    let codes: Vec<&str> = lines[1..]
        .iter()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "R001", "R002", "R003", "R004", "R005", "A001", "A002", "A003", "A004", "P001", "P002",
            "P003", "D001", "D002", "D003", "S001", "S002", "T001", "K001", "K002", "M001"
        ]
    );
    assert!(
        lines[6].starts_with("A001  undefined-abbreviation     warning   on       an abbreviation"),
        "{}",
        lines[6]
    );
    // A check that ships off says so.
    let k001 = lines.iter().find(|line| line.starts_with("K001")).unwrap();
    assert!(
        k001.starts_with("K001  action-without-owner       warning   off      an action item"),
        "{k001}"
    );
    for rule in clerk::rules::RULES {
        assert!(!rule.summary().is_empty(), "{} has no summary", rule.code);
        assert!(run.stdout.contains(rule.summary()));
    }

    let run = clerk(dir.path(), &["rules", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), clerk::rules::RULES.len());
    assert_eq!(json[5]["code"], "A001");
    assert_eq!(json[5]["name"], "undefined-abbreviation");
    assert_eq!(json[5]["default_severity"], "warning");
    assert_eq!(json[5]["on_by_default"], true);
    assert_eq!(json[18]["code"], "K001");
    assert_eq!(json[18]["on_by_default"], false);
}

#[test]
fn rules_explains_one_check_by_code_or_name() {
    let dir = folder(&[]);
    let by_code = clerk(dir.path(), &["rules", "A001"]);
    assert_eq!(by_code.code, 0);
    assert!(
        by_code.stdout.starts_with(
            "A001 undefined-abbreviation: an abbreviation used but never spelled out.\n\
             Default severity: warning\n\nWhat it checks\n"
        ),
        "{}",
        by_code.stdout
    );
    // The rest of the page is the check's own documentation, as a terminal
    // shows it: no heading marks, fences or backticks, code indented.
    let rule = clerk::rules::find_rule("A001").unwrap();
    let doc = rule.doc();
    assert!(doc.contains("## Why it matters") && doc.contains("```"));
    assert!(by_code.stdout.contains("\nWhy it matters\n"));
    assert!(!by_code.stdout.contains("##"));
    assert!(!by_code.stdout.contains("```"));
    assert!(!by_code.stdout.contains('`'));
    let example = doc
        .lines()
        .skip_while(|line| !line.starts_with("```"))
        .nth(1)
        .unwrap();
    assert!(
        by_code.stdout.contains(&format!("\n    {example}\n")),
        "{}",
        by_code.stdout
    );
    let by_name = clerk(dir.path(), &["rules", "undefined-abbreviation"]);
    assert_eq!(by_name.stdout, by_code.stdout);

    // A check that ships off says how to switch it on.
    let off = clerk(dir.path(), &["rules", "K001"]);
    assert!(
        off.stdout.starts_with(
            "K001 action-without-owner: an action item that names no one to carry it out.\n\
             Default severity: warning\n\
             Off by default: it runs where select or extend-select names it (--extend-select K001)\n\n"
        ),
        "{}",
        off.stdout
    );

    let unknown = clerk(dir.path(), &["rules", "A009"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.stdout, "");
    assert!(unknown.stderr.starts_with("clerk: there is no check called \"A009\"; the checks are:\n  R001 (unnumbered-resolutions)\n"));
    assert!(unknown.stderr.contains("  P002 (conflicting-roles)\n"));
}

#[test]
fn outline_shows_items_sections_and_resolutions() {
    let dir = folder(&[("clean.txt", CLEAN.as_bytes())]);
    let run = clerk(dir.path(), &["outline", "clean.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("clean.txt\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains(" 7  1. Minutes of the last meeting"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("10  2. Village hall"), "{}", run.stdout);
    insta::assert_snapshot!("outline_clean", run.stdout);

    let run = clerk(dir.path(), &["outline", "--format", "json", "clean.txt"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    // The meeting stands first, beside the items, which are at the top level.
    assert_eq!(json[0]["kind"], "meeting");
    let items: Vec<&Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|node| node["kind"] == "item")
        .collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["name"], "2. Village hall");
    assert_eq!(items[1]["range"]["start"]["line"], 10);
    assert_eq!(items[1]["range"]["start"]["column"], 1);
    assert_eq!(
        items[1]["range"]["start"]["offset"],
        CLEAN.find("2. Village hall").unwrap()
    );
    let block = &items[1]["children"][0];
    assert_eq!(block["kind"], "resolution-block");
    let resolutions = block["children"].as_array().unwrap();
    assert_eq!(resolutions.len(), 2);
    assert!(resolutions[0]["name"]
        .as_str()
        .unwrap()
        .starts_with("1. That the Council notes"));
}

#[test]
fn outline_of_an_unreadable_file_fails() {
    let dir = folder(&[("scan.txt", b"\x00\x00")]);
    let run = clerk(dir.path(), &["outline", "scan.txt"]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .starts_with("clerk: scan.txt: looks like a binary file"));
}

#[test]
fn version_help_and_bad_arguments() {
    let dir = folder(&[]);
    let run = clerk(dir.path(), &["--version"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, concat!("clerk ", env!("CARGO_PKG_VERSION"), "\n"))
    );
    let run = clerk(dir.path(), &["check", "--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Exit status:"));
    assert!(run
        .stdout
        .contains("files\nthat could not be checked are reported on standard error"));
    let run = clerk(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
    let run = clerk(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("Usage: clerk"), "{}", run.stderr);
}

#[test]
fn crlf_minutes_keep_their_line_ends_and_positions() {
    let crlf = COMMITTEE.replace('\n', "\r\n");
    let dir = folder(&[("committee.txt", crlf.as_bytes())]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.findings(), expected("committee.txt"));
    let offset = run.json()[1]["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &crlf[offset..offset + 3],
        "DfE",
        "offsets count the \\r bytes too"
    );

    let run = clerk(dir.path(), &["check", "--unsafe-fixes"]);
    assert!(
        run.stdout
            .contains("\nFixed 3 problems in 1 file.\nFound 1 problem in 1 file.\n"),
        "{}",
        run.stdout
    );
    let fixed = std::fs::read_to_string(dir.path().join("committee.txt")).unwrap();
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "every line still ends in CRLF:\n{fixed:?}"
    );
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let dir = folder(&[("committee.txt", COMMITTEE.as_bytes())]);
    let coloured = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "committee.txt"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}["));
    let plain = Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--no-color", "committee.txt"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    // A pipe is not a terminal: no colour by default.
    let piped = clerk(dir.path(), &["check"]);
    assert!(!piped.stdout.contains('\u{1b}'));
}

#[test]
fn github_reports_files_it_could_not_check_as_errors() {
    let dir = folder(&[
        ("scan.txt", b"\x00\x01"),
        ("sub/clerk.toml", b"[checks]\nselect = [\"A009\"]\n"),
        ("sub/clean.txt", CLEAN.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "::error file=sub/clerk.toml,line=2,col=11,title=settings file has a mistake::unknown check \"A009\" \
         in [checks] select; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001; \
         its files are checked with the rest of its settings\n\
         ::error file=scan.txt,title=clerk could not check this file::looks like a binary file \
         (a word-processor document, a PDF or an image), not text; save the minutes as plain text and check again\n"
    );
}

#[test]
fn folders_skip_what_git_ignores_and_hidden_files() {
    let dir = folder(&[
        (".git/HEAD", b"ref: refs/heads/main\n"),
        (".gitignore", b"scratch/\n"),
        ("scratch/notes.txt", COMMITTEE.as_bytes()),
        (".hidden.txt", COMMITTEE.as_bytes()),
        ("minutes.txt", CLEAN.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "All checked: no problems found in 1 file.\n")
    );
}

#[test]
fn the_glossary_and_the_register_reach_the_checks() {
    let fix_text = |run: &Run, code: &str| -> Option<String> {
        run.json()
            .as_array()
            .unwrap()
            .iter()
            .find(|finding| finding["code"] == code)
            .and_then(|finding| {
                finding["fix"]["edits"][0]["new_text"]
                    .as_str()
                    .map(str::to_owned)
            })
    };
    // The glossary counts as a definition, and the register gives Mr Patel a role.
    let settings = "[abbreviations]\nDfE = \"Department for Eggs\"\n\n\
                    [[people]]\nname = \"Raj Patel\"\nrole = \"Head of Transport\"\naliases = [\"Mr Patel\"]\n";
    let dir = folder(&[
        ("clerk.toml", settings.as_bytes()),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.codes(), ["P001", "R001", "R003"]);
    assert_eq!(
        fix_text(&run, "P001").as_deref(),
        Some("Mr Raj Patel, Head of Transport,")
    );

    // With defines = false the glossary only supplies the fix's words.
    let settings = b"[abbreviations]\nDfE = \"Department for Eggs\"\n[glossary]\ndefines = false\n";
    let dir = folder(&[
        ("clerk.toml", settings),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.codes(), ["P001", "A001", "R001", "R003"]);
    assert_eq!(
        fix_text(&run, "A001").as_deref(),
        Some("Department for Eggs (DfE)")
    );

    // An abbreviation made known needs no definition.
    let dir = folder(&[
        ("clerk.toml", b"[known]\nadd = [\"DfE\"]\n"),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.codes(), ["P001", "R001", "R003"]);
}

#[test]
fn files_checked_side_by_side_are_reported_and_mended_in_the_order_found() {
    let dir = tempfile::tempdir().unwrap();
    // Forty files of different lengths, so that they finish checking out of order.
    for index in 0..40 {
        let body = format!(
            "Minutes of the meeting held on 4 March 2024\n\n{}",
            "3. Grants\nThe DfE grant was noted.\nRESOLVED:\n- That the grant be accepted.\n- That the Clerk write to the DfE.\n"
                .repeat(1 + (index * 7) % 23)
        );
        std::fs::write(dir.path().join(format!("m{index:02}.txt")), body).unwrap();
    }
    let one = clerk(
        dir.path(),
        &["check", "--format", "json", "--threads", "1", "."],
    );
    let many = clerk(
        dir.path(),
        &["check", "--format", "json", "--threads", "8", "."],
    );
    assert_eq!(one.code, 1);
    assert_eq!(
        one.stdout, many.stdout,
        "the same report, in the same order"
    );
    let paths: Vec<String> = one.findings().into_iter().map(|(path, ..)| path).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files in the order they were found");
    assert_eq!(paths.first().map(String::as_str), Some("m00.txt"));

    // Mended side by side too: every file, and nothing else.
    let fixed = clerk(dir.path(), &["check", "--fix", "--threads", "8", "."]);
    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    for index in 0..40 {
        let text = std::fs::read_to_string(dir.path().join(format!("m{index:02}.txt"))).unwrap();
        assert!(
            text.starts_with(
                "Minutes of the meeting held on 4 March 2024\n\n\
                 3. Grants\nThe DfE grant was noted.\nRESOLVED:\n1. That"
            ),
            "{text}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 40);
}

/// Runs clerk on a pseudo-terminal through `script`, as a person at a
/// terminal would, with `CI` set or not; None where `script` is missing
/// outside CI.
fn clerk_at_a_terminal(dir: &Path, args: &str, ci: bool) -> Option<String> {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_clerk"));
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir);
    script.env_remove("CI");
    if ci {
        script.env("CI", "true");
    }
    match script.output() {
        Ok(output) => Some(String::from_utf8_lossy(&output.stdout).into_owned()),
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "script (util-linux) could not be run under CI: {error}"
            );
            eprintln!("skipped: script could not be run ({error})");
            None
        }
    }
}

#[test]
fn a_long_run_at_a_terminal_shows_how_far_it_has_got_and_never_in_ci() {
    let dir = tempfile::tempdir().unwrap();
    for index in 0..60 {
        std::fs::write(
            dir.path().join(format!("m{index:02}.minutes.txt")),
            "Minutes of the meeting\nPresent: Cllr A Jones (Chair), Cllr B Smith\n1. Grants\nThe DfE grant was noted.\n",
        )
        .unwrap();
    }
    let Some(at_terminal) = clerk_at_a_terminal(dir.path(), "check --no-color .", false) else {
        return;
    };
    assert!(at_terminal.contains("Checking 0/60 files"), "{at_terminal}");
    // The report itself is whole: every file's finding and the summary.
    assert_eq!(
        at_terminal.matches("A001 [undefined-abbreviation]").count(),
        60
    );
    assert!(
        at_terminal.contains("Found 60 problems in 60 files"),
        "{at_terminal}"
    );
    let in_ci = clerk_at_a_terminal(dir.path(), "check --no-color .", true).unwrap();
    assert!(!in_ci.contains("Checking"), "{in_ci}");
    let machine = clerk_at_a_terminal(dir.path(), "check --format json .", false).unwrap();
    assert!(!machine.contains("Checking"));
}

#[test]
fn a_long_related_place_is_marked_at_its_start_not_underlined_whole() {
    let dir = folder(&[(
        "long.txt",
        b"3. Grants\nRESOLVED:\n- That the grant of five thousand pounds from the county fund be accepted with thanks.\n- That the Clerk write to the county council to thank the officers for their help.\n",
    )]);
    let run = clerk(dir.path(), &["check", "--no-color", "long.txt"]);
    assert!(
        run.stdout.starts_with(
            "long.txt:3:1: R001 [unnumbered-resolutions] These 2 resolutions are not numbered, so they cannot be cited\n  \
             |\n\
             3 | - That the grant of five thousand pounds from the county fund be accepted with thanks.\n  \
             | ^\n\
             4 | - That the Clerk write to the county council to thank the officers for their help.\n  \
             | - resolution 2 of 2, also without a number\n"
        ),
        "{}",
        run.stdout
    );
    // JSON keeps the whole place.
    let json = clerk(dir.path(), &["check", "--format", "json", "long.txt"]).json();
    assert_eq!(json[0]["related"][0]["range"]["start"]["column"], 1);
    assert_eq!(json[0]["related"][0]["range"]["end"]["column"], 83);
}

#[test]
fn a_fix_in_a_long_line_is_previewed_around_the_change_only() {
    let line = format!(
        "{}and the DfE grant was discussed at length by members who asked many questions about the terms of the grant.",
        "The council noted the report on the village hall and the playing field and the allotments and the footpaths, ".repeat(2)
    );
    let dir = folder(&[(
        "long.txt",
        format!("Minutes\n1. Grants\n{line}\n").as_bytes(),
    )]);
    let run = clerk(dir.path(), &["check", "--no-color", "long.txt"]);
    assert!(
        run.stdout.contains(
            "3 - …allotments and the footpaths, and the DfE grant was discussed at length by…\n\
             3 + …allotments and the footpaths, and the Department for Education (DfE) grant was discussed at length by…\n"
        ),
        "{}",
        run.stdout
    );
    // Neither the excerpt nor the preview prints the whole line.
    assert!(!run.stdout.contains("village hall"), "{}", run.stdout);
}
