//! A clerk.toml with several mistakes in it: every mistake is told, each
//! with its line and column, and every part that is right (the glossary,
//! the register, the checks) is still used.

mod cli_support;
use cli_support::{clerk, Run};

/// Minutes in which Mr Patel speaks with no role, the DfE is never spelled
/// out, and two decisions have neither numbers nor a RESOLVED marker.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");

/// Three mistakes (text without quotation marks, a check that does not
/// exist, a severity that does not exist) among settings that are right.
const THREE_MISTAKES: &str = r#"[abbreviations]
DfE = "Department for Education"
RFO = Responsible Financial Officer

[[people]]
name = "Raj Patel"
role = "Head of Transport"
aliases = ["Mr Patel"]

[checks]
select = ["A001", "P001", "A009"]

[checks.severity]
P001 = "loud"
"#;

fn folder(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clerk.toml"), settings).unwrap();
    std::fs::write(dir.path().join("committee.txt"), COMMITTEE).unwrap();
    dir
}

fn fix_text(run: &Run, code: &str) -> Option<String> {
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
}

#[test]
fn every_mistake_is_told_with_its_place_and_the_rest_is_used() {
    let dir = folder(THREE_MISTAKES);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        run.code, 2,
        "a clerk.toml with mistakes still fails the run"
    );
    assert_eq!(
        run.stderr,
        "clerk: clerk.toml:3:7: Responsible Financial Officer needs quotation marks \
         (\"Responsible Financial Officer\"), or is meant to be true, false, a number or a [list]; its files are checked with the rest of its settings\n\
         clerk: clerk.toml:11:27: unknown check \"A009\" in [checks] select; the checks are R001, R002, \
         R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001; its files are checked with the rest of its settings\n\
         clerk: clerk.toml:14:8: unknown severity \"loud\" for P001 in [checks.severity]; use error, \
         warning or info; its files are checked with the rest of its settings\n"
    );
    // The glossary is used: the DfE is defined there, so A001 is silent.
    // The select list is used: only A001 and P001 run (no R001, no R003).
    assert_eq!(run.codes(), ["P001"]);
    // The register is used: P001's fix gives Mr Patel the role it holds.
    assert_eq!(
        fix_text(&run, "P001").as_deref(),
        Some("Mr Raj Patel, Head of Transport,")
    );
    // P001 keeps its default level, the one given being no level at all.
    assert_eq!(run.json()[0]["severity"], "warning");

    let human = clerk(dir.path(), &["check"]);
    assert_eq!(human.code, 2);
    assert!(
        human.stdout.ends_with(
            "Found 1 problem in 1 file (1 fixable with --fix).\n\
             1 settings file has 3 mistakes; its files were checked with the rest of its settings.\n"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn the_same_settings_without_the_mistakes_give_the_same_findings() {
    // What the test above holds the partial settings to: they are the
    // right parts of the file, no more and no less.
    let mended = THREE_MISTAKES
        .replace("RFO = Responsible Financial Officer\n", "")
        .replace(", \"A009\"", "")
        .replace("P001 = \"loud\"\n", "");
    let broken = clerk(
        folder(THREE_MISTAKES).path(),
        &["check", "--format", "json"],
    );
    let right = clerk(folder(&mended).path(), &["check", "--format", "json"]);
    assert_eq!((right.code, right.stderr.as_str()), (1, ""));
    assert_eq!(broken.stdout, right.stdout);
}

#[test]
fn fix_does_not_mend_under_a_clerk_toml_with_mistakes() {
    let dir = folder(THREE_MISTAKES);
    let run = clerk(dir.path(), &["check", "--fix"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("; its files are checked with the rest of its settings, and not fixed until it is mended\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("committee.txt")).unwrap(),
        COMMITTEE
    );
}

#[test]
fn mistakes_in_every_table_are_told_and_each_costs_only_its_own_setting() {
    let settings = r#"[glossary]
defines = "yes"
[known]
add = ["PCSO", 7]
[files]
include = ["*.txt", "[bad"]
[[people]]
role = "Chair"
[[people]]
name = "Ann Lee"
role = ""
[colour]
red = true
"#;
    let dir = folder(settings);
    let run = clerk(dir.path(), &["check", "--show-settings", "committee.txt"]);
    assert_eq!(run.code, 2);
    let told: Vec<String> = run
        .stderr
        .lines()
        .map(|line| {
            let rest = line.strip_prefix("clerk: clerk.toml:").unwrap_or(line);
            rest.split(';').next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        told,
        [
            "2:11: defines in [glossary] should be true or false, not text",
            "4:16: an entry of add in [known] should be text in quotes, not a number",
            "6:21: the pattern \"[bad\" in include in [files] cannot be read: a [ has no closing ]",
            "7:1: a person in [[people]] has no name",
            "11:8: role in [[people]] is empty",
            "12:2: unknown setting \"colour\" in the settings file",
        ],
        "{}",
        run.stderr
    );
    // What was right in each table is used.
    for kept in [
        "add = [\"PCSO\"]",
        "include = [\"*.txt\"]",
        "[[people]]\nname = \"Ann Lee\"\n",
    ] {
        assert!(run.stdout.contains(kept), "no {kept:?} in:\n{}", run.stdout);
    }
}

#[test]
fn a_line_toml_cannot_read_costs_that_line_only() {
    // The ignore list's quotation mark is never closed: that setting is
    // left out (R001 is still reported), and the glossary above it and the
    // register below it are used.
    let settings = "[abbreviations]\nDfE = \"Department for Education\"\n\n\
                    [checks]\nignore = \"R001\n\n\
                    [[people]]\nname = \"Raj Patel\"\nrole = \"Head of Transport\"\naliases = [\"Mr Patel\"]\n";
    let dir = folder(settings);
    let run = clerk(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "clerk: clerk.toml:5:15: a quotation mark is not closed on this line; \
         its files are checked with the rest of its settings\n"
    );
    assert_eq!(run.codes(), ["P001", "R001", "R003"]);
    assert_eq!(
        fix_text(&run, "P001").as_deref(),
        Some("Mr Raj Patel, Head of Transport,")
    );
}
