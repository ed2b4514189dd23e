//! What clerk reads from a whole folder of minutes: the index of
//! abbreviations, the registers of people, decisions, actions and
//! attendance, and the checks that use the folder, on the Hollowmere
//! fixtures (tests/fixtures/folder: three meetings, a README that is not
//! minutes, and a clerk.toml with a glossary).

mod cli_support;
use cli_support::{clerk, fixture_copy};

#[test]
fn the_index_in_markdown() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("index_markdown", run.stdout);
}

#[test]
fn the_index_in_csv() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("index_csv", run.stdout);
}

#[test]
fn the_index_in_json() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("index_json", run.stdout);
}

#[test]
fn the_index_marks_the_glossary_and_the_dictionary_and_each_differing_expansion() {
    let dir = fixture_copy("folder");
    let index = clerk(dir.path(), &["index", "--format", "json"]).json();
    let entry = |key: &str| {
        index
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["abbreviation"] == key)
            .unwrap_or_else(|| panic!("{key} is not in the index"))
            .clone()
    };
    assert_eq!(entry("NALC")["expansions"][0]["source"], "glossary");
    assert_eq!(entry("CIL")["expansions"][0]["source"], "dictionary");
    let vas = entry("VAS");
    let expansions: Vec<&str> = vas["expansions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|expansion| expansion["expansion"].as_str().unwrap())
        .collect();
    assert_eq!(
        expansions,
        ["Vehicle Activated Sign", "Village Amenity Survey"]
    );
    // Spelled out in March, left unexplained in April and May.
    let idb = entry("IDB");
    assert_eq!(
        idb["expansions"][0]["first_spelled_out"]["date"],
        "2024-03-04"
    );
    assert_eq!(
        idb["used_without_spelling_out"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn the_index_written_to_a_file_is_written_whole() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index", "-o", "appendix/index.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("appendix/index.md")).unwrap();
    assert!(written.starts_with("# Index of abbreviations\n"));
}

#[test]
fn a_file_that_cannot_be_read_is_told_and_the_rest_are_indexed() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index", ".", "missing.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert!(run.stdout.contains("| IDB |"));
}

#[test]
fn the_readme_shows_the_index_as_clerk_prints_it() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["index"]);
    assert!(
        readme.contains(&run.stdout),
        "README.md's example of clerk index differs from what it prints:\n{}",
        run.stdout
    );
}

#[test]
fn attendance_of_a_member_with_apologies_and_an_absence() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["attendance", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let members = run.json();
    let dunn = members
        .as_array()
        .unwrap()
        .iter()
        .find(|member| member["name"] == "Cara Dunn")
        .expect("Cllr Dunn is in the register");
    assert_eq!(
        (&dunn["present"], &dunn["apologies"], &dunn["absent"]),
        (&1.into(), &1.into(), &1.into())
    );
    let meetings: Vec<(&str, &str)> = dunn["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["minutes"]["date"].as_str().unwrap(),
                m["attendance"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        meetings,
        [
            ("2024-03-04", "present"),
            ("2024-04-08", "apologies"),
            ("2024-05-13", "absent")
        ]
    );
    // Cllr Patel sent apologies twice and came once.
    let run = clerk(dir.path(), &["attendance"]);
    assert!(
        run.stdout.contains("| Dev Patel | 1 | 2 | 0 | 0 |"),
        "{}",
        run.stdout
    );
}

#[test]
fn attendance_in_csv_has_a_row_per_member_per_meeting() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["attendance", "--format", "csv"]);
    insta::assert_snapshot!("attendance_csv", run.stdout);
}

#[test]
fn the_people_register_gives_each_form_of_a_name_and_the_roles_with_their_dates() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["people"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("people_markdown", run.stdout);
    let people = clerk(dir.path(), &["people", "--format", "json"]).json();
    let marsh = people
        .as_array()
        .unwrap()
        .iter()
        .find(|person| person["name"] == "Eve Marsh")
        .unwrap();
    assert_eq!(marsh["roles"][0]["role"], "Parish Clerk");
    assert_eq!(marsh["roles"][0]["first"]["date"], "2024-03-04");
    assert_eq!(marsh["roles"][0]["last"]["date"], "2024-05-13");
}

