//! The parser on every shape minutes take: headings and numbering forms,
//! section labels, resolution blocks, attendance lists, people, abbreviations,
//! Markdown, line endings and scripts. Each test names what it recognises.

use clerk::syntax::*;
use clerk::text::TextRange;

fn items(text: &str) -> Vec<(Option<String>, String)> {
    let doc = parse(text);
    doc.items
        .iter()
        .map(|item| {
            (
                item.number.as_ref().map(|n| n.text.clone()),
                item.title.of(text).to_owned(),
            )
        })
        .collect()
}

fn item(number: &str, title: &str) -> (Option<String>, String) {
    (Some(number.to_owned()), title.to_owned())
}

/// Every range in the model lies inside the text, on character boundaries.
fn assert_ranges_valid(text: &str, doc: &Document) {
    let mut ranges: Vec<TextRange> = Vec::new();
    ranges.extend(doc.lines.iter().flat_map(|l| [l.range, l.content]));
    ranges.extend(doc.blocks.iter().flat_map(|b| [b.range, b.content]));
    ranges.extend(doc.items.iter().flat_map(|i| [i.range, i.heading, i.title]));
    ranges.extend(
        doc.items
            .iter()
            .filter_map(|i| i.number.as_ref().map(|n| n.range)),
    );
    ranges.extend(doc.sections.iter().flat_map(|s| [s.label, s.range]));
    ranges.extend(doc.attendance.iter().flat_map(|a| [a.label, a.range]));
    ranges.extend(
        doc.attendance
            .iter()
            .flat_map(|a| {
                a.entries
                    .iter()
                    .flat_map(|e| [Some(e.range), Some(e.name), e.initials, e.role])
            })
            .flatten(),
    );
    ranges.extend(
        doc.resolution_blocks
            .iter()
            .flat_map(|b| b.resolutions.iter().flat_map(|r| [r.range, r.text])),
    );
    ranges.extend(
        doc.resolution_blocks
            .iter()
            .flat_map(|b| std::iter::once(b.range).chain(b.marker)),
    );
    ranges.extend(
        doc.mentions
            .iter()
            .flat_map(|m| std::iter::once(m.range).chain(m.role)),
    );
    ranges.extend(doc.abbreviations.iter().map(|a| a.range));
    ranges.extend(
        doc.definitions
            .iter()
            .flat_map(|d| [d.abbreviation, d.expansion, d.range]),
    );
    ranges.extend(doc.meeting.iter().flat_map(|m| [m.range, m.title]));
    for range in ranges {
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{range:?} outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{range:?} splits a character"
        );
    }
}

#[test]
fn number_and_title_on_one_line() {
    assert_eq!(
        items("1. Apologies for absence\n\nNone.\n\n2. Minutes of the last meeting\n"),
        vec![
            item("1", "Apologies for absence"),
            item("2", "Minutes of the last meeting")
        ]
    );
}

#[test]
fn minute_number_on_its_own_line_then_the_title() {
    assert_eq!(
        items("276.\n\nApologies for Absence\n\nMinutes:\n\nNone.\n\n277.\n\nDeclarations of Interest pdf icon PDF 41 KB\n"),
        vec![item("276", "Apologies for Absence"), item("277", "Declarations of Interest")]
    );
}

#[test]
fn committee_prefixed_and_year_numbers() {
    assert_eq!(
        items("CELS/12\n\nLibraries report\n"),
        vec![item("CELS/12", "Libraries report")]
    );
    assert_eq!(
        items("45/24\n\nFire cover review\n"),
        vec![item("45/24", "Fire cover review")]
    );
}

#[test]
fn escaped_markdown_numbers_and_headings() {
    assert_eq!(
        items("6\\. Matters Arising\n\nNone.\n"),
        vec![item("6", "Matters Arising")]
    );
    assert_eq!(
        items("# Parish Council\n\n## 3. Minutes of the last meeting\n"),
        vec![item("3", "Minutes of the last meeting")]
    );
    let doc = parse("# Parish Council\n\n## 3. Minutes\n");
    assert_eq!(doc.meeting.unwrap().title, TextRange::new(2, 16));
}

