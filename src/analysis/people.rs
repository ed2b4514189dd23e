//! People as the editor features see them: a name, the role to introduce
//! them with, and where they were first named, whether they come from these
//! minutes, the register in clerk.toml or other minutes in the workspace.

use crate::config::Config;
use crate::syntax::{Document, Person};
use crate::text::TextRange;

/// Whether `word` is a title written before a name ("Ms", "Cllr", "Dr.");
/// the parser's list of honorifics is the one list.
pub fn is_honorific(word: &str) -> bool {
    crate::syntax::lexicon::is_honorific(word.strip_suffix('.').unwrap_or(word))
}

/// Which titles name the same kind of person when completing after one:
/// "Ms", "Mrs" and "Miss" together, "Cllr" and "Councillor" together,
/// "Dr" with or without its full stop.
pub fn same_title(a: &str, b: &str) -> bool {
    fn family(title: &str) -> String {
        let title = title.trim_end_matches('.').to_lowercase();
        match title.as_str() {
            "ms" | "mrs" | "miss" => "ms".to_owned(),
            "cllr" | "councillor" => "cllr".to_owned(),
            "prof" | "professor" => "prof".to_owned(),
            _ => title,
        }
    }
    family(a) == family(b)
}

/// The title a mention or a registered name starts with: "Ms" of "Ms
/// Jordaan", none of "Brigitte Jordaan".
fn title_of(name: &str) -> Option<&str> {
    name.split_whitespace()
        .next()
        .filter(|word| is_honorific(word))
}

/// Where a person known to the editor comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonSource {
    /// An attendance list or a mention in these minutes.
    Document,
    /// The register in clerk.toml.
    Register,
    /// Other minutes in the workspace folder.
    Workspace,
}

/// A person the editor can offer, with the role to introduce them with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownPerson {
    /// The full name without honorific: "Brigitte Jordaan".
    pub name: String,
    pub role: Option<String>,
    pub source: PersonSource,
    /// The titles the person is recorded with, as written: "Ms" where the
    /// minutes say "Ms Jordaan", "Cllr" for a register alias "Cllr Hale".
    pub titles: Vec<String>,
}

impl KnownPerson {
    /// Whether the person is recorded with `title`, or one of its family.
    pub fn has_title(&self, title: &str) -> bool {
        self.titles.iter().any(|known| same_title(known, title))
    }
}

impl KnownPerson {
    pub fn surname(&self) -> &str {
        self.name.rsplit(' ').next().unwrap_or(&self.name)
    }
}

