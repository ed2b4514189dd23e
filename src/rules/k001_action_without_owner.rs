//! K001 action-without-owner: an action item that names no one to carry it out.
//!
//! ## What it checks
//! The words an "Action:" label opens (`Action:`, `Actions –`, `**Action
//! point:**`) when they set work for no one: an infinitive with no subject
//! ("Action: to obtain prices for the fence") or a passive that says what
//! will be done but not by whom ("Action: the hedge will be cut back").
//! One finding per item, on its label.
//!
//! ## When it stays silent
//! - Wherever the item names anyone who could own it: a capitalised word
//!   after its first (a name, initials, a body: "to be raised with
//!   Highways"), a role or body in any case ("clerk", "chair", "council",
//!   "members", "all"), or a pronoun ("he", "they").
//! - On items that set no work: "Action: none", a report of what was done.
//! - On actions written in a sentence with an owner ("The Clerk to write to
//!   the county"): they have one by their form.
//!
//! ## Off by default
//! Whether every action must name its owner is house style: many bodies
//! require it (an action column of initials, "Clerk to ..."), others let
//! the item's minute or the body as a whole own its actions. Switch it on
//! with `extend-select = ["K001"]` in clerk.toml or `--extend-select K001`.
//!
//! ## Why it matters
//! An action no one owns is an action no one does. Style guides for
//! committees ask that who is responsible for each action is recorded
//! explicitly, so that the next meeting can ask them how it went.
//!
//! ## Fixes
//! None: only the meeting knows who took the action on.
//!
//! ## Example
//! ```text
//! Action: to obtain three quotes for the new fence.
//! ```
//! Use instead: "Action: Cllr Rowe to obtain three quotes for the new fence."

use super::{Context, Rule, Sink};
use crate::syntax::lexicon::is_role_noun;

pub const RULE: Rule = Rule {
    info: &crate::registry::K001,
    check,
};

/// Words that name who may own an action, in any case: bodies, groups and
/// pronouns ("the council will write", "all to read the report").
const OWNERS: &[&str] = &[
    "council",
    "committee",
    "board",
    "members",
    "member",
    "councillors",
    "governors",
    "trustees",
    "all",
    "everyone",
    "each",
    "i",
    "we",
    "he",
    "she",
    "they",
    "it",
    "you",
    "who",
    "whoever",
];

/// Words that say work is to be done: "will be", "to be".
const FUTURE: &[&str] = &["will", "shall", "should", "must", "to", "would"];

fn check(cx: &Context, sink: &mut Sink) {
    for action in cx.doc.actions(cx.text) {
        let (Some(label), None) = (action.label, action.owner) else {
            continue;
        };
        if sets_work_for_no_one(action.what.of(cx.text)) {
            sink.push(
                label,
                "This action item does not say who is to carry it out",
            );
        }
    }
}

/// Whether an action item's words set work and name no one who could do it.
fn sets_work_for_no_one(what: &str) -> bool {
    let words: Vec<&str> = what
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ':' | '/' | '&'))
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    // A name, initials or a body anywhere but the opening word, which
    // takes a capital of its own.
    if words[1..]
        .iter()
        .any(|word| word.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    if lower
        .iter()
        .any(|word| OWNERS.contains(&word.as_str()) || is_role_noun(word))
    {
        return false;
    }
    // Initials or a name in the opening word: "JB", "Smith will ...".
    if first.chars().all(|c| c.is_uppercase()) && first.len() > 1 {
        return false;
    }
    // "to obtain ...": an infinitive with no subject.
    let infinitive = lower[0] == "to"
        && words
            .get(1)
            .is_some_and(|verb| verb.chars().all(|c| c.is_ascii_lowercase()) && *verb != "be");
    // "... will be cut", "to be sent": a passive that says what, not who.
    let passive = lower
        .windows(3)
        .any(|three| FUTURE.contains(&three[0].as_str()) && three[1] == "be" && three[2].len() > 2);
    infinitive || passive
}

#[cfg(test)]
mod tests {
    use super::sets_work_for_no_one;

    #[test]
    fn hears_work_set_for_no_one() {
        assert!(sets_work_for_no_one("to obtain prices for the fence"));
        assert!(sets_work_for_no_one("the hedge will be cut back"));
        assert!(sets_work_for_no_one("Full details to be sent round"));
        assert!(!sets_work_for_no_one("none"));
        assert!(!sets_work_for_no_one("to be raised with Highways"));
        assert!(!sets_work_for_no_one("clerk to write"));
        assert!(!sets_work_for_no_one("all to read the report"));
        assert!(!sets_work_for_no_one("JB will be asked"));
        assert!(!sets_work_for_no_one("the gate was mended"));
    }
}
