//! R004 decision-under-aob: a decision recorded under "Any Other Business".
//!
//! ## What it checks
//! A formal decision marker (RESOLVED, AGREED or DECIDED in capitals,
//! "It was resolved", a "Decision:" label) in an agenda item whose title is
//! "Any Other Business", "AOB" or "A.O.B." (in any case). One finding per
//! marked block, on its marker.
//!
//! ## When it stays silent
//! - Where the decision only puts the matter before a later meeting or
//!   notes it: a resolution that mentions an agenda, a future or next
//!   meeting, or that notes, receives, defers or refers. That is what
//!   "Any Other Business" is for.
//! - Where the item is urgent business: its title or its text says
//!   "urgent" or "urgency". The law of many bodies lets the chair admit an
//!   urgent matter that was not on the agenda, and the minutes then say so.
//! - On "That ..." decisions with no marker (R003 speaks of those), and on
//!   "it was agreed" and "it was decided" in small letters: as often a
//!   consensus on a next step or a view as a decision.
//!
//! ## Off by default
//! Whether "Any Other Business" may decide depends on the body: a council
//! in England or Wales cannot decide business its summons did not give,
//! while a company's board or a club may, when its rules allow. And the
//! minutes of the corpus clerk is measured on record no formal decision
//! under "Any Other Business", so its precision is not yet measured.
//! Switch it on with `extend-select = ["R004"]` in clerk.toml or
//! `--extend-select R004`.
//!
//! ## Why it matters
//! A meeting may decide only what its agenda gave notice of: members and
//! the public must know in advance what will be decided, and a decision
//! taken under "Any Other Business" can be challenged as unlawful. Guidance
//! for clerks is that such matters go on the next agenda.
//!
//! ## Fixes
//! None: the decision stands in the record as taken; what to do about it
//! is for the body.
//!
//! ## Example
//! ```text
//! 12. Any Other Business
//! RESOLVED that the Council buy a new noticeboard.
//! ```
//! Use instead: "RESOLVED that the purchase of a new noticeboard be placed
//! on the agenda of the next meeting."

use super::{Context, Rule, Sink};

pub const RULE: Rule = Rule {
    info: &crate::registry::R004,
    check,
};

/// Words in a resolution that make it no decision of the matter itself:
/// putting it before a later meeting, noting it, passing it on.
const NOT_DECIDING: &[&str] = &[
    "agenda",
    "agendas",
    "next",
    "future",
    "later",
    "following",
    "note",
    "notes",
    "noted",
    "receive",
    "receives",
    "received",
    "defer",
    "deferred",
    "refer",
    "referred",
    "consider",
    "considered",
    "discuss",
    "discussed",
    "urgent",
    "urgency",
];

fn check(cx: &Context, sink: &mut Sink) {
    for block in &cx.doc.resolution_blocks {
        let Some(marker) = block.marker.filter(|marker| is_formal(marker.of(cx.text))) else {
            continue;
        };
        let Some(item) = block.item.and_then(|item| cx.doc.items.get(item)) else {
            continue;
        };
        if !is_any_other_business(item.title.of(cx.text)) {
            continue;
        }
        let item_text = item.range.of(cx.text).to_lowercase();
        if item_text.contains("urgent") || item_text.contains("urgency") {
            continue;
        }
        let decides = block
            .resolutions
            .iter()
            .any(|resolution| !has_any(resolution.text.of(cx.text), NOT_DECIDING));
        // A marker with no resolution under it: its own sentence is the decision.
        let decides = decides
            || block.resolutions.is_empty() && !has_any(block.range.of(cx.text), NOT_DECIDING);
        if decides {
            sink.push(
                marker,
                "A decision under Any Other Business: the agenda gave no notice of it",
            );
        }
    }
}

/// Whether a decision marker is a formal one: RESOLVED, AGREED or DECIDED
/// in capitals, "resolved" in any case, or a "Decision" label. "It was
/// agreed" is as often a consensus on a next step ("it was agreed that
/// advice would be sought") or on a view ("it was agreed that the delay
/// was regrettable") as a decision.
fn is_formal(marker: &str) -> bool {
    ["RESOLVED", "AGREED", "DECIDED", "Decision", "DECISION"]
        .iter()
        .any(|word| marker.contains(word))
        || marker.to_lowercase().contains("resolved")
}

/// Whether an item's title is "Any Other Business" or its abbreviation.
fn is_any_other_business(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    words
        .windows(3)
        .any(|three| three == ["any", "other", "business"])
        || words.contains(&"aob")
        || words.windows(3).any(|three| three == ["a", "o", "b"])
}

/// Whether `text` holds any of `words`, in any case.
fn has_any(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| words.contains(&word.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_any_other_business;

    #[test]
    fn knows_any_other_business_by_its_names() {
        assert!(is_any_other_business("Any Other Business"));
        assert!(is_any_other_business("A.O.B."));
        assert!(is_any_other_business("AOB"));
        assert!(is_any_other_business(
            "ANY OTHER BUSINESS (for information only)"
        ));
        assert!(!is_any_other_business("Other business of the Council"));
        assert!(!is_any_other_business("Boating"));
    }
}
