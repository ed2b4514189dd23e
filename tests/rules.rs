//! Every check on its fixture: `fires.txt` must give exactly the expected
//! findings (compared as a rendered snapshot), `silent.txt` must give none.

use clerk::analysis::analyze;
use clerk::config::{BodyProfile, Config, RegisteredPerson};
use clerk::rules::{apply_edits, Finding};
use clerk::text::{Encoding, LineIndex, TextRange};
use std::path::PathBuf;

fn fixture(code: &str, half: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
        .join(half);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn only(code: &str) -> Config {
    Config {
        select: Some(vec![code.to_owned()]),
        ..Config::default()
    }
}

/// Renders findings as a reader sees them: where, what, the line with the
/// span marked, related places and the fix with the text it produces.
fn render(text: &str, findings: &[Finding]) -> String {
    let index = LineIndex::new(text);
    let place = |range: TextRange| {
        let start = index.line_col(text, range.start, Encoding::Chars);
        let end = index.line_col(text, range.end, Encoding::Chars);
        format!(
            "{}:{}-{}:{}",
            start.line + 1,
            start.col + 1,
            end.line + 1,
            end.col + 1
        )
    };
    let mut out = String::new();
    for finding in findings {
        out.push_str(&format!(
            "{} {} ({}) at {}\n  {}\n",
            finding.code,
            finding.name,
            finding.severity.as_str(),
            place(finding.range),
            finding.message
        ));
        let line = index.line_of(finding.range.start);
        let line_start = index.line_start(line);
        let line_text = &text[line_start..index.line_end(line)];
        let before = text[line_start..finding.range.start].chars().count();
        let width = finding.range.of(text).chars().count().max(1);
        out.push_str(&format!(
            "  | {line_text}\n  | {}{}\n",
            " ".repeat(before),
            "^".repeat(width)
        ));
        for related in &finding.related {
            out.push_str(&format!(
                "  related {}: {} ({:?})\n",
                place(related.range),
                related.message,
                related.range.of(text)
            ));
        }
        let alternatives = finding.alternatives.iter().map(|fix| ("or", fix));
        for (label, fix) in finding
            .fix
            .iter()
            .map(|fix| ("fix", fix))
            .chain(alternatives)
        {
            out.push_str(&format!(
                "  {label} ({:?}): {}\n",
                fix.applicability, fix.title
            ));
            for edit in &fix.edits {
                out.push_str(&format!(
                    "    {} {:?} -> {:?}\n",
                    place(edit.range),
                    edit.range.of(text),
                    edit.new_text
                ));
            }
        }
    }
    out
}

fn check_rule(code: &str, expected: usize) {
    check_rule_with(code, expected, only(code));
}

fn check_rule_with(code: &str, expected: usize, config: Config) {
    let fires = fixture(code, "fires.txt");
    let findings = analyze(&fires, &config).findings;
    let rendered = render(&fires, &findings);
    assert_eq!(findings.len(), expected, "{code} on fires.txt:\n{rendered}");
    assert!(findings.iter().all(|f| f.code == code));
    insta::assert_snapshot!(format!("{code}_fires"), rendered);

    let silent = fixture(code, "silent.txt");
    let findings = analyze(&silent, &config).findings;
    assert!(
        findings.is_empty(),
        "{code} on silent.txt:\n{}",
        render(&silent, &findings)
    );
}

#[test]
fn r001_unnumbered_resolutions() {
    check_rule("R001", 2);
}

#[test]
fn r002_resolution_numbering() {
    check_rule("R002", 5);
}

#[test]
fn r003_unmarked_resolutions() {
    check_rule("R003", 2);
}

#[test]
fn r004_decision_under_aob() {
    check_rule("R004", 1);
}

#[test]
fn r005_item_numbering() {
    check_rule("R005", 1);
}

#[test]
fn a001_undefined_abbreviation() {
    check_rule("A001", 2);
}

#[test]
fn a002_abbreviation_defined_late() {
    check_rule("A002", 1);
}

#[test]
fn a003_abbreviation_mismatch() {
    check_rule("A003", 2);
}

#[test]
fn a004_abbreviation_redefined() {
    check_rule("A004", 1);
}

#[test]
fn p001_missing_speaker_role() {
    check_rule("P001", 2);
}

#[test]
fn p002_conflicting_roles() {
    check_rule("P002", 1);
}

#[test]
fn d001_weekday_mismatch() {
    check_rule("D001", 5);
}

#[test]
fn d002_impossible_date() {
    check_rule("D002", 4);
}

#[test]
fn d003_next_meeting_before_this() {
    check_rule("D003", 1);
}

#[test]
fn s001_inconsistent_style() {
    check_rule("S001", 4);
}

#[test]
fn s002_malformed_amount() {
    check_rule("S002", 7);
}

#[test]
fn t001_first_person() {
    check_rule("T001", 1);
}

#[test]
fn k001_action_without_owner() {
    check_rule("K001", 2);
}

#[test]
fn k002_action_without_date() {
    check_rule("K002", 2);
}

/// The checks that ship off run only where a setting names them: not
/// with the default settings, but when `select` or `extend-select` does.
#[test]
fn checks_that_ship_off_run_only_when_named() {
    for code in ["R004", "K001", "K002"] {
        let fires = fixture(code, "fires.txt");
        let codes = |config: &Config| -> Vec<&'static str> {
            analyze(&fires, config)
                .findings
                .iter()
                .map(|f| f.code)
                .filter(|found| *found == code)
                .collect()
        };
        assert!(
            codes(&Config::default()).is_empty(),
            "{code} ran by default"
        );
        assert!(
            !codes(&only(code)).is_empty(),
            "{code} did not run when selected"
        );
        let extended = Config {
            extend_select: vec![code.to_owned()],
            ..Config::default()
        };
        assert!(
            !codes(&extended).is_empty(),
            "{code} did not run when extend-selected"
        );
        let ignored = Config {
            ignore: vec![code.to_owned()],
            ..extended
        };
        assert!(codes(&ignored).is_empty(), "{code} ran though ignored");
    }
}