#[test]
fn headings_in_capitals_and_agenda_item_pages() {
    assert_eq!(
        items("MINUTES OF THE MEETING OF THE PARISH COUNCIL\n\nAPOLOGIES FOR ABSENCE\n\nNone.\n"),
        vec![(None, "APOLOGIES FOR ABSENCE".to_owned())]
    );
    assert_eq!(
        items("Agenda item\n\nUpdate on the library review\n\nMinutes:\n"),
        vec![(None, "Update on the library review".to_owned())]
    );
}

#[test]
fn paragraph_numbers_and_numbered_lists_stay_inside_their_item() {
    let text = "6. Matters Arising\n\n6.1 War memorial - repaired.\n\n6.2 Litter pick - held.\n\n7. Reports\n\n1. The first point.\n\n2. The second point.\n";
    assert_eq!(
        items(text),
        vec![item("6", "Matters Arising"), item("7", "Reports")]
    );
    let doc = parse(text);
    let markers: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| b.marker.as_ref().map(|m| m.kind.clone()))
        .collect();
    assert_eq!(markers[0], MarkerKind::Paragraph { parts: vec![6, 1] });
}

#[test]
fn section_labels() {
    let text = "1. Budget\n\nMinutes:\n\nThe report was noted.\n\nDecision:\n\nThat the budget be approved.\n\nSupporting documents:\n";
    let doc = parse(text);
    let labels: Vec<_> = doc.sections.iter().map(|s| s.label.of(text)).collect();
    assert_eq!(labels, vec!["Minutes", "Decision", "Supporting documents"]);
    assert_eq!(
        doc.sections[0].range.of(text),
        "Minutes:\n\nThe report was noted."
    );
}

#[test]
fn resolution_blocks_in_every_form() {
    let text = "1. A\n\nThe Chair thanked officers. It was unanimously RESOLVED:\n\n1.\u{a0} \u{a0}That the plan be noted.\n\n2.\u{a0} \u{a0}That the report be noted.\n\n\
                2. B\n\nRESOLVED: That the minutes be agreed as a correct record.\n\n\
                3. C\n\nRESOLVED:\n\nThat Cabinet:\n\nA:        Welcomes the commitment.\n\nB:        Agrees the plan.\n\n\
                119. D\n\n119.1  RESOLVED: The minutes were approved.\n";
    let doc = parse(text);
    let blocks: Vec<(Option<&str>, Vec<&str>)> = doc
        .resolution_blocks
        .iter()
        .map(|b| {
            (
                b.marker.map(|m| m.of(text)),
                b.resolutions.iter().map(|r| r.text.of(text)).collect(),
            )
        })
        .collect();
    assert_eq!(
        blocks,
        vec![
            (
                Some("It was unanimously RESOLVED"),
                vec!["That the plan be noted.", "That the report be noted."]
            ),
            (
                Some("RESOLVED"),
                vec!["That the minutes be agreed as a correct record."]
            ),
            (
                Some("RESOLVED"),
                vec!["Welcomes the commitment.", "Agrees the plan."]
            ),
            (Some("RESOLVED"), vec!["The minutes were approved."]),
        ]
    );
    assert_eq!(
        doc.resolution_blocks[3].resolutions[0]
            .marker
            .as_ref()
            .unwrap()
            .kind,
        MarkerKind::Paragraph {
            parts: vec![119, 1]
        }
    );
}

#[test]
fn unmarked_dash_list_of_decisions() {
    let text = "Agenda item\n\nQuarterly update\n\n-       That Committee notes the report.\n\n\n-       That Committee approves the plan.\n";
    let doc = parse(text);
    assert_eq!(doc.resolution_blocks.len(), 1);
    assert_eq!(doc.resolution_blocks[0].marker, None);
    assert_eq!(doc.resolution_blocks[0].resolutions.len(), 2);
}

