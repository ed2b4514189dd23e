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