/// M001 with the profile of a parish council, which says what its minutes record.
fn parish_council() -> Config {
    Config {
        profile: BodyProfile::Parish,
        ..only("M001")
    }
}

#[test]
fn m001_missing_standard_item() {
    check_rule_with("M001", 3, parish_council());
}

/// Without a profile, M001 expects only apologies, which every body
/// records; with "none", nothing at all.
#[test]
fn m001_expects_what_the_profile_says() {
    let fires = fixture("M001", "fires.txt");
    let messages = |config: &Config| -> Vec<String> {
        analyze(&fires, config)
            .findings
            .into_iter()
            .map(|finding| finding.message)
            .collect()
    };
    assert_eq!(
        messages(&only("M001")),
        ["These minutes do not record apologies for absence"]
    );
    let nothing = Config {
        profile: BodyProfile::Nothing,
        ..only("M001")
    };
    assert!(messages(&nothing).is_empty());
}

/// Complete minutes that record each standard item in words of their own,
/// under other headings: silent; without those sentences, four findings.
#[test]
fn m001_reads_the_items_in_the_minutes_own_words() {
    let config = parish_council();
    let text = fixture("M001", "silent-other-words.txt");
    let findings = analyze(&text, &config).findings;
    assert!(findings.is_empty(), "{}", render(&text, &findings));
    let without: String = text
        .lines()
        .filter(|line| {
            !["All members", "true record", "meet again"]
                .iter()
                .any(|words| line.contains(words))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(analyze(&without, &config).findings.len(), 4, "{without}");
}

/// What turns a page that is not whole minutes of one meeting into one.
type MadeWhole = fn(&str) -> String;

/// An excerpt, an Annual Parish Meeting and a page of two meetings are not
/// whole minutes of one council meeting: silent on each, and each fires
/// once what makes it so is taken away.
#[test]
fn m001_silent_where_the_page_is_not_whole_minutes_of_one_meeting() {
    let config = parish_council();
    let cases: [(&str, MadeWhole); 3] = [
        ("silent-excerpt.txt", |text| {
            text.replacen("Extract from the minutes", "Minutes", 1)
        }),
        ("silent-annual-parish-meeting.txt", |text| {
            text.replacen("Annual Parish Meeting", "parish council meeting", 1)
                .replace("electors", "residents")
        }),
        ("silent-two-meetings.txt", |text| {
            let second = text.rfind("Minutes of the meeting").unwrap();
            text[second..].to_owned()
        }),
    ];
    for (name, made_whole) in cases {
        let text = fixture("M001", name);
        let findings = analyze(&text, &config).findings;
        assert!(findings.is_empty(), "{name}:\n{}", render(&text, &findings));
        let whole = made_whole(&text);
        assert!(
            !analyze(&whole, &config).findings.is_empty(),
            "{name}, made whole minutes of one meeting, gives nothing"
        );
    }
}

/// Each of D001's two readings, applied alone, leaves a date whose weekday
/// is right, and the finding is gone.
#[test]
fn d001_each_reading_mends_the_date() {
    let text = fixture("D001", "fires.txt");
    let config = only("D001");
    let findings = analyze(&text, &config).findings;
    for finding in &findings {
        assert_eq!(finding.fixes().count(), 2, "{}", finding.message);
        for fix in finding.fixes() {
            let fixed = apply_edits(&text, &fix.edits);
            let after = analyze(&fixed, &config).findings;
            assert_eq!(after.len(), findings.len() - 1, "{}:\n{fixed}", fix.title);
        }
    }
}

#[test]
fn a001_uses_the_glossary_for_its_fix_when_the_glossary_does_not_define() {
    let mut config = only("A001");
    config
        .glossary
        .insert("QRZ".into(), "Quiet Roads Zone".into());
    config.glossary_defines = false;
    let text = "Members asked whether the QRZ would run.";
    let findings = analyze(text, &config).findings;
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].message, "QRZ is not spelled out in these minutes; the glossary gives \u{201c}Quiet Roads Zone\u{201d}");
    let fix = findings[0].fix.as_ref().unwrap();
    assert_eq!(fix.applicability, clerk::rules::Applicability::Safe);
    assert_eq!(
        apply_edits(text, &fix.edits),
        "Members asked whether the Quiet Roads Zone (QRZ) would run."
    );

    // By default a glossary entry counts as the definition.
    config.glossary_defines = true;
    assert!(analyze(text, &config).findings.is_empty());
}

