//! Editing clerk.toml text: adding a glossary entry or a person to the
//! register while keeping everything else (comments, order, spacing) as the
//! clerk wrote it.

use super::ConfigError;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

fn parse_document(text: &str) -> Result<DocumentMut, ConfigError> {
    // The TOML parser has panicked on malformed text before (see the test
    // below): a fault there must refuse the edit, not end the server.
    let parsed =
        std::panic::catch_unwind(|| text.parse::<DocumentMut>()).map_err(|_| ConfigError {
            path: None,
            message: "clerk.toml cannot be edited until its mistakes are mended".to_owned(),
            line: None,
            column: None,
            range: None,
        })?;
    parsed.map_err(|error| ConfigError {
        path: None,
        message: format!(
            "clerk.toml cannot be edited until this is mended: {}",
            error.message()
        ),
        line: None,
        column: None,
        range: error
            .span()
            .map(|span| crate::text::TextRange::new(span.start, span.end)),
    })
}

/// `text` with `abbreviation = "expansion"` under `[abbreviations]`, the
/// table added at the end when there is none.
pub fn add_glossary_entry(
    text: &str,
    abbreviation: &str,
    expansion: &str,
) -> Result<String, ConfigError> {
    let mut document = parse_document(text)?;
    let table = document
        .entry("abbreviations")
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| shape_error("abbreviations", "a table"))?;
    table.insert(abbreviation, value(expansion));
    Ok(document.to_string())
}

/// `text` with one more `[[people]]` entry: the name, and the role when known.
pub fn add_registered_person(
    text: &str,
    name: &str,
    role: Option<&str>,
    aliases: &[String],
) -> Result<String, ConfigError> {
    let mut document = parse_document(text)?;
    let people = document
        .entry("people")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or_else(|| shape_error("people", "a list of [[people]] tables"))?;
    let mut person = Table::new();
    person.insert("name", value(name));
    if let Some(role) = role {
        person.insert("role", value(role));
    }
    if !aliases.is_empty() {
        person.insert(
            "aliases",
            value(aliases.iter().map(String::as_str).collect::<Array>()),
        );
    }
    people.push(person);
    Ok(document.to_string())
}

fn shape_error(key: &str, shape: &str) -> ConfigError {
    ConfigError {
        path: None,
        message: format!("`{key}` in clerk.toml should be {shape}"),
        line: None,
        column: None,
        range: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_to_an_existing_glossary_keeping_comments() {
        let text = "# Our house style\n[abbreviations]\nMASH = \"Multi-Agency Safeguarding Hub\" # keep\n\n[rules]\nignore = [\"P002\"]\n";
        let edited = add_glossary_entry(text, "DfE", "Department for Education").unwrap();
        assert_eq!(
            edited,
            "# Our house style\n[abbreviations]\nMASH = \"Multi-Agency Safeguarding Hub\" # keep\nDfE = \"Department for Education\"\n\n[rules]\nignore = [\"P002\"]\n"
        );
    }

    #[test]
    fn creates_the_glossary_and_the_register() {
        let edited = add_glossary_entry("", "DfE", "Department for Education").unwrap();
        assert_eq!(
            edited,
            "[abbreviations]\nDfE = \"Department for Education\"\n"
        );
        let edited =
            add_registered_person(&edited, "Raj Patel", Some("Head of Finance"), &[]).unwrap();
        assert_eq!(
            edited,
            "[abbreviations]\nDfE = \"Department for Education\"\n\n[[people]]\nname = \"Raj Patel\"\nrole = \"Head of Finance\"\n"
        );
    }

    #[test]
    fn a_file_the_toml_parser_once_panicked_on_is_refused() {
        // Found by the fuzzer (fuzz/ target `config`): toml_edit 0.23 panicked
        // on it ("all items have spans") instead of reporting a mistake.
        let text = String::from_utf8_lossy(b"]JNA\x0aNALB0=====\x0d========\x22\x22\x22\x22\x22\x22\x22=\x22\x22======\x0d===\x22\x22\x22\x22\x22\x22\x22=\x22\x22JNA\x0aNALB5=====\x0d========\x22\x22\x22\x22\x22\x22\x22=\x22\x22======\x0d===\x22\x22\x22\x22\x22\x22\x22=\x22\x22======\x0d=====\x22\x22\x22\x22\x22\x22\x22\xe8=================]\x0a.=====\x0d=====\x22\x22\x22\x22\x22]\x22===\xe8===\x22===========]\x0a");
        assert!(add_glossary_entry(&text, "DfE", "x").is_err());
    }

    #[test]
    fn refuses_a_broken_file() {
        assert!(add_glossary_entry("[abbreviations\n", "DfE", "x").is_err());
    }
}