#[test]
fn the_decisions_register_lists_every_resolution_by_meeting_and_minute() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["decisions"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("decisions_markdown", run.stdout);
    let csv = clerk(dir.path(), &["decisions", "--format", "csv"]).stdout;
    assert_eq!(csv.lines().count(), 1 + 8);
    assert!(csv.starts_with("date,body,minute,resolution,file,line\r\n2024-03-04,Hollowmere Parish Council,1,That the report on Mill Lane be noted.,2024-03-04.txt,12\r\n"));
}

#[test]
fn the_action_register_gives_who_what_and_by_when() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["actions", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let actions = run.json();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[0]["owner"], "The Clerk");
    assert_eq!(actions[0]["action"], "write to the IDB by the next meeting");
    assert_eq!(actions[0]["by_when"], "the next meeting");
    assert_eq!(actions[1]["owner"], "Cllr Quill");
    assert_eq!(actions[1]["by_when"], serde_json::Value::Null);
    assert_eq!(actions[2]["by_when"], "13 May");
    insta::assert_snapshot!("actions_markdown", clerk(dir.path(), &["actions"]).stdout);
}

#[test]
fn the_readme_shows_the_registers_as_clerk_prints_them() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let dir = fixture_copy("folder");
    for register in ["people", "decisions", "actions"] {
        let run = clerk(dir.path(), &[register]);
        assert!(
            readme.contains(&run.stdout),
            "README.md's example of clerk {register} differs from what it prints:\n{}",
            run.stdout
        );
    }
}

#[test]
fn a001_in_a_folder_names_the_minutes_that_spell_the_abbreviation_out_and_offers_their_words() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.json();
    let idb = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["path"] == "2024-04-08.txt" && f["message"].as_str().unwrap().starts_with("IDB")
        })
        .expect("IDB is still flagged in April: each set of minutes stands alone");
    assert_eq!(
        idb["message"],
        "IDB is not spelled out in these minutes; it is spelled out as \u{201c}Internal Drainage Board\u{201d} in the minutes of 4 March 2024"
    );
    assert_eq!(idb["fix"]["applicability"], "unsafe");
    assert_eq!(
        idb["fix"]["edits"][0]["new_text"],
        "Internal Drainage Board (IDB)"
    );
    // A later meeting's words serve an earlier one too.
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"] == "2024-03-04.txt"
            && f["message"].as_str().unwrap().contains(
                "\u{201c}Lead Local Flood Authority\u{201d} in the minutes of 8 April 2024"
            )));
}

#[test]
fn a001_on_one_file_named_alone_is_as_it_was() {
    let dir = fixture_copy("folder");
    let run = clerk(dir.path(), &["check", "--format", "json", "2024-04-08.txt"]);
    let findings = run.json();
    let idb = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().starts_with("IDB"))
        .unwrap();
    assert_eq!(
        idb["message"],
        "IDB is not spelled out anywhere in these minutes"
    );
    assert_eq!(idb["fix"], serde_json::Value::Null);
}

#[test]
fn the_folder_words_are_written_only_with_unsafe_fixes() {
    let dir = fixture_copy("folder");
    let before = std::fs::read_to_string(dir.path().join("2024-05-13.txt")).unwrap();
    let run = clerk(dir.path(), &["check", "--fix", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let after = std::fs::read_to_string(dir.path().join("2024-05-13.txt")).unwrap();
    assert_eq!(
        before, after,
        "--fix alone must not write the folder's words"
    );
    clerk(dir.path(), &["check", "--unsafe-fixes", "."]);
    let after = std::fs::read_to_string(dir.path().join("2024-05-13.txt")).unwrap();
    assert!(after.contains("the Internal Drainage Board (IDB) had cleared the second ditch"));
}

/// A folder of `meetings` short minutes of one parish council, month by
/// month in 2023, the `n`th naming whoever `names(n)` gives.
fn meetings_naming(
    meetings: usize,
    names: impl Fn(usize) -> Vec<&'static str>,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..meetings {
        let mut text = format!(
            "Minutes of the Hollowmere Parish Council meeting held on {} {} 2023\n\n\
             Present: Cllr Ann Quill (Chair), Cllr Ben Stone\n\n1. Footpaths\n\n",
            1 + n % 28,
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December"
            ][n % 12],
        );
        for name in names(n) {
            text.push_str(&format!("{name} reported on the footpath survey.\n\n"));
        }
        std::fs::write(dir.path().join(format!("{n:02}.minutes.txt")), text).unwrap();
    }
    dir
}

