//! The Helix configuration (editors/helix/languages.toml). Helix is not
//! packaged for Debian 12, so this test cannot start it; it checks what Helix
//! would read: the minutes language, its file globs (matched with globset, as
//! Helix matches them), its root marker and the clerk server command.

use std::path::PathBuf;

fn languages() -> toml::Table {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("editors/helix/languages.toml");
    std::fs::read_to_string(&path).unwrap().parse().unwrap()
}

#[test]
fn helix_runs_clerk_lsp_for_minutes_files() {
    let config = languages();
    let server = &config["language-server"]["clerk"];
    assert_eq!(server["command"].as_str(), Some("clerk"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &vec![toml::Value::from("lsp")]
    );
    assert!(server["config"]["ignore"].is_array());
    // An empty select would tell the server to run no check at all.
    assert!(server["config"]
        .get("select")
        .is_none_or(|select| !select.as_array().unwrap().is_empty()));

    let languages = config["language"].as_array().unwrap();
    assert_eq!(languages.len(), 1);
    let minutes = &languages[0];
    assert_eq!(minutes["name"].as_str(), Some("minutes"));
    assert_eq!(
        minutes["language-servers"].as_array().unwrap(),
        &vec![toml::Value::from("clerk")]
    );
    assert_eq!(
        minutes["roots"].as_array().unwrap(),
        &vec![toml::Value::from("clerk.toml")]
    );

    let mut globs = globset::GlobSetBuilder::new();
    for file_type in minutes["file-types"].as_array().unwrap() {
        globs.add(globset::Glob::new(file_type["glob"].as_str().unwrap()).unwrap());
    }
    let globs = globs.build().unwrap();
    for name in [
        "committee.minutes",
        "2025-03-04.minutes.md",
        "parish.minutes.txt",
    ] {
        assert!(globs.is_match(name), "{name} is minutes");
    }
    for name in [
        "notes.md",
        "minutes.txt",
        "README.md",
        "committee.minutes.bak",
    ] {
        assert!(!globs.is_match(name), "{name} is not minutes");
    }
}
