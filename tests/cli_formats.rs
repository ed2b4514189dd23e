//! The formats CI systems read, as `clerk check --format` writes them:
//! SARIF (validated against the SARIF 2.1.0 structure), JUnit XML (read by
//! an XML parser as JUnit readers read it), GitLab Code Quality (with
//! fingerprints that survive an edit above), JSON lines and the concise
//! one-line form.

use serde_json::Value;
use std::path::Path;

mod cli_support;
use cli_support::{clerk, folder, Run};

/// Minutes with four slips: Mr Patel with no role, DfE never spelled out,
/// and two decisions with neither numbers nor a RESOLVED marker.
const COMMITTEE: &str = include_str!("fixtures/cli/committee.txt");
/// Minutes that follow the house style throughout.
const CLEAN: &str = include_str!("fixtures/cli/clean.txt");

/// The structure SARIF 2.1.0 requires of what clerk writes (see its README).
const SARIF_SCHEMA: &str = include_str!("fixtures/sarif/sarif-2.1.0-subset.schema.json");

fn committee_and_clean() -> tempfile::TempDir {
    folder(&[
        ("clean.txt", CLEAN.as_bytes()),
        ("committee.txt", COMMITTEE.as_bytes()),
    ])
}

/// The committee's four findings, line by line, as the concise format
/// and every other one-line form gives them.
const COMMITTEE_LINES: &[&str] = &[
    "committee.txt:10:1: P001 [missing-speaker-role] Mr Patel speaks in these minutes but their role is never given",
    "committee.txt:10:51: A001 [undefined-abbreviation] DfE is not spelled out in these minutes; it usually stands for “Department for Education”",
    "committee.txt:11:1: R001 [unnumbered-resolutions] These 2 resolutions are not numbered, so they cannot be cited",
    "committee.txt:11:3: R003 [unmarked-resolutions] These 2 decisions have no RESOLVED marker above them",
];

fn sarif_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn the_sarif_schema_turns_away_what_sarif_forbids() {
    // The validation below must be able to fail: an invented property, a
    // line 0, a level SARIF does not have and a missing message each do.
    let good = serde_json::json!({
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "clerk"}},
                  "results": [{"ruleId": "A001", "level": "warning", "message": {"text": "m"},
                               "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.txt"},
                                              "region": {"startLine": 1, "startColumn": 1}}}]}]}]
    });
    assert_eq!(sarif_errors(&good), Vec::<String>::new());
    for (what, pointer, bad) in [
        (
            "an invented property",
            "/runs/0/results/0/severity",
            serde_json::json!("warning"),
        ),
        (
            "line 0",
            "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
            serde_json::json!(0),
        ),
        (
            "a level SARIF lacks",
            "/runs/0/results/0/level",
            serde_json::json!("info"),
        ),
        ("a wrong version", "/version", serde_json::json!("2.1")),
    ] {
        let mut log = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        log.pointer_mut(parent).unwrap()[key] = bad;
        assert!(!sarif_errors(&log).is_empty(), "{what} passed");
    }
    let mut log = good.clone();
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(
        !sarif_errors(&log).is_empty(),
        "a result without a message passed"
    );
}

