//! The clerk.toml loader: every setting reaches `Config`, and every mistake
//! is reported in plain words at its exact line and column.

use clerk::config::{discover, load_file, parse, Config, ConfigError, CONFIG_FILE_NAME};
use clerk::rules::{find_rule, Severity};
use std::path::Path;

fn error_of(text: &str) -> ConfigError {
    match parse(text) {
        Ok(_) => panic!("expected the settings to be rejected:\n{text}"),
        Err(error) => error,
    }
}

/// The line, column and offending text of an error, for exact assertions.
fn place(text: &str, error: &ConfigError) -> (u32, u32, String) {
    let range = error.range.expect("an error with a place");
    (
        error.line.expect("a line"),
        error.column.expect("a column"),
        text[range.start..range.end].to_owned(),
    )
}

#[test]
fn an_empty_file_gives_the_defaults() {
    let config = parse("").unwrap();
    let default = Config::default();
    assert_eq!(config.known, default.known);
    assert_eq!(config.dictionary, default.dictionary);
    assert!(config.glossary_defines);
    assert_eq!(config.include, ["*.txt", "*.md", "*.minutes"]);
    assert!(config.select.is_none());
}

#[test]
fn every_setting_reaches_the_config() {
    let text = r#"
[abbreviations]
DfE = "Department for Education"

[glossary]
defines = false

[known]
builtin = true
add = ["PDF", "KB"]
remove = ["EU"]

[dictionary]
builtin = true
remove = ["CAMHS"]
[dictionary.expansions]
BCKLWN = "Borough Council of King's Lynn and West Norfolk"

[[people]]
name = "Brigitte Jordaan"
role = "Operational Director Corporate Parenting"
aliases = ["Ms Jordaan", "BJ"]

[[people]]
name = "Sam Okafor"

[checks]
select = ["A001", "missing-speaker-role"]
ignore = ["P002"]
[checks.severity]
A001 = "error"
missing-speaker-role = "info"

[files]
include = ["*.txt", "*.minutes"]
exclude = ["drafts/**"]

[per-file-ignores]
"archive/*.txt" = ["A001", "unnumbered-resolutions"]
"#;
    let config = parse(text).unwrap();
    assert_eq!(
        config.glossary.get("DfE").map(String::as_str),
        Some("Department for Education")
    );
    assert!(!config.glossary_defines);
    assert!(config.known.contains("KB"));
    assert!(config.known.contains("PDF"));
    assert!(config.known.contains("UK"), "the built-in list stays");
    assert!(!config.known.contains("EU"));
    assert!(!config.dictionary.contains_key("CAMHS"));
    assert!(
        config.dictionary.contains_key("DfE"),
        "the built-in dictionary stays"
    );
    assert_eq!(
        config.dictionary.get("BCKLWN").map(String::as_str),
        Some("Borough Council of King's Lynn and West Norfolk")
    );
    assert_eq!(config.people.len(), 2);
    assert_eq!(config.people[0].name, "Brigitte Jordaan");
    assert_eq!(
        config.people[0].role.as_deref(),
        Some("Operational Director Corporate Parenting")
    );
    assert_eq!(config.people[0].aliases, ["Ms Jordaan", "BJ"]);
    assert_eq!(config.people[1].role, None);
    assert!(config.people[1].aliases.is_empty());
    // Names are stored as codes, so every reader of the config sees one form.
    assert_eq!(
        config.select.as_deref(),
        Some(&["A001".to_owned(), "P001".to_owned()][..])
    );
    assert_eq!(config.ignore, ["P002"]);
    assert_eq!(config.severities.get("A001"), Some(&Severity::Error));
    assert_eq!(config.severities.get("P001"), Some(&Severity::Info));
    assert_eq!(
        config.severity_of(find_rule("A001").unwrap()),
        Some(Severity::Error)
    );
    assert_eq!(
        config.severity_of(find_rule("R001").unwrap()),
        None,
        "not selected"
    );
    assert_eq!(config.include, ["*.txt", "*.minutes"]);
    assert_eq!(config.exclude, ["drafts/**"]);
    assert_eq!(
        config.per_file_ignores,
        [(
            "archive/*.txt".to_owned(),
            vec!["A001".to_owned(), "R001".to_owned()]
        )]
    );
    let archived = config.for_path(Path::new("archive/2019.txt"));
    assert_eq!(archived.severity_of(find_rule("A001").unwrap()), None);
    let deeper = config.for_path(Path::new("archive/old/2019.txt"));
    assert_eq!(
        deeper.severity_of(find_rule("A001").unwrap()),
        Some(Severity::Error),
        "* stays within one folder"
    );
    // An editor gives absolute paths; the pattern still finds its folder.
    let absolute = config.for_path(Path::new("/home/clerk/minutes/archive/2019.txt"));
    assert_eq!(absolute.severity_of(find_rule("A001").unwrap()), None);
    let elsewhere = config.for_path(Path::new("/home/clerk/minutes/current/2019.txt"));
    assert_eq!(
        elsewhere.severity_of(find_rule("A001").unwrap()),
        Some(Severity::Error)
    );
    let current = config.for_path(Path::new("current/2019.txt"));
    assert_eq!(
        current.severity_of(find_rule("A001").unwrap()),
        Some(Severity::Error)
    );
}