fn p003(dir: &std::path::Path, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["check", "--select", "P003", "--format", "json"];
    all.extend_from_slice(args);
    clerk(dir, &all)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
                f["fix"]["edits"][0]["new_text"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn p003_fires_on_a_rare_spelling_of_a_name_the_folder_writes_ten_times_as_often() {
    // Mrs Okonkwo in eleven meetings; "Okonkow" once, in the twelfth.
    let dir = meetings_naming(12, |n| {
        if n == 11 {
            vec!["Mrs Okonkow"]
        } else {
            vec!["Mrs Okonkwo"]
        }
    });
    let found = p003(dir.path(), &["."]);
    assert_eq!(
        found,
        [(
            "11.minutes.txt".to_owned(),
            "Okonkow may be a misspelling of Okonkwo: the minutes of this folder write \u{201c}Mrs Okonkwo\u{201d} 11 times and \u{201c}Mrs Okonkow\u{201d} once".to_owned(),
            "Okonkwo".to_owned()
        )]
    );
    let fix = clerk(
        dir.path(),
        &["check", "--select", "P003", "--format", "json", "."],
    )
    .json();
    assert_eq!(fix[0]["fix"]["applicability"], "unsafe");
    // Named alone, a file has no folder to compare with.
    assert!(p003(dir.path(), &["11.minutes.txt"]).is_empty());
}

#[test]
fn p003_is_silent_where_both_spellings_are_frequent() {
    // Mr Hallam forty times and Mr Hallan four: two men, most likely.
    let dir = meetings_naming(44, |n| {
        if n % 11 == 0 {
            vec!["Mr Hallan"]
        } else {
            vec!["Mr Hallam"]
        }
    });
    assert!(p003(dir.path(), &["."]).is_empty());
}

#[test]
fn p003_is_silent_on_a_name_the_register_holds_as_another_person() {
    let dir = meetings_naming(12, |n| {
        if n == 11 {
            vec!["Mrs Okonkow"]
        } else {
            vec!["Mrs Okonkwo"]
        }
    });
    std::fs::write(
        dir.path().join("clerk.toml"),
        "[[people]]\nname = \"Ada Okonkow\"\nrole = \"Tree Warden\"\n",
    )
    .unwrap();
    assert!(p003(dir.path(), &["."]).is_empty());
}

#[test]
fn p003_is_silent_on_short_names_and_on_another_first_letter() {
    // "Mr Bell" is no slip for "Mr Ball", nor "Mrs Cann" for "Mrs Mann".
    let dir = meetings_naming(12, |n| {
        if n == 11 {
            vec!["Mr Bell", "Mrs Cann"]
        } else {
            vec!["Mr Ball", "Mrs Mann"]
        }
    });
    assert!(p003(dir.path(), &["."]).is_empty());
}

#[test]
fn the_action_register_says_which_later_meeting_reports_an_action_done() {
    // January sets three actions; February reports the first done, says
    // the third still awaits a reply, and says nothing of the second.
    let dir = fixture_copy("folder_done");
    let run = clerk(dir.path(), &["actions", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let actions = run.json();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 3);
    assert_eq!(
        actions[0]["action"],
        "contact the Ramblers about a new stile"
    );
    assert_eq!(actions[0]["done"]["date"], "2025-02-10");
    assert_eq!(actions[0]["done"]["file"], "2025-02-10.txt");
    assert_eq!(actions[0]["done"]["line"], 8);
    assert_eq!(actions[1]["owner"], "Cllr Lydd");
    assert_eq!(actions[1]["done"], serde_json::Value::Null);
    assert_eq!(actions[2]["action"], "inform the landowner of the slip");
    assert_eq!(actions[2]["done"], serde_json::Value::Null);
    let csv = clerk(dir.path(), &["actions", "--format", "csv"]).stdout;
    assert!(csv.starts_with("date,minute,who,action,by,file,line,done_date,done_file,done_line\r\n2025-01-13,1,The Clerk,contact the Ramblers about a new stile,,2025-01-13.txt,8,2025-02-10,2025-02-10.txt,8\r\n"), "{csv}");
    insta::assert_snapshot!(
        "actions_done_markdown",
        clerk(dir.path(), &["actions"]).stdout
    );
}