#[test]
fn attendance_lists_with_roles_and_initials() {
    let text = "Present:   Councillor A Quill (Chair), Mrs B Stone (BS)\nAlso present:  Dr Ravi Menon, Standing Invitee\nFrank Hale (FHA)          Councillor/Chairman\nIn attendance: Rosa Quill (RQ) Retiring Chair, Tom Penn, Parish Clerk\n";
    let doc = parse(text);
    let entries: Vec<(&str, Option<&str>, Option<&str>)> = doc
        .attendance
        .iter()
        .flat_map(|a| &a.entries)
        .map(|e| {
            (
                e.name.of(text),
                e.initials.map(|r| r.of(text)),
                e.role.map(|r| r.of(text)),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("Councillor A Quill", None, Some("Chair")),
            ("Mrs B Stone", Some("BS"), None),
            ("Dr Ravi Menon", None, Some("Standing Invitee")),
            ("Frank Hale", Some("FHA"), Some("Councillor/Chairman")),
            ("Rosa Quill", Some("RQ"), Some("Retiring Chair")),
            ("Tom Penn", None, Some("Parish Clerk")),
        ]
    );
    let kinds: Vec<_> = doc.attendance.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        vec![
            AttendanceKind::Present,
            AttendanceKind::InAttendance,
            AttendanceKind::InAttendance
        ]
    );
}

#[test]
fn people_with_attached_roles_in_every_form() {
    let text = "The Strategic Director for Children, Mr Hale presented the report. \
                Ms Tina Marsh, Assistant Director Family Services provided an update. \
                Mrs C Hardy (Clerk) read the letter. \
                Karen Pike – Head of Early Years – answered questions. \
                The Committee noted the new Chairman for the Board, Mr Andrew Frey former Director of Housing. \
                Executive Director for Adults, Chris Lund, presented the plan. \
                Mr Patel explained the budget.";
    let doc = parse(text);
    let people: Vec<(&str, Option<&str>, bool)> = doc
        .mentions
        .iter()
        .map(|m| (m.range.of(text), m.role.map(|r| r.of(text)), m.speaks))
        .collect();
    assert_eq!(
        people,
        vec![
            ("Mr Hale", Some("Strategic Director for Children"), true),
            (
                "Ms Tina Marsh",
                Some("Assistant Director Family Services"),
                true
            ),
            ("Mrs C Hardy", Some("Clerk"), true),
            ("Karen Pike", Some("Head of Early Years"), true),
            ("Mr Andrew Frey", Some("former Director of Housing"), false),
            ("Chris Lund", Some("Executive Director for Adults"), true),
            ("Mr Patel", None, true),
        ]
    );
}

#[test]
fn teams_services_and_places_are_not_people() {
    let text = "The Reach Team noted the figures. Family Services reported progress. Bell Corner was discussed. Another Parishioner asked a question.";
    assert!(parse(text).mentions.is_empty());
}

#[test]
fn two_people_who_share_a_surname_stay_apart() {
    let text = "Councillor George Lamb presented. Councillor Judith Lamb asked a question.";
    let doc = parse(text);
    assert_eq!(doc.people.len(), 2);
}

#[test]
fn abbreviations_their_forms_and_definitions() {
    let text = "The Multi-Agency Safeguarding Hub (MASH) and DATS (Duty and Assessment Teams) met. The DfE's letter named three UASCs and NCC-HD.";
    let doc = parse(text);
    let uses: Vec<(&str, bool)> = doc
        .abbreviations
        .iter()
        .map(|u| (u.key.as_str(), u.in_definition))
        .collect();
    assert_eq!(
        uses,
        vec![
            ("MASH", true),
            ("DATS", true),
            ("DfE", false),
            ("UASC", false),
            ("NCC-HD", false)
        ]
    );
    let definitions: Vec<(&str, &str, DefinitionForm)> = doc
        .definitions
        .iter()
        .map(|d| (d.key.as_str(), d.expansion.of(text), d.form))
        .collect();
    assert_eq!(
        definitions,
        vec![
            (
                "MASH",
                "Multi-Agency Safeguarding Hub",
                DefinitionForm::WordsFirst
            ),
            (
                "DATS",
                "Duty and Assessment Teams",
                DefinitionForm::AbbreviationFirst
            ),
        ]
    );
}