#[test]
fn builtin_false_empties_the_shipped_lists() {
    let config = parse(
        "[known]\nbuiltin = false\nadd = [\"KB\"]\n\n[dictionary]\nbuiltin = false\n[dictionary.expansions]\nXY = \"Ex Why\"\n",
    )
    .unwrap();
    assert_eq!(config.known.len(), 1);
    assert!(config.known.contains("KB"));
    assert_eq!(config.dictionary.len(), 1);
    assert_eq!(config.dictionary["XY"], "Ex Why");
}

#[test]
fn an_unknown_table_is_named_at_its_header() {
    let text = "[abbreviations]\nDfE = \"Department for Education\"\n\n[glosary]\ndefines = true\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (4, 2, "glosary".to_owned()));
    assert!(
        error.message.starts_with("unknown setting \"glosary\" in the settings file; the tables are [abbreviations], [glossary]"),
        "{}",
        error.message
    );
}

#[test]
fn an_unknown_key_is_named_with_its_table() {
    let text = "[checks]\nselect = [\"A001\"]\n  selet = [\"A002\"]\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (3, 3, "selet".to_owned()));
    assert_eq!(
        error.message,
        "unknown setting \"selet\" in [checks]; the settings there are select, extend-select, ignore, severity"
    );
}

#[test]
fn an_unknown_check_names_every_check() {
    let text = "[checks]\nselect = [\"A001\", \"A009\"]\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 19, "\"A009\"".to_owned()));
    assert_eq!(
        error.message,
        "unknown check \"A009\" in [checks] select; the checks are R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001"
    );
}

#[test]
fn an_unknown_check_in_severity_points_at_the_key() {
    let text = "[checks.severity]\nmissing-speaker-rol = \"info\"\n";
    let error = error_of(text);
    assert_eq!(
        place(text, &error),
        (2, 1, "missing-speaker-rol".to_owned())
    );
    assert!(error
        .message
        .starts_with("unknown check \"missing-speaker-rol\" in [checks.severity]"));
}

#[test]
fn an_unknown_check_in_per_file_ignores() {
    let text = "[per-file-ignores]\n\"archive/*.txt\" = [\"Z999\"]\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 20, "\"Z999\"".to_owned()));
    assert!(error.message.starts_with(
        "unknown check \"Z999\" in [per-file-ignores] \"archive/*.txt\"; the checks are"
    ));
}

#[test]
fn a_bad_severity_word() {
    let text = "[checks.severity]\nA001 = \"fatal\"\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 8, "\"fatal\"".to_owned()));
    assert_eq!(
        error.message,
        "unknown severity \"fatal\" for A001 in [checks.severity]; use error, warning or info"
    );
}

