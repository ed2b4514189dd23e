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
        // Walk uses and definitions together, in text order. Both lists are
        // in text order already (uses by their start, definitions by their
        // abbreviation's), so they are merged as they are read: a list of
        // both, sorted, held a document dense with abbreviations twice
        // over. Of a use and a definition at one place, the use comes first.
        let uses = doc
            .abbreviations
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.in_definition)
            .map(|(i, u)| (u.range.start, false, i));
        let definitions = doc
            .definitions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.abbreviation.start, true, i));
        let in_order = doc.abbreviations.is_sorted_by_key(|u| u.range.start)
            && doc.definitions.is_sorted_by_key(|d| d.abbreviation.start);
        let events: Box<dyn Iterator<Item = (usize, bool, usize)>> = if in_order {
            Box::new(merged(uses, definitions))
        } else {
            let mut events: Vec<_> = uses.chain(definitions).collect();
            events.sort();
            Box::new(events.into_iter())
        };
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

/// Two lists of events in order merged into one in order; of two at one
/// place, the use (`false`) first, as sorting the pairs puts them.
fn merged(
    a: impl Iterator<Item = (usize, bool, usize)>,
    b: impl Iterator<Item = (usize, bool, usize)>,
) -> impl Iterator<Item = (usize, bool, usize)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

#[cfg(test)]
mod tests {
    /// The merge gives what sorting both lists' events together gives,
    /// ties included.
    #[test]
    fn merged_events_come_as_sorted_events_do() {
        let uses = vec![
            (3, false, 0),
            (10, false, 1),
            (10, false, 2),
            (40, false, 3),
        ];
        let definitions = vec![(0, true, 0), (10, true, 1), (41, true, 2)];
        let mut sorted: Vec<_> = uses.iter().chain(&definitions).copied().collect();
        sorted.sort();
        let merged: Vec<_> = super::merged(uses.into_iter(), definitions.into_iter()).collect();
        assert_eq!(merged, sorted);
    }
}
