//! The abbreviations of one document gathered by key: each one's uses and
//! definitions, in order of first appearance. Built once, read by A001-A004.

use crate::syntax::Document;
use rustc_hash::FxHashMap as HashMap;

#[derive(Default)]
pub struct Entry {
    pub key: String,
    /// Indexes into `Document::abbreviations` of uses outside definitions.
    pub uses: Vec<usize>,
    /// Indexes into `Document::definitions`.
    pub definitions: Vec<usize>,
}

pub struct AbbreviationIndex {
    pub entries: Vec<Entry>,
}

impl AbbreviationIndex {
    pub fn new(doc: &Document) -> AbbreviationIndex {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_key: HashMap<&str, usize> = HashMap::default();
        // Walk uses and definitions together, in text order.
        let mut events: Vec<(usize, bool, usize)> = doc
            .abbreviations
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.in_definition)
            .map(|(i, u)| (u.range.start, false, i))
            .chain(
                doc.definitions
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.abbreviation.start, true, i)),
            )
            .collect();
        events.sort();
        for (_, is_definition, index) in events {
            let key = if is_definition {
                doc.definitions[index].key.as_str()
            } else {
                doc.abbreviations[index].key.as_str()
            };
            let at = *by_key.entry(key).or_insert_with(|| {
                entries.push(Entry {
                    key: key.to_owned(),
                    ..Entry::default()
                });
                entries.len() - 1
            });
            if is_definition {
                entries[at].definitions.push(index);
            } else {
                entries[at].uses.push(index);
            }
        }
        AbbreviationIndex { entries }
    }
}