#[test]
fn wrong_types_say_what_was_wanted() {
    let cases: &[(&str, (u32, u32, &str), &str)] = &[
        (
            "[checks]\nselect = \"A001\"\n",
            (2, 10, "\"A001\""),
            "[checks] select should be a list of checks, like [\"A001\", \"missing-speaker-role\"], not text",
        ),
        (
            "[glossary]\ndefines = \"yes\"\n",
            (2, 11, "\"yes\""),
            "defines in [glossary] should be true or false, not text",
        ),
        (
            "[abbreviations]\nDfE = 3\n",
            (2, 7, "3"),
            "the expansion of DfE in [abbreviations] should be text in quotes, not a number",
        ),
        (
            "[known]\nadd = [\"PDF\", 4]\n",
            (2, 15, "4"),
            "an entry of add in [known] should be text in quotes, not a number",
        ),
        (
            "[dictionary]\nremove = \"CC\"\n",
            (2, 10, "\"CC\""),
            "remove in [dictionary] should be a list of text in quotes, like [\"PDF\", \"KB\"], not text",
        ),
        (
            "abbreviations = [\"DfE\"]\n",
            (1, 17, "[\"DfE\"]"),
            "[abbreviations] should be a table of settings, not a list",
        ),
        (
            "[files]\ninclude = [\"*.txt\", true]\n",
            (2, 21, "true"),
            "a pattern in include in [files] should be text in quotes, not true or false",
        ),
        (
            "[[people]]\nname = \"Ann Lee\"\nrole = 1\n",
            (3, 8, "1"),
            "role in [[people]] should be text in quotes, not a number",
        ),
        (
            "[body]\nprofile = \"parish council\"\n",
            (2, 11, "\"parish council\""),
            "unknown profile \"parish council\" in [body]; use parish, committee, board or none",
        ),
        (
            "[body]\nprofile = [\"parish\"]\n",
            (2, 11, "[\"parish\"]"),
            "profile in [body] should be text in quotes, not a list",
        ),
        (
            "people = \"Ann Lee\"\n",
            (1, 10, "\"Ann Lee\""),
            "people should be a list of people, each written as a [[people]] table, not text",
        ),
    ];
    for (text, (line, column, snippet), message) in cases {
        let error = error_of(text);
        assert_eq!(
            place(text, &error),
            (*line, *column, snippet.to_string()),
            "{text}"
        );
        assert_eq!(&error.message, message, "{text}");
    }
}

#[test]
fn unknown_keys_in_every_table() {
    for (text, message) in [
        ("[glossary]\ndefine = true\n", "unknown setting \"define\" in [glossary]; the only setting there is defines"),
        ("[known]\nadd_ = []\n", "unknown setting \"add_\" in [known]; the settings there are builtin, add, remove"),
        (
            "[dictionary]\nexpansion = {}\n",
            "unknown setting \"expansion\" in [dictionary]; the settings there are builtin, remove, expansions",
        ),
        ("[files]\nskip = []\n", "unknown setting \"skip\" in [files]; the settings there are include, exclude"),
        ("[body]\nkind = \"parish\"\n", "unknown setting \"kind\" in [body]; the only setting there is profile"),
        (
            "[[people]]\ntitle = \"Clerk\"\nname = \"A B\"\n",
            "unknown setting \"title\" in [[people]]; the settings there are name, role, aliases",
        ),
    ] {
        let error = error_of(text);
        assert_eq!(error.message, message);
        assert_eq!(error.line, Some(2), "{text}");
        assert_eq!(error.column, Some(1), "{text}");
    }
}

#[test]
fn a_person_without_a_name() {
    let text = "[[people]]\nname = \"Ann Lee\"\n\n[[people]]\nrole = \"Parish Clerk\"\n";
    let error = error_of(text);
    assert_eq!(
        error.message,
        "a person in [[people]] has no name; write name = \"Their Name\""
    );
    assert_eq!(error.line, Some(4));
}

#[test]
fn an_empty_name_or_expansion() {
    let text = "[[people]]\nname = \"  \"\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 8, "\"  \"".to_owned()));
    assert_eq!(error.message, "name in [[people]] is empty");

    let text = "[abbreviations]\nDfE = \"\"\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 7, "\"\"".to_owned()));
    assert_eq!(
        error.message,
        "the expansion of DfE in [abbreviations] is empty"
    );
}

#[test]
fn a_bad_pattern() {
    let text = "[files]\nexclude = [\"drafts/[abc\"]\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 12, "\"drafts/[abc\"".to_owned()));
    assert_eq!(
        error.message,
        "the pattern \"drafts/[abc\" in exclude in [files] cannot be read: a [ has no closing ]"
    );
}