#[test]
fn a001_is_silent_on_abbreviations_the_configuration_knows() {
    let mut config = only("A001");
    config.known.insert("QRZ".into());
    assert!(analyze("The QRZ would run.", &config).findings.is_empty());
    // And an emptied built-in list makes even UK need spelling out.
    let mut config = only("A001");
    config.known.clear();
    assert_eq!(
        analyze("Visitors from the UK came.", &config)
            .findings
            .len(),
        1
    );
}

#[test]
fn p001_takes_the_role_from_the_register() {
    let mut config = only("P001");
    config.people.push(RegisteredPerson {
        name: "Raj Patel".into(),
        role: Some("Head of Finance".into()),
        aliases: vec!["Mr Patel".into()],
    });
    let text = "Mr Patel explained that the budget was balanced.";
    let findings = analyze(text, &config).findings;
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].message,
        "Mr Patel speaks but their role is not given here; the register gives \u{201c}Head of Finance\u{201d}"
    );
    let fix = findings[0].fix.as_ref().unwrap();
    assert_eq!(
        apply_edits(text, &fix.edits),
        "Mr Raj Patel, Head of Finance, explained that the budget was balanced."
    );
}

/// A register entry written with its honorific gives the honorific once.
#[test]
fn p001_writes_a_registered_honorific_once() {
    let mut config = only("P001");
    config.people.push(RegisteredPerson {
        name: "Mr Okafor".into(),
        role: Some("Head of Parks".into()),
        aliases: vec![],
    });
    let text = "Mr Okafor explained the plan.";
    let findings = analyze(text, &config).findings;
    assert_eq!(findings.len(), 1);
    let fix = findings[0].fix.as_ref().unwrap();
    assert_eq!(
        apply_edits(text, &fix.edits),
        "Mr Okafor, Head of Parks, explained the plan."
    );
}