#[test]
fn sarif_is_a_valid_sarif_2_1_0_log_with_the_checks_and_the_fixes() {
    let dir = committee_and_clean();
    let run = clerk(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let log = run.json();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    assert_eq!(
        sarif_run["invocations"],
        serde_json::json!([{"executionSuccessful": true, "toolExecutionNotifications": []}])
    );

    // Every check's metadata, in the order of the registry.
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "clerk");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), clerk::rules::RULES.len());
    for (rule, check) in rules.iter().zip(clerk::rules::RULES) {
        assert_eq!(rule["id"], check.code);
        assert_eq!(rule["name"], check.name);
        assert_eq!(
            rule["shortDescription"]["text"],
            format!("{}.", check.summary())
        );
        assert_eq!(rule["help"]["markdown"], check.doc());
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    }

    // The results: rule, place (columns in characters: DfE is at 51,
    // after the two-byte è), message.
    let results = sarif_run["results"].as_array().unwrap();
    let places: Vec<(String, u64, u64, u64, u64)> = results
        .iter()
        .map(|result| {
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "committee.txt");
            let region = &location["region"];
            (
                result["ruleId"].as_str().unwrap().to_owned(),
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
                region["endLine"].as_u64().unwrap(),
                region["endColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("P001".to_owned(), 10, 1, 10, 9),
            ("A001".to_owned(), 10, 51, 10, 54),
            ("R001".to_owned(), 11, 1, 11, 2),
            ("R003".to_owned(), 11, 3, 11, 7),
        ]
    );
    let a001 = &results[1];
    let a001_index = clerk::rules::RULES
        .iter()
        .position(|rule| rule.code == "A001")
        .unwrap();
    assert_eq!(a001["ruleIndex"], a001_index);
    assert_eq!(a001["level"], "warning");
    assert_eq!(
        a001["message"]["text"],
        "DfE is not spelled out in these minutes; it usually stands for “Department for Education”"
    );
    assert_eq!(
        a001["fixes"],
        serde_json::json!([{
            "description": {"text": "Spell out DfE as “Department for Education (DfE)” (unsafe: read it first; clerk check --unsafe-fixes applies it)"},
            "artifactChanges": [{
                "artifactLocation": {"uri": "committee.txt"},
                "replacements": [{
                    "deletedRegion": {"startLine": 10, "startColumn": 51, "endLine": 10, "endColumn": 54},
                    "insertedContent": {"text": "Department for Education (DfE)"}
                }]
            }],
            "properties": {"applicability": "unsafe"}
        }])
    );
    // The second resolution is the R001 finding's related place.
    assert_eq!(
        results[2]["relatedLocations"][0]["message"]["text"],
        "resolution 2 of 2, also without a number"
    );
    assert_eq!(
        results[2]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
    // The safe fix numbers both resolutions: two replacements.
    let replacements = results[2]["fixes"][0]["artifactChanges"][0]["replacements"]
        .as_array()
        .unwrap();
    let inserted: Vec<&str> = replacements
        .iter()
        .map(|replacement| replacement["insertedContent"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted, ["1.", "2."]);
}

#[test]
fn sarif_tells_of_files_it_could_not_check_and_of_a_broken_clerk_toml() {
    let dir = folder(&[
        ("committee.txt", COMMITTEE.as_bytes()),
        ("scan.txt", b"%PDF-1.4\n\x00\x01"),
        ("sub/clerk.toml", b"[checks]\nselect = [\"A009\"]\n"),
        ("sub/March 2024.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    let log = run.json();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    let told: Vec<(&str, &str)> = notifications
        .iter()
        .map(|notification| {
            (
                notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                notification["message"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(told.len(), 2, "{told:?}");
    assert_eq!(told[0].0, "sub/clerk.toml");
    assert!(told[0].1.starts_with("unknown check \"A009\""), "{told:?}");
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 2, "startColumn": 11})
    );
    assert_eq!(told[1].0, "scan.txt");
    assert!(
        told[1].1.starts_with("looks like a binary file"),
        "{told:?}"
    );
    // A space in a name is percent-encoded in the URI.
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"sub/March%202024.txt"), "{uris:?}");
    // Standard error says it too, as for JSON.
    assert!(
        run.stderr
            .contains("clerk: scan.txt: looks like a binary file"),
        "{}",
        run.stderr
    );
}

/// The element's attribute, or a panic naming what is missing.
fn attribute<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()))
}

fn elements<'a, 'i>(node: roxmltree::Node<'a, 'i>, tag: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|child| child.is_element() && child.tag_name().name() == tag)
        .collect()
}