#[test]
fn capitals_that_are_not_abbreviations() {
    let text = "APOLOGIES FOR ABSENCE\n\nIt was RESOLVED that PART ONE of Appendix II be AGREED and NOTED.\n\nWEDNESDAY 15 MAY 2019\n\nPlanning 20/500342/SUB was noted. LINK: see the website.\n";
    assert!(
        parse(text).abbreviations.is_empty(),
        "{:?}",
        parse(text).abbreviations
    );
}

#[test]
fn front_matter_emphasis_and_block_quotes() {
    let text = "---\ntitle: \"Minutes of the AGM\"\ndate: 2025-01-01\n---\n\n**1\\. Attendance**\n\n> The Chair welcomed everyone.\n> It was RESOLVED that the accounts be approved.\n";
    let doc = parse(text);
    assert_eq!(
        doc.front_matter.map(|r| r.of(text)),
        Some("---\ntitle: \"Minutes of the AGM\"\ndate: 2025-01-01\n---")
    );
    assert_eq!(items(text), vec![item("1", "Attendance")]);
    assert_eq!(doc.resolution_blocks.len(), 1);
}

#[test]
fn crlf_non_breaking_space_lines_curly_quotes_and_other_scripts() {
    let text = "1. Children\u{2019}s services\r\n\u{a0}\r\nMs Tina Marsh, Assistant Director, noted the \u{201c}All About Me\u{201d} plans.\r\n\r\n2. 議事録 🎉\r\n\r\nΗ επιτροπή συνεδρίασε.\r\n";
    let doc = parse(text);
    assert_eq!(
        items(text),
        vec![
            item("1", "Children\u{2019}s services"),
            item("2", "議事録 🎉")
        ]
    );
    assert!(doc
        .lines
        .iter()
        .all(|line| !line.range.of(text).contains(['\r', '\n'])));
    assert_eq!(
        doc.mentions[0].role.map(|r| r.of(text)),
        Some("Assistant Director")
    );
    assert_ranges_valid(text, &doc);
}

#[test]
fn never_fails_on_odd_input() {
    let inputs = [
        "",
        "\n\n\n",
        "\r",
        "(",
        "RESOLVED",
        "1.",
        "- That",
        "Mr",
        "(ABC",
        "Present:",
        "Agenda item",
        "---\n",
        "\u{0}\u{1}\u{2}",
        "🎉🎉🎉 (🎉) Mr 🎉 RESOLVED: 🎉",
        "Mr. Mrs. Ms. Dr. Cllr.",
        "((((((((((((((((((((",
        "1.\n1.\n1.\n1.\n",
        "Present: , , , and and ,",
    ];
    for text in inputs {
        let doc = parse(text);
        assert_ranges_valid(text, &doc);
    }
    // A whole meeting on one very long line.
    let long = "Mr Hale noted the MASH (Multi-Agency Safeguarding Hub) report. ".repeat(5_000);
    assert_ranges_valid(&long, &parse(&long));
}

#[test]
fn suppression_comments() {
    let text = "<!-- clerk: ignore A001, P001 -->\nThe QRZ met.\n";
    let doc = parse(text);
    assert_eq!(doc.suppressions.len(), 1);
    assert_eq!(doc.suppressions[0].checks, vec!["A001", "P001"]);
    assert_eq!(doc.suppressions[0].scope.of(text), "The QRZ met.");
}

