//! Completion: people, roles and titles, abbreviations, and the two shapes a
//! clerk types again and again, a RESOLVED block and an agenda item, each in
//! the document's own numbering.

use super::people::{all_people, is_honorific, same_person, surname_of, KnownPerson};
use super::Analysis;
use crate::config::Config;
use crate::rules::FolderWords;
use crate::syntax::lexicon::HONORIFICS;
use crate::syntax::{Document, MarkerKind, NumberStyle};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Person,
    Role,
    Title,
    Abbreviation,
    Snippet,
}

/// One thing the editor can offer at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// A second line: a person's role, an abbreviation's expansion.
    pub detail: Option<String>,
    pub kind: CompletionKind,
    /// The text the completion replaces: the word typed so far.
    pub replace: TextRange,
    /// The text inserted; a snippet (with `$1` tab stops) when `snippet`.
    pub insert: String,
    pub snippet: bool,
    /// What the editor matches the typed word against.
    pub filter: String,
}

/// Everything worth offering at `offset`, best first.
pub fn completions(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    workspace: &[KnownPerson],
    offset: usize,
) -> Vec<Completion> {
    completions_in_folder(text, analysis, config, workspace, None, offset)
}

/// Everything worth offering at `offset`, with the abbreviations the other
/// minutes of the folder spell out among them (after the glossary's,
/// before the dictionary's).
pub fn completions_in_folder(
    text: &str,
    analysis: &Analysis,
    config: &Config,
    workspace: &[KnownPerson],
    folder: Option<&FolderWords>,
    offset: usize,
) -> Vec<Completion> {
    let doc = &analysis.doc;
    let offset = crate::text::floor_char_boundary(text, offset);
    let start = word_start(text, offset);
    let prefix = &text[start..offset];
    let replace = TextRange::new(start, offset);
    let before = text[..start].trim_end_matches([' ', '\u{a0}', '\t']);
    let previous_word = before
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .unwrap_or("");
    let at_line_start = before.is_empty() || before.ends_with(['\n', '\r']);
    let after_honorific = before.len() < start && is_honorific(previous_word);

    let mut out = Vec::new();
    let people = all_people(doc, text, config, workspace, Some(replace));
    if after_honorific {
        let title_start = before.len() - previous_word.len();
        complete_after_title(
            doc,
            text,
            &people,
            TextRange::new(title_start, before.len()),
            replace,
            &mut out,
        );
        return out;
    }
    let capitalised = prefix.chars().next().is_some_and(char::is_uppercase);
    if capitalised {
        for person in &people {
            if !starts_with_ignoring_case(&person.name, prefix)
                && !starts_with_ignoring_case(person.surname(), prefix)
            {
                continue;
            }
            let insert = if first_mention(doc, text, person, start) {
                introduction(person)
            } else {
                person.name.clone()
            };
            out.push(person_completion(
                person,
                replace,
                insert,
                person.name.clone(),
            ));
        }
        abbreviations(text, doc, config, folder, prefix, replace, &mut out);
        roles(&people, prefix, replace, &mut out);
        for title in HONORIFICS
            .iter()
            .filter(|title| title.len() > prefix.len() && title.starts_with(prefix))
        {
            out.push(Completion {
                label: (*title).to_owned(),
                detail: Some("title".to_owned()),
                kind: CompletionKind::Title,
                replace,
                insert: (*title).to_owned(),
                snippet: false,
                filter: (*title).to_owned(),
            });
        }
    }
    if at_line_start {
        if "RESOLVED".starts_with(&prefix.to_ascii_uppercase()) {
            out.push(resolved_snippet(text, doc, offset, replace));
        }
        if prefix.is_empty() || prefix.chars().all(|ch| ch.is_ascii_digit() || ch == '#') {
            out.push(item_snippet(text, doc, offset, replace));
        }
    }
    out
}

/// People after a title ("Ms Jor"): each completion replaces the title and
/// the name typed so far, and its text and filter start with both as
/// typed, so that an editor matching what was typed against either (Neovim
/// 0.10's omnifunc, VS Code) keeps it and an editor that inserts from the
/// start of the title leaves no title twice. Those recorded with the title
/// typed, or one of its family (Ms, Mrs, Miss), come first.
fn complete_after_title(
    doc: &Document,
    text: &str,
    people: &[KnownPerson],
    title: TextRange,
    typed: TextRange,
    out: &mut Vec<Completion>,
) {
    let prefix = typed.of(text);
    // The title and the space after it, exactly as typed.
    let written_title = &text[title.start..typed.start];
    let title_word = title.of(text);
    let replace = TextRange::new(title.start, typed.end);
    let mut offered: Vec<(bool, Completion)> = Vec::new();
    for person in people {
        let surname = person.surname();
        let by_surname = starts_with_ignoring_case(surname, prefix);
        if !by_surname && !starts_with_ignoring_case(&person.name, prefix) {
            continue;
        }
        // After a title a person already named is completed by surname.
        let name = if first_mention(doc, text, person, typed.start) {
            introduction(person)
        } else {
            surname.to_owned()
        };
        let filter = if by_surname {
            format!("{written_title}{surname} {}", person.name)
        } else {
            format!("{written_title}{}", person.name)
        };
        offered.push((
            person.has_title(title_word),
            person_completion(person, replace, format!("{written_title}{name}"), filter),
        ));
    }
    // A stable sort: within each group, the order of `people` stands.
    offered.sort_by_key(|(titled, _)| !titled);
    out.extend(offered.into_iter().map(|(_, completion)| completion));
}

