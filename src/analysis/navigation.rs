//! Navigation: from an abbreviation to where it is spelled out, from a
//! person to where they are introduced, every use of either, renaming a
//! person throughout, and the symbols a workspace search lists.

use super::people::{introduction, person_at, surname_of};
use super::{outline, OutlineKind};
use crate::rules::Edit;
use crate::syntax::Document;
use crate::text::TextRange;

/// What the cursor is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Abbreviation(String),
    /// An index into `Document::people`.
    Person(usize),
}

/// The abbreviation or person at `offset`, and the range that names it.
pub fn target_at(doc: &Document, offset: usize) -> Option<(Target, TextRange)> {
    if let Some(use_) = doc
        .abbreviations
        .iter()
        .find(|use_| use_.range.touches(offset))
    {
        return Some((Target::Abbreviation(use_.key.to_string()), use_.range));
    }
    if let Some(definition) = doc
        .definitions
        .iter()
        .find(|definition| definition.range.touches(offset))
    {
        return Some((
            Target::Abbreviation(definition.key.to_string()),
            definition.abbreviation,
        ));
    }
    person_at(doc, offset)
        .map(|(person, mention)| (Target::Person(person), doc.mentions[mention].range))
}

/// Where the thing at `offset` is defined: an abbreviation's definition, a
/// person's introduction.
pub fn definition(doc: &Document, offset: usize) -> Option<TextRange> {
    match target_at(doc, offset)?.0 {
        Target::Abbreviation(key) => doc
            .definitions
            .iter()
            .find(|definition| definition.key == key)
            .map(|definition| definition.range),
        Target::Person(person) => introduction(doc, doc.people.get(person)?),
    }
}

/// Every place the thing at `offset` is named, in text order.
pub fn references(doc: &Document, offset: usize, include_definition: bool) -> Vec<TextRange> {
    let Some((target, _)) = target_at(doc, offset) else {
        return Vec::new();
    };
    let mut ranges: Vec<TextRange> = match target {
        Target::Abbreviation(key) => {
            let uses = doc
                .abbreviations
                .iter()
                .filter(|use_| use_.key == key && (include_definition || !use_.in_definition))
                .map(|use_| use_.range);
            let definitions = doc
                .definitions
                .iter()
                .filter(|definition| include_definition && definition.key == key)
                .map(|definition| definition.abbreviation);
            uses.chain(definitions).collect()
        }
        Target::Person(person) => doc
            .mentions
            .iter()
            .filter(|mention| mention.person == person)
            .map(|mention| mention.range)
            .collect(),
    };
    ranges.sort();
    ranges.dedup();
    ranges
}

/// The part of a mention that a rename changes: the surname at `offset`.
pub fn prepare_rename(text: &str, doc: &Document, offset: usize) -> Option<TextRange> {
    let (person, mention) = person_at(doc, offset)?;
    surname_range(
        text,
        doc.mentions[mention].range,
        &doc.people[person].surname,
    )
}

/// Why a rename was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameRefusal {
    /// Nothing at the place asked about is a person's name.
    NotAPerson,
    /// The new name is not one a person could have, in a clerk's words.
    NotAName(String),
}

/// The longest new name a rename takes, in characters: longer is a paste gone wrong.
const LONGEST_NAME: usize = 100;

/// Whether `new_name` could be a person's name written into the minutes:
/// letters (of any script) with the marks names carry, and nothing that
/// would change the document's structure or what clerk reads in it, such as
/// a line break, a comment that silences checks, or markup.
pub fn name_problem(new_name: &str) -> Option<String> {
    let name = new_name.trim();
    if name.is_empty() {
        return Some("a new name cannot be empty".to_owned());
    }
    if name.chars().count() > LONGEST_NAME {
        return Some(format!("a name is at most {LONGEST_NAME} characters long"));
    }
    if name.contains(['\n', '\r']) {
        return Some("a name is written on one line".to_owned());
    }
    if !name.chars().any(char::is_alphabetic) {
        return Some("a name has at least one letter".to_owned());
    }
    // Apostrophes both straight and curly, hyphens of every kind, full stops
    // for initials, and spaces between the parts.
    let allowed = |ch: char| {
        ch.is_alphabetic()
            || matches!(
                ch,
                ' ' | '\u{a0}' | '.' | '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}'
            )
            || is_combining_mark(ch)
    };
    if let Some(bad) = name.chars().find(|&ch| !allowed(ch)) {
        let shown = if bad.is_control() || bad.is_whitespace() {
            format!("U+{:04X}", u32::from(bad))
        } else {
            format!("\"{bad}\"")
        };
        return Some(format!(
            "a name holds only letters, spaces, hyphens, apostrophes and full stops, not {shown}"
        ));
    }
    None
}