#[test]
fn junit_is_xml_with_a_suite_per_file_and_a_failure_per_finding() {
    let dir = folder(&[
        ("clean.txt", CLEAN.as_bytes()),
        ("committee.txt", COMMITTEE.as_bytes()),
        ("scan.txt", b"\x00\x01"),
    ]);
    let run = clerk(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let xml = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|error| panic!("not XML ({error}):\n{}", run.stdout));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (
            attribute(root, "tests"),
            attribute(root, "failures"),
            attribute(root, "errors")
        ),
        ("6", "4", "1")
    );
    let suites = elements(root, "testsuite");
    let names: Vec<&str> = suites
        .iter()
        .map(|suite| attribute(*suite, "name"))
        .collect();
    // In the order the files were found.
    assert_eq!(names, ["clean.txt", "committee.txt", "scan.txt"]);

    // The file that could not be checked is an error.
    let scan = elements(suites[2], "testcase");
    let error = elements(scan[0], "error");
    assert_eq!(error.len(), 1);
    assert!(attribute(error[0], "message").starts_with("looks like a binary file"));
    assert!(error[0]
        .text()
        .unwrap()
        .starts_with("scan.txt: looks like a binary file"));

    // A clean file is one passing test.
    let clean = elements(suites[0], "testcase");
    assert_eq!(clean.len(), 1);
    assert_eq!(attribute(clean[0], "name"), "no problems found");
    assert!(elements(clean[0], "failure").is_empty());

    // Each finding is a failing test, its text the one-line form.
    let suite = suites[1];
    assert_eq!(
        (attribute(suite, "tests"), attribute(suite, "failures")),
        ("4", "4")
    );
    let cases = elements(suite, "testcase");
    let failures: Vec<(&str, &str, &str, &str)> = cases
        .iter()
        .map(|case| {
            let failure = elements(*case, "failure")[0];
            (
                attribute(*case, "name"),
                attribute(*case, "line"),
                attribute(failure, "type"),
                failure.text().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        failures,
        [
            (
                "P001 missing-speaker-role at 10:1",
                "10",
                "P001",
                COMMITTEE_LINES[0]
            ),
            (
                "A001 undefined-abbreviation at 10:51",
                "10",
                "A001",
                COMMITTEE_LINES[1]
            ),
            (
                "R001 unnumbered-resolutions at 11:1",
                "11",
                "R001",
                COMMITTEE_LINES[2]
            ),
            (
                "R003 unmarked-resolutions at 11:3",
                "11",
                "R003",
                COMMITTEE_LINES[3]
            ),
        ]
    );
    for case in &cases {
        assert_eq!(attribute(*case, "classname"), "committee.txt");
        assert_eq!(attribute(*case, "file"), "committee.txt");
    }
}

#[test]
fn junit_keeps_markup_and_control_characters_out_of_the_xml() {
    // A name and words that XML would choke on, and an escape sequence.
    let minutes = COMMITTEE.replace("the DfE", "the D&E <\u{1b}[2J> DfE");
    let dir = folder(&[("a<b>&\"c\".txt", minutes.as_bytes())]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "junit", "--select", "A001"],
    );
    let xml = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|error| panic!("not XML ({error}):\n{}", run.stdout));
    let suite = elements(xml.root_element(), "testsuite")[0];
    assert_eq!(attribute(suite, "name"), "a<b>&\"c\".txt");
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
}