/// A person as first mentioned: the name and the role in the house form
/// ("Ms Ada Lovelace, Clerk,"), or the name alone when no role is known.
fn introduction(person: &KnownPerson) -> String {
    match &person.role {
        Some(role) => format!("{}, {},", person.name, role),
        None => person.name.clone(),
    }
}

/// A completion of a person's name, with their role as its detail.
fn person_completion(
    person: &KnownPerson,
    replace: TextRange,
    insert: String,
    filter: String,
) -> Completion {
    Completion {
        label: person.name.clone(),
        detail: person.role.clone(),
        kind: CompletionKind::Person,
        replace,
        insert,
        snippet: false,
        filter,
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where the word under the cursor starts: letters, digits, hyphens and apostrophes.
fn word_start(text: &str, offset: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '-' || *ch == '\'' || *ch == '’')
        .last()
        .map_or(offset, |(index, _)| index)
}

/// Whether naming `person` at `at` would be their first mention in the text.
fn first_mention(doc: &Document, text: &str, person: &KnownPerson, at: usize) -> bool {
    !doc.mentions.iter().any(|mention| {
        mention.range.end <= at
            && doc
                .people
                .get(mention.person)
                .is_some_and(|known| same_person(&known.full_name, &person.name))
    }) && !text[..at].contains(surname_of(&person.name))
}

fn abbreviations(
    text: &str,
    doc: &Document,
    config: &Config,
    folder: Option<&FolderWords>,
    prefix: &str,
    replace: TextRange,
    out: &mut Vec<Completion>,
) {
    let mut seen: Vec<String> = Vec::new();
    let mut offer = |key: &str, expansion: &str, out: &mut Vec<Completion>| {
        if seen.iter().any(|known| known == key) || !key.starts_with(prefix) {
            return;
        }
        seen.push(key.to_owned());
        let used_before =
            doc.abbreviations
                .iter()
                .any(|use_| use_.key == key && use_.range.end <= replace.start)
                || doc.definitions.iter().any(|definition| {
                    definition.key == key && definition.range.end <= replace.start
                });
        let insert = if used_before {
            key.to_owned()
        } else {
            format!("{expansion} ({key})")
        };
        out.push(Completion {
            label: key.to_owned(),
            detail: Some(expansion.to_owned()),
            kind: CompletionKind::Abbreviation,
            replace,
            insert,
            snippet: false,
            filter: key.to_owned(),
        });
    };
    for definition in &doc.definitions {
        offer(
            &definition.key,
            &crate::analysis::outline::clean(definition.expansion.of(text)),
            out,
        );
    }
    for (key, expansion) in &config.glossary {
        offer(key, expansion, out);
    }
    if let Some(folder) = folder {
        let mut spelled_out: Vec<(&String, &String)> = folder
            .spelled_out
            .iter()
            .map(|(key, elsewhere)| (key, &elsewhere.expansion))
            .collect();
        spelled_out.sort();
        for (key, expansion) in spelled_out {
            offer(key, expansion, out);
        }
    }
    let mut dictionary: Vec<(&String, &String)> = config.dictionary.iter().collect();
    dictionary.sort();
    for (key, expansion) in dictionary {
        offer(key, expansion, out);
    }
}

fn roles(people: &[KnownPerson], prefix: &str, replace: TextRange, out: &mut Vec<Completion>) {
    let mut seen: Vec<&str> = Vec::new();
    for role in people.iter().filter_map(|person| person.role.as_deref()) {
        if seen.contains(&role)
            || !starts_with_ignoring_case(role, prefix)
            || role.len() == prefix.len()
        {
            continue;
        }
        seen.push(role);
        out.push(Completion {
            label: role.to_owned(),
            detail: Some("role".to_owned()),
            kind: CompletionKind::Role,
            replace,
            insert: role.to_owned(),
            snippet: false,
            filter: role.to_owned(),
        });
    }
}

/// The agenda item the offset lies in.
fn item_at(doc: &Document, offset: usize) -> Option<usize> {
    doc.items
        .iter()
        .rposition(|item| item.range.start <= offset)
}

/// A RESOLVED block whose resolutions carry on from the item's last numbered
/// resolution, in its style; or, in an item with none, 1., 2.
fn resolved_snippet(_text: &str, doc: &Document, offset: usize, replace: TextRange) -> Completion {
    let item = item_at(doc, offset);
    let last = doc
        .resolution_blocks
        .iter()
        .filter(|block| block.item == item && block.range.start < offset)
        .flat_map(|block| block.resolutions.iter())
        .filter_map(|resolution| resolution.marker.as_ref())
        .rfind(|marker| marker.kind.is_numbered());
    let (first, second) = match last.map(|marker| &marker.kind) {
        Some(MarkerKind::Paragraph { parts }) => (paragraph(parts, 1), paragraph(parts, 2)),
        Some(MarkerKind::Number { value, style }) => {
            (number(*value + 1, *style), number(*value + 2, *style))
        }
        Some(MarkerKind::Letter {
            value,
            upper,
            style,
        }) => (
            letter(*value + 1, *upper, *style),
            letter(*value + 2, *upper, *style),
        ),
        Some(MarkerKind::Roman { value, style }) => {
            (roman(*value + 1, *style), roman(*value + 2, *style))
        }
        _ => ("1.".to_owned(), "2.".to_owned()),
    };
    Completion {
        label: "RESOLVED".to_owned(),
        detail: Some(format!("resolutions {first} and {second}")),
        kind: CompletionKind::Snippet,
        replace,
        insert: format!("RESOLVED:\n{first}\tThat ${{1}}\n{second}\tThat ${{2}}$0"),
        snippet: true,
        filter: "RESOLVED".to_owned(),
    }
}

fn paragraph(parts: &[u32], step: u32) -> String {
    let mut parts = parts.to_vec();
    if let Some(last) = parts.last_mut() {
        *last += step;
    }
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn punctuate(mark: &str, style: NumberStyle) -> String {
    match style {
        NumberStyle::Dot => format!("{mark}."),
        NumberStyle::Paren => format!("{mark})"),
        NumberStyle::Enclosed => format!("({mark})"),
        NumberStyle::Colon => format!("{mark}:"),
        NumberStyle::Bare => mark.to_owned(),
    }
}

fn number(value: u32, style: NumberStyle) -> String {
    punctuate(&value.to_string(), style)
}

fn letter(value: u32, upper: bool, style: NumberStyle) -> String {
    let base = if upper { b'A' } else { b'a' };
    let mark = char::from(base + ((value.max(1) - 1) % 26) as u8);
    punctuate(&mark.to_string(), style)
}

fn roman(value: u32, style: NumberStyle) -> String {
    punctuate(&crate::syntax::lexicon::roman_lower(value), style)
}

/// An agenda item numbered after the last one before the cursor and laid out
/// as that one is: "7. Title", "277.\nTitle", "## 3. Title", "CELS/13 Title".
fn item_snippet(text: &str, doc: &Document, offset: usize, replace: TextRange) -> Completion {
    let previous = doc.items.iter().rfind(|item| item.heading.start < offset);
    let (label, insert) =
        match previous.and_then(|item| item.number.as_ref().map(|number| (item, number))) {
            Some((item, number)) => {
                let next_number = next_item_number(number.range.of(text), number.value);
                let heading = item.heading;
                let title = item.title;
                let mut insert = String::new();
                let mut at = heading.start;
                let mut pieces = vec![(number.range, next_number.clone())];
                if !title.is_empty() && title.start >= number.range.end {
                    pieces.push((title, "${1:Title}".to_owned()));
                }
                for (range, replacement) in pieces {
                    insert.push_str(&escape_snippet(&text[at..range.start]));
                    insert.push_str(&replacement);
                    at = range.end;
                }
                insert.push_str(&escape_snippet(&text[at..heading.end]));
                if title.is_empty() || title.start < number.range.end {
                    insert.push_str(" ${1:Title}");
                }
                insert.push_str("\n$0");
                let shown = next_number
                    .trim_end_matches(['.', '\\'])
                    .trim_start_matches('#')
                    .trim();
                (format!("{shown}. agenda item"), insert)
            }
            None => ("1. agenda item".to_owned(), "1. ${1:Title}\n$0".to_owned()),
        };
    Completion {
        label,
        detail: Some("agenda item".to_owned()),
        kind: CompletionKind::Snippet,
        replace,
        insert,
        snippet: true,
        filter: "item".to_owned(),
    }
}

/// The number after `number`, keeping any committee prefix or year:
/// 276 → 277, CELS/12 → CELS/13, 45/24 → 46/24.
fn next_item_number(written: &str, value: Option<u32>) -> String {
    let Some(value) = value else {
        return written.to_owned();
    };
    let digits = value.to_string();
    // The leading number is the first run of these digits not inside a longer run.
    let bytes = written.as_bytes();
    let mut search = 0;
    while let Some(found) = written[search..].find(&digits) {
        let at = search + found;
        let end = at + digits.len();
        let clear_before = at == 0 || !bytes[at - 1].is_ascii_digit();
        let clear_after = end == bytes.len() || !bytes[end].is_ascii_digit();
        if clear_before && clear_after {
            return format!("{}{}{}", &written[..at], value + 1, &written[end..]);
        }
        search = end;
    }
    (value + 1).to_string()
}

fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}