/// Accents written as a separate mark after their letter (NFD text).
fn is_combining_mark(ch: char) -> bool {
    matches!(u32::from(ch), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Renames the person at `offset` everywhere they are named. A new name of
/// one word replaces the surname; of two or more, the first name too where a
/// mention carries one.
pub fn rename(
    text: &str,
    doc: &Document,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, RenameRefusal> {
    let (person_index, _) = person_at(doc, offset).ok_or(RenameRefusal::NotAPerson)?;
    let person = &doc.people[person_index];
    if let Some(problem) = name_problem(new_name) {
        return Err(RenameRefusal::NotAName(problem));
    }
    let new_name = new_name.trim();
    let new_surname = surname_of(new_name);
    let new_first = new_name
        .strip_suffix(new_surname)
        .map(str::trim)
        .filter(|first| !first.is_empty());
    let old_first = person
        .first_name
        .clone()
        .or_else(|| {
            person
                .full_name
                .strip_suffix(&person.surname)
                .map(|first| first.trim().to_owned())
        })
        .filter(|first| !first.is_empty());
    let mut edits = Vec::new();
    for mention in doc
        .mentions
        .iter()
        .filter(|mention| mention.person == person_index)
    {
        let Some(surname) = surname_range(text, mention.range, &person.surname) else {
            continue;
        };
        edits.push(Edit::replace(surname, new_surname));
        if let (Some(new_first), Some(old_first)) = (new_first, &old_first) {
            let before = &text[mention.range.start..surname.start];
            if let Some(at) = before.rfind(old_first.as_str()) {
                let start = mention.range.start + at;
                edits.push(Edit::replace(
                    TextRange::new(start, start + old_first.len()),
                    new_first,
                ));
            }
        }
    }
    edits.sort_by_key(|edit| edit.range);
    Ok(edits)
}

fn surname_range(text: &str, mention: TextRange, surname: &str) -> Option<TextRange> {
    let within = mention.of(text);
    let at = within.rfind(surname).or_else(|| {
        let lower = within.to_lowercase();
        (lower.len() == within.len())
            .then(|| lower.rfind(&surname.to_lowercase()))
            .flatten()
    })?;
    Some(TextRange::new(
        mention.start + at,
        mention.start + at + surname.len(),
    ))
}

/// A symbol a workspace search can list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    pub range: TextRange,
    /// The meeting or item it belongs to.
    pub container: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Meeting,
    Item,
    Resolution,
    Person,
    Abbreviation,
}

/// The meeting, its items, its resolution blocks, its people and the
/// abbreviations it spells out, for a search across minutes.
pub fn symbols(text: &str, doc: &Document) -> Vec<Symbol> {
    let nodes = outline(text, doc);
    let mut symbols: Vec<Symbol> = nodes
        .iter()
        .filter_map(|node| {
            let kind = match node.kind {
                OutlineKind::Meeting => SymbolKind::Meeting,
                OutlineKind::Item => SymbolKind::Item,
                OutlineKind::ResolutionBlock => SymbolKind::Resolution,
                _ => return None,
            };
            Some(Symbol {
                name: node.name.clone(),
                kind,
                range: node.range,
                container: node.parent.map(|parent| nodes[parent].name.clone()),
            })
        })
        .collect();
    for person in &doc.people {
        if let Some(range) = introduction(doc, person) {
            symbols.push(Symbol {
                name: person.full_name.clone(),
                kind: SymbolKind::Person,
                range,
                container: person.roles.first().map(|role| role.text.clone()),
            });
        }
    }
    for definition in &doc.definitions {
        symbols.push(Symbol {
            name: definition.key.to_string(),
            kind: SymbolKind::Abbreviation,
            range: definition.range,
            container: Some(super::outline::clean(definition.expansion.of(text))),
        });
    }
    symbols
}

/// The decisions of one set of minutes, as the folder's register of
/// decisions has them, for a search across minutes: each resolution by its
/// minute's number and first words ("118: That the minutes be signed"), at
/// its place, within the minutes it was made in.
pub fn decision_symbols(document: &crate::folder::FolderDocument) -> Vec<Symbol> {
    document
        .decisions
        .iter()
        .map(|decision| Symbol {
            name: match &decision.minute {
                Some(minute) => format!("{minute}: {}", decision.first_words),
                None => decision.first_words.clone(),
            },
            kind: SymbolKind::Resolution,
            range: decision.place.range,
            container: Some(document.called()),
        })
        .collect()
}