/// Thousands of documents stitched at random from fragments of minutes,
/// markup and text in other scripts: the parser and every check must
/// neither panic nor produce a range outside the text.
#[test]
fn random_documents_never_break_the_parser_or_the_checks() {
    const FRAGMENTS: &[&str] = &[
        "1.",
        "276.",
        "6\\.",
        "118.2",
        "(a)",
        "(ii)",
        "A:",
        "- ",
        "* ",
        "• ",
        "·",
        "RESOLVED",
        "RESOLVED:",
        "It was RESOLVED",
        "That ",
        "That Committee notes",
        "AGREED",
        "Decision:",
        "Minutes:",
        "Present:",
        "In attendance:",
        "Apologies:",
        "Mr ",
        "Ms Tina ",
        "Cllr ",
        "Councillor ",
        "Dr ",
        "Munday",
        "McElligott",
        "O’Neill",
        ", ",
        ". ",
        " (",
        ")",
        "[",
        "]",
        "MASH",
        "DfE",
        "DfE's",
        "UASCs",
        "NCC-HD",
        "(MASH)",
        "Multi-Agency Safeguarding Hub",
        "Head of Finance",
        "presented",
        "noted",
        "asked",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u{a0}",
        " ",
        "\t",
        "# ",
        "## ",
        "**",
        "_",
        "> ",
        "<!-- clerk: ignore -->",
        "<!--",
        "-->",
        "---\n",
        "議事録",
        "🎉",
        "é",
        "Ω",
        "\u{200d}",
        "\u{feff}",
        "Agenda item",
        "APOLOGIES FOR ABSENCE",
        "CELS/12",
        "45/24",
        "pdf icon PDF 41 KB",
        "https://x.org/ABC",
        "a@b.co",
        "<AI1>",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let config = clerk::config::Config::default();
    for _ in 0..3_000 {
        let length = (next() % 60) as usize;
        let text: String = (0..length)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        let doc = parse(&text);
        assert_ranges_valid(&text, &doc);
        let analysis = clerk::analysis::analyze(&text, &config);
        for finding in &analysis.findings {
            let ranges = std::iter::once(finding.range)
                .chain(finding.related.iter().map(|r| r.range))
                .chain(
                    finding
                        .fix
                        .iter()
                        .flat_map(|fix| fix.edits.iter().map(|e| e.range)),
                );
            for range in ranges {
                assert!(
                    range.end <= text.len()
                        && text.is_char_boundary(range.start)
                        && text.is_char_boundary(range.end),
                    "{text:?}"
                );
            }
        }
        let _ = clerk::analysis::outline(&text, &analysis.doc);
    }
}

/// A name after an honorific ends in every way text can end it: possessive
/// marks of several widths, full stops, accents. None may panic (as "Mr
/// B’s." once did, cutting the curly apostrophe in two) or give a range
/// off a character boundary.
#[test]
fn any_short_ending_after_an_honorific_parses() {
    let alphabet = ['B', 'x', '’', '\'', '.', ' ', 's', 'é', ',', 'É'];
    let mut tails = vec![String::new()];
    for _ in 0..5 {
        let longer: Vec<String> = tails
            .iter()
            .flat_map(|tail| alphabet.iter().map(move |c| format!("{tail}{c}")))
            .collect();
        for tail in &longer {
            for honorific in ["Mr ", "Cllr Mrs ", "Dr. "] {
                let text = format!("The item was {honorific}{tail}\n");
                let doc = parse(&text);
                assert_ranges_valid(&text, &doc);
            }
        }
        tails = longer;
    }
    let text = "The item was Mr B\u{2019}s.\n";
    assert_ranges_valid(text, &parse(text));
}

/// A long document is parsed in two halves on two cores; the model must be
/// exactly the one the single walk gives (which is what a parse inside
/// `clerk check`'s pool of threads takes). The text holds every kind of
/// thing both halves read: attendance with initials, people, definitions,
/// resolutions, sums of money, times, dates, code and a suppression
/// comment, over more lines than one part of the lines' half reads.
#[test]
fn a_long_document_parsed_in_two_halves_is_parsed_as_in_one() {
    let part = "Present: Cllr Ann Lee (Chair) (AL), Mr Tom Penn (TP)\n\n\
                1. Reports\n\nMs Rosa Diaz, Head of Finance, presented the Local Transport Plan (LTP). \
                AL asked about the LTP and the DfE grant; `CODE` is markup.\n\n\
                <!-- clerk: ignore A001 -->\nThe QRZ was noted.\n\n\
                It was RESOLVED:\n1. That the report be noted.\n2. That the Clerk writes to N.C.C.\n\n\
                Payments: £1,234.56 and £696. 56, then € 40 and £3.5m, from 7.30pm to 21:15.\n\n\
                The next meeting will be held on Tuesday 4 March 2025.\n\n";
    let text = part.repeat(300 * 1024 / part.len() + 1);
    assert!(text.len() >= 300 * 1024);
    let in_two_halves = format!("{:?}", parse(&text));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let in_one = pool.install(|| format!("{:?}", parse(&text)));
    assert!(in_one.len() > 100_000);
    assert!(in_two_halves == in_one, "the two parses differ");
}

/// A new version parsed after an earlier one (`parse_after`, as the
/// language server parses each edit of a long document) takes up what the
/// earlier parse found on the lines the edit left alone; its model must be
/// exactly the one a parse of the new text alone gives, after every kind
/// of edit: a character typed or taken away anywhere, a line broken or
/// joined, a paragraph pasted or cut, front matter put at the top (which
/// changes what the lines below it are), line endings, characters beyond
/// ASCII, and the document shrinking below the length that keeps anything
/// and growing past it again.
#[test]
fn a_version_parsed_after_the_one_before_is_parsed_as_alone() {
    let paragraphs = [
        "Present: Cllr Ann Lee (Chair) (AL), Mr Tom Penn (TP)\n\n",
        "1. Reports\n\nMs Rosa Diaz, Head of Finance, presented the Local Transport Plan (LTP).\n\n",
        "AL asked about the LTP and the DfE grant; `CODE` is markup.\n\n",
        "<!-- clerk: ignore A001 -->\nThe QRZ was noted.\n\n",
        "It was RESOLVED:\n1. That the report be noted.\n2. That the Clerk writes to N.C.C.\n\n",
        "Payments: £1,234.56 and £696. 56, then € 40 and £3.5m, from 7.30pm to 21:15.\r\n\r\n",
        "The next meeting will be held on Tuesday 4 March 2025.\n\n",
        "TOWN PLANNING AND THE SHLAA\n\nThe Strategic Housing Land Availability Assessment (SHLAA) was débated by Mme Zoë Brontë.\n\n",
        "NPPF (National Planning Policy Framework) and the CIL: \u{201c}Community Infrastructure Levy\u{201d}.\n\n",
    ];
    // A small generator of numbers, the same on every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let mut text = String::new();
    while text.len() < 150 * 1024 {
        text.push_str(paragraphs[next(paragraphs.len())]);
    }
    let boundary = |text: &str, at: usize| {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let mut doc = parse_after(&text, None);
    let mut taken_up = 0;
    for round in 0..144 {
        let at = boundary(&text, next(text.len() + 1));
        let mut new = text.clone();
        match round % 12 {
            0..=3 => new.insert(at, ['e', ' ', 'A', 'é'][next(4)]),
            4 | 5 => {
                let end = boundary(&text, at + 1 + next(200));
                new.replace_range(at..end, "");
            }
            6 => new.insert(at, '\n'),
            7 => {
                // A line joined to the next.
                if let Some(end) = text[at..].find('\n') {
                    new.replace_range(at + end..at + end + 1, " ");
                }
            }
            8 => new.insert_str(at, paragraphs[next(paragraphs.len())]),
            9 => match round % 48 {
                9 => new.insert_str(0, "---\ntitle: Minutes\n---\n"),
                21 => new.insert_str(0, "---\ntitle: Minutes\n"),
                _ => new.push_str("Closed at 9.15pm (QRZ)."),
            },
            10 => {
                // Cut a long stretch, then paste it back elsewhere.
                let end = boundary(&text, at + next(20_000));
                let cut = text[at..end].to_owned();
                new.replace_range(at..end, "");
                let to = boundary(&new, next(new.len() + 1));
                new.insert_str(to, &cut);
            }
            _ => {
                // Now and then shrink below the length that keeps, then grow.
                if round % 36 == 11 {
                    new.truncate(boundary(&text, 20 * 1024));
                } else if new.len() < 100 * 1024 {
                    while new.len() < 150 * 1024 {
                        new.push_str(paragraphs[next(paragraphs.len())]);
                    }
                }
            }
        }
        let after = parse_after(
            &new,
            Some(Earlier {
                text: &text,
                doc: &doc,
            }),
        );
        let alone = parse(&new);
        assert!(
            format!("{after:?}") == format!("{alone:?}"),
            "round {round}: the model parsed after the version before differs"
        );
        taken_up += after.kept_lines.taken_up();
        text = new;
        doc = after;
    }
    // Most of the lines were taken up, not walked again.
    eprintln!("{taken_up} parts taken up");
    assert!(taken_up > 144 * 10, "only {taken_up} parts taken up");
}
