//! The folder's knowledge put in order for a reader: the index of
//! abbreviations, and the registers of people, decisions, actions and
//! attendance. Plain data; the shells choose how to show it.

use super::{Folder, FolderDocument, MeetingDate};
use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;

/// One set of minutes, as a register names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Minutes {
    pub file: String,
    /// One-based; the line a register entry points at.
    pub line: u32,
    /// "2024-03-04", when the minutes give it without doubt.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<MeetingDate>,
}

fn iso_date<S: serde::Serializer>(date: &Option<MeetingDate>, to: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => to.serialize_str(&date.iso()),
        None => to.serialize_none(),
    }
}

impl Minutes {
    pub(crate) fn at(document: &FolderDocument, line: u32) -> Minutes {
        Minutes {
            file: document.path.clone(),
            line,
            date: document.date,
        }
    }

    /// "4 March 2024 (2024-03.txt)", or the file alone when undated.
    pub fn called(&self) -> String {
        match &self.date {
            Some(date) => format!("{} ({})", date.written(), self.file),
            None => self.file.clone(),
        }
    }
}

/// Where an expansion in the index comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Spelled out in minutes of the folder.
    Minutes,
    /// `[abbreviations]` in clerk.toml.
    Glossary,
    /// The dictionary clerk ships (or `[dictionary.expansions]`), for an
    /// abbreviation no minutes spell out.
    Dictionary,
}

/// One way an abbreviation is spelled out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expansion {
    pub expansion: String,
    pub source: Source,
    /// The earliest minutes that spell it out this way.
    pub first_spelled_out: Option<Minutes>,
    /// How many sets of minutes spell it out this way.
    pub minutes_spelling_it_out: usize,
}

/// An abbreviation, every way the folder spells it out, and the minutes
/// that use it without spelling it out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexEntry {
    pub abbreviation: String,
    pub expansions: Vec<Expansion>,
    /// Earliest first; each set of minutes once, at its first use.
    pub used_without_spelling_out: Vec<Minutes>,
}

impl IndexEntry {
    /// Whether the minutes spell it out in more than one way.
    pub fn spelled_differently(&self) -> bool {
        self.expansions
            .iter()
            .filter(|expansion| expansion.source == Source::Minutes)
            .count()
            > 1
    }
}

/// Two spellings-out are one when they differ only in case, spacing, "&"
/// for "and" or a plural: "Internal Drainage Board" and "internal drainage
/// boards".
pub(crate) fn same_words(expansion: &str) -> String {
    expansion
        .split_whitespace()
        .map(|word| {
            let word = word.to_lowercase().replace('&', "and");
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            word.strip_suffix('s').unwrap_or(word).to_owned()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index of abbreviations: each one the folder's minutes spell out or
/// use unexplained, and each in the glossary; in the order of the alphabet.
pub fn abbreviation_index(folder: &Folder, config: &Config) -> Vec<IndexEntry> {
    let mut entries: BTreeMap<(String, String), IndexEntry> = BTreeMap::new();
    for document in folder.by_date() {
        // Each set of minutes counts once for each way it spells a word out.
        let mut counted: Vec<(&str, String)> = Vec::new();
        for spelled in &document.spelled_out {
            let entry = entry_for(&mut entries, &spelled.key);
            let words = same_words(&spelled.expansion);
            let at = match entry
                .expansions
                .iter()
                .position(|known| same_words(&known.expansion) == words)
            {
                Some(at) => at,
                None => {
                    entry.expansions.push(Expansion {
                        expansion: spelled.expansion.clone(),
                        source: Source::Minutes,
                        first_spelled_out: Some(Minutes::at(document, spelled.place.line)),
                        minutes_spelling_it_out: 0,
                    });
                    entry.expansions.len() - 1
                }
            };
            if !counted.contains(&(spelled.key.as_str(), words.clone())) {
                entry.expansions[at].minutes_spelling_it_out += 1;
                counted.push((spelled.key.as_str(), words));
            }
        }
        for unexplained in &document.unexplained {
            entry_for(&mut entries, &unexplained.key)
                .used_without_spelling_out
                .push(Minutes::at(document, unexplained.place.line));
        }
    }
    for (key, expansion) in &config.glossary {
        entry_for(&mut entries, key).expansions.insert(
            0,
            Expansion {
                expansion: expansion.clone(),
                source: Source::Glossary,
                first_spelled_out: None,
                minutes_spelling_it_out: 0,
            },
        );
    }
    for entry in entries.values_mut() {
        if entry.expansions.is_empty() {
            if let Some((expansion, _)) = config.expansion(&entry.abbreviation) {
                entry.expansions.push(Expansion {
                    expansion: expansion.to_owned(),
                    source: Source::Dictionary,
                    first_spelled_out: None,
                    minutes_spelling_it_out: 0,
                });
            }
        }
    }
    entries.into_values().collect()
}

/// The index's entry for `key`, made if need be; keyed so that the index
/// runs in the order of the alphabet whatever the case.
fn entry_for<'e>(
    entries: &'e mut BTreeMap<(String, String), IndexEntry>,
    key: &str,
) -> &'e mut IndexEntry {
    entries
        .entry((key.to_lowercase(), key.to_owned()))
        .or_insert_with(|| IndexEntry {
            abbreviation: key.to_owned(),
            expansions: Vec::new(),
            used_without_spelling_out: Vec::new(),
        })
}