#[test]
fn every_fix_applies_cleanly_and_clears_its_finding() {
    for (code, half) in [
        ("R001", "fires.txt"),
        ("R002", "fires.txt"),
        ("A001", "fires.txt"),
        ("A002", "fires.txt"),
        ("A004", "fires.txt"),
    ] {
        let text = fixture(code, half);
        let config = only(code);
        let findings = analyze(&text, &config).findings;
        let edits: Vec<_> = findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.clone())
            .collect();
        let fixed = apply_edits(&text, &edits);
        let after = analyze(&fixed, &config).findings;
        assert!(
            after.iter().all(|f| f.fix.is_none()) && after.len() < findings.len(),
            "{code}: fixes left {} of {} findings:\n{}",
            after.len(),
            findings.len(),
            render(&fixed, &after)
        );
    }
}

/// The words of `text` that findings point at, in order.
fn flagged_words(text: &str, config: &Config) -> Vec<String> {
    analyze(text, config)
        .findings
        .iter()
        .map(|f| f.range.of(text).to_owned())
        .collect()
}

#[test]
fn suppression_comments_silence_a_paragraph_or_the_file() {
    let config = Config::default();
    let text = "<!-- clerk: ignore A001 -->\nThe QRZ would run.\n\nThe XYW would not.\n";
    assert_eq!(flagged_words(text, &config), vec!["XYW"]);
    let text = "<!-- clerk: ignore-file undefined-abbreviation -->\nThe QRZ would run.\n\nThe XYW would not.\n";
    assert!(analyze(text, &config).findings.is_empty());
    let text = "The QRZ would run. <!-- clerk: ignore -->\nThe XYW would not.\n";
    assert_eq!(flagged_words(text, &config), vec!["XYW"]);
}

#[test]
fn every_rule_documents_itself() {
    for rule in clerk::rules::RULES {
        let doc = rule.doc();
        assert!(
            doc.starts_with(&format!("{} {}: ", rule.code, rule.name)),
            "{}",
            rule.code
        );
        for heading in ["## What it checks", "## Why it matters", "## Example"] {
            assert!(doc.contains(heading), "{} lacks {heading}", rule.code);
        }
        assert!(!rule.summary().is_empty() && !rule.summary().ends_with('.'));
    }
}

/// In a document many meetings long, A001 reads the first pages and the
/// pages around a use for the words that explain it, not everything in
/// between: the body named at the top explains its abbreviation far
/// below, but a name spelled out only in the middle of the volume does
/// not explain a use 300 KB further on.
#[test]
fn a001_reads_the_first_pages_and_the_pages_around_a_use() {
    let filler =
        "Members discussed the hedges along the lane and agreed to look again in spring.\n\n";
    let far = filler.repeat(300_000 / filler.len());
    let text = format!(
        "Minutes of the meeting of the Parish Council, with Norfolk County Council officers.\n\n\
         {far}The Clerk wrote to the NCC about the verge.\n\n\
         {far}Officers of the Regional Flood Board visited.\n\n\
         {far}The RFB replied in writing.\n"
    );
    let findings = analyze(&text, &only("A001")).findings;
    let flagged: Vec<&str> = findings.iter().map(|f| f.range.of(&text)).collect();
    assert_eq!(flagged, ["RFB"]);
}
