//! Actions as minutes record them: "The Clerk to contact Highways about the
//! verge by the next meeting", "Cllr Stone to obtain two quotes". An
//! action opens a sentence (or follows "Action:" or a dash), names its
//! owner (an officer by role, a person by title and name, or initials the
//! attendance list gives someone) and then "to" and a verb.

use crate::syntax::{BlockKind, Document};
use crate::text::TextRange;
use regex::Regex;
use std::sync::LazyLock;

/// An action found in one set of minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundAction {
    /// Who is to act, as written: "The Clerk", "Cllr Stone".
    pub owner: String,
    /// What they are to do, from the verb: "contact Highways about the verge".
    pub what: String,
    /// When by, if the minutes say: "the next meeting", "14 March".
    pub by_when: Option<String>,
    /// The owner and the action.
    pub range: TextRange,
}

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

/// Every action in the paragraphs of the minutes, in text order.
pub fn actions(text: &str, doc: &Document) -> Vec<FoundAction> {
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
        // Most paragraphs hold no " to " after a capital at all.
        if !content.contains(" to ") {
            continue;
        }
        for caps in ACTION.captures_iter(content) {
            let (Some(owner), Some(what)) = (caps.name("owner"), caps.name("what")) else {
                continue;
            };
            let owner_text = owner.as_str();
            // Capitals alone own an action only as someone's initials.
            if owner_text.bytes().all(|b| b.is_ascii_uppercase()) && !initials.contains(&owner_text)
            {
                continue;
            }
            let what_text = what.as_str().trim_end();
            let by_when = BY_WHEN
                .captures(what_text)
                .and_then(|caps| caps.name("when"))
                .map(|when| when.as_str().to_owned());
            found.push(FoundAction {
                owner: one_line(owner_text),
                what: one_line(what_text),
                by_when,
                range: TextRange::new(
                    block.content.start + owner.start(),
                    block.content.start + what.start() + what_text.len(),
                ),
            });
        }
    }
    found
}

/// Words run onto one line, as a register shows them.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = crate::syntax::parse(text);
        actions(text, &doc)
            .into_iter()
            .map(|action| (action.owner, action.what, action.by_when))
            .collect()
    }

    #[test]
    fn reads_owner_action_and_date() {
        let found = read(
            "4. Verges\n\nThe grass is long. The Clerk to contact Highways about the verge by the next meeting.\n",
        );
        assert_eq!(
            found,
            vec![(
                "The Clerk".to_owned(),
                "contact Highways about the verge by the next meeting".to_owned(),
                Some("the next meeting".to_owned())
            )]
        );
    }

    #[test]
    fn reads_people_and_action_labels() {
        let found = read("The bench is broken. Action: Cllr Stone to obtain two quotes.\n");
        assert_eq!(found[0].0, "Cllr Stone");
        assert_eq!(found[0].1, "obtain two quotes");
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn passes_over_what_is_no_action() {
        assert!(read("The Clerk spoke to the Chair.\n").is_empty());
        assert!(read("It was said that Highways to the east are poor.\n").is_empty());
        assert!(read("The NCC to repair the road.\n").is_empty());
    }
}
