//! The patterns of real minutes that once gave false alarms, each as a pair
//! of invented fixtures in `tests/fixtures/patterns/`: `NAME.fires.txt`
//! must give exactly the findings listed here (line:column, code, flagged
//! text), and `NAME.silent.txt`, the same pattern written correctly or in
//! a form clerk must accept, must give none at all.

use clerk::analysis::analyze;
use clerk::config::Config;
use clerk::text::{Encoding, LineIndex};

/// Each pattern, and what its firing half must give.
const PATTERNS: &[(&str, &[&str])] = &[
    // Affiliations, initials written with surnames, room letters, currency
    // codes and words in capitals are no abbreviations to spell out.
    ("a001-affiliations-and-initials", &["5:5 A001 XRB"]),
    // Code spans, code blocks, link targets and HTML are not prose; a
    // definition inside link text is.
    ("a001-markdown", &["7:39 A001 QRT"]),
    // Words that spell an abbreviation out elsewhere (in the heading, in
    // capitals) explain it; a payee in a schedule is named as it trades.
    ("a001-words-elsewhere", &["5:5 A001 LCC"]),
    // A compound of a defined abbreviation, or a shortening that leaves a
    // word out, is no mismatch; a slip of the letters is.
    ("a003-compound", &["3:29 A003 LCX"]),
    // A name broken over a line end is read whole.
    ("a003-line-break", &["4:13 A003 NBR"]),
    // A page that holds a second set of minutes: which next meeting
    // belongs to which meeting cannot be told.
    ("d003-several-meetings", &["8:18 D003 2 April 2025"]),
    // The next meeting named with the body the heading names; another
    // body's next meeting is not this one's.
    (
        "d003-next-meeting-of",
        &["10:51 D003 Monday 11 November 2024"],
    ),
    // Affiliations after names are not spellings-out to compare.
    ("a004-names", &["7:11 A004 Southvale Business Council"]),
    // A list under a numbered item, with dashes, colons and full stops in
    // odd places, and particles in surnames.
    ("p001-numbered-list", &["5:1 P001 Mr Gerald Pike"]),
    // A label that is its own heading; roles before names.
    ("p001-heading-list", &["7:1 P001 Mr Byrne"]),
    // Members listed in YAML front matter.
    ("p001-front-matter", &["10:1 P001 Mr Lind"]),
    // Places, firms and roles before a verb, the public forum, proposers.
    ("p001-not-people", &["5:1 P001 Mr Joe Pratt"]),
    // A role or affiliation in brackets at the first mention.
    ("p001-role-in-brackets", &["5:1 P001 Mr Ball"]),
    // Post-nominal titles, titles before a name, "the applicant, Mr X,".
    ("p001-titles-and-appositions", &["5:1 P001 Mr Ed Stone"]),
    // "Vice-Chair" and "Vice Chair" are one role; a second office is not.
    ("p002-hyphen", &["5:16 P002 Treasurer"]),
    // A schedule of payments names the Clerk again and again: one role.
    ("p002-payments", &["7:15 P002 Treasurer"]),
    // A lower-case marker leading dash items.
    ("r001-lowercase-marker", &["5:1 R001 -"]),
    // Members' bullet points under a marker are not resolutions to number.
    ("r001-member-bullets", &["7:1 R001 -"]),
    // A fenced code block shows text; it decides nothing.
    ("r001-code-block", &["7:1 R001 -"]),
    // Agenda item numbers and letters are not resolution numbers.
    ("r002-agenda-numbers", &["9:1 R002 4."]),
    // A marker on the same line as the first numbered resolution.
    ("r002-marker-same-line", &["5:1 R002 (3)"]),
    // Reported speech, a clock time, a motion's words are no decisions;
    // "And Resolved:" is a marker.
    ("r003-reported-speech", &["5:1 R003 That"]),
    // A sentence wrapped onto a line that opens "that" is no decision.
    ("r003-wrapped-line", &["7:1 R003 That"]),
];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/patterns")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `line:col CODE text` for each finding, one-based, columns in characters.
fn findings(text: &str) -> Vec<String> {
    let index = LineIndex::new(text);
    analyze(text, &Config::default())
        .findings
        .iter()
        .map(|f| {
            let at = index.line_col(text, f.range.start, Encoding::Chars);
            format!(
                "{}:{} {} {}",
                at.line + 1,
                at.col + 1,
                f.code,
                f.range.of(text)
            )
        })
        .collect()
}

#[test]
fn each_pattern_fires_where_it_should_and_is_silent_where_it_should() {
    let mut failures = Vec::new();
    for (name, expected) in PATTERNS {
        let fires = findings(&fixture(&format!("{name}.fires.txt")));
        if fires != *expected {
            failures.push(format!(
                "{name}.fires.txt: expected {expected:?}, got {fires:?}"
            ));
        }
        let silent = findings(&fixture(&format!("{name}.silent.txt")));
        if !silent.is_empty() {
            failures.push(format!(
                "{name}.silent.txt: expected nothing, got {silent:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_pattern_fixture_is_in_the_table() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/patterns");
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name
            .strip_suffix(".fires.txt")
            .or_else(|| name.strip_suffix(".silent.txt"))
            .unwrap_or_else(|| panic!("{name}: a pattern fixture ends .fires.txt or .silent.txt"));
        assert!(
            PATTERNS.iter().any(|(pattern, _)| *pattern == stem),
            "{name} is not in the table of patterns"
        );
    }
}
