//! Actions as minutes record them: "The Clerk to contact Highways about the
//! verge by the next meeting", "Cllr Stone to obtain two quotes",
//! "Action: to price a new bench". An action with an owner opens a
//! sentence (or follows "Action:" or a dash), names its owner (an officer
//! by role, a person by title and name, or initials the attendance list
//! gives someone) and then "to" and a verb. An action item is also the
//! text an "Action:" label opens, whether or not it names anyone.
//!
//! Actions read the paragraphs and the people the parse found, and are
//! gathered on first use (`Document::actions`): only the folder's register
//! of actions and the checks that ship off need them, so a keystroke in an
//! editor never pays for them.

use super::model::{Action, BlockKind, Document};
use crate::text::TextRange;
use regex::Regex;
use std::sync::LazyLock;

/// An owner and "to": where a sentence opens, after "Action:" or a dash.
static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[.;:!?)]\s+|\s[-–—]\s+|(?i:action(?:s|\s+point)?)\s*[:\-–]?\s*)",
        r"(?P<owner>",
        r"(?:(?i:the)\s+)?(?:(?:Parish|Town|Assistant|Deputy)\s+)?(?:Clerk|Vice[- ]Chair(?:man|woman)?|Chair(?:man|woman|person)?|Treasurer|RFO|Responsible\s+Financial\s+Officer)",
        r"|(?:Cllrs?\.?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'’\-]+(?:\s+(?:and|&)\s+(?:Cllr\.?\s+)?[A-Z][A-Za-z'’\-]+)?",
        r"|[A-Z]{2,3}",
        r")\s+to\s+(?P<what>[a-z][^.;\n]{2,300})",
    ))
    .unwrap()
});

/// "by the next meeting", "by 14 March", "before the end of May".
static BY_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:by|before)\s+(?P<when>",
        r"(?:the\s+)?(?:next|following)\s+meeting",
        r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:month|year|[A-Z][a-z]+)",
        r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+(?:\s+\d{4})?",
        r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?",
        r"|\d{1,2}/\d{1,2}/\d{2,4}",
        r")",
    ))
    .unwrap()
});

/// An "Action:" label opening a paragraph, in bold or not: "Action:",
/// "Actions -", "**Action point:**". What follows it, to the end of its
/// sentence, is an action item.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)?(?i:actions?(?:\s+points?)?)\s*(?:(?:\*\*|__)\s*[:\-–]|[:\-–]\s*(?:\*\*|__)?)[ \t]*")
        .unwrap()
});

/// Every action in the paragraphs of the minutes, in text order: each
/// owner and "to", then each action item an "Action:" label opens that
/// holds no such owner.
pub(crate) fn find_actions(text: &str, doc: &Document) -> Vec<Action> {
    let initials: Vec<&str> = doc
        .people
        .iter()
        .filter_map(|person| person.initials.as_deref())
        .collect();
    let mut found = Vec::new();
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let content = block.content.of(text);
        let at = |start: usize, end: usize| {
            TextRange::new(block.content.start + start, block.content.start + end)
        };
        // The label ends where its words begin; the range the model keeps
        // is the label without the space after it.
        let label_match = LABEL.find(content);
        let words_start = label_match.map(|label| label.end());
        let label = label_match.map(|label| {
            at(
                label.start(),
                label.start() + label.as_str().trim_end().len(),
            )
        });
        let before = found.len();
        // Most paragraphs hold no " to " after a capital at all.
        if content.contains(" to ") {
            for caps in ACTION.captures_iter(content) {
                let (Some(owner), Some(what)) = (caps.name("owner"), caps.name("what")) else {
                    continue;
                };
                let owner_text = owner.as_str();
                // Capitals alone own an action only as someone's initials.
                if owner_text.bytes().all(|b| b.is_ascii_uppercase())
                    && !initials.contains(&owner_text)
                {
                    continue;
                }
                let what_text = what.as_str().trim_end();
                let what_end = what.start() + what_text.len();
                let by_when = BY_WHEN
                    .captures(what_text)
                    .and_then(|caps| caps.name("when"))
                    .map(|when| at(what.start() + when.start(), what.start() + when.end()));
                // The label's own action, when the owner follows it.
                let labelled = label.filter(|_| words_start == Some(owner.start()));
                found.push(Action {
                    range: at(owner.start(), what_end),
                    owner: Some(at(owner.start(), owner.end())),
                    what: at(what.start(), what_end),
                    by_when,
                    label: labelled,
                });
            }
        }
        let Some(label) = label else { continue };
        if found[before..].iter().any(|action| action.label.is_some()) {
            continue;
        }
        // The item runs to the end of its sentence, or of the paragraph.
        let from = words_start.unwrap_or(content.len());
        let rest = &content[from..];
        let end = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, '.' | ';' | '!' | '?')
                    && rest[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
            })
            .map_or(rest.len(), |(i, _)| i);
        let words = rest[..end].trim_end();
        if words.is_empty() {
            continue;
        }
        let what = at(from, from + words.len());
        found.push(Action {
            range: label.cover(what),
            owner: None,
            what,
            by_when: None,
            label: Some(label),
        });
    }
    found.sort_by_key(|action| action.range.start);
    found
}

#[cfg(test)]
mod tests {
    fn read(text: &str) -> Vec<(Option<String>, String, Option<String>, bool)> {
        let doc = crate::syntax::parse(text);
        doc.actions(text)
            .iter()
            .map(|action| {
                (
                    action.owner.map(|owner| owner.of(text).to_owned()),
                    action.what.of(text).to_owned(),
                    action.by_when.map(|when| when.of(text).to_owned()),
                    action.label.is_some(),
                )
            })
            .collect()
    }

    #[test]
    fn reads_an_owner_and_a_date() {
        assert_eq!(
            read("The grass is long. The Clerk to cut it by 3 June.\n"),
            vec![(
                Some("The Clerk".to_owned()),
                "cut it by 3 June".to_owned(),
                Some("3 June".to_owned()),
                false
            )]
        );
    }

    #[test]
    fn reads_labelled_items_with_and_without_an_owner() {
        assert_eq!(
            read("Action: Cllr Moss to mend the gate.\n"),
            vec![(
                Some("Cllr Moss".to_owned()),
                "mend the gate".to_owned(),
                None,
                true
            )]
        );
        // In bold, the label's words are the item, owner and all (the
        // folder's register has always read owners this way).
        assert_eq!(
            read("**Action:** Cllr Moss to mend the gate.\n"),
            vec![(None, "Cllr Moss to mend the gate".to_owned(), None, true)]
        );
        assert_eq!(
            read("Action: a new lock will be bought. The gate is old.\n"),
            vec![(None, "a new lock will be bought".to_owned(), None, true)]
        );
        assert!(read("Action:\n").is_empty());
        assert!(read("Actionable items were discussed.\n").is_empty());
    }

    #[test]
    fn never_cuts_a_character() {
        for text in ["Action: é", "Action:é.", "Action – “x”", "Actions -"] {
            let _ = read(text);
        }
    }
}