/// The surname a name is keyed by: its last word.
pub fn surname_of(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// Everyone the document names, with the first role it gives each (and no
/// titles: those need the text, which `all_people` has).
pub fn document_people(doc: &Document) -> Vec<KnownPerson> {
    doc.people
        .iter()
        .map(|person| KnownPerson {
            name: person.full_name.clone(),
            role: person.roles.first().map(|role| role.text.clone()),
            source: PersonSource::Document,
            titles: Vec::new(),
        })
        .collect()
}

/// The titles `text` writes before `person`'s name, each once, leaving out
/// the name being typed at `typing`: what the clerk is typing now is no
/// record of how the person is called.
fn titles_in_text(
    doc: &Document,
    text: &str,
    person: &Person,
    typing: Option<TextRange>,
) -> Vec<String> {
    let mut titles: Vec<String> = Vec::new();
    for mention in person
        .mentions
        .iter()
        .filter_map(|&mention| doc.mentions.get(mention))
        .filter(|mention| typing.is_none_or(|typing| !mention.range.touches(typing.end)))
    {
        let written = text
            .get(mention.range.start..mention.range.end)
            .unwrap_or("");
        if let Some(title) = title_of(written) {
            if !titles.iter().any(|known| known == title) {
                titles.push(title.to_owned());
            }
        }
    }
    titles
}

/// Everyone in the register of `config`.
pub fn register_people(config: &Config) -> Vec<KnownPerson> {
    config
        .people
        .iter()
        .map(|person| KnownPerson {
            name: person.name.clone(),
            role: person.role.clone(),
            source: PersonSource::Register,
            titles: std::iter::once(&person.name)
                .chain(&person.aliases)
                .filter_map(|name| title_of(name))
                .map(str::to_owned)
                .collect(),
        })
        .collect()
}

/// The document's people, then the register's, then the workspace's, each
/// name once: the first source to know a role wins.
///
/// A person named only at `typing` (the word being typed, which the parser
/// already takes for a name) is left out.
pub fn all_people(
    doc: &Document,
    text: &str,
    config: &Config,
    workspace: &[KnownPerson],
    typing: Option<TextRange>,
) -> Vec<KnownPerson> {
    let mut people: Vec<KnownPerson> = Vec::new();
    let named_elsewhere = |person: &Person| {
        typing.is_none_or(|typing| {
            person
                .mentions
                .iter()
                .filter_map(|&mention| doc.mentions.get(mention))
                .any(|mention| {
                    !mention.range.touches(typing.end) && !mention.range.touches(typing.start)
                })
        })
    };
    let candidates = doc
        .people
        .iter()
        .filter(|person| named_elsewhere(person))
        .map(|person| KnownPerson {
            name: person.full_name.clone(),
            role: person.roles.first().map(|role| role.text.clone()),
            source: PersonSource::Document,
            titles: titles_in_text(doc, text, person, typing),
        })
        .chain(register_people(config))
        .chain(workspace.iter().cloned());
    for candidate in candidates {
        match people
            .iter_mut()
            .find(|known| same_person(&known.name, &candidate.name))
        {
            Some(known) => {
                if known.role.is_none() {
                    known.role = candidate.role;
                }
                for title in candidate.titles {
                    if !known.titles.contains(&title) {
                        known.titles.push(title);
                    }
                }
                if candidate.name.split_whitespace().count() > known.name.split_whitespace().count()
                {
                    known.name = candidate.name;
                }
            }
            None => people.push(candidate),
        }
    }
    people
}

/// Whether two names name the same person: same surname, and no first names
/// that disagree.
pub fn same_person(a: &str, b: &str) -> bool {
    if !surname_of(a).eq_ignore_ascii_case(surname_of(b)) {
        return false;
    }
    let first = |name: &str| {
        name.split_whitespace()
            .next()
            .filter(|_| name.split_whitespace().count() > 1)
            .map(str::to_owned)
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y),
        _ => true,
    }
}

/// The person in the document named at `offset`, and the mention there.
pub fn person_at(doc: &Document, offset: usize) -> Option<(usize, usize)> {
    let index = first_near(
        &doc.mentions,
        |mention| mention.range,
        offset,
        offset,
        |range| range.touches(offset),
    )?;
    Some((doc.mentions[index].person, index))
}

/// The longest a name or a word that is looked up by place can be: a
/// lookup reads back this far from the place, not from the text's start.
const LONGEST_LOOKED_UP: usize = 4096;

/// The first of `items` (sorted by where they start) that `wanted` accepts,
/// among those starting between `from - LONGEST_LOOKED_UP` and `to`: a
/// lookup by place in a binary search rather than a pass over the whole
/// document, which the server makes for every finding it publishes.
pub(crate) fn first_near<T>(
    items: &[T],
    range_of: impl Fn(&T) -> crate::text::TextRange,
    from: usize,
    to: usize,
    wanted: impl Fn(crate::text::TextRange) -> bool,
) -> Option<usize> {
    let end = items.partition_point(|item| range_of(item).start <= to);
    let lowest = from.saturating_sub(LONGEST_LOOKED_UP);
    let start = items[..end].partition_point(|item| range_of(item).start < lowest);
    (start..end).find(|&index| wanted(range_of(&items[index])))
}

/// Where the person is first named with a role, or else first named at all.
pub fn introduction(doc: &Document, person: &Person) -> Option<TextRange> {
    person
        .roles
        .first()
        .and_then(|role| role.mention)
        .and_then(|mention| doc.mentions.get(mention))
        .map(|mention| mention.range)
        .or_else(|| {
            person
                .mentions
                .first()
                .and_then(|&mention| doc.mentions.get(mention))
                .map(|mention| mention.range)
        })
}
