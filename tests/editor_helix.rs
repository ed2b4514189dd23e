//! The Helix configuration (editors/helix/languages.toml). Helix is not
//! packaged for Debian 12, so these tests cannot start it; they check what
//! Helix would read: every key is one Helix knows (the lists below are
//! taken from Helix's documentation, book/src/languages.md and editor.md,
//! as of 25.07), each value has the type Helix expects, and the minutes
//! language, its file globs (matched with globset, as Helix matches them),
//! its root marker and the clerk server command are right.

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

/// The keys Helix accepts at the top of languages.toml.
const TOP_LEVEL_KEYS: &[&str] = &["use-grammars", "language", "language-server", "grammar"];

/// The keys of a `[[language]]` section (Helix's "Language configuration"
/// table, with `comment-token`, `auto-pairs` and `debugger`, which Helix
/// still reads).
const LANGUAGE_KEYS: &[&str] = &[
    "name",
    "language-id",
    "scope",
    "injection-regex",
    "file-types",
    "shebangs",
    "roots",
    "auto-format",
    "diagnostic-severity",
    "comment-tokens",
    "comment-token",
    "block-comment-tokens",
    "indent",
    "language-servers",
    "grammar",
    "formatter",
    "soft-wrap",
    "text-width",
    "rulers",
    "path-completion",
    "word-completion",
    "workspace-lsp-roots",
    "persistent-diagnostic-sources",
    "auto-pairs",
    "debugger",
];

/// The keys of a `[language-server.NAME]` section.
const LANGUAGE_SERVER_KEYS: &[&str] = &[
    "command",
    "args",
    "config",
    "timeout",
    "environment",
    "required-root-patterns",
];

/// The keys of `soft-wrap` (as `[editor.soft-wrap]`).
const SOFT_WRAP_KEYS: &[&str] = &[
    "enable",
    "max-wrap",
    "max-indent-retain",
    "wrap-indicator",
    "wrap-at-text-width",
];

/// The keys of an entry of `language-servers` written as a table.
const LANGUAGE_SERVER_ENTRY_KEYS: &[&str] = &["name", "only-features", "except-features"];

/// Every key of `table` that `known` lacks, named by where it is.
fn unknown_keys(table: &toml::Table, known: &[&str], at: &str) -> Vec<String> {
    table
        .keys()
        .filter(|key| !known.contains(&key.as_str()))
        .map(|key| format!("{at}{key}"))
        .collect()
}

fn is_strings(value: &toml::Value) -> bool {
    value
        .as_array()
        .is_some_and(|list| list.iter().all(toml::Value::is_str))
}

/// What Helix would refuse in `config`: unknown keys and values of the
/// wrong type, each said in a line.
fn helix_refuses(config: &toml::Table) -> Vec<String> {
    let mut problems = unknown_keys(config, TOP_LEVEL_KEYS, "");
    for (name, server) in config
        .get("language-server")
        .and_then(toml::Value::as_table)
        .into_iter()
        .flatten()
    {
        let Some(server) = server.as_table() else {
            problems.push(format!("language-server.{name} is not a table"));
            continue;
        };
        let at = format!("language-server.{name}.");
        problems.extend(unknown_keys(server, LANGUAGE_SERVER_KEYS, &at));
        if !server.get("command").is_some_and(toml::Value::is_str) {
            problems.push(format!("{at}command is not a string"));
        }
        if server.get("args").is_some_and(|args| !is_strings(args)) {
            problems.push(format!("{at}args is not a list of strings"));
        }
        if server
            .get("config")
            .is_some_and(|config| !config.is_table())
        {
            problems.push(format!("{at}config is not a table"));
        }
    }
    for (index, language) in config
        .get("language")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(language) = language.as_table() else {
            problems.push(format!("language[{index}] is not a table"));
            continue;
        };
        let at = format!("language[{index}].");
        problems.extend(unknown_keys(language, LANGUAGE_KEYS, &at));
        for key in ["name", "scope"] {
            if !language.get(key).is_some_and(toml::Value::is_str) {
                problems.push(format!("{at}{key} is not a string"));
            }
        }
        if language
            .get("roots")
            .is_some_and(|roots| !is_strings(roots))
        {
            problems.push(format!("{at}roots is not a list of strings"));
        }
        if language
            .get("auto-format")
            .is_some_and(|value| !value.is_bool())
        {
            problems.push(format!("{at}auto-format is not true or false"));
        }
        for file_type in language
            .get("file-types")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            let fits = file_type.is_str()
                || file_type.as_table().is_some_and(|table| {
                    table.len() == 1 && table.get("glob").is_some_and(toml::Value::is_str)
                });
            if !fits {
                problems.push(format!(
                    "{at}file-types holds {file_type}, neither a string nor {{ glob = \"...\" }}"
                ));
            }
        }
        if let Some(wrap) = language.get("soft-wrap") {
            match wrap.as_table() {
                Some(wrap) => {
                    problems.extend(unknown_keys(
                        wrap,
                        SOFT_WRAP_KEYS,
                        &format!("{at}soft-wrap."),
                    ));
                    if wrap.get("enable").is_some_and(|value| !value.is_bool()) {
                        problems.push(format!("{at}soft-wrap.enable is not true or false"));
                    }
                }
                None => problems.push(format!("{at}soft-wrap is not a table")),
            }
        }
        for server in language
            .get("language-servers")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            match server {
                toml::Value::String(name) => {
                    let defined = config
                        .get("language-server")
                        .and_then(|servers| servers.get(name))
                        .is_some();
                    if !defined {
                        problems.push(format!(
                            "{at}language-servers names {name}, which no [language-server.{name}] defines"
                        ));
                    }
                }
                toml::Value::Table(entry) => problems.extend(unknown_keys(
                    entry,
                    LANGUAGE_SERVER_ENTRY_KEYS,
                    &format!("{at}language-servers."),
                )),
                other => problems.push(format!("{at}language-servers holds {other}")),
            }
        }
    }
    problems
}

#[test]
fn helix_knows_every_key_in_the_languages_toml() {
    assert_eq!(helix_refuses(&languages()), Vec::<String>::new());
}

#[test]
fn a_key_helix_does_not_know_is_caught() {
    // The check itself: a misspelt key, a server nobody defines and a
    // file type in Helix's old form are each refused.
    let mut config = languages();
    let minutes = config["language"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap();
    minutes.insert("softwrap".to_owned(), toml::Value::Boolean(true));
    minutes.insert(
        "language-servers".to_owned(),
        toml::Value::Array(vec![toml::Value::from("clerk-lsp")]),
    );
    let mut suffix = toml::Table::new();
    suffix.insert("suffix".to_owned(), toml::Value::from(".minutes"));
    minutes.insert(
        "file-types".to_owned(),
        toml::Value::Array(vec![toml::Value::Table(suffix)]),
    );
    assert_eq!(
        helix_refuses(&config),
        [
            "language[0].softwrap",
            "language[0].file-types holds { suffix = \".minutes\" }, neither a string nor { glob = \"...\" }",
            "language[0].language-servers names clerk-lsp, which no [language-server.clerk-lsp] defines",
        ]
    );
}
