//! `clerk index`, `clerk people`, `clerk decisions`, `clerk actions` and
//! `clerk attendance`: what a folder's minutes hold, put in order, as
//! Markdown (ready to go into a report as an appendix), CSV (for a
//! spreadsheet) or JSON (for a program).

use super::folder::{read, ReadFolder};
use super::output::{error_line, untrusted};
use super::{Outcome, RegisterArgs, RegisterFormat};
use crate::folder::registers::{abbreviation_index, IndexEntry, Minutes, Source};
use std::io::Write;

/// Which register a command writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Register {
    Index,
}

pub(crate) fn run(register: Register, args: &RegisterArgs) -> Outcome {
    let ReadFolder {
        folder,
        config,
        failed,
    } = read(&args.paths, args.all_files);
    let rendered = match register {
        Register::Index => {
            let index = abbreviation_index(&folder, &config);
            match args.format {
                RegisterFormat::Markdown => index_markdown(&index, folder.documents.len()),
                RegisterFormat::Csv => index_csv(&index),
                RegisterFormat::Json => json(&index),
            }
        }
    };
    let written = match &args.output_file {
        Some(path) => super::check::write_report(path, rendered.as_bytes()).map_err(|error| {
            format!(
                "{}: the register could not be written: {}",
                path.display(),
                super::files::plain_io_error(&error)
            )
        }),
        None => {
            let mut stdout = std::io::stdout();
            // A reader that stops reading (| head) is no failure of ours.
            let _ = stdout.write_all(rendered.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    };
    if let Err(message) = written {
        anstream::eprintln!("{}", error_line(&message));
        return Outcome::Failed;
    }
    if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}

/// A cell of a Markdown table: on one line, with its bars escaped and
/// control characters shown rather than sent to the terminal.
fn cell(text: &str) -> String {
    untrusted(text).replace('|', "\\|")
}

/// A field of a CSV file, quoted when it must be (RFC 4180).
fn field(text: &str) -> String {
    let text = untrusted(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(fields: &[&str]) -> String {
    let mut line = fields
        .iter()
        .map(|text| field(text))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// How many sets of minutes a Markdown cell names before it counts the rest.
const MINUTES_SHOWN: usize = 6;

/// Minutes named in a cell: the first few, then how many more.
fn minutes_cell(minutes: &[Minutes]) -> String {
    let mut named: Vec<String> = minutes
        .iter()
        .take(MINUTES_SHOWN)
        .map(Minutes::called)
        .collect();
    if minutes.len() > MINUTES_SHOWN {
        named.push(format!("and {} more", minutes.len() - MINUTES_SHOWN));
    }
    named.join("; ")
}

fn index_markdown(index: &[IndexEntry], minutes: usize) -> String {
    let mut out = String::from("# Index of abbreviations\n\n");
    let spelled_out = index
        .iter()
        .filter(|entry| entry.expansions.iter().any(|e| e.source == Source::Minutes))
        .count();
    out.push_str(&format!(
        "{} abbreviations in {minutes} sets of minutes; {spelled_out} of them spelled out in at least one.\n\n",
        index.len()
    ));
    if index.is_empty() {
        return out;
    }
    out.push_str(
        "| Abbreviation | Stands for | First spelled out | Used without being spelled out in |\n",
    );
    out.push_str("| --- | --- | --- | --- |\n");
    for entry in index {
        let unexplained = minutes_cell(&entry.used_without_spelling_out);
        if entry.expansions.is_empty() {
            out.push_str(&format!(
                "| {} | (not spelled out in any minutes) | | {} |\n",
                cell(&entry.abbreviation),
                cell(&unexplained)
            ));
            continue;
        }
        for (n, expansion) in entry.expansions.iter().enumerate() {
            let stands_for = match expansion.source {
                Source::Minutes => expansion.expansion.clone(),
                Source::Glossary => format!("{} (the glossary)", expansion.expansion),
                Source::Dictionary => {
                    format!(
                        "{} (clerk's dictionary; not spelled out in any minutes)",
                        expansion.expansion
                    )
                }
            };
            let first = expansion
                .first_spelled_out
                .as_ref()
                .map(|minutes| format!("{}, line {}", minutes.called(), minutes.line))
                .unwrap_or_default();
            // The minutes that leave it unexplained are named once, on its first row.
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&entry.abbreviation),
                cell(&stands_for),
                cell(&first),
                if n == 0 {
                    cell(&unexplained)
                } else {
                    String::new()
                }
            ));
        }
    }
    let differing: Vec<&str> = index
        .iter()
        .filter(|entry| entry.spelled_differently())
        .map(|entry| entry.abbreviation.as_str())
        .collect();
    if !differing.is_empty() {
        out.push_str(&format!(
            "\nSpelled out in more than one way: {}.\n",
            untrusted(&differing.join(", "))
        ));
    }
    out
}

/// One row per place: where each way of spelling out an abbreviation is
/// first found, where the glossary or the dictionary gives it, and each set
/// of minutes that uses it without spelling it out.
fn index_csv(index: &[IndexEntry]) -> String {
    let mut out = csv_line(&[
        "abbreviation",
        "expansion",
        "source",
        "file",
        "line",
        "date",
        "what",
    ]);
    for entry in index {
        for expansion in &entry.expansions {
            let (source, what) = match expansion.source {
                Source::Minutes => ("minutes", "first spelled out"),
                Source::Glossary => ("glossary", "in the glossary"),
                Source::Dictionary => ("dictionary", "in clerk's dictionary"),
            };
            let (file, line, date) = place_fields(expansion.first_spelled_out.as_ref());
            out.push_str(&csv_line(&[
                &entry.abbreviation,
                &expansion.expansion,
                source,
                &file,
                &line,
                &date,
                what,
            ]));
        }
        for minutes in &entry.used_without_spelling_out {
            let (file, line, date) = place_fields(Some(minutes));
            out.push_str(&csv_line(&[
                &entry.abbreviation,
                "",
                "",
                &file,
                &line,
                &date,
                "used without being spelled out",
            ]));
        }
    }
    out
}

fn place_fields(minutes: Option<&Minutes>) -> (String, String, String) {
    minutes.map_or_else(Default::default, |minutes| {
        (
            minutes.file.clone(),
            minutes.line.to_string(),
            minutes.date.map(|date| date.iso()).unwrap_or_default(),
        )
    })
}