#[test]
fn info_findings_pass_in_junit_as_they_pass_the_run() {
    let dir = folder(&[
        ("clerk.toml", b"[checks.severity]\nA001 = \"info\"\n"),
        ("committee.txt", COMMITTEE.as_bytes()),
    ]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "junit", "--select", "A001"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xml = roxmltree::Document::parse(&run.stdout).unwrap();
    let root = xml.root_element();
    assert_eq!(
        (attribute(root, "tests"), attribute(root, "failures")),
        ("1", "0")
    );
    let case = elements(elements(root, "testsuite")[0], "testcase")[0];
    assert!(elements(case, "failure").is_empty());
    assert_eq!(
        elements(case, "system-out")[0].text(),
        Some(COMMITTEE_LINES[1])
    );
}

fn gitlab_issues(run: &Run) -> Vec<Value> {
    run.json().as_array().expect("a JSON list").clone()
}

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads_and_stable_fingerprints() {
    let dir = committee_and_clean();
    let run = clerk(dir.path(), &["check", "--format", "gitlab"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let issues = gitlab_issues(&run);
    let summary: Vec<(&str, &str, &str, u64, u64)> = issues
        .iter()
        .map(|issue| {
            (
                issue["check_name"].as_str().unwrap(),
                issue["severity"].as_str().unwrap(),
                issue["location"]["path"].as_str().unwrap(),
                issue["location"]["lines"]["begin"].as_u64().unwrap(),
                issue["location"]["lines"]["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("P001", "minor", "committee.txt", 10, 10),
            ("A001", "minor", "committee.txt", 10, 10),
            ("R001", "minor", "committee.txt", 11, 11),
            ("R003", "minor", "committee.txt", 11, 11),
        ]
    );
    assert_eq!(
        issues[1]["description"],
        "A001 [undefined-abbreviation] DfE is not spelled out in these minutes; it usually stands for “Department for Education”"
    );
    assert_eq!(issues[1]["type"], "issue");
    assert_eq!(issues[1]["categories"], serde_json::json!(["Style"]));
    let fingerprints: Vec<String> = issues
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap().to_owned())
        .collect();
    for fingerprint in &fingerprints {
        assert!(
            fingerprint.len() == 32 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()),
            "{fingerprint}"
        );
    }
    let mut unique = fingerprints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fingerprints.len(), "{fingerprints:?}");

    // The same findings after a line is added above them keep their
    // fingerprints, though their lines move.
    std::fs::write(
        dir.path().join("committee.txt"),
        COMMITTEE.replacen("\n", "\nDraft: not yet approved.\n", 1),
    )
    .unwrap();
    let moved = gitlab_issues(&clerk(dir.path(), &["check", "--format", "gitlab"]));
    let moved_fingerprints: Vec<&str> = moved
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(moved_fingerprints, fingerprints);
    assert_eq!(moved[0]["location"]["lines"]["begin"], 11);
}

#[test]
fn gitlab_gives_two_findings_alike_two_fingerprints() {
    // The same undefined abbreviation in two files, and the same slip
    // twice in one file, are told apart.
    let twice = format!("{COMMITTEE}\n3. Grants\nMr Patel explained that the DfE had written.\n");
    let dir = folder(&[("a.txt", COMMITTEE.as_bytes()), ("b.txt", twice.as_bytes())]);
    let run = clerk(
        dir.path(),
        &["check", "--format", "gitlab", "--select", "P001"],
    );
    let issues = gitlab_issues(&run);
    let fingerprints: Vec<&str> = issues
        .iter()
        .map(|issue| issue["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = fingerprints.clone();
    unique.sort();
    unique.dedup();
    assert!(fingerprints.len() >= 2, "{}", run.stdout);
    assert_eq!(unique.len(), fingerprints.len(), "{}", run.stdout);
}

#[test]
fn json_lines_gives_each_finding_of_the_json_list_on_its_own_line() {
    let dir = committee_and_clean();
    let list = clerk(dir.path(), &["check", "--format", "json"]);
    let lines = clerk(dir.path(), &["check", "--format", "json-lines"]);
    assert_eq!(lines.code, 1, "{}", lines.stderr);
    let parsed: Vec<Value> = lines
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(Value::Array(parsed), list.json());
    assert_eq!(lines.stdout.lines().count(), 4);
    assert!(lines.stdout.ends_with("}\n"));

    // Nothing found: nothing at all, not an empty list.
    let clean = folder(&[("clean.txt", CLEAN.as_bytes())]);
    let run = clerk(clean.path(), &["check", "--format", "json-lines"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn concise_gives_one_line_per_finding_and_the_summary() {
    let dir = committee_and_clean();
    let run = clerk(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut expected: Vec<&str> = COMMITTEE_LINES.to_vec();
    expected.push("Found 4 problems in 1 file (1 fixable with --fix, 2 more with --unsafe-fixes).");
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
    let quiet = clerk(dir.path(), &["check", "--format", "concise", "--quiet"]);
    assert_eq!(quiet.stdout.lines().collect::<Vec<_>>(), COMMITTEE_LINES);
}

#[test]
fn every_format_is_offered_and_documented() {
    let dir = folder(&[]);
    let help = clerk(dir.path(), &["check", "--help"]);
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "github",
        "gitlab",
        "junit",
        "sarif",
    ] {
        assert!(
            help.stdout.contains(&format!("- {format}:")),
            "--help lacks {format}"
        );
        assert!(
            readme.contains(&format!("`--format {format}`")),
            "README.md lacks `--format {format}`"
        );
    }
}