#[test]
fn broken_toml_is_placed() {
    let text = "[abbreviations]\nDfE = \"Department for Education\n";
    let error = error_of(text);
    assert_eq!((error.line, error.column), (Some(2), Some(32)));
    assert_eq!(error.message, "a quotation mark is not closed on this line");
}

#[test]
fn a_duplicate_key_is_placed() {
    let text = "[abbreviations]\nDfE = \"Department for Education\"\nDfE = \"Something Else\"\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (3, 1, "DfE".to_owned()));
    assert_eq!(error.message, "DfE is set twice in the same table");
}

#[test]
fn a_bare_word_is_placed() {
    let text = "[glossary]\ndefines = yes\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 11, "yes".to_owned()));
    assert_eq!(
        error.message,
        "yes needs quotation marks (\"yes\"), or is meant to be true, false, a number or a [list]"
    );
}

#[test]
fn other_toml_mistakes_keep_tomls_words() {
    let text = "[checks\nselect = []\n";
    let error = error_of(text);
    assert_eq!((error.line, error.column), (Some(1), Some(8)), "{error:?}");
    assert!(
        error
            .message
            .starts_with("the settings file is not valid TOML: "),
        "{}",
        error.message
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // "Café" holds a two-byte character before the mistake.
    let text =
        "[abbreviations]\n\"Café\" = \"A place\"\nXY = 5\n[checks]\nselect = [\"é\", \"Z1\"]\n";
    let error = error_of(text);
    assert_eq!(error.line, Some(3));
    assert_eq!(error.column, Some(6));
    let text = "[checks]\nselect = [\"A001\", \"é\"]\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 19, "\"é\"".to_owned()));
    let text = "[checks]\n\"é\" = 1\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 1, "\"é\"".to_owned()));
    let text = "[checks]\nignore = [\"é\"]\n[checks.severity]\nA001 = \"très\"\n";
    let error = error_of(text);
    assert_eq!(place(text, &error), (2, 11, "\"é\"".to_owned()));
}

#[test]
fn load_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, "[checks]\nselect = [\"A009\"]\n").unwrap();
    let error = load_file(&path).unwrap_err();
    assert_eq!(error.path.as_deref(), Some(path.as_path()));
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("{}:2:11: unknown check \"A009\"", path.display())),
        "{shown}"
    );

    std::fs::write(&path, b"[abbreviations]\nDfE = \"\xff\"\n").unwrap();
    let error = load_file(&path).unwrap_err();
    assert_eq!(
        error.message,
        "the settings file is not UTF-8 text; save it as UTF-8 and check again"
    );

    let missing = load_file(&dir.path().join("nowhere/clerk.toml")).unwrap_err();
    assert_eq!(missing.message, "there is no settings file here");
}

#[test]
fn discover_walks_up_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("minutes/2021/march");
    std::fs::create_dir_all(&nested).unwrap();
    let top = dir.path().join("minutes").join(CONFIG_FILE_NAME);
    std::fs::write(&top, "").unwrap();
    let file = nested.join("committee.txt");
    std::fs::write(&file, "Minutes").unwrap();
    assert_eq!(discover(&file), Some(top.clone()));
    assert_eq!(discover(&nested), Some(top.clone()));
    // A nearer one wins.
    let near = nested.join(CONFIG_FILE_NAME);
    std::fs::write(&near, "").unwrap();
    assert_eq!(discover(&file), Some(near));
    // A file that does not exist yet (a buffer, standard input's name) works too.
    assert_eq!(
        discover(&dir.path().join("minutes/2021/new.txt")),
        Some(top)
    );
}

/// `[body] profile` names the kind of body M001 holds the minutes to;
/// left out, no profile is stated.
#[test]
fn the_profile_of_the_body() {
    use clerk::config::BodyProfile;
    assert_eq!(parse("").unwrap().profile, BodyProfile::Unstated);
    for (word, profile) in [
        ("parish", BodyProfile::Parish),
        ("Committee", BodyProfile::Committee),
        ("board", BodyProfile::Board),
        ("none", BodyProfile::Nothing),
    ] {
        let text = format!("[body]\nprofile = \"{word}\"\n");
        assert_eq!(parse(&text).unwrap().profile, profile, "{text}");
    }
}
