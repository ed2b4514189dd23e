//! The README's checks table says what the registry says: every check, its
//! code, name and summary, so the documentation cannot drift from the code.

#[test]
fn readme_lists_every_check_as_the_registry_does() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in clerk::rules::RULES {
        let row = format!("| {} | {} | {} |", rule.code, rule.name, rule.summary());
        assert!(readme.contains(&row), "README.md lacks the row: {row}");
    }
}

#[test]
fn readme_example_file_exists() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = readme
        .lines()
        .find(|line| line.starts_with("cargo run --release -- check "))
        .expect("the README's first command");
    let path = command
        .trim_start_matches("cargo run --release -- check ")
        .trim();
    assert!(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(path)
            .is_file(),
        "{path}"
    );
}
